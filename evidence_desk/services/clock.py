"""Time as the services see it: injectable, always UTC, always RFC 3339 with a 'Z'."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def rfc3339(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not accepted: give a timezone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
