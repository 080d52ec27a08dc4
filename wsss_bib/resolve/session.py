"""The run's one HTTP session: requests-cache's `CachedSession` on SQLite over the polite transport.

Every source is handed this session and sends its requests on it; nothing else in the process
is changed. Successful answers are stored; a request the cache answers never reaches the
transport (transport.py), so cache hits cost no waiting.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
from collections.abc import Callable, MutableMapping
from typing import Any

import requests_cache
from requests_cache import AnyResponse

from .config import HttpConfig
from .throttle import SYSTEM_CLOCK, Clock, Throttle, spaced
from .transport import PoliteAdapter

ExpireAfter = None | int | float | str | datetime.datetime | datetime.timedelta


class Session(requests_cache.CachedSession):
    """A cached session that, with `refresh`, asks the services again instead of the cache."""

    refresh = False

    # CachedSession.request's own signature (requests-cache's keywords), which requests' stubs do not know.
    def request(  # type: ignore[override]
            self, method: str, url: str, *args: Any, headers: MutableMapping[str, str] | None = None,
            expire_after: ExpireAfter = None, only_if_cached: bool = False, refresh: bool = False,
            force_refresh: bool = False, **kwargs: Any) -> AnyResponse:
        return super().request(method, url, *args, headers=headers, expire_after=expire_after,
                               only_if_cached=only_if_cached, refresh=refresh,
                               force_refresh=force_refresh or self.refresh, **kwargs)

    def close(self) -> None:
        super().close()  # type: ignore[no-untyped-call, unused-ignore]  # requests-cache's close() has no annotations


def make_session(config: HttpConfig, on_no_network: Callable[[str], None],
                 limits: dict[str, tuple[str, float, int]],
                 warn: Callable[[str], None] = lambda message: None, clock: Clock = SYSTEM_CLOCK) -> Session:
    """The run's session: cache, User-Agent, offline mode and the polite adapter.

    `limits`: per source name, its base URL, the least interval between request starts and
    how many requests may be in flight at once (each source's rate policy). `clock`: what the
    throttles and retries wait on.
    """
    session = _cached_session(config, warn)
    session.headers["User-Agent"] = config.user_agent
    session.refresh = config.refresh
    throttles = {name: (url, Throttle(spaced(interval), concurrency, clock))
                 for name, (url, interval, concurrency) in limits.items()}
    adapter = PoliteAdapter(config, throttles, on_no_network, clock)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def stop(session: requests_cache.CachedSession) -> None:
    """End the session's waits and attempts at once (Ctrl-C, SIGTERM): no new request starts."""
    adapter = session.get_adapter("https://")
    if isinstance(adapter, PoliteAdapter):
        adapter.stop.set()


def _cached_session(config: HttpConfig, warn: Callable[[str], None]) -> Session:
    """A session on the SQLite cache; a damaged cache is moved aside, an unusable one (a read-only or
    full disk) replaced by memory for this run, each with one warning: no cache problem stops a run."""
    def open_session(backend: str) -> Session:
        session = Session(
            str(config.cache_path),
            backend=backend,
            expire_after=config.expire_days * 86400,
            # Errors and 429s are never cached, and the adapter hands back a 200 only when its body
            # parses (body_problem), so nothing broken reaches the cache.
            allowable_codes=(200,),
            ignored_parameters=["mailto"],  # runs with and without mailto share entries
            only_if_cached=config.offline,
            stale_if_error=True,
        )
        len(session.cache.responses)  # opens the file and reads its tables: a damaged one fails here
        return session

    path = config.cache_path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open_session("sqlite")
    except (sqlite3.DatabaseError, OSError) as err:
        problem = f"{type(err).__name__}: {err}"
    if path.is_file():
        aside = path.with_name(path.name + ".damaged")
        try:
            os.replace(path, aside)
            for sidecar in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                sidecar.unlink(missing_ok=True)
            session = open_session("sqlite")
            warn(f"the HTTP cache {path} could not be read ({problem}); it was moved to {aside} and a new one begun")
            return session
        except (sqlite3.DatabaseError, OSError):
            pass
    warn(f"the HTTP cache {path} cannot be used ({problem}); this run keeps answers in memory only")
    return open_session("memory")
