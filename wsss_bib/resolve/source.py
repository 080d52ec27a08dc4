"""What every service the resolver asks is: one small interface, and what it answers with.

A source has a name (also the name of its layer in a merged record and of its options:
`--<name>-url`, `WSSS_BIB_<NAME>_URL`), a default base URL, a rate policy, and a role:

- a **preprint** source (arXiv) is asked first, by the ids the list gives (`identifier`
  names the `ListEntry` attribute) and by title for rows without one; it contributes
  authors and ids, and the DOI of the published version where it knows it;
- a **published** source (Crossref) is asked for the DOIs that are named (batched) and
  searched by title; its candidates are scored by `match`, which knows only `Candidate`.

Sources are listed once, in `resolve.sources.REGISTRY`; nothing else names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..characters import clean_text
from ..record import Record, sanitised
from .config import HttpConfig

if TYPE_CHECKING:  # only for the type of a session: a settled run never imports requests
    import requests


@dataclass(frozen=True)
class RatePolicy:
    """At most `concurrency` requests at once, their starts at least `interval` seconds apart."""

    interval: float
    concurrency: int = 1


@dataclass
class Candidate:
    """One source's answer for a row: a CSL record, and what matching may know beyond it.

    `published`: the record is a published version of a paper (not a preprint, a review
    report, a dataset or a journal's own record). `titles`: other forms of the title that
    count as the same (the main title without its subtitle). `years`: every year the paper
    may be listed under (issued, print, online).
    """

    record: Record
    source: str
    published: bool
    titles: tuple[str, ...] = ()
    years: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # The one gate (record.sanitised), as soon as a source has made its record: matching,
        # reasons and the lock file see only what a record may hold.
        self.record = sanitised(self.record)
        self.titles = tuple(clean_text(title) for title in self.titles)


@dataclass
class Lookup:
    """A batch lookup's answer: candidates by identifier, and why the others are missing."""

    found: dict[str, Candidate] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


class SourceUnavailable(Exception):
    """The source could not be asked (no network, offline and not cached, repeated errors)."""


class Source(Protocol):
    name: str
    role: str  # "preprint" or "published"
    identifier: str  # "arxiv_id" or "DOI": what `fetch` takes
    default_url: str
    not_found: str  # the failure text meaning "the source answered: no such id"

    def rate(self, config: HttpConfig) -> RatePolicy: ...

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        """Records for many ids at once (batched as the service allows); failures say why."""

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        """Candidates for each (title, first author) query, in the queries' order."""
