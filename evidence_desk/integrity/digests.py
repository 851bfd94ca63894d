"""SHA-256 and SM3 digests of originals, streamed in constant memory.

SM3 (GB/T 32905) is what Chinese courts and time-stamp authorities expect next to SHA-256, and we
refuse to run without it: a silent fallback to "SHA-256 only" would produce bundles that look
complete and are not. Both implementations we use are OpenSSL's:

* ``hashlib.new("sm3")``, when the OpenSSL this Python links has SM3 (OpenSSL 3's default
  provider does, on Linux and in the python.org Windows builds). hashlib releases the GIL while
  it hashes, which matters: SM3 is the slowest primitive we run (~240 MB/s against ~1.5 GB/s for
  SHA-256), and :class:`DualHasher` runs it and SHA-256 on threads of their own so that sealing
  (reading, AES-GCM, writing, fsync) overlaps both (bench/seal.py: 157 -> 201 MB/s, against
  211 MB/s for SM3 alone);
* otherwise ``cryptography``'s (its bundled OpenSSL always has SM3). It holds the GIL while it
  hashes (measured: two threads take twice as long as one), so sealing overlaps less.

Whichever is used must pass the GB/T 32905 vectors (:func:`self_test`, run at start-up and in
the tests); if neither is available, :class:`Sm3Unavailable` stops the work.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from cryptography.hazmat.primitives import hashes

CHUNK_SIZE = 1 << 20
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


class Sm3Unavailable(RuntimeError):
    """No SM3 implementation is available; sealing must not proceed with one digest."""


class _Sm3(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...


class _CryptographySm3:
    """cryptography's SM3 behind hashlib's interface."""

    def __init__(self) -> None:
        self._hash = hashes.Hash(hashes.SM3())

    def update(self, data: bytes, /) -> None:
        self._hash.update(data)

    def digest(self) -> bytes:
        return self._hash.finalize()


def _hashlib_has_sm3() -> bool:
    try:
        return hashlib.new("sm3", b"abc").hexdigest() == SM3_ABC
    except ValueError:  # this Python's OpenSSL has no SM3
        return False


HASHLIB_SM3 = _hashlib_has_sm3()
"""Whether SM3 comes from hashlib (GIL-free) rather than cryptography."""


def new_sm3(*, prefer_hashlib: bool = True) -> _Sm3:
    if prefer_hashlib and HASHLIB_SM3:
        return hashlib.new("sm3")
    try:
        return _CryptographySm3()
    except Exception as error:  # UnsupportedAlgorithm, or an OpenSSL built without SM3
        raise Sm3Unavailable(f"SM3 is not available in this cryptography build: {error}") from error


def sm3_backend() -> str:
    """Which implementation hashes SM3 here (printed by the seal benchmark)."""
    return "hashlib (OpenSSL)" if HASHLIB_SM3 else "cryptography (OpenSSL)"


def sm3_hex(data: bytes, *, prefer_hashlib: bool = True) -> str:
    hasher = new_sm3(prefer_hashlib=prefer_hashlib)
    hasher.update(data)
    return hasher.digest().hex()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def self_test() -> None:
    """Check both SM3 implementations against the GB/T 32905 "abc" vector; raises
    Sm3Unavailable otherwise (cryptography's must always work: it is the fallback)."""
    for prefer_hashlib in (True, False):
        if sm3_hex(b"abc", prefer_hashlib=prefer_hashlib) != SM3_ABC:
            raise Sm3Unavailable("SM3 implementation fails the GB/T 32905 test vector")


@dataclass(frozen=True, slots=True)
class Digests:
    """The two digests every original carries, plus its size in bytes."""

    sha256: str
    sm3: str
    size: int


class _HashThread:
    """One hash fed from a queue on its own thread (hashlib releases the GIL while hashing)."""

    def __init__(self, name: str, hasher: _Sm3) -> None:
        self.hasher = hasher
        self.error: BaseException | None = None
        # a whole 32 MB original may wait here: the caller encrypts, writes and syncs it
        # meanwhile instead of waiting for the slower hash chunk by chunk
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=32)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            chunk = self._queue.get()
            if chunk is None:
                return
            try:
                self.hasher.update(chunk)
            except BaseException as error:  # surfaced by DualHasher.finish
                self.error = error

    def put(self, chunk: bytes) -> None:
        self._queue.put(chunk)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


class DualHasher:
    """Incremental SHA-256 + SM3, each on a worker thread, so the caller's encryption and
    writing overlap both.

    Use as a context manager or call :meth:`finish` exactly once; ``update`` must not be called
    after ``finish``. Chunks are handed over by reference, never copied.
    """

    def __init__(self) -> None:
        self._size = 0
        self._threads = (
            _HashThread("sha256", hashlib.sha256()),
            _HashThread("sm3", new_sm3()),
        )

    def update(self, chunk: bytes) -> None:
        self._size += len(chunk)
        for thread in self._threads:
            thread.put(chunk)

    def finish(self) -> Digests:
        for thread in self._threads:
            thread.stop()
        for thread in self._threads:
            if thread.error is not None:
                raise thread.error
        sha256, sm3 = (thread.hasher.digest().hex() for thread in self._threads)
        return Digests(sha256, sm3, self._size)

    def __enter__(self) -> DualHasher:
        return self

    def __exit__(self, *exc: object) -> None:
        for thread in self._threads:
            thread.stop()


def digest_chunks(chunks: Iterable[bytes]) -> Digests:
    hasher = DualHasher()
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.finish()


def digest_bytes(data: bytes) -> Digests:
    return Digests(sha256_hex(data), sm3_hex(data), len(data))


def digest_stream(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> Digests:
    return digest_chunks(iter(lambda: stream.read(chunk_size), b""))
