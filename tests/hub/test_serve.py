"""``serve``: the hub as its own process on HOST:PORT, stopped by SIGTERM without cutting off a
request in flight."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from evidence_desk.domain.errors import UsageError
from evidence_desk.hub import tls
from evidence_desk.hub.app import parse_listen
from evidence_desk.integrity import pinning

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_listen_is_host_and_port() -> None:
    assert parse_listen("127.0.0.1:8443") == ("127.0.0.1", 8443)
    assert parse_listen("[::1]:443") == ("::1", 443)
    assert parse_listen("hub.example.com:1") == ("hub.example.com", 1)
    for bad in ("8443", ":8443", "host:", "host:0", "host:65536", "host:x"):
        with pytest.raises(UsageError):
            parse_listen(bad)


def test_sigterm_finishes_the_request_in_flight_then_ends(tmp_path: Path) -> None:
    files = tls.create_private_ca(tmp_path / "tls", [])
    port = _free_port()
    listen = f"127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    hub = subprocess.Popen(
        [sys.executable, "-m", "evidence_desk_testing.slow_hub", str(tmp_path / "tls"), listen],
        env=env,
    )
    try:
        with httpx.Client(
            base_url=f"https://127.0.0.1:{port}",
            verify=pinning.client_context(files.ca_file),
            trust_env=False,
            timeout=10,
        ) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    assert client.get("/v1/health").json() == {"status": "ok"}
                    break
                except httpx.ConnectError:
                    assert hub.poll() is None and time.monotonic() < deadline
                    time.sleep(0.1)
            answers: list[int] = []
            slow = threading.Thread(
                target=lambda: answers.append(client.get("/v1/health?slow").status_code)
            )
            slow.start()
            time.sleep(0.5)
            hub.send_signal(signal.SIGTERM)
            slow.join(10)
        assert answers == [200]
        # uvicorn stops, then lets the signal end the process as it would have: what a service
        # manager expects of a service it stopped
        assert hub.wait(timeout=30) == -signal.SIGTERM
    finally:
        if hub.poll() is None:
            hub.kill()
            hub.wait()
