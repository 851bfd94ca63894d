"""Instants in a worded sentence, shown to a person as instants.

A refusal's facts keep the instants a rule compared as the entries hold them: ISO 8601 with
microseconds and an offset (``2026-12-06T09:13:04.123456+00:00``). Sealed and compared, they
stay exactly so; shown to a person, they read as a time: the local date and time to the
second with its zone (``2026-12-06 17:13:04 UTC+08:00``). Only the showing changes: the CLI
(cli/commands.py) and the interface (ui/service_text.py) apply this to the sentence they
print, the Phrase and its facts are untouched.

Showing to the second must not hide what a rule reports: when two different instants of one
sentence would read the same (a decision 0.3 s before its request), every instant of that
sentence is shown with the fraction that tells them apart.

A fact is an instant when its whole value is one (a date, a time and an offset: a value
without an offset is not an instant and is left as written), in the sentence or in a sentence
nested in its facts. Nothing here depends on Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from evidence_desk.domain.wording import Phrase

__all__ = ["english", "instants", "shown"]

_INSTANT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})$"
)


def instants(text: str) -> dict[str, datetime]:
    """The instants among ``text``'s facts (nested Phrases' too), by their text as written."""
    found: dict[str, datetime] = {}
    _collect(text, found)
    return found


def _collect(text: str, found: dict[str, datetime]) -> None:
    if not isinstance(text, Phrase):
        return
    for _name, value in text.facts:
        if isinstance(value, Phrase) and value.code:
            _collect(value, found)
            continue
        moment = parse(str(value))
        if moment is not None:
            found[str(value)] = moment


def parse(value: str) -> datetime | None:
    """``value`` as an aware instant, None when it is not one as a whole."""
    if not _INSTANT.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def shown(moments: Mapping[str, datetime], zone: tzinfo | None = None) -> dict[str, str]:
    """Each instant (by its text as written) as a person reads it: in ``zone`` (the
    machine's local zone when None), to the second with the zone's offset; with the fraction
    for all of them when two different instants would otherwise read the same."""
    local = {raw: moment.astimezone(zone) for raw, moment in moments.items()}
    seconds = {raw: _format(moment, fraction=False) for raw, moment in local.items()}
    if not _collides(local, seconds):
        return seconds
    return {raw: _format(moment, fraction=True) for raw, moment in local.items()}


def english(text: str, detail: str | None = None, zone: tzinfo | None = None) -> str:
    """``text`` (an English sentence) with the instants of ``detail``'s facts (``text``'s own
    when None) shown (:func:`shown`) where they are written in it."""
    moments = instants(text if detail is None else detail)
    if not moments:
        return str(text)
    said = shown(moments, zone)
    # longest first, so that an instant written inside a longer one is never cut in two
    pattern = re.compile("|".join(re.escape(raw) for raw in sorted(said, key=len, reverse=True)))
    return pattern.sub(lambda match: said[match.group()], str(text))


def _collides(local: Mapping[str, datetime], seconds: Mapping[str, str]) -> bool:
    """Do two different instants read the same to the second?"""
    by_text: dict[str, datetime] = {}
    for raw, text in seconds.items():
        other = by_text.setdefault(text, local[raw])
        if other != local[raw]:
            return True
    return False


def _format(moment: datetime, *, fraction: bool) -> str:
    clock = moment.strftime("%Y-%m-%d %H:%M:%S")
    if fraction:
        clock += f".{moment.microsecond:06d}"
    return f"{clock} {_zone(moment.utcoffset())}"


def _zone(offset: timedelta | None) -> str:
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
