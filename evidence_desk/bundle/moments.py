"""The one form in which a bundle prints a moment: UTC, then the case's local time (the store's
time zone setting) with its offset, the local date only when it is another day:
``2026-03-05 14:05:09 UTC (22:05:09 +08:00)``. A court reads every time of the bundle the same
way, and never has to convert an ISO ``Z`` form by hand."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# an ISO 8601 date-time as the records hold them (``...T...Z`` or with an offset)
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})")


def moment_text(value: datetime | str, zone: ZoneInfo) -> str:
    """``value`` (an aware datetime or its ISO text) in the bundle's form."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    utc, local = moment.astimezone(UTC), moment.astimezone(zone)
    offset = local.strftime("%z")
    shown = local.strftime("%H:%M:%S" if local.date() == utc.date() else "%Y-%m-%d %H:%M:%S")
    return f"{utc:%Y-%m-%d %H:%M:%S} UTC ({shown} {offset[:3]}:{offset[3:]})"


def local_part(value: str, zone: ZoneInfo) -> str:
    """The part in brackets alone (for a template that prints the UTC part itself)."""
    return moment_text(value, zone).split(" UTC (", 1)[1][:-1]
