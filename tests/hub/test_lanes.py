"""The hub's two lanes (hub/lanes.py): bulk work waiting in its lane holds none of the default
threads, so a person's call is answered while more bulk calls wait than there are threads; no
more than ``BULK`` bulk calls run at once, and fewer while the people's work is slow (the
governor, hub/bulk_governor.py)."""

from __future__ import annotations

import functools
import threading
import time

import anyio
import anyio.to_thread

from evidence_desk.hub.bulk_governor import BulkGovernor
from evidence_desk.hub.lanes import BULK, GATE_THREADS, Busy, Lanes


def test_people_are_answered_while_bulk_work_fills_more_than_every_thread() -> None:
    release = threading.Event()
    running, most = 0, 0
    guard = threading.Lock()

    def bulk_work() -> None:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        release.wait(30)
        with guard:
            running -= 1

    async def main() -> float:
        lanes = Lanes()
        threads = anyio.to_thread.current_default_thread_limiter().total_tokens
        async with anyio.create_task_group() as group:
            for _ in range(int(threads) * 2):  # more than every default thread
                group.start_soon(lanes.bulk, bulk_work)
            await anyio.sleep(0.5)
            started = time.monotonic()
            answer = await lanes.people(lambda: 42)
            took = time.monotonic() - started
            assert answer == 42
            release.set()
        return took

    took = anyio.run(main)
    assert took < 5.0  # without the lane it waits for the bulk work (30 s)
    assert most == BULK


def test_the_gate_is_answered_while_every_default_thread_waits() -> None:
    """Reads waiting for the pool's read connections can hold every default thread (100 laptops
    asking which chunks of their blobs the hub holds); the gate's threads are its own."""
    release = threading.Event()
    running, most = 0, 0
    guard = threading.Lock()

    def gate_work() -> int:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.2)
        with guard:
            running -= 1
        return 7

    async def main() -> float:
        lanes = Lanes()
        threads = anyio.to_thread.current_default_thread_limiter().total_tokens
        async with anyio.create_task_group() as group:
            for _ in range(int(threads) + 5):  # every default thread held, more queued
                group.start_soon(lanes.people, release.wait, 30)
            await anyio.sleep(0.5)
            started = time.monotonic()
            async with anyio.create_task_group() as gates:
                for _ in range(GATE_THREADS * 2):
                    gates.start_soon(lanes.gate, gate_work)
            took = time.monotonic() - started
            assert await lanes.gate(gate_work) == 7
            release.set()
        return took

    took = anyio.run(main)
    assert took < 5.0  # in the default threads it waits for the reads (30 s)
    assert most == GATE_THREADS


def test_the_bulk_lane_narrows_while_people_wait_and_widens_again() -> None:
    """The people's slow calls (gate and lane alike) narrow the bulk lane to one call at a
    time, bulk calls already running finish, and once the people's calls are quick again the
    lane opens back up to ``BULK``."""
    release = threading.Event()
    running, most_after = 0, 0
    narrowed = threading.Event()
    guard = threading.Lock()

    def bulk_work() -> None:
        nonlocal running, most_after
        with guard:
            running += 1
            if narrowed.is_set():
                most_after = max(most_after, running)
        release.wait(30)
        time.sleep(0.01)
        with guard:
            running -= 1

    async def main() -> tuple[int, int]:
        governor = BulkGovernor(BULK, target=0.02, window=0.05, samples=3)
        lanes = Lanes(governor=governor)
        async with anyio.create_task_group() as group:
            for _ in range(BULK * 3):
                group.start_soon(lanes.bulk, bulk_work)
            await anyio.sleep(0.3)
            assert running == BULK
            for _ in range(100):  # slow people's work, in both kinds of thread
                if governor.width == 1:
                    break
                await lanes.people(time.sleep, 0.03)
                await lanes.gate(time.sleep, 0.03)
            narrowed.set()
            release.set()  # the six running finish; from now on one at a time
            await anyio.sleep(0.5)
            narrowest = governor.width
            for _ in range(1000):  # quick people's work again
                if governor.width == BULK:
                    break
                await lanes.people(lambda: None)
                await anyio.sleep(0.005)
        return narrowest, governor.width

    narrowest, widest = anyio.run(main)
    assert narrowest == 1 and most_after == 1
    assert widest == BULK


def test_a_bulk_call_whose_turn_does_not_come_is_busy_and_never_runs() -> None:
    """A laptop's upload queued longer than ``bulk_wait`` is answered busy (the app tries
    again later) instead of running after its laptop gave up waiting; a request's later bulk
    call is never busy; the turn the busy one did not take is not lost."""
    release = threading.Event()
    ran: list[str] = []

    async def main() -> None:
        lanes = Lanes(governor=BulkGovernor(1), bulk_wait=0.3)
        async with anyio.create_task_group() as group:
            group.start_soon(lanes.bulk, release.wait, 30)
            await anyio.sleep(0.1)
            started = time.monotonic()
            try:
                await lanes.bulk(ran.append, "late")
            except Busy as busy:
                assert busy.retry > 0
            else:
                raise AssertionError("not busy")
            assert 0.25 < time.monotonic() - started < 5
            # a request's later bulk call (what it wrote must get its answer) waits its turn
            group.start_soon(functools.partial(lanes.bulk, ran.append, "later", first=False))
            await anyio.sleep(0.6)
            assert ran == []
            release.set()
        await lanes.bulk(ran.append, "next")

    anyio.run(main)
    assert ran == ["later", "next"]
