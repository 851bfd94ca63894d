"""Role-aware actions: what a role may not do is disabled with a tooltip saying why.

The permission data is the core's (domain/policy.py); this only presents it. The services still
enforce every rule, so a stale button can never do more than the role allows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from evidence_desk.domain import policy
from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import Action


def role_name(role: Role | str) -> str:
    names = {
        "staff": QCoreApplication.translate("Roles", "field staff"),
        "supervisor": QCoreApplication.translate("Roles", "supervisor"),
        "legal": QCoreApplication.translate("Roles", "legal team"),
        "admin": QCoreApplication.translate("Roles", "administrator"),
        "auditor": QCoreApplication.translate("Roles", "auditor"),
    }
    return names.get(str(role), str(role))


def why_not(role: Role, action: Action) -> str | None:
    """None if allowed, else a translated sentence naming who may."""
    if policy.allowed(role, action):
        return None
    allowed = QCoreApplication.translate("Roles", ", ").join(
        role_name(r) for r in sorted(policy.PERMISSIONS[action], key=str)
    )
    return (
        QCoreApplication.translate("Roles", "Your role (%1) may not do this; allowed: %2.")
        .replace("%1", role_name(role))
        .replace("%2", allowed)
    )


def guard(qaction: QAction, role: Role, action: Action, tooltip: str) -> bool:
    """Enable ``qaction`` if the role may; otherwise disable it and explain. Returns allowed."""
    reason = why_not(role, action)
    qaction.setEnabled(reason is None)
    qaction.setToolTip(tooltip if reason is None else f"{tooltip}\n{reason}")
    qaction.setProperty("denied_reason", reason or "")
    return reason is None
