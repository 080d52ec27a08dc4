"""What every service the resolver asks is: one small interface, and what it answers with.

A source has a name (also the name of its layer in a merged record and of its options:
`--<name>-url`, `WSSS_BIB_<NAME>_URL`), a default base URL, a rate policy, and a role:

- a **preprint** source (arXiv) is asked first, by the ids the list gives (`identifier`
  names the `ListEntry` attribute) and by title for rows without one; it contributes
  authors and ids, and the DOI of the published version where it knows it;
- a **published** source (Crossref, dblp) is asked for the DOIs that are named (batched) and
  searched by title; its candidates are scored by `match`, which knows only `Candidate`. The
  first published source in the registry gives a row its base record; each later one is asked
  only about rows the earlier ones left without a published record or without pages, and fills
  what they lack (`fills`).

What a source could not give is a typed `Failure`: not found (the source answered: no such
work), unavailable (it could not be asked: no network, offline and not cached, errors;
the row is asked again next run) or refused (it answered that the request is wrong: a
malformed id). Code compares the outcome, never the message text.

Sources are listed once, in `resolve.sources.MODULES`; nothing else names them.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol

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


class Outcome(enum.Enum):
    """Why a source gave no record for a request."""

    NOT_FOUND = "not found"  # the source answered: it has no such work
    UNAVAILABLE = "unavailable"  # the source could not be asked this time; ask again next run
    REFUSED = "refused"  # the source answered that the request itself is wrong (a malformed id)


@dataclass(frozen=True)
class Failure:
    """What a source could not give: its outcome, which source, and the message for people."""

    outcome: Outcome
    source: str  # the source's name
    message: str  # one line, as the report and the lock file show it

    def __str__(self) -> str:
        return self.message

    @property
    def settled(self) -> bool:
        """An answer (no such work, a refused request) settles a row; an unavailable source does not."""
        return self.outcome is not Outcome.UNAVAILABLE

    @property
    def short(self) -> str:
        """The reason in a few words: "crossref: unavailable"."""
        return f"{self.source}: {self.outcome.value}"


@dataclass
class Lookup:
    """A batch lookup's answer: candidates by identifier, and why the others are missing."""

    found: dict[str, Candidate] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)


class SourceError(Exception):
    """A source's request ended without a record; `outcome` says how. Raised by sources, caught
    by the resolver, which keeps `failure`."""

    outcome: ClassVar[Outcome]

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source

    @property
    def failure(self) -> Failure:
        return Failure(self.outcome, self.source, str(self))


class NotFound(SourceError):
    """The source answered: it has no such work (our own type: a KeyError is a bug, not an answer)."""

    outcome = Outcome.NOT_FOUND


class SourceUnavailable(SourceError):
    """The source could not be asked (no network, offline and not cached, repeated errors)."""

    outcome = Outcome.UNAVAILABLE


class Refused(SourceError):
    """The source answered that the request is wrong (a malformed id); asking again gives the same."""

    outcome = Outcome.REFUSED


class Source(Protocol):
    name: str  # lower case; also its layer's name, its options (--NAME-url) and variables (WSSS_BIB_NAME_URL)
    label: str  # as people write it: "Crossref", "arXiv", "dblp"
    role: str  # "preprint" or "published"
    identifier: str  # "arxiv_id", "DOI", or "" (no lookup by id): what `fetch` takes
    default_url: str
    # Fields a later published source adds to an earlier one's record (dblp: the pages a Crossref
    # record lacks); it is asked about a row whose record lacks one of them, or has none. () for
    # the sources asked first.
    fills: tuple[str, ...]

    def rate(self, config: HttpConfig) -> RatePolicy: ...

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        """Records for many ids at once (batched as the service allows); failures say why."""

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        """Candidates for each (title, first author) query, in the queries' order."""
