"""A joining store's history, uploaded in pages before its join (``POST /v1/join/history``).

A store used for months holds tens of thousands of entries: more than one request may carry
(``MAX_BATCH``, the gate's body limit). So the device uploads its ledger 1..N in pages, signed
with the invitation's key, and the final ``POST /v1/join`` names the staged size and head and
carries only N+1 (and N+2); the repository judges the staged history and the join in one
transaction, exactly as a one-request join (``HubRepository.join_with_history``).

The staged rows are NOT the organisation's entries: they live in ``join_staging`` (its own
grants: SELECT, INSERT, DELETE; no append-only trigger), are never served by a pull and are
judged only by the join that names them. Each page is checked as it arrives for each entry's
chain, hashes and link to the staged head (``acceptance.chain_refusal``, what every push
gets); rules and signatures are judged with the whole history at the join. A page is
idempotent by (invitation, device, seq): an entry staged already must be the same bytes. The
rows are deleted by the transaction that appends the accepted join (the entries table then
holds them, so keeping a second copy would only be a second, unjudged one) and when the join
is refused (the device starts again from a clean slate).

**Abandoned uploads** are swept (``HubRepository.sweep_staged``), at ``hub serve``'s start and
at every tick of the organisation's clock (hub/org_clock.py): every upload of an invitation
that is no longer open (revoked, or used by another device's join: that join's transaction
already drops them), and every upload whose newest page is older than ``hub serve
--staged-hours`` (an invitation has no expiry of its own: a device that stopped uploading for
that long starts again, its ``restart`` page asking what is staged and finding nothing).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import psycopg

from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.acceptance import chain_refusal
from evidence_desk.hub.pre_org import clear_refusal
from evidence_desk.integrity import ledger

Conn = psycopg.Connection[tuple[Any, ...]]


def _lock(conn: Conn, invite_key: str, device_id: str) -> None:
    conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
        (f"staging:{invite_key}:{device_id}",),
    )


def head(conn: Conn, invite_key: str, device_id: str) -> tuple[int, str]:
    """How many entries are staged for (invitation, device), and the last one's hash ("" for
    none). Pages are staged contiguously from seq 1, so the size is the highest seq."""
    row = conn.execute(
        "SELECT seq, entry_hash FROM join_staging WHERE invite_key = %s AND device_id = %s "
        "ORDER BY seq DESC LIMIT 1",
        (invite_key, device_id),
    ).fetchone()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def stage(
    conn: Conn, invite_key: str, device_id: str, entries: Sequence[ledger.Entry]
) -> tuple[int, str]:
    """Stage one page (in the caller's transaction): entries at or below the staged size must
    equal the staged ones (``hub.staged_differs``), the others must follow on from the staged
    head (``chain_refusal``); the first problem refuses the page, nothing of it staged.
    Returns the staged size and head after it."""
    _lock(conn, invite_key, device_id)
    size, prev = head(conn, invite_key, device_id)
    prev = prev or ledger.genesis_hash(device_id)
    seqs = [e.seq for e in entries if type(e.seq) is int and e.seq <= size]
    held = {
        int(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT seq, entry FROM join_staging WHERE invite_key = %s AND device_id = %s "
            "AND seq = ANY(%s)",
            (invite_key, device_id, seqs),
        )
    }
    for entry in entries:
        text = json.dumps(list(entry), ensure_ascii=False)
        if type(entry.seq) is int and entry.seq <= size:
            if held.get(entry.seq) != text:
                raise Refused(refusal("hub.staged_differs", device=device_id, seq=entry.seq))
            continue
        broken = chain_refusal(device_id, entry, size, prev) or clear_refusal(device_id, entry)
        if broken is not None:
            raise Refused(broken)
        conn.execute(
            "INSERT INTO join_staging (invite_key, device_id, seq, entry, entry_hash) "
            "VALUES (%s, %s, %s, %s, %s)",
            (invite_key, device_id, entry.seq, text, entry.entry_hash),
        )
        size, prev = entry.seq, entry.entry_hash
    return head(conn, invite_key, device_id)


def history(conn: Conn, invite_key: str, device_id: str) -> list[ledger.Entry]:
    """The staged entries 1..size, in order."""
    return [
        ledger.Entry(*json.loads(str(r[0])))
        for r in conn.execute(
            "SELECT entry FROM join_staging WHERE invite_key = %s AND device_id = %s ORDER BY seq",
            (invite_key, device_id),
        )
    ]


def drop(conn: Conn, invite_key: str, device_id: str) -> None:
    """Forget what is staged for (invitation, device): the join that named it was accepted
    (its entries are the organisation's now) or refused."""
    _lock(conn, invite_key, device_id)
    conn.execute(
        "DELETE FROM join_staging WHERE invite_key = %s AND device_id = %s",
        (invite_key, device_id),
    )


def invitations(conn: Conn) -> list[str]:
    """The invitations (their keys) that something is staged for."""
    return [str(r[0]) for r in conn.execute("SELECT DISTINCT invite_key FROM join_staging")]


def drop_invitation(conn: Conn, invite_key: str) -> int:
    """Forget every upload staged with this invitation (any device): it was revoked or used.
    Returns the rows deleted."""
    devices = conn.execute(
        "SELECT DISTINCT device_id FROM join_staging WHERE invite_key = %s", (invite_key,)
    ).fetchall()
    for (device_id,) in devices:
        _lock(conn, invite_key, str(device_id))
    cursor = conn.execute("DELETE FROM join_staging WHERE invite_key = %s", (invite_key,))
    return cursor.rowcount


def drop_idle(conn: Conn, idle: timedelta) -> int:
    """Forget every upload whose newest page was staged ``idle`` ago or longer (each under its
    lock, looked at again there: a page arriving meanwhile keeps it). Returns the rows
    deleted."""
    groups = conn.execute(
        "SELECT invite_key, device_id FROM join_staging GROUP BY invite_key, device_id "
        "HAVING max(staged_at) <= now() - %s",
        (idle,),
    ).fetchall()
    deleted = 0
    for invite_key, device_id in groups:
        _lock(conn, str(invite_key), str(device_id))
        cursor = conn.execute(
            "DELETE FROM join_staging WHERE invite_key = %s AND device_id = %s "
            "AND (SELECT max(staged_at) FROM join_staging WHERE invite_key = %s "
            "AND device_id = %s) <= now() - %s",
            (invite_key, device_id, invite_key, device_id, idle),
        )
        deleted += cursor.rowcount
    return deleted
