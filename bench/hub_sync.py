#!/usr/bin/env python3
"""What one device's sync costs the hub as the organisation grows (issue 20 item 4): CPU time,
steadier than wall time on a shared machine.

A throwaway PostgreSQL cluster (evidence_desk_testing/postgres.py) with the hub's schema; the
organisation's entries are COPYed in as ``--devices`` laptops of ``--entries`` each (their
columns as a laptop's day: ``settings.set`` rows of ~600 bytes, signatures), in steps, and at
each size the hub's side of a person's sync is measured in this process (``time.thread_time``:
the hub's Python work; PostgreSQL's own work is in its processes, reported as wall time):

- **pull**: one device catching up on the entries accepted since its last pull (``--new``
  entries: what changed) and a new device pulling everything, in pages of ``PULL_PAGE``:
  the route's page rendered uncached (``pull_pages.uncached``, what every pull did before)
  against ``PullPages`` (hub/pull_pages.py): the first device to pull the new entries renders
  them (``cached``), the next ones find them rendered (``next device``);
- **check**: ``/v1/check`` for a device holding every device's entries (a supervisor or
  legal): every device's ``held_digest`` recomputed (``HubRepository.device_digest``, before)
  against ``HeldDigests`` (hub/held_cache.py) after ``--new`` entries arrived.

Ratios are against the uncached way in the same run. The last line is one JSON object.

    python bench/hub_sync.py [--devices 500] [--entries 200] [--steps 4] [--new 200]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from psycopg import sql

from evidence_desk.hub import pull_pages, schema
from evidence_desk.hub.held_cache import HeldDigests
from evidence_desk.hub.pull_pages import PullPages
from evidence_desk.hub.repository import HubRepository
from evidence_desk.hub.routes import PULL_PAGE
from evidence_desk_testing.postgres import PostgresCluster

T = TypeVar("T")
Conn = psycopg.Connection[tuple[Any, ...]]


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """``work()``, its CPU seconds in this thread and its wall seconds."""
    cpu, wall = time.thread_time(), time.perf_counter()
    result = work()
    return result, time.thread_time() - cpu, time.perf_counter() - wall


def _append(conn: Conn, devices: range, start: int, count: int) -> None:
    """``count`` entries from ``start`` for each device, as a laptop's push writes them (the
    replica role skips the triggers' judging: the rows' columns are what is measured)."""
    conn.execute("SET session_replication_role = replica")
    with conn.cursor().copy(
        "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature, verdict) FROM STDIN"
    ) as copy:
        for d in devices:
            device = f"{d:032x}"
            for seq in range(start, start + count):
                payload = json.dumps(
                    {"table": "settings", "row": {"key": f"k{seq}", "value": "v" * 500}}
                )
                copy.write_row(
                    (
                        device,
                        seq,
                        "2026-12-06T01:00:00.000000+00:00",
                        f"laptop{d}",
                        "settings.set",
                        payload,
                        f"{seq:064x}",
                        f"{seq - 1:064x}",
                        f"{seq + d:064x}",
                        "s" * 128,
                        "",
                    )
                )
    conn.commit()


def _pull(conn: Conn, since: int, page: Callable[[Conn, int, int], bytes]) -> tuple[float, float]:
    """Every page after ``since``; the hub's CPU and wall seconds for them (the device's
    parsing of the pages, done here to page on, is not counted)."""
    cpu = wall = 0.0
    while True:
        text, spent, took = _timed(lambda s=since: page(conn, s, PULL_PAGE))
        cpu, wall = cpu + spent, wall + took
        found = json.loads(text)
        if not found["entries"] or not found["more"]:
            return cpu, wall
        since = int(found["entries"][-1]["hub_seq"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--entries", type=int, default=200, help="per device, in all")
    parser.add_argument("--steps", type=int, default=4, help="organisation sizes measured")
    parser.add_argument("--new", type=int, default=200, help="entries arriving between syncs")
    args = parser.parse_args()
    load = os.getloadavg()
    rows: list[dict[str, Any]] = []
    with PostgresCluster() as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier("bench")))
        url = cluster.url("bench")
        with psycopg.connect(url) as conn:
            schema.install(conn)
        per_step = args.entries // args.steps
        with HubRepository.connect(url) as repo, psycopg.connect(url) as conn:
            pages, held = PullPages(), HeldDigests()
            sizes: dict[int, int] = {}
            newcomer = args.devices  # the device the new entries come from
            for step in range(1, args.steps + 1):
                _append(conn, range(args.devices), (step - 1) * per_step + 1, per_step)
                for d in range(args.devices):
                    sizes[d] = step * per_step
                asked = [(f"{d:032x}", n) for d, n in sizes.items()]
                # the caches as they stand after earlier syncs (other devices' pulls, checks)
                _pull(conn, 0, pages.page)
                held.digests(conn, asked)
                last = int(conn.execute("SELECT max(hub_seq) FROM entries").fetchone()[0])
                # what changed since: --new entries of one more device
                _append(conn, range(newcomer, newcomer + 1), sizes.get(newcomer, 0) + 1, args.new)
                sizes[newcomer] = sizes.get(newcomer, 0) + args.new
                asked = [(f"{d:032x}", n) for d, n in sizes.items()]
                total = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
                figures: dict[str, Any] = {"entries": total}
                plan: list[tuple[str, Callable[[], object]]] = [
                    ("catch-up uncached", lambda s=last: _pull(conn, s, pull_pages.uncached)),
                    ("catch-up cached", lambda s=last: _pull(conn, s, pages.page)),
                    ("catch-up next device", lambda s=last: _pull(conn, s, pages.page)),
                    ("pull all uncached", lambda: _pull(conn, 0, pull_pages.uncached)),
                    ("pull all cached", lambda: _pull(conn, 0, pages.page)),
                    ("check uncached", lambda a=asked: [repo.device_digest(d, n) for d, n in a]),
                    ("check cached", lambda a=asked: held.digests(conn, a)),
                ]
                for name, work in plan:
                    result, cpu, wall = _timed(work)
                    if name.startswith(("catch-up", "pull")):  # the pages' own time
                        cpu, wall = result  # type: ignore[misc]
                    figures[name] = (round(cpu, 4), round(wall, 4))
                same = held.digests(conn, asked) == [repo.device_digest(d, n) for d, n in asked]
                assert same, "the cached digests differ from the uncached ones"
                rows.append(figures)
                print(
                    f"{total:7d} entries: "
                    + "  ".join(
                        f"{k} {v[0]:.3f}/{v[1]:.3f} s" for k, v in figures.items() if k != "entries"
                    ),
                    flush=True,
                )
    ratios = {
        f"{r['entries']}: {what} uncached / {cached} CPU": round(
            r[f"{what} uncached"][0] / max(r[f"{what} {cached}"][0], 1e-6), 1
        )
        for r in rows
        for what, cached in (
            ("catch-up", "cached"),
            ("catch-up", "next device"),
            ("pull all", "cached"),
            ("check", "cached"),
        )
    }
    print("(CPU s / wall s of this process; load average at start", load, "at end", os.getloadavg())
    print(json.dumps({"bench": "hub_sync", "figures": rows, "ratios": ratios}))


if __name__ == "__main__":
    main()
