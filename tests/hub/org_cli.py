"""An organisation driven through the command line: a hub (``hub serve`` as its own process,
on a real PostgreSQL, over real TLS on 127.0.0.1) and device stores in a test's folder."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from evidence_desk.cli.commands import main
from evidence_desk.integrity import pinning
from evidence_desk.services.session import Session
from tests.helpers import TickingClock

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "organisation-password-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(*argv: str | Path, password: str = PASSWORD) -> tuple[int, str, str]:
    """One CLI command in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        patch.setenv("EVIDENCE_DESK_PASSWORD", password)
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def ok(*argv: str | Path) -> Any:
    """A CLI command with --json that must succeed: its JSON output."""
    code, out, err = run(*argv, "--json")
    assert code == 0, (argv, out, err)
    return json.loads(out)


@dataclass
class Org:
    folder: Path
    db: str
    port: int
    tls: Path
    hub: subprocess.Popen[bytes] | None = None
    stores: dict[str, Path] = field(default_factory=dict)
    serve_args: tuple[str, ...] = ()  # more ``hub serve`` options (e.g. --blobs s3://...)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def ca(self) -> Path:
        return self.tls / "ca.pem"

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.hub = subprocess.Popen(
            [sys.executable, "-m", "evidence_desk", "hub", "serve", "--db", self.db,
             "--listen", f"127.0.0.1:{self.port}", "--tls-dir", str(self.tls),
             *self.serve_args],
            env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        with httpx.Client(
            verify=pinning.client_context(self.ca), trust_env=False, timeout=5
        ) as client:
            while True:
                try:
                    client.get(f"{self.url}/v1/health")
                    return
                except httpx.TransportError:
                    assert self.hub.poll() is None and time.monotonic() < deadline
                    time.sleep(0.1)

    def kill(self) -> None:
        if self.hub is not None and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGKILL)
            self.hub.wait()
        self.hub = None

    def invite(self, name: str, role: str) -> str:
        answer = ok(
            "hub", "user", "add", name, "--role", role, "--hub", self.url, "--ca", self.ca,
            "--user", "root", "--store", self.stores["root"],
        )  # fmt: skip
        return str(answer["code"])

    def join(self, name: str, role: str) -> Path:
        code = self.invite(name, role)
        store = self.folder / name
        ok("join", self.url, "--code", code, "--ca", self.ca, "--user", name, "--store", store)
        self.stores[name] = store
        return store

    def welcome(self, *names: str) -> None:
        """The admin's device syncs (it pulls the joins and wraps the organisation's handle-index
        key, and the case keys it holds, for the new members), then each of ``names``."""
        for name in ("root", *names):
            code, _report, err = self.sync(name)
            assert code == 0, err

    def sync(self, name: str) -> tuple[int, dict[str, Any], str]:
        code, out, err = run("sync", "--store", self.stores[name], "--user", name, "--json")
        return code, (json.loads(out) if out.strip() else {}), err

    def login(self, name: str) -> Session:
        return Session.open(self.stores[name], name, PASSWORD)


def session_at(org: Org, name: str, clock: TickingClock) -> Session:
    """``name``'s session on their device, its entries dated by ``clock``."""
    return Session.open(org.stores[name], name, PASSWORD, clock=clock)


def synced(org: Org, *names: str) -> None:
    """Each of ``names`` syncs through the CLI, in that order, and must succeed."""
    for name in names:
        code, _report, err = org.sync(name)
        assert code == 0, (name, err)


@contextlib.contextmanager
def organisation(folder: Path, db: str, *serve_args: str) -> Iterator[Org]:
    """``hub init`` (root's store), then the hub serving (with ``serve_args``)."""
    org = Org(folder, db, free_port(), folder / "hub-tls", serve_args=serve_args)
    org.stores["root"] = folder / "root"
    ok("hub", "init", "--db", db, "--admin", "root", "--tls-dir", org.tls,
       "--store", org.stores["root"])  # fmt: skip
    org.start()
    try:
        yield org
    finally:
        org.kill()
