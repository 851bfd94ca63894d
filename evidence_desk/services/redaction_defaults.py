"""The default redaction plan of a bundle, and what legal's redaction editor lists (issue 21).

``redaction-plan`` writes :func:`default_plan` for legal to edit; the app's editor lists
:func:`redaction_candidates`. Both read the messages the bundle of a scope would print (the
stored texts: redaction works on them, before masking) and run the pure detectors of
``domain/redaction_defaults.py`` over them, exactly as ``gather`` does at export.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.redaction import Reason, RedactionPlan, TextSpan, merged
from evidence_desk.services import bundle_redaction
from evidence_desk.services.bundle import messages_in_scope
from evidence_desk.services.session import Session


@dataclass(frozen=True, slots=True)
class Candidate:
    """One message the bundle would print, as the editor shows it, with the defaults' proposal
    (``spans`` of its text, or ``withheld`` whole: a third party's message)."""

    commitment: str
    contact_id: str
    sent_at: str  # UTC ISO 8601
    sender: str
    text: str  # as stored (the editor shows what it redacts)
    spans: tuple[TextSpan, ...]
    withheld: Reason | None


def redaction_candidates(session: Session, scope: Scope) -> list[Candidate]:
    """Every message in scope with what the default detectors propose for it (legal only)."""
    out: list[Candidate] = []
    for contact, messages in messages_in_scope(session, scope):
        plan = bundle_redaction.proposal(contact.handle, contact.display_name, messages)
        for message in messages:
            whole = plan.withheld(message.commitment)
            out.append(
                Candidate(
                    message.commitment,
                    contact.id,
                    message.sent_at,
                    message.sender,
                    message.text,
                    plan.spans_of(message.commitment),
                    None if whole is None else whole.reason,
                )
            )
    return out


def default_plan(session: Session, scope: Scope) -> RedactionPlan:
    """The plan the default detectors propose for the bundle of ``scope`` (legal only)."""
    plans = [
        bundle_redaction.proposal(contact.handle, contact.display_name, messages)
        for contact, messages in messages_in_scope(session, scope)
    ]
    return merged([*plans, RedactionPlan(detectors=bundle_redaction.DETECTORS)])
