"""What a list says about its papers: one ListEntry per paper, with where it says it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    url: str
    kind: str  # what it points to: paper, code, project, other
    source: str  # which site: arxiv, doi, cvf, ecva, acm, ieee, openreview, neurips, publisher, pdf, github, ...
    label: str = ""


@dataclass(frozen=True)
class ListEntry:
    """One paper: what the list says about it, with where it says it."""

    title: str
    venue: str  # as the list writes it, without its year ("CVPR'19" -> "CVPR"); "" if none given
    year: int | None
    supervision: str | None
    pdf_url: str | None
    code_url: str | None
    project_url: str | None
    arxiv_id: str | None
    link_doi: str | None
    path: str
    line: int
    raw_title: str
    authors: tuple[str, ...] = ()
    section: str = ""  # the headings it sits under, outermost first, joined by " › "
    links: tuple[Link, ...] = ()  # every usable link of the row, classified
    shape: str = ""  # the reader that read it: table, item, heading


@dataclass
class ParsedList:
    entries: list[ListEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Venue names the vocabulary does not know, with the lines that use them.
    unknown_venues: dict[str, list[int]] = field(default_factory=dict)
