"""Trusted time over checkpoints with a real local TSA (loopback HTTP, real RFC 3161 tokens)."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.integrity import ledger, tsa
from evidence_desk.services import cases, settings, timestamps
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.local_tsa import Fault, LocalTsa, TestPki
from tests.helpers import Team, TickingClock, ledger_size, raw_connection


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present, so time starts there
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def configured(team: Team, pki: TestPki, local_tsa: LocalTsa) -> Session:
    admin = team.login("ada")
    timestamps.add_authority(
        admin,
        "local-test-tsa",
        local_tsa.url,
        pki.root_pem.read_text(),
        pki.intermediates_pem.read_text(),
        timeout_seconds=1,
    )
    alice = team.login("alice")
    cases.create_case(alice, "2026-T-1", debtor_name="赵六")
    return alice


def test_stamp_stores_a_verified_token_and_clears_the_queue(configured: Session) -> None:
    before = timestamps.status(configured)
    assert before.pending_entries > 0
    outcome = timestamps.stamp(configured)
    assert outcome.stamped and outcome.tsa_name == "local-test-tsa"
    after = timestamps.status(configured)
    assert after.stamped_size == before.ledger_size and after.pending_entries == 0
    row = configured.conn.execute("SELECT * FROM timestamps").fetchone()
    assert row["request"] and row["response"] and json.loads(row["cert_chain"])
    report = verify_store(configured)
    assert report.intact
    assert "timestamp.pending" not in {f.code for f in report.findings}
    assert configured.folder.stamped()["size"] == before.ledger_size  # type: ignore[index]


def test_nothing_to_stamp_when_only_stamp_entries_follow(configured: Session) -> None:
    timestamps.stamp(configured)
    size = ledger_size(configured)
    again = timestamps.stamp(configured)
    assert not again.stamped and not again.attempts
    assert ledger_size(configured) == size


def test_openssl_verifies_the_stored_token(
    configured: Session, pki: TestPki, tmp_path: Path
) -> None:
    if shutil.which("openssl") is None:  # .ci/run installs it; a bare dev box may lack it
        pytest.skip("openssl command not installed")
    timestamps.stamp(configured)
    row = configured.conn.execute("SELECT * FROM timestamps").fetchone()
    note = ledger.checkpoint_note(
        configured.folder.store_id, row["checkpoint_size"], row["checkpoint_root"]
    )
    (tmp_path / "checkpoint.txt").write_text(note, "utf-8", newline="\n")
    (tmp_path / "token.tst").write_bytes(base64.b64decode(row["token"]))
    result = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-data",
            str(tmp_path / "checkpoint.txt"),
            "-in",
            str(tmp_path / "token.tst"),
            "-token_in",
            "-CAfile",
            str(pki.root_pem),
            "-untrusted",
            str(pki.chain_pem),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verification: OK" in result.stdout


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault.HTTP_500, "http_error"),
        (Fault.GARBAGE, "malformed_response"),
        (Fault.WRONG_IMPRINT, "imprint_mismatch"),
        (Fault.WRONG_NONCE, "nonce_mismatch"),
        (Fault.REJECT, "rejected"),
        (Fault.NO_TIMESTAMP_EKU, "signer_eku"),
        (Fault.EXPIRED_CERT, "cert_not_valid"),
        (Fault.UNTRUSTED_ROOT, "untrusted_chain"),
        (Fault.SLOW, "timeout"),
    ],
)
def test_a_bad_answer_keeps_the_queue_records_why_and_the_next_stamp_succeeds(
    configured: Session, local_tsa: LocalTsa, fault: Fault, reason: str
) -> None:
    local_tsa.fault = fault
    size = ledger_size(configured)
    outcome = timestamps.stamp(configured)
    assert not outcome.stamped
    assert reason in outcome.attempts[0][1]
    assert ledger_size(configured) == size  # nothing stored, nothing lost
    attempt = configured.conn.execute("SELECT * FROM stamp_attempts").fetchone()
    assert attempt["outcome"] == "failed" and reason in attempt["reason"]
    assert timestamps.status(configured).pending_entries > 0
    local_tsa.fault = Fault.NONE
    assert timestamps.stamp(configured).stamped


def test_tsa_down_keeps_the_queue(team: Team, pki: TestPki) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/tsa"
        admin = team.login("ada")
        timestamps.add_authority(admin, "down", url, pki.root_pem.read_text(), timeout_seconds=1)
        outcome = timestamps.stamp(admin)
    assert not outcome.stamped and "connection_failed" in outcome.attempts[0][1]


def test_stamping_without_a_configured_tsa_is_refused_by_rule(team: Team) -> None:
    with pytest.raises(RuleViolation) as refused:
        timestamps.stamp(team.login("alice"))
    assert refused.value.rule == "tsa.configured"


def test_clock_skew_above_five_minutes_is_flagged(
    configured: Session, local_tsa: LocalTsa, team: Team
) -> None:
    local_tsa.clock = lambda: team.clock.now - timedelta(minutes=10)
    outcome = timestamps.stamp(configured)
    assert outcome.stamped and outcome.skew_flagged
    payload = configured.conn.execute(
        "SELECT payload FROM ledger WHERE action = 'timestamp.add'"
    ).fetchone()[0]
    assert json.loads(payload)["clock_skew_flagged"] is True


def test_new_entries_after_a_stamp_are_reported_as_sealed_locally(configured: Session) -> None:
    timestamps.stamp(configured)
    cases.create_case(configured, "2026-T-2", debtor_name="钱七")
    findings = {f.code: f for f in verify_store(configured).findings}
    assert findings["timestamp.pending"].severity == "warning"


def test_tail_truncation_is_detected_against_the_stamped_checkpoint(
    team: Team, configured: Session
) -> None:
    cases.create_case(configured, "2026-T-2", debtor_name="钱七")
    timestamps.stamp(configured)
    stamped_size = configured.folder.stamped()["size"]  # type: ignore[index]
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    keep = stamped_size - 2
    old = conn.execute("SELECT * FROM checkpoints WHERE size = ?", (keep,)).fetchone()
    conn.execute("DELETE FROM ledger WHERE seq > ?", (keep,))
    conn.execute("DELETE FROM checkpoints WHERE size > ?", (keep,))
    conn.execute("DELETE FROM timestamps")
    conn.close()
    # the tamperer also rolls the head back to an older, validly signed checkpoint
    descriptor = json.loads((team.path / "store.json").read_text())
    descriptor["head"] = {k: old[k] for k in ("size", "root", "at", "signer", "signature")}
    (team.path / "store.json").write_text(json.dumps(descriptor))
    configured.folder.reload()
    report = verify_store(configured)
    truncated = [f for f in report.errors if f.code == "ledger.truncated"]
    assert truncated and "time-stamp" in truncated[0].detail


def test_a_tampered_stored_token_is_found(team: Team, configured: Session) -> None:
    timestamps.stamp(configured)
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    token = bytearray(base64.b64decode(conn.execute("SELECT token FROM timestamps").fetchone()[0]))
    token[-5] ^= 0xFF
    conn.execute("UPDATE timestamps SET token = ?", (base64.b64encode(bytes(token)).decode(),))
    conn.close()
    codes = {f.code for f in verify_store(configured).errors}
    assert {"row.changed", "timestamp.token"} <= codes


def test_a_network_failure_is_retried_and_the_retry_stamps(configured: Session) -> None:
    calls: list[str] = []

    def flaky(url: str, request_der: bytes, timeout: float) -> bytes:
        calls.append(url)
        if len(calls) == 1:
            raise tsa.TsaError(tsa.TsaReason.CONNECTION_FAILED, "network unreachable")
        return tsa.send_request(url, request_der, timeout=timeout)

    outcome = timestamps.stamp(configured, sender=flaky)
    assert outcome.stamped and len(calls) == 2
    attempts = [r["outcome"] for r in configured.conn.execute("SELECT outcome FROM stamp_attempts")]
    assert attempts == ["failed", "stamped"]


def test_retries_follow_the_setting(team: Team, configured: Session) -> None:
    settings.set_value(team.login("ada"), "tsa_retries", "0")
    calls: list[str] = []

    def down(url: str, request_der: bytes, timeout: float) -> bytes:
        calls.append(url)
        raise tsa.TsaError(tsa.TsaReason.CONNECTION_FAILED, "network unreachable")

    assert not timestamps.stamp(configured, sender=down).stamped
    assert len(calls) == 1


def test_tampered_token_bytes_are_refused_not_retried_and_the_queue_kept(
    configured: Session,
) -> None:
    calls: list[str] = []

    def tampering(url: str, request_der: bytes, timeout: float) -> bytes:
        calls.append(url)
        answer = bytearray(tsa.send_request(url, request_der, timeout=timeout))
        answer[-40] ^= 0x01  # inside the signature at the end of the SignedData
        return bytes(answer)

    size = ledger_size(configured)
    outcome = timestamps.stamp(configured, sender=tampering)
    assert not outcome.stamped and len(calls) == 1
    assert ledger_size(configured) == size
    assert timestamps.status(configured).pending_entries > 0
    assert timestamps.stamp(configured).stamped  # the honest answer is taken next time
