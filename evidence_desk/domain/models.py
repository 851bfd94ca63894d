"""Plain records and enumerations shared by services, CLI and GUI."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    STAFF = "staff"
    SUPERVISOR = "supervisor"
    LEGAL = "legal"
    ADMIN = "admin"
    # reads metadata and the read log, never evidence content (PI-1)
    AUDITOR = "auditor"


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    public_key: str
    active: bool


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by ``verify``: a stable code, where it is, and what is wrong.

    ``severity`` is ``"error"`` (integrity is broken) or ``"warning"`` (nothing is broken, but a
    person should know: an orphan blob file, a checkpoint not yet time-stamped). ``location`` and
    ``detail`` are English; the checks word them from catalogues, so each is also a coded
    :class:`~evidence_desk.domain.wording.Phrase` the GUI says in its own language.
    """

    code: str
    location: str
    detail: str
    severity: str = "error"

    def as_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "location": self.location,
            "detail": self.detail,
            "severity": self.severity,
        }
