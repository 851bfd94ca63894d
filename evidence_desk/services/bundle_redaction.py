"""Applying a redaction plan to a bundle's records (issue 21 item 5, PI-2 and PI-6).

``gather`` reads the stored evidence as it is; this module decides what of it the bundle may
print and carry, so that nothing downstream (the PDF, the kit) ever holds a withheld character:

- a message withheld whole keeps its time, side and commitment; its text, attachments and the
  sender's platform id are dropped (``BundleMessage.withheld`` says why);
- a message with withheld spans keeps its unredacted pieces (``BundleMessage.segments``) and
  ``text`` is those pieces joined;
- an image original with regions is drawn with them blacked out; a screenshot bubble that OCR
  matched to a redacted message gets a region of its own over the bubble (a screenshot shows
  the message's pixels, and the bundle must not show what its transcript withholds);
- the screenshot check prints neither the OCR text nor the export text of a redacted message;
- the annex (tags' notes, conduct findings quoting a message) has every withheld text replaced
  by its reason code;
- every original that holds what is withheld (the chat exports of a conversation with a
  redacted message, an image with a region) is left out of the kit and the PDF: the manifest
  lists it as withheld with its digests, so the original given to a court later can be checked.

Masking numbers (services/bundle_masking.py) runs after this, over what remains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from evidence_desk.bundle.model import (
    AnnexRow,
    BundleMessage,
    CheckedBubble,
    CheckedMessage,
    Exhibit,
    OriginalFile,
    ScreenshotFindings,
)
from evidence_desk.domain import redaction_defaults, sensitive_numbers
from evidence_desk.domain.redaction import (
    ImageRegion,
    Origin,
    Reason,
    RedactionError,
    RedactionPlan,
    TextSpan,
    WholeMessage,
    merged,
    segments,
)
from evidence_desk.domain.wording import Phrase, render, template

#: the roles of originals that hold a conversation's messages (the rest are images, recordings
#: or documents, judged by their own regions)
_MESSAGE_ROLES = frozenset({"chat_export", "export_member", "chat"})


def said(message: BundleMessage) -> redaction_defaults.Said:
    """A bundle message as the default detectors read it."""
    return redaction_defaults.Said(
        message.commitment, message.direction, message.sender, message.sender_id, message.text
    )


#: the detector versions a plan with default redactions names
DETECTORS = {"redaction": redaction_defaults.VERSION, "numbers": sensitive_numbers.DETECTOR_VERSION}


def proposal(handle: str, display_name: str, messages: Sequence[BundleMessage]) -> RedactionPlan:
    """The default detectors' plan over one contact's messages."""
    return redaction_defaults.propose(
        [said(m) for m in messages], redaction_defaults.Parties(handle, display_name)
    )


def defaults(exhibits: Sequence[Exhibit], *, accounts: bool = True) -> RedactionPlan:
    """The default detectors' plan over every conversation exhibit's messages; without its
    ``AC`` spans when not ``accounts`` (legal unmasked the numbers, with a reason: PI-6)."""
    plans = [
        proposal(exhibit.contact.handle, exhibit.contact.display_name, exhibit.messages)
        for exhibit in exhibits
        if exhibit.kind == "conversation"
    ]
    plan = merged([*plans, RedactionPlan(detectors=DETECTORS)])
    if accounts:
        return plan
    spans = tuple(s for s in plan.spans if s.reason is not Reason.ACCOUNT)
    return RedactionPlan(spans, plan.messages, plan.regions, plan.detectors)


@dataclass(frozen=True, slots=True)
class Applied:
    """The records as the bundle may print and carry them, and the plan that made them (with
    the regions derived over screenshot bubbles of redacted messages)."""

    plan: RedactionPlan
    exhibits: tuple[Exhibit, ...]
    checks: tuple[ScreenshotFindings, ...]
    annex: tuple[AnnexRow, ...]


def check_known(plan: RedactionPlan, exhibits: Sequence[Exhibit]) -> None:
    """Everything the plan names is in the bundle: a plan for other messages or images must not
    pass silently (legal would believe something withheld that is not even there)."""
    messages = {m.commitment for e in exhibits for m in e.messages}
    images = {o.sha256 for e in exhibits for o in e.originals if o.is_image}
    for n, span in enumerate(plan.spans):
        if span.message not in messages:
            raise RedactionError("redaction.unknown", item=f"spans[{n}]", value=span.message)
    for n, whole in enumerate(plan.messages):
        if whole.message not in messages:
            raise RedactionError("redaction.unknown", item=f"messages[{n}]", value=whole.message)
    for n, region in enumerate(plan.regions):
        if region.original not in images:
            raise RedactionError("redaction.unknown", item=f"regions[{n}]", value=region.original)


class _ByMessage:
    """The plan's redactions by message commitment, looked up once per message (a bundle of
    10k messages with thousands of default spans must not scan the plan per message)."""

    def __init__(self, plan: RedactionPlan) -> None:
        self.whole: dict[str, WholeMessage] = {}
        for whole in plan.messages:
            self.whole.setdefault(whole.message, whole)
        self.spans: dict[str, list[TextSpan]] = {}
        for span in plan.spans:
            self.spans.setdefault(span.message, []).append(span)


def _message(message: BundleMessage, plan: _ByMessage) -> tuple[BundleMessage, list[str]]:
    """The message as printed, and the texts it withholds (for scrubbing the annex)."""
    whole = plan.whole.get(message.commitment)
    if whole is not None:
        gone = [message.text] if message.text else []
        printed = replace(
            message, text="", attachments=(), sender_id="", segments=(), withheld=whole.reason
        )
        return printed, gone
    spans = plan.spans.get(message.commitment, [])
    if not spans:
        return message, []
    try:
        pieces = segments(message.text, spans)
    except RedactionError as error:
        raise RedactionError("redaction.span", item=message.commitment, **error.facts) from None
    gone = [message.text[s.start : s.end] for s in spans]
    text = "".join(p.text for p in pieces)
    return replace(message, text=text, segments=pieces), gone


def _bubble_regions(
    checks: Sequence[ScreenshotFindings], plan: RedactionPlan, redacted: Mapping[str, Reason]
) -> RedactionPlan:
    """The plan with a region over every screenshot bubble matched to a redacted message."""
    regions: list[ImageRegion] = []
    for shot in checks:
        for bubble in shot.bubbles:
            message = bubble.message
            if message is None or message.commitment not in redacted:
                continue
            left, top, right, bottom = bubble.box
            if right > left and bottom > top:
                reason = redacted[message.commitment]
                regions.append(
                    ImageRegion(shot.original.sha256, bubble.box, reason, Origin.DEFAULT)
                )
    return merged([plan, RedactionPlan(regions=tuple(regions))]) if regions else plan


def _checked(message: CheckedMessage | None, redacted: Mapping[str, Reason]) -> bool:
    return message is not None and message.commitment in redacted


def _checks(
    checks: Sequence[ScreenshotFindings],
    redacted: Mapping[str, Reason],
    gone: Sequence[str],
) -> tuple[ScreenshotFindings, ...]:
    """The screenshot check without the texts of redacted messages (neither OCR's nor the
    export's) and with withheld texts scrubbed from the rest."""

    def record(message: CheckedMessage | None) -> CheckedMessage | None:
        if message is None:
            return None
        if message.commitment in redacted:
            return replace(message, text=None)
        return replace(message, text=scrub(message.text, gone))

    def bubble(found: CheckedBubble) -> CheckedBubble:
        if _checked(found.message, redacted):
            return replace(found, text="", message=record(found.message), stretches=())
        return replace(
            found,
            text=scrub(found.text, gone) or "",
            message=record(found.message),
            stretches=tuple(
                replace(
                    s,
                    screenshot=scrub(s.screenshot, gone) or "",
                    export=scrub(s.export, gone) or "",
                )
                for s in found.stretches
            ),
        )

    return tuple(
        replace(
            shot,
            bubbles=tuple(bubble(b) for b in shot.bubbles),
            skipped=tuple(r for r in (record(m) for m in shot.skipped) if r is not None),
        )
        for shot in checks
    )


def scrub(text: str | None, gone: Sequence[str]) -> str | None:
    """``text`` with every withheld text in it replaced by a black box (``■■■``, the same in
    every language), longest first."""
    if not text:
        return text
    for secret in sorted({g for g in gone if g.strip()}, key=len, reverse=True):
        text = text.replace(secret, "■■■")
    return text


def _scrub_detail(detail: str, gone: Sequence[str]) -> str:
    english = template(detail.code) if isinstance(detail, Phrase) and detail.code else None
    if not isinstance(detail, Phrase) or english is None:
        return scrub(detail, gone) or ""
    facts = tuple((name, _scrub_detail(value, gone)) for name, value in detail.facts)
    return Phrase(render(english, dict(facts)), detail.code, facts)


def _withheld_originals(
    exhibit: Exhibit, plan: RedactionPlan, redacted_here: bool
) -> tuple[OriginalFile, ...]:
    """The exhibit's originals with their regions, and withheld where they hold what the plan
    withholds (every export of a conversation with a redacted message, each image with a
    region)."""
    out = []
    for original in exhibit.originals:
        regions = plan.regions_of(original.sha256) if original.is_image else ()
        holds = bool(regions) or (
            redacted_here and exhibit.kind == "conversation" and not original.is_image
        )
        out.append(replace(original, regions=regions, withheld=holds))
    return tuple(out)


def apply(
    plan: RedactionPlan,
    exhibits: Sequence[Exhibit],
    checks: Sequence[ScreenshotFindings],
    annex: Sequence[AnnexRow],
) -> Applied:
    """The records with ``plan`` applied (see the module's docstring); ``redaction.unknown``
    when the plan names a message or image the bundle does not hold."""
    check_known(plan, exhibits)
    redacted: dict[str, Reason] = {m.message: m.reason for m in plan.messages}
    for span in plan.spans:
        redacted.setdefault(span.message, span.reason)
    plan = _bubble_regions(checks, plan, redacted)
    gone: list[str] = []
    out: list[Exhibit] = []
    by_message = _ByMessage(plan)
    for exhibit in exhibits:
        messages = []
        for message in exhibit.messages:
            printed, withheld = _message(message, by_message)
            messages.append(printed)
            gone += withheld
        here = any(m.commitment in redacted for m in exhibit.messages)
        originals = _withheld_originals(exhibit, plan, here)
        by_digest = {o.sha256: o for o in originals}
        shots = tuple(
            replace(s, original=by_digest.get(s.original.sha256, s.original), regions=regions)
            for s in exhibit.screenshots
            for regions in (plan.regions_of(s.original.sha256),)
        )
        recordings = tuple(
            replace(r, original=by_digest.get(r.original.sha256, r.original))
            for r in exhibit.recordings
        )
        out.append(
            replace(
                exhibit,
                messages=tuple(messages),
                originals=originals,
                screenshots=shots,
                recordings=recordings,
            )
        )
    images = {o.sha256: o for e in out for o in e.originals}
    shots_out = tuple(
        replace(s, original=images.get(s.original.sha256, s.original))
        for s in _checks(checks, redacted, gone)
    )
    rows = tuple(replace(r, detail=_scrub_detail(r.detail, gone)) for r in annex)
    return Applied(plan, tuple(out), shots_out, rows)


def counts(plan: RedactionPlan) -> dict[str, int]:
    """How many redactions of each kind the plan holds (facts of the export's entry)."""
    return {"spans": len(plan.spans), "messages": len(plan.messages), "regions": len(plan.regions)}
