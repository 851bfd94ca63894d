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
        self, chunks: Iterable[bytes], *, progress: Callable[[int], None] | None = None
    ) -> SealedBlob:
        """Encrypt and store a stream of plaintext chunks; hashing and encryption overlap.

        An OSError while *reading* ``chunks`` propagates as is (the caller names the source
        file); one while *writing* into the store (full disk, read-only folder) becomes a
        StoreError that says so, and the partial file is removed.
        """
        source = _Source(chunks)
        try:
            return self._seal(source, progress)
        except _SourceFailed as failed:
            raise failed.error from None
        except OSError as error:
            raise storage_error(self.root, error) from None

    def _seal(self, chunks: Iterable[bytes], progress: Callable[[int], None] | None) -> SealedBlob:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        file_id = os.urandom(16)
        header = MAGIC + file_id + struct.pack(">I", CHUNK_SIZE)
        tmp = tmp_dir / f"{file_id.hex()}.part"
        hasher = DualHasher()
        try:
            with open(tmp, "wb") as out:
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
                os.fsync(out.fileno())
            digests = hasher.finish()
        except BaseException:
            hasher.__exit__(None, None, None)
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        name = self.name_for(digests.sha256)
        final = self.path_for_name(name)
        if final.exists():
            tmp.unlink()
            return SealedBlob(digests, name, is_new=False)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            replace(tmp, final)  # retried while an antivirus scans the new file
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        fsync_dir(final.parent)
        return SealedBlob(digests, name, is_new=True)

    def seal_bytes(self, data: bytes) -> SealedBlob:
        return self.seal_chunks(data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE))

    def seal_file(self, path: Path, *, progress: Callable[[int], None] | None = None) -> SealedBlob:
        with open(path, "rb") as handle:
            return self.seal_chunks(_read_chunks(handle), progress=progress)

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
