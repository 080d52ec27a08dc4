"""Crossref's REST API: DOIs in batches, bibliographic searches, works as CSL records.

Two requests, each sent here on the run's one cached, polite session (passed in, never patched in):
`GET {url}/works?filter=doi:A,doi:B&rows=N` and
`GET {url}/works?rows=10&query.bibliographic=…&query.author=…`. Their parameters are spelled as
habanero 1.2 spelled them, so answers cached by earlier versions are found again.

How a work becomes a record (the choices, each seen in real records, tests/data/crossref/recorded):
- `issued` is Crossref's own `issued` (the earlier of print and online). A list may give
  the print or the online year instead, so all three years go to matching (`Candidate.years`).
- A subtitle completes the title ("Title: Subtitle"), unless it is a running head (its words
  are the title's) or a citation (a book review's "Publisher, 2021. 210 pp."); matching
  also accepts the main title alone.
- Container, series and volume title are chosen by what each title is, not by list order:
  the series (ISSN, "Lecture Notes…", "SPIE Proceedings") becomes `collection-title`.
- `article-number` stands in for a missing `page` (e-numbers, Nature's article numbers).
- People keep suffixes; editors are kept (they stand in for the authors of an edited book);
  ORCIDs go to `custom.orcid`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import requests

from ..nesting import json_loads
from ..record import MAX_NUMBER, Record, date_parts
from .config import NOT_CACHED, HttpConfig
from .reasons import cause
from .source import Candidate, Failure, Lookup, NotFound, Outcome, RatePolicy, SourceError, SourceUnavailable
from .text import markup_text

# Crossref's whole /types list (tests/data/crossref/types.json) onto CSL 1.0.2 types.
TYPES = {
    "journal-article": "article-journal", "proceedings-article": "paper-conference",
    "book-chapter": "chapter", "book-part": "chapter", "book-section": "chapter", "book-track": "chapter",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book", "book-set": "book",
    "book-series": "book", "proceedings": "book", "proceedings-series": "book",
    "reference-entry": "entry-encyclopedia", "dissertation": "thesis",
    "report": "report", "report-component": "report", "report-series": "report",
    "posted-content": "article", "peer-review": "review", "standard": "standard",
    "dataset": "dataset", "database": "dataset", "component": "document", "grant": "document",
    "journal": "periodical", "journal-volume": "periodical", "journal-issue": "periodical", "other": "document",
}
# What is a paper's published version (not a preprint, a review report, data, a journal itself).
PUBLISHED_TYPES = frozenset({
    "journal-article", "proceedings-article", "book-chapter", "book-part", "book-section", "book-track",
    "book", "monograph", "edited-book", "reference-book", "reference-entry", "dissertation", "report",
    "report-component", "standard",
})
BOOK_PARTS = frozenset({"book-chapter", "book-part", "book-section", "book-track", "reference-entry",
                        "proceedings-article"})
# A container title that names a series rather than one volume.
SERIES = re.compile(r"\b(lecture notes|series|proceedings of spie|spie proceedings|progress in|advances in|"
                    r"communications in|studies in|notes in|transactions on|ifip|ceur|schriften|reihe|cahiers)\b",
                    re.IGNORECASE)
ROWS = 10
BATCH = 20  # DOIs per /works?filter=doi:… request
DATE_FIELDS = ("issued", "published", "published-online", "published-print", "created")
NOT_FOUND = "unknown to Crossref"
DATE_PART = re.compile(r"[0-9]{1,4}")  # ASCII digits: a year, month or day


class CrossrefSource:
    """Crossref as a published source (see source.Source)."""

    name = "crossref"
    label = "Crossref"
    role = "published"
    identifier = "DOI"
    default_url = "https://api.crossref.org"
    fills = ()

    def rate(self, config: HttpConfig) -> RatePolicy:
        # Since Dec 2025: polite pool (with mailto) 10/s and 5 at once; public pool 5/s, one at a time.
        policy = RatePolicy(0.1, 5) if config.mailto else RatePolicy(0.2, 1)
        return RatePolicy(config.interval_for(self.name, policy.interval), policy.concurrency)

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        """DOIs in batches of BATCH with `/works?filter=doi:A,doi:B`; a DOI Crossref lacks is a failure."""
        lookup = Lookup()
        unique = sorted({doi.lower(): doi for doi in ids}.values())
        for start in range(0, len(unique), BATCH):
            batch = unique[start:start + BATCH]
            try:
                message = works(session, url, {"filter": ",".join(f"doi:{doi}" for doi in batch),
                                               "rows": str(len(batch))})
            except SourceError as err:
                lookup.failures.update(dict.fromkeys(batch, err.failure))
                continue
            items = message.get("items")
            by_doi = {str(item.get("DOI", "")).lower(): item for item in items if isinstance(item, dict)} \
                if isinstance(items, list) else {}
            for doi in batch:
                item = by_doi.get(doi.lower())
                if item is None:
                    lookup.failures[doi] = NotFound(NOT_FOUND, self.name).failure
                    continue
                try:  # one work nobody can read fails its own row, not the batch
                    lookup.found[doi] = to_candidate(item)
                except ValueError as err:
                    lookup.failures[doi] = Failure(Outcome.UNAVAILABLE, self.name,
                                                    f"Crossref: unusable record ({err})")
        return lookup

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        """Up to ten candidates per (title, first author) query."""
        answers = []
        for title, author in queries:
            params = {"rows": str(ROWS), "query.bibliographic": title}
            if author:
                params["query.author"] = author
            items = works(session, url, params).get("items")
            answers.append([to_candidate(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else [])
        return answers


SOURCE = CrossrefSource()


def works(session: requests.Session, url: str, params: dict[str, str]) -> dict[str, Any]:
    """`GET {url}/works?params` on the run's session: the answer's works message, or a SourceError.

    The session's adapter has retried what can be retried and read a 200's body whole (it parses:
    `transport.body_problem`); what is left here is the answer's status and shape.
    """
    try:
        response = session.get(f"{url}/works", params=params)
    except requests.RequestException as err:
        raise SourceUnavailable(f"Crossref: {cause(err)}", SOURCE.name) from None
    if response.status_code == 404:
        raise NotFound(NOT_FOUND, SOURCE.name)
    if response.status_code != 200:
        raise SourceUnavailable(f"Crossref: {_status_text(response)}", SOURCE.name)
    try:
        answer = json_loads(response.content)  # bounded, no NaN: as checked before caching
    except ValueError:
        raise SourceUnavailable("Crossref: answer is not JSON", SOURCE.name) from None
    message = answer.get("message") if isinstance(answer, dict) else None
    if not isinstance(message, dict):
        raise SourceUnavailable("Crossref: answer is not a works message", SOURCE.name)
    return message


def to_candidate(item: dict[str, Any]) -> Candidate:
    crossref_type = _scalar(item.get("type")) or ""
    record = to_record(item)
    main = _first(item.get("title"))
    titles = (main,) if main and main != record.get("title") else ()
    dates = [_date(item.get(name)) for name in DATE_FIELDS[:4]] + _issue_dates(item)
    years = frozenset(parts[0] for parts in dates if parts)
    return Candidate(record, SOURCE.name, crossref_type in PUBLISHED_TYPES, titles, years)


def to_record(item: dict[str, Any]) -> Record:
    """A Crossref work as a CSL record; missing parts are simply absent.

    Parts of an unexpected shape (a title that is text instead of a list, a number for a
    page, an author that is no mapping) are read as well as they can be or left out, never
    an error: one odd record must not stop the run or reach the exporters as a non-string.
    """
    crossref_type = _scalar(item.get("type")) or ""
    event: dict[str, Any] = item["event"] if isinstance(item.get("event"), dict) else {}
    event_title = markup_text(_scalar(event.get("name")) or "") or None
    container, series = _containers(item, crossref_type, event_title)
    authors = _people(item.get("author"))
    record: Record = {
        "type": TYPES.get(crossref_type, "document"),
        "title": _title(item),
        "author": [name for name, _ in authors],
        "editor": [name for name, _ in _people(item.get("editor"))],
        "container-title": container,
        "collection-title": series,
        "event-title": event_title,
        "event-place": markup_text(_scalar(event.get("location")) or "") or None,
        "issued": _issued(item),
        "DOI": _scalar(item.get("DOI")),
        "URL": _scalar(item.get("URL")),
        "ISSN": ", ".join(_texts(item.get("ISSN"))) or None,
        "ISBN": ", ".join(_texts(item.get("ISBN"))) or None,
        "page": _scalar(item.get("page")) or _scalar(item.get("article-number")),
        "volume": _scalar(item.get("volume")),
        "issue": _scalar(item.get("issue")),
        "publisher": markup_text(_scalar(item.get("publisher")) or "") or None,
        "publisher-place": _scalar(item.get("publisher-location")),
    }
    short = [markup_text(c) for c in _texts(item.get("short-container-title")) if c]
    orcid = {_label(name): link for name, link in authors if link}
    custom = {"crossref-type": crossref_type, "short-container-title": short[0] if short else None,
              "orcid": orcid or None}
    record["custom"] = {k: v for k, v in custom.items() if v}
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def _title(item: dict[str, Any]) -> str | None:
    title = _first(item.get("title"))
    subtitle = _first(item.get("subtitle"))
    if subtitle and title and not _running_head(title, subtitle) and not _citation(subtitle):
        title = f"{title.rstrip(' :')}: {subtitle}"
    return title or None


def _running_head(title: str, subtitle: str) -> bool:
    """A subtitle whose words are (mostly) the title's repeats it: a running head, not a part."""
    words = re.findall(r"\w+", subtitle.lower())
    if not any(w.isalpha() for w in words):
        return True  # "(523352013-007)": an id, not words
    theirs = set(re.findall(r"\w+", title.lower()))
    return sum(w in theirs for w in words) >= 2 / 3 * len(words)


def _citation(subtitle: str) -> bool:
    """A book review's subtitle that cites the book: "Publisher, 2021. 210 pp. ISBN …"."""
    return bool(re.search(r"\bISBN\b|\b\d+\s*pp\.|\$\d", subtitle))


def _containers(item: dict[str, Any], crossref_type: str, event: str | None) -> tuple[str | None, str | None]:
    """(container-title, collection-title): the volume (or journal) and the series it is in."""
    titles = list(dict.fromkeys(markup_text(c) for c in _texts(item.get("container-title")) if c.strip()))
    if len(titles) < 2 or crossref_type not in BOOK_PARTS:
        return (titles[0] if titles else None), None

    def volume_likeness(title: str) -> tuple[int, int]:
        score = -3 * bool(SERIES.search(title))
        score += 2 * bool(re.search(r"\b(19|20)\d\d\b", title))  # "Computer Vision – ECCV 2020"
        score += 2 * bool(event and (event.lower() in title.lower() or title.lower() in event.lower()))
        score += bool(re.search(r"\b[IVXLC]+$|\bPart\b", title))  # "… Science XI", "Part IV"
        return score, len(title)  # at a tie, the longer, more particular title is the volume

    ranked = sorted(titles, key=volume_likeness, reverse=True)
    return ranked[0], ranked[1]


def _issued(item: dict[str, Any]) -> dict[str, Any] | None:
    """The record's date. A journal article in a volume or issue (or with a dated `journal-issue`) is
    dated by that issue (its print date, or the issue's own date), so that year, volume and pages
    agree, as Zotero's Crossref translator and dblp date it; any other work by Crossref's `issued`
    (the earlier of print and online)."""
    in_issue = _scalar(item.get("volume")) or _scalar(item.get("issue")) or any(_issue_dates(item))
    if _scalar(item.get("type")) == "journal-article" and in_issue:
        for parts in (_date(item.get("published-print")), *_issue_dates(item)):
            if parts:
                return date_parts(*parts)
    for name in DATE_FIELDS:
        parts = _date(item.get(name))
        if parts:
            return date_parts(*parts)
    return None


def _issue_dates(item: dict[str, Any]) -> list[list[int]]:
    """The dates of the journal issue that holds the work (print first), from `journal-issue`."""
    issue = item.get("journal-issue")
    if not isinstance(issue, dict):
        return []
    return [_date(issue.get("published-print")), _date(issue.get("published-online"))]


def _date(value: object) -> list[int]:
    parts = (value.get("date-parts") if isinstance(value, dict) else None) or [[]]
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    numbers: list[int] = []
    for part in first[:3]:  # [2022, 6] or ["2022", "6"]; stop at the first part that is neither
        if isinstance(part, str) and DATE_PART.fullmatch(part):
            numbers.append(int(part))
        elif isinstance(part, int) and not isinstance(part, bool) and 0 <= part < 10000:
            numbers.append(part)
        else:  # "²" is a digit to str.isdigit, a 5,000-digit part no int() takes: neither is a date
            break
    return numbers if numbers and numbers[0] else []


def _people(value: object) -> list[tuple[dict[str, str], str | None]]:
    """CSL names (family, given, suffix; a literal for an organisation) and each one's ORCID."""
    people = value if isinstance(value, list) else []
    names = []
    for person in people:
        if not isinstance(person, dict):
            continue
        family = markup_text(_scalar(person.get("family")) or "")
        if family:
            name = {"family": family, "given": markup_text(_scalar(person.get("given")) or ""),
                    "suffix": markup_text(_scalar(person.get("suffix")) or "")}
        elif _scalar(person.get("name")):
            name = {"literal": markup_text(_scalar(person.get("name")) or "")}
        else:
            continue
        orcid = _scalar(person.get("ORCID"))
        orcid = orcid if orcid and re.fullmatch(r"https?://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid) else None
        names.append(({k: v for k, v in name.items() if v}, orcid))
    return names


def _label(name: dict[str, str]) -> str:
    return name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p)


def _first(value: object) -> str:
    texts = _texts(value)
    return markup_text(texts[0]) if texts else ""


def _texts(value: object) -> list[str]:
    """Crossref's lists of titles: the strings of a list, or a lone string as a list of one."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _scalar(value: object) -> str | None:
    """Text, or a number as text (a page given as 4310); anything else is absent."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, int) and not -MAX_NUMBER < value < MAX_NUMBER:
        return None  # no page or volume; and past 4300 digits str() refuses it
    return str(value)


def _status_text(response: requests.Response | None) -> str:
    if response is None:
        return "no response"
    if response.status_code == 504 and response.reason == "Not Cached":  # requests-cache, offline
        return NOT_CACHED
    return f"HTTP {response.status_code}"

