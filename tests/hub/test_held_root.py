"""The held history's root a sync holds the hub's checkpoint to (services/held_root.py), kept
per open store and extended at each sync: always the root over every held leaf as entries
arrive; a quiet sync hashes none of the organisation's leaves again (a witness's cosigned
checkpoint met before is not rooted again either) (the cost that grew with
the organisation: bench/sync_cost.py); and a checkpoint whose root is not the held history's
is still refused by a store whose root was kept."""

from __future__ import annotations

import cProfile
import dataclasses
import pstats
from pathlib import Path

import pytest

from evidence_desk.domain.errors import HubForked
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import cases, checkpoint_log, held_root, org_checkpoints, sync
from evidence_desk.services import org_checkpoint_checks as device_side
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation


def _leaves_hashed(session: Session, client: HubClient) -> tuple[sync.SyncReport, int]:
    """One sync, and how many organisation leaves it hashed (``org_checkpoints.leaf`` calls,
    counted by the profiler: the real function runs)."""
    profile = cProfile.Profile()
    profile.enable()
    report = sync.sync(session, client)
    profile.disable()
    calls = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    hashed = sum(
        int(counts[1])
        for (file, _line, name), counts in calls.items()
        if name == "leaf" and file.endswith("integrity/org_checkpoints.py")
    )
    return report, hashed


def _uncached_root(session: Session, hub_seq: int) -> tuple[int, str]:
    leaves = device_side.held_leaves(session.conn, session.folder.store_id, hub_seq)
    return len(leaves), org_cp.root_of(leaves)


def test_a_kept_root_is_the_held_historys_and_a_quiet_sync_hashes_no_leaf(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")  # a witness: its cosigned checkpoint is met at each sync
        org.welcome("alice", "lee")
        assert org.sync("lee")[1]["witnessed"] is True
        with org.login("root") as root:
            client = sync.client_for(root, sync.binding(root.folder))
            try:
                report, first = _leaves_hashed(root, client)
                assert report.witnesses_checked == ["lee"]
                assert report.org_checkpoint is not None
                size = int(report.org_checkpoint.split(":")[0])
                assert first >= size  # the first sync of an open store hashes them all
                report, quiet = _leaves_hashed(root, client)
                assert report.witnesses_checked == ["lee"]  # met again, from what was checked
                assert quiet == 0  # nothing new: no leaf of the organisation again
                with root.sibling() as sibling:  # the app syncs on a new sibling each time
                    _report, quiet = _leaves_hashed(sibling, client)
                    assert quiet == 0
                for number in range(2):
                    with org.login("alice") as alice:
                        cases.create_case(alice, f"2026-R-{number}", debtor_name="陈立新")
                    assert org.sync("alice")[0] == 0
                    report, hashed = _leaves_hashed(root, client)
                    newest = checkpoint_log.seen(root.folder)[-1].stated
                    assert report.org_checkpoint == newest.named()
                    grown = newest.size - size
                    assert 0 < hashed <= grown  # only the leaves after the kept ones
                    size = newest.size
                    kept = held_root.held_root(root, newest.hub_seq)
                    assert (kept.size, kept.root) == _uncached_root(root, newest.hub_seq)
                    assert kept.root == newest.root
            finally:
                client.close()


def test_a_checkpoint_whose_root_is_not_the_held_history_is_refused_with_a_kept_root(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The kept range only spares hashing again: the root is still compared, so a checkpoint
    of the held size with another root is refused (``org_checkpoint.root``), and nothing is
    kept of it."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("root") as root:
            with sync.client_for(root, sync.binding(root.folder)) as client:
                sync.sync(root, client)
                sync.sync(root, client)  # the root kept, then extended from it
            kept = checkpoint_log.seen(root.folder)
            last = kept[-1]
            other = dataclasses.replace(last.stated, root="0" * 64)
            forged = dataclasses.replace(last, stated=other)
            with pytest.raises(HubForked) as refused:
                org_checkpoints.confirm(root, forged)
            assert refused.value.rule == "org_checkpoint.root"
            assert checkpoint_log.seen(root.folder) == kept
