"""What an invitation's key signs when a device joins the organisation, and its check.

An admin invites a user by writing ``user.invite`` with the Ed25519 *public* key derived from a
one-time code (services/org_ledger.py derives it; the code is shown once and never stored).
The joining device's first own entry, ``device.join``, carries the user's new public keys and
a signature of them by the code's key: only whoever holds the code can enrol a key, not even
the hub. The rule table (domain/authority.py) checks that signature with this module, at the
write path and in verify's replay alike, so the message is defined once, here.
"""

from __future__ import annotations

import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

#: the HKDF info of the code's key and the context of what that key signs
INVITE_CONTEXT = b"evidence-desk/invite/v1\n"


def join_message(
    invite_id: str, device_id: str, user: str, public_key: str, wrap_key: str
) -> bytes:
    """The bytes the invitation's key signs: the invitation, the joining device and the keys
    it enrols, as canonical JSON (no floats, sorted keys: plain ``json`` gives the same)."""
    body = json.dumps(
        [invite_id, device_id, user, public_key, wrap_key],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return INVITE_CONTEXT + body.encode("utf-8")


def signature_valid(invite_key: object, message: bytes, signature: object) -> bool:
    """Does ``signature`` (hex) verify under ``invite_key`` (hex Ed25519 public key)? Anything
    malformed is simply not valid (an entry written outside the app may hold anything)."""
    if not isinstance(invite_key, str) or not isinstance(signature, str):
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(invite_key))
        key.verify(bytes.fromhex(signature), message)
    except (ValueError, InvalidSignature):
        return False
    return True
