"""Append-only records a sync must take back and put again (store migration 23): a breach
record an admin filed, or a processing record legal's export wrote, while another laptop's
entries reached the hub first. The sync rewinds the own unplaced entries (their rows undone),
applies the other laptop's entries in the organisation's order and the own ones on top; the
store's "never deleted" triggers must let exactly that rewind through. A record the hub
refused (an insider's, that breaks the rule table) must leave the tables, through the same
door. Real stores, a real hub (``hub serve`` on PostgreSQL over TLS), the command line's sync.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.retention import add_years
from evidence_desk.services import breaches, bundle, cases, signing_certs
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import verify_store
from tests.helpers import COURT, insider_code, pkcs12_identity
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, synced
from tests.hub.test_org_end_to_end import approved_remotely
from tests.services.test_breaches import REPORT
from tests.services.test_processing_records import _forged_row


def _intact(org: Org, *names: str) -> None:
    for name in names:
        with org.login(name) as session:
            report = verify_store(session, local_anchor=False)
        assert report.intact, (name, [(f.code, f.location, f.detail) for f in report.errors])


def _ledger_row(session: Session, seq: int, table: str) -> dict[str, Any]:
    """The one row of ``table`` that own entry ``seq`` put, as its payload holds it."""
    payload = json.loads(
        session.conn.execute("SELECT payload FROM ledger WHERE seq = ?", (seq,)).fetchone()[0]
    )
    (row,) = [r["row"] for r in payload["rows"] if r["table"] == table]
    return dict(row)


def _seq_of(session: Session, action: str) -> int:
    return int(
        session.conn.execute("SELECT max(seq) FROM ledger WHERE action = ?", (action,)).fetchone()[
            0
        ]
    )


def _placed_after(session: Session, seq: int, foreign_action: str) -> bool:
    """Whether own entry ``seq`` sits after every held foreign ``foreign_action`` entry in the
    organisation's order."""
    own = session.conn.execute(
        "SELECT org_seq, verdict FROM org_positions WHERE seq = ?", (seq,)
    ).fetchone()
    foreign = session.conn.execute(
        "SELECT max(org_seq) FROM device_entries WHERE action = ?", (foreign_action,)
    ).fetchone()[0]
    assert own is not None and foreign is not None
    return bool(own["verdict"] == "" and int(own["org_seq"]) > int(foreign))


def test_a_breach_filed_while_another_laptop_synced_first_is_placed_after_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("root") as root:
            record = breaches.add(root, REPORT)
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-RW-1", debtor_name="陈立新")
        synced(org, "alice")  # alice's entries reach the hub first
        code, report, err = org.sync("root")  # on main: "breach records are never deleted"
        assert code == 0, err
        assert report["pulled"] >= 1
        with org.login("root") as root:
            seq = _seq_of(root, "breach.add")
            assert _placed_after(root, seq, "case.create")
            row = dict(
                root.conn.execute(
                    "SELECT * FROM breach_records WHERE id = ?", (record.id,)
                ).fetchone()
            )
            assert row == _ledger_row(root, seq, "breach_records")
            assert root.conn.execute("SELECT count(*) FROM rewind_guards").fetchone()[0] == 0
        synced(org, "alice")
        with org.login("alice") as alice:
            held = alice.conn.execute(
                "SELECT * FROM breach_records WHERE id = ?", (record.id,)
            ).fetchone()
            assert held is not None and dict(held) == row
        _intact(org, "root", "alice")


def test_legal_exports_while_another_laptop_synced_first_and_the_record_follows_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        approved_remotely(org, tmp_path)  # case 2026-SH-1: a contact approved on sam's laptop
        synced(org, "lee")
        with org.login("lee") as lee:
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
            bundle.export_bundle(lee, Scope("2026-SH-1"), tmp_path / "out", recipient=COURT)
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-RW-3", debtor_name="王五")
        synced(org, "alice")  # alice's entries reach the hub first
        code, _report, err = org.sync("lee")  # on main: "processing records are kept ..."
        assert code == 0, err
        with org.login("lee") as lee:
            seq = _seq_of(lee, "processing.record")
            assert _placed_after(lee, seq, "case.create")
            (row,) = [dict(r) for r in lee.conn.execute("SELECT * FROM processing_records")]
            assert row == _ledger_row(lee, seq, "processing_records")
        synced(org, "alice", "sam", "root")
        _intact(org, "lee", "alice", "sam", "root")


def test_a_record_the_hub_refused_leaves_the_tables_of_its_own_device(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """An insider admin writes a breach record the rule table forbids (filed before the breach
    was discovered) with their own keys, around the write path's refusal: the hub keeps the
    entry marked refused and the admin's next sync takes its row out again."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-RW-4", debtor_name="陈立新")
        synced(org, "alice")
        with org.login("root") as root, insider_code():
            now = root.now()
            row = {
                "id": "BR-insider",
                "kind": REPORT.kind,
                "cause": REPORT.cause,
                "cause_note": "",
                "harms": '["harassment"]',
                "harm_note": "",
                "remedies": '["passwords_rotated"]',
                "remedy_note": "",
                "advice": "[]",
                "contact_name": "王敏",
                "contact_phone": "021-5555-0100",
                "cases_affected": 1,
                "people_affected": 1,
                "discovered_at": "2999-01-01T00:00:00.000000Z",  # after it was filed
                "filed_by": "root",
                "filed_at": now,
            }
            root.write("breach.add", {"breach_id": row["id"]}, [put("breach_records", row)])
            assert root.conn.execute(
                "SELECT 1 FROM breach_records WHERE id = 'BR-insider'"
            ).fetchone()
        code, _report, err = org.sync("root")  # on main: "breach records are never deleted"
        assert code == 3 and "breach.record" in err, err
        with org.login("root") as root:
            seq = _seq_of(root, "breach.add")
            verdict = root.conn.execute(
                "SELECT verdict FROM org_positions WHERE seq = ?", (seq,)
            ).fetchone()[0]
            assert verdict == "breach.record"
            assert (
                root.conn.execute("SELECT 1 FROM breach_records WHERE id = 'BR-insider'").fetchone()
                is None
            )
        synced(org, "alice")
        with org.login("alice") as alice:
            assert alice.conn.execute("SELECT count(*) FROM breach_records").fetchone()[0] == 0
        _intact(org, "root", "alice")


def test_a_processing_record_the_hub_refused_leaves_legals_tables(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """An insider on legal's laptop writes a processing record kept one year instead of three
    (the rule table refuses it): the hub marks it refused, and lee's sync takes the row out
    although its retain_until is years away."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-RW-5", debtor_name="陈立新")
        synced(org, "alice", "lee")
        with org.login("lee") as lee, insider_code():
            at = lee.now()
            row = {**_forged_row("2026-RW-5", at, "lee"), "retain_until": add_years(at, 1)}
            lee.write(
                "processing.record",
                {"record_id": row["id"], "case_no": "2026-RW-5", "bundle_id": row["bundle_id"]},
                [put("processing_records", row)],
            )
        code, _report, err = org.sync("lee")  # on main: "processing records are kept ..."
        assert code == 3 and "processing.record" in err, err
        with org.login("lee") as lee:
            seq = _seq_of(lee, "processing.record")
            verdict = lee.conn.execute(
                "SELECT verdict FROM org_positions WHERE seq = ?", (seq,)
            ).fetchone()[0]
            assert verdict == "processing.record"
            assert lee.conn.execute("SELECT count(*) FROM processing_records").fetchone()[0] == 0
        synced(org, "alice")
        _intact(org, "lee", "alice")
