"""The one record model: a CSL-JSON item (a dict), as citeproc, pandoc and Zotero read it.

What CSL has no variable for lives in `custom`: the arXiv id and category, the code
repository or project page, the supervision, the row's line and section (its headings) in the
list, the override's sources, and `provenance`, which names the source of every field.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from . import identifiers
from .characters import clean_text
from .lists.model import ListEntry
from .venues import lookup

Record = dict[str, Any]
Name = dict[str, str]  # a CSL name: its parts (NAME_PARTS) as text, e.g. {"family": "Du", "given": "Ye"}
CUSTOM = "custom"  # the CSL-JSON key of what CSL has no variable for; spelled here only


def custom_of(record: Record) -> dict[str, Any]:
    """The record's custom fields (arxiv, code, supervision, list-section, sources, provenance, ...);
    an empty mapping when it has none. Read-only: `set_custom` replaces them."""
    value = record.get(CUSTOM)
    return value if isinstance(value, dict) else {}


def custom_text(record: Record, name: str) -> str:
    """One custom field as text ("" when absent or empty)."""
    return str(custom_of(record).get(name) or "")


def arxiv_id(record: Record) -> str | None:
    """The arXiv id the record names (custom `arxiv`), or None."""
    value = custom_of(record).get("arxiv")
    return str(value) if value else None


def set_custom(record: Record, fields: dict[str, Any]) -> None:
    """Give the record these custom fields (in place)."""
    record[CUSTOM] = fields

# Month names from `calendar` (English: the tool never calls locale.setlocale), the one month table.
MONTH_NAMES = tuple(calendar.month_name[1:])  # "January" ...
MONTH_MACROS = tuple(name[:3].lower() for name in MONTH_NAMES)  # BibTeX's month macros: "jan" ...

# CSL type <-> BibTeX entry type, both ways from one table: the BibTeX writer takes a CSL type's
# first row, the BibTeX override reader a BibTeX type's first row. CSL "article" (a preprint) is
# @misc, as it is when no row names a type.
BIBTEX_TYPES = (
    ("paper-conference", "inproceedings"), ("paper-conference", "conference"),
    ("chapter", "inproceedings"), ("chapter", "incollection"), ("chapter", "inbook"),
    ("article-journal", "article"),
    ("article", "misc"), ("article", "unpublished"), ("article", "online"), ("article", "preprint"),
    ("book", "book"),
    ("report", "techreport"), ("report", "report"),
    ("thesis", "phdthesis"), ("thesis", "mastersthesis"), ("thesis", "thesis"),
)
BIBTEX_OF_CSL: dict[str, str] = {}
CSL_OF_BIBTEX: dict[str, str] = {}
for _csl, _bibtex in BIBTEX_TYPES:
    BIBTEX_OF_CSL.setdefault(_csl, _bibtex)
    CSL_OF_BIBTEX.setdefault(_bibtex, _csl)

CSL_TYPES = frozenset(
    "article article-journal article-magazine article-newspaper bill book broadcast chapter classic "
    "collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic "
    "hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet "
    "paper-conference patent performance periodical personal_communication post post-weblog "
    "regulation report review review-book software song speech standard thesis treaty webpage".split()
)
# The CSL 1.0.2 variables (shared/reference/csl-data.json), by kind.
NAME_FIELDS = frozenset(
    "author chair collection-editor compiler composer container-author contributor curator director editor "
    "editorial-director executive-producer guest host interviewer illustrator narrator organizer original-author "
    "performer producer recipient reviewed-author script-writer series-creator translator".split())
DATE_FIELDS = frozenset("accessed available-date event-date issued original-date submitted".split())
NUMBER_FIELDS = frozenset(
    "chapter-number collection-number edition issue number number-of-pages number-of-volumes page page-first "
    "part printing supplement volume".split())
TEXT_FIELDS = frozenset(
    "type language journalAbbreviation shortTitle annote archive archive_collection archive_location "
    "archive-place authority call-number collection-title container-title container-title-short dimensions "
    "division event event-title event-place genre jurisdiction keyword medium note original-publisher "
    "original-publisher-place original-title part-title PMCID PMID publisher publisher-place references "
    "reviewed-genre reviewed-title scale section source status title title-short version volume-title "
    "volume-title-short year-suffix".split())
NAME_PARTS = frozenset({"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"})
MAX_TEXT = 4000  # longer than any real title or venue; a bound on what one answer can make us write
MAX_NAMES = 2000  # a collaboration's author list is cut there; custom `more-authors` says how many more
MORE_AUTHORS = "more-authors"
DIGITS = re.compile(r"[0-9]{1,15}")
MAX_NUMBER = 10**15  # a volume, issue or page number; beyond it no number of ours (nor printable past 4300 digits)
# Identifier fields (of the record and of `custom`) and their grammars: invalid ones are dropped.
IDENTIFIERS = {"DOI": identifiers.is_doi, "arxiv": identifiers.is_arxiv_id, "arxiv-doi": identifiers.is_doi,
               "arxiv-category": identifiers.is_arxiv_category}
URL_FIELDS = frozenset({"URL", "code", "project"})
PREPRINT_FIELDS = ("publisher", "number")  # what the list alone says of an arXiv-only paper


def from_entry(entry: ListEntry) -> Record:
    """What the list alone says about a paper, as a CSL item."""
    # A row that names no venue but links arXiv is read as the preprint it links.
    venue = lookup(entry.venue) if entry.venue else lookup("arXiv") if entry.arxiv_id else None
    record: Record = {
        "type": venue.csl_type if venue else "paper-conference",
        "title": entry.title,
        "container-title": venue.name if venue else entry.venue,
        "URL": entry.pdf_url,
        "DOI": entry.link_doi,
        "keyword": entry.supervision,
        "issued": date_parts(entry.year) if entry.year else None,
    }
    if venue and venue.csl_type == "article":  # an arXiv-only paper: a preprint
        record["publisher"] = "arXiv"
        record["number"] = entry.arxiv_id
        del record["container-title"]
    custom = {"arxiv": entry.arxiv_id, "code": entry.code_url, "project": entry.project_url,
              "supervision": entry.supervision, "list-section": entry.section,
              "list-authors": list(entry.authors)}  # for a key when no service names the authors
    return _compact({**record, "custom": _compact(custom)})


def merge(layers: list[tuple[str, Record]]) -> Record:
    """Merge records field by field, later layers winning; each field remembers its source.

    A field set to None in a later layer removes it: an override can say "no DOI".
    """
    merged: Record = {}
    custom: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for source, layer in layers:
        clean = sanitised(layer)
        if "author" in clean:
            custom.pop(MORE_AUTHORS, None)  # said of the authors this layer replaces
        for field, value in clean.items():
            if field == "custom":
                custom.update(value)
                continue
            merged[field] = value
            provenance[field] = source
    custom.pop("provenance", None)
    if merged.get("type") != "article":
        # The list calls a row "arXiv" by giving it publisher/number; once a better source says
        # it was published elsewhere, those preprint fields no longer describe it.
        for field in PREPRINT_FIELDS:
            if provenance.get(field) == "list":
                merged.pop(field, None)
    merged = _compact(merged)
    provenance = {field: source for field, source in provenance.items() if field in merged}
    merged["custom"] = _compact({**custom, "provenance": dict(sorted(provenance.items()))})
    return merged


def sanitised(layer: Record) -> Record:
    """The layer with every field in its CSL shape; what is not (from a hostile or broken
    service answer, lock file or override) is dropped, so no writer ever sees it.

    None stays: it is an override's "remove this field".
    """
    out: Record = {}
    for field, value in layer.items() if isinstance(layer, dict) else ():
        if field == "custom":
            out["custom"] = _custom(value)
        elif value is None:
            out[field] = None
        elif (checked := _field(field, value)) is not None:
            out[field] = checked
    if isinstance(layer, dict) and (more := _more_authors(layer.get("author"), out)):
        out.setdefault("custom", {})[MORE_AUTHORS] = more
    return out


def _more_authors(given: Any, out: Record) -> str | None:
    """How many authors past MAX_NAMES were left out of the layer (as text), or None: counted here,
    or as a layer cut before (a lock row's) says, when it holds MAX_NAMES authors."""
    custom = out.get("custom")
    said = custom.pop(MORE_AUTHORS, None) if isinstance(custom, dict) else None
    if isinstance(given, list) and len(given) > MAX_NAMES:
        left_out = len(_names(given, limit=None) or []) - MAX_NAMES
        if left_out > 0:
            return str(left_out)
    authors = out.get("author")
    if isinstance(said, str) and DIGITS.fullmatch(said) and isinstance(authors, list) and len(authors) == MAX_NAMES:
        return said
    return None


def _field(field: str, value: Any) -> Any:
    if field == "type":
        return value if isinstance(value, str) and value in CSL_TYPES else None
    if field in URL_FIELDS:
        return identifiers.safe_url(value)
    if field in IDENTIFIERS:
        return value if IDENTIFIERS[field](value) else None
    if field in ("ISSN", "ISBN"):
        check = identifiers.is_issn if field == "ISSN" else identifiers.is_isbn
        parts = [p for p in re.split(r"[\s,]+", value) if p] if isinstance(value, str) else []
        return value if parts and all(check(p) for p in parts) else None
    if field in NAME_FIELDS:
        return _names(value)
    if field in DATE_FIELDS:
        return value if valid_date(value) else None
    if field in TEXT_FIELDS or field in NUMBER_FIELDS:
        if field in NUMBER_FIELDS and _number(value):
            return str(value)
        return _text(value)
    return None  # no CSL variable


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = clean_text(value)
    return text if text.strip() and len(text) <= MAX_TEXT else None


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_NUMBER < value < MAX_NUMBER


def _names(value: Any, limit: int | None = MAX_NAMES) -> list[dict[str, str]] | None:
    """The names in their CSL shape, the first `limit` of them (a collaboration's thousands: the rest
    are said by custom `more-authors`). A part with no letter in it (`12345`, `--`) is no part."""
    if not isinstance(value, list):
        return None
    names = [{part: text for part, raw in person.items() if part in NAME_PARTS and (text := _name_part(raw))}
             for person in value if isinstance(person, dict)]
    return [name for name in names if name.get("family") or name.get("literal")][:limit] or None


def _name_part(value: Any) -> str | None:
    text = _text(value)
    return text if text is not None and any(char.isalpha() for char in text) else None


def valid_date(value: Any) -> bool:
    """A CSL date holding one real calendar date (year, or year-month, or year-month-day)."""
    if not isinstance(value, dict) or set(value) - {"date-parts"}:
        return False
    parts = value.get("date-parts")
    if not isinstance(parts, list) or len(parts) != 1 or not isinstance(parts[0], list):
        return False
    date = parts[0]
    if not 1 <= len(date) <= 3 or not all(isinstance(p, int) and not isinstance(p, bool) for p in date):
        return False
    if not 1000 <= date[0] <= 9999 or (len(date) > 1 and not 1 <= date[1] <= 12):
        return False
    return len(date) < 3 or 1 <= date[2] <= calendar.monthrange(date[0], date[1])[1]


# The custom fields that are not one text: lists of texts and maps of text to text. Every other
# custom field (arxiv, code, list-section, supervision, doi-reason, ...) is one text; a writer
# that finds a list there would print Python's `['2022', '2021']`.
CUSTOM_LISTS = frozenset({"sources", "list-authors"})
CUSTOM_MAPS = frozenset({"provenance", "orcid"})


def _custom(value: Any) -> dict[str, Any]:
    """`custom`: our own fields, each in its one shape (CUSTOM_LISTS, CUSTOM_MAPS, else text);
    identifiers checked; what has another shape is dropped."""
    out: dict[str, Any] = {}
    for raw_field, item in value.items() if isinstance(value, dict) else ():
        field = _text(raw_field)
        if field is None:
            continue
        if item is None:  # an override's "remove this field"
            out[field] = None
        elif (checked := _custom_field(field, item)) is not None:
            out[field] = checked
    return out


def _custom_field(field: str, item: Any) -> Any:
    if field in IDENTIFIERS or field in URL_FIELDS:
        return _field(field, item)
    if field in CUSTOM_LISTS:
        return ([text for x in item if (text := _text(x))] or None) if isinstance(item, list) else None
    if field in CUSTOM_MAPS:
        return ({key: text for k, v in item.items() if (key := _text(k)) and (text := _text(v))} or None
                if isinstance(item, dict) else None)
    return str(item) if _number(item) else _text(item)


# a run of dashes of any kind: hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em dash, minus
DASHES = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]+")


def page_range(page: str) -> tuple[str, str]:
    """A page field as (first, last), split at its first run of dashes: "12--15", "12—15", "12–15" give
    ("12", "15"); dashes further on ("12-15-18") stay in the last part, as hyphens ("15-18")."""
    parts = DASHES.split(page.strip(), maxsplit=1)
    first = parts[0].strip()
    last = DASHES.sub("-", parts[1]).strip(" -") if len(parts) > 1 else ""
    return first, last


def date_parts(*parts: int) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in parts]]}


def year(record: Record) -> int | None:
    try:
        return int(record["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def first_author_family(record: Record) -> str | None:
    authors = record.get("author") or record.get("editor") or []  # an edited book's editors stand in
    if not authors:
        return None
    name = authors[0].get("family") or authors[0].get("literal")
    return name if isinstance(name, str) else None


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}
