"""Plumbing for the fault tests: real subprocesses, a small tmpfs, a read-only bind mount.

Mounting needs root and a kernel that allows it (true on the project's machines and in CI);
where it is not possible the helpers say so and the test picks its documented fallback.
Every mount is undone in a ``finally``; every subprocess wait is bounded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evidence_desk.services.verify import VerifyReport

REPO_ROOT = Path(__file__).resolve().parents[2]
WARNINGS_AFTER_A_CRASH = {"blob.orphan", "blob.partial", "timestamp.pending"}


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.update(extra)
    return env


def run_cli(
    store: Path, user: str, password: str, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real command line in a subprocess, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "evidence_desk", "--store", str(store), "--user", user, *args],
        env=child_env(EVIDENCE_DESK_PASSWORD=password),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def describe(report: VerifyReport) -> str:
    return "\n".join(f"  {f.severity} {f.code} @ {f.location}: {f.detail}" for f in report.findings)


def _mount(*args: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, timeout=30, check=False)
    return done.returncode == 0


def _umount(path: Path) -> None:
    done = subprocess.run(["umount", str(path)], capture_output=True, timeout=30, check=False)
    if done.returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30, check=False)


@contextmanager
def small_tmpfs(path: Path, size_kib: int) -> Iterator[bool]:
    """Mount a tmpfs of ``size_kib`` at ``path``; yields False when mounting is not possible."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = _mount("-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path))
    try:
        yield mounted
    finally:
        if mounted:
            _umount(path)


@contextmanager
def read_only_view(path: Path) -> Iterator[bool]:
    """Make ``path`` read-only for everyone, root included (a read-only bind mount over it)."""
    mounted = _mount("--bind", str(path), str(path))
    try:
        if mounted and not _mount("-o", "remount,bind,ro", str(path)):
            yield False
            return
        yield mounted
    finally:
        if mounted:
            _umount(path)
