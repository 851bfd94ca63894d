"""``bench/hub.py --devices 500``: an organisation's day on one hub.

Before the clock: a throwaway PostgreSQL cluster (fsync on: the blob floor is fsynced too), a
real hub over TLS 1.3 (hubproc.py), root's store inviting every user (one admin ledger with the
``user.invite`` entries, pushed by one sync), the staff and supervisors joined as real stores
(``sync.join``), and in worker processes each laptop's keys, ``device.join``, day of entries
and sealed blobs (prep.py).

Enrolment (timed on its own): every laptop and legal device pulls the history with its
invitation's key and posts its join, all at once (load.py).

The day (timed): every laptop uploads its blobs and pushes its entries at once; meanwhile the
supervisors decide the staff's contact requests (actors.py: the approval round trip) and the
legal devices pull the entries and fetch blobs. Measured: ingest entries/s and MB/s to the last
laptop's answer, p50/p99 of the push requests and blob uploads, the round trip, the hub's CPU
(the process and its judging workers, user + system), the database size. Floors in the same run:
the same rows COPYed into a table like the hub's ``entries``, the same blob bytes written to
files with fsync. Checked at the end: no error, and every laptop's ledger on the hub equals its
own (entry hashes, by seq) and every blob is there with its digest and size.

The floor of a person's request, in the same run (floor.py): a device of its own sends the
cheapest requests all day, unsigned (``/v1/health``) and through the gate (``/v1/whoami``),
and the actors count each round trip's chain: its sequential requests (the syncs on it: the
staff's push, the supervisor's decision, any paging past a carried page's ``more``) and apart
its waits for news (long-polls already open when the news came); printed as "round trip p99 =
R x (k requests x gate ping p99)", k the requests, the waits beside it. And who spent the
machine's cores over the day (``_CpuShares``): the hub, PostgreSQL, the simulated laptops'
client processes, the people, the rest of the machine. ``--laptop-nice N`` (default 0) runs
the laptops' client processes N steps lower in CPU priority, which models laptops that are
other machines (they do not compete with the hub for its cores) better than the default, which
models them as this machine's peers; ``--people-sync real`` gives the people the app's own
``sync.sync``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from bench.hubsim import actors, floor, load
from bench.hubsim.hubproc import (
    PASSWORD,
    connections_for,
    cpu_seconds,
    machine_cpu_seconds,
    percentile,
    postmaster_pid,
    start_hub,
    stop_hub,
)
from bench.hubsim.prep import Device, DeviceSpec, prepare
from evidence_desk.domain.models import Role
from evidence_desk.hub import lanes
from evidence_desk.services import cases, org_ledger, sync
from evidence_desk.services.session import Session
from evidence_desk_testing.postgres import PostgresCluster

ROUND_TRIP_TARGET = 2.0
DATABASE = "hub"
#: the legal device that joins after the day: its pull and apply rates (``_device_rates``)
LATECOMER = "latecomer"


@dataclass(frozen=True)
class Setting:
    """How big the day is."""

    devices: int
    entries: int  # per laptop
    blob_bytes: int  # per laptop, in blobs of at most 1 MiB
    supervisors: int
    staff: int
    legal: int
    rounds: int  # round trips per staff member, at least, and as many after the laptops push


SETTINGS = {
    "quick": Setting(20, 20, 200_000, 2, 1, 2, 2),
    "middle": Setting(100, 200, 2_000_000, 20, 5, 5, 2),
    "full": Setting(500, 200, 20_000_000, 20, 5, 5, 2),
}
BLOB = 1024 * 1024


def _specs(setting: Setting, codes: dict[str, tuple[str, str]], work: Path) -> list[DeviceSpec]:
    blobs = max(1, -(-setting.blob_bytes // BLOB)) if setting.blob_bytes else 0
    size = setting.blob_bytes // blobs if blobs else 0
    specs = []
    for name, (invite_id, code) in codes.items():
        laptop = name.startswith("laptop")
        specs.append(
            DeviceSpec(
                index=len(specs),
                user=name,
                role=Role.ADMIN.value if laptop else Role.LEGAL.value,
                invite_id=invite_id,
                code=code,
                entries=setting.entries if laptop else 0,
                blobs=blobs if laptop else 0,
                blob_bytes=size,
                folder=str(work / "laptops" / name),
            )
        )
    return specs


def _enrol_people(root: Session, work: Path, url: str, ca: Path, setting: Setting) -> Any:
    """Invite everyone from root's store, push the invitations; join the staff and supervisors
    as real stores (each staff member opens a case). Returns the invitation codes of the
    simulated devices, the people's stores, and the seconds root took."""
    sync.bind(root.folder, url, ca)
    started = time.perf_counter()
    codes: dict[str, tuple[str, str]] = {}
    for n in range(setting.devices):
        invitation = org_ledger.invite_user(root, f"laptop{n}", Role.ADMIN)
        codes[invitation.user] = (invitation.invite_id, invitation.code)
    for n in range(setting.legal):
        invitation = org_ledger.invite_user(root, f"legal{n}", Role.LEGAL)
        codes[invitation.user] = (invitation.invite_id, invitation.code)
    people = [(f"staff{n}", Role.STAFF) for n in range(setting.staff)] + [
        (f"super{n}", Role.SUPERVISOR) for n in range(setting.supervisors)
    ]
    real = {name: org_ledger.invite_user(root, name, role).code for name, role in people}
    # the device whose pull and apply are timed after the day (``_device_rates``)
    real[LATECOMER] = org_ledger.invite_user(root, LATECOMER, Role.LEGAL).code
    with sync.client_for(root, sync.binding(root.folder)) as client:
        report = sync.sync(root, client)
    assert report.refusal is None, report.refusal
    invited = time.perf_counter() - started
    stores: list[tuple[str, str]] = []
    devices = [root.folder.store_id]
    for name, _role in people:
        session, _report = sync.join(work / name, url, ca, name, PASSWORD, real[name])
        devices.append(session.folder.store_id)
        if name.startswith("staff"):
            cases.create_case(session, f"2026-SCALE-{name[5:]}", debtor_name="陈立新")
            with sync.client_for(session, sync.binding(session.folder)) as client:
                sync.sync(session, client)
        session.close()
        stores.append((str(work / name), name))
    return codes, stores, devices, (invited, real[LATECOMER])


def _device_rates(work: Path, url: str, ca: Path, code: str) -> tuple[int, float, float]:
    """A person's device against the organisation's day, after it: a legal store joining
    now pulls every entry the hub accepted (``sync.pull_history``: the pages a sync reads),
    makes its store from the history up to its invitation (``org_ledger.join``) and applies
    the rest page by page (``org_ledger.apply_pull``, checked by verify's replay, as
    ``sync.pull`` applies a page). Returns the entries after the invitation, the seconds of
    paging every entry scaled to those, and the seconds of applying them: the rates at which
    one device (here one process on the hub's machine) can follow the laptops' arrival."""
    started = time.perf_counter()
    with sync.invite_client(url, ca, code) as client:
        pages = list(sync.pull_history(client))
    paged = time.perf_counter() - started
    history = [entry for page in pages for entry in page]
    invited = max(
        n
        for n, e in enumerate(history)
        if e.entry.action == "user.invite" and json.loads(e.entry.payload).get("user") == LATECOMER
    )
    session = org_ledger.join(work / LATECOMER, LATECOMER, PASSWORD, code, history[: invited + 1])
    rest = history[invited + 1 :]
    started = time.perf_counter()
    for start in range(0, len(rest), 1000):
        org_ledger.apply_pull(session, rest[start : start + 1000])
    applied = time.perf_counter() - started
    session.close()
    return len(rest), paged * len(rest) / len(history), applied


def _check_held(owner_url: str, laptops: list[Device]) -> tuple[int, list[str]]:
    """Every laptop's ledger on the hub equals its own (entry hashes in seq order) and each
    of its blobs is complete there with its digest and size, named by its path."""
    problems: list[str] = []
    with psycopg.connect(owner_url) as conn:
        held = {
            str(device): list(hashes)
            for device, hashes in conn.execute(
                "SELECT device_id, array_agg(entry_hash ORDER BY seq) FROM entries "
                "GROUP BY device_id"
            )
        }
        blobs = {
            str(path): (str(digest), int(size))
            for path, digest, size in conn.execute(
                "SELECT f.path, f.digest, b.size FROM blob_files f JOIN blobs b USING (digest)"
            )
        }
    checked = 0
    for device in laptops:
        own = [device.join[7]] + [e.entry_hash for e in device.day()]
        if held.get(device.device_id) != own:
            problems.append(
                f"{device.user}: the hub holds {len(held.get(device.device_id, []))}"
                f" entries, not its {len(own)} as signed"
            )
        checked += len(own)
        for blob in device.blobs:
            if blobs.get(blob.path) != (blob.digest, blob.size):
                problems.append(f"{device.user}: blob {blob.path} missing or different")
    return checked, problems


def _copy_floor(owner_url: str, laptops: list[Device]) -> float:
    """The laptops' day rows COPYed straight into a table like the hub's entries, a push's
    batch per transaction (one connection)."""
    columns = (
        "device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature, verdict"
    )
    days = [(d.device_id + "-floor", d.day()) for d in laptops]
    with psycopg.connect(owner_url) as conn:
        conn.execute("CREATE TABLE copy_floor (LIKE entries INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        for device_id, rows in days:
            for start in range(0, len(rows), sync.PUSH_BATCH):
                with conn.cursor().copy(f"COPY copy_floor ({columns}) FROM STDIN") as copy:
                    for row in rows[start : start + sync.PUSH_BATCH]:
                        copy.write_row((device_id, *row, ""))
                conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE copy_floor")
        conn.commit()
    return elapsed


def _disk_floor(laptops: list[Device], folder: Path) -> float:
    """The same blob bytes written to files, each fsynced (and the folder), one writer."""
    folder.mkdir()
    files = [blob for d in laptops for blob in d.blobs]
    started = time.perf_counter()
    for n, blob in enumerate(files):
        data = Path(blob.file).read_bytes()
        with open(folder / f"{n}", "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    elapsed = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    return elapsed


def _uptime() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "?"


def run(
    setting: Setting,
    label: str,
    clients: int,
    people_processes: bool = True,
    laptop_nice: int = 0,
    people_sync: str = "lean",
    hub_workers: int = 1,
) -> int:
    """The whole scenario; prints the report, the last line one JSON object. ``laptop_nice``
    lowers the simulated laptops' and legal devices' client processes' CPU priority;
    ``hub_workers``: the hub's processes (``hub serve --workers``)."""
    load_start = _uptime()
    base = Path(os.environ.get("EVIDENCE_DESK_BENCH_DIR") or tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="ed-bench-hubscale-", dir=base))
    os.environ["EVIDENCE_DESK_ANCHOR_DIR"] = str(work / "anchors")
    context = multiprocessing.get_context("spawn")
    hub: subprocess.Popen[bytes] | None = None
    processes: list[Any] = []
    try:
        # commit times: a round trip's parts by the hub's clock (``_hub_parts``)
        settings = ["track_commit_timestamp = on", *connections_for(hub_workers)]
        with PostgresCluster(durable=True, settings=settings) as cluster:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {DATABASE}")
            owner_url = cluster.url(DATABASE)
            hub, url, ca = start_hub(work, owner_url, hub_workers)
            root = Session.open(work / "root", "root", PASSWORD)
            try:
                codes, stores, people_devices, (invited, late_code) = _enrol_people(
                    root, work, url, ca, setting
                )
            finally:
                root.close()
            cores = os.cpu_count() or 1
            started = time.perf_counter()
            with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
                prepared = list(pool.map(prepare, _specs(setting, codes, work), chunksize=4))
            prep_seconds = time.perf_counter() - started
            laptops = [d for d in prepared if d.role == Role.ADMIN.value]
            legal = [d for d in prepared if d.role == Role.LEGAL.value]
            by_code = {d.index: codes[d.user][1] for d in prepared}
            gates = (context.Barrier(clients + 1), context.Barrier(clients + 1))
            done, out = context.Event(), context.Queue()
            for c in range(clients):
                mine = laptops[c::clients]
                theirs = [(d, (n, len(legal))) for n, d in enumerate(legal) if n % clients == c]
                codes_of = {d.index: by_code[d.index] for d in mine + [d for d, _ in theirs]}
                process = context.Process(
                    target=load.main,
                    args=(url, str(ca), mine, theirs, codes_of, gates, done, out, laptop_nice),
                )
                process.start()
                processes.append(process)
            client_pids = [p.pid for p in processes if p.pid is not None]
            # enrolment
            gates[0].wait(timeout=600)
            enrol_start = time.monotonic()
            enrolled = [out.get(timeout=1800) for _ in range(clients)]
            enrol_seconds = max(m[1] for m in enrolled) - enrol_start
            enrol_errors = sum(m[2] for m in enrolled)
            # the people, caught up before the clock
            people_gates = {
                "start": context.Event(),
                "laptops_done": context.Event(),
                "staff_done": context.Event(),
                "failed": context.Event(),
            }
            staff = [(p, u, i) for i, (p, u) in enumerate(stores[: setting.staff])]
            supervisors = [(p, u, i) for i, (p, u) in enumerate(stores[setting.staff :])]
            # each person a process of its own (a laptop's CPU), or all threads of one
            groups = (
                [([s], []) for s in staff] + [([], [s]) for s in supervisors]
                if people_processes
                else [(staff, supervisors)]
            )
            for group_staff, group_supervisors in groups:
                actor_process = context.Process(
                    target=actors.main,
                    args=(
                        str(work),
                        PASSWORD,
                        group_staff,
                        group_supervisors,
                        len(supervisors),
                        people_devices,
                        setting.rounds,
                        people_gates,
                        out,
                        people_sync == "real",
                    ),
                )
                actor_process.start()
                processes.append(actor_process)
            # the floor of a person's request, sent all day by a device of its own (floor.py)
            pinger = context.Process(
                target=floor.main, args=(str(work / "root"), "root", PASSWORD, people_gates, out)
            )
            pinger.start()
            processes.append(pinger)
            people_pids = [p.pid for p in processes[clients:] if p.pid is not None]
            for _waited in range(len(groups) + 1):
                ready = out.get(timeout=1800)
                assert ready[0] in ("actors ready", "floor ready"), ready
            staff_groups = sum(1 for g in groups if g[0])
            # the day
            size_before = _database_size(owner_url)
            cpu_before = cpu_seconds(hub.pid)
            # who spends the machine's CPU over the day (the hub's figure is ``cpu_day``)
            shares = _CpuShares(client_pids, people_pids, postmaster_pid(cluster.data_dir))
            gates[1].wait(timeout=600)
            day_start = time.monotonic()
            people_gates["start"].set()
            records, finishes, actor_records = [], [], []
            floor_record: dict[str, Any] | None = None
            staff_finished = 0
            cpu_day = 0.0
            while (
                len(records) < clients or len(actor_records) < len(groups) or floor_record is None
            ):
                message = out.get(timeout=7200)
                if message[0] == "laptops":
                    finishes.append(message[1])
                    if len(finishes) == clients:
                        cpu_day = cpu_seconds(hub.pid) - cpu_before
                        shares.end(cpu_day)
                        done.set()
                        people_gates["laptops_done"].set()
                elif message[0] == "floor":
                    floor_record = message[1]
                elif message[0] == "day":
                    records.append(message[1])
                elif message[0] == "staff done":
                    staff_finished += 1
                    if staff_finished == staff_groups:
                        people_gates["staff_done"].set()
                elif message[0] == "actors":
                    actor_records.append(message[1])
            actor_record = actors.merged(actor_records)
            for process in processes:
                process.join(timeout=600)
            day_seconds = max(finishes) - day_start
            size_after = _database_size(owner_url)
            hub_times = _hub_times(owner_url)
            checked, problems = _check_held(owner_url, laptops)
            device_rates = _device_rates(work, url, ca, late_code)
            copy_seconds = _copy_floor(owner_url, laptops)
            disk_seconds = _disk_floor(laptops, work / "disk-floor")
            # the hub before its PostgreSQL: stopped after it, its pool printed connection errors
            stop_hub(hub)
            hub = None
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
        if hub is not None:
            stop_hub(hub)
        shutil.rmtree(work, ignore_errors=True)
    return _report(
        label=label,
        hub_workers=hub_workers,
        setting=setting,
        clients=clients,
        people_processes=people_processes,
        loads=(load_start, _uptime()),
        prep=(invited, prep_seconds),
        enrolment=(enrol_seconds, enrol_errors, [j for r in records for j in r["joins"]]),
        day_seconds=day_seconds,
        day_end=max(finishes),
        # the day by the wall clock (monotonic is the machine's one clock for every process)
        day_walls=(
            day_start + (time.time() - time.monotonic()),
            max(finishes) + (time.time() - time.monotonic()),
        ),
        cpu_day=cpu_day,
        sizes=(size_before, size_after),
        records=records,
        actor_record=actor_record,
        hub_times=hub_times,
        held=(checked, problems),
        floors=(copy_seconds, disk_seconds),
        device_rates=device_rates,
        laptop_nice=laptop_nice,
        people_sync=people_sync,
        pings=floor_record["pings"] if floor_record else [],
        floor_errors=floor_record["errors"] if floor_record else ["the floor sent nothing"],
        cpu_shares=shares.shares(),
    )


class _CpuShares:
    """CPU seconds spent over the day (its start to the last laptop's answer) by the hub (every
    process: workers and their judging workers), PostgreSQL (the postmaster and its backends),
    the simulated laptops' and legal devices' client processes, the people's processes (and
    the floor's), and everything else on the machine (other benches and tests on a shared
    machine): on this machine the simulated laptops take the hub's cores, which real laptops do
    not."""

    def __init__(self, clients: list[int], people: list[int], postgres: int | None) -> None:
        self._groups = {"laptops": clients, "people": people, "PostgreSQL": [postgres or 0]}
        self._start = self._sample()
        self._started = time.monotonic()
        self._spent: dict[str, float] = {}

    def _sample(self) -> dict[str, float]:
        sample = {
            name: sum(cpu_seconds(pid) for pid in pids if pid)
            for name, pids in self._groups.items()
        }
        sample["machine"] = machine_cpu_seconds()
        return sample

    def end(self, hub: float) -> None:
        """At the last laptop's answer; ``hub``: the hub's CPU seconds over the day."""
        now = self._sample()
        self._spent = {name: now[name] - self._start[name] for name in now}
        self._spent["hub"] = hub
        self._spent["capacity"] = (os.cpu_count() or 1) * (time.monotonic() - self._started)

    def shares(self) -> dict[str, float]:
        """Each group's share of the machine's capacity (cores x the day) and ``others``."""
        if not self._spent:
            return {}
        capacity = max(self._spent["capacity"], 1e-9)
        ours = sum(self._spent[n] for n in ("hub", "PostgreSQL", "laptops", "people"))
        found = {n: self._spent[n] / capacity for n in ("hub", "PostgreSQL", "laptops", "people")}
        found["others"] = max(0.0, self._spent["machine"] - ours) / capacity
        found["idle"] = max(0.0, 1.0 - self._spent["machine"] / capacity)
        return found


def _database_size(owner_url: str) -> int:
    with psycopg.connect(owner_url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def _hub_times(owner_url: str) -> dict[str, dict[str, tuple[float, float]]]:
    """Each contact's request and decision on the hub: when its push's transaction began (the
    entry's ``accepted_at``: after the gate and the wait for a heavy slot) and when it committed
    (``track_commit_timestamp``), seconds since the epoch."""
    found: dict[str, dict[str, tuple[float, float]]] = {}
    with psycopg.connect(owner_url) as conn:
        rows = conn.execute(
            "SELECT hub_payload_text(payload, 'contact_id'), action,"
            " extract(epoch FROM accepted_at),"
            " extract(epoch FROM pg_xact_commit_timestamp(xmin))"
            " FROM entries WHERE action IN ('contact.request', 'contact.approve')"
            " AND verdict = ''"
        ).fetchall()
    for contact, action, began, committed in rows:
        if contact and committed is not None:
            found.setdefault(contact, {})[action] = (float(began), float(committed))
    return found


#: a round trip's parts by the wall clock, the staff's and supervisors' beside the hub's
_HUB_PARTS = (
    ("staff's local request", "started", "requested"),
    ("to the hub's transaction", "requested", "request began"),
    ("request's transaction", "request began", "request committed"),
    ("to the supervisor's sight", "request committed", "seen"),
    ("supervisor until approving", "seen", "approving"),
    ("local approval", "approving", "approved"),
    ("to the hub's transaction", "approved", "approve began"),
    ("decision's transaction", "approve began", "approve committed"),
    ("to the staff's sight", "approve committed", "done"),
)


def _hub_parts(
    walls: dict[str, dict[str, float]],
    hub_times: dict[str, dict[str, tuple[float, float]]],
    day_bounds: tuple[float, float],
) -> None:
    """The round trips requested during the push, cut at the hub's own instants: where a
    round trip's time goes between the people's devices, the hub's gate and queues (before the
    push's transaction), the transaction, and the news (after its commit)."""
    rows: list[dict[str, float]] = []
    for contact, times in walls.items():
        hub = hub_times.get(contact, {})
        if "contact.request" not in hub or "contact.approve" not in hub:
            continue
        marks = dict(times)
        marks["request began"], marks["request committed"] = hub["contact.request"]
        marks["approve began"], marks["approve committed"] = hub["contact.approve"]
        complete = all(m in marks for _n, a, b in _HUB_PARTS for m in (a, b))
        if complete and day_bounds[0] <= marks["started"] < day_bounds[1]:
            rows.append(marks)
    if not rows:
        return
    p = percentile
    print(f"  round trip during the push by the hub's clock, p50/p99 s ({len(rows)} rounds):")
    for name, a, b in _HUB_PARTS:
        spans = [r[b] - r[a] for r in rows]
        print(f"    {name:28} {p(spans, 0.5):6.3f} {p(spans, 0.99):6.3f}")
    # the news legs cut again: the person busy (the request for the page that brought it was
    # sent after the commit), the hub and the wire (from the later of the two to the answer
    # read, JSON decoded), the person's device (the page applied, the contact listed)
    for name, asked, arrived, committed, seen in (
        ("supervisor's", "asked", "arrived", "request committed", "seen"),
        ("staff's", "asked_d", "arrived_d", "approve committed", "done"),
    ):
        cut = [r for r in rows if asked in r and arrived in r]
        if not cut:
            continue
        legs = (
            ("busy when it committed", [max(0.0, r[asked] - r[committed]) for r in cut]),
            ("hub, wire, JSON", [r[arrived] - max(r[asked], r[committed]) for r in cut]),
            ("the page applied", [r[seen] - r[arrived] for r in cut]),
        )
        for leg, spans in legs:
            print(f"      {name} sight: {leg:22} {p(spans, 0.5):6.3f} {p(spans, 0.99):6.3f}")
    totals = [r["done"] - r["started"] for r in rows]
    print(f"    {'whole':28} {p(totals, 0.5):6.3f} {p(totals, 0.99):6.3f}")
    # the slowest three whole, leg by leg in the order above: one leg's tail, or all of them
    # slow at once (the machine's cores, not one queue)
    for r in sorted(rows, key=lambda r: r["started"] - r["done"])[:3]:
        legs = " ".join(f"{r[b] - r[a]:.2f}" for _n, a, b in _HUB_PARTS)
        print(f"    slowest {r['done'] - r['started']:.2f} s, its legs: {legs}")


def _round_trip_parts(record: dict[str, Any], day_end: float) -> None:
    """What the round trips were made of (measured by the actors): the floor of a round trip
    is two people's syncs after the request's push, and a sync pages past every entry the hub
    accepted since the last one (the laptops' too) before the request or decision is there."""
    p = percentile
    names = ("staff push", "until the supervisor saw it", "decision pushed", "until staff saw it")
    for label, during in (("during the push", True), ("after it", False)):
        parts = [x for at, x in record["parts"] if (at < day_end) is during]
        if parts:
            shown = "; ".join(
                f"{name} {p([x[i] for x in parts], 0.5):.2f}/{p([x[i] for x in parts], 0.99):.2f}"
                for i, name in enumerate(names)
            )
            print(f"  round trip {label}, p50/p99 s: {shown}")
        # every answer to a person's wait is a page read and sent by the hub: while the
        # laptops push, news is there at every wait, so each person is answered as fast as the
        # hub and its device go (bench option --supervisors: fewer people waiting)
        waits = [(s, n) for at, s, n in record["waits_log"] if (at < day_end) is during]
        if waits:
            wait_p50 = p([s for s, _ in waits], 0.5)
            carried = sum(n for _, n in waits) / len(waits)
            print(
                f"  people's waits for news {label}: {len(waits)} answered, p50 {wait_p50:.3f} s "
                f"each, {carried:.0f} entries carried per answer"
            )
        syncs = [(s, n) for at, s, n, _sent in record["syncs"] if (at < day_end) is during]
        if syncs:
            seconds, paged = [s for s, _ in syncs], [n for _, n in syncs]
            print(
                f"  people's syncs {label}: {len(syncs)}, p50 {p(seconds, 0.5):.2f} s "
                f"p99 {p(seconds, 0.99):.2f} s, {sum(paged) / len(paged):.0f} entries paged "
                f"per sync (max {max(paged)}): {sum(paged) / max(sum(seconds), 1e-9):.0f} "
                "entries/s paged"
            )


def _report(**run: Any) -> int:
    setting: Setting = run["setting"]
    records: list[dict[str, Any]] = run["records"]
    actor_record: dict[str, Any] = run["actor_record"]
    day = run["day_seconds"]
    entries = sum(r["entries"] for r in records)
    megabytes = sum(r["bytes"] for r in records) / 1e6
    pushes = [x for r in records for x in r["push_latency"]]
    uploads = [x for r in records for x in r["blob_latency"]]
    trips = [t for _at, t in actor_record["trips"]]
    during = [t for at, t in actor_record["trips"] if at < run["day_end"]]
    after = [t for at, t in actor_record["trips"] if at >= run["day_end"]]
    errors = [e for r in records for e in r["errors"]] + actor_record["errors"]
    enrol_seconds, enrol_errors, joins = run["enrolment"]
    checked, problems = run["held"]
    copy_seconds, disk_seconds = run["floors"]
    invited, prep_seconds = run["prep"]
    size_before, size_after = run["sizes"]
    pulled = sum(r["pulled"] for r in records)
    busy = sum(r.get("busy", 0) for r in records)
    fetched = sum(r["fetched_bytes"] for r in records) / 1e6
    rate, mb_rate = entries / day, megabytes / day
    copy_rate = entries / copy_seconds
    disk_rate = megabytes / disk_seconds if disk_seconds else 0.0
    p = percentile
    trip50, trip99 = (p(trips, 0.5), p(trips, 0.99)) if trips else (float("inf"),) * 2
    for error in errors[:5]:
        print("ERROR", error)
    for problem in problems[:20]:
        print("LOST", problem)
    print(
        f"hub: {run['hub_workers']} worker process(es) (--hub-workers); "
        f"setting {run['label']}: {setting.devices} laptops x {setting.entries} entries and "
        f"{setting.blob_bytes / 1e6:g} MB of blobs, {setting.supervisors} supervisors, "
        f"{setting.staff} staff, {setting.legal} legal; {run['clients']} client processes; "
        f"people {'each a process' if run['people_processes'] else 'threads of one process'}; "
        f"people's syncs {run['people_sync']} (--people-sync); "
        f"laptops' client processes at nice +{run['laptop_nice']} (--laptop-nice; default 0: "
        "the same priority as the hub); "
        f"load average at start {run['loads'][0]}, at end {run['loads'][1]}"
    )
    print(
        f"before the clock: root's invitations pushed in {invited:.1f} s, laptops prepared "
        f"in {prep_seconds:.1f} s"
    )
    print(
        f"enrolment         {enrol_seconds:7.2f} s  {len(joins) / enrol_seconds:7.1f} joins/s "
        f"(p50 {p(joins, 0.5):.2f} s, p99 {p(joins, 0.99):.2f} s; {enrol_errors} errors)"
    )
    print(
        f"ingest            {day:7.2f} s  {rate:9.0f} entries/s  {mb_rate:7.1f} MB/s "
        f"({entries} entries, {megabytes:.0f} MB of blobs)"
    )
    print(
        f"push latency      p50 {p(pushes, 0.5):.2f} s  p99 {p(pushes, 0.99):.2f} s  "
        f"({len(pushes)} pushes); blob upload p50 {p(uploads, 0.5):.2f} s "
        f"p99 {p(uploads, 0.99):.2f} s ({len(uploads)} blobs)"
    )
    print(
        f"COPY floor        {copy_seconds:7.2f} s  {copy_rate:9.0f} entries/s  "
        f"(ratio ingest / COPY {day / copy_seconds:.1f})"
    )
    print(
        f"disk floor        {disk_seconds:7.2f} s  {disk_rate:9.1f} MB/s (fsync per file; "
        f"ratio ingest / disk {day / disk_seconds:.1f})"
        if disk_seconds
        else "disk floor -"
    )
    print(
        f"hub CPU           {run['cpu_day']:7.2f} s  (every process: workers and judging "
        f"workers, user + system, over the {day:.1f} s day: {run['cpu_day'] / day:.2f} cores)"
    )
    print(
        f"database size     {size_before / 1e6:.0f} MB before the day, "
        f"{size_after / 1e6:.0f} MB after"
    )
    print(
        f"people's syncs   {actor_record['unanswered']} not answered within the client's "
        "60 s (retried after 1 s, as the app's background sync retries)"
    )
    print(f"legal pulls       {pulled} entries pulled, {fetched:.0f} MB of blobs fetched")
    print(
        f"hub busy          {busy} laptops' requests answered 503 (bulk lane full for "
        f"{lanes.BULK_WAIT:.0f} s) and sent again after its Retry-After"
    )
    print("round trips (s): " + " ".join(f"{t:.2f}" for t in trips))
    print(
        f"round trip        p50 {trip50:.2f} s  p99 {trip99:.2f} s  ({len(trips)} rounds "
        f"from the start of the push on, waiting for news with its page; target p99 < "
        f"{ROUND_TRIP_TARGET:.0f} s) {'OK' if trip99 < ROUND_TRIP_TARGET else 'MISS'}"
    )
    for name, part in (("during the push", during), ("after it", after)):
        if part:
            print(f"  requested {name}: p50 {p(part, 0.5):.2f} s  p99 {p(part, 0.99):.2f} s "
                  f"({len(part)})")  # fmt: skip
    _round_trip_parts(actor_record, run["day_end"])
    _hub_parts(actor_record["walls"], run["hub_times"], run["day_walls"])
    floor_figures = _floor(run, during)
    shares: dict[str, float] = run["cpu_shares"]
    if shares:
        print(
            "CPU over the day  share of the machine's "
            f"{os.cpu_count() or 1} cores: "
            + ", ".join(f"{name} {share:.0%}" for name, share in shares.items())
            + " (hub: every process, workers and judging workers; laptops: the simulated "
            "laptops' and legal devices' client processes, which real laptops run on machines "
            "of their own; others: processes outside this bench)"
        )
    followed, paged_s, applied_s = run["device_rates"]
    page_rate, apply_rate = followed / max(paged_s, 1e-9), followed / max(applied_s, 1e-9)
    print(
        f"a person's device {followed} entries after the day: paged {paged_s:.2f} s "
        f"({page_rate:.0f}/s), applied by apply_pull {applied_s:.2f} s ({apply_rate:.0f}/s); "
        f"laptops' arrival {rate:.0f}/s: arrival / apply {rate / apply_rate:.2f}, "
        f"arrival / paging {rate / page_rate:.2f} (above 1: a device applying every entry falls "
        "behind while the laptops push)"
    )
    print(
        f"held              {checked} entries checked on the hub; {len(problems)} lost or "
        f"different; {len(errors) + enrol_errors} errors"
    )
    errors += run["floor_errors"]
    ok = not errors and not enrol_errors and not problems and trip99 < ROUND_TRIP_TARGET
    print(
        json.dumps(
            {
                "bench": "hub",
                "data": f"{run['label']}: {setting.devices} laptops x {setting.entries} entries "
                f"+ {setting.blob_bytes / 1e6:g} MB, {setting.supervisors} supervisors, "
                f"{setting.legal} legal; {len(trips)} round trips",
                "figures": {
                    "enrolment joins/s": round(len(joins) / enrol_seconds, 1),
                    "ingest entries/s": round(rate),
                    "ingest MB/s": round(mb_rate, 1),
                    "push p50 s": round(p(pushes, 0.5), 3),
                    "push p99 s": round(p(pushes, 0.99), 3),
                    "COPY floor entries/s": round(copy_rate),
                    "disk floor MB/s": round(disk_rate, 1),
                    "hub CPU s": round(run["cpu_day"], 1),
                    "database MB": round(size_after / 1e6),
                    "round trip p50 s": round(trip50, 3) if trips else None,
                    "round trip p99 s": round(trip99, 3) if trips else None,
                    "lost entries": len(problems),
                    "syncs unanswered in 60 s": actor_record["unanswered"],
                    "errors": len(errors) + enrol_errors,
                    "laptops' requests retried busy": busy,
                    "device apply entries/s": round(apply_rate),
                    "device paging entries/s": round(page_rate),
                    "round trip during the push p50 s": round(p(during, 0.5), 3)
                    if during
                    else None,
                    "round trip during the push p99 s": round(p(during, 0.99), 3)
                    if during
                    else None,
                    **floor_figures["figures"],
                    "laptop nice": run["laptop_nice"],
                    "hub workers": run["hub_workers"],
                    "people's sync real": run["people_sync"] == "real",
                    **{f"CPU share {name}": round(v, 3) for name, v in shares.items()},
                },
                "ratios": {
                    "ingest / COPY floor": round(day / copy_seconds, 2),
                    "ingest / disk floor": round(day / disk_seconds, 2) if disk_seconds else None,
                    "arrival / device apply": round(rate / apply_rate, 2),
                    **floor_figures["ratios"],
                },
                "targets": {
                    "errors": "0",
                    "lost entries": "0",
                    "round trip p99 s": f"< {ROUND_TRIP_TARGET}",
                },
                "ok": ok,
            }
        )
    )
    # a lost entry or an error fails the run; a figure off its target is reported (MISS, "ok")
    return 1 if errors or enrol_errors or problems else 0


def _floor(run: dict[str, Any], during: list[float]) -> dict[str, dict[str, Any]]:
    """The floor of the round trip during the push (floor.py): the cheapest requests' latency
    then, and the sequential requests a round trip's chain made (its syncs'). Prints it and
    returns its figures and ratios for the JSON line."""
    p = percentile
    day_end = run["day_end"]
    pings: list[tuple[float, str, float]] = run["pings"]
    # (requested at, sequential requests, waits for news) of each round trip's chain
    requests: list[tuple[float, int, int]] = run["actor_record"]["requests"]
    # every key present (None: not measured, e.g. no round trip requested during the push)
    figures: dict[str, Any] = {
        f"{kind} ping {q} s": None for kind in floor.KINDS for q in ("p50", "p99")
    }
    figures["requests per round trip"] = None
    figures["waits per round trip"] = None
    ratios: dict[str, Any] = {
        "round trip during p99 / (k x gate ping p99)": None,
        "round trip during p50 / (k x gate ping p50)": None,
    }
    for label, is_during in (("during the push", True), ("after it", False)):
        shown = []
        for kind in floor.KINDS:
            seconds = [t for at, k, t in pings if k == kind and (at < day_end) is is_during]
            if seconds:
                shown.append(
                    f"{kind} p50 {p(seconds, 0.5) * 1e3:.0f} ms p99 {p(seconds, 0.99) * 1e3:.0f} ms"
                    f" ({len(seconds)})"
                )
                if is_during:
                    figures[f"{kind} ping p50 s"] = round(p(seconds, 0.5), 4)
                    figures[f"{kind} ping p99 s"] = round(p(seconds, 0.99), 4)
        chain = [k for at, k, _w in requests if (at < day_end) is is_during]
        waits = [w for at, _k, w in requests if (at < day_end) is is_during]
        if chain:
            shown.append(
                f"a round trip's chain {p(chain, 0.5)} requests (p50; max {max(chain)}) and "
                f"{p(waits, 0.5)} waits for news (p50; max {max(waits)}), not counted in k"
            )
        print(f"floor {label}: " + "; ".join(shown))
    chain = [k for at, k, _w in requests if at < day_end]
    gate = [t for at, k, t in pings if k == "gate" and at < day_end]
    # the slowest round trips during the push and their chains: a long chain (pages paged
    # through) or a short one that waited (a request the hub was slow to answer)
    chains = {at: (k, w) for at, k, w in requests}
    trips = [(t, *chains.get(at, (0, 0))) for at, t in run["actor_record"]["trips"] if at < day_end]
    slowest = sorted(trips, reverse=True)[:5]
    if slowest:
        print(
            "slowest round trips during the push: "
            + ", ".join(f"{t:.2f} s ({k} requests, {w} waits)" for t, k, w in slowest)
        )
    if chain and gate and during:
        k = p(chain, 0.5)
        figures["requests per round trip"] = k
        figures["waits per round trip"] = p([w for at, _k, w in requests if at < day_end], 0.5)
        floor99, floor50 = k * p(gate, 0.99), k * p(gate, 0.5)
        ratios["round trip during p99 / (k x gate ping p99)"] = round(p(during, 0.99) / floor99, 2)
        ratios["round trip during p50 / (k x gate ping p50)"] = round(p(during, 0.5) / floor50, 2)
        print(
            f"round trip during the push against its floor: p99 {p(during, 0.99):.2f} s = "
            f"{p(during, 0.99) / floor99:.2f} x ({k} requests x gate p99 {p(gate, 0.99):.3f} s "
            f"= {floor99:.2f} s); p50 {p(during, 0.5):.2f} s = {p(during, 0.5) / floor50:.2f} x "
            f"({k} x gate p50 {p(gate, 0.5):.3f} s = {floor50:.2f} s)"
        )
    return {"figures": figures, "ratios": ratios}
