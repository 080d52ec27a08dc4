"""Resolution: each row to its preprint (arXiv) and its published record (Crossref).

Rows the lock file has settled are reused as they are; the others are asked about: all
their arXiv ids in batched requests, then Crossref, concurrently within its limits.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed

import click

from ..awesome_list import ListEntry
from ..pipeline import Resolution
from ..record import Record
from ..venues import lookup
from . import arxiv, crossref, lock, match
from .http import NOT_CACHED, HttpConfig, make_session, requests_routed_through

# What an arXiv record may say about a paper published elsewhere: who wrote it and its ids.
# Its title, date and type describe the preprint, so they count only for arXiv-only rows.
PREPRINT_FIELDS_FOR_PUBLISHED = ("author", "custom")


class ServiceResolver:
    def __init__(self, config: HttpConfig, locked: dict[str, lock.LockRow], progress: bool,
                 warn: Callable[[str], None]) -> None:
        self.config = config
        self.locked = locked
        self.progress = progress
        self.warn = warn
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

    def _ask(self, entries: list[ListEntry], known_dois: list[str | None]) -> list[Resolution]:
        if self.config.offline and not self.config.cache_path.exists():
            return self._all_uncached(entries)  # and no cache file is made where none was asked for
        session = make_session(self.config, self._on_no_network, self.warn)
        try:
            if self.config.offline and len(session.cache.responses) == 0:
                return self._all_uncached(entries)
            preprints, arxiv_failures = arxiv.fetch(
                session, self.config.arxiv_url, [e.arxiv_id for e in entries if e.arxiv_id])
            client = crossref.client(self.config.crossref_url, self.config.mailto, self.config.user_agent)
            results: list[Resolution] = [Resolution() for _ in entries]
            workers = 5 if self.config.mailto else 1
            with requests_routed_through(session):
                pool = ThreadPoolExecutor(workers)
                try:
                    futures = {pool.submit(self._one, client, entry, preprints.get(entry.arxiv_id or ""),
                                           arxiv_failures.get(entry.arxiv_id or ""), doi): i
                               for i, (entry, doi) in enumerate(zip(entries, known_dois))}
                    with _progress(self.progress, len(futures)) as bar:
                        for future in as_completed(futures):
                            results[futures[future]] = future.result()
                            bar.update(1)
                except BaseException:
                    # Ctrl-C: rows not started are dropped and running ones stop at their next
                    # attempt, instead of the pool working through every row before exiting.
                    # Waiting for them keeps the cache whole: what was answered stays cached.
                    session.get_adapter("https://").stop.set()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
                pool.shutdown()
            return results
        finally:
            session.close()

    @staticmethod
    def _all_uncached(entries: list[ListEntry]) -> list[Resolution]:
        """Nothing cached and nothing may be sent: every row's answer is known already,
        without a trip through habanero and requests-cache per row."""
        return [Resolution([], "failed", "; ".join(
            [f"arXiv: {NOT_CACHED}"] * bool(e.arxiv_id) + [f"Crossref: {NOT_CACHED}"])) for e in entries]

    def _one(self, client, entry: ListEntry, preprint: Record | None, arxiv_failure: str | None,
             known_doi: str | None) -> Resolution:
        layers: list[tuple[str, Record]] = []
        if preprint:
            is_preprint = lookup(entry.venue) is not None and lookup(entry.venue).csl_type == "article"
            layers.append(("arxiv", preprint if is_preprint else
                           {k: v for k, v in preprint.items() if k in PREPRINT_FIELDS_FOR_PUBLISHED}))
        notes = [arxiv_failure] if arxiv_failure else []
        # arXiv could not be asked (an error, not "no such id"): whatever Crossref says, the row is
        # not settled, so the next run asks again instead of keeping a row without its preprint.
        arxiv_down = arxiv_failure is not None and arxiv_failure != arxiv.NOT_FOUND
        try:
            decision = self._decide(client, entry, preprint, known_doi)
        except crossref.CrossrefUnavailable as err:
            return Resolution(layers, "failed", "; ".join([*notes, str(err)]))
        except Exception as err:  # an answer of a shape nobody foresaw: this row fails, the others go on
            return Resolution(layers, "failed", "; ".join([*notes, f"unusable answer ({type(err).__name__}: {err})"]))
        if decision.record is None:
            return Resolution(layers, "failed" if arxiv_down else "unresolved", "; ".join([*notes, decision.reason]),
                              decision.score, decision.margin)
        layers.append(("crossref", decision.record))
        return Resolution(layers, "failed" if arxiv_down else "resolved", "; ".join([*notes, decision.reason]),
                          decision.score, decision.margin)

    def _decide(self, client, entry: ListEntry, preprint: Record | None, known_doi: str | None) -> match.Decision:
        """A named DOI (override, arXiv, the list's link) is checked first; else a title search."""
        named = [(known_doi, "override DOI"), ((preprint or {}).get("custom", {}).get("arxiv-doi"), "arXiv DOI"),
                 (entry.link_doi, "DOI in the list's link")]
        rejected = []
        for doi, why in named:
            if not doi:
                continue
            record = crossref.work(client, doi)
            if record is None:
                rejected.append(f"{why} {doi} unknown to Crossref")
                continue
            decision = match.confirm(entry, preprint, record, why)
            if decision.record is not None:
                return decision
            rejected.append(decision.reason)
        first_author = ((preprint or {}).get("author") or [{}])[0].get("family")
        decision = match.choose(entry, preprint, crossref.search(client, entry.title, first_author))
        decision.reason = "; ".join([*rejected, decision.reason])
        return decision

    def _on_no_network(self, detail: str) -> None:
        if self.no_network is None:
            self.no_network = detail
            self.warn(f"no network ({detail}): exporting from the cache, the lock file and overrides")


def _from_lock(row: lock.LockRow) -> Resolution:
    return Resolution(list(row.layers), row.status, row.reason, row.score, row.margin)


class _progress:
    """click's progress bar on a terminal; nothing otherwise."""

    def __init__(self, enabled: bool, length: int) -> None:
        self.bar = click.progressbar(length=length, label="resolving", file=sys.stderr) if enabled else None

    def __enter__(self):
        return self.bar.__enter__() if self.bar else self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.__exit__(*exc)

    def update(self, n: int) -> None:
        pass


__all__ = ["HttpConfig", "ServiceResolver"]
