"""Backup and restore: a consistent, signed, encrypted snapshot that restores exactly.

Every test uses a real store (SQLCipher, encrypted blobs, key slots) built by the team fixture;
tampering is done on the real backup file, member by member, as an attacker with the file would.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import (
    AuthenticationFailed,
    BackupInvalid,
    BadInput,
    PermissionDenied,
    RuleViolation,
)
from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import backup, backup_manifest, importing, reading
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store.schema import PROJECTED_TABLES
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team, approved_contact

REPO_ROOT = Path(__file__).resolve().parents[2]
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)


@pytest.fixture
def filled(team: Team, tmp_path: Path) -> Team:
    """A store with a case, an approved contact (two documents) and one imported chat."""
    staff, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    team.close_all()
    return team


def _everything(store: Path, user: str, password: str) -> dict[str, Any]:
    """The whole state a restore must reproduce: ledger, checkpoints, all tables, blob files."""
    with Session.open(store, user, password) as session:
        conn = session.conn
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        rows = {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in tables}
    blobs = {
        str(p.relative_to(store)): p.read_bytes()
        for p in sorted((store / "blobs").rglob("*"))
        if p.is_file() and "tmp" not in p.relative_to(store).parts
    }
    return {
        "rows": rows,
        "blobs": blobs,
        "keyslots": (store / "keyslots.json").read_bytes(),
        "store_id": json.loads((store / "store.json").read_text())["store_id"],
        "head": json.loads((store / "store.json").read_text())["head"],
    }


def _backup(team: Team, out: Path) -> backup.BackupResult:
    with team.login(ADMIN) as root:
        return backup.backup(root, out)


def _restore(source: Path, target: Path, **options: Any) -> backup.RestoreResult:
    return backup.restore(source, target, ADMIN, ADMIN_PASSWORD, **options)


def test_restore_round_trip_equals_the_original(filled: Team, tmp_path: Path) -> None:
    original = _everything(filled.path, ADMIN, ADMIN_PASSWORD)
    assert original["rows"]["messages"] and original["blobs"]  # there is evidence to lose
    result = _backup(filled, tmp_path / "store.edbackup")
    assert result.ledger_size == len(original["rows"]["ledger"])
    assert result.blobs == len(original["rows"]["blobs"]) == len(original["blobs"])
    raw = (tmp_path / "store.edbackup").read_bytes()
    for plaintext in ("陈立新", "知道了", "Chen Lixin", "identity proof"):
        assert plaintext.encode("utf-8") not in raw  # encrypted, database and originals alike

    restored = _restore(tmp_path / "store.edbackup", tmp_path / "restored")
    assert restored.moved_aside is None and restored.created_by == ADMIN
    assert _everything(tmp_path / "restored", ADMIN, ADMIN_PASSWORD) == original
    # every user logs in with their own password, and the restored store verifies and works
    with Session.open(tmp_path / "restored", "alice", filled.passwords["alice"]) as alice:
        report = verify_store(alice)
        assert report.intact, report.findings
        assert report.blobs == result.blobs
        messages = reading.list_messages(
            alice, alice.conn.execute("SELECT id FROM contacts").fetchone()[0]
        )
        assert [m.text for m in messages][-1] == "我 1 月 20 号先还 5000"
    assert not list(tmp_path.glob(".restored.restoring-*"))  # the work folder is gone


def test_orphans_and_partial_files_are_not_backed_up(filled: Team, tmp_path: Path) -> None:
    with filled.login("alice") as alice:
        orphan = alice.blobs.seal_bytes(b"sealed but never committed")
    (filled.path / "blobs" / "tmp").mkdir(exist_ok=True)
    (filled.path / "blobs" / "tmp" / "x.part").write_bytes(b"half")
    result = _backup(filled, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        names = archive.namelist()
    assert f"store/blobs/{orphan.name[:2]}/{orphan.name[2:]}" not in names
    assert not [n for n in names if "tmp" in n]
    assert result.blobs == len([n for n in names if n.startswith("store/blobs/")])
    report = _restore(tmp_path / "b.zip", tmp_path / "r", check_only=True)
    assert report.checked_only and not (tmp_path / "r").exists()


def test_only_an_admin_backs_up_and_restores(filled: Team, tmp_path: Path) -> None:
    with filled.login("lee") as lee, pytest.raises(PermissionDenied) as refused:
        backup.backup(lee, tmp_path / "b.zip")
    assert refused.value.rule == "permission:store.backup"
    assert not (tmp_path / "b.zip").exists()
    _backup(filled, tmp_path / "b.zip")
    with pytest.raises(PermissionDenied) as refused:
        backup.restore(tmp_path / "b.zip", tmp_path / "r", "sam", filled.passwords["sam"])
    assert refused.value.rule == "permission:store.restore"
    with pytest.raises(AuthenticationFailed):
        backup.restore(tmp_path / "b.zip", tmp_path / "r", ADMIN, "wrong password")
    assert not (tmp_path / "r").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.")] == []


def test_backup_never_overwrites_a_file(filled: Team, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    out.write_bytes(b"something precious")
    with pytest.raises(BadInput, match="already exists"):
        _backup(filled, out)
    assert out.read_bytes() == b"something precious"


def test_restore_never_overwrites_a_store_silently(filled: Team, tmp_path: Path) -> None:
    _backup(filled, tmp_path / "b.zip")
    staff = filled.login("alice")
    from evidence_desk.services import cases

    cases.create_case(staff, "2026-AFTER-1", debtor_name="后来")  # the live store moved on
    filled.close_all()
    live = _everything(filled.path, ADMIN, ADMIN_PASSWORD)
    with pytest.raises(RuleViolation) as refused:
        _restore(tmp_path / "b.zip", filled.path)
    assert refused.value.rule == "restore.no_overwrite"
    assert _everything(filled.path, ADMIN, ADMIN_PASSWORD) == live

    result = _restore(tmp_path / "b.zip", filled.path, replace=True)
    assert result.moved_aside is not None and result.moved_aside.exists()
    assert ".before-restore-" in result.moved_aside.name
    assert _everything(result.moved_aside, ADMIN, ADMIN_PASSWORD) == live  # kept, intact
    restored = _everything(filled.path, ADMIN, ADMIN_PASSWORD)
    assert len(restored["rows"]["ledger"]) == len(live["rows"]["ledger"]) - 1


# -- tampering ----------------------------------------------------------------------------------


def _rewrite(source: Path, out: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy a backup member by member; ``change`` returns new bytes, or None to drop it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


def _first_blob(source: Path) -> str:
    with zipfile.ZipFile(source) as archive:
        return next(n for n in archive.namelist() if n.startswith("store/blobs/"))


@pytest.mark.parametrize(
    "attack",
    [
        "blob byte",
        "database byte",
        "key slots",
        "manifest edited",
        "member dropped",
        "member added",
    ],
)
def test_a_tampered_backup_is_refused_naming_the_member(
    filled: Team, tmp_path: Path, attack: str
) -> None:
    good = tmp_path / "good.zip"
    _backup(filled, good)
    bad = tmp_path / "bad.zip"
    blob = _first_blob(good)
    if attack == "blob byte":
        _rewrite(good, bad, lambda n, d: _flip(d, len(d) // 2) if n == blob else d)
        named = blob
    elif attack == "database byte":
        _rewrite(good, bad, lambda n, d: _flip(d, 5000) if n == "store/evidence.db" else d)
        named = "store/evidence.db"
    elif attack == "key slots":
        _rewrite(good, bad, lambda n, d: d.replace(b'"n": ', b'"n":  ') if "keyslots" in n else d)
        named = "store/keyslots.json"
    elif attack == "manifest edited":

        def edit(name: str, data: bytes) -> bytes:
            if name != backup_manifest.MANIFEST:
                return data
            doc = json.loads(data)
            doc["manifest"]["ledger_size"] += 1
            return json.dumps(doc).encode()

        _rewrite(good, bad, edit)
        named = "backup.json: signature does not match"
    elif attack == "member dropped":
        _rewrite(good, bad, lambda n, d: None if n == blob else d)
        named = f"{blob}: listed in the manifest but missing"
    else:

        def add(name: str, data: bytes) -> bytes:
            return data

        _rewrite(good, bad, add)
        with zipfile.ZipFile(bad, "a") as archive:
            archive.writestr("store/blobs/00/" + "0" * 62, b"smuggled")
        named = "store/blobs/00/" + "0" * 62
    with pytest.raises(BackupInvalid) as refused:
        _restore(bad, tmp_path / "restored")
    assert named in refused.value.message
    assert str(bad) in refused.value.message
    assert not (tmp_path / "restored").exists()
    assert not list(tmp_path.glob(".restored.*"))


def test_a_manifest_re_signed_by_an_outsider_is_refused(filled: Team, tmp_path: Path) -> None:
    """Changing a member and re-signing the manifest with another key does not get in: the
    signer must be an admin of the restored ledger with that very key."""
    good = tmp_path / "good.zip"
    _backup(filled, good)
    outsider = signing.generate_private_key()
    blob = _first_blob(good)
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read(backup_manifest.MANIFEST))
        tampered = _flip(archive.read(blob), 45)
    body = manifest["manifest"]
    for entry in body["files"]:
        if entry["path"] == blob:
            entry["sha256"] = hashlib.sha256(tampered).hexdigest()
    body["public_key"] = signing.public_key_hex(outsider)
    signed = {
        "manifest": body,
        "signature": signing.sign(outsider, backup_manifest.BACKUP_CONTEXT, canonical_bytes(body)),
    }

    def change(name: str, data: bytes) -> bytes:
        if name == blob:
            return tampered
        return json.dumps(signed).encode() if name == backup_manifest.MANIFEST else data

    _rewrite(good, tmp_path / "bad.zip", change)
    with pytest.raises(BackupInvalid, match="not an admin of this store with that key"):
        _restore(tmp_path / "bad.zip", tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_not_a_backup_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BackupInvalid, match="not a readable Evidence Desk backup"):
        _restore(junk, tmp_path / "r")
    with pytest.raises(BadInput, match="no such file"):
        _restore(tmp_path / "missing.zip", tmp_path / "r")


# -- while the app runs -------------------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from evidence_desk.services import cases
from evidence_desk.services.session import Session
store, password, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with Session.open(store, "alice", password) as session:
    session.lock_wait_seconds = 30
    print("ready", flush=True)
    for index in range(count):
        cases.create_case(session, f"2026-LIVE-{index:03d}", debtor_name=f"debtor {index}")
        time.sleep(0.02)  # a steady trickle of commits, as from people at work
print("done", flush=True)
"""


def test_backup_during_concurrent_writes_restores_to_a_verifying_store(
    filled: Team, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    count = 60
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(filled.path), filled.passwords["alice"], str(count)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sizes: list[int] = []
    with filled.login(ADMIN) as root:
        base = int(root.conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 120
        index = 0
        while writer.poll() is None or index == 0:
            assert time.monotonic() < deadline, "writer did not finish within 120 s"
            sizes.append(_backup(filled, tmp_path / f"live-{index}.zip").ledger_size)
            index += 1
        stdout, stderr = writer.communicate(timeout=60)
        assert writer.returncode == 0, stderr
        assert "done" in stdout
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=10)
    assert sizes == sorted(sizes)
    final = _backup(filled, tmp_path / "final.zip")
    # some backups were taken while the writer was half-way through
    assert any(base < s < final.ledger_size for s in sizes), (base, sizes, final.ledger_size)
    # each snapshot taken mid-stream restores to a store that verifies (restore raises if not)
    for index in sorted({0, len(sizes) // 3, len(sizes) // 2, len(sizes) - 1}):
        restored = _restore(tmp_path / f"live-{index}.zip", tmp_path / f"restored-{index}")
        assert restored.ledger_size == sizes[index]
    restored = _restore(tmp_path / "final.zip", tmp_path / "restored-final")
    with Session.open(restored.path, "alice", filled.passwords["alice"]) as alice:
        live_cases = alice.conn.execute(
            "SELECT count(*) FROM cases WHERE case_no LIKE '2026-LIVE-%'"
        ).fetchone()[0]
        assert live_cases == count
        assert set(PROJECTED_TABLES) <= {
            r[0] for r in alice.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }


# -- the command line ---------------------------------------------------------------------------


def _cli(*args: str, password: str = ADMIN_PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env.update(PYTHONPATH=str(REPO_ROOT), EVIDENCE_DESK_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "evidence_desk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_backup_and_restore(filled: Team, tmp_path: Path) -> None:
    out = tmp_path / "cli.zip"
    done = _cli("backup", "--store", str(filled.path), "--user", ADMIN, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "backup written to" in done.stdout and out.exists()

    again = _cli("backup", "--store", str(filled.path), "--user", ADMIN, "--out", str(out))
    assert again.returncode == 4 and "already exists" in again.stderr

    staff = _cli(
        "backup",
        "--store",
        str(filled.path),
        "--user",
        "alice",
        "--out",
        str(tmp_path / "x.zip"),
        password=filled.passwords["alice"],
    )
    assert staff.returncode == 3 and "permission:store.backup" in staff.stderr

    target = tmp_path / "cli-restored"
    check = _cli("restore", str(out), "--check", "--store", str(target), "--user", ADMIN)
    assert check.returncode == 0, check.stderr
    assert "verify INTACT" in check.stdout and not target.exists()
    restored = _cli("restore", str(out), "--store", str(target), "--user", ADMIN, "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["ledger_size"] > 0
    refused = _cli("restore", str(out), "--store", str(target), "--user", ADMIN)
    assert refused.returncode == 3 and "restore.no_overwrite" in refused.stderr

    blob = _first_blob(out)
    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, lambda n, d: _flip(d, 40) if n == blob else d)
    tampered = _cli("restore", str(bad), "--store", str(tmp_path / "r2"), "--user", ADMIN)
    assert tampered.returncode == 1
    assert blob in tampered.stderr and "error [backup_invalid]" in tampered.stderr
    assert "Traceback" not in tampered.stderr
    assert not (tmp_path / "r2").exists()


def test_a_bound_stores_backup_carries_its_binding_and_a_restore_over_it_keeps_the_newer(
    filled: Team, tmp_path: Path
) -> None:
    """A bound store's backup holds its binding to the hub (the URL, the CA, the pinned hub
    key, the blob files the hub names), not the checkpoints it saw. Restored on a new machine
    it is bound as it was (its hub receipts verify against the pin); restored over the same
    store, the replaced folder's files win (a key rotation pinned since the backup), and they
    are in place before the restore's verify. Before, the restore of a bound device was
    refused (``receipt.no_pin``: tests/hub/test_org_shredding.py) or left it bound to no hub.
    Over another store (another store id) its binding is not carried over."""
    from evidence_desk.services import checkpoint_log, sync
    from evidence_desk.store.folder import StoreFolder

    ca = tmp_path / "ca.pem"
    ca.write_bytes(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    sync.bind(StoreFolder.open(filled.path), "https://hub.example:8443", ca)
    (filled.path / "hub-key.json").write_bytes(b'{"key": "k1"}')
    (filled.path / checkpoint_log.SEEN_FILE).write_bytes(b"")
    bound = {
        name: (filled.path / name).read_bytes()
        for name in backup.HUB_FILES
        if (filled.path / name).exists()
    }
    assert set(bound) == {"hub.json", "hub-ca.pem", "hub-key.json"}
    _backup(filled, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        members = {n.removeprefix("store/") for n in archive.namelist()}
    assert set(bound) <= members and checkpoint_log.SEEN_FILE not in members

    elsewhere = tmp_path / "new-machine"
    _restore(tmp_path / "b.zip", elsewhere)
    assert {name: (elsewhere / name).read_bytes() for name in bound} == bound
    assert sync.binding(StoreFolder.open(elsewhere)).url == "https://hub.example:8443"
    assert not (elsewhere / checkpoint_log.SEEN_FILE).exists()

    (filled.path / "hub-key.json").write_bytes(b'{"key": "k2"}')  # pinned since the backup
    _restore(tmp_path / "b.zip", filled.path, replace=True)
    assert (filled.path / "hub-key.json").read_bytes() == b'{"key": "k2"}'
    assert (filled.path / "hub.json").read_bytes() == bound["hub.json"]
    assert not (filled.path / checkpoint_log.SEEN_FILE).exists()

    other = tmp_path / "other"
    _restore(tmp_path / "b.zip", other)
    descriptor = json.loads((other / "store.json").read_text())
    descriptor["store_id"] = "another-store"
    (other / "store.json").write_text(json.dumps(descriptor))
    (other / "hub-key.json").write_bytes(b'{"key": "other"}')
    _restore(tmp_path / "b.zip", other, replace=True)
    assert (other / "hub-key.json").read_bytes() == bound["hub-key.json"]
