"""Windows' file sharing, simulated on Linux: a rename refused while a file is held open.

On Windows a rename fails while any process has the file open without FILE_SHARE_DELETE (an
antivirus scanning a new file, the search indexer, OneDrive) with WinError 32 (sharing
violation), and a folder cannot be renamed while a file in it is open (WinError 5). Linux allows
both, so the tests put :class:`WindowsRename` into the rename helper's OS-call hook
(``evidence_desk.store.files.rename_call``): it refuses a rename the way Windows would, either
because a real process (this one included) has the file, or a file in the folder, open (read from
``/proc/*/fd``), or for the first ``fail_first`` renames that ``matching`` selects (an antivirus
that opens every new file for a moment). Only the OS call is replaced: every component of ours
runs as it is. :func:`holding_open` starts the other program: a real process that opens a file
and keeps it open for a while or until the test ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLD = """
import sys, time
handle = open(sys.argv[1], "rb")
print("holding", flush=True)
seconds = float(sys.argv[2])
if seconds > 0:
    time.sleep(seconds)
    handle.close()
sys.stdin.read()  # until the test closes our stdin
"""


def sharing_violation(path: Path, winerror: int = 32) -> PermissionError:
    """The error Python raises on Windows for a file another process holds."""
    strerror = {
        5: "Access is denied",
        32: "The process cannot access the file because it is being used by another process",
        33: "The process cannot access the file because another process has locked a portion "
        "of the file",
    }[winerror]
    error = PermissionError(13, strerror, str(path))
    error.winerror = winerror  # type: ignore[attr-defined]  # set by Python on Windows only
    return error


def _open_files() -> Iterator[Path]:
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                yield Path(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:
                continue


def held_open(path: Path) -> bool:
    """Some process (this one too) has ``path``, or a file inside the folder ``path``, open."""
    wanted = Path(path).resolve()
    return any(held == wanted or wanted in held.parents for held in _open_files())


class WindowsRename:
    """``os.replace`` with Windows' sharing rules (a stand-in for the OS, not for our code)."""

    def __init__(
        self,
        *,
        fail_first: int = 0,
        matching: Callable[[Path, Path], bool] = lambda _source, _target: True,
    ) -> None:
        self.fail_first = fail_first
        self.matching = matching
        self.calls = 0
        self.refused = 0

    def __call__(self, source: Path, target: Path) -> None:
        source, target = Path(source), Path(target)
        self.calls += 1
        if self.fail_first > 0 and self.matching(source, target):
            self.fail_first -= 1
            self.refused += 1
            raise sharing_violation(source)
        for path in (source, target):
            if path.exists() and held_open(path):
                self.refused += 1
                raise sharing_violation(path, 5 if path.is_dir() else 32)
        os.replace(source, target)


@contextmanager
def holding_open(path: Path, *, seconds: float = 0) -> Iterator[subprocess.Popen[str]]:
    """Another program keeps ``path`` open: for ``seconds``, or (0) until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path), str(seconds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        if holder.stdin is not None:
            holder.stdin.close()
        try:
            holder.wait(timeout=30)
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.wait(timeout=10)
