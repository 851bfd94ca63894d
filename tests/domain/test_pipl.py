"""The PIPL record checks (domain/pipl.py) the services and the rule table share."""

from __future__ import annotations

from typing import Any

import pytest

from evidence_desk.domain import pipl

AT = "2026-03-02T01:00:00.000000Z"


def _record(**change: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "recipient_kind": "court",
        "recipient_name": "Pudong People's Court",
        "purpose": "civil suit",
        "legal_basis": "contract",
        "basis_note": "",
        "data_categories": pipl.list_text(["identity", "financial_accounts", "chat_content"]),
        "sensitive_categories": pipl.list_text(["financial_accounts"]),
        "risk_level": "medium",
        "measures": pipl.list_text(["masking", "integrity_proofs"]),
        "recorded_at": AT,
        "retain_until": "2029-03-02T01:00:00.000000Z",
    }
    return row | change


@pytest.mark.parametrize(
    ("kind", "categories", "risk"),
    [
        ("court", ["identity"], "low"),
        ("court", ["identity", "financial_accounts"], "medium"),
        ("law_firm", ["chat_content"], "medium"),
        ("law_firm", ["identity_documents"], "high"),
        ("outsourcer", ["identity"], "high"),
        ("other", ["financial_accounts"], "high"),
    ],
)
def test_the_assessment_rises_with_the_recipient_circle_and_sensitive_information(
    kind: str, categories: list[str], risk: str
) -> None:
    level, measures = pipl.assess(kind, categories)
    assert level == risk
    assert ("recipient_confidentiality" in measures) == (kind != "court")
    assert measures == sorted(measures) and set(measures) <= set(pipl.MEASURES)


def test_a_valid_record_has_no_problem_and_each_flaw_is_named() -> None:
    assert pipl.processing_problems(_record()) == []
    flaws = {
        "recipient_kind": _record(recipient_kind="friend"),
        "legal_basis": _record(legal_basis="legitimate_interest"),  # not a PIPL basis
        "basis_note": _record(legal_basis="other_law"),
        "purpose": _record(purpose="  "),
        "data_categories": _record(data_categories='["chat_content","identity"'),
        "sensitive_categories": _record(sensitive_categories="[]"),
        "measures": _record(measures='["integrity_proofs","masking","spin"]'),
        "3 years": _record(retain_until="2029-03-02T00:59:59.000000Z"),
    }
    for word, row in flaws.items():
        problems = pipl.processing_problems(row)
        assert problems and word in problems[0], (word, problems)
    # unsorted or repeated codes are not the stored form
    assert pipl.processing_problems(_record(measures='["masking","integrity_proofs"]'))


def test_three_years_from_29_february_is_1_march() -> None:
    row = _record(
        recorded_at="2028-02-29T12:00:00.000000Z", retain_until="2031-02-28T12:00:00.000000Z"
    )
    assert "3 years" in pipl.processing_problems(row)[0]
    assert not pipl.processing_problems(row | {"retain_until": "2031-03-01T12:00:00.000000Z"})


def _breach(**change: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "lost_device",
        "cause": "lost_or_stolen_device",
        "harms": '["fraud_or_financial_loss"]',
        "remedies": '["passwords_rotated"]',
        "advice": "[]",
        "contact_name": "Wang Min",
        "contact_phone": "021-5555-0100",
        "cases_affected": 1,
        "people_affected": 0,
        "discovered_at": AT,
        "filed_at": AT,
    }
    return row | change


def test_a_breach_record_needs_what_article_57_asks_for() -> None:
    assert pipl.breach_problems(_breach()) == []
    for word, row in {
        "harms": _breach(harms="[]"),
        "remedies": _breach(remedies='["pray"]'),
        "contact_name": _breach(contact_name=""),
        "cases_affected": _breach(cases_affected=True),
        "people_affected": _breach(people_affected=-2),
        "discovered_at": _breach(discovered_at="2026-03-03T00:00:00.000000Z"),
        "kind": _breach(kind="leak"),
    }.items():
        problems = pipl.breach_problems(row)
        assert problems and word in problems[0], (word, problems)
