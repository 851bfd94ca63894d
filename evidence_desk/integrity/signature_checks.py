"""Checking many Ed25519 signatures at once, on every core: what makes ``verify`` fast.

``verify`` must check one signature per ledger entry; on a 100k-entry store that is the bulk of
its work. Two things make it affordable:

* **A faster verifier.** ed25519-zebra (Rust, curve25519-dalek with its AVX2 backend where the CPU
  has it) checks a signature in about 55 us here, against about 150 us for OpenSSL. It follows
  ZIP 215, which accepts every signature that RFC 8032 accepts (and libsodium), so an honest
  signature is never refused; the extra signatures it accepts have non-canonical point encodings
  or small-order components that only the key's holder can make, so nothing can be forged. When
  the wheel is not available on a platform, OpenSSL (``cryptography``) does the same checks.
* **Other processes.** Neither library releases the GIL, so threads do not help; a pool of
  *spawned* worker processes (never forked: the GUI calls this from a worker thread of a running
  Qt application) takes chunks of checks while the caller goes on replaying the ledger. Small
  batches stay in-process: starting workers costs more than they would save.

A check may name several messages: the signature is valid if it verifies over any of them (an
entry signed in the current form or in the legacy form, say). The result is the set of indices
whose signature did not verify; the caller turns them into findings with their places.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType

try:  # a compiled wheel; every platform we ship has one, but a check must never depend on it
    from ed25519_zebra import ed_verify as _zebra_verify
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _zebra_verify = None

PARALLEL_THRESHOLD = 20_000
"""Fewer checks than this run in-process: spawning workers (~0.1-0.3 s) would cost more."""

CHUNK = 4096
"""Checks per job sent to a worker: large enough that pickling is noise, small enough to overlap."""

TAIL_CHUNK = 512
"""Checks per job once the caller has queued them all and joins in (see ``invalid``)."""

# (public key hex or None, messages, signature hex): what crosses the process boundary (the
# workers decode the hex, so the caller's loop does not).
_RawCheck = tuple[str | None, tuple[bytes, ...], str]


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """One signature to check. ``public_key`` is None when the signer is unknown (invalid)."""

    public_key: str | None
    messages: tuple[bytes, ...]
    signature: str


def backend() -> str:
    """Which library checks signatures here (printed by the benchmark)."""
    return "ed25519-zebra" if _zebra_verify is not None else "OpenSSL"


def _valid_one(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(public) != 32 or len(signature) != 64:
        return False
    if _zebra_verify is not None:
        return bool(_zebra_verify(signature, message, public))
    # imported here: a worker that has ed25519-zebra starts without loading OpenSSL
    from evidence_desk.integrity import signing

    return signing.verify(public.hex(), b"", message, signature.hex())


def _invalid_in(chunk: Sequence[_RawCheck]) -> list[int]:
    """Indices (within the chunk) of checks whose signature verifies over none of its messages.

    Top-level and free of state so that a spawned worker can run it.
    """
    failed = []
    for index, (public_hex, messages, signature_hex) in enumerate(chunk):
        public, signature = _from_hex(public_hex), _from_hex(signature_hex)
        if not any(_valid_one(public, message, signature) for message in messages):
            failed.append(index)
    return failed


def _from_hex(value: str | None) -> bytes:
    """Anything malformed (or no key at all) becomes an empty value that cannot verify."""
    try:
        return bytes.fromhex(value) if value is not None else b""
    except (ValueError, TypeError):
        return b""


def workers_for(count: int) -> int:
    """How many worker processes ``count`` checks deserve on this machine (0: in-process).

    One core fewer than the machine has: the caller's own process replays the ledger meanwhile
    and then checks whatever the workers have not taken (``SignatureBatch.invalid``).
    """
    cores = os.cpu_count() or 1
    if count < PARALLEL_THRESHOLD or cores < 2:
        return 0
    return min(cores - 1, 8)


_Job = tuple[int, list[_RawCheck]]  # (index of the chunk's first check, the chunk)


class SignatureBatch:
    """Collects checks, verifies them (in workers when there are many), returns the failures.

    Use as a context manager: ``add`` while replaying, then ``invalid()`` once at the end. Full
    chunks go to the workers while the caller works, but never more than keeps them busy; the
    rest waits, and at the end the caller's process checks chunks alongside the workers, so
    every core is busy until the last check. If a worker dies (a frozen build that cannot spawn,
    say), its chunks are checked in-process: a slower answer, never a missing one.
    """

    def __init__(self, expected: int, *, workers: int | None = None) -> None:
        self._workers = workers_for(expected) if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        if self._workers > 0:
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers, mp_context=multiprocessing.get_context("spawn")
            )
            # workers are started on demand: start them now, while the caller reads the store
            for _ in range(self._workers):
                self._pool.submit(_invalid_in, [])
        self._pending: list[_RawCheck] = []
        self._waiting: list[_Job] = []  # full chunks no worker has taken yet
        self._running: list[tuple[_Job, Future[list[int]]]] = []
        self._failed: set[int] = set()
        self._size = 0

    def __enter__(self) -> SignatureBatch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __len__(self) -> int:
        return self._size

    def add(self, check: SignatureCheck) -> int:
        """Queue one check; returns its index (the order of ``add`` calls)."""
        return self.add_parts(check.public_key, check.messages, check.signature)

    def add_parts(self, public_key: str | None, messages: tuple[bytes, ...], signature: str) -> int:
        """``add`` without building a SignatureCheck (verify queues one per ledger entry)."""
        self._pending.append((public_key, messages, signature))
        self._size += 1
        if len(self._pending) >= CHUNK:
            self._waiting.append((self._size - len(self._pending), self._pending))
            self._pending = []
            self._feed()
        return self._size - 1

    def _feed(self) -> None:
        """Collect finished jobs; hand waiting chunks to workers until each has two to do."""
        still = []
        for job, future in self._running:
            if future.done():
                self._collect(job, future)
            else:
                still.append((job, future))
        self._running = still
        while self._pool is not None and self._waiting and len(self._running) < 2 * self._workers:
            job = self._waiting.pop(0)
            try:
                self._running.append((job, self._pool.submit(_invalid_in, job[1])))
            except (BrokenProcessPool, RuntimeError):
                self._check_here(job)  # no workers any more

    def _collect(self, job: _Job, future: Future[list[int]]) -> None:
        try:
            local = future.result()
        except (BrokenProcessPool, OSError, RuntimeError):
            self._check_here(job)
            return
        self._failed.update(job[0] + index for index in local)

    def _check_here(self, job: _Job) -> None:
        self._failed.update(job[0] + index for index in _invalid_in(job[1]))

    def invalid(self) -> set[int]:
        """Indices of every check whose signature did not verify (waits for the workers)."""
        if self._pending:
            self._waiting.append((self._size - len(self._pending), self._pending))
            self._pending = []
        # smaller pieces for the last stretch, so that no process waits long for the other
        self._waiting = [
            (start + offset, checks[offset : offset + TAIL_CHUNK])
            for start, checks in self._waiting
            for offset in range(0, len(checks), TAIL_CHUNK)
        ]
        # this process takes chunks from the back while the workers are fed from the front
        while self._waiting:
            self._feed()
            if self._waiting:
                self._check_here(self._waiting.pop())
        for job, future in self._running:
            self._collect(job, future)
        self._running = []
        failed, self._failed = self._failed, set()
        return failed
