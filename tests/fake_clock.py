"""A clock for the throttles and retries (resolve/throttle.py `Clock`) whose waits are recorded, not slept.

Time stands still except when a wait moves it on, so every wait a run asks for is the whole
spacing (arXiv's 3.05 s, Crossref's 0.11 s) and is recorded in `slept`; the run itself takes
no time waiting.
"""

from __future__ import annotations

import threading


class FakeClock:
    def __init__(self, start: float = 100.0) -> None:
        self.time = start
        self.slept: list[float] = []
        self.lock = threading.Lock()  # several workers may wait at once

    def now(self) -> float:
        with self.lock:
            return self.time

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        with self.lock:
            self.slept.append(round(seconds, 3))
            self.time += seconds
        return stop.is_set()
