"""Records as CSL-JSON arrays, in two flavours.

`dump` (wsss.json) is for CSL processors: pandoc's citeproc, citeproc-py (a CSL 1.0.1
processor, which warns about every variable it does not know), citation.js. So it holds CSL
1.0.1 variables only: no `custom` (the provenance stays in the Zotero file and overrides/), the
conference name as `event` (1.0.1's name for 1.0.2's `event-title`; every style in the CSL
repository is a 1.0 style, which reads `event`), the arXiv id as a `note` line (`arXiv: ID`, the
cheater syntax that pandoc and citeproc-js read and do not print).

`dump_zotero` (wsss-zotero.json) is for Zotero's CSL JSON import, which maps only `event-title`
to the conference name, turns `note` into Extra and drops what the item type lacks: `event-title`,
`note` = the Extra lines (arXiv id, issue of a conference paper, publisher of a journal article,
code link), an LNCS chapter typed as the conference paper it is (as a book section it would lose
its DOI), particles joined to the family name (Zotero's importer drops `non-dropping-particle`).
It keeps `custom` (the source of every field), which Zotero ignores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..record import CUSTOM, Name, Record, arxiv_id
from . import zotero


def dump(records: list[Record]) -> str:
    return "".join(pieces(records))


def dump_zotero(records: list[Record]) -> str:
    return "".join(pieces_zotero(records))


def pieces(records: list[Record]) -> Iterator[str]:
    """`dump` in pieces, an item at a time, as the export writes it."""
    return _layout(_for_processors(record) for record in records)


def pieces_zotero(records: list[Record]) -> Iterator[str]:
    """`dump_zotero` in pieces, an item at a time, as the export writes it."""
    return _layout(_for_zotero(record) for record in records)


def _layout(items: Iterable[Record]) -> Iterator[str]:
    """The items as `json.dump(items, indent=2)` writes a list, one item at a time (memory, issue 23:
    neither the items nor the text are ever whole). Sorted keys and a fixed indent: the same records
    always give the same bytes."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)
    opened = False
    for item in items:
        # An item at the list's depth: each of its lines two spaces further in (JSON strings hold no newline).
        yield ("[\n  " if not opened else ",\n  ") + encoder.encode(item).replace("\n", "\n  ")
        opened = True
    yield "\n]\n" if opened else "[]\n"


def _for_processors(record: Record) -> Record:
    item = {name: value for name, value in record.items() if name not in (CUSTOM, "event-title")}
    if record.get("event-title"):
        item["event"] = record["event-title"]
    arxiv = arxiv_id(record)
    _set_note(item, [f"arXiv: {arxiv}"] if arxiv else [])
    return item


def _for_zotero(record: Record) -> Record:
    item = dict(record)
    if record.get("type") == "chapter" and zotero.item_type(record) == "conferencePaper":
        item["type"] = "paper-conference"
    item["author"] = [_joined_particle(person) for person in record.get("author", [])]
    if not item["author"]:
        del item["author"]
    _set_note(item, zotero.extra_lines(record) + zotero.note_lines(record))
    return item


def _set_note(item: Record, lines: list[str]) -> None:
    """The `Key: value` lines first (Zotero and citeproc-js read them at the start), then the note."""
    note = "\n".join(lines + ([item["note"]] if item.get("note") else []))
    if note:
        item["note"] = note


def _joined_particle(person: Name) -> Name:
    if not person.get("non-dropping-particle") or "family" not in person:
        return person
    joined = {name: value for name, value in person.items() if name != "non-dropping-particle"}
    joined["family"] = f"{person['non-dropping-particle']} {person['family']}"
    return joined
