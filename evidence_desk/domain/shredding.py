"""Crypto-shredding a case (PIPL art. 47, CC-9): what is personal, and how it is redacted.

Shredding destroys a case's content (message text, originals, personal columns, the personal
values in its ledger payloads) and keeps every hash, commitment, signature and ledger entry, so
``verify`` still checks the chain. This module is the one definition of *what* is destroyed,
shared by the shredding service (which redacts), the rule table (which binds the tombstone) and
``verify`` (which checks that nothing redacted reappears). Pure functions over JSON values.

Redaction replaces each personal value by :data:`MARKER`. A contact's handle becomes
``MARKER:<contact id>`` instead, so that two shredded contacts on one channel are still two
chats for the one-matter-per-chat rule when ``verify`` replays their requests.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MARKER = "[shredded]"

#: columns and payload fields that hold personal data (the debtor's, a contact's, or free text
#: that may quote either). Everything else (ids, hashes, codes, times, actors) is kept.
PERSONAL_KEYS = frozenset(
    {
        # cases
        "debtor_name",
        "debtor_id_number",
        "loan_ref",
        "product",
        "amount_overdue",
        "overdue_since",
        # contacts
        "handle",
        "handle_text",
        "display_name",
        "relation_justification",
        "decision_note",
        "revoke_note",
        # items, documents, imports
        "file_name",
        "main_member",
        "members",
        "our_account",
        "details",
        "title",
        "participants",
        # free text: tags, acknowledgements, closures, holds, decisions
        "note",
        "remove_note",
        "detail",
        "reason",
        "lift_reason",
    }
)

#: the message columns that hold content (text, who said it, what was attached), replaced on
#: shredding; fingerprint, salt, commitment, time, direction and kind are kept
MESSAGE_CONTENT: Mapping[str, str | None] = {
    "text": MARKER,
    "time_text": MARKER,
    "sender": MARKER,
    "sender_id": None,
    "raw": None,
    "native_id": None,
    "reply_to": None,
    "attachments": "[]",
}

#: projected tables that hold rows of a case: the column that ties a row to the case (directly
#: or through its contact) and the row's key column
CASE_TABLES: Mapping[str, tuple[str, str]] = {
    "cases": ("case_no", "case_no"),
    "contacts": ("case_no", "id"),
    "items": ("contact_id", "id"),
    "imports": ("contact_id", "id"),
    "tags": ("case_no", "id"),
    "conduct_acks": ("case_no", "finding_id"),
    "case_closures": ("case_no", "case_no"),
    "holds": ("case_no", "id"),
}
#: payload fields that name one of the case's rows (an entry is the case's own when one does)
_OWN_FIELDS = {
    "case_no": "cases",
    "contact_id": "contacts",
    "tag_id": "tags",
    "hold_id": "holds",
    "finding_id": "conduct_acks",
}

BASES = ("expired", "request")
#: a redacted read log row's detail (canonical JSON text): what the search was, which file was
#: viewed, replaced on every device that holds the case
READ_REDACTED = '{"redacted":"[shredded]"}'
SHREDDING_COLUMNS = frozenset(
    {"case_no", "shredded_by", "shredded_at", "basis", "reason", "request_sha256"}
)


def handle_marker(contact_id: object) -> str:
    return f"{MARKER}:{contact_id}"


def redact_value(key: str, value: Any, contact_id: object = None) -> Any:
    """The redacted form of one personal value (None and non-text values stay: they name
    nothing)."""
    if key not in PERSONAL_KEYS or value is None:
        return value
    if key == "handle" and contact_id is not None:
        return handle_marker(contact_id)
    if isinstance(value, str | list | dict):
        return MARKER
    return value


def redact_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A projected row with its personal columns replaced (a contact's handle by its own
    marker)."""
    contact_id = row.get("id") if table == "contacts" else None
    return {key: redact_value(key, value, contact_id) for key, value in row.items()}


def redact(value: Any) -> Any:
    """A JSON value with every personal value replaced, at any depth."""
    if isinstance(value, dict):
        return {
            k: redact_value(k, v) if k in PERSONAL_KEYS else redact(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class CaseRows:
    """The keys of a case's rows, per table: what decides whether a ledger entry, or a row
    change in it, is about the case (a partial row, such as a hold lifted or a tag withdrawn,
    names only its key)."""

    case_no: str
    keys: Mapping[str, frozenset[Any]]

    @property
    def contacts(self) -> frozenset[Any]:
        return self.keys.get("contacts", frozenset())

    def owns(self, change: Any) -> bool:
        """Whether a row change (``{table, op, row}``) puts a row of the case."""
        if not isinstance(change, dict) or not isinstance(change.get("row"), dict):
            return False
        spec = CASE_TABLES.get(str(change.get("table")))
        if spec is None:
            return False
        row = change["row"]
        owner = row.get(spec[0])
        with contextlib.suppress(TypeError):  # an unhashable value written outside the app
            if row.get(spec[1]) in self.keys.get(str(change["table"]), frozenset()):
                return True
            return owner == self.case_no or (spec[0] == "contact_id" and owner in self.contacts)
        return False

    def own_entry(self, payload: Mapping[str, Any]) -> bool:
        """Whether the entry itself is the case's (a field at its top names one of its rows)."""
        for name, table in _OWN_FIELDS.items():
            value = payload.get(name)
            if isinstance(value, str) and value in self.keys.get(table, frozenset()):
                return True
        return False

    def needles(self) -> frozenset[str]:
        """Text every payload about the case contains one of (a first, cheap filter)."""
        return frozenset(str(k) for keys in self.keys.values() for k in keys)


def case_rows(case_no: str, tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> CaseRows:
    """The keys of ``case_no``'s rows among ``tables`` (table -> its rows)."""
    contacts = frozenset(
        r.get("id") for r in tables.get("contacts", ()) if r.get("case_no") == case_no
    )
    keys: dict[str, frozenset[Any]] = {}
    for table, (owner, key) in CASE_TABLES.items():
        keys[table] = frozenset(
            r.get(key)
            for r in tables.get(table, ())
            if r.get(owner) == case_no or (owner == "contact_id" and r.get(owner) in contacts)
        )
    return CaseRows(case_no, keys)


def redact_payload(payload: Any, rows: CaseRows) -> Any:
    """A ledger payload with the personal values of the case replaced: its rows of the case's
    tables by their table's rule (:func:`redact_row`), and, when the entry is the case's own,
    every personal field. Rows of other cases in the same entry (a case list import) are
    kept."""
    if not isinstance(payload, dict):
        return payload
    own = rows.own_entry(payload)
    redacted: dict[str, Any] = {}
    for key, value in payload.items():
        if key == "rows" and isinstance(value, list):
            redacted[key] = [
                {**change, "row": redact_row(str(change["table"]), change["row"])}
                if rows.owns(change)
                else change
                for change in value
            ]
        elif own:
            redacted[key] = redact_value(key, value) if key in PERSONAL_KEYS else redact(value)
        else:
            redacted[key] = value
    return redacted


def concerns(payload: Any, rows: CaseRows) -> bool:
    """Whether a ledger payload holds data of the case: the entry is its own, or it puts one of
    its rows."""
    if not isinstance(payload, dict):
        return False
    changes = payload.get("rows", ())
    return rows.own_entry(payload) or (
        isinstance(changes, list) and any(rows.owns(c) for c in changes)
    )


def is_redacted(table: str, row: Mapping[str, Any]) -> bool:
    """Whether a row of a shredded case holds no personal value any more."""
    return redact_row(table, row) == dict(row)


def redact_tables(tables: Mapping[str, dict[Any, dict[str, Any]]], case_no: str) -> None:
    """Redact, in place, the rows of ``case_no`` among replayed ``tables`` (table -> key ->
    row): what a replay does at an accepted tombstone. The shredding device's own payloads were
    redacted with its tombstone, so its rows already are; another device's entries about the
    case stay as they were signed (append-only evidence; their personal fields are sealed under
    the destroyed case key), so every device's replay redacts their rows here, as each store's
    tables are."""
    owned = case_rows(case_no, {table: list(tables[table].values()) for table in CASE_TABLES})
    for table, (_owner, key_column) in CASE_TABLES.items():
        keys = owned.keys.get(table, frozenset())
        if not keys:
            continue
        for key, row in tables[table].items():
            if row.get(key_column) in keys:
                tables[table][key] = redact_row(table, row)
