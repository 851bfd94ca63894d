#!/usr/bin/env python3
"""What the hub's gate asks PostgreSQL for every signed request, before and after issue 20's
single-statement lookups, on one durable database in the same run.

Every signed request (a laptop's 1 MiB chunk, a person's request or decision) looks its signer
up (``HubRepository.user``) and records its nonce (``HubRepository.remember``), each on one of
the pool's connections left to the gate (``hub serve``: 4 of 12). A real PostgreSQL cluster
(evidence_desk_testing) with fsync on (as an organisation runs it) and the hub's schema; a pool
of ``--connections`` (4) shared by ``--threads`` (16) threads, each making ``--requests``
lookups-and-nonces. Timed, alternating, ``--repeat`` times: the baseline, the statements the
hub ran before (the user and their keys in two SELECTs in a transaction; the nonce in its own
transaction deleting the expired nonces first and waiting for its WAL flush), against the
repository's ``user`` and ``remember`` now, on the gate's own connections
(``GATE_CONNECTIONS``, checked by a round trip only when their socket has something to read),
and as branch rt20 ran them (``shared``: on the pool's connections, each checked by a round
trip when handed out). Printed: requests/s and p50/p99 of one request's two lookups, the best
round of each, their ratios, and the load average before and after (the machine is shared:
compare the ratios).

    python bench/gate_lookups.py [--threads 16] [--connections 4] [--requests 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from evidence_desk.hub import schema
from evidence_desk.hub.repository import GATE_CONNECTIONS, HubRepository
from evidence_desk.hub.users import HubUser
from evidence_desk_testing.postgres import PostgresCluster

APP_ROLE = "evidence_desk_hub"
WINDOW = 300.0
USERS = 8


def _before_user(repo: HubRepository, name: str) -> HubUser | None:
    """The gate's lookup as the hub made it before: two SELECTs in the pool's transaction."""
    with repo._pool.connection() as conn:
        row = conn.execute("SELECT role, active FROM users WHERE name = %s", (name,)).fetchone()
        if row is None:
            return None
        keys = [
            str(k[0])
            for k in conn.execute(
                "SELECT sign_key FROM user_keys WHERE user_name = %s "
                "ORDER BY added_at DESC, sign_key",
                (name,),
            )
        ]
    return HubUser(name, str(row[0]), keys[0], bool(row[1]), tuple(keys[1:]))


def _before_remember(repo: HubRepository, key_id: str, nonce: str, now: float) -> bool:
    """The nonce as the hub recorded it before: a transaction deleting the expired nonces and
    inserting this one, its commit waiting for the WAL flush."""
    with repo._pool.connection() as conn, conn.transaction():
        conn.execute("DELETE FROM nonces WHERE until < %s", (now,))
        row = conn.execute(
            "INSERT INTO nonces (key_id, nonce, until) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING RETURNING 1",
            (key_id, nonce, now + WINDOW),
        ).fetchone()
    return row is not None


def _after(repo: HubRepository, name: str, nonce: str, now: float) -> None:
    assert repo.user(name) is not None
    assert repo.remember(name, nonce, now=now, until=now + WINDOW)


def _before(repo: HubRepository, name: str, nonce: str, now: float) -> None:
    assert _before_user(repo, name) is not None
    assert _before_remember(repo, name, nonce, now)


def _round(
    repo: HubRepository, threads: int, requests: int, gate: Callable[..., None]
) -> tuple[float, list[float]]:
    """``threads`` threads making ``requests`` signed requests' lookups each: wall seconds and
    every request's seconds."""
    times: list[float] = []
    lock = threading.Lock()

    def worker(t: int) -> None:
        mine = []
        name = f"user{t % USERS}"
        for _ in range(requests):
            start = time.perf_counter()
            gate(repo, name, secrets.token_hex(16), time.time())
            mine.append(time.perf_counter() - start)
        with lock:
            times.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for each in workers:
        each.start()
    for each in workers:
        each.join()
    return time.perf_counter() - started, times


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results: dict[str, list[tuple[float, list[float]]]] = {"before": [], "shared": [], "now": []}
    with PostgresCluster(durable=True) as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE gate")
        with psycopg.connect(cluster.url("gate")) as conn:
            schema.install(conn)
            schema.grant_app_role(conn, APP_ROLE, "gate")
        url = cluster.url("gate", APP_ROLE)
        repo = HubRepository.connect(url, max_size=args.connections)
        shared = HubRepository.connect(url, max_size=args.connections, gate=0)
        with repo, shared:
            for n in range(USERS):
                repo.add_user(f"user{n}", "staff", f"{n:064x}", "cd" * 32, by=None)
            _round(repo, args.threads, 10, _after)  # warm the pools' connections
            _round(shared, args.threads, 10, _after)
            for _ in range(args.repeat):
                results["before"].append(_round(repo, args.threads, args.requests, _before))
                results["shared"].append(_round(shared, args.threads, args.requests, _after))
                results["now"].append(_round(repo, args.threads, args.requests, _after))
    total = args.threads * args.requests
    print(
        f"{args.threads} threads x {args.requests} signed requests' lookups, a pool of "
        f"{args.connections} connections (the gate's own: {GATE_CONNECTIONS}), fsync on; best of "
        f"{args.repeat} rounds (alternated)"
    )
    rates = {}
    for name, rounds in results.items():
        wall, times = min(rounds, key=lambda r: r[0])
        rates[name] = total / wall
        every = ", ".join(f"{total / w:,.0f}" for w, _ in rounds)
        print(
            f"  {name:6}: {rates[name]:8,.0f} requests/s (rounds: {every}); one request's "
            f"lookups p50 {_p(times, 0.5):.2f} ms p99 {_p(times, 0.99):.2f} ms"
        )
    print(
        f"ratio now / before (requests/s): {rates['now'] / rates['before']:.2f}x; "
        f"now / shared (rt20): {rates['now'] / rates['shared']:.2f}x"
    )
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
