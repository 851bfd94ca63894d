"""Devices an admin retired (a lost or stolen laptop, one replaced, one whose user left).

An accepted ``device.retire`` entry (the rule table judged it: an admin, another device, its
final size exactly what the organisation holds of it) is recorded here in the transaction that
appends it, and the device's user is deactivated on the hub: from then on the gate refuses the
device's signed requests (``hub.device_retired``, with the retirement's facts, so that the
laptop says why) and a push of its entries is refused whole, whoever relays it. The rule table
refuses such entries too (``device.retired``), for a push that raced the retirement and for
every device's verify: this table is the hub's quick lookup, not the rule.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg

from evidence_desk.domain.hub_refusals import DEVICE_RETIRED, Refusal
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.integrity import ledger

Conn = psycopg.Connection[tuple[Any, ...]]

_COLUMNS = "device_id, final_size, reason, retired_by, retired_at"


def record(conn: Conn, entry: ledger.Entry, hub_seq: int) -> str | None:
    """Record the accepted retirement ``entry``; returns the retired device's user (None for
    a device the hub does not hold: nothing to refuse at the gate then)."""
    body = json.loads(entry.payload)
    device = str(body["device_id"])
    row = conn.execute("SELECT user_name FROM devices WHERE device_id = %s", (device,)).fetchone()
    if row is None:
        return None
    conn.execute(
        f"INSERT INTO device_retirements ({_COLUMNS}, hub_seq) VALUES (%s, %s, %s, %s, %s, %s)",
        (
            device,
            int(body["final_size"]),
            str(body["reason"]),
            entry.actor,
            str(body["at"]),
            hub_seq,
        ),
    )
    return str(row[0])


def _facts(row: tuple[Any, ...]) -> dict[str, str]:
    device, size, reason, by, at = row
    return {"device": device, "size": str(size), "reason": reason, "by": by, "at": at}


def of_device(conn: Conn, device: str) -> dict[str, str] | None:
    """The retirement of ``device`` as refusal facts, None when it stands."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM device_retirements WHERE device_id = %s", (device,)
    ).fetchone()
    return None if row is None else _facts(row)


def of_user(conn: Conn, user: str) -> dict[str, str] | None:
    """The retirement of ``user``'s device (a user joins with one device), None when none."""
    row = conn.execute(
        f"SELECT {', '.join('r.' + c for c in _COLUMNS.split(', '))} FROM device_retirements r "
        "JOIN devices d USING (device_id) WHERE d.user_name = %s ORDER BY r.hub_seq LIMIT 1",
        (user,),
    ).fetchone()
    return None if row is None else _facts(row)


def refused_push(facts: dict[str, str]) -> Refusal:
    """A push of a retired device's entries past its final size."""
    return refusal(DEVICE_RETIRED, **facts)
