"""Anchors against a ledger rolled back by an insider (services/anchoring.py, store/anchors.py).

The store: a team (entries 1..9: its users, the signing CA and the legal user's certificate), a
time-stamp authority configured (10), a case (11), a contact requested with its identity proof
and debt confirmation (12) and approved (13), a chat imported (14) and a real RFC 3161 token
over it (15). The insider is alice, a staff user who knows only her own password: with her key
slot she opens the database outside the app, deletes entries 10..15 with their checkpoints,
time-stamp rows and every row they created, fixes ``merkle_state`` up, rewinds ``store.json``
to the real signed checkpoint 9 and deletes the time-stamp mirror.
Everything left is consistent and signed; only the anchor (kept outside the store folder) or a
backup or bundle kit made before shows that the ledger once was longer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.models import Finding
from evidence_desk.integrity import merkle, signing
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import backup, backup_manifest, bundle, cases, importing, timestamps
from evidence_desk.services.session import Session
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store import anchors
from evidence_desk.store.anchors import AnchorEvent, TreeHead
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.schema import PROJECTED_TABLES
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.faults.support import read_only_view, small_tmpfs
from tests.helpers import (
    COURT,
    FAST_KDF,
    Team,
    TickingClock,
    add_local_tsa,
    approved_contact,
    raw_connection,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CASE = "2026-SH-1"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)
KEEP = 9  # the insider keeps the team's entries
FULL = 15  # what the ledger held before


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present, so time starts there
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def store(team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path) -> Team:
    add_local_tsa(team, pki, local_tsa, timeout_seconds=1)
    alice, contact_id = approved_contact(team, tmp_path, case_no=CASE)
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    assert timestamps.stamp(alice).stamped
    assert _ledger_size(team) == FULL
    team.close_all()
    return team


# -- helpers --------------------------------------------------------------------------------------


def _ledger_size(team: Team) -> int:
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        return int(conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
    finally:
        conn.close()


def _anchor_file(team: Team) -> Path:
    return anchors.anchor_path(StoreFolder.open(team.path).store_id)


def verify(team: Team, user: str = "lee", **options: Any) -> VerifyReport:
    session = team.login(user)
    try:
        return verify_store(session, **options)
    finally:
        session.close()


def insider_rollback(team: Team, keep: int = KEEP) -> None:
    """What alice can do with her own password and the store folder, outside the app."""
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # the tail's rows reference each other
        # the database keeps processing records three years; an insider drops that guard
        conn.execute("DROP TRIGGER IF EXISTS processing_records_kept")
        tail = conn.execute(
            "SELECT action, payload FROM ledger WHERE seq > ? ORDER BY seq DESC", (keep,)
        ).fetchall()
        if any(action == "evidence.import" for action, _payload in tail):
            # the only contact's messages came with the tail
            conn.execute("DELETE FROM messages")
            conn.execute("DELETE FROM message_sources")
        for _action, payload in tail:
            # the case keys' wraps the tail made (per-case keys: recorded by digest, kept in
            # their own table) go too, or verify would find them unrecorded
            for wrap in json.loads(payload).get("wraps", []):
                if not wrap.get("removed"):
                    conn.execute(
                        "DELETE FROM case_key_wraps WHERE case_no = ? AND recipient = ?",
                        (wrap["case_no"], wrap["recipient"]),
                    )
            for change in json.loads(payload).get("rows", []):
                keys = PROJECTED_TABLES[change["table"]]
                conn.execute(
                    f"DELETE FROM {change['table']} WHERE "
                    + " AND ".join(f"{k} = ?" for k in keys),
                    [change["row"][k] for k in keys],
                )
        conn.execute("DELETE FROM ledger WHERE seq > ?", (keep,))
        conn.execute("DELETE FROM checkpoints WHERE size > ?", (keep,))
        tree = merkle.CompactRange()
        for (entry_hash,) in conn.execute("SELECT entry_hash FROM ledger ORDER BY seq"):
            tree.append(merkle.leaf_hash(bytes.fromhex(entry_hash)))
        conn.execute(
            "UPDATE merkle_state SET size = ?, peaks = ? WHERE id = 1",
            (tree.size, json.dumps([h.hex() for h in tree.hashes])),
        )
        checkpoint = dict(
            conn.execute(
                "SELECT size, root, at, signer, signature FROM checkpoints WHERE size = ?", (keep,)
            ).fetchone()
        )
    finally:
        conn.close()
    descriptor_path = team.path / "store.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["head"] = checkpoint  # a real, signed, earlier checkpoint
    descriptor.pop("stamped", None)  # the unsigned-by-nobody-else mirror of the newest token
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")


def errors(report: VerifyReport) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in report.errors:
        found.setdefault(finding.code, []).append(finding)
    return found


def only(report: VerifyReport, code: str) -> Finding:
    matching = [f for f in report.findings if f.code == code]
    assert len(matching) == 1, report.findings
    return matching[0]


def _backup(team: Team, out: Path) -> Path:
    with team.login("ada") as ada:
        return backup.backup(ada, out).path


# -- the untouched store --------------------------------------------------------------------------


def test_every_write_records_the_head_and_the_untampered_store_verifies(store: Team) -> None:
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None
    assert anchor.head == StoreFolder.open(store.path).head()
    assert anchor.head.size == FULL and anchor.store_path == str(store.path)
    report = verify(store)
    assert report.intact, report.findings
    assert not [f for f in report.findings if f.code.startswith("anchor.")]
    assert report.anchors == [str(_anchor_file(store))]


# -- the insider's rollback -----------------------------------------------------------------------


def test_rollback_by_an_insider_is_found_only_by_the_anchor(store: Team) -> None:
    insider_rollback(store)
    report = verify(store)
    # the rollback is otherwise perfect: the anchor is the only thing that knows
    assert set(errors(report)) == {"anchor.rollback"}, report.findings
    finding = only(report, "anchor.rollback")
    assert finding.location == f"anchor {_anchor_file(store)}"
    assert f"the ledger ends at {KEEP} but this machine saw {FULL} on " in finding.detail
    assert f"entries {KEEP + 1}..{FULL} are gone" in finding.detail
    assert report.entries == KEEP and not report.intact


def test_without_any_anchor_the_rollback_goes_unnoticed(store: Team, anchor_dir: Path) -> None:
    """The documented limit: someone who also deletes this OS user's anchors (or verifies on a
    machine that never saw the store) leaves a store that is consistent in itself."""
    insider_rollback(store)
    shutil.rmtree(anchor_dir)
    report = verify(store)
    assert report.intact, report.findings
    assert report.anchors == []


def test_a_backup_made_before_finds_the_rollback_without_the_local_anchor(
    store: Team, anchor_dir: Path, tmp_path: Path
) -> None:
    made = _backup(store, tmp_path / "before.edbackup")
    # the manifest carries the head, inside the admin's signature; the anchor records the backup
    head = StoreFolder.open(store.path).head()
    assert head is not None and backup_manifest.read_manifest(made).body["head"] == head.as_json()
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None
    assert [(e.kind, e.by, e.head, e.file) for e in anchor.events] == [
        ("backup", "ada", head, str(made.resolve()))
    ]
    agreeing = verify(store, anchor_files=[made])
    assert agreeing.intact and agreeing.anchors == [str(_anchor_file(store)), str(made)]
    assert not [f for f in agreeing.findings if f.code.startswith("anchor.")]

    insider_rollback(store)
    shutil.rmtree(anchor_dir)
    report = verify(store, anchor_files=[made])
    finding = only(report, "anchor.rollback")
    assert finding.location == f"backup {made}"
    assert f"the ledger ends at {KEEP} but the backup ada made on " in finding.detail
    assert f"holds {FULL} ({made})" in finding.detail
    assert set(errors(report)) == {"anchor.rollback"}


def test_a_bundle_kit_exported_before_finds_the_rollback(
    store: Team, anchor_dir: Path, tmp_path: Path
) -> None:
    lee = store.login("lee")
    result = bundle.export_bundle(
        lee, Scope(CASE), tmp_path / "bundle", stamp_first=False, recipient=COURT
    )
    lee.close()
    # the export is an entry of its own (after its processing record's, PIPL arts. 55-56),
    # and an event in the anchor with its head
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None and anchor.head.size == FULL + 2
    assert [(e.kind, e.head.size, e.file) for e in anchor.events] == [
        ("bundle", FULL + 2, str(result.kit_path.resolve()))
    ]
    agreeing = verify(store, anchor_files=[result.kit_path])
    assert agreeing.intact and str(result.kit_path) in agreeing.anchors
    assert not [f for f in agreeing.findings if f.code.startswith("anchor.")]
    insider_rollback(store)
    shutil.rmtree(anchor_dir)
    report = verify(store, anchor_files=[result.kit_path])
    finding = only(report, "anchor.rollback")
    assert finding.location == f"bundle kit {result.kit_path}"
    assert f"the ledger ends at {KEEP} but the bundle kit proves checkpoint " in finding.detail


def test_a_backup_made_by_an_older_version_is_still_a_witness(
    store: Team, anchor_dir: Path, tmp_path: Path
) -> None:
    """Before backup.json carried the head it carried the ledger size and root, signed by the
    admin: still a witness, authenticated by that signature and the admin's ledger key."""
    made = _backup(store, tmp_path / "new.edbackup")
    legacy = tmp_path / "legacy.edbackup"
    ada = signing.private_key_from_bytes(
        StoreFolder.open(store.path).keyslots.unlock("ada", store.passwords["ada"]).signing_key
    )
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(legacy, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "backup.json":
                body = json.loads(data)["manifest"]
                del body["head"]
                signature = signing.sign(ada, backup_manifest.BACKUP_CONTEXT, canonical_bytes(body))
                data = json.dumps({"manifest": body, "signature": signature}).encode()
            target.writestr(info, data)
    insider_rollback(store)
    shutil.rmtree(anchor_dir)
    report = verify(store, anchor_files=[legacy])
    assert set(errors(report)) == {"anchor.rollback"}, report.findings
    assert only(report, "anchor.rollback").location == f"backup {legacy}"


def test_a_witness_of_another_store_is_a_warning_and_not_compared(
    store: Team, tmp_path: Path, anchor_dir: Path
) -> None:
    other = Session.create_store(tmp_path / "other", "root", "root-password", kdf=FAST_KDF)
    other.close()
    foreign = anchors.anchor_path(StoreFolder.open(tmp_path / "other").store_id)
    report = verify(store, anchor_files=[foreign, tmp_path / "missing.json"])
    assert report.intact, report.findings
    unreadable = {f.location: f.detail for f in report.findings if f.code == "anchor.unreadable"}
    assert "belongs to store" in unreadable[f"anchor {foreign}"]
    assert unreadable[f"anchor {tmp_path / 'missing.json'}"] == "no such file; not compared"
    assert report.anchors == [str(_anchor_file(store))]


def test_a_ledger_rolled_back_and_written_on_is_a_fork(store: Team) -> None:
    insider_rollback(store)
    alice = store.login("alice")
    for n in range(FULL - KEEP + 2):  # past the size the anchor saw
        cases.create_case(alice, f"2026-FORK-{n}", debtor_name="张伟")
    store.close_all()
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None and anchor.head.size == FULL  # it did not follow the other ledger
    report = verify(store)
    assert set(errors(report)) == {"anchor.fork"}, report.findings
    detail = only(report, "anchor.fork").detail
    assert f"this machine saw the ledger at {FULL} on " in detail
    assert "another root" in detail


# -- anchors that are not what they say -----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("size", FULL + 5, "not signed by alice"),
        ("root", "ab" * 32, "not signed by alice"),
        ("signer", "mallory", "signed by mallory, whom this ledger does not know"),
    ],
)
def test_an_edited_anchor_is_found_by_its_signature(
    store: Team, field: str, value: object, words: str
) -> None:
    path = _anchor_file(store)
    doc = json.loads(path.read_text("utf-8"))
    assert doc["head"]["signer"] == "alice"  # who stamped: the last write
    doc["head"][field] = value
    path.write_text(json.dumps(doc), "utf-8")
    report = verify(store)
    assert set(errors(report)) == {"anchor.signature"}, report.findings
    assert words in only(report, "anchor.signature").detail


def test_an_unreadable_anchor_is_a_warning_and_the_next_write_sets_it_aside(store: Team) -> None:
    path = _anchor_file(store)
    path.write_bytes(b"{ not json")
    report = verify(store)
    assert report.intact
    assert only(report, "anchor.unreadable").severity == "warning"
    # a write is never held up by it: the damaged file is kept aside and a new anchor started
    cases.create_case(store.login("alice"), "2026-SH-2", debtor_name="李四")
    aside = anchors.set_aside(StoreFolder.open(store.path).store_id)
    assert len(aside) == 1 and aside[0].read_bytes() == b"{ not json"
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None and anchor.head.size == FULL + 1
    report = verify(store)
    assert report.intact
    kept = only(report, "anchor.unreadable")
    assert kept.location == f"anchor {aside[0]}" and "kept for inspection" in kept.detail


def test_a_failed_anchor_write_does_not_fail_the_write(
    store: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the anchor folder should be")
    monkeypatch.setenv(anchors.ANCHOR_DIR_ENV, str(blocker / "anchors"))
    entry = cases.create_case(store.login("alice"), "2026-SH-2", debtor_name="李四")
    assert entry.case_no == "2026-SH-2"
    assert _ledger_size(store) == FULL + 1
    assert StoreFolder.open(store.path).head().size == FULL + 1  # type: ignore[union-attr]
    report = verify(store)
    assert report.intact, report.findings


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for this process: a read-only bind mount when running as root (root
    ignores permissions), else its permission bits."""
    with read_only_view(folder) as mounted:
        if mounted:
            yield
            return
        if os.name != "posix" or os.geteuid() == 0:
            # CI runs as root with mount rights, so this runs there; only a root container
            # without CAP_SYS_ADMIN (root ignores permission bits) cannot make the folder
            # read-only at all, and the test would prove nothing
            pytest.skip("cannot make a folder read-only here (root without mount)")
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)


def test_a_read_only_anchor_folder_does_not_fail_the_write(store: Team, anchor_dir: Path) -> None:
    with _read_only(anchor_dir):
        cases.create_case(store.login("alice"), "2026-SH-2", debtor_name="李四")
    assert _ledger_size(store) == FULL + 1
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None and anchor.head.size == FULL  # not recorded this time
    assert verify(store).intact  # the anchor lags; it never runs ahead of the ledger


def test_a_full_disk_under_the_anchor_folder_does_not_fail_the_write(
    store: Team, anchor_dir: Path
) -> None:
    with small_tmpfs(anchor_dir, 16) as mounted:
        if not mounted:
            # a real full disk needs a small filesystem of its own; CI (root) mounts one, an
            # unprivileged developer cannot, and filling the real disk is not an option
            pytest.skip("mounting a tmpfs needs root")
        with contextlib.suppress(OSError), (anchor_dir / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        cases.create_case(store.login("alice"), "2026-SH-2", debtor_name="李四")
        assert not list(anchor_dir.glob("*.json"))  # nothing could be written
        store.close_all()
    assert _ledger_size(store) == FULL + 1
    assert verify(store).intact


# -- restores -------------------------------------------------------------------------------------


def test_restoring_an_older_backup_is_a_warning_naming_the_admin(
    store: Team, tmp_path: Path
) -> None:
    old = _backup(store, tmp_path / "old.edbackup")
    alice = store.login("alice")
    cases.create_case(alice, "2026-SH-2", debtor_name="李四")
    cases.create_case(alice, "2026-SH-3", debtor_name="王五")
    newer = _backup(store, tmp_path / "newer.edbackup")
    store.close_all()
    result = backup.restore(
        old, store.path, "ada", store.passwords["ada"], replace=True, clock=store.clock
    )
    assert result.ledger_size == FULL and result.moved_aside is not None
    anchor = anchors.load(StoreFolder.open(store.path).store_id)
    assert anchor is not None and anchor.head.size == FULL  # follows the restored ledger
    restore = anchor.events[-1]
    assert restore.kind == "restore" and restore.by == "ada"
    assert restore.replaced is not None and restore.replaced.size == FULL + 2

    report = verify(store, anchor_files=[newer])
    assert report.intact, report.findings
    warnings = {f.location: f for f in report.findings if f.code == "anchor.restored"}
    here = warnings[f"anchor {_anchor_file(store)}, restore of {_date(restore.at)}"]
    assert here.severity == "warning"
    assert f"ada restored this store on {_date(restore.at)} from a backup of {FULL}" in here.detail
    assert f"this machine had seen {FULL + 2} before" in here.detail
    # the newer backup belongs to the ledger before the restore: explained, not a rollback
    explained = warnings[f"backup {newer}"]
    assert explained.severity == "warning" and "from before ada restored" in explained.detail

    # the restored ledger is protected from then on
    cases.create_case(store.login("alice"), "2026-SH-4", debtor_name="赵六")
    store.close_all()
    insider_rollback(store, keep=FULL)
    report = verify(store)
    assert set(errors(report)) == {"anchor.rollback"}, report.findings
    assert f"the ledger ends at {FULL} but this machine saw {FULL + 1} on" in (
        only(report, "anchor.rollback").detail
    )


def test_a_restore_signed_by_a_staff_user_explains_nothing(store: Team) -> None:
    """alice rolls the ledger back and, having the anchor file at hand too, records a
    'restore' signed with her own key: only an admin of the ledger can explain a rollback."""
    insider_rollback(store)
    store_id = StoreFolder.open(store.path).store_id
    folder = StoreFolder.open(store.path)
    key = signing.private_key_from_bytes(
        folder.keyslots.unlock("alice", store.passwords["alice"]).signing_key
    )
    anchor = anchors.load(store_id)
    assert anchor is not None and folder.head() is not None
    event = AnchorEvent(
        "restore",
        datetime.now(UTC).isoformat(),
        "alice",
        folder.head(),  # type: ignore[arg-type]
        "",
        TreeHead(anchor.head.size, anchor.head.root),
    )
    signature = signing.sign(key, signing.RESTORE_CONTEXT, anchors.restore_message(store_id, event))
    anchors.record_restore(store_id, dataclasses.replace(event, signature=signature), store.path)
    report = verify(store)
    assert set(errors(report)) == {"anchor.signature"}, report.findings
    assert (
        "not signed by an admin of this ledger (alice)" in only(report, "anchor.signature").detail
    )
    assert not [f for f in report.findings if f.code == "anchor.restored"]


# -- the time-stamp mirror in store.json ---------------------------------------------------------


def test_the_stamped_mirror_is_signed_and_an_edited_one_is_found(store: Team) -> None:
    descriptor_path = store.path / "store.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    assert descriptor["stamped"]["signer"] == "alice" and descriptor["stamped"]["signature"]
    descriptor["stamped"]["gen_time"] = "2020-01-01T00:00:00Z"
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")
    report = verify(store)
    finding = only(report, "timestamp.mirror_signature")
    assert finding.severity == "error" and finding.location == "store.json stamped checkpoint"
    assert "not signed by alice" in finding.detail


def test_a_mirror_written_by_an_older_version_is_a_warning(store: Team) -> None:
    descriptor_path = store.path / "store.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    del descriptor["stamped"]["signer"], descriptor["stamped"]["signature"]
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")
    report = verify(store)
    assert report.intact, report.findings
    assert only(report, "timestamp.mirror_unsigned").severity == "warning"


# -- the command line -----------------------------------------------------------------------------


def _cli(team: Team, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "EVIDENCE_DESK_PASSWORD": team.passwords["alice"],
    }
    env.pop("EVIDENCE_DESK_USER", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "evidence_desk",
            "--store",
            str(team.path),
            "--user",
            "alice",
            "verify",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_verify_anchor_finds_the_rollback_with_a_backup(
    store: Team, anchor_dir: Path, tmp_path: Path
) -> None:
    made = _backup(store, tmp_path / "before.edbackup")
    assert _cli(store, "--anchor", str(made)).returncode == 0
    insider_rollback(store)
    shutil.rmtree(anchor_dir)
    plain = _cli(store)
    assert plain.returncode == 0, plain.stderr  # the limit, without any witness
    assert "compared with 0 anchors" in plain.stdout
    found = _cli(store, "--anchor", str(made), "--json")
    assert found.returncode == 1, found.stderr
    report = json.loads(found.stdout)
    assert report["intact"] is False and report["anchors"] == [str(made)]
    listed = [(f["code"], f["location"], f["severity"]) for f in report["findings"]]
    assert ("anchor.rollback", f"backup {made}", "error") in listed
    text = _cli(store, "--anchor", str(made))
    assert text.returncode == 1
    assert "anchor.rollback" in text.stdout and f"the ledger ends at {KEEP}" in text.stdout


def test_cli_verify_anchor_refuses_a_missing_file(store: Team, tmp_path: Path) -> None:
    result = _cli(store, "--anchor", str(tmp_path / "nowhere.json"))
    assert result.returncode == 4
    assert "nowhere.json" in result.stderr


# -- small helpers --------------------------------------------------------------------------------


def _date(text: str) -> str:
    return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M:%S UTC")
