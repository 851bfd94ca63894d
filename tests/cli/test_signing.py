"""``signing-ca create``, ``signing-cert issue`` and ``signing-cert import`` through real
subprocesses (issue 21 item 1); exit codes as docs/CLI.md: 0 done, 3 refused, 4 bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from tests.cli.test_commands import REPO
from tests.helpers import TickingClock, make_team, pkcs12_identity


def _run(
    store: Path, user: str, *args: str, p12_password: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EVIDENCE_DESK_") or k == "EVIDENCE_DESK_CONFIG_DIR"
    }
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    env["EVIDENCE_DESK_PASSWORD"] = f"{user}-password"
    if p12_password is not None:
        env["EVIDENCE_DESK_P12_PASSWORD"] = p12_password
    return subprocess.run(
        [sys.executable, "-m", "evidence_desk", "--store", str(store), "--user", user, *args],
        env=env,
        cwd=store.parent,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    from datetime import UTC, datetime

    team = make_team(tmp_path / "store", TickingClock(datetime.now(UTC).replace(microsecond=0)))
    team.close_all()
    return team.path


def test_an_admin_creates_a_ca_writes_its_certificate_and_issues_a_legal_user(
    store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "org-ca.pem"
    created = _run(store, "ada", "--json", "signing-ca", "create", "--out", str(out))
    assert created.returncode == 0, created.stderr
    facts = json.loads(created.stdout)
    ca = x509.load_pem_x509_certificate(out.read_bytes())
    assert facts["subject"] == ca.subject.rfc4514_string() == facts["issuer"]
    issued = _run(store, "ada", "--json", "signing-cert", "issue", "--user", "lee")
    assert issued.returncode == 0, issued.stderr
    cert = json.loads(issued.stdout)
    assert cert["subject"].startswith("CN=lee") and cert["issuer"] == facts["subject"]


def test_a_legal_user_may_not_issue_and_a_staff_member_may_not_create_a_ca(store: Path) -> None:
    refused = _run(store, "lee", "signing-cert", "issue", "--user", "lee")
    assert refused.returncode == 3 and "signing.cert_issue" in refused.stderr
    refused = _run(store, "alice", "signing-ca", "create")
    assert refused.returncode == 3 and "signing.ca_create" in refused.stderr


def test_a_legal_user_imports_their_pkcs12_with_the_password_from_the_environment(
    store: Path, tmp_path: Path
) -> None:
    p12 = tmp_path / "lee.p12"
    p12.write_bytes(pkcs12_identity("Lee Licensed"))
    wrong = _run(store, "lee", "signing-cert", "import", "--p12", str(p12), p12_password="nope")
    assert wrong.returncode == 4 and "password is wrong" in wrong.stderr
    done = _run(
        store, "lee", "signing-cert", "import", "--p12", str(p12), p12_password="p12-password"
    )
    assert done.returncode == 0, done.stderr
    assert "CN=Lee Licensed" in done.stdout
    missing = _run(store, "lee", "signing-cert", "import", "--p12", str(tmp_path / "none.p12"))
    assert missing.returncode == 4
