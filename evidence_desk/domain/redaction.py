"""What legal redacts from a bundle, and why (PI-2, PI-6; issue 21 item 5).

A redaction never touches the stored evidence: originals, messages, commitments and the ledger
stay as they are. It only decides what a bundle *prints* and *carries*. Three kinds:

- :class:`TextSpan`: characters ``[start, end)`` of one message's text (Python string offsets
  into the stored text), e.g. a third party's phone number inside a debtor's message;
- :class:`WholeMessage`: a message printed as a black box only (text and attachments withheld);
- :class:`ImageRegion`: a rectangle of an image original (a screenshot, an identity proof),
  in that original's pixels, blacked out wherever the bundle draws the image.

Messages are named by their salted commitment (hex), which is unique, stable across devices and
reveals nothing; images by the SHA-256 of their original. Every redaction carries a
:class:`Reason` code, printed in its black box; the bundle's legend gives the wording (sealed
bytes hold the code, never a sentence). A free ``note`` may say more (legal's own words).

The plan's :meth:`RedactionPlan.facts` are canonical JSON-ready facts: the export's ledger
entry records them (or their digest), so `verify` and the kit can say exactly what was withheld.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    """Why something is withheld; the value is the code printed in the black box."""

    THIRD_PARTY = "TP"  # personal data of someone who is not a party (PI-2)
    ACCOUNT = "AC"  # bank-card or account number (PI-6: sensitive financial data)
    ID_NUMBER = "ID"  # resident identity number, passport number
    IRRELEVANT = "IR"  # not relevant to the matter (minimisation)
    PRIVILEGED = "PV"  # legal advice, privileged communication
    OTHER = "OT"  # see the redaction's note


class Origin(StrEnum):
    """Who proposed a redaction: the default detectors or a person."""

    DEFAULT = "default"
    LEGAL = "legal"


class RedactionError(ValueError):
    """A plan that cannot apply: ``code`` names the rule, ``facts`` the offending values."""

    def __init__(self, code: str, **facts: object) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


@dataclass(frozen=True, slots=True)
class TextSpan:
    message: str  # the message's commitment (hex)
    start: int
    end: int
    reason: Reason
    origin: Origin = Origin.LEGAL
    note: str = ""


@dataclass(frozen=True, slots=True)
class WholeMessage:
    message: str  # the message's commitment (hex)
    reason: Reason
    origin: Origin = Origin.LEGAL
    note: str = ""


@dataclass(frozen=True, slots=True)
class ImageRegion:
    original: str  # SHA-256 (hex) of the image original
    box: tuple[int, int, int, int]  # left, top, right, bottom in the original's pixels
    reason: Reason
    origin: Origin = Origin.LEGAL
    note: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a message's printed text: as stored (``reason`` None) or withheld."""

    text: str  # empty for a withheld piece: the withheld characters never leave the service
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class RedactionPlan:
    spans: tuple[TextSpan, ...] = ()
    messages: tuple[WholeMessage, ...] = ()
    regions: tuple[ImageRegion, ...] = ()
    # the detector versions that proposed the DEFAULT redactions ({} when none ran)
    detectors: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.spans or self.messages or self.regions)

    def spans_of(self, message: str) -> tuple[TextSpan, ...]:
        return tuple(span for span in self.spans if span.message == message)

    def withheld(self, message: str) -> WholeMessage | None:
        return next((whole for whole in self.messages if whole.message == message), None)

    def regions_of(self, original: str) -> tuple[ImageRegion, ...]:
        return tuple(region for region in self.regions if region.original == original)

    def facts(self) -> dict[str, Any]:
        """Canonical, JSON-ready facts (codes and numbers; notes are legal's own words)."""
        return {
            "spans": sorted(
                [s.message, s.start, s.end, s.reason.value, s.origin.value, s.note]
                for s in self.spans
            ),
            "messages": sorted(
                [m.message, m.reason.value, m.origin.value, m.note] for m in self.messages
            ),
            "regions": sorted(
                [r.original, *r.box, r.reason.value, r.origin.value, r.note] for r in self.regions
            ),
            "detectors": dict(sorted(self.detectors.items())),
        }

    def to_json(self) -> str:
        """The plan as a file legal can keep, edit and pass to ``bundle --redact FILE``."""
        return json.dumps(_as_document(self), ensure_ascii=False, indent=2) + "\n"


def _as_document(plan: RedactionPlan) -> dict[str, Any]:
    return {
        "spans": [
            {
                "message": s.message,
                "start": s.start,
                "end": s.end,
                "reason": s.reason.value,
                "origin": s.origin.value,
                "note": s.note,
            }
            for s in plan.spans
        ],
        "messages": [
            {
                "message": m.message,
                "reason": m.reason.value,
                "origin": m.origin.value,
                "note": m.note,
            }
            for m in plan.messages
        ],
        "regions": [
            {
                "original": r.original,
                "box": list(r.box),
                "reason": r.reason.value,
                "origin": r.origin.value,
                "note": r.note,
            }
            for r in plan.regions
        ],
        "detectors": dict(plan.detectors),
    }


def _reason(value: object, where: str) -> Reason:
    try:
        return Reason(str(value))
    except ValueError:
        raise RedactionError("redaction.reason", where=where, value=str(value)) from None


def _origin(value: object, where: str) -> Origin:
    try:
        return Origin(str(value) if value is not None else Origin.LEGAL.value)
    except ValueError:
        raise RedactionError("redaction.origin", where=where, value=str(value)) from None


def _hex_digest(value: object, where: str) -> str:
    text = str(value)
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise RedactionError("redaction.digest", where=where, value=text)
    return text


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RedactionError("redaction.number", where=where, value=str(value))
    return value


def from_json(text: str) -> RedactionPlan:
    """Read a plan file; a malformed one raises :class:`RedactionError` naming the item."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RedactionError("redaction.json", line=error.lineno, reason=error.msg) from None
    if not isinstance(document, dict):
        raise RedactionError("redaction.json", line=1, reason="not an object")

    def items(key: str) -> list[Mapping[str, Any]]:
        value = document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise RedactionError("redaction.json", line=1, reason=key)
        return value

    spans = []
    for n, item in enumerate(items("spans")):
        where = f"spans[{n}]"
        start, end = _int(item.get("start"), where), _int(item.get("end"), where)
        if end <= start:
            raise RedactionError("redaction.span", where=where, start=start, end=end)
        spans.append(
            TextSpan(
                _hex_digest(item.get("message"), where),
                start,
                end,
                _reason(item.get("reason"), where),
                _origin(item.get("origin"), where),
                str(item.get("note", "")),
            )
        )
    messages = [
        WholeMessage(
            _hex_digest(item.get("message"), f"messages[{n}]"),
            _reason(item.get("reason"), f"messages[{n}]"),
            _origin(item.get("origin"), f"messages[{n}]"),
            str(item.get("note", "")),
        )
        for n, item in enumerate(items("messages"))
    ]
    regions = []
    for n, item in enumerate(items("regions")):
        where = f"regions[{n}]"
        box = item.get("box")
        if not isinstance(box, list) or len(box) != 4:
            raise RedactionError("redaction.box", where=where, value=str(box))
        left, top, right, bottom = (_int(v, where) for v in box)
        if right <= left or bottom <= top:
            raise RedactionError("redaction.box", where=where, value=str(box))
        regions.append(
            ImageRegion(
                _hex_digest(item.get("original"), where),
                (left, top, right, bottom),
                _reason(item.get("reason"), where),
                _origin(item.get("origin"), where),
                str(item.get("note", "")),
            )
        )
    detectors = document.get("detectors", {})
    if not isinstance(detectors, dict):
        raise RedactionError("redaction.json", line=1, reason="detectors")
    return RedactionPlan(
        tuple(spans),
        tuple(messages),
        tuple(regions),
        {str(k): str(v) for k, v in detectors.items()},
    )


def segments(text: str, spans: Sequence[TextSpan]) -> tuple[Segment, ...]:
    """``text`` in printed pieces: overlapping or touching spans merge (the first reason wins).

    A span outside the text raises ``redaction.span``: a plan made for another text (another
    message, or a text that changed) must not print a box in the wrong place.
    """
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise RedactionError(
                "redaction.span", message=span.message, start=span.start, end=span.end
            )
    merged: list[tuple[int, int, Reason]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1][1]:
            start, end, reason = merged[-1]
            merged[-1] = (start, max(end, span.end), reason)
        else:
            merged.append((span.start, span.end, span.reason))
    pieces: list[Segment] = []
    at = 0
    for start, end, reason in merged:
        if start > at:
            pieces.append(Segment(text[at:start]))
        pieces.append(Segment("", reason))
        at = end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return tuple(pieces)


def merged(plans: Iterable[RedactionPlan]) -> RedactionPlan:
    """Several plans as one (defaults plus legal's own), without exact duplicates."""
    spans: dict[TextSpan, None] = {}
    messages: dict[WholeMessage, None] = {}
    regions: dict[ImageRegion, None] = {}
    detectors: dict[str, str] = {}
    for plan in plans:
        spans.update(dict.fromkeys(plan.spans))
        messages.update(dict.fromkeys(plan.messages))
        regions.update(dict.fromkeys(plan.regions))
        detectors.update(plan.detectors)
    return RedactionPlan(tuple(spans), tuple(messages), tuple(regions), detectors)
