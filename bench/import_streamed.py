#!/usr/bin/env python3
"""A lone chat file's messages stored while it is parsed, against parsing it first (issue 17
item 7; services/importing._import_streamed).

Imports ``bench/import.py``'s 100k-message WhatsApp file into a new store, ``--repeat`` rounds,
each round both ways in alternating order (so that a burst of load on a shared machine slows
one round of each): *streamed* (today's path for a lone file into a contact holding no
message: the row writer stores each batch of messages while the importer builds the next) and
*parse-first* (the path every other import takes: the whole file parsed, then encoded and
stored; forced here by answering no to ``importing._streams``, the one decision between them).

For each import it reports the wall clock and the CPU time of its two threads
(``time.thread_time``): the importing thread before the first statement is queued to a row
writer (``pre``), from then until the last writer is done (``during``), and after (``post``);
and the writers' own CPU (``writer``: SQLite's work through SQLCipher and the binding of its
parameters). On two free cores the import takes about ``pre + max(during, writer) + post``:
the modelled critical path, printed next to the wall, which a loaded machine stretches.

    python bench/import_streamed.py [--repeat 5] [--messages 100000]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_desk.services import bulk_rows, importing
from evidence_desk.services.session import Session

KEYS = ("wall", "pre", "during", "post", "writer", "model")


def _bench_import() -> ModuleType:
    """bench/import.py, for its export generator and its store set-up."""
    path = Path(__file__).resolve().parent / "import.py"
    spec = importlib.util.spec_from_file_location("bench_import", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_import", module)
    spec.loader.exec_module(module)
    return module


class _ThreadClock:
    """The importing thread's CPU clock when the first statement is queued to a row writer and
    when the last writer is done, and the CPU each writer thread used (read as it ends)."""

    def __init__(self) -> None:
        self.first_start: float | None = None
        self.last_join: float | None = None
        self.writer_cpu = 0.0
        self._lock = threading.Lock()

    def started(self) -> None:
        if self.first_start is None:
            self.first_start = time.thread_time()

    def joined(self) -> None:
        self.last_join = time.thread_time()

    def writer_done(self) -> None:
        with self._lock:
            self.writer_cpu += time.thread_time()


def _clocked(clock_of: Callable[[], _ThreadClock | None]) -> None:
    """Wrap RowWriter's queueing, work and join to read the thread clocks (no change to what
    they do): the writer's work begins with the first statement or job queued to it."""
    writer = bulk_rows.RowWriter
    run, call, work, join = writer.run, writer.call, writer._work, writer._join

    def started() -> None:
        clock = clock_of()
        if clock is not None:
            clock.started()

    def clocked_run(self: Any, statement: str, params: Any) -> None:
        started()
        run(self, statement, params)

    def clocked_call(self: Any, job: Callable[[], object]) -> None:
        started()
        call(self, job)

    def clocked_work(self: Any) -> None:
        try:
            work(self)
        finally:
            clock = clock_of()
            if clock is not None:
                clock.writer_done()

    def clocked_join(self: Any) -> None:
        join(self)
        clock = clock_of()
        if clock is not None:
            clock.joined()

    writer.run = clocked_run  # type: ignore[method-assign]
    writer.call = clocked_call  # type: ignore[method-assign]
    writer._work = clocked_work  # type: ignore[method-assign]
    writer._join = clocked_join  # type: ignore[method-assign]


def one_import(
    bench: ModuleType, work: Path, export: Path, streamed: bool, run: int, clocks: list[Any]
) -> dict[str, float]:
    """One import of ``export`` into a new store, streamed or parsed first; its figures."""
    root = work / f"run-{run}-{'streamed' if streamed else 'first'}"
    root.mkdir()
    store, contact_id = bench.new_store(root, "whatsapp", "+8613800000000")
    streams = importing._streams
    if not streamed:
        importing._streams = lambda *_args, **_kwargs: False  # type: ignore[assignment]
    try:
        with Session.open(store, "alice", bench.PASSWORD) as alice:
            clock = _ThreadClock()
            clocks[0] = clock
            cpu, wall = time.thread_time(), time.perf_counter()
            result = importing.import_files(alice, contact_id, [export], tz="Asia/Shanghai")
            wall = time.perf_counter() - wall
            cpu_end = time.thread_time()
            clocks[0] = None
            assert result.messages_new == result.messages_total > 0
    finally:
        importing._streams = streams  # type: ignore[method-assign]
        shutil.rmtree(root)
    assert clock.first_start is not None and clock.last_join is not None
    pre = clock.first_start - cpu
    during = clock.last_join - clock.first_start
    post = cpu_end - clock.last_join
    return {
        "wall": wall,
        "pre": pre,
        "during": during,
        "post": post,
        "writer": clock.writer_cpu,
        "model": pre + max(during, clock.writer_cpu) + post,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    bench = _bench_import()
    clocks: list[Any] = [None]
    _clocked(lambda: clocks[0])
    figures: dict[str, list[dict[str, float]]] = {"first": [], "streamed": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        export = work / "WhatsApp Chat with Chen Lixin.txt"
        export.write_text(bench.whatsapp_text(args.messages), encoding="utf-8")
        print(f"WhatsApp export: {args.messages} messages, {export.stat().st_size / 1e6:.1f} MB")
        print(f"load before: {os.getloadavg()[0]:.2f}")
        print(f"{'round':>5} {'path':>9} " + " ".join(f"{k:>7}" for k in KEYS) + "  load")
        for run in range(args.repeat):
            order = (False, True) if run % 2 == 0 else (True, False)
            for streamed in order:
                got = one_import(bench, work, export, streamed, run, clocks)
                name = "streamed" if streamed else "first"
                figures[name].append(got)
                print(
                    f"{run:>5} {name:>9} "
                    + " ".join(f"{got[k]:7.3f}" for k in KEYS)
                    + f"  {os.getloadavg()[0]:.2f}"
                )
    print("medians (seconds):")
    for name in ("first", "streamed"):
        row = {k: statistics.median(f[k] for f in figures[name]) for k in KEYS}
        print(f"      {name:>9} " + " ".join(f"{row[k]:7.3f}" for k in KEYS))
    pairs = list(zip(figures["first"], figures["streamed"], strict=True))
    for key in ("model", "wall"):
        ratios = [first[key] / streamed[key] for first, streamed in pairs]
        print(
            f"parse-first / streamed, {key}: median {statistics.median(ratios):.3f}x "
            f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)})"
        )
    best = {n: min(f["wall"] for f in figures[n]) for n in figures}
    print(
        f"best wall: parse-first {best['first']:.2f} s, streamed {best['streamed']:.2f} s, "
        f"ratio {best['first'] / best['streamed']:.3f}x"
    )
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
