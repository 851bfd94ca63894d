"""The hub's two lanes (hub/lanes.py): bulk work waiting in its lane holds none of the default
threads, so a person's call is answered while more bulk calls wait than there are threads; and
no more than ``BULK`` bulk calls run at once."""

from __future__ import annotations

import threading
import time

import anyio
import anyio.to_thread

from evidence_desk.hub.lanes import BULK, GATE_THREADS, GateThreads, Lanes


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
        gate = GateThreads()
        threads = anyio.to_thread.current_default_thread_limiter().total_tokens
        async with anyio.create_task_group() as group:
            for _ in range(int(threads) + 5):  # every default thread held, more queued
                group.start_soon(Lanes.people, release.wait, 30)
            await anyio.sleep(0.5)
            started = time.monotonic()
            async with anyio.create_task_group() as gates:
                for _ in range(GATE_THREADS * 2):
                    gates.start_soon(gate.run, gate_work)
            took = time.monotonic() - started
            assert await gate.run(gate_work) == 7
            release.set()
        return took

    took = anyio.run(main)
    assert took < 5.0  # in the default threads it waits for the reads (30 s)
    assert most == GATE_THREADS
