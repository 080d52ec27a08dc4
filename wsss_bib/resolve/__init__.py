"""Resolution: each row to its preprint and its published record, through the registered sources.

Rows the lock file has settled are reused as they are; the others are asked about. The
preprint sources (arXiv) get every id of the list in batches, in a thread of their own;
meanwhile the published sources (Crossref) start: first the DOIs that overrides and the
list name, in batches, then the rows that need no preprint answer. Rows with a preprint id
follow as soon as the preprints are in (with the DOIs they name, batched too). Rows without a
preprint id are finally searched by title at the preprint sources, and a hit is kept only if
it is the same paper (match.same_preprint).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from types import TracebackType
from typing import TYPE_CHECKING

import click

from ..awesome_list import ListEntry
from ..record import Record
from ..venues import lookup
from . import lock, match
from .config import NOT_CACHED, HttpConfig
from .resolution import Resolution
from .source import Candidate, Lookup, Source, SourceUnavailable

if TYPE_CHECKING:
    from .http import Session

# What a preprint may say about a paper published elsewhere: who wrote it and its ids.
# Its title, date and type describe the preprint, so they count only for preprint-only rows.
PREPRINT_FIELDS_FOR_PUBLISHED = ("author", "custom")

LOG = logging.getLogger(__name__)


class ServiceResolver:
    def __init__(self, config: HttpConfig, locked: dict[str, lock.LockRow], progress: bool,
                 warn: Callable[[str], None], sources: Sequence[Source] | None = None) -> None:
        self.config = config
        self.locked = locked
        self.progress = progress
        self.warn = warn
        self.sources = tuple(sources) if sources is not None else None  # None: the registry
        self.no_network: str | None = None

    def __call__(self, entries: list[ListEntry], known_dois: dict[int, str]) -> list[Resolution]:
        resolutions: list[Resolution | None] = []
        for i, entry in enumerate(entries):
            row = self.locked.get(lock.identity(entry))
            reuse = not self.config.refresh and lock.settled(row, entry, known_dois.get(i))
            resolutions.append(_from_lock(row) if row and reuse else None)
        todo = [i for i, resolution in enumerate(resolutions) if resolution is None]
        if todo:
            for i, resolution in zip(todo, self._ask([entries[i] for i in todo], [known_dois.get(i) for i in todo])):
                row = self.locked.get(lock.identity(entries[i]))
                # A lookup that could not run teaches nothing: what the lock knew stands, so an
                # offline machine without the cache builds the same files.
                resolutions[i] = _from_lock(row) if resolution.status == "failed" and row else resolution
        return [r for r in resolutions if r is not None]

    def _url(self, source: Source) -> str:
        return self.config.url_for(source.name, source.default_url)

    def _ask(self, entries: list[ListEntry], known_dois: list[str | None]) -> list[Resolution]:
        if self.config.offline and not self.config.cache_path.exists():
            return self._all_uncached(entries)  # and no cache file is made where none was asked for
        # Imported only when a row is asked about, as the sources are: a settled run needs no HTTP.
        from .http import make_session, requests_routed_through

        if self.sources is None:
            # Imported only when a row is asked about: a run the lock file settles needs no
            # source (habanero, feedparser, pylatexenc, nameparser) at all.
            from .sources import REGISTRY
            self.sources = REGISTRY
        limits = {}
        for source in self.sources:
            policy = source.rate(self.config)
            limits[source.name] = (self._url(source), policy.interval, policy.concurrency)
        session = make_session(self.config, self._on_no_network, limits, self.warn)
        try:
            if self.config.offline and len(session.cache.responses) == 0:
                return self._all_uncached(entries)
            with requests_routed_through(session):
                return _Run(self, session, entries, known_dois).run()
        finally:
            session.close()

    @staticmethod
    def _all_uncached(entries: list[ListEntry]) -> list[Resolution]:
        """Nothing cached and nothing may be sent: every row's answer is known already,
        without a trip through habanero and requests-cache per row."""
        return [Resolution([], "failed", "; ".join(
            [f"arXiv: {NOT_CACHED}"] * bool(e.arxiv_id) + [f"Crossref: {NOT_CACHED}"])) for e in entries]

    def _on_no_network(self, detail: str) -> None:
        if self.no_network is None:
            self.no_network = detail
            self.warn(f"no network ({detail}): exporting from the cache, the lock file and overrides")


class _Run:
    """One resolution run: its rows, what the sources answered so far, and the thread pools."""

    def __init__(self, resolver: ServiceResolver, session: Session, entries: list[ListEntry],
                 known_dois: list[str | None]) -> None:
        self.resolver = resolver
        self.config = resolver.config
        self.session = session
        self.entries = entries
        self.known_dois = known_dois
        sources = resolver.sources or ()
        self.preprint_sources = [s for s in sources if s.role == "preprint"]
        self.published_sources = [s for s in sources if s.role == "published"]
        self.dois: dict[str, Candidate | str] = {}  # DOI (lower case) -> its record, or why none

    def run(self) -> list[Resolution]:
        results: list[Resolution] = [Resolution() for _ in self.entries]
        # One worker more than a source lets run at once: it readies its request (habanero, the
        # cache lookup) while the others are in flight, and then waits for the throttle's slot.
        workers = max([s.rate(self.config).concurrency for s in self.published_sources] or [1]) + 1
        pool = ThreadPoolExecutor(workers)
        side = ThreadPoolExecutor(max(1, len(self.preprint_sources)))
        try:
            ids_of = [self._preprint_ids(entry) for entry in self.entries]
            preprints_future = side.submit(self._preprints)
            # Queued behind the id lookups (one preprint source: one thread), so arXiv's spacing
            # starts counting for the search as soon as the ids are in.
            searched = side.submit(self._search_preprints, [i for i in range(len(self.entries)) if not ids_of[i]])
            futures: dict[Future, int] = {}
            named_now = [self._named(i, None) for i in range(len(self.entries))]
            # Rows that need no preprint answer and name no DOI start at once (a title search);
            # the DOIs named by overrides and links are fetched in batches meanwhile.
            for i in range(len(self.entries)):
                if not ids_of[i] and not named_now[i]:
                    futures[pool.submit(self._row, i, {})] = i
            self._fetch_dois([doi for named in named_now for doi, _ in named])
            for i in range(len(self.entries)):
                if not ids_of[i] and named_now[i]:
                    futures[pool.submit(self._row, i, {})] = i
            preprints = preprints_future.result()
            self._fetch_dois([doi for i in range(len(self.entries)) if ids_of[i]
                              for doi, _ in self._named(i, self._first(preprints, ids_of[i]))])
            for i in range(len(self.entries)):
                if ids_of[i]:
                    futures[pool.submit(self._row, i, preprints)] = i
            with _progress(self.resolver.progress, len(futures)) as bar:
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update(1)
            for i, found in searched.result().items():
                results[i] = self._with_searched_preprint(i, results[i], found)
        except BaseException:
            # Ctrl-C: rows not started are dropped and running ones stop at their next
            # attempt, instead of the pool working through every row before exiting.
            # Waiting for them keeps the cache whole: what was answered stays cached.
            from .http import PoliteAdapter

            adapter = self.session.get_adapter("https://")
            if isinstance(adapter, PoliteAdapter):
                adapter.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            side.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        side.shutdown()
        return results

    # The preprint stage ------------------------------------------------------------------

    def _preprint_ids(self, entry: ListEntry) -> dict[str, str]:
        """The row's id at each preprint source that has one (`arxiv` -> the list's arXiv id)."""
        ids = {s.name: getattr(entry, s.identifier, None) for s in self.preprint_sources}
        return {name: value for name, value in ids.items() if value}

    def _preprints(self) -> dict[str, Lookup]:
        lookups = {}
        for source in self.preprint_sources:
            ids = [i for e in self.entries if (i := getattr(e, source.identifier, None))]
            lookups[source.name] = self._fetch(source, ids) if ids else Lookup()
        return lookups

    def _fetch(self, source: Source, ids: list[str]) -> Lookup:
        """A batch lookup, isolated like each row's: an answer nobody foresaw fails the ids asked
        about (asked again next run), never the run."""
        try:
            return source.fetch(self.session, self.resolver._url(source), ids, self.config)
        except Exception as err:
            LOG.debug("lookup of %d ids at %s failed", len(ids), source.name, exc_info=True)
            return Lookup(failures=dict.fromkeys(ids, f"{source.name}: unusable answer ({type(err).__name__}: "
                                                      f"{' '.join(str(err).split())[:160]})"))

    def _first(self, preprints: dict[str, Lookup], ids: dict[str, str]) -> Candidate | None:
        for name, value in ids.items():
            if value in preprints[name].found:
                return preprints[name].found[value]
        return None

    def _search_preprints(self, rows: list[int]) -> dict[int, Candidate | None]:
        """Title searches at the preprint sources for rows the list gives no preprint id."""
        answers: dict[int, Candidate | None] = {}
        if not rows:
            return answers
        for source in self.preprint_sources:
            queries: list[tuple[str, str | None]] = [(self.entries[i].title, None) for i in rows]
            try:
                found = source.search(self.session, self.resolver._url(source), queries, self.config)
            except Exception:  # a search that fails leaves these rows without a preprint, as before
                LOG.debug("title search at %s failed", source.name, exc_info=True)
                continue
            for i, candidates in zip(rows, found):
                if answers.get(i) is None:
                    answers[i] = _closest(self.entries[i], candidates)
        return answers

    def _with_searched_preprint(self, i: int, result: Resolution, found: Candidate | None) -> Resolution:
        entry = self.entries[i]
        if found is None:
            return result
        published = next((r for name, r in result.layers if name in self._published_names), None)
        if result.status == "failed" or not match.same_preprint(entry, published, found):
            return result
        preprint = found.record
        layer = preprint if _is_preprint_row(entry) and published is None else \
            {k: v for k, v in preprint.items() if k in PREPRINT_FIELDS_FOR_PUBLISHED}
        arxiv_id = preprint.get("custom", {}).get("arxiv")
        reason = "; ".join(p for p in (result.reason, f"preprint {arxiv_id} found by title") if p)
        return Resolution([(found.source, layer), *result.layers], result.status, reason, result.score,
                          result.margin)

    @property
    def _published_names(self) -> set[str]:
        return {s.name for s in self.published_sources}

    # The published stage -----------------------------------------------------------------

    def _named(self, i: int, preprint: Candidate | None) -> list[tuple[str, str]]:
        """DOIs named for row i, strongest first: the override's, the preprint's, the list's link."""
        entry = self.entries[i]
        preprint_doi = (preprint.record if preprint else {}).get("custom", {}).get("arxiv-doi")
        named = [(self.known_dois[i], "override DOI"), (preprint_doi, "arXiv DOI"),
                 (entry.link_doi, "DOI in the list's link")]
        return [(doi, why) for doi, why in named if doi]

    def _fetch_dois(self, dois: list[str]) -> None:
        wanted = sorted({d.lower(): d for d in dois if d.lower() not in self.dois}.values())
        if not wanted:
            return
        for source in self.published_sources:
            if source.identifier != "DOI":
                continue
            answer = self._fetch(source, wanted)
            for doi in wanted:
                if doi in answer.found:
                    self.dois[doi.lower()] = answer.found[doi]
                elif doi.lower() not in self.dois or self.dois[doi.lower()] == source.not_found:
                    self.dois[doi.lower()] = answer.failures.get(doi, source.not_found)

    def _row(self, i: int, preprints: dict[str, Lookup]) -> Resolution:
        entry = self.entries[i]
        ids = self._preprint_ids(entry)
        found = self._first(preprints, ids) if preprints else None
        preprint = found.record if found else None
        layers: list[tuple[str, Record]] = []
        notes: list[str] = []
        preprint_down = False
        if found:
            layers.append((found.source, found.record if _is_preprint_row(entry) else
                           {k: v for k, v in found.record.items() if k in PREPRINT_FIELDS_FOR_PUBLISHED}))
        for source in self.preprint_sources:
            if source.name in ids and not found:
                why = preprints[source.name].failures.get(ids[source.name], source.not_found)
                notes.append(why)
                # The source could not be asked (an error, not "no such id"): whatever the
                # published sources say, the row is not settled, so the next run asks again.
                preprint_down = preprint_down or not why.startswith(source.not_found)
        try:
            decision = self._decide(i, preprint, found)
        except SourceUnavailable as err:
            return Resolution(layers, "failed", "; ".join([*notes, str(err)]))
        except Exception as err:  # an answer of a shape nobody foresaw: this row fails, the others go on
            # The traceback with --verbose: a bug in this code must not pass for a service's fault.
            LOG.debug("row %s (%s): unexpected error", entry.line, entry.title[:60], exc_info=True)
            return Resolution(layers, "failed", "; ".join([*notes, f"unusable answer ({type(err).__name__}: {err})"]))
        status = "failed" if preprint_down else "resolved" if decision.record is not None else "unresolved"
        if decision.record is not None:
            layers.append((decision.source or "crossref", _venue_type(entry, decision.record)))
        return Resolution(layers, status, "; ".join([*notes, decision.reason]), decision.score, decision.margin)

    def _decide(self, i: int, preprint: Record | None, found: Candidate | None) -> match.Decision:
        """A named DOI (override, preprint, the list's link) is checked first; else a title search."""
        entry = self.entries[i]
        rejected = []
        for doi, why in self._named(i, found):
            answer = self.dois.get(doi.lower())
            if answer is None:
                self._fetch_dois([doi])
                answer = self.dois.get(doi.lower())
            if isinstance(answer, Candidate):
                decision = match.confirm(entry, preprint, answer, why)
                if decision.record is not None:
                    return decision
                rejected.append(decision.reason)
            elif answer in {s.not_found for s in self.published_sources}:
                rejected.append(f"{why} {doi} {answer}")
            else:
                raise SourceUnavailable(answer or "no answer")
        first_author = ((preprint or {}).get("author") or [{}])[0].get("family")
        candidates: list[Candidate] = []
        for source in self.published_sources:
            candidates += source.search(self.session, self.resolver._url(source), [(entry.title, first_author)],
                                        self.config)[0]
        decision = match.choose(entry, preprint, candidates)
        decision.reason = "; ".join([*rejected, decision.reason])
        return decision


def _is_preprint_row(entry: ListEntry) -> bool:
    venue = lookup(entry.venue)
    return venue is not None and venue.csl_type == "article"


def _venue_type(entry: ListEntry, record: Record) -> Record:
    """A venue the venue table knows as a conference makes a journal-deposited paper a conference paper.

    AAAI and PMLR-style proceedings are deposited with Crossref as journal articles; the
    paper is still a conference paper, and its readers cite it as one.
    """
    venue = lookup(entry.venue)
    if venue and venue.csl_type == "paper-conference" and record.get("type") == "article-journal":
        return {**record, "type": "paper-conference"}
    return record


def _closest(entry: ListEntry, candidates: list[Candidate]) -> Candidate | None:
    """The search hit whose title is the row's, or None when two differ too little to tell."""
    ranked = sorted(((match.title_similarity([entry.title], [c.record.get("title", "")]), c) for c in candidates),
                    key=lambda pair: -pair[0])
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 5):
        return None
    return ranked[0][1]


def _from_lock(row: lock.LockRow) -> Resolution:
    return Resolution(list(row.layers), row.status, row.reason, row.score, row.margin)


class _progress:
    """click's progress bar on a terminal; nothing otherwise."""

    def __init__(self, enabled: bool, length: int) -> None:
        self.bar = click.progressbar(length=length, label="resolving", file=sys.stderr) if enabled else None

    def __enter__(self):
        return self.bar.__enter__() if self.bar else self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.bar:
            self.bar.__exit__(kind, error, trace)

    def update(self, n: int) -> None:
        pass


__all__ = ["HttpConfig", "Resolution", "ServiceResolver"]
