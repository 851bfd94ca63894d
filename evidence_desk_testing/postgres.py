"""A throwaway PostgreSQL cluster for the hub's tests and the bench: never a system-wide one.

The hub's tests run against a real PostgreSQL (Debian's ``postgresql`` package: ``.ci/run``
installs it). This module finds the server binaries, makes a cluster with ``initdb`` in a
temporary folder, starts it on a free port on 127.0.0.1 only with trust authentication on the
loopback (nothing else can reach it), and stops it with ``pg_ctl stop -m immediate`` and removes
the folder. ``initdb`` refuses to run as root, and CI runs as root: there the cluster belongs to
the ``postgres`` system user (``runuser -u postgres --``), which owns the folder.

Only the standard library: ``tasks.py`` imports :func:`missing_line` on a fresh machine, before
any dependency is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

#: the superuser the cluster is made with (whatever OS user runs it)
SUPERUSER = "postgres"
#: the OS user that owns the cluster when this process runs as root
SYSTEM_USER = "postgres"
INSTALL_HINT = (
    "the hub's tests need PostgreSQL 15 or newer (initdb, pg_ctl): "
    "install it with `sudo apt-get install postgresql` (Debian/Ubuntu)"
)


def _version_key(path: str) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin/initdb -> (15,)
    part = Path(path).parent.parent.name
    return tuple(int(p) for p in part.split(".") if p.isdigit())


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: ``$EVIDENCE_DESK_PG_BINDIR`` when set (and
    then only it), else the newest Debian install (``/usr/lib/postgresql/<version>/bin``),
    ``pg_config --bindir`` or ``PATH``; None when there is none."""
    explicit = os.environ.get("EVIDENCE_DESK_PG_BINDIR")
    if explicit:
        folder = Path(explicit)
        return folder if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file() else None
    candidates: list[Path] = []
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key, reverse=True)
    candidates.extend(Path(p).parent for p in debian)
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=30, check=True
            ).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    on_path = shutil.which("initdb")
    if on_path is not None:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def missing_line() -> str | None:
    """One line saying how to install PostgreSQL when its binaries are missing, else None."""
    return INSTALL_HINT if find_bindir() is None else None


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One throwaway cluster: ``start()`` makes and starts it, ``stop()`` stops it (the data
    stays, ``start()`` again restarts it: a fault test restarts PostgreSQL mid-sync), and
    ``remove()`` (or leaving the ``with`` block) stops it and deletes the folder.

    ``durable=False`` (the tests) turns fsync off: an immediate stop still keeps every committed
    row (the operating system holds them), only a power cut would lose them. ``settings`` are
    further ``postgresql.conf`` lines (a benchmark's ``track_commit_timestamp = on``)."""

    def __init__(
        self, *, bindir: Path | None = None, durable: bool = False, settings: Sequence[str] = ()
    ) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise RuntimeError(INSTALL_HINT)
        self.bindir = found
        self.durable = durable
        self._settings = tuple(settings)
        self.port = 0
        self._folder: Path | None = None
        self._running = False
        self._as_root = hasattr(os, "geteuid") and os.geteuid() == 0

    # -- paths and commands ---------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        if self._folder is None:
            raise RuntimeError("the cluster has not been made yet")
        return self._folder

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        return self.folder / "postgres.log"

    def _run(self, *args: str) -> None:
        command = list(args)
        if self._as_root:
            command = ["runuser", "-u", SYSTEM_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-2000:] if self._has_log() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n{log}"
            )

    def _has_log(self) -> bool:
        return self._folder is not None and self.log_file.exists()

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """The libpq URL of ``database`` as ``user`` (trust: no password)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    # -- life cycle -----------------------------------------------------------------------------

    def _make(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="evidence-desk-pg-"))
        self._folder = folder
        if self._as_root:
            shutil.chown(folder, SYSTEM_USER, SYSTEM_USER)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{folder}'",
            "max_connections = 50",
            "shared_buffers = 32MB",
        ]
        if not self.durable:
            # not synchronous_commit = off: a commit would return before its WAL left
            # PostgreSQL's memory, and an immediate stop (a fault test's crash) would lose it
            settings += ["fsync = off", "full_page_writes = off"]
        settings += self._settings
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# evidence-desk throwaway cluster\n" + "\n".join(settings) + "\n")
        # trust on the loopback and the cluster's own socket only; nothing else may connect
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )

    def start(self) -> None:
        """Make the cluster (first call) and start it on a free port; waits until it accepts
        connections. Starting a stopped cluster keeps its data (and its port when free)."""
        if self._running:
            return
        if self._folder is None:
            self._make()
        for attempt in range(5):
            if self.port == 0 or attempt > 0:
                self.port = free_port()
            try:
                self._run(
                    str(self.bindir / "pg_ctl"),
                    "start",
                    "-w",
                    "-t",
                    "60",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.log_file),
                    "-o",
                    f"-p {self.port}",
                )
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(0.2)  # the port was taken in between: another one
                continue
            self._running = True
            return

    def stop(self) -> None:
        """Stop at once (``-m immediate``: like a crash; PostgreSQL recovers at the next start)."""
        if not self._running:
            return
        self._run(str(self.bindir / "pg_ctl"), "stop", "-m", "immediate", "-D", str(self.data_dir))
        self._running = False

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop()
        finally:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None

    def __enter__(self) -> PostgresCluster:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.remove()
