"""What the two bibliography pages (README.md and index.html) share: the papers, formatted.

Each paper's reference is built as pybtex rich text (`pybtex.richtext`: text, emphasis, en
dashes) from its CSL record, in the order of BibTeX's `unsrt` style, and each page renders it
through its own pybtex backend (HTML, markdown), whose escaping is the page's one escaping path.
Beside it the page shows the paper's entry exactly as wsss.bib holds it (`bibtex.entry`) and its
links (DOI, arXiv, paper, code, project) from the same record.

pybtex's style engine (parse the entry, format it with `unsrt`) was tried first and dropped: it
costs about 6 ms per paper, which would have tripled the 50-row warm export and added minutes at
50,000 rows; building the rich text here costs about 0.03 ms.

Also here: the COinS ContextObject (Z39.88-2004 KEV) of each paper, which Zotero's connector
reads from the HTML page, built as Zotero's own OpenURL code (zotero/utilities, openurl.js)
reads it back.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import NamedTuple, TypeAlias
from urllib.parse import quote, urlparse

from pybtex.richtext import Symbol, Tag, Text

from ..identity import ListIdentity
from ..record import MONTH_NAMES, Name, Record, arxiv_id, custom_of, custom_text, year
from ..venues import lookup, strip_year
from . import bibtex, page_links

# One piece of a reference: a str, or pybtex rich text (a Tag, a Symbol); pybtex ships no types to say so.
Piece: TypeAlias = object


def title(identity: ListIdentity) -> str:
    """The heading of both pages: the list's own title."""
    return f"{identity.title}: the bibliography"


def files(identity: ListIdentity) -> dict[str, str]:
    """The files each page links to, by their labels, named as the format registry names them."""
    return page_links(identity)


@dataclass
class Paper:
    """One paper on a page. No running number: adding a row must change only that row's lines,
    so a paper is named by its key (its anchor), which never moves."""

    record: Record
    bibtex: str  # the entry exactly as the .bib file has it
    reference: Text  # pybtex rich text, rendered by each page's backend
    links: list[tuple[str, str]]  # (label, http(s) URL)
    venue: str  # the venue's short name ("CVPR", "TPAMI", "arXiv"), for the filters; "" if unknown
    year: str  # "" if unknown
    supervision: str  # as the list says it ("Image", "Box"); "" if it says none


@dataclass
class HeadingGroup:
    """The papers a page shows under one of the list's headings (not lists.reader.Section, a heading
    being read)."""

    heading: str  # the list's heading above these rows ("2021"); "" for rows under none
    papers: list[Paper] = field(default_factory=list)


# speed (issue 23): one run renders both pages from the same records; inside `shared_sections()`
# their sections (each paper's BibTeX entry and rich-text reference) are built once, not twice, for
# lists of up to SHARE_LIMIT records. A longer list's pages build each paper as they write it, so its
# sections are never all in memory at once (memory, issue 23: ~2 KB a paper at 100,000 rows).
SHARE_LIMIT = 5000
_SHARED: ContextVar[dict[bool, tuple[list[Record], list[HeadingGroup]]] | None] = ContextVar("_SHARED", default=None)


@contextlib.contextmanager
def shared_sections() -> Iterator[None]:
    """Within the block, `sections` of the same records list (the same object) is built once."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def sections(records: list[Record], ascii_only: bool = False) -> list[HeadingGroup]:
    """The papers in list order, grouped by the list heading they sit under."""
    shared = _SHARED.get()
    if shared is not None and ascii_only in shared and shared[ascii_only][0] is records:
        return shared[ascii_only][1]
    grouped: list[HeadingGroup] = []
    for heading, paper in _papers(records, ascii_only):
        if not grouped or grouped[-1].heading != heading:
            grouped.append(HeadingGroup(heading))
        grouped[-1].papers.append(paper)
    if shared is not None:
        shared[ascii_only] = (records, grouped)
    return grouped


def papers(records: list[Record], ascii_only: bool = False) -> Iterator[tuple[str, Paper]]:
    """Each paper in list order with the list heading it sits under: the shared sections (a list of
    up to SHARE_LIMIT records inside `shared_sections()`), or each paper built as it is asked for."""
    if _SHARED.get() is not None and len(records) <= SHARE_LIMIT:
        for group in sections(records, ascii_only):
            for paper in group.papers:
                yield group.heading, paper
    else:
        yield from _papers(records, ascii_only)


def _papers(records: list[Record], ascii_only: bool) -> Iterator[tuple[str, Paper]]:
    for record in records:
        venue, year_text, supervision = tags(record)
        yield custom_text(record, "list-section"), Paper(record, bibtex.entry(record, ascii_only), reference(record),
                                                         links(record), venue, year_text, supervision)


class Tags(NamedTuple):
    """What the HTML page filters a paper by."""

    venue: str
    year: str
    supervision: str


def tags(record: Record) -> Tags:
    return Tags(venue_label(record), str(year(record) or ""), custom_text(record, "supervision"))


def venue_label(record: Record) -> str:
    """The venue as lists name it: the vocabulary's short name of the conference or journal."""
    for name in (strip_year(str(record.get("event-title") or record.get("event") or "")),
                 str(record.get("container-title") or "")):
        if name and (venue := lookup(name)):
            return venue.short or venue.name
    if record.get("type") == "article":
        return str(record.get("publisher") or "arXiv")
    return " ".join(str(record.get("container-title") or "").split())[:80]


def reference(record: Record) -> Text:
    """Authors. Title. In *Proceedings*, volume V of Series, pages. Publisher, Month Year. (unsrt's order)

    Built as one flat list of pieces and made into one Text: pybtex merges the parts of every Text
    it builds, so nesting them would cost most of the page's time on a long list.
    """
    kind = record.get("type")
    container = [Tag("em", record["container-title"])] if record.get("container-title") else []
    pages = _pages(record.get("page"))
    date = [_date(record)] if year(record) else []
    tail: list[Sequence[Piece]] = []
    venue: list[Sequence[Piece]]
    if kind == "article-journal":  # *Journal*, 129(2):361–384, February 2021.
        numbers = [record["volume"]] if record.get("volume") else []
        numbers += [f"({record['issue']})"] if record.get("issue") else []
        numbers += ([":"] if numbers else ["pages "]) + pages if pages else []
        venue = [container, numbers, date]
    elif kind == "article":  # a preprint: arXiv:2203.02891, March 2022.
        number = record.get("number") or arxiv_id(record)
        server = str(record.get("publisher") or "arXiv")
        venue = [[f"{server}:{number}" if number else server], date]
    else:  # In *Proceedings*, volume 12347 of Series, 347–365. Springer, 2020.
        volume = ["volume ", record["volume"]] if record.get("volume") else []
        if volume and record.get("collection-title"):
            volume += [" of ", record["collection-title"]]
        book = _joined([container, volume, pages], ", ")
        venue = [["In ", *book]] if book else []
        tail = [[record["publisher"]] if record.get("publisher") else [], date]
    sentences: list[Sequence[Piece]] = [[_names(record.get("author") or [])], [record.get("title")],
                                         _joined(venue, ", "), _joined(tail, ", ")]
    pieces: list[Piece] = []
    for sentence in sentences:
        present = [piece for piece in sentence if piece]
        if present:
            last = present[-1]
            ends = isinstance(last, str) and last.rstrip().endswith((".", "?", "!"))
            pieces += [" "] if pieces else []
            pieces += present + ([] if ends else ["."])
    return Text(*pieces)


def _joined(groups: Sequence[Sequence[Piece]], separator: str) -> list[Piece]:
    pieces: list[Piece] = []
    for group in groups:
        if group:
            pieces += [separator, *group] if pieces else group
    return pieces


def _names(authors: list[Name]) -> str | None:
    names = []
    for person in authors:
        if person.get("literal") or not person.get("given"):
            names.append(str(person.get("literal") or person.get("family", "")))
        else:
            parts = (person["given"], person.get("non-dropping-particle"), person.get("family"))
            suffix = f", {person['suffix']}" if person.get("suffix") else ""
            names.append(" ".join(str(p) for p in parts if p) + suffix)
    if len(names) <= 2:
        return " and ".join(names) or None
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _pages(page: str | None) -> list[Piece]:
    if not page:
        return []
    first, _, last = re.sub(r"\s*[-–—]+\s*", "-", str(page)).partition("-")
    return [first, Symbol("ndash"), last] if last else [first]


def _date(record: Record) -> str:
    issued = (record.get("issued") or {}).get("date-parts", [[]])[0]
    month = int(issued[1]) if len(issued) > 1 and str(issued[1]).isdigit() and 1 <= int(issued[1]) <= 12 else None
    return f"{MONTH_NAMES[month - 1]} {year(record)}" if month else str(year(record))


def links(record: Record) -> list[tuple[str, str]]:
    """The paper's links, each an http(s) URL (anything else, e.g. `javascript:`, is dropped)."""
    custom = custom_of(record)
    found: list[tuple[str, str | None]] = [
        ("DOI", doi_url(record["DOI"]) if record.get("DOI") else None),
        ("arXiv", f"https://arxiv.org/abs/{quote(custom['arxiv'], safe='/.')}" if custom.get("arxiv") else None),
    ]
    url = record.get("URL")
    if url and not any(url == target for _, target in found) and not _is_arxiv(url, custom.get("arxiv")):
        found.append(("paper", url))
    found += [("code", custom.get("code")), ("project", custom.get("project"))]
    return [(label, target) for label, target in found if target and safe_url(target)]


def doi_url(doi: str) -> str:
    # The DOI Handbook's encoding for a DOI in a URL: `/` kept, `%`, `#`, `?`, space etc. encoded.
    return "https://doi.org/" + quote(doi, safe="/:;()[]<>-._~!$&'*+,=@")


def safe_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace or control characters."""
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"[\s\x00-\x1f\x7f]", url)


def _is_arxiv(url: str, arxiv: str | None) -> bool:
    return bool(arxiv) and (urlparse(url).hostname or "").endswith("arxiv.org") and str(arxiv) in url


# CSL type -> (KEV format, genre, the title's key, the container's key); Zotero's parseContextObject
# maps book + proceeding to conferencePaper (atitle = title, btitle = proceedings), book + bookitem
# to bookSection, journal + article to journalArticle, and Dublin Core + rft.type to that Zotero type.
KEV_TYPES = {
    "paper-conference": ("book", "proceeding", "atitle", "btitle"),
    # As in every Zotero-facing file (export/zotero.py): an LNCS chapter is the conference paper it is.
    "chapter": ("book", "proceeding", "atitle", "btitle"),
    "article-journal": ("journal", "article", "atitle", "jtitle"),
    "book": ("book", "book", "btitle", None),
    "report": ("book", "report", "btitle", None),
}


def coins(record: Record) -> str:
    """The paper as an OpenURL 1.0 ContextObject in KEV form (the title of a COinS span)."""
    fmt, genre, title_key, container_key = KEV_TYPES.get(record.get("type", ""), ("dc", None, "title", None))
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}")]
    if genre:
        pairs.append(("rft.genre", genre))
    else:  # Dublin Core names the Zotero item type itself: an arXiv-only paper is a preprint
        pairs.append(("rft.type", "preprint" if record.get("type") == "article" else "document"))
    if record.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{record['DOI']}"))
    if record.get("URL") and safe_url(record["URL"]):
        pairs.append(("rft_id", record["URL"]))
    if record.get("title"):
        pairs.append((f"rft.{title_key}", record["title"]))
    if container_key and record.get("container-title"):
        pairs.append((f"rft.{container_key}", record["container-title"]))
    for person in record.get("author") or []:
        pairs.append(("rft.au", _kev_name(person)))
    issued = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if issued:
        pairs.append(("rft.date", "-".join(f"{int(part):02d}" for part in issued)))
    for name, key in (("volume", "volume"), ("issue", "issue"), ("collection-title", "series"),
                      ("publisher", "pub"), ("ISSN", "issn"), ("ISBN", "isbn")):
        if record.get(name):
            pairs.append((f"rft.{key}", str(record[name])))
    if record.get("page"):
        page = str(record["page"]).replace("–", "-")
        pairs.append(("rft.pages", page))
        first, _, last = page.partition("-")
        pairs.append(("rft.spage", first))
        if last:
            pairs.append(("rft.epage", last))
    # Every value percent-encoded, spaces as %20: Zotero splits on `&` and `=` before decoding,
    # and reads a literal `+` as a space.
    return "&".join(f"{key}={quote(' '.join(value.split()), safe='')}" for key, value in pairs)


def _kev_name(person: Name) -> str:
    """'Family, Given' (Zotero splits rft.au at the comma), or the literal name."""
    if person.get("literal") or not person.get("given"):
        return str(person.get("literal") or person.get("family", ""))
    family = " ".join(p for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    return f"{family}, {person['given']}"
