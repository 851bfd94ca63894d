"""A device's side of the hub's signed receipts: the pinned hub key, keeping receipts, and
holding the hub to them when it pulls.

- **The pin.** ``hub-key.json`` in the store folder (``{"hub_id", "receipt_key"}``), beside
  ``hub.json`` and ``hub-ca.pem``: written by ``hub init`` on the founding admin's store (it
  made the key) and at ``join`` (``GET /v1/hub``, over the pinned TLS CA, before the device
  enrols); a store bound before receipts existed pins at its next sync. A hub that later
  answers with another key is refused (``receipt.hub_key_changed``) unless signed rotations
  (integrity/hub_key_rotation.py) lead from the pinned key to it: receipts are only worth
  something under keys the pinned one handed its trust to. The pin then keeps the rotations
  (``rotations``), and a retired key still verifies what it signed before its retirement.
- **Keeping.** Each push's answer carries the hub's receipts (integrity/receipts.py says what
  they state). A receipt whose signature does not verify under the pinned key, or that names
  another hub or device, is refused (``receipt.signature``, ``receipt.other_device``) and not
  kept; one that verifies is kept in ``hub_receipts`` (migration 15, append-only) as signed,
  whatever it states: verify (services/receipt_checks.py) then compares it with the device's
  own entries, so a hub that acknowledged something else is provable.
- **Pulling.** Before a pulled page is applied, the positions it gives this device's own
  entries must be the ones the receipts state (``receipt.denied``, nothing of the page
  written): a hub that dropped or moved an entry it acknowledged is caught by the device
  even before the entry reached the device's positions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import hub_key_rotation
from evidence_desk.integrity import receipts as hub_receipt
from evidence_desk.integrity.hub_key_rotation import Rotation
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.services.receipt_checks import (
    PIN_FILE,
    HubPin,
    own_positions,
    pinned,
    placed_as_receipted,
)
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.lock import WriterLock

_said = Catalogue(
    {
        "receipt.hub_key_changed": "the hub {hub_id} answers with receipt key {key}, not the key "
        "{pinned} this store pinned: its receipts are not accepted",
        "receipt.hub_not_pinned": "this store has pinned no hub key: the hub's receipts cannot be "
        "checked",
        "receipt.bad_signature": "a receipt from the hub (entries {seq_from} to {seq_to}) is not "
        "signed by the pinned hub key",
        "receipt.malformed_from_hub": "a receipt from the hub is not one this release reads",
        "receipt.hub_other_device": "a receipt from the hub names hub {hub_id} and device "
        "{device}, not this store",
        "receipt.denied": "the hub places this device's entries {seq_from} to {seq_to} otherwise "
        "than its signed receipt states: nothing is pulled from it",
    }
)


def pin(folder: StoreFolder, found: HubPin, rotations: Sequence[Rotation] = ()) -> HubPin:
    """Pin ``found``; the same pin again changes nothing. Another key is taken only through an
    unbroken chain of ``rotations`` (each signed by the key before it and by the next) from the
    pinned key: the retired keys are kept with their rotations, so what they signed before
    still verifies. Any other key is refused (``receipt.hub_key_changed``)."""
    held = pinned(folder)
    if held is not None:
        if (held.hub_id, held.receipt_key) == (found.hub_id, found.receipt_key):
            return held
        try:
            if found.hub_id != held.hub_id:
                raise hub_key_rotation.MalformedRotation("another hub")
            steps = hub_key_rotation.chain(
                held.hub_id, held.receipt_key, found.receipt_key, rotations
            )
        except hub_key_rotation.MalformedRotation:
            raise RuleViolation(
                "receipt.hub_key_changed",
                _said(
                    "receipt.hub_key_changed",
                    hub_id=found.hub_id,
                    key=found.receipt_key,
                    pinned=held.receipt_key,
                ),
            ) from None
        found = HubPin(held.hub_id, found.receipt_key, (*held.retired, *steps))
    else:
        found = HubPin(found.hub_id, found.receipt_key)  # a new pin trusts today's key only
    body = json.dumps(found.as_json(), indent=2).encode("utf-8")
    atomic_write(folder.path / PIN_FILE, body)
    return found


def hub_pin(client: HubClient) -> tuple[HubPin, list[Rotation]]:
    """What the hub says its id and receipt key are (``GET /v1/hub``), with the signed
    rotations that lead to that key (each checked when it is parsed)."""
    answer = client.get("/v1/hub")
    try:
        rotations = [hub_key_rotation.parse(r) for r in answer.get("rotations", [])]
    except hub_key_rotation.MalformedRotation:
        rotations = []  # then only the pinned key itself is accepted
    return HubPin(str(answer["hub_id"]), str(answer["receipt_key"])), rotations


def ensure_pinned(folder: StoreFolder, client: HubClient) -> HubPin:
    """The pin, asking the hub for it when the store has none yet; a new key only through a
    chain of rotations from the pinned one, otherwise refused."""
    found, rotations = hub_pin(client)
    return pin(folder, found, rotations)


# -- keeping -------------------------------------------------------------------------------------


def keep(session: Session, rows: Iterable[Mapping[str, Any]] | None) -> int:
    """Keep the receipts of a push's answer (``hub_receipts``) that the store lacks, in one
    transaction under the writer lock; returns how many were new. Refused, keeping none, when
    one is not the pinned hub's receipt for this store."""
    try:
        found = [hub_receipt.SignedReceipt(str(r["body"]), str(r["signature"])) for r in rows or ()]
    except (KeyError, TypeError):
        raise RuleViolation("receipt.malformed", _said("receipt.malformed_from_hub")) from None
    if not found:
        return 0
    held = pinned(session.folder)
    if held is None:
        raise RuleViolation("receipt.not_pinned", _said("receipt.hub_not_pinned"))
    statements = [_checked(session, held, receipt) for receipt in found]
    conn = session.conn
    lock = WriterLock(
        session.folder.path, session.user.name, "receipts", wait_seconds=session.lock_wait_seconds
    )
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = store(conn, found, statements, session.now())
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return added


def store(
    conn: db.Connection,
    found: Sequence[hub_receipt.SignedReceipt],
    statements: Sequence[hub_receipt.Statement],
    now: str,
) -> int:
    """Insert the receipts not held yet (inside the caller's transaction)."""
    added = 0
    for receipt, statement in zip(found, statements, strict=True):
        cursor = conn.execute(
            "INSERT OR IGNORE INTO hub_receipts (seq_from, seq_to, body, signature, kept_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (statement.seq_from, statement.seq_to, receipt.body, receipt.signature, now),
        )
        added += int(cursor.rowcount or 0)
    return added


def _checked(
    session: Session, held: HubPin, receipt: hub_receipt.SignedReceipt
) -> hub_receipt.Statement:
    try:
        statement = hub_receipt.parse(receipt.body)
    except hub_receipt.MalformedReceipt:
        raise RuleViolation("receipt.malformed", _said("receipt.malformed_from_hub")) from None
    if not any(
        hub_receipt.signature_valid(key, receipt) for key in held.keys_at(statement.accepted_at)
    ):
        raise RuleViolation(
            "receipt.signature",
            _said("receipt.bad_signature", seq_from=statement.seq_from, seq_to=statement.seq_to),
        )
    device = session.folder.store_id
    if statement.device_id != device or statement.hub_id != held.hub_id:
        raise RuleViolation(
            "receipt.other_device",
            _said("receipt.hub_other_device", hub_id=statement.hub_id, device=statement.device_id),
        )
    return statement


# -- holding the hub to them ---------------------------------------------------------------------


def check_page(session: Session, page: Sequence[OrgEntry]) -> None:
    """Refuse a pulled page (``receipt.denied``) that places this device's own entries
    otherwise than a kept receipt states (checked for every receipt the page completes)."""
    device = session.folder.store_id
    fresh = {
        item.entry.seq: (str(item.entry.entry_hash), item.org_seq, item.verdict)
        for item in page
        if item.device_id == device and type(item.entry.seq) is int
    }
    if not fresh:
        return
    conn = session.conn
    placed = {**own_positions(conn), **fresh}
    low, high = min(fresh), max(fresh)
    for row in conn.execute(
        "SELECT body FROM hub_receipts WHERE seq_to >= ? AND seq_from <= ?", (low, high)
    ):
        try:
            statement = hub_receipt.parse(str(row[0]))
        except hub_receipt.MalformedReceipt:
            continue  # verify reports it
        if placed_as_receipted(statement, placed) is False:
            raise RuleViolation(
                "receipt.denied",
                _said("receipt.denied", seq_from=statement.seq_from, seq_to=statement.seq_to),
            )
