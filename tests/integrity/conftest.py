"""Fixtures for the RFC 3161 tests: a test PKI and a real local TSA on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from evidence_desk_testing.local_tsa import LocalTsa, TestPki, make_test_pki

OPENSSL_TIMEOUT = 30.0

OpensslRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def tsa_pki(pki: TestPki) -> TestPki:
    """RSA root → intermediate → TSA, plus the misfit certificates (the suite's shared PKI)."""
    return pki


@pytest.fixture(scope="session")
def tsa_pki_ec(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    """ECDSA P-256 root → TSA, no intermediate."""
    return make_test_pki(tmp_path_factory.mktemp("tsa-pki-ec"), intermediate=False, key_type="ec")


@pytest.fixture
def local_tsa(tsa_pki: TestPki) -> Iterator[LocalTsa]:
    """A TSA whose tokens carry the full chain (signer, intermediate, root)."""
    with LocalTsa(tsa_pki, include_chain=True, slow_seconds=10.0) as tsa:
        yield tsa


@pytest.fixture
def local_tsa_single(tsa_pki: TestPki) -> Iterator[LocalTsa]:
    """A TSA whose tokens carry only the signer's certificate."""
    with LocalTsa(tsa_pki, include_chain=False) as tsa:
        yield tsa


@pytest.fixture
def refused_tsa_url() -> Iterator[str]:
    """A 127.0.0.1 URL whose port is bound but not listening: connecting is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/tsa"
    finally:
        sock.close()


@pytest.fixture(scope="session")
def openssl() -> OpensslRunner:
    """Run the openssl CLI with a bounded wait; skips when it is not installed."""
    binary = shutil.which("openssl")
    if binary is None:
        pytest.skip("openssl CLI not available")

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [binary, *(str(arg) for arg in args)],
            capture_output=True,
            text=True,
            timeout=OPENSSL_TIMEOUT,
            cwd=cwd,
            check=False,
        )

    return run
