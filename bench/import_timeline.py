#!/usr/bin/env python3
"""Where the chat import's wall clock goes, thread by thread (issue 17 item 7).

Earlier rounds modelled the import's critical path from thread CPU (``time.thread_time``) and
shortened it three times without moving the wall: the wall stayed 0.5-0.6 s above the model.
This records a *timeline* instead, for one import of ``bench/import.py``'s 100k-message
WhatsApp file into a new store (in a child process, so that nothing else runs in it):

* on the importing thread, each stage's start and end (open, seal the original, parse, the
  salts read, the messages' encoding a batch at a time, the writer's join, the ledger entry,
  the commit), with its thread CPU;
* on the row writer's thread (``services/bulk_rows.RowWriter``), each job's start and end,
  how long it waited in the queue, and its thread CPU;
* the scheduler's view of every thread of the process, when ``perf sched record`` works here
  (root, or ``perf_event_paranoid`` <= 1): for each thread, when it ran, when it was runnable
  but had no core (``sch delay``: the machine's other load), and when it slept. A Python
  thread that sleeps inside a stage that never blocks on I/O is waiting for the GIL; the writer
  sleeping between jobs is waiting for work; the importing thread sleeping in the writer's join
  is waiting for the writer.

Under heavy load (above about 8 on two cores here) ``perf record -a`` itself stretches the
import and its states stop adding up (both threads asleep for seconds): read the scheduler's
view from a run at a moderate load, or use ``--gil`` and ``--against``, which run without it.

It prints, per thread and per stage: running / runnable without a core / sleeping seconds, and
the serial segments: time when the writer had no job while the importer ran (storing not
overlapped), when the importer waited for the writer, and when neither ran (both off CPU:
GIL hand-offs, I/O, the kernel). Without perf it prints wall against thread CPU per stage
(their difference is GIL or CPU waits, not told apart).

With ``--against TREE`` (another checkout, e.g. ``git archive BASE | tar -x -C TREE``) it
alternates imports by this tree's code and by TREE's, ``--repeat`` pairs, order swapped each
round, without perf, and prints each pair's walls and thread CPU with the median ratio: an
A/B of a change on a shared machine, where single runs vary by a third.

    python bench/import_timeline.py [--messages 100000] [--repeat 1] [--no-perf]
    python bench/import_timeline.py --against /tmp/base --repeat 6
    python bench/import_timeline.py --gil   # the GIL held per thread (py-spy), one import

``--gil`` samples which thread holds the GIL (py-spy, 1000 Hz, not pausing the process): the
import's Python on both threads runs one at a time, so the wall is at least both threads' GIL
time plus the commit, however the work is spread over the threads.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

# the source tree whose evidence_desk a child imports (``--against`` runs another tree's)
sys.path.insert(
    0, os.environ.get("IMPORT_TIMELINE_TREE") or str(Path(__file__).resolve().parents[1])
)

from evidence_desk.services import bulk_rows, importing, session
from evidence_desk.store import blobs

MONO = time.CLOCK_MONOTONIC
TREE_VARIABLE = "IMPORT_TIMELINE_TREE"


def _now() -> float:
    """CLOCK_MONOTONIC, the clock ``perf record -k CLOCK_MONOTONIC`` stamps its events with."""
    return time.clock_gettime(MONO)


def _bench_import() -> ModuleType:
    """bench/import.py, for its export generator and its store set-up."""
    path = Path(__file__).resolve().parent / "import.py"
    spec = importlib.util.spec_from_file_location("bench_import", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_import", module)
    spec.loader.exec_module(module)
    return module


class Recorder:
    """Intervals per thread: (native thread id, label, start, end, thread CPU used)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, str, float, float, float]] = []
        self.waits: list[float] = []  # each writer job's time in the queue
        self.threads: dict[int, str] = {}
        self._lock = threading.Lock()

    def span(self, label: str, start: float, cpu: float) -> None:
        end = _now()
        with self._lock:
            self.spans.append((threading.get_native_id(), label, start, end, cpu))


RECORD = Recorder()


def _timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = _now(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            RECORD.span(label, start, time.thread_time() - cpu)

    return wrapper


def _timed_batches(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """``importing._encoded``: each batch's encoding, fingerprints, salts and commitments."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        batches = function(*args, **kwargs)
        while True:
            start, cpu = _now(), time.thread_time()
            try:
                item = next(batches)
            except StopIteration:
                RECORD.span("encode batch (last: roots)", start, time.thread_time() - cpu)
                return
            RECORD.span("encode batch", start, time.thread_time() - cpu)
            yield item

    return wrapper


def instrument() -> None:
    """Wrap the import's stages and the writer's jobs with clocks; what they do is unchanged."""
    for name, label in (
        ("open_input", "open input"),
        ("_seal_originals", "seal original"),
        ("parse_opened", "parse"),
        ("already_imported", "already imported?"),
        ("_salting", "salts read"),
        ("_store_new_messages", "store messages (prepare)"),
        ("_queue_full_text", "queue full-text rows"),
        ("_link", "links"),
        ("gap_notices", "gap notices"),
    ):
        setattr(importing, name, _timed(label, getattr(importing, name)))
    importing._encoded = _timed_batches(importing._encoded)  # type: ignore[assignment]
    bulk_rows.insert_values = _timed("flatten rows, queue", bulk_rows.insert_values)
    blobs.Finishing.wait = _timed("originals durable (wait)", blobs.Finishing.wait)  # type: ignore[method-assign]
    writer = bulk_rows.RowWriter
    writer._join = _timed("writer join", writer._join)  # type: ignore[method-assign]
    cls = session.Session
    cls._write_locked = _timed("ledger entry (judge, apply, sign)", cls._write_locked)  # type: ignore[method-assign]
    cls.write_many = _timed("session write (all)", cls.write_many)  # type: ignore[method-assign]
    call, work = writer.call, writer._work

    def queued(self: Any, label: str, job: Callable[[], object]) -> None:
        at = _now()

        def timed_job() -> object:
            start, cpu = _now(), time.thread_time()
            RECORD.waits.append(start - at)
            try:
                return job()
            finally:
                RECORD.span(label, start, time.thread_time() - cpu)

        call(self, timed_job)

    def timed_run(self: Any, statement: str, params: Any) -> None:
        table = statement.split(" ", 3)[2]
        conn = self._conn
        queued(self, f"job INSERT {table}", lambda: conn.execute(statement, params))

    def timed_call(self: Any, job: Callable[[], object]) -> None:
        queued(self, "job call (locators)", job)

    def timed_work(self: Any) -> None:
        RECORD.threads[threading.get_native_id()] = "writer"
        work(self)

    writer.run = timed_run  # type: ignore[method-assign]
    writer.call = timed_call  # type: ignore[method-assign]
    writer._work = timed_work  # type: ignore[method-assign]
    thread_run = threading.Thread.run

    def named_run(self: threading.Thread) -> None:
        RECORD.threads.setdefault(threading.get_native_id(), self.name)
        thread_run(self)

    threading.Thread.run = named_run  # type: ignore[method-assign]


def child(work: Path, messages: int, out: Path, ready: Path) -> None:
    """One import in this process, its spans written to ``out`` as JSON."""
    bench = _bench_import()
    export = work / "WhatsApp Chat with Chen Lixin.txt"
    if not export.exists():
        export.write_text(bench.whatsapp_text(messages), encoding="utf-8")
    root = work / f"store-{os.getpid()}"
    root.mkdir()
    store, contact_id = bench.new_store(root, "whatsapp", "+8613800000000")
    instrument()
    RECORD.threads[threading.get_native_id()] = "importer"
    with session.Session.open(store, "alice", bench.PASSWORD) as alice:
        ready.write_text("ready")
        start, cpu = _now(), time.thread_time()
        result = importing.import_files(alice, contact_id, [export], tz="Asia/Shanghai")
        RECORD.span("IMPORT", start, time.thread_time() - cpu)
        assert result.messages_new == result.messages_total == messages, result
    shutil.rmtree(root)
    out.write_text(
        json.dumps(
            {
                "spans": RECORD.spans,
                "waits": RECORD.waits,
                "threads": {str(k): v for k, v in RECORD.threads.items()},
                "pid": os.getpid(),
            }
        )
    )


# -- the scheduler's view ------------------------------------------------------------------

_LINE = re.compile(
    r"^\s*([\d.]+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:/(\d+))?\]"  # time, cpu, task[tid/pid]
    r"\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)"  # wait time, sch delay, run time (ms)
)
States = dict[int, list[tuple[float, float, str]]]
Spans = list[tuple[float, float]]


def sched_states(data: Path, pid: int) -> States:
    """Per thread of ``pid``: (start, end, state) with state run / wait_cpu / sleep, from
    ``perf sched timehist`` (each line: a switch-out, the run before it, the scheduling delay
    before that and the sleep before that)."""
    text = subprocess.run(
        ["perf", "sched", "timehist", "-i", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    states: States = defaultdict(list)
    for line in text.splitlines():
        match = _LINE.match(line)
        if match is None or int(match.group(5) or match.group(4)) != pid:
            continue
        end = float(match.group(1))
        wait, delay, run = (float(match.group(i)) / 1000 for i in (6, 7, 8))
        tid = int(match.group(4))
        run_start = end - run
        states[tid] += [
            (run_start - delay - wait, run_start - delay, "sleep"),
            (run_start - delay, run_start, "wait_cpu"),
            (run_start, end, "run"),
        ]
    return states


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def state_in(states: list[tuple[float, float, str]], start: float, end: float) -> dict[str, float]:
    """Seconds of each state of one thread within [start, end]; what no event covers is
    ``sleep`` (a thread that never ran in the window slept through it)."""
    got = {"run": 0.0, "wait_cpu": 0.0, "sleep": 0.0}
    for s0, s1, state in states:
        got[state] += _overlap(s0, s1, start, end)
    got["sleep"] += max(0.0, (end - start) - sum(got.values()))
    return got


def _coverage(intervals: Spans, start: float, end: float) -> Spans:
    """The union of ``intervals`` clipped to [start, end], sorted."""
    merged: list[tuple[float, float]] = []
    for a, b in sorted((max(a, start), min(b, end)) for a, b in intervals if b > start and a < end):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _length(intervals: Spans) -> float:
    return sum(b - a for a, b in intervals)


def _intersect(a: Spans, b: Spans) -> Spans:
    out: list[tuple[float, float]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _complement(a: Spans, start: float, end: float) -> Spans:
    out: list[tuple[float, float]] = []
    at = start
    for lo, hi in a:
        if lo > at:
            out.append((at, lo))
        at = max(at, hi)
    if at < end:
        out.append((at, end))
    return out


def report(record: dict[str, Any], states: States | None) -> dict[str, float]:
    """Print the timeline's summary; return its headline figures."""
    threads = {int(k): v for k, v in record["threads"].items()}
    spans = [tuple(s) for s in record["spans"]]
    importer = next(t for t, n in threads.items() if n == "importer")
    writers = [t for t, n in threads.items() if n == "writer"]
    whole = next(s for s in spans if s[1] == "IMPORT")
    t0, t1 = whole[2], whole[3]
    wall = t1 - t0
    print(f"import wall {wall:.3f} s, importing thread CPU {whole[4]:.3f} s")
    # stages of the importing thread, summed by label, with CPU and the scheduler's states
    by_label: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0.0, 0.0, 0.0])
    for tid, label, start, end, cpu in spans:
        if tid != importer or label == "IMPORT":
            continue
        row = by_label[label]
        row[0] += end - start
        row[1] += cpu
        row[2] += 1
        if states is not None:
            got = state_in(states.get(importer, []), start, end)
            row[3] += got["run"]
            row[4] += got["wait_cpu"]
            row[5] += got["sleep"]
    print("importing thread, by stage (nested stages count in their parent too):")
    head = f"  {'stage':36s} {'n':>4} {'wall':>7} {'cpu':>7} {'wall-cpu':>8}"
    print(head + ("" if states is None else f" {'run':>7} {'no core':>7} {'sleep':>7}"))
    for label, row in sorted(by_label.items(), key=lambda kv: -kv[1][0]):
        line = f"  {label:36s} {row[2]:4d} {row[0]:7.3f} {row[1]:7.3f} {row[0] - row[1]:8.3f}"
        if states is not None:
            line += f" {row[3]:7.3f} {row[4]:7.3f} {row[5]:7.3f}"
        print(line)
    print("importing thread, in order (seconds from the import's start; batches folded):")
    for tid, label, start, end, cpu in sorted(spans, key=lambda s: s[2]):
        if tid == importer and label not in ("IMPORT", "encode batch", "flatten rows, queue"):
            print(f"  {start - t0:7.3f} -> {end - t0:7.3f}  {label} (CPU {cpu:.3f})")
    ledger = next(s for s in spans if s[1].startswith("ledger entry"))
    write = next(s for s in spans if s[1] == "session write (all)")
    commit = write[3] - ledger[3]
    print(f"  commit (COMMIT, head, anchor: the write after its ledger entry): {commit:.3f} s")
    jobs = [s for s in spans if s[0] in writers]
    job_wall = sum(s[3] - s[2] for s in jobs)
    job_cpu = sum(s[4] for s in jobs)
    by_job: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for _tid, label, start, end, cpu in jobs:
        row = by_job[label]
        row[0] += end - start
        row[1] += cpu
        row[2] += 1
    print(f"writer jobs: {len(jobs)}, in jobs {job_wall:.3f} s wall, {job_cpu:.3f} s CPU")
    for label, row in sorted(by_job.items(), key=lambda kv: -kv[1][0]):
        extra = ""
        if states is not None:
            got = {"run": 0.0, "wait_cpu": 0.0, "sleep": 0.0}
            for _tid, lab, start, end, _cpu in jobs:
                if lab == label:
                    for key, value in state_in(states.get(_tid, []), start, end).items():
                        got[key] += value
            extra = (
                f"  run {got['run']:.3f}, no core {got['wait_cpu']:.3f}, sleep {got['sleep']:.3f}"
            )
        print(f"  {label:36s} {int(row[2]):4d} {row[0]:7.3f} s wall {row[1]:7.3f} s CPU{extra}")
    waits = sorted(record["waits"])
    if waits:
        print(
            f"  queue wait per job: median {waits[len(waits) // 2] * 1000:.1f} ms, "
            f"max {waits[-1] * 1000:.1f} ms"
        )
    busy = _coverage([(s[2], s[3]) for s in jobs], t0, t1)
    first_job = busy[0][0] if busy else t1
    last_job = busy[-1][1] if busy else t0
    figures = {"wall": wall, "importer_cpu": whole[4], "writer_cpu": job_cpu, "commit": commit}
    print("serial segments (seconds of the import's wall):")
    print(f"  before the writer's first job (open, seal, parse, ...): {first_job - t0:7.3f}")
    idle_between = _length(_complement(busy, first_job, last_job))
    print(f"  writer without a job between its first and last:       {idle_between:7.3f}")
    print(f"  after the writer's last job (ledger, commit, ...):      {t1 - last_job:7.3f}")
    figures.update(before=first_job - t0, gaps=idle_between, after=t1 - last_job)
    if states is None:
        return figures
    print("scheduler, whole import (run / runnable without a core / sleeping), per thread:")
    for tid in sorted(states, key=lambda t: -state_in(states[t], t0, t1)["run"]):
        got = state_in(states[tid], t0, t1)
        if got["run"] + got["wait_cpu"] < 0.005:
            continue
        name = threads.get(tid, "main" if tid == record["pid"] else "?")
        print(
            f"  {name:24s} [{tid}] run {got['run']:6.3f}  no core {got['wait_cpu']:6.3f}  "
            f"sleep {got['sleep']:6.3f}"
        )
    runs = {
        tid: _coverage([(a, b) for a, b, s in states[tid] if s == "run"], t0, t1) for tid in states
    }
    any_run = _coverage([i for r in runs.values() for i in r], t0, t1)
    imp_run = runs.get(importer, [])
    wr_run = _coverage([i for t in writers for i in runs.get(t, [])], t0, t1)
    in_job = busy
    window = [(first_job, last_job)]
    overlapped = _intersect(_intersect(imp_run, wr_run), window)
    none = _complement(any_run, t0, t1)
    # inside jobs: the writer not running while its job is open
    job_stalled = _intersect(in_job, _complement(wr_run, t0, t1))
    imp_sleep_in_python = _intersect(
        _intersect(_complement(imp_run, t0, t1), window),
        _complement(
            _coverage(
                [(s[2], s[3]) for s in spans if s[0] == importer and s[1] == "writer join"], t0, t1
            ),
            t0,
            t1,
        ),
    )

    def state_spans(tid: int, state: str) -> Spans:
        return _coverage([(a, b) for a, b, got in states.get(tid, []) if got == state], t0, t1)

    joins = _coverage(
        [(s[2], s[3]) for s in spans if s[0] == importer and s[1] == "writer join"], t0, t1
    )
    imp_no_core = state_spans(importer, "wait_cpu")
    off_imp = _complement(_coverage(imp_run + imp_no_core, t0, t1), t0, t1)
    # the importer off CPU and not runnable: in the writer's join it waits for the writer,
    # elsewhere for the GIL (its stages do no blocking I/O but the original's, 0.03 s)
    imp_gil = _length(_intersect(off_imp, _complement(joins, t0, t1)))
    imp_join = _length(_intersect(off_imp, joins))
    writer_no_core = _coverage([i for t in writers for i in state_spans(t, "wait_cpu")], t0, t1)
    writer_off = _complement(_coverage(wr_run + writer_no_core, t0, t1), t0, t1)
    # the writer off CPU and not runnable: inside a job it waits for the GIL (to bind, or to
    # return from a step), between jobs for work
    writer_gil = _length(_intersect(writer_off, in_job))
    between = _intersect(_complement(in_job, t0, t1), [(first_job, last_job)])
    writer_idle = _length(_intersect(writer_off, between))
    print("per thread, whole import (seconds):")
    print(
        f"  importer  busy {_length(imp_run):6.3f}  no core {_length(imp_no_core):6.3f}  "
        f"waiting for the GIL {imp_gil:6.3f}  for the writer (join) {imp_join:6.3f}"
    )
    print(
        f"  writer    busy {_length(wr_run):6.3f}  no core {_length(writer_no_core):6.3f}  "
        f"waiting for the GIL {writer_gil:6.3f}  for work {writer_idle:6.3f}"
    )
    figures.update(importer_gil_wait=imp_gil, writer_gil_wait=writer_gil)
    print("two-thread view while the writer has work (first job to last):")
    print(f"  both running (overlap achieved):                         {_length(overlapped):7.3f}")
    print(f"  writer inside a job but not running (GIL or no core):    {_length(job_stalled):7.3f}")
    print(
        f"  importer off CPU outside the writer's join (GIL/no core): "
        f"{_length(imp_sleep_in_python):7.3f}"
    )
    print(f"  no thread of the process running, whole import:          {_length(none):7.3f}")
    figures.update(
        overlap=_length(overlapped),
        job_stalled=_length(job_stalled),
        importer_off=_length(imp_sleep_in_python),
        none=_length(none),
    )
    return figures


#: the scheduler's switches and wake-ups on every CPU (what ``perf sched timehist`` needs, and
#: only that: ``perf sched record``'s further events doubled the import's wall here)
_PERF_RECORD = (
    *("perf", "record", "-a", "-k", "CLOCK_MONOTONIC", "-e", "sched:sched_switch"),
    *("-e", "sched:sched_wakeup", "-e", "sched:sched_wakeup_new", "-e", "sched:sched_migrate_task"),
)


#: py-spy's sampling rate for ``--gil`` (samples per second)
GIL_RATE = 1000


def gil_held(raw: Path) -> dict[str, float]:
    """Seconds each thread held the GIL during the import, from ``py-spy record --gil
    --threads -f raw`` (a sample per GIL holder per tick): the importing thread's samples are
    those under ``import_files``, the writer's those under ``RowWriter._work``."""
    held = {"importer": 0.0, "writer": 0.0}
    for line in raw.read_text().splitlines():
        stack, _space, count = line.rpartition(" ")
        if "import_files" in stack:
            held["importer"] += int(count) / GIL_RATE
        elif "RowWriter._work" in stack:
            held["writer"] += int(count) / GIL_RATE
    return held


def gil_run(work: Path, messages: int) -> int:
    """One import under py-spy: the GIL held per thread, against the wall."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    raw, out, ready = work / "gil.txt", work / "spans-gil.json", work / "ready-gil"
    print(f"load before {os.getloadavg()[0]:.2f}")
    subprocess.run(
        [
            *(py_spy, "record", "--gil", "--threads", "--nonblocking", "-r", str(GIL_RATE)),
            *("-f", "raw", "-o", str(raw), "--", sys.executable, __file__),
            *("--messages", str(messages), "--child", str(work), str(out), str(ready)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures = _headline(json.loads(out.read_text()))
    held = gil_held(raw)
    serial = held["importer"] + held["writer"] + figures["commit"]
    print(
        f"import wall {figures['wall']:.3f} s; GIL held (py-spy, {GIL_RATE} Hz): importing "
        f"thread {held['importer']:.3f} s (its CPU {figures['importer']:.3f} s), writer "
        f"{held['writer']:.3f} s (its CPU {figures['writer']:.3f} s)"
    )
    print(
        f"GIL-serial path: both threads' GIL time + the commit ({figures['commit']:.3f} s, "
        f"nothing else runs then) = {serial:.3f} s = {serial / figures['wall']:.0%} of the wall"
    )
    print(f"load after {os.getloadavg()[0]:.2f}")
    return 0


def _perf_works(work: Path) -> bool:
    if shutil.which("perf") is None:
        return False
    probe = subprocess.run(
        [*_PERF_RECORD, "-o", str(work / "probe.data"), "true"], capture_output=True
    )
    return probe.returncode == 0


def _child_run(work: Path, messages: int, name: str, tree: Path | None) -> dict[str, Any]:
    """One import in a child process (by ``tree``'s code when given); its spans."""
    out, ready = work / f"spans-{name}.json", work / f"ready-{name}"
    env = dict(os.environ)
    if tree is not None:
        env[TREE_VARIABLE] = str(tree)
    command = [sys.executable, __file__, "--messages", str(messages), "--child"]
    subprocess.run(
        [*command, str(work), str(out), str(ready)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return dict(json.loads(out.read_text()))


def _headline(record: dict[str, Any]) -> dict[str, float]:
    """Wall, the two threads' CPU and the commit of one child's import."""
    spans = [tuple(s) for s in record["spans"]]
    writers = {int(k) for k, v in record["threads"].items() if v == "writer"}
    whole = next(s for s in spans if s[1] == "IMPORT")
    ledger = next(s for s in spans if s[1].startswith("ledger entry"))
    write = next(s for s in spans if s[1] == "session write (all)")
    return {
        "wall": whole[3] - whole[2],
        "importer": whole[4],
        "writer": sum(s[4] for s in spans if s[0] in writers),
        "commit": write[3] - ledger[3],
    }


def compare(base: Path, messages: int, repeat: int) -> int:
    """This tree's import against ``base``'s, alternated (see the module's docstring)."""
    keys = ("wall", "importer", "writer", "commit")
    got: dict[str, list[dict[str, float]]] = {"this": [], "base": []}
    print(f"this tree against {base}; load before {os.getloadavg()[0]:.2f}")
    print(f"{'pair':>4} {'tree':>5} " + " ".join(f"{k:>9}" for k in keys) + "  load")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for pair in range(repeat):
            order = ("this", "base") if pair % 2 == 0 else ("base", "this")
            for name in order:
                tree = base if name == "base" else None
                record = _child_run(work, messages, f"{pair}-{name}", tree)
                figures = _headline(record)
                got[name].append(figures)
                print(
                    f"{pair:>4} {name:>5} "
                    + " ".join(f"{figures[k]:9.3f}" for k in keys)
                    + f"  {os.getloadavg()[0]:.2f}"
                )
    for key in keys:
        ratios = [b[key] / t[key] for t, b in zip(got["this"], got["base"], strict=True)]
        medians = [statistics.median(f[key] for f in got[n]) for n in ("this", "base")]
        print(
            f"{key:>8}: median this {medians[0]:.3f} s, base {medians[1]:.3f} s; "
            f"base / this per pair median {statistics.median(ratios):.3f}x "
            f"({', '.join(f'{r:.2f}' for r in ratios)})"
        )
    print(f"load after {os.getloadavg()[0]:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-perf", action="store_true")
    parser.add_argument("--against", metavar="TREE")
    parser.add_argument("--gil", action="store_true", help="one import under py-spy --gil")
    parser.add_argument("--child", nargs=3, metavar=("WORK", "OUT", "READY"))
    args = parser.parse_args()
    if args.child:
        work, out, ready = (Path(p) for p in args.child)
        child(work, args.messages, out, ready)
        return 0
    if args.against:
        return compare(Path(args.against).resolve(), args.messages, args.repeat)
    if args.gil:
        with tempfile.TemporaryDirectory() as folder:
            return gil_run(Path(folder), args.messages)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        perf = not args.no_perf and _perf_works(work)
        print(f"scheduler view: {'perf sched' if perf else 'none (thread CPU only)'}")
        for round_ in range(args.repeat):
            out, ready = work / f"spans-{round_}.json", work / f"ready-{round_}"
            command = [
                sys.executable,
                __file__,
                "--messages",
                str(args.messages),
                "--child",
                str(work),
                str(out),
                str(ready),
            ]
            data = work / f"sched-{round_}.data"
            if perf:
                command = [*_PERF_RECORD, "-o", str(data), *command]
            print(f"round {round_}: load before {os.getloadavg()[0]:.2f}")
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            record = json.loads(out.read_text())
            states = sched_states(data, record["pid"]) if perf else None
            report(record, states)
            print(f"load after {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
