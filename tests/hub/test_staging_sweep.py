"""Abandoned join uploads are swept (issue 20): a joining store's history staged at the hub
(hub/join_staging.py) is forgotten when its invitation is revoked or used by another
device's join, and when it got no page for ``hub serve --staged-hours``: at the hub's start
and at the organisation clock's tick. Real hub process, real PostgreSQL, real stores."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg

from evidence_desk.domain.models import Role
from evidence_desk.integrity import ledger
from evidence_desk.services import org_ledger, sync
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, ok, organisation
from tests.hub.standalone import ZHANG, standalone_store


def _staged(db: str) -> dict[str, int]:
    """Rows staged per device."""
    with psycopg.connect(db) as conn:
        rows = conn.execute("SELECT device_id, count(*) FROM join_staging GROUP BY device_id")
        return {str(r[0]): int(r[1]) for r in rows}


def _upload(org: Org, code: str, store: Path, pages: int = 4) -> str:
    """The first ``pages`` entries of the store's history staged with the invitation: the
    store's device id."""
    with Session.open(store, "zhang", ZHANG) as zhang:
        history: list[ledger.Entry] = org_ledger.own_entries(zhang)[:pages]
        device = zhang.folder.store_id
    with sync.invite_client(org.url, org.ca, code) as client:
        answer = client.post(
            "/v1/join/history", {"device_id": device, "entries": [list(e) for e in history]}
        )
    assert answer["size"] == pages
    return device


def _until(check: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not swept in time"
        time.sleep(0.2)


def test_a_revoked_or_used_invitation_forgets_its_uploads(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("qian", "staff")  # (binds root's store to the hub)
        with org.login("root") as root:
            revoked = org_ledger.invite_user(root, "zhang", Role.STAFF)
        assert org.sync("root")[0] == 0
        stores = tmp_path / "stores"
        gone = _upload(org, revoked.code, standalone_store(stores, "2026-SW-1", "+8613900000031"))
        other = _upload(org, code, standalone_store(stores, "2026-SW-2", "+8613900000032"))
        assert _staged(hub_db.owner_url) == {gone: 4, other: 4}
        # the admin withdraws zhang's invitation: the clock's next tick forgets its upload
        with org.login("root") as root:
            org_ledger.revoke_invite(root, revoked.invite_id)
        assert org.sync("root")[0] == 0
        _until(lambda: _staged(hub_db.owner_url) == {other: 4})
        # qian joins with a new store on another device: the invitation is used, the upload
        # staged with it by the first device is forgotten in the join's own transaction
        ok("join", org.url, "--code", code, "--ca", org.ca, "--user", "qian",
           "--store", tmp_path / "qian")  # fmt: skip
        assert _staged(hub_db.owner_url) == {}


def test_an_idle_upload_is_swept_at_start_and_at_the_tick(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url, "--staged-hours", "1") as org:
        stores = tmp_path / "stores"
        first = _upload(
            org, org.invite("zhang", "staff"), standalone_store(stores, "2026-ID-1", "+861390041")
        )
        second = _upload(
            org, org.invite("zhang2", "staff"), standalone_store(stores, "2026-ID-2", "+861390042")
        )
        org.kill()
        with psycopg.connect(hub_db.owner_url) as conn, conn.transaction():
            conn.execute(
                "UPDATE join_staging SET staged_at = now() - interval '2 hours' "
                "WHERE device_id = %s",
                (first,),
            )
        org.start()  # the start sweeps before it serves: the idle one is gone, not the other
        assert _staged(hub_db.owner_url) == {second: 4}
        # idle while the hub runs: the clock's tick sweeps it; a page keeps an upload alive
        with psycopg.connect(hub_db.owner_url) as conn, conn.transaction():
            conn.execute(
                "UPDATE join_staging SET staged_at = now() - interval '59 minutes' "
                "WHERE device_id = %s AND seq > 1",
                (second,),
            )
            conn.execute(
                "UPDATE join_staging SET staged_at = now() - interval '3 hours' "
                "WHERE device_id = %s AND seq = 1",
                (second,),
            )
        time.sleep(3)  # a few ticks: its newest page is younger than an hour, so it stays
        assert _staged(hub_db.owner_url) == {second: 4}
        with psycopg.connect(hub_db.owner_url) as conn, conn.transaction():
            conn.execute(
                "UPDATE join_staging SET staged_at = now() - interval '61 minutes' "
                "WHERE device_id = %s",
                (second,),
            )
        _until(lambda: _staged(hub_db.owner_url) == {})
