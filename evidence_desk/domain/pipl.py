"""PIPL records: the processing record / PIPIA of an export (arts. 55-56) and the breach record
(art. 57), as codes and facts.

Both are sealed in ledger entries, so they hold codes (a recipient kind, a legal basis of
art. 13, data categories, risk level and measures; a breach's kind, cause, harm, remedies and
advice) and facts (names, counts, instants, the user's own free text), never a sentence this
program composed: the English and the Chinese are worded from the codes when shown (CLI, GUI,
the bundle's appendix, a breach notice), so rewording changes no digest.

The code lists and the checks of one record are here, pure, so that the services (before they
write) and the rule table (``domain/authority.py``, at the write and in ``verify``) judge a
record with the same code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain import retention
from evidence_desk.domain.wording import Catalogue, Phrase

#: PIPL art. 56 with the guidance on PIPIAs: the report and the processing record are kept at
#: least three years.
KEEP_YEARS = 3

RECIPIENT_KINDS = ("court", "law_firm", "outsourcer", "other")
#: PIPL art. 13(1)-(7), in the article's order
LEGAL_BASES = (
    "consent",
    "contract",
    "legal_duty",
    "emergency",
    "news_public_interest",
    "self_disclosed",
    "other_law",
)
#: the personal information a bundle may carry; SENSITIVE per PIPL art. 28
DATA_CATEGORIES = (
    "identity",
    "contact_details",
    "debt_details",
    "chat_content",
    "images",
    "recordings",
    "identity_documents",
    "financial_accounts",
)
SENSITIVE = frozenset({"identity_documents", "financial_accounts"})
RISK_LEVELS = ("low", "medium", "high")
MEASURES = (
    "need_to_know_scope",
    "integrity_proofs",
    "encrypted_transport",
    "recipient_confidentiality",
    "masking",
    "retention_limit",
    "identity_documents_unmasked",
)

BREACH_KINDS = (
    "unauthorised_access",
    "wrong_recipient",
    "lost_device",
    "key_compromise",
    "alteration",
    "destruction",
    "other",
)
BREACH_CAUSES = (
    "lost_or_stolen_device",
    "stolen_credentials",
    "misdirected_export",
    "insider_misuse",
    "malware",
    "software_fault",
    "other",
)
BREACH_HARMS = (
    "fraud_or_financial_loss",
    "identity_theft",
    "harassment",
    "reputation",
    "discrimination",
    "none_identified",
)
BREACH_REMEDIES = (
    "passwords_rotated",
    "keys_rewrapped",
    "access_revoked",
    "device_wiped",
    "recipient_asked_to_delete",
    "regulator_notified",
    "other",
)
BREACH_ADVICE = (
    "watch_accounts",
    "beware_fraud_calls",
    "change_passwords",
    "contact_bank",
    "contact_us",
)

#: the columns of the two tables (projections of the ledger; lists are canonical JSON text)
PROCESSING_COLUMNS = frozenset(
    [
        "id",
        "case_no",
        "bundle_id",
        "evidence_manifest_sha256",
        "recipient_kind",
        "recipient_name",
        "purpose",
        "legal_basis",
        "basis_note",
        "data_categories",
        "sensitive_categories",
        "risk_level",
        "measures",
        "recorded_by",
        "recorded_at",
        "retain_until",
    ]
)
BREACH_COLUMNS = frozenset(
    [
        "id",
        "kind",
        "cause",
        "cause_note",
        "harms",
        "harm_note",
        "remedies",
        "remedy_note",
        "advice",
        "contact_name",
        "contact_phone",
        "cases_affected",
        "people_affected",
        "discovered_at",
        "filed_by",
        "filed_at",
    ]
)

_labels = {
    f"pipl.recipient_{code}": text
    for code, text in zip(
        RECIPIENT_KINDS,
        ("court", "law firm", "outsourced service provider", "other recipient"),
        strict=True,
    )
}
_labels |= {
    f"pipl.basis_{code}": text
    for code, text in zip(
        LEGAL_BASES,
        (
            "PIPL art. 13(1): the individual's consent",
            "PIPL art. 13(2): necessary to conclude or perform a contract the individual is a "
            "party to",
            "PIPL art. 13(3): necessary to perform a statutory duty or obligation",
            "PIPL art. 13(4): necessary to protect life, health or property in an emergency",
            "PIPL art. 13(5): news reporting or public-opinion supervision in the public interest",
            "PIPL art. 13(6): information the individual disclosed, within a reasonable scope",
            "PIPL art. 13(7): another circumstance laws or regulations provide",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.category_{code}": text
    for code, text in zip(
        DATA_CATEGORIES,
        (
            "identity (names, masked ID number)",
            "contact details (chat handles, phone numbers)",
            "debt details (loan reference, amounts)",
            "chat content",
            "images and screenshots",
            "audio and video recordings",
            "identity documents (sensitive)",
            "financial accounts (sensitive)",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.risk_{code}": text
    for code, text in zip(RISK_LEVELS, ("low", "medium", "high"), strict=True)
}
_labels |= {
    f"pipl.measure_{code}": text
    for code, text in zip(
        MEASURES,
        (
            "only the case's approved contacts and the chosen date range are exported",
            "digests, signatures and time stamps let the recipient detect any change",
            "the bundle is handed over in an encrypted container or in person",
            "the recipient is bound to confidentiality and to the stated purpose",
            "account numbers and ID numbers are masked unless needed",
            "the recipient is asked to delete the bundle when the purpose is achieved",
            "the debtor's identity documents are included unmasked: the approval rests on them "
            "and the court needs them to identify the party",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.breach_{code}": text
    for code, text in zip(
        BREACH_KINDS,
        (
            "unauthorised access to personal information",
            "personal information sent to the wrong recipient",
            "loss or theft of a device holding the store",
            "compromise of a password or key",
            "unauthorised alteration",
            "destruction or loss of personal information",
            "other incident",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.cause_{code}": text
    for code, text in zip(
        BREACH_CAUSES,
        (
            "a device was lost or stolen",
            "credentials were stolen or disclosed",
            "a bundle was exported or sent to the wrong recipient",
            "misuse by an insider",
            "malicious software",
            "a software fault",
            "other cause",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.harm_{code}": text
    for code, text in zip(
        BREACH_HARMS,
        (
            "fraud or financial loss",
            "identity theft",
            "harassment",
            "damage to reputation",
            "discrimination",
            "no harm identified so far",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.remedy_{code}": text
    for code, text in zip(
        BREACH_REMEDIES,
        (
            "all passwords were changed",
            "case keys were wrapped again for the remaining members",
            "the user's access was revoked",
            "the device was wiped remotely",
            "the recipient was asked to delete what it received and confirm",
            "the authority in charge of personal information protection was notified",
            "other measures",
        ),
        strict=True,
    )
}
_labels |= {
    f"pipl.advice_{code}": text
    for code, text in zip(
        BREACH_ADVICE,
        (
            "watch your bank and payment accounts for transactions you did not make",
            "beware of calls or messages that use these details to ask for money",
            "change passwords you may have shared with us",
            "ask your bank to block or replace an affected card",
            "contact us with any question about this incident",
        ),
        strict=True,
    )
}

_said = Catalogue(
    _labels
    | {
        "pipl.code_unknown": "{field} must be one of {allowed}, not {value}",
        "pipl.text_required": "{field} is required",
        "pipl.count_invalid": "{field} must be a whole number of zero or more, not {value}",
        "pipl.retain_short": "a processing record must be kept until at least {minimum} "
        "(3 years, PIPL art. 56), not {value}",
        "pipl.sensitive_mismatch": "sensitive_categories must be the sensitive ones of "
        "data_categories ({expected}), not {value}",
        "pipl.discovered_late": "discovered_at ({value}) is after the record was filed ({at})",
        "pipl.not_instant": "{field} must be an RFC 3339 instant, not {value}",
    }
)


def label(kind: str, code: str) -> Phrase:
    """The coded English name of ``code`` in list ``kind`` (recipient, basis, category, risk,
    measure, breach, cause, harm, remedy, advice); a front end says it in its language."""
    return _said(f"pipl.{kind}_{code}")


def known(kind: str, code: object) -> bool:
    return isinstance(code, str) and f"pipl.{kind}_{code}" in _said


def as_list(text: object) -> list[str]:
    """A list column's codes (canonical JSON text); [] for anything else."""
    if not isinstance(text, str):
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def list_text(codes: Sequence[str]) -> str:
    """The stored form of a list of codes: canonical JSON text, sorted, no duplicates."""
    return json.dumps(sorted(set(codes)), separators=(",", ":"), ensure_ascii=False)


def assess(recipient_kind: str, categories: Sequence[str]) -> tuple[str, list[str]]:
    """The PIPIA's risk level and measures for an export (art. 55-56).

    A court receives under procedural law and a law firm under its professional duty of
    confidentiality; an outsourcer or another recipient is a wider circle. Sensitive personal
    information (art. 28) raises the risk one level. The measures are those this product
    applies to every bundle, plus encrypted handover and confidentiality for a recipient
    outside the courts; a bundle with identity documents says they are not masked."""
    level = 0 if recipient_kind == "court" else 1 if recipient_kind == "law_firm" else 2
    if SENSITIVE.intersection(categories):
        level = min(level + 1, 2)
    measures = ["need_to_know_scope", "integrity_proofs", "masking", "retention_limit"]
    if recipient_kind != "court":
        measures += ["encrypted_transport", "recipient_confidentiality"]
    if "identity_documents" in categories:
        # masking stops at them: a recipient is told, not left to find out
        measures.append("identity_documents_unmasked")
    return RISK_LEVELS[level], sorted(measures)


def _code(field: str, kind: str, allowed: Sequence[str], value: object) -> Phrase | None:
    if known(kind, value) and value in allowed:
        return None
    return _said("pipl.code_unknown", field=field, allowed=", ".join(allowed), value=value)


def _codes(field: str, kind: str, allowed: Sequence[str], text: object) -> Phrase | None:
    values = as_list(text)
    if not isinstance(text, str) or text != list_text(values):
        return _said("pipl.code_unknown", field=field, allowed=", ".join(allowed), value=text)
    for value in values:
        if value not in allowed:
            return _said("pipl.code_unknown", field=field, allowed=", ".join(allowed), value=value)
    return None


def _text(field: str, value: object) -> Phrase | None:
    if isinstance(value, str) and value.strip():
        return None
    return _said("pipl.text_required", field=field)


def _instant(field: str, value: object) -> Phrase | None:
    try:
        retention.parse_instant(str(value))
    except ValueError:
        return _said("pipl.not_instant", field=field, value=value)
    return None if isinstance(value, str) else _said("pipl.not_instant", field=field, value=value)


def recipient_problems(row: Mapping[str, Any]) -> list[Phrase]:
    """What is wrong with an export's recipient, purpose and basis (what the user is asked)."""
    found = [
        _code("recipient_kind", "recipient", RECIPIENT_KINDS, row.get("recipient_kind")),
        _text("recipient_name", row.get("recipient_name")),
        _text("purpose", row.get("purpose")),
        _code("legal_basis", "basis", LEGAL_BASES, row.get("legal_basis")),
    ]
    if row.get("legal_basis") == "other_law":
        found.append(_text("basis_note", row.get("basis_note")))
    return [p for p in found if p is not None]


def processing_problems(row: Mapping[str, Any]) -> list[Phrase]:
    """What is wrong with a processing record's row (empty: nothing)."""
    found: list[Phrase | None] = [
        *recipient_problems(row),
        _codes("data_categories", "category", DATA_CATEGORIES, row.get("data_categories")),
        _codes(
            "sensitive_categories", "category", DATA_CATEGORIES, row.get("sensitive_categories")
        ),
        _code("risk_level", "risk", RISK_LEVELS, row.get("risk_level")),
        _codes("measures", "measure", MEASURES, row.get("measures")),
        _instant("recorded_at", row.get("recorded_at")),
        _instant("retain_until", row.get("retain_until")),
    ]
    expected = list_text([c for c in as_list(row.get("data_categories")) if c in SENSITIVE])
    if row.get("sensitive_categories") != expected:
        found.append(
            _said(
                "pipl.sensitive_mismatch", expected=expected, value=row.get("sensitive_categories")
            )
        )
    problems = [p for p in found if p is not None]
    if not problems:
        minimum = retention.add_years(str(row["recorded_at"]), KEEP_YEARS)
        if str(row["retain_until"]) < minimum:
            problems.append(_said("pipl.retain_short", minimum=minimum, value=row["retain_until"]))
    return problems


def breach_problems(row: Mapping[str, Any]) -> list[Phrase]:
    """What is wrong with a breach record's row (empty: nothing)."""
    found = [
        _code("kind", "breach", BREACH_KINDS, row.get("kind")),
        _code("cause", "cause", BREACH_CAUSES, row.get("cause")),
        _codes("harms", "harm", BREACH_HARMS, row.get("harms")),
        _codes("remedies", "remedy", BREACH_REMEDIES, row.get("remedies")),
        _codes("advice", "advice", BREACH_ADVICE, row.get("advice")),
        _text("contact_name", row.get("contact_name")),
        _text("contact_phone", row.get("contact_phone")),
        _instant("discovered_at", row.get("discovered_at")),
        _instant("filed_at", row.get("filed_at")),
    ]
    for field in ("harms", "remedies"):
        if not as_list(row.get(field)):
            found.append(_said("pipl.text_required", field=field))
    for field in ("cases_affected", "people_affected"):
        value = row.get(field)
        if type(value) is not int or value < 0:
            found.append(_said("pipl.count_invalid", field=field, value=value))
    problems = [p for p in found if p is not None]
    if not problems and str(row["discovered_at"]) > str(row["filed_at"]):
        problems.append(
            _said("pipl.discovered_late", value=row["discovered_at"], at=row["filed_at"])
        )
    return problems


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who an export goes to, why, and on which basis: what the legal user is asked for."""

    kind: str
    name: str
    purpose: str
    legal_basis: str
    basis_note: str = ""


@dataclass(frozen=True, slots=True)
class ProcessingRecord:
    """A processing record / PIPIA of one export (arts. 55-56), as its table row holds it."""

    id: str
    case_no: str
    bundle_id: str
    evidence_manifest_sha256: str
    recipient_kind: str
    recipient_name: str
    purpose: str
    legal_basis: str
    basis_note: str
    data_categories: tuple[str, ...]
    sensitive_categories: tuple[str, ...]
    risk_level: str
    measures: tuple[str, ...]
    recorded_by: str
    recorded_at: str
    retain_until: str

    def row(self) -> dict[str, Any]:
        """The table row (and ledger row change): lists as canonical JSON text."""
        out: dict[str, Any] = {}
        for name in PROCESSING_COLUMNS:
            value = getattr(self, name)
            out[name] = list_text(value) if isinstance(value, tuple) else value
        return out

    def as_json(self) -> dict[str, Any]:
        """Codes and facts, lists as lists (the kit's ``processing-record.json``, ``--json``)."""
        return {name: list(v) if isinstance(v, tuple) else v for name, v in self._items()}

    def _items(self) -> list[tuple[str, Any]]:
        return [(name, getattr(self, name)) for name in sorted(PROCESSING_COLUMNS)]

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ProcessingRecord:
        values: dict[str, Any] = {
            name: tuple(as_list(row.get(name)))
            if name in ("data_categories", "sensitive_categories", "measures")
            else row.get(name)
            for name in PROCESSING_COLUMNS
        }
        return cls(**values)


def categories_sensitive(categories: Sequence[str]) -> tuple[str, ...]:
    """The sensitive ones of ``categories`` (PIPL art. 28), in code order."""
    return tuple(c for c in DATA_CATEGORIES if c in categories and c in SENSITIVE)
