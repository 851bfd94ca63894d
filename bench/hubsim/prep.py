"""What the simulated laptops push, made in worker processes before the clock starts.

Each laptop is a device of its own: a user (invited by root), an Ed25519 key and an X25519
wrap key made here, a device id, its ``device.join`` (the entry ``org_ledger.join`` writes,
signed with the invitation's key as the rule table wants) and its day: ``settings.set``
entries by an admin (the record rules judge them at their place, none is refused), each signed
through the checkpoint it closes, as ``Session.write`` signs. Its sealed blobs are random bytes
of the sizes given (the hub keeps blobs opaque: it checks a complete upload against its SHA-256
and size only), written to files as a store keeps them.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_desk.domain import authority, invites
from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.services import org_ledger
from evidence_desk.store.case_keys import new_wrap_key

AT = "2026-12-05T12:00:00.000000+00:00"


@dataclass(frozen=True)
class DeviceSpec:
    """What a worker makes for one laptop."""

    index: int
    user: str
    role: str
    invite_id: str
    code: str
    entries: int
    blobs: int
    blob_bytes: int
    folder: str


@dataclass(frozen=True)
class Blob:
    """A sealed blob file of a laptop: its store path, digest, size and where its bytes are."""

    path: str
    digest: str
    size: int
    file: str


@dataclass(frozen=True)
class Device:
    """A prepared laptop: who it is, its key, its join entry and its day (rows file), blobs."""

    index: int
    user: str
    role: str
    device_id: str
    key: bytes
    public_key: str
    join: list[Any]
    rows: str  # JSON file: the day's entries after the join, as lists
    blobs: tuple[Blob, ...]

    def day(self) -> list[ledger.Entry]:
        return [ledger.Entry(*row) for row in json.loads(Path(self.rows).read_text("utf-8"))]


class Signer:
    """A device's Merkle tree and key: signs each next entry through the checkpoint it closes."""

    def __init__(self, device_id: str, key: Any) -> None:
        self.device_id = device_id
        self.key = key
        self.tree = merkle.CompactRange.from_state(0, ())
        self.prev = ledger.genesis_hash(device_id)
        self.seq = 0

    def next(self, actor: str, action: str, payload: dict[str, Any]) -> ledger.Entry:
        self.seq += 1
        entry = ledger.unsigned_entry(
            seq=self.seq, at=AT, actor=actor, action=action, payload=payload, prev=self.prev
        )
        root = self.tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
        signature = self.key.sign(ledger.checkpoint_message(self.device_id, self.seq, root))
        self.prev = entry.entry_hash
        return entry.signed(signature.hex())


def _join_entry(signer: Signer, spec: DeviceSpec, public: str, wrap: str) -> ledger.Entry:
    device = signer.device_id
    message = invites.join_message(spec.invite_id, device, spec.user, public, wrap)
    invite_signature = org_ledger.invite_key(spec.code).sign(message).hex()
    payload = {
        "invite_id": spec.invite_id,
        "device_id": device,
        "public_key": public,
        "wrap_key": wrap,
        "invite_signature": invite_signature,
        "rows": [
            {
                "op": "put",
                "table": "users",
                "row": {
                    "name": spec.user,
                    "role": spec.role,
                    "public_key": public,
                    "active": 1,
                    "wrap_key": wrap,
                },
            },
            {
                "op": "put",
                "table": "invites",
                "row": {
                    "id": spec.invite_id,
                    "status": authority.INVITE_USED,
                    "closed_by": spec.user,
                    "closed_at": AT,
                    "device_id": device,
                },
            },
        ],
    }
    return signer.next(spec.user, "device.join", payload)


def prepare(spec: DeviceSpec) -> Device:
    """A worker's job: one laptop's keys, join, day and blob files (under ``spec.folder``)."""
    key = signing.generate_private_key()
    public = signing.public_key_hex(key)
    _wrap_private, wrap = new_wrap_key()
    device_id = str(uuid.uuid4())
    signer = Signer(device_id, key)
    join = _join_entry(signer, spec, public, wrap)
    day = []
    for n in range(spec.entries):
        value = f"Organisation {spec.index}-{n}"
        payload = {
            "key": "organisation",
            "before": f"Organisation {spec.index}-{n - 1}",
            "rows": [
                {"op": "put", "table": "settings", "row": {"key": "organisation", "value": value}}
            ],
        }
        day.append(signer.next(spec.user, "settings.set", payload))
    folder = Path(spec.folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = folder / "day.json"
    rows.write_text(json.dumps([list(e) for e in day]), "utf-8")
    blobs = []
    for n in range(spec.blobs):
        data = os.urandom(spec.blob_bytes)
        digest = hashlib.sha256(data).hexdigest()
        file = folder / f"blob-{n}"
        file.write_bytes(data)
        path = f"blobs/{digest[:2]}/{uuid.uuid4().hex}.sealed"
        blobs.append(Blob(path, digest, len(data), str(file)))
    return Device(
        spec.index,
        spec.user,
        spec.role,
        device_id,
        signing.private_key_bytes(key),
        public,
        list(join),
        str(rows),
        tuple(blobs),
    )
