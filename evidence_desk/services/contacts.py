"""Contacts and the four-eyes approval that gates them.

Seed practice: nobody accepts a debtor's friend request, or uses any new chat channel, without a
supervisor's approval with the reason recorded; the debtor first gives proof of identity and a
debt confirmation; one matter per chat; an abusive channel is closed at once.

States: ``requested -> approved | rejected``, ``approved -> revoked``; an approval may expire.
Every rule is checked here, in the service both the GUI and the CLI call, and every refusal
raises RuleViolation naming the rule before anything is written.

An approval is also the supervisor's *cosignature* of the checkpoint that first contained the
request: the decision entry carries the request's entry hash, the digests of the documents the
supervisor saw and a signature over that checkpoint, all of which ``verify`` re-checks.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from evidence_desk.domain import authority
from evidence_desk.domain.authority import (
    ACTIVE,
    DOCUMENT_ROLES,
    REQUIRED_FOR_APPROVAL,
    ContactStatus,
    Violation,
)
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, signing
from evidence_desk.services import case_keys, org_history
from evidence_desk.services import settings as settings_service
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.originals import SealedOriginal, blob_rows, new_id, seal_paths
from evidence_desk.services.replay import DeviceLedger, Replay
from evidence_desk.services.session import DatabaseState, RowChange, Session, put

CHANNELS = ("wechat", "whatsapp", "telegram", "line", "sms", "phone")
RELATIONS = ("debtor", "guarantor", "other")
INITIATORS = ("debtor", "staff")
__all__ = [
    "ACTIVE",
    "CHANNELS",
    "DOCUMENT_ROLES",
    "INITIATORS",
    "RELATIONS",
    "REQUIRED_FOR_APPROVAL",
    "Contact",
    "ContactStatus",
    "Item",
]

_said = Catalogue(
    {
        **COMMON_WORDING,
        "contact.no_contact": "no contact {contact}",
        "contact.no_case": "no case {case}",
        "contact.handle_required": "the account handle or number is required",
        "contact.reason_required": "a reason is required for every contact request",
        "contact.other_needs_justification": "collection may address only the debtor and "
        "guarantor: a contact with relation 'other' needs a justification",
        "contact.document_role": "role must be one of {choices}",
        "contact.request_entry_missing": "the request entry of contact {contact} is missing from "
        "the ledger",
        "contact.checkpoint_missing": "the checkpoint of contact {contact}'s request is missing",
        "contact.reject_note": "a rejection needs a note saying why",
        "contact.revoke_note": "revoking a contact needs a note saying why",
        # verify findings and their locations
        "contact.where_entry": "ledger seq {seq}",
        "contact.cosigned_root": "the approval cosigns a checkpoint that does not match the ledger",
        "contact.cosigned_by_other": "the cosignature is not {user}'s",
        "contact.request_reference": "the approval does not reference its request entry correctly",
    }
)


def _refuse(violation: Violation | None) -> None:
    """A record rule of the rule table (domain/authority.py), refused before anything is
    sealed or written; the write path runs the same rule again inside the transaction."""
    if violation is not None:
        raise RuleViolation(violation.rule, violation.detail)


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    case_no: str
    channel: str
    handle: str
    display_name: str
    relation: str
    relation_justification: str
    initiated_by: str
    reason: str
    consent: str
    flags: str
    status: str
    requested_by: str
    requested_at: str
    decided_by: str | None
    decided_at: str | None
    decision_note: str | None
    expires_at: str | None
    revoked_by: str | None
    revoked_at: str | None
    revoke_note: str | None

    @property
    def flag_list(self) -> list[str]:
        return [f for f in self.flags.split(",") if f]

    def standing(self, now_iso: str) -> str:
        """The status a user should see at ``now_iso``: an approval past its expiry reads
        "expired" (the stored status stays "approved"; the expiry is enforced on use)."""
        if (
            self.status == ContactStatus.APPROVED
            and self.expires_at is not None
            and now_iso >= self.expires_at
        ):
            return "expired"
        return self.status


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    contact_id: str
    role: str
    sha256: str
    file_name: str
    added_by: str
    added_at: str


# -- reading ------------------------------------------------------------------------------------


def get_contact(session: Session, contact_id: str) -> Contact:
    session.require(Action.CONTACT_READ)
    row = session.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise NotFound(_said("contact.no_contact", contact=contact_id))
    return Contact(**case_keys.open_contact_row(session, row))


def list_contacts(
    session: Session, *, status: str | None = None, case_no: str | None = None
) -> list[Contact]:
    session.require(Action.CONTACT_READ)
    sql, args = "SELECT * FROM contacts WHERE 1 = 1", []
    if status:
        sql += " AND status = ?"
        args.append(status)
    if case_no:
        sql += " AND case_no = ?"
        args.append(case_no)
    rows = session.conn.execute(sql + " ORDER BY requested_at, id", args).fetchall()
    return [Contact(**case_keys.open_contact_row(session, r)) for r in rows]


def contact_items(session: Session, contact_id: str) -> list[Item]:
    session.require(Action.CONTACT_READ)
    rows = session.conn.execute(
        "SELECT * FROM items WHERE contact_id = ? ORDER BY added_at, rowid", (contact_id,)
    ).fetchall()
    # the file names are sealed under the case key (services/case_keys.py)
    return [Item(**case_keys.open_item_row(session, r)) for r in rows]


# -- requesting ---------------------------------------------------------------------------------


def request_contact(
    session: Session,
    *,
    case_no: str,
    channel: str,
    handle: str,
    display_name: str,
    reason: str,
    relation: str = "debtor",
    relation_justification: str = "",
    initiated_by: str = "debtor",
    consent: bool = False,
    documents: Sequence[tuple[str, Path]] = (),
) -> Contact:
    """Ask to add a contact. ``documents`` are (role, path) pairs, role in DOCUMENT_ROLES."""
    session.require(Action.CONTACT_REQUEST)
    handle = handle.strip()
    if channel not in CHANNELS:
        raise BadInput("channel", channel, _said("input.one_of", choices=", ".join(CHANNELS)))
    if relation not in RELATIONS:
        raise BadInput("relation", relation, _said("input.one_of", choices=", ".join(RELATIONS)))
    if initiated_by not in INITIATORS:
        raise BadInput(
            "initiated_by", initiated_by, _said("input.one_of", choices=", ".join(INITIATORS))
        )
    if not handle:
        raise BadInput("handle", "", _said("contact.handle_required"))
    if not reason.strip():
        raise RuleViolation("contact.reason", _said("contact.reason_required"))
    if relation == "other" and not relation_justification.strip():
        raise RuleViolation("CC-3", _said("contact.other_needs_justification"))
    for role, _path in documents:
        if role not in DOCUMENT_ROLES:
            raise BadInput(
                "document", role, _said("contact.document_role", choices=", ".join(DOCUMENT_ROLES))
            )
    case = session.conn.execute("SELECT status FROM cases WHERE case_no = ?", (case_no,)).fetchone()
    if case is None:
        raise NotFound(_said("contact.no_case", case=case_no))
    _check_one_matter_per_chat(session, channel, handle, case_no)
    sealed = seal_paths(session, case_no, [path for _role, path in documents])
    flags = []
    if relation == "other":
        flags.append("CC-3:relation_other")
    if channel not in ("phone", "sms") and not consent:
        flags.append("CC-4:no_consent")
    contact_id = new_id("K")
    now = session.now()
    row = {
        "id": contact_id,
        "case_no": case_no,
        "channel": channel,
        "display_name": display_name.strip(),
        "relation": relation,
        "relation_justification": relation_justification.strip(),
        "initiated_by": initiated_by,
        "reason": reason.strip(),
        "consent": "yes" if consent else "no",
        "flags": ",".join(flags),
        "status": ContactStatus.REQUESTED.value,
        "requested_by": session.user.name,
        "requested_at": now,
        "decided_by": None,
        "decided_at": None,
        "decision_note": None,
        "expires_at": None,
        "revoked_by": None,
        "revoked_at": None,
        "revoke_note": None,
    }
    # the contact's personal columns are sealed under the case key, the handle too (its keyed
    # digest stays in ``handle`` for the one-matter rule): services/case_keys.py
    key = case_keys.case_key(session, case_no)
    row.update(case_keys.contact_handle(session, handle))
    if key is not None:
        row = case_keys.seal_fields(session, "contacts", contact_id, case_no, key, row)
    rows: list[RowChange] = [*blob_rows(sealed, "document"), put("contacts", row)]
    roles = [role for role, _ in documents]
    items = _item_rows(session, case_no, contact_id, zip(roles, sealed, strict=True), now)
    rows += items
    session.write(
        "contact.request",
        {
            "contact_id": contact_id,
            "case_no": case_no,
            "channel": channel,
            "documents": _file_records(items, sealed, roles),
        },
        rows,
    )
    return get_contact(session, contact_id)


def _check_one_matter_per_chat(session: Session, channel: str, handle: str, case_no: str) -> None:
    """Refused before the documents are sealed; the write path checks it again under the lock."""
    _refuse(
        authority.one_matter(
            DatabaseState(session.conn, session.handle_index),
            channel,
            handle,
            case_no,
            _iso(session.clock()),
        )
    )


def _item_rows(
    session: Session,
    case_no: str,
    contact_id: str,
    docs: Iterable[tuple[str, SealedOriginal]],
    now: str,
) -> list[RowChange]:
    """The items of ``docs``, each file name sealed under the case key (services/case_keys.py);
    :func:`_file_records` puts the same sealed names in the entry's payload."""
    return [
        put(
            "items",
            case_keys.seal_item_fields(
                session,
                case_no,
                {
                    "id": new_id("I"),
                    "contact_id": contact_id,
                    "role": role,
                    "sha256": s.digests.sha256,
                    "file_name": s.file_name,
                    "added_by": session.user.name,
                    "added_at": now,
                },
            ),
        )
        for role, s in docs
    ]


def _file_records(
    items: Sequence[RowChange], sealed: Sequence[SealedOriginal], roles: Sequence[str] | None
) -> list[dict[str, object]]:
    """What the entry's payload says of each file: its digests and size, its name as its item
    row holds it (sealed), and its role when ``roles`` is given."""
    out: list[dict[str, object]] = []
    for index, (item, s) in enumerate(zip(items, sealed, strict=True)):
        record: dict[str, object] = {} if roles is None else {"role": roles[index]}
        out.append({**record, **s.as_json(), "file_name": item.row["file_name"]})
    return out


# -- deciding -----------------------------------------------------------------------------------


def _require_decider(session: Session, contact: Contact) -> None:
    session.require(Action.CONTACT_DECIDE)
    _refuse(authority.four_eyes(dataclasses.asdict(contact), session.user.name))


def _require_state(contact: Contact, action: str) -> None:
    _refuse(authority.decision_state(dataclasses.asdict(contact), action))


def _request_entry(session: Session, contact_id: str) -> tuple[str | None, ledger.Entry]:
    """The request's entry, and the device that wrote it when that is another device of the
    organisation (a staff laptop's request decided on the supervisor's: issue 19). Looked for
    newest first: a decision is mostly of a recent request, and one contact has one request
    entry (a second is refused), so the order changes only how many are read (all of them,
    oldest first, was 27 ms an approval at 2,000 requests). Another device's is asked for
    exactly, one row (``LIMIT 1``): a cursor reads a row ahead of the one it returns, and
    as only one entry passes the filter, that read ahead went on through every request to
    the oldest (17 % of a supervisor's device time late in a 500-laptop day)."""
    for r in session.conn.execute(
        f"SELECT {ledger.ENTRY_COLUMNS} FROM ledger WHERE action = 'contact.request' "
        "ORDER BY seq DESC"
    ):
        if json.loads(r["payload"]).get("contact_id") == contact_id:
            return None, ledger.Entry._make(r)
    for r in session.conn.execute(
        "SELECT device_id, seq FROM device_entries WHERE action = 'contact.request' "
        "AND verdict = '' AND instr(payload, ?) > 0 AND CASE WHEN json_valid(payload) "
        "THEN json_extract(payload, '$.contact_id') END = ? ORDER BY org_seq DESC LIMIT 1",
        (json.dumps(contact_id), contact_id),
    ):
        device = str(r["device_id"])
        entry = org_history.device_entry(session.conn, device, int(r["seq"]))
        if entry is not None and org_history.payload_of(entry).get("contact_id") == contact_id:
            return device, entry
    raise NotFound(_said("contact.request_entry_missing", contact=contact_id))


def _request_checkpoint(
    session: Session, device: str | None, request: ledger.Entry
) -> tuple[int, str] | None:
    """(size, root) of the checkpoint that first held the request, on its own device."""
    if device is not None:
        root = org_history.root_at(session.conn, device, request.seq)
        return None if root is None else (request.seq, root)
    row = session.conn.execute(
        "SELECT size, root FROM checkpoints WHERE size = ?", (request.seq,)
    ).fetchone()
    return None if row is None else (int(row["size"]), str(row["root"]))


def approve(session: Session, contact_id: str, note: str = "") -> Contact:
    session.require(Action.CONTACT_DECIDE)  # before reading: the refusal names this rule
    contact = get_contact(session, contact_id)
    _require_decider(session, contact)
    _require_state(contact, "contact.approve")
    _refuse(authority.documents_on_file(DatabaseState(session.conn), contact.id))
    device, request = _request_entry(session, contact_id)
    checkpoint = _request_checkpoint(session, device, request)
    if checkpoint is None:
        raise NotFound(_said("contact.checkpoint_missing", contact=contact_id))
    size, root = checkpoint
    note_text = ledger.checkpoint_note(device or session.folder.store_id, size, root)
    cosignature = session.sign(signing.COSIGN_CONTEXT, note_text.encode())
    documents = [i.sha256 for i in contact_items(session, contact_id)]
    now_dt = session.clock()
    days = settings_service.get_int(session, "approval_expiry_days")
    expires = (now_dt + timedelta(days=days)) if days > 0 else None
    now = session.now()
    sealed_note = _sealed_note(session, contact, "decision_note", note)
    changes = {
        "id": contact_id,
        "status": ContactStatus.APPROVED.value,
        "decided_by": session.user.name,
        "decided_at": now,
        "decision_note": sealed_note,
        "expires_at": None if expires is None else _iso(expires),
    }
    session.write(
        "contact.approve",
        {
            "contact_id": contact_id,
            "request_entry_hash": request.entry_hash,
            "request_seq": request.seq,
            "documents_seen": documents,
            "note": sealed_note,
            "cosignature": {
                "size": size,
                "root": root,
                "signature": cosignature,
                # a request of another device: its checkpoint is that device's
                **({} if device is None else {"device": device}),
            },
        },
        [put("contacts", changes)],
    )
    return get_contact(session, contact_id)


def _sealed_note(session: Session, contact: Contact, column: str, note: str) -> str:
    """A decision's or revocation's note sealed under the case's key: the same ciphertext in
    the row and in the entry's payload (the row is what readers open; the payload is what a
    hub holds)."""
    return case_keys.seal_value(
        session, contact.case_no, "contacts", contact.id, column, note.strip()
    )


def reject(session: Session, contact_id: str, note: str) -> Contact:
    session.require(Action.CONTACT_DECIDE)  # before reading: the refusal names this rule
    contact = get_contact(session, contact_id)
    _require_decider(session, contact)
    if not note.strip():
        raise RuleViolation("contact.note", _said("contact.reject_note"))
    _require_state(contact, "contact.reject")
    _device, request = _request_entry(session, contact_id)
    now = session.now()
    sealed_note = _sealed_note(session, contact, "decision_note", note)
    session.write(
        "contact.reject",
        {
            "contact_id": contact_id,
            "request_entry_hash": request.entry_hash,
            "note": sealed_note,
            "documents_seen": [i.sha256 for i in contact_items(session, contact_id)],
        },
        [
            put(
                "contacts",
                {
                    "id": contact_id,
                    "status": ContactStatus.REJECTED.value,
                    "decided_by": session.user.name,
                    "decided_at": now,
                    "decision_note": sealed_note,
                },
            )
        ],
    )
    return get_contact(session, contact_id)


def revoke(session: Session, contact_id: str, note: str) -> Contact:
    """Close the channel: from this moment no evidence is added to the contact (imports and
    attachments are refused); what was stored before stays, and the conduct check flags its
    messages dated after the revocation."""
    session.require(Action.CONTACT_DECIDE)
    contact = get_contact(session, contact_id)
    _require_decider(session, contact)
    if not note.strip():
        raise RuleViolation("contact.note", _said("contact.revoke_note"))
    _require_state(contact, "contact.revoke")
    now = session.now()
    sealed_note = _sealed_note(session, contact, "revoke_note", note)
    session.write(
        "contact.revoke",
        {"contact_id": contact_id, "note": sealed_note},
        [
            put(
                "contacts",
                {
                    "id": contact_id,
                    "status": ContactStatus.REVOKED.value,
                    "revoked_by": session.user.name,
                    "revoked_at": now,
                    "revoke_note": sealed_note,
                },
            )
        ],
    )
    return get_contact(session, contact_id)


# -- using --------------------------------------------------------------------------------------


def require_usable(session: Session, contact: Contact) -> None:
    """Evidence may be added only to an approved, unexpired, unrevoked contact.

    The one rule for every way evidence enters a contact (imports, attachments; the GUI asks it
    too, to say why its import action is off): a supervisor's approval is the permission to
    gather evidence over that channel, so once it is revoked or has lapsed nothing more goes in
    until a supervisor approves again. It is the rule table's (domain/authority.py ``usable``),
    which the write path runs again inside the transaction and ``verify`` replays. A pending
    request's supporting documents are the one exception, handled by ``attach_documents``.
    """
    _refuse(authority.usable(dataclasses.asdict(contact), _iso(session.clock())))


def attach_documents(
    session: Session, contact_id: str, paths: Sequence[Path], role: str = "document"
) -> list[Item]:
    """Attach documents (originals) to a contact: evidence to an approved contact, or the
    request's supporting documents (``role`` in DOCUMENT_ROLES) to a request still pending."""
    session.require(Action.EVIDENCE_ADD)  # before reading: the refusal names this rule
    contact = get_contact(session, contact_id)
    pending_request = contact.status == ContactStatus.REQUESTED and role in DOCUMENT_ROLES

    def allowed(current: Contact) -> None:
        if pending_request and current.status == ContactStatus.REQUESTED:
            return
        require_usable(session, current)

    if pending_request:
        session.require(Action.CONTACT_REQUEST)
    allowed(contact)
    if not paths:
        raise BadInput("files", "", _said("input.no_files"))
    sealed = seal_paths(session, contact.case_no, paths)
    now = session.now()
    items = _item_rows(session, contact.case_no, contact_id, [(role, s) for s in sealed], now)
    rows = [*blob_rows(sealed, "document"), *items]

    # the write path judges the entry again inside the transaction (the rule table's
    # evidence rule): a decision or the expiry may have landed while the files were sealed
    session.write(
        "evidence.attach",
        {"contact_id": contact_id, "role": role, "files": _file_records(items, sealed, None)},
        rows,
    )
    ids = {str(r.row["id"]) for r in rows if r.table == "items"}
    return [i for i in contact_items(session, contact_id) if i.id in ids]


def _iso(moment: datetime) -> str:
    from evidence_desk.services.clock import rfc3339

    return rfc3339(moment)


# -- verification of cosignatures ---------------------------------------------------------------


def check_cosignatures(session: Session, replay: Replay) -> Iterable[Finding]:
    """Every approval cosigns the checkpoint that first held its request, with the approver's
    key: this device's approvals, and those of the organisation's other devices it holds
    (signed with the key the replay held for their writer there)."""
    own = session.folder.store_id
    keys: dict[str, str] = {}
    for entry, payload in zip(replay.entries, replay.payloads, strict=True):
        if not isinstance(payload, dict):
            continue
        # an entry that breaks the rule table (reported there) changes no key
        for change in () if entry.seq in replay.rejected else payload.get("rows", []):
            if change.get("table") == "users" and "public_key" in change.get("row", {}):
                keys[change["row"]["name"]] = change["row"]["public_key"]
        if entry.action == "contact.approve":
            where = _said("contact.where_entry", seq=entry.seq)
            yield from _cosignature(replay, own, own, entry, payload, keys.get(entry.actor), where)
    for device, held in replay.devices.items():
        for entry in held.entries:
            if entry.action == "contact.approve":
                where = org_history.where_device(device, entry.seq)
                payload = org_history.payload_of(entry)
                signer = held.signers.get(entry.seq)
                yield from _cosignature(replay, own, device, entry, payload, signer, where)


def _cosignature(
    replay: Replay,
    own: str,
    writer: str,
    entry: ledger.Entry,
    payload: Any,
    key: str | None,
    where: str,
) -> Iterable[Finding]:
    """One approval's cosignature, over the request's device's checkpoint (``writer``'s own,
    unless the payload names another device of the organisation)."""
    if not isinstance(payload, dict):
        return
    cosig = payload.get("cosignature") or {}
    size = cosig.get("size")
    device = str(cosig.get("device") or writer)
    requests, roots = replay.entries, replay.roots
    if device != own:
        held = replay.devices.get(device, DeviceLedger())
        requests, roots = held.entries, held.roots
    if not isinstance(size, int) or roots.get(size) != cosig.get("root"):
        yield Finding("approval.cosignature_root", where, _said("contact.cosigned_root"))
        return
    note = ledger.checkpoint_note(device, size, cosig["root"])
    if not signing.verify(
        key or "", signing.COSIGN_CONTEXT, note.encode(), str(cosig.get("signature", ""))
    ):
        yield Finding(
            "approval.cosignature", where, _said("contact.cosigned_by_other", user=entry.actor)
        )
    request_seq = payload.get("request_seq")
    if (
        not isinstance(request_seq, int)
        or not 1 <= request_seq <= len(requests)
        or (requests[request_seq - 1].entry_hash != payload.get("request_entry_hash"))
    ):
        yield Finding("approval.request", where, _said("contact.request_reference"))
