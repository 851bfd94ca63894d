"""Showing stored UTC instants as local, minute-precision times people can read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local_time(iso: str | None, zone: str = "Asia/Shanghai") -> str:
    if not iso:
        return "—"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
