"""Retention and legal hold (CC-9, PI-3): closing a case, holds, and when deletion may happen.

Closing a case says its purpose is achieved: the closure records the retention settings in force
and the deletion date they give (domain/retention.py says how it is computed: the cap after the
closure, never before the floor after the last collection record). A legal hold, placed and
lifted by the legal team or an admin with a reason, blocks deletion while it stands; at most one
stands per case. Every step is one ledger entry, judged by the rule table before it is written
and replayed by ``verify``.

:func:`deletion_state` is the one question the shredding work asks: may this case be destroyed
at this instant, on this basis, and if not, which rule says no.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from evidence_desk.domain import authority, retention
from evidence_desk.domain.authority import Violation
from evidence_desk.domain.errors import NotFound, RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.services.clock import rfc3339
from evidence_desk.services.originals import new_id
from evidence_desk.services.session import DatabaseState, Session, put

_said = Catalogue(
    {
        "retention.no_case": "no case {case}",
        "retention.no_active_hold": "case {case} is not under legal hold",
        "retention.held": "case {case} is under legal hold {hold} (placed by {placed_by}: "
        "{reason}); nothing may be deleted until it is lifted",
        "retention.open": "case {case} is not closed: it has no deletion date yet",
        "retention.not_due": "case {case} may be deleted from {delete_after}, not before",
        "retention.floor_not_passed": "case {case}'s records must be kept until {floor_until} "
        "(retention floor, CC-9)",
    }
)


class Basis(enum.StrEnum):
    """Why a case would be destroyed: its deletion date has come, or the debtor asked (PIPL
    art. 47), which is honoured once the retention floor has passed."""

    EXPIRED = "expired"
    REQUEST = "request"


@dataclass(frozen=True, slots=True)
class Hold:
    id: str
    case_no: str
    placed_by: str
    placed_at: str
    reason: str
    lifted_by: str | None
    lifted_at: str | None
    lift_reason: str | None

    @property
    def active(self) -> bool:
        return self.lifted_at is None


@dataclass(frozen=True, slots=True)
class Retention:
    """A case's retention state: its closure (if closed), the floor date, and its holds."""

    case_no: str
    closed_at: str | None
    closed_by: str | None
    close_reason: str | None
    delete_after: str | None
    floor_until: str
    holds: tuple[Hold, ...]

    @property
    def active_hold(self) -> Hold | None:
        return next((h for h in self.holds if h.active), None)

    def as_json(self) -> dict[str, object]:
        held = self.active_hold
        return {
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            "close_reason": self.close_reason,
            "delete_after": self.delete_after,
            "floor_until": self.floor_until,
            "on_hold": held is not None,
            "holds": [
                {
                    "id": h.id,
                    "placed_by": h.placed_by,
                    "placed_at": h.placed_at,
                    "reason": h.reason,
                    "lifted_by": h.lifted_by,
                    "lifted_at": h.lifted_at,
                    "lift_reason": h.lift_reason,
                }
                for h in self.holds
            ],
        }


@dataclass(frozen=True, slots=True)
class DeletionState:
    """Whether ``case_no`` may be destroyed at ``at`` on ``basis``; if not, ``rule`` names what
    blocks it and ``reason`` says it (a coded phrase)."""

    case_no: str
    at: str
    basis: Basis
    delete_after: str | None
    floor_until: str
    holds: tuple[Hold, ...]
    allowed: bool
    rule: str | None
    reason: Phrase | None

    def refuse(self) -> None:
        """Raise the blocking rule as a refusal (CLI exit 3), if there is one."""
        if not self.allowed and self.rule is not None and self.reason is not None:
            raise RuleViolation(self.rule, self.reason)


def _raise(violation: Violation | None) -> None:
    """A rule of the rule table, refused before writing (the write path runs it again)."""
    if violation is not None:
        raise RuleViolation(violation.rule, violation.detail)


def _require_case(session: Session, case_no: str) -> None:
    found = session.conn.execute("SELECT 1 FROM cases WHERE case_no = ?", (case_no,)).fetchone()
    if found is None:
        raise NotFound(_said("retention.no_case", case=case_no))


def close_case(session: Session, case_no: str, reason: str) -> Retention:
    """Close ``case_no`` (purpose achieved): its deletion date is fixed now."""
    session.require(Action.CASE_CLOSE)
    _require_case(session, case_no)
    _raise(authority.reason_given(reason))
    state = DatabaseState(session.conn)
    _raise(authority.case_can_be_closed(state, case_no))
    floor, cap = authority.retention_years(state)
    closed_at = session.now()
    last = authority.last_record(state, case_no)
    row = {
        "case_no": case_no,
        "closed_by": session.user.name,
        "closed_at": closed_at,
        "reason": reason,
        "floor_years": floor,
        "cap_years": cap,
        "last_record": last,
        "delete_after": retention.deletion_date(closed_at, last, floor, cap),
    }
    session.write("case.close", {"case_no": case_no, "reason": reason}, [put("case_closures", row)])
    return retention_of(session, case_no)


def add_hold(session: Session, case_no: str, reason: str) -> Hold:
    """Place a legal hold on ``case_no``: nothing of it may be deleted until it is lifted."""
    session.require(Action.LEGAL_HOLD)
    _require_case(session, case_no)
    _raise(authority.reason_given(reason))
    _raise(authority.hold_can_be_added(DatabaseState(session.conn), case_no))
    hold_id = new_id("H")
    row = {
        "id": hold_id,
        "case_no": case_no,
        "placed_by": session.user.name,
        "placed_at": session.now(),
        "reason": reason,
        "lifted_by": None,
        "lifted_at": None,
        "lift_reason": None,
    }
    session.write(
        "hold.add",
        {"hold_id": hold_id, "case_no": case_no, "reason": reason},
        [put("holds", row)],
    )
    return _hold(session, hold_id)


def lift_hold(session: Session, case_no: str, reason: str) -> Hold:
    """Lift the hold in force on ``case_no``."""
    session.require(Action.LEGAL_HOLD)
    _require_case(session, case_no)
    _raise(authority.reason_given(reason))
    held = authority.active_hold(DatabaseState(session.conn), case_no)
    if held is None:
        raise RuleViolation("hold.lifted", _said("retention.no_active_hold", case=case_no))
    hold_id = str(held["id"])
    session.write(
        "hold.lift",
        {"hold_id": hold_id, "case_no": case_no, "reason": reason},
        [
            put(
                "holds",
                {
                    "id": hold_id,
                    "lifted_by": session.user.name,
                    "lifted_at": session.now(),
                    "lift_reason": reason,
                },
            )
        ],
    )
    return _hold(session, hold_id)


def _hold(session: Session, hold_id: str) -> Hold:
    row = session.conn.execute("SELECT * FROM holds WHERE id = ?", (hold_id,)).fetchone()
    return Hold(**dict(row))


def retention_of(session: Session, case_no: str) -> Retention:
    """``case_no``'s closure, floor date and holds (metadata: every role may read it)."""
    session.require(Action.RETENTION_READ)
    _require_case(session, case_no)
    state = DatabaseState(session.conn)
    return _retention(
        session,
        case_no,
        authority.last_record(state, case_no),
        state.row("case_closures", case_no),
        authority.retention_years(state)[0],
    )


def retention_of_all(session: Session) -> dict[str, Retention]:
    """Every case's retention state, case number -> state, in a few queries (the case list and
    the app's case tree show it for every case). The last record is the rule table's
    (``authority.last_record``), computed here with SQL aggregates."""
    session.require(Action.RETENTION_READ)
    conn = session.conn
    latest: dict[str, str] = {
        str(r[0]): str(r[1]) for r in conn.execute("SELECT case_no, created_at FROM cases")
    }
    for sql in (
        "SELECT case_no, max(requested_at) FROM contacts GROUP BY case_no",
        "SELECT c.case_no, max(i.added_at) FROM items i JOIN contacts c ON c.id = i.contact_id "
        "GROUP BY c.case_no",
        "SELECT c.case_no, max(m.imported_at) FROM imports m "
        "JOIN contacts c ON c.id = m.contact_id GROUP BY c.case_no",
    ):
        for case_no, moment in conn.execute(sql):
            if case_no in latest and moment is not None:
                latest[case_no] = max(latest[case_no], str(moment))
    closures = {str(r["case_no"]): dict(r) for r in conn.execute("SELECT * FROM case_closures")}
    floor = authority.retention_years(DatabaseState(conn))[0]
    holds: dict[str, list[Hold]] = {}
    for row in conn.execute("SELECT * FROM holds ORDER BY placed_at, id"):
        holds.setdefault(str(row["case_no"]), []).append(Hold(**dict(row)))
    return {
        case_no: _retention(
            session, case_no, last, closures.get(case_no), floor, tuple(holds.get(case_no, ()))
        )
        for case_no, last in latest.items()
    }


def _retention(
    session: Session,
    case_no: str,
    last: str,
    closure: Mapping[str, Any] | None,
    floor: int,
    holds: tuple[Hold, ...] | None = None,
) -> Retention:
    # the floor in force when the case closed, and never less than the one in force now
    floor_until = retention.floor_until(
        last, floor, None if closure is None else int(closure["floor_years"])
    )
    if holds is None:
        holds = tuple(
            Hold(**dict(r))
            for r in session.conn.execute(
                "SELECT * FROM holds WHERE case_no = ? ORDER BY placed_at, id", (case_no,)
            )
        )
    return Retention(
        case_no=case_no,
        closed_at=None if closure is None else str(closure["closed_at"]),
        closed_by=None if closure is None else str(closure["closed_by"]),
        close_reason=None if closure is None else str(closure["reason"]),
        delete_after=None if closure is None else str(closure["delete_after"]),
        floor_until=floor_until,
        holds=holds,
    )


def deletion_state(
    session: Session,
    case_no: str,
    at: datetime | None = None,
    basis: Basis = Basis.EXPIRED,
) -> DeletionState:
    """May ``case_no`` be destroyed at ``at`` (default: the session's clock) on ``basis``?

    Blocked, in this order, by: a legal hold in force (rule ``retention.hold``); the retention
    floor not yet passed (``retention.floor``, both bases: CC-9); for ``expired``, a case not
    closed (``retention.open``) or a deletion date still ahead (``retention.not_due``). The
    deletion date is also never before the floor measured from the last record now (evidence
    written around the rules after closure still counts)."""
    state = retention_of(session, case_no)
    now = rfc3339(at if at is not None else session.clock())
    delete_after = state.delete_after
    if delete_after is not None:
        delete_after = max(delete_after, state.floor_until)
    held = state.active_hold
    blocked: tuple[str, Phrase] | None = None
    if held is not None:
        blocked = (
            "retention.hold",
            _said(
                "retention.held",
                case=case_no,
                hold=held.id,
                placed_by=held.placed_by,
                reason=held.reason,
            ),
        )
    elif now < state.floor_until:
        blocked = (
            "retention.floor",
            _said("retention.floor_not_passed", case=case_no, floor_until=state.floor_until),
        )
    elif basis is Basis.EXPIRED and delete_after is None:
        blocked = ("retention.open", _said("retention.open", case=case_no))
    elif basis is Basis.EXPIRED and delete_after is not None and now < delete_after:
        blocked = (
            "retention.not_due",
            _said("retention.not_due", case=case_no, delete_after=delete_after),
        )
    return DeletionState(
        case_no=case_no,
        at=now,
        basis=basis,
        delete_after=delete_after,
        floor_until=state.floor_until,
        holds=state.holds,
        allowed=blocked is None,
        rule=None if blocked is None else blocked[0],
        reason=None if blocked is None else blocked[1],
    )
