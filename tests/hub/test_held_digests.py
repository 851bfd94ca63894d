"""A device's ``/v1/check`` digests (services/held_digests.py), kept per open store and extended
at each sync: always what the digest over every held entry gives, as other devices' entries
and the store's own placed entries arrive between syncs; and a hub whose superuser edited an
old entry after the device's digests were kept is still refused by a long-running sync."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.integrity import ledger, org_digest
from evidence_desk.services import cases, held_digests, sync
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation

_ENTRY = "seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, signature"


def _uncached(session: Session) -> list[dict[str, Any]]:
    """Every held entry digested again (what a sync sent before the cache)."""
    conn = session.conn
    found = []
    own = [
        (ledger.Entry(*r[:9]), int(r[9]), str(r[10]))
        for r in conn.execute(
            f"SELECT {', '.join('l.' + c for c in _ENTRY.split(', '))}, p.org_seq, p.verdict "
            "FROM org_positions p JOIN ledger l ON l.seq = p.seq ORDER BY l.seq"
        )
    ]
    if own:
        found.append(
            {
                "device_id": session.folder.store_id,
                "seq": len(own),
                "digest": org_digest.held_digest(own),
            }
        )
    rows: dict[str, list[tuple[ledger.Entry, int, str]]] = {}
    for r in conn.execute(
        f"SELECT device_id, {_ENTRY}, org_seq, verdict FROM device_entries ORDER BY device_id, seq"
    ):
        rows.setdefault(str(r[0]), []).append((ledger.Entry(*r[1:10]), int(r[10]), str(r[11])))
    for device, entries in rows.items():
        found.append(
            {"device_id": device, "seq": len(entries), "digest": org_digest.held_digest(entries)}
        )
    return found


def test_kept_digests_equal_the_uncached_ones_as_entries_arrive(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("root") as root:
            first = held_digests.held_digests(root)
            assert first == _uncached(root)
            for number in range(3):
                with org.login("alice") as alice:
                    cases.create_case(alice, f"2026-H-{number}", debtor_name="陈立新")
                assert org.sync("alice")[0] == 0
                with org.login("alice") as alice:
                    assert held_digests.held_digests(alice) == _uncached(alice)
                # alice's entries arrive while root's store stays open, and root's own
                # (the join's wraps, pushed and placed) with them
                assert org.sync("root")[0] == 0
                now = held_digests.held_digests(root)
                assert now == _uncached(root)
                assert now != first


def test_an_old_entry_edited_after_the_digests_were_kept_is_refused(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The long-running sync (the app's) keeps its digests and the hub keeps its own: an edit
    of an entry both had digested before is still found at the next sync."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            for number in range(3):
                cases.create_case(alice, f"2026-O-{number}", debtor_name="陈立新")
            device = alice.folder.store_id
        assert org.sync("alice")[0] == 0
        with org.login("root") as root:
            client = sync.client_for(root, sync.binding(root.folder))
            try:
                sync.sync(root, client)  # pulls alice's cases: digests kept on both ends
                sync.sync(root, client)  # and checked once more from the kept ones
                with psycopg.connect(hub_db.owner_url) as conn:
                    conn.execute("SET session_replication_role = replica")
                    conn.execute(
                        "UPDATE entries SET payload = payload || ' ' "
                        "WHERE device_id = %s AND seq = 2",
                        (device,),
                    )
                    conn.commit()
                with pytest.raises(RuleViolation) as refused:
                    sync.sync(root, client)
                assert refused.value.rule == "sync.hub_changed"
                assert device in str(refused.value)
            finally:
                client.close()
