"""Explicit depth limits for the parsers of nested input that recurse: pylatexenc (TeX to text)
and json. A hostile answer or file nests thousands deep (`{{{{…`, `\\begin{x}\\begin{x}…`, `[[[[…`);
each is measured first, with a loop, and refused beyond the limit, so a RecursionError (or a
crash deep inside the parser) never reaches the run. PyYAML's depth is bounded where it is read
(overrides._parse), by its events.
"""

from __future__ import annotations

import json
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


def json_loads(text: str | bytes) -> Any:
    """json.loads with the depth and the digits of every integer bounded; ValueError beyond them."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise TooDeep(f"JSON nested {depth} deep (at most {MAX_JSON_DEPTH})")
    return json.loads(text, parse_int=_bounded_int)


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-')):,} digits (at most {MAX_DIGITS})")
    return int(digits)
