"""Bulk Ed25519 checks: the same verdicts in-process and in worker processes, and with either
library; a failure is always located at its index."""

from __future__ import annotations

import pytest

from evidence_desk.integrity import signature_checks, signing
from evidence_desk.integrity.signature_checks import SignatureBatch, SignatureCheck


def _mixed_checks() -> tuple[list[SignatureCheck], set[int]]:
    """Valid signatures with a planted failure of every kind; returns (checks, bad indices)."""
    alice, bob = signing.generate_private_key(), signing.generate_private_key()
    alice_pub = signing.public_key_hex(alice)
    checks: list[SignatureCheck] = []
    bad: set[int] = set()
    for n in range(300):
        message = f"entry {n}".encode()
        signature = signing.sign(alice, b"", message)
        if n % 37 == 5:  # signed by someone else
            signature = signing.sign(bob, b"", message)
            bad.add(n)
        elif n % 37 == 9:  # one flipped bit
            signature = signature[:10] + ("0" if signature[10] != "0" else "1") + signature[11:]
            bad.add(n)
        elif n % 37 == 13:  # not hex, or too short
            signature = "zz" + signature[2:] if n % 2 else signature[:64]
            bad.add(n)
        elif n % 37 == 17:  # signer unknown to the ledger
            checks.append(SignatureCheck(None, (message,), signature))
            bad.add(n)
            continue
        elif n % 37 == 21:  # the message it was made for is the second alternative
            checks.append(SignatureCheck(alice_pub, (b"other", message), signature))
            continue
        elif n % 37 == 25:  # valid for a message that is not among the alternatives
            checks.append(SignatureCheck(alice_pub, (b"x", b"y"), signature))
            bad.add(n)
            continue
        elif n % 37 == 29:  # a public key that is not a key
            checks.append(SignatureCheck("00" * 31, (message,), signature))
            bad.add(n)
            continue
        checks.append(SignatureCheck(alice_pub, (message,), signature))
    return checks, bad


def _invalid(checks: list[SignatureCheck], workers: int) -> set[int]:
    with SignatureBatch(len(checks), workers=workers) as batch:
        for check in checks:
            batch.add(check)
        return batch.invalid()


def test_in_process_checks_find_exactly_the_bad_signatures() -> None:
    checks, bad = _mixed_checks()
    assert _invalid(checks, workers=0) == bad


def test_worker_processes_give_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signature_checks, "CHUNK", 64)  # several jobs, in flight at once
    checks, bad = _mixed_checks()
    assert _invalid(checks, workers=2) == bad


def test_openssl_gives_the_same_verdicts_where_zebra_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checks, bad = _mixed_checks()
    assert signature_checks.backend() == "ed25519-zebra"  # what the app ships with
    monkeypatch.setattr(signature_checks, "_zebra_verify", None)
    assert signature_checks.backend() == "OpenSSL"
    assert _invalid(checks, workers=0) == bad


def test_small_batches_stay_in_process_large_ones_use_the_other_cores() -> None:
    cores = signature_checks.os.cpu_count() or 1
    assert signature_checks.workers_for(10) == 0
    # the caller's process is the last core's worker: it replays, then checks what is left
    assert signature_checks.workers_for(100_000) == (0 if cores < 2 else min(cores - 1, 8))
