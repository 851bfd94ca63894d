"""A device restored from a backup taken before its last push (issue 20 "hubloose" item 6):
the hub holds this device's entries past the restored ledger's head, which the device no
longer holds. Real hub (its own process, PostgreSQL, TLS), real stores, a real backup and
restore through the services: backup -> write and push -> restore -> sync.

The sync takes them back (``org_ledger._readopt``): appended after the restored head as the
hub holds them, each checked against this store's key for its actor, applied by the pull's
whole replay, the files their records name fetched. A store that wrote after its restore has
forked from what the hub holds: its sync is refused (the hub's ``hub.cloned_device`` at its
push) and nothing changes."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import backup, cases, contacts, settings
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation, synced


def _ledger(store: Path) -> list[tuple[int, str]]:
    with Session.open(store, "root", PASSWORD) as root:
        rows = root.conn.execute("SELECT seq, entry_hash FROM ledger ORDER BY seq").fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _case_files(store: Path) -> list[Path]:
    with Session.open(store, "root", PASSWORD) as root:
        names = [str(r[0]) for r in root.conn.execute("SELECT name FROM case_blobs")]
    return [store / "blobs" / n[:2] / n[2:] for n in names]


def _restored_after_push(org: Org, tmp_path: Path) -> tuple[int, list[tuple[int, str]]]:
    """root backs up; alice files a request with two documents, root pulls it and writes one
    more setting and pushes it; then root's store is restored from the backup: (the restored
    ledger's size, the ledger as it was pushed)."""
    org.join("alice", "staff")
    org.join("sam", "supervisor")
    org.welcome("alice", "sam")
    store = org.stores["root"]
    with org.login("root") as root:
        settings.set_value(root, "approval_expiry_days", "10")
    synced(org, "root")
    with org.login("root") as root:
        backup.backup(root, tmp_path / "before.zip")
    before = len(_ledger(store))
    with org.login("alice") as alice:
        cases.create_case(alice, "2026-RS-1", debtor_name="陈立新")
        contacts.request_contact(
            alice,
            case_no="2026-RS-1",
            channel="whatsapp",
            handle="+8613800000009",
            display_name="Chen Lixin",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=supporting_documents(tmp_path / "docs"),
        )
    synced(org, "alice", "root")
    with org.login("root") as root:
        settings.set_value(root, "approval_expiry_days", "12")
    synced(org, "root")
    pushed = _ledger(store)
    assert len(pushed) > before and len(_case_files(store)) >= 2
    backup.restore(tmp_path / "before.zip", store, "root", PASSWORD, replace=True)
    assert len(_ledger(store)) == before and _case_files(store) == []
    return before, pushed


def test_a_device_restored_from_before_its_last_push_takes_its_entries_back(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        _before, pushed = _restored_after_push(org, tmp_path)
        code, report, err = org.sync("root")
        assert code == 0, err
        assert report["pushed"] == 0  # nothing of its own was sent again
        store = org.stores["root"]
        assert _ledger(store) == pushed  # the very entries, in their places
        files = _case_files(store)
        assert len(files) >= 2 and all(f.is_file() for f in files)
        with org.login("root") as root:
            assert settings.get(root, "approval_expiry_days") == "12"
            report = verify_store(root, local_anchor=False)
            assert report.intact, [(f.code, f.location) for f in report.errors]
        synced(org, "root", "sam")  # and the organisation goes on


def test_a_restored_device_that_wrote_before_it_synced_is_refused_and_stays_intact(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        before, _pushed = _restored_after_push(org, tmp_path)
        with org.login("root") as root:  # a fork: its own entry at the place of the hub's
            settings.set_value(root, "approval_expiry_days", "14")
        store = org.stores["root"]
        forked = _ledger(store)
        code, _report, err = org.sync("root")
        assert code == 3, err
        # its push is refused first: the hub holds another entry at that place
        assert "hub.cloned_device" in err and f"entry {before + 1} other than" in err, err
        assert _ledger(store) == forked
        with org.login("root") as root:
            assert settings.get(root, "approval_expiry_days") == "14"
            report = verify_store(root, local_anchor=False)
            assert report.intact, [(f.code, f.location) for f in report.errors]
