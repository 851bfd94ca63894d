"""Which entries of a store's own history hold personal values in clear.

A store joining an organisation with its history sends every entry it ever wrote to the hub
(docs/ARCHITECTURE.md, "Joining with an existing store"), and the hub must only ever hold
ciphertext. A store made by a release with per-case keys seals every personal column under
the case key, in its rows and in the payload fields that repeat them; a store made before
(tests/fixtures/release_store), or one whose old notes predate the sealing of that column,
keeps those values in clear in its old entries: the migration seals the rows, but the ledger
is append-only and cannot be rewritten. Such a history must not reach a hub. This is the one
place that says which values count, used by the device before it sends anything
(services/join_existing.py) and by the hub when it judges the history (hub/pre_org.py).

What counts (the columns ARCHITECTURE's "Per-case keys" table calls sealed):

- in a row an entry puts, a column of ``SEALED_ROW_COLUMNS`` holding a non-empty string that
  is not sealed (``edk1:``), and a contact's ``handle`` that is not a keyed digest (``hx1:``);
- in the payload fields the contact, evidence, review and conduct entries repeat beside their
  rows (a document's file name, a decision's note, an untag note), a key of
  ``SEALED_PAYLOAD_KEYS`` holding such a string.

The documented clear columns (a loan reference, a product, amounts and dates, the reasons of
holds, closures and shreddings, an acknowledgement's detail) are not counted: they are clear
by design on every device and the hub. Values a shredding replaced (``[shredded]``) are not
personal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain import authority
from evidence_desk.domain.shredding import MARKER

#: table -> its columns a release with per-case keys seals (authority's lists, as the write
#: path's ``case_key.sealed`` rule and verify's field check read them)
SEALED_ROW_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "cases": authority.SEALED_CASE_COLUMNS,
    "contacts": authority.SEALED_CONTACT_COLUMNS,
    "tags": authority.SEALED_TAG_COLUMNS,
    "imports": authority.SEALED_IMPORT_COLUMNS,
    "items": authority.SEALED_ITEM_COLUMNS,
    "conduct_acks": authority.SEALED_ACK_COLUMNS,
}
#: the actions whose payload repeats sealed values beside its rows, and the keys that hold them
PAYLOAD_ACTIONS = frozenset(
    {
        "contact.request",
        "contact.approve",
        "contact.reject",
        "contact.revoke",
        "evidence.attach",
        "evidence.import",
        "review.tag",
        "review.untag",
    }
)
SEALED_PAYLOAD_KEYS = frozenset({"file_name", "note", "remove_note"})


@dataclass(frozen=True, slots=True)
class ClearValue:
    """One personal value in clear: where (entry, action, table or ``payload``, column)."""

    seq: int
    action: str
    table: str
    column: str


def _clear(value: object) -> bool:
    return (
        isinstance(value, str)
        and value != ""
        and not value.startswith(authority.SEALED_PREFIX)
        and not value.startswith(MARKER)
    )


def _in_rows(seq: int, action: str, rows: object) -> Iterable[ClearValue]:
    if not isinstance(rows, list):
        return
    for change in rows:
        if not isinstance(change, dict) or not isinstance(change.get("row"), dict):
            continue
        table, row = str(change.get("table")), change["row"]
        for column in SEALED_ROW_COLUMNS.get(table, ()):
            if _clear(row.get(column)):
                yield ClearValue(seq, action, table, column)
        handle = row.get("handle")
        digest = str(handle).startswith(authority.HANDLE_INDEX_PREFIX)
        if table == "contacts" and _clear(handle) and not digest:
            yield ClearValue(seq, action, table, "handle")


def _in_payload(seq: int, action: str, value: Any) -> Iterable[ClearValue]:
    if isinstance(value, list):
        for item in value:
            yield from _in_payload(seq, action, item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key in ("rows", "wraps"):
                continue
            if key in SEALED_PAYLOAD_KEYS and _clear(inner):
                yield ClearValue(seq, action, "payload", key)
            else:
                yield from _in_payload(seq, action, inner)


def clear_values(seq: int, action: str, payload: Mapping[str, Any]) -> list[ClearValue]:
    """The personal values entry ``seq`` (``action``, its decoded ``payload``) holds in
    clear (see the module's docstring)."""
    found = list(_in_rows(seq, action, payload.get("rows")))
    if action in PAYLOAD_ACTIONS:
        found.extend(_in_payload(seq, action, dict(payload)))
    return found


@dataclass(frozen=True, slots=True)
class ClearHistory:
    """What a history holds in clear: how many entries and values, and the first one."""

    entries: int
    values: int
    first: ClearValue

    def facts(self) -> dict[str, object]:
        return {
            "entries": self.entries,
            "values": self.values,
            "seq": self.first.seq,
            "action": self.first.action,
            "field": f"{self.first.table}.{self.first.column}",
        }


def judge(entries: Iterable[tuple[int, str, Mapping[str, Any]]]) -> ClearHistory | None:
    """None when no entry of ``entries`` (seq, action, decoded payload) holds a personal value
    in clear; else how many and the first."""
    found = [
        value for seq, action, payload in entries for value in clear_values(seq, action, payload)
    ]
    if not found:
        return None
    return ClearHistory(len({v.seq for v in found}), len(found), found[0])
