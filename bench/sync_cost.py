#!/usr/bin/env python3
"""What one real ``sync.sync`` of a person's store costs at an organisation of ~20,000 entries
(issue 20 item 3/4): does a sync grow with the organisation's size?

Before the clock: a throwaway PostgreSQL cluster, a real hub over TLS (bench/hubsim/hubproc.py),
root inviting ``--devices`` laptops and one person (``--role``: staff or supervisor), the
person joined as a real store (``sync.join``), each laptop's keys, ``device.join`` and day of
``--entries`` signed ``settings.set`` entries made in worker processes (bench/hubsim/prep.py),
posted as the laptops' joins and pushes, and the person's store synced once over all of it.

Then, ``--repeat`` rounds of: a quiet sync (nothing new on either side), and a sync after root
wrote and pushed 2 entries (what a person's sync costs with a decision or request to page).
Each sync runs on a new sibling of the person's session, as the app's background sync does.
Each sync's wall and this process's CPU (the person's laptop), the hub's and PostgreSQL's CPU,
and its requests by route (``HubClient.sent``). Its floor in the same run: the same number of
the cheapest signed requests (``/v1/whoami``, through the hub's gate) on the same client. One
sync of each kind runs under cProfile: its top functions by cumulative time are printed.

    nice -n 5 python bench/sync_cost.py [--devices 100] [--entries 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from bench.hubsim.hubproc import (
    PASSWORD,
    cpu_seconds,
    postmaster_pid,
    start_hub,
    stop_hub,
)
from bench.hubsim.prep import Device, DeviceSpec, prepare
from evidence_desk.domain.models import Role
from evidence_desk.integrity import signing
from evidence_desk.services import held_digests, org_ledger, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session, Write, put
from evidence_desk_testing.postgres import PostgresCluster

DATABASE = "hub"
PERSON = "person"


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _build(work: Path, url: str, ca: Path, devices: int, entries: int, role: Role) -> Session:
    """Root invites the laptops and the person; the laptops join and push their day; the
    person's store joins and syncs once over the whole organisation."""
    root = Session.open(work / "root", "root", PASSWORD)
    sync.bind(root.folder, url, ca)
    codes = {
        f"laptop{n}": org_ledger.invite_user(root, f"laptop{n}", Role.ADMIN) for n in range(devices)
    }
    person_code = org_ledger.invite_user(root, PERSON, role).code
    with sync.client_for(root, sync.binding(root.folder)) as client:
        assert sync.sync(root, client).refusal is None
    specs = [
        DeviceSpec(n, name, Role.ADMIN.value, i.invite_id, i.code, entries, 0, 0,
                   str(work / "laptops" / name))
        for n, (name, i) in enumerate(codes.items())
    ]  # fmt: skip
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context) as pool:
        prepared = list(pool.map(prepare, specs, chunksize=8))
    for device in prepared:
        _enrol_and_push(url, ca, device, codes[device.user].code)
    person, _report = sync.join(work / PERSON, url, ca, PERSON, PASSWORD, person_code)
    with sync.client_for(person, sync.binding(person.folder)) as client:
        sync.sync(person, client)  # caught up: the rounds start from a store that synced
    root.close()
    return person


def _enrol_and_push(url: str, ca: Path, device: Device, code: str) -> None:
    with sync.invite_client(url, ca, code) as client:
        answer = client.post("/v1/join", {"device_id": device.device_id, "entries": [device.join]})
        assert answer["appended"] == 1 and not answer["refused"], answer
    key = signing.private_key_from_bytes(device.key)
    with HubClient(url, ca, device.user, key) as client:
        day = device.day()
        for start in range(0, len(day), sync.PUSH_BATCH):
            batch = [list(e) for e in day[start : start + sync.PUSH_BATCH]]
            answer = client.post("/v1/push", {"device_id": device.device_id, "entries": batch})
            assert not answer["refused"], answer["refused"][:2]


def _two_new(work: Path, url: str, ca: Path, n: int) -> None:
    """Root (another device) writes two entries and pushes them."""
    root = Session.open(work / "root", "root", PASSWORD)
    try:
        root.write_many(
            [
                Write(
                    "settings.set",
                    {"key": "organisation", "before": f"Bench {n}-{k - 1}"},
                    [put("settings", {"key": "organisation", "value": f"Bench {n}-{k}"})],
                )
                for k in range(2)
            ],
            operation="bench",
        )
        with sync.client_for(root, sync.binding(root.folder)) as client:
            assert sync.sync(root, client).refusal is None
    finally:
        root.close()


class _Meter:
    """CPU seconds of this process, the hub (with its workers) and PostgreSQL over a span."""

    def __init__(self, hub_pid: int, postgres_pid: int | None) -> None:
        self._pids = (hub_pid, postgres_pid or 0)

    def sample(self) -> tuple[float, float, float, float]:
        hub, postgres = (cpu_seconds(p) if p else 0.0 for p in self._pids)
        return time.perf_counter(), time.process_time(), hub, postgres


def _one(
    person: Session, meter: _Meter, profile: cProfile.Profile | None
) -> tuple[dict[str, float], Counter[str], sync.SyncReport]:
    """One sync on a new sibling of the person's session, as the app's background job syncs
    (ui/workers.py), then its floor: as many ``/v1/whoami`` on the same client."""
    with (
        person.sibling() as own,
        sync.client_for(own, sync.binding(own.folder)) as client,
    ):
        before = meter.sample()
        if profile is not None:
            profile.enable()
        report = sync.sync(own, client)
        if profile is not None:
            profile.disable()
        after = meter.sample()
        sent = Counter(client.sent)
        requests = sum(sent.values())
        started = time.perf_counter()
        for _ in range(requests):
            client.whoami()
        floor = time.perf_counter() - started
    names = ("wall", "cpu", "hub cpu", "postgres cpu")
    figures = {name: after[i] - before[i] for i, name in enumerate(names)}
    figures["floor"] = floor
    figures["requests"] = requests
    return figures, sent, report


def _check_cost(person: Session, rounds: int) -> tuple[float, float, int]:
    """``POST /v1/check`` alone, with the person's held digests (what every sync sends first),
    ``rounds`` times on one client: median wall, and the median of as many ``/v1/whoami`` (its
    floor: a signed request through the hub's gate that reads nothing); the devices asked."""
    with (
        person.sibling() as own,
        sync.client_for(own, sync.binding(own.folder)) as client,
    ):
        held = held_digests.held_digests(own)
        checks, floors = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            assert client.post("/v1/check", {"devices": held})["changed"] == []
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.whoami()
            floors.append(time.perf_counter() - started)
    return statistics.median(checks), statistics.median(floors), len(held)


def _top(profile: cProfile.Profile, lines: int = 18) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"evidence_desk", lines)
    text = out.getvalue()
    return text[text.find("ncalls") :] if "ncalls" in text else text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=100, help="laptops of the organisation")
    parser.add_argument("--entries", type=int, default=200, help="entries per laptop")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each kind of sync")
    parser.add_argument("--role", choices=("staff", "supervisor"), default="supervisor")
    args = parser.parse_args()
    load_start = _load()
    base = Path(os.environ.get("EVIDENCE_DESK_BENCH_DIR") or tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="ed-bench-synccost-", dir=base))
    os.environ["EVIDENCE_DESK_ANCHOR_DIR"] = str(work / "anchors")
    hub = None
    try:
        with PostgresCluster(durable=False) as cluster:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {DATABASE}")
            hub, url, ca = start_hub(work, cluster.url(DATABASE))
            started = time.perf_counter()
            person = _build(work, url, ca, args.devices, args.entries, Role(args.role))
            built = time.perf_counter() - started
            meter = _Meter(hub.pid, postmaster_pid(cluster.data_dir))
            held = person.conn.execute("SELECT count(*) FROM device_entries").fetchone()[0]
            print(
                f"organisation: {args.devices} laptops x {args.entries} entries; the "
                f"{args.role}'s store holds {held} entries of other devices (built in "
                f"{built:.0f} s); load at start {load_start}"
            )
            # a warm-up round, not counted: root's first sync after the laptops joined also
            # pushes what its login owes them (the records key wrapped for new admins), so the
            # "2 new" rounds pull exactly root's two entries
            _two_new(work, url, ca, -1)
            _one(person, meter, None)
            kinds: dict[str, list[dict[str, float]]] = {"quiet": [], "2 new": []}
            routes: dict[str, Counter[str]] = {}
            profiles = {kind: cProfile.Profile() for kind in kinds}
            steps: dict[str, Callable[[int], None]] = {
                "quiet": lambda _n: None,
                "2 new": lambda n: _two_new(work, url, ca, n),
            }
            for n in range(args.repeat + 1):
                for kind, before in steps.items():
                    before(n)
                    profile = profiles[kind] if n == args.repeat else None
                    figures, sent, report = _one(person, meter, profile)
                    if profile is None:
                        kinds[kind].append(figures)
                        routes[kind] = sent
                    assert report.refusal is None
                    if kind == "2 new":
                        assert report.pulled == 2, report.as_json()
            check, check_floor, asked = _check_cost(person, 10 * args.repeat)
            print(
                f"POST /v1/check alone ({asked} devices asked, median of {10 * args.repeat}): "
                f"{check * 1e3:.1f} ms; floor (/v1/whoami) {check_floor * 1e3:.1f} ms: ratio "
                f"{check / check_floor:.2f}x"
            )
            person.close()
            load_end = _load()
            result: dict[str, Any] = {}
            for kind, rounds in kinds.items():
                median = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
                result[kind] = median
                print(
                    f"{kind:6} sync: wall {median['wall'] * 1e3:.0f} ms (rounds "
                    + " ".join(f"{r['wall'] * 1e3:.0f}" for r in rounds)
                    + f"), person CPU {median['cpu'] * 1e3:.0f} ms, hub CPU "
                    f"{median['hub cpu'] * 1e3:.0f} ms, PostgreSQL CPU "
                    f"{median['postgres cpu'] * 1e3:.0f} ms; {median['requests']:.0f} requests "
                    f"{dict(sorted(routes[kind].items()))}; floor ({median['requests']:.0f} x "
                    f"/v1/whoami) {median['floor'] * 1e3:.0f} ms: ratio "
                    f"{median['wall'] / median['floor']:.2f}x"
                )
            for kind, profile in profiles.items():
                print(f"--- cProfile of one {kind} sync (evidence_desk functions, cumulative)")
                print(_top(profile))
            print(f"load at end {load_end}")
            print(
                json.dumps(
                    {
                        "bench": "sync_cost",
                        "data": f"{args.devices} laptops x {args.entries} entries, "
                        f"{args.role}'s sync",
                        "figures": {
                            f"{kind} {k}": round(v, 4) for kind, m in result.items()
                            for k, v in m.items()
                        } | {"check": round(check, 4), "check floor": round(check_floor, 4)},
                        "ratios": {
                            f"{kind} sync / floor": round(m["wall"] / m["floor"], 2)
                            for kind, m in result.items()
                        } | {"check / floor": round(check / check_floor, 2)},
                        "targets": {},
                        "ok": True,
                    }
                )
            )  # fmt: skip
            stop_hub(hub)  # before its database stops
            return 0
    finally:
        if hub is not None:
            stop_hub(hub)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
