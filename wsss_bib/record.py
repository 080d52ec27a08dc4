"""The one record model: a CSL-JSON item (a dict), as citeproc, pandoc and Zotero read it.

What CSL has no variable for lives in `custom`: the arXiv id and category, the code
repository or project page, the supervision, the row's line in the list, the override's
sources, and `provenance`, which names the source of every field.
"""

from __future__ import annotations

import re
from typing import Any

from .awesome_list import ListEntry
from .venues import lookup

Record = dict[str, Any]

# Merge precedence, weakest first: a later source's field replaces an earlier one's.
SOURCES = ("list", "arxiv", "crossref", "override")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PREPRINT_FIELDS = ("publisher", "number")  # what the list alone says of an arXiv-only paper


def from_entry(entry: ListEntry) -> Record:
    """What the list alone says about a paper, as a CSL item."""
    venue = lookup(entry.venue)
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
              "supervision": entry.supervision, "list-line": entry.line}
    return _compact({**record, "custom": _compact(custom)})


def merge(layers: list[tuple[str, Record]]) -> Record:
    """Merge records field by field, later layers winning; each field remembers its source.

    A field set to None in a later layer removes it: an override can say "no DOI".
    """
    merged: Record = {}
    custom: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for source, layer in layers:
        for field, value in layer.items():
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
    return authors[0].get("family") or authors[0].get("literal")


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}
