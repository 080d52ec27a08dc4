"""Records as RIS, tagged the way Zotero's RIS reader maps them (see the README's formats).

A conference paper, and an LNCS chapter of a conference, is `CONF` with `C3` = proceedings title,
`T2` = conference name (only where the record has an event title: Zotero makes any `T2` of a
`CONF` its conference name) and `T3` = series; a journal paper is `JOUR` with the journal in `T2`
(no `JO`: Zotero files it as the journal's abbreviation). `M2` lines become Zotero's Extra (the
arXiv id, fields the item type lacks); `N1` lines become child notes (code link, list line).
"""

from __future__ import annotations

import rispy

from ..record import Name, Record, page_range, year
from . import zotero

RIS_TYPES = {"paper-conference": "CONF", "chapter": "CONF", "article-journal": "JOUR",
             "article": "MANSCPT", "book": "BOOK", "report": "RPRT", "thesis": "THES"}
# rispy has no name for M2 ("Extra" to Zotero); it is written one line per Extra line.
MAPPING = {**rispy.TAG_KEY_MAPPING, "M2": "extra"}
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "M2"]


class _RisWriter(rispy.RisWriter):  # type: ignore[misc, unused-ignore]  # rispy ships no types
    DEFAULT_MAPPING = MAPPING
    DEFAULT_LIST_TAGS = LIST_TAGS

    def set_header(self, count: int) -> str:
        return ""  # rispy numbers each record ("1.") unless told not to


def dump(records: list[Record]) -> str:
    text: str = rispy.dumps([_reference(record) for record in records], implementation=_RisWriter)
    return text


def _reference(record: Record) -> dict[str, str | list[str]]:
    kind = RIS_TYPES.get(record.get("type", ""), "GEN")
    container = record.get("container-title")
    parts = (record.get("issued") or {}).get("date-parts", [[]])[0]
    first, last = page_range(record.get("page") or "")
    fields = {
        "type_of_reference": kind,
        "id": record.get("id"),
        "title": record.get("title"),
        "authors": [_name(person) for person in record.get("author", [])],
        # CONF: T2 is the conference (event), C3 the proceedings; JOUR and others: T2 is the container.
        "secondary_title": record.get("event-title") if kind == "CONF" else container,
        "custom3": container if kind == "CONF" else None,
        "tertiary_title": record.get("collection-title"),
        "year": str(year(record)) if year(record) else None,
        "date": "/".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts)) + "/" * (4 - len(parts))
        if parts else None,
        "start_page": first or None,
        "end_page": last or None,
        "volume": record.get("volume"),
        "number": record.get("issue"),
        "publisher": record.get("publisher"),
        "doi": record.get("DOI"),
        "urls": [record["URL"]] if record.get("URL") else [],
        "keywords": [record["keyword"]] if record.get("keyword") else [],
        "extra": zotero.extra_lines(record, "manuscript" if kind == "MANSCPT" else None),
        "notes": [*zotero.note_lines(record), *([record["note"]] if record.get("note") else [])],
    }
    # RIS is line-based: a newline inside a value would start a bogus tag line.
    return {name: [_line(v) for v in value] if isinstance(value, list) else _line(value)
            for name, value in fields.items() if value}


def _name(person: Name) -> str:
    # Each part is collapsed on its own: collapsing "Du\n, Ye" as a whole would give "Du , Ye".
    person = {part: _line(value) for part, value in person.items()}
    if "literal" in person or not person.get("given"):
        return person.get("literal") or person.get("family", "")
    family = " ".join(p for p in (person.get("non-dropping-particle"), person["family"]) if p)
    return f"{family}, {person['given']}" + (f", {person['suffix']}" if person.get("suffix") else "")


def _line(value: str) -> str:
    return " ".join(str(value).split())
