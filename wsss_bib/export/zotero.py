"""What Zotero 7.0 (item schema 29) can hold of a record, for the writers whose files Zotero imports.

Read from Zotero's import translators (RIS.js, BibTeX.js, CSL JSON.js) and checked with Zotero's
translation-server: a field the item type lacks is dropped on import (schema 29 has no `issue` for
a conference paper, no `publisher` for a journal article), but RIS `M2` and CSL `note` become the
item's Extra, whose `Key: value` lines Zotero's citeproc reads as CSL variables. So the arXiv id
(as Zotero's arXiv translator and Better BibTeX write it) and such fields go there as lines.
"""

from __future__ import annotations

from ..record import Record, arxiv_id, custom_of

# CSL type -> the Zotero item type the writers aim at. An LNCS chapter of a conference (ECCV) is a
# conference paper to Zotero: as a book section it would lose its DOI and conference name. An
# arXiv-only preprint is a preprint from CSL-JSON; RIS (MANSCPT) can only make it a manuscript.
ITEM_TYPES = {"paper-conference": "conferencePaper", "chapter": "conferencePaper",
              "article-journal": "journalArticle", "article": "preprint"}
# CSL variable -> (Extra label, the Zotero item types of schema 29 that have no field for it).
MISSING_FIELDS = {
    "issue": ("Issue", {"conferencePaper", "manuscript", "preprint", "document"}),
    "publisher": ("Publisher", {"journalArticle", "manuscript"}),
    "DOI": ("DOI", {"manuscript"}),
}


def item_type(record: Record) -> str:
    return ITEM_TYPES.get(record.get("type", ""), "journalArticle")


def extra_lines(record: Record, kind: str | None = None) -> list[str]:
    """The `Key: value` lines of Extra: the arXiv id, then what the item type has no field for."""
    arxiv = arxiv_id(record)
    return ([f"arXiv: {arxiv}"] if arxiv else []) + missing_field_lines(record, kind)


def missing_field_lines(record: Record, kind: str | None = None) -> list[str]:
    """`Label: value` for each field that the Zotero item type `kind` (default: the record's) lacks."""
    kind = kind or item_type(record)
    return [f"{label}: {_line(record[variable])}" for variable, (label, lacking) in MISSING_FIELDS.items()
            if kind in lacking and record.get(variable)]


def note_lines(record: Record) -> list[str]:
    """What no bibliographic field holds (code link, project page, the list's section): a child note.

    The section, not the line: a line number would change in every entry below an added row."""
    custom = custom_of(record)
    lines = [f"Code: {custom['code']}" if custom.get("code") else None,
             f"Project page: {custom['project']}" if custom.get("project") else None,
             f"Awesome-list section: {custom['list-section']}" if custom.get("list-section") else None]
    return [_line(line) for line in lines if line]


def _line(value: object) -> str:
    return " ".join(str(value).split())
