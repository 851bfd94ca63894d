"""Conduct self-check: every planted violation found, none on clean chats; settings steer rules;
acknowledgements are ledgered, stick to stable finding ids and survive verify."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from evidence_desk.domain.errors import BadInput, NotFound, PermissionDenied, RuleViolation
from evidence_desk.services import conduct, importing
from evidence_desk.services import settings as settings_service
from evidence_desk.services.verify import verify_store
from tests import conduct_scenario
from tests.conduct_scenario import PLANTED, Scenario
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team, raw_connection


@pytest.fixture
def scenario(team: Team, tmp_path: Path) -> Scenario:
    return conduct_scenario.build(team, tmp_path)


def _found(scenario: Scenario, findings: list[conduct.ConductFinding]) -> set[tuple[str, str]]:
    texts = scenario.texts()
    return {(f.rule, texts[f.message_id] if f.message_id else "") for f in findings}


def _rules_for(findings: list[conduct.ConductFinding], text: str, sc: Scenario) -> set[str]:
    texts = sc.texts()
    return {f.rule for f in findings if f.message_id and texts[f.message_id] == text}


def _set(scenario: Scenario, key: str, value: str) -> None:
    settings_service.set_value(scenario.team.login("ada"), key, value)


def test_every_planted_violation_is_found_and_nothing_else(scenario: Scenario) -> None:
    report = conduct.report(scenario.staff)
    assert _found(scenario, report.findings) == PLANTED
    assert len(report.findings) == len(PLANTED)
    assert not report.notes
    assert {f.contact_id for f in report.findings} == {scenario.bad, scenario.other}
    assert all(not f.acknowledged for f in report.findings)
    # each finding names a rule with a description and a source
    for finding in report.findings:
        rule = conduct.RULES_BY_ID[finding.rule]
        assert rule.description and rule.source and finding.detail


def test_the_clean_chat_has_no_finding(scenario: Scenario) -> None:
    assert conduct.run_checks(scenario.staff, contact_id=scenario.clean) == []


def test_findings_say_what_is_wrong(scenario: Scenario) -> None:
    by_rule = {f.rule: f for f in conduct.run_checks(scenario.staff, contact_id=scenario.bad)}
    assert "22:00-08:00" in by_rule["CC-1"].detail
    assert "friend-added" in by_rule["CC-0"].detail and "sam" in by_rule["CC-0"].detail
    assert "示例消费金融" in by_rule["CC-5"].detail
    # PI-6: account numbers appear masked, and the approved account is not reported
    assert by_rule["CC-7"].detail.endswith("****2333, z***@example.com")
    assert conduct_scenario.PERSONAL_ACCOUNT not in by_rule["CC-7"].detail
    other = conduct.run_checks(scenario.staff, contact_id=scenario.other)
    assert {f.rule for f in other} == {"CC-0", "CC-3"}
    assert "first message" in next(f for f in other if f.rule == "CC-0").detail


def test_finding_ids_are_stable_across_runs_and_reimports(
    scenario: Scenario, tmp_path: Path
) -> None:
    findings = conduct.run_checks(scenario.staff)
    first = [f.id for f in findings]
    assert len(set(first)) == len(first)
    assert any(f.contact_id == scenario.other for f in findings)
    # the same messages again in other bytes, for a contact still approved (the revoked one
    # takes no more evidence)
    again = tmp_path / "again.txt"
    again.write_text(conduct_scenario.OTHER_CHAT + "\n", encoding="utf-8")
    importing.import_files(scenario.staff, scenario.other, [again], tz="Asia/Shanghai")
    assert [f.id for f in conduct.run_checks(scenario.staff)] == first


def test_scope_by_case_contact_and_period(scenario: Scenario) -> None:
    assert conduct.run_checks(scenario.staff, "no-such-case") == []
    assert len(conduct.run_checks(scenario.staff, conduct_scenario.CASE)) == len(PLANTED)
    later = conduct.run_checks(scenario.staff, contact_id=scenario.bad, date_from="2026-03-06")
    found = _found(scenario, later)
    # "first message" rules look at the whole chat: nothing on the 6th becomes the first message
    assert not {r for r, _ in found} & {"CC-0", "CC-5"}
    assert ("CC-4", "再不还钱就把你列入黑名单，通知你单位。") in found  # first staff msg in period
    until = conduct.run_checks(scenario.staff, contact_id=scenario.bad, date_to="2026-03-05")
    assert {r for r, _ in _found(scenario, until)} == {"CC-0", "CC-1", "CC-4", "CC-5"}


# -- settings steer the rules -------------------------------------------------------------------


def test_quiet_hours_window_follows_the_setting(scenario: Scenario) -> None:
    def quiet() -> set[str]:
        return {
            scenario.texts()[f.message_id or 0]
            for f in conduct.run_checks(scenario.staff)
            if f.rule == "CC-1"
        }

    assert quiet() == {"这么晚打扰了，明天记得还款。", "再不还钱就把你列入黑名单，通知你单位。"}
    _set(scenario, "quiet_hours", "21:00-07:00")
    assert quiet() == {"提醒您明天还款。", "这么晚打扰了，明天记得还款。"}
    _set(scenario, "quiet_hours", "22:00-08:00")
    _set(scenario, "conduct_timezone", "Asia/Tokyo")  # one hour ahead of Shanghai
    assert quiet() == {"提醒您明天还款。", "这么晚打扰了，明天记得还款。"}
    # the clean contact has a consent record: its 21:30 message is never flagged
    assert conduct.run_checks(scenario.staff, contact_id=scenario.clean) == []


def test_lexicon_follows_the_setting(scenario: Scenario) -> None:
    english = "You deadbeat, you will go to jail."
    late = "这么晚打扰了，明天记得还款。"
    findings = conduct.run_checks(scenario.staff)
    assert "CC-6" in _rules_for(findings, english, scenario)
    assert "CC-6" not in _rules_for(findings, late, scenario)
    override = {
        "categories": {
            "insult": None,
            "exaggeration": {"zh": [], "en": []},
            "late_night": {"label_zh": "深夜", "zh": ["这么晚"], "en": []},
        }
    }
    _set(scenario, "conduct_lexicon", json.dumps(override, ensure_ascii=False))
    report = conduct.report(scenario.staff)
    assert "CC-6" not in _rules_for(report.findings, english, scenario)
    assert "CC-6" in _rules_for(report.findings, late, scenario)
    assert report.parameters["lexicon"] == "shipped + setting conduct_lexicon"
    _set(scenario, "conduct_lexicon", "")
    assert "CC-6" in _rules_for(conduct.run_checks(scenario.staff), english, scenario)


def test_a_lexicon_file_overrides_for_one_run_only(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text('{"categories": {"polite": {"zh": ["还款"]}}}', encoding="utf-8")
    report = conduct.report(scenario.staff, contact_id=scenario.clean, lexicon_file=path)
    assert {f.rule for f in report.findings} == {"CC-6"}
    assert all("polite: 还款" in f.detail for f in report.findings)
    assert report.parameters["lexicon"] == f"shipped + file {path}"
    assert conduct.run_checks(scenario.staff, contact_id=scenario.clean) == []
    path.write_text('{"categories": {"polite": {"zh": "还款"}}}', encoding="utf-8")
    with pytest.raises(BadInput, match=r"\$\.categories\.polite\.zh"):
        conduct.report(scenario.staff, lexicon_file=path)
    with pytest.raises(BadInput, match="cannot read"):
        conduct.report(scenario.staff, lexicon_file=tmp_path / "missing.json")


def test_institution_names_and_approved_accounts_follow_the_settings(scenario: Scenario) -> None:
    _set(scenario, "institution_names", "另一家公司|Other Finance Ltd")
    cc5 = {f.contact_id for f in conduct.run_checks(scenario.staff) if f.rule == "CC-5"}
    assert cc5 == {scenario.clean, scenario.bad, scenario.other}
    _set(scenario, "institution_names", "")
    report = conduct.report(scenario.staff)
    assert "CC-5" not in {f.rule for f in report.findings}
    assert any(n.startswith("CC-5 not checked") for n in report.notes)
    _set(scenario, "organisation", "示例消费金融有限公司")  # the fallback: not named verbatim
    assert "CC-5" in {f.rule for f in conduct.run_checks(scenario.staff)}

    _set(scenario, "approved_accounts", f"{conduct_scenario.APPROVED_ACCOUNT}, 6217-0000-1111")
    cc7 = [f for f in conduct.run_checks(scenario.staff) if f.rule == "CC-7"]
    assert len(cc7) == 1 and "****2333" in cc7[0].detail
    _set(
        scenario,
        "approved_accounts",
        f"{conduct_scenario.APPROVED_ACCOUNT};{conduct_scenario.PERSONAL_ACCOUNT}\n"
        "ZS.Collect@example.com",
    )
    assert "CC-7" not in {f.rule for f in conduct.run_checks(scenario.staff)}
    _set(scenario, "approved_accounts", "")
    report = conduct.report(scenario.staff)
    cc7_texts = _found(scenario, [f for f in report.findings if f.rule == "CC-7"])
    assert len(cc7_texts) == 3  # the clean chat's company account too, now unapproved
    assert any(n.startswith("CC-7: no approved") for n in report.notes)


def test_bad_settings_are_refused_and_change_nothing(scenario: Scenario) -> None:
    admin = scenario.team.login("ada")
    before = admin.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    for key, value, fragment in (
        ("conduct_lexicon", "{not json", "not JSON"),
        ("conduct_lexicon", '{"terms": []}', "categories"),
        ("conduct_lexicon", '{"categories": {"Bad Name": {"zh": ["x"]}}}', "category names"),
        ("approved_accounts", "6222 0202, 账户甲", "an account is digits"),
        ("conduct_timezone", "Mars/Olympus", "IANA"),
        ("quiet_hours", "22-8", "HH:MM-HH:MM"),
    ):
        with pytest.raises(BadInput, match=fragment):
            settings_service.set_value(admin, key, value)
    assert admin.conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == before


# -- pure pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "window", "inside"),
    [
        ("22:00", "22:00-08:00", True),
        ("07:59", "22:00-08:00", True),
        ("08:00", "22:00-08:00", False),
        ("21:59", "22:00-08:00", False),
        ("12:30", "12:00-13:00", True),
        ("13:00", "12:00-13:00", False),
        ("03:00", "00:00-00:00", False),
    ],
)
def test_quiet_window_edges(moment: str, window: str, inside: bool) -> None:
    start, end = (time.fromisoformat(t) for t in window.split("-"))
    assert conduct.in_window(time.fromisoformat(moment), start, end) is inside


@pytest.mark.parametrize(
    ("text", "accounts"),
    [
        ("请转账到 6217 0000 1111 2222 333", ["6217000011112222333"]),
        ("还款账号：6217-0000-1111-2222", ["6217000011112222"]),
        ("汇款至 622202020000123 谢谢", ["622202020000123"]),
        ("支付宝 Pay.Me@Example.com", ["pay.me@example.com"]),
        ("请致电客服 4008001234 办理还款", []),  # a hotline, not an account
        ("合同 DK20260311000017 已逾期，请还款", []),  # a contract number
        ("您的账单金额 8640.00 元于 2026-03-05 到期，请还款", []),  # amounts and dates
        ("6217000011112222333", []),  # digits with no talk of paying
    ],
)
def test_quoted_accounts(text: str, accounts: list[str]) -> None:
    assert conduct.quoted_accounts(text) == accounts


# -- acknowledgements ---------------------------------------------------------------------------


def _finding(scenario: Scenario, rule: str) -> conduct.ConductFinding:
    return next(f for f in conduct.run_checks(scenario.staff) if f.rule == rule)


def test_an_acknowledgement_is_ledgered_sticks_and_survives_verify(scenario: Scenario) -> None:
    target = _finding(scenario, "CC-6")
    sam = scenario.team.login("sam")
    before = sam.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    acked = conduct.acknowledge(sam, target.id, "已约谈催收员并书面警告；录音已存档")
    assert sam.conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == before + 1
    entry = sam.conn.execute(
        "SELECT actor, action, payload FROM ledger ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert (entry["actor"], entry["action"]) == ("sam", "conduct.ack")
    assert target.id in entry["payload"] and '"table":"conduct_acks"' in entry["payload"]
    assert acked.acknowledged and acked.acked_by == "sam"
    rerun = {f.id: f for f in conduct.run_checks(scenario.staff)}
    assert rerun[target.id].acknowledged
    assert rerun[target.id].ack_note == "已约谈催收员并书面警告；录音已存档"
    assert sum(f.acknowledged for f in rerun.values()) == 1
    report = conduct.report(scenario.staff)
    assert len(report.open_findings) == len(PLANTED) - 1
    # the legal team may acknowledge too
    conduct.acknowledge(scenario.team.login("lee"), _finding(scenario, "CC-3").id, "见说明")
    acks = conduct.list_acknowledgements(scenario.staff, conduct_scenario.CASE)
    assert [a.rule for a in acks] == ["CC-6", "CC-3"]
    assert verify_store(scenario.staff).intact


def test_acknowledgement_outlives_a_setting_that_hides_its_finding(scenario: Scenario) -> None:
    target = next(f for f in conduct.run_checks(scenario.staff) if f.rule == "CC-1")
    conduct.acknowledge(scenario.team.login("sue"), target.id, "债务人当晚主动来电要求回复")
    _set(scenario, "quiet_hours", "23:30-06:00")
    assert target.id not in {f.id for f in conduct.run_checks(scenario.staff)}
    assert [a.finding_id for a in conduct.list_acknowledgements(scenario.staff)] == [target.id]
    _set(scenario, "quiet_hours", "22:00-08:00")
    back = {f.id: f for f in conduct.run_checks(scenario.staff)}
    assert back[target.id].acknowledged


def test_acknowledging_is_refused_without_role_note_or_finding(scenario: Scenario) -> None:
    target = _finding(scenario, "CC-7")
    staff = scenario.staff
    before = staff.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    with pytest.raises(PermissionDenied):
        conduct.acknowledge(staff, target.id, "my own flag is fine")  # staff judge themselves
    with pytest.raises(PermissionDenied):
        conduct.run_checks(scenario.team.login("ada"))
    sam = scenario.team.login("sam")
    with pytest.raises(BadInput, match="needs a note"):
        conduct.acknowledge(sam, target.id, "  ")
    with pytest.raises(NotFound):
        conduct.acknowledge(sam, "F-0000000000000000", "no such finding")
    assert staff.conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == before
    conduct.acknowledge(sam, target.id, "个人账户为公司代收账户，已补登记")
    with pytest.raises(RuleViolation) as twice:
        conduct.acknowledge(scenario.team.login("lee"), target.id, "again")
    assert twice.value.rule == "conduct.acknowledged"


def test_editing_or_deleting_an_acknowledgement_is_detected(scenario: Scenario) -> None:
    first = _finding(scenario, "CC-6")
    second = _finding(scenario, "CC-7")
    sam = scenario.team.login("sam")
    conduct.acknowledge(sam, first.id, "已处理")
    conduct.acknowledge(sam, second.id, "已处理")
    conn = raw_connection(scenario.team.path, ADMIN, ADMIN_PASSWORD)
    try:
        conn.execute("UPDATE conduct_acks SET note = '无问题' WHERE finding_id = ?", (first.id,))
        conn.execute("DELETE FROM conduct_acks WHERE finding_id = ?", (second.id,))
    finally:
        conn.close()
    errors = verify_store(sam).errors
    changed = [f for f in errors if f.code == "row.changed"]
    missing = [f for f in errors if f.code == "row.missing"]
    assert changed and first.id in changed[0].location + changed[0].detail
    assert missing and second.id in missing[0].location + missing[0].detail


def test_institution_names_are_a_list_of_names_and_aliases() -> None:
    from evidence_desk.services.conduct_settings import (
        institution_names,
        validate_institution_names,
    )

    # the old single-string form: a name with its alias in brackets counts as two names
    demo = "示例资产管理有限公司 (Demo Asset Management)"
    assert institution_names(demo) == ("示例资产管理有限公司", "Demo Asset Management")
    assert institution_names("示例（Demo）| 另一家公司 |示例") == ("示例", "Demo", "另一家公司")
    assert institution_names("  ") == ()
    assert validate_institution_names(demo) == "示例资产管理有限公司 | Demo Asset Management"


def test_cc5_passes_a_first_message_naming_any_name_or_alias(scenario: Scenario) -> None:
    _set(scenario, "institution_names", "")
    # the demo's organisation setting form: the first messages name the Chinese name only
    _set(scenario, "organisation", "示例消费金融 (Demo Consumer Finance)")
    cc5 = {f.contact_id for f in conduct.run_checks(scenario.staff) if f.rule == "CC-5"}
    assert cc5 == {scenario.bad}  # only the planted "你好，在吗？"
    _set(scenario, "institution_names", "Demo Consumer Finance (DCF) | 另一家公司")
    stored = settings_service.get(scenario.staff, "institution_names")
    assert stored == "Demo Consumer Finance | DCF | 另一家公司"
    cc5 = {f.contact_id for f in conduct.run_checks(scenario.staff) if f.rule == "CC-5"}
    assert cc5 == {scenario.clean, scenario.bad, scenario.other}  # none names any of the three
    _set(scenario, "institution_names", "另一家公司 | 示例消费金融")
    cc5 = {f.contact_id for f in conduct.run_checks(scenario.staff) if f.rule == "CC-5"}
    assert cc5 == {scenario.bad}
