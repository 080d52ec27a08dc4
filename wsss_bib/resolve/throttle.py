"""Each source's pace: at most so many requests at once, their starts so far apart, on a clock.

The clock is passed in (`SYSTEM_CLOCK` in a run; tests give one that skips its waits), so the
spacing is the same code whether a test or a run waits.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator
from typing import Protocol

# Request starts spaced at exactly 1/limit reach the service a few ms closer together now and
# then (jitter: ~3 ms on an idle loopback, 15 ms and more on a busy machine), which would put 11
# starts in one second. Each spacing is widened by a tenth, at most MARGIN: ten of Crossref's 0.1 s
# spacings absorb 100 ms of jitter, one of dblp's 1 s or arXiv's 3 s spacings 50 ms (a tenth there
# would add 0.1 s to each dblp request: the whole run's critical path when dblp is the slowest).
HEADROOM = 1.1
MARGIN = 0.05
# The longest interval between request starts a service's rate-limit headers can ask for: Crossref
# says 50 per second; `1 per 99999s` would stop the run for a day.
MAX_INTERVAL = 60.0


def spaced(interval: float) -> float:
    """The spacing kept between request starts for a service that asks for `interval`."""
    return interval + min(interval * (HEADROOM - 1), MARGIN)


class Clock(Protocol):
    """What the throttles and the retries wait on."""

    def now(self) -> float:
        """Seconds on a monotonic scale."""

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        """Wait `seconds`, or less when `stop` is set; True when stopped."""


class SystemClock:
    """The real one: `time.monotonic`, and waits that end at once when the run is stopped."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        return stop.wait(seconds)


SYSTEM_CLOCK = SystemClock()


class ThrottleStopped(Exception):
    """A request that will not start: the run was stopped, or its network budget would be spent waiting."""


class Throttle:
    """At most `concurrency` requests at once, starting at least `interval` seconds apart.

    The wait for a start ends at once when `stop` is set (Ctrl-C, SIGTERM), and is never begun
    when it would outlast the run's deadline.
    """

    def __init__(self, interval: float, concurrency: int, clock: Clock = SYSTEM_CLOCK) -> None:
        self.interval = interval
        self.clock = clock
        self.stop = threading.Event()  # the transport shares its own: a wait ends with the run
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0

    @contextlib.contextmanager
    def slot(self, deadline: float = math.inf) -> Iterator[None]:
        with self.slots:
            with self.lock:
                wait = self.next_start - self.clock.now()
                if wait > 0 and self.clock.now() + wait > deadline:
                    raise ThrottleStopped(f"the run's network budget ends before the next request may start "
                                          f"(in {wait:.0f} s)")
                if self.stop.is_set() or wait > 0 and self.clock.sleep(wait, self.stop):
                    raise ThrottleStopped("interrupted")
                self.next_start = self.clock.now() + self.interval
            yield

    def slow_down(self, interval: float) -> None:
        """Never faster than the service says (X-Rate-Limit headers), never slower than MAX_INTERVAL."""
        with self.lock:
            self.interval = max(self.interval, min(interval, MAX_INTERVAL))
