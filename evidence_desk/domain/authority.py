"""The rule table: what each ledger action may change, and who may write it at that point.

A signature proves who wrote an entry, not that they were allowed to. An insider who knows
their own password holds their own signing key and the store's data key: they can append a
well-signed entry through their own code, skipping every check the services make. So the rules
are stated once, here, as data plus a few record rules, and run by two callers with the same
code:

- ``Session.write`` runs :func:`check` inside the write transaction, against the database as it
  stands, before the entry is appended: a service, script or UI that forgot a check is refused.
- ``verify`` runs :func:`check` for every entry, against the state replayed from the entries
  before it (the actor's role and active flag *as of that entry*, the contact's status then):
  an entry written around the write path is reported with its seq and the rule it breaks.

Every action declares its payload (required keys and their types) and exactly which rows and
columns of which projected tables it may put; ``bind`` ties a column to the actor, to a payload
value or to a constant (``contact.approve`` may set the decision columns of the one contact its
payload names, to "approved", decided by the actor, and nothing else). No action deletes rows.
Only ``store.init`` and the admin's ``user.*`` entries touch ``users``: a public key changes
only there, so every signature is checked against the key the ledger held at that entry.

The record rules (four-eyes, documents on file, evidence only for a usable contact, one matter
per chat) are functions of a :class:`State`; the services call the same functions for their
early refusals (before sealing files), so there is one copy of each rule.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from evidence_desk.domain import invites, pipl, retention, shredding
from evidence_desk.domain import records_key as rk
from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import PERMISSIONS, Action, denial
from evidence_desk.domain.wording import Catalogue, Phrase, sealed_json

_said = Catalogue(
    {
        "authority.unknown_action": "{action} is not an action of this application",
        "authority.payload_not_object": "the payload is not a JSON object",
        "authority.payload_field": "payload field {field} is missing or not {kind}",
        "authority.init_only_first": "store.init may only be the first entry",
        "authority.first_is_init": "the first entry must be store.init",
        "authority.init_in_org": "store.init may only found an organisation, not start a second "
        "one beside its users",
        # -- the organisation (issue 19) --
        "invite.user_exists": "{user} is already a user of the organisation",
        "invite.open_exists": "{user} already has an open invitation ({invite})",
        "invite.unknown": "no invitation {invite}",
        "invite.not_open": "invitation {invite} is {status}, not open",
        "invite.other_user": "invitation {invite} is for {user}, not {actor}",
        "invite.role": "invitation {invite} is for role {role}, not {given}",
        "invite.signature": "the join is not signed by the key of invitation {invite}",
        "invite.join_first": "device.join must be the first entry of its device",
        "invite.join_after_history": "a device.join with the store's history must follow "
        "that history ({size} entries), not be entry {seq}",
        # -- joining with an existing store (issue 19): the entry after its device.join --
        "reindex.not_after_join": "handle.reindex may only be written by the user who joined "
        "this device with its history, as the entry right after that device.join",
        "reindex.contacts": "handle.reindex must put every contact of the device's history "
        "before joining exactly once, and no other ({contact})",
        "reindex.digest": "handle.reindex must put a handle digest (hx1:) for contact {contact}",
        "invite.device": "the join names device {named}, but it is an entry of device {device}",
        # -- retiring a lost or stale laptop (issue 20 item 6) --
        "retire.unknown_device": "{device} is not a device that joined the organisation",
        "retire.own_device": "device {device} may not retire itself: an admin on another "
        "device retires it",
        "retire.twice": "device {device} was already retired by {by} at {at}",
        "retire.reason": "{reason} is not a reason to retire a device (lost, stolen, replaced, "
        "left)",
        "retire.final_size": "the final size of device {device} must be the {held} entries the "
        "organisation holds of it here, not {size}",
        "retire.retired": "device {device} was retired by {by} at {at} ({reason}) with {size} "
        "entries: its entry {seq} does not stand",
        "authority.unknown_actor": "{actor} is not a user of this store at this point",
        "authority.inactive_actor": "{actor} was deactivated before this entry",
        "authority.rows_not_list": "the row changes are not a list",
        "authority.row_malformed": "a row change is malformed",
        "authority.table_forbidden": "{action} may not change table {table}",
        "authority.op_forbidden": "{action} may not {op} rows of {table}",
        "authority.columns_forbidden": "{action} may not set these columns of {table}: {columns}",
        "authority.columns_missing": "{action} must give these columns of a new "
        "{table} row: {columns}",
        "authority.row_exists": "{action} may only add new {table} rows; {key} exists",
        "authority.row_unknown": "{action} may only change existing {table} rows; {key} does not "
        "exist",
        "authority.bound_column": "{table}.{column} must be {expected}, not {value}",
        "authority.one_row": "{action} must change exactly one {table} row",
        "ocr.item_unknown": "item {item} is not a screenshot of contact {contact} with the "
        "original {sha256}",
        "authority.blob_unknown": "item {item} names an original ({sha256}) that is not on record",
        "case_blob.case": "a copy of an original is put for case {case}, not the entry's case",
        "case_blob.twice": "two copies of one original are put for case {case}",
        "authority.own_account": "{action} may not be applied to one's own account ({user})",
        "authority.admin_role": "the first user must be an admin",
        "authority.not_own_password": "only {user} may change {user}'s password this way",
        "authority.role_unknown": "{role} is not a role",
        # -- PAdES signatures of the filed PDF (issue 21 item 1) --
        "signing.not_own": "{actor} may import a signing certificate only for themselves, not "
        "for {user}",
        "signing.not_legal": "{user} is not an active legal user: only they sign bundles",
        "authority.chronology": "{column} ({value}) is before the request ({requested_at})",
        "authority.stamp_ahead": "the time stamp covers checkpoint {size}, which is not before "
        "this entry",
        "authority.after_entry": "{column} ({value}) is after the entry that records it ({at})",
        "authority.tag_removed": "tag {tag} was already withdrawn",
        "authority.ack_detail": "the acknowledged finding's detail is neither a conduct code "
        "with its facts nor an earlier release's text",
        "authority.not_own_tag": "field staff may withdraw only their own tags; {tag} is "
        "{created_by}'s",
        "authority.tag_contact": "the tag's case and contact do not match contact {contact}",
        "authority.document_role": "only the request's documents may be attached to a pending "
        "request, not {role}",
        "authority.request_documents_role": "a request's documents must have a document role, "
        "not {role}",
        # -- per-case keys (issue 18 item 1) --
        "case_key.actor_not_reader": "{actor} may not hold the cases' keys, so may not wrap them",
        "case_key.wrap_malformed": "a case key wrap is malformed",
        "case_key.not_entitled": "a key of case {case} was wrapped for {user} (role {role}), who "
        "may not read it",
        "case_key.wrong_key": "a key of case {case} was wrapped under a key the ledger does not "
        "hold for {user}",
        "case_key.two_keys": "two different keys were wrapped for case {case} in one entry",
        "case_key.not_sealed": "the migration put a personal column of {row} that is not sealed",
        # -- the organisation's records key (issue 20) --
        "records_key.not_sealed": "{field} is in clear, but the organisation's records key is "
        "on record: it must be sealed to it",
        "records_key.wrap_other": "a records key entry may wrap only the records key, not the "
        "key of {case}",
        "records_key.key_id": "the records key entry's wraps name another key than it does",
        "records_key.public_key": "the records key's public key is not an X25519 key (64 hex "
        "digits)",
        "settings.reserved": "setting {key} is reserved: only its own action may put it",
        # -- retention and legal hold (issue 18 item 2) --
        "retention.no_case": "no case {case}",
        "retention.reason_required": "a reason is required",
        "unmask.reason_required": "printing account numbers in clear needs a reason",
        "redaction.payload_malformed": "the export's redaction record is malformed: {field}",
        "retention.closed_once": "case {case} was already closed at {closed_at}",
        "retention.hold_active": "case {case} is already under legal hold {hold} (placed by "
        "{placed_by}); lift it first",
        "retention.hold_not_active": "hold {hold} is not in force (lifted by {lifted_by})",
        "retention.no_hold": "no hold {hold} on case {case}",
        "retention.floor_low": "{setting} must be a whole number of years, at least {minimum} "
        "(CC-9), not {value}",
        "retention.cap_low": "{setting} must be a whole number of years, at least the retention "
        "floor ({floor}), not {value}",
        "retention.floor_above_cap": "{setting} ({value}) may not exceed the retention cap ({cap})",
        "retention.closure_years": "the closure of case {case} must use the retention settings "
        "in force (floor {floor}, cap {cap}), not floor {used_floor}, cap {used_cap}",
        "retention.deletion_date": "the deletion date of case {case} must be {expected}, not "
        "{value}",
        # the closure's last record is not the case's (a closure written on a device that had
        # not pulled a later import): the dates may well agree, the last record does not
        "retention.last_record": "the closure of case {case} records its last record at "
        "{value}, but the case's last record is at {expected}",
        "retention.closure_dates": "the closure of case {case} records its last record at "
        "{value_last} and its deletion date {value}, but the case's last record is at "
        "{expected_last} and its deletion date must be {expected}",
        # -- shredding (issue 18 item 3) --
        "shred.held": "case {case} is under legal hold {hold} (placed by {placed_by}); nothing "
        "may be deleted until it is lifted",
        "shred.floor": "case {case}'s records must be kept until {floor_until} (retention floor, "
        "CC-9)",
        "shred.open": "case {case} is not closed: it has no deletion date yet (a deletion request "
        "is basis request)",
        "shred.not_due": "case {case} may be deleted from {delete_after}, not before",
        "shred.basis": "the basis of a shredding must be expired or request, not {basis}",
        "shred.done": "case {case} was shredded at {shredded_at}: nothing more may be written "
        "about it",
        "shred.request_digest": "the request document's digest must be a SHA-256 (64 hex digits) "
        "or null, not {value}",
        "shred.at": "the shredding is dated {value}, after its ledger entry ({at})",
        # the record rules the services also refuse with (same codes, same words)
        "contact.no_contact": "no contact {contact}",
        "contact.no_case": "no case {case}",
        "contact.other_matter": "{channel} {handle} is already {status} on case {case} "
        "(contact {contact}); close it there first",
        "contact.duplicate": "{channel} {handle} already has an active contact on this case "
        "({contact}, {status})",
        "contact.own_request": "nobody may decide their own contact request; another supervisor "
        "must",
        # ``documents`` is the English list; ``roles`` the same as comma-separated item roles
        "contact.documents_missing": "contact {contact} cannot be approved without the debtor's "
        "{documents}: the requester must attach them first",
        "contact.not_requested_approve": "contact {contact} is {status}, only a requested contact "
        "can be approved",
        "contact.not_requested_reject": "contact {contact} is {status}, only a requested contact "
        "can be rejected",
        "contact.not_approved_revoke": "contact {contact} is {status}, only an approved contact "
        "can be revoked",
        "contact.not_approved": "contact {contact} is {status}: evidence can be added only to a "
        "contact that a supervisor has approved and not revoked; ask a supervisor for a new "
        "approval",
        "contact.expired": "the approval of contact {contact} expired at {expires_at}: no "
        "evidence can be added; ask a supervisor for a new approval",
    },
    also={"contact.documents_missing": ("roles",)},
)


class ContactStatus(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVOKED = "revoked"


#: a contact in one of these states holds its channel+handle (one matter per chat)
ACTIVE = (ContactStatus.REQUESTED.value, ContactStatus.APPROVED.value)
DOCUMENT_ROLES = ("identity_proof", "debt_confirmation", "friend_request", "consent")
#: what the debtor must have given before a supervisor may approve (seed practice, EV-6)
REQUIRED_FOR_APPROVAL = ("identity_proof", "debt_confirmation")
#: the case columns ``case.edit`` may change (who created a case, and when, never changes)
CASE_EDITABLE = (
    "debtor_name",
    "debtor_id_number",
    "loan_ref",
    "product",
    "amount_overdue",
    "overdue_since",
    "status",
)


class Violation(NamedTuple):
    """One broken rule: ``rule`` names it (stable), ``detail`` says what, as a coded Phrase."""

    rule: str
    detail: Phrase


class State(Protocol):
    """The projected tables as they stood before the entry being judged.

    ``complete`` is False for a bundle's ledger slice, which holds every entry about its case
    and every change to ``users`` but not the rest of the store: rules that need the whole
    store (one matter per chat across cases, originals first recorded for another case) are
    then left to ``verify`` on the store itself."""

    @property
    def complete(self) -> bool: ...

    @property
    def device(self) -> str | None:
        """The store id of the device whose entry is judged (a device joins only as itself),
        None where it is not known (a bundle's slice)."""

    def row(self, table: str, key: object) -> Mapping[str, Any] | None:
        """The row of ``table`` whose (single-column) primary key is ``key``."""

    def rows_where(self, table: str, column: str, value: object) -> Iterable[Mapping[str, Any]]:
        """Every row of ``table`` whose ``column`` equals ``value``."""

    def chat_rows(self, channel: str, key: object) -> Iterable[Mapping[str, Any]]:
        """The ``contacts`` of ``channel`` that may be the chat whose :func:`chat_key` is
        ``key``: those whose ``handle`` is ``key``, and those whose handle is not a keyed
        digest (in clear, a shredded one's marker, none), whose key the caller computes. A
        contact holding another digest is never the chat, so it need not be read: the rule
        over one request reads the chat's contacts, not the channel's (every contact of the
        organisation, at every request and at every replay of one)."""

    def handle_index(self, handle: str) -> str | None:
        """The keyed digest of a chat handle held in clear (store/case_keys.handle_index), or
        None where it cannot be computed (a bundle's slice carries no store key; the rule that
        needs it is left to ``verify`` there)."""

    def pre_org_join(self) -> PreOrgJoin | None:
        """The join with its history of the device whose entry is judged (domain/pre_org.py),
        None when that device joined without one (or is not known)."""

    def device_size(self, device: str) -> int | None:
        """How many entries of ``device`` the organisation holds before the entry judged (its
        last seq placed, refused ones included), None where that is not known (a bundle's
        slice): a retirement's final size is checked against it."""


@dataclass(frozen=True, slots=True)
class PreOrgJoin:
    """A device that joined the organisation with its history (its ``device.join`` at
    ``seq``, by ``actor``): what its ``handle.reindex`` must put, one row per ``contacts``."""

    seq: int
    actor: str
    contacts: frozenset[str]


class ReplayedTables:
    """The rule table's :class:`State` over tables replayed from ledger entries (``verify``
    over a store, ``verify-bundle`` over a slice): table -> {(key,): row}."""

    __slots__ = ("_complete", "_index", "device", "joins", "sizes", "tables")

    def __init__(
        self,
        tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
        *,
        complete: bool = True,
        index: Callable[[str], str] | None = None,
        device: str | None = None,
    ) -> None:
        self.tables = tables
        self._complete = complete
        self._index = index
        # verify's org-order replay sets it to each entry's device before judging it
        self.device = device
        # device -> its join with its history (domain/pre_org.py fills it at the join)
        self.joins: dict[str, PreOrgJoin] = {}
        # device -> how many of its entries are placed so far (device_size), kept by a replay
        # of the organisation's order (verify's, the hub's); None: not kept (a bundle's slice,
        # one store's history)
        self.sizes: Callable[[str], int] | None = None

    @property
    def complete(self) -> bool:
        return self._complete

    def row(self, table: str, key: object) -> dict[str, Any] | None:
        try:
            return self.tables[table].get((key,))
        except TypeError:  # an unhashable key written outside the app
            return None

    def rows_where(self, table: str, column: str, value: object) -> list[dict[str, Any]]:
        return [row for row in self.tables[table].values() if row.get(column) == value]

    def chat_rows(self, channel: str, key: object) -> list[dict[str, Any]]:
        return [
            row
            for row in self.tables["contacts"].values()
            if row.get("channel") == channel and may_be_chat(row.get("handle"), key)
        ]

    def handle_index(self, handle: str) -> str | None:
        return None if self._index is None else self._index(handle)

    def pre_org_join(self) -> PreOrgJoin | None:
        return None if self.device is None else self.joins.get(self.device)

    def device_size(self, device: str) -> int | None:
        return None if self.sizes is None else self.sizes(device)

    def apply(self, payload: Mapping[str, Any]) -> None:
        """Apply an entry's well-formed puts (an entry that keeps the rules has no other)."""
        for change in payload.get("rows", ()):
            table, row = change.get("table"), change.get("row")
            if change.get("op") == "put" and table in self.tables and isinstance(row, dict):
                key = row.get(TABLE_KEYS[table])
                with contextlib.suppress(TypeError):
                    if table in FIRST_STANDS:
                        put_row(self.tables[table], table, (key,), row)
                    else:
                        self.tables[table].setdefault((key,), {}).update(row)


#: columns written once: a put on a row on record never changes them. An original's ``kind``
#: is how the first record used the file; a later record of the same file for another use
#: (``TableRule.usage``) changes nothing, so every device's replay, in any order, and the
#: hub's keep the kind first on record, and no entry rewrites a row on record through it.
FIRST_STANDS: Mapping[str, frozenset[str]] = {"blobs": frozenset({"kind"})}


def put_row(
    rows: dict[tuple[Any, ...], dict[str, Any]],
    table: str,
    key: tuple[Any, ...],
    row: Mapping[str, Any],
) -> None:
    """Apply one put to a replayed table's ``rows``: a new row as given, a row on record
    updated but for the columns written once (:data:`FIRST_STANDS`)."""
    held = rows.get(key)
    if held is None:
        rows[key] = dict(row)
        return
    kept = FIRST_STANDS.get(table, frozenset())
    held.update((column, value) for column, value in row.items() if column not in kept)


def empty_tables() -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    return {table: {} for table in TABLE_KEYS}


# -- the record rules: the services refuse with these, before writing -------------------------


def four_eyes(contact: Mapping[str, Any], decider: str) -> Violation | None:
    """Nobody decides (approves, rejects, revokes) their own request."""
    if contact.get("requested_by") == decider:
        return Violation("four-eyes", _said("contact.own_request"))
    return None


def documents_on_file(state: State, contact_id: str) -> Violation | None:
    """The debtor's identity proof and debt confirmation must be on file before approval."""
    present = {row.get("role") for row in state.rows_where("items", "contact_id", contact_id)}
    missing = [role for role in REQUIRED_FOR_APPROVAL if role not in present]
    if not missing:
        return None
    return Violation(
        "contact.documents",
        _said(
            "contact.documents_missing",
            contact=contact_id,
            documents=" and ".join(m.replace("_", " ") for m in missing),
            roles=",".join(missing),
        ),
    )


def usable(contact: Mapping[str, Any], at: str) -> Violation | None:
    """Evidence (an import or an attached file) is taken only for a contact approved, unexpired
    and unrevoked at ``at`` (RFC 3339, UTC: such strings order as the instants do)."""
    status = contact.get("status")
    if status != ContactStatus.APPROVED:
        return Violation(
            "contact.approved",
            _said("contact.not_approved", contact=contact.get("id"), status=status),
        )
    expires = contact.get("expires_at")
    if isinstance(expires, str) and at >= expires:
        return Violation(
            "contact.expired",
            _said("contact.expired", contact=contact.get("id"), expires_at=expires),
        )
    return None


#: what a contact's ``handle`` holds once the handle itself is sealed (``handle_text``): its
#: keyed digest, equal across cases for one chat (store/case_keys.py computes it)
HANDLE_INDEX_PREFIX = "hx1:"


def is_handle_index(value: object) -> bool:
    return isinstance(value, str) and value.startswith(HANDLE_INDEX_PREFIX)


def may_be_chat(handle: object, key: object) -> bool:
    """Can a contact holding ``handle`` be the chat whose :func:`chat_key` is ``key``: it holds
    that key, or a handle not digested yet (whose key the caller computes). What
    ``State.chat_rows`` reads."""
    return handle == key or not is_handle_index(handle)


def chat_key(state: State, handle: object) -> object:
    """What two contacts on one channel compare to be the same chat: the handle's keyed
    digest. A handle still in clear (a contact written before handles were sealed, or a
    shredded one's ``[shredded]:<id>`` marker) is digested the same way when the state can
    (verify over a store and the write path can; a bundle's slice cannot and compares as is)."""
    if isinstance(handle, str) and not is_handle_index(handle):
        return state.handle_index(handle) or handle
    return handle


def one_matter(state: State, channel: str, handle: str, case_no: str, at: str) -> Violation | None:
    """One matter per chat (一事一聊): a channel+handle is active on at most one case, once.

    ``handle`` is the handle in clear (the service, which words the refusal with it) or the
    keyed digest a contact row holds (the rule over an entry): both compare by digest, with
    every contact of the channel, whichever form it holds.

    A requested contact and an approval still in force at ``at`` hold the chat; an approval
    that has lapsed does not, so a supervisor can approve a new request for the same chat."""
    wanted = chat_key(state, handle)
    for row in state.chat_rows(channel, wanted):
        if row.get("status") not in ACTIVE or chat_key(state, row.get("handle")) != wanted:
            continue
        expires = row.get("expires_at")
        lapsed = isinstance(expires, str) and at >= expires
        if lapsed and row.get("status") == ContactStatus.APPROVED:
            continue
        if row.get("case_no") != case_no:
            return Violation(
                "one-matter-per-chat",
                _said(
                    "contact.other_matter",
                    channel=channel,
                    handle=handle,
                    status=row.get("status"),
                    case=row.get("case_no"),
                    contact=row.get("id"),
                ),
            )
        return Violation(
            "contact.duplicate",
            _said(
                "contact.duplicate",
                channel=channel,
                handle=handle,
                contact=row.get("id"),
                status=row.get("status"),
            ),
        )
    return None


def decision_state(contact: Mapping[str, Any], action: str) -> Violation | None:
    """Approve and reject take a requested contact; revoke takes an approved one."""
    wanted, code = {
        "contact.approve": (ContactStatus.REQUESTED, "contact.not_requested_approve"),
        "contact.reject": (ContactStatus.REQUESTED, "contact.not_requested_reject"),
        "contact.revoke": (ContactStatus.APPROVED, "contact.not_approved_revoke"),
    }[action]
    if contact.get("status") == wanted:
        return None
    return Violation(
        "contact.state", _said(code, contact=contact.get("id"), status=contact.get("status"))
    )


# -- the table ---------------------------------------------------------------------------------

# A bound column's value: the entry's actor, a payload field, or a constant.
_ACTOR, _PAYLOAD, _CONST = "actor", "payload", "const"
ACTOR = (_ACTOR,)


def from_payload(name: str) -> tuple[str, str]:
    return (_PAYLOAD, name)


def const(value: object) -> tuple[str, object]:
    return (_CONST, value)


@dataclass(frozen=True, slots=True)
class TableRule:
    """What one action may do to one projected table (always ``put``: no action deletes).

    ``new``: True, every row must be new; False, every row must already exist; None, either
    (a setting, a time-stamp authority's configuration). A new row gives every column.
    ``count``: how many rows one entry must put (None: any number)."""

    columns: frozenset[str]
    new: bool | None
    bind: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    count: int | None = None
    # columns a new row may leave out: added by a later migration, absent from older entries
    optional: frozenset[str] = frozenset()
    # ``new`` rows that may also be put again when the row on record is identical (every
    # column given, every value equal): a record of a fact that changes nothing. Two laptops
    # of one case seal the same file offline; each records the original and the case's copy
    # as new, and the second to reach the organisation re-records what it already holds.
    again: bool = False
    # columns of an ``again`` row that say how this record uses the file, not what the file
    # is: a re-record may name another (the same file a request's document on one laptop and
    # an imported original on another); the row on record keeps its own (FIRST_STANDS)
    usage: frozenset[str] = frozenset()
    # derived by ActionRule: the key column, and ``bind`` as (column, source, name or value)
    key: str = ""
    bindings: tuple[tuple[str, str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """What a record rule sees of the entry being judged."""

    seq: int
    at: str
    actor: str
    action: str
    payload: Mapping[str, Any]
    rows: list[Mapping[str, Any]]  # the well-formed puts, in order

    def rows_of(self, table: str) -> list[Mapping[str, Any]]:
        return [change["row"] for change in self.rows if change["table"] == table]


RecordRule = Callable[[State, Entry], Iterable[Violation | None]]


@dataclass(frozen=True, slots=True)
class ActionRule:
    """One action: the permission its actor needs (None: any user, e.g. their own password),
    its payload's required fields, the tables it may put, and its record rules."""

    permission: Action | None
    payload: Mapping[str, type]
    tables: Mapping[str, TableRule]
    record: tuple[RecordRule, ...] = ()
    # derived: the roles the permission allows, the payload's fields and the tables whose row
    # count is fixed, as tuples (verify judges 100k+ entries)
    roles: frozenset[str] | None = None
    fields: tuple[tuple[str, type], ...] = ()
    counted: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if self.permission is not None:
            object.__setattr__(self, "roles", frozenset(PERMISSIONS[self.permission]))
        object.__setattr__(self, "fields", tuple(self.payload.items()))
        object.__setattr__(
            self,
            "counted",
            tuple((t, spec.count) for t, spec in self.tables.items() if spec.count is not None),
        )
        # verify judges 100k+ entries: each table's key column and bindings are looked up
        # once here, not per row
        prepared = {
            table: dataclasses.replace(
                spec,
                key=TABLE_KEYS[table],
                bindings=tuple(
                    (column, source[0], source[1] if len(source) > 1 else None)
                    for column, source in spec.bind.items()
                ),
            )
            for table, spec in self.tables.items()
        }
        object.__setattr__(self, "tables", prepared)


def _columns(names: str) -> frozenset[str]:
    return frozenset(names.split())


_USER_COLUMNS = _columns("name role public_key active wrap_key")
#: per-case keys (migration 8): a user's X25519 public key, absent from entries written before
_WRAP_KEY = frozenset({"wrap_key"})
#: a contact's sealed handle (migration 11), absent from requests written before it
_HANDLE_TEXT = frozenset({"handle_text"})
_BLOB_COLUMNS = _columns("sha256 sm3 size name kind")
# a case's copy of an original, under the case key (issue 18 item 1; services/case_blobs.py)
_CASE_BLOB_COLUMNS = _columns("name case_no sha256")
_ITEM_COLUMNS = _columns("id contact_id role sha256 file_name added_by added_at")
_CASE_COLUMNS = _columns("case_no created_by created_at") | frozenset(CASE_EDITABLE)
CONTACT_COLUMNS = _columns(
    "id case_no channel handle display_name relation relation_justification "
    "initiated_by reason consent flags status requested_by requested_at decided_by "
    "decided_at decision_note expires_at revoked_by revoked_at revoke_note handle_text"
)
_IMPORT_COLUMNS = _columns(
    "id contact_id kind format parser_version file_name sha256 main_member members "
    "timezone "
    "our_account message_count new_messages first_at last_at normalised_sha256 "
    "commitments_root details "
    "imported_by imported_at"
)
_TSA_COLUMNS = _columns("name url hash_alg roots_pem certs_pem timeout_seconds position active")
_TIMESTAMP_COLUMNS = _columns(
    "id checkpoint_size checkpoint_root tsa_name hash_alg gen_time serial_number "
    "policy_oid tsa_subject token request response cert_chain local_time "
    "clock_skew_seconds stamped_by"
)
_TAG_COLUMNS = _columns(
    "id case_no contact_id target_kind message_fingerprint item_id tag note "
    "created_by created_at removed_by removed_at remove_note"
)
_ACK_COLUMNS = _columns(
    "finding_id rule case_no contact_id message_fingerprint detail note acked_by acked_at"
)
# -- retention and legal hold (issue 18 item 2) --
CLOSURE_COLUMNS = _columns(
    "case_no closed_by closed_at reason floor_years cap_years last_record delete_after"
)
HOLD_COLUMNS = _columns("id case_no placed_by placed_at reason lifted_by lifted_at lift_reason")
# -- shredding (issue 18 item 3) --
SHREDDING_COLUMNS = shredding.SHREDDING_COLUMNS
# -- the organisation's invitations (issue 19) --
_INVITE_COLUMNS = _columns(
    "id user role invite_key status created_by created_at closed_by closed_at device_id"
)
# -- retired devices (issue 20 item 6, migration 22) --
RETIRED_COLUMNS = _columns("device_id final_size reason retired_by retired_at")

#: every column of every projected table, as the schema creates it (a test holds them equal)
TABLE_COLUMNS: Mapping[str, frozenset[str]] = {
    "users": _USER_COLUMNS,
    "blobs": _BLOB_COLUMNS,
    "settings": frozenset({"key", "value"}),
    "cases": _CASE_COLUMNS,
    "contacts": CONTACT_COLUMNS,
    "items": _ITEM_COLUMNS,
    "imports": _IMPORT_COLUMNS,
    "tsa_authorities": _TSA_COLUMNS,
    "timestamps": _TIMESTAMP_COLUMNS,
    "tags": _TAG_COLUMNS,
    "conduct_acks": _ACK_COLUMNS,
    # retention and legal hold (issue 18 item 2)
    "case_closures": CLOSURE_COLUMNS,
    "holds": HOLD_COLUMNS,
    # shredding (issue 18 item 3)
    "shreddings": SHREDDING_COLUMNS,
    # PIPL records (issue 18 item 5)
    "processing_records": pipl.PROCESSING_COLUMNS,
    "breach_records": pipl.BREACH_COLUMNS,
    # originals under the case key (issue 18 item 1)
    "case_blobs": _CASE_BLOB_COLUMNS,
    # the organisation's invitations (issue 19)
    "invites": _INVITE_COLUMNS,
    # devices retired by an admin (issue 20 item 6)
    "retired_devices": RETIRED_COLUMNS,
}
TABLE_KEYS: Mapping[str, str] = {
    "users": "name",
    "blobs": "sha256",
    "settings": "key",
    "cases": "case_no",
    "contacts": "id",
    "items": "id",
    "imports": "id",
    "tsa_authorities": "name",
    "timestamps": "id",
    "tags": "id",
    "conduct_acks": "finding_id",
    # retention and legal hold (issue 18 item 2)
    "case_closures": "case_no",
    "holds": "id",
    # shredding (issue 18 item 3)
    "shreddings": "case_no",
    # PIPL records (issue 18 item 5)
    "processing_records": "id",
    "breach_records": "id",
    # originals under the case key (issue 18 item 1)
    "case_blobs": "name",
    # the organisation's invitations (issue 19)
    "invites": "id",
    # devices retired by an admin (issue 20 item 6)
    "retired_devices": "device_id",
}

#: an original and a case's copy of it: new, or the very row already on record (the same file
#: sealed for the same case on two laptops: docs/ARCHITECTURE.md, "The same original twice")
_NEW_BLOBS = TableRule(_BLOB_COLUMNS, new=True, again=True, usage=FIRST_STANDS["blobs"])
_NEW_CASE_BLOBS = TableRule(_CASE_BLOB_COLUMNS, new=True, again=True)


def _items(role: tuple[Any, ...] | None = None) -> TableRule:
    bind: dict[str, tuple[Any, ...]] = {
        "contact_id": from_payload("contact_id"),
        "added_by": ACTOR,
    }
    if role is not None:
        bind["role"] = role
    return TableRule(_ITEM_COLUMNS, new=True, bind=bind)


# -- record rules --------------------------------------------------------------------------------


def _first_only(state: State, entry: Entry) -> Iterable[Violation | None]:
    if entry.seq != 1:
        yield Violation("authority.store_init", _said("authority.init_only_first"))
    # in the organisation's history (verify's replay in org order) another device's store.init
    # comes after the founding one: it would make a second first admin
    if any(True for _ in state.rows_where("users", "role", Role.ADMIN.value)):
        yield Violation("authority.store_init", _said("authority.init_in_org"))
    for row in entry.rows_of("users"):
        if row.get("role") != Role.ADMIN:
            yield Violation("authority.store_init", _said("authority.admin_role"))


def _not_own_account(state: State, entry: Entry) -> Iterable[Violation | None]:
    user = entry.payload.get("user")
    if user == entry.actor:
        yield Violation(
            "authority.own_account",
            _said("authority.own_account", action=entry.action, user=user),
        )


def _own_password(state: State, entry: Entry) -> Iterable[Violation | None]:
    if entry.payload.get("user") != entry.actor:
        yield Violation(
            "authority.own_password",
            _said("authority.not_own_password", user=entry.payload.get("user")),
        )


#: what every signing certificate entry records (issue 21 item 1): the certificate's digest,
#: subject, issuer and end of validity, the certificate itself (public) and the digest of the
#: sealed private key (services/signing_certs.py)
_SIGNING_CERT_FACTS: Mapping[str, type] = {
    "cert_sha256": str,
    "cert_pem": str,
    "subject": str,
    "issuer": str,
    "not_after": str,
    "key_seal_sha256": str,
}


def _own_certificate(state: State, entry: Entry) -> Iterable[Violation | None]:
    """A legal user imports a PKCS#12 for themselves only: its key is sealed for them."""
    if entry.payload.get("user") != entry.actor:
        yield Violation(
            "signing.own_certificate",
            _said("signing.not_own", user=entry.payload.get("user"), actor=entry.actor),
        )


def signing_holder(state: State, user: object) -> Violation | None:
    """A PDF signing certificate is held by an active legal user (who exports bundles)."""
    row = state.row("users", user)
    if row is None or not row.get("active") or row.get("role") != Role.LEGAL:
        return Violation("signing.holder", _said("signing.not_legal", user=user))
    return None


def _signing_holder(state: State, entry: Entry) -> Iterable[Violation | None]:
    yield signing_holder(state, entry.payload.get("user"))


def _valid_roles(state: State, entry: Entry) -> Iterable[Violation | None]:
    for row in entry.rows_of("users"):
        if row.get("role") not in Role.__members__.values():
            yield Violation("authority.role", _said("authority.role_unknown", role=row.get("role")))


def _blobs_on_record(state: State, entry: Entry) -> Iterable[Violation | None]:
    """Every item names an original this entry or an earlier one recorded."""
    if not state.complete:
        return
    new = {row.get("sha256") for row in entry.rows_of("blobs")}
    for item in entry.rows_of("items"):
        sha256 = item.get("sha256")
        if sha256 not in new and state.row("blobs", sha256) is None:
            yield Violation(
                "authority.blob",
                _said("authority.blob_unknown", item=item.get("id"), sha256=sha256),
            )


def _case_blobs(state: State, entry: Entry) -> Iterable[Violation | None]:
    """Each copy of an original an evidence entry puts belongs to the entry's case (its
    ``case_no``, or its contact's) and names an original on record; one copy per case and
    original. (That the file opens under that case's key is verify's check, with the key.)"""
    rows = entry.rows_of("case_blobs")
    if not rows:
        return
    case_no = entry.payload.get("case_no")
    if not isinstance(case_no, str):
        case_no = (state.row("contacts", entry.payload.get("contact_id")) or {}).get("case_no")
    yield from _copies_on_record(state, entry, rows, lambda row: row.get("case_no") == case_no)


def _copies_on_record(
    state: State,
    entry: Entry,
    rows: Sequence[Mapping[str, Any]],
    case_ok: Callable[[Mapping[str, Any]], bool],
) -> Iterable[Violation | None]:
    new = {row.get("sha256") for row in entry.rows_of("blobs")}
    seen: set[tuple[object, object]] = set()
    for row in rows:
        place = (row.get("case_no"), row.get("sha256"))
        if not case_ok(row):
            yield Violation("case_blob.case", _said("case_blob.case", case=place[0]))
        if state.complete and place[1] not in new and state.row("blobs", place[1]) is None:
            yield Violation(
                "authority.blob",
                _said("authority.blob_unknown", item=row.get("name"), sha256=place[1]),
            )
        # (a copy already on record is refused by the table's UNIQUE (case_no, sha256), and
        # a second one in the ledger by verify's comparison of the tables)
        if place in seen:
            yield Violation("case_blob.twice", _said("case_blob.twice", case=place[0]))
        seen.add(place)


def _blob_migration(state: State, entry: Entry) -> Iterable[Violation | None]:
    """The re-encryption of an older store's originals: each copy for a case on record and
    not shredded (its key was destroyed for good)."""

    def case_ok(row: Mapping[str, Any]) -> bool:
        return state.row("cases", row.get("case_no")) is not None or not state.complete

    rows = entry.rows_of("case_blobs")
    for row in rows:
        yield _shredded(state, {"case_no": row.get("case_no")})
    yield from _copies_on_record(state, entry, rows, case_ok)


def _contact_of(state: State, entry: Entry) -> Mapping[str, Any] | Violation:
    contact_id = entry.payload.get("contact_id")
    contact = state.row("contacts", contact_id)
    if contact is None:
        return Violation("contact.exists", _said("contact.no_contact", contact=contact_id))
    return contact


def _request(state: State, entry: Entry) -> Iterable[Violation | None]:
    for contact in entry.rows_of("contacts"):
        case_no = contact.get("case_no")
        if case_no != entry.payload.get("case_no") or state.row("cases", case_no) is None:
            yield Violation("contact.case", _said("contact.no_case", case=case_no))
        if state.complete:
            yield one_matter(
                state,
                str(contact.get("channel")),
                str(contact.get("handle")),
                str(case_no),
                entry.at,
            )
    for item in entry.rows_of("items"):
        if item.get("role") not in DOCUMENT_ROLES:
            yield Violation(
                "contact.document_role",
                _said("authority.request_documents_role", role=item.get("role")),
            )


def _decision(state: State, entry: Entry) -> Iterable[Violation | None]:
    contact = _contact_of(state, entry)
    if isinstance(contact, Violation):
        yield contact
        return
    yield four_eyes(contact, entry.actor)
    yield decision_state(contact, entry.action)
    if entry.action == "contact.approve":
        yield documents_on_file(state, str(contact.get("id")))
    requested_at = str(contact.get("requested_at"))
    for row in entry.rows_of("contacts"):
        for column in ("decided_at", "revoked_at"):
            value = row.get(column)
            if isinstance(value, str) and value < requested_at:
                yield _too_early(column, value, requested_at)
    if entry.at < requested_at:
        yield _too_early("at", entry.at, requested_at)


def _too_early(column: str, value: str, requested_at: str) -> Violation:
    return Violation(
        "contact.chronology",
        _said("authority.chronology", column=column, value=value, requested_at=requested_at),
    )


def _evidence(state: State, entry: Entry) -> Iterable[Violation | None]:
    contact = _contact_of(state, entry)
    if isinstance(contact, Violation):
        yield contact
        return
    role = entry.payload.get("role")
    if entry.action == "evidence.attach" and contact.get("status") == ContactStatus.REQUESTED:
        # the request's own documents may follow the request while it is pending
        if role not in DOCUMENT_ROLES:
            yield Violation("contact.approved", _said("authority.document_role", role=role))
        yield _permission(state, entry, Action.CONTACT_REQUEST)
        return
    yield usable(contact, entry.at)


def _case_of_tag(state: State, entry: Entry) -> Iterable[Violation | None]:
    for row in entry.rows_of("tags"):
        contact = state.row("contacts", row.get("contact_id"))
        if contact is None or contact.get("case_no") != row.get("case_no"):
            yield Violation(
                "review.target", _said("authority.tag_contact", contact=row.get("contact_id"))
            )


def _untag(state: State, entry: Entry) -> Iterable[Violation | None]:
    for row in entry.rows_of("tags"):
        tag = state.row("tags", row.get("id"))
        if tag is None:
            continue  # reported as a row that must exist
        if tag.get("removed_at") is not None:
            yield Violation("review.tag_state", _said("authority.tag_removed", tag=tag.get("id")))
        actor = state.row("users", entry.actor) or {}
        if actor.get("role") == Role.STAFF and tag.get("created_by") != entry.actor:
            yield Violation(
                "review.own_tag",
                _said("authority.not_own_tag", tag=tag.get("id"), created_by=tag.get("created_by")),
            )


def _ack_detail(state: State, entry: Entry) -> Iterable[Violation | None]:
    # An acknowledgement seals its finding's code and facts as a JSON object (older releases
    # sealed the English text, which never starts with "{"): a JSON-looking detail must be one.
    for row in entry.rows_of("conduct_acks"):
        detail = row.get("detail")
        if not isinstance(detail, str):
            yield Violation("conduct.detail", _said("authority.ack_detail"))
        elif detail.startswith("{"):
            sealed = sealed_json(detail)
            if sealed is None or not str(sealed["code"]).startswith("conduct."):
                yield Violation("conduct.detail", _said("authority.ack_detail"))


def _ocr_item(state: State, entry: Entry) -> Iterable[Violation | None]:
    """An OCR read names a screenshot item of the contact, and that item's original: the
    sealed result is derived from exactly that image (issue 22, services/ocr.py)."""
    payload = entry.payload
    item = state.row("items", payload.get("item_id"))
    if (
        item is None
        or item.get("role") != "screenshot"
        or item.get("contact_id") != payload.get("contact_id")
        or item.get("sha256") != payload.get("sha256")
    ):
        yield Violation(
            "ocr.item",
            _said(
                "ocr.item_unknown",
                item=payload.get("item_id"),
                contact=payload.get("contact_id"),
                sha256=payload.get("sha256"),
            ),
        )


def _stamp_behind(state: State, entry: Entry) -> Iterable[Violation | None]:
    size = entry.payload.get("checkpoint_size")
    if not isinstance(size, int) or not 1 <= size < entry.seq:
        yield Violation("timestamp.size", _said("authority.stamp_ahead", size=size))


def _permission(state: State, entry: Entry, action: Action) -> Violation | None:
    role = (state.row("users", entry.actor) or {}).get("role")
    if role in PERMISSIONS[action]:
        return None
    return Violation("permission", denial(str(role), action))


def unmask_reason(reason: object) -> Violation | None:
    """An unmask (PI-6) says why: a reason that is not blank."""
    if isinstance(reason, str) and reason.strip():
        return None
    return Violation("unmask.reason", _said("unmask.reason_required"))


def _unmask(state: State, entry: Entry) -> Iterable[Violation | None]:
    del state
    yield unmask_reason(entry.payload.get("reason"))


def _hex64(value: object) -> bool:
    hexdigits = "0123456789abcdef"
    return isinstance(value, str) and len(value) == 64 and all(c in hexdigits for c in value)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def redaction_shape(record: object) -> str | None:
    """The field of an export's ``redaction`` record that is malformed, or None (issue 21 item
    5: a digest of the plan's facts, its counts, the detector versions, whether the defaults
    ran; an export of an earlier release has no such record, and an export without anything
    redacted but with the defaults off records only ``defaults: false``)."""
    if not isinstance(record, dict):
        return "redaction"
    if not isinstance(record.get("defaults"), bool):
        return "defaults"
    if set(record) == {"defaults"}:
        return None
    if not _hex64(record.get("digest")):
        return "digest"
    counts = record.get("counts")
    if not isinstance(counts, dict) or set(counts) != {"spans", "messages", "regions"}:
        return "counts"
    if not all(_count(v) for v in counts.values()):
        return "counts"
    detectors = record.get("detectors")
    if not isinstance(detectors, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in detectors.items()
    ):
        return "detectors"
    return None


def _export(state: State, entry: Entry) -> Iterable[Violation | None]:
    del state
    if "redaction" not in entry.payload:
        return
    field = redaction_shape(entry.payload["redaction"])
    if field is not None:
        yield Violation("redaction.payload", _said("redaction.payload_malformed", field=field))


# -- retention and legal hold (issue 18 item 2) -------------------------------------------------
# The services refuse with these same functions before writing (services/retention.py).


def reason_given(reason: object) -> Violation | None:
    """Closing a case and placing or lifting a hold each need a reason."""
    if isinstance(reason, str) and reason.strip():
        return None
    return Violation("retention.reason", _said("retention.reason_required"))


def active_hold(state: State, case_no: str) -> Mapping[str, Any] | None:
    """The hold in force on ``case_no`` (at most one: a second is refused while one stands)."""
    for row in state.rows_where("holds", "case_no", case_no):
        if row.get("lifted_at") is None:
            return row
    return None


def hold_can_be_added(state: State, case_no: str) -> Violation | None:
    """A case may be held only if it exists and no hold already stands on it."""
    if state.row("cases", case_no) is None:
        return Violation("case.exists", _said("retention.no_case", case=case_no))
    held = active_hold(state, case_no)
    if held is not None:
        return Violation(
            "hold.active",
            _said(
                "retention.hold_active",
                case=case_no,
                hold=held.get("id"),
                placed_by=held.get("placed_by"),
            ),
        )
    return None


def hold_can_be_lifted(
    hold: Mapping[str, Any] | None, hold_id: object, case_no: object
) -> Violation | None:
    """Only a hold in force, on the case named, can be lifted."""
    if hold is None or hold.get("case_no") != case_no:
        return Violation("hold.exists", _said("retention.no_hold", hold=hold_id, case=case_no))
    if hold.get("lifted_at") is not None:
        return Violation(
            "hold.lifted",
            _said("retention.hold_not_active", hold=hold_id, lifted_by=hold.get("lifted_by")),
        )
    return None


def case_can_be_closed(state: State, case_no: str) -> Violation | None:
    """A case is closed once (its deletion date is set then and never moves earlier)."""
    if state.row("cases", case_no) is None:
        return Violation("case.exists", _said("retention.no_case", case=case_no))
    closure = state.row("case_closures", case_no)
    if closure is not None:
        return Violation(
            "case.closed",
            _said("retention.closed_once", case=case_no, closed_at=closure.get("closed_at")),
        )
    return None


def retention_years(state: State) -> tuple[int, int]:
    """The retention floor and cap in force (their defaults while never set)."""
    floor_row = state.row("settings", retention.FLOOR_SETTING) or {}
    cap_row = state.row("settings", retention.CAP_SETTING) or {}
    floor = retention.valid_years(floor_row.get("value", str(retention.DEFAULT_FLOOR_YEARS)))
    cap = retention.valid_years(cap_row.get("value", str(retention.DEFAULT_CAP_YEARS)))
    return (
        retention.DEFAULT_FLOOR_YEARS if floor is None else floor,
        retention.DEFAULT_CAP_YEARS if cap is None else cap,
    )


def last_record(state: State, case_no: str) -> str:
    """The case's last collection record: its opening, a contact request, a document or file
    added, an import (the retention floor runs from here)."""
    case = state.row("cases", case_no) or {}
    moments = [str(case.get("created_at", ""))]
    for contact in state.rows_where("contacts", "case_no", case_no):
        moments.append(str(contact.get("requested_at", "")))
        contact_id = contact.get("id")
        moments.extend(
            str(r.get("added_at", "")) for r in state.rows_where("items", "contact_id", contact_id)
        )
        moments.extend(
            str(r.get("imported_at", ""))
            for r in state.rows_where("imports", "contact_id", contact_id)
        )
    return max(moments)


def retention_setting(key: str, value: object, state: State) -> Violation | None:
    """CC-9: the floor is at least 2 years; the cap (after closure) is at least the floor."""
    if key not in (retention.FLOOR_SETTING, retention.CAP_SETTING):
        return None  # another setting: nothing to look up (the hub judges every settings.set)
    floor, cap = retention_years(state)
    years = retention.valid_years(value)
    if key == retention.FLOOR_SETTING:
        if years is None or years < retention.STATUTORY_FLOOR_YEARS:
            return Violation(
                "retention.floor",
                _said(
                    "retention.floor_low",
                    setting=key,
                    minimum=retention.STATUTORY_FLOOR_YEARS,
                    value=value,
                ),
            )
        if years > cap:
            return Violation(
                "retention.floor",
                _said("retention.floor_above_cap", setting=key, value=value, cap=cap),
            )
    if key == retention.CAP_SETTING and (years is None or years < floor):
        return Violation(
            "retention.cap", _said("retention.cap_low", setting=key, floor=floor, value=value)
        )
    return None


def _retention_settings(state: State, entry: Entry) -> Iterable[Violation | None]:
    for row in entry.rows_of("settings"):
        yield retention_setting(str(row.get("key")), row.get("value"), state)


def _close(state: State, entry: Entry) -> Iterable[Violation | None]:
    case_no = entry.payload.get("case_no")
    yield reason_given(entry.payload.get("reason"))
    if not isinstance(case_no, str):
        return
    refused = case_can_be_closed(state, case_no)
    if refused is not None:
        yield refused
        return
    for row in entry.rows_of("case_closures"):
        yield from _closure_dates(state, case_no, row)


def _closure_dates(
    state: State, case_no: str, row: Mapping[str, Any]
) -> Iterable[Violation | None]:
    """The closure records the settings in force and the deletion date they give."""
    floor, cap = row.get("floor_years"), row.get("cap_years")
    in_force = retention_years(state)
    if type(floor) is not int or type(cap) is not int or floor < retention.STATUTORY_FLOOR_YEARS:
        yield Violation(
            "retention.floor",
            _said(
                "retention.floor_low",
                setting=retention.FLOOR_SETTING,
                minimum=retention.STATUTORY_FLOOR_YEARS,
                value=floor,
            ),
        )
        return
    # a bundle's slice holds no settings: there only the date is recomputed from the row
    if state.complete and (floor, cap) != in_force:
        yield Violation(
            "retention.settings",
            _said(
                "retention.closure_years",
                case=case_no,
                floor=in_force[0],
                cap=in_force[1],
                used_floor=floor,
                used_cap=cap,
            ),
        )
    closed_at, delete_after = row.get("closed_at"), row.get("delete_after")
    latest = last_record(state, case_no)
    try:
        expected = retention.deletion_date(str(closed_at), latest, floor, cap)
    except ValueError:
        expected = "?"
    recorded = row.get("last_record")
    if delete_after != expected or recorded != latest:
        yield Violation("retention.deletion_date", _dates_differ(case_no, row, latest, expected))


def _dates_differ(case_no: str, row: Mapping[str, Any], latest: str, expected: str) -> Phrase:
    """The refusal of a closure's dates, naming the field that differs: the deletion date, the
    last record, or both."""
    delete_after, recorded = row.get("delete_after"), row.get("last_record")
    if recorded == latest:
        return _said("retention.deletion_date", case=case_no, expected=expected, value=delete_after)
    if delete_after == expected:
        return _said("retention.last_record", case=case_no, expected=latest, value=recorded)
    return _said(
        "retention.closure_dates",
        case=case_no,
        expected_last=latest,
        value_last=recorded,
        expected=expected,
        value=delete_after,
    )


def _hold_add(state: State, entry: Entry) -> Iterable[Violation | None]:
    yield reason_given(entry.payload.get("reason"))
    case_no = entry.payload.get("case_no")
    if isinstance(case_no, str):
        yield hold_can_be_added(state, case_no)


def _hold_lift(state: State, entry: Entry) -> Iterable[Violation | None]:
    yield reason_given(entry.payload.get("reason"))
    hold_id = entry.payload.get("hold_id")
    yield hold_can_be_lifted(state.row("holds", hold_id), hold_id, entry.payload.get("case_no"))


# -- shredding (issue 18 item 3) ----------------------------------------------------------------
# services/shredding.py refuses with shred_blocked before writing; the write path and verify run
# it again through _shred.


def floor_until(state: State, case_no: str) -> str:
    """The end of the case's retention floor: its last collection record plus the floor in
    force, and never less than the floor its closure recorded (CC-9)."""
    closure = state.row("case_closures", case_no) or {}
    closed = closure.get("floor_years")
    return retention.floor_until(
        last_record(state, case_no),
        retention_years(state)[0],
        closed if type(closed) is int else None,
    )


def shred_blocked(state: State, case_no: str, at: str, basis: object) -> Violation | None:
    """May ``case_no`` be shredded at ``at`` on ``basis``? Blocked, in this order, by: no such
    case, a case already shredded, a basis that is neither ``expired`` nor ``request``, a legal
    hold in force (``retention.hold``), the retention floor not passed (``retention.floor``,
    both bases: CC-9), and for ``expired`` a case not closed (``retention.open``) or a
    deletion date still ahead (``retention.not_due``)."""
    if state.row("cases", case_no) is None:
        return Violation("case.exists", _said("retention.no_case", case=case_no))
    done = state.row("shreddings", case_no)
    if done is not None:
        return Violation(
            "case.shredded",
            _said("shred.done", case=case_no, shredded_at=done.get("shredded_at")),
        )
    if basis not in shredding.BASES:
        return Violation("shred.basis", _said("shred.basis", basis=basis))
    held = active_hold(state, case_no)
    if held is not None:
        return Violation(
            "retention.hold",
            _said("shred.held", case=case_no, hold=held.get("id"), placed_by=held.get("placed_by")),
        )
    until = floor_until(state, case_no)
    if at < until:
        return Violation("retention.floor", _said("shred.floor", case=case_no, floor_until=until))
    if basis == "expired":
        closure = state.row("case_closures", case_no)
        if closure is None:
            return Violation("retention.open", _said("shred.open", case=case_no))
        delete_after = max(str(closure.get("delete_after")), until)
        if at < delete_after:
            return Violation(
                "retention.not_due",
                _said("shred.not_due", case=case_no, delete_after=delete_after),
            )
    return None


def _shred(state: State, entry: Entry) -> Iterable[Violation | None]:
    yield reason_given(entry.payload.get("reason"))
    case_no = entry.payload.get("case_no")
    if not isinstance(case_no, str):
        return
    basis = entry.payload.get("basis")
    if isinstance(entry.payload.get("reapplies"), str) and basis in shredding.BASES:
        # a restore re-applying a tombstone of the ledger it replaces (services/backup.py): the
        # restored store may predate the closure, so it is judged as a deletion request (the
        # floor passed, no hold standing), the least any shredding needs
        basis = "request"
    yield shred_blocked(state, case_no, entry.at, basis)
    digest = entry.payload.get("request_sha256")
    if digest is not None and not (
        isinstance(digest, str)
        and len(digest) == 64
        and all(c in "0123456789abcdef" for c in digest)
    ):
        yield Violation("shred.request", _said("shred.request_digest", value=digest))
    for row in entry.rows_of("shreddings"):
        shredded_at = row.get("shredded_at")
        if not isinstance(shredded_at, str) or shredded_at > entry.at:
            yield Violation("shred.at", _said("shred.at", value=shredded_at, at=entry.at))


def shredded_case_of(state: State, payload: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The shredding of the case an entry is about (its case number or its contact's case), if
    that case was shredded: nothing more is written about a shredded case."""
    case_no = payload.get("case_no")
    if not isinstance(case_no, str):
        contact = payload.get("contact_id")
        if not isinstance(contact, str):
            return None
        case_no = (state.row("contacts", contact) or {}).get("case_no")
        if not isinstance(case_no, str):
            return None
    return state.row("shreddings", case_no)


# -- PIPL records (issue 18 item 5) --------------------------------------------------------------
# The services refuse with the same domain checks (domain/pipl.py) before writing.


def _processing(state: State, entry: Entry) -> Iterable[Violation | None]:
    """A processing record: its codes, its three years (art. 56), dated at its entry, of a
    case on record (a bundle's slice does not hold the record's own entry: it is written with
    the export, after the kit's checkpoint)."""
    for row in entry.rows_of("processing_records"):
        for problem in pipl.processing_problems(row):
            yield Violation("processing.record", problem)
        recorded_at = row.get("recorded_at")
        if isinstance(recorded_at, str) and recorded_at > entry.at:
            yield _too_late("recorded_at", recorded_at, entry.at)
        case_no = row.get("case_no")
        if state.complete and state.row("cases", case_no) is None:
            yield Violation("case.exists", _said("retention.no_case", case=case_no))


def _breach(state: State, entry: Entry) -> Iterable[Violation | None]:
    """A breach record (art. 57): its codes, counts and contact, filed at its entry."""
    for row in entry.rows_of("breach_records"):
        for problem in pipl.breach_problems(row):
            yield Violation("breach.record", problem)
        filed_at = row.get("filed_at")
        if isinstance(filed_at, str) and filed_at > entry.at:
            yield _too_late("filed_at", filed_at, entry.at)


def _too_late(column: str, value: str, at: str) -> Violation:
    return Violation(
        "authority.chronology", _said("authority.after_entry", column=column, value=value, at=at)
    )


# -- per-case keys (issue 18 item 1) -------------------------------------------------------------

#: who is entitled to read a case, so holds a wrap of its key: its staff (every case's, as there
#: is no per-case assignment), the supervisors, legal and the admins; never an auditor
CASE_KEY_ROLES = frozenset({Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.ADMIN})
_WRAP_FIELDS = ("case_no", "recipient", "recipient_key", "key_id", "digest")


#: the personal columns of ``cases`` and ``contacts`` sealed under the case key
#: (services/case_keys.py; docs/ARCHITECTURE.md, Per-case keys, says why the others are not)
SEALED_CASE_COLUMNS = ("debtor_name", "debtor_id_number")
SEALED_CONTACT_COLUMNS = (
    "display_name",
    "relation_justification",
    "reason",
    "handle_text",
    # a supervisor's reasons often repeat the debtor's circumstances
    "decision_note",
    "revoke_note",
)
SEALED_TAG_COLUMNS = ("note", "remove_note")
#: an import's file names (the picked file, the chat's file in it, the names of a folder's or
#: zip's members), the account the chat was held from and its details (the chat's title and
#: participants' names)
SEALED_IMPORT_COLUMNS = ("file_name", "main_member", "members", "our_account", "details")
#: an item's file name (a document's often names the debtor: 身份证正反面.png)
SEALED_ITEM_COLUMNS = ("file_name",)
#: an acknowledgement's note (a supervisor's account of a call often names the debtor; its
#: ``conduct.ack`` entry puts the row, so the entries other devices and the hub keep would
#: hold it after a shredding)
SEALED_ACK_COLUMNS = ("note",)
SEALED_PREFIX = "edk1:"


def _sealed_columns(state: State, entry: Entry) -> Iterable[Violation | None]:
    """The migration only seals: each column it puts is a sealed field (whether it opens to
    the old text is verify's check, with a key)."""
    for table, columns, key in (
        ("cases", SEALED_CASE_COLUMNS, "case_no"),
        ("contacts", SEALED_CONTACT_COLUMNS, "id"),
        ("tags", SEALED_TAG_COLUMNS, "id"),
        ("imports", SEALED_IMPORT_COLUMNS, "id"),
        ("items", SEALED_ITEM_COLUMNS, "id"),
    ):
        for row in entry.rows_of(table):
            # a shredded case is never given a key again (a contact row names it by its id, a
            # tag row is looked up)
            owner: Mapping[str, Any] = row
            if table == "contacts":
                owner = {"contact_id": row.get(key)}
            elif table == "tags":
                owner = {"case_no": (state.row("tags", row.get(key)) or {}).get("case_no")}
            elif table in ("imports", "items"):
                owner = {"contact_id": (state.row(table, row.get(key)) or {}).get("contact_id")}
            yield _shredded(state, owner)
            if table == "contacts" and "handle" in row and not is_handle_index(row["handle"]):
                # the handle's digest replaces it (whether it is the digest of the sealed
                # handle is verify's check, with the key)
                yield Violation("case_key.sealed", _said("case_key.not_sealed", row=row.get(key)))
            for column in columns:
                value = row.get(column, SEALED_PREFIX)
                if not (isinstance(value, str) and value.startswith(SEALED_PREFIX)):
                    yield Violation(
                        "case_key.sealed", _said("case_key.not_sealed", row=row.get(key))
                    )


def _user_after(state: State, entry: Entry, name: object) -> Mapping[str, Any] | None:
    """A user's row once the entry's own ``users`` puts apply (a new user's wraps travel in
    the ``user.add`` entry that introduces them)."""
    row = dict(state.row("users", name) or {})
    for put_row in entry.rows_of("users"):
        if put_row.get("name") == name:
            row.update(put_row)
    return row or None


def _shredded(state: State, payload: Mapping[str, Any]) -> Violation | None:
    """``case.shredded`` when the case (or the contact's case) of ``payload`` was shredded."""
    done = shredded_case_of(state, payload)
    if done is None:
        return None
    return Violation(
        "case.shredded",
        _said("shred.done", case=done.get("case_no"), shredded_at=done.get("shredded_at")),
    )


def entitled(user: Mapping[str, Any] | None) -> bool:
    """May this user (a ``users`` row) hold the keys of the cases?"""
    return user is not None and bool(user.get("active")) and user.get("role") in CASE_KEY_ROLES


def entitled_to(user: Mapping[str, Any] | None, case_no: object) -> bool:
    """May this user hold the key wrapped under ``case_no``: the records key's readers for
    the organisation's records key (domain/records_key.py), a case's readers for any other."""
    return rk.entitled(user) if case_no == rk.WRAP_NAME else entitled(user)


def _case_key_wraps(state: State, entry: Entry) -> Iterable[Violation | None]:
    """Only a reader rewraps (it takes the key to wrap it); a wrap is made only for a user
    entitled at that point, under the X25519 key the ledger holds for them; one entry wraps one
    key per case. Withdrawing a wrap ({"case_no", "recipient", "removed": true}) is always
    allowed: it can only take access away."""
    wraps = entry.payload.get("wraps", [])
    if type(wraps) is not list:
        yield Violation("case_key.wrap", _said("case_key.wrap_malformed"))
        return
    actor = state.row("users", entry.actor)
    names = {w.get("case_no") for w in wraps if isinstance(w, dict)}
    # the actor takes the key to wrap it: a reader of each kind of key the entry wraps
    if any(not entitled_to(actor, name) for name in names) or (
        wraps and not names and not entitled(actor)
    ):
        yield Violation("case_key.actor", _said("case_key.actor_not_reader", actor=entry.actor))
    key_ids: dict[object, object] = {}
    for wrap in wraps:
        removed = isinstance(wrap, dict) and wrap.get("removed") is True
        needed = ("case_no", "recipient") if removed else tuple(_WRAP_FIELDS)
        if not isinstance(wrap, dict) or any(type(wrap.get(n)) is not str for n in needed):
            yield Violation("case_key.wrap", _said("case_key.wrap_malformed"))
            continue
        if removed:
            continue
        case_no, recipient = wrap["case_no"], wrap["recipient"]
        yield _shredded(state, {"case_no": case_no})  # its key was destroyed for good
        user = _user_after(state, entry, recipient)
        if not entitled_to(user, case_no):
            yield Violation(
                "case_key.recipient",
                _said(
                    "case_key.not_entitled",
                    user=recipient,
                    case=case_no,
                    role=(user or {}).get("role"),
                ),
            )
        elif (user or {}).get("wrap_key") != wrap["recipient_key"]:
            yield Violation(
                "case_key.recipient_key",
                _said("case_key.wrong_key", user=recipient, case=case_no),
            )
        if key_ids.setdefault(case_no, wrap["key_id"]) != wrap["key_id"]:
            yield Violation("case_key.key_id", _said("case_key.two_keys", case=case_no))


# -- the organisation's records key (issue 20; domain/records_key.py) ----------------------------


def records_key_on_record(state: State) -> bool:
    """Is the organisation's records key on record before the entry judged (its ``settings``
    row, put once by its ``records.key`` entry)?"""
    return state.row("settings", rk.SETTING) is not None


def _records_sealed(state: State, entry: Entry) -> Iterable[Violation | None]:
    """Once the records key is on record, the text the entry's action keeps for the records
    readers (domain/records_key.SEALED_TEXT) must be sealed to it: an insider with their own
    keys cannot put a name in clear on the hub. Before it (history, a standalone store) the
    text was written in clear and is still accepted."""
    if not records_key_on_record(state):
        return
    table, fields = rk.SEALED_TEXT[entry.action]
    rows = [entry.payload] if table is None else list(entry.rows_of(table))
    for row in rows:
        for name in rk.clear_fields(fields, row):
            yield Violation("records_key.sealed", _said("records_key.not_sealed", field=name))


def _records_key(state: State, entry: Entry) -> Iterable[Violation | None]:
    """The records key's entry: an X25519 public key, and wraps of that one key only (each
    recipient a records reader: ``_case_key_wraps``). Its ``settings`` row must be new, so
    the first key on record stands."""
    public = entry.payload.get("public_key")
    if not _hex64(public):
        yield Violation("records_key.public_key", _said("records_key.public_key"))
    wraps = entry.payload.get("wraps")
    for wrap in wraps if isinstance(wraps, list) else []:
        if not isinstance(wrap, dict) or wrap.get("removed") is True:
            continue
        if wrap.get("case_no") != rk.WRAP_NAME:
            yield Violation(
                "records_key.wrap", _said("records_key.wrap_other", case=wrap.get("case_no"))
            )
        elif wrap.get("key_id") != entry.payload.get("key_id"):
            yield Violation("records_key.wrap", _said("records_key.key_id"))


def _settings_not_reserved(state: State, entry: Entry) -> Iterable[Violation | None]:
    """``settings.set`` puts the settings people choose, never a reserved "@" row (the
    records key's public half is put by its own entry only)."""
    for row in entry.rows_of("settings"):
        key = row.get("key")
        if isinstance(key, str) and key.startswith("@"):
            yield Violation("settings.reserved", _said("settings.reserved", key=key))


# -- the organisation (issue 19): invitations and joining devices ------------------------------

INVITE_OPEN, INVITE_USED, INVITE_REVOKED = "open", "used", "revoked"


def invite_can_be_made(state: State, user: str) -> Violation | None:
    """An invitation names a user who is not one yet and has no other open invitation."""
    if state.row("users", user) is not None:
        return Violation("invite.user", _said("invite.user_exists", user=user))
    for row in state.rows_where("invites", "user", user):
        if row.get("status") == INVITE_OPEN:
            return Violation(
                "invite.user", _said("invite.open_exists", user=user, invite=row.get("id"))
            )
    return None


def invite_open(state: State, invite_id: object) -> Mapping[str, Any] | Violation:
    """The invitation, if it is open (neither used nor revoked)."""
    invite = state.row("invites", invite_id)
    if invite is None:
        return Violation("invite.exists", _said("invite.unknown", invite=invite_id))
    if invite.get("status") != INVITE_OPEN:
        return Violation(
            "invite.open", _said("invite.not_open", invite=invite_id, status=invite.get("status"))
        )
    return invite


def _invite(state: State, entry: Entry) -> Iterable[Violation | None]:
    role = entry.payload.get("role")
    if role not in Role.__members__.values():
        yield Violation("authority.role", _said("authority.role_unknown", role=role))
    yield invite_can_be_made(state, str(entry.payload.get("user")))


def _invite_revoke(state: State, entry: Entry) -> Iterable[Violation | None]:
    invite = invite_open(state, entry.payload.get("invite_id"))
    if isinstance(invite, Violation):
        yield invite


def _join(state: State, entry: Entry) -> Iterable[Violation | None]:
    """A device joins as its first own entry, with an open invitation for its actor, whose
    code's key signed the device and the keys it enrols; the user gets the invitation's role.
    A store joining with its history (``pre_org``) joins as the entry after that history; the
    history itself and what the join brings are judged by domain/pre_org.py."""
    history = entry.payload.get("pre_org")
    if history is None:
        if entry.seq != 1:
            yield Violation("invite.join_first", _said("invite.join_first"))
    elif not isinstance(history, dict) or history.get("size") != entry.seq - 1 or entry.seq < 2:
        size = history.get("size") if isinstance(history, dict) else None
        yield Violation(
            "invite.join_first", _said("invite.join_after_history", size=size, seq=entry.seq)
        )
    invite_id = entry.payload.get("invite_id")
    invite = invite_open(state, invite_id)
    if isinstance(invite, Violation):
        yield invite
        return
    if invite.get("user") != entry.actor:
        yield Violation(
            "invite.user",
            _said(
                "invite.other_user", invite=invite_id, user=invite.get("user"), actor=entry.actor
            ),
        )
    for row in entry.rows_of("users"):
        if row.get("role") != invite.get("role"):
            yield Violation(
                "invite.role",
                _said(
                    "invite.role", invite=invite_id, role=invite.get("role"), given=row.get("role")
                ),
            )
    p = entry.payload
    if state.device is not None and p.get("device_id") != state.device:
        yield Violation(
            "invite.device",
            _said("invite.device", named=p.get("device_id"), device=state.device),
        )
    message = invites.join_message(
        str(invite_id),
        str(p.get("device_id")),
        entry.actor,
        str(p.get("public_key")),
        str(p.get("wrap_key")),
    )
    if not invites.signature_valid(invite.get("invite_key"), message, p.get("invite_signature")):
        yield Violation("invite.signature", _said("invite.signature", invite=invite_id))


def _reindex(state: State, entry: Entry) -> Iterable[Violation | None]:
    """The entry right after a device's join with its history, by the joining user: every
    contact of that history once, its handle now the digest under the organisation's key;
    each active one then holds its chat org-wide (one matter per chat). A bundle's slice
    cannot tell a device's history apart: left to ``verify`` there."""
    if not state.complete:
        return
    joined = state.pre_org_join()
    if joined is None or entry.seq != joined.seq + 1 or entry.actor != joined.actor:
        yield Violation("handle.reindex", _said("reindex.not_after_join"))
        return
    rows = entry.rows_of("contacts")
    ids = [str(row.get("id")) for row in rows]
    odd = sorted(set(ids) ^ joined.contacts) or [i for i in ids if ids.count(i) > 1]
    if odd:
        yield Violation("handle.reindex", _said("reindex.contacts", contact=odd[0]))
        return
    for row in rows:
        handle = row.get("handle")
        if not is_handle_index(handle):
            yield Violation("handle.reindex", _said("reindex.digest", contact=row.get("id")))
            continue
        held = state.row("contacts", row.get("id")) or {}
        if held.get("status") in ACTIVE:
            yield one_matter(
                state, str(held.get("channel")), str(handle), str(held.get("case_no")), entry.at
            )


# -- retiring a lost or stale laptop (issue 20 item 6) ---------------------------------------

#: why a device is retired: codes, recorded and shown as they are (the CLI offers these)
RETIRE_REASONS = ("lost", "stolen", "replaced", "left")


def retirement_problem(
    state: State, device: str, final_size: object, reason: object
) -> Violation | None:
    """Why ``device`` may not be retired here with ``final_size`` entries for ``reason``, or
    None. Only a device that joined with an invitation can be retired (the founding device
    has none), never the device the retirement is written on (it would stop its own writer:
    another admin's device retires it), once. The final size is exactly the number of the
    device's entries the organisation holds at the retirement's place: entries the
    organisation accepted stand (other devices may have built on them), and entries it does
    not hold yet are exactly what a thief would push. So whatever order the device's entries
    and the retirement meet the hub in, an entry past the final size never stands: before the
    retirement, it makes the retirement itself break this rule; after it, it breaks
    :func:`retired_entry`."""
    if reason not in RETIRE_REASONS:
        return Violation("retire.reason", _said("retire.reason", reason=reason))
    held = state.row("retired_devices", device)
    if held is not None:
        return Violation(
            "retire.twice",
            _said(
                "retire.twice", device=device, by=held.get("retired_by"), at=held.get("retired_at")
            ),
        )
    if state.device is not None and device == state.device:
        return Violation("retire.own_device", _said("retire.own_device", device=device))
    if not any(
        row.get("status") == INVITE_USED for row in state.rows_where("invites", "device_id", device)
    ):
        return Violation("retire.device", _said("retire.unknown_device", device=device))
    size = state.device_size(device)
    if size is not None and (type(final_size) is not int or final_size != size):
        return Violation(
            "retire.final_size",
            _said("retire.final_size", device=device, held=size, size=final_size),
        )
    return None


def retired_entry(state: State, seq: int) -> Violation | None:
    """An entry of a retired device past its final size does not stand (the services, the
    hub's acceptance and verify's replay all judge it here)."""
    device = state.device
    if device is None:
        return None
    retired = state.row("retired_devices", device)
    if retired is None:
        return None
    size = retired.get("final_size")
    if type(size) is int and seq <= size:
        return None
    return Violation(
        "device.retired",
        _said(
            "retire.retired",
            device=device,
            by=retired.get("retired_by"),
            at=retired.get("retired_at"),
            reason=retired.get("reason"),
            size=size,
            seq=seq,
        ),
    )


def _retire(state: State, entry: Entry) -> Iterable[Violation | None]:
    p = entry.payload
    yield retirement_problem(state, str(p.get("device_id")), p.get("final_size"), p.get("reason"))
    at = p.get("at")
    if isinstance(at, str) and at > entry.at:
        yield _too_late("at", at, entry.at)


_CONTACT_ID = from_payload("contact_id")

ACTIONS: Mapping[str, ActionRule] = {
    "store.init": ActionRule(
        None,
        {"store_id": str, "app_version": str, "admin": str},
        {
            "users": TableRule(
                _USER_COLUMNS,
                new=True,
                bind={"name": ACTOR, "active": const(1)},
                count=1,
                optional=_WRAP_KEY,
            )
        },
        (_first_only,),
    ),
    "user.add": ActionRule(
        Action.USER_ADD,
        {"user": str, "role": str, "public_key": str},
        {
            "users": TableRule(
                _USER_COLUMNS,
                new=True,
                bind={
                    "name": from_payload("user"),
                    "role": from_payload("role"),
                    "public_key": from_payload("public_key"),
                    "active": const(1),
                    "wrap_key": from_payload("wrap_key"),
                },
                count=1,
                optional=_WRAP_KEY,
            )
        },
        (_valid_roles, _case_key_wraps),
    ),
    "user.reset_password": ActionRule(
        Action.USER_RESET_PASSWORD,
        {"user": str, "public_key": str},
        {
            "users": TableRule(
                frozenset({"name", "public_key", "wrap_key"}),
                new=False,
                bind={
                    "name": from_payload("user"),
                    "public_key": from_payload("public_key"),
                    "wrap_key": from_payload("wrap_key"),
                },
                count=1,
            )
        },
        (_not_own_account, _case_key_wraps),
    ),
    "user.deactivate": ActionRule(
        Action.USER_DEACTIVATE,
        {"user": str},
        {
            "users": TableRule(
                frozenset({"name", "active"}),
                new=False,
                bind={"name": from_payload("user"), "active": const(0)},
                count=1,
            )
        },
        (_not_own_account, _case_key_wraps),
    ),
    # one's own password: the key pair stays, nothing projected changes
    "user.change_password": ActionRule(None, {"user": str}, {}, (_own_password,)),
    # -- per-case keys (issue 18 item 1) --
    # a user from before per-case keys records their own X25519 public key at their next login
    # (only their password opens their slot, where its private half is sealed)
    "user.wrap_key": ActionRule(
        None,
        {"user": str, "wrap_key": str},
        {
            "users": TableRule(
                frozenset({"name", "wrap_key"}),
                new=False,
                bind={"name": ACTOR, "wrap_key": from_payload("wrap_key")},
                count=1,
            )
        },
        (_own_password,),
    ),
    # -- the organisation (issue 19): an admin invites a user of another device with the public
    # key of a one-time code; that device's first own entry joins with it (domain/invites.py)
    "user.invite": ActionRule(
        Action.USER_INVITE,
        {"invite_id": str, "user": str, "role": str, "invite_key": str},
        {
            "invites": TableRule(
                _INVITE_COLUMNS,
                new=True,
                bind={
                    "id": from_payload("invite_id"),
                    "user": from_payload("user"),
                    "role": from_payload("role"),
                    "invite_key": from_payload("invite_key"),
                    "status": const(INVITE_OPEN),
                    "created_by": ACTOR,
                    "closed_by": const(None),
                    "closed_at": const(None),
                    "device_id": const(None),
                },
                count=1,
            )
        },
        (_invite,),
    ),
    "invite.revoke": ActionRule(
        Action.USER_INVITE,
        {"invite_id": str},
        {
            "invites": TableRule(
                frozenset({"id", "status", "closed_by", "closed_at"}),
                new=False,
                bind={
                    "id": from_payload("invite_id"),
                    "status": const(INVITE_REVOKED),
                    "closed_by": ACTOR,
                },
                count=1,
            )
        },
        (_invite_revoke,),
    ),
    "device.join": ActionRule(
        None,
        {
            "invite_id": str,
            "device_id": str,
            "public_key": str,
            "wrap_key": str,
            "invite_signature": str,
        },
        {
            "users": TableRule(
                _USER_COLUMNS,
                new=True,
                bind={
                    "name": ACTOR,
                    "public_key": from_payload("public_key"),
                    "wrap_key": from_payload("wrap_key"),
                    "active": const(1),
                },
                count=1,
            ),
            "invites": TableRule(
                frozenset({"id", "status", "closed_by", "closed_at", "device_id"}),
                new=False,
                bind={
                    "id": from_payload("invite_id"),
                    "status": const(INVITE_USED),
                    "closed_by": ACTOR,
                    "device_id": from_payload("device_id"),
                },
                count=1,
            ),
        },
        (_join,),
    ),
    # an admin retires another device (lost, stolen, replaced, its user left): its entries
    # past the final size never stand (``retired_entry``, judged for every entry)
    "device.retire": ActionRule(
        Action.DEVICE_RETIRE,
        {"device_id": str, "final_size": int, "reason": str, "at": str},
        {
            "retired_devices": TableRule(
                RETIRED_COLUMNS,
                new=True,
                bind={
                    "device_id": from_payload("device_id"),
                    "final_size": from_payload("final_size"),
                    "reason": from_payload("reason"),
                    "retired_by": ACTOR,
                    "retired_at": from_payload("at"),
                },
                count=1,
            )
        },
        (_retire,),
    ),
    # a store that joined with its history: its contacts' handle digests under the
    # organisation's handle-index key (``key_id``), once, right after its join
    "handle.reindex": ActionRule(
        Action.HANDLE_REINDEX,
        {"key_id": str},
        {"contacts": TableRule(frozenset({"id", "handle"}), new=False)},
        (_reindex,),
    ),
    # case keys wrapped for or withdrawn from readers: the wraps stay out of the ledger (a
    # shredded case's key must be deletable), their digests are recorded here
    "case.keys": ActionRule(None, {"reason": str, "wraps": list}, {}, (_case_key_wraps,)),
    "settings.set": ActionRule(
        Action.SETTINGS_SET,
        {"key": str},
        {
            "settings": TableRule(
                frozenset({"key", "value"}), new=None, bind={"key": from_payload("key")}, count=1
            )
        },
        # retention and legal hold (issue 18 item 2); the records key's row is not a setting
        (_retention_settings, _settings_not_reserved),
    ),
    # the organisation's records key (issue 20): its public half on record, its private half
    # wrapped for the records readers (domain/records_key.py)
    "records.key": ActionRule(
        Action.CASE_KEYS_MIGRATE,
        {"public_key": str, "key_id": str, "wraps": list},
        {
            "settings": TableRule(
                frozenset({"key", "value"}),
                new=True,
                bind={"key": const(rk.SETTING), "value": from_payload("public_key")},
                count=1,
            )
        },
        (_case_key_wraps, _records_key),
    ),
    "tsa.configure": ActionRule(
        Action.TSA_CONFIGURE,
        {"name": str, "url": str},
        {
            "tsa_authorities": TableRule(
                _TSA_COLUMNS,
                new=None,
                bind={"name": from_payload("name"), "url": from_payload("url")},
                count=1,
            )
        },
    ),
    "timestamp.add": ActionRule(
        Action.STAMP,
        {"checkpoint_size": int, "checkpoint_root": str, "tsa": str, "gen_time": str},
        {
            "timestamps": TableRule(
                _TIMESTAMP_COLUMNS,
                new=True,
                bind={
                    "stamped_by": ACTOR,
                    "checkpoint_size": from_payload("checkpoint_size"),
                    "checkpoint_root": from_payload("checkpoint_root"),
                    "tsa_name": from_payload("tsa"),
                    "gen_time": from_payload("gen_time"),
                },
                count=1,
            )
        },
        (_stamp_behind,),
    ),
    "case.create": ActionRule(
        Action.CASE_CREATE,
        {"case_no": str},
        {
            "cases": TableRule(
                _CASE_COLUMNS,
                new=True,
                bind={"case_no": from_payload("case_no"), "created_by": ACTOR},
                count=1,
            )
        },
        (_case_key_wraps,),  # per-case keys: the new case's key, wrapped for its readers
    ),
    "case.edit": ActionRule(
        Action.CASE_EDIT,
        {"case_no": str, "before": dict},
        {
            "cases": TableRule(
                frozenset({"case_no", *CASE_EDITABLE}),
                new=False,
                bind={"case_no": from_payload("case_no")},
                count=1,
            )
        },
    ),
    "case.import": ActionRule(
        Action.CASE_IMPORT,
        {"file_name": str, "count": int},
        {"cases": TableRule(_CASE_COLUMNS, new=True, bind={"created_by": ACTOR})},
        (_case_key_wraps, _records_sealed),
    ),
    # a store from before per-case keys: each case gets a key, its personal columns sealed
    "case_keys.migrate": ActionRule(
        Action.CASE_KEYS_MIGRATE,
        {"reason": str, "cases": int, "wraps": list},
        {
            "cases": TableRule(frozenset({"case_no", *SEALED_CASE_COLUMNS}), new=False),
            "contacts": TableRule(frozenset({"id", "handle", *SEALED_CONTACT_COLUMNS}), new=False),
            "tags": TableRule(frozenset({"id", *SEALED_TAG_COLUMNS}), new=False),
            "imports": TableRule(frozenset({"id", *SEALED_IMPORT_COLUMNS}), new=False),
            "items": TableRule(frozenset({"id", *SEALED_ITEM_COLUMNS}), new=False),
        },
        (_case_key_wraps, _sealed_columns),
    ),
    # an older store's originals re-encrypted under their cases' keys: a copy per case, and
    # the file under the store key no longer there (services/case_blobs.py)
    "case_keys.migrate_blobs": ActionRule(
        Action.CASE_KEYS_MIGRATE,
        {"reason": str, "cases": int, "copies": int},
        {
            "case_blobs": _NEW_CASE_BLOBS,
            "blobs": TableRule(frozenset({"sha256", "name"}), new=False, bind={"name": const("")}),
        },
        (_blob_migration,),
    ),
    "contact.request": ActionRule(
        Action.CONTACT_REQUEST,
        {"contact_id": str, "case_no": str, "channel": str, "documents": list},
        {
            "blobs": _NEW_BLOBS,
            "case_blobs": _NEW_CASE_BLOBS,
            "items": _items(),
            "contacts": TableRule(
                CONTACT_COLUMNS,
                new=True,
                bind={
                    "id": _CONTACT_ID,
                    "case_no": from_payload("case_no"),
                    "channel": from_payload("channel"),
                    "status": const(ContactStatus.REQUESTED.value),
                    "requested_by": ACTOR,
                    "decided_by": const(None),
                    "decided_at": const(None),
                    "decision_note": const(None),
                    "expires_at": const(None),
                    "revoked_by": const(None),
                    "revoked_at": const(None),
                    "revoke_note": const(None),
                },
                count=1,
                optional=_HANDLE_TEXT,
            ),
        },
        (_request, _blobs_on_record, _case_blobs),
    ),
    "contact.approve": ActionRule(
        Action.CONTACT_DECIDE,
        {
            "contact_id": str,
            "request_entry_hash": str,
            "request_seq": int,
            "documents_seen": list,
            "cosignature": dict,
        },
        {
            "contacts": TableRule(
                frozenset(
                    {"id", "status", "decided_by", "decided_at", "decision_note", "expires_at"}
                ),
                new=False,
                bind={
                    "id": _CONTACT_ID,
                    "status": const(ContactStatus.APPROVED.value),
                    "decided_by": ACTOR,
                },
                count=1,
            )
        },
        (_decision,),
    ),
    "contact.reject": ActionRule(
        Action.CONTACT_DECIDE,
        {"contact_id": str, "request_entry_hash": str, "note": str},
        {
            "contacts": TableRule(
                frozenset({"id", "status", "decided_by", "decided_at", "decision_note"}),
                new=False,
                bind={
                    "id": _CONTACT_ID,
                    "status": const(ContactStatus.REJECTED.value),
                    "decided_by": ACTOR,
                },
                count=1,
            )
        },
        (_decision,),
    ),
    "contact.revoke": ActionRule(
        Action.CONTACT_DECIDE,
        {"contact_id": str, "note": str},
        {
            "contacts": TableRule(
                frozenset({"id", "status", "revoked_by", "revoked_at", "revoke_note"}),
                new=False,
                bind={
                    "id": _CONTACT_ID,
                    "status": const(ContactStatus.REVOKED.value),
                    "revoked_by": ACTOR,
                },
                count=1,
            )
        },
        (_decision,),
    ),
    "evidence.attach": ActionRule(
        Action.EVIDENCE_ADD,
        {"contact_id": str, "role": str, "files": list},
        {
            "blobs": _NEW_BLOBS,
            "case_blobs": _NEW_CASE_BLOBS,
            "items": _items(from_payload("role")),
        },
        (_evidence, _blobs_on_record, _case_blobs),
    ),
    "evidence.import": ActionRule(
        Action.EVIDENCE_ADD,
        {"contact_id": str},
        {
            "blobs": _NEW_BLOBS,
            "case_blobs": _NEW_CASE_BLOBS,
            "items": _items(),
            "imports": TableRule(
                _IMPORT_COLUMNS,
                new=True,
                bind={"contact_id": _CONTACT_ID, "imported_by": ACTOR},
            ),
        },
        (_evidence, _blobs_on_record, _case_blobs),
    ),
    # a screenshot read by OCR (issue 22): derived data, sealed beside the item under the case
    # key (table ocr_results, not projected); the entry records only codes and digests (the
    # result's, the engine's version, each model file's), so verify can read it again
    "ocr.read": ActionRule(
        Action.OCR_READ,
        {
            "item_id": str,
            "contact_id": str,
            "sha256": str,
            "results_sha256": str,
            "lines": int,
            "engine": str,
            "engine_version": str,
            "models": dict,
        },
        {},
        (_ocr_item,),
    ),
    "review.tag": ActionRule(
        Action.REVIEW_TAG,
        {"tag_id": str, "tag": str, "contact_id": str, "target": dict},
        {
            "tags": TableRule(
                _TAG_COLUMNS,
                new=True,
                bind={
                    "id": from_payload("tag_id"),
                    "tag": from_payload("tag"),
                    "contact_id": _CONTACT_ID,
                    "created_by": ACTOR,
                    "removed_by": const(None),
                    "removed_at": const(None),
                    "remove_note": const(None),
                },
                count=1,
            )
        },
        (_case_of_tag,),
    ),
    "review.untag": ActionRule(
        Action.REVIEW_TAG,
        {"tag_id": str},
        {
            "tags": TableRule(
                frozenset({"id", "removed_by", "removed_at", "remove_note"}),
                new=False,
                bind={"id": from_payload("tag_id"), "removed_by": ACTOR},
                count=1,
            )
        },
        (_untag,),
    ),
    "conduct.ack": ActionRule(
        Action.CONDUCT_ACK,
        {"finding_id": str, "rule": str, "contact_id": str},
        {
            "conduct_acks": TableRule(
                _ACK_COLUMNS,
                new=True,
                bind={
                    "finding_id": from_payload("finding_id"),
                    "rule": from_payload("rule"),
                    "contact_id": _CONTACT_ID,
                    "acked_by": ACTOR,
                },
                count=1,
            )
        },
        (_ack_detail,),
    ),
    "bundle.export": ActionRule(
        Action.BUNDLE_EXPORT, {"bundle_id": str, "case_no": str}, {}, (_export,)
    ),
    # -- PAdES signatures of the filed PDF (issue 21 item 1): the certificates and the digests
    # of their sealed keys are facts of the entries; the keys themselves sit in signing_certs --
    "signing.ca_create": ActionRule(Action.SIGNING_CA_CREATE, _SIGNING_CERT_FACTS, {}),
    "signing.cert_issue": ActionRule(
        Action.SIGNING_CERT_ISSUE,
        {**_SIGNING_CERT_FACTS, "user": str, "ca_sha256": str},
        {},
        (_signing_holder,),
    ),
    "signing.cert_import": ActionRule(
        Action.SIGNING_CERT_IMPORT,
        {**_SIGNING_CERT_FACTS, "user": str},
        {},
        (_own_certificate, _signing_holder),
    ),
    # -- minimisation (PI-6): the legal team prints account numbers in clear, with a reason --
    "bundle.unmask": ActionRule(
        Action.BUNDLE_UNMASK,
        {"case_no": str, "reason": str, "detector": str},
        {},
        (_unmask, _records_sealed),
    ),
    # -- retention and legal hold (issue 18 item 2) --
    "case.close": ActionRule(
        Action.CASE_CLOSE,
        {"case_no": str, "reason": str},
        {
            "case_closures": TableRule(
                CLOSURE_COLUMNS,
                new=True,
                bind={
                    "case_no": from_payload("case_no"),
                    "closed_by": ACTOR,
                    "reason": from_payload("reason"),
                },
                count=1,
            )
        },
        (_close,),
    ),
    "hold.add": ActionRule(
        Action.LEGAL_HOLD,
        {"hold_id": str, "case_no": str, "reason": str},
        {
            "holds": TableRule(
                HOLD_COLUMNS,
                new=True,
                bind={
                    "id": from_payload("hold_id"),
                    "case_no": from_payload("case_no"),
                    "placed_by": ACTOR,
                    "reason": from_payload("reason"),
                    "lifted_by": const(None),
                    "lifted_at": const(None),
                    "lift_reason": const(None),
                },
                count=1,
            )
        },
        (_hold_add,),
    ),
    "hold.lift": ActionRule(
        Action.LEGAL_HOLD,
        {"hold_id": str, "case_no": str, "reason": str},
        {
            "holds": TableRule(
                frozenset({"id", "lifted_by", "lifted_at", "lift_reason"}),
                new=False,
                bind={
                    "id": from_payload("hold_id"),
                    "lifted_by": ACTOR,
                    "lift_reason": from_payload("reason"),
                },
                count=1,
            )
        },
        (_hold_lift,),
    ),
    # -- shredding (issue 18 item 3): the tombstone. Its rows are the one shreddings row; what
    # was destroyed is in its payload (counts, digests, the blobs destroyed, the entries
    # redacted), which verify checks against what remains (services/shredding.py).
    "case.shred": ActionRule(
        Action.CASE_SHRED,
        {
            "case_no": str,
            "basis": str,
            "reason": str,
            "counts": dict,
            "digests": dict,
            "blobs": list,
            "redacted": list,
        },
        {
            "shreddings": TableRule(
                SHREDDING_COLUMNS,
                new=True,
                bind={
                    "case_no": from_payload("case_no"),
                    "shredded_by": ACTOR,
                    "basis": from_payload("basis"),
                    "reason": from_payload("reason"),
                    "request_sha256": from_payload("request_sha256"),
                },
                count=1,
            )
        },
        (_shred,),
    ),
    # -- PIPL records (issue 18 item 5) --
    # written with the export, in the same transaction, by whoever may export
    "processing.record": ActionRule(
        Action.BUNDLE_EXPORT,
        {"record_id": str, "case_no": str, "bundle_id": str},
        {
            "processing_records": TableRule(
                pipl.PROCESSING_COLUMNS,
                new=True,
                bind={
                    "id": from_payload("record_id"),
                    "case_no": from_payload("case_no"),
                    "bundle_id": from_payload("bundle_id"),
                    "recorded_by": ACTOR,
                },
                count=1,
            )
        },
        (_processing, _records_sealed),
    ),
    "breach.add": ActionRule(
        Action.BREACH_FILE,
        {"breach_id": str},
        {
            "breach_records": TableRule(
                pipl.BREACH_COLUMNS,
                new=True,
                bind={"id": from_payload("breach_id"), "filed_by": ACTOR},
                count=1,
            )
        },
        (_breach, _records_sealed),
    ),
}
"""action -> its rule. An action not listed here is refused (and reported by verify)."""


# -- judging one entry ---------------------------------------------------------------------------

_KIND_NAMES = {str: "text", int: "a number", list: "a list", dict: "an object"}
#: the actions whose actor the entry itself introduces (the founding admin, a joining user):
#: the first entry of a device is one of them, and only they may be written by a non-user
SELF_INTRODUCED = frozenset({"store.init", "device.join"})


def check(
    state: State, seq: int, at: str, actor: str, action: str, payload: object
) -> list[Violation]:
    """Every rule the entry breaks, judged against ``state`` (the tables before the entry).

    Returns an empty list for an entry its actor was allowed to write. ``payload`` is the
    entry's parsed payload, row changes (``rows``) included."""
    rule = ACTIONS.get(action)
    if rule is None:
        return [Violation("authority.action", _said("authority.unknown_action", action=action))]
    if type(payload) is not dict:
        return [Violation("authority.payload", _said("authority.payload_not_object"))]
    found: list[Violation] = []
    if seq == 1 and action not in SELF_INTRODUCED:
        found.append(Violation("authority.store_init", _said("authority.first_is_init")))
    if action not in SELF_INTRODUCED:
        user = state.row("users", actor)
        if user is None:
            # nothing else can be judged for someone the ledger never introduced
            return [Violation("authority.actor", _said("authority.unknown_actor", actor=actor))]
        if not user.get("active"):
            found.append(
                Violation("authority.inactive", _said("authority.inactive_actor", actor=actor))
            )
        if rule.roles is not None and user.get("role") not in rule.roles:
            assert rule.permission is not None
            found.append(Violation("permission", denial(str(user.get("role")), rule.permission)))
    for name, kind in rule.fields:
        if type(payload.get(name)) is not kind:  # JSON gives exact types; a bool is no number
            found.append(
                Violation(
                    "authority.payload",
                    _said(
                        "authority.payload_field",
                        field=name,
                        kind=_KIND_NAMES.get(kind, "valid"),
                    ),
                )
            )
    rows = _check_rows(state, actor, action, payload, rule, found)
    retired = retired_entry(state, seq)
    if retired is not None:
        found.append(retired)
    if action != "case.shred":
        shredded = _shredded(state, payload)
        if shredded is not None:
            found.append(shredded)
    if rule.record:
        entry = Entry(seq, at, actor, action, payload, rows)
        for record in rule.record:
            found.extend(v for v in record(state, entry) if v is not None)
    return found


def _check_rows(
    state: State,
    actor: str,
    action: str,
    payload: Mapping[str, Any],
    rule: ActionRule,
    found: list[Violation],
) -> list[Mapping[str, Any]]:
    """Check the row changes against the action's tables; returns the well-formed ones."""
    changes = payload.get("rows", [])
    if type(changes) is not list:
        found.append(Violation("authority.rows", _said("authority.rows_not_list")))
        return []
    tables = rule.tables
    well_formed: list[Mapping[str, Any]] = []
    put_tables: list[str] = []
    for change in changes:
        if type(change) is not dict or type(change.get("row")) is not dict:
            found.append(Violation("authority.rows", _said("authority.row_malformed")))
            continue
        table, op, row = change.get("table"), change.get("op"), change["row"]
        spec = tables.get(table)  # type: ignore[arg-type]
        if spec is None:
            found.append(
                Violation(
                    "authority.schema",
                    _said("authority.table_forbidden", action=action, table=table),
                )
            )
            continue
        if op != "put":
            found.append(
                Violation(
                    "authority.schema",
                    _said("authority.op_forbidden", action=action, op=op, table=table),
                )
            )
            continue
        assert isinstance(table, str)
        put_tables.append(table)
        _check_row(state, actor, action, payload, table, spec, row, found)
        well_formed.append(change)
    for table, count in rule.counted:
        if put_tables.count(table) != count:
            found.append(
                Violation(
                    "authority.schema", _said("authority.one_row", action=action, table=table)
                )
            )
    return well_formed


def same_row(held: Mapping[str, Any] | None, row: Mapping[str, Any]) -> bool:
    """Does the row on record hold exactly ``row``'s values (and types: 1 is not True)?"""
    if held is None:
        return False
    for column, value in row.items():
        if column not in held:
            return False
        kept = held[column]
        if kept != value or type(kept) is not type(value):
            return False
    return True


def same_file(spec: TableRule, held: Mapping[str, Any] | None, row: Mapping[str, Any]) -> bool:
    """A re-record of the row on record: every value equal but for the columns that name how
    this record uses it (``spec.usage``)."""
    return same_row(held, {c: v for c, v in row.items() if c not in spec.usage})


def _check_row(
    state: State,
    actor: str,
    action: str,
    payload: Mapping[str, Any],
    table: str,
    spec: TableRule,
    row: Mapping[str, Any],
    found: list[Violation],
) -> None:
    if not spec.columns.issuperset(row):
        extra = row.keys() - spec.columns
        found.append(
            Violation(
                "authority.schema",
                _said(
                    "authority.columns_forbidden",
                    action=action,
                    columns=", ".join(sorted(extra)),
                    table=table,
                ),
            )
        )
    key = row.get(spec.key)
    complete = spec.columns.issubset(row)
    # a whole row that may be new or not (a setting, a TSA's configuration) needs no look-up
    held = None if spec.new is None and complete else state.row(table, key)
    exists = None if spec.new is None and complete else held is not None
    if spec.new is True and exists and not (spec.again and complete and same_file(spec, held, row)):
        found.append(
            Violation(
                "authority.schema",
                _said("authority.row_exists", action=action, table=table, key=key),
            )
        )
    elif spec.new is False and not exists:
        found.append(
            Violation(
                "authority.schema",
                _said("authority.row_unknown", action=action, table=table, key=key),
            )
        )
    missing = spec.columns - row.keys() - spec.optional
    if exists is False and missing:
        found.append(
            Violation(
                "authority.schema",
                _said(
                    "authority.columns_missing",
                    action=action,
                    columns=", ".join(sorted(missing)),
                    table=table,
                ),
            )
        )
    for column, source, name in spec.bindings:
        if source is _ACTOR:
            expected: object = actor
        elif source is _PAYLOAD:
            expected = payload.get(name)
        else:
            expected = name
        value = row.get(column)
        if value != expected or type(value) is not type(expected):
            found.append(
                Violation(
                    "authority.schema",
                    _said(
                        "authority.bound_column",
                        table=table,
                        column=column,
                        expected=repr(expected),
                        value=repr(value),
                    ),
                )
            )
