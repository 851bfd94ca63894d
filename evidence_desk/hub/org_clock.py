"""The hub's clock for organisation checkpoints: one background task (Starlette lifespan) that
issues a checkpoint at least every N minutes and stamps the queued ones.

**Timer.** Each push signs a checkpoint right after its receipts. A hub that dies between a
push's commit and that checkpoint leaves entries no checkpoint covers; so every tick the task
asks whether entries arrived since the newest checkpoint and ``every`` has passed since it was
signed, and then signs one (``org_checkpoints.issue``, under the same advisory lock as the push
path: never two of one size). With no new entries nothing is signed: a checkpoint states
entries, and the newest still states all of them. A checkpoint waiting only for its stamp gets
no successor either; the stamping below dates that checkpoint itself.

**Stamps.** With a TSA configured, every tick stamps the checkpoints without a token
(hub/org_stamps.py). A failure doubles the pause before the next try, up to ``_MAX_PAUSE``;
the first success resets it. Nothing here runs in a push's request, so the TSA never delays or
fails a push.

**Abandoned join uploads.** Every tick also sweeps the staged uploads of invitations no longer
open and those idle for ``staged_idle`` (``HubRepository.sweep_staged``, hub/join_staging.py);
with nothing staged that is one look at an empty table.

**Locked objects of shredded cases.** With blobs on WORM storage, once an hour the objects of
withdrawn blobs whose Object Lock has ended (or whose deletion failed) are deleted
(``HubRepository.finish_withdrawals``, hub/withdrawal.py); a store that fails is tried again the
next hour, never stopping the clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any, Final

import psycopg
from psycopg_pool import PoolTimeout
from starlette.concurrency import run_in_threadpool

from evidence_desk.hub.app import Lifespan
from evidence_desk.hub.org_stamps import StampAuthority, stamp_pending
from evidence_desk.hub.receipts import ReceiptDesk
from evidence_desk.hub.repository import HubRepository

#: the default of ``hub serve --checkpoint-minutes``
DEFAULT_MINUTES: Final = 10.0
#: the default of ``hub serve --staged-hours``: an upload idle this long is swept
DEFAULT_STAGED_HOURS: Final = 72.0
#: seconds between two looks at the database (stamps follow a push within about this long)
_TICK: Final = 1.0
#: the longest pause between two tries of a TSA that keeps failing, in seconds
_MAX_PAUSE: Final = 30.0
#: seconds between two looks for withdrawn objects whose lock has ended
_OBJECTS_EVERY: Final = 3600.0

Conn = psycopg.Connection[tuple[Any, ...]]


def checkpoint_due(conn: Conn, every: timedelta) -> bool:
    """Did entries arrive since the newest checkpoint, which is ``every`` old or more (or is
    there no checkpoint yet)?"""
    row = conn.execute(
        "SELECT hub_seq, now() - created_at >= %s FROM org_checkpoints ORDER BY size DESC LIMIT 1",
        (every,),
    ).fetchone()
    last, old_enough = (0, True) if row is None else (int(row[0]), bool(row[1]))
    if not old_enough:
        return False
    newer = conn.execute("SELECT 1 FROM entries WHERE hub_seq > %s LIMIT 1", (last,)).fetchone()
    return newer is not None


class OrgClock:
    """The timer and the stamp queue of one hub (see the module docstring)."""

    def __init__(
        self,
        repo: HubRepository,
        desk: ReceiptDesk,
        every: timedelta,
        authority: StampAuthority | None,
        staged_idle: timedelta = timedelta(hours=DEFAULT_STAGED_HOURS),
    ) -> None:
        self.repo = repo
        self.staged_idle = staged_idle
        self.desk = desk
        self.every = every
        self.authority = authority
        self._pause = _TICK
        self._next_stamp = 0.0
        self._next_objects = time.monotonic() + _OBJECTS_EVERY  # ``hub serve`` did it at start

    def tick(self) -> None:
        """One round: the timer's checkpoint if due, the abandoned join uploads, then the
        stamps if their pause is over."""
        if self.repo.in_transaction(lambda conn: checkpoint_due(conn, self.every)):
            self.desk.issue_checkpoint(self.repo)
        self.repo.sweep_staged(self.staged_idle)
        if self.repo.objects is not None and time.monotonic() >= self._next_objects:
            self._next_objects = time.monotonic() + _OBJECTS_EVERY
            with contextlib.suppress(Exception):  # the object store away: the next hour
                self.repo.finish_withdrawals()
        if self.authority is None or time.monotonic() < self._next_stamp:
            return
        if stamp_pending(self.repo, self.authority):
            self._pause = _TICK
        else:
            self._pause = min(self._pause * 2, _MAX_PAUSE)
            self._next_stamp = time.monotonic() + self._pause

    async def run(self) -> None:
        while True:
            await asyncio.sleep(min(_TICK, self.every.total_seconds()))
            # the database away for a moment: the next tick tries again
            with contextlib.suppress(psycopg.Error, PoolTimeout):
                await run_in_threadpool(self.tick)


def lifespan(inner: Lifespan, clock: OrgClock) -> Lifespan:
    """``inner`` (the judging workers) with the clock's task running from startup to
    shutdown; the task is cancelled before ``inner`` shuts down."""

    @contextlib.asynccontextmanager
    async def serving(app: Any) -> AsyncIterator[None]:
        async with inner(app):
            task = asyncio.create_task(clock.run())
            try:
                yield
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return serving
