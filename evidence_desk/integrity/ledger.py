"""The hash chain: how an entry's hash, signature and link to its predecessor are computed.

This module is storage-agnostic: it defines the bytes that are hashed and signed, so that the
store, ``verify`` and the bundle's offline verifier all compute them identically.

    payload_hash = SHA-256(canonical(payload))
    entry_hash   = SHA-256(canonical([seq, at, actor, action, payload_hash, prev_hash]))
    signature    = Ed25519(actor key, "evidence-desk/entry/v1\\n" || entry_hash)

The first entry links to a genesis value bound to the store id, so entries cannot be spliced
from one store into another.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes


def genesis_hash(store_id: str) -> str:
    return hashlib.sha256(f"evidence-desk/genesis/v1\n{store_id}".encode()).hexdigest()


def payload_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str, action: str, payload_digest: str, prev: str) -> str:
    return hashlib.sha256(
        canonical_bytes([seq, at, actor, action, payload_digest, prev])
    ).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger entry as stored. ``payload`` is the canonical JSON text itself."""

    seq: int
    at: str
    actor: str
    action: str
    payload: str
    payload_hash: str
    prev_hash: str
    entry_hash: str
    signature: str

    def payload_value(self) -> Any:
        return json.loads(self.payload)


def make_entry(
    *,
    seq: int,
    at: str,
    actor: str,
    action: str,
    payload: Any,
    prev: str,
    key: Ed25519PrivateKey,
) -> Entry:
    text = canonical_bytes(payload).decode("utf-8")
    p_hash = payload_hash(text)
    e_hash = entry_hash(seq, at, actor, action, p_hash, prev)
    signature = signing.sign(key, signing.ENTRY_CONTEXT, bytes.fromhex(e_hash))
    return Entry(seq, at, actor, action, text, p_hash, prev, e_hash, signature)


def checkpoint_note(store_id: str, size: int, root_hex: str) -> str:
    """The checkpoint text (C2SP signed-note body): origin, tree size, root hash."""
    return f"evidence-desk/{store_id}\n{size}\n{root_hex}\n"
