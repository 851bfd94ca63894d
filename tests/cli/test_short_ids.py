"""The CLI's line for a ``hub.decided`` refusal shows device and contact ids in short form (as
the GUI does, ui/decided_text.py) while the refusal's facts keep them whole."""

from __future__ import annotations

from evidence_desk.cli.short_ids import error_line, shortened
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services.hub_client import HubRefused

DEVICE = "5890479a-12e5-493c-ae98-6391455b1b28"
FIRST = "8adc456d-f18b-4a4c-a97c-82fc13473ebc"
CONTACT = "K-f265db4a01e3"
FACTS = {
    "device": DEVICE,
    "seq": "3",
    "contact": CONTACT,
    "by": "sam",
    "action": "contact.approve",
    "first_device": FIRST,
}


def test_a_decided_refusal_is_printed_with_short_ids_and_keeps_the_full_facts() -> None:
    error = HubRefused("hub.decided", FACTS, status=409)
    line = error_line(error)
    assert line == (
        "refused by rule hub.decided: device 5890479a: entry 3 decides contact K-f265db, which "
        "sam decided first (contact.approve, device 8adc456d); the first decision stands"
    )
    assert DEVICE not in line and FIRST not in line and CONTACT not in line
    # the error and its detail are not changed: the facts (and --json) keep the full ids
    assert error.named == FACTS and dict(error.facts) == FACTS
    assert DEVICE in error.message and error.detail_code == "hub.decided"
    short = shortened(error.detail)
    assert (short.code, short.facts) == (error.detail.code, error.detail.facts)  # type: ignore[attr-defined]


def test_other_errors_are_printed_as_before() -> None:
    other = HubRefused("hub.blob_chunk", {"digest": "ab" * 32, "index": "2"}, status=409)
    assert error_line(other) == other.message
    assert shortened("plain words") == "plain words"
    plain = RuleViolation("contact.pending", "a plain sentence")
    assert error_line(plain) == "refused by rule contact.pending: a plain sentence"
    # instants are still shown as local times on the same line
    stamped = HubRefused(
        "hub.enrolment_expired", {"expires_at": "2026-12-06T09:13:04+00:00"}, status=409
    )
    assert "2026-12-06T09:13:04+00:00" not in error_line(stamped)
