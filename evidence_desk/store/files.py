"""Crash-safe file writes and renames that survive Windows' sharing violations.

``atomic_write`` writes a temp file, fsyncs it, renames it over the target and fsyncs the folder.
Every rename of the program goes through :func:`replace`: on Windows another program that has a
file open (an antivirus scanning the new file, the search indexer, OneDrive or another sync
client) makes a rename fail with a sharing violation (WinError 32, 33) or "access denied"
(WinError 5, also what renaming a folder with an open file in it gives) for a moment. ``replace``
retries with a growing pause for a bounded time (``RETRY_SECONDS``), then raises
:class:`~evidence_desk.domain.errors.FileInUse` naming the file, never "read-only".

``rename_call`` is the OS call the helper makes; tests put a stand-in for Windows there (one
that fails with a sharing violation the first N times).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from evidence_desk.domain.errors import FileInUse
from evidence_desk.domain.wording import Catalogue

_said = Catalogue(
    {
        "files.in_use": "{path}: file in use by another program (antivirus, indexer or sync "
        "client?); it could not be replaced for {seconds} seconds ({error}). Close the program "
        "that holds it, or wait a moment, and try again",
    }
)

#: WinError codes of a file another process holds: access denied (also a folder with an open
#: file in it), sharing violation, lock violation.
SHARING_WINERRORS = frozenset({5, 32, 33})
#: How long one rename keeps retrying before it gives up (seconds).
RETRY_SECONDS = 3.0
_FIRST_PAUSE = 0.02
_MAX_PAUSE = 0.5

#: The OS rename ``replace`` calls (a module-level hook: tests put a Windows stand-in here).
rename_call: Callable[[Path, Path], None] = os.replace
#: How ``replace`` waits between attempts (tests may count the pauses).
sleep_call: Callable[[float], None] = time.sleep


def is_sharing_violation(error: BaseException) -> bool:
    """An OSError Windows raises while another program has the file (or a file in the folder)
    open. Only a Windows error code says so: POSIX errors are never taken for one."""
    return isinstance(error, OSError) and getattr(error, "winerror", None) in SHARING_WINERRORS


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def replace(source: Path, target: Path, *, retry_seconds: float | None = None) -> None:
    """``os.replace(source, target)``, retried while another program holds either of them.

    Gives up after ``retry_seconds`` (default ``RETRY_SECONDS``) with :class:`FileInUse`, which
    names the target. WinError 5 ("access denied") is also what a read-only folder gives: when
    the folder is not writable the error is raised as it is, for the caller to word.
    """
    budget = RETRY_SECONDS if retry_seconds is None else retry_seconds
    deadline = time.monotonic() + budget
    pause = _FIRST_PAUSE
    while True:
        try:
            rename_call(source, target)
            return
        except OSError as error:
            if not is_sharing_violation(error):
                raise
            if getattr(error, "winerror", None) == 5 and not _writable(Path(target).parent):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise FileInUse(
                    _said(
                        "files.in_use",
                        path=target,
                        seconds=f"{budget:g}",
                        error=error.strerror or error,
                    ),
                    path=Path(target),
                ) from None
            sleep_call(min(pause, left))
            pause = min(pause * 2, _MAX_PAUSE)


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def identity(path: Path) -> tuple[int, int, int]:
    """A file's inode, size and modification time (ns): what tells a process that a file it
    read is no longer as it read it, without reading it (OSError when it is not there)."""
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
