"""Authority, not only authorship: an insider's well-signed entries that break the rules.

Each attack is made the way a staff member who knows only their own password could make it: they
open the store with their own key slot and write through the shipped write path with the rule
table's refusal taken out (``insider_code``), or with another user's name over their own key
(``insider_session(sign_as=...)``). ``verify`` must then be not intact and name the entry and the
rule; and the honest write path must refuse the same entry before writing anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.integrity import ledger, signing
from evidence_desk.services import cases, contacts, importing, users
from evidence_desk.services.session import RowChange, put
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store.folder import StoreFolder
from tests.helpers import (
    ADMIN,
    Team,
    insider_code,
    insider_session,
    raw_connection,
    store_state,
)
from tests.insider import (
    CASE_NO,
    approval,
    forge_under_swapped_key,
    last_seq,
    request,
    self_approve,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CHAT = "05/03/2026, 09:00 - 陈立新: 我下周一还5000元\n05/03/2026, 09:05 - 张三: 好的，谢谢\n"


def verify(team: Team) -> VerifyReport:
    return verify_store(team.login("lee"))


def found(report: VerifyReport, code: str, where: str) -> Finding:
    matches = [f for f in report.errors if f.code == code and f.location == where]
    assert matches, f"{code} at {where} not in {[(f.code, f.location) for f in report.errors]}"
    return matches[0]


# -- the write path refuses what the rules forbid, before anything is written ----------------


def test_the_write_path_refuses_a_self_approval_and_changes_nothing(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    sam = team.login("sam")
    before = store_state(team.path)
    payload, rows = approval(sam, contact_id)
    with pytest.raises(RuleViolation) as refused:
        sam.write("contact.approve", payload, rows)
    assert refused.value.rule == "four-eyes"
    assert store_state(team.path) == before


def test_the_write_path_refuses_rows_outside_the_actions_schema(team: Team, tmp_path: Path) -> None:
    alice = team.login("alice")
    cases.create_case(alice, CASE_NO, debtor_name="陈立新")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        alice.write(
            "case.edit",
            {"case_no": CASE_NO, "before": {"status": "open"}},
            [
                put("cases", {"case_no": CASE_NO, "status": "settled"}),
                put("users", {"name": "alice", "role": "admin"}),
            ],
        )
    assert refused.value.rule == "authority.schema"
    assert "users" in refused.value.detail
    with pytest.raises(PermissionDenied):
        alice.write(
            "user.deactivate", {"user": "sam"}, [put("users", {"name": "sam", "active": 0})]
        )
    with pytest.raises(RuleViolation) as unknown:
        alice.write("contact.destroy", {"contact_id": "K-1"})
    assert unknown.value.rule == "authority.action"
    assert store_state(team.path) == before


def test_rows_from_prepare_are_judged_and_what_prepare_wrote_rolls_back_with_a_refusal(
    team: Team,
) -> None:
    """The import stores its full-text rows in ``prepare`` while it computes its imports rows:
    what ``prepare`` returns is judged with the entry's rows, and a refusal undoes its SQL."""
    alice = team.login("alice")
    cases.create_case(alice, CASE_NO, debtor_name="陈立新")
    before = store_state(team.path)

    def prepare(conn: Any) -> list[RowChange]:
        conn.execute("INSERT INTO message_text (rowid, text) VALUES (?, ?)", (999, "先写索引"))
        return [put("users", {"name": "alice", "role": "admin"})]

    with pytest.raises(RuleViolation) as refused:
        alice.write(
            "case.edit",
            {"case_no": CASE_NO, "before": {"status": "open"}},
            [put("cases", {"case_no": CASE_NO, "status": "settled"})],
            prepare=prepare,
        )
    assert refused.value.rule == "authority.schema"
    assert "users" in refused.value.detail
    assert store_state(team.path) == before
    indexed = alice.conn.execute("SELECT count(*) FROM message_text WHERE rowid = 999")
    assert indexed.fetchone()[0] == 0

    entry = alice.write(
        "case.edit",
        {"case_no": CASE_NO, "before": {"status": "open"}},
        prepare=lambda _conn: [put("cases", {"case_no": CASE_NO, "status": "settled"})],
    )
    assert json.loads(entry.payload)["rows"] == [
        {"op": "put", "table": "cases", "row": {"case_no": CASE_NO, "status": "settled"}}
    ]
    assert cases.get_case(alice, CASE_NO).status == "settled"


# -- verify replays the rules over what an insider wrote anyway --------------------------------


def test_self_approval_written_around_the_rules_is_found_and_so_is_evidence_added_under_it(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    approve_seq = self_approve(team, contact_id)
    # the database now says approved, so the shipped import service takes a chat export...
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    importing.import_files(team.login("sam"), contact_id, [export], tz="Asia/Shanghai")
    import_seq = last_seq(team)
    report = verify(team)
    assert not report.intact
    finding = found(report, "rule.four-eyes", f"ledger seq {approve_seq}")
    assert "contact.approve by sam" in finding.detail
    # ... but in the replay the contact was never approved: the import is reported too
    found(report, "rule.contact.approved", f"ledger seq {import_seq}")


def test_staff_approving_their_own_request_breaks_permission_and_four_eyes(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path, requester="alice")
    alice = insider_session(team, "alice")
    payload, rows = approval(alice, contact_id)
    with insider_code():
        alice.write("contact.approve", payload, rows)
    seq = last_seq(team)
    report = verify(team)
    found(report, "rule.permission", f"ledger seq {seq}")
    found(report, "rule.four-eyes", f"ledger seq {seq}")


@pytest.mark.parametrize("decider", ["lee", "ada", ADMIN])
def test_a_legal_user_or_an_admin_deciding_a_request_breaks_permission(
    team: Team, tmp_path: Path, decider: str
) -> None:
    contact_id = request(team, tmp_path)
    session = insider_session(team, decider)
    payload, rows = approval(session, contact_id)
    with pytest.raises(PermissionDenied):
        session.write("contact.approve", payload, rows)
    with insider_code():
        session.write("contact.approve", payload, rows)
    seq = last_seq(team)
    finding = found(verify(team), "rule.permission", f"ledger seq {seq}")
    assert "contact.decide" in finding.detail


def test_staff_making_themselves_admin_is_found_and_their_admin_work_too(
    team: Team, tmp_path: Path
) -> None:
    alice = insider_session(team, "alice")
    cases.create_case(alice, CASE_NO, debtor_name="陈立新")
    with insider_code():
        alice.write(
            "case.edit",
            {"case_no": CASE_NO, "before": {"status": "open"}},
            [
                put("cases", {"case_no": CASE_NO, "status": "settled"}),
                put("users", {"name": "alice", "role": "admin"}),
            ],
        )
    promote_seq = last_seq(team)
    # logged in again, the database says admin: the shipped service lets her add a user
    admin_alice = team.login("alice")
    assert admin_alice.user.role == "admin"
    users.add_user(admin_alice, "mallory", users.Role.SUPERVISOR, "mallory-password")
    add_seq = last_seq(team)
    report = verify(team)
    finding = found(report, "rule.authority.schema", f"ledger seq {promote_seq}")
    assert "case.edit may not change table users" in finding.detail
    found(report, "rule.permission", f"ledger seq {add_seq}")


def test_a_supervisors_key_swapped_in_and_out_to_forge_an_approval_is_found(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path)
    swap_seq, forged_seq, back_seq = forge_under_swapped_key(team, contact_id)
    report = verify(team)
    found(report, "rule.authority.schema", f"ledger seq {swap_seq}")
    found(report, "rule.authority.schema", f"ledger seq {back_seq}")
    # the approval is checked against the key the ledger held for sam then: not alice's
    found(report, "ledger.signature", f"ledger seq {forged_seq}")
    found(report, "approval.cosignature", f"ledger seq {forged_seq}")


def test_a_deactivated_user_who_restores_old_key_slots_and_keeps_writing_is_found(
    team: Team, tmp_path: Path
) -> None:
    saved = (team.path / "keyslots.json").read_bytes()
    users.deactivate_user(team.login("ada"), "bob")
    (team.path / "keyslots.json").write_bytes(saved)
    bob = insider_session(team, "bob")
    with pytest.raises(RuleViolation) as refused:
        cases.create_case(bob, "2026-BOB-1", debtor_name="王五")
    assert refused.value.rule == "authority.inactive"
    with insider_code():
        cases.create_case(bob, "2026-BOB-1", debtor_name="王五")
    seq = last_seq(team)
    report = verify(team)
    assert "bob" in found(report, "rule.authority.inactive", f"ledger seq {seq}").detail
    found(report, "keyslot.inactive", "keyslots.json slot of bob")


def test_a_decision_dated_before_its_request_is_found(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path)
    team.clock.advance(days=-2)
    sam = insider_session(team, "sam")
    payload, rows = approval(sam, contact_id)
    with pytest.raises(RuleViolation) as refused:
        sam.write("contact.approve", payload, rows)
    assert refused.value.rule == "contact.chronology"
    with insider_code():
        sam.write("contact.approve", payload, rows)
    seq = last_seq(team)
    finding = found(verify(team), "rule.contact.chronology", f"ledger seq {seq}")
    assert "before the request" in finding.detail


def test_two_entries_by_two_users_reordered_are_found_at_both(team: Team, tmp_path: Path) -> None:
    request(team, tmp_path)  # alice's case and request
    sam_case = team.login("sam")
    cases.create_case(sam_case, "2026-SAM-1", debtor_name="赵六")
    second = last_seq(team)
    first = second - 1
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    with conn:
        rows = {
            r["seq"]: dict(r)
            for r in conn.execute("SELECT * FROM ledger WHERE seq IN (?, ?)", (first, second))
        }
        assert rows[first]["actor"] != rows[second]["actor"]
        conn.execute("DELETE FROM ledger WHERE seq IN (?, ?)", (first, second))
        for seq, source in ((first, rows[second]), (second, rows[first])):
            conn.execute(
                "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    source["at"],
                    source["actor"],
                    source["action"],
                    source["payload"],
                    source["payload_hash"],
                    source["prev_hash"],
                    source["entry_hash"],
                    source["signature"],
                ),
            )
    conn.close()
    report = verify(team)
    places = {f.location for f in report.errors}
    assert {f"ledger seq {first}", f"ledger seq {second}"} <= places


def test_a_checkpoint_resigned_by_a_deactivated_user_is_found(team: Team, tmp_path: Path) -> None:
    request(team, tmp_path)
    target = last_seq(team)
    users.deactivate_user(team.login("ada"), "bob")
    folder = StoreFolder.open(team.path)
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    root = conn.execute("SELECT root FROM checkpoints WHERE size = ?", (target,)).fetchone()[0]
    bob_key = signing.private_key_from_bytes(
        # bob's key as an old copy of his slot would give it: taken before deactivation
        _bob_key(team)
    )
    note = ledger.checkpoint_note(folder.store_id, target, root)
    forged = signing.sign(bob_key, signing.CHECKPOINT_CONTEXT, note.encode())
    with conn:
        conn.execute(
            "UPDATE checkpoints SET signer = 'bob', signature = ? WHERE size = ?", (forged, target)
        )
    conn.close()
    report = verify(team)
    found(report, "checkpoint.signer", f"checkpoint {target}")


def _bob_key(team: Team) -> bytes:
    """bob's signing key from the backup of his slot the fixture keeps (see below)."""
    return BOB_KEYS[team.path]


BOB_KEYS: dict[Path, bytes] = {}


@pytest.fixture(autouse=True)
def _remember_bobs_key(team: Team) -> None:
    """bob's key, read while his slot still exists (a deactivated user keeps what they had)."""
    folder = StoreFolder.open(team.path)
    BOB_KEYS[team.path] = folder.keyslots.unlock("bob", team.passwords["bob"]).signing_key


def test_a_key_slot_whose_key_is_not_the_ledgers_is_found(team: Team) -> None:
    path = team.path / "keyslots.json"
    doc = json.loads(path.read_text("utf-8"))
    folder = StoreFolder.open(team.path)
    from evidence_desk.store.keys import user_tag

    doc["slots"][user_tag(folder.store_id, "sue")]["public_key"] = "00" * 32
    path.write_text(json.dumps(doc), encoding="utf-8")
    found(verify(team), "keyslot.key", "keyslots.json slot of sue")


def test_an_honest_history_breaks_no_rule(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path)
    contacts.approve(team.login("sue"), contact_id, "ok")
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    importing.import_files(team.login("alice"), contact_id, [export], tz="Asia/Shanghai")
    contacts.revoke(team.login("sam"), contact_id, "debtor asked us to stop")
    users.deactivate_user(team.login("ada"), "bob")
    report = verify(team)
    assert report.intact, report.errors
    assert not [f for f in report.findings if f.code.startswith(("rule.", "keyslot."))]


def test_cli_verify_names_the_entry_and_the_rule(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    seq = self_approve(team, contact_id)
    team.close_all()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evidence_desk",
            "verify",
            "--store",
            str(team.path),
            "--user",
            "lee",
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "EVIDENCE_DESK_PASSWORD": team.passwords["lee"]},
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "rule.four-eyes" in done.stdout
    assert f"ledger seq {seq}" in done.stdout


def _document_blob(team: Team, contact_id: str) -> dict[str, Any]:
    """The original row of the request's identity proof (kind ``document``)."""
    conn = raw_connection(team.path, ADMIN, team.passwords[ADMIN])
    try:
        row = conn.execute(
            "SELECT b.* FROM blobs b JOIN items i ON i.sha256 = b.sha256 "
            "WHERE i.contact_id = ? AND i.role = 'identity_proof'",
            (contact_id,),
        ).fetchone()
        return dict(row)
    finally:
        conn.close()


def test_an_original_recorded_again_for_another_use_keeps_its_row_and_other_facts_are_found(
    team: Team, tmp_path: Path
) -> None:
    """An insider re-records a request's document as an imported original: the rule table
    takes the other use (the same file serves both), and neither the database nor the
    replay changes the row on record. The same re-record with another SM3 breaks the rule,
    and verify names it at its entry."""
    contact_id = request(team, tmp_path)
    contacts.approve(team.login("sam"), contact_id, "ok")
    held = _document_blob(team, contact_id)
    assert held["kind"] == "document"
    alice = team.login("alice")
    files = [held["sha256"]]
    again = {**held, "kind": "original"}
    alice.write(
        "evidence.attach",
        {"contact_id": contact_id, "role": "screenshot", "files": files},
        [put("blobs", again)],
    )
    assert _document_blob(team, contact_id) == held
    report = verify(team)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]
    other = {**again, "sm3": "ce" * 32}
    with pytest.raises(RuleViolation) as refused:
        alice.write(
            "evidence.attach",
            {"contact_id": contact_id, "role": "screenshot", "files": files},
            [put("blobs", other)],
        )
    assert refused.value.rule == "authority.schema"
    with insider_code():
        alice.write(
            "evidence.attach",
            {"contact_id": contact_id, "role": "screenshot", "files": files},
            [put("blobs", other)],
        )
    finding = found(verify(team), "rule.authority.schema", f"ledger seq {last_seq(team)}")
    assert "blobs" in finding.detail
