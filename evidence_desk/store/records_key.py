"""The organisation's records key: sealing a text to it and opening one (the cryptography).

A text kept for the organisation's records readers (domain/records_key.py) is sealed with HPKE
(RFC 9180, base mode, single shot; DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, the
suite of the case-key wraps) to the records key's public half:

    "edr1:" || base64url(enc (32) || AES-256-GCM ciphertext)
    info = "evidence-desk/records/v1" \\n domain \\n place \\n column

``place`` names where the text belongs (a table and row key, or an action and what it is
about), so a ciphertext moved to another record, column or organisation does not open. Anyone
holding the public key seals; only a holder of the private key (wrapped for each records reader
in ``case_key_wraps``, store/case_keys.py) opens.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from evidence_desk.domain.records_key import PREFIX, is_sealed
from evidence_desk.store.case_keys import CaseKeyError

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

__all__ = ["PREFIX", "is_sealed", "open_text", "seal_text"]


def _info(domain: str, place: str, column: str) -> bytes:
    return f"evidence-desk/records/v1\n{domain}\n{place}\n{column}".encode()


def seal_text(public_hex: str, domain: str, place: str, column: str, text: str) -> str:
    """``text`` sealed to the records key's public half (hex)."""
    public = X25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    sealed = _SUITE.encrypt(text.encode("utf-8"), public, info=_info(domain, place, column))
    return PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")


def open_text(private_raw: bytes, domain: str, place: str, column: str, value: str) -> str:
    """A sealed text opened with the records key's private half. Raises CaseKeyError when it
    does not open (another key, moved, tampered with)."""
    if not is_sealed(value):
        raise CaseKeyError("not a sealed records text")
    body = value[len(PREFIX) :]
    try:
        sealed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        key = X25519PrivateKey.from_private_bytes(private_raw)
        opened = _SUITE.decrypt(sealed, key, info=_info(domain, place, column))
        return opened.decode("utf-8")
    except (InvalidTag, ValueError) as error:
        raise CaseKeyError(str(error) or type(error).__name__) from None
