"""The store's single-writer lock.

Writers take an OS-level exclusive lock on ``lock`` (flock on POSIX, msvcrt on Windows); the OS
drops it when the process dies, so a killed import never leaves the store locked. While holding
it, the writer records who and what in ``lock.owner`` so that a second writer, after waiting
briefly, can say "store is busy: alice is running import (pid 4242)". Readers never take the
lock: SQLite's WAL mode gives them a consistent snapshot.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from evidence_desk.domain.errors import StoreBusy
from evidence_desk.domain.wording import Catalogue
from evidence_desk.store.db import storage_error

_said = Catalogue(
    {
        "lock.busy": "store is busy: {holder}",
        # ``operation`` is the writer's operation name (import, backup, ...)
        "lock.holder": "{user} is running {operation} (pid {pid} on {host}, since {since})",
        "lock.unknown_holder": "another process is writing to it",
    }
)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class WriterLock:
    """Context manager: ``with WriterLock(store_dir, user, "import"): ...``."""

    def __init__(
        self,
        store_dir: Path,
        user: str,
        operation: str,
        *,
        wait_seconds: float = 3.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = store_dir / "lock"
        self.owner_path = store_dir / "lock.owner"
        self.user = user
        self.operation = operation
        self.wait_seconds = wait_seconds
        self._sleep = sleep
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        except OSError as error:  # a read-only folder or a full disk: say which
            raise storage_error(self.path, error) from None
        deadline = time.monotonic() + self.wait_seconds
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                raise StoreBusy(_said("lock.busy", holder=self.describe_holder()))
            self._sleep(0.05)
        self._handle = handle
        owner = {
            "user": self.user,
            "operation": self.operation,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        # Only a courtesy for the "store is busy" message: a full disk must not turn it into
        # the reason a write fails (the write itself then reports the full disk).
        with contextlib.suppress(OSError):
            self.owner_path.write_text(json.dumps(owner), "utf-8")

    def release(self) -> None:
        if self._handle is None:
            return
        # Only a courtesy, like writing it: on Windows another process reading it for its
        # "store is busy" message (or an antivirus scanning it) makes the delete fail, and by
        # now the write has committed; a stale owner file is harmless (it is read only while
        # the OS lock is held by someone, and every writer rewrites it).
        with contextlib.suppress(OSError):
            self.owner_path.unlink(missing_ok=True)
        try:
            with contextlib.suppress(OSError):  # closing the handle drops the lock anyway
                _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def describe_holder(self) -> str:
        try:
            owner = json.loads(self.owner_path.read_text("utf-8"))
            return _said(
                "lock.holder",
                user=owner["user"],
                operation=owner["operation"],
                pid=owner["pid"],
                host=owner["host"],
                since=owner["since"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return _said("lock.unknown_holder")

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
