"""One override: the checked CSL fields of one paper, as its YAML or BibTeX file gives them.

A reader (`overrides.py` for YAML, `bib_overrides.py` for BibTeX; `overrides.OVERRIDE_READERS`
picks one by the file's suffix) turns a file into `OverrideFields`: a citation key and the fields
as written, each (name, value, line). `built` checks each field (`checked_field`) and assembles
the `Override`, so a field means the same whatever file it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .characters import text_problem
from .errors import InputError
from .identifiers import normal_doi
from .record import CSL_TYPES, MAX_TEXT, NAME_PARTS, Record, custom_of, date_parts, sanitised, set_custom, valid_date

OVERRIDE_TEXT_FIELDS = frozenset(
    "title container-title container-title-short event-title event-place collection-title page "
    "volume issue number publisher publisher-place URL ISSN ISBN note language abstract "
    "title-short keyword".split()
)
# Fields kept in the record's `custom`; `<field>-reason` says why a DOI, pages or authors are
# missing, for `wsss-bib check`.
CUSTOM_FIELDS = frozenset({"arxiv", "code", "project", "doi-reason", "page-reason", "author-reason", "list-says"})
META_FIELDS = frozenset({"match", "source"})
ALLOWED = OVERRIDE_TEXT_FIELDS | CUSTOM_FIELDS | META_FIELDS | {"type", "author", "issued", "DOI"}
ISO_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2}))?(?:-([0-9]{1,2}))?$")  # ASCII digits: `\d` takes "２０２０"
LINK_FIELDS = ("arxiv", "URL", "code", "project")  # checked by the record's own gate (`sanitised`)

@dataclass
class Override:
    key: str
    path: Path
    record: Record  # CSL fields (None = "remove"), plus custom
    match: dict[str, str] = field(default_factory=dict)
    line: int = 1  # where `match:` is, for errors about matching


Field = tuple[str, Any, int]  # (override field name, value as the file gives it, line)


class OverrideFields(NamedTuple):
    """One override as a reader gives it, before any field is checked.

    `fields` are named as in a YAML override (`ALLOWED`) and come in file order; `source` is the
    list of where the facts were read and `match` a {"arxiv" | "doi" | "title": text} mapping
    (empty: the override finds its row by `key`), each already in that shape. A reader may yield
    them from a generator and refuse a field itself: each field is checked before the next is
    read, so a file's first problem is the one said."""

    key: str
    fields: Iterable[Field]


# A reader: a file's path and text -> its overrides, in file order.
OverrideReader = Callable[[Path, str], Iterable[OverrideFields]]


def built(path: Path, read: OverrideFields) -> Override:
    """The override of `path` that the reader read, each field checked."""
    record: Record = {}
    custom: dict[str, Any] = {}
    sources: list[str] = []
    match: dict[str, str] = {}
    first_line = match_line = 0
    for name, value, line in read.fields:
        first_line = first_line or line
        if name == "source":
            sources = value
        elif name == "match":
            match, match_line = value, line
        else:
            (custom if name in CUSTOM_FIELDS else record)[name] = checked_field(name, value, path, line)
    if not sources:  # the readers say it in their own syntax; this is the rule for any reader
        raise InputError(path, first_line or 1, "an override must name where its facts were read (`source`)")
    custom["sources"] = sources
    set_custom(record, custom)
    return Override(read.key, path, record, match, match_line or first_line or 1)


def settles(override: Override) -> bool:
    """Whether the override gives a whole record, so its row needs no lookup: type, title, date,
    authors (or why there are none) and the DOI (or `DOI: null` with the reason there is none)."""
    record = override.record
    custom = custom_of(record)
    authors = bool(record.get("author")) or bool(custom.get("author-reason"))
    doi = bool(record.get("DOI")) or "DOI" in record and bool(custom.get("doi-reason"))
    return all(record.get(name) for name in ("type", "title", "issued")) and authors and doi


Fail = Callable[[str], InputError]  # the error for this field and line, saying `message`
FieldCheck = Callable[[str, Any, Fail], Any]  # (name, value, fail) -> the value in CSL form


def _checked_type(name: str, value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or value not in CSL_TYPES:
        raise fail(f"{value!r} is not a CSL type")
    return value


def _checked_doi(name: str, value: Any, fail: Fail) -> str:
    doi = normal_doi(value) if isinstance(value, str) else None
    if doi is None:
        raise fail(f"{value!r} is not a whole DOI (10.NNNN/suffix, or its https://doi.org/ link)")
    return doi


def _checked_link(name: str, value: Any, fail: Fail) -> str:
    if sanitised({name: value}).get(name) != value:
        raise fail(f"{value!r} is not a valid {'arXiv id' if name == 'arxiv' else 'http(s) URL'}")
    return _checked_text(name, value, fail)


def _checked_authors(name: str, value: Any, fail: Fail) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise fail("a list of {family:, given:} names")
    for person in value:
        if not isinstance(person, dict) or not set(person) <= NAME_PARTS or not (
                person.get("family") or person.get("literal")):
            raise fail(f"{person!r} is not a name with family (or literal)")
        if not all(isinstance(part, str) for part in person.values()):
            raise fail(f"{person!r}: name parts are text")
        if not all(any(char.isalpha() for char in part) for part in person.values() if part.strip()):
            raise fail(f"{person!r}: a name part without a letter (a number?) is no name")
    return value


def _checked_date(name: str, value: Any, fail: Fail) -> dict[str, Any]:
    date: Any = None
    if isinstance(value, int) and not isinstance(value, bool):
        date = date_parts(value)
    elif isinstance(value, str) and (iso := ISO_DATE.match(value.strip())):
        date = date_parts(*(int(part) for part in iso.groups() if part))
    elif isinstance(value, dict):
        date = value
    if not valid_date(date):
        raise fail(f"{value!r} is not a real date: a year, YYYY-MM(-DD) or {{date-parts: [[Y, M, D]]}}")
    return {"date-parts": [list(date["date-parts"][0])]}


def _checked_text(name: str, value: Any, fail: Fail) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise fail(f"expected text, got {type(value).__name__}")
    return str(value).strip()


# The fields with a check of their own; every other is text.
FIELD_CHECKS: dict[str, FieldCheck] = {
    "type": _checked_type, "DOI": _checked_doi, "author": _checked_authors, "issued": _checked_date,
    **{name: _checked_link for name in LINK_FIELDS},
}


def checked_field(name: str, value: Any, path: Path, line: int) -> Any:
    """The field's value in CSL form, or an InputError saying what is wrong with it."""
    def fail(message: str) -> InputError:
        return InputError(path, line, f"{name}: {message}")

    if value is None:
        return None  # explicitly unknown: removes what a service said
    if (problem := text_problem_in(value)) is not None:
        raise fail(problem)
    if isinstance(value, str) and len(value) > MAX_TEXT:  # the gate would drop it without a word
        raise fail(f"{len(value):,} characters (at most {MAX_TEXT:,})")
    check: FieldCheck = FIELD_CHECKS.get(name, _checked_text)
    return check(name, value, fail)


def text_problem_in(value: Any) -> str | None:
    """Why a text in `value` (or in its lists and mappings) is refused (characters.text_problem), or None."""
    todo = [value]  # nested at most MAX_DEPTH deep (YAML) or flat (BibTeX)
    while todo:
        item = todo.pop()
        if isinstance(item, str) and (problem := text_problem(item)) is not None:
            return problem
        todo += [*item.keys(), *item.values()] if isinstance(item, dict) else item if isinstance(item, list) else []
    return None
