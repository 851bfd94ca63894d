"""Anchors: the newest signed head of each store, kept outside the store folder.

The head in ``store.json`` finds a ledger whose tail was cut inside the database. It cannot find
someone who opens the database (every staff user can, with their own key slot), cuts the tail,
fixes up the checkpoints and the cached tree, rewinds ``store.json`` to an earlier signed
checkpoint and deletes the time-stamp mirror: what is left is consistent and signed. What that
person usually cannot reach is the profile of the OS user who has been working with the store,
so every write also records the head there, one file per store id::

    <anchor dir>/<store id>.json
      format, version, store_id
      head        the highest signed head this OS user has seen: size, root, at, signer and the
                  checkpoint's own Ed25519 signature, so it is checked against the ledger's keys
      seen_at     when it was recorded (local clock, UTC)
      store_path  the store folder it was seen in
      events      the last backups made and bundles exported, and every restore, each with the
                  head at that moment

The head never moves backwards, and it moves forwards only along the same ledger (the recorded
head must be the new tree's prefix), so a ledger rolled back and then written on cannot drag the
anchor along. The one exception is a restore: the restoring admin signs the head the anchor held
and the head restored, and the anchor then follows the restored ledger, so the entries written
after the restore are protected too; ``verify`` names that admin and the date
(services/anchoring.py).

Recording is best effort: an ``OSError`` (full disk, read-only profile) means "not recorded this
time" to every caller, never a failed write. A file that cannot be read is set aside as
``<store id>.unreadable-<UTC time>.json`` (``verify`` reports it) and a new one is started.
An anchor protects only while it is out of reach: whoever holds every store file and every anchor
(and every backup and bundle kit) can still roll back undetected; docs/ARCHITECTURE.md says so.

No Qt and no services here: this is the store layer.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.store.files import atomic_write, replace
from evidence_desk.store.folder import Head

ANCHOR_DIR_ENV = "EVIDENCE_DESK_ANCHOR_DIR"
ANCHOR_FORMAT = "evidence-desk-anchor"
ANCHOR_VERSION = 1
MAX_EVENTS = 32  # backups and bundles kept; restores are always kept (verify needs them)
EVENT_KINDS = ("backup", "bundle", "restore")
_STORE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")

RootAt = Callable[[int], str | None]
"""The root (hex) of the writer's own ledger at a tree size, or None when it has no such size."""


class AnchorUnreadable(Exception):
    """An anchor file that is not JSON, not an anchor, or an anchor of another store."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TreeHead:
    """A tree size and its Merkle root: what a restore replaced."""

    size: int
    root: str

    def as_json(self) -> dict[str, Any]:
        return {"size": self.size, "root": self.root}


@dataclass(frozen=True, slots=True)
class AnchorEvent:
    """A backup made, a bundle exported or a restore, with the head at that moment.

    For a restore, ``head`` is the restored head, ``replaced`` the head the anchor held before
    (None when this OS user had none) and ``signature`` the restoring admin's Ed25519 signature
    over :func:`restore_message`.
    """

    kind: str
    at: str
    by: str
    head: Head
    file: str = ""
    replaced: TreeHead | None = None
    signature: str = ""

    def as_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "kind": self.kind,
            "at": self.at,
            "by": self.by,
            "head": self.head.as_json(),
            "file": self.file,
        }
        if self.kind == "restore":
            doc["replaced"] = None if self.replaced is None else self.replaced.as_json()
            doc["signature"] = self.signature
        return doc


@dataclass(frozen=True, slots=True)
class Anchor:
    """One anchor file's content; ``path`` is where it was read from (not stored)."""

    store_id: str
    head: Head
    seen_at: str
    store_path: str
    events: tuple[AnchorEvent, ...] = ()
    path: Path | None = None

    @property
    def restores(self) -> tuple[AnchorEvent, ...]:
        return tuple(e for e in self.events if e.kind == "restore")

    def as_json(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "version": ANCHOR_VERSION,
            "store_id": self.store_id,
            "head": self.head.as_json(),
            "seen_at": self.seen_at,
            "store_path": self.store_path,
            "events": [e.as_json() for e in self.events],
        }


# -- where anchors live ---------------------------------------------------------------------------


def anchor_dir() -> Path:
    """This OS user's anchor folder: ``EVIDENCE_DESK_ANCHOR_DIR`` when set, else the platform's
    per-user application state folder (never inside a store folder)."""
    override = os.environ.get(ANCHOR_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "EvidenceDesk" / "anchors"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "EvidenceDesk" / "anchors"
    state = os.environ.get("XDG_STATE_HOME", "")
    # the XDG spec says a relative path is to be ignored
    base = Path(state) if os.path.isabs(state) else Path.home() / ".local" / "state"
    return base / "evidence-desk" / "anchors"


def anchor_path(store_id: str, directory: Path | None = None) -> Path:
    """The anchor file of ``store_id``. The id comes from store.json, which anyone with the folder
    can edit, so it must look like an id before it names a file (no ``../``)."""
    if not _STORE_ID.fullmatch(store_id):
        raise ValueError(f"{store_id!r} is not a store id")
    return (directory or anchor_dir()) / f"{store_id}.json"


def set_aside(store_id: str, directory: Path | None = None) -> list[Path]:
    """Anchor files of ``store_id`` that could not be read and were kept for inspection."""
    folder = anchor_path(store_id, directory).parent
    return sorted(folder.glob(f"{store_id}.unreadable-*.json"))


# -- reading --------------------------------------------------------------------------------------


def read_anchor(path: Path, store_id: str | None = None) -> Anchor:
    """The anchor in ``path``. Raises OSError (FileNotFoundError...) when the file cannot be
    opened, AnchorUnreadable when it is not an anchor (of ``store_id``, when given)."""
    data = path.read_bytes()
    try:
        doc = json.loads(data.decode("utf-8"))
        anchor = _anchor(doc, path)
    except (ValueError, KeyError, TypeError) as error:  # UnicodeDecodeError is a ValueError
        raise AnchorUnreadable(path, _reason(error)) from None
    if store_id is not None and anchor.store_id != store_id:
        raise AnchorUnreadable(path, f"anchor of store {anchor.store_id}")
    return anchor


def load(store_id: str, directory: Path | None = None) -> Anchor | None:
    """This OS user's anchor of ``store_id``, or None when there is none."""
    try:
        return read_anchor(anchor_path(store_id, directory), store_id)
    except FileNotFoundError:
        return None


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error}"
    return f"{type(error).__name__}: {error}"


def _anchor(doc: Any, path: Path) -> Anchor:
    if not isinstance(doc, dict) or doc.get("format") != ANCHOR_FORMAT:
        raise ValueError("not an Evidence Desk anchor")
    if doc.get("version") != ANCHOR_VERSION:
        raise ValueError(f"unsupported anchor version {doc.get('version')}")
    events = doc.get("events", [])
    if not isinstance(events, list):
        raise TypeError("events is not a list")
    return Anchor(
        _text(doc, "store_id"),
        parse_head(doc["head"]),
        _text(doc, "seen_at"),
        _text(doc, "store_path"),
        tuple(_event(e) for e in events),
        path,
    )


def _event(doc: Any) -> AnchorEvent:
    if not isinstance(doc, dict) or doc.get("kind") not in EVENT_KINDS:
        raise ValueError("malformed event")
    replaced = doc.get("replaced")
    return AnchorEvent(
        str(doc["kind"]),
        _text(doc, "at"),
        _text(doc, "by"),
        parse_head(doc["head"]),
        str(doc.get("file", "")),
        None if replaced is None else _tree_head(replaced),
        str(doc.get("signature", "")),
    )


def parse_head(doc: Any) -> Head:
    """A signed head from JSON (an anchor, a backup manifest, a kit's checkpoint); ValueError or
    TypeError when it is not one."""
    if not isinstance(doc, dict):
        raise TypeError("head is not an object")
    tree = _tree_head(doc)
    return Head(
        tree.size, tree.root, _text(doc, "at"), _text(doc, "signer"), _text(doc, "signature")
    )


def _tree_head(doc: Any) -> TreeHead:
    if not isinstance(doc, dict):
        raise TypeError("head is not an object")
    size = doc["size"]
    if type(size) is not int or size < 1:
        raise ValueError(f"tree size {size!r}")
    return TreeHead(size, _text(doc, "root"))


def _text(doc: dict[str, Any], key: str) -> str:
    value = doc[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not text")
    return value


# -- recording ------------------------------------------------------------------------------------


def record_head(
    store_id: str,
    head: Head,
    store_path: Path,
    root_at: RootAt,
    *,
    directory: Path | None = None,
) -> bool:
    """After a write: make ``head`` the anchor's head if it extends the recorded one. Returns
    whether the file changed; raises OSError when it cannot be written (callers ignore it)."""

    def advance(current: Anchor | None) -> Anchor | None:
        if current is not None and not _extends(head, current.head, root_at):
            return None  # nothing newer, or another ledger: keep what was seen (verify reports)
        events = current.events if current is not None else ()
        return Anchor(store_id, head, head.at, str(store_path), events)

    return _update(store_id, advance, directory)


def record_event(
    store_id: str,
    event: AnchorEvent,
    store_path: Path,
    root_at: RootAt,
    *,
    directory: Path | None = None,
) -> bool:
    """A backup made or a bundle exported: the event is added, and its head becomes the anchor's
    head when it extends the recorded one (as after a write)."""

    def add(current: Anchor | None) -> Anchor:
        if current is None:
            return Anchor(store_id, event.head, event.at, str(store_path), (event,))
        events = _trim((*current.events, event))
        if _extends(event.head, current.head, root_at):
            return Anchor(store_id, event.head, event.at, str(store_path), events)
        return Anchor(store_id, current.head, current.seen_at, current.store_path, events)

    return _update(store_id, add, directory)


def record_restore(
    store_id: str, event: AnchorEvent, store_path: Path, *, directory: Path | None = None
) -> bool:
    """A restore (signed by the restoring admin): the one move of the head backwards. The head
    the anchor held stays in the signed event, so verify can still say what was seen before."""

    def rewind(current: Anchor | None) -> Anchor:
        events = current.events if current is not None else ()
        return Anchor(store_id, event.head, event.at, str(store_path), _trim((*events, event)))

    return _update(store_id, rewind, directory)


def restore_message(store_id: str, event: AnchorEvent) -> bytes:
    """What the restoring admin signs (with ``signing.RESTORE_CONTEXT``): the store, when, who,
    the head replaced and the head restored."""
    return canonical_bytes(
        {
            "store_id": store_id,
            "at": event.at,
            "by": event.by,
            "replaced": None if event.replaced is None else event.replaced.as_json(),
            "restored": {"size": event.head.size, "root": event.head.root},
        }
    )


def _extends(new: Head, old: Head, root_at: RootAt) -> bool:
    """``new`` is further along the same ledger as ``old``: larger, and the writer's ledger has
    ``old``'s root at ``old``'s size (asked only when ``new`` is larger: one indexed read)."""
    return new.size > old.size and root_at(old.size) == old.root


def _trim(events: tuple[AnchorEvent, ...]) -> tuple[AnchorEvent, ...]:
    """The last MAX_EVENTS backups and bundles, and every restore."""
    others = [index for index, event in enumerate(events) if event.kind != "restore"]
    dropped = set(others[: max(0, len(others) - MAX_EVENTS)])
    return tuple(event for index, event in enumerate(events) if index not in dropped)


def _update(
    store_id: str, change: Callable[[Anchor | None], Anchor | None], directory: Path | None
) -> bool:
    """Read, change and atomically rewrite one anchor file. A file that cannot be read is set
    aside first (kept, and reported by verify), so recording goes on."""
    path = anchor_path(store_id, directory)
    try:
        current: Anchor | None = read_anchor(path, store_id)
    except FileNotFoundError:
        current = None
    except AnchorUnreadable:
        _set_aside(path, store_id)
        current = None
    changed = change(current)
    if changed is None:
        return False
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = json.dumps(changed.as_json(), indent=1, sort_keys=True, ensure_ascii=False)
    atomic_write(path, data.encode("utf-8"))
    return True


def _set_aside(path: Path, store_id: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    replace(path, path.with_name(f"{store_id}.unreadable-{stamp}.json"))
