"""A case shredded on the admin's device, with a real hub (PostgreSQL, TLS, ``hub serve``):
the staff laptop that imported it and the supervisor's device destroy it at their next sync,
take neither its key nor its files back from the hub (which keeps both), and every device's
verify says INTACT with the shredding noted. The entries' times come from a clock moved past
the case's deletion date (services/clock.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from evidence_desk.domain.shredding import MARKER
from evidence_desk.services import (
    case_keys,
    cases,
    contacts,
    importing,
    reading,
    retention,
    shredding,
)
from evidence_desk.services.verify import verify_store
from tests.helpers import TickingClock, supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation, session_at, synced
from tests.services.test_shredding import _files, _leaks

CASE = "2026-SH-9"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，关于您的车贷 QUOKKAZEBRA42。\n"
    "05/01/2026, 09:05 - Ouyang: 我保证下月还清全部贷款\n"
)
SECRETS = ["欧阳秘密", "+8613712345678", "QUOKKAZEBRA42", "我保证下月还清全部贷款"]


def _blob_files(store: Path) -> list[Path]:
    return [
        p
        for p in (store / "blobs").rglob("*")
        if p.is_file() and "tmp" not in p.relative_to(store).parts
    ]


def _imported_case(org: Org, clock: TickingClock, tmp_path: Path, *, tag: str) -> str:
    """alice (staff) opens CASE, sam (supervisor) approves her contact, and alice imports CHAT
    into it (found by a search, its reads sealed); returns the contact's id. The caller syncs
    the devices it needs next."""
    with session_at(org, "alice", clock) as alice:
        cases.create_case(alice, CASE, debtor_name="欧阳秘密")
        contact_id = contacts.request_contact(
            alice,
            case_no=CASE,
            channel="whatsapp",
            handle="+8613712345678",
            display_name="欧阳秘密",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=supporting_documents(tmp_path / "docs", tag=tag),
        ).id
    synced(org, "alice", "sam")
    with session_at(org, "sam", clock) as sam:
        contacts.approve(sam, contact_id, "identity and debt confirmed")
    synced(org, "sam", "alice")
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    with session_at(org, "alice", clock) as alice:
        importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        assert reading.search(alice, contact_id, "QUOKKAZEBRA42")
        alice.flush_reads(seal=True)
    return contact_id


def test_a_case_shredded_on_one_device_is_destroyed_on_the_others_at_their_sync(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    clock = TickingClock(datetime.now(UTC))
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _imported_case(org, clock, tmp_path, tag="sh")
        synced(org, "alice", "sam", "root")
        with session_at(org, "sam", clock) as sam:
            retention.close_case(sam, CASE, "repaid in full")
        synced(org, "sam", "alice", "root")
        before = {name: _blob_files(org.stores[name]) for name in ("alice", "sam", "root")}
        assert before["alice"] and before["root"]
        with session_at(org, "sam", clock) as sam:
            assert case_keys.case_key(sam, CASE) is not None

        clock.advance(days=366 * 5 + 2)
        with session_at(org, "root", clock) as root:
            shredding.shred_case(root, CASE, "expired", "retention period over")
        synced(org, "root", "alice", "sam")
        synced(org, "alice", "sam", "root")  # the round after takes nothing back

        for name in ("alice", "sam", "root"):
            with session_at(org, name, clock) as session:
                assert case_keys.case_key(session, CASE) is None, name
                assert (
                    session.conn.execute(
                        "SELECT count(*) FROM case_key_wraps WHERE case_no = ?", (CASE,)
                    ).fetchone()[0]
                    == 0
                )
                texts = {
                    (r[0], r[1])
                    for r in session.conn.execute(
                        "SELECT text, salt FROM messages WHERE contact_id = ?", (contact_id,)
                    )
                }
                assert texts <= {(MARKER, "")}, name
                shown = session.conn.execute(
                    "SELECT display_name, reason FROM contacts WHERE id = ?", (contact_id,)
                ).fetchone()
                assert tuple(shown) == (MARKER, MARKER), name
                report = verify_store(session, local_anchor=False)
                assert report.intact, (name, [(f.code, f.location) for f in report.errors])
                assert "shred.note" in {f.code for f in report.findings}
            assert not any(p.exists() for p in before[name]), name
        with session_at(org, "alice", clock) as alice:  # the laptop that imported it keeps none
            shown_texts = [m.text for m in reading.page_at(alice, contact_id, 0, 10)]
        assert shown_texts == [MARKER, MARKER]
        for name in ("alice", "sam", "root"):
            assert _leaks(_files(org.stores[name]), SECRETS) == [], name


def test_a_device_restored_from_before_a_shredding_destroys_the_case_at_its_next_sync(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """lee (legal) shreds the case on her device; the admin's device had destroyed it at its
    sync, and is then restored from its backup made before the shredding, bound to the hub as
    it was (the binding files: services/backup.HUB_FILES), so the next ``sync`` (the CLI, a
    new process) runs, pulls the tombstone again from where the restored store stands, and
    destroys the case again; verify INTACT, nothing of it left in the store's files. (Before,
    the restore of a bound device was refused: its receipts had no pinned key to verify by.)"""
    from evidence_desk.services import backup

    clock = TickingClock(datetime.now(UTC))
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        contact_id = _imported_case(org, clock, tmp_path, tag="rs")
        synced(org, "alice", "sam", "lee", "root")
        with session_at(org, "sam", clock) as sam:
            retention.close_case(sam, CASE, "repaid in full")
        synced(org, "sam", "alice", "lee", "root")
        root_store = org.stores["root"]
        originals = _blob_files(root_store)
        assert originals
        old = tmp_path / "root-before-shred.edbackup"
        with session_at(org, "root", clock) as root:
            assert case_keys.case_key(root, CASE) is not None
            backup.backup(root, old)

        clock.advance(days=366 * 5 + 2)
        with session_at(org, "lee", clock) as lee:
            shredding.shred_case(lee, CASE, "expired", "retention period over")
        synced(org, "lee", "root")
        with session_at(org, "root", clock) as root:
            assert case_keys.case_key(root, CASE) is None

        # on a new machine the backup restores bound and verified (its receipts against the
        # pinned hub key it carries)
        moved = backup.restore(old, tmp_path / "new-machine", "root", PASSWORD, clock=clock)
        assert (moved.path / "hub-key.json").read_bytes() == (
            root_store / "hub-key.json"
        ).read_bytes()
        backup.restore(old, root_store, "root", PASSWORD, replace=True, clock=clock)
        with session_at(org, "root", clock) as root:
            assert case_keys.case_key(root, CASE) is not None  # the backup brought it back
        assert all(p.exists() for p in originals)
        synced(org, "root")
        synced(org, "root")  # the round after takes nothing back
        with session_at(org, "root", clock) as root:
            assert case_keys.case_key(root, CASE) is None
            shown = root.conn.execute(
                "SELECT display_name, reason FROM contacts WHERE id = ?", (contact_id,)
            ).fetchone()
            assert tuple(shown) == (MARKER, MARKER)
            report = verify_store(root, local_anchor=False)
            assert report.intact, [(f.code, f.location) for f in report.errors]
            assert "shred.note" in {f.code for f in report.findings}
        assert not any(p.exists() for p in originals)
        assert _leaks(_files(root_store), SECRETS) == []
