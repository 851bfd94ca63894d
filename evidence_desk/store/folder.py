"""The store folder and its public, non-secret descriptor ``store.json``.

    store/
      store.json      format, store id, creation time, the newest signed checkpoint (the "head")
      keyslots.json   one wrapped-key slot per user (see keys.py)
      evidence.db     SQLCipher database
      blobs/          encrypted originals (see blobs.py)
      lock            single-writer lock (see lock.py)

The head is written after every committed write. It lives outside the database on purpose: if
someone truncates the ledger inside the database, the head still names a larger tree size and a
root signed by a user, and ``verify`` reports the truncation.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.store.files import atomic_write
from evidence_desk.store.keys import KeySlots

STORE_FORMAT = 1
DB_NAME = "evidence.db"

# why a folder cannot be opened as a store (the login dialog says it in the GUI's language too)
_said = Catalogue(
    {
        "store.folder_not_empty": "{path}: folder is not empty; choose a new folder for a store",
        "store.not_a_store": "{path}: not an Evidence Desk store (no store.json)",
        "store.descriptor_corrupted": "{path}: corrupted ({error})",
        "store.not_a_descriptor": "{path}: not an Evidence Desk store descriptor",
        "store.format": "{path}: unsupported store format {version}",
        "store.head_malformed": "{path}: head checkpoint is malformed",
    }
)


@dataclass(frozen=True, slots=True)
class Head:
    """A signed checkpoint, as kept in store.json."""

    size: int
    root: str
    at: str
    signer: str
    signature: str

    def as_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "root": self.root,
            "at": self.at,
            "signer": self.signer,
            "signature": self.signature,
        }


class StoreFolder:
    def __init__(self, path: Path, descriptor: dict[str, Any]) -> None:
        self.path = path
        self._descriptor = descriptor

    @property
    def store_id(self) -> str:
        return str(self._descriptor["store_id"])

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def blob_root(self) -> Path:
        return self.path / "blobs"

    @property
    def keyslots(self) -> KeySlots:
        return KeySlots(self.path / "keyslots.json", self.store_id)

    @classmethod
    def create(cls, path: Path) -> StoreFolder:
        if path.exists() and any(path.iterdir()):
            raise StoreError(_said("store.folder_not_empty", path=path))
        path.mkdir(parents=True, exist_ok=True)
        (path / "blobs").mkdir()
        descriptor = {
            "format": STORE_FORMAT,
            "app": "evidence-desk",
            "store_id": str(uuid.uuid4()),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "head": None,
        }
        folder = cls(path, descriptor)
        folder._save()
        folder.keyslots.create_empty()
        return folder

    @classmethod
    def open(cls, path: Path) -> StoreFolder:
        descriptor_path = path / "store.json"
        try:
            descriptor = json.loads(descriptor_path.read_text("utf-8"))
        except FileNotFoundError:
            raise StoreError(_said("store.not_a_store", path=path)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise StoreError(
                _said("store.descriptor_corrupted", path=descriptor_path, error=error)
            ) from None
        if not isinstance(descriptor, dict) or descriptor.get("app") != "evidence-desk":
            raise StoreError(_said("store.not_a_descriptor", path=descriptor_path))
        if descriptor.get("format") != STORE_FORMAT:
            raise StoreError(
                _said("store.format", path=descriptor_path, version=descriptor.get("format"))
            )
        return cls(path, descriptor)

    def reload(self) -> None:
        self._descriptor = StoreFolder.open(self.path)._descriptor

    def head(self) -> Head | None:
        head = self._descriptor.get("head")
        if not head:
            return None
        try:
            return Head(
                int(head["size"]),
                str(head["root"]),
                str(head["at"]),
                str(head["signer"]),
                str(head["signature"]),
            )
        except (KeyError, TypeError, ValueError):
            raise StoreError(_said("store.head_malformed", path=self.path / "store.json")) from None

    def write_head(self, head: Head) -> None:
        """Advance the head (never move it backwards: a concurrent writer may be ahead)."""
        self.reload()
        current = self.head()
        if current is not None and current.size >= head.size:
            return
        self._descriptor["head"] = head.as_json()
        self._save()

    def stamped(self) -> dict[str, Any] | None:
        """The newest trusted time-stamp over a checkpoint (size, root, tsa, token...)."""
        stamped = self._descriptor.get("stamped")
        return stamped if isinstance(stamped, dict) else None

    def write_stamped(self, stamped: dict[str, Any]) -> None:
        """Record the newest time-stamped checkpoint (never move it backwards)."""
        self.reload()
        current = self.stamped()
        if current is not None and int(current.get("size", 0)) >= int(stamped["size"]):
            return
        self._descriptor["stamped"] = stamped
        self._save()

    def _save(self) -> None:
        data = json.dumps(self._descriptor, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.path / "store.json", data)
