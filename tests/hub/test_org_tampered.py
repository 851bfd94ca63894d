"""The hub's tables changed by the database's superuser (``session_replication_role =
replica`` switches the append-only triggers off): an entry's payload or signature edited, an
entry deleted (a gap in the device's seqs), two entries of a device swapped in the hub's
acceptance order. A device that holds the original refuses the next sync (``sync.hub_changed``
naming the device) and verifies INTACT; a device that does not hold it yet refuses the pull
(or the join) naming the device and the entry; the device that wrote it and kept the hub's
signed receipts refuses its own entries served otherwise. Nothing changed is ever taken in."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from evidence_desk.services import cases, sync
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run

KINDS = ("payload", "signature", "deleted", "swapped")


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, str(f.location), str(f.detail)) for f in report.errors]


def _cases(org: Org, count: int) -> tuple[str, int]:
    """``count`` cases on alice's laptop: her device and the seq of the second one's entry."""
    with org.login("alice") as alice:
        first = int(alice.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]) + 1
        for number in range(count):
            cases.create_case(alice, f"2026-T-{number}", debtor_name="陈立新")
        return alice.folder.store_id, first + 1


def _tamper(hub_db: HubDatabase, kind: str, device: str, seq: int) -> None:
    """What the superuser does to entry ``seq`` of ``device`` (and ``seq + 1``)."""
    where = "WHERE device_id = %s AND seq = %s"
    with psycopg.connect(hub_db.owner_url) as conn:
        conn.execute("SET session_replication_role = replica")
        if kind == "payload":  # still valid JSON, other bytes
            conn.execute(f"UPDATE entries SET payload = payload || ' ' {where}", (device, seq))
        elif kind == "signature":  # the next entry's: well formed, not this entry's
            conn.execute(
                f"UPDATE entries SET signature = (SELECT signature FROM entries {where}) {where}",
                (device, seq + 1, device, seq),
            )
        elif kind == "deleted":
            conn.execute(f"DELETE FROM entries {where}", (device, seq))
        else:  # swapped: seq takes seq + 1's place in the acceptance order and the reverse
            place = f"SELECT hub_seq FROM entries {where}"
            low = conn.execute(place, (device, seq)).fetchone()
            high = conn.execute(place, (device, seq + 1)).fetchone()
            assert low is not None and high is not None
            conn.execute(f"UPDATE entries SET hub_seq = -1 {where}", (device, seq))
            conn.execute(f"UPDATE entries SET hub_seq = %s {where}", (low[0], device, seq + 1))
            conn.execute(f"UPDATE entries SET hub_seq = %s {where}", (high[0], device, seq))
        order = [
            int(r[0])
            for r in conn.execute(
                "SELECT seq FROM entries WHERE device_id = %s ORDER BY hub_seq", (device,)
            )
        ]
    assert (seq in order) is (kind != "deleted")
    if kind == "swapped":
        assert order.index(seq + 1) == order.index(seq) - 1


def _refused(err: str, device: str, *rules: str) -> None:
    assert device in err and any(rule in err for rule in rules), err


def _refused_or_forked(code: int, err: str, device: str, *rules: str) -> None:
    """A change that moves or drops an entry also changes the organisation log: a device that
    saw a checkpoint covering it refuses the hub on the consistency proof first (exit 1),
    before anything is pulled; otherwise the rule that finds the entry itself (exit 3)."""
    if code == 1:
        assert "org_checkpoint.not_extension" in err, err
    else:
        assert code == 3, err
        _refused(err, device, *rules)


@pytest.mark.parametrize("kind", KINDS)
def test_devices_that_pulled_an_entry_the_superuser_changed_refuse_the_hub(
    hub_db: HubDatabase, tmp_path: Path, kind: str
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        lee_code = org.invite("lee", "legal")  # lee joins after the change
        device, seq = _cases(org, 4)
        assert org.sync("alice")[0] == 0
        assert org.sync("root")[0] == 0  # root pulls alice's cases; sam does not
        _tamper(hub_db, kind, device, seq)
        # the devices that hold the original: the hub's history changed, nothing is pulled
        for name in ("root", "alice"):
            code, _report, err = org.sync(name)
            assert code == 3, err
            _refused(err, device, "sync.hub_changed")
            _intact(org, name)
        # a device that syncs for the first time since, and one that joins: refused, named
        code, _report, err = org.sync("sam")
        _refused_or_forked(code, err, device, "org.entry_hash", "ledger.signature", "org.link")
        with org.login("sam") as sam:
            held = sam.conn.execute(
                "SELECT count(*) FROM device_entries WHERE device_id = ? AND seq >= ?",
                (device, seq),
            ).fetchone()[0]
        assert held == 0
        _intact(org, "sam")
        joined = run(
            "join", org.url, "--code", lee_code, "--ca", org.ca, "--user", "lee",
            "--store", tmp_path / "lee",
        )  # fmt: skip
        assert joined[0] == 3, joined
        _refused(joined[2], device, "org.entry_hash", "ledger.signature", "org.link")
        assert not (tmp_path / "lee").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_device_refuses_its_own_receipted_entries_changed_before_it_pulled_them(
    hub_db: HubDatabase, tmp_path: Path, kind: str
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        device, seq = _cases(org, 4)
        with org.login("alice") as alice, sync.client_for(alice, sync.binding(alice.folder)) as c:
            report = sync.SyncReport()
            sync.push(alice, c, report)  # the answer (and its receipt) came; no pull yet
        assert report.pushed == 4 and report.hub_receipts == 1
        _tamper(hub_db, kind, device, seq)
        code, _report, err = org.sync("alice")
        # her own entries served edited, placed otherwise than receipted, or missing below
        # the hub's head (her push finds it: not taken for a cloned device)
        rule = {
            "payload": "org.own_entry",
            "signature": "org.own_entry",
            "swapped": "receipt.denied",
            "deleted": "sync.hub_changed",
        }[kind]
        _refused_or_forked(code, err, "", rule)
        with org.login("alice") as alice:
            placed = alice.conn.execute("SELECT count(*) FROM org_positions WHERE seq >= ?", (seq,))
            assert placed.fetchone()[0] == 0
        _intact(org, "alice")
        # root never pulled them either: refused, named
        code, _report, err = org.sync("root")
        _refused_or_forked(code, err, device, "org.entry_hash", "ledger.signature", "org.link")
        _intact(org, "root")
