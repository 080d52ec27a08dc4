"""What a link points to: the paper, its code, its project page, or something else, by its site
and its label. The sites and the label words are data (`data/links.yaml`), not code; a link's
rank says how sure the reader is that it is the paper (`Rank`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from ..errors import InputError
from .model import Link

# An arXiv abstract or PDF page, whatever follows: what ARXIV_URL does not read there is a typo.
ARXIV_PAGE = re.compile(r"arxiv\.org/(?:abs|pdf)/", re.IGNORECASE)
ARXIV_URL = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?/?"
    r"(?=$|%)",  # "…/1706.02275.pdf%22%3E…": a link with the list's markup run into it
    re.IGNORECASE,
)
ARXIV_IN_TEXT = re.compile(r"\barxiv\s*[:/]?\s*(\d{4}\.\d{4,5})(?:v\d+)?\b", re.IGNORECASE)
DOI_IN_URL = re.compile(r"/(10\.\d{4,9}/[^\s?#]+?)(?:\.pdf)?/?$")

class Rank(IntEnum):
    """How sure the reader is that a link is the paper, best first."""

    SAID = 0  # its label or its column says so ("[pdf]", a PDF column)
    PAPER_SITE = 1  # it points to an archive's or a publisher's page of a paper
    TITLE = 2  # the title links it, to a page of no known kind
    VENUE = 3  # the venue or a date links it ("[[CVPR 2021]](…)")
    NONE = 9  # not the paper: code, a project page, a talk, a site's home page


@dataclass(frozen=True)
class LinkVocabulary:
    paper_sites: dict[str, str]  # host -> source ("arxiv.org" -> "arxiv")
    publisher_sites: tuple[str, ...]
    code_sites: tuple[str, ...]
    video_sites: tuple[str, ...]
    labels: dict[str, frozenset[str]]  # kind (code, paper, project, other) -> label words
    label_words: frozenset[str]


LABEL_KINDS = ("code", "paper", "project", "other")  # in this order: "official code" is code before "paper code"


def vocabulary_file() -> Path:
    return Path(str(resources.files("wsss_bib") / "data" / "links.yaml"))


def _strings(path: Path, value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise InputError(path, None, f"{what} is a list of strings")
    return tuple(item.lower() for item in value)


def load_links(path: str | Path) -> LinkVocabulary:
    """Read a links file (sites and label words); a malformed one is an InputError naming it."""
    import yaml  # here, not at the top: `wsss-bib --help` reads no vocabulary

    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise InputError(path, None, f"invalid YAML: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(path, 1, "expected a mapping of paper_sites, publisher_sites, code_sites, video_sites, labels")
    paper_sites = data.get("paper_sites")
    if not isinstance(paper_sites, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in paper_sites.items()):
        raise InputError(path, None, "paper_sites maps hosts to source names")
    labels = data.get("labels")
    if not isinstance(labels, dict) or set(labels) != set(LABEL_KINDS):
        raise InputError(path, None, f"labels has the kinds {', '.join(LABEL_KINDS)}")
    words = {kind: frozenset(_strings(path, labels[kind], f"labels.{kind}")) for kind in LABEL_KINDS}
    return LinkVocabulary(
        {host.lower(): source for host, source in paper_sites.items()},
        _strings(path, data.get("publisher_sites"), "publisher_sites"),
        _strings(path, data.get("code_sites"), "code_sites"),
        _strings(path, data.get("video_sites"), "video_sites"),
        words, frozenset().union(*words.values()))


@lru_cache(maxsize=1)
def vocabulary() -> LinkVocabulary:
    return load_links(vocabulary_file())


def is_label_word(word: str) -> bool:
    """Whether a word names a kind of link ("pdf", "code", "project"), lower case."""
    return word in vocabulary().label_words


def usable(href: str) -> bool:
    parts = urlparse(href.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "." in (parts.hostname or "")


def label_kind(label: str) -> str | None:
    """What a link's label says it is: "[Paper]", "[[Pytorch](…)]", "`[official code - caffe]`"."""
    # "📄 Paper (Low Resolution)", "💻 Code (not yet)": a note in brackets after the label says no more what it is
    label = re.sub(r"(?<=\w)\s*\([^()]*\)\s*$", "", label) or label
    words = re.findall(r"[a-z][a-z\-]*", label.lower())
    known = [word for word in words if is_label_word(word)]
    if not words or len(words) > 3 or 2 * len(known) < len(words):
        return None  # "Scaling Instruction-Finetuned Language Models" is a title, not a "[models]" link
    labels = vocabulary().labels
    for kind in LABEL_KINDS:
        if any(word in labels[kind] for word in words):
            return kind
    return None


def _host_in(host: str, domains: tuple[str, ...] | dict[str, str]) -> str | None:
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def _said(label: str, role: str | None, known_site: bool) -> str | None:
    """What the label says, except that a bare "[[Link]]" outside a paper column to a site that is no
    paper site, PDF or video ("[[Link]](https://cvgl.example.edu/dataset/)") is a page of its own."""
    said = label_kind(label)
    if said == "paper" and role != "paper" and not known_site and re.fullmatch(r"\W*link\W*", label.lower()):
        return "project"
    return said


def _source(host: str, path: str) -> str | None:
    """Which paper site a link is on ("arxiv", "doi", "publisher", ...), "pdf" for a PDF elsewhere."""
    sites = vocabulary()
    if paper_site := _host_in(host, sites.paper_sites):
        return sites.paper_sites[paper_site]
    if _host_in(host, sites.publisher_sites):
        return "publisher"
    return "pdf" if path.lower().endswith(".pdf") else None


# "https://www.google.com/url?q=https%3A%2F%2Fexample.org%2Fpaper.pdf&sa=D", "https://scholar.google.com/
# scholar_url?url=https://www.mdpi.com/…&hl=en": a search engine's redirect, pasted from its results page
REDIRECT = re.compile(r"^(?:www\.|scholar\.)?google\.[a-z.]+$")


def unwrapped(href: str) -> str:
    """The address a search engine's redirect link leads to; any other link as it is."""
    parts = urlparse(href)
    if not REDIRECT.match((parts.hostname or "").lower()) or parts.path not in ("/url", "/scholar_url"):
        return href
    target = next((values[0] for key, values in parse_qs(parts.query).items() if key in ("q", "url")), "")
    return target if usable(target) else href


def classify(href: str, label: str = "", role: str | None = None) -> tuple[Rank, Link] | None:
    """The link's kind and its rank as the paper link (`Rank`); None if it is no usable http(s) URL.

    `role` is what the row's layout says: "paper" (a PDF/Link column), "code" (a Code column),
    "title" (the title itself is linked), "venue" (the venue is linked), or None.
    """
    href = unwrapped(href.strip())
    if not usable(href):
        return None
    parts = urlparse(href)
    host = (parts.hostname or "").lower()
    source = _source(host, parts.path)
    video = _host_in(host, vocabulary().video_sites) is not None
    said = _said(label, role, bool(source) or video)
    if source and parts.path.strip("/") == "" and not parts.query:
        return Rank.NONE, Link(href, "other", "page", label)  # "[ArXiv](https://arxiv.org/)": the site, not a paper
    if code_host := _host_in(host, vocabulary().code_sites):
        if (role == "paper" or said == "paper") and parts.path.lower().endswith(".pdf"):
            return Rank.PAPER_SITE, Link(href, "paper", "pdf", label)  # "[[pdf]](https://github.com/…/Report.pdf)"
        return Rank.NONE, Link(href, "code", code_host.split(".")[0], label)
    if role == "code":  # a Code column's link outside a code host: a project page
        return Rank.NONE, Link(href, "project", "page", label)
    if role == "paper" and said not in ("other", "project") or said == "paper":  # "[[blog]]" in a PDF column
        if video:
            return Rank.NONE, Link(href, "other", "video", label)  # "[[link]](https://youtu.be/…)": a talk
        return Rank.SAID, Link(href, "paper", source or "page", label)
    return _unsaid(href, label, role, said, source, host, parts.path)


def _unsaid(href: str, label: str, role: str | None, said: str | None, source: str | None, host: str,
            path: str) -> tuple[Rank, Link]:
    """A link neither its label nor its column calls the paper: what its label or its site says."""
    # "[Web Things](https://doi.org/…)", "[website](https://openreview.net/forum?id=…)": a paper site's page
    # is the paper whatever its label calls it (a conference's event pages excepted)
    if said == "project" and source and source in vocabulary().paper_sites.values() \
            and not re.match(r"/(?:virtual|conferences?)/", path, re.IGNORECASE):
        return Rank.PAPER_SITE, Link(href, "paper", source, label)
    if said in ("project", "code"):
        return Rank.NONE, Link(href, "project", "page", label)
    if said == "other":
        return Rank.NONE, Link(href, "other", source or "page", label)
    if source and re.match(r"/(?:virtual|conferences?)/", path, re.IGNORECASE):
        return Rank.NONE, Link(href, "other", "page", label)  # a conference's talk or event page, not a paper
    if source:
        return Rank.PAPER_SITE, Link(href, "paper", source, label)
    if host.endswith(".github.io"):
        return Rank.NONE, Link(href, "project", "page", label)
    if role == "title":
        return Rank.TITLE, Link(href, "paper", "page", label)
    if role == "venue":  # "[[CVPR 2021]](…)", "[[17 Nov 2022]](…)": the venue or date links the paper
        return Rank.VENUE, Link(href, "paper", "page", label)
    return Rank.NONE, Link(href, "other", "page", label)


@dataclass
class Links:
    """A row's links, classified, and the ones that stand for its paper, code and project."""

    found: list[tuple[Rank, Link]] = field(default_factory=list)

    def add(self, ranked: tuple[Rank, Link] | None) -> None:
        if ranked and all(link.url != ranked[1].url for _, link in self.found):
            self.found.append(ranked)

    @property
    def all(self) -> tuple[Link, ...]:
        return tuple(link for _, link in self.found)

    def ranked(self, rank: Rank) -> bool:
        return any(r == rank for r, _ in self.found)

    def paper(self, best: Rank = Rank.VENUE) -> Link | None:
        """The link that stands for the paper: the best-ranked paper link no worse than `best`."""
        papers = [(rank, i, link) for i, (rank, link) in enumerate(self.found) if link.kind == "paper" and rank <= best]
        return min(papers, key=lambda p: (p[0], p[1]))[2] if papers else None

    def title_first(self, urls: set[str]) -> None:
        """When the title links an arXiv page and a link labelled as the paper gives another arXiv id
        ("[Title](…/abs/2101.00001)", then a badge "[arXiv](…/abs/2101.00002)" on a line below), the
        title's own link is the paper: the badge is a template, copied from the paper next to it."""
        own = [(k, link, found.group(1)) for k, (rank, link) in enumerate(self.found)
               if link.url in urls and rank == Rank.PAPER_SITE and (found := ARXIV_URL.search(_bare(link.url)))]
        if not own:
            return
        k, link, arxiv = own[0]
        if any(rank < Rank.PAPER_SITE and (found := ARXIV_URL.search(_bare(other.url))) and found.group(1) != arxiv
               for rank, other in self.found):
            del self.found[k]
            self.found.insert(0, (Rank.SAID, link))

    def first(self, kind: str) -> Link | None:
        return next((link for _, link in self.found if link.kind == kind), None)

    def arxiv_id(self) -> str | None:
        paper = self.paper()
        for link in ([paper] if paper else []) + [link for _, link in self.found]:
            if found := ARXIV_URL.search(_bare(link.url)):
                return found.group(1)
        return None

    def doi(self) -> str | None:
        paper = self.paper()
        if paper and not ARXIV_URL.search(_bare(paper.url)):
            if found := DOI_IN_URL.search(urlparse(paper.url).path):
                return found.group(1)
        for _, link in self.found:
            if link.source == "doi" and (found := DOI_IN_URL.search(urlparse(link.url).path)):
                return found.group(1)
        return None


def _bare(url: str) -> str:
    """The URL without query or fragment ("…/abs/2303.02851#")."""
    return re.split(r"[?#]", url, maxsplit=1)[0]
