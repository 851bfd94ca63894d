"""Masking bank-card and account numbers in a bundle (PI-6), and the legal team's unmask.

A bundle's transcripts (and its annex, which quotes notes and findings) show every number
:mod:`evidence_desk.domain.sensitive_numbers` detects as ``6222 **** **** 1234``. Only the
printed text changes: message digests, commitments, the originals in the kit and every proof
are those of the stored evidence, so the kit verifies as before, and the originals still hold
the numbers (the verification appendix and VERIFY.txt say so).

Printing them in clear is the legal team's decision with a reason: a ``bundle.unmask`` ledger
entry (case, reason, detector version) written before the bundle is gathered, so the bundle's
ledger slice holds it, and the export entry points to it. The rule table lets only the legal
role write it and requires the reason, and ``verify`` replays that table over every entry: an
unmask written by anyone else with their own key is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from evidence_desk.bundle.model import AnnexRow, Exhibit
from evidence_desk.domain import sensitive_numbers
from evidence_desk.domain.authority import unmask_reason
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.redaction import Segment
from evidence_desk.domain.wording import Catalogue, Phrase, render, template
from evidence_desk.services import records_key as records
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session

UNMASK_ACTION = "bundle.unmask"

_said = Catalogue(
    {
        "unmask.where": "ledger seq {seq}",
        "unmask.not_authorised": "the bundle printed account numbers in clear without a "
        "bundle.unmask entry of its case by its exporter that keeps the rules (unmask_seq "
        "{unmask_seq})",
    }
)


def record_unmask(session: Session, case_no: str, reason: str) -> int:
    """Write the ``bundle.unmask`` entry (legal only, with a reason); its seq."""
    session.require(Action.BUNDLE_UNMASK)
    refusal = unmask_reason(reason)
    if refusal is not None:
        raise RuleViolation(refusal.rule, refusal.detail)
    entry = session.write(
        UNMASK_ACTION,
        {
            "case_no": case_no,
            # legal's own words, which may quote the debtor: sealed to the organisation's
            # records key (its readers, auditors among them, open it: unmask_reason_of)
            "reason": records.seal(session, unmask_place(case_no), "reason", reason.strip()),
            "detector": sensitive_numbers.DETECTOR_VERSION,
        },
        [],
        operation="export",
    )
    return entry.seq


def unmask_place(case_no: str) -> str:
    """What a ``bundle.unmask`` reason's sealing binds (store/records_key.py)."""
    return f"{UNMASK_ACTION}/{case_no}"


def unmask_reason_of(session: Session, payload: Mapping[str, Any]) -> str:
    """A ``bundle.unmask`` payload's reason, opened for a records reader (as written when in
    clear; ``records_key.SEALED`` for anyone else)."""
    reason = payload.get("reason")
    if not isinstance(reason, str):
        return ""
    return records.open_text(session, unmask_place(str(payload.get("case_no"))), "reason", reason)


def mask_exhibits(exhibits: tuple[Exhibit, ...]) -> tuple[Exhibit, ...]:
    """The exhibits with every detected number in message texts masked, and in the senders'
    platform ids (an account number used as one; a phone number is no account number)."""
    out = []
    for exhibit in exhibits:
        messages = tuple(
            replace(
                m,
                text=sensitive_numbers.mask(m.text),
                sender_id=sensitive_numbers.mask(m.sender_id),
                # a redacted message's printed pieces (services/bundle_redaction.py)
                segments=tuple(
                    Segment(sensitive_numbers.mask(s.text), s.reason) if s.text else s
                    for s in m.segments
                ),
            )
            if m.text or m.sender_id
            else m
            for m in exhibit.messages
        )
        out.append(replace(exhibit, messages=messages))
    return tuple(out)


def mask_annex(rows: tuple[AnnexRow, ...]) -> tuple[AnnexRow, ...]:
    """Annex rows whose plain detail (a tag's note) shows a number, masked; a coded detail
    (a conduct finding, worded in the bundle's language later) keeps its code and has each of
    its text facts masked."""
    return tuple(replace(r, detail=_masked_detail(r.detail)) for r in rows)


def _masked_detail(detail: str) -> str:
    english = template(detail.code) if isinstance(detail, Phrase) and detail.code else None
    if not isinstance(detail, Phrase) or english is None:
        return sensitive_numbers.mask(detail)
    facts = tuple((name, _masked_detail(value)) for name, value in detail.facts)
    return Phrase(render(english, dict(facts)), detail.code, facts)


def check_unmasks(session: Session, replay: Replay) -> Iterable[Finding]:
    """Verify's check: every export that printed numbers in clear points to an earlier
    ``bundle.unmask`` of the same case, by the same user, that kept the rule table (legal, a
    reason). The rule table judges each entry alone; this ties the two together."""
    del session
    by_seq = {
        entry.seq: (entry, payload)
        for entry, payload in zip(replay.entries, replay.payloads, strict=True)
    }
    for entry, payload in by_seq.values():
        if entry.action != "bundle.export" or not isinstance(payload, dict):
            continue
        numbers = payload.get("numbers")
        if not isinstance(numbers, dict) or numbers.get("masked") is not False:
            continue
        seq = numbers.get("unmask_seq")
        unmask = by_seq.get(seq) if isinstance(seq, int) else None
        if (
            unmask is None
            or unmask[0].action != UNMASK_ACTION
            or unmask[0].seq >= entry.seq
            or unmask[0].seq in replay.rejected
            or unmask[0].actor != entry.actor
            or not isinstance(unmask[1], dict)
            or unmask[1].get("case_no") != payload.get("case_no")
        ):
            yield Finding(
                "bundle.unmask",
                _said("unmask.where", seq=entry.seq),
                _said("unmask.not_authorised", unmask_seq=seq),
            )
