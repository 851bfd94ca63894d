"""What an imported recording's file states about itself, as the import stored it.

Kept in the domain layer because two layers show it: the services and GUI (the import preview,
the item pane) and the court bundle's model, which must not depend on the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RecordingDescription:
    """A stored recording as its import described it (``imports.details``), for the item view
    and the bundle."""

    media: str  # audio, video
    container: str
    duration_seconds: float | None
    recorded_at: str | None  # UTC, RFC 3339
    device: str
    codecs: tuple[str, ...]

    @classmethod
    def from_details(cls, details: Any) -> RecordingDescription:
        """From the import's details JSON (anything malformed reads as "not stated")."""
        if not isinstance(details, dict):
            details = {}
        milliseconds = details.get("duration_ms")  # canonical JSON holds no floats
        codecs = details.get("codecs")
        recorded = details.get("recorded_at_utc")
        return cls(
            str(details.get("media") or ""),
            str(details.get("container") or ""),
            milliseconds / 1000 if type(milliseconds) is int else None,
            recorded if isinstance(recorded, str) else None,
            " ".join(str(details[k]) for k in ("make", "model") if details.get(k)),
            tuple(str(c) for c in codecs) if isinstance(codecs, list) else (),
        )
