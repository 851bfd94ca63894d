"""Breach records (PIPL art. 57, PI-5): filed by admins as a ledger entry, replayed by verify,
and worded as the notice in Chinese or English from codes and facts."""

from __future__ import annotations

import json

import pytest

from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.services import breaches
from evidence_desk.services.session import put
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, insider_code, insider_session, ledger_size

REPORT = breaches.BreachReport(
    kind="lost_device",
    cause="lost_or_stolen_device",
    harms=["fraud_or_financial_loss", "harassment"],
    remedies=["passwords_rotated", "keys_rewrapped"],
    advice=["watch_accounts", "beware_fraud_calls"],
    contact_name="王敏 Wang Min",
    contact_phone="021-5555-0100",
    cases_affected=3,
    people_affected=4,
    discovered_at="2026-03-01T08:00:00.000000Z",
    cause_note="laptop left in a taxi",
)


def test_an_admin_files_a_record_and_its_notice_is_worded_in_both_languages(team: Team) -> None:
    ada = team.login("ada")
    before = ledger_size(ada)
    record = breaches.add(ada, REPORT)
    assert ledger_size(ada) == before + 1
    entry = ada.conn.execute("SELECT * FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert entry["action"] == "breach.add" and entry["actor"] == "ada"
    # sealed: codes and facts, never a sentence of ours
    sealed = json.loads(entry["payload"])["rows"][0]["row"]
    assert sealed["kind"] == "lost_device" and sealed["harms"] == (
        '["fraud_or_financial_loss","harassment"]'
    )
    assert sealed["cause_note"] == "laptop left in a taxi"
    assert [r.id for r in breaches.list_records(team.login("lee"))] == [record.id]

    english = breaches.notice(record, "en")
    assert english.splitlines()[0] == "Notice of a personal information incident"
    for fragment in (
        "loss or theft of a device holding the store",
        "3 cases and about 4 people",
        "fraud or financial loss; harassment",
        "all passwords were changed",
        "watch your bank and payment accounts",
        "Details: laptop left in a taxi",
        "Contact: 王敏 Wang Min, telephone 021-5555-0100.",
        record.id,
    ):
        assert fragment in english, fragment
    chinese = breaches.notice(record, "zh_CN")
    assert chinese.splitlines()[0] == "个人信息安全事件告知书"
    for fragment in (
        "存有证据库的设备丢失或被盗",
        "诈骗或财产损失；骚扰",
        "已更换全部密码",
        "021-5555-0100",
    ):
        assert fragment in chinese, fragment
    assert verify_store(ada).intact


def test_only_admins_file_and_field_staff_do_not_read(team: Team) -> None:
    for name in ("lee", "sam", "alice"):
        with pytest.raises(PermissionDenied):
            breaches.add(team.login(name), REPORT)
    with pytest.raises(PermissionDenied):
        breaches.list_records(team.login("alice"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "meteor"}, "kind"),
        ({"harms": []}, "harms"),
        ({"contact_phone": " "}, "contact_phone"),
        ({"people_affected": -1}, "people_affected"),
        ({"discovered_at": "2099-01-01T00:00:00.000000Z"}, "discovered_at"),
    ],
)
def test_an_incomplete_record_is_refused_naming_the_field(
    team: Team, change: dict[str, object], field: str
) -> None:
    import dataclasses

    ada = team.login("ada")
    before = ledger_size(ada)
    with pytest.raises(RuleViolation) as refused:
        breaches.add(ada, dataclasses.replace(REPORT, **change))  # type: ignore[arg-type]
    assert refused.value.rule == "PI-5" and field in refused.value.message
    assert ledger_size(ada) == before


def test_verify_finds_a_breach_record_written_by_a_non_admin(team: Team) -> None:
    """A legal user with their own key writes a breach record around the services: verify
    names the permission at that entry."""
    lee = insider_session(team, "lee")
    row = {
        "id": "BR-forged",
        "kind": "other",
        "cause": "other",
        "cause_note": "",
        "harms": '["none_identified"]',
        "harm_note": "",
        "remedies": '["other"]',
        "remedy_note": "",
        "advice": "[]",
        "contact_name": "Lee",
        "contact_phone": "1",
        "cases_affected": 0,
        "people_affected": 0,
        "discovered_at": lee.now(),
        "filed_by": "lee",
        "filed_at": lee.now(),
    }
    with insider_code():
        lee.write("breach.add", {"breach_id": "BR-forged"}, [put("breach_records", row)])
    seq = ledger_size(lee)
    report = verify_store(team.login("ada"))
    assert ("rule.permission", f"ledger seq {seq}") in {(f.code, f.location) for f in report.errors}
