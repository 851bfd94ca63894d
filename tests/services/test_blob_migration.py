"""Re-encrypting an older store's originals under the case keys at an admin's login
(services/blob_migration.py), on a copy of the store written by the release before
(tests/fixtures/release_store, never modified): verify INTACT before and after, the originals
read back byte for byte, the old files gone; and a crash at either point leaves a store that
opens, verifies and finishes the job at the next admin login."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from evidence_desk.services import blob_migration, case_blobs, case_keys, verify
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder
from tests.helpers import ADMIN

RELEASE_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "release_store"


def _copy(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    return store


def _originals(session: Session) -> dict[tuple[str, str], bytes]:
    """(case, sha256) -> the original's bytes, as this session reads them, for every original
    a case refers to."""
    pairs = session.conn.execute(
        "SELECT DISTINCT c.case_no, r.sha256 FROM (SELECT contact_id, sha256 FROM items UNION "
        "SELECT contact_id, sha256 FROM imports) r JOIN contacts c ON c.id = r.contact_id"
    ).fetchall()
    return {(str(c), str(s)): case_blobs.read_bytes(session, str(s), str(c)) for c, s in pairs}


@contextlib.contextmanager
def _keys_only_login(store: Path) -> Iterator[Session]:
    """The admin's login up to the case keys (its X25519 key, the key migration, the wraps:
    services/case_keys.after_login), stopped before the originals are re-encrypted."""
    folder = StoreFolder.open(store)
    unlocked = folder.keyslots.unlock(ADMIN, "root-password")

    def write_slot(wrap_private: bytes) -> None:
        folder.keyslots.write_slot(
            ADMIN,
            "root-password",
            unlocked.data_key,
            unlocked.signing_key,
            unlocked.public_key,
            folder.keyslots.kdf_of(ADMIN),
            wrap_key=wrap_private,
        )

    with Session.open(store, ADMIN, "root-password", key_upkeep=False) as root:
        case_keys.after_login(root, write_slot)
        assert root.wrap_key is not None and case_blobs.store_of(root, "2026-SH-1") is not None
        yield root


def _errors(report: verify.VerifyReport) -> list[dict[str, object]]:
    return [f.as_json() for f in report.errors]


def test_the_release_store_is_re_encrypted_in_place_and_verifies(tmp_path: Path) -> None:
    store = _copy(tmp_path)
    with Session.open(store, "alice", "alice-password") as alice:  # no admin: nothing moves
        before = verify.verify_store(alice)
        originals = _originals(alice)
        old_files = alice.blobs.stored_names()
    assert before.intact, _errors(before)
    assert len(originals) == len(old_files) == 11
    with Session.open(store, ADMIN, "root-password") as root:
        entries = [
            (r["action"], json.loads(r["payload"]), r["actor"])
            for r in root.conn.execute("SELECT action, payload, actor FROM ledger ORDER BY seq")
        ]
        after = verify.verify_store(root)
        copies = root.conn.execute("SELECT count(*) FROM case_blobs").fetchone()[0]
        legacy = root.conn.execute("SELECT count(*) FROM blobs WHERE name != ''").fetchone()[0]
        new_files = root.blobs.stored_names()
        assert _originals(root) == originals  # byte for byte
        assert blob_migration.migrate_blobs(root) is None  # nothing left to do
    assert after.intact, _errors(after)
    assert not {"blob.orphan", "blob.not_performed"} & {f.code for f in after.findings}
    assert after.blobs == 11
    migrations = [(p, a) for action, p, a in entries if action == "case_keys.migrate_blobs"]
    assert len(migrations) == 1 and migrations[0][1] == ADMIN
    payload = migrations[0][0]
    assert (payload["cases"], payload["copies"]) == (1, 11)
    tables = sorted(change["table"] for change in payload["rows"])
    assert tables == ["blobs"] * 11 + ["case_blobs"] * 11
    assert copies == 11 and legacy == 0
    assert len(new_files) == 11 and not new_files & old_files  # the old files are gone
    # a reader reads them with the case key, and her verify checks every copy
    with Session.open(store, "alice", "alice-password") as alice:
        assert _originals(alice) == originals
        again = verify.verify_store(alice)
    assert again.intact, _errors(again)
    assert again.blobs == 11


def test_a_crash_before_the_switch_leaves_orphans_the_next_login_adopts(tmp_path: Path) -> None:
    """The new files written (step 1), the entry never committed: the old files are still what
    every row names; the next admin login finds the new files by name and finishes."""
    store = _copy(tmp_path)
    with _keys_only_login(store) as root:
        old_files = root.blobs.stored_names()
        # step 1 of the migration, then the crash
        for case_no, sha256 in blob_migration._pending(root):
            target = case_blobs.store_of(root, case_no)
            assert target is not None
            target.seal_chunks(root.blobs.iter_plaintext(sha256))
        half = verify.verify_store(root)
    assert half.intact, _errors(half)
    orphans = [f for f in half.findings if f.code == "blob.orphan"]
    assert len(orphans) == 11 and all(f.severity == "warning" for f in orphans)
    with Session.open(store, ADMIN, "root-password") as root:  # the login finishes
        done = verify.verify_store(root)
        files = root.blobs.stored_names()
    assert done.intact, _errors(done)
    assert "blob.orphan" not in {f.code for f in done.findings}
    assert len(files) == 11 and not files & old_files


def test_a_crash_after_the_switch_leaves_old_files_the_next_login_removes(
    tmp_path: Path,
) -> None:
    """The entry committed, the old files not yet deleted: orphans (a warning), removed at the
    next admin login."""
    store = _copy(tmp_path)
    kept = {
        p.relative_to(store): p.read_bytes() for p in (store / "blobs").rglob("*") if p.is_file()
    }
    with Session.open(store, ADMIN, "root-password"):
        pass  # migrated
    for relative, data in kept.items():  # as if the deletion never happened
        (store / relative).parent.mkdir(parents=True, exist_ok=True)
        (store / relative).write_bytes(data)
    with Session.open(store, "alice", "alice-password") as alice:
        half = verify.verify_store(alice)
    assert half.intact, _errors(half)
    orphans = [f for f in half.findings if f.code == "blob.orphan"]
    assert len(orphans) == 11 and all(f.severity == "warning" for f in orphans)
    with Session.open(store, ADMIN, "root-password") as root:
        done = verify.verify_store(root)
    assert done.intact, _errors(done)
    assert "blob.orphan" not in {f.code for f in done.findings}
    assert not any((store / relative).exists() for relative in kept)


def test_an_original_added_before_the_admins_login_is_migrated_with_the_rest(
    tmp_path: Path,
) -> None:
    """A case of a store not migrated has no key yet: a document attached then goes under the
    store key (as before), and the admin's next login gives the case its copy."""
    from evidence_desk.services import contacts

    store = _copy(tmp_path)
    note = tmp_path / "receipt.txt"
    note.write_text("转账回单 receipt", encoding="utf-8")
    with Session.open(store, "alice", "alice-password") as alice:
        contact = contacts.list_contacts(alice)[0]
        contacts.attach_documents(alice, contact.id, [note])
        sha256 = contacts.contact_items(alice, contact.id)[-1].sha256
        assert case_blobs.legacy_name(alice.conn, sha256) == alice.blobs.name_for(sha256)
        assert verify.verify_store(alice).intact
    with Session.open(store, ADMIN, "root-password") as root:
        assert case_blobs.legacy_name(root.conn, sha256) is None
        assert case_blobs.read_bytes(root, sha256, contact.case_no) == note.read_bytes()
        report = verify.verify_store(root)
        assert not root.blobs.path_for(sha256).exists()
    assert report.intact, _errors(report)
    assert report.blobs == 12
