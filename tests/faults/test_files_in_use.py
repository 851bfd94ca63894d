"""Files another program holds open (Windows): renames retry, then say "in use", never "read-only".

Windows refuses to rename a file that an antivirus, the search indexer or a sync client has open,
and a folder while a file in it is open. tests/faults/windows.py puts that rule into the rename
helper's OS call (store/files.py ``rename_call``) on Linux, with a real process holding the file
where that matters; everything of ours runs unchanged. Also here: deleting ``lock.owner`` failing
after a committed write, and restore over a store that a session has open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidence_desk.domain.errors import FileInUse, RuleViolation, StoreError
from evidence_desk.domain.models import Role
from evidence_desk.services import backup, backup_manifest, cases, importing, users
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store import files
from evidence_desk.store.folder import StoreFolder
from tests.faults.support import REPO_ROOT, describe
from tests.faults.windows import WindowsRename, holding_open
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    FAST_KDF,
    Team,
    approved_contact,
    ledger_size,
)

IN_USE = "file in use by another program (antivirus, indexer or sync client?)"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> WindowsRename:
    """Renames follow Windows' sharing rules for the rest of the test."""
    rename = WindowsRename()
    monkeypatch.setattr(files, "rename_call", rename)
    return rename


def _head_size(store: Path) -> int:
    return int(json.loads((store / "store.json").read_text("utf-8"))["head"]["size"])


# -- the helper ---------------------------------------------------------------------------------


def test_a_rename_retries_while_the_file_is_scanned_then_succeeds(
    windows: WindowsRename, tmp_path: Path
) -> None:
    windows.fail_first = 4
    target = tmp_path / "keyslots.json"
    target.write_bytes(b"old")
    files.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert windows.refused == 4 and windows.calls == 5
    assert [p.name for p in tmp_path.iterdir()] == ["keyslots.json"]  # no temp file left


def test_a_file_held_open_gives_up_in_bounded_time_naming_the_file(
    windows: WindowsRename, tmp_path: Path
) -> None:
    target = tmp_path / "store.json"
    target.write_bytes(b"old")
    with holding_open(target):  # another program keeps it open for good
        started = time.monotonic()
        with pytest.raises(FileInUse) as failed:
            files.atomic_write(target, b"new")
        elapsed = time.monotonic() - started
    assert files.RETRY_SECONDS - 0.1 <= elapsed < files.RETRY_SECONDS + 2
    message = str(failed.value)
    assert IN_USE in message and str(target) in message
    assert "read-only" not in message
    assert failed.value.detail_code == "files.in_use" and failed.value.path == target
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_a_file_released_by_the_other_program_is_replaced(
    windows: WindowsRename, tmp_path: Path
) -> None:
    target = tmp_path / "anchor.json"
    target.write_bytes(b"old")
    with holding_open(target, seconds=0.8):
        files.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert windows.refused >= 1


def test_posix_errors_are_never_taken_for_a_sharing_violation(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        files.replace(tmp_path / "absent", tmp_path / "target")


# -- the store ----------------------------------------------------------------------------------


def test_a_write_commits_while_store_json_is_held_and_the_head_follows_later(
    windows: WindowsRename, team: Team
) -> None:
    staff = team.login("alice")
    with holding_open(team.path / "store.json"):  # for good: the head cannot be copied
        cases.create_case(staff, "2026-HELD-1", debtor_name="张三")  # no error: it committed
    assert cases.get_case(staff, "2026-HELD-1").debtor_name == "张三"
    assert _head_size(team.path) == ledger_size(staff) - 1  # lags by the one entry
    with holding_open(team.path / "store.json", seconds=0.5):  # a scan that ends
        cases.create_case(staff, "2026-HELD-2", debtor_name="李四")
    assert _head_size(team.path) == ledger_size(staff)
    assert verify_store(staff).intact


def test_an_import_waits_for_the_antivirus_scanning_the_new_original(
    windows: WindowsRename, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    windows.fail_first = 3
    windows.matching = lambda source, _target: source.parent.name == "tmp"
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    result = importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    assert result.messages_new == 2
    assert windows.refused == 3
    report = verify_store(staff)
    assert report.intact, describe(report)


def test_an_original_held_for_good_is_reported_in_use_not_read_only(
    windows: WindowsRename, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    before = ledger_size(staff)
    monkeypatch.setattr(files, "RETRY_SECONDS", 0.3)
    windows.fail_first = 10**6
    windows.matching = lambda source, _target: source.parent.name == "tmp"
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    with pytest.raises(StoreError) as failed:
        importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    assert IN_USE in failed.value.message
    assert "read-only" not in failed.value.message
    assert ledger_size(staff) == before  # nothing committed
    assert not list((team.path / "blobs" / "tmp").iterdir())  # the partial file is removed
    assert verify_store(staff).intact


def test_a_backup_waits_for_the_scan_of_its_part_file(
    windows: WindowsRename, team: Team, tmp_path: Path
) -> None:
    windows.fail_first = 5
    windows.matching = lambda source, _target: source.name.endswith(".part")
    out = tmp_path / "store.edbackup"
    with team.login(ADMIN) as admin:
        result = backup.backup(admin, out)
    assert windows.refused == 5
    assert backup_manifest.read_manifest(out).store_id == result.store_id
    assert not list(tmp_path.glob(".store.edbackup*"))


# -- the lock -----------------------------------------------------------------------------------


def test_lock_owner_that_cannot_be_deleted_does_not_fail_a_committed_write(team: Team) -> None:
    """Another process reading ``lock.owner`` for its "store is busy" message makes deleting it
    fail on Windows; here it cannot be deleted because it is a folder (a real OSError)."""
    staff = team.login("alice")
    (team.path / "lock.owner").mkdir()
    case = cases.create_case(staff, "2026-OWNER-1", debtor_name="王五")  # no exception
    assert case.case_no == "2026-OWNER-1"
    with Session.open(team.path, "alice", team.passwords["alice"]) as again:
        assert cases.get_case(again, "2026-OWNER-1").debtor_name == "王五"
    cases.create_case(staff, "2026-OWNER-2", debtor_name="赵六")  # the lock was released


# -- restore over a store in use -----------------------------------------------------------------


@pytest.fixture
def saved(team: Team, tmp_path: Path) -> Path:
    """A backup of the team's store, which then moves on by one case."""
    out = tmp_path / "saved.edbackup"
    with team.login(ADMIN) as admin:
        backup.backup(admin, out)
    cases.create_case(team.login("alice"), "2026-LATER-1", debtor_name="后来")
    team.close_all()
    return out


def _aside(store: Path) -> list[Path]:
    return sorted(store.parent.glob(f"{store.name}.before-restore-*"))


def test_restore_waits_for_a_program_holding_a_file_in_the_store(
    windows: WindowsRename, team: Team, saved: Path
) -> None:
    with holding_open(team.path / "evidence.db", seconds=1.0):
        result = backup.restore(saved, team.path, ADMIN, ADMIN_PASSWORD, replace=True)
    assert result.moved_aside is not None and result.moved_aside.is_dir()
    assert windows.refused >= 1
    with Session.open(team.path, ADMIN, ADMIN_PASSWORD) as restored:
        assert verify_store(restored).intact


def test_restore_over_a_store_held_open_for_good_says_in_use_and_keeps_it(
    windows: WindowsRename, team: Team, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "RETRY_SECONDS", 0.5)
    store_id = StoreFolder.open(team.path).store_id
    with holding_open(team.path / "evidence.db"), pytest.raises(StoreError) as failed:
        backup.restore(saved, team.path, ADMIN, ADMIN_PASSWORD, replace=True)
    message = failed.value.message
    assert IN_USE in message and str(team.path) in message and "read-only" not in message
    assert _aside(team.path) == []  # nothing was moved
    with Session.open(team.path, "alice", team.passwords["alice"]) as still:
        assert still.folder.store_id == store_id
        assert cases.get_case(still, "2026-LATER-1")  # the live store, untouched


def test_restore_refuses_to_replace_the_store_a_session_here_has_open(
    team: Team, saved: Path
) -> None:
    admin = team.login(ADMIN)  # the desktop app's logged-in session
    with pytest.raises(RuleViolation) as refused:
        backup.restore(saved, team.path, ADMIN, ADMIN_PASSWORD, replace=True)
    assert refused.value.rule == "restore.store_open"
    assert refused.value.detail_code == "backup.store_open"
    assert "you are logged into" in refused.value.message
    assert _aside(team.path) == []
    users.add_user(admin, "kim", Role.STAFF, "kim-password", kdf=FAST_KDF)  # its live store
    admin.close()
    result = backup.restore(saved, team.path, ADMIN, ADMIN_PASSWORD, replace=True)  # now it may
    assert result.moved_aside is not None


def test_a_session_whose_store_another_process_replaced_refuses_to_write(
    team: Team, saved: Path, tmp_path: Path
) -> None:
    """On Linux the folder can be moved while a session of another process has it open: that
    session must not write into the moved-aside store (nor the head of it into the new one)."""
    staff = team.login("alice")
    env = {k: v for k, v in os.environ.items() if k != "EVIDENCE_DESK_STORE"}
    env.update(PYTHONPATH=str(REPO_ROOT), EVIDENCE_DESK_PASSWORD=ADMIN_PASSWORD)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evidence_desk",
            "--store",
            str(team.path),
            "--user",
            ADMIN,
            "restore",
            str(saved),
            "--replace",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (aside,) = _aside(team.path)
    with pytest.raises(StoreError) as refused:
        cases.create_case(staff, "2026-GHOST-1", debtor_name="幽灵")
    assert refused.value.detail_code == "session.store_replaced"
    for store in (team.path, aside):
        with Session.open(store, ADMIN, ADMIN_PASSWORD) as check:
            assert (
                check.conn.execute(
                    "SELECT count(*) FROM cases WHERE case_no = '2026-GHOST-1'"
                ).fetchone()[0]
                == 0
            )
            report = verify_store(check, local_anchor=False)
            assert report.intact, describe(report)
