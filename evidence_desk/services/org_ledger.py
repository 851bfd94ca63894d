"""The organisation on this device: inviting users, joining, and applying pulled entries.

Every laptop's store is a *device* with its own signed ledger; the organisation's history is
the set of device ledgers, in the order the hub accepted their entries (services/org_history.py
reads it; ``verify`` replays the rule table over it). This module is the local half, no
network:

- ``invite_user`` (an admin): writes ``user.invite`` with the Ed25519 *public* key derived from
  a one-time code, and returns the code, shown once and stored nowhere. ``revoke_invite``
  withdraws an invitation not used yet.
- ``join``: a new store bound to the organisation. It holds the pulled history first, then
  writes its first own entry, ``device.join``: the user's new public keys (the private ones
  never leave the device) signed by the code's key, which the rule table checks against the
  open invitation (domain/invites.py).
- ``apply_pull``: a batch of entries in the organisation's order (other devices' entries, and
  receipts of this device's own), applied in ONE transaction: each must link to what is held,
  and the whole history replayed in the organisation's order (the same replay ``verify`` runs,
  signatures included) must find nothing wrong with the new entries; the projected tables are
  then brought to what that replay gives (which also rebuilds them when the hub refused one of
  this device's entries: a race two supervisors lost and won). Anything wrong refuses the whole
  batch with the rule named; nothing is written.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from evidence_desk.domain import authority, invites
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation, StoreError
from evidence_desk.domain.models import Finding, Role, User
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import digests, ledger, signing
from evidence_desk.services import (
    case_keys,
    org_history,
    pull_in_step,
    rewind_guards,
    shredding,
    unplaced,
    verify,
)
from evidence_desk.services.clock import Clock, system_clock
from evidence_desk.services.rewind_guards import GUARDED
from evidence_desk.services.session import DatabaseState, Session, put
from evidence_desk.services.user_names import validate_name, validate_new_user
from evidence_desk.store import db, location
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.keys import KdfParams
from evidence_desk.store.lock import WriterLock
from evidence_desk.store.schema import PROJECTED_TABLES

_said = Catalogue(
    {
        "org.bad_code": "an invitation code is {length} letters A-Z and digits 2-7",
        "org.no_invite": "no open invitation of the organisation matches this code for {user}",
        "org.position_behind": "organisation position {org_seq} is not after the last one held "
        "({last})",
        "org.own_unknown": "the hub holds entry {seq} of this device, which this device does not "
        "have (or has with another hash): a cloned or restored device",
        "org.own_order": "the hub placed entry {seq} of this device before entry {expected}",
        "org.link": "entry {seq} of device {device} does not follow the last one held ({last})",
        "org.entry_hash": "entry {seq} of device {device} does not hash to its contents",
    }
)

#: 16 random bytes in base32, without padding: 26 letters and digits, 128 bits
CODE_LENGTH = 26


@dataclass(frozen=True, slots=True)
class Invitation:
    """What the admin tells the invited user, once: the code is stored nowhere."""

    invite_id: str
    user: str
    role: str
    code: str


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One entry in the organisation's order, as the hub serves it: the device that wrote it,
    the entry as that device signed it, its position and the hub's verdict."""

    device_id: str
    entry: ledger.Entry
    org_seq: int
    verdict: str = ""  # '' accepted, else the rule the hub refused it with
    pre_org: bool = False  # before its device joined the organisation (its own history)


# -- the one-time code ---------------------------------------------------------------------------


def new_code() -> str:
    """A fresh one-time invitation code (128 random bits in base32: easy to read out)."""
    return base64.b32encode(os.urandom(16)).decode("ascii").rstrip("=")


def _normalised(code: str) -> str:
    clean = code.replace("-", "").replace(" ", "").upper()
    if len(clean) != CODE_LENGTH or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in clean):
        raise BadInput("code", "", _said("org.bad_code", length=CODE_LENGTH))
    return clean


#: the HKDF info of the code's X25519 key, to which the invitation seals the organisation's
#: handle-index key
INVITE_WRAP_INFO = b"evidence-desk/invite-wrap/v1"


def invite_wrap_key(code: str) -> bytes:
    """The code's X25519 private key (raw): HKDF-SHA256(code, info "evidence-desk/invite-wrap/v1"),
    derived as the invitation's Ed25519 key is, under another info."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INVITE_WRAP_INFO).derive(
        _normalised(code).encode("ascii")
    )


def invite_key(code: str) -> Ed25519PrivateKey:
    """The code's Ed25519 key: seed = HKDF-SHA256(code, info "evidence-desk/invite/v1")."""
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=invites.INVITE_CONTEXT.strip()
    ).derive(_normalised(code).encode("ascii"))
    return Ed25519PrivateKey.from_private_bytes(seed)


# -- the admin's side ----------------------------------------------------------------------------


def invite_user(session: Session, user: str, role: Role) -> Invitation:
    """Invite ``user`` (their own device makes their keys); returns the one-time code."""
    session.require(Action.USER_INVITE)
    validate_name(user)  # the password is chosen on the joining device
    refused = authority.invite_can_be_made(DatabaseState(session.conn), user)
    if refused is not None:
        raise RuleViolation(refused.rule, refused.detail)
    code = new_code()
    invite_id = uuid.uuid4().hex
    public = signing.public_key_hex(invite_key(code))
    payload: dict[str, Any] = {
        "invite_id": invite_id,
        "user": user,
        "role": role.value,
        "invite_key": public,
    }
    # an auditor holds no case-level key (CASE_KEY_ROLES): their invitation carries none, or
    # their join's case.keys entry would be refused (case_key.actor)
    sealed = (
        case_keys.seal_handle_key_for_code(session, user, invite_wrap_key(code))
        if role in authority.CASE_KEY_ROLES
        else None
    )
    if sealed is not None:  # the new member holds the handle-index key from their join on
        payload["handle_key"] = sealed
    session.write(
        "user.invite",
        payload,
        [
            put(
                "invites",
                {
                    "id": invite_id,
                    "user": user,
                    "role": role.value,
                    "invite_key": public,
                    "status": authority.INVITE_OPEN,
                    "created_by": session.user.name,
                    "created_at": session.now(),
                    "closed_by": None,
                    "closed_at": None,
                    "device_id": None,
                },
            )
        ],
    )
    return Invitation(invite_id, user, role.value, code)


def revoke_invite(session: Session, invite_id: str) -> None:
    """Withdraw an invitation that was not used: its code then enrols nobody."""
    session.require(Action.USER_INVITE)
    found = authority.invite_open(DatabaseState(session.conn), invite_id)
    if isinstance(found, authority.Violation):
        raise RuleViolation(found.rule, found.detail)
    session.write(
        "invite.revoke",
        {"invite_id": invite_id},
        [
            put(
                "invites",
                {
                    "id": invite_id,
                    "status": authority.INVITE_REVOKED,
                    "closed_by": session.user.name,
                    "closed_at": session.now(),
                },
            )
        ],
    )


# -- what a push sends ---------------------------------------------------------------------------


def own_entries(session: Session, *, since: int = 1) -> list[ledger.Entry]:
    """This device's entries from ``since`` on, as signed (what a push sends)."""
    return org_history.own_entries(session.conn, since)


# -- joining -------------------------------------------------------------------------------------


def join(
    path: Path,
    user: str,
    password: str,
    code: str,
    history: Sequence[OrgEntry],
    *,
    kdf: KdfParams | None = None,
    clock: Clock = system_clock,
) -> Session:
    """A new store at ``path``, bound to the organisation whose ``history`` (in its order) was
    pulled: the history is applied first, then the device's first own entry, ``device.join``,
    enrols the user's new keys with the invitation the code opens. Nothing is left at ``path``
    if any step fails."""
    validate_new_user(user, password)
    location.refuse_new_store(path)
    key = invite_key(code)
    code_wrap = invite_wrap_key(code)
    digests.self_test()
    existed = path.exists()
    folder = StoreFolder.create(path)
    try:
        return _join(folder, user, password, (key, code_wrap), history, kdf or KdfParams(), clock)
    except BaseException:
        if existed:
            for child in path.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)
        raise


def _join(
    folder: StoreFolder,
    user: str,
    password: str,
    keys: tuple[Ed25519PrivateKey, bytes],
    history: Sequence[OrgEntry],
    kdf: KdfParams,
    clock: Clock,
) -> Session:
    key, code_wrap = keys
    # the role comes from the invitation; until the join is written the user is not on record
    session, wrap_public = Session.with_new_keys(folder, user, Role.STAFF, password, kdf, clock)
    public = session.user.public_key
    try:
        apply_pull(session, history)
        invite = _invite_of(session, user, signing.public_key_hex(key))
        session.user = User(user, Role(str(invite["role"])), public, True)
        device = folder.store_id
        message = invites.join_message(str(invite["id"]), device, user, public, wrap_public)
        session.write(
            "device.join",
            {
                "invite_id": invite["id"],
                "device_id": device,
                "public_key": public,
                "wrap_key": wrap_public,
                "invite_signature": key.sign(message).hex(),
            },
            [
                put(
                    "users",
                    {
                        "name": user,
                        "role": invite["role"],
                        "public_key": public,
                        "active": 1,
                        "wrap_key": wrap_public,
                    },
                ),
                put(
                    "invites",
                    {
                        "id": invite["id"],
                        "status": authority.INVITE_USED,
                        "closed_by": user,
                        "closed_at": session.now(),
                        "device_id": device,
                    },
                ),
            ],
        )
        # the organisation's handle-index key the invitation sealed to the code: this member
        # need not wait for a key holder to sync before requesting a contact
        sealed = _invited_handle_key(session, str(invite["id"]))
        if sealed is not None:
            case_keys.adopt_invited_handle_key(session, sealed, code_wrap)
    except BaseException:
        session.close()
        raise
    return session


def _invited_handle_key(session: Session, invite_id: str) -> dict[str, Any] | None:
    """The handle-index key the accepted ``user.invite`` of ``invite_id`` sealed to the code
    (``{"key_id", "sealed"}``), None when it sealed none (an organisation without one, an
    admin who held none)."""
    for (text,) in session.conn.execute(
        "SELECT payload FROM device_entries WHERE action = 'user.invite' AND verdict = '' "
        "AND instr(payload, ?) > 0",
        (invite_id,),
    ):
        payload = json.loads(str(text))
        sealed = payload.get("handle_key") if isinstance(payload, dict) else None
        if payload.get("invite_id") == invite_id and isinstance(sealed, dict):
            return sealed
    return None


def _invite_of(session: Session, user: str, public: str) -> dict[str, Any]:
    """The open invitation for ``user`` whose key the code gives."""
    for row in session.conn.execute(
        "SELECT * FROM invites WHERE user = ? AND invite_key = ? AND status = ?",
        (user, public, authority.INVITE_OPEN),
    ):
        return dict(row)
    raise NotFound(_said("org.no_invite", user=user))


# -- applying a pull -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PullResult:
    """What a pull added: other devices' entries, receipts of own ones, and own ones refused."""

    entries: int
    receipts: int
    refused_own: tuple[int, ...]


def apply_pull(session: Session, batch: Sequence[OrgEntry]) -> PullResult:
    """Apply ``batch`` (entries in the organisation's order) in one transaction, or refuse it
    whole (``RuleViolation`` naming the rule) and write nothing."""
    lock = WriterLock(
        session.folder.path, session.user.name, "pull", wait_seconds=session.lock_wait_seconds
    )
    conn = session.conn
    shredded = _pulled_shreddings(session.folder.store_id, batch)
    wiped: list[str] = []
    # own entries the hub holds past this ledger's head: taken back first (a restored store)
    readopted = _readopt(session, batch)
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            placed_before = _placed(conn)
            result, places, in_step = _store_batch(conn, session.folder.store_id, batch)
            # an own entry taken back was never applied here: the whole replay projects it
            stepwise = batch and not readopted and not pull_in_step.needs_replay(batch)
            stepped: list[str] | None = None
            if stepwise and in_step:
                stepped = pull_in_step.apply_in_step(session, batch)
            elif stepwise:  # own unplaced entries rewound, the batch applied, they on top
                stepped = pull_in_step.apply_rewound(session, batch, placed_before)
            if stepped is not None:
                # each pulled tombstone destroyed its case at its place, and listed its files
                wiped.extend(stepped)
            elif batch:
                findings, tables = verify.replay_tables(session)
                for finding in findings:
                    if finding.location in places and _refuses(finding):
                        raise pull_in_step.refused(finding.code, finding.location, finding.detail)
                _project(conn, tables)
                # what the own unplaced entries changed is no longer known row by row
                unplaced.forget_after(conn, 0)
                # another device's accepted tombstone: the replay redacted the case's rows
                # (domain/shredding.redact_tables); this device destroys the rest of it
                for case_no in shredded:
                    wiped.extend(shredding.destroy_pulled(session, case_no))
            unplaced.forget(conn, _placed(conn))
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("ROLLBACK")
            raise
        if shredded:
            shredding.wipe_after_pull(session, wiped)
    return result


def _readopt(session: Session, batch: Sequence[OrgEntry]) -> int:
    """This device's own entries the batch holds past its ledger's head, taken back: a store
    restored from a backup taken before it pushed them (they are its own, on the hub). Only
    the run that continues the head at once, appended as the hub holds them by
    ``Session.append_signed`` (each must follow the head, hash to its ``entry_hash`` and be
    signed by the key this store holds for its actor: the hub cannot make one up); the batch
    then places them as receipts and the whole replay applies them, their files fetched as
    any file the records name. Anything else (an entry that does not follow, a store that
    wrote after its restore: a fork) is left to ``_receipt``, which refuses it as before
    (``org.own_unknown``). Returns how many were taken back."""
    store_id = session.folder.store_id
    head = db.ledger_size(session.conn)
    run: list[ledger.Entry] = []
    for item in batch:
        if item.device_id == store_id and item.entry.seq > head:
            if item.entry.seq != head + 1 + len(run):
                break
            run.append(item.entry)
    if not run:
        return 0
    try:
        session.append_signed(run, operation="pull")
    except StoreError:
        return 0  # not this store's to take: _receipt refuses the batch
    return len(run)


def _pulled_shreddings(own: str, batch: Sequence[OrgEntry]) -> list[str]:
    """The cases shredded by the batch's accepted entries of other devices."""
    found: list[str] = []
    for item in batch:
        if item.device_id == own or item.verdict or item.entry.action != "case.shred":
            continue
        payload = org_history.payload_of(item.entry)
        case_no = payload.get("case_no") if isinstance(payload, dict) else None
        if isinstance(case_no, str):
            found.append(case_no)
    return found


def _placed(conn: db.Connection) -> int:
    """The newest own entry the hub has placed."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions").fetchone()[0])


def _refuses(finding: Finding) -> bool:
    """A finding about a pulled entry that refuses the batch: all but a hub's refusal of an
    entry the rules allow (the hub's word stands; verify reports it) and warnings."""
    return finding.severity == "error" and finding.code != "org.refused_valid"


def _store_batch(
    conn: db.Connection, store_id: str, batch: Sequence[OrgEntry]
) -> tuple[PullResult, set[str], bool]:
    """Check that the batch links to what is held and store it; returns what was added, the
    places (finding locations) of the new entries, and whether the projected tables are the
    organisation's order up to the batch, so that its entries can be applied one by one on
    top of them: every own entry is placed, none refused, none placed after a pulled one."""
    last = org_history.last_org_seq(conn)
    heads: dict[str, tuple[int, str] | None] = {}  # of the batch's devices only
    placed = conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions").fetchone()[0]
    places: set[str] = set()
    entries = receipts = 0
    refused_own: list[int] = []
    foreign_seen = False
    in_step = True
    for item in batch:
        entry = item.entry
        if item.org_seq <= last:
            raise RuleViolation(
                "org.position", _said("org.position_behind", org_seq=item.org_seq, last=last)
            )
        last = item.org_seq
        if item.device_id == store_id:
            _receipt(conn, entry, placed)
            placed = entry.seq
            conn.execute(
                "INSERT INTO org_positions (seq, org_seq, verdict, pre_org) VALUES (?, ?, ?, ?)",
                (entry.seq, item.org_seq, item.verdict, int(item.pre_org)),
            )
            places.add(verify.where_own(entry.seq))
            receipts += 1
            if item.verdict:
                refused_own.append(entry.seq)
            in_step = in_step and not item.verdict and not foreign_seen
            continue
        foreign_seen = True
        if item.device_id not in heads:
            heads[item.device_id] = org_history.head(conn, item.device_id)
        _links(item, heads[item.device_id])
        heads[item.device_id] = (entry.seq, entry.entry_hash)
        conn.execute(
            "INSERT INTO device_entries (device_id, seq, at, actor, action, payload, "
            "payload_hash, prev_hash, entry_hash, signature, org_seq, verdict, pre_org) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.device_id, *entry, item.org_seq, item.verdict, int(item.pre_org)),
        )
        places.add(org_history.where_device(item.device_id, entry.seq))
        entries += 1
    own = db.ledger_size(conn)
    in_step = in_step and own == placed
    return PullResult(entries, receipts, tuple(refused_own)), places, in_step


def _receipt(conn: db.Connection, entry: ledger.Entry, placed: int) -> None:
    """A receipt names one of this device's entries, as written (every column: a hub that
    serves it edited is refused here, before another device refuses it), next in this
    device's order."""
    row = conn.execute(
        f"SELECT {ledger.ENTRY_COLUMNS} FROM ledger WHERE seq = ?",
        (entry.seq,),
    ).fetchone()
    if row is None or ledger.Entry(*row) != entry:
        raise RuleViolation("org.own_entry", _said("org.own_unknown", seq=entry.seq))
    if entry.seq != placed + 1:
        raise RuleViolation("org.order", _said("org.own_order", seq=entry.seq, expected=placed + 1))


def _links(item: OrgEntry, head: tuple[int, str] | None) -> None:
    """Another device's entry follows the last one held of that device and hashes right (its
    signature and rules are the replay's)."""
    entry, device = item.entry, item.device_id
    last_seq, last_hash = head or (0, ledger.genesis_hash(device))
    if entry.seq != last_seq + 1 or entry.prev_hash != last_hash:
        raise RuleViolation(
            "org.link", _said("org.link", seq=entry.seq, device=device, last=last_seq)
        )
    payload_hash = ledger.payload_hash(entry.payload)
    recomputed = ledger.entry_hash(
        entry.seq, entry.at, entry.actor, entry.action, payload_hash, entry.prev_hash
    )
    if payload_hash != entry.payload_hash or recomputed != entry.entry_hash:
        raise RuleViolation("org.entry_hash", _said("org.entry_hash", seq=entry.seq, device=device))


def _project(conn: db.Connection, tables: verify.Tables) -> None:
    """Bring the projected tables to ``tables`` (the replay in the organisation's order),
    changing only the rows that differ: parents inserted before children, children deleted
    before parents."""
    actual = verify.read_tables(conn)
    for table, key_columns in PROJECTED_TABLES.items():
        have = actual[table]
        for key, row in tables[table].items():
            found = have.get(key)
            if found is None:
                columns = list(row)
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [row[c] for c in columns],
                )
                continue
            changed = [c for c, v in row.items() if found.get(c) != v]
            if changed:
                conn.execute(
                    f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE "
                    + " AND ".join(f"{k} = ?" for k in key_columns),
                    [*(row[c] for c in changed), *key],
                )
    for table, key_columns in reversed(PROJECTED_TABLES.items()):
        gone = actual[table].keys() - tables[table].keys()
        if table == "imports":
            _drop_import_dependents(conn, [str(key[0]) for key in gone])
        for key in gone:
            # a breach or processing record goes only as its own entry's (refused by the hub,
            # or unplaced and refused by the rules at its new place): services/rewind_guards.py
            writer = rewind_guards.writer_of(conn, table, key[0]) if table in GUARDED else 0
            rewind_guards.delete_row(conn, table, key_columns, key, writer)


def _drop_import_dependents(conn: db.Connection, import_ids: Sequence[str]) -> None:
    """Before an import leaves the projected tables (the hub refused this device's entry, e.g.
    an import after a revocation it had not pulled), what the import made outside them: its
    messages' sources and sealed locators, and the messages no other import holds (with
    their trigram rows); a message another import also holds is kept, first seen there."""
    for import_id in import_ids:
        conn.execute("DELETE FROM import_locators WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM message_sources WHERE import_id = ?", (import_id,))
        conn.execute(
            "UPDATE messages SET first_import = (SELECT s.import_id FROM message_sources s "
            "JOIN imports i ON i.id = s.import_id WHERE s.message_rowid = messages.rowid "
            "ORDER BY i.rowid LIMIT 1) WHERE first_import = ? AND rowid IN "
            "(SELECT message_rowid FROM message_sources)",
            (import_id,),
        )
        orphans = "SELECT rowid FROM messages WHERE first_import = ?"
        conn.execute(f"DELETE FROM message_text WHERE rowid IN ({orphans})", (import_id,))
        conn.execute(f"DELETE FROM messages WHERE rowid IN ({orphans})", (import_id,))
