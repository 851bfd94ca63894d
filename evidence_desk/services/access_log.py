"""The read log (PI-1): who read which case's evidence, when; listed for supervisors, auditors
and admins, and checked by ``verify``.

The services that read evidence content record here, not the screens, so the CLI's reads are
logged like the desktop app's: opening a conversation (``reading.count``, the first call of the
conversation view; the CLI's ``messages``), searching it, viewing an item original or a request
document, running the conduct self-check, and exporting a bundle. Paging through an open
conversation and its thumbnails is part of the one "conversation.open" row. How rows are
chained and sealed is store/access_log.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from evidence_desk.domain import shredding
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import signing
from evidence_desk.services.ledger_users import LedgerUsers
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import access_log
from evidence_desk.store.access_log import Read

# what a row says was read
OPEN_CONVERSATION = "conversation.open"
SEARCH = "conversation.search"
VIEW_ITEM = "item.view"
VIEW_DOCUMENT = "document.view"
EXPORT_BUNDLE = "bundle.export"
CONDUCT_CHECK = "conduct.check"  # the self-check reads the messages and shows them in findings

# Unsealed rows younger than this belong to a session that may still be working (it seals every
# SEAL_EVERY reads and at log-out); older ones were left by a session that ended without sealing
# (killed, crashed, power cut), which verify says as a warning.
UNSEALED_GRACE = timedelta(hours=12)

_said = Catalogue(
    {
        "access.where_row": "read log row {seq}",
        "access.where_seal": "read log seal of rows {first}..{upto}",
        "access.row_missing": "rows {first}..{last} of the read log are missing",
        "access.row_changed": "the row's content does not match its hash (changed after it was "
        "written)",
        "access.chain_broken": "the row does not follow the row before it (a row was inserted, "
        "removed or changed before it)",
        "access.seal_head": "the sealed rows changed: the seal's last row hash is {head}, the "
        "log now gives {found}",
        "access.seal_gap": "the seal starts at row {first}, the previous seal ended at {previous}",
        "access.seal_signature": "the seal's signature by {signer} does not verify with any key "
        "the ledger gave them",
        "access.seal_signer": "the seal is signed by {signer}, but its last row is a read by "
        "{reader}",
        "access.unsealed": "{count} {count:read|reads} from {first_at} on (by {users}) "
        "{count:was|were} never sealed: "
        "the session ended without closing its batch",
    }
)


@dataclass(frozen=True, slots=True)
class AccessRow:
    """One logged read, as listed (``detail`` holds its facts: a search's text, a file name)."""

    seq: int
    at: str
    user: str
    case_no: str
    what: str
    target: str
    detail: dict[str, Any]
    sealed: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "user": self.user,
            "case_no": self.case_no,
            "what": self.what,
            "target": self.target,
            "detail": self.detail,
            "sealed": self.sealed,
        }


# -- recording (called by the services that read) --------------------------------------------


def record(
    session: Session,
    what: str,
    case_nos: Iterable[str],
    target: str,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Log one read of ``target`` per case it belongs to, by the session's user, now."""
    at = session.now()
    facts = dict(detail or {})
    reads = [
        Read(at, session.user.name, case_no, what, target, facts)
        for case_no in sorted(set(case_nos))
    ]
    if reads:
        session.log_reads(reads)


def contact_case(session: Session, contact_id: str) -> list[str]:
    row = session.conn.execute(
        "SELECT case_no FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    return [] if row is None else [str(row["case_no"])]


def blob_cases(session: Session, sha256: str) -> list[str]:
    """The cases an original belongs to (as an item or an import of one of their contacts)."""
    rows = session.conn.execute(
        "SELECT c.case_no FROM items i JOIN contacts c ON c.id = i.contact_id "
        "WHERE i.sha256 = ? UNION "
        "SELECT c.case_no FROM imports m JOIN contacts c ON c.id = m.contact_id "
        "WHERE m.sha256 = ?",
        (sha256, sha256),
    ).fetchall()
    return [str(r[0]) for r in rows]


# -- listing -----------------------------------------------------------------------------------


def list_reads(
    session: Session, *, case_no: str | None = None, user: str | None = None, limit: int = 10_000
) -> list[AccessRow]:
    """The newest ``limit`` reads (oldest first), optionally of one case or by one user."""
    session.require(Action.ACCESS_LOG_READ)
    sql, args = "SELECT * FROM access_log WHERE 1 = 1", []
    if case_no:
        sql += " AND case_no = ?"
        args.append(case_no)
    if user:
        sql += " AND user = ?"
        args.append(user)
    rows = session.conn.execute(sql + " ORDER BY seq DESC LIMIT ?", [*args, limit]).fetchall()
    done = access_log.sealed_upto(session.conn)
    out = []
    for r in reversed(rows):
        try:
            detail = json.loads(r["detail"])
        except ValueError:
            detail = {}
        out.append(
            AccessRow(
                int(r["seq"]),
                r["at"],
                r["user"],
                r["case_no"],
                r["what"],
                r["target"],
                detail if isinstance(detail, dict) else {},
                int(r["seq"]) <= done,
            )
        )
    return out


# -- verify ----------------------------------------------------------------------------------


def redacted_reads(conn: Any, rejected: frozenset[int] = frozenset()) -> dict[int, str]:
    """Rows of the read log a shredding redacted (services/shredding.py), seq -> the SHA-256 of
    the detail text it left, from every tombstone that keeps the rules: such a row keeps its
    stored hash, since the detail it was hashed with is destroyed."""
    found: dict[int, str] = {}
    for seq, text in conn.execute(
        "SELECT seq, payload FROM ledger WHERE action = 'case.shred' ORDER BY seq"
    ):
        if int(seq) in rejected:
            continue
        try:
            listed = json.loads(text).get("reads_redacted", [])
        except (ValueError, AttributeError):
            continue
        for item in listed if isinstance(listed, list) else ():
            if isinstance(item, list) and len(item) == 2 and type(item[0]) is int:
                found.setdefault(item[0], str(item[1]))
    return found


def _pulled_shreddings(replay: Replay) -> frozenset[str]:
    """The cases another device shredded (an accepted tombstone of theirs, none of this
    device's): this device redacted its read log rows of them when it pulled the tombstone,
    which lists only the shredding device's own rows."""
    shredded = {str(key[0]) for key in replay.tables["shreddings"]}
    own = {
        str(payload.get("case_no"))
        for entry, payload in zip(replay.entries, replay.payloads, strict=True)
        if entry.action == "case.shred"
        and entry.seq not in replay.rejected
        and isinstance(payload, dict)
    }
    return frozenset(shredded - own)


def _redacted(redacted: dict[int, str], seq: int, detail: object) -> bool:
    return (
        seq in redacted
        and isinstance(detail, str)
        and hashlib.sha256(detail.encode("utf-8")).hexdigest() == redacted[seq]
    )


def _row_hash(row: Any, prev_hash: str) -> str:
    """The hash a stored read-log row should carry after ``prev_hash``."""
    return access_log.row_hash(
        int(row["seq"]),
        row["at"],
        row["user"],
        row["case_no"],
        row["what"],
        row["target"],
        row["detail"],
        prev_hash,
    )


def check_access_log(session: Session, replay: Replay) -> Iterable[Finding]:
    """The read log's chain and seals: every changed, removed or inserted row is located."""
    store_id = session.folder.store_id
    conn = session.conn
    redacted = redacted_reads(conn, replay.rejected)
    pulled = _pulled_shreddings(replay)
    hashes: dict[int, str] = {}
    readers: dict[int, str] = {}
    prev_seq, prev_hash = 0, access_log.genesis_hash(store_id)
    carried = prev_hash  # the chain as recomputed from the start: what a seal must match
    last_at = ""
    for r in conn.execute("SELECT * FROM access_log ORDER BY seq"):
        seq = int(r["seq"])
        where = _said("access.where_row", seq=seq)
        if seq != prev_seq + 1:
            yield Finding(
                "access.row_missing",
                where,
                _said("access.row_missing", first=prev_seq + 1, last=seq - 1),
            )
        expected = _row_hash(r, r["prev_hash"])
        shredded = expected != r["row_hash"] and (
            _redacted(redacted, seq, r["detail"])
            or (r["case_no"] in pulled and r["detail"] == shredding.READ_REDACTED)
        )
        if expected != r["row_hash"] and not shredded:
            yield Finding("access.row_changed", where, _said("access.row_changed"))
        if r["prev_hash"] != prev_hash:
            yield Finding("access.chain_broken", where, _said("access.chain_broken"))
        carried = _row_hash(r, carried)
        if shredded and r["prev_hash"] == hashes.get(seq - 1, access_log.genesis_hash(store_id)):
            carried = str(r["row_hash"])  # redacted by a shredding: its hash as stored
        hashes[seq] = carried
        readers[seq] = str(r["user"])
        prev_seq, prev_hash = seq, str(r["row_hash"])
        last_at = str(r["at"])
    yield from _check_seals(session, replay, hashes, readers)
    yield from _unsealed(session, readers, last_at)


def _check_seals(
    session: Session, replay: Replay, hashes: dict[int, str], readers: dict[int, str]
) -> Iterable[Finding]:
    users = LedgerUsers.from_replay(
        [e.payload for e in replay.entries], replay.payloads, replay.rejected
    )
    previous = 0
    for s in session.conn.execute("SELECT * FROM access_seals ORDER BY upto"):
        first, upto, signer = int(s["first"]), int(s["upto"]), str(s["signer"])
        where = _said("access.where_seal", first=first, upto=upto)
        if first != previous + 1:
            yield Finding(
                "access.seal_gap", where, _said("access.seal_gap", first=first, previous=previous)
            )
        found = hashes.get(upto, "")
        if found != s["head"]:
            yield Finding(
                "access.seal_head", where, _said("access.seal_head", head=s["head"], found=found)
            )
        message = access_log.seal_message(session.folder.store_id, first, upto, str(s["head"]))
        if not any(
            signing.verify(key, signing.ACCESS_SEAL_CONTEXT, message, str(s["signature"]))
            for key in users.keys(signer)
        ):
            yield Finding(
                "access.seal_signature", where, _said("access.seal_signature", signer=signer)
            )
        elif upto in readers and readers[upto] != signer:
            yield Finding(
                "access.seal_signer",
                where,
                _said("access.seal_signer", signer=signer, reader=readers[upto]),
            )
        previous = upto


def _unsealed(session: Session, readers: dict[int, str], last_at: str) -> Iterable[Finding]:
    done = access_log.sealed_upto(session.conn)
    tail = [seq for seq in readers if seq > done]
    if not tail or not last_at:
        return
    try:
        newest = datetime.fromisoformat(last_at.replace("Z", "+00:00"))
    except ValueError:
        newest = None
    if newest is not None and session.clock() - newest < UNSEALED_GRACE:
        return  # a session that may still be working
    first_at = session.conn.execute(
        "SELECT at FROM access_log WHERE seq = ?", (min(tail),)
    ).fetchone()
    yield Finding(
        "access.unsealed",
        _said("access.where_row", seq=min(tail)),
        _said(
            "access.unsealed",
            count=len(tail),
            first_at=first_at[0] if first_at else "",
            users=", ".join(sorted({readers[seq] for seq in tail})),
        ),
        severity="warning",
    )
