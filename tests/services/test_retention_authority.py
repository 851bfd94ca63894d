"""Retention rules an insider breaks with their own keys are found by ``verify``.

As in tests/services/test_authority.py: the insider opens the store with their own key slot and
writes through the shipped write path with the rule table's refusal taken out
(``insider_code``). The honest write path refuses the same entry before writing anything, and
``verify`` names the entry (``ledger seq N``) and the rule (``rule.<rule>``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain import retention as rules
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Phrase
from evidence_desk.services import cases, contacts, importing, retention
from evidence_desk.services.session import RowChange, put
from evidence_desk.services.verify import VerifyReport, verify_store
from tests.helpers import Team, insider_code, insider_session, store_state
from tests.insider import CASE_NO, last_seq
from tests.services.test_org_ledger import CHAT, Org, org, request

__all__ = ["org"]  # the two-device fixture, used by name


def _verify(team: Team) -> VerifyReport:
    return verify_store(team.login("lee"))


def _found(report: VerifyReport, code: str, where: str) -> Finding:
    matches = [f for f in report.errors if f.code == code and f.location == where]
    assert matches, f"{code} at {where} not in {[(f.code, f.location) for f in report.errors]}"
    return matches[0]


def _phrase(detail: object, code: str) -> Phrase | None:
    """The phrase coded ``code`` in ``detail`` or among its facts, at any depth."""
    if not isinstance(detail, Phrase):
        return None
    if detail.code == code:
        return detail
    return next((found for _k, v in detail.facts if (found := _phrase(v, code)) is not None), None)


def _lift(hold_id: str, actor: str, at: str) -> tuple[dict[str, str], list[RowChange]]:
    payload = {"hold_id": hold_id, "case_no": CASE_NO, "reason": "no longer needed"}
    row = {"id": hold_id, "lifted_by": actor, "lifted_at": at, "lift_reason": "no longer needed"}
    return payload, [put("holds", row)]


def test_staff_lifting_a_legal_hold_with_their_own_key_is_found(team: Team) -> None:
    cases.create_case(team.login("alice"), CASE_NO, debtor_name="陈立新")
    hold = retention.add_hold(team.login("lee"), CASE_NO, "litigation pending")
    alice = insider_session(team, "alice")
    payload, rows = _lift(hold.id, "alice", alice.now())
    before = store_state(team.path)
    with pytest.raises(PermissionDenied):
        alice.write("hold.lift", payload, rows)
    assert store_state(team.path) == before
    with insider_code():
        alice.write("hold.lift", payload, rows)
    seq = last_seq(team)
    report = _verify(team)
    assert not report.intact
    finding = _found(report, "rule.permission", f"ledger seq {seq}")
    assert "legal.hold" in finding.detail
    # the database says lifted (what the insider wanted); verify says who did it
    assert retention.retention_of(team.login("lee"), CASE_NO).active_hold is None


def test_a_retention_floor_of_one_year_written_by_an_admin_is_found(team: Team) -> None:
    admin = insider_session(team, "ada")
    change = [put("settings", {"key": rules.FLOOR_SETTING, "value": "1"})]
    payload = {"key": rules.FLOOR_SETTING, "before": "2"}
    with pytest.raises(RuleViolation) as refused:
        admin.write("settings.set", payload, change)
    assert refused.value.rule == "retention.floor"
    with insider_code():
        admin.write("settings.set", payload, change)
    seq = last_seq(team)
    finding = _found(_verify(team), "rule.retention.floor", f"ledger seq {seq}")
    assert "CC-9" in finding.detail


def test_lifting_a_lifted_hold_and_closing_a_case_twice_are_found(team: Team) -> None:
    cases.create_case(team.login("alice"), CASE_NO, debtor_name="陈立新")
    hold = retention.add_hold(team.login("lee"), CASE_NO, "litigation pending")
    retention.lift_hold(team.login("lee"), CASE_NO, "judgment final")
    retention.close_case(team.login("sam"), CASE_NO, "repaid")
    lee = insider_session(team, "lee")
    payload, rows = _lift(hold.id, "lee", lee.now())
    with pytest.raises(RuleViolation) as refused:
        lee.write("hold.lift", payload, rows)
    assert refused.value.rule == "hold.lifted"
    sam = insider_session(team, "sam")
    closure = dict(sam.conn.execute("SELECT * FROM case_closures").fetchone())
    closure.update(closed_at=sam.now(), reason="again")
    with insider_code():
        lee.write("hold.lift", payload, rows)
        lift_seq = last_seq(team)
        sam.write(
            "case.close", {"case_no": CASE_NO, "reason": "again"}, [put("case_closures", closure)]
        )
        close_seq = last_seq(team)
    report = _verify(team)
    _found(report, "rule.hold.lifted", f"ledger seq {lift_seq}")
    _found(report, "rule.case.closed", f"ledger seq {close_seq}")


def test_a_closure_with_an_earlier_deletion_date_is_found(team: Team) -> None:
    cases.create_case(team.login("alice"), CASE_NO, debtor_name="陈立新")
    sam = insider_session(team, "sam")
    closed_at = sam.now()
    row = {
        "case_no": CASE_NO,
        "closed_by": "sam",
        "closed_at": closed_at,
        "reason": "repaid",
        "floor_years": 2,
        "cap_years": 5,
        "last_record": cases.get_case(sam, CASE_NO).created_at,
        "delete_after": rules.add_years(closed_at, 1),  # a year after closure, not five
    }
    payload = {"case_no": CASE_NO, "reason": "repaid"}
    with pytest.raises(RuleViolation) as refused:
        sam.write("case.close", payload, [put("case_closures", row)])
    assert refused.value.rule == "retention.deletion_date"
    assert _phrase(refused.value.detail, "retention.deletion_date") is not None
    # an earlier last record too: the sentence names both fields that differ
    both = dict(row, last_record="2020-01-01T00:00:00.000000Z")
    with pytest.raises(RuleViolation) as refused:
        sam.write("case.close", payload, [put("case_closures", both)])
    named = _phrase(refused.value.detail, "retention.closure_dates")
    assert named is not None and named.fact("value_last") == "2020-01-01T00:00:00.000000Z"
    with insider_code():
        sam.write("case.close", payload, [put("case_closures", row)])
    seq = last_seq(team)
    _found(_verify(team), "rule.retention.deletion_date", f"ledger seq {seq}")
    # a floor of one year recorded in the closure itself is the floor rule
    cases.create_case(team.login("alice"), "2026-RT-2", debtor_name="王五")
    low = dict(row, case_no="2026-RT-2", floor_years=1, closed_at=sam.now())
    with insider_code():
        sam.write(
            "case.close", {"case_no": "2026-RT-2", "reason": "repaid"}, [put("case_closures", low)]
        )
    _found(_verify(team), "rule.retention.floor", f"ledger seq {last_seq(team)}")


def test_a_closure_racing_an_import_is_refused_naming_the_last_record(
    org: Org, tmp_path: Path
) -> None:
    """sam closes the case on A before pulling alice's import on B; the hub places the import
    first, so the closure's last record is not the case's. The deletion dates agree (closure
    plus the cap outlasts the import plus the floor), so the refusal names the last record,
    the field that differs, not two identical deletion dates."""
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    contacts.approve(sam, contact_id, "identity and debt confirmed")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    org.hub.pull(sam)
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    org.hub.push(alice)
    retention.close_case(sam, "2026-SH-1", "repaid in full")  # not pulled the import
    closure = dict(sam.conn.execute("SELECT * FROM case_closures").fetchone())
    org.hub.push(sam)
    with pytest.raises(RuleViolation) as refused:
        org.hub.pull(sam)
    assert refused.value.rule == "rule.retention.deletion_date"
    inner = _phrase(refused.value.detail, "retention.last_record")
    assert inner is not None, refused.value.detail
    assert inner.fact("value") == closure["last_record"]
    later = inner.fact("expected")
    assert later is not None and later > closure["last_record"]
    # the deletion date is the same both ways: the sentence does not print it twice
    assert closure["delete_after"] not in inner
