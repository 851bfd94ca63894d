"""Encrypted, content-addressed originals.

A BlobStore works under one pair of keys: a case's (derived from its case key,
store/case_keys.blob_keys; every original since per-case keys, one copy per case) or the
store's (originals of a store not migrated yet). Each original is stored once per pair of keys,
encrypted with AES-256-GCM in 1 MiB chunks:

    header  = b"EDBLOB1\\n" || file_id (16 random bytes) || chunk_size (u32 BE)
    chunk_i = nonce (12) || AES-GCM(content_key, nonce, plaintext_i,
                                    aad = header || i (u64 BE) || is_final (1 byte))

Binding the header, the chunk index and a final flag into every chunk's AAD makes reordering,
splicing and truncation fail authentication. The file name is an HMAC of the plaintext's SHA-256
under the name key, so the folder neither reveals nor lets anyone confirm which documents it
holds; the database maps (case, SHA-256) to that name. Writes go to a temp file that is fsynced
and renamed into place before any database row refers to it, so a crash leaves at most an
orphan file, which ``verify`` reports and never counts as evidence.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.digests import CHUNK_SIZE, Digests, DualHasher
from evidence_desk.store.db import storage_error
from evidence_desk.store.files import fsync_dir, replace

MAGIC = b"EDBLOB1\n"
HEADER_LEN = len(MAGIC) + 16 + 4

# why a blob cannot be read (verify's blob.corrupted findings, said in the GUI's language too)
_said = Catalogue(
    {
        "blob.missing": "blob file is missing",
        "blob.header": "blob header is damaged",
        "blob.truncated": "blob is truncated at chunk {index}",
        "blob.chunk": "chunk {index} fails authentication",
    }
)


class BlobCorrupted(Exception):
    """The blob file cannot be authenticated or is missing; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SealedBlob:
    digests: Digests
    name: str
    is_new: bool


class BlobStore:
    def __init__(self, root: Path, content_key: bytes, name_key: bytes) -> None:
        self.root = root
        self._aead = AESGCM(content_key)
        self._name_key = name_key

    # -- naming -------------------------------------------------------------------------------
    def name_for(self, sha256_hex: str) -> str:
        return hmac.new(self._name_key, sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()

    def path_for_name(self, name: str) -> Path:
        return self.root / name[:2] / name[2:]

    def path_for(self, sha256_hex: str) -> Path:
        return self.path_for_name(self.name_for(sha256_hex))

    def exists(self, sha256_hex: str) -> bool:
        return self.path_for(sha256_hex).exists()

    # -- writing ------------------------------------------------------------------------------
    def seal_chunks(
        self,
        chunks: Iterable[bytes],
        *,
        progress: Callable[[int], None] | None = None,
        finishing: Finishing | None = None,
    ) -> SealedBlob:
        """Encrypt and store a stream of plaintext chunks; hashing and encryption overlap.

        An OSError while *reading* ``chunks`` propagates as is (the caller names the source
        file); one while *writing* into the store (full disk, read-only folder) becomes a
        StoreError that says so, and the partial file is removed.

        ``finishing``: the blob is hashed, encrypted and written when this returns, and its
        durability (fsync, rename into place, the folder's fsync) is left to that thread
        (:class:`Finishing`), whose ``wait`` raises a failure to write it; None: durable and in
        place when this returns.
        """
        source = _Source(chunks)
        try:
            return self._seal(source, progress, finishing)
        except _SourceFailed as failed:
            raise failed.error from None
        except OSError as error:
            raise storage_error(self.root, error) from None

    def _seal(
        self,
        chunks: Iterable[bytes],
        progress: Callable[[int], None] | None,
        finishing: Finishing | None,
    ) -> SealedBlob:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        file_id = os.urandom(16)
        header = MAGIC + file_id + struct.pack(">I", CHUNK_SIZE)
        tmp = tmp_dir / f"{file_id.hex()}.part"
        hasher = DualHasher()
        out = open(tmp, "wb")  # noqa: SIM115 - closed by _place, or below on a failure
        try:
            out.write(header)
            index = 0
            pending: bytes | None = None
            for chunk in _rechunk(chunks):
                if pending is not None:
                    self._write_chunk(out, header, index, pending, final=False)
                    index += 1
                hasher.update(chunk)
                pending = chunk
                if progress is not None:
                    progress(len(chunk))
            self._write_chunk(out, header, index, pending or b"", final=True)
            out.flush()
            digests = hasher.finish()
        except BaseException:
            hasher.__exit__(None, None, None)
            out.close()
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        name = self.name_for(digests.sha256)
        if finishing is None:
            return SealedBlob(digests, name, is_new=self._place(out, tmp, name))
        is_new = not self.path_for_name(name).exists() and finishing.first_of(name)

        def place() -> None:
            try:
                self._place(out, tmp, name)
            except OSError as error:
                raise storage_error(self.root, error) from None

        finishing.submit(place)
        return SealedBlob(digests, name, is_new=is_new)

    def _place(self, out: BinaryIO, tmp: Path, name: str) -> bool:
        """Make the written temp file durable and move it into place as ``name``; False when
        a file of that name was there already (the temp file is then removed)."""
        try:
            try:
                os.fsync(out.fileno())
            finally:
                out.close()
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        final = self.path_for_name(name)
        if final.exists():
            tmp.unlink()
            return False
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            replace(tmp, final)  # retried while an antivirus scans the new file
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        fsync_dir(final.parent)
        return True

    def seal_bytes(self, data: bytes, *, finishing: Finishing | None = None) -> SealedBlob:
        return self.seal_chunks(
            (data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)),
            finishing=finishing,
        )

    def seal_file(
        self,
        path: Path,
        *,
        progress: Callable[[int], None] | None = None,
        finishing: Finishing | None = None,
    ) -> SealedBlob:
        with open(path, "rb") as handle:
            return self.seal_chunks(_read_chunks(handle), progress=progress, finishing=finishing)

    def _write_chunk(
        self, out: BinaryIO, header: bytes, index: int, data: bytes, *, final: bool
    ) -> None:
        nonce = os.urandom(12)
        aad = header + struct.pack(">QB", index, 1 if final else 0)
        out.write(nonce)
        out.write(self._aead.encrypt(nonce, data, aad))

    # -- reading ------------------------------------------------------------------------------
    def iter_plaintext(self, sha256_hex: str) -> Iterator[bytes]:
        """Decrypt chunk by chunk; raises BlobCorrupted on any authentication failure."""
        path = self.path_for(sha256_hex)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed in finally below
        except FileNotFoundError:
            raise BlobCorrupted(_said("blob.missing")) from None
        try:
            header = handle.read(HEADER_LEN)
            if len(header) != HEADER_LEN or not header.startswith(MAGIC):
                raise BlobCorrupted(_said("blob.header"))
            (chunk_size,) = struct.unpack(">I", header[-4:])
            if not 0 < chunk_size <= 64 * CHUNK_SIZE:
                raise BlobCorrupted(_said("blob.header"))
            record = 12 + chunk_size + 16
            index = 0
            current = handle.read(record)
            while True:
                following = handle.read(record)
                final = not following
                if len(current) < 12 + 16:
                    raise BlobCorrupted(_said("blob.truncated", index=index))
                aad = header + struct.pack(">QB", index, 1 if final else 0)
                try:
                    yield self._aead.decrypt(current[:12], current[12:], aad)
                except InvalidTag:
                    raise BlobCorrupted(_said("blob.chunk", index=index)) from None
                if final:
                    return
                current = following
                index += 1
        finally:
            handle.close()

    def read_bytes(self, sha256_hex: str) -> bytes:
        return b"".join(self.iter_plaintext(sha256_hex))

    def recompute_digests(self, sha256_hex: str) -> Digests:
        hasher = DualHasher()
        try:
            for chunk in self.iter_plaintext(sha256_hex):
                hasher.update(chunk)
        except BaseException:
            hasher.__exit__(None, None, None)
            raise
        return hasher.finish()

    def stored_names(self) -> set[str]:
        """Every blob file name on disk (for orphan detection); temp files are excluded."""
        names: set[str] = set()
        if not self.root.exists():
            return names
        for prefix in self.root.iterdir():
            if not prefix.is_dir() or len(prefix.name) != 2:
                continue
            for file in prefix.iterdir():
                names.add(prefix.name + file.name)
        return names

    def temp_files(self) -> list[Path]:
        tmp = self.root / "tmp"
        return sorted(tmp.iterdir()) if tmp.exists() else []


class Finishing:
    """Sealed blobs made durable on one thread, in order, while the caller goes on.

    Sealing a file ends in waiting for the disk: the temp file's fsync, its rename into place
    and the folder's fsync. An import of several originals (a zip and the videos beside it)
    hands that wait to this thread, so that the next original is hashed and encrypted (and
    the chat parsed) while the last one reaches the disk. :meth:`wait` returns when every blob
    handed over is durable and in place, or raises the first failure; it must return before
    any database row refers to one of them, and before a blob handed over is removed (else a
    late rename would put it back).

    Each blob handed over keeps its temp file open until its fsync: at most ``MAX_PENDING``
    wait at once (a folder of thousands of small images must not run out of file handles);
    handing over one more first waits for the oldest.
    """

    MAX_PENDING = 8

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="blob-finishing")
        self._pending: list[Future[None]] = []
        self._names: set[str] = set()
        self._failure: BaseException | None = None

    def first_of(self, name: str) -> bool:
        """True the first time ``name`` is handed over (the same bytes sealed twice in one
        import are placed once: the second finds the first in place)."""
        first = name not in self._names
        self._names.add(name)
        return first

    def submit(self, job: Callable[[], None]) -> None:
        while len(self._pending) >= self.MAX_PENDING:
            self._collect(self._pending.pop(0))
        self._pending.append(self._executor.submit(job))

    def _collect(self, future: Future[None]) -> None:
        """Wait for one job; keep its failure (the first one) for :meth:`wait`."""
        error = future.exception()
        if error is not None and self._failure is None:
            self._failure = error

    def wait(self) -> None:
        """Block until every job handed over is done; raise the first failure among them."""
        pending, self._pending = self._pending, []
        for future in pending:
            self._collect(future)
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure

    def close(self) -> None:
        """Wait for every job (their failures were the caller's to collect) and end the
        thread."""
        with contextlib.suppress(Exception):
            self.wait()
        self._executor.shutdown(wait=True)

    def __enter__(self) -> Finishing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _SourceFailed(Exception):
    """Carries an OSError raised while reading the plaintext (not while writing the blob)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Source:
    """Wraps the plaintext chunks so that a read failure can be told from a write failure."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._chunks)
        except OSError as error:
            raise _SourceFailed(error) from error


def _read_chunks(handle: BinaryIO) -> Iterator[bytes]:
    while True:
        chunk = handle.read(CHUNK_SIZE)
        if not chunk:
            return
        yield chunk


def _rechunk(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield exactly CHUNK_SIZE pieces (the last may be shorter), whatever the input sizes."""
    buffer = bytearray()
    for chunk in chunks:
        if not buffer and len(chunk) == CHUNK_SIZE:
            yield chunk
            continue
        buffer += chunk
        while len(buffer) >= CHUNK_SIZE:
            yield bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
    if buffer:
        yield bytes(buffer)
