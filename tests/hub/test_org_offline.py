"""A staff laptop offline for days: it goes on working (cases, contact requests with their
documents, imports of an approved chat) while the supervisor's and the admin's devices sync
their own work; at its next sync several hundred entries go up in batches, nothing twice, every
device pulls them, every store verifies INTACT and the round of syncs after that has nothing
to do. The entries' times come from a clock moved on day by day (services/clock.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from evidence_desk.services import cases, contacts, importing, org_ledger, sync
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import TickingClock, supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation

#: entries per push in this test, so that a few hundred entries take several pushes
BATCH = 64
DAYS = 3
CASES_A_DAY = 100


def _at(org: Org, name: str, clock: TickingClock) -> Session:
    return Session.open(org.stores[name], name, PASSWORD, clock=clock)


def _request(session: Session, folder: Path, case_no: str, number: int) -> str:
    contact = contacts.request_contact(
        session,
        case_no=case_no,
        channel="whatsapp",
        handle=f"+86138000{number:05d}",
        display_name=f"Debtor {number}",
        reason="the debtor added us and asked to talk about repayment",
        consent=True,
        documents=supporting_documents(folder / f"docs-{number}", tag=str(number)),
    )
    return contact.id


def _import(session: Session, folder: Path, contact_id: str, day: int) -> None:
    chat = folder / f"chat-{day}.txt"
    chat.write_text(
        f"05/01/2026, 09:0{day} - Li Ming: 第 {day} 天：关于您的车贷。\n"
        f"05/01/2026, 09:1{day} - Debtor: 我 {day} 号先还 {1000 * (day + 1)}\n",
        encoding="utf-8",
    )
    importing.import_files(session, contact_id, [chat], tz="Asia/Shanghai")


def _unplaced(session: Session) -> int:
    placed = session.conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions").fetchone()
    return len(org_ledger.own_entries(session, since=int(placed[0]) + 1))


def _hub_sizes(hub_db: HubDatabase) -> dict[str, tuple[int, int, int]]:
    with psycopg.connect(hub_db.owner_url) as conn:
        rows = conn.execute(
            "SELECT device_id, count(*), count(DISTINCT seq), max(seq) FROM entries "
            "GROUP BY device_id"
        ).fetchall()
    return {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in rows}


def test_a_laptop_offline_for_days_pushes_hundreds_of_entries_in_batches_once(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "PUSH_BATCH", BATCH)
    clock = TickingClock(datetime.now(UTC))
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        # day 0, online: a contact requested on the laptop and approved on sam's
        with _at(org, "alice", clock) as alice:
            cases.create_case(alice, "2026-D0", debtor_name="陈立新")
            first = _request(alice, tmp_path, "2026-D0", 0)
        assert org.sync("alice")[0] == 0 and org.sync("sam")[0] == 0
        with _at(org, "sam", clock) as sam:
            contacts.approve(sam, first, "identity and debt confirmed")
        assert org.sync("sam")[0] == 0 and org.sync("alice")[0] == 0
        # the laptop loses the hub: its sync keeps the work and says so
        org.kill()
        with _at(org, "alice", clock) as alice:
            cases.create_case(alice, "2026-OFF", debtor_name="王五")
        code, _report, err = org.sync("alice")
        assert code == 5 and "hub_unreachable" in err, err
        org.start()
        # days offline: alice works on, sam and root sync their own work each day
        requested: list[str] = []
        for day in range(1, DAYS + 1):
            clock.advance(days=1)
            with _at(org, "alice", clock) as alice:
                for number in range(CASES_A_DAY):
                    cases.create_case(alice, f"2026-D{day}-{number}", debtor_name="陈立新")
                requested.append(_request(alice, tmp_path, f"2026-D{day}-0", day))
                _import(alice, tmp_path, first, day)
            with _at(org, "sam", clock) as sam:
                cases.create_case(sam, f"2026-sam-{day}", debtor_name="赵六")
            org.invite(f"new{day}", "staff")  # the admin enrols a new colleague
            for name in ("sam", "root"):
                assert org.sync(name)[0] == 0
        with _at(org, "alice", clock) as alice:
            waiting = _unplaced(alice)
            times = [r[0] for r in alice.conn.execute("SELECT at FROM ledger ORDER BY seq")]
        assert waiting >= 300
        # from the join (today) to the last entry made offline: days apart
        spread = datetime.fromisoformat(times[-1]) - datetime.fromisoformat(times[0])
        assert spread >= timedelta(days=DAYS)
        # back online: everything goes up, one signed receipt per batch, nothing twice
        code, report, err = org.sync("alice")
        assert code == 0, err
        assert (report["pushed"], report["already"]) == (waiting, 0)
        assert report["hub_receipts"] == -(-waiting // BATCH)
        assert report["pulled"] >= 2 * DAYS  # sam's and root's days
        # the supervisor sees the requests made offline, approves them; alice imports
        assert org.sync("sam")[0] == 0
        with _at(org, "sam", clock) as sam:
            shown = {c.id for c in contacts.list_contacts(sam, status="requested")}
            assert shown == set(requested)
            for contact_id in requested:
                contacts.approve(sam, contact_id, "identity and debt confirmed")
        assert org.sync("sam")[0] == 0
        assert org.sync("alice")[0] == 0
        with _at(org, "alice", clock) as alice:
            _import(alice, tmp_path, requested[-1], 9)
        for name in ("alice", "sam", "root"):
            code, report, err = org.sync(name)
            assert code == 0, err
        # the round after: nothing to push, nothing to pull
        for name in ("alice", "sam", "root"):
            code, report, err = org.sync(name)
            assert code == 0, err
            done = {k: report[k] for k in ("pushed", "pulled", "blobs_up", "blobs_down")}
            assert done == {"pushed": 0, "pulled": 0, "blobs_up": 0, "blobs_down": 0}, name
        hub = _hub_sizes(hub_db)
        for name in ("alice", "sam", "root"):
            with org.login(name) as session:
                size = int(session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
                assert hub[session.folder.store_id] == (size, size, size), name
                held = dict(
                    session.conn.execute(
                        "SELECT device_id, count(*) FROM device_entries GROUP BY device_id"
                    ).fetchall()
                )
                report_ = verify_store(session, local_anchor=False)
                assert report_.intact, [(f.code, str(f.location)) for f in report_.errors]
            # every other device's ledger, whole, once
            others = {d: n for d, (n, _u, _m) in hub.items() if d != session.folder.store_id}
            assert held == others, name
