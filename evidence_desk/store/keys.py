"""Key slots: one per user, each unlocking the store's data key and the user's own key pairs.

The data key is random (32 bytes) and never stored in the clear. A user's password is stretched
with scrypt (parameters recorded per slot) into a key-encryption key that unwraps, with
AES-256-GCM, both the shared data key and the user's own Ed25519 private key. Changing a password
rewraps one slot; adding a user wraps the same data key for them, which only someone who already
holds it (a logged-in admin) can do.

Beside the signing key, a slot seals the user's X25519 private key (``wrap_key``): the key the
per-case data keys are wrapped for (HPKE, store/case_keys.py). Its public half is recorded in
the ledger with the user. Slots written before per-case keys have none; the user's next login
adds one (services/case_keys.py), since only the password opens a slot.

Slots are looked up by a tag derived from the store id and the user name, so ``keyslots.json``
does not list the staff's names in the clear.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from evidence_desk.domain.errors import AuthenticationFailed, StoreError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.store.files import atomic_write

SLOT_FORMAT = 1

_said = Catalogue(
    {
        "keys.missing": "{path}: key slot file is missing",
        "keys.corrupted": "{path}: key slot file is corrupted ({error})",
        "keys.format": "{path}: unknown key slot format",
        "keys.refused": "unknown user or wrong password",
        "keys.slot_corrupted": "{path}: key slot for this user is corrupted ({error})",
    }
)


@dataclass(frozen=True, slots=True)
class KdfParams:
    """scrypt cost. The default costs ~100 ms and 32 MiB on a laptop; tests may use less."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    def as_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def user_tag(store_id: str, user: str) -> str:
    return hashlib.sha256(f"evidence-desk/user/v1\n{store_id}\n{user}".encode()).hexdigest()


def derive_subkey(data_key: bytes, purpose: str) -> bytes:
    """Separate keys for the database, blob contents and blob names, all from the data key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"evidence-desk/{purpose}".encode()
    ).derive(data_key)


def _kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    return Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(
        password.encode("utf-8")
    )


def _wrap(kek: bytes, plaintext: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "ct": _b64(AESGCM(kek).encrypt(nonce, plaintext, aad))}


def _unwrap(kek: bytes, wrapped: dict[str, str], aad: bytes) -> bytes:
    return AESGCM(kek).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["ct"]), aad)


@dataclass(frozen=True, slots=True)
class Unlocked:
    data_key: bytes
    signing_key: bytes  # raw Ed25519 private key
    public_key: str
    wrap_key: bytes | None = None  # raw X25519 private key; None in a slot from before


class KeySlots:
    """The ``keyslots.json`` file. All writes are atomic (temp file, fsync, rename)."""

    def __init__(self, path: Path, store_id: str) -> None:
        self.path = path
        self.store_id = store_id

    def _load(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            raise StoreError(_said("keys.missing", path=self.path)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise StoreError(_said("keys.corrupted", path=self.path, error=error)) from None
        if not isinstance(doc, dict) or doc.get("format") != SLOT_FORMAT:
            raise StoreError(_said("keys.format", path=self.path))
        return doc

    def _save(self, doc: dict[str, Any]) -> None:
        atomic_write(self.path, json.dumps(doc, indent=1, sort_keys=True).encode("utf-8"))

    def create_empty(self) -> None:
        self._save({"format": SLOT_FORMAT, "slots": {}})

    def public_keys(self) -> dict[str, str]:
        """Slot tag -> the public key the slot holds (what ``verify`` compares with the ledger)."""
        slots = self._load().get("slots")
        if not isinstance(slots, dict):
            raise StoreError(_said("keys.format", path=self.path))
        return {
            str(tag): str(slot.get("public_key")) if isinstance(slot, dict) else ""
            for tag, slot in slots.items()
        }

    def write_slot(
        self,
        user: str,
        password: str,
        data_key: bytes,
        signing_key: bytes,
        public_key: str,
        params: KdfParams,
        *,
        wrap_key: bytes | None = None,
    ) -> None:
        """(Re)write ``user``'s slot; ``wrap_key`` is their raw X25519 private key."""
        tag = user_tag(self.store_id, user)
        salt = os.urandom(16)
        kek = _kek(password, salt, params)
        aad = f"{self.store_id}\n{tag}".encode()
        slot = {
            "kdf": {**params.as_json(), "salt": _b64(salt)},
            "data_key": _wrap(kek, data_key, aad + b"\ndata"),
            "signing_key": _wrap(kek, signing_key, aad + b"\nsigning"),
            "public_key": public_key,
        }
        if wrap_key is not None:
            slot["wrap_key"] = _wrap(kek, wrap_key, aad + b"\nwrap")
        doc = self._load()
        doc["slots"][tag] = slot
        self._save(doc)

    def kdf_of(self, user: str) -> KdfParams:
        """The scrypt cost ``user``'s slot was written with (a rewrap keeps it)."""
        slot = self._load()["slots"].get(user_tag(self.store_id, user)) or {}
        kdf = slot.get("kdf") or {}
        try:
            return KdfParams(int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        except (KeyError, TypeError, ValueError):
            return KdfParams()

    def remove_slot(self, user: str) -> None:
        doc = self._load()
        doc["slots"].pop(user_tag(self.store_id, user), None)
        self._save(doc)

    def unlock(self, user: str, password: str) -> Unlocked:
        """Unwrap the slot; a wrong user or password gives the same AuthenticationFailed."""
        tag = user_tag(self.store_id, user)
        slot = self._load()["slots"].get(tag)
        if slot is None:
            raise AuthenticationFailed(_said("keys.refused"))
        try:
            kdf = slot["kdf"]
            params = KdfParams(int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
            kek = _kek(password, _unb64(kdf["salt"]), params)
            aad = f"{self.store_id}\n{tag}".encode()
            data_key = _unwrap(kek, slot["data_key"], aad + b"\ndata")
            signing_key = _unwrap(kek, slot["signing_key"], aad + b"\nsigning")
            sealed_wrap = slot.get("wrap_key")
            wrap_key = None if sealed_wrap is None else _unwrap(kek, sealed_wrap, aad + b"\nwrap")
        except InvalidTag:
            raise AuthenticationFailed(_said("keys.refused")) from None
        except (KeyError, TypeError, ValueError) as error:
            raise StoreError(_said("keys.slot_corrupted", path=self.path, error=error)) from None
        return Unlocked(data_key, signing_key, str(slot["public_key"]), wrap_key)
