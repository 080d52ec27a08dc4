"""`wsss-bib add LINK`: a paper from its link into the list, in the list's own shape and place.

The steps, each a function below:

1. what the link names (`read_link`): an arXiv id, a DOI, or a paper page as the list reader
   classifies links (a CVF page also names its title, venue and year in its file name);
2. whether the list has the paper already (`duplicate`): the same arXiv id, DOI, paper link or
   normalised title; then nothing is written;
3. what the sources know (`identify`): the record by its id, then the resolver as `export`
   runs it, so the row says what the bibliography will;
4. where it goes (`place`): the year section for lists sectioned by year (made, in order, when
   the year has none), `--section` otherwise; after the last paper of the same venue there;
5. how it is written (`render`): like the rows around it. A neighbour is the template: its
   title, venue, year, links and authors are replaced by the new paper's; a table row keeps
   its table's columns. The new text is read back by the list reader before anything is
   written; a row the reader would not read as this paper is never written;
6. the list rewritten atomically (`write_atomically`), byte for byte the same but the new lines.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from . import identifiers, venues
from .errors import InputError
from .keys import normalised_title
from .lists import ListEntry, ParsedList, parse_list
from .lists.links import Links, classify, usable
from .lists.tables import HEADER_NAMES
from .lists.venue_and_year import MONTHS, YEAR4_PATTERN, VenueYear, venue_year
from .record import Record, from_entry, merge, sanitised, year
from .resolve.config import NOT_CACHED, HttpConfig
from .resolve.resolver import ServiceResolver
from .resolve.source import Candidate, Source

ARXIV_BARE = re.compile(r"^(?:arxiv:\s*)?((?:\d{4}\.\d{4,5})|(?:[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?$",
                        re.IGNORECASE)
# openaccess.thecvf.com/…/Family_Title_Words_CVPR_2021_paper.pdf: the title is in the file name.
CVF_FILE = re.compile(r"^[^_]+_(?P<words>.+)_(?P<venue>[A-Za-z]+)_(?P<year>(?:19|20)\d\d)_paper$")
HEADING = re.compile(r"^\ufeff? {0,3}(#{1,6})(?=\s|$|\d)")
LIST_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
TABLE_LINE = re.compile(r"^[^|]*(?<!\\)\|.*\S")  # a line with a cell boundary: tables with or without outer pipes
SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
PIPE = re.compile(r"(?<!\\)\|")
# What markdown would read as markup in a title or a link's label.
MARKUP = re.compile(r"([\\`*_\[\]<>|])")
SECTION_SEPARATOR = " › "
SITES = {"ieee": "IEEE", "openreview": "OpenReview", "neurips": "NeurIPS", "ecva": "ECVA", "cvf": "CVF", "acm": "ACM",
         "publisher": "publisher's", "pdf": "PDF"}
TEMPLATES = 8  # neighbours tried as templates (each candidate row is read back with the whole list)


@dataclass(frozen=True)
class PaperLink:
    """What a LINK argument names."""

    url: str  # the link the new row gives its paper
    source: str  # arxiv, doi, cvf, ecva, acm, ieee, openreview, neurips, publisher, pdf, page
    arxiv_id: str | None = None
    doi: str | None = None
    title_hint: str = ""  # a CVF file name's words
    venue_hint: str = ""
    year_hint: int | None = None


@dataclass(frozen=True)
class Given:
    """What the maintainer says that no service can know."""

    venue: str | None = None
    code: str | None = None
    supervision: str | None = None
    title: str | None = None
    section: str | None = None


@dataclass
class Paper:
    """The paper as the new row will say it."""

    title: str
    venue: str
    year: int | None
    url: str
    arxiv_id: str | None  # the one its row's link gives
    dois: set[str]
    arxiv_ids: set[str] = field(default_factory=set)  # every arXiv id the sources know it by
    authors: list[tuple[str, str]] = field(default_factory=list)  # (given, family), in order
    code: str | None = None
    supervision: str | None = None


@dataclass
class Outcome:
    added: bool
    message: str
    line: int | None = None


# -- 1. the link ----------------------------------------------------------------------------------

def read_link(text: str) -> PaperLink:
    """The paper a LINK names; InputError for anything the list reader would not take as a paper link."""
    raw = text.strip()
    if found := ARXIV_BARE.match(raw):
        arxiv_id = found.group(1)
        return PaperLink(f"https://arxiv.org/abs/{arxiv_id}", "arxiv", arxiv_id=arxiv_id)
    if not raw.lower().startswith(("http://", "https://")) and (doi := identifiers.normal_doi(raw)):
        return PaperLink(f"https://doi.org/{doi}", "doi", doi=doi)
    url = identifiers.safe_url(raw)
    ranked = classify(url, "", "paper") if url else None
    if url is None or ranked is None:
        raise InputError(raw or "LINK", None, "not a paper link: give an arXiv id or link, a DOI or doi.org link, "
                                              "or a CVF, ECVA, OpenReview, NeurIPS, ACM or IEEE page")
    links = Links()
    links.add(ranked)
    link = ranked[1]
    if link.kind != "paper":
        raise InputError(raw, None, f"a {link.source} {link.kind} link, not a paper's: give the paper's link "
                                    "(its code goes with --code)")
    doi = links.doi()
    doi = identifiers.normal_doi(unquote(doi)) if doi else None
    title, venue, year_hint = "", "", None
    if link.source == "cvf":
        stem = urlparse(url).path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if found := CVF_FILE.match(stem):
            title = " ".join(found.group("words").replace("_", " ").split())
            venue, year_hint = found.group("venue").upper(), int(found.group("year"))
    return PaperLink(url, link.source, arxiv_id=links.arxiv_id(), doi=doi, title_hint=title, venue_hint=venue,
                     year_hint=year_hint)


# -- 2. already in the list? ----------------------------------------------------------------------

def duplicate(parsed: ParsedList, arxiv_ids: Collection[str], dois: Collection[str], titles: Collection[str],
              urls: Collection[str] = ()) -> ListEntry | None:
    """The list's entry for the same paper: same arXiv id, DOI, paper link or normalised title."""
    arxiv_ids = {i for i in arxiv_ids if i}
    dois = {d.lower() for d in dois if d}
    titles = {normalised_title(t) for t in titles if t}
    urls = {u.rstrip("/") for u in urls if u}
    for entry in parsed.entries:
        if entry.arxiv_id and entry.arxiv_id in arxiv_ids or entry.link_doi and entry.link_doi.lower() in dois:
            return entry
        if (entry.pdf_url or "").rstrip("/") in urls or normalised_title(entry.title) in titles:
            return entry
    return None


# -- 3. what the sources know ---------------------------------------------------------------------

def by_identifier(config: HttpConfig, wanted: dict[str, str], warn: Callable[[str], None],
                  sources: Sequence[Source] | None = None) -> tuple[dict[str, Candidate], list[str]]:
    """Ask every registered source that takes one of `wanted`'s identifiers ("arxiv_id", "DOI"
    -> the value) for its record; returns the records by source name and why the others have none."""
    if sources is None:
        from .resolve.sources import REGISTRY  # imported when asked, as the resolver does
        sources = REGISTRY
    asked = [s for s in sources if wanted.get(s.identifier)]
    if not asked:
        return {}, []
    if config.offline and not config.cache_path.exists():
        return {}, [f"{s.name}: {NOT_CACHED}" for s in asked]
    from .resolve.session import make_session

    limits = {}
    for source in asked:
        policy = source.rate(config)
        limits[source.name] = (config.url_for(source.name, source.default_url), policy.interval, policy.concurrency)
    unreachable: list[str] = []  # the adapter's one-line account of a network that is not there
    session = make_session(config, unreachable.append, limits, warn)
    found: dict[str, Candidate] = {}
    reasons: list[str] = []
    try:
        for source in asked:
            value = wanted[source.identifier]
            answer = source.fetch(session, limits[source.name][0], [value], config)
            if value in answer.found:
                found[source.name] = answer.found[value]
            elif value in answer.failures:
                reasons.append(str(answer.failures[value]))
            else:
                reasons.append(f"{source.label}: not found")
    finally:
        session.close()
    if unreachable and not found:
        reasons = [f"no network ({unreachable[0]})"]
    return found, reasons


def identify(link: PaperLink, given: Given, parsed: ParsedList, config: HttpConfig, warn: Callable[[str], None],
             path: str) -> Paper:
    """The paper the link names, as the sources and the resolver describe it; InputError if none knows it."""
    wanted = {"arxiv_id": link.arxiv_id or "", "DOI": link.doi or ""}
    found, reasons = by_identifier(config, wanted, warn)
    first = next(iter(found.values()), None)
    title = given.title or (first.record.get("title") if first else "") or link.title_hint
    if not title:
        site = SITES.get(link.source, "web")
        why = "; ".join(reasons) if reasons else \
            f"no source reads this {site} page: give the paper's arXiv or DOI link, or its title with --paper-title"
        raise InputError(link.url, None, f"{why}; nothing added")
    preprint = found.get("arxiv")
    journal = _journal(preprint)
    hint = given.venue or link.venue_hint or (journal.name if journal and journal.venue else "")
    entry = ListEntry(title=title, venue=hint, year=link.year_hint or (journal.year if journal else None),
                      supervision=None, pdf_url=link.url, code_url=None, project_url=None, arxiv_id=link.arxiv_id,
                      link_doi=link.doi, path=path, line=0, raw_title=title)
    resolver = ServiceResolver(config, {}, progress=None, warn=warn)
    resolution = resolver([entry], {})[0]
    # Service answers are untrusted: only their fields in CSL shape are used (record.sanitised).
    published = sanitised(resolution.layers[-1][1]) if resolution.status == "resolved" and resolution.layers \
        else None
    merged = merge([("list", from_entry(entry)), *resolution.layers])
    searched = (merged.get("custom") or {}).get("arxiv")
    if published is None and first is None and searched:
        # No published record, but the preprint was found by the page's title: its record has the real title.
        found, _ = by_identifier(config, {"arxiv_id": searched}, warn)
        first = preprint = found.get("arxiv")
        journal = _journal(preprint)
    if published is None and first is None:
        raise InputError(link.url, None, f"{resolution.reason or 'no source knows this paper'}; nothing added")
    record = published or sanitised(first.record if first else merged)
    dois = {d for d in (link.doi, merged.get("DOI"), record.get("DOI"),
                        (preprint.record.get("custom") or {}).get("arxiv-doi") if preprint else None) if d}
    venue = given.venue or _venue_name(published, parsed) or (_listed_spelling(journal.name, parsed)
                                                               if journal and journal.venue else "")
    if not venue:  # the venue a CVF page's path names, else a preprint's
        venue = _listed_spelling(link.venue_hint or "arXiv", parsed) if link.venue_hint or preprint else ""
    return Paper(
        title=given.title or " ".join(str(record.get("title") or title).split()),
        venue=venue,
        year=_year(published, journal, link, record),
        url=link.url,
        arxiv_id=link.arxiv_id,
        dois=dois,
        arxiv_ids={i for i in (link.arxiv_id, searched, preprint.record.get("number") if preprint else None) if i},
        authors=[name for person in merged.get("author") or [] if (name := _name(person))[1]],
        code=given.code,
        supervision=given.supervision,
    )


def _journal(preprint: Candidate | None) -> VenueYear | None:
    """Where the preprint's authors say it was published ("CVPR 2022"), if they say."""
    reference = str((preprint.record.get("custom") or {}).get("arxiv-journal-ref") or "") if preprint else ""
    return venue_year(reference) if reference else None


def _year(published: Record | None, journal: VenueYear | None, link: PaperLink, record: Record) -> int | None:
    """The published record's year; else the year the preprint's journal reference or the page gives, else its own."""
    if published is not None:
        return year(published)
    return (journal.year if journal else None) or link.year_hint or year(record)


def _venue_name(record: Record | None, parsed: ParsedList) -> str:
    """The published record's venue as this list writes it (its short name when the list has none)."""
    if record is None:
        return ""
    custom = record.get("custom") or {}
    names = [str(record.get(f) or "") for f in ("container-title", "event-title", "collection-title")]
    names.append(str(custom.get("short-container-title") or ""))
    venue = next((v for n in names if n and (v := venues.lookup(n)) is not None), None)
    if venue is None:
        text = " | ".join(n.lower() for n in names if n)
        best = 0
        for candidate in set(venues.bundled_vocabulary().by_spelling.values()):
            for alias in candidate.aliases:
                if len(alias) > best and re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", text):
                    venue, best = candidate, len(alias)
    if venue is None:
        return str(record.get("container-title-short") or names[0] or "")
    return _listed_spelling(venue.short, parsed)


def _listed_spelling(name: str, parsed: ParsedList) -> str:
    """How the list writes venue `name` ("Multimedia" for ACM MM), or `name` if it never does."""
    venue = venues.lookup(name)
    if venue is None:
        return name
    used = Counter(e.venue for e in parsed.entries if e.venue and venues.lookup(e.venue) == venue)
    return used.most_common(1)[0][0] if used else venue.short


def _name(person: dict[str, Any]) -> tuple[str, str]:
    """(given, family); a literal name is all family."""
    if person.get("literal"):
        return "", str(person["literal"])
    family = " ".join(str(person[p]) for p in ("non-dropping-particle", "family") if person.get(p))
    return str(person.get("given") or ""), family


# -- 4. where it goes -----------------------------------------------------------------------------

@dataclass
class Place:
    after: int  # insert after this many lines of the file (0: at its start)
    template: list[ListEntry]  # entries to copy the shape from, best first
    shape: str
    new_section: list[str] = field(default_factory=list)  # lines before the entry, when a section is made
    gap: bool = False  # a blank line before the entry (loose lists, heading entries)
    after_lines: list[str] = field(default_factory=list)  # lines after the entry, when a section is made


def place(lines: list[str], parsed: ParsedList, paper: Paper, section: str | None, path: str) -> Place:
    entries = parsed.entries
    if section:
        wanted = section.strip().lower()
        group = [e for e in entries if wanted in [s.strip().lower() for s in e.section.split(SECTION_SEPARATOR)]
                 or e.section.lower() == wanted]
        if not group:
            raise InputError(path, None, f"no section {section!r} with papers in it; sections: {_sections(entries)}")
        return _after_group(lines, group, paper)
    group = [e for e in entries if paper.year is not None and _section_year(e) == paper.year]
    if group:
        return _after_group(lines, group, paper)
    if _by_year(entries):
        if paper.year is None:
            raise InputError(path, None, "the sources give no year for this paper: say where with --section")
        return _new_year_section(lines, entries, paper)
    sections = {e.section for e in entries}
    if len(sections) == 1:
        return _after_group(lines, entries, paper)
    raise InputError(path, None, f"the list is not sectioned by year: say where with --section "
                                 f"(sections: {_sections(entries)})")


def _sections(entries: list[ListEntry]) -> str:
    names = list(dict.fromkeys(e.section.split(SECTION_SEPARATOR)[-1] for e in entries if e.section))
    return ", ".join(repr(n) for n in names[:20]) or "none"


def _section_year(entry: ListEntry) -> int | None:
    for part in entry.section.split(SECTION_SEPARATOR):
        if found := YEAR4_PATTERN.search(part):
            return int(found.group(0))
    return None


def _by_year(entries: list[ListEntry]) -> bool:
    return bool(entries) and 2 * sum(_section_year(e) is not None for e in entries) >= len(entries)


def _after_group(lines: list[str], group: list[ListEntry], paper: Paper) -> Place:
    """After the group's last paper of the same venue (a venue subsection first), else its last paper."""
    venue = venues.lookup(paper.venue)

    def same_venue(e: ListEntry) -> bool:
        return venue is not None and venues.lookup(e.venue) == venue if venue else e.venue == paper.venue

    subsection = [e for e in group if same_venue(e) and venues.lookup(e.section.split(SECTION_SEPARATOR)[-1])]
    group = subsection or group
    shape = Counter(e.shape for e in group).most_common(1)[0][0]
    group = [e for e in group if e.shape == shape]
    anchor = max((e for e in group if same_venue(e)), key=lambda e: e.line, default=None) or \
        max(group, key=lambda e: e.line)
    end = unit_end(lines, anchor)
    by_distance = sorted(group, key=lambda e: (not same_venue(e), abs(e.line - anchor.line)))
    # Items the list separates by blank lines get one; a table row never (it would end the table).
    gaps = [lines[unit_end(lines, a):b.line - 1] for a, b in zip(group, group[1:])]
    spaced = sum(bool(gap) and not "".join(gap).strip() for gap in gaps)
    loose = shape == "heading" or shape == "item" and spaced > sum(not gap for gap in gaps)
    return Place(end, by_distance, shape, gap=loose)


def unit_end(lines: list[str], entry: ListEntry) -> int:
    """How many lines of the file end with the entry's last line (its 1-based last line number)."""
    start = entry.line - 1
    if entry.shape == "table":
        return entry.line
    end = start + 1
    if entry.shape == "item":
        own = LIST_MARKER.match(lines[start])
        indent = len(own.group(1)) if own else 0
        while end < len(lines) and lines[end].strip():
            marker = LIST_MARKER.match(lines[end])
            if HEADING.match(lines[end]) or marker and len(marker.group(1)) <= indent:
                break
            end += 1
        return end
    # A heading entry: its heading and what follows up to the next heading.
    last = end
    while end < len(lines) and not HEADING.match(lines[end]) and not _is_year_line(lines[end]):
        if lines[end].strip():
            last = end + 1
        end += 1
    return last


def _is_year_line(line: str) -> bool:
    return bool(re.match(r"^\ufeff?\s*#{1,6}\s*(?:19|20)\d\d\b", line))


def _new_year_section(lines: list[str], entries: list[ListEntry], paper: Paper) -> Place:
    """A section for a year the list has none for: its heading written like the others, in order."""
    years: dict[int, int] = {}  # year -> the line of its section heading
    for e in entries:
        y = _section_year(e)
        if y is not None and y not in years:
            at = next((k for k in range(e.line - 1, -1, -1)
                       if str(y) in lines[k] and (HEADING.match(lines[k]) or _is_year_line(lines[k])
                                                  or lines[k].strip().startswith("**"))), None)
            if at is not None:
                years[y] = at
    if not years:
        raise InputError(entries[0].path, None, "no year heading found: say where with --section")
    order = sorted(years, key=lambda y: years[y])
    descending = sum(a > b for a, b in zip(order, order[1:])) >= sum(a < b for a, b in zip(order, order[1:]))
    later = [y for y in order if (y < paper.year if descending else y > paper.year)] if paper.year else []
    neighbour = later[0] if later else order[-1]
    template = Counter(re.sub(str(y), "{year}", lines[years[y]].rstrip("\r\n"), count=1) for y in years)
    newline = _newline(lines[years[neighbour]])
    heading = template.most_common(1)[0][0].replace("{year}", str(paper.year)) + newline
    group = [e for e in entries if _section_year(e) == neighbour]
    shape = Counter(e.shape for e in group).most_common(1)[0][0]
    group = sorted((e for e in group if e.shape == shape), key=lambda e: e.line)
    first = group[0]
    venue = venues.lookup(paper.venue)
    group.sort(key=lambda e: venue is None or venues.lookup(e.venue) != venue)  # templates: same venue first
    before: list[str] = [heading]
    # What stood between the neighbour's heading and its first paper: blank lines, a table's header.
    between = lines[years[neighbour] + 1:first.line - 1]
    if shape == "table":
        header_at = _table_start(lines, first.line - 1)
        before += lines[years[neighbour] + 1:header_at] + lines[header_at:first.line - 1]
    else:
        before += [line for line in between if not line.strip()]
    if later:  # before the next section's heading, with the blank lines that stand above it
        blank = years[neighbour]
        while blank > 0 and not lines[blank - 1].strip():
            blank -= 1
        return Place(years[neighbour], group, shape, new_section=before,
                     after_lines=lines[blank:years[neighbour]] or [newline])
    last = max(unit_end(lines, e) for e in group)  # after the last section, past its blank lines
    end = last
    while end < len(lines) and not lines[end].strip():
        end += 1
    separator = lines[last:end] or [newline]
    if end == last:
        before.insert(0, newline)
    return Place(end, group, shape, new_section=before, after_lines=separator if end < len(lines) else [])


def _table_start(lines: list[str], row: int) -> int:
    k = row
    while k > 0 and TABLE_LINE.match(lines[k - 1]):
        k -= 1
    return k


def _newline(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\r" if line.endswith("\r") else "\n"


# -- 5. the row, like its neighbours --------------------------------------------------------------

def escape(text: str) -> str:
    """Text as markdown that reads back as itself: one line, markup characters escaped."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return MARKUP.sub(r"\\\1", text)


def _url(url: str) -> str:
    """A URL as a link destination: percent-encoded where markdown or TeX would trip."""
    safe = identifiers.safe_url(url) or ""
    return safe.replace("(", "%28").replace(")", "%29")


def render(lines: list[str], template: ListEntry, paper: Paper) -> list[str] | None:
    """The new paper's lines, written as `template` is; None if the template cannot be reused."""
    start = template.line - 1
    newline = _newline(lines[start])
    if template.shape == "table" and "|" not in lines[start].strip().strip("|"):
        # "| **[1]** Lee A. **Title**. Venue, 2012. [Paper](…) |": a table of one column, a reference a row,
        # written as an item is
        row = _substitute(lines[start].rstrip("\r\n"), template, paper)
        return None if row is None else [row + newline]
    if template.shape == "table":
        row = _table_row(lines, template, paper)
        return None if row is None else [row + newline]
    text = "".join(lines[start:unit_end(lines, template)])
    new = _substitute(text, template, paper)
    if new is None:
        return None
    return new.splitlines(keepends=True)


def _url_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+", text)]


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in spans)


def _substitute(text: str, template: ListEntry, paper: Paper, whole: bool = True) -> str | None:
    """`text` (the template's lines or cell) with the template's facts replaced by the paper's."""
    edits: list[tuple[int, int, str]] = []
    urls = _url_spans(text)
    title_at = _find(text, template.raw_title, urls) if template.raw_title else -1
    if title_at < 0:
        return None
    title_span = (title_at, title_at + len(template.raw_title))
    if whole and _names_something_else(text[:title_at], template):
        return None  # "**[FakeNet]** Title": an acronym of the template's paper would stay
    edits.append((*title_span, escape(paper.title)))
    taken = [*urls, title_span]
    if template.venue:
        at = _find(text, template.venue, taken)
        if at >= 0:
            edits.append((at, at + len(template.venue), escape(paper.venue)))
            taken.append((at, at + len(template.venue)))
    if template.year and paper.year and (year_edit := _year_edit(text, template.year, paper.year, taken)):
        edits.append(year_edit)
    if template.authors:
        # The template's authors are another paper's: replaced, or the template is not used.
        authors_edit = _authors_edit(text, template.authors, paper.authors, taken)
        if authors_edit is None:
            return None
        edits.append(authors_edit)
    edits += _link_edits(text, template, paper, edits)
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:])):
        return None
    for start, end, new_text in reversed(edits):
        text = text[:start] + new_text + text[end:]
    if whole and paper.code and not template.code_url:  # written after the rest, as a plain link
        body = text.rstrip("\r\n")
        text = f"{body} [code]({_url(paper.code)}){text[len(body):]}"
    return text


def _year_edit(text: str, old: int, new: int, taken: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The edit putting year `new` where the first `old` outside `taken` is ("2019", "'19", "Mar 2019")."""
    for found in re.finditer(rf"(?<!\d){old}(?!\d)|(?<=['’‘`])\s?{old % 100:02d}(?!\d)", text):
        if _outside(taken, found.start(), found.end()):
            digits = str(new) if len(found.group().strip()) == 4 else f"{new % 100:02d}"
            start = found.end() - len(found.group().strip())
            # "Mar 2019": the template's month is its paper's; the new one's is not known.
            month = re.search(rf"(?:{MONTHS.pattern})\s*$", text[:start], re.IGNORECASE)
            if month and _outside(taken, month.start(), start):
                start = month.start()
            return start, found.end(), digits
    return None


def _authors_edit(text: str, old: Sequence[str], new: Sequence[tuple[str, str]],
                  taken: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The edit putting the `new` authors where the `old` are, written as the template writes them
    (its first author's form, "et al" where it has it); None where that cannot be done."""
    first = _find(text, old[0], taken)
    last = text.find(old[-1], first) if first >= 0 else -1
    if first < 0 or last < 0 or not new:
        return None
    end = last + len(old[-1])
    form = re.sub(r"\s*\bet\.? al\b.*$", "", old[0])
    names = [_written(name, form) for name in new]
    written = f"{names[0]} et al" if re.search(r"\bet\.? al\b", text[first:end]) else \
        names[0] if re.match(r"\s*,?\s*et\.? al\b", text[end:]) else ", ".join(names)
    return first, end, escape(written)


def _link_edits(text: str, template: ListEntry, paper: Paper,
                edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The paper's PDF and code links where the template's are; the template's other links (project
    page, slides, a BibTeX file) are its paper's: they go. None of `edits` again."""
    found: list[tuple[int, int, str]] = []
    keep = {template.pdf_url, template.code_url}
    others = {m.group(1) for m in re.finditer(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)", text)} | {o.url for o in template.links}
    for other in sorted(others - keep):
        found += [edit for edit in _url_edits(text, other, None) if edit not in edits and edit not in found]
    for url, new in ((template.pdf_url, paper.url), (template.code_url, paper.code)):
        if url:
            found += _url_edits(text, url, new)
    return found


def _names_something_else(prefix: str, template: ListEntry) -> bool:
    """Whether the text before the template's title says more than a list marker, its venue and year."""
    rest = LIST_MARKER.sub("", prefix.split("\n")[-1], count=1)
    rest = HEADING.sub("", rest, count=1)
    for said in (template.venue, str(template.year or "")):
        if said:
            rest = rest.replace(said, " ")
    rest = re.sub(r"<[^>]*>|['’‘`]\s?\d\d\b", " ", rest)
    return bool(re.search(r"[^\W_]", rest))


def _written(name: tuple[str, str], form: str) -> str:
    """A (given, family) name as the template writes its first author: "Doe, Jane", "Doe", "J. Doe", "Jane Doe"."""
    given, family = name
    if not given:
        return family
    if "," in form:
        return f"{family}, {given}"
    words = form.split()
    if len(words) == 1:
        return family
    if re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*", words[0]):
        return " ".join(f"{part[0]}." for part in given.split() if part) + f" {family}"
    return f"{given} {family}"


def _url_edits(text: str, url: str, new: str | None) -> list[tuple[int, int, str]]:
    """Edits putting `new` where `url` is; without a new one, the link goes, with its brackets."""
    edits = []
    for found in re.finditer(re.escape(url), text):
        if new:
            edits.append((found.start(), found.end(), _url(new)))
        elif link := _link_around(text, found.start(), found.end()):
            edits.append((*link, ""))
    return edits


def _substitute_url(text: str, url: str, new: str | None) -> str:
    for start, end, replacement in reversed(_url_edits(text, url, new)):
        text = text[:start] + replacement + text[end:]
    return text


def _find(text: str, needle: str, taken: list[tuple[int, int]]) -> int:
    start = 0
    while (at := text.find(needle, start)) >= 0:
        if _outside(taken, at, at + len(needle)):
            return at
        start = at + 1
    return -1


def _link_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the markdown link whose destination is text[start:end], with the brackets,
    separator and space around it ("| [[code]](url)", " [code](url)")."""
    close = text.rfind("](", 0, start)
    if close < 0 or text[end:end + 1] != ")":
        return None
    depth, k = 0, close
    while k > 0:
        k -= 1
        if text[k] == "]":
            depth += 1
        elif text[k] == "[":
            if depth == 0:
                break
            depth -= 1
    a, b = k, end + 1
    while a > 0 and text[a - 1] in "[`" and text[b:b + 1] in "]`":
        a, b = a - 1, b + 1
    while a > 0 and text[a - 1] in " \t|·,":
        a -= 1
    if found := re.search(r"<br\s*/?>\s*$", text[:a], re.IGNORECASE):  # "[paper](…)<br />[code](…)"
        a = found.start()
    return a, b


def _table_row(lines: list[str], template: ListEntry, paper: Paper) -> str | None:
    start = _table_start(lines, template.line - 1)
    header = _cells(lines[start])
    # The rows of every table with this header: a table whose papers all have code still says "CODE"
    # for one without, as the list's other tables do.
    key = [cell.strip().lower() for cell in header]
    rows = [_cells(line) for k, line in enumerate(lines) if TABLE_LINE.match(line) and k + 1 < len(lines)
            and SEPARATOR.match(lines[k + 1]) and [c.strip().lower() for c in _cells(line)] == key
            for line in _table_rows(lines, k)]
    cells = _cells(lines[template.line - 1])
    cells += [""] * (len(header) - len(cells))
    roles = _roles(header)
    out = []
    for index, head in enumerate(header):
        role = roles.get(index)
        cell = cells[index].strip()
        column = [row[index].strip() for row in rows if index < len(row)]
        if role == "title":
            new = _substitute(cell, replace(template, venue="", year=None, authors=()), paper, False)
            if new is None:
                return None
        elif role == "venue":
            new = escape(paper.venue) if not template.venue or template.venue not in cell else \
                cell.replace(template.venue, escape(paper.venue), 1)
            if template.year and paper.year:
                new = new.replace(str(template.year), str(paper.year), 1)
        elif role in ("pdf", "code"):
            url = paper.url if role == "pdf" else paper.code
            old = template.pdf_url if role == "pdf" else template.code_url
            if url and old and old in cell:
                new = cell.replace(old, _url(url))
            elif url:
                label = _link_label(column) or head.strip() or role.upper()
                new = f"[{escape(label)}]({_url(url)})"
            else:
                new = _placeholder(column)
        elif role == "supervision":
            new = escape(paper.supervision or "")
        elif role == "year":
            new = str(paper.year or "")
        elif role == "authors":
            new = escape(", ".join(f"{given} {family}".strip() for given, family in paper.authors))
        else:
            new = ""
        if role != "code" and template.code_url and template.code_url in new:  # "[paper](…)<br />[code](…)"
            new = _substitute_url(new, template.code_url, paper.code)
        out.append(new.replace("|", "\\|") if role not in ("title",) else new)
    line = lines[template.line - 1].rstrip("\r\n")
    spaced = " | " in line or line.strip() in ("|", "")
    separator = " | " if spaced else "|"
    if not line.lstrip().startswith("|"):
        return separator.join(out)
    return ("| " if spaced else "|") + separator.join(out) + (" |" if spaced else "|")


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return PIPE.split(text)


def _table_rows(lines: list[str], start: int) -> list[str]:
    rows = []
    for line in lines[start + 2:]:
        if not TABLE_LINE.match(line) and "|" not in line or not line.strip():
            break
        rows.append(line)
    return rows


def _roles(header: list[str]) -> dict[int, str]:
    words = [next(iter(re.findall(r"[a-z]+", cell.lower())), "") for cell in header]
    has_title = any(w in ("title", "titles") for w in words)
    roles: dict[int, str] = {}
    for index, word in enumerate(words):
        role = ("pdf" if has_title else "title") if word in ("paper", "papers") else \
            next((r for r, names in HEADER_NAMES.items() if word in names), None)
        if role and role not in roles.values():
            roles[index] = role
    return roles


def _link_label(column: list[str]) -> str:
    labels = Counter(m.group(1) for cell in column if (m := re.match(r"^\[([^\]]+)\]\(", cell)))
    return labels.most_common(1)[0][0] if labels else ""


def _placeholder(column: list[str]) -> str:
    """What the column says when a paper has none of it ("CODE" without a link in the bundled list)."""
    plain = Counter(cell for cell in column if cell and "](" not in cell)
    return plain.most_common(1)[0][0] if plain else ""


def _default(lines: list[str], template: ListEntry, paper: Paper) -> list[str]:
    """The shape's plainest form, with the template's list marker or heading level, when no neighbour
    can be reused."""
    line = lines[template.line - 1]
    newline = _newline(line)
    year = f" {paper.year}" if paper.year else ""
    code = f" [code]({_url(paper.code)})" if paper.code else ""
    link = f"[{escape(paper.title)}]({_url(paper.url)})"
    if template.shape == "heading":
        level = HEADING.match(line)
        return [f"{level.group(1) if level else '###'} {link} {escape(paper.venue)}{year}{code}{newline}"]
    marker = re.match(r"^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+", line)
    return [f"{marker.group(0) if marker else '- '}{link}. {escape(paper.venue)}{year}.{code}{newline}"]


# -- 6. the whole step ----------------------------------------------------------------------------

def insert(text: str, parsed: ParsedList, paper: Paper, section: str | None, path: str) -> tuple[str, int]:
    """The list's text with the paper's lines in their place, and the new row's line number.

    Every candidate is read back by the list reader; the first that reads as this paper is kept."""
    lines = text.splitlines(keepends=True)
    where = place(lines, parsed, paper, section, path)
    tried: list[list[str]] = []
    for template in where.template[:TEMPLATES]:
        if (rendered := render(lines, template, paper)) is not None and rendered not in tried:
            tried.append(rendered)
    if where.shape != "table":
        tried.append(_default(lines, where.template[0], paper))
    for rendered in tried:
        new_lines = list(lines)
        before = list(where.new_section)
        if where.gap:
            before.insert(0, _newline(lines[where.after - 1]))
        block = before + rendered + where.after_lines
        after = where.after
        if after == len(new_lines) and new_lines and not new_lines[-1].endswith(("\n", "\r")):
            # the last line had no line break: it gets one, and the new last line goes without
            new_lines[-1] += _newline(lines[0]) if lines else "\n"
            block[-1] = block[-1].rstrip("\r\n")
        new_lines[after:after] = block
        row_line = after + len(before) + 1
        new_text = "".join(new_lines)
        if _reads_back(new_text, path, row_line, paper, parsed, bool(where.template[0].venue)):
            return new_text, row_line
    raise InputError(path, where.after, "cannot write a row here that the list reader reads back as this paper; "
                                        "nothing added (add it by hand)")


def _reads_back(text: str, path: str, line: int, paper: Paper, before: ParsedList, says_venue: bool) -> bool:
    """Whether the list reader reads the row at `line` as the paper, and every other row as before.
    (The venue only where the list's rows say one: a table without a venue column cannot.)"""
    parsed = parse_list(text, path)
    entry = next((e for e in parsed.entries if e.line == line), None)
    others = [(e.title, e.venue, e.year, e.arxiv_id, e.section) for e in parsed.entries if e is not entry]
    if entry is None or others != [(e.title, e.venue, e.year, e.arxiv_id, e.section) for e in before.entries]:
        return False
    same_venue = venues.lookup(entry.venue) == venues.lookup(paper.venue) if venues.lookup(paper.venue) else \
        entry.venue == paper.venue
    # The title as written, not only its words: "(Name: Title)" read back is not the title.
    return (_folded(entry.title) == _folded(paper.title) and entry.arxiv_id == paper.arxiv_id
            and (entry.code_url or None) == (_url(paper.code) if paper.code else None)
            and (same_venue or not says_venue)
            and entry.year == paper.year)


def _folded(title: str) -> str:
    return " ".join(title.split()).casefold()


def write_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace `path` with `data` in one rename; InputError if the file changed since it was read."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".wsss-bib-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if target.read_bytes() != expected:
            raise InputError(path, None, "changed while the paper was looked up; nothing added, run again")
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    descriptor = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def add_paper(path: Path, link_text: str, given: Given, config: HttpConfig,
              warn: Callable[[str], None] = lambda message: None) -> Outcome:
    """Add the paper `link_text` names to the list at `path`, or say why not (InputError: nothing written)."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, None, f"cannot be read ({err})") from None
    link = read_link(link_text)
    code = given.code
    if code is not None and (re.search(r"\s", code.strip()) or not usable(code)
                             or not identifiers.safe_url(code)):
        raise InputError(given.code or "--code", None, "--code is not an http(s) URL; nothing added")
    parsed = parse_list(text, str(path))
    if not parsed.entries:
        raise InputError(path, None, "no paper row could be read, so no shape to write one in; nothing added")
    known = duplicate(parsed, {link.arxiv_id or ""}, {link.doi or ""}, {given.title or ""}, {link.url})
    if known is None:
        paper = identify(link, given, parsed, config, warn, str(path))
        known = duplicate(parsed, paper.arxiv_ids, paper.dois, {paper.title})
    if known is not None:
        return Outcome(False, f"already in the list: {path}:{known.line} ({known.title}); nothing changed", known.line)
    new_text, line = insert(text, parsed, paper, given.section, str(path))
    write_atomically(path, new_text.encode("utf-8"), data)
    return Outcome(True, f"added {path}:{line}: {paper.title} ({paper.venue} {paper.year or ''})".rstrip(), line)
