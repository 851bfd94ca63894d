"""How many bulk calls the hub lets run at once, set by how long people's work takes in it now.

The hub answers two kinds of work (hub/lanes.py): people waiting in front of a screen (a staff
member's request, a supervisor's decision, the news that brings them, the gate every signed
request passes) and laptops uploading their day in the background. On a hub whose cores are
busy, every bulk call running beside a person's call slows it: measured at the middle setting
(100 laptops pushing, 20 supervisors and 5 staff waiting for news, this machine's two cores;
docs/benchmarks.md, issue 20 item 4), a person's work in the hub took 168 ms at p50 and 463 ms
at p90 with six bulk calls at once, 65 and 109 ms with one, and the approval round trip's p99
went from 3.3 s to 1.5-1.8 s while the laptops' ingest went from 1,070 to 340 entries/s. On a
hub with cores to spare the same six bulk calls cost the people nothing, so no fixed number
fits both: the bulk lane's width follows the people's latency instead, as a latency-targeted
concurrency limit (TCP congestion control's additive increase, multiplicative decrease).

:class:`BulkGovernor` sees the duration of each piece of people's work (from asking for its
thread to its end: the waits for a thread, the interpreter and the database included) and,
over windows of ``WINDOW`` seconds, their p90: above ``TARGET`` the bulk width halves (one at
least: the laptops' day always moves), at or below half of it the width grows by one (up to
the most it was built with). In between it holds. Nothing is judged differently: bulk calls
only wait longer for their turn, holding no thread while they wait (one that waits longer than
a laptop should is answered busy before it runs, hub/lanes.py ``BULK_WAIT``).
Pure logic with an injectable clock, no threads or event loop: hub/lanes.py applies the width.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

#: people's work in the hub should take at most this long at p90 (seconds): a round trip
#: crosses the hub about four times (the request's push, the news that brings it, the
#: decision's push, the news that brings that), each of a few such pieces, within 2 s at p99
TARGET: Final = 0.1
#: seconds of observations a decision is made on
WINDOW: Final = 0.5
#: observations a window needs before it decides (fewer: it waits for more, up to
#: ``STALE_WINDOWS`` windows, then decides on what it has)
SAMPLES: Final = 8
STALE_WINDOWS: Final = 4


class BulkGovernor:
    """The bulk lane's width: ``most`` at first, between 1 and ``most`` (module docstring)."""

    def __init__(
        self,
        most: int,
        *,
        target: float = TARGET,
        window: float = WINDOW,
        samples: int = SAMPLES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if most < 1 or target <= 0 or window <= 0 or samples < 1:
            raise ValueError("BulkGovernor(most >= 1, target > 0, window > 0, samples >= 1)")
        self.most = most
        self.width = most
        self._target = target
        self._window = window
        self._samples = samples
        self._clock = clock
        self._opened: float | None = None
        self._seen: list[float] = []

    def observe(self, seconds: float) -> bool:
        """Count one piece of people's work that took ``seconds``; True when this closed a
        window that changed :attr:`width`."""
        now = self._clock()
        if self._opened is None:
            self._opened = now
        self._seen.append(seconds)
        elapsed = now - self._opened
        if elapsed < self._window:
            return False
        if len(self._seen) < self._samples and elapsed < self._window * STALE_WINDOWS:
            return False
        seen = sorted(self._seen)
        p90 = seen[max(0, -(-9 * len(seen) // 10) - 1)]
        self._opened, self._seen = now, []
        before = self.width
        if p90 > self._target:
            self.width = max(1, self.width // 2)
        elif p90 <= self._target / 2:
            self.width = min(self.most, self.width + 1)
        return self.width != before
