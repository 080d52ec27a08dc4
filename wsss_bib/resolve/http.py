"""The one cached, polite HTTP session every Crossref and arXiv request goes through.

requests-cache stores successful answers in SQLite; everything that reaches the network
passes `PoliteAdapter`, which keeps each service's rate and concurrency limits, retries
429/5xx/timeouts with Retry-After or jittered exponential backoff, and notices once when
there is no network at all. Cache hits never reach the adapter, so they cost no politeness.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import random
import re
import socket
import sqlite3
import threading
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

import requests
import requests_cache
import urllib3
from requests.adapters import HTTPAdapter

from ..nesting import json_loads
from .config import NOT_CACHED, HttpConfig, default_cache_path
from .reasons import causes

__all__ = ["NOT_CACHED", "HttpConfig", "default_cache_path", "make_session", "requests_routed_through"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DIGITS = re.compile(r"[0-9]{1,15}")  # a number in a header: ASCII digits ("²" is a digit to str.isdigit), bounded
ATOM = "{http://www.w3.org/2005/Atom}"
# Request starts spaced at exactly 1/limit reach the service a few ms closer together now and
# then (jitter: ~3 ms on an idle loopback, 15 ms and more on a busy machine), which would put 11
# starts in one second. Each spacing is widened by a tenth, at most MARGIN: ten of Crossref's 0.1 s
# spacings absorb 100 ms of jitter, one of dblp's 1 s or arXiv's 3 s spacings 50 ms (a tenth there
# would add 0.1 s to each dblp request: the whole run's critical path when dblp is the slowest).
HEADROOM = 1.1
MARGIN = 0.05


def spaced(interval: float) -> float:
    """The spacing kept between request starts for a service that asks for `interval`."""
    return interval + min(interval * (HEADROOM - 1), MARGIN)


# The longest interval between request starts a service's rate-limit headers can ask for: Crossref
# says 50 per second; `1 per 99999s` would stop the run for a day.
MAX_INTERVAL = 60.0


class ThrottleStopped(Exception):
    """A request that will not start: the run was stopped, or its network budget would be spent waiting."""


class Throttle:
    """At most `concurrency` requests at once, starting at least `interval` seconds apart.

    The wait for a start ends at once when `stop` is set (Ctrl-C, SIGTERM), and is never begun
    when it would outlast the run's deadline.
    """

    def __init__(self, interval: float, concurrency: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], bool | None] | None = None) -> None:
        self.interval = interval
        self.clock = clock
        self.stop = threading.Event()
        self.sleep = sleep or self.stop.wait  # True when stopped
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0

    @contextlib.contextmanager
    def slot(self, deadline: float = math.inf) -> Iterator[None]:
        with self.slots:
            with self.lock:
                wait = self.next_start - self.clock()
                if wait > 0 and self.clock() + wait > deadline:
                    raise ThrottleStopped(f"the run's network budget ends before the next request may start "
                                          f"(in {wait:.0f} s)")
                if self.stop.is_set() or wait > 0 and self.sleep(wait):
                    raise ThrottleStopped("interrupted")
                self.next_start = self.clock() + self.interval
            yield

    def slow_down(self, interval: float) -> None:
        """Never faster than the service says (X-Rate-Limit headers), never slower than MAX_INTERVAL."""
        with self.lock:
            self.interval = max(self.interval, min(interval, MAX_INTERVAL))


class PoliteAdapter(HTTPAdapter):
    """Transport for requests that miss the cache: limits, retries, and the no-network notice."""

    def __init__(self, config: HttpConfig, throttles: dict[str, tuple[str, Throttle]],
                 on_no_network: Callable[[str], None]):
        super().__init__(pool_maxsize=8)
        self.config = config
        self.throttles = throttles
        self.on_no_network = on_no_network
        self.down: dict[str, str] = {}  # host -> why it is not asked again in this run
        self.timeouts: dict[str, int] = {}  # host -> timeouts in a row
        self.run_deadline = time.monotonic() + config.run_budget
        self.stop = threading.Event()  # set on Ctrl-C or SIGTERM: no new attempt, no more waiting
        for _, throttle in throttles.values():
            throttle.stop = self.stop  # a throttle's wait ends with the run
            throttle.sleep = self.stop.wait

    def send(self, request, **kwargs):
        host = urlparse(request.url).netloc
        if host in self.down:
            raise requests.exceptions.ConnectionError(f"{host}: {self.down[host]}")
        if self.stop.is_set():
            raise requests.exceptions.ConnectionError("interrupted")
        throttle = next((t for base, t in self.throttles.values() if request.url.startswith(base)), None)
        for attempt in range(1, self.config.max_attempts + 1):
            left = self.run_deadline - time.monotonic()
            if left <= 0:
                self._give_up(host, f"the run's time budget of {self.config.run_budget:g} s is spent")
            # The socket timeout bounds each read; the deadline bounds the whole answer (a server
            # trickling a byte a second never trips a read timeout).
            deadline = time.monotonic() + min(self.config.request_deadline, left)
            try:
                with throttle.slot(self.run_deadline) if throttle else contextlib.nullcontext():
                    kwargs.update(stream=True, timeout=min(self.config.timeout, left))
                    response = super().send(request, **kwargs)
                    _read_body(response, deadline, self.config.max_answer_bytes)
            except requests.exceptions.ConnectionError as err:
                if _is_unreachable(err):
                    # That host is not there for this run; another service (dblp down, Crossref up) may be.
                    self.down[host] = f"unreachable ({_short(err)})"
                    self.on_no_network(f"{host}: {_short(err)}")
                    raise
                failure: str | requests.Response = f"connection error: {_short(err)}"
            except (requests.exceptions.Timeout, _TooSlow):
                failure = f"no answer within {self.config.timeout:g} s"
                self.timeouts[host] = self.timeouts.get(host, 0) + 1
                if self.timeouts[host] >= self.config.timeouts_until_down:
                    self._give_up(host, f"no answer {self.timeouts[host]} times in a row: treated as down")
            except _TooLarge as err:
                raise requests.exceptions.RetryError(str(err)) from None  # the same answer would come again
            except ThrottleStopped as err:
                if self.stop.is_set():
                    raise requests.exceptions.ConnectionError("interrupted") from None
                self._give_up(host, str(err))
            except requests.exceptions.RequestException as err:  # a body cut short, an undecodable one
                failure = f"answer cut short ({_short(err)})"
            else:
                self.timeouts[host] = 0
                if throttle:
                    _obey_rate_headers(response, throttle)
                if response.is_redirect:
                    target = urlparse(response.headers.get("Location", "")).netloc or host
                    if target != host:  # its answer would skip this service's limits, and is not this service's
                        raise requests.exceptions.RetryError(f"redirect to another host ({target[:80]}) refused")
                    return response  # requests follows it, through this adapter again
                if response.status_code in RETRY_STATUSES:
                    failure = response
                elif (problem := body_problem(response)) is None:
                    return response
                else:
                    failure = problem  # a 200 whose body is unusable is retried
            if attempt == self.config.max_attempts:
                if isinstance(failure, requests.Response):
                    return failure
                raise requests.exceptions.RetryError(f"{failure} (after {attempt} attempts)")
            if self.stop.wait(min(self._delay(failure, attempt), max(0.0, self.run_deadline - time.monotonic()))):
                raise requests.exceptions.ConnectionError("interrupted")
        raise AssertionError("unreachable")

    def _give_up(self, host: str, why: str) -> None:
        """Stop asking `host` for the rest of the run, as if it were unreachable: the run goes on
        from the cache, the lock file and overrides."""
        self.down[host] = why
        self.on_no_network(f"{host}: {why}")
        raise requests.exceptions.ConnectionError(f"{host}: {why}")

    def _delay(self, failure: str | requests.Response, attempt: int) -> float:
        if isinstance(failure, requests.Response):
            retry_after = _retry_after(failure.headers.get("Retry-After"))
            if retry_after is not None:
                return min(retry_after, 120.0)
        return self.config.backoff_base * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)


class Session(requests_cache.CachedSession):
    """A cached session that, with `refresh`, asks the services again instead of the cache."""

    refresh = False
    routed_threads: set[int] | None = None  # while requests_routed_through(self): threads it routes

    def request(self, method, url, *args, **kwargs):
        kwargs["force_refresh"] = kwargs.get("force_refresh") or self.refresh
        return super().request(method, url, *args, **kwargs)


def make_session(config: HttpConfig, on_no_network: Callable[[str], None],
                 limits: dict[str, tuple[str, float, int]],
                 warn: Callable[[str], None] = lambda message: None) -> Session:
    """The run's session: cache, User-Agent, offline mode and the polite adapter.

    `limits`: per source name, its base URL, the least interval between request starts and
    how many requests may be in flight at once (each source's rate policy).
    """
    session = _cached_session(config, warn)
    session.headers["User-Agent"] = config.user_agent
    session.refresh = config.refresh
    throttles = {name: (url, Throttle(spaced(interval), concurrency))
                 for name, (url, interval, concurrency) in limits.items()}
    adapter = PoliteAdapter(config, throttles, on_no_network)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


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


@contextlib.contextmanager
def requests_routed_through(session: Session) -> Iterator[None]:
    """Let threads route their plain `requests.get` calls through `session`, for this block only.

    habanero 1.2 calls `requests.get` and takes no session, so this scoped requests-cache
    patch is the one place where a patch is needed; it is undone when the block exits. While
    it is in place it routes only the threads inside `this_thread_routed(session)` (the
    Crossref calls): any other thread's `requests.get` gets a plain `requests.Session`.
    Each short-lived session habanero creates shares this session's backend, settings,
    headers and polite adapter, so it is the same cache and the same limits.
    """
    adapter = session.get_adapter("https://")
    settings = session.settings  # lives on the shared backend: a new session would reset it

    class SharedSession(Session):
        refresh = session.refresh

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(backend=session.cache)
            self.settings = settings
            self.headers.update(session.headers)
            self.mount("http://", adapter)
            self.mount("https://", adapter)

        def close(self) -> None:  # the shared backend and adapter outlive habanero's session
            pass

    plain = requests.Session  # requests' own, for every thread not routed
    routed = session.routed_threads = set()

    class SessionForThread(Session):
        """requests' Session as the patch sees it: ours for a routed thread, requests' own otherwise."""

        def __new__(cls, *args, **kwargs):  # an instance of another class: __init__ is not run again
            return SharedSession() if threading.get_ident() in routed else plain()

    try:
        # backend="memory": the patch's own backend is never used (SessionForThread hands out
        # sessions on ours), and the default would leave an http_cache.sqlite in the working directory.
        with requests_cache.enabled(backend="memory", session_factory=SessionForThread):
            yield
    finally:
        session.routed_threads = None


@contextlib.contextmanager
def this_thread_routed(session: requests.Session) -> Iterator[None]:
    """Inside `requests_routed_through(session)`: route this thread's `requests.get`, for this block."""
    routed = getattr(session, "routed_threads", None)
    if routed is None:
        raise RuntimeError("not inside requests_routed_through(session)")
    routed.add(threading.get_ident())
    try:
        yield
    finally:
        routed.discard(threading.get_ident())


class _TooSlow(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read_body(response: requests.Response, deadline: float, limit: int) -> None:
    """Read the whole body now, within `deadline` and `limit` bytes (inflated), or raise.

    read1 returns what has arrived, so the deadline is checked however slowly bytes trickle in;
    a gzip bomb is stopped when its inflated size passes the limit, not after it is all in memory.
    """
    declared = response.headers.get("Content-Length", "").strip()
    if DIGITS.fullmatch(declared) and int(declared) > limit:
        response.close()
        raise _TooLarge(f"answer of {int(declared):,} bytes is larger than {limit:,}")
    chunks, size = [], 0
    try:
        while chunk := response.raw.read1(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > limit:
                raise _TooLarge(f"answer larger than {limit:,} bytes (inflated)")
            if time.monotonic() > deadline:
                raise _TooSlow
            chunks.append(chunk)
    except (_TooLarge, _TooSlow):
        response.close()
        raise
    except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError, OSError) as err:
        response.close()
        raise requests.exceptions.ChunkedEncodingError(err) from None
    except urllib3.exceptions.ReadTimeoutError:
        response.close()
        raise _TooSlow from None
    response._content = b"".join(chunks)
    response._content_consumed = True  # type: ignore[attr-defined]
    response.raw.release_conn()


def body_problem(response: requests.Response) -> str | None:
    """Why a 200 answer cannot be used (cut short, not JSON or XML, an arXiv error feed), or None.

    Both services answer JSON (Crossref) or Atom (arXiv); anything else with a 200 is a proxy's
    page or a glitch. arXiv reports errors as a 200 feed with one error entry, which is not
    cached either: it would answer for every id of the batch until the cache expires.
    """
    if response.status_code != 200:
        return None
    try:
        content = response.content
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError,
            requests.exceptions.ConnectionError) as err:
        return f"answer cut short ({_short(err)})"
    kind = response.headers.get("Content-Type", "")
    try:
        if "json" in kind:
            json_loads(content)  # depth and digits bounded: what habanero's json.loads then reads
        elif "xml" in kind or "atom" in kind:
            root = ElementTree.fromstring(content)
            for entry in root.iter(f"{ATOM}entry"):
                if "/api/errors" in entry.findtext(f"{ATOM}id", ""):
                    return "arXiv error: " + " ".join(entry.findtext(f"{ATOM}summary", "").split())
        else:
            return f"unexpected content type {kind or 'none'!r}"
    except (ValueError, ElementTree.ParseError) as err:  # ParseError is no ValueError
        return f"malformed answer ({_short(err)})"
    return None


def _obey_rate_headers(response: requests.Response, throttle: Throttle) -> None:
    """Slow down to what the service asks (Throttle clamps it); headers of another shape are ignored."""
    limit = response.headers.get("X-Rate-Limit-Limit", "").strip()
    interval = re.fullmatch(r"([0-9]{1,9}(?:\.[0-9]{1,9})?)s",
                            response.headers.get("X-Rate-Limit-Interval", "1s").strip())
    if DIGITS.fullmatch(limit) and int(limit) > 0 and interval:
        throttle.slow_down(spaced(float(interval.group(1)) / int(limit)))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if DIGITS.fullmatch(value.strip()):
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


UNREACHABLE = frozenset({errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


def _is_unreachable(err: BaseException) -> bool:
    """A failed name lookup or a refused connection: the network (or service) is not there at all."""
    return any(isinstance(e, (socket.gaierror, urllib3.exceptions.NameResolutionError))
               or isinstance(e, OSError) and e.errno in UNREACHABLE for e in causes(err))


def _short(err: BaseException) -> str:
    """What went wrong in a few words, from the innermost OS error (not urllib3's long message)."""
    for cause in reversed(list(causes(err))):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    return " ".join(str(err).split())[:120]
