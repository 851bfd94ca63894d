"""SHA-256 and SM3 digests of originals, streamed in constant memory.

SM3 (GB/T 32905) is what Chinese courts and time-stamp authorities expect next to SHA-256. We take
it from ``cryptography`` (its bundled OpenSSL) and refuse to run without it: a silent fallback to
"SHA-256 only" would produce bundles that look complete and are not. SM3 is the slowest primitive
we run (~240 MB/s against ~1.5 GB/s for SHA-256), so :class:`DualHasher` feeds it from a second
thread; ``cryptography`` releases the GIL while hashing, so the two really overlap.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes

CHUNK_SIZE = 1 << 20
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


class Sm3Unavailable(RuntimeError):
    """The cryptography build lacks SM3; sealing must not proceed with one digest."""


def _new_sm3() -> hashes.Hash:
    try:
        return hashes.Hash(hashes.SM3())
    except Exception as error:  # UnsupportedAlgorithm, or an OpenSSL built without SM3
        raise Sm3Unavailable(f"SM3 is not available in this cryptography build: {error}") from error


def sm3_hex(data: bytes) -> str:
    hasher = _new_sm3()
    hasher.update(data)
    return hasher.finalize().hex()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def self_test() -> None:
    """Check SM3 against the GB/T 32905 "abc" vector; raises Sm3Unavailable otherwise."""
    if sm3_hex(b"abc") != SM3_ABC:
        raise Sm3Unavailable("SM3 implementation fails the GB/T 32905 test vector")


@dataclass(frozen=True, slots=True)
class Digests:
    """The two digests every original carries, plus its size in bytes."""

    sha256: str
    sm3: str
    size: int


class DualHasher:
    """Incremental SHA-256 + SM3; SM3 runs on a worker thread so the caller can overlap work.

    Use as a context manager or call :meth:`finish` exactly once; ``update`` must not be called
    after ``finish``. Chunks are handed over by reference, never copied.
    """

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._sm3 = _new_sm3()
        self._size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run_sm3, name="sm3", daemon=True)
        self._thread.start()

    def _run_sm3(self) -> None:
        while True:
            chunk = self._queue.get()
            if chunk is None:
                return
            try:
                self._sm3.update(chunk)
            except BaseException as error:  # surfaced in finish()
                self._error = error

    def update(self, chunk: bytes) -> None:
        self._size += len(chunk)
        self._queue.put(chunk)
        self._sha256.update(chunk)

    def finish(self) -> Digests:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return Digests(self._sha256.hexdigest(), self._sm3.finalize().hex(), self._size)

    def __enter__(self) -> DualHasher:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def digest_chunks(chunks: Iterable[bytes]) -> Digests:
    hasher = DualHasher()
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.finish()


def digest_bytes(data: bytes) -> Digests:
    return Digests(sha256_hex(data), sm3_hex(data), len(data))


def digest_stream(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> Digests:
    return digest_chunks(iter(lambda: stream.read(chunk_size), b""))
