"""Anchor files (store/anchors.py): where they live, and how a head gets in and never back out.

The heads are real signed checkpoints of a real store; the ``root_at`` a writer passes is the
store's own checkpoint lookup (``Session.checkpoint_root``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from evidence_desk.services import cases
from evidence_desk.services.session import Session
from evidence_desk.store import anchors
from evidence_desk.store.anchors import AnchorEvent, AnchorUnreadable, TreeHead
from evidence_desk.store.folder import Head, StoreFolder
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team

# -- where anchors live ---------------------------------------------------------------------------


def test_the_environment_variable_names_the_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(anchors.ANCHOR_DIR_ENV, str(tmp_path / "here"))
    assert anchors.anchor_dir() == tmp_path / "here"


@pytest.mark.parametrize(
    ("platform", "environment", "expected"),
    [
        (
            "win32",
            {"LOCALAPPDATA": "/users/wang/AppData/Local"},
            "/users/wang/AppData/Local/EvidenceDesk/anchors",
        ),
        ("win32", {}, "{home}/AppData/Local/EvidenceDesk/anchors"),
        ("darwin", {}, "{home}/Library/Application Support/EvidenceDesk/anchors"),
        ("linux", {"XDG_STATE_HOME": "/var/state/wang"}, "/var/state/wang/evidence-desk/anchors"),
        (
            "linux",
            {"XDG_STATE_HOME": "relative/state"},
            "{home}/.local/state/evidence-desk/anchors",
        ),
        ("linux", {}, "{home}/.local/state/evidence-desk/anchors"),
    ],
)
def test_each_platform_keeps_anchors_in_the_users_profile(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    platform: str,
    environment: dict[str, str],
    expected: str,
) -> None:
    monkeypatch.delenv(anchors.ANCHOR_DIR_ENV)
    for name in ("LOCALAPPDATA", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", platform)
    assert anchors.anchor_dir() == Path(expected.format(home=tmp_path))


@pytest.mark.parametrize("store_id", ["../../.ssh/config", "a/b", "", ".hidden", "x" * 65])
def test_a_store_id_that_is_not_an_id_names_no_file(store_id: str) -> None:
    """store.json is editable by anyone with the folder: its id must not steer a write."""
    with pytest.raises(ValueError):
        anchors.anchor_path(store_id)


# -- what every write records ---------------------------------------------------------------------


def test_every_write_records_the_head_outside_the_store_folder(
    team: Team, anchor_dir: Path
) -> None:
    folder = StoreFolder.open(team.path)
    anchor = anchors.load(folder.store_id)
    assert anchor is not None
    assert anchor.path == anchor_dir / f"{folder.store_id}.json"
    assert not anchor.path.is_relative_to(team.path)
    assert anchor.head == folder.head() and anchor.head.size == 9  # make_team's entries
    assert anchor.seen_at == anchor.head.at and anchor.store_path == str(team.path)
    assert anchor.events == ()
    cases.create_case(team.login("alice"), "2026-SH-1", debtor_name="陈立新")
    after = anchors.load(folder.store_id)
    assert after is not None and after.head.size == 10 and after.head.signer == "alice"
    assert after.head == StoreFolder.open(team.path).head()


def test_the_head_never_moves_backwards(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    with Session.open(team.path, ADMIN, ADMIN_PASSWORD, clock=team.clock) as root:
        earlier = _checkpoint(root, 3)
        assert not anchors.record_head(store_id, earlier, team.path, root.checkpoint_root)
    anchor = anchors.load(store_id)
    assert anchor is not None and anchor.head.size == 9


def test_the_head_moves_forwards_only_along_the_same_ledger(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    anchor = anchors.load(store_id)
    assert anchor is not None
    larger = dataclasses.replace(anchor.head, size=11, root="cd" * 32)
    # a writer whose ledger has another root where the anchor's head is: another ledger
    assert not anchors.record_head(store_id, larger, team.path, lambda _size: "ab" * 32)
    assert anchors.load(store_id) == anchor
    # the same ledger, further along
    assert anchors.record_head(store_id, larger, team.path, lambda _size: anchor.head.root)
    moved = anchors.load(store_id)
    assert moved is not None and moved.head == larger


def test_a_file_that_is_not_an_anchor_is_set_aside_and_a_new_one_started(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    path = anchors.anchor_path(store_id)
    path.write_text('{"format": "something else"}', "utf-8")
    with pytest.raises(AnchorUnreadable):
        anchors.load(store_id)
    cases.create_case(team.login("alice"), "2026-SH-1", debtor_name="陈立新")
    anchor = anchors.load(store_id)
    assert anchor is not None and anchor.head.size == 10
    [aside] = anchors.set_aside(store_id)
    assert aside.read_text("utf-8") == '{"format": "something else"}'


def test_an_anchor_of_another_store_is_not_taken_for_this_one(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    path = anchors.anchor_path(store_id)
    doc = json.loads(path.read_text("utf-8"))
    doc["store_id"] = "0" * 8
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(AnchorUnreadable, match="anchor of store 00000000"):
        anchors.load(store_id)


def test_the_file_round_trips(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    anchor = anchors.load(store_id)
    assert anchor is not None
    restore = _restore_event(anchor.head, TreeHead(9, "ef" * 32))
    anchors.record_restore(store_id, restore, team.path)
    again = anchors.load(store_id)
    assert again is not None and again.events == (restore,) and again.path is not None
    assert anchors.read_anchor(again.path, store_id) == again
    assert json.loads(again.path.read_text("utf-8"))["format"] == anchors.ANCHOR_FORMAT


# -- events ---------------------------------------------------------------------------------------


def test_events_keep_the_last_backups_and_bundles_and_every_restore(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    anchor = anchors.load(store_id)
    assert anchor is not None
    head = anchor.head
    anchors.record_restore(store_id, _restore_event(head, None), team.path)
    for n in range(anchors.MAX_EVENTS + 5):
        event = AnchorEvent("backup", f"2026-03-02T02:{n:02d}:00Z", ADMIN, head, f"b{n}.zip")
        anchors.record_event(store_id, event, team.path, lambda _size: head.root)
    events = anchors.load(store_id).events  # type: ignore[union-attr]
    assert len(events) == anchors.MAX_EVENTS + 1
    assert events[0].kind == "restore"
    assert [e.file for e in events[1:]] == [f"b{n}.zip" for n in range(5, anchors.MAX_EVENTS + 5)]


def test_a_restore_is_the_one_move_backwards(team: Team) -> None:
    store_id = StoreFolder.open(team.path).store_id
    with Session.open(team.path, ADMIN, ADMIN_PASSWORD, clock=team.clock) as root:
        earlier = _checkpoint(root, 4)
    anchor = anchors.load(store_id)
    assert anchor is not None
    replaced = TreeHead(anchor.head.size, anchor.head.root)
    anchors.record_restore(store_id, _restore_event(earlier, replaced), team.path)
    rewound = anchors.load(store_id)
    assert rewound is not None and rewound.head == earlier
    assert rewound.restores[0].replaced == replaced


def test_an_unwritable_folder_raises_os_error_for_the_caller_to_ignore(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(anchors.ANCHOR_DIR_ENV, str(blocker / "anchors"))
    head = StoreFolder.open(team.path).head()
    assert head is not None
    with pytest.raises(OSError):
        anchors.record_head(StoreFolder.open(team.path).store_id, head, team.path, lambda _s: None)


# -- helpers --------------------------------------------------------------------------------------


def _checkpoint(session: Session, size: int) -> Head:
    row = session.conn.execute(
        "SELECT size, root, at, signer, signature FROM checkpoints WHERE size = ?", (size,)
    ).fetchone()
    return Head(int(row[0]), row[1], row[2], row[3], row[4])


def _restore_event(head: Head, replaced: TreeHead | None) -> AnchorEvent:
    return AnchorEvent("restore", "2026-03-02T03:00:00Z", ADMIN, head, "old.zip", replaced, "00")
