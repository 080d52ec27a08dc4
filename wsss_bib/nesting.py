"""Explicit depth limits for the parsers of nested input that recurse: pylatexenc (TeX to text)
and json. A hostile answer or file nests thousands deep (`{{{{…`, `\\begin{x}\\begin{x}…`, `[[[[…`);
each is measured first, with a loop, and refused beyond the limit, so a RecursionError (or a
crash deep inside the parser) never reaches the run. PyYAML's depth is bounded where it is read
(overrides._parse), by its events.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

MAX_TEX_DEPTH = 50  # real titles nest a few groups (`{\\bf {CAM}}`, `$\\sqrt{x_{i}}$`)
MAX_JSON_DEPTH = 64  # a Crossref work nests about 8 deep; the lock file about 7
MAX_DIGITS = 30  # an integer of a lock file or a service answer; Python refuses past 4300

TEX_TOKENS = re.compile(r"\\begin(?![A-Za-z])|\\end(?![A-Za-z])|\\.|[{}]", re.DOTALL)
JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class TooDeep(ValueError):
    """Input nested deeper than its parser is allowed to go (or that its parser cannot read)."""


def tex_depth(text: str) -> int:
    """The deepest nesting of groups (`{…}`) and environments (`\\begin…\\end`) in `text`."""
    depth = deepest = 0
    for token in TEX_TOKENS.finditer(text):
        kind = token.group()
        if kind in ("{", "\\begin"):
            depth += 1
            deepest = max(deepest, depth)
        elif kind in ("}", "\\end"):
            depth = max(0, depth - 1)
    return deepest


def latex_to_text(decode: Callable[[str], str], text: str) -> str:
    """`decode(text)` (a pylatexenc conversion), or TooDeep when `text` nests too deep for it.

    The depth is measured first; a chain of macros taking each other as arguments (`\\sqrt\\sqrt…`)
    has no braces to count, so what pylatexenc still fails on is caught here too.
    """
    depth = tex_depth(text)
    if depth > MAX_TEX_DEPTH:
        raise TooDeep(f"TeX nested {depth} deep (at most {MAX_TEX_DEPTH})")
    try:
        return decode(text)
    except RecursionError:
        raise TooDeep(f"TeX nested too deep to read (more than {MAX_TEX_DEPTH} macros in a chain)") from None
    except Exception as err:  # pylatexenc on input it does not foresee (KeyError, IndexError, ...)
        raise TooDeep(f"TeX its reader cannot read ({type(err).__name__})") from None


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON `text` (strings skipped)."""
    depth = deepest = 0
    for token in JSON_TOKENS.finditer(text):
        kind = token.group()
        if kind in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif kind in "]}":
            depth -= 1
    return deepest


class BadNumber(ValueError):
    """A JSON number no record or lock holds: NaN, Infinity (Python's json takes both, which JSON
    has not), a float out of range (`1e400` is inf) or an integer of too many digits. `lineno`:
    where the first such number is (1-based), when it can be found."""

    def __init__(self, message: str, token: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.token = token
        self.lineno = lineno


# What a JSON value that is a number (or Python's NaN/Infinity) looks like, strings skipped.
JSON_NUMBERS = re.compile(r'"(?:[^"\\]|\\.)*"|-?(?:NaN|Infinity)|-?[0-9][0-9.eE+-]*', re.DOTALL)
MAX_FLOAT_CHARS = 40  # a score (`87.5`) or a coordinate; a float of thousands of digits is no number of ours


def json_loads(text: str | bytes) -> Any:
    """json.loads with the depth, the digits of every integer and every float bounded, NaN and
    Infinity refused; ValueError (TooDeep, BadNumber) beyond them."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise TooDeep(f"JSON nested {depth} deep (at most {MAX_JSON_DEPTH})")
    try:
        return json.loads(text, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)
    except BadNumber as err:
        raise BadNumber(str(err), err.token, _line_of_number(text, err.token)) from None


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise BadNumber(f"a number of {len(digits.lstrip('-')):,} digits (at most {MAX_DIGITS})", digits)
    return int(digits)


def _finite_float(written: str) -> float:
    value = float(written)
    if len(written) > MAX_FLOAT_CHARS or not math.isfinite(value):
        raise BadNumber(f"the number {written[:MAX_FLOAT_CHARS]}{'…' if len(written) > MAX_FLOAT_CHARS else ''} "
                        "is out of range", written)
    return value


def _no_constant(name: str) -> float:
    raise BadNumber(f"{name} is no JSON number", name)


def _line_of_number(text: str, token: str) -> int | None:
    for found in JSON_NUMBERS.finditer(text):
        if found.group() == token:
            return text.count("\n", 0, found.start()) + 1
    return None
