import os
from pathlib import Path

import pytest

from evidence_desk.integrity.digests import CHUNK_SIZE, digest_bytes
from evidence_desk.store.blobs import HEADER_LEN, BlobCorrupted, BlobStore


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", os.urandom(32), os.urandom(32))


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, 2 * CHUNK_SIZE + 7])
def test_round_trip_keeps_bytes_and_digests(blobs: BlobStore, size: int) -> None:
    data = os.urandom(size)
    sealed = blobs.seal_bytes(data)
    assert sealed.digests == digest_bytes(data)
    assert sealed.is_new
    assert blobs.read_bytes(sealed.digests.sha256) == data
    assert blobs.recompute_digests(sealed.digests.sha256) == sealed.digests


def test_sealing_the_same_bytes_twice_is_idempotent(blobs: BlobStore) -> None:
    first = blobs.seal_bytes(b"same content")
    second = blobs.seal_bytes(b"same content")
    assert not second.is_new
    assert first.name == second.name
    assert blobs.stored_names() == {first.name}
    assert blobs.temp_files() == []


def test_file_names_do_not_reveal_the_sha256(blobs: BlobStore) -> None:
    sealed = blobs.seal_bytes(b"secret contract")
    assert sealed.digests.sha256 not in sealed.name
    on_disk = blobs.path_for(sealed.digests.sha256)
    assert sealed.digests.sha256 not in str(on_disk)
    assert b"secret contract" not in on_disk.read_bytes()


def _damage(path: Path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("offset", [0, HEADER_LEN - 1, HEADER_LEN + 3, -1])
def test_any_flipped_byte_is_detected(blobs: BlobStore, offset: int) -> None:
    sealed = blobs.seal_bytes(os.urandom(5000))
    path = blobs.path_for(sealed.digests.sha256)
    _damage(path, offset if offset >= 0 else path.stat().st_size + offset)
    with pytest.raises(BlobCorrupted):
        blobs.read_bytes(sealed.digests.sha256)


def test_truncation_at_a_chunk_boundary_is_detected(blobs: BlobStore) -> None:
    sealed = blobs.seal_bytes(os.urandom(2 * CHUNK_SIZE + 10))
    path = blobs.path_for(sealed.digests.sha256)
    record = 12 + CHUNK_SIZE + 16
    path.write_bytes(path.read_bytes()[: HEADER_LEN + 2 * record])
    with pytest.raises(BlobCorrupted, match="fails authentication"):
        blobs.read_bytes(sealed.digests.sha256)


def test_reordered_chunks_are_detected(blobs: BlobStore) -> None:
    sealed = blobs.seal_bytes(os.urandom(3 * CHUNK_SIZE))
    path = blobs.path_for(sealed.digests.sha256)
    raw = path.read_bytes()
    record = 12 + CHUNK_SIZE + 16
    header, body = raw[:HEADER_LEN], raw[HEADER_LEN:]
    chunks = [body[i : i + record] for i in range(0, len(body), record)]
    path.write_bytes(header + chunks[1] + chunks[0] + b"".join(chunks[2:]))
    with pytest.raises(BlobCorrupted):
        blobs.read_bytes(sealed.digests.sha256)


def test_a_blob_from_another_store_key_does_not_decrypt(tmp_path: Path) -> None:
    one = BlobStore(tmp_path / "a", os.urandom(32), b"n" * 32)
    two = BlobStore(tmp_path / "b", os.urandom(32), b"n" * 32)
    sealed = one.seal_bytes(b"evidence")
    target = two.path_for(sealed.digests.sha256)
    target.parent.mkdir(parents=True)
    target.write_bytes(one.path_for(sealed.digests.sha256).read_bytes())
    with pytest.raises(BlobCorrupted):
        two.read_bytes(sealed.digests.sha256)


def test_missing_blob_is_reported(blobs: BlobStore) -> None:
    with pytest.raises(BlobCorrupted, match="missing"):
        blobs.read_bytes("00" * 32)


def test_seal_file_streams_a_file(blobs: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    data = os.urandom(CHUNK_SIZE + 99)
    source.write_bytes(data)
    seen: list[int] = []
    sealed = blobs.seal_file(source, progress=seen.append)
    assert sum(seen) == len(data)
    assert source.read_bytes() == data  # the original is never touched
    assert blobs.read_bytes(sealed.digests.sha256) == data
