"""The hub's signed receipt of a push: what it states and how its signature is checked.

Shared by both ends (the hub issues receipts, hub/receipts.py; a device keeps and verifies
them, services/receipt_checks.py), so the statement is defined once, here. A receipt is a
small canonical JSON object of codes and facts, never sentences:

``v`` (1), ``hub_id`` (the organisation's hub), ``device_id``, ``seq_from``..``seq_to`` (the
device's entries it covers: every entry the hub held of the device and had not receipted
yet, so a device's receipts follow one another without a gap), ``head_hash`` and ``root``
(the device's last entry hash and the Merkle root of its ledger after ``seq_to``, as the hub
computed them from what it accepted), ``hub_seq_from``..``hub_seq_to`` (where the hub placed
them in the organisation's order), ``entries`` (``org_digest.history_digest`` of (seq, entry
hash, hub_seq, verdict) of the covered entries: each entry's exact place and verdict),
``refused`` (``[[seq, rule], ...]``: the entries kept in the chain but refused by a rule of
the organisation's order) and ``accepted_at`` (UTC, the latest covered entry's acceptance).

The hub signs ``RECEIPT_CONTEXT + statement`` with its own Ed25519 key (made by ``hub init``,
pinned by each device when it binds). A hub that later denies or rewrites what it
acknowledged is then provable with the device's copy of the receipt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import canonical, signing
from evidence_desk.integrity.statement_fields import integer, text

RECEIPT_CONTEXT: Final = b"evidence-desk/hub-receipt/v1\n"
VERSION: Final = 1

_INTS = ("seq_from", "seq_to", "hub_seq_from", "hub_seq_to")
_TEXTS = ("hub_id", "device_id", "head_hash", "root", "entries", "accepted_at")


class MalformedReceipt(ValueError):
    """A receipt whose statement is not the shape this module writes."""


@dataclass(frozen=True, slots=True)
class Statement:
    """What a receipt states (see the module docstring)."""

    hub_id: str
    device_id: str
    seq_from: int
    seq_to: int
    head_hash: str
    root: str
    hub_seq_from: int
    hub_seq_to: int
    entries: str
    accepted_at: str
    refused: tuple[tuple[int, str], ...] = ()

    def body(self) -> str:
        """The canonical JSON text the signature is over (what is stored and sent)."""
        value: dict[str, Any] = {
            "v": VERSION,
            **{name: getattr(self, name) for name in (*_INTS, *_TEXTS)},
            "refused": [[seq, rule] for seq, rule in self.refused],
        }
        return canonical.canonical_bytes(value).decode("utf-8")


@dataclass(frozen=True, slots=True)
class SignedReceipt:
    """A statement's canonical text and the hub's signature of it (hex)."""

    body: str
    signature: str

    def as_json(self) -> dict[str, str]:
        return {"body": self.body, "signature": self.signature}


def sign(key: Ed25519PrivateKey, statement: Statement) -> SignedReceipt:
    body = statement.body()
    return SignedReceipt(body, signing.sign(key, RECEIPT_CONTEXT, body.encode("utf-8")))


def signature_valid(hub_key: str, receipt: SignedReceipt) -> bool:
    """Does the receipt's signature verify under the hub's key (hex Ed25519 public key)?"""
    return signing.verify(hub_key, RECEIPT_CONTEXT, receipt.body.encode("utf-8"), receipt.signature)


def parse(body: str) -> Statement:
    """The statement of a receipt's text; MalformedReceipt when it is not one this module
    writes (byte for byte: a receipt re-serialised differently is not the signed one)."""
    try:
        value = json.loads(body)
    except ValueError:
        raise MalformedReceipt("not JSON") from None
    if not isinstance(value, dict) or value.get("v") != VERSION:
        raise MalformedReceipt("not a receipt of this version")
    try:
        statement = Statement(
            hub_id=text(value, "hub_id"),
            device_id=text(value, "device_id"),
            seq_from=integer(value, "seq_from"),
            seq_to=integer(value, "seq_to"),
            head_hash=text(value, "head_hash"),
            root=text(value, "root"),
            hub_seq_from=integer(value, "hub_seq_from"),
            hub_seq_to=integer(value, "hub_seq_to"),
            entries=text(value, "entries"),
            accepted_at=text(value, "accepted_at"),
            refused=tuple(_refused(value.get("refused"))),
        )
    except (KeyError, TypeError):
        raise MalformedReceipt("a field is missing or of the wrong type") from None
    if statement.body() != body or statement.seq_from > statement.seq_to:
        raise MalformedReceipt("not canonical")
    return statement


def _refused(rows: object) -> Sequence[tuple[int, str]]:
    if not isinstance(rows, list):
        raise TypeError("refused")
    found = []
    for row in rows:
        if not isinstance(row, list) or len(row) != 2:
            raise TypeError("refused")
        seq, rule = row
        if type(seq) is not int or not isinstance(rule, str):
            raise TypeError("refused")
        found.append((seq, rule))
    return found
