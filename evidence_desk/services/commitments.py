"""What a message is identified, committed and stored as: one definition for import and verify.

A message's *content* (time, sender, kind, text, attachments; no file position) gives its
fingerprint (content plus occurrence number: the identity that links overlapping exports) and
its salted commitment ``SHA-256(salt || content)`` (the Merkle root of an import's commitments is
signed in its ledger entry). The import writes these and the stored columns; ``verify``
recomputes them from a re-parse, so both must use exactly this code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from evidence_desk.importers import base
from evidence_desk.importers.base import MessageKind, ParsedMessage
from evidence_desk.integrity import merkle
from evidence_desk.store import case_keys

_SYSTEM = MessageKind.SYSTEM

#: the key of an import's details that says how its salts were made, and its one value: every
#: salt the import commits to is derived from the case key (``store/case_keys.message_salts``),
#: so a device holding that key re-derives the signed root from the original. An import without
#: it (an earlier build's, or a case without a key) has random salts that stay where they were
#: made.
SALTS = "salts"
SALTS_DERIVED = "derived-v1"


def direction(message: ParsedMessage, our_account: str) -> str:
    """The stored direction: in, out (our side's account) or system."""
    if message.kind == _SYSTEM:  # a module constant: `MessageKind.SYSTEM` is looked up per call
        return "system"
    if message.from_self is not None:
        return "out" if message.from_self else "in"
    return "out" if message.sender == our_account else "in"


def message_content(message: ParsedMessage) -> dict[str, Any]:
    """The content a message is identified and committed by (no file position)."""
    return base.message_content(message)


def content_bytes(message: ParsedMessage) -> bytes:
    """``canonical_bytes(message_content(message))``, computed without the generic canonicaliser.

    Every key is ASCII (so code-point order is UTF-16 order) and every value a string, None or
    a list of such objects, so the per-message writer of :func:`~evidence_desk.importers.base.
    encode_chat` (orjson, sorted keys) yields exactly the canonical bytes; an import takes them
    from that one pass over the chat. ``test_content_bytes_equal_canonical_bytes`` holds the
    two together.
    """
    return base.content_bytes(message)


def fingerprints_of(contents: Sequence[bytes], seen: dict[bytes, int] | None = None) -> list[str]:
    """:func:`fingerprints` of messages whose :func:`content_bytes` the caller already has.

    ``seen``: how often each content occurred in the chat's earlier messages, for a chat
    fingerprinted a batch at a time (updated here); None for the whole chat at once."""
    if seen is None:
        seen = {}
    count = seen.get
    out: list[str] = []
    sha256 = hashlib.sha256
    for content in contents:
        occurrence = seen[content] = count(content, 0) + 1
        # b"%s#%d" % (content, occurrence), concatenated: formatting costs three times as much
        suffix = b"#1" if occurrence == 1 else b"#%d" % occurrence
        out.append(sha256(content + suffix).hexdigest())
    return out


def fingerprints(messages: Iterable[ParsedMessage]) -> list[str]:
    """Stable identities: the content plus its occurrence number among identical messages.

    Exports with minute resolution can hold the same short message twice in a minute; the
    occurrence number keeps both, and matches the k-th copy in an overlapping export.
    """
    return fingerprints_of([content_bytes(m) for m in messages])


def commitment(salt_hex: str, message: ParsedMessage) -> str:
    """H(salt || content): proves a message without revealing short texts in published proofs."""
    return commitment_of(salt_hex, content_bytes(message))


def commitment_of(salt_hex: str, content: bytes) -> str:
    """:func:`commitment` of a message whose :func:`content_bytes` the caller already has."""
    return hashlib.sha256(bytes.fromhex(salt_hex) + content).hexdigest()


def commitments_root(commitments: Sequence[str]) -> str:
    """The Merkle root (RFC 9162) of an import's commitments, in export order: it is signed."""
    return merkle.root_hash([merkle.leaf_hash(bytes.fromhex(c)) for c in commitments]).hex()


def commit_contents(contents: Sequence[bytes], salts: Sequence[bytes]) -> tuple[list[str], str]:
    """Each content's :func:`commitment_of` under its salt (raw bytes), and their
    :func:`commitments_root`, in one loop: an import commits 100k messages, and the hex round
    trips of the one-at-a-time functions cost as much as the hashing (a test holds the two
    paths equal)."""
    sealed, leaves = commit_batch(contents, salts)
    return sealed, merkle.root_hash(leaves).hex()


def commit_batch(
    contents: Sequence[bytes], salts: Sequence[bytes]
) -> tuple[list[str], list[bytes]]:
    """:func:`commit_contents` of a batch, with the RFC 9162 leaf hashes instead of the root:
    an import commits its messages a batch at a time while it stores them, and the root of all
    the leaves (``merkle.root_hash``) at the end."""
    sha256, leaf = hashlib.sha256, merkle.LEAF_PREFIX
    sealed: list[str] = []
    leaves: list[bytes] = []
    for salt, content in zip(salts, contents, strict=True):
        digest = sha256(salt + content).digest()
        sealed.append(digest.hex())
        leaves.append(sha256(leaf + digest).digest())  # merkle.leaf_hash, without the call
    return sealed, leaves


class Derived(NamedTuple):
    """An import's messages committed under derived salts (:func:`derive`)."""

    fingerprints: list[str]
    salts: list[bytes]
    commitments: list[str]
    root: str


def derive(case_key: bytes, contact_id: str, contents: Sequence[bytes]) -> Derived:
    """The fingerprints, derived salts (``store/case_keys.message_salts``), commitments and
    Merkle root of messages whose :func:`content_bytes` are ``contents``: what an import with
    ``salts: derived`` signed, re-derived on any device holding the case key."""
    prints = fingerprints_of(contents)
    salts = case_keys.message_salts(case_keys.message_salt_key(case_key), contact_id, prints)
    sealed, root = commit_contents(contents, salts)
    return Derived(prints, salts, sealed, root)


def salts_derived(details: Mapping[str, Any]) -> bool:
    """Whether an import's (opened) details say its salts are derived from the case key."""
    return details.get(SALTS) == SALTS_DERIVED


def attachments_json(message: ParsedMessage) -> str:
    """The stored ``attachments`` column (verify compares it with the re-parse)."""
    if not message.attachments:
        return "[]"
    return json.dumps(
        [
            {"kind": a.kind.value, "name": a.name, "state": a.state.value, "member": a.member}
            for a in message.attachments
        ],
        ensure_ascii=False,
    )
