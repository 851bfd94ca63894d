"""Per-case data keys in use: who holds a wrap, taking a case's key, sealing its fields.

The one module that reads or writes ``case_key_wraps`` and opens or seals a case's personal
columns, messages and locators (store/case_keys.py holds the cryptography). Everything else
calls :func:`open_case_row`, :func:`open_contact_row`, :func:`message_opener` (a message's
fields, the row opened once), :func:`locator_reader`, :func:`seal_fields`,
:func:`message_cipher`, :func:`locator_sealer` or :func:`case_key`.

- **Who holds a wrap.** Every active user whose role may read cases (domain/authority.py
  ``CASE_KEY_ROLES``: staff, supervisors, legal, admins; never auditors) and whose X25519 public
  key the ledger holds. Each wrap's digest is written into the ledger entry that makes it
  (``WRAP_ACTIONS``); the rule table refuses a wrap for anyone else, and ``verify``
  (services/case_key_checks.py) compares the table with those digests, so a wrap slipped into
  the table unseen is reported.
- **Membership changes.** Adding, deactivating or re-keying a user (a password reset) carries
  :func:`plan_wraps` in the same entry: the case keys wrapped for the new reader, or the wraps
  of a user no longer entitled withdrawn. A catch-up (``case.keys``, :func:`sync_wraps`) does
  the same for users whose X25519 key arrived at their own login. (There is no role change in
  the application; one would plan its wraps the same way.)
- **Old key slots.** A user whose slot has no X25519 key gets one at their next login
  (:func:`after_login`, recorded by ``user.wrap_key``); the next admin login wraps the case keys
  for them. An admin's login also migrates a store written before per-case keys
  (:func:`migrate_store`).
- **Caching.** Unwrapped keys are kept in the session (``case_key_cache``) for its lifetime;
  :func:`destroy_case_key` deletes a case's wraps and drops the cached key (crypto-shredding
  calls it).

This module does not import the session (the session calls :func:`after_login` at login): it
works on anything with the session's attributes (:class:`KeySession`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from evidence_desk.domain import authority
from evidence_desk.domain import records_key as rk
from evidence_desk.domain.errors import RuleViolation, StoreBusy, StoreError
from evidence_desk.domain.models import Role, User
from evidence_desk.domain.shredding import MARKER
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.ledger import Entry
from evidence_desk.services import device_fold
from evidence_desk.services.row_changes import RowChange, put
from evidence_desk.store import case_keys as ck
from evidence_desk.store import db
from evidence_desk.store.folder import StoreFolder

#: the personal columns of ``cases`` sealed under the case key
CASE_FIELDS = authority.SEALED_CASE_COLUMNS
#: table -> its columns sealed under the case key (docs/ARCHITECTURE.md, Per-case keys, has the
#: table of what is sealed and what stays in clear, and why; a contact's ``handle`` holds the
#: keyed digest of the handle sealed in ``handle_text``: the one matter per chat rule compares
#: handles across cases)
SEALED_FIELDS: Mapping[str, tuple[str, ...]] = {
    "cases": CASE_FIELDS,
    "contacts": authority.SEALED_CONTACT_COLUMNS,
    "tags": authority.SEALED_TAG_COLUMNS,
    "imports": authority.SEALED_IMPORT_COLUMNS,
    "items": authority.SEALED_ITEM_COLUMNS,
    "conduct_acks": authority.SEALED_ACK_COLUMNS,
}
#: the columns of ``messages`` whose values are sealed under the case key, as one ciphertext per
#: message in ``text`` (store/case_keys.MessageCipher; the import seals them,
#: :func:`message_opener` opens them): ``raw`` and ``sender_id`` are then NULL, ``sender`` and
#: ``attachments`` empty
MESSAGE_COLUMNS = ck.MESSAGE_FIELDS
#: what a query selects for :meth:`MessageOpener.message`
MESSAGE_SELECT = ", ".join(MESSAGE_COLUMNS)
#: what a reader without the case's key sees instead of a sealed field
SEALED_PLACEHOLDER = "●●●"
#: the actions whose payload may carry wraps (their rule runs ``_case_key_wraps``)
WRAP_ACTIONS = frozenset(
    {
        "case.create",
        "case.import",
        "case.keys",
        "case_keys.migrate",
        "records.key",
        "user.add",
        "user.reset_password",
        "user.deactivate",
    }
)

_said = Catalogue(
    {
        "case_key.no_handle_key": "this device holds no wrap of the organisation's handle index "
        "key yet: sync once a device of an administrator has synced since you joined",
    }
)


class KeySession(Protocol):
    """What this module needs of a session (services/session.py's Session has it)."""

    folder: StoreFolder
    conn: db.Connection
    user: User
    wrap_key: bytes | None
    case_key_cache: dict[str, bytes]

    def handle_index(self, handle: str) -> str: ...

    def write(
        self,
        action: str,
        payload: Mapping[str, Any],
        rows: Sequence[RowChange] = (),
        *,
        extra: Callable[[db.Connection, int], Mapping[str, Any] | None] | None = None,
        operation: str | None = None,
    ) -> Entry: ...


# -- readers and keys ----------------------------------------------------------------------------


def key_domain(session: KeySession, case_no: str) -> str:
    """The id the case-key crypto of ``case_no`` binds (store/case_keys.key_domain): the
    organisation's for a store of an organisation, else the store's own; a case created in a
    device's history from before it joined keeps that device's id. Every seal, open, wrap and
    wrap digest takes it from here, so none binds the store id by mistake."""
    return ck.key_domain(session.conn, session.folder.store_id, case_no)


def readers(
    conn: db.Connection,
    store: StoreFolder | None = None,
    entitled_roles: Iterable[Role] = authority.CASE_KEY_ROLES,
) -> dict[str, str]:
    """Every user entitled to hold the case keys now (or, with ``entitled_roles``
    domain/records_key.ROLES, the organisation's records key) -> their X25519 public key
    (hex). A user only a pre-organisation history knows (:func:`local_only_users`) is none:
    the organisation's rules refuse a wrap for someone it does not know. ``store``: the open
    store, whose reading of the other devices' entries is kept (services/device_fold.py)."""
    roles = sorted(r.value for r in entitled_roles)
    marks = ", ".join("?" for _ in roles)
    local = local_only_users(conn, store)
    return {
        str(r[0]): str(r[1])
        for r in conn.execute(
            f"SELECT name, wrap_key FROM users WHERE active = 1 AND wrap_key IS NOT NULL "
            f"AND role IN ({marks}) ORDER BY name",
            roles,
        )
        if str(r[0]) not in local
    }


def case_key(session: KeySession, case_no: str) -> bytes | None:
    """The case's key, unwrapped with this user's X25519 key (cached), or None when this user
    holds no wrap of it (an auditor, a user added since, a shredded case)."""
    cached = session.case_key_cache.get(case_no)
    if cached is not None:
        return cached
    if session.wrap_key is None:
        return None
    wrap = ck.wrap_of(session.conn, case_no, session.user.name)
    if wrap is None:
        return None
    store_id = key_domain(session, case_no)
    key = ck.open_wrap(store_id, case_no, session.user.name, session.wrap_key, wrap.sealed)
    if ck.key_id(key) != wrap.key_id:
        raise ck.CaseKeyError("the wrap opens to another key than it names")
    session.case_key_cache[case_no] = key
    return key


def new_case_key(session: KeySession, case_no: str) -> tuple[bytes, list[ck.Wrap]]:
    """A fresh key for a new case, wrapped for every reader; cached in this session."""
    key = os.urandom(ck.KEY_LEN)
    store_id = key_domain(session, case_no)
    wraps = [
        ck.make_wrap(store_id, case_no, name, public, key)
        for name, public in readers(session.conn).items()
    ]
    session.case_key_cache[case_no] = key
    return key, wraps


def wrap_records(session: KeySession, wraps: Iterable[ck.Wrap]) -> list[dict[str, Any]]:
    """What a ledger payload's ``wraps`` holds for each wrap (the wrap itself stays out); each
    digest binds its case's key domain."""
    return domain_records({w.case_no: key_domain(session, w.case_no) for w in wraps}, wraps)


def domain_records(domains: Mapping[str, str], wraps: Iterable[ck.Wrap]) -> list[dict[str, Any]]:
    """:func:`wrap_records` with the key domain of each wrap's case given (case -> domain)."""
    return [
        {
            "case_no": w.case_no,
            "recipient": w.recipient,
            "recipient_key": w.recipient_key,
            "key_id": w.key_id,
            "digest": w.digest(domains[w.case_no]),
        }
        for w in wraps
    ]


def store_wraps(wraps: Sequence[ck.Wrap]) -> Callable[[db.Connection, int], None]:
    """An ``extra`` for Session.write: the wraps go into their table in the entry's
    transaction."""

    def write(conn: db.Connection, _seq: int) -> None:
        for wrap in wraps:
            ck.put_wrap(conn, wrap)

    return write


# -- the organisation's handle index key ---------------------------------------------------------

#: the name the wrap records give the organisation's handle-index key: one random key per
#: organisation, wrapped for every reader like a case key, so every member digests a chat
#: handle the same way and one matter per chat holds across devices (no case number starts
#: with "@": services/cases.valid_case_no)
ORG_HANDLE_KEY = "@handle-index"


def found_handle_key(session: KeySession) -> Entry:
    """The organisation's handle-index key, made once by its founding device (``hub init``)
    and wrapped for every reader it holds (``case.keys``, reason "organisation"); readers who
    join later get their wrap as for any case key (:func:`plan_wraps`, at a holder's sync)."""
    key = os.urandom(ck.KEY_LEN)
    domain = key_domain(session, ORG_HANDLE_KEY)
    wraps = [
        ck.make_wrap(domain, ORG_HANDLE_KEY, name, public, key)
        for name, public in readers(session.conn).items()
    ]
    session.case_key_cache[ORG_HANDLE_KEY] = key
    payload = {"reason": "organisation", "wraps": wrap_records(session, wraps)}
    return session.write("case.keys", payload, extra=store_wraps(wraps))


def seal_handle_key_for_code(
    session: KeySession, user: str, code_wrap: bytes
) -> dict[str, str] | None:
    """The organisation's handle-index key sealed (HPKE, as a wrap) to the X25519 key derived
    from an invitation's one-time code (services/org_ledger.invite_wrap_key), for the
    ``user.invite`` payload: ``{"key_id", "sealed"}``; None when this session holds no such key.
    Only whoever holds the code opens it (the hub neither); the invited device then holds the
    key from its join on, with no key holder online."""
    key = case_key(session, ORG_HANDLE_KEY)
    if key is None:
        return None
    domain = key_domain(session, ORG_HANDLE_KEY)
    wrap = ck.make_wrap(domain, ORG_HANDLE_KEY, user, ck.public_hex(code_wrap), key)
    return {"key_id": wrap.key_id, "sealed": wrap.sealed.hex()}


def adopt_invited_handle_key(
    session: KeySession, sealed: Mapping[str, Any], code_wrap: bytes
) -> Entry | None:
    """At join: open the handle-index key the invitation sealed to the code and wrap it for
    this user's own X25519 key, recorded like any wrap (``case.keys``, reason "invitation").
    None, writing nothing, when it does not open to the key it names (the member then gets
    the key at a holder's sync, as before) or this user holds a wrap already."""
    name = session.user.name
    if session.wrap_key is None or ck.wrap_of(session.conn, ORG_HANDLE_KEY, name) is not None:
        return None
    if session.user.role not in authority.CASE_KEY_ROLES:
        return None  # an auditor holds no such key (an invitation made before said otherwise)
    domain = key_domain(session, ORG_HANDLE_KEY)
    try:
        opened = bytes.fromhex(str(sealed["sealed"]))
        key = ck.open_wrap(domain, ORG_HANDLE_KEY, name, code_wrap, opened)
    except (ck.CaseKeyError, KeyError, ValueError):
        return None
    if ck.key_id(key) != sealed.get("key_id"):
        return None
    wrap = ck.make_wrap(domain, ORG_HANDLE_KEY, name, ck.public_hex(session.wrap_key), key)
    session.case_key_cache[ORG_HANDLE_KEY] = key
    payload = {"reason": "invitation", "wraps": wrap_records(session, [wrap])}
    return session.write("case.keys", payload, extra=store_wraps([wrap]))


def handle_index_key(session: KeySession, store_key: bytes) -> bytes:
    """The key of the handles' digests: the organisation's (unwrapped with this user's key)
    in a store whose organisation has one, else ``store_key``, the store's own (a standalone
    store, an organisation founded before it had one: digests as they always were). A user of
    such an organisation who holds no wrap of it yet is refused (``case_key.no_handle_key``):
    a digest under the store's key would let one chat be two matters."""
    key = case_key(session, ORG_HANDLE_KEY)
    if key is not None:
        return key
    if _org_has_handle_key(session):
        raise RuleViolation("case_key.no_handle_key", _said("case_key.no_handle_key"))
    return store_key


def _org_has_handle_key(session: KeySession) -> bool:
    conn = session.conn
    if conn.execute(
        "SELECT 1 FROM case_key_wraps WHERE case_no = ? LIMIT 1", (ORG_HANDLE_KEY,)
    ).fetchone():
        return True
    domain = ck.org_domain(conn, session.folder.store_id)
    if domain == session.folder.store_id:
        return False
    found = conn.execute(
        "SELECT 1 FROM device_entries WHERE device_id = ? AND action = 'case.keys' "
        "AND instr(payload, ?) > 0 LIMIT 1",
        (domain, f'"{ORG_HANDLE_KEY}"'),
    )
    return found.fetchone() is not None


# -- wraps between devices -----------------------------------------------------------------------


def wraps_to_share(conn: db.Connection) -> list[dict[str, str]]:
    """The wraps this store holds, as the hub's ``/v1/wraps`` takes them (the hub keeps each
    once: sending one again changes nothing). A wrap is sealed for its recipient alone, and
    its digest is in the entry that made it, so the hub holds nothing it could open. Wraps for
    a user only a pre-organisation history knows (a local user of a store that joined with its
    history, not enrolled) stay on the device: the hub has no such user."""
    local = local_only_users(conn)
    return [
        {
            "case_no": w.case_no,
            "recipient": w.recipient,
            "key_id": w.key_id,
            "sealed": w.sealed.hex(),
        }
        for w in ck.read_wraps(conn)
        if w.recipient not in local
    ]


#: the actions whose ``users`` puts introduce a user
_INTRODUCING = ("store.init", "user.add", "device.join")


def local_only_users(conn: db.Connection, store: StoreFolder | None = None) -> set[str]:
    """The users whom only a device's history from before it joined the organisation
    introduced (entries up to its ``device.join``'s ``pre_org.size``, this device's or a
    pulled one's) and no entry of the organisation since: the organisation does not know
    them (docs/ARCHITECTURE.md, "Joining with an existing store"). Empty for a store that did
    not join with its history and pulled no such device."""
    if conn.execute("SELECT 1 FROM device_entries LIMIT 1").fetchone() is None:
        return set()  # standalone (or the founding device before any pull): nobody joined
    # asked for every new case key (a case import asks once a row): read once per change of
    # the ledger or of the pulled entries, the store told apart by its first entry's hash
    stamp = tuple(
        conn.execute(
            "SELECT (SELECT entry_hash FROM ledger WHERE seq = 1), "
            "(SELECT coalesce(max(seq), 0) FROM ledger), "
            "(SELECT coalesce(max(org_seq), 0) FROM device_entries)"
        ).fetchone()
    )
    cached = _local_only_cache.get(stamp)
    if cached is None:
        cached = _local_only_cache[stamp] = frozenset(_local_only(conn, store))
        while len(_local_only_cache) > _LOCAL_ONLY_KEPT:
            del _local_only_cache[next(iter(_local_only_cache))]
    return set(cached)


#: (first entry hash, ledger size, last org_seq) -> :func:`local_only_users`' answer
_local_only_cache: dict[tuple[Any, ...], frozenset[str]] = {}
_LOCAL_ONLY_KEPT = 8


def _local_only(conn: db.Connection, store: StoreFolder | None) -> set[str]:
    sizes: dict[str | None, int] = {}  # device (None: this one) -> its pre-organisation size
    # the other devices' entries read once per open store, then those placed since
    joins: list[device_fold.Row] = device_fold.folded(
        store,
        conn,
        "action = 'device.join' AND verdict = '' AND instr(payload, '\"pre_org\"') > 0",
        (),
        list,
        list.append,
        list,
    )
    for device, text in [
        *((None, str(r[0])) for r in conn.execute(
            "SELECT payload FROM ledger WHERE action = 'device.join' "
            "AND instr(payload, '\"pre_org\"') > 0"
        )),
        *((row.device_id, row.payload) for row in joins),
    ]:  # fmt: skip
        size = _pre_org_size(text)
        if size:
            sizes[device] = size
    if not sizes:
        return set()
    before: set[str] = set()
    since: set[str] = set()
    marks = ", ".join("?" for _ in _INTRODUCING)
    rows = [
        *((None, int(r[0]), str(r[1])) for r in conn.execute(
            f"SELECT seq, payload FROM ledger WHERE action IN ({marks})", _INTRODUCING
        )),
        *((row.device_id, row.seq, row.payload) for row in device_fold.folded(
            store, conn, f"verdict = '' AND action IN ({marks})", _INTRODUCING,
            list, list.append, list,
        )),
    ]  # fmt: skip
    for device, seq, text in rows:
        named = _users_put(text)
        (before if seq <= sizes.get(device, 0) else since).update(named)
    return before - since


def _pre_org_size(payload: str) -> int:
    try:
        body = json.loads(payload)
    except ValueError:
        return 0
    pre_org = body.get("pre_org") if isinstance(body, dict) else None
    size = pre_org.get("size") if isinstance(pre_org, dict) else None
    return size if isinstance(size, int) else 0


def _users_put(payload: str) -> set[str]:
    try:
        body = json.loads(payload)
    except ValueError:
        return set()
    changes = body.get("rows") if isinstance(body, dict) else None
    return {
        str(change["row"].get("name"))
        for change in (changes if isinstance(changes, list) else [])
        if isinstance(change, dict)
        and change.get("table") == "users"
        and isinstance(change.get("row"), dict)
    }


def shared_wraps(session: KeySession, rows: Iterable[Mapping[str, Any]]) -> list[ck.Wrap]:
    """The wraps the hub holds for this user that this store lacks (made on another
    device of the organisation): each only if it opens with this user's X25519 key to the key
    it names (the HPKE ``info`` binds the organisation's domain, the case and the recipient),
    sealed for this user's public key, never one of a shredded case. Verify then compares it
    with the digest the making device's entry recorded. The caller stores them
    (:func:`store_wraps`)."""
    if session.wrap_key is None:
        return []
    name = session.user.name
    public = ck.public_hex(session.wrap_key)
    kept: list[ck.Wrap] = []
    # the hub keeps every wrap it was given: a shredded case's key never comes back
    shredded = {str(r[0]) for r in session.conn.execute("SELECT case_no FROM shreddings")}
    for row in rows:
        case_no, sealed = str(row["case_no"]), bytes.fromhex(str(row["sealed"]))
        if str(row["recipient"]) != name or case_no in shredded:
            continue
        held = ck.wrap_of(session.conn, case_no, name)
        if held is not None and held.key_id == str(row["key_id"]):
            continue
        try:
            domain = key_domain(session, case_no)
            key = ck.open_wrap(domain, case_no, name, session.wrap_key, sealed)
        except ck.CaseKeyError:
            continue  # not one for this store's domain or key: nothing to keep
        if ck.key_id(key) == str(row["key_id"]):
            kept.append(ck.Wrap(case_no, name, public, sealed, ck.key_id(key)))
    return kept


# -- sealed fields -------------------------------------------------------------------------------


def seal_fields(
    session: KeySession,
    table: str,
    row_key: str,
    case_no: str,
    key: bytes,
    row: Mapping[str, Any],
) -> dict[str, Any]:
    """``row`` of ``table`` with its personal columns (``SEALED_FIELDS``) sealed under
    ``key``, the key of its case ``case_no``."""
    cipher = ck.FieldCipher(key_domain(session, case_no), key)
    out = dict(row)
    for column in SEALED_FIELDS[table]:
        value = out.get(column)
        if isinstance(value, str) and not ck.is_sealed(value):
            out[column] = cipher.seal(table, row_key, column, value)
    return out


def seal_case_fields(
    session: KeySession, case_no: str, key: bytes, row: Mapping[str, Any]
) -> dict[str, Any]:
    """A ``cases`` row with its personal columns sealed under ``key``."""
    return seal_fields(session, "cases", case_no, case_no, key, row)


def open_fields(
    session: KeySession, table: str, row_key: str, case_no: str, row: Mapping[str, Any]
) -> dict[str, Any]:
    """A row of ``table`` with its personal columns opened (the placeholder for a reader who
    holds no key of the case; plain text as it is in a store not yet migrated)."""
    out = dict(row)
    sealed = [c for c in SEALED_FIELDS[table] if ck.is_sealed(out.get(c))]
    if not sealed:
        return out
    key = case_key(session, case_no)
    if key is None:
        for column in sealed:
            out[column] = SEALED_PLACEHOLDER
        return out
    cipher = ck.FieldCipher(key_domain(session, case_no), key)
    for column in sealed:
        out[column] = cipher.open(table, row_key, column, str(out[column]))
    return out


def open_case_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``cases`` row with its personal columns opened."""
    case_no = str(row["case_no"])
    return open_fields(session, "cases", case_no, case_no, row)


def open_contact_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``contacts`` row with its personal columns opened, the handle in ``handle``.

    Where the handle is: sealed in ``handle_text`` (``handle`` holds its keyed digest); in
    clear in ``handle_text`` for a case not keyed yet; in ``handle`` itself in a store not yet
    migrated, and for a shredded contact (its ``[shredded]:<id>`` marker)."""
    out = open_fields(session, "contacts", str(row["id"]), str(row["case_no"]), row)
    stored, opened = row["handle_text"], out.pop("handle_text")
    if isinstance(stored, str) and authority.is_handle_index(row["handle"]):
        out["handle"] = opened
    return out


def open_tag_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``tags`` row with its notes opened."""
    return open_fields(session, "tags", str(row["id"]), str(row["case_no"]), row)


def open_ack_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``conduct_acks`` row with its note opened (one written before notes were sealed is
    read as it is)."""
    return open_fields(session, "conduct_acks", str(row["finding_id"]), str(row["case_no"]), row)


def open_import_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """An ``imports`` row with its file name and details opened (its case is its contact's)."""
    return _open_contact_owned(session, "imports", row)


def open_item_row(session: KeySession, row: Mapping[str, Any]) -> dict[str, Any]:
    """An ``items`` row with its file name opened (its case is its contact's)."""
    return _open_contact_owned(session, "items", row)


def _open_contact_owned(session: KeySession, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    found = session.conn.execute(
        "SELECT case_no FROM contacts WHERE id = ?", (row["contact_id"],)
    ).fetchone()
    case_no = "" if found is None else str(found[0])
    return open_fields(session, table, str(row["id"]), case_no, row)


def seal_import_fields(session: KeySession, case_no: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """An ``imports`` row with its file name and details sealed under its case's key; as it is
    when this user holds no key of the case (a store not migrated yet: the migration seals
    it)."""
    return _seal_owned(session, "imports", case_no, row)


def seal_item_fields(session: KeySession, case_no: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """An ``items`` row with its file name sealed under its case's key (as it is without a
    key, as for an import)."""
    return _seal_owned(session, "items", case_no, row)


def _seal_owned(
    session: KeySession, table: str, case_no: str, row: Mapping[str, Any]
) -> dict[str, Any]:
    key = case_key(session, case_no)
    if key is None:
        return dict(row)
    return seal_fields(session, table, str(row["id"]), case_no, key, row)


def seal_value(
    session: KeySession, case_no: str, table: str, row_key: str, column: str, value: str
) -> str:
    """One text sealed under its case's key as ``column`` of ``table``'s row ``row_key``; as
    it is when this user holds no key of the case (a store not migrated yet)."""
    key = case_key(session, case_no)
    if key is None:
        return value
    cipher = ck.FieldCipher(key_domain(session, case_no), key)
    return cipher.seal(table, row_key, column, value)


def seal_tag_note(session: KeySession, case_no: str, tag_id: str, column: str, note: str) -> str:
    """A tag's note (``note`` or ``remove_note``) sealed under its case's key; as it is when
    this user holds no key of the case (a store not migrated yet: the migration seals it)."""
    return seal_value(session, case_no, "tags", tag_id, column, note)


def contact_handle(session: KeySession, handle: str) -> dict[str, str]:
    """A contact's ``handle`` (the keyed digest the one-matter rule compares across cases) and
    ``handle_text`` (the handle itself, which :func:`seal_fields` seals under the case key)."""
    return {"handle": session.handle_index(handle), "handle_text": handle}


# -- membership ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WrapPlan:
    """The wraps a membership change adds and withdraws: ``records`` go into the entry's
    payload (``wraps``), ``apply`` into its transaction (an ``extra`` of Session.write)."""

    domains: Mapping[str, str]  # case -> its key domain (store/case_keys.key_domain)
    added: tuple[ck.Wrap, ...]
    removed: tuple[tuple[str, str], ...]  # (case, recipient)

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed

    @property
    def records(self) -> list[dict[str, Any]]:
        withdrawn = [{"case_no": c, "recipient": r, "removed": True} for c, r in self.removed]
        return withdrawn + domain_records(self.domains, self.added)

    def apply(self, conn: db.Connection, _seq: int) -> None:
        for case_no, recipient in self.removed:
            ck.delete_wrap(conn, case_no, recipient)
        for wrap in self.added:
            ck.put_wrap(conn, wrap)


def plan_wraps(
    session: KeySession,
    changes: Mapping[str, str | None] | None = None,
    records_changes: Mapping[str, str | None] | None = None,
) -> WrapPlan:
    """What brings the wraps in line with who may read: a wrap of every case key this session
    holds for each reader lacking one, and the withdrawal of the wraps of users no longer
    entitled (or re-keyed). ``changes`` (user -> their X25519 public key, or None when they
    are no longer a reader) describes the user change the same entry makes. Cases whose key
    this session does not hold are left for a reader who does (an admin holds them all).

    The organisation's records key (``"@records"``, domain/records_key.py) is planned the
    same way for its own readers (legal, admins, auditors), ``records_changes`` being the
    same entry's change to them (None: ``changes``, for a change that takes a user's access
    away from both, or a reader of both)."""
    conn = session.conn
    wanted = _wanted(readers(conn, session.folder), changes)
    wanted_records = _wanted(
        readers(conn, session.folder, rk.ROLES),
        changes if records_changes is None else records_changes,
    )
    role = {"active": 1, "role": session.user.role.value}
    added: list[ck.Wrap] = []
    removed: list[tuple[str, str]] = []
    held: dict[str, dict[str, ck.Wrap]] = {}
    foreign = foreign_wraps(session)
    domains: dict[str, str] = {}
    for wrap in ck.read_wraps(conn):
        held.setdefault(wrap.case_no, {})[wrap.recipient] = wrap
    for case_no, wraps in sorted(held.items()):
        entitled = wanted_records if case_no == rk.WRAP_NAME else wanted
        removed.extend(
            (case_no, recipient)
            for recipient, wrap in sorted(wraps.items())
            if entitled.get(recipient) != wrap.recipient_key
        )
        elsewhere = foreign.get(case_no, {})
        missing = [
            name
            for name, public in entitled.items()
            if (name not in wraps or wraps[name].recipient_key != public)
            and elsewhere.get(name) != public
        ]
        may_wrap = authority.entitled_to(role, case_no)
        key = case_key(session, case_no) if missing and may_wrap else None
        if key is not None:
            domain = domains[case_no] = key_domain(session, case_no)
            added.extend(ck.make_wrap(domain, case_no, n, entitled[n], key) for n in missing)
    return WrapPlan(domains, tuple(added), tuple(removed))


def _wanted(held: dict[str, str], changes: Mapping[str, str | None] | None) -> dict[str, str]:
    """``held`` (reader -> X25519 key) with a user change applied (None: no longer one)."""
    for name, public in (changes or {}).items():
        if public is None:
            held.pop(name, None)
        else:
            held[name] = public
    return held


def foreign_wraps(session: KeySession) -> dict[str, dict[str, str]]:
    """case -> recipient -> the X25519 key of the wrap the organisation's other devices' entries
    (those the hub accepted, in its order) leave in force: such a wrap lives on the device that
    made it and on the hub, not in this store's table, and is not made again here (empty for
    a standalone store). Extended from the last call's over the entries placed since
    (services/device_fold.py), not read again over the organisation at every sync."""
    return device_fold.folded(
        session.folder,
        session.conn,
        "verdict = '' AND instr(payload, ?) > 0",
        ('"wraps"',),
        dict,
        _fold_wraps,
        lambda found: {case: dict(wraps) for case, wraps in found.items()},
    )


def _fold_wraps(found: dict[str, dict[str, str]], row: device_fold.Row) -> None:
    try:
        payload = json.loads(row.payload)
    except ValueError:
        return  # verify reports it
    wraps = payload.get("wraps") if isinstance(payload, dict) else None
    for wrap in wraps if isinstance(wraps, list) else []:
        if not isinstance(wrap, dict):
            continue
        case = found.setdefault(str(wrap.get("case_no")), {})
        if wrap.get("removed") is True:
            case.pop(str(wrap.get("recipient")), None)
        else:
            case[str(wrap.get("recipient"))] = str(wrap.get("recipient_key"))


def sync_wraps(session: KeySession, reason: str) -> Entry | None:
    """Write :func:`plan_wraps` as one ``case.keys`` entry; None when nothing changes."""
    plan = plan_wraps(session)
    if plan.empty:
        return None
    return session.write("case.keys", {"reason": reason, "wraps": plan.records}, extra=plan.apply)


def withdrawal_records(session: KeySession, case_no: str) -> list[dict[str, Any]]:
    """The ``wraps`` records that withdraw every wrap of ``case_no``: the entry that destroys
    the case's key (crypto-shredding's tombstone) carries them in its payload, so that verify
    expects no wrap of the case any more (services/case_key_checks.py)."""
    return [
        {"case_no": case_no, "recipient": w.recipient, "removed": True}
        for w in ck.read_wraps(session.conn, case_no)
    ]


def destroy_case_key(session: KeySession, case_no: str) -> int:
    """Delete every wrap of ``case_no`` and the key cached in this session: after this nobody
    can open the case's sealed content. Runs on the caller's connection, inside the caller's
    transaction if one is open (crypto-shredding writes its tombstone in the same one).
    Returns how many wraps were deleted."""
    session.case_key_cache.pop(case_no, None)
    return ck.delete_case_wraps(session.conn, case_no)


# -- login and migration -------------------------------------------------------------------------


def after_login(session: KeySession, write_slot: Callable[[bytes], None]) -> None:
    """At login: give a user from before per-case keys their X25519 key pair (sealed in their
    slot by ``write_slot``, recorded in the ledger), and let an admin migrate the store and
    wrap the case keys for readers who lack them. Best effort: a store that cannot be written
    now (read-only, busy) is tried again at the next login."""
    try:
        _record_own_wrap_key(session, write_slot)
        if session.user.role == Role.ADMIN:
            migrate_store(session)
            sync_wraps(session, "login")
    except (StoreError, StoreBusy):
        return


def _record_own_wrap_key(session: KeySession, write_slot: Callable[[bytes], None]) -> None:
    row = session.conn.execute(
        "SELECT wrap_key FROM users WHERE name = ?", (session.user.name,)
    ).fetchone()
    recorded = None if row is None else row[0]
    new_private: bytes | None = None
    if session.wrap_key is None:
        new_private, public = ck.new_wrap_key()
    else:
        public = ck.public_hex(session.wrap_key)
        if recorded == public:
            return
    name = session.user.name
    session.write(
        "user.wrap_key",
        {"user": name, "wrap_key": public},
        [put("users", {"name": name, "wrap_key": public})],
        extra=None if new_private is None else (lambda _c, _s: write_slot(new_private)),
    )
    if new_private is not None:
        session.wrap_key = new_private


def migrate_store(session: KeySession) -> Entry | None:
    """Seal what a store written by an older release holds in clear, in one
    ``case_keys.migrate`` entry (admin only; atomic: the columns, the wraps and the entry commit
    together or not at all). None when there is nothing to migrate.

    1. Every case without a key gets one: its personal columns are put sealed, its message
       texts sealed in place, its key wrapped for every reader with an X25519 key (the others
       get theirs when an admin next rewraps).
    2. A case keyed by an earlier build, which sealed fewer columns (``SEALED_FIELDS`` and
       ``MESSAGE_COLUMNS`` grew) or sealed a message column by column (0x01), gets the columns
       it still holds in clear put sealed under its existing key (``columns`` in the payload
       counts those rows), its messages re-sealed in place as one ciphertext each
       (``messages`` counts them) and its imports' locators sealed as one list per import
       (``locators`` counts the imports).

    A shredded case lost its key for good and is never sealed again."""
    conn = session.conn
    keyed = {str(r[0]) for r in conn.execute("SELECT DISTINCT case_no FROM case_key_wraps")}
    shredded = {str(r[0]) for r in conn.execute("SELECT case_no FROM shreddings")}
    rows: list[RowChange] = []
    resealed: list[RowChange] = []
    wraps: list[ck.Wrap] = []
    migrated: list[str] = []
    # contacts with messages not sealed as one ciphertext (a store from before; one keyed by
    # an earlier build, which sealed column by column) or locators still in clear
    unsealed = _unsealed_contacts(conn)
    keys: dict[str, bytes] = {}
    for record in conn.execute("SELECT * FROM cases ORDER BY case_no").fetchall():
        case_no = str(record["case_no"])
        if case_no in shredded:
            continue
        if case_no in keyed or ck.is_sealed(record["debtor_name"]):
            key = case_key(session, case_no)
            if key is not None:
                resealed += _clear_rows(session, case_no, key, record)
                if _contacts_of(conn, case_no) & unsealed:
                    keys[case_no] = key
            continue
        key, case_wraps = new_case_key(session, case_no)
        wraps.extend(case_wraps)
        migrated.append(case_no)
        rows += _clear_rows(session, case_no, key, record)
    if not rows and not resealed and not keys:
        return None
    keys.update({case_no: session.case_key_cache[case_no] for case_no in migrated})
    domains = {case_no: key_domain(session, case_no) for case_no in {*keys, *migrated}}

    def seal_all(conn: db.Connection, seq: int) -> dict[str, Any]:
        store_wraps(wraps)(conn, seq)
        return {
            "messages": seal_messages(conn, domains, keys),
            "locators": seal_clear_locators(conn, domains, keys),
        }

    return session.write(
        "case_keys.migrate",
        {
            "reason": "migration",
            "cases": len(migrated),
            "columns": len(resealed),
            "wraps": domain_records(domains, wraps),
        },
        rows + resealed,
        extra=seal_all,
    )


def _contacts_of(conn: db.Connection, case_no: str) -> set[str]:
    return {
        str(r[0]) for r in conn.execute("SELECT id FROM contacts WHERE case_no = ?", (case_no,))
    }


def _clear_rows(
    session: KeySession, case_no: str, key: bytes, record: Mapping[str, Any]
) -> list[RowChange]:
    """Puts that seal the columns of ``SEALED_FIELDS`` the case, its contacts, tags, imports
    and items still hold in clear (each row with only its key and those columns); none for a
    row already sealed."""
    found: list[RowChange] = []
    tables = [("cases", "case_no", [record])]
    contacts = session.conn.execute(
        "SELECT * FROM contacts WHERE case_no = ? ORDER BY id", (case_no,)
    ).fetchall()
    tables.append(("contacts", "id", contacts))
    tags = session.conn.execute(
        "SELECT * FROM tags WHERE case_no = ? ORDER BY id", (case_no,)
    ).fetchall()
    tables.append(("tags", "id", tags))
    imports = session.conn.execute(
        "SELECT i.* FROM imports i JOIN contacts c ON c.id = i.contact_id WHERE c.case_no = ? "
        "ORDER BY i.id",
        (case_no,),
    ).fetchall()
    tables.append(("imports", "id", imports))
    items = session.conn.execute(
        "SELECT i.* FROM items i JOIN contacts c ON c.id = i.contact_id WHERE c.case_no = ? "
        "ORDER BY i.id",
        (case_no,),
    ).fetchall()
    tables.append(("items", "id", items))
    for table, key_column, table_rows in tables:
        for row in table_rows:
            row_key = str(row[key_column])
            clear = {
                c: row[c]
                for c in SEALED_FIELDS[table]
                if isinstance(row[c], str) and not ck.is_sealed(row[c])
            }
            if table == "contacts" and not authority.is_handle_index(row["handle"]):
                # a handle from before: its digest in ``handle``, itself sealed
                clear.update(contact_handle(session, str(row["handle"])))
            if clear:
                sealed = seal_fields(session, table, row_key, case_no, key, clear)
                found.append(put(table, {key_column: row[key_column], **sealed}))
    return found


def _unsealed_contacts(conn: db.Connection) -> set[str]:
    """Contacts holding a message not sealed as one ciphertext (plain, or column by column)
    or an import whose locators are in clear (a shredded contact's marker is no locator)."""
    found = {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT contact_id FROM messages WHERE typeof(text) = 'text' "
            "OR substr(text, 1, 1) = ?",
            (ck.COLUMN_MARK,),
        )
    }
    found.update(
        str(r[0])
        for r in conn.execute(
            # (an import with a sealed list is not scanned: this runs at every admin login)
            "SELECT DISTINCT i.contact_id FROM imports i WHERE NOT EXISTS (SELECT 1 FROM "
            "import_locators l WHERE l.import_id = i.id) AND EXISTS (SELECT 1 FROM "
            "message_sources s WHERE s.import_id = i.id AND s.locator NOT IN ('', ?))",
            (MARKER,),
        )
    )
    return found


def seal_messages(
    conn: db.Connection, domains: Mapping[str, str], keys: Mapping[str, bytes]
) -> int:
    """Seal, in place, the messages of the cases in ``keys`` (case -> key) not yet sealed as
    one ciphertext each: plain ones (a store from before per-case keys) and those an earlier
    build sealed column by column (0x01, opened with the same key). Returns how many messages
    changed. Runs inside the migration's transaction."""
    sealed = 0
    for case_no, key in sorted(keys.items()):
        store_id = domains[case_no]
        for contact_id in sorted(_contacts_of(conn, case_no)):
            cipher = ck.MessageCipher(store_id, contact_id, key)
            opener = MessageOpener(cipher, ck.ColumnOpener(store_id, contact_id, key))
            updates = [
                (cipher.seal(r["fingerprint"], *opener.message(r["fingerprint"], r)), r["rowid"])
                for r in conn.execute(
                    f"SELECT rowid, fingerprint, {MESSAGE_SELECT} FROM messages "
                    "WHERE contact_id = ? AND (typeof(text) = 'text' OR substr(text, 1, 1) = ?)",
                    (contact_id, ck.COLUMN_MARK),
                ).fetchall()
            ]
            conn.executemany(
                "UPDATE messages SET text = ?, raw = NULL, sender = '', sender_id = NULL, "
                "attachments = '' WHERE rowid = ?",
                updates,
            )
            sealed += len(updates)
    return sealed


def seal_clear_locators(
    conn: db.Connection, domains: Mapping[str, str], keys: Mapping[str, bytes]
) -> int:
    """Seal the locators the imports of the cases in ``keys`` still hold in clear (one
    ``message_sources`` row per message) as one list per import (``import_locators``), and
    empty them. Returns how many imports changed. Inside the migration's transaction."""
    done = 0
    for case_no, key in sorted(keys.items()):
        imports = [
            str(r[0])
            for r in conn.execute(
                "SELECT i.id FROM imports i JOIN contacts c ON c.id = i.contact_id "
                "WHERE c.case_no = ? AND EXISTS (SELECT 1 FROM message_sources s "
                "WHERE s.import_id = i.id AND s.locator NOT IN ('', ?)) ORDER BY i.id",
                (case_no, MARKER),
            )
        ]
        for import_id in imports:
            found = dict(
                conn.execute(
                    "SELECT position, locator FROM message_sources WHERE import_id = ?",
                    (import_id,),
                ).fetchall()
            )
            locators = [str(found.get(p, "")) for p in range(max(found) + 1)]
            put_locators(conn, domains[case_no], import_id, key, locators)
            done += 1
    return done


def put_locators(
    conn: db.Connection, store_id: str, import_id: str, key: bytes, locators: list[str]
) -> None:
    """Store an import's locators (by position) sealed as one ciphertext under its case's
    key, and leave ``message_sources.locator`` empty: the import writes them so, the
    migration seals a store's clear ones so."""
    sealed = ck.seal_locators(store_id, import_id, key, locators)
    conn.execute(
        "INSERT OR REPLACE INTO import_locators (import_id, sealed) VALUES (?, ?)",
        (import_id, sealed),
    )
    # only rows still holding one: an import writes them empty, so it rewrites no row
    conn.execute(
        "UPDATE message_sources SET locator = '' WHERE import_id = ? AND locator != ''",
        (import_id,),
    )


LocatorSealer = Callable[[db.Connection, str, list[str]], None]


def locator_sealer(session: KeySession, case_no: str) -> LocatorSealer | None:
    """What stores an import's locators sealed under its case's key (``(conn, import id,
    locators by position)``, inside the import's transaction), or None when this user holds no
    key of the case (a store not migrated: they stay in clear until the migration)."""
    key = case_key(session, case_no)
    if key is None:
        return None
    store_id = key_domain(session, case_no)

    def seal(conn: db.Connection, import_id: str, locators: list[str]) -> None:
        put_locators(conn, store_id, import_id, key, locators)

    return seal


# -- messages ------------------------------------------------------------------------------------


def message_cipher(session: KeySession, case_no: str, contact_id: str) -> ck.MessageCipher | None:
    """The cipher of a contact's messages, or None when this user holds no key of its case
    (or the case has none yet: a store not migrated keeps plain text until it is)."""
    key = case_key(session, case_no)
    return None if key is None else ck.MessageCipher(key_domain(session, case_no), contact_id, key)


class MessageFields(NamedTuple):
    """A message's sealed fields, opened (``attachments`` is the stored JSON text)."""

    text: str
    raw: str | None
    sender: str
    sender_id: str | None
    attachments: str


_new_tuple = tuple.__new__
_HIDDEN = MessageFields(SEALED_PLACEHOLDER, None, SEALED_PLACEHOLDER, None, "[]")


class MessageOpener:
    """Opens one contact's stored messages, each row once: a message sealed as one ciphertext
    (0x02, in ``text``) or column by column (0x01, a store keyed by the build before) with the
    case key, or the placeholder for a reader without it; a plain row (a store not migrated, a
    shredded message) as it is."""

    __slots__ = ("_cipher", "_columns")

    def __init__(self, cipher: ck.MessageCipher | None, columns: ck.ColumnOpener | None) -> None:
        self._cipher = cipher
        self._columns = columns

    @property
    def can_open(self) -> bool:
        return self._cipher is not None

    def message(self, fingerprint: str, row: Any) -> MessageFields:
        """The fields of ``row`` (a mapping holding ``MESSAGE_COLUMNS``: select
        ``MESSAGE_SELECT``)."""
        text = row["text"]
        if text.__class__ is bytes:
            if text[:1] == ck.MESSAGE_MARK:
                if self._cipher is None:
                    return _HIDDEN
                # (tuple.__new__: a NamedTuple's own __new__ is Python code, once per message)
                return _new_tuple(MessageFields, self._cipher.open(fingerprint, text))
            return self._by_column(fingerprint, row)
        return MessageFields(
            text, row["raw"], row["sender"], row["sender_id"], row["attachments"] or "[]"
        )

    def _by_column(self, fingerprint: str, row: Any) -> MessageFields:
        if self._columns is None:
            return _HIDDEN
        columns = self._columns

        def one(column: str) -> Any:
            value = row[column]
            return columns.open(fingerprint, column, value) if isinstance(value, bytes) else value

        text, raw, sender, sender_id = (one(c) for c in ("text", "raw", "sender", "sender_id"))
        return MessageFields(text, raw, sender, sender_id, row["attachments"] or "[]")


def message_opener(session: KeySession, contact_id: str) -> MessageOpener:
    row = session.conn.execute(
        "SELECT case_no FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    key = None if row is None else case_key(session, str(row[0]))
    if key is None:
        return MessageOpener(None, None)
    store_id = key_domain(session, str(row[0]))
    return MessageOpener(
        ck.MessageCipher(store_id, contact_id, key), ck.ColumnOpener(store_id, contact_id, key)
    )


# -- locators ------------------------------------------------------------------------------------


class LocatorReader:
    """Where each message was in its export (file name and line), by import and position:
    ``message_sources.locator`` when it holds one (a store not migrated; a shredded import's
    marker), else the import's sealed list (``import_locators``), opened once per import;
    the placeholder for a reader without the case key."""

    __slots__ = ("_opened", "_session")

    def __init__(self, session: KeySession) -> None:
        self._session = session
        self._opened: dict[str, list[str] | None] = {}

    def __call__(self, import_id: str, position: int, stored: str) -> str:
        if stored:
            return stored
        if import_id not in self._opened:
            self._opened[import_id] = self._open(import_id)
        locators = self._opened[import_id]
        if locators is None:
            return SEALED_PLACEHOLDER
        return locators[position] if 0 <= position < len(locators) else ""

    def _open(self, import_id: str) -> list[str] | None:
        if not has_sealed_locators(self._session.conn, import_id):
            return []
        return open_import_locators(self._session, import_id)


def has_sealed_locators(conn: db.Connection, import_id: str) -> bool:
    found = conn.execute("SELECT 1 FROM import_locators WHERE import_id = ?", (import_id,))
    return found.fetchone() is not None


def open_import_locators(session: KeySession, import_id: str) -> list[str] | None:
    """An import's sealed locators (by position), opened; empty when it has none sealed;
    None for a reader without the case key. Raises CaseKeyError when they do not open."""
    row = session.conn.execute(
        "SELECT l.sealed, c.case_no FROM import_locators l JOIN imports i "
        "ON i.id = l.import_id JOIN contacts c ON c.id = i.contact_id WHERE l.import_id = ?",
        (import_id,),
    ).fetchone()
    if row is None:
        return []
    key = case_key(session, str(row[1]))
    if key is None:
        return None
    domain = key_domain(session, str(row[1]))
    return ck.open_locators(domain, import_id, key, bytes(row[0]))


def locator_reader(session: KeySession) -> LocatorReader:
    """The one way to read locators (reading, the bundle)."""
    return LocatorReader(session)
