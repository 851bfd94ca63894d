"""The organisation checkpoints a device kept, in ``org-checkpoints.jsonl`` in its store folder:
one JSON object a line (the checkpoint as the hub signed it, and its stamp once it has one),
appended to, never rewritten.

Why a log and not one document: a device keeps every checkpoint it sees, one at nearly every
sync while the organisation works (the hub signs one at every accepted push), and stamps
arrive later for checkpoints kept unstamped. The earlier ``org-checkpoints.json`` was one JSON
document, read and parsed whole several times at every sync and written whole at most of
them: at 600 kept, 10 of a supervisor's 17 s over 80 syncs went to parsing it, and it grew
without bound. Here a sync appends a line and reads what it appended; a stamp that comes later
is a new line for the same checkpoint (the same statement), which takes the stamp in
place, so a stamp is never lost and the order kept is the order first seen.

A line cut short by a crash (no newline at its end, or not JSON) is not a checkpoint: the
reader stops before it and the next append starts after the last whole line, so at most the
checkpoint being kept is lost, and the next sync keeps the hub's newest again (its
consistency proof from the last one kept).

The parsed list is held per store folder in this process while the file is as this process
last read or wrote it (inode, size, modification time), so a sync reads the file once if at
all; ``verify`` reads it from disk every time (:func:`seen` with ``fresh``). A store written
by an earlier release has ``org-checkpoints.json``: it is read as it is, and turned into the
log, whole and atomically, by the first checkpoint kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from evidence_desk.domain.errors import HubForked
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity.org_checkpoints import OrgCheckpoint, SignedCheckpoint
from evidence_desk.store.files import atomic_write, fsync_dir, identity
from evidence_desk.store.folder import StoreFolder

SEEN_FILE: Final = "org-checkpoints.jsonl"
#: one JSON document ``{"checkpoints": [...]}``, rewritten whole (releases before the log)
OLD_SEEN_FILE: Final = "org-checkpoints.json"

_said = Catalogue({"org_checkpoint.unreadable": "{path} cannot be read ({error})"})


@dataclass(frozen=True, slots=True)
class Seen:
    """A checkpoint as the hub signed it, with its statement and, when the hub had it stamped,
    the RFC 3161 stamp as served (``token`` in base64, ``gen_time``, ``tsa``)."""

    signed: SignedCheckpoint
    stated: OrgCheckpoint
    stamp: dict[str, str] | None = None

    def as_json(self) -> dict[str, Any]:
        """How the log (and a bundle) keeps it."""
        kept: dict[str, Any] = self.signed.as_json()
        if self.stamp is not None:
            kept["stamp"] = self.stamp
        return kept


def read_stamp(value: Any) -> dict[str, str] | None:
    """A served or kept stamp as text fields (None: none, or not the shape the hub serves)."""
    if not isinstance(value, dict) or not isinstance(value.get("token"), str):
        return None
    kept = {name: str(value.get(name, "")) for name in ("token", "gen_time", "tsa")}
    certs = value.get("certs")  # the TSA's certificate path as the hub published it
    return kept | ({"certs": certs} if isinstance(certs, str) and certs else {})


@dataclass
class _Read:
    """The log as this process last read or wrote it."""

    identity: tuple[int, int, int]  # inode, size, modification time (ns)
    whole: int  # bytes up to the end of the last whole line
    kept: list[Seen] = field(default_factory=list)
    at: dict[str, int] = field(default_factory=dict)  # the statement (body) -> its index


_reads: dict[Path, _Read] = {}


def seen(folder: StoreFolder, *, fresh: bool = False) -> list[Seen]:
    """Every checkpoint this store kept, oldest first, each with the newest stamp kept for it.
    ``fresh``: read from disk whatever this process holds (verify). HubForked when the file
    cannot be read or holds what is not a checkpoint (a whole line)."""
    path = folder.path / SEEN_FILE
    if not path.exists():
        _reads.pop(path, None)
        return _old(folder.path / OLD_SEEN_FILE)
    held = _reads.get(path)
    try:
        if fresh or held is None or identity(path) != held.identity:
            held = _read(path)
    except (OSError, ValueError, KeyError, TypeError) as error:  # MalformedCheckpoint too
        _reads.pop(path, None)
        said = _said("org_checkpoint.unreadable", path=path, error=error)
        raise HubForked("org_checkpoint.unreadable", said) from None
    _reads[path] = held
    return list(held.kept)


def keep(folder: StoreFolder, ones: Sequence[Seen]) -> None:
    """Keep ``ones``: a checkpoint not kept yet goes at the end; one kept already (the same
    statement) takes its stamp when it brings one, and otherwise changes nothing (a stamp is
    never dropped, and the signature first kept stays). Appended (one write, fsync'd); a store
    still holding the document of earlier releases has it turned into the log first."""
    path = folder.path / SEEN_FILE
    if not path.exists():
        old = _old(folder.path / OLD_SEEN_FILE)
        if old:  # the earlier document, turned into the log whole (atomically) once
            atomic_write(path, b"".join(_line(one) for one in old))
            (folder.path / OLD_SEEN_FILE).unlink(missing_ok=True)
    kept = seen(folder)
    index = {k.signed.body: n for n, k in enumerate(kept)}
    lines = []
    for one in ones:
        n = index.get(one.signed.body)
        if n is None or (one.stamp is not None and kept[n].stamp != one.stamp):
            lines.append(_line(one if n is None else Seen(kept[n].signed, one.stated, one.stamp)))
            if n is None:
                index[one.signed.body] = len(kept)
                kept.append(one)
    if lines:
        _append(path, b"".join(lines))


def _line(one: Seen) -> bytes:
    return json.dumps(one.as_json(), separators=(",", ":")).encode("utf-8") + b"\n"


def _read(path: Path) -> _Read:
    data = path.read_bytes()
    whole = data.rfind(b"\n") + 1  # a last line cut short is not read
    read = _Read(identity(path), whole)
    for raw in data[:whole].splitlines():
        if raw.strip():
            _take(read, json.loads(raw))
    return read


def _take(read: _Read, row: Any) -> None:
    """One line into the list: a new checkpoint, or a stamp for one kept."""
    signed = SignedCheckpoint(str(row["body"]), str(row["signature"]))
    stamp = read_stamp(row.get("stamp"))
    n = read.at.get(signed.body)
    if n is None:
        read.at[signed.body] = len(read.kept)
        read.kept.append(Seen(signed, org.parse(signed.body), stamp))
    elif stamp is not None:
        read.kept[n] = Seen(read.kept[n].signed, read.kept[n].stated, stamp)


def _append(path: Path, lines: bytes) -> None:
    """Append whole lines after the last whole one (a line a crash cut short is dropped), and
    take them into this process's read of the log (read again first if the file changed since
    ``keep`` read it)."""
    created = not path.exists()
    held = _Read((0, 0, 0), 0) if created else _reads.get(path)
    if held is None or (not created and identity(path) != held.identity):
        held = _read(path)
    with open(path, "ab") as handle:
        if handle.seek(0, os.SEEK_END) != held.whole:
            handle.truncate(held.whole)
        handle.write(lines)  # append mode: at the end, just after the last whole line
        handle.flush()
        os.fsync(handle.fileno())
    if created:
        fsync_dir(path.parent)
    for raw in lines.splitlines():
        _take(held, json.loads(raw))
    held.whole += len(lines)
    held.identity = identity(path)
    _reads[path] = held


def _old(path: Path) -> list[Seen]:
    """The checkpoints kept in the earlier releases' single document (none: no file)."""
    if not path.exists():
        return []
    read = _Read((0, 0, 0), 0)
    try:
        for row in json.loads(path.read_text("utf-8"))["checkpoints"]:
            _take(read, row)
    except (OSError, ValueError, KeyError, TypeError) as error:
        said = _said("org_checkpoint.unreadable", path=path, error=error)
        raise HubForked("org_checkpoint.unreadable", said) from None
    return read.kept
