"""An insider's attacks, shared by the store tests (tests/services/test_authority.py) and the
kit tests (tests/bundle/test_verify_kit_rules.py): a staff member or supervisor who knows only
their own password opens the store with their own key slot and writes through the shipped write
path with the rule table's refusal taken out (``insider_code``), or under another user's name
over their own key (``insider_session(sign_as=...)``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evidence_desk.integrity import ledger, signing
from evidence_desk.services import case_keys, cases, contacts
from evidence_desk.services.session import Session, put
from tests.helpers import (
    ADMIN,
    Team,
    insider_code,
    insider_session,
    raw_connection,
    supporting_documents,
)

CASE_NO = "2026-SZ-0099"


def request(team: Team, folder: Path, requester: str = "alice", handle: str = "wxid_chen") -> str:
    session = team.login(requester)
    if not cases.known_case_numbers(session):
        cases.create_case(session, CASE_NO, debtor_name="陈立新")
    contact = contacts.request_contact(
        session,
        case_no=CASE_NO,
        channel="wechat",
        handle=handle,
        display_name="陈立新",
        reason="债务人主动添加微信",
        consent=True,
        documents=supporting_documents(folder / f"docs-{handle}", tag=handle),
    )
    return contact.id


def approval(session: Session, contact_id: str) -> tuple[dict[str, Any], list[Any]]:
    """The payload and row changes ``contacts.approve`` writes, made by hand for ``session``."""
    conn = session.conn
    entry = next(
        r
        for r in conn.execute("SELECT * FROM ledger WHERE action = 'contact.request'")
        if json.loads(r["payload"])["contact_id"] == contact_id
    )
    root = conn.execute("SELECT root FROM checkpoints WHERE size = ?", (entry["seq"],)).fetchone()
    note = ledger.checkpoint_note(session.folder.store_id, entry["seq"], root["root"])
    documents = [
        r["sha256"]
        for r in conn.execute("SELECT sha256 FROM items WHERE contact_id = ?", (contact_id,))
    ]
    now = session.now()
    # sealed under the case key as ``contacts.approve`` seals it (the note in clear would be a
    # second finding, join.clear_history, beside the rule the insider breaks)
    (case_no,) = conn.execute("SELECT case_no FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    sealed = case_keys.seal_value(session, case_no, "contacts", contact_id, "decision_note", "ok")
    payload = {
        "contact_id": contact_id,
        "request_entry_hash": entry["entry_hash"],
        "request_seq": entry["seq"],
        "documents_seen": documents,
        "note": sealed,
        "cosignature": {
            "size": entry["seq"],
            "root": root["root"],
            "signature": session.sign(signing.COSIGN_CONTEXT, note.encode()),
        },
    }
    row = {
        "id": contact_id,
        "status": "approved",
        "decided_by": session.user.name,
        "decided_at": now,
        "decision_note": sealed,
        "expires_at": None,
    }
    return payload, [put("contacts", row)]


def last_seq(team: Team) -> int:
    conn = raw_connection(team.path, ADMIN, team.passwords[ADMIN])
    try:
        return int(conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])
    finally:
        conn.close()


def self_approve(team: Team, contact_id: str, supervisor: str = "sam") -> int:
    """``supervisor`` approves ``contact_id`` around the rules; returns the entry's seq."""
    session = insider_session(team, supervisor)
    payload, rows = approval(session, contact_id)
    with insider_code():
        session.write("contact.approve", payload, rows)
    return last_seq(team)


def forge_under_swapped_key(team: Team, contact_id: str) -> tuple[int, int, int]:
    """alice puts her own key in sam's place, approves as sam, and puts sam's key back: returns
    the seqs of the swap, the forged approval and the swap back."""
    alice = insider_session(team, "alice")
    sam_key = alice.conn.execute("SELECT public_key FROM users WHERE name = 'sam'").fetchone()[0]
    case_no = alice.conn.execute(
        "SELECT case_no FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()[0]
    with insider_code():
        alice.write(
            "case.edit",
            {"case_no": case_no, "before": {}},
            [put("users", {"name": "sam", "public_key": alice.user.public_key})],
        )
        swap_seq = last_seq(team)
        as_sam = insider_session(team, "alice", sign_as="sam")
        payload, rows = approval(as_sam, contact_id)
        as_sam.write("contact.approve", payload, rows)
        forged_seq = last_seq(team)
        alice.write(
            "case.edit",
            {"case_no": case_no, "before": {}},
            [put("users", {"name": "sam", "public_key": sam_key})],
        )
    return swap_seq, forged_seq, last_seq(team)
