"""verify's check of the hub's signed receipts this device kept (services/hub_receipts.py),
and what the device's side shares with it: the pinned hub key and the receipts' placements.

Each kept receipt must be signed by the pinned hub key, name this store and the pinned hub,
and state this device's own ledger as it is: the entry hash at its last seq and the Merkle
root after it (``receipt.entries``). Once this device holds the positions of every entry a
receipt covers, those positions and verdicts must be the receipt's (``receipt.placement``).
Receipts follow one another: two that cover one entry are ``receipt.overlap`` (the hub
receipted an entry twice: it lost or removed the first receipt). A store that kept no receipt
is not checked (a standalone store, or one bound before receipts existed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import hub_key_rotation, org_digest
from evidence_desk.integrity import receipts as hub_receipt
from evidence_desk.integrity.hub_key_rotation import Rotation
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.folder import StoreFolder

PIN_FILE: Final = "hub-key.json"

_said = Catalogue(
    {
        "receipt.pin_unreadable": "{path}: unreadable pinned hub key ({error})",
        "receipt.where": "hub receipt of entries {seq_from} to {seq_to}",
        "receipt.where_row": "hub receipt {id}",
        "receipt.no_pin": "the store keeps hub receipts but has pinned no hub key to check them",
        "receipt.signature": "not signed by the pinned hub key",
        "receipt.malformed": "not a receipt this release reads",
        "receipt.other_device": "names hub {hub_id} and device {device}, not this store",
        "receipt.entries": "the hub acknowledged entries this device does not hold as written "
        "(entry hash or Merkle root after entry {seq} differs)",
        "receipt.placement": "the hub placed these entries otherwise than its receipt states",
        "receipt.overlap": "covers entries an earlier receipt covers (up to {seq})",
    }
)


@dataclass(frozen=True, slots=True)
class HubPin:
    """The hub whose receipts a store accepts: its id and receipt key (hex Ed25519), and the
    keys it retired by signed rotations (integrity/hub_key_rotation.py), oldest first."""

    hub_id: str
    receipt_key: str
    retired: tuple[Rotation, ...] = ()

    def keys_at(self, moment: str) -> tuple[str, ...]:
        """The keys that may sign a statement dated ``moment`` (UTC, as the hub writes it):
        the current key, and each retired key for what it signed before its retirement."""
        return (self.receipt_key, *(r.old for r in self.retired if moment <= r.at))

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"hub_id": self.hub_id, "receipt_key": self.receipt_key}
        if self.retired:
            body["rotations"] = [r.as_json() for r in self.retired]
        return body


def pinned(folder: StoreFolder) -> HubPin | None:
    """The store's pinned hub key (``hub-key.json``), None when it pinned none. Its rotations
    must verify and lead, one after another, to the current key (else BadInput)."""
    path = folder.path / PIN_FILE
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text("utf-8"))
        retired = tuple(hub_key_rotation.parse(r) for r in body.get("rotations", []))
        pin = HubPin(str(body["hub_id"]), str(body["receipt_key"]), retired)
        if retired:
            steps = hub_key_rotation.chain(pin.hub_id, retired[0].old, pin.receipt_key, retired)
            if tuple(steps) != retired:
                raise hub_key_rotation.MalformedRotation("rotations out of order")
        return pin
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        said = _said("receipt.pin_unreadable", path=path, error=error)
        raise BadInput(str(path), "", said) from None


def own_positions(conn: db.Connection) -> dict[int, tuple[str, int, str]]:
    """This device's placed entries: seq -> (entry hash, org_seq, verdict)."""
    return {
        int(r[0]): (str(r[1]), int(r[2]), str(r[3]))
        for r in conn.execute(
            "SELECT l.seq, l.entry_hash, p.org_seq, p.verdict FROM org_positions p "
            "JOIN ledger l ON l.seq = p.seq"
        )
    }


def placed_as_receipted(
    statement: hub_receipt.Statement, placed: Mapping[int, tuple[str, int, str]]
) -> bool | None:
    """Do the positions ``placed`` (seq -> entry hash, org_seq, verdict) give the entries the
    receipt covers the places and verdicts it states? None while some are not placed yet."""
    rows = []
    for seq in range(statement.seq_from, statement.seq_to + 1):
        found = placed.get(seq)
        if found is None:
            return None
        rows.append((seq, *found))
    return org_digest.history_digest(rows) == statement.entries


def check_receipts(session: Session, replay: Replay) -> list[Finding]:
    """The findings about the kept receipts (see the module docstring)."""
    conn = session.conn
    rows = conn.execute(
        "SELECT id, body, signature FROM hub_receipts ORDER BY seq_to, id"
    ).fetchall()
    if not rows:
        return []
    held = pinned(session.folder)
    if held is None:
        return [
            Finding(
                "receipt.no_pin", _said("receipt.where_row", id=rows[0][0]), _said("receipt.no_pin")
            )
        ]
    findings: list[Finding] = []
    placed = own_positions(conn)
    covered = 0
    for row_id, body, signature in rows:
        receipt = hub_receipt.SignedReceipt(str(body), str(signature))
        try:
            statement = hub_receipt.parse(receipt.body)
        except hub_receipt.MalformedReceipt:
            where = _said("receipt.where_row", id=row_id)
            findings.append(Finding("receipt.malformed", where, _said("receipt.malformed")))
            continue
        where = _said("receipt.where", seq_from=statement.seq_from, seq_to=statement.seq_to)
        for code, detail in _problems(session, replay, held, receipt, statement, placed, covered):
            findings.append(Finding(code, where, detail))
        covered = max(covered, statement.seq_to)
    return findings


def _problems(
    session: Session,
    replay: Replay,
    held: HubPin,
    receipt: hub_receipt.SignedReceipt,
    statement: hub_receipt.Statement,
    placed: Mapping[int, tuple[str, int, str]],
    covered: int,
) -> list[tuple[str, str]]:
    if not any(
        hub_receipt.signature_valid(key, receipt) for key in held.keys_at(statement.accepted_at)
    ):
        return [("receipt.signature", _said("receipt.signature"))]
    if statement.device_id != session.folder.store_id or statement.hub_id != held.hub_id:
        said = _said("receipt.other_device", hub_id=statement.hub_id, device=statement.device_id)
        return [("receipt.other_device", said)]
    found: list[tuple[str, str]] = []
    seq = statement.seq_to
    entries = replay.entries
    if (
        seq > len(entries)
        or entries[seq - 1].entry_hash != statement.head_hash
        or replay.roots.get(seq) != statement.root
    ):
        found.append(("receipt.entries", _said("receipt.entries", seq=seq)))
    elif placed_as_receipted(statement, placed) is False:
        found.append(("receipt.placement", _said("receipt.placement")))
    if statement.seq_from <= covered:
        found.append(("receipt.overlap", _said("receipt.overlap", seq=covered)))
    return found
