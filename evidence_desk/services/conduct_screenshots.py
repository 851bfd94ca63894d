"""The conduct check over screenshots: our own bubbles judged as our messages are (issue 22).

A screenshot can show what the export does not (a message deleted before the export, a chat
never exported), and the staff's words in it count as much as a message's. Every bubble on our
side (the right) of each screenshot OCR has read is checked by the rules a single message's text
is checked by (services/conduct.py: the lexicon, CC-6, and payment accounts, CC-7), and by the
time rules where the screenshot shows a time for it:

- quiet hours (CC-1) at the minute of the bubble's own time (WhatsApp) or of the separator above
  it (the bubble was sent at or after it), as the phone's clock shows it; a bubble under no
  time is not judged by it;
- a message after the contact's revocation, only where the screenshot proves the day (a written
  date, or a relative one counted from the capture day: ocr/crosscheck.py ``day_of``).

A bubble the cross-check **matched** to an export message *is* that message: a rule the message
already broke is not reported again for the bubble, and its time rules are the message's (the
export's second, not a separator's minute), as is the reviewed period. Only the bubbles the
export lacks or shows otherwise add findings. Pure functions over the cross-check's reports; the
caller (services/conduct.py) words and identifies the findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time

from evidence_desk.ocr.crosscheck import BubbleCheck, day_of
from evidence_desk.ocr.layout import Bubble, ChatLayout
from evidence_desk.services.screenshot_check import ScreenshotReport

QUIET_HOURS = "CC-1"
AFTER_REVOCATION = "after-revocation"

Facts = dict[str, object]
#: a text's broken text rules: (rule, code of the finding's detail, its facts)
TextRules = Callable[[str], list[tuple[str, str, Facts]]]


@dataclass(frozen=True, slots=True)
class BubbleHit:
    """A rule one of our bubbles breaks: the screenshot's item, the bubble's index among the
    screenshot's bubbles (top to bottom, both sides), its box, how much of its time the
    screenshot proves, the UTC instant it proves (when it proves a day), and the finding's
    code and facts (the item and the bubble's number among them)."""

    rule: str
    item_id: str
    bubble: int
    box: tuple[int, int, int, int]
    time_basis: str
    sent_at: str | None
    code: str
    facts: Facts


@dataclass(frozen=True, slots=True)
class ShotRules:
    """What the rules need of the contact and the settings."""

    text_rules: TextRules
    quiet_window: tuple[time, time] | None  # None: the contact has consent, CC-1 does not apply
    window_text: str
    in_window: Callable[[time, time, time], bool]
    revoked_at: datetime | None
    start: str | None  # UTC bounds of the reviewed period
    end: str | None


def bubble_hits(
    reports: Iterable[ScreenshotReport],
    rules: ShotRules,
    broken: set[tuple[str, int]],
    in_period: Callable[[int], bool],
) -> Iterable[BubbleHit]:
    """Every rule our bubbles break. ``broken`` holds (rule, message id) of the findings the
    messages gave; ``in_period`` says whether a message id lies in the reviewed period."""
    for report in reports:
        chat, check = report.chat, report.check
        if chat is None or check is None:
            continue
        for index, verdict in enumerate(check.bubbles):
            if verdict.bubble.side != "us":
                continue
            matched = verdict.message if verdict.status == "matched" else None
            if matched is not None and not in_period(matched.id):
                continue  # the message this bubble is lies outside the period
            hits = _hits(report, chat, verdict, index, rules)
            for hit in hits:
                if matched is not None and (
                    hit.rule in (QUIET_HOURS, AFTER_REVOCATION) or (hit.rule, matched.id) in broken
                ):
                    continue  # the export's message answers for it
                if matched is None and not _in_period(hit.sent_at, rules):
                    continue
                yield hit


def _in_period(sent_at: str | None, rules: ShotRules) -> bool:
    """A bubble the screenshot dates is reported inside the period only; an undated one always
    (its day is unknown, so it may lie in the period)."""
    if sent_at is None:
        return True
    return (rules.start is None or sent_at >= rules.start) and (
        rules.end is None or sent_at < rules.end
    )


def _hits(
    report: ScreenshotReport, chat: ChatLayout, verdict: BubbleCheck, index: int, rules: ShotRules
) -> list[BubbleHit]:
    bubble = verdict.bubble
    minute = _minute(chat, bubble)
    moment = _moment(report, chat, bubble, minute)
    sent_at = None if moment is None else moment.astimezone(UTC).isoformat()
    where: Facts = {"item": report.item_id, "bubble": index + 1}

    def hit(rule: str, code: str, facts: Facts) -> BubbleHit:
        return BubbleHit(
            rule,
            report.item_id,
            index,
            bubble.box,
            verdict.time_basis,
            sent_at,
            code,
            {**where, **facts},
        )

    found = [hit(rule, code, facts) for rule, code, facts in rules.text_rules(bubble.text)]
    if rules.quiet_window is not None and minute is not None:
        clock = time(minute // 60, minute % 60)
        if rules.in_window(clock, *rules.quiet_window):
            found.append(
                hit(
                    QUIET_HOURS,
                    "conduct.shot_cc1_quiet_hours",
                    {"clock": clock.strftime("%H:%M"), "window": rules.window_text},
                )
            )
    if rules.revoked_at is not None and moment is not None and moment > rules.revoked_at:
        found.append(
            hit(
                AFTER_REVOCATION,
                "conduct.shot_revoked",
                {"sent_at": sent_at, "revoked_at": rules.revoked_at.isoformat()},
            )
        )
    return found


def _minute(chat: ChatLayout, bubble: Bubble) -> int | None:
    """The minute the screenshot shows for the bubble: its own, or the separator's above it."""
    if bubble.time is not None and bubble.time.minute_of_day is not None:
        return bubble.time.minute_of_day
    above = chat.separator_of(bubble)
    return None if above is None else above.mark.minute_of_day


def _moment(
    report: ScreenshotReport, chat: ChatLayout, bubble: Bubble, minute: int | None
) -> datetime | None:
    """The instant the screenshot proves for the bubble: a day (written, or relative to the
    capture day) and a minute, in the zone the screenshot was imported with."""
    above = chat.separator_of(bubble)
    if above is None or minute is None:
        return None
    day = day_of(above.mark, report.anchor)
    if day is None:
        return None
    return datetime.combine(day, time(minute // 60, minute % 60), report.zone)
