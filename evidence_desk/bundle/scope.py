"""Which messages enter a bundle, and an account of every message in range that does not (EV-7).

Courts reject selective chat records ("不得选择性提供"): the bundle states its date range, and every
message inside it is either included or listed as omitted with the reason. A reply always pulls
in the message it quotes, so no included message loses its context. Pure functions over records.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from evidence_desk.bundle.model import BundleMessage, Omission, Scope
from evidence_desk.bundle.moments import moment_text
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue

RECALLED_KINDS = frozenset({"recalled", "revoked", "deleted"})
GAP_DAYS = 7  # silences longer than this inside the range are stated

_said = Catalogue(
    {
        "scope.not_date": "not a date: use YYYY-MM-DD",
        "scope.after_to": "is after --to {date_to}",
        "input.language": "must be zh_CN or en",
        "scope.page_cap": "must be at least 20 pages",
        # what the bundle says of a message (the PDF words these in the bundle's language)
        "scope.not_tagged": "not tagged",
        "scope.gap": "{start} — {end} ({days} d)",
        "scope.max_volume": "must be at least 1 MB",
    }
)


@dataclass(frozen=True, slots=True)
class Selection:
    included: tuple[BundleMessage, ...]
    omitted: tuple[Omission, ...]
    counts: dict[str, int]  # per kind, every message in range
    recalled: int
    gaps: tuple[str, ...]


def parse_day(value: str | None, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(what, value, _said("scope.not_date")) from None


def check_scope(scope: Scope) -> None:
    """Refuse a malformed scope before anything is read (clear, specific errors)."""
    first = parse_day(scope.date_from, "--from")
    last = parse_day(scope.date_to, "--to")
    if first and last and first > last:
        raise BadInput(
            "--from", scope.date_from or "", _said("scope.after_to", date_to=scope.date_to)
        )
    if scope.language not in ("zh_CN", "en"):
        raise BadInput("--language", scope.language, _said("input.language"))
    if scope.page_cap < 20:
        raise BadInput("--page-cap", str(scope.page_cap), _said("scope.page_cap"))
    if scope.max_volume_mb < 1:
        raise BadInput("--max-volume-mb", str(scope.max_volume_mb), _said("scope.max_volume"))


def local_day(sent_at: str, zone: ZoneInfo) -> date:
    return datetime.fromisoformat(sent_at).astimezone(zone).date()


def in_range(sent_at: str, scope: Scope, zone: ZoneInfo) -> bool:
    day = local_day(sent_at, zone)
    first = parse_day(scope.date_from, "--from")
    last = parse_day(scope.date_to, "--to")
    return (first is None or day >= first) and (last is None or day <= last)


def select(messages: Sequence[BundleMessage], scope: Scope, zone: ZoneInfo) -> Selection:
    """Split one conversation's messages (in time order) into included and omitted."""
    ranged = [m for m in messages if in_range(m.sent_at, scope, zone)]
    chosen: dict[int, BundleMessage] = {}
    if scope.tagged_only:
        for m in ranged:
            if m.tags:
                chosen[m.rowid] = m
    else:
        chosen = {m.rowid: m for m in ranged}
    # replies pull in what they quote, even from outside the date range
    by_native = {m.native_id: m for m in messages if m.native_id}
    pending = list(chosen.values())
    while pending:
        reply = pending.pop()
        quoted = by_native.get(reply.reply_to) if reply.reply_to else None
        if quoted is not None and quoted.rowid not in chosen:
            pulled = replace(quoted, note=f"quoted by message {reply.rowid}")
            chosen[quoted.rowid] = pulled
            pending.append(pulled)
    included = tuple(m2 for m in messages if (m2 := chosen.get(m.rowid)) is not None)
    omitted = tuple(
        Omission(
            m.rowid, m.contact_id, m.sent_at, m.sender, m.commitment, _said("scope.not_tagged")
        )
        for m in ranged
        if m.rowid not in chosen
    )
    counts = Counter(m.kind for m in ranged)
    recalled = sum(1 for m in ranged if m.kind in RECALLED_KINDS or "recalled" in m.flags)
    return Selection(included, omitted, dict(sorted(counts.items())), recalled, _gaps(ranged, zone))


def _gaps(messages: Sequence[BundleMessage], zone: ZoneInfo) -> tuple[str, ...]:
    out = []
    for before, after in itertools.pairwise(messages):
        a = datetime.fromisoformat(before.sent_at)
        b = datetime.fromisoformat(after.sent_at)
        if b - a > timedelta(days=GAP_DAYS):
            out.append(
                _said(
                    "scope.gap",
                    start=moment_text(a, zone),
                    end=moment_text(b, zone),
                    days=(b - a).days,
                )
            )
    return tuple(out)
