"""The hash chain: how an entry's hash, signature and link to its predecessor are computed.

This module is storage-agnostic: it defines the bytes that are hashed and signed, so that the
store, ``verify`` and the bundle's offline verifier all compute them identically.

    payload_hash = SHA-256(canonical(payload))
    entry_hash   = SHA-256(canonical([seq, at, actor, action, payload_hash, prev_hash]))
    note(n)      = "evidence-desk/<store id>\\n<n>\\n<Merkle root of entries 1..n>\\n"
    signature    = Ed25519(actor key, "evidence-desk/checkpoint/v1\\n" || note(seq))

An entry is signed through the checkpoint it closes: every write appends one entry and cuts one
checkpoint, and that checkpoint's root commits to the entry's hash (it is the last leaf), so one
signature authenticates both. ``verify`` therefore checks one signature per entry instead of
two, which is most of its running time. Entries written before this form was adopted carry
``Ed25519(actor key, "evidence-desk/entry/v1\\n" || entry_hash)`` (``legacy_entry_message``)
and still verify.

The first entry links to a genesis value bound to the store id, so entries cannot be spliced
from one store into another.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
from collections.abc import Callable
from typing import Any, NamedTuple

from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes

# the encoder json.dumps(..., ensure_ascii=False) applies to a str (C-accelerated)
_json_string: Callable[[str], str] = json.encoder.encode_basestring


def genesis_hash(store_id: str) -> str:
    return hashlib.sha256(f"evidence-desk/genesis/v1\n{store_id}".encode()).hexdigest()


def payload_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str, action: str, payload_digest: str, prev: str) -> str:
    if (
        type(seq) is int
        and type(at) is str
        and type(actor) is str
        and type(action) is str
        and type(payload_digest) is str
        and type(prev) is str
    ):
        # An int and five strings need none of canonical_bytes' checks or key sorting: the same
        # bytes, written directly with json's own string encoder (a test holds the two paths
        # together). verify hashes every entry, so this matters.
        q = _json_string
        text = f"[{seq},{q(at)},{q(actor)},{q(action)},{q(payload_digest)},{q(prev)}]"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    return hashlib.sha256(
        canonical_bytes([seq, at, actor, action, payload_digest, prev])
    ).hexdigest()


class Entry(NamedTuple):
    """One ledger entry as stored. ``payload`` is the canonical JSON text itself.

    A named tuple rather than a frozen dataclass: ``verify`` builds one per entry (100k+), and a
    tuple is built several times faster; it is just as immutable.
    """

    seq: int
    at: str
    actor: str
    action: str
    payload: str
    payload_hash: str
    prev_hash: str
    entry_hash: str
    signature: str

    def signed(self, signature: str) -> Entry:
        return self._replace(signature=signature)


#: the columns of a table of entries (the ``ledger``, a device's held ``device_entries``) that
#: make an :class:`Entry`, in its field order: ``Entry._make(row)`` of a row selected by them
ENTRY_COLUMNS = ", ".join(Entry._fields)


def unsigned_entry(*, seq: int, at: str, actor: str, action: str, payload: Any, prev: str) -> Entry:
    """The entry with its hashes and an empty signature: the signature is the checkpoint's,
    which needs the entry hash first (``Entry.signed``)."""
    text = canonical_bytes(payload).decode("utf-8")
    p_hash = payload_hash(text)
    e_hash = entry_hash(seq, at, actor, action, p_hash, prev)
    return Entry(seq, at, actor, action, text, p_hash, prev, e_hash, "")


def checkpoint_note(store_id: str, size: int, root_hex: str) -> str:
    """The checkpoint text (C2SP signed-note body): origin, tree size, root hash."""
    return f"evidence-desk/{store_id}\n{size}\n{root_hex}\n"


def checkpoint_message(store_id: str, size: int, root_hex: str) -> bytes:
    """What a checkpoint's signature (and so the entry at ``size``) signs."""
    return signing.CHECKPOINT_CONTEXT + checkpoint_note(store_id, size, root_hex).encode()


def legacy_entry_message(entry_hash_hex: str) -> bytes:
    """What an entry's own signature signed before entries were signed through checkpoints."""
    return signing.ENTRY_CONTEXT + bytes.fromhex(entry_hash_hex)
