"""A person's sync catching up a laptop's backlog in pages as large as the exchange's
(``/v1/entries?limit=EXCHANGE_PAGE``; services/pulled_pages.py), against a real hub: the
pages a sync asks for, in both directions of an upgrade (a new app on a hub that serves
1,000, ``hub serve --page-entries 1000``; an app that states no ``limit`` on a new hub), each
page applied in slices of ``APPLY_PAGE``.

The backlog is real: a laptop's signed entries (bench/hubsim/prep.py makes them as the hub's
bench does), joined and pushed through the hub's routes and judged by its acceptance."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bench.hubsim import load, prep
from evidence_desk.domain import hub_protocol
from evidence_desk.domain.models import Role
from evidence_desk.integrity import signing
from evidence_desk.services import carried_page, live, org_history, org_ledger, sync
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run

#: the laptop's day: the exchange's page and two more of 5,000 (the last one short)
BACKLOG = 2 * hub_protocol.EXCHANGE_PAGE + 1500


def _client(session: Session) -> HubClient:
    return sync.client_for(session, sync.binding(session.folder))


def _laptop_pushes(org: Org, work: Path, entries: int) -> None:
    """Root invites ``laptop0``; the laptop joins and pushes ``entries`` of its day."""
    with org.login("root") as root:
        invitation = org_ledger.invite_user(root, "laptop0", Role.ADMIN)
        with _client(root) as client:
            assert sync.sync(root, client).refusal is None
    spec = prep.DeviceSpec(
        0, "laptop0", Role.ADMIN.value, invitation.invite_id, invitation.code, entries, 0, 0,
        str(work / "laptop0"),
    )  # fmt: skip
    device = prep.prepare(spec)
    load.device_codes[0] = invitation.code
    record: dict[str, Any] = {
        "joins": [], "push_latency": [], "blob_latency": [], "entries": 0, "bytes": 0,
        "finish": 0.0,
    }  # fmt: skip

    async def day() -> None:
        await load._enrol(org.url, str(org.ca), device, record)
        key = signing.private_key_from_bytes(device.key)
        async with load.client(org.url, str(org.ca), device.user, key) as http:
            await load._day(http, device, record)

    asyncio.run(day())
    assert record["entries"] == entries


def _catch_up(org: Org, db: str) -> tuple[sync.SyncReport, dict[str, int], list[int], int]:
    """alice's sync past the laptop's day: its report, its requests, the sizes ``on_page``
    was told, and how many entries she was behind."""
    with org.login("alice") as alice, _client(alice) as client:
        with psycopg.connect(db) as conn:
            newest = int(conn.execute("SELECT max(hub_seq) FROM entries").fetchone()[0])
        behind = newest - org_history.last_org_seq(alice.conn)
        told: list[int] = []
        report = sync.sync(alice, client, on_page=told.append)
        assert report.refusal is None
        assert org_history.last_org_seq(alice.conn) >= newest
        return report, dict(client.sent), told, behind


def test_a_persons_sync_catches_up_in_pages_of_the_exchanges_size(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        _laptop_pushes(org, tmp_path, BACKLOG)
        report, sent, told, behind = _catch_up(org, hub_db.owner_url)
        # an app that states no limit (protocol 2, and 3 before this release): 1,000 as before
        with org.login("alice") as alice, _client(alice) as client:
            old = client.get("/v1/entries?since=0")
            asked = client.get(f"/v1/entries?since=0&limit={10 * hub_protocol.EXCHANGE_PAGE}")
    pages = math.ceil(behind / hub_protocol.EXCHANGE_PAGE)
    print(f"behind {behind}: {sum(sent.values())} requests {dict(sorted(sent.items()))}")
    assert behind > BACKLOG and pages == 3
    # the exchange's page, then the rest in pages of 5,000: ceil(N / 5000) pages in all
    assert sent["POST /v1/sync"] >= 1 and sent["GET /v1/entries"] == pages - 1
    # each page applied in slices of 1,000 at most, every slice told once committed
    assert sum(told) == report.pulled >= BACKLOG
    assert max(told) <= sync.APPLY_PAGE and len(told) >= math.ceil(behind / sync.APPLY_PAGE)
    assert len(old["entries"]) == 1000 and old["more"] is True
    assert len(asked["entries"]) == hub_protocol.EXCHANGE_PAGE and asked["more"] is True
    assert asked["entries"][:1000] == old["entries"]


def test_a_new_app_catches_up_from_a_hub_that_serves_pages_of_1000(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The hub's cap as releases before this one had it (``--page-entries 1000``): the app's
    ``limit`` is served as 1,000 with ``more``, and the app asks on from the last entry."""
    with organisation(tmp_path, hub_db.owner_url, "--page-entries", "1000") as org:
        for bad in ("999", str(hub_protocol.EXCHANGE_PAGE + 1)):  # refused before it serves
            code, _out, err = run(
                "hub", "serve", "--db", hub_db.owner_url, "--tls-dir", org.tls,
                "--listen", "127.0.0.1:1", "--page-entries", bad,
            )  # fmt: skip
            assert code != 0 and "--page-entries" in err, (code, err)
        org.join("alice", "staff")
        org.welcome("alice")
        _laptop_pushes(org, tmp_path, BACKLOG)
        report, sent, told, behind = _catch_up(org, hub_db.owner_url)
        with org.login("alice") as alice, _client(alice) as client:
            asked = client.get(f"/v1/entries?since=0&limit={hub_protocol.EXCHANGE_PAGE}")
    rest = behind - hub_protocol.EXCHANGE_PAGE  # after the exchange's page (5,000 still)
    print(f"behind {behind}: {sum(sent.values())} requests {dict(sorted(sent.items()))}")
    assert sent["GET /v1/entries"] == math.ceil(rest / 1000)
    assert sum(told) == report.pulled >= BACKLOG and max(told) <= sync.APPLY_PAGE
    assert len(asked["entries"]) == 1000 and asked["more"] is True


def test_the_news_carries_a_page_as_large_and_the_sync_applies_it_in_slices(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The app asks its news for a page of ``EXCHANGE_PAGE`` (``&limit=``): checked (its
    checkpoint and proof) before any slice is written, then applied 1,000 at a time."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        _laptop_pushes(org, tmp_path, BACKLOG)
        with org.login("alice") as alice, _client(alice) as client:
            after = live.position(alice)
            confirmed = carried_page.confirmed_size(alice.folder)
            news = live.wait_for_news(client, after, 0, page=True, confirmed=confirmed)
            unstated = client.get(f"/v1/events?after={after}&wait=0&page=1")
            pulled = client.get(f"/v1/entries?since={after}&limit={hub_protocol.EXCHANGE_PAGE}")
            with pytest.raises(HubRefused) as refused:
                client.get(f"/v1/events?after={after}&wait=0&page=1&limit=0")
            with pytest.raises(HubRefused) as refused_pull:  # as the pull refuses it
                client.get(f"/v1/entries?since={after}&limit=0")
            assert news.page is not None and news.page.more is True
            assert len(news.page.entries) == hub_protocol.EXCHANGE_PAGE
            assert news.page.entries == carried_page.entries_of(pulled["entries"])
            assert len(unstated["page"]["entries"]) == 1000  # as releases before asked
            assert refused.value.rule == refused_pull.value.rule == "hub.bad_field"
            told: list[int] = []
            report = sync.sync(alice, client, on_page=told.append, first_page=news.page)
            assert report.refusal is None
    # the carried page's slices first, then the rest of the backlog: 1,000 at most each
    assert len(told) >= math.ceil(BACKLOG / sync.APPLY_PAGE) and max(told) <= sync.APPLY_PAGE
    assert sum(told) == report.pulled >= BACKLOG
