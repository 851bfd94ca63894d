"""Another device's Merkle root at one of its entries (``org_history.root_at``), as an approval
names it: the root over the held hashes up to that entry, the same however the roots were
asked for before (in order, out of order, after more entries came, in another store holding
another history of the device), and none when an entry up to it is not held."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from evidence_desk.integrity import merkle
from evidence_desk.services import org_history
from evidence_desk.store import db


def _hashes(tag: str, count: int) -> list[str]:
    return [hashlib.sha256(f"{tag}-{n}".encode()).hexdigest() for n in range(1, count + 1)]


def _store(path: Path, device: str, hashes: list[str]) -> db.Connection:
    conn = db.connect(path, os.urandom(32), create=True)
    conn.execute(
        "CREATE TABLE device_entries (device_id TEXT, seq INTEGER, entry_hash TEXT, "
        "PRIMARY KEY (device_id, seq))"
    )
    conn.executemany(
        "INSERT INTO device_entries VALUES (?, ?, ?)",
        [(device, n, h) for n, h in enumerate(hashes, start=1)],
    )
    return conn


def _expected(hashes: list[str], seq: int) -> str:
    return merkle.root_hash([merkle.leaf_hash(bytes.fromhex(h)) for h in hashes[:seq]]).hex()


@pytest.mark.parametrize("order", ["in order", "backwards", "scattered"])
def test_the_root_at_every_entry_is_the_root_over_the_hashes_up_to_it(
    tmp_path: Path, order: str
) -> None:
    device = f"laptop-{order}"
    hashes = _hashes(device, 37)
    conn = _store(tmp_path / "a.db", device, hashes)
    seqs = list(range(1, 38))
    if order == "backwards":
        seqs.reverse()
    elif order == "scattered":
        seqs = [5, 5, 30, 2, 37, 12, 13, 1, 36, 20]
    for seq in seqs:
        assert org_history.root_at(conn, device, seq) == _expected(hashes, seq), seq


def test_entries_held_later_extend_the_root_and_a_gap_gives_none(tmp_path: Path) -> None:
    device = "laptop-growing"
    hashes = _hashes(device, 60)
    conn = _store(tmp_path / "a.db", device, hashes[:20])
    assert org_history.root_at(conn, device, 20) == _expected(hashes, 20)
    assert org_history.root_at(conn, device, 21) is None  # not held yet
    assert org_history.root_at(conn, device, 0) is None
    conn.executemany(
        "INSERT INTO device_entries VALUES (?, ?, ?)",
        [(device, n, hashes[n - 1]) for n in range(21, 61) if n != 45],
    )
    assert org_history.root_at(conn, device, 44) == _expected(hashes, 44)
    assert org_history.root_at(conn, device, 50) is None  # entry 45 is missing
    assert org_history.root_at(conn, device, 3) == _expected(hashes, 3)


def test_a_store_holding_another_history_of_the_device_gets_its_own_roots(
    tmp_path: Path,
) -> None:
    """Two stores in one process (a hub that showed two histories): a root taken in one is
    never extended with the other's entries."""
    device = "laptop-forked"
    first, second = _hashes("one", 30), _hashes("two", 30)
    one = _store(tmp_path / "one.db", device, first)
    two = _store(tmp_path / "two.db", device, second)
    assert org_history.root_at(one, device, 10) == _expected(first, 10)
    assert org_history.root_at(two, device, 25) == _expected(second, 25)
    assert org_history.root_at(one, device, 30) == _expected(first, 30)
    assert org_history.root_at(two, device, 30) == _expected(second, 30)
