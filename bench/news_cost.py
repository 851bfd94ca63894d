#!/usr/bin/env python3
"""What one answer to a person's wait for news costs the hub, against a signed ping (issue 20
item 4).

While laptops push, every person's app waiting for news (``GET /v1/events?...&page=1``) finds
news at each wait and is answered at once with the page after its position: at the middle
setting of bench/hub.py each of 30 people is answered about three times a second, 300-500
entries a page, and the approval round trip's p99 grows with the number of people waiting
(docs/benchmarks.md, session 19). This bench prices one such answer on a quiet hub.

Before the clock: a throwaway PostgreSQL cluster and a real hub over TLS
(bench/hubsim/hubproc.py), ``--devices`` laptops pushing ``--entries`` entries in all (the
ingest of bench/hub.py), and a staff member's store joined to it. Then ``--repeat`` rounds,
alternated, of ``--requests`` sequential requests of each kind on one kept-alive client:

- ``gate``: ``GET /v1/whoami``, signed (TLS, HTTP, the gate: signature, user, nonce);
- ``news``: ``GET /v1/events?after=N&wait=0&page=1``, ``--backlog`` entries before the
  hub's newest: the gate plus the news read, the page, the checkpoint that comes with it and
  the answer's bytes.

Printed per kind (the best round): the hub's CPU per request (every hub process, user +
system, from /proc) and the wall p50; the ratio news / gate is what the page costs beyond a
signed request. PostgreSQL's CPU is not counted (the hub's own work is what its one Python
process serialises).

    python bench/news_cost.py [--devices 4] [--entries 8000] [--backlog 500] [--requests 500]

The last line printed is one JSON object (figures, ratios) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from bench import hub as hub_bench
from bench.hubsim.hubproc import (
    PASSWORD,
    connections_for,
    cpu_seconds,
    join_member,
    start_hub,
    stop_hub,
)
from evidence_desk.domain.models import Role
from evidence_desk.services import live, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session
from evidence_desk_testing.postgres import PostgresCluster

KINDS = ("gate", "news")


def _round(
    client: HubClient, hub_pid: int, kind: str, requests: int, after: int, backlog: int
) -> tuple[float, float]:
    """``requests`` sequential requests of ``kind``: the hub's CPU seconds per request and
    the wall p50."""
    walls = []
    cpu = cpu_seconds(hub_pid)
    for _ in range(requests):
        started = time.perf_counter()
        if kind == "gate":
            client.whoami()
        else:
            news = live.wait_for_news(client, after, 0, page=True)
            if news.page is None or len(news.page.entries) != backlog:
                raise RuntimeError(f"a news page of {backlog} entries expected: {news}")
        walls.append(time.perf_counter() - started)
    return (cpu_seconds(hub_pid) - cpu) / requests, statistics.median(walls)


def main() -> int:
    os.environ.setdefault("PYTHONWARNINGS", "ignore:DSA is deprecated")
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=4)
    parser.add_argument("--entries", type=int, default=8000)
    parser.add_argument("--backlog", type=int, default=500, help="entries a news page carries")
    parser.add_argument("--requests", type=int, default=500, help="requests per round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each kind, alternated")
    args = parser.parse_args()
    if not 0 < args.backlog <= args.entries:
        parser.error("--backlog must be between 1 and --entries")
    work = Path(tempfile.mkdtemp(prefix="ed-bench-news-"))
    os.environ["EVIDENCE_DESK_ANCHOR_DIR"] = str(work / "anchors")
    best: dict[str, tuple[float, float]] = {}
    hub = None
    try:
        with PostgresCluster(settings=connections_for(1)) as cluster:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {hub_bench.DATABASE}")
            hub, url, ca = start_hub(work, cluster.url(hub_bench.DATABASE), 1)
            root = Session.open(work / "root", "root", PASSWORD)
            try:
                sync.bind(root.folder, url, ca)
            finally:
                root.close()
            hub_bench.ingest_round(work, hub.pid, url, ca, args.devices, args.entries, 0)
            root = Session.open(work / "root", "root", PASSWORD)
            try:
                staff = join_member(root, work, url, ca, "alice", Role.STAFF)
            finally:
                root.close()
            try:
                with sync.client_for(staff, sync.binding(staff.folder)) as client:
                    after = live.wait_for_news(client, 0, 0).hub_seq - args.backlog
                    for kind in KINDS:  # the connection made and the routes warm
                        _round(client, hub.pid, kind, 20, after, args.backlog)
                    for _ in range(max(1, args.repeat)):
                        for kind in KINDS:
                            cpu, wall = _round(
                                client, hub.pid, kind, args.requests, after, args.backlog
                            )
                            print(f"round {kind}: hub CPU {cpu * 1e3:.2f} ms, wall p50 "
                                  f"{wall * 1e3:.1f} ms")  # fmt: skip
                            if kind not in best or cpu < best[kind][0]:
                                best[kind] = (cpu, wall)
            finally:
                staff.close()
    finally:
        if hub is not None:
            stop_hub(hub)
        shutil.rmtree(work, ignore_errors=True)
    (gate_cpu, gate_wall), (news_cpu, news_wall) = best["gate"], best["news"]
    print(
        f"gate              hub CPU {gate_cpu * 1e3:6.2f} ms/request  wall p50 "
        f"{gate_wall * 1e3:6.1f} ms  (GET /v1/whoami, signed)"
    )
    print(
        f"news              hub CPU {news_cpu * 1e3:6.2f} ms/request  wall p50 "
        f"{news_wall * 1e3:6.1f} ms  (a page of {args.backlog} entries with its checkpoint)"
    )
    print(f"ratio news / gate  hub CPU {news_cpu / gate_cpu:.2f}  wall {news_wall / gate_wall:.2f}")
    print(
        json.dumps(
            {
                "bench": "news_cost",
                "data": f"{args.entries} entries from {args.devices} devices; pages of "
                f"{args.backlog}; {args.requests} requests x {args.repeat} rounds",
                "figures": {
                    "gate hub CPU ms": round(gate_cpu * 1e3, 3),
                    "news hub CPU ms": round(news_cpu * 1e3, 3),
                    "gate wall p50 ms": round(gate_wall * 1e3, 2),
                    "news wall p50 ms": round(news_wall * 1e3, 2),
                },
                "ratios": {
                    "news / gate hub CPU": round(news_cpu / gate_cpu, 2),
                    "news / gate wall": round(news_wall / gate_wall, 2),
                },
                "targets": {},
                "ok": True,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
