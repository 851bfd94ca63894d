"""A push killed with SIGKILL at any point leaves nothing partial, and the retry completes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from evidence_desk.integrity import ledger, merkle, signing
from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository

REPO_ROOT = Path(__file__).resolve().parents[2]
COUNT = 3000


def _ledger(device_id: str, key: signing.Ed25519PrivateKey) -> list[ledger.Entry]:
    """A device's ledger of ``COUNT`` entries by its admin, hashed and signed as the store does
    (the hub judges hashes, links, signatures and permissions, not the settings' values)."""
    tree, prev, entries = merkle.CompactRange(), ledger.genesis_hash(device_id), []
    for seq in range(1, COUNT + 1):
        entry = ledger.unsigned_entry(
            seq=seq,
            at=f"2026-03-02T01:{seq // 60 % 60:02d}:{seq % 60:02d}.000000Z",
            actor="root",
            action="store.init" if seq == 1 else "settings.set",
            payload={"key": "note", "value": seq},
            prev=prev,
        )
        root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
        message = ledger.checkpoint_message(device_id, seq, root)
        entries.append(entry.signed(signing.sign(key, b"", message)))
        prev = entry.entry_hash
    return entries


def _state(hub_db: HubDatabase, device_id: str) -> tuple[int, int | None]:
    with psycopg.connect(hub_db.owner_url) as conn:
        count = conn.execute(
            "SELECT count(*) FROM entries WHERE device_id = %s", (device_id,)
        ).fetchone()
        head = conn.execute(
            "SELECT size FROM device_heads WHERE device_id = %s", (device_id,)
        ).fetchone()
    assert count is not None
    return int(count[0]), None if head is None else int(head[0])


@pytest.mark.slow
def test_a_push_killed_at_random_points_is_all_or_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    key = signing.generate_private_key()
    chance = random.Random(19)
    with repository(hub_db.app_url) as repo:
        repo.add_user("root", "admin", signing.public_key_hex(key), "cd" * 32, by=None)
    for round_ in range(3):  # each round a device of its own, half of it on the hub already
        device_id = str(uuid.uuid4())
        entries = _ledger(device_id, key)
        batch = tmp_path / f"entries-{round_}.json"
        batch.write_text(json.dumps([list(e) for e in entries]), "utf-8")
        half = COUNT // 2
        with repository(hub_db.app_url) as repo:
            repo.add_device(device_id, "root")
            started = time.perf_counter()
            repo.append_entries(device_id, entries[:half])
            took = time.perf_counter() - started  # about what the other half will take
        pusher = subprocess.Popen(
            [sys.executable, "-m", "tests.hub.pusher", hub_db.app_url, device_id, str(batch)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert pusher.stdout is not None
        assert pusher.stdout.readline().strip() == "pushing"
        time.sleep(chance.uniform(0.0, took))  # judging, COPY or commit: somewhere in it
        os.kill(pusher.pid, signal.SIGKILL)
        pusher.wait(30)
        assert _state(hub_db, device_id) in ((half, half), (COUNT, COUNT))  # never partial
        with repository(hub_db.app_url) as repo:  # the device retries: the push completes
            assert repo.append_entries(device_id, entries).size == COUNT
            pulled = repo.entries_since(0, limit=10 * COUNT)
        assert [p.entry for p in pulled if p.device_id == device_id] == entries
        assert _state(hub_db, device_id) == (COUNT, COUNT)
