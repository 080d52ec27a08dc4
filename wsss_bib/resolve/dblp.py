"""dblp, the computer science bibliography, as a published source: its publication search API.

`GET {url}/search/publ/api?q=<title words>&format=json&h=10` answers
`{"result": {"hits": {"@total": "N", "hit": [{"info": {...}}, ...]}}}`; an empty answer has no
`hit` at all. Each `info` is one publication (dblp's data is CC0). How one becomes a CSL record
(each shape in a fixture, tests/data/dblp/):

- Every value is a string; missing fields are left out, never null. HTML entities are not
  decoded by dblp (`&apos;`, `&amp;`), so they are decoded here.
- `title` ends with "." (a final "?" or "!" stands alone); the period is not part of the title.
- `authors.author` is a list, or one value when there is one author; each is `{"@pid", "text"}`
  (answers recorded before 2020: a plain string). A homonym number ("Dong Zhang 0007") is
  dblp's, not part of the name.
- `venue` is dblp's short name ("CVPR (1)", "IEEE Trans. Pattern Anal. Mach. Intell.",
  "NeurIPS"), expanded to the full container title through the venue vocabulary; a name the
  vocabulary does not know is kept as dblp writes it.
- `type`: "Conference and Workshop Papers", "Journal Articles", "Parts in Books or
  Collections" and "Books and Theses" are published works; "Informal and Other Publications"
  (CoRR: venue "CoRR", volume "abs/ID") is the arXiv preprint, never the published version;
  "Editorship" (a proceedings volume) and "Withdrawn Items" are no paper's record and are skipped.
- `ee` (one link or a list): a doi.org link, a proceedings page (proceedings.neurips.cc,
  openreview.net, openaccess.thecvf.com) or an arXiv link; the proceedings page becomes the URL.
  `doi` may differ from the `ee` link in letter case: the link's spelling is kept.
- `pages`, `volume`, `number` (the issue), `year`, `publisher`, `key` (kept as `custom.dblp`).

Politeness (https://dblp.org/faq/1474706.html): dblp asks for at least a second or two between
requests and answers over-use with 429 and `Retry-After`; one request at a time, 1 s apart
(10 % more, as every limit here), and Retry-After is honoured by the session.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import requests

from ..nesting import json_loads
from ..record import Record, date_parts
from ..venues import lookup
from .config import NOT_CACHED, HttpConfig
from .reasons import cause
from .source import Candidate, Lookup, NotFound, RatePolicy, SourceUnavailable

HITS = 10  # per title search: the paper, its CoRR record and any same-title papers
PUBLISHED = {  # dblp's type -> CSL type, for the types that are a work's published version
    "Conference and Workshop Papers": "paper-conference",
    "Journal Articles": "article-journal",
    "Parts in Books or Collections": "chapter",
    "Books and Theses": "book",
}
PREPRINT = "Informal and Other Publications"
NOT_A_PAPER = frozenset({"Editorship", "Withdrawn Items", "Reference Works"})
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits: `\d` and `str.isdigit` take "٢٠٢٠" and "²⁰²⁰" too
HOMONYM = re.compile(r"\s+\d{4}$")
ARXIV_LINK = re.compile(r"arxiv\.org/abs/([^\s?#]+?)(?:v\d+)?$|10\.48550/arxiv\.([^\s?#]+)$", re.IGNORECASE)
DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)


class DblpSource:
    """dblp as a published source (see source.Source): title searches only (no lookup by DOI)."""

    name = "dblp"
    label = "dblp"
    role = "published"
    identifier = ""  # the publication search API has no lookup by DOI
    default_url = "https://dblp.org"
    # What dblp adds to a record another published source gave: the proceedings pagination
    # (CVF open access, for instance) that Crossref's record of the DOI lacks.
    fills = ("page",)

    def rate(self, config: HttpConfig) -> RatePolicy:
        return RatePolicy(config.interval_for(self.name, 1.0), 1)

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        return Lookup(failures={i: NotFound("unknown to dblp (no lookup by DOI)", self.name).failure for i in ids})

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        """Up to HITS publications per query whose words are the title's (dblp's search is by words)."""
        answers: list[list[Candidate]] = []
        for title, _author in queries:
            words = " ".join(re.findall(r"[^\W_]+", title))
            if not words:
                answers.append([])
                continue
            answers.append(candidates(self._ask(session, url, {"q": words, "format": "json", "h": str(HITS)})))
        return answers

    def _ask(self, session: requests.Session, url: str, params: dict[str, str]) -> object:
        try:
            response = session.get(f"{url}/search/publ/api", params=params)
        except requests.RequestException as err:
            raise SourceUnavailable(f"dblp: {cause(err)}", self.name) from None
        if response.status_code == 504 and response.reason == "Not Cached":  # requests-cache, offline
            raise SourceUnavailable(f"dblp: {NOT_CACHED}", self.name)
        if response.status_code != 200:
            raise SourceUnavailable(f"dblp: HTTP {response.status_code}", self.name)
        try:
            return json_loads(response.content)  # bounded, no NaN: as checked before caching
        except ValueError:
            raise SourceUnavailable("dblp: answer is not JSON", self.name) from None


SOURCE = DblpSource()


def hits(answer: object) -> list[dict[str, Any]]:
    """The `info` of every hit of a search answer (none when there is no `hit`)."""
    result = answer.get("result") if isinstance(answer, dict) else None
    found = result.get("hits") if isinstance(result, dict) else None
    hit = found.get("hit", []) if isinstance(found, dict) else []
    listed = hit if isinstance(hit, list) else [hit]
    return [h["info"] for h in listed if isinstance(h, dict) and isinstance(h.get("info"), dict)]


def candidates(answer: object) -> list[Candidate]:
    """The papers in a search answer, as candidates (editorships and withdrawn items left out)."""
    found = []
    for info in hits(answer):
        record = to_record(info)
        if record is None:
            continue
        year = _year(info)
        years = frozenset({year}) if year else frozenset()
        found.append(Candidate(record, SOURCE.name, record["type"] != "article", (), years))
    return found


def to_record(info: dict[str, Any]) -> Record | None:
    """One dblp publication as a CSL record; None for what is no paper (an editorship, a withdrawn item)."""
    kind = _text(info.get("type"))
    if kind in NOT_A_PAPER or _text(info.get("access")) == "withdrawn":
        return None
    venue = _first(info.get("venue"))
    ee = info.get("ee")
    links = [text for link in (ee if isinstance(ee, list) else [ee])
             if (text := _text(link)).startswith(("http://", "https://"))]
    arxiv_id = _arxiv_id(info, links)
    preprint = kind == PREPRINT or venue == "CoRR"
    known = lookup(venue) if venue else None
    doi = _text(info.get("doi"))
    doi = next((m.group(1) for link in links if (m := DOI_LINK.match(link)) and m.group(1).lower() == doi.lower()),
               doi) if doi else ""
    if doi.lower().startswith("10.48550/arxiv."):
        doi = ""  # the preprint's DataCite DOI, never the published version's
    page = _pages(_text(info.get("pages")))
    year = _year(info)
    record: Record = {
        "type": "article" if preprint else PUBLISHED.get(kind, "document"),
        "title": _title(_text(info.get("title"))),
        "author": [_name(author) for author in _authors(info.get("authors"))],
        "container-title": None if preprint else (known.name if known else venue or None),
        "page": page or None,
        "volume": None if preprint else _text(info.get("volume")) or None,
        "issue": _text(info.get("number")) or None,
        "publisher": "arXiv" if preprint else html.unescape(_text(info.get("publisher"))) or None,
        "number": arxiv_id if preprint else None,
        "issued": date_parts(year) if year else None,
        "DOI": doi or None,
        "URL": _url(links, doi, arxiv_id if preprint else None),
    }
    custom = {"dblp": _text(info.get("key")) or None, "arxiv": arxiv_id}
    record["custom"] = {k: v for k, v in custom.items() if v}
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}


def _year(info: dict[str, Any]) -> int | None:
    """dblp's `year` as a number: four ASCII digits only ("²⁰²⁰" and "２０２０" are digits to `str.isdigit`)."""
    year = _text(info.get("year"))
    return int(year) if YEAR.fullmatch(year) else None


def _title(text: str) -> str:
    title = " ".join(html.unescape(text).split())
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _authors(value: object) -> list[object]:
    people = value.get("author") if isinstance(value, dict) else None
    return people if isinstance(people, list) else [people] if people else []


def _name(author: object) -> dict[str, str]:
    from .arxiv import split_name  # nameparser's split, as for arXiv's "Given Family" names

    text = author.get("text") if isinstance(author, dict) else author
    return split_name(HOMONYM.sub("", html.unescape(_text(text))))


def _arxiv_id(info: dict[str, Any], links: list[str]) -> str | None:
    volume = _text(info.get("volume"))
    if volume.startswith("abs/"):
        return volume.removeprefix("abs/")
    for text in [*links, _text(info.get("doi"))]:
        if m := ARXIV_LINK.search(text):
            return m.group(1) or m.group(2)
    return None


def _url(links: list[str], doi: str, arxiv_id: str | None) -> str | None:
    """The proceedings page where there is one (not the DOI's or arXiv's link); else the DOI's."""
    if arxiv_id:
        return f"https://arxiv.org/abs/{arxiv_id}"
    pages = [link for link in links if not DOI_LINK.match(link) and not ARXIV_LINK.search(link)]
    return pages[0] if pages else (f"https://doi.org/{doi}" if doi else None)


def _pages(text: str) -> str:
    return "-".join(part.strip() for part in text.split("-")) if text else ""


def _first(value: object) -> str:
    return _text(value[0] if isinstance(value, list) and value else value)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
