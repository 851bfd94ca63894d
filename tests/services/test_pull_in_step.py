"""A pull under this device's unplaced own work: rewound, applied step by step, the own work on
top; the projected tables are always what the whole replay gives (services/pull_in_step.py).

The stores, the hub's order and the judging are test_org_ledger's: real stores, real entries.
A device's record of what its unplaced entries changed (services/unplaced.py) is visible in
its tables: kept for entries still unplaced after a step-by-step pull, gone once placed, and
cleared when the pull had to replay the whole history.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import cases, contacts, org_ledger, verify
from evidence_desk.services.session import Session
from tests.helpers import TickingClock, raw_connection
from tests.services.test_org_ledger import PASSWORDS, Org, errors, org, request
from tests.services.test_org_ledger import verify as verify_store

__all__ = ["org"]  # the fixture, used by name


def assert_tables_are_the_replay(session: Session) -> None:
    """Every projected row the whole replay gives is in the database, as replayed, and no
    other row is."""
    _findings, replayed = verify.replay_tables(session)
    held = verify.read_tables(session.conn)
    for table, rows in replayed.items():
        assert set(held[table]) == set(rows), table
        for key, row in rows.items():
            assert {c: held[table][key].get(c) for c in row} == row, (table, key)


def recorded(session: Session) -> list[int]:
    """Own entries whose changes the store keeps for rewinding."""
    return [int(r[0]) for r in session.conn.execute("SELECT seq FROM unplaced_entries")]


def own_seqs(session: Session) -> list[int]:
    return [entry.seq for entry in org_ledger.own_entries(session)]


def test_unpushed_work_is_rewound_under_the_pulled_approval_and_kept_on_top(
    org: Org, tmp_path: Path
) -> None:
    """alice opens a case and has not pushed it when sam's new case arrives, placed before
    it: the pull applies sam's entry step by step and her case on top, keeps the record of
    her still unplaced entry, and the tables are the replay's; pushed and pulled, it goes."""
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    contacts.approve(sam, contact_id, "confirmed")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)  # her request placed
    cases.create_case(alice, "2026-SH-2", debtor_name="李四")
    unpushed = own_seqs(alice)[-1]
    assert recorded(alice) == [unpushed]
    cases.create_case(sam, "2026-SH-3", debtor_name="王五")
    org.hub.push(sam)
    org.hub.pull(alice)
    assert recorded(alice) == [unpushed]  # the step-by-step path ran and kept it
    assert cases.get_case(alice, "2026-SH-2").case_no == "2026-SH-2"
    assert cases.get_case(alice, "2026-SH-3").case_no == "2026-SH-3"
    assert contacts.get_contact(alice, contact_id).status == "approved"
    assert_tables_are_the_replay(alice)
    org.hub.push(alice)
    org.hub.pull(alice)
    assert recorded(alice) == []
    assert_tables_are_the_replay(alice)
    report = verify_store(org.b, "alice")
    assert report.intact, errors(report)


def test_a_request_placed_among_pulled_entries_then_decided_is_seen_decided(
    org: Org, tmp_path: Path
) -> None:
    """The approval round trip: alice's request is pushed, sam's entries are placed before
    it, sam's approval after it; alice's one pull places her request among them and shows the
    decision, with no record left and the tables the replay's."""
    alice = org.login(org.b, "alice")
    sam = org.login(org.a, "sam")
    cases.create_case(sam, "2026-SH-7", debtor_name="赵六")
    org.hub.push(sam)  # placed before alice's request
    contact_id = request(org, tmp_path)
    assert recorded(alice) != []
    org.hub.pull(sam)
    contacts.approve(sam, contact_id, "confirmed")
    org.hub.push(sam)
    org.hub.pull(alice)
    assert contacts.get_contact(alice, contact_id).status == "approved"
    assert recorded(alice) == []
    assert_tables_are_the_replay(alice)
    report = verify_store(org.b, "alice")
    assert report.intact, errors(report)


def test_unpushed_work_the_pulled_entries_now_forbid_goes_to_the_whole_replay(
    org: Org, tmp_path: Path
) -> None:
    """alice opens case 2026-SH-5 offline; sam opens the same number on A and it is placed
    first. Her entry cannot go on top by the rules: the pull replays the whole history, the
    tables are the replay's, and the record of her work is cleared (no longer true)."""
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-5", debtor_name="李四")
    assert recorded(alice) != []
    sam = org.login(org.a, "sam")
    cases.create_case(sam, "2026-SH-5", debtor_name="王五")
    org.hub.push(sam)
    org.hub.pull(alice)
    assert recorded(alice) == []
    assert_tables_are_the_replay(alice)


def test_a_hub_that_accepts_an_own_entry_the_rules_forbid_at_its_place_is_refused(
    org: Org, tmp_path: Path
) -> None:
    """The same race, but the hub places alice's case *after* sam's and accepts it (no
    verdict): at its place the rules refuse it, so the pull is refused, as the whole replay
    refuses it, and nothing is written (her record is still there)."""
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-6", debtor_name="李四")
    before = recorded(alice)
    tables = verify.read_tables(alice.conn)
    sam = org.login(org.a, "sam")
    cases.create_case(sam, "2026-SH-6", debtor_name="王五")
    org.hub.push(sam)
    org.hub.push(alice)  # the list hub accepts what it is given
    with pytest.raises(RuleViolation):
        org.hub.pull(alice)
    assert recorded(alice) == before
    assert verify.read_tables(alice.conn) == tables


def test_unpushed_work_without_a_record_is_replayed_whole(
    org: Org, tmp_path: Path, clock: TickingClock
) -> None:
    """Work written before this release (no record) or whose record was removed: the pull
    replays the whole history, and the tables are the replay's."""
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-8", debtor_name="李四")
    alice.close()
    conn = raw_connection(org.b, "alice", PASSWORDS["alice"])
    conn.execute("DELETE FROM unplaced_entries")
    conn.execute("DELETE FROM unplaced_changes")
    conn.commit()
    conn.close()
    sam = org.login(org.a, "sam")
    cases.create_case(sam, "2026-SH-9", debtor_name="王五")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    assert {"2026-SH-8", "2026-SH-9"} <= {c.case_no for c in cases.list_cases(alice)}
    assert_tables_are_the_replay(alice)


def kept_tree(session: Session, device: str) -> tuple[int, str] | None:
    row = session.conn.execute(
        "SELECT size, peaks FROM device_trees WHERE device_id = ?", (device,)
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def held_of(session: Session, device: str) -> int:
    row = session.conn.execute(
        "SELECT count(*) FROM device_entries WHERE device_id = ?", (device,)
    ).fetchone()
    return int(row[0])


def test_a_pull_keeps_each_devices_tree_and_wrong_kept_peaks_refuse_nothing(
    org: Org, tmp_path: Path
) -> None:
    """A pull keeps the size and peaks of each device's tree it extended (the next one starts
    there instead of hashing every held entry); peaks that are wrong (a disk error, an
    edit) are a cache miss, never a refusal: the entry is checked over the rebuilt tree."""
    sam = org.login(org.a, "sam")
    cases.create_case(sam, "2026-SH-11", debtor_name="王五")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    kept = kept_tree(alice, org.a_id)
    assert kept is not None and kept[0] == held_of(alice, org.a_id)
    alice.close()
    conn = raw_connection(org.b, "alice", PASSWORDS["alice"])
    size = held_of_raw(conn, org.a_id)
    wrong = json.dumps(["00" * 32] * size.bit_count())  # as many peaks as the size has
    conn.execute("UPDATE device_trees SET peaks = ?", (wrong,))
    conn.commit()
    conn.close()
    for case_no, garbage in (("2026-SH-12", None), ("2026-SH-13", '["not hex"]')):
        if garbage is not None:  # unreadable peaks: also rebuilt
            alice.close()
            conn = raw_connection(org.b, "alice", PASSWORDS["alice"])
            conn.execute("UPDATE device_trees SET peaks = ?", (garbage,))
            conn.commit()
            conn.close()
        cases.create_case(sam, case_no, debtor_name="王五")
        org.hub.push(sam)
        alice = org.login(org.b, "alice")
        org.hub.pull(alice)
        assert cases.get_case(alice, case_no).case_no == case_no
        kept = kept_tree(alice, org.a_id)
        assert kept is not None and kept[0] == held_of(alice, org.a_id)
        assert "00" * 32 not in kept[1]
    assert_tables_are_the_replay(alice)


def held_of_raw(conn: Any, device: str) -> int:
    row = conn.execute(
        "SELECT count(*) FROM device_entries WHERE device_id = ?", (device,)
    ).fetchone()
    return int(row[0])


def test_a_tombstone_pulled_under_unpushed_work_destroys_its_case_once_and_wipes_its_files(
    org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """root's tombstone arrives while alice has an unrelated case unpushed: the pull rewinds
    her case, applies the tombstone step by step (the case destroyed at its place, its files
    listed there), puts her case back on top, and wipes the files after the commit; the case
    is destroyed once (before, apply_pull destroyed it a second time after the batch), and
    the tables are the replay's. The real ``destroy_pulled`` runs; the test counts the calls."""
    from evidence_desk.services import case_keys, shredding
    from tests.services.test_shredding_org import CASE, _imported, _shred_on_a

    _imported(org, tmp_path)
    _shred_on_a(org)
    files = {
        p
        for p in (org.b / "blobs").rglob("*")
        if p.is_file() and "tmp" not in p.relative_to(org.b).parts
    }
    assert len(files) == 3
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-8", debtor_name="李四")
    unpushed = own_seqs(alice)[-1]
    runs: list[list[str]] = []
    real = shredding.destroy_pulled

    def counted(session: Session, case_no: str) -> list[str]:
        listed = real(session, case_no)
        runs.append(listed)
        return listed

    monkeypatch.setattr(shredding, "destroy_pulled", counted)
    org.hub.pull(alice)
    assert recorded(alice) == [unpushed]  # the step-by-step path ran, her case on top
    assert len(runs) == 1
    assert {alice.blobs.path_for_name(name) for name in runs[0]} == files
    assert not any(p.exists() for p in files)
    assert case_keys.case_key(alice, CASE) is None
    assert cases.get_case(alice, "2026-SH-8").case_no == "2026-SH-8"
    assert_tables_are_the_replay(alice)
    org.hub.push(alice)
    org.hub.pull(alice)
    alice.close()
    report = verify_store(org.b, "alice")
    assert report.intact, errors(report)
