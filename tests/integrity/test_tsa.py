"""RFC 3161 client against a real local TSA, cross-checked with the openssl CLI (EV-10, EV-11)."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms, tsp
from cryptography.hazmat.primitives import serialization

from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.integrity.tsa import (
    SM3_OID,
    TimestampInfo,
    TsaError,
    TsaReason,
    build_request,
    hash_bytes,
    new_nonce,
    request_timestamp,
    send_request,
    verify_response,
    verify_token,
)
from evidence_desk_testing.local_tsa import (
    Fault,
    LocalTsa,
    TestPki,
    issue_token,
    load_test_pki,
)

DATA = "合同第 3 条：还款日期 2024-05-01。\nchat export line two\n".encode()
DIGEST = hashlib.sha256(DATA).digest()
TIMEOUT = 5.0

OpensslRunner = Callable[..., subprocess.CompletedProcess[str]]


def _stamp(tsa: LocalTsa, digest: bytes = DIGEST, **kwargs: Any) -> tuple[bytes, int]:
    nonce = new_nonce()
    response = send_request(tsa.url, build_request(digest, nonce=nonce, **kwargs), timeout=TIMEOUT)
    return response, nonce


def _token_of(response: bytes) -> bytes:
    return bytes(tsp.TimeStampResp.load(response)["time_stamp_token"].dump())


def _flip(blob: bytes, needle: bytes, offset: int | None = None) -> bytes:
    index = blob.index(needle)
    assert blob.count(needle) == 1
    at = index + (len(needle) // 2 if offset is None else offset)
    return blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1 :]


def _signature_bytes(token: bytes) -> bytes:
    signer = cms.ContentInfo.load(token)["content"]["signer_infos"][0]
    return bytes(signer["signature"].native)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _openssl_verify(
    openssl: OpensslRunner,
    pki: TestPki,
    folder: Path,
    response: bytes,
    *,
    data: bytes | None = None,
    digest: bytes | None = None,
) -> subprocess.CompletedProcess[str]:
    """``openssl ts -verify`` as a court expert would run it, by data file or by digest."""
    source = ["-data", _write(folder / "exhibit.bin", data)] if data is not None else []
    if digest is not None:
        source = ["-digest", digest.hex()]
    reply = _write(folder / "reply.tsr", response)
    return openssl(
        "ts", "-verify", *source, "-in", reply, "-CAfile", pki.root_pem, "-untrusted", pki.chain_pem
    )


# --- requests -----------------------------------------------------------------------------------


def test_build_request_fields() -> None:
    request = tsp.TimeStampReq.load(build_request(DIGEST, nonce=424242))
    assert request["version"].native == "v1"
    assert request["message_imprint"]["hash_algorithm"]["algorithm"].native == "sha256"
    assert request["message_imprint"]["hashed_message"].native == DIGEST
    assert request["nonce"].native == 424242
    assert request["cert_req"].native is True
    assert request["req_policy"].native is None

    lean = tsp.TimeStampReq.load(build_request(DIGEST, nonce=1, cert_req=False, policy_oid="1.2.3"))
    assert lean["cert_req"].native is False
    assert lean["req_policy"].native == "1.2.3"


def test_build_request_sm3_uses_the_gbt_oid() -> None:
    digest = hash_bytes("sm3", DATA)
    request = tsp.TimeStampReq.load(build_request(digest, nonce=7, hash_alg="sm3"))
    assert request["message_imprint"]["hash_algorithm"]["algorithm"].dotted == SM3_OID
    assert request["message_imprint"]["hashed_message"].native == digest


@pytest.mark.parametrize(
    ("digest", "kwargs"),
    [
        (DIGEST[:20], {}),
        (DIGEST, {"hash_alg": "md5"}),
        (DIGEST, {"hash_alg": "sha1"}),
        (DIGEST, {"hash_alg": "sha512"}),
    ],
)
def test_build_request_refuses_bad_input(digest: bytes, kwargs: dict[str, Any]) -> None:
    with pytest.raises(TsaError) as caught:
        build_request(digest, nonce=1, **kwargs)
    assert caught.value.reason is TsaReason.BAD_REQUEST


def test_build_request_refuses_non_positive_nonce() -> None:
    with pytest.raises(TsaError) as caught:
        build_request(DIGEST, nonce=0)
    assert caught.value.reason is TsaReason.BAD_REQUEST


def test_new_nonce_is_random_and_64_bit() -> None:
    nonces = {new_nonce() for _ in range(50)}
    assert len(nonces) == 50
    assert all(1 << 62 <= nonce < 1 << 63 for nonce in nonces)


def test_openssl_reads_our_request(tmp_path: Path, openssl: OpensslRunner) -> None:
    query = _write(tmp_path / "req.tsq", build_request(DIGEST, nonce=0x1234ABCD))
    result = openssl("ts", "-query", "-in", query, "-text")
    assert result.returncode == 0, result.stderr
    assert "Nonce: 0x1234ABCD" in result.stdout
    assert "Certificate required: yes" in result.stdout
    assert "Hash Algorithm: sha256" in result.stdout


# --- good tokens --------------------------------------------------------------------------------


def test_chain_token_verifies(local_tsa: LocalTsa, tsa_pki: TestPki) -> None:
    before = datetime.now(UTC)
    response, nonce = _stamp(local_tsa)
    info = verify_response(
        response, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots
    )
    token_certs = cms.ContentInfo.load(info.token_der)["content"]["certificates"]
    assert len(token_certs) == 3  # the case rfc3161-client 1.0.9 cannot parse
    assert info.nonce == nonce
    assert info.hash_alg == "sha256"
    assert info.message_imprint == DIGEST
    assert info.policy_oid == "1.2.3.4.1"
    assert info.serial_number == 1
    assert "CN=Evidence Desk Test TSA" in info.tsa_name
    assert info.accuracy == timedelta(seconds=1)
    assert info.gen_time.tzinfo is not None
    assert before - timedelta(seconds=1) <= info.gen_time <= datetime.now(UTC)
    assert info.token_der == _token_of(response)
    der = serialization.Encoding.DER
    assert info.cert_chain_der == (
        tsa_pki.tsa.der,
        tsa_pki.intermediates[0].public_bytes(der),
        tsa_pki.root.der,
    )


def test_single_cert_token_verifies_with_intermediate(
    local_tsa_single: LocalTsa, tsa_pki: TestPki
) -> None:
    response, nonce = _stamp(local_tsa_single)
    token_certs = cms.ContentInfo.load(_token_of(response))["content"]["certificates"]
    assert len(token_certs) == 1
    info = verify_response(
        response,
        digest=DIGEST,
        nonce=nonce,
        trusted_roots=tsa_pki.trusted_roots,
        extra_certs=tsa_pki.intermediates,
    )
    assert len(info.cert_chain_der) == 3
    with pytest.raises(TsaError) as caught:
        verify_response(response, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.UNTRUSTED_CHAIN


def test_serial_numbers_increase_and_gen_time_comes_from_the_clock(tsa_pki: TestPki) -> None:
    fixed = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=250000)
    with LocalTsa(tsa_pki, clock=lambda: fixed, first_serial=1000) as tsa:
        infos = []
        for _ in range(2):
            response, nonce = _stamp(tsa)
            infos.append(
                verify_response(
                    response,
                    digest=DIGEST,
                    nonce=nonce,
                    trusted_roots=tsa_pki.trusted_roots,
                    now=fixed,
                )
            )
    assert [info.serial_number for info in infos] == [1000, 1001]
    assert infos[0].gen_time == fixed


def test_ecdsa_pki_without_intermediate(tsa_pki_ec: TestPki) -> None:
    with LocalTsa(tsa_pki_ec) as tsa:
        info = request_timestamp(tsa.url, DIGEST, trusted_roots=tsa_pki_ec.trusted_roots)
    assert len(info.cert_chain_der) == 2


def test_ess_cert_id_v1_token_verifies(tsa_pki: TestPki) -> None:
    with LocalTsa(tsa_pki, ess_v1=True) as tsa:
        response, nonce = _stamp(tsa)
    attrs = cms.ContentInfo.load(_token_of(response))["content"]["signer_infos"][0]["signed_attrs"]
    assert "signing_certificate" in [attr["type"].native for attr in attrs]
    verify_response(response, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)


def test_sm3_imprint_round_trip(
    local_tsa: LocalTsa, tsa_pki: TestPki, tmp_path: Path, openssl: OpensslRunner
) -> None:
    digest = hash_bytes("sm3", DATA)
    info = request_timestamp(
        local_tsa.url, digest, hash_alg="sm3", trusted_roots=tsa_pki.trusted_roots
    )
    assert info.hash_alg == "sm3"
    assert info.message_imprint == digest
    # The SM3 imprint is not interchangeable with a SHA-256 one.
    with pytest.raises(TsaError) as caught:
        verify_token(info.token_der, DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.IMPRINT_MISMATCH

    response, _ = _stamp(local_tsa, digest, hash_alg="sm3")
    result = _openssl_verify(openssl, tsa_pki, tmp_path, response, data=DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verification: OK" in result.stdout


def test_timestamp_info_is_frozen(local_tsa: LocalTsa, tsa_pki: TestPki) -> None:
    info = request_timestamp(local_tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.serial_number = 5  # type: ignore[misc]
    assert hash(info) == hash(dataclasses.replace(info))


# --- openssl agrees -----------------------------------------------------------------------------


@pytest.mark.parametrize("chain", [True, False], ids=["chain", "single-cert"])
def test_openssl_verifies_our_tokens(
    tsa_pki: TestPki, tmp_path: Path, openssl: OpensslRunner, chain: bool
) -> None:
    with LocalTsa(tsa_pki, include_chain=chain) as tsa:
        response, nonce = _stamp(tsa, hashlib.sha256(DATA).digest())
    verify_response(
        response,
        digest=DIGEST,
        nonce=nonce,
        trusted_roots=tsa_pki.trusted_roots,
        extra_certs=tsa_pki.intermediates,
    )
    by_data = _openssl_verify(openssl, tsa_pki, tmp_path, response, data=DATA)
    assert by_data.returncode == 0, by_data.stdout + by_data.stderr
    assert "Verification: OK" in by_data.stdout
    by_digest = _openssl_verify(openssl, tsa_pki, tmp_path, response, digest=DIGEST)
    assert by_digest.returncode == 0, by_digest.stdout + by_digest.stderr
    other = hashlib.sha256(b"x").digest()
    assert _openssl_verify(openssl, tsa_pki, tmp_path, response, digest=other).returncode != 0
    other_data = _openssl_verify(openssl, tsa_pki, tmp_path, response, data=DATA + b" ")
    assert other_data.returncode != 0


@pytest.mark.parametrize(
    "fault", [Fault.WRONG_IMPRINT, Fault.NO_TIMESTAMP_EKU, Fault.EXPIRED_CERT, Fault.UNTRUSTED_ROOT]
)
def test_openssl_also_rejects_faulty_tokens(
    tsa_pki: TestPki, tmp_path: Path, openssl: OpensslRunner, fault: Fault
) -> None:
    with LocalTsa(tsa_pki, fault=fault) as tsa:
        response, _ = _stamp(tsa)
    result = _openssl_verify(openssl, tsa_pki, tmp_path, response, data=DATA)
    assert result.returncode != 0
    assert "Verification: OK" not in result.stdout


_OPENSSL_TSA_CONFIG = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = {signer_cert}
certs = {certs}
signer_key = {signer_key}
signer_digest = sha256
default_policy = 1.2.3.4.9
other_policies = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = {ess_alg}
"""


@pytest.mark.parametrize("ess_alg", ["sha256", "sha1"], ids=["ESSCertIDv2", "ESSCertID"])
def test_tokens_made_by_openssl_verify(
    tsa_pki: TestPki, tmp_path: Path, openssl: OpensslRunner, ess_alg: str
) -> None:
    """``openssl ts -reply`` writes the chain unsorted, as real TSAs do; we must accept it."""
    work = tmp_path / "openssl-tsa"
    work.mkdir()
    (work / "serial").write_text("0100\n")
    certs = _write(work / "certs.pem", tsa_pki.intermediates_pem.read_bytes() + tsa_pki.root.pem)
    config = work / "tsa.cnf"
    config.write_text(
        _OPENSSL_TSA_CONFIG.format(
            dir=work,
            signer_cert=tsa_pki.directory / "tsa.pem",
            signer_key=tsa_pki.directory / "tsa.key",
            certs=certs,
            ess_alg=ess_alg,
        )
    )
    nonce = new_nonce()
    query = _write(work / "req.tsq", build_request(DIGEST, nonce=nonce))
    reply = work / "resp.tsr"
    made = openssl("ts", "-reply", "-config", config, "-queryfile", query, "-out", reply)
    assert made.returncode == 0, made.stderr
    response = reply.read_bytes()
    token_certs = cms.ContentInfo.load(_token_of(response))["content"]["certificates"]
    assert len(token_certs) == 3

    info = verify_response(
        response, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots
    )
    assert info.serial_number == 0x101  # openssl's serial file holds the last one used
    assert info.policy_oid == "1.2.3.4.9"
    assert info.accuracy == timedelta(seconds=1, milliseconds=500)
    assert len(info.cert_chain_der) == 3
    assert verify_token(info.token_der, DIGEST, tsa_pki.trusted_roots) == info


# --- faults from the TSA ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault.WRONG_IMPRINT, TsaReason.IMPRINT_MISMATCH),
        (Fault.WRONG_NONCE, TsaReason.NONCE_MISMATCH),
        (Fault.REJECT, TsaReason.REJECTED),
        (Fault.NO_TIMESTAMP_EKU, TsaReason.SIGNER_EKU),
        (Fault.EKU_NOT_CRITICAL, TsaReason.SIGNER_EKU),
        (Fault.EXPIRED_CERT, TsaReason.CERT_NOT_VALID),
        (Fault.UNTRUSTED_ROOT, TsaReason.UNTRUSTED_CHAIN),
        (Fault.HTTP_500, TsaReason.HTTP_ERROR),
        (Fault.GARBAGE, TsaReason.MALFORMED_RESPONSE),
    ],
)
def test_faulty_tsa_is_refused(
    local_tsa: LocalTsa, tsa_pki: TestPki, fault: Fault, reason: TsaReason
) -> None:
    local_tsa.fault = fault
    with pytest.raises(TsaError) as caught:
        request_timestamp(
            local_tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots, timeout=TIMEOUT
        )
    error = caught.value
    assert error.reason is reason
    assert isinstance(error, EvidenceDeskError)
    assert error.code == "tsa"
    assert error.retryable is (reason is TsaReason.HTTP_ERROR)
    assert reason.value in error.message
    assert local_tsa.requests_served == 1


def test_rejection_reports_status_and_fail_info(local_tsa: LocalTsa, tsa_pki: TestPki) -> None:
    local_tsa.fault = Fault.REJECT
    response, nonce = _stamp(local_tsa)
    with pytest.raises(TsaError) as caught:
        verify_response(response, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.REJECTED
    assert "rejection" in caught.value.detail
    assert "system_failure" in caught.value.detail


def test_unaccepted_policy_is_rejected_and_policy_is_checked(
    local_tsa: LocalTsa, tsa_pki: TestPki
) -> None:
    with pytest.raises(TsaError) as caught:
        request_timestamp(
            local_tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots, policy_oid="1.2.3.4.2"
        )
    assert caught.value.reason is TsaReason.REJECTED
    assert "unaccepted_policy" in caught.value.detail

    response, nonce = _stamp(local_tsa)
    with pytest.raises(TsaError) as caught:
        verify_response(
            response,
            digest=DIGEST,
            nonce=nonce,
            trusted_roots=tsa_pki.trusted_roots,
            policy_oid="1.2.3.4.2",
        )
    assert caught.value.reason is TsaReason.POLICY_MISMATCH


def test_connection_refused(refused_tsa_url: str, tsa_pki: TestPki) -> None:
    started = time.monotonic()
    with pytest.raises(TsaError) as caught:  # Windows retries a refused SYN for about 2 s
        request_timestamp(refused_tsa_url, DIGEST, trusted_roots=tsa_pki.trusted_roots, timeout=5)
    assert caught.value.reason is TsaReason.CONNECTION_FAILED
    assert caught.value.retryable
    assert "refused" in caught.value.detail
    assert time.monotonic() - started < 6


def test_slow_tsa_times_out(local_tsa: LocalTsa, tsa_pki: TestPki) -> None:
    local_tsa.fault = Fault.SLOW
    started = time.monotonic()
    with pytest.raises(TsaError) as caught:
        request_timestamp(local_tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots, timeout=0.5)
    assert caught.value.reason is TsaReason.TIMEOUT
    assert caught.value.retryable
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/tsa", "file:///etc/passwd", "127.0.0.1:80"])
def test_send_request_refuses_non_http_urls(url: str) -> None:
    with pytest.raises(TsaError) as caught:
        send_request(url, b"x", timeout=1)
    assert caught.value.reason is TsaReason.BAD_REQUEST


def test_gen_time_far_from_the_local_clock(tsa_pki: TestPki) -> None:
    stale = datetime.now(UTC) - timedelta(days=3)
    with LocalTsa(tsa_pki, clock=lambda: stale) as tsa:
        response, nonce = _stamp(tsa)
    kwargs: dict[str, Any] = {
        "digest": DIGEST,
        "nonce": nonce,
        "trusted_roots": tsa_pki.trusted_roots,
    }
    with pytest.raises(TsaError) as caught:
        verify_response(response, **kwargs)
    assert caught.value.reason is TsaReason.GEN_TIME_SKEW
    assert verify_response(response, **kwargs, max_clock_skew=None).gen_time == stale
    assert verify_response(response, **kwargs, now=stale).gen_time == stale
    assert verify_token(_token_of(response), DIGEST, tsa_pki.trusted_roots).gen_time == stale


def test_certificates_are_judged_at_gen_time(tsa_pki: TestPki) -> None:
    """A token from before the TSA certificate's validity is refused even if it is valid now."""
    too_early = tsa_pki.tsa.cert.not_valid_before_utc - timedelta(days=1)
    with LocalTsa(tsa_pki, clock=lambda: too_early) as tsa:
        response, _ = _stamp(tsa)
    with pytest.raises(TsaError) as caught:
        verify_token(_token_of(response), DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.CERT_NOT_VALID


# --- forged and tampered tokens -----------------------------------------------------------------


@pytest.fixture
def good_response(local_tsa: LocalTsa) -> tuple[bytes, int]:
    return _stamp(local_tsa)


def test_flipped_signature_byte(good_response: tuple[bytes, int], tsa_pki: TestPki) -> None:
    response, nonce = good_response
    tampered = _flip(response, _signature_bytes(_token_of(response)))
    with pytest.raises(TsaError) as caught:
        verify_response(tampered, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.BAD_SIGNATURE
    assert not caught.value.retryable


def test_flipped_tst_info_byte(good_response: tuple[bytes, int], tsa_pki: TestPki) -> None:
    """Changing the stamped hash inside the TSTInfo breaks the message-digest attribute."""
    response, nonce = good_response
    tampered = _flip(response, DIGEST)
    with pytest.raises(TsaError) as caught:
        verify_response(tampered, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.MESSAGE_DIGEST_MISMATCH


def test_flipped_signed_attribute_byte(good_response: tuple[bytes, int], tsa_pki: TestPki) -> None:
    """Pointing the ESSCertIDv2 elsewhere (hash byte flipped) breaks the signature."""
    response, nonce = good_response
    tampered = _flip(response, hashlib.sha256(tsa_pki.tsa.der).digest())
    with pytest.raises(TsaError) as caught:
        verify_response(tampered, digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.BAD_SIGNATURE


def test_truncated_response(good_response: tuple[bytes, int], tsa_pki: TestPki) -> None:
    response, nonce = good_response
    with pytest.raises(TsaError) as caught:
        verify_response(
            response[:-10], digest=DIGEST, nonce=nonce, trusted_roots=tsa_pki.trusted_roots
        )
    assert caught.value.reason is TsaReason.MALFORMED_RESPONSE


def test_openssl_rejects_the_flipped_signature(
    good_response: tuple[bytes, int], tsa_pki: TestPki, tmp_path: Path, openssl: OpensslRunner
) -> None:
    response, _ = good_response
    tampered = _flip(response, _signature_bytes(_token_of(response)))
    result = _openssl_verify(openssl, tsa_pki, tmp_path, tampered, digest=DIGEST)
    assert result.returncode != 0


def _forge(tsa_pki: TestPki, **overrides: Any) -> bytes:
    fields: dict[str, Any] = {
        "imprint_alg": "sha256",
        "imprint": DIGEST,
        "nonce": None,
        "signer": tsa_pki.tsa,
        "certs": tsa_pki.chain_for(tsa_pki.tsa),
        "gen_time": datetime.now(UTC),
        "serial_number": 99,
    }
    fields.update(overrides)
    return issue_token(**fields)


def test_signing_certificate_attribute_must_name_the_signer(tsa_pki: TestPki) -> None:
    token = _forge(tsa_pki, ess_cert=tsa_pki.eku_noncritical_tsa.cert)
    with pytest.raises(TsaError) as caught:
        verify_token(token, DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.SIGNING_CERT_MISMATCH


def test_signer_certificate_must_be_available(tsa_pki: TestPki) -> None:
    token = _forge(tsa_pki, certs=[])
    with pytest.raises(TsaError) as caught:
        verify_token(token, DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.SIGNER_NOT_FOUND
    extra = [tsa_pki.tsa.cert, *tsa_pki.intermediates]
    assert verify_token(token, DIGEST, tsa_pki.trusted_roots, extra).serial_number == 99


def test_self_made_root_with_the_trusted_name_is_not_trusted(tsa_pki: TestPki) -> None:
    """A token whose chain ends in a look-alike root (same name, other key) fails."""
    rogue = tsa_pki.untrusted_tsa
    token = _forge(tsa_pki, signer=rogue, certs=[rogue.cert, tsa_pki.untrusted_root.cert])
    with pytest.raises(TsaError) as caught:
        verify_token(token, DIGEST, [tsa_pki.root.cert, tsa_pki.intermediates[0]])
    assert caught.value.reason is TsaReason.UNTRUSTED_CHAIN


def test_sm2_signed_token_is_reported_unsupported(tsa_pki: TestPki) -> None:
    """A GB/T 20520 TSA signs with SM2; cryptography cannot check that (see tsa.py docstring)."""
    content_info = cms.ContentInfo.load(_forge(tsa_pki))
    signer_info = content_info["content"]["signer_infos"][0]
    signer_info["signature_algorithm"] = {"algorithm": "1.2.156.10197.1.501"}  # SM2-with-SM3
    token = bytes(content_info.dump(force=True))
    with pytest.raises(TsaError) as caught:
        verify_token(token, DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is TsaReason.UNSUPPORTED_ALGORITHM


def test_no_trusted_roots_is_a_caller_error(tsa_pki: TestPki) -> None:
    with pytest.raises(TsaError) as caught:
        verify_token(_forge(tsa_pki), DIGEST, [])
    assert caught.value.reason is TsaReason.BAD_REQUEST


# --- offline re-verification --------------------------------------------------------------------


def test_verify_token_offline(tsa_pki: TestPki, tmp_path: Path) -> None:
    with LocalTsa(tsa_pki) as tsa:
        info = request_timestamp(tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots)
    # The TSA is gone; the stored token and a reloaded PKI are all we have.
    stored = _write(tmp_path / "checkpoint.tst", info.token_der).read_bytes()
    reloaded = load_test_pki(tsa_pki.directory)
    again = verify_token(stored, DIGEST, reloaded.trusted_roots, nonce=info.nonce)
    assert again == info
    assert isinstance(again, TimestampInfo)

    for digest, reason in [
        (hashlib.sha256(b"another checkpoint").digest(), TsaReason.IMPRINT_MISMATCH),
    ]:
        with pytest.raises(TsaError) as caught:
            verify_token(stored, digest, reloaded.trusted_roots)
        assert caught.value.reason is reason
    with pytest.raises(TsaError) as caught:
        verify_token(stored, DIGEST, reloaded.trusted_roots, nonce=(info.nonce or 0) + 1)
    assert caught.value.reason is TsaReason.NONCE_MISMATCH
    with pytest.raises(TsaError) as caught:
        verify_token(stored, DIGEST, [tsa_pki.untrusted_root.cert])
    assert caught.value.reason is TsaReason.UNTRUSTED_CHAIN


@pytest.mark.parametrize("where", ["signature", "tst_info", "truncated"])
def test_verify_token_detects_tampering(local_tsa: LocalTsa, tsa_pki: TestPki, where: str) -> None:
    token = request_timestamp(local_tsa.url, DIGEST, trusted_roots=tsa_pki.trusted_roots).token_der
    expected = {
        "signature": TsaReason.BAD_SIGNATURE,
        "tst_info": TsaReason.MESSAGE_DIGEST_MISMATCH,
        "truncated": TsaReason.MALFORMED_TOKEN,
    }[where]
    if where == "signature":
        token = _flip(token, _signature_bytes(token))
    elif where == "tst_info":
        token = _flip(token, DIGEST, offset=0)
    else:
        token = token[:-1]
    with pytest.raises(TsaError) as caught:
        verify_token(token, DIGEST, tsa_pki.trusted_roots)
    assert caught.value.reason is expected
