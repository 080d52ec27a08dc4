"""Overrides written as BibTeX: `overrides/<name>.bib`, pasted from dblp, Google Scholar, CVF or a publisher.

Read with bibtexparser (v2); text fields LaTeX-decoded to plain text with pylatexenc (accents,
`\\&`, `--`, and the braces of case protection such as `{CAM}` dropped); then mapped onto the
field names of a YAML override and checked by the same code, so a BibTeX override has the
same fields, precedence, provenance (`custom.sources`) and `file:line` errors as a YAML one.

- `source = {...}` (required; BibTeX tools ignore unknown fields) says where the facts were
  read, one source per line; dblp's `biburl` is added to the sources.
- `match = {arxiv: 2110.07110}` (or `doi:` of the row's link, or `title:` the list's title)
  names the row; without it an entry finds its row by its key.
- The key: a file holding one entry is the paper named by the file (`du2022weakly.bib`), as for
  YAML, whatever the pasted entry's own key (`DBLP:conf/cvpr/DuFLW22`); in a file holding several,
  each entry's own key is its paper's citation key.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bibtexparser import model
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text

from .errors import InputError
from .keys import KEY_PATTERN
from .nesting import TooDeep, latex_to_text
from .override import CUSTOM_FIELDS, Field, OverrideFields
from .record import CSL_OF_BIBTEX, MONTH_MACROS

# BibTeX field -> the YAML override field it fills (decoded as LaTeX text).
BIBTEX_TEXT_FIELDS = {
    "title": "title", "booktitle": "container-title", "journal": "container-title",
    "journaltitle": "container-title", "series": "collection-title", "volume": "volume",
    "pages": "page", "publisher": "publisher", "address": "publisher-place", "location": "publisher-place",
    "note": "note", "keywords": "keyword", "isbn": "ISBN", "issn": "ISSN", "abstract": "abstract",
    **{name: name for name in CUSTOM_FIELDS if name not in ("code", "project", "arxiv")},
}
# Taken as written, never LaTeX-decoded (a `%` in a URL is no comment, a DOI's `_` no subscript).
VERBATIM_FIELDS = {"doi": "DOI", "url": "URL", "eprint": "arxiv", "code": "code", "project": "project"}
# What the pasting tools add and an override has no use for: accepted and left out.
IGNORED_FIELDS = frozenset({"bibsource", "timestamp", "archiveprefix", "eprinttype", "primaryclass",
                            "eprintclass", "editor", "urldate", "file", "copyright", "langid"})
OWN_FIELDS = frozenset({"source", "match", "biburl", "year", "month", "day", "date", "author", "number",
                        "organization", "school", "institution"})
MONTHS = {name: number for number, name in enumerate(MONTH_MACROS, start=1)}
# Scholar gives an arXiv-only paper as @article with this journal.
SCHOLAR_ARXIV = re.compile(r"^arXiv preprint arXiv:\s*(\S+)$", re.IGNORECASE)
MATCH = re.compile(r"^\s*(arxiv|doi|title)\s*:\s*(.+?)\s*$", re.DOTALL)
DIGITS = re.compile(r"[0-9]{1,30}")  # ASCII digits, bounded
STRAY = re.compile(r"[{}=]")  # outside an entry: a field or brace that lost its entry
BARE_VALUE = re.compile(r"^[A-Za-z0-9_.-]+$")  # a number or a macro name: the only unbraced values
DECODER = LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False)


def bib_overrides(path: Path, text: str) -> Iterator[OverrideFields]:
    """The overrides in one `.bib` file (its text, read as overrides.py reads every file), in
    file order, each as the fields of a YAML override (`override.built` checks them)."""
    # bibtexparser logs each broken block itself (counting lines from 0); the error below says it
    # once, by the file's line, so its log records are dropped for the duration of this parse.
    splitter_log = logging.getLogger("bibtexparser.splitter")
    splitter_log.addFilter(_drop_all)
    try:
        library = parse_string(text)
    finally:
        splitter_log.removeFilter(_drop_all)
    for block in library.blocks:
        if isinstance(block, model.ParsingFailedBlock):
            raise InputError(path, _error_line(block), _syntax_error(block))
        if isinstance(block, model.ImplicitComment) and STRAY.search(block.comment):
            # `title = {A}},` closes the entry early: what follows would be dropped without a word.
            raise InputError(path, (block.start_line or 0) + 1, "text outside any entry holding a brace or `=`: "
                             "a brace closed the entry before its end?")
    entries = library.entries
    if not entries:
        raise InputError(path, 1, "no BibTeX entry (@inproceedings{key, ...}) in the file")
    if len(entries) == 1:
        if not KEY_PATTERN.match(path.stem):
            raise InputError(path, 1, f"file name {path.stem!r} is not a usable citation key")
        yield OverrideFields(path.stem, _entry_fields(entries[0], path))
        return
    for entry in entries:
        if not KEY_PATTERN.match(entry.key) or "/" in entry.key:
            raise InputError(path, (entry.start_line or 0) + 1,
                             f"{entry.key!r} is not a usable citation key: in a file of several entries each "
                             "entry's key is its paper's key (or give the entry a file of its own)")
        yield OverrideFields(entry.key, _entry_fields(entry, path))


def _drop_all(record: logging.LogRecord) -> bool:
    return False


def _error_line(block: model.ParsingFailedBlock) -> int:
    """The entry's first line; for a field given twice, the line of its second occurrence."""
    entry = block.ignore_error_block
    if isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(entry, model.Entry):
        seen: set[str] = set()
        for field in entry.fields:
            if field.key.lower() in seen and field.start_line is not None:
                return field.start_line + 1
            seen.add(field.key.lower())
    return (block.start_line or 0) + 1


def _syntax_error(block: model.ParsingFailedBlock) -> str:
    if isinstance(block, model.DuplicateFieldKeyBlock):
        return f"invalid BibTeX: {block.error}".split(". Note:")[0]
    if isinstance(block, model.DuplicateBlockKeyBlock):
        return f"invalid BibTeX: a second entry with the key {block.key!r}"
    reason = getattr(block.error, "abort_reason", None) or str(block.error) or type(block.error).__name__
    return f"invalid BibTeX in the entry starting here: {' '.join(reason.split())}"


def _entry_fields(entry: model.Entry, path: Path) -> Iterator[Field]:
    """The entry's fields, named as in a YAML override: its own, then `source` and `match`."""
    line_of = {field.key.lower(): field.start_line + 1 for field in entry.fields}
    entry_line = (entry.start_line or 0) + 1
    values = _values(entry, line_of, path)
    for name, (value, line) in _mapped(entry, values, line_of, path).items():
        yield name, value, line
    sources = [line.strip() for line in values.get("source", "").splitlines() if line.strip()]
    if not sources:
        raise InputError(path, line_of.get("source", entry_line),
                         "`source = {...}` must name where the facts were read (one per line)")
    if values.get("biburl", "").strip():
        sources.append(values["biburl"].strip())
    yield "source", sources, line_of.get("source", entry_line)
    yield "match", _match(values, line_of, path), line_of.get("match", entry_line)


def _values(entry: model.Entry, line_of: dict[str, int], path: Path) -> dict[str, str]:
    """The entry's fields as written, by lower-case name; refused: an unknown field, a value that
    is neither braced nor quoted, LaTeX nested too deep to decode."""
    values: dict[str, str] = {}
    known = {*BIBTEX_TEXT_FIELDS, *VERBATIM_FIELDS, *IGNORED_FIELDS, *OWN_FIELDS}
    for field in entry.fields:
        name = field.key.lower()
        raw = str(field.value)
        if field.enclosing == "no-enclosing" and not BARE_VALUE.match(raw.strip()):
            # `title = {A} year = {2020}`: a missing comma makes bibtexparser read one long bare value.
            raise InputError(path, line_of[name], f"{name}: {raw!r} is neither braced nor quoted (a missing comma?)")
        if name not in known:
            raise InputError(path, line_of[name], f"unknown field {name!r} (allowed: {', '.join(sorted(known))})")
        if field.enclosing == "no-enclosing" and not (DIGITS.fullmatch(raw.strip()) or name == "month"):
            # bibtexparser leaves a name no @string defines as it is: `title = nosuchmacro` is no title
            raise InputError(path, line_of[name], f"{name}: {raw.strip()!r} is no @string macro defined in the file")
        if name not in VERBATIM_FIELDS and name not in IGNORED_FIELDS:
            try:  # what cannot be decoded is said here, with its field and line
                latex_to_text(DECODER.latex_to_text, raw)
            except TooDeep as err:
                raise InputError(path, line_of[name], f"{name}: {err}") from None
        values[name] = raw
    return values


def _mapped(entry: model.Entry, values: dict[str, str], line_of: dict[str, int],
            path: Path) -> dict[str, tuple[Any, int]]:
    """YAML override field -> (value, line), in the order they are checked."""
    entry_line = (entry.start_line or 0) + 1
    kind = entry.entry_type.lower()
    if kind not in CSL_OF_BIBTEX:
        raise InputError(path, entry_line, f"entry type @{kind} is not one of @{', @'.join(sorted(CSL_OF_BIBTEX))}")
    fields: dict[str, tuple[Any, int]] = {"type": (CSL_OF_BIBTEX[kind], entry_line)}
    for name, raw in values.items():
        if name in BIBTEX_TEXT_FIELDS:
            text = _text(raw)
            if text is None and raw.strip():  # `{\\def\\a{}}`: an empty field says "unknown"; this says nothing
                raise InputError(path, line_of[name], f"{name}: {raw.strip()[:60]!r} is no text once its LaTeX is read")
            fields[BIBTEX_TEXT_FIELDS[name]] = (text, line_of[name])
        elif name in VERBATIM_FIELDS:
            fields[VERBATIM_FIELDS[name]] = ("".join(raw.split()) or None, line_of[name])
    _put_composed(fields, kind, values, line_of, path)
    _put_preprint(fields, kind, values, line_of, entry_line)
    return fields


def _put_composed(fields: dict[str, tuple[Any, int]], kind: str, values: dict[str, str], line_of: dict[str, int],
                  path: Path) -> None:
    """The fields made of more than one BibTeX field, or named by the entry type."""
    if "publisher" not in values:
        for name in ("organization", "school", "institution"):  # Scholar: organization={IEEE}
            if name in values:
                fields["publisher"] = (_text(values[name]), line_of[name])
                break
    if "number" in values:
        number_field = "number" if CSL_OF_BIBTEX[kind] == "report" else "issue"
        fields[number_field] = (_text(values["number"]), line_of["number"])
    if "pages" in values and fields["page"][0]:
        fields["page"] = (re.sub(r"\s*[-–—]+\s*", "-", fields["page"][0]), line_of["pages"])
    if "author" in values:
        fields["author"] = (_names(values["author"], path, line_of["author"]), line_of["author"])
    if "date" in values or "year" in values:
        fields["issued"] = (_date_text(values, line_of, path), line_of.get("date") or line_of["year"])


def _put_preprint(fields: dict[str, tuple[Any, int]], kind: str, values: dict[str, str], line_of: dict[str, int],
                  entry_line: int) -> None:
    """Scholar's arXiv-only paper (@article in the journal "arXiv preprint arXiv:ID") as an arXiv
    preprint; an eprint of another archive (HAL, PubMed) is no arXiv id."""
    journal = fields.get("container-title", ("", 0))[0] or ""
    if kind == "article" and (preprint := SCHOLAR_ARXIV.match(journal)):
        line = line_of.get("journal", entry_line)
        fields["type"] = ("article", line)
        fields["container-title"] = (None, line)
        fields["publisher"] = ("arXiv", line)
        fields["number"] = (preprint.group(1), line)
        fields["arxiv"] = (fields.get("arxiv", (preprint.group(1), line))[0], line)
    eprint_kind = (values.get("archiveprefix") or values.get("eprinttype") or "arxiv").strip().lower()
    if "arxiv" in fields and eprint_kind != "arxiv":
        del fields["arxiv"]


def _match(values: dict[str, str], line_of: dict[str, int], path: Path) -> dict[str, str]:
    if "match" not in values:
        return {}
    found = MATCH.match(values["match"])
    if not found:
        raise InputError(path, line_of["match"],
                         "`match` takes one of `{arxiv: ID}`, `{doi: DOI}` (of the row's link) or `{title: TEXT}`")
    what, value = found.groups()
    # A title as LaTeX text (accents, braces); an id verbatim (a DOI's `_` is no subscript).
    return {what: (_text(value) or "") if what == "title" else "".join(value.split())}


def _text(raw: str) -> str | None:
    """LaTeX field content as plain text: accents and specials decoded, case-protecting braces dropped."""
    text = latex_to_text(DECODER.latex_to_text, raw)
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text or None  # an empty field says "unknown", as `null` does in YAML


def _names(raw: str, path: Path, line: int) -> list[dict[str, str]]:
    """BibTeX's name list as CSL names: split on `and` and into parts first, then each part decoded."""
    people = []
    for name in split_multiple_persons_names(raw):
        try:
            parts = parse_single_name_into_parts(name, strict=True)
            last = _text(" ".join(parts.last)) or ""
        except InvalidNameError as err:
            raise InputError(path, line, f"author: {name[:80]!r} is not a BibTeX name ({err})") from None
        except TooDeep as err:
            raise InputError(path, line, f"author: {err}") from None
        if not parts.first and not parts.von and not parts.jr and len(parts.last) == 1 and name.strip().startswith("{"):
            people.append({"literal": last})  # {The WSSS Team}: one braced name, not a family name
            continue
        person = {"family": last, "given": _text(" ".join(parts.first)), "suffix": _text(" ".join(parts.jr)),
                  "non-dropping-particle": _text(" ".join(parts.von))}
        people.append({part: value for part, value in person.items() if value})
    return people


def _date_text(values: dict[str, str], line_of: dict[str, int], path: Path) -> Any:
    """`year`/`month`/`day` (or biblatex's `date`) as the YAML form `override.checked_field` takes: YYYY(-MM(-DD))."""
    if "date" in values:
        return values["date"].strip()
    year = values["year"].strip()
    month = values.get("month", "").strip().lower()
    if not month:
        return int(year) if DIGITS.fullmatch(year) else year  # "²⁰²⁰" and "２０２０" are digits to str.isdigit
    number = MONTHS.get(month[:3]) if not DIGITS.fullmatch(month) else int(month)
    if not number or not 1 <= number <= 12:
        raise InputError(path, line_of["month"], f"month: {values['month']!r} is not a month")
    day = values.get("day", "").strip()
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if DIGITS.fullmatch(day) else f"-{day}" if day else "")
