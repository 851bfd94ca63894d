"""A kit of a closed case under legal hold replays the retention rules over its ledger slice: an
honest one is intact (the slice holds no settings, so the closure's date is recomputed from its
row), one whose closure dates deletion early names the rule."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain import retention as rules
from evidence_desk.services import bundle, contacts, retention, settings
from evidence_desk.services.session import put
from tests.bundle.support import insider_export
from tests.helpers import COURT, Team, insider_code, insider_session
from tests.insider import CASE_NO, request


def test_an_honest_kit_of_a_closed_case_under_hold_breaks_no_rule(
    team: Team, tmp_path: Path
) -> None:
    settings.set_value(team.login("ada"), rules.CAP_SETTING, "3")
    contact_id = request(team, tmp_path)
    contacts.approve(team.login("sam"), contact_id, "ok")
    retention.add_hold(team.login("ada"), CASE_NO, "litigation")
    retention.lift_hold(team.login("lee"), CASE_NO, "over")
    retention.add_hold(team.login("lee"), CASE_NO, "appeal")
    kit = insider_export(team, contact_id, tmp_path, CASE_NO)
    retention.close_case(team.login("sam"), CASE_NO, "repaid")
    report = verify_kit(kit)
    assert report.intact, report.errors
    closed_kit = bundle.export_bundle(
        team.login("lee"), Scope(CASE_NO), tmp_path / "out2", recipient=COURT
    )
    report = verify_kit(closed_kit.kit_path)
    assert not [f for f in report.findings if f.code.startswith("rule.")], report.findings
    assert report.intact, report.errors


def test_a_kit_whose_closure_dates_deletion_early_names_the_rule(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path)
    contacts.approve(team.login("sam"), contact_id, "ok")
    sam = insider_session(team, "sam")
    closed_at = sam.now()
    row = {
        "case_no": CASE_NO,
        "closed_by": "sam",
        "closed_at": closed_at,
        "reason": "repaid",
        "floor_years": 2,
        "cap_years": 5,
        "last_record": closed_at,
        "delete_after": rules.add_years(closed_at, 1),
    }
    with insider_code():
        sam.write(
            "case.close", {"case_no": CASE_NO, "reason": "repaid"}, [put("case_closures", row)]
        )
    report = verify_kit(insider_export(team, contact_id, tmp_path, CASE_NO))
    assert ("rule.retention.deletion_date", "ledger/entries.jsonl") in {
        (f.code, f.file) for f in report.errors
    }
