"""Acknowledgements seal their finding's code and facts, never its English: rewording the
conduct catalogue leaves a store intact and shows the new words; an acknowledgement an older
release sealed in English still verifies and shows its text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evidence_desk import cli
from evidence_desk.domain import wording
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import conduct
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import verify_store
from tests import conduct_scenario
from tests.conduct_scenario import Scenario
from tests.helpers import Team


@pytest.fixture
def scenario(team: Team, tmp_path: Path) -> Scenario:
    return conduct_scenario.build(team, tmp_path)


def _quiet_hours(scenario: Scenario) -> conduct.ConductFinding:
    return next(f for f in conduct.run_checks(scenario.staff) if f.rule == "CC-1")


def _sealed_row(session: Session) -> dict[str, Any]:
    entry = session.conn.execute(
        "SELECT action, payload FROM ledger ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert entry["action"] == "conduct.ack"
    rows = [c["row"] for c in json.loads(entry["payload"])["rows"]]
    assert len(rows) == 1
    row: dict[str, Any] = rows[0]
    return row


def _check_output(team: Team, contact_id: str, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> str:
    """The CLI's ``check`` for one contact, in this process (so a reworded catalogue shows)."""
    monkeypatch.setenv("EVIDENCE_DESK_PASSWORD", team.passwords["lee"])
    capsys.readouterr()
    code = cli.main(["--store", str(team.path), "--user", "lee", "check", "--contact", contact_id])
    assert code == 1  # open findings remain
    out: str = capsys.readouterr().out
    return out


def _reword(monkeypatch: pytest.MonkeyPatch, code: str) -> str:
    text = wording.template(code)
    assert text is not None
    new = "reworded: " + text
    monkeypatch.setitem(wording._TEMPLATES, code, new)
    monkeypatch.setitem(conduct._said._templates, code, new)
    return new


def test_a_new_acknowledgement_seals_code_and_facts(scenario: Scenario) -> None:
    target = _quiet_hours(scenario)
    sam = scenario.team.login("sam")
    conduct.acknowledge(sam, target.id, "债务人当晚主动来电要求回复")
    row = _sealed_row(sam)
    sealed = json.loads(row["detail"])
    assert sealed == {"code": "conduct.cc1_quiet_hours", "facts": dict(target.detail.facts)}
    assert "within quiet hours" not in json.dumps(row, ensure_ascii=False)
    assert row["detail"] == conduct.sealed_detail(target.detail)  # canonical: sorted, compact
    [ack] = conduct.list_acknowledgements(scenario.staff)
    assert ack.detail == target.detail
    assert isinstance(ack.detail, wording.Phrase) and ack.detail.code == "conduct.cc1_quiet_hours"


def test_rewording_after_acknowledging_keeps_the_store_intact(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    target = _quiet_hours(scenario)
    conduct.acknowledge(scenario.team.login("sam"), target.id, "已处理")
    before = _check_output(scenario.team, scenario.bad, monkeypatch, capsys)
    assert str(target.detail) in before and "acknowledged by sam" in before
    new = _reword(monkeypatch, "conduct.cc1_quiet_hours")
    report = verify_store(scenario.staff)
    assert report.intact, [f.as_json() for f in report.errors]
    [ack] = conduct.list_acknowledgements(scenario.staff)
    assert ack.detail.startswith("reworded: staff ") and ack.detail == new.format(
        **dict(target.detail.facts)
    )
    after = _check_output(scenario.team, scenario.bad, monkeypatch, capsys)
    assert str(ack.detail) in after and "acknowledged by sam" in after
    assert after.replace("reworded: ", "") == before  # the new words, nothing else changed


def test_an_acknowledgement_sealed_in_english_still_verifies_and_shows(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    target = _quiet_hours(scenario)
    sam = scenario.team.login("sam")
    old = {  # the row as the release before sealed it: the English of the day
        "finding_id": target.id,
        "rule": target.rule,
        "case_no": target.case_no,
        "contact_id": target.contact_id,
        "message_fingerprint": target.message_fingerprint,
        "detail": str(target.detail),
        "note": "旧版本的确认",
        "acked_by": "sam",
        "acked_at": sam.now(),
    }
    sam.write(
        "conduct.ack",
        {"finding_id": target.id, "rule": target.rule, "contact_id": target.contact_id},
        [put("conduct_acks", old)],
    )
    assert _sealed_row(sam)["detail"] == str(target.detail)
    report = verify_store(scenario.staff)
    assert report.intact, [f.as_json() for f in report.errors]
    [ack] = conduct.list_acknowledgements(scenario.staff)
    assert ack.detail == str(target.detail) and not isinstance(ack.detail, wording.Phrase)
    shown = _check_output(scenario.team, scenario.bad, monkeypatch, capsys)
    assert "acknowledged by sam" in shown and "旧版本的确认" in shown


def test_the_rule_table_refuses_a_detail_that_is_no_sealed_conduct_code(
    scenario: Scenario,
) -> None:
    target = _quiet_hours(scenario)
    sam = scenario.team.login("sam")
    payload = {"finding_id": target.id, "rule": target.rule, "contact_id": target.contact_id}
    row = {
        "finding_id": target.id,
        "rule": target.rule,
        "case_no": target.case_no,
        "contact_id": target.contact_id,
        "message_fingerprint": target.message_fingerprint,
        "note": "x",
        "acked_by": "sam",
        "acked_at": sam.now(),
    }
    for detail in ('{"code":"import.empty_file","facts":{}}', '{"text":"x"}', "{not json"):
        with pytest.raises(RuleViolation) as refused:
            sam.write("conduct.ack", payload, [put("conduct_acks", {**row, "detail": detail})])
        assert refused.value.rule == "conduct.detail"
    assert conduct.list_acknowledgements(scenario.staff) == []


def test_a_new_acknowledgements_note_is_sealed_under_the_case_key(scenario: Scenario) -> None:
    """The note is in the conduct.ack entry's row, which other devices and the hub keep: sealed
    under the case key (as a tag's note), it goes with the key when the case is shredded.
    Readers see it opened; one that does not open under its place is verify's finding."""
    target = _quiet_hours(scenario)
    sam = scenario.team.login("sam")
    note = "债务人陈立新当晚主动来电"
    acked = conduct.acknowledge(sam, target.id, note)
    assert acked.ack_note == note
    row = _sealed_row(sam)
    assert row["note"].startswith("edk1:") and note not in json.dumps(row, ensure_ascii=False)
    stored = sam.conn.execute("SELECT note FROM conduct_acks").fetchone()[0]
    assert stored == row["note"]
    [ack] = conduct.list_acknowledgements(scenario.staff)
    assert ack.note == note
    [shown] = [f for f in conduct.run_checks(scenario.staff) if f.id == target.id]
    assert shown.ack_note == note
    assert verify_store(scenario.staff).intact
    # the first note's ciphertext written as another finding's note does not open there
    second = next(f for f in conduct.run_checks(scenario.staff) if f.id != target.id)
    moved = {
        "finding_id": second.id,
        "rule": second.rule,
        "case_no": second.case_no,
        "contact_id": second.contact_id,
        "message_fingerprint": second.message_fingerprint,
        "detail": conduct.sealed_detail(second.detail),
        "note": row["note"],
        "acked_by": "sam",
        "acked_at": sam.now(),
    }
    sam.write(
        "conduct.ack",
        {"finding_id": second.id, "rule": second.rule, "contact_id": second.contact_id},
        [put("conduct_acks", moved)],
    )
    found = {(f.code, f.location) for f in verify_store(scenario.staff).errors}
    assert [code for code, where in found if second.id in where] == ["case_key.field"], found
