"""A read-only store folder, a corrupted key slot, a truncated database: each gives a clear
error with the exit code of cli.md (1: the store cannot be used; 3: refused), names what is
wrong, never shows a traceback, and changes nothing on disk.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from evidence_desk.domain.errors import StoreError
from evidence_desk.services import importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store.keys import user_tag
from tests.faults.support import read_only_view, run_cli
from tests.helpers import Team, approved_contact

CHAT = "".join(f"05/01/2026, 09:{i:02d} - Chen Lixin: 第 {i} 条：我下周还款\n" for i in range(40))


@pytest.fixture
def store(team: Team, tmp_path: Path) -> Team:
    staff, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    team.close_all()
    assert not (team.path / "evidence.db-wal").exists()  # everything is in the main file
    return team


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _no_traceback(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "error [internal]" not in stderr, stderr


# -- read-only folder ---------------------------------------------------------------------------


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """A read-only bind mount (root), else write permission removed (other users)."""
    if os.name != "posix":
        # Windows ignores a folder's read-only attribute (files can still be created in it) and
        # has no bind mounts: there is no read-only folder to make here
        pytest.skip("no read-only folder can be made on Windows without an ACL change")
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(modes[path] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    with read_only_view(folder) as mounted:
        if not mounted:
            # as root, file modes do not stop writes; without a read-only bind mount there is no
            # read-only folder to test against (non-root runs take the chmod branch above)
            pytest.skip("root cannot be denied writes here without a read-only mount")
        yield


def test_read_only_store_folder_is_a_clear_error(store: Team) -> None:
    before = _files(store.path)
    with _read_only(store.path):
        with pytest.raises(StoreError, match="read-only"):
            Session.open(store.path, "lee", store.passwords["lee"])
        for args in (("verify",), ("case", "add", "2026-RO-1", "--debtor", "只读")):
            result = run_cli(store.path, "lee", store.passwords["lee"], *args)
            assert result.returncode == 1, result.stderr
            assert "error [store]" in result.stderr and "read-only" in result.stderr
            _no_traceback(result)
    assert _files(store.path) == before
    with Session.open(store.path, "lee", store.passwords["lee"]) as lee:
        assert verify_store(lee).intact


# -- key slots ----------------------------------------------------------------------------------


def _edit_slot(store: Team, user: str, change: str) -> None:
    path = store.path / "keyslots.json"
    doc = json.loads(path.read_text())
    store_id = json.loads((store.path / "store.json").read_text())["store_id"]
    slot = doc["slots"][user_tag(store_id, user)]
    if change == "ciphertext":
        ct = bytearray(base64.b64decode(slot["data_key"]["ct"]))
        ct[3] ^= 1
        slot["data_key"]["ct"] = base64.b64encode(bytes(ct)).decode()
    elif change == "salt":
        slot["kdf"]["salt"] = "not base64!"
    elif change == "fields":
        del slot["signing_key"]
    path.write_text(json.dumps(doc))


@pytest.mark.parametrize(
    ("damage", "code", "message"),
    [
        ("not json", 1, "key slot file is corrupted"),
        ("missing", 1, "key slot file is missing"),
        ("salt", 1, "key slot for this user is corrupted"),
        ("fields", 1, "key slot for this user is corrupted"),
        # an altered wrapped key fails authentication exactly like a wrong password: AES-GCM
        # cannot tell them apart, and saying more would help someone guessing passwords
        ("ciphertext", 3, "unknown user or wrong password"),
    ],
)
def test_corrupted_key_slot_is_a_clear_error(
    store: Team, damage: str, code: int, message: str
) -> None:
    slots = store.path / "keyslots.json"
    if damage == "not json":
        slots.write_bytes(slots.read_bytes()[:-40])
    elif damage == "missing":
        slots.unlink()
    else:
        _edit_slot(store, "alice", damage)
    before = _files(store.path)
    result = run_cli(store.path, "alice", store.passwords["alice"], "verify")
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    _no_traceback(result)
    after = _files(store.path)
    after.pop("auth_failures.json", None)  # a failed login is counted (it slows guessing)
    assert after == before
    if damage not in ("not json", "missing"):
        # the other users' slots are untouched: they still log in, and the store verifies
        result = run_cli(store.path, "lee", store.passwords["lee"], "verify")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "INTACT" in result.stdout


# -- truncated database -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "keep", ["nothing", "100 bytes", "1 page", "half", "all but 1 KiB", "all but 1 page"]
)
def test_truncated_database_is_a_clear_error_and_left_as_it_is(store: Team, keep: str) -> None:
    db_file = store.path / "evidence.db"
    size = db_file.stat().st_size
    new_size = {
        "nothing": 0,
        "100 bytes": 100,
        "1 page": 4096,
        "half": size // 2,
        "all but 1 KiB": size - 1024,
        "all but 1 page": size - 4096,
    }[keep]
    os.truncate(db_file, new_size)
    damaged = db_file.read_bytes()
    for user, args in (
        ("lee", ("verify",)),
        ("lee", ("log",)),
        ("alice", ("case", "add", "2026-TR-1", "--debtor", "截断")),
    ):
        result = run_cli(store.path, user, store.passwords[user], *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "error [store]" in result.stderr
        assert "truncated" in result.stderr and "restore" in result.stderr
        _no_traceback(result)
        assert db_file.read_bytes() == damaged  # never "repaired" into an empty store
    with pytest.raises(StoreError, match="truncated"):
        Session.open(store.path, "lee", store.passwords["lee"])
