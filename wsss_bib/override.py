"""One override: the checked CSL fields of one paper, as its YAML or BibTeX file gives them.

`overrides.py` reads the YAML files (and finds each override's row), `bib_overrides.py` the
BibTeX ones; both build an `Override` through `checked`, so a field means the same in either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .characters import text_problem
from .errors import InputError
from .identifiers import normal_doi
from .record import CSL_TYPES, MAX_TEXT, NAME_PARTS, Record, custom_of, date_parts, sanitised, valid_date

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
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")

@dataclass
class Override:
    key: str
    path: Path
    record: Record  # CSL fields (None = "remove"), plus custom
    match: dict[str, str] = field(default_factory=dict)
    line: int = 1  # where `match:` is, for errors about matching


def settles(override: Override) -> bool:
    """Whether the override gives a whole record, so its row needs no lookup: type, title, date,
    authors (or why there are none) and the DOI (or `DOI: null` with the reason there is none)."""
    record = override.record
    custom = custom_of(record)
    authors = bool(record.get("author")) or bool(custom.get("author-reason"))
    doi = bool(record.get("DOI")) or "DOI" in record and bool(custom.get("doi-reason"))
    return all(record.get(name) for name in ("type", "title", "issued")) and authors and doi


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
    if name == "type":
        if not isinstance(value, str) or value not in CSL_TYPES:
            raise fail(f"{value!r} is not a CSL type")
        return value
    if name == "DOI":
        doi = normal_doi(value) if isinstance(value, str) else None
        if doi is None:
            raise fail(f"{value!r} is not a whole DOI (10.NNNN/suffix, or its https://doi.org/ link)")
        return doi
    if name in ("arxiv", "URL", "code", "project") and sanitised({name: value}).get(name) != value:
        raise fail(f"{value!r} is not a valid {'arXiv id' if name == 'arxiv' else 'http(s) URL'}")
    if name == "author":
        if not isinstance(value, list) or not value:
            raise fail("a list of {family:, given:} names")
        for person in value:
            if not isinstance(person, dict) or not set(person) <= NAME_PARTS or not (
                    person.get("family") or person.get("literal")):
                raise fail(f"{person!r} is not a name with family (or literal)")
            if not all(isinstance(part, str) for part in person.values()):
                raise fail(f"{person!r}: name parts are text")
        return value
    if name == "issued":
        return _csl_date(value, fail)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise fail(f"expected text, got {type(value).__name__}")
    return str(value).strip()


def text_problem_in(value: Any) -> str | None:
    """Why a text in `value` (or in its lists and mappings) is refused (characters.text_problem), or None."""
    todo = [value]  # nested at most MAX_DEPTH deep (YAML) or flat (BibTeX)
    while todo:
        item = todo.pop()
        if isinstance(item, str) and (problem := text_problem(item)) is not None:
            return problem
        todo += [*item.keys(), *item.values()] if isinstance(item, dict) else item if isinstance(item, list) else []
    return None


def _csl_date(value: Any, fail: Any) -> dict[str, Any]:
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
