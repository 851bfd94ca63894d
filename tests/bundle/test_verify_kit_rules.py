"""verify-bundle replays the rule table over the kit's ledger slice, as verify does over a store.

A court given a kit made from a store where a supervisor approved their own request (written
around the rules with their own key), or where an approval was forged under a swapped key, must
not read it as intact: the kit holds every entry about the case and every change to users.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import bundle
from tests.bundle.support import insider_export
from tests.helpers import COURT, Team
from tests.insider import CASE_NO, forge_under_swapped_key, request, self_approve


def test_a_kit_of_a_self_approved_contact_names_the_rule(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    self_approve(team, contact_id)
    report = verify_kit(insider_export(team, contact_id, tmp_path, CASE_NO))
    assert not report.intact
    rules = {(f.code, f.file) for f in report.errors}
    assert ("rule.four-eyes", "ledger/entries.jsonl") in rules
    assert ("rule.contact.approved", "ledger/entries.jsonl") in rules  # the import under it
    assert any("contact.approve by sam" in f.message for f in report.errors)


def test_a_kit_whose_approval_was_forged_under_a_swapped_key_is_not_intact(
    team: Team, tmp_path: Path
) -> None:
    contact_id = request(team, tmp_path)
    forge_under_swapped_key(team, contact_id)
    report = verify_kit(insider_export(team, contact_id, tmp_path, CASE_NO))
    codes = {f.code for f in report.errors}
    assert {"rule.authority.schema", "ledger.signature"} <= codes


def test_an_honest_kit_breaks_no_rule(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path)
    from evidence_desk.services import contacts

    contacts.approve(team.login("sam"), contact_id, "ok")
    report = verify_kit(insider_export(team, contact_id, tmp_path, CASE_NO))
    assert not [f for f in report.findings if f.code.startswith("rule.")], report.findings
    assert report.intact, report.errors


def test_the_export_refuses_a_case_whose_ledger_breaks_a_rule(team: Team, tmp_path: Path) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    self_approve(team, contact_id)
    with pytest.raises(RuleViolation) as refused:
        bundle.export_bundle(team.login("lee"), Scope(CASE_NO), tmp_path / "out", recipient=COURT)
    assert refused.value.rule == "bundle.rules"
    assert "four-eyes" in refused.value.detail
    assert not (tmp_path / "out").exists()
