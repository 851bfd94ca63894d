"""News that carries its page (protocol 3, hub/live.py ``&page=1``; services/carried_page.py),
against a real hub: without ``page=1`` the answer is protocol 2's; with it, news carries the
page ``/v1/entries?since=X`` gives, a wake by a push carries the pushed entry, a sync applies
that page before any request of its own, and a forking hub's page is never applied."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.errors import HubForked
from evidence_desk.hub import receipts as hub_side
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import carried_page, cases, contacts, live, sync
from evidence_desk.services.checkpoint_log import seen
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.session import Session
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation

REASON = "the debtor added us and asked to talk about repayment"


def _request(org: Org, folder: Path, case_no: str) -> str:
    """Alice files a contact request (with its documents) and syncs: its id."""
    with org.login("alice") as alice:
        cases.create_case(alice, case_no, debtor_name="陈立新")
        contact = contacts.request_contact(
            alice,
            case_no=case_no,
            channel="whatsapp",
            handle="+8613800000000",
            display_name="Chen Lixin",
            reason=REASON,
            consent=True,
            documents=supporting_documents(folder),
        )
    code, _report, err = org.sync("alice")
    assert code == 0, err
    return contact.id


def _client(session: Session) -> HubClient:
    return sync.client_for(session, sync.binding(session.folder))


def test_news_carries_the_page_the_pull_would_fetch(hub_db: HubDatabase, tmp_path: Path) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with org.login("sam") as sam:
            after = live.position(sam)
            confirmed = carried_page.confirmed_size(sam.folder)
            client = _client(sam)
        assert confirmed is not None and confirmed > 0
        with client, ThreadPoolExecutor(1) as pool:
            # no news: with or without page=1 the answer is protocol 2's, and no page
            for query in (f"after={after}&wait=0", f"after={after}&wait=0&page=1&from=1"):
                answer = client.get(f"/v1/events?{query}")
                assert set(answer) == {"hub_seq", "after", "actions"}, query
            for bad in ("page=2", "page=x", "from=-1"):
                with pytest.raises(HubRefused) as refused:
                    client.get(f"/v1/events?after={after}&wait=0&{bad}")
                assert refused.value.rule == "hub.bad_field"

            # a waiting supervisor is woken by alice's push: the page holds her request
            waiting = pool.submit(
                live.wait_for_news, client, after, 20, page=True, confirmed=confirmed
            )
            time.sleep(1.0)
            assert not waiting.done()
            contact_id = _request(org, tmp_path / "docs", "2026-SH-1")
            pushed = time.monotonic()
            news = waiting.result(timeout=20)
            assert time.monotonic() - pushed < 5  # woken by the commit, not the wait's end
            assert news.page is not None and news.page.after == after
            actions = [e.entry.action for e in news.page.entries]
            assert "contact.request" in actions and "case.create" in actions
            assert news.page.entries[-1].org_seq <= news.hub_seq
            # the same entries and ``more`` as /v1/entries?since=after
            pulled = client.get(f"/v1/entries?since={after}")
            raw = client.get(f"/v1/events?after={after}&wait=0&page=1&from={confirmed}")
            assert raw["page"] == pulled
            assert news.page.entries == carried_page.entries_of(pulled["entries"])
            assert news.page.more is pulled["more"] is False
            # and the proof from the size sam confirmed to the newest checkpoint
            assert raw["checkpoint"] == client.get("/v1/org/checkpoint")["checkpoint"]
            newest = org_cp.parse(raw["checkpoint"]["body"]).size
            assert newest > confirmed
            proof = client.get(f"/v1/org/consistency?first={confirmed}&second={newest}")
            assert raw["consistency"] == proof
            # protocol 2's answer to the same question is unchanged: no page, no proof
            old = client.get(f"/v1/events?after={after}&wait=0")
            assert set(old) == {"hub_seq", "after", "actions"}
            assert old["actions"] == raw["actions"] == news.actions

        # sam's sync applies the carried page before it sends any request of its own
        with org.login("sam") as sam, _client(sam) as own:
            at_page: list[int] = []

            def on_page(_n: int) -> None:
                if not at_page:
                    at_page.append(sum(own.sent.values()))
                    assert contacts.get_contact(sam, contact_id).status == "requested"

            report = sync.sync(sam, own, on_page=on_page, first_page=news.page)
            assert at_page == [0]
            assert "GET /v1/org/checkpoint" not in own.sent  # the carried one stood for it
            assert report.refusal is None and report.pulled >= len(news.page.entries)
            # the checkpoint it was checked against (signed at the wake-up or before: the hub
            # signs after a push commits) was then confirmed from sam's copies and kept; the
            # hub may have signed a newer one by the sync's exchange, which is kept after it
            kept = [s.stated for s in seen(sam.folder)]
            carried = org_cp.parse(news.page.checkpoint["body"])
            assert carried in kept and kept[-1].size >= carried.size
            assert report.org_checkpoint is not None
            # the page is no longer at sam's position: not applied twice
            assert carried_page.apply(sam, news.page) is None


def test_a_forking_hubs_carried_page_is_never_applied(hub_db: HubDatabase, tmp_path: Path) -> None:
    """The hub (its database's superuser, with the hub's own key) signs a checkpoint over a
    history that does not extend the one sam confirmed, and its news carries alice's request
    with it: the page is not applied, and sam's sync refuses the hub (exit 1's HubForked) before
    it pulls anything."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with org.login("sam") as sam:
            after = live.position(sam)
            confirmed = carried_page.confirmed_size(sam.folder)
            kept_before = [k.signed for k in seen(sam.folder)]
            held_before = sam.conn.execute("SELECT count(*) FROM device_entries").fetchone()
        assert confirmed is not None
        _request(org, tmp_path / "docs", "2026-SH-2")
        with psycopg.connect(hub_db.owner_url) as conn:
            row = conn.execute(
                "SELECT body FROM org_checkpoints ORDER BY size DESC LIMIT 1"
            ).fetchone()
        assert row is not None
        last = org_cp.parse(str(row[0]))
        assert last.size > confirmed  # alice's push was signed into a newer one
        key = hub_side.load_or_make_key(org.tls)
        leaves = [org_cp.leaf("dev-x", n, f"{n:064x}", "") for n in range(1, last.size + 3)]
        fake = org_cp.OrgCheckpoint(
            last.hub_id, last.size + 2, org_cp.root_of(leaves), last.hub_seq + 9, last.at
        )
        signed = org_cp.sign(key, fake)
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute(
                "INSERT INTO org_checkpoints (size, hub_seq, root, compact_range, body, "
                "signature) VALUES (%s, %s, %s, %s, %s, %s)",
                (fake.size, fake.hub_seq, fake.root, [], signed.body, signed.signature),
            )
        with org.login("sam") as sam, _client(sam) as client:
            news = live.wait_for_news(client, after, 5, page=True, confirmed=confirmed)
            assert news.page is not None
            assert any(e.entry.action == "contact.request" for e in news.page.entries)
            assert org_cp.parse(news.page.checkpoint["body"]) == fake  # what it is shown
            # proof first: not applied, nothing written
            assert carried_page.apply(sam, news.page) is None
            pages: list[int] = []
            with pytest.raises(HubForked) as forked:
                sync.sync(sam, client, on_page=pages.append, first_page=news.page)
            assert forked.value.rule == "org_checkpoint.not_extension"
            assert pages == []
            assert [k.signed for k in seen(sam.folder)] == kept_before
            held = sam.conn.execute("SELECT count(*) FROM device_entries").fetchone()
            assert tuple(held) == tuple(held_before)
            assert live.position(sam) == after
