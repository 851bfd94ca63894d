"""The organisation checkpoint: the hub's signed Merkle root over the organisation's history.

A hub that silently drops, reorders or forks a device's history would break the evidence chain
of every case at once. Receipts (integrity/receipts.py) let one device prove what the hub told
*it*; the organisation checkpoint lets any device (and any bundle's reader) check that the hub's
whole history only ever grows, as Certificate Transparency's signed tree heads do.

**The organisation log** is every entry the hub accepted into a device's chain (refused ones
included: they keep their place and their verdict), in the hub's acceptance order (``hub_seq``).
Leaf ``i`` is the RFC 9162 leaf hash of the canonical JSON ``[device_id, seq, entry_hash,
verdict]`` of the ``i``-th entry. So a checkpoint fixes, for every device, which entries the
organisation holds, their order across devices and each one's verdict; a device ledger's
size and head at any checkpoint follow from it.

**A checkpoint** states ``hub_id``, ``size`` (leaves), ``root`` (hex), ``hub_seq`` (the
acceptance position of its last leaf) and ``at`` (UTC), as canonical JSON signed with the hub's
receipt key over ``ORG_CHECKPOINT_CONTEXT + statement``. Between two checkpoints the hub gives
an RFC 9162 consistency proof; a device keeps every checkpoint it has seen and refuses a hub
whose newer one is not an extension of the older (services/org_checkpoints.py).

**Witnesses.** A device that verified a checkpoint may cosign it with its user's key over
``WITNESS_CONTEXT + statement`` (legal's desktop by default, setting ``org_witness``). Every
device checks the other witnesses' newest cosigned checkpoints against its own history, so a hub
that shows two histories to two devices is caught the first time one of them meets the other's
cosigned checkpoint.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import canonical, merkle, signing
from evidence_desk.integrity.statement_fields import count, text

ORG_CHECKPOINT_CONTEXT: Final = b"evidence-desk/org-checkpoint/v1\n"
#: a witness's cosignature of a checkpoint it verified: over this context + the checkpoint's text
WITNESS_CONTEXT: Final = b"evidence-desk/org-witness/v1\n"
VERSION: Final = 1


class MalformedCheckpoint(ValueError):
    """A checkpoint whose statement is not the shape this module writes."""


def leaf(device_id: str, seq: int, entry_hash: str, verdict: str) -> bytes:
    """The organisation log's leaf hash of one accepted entry (see the module docstring)."""
    return merkle.leaf_hash(canonical.canonical_bytes([device_id, seq, entry_hash, verdict]))


def root_of(leaves: Sequence[bytes]) -> str:
    return merkle.root_hash(leaves).hex()


@dataclass(frozen=True, slots=True)
class OrgCheckpoint:
    """What an organisation checkpoint states."""

    hub_id: str
    size: int
    root: str
    hub_seq: int
    at: str

    def body(self) -> str:
        value: dict[str, Any] = {
            "v": VERSION,
            "hub_id": self.hub_id,
            "size": self.size,
            "root": self.root,
            "hub_seq": self.hub_seq,
            "at": self.at,
        }
        return canonical.canonical_bytes(value).decode("utf-8")

    def named(self) -> str:
        """How a refusal names it: size and root."""
        return f"{self.size}:{self.root}"


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    """A checkpoint's canonical text and the hub's signature of it (hex)."""

    body: str
    signature: str

    def as_json(self) -> dict[str, str]:
        return {"body": self.body, "signature": self.signature}


def sign(key: Ed25519PrivateKey, checkpoint: OrgCheckpoint) -> SignedCheckpoint:
    body = checkpoint.body()
    return SignedCheckpoint(body, signing.sign(key, ORG_CHECKPOINT_CONTEXT, body.encode("utf-8")))


def statement_digest(body: str) -> bytes:
    """SHA-256 of exactly what the hub signed (context and text): the imprint of the RFC 3161
    token that dates a checkpoint, so the token is bound to the signed statement."""
    return hashlib.sha256(ORG_CHECKPOINT_CONTEXT + body.encode("utf-8")).digest()


def signature_valid(hub_key: str, signed: SignedCheckpoint) -> bool:
    """Does the checkpoint's signature verify under the hub's key (hex Ed25519 public key)?"""
    return signing.verify(
        hub_key, ORG_CHECKPOINT_CONTEXT, signed.body.encode("utf-8"), signed.signature
    )


def witness_valid(public_key: str, body: str, signature: str) -> bool:
    """Does ``signature`` cosign the checkpoint text ``body`` under a witness's key (hex)?"""
    return signing.verify(public_key, WITNESS_CONTEXT, body.encode("utf-8"), signature)


def parse(body: str) -> OrgCheckpoint:
    """The statement of a checkpoint's text; MalformedCheckpoint when it is not one this module
    writes byte for byte."""
    try:
        value = json.loads(body)
    except ValueError:
        raise MalformedCheckpoint("not JSON") from None
    if not isinstance(value, dict) or value.get("v") != VERSION:
        raise MalformedCheckpoint("not an organisation checkpoint of this version")
    try:
        checkpoint = OrgCheckpoint(
            hub_id=text(value, "hub_id"),
            size=count(value, "size"),
            root=text(value, "root"),
            hub_seq=count(value, "hub_seq"),
            at=text(value, "at"),
        )
    except (KeyError, TypeError):
        raise MalformedCheckpoint("a field is missing or of the wrong type") from None
    if checkpoint.body() != body:
        raise MalformedCheckpoint("not canonical")
    return checkpoint


def extends(older: OrgCheckpoint, newer: OrgCheckpoint, proof: Iterable[str]) -> bool:
    """Is ``newer`` an extension of ``older`` by the RFC 9162 consistency ``proof`` (hex)?"""
    if older.hub_id != newer.hub_id or newer.size < older.size:
        return False
    if newer.size == older.size:
        return newer.root == older.root
    if older.size == 0:
        return True
    try:
        return merkle.verify_consistency(
            older.size,
            newer.size,
            bytes.fromhex(older.root),
            bytes.fromhex(newer.root),
            [bytes.fromhex(step) for step in proof],
        )
    except ValueError:
        return False
