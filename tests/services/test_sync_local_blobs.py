"""The files a push would send are found from the store's records (``sync._local_blobs``),
not by listing its blob folder: on a copy of a store written by the release before per-case
keys (tests/fixtures/release_store: every original one file under the store key, named by
``blobs.name``), every file is still found, less those the hub is known to name."""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence_desk.services import blob_hint, sync
from evidence_desk.services.session import Session
from tests.helpers import Team, approved_contact
from tests.services.test_blob_migration import RELEASE_STORE


def test_an_older_store_version_s_files_are_found_from_its_records(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    with Session.open(store, "alice", "alice-password") as alice:  # no admin: nothing migrates
        on_disk = {f"blobs/{n[:2]}/{n[2:]}" for n in alice.blobs.stored_names()}
        assert alice.conn.execute("SELECT count(*) FROM case_blobs").fetchone()[0] == 0
        found = sync._local_blobs(alice, set())
        assert set(found) == on_disk and len(on_disk) == 11
        assert all(path.read_bytes() for path in found.values())
        known = set(sorted(on_disk)[:4])
        names = {str(blob_hint.name_of(path)) for path in known}
        assert set(sync._local_blobs(alice, names)) == on_disk - known
        # a record whose file is not on this disk (a pulled one not fetched yet): not sent
        gone = sorted(on_disk)[-1]
        (store / gone).unlink()
        assert set(sync._local_blobs(alice, names)) == on_disk - known - {gone}


def test_the_waiting_files_are_the_recorded_ones_the_hub_is_not_known_to_name(
    team: Team, tmp_path: Path
) -> None:
    """The app's status counts what the next push sends, from the same records: a recorded
    file not yet pushed counts with its size, an orphan in the blob folder never does, and a
    file the store knows the hub names no longer does."""
    alice, _contact = approved_contact(team, tmp_path)
    recorded = sync._local_blobs(alice, set())
    assert len(recorded) == 2  # the request's two documents, sealed under the case key
    orphan = alice.folder.path / "blobs" / "ab" / ("c" * 62)  # a write that never committed
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"x" * 5000)
    waiting = sync.waiting_blobs(alice)
    assert waiting == {path: file.stat().st_size for path, file in recorded.items()}
    assert "blobs/ab/" + "c" * 62 not in waiting and all(size > 0 for size in waiting.values())
    pushed = sorted(recorded)[0]
    (alice.folder.path / blob_hint.FILE).write_text(pushed + "\n", "utf-8")
    assert set(sync.waiting_blobs(alice)) == set(recorded) - {pushed}
