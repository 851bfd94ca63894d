"""The store's hint of the blob files its hub names, in ``hub-blobs.txt`` in its store folder:
one path (under the store folder, ``blobs/ab/cdef...`` for the blob named ``abcdef...``) a
line, appended to as a sync pushes files or pulls records naming them. Only a hint that
spares asking the hub again: a path missing from it is asked about anew (never a file left
unpushed), so it is read as empty when unreadable and forgotten when the store is bound to
another hub.

Why it is held in memory, as the blob names: a sync reads it several times (the files to push
are the recorded ones it does not name, ``sync._local_blobs``, which compares names), and it
grows by every file of every page a sync applies (on legal's desktop, the organisation's).
Read whole at every call, it was a cost that grew with the day (at 500 laptops, a staff
member's device spent 7-8 % of its time reading it). The names are held per file in this
process with the file's inode, size and modification time, and with the
last whole line read: a file that only grew (another process appended) is read from where this
process stopped; a file replaced, rewritten or cut is read whole again.

Why the appends are not fsync'd: a line lost to a crash is a file asked about again, and the
fsync at every page cost as much as the read. A line a crash cut short is a path no file has
(the names are of one length), so it is never taken for one; it is ended before the next
append. A hint read as empty (none yet, or unreadable) is written whole, and fsync'd, so an
unreadable one does not stay so.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from evidence_desk.store.files import atomic_write, identity
from evidence_desk.store.folder import StoreFolder

FILE: Final = "hub-blobs.txt"
#: the bytes before the end of what was read that must still be there for the file to be
#: taken as only grown (a file written anew may reuse the inode and outgrow the old one)
_MARK: Final = 128


@dataclass
class _Read:
    """The hint as this process last read or wrote it."""

    identity: tuple[int, int, int]  # inode, size, modification time (ns)
    whole: int  # bytes up to the end of the last whole line
    mark: bytes  # the bytes just before ``whole`` (up to ``_MARK``)
    names: set[str]


_reads: dict[Path, _Read] = {}


def path_of(name: str) -> str:
    """A blob's file, under the store folder."""
    return f"blobs/{name[:2]}/{name[2:]}"


def name_of(path: str) -> str | None:
    """The blob a file under the store folder holds (None: not a blob file's path)."""
    if len(path) > 9 and path.startswith("blobs/") and path[8] == "/":
        return path[6:8] + path[9:]
    return None


def known(folder: StoreFolder) -> Set[str]:
    """The blobs whose files this store knows its hub names, by name (none if there is no
    hint or it cannot be read). The set is this module's: read it, do not change it."""
    path = folder.path / FILE
    try:
        now = identity(path)
        held = _reads.get(path)
        if held is not None and held.identity == now:
            return held.names
        held = _grown(path, held, now) or _whole(path, now)
    except (OSError, UnicodeError):
        _reads.pop(path, None)
        return frozenset()
    _reads[path] = held
    return held.names


def remember(folder: StoreFolder, more: Iterable[str]) -> None:
    """Add the files ``more`` (paths under the store folder) to the hint: those it does not
    name yet, appended (see the module's docstring)."""
    have = known(folder)
    new = sorted({name for name in map(name_of, more) if name is not None} - have)
    if not new:
        return
    path = folder.path / FILE
    lines = "".join(f"{path_of(name)}\n" for name in new).encode()
    if not have:
        atomic_write(path, lines)
        return
    held = _reads.get(path)
    with open(path, "a+b") as handle:  # writes go to the end; reads where it seeks
        end = handle.seek(0, os.SEEK_END)
        if end > 0:  # a line cut short before is ended first
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                lines = b"\n" + lines
        handle.write(lines)
        handle.flush()
    if held is not None and held.whole == end:
        # the file as this process last read it, plus these lines: no need to read it again
        held.identity = identity(path)
        held.whole = held.identity[1]
        held.mark = (held.mark + lines)[-_MARK:]
        held.names.update(new)


def forget(folder: StoreFolder) -> None:
    """No hint: the store is bound to another hub (what one hub held says nothing of another)."""
    path = folder.path / FILE
    _reads.pop(path, None)
    path.unlink(missing_ok=True)


def _grown(path: Path, held: _Read | None, now: tuple[int, int, int]) -> _Read | None:
    """``held`` and the whole lines appended after what it read, if the file only grew since
    (the same inode, the bytes it ended with still there); None to read it whole."""
    if held is None or now[0] != held.identity[0] or now[1] < held.whole:
        return None
    with open(path, "rb") as handle:
        handle.seek(held.whole - len(held.mark))
        if handle.read(len(held.mark)) != held.mark:
            return None
        tail = handle.read()
    whole = tail.rfind(b"\n") + 1  # a last line cut short is read once it is ended
    held.names.update(_names(tail[:whole]))
    held.identity = now
    held.mark = (held.mark + tail[:whole])[-_MARK:]
    held.whole += whole
    return held


def _whole(path: Path, now: tuple[int, int, int]) -> _Read:
    data = path.read_bytes()
    whole = data.rfind(b"\n") + 1
    return _Read(now, whole, data[max(0, whole - _MARK) : whole], _names(data[:whole]))


def _names(lines: bytes) -> set[str]:
    """The blob names of whole lines (one not a blob file's path names none)."""
    return {name for name in map(name_of, lines.decode("utf-8").split()) if name is not None}
