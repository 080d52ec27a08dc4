"""What the two bibliography pages (README.md and index.html) share: the papers, formatted.

Each paper's reference is typeset by pybtex from the very BibTeX entry that wsss.bib holds
(`bibtex.entry`), parsed back with pybtex and formatted by its `unsrt` style, so the page shows
what a LaTeX user gets from that entry: brace-protected words keep their case, accents and
escaped specials are decoded. Its links (DOI, arXiv, paper, code, project) come from the same
record. Each page renders the rich text through its own pybtex backend, whose escaping is the
page's one escaping path.

Also here: the COinS ContextObject (Z39.88-2004 KEV) of each paper, which Zotero's connector
reads from the HTML page, built as Zotero's own OpenURL code (zotero/utilities, openurl.js)
reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

from pybtex.database import parse_string  # type: ignore[import-untyped]
from pybtex.richtext import Text  # type: ignore[import-untyped]
from pybtex.style import FormattedEntry  # type: ignore[import-untyped]
from pybtex.style.formatting import toplevel, unsrt  # type: ignore[import-untyped]
from pybtex.style.template import (  # type: ignore[import-untyped]
    FieldIsMissing,
    first_of,
    join,
    optional,
    optional_field,
    sentence,
    tag,
)

from ..record import Record
from . import bibtex

# The summary line above the papers, and the name of each page for the other to link to.
TITLE = "Weakly supervised semantic segmentation: the bibliography"
FILES = {"bib": "wsss.bib", "json": "wsss.json", "ris": "wsss.ris", "markdown": "README.md", "html": "index.html"}


# The two text macros of export.latex that pybtex's LaTeX reader leaves as they are.
BRACE_MACROS = re.compile(r"\\textbrace(left|right)(?:\{\}|\s)?")


def plain(text: str) -> str:
    """A string of pybtex's rich text as the reader should see it (each backend escapes it after)."""
    return BRACE_MACROS.sub(lambda m: "{" if m.group(1) == "left" else "}", text)


class Style(unsrt.Style):
    """unsrt, but an entry without authors is still formatted, and links are the page's own."""

    def format_names(self, role, as_sentence=True):
        # A paper whose authors no source gave (an anonymous preprint) is title first, not an error.
        return optional[super().format_names(role, as_sentence)]

    def format_web_refs(self, e):
        # The pages show DOI / arXiv / code as their own links, once; pybtex's would repeat them.
        return join[""]

    def format_entry(self, label, entry, bib_data=None):
        """unsrt's template for the entry type; one with every field optional when a field it needs
        (the year, the booktitle of a row no source could resolve) is missing."""
        try:
            return super().format_entry(label, entry, bib_data)
        except FieldIsMissing:
            context = {"entry": entry, "style": self, "bib_data": bib_data}
            template = toplevel[
                self.format_names("author"),
                optional[self.format_title(entry, "title")],
                sentence[
                    optional[tag("em")[first_of[optional_field("booktitle"), optional_field("journal"),
                                               optional_field("howpublished")]]],
                    optional[unsrt.pages],
                    optional_field("publisher"),
                    optional[unsrt.date],
                ],
            ]
            return FormattedEntry(entry.key, template.format_data(context), label)


@dataclass
class Paper:
    number: int  # 1-based position in the list
    record: Record
    bibtex: str  # the entry exactly as wsss.bib has it
    reference: Text  # pybtex rich text, rendered by each page's backend
    links: list[tuple[str, str]]  # (label, http(s) URL)


@dataclass
class Section:
    heading: str  # the list's heading above these rows ("2021"); "" for rows under none
    papers: list[Paper] = field(default_factory=list)


def sections(records: list[Record], ascii_only: bool = False) -> list[Section]:
    """The papers in list order, grouped by the list heading they sit under."""
    entries = [bibtex.entry(record, ascii_only) for record in records]
    database = parse_string("\n".join(entries), "bibtex")
    style = Style()
    grouped: list[Section] = []
    for number, (record, text) in enumerate(zip(records, entries), start=1):
        formatted = style.format_entry(str(number), database.entries[record["id"]], bib_data=database)
        paper = Paper(number, record, text, formatted.text, links(record))
        heading = str(record.get("custom", {}).get("list-section") or "")
        if not grouped or grouped[-1].heading != heading:
            grouped.append(Section(heading))
        grouped[-1].papers.append(paper)
    return grouped


def links(record: Record) -> list[tuple[str, str]]:
    """The paper's links, each an http(s) URL (anything else, e.g. `javascript:`, is dropped)."""
    custom = record.get("custom", {})
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
    "chapter": ("book", "bookitem", "atitle", "btitle"),
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


def _kev_name(person: dict) -> str:
    """'Family, Given' (Zotero splits rft.au at the comma), or the literal name."""
    if person.get("literal") or not person.get("given"):
        return str(person.get("literal") or person.get("family", ""))
    family = " ".join(p for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    return f"{family}, {person['given']}"
