"""The redactions a bundle proposes by default (PI-2, PI-6; issue 21 item 5).

Third parties' personal data and account numbers leave a bundle unless legal decides otherwise,
so the detectors run over every message in scope and propose :class:`~evidence_desk.domain.
redaction.TextSpan` and :class:`~evidence_desk.domain.redaction.WholeMessage` redactions with
``Origin.DEFAULT``. Pure functions of the texts (no store, no Qt), versioned like
``sensitive_numbers``: a bundle's plan names :data:`VERSION`, so a better detector applies to
the bundles made after it and the older ones say what proposed theirs.

What is proposed, and why:

- ``AC``: card and account numbers (``sensitive_numbers.find``): sensitive financial data;
- ``ID``: PRC resident identity numbers (GB 11643 check) and Chinese passport numbers
  (``E`` or ``G`` and eight digits, ``E`` plus a letter and seven digits);
- ``TP``: mobile numbers (``1[3-9]`` and nine digits, with or without +86), landlines (a
  ``0`` area code and seven or eight digits) and e-mail addresses, unless the number or address
  is a party's own (the contact's handle, the platform id of the debtor's or our side's
  messages): the parties are who the bundle is about, third parties are not;
- ``TP`` for a whole message sent, in a group conversation, by someone who is neither the
  debtor nor our side. The debtor is the sender whose platform id or name is the contact's
  handle or display name, else (an export that names them otherwise) the one who sent most of
  the incoming messages.

The limits: a number written with unusual separators, split across messages or spelled out in
words is not found; a third party's name is not (names cannot be told from words without a
model). Legal reviews the proposal (``redaction-plan`` writes it) and adds what it misses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from evidence_desk.domain import sensitive_numbers
from evidence_desk.domain.redaction import Origin, Reason, RedactionPlan, TextSpan, WholeMessage

VERSION: Final = "1"

_RESIDENT_ID: Final = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_PASSPORT: Final = re.compile(r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])")
_MOBILE: Final = re.compile(r"(?<![\d+])(?:\+?86[ \-]?)?1[3-9]\d(?:[ \-]?\d{4}){2}(?!\d)")
_LANDLINE: Final = re.compile(r"(?<![\d+])0\d{2,3}[ \-]?\d{7,8}(?!\d)")
_EMAIL: Final = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


@dataclass(frozen=True, slots=True)
class Said:
    """One message as the detectors read it (the service fills it from the stored message)."""

    commitment: str
    direction: str  # in, out, system
    sender: str
    sender_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Parties:
    """Who a conversation is between: the contact (the debtor) and our side."""

    handle: str  # the contact's handle as requested (phone, wxid, e-mail)
    display_name: str


def _key(value: str) -> str:
    """A handle, number or address as compared: lower case, digits without separators, and
    a mainland mobile number without its +86."""
    text = value.strip().lower()
    digits = re.sub(r"[ \-()]", "", text)
    if digits.lstrip("+").isdigit():
        digits = digits.lstrip("+")
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
        return digits
    return text


def _sender(message: Said) -> str:
    """Who sent a message: the platform id when the export names one, else the name."""
    return _key(message.sender_id) or message.sender.strip().lower()


def _debtor(messages: Sequence[Said], parties: Parties) -> frozenset[str]:
    """The sender keys of the debtor among incoming messages: those whose id or name is the
    contact's handle or display name, else the one who sent most (empty: none came in)."""
    named = {_key(parties.handle), parties.display_name.strip().lower()} - {""}
    incoming = [m for m in messages if m.direction == "in"]
    matched = {
        _sender(m)
        for m in incoming
        if _key(m.sender_id) in named or m.sender.strip().lower() in named
    }
    if matched:
        return frozenset(matched)
    senders = Counter(_sender(m) for m in incoming)
    return frozenset(s for s, _n in senders.most_common(1))


def own_ids(messages: Iterable[Said], parties: Parties, debtor: frozenset[str]) -> frozenset[str]:
    """The parties' own numbers and addresses: never a third party's data."""
    ids = {_key(parties.handle)}
    for message in messages:
        sender = _sender(message)
        if message.direction == "out" or sender in debtor:
            ids.add(_key(message.sender_id))
    return frozenset(ids - {""})


def _found(text: str, own: frozenset[str]) -> list[tuple[int, int, Reason]]:
    spans: list[tuple[int, int, Reason]] = [
        (s.start, s.end, Reason.ACCOUNT) for s in sensitive_numbers.find(text)
    ]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e, _r in spans)

    for match in _RESIDENT_ID.finditer(text):
        if sensitive_numbers.resident_id(match.group().upper()) and free(*match.span()):
            spans.append((*match.span(), Reason.ID_NUMBER))
    for match in _PASSPORT.finditer(text):
        if free(*match.span()):
            spans.append((*match.span(), Reason.ID_NUMBER))
    for pattern in (_EMAIL, _MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            if _key(match.group()) not in own and free(*match.span()):
                spans.append((*match.span(), Reason.THIRD_PARTY))
    return sorted(spans)


def spans_in(message: Said, own: frozenset[str]) -> tuple[TextSpan, ...]:
    """The default spans of one message's text."""
    return tuple(
        TextSpan(message.commitment, start, end, reason, Origin.DEFAULT)
        for start, end, reason in _found(message.text, own)
    )


def propose(messages: Sequence[Said], parties: Parties) -> RedactionPlan:
    """The default plan over one conversation's messages in scope."""
    debtor = _debtor(messages, parties)
    own = own_ids(messages, parties, debtor)
    spans: list[TextSpan] = []
    withheld: list[WholeMessage] = []
    for message in messages:
        sender = _sender(message)
        # a third party's message in a group chat; a message the export attributes to nobody
        # (a recall notice, a transfer line) is no third party's
        if message.direction == "in" and debtor and sender and sender not in debtor:
            withheld.append(WholeMessage(message.commitment, Reason.THIRD_PARTY, Origin.DEFAULT))
            continue
        spans.extend(spans_in(message, own))
    return RedactionPlan(
        tuple(spans),
        tuple(withheld),
        (),
        {"redaction": VERSION, "numbers": sensitive_numbers.DETECTOR_VERSION},
    )
