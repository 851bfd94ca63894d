"""Ed25519 signatures with explicit domain separation.

Every signed message is prefixed with a context string (``evidence-desk/entry/v1`` ...) so that a
signature made for one purpose can never be replayed as another (an entry signature as a
checkpoint signature, say).
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ENTRY_CONTEXT = b"evidence-desk/entry/v1\n"
CHECKPOINT_CONTEXT = b"evidence-desk/checkpoint/v1\n"
COSIGN_CONTEXT = b"evidence-desk/cosign/v1\n"
MANIFEST_CONTEXT = b"evidence-desk/manifest/v1\n"
# the time-stamp mirror in store.json, signed by the user who stamped (services/timestamps.py)
STAMPED_CONTEXT = b"evidence-desk/stamped/v1\n"
# a restore recorded in the anchor, signed by the restoring admin (store/anchors.py)
RESTORE_CONTEXT = b"evidence-desk/restore/v1\n"
# a batch of the read log closed by the reader (store/access_log.py)
ACCESS_SEAL_CONTEXT = b"evidence-desk/access-seal/v1\n"


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def private_key_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def sign(key: Ed25519PrivateKey, context: bytes, message: bytes) -> str:
    return key.sign(context + message).hex()


def verify(public_hex: str, context: bytes, message: bytes, signature_hex: str) -> bool:
    """True only for a valid signature; malformed keys or signatures are simply invalid."""
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        public.verify(bytes.fromhex(signature_hex), context + message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public_hex: str) -> str:
    """SHA-256 of the raw 32-byte public key, upper-case hex in groups of four.

    This is what people compare: a verifier reads it off ``verify-bundle`` and the organisation's
    published key list (``org-keys``), so it is grouped for reading aloud or on paper.
    Raises ``ValueError`` for a key that is not hex.
    """
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def normal_fingerprint(text: str) -> str:
    """A fingerprint as written anywhere (grouped, with colons, any case) in one spelling, for
    comparing."""
    return "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
