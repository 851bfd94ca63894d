"""The tombstone list a restore re-applies (issue 18 item 3): ``shredded.json`` beside the
database, and a copy in this OS user's anchor folder (outside the store folder, like the
anchors, so a whole folder put back from an old copy still meets it).

Each record holds codes and facts of one ``case.shred`` entry (case number, basis, reason,
request digest, seq, time, writer, entry hash; no personal data) and its writer's signature
over the canonical record (``"evidence-desk/shredded/v1\n"``). Writing and re-applying are
services/shredding.py's; this module only keeps the list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.store import anchors
from evidence_desk.store.files import atomic_write

TOMBSTONES = "shredded.json"
TOMBSTONE_CONTEXT = b"evidence-desk/shredded/v1\n"


def tombstone_paths(store: Path, store_id: str) -> list[Path]:
    """Where a store's tombstone list is kept: beside its database, and in the anchor folder."""
    return [store / TOMBSTONES, anchors.anchor_dir() / f"{store_id}.shredded.json"]


def read_tombstones(path: Path) -> list[dict[str, Any]]:
    """The tombstone records in ``path`` (none when it does not exist)."""
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    records = doc.get("tombstones", []) if isinstance(doc, dict) else []
    return [r for r in records if isinstance(r, dict)]


def keep_tombstones(store: Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Merge ``records`` into the tombstone list beside ``store``'s database (a restored store
    keeps every tombstone the replaced one knew, re-applied or not)."""
    path = store / TOMBSTONES
    kept = {str(r.get("entry_hash")): r for r in read_tombstones(path)}
    for record in records:
        kept.setdefault(str(record.get("entry_hash")), dict(record))
    if kept:
        atomic_write(path, canonical_bytes({"tombstones": list(kept.values())}))


def tombstone_signed(record: Mapping[str, Any], public_key: str | None) -> bool:
    """Whether ``record`` carries its writer's signature (with the key the ledger holds)."""
    body = {k: v for k, v in record.items() if k != "signature"}
    signature = record.get("signature")
    if public_key is None or not isinstance(signature, str):
        return False
    try:
        return signing.verify(public_key, TOMBSTONE_CONTEXT, canonical_bytes(body), signature)
    except (ValueError, TypeError):
        return False


def add_record(path: Path, record: Mapping[str, Any]) -> None:
    """Add ``record`` to the list at ``path`` (replacing one of the same entry)."""
    kept = [r for r in read_tombstones(path) if r.get("entry_hash") != record.get("entry_hash")]
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, canonical_bytes({"tombstones": [*kept, dict(record)]}))
