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

import contextlib
import logging
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from ..lists.model import ListEntry
from ..record import Record
from ..venues import lookup
from . import lock
from .config import NOT_CACHED, HttpConfig
from .resolution import Resolution
from .source import Candidate, Failure, Lookup, Outcome, Source, SourceError, SourceUnavailable
from .throttle import SYSTEM_CLOCK, Clock

if TYPE_CHECKING:
    from . import match
    from .session import Session

# What a preprint may say about a paper published elsewhere: who wrote it and its ids.
# Its title, date and type describe the preprint, so they count only for preprint-only rows.
PREPRINT_FIELDS_FOR_PUBLISHED = ("author", "custom")

LOG = logging.getLogger(__name__)


class ProgressBar(Protocol):
    def update(self, n_steps: int) -> None:
        """`n_steps` more rows are resolved."""


# Given the number of rows asked about, a context whose value is told of each one resolved
# (the CLI passes click's progress bar on a terminal).
Progress = Callable[[int], AbstractContextManager[ProgressBar]]


class ServiceResolver:
    """Resolutions for a list's rows: from the lock file where it settles them, else from the sources.

    `progress` hears of the rows resolved (None: nobody).
    """

    # What the throttles and retries wait on: the system's, or one given (a test's, which skips its waits).
    clock: Clock = SYSTEM_CLOCK

    def __init__(self, config: HttpConfig, locked: dict[str, lock.LockRow], progress: Progress | None,
                 warn: Callable[[str], None], sources: Sequence[Source] | None = None,
                 overrides: Collection[str] | None = None, clock: Clock | None = None) -> None:
        self.config = config
        self.locked = locked
        self.overrides = overrides  # the override files there are (a curated lock row needs its own)
        self.progress = progress or _silent
        self.warn = warn
        self.sources = tuple(sources) if sources is not None else None  # None: the registry
        if clock is not None:
            self.clock = clock
        self.no_network: str | None = None

    def __call__(self, entries: list[ListEntry], known_dois: dict[int, str]) -> list[Resolution]:
        resolutions: list[Resolution | None] = []
        places = lock.identities(entries)
        for i, entry in enumerate(entries):
            row = self.locked.get(places[i])
            reuse = not self.config.refresh and lock.settled(row, entry, known_dois.get(i), self.overrides)
            resolutions.append(_from_lock(row) if row and reuse else None)
        todo = [i for i, resolution in enumerate(resolutions) if resolution is None]
        if todo:
            for i, resolution in zip(todo, self._ask([entries[i] for i in todo], [known_dois.get(i) for i in todo])):
                row = self.locked.get(places[i])
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
        from .session import make_session

        sources = self._sources()
        limits = {}
        for source in sources:
            policy = source.rate(self.config)
            limits[source.name] = (self._url(source), policy.interval, policy.concurrency)
        session = make_session(self.config, self._on_no_network, limits, self.warn, self.clock)
        try:
            if self.config.offline and len(session.cache.responses) == 0:
                return self._all_uncached(entries)
            return _Run(self, session, entries, known_dois).run()
        finally:
            session.close()

    def _sources(self) -> tuple[Source, ...]:
        if self.sources is None:
            # Imported only when a row is asked about: a run the lock file settles needs no
            # source (feedparser, pylatexenc, nameparser) at all.
            from .sources import load
            self.sources = load()
        return self.sources

    def _all_uncached(self, entries: list[ListEntry]) -> list[Resolution]:
        """Nothing cached and nothing may be sent: every row's answer is known already,
        without a trip through requests-cache per row. The reason names the
        sources the row would have been asked first: its preprint id's and the first published one."""
        sources = self._sources()
        first = [s for s in sources if s.role == "published"][:1]
        return [Resolution([], "failed", "; ".join(
            f"{s.label}: {NOT_CACHED}" for s in sources
            if (s.role == "preprint" and getattr(e, s.identifier, None)) or s in first)) for e in entries]

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
        # The first published source gives the base record; the later ones fill what it lacks.
        self.base_sources = self.published_sources[:1]
        self.later_sources = self.published_sources[1:]
        self.dois: dict[str, Candidate | Failure] = {}  # DOI (lower case) -> its record, or why none
        self.preprint_of: dict[int, Record] = {}  # row -> its preprint's record, for the later sources
        # (later source, row) -> its search, asked early
        self.prefetched: dict[tuple[str, int], Future[list[Candidate]]] = {}

    def run(self) -> list[Resolution]:
        results: list[Resolution] = [Resolution() for _ in self.entries]
        # One worker more than a source lets run at once: it readies its request (the cache
        # lookup) while the others are in flight, and then waits for the throttle's slot.
        workers = max([s.rate(self.config).concurrency for s in self.published_sources] or [1]) + 1
        pool = ThreadPoolExecutor(workers)
        side = ThreadPoolExecutor(max(1, len(self.preprint_sources)))
        # The later published sources in a pool of their own: a row waiting for dblp's 1 s spacing
        # must not hold a worker the Crossref rows need.
        later = ThreadPoolExecutor(max([s.rate(self.config).concurrency for s in self.later_sources] or [0]) + 1)
        try:
            # Rows a later source will surely be asked about (a venue without DOIs, a preprint) are
            # asked at once, while it is idle, instead of after Crossref's answer.
            for source in self.later_sources:
                for i, entry in enumerate(self.entries):
                    venue = lookup(entry.venue)
                    if venue is not None and (not venue.dois or venue.csl_type == "article"):
                        self.prefetched[source.name, i] = later.submit(self._search_later, source, i, None)
            ids_of = [self._preprint_ids(entry) for entry in self.entries]
            preprints_future = side.submit(self._preprints)
            # Queued behind the id lookups (one preprint source: one thread), so arXiv's spacing
            # starts counting for the search as soon as the ids are in.
            searched = side.submit(self._search_preprints, [i for i in range(len(self.entries)) if not ids_of[i]])
            futures: dict[Future[Resolution], int] = {}
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
            supplements: dict[Future[Resolution], int] = {}
            with self.resolver.progress(len(futures)) as bar:
                for future in as_completed(futures):
                    i = futures[future]
                    results[i] = future.result()
                    if self.later_sources and results[i].status != "failed":
                        supplements[later.submit(self._supplement, i, results[i])] = i
                    bar.update(1)
            for future in as_completed(supplements):
                results[supplements[future]] = future.result()
            for i, found in searched.result().items():
                results[i] = self._with_searched_preprint(i, results[i], found)
        except BaseException:
            # Ctrl-C: rows not started are dropped and running ones stop at their next
            # attempt, instead of the pool working through every row before exiting.
            # Waiting for them keeps the cache whole: what was answered stays cached.
            from .session import stop

            stop(self.session)
            pool.shutdown(wait=True, cancel_futures=True)
            side.shutdown(wait=True, cancel_futures=True)
            later.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        side.shutdown()
        later.shutdown()
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
            why = f"{source.label}: unusable answer ({type(err).__name__}: {' '.join(str(err).split())[:160]})"
            return Lookup(failures=dict.fromkeys(ids, Failure(Outcome.UNAVAILABLE, source.name, why)))

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
        from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

        entry = self.entries[i]
        if found is None:
            return result
        # The last published layer is the row's published record (an earlier one only fills it).
        published = next((r for name, r in reversed(result.layers) if name in self._published_names), None)
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
                known = self.dois.get(doi.lower())
                if doi in answer.found:
                    self.dois[doi.lower()] = answer.found[doi]
                elif known is None or isinstance(known, Failure) and known.outcome is Outcome.NOT_FOUND:
                    self.dois[doi.lower()] = answer.failures.get(doi) or Failure(
                        Outcome.NOT_FOUND, source.name, f"unknown to {source.label}")

    def _row(self, i: int, preprints: dict[str, Lookup]) -> Resolution:
        from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

        entry = self.entries[i]
        ids = self._preprint_ids(entry)
        found = self._first(preprints, ids) if preprints else None
        preprint = found.record if found else None
        layers: list[tuple[str, Record]] = []
        notes: list[str] = []
        preprint_down = False
        if found:
            self.preprint_of[i] = found.record
            layers.append((found.source, found.record if _is_preprint_row(entry) else
                           {k: v for k, v in found.record.items() if k in PREPRINT_FIELDS_FOR_PUBLISHED}))
        for source in self.preprint_sources:
            if source.name in ids and not found:
                why = preprints[source.name].failures.get(ids[source.name]) or Failure(
                    Outcome.NOT_FOUND, source.name, f"{source.label}: no such id")
                notes.append(str(why))
                # The source could not be asked (an error, not an answer): whatever the
                # published sources say, the row is not settled, so the next run asks again.
                preprint_down = preprint_down or not why.settled
        try:
            decision = self._decide(i, preprint, found)
        except SourceError as err:
            if err.failure.settled:  # the source answered (no such work): no candidate
                decision = match.Decision(None, None, None, str(err))
            else:
                return Resolution(layers, "failed", "; ".join([*notes, str(err)]))
        except Exception as err:  # an answer of a shape nobody foresaw: this row fails, the others go on
            # The traceback with --verbose: a bug in this code must not pass for a service's fault.
            LOG.debug("row %s (%s): unexpected error", entry.line, entry.title[:60], exc_info=True)
            # A ValueError's words are the reader's own (too deep, a number too long); any other
            # exception's text may be a library's, so only its type is kept.
            detail = f": {' '.join(str(err).split())[:160]}" if isinstance(err, ValueError) else ""
            return Resolution(layers, "failed", "; ".join([*notes, f"unusable answer ({type(err).__name__}{detail})"]))
        status = "failed" if preprint_down else "resolved" if decision.record is not None else "unresolved"
        if decision.record is not None:
            layers.append((decision.source or self.base_sources[0].name, _venue_type(entry, decision.record)))
        return Resolution(layers, status, "; ".join([*notes, decision.reason]), decision.score, decision.margin)

    def _decide(self, i: int, preprint: Record | None, found: Candidate | None) -> match.Decision:
        """A named DOI (override, preprint, the list's link) is checked first; else a title search."""
        from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

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
            elif answer is not None and answer.settled:
                rejected.append(f"{why} {doi} {answer}")
            else:
                raise SourceUnavailable(str(answer or "no answer"), answer.source if answer else "")
        first_author = ((preprint or {}).get("author") or [{}])[0].get("family")
        candidates: list[Candidate] = []
        for source in self.base_sources:
            candidates += source.search(self.session, self.resolver._url(source), [(entry.title, first_author)],
                                        self.config)[0]
        decision = match.choose(entry, preprint, candidates)
        decision.reason = "; ".join([*rejected, decision.reason])
        return decision


    # The later published sources ------------------------------------------------------------

    def _supplement(self, i: int, result: Resolution) -> Resolution:
        """Ask each later published source about a row the earlier ones left without a published
        record or without a field it fills; take its record only if it is this row's paper."""
        from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

        entry = self.entries[i]
        preprint = self.preprint_of.get(i)
        for source in self.later_sources:
            base = next((r for name, r in reversed(result.layers) if name in self._published_names), None)
            missing = [f for f in source.fills if not (base or {}).get(f)]
            if base is not None and not missing:
                continue
            try:
                early = self.prefetched.get((source.name, i))
                found = early.result() if early else self._search_later(source, i, base or preprint)
            except SourceError as err:
                if base is None and not err.failure.settled:  # asked again next run
                    return Resolution(result.layers, "failed", _joined(result.reason, str(err)))
                result = _noted(result, f"{err} ({', '.join(missing)} not filled)" if base else str(err))
                continue
            except Exception as err:  # an answer of a shape nobody foresaw: this row fails, the others go on
                LOG.debug("row %s (%s): unexpected error at %s", entry.line, entry.title[:60], source.name,
                          exc_info=True)
                return Resolution(result.layers, "failed", _joined(
                    result.reason, f"{source.label}: unusable answer ({type(err).__name__}: {err})"))
            decision = match.supplement(entry, preprint, base, found, source.label)
            if decision.record is None:
                result = _noted(result, decision.reason)
            elif base is not None:
                filled = {f: decision.record[f] for f in missing if decision.record.get(f)}
                if filled:
                    key = {k: v for k, v in decision.record.get("custom", {}).items() if k == source.name}
                    result = Resolution([*result.layers, (source.name, {**filled, "custom": key})], result.status,
                                        _joined(result.reason, f"{', '.join(filled)} from {decision.reason}"),
                                        result.score, result.margin)
            else:
                result = self._published_by(i, source, decision, result)
                if result.status == "failed":
                    return result
        return result

    def _search_later(self, source: Source, i: int, known: Record | None) -> list[Candidate]:
        authors = (known or {}).get("author") or [{}]
        return source.search(self.session, self.resolver._url(source), [(self.entries[i].title,
                                                                         authors[0].get("family"))], self.config)[0]

    def _published_by(self, i: int, source: Source, decision: match.Decision, result: Resolution) -> Resolution:
        """The row's published record from a later source alone; a DOI it names is checked like any other."""
        from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

        entry = self.entries[i]
        record = dict(decision.record or {})
        reason = decision.reason
        doi = record.get("DOI")
        if doi:
            self._fetch_dois([doi])
            answer = self.dois.get(doi.lower())
            if isinstance(answer, Candidate):
                confirmed = match.confirm(entry, self.preprint_of.get(i), answer, f"{source.label} DOI")
                if confirmed.record is not None:  # the DOI's own record is the base; this source fills it
                    filled = {f: record[f] for f in source.fills if record.get(f) and not confirmed.record.get(f)}
                    layers = [*self._preprint_part(entry, result.layers),
                              (confirmed.source or answer.source, _venue_type(entry, confirmed.record))]
                    if filled:
                        layers.append((source.name, {**filled, "custom": record.get("custom", {})}))
                    return Resolution(layers, "resolved", _joined(result.reason, confirmed.reason),
                                      confirmed.score, None)
                reason = f"{reason}; {confirmed.reason}"
                record.pop("DOI")
            elif answer is not None and answer.settled:
                reason = f"{reason}; its DOI {doi} {answer}: not taken"
                record.pop("DOI")
            else:
                return Resolution(result.layers, "failed", _joined(result.reason, str(answer or "no answer")))
        layers = [*self._preprint_part(entry, result.layers), (source.name, _venue_type(entry, record))]
        return Resolution(layers, "resolved", _joined(result.reason, reason), decision.score, decision.margin)

    def _preprint_part(self, entry: ListEntry, layers: list[tuple[str, Record]]) -> list[tuple[str, Record]]:
        """A preprint layer as it stands beside a published record: who wrote it and its ids only."""
        preprints = {s.name for s in self.preprint_sources}
        return [(name, {k: v for k, v in layer.items() if k in PREPRINT_FIELDS_FOR_PUBLISHED})
                if name in preprints else (name, layer) for name, layer in layers]


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _noted(result: Resolution, note: str) -> Resolution:
    return Resolution(result.layers, result.status, _joined(result.reason, note), result.score, result.margin)


def _is_preprint_row(entry: ListEntry) -> bool:
    venue = lookup(entry.venue)
    return venue is not None and venue.csl_type == "article"


def _venue_type(entry: ListEntry, record: Record) -> Record:
    """A venue the venue table knows as a conference makes a journal-deposited paper a conference paper.

    AAAI and PMLR-style proceedings are deposited with Crossref as journal articles; the
    paper is still a conference paper, and its readers cite it as one.
    """
    # The record's own venue decides where the vocabulary knows it (a list may name the wrong venue:
    # a journal paper listed under a conference stays a journal paper); else the list's.
    venue = lookup(record.get("container-title", "")) or lookup(entry.venue)
    if venue and venue.csl_type == "paper-conference" and record.get("type") == "article-journal":
        return {**record, "type": "paper-conference"}
    return record


def _closest(entry: ListEntry, candidates: list[Candidate]) -> Candidate | None:
    """The search hit whose title is the row's, or None when two differ too little to tell."""
    from . import match  # rapidfuzz: imported when a row is asked about, as the sources are

    ranked = sorted(((match.title_similarity([entry.title], [c.record.get("title", "")]), c) for c in candidates),
                    key=lambda pair: -pair[0])
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 5):
        return None
    return ranked[0][1]


def _from_lock(row: lock.LockRow) -> Resolution:
    return Resolution(list(row.layers), row.status, row.reason, row.score, row.margin)


class _Silent:
    def update(self, n_steps: int) -> None:
        pass


def _silent(length: int) -> AbstractContextManager[ProgressBar]:
    """No progress shown."""
    return contextlib.nullcontext(_Silent())
