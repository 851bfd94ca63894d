#!/usr/bin/env python3
"""The organisation hub under load: ingest entries/s and the request/decision round trip.

A throwaway PostgreSQL cluster (evidence_desk_testing/postgres.py) and a real hub: ``hub init``
and ``hub serve`` as a subprocess, over TLS 1.3 on 127.0.0.1, exactly as an organisation runs it.

**Ingest.** ``--devices`` processes push ``--entries`` entries in all to the hub at once through
its HTTP API: every request signed by the device's user, batches of ``sync.PUSH_BATCH`` as
``sync.push`` sends them, every entry judged by the hub (``acceptance.judge``: hashes, links,
the checkpoint signature under the key the organisation holds, the rule table's permission;
then the record rules, ``authority.check`` against the organisation's replayed tables:
hub/org_state.py). Each device is a store that joined as an admin (invited by root, as a
laptop joins); its ledger after its ``device.join`` is made before the clock starts with the
project's own integrity code (``ledger.unsigned_entry``, the device's Merkle tree, the
checkpoint signature over its root: what ``Session.write`` signs): ``settings.set`` entries
with their row, which keep the rules (the push asserts that none is refused). The
floor in the same run: the same rows COPYed straight into a table like the hub's ``entries``
(psycopg COPY, one transaction per batch, one connection). Targets: >= 5,000 entries/s and
<= 5x the COPY floor.

**Round trip.** A staff store and a supervisor store joined to the hub (invitation, ``join``);
per round: staff requests a contact (with its two documents) and syncs; the supervisor syncs
until the request is there, approves and syncs; staff syncs until it sees the approval. Timed
from the request to staff seeing the decision, ``--rounds`` times; p50/p99. Target p99 < 2 s.
The syncs run back to back (no poll interval): the live updates that replace polling are
issue 20; with a GUI polling every P seconds add up to 2P.

The cluster runs with fsync off (as the hub's tests), for the hub and the floor alike.
``--repeat`` ingest rounds (fresh devices each round; the best counts, every round printed).

    python bench/hub.py [--devices 8] [--entries 100000] [--rounds 20] [--repeat 1] [--quick]

**An organisation's day** (issue 20 item 4; bench/hubsim/scale.py): with ``--devices N`` from
``SCALE_FROM`` (20) on, or ``--setting quick|middle|full``, N simulated laptops (500 at the
full setting, each ~200 entries and 20 MB of sealed blobs) enrol and push at once while 20
supervisors decide staff requests and 5 legal devices pull; figures against the COPY and
fsynced-disk floors of the same run, and every laptop's ledger checked on the hub at the end.
Each round trip requested during the push is also cut at the hub's own instants (its
cluster runs with ``track_commit_timestamp``): the staff's local request, until the request's
push transaction began on the hub (the person's device, the gate, the hub's queues), that
transaction, until the supervisor saw it (split again: the supervisor busy with other work
when it committed, the hub and the wire to the decoded news, the page applied), the approval,
the decision's way to the hub and its transaction, until the staff saw it (split the same way).

    python bench/hub.py --devices 500 [--day-mb 20] [--day-entries 200] [--clients 2]
        [--supervisors N] [--laptop-nice 0] [--people-sync lean|real]
    python bench/hub.py --setting quick      # 20 laptops, 20 entries, 200 KB each (CI)

The last line printed is one JSON object (figures, ratios, targets) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from bench.hubsim import scale
from bench.hubsim.hubproc import (
    PASSWORD,
    connections_for,
    cpu_seconds,
    join_member,
    percentile,
    start_hub,
    stop_hub,
)
from evidence_desk.domain.models import Role
from evidence_desk.hub import acceptance
from evidence_desk.hub.acceptance import DeviceHead
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger, merkle, signature_checks, signing
from evidence_desk.services import cases, contacts, org_ledger, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session
from evidence_desk_testing.postgres import PostgresCluster

DATABASE = "hub"
INGEST_TARGET = 5_000
FLOOR_RATIO_TARGET = 5.0
ROUND_TRIP_TARGET = 2.0
AT = "2026-12-05T12:00:00.000000+00:00"
#: from this many devices on, ``--devices N`` runs the organisation's day (bench/hubsim/scale.py)
SCALE_FROM = 20
SETTINGS = scale.SETTINGS


# -- the hub ---------------------------------------------------------------------------------------


# -- ingest ----------------------------------------------------------------------------------------


def make_ledger(
    device_id: str, actor: str, key: Any, count: int, prior: list[ledger.Entry]
) -> list[ledger.Entry]:
    """``count`` entries of a device after its ``prior`` ones (its ``device.join``), each
    signed through the checkpoint it closes (the signature over the device's Merkle root after
    it, as Session.write signs). Each keeps the rule table (a ``settings.set`` with its row),
    as the hub judges it at its place in the organisation's order."""
    tree = merkle.CompactRange.from_state(0, ())
    for entry in prior:
        tree.append(merkle.leaf_hash(bytes.fromhex(entry.entry_hash)))
    prev = prior[-1].entry_hash if prior else ledger.genesis_hash(device_id)
    entries = []
    for seq in range(len(prior) + 1, len(prior) + count + 1):
        value = f"Organisation {seq}"
        entry = ledger.unsigned_entry(
            seq=seq,
            at=AT,
            actor=actor,
            action="settings.set",
            payload={
                "key": "organisation",
                "before": f"Organisation {seq - 1}",
                "rows": [
                    {
                        "op": "put",
                        "table": "settings",
                        "row": {"key": "organisation", "value": value},
                    }
                ],
            },
            prev=prev,
        )
        root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
        signature = key.sign(ledger.checkpoint_message(device_id, seq, root)).hex()
        entries.append(entry.signed(signature))
        prev = entry.entry_hash
    return entries


def device_main(
    url: str,
    ca: str,
    device_id: str,
    actor: str,
    key_bytes: bytes,
    count: int,
    prior: list[list[Any]],
    rows_file: str,
    barrier: Any,
    done: Any,
) -> None:
    """One device: make its ledger, wait for the others, push it as sync.push does."""
    key = signing.private_key_from_bytes(key_bytes)
    entries = make_ledger(device_id, actor, key, count, [ledger.Entry(*e) for e in prior])
    Path(rows_file).write_text(json.dumps([list(e) for e in entries]), "utf-8")
    with HubClient(url, Path(ca), actor, key) as client:
        client.health()  # the TLS connection made before the clock starts
        barrier.wait()
        appended = 0
        for start in range(0, len(entries), sync.PUSH_BATCH):
            batch = entries[start : start + sync.PUSH_BATCH]
            answer = client.post(
                "/v1/push", {"device_id": device_id, "entries": [list(e) for e in batch]}
            )
            assert not answer["refused"], answer["refused"]
            appended += int(answer["appended"])
    done.put((device_id, appended, time.monotonic()))


def ingest_round(
    work: Path, hub: int, url: str, ca: Path, devices: int, entries: int, tag: int
) -> tuple[float, float, list[Ledger]]:
    """One round: fresh devices (an admin user each, invited by root and joined as an
    organisation's laptop does), their pushes at once. Returns the seconds from the start
    signal to the last push answered, the CPU seconds the hub process ``hub`` (and its
    workers) spent meanwhile, and the ledgers."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(devices + 1)
    done = context.Queue()
    shares = [entries // devices + (1 if i < entries % devices else 0) for i in range(devices)]
    processes, files = [], []
    root = Session.open(work / "root", "root", PASSWORD)
    try:
        joined = [
            join_member(root, work, url, ca, f"device{tag}-{index}", Role.ADMIN)
            for index in range(devices)
        ]
    finally:
        root.close()
    for index, count in enumerate(shares):
        session = joined[index]
        actor, device_id = session.user.name, session.folder.store_id
        prior = [list(e) for e in org_ledger.own_entries(session)]
        raw = signing.private_key_bytes(session.signing_key)
        public = signing.public_key_hex(session.signing_key)
        session.close()
        rows = work / f"rows-{tag}-{index}.json"
        files.append(Ledger(rows, device_id, actor, public, tuple(ledger.Entry(*e) for e in prior)))
        process = context.Process(
            target=device_main,
            args=(url, str(ca), device_id, actor, raw, count, prior, str(rows), barrier, done),
        )
        process.start()
        processes.append(process)
    barrier.wait(timeout=600)
    start, cpu = time.monotonic(), cpu_seconds(hub)
    results = [done.get(timeout=1800) for _ in processes]
    cpu = cpu_seconds(hub) - cpu
    for process in processes:
        process.join()
        assert process.exitcode == 0
    assert sum(r[1] for r in results) == entries, results
    return max(r[2] for r in results) - start, cpu, files


def copy_floor(owner_url: str, files: list[Ledger]) -> float:
    """The same rows COPYed straight into a table like the hub's entries, batch by batch."""
    batches = []
    for file in files:
        rows = json.loads(file.rows.read_text("utf-8"))
        device_id = uuid.uuid4().hex
        for start in range(0, len(rows), sync.PUSH_BATCH):
            batches.append((device_id, rows[start : start + sync.PUSH_BATCH]))
    with psycopg.connect(owner_url) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS copy_floor (LIKE entries INCLUDING ALL)")
        conn.commit()
        columns = (
            "device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
            "entry_hash, signature, verdict"
        )
        start = time.perf_counter()
        for device_id, rows in batches:
            with conn.cursor().copy(f"COPY copy_floor ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((device_id, *row, ""))
            conn.commit()
        return time.perf_counter() - start


@dataclass(frozen=True)
class Ledger:
    """A device's ledger as pushed in a round: its rows file, device, signer and public key."""

    rows: Path
    device_id: str
    actor: str
    public_key: str
    prior: tuple[ledger.Entry, ...]  # its entries before the round (its device.join)

    def tree(self) -> merkle.CompactRange:
        """The device's Merkle tree over its prior entries: where the round's entries go on."""
        tree = merkle.CompactRange.from_state(0, ())
        for entry in self.prior:
            tree.append(merkle.leaf_hash(bytes.fromhex(entry.entry_hash)))
        return tree

    def head(self) -> DeviceHead:
        """What the hub holds of the device before the round."""
        if not self.prior:
            return DeviceHead.genesis(self.device_id)
        tree = self.tree()
        return DeviceHead(len(self.prior), self.prior[-1].entry_hash, tuple(tree.hashes))


def _judge_ledger(ledger_: Ledger) -> int:
    """What the hub's acceptance does with one device's ledger, batch by batch as pushed:
    hashes, links, Merkle roots, signatures (``acceptance.judge``, nothing else)."""
    user = HubUser(ledger_.actor, Role.ADMIN.value, ledger_.public_key, True)
    entries = [ledger.Entry(*row) for row in json.loads(ledger_.rows.read_text("utf-8"))]
    head = ledger_.head()
    for start in range(0, len(entries), sync.PUSH_BATCH):
        batch = entries[start : start + sync.PUSH_BATCH]
        judged = acceptance.judge(ledger_.device_id, head, batch, {user.name: user}.get)
        assert isinstance(judged, DeviceHead), judged
        head = judged
    return head.size - len(ledger_.prior)  # the round's entries judged


def _signature_checks(ledger_: Ledger) -> list[list[tuple[str, tuple[bytes, ...], str]]]:
    """The device's checkpoint signatures as the hub checks them, made before the clock (the
    Merkle roots included), in chunks of a push."""
    rows = json.loads(ledger_.rows.read_text("utf-8"))
    tree = ledger_.tree()
    checks: list[tuple[str, tuple[bytes, ...], str]] = []
    for row in rows:
        entry = ledger.Entry(*row)
        root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
        message = ledger.checkpoint_message(ledger_.device_id, entry.seq, root)
        checks.append((ledger_.public_key, (message,), entry.signature))
    return [checks[i : i + sync.PUSH_BATCH] for i in range(0, len(checks), sync.PUSH_BATCH)]


def check_floors(files: list[Ledger]) -> tuple[float, float]:
    """The CPU floors of the hub's acceptance on every core of this machine, with no HTTP and
    no database: only the Ed25519 signatures (one per entry, checked in worker processes), and
    the whole judgement (``acceptance.judge``: hashes, links, Merkle roots and signatures, one
    device per worker job). Workers started before the clock. Returns both in seconds."""
    chunks = [chunk for file in files for chunk in _signature_checks(file)]
    cores = os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
        for started in [pool.submit(signature_checks._invalid_in, []) for _ in range(cores)]:
            started.result()
        start = time.perf_counter()
        failed = [
            f.result() for f in [pool.submit(signature_checks._invalid_in, c) for c in chunks]
        ]
        signatures = time.perf_counter() - start
        assert not any(failed), "a signature did not verify"
        start = time.perf_counter()
        sizes = list(pool.map(_judge_ledger, files))
        judged = time.perf_counter() - start
    assert sum(sizes) == sum(len(c) for c in chunks)
    return signatures, judged


# -- round trip ------------------------------------------------------------------------------------


def documents(folder: Path, tag: int) -> list[tuple[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    identity, confirmation = folder / f"identity{tag}.txt", folder / f"debt{tag}.txt"
    identity.write_text(f"身份证明 identity proof {tag}\n", encoding="utf-8")
    confirmation.write_text(f"债务确认书 debt confirmation {tag}\n", encoding="utf-8")
    return [("identity_proof", identity), ("debt_confirmation", confirmation)]


def round_trips(work: Path, url: str, ca: Path, rounds: int) -> list[float]:
    root = Session.open(work / "root", "root", PASSWORD)
    sync.bind(root.folder, url, ca)
    alice = join_member(root, work, url, ca, "alice", Role.STAFF)
    sam = join_member(root, work, url, ca, "sam", Role.SUPERVISOR)
    times = []
    try:
        cases.create_case(alice, "2026-BENCH-1", debtor_name="陈立新")
        with (
            sync.client_for(alice, sync.binding(alice.folder)) as staff,
            sync.client_for(sam, sync.binding(sam.folder)) as supervisor,
        ):
            sync.sync(alice, staff)
            sync.sync(sam, supervisor)
            for n in range(rounds):
                docs = documents(work / "docs", n)
                start = time.perf_counter()
                contact = contacts.request_contact(
                    alice,
                    case_no="2026-BENCH-1",
                    channel="whatsapp",
                    handle=f"+86138{n:08d}",
                    display_name="Chen Lixin",
                    reason="the debtor added us and asked to talk about repayment",
                    consent=True,
                    documents=docs,
                )
                sync.sync(alice, staff)
                while not any(
                    c.id == contact.id for c in contacts.list_contacts(sam, status="requested")
                ):
                    sync.sync(sam, supervisor)
                contacts.approve(sam, contact.id, "identity and debt confirmed")
                sync.sync(sam, supervisor)
                while contacts.get_contact(alice, contact.id).status != "approved":
                    sync.sync(alice, staff)
                times.append(time.perf_counter() - start)
    finally:
        for session in (alice, sam, root):
            session.close()
    return times


# -- main ------------------------------------------------------------------------------------------


def main() -> int:
    # every spawned process (hub, laptops, people) imports pyhanko, whose import warns about DSA
    # once each: a hundred lines of noise before the report
    os.environ.setdefault("PYTHONWARNINGS", "ignore:DSA is deprecated")
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=8)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="round trips timed")
    parser.add_argument("--repeat", type=int, default=1, help="ingest rounds; the best counts")
    parser.add_argument("--quick", action="store_true", help="4 devices, 10k entries, 5 rounds")
    parser.add_argument(
        "--setting",
        choices=sorted(SETTINGS),
        help="the organisation's day (bench/hubsim/scale.py): quick (20 laptops), middle (100) "
        f"or full (500); the default with --devices >= {SCALE_FROM}: full",
    )
    parser.add_argument(
        "--clients", type=int, default=2, help="client processes of the day's simulated laptops"
    )
    parser.add_argument(
        "--people-threads",
        action="store_true",
        help="the staff and supervisors as threads of one process (before session 14), not "
        "each a process of its own",
    )
    parser.add_argument(
        "--day-mb", type=float, help="MB of sealed blobs per laptop (the setting's otherwise)"
    )
    parser.add_argument(
        "--day-entries",
        type=int,
        help="entries per laptop (the setting's otherwise): 2000 makes each laptop push one "
        "batch of sync.PUSH_BATCH, a laptop's backlog after days offline",
    )
    parser.add_argument(
        "--supervisors",
        type=int,
        help="supervisors waiting for the hub's news (the setting's otherwise): each is one "
        "more person's device answered at every push while the laptops push",
    )
    parser.add_argument(
        "--laptop-nice",
        type=int,
        default=0,
        help="lower the simulated laptops' (and legal devices') client processes' CPU priority "
        "by this much (os.nice), so that the hub, PostgreSQL and the people get this machine's "
        "cores first, as they would if the laptops were other machines; default 0: the same "
        "priority as the hub",
    )
    parser.add_argument(
        "--people-sync",
        choices=("lean", "real"),
        default="lean",
        help="the people's syncs: lean (the default: only the people's devices' entries applied, "
        "the laptops' paged past) or real (the app's sync.sync: every entry applied)",
    )
    parser.add_argument(
        "--hub-workers",
        type=int,
        default=1,
        metavar="N",
        help="the hub's processes (hub serve --workers N); default 1",
    )
    args = parser.parse_args()
    if args.setting or args.devices >= SCALE_FROM:
        chosen = SETTINGS[args.setting or "full"]
        if "--devices" in sys.argv:
            chosen = replace(chosen, devices=args.devices)
        if args.day_mb is not None:
            chosen = replace(chosen, blob_bytes=int(args.day_mb * 1e6))
        if args.day_entries is not None:
            chosen = replace(chosen, entries=args.day_entries)
        if args.supervisors is not None:
            chosen = replace(chosen, supervisors=max(1, args.supervisors))
        return scale.run(
            chosen,
            args.setting or "full",
            args.clients,
            people_processes=not args.people_threads,
            laptop_nice=args.laptop_nice,
            people_sync=args.people_sync,
            hub_workers=args.hub_workers,
        )
    if args.quick:
        args.devices, args.entries, args.rounds = 4, 10_000, 5
    work = Path(tempfile.mkdtemp(prefix="ed-bench-hub-"))
    os.environ["EVIDENCE_DESK_ANCHOR_DIR"] = str(work / "anchors")
    hub: subprocess.Popen[bytes] | None = None
    try:
        with PostgresCluster(settings=connections_for(args.hub_workers)) as cluster:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {DATABASE}")
            owner_url = cluster.url(DATABASE)
            hub, url, ca = start_hub(work, owner_url, args.hub_workers)
            trips = round_trips(work, url, ca, args.rounds)
            ingest_times, floor_times, signature_times, judge_times = [], [], [], []
            hub_cpu: list[float] = []
            for tag in range(max(1, args.repeat)):
                elapsed, cpu, files = ingest_round(
                    work, hub.pid, url, ca, args.devices, args.entries, tag
                )
                ingest_times.append(elapsed)
                hub_cpu.append(cpu)
                floor_times.append(copy_floor(owner_url, files))
                signatures, judged = check_floors(files)
                signature_times.append(signatures)
                judge_times.append(judged)
                for file in files:
                    file.rows.unlink()
    finally:
        if hub is not None:
            stop_hub(hub)
        shutil.rmtree(work, ignore_errors=True)
    ingest, floor = min(ingest_times), min(floor_times)
    signatures, judged = min(signature_times), min(judge_times)
    rate, floor_rate = args.entries / ingest, args.entries / floor
    ratio = ingest / floor
    cores = os.cpu_count() or 1
    p50, p99 = percentile(trips, 0.50), percentile(trips, 0.99)
    print(f"hub: {args.hub_workers} worker process(es) (--hub-workers)")
    print(
        "rounds (s): ingest "
        + " ".join(f"{t:.2f}" for t in ingest_times)
        + " | COPY floor "
        + " ".join(f"{t:.2f}" for t in floor_times)
        + " | signatures "
        + " ".join(f"{t:.2f}" for t in signature_times)
        + " | acceptance "
        + " ".join(f"{t:.2f}" for t in judge_times)
    )
    print(
        f"ingest            {ingest:7.2f} s  {rate:9.0f} entries/s  ({args.devices} devices at "
        f"once, {args.entries} entries; target >= {INGEST_TARGET}) "
        f"{'OK' if rate >= INGEST_TARGET else 'MISS'}"
    )
    print(f"COPY floor        {floor:7.2f} s  {floor_rate:9.0f} entries/s")
    cpu = hub_cpu[ingest_times.index(ingest)]
    print(
        f"hub CPU           {cpu:7.2f} s  {cpu / args.entries * 1e6:9.0f} us/entry  (every hub "
        "process: workers and their judging workers, user + system, during the ingest)"
    )
    print(
        f"signature floor   {signatures:7.2f} s  {args.entries / signatures:9.0f} entries/s  "
        f"(the {args.entries} Ed25519 checks alone on {cores} cores: {signatures / floor:.2f}x "
        "the COPY floor)"
    )
    print(
        f"acceptance floor  {judged:7.2f} s  {args.entries / judged:9.0f} entries/s  "
        f"(acceptance.judge alone on {cores} cores: hashes, links, Merkle roots, signatures: "
        f"{judged / floor:.2f}x the COPY floor)"
    )
    print(
        f"ratio ingest / COPY floor  {ratio:.2f}  (target <= {FLOOR_RATIO_TARGET:.0f}) "
        f"{'OK' if ratio <= FLOOR_RATIO_TARGET else 'MISS'}; "
        f"ingest / (COPY + acceptance floors) {ingest / (floor + judged):.2f}"
    )
    print("round trips (s): " + " ".join(f"{t:.2f}" for t in trips))
    print(
        f"round trip        p50 {p50:.2f} s  p99 {p99:.2f} s  ({len(trips)} rounds, sync polling "
        f"back to back; target p99 < {ROUND_TRIP_TARGET:.0f} s) "
        f"{'OK' if p99 < ROUND_TRIP_TARGET else 'MISS'}"
    )
    ok = rate >= INGEST_TARGET and ratio <= FLOOR_RATIO_TARGET and p99 < ROUND_TRIP_TARGET
    print(
        json.dumps(
            {
                "bench": "hub",
                "data": f"{args.entries} entries from {args.devices} devices; "
                f"{len(trips)} round trips",
                "figures": {
                    "ingest entries/s": round(rate),
                    "COPY floor entries/s": round(floor_rate),
                    "signature floor entries/s": round(args.entries / signatures),
                    "acceptance floor entries/s": round(args.entries / judged),
                    "hub CPU us/entry": round(cpu / args.entries * 1e6),
                    "round trip p50 s": round(p50, 3),
                    "round trip p99 s": round(p99, 3),
                },
                "ratios": {
                    "ingest / COPY floor": round(ratio, 3),
                    "signature floor / COPY floor": round(signatures / floor, 3),
                    "acceptance floor / COPY floor": round(judged / floor, 3),
                },
                "targets": {
                    "ingest entries/s": f">= {INGEST_TARGET}",
                    "ingest / COPY floor": f"<= {FLOOR_RATIO_TARGET}",
                    "round trip p99 s": f"< {ROUND_TRIP_TARGET}",
                },
                "ok": ok,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
