import os
from pathlib import Path

import pytest

from evidence_desk.domain.errors import StoreError
from evidence_desk.integrity.digests import CHUNK_SIZE, digest_bytes
from evidence_desk.store.blobs import HEADER_LEN, BlobCorrupted, BlobStore, Finishing


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


def test_finishing_places_each_blob_durably_by_wait(blobs: BlobStore) -> None:
    """Sealed with a Finishing thread: hashed and written at once, in place after ``wait``."""
    datas = [os.urandom(size) for size in (0, 10, CHUNK_SIZE + 3)]
    with Finishing() as finishing:
        sealed = [blobs.seal_bytes(data, finishing=finishing) for data in datas]
        finishing.wait()
        assert all(s.is_new for s in sealed)
        assert [s.digests for s in sealed] == [digest_bytes(d) for d in datas]
        assert blobs.stored_names() == {s.name for s in sealed}
        assert [blobs.read_bytes(s.digests.sha256) for s in sealed] == datas
        assert blobs.temp_files() == []


def test_finishing_places_the_same_bytes_once(blobs: BlobStore) -> None:
    with Finishing() as finishing:
        first = blobs.seal_bytes(b"same content", finishing=finishing)
        second = blobs.seal_bytes(b"same content", finishing=finishing)
        finishing.wait()
    assert first.is_new and not second.is_new
    assert blobs.stored_names() == {first.name}
    assert blobs.temp_files() == []
    assert blobs.read_bytes(first.digests.sha256) == b"same content"


def test_a_blob_finishing_cannot_place_fails_its_wait_and_leaves_no_file(
    blobs: BlobStore,
) -> None:
    """A real failure to place the file (its folder's name taken by a file): ``wait`` raises a
    StoreError, and neither the blob nor its temp file is left."""
    data = b"cannot be placed"
    name = blobs.name_for(digest_bytes(data).sha256)
    blobs.root.mkdir(parents=True)
    (blobs.root / name[:2]).write_bytes(b"in the way")
    with Finishing() as finishing:
        blobs.seal_bytes(data, finishing=finishing)
        with pytest.raises(StoreError):
            finishing.wait()
        finishing.wait()  # reported once
    assert blobs.stored_names() == set()
    assert blobs.temp_files() == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_finishing_keeps_at_most_its_bound_of_files_open(blobs: BlobStore) -> None:
    """A folder of many small originals: each waits for its fsync with its temp file open, but
    never more than ``MAX_PENDING`` at once, so thousands cannot exhaust the file handles."""

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    with Finishing() as finishing:
        baseline = open_files()
        most = 0
        sealed = []
        for n in range(5 * Finishing.MAX_PENDING):
            sealed.append(blobs.seal_bytes(b"image %d" % n, finishing=finishing))
            most = max(most, open_files() - baseline)
        finishing.wait()
    assert most <= Finishing.MAX_PENDING
    assert blobs.stored_names() == {s.name for s in sealed}
    assert blobs.temp_files() == []
