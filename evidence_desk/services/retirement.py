"""Retiring a device of the organisation (a lost or stolen laptop, one replaced, one whose
user left), and the devices this store knows with their state.

An admin writes ``device.retire`` on their own device: the retired device's id, its final
size (the number of its entries this store holds, pulled from the hub just before: exactly
what the organisation holds, or the hub refuses the retirement as ``retire.final_size`` and
the admin syncs and retries), the reason code and the time. The rule table
(domain/authority.py ``retirement_problem``, ``retired_entry``) judges it here, at the hub
and in every device's verify, and refuses every later entry of that device. The hub then
refuses the device's requests at its gate (hub/retirements.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence_desk.domain import authority
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.services.session import DatabaseState, Session, put
from evidence_desk.store import db


@dataclass(frozen=True, slots=True)
class Retirement:
    """A retirement as written (and as ``devices`` shows it)."""

    device_id: str
    final_size: int
    reason: str
    retired_by: str
    retired_at: str


@dataclass(frozen=True, slots=True)
class Device:
    """A device of the organisation as this store holds it: its user (the one who joined it,
    or the founding admin), the entries held, and its retirement."""

    device_id: str
    user: str | None
    entries: int
    own: bool
    retired: Retirement | None


def retire_device(session: Session, device_id: str, reason: str) -> Retirement:
    """Retire ``device_id`` for ``reason`` (``authority.RETIRE_REASONS``) with the entries this
    store holds of it as its final size; refused (nothing written) when the rule table
    refuses it."""
    session.require(Action.DEVICE_RETIRE)
    state = DatabaseState(session.conn, None, session.folder.store_id, sizes=True)
    size = state.device_size(device_id) or 0
    problem = authority.retirement_problem(state, device_id, size, reason)
    if problem is not None:
        raise RuleViolation(problem.rule, problem.detail)
    at = session.now()
    retirement = Retirement(device_id, size, reason, session.user.name, at)
    session.write(
        "device.retire",
        {"device_id": device_id, "final_size": size, "reason": reason, "at": at},
        [
            put(
                "retired_devices",
                {
                    "device_id": device_id,
                    "final_size": size,
                    "reason": reason,
                    "retired_by": session.user.name,
                    "retired_at": at,
                },
            )
        ],
    )
    return retirement


def devices(session: Session) -> list[Device]:
    """Every device this store knows: itself, each device whose entries it holds, each that
    joined by an invitation; with its retirement, if any."""
    conn = session.conn
    own = session.folder.store_id
    sizes: dict[str, int] = {
        str(device): int(size)
        for device, size in conn.execute(
            "SELECT device_id, max(seq) FROM device_entries GROUP BY device_id"
        )
    }
    sizes[own] = db.ledger_size(conn)
    users = {
        str(device): str(user)
        for device, user in conn.execute(
            "SELECT device_id, user FROM invites WHERE device_id IS NOT NULL AND status = ?",
            (authority.INVITE_USED,),
        )
    }
    # the founding device: its first entry is the store.init of the organisation's first admin
    for device, actor in conn.execute(
        "SELECT device_id, actor FROM device_entries WHERE seq = 1 AND action = 'store.init' "
        "AND pre_org = 0 UNION ALL SELECT ?, actor FROM ledger WHERE seq = 1 "
        "AND action = 'store.init'",
        (own,),
    ):
        users.setdefault(str(device), str(actor))
    retired = {
        str(row["device_id"]): Retirement(
            str(row["device_id"]),
            int(row["final_size"]),
            str(row["reason"]),
            str(row["retired_by"]),
            str(row["retired_at"]),
        )
        for row in conn.execute("SELECT * FROM retired_devices")
    }
    return [
        Device(device, users.get(device), sizes.get(device, 0), device == own, retired.get(device))
        for device in sorted(sizes.keys() | users.keys())
    ]
