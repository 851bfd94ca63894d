"""The log of the organisation checkpoints a device kept (services/checkpoint_log.py): appended
to and never rewritten, a stamp that comes later taken in place, a line a crash cut short
dropped, a store of an earlier release carried over, and a file changed on disk read afresh.
Real signed checkpoints in a real store folder (tests/hub/ drive it through real syncs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.domain.errors import HubForked
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.services import checkpoint_log
from evidence_desk.services.checkpoint_log import Seen
from evidence_desk.store.folder import StoreFolder

KEY = Ed25519PrivateKey.generate()
STAMP = {"token": "dG9rZW4=", "gen_time": "2026-12-07T03:00:00Z", "tsa": "local"}


def checkpoint(size: int, stamp: dict[str, str] | None = None) -> Seen:
    stated = org.OrgCheckpoint("hub-1", size, f"{size:064x}", size + 10, "2026-12-07T03:00:00Z")
    return Seen(org.sign(KEY, stated), stated, stamp)


@pytest.fixture
def folder(tmp_path: Path) -> StoreFolder:
    return StoreFolder.create(tmp_path / "store")


def log(folder: StoreFolder) -> Path:
    return folder.path / checkpoint_log.SEEN_FILE


def sizes(folder: StoreFolder, *, fresh: bool = False) -> list[tuple[int, bool]]:
    return [(k.stated.size, k.stamp is not None) for k in checkpoint_log.seen(folder, fresh=fresh)]


def test_checkpoints_are_kept_in_the_order_seen_by_appending(folder: StoreFolder) -> None:
    assert checkpoint_log.seen(folder) == []
    checkpoint_log.keep(folder, [checkpoint(1)])
    before = log(folder).read_bytes()
    checkpoint_log.keep(folder, [checkpoint(2), checkpoint(3)])
    assert log(folder).read_bytes().startswith(before)  # nothing written is rewritten
    assert sizes(folder) == [(1, False), (2, False), (3, False)]
    assert checkpoint_log.seen(folder) == checkpoint_log.seen(folder, fresh=True)
    assert [k.signed for k in checkpoint_log.seen(folder)] == [
        checkpoint(n).signed for n in (1, 2, 3)
    ]


def test_the_same_checkpoint_is_kept_once_and_takes_its_stamp_in_place(
    folder: StoreFolder,
) -> None:
    checkpoint_log.keep(folder, [checkpoint(1), checkpoint(2)])
    size = log(folder).stat().st_size
    checkpoint_log.keep(folder, [checkpoint(2)])  # seen again, unstamped: nothing to write
    assert log(folder).stat().st_size == size
    checkpoint_log.keep(folder, [checkpoint(1, STAMP)])  # stamped since it was kept
    assert sizes(folder) == [(1, True), (2, False)]
    assert sizes(folder, fresh=True) == [(1, True), (2, False)]
    checkpoint_log.keep(folder, [checkpoint(1)])  # an unstamped copy never drops the stamp
    assert checkpoint_log.seen(folder, fresh=True)[0].stamp == STAMP


def test_a_line_a_crash_cut_short_is_dropped_and_the_next_keep_starts_clean(
    folder: StoreFolder,
) -> None:
    checkpoint_log.keep(folder, [checkpoint(1)])
    with open(log(folder), "ab") as handle:  # killed in the middle of the next append
        handle.write(json.dumps(checkpoint(2).as_json()).encode()[:40])
    assert sizes(folder, fresh=True) == [(1, False)]
    checkpoint_log.keep(folder, [checkpoint(3)])
    assert sizes(folder, fresh=True) == [(1, False), (3, False)]
    lines = log(folder).read_text("utf-8").splitlines()
    assert [json.loads(line)["body"] for line in lines] == [
        checkpoint(n).signed.body for n in (1, 3)
    ]


def test_a_store_of_an_earlier_release_is_read_and_turned_into_the_log(
    folder: StoreFolder,
) -> None:
    old = folder.path / checkpoint_log.OLD_SEEN_FILE
    kept = [checkpoint(1, STAMP).as_json(), checkpoint(2).as_json()]
    old.write_text(json.dumps({"checkpoints": kept}, indent=1), "utf-8")
    assert sizes(folder) == [(1, True), (2, False)]
    checkpoint_log.keep(folder, [checkpoint(3)])
    assert not old.exists()
    assert sizes(folder, fresh=True) == [(1, True), (2, False), (3, False)]


def test_a_log_changed_on_disk_is_read_afresh(folder: StoreFolder) -> None:
    checkpoint_log.keep(folder, [checkpoint(1), checkpoint(2)])
    assert sizes(folder) == [(1, False), (2, False)]
    lines = log(folder).read_text("utf-8").splitlines(keepends=True)
    log(folder).write_text(lines[1], "utf-8")  # another process, or a hand, rewrote it
    assert sizes(folder) == [(2, False)]
    checkpoint_log.keep(folder, [checkpoint(3)])
    assert sizes(folder, fresh=True) == [(2, False), (3, False)]


@pytest.mark.parametrize("line", [b"not json\n", b'{"body": "{}", "signature": "00"}\n', b"[1]\n"])
def test_a_line_that_is_no_checkpoint_is_refused_by_name(folder: StoreFolder, line: bytes) -> None:
    checkpoint_log.keep(folder, [checkpoint(1)])
    with open(log(folder), "ab") as handle:
        handle.write(line)
    with pytest.raises(HubForked) as refused:
        checkpoint_log.seen(folder)
    assert refused.value.rule == "org_checkpoint.unreadable"
    assert checkpoint_log.SEEN_FILE in refused.value.detail
