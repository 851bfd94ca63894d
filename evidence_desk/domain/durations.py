"""How a recording's length is written for people: ``h:mm:ss``, or ``m:ss`` under an hour.

One function, shared by the GUI and the court bundle, so a recording reads the same in both.
"""

from __future__ import annotations


def clock_text(seconds: float | None) -> str:
    """``1:02:03`` / ``4:05``, rounded to the second; empty when the length is unknown."""
    if seconds is None or seconds != seconds or seconds < 0:  # None, NaN or negative
        return ""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
