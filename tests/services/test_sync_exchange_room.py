"""What an exchange (``POST /v1/sync``) carries whole of a store's new blob files: the small
ones, within the room its entries leave under the hub's body cap (a body over it would be
refused, 413, at every sync, holding the entries back)."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.integrity import ledger
from evidence_desk.services import sync


def _entries(count: int, payload_bytes: int) -> list[ledger.Entry]:
    text = "证" * (payload_bytes // 3)  # three bytes each in UTF-8
    return [
        ledger.Entry(
            n, "2026-12-06T11:00:00Z", "alice", "evidence.import", text, "p", "h", "e", "s"
        )
        for n in range(1, count + 1)
    ]


def test_the_room_for_files_shrinks_with_the_entries_beside_them() -> None:
    assert sync._room_for_files(_entries(3, 300)) == sync.EXCHANGE_FILES
    # 2,000 entries of ~5 KB: about 10 MB of JSON, so less than 4 MiB of files fits
    room = sync._room_for_files(_entries(2000, 5000))
    assert 0 < room < sync.EXCHANGE_FILES
    assert room <= (sync.EXCHANGE_BODY - 2000 * 5000) * 3 // 4
    assert sync._room_for_files(_entries(2000, 7000)) == 0


def test_riders_are_the_small_files_that_fit_the_room(tmp_path: Path) -> None:
    sizes = {"a": 1000, "b": sync.SEND_WITHOUT_ASKING + 1, "c": 3000, "d": 500}
    local = {}
    for name, size in sizes.items():
        file = tmp_path / name
        file.write_bytes(bytes([len(name)]) * size)
        local[f"blobs/aa/{name}"] = file
    riders = sync._riders(local, 3800)
    # the large one goes in chunks; "c" would overflow the room after "a", "d" still fits
    assert sorted(riders) == ["blobs/aa/a", "blobs/aa/d"]
    assert riders["blobs/aa/a"] == local["blobs/aa/a"].read_bytes()
    assert sync._riders(local, 0) == {}
