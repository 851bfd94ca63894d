"""The sync status's waiting files (``sync.waiting_blobs``) are worked out again only when
what they are made of changed, and stay right across a push and a pull: each figure equals
the one worked out from the records and the disk there and then (``sync._local_blobs`` less
the files the store knows the hub names). Real stores, a real hub, the real CLI's syncs."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import blob_hint, importing, sync
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import Org, organisation
from tests.hub.test_org_end_to_end import approved_remotely


def _now(session: Session) -> dict[str, int]:
    """The figure worked out afresh: the records, the disk and the hub file as they are."""
    local = sync._local_blobs(session, blob_hint.known(session.folder))
    return {path: file.stat().st_size for path, file in local.items()}


def _waiting(org: Org, name: str) -> dict[str, int]:
    with org.login(name) as session:
        shown = sync.waiting_blobs(session)
        assert shown == _now(session), name
        return shown


def _chat(folder: Path, line: str) -> Path:
    chat = folder / f"WhatsApp Chat with Chen Lixin {abs(hash(line))}.txt"
    chat.write_text(f"05/01/2026, 09:00 - Li Ming: {line}\n", encoding="utf-8")
    return chat


def test_the_waiting_files_stay_right_after_a_push_and_after_a_pull(
    hub_db: HubDatabase,  # noqa: F811
    tmp_path: Path,
) -> None:
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "bob", "sam")
        contact_id = approved_remotely(org, tmp_path)
        assert _waiting(org, "alice") == {}
        with org.login("alice") as alice:
            importing.import_files(alice, contact_id, [_chat(tmp_path, "您好")], tz="UTC")
        waiting = _waiting(org, "alice")
        assert len(waiting) == 1 and all(size > 0 for size in waiting.values())
        assert _waiting(org, "alice") == waiting  # asked again: the same
        # the push: the file is on the hub now, nothing waits
        assert org.sync("alice")[0] == 0
        assert _waiting(org, "alice") == {}
        # bob pulls alice's records and files: nothing of his waits
        assert _waiting(org, "bob") == {}
        assert org.sync("bob")[0] == 0
        assert _waiting(org, "bob") == {}
        # bob writes something of his, alice imports again: hers waits until her next sync,
        # which pulls bob's and pushes hers
        with org.login("bob") as bob:
            importing.import_files(bob, contact_id, [_chat(tmp_path, "收到")], tz="UTC")
        assert len(_waiting(org, "bob")) == 1
        assert org.sync("bob")[0] == 0
        assert _waiting(org, "bob") == {}
        with org.login("alice") as alice:
            importing.import_files(alice, contact_id, [_chat(tmp_path, "还款")], tz="UTC")
        assert len(_waiting(org, "alice")) == 1
        assert org.sync("alice")[0] == 0
        assert _waiting(org, "alice") == {}
