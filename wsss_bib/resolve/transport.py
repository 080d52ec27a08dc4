"""The transport under the run's session: what a request that misses the cache goes through.

`PoliteAdapter` keeps each source's pace (its `Throttle`), reads every answer whole within a
deadline and a size limit, retries 429/5xx/timeouts/cut-short answers with Retry-After or
jittered exponential backoff, refuses redirects to another host, and gives a host up for the run
when it is unreachable, silent or past the run's network budget (noticed once). A 200 whose body
does not parse is retried, so nothing broken reaches the cache.
"""

from __future__ import annotations

import contextlib
import errno
import random
import re
import socket
import threading
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import NamedTuple, NoReturn
from urllib.parse import urlparse

import requests
import urllib3
from requests.adapters import HTTPAdapter

from ..nesting import json_loads
from .config import HttpConfig
from .reasons import causes
from .throttle import SYSTEM_CLOCK, Clock, Throttle, ThrottleStopped, spaced

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DIGITS = re.compile(r"[0-9]{1,15}")  # a number in a header: ASCII digits ("²" is a digit to str.isdigit), bounded
ATOM = "{http://www.w3.org/2005/Atom}"
UNREACHABLE = frozenset({errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


class _Retry(NamedTuple):
    """An attempt that may go better next time: why, or the answer to hand back if none does."""

    failure: str | requests.Response


class PoliteAdapter(HTTPAdapter):
    """Transport for requests that miss the cache: limits, retries, and the no-network notice."""

    def __init__(self, config: HttpConfig, throttles: dict[str, tuple[str, Throttle]],
                 on_no_network: Callable[[str], None], clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(pool_maxsize=8)
        self.http_config = config
        self.throttles = throttles
        self.on_no_network = on_no_network
        self.clock = clock
        self.down: dict[str, str] = {}  # host -> why it is not asked again in this run
        self.timeouts: dict[str, int] = {}  # host -> timeouts in a row
        self.run_deadline = clock.now() + config.run_budget
        self.stop = threading.Event()  # set on Ctrl-C or SIGTERM: no new attempt, no more waiting
        for _, throttle in throttles.values():
            throttle.stop = self.stop  # a throttle's wait ends with the run

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: float | tuple[float, float] | tuple[float, None] | None = None,
             verify: bool | str = True, cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
             proxies: Mapping[str, str] | None = None) -> requests.Response:
        url = request.url or ""
        host = urlparse(url).netloc
        if host in self.down:
            raise requests.exceptions.ConnectionError(f"{host}: {self.down[host]}")
        if self.stop.is_set():
            raise requests.exceptions.ConnectionError("interrupted")
        throttle = next((t for base, t in self.throttles.values() if url.startswith(base)), None)
        for attempt in range(1, self.http_config.max_attempts + 1):
            outcome = self._attempt(request, host, throttle, verify, cert, proxies)
            if not isinstance(outcome, _Retry):
                return outcome
            if attempt == self.http_config.max_attempts:
                if isinstance(outcome.failure, requests.Response):
                    return outcome.failure
                raise requests.exceptions.RetryError(f"{outcome.failure} (after {attempt} attempts)")
            wait = min(self._delay(outcome.failure, attempt), max(0.0, self.run_deadline - self.clock.now()))
            if self.clock.sleep(wait, self.stop):
                raise requests.exceptions.ConnectionError("interrupted")
        raise AssertionError("unreachable")

    def _attempt(self, request: requests.PreparedRequest, host: str, throttle: Throttle | None,
                 verify: bool | str, cert: bytes | str | tuple[bytes | str, bytes | str] | None,
                 proxies: Mapping[str, str] | None) -> requests.Response | _Retry:
        """One try: the answer to hand back, or why another try may be worth it; raises what ends the request."""
        left = self.run_deadline - self.clock.now()
        if left <= 0:
            self._give_up(host, f"the run's time budget of {self.http_config.run_budget:g} s is spent")
        # The socket timeout bounds each read; the deadline bounds the whole answer (a server
        # trickling a byte a second never trips a read timeout).
        deadline = time.monotonic() + min(self.http_config.request_deadline, left)
        try:
            with throttle.slot(self.run_deadline) if throttle else contextlib.nullcontext():
                response = super().send(request, stream=True, timeout=min(self.http_config.timeout, left),
                                        verify=verify, cert=cert, proxies=proxies)
                _read_body(response, deadline, self.http_config.max_answer_bytes)
        except requests.exceptions.ConnectionError as err:
            if _is_unreachable(err):
                # That host is not there for this run; another service (dblp down, Crossref up) may be.
                self.down[host] = f"unreachable ({_short(err)})"
                self.on_no_network(f"{host}: {_short(err)}")
                raise
            return _Retry(f"connection error: {_short(err)}")
        except (requests.exceptions.Timeout, _TooSlow):
            return self._timed_out(host)
        except _TooLarge as err:
            raise requests.exceptions.RetryError(str(err)) from None  # the same answer would come again
        except ThrottleStopped as err:
            if self.stop.is_set():
                raise requests.exceptions.ConnectionError("interrupted") from None
            self._give_up(host, str(err))
        except requests.exceptions.RequestException as err:  # a body cut short, an undecodable one
            return _Retry(f"answer cut short ({_short(err)})")
        self.timeouts[host] = 0
        return self._answered(response, host, throttle)

    def _answered(self, response: requests.Response, host: str,
                  throttle: Throttle | None) -> requests.Response | _Retry:
        if throttle:
            _obey_rate_headers(response, throttle)
        if response.is_redirect:
            target = urlparse(response.headers.get("Location", "")).netloc or host
            if target != host:  # its answer would skip this service's limits, and is not this service's
                raise requests.exceptions.RetryError(f"redirect to another host ({target[:80]}) refused")
            return response  # requests follows it, through this adapter again
        if response.status_code in RETRY_STATUSES:
            return _Retry(response)
        problem = body_problem(response)
        return response if problem is None else _Retry(problem)  # a 200 whose body is unusable is retried

    def _timed_out(self, host: str) -> _Retry:
        self.timeouts[host] = self.timeouts.get(host, 0) + 1
        if self.timeouts[host] >= self.http_config.timeouts_until_down:
            self._give_up(host, f"no answer {self.timeouts[host]} times in a row: treated as down")
        return _Retry(f"no answer within {self.http_config.timeout:g} s")

    def _give_up(self, host: str, why: str) -> NoReturn:
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
        return self.http_config.backoff_base * float(2 ** (attempt - 1)) * random.uniform(0.5, 1.5)


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
    chunks: list[bytes] = []
    size = 0
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
            json_loads(content)  # depth and digits bounded: what response.json() then reads
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
