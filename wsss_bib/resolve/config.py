"""How a run talks to the services: base URLs, cache, limits and deadlines.

Kept apart from session.py and transport.py, which import requests and requests-cache: a run
that the lock file settles reads its configuration and never needs them. Importing this module
imports no other part of the tool but its version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir

from .. import PROJECT_URL, __version__

NOT_CACHED = "not in the cache (offline)"


def default_cache_path() -> Path:
    return Path(user_cache_dir("wsss-bib")) / "http-cache.sqlite"


@dataclass
class HttpConfig:
    cache_path: Path = field(default_factory=default_cache_path)
    expire_days: float = 90.0
    mailto: str | None = None
    offline: bool = False
    refresh: bool = False
    timeout: float = 20.0
    max_attempts: int = 4
    backoff_base: float = 1.0
    run_budget: float = 600.0  # seconds of network time for a whole run; then cache, lock and overrides only
    # A service that times out this often in a row is down for the run: more than one request's attempts,
    # so one hung request is retried as before, but a silent service stops costing time.
    timeouts_until_down: int = 6
    max_answer_bytes: int = 32 * 1024 * 1024  # inflated; Crossref's largest work list is a few MB

    # By source name: base URLs (--NAME-url) and least intervals between requests (hidden --NAME-interval,
    # for tests against local fakes). A name missing here is looked up in WSSS_BIB_<NAME>_URL/_INTERVAL.
    urls: dict[str, str] = field(default_factory=dict)
    intervals: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # requests-cache adds `.sqlite` to a path without a suffix (`--cache mycache`): the damage
        # check, the recovery and `--offline`'s "is there a cache" must look at the file it uses.
        path = Path(self.cache_path)
        if not path.suffix and ":memory:" not in str(path):
            path = path.with_name(path.name + ".sqlite")
        self.cache_path = path

    @property
    def request_deadline(self) -> float:
        """The most one answer may take, whole: three read timeouts."""
        return 3 * self.timeout

    def url_for(self, name: str, default: str) -> str:
        """A source's base URL: its option (`--NAME-url`, `urls`), WSSS_BIB_<NAME>_URL, or its default."""
        return (self.urls.get(name) or os.environ.get(f"WSSS_BIB_{name.upper()}_URL") or default).rstrip("/")

    def interval_for(self, name: str, default: float) -> float:
        """The least seconds between a source's request starts: its own setting, or its policy's."""
        if name in self.intervals:
            return self.intervals[name]
        try:
            return float(os.environ[f"WSSS_BIB_{name.upper()}_INTERVAL"])
        except (KeyError, ValueError):
            return default

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"wsss-bib/{__version__} (+{PROJECT_URL}{contact})"
