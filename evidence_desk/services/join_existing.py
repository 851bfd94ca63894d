"""Joining with an existing store: what is checked before anything is sent or written.

A store made before its company ran a hub (its own ``store.init``, local users, cases,
imports, approvals) is to become a device of the organisation without losing or rewriting
anything: its ledger is evidence, append-only and never re-signed. docs/ARCHITECTURE.md
"Organisation: sync and join" sets out the whole design (pre-organisation history, how the hub
and verify judge it, the key domain of what the store sealed before). This module is its first
step, the one every later step relies on: ``check`` pulls the organisation's history with the
invitation's key and judges the store against it, reading only:

- the joining user is a user of the store (their keys on this device are the store's keys
  for that user: private keys never leave) and the code opens an invitation for that name;
- the store is not bound to a hub already and holds no other device's entries;
- no other local user's name is a user of the organisation already (names are the identity
  every ledger entry records: two people behind one name would make custody ambiguous);
- no case number of the store is a case of the organisation (``join.case_taken``);
- no file of the store is on record in the organisation (``join.blob_taken``: the rule table
  records a file once, org-wide, so the merge of the store's rows would be refused);
- no chat the store holds active is active on a case of the organisation: one matter per chat
  org-wide, compared by the organisation's handle-index key that the invitation seals to the
  code (``one-matter-per-chat``, the rule table's own check);
- no entry of the store's history holds a personal value in clear (``join.clear_history``,
  domain/clear_history.py: a store from before per-case keys; the hub must only ever hold
  ciphertext, and the ledger cannot be rewritten). Checked first: it is the store's alone.

A store that fails any check is refused with the rule named, and nothing of it changes: the
store is only read (the test compares every file's digest before and after, and verifies it
INTACT). What passes is the ``ExistingJoin`` plan the binding acts on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_desk.domain import authority, clear_history, invites
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.services import case_keys, contacts, org_ledger, sync
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.services.session import Session, put
from evidence_desk.store import case_keys as ck
from evidence_desk.store.folder import StoreFolder

_said = Catalogue(
    {
        "join.not_a_store": "{path} is not an Evidence Desk store",
        "join.store_bound": "the store {path} already belongs to an organisation (it is bound to "
        "a hub or holds another device's entries): it cannot join another one",
        "join.user_taken": "the store's user {user} has the name of a user of the organisation: "
        "one name would stand for two people; rename or enrol them before joining",
        "join.case_taken": "case {case} of the store is a case of the organisation already",
        "join.blob_taken": "the store's file {sha256} is on record in the organisation already "
        "(a file is recorded once, org-wide)",
        "join.chat_taken": "the store's contact {contact} on case {case}: {detail}",
        "join.no_invite": "no open invitation of the organisation matches this code for {user}",
        "join.no_founder": "the organisation's history does not begin with its founding store.init",
        "join.no_handle_key": "the invitation seals no handle-index key of the organisation: "
        "the store's contacts cannot be reindexed",
        "join.clear_history": "{entries} entries of the store's history hold {values} personal "
        "values in clear (the first: entry {seq}, {action}, {field}), written before this "
        "release sealed them under case keys; the hub must only ever hold ciphertext, so this "
        "history cannot join. Join with a new store instead (join without --store): this "
        "store stays on this computer as it is, and its verify still checks it",
    }
)


@dataclass(frozen=True, slots=True)
class ExistingJoin:
    """What the checks found: the invitation the join uses (its role applies from the join
    on), the organisation's key domain, and what the store brings into the organisation."""

    user: str
    invite_id: str
    role: str
    org_domain: str
    device_id: str
    cases: tuple[str, ...]
    contacts: int
    history: tuple[OrgEntry, ...]


def is_store(path: Path) -> bool:
    """``path`` holds a store (its descriptor): ``join --store`` then binds it."""
    return (path / "store.json").is_file()


def check(path: Path, url: str, ca_file: Path, user: str, password: str, code: str) -> ExistingJoin:
    """Judge the store at ``path`` against the organisation the code opens (see the module's
    docstring); raises the refusal naming its rule, having changed nothing."""
    if not is_store(path):
        raise BadInput(str(path), "", _said("join.not_a_store", path=path))
    history = _history(url, ca_file, code)
    with Session.open(path, user, password) as session:
        return _judge(session, history, code)


def check_session(session: Session, url: str, ca_file: Path, code: str) -> ExistingJoin:
    """``check`` for a store the app has open, as its logged-in user (the main window's "Join
    an organisation…")."""
    return _judge(session, _history(url, ca_file, code), code)


def _history(url: str, ca_file: Path, code: str) -> tuple[OrgEntry, ...]:
    """The organisation's accepted history, pulled with the invitation's key (a wrong, used or
    withdrawn code is refused by the hub's gate: 401, ``HubAuthError``)."""
    with sync.invite_client(url, ca_file, code) as client:
        return tuple(entry for page in sync.pull_history(client) for entry in page)


def _judge(session: Session, history: tuple[OrgEntry, ...], code: str) -> ExistingJoin:
    conn, folder = session.conn, session.folder
    if _bound(folder) or conn.execute("SELECT 1 FROM device_entries LIMIT 1").fetchone():
        raise RuleViolation("join.store_bound", _said("join.store_bound", path=folder.path))
    _refuse_clear_history(session)
    if not history or history[0].entry.action != "store.init" or history[0].entry.seq != 1:
        raise RuleViolation("join.no_founder", _said("join.no_founder"))
    org_domain = history[0].device_id
    tables = authority.ReplayedTables(authority.empty_tables(), complete=True, index=None)
    invite_payloads: dict[str, dict[str, Any]] = {}
    for item in history:
        if item.verdict:
            continue  # refused on the hub: applied nowhere
        payload = json.loads(item.entry.payload)
        tables.apply(payload)
        if item.entry.action == "user.invite":
            invite_payloads[str(payload.get("invite_id"))] = payload
    invite = _open_invite(tables, session.user.name, code)
    taken = sorted(
        str(r[0])
        for r in conn.execute("SELECT name FROM users")
        if tables.row("users", str(r[0])) is not None
    )
    if taken:
        raise RuleViolation("join.user_taken", _said("join.user_taken", user=taken[0]))
    own_cases = tuple(str(r[0]) for r in conn.execute("SELECT case_no FROM cases ORDER BY 1"))
    for case_no in own_cases:
        if tables.row("cases", case_no) is not None:
            raise RuleViolation("join.case_taken", _said("join.case_taken", case=case_no))
    for (sha256,) in conn.execute("SELECT sha256 FROM blobs ORDER BY 1"):
        if tables.row("blobs", str(sha256)) is not None:
            raise RuleViolation("join.blob_taken", _said("join.blob_taken", sha256=sha256))
    sealed = invite_payloads.get(str(invite["id"]), {}).get("handle_key")
    held = _check_chats(session, tables, org_domain, sealed, code)
    return ExistingJoin(
        session.user.name,
        str(invite["id"]),
        str(invite["role"]),
        org_domain,
        folder.store_id,
        own_cases,
        held,
        history,
    )


def _refuse_clear_history(session: Session) -> None:
    """Refuse a history holding personal values in clear, naming how many and the first."""
    found = clear_history.judge(
        (int(seq), str(action), json.loads(payload))
        for seq, action, payload in session.conn.execute(
            "SELECT seq, action, payload FROM ledger ORDER BY seq"
        )
    )
    if found is not None:
        raise RuleViolation("join.clear_history", _said("join.clear_history", **found.facts()))


def _bound(folder: StoreFolder) -> bool:
    return (folder.path / sync.HUB_FILE).exists()


def _open_invite(tables: authority.ReplayedTables, user: str, code: str) -> dict[str, Any]:
    """The organisation's open invitation for ``user`` whose key the code gives."""
    public = signing.public_key_hex(org_ledger.invite_key(code))
    for row in tables.tables["invites"].values():
        if (row.get("user"), row.get("invite_key"), row.get("status")) == (
            user,
            public,
            authority.INVITE_OPEN,
        ):
            return dict(row)
    raise NotFound(_said("join.no_invite", user=user))


def _check_chats(
    session: Session,
    tables: authority.ReplayedTables,
    org_domain: str,
    sealed: object,
    code: str,
) -> int:
    """Every chat the store holds active against the organisation's contacts, compared under
    the organisation's handle-index key (opened from the invitation with the code); returns
    how many contacts the store holds. An organisation without such a key digests each
    device's handles under that device's own key: there is nothing to compare across."""
    held = contacts.list_contacts(session)
    if not isinstance(sealed, dict) or not held:
        return len(held)
    try:
        key = ck.open_wrap(
            org_domain,
            case_keys.ORG_HANDLE_KEY,
            session.user.name,
            org_ledger.invite_wrap_key(code),
            bytes.fromhex(str(sealed["sealed"])),
        )
    except (ck.CaseKeyError, KeyError, ValueError):
        return len(held)
    keyed = authority.ReplayedTables(
        tables.tables, complete=True, index=lambda handle: ck.handle_index(key, handle)
    )
    now = session.now()
    for contact in held:
        if contact.status not in authority.ACTIVE:
            continue
        found = authority.one_matter(keyed, contact.channel, contact.handle, contact.case_no, now)
        if found is not None:
            raise RuleViolation(
                found.rule,
                _said(
                    "join.chat_taken", contact=contact.id, case=contact.case_no, detail=found.detail
                ),
            )
    return len(held)


# -- the entries a joining store sends after its history (issue 19, joinorg) ------------------


def existing_join_entries(session: Session, plan: ExistingJoin, code: str) -> list[ledger.Entry]:
    """The entries that follow the store's history in its ``/v1/join``, built and signed but
    NOT committed (the device commits them once the hub accepted them):

    - seq N+1 ``device.join`` by the joining user with their EXISTING keys in the store (no
      new pair), the invitation's signature over (invitation, device, user, keys), and
      ``pre_org: {size: N, head: <entry hash of N>, cases: [the store's case numbers]}``;
    - seq N+2 ``handle.reindex`` when the store holds contacts: one put per contact, its
      ``handle`` the digest under the organisation's handle-index key, which the invitation
      sealed to the code (``key_id`` names it).

    Each is signed by the user's key over the store's Merkle root after it, linked to the
    store's head, as ``Session.write`` would sign it."""
    conn, user = session.conn, session.user.name
    hashes = [str(r[0]) for r in conn.execute("SELECT entry_hash FROM ledger ORDER BY seq")]
    keys = conn.execute("SELECT public_key, wrap_key FROM users WHERE name = ?", (user,)).fetchone()
    public, wrap = str(keys["public_key"]), str(keys["wrap_key"] or "")
    message = invites.join_message(plan.invite_id, plan.device_id, user, public, wrap)
    at = session.now()
    join_payload: dict[str, Any] = {
        "invite_id": plan.invite_id,
        "device_id": plan.device_id,
        "public_key": public,
        "wrap_key": wrap,
        "invite_signature": org_ledger.invite_key(code).sign(message).hex(),
        "pre_org": {"size": len(hashes), "head": hashes[-1], "cases": list(plan.cases)},
        "rows": [
            put(
                "users",
                {"name": user, "role": plan.role, "public_key": public, "active": 1,
                 "wrap_key": wrap},
            ).as_json(),
            put(
                "invites",
                {"id": plan.invite_id, "status": authority.INVITE_USED, "closed_by": user,
                 "closed_at": at, "device_id": plan.device_id},
            ).as_json(),
        ],
    }  # fmt: skip
    built = [_signed(session, hashes, at, "device.join", join_payload)]
    # every contact the store holds, whatever the joining user's role (an admin owning the
    # store reads no contacts through the services, but holds the case keys that open them)
    held = [
        case_keys.open_contact_row(session, row)
        for row in conn.execute("SELECT * FROM contacts ORDER BY id")
    ]
    if held:
        key = _org_handle_key(session, plan, code)
        reindex = {
            "key_id": ck.key_id(key),
            "rows": [
                put(
                    "contacts", {"id": c["id"], "handle": ck.handle_index(key, str(c["handle"]))}
                ).as_json()
                for c in held
            ],
        }
        built.append(_signed(session, hashes, at, "handle.reindex", reindex))
    return built


def _signed(
    session: Session, hashes: list[str], at: str, action: str, payload: dict[str, Any]
) -> ledger.Entry:
    """The store's next entry (after ``hashes``, which it then joins), signed through the
    checkpoint it closes."""
    entry = ledger.unsigned_entry(
        seq=len(hashes) + 1,
        at=at,
        actor=session.user.name,
        action=action,
        payload=payload,
        prev=hashes[-1],
    )
    hashes.append(entry.entry_hash)
    tree = merkle.CompactRange()
    for entry_hash in hashes:
        tree.append(merkle.leaf_hash(bytes.fromhex(entry_hash)))
    note = ledger.checkpoint_note(session.folder.store_id, tree.size, tree.root_hash().hex())
    return entry.signed(session.sign(signing.CHECKPOINT_CONTEXT, note.encode()))


def _org_handle_key(session: Session, plan: ExistingJoin, code: str) -> bytes:
    """The organisation's handle-index key that the invitation sealed to the code."""
    for item in plan.history:
        if item.entry.action != "user.invite" or item.verdict:
            continue
        payload = json.loads(item.entry.payload)
        sealed = payload.get("handle_key")
        if payload.get("invite_id") == plan.invite_id and isinstance(sealed, dict):
            return ck.open_wrap(
                plan.org_domain,
                case_keys.ORG_HANDLE_KEY,
                session.user.name,
                org_ledger.invite_wrap_key(code),
                bytes.fromhex(str(sealed["sealed"])),
            )
    raise NotFound(_said("join.no_handle_key"))
