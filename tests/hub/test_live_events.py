"""The hub's live route (hub/live.py) through services/live.py, against a real hub: a waiting
request returns soon after another device's push commits, an idle one after its wait with
nothing new, and the answer holds entry headers only, never what the entries seal."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from evidence_desk.services import cases, contacts, live, sync, users
from evidence_desk.services.hub_client import HubRefused
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation

DEBTOR = "陈立新"
HANDLE = "+8613800000000"
REASON = "the debtor added us and asked to talk about repayment"


def test_a_waiting_supervisor_hears_of_a_request_at_once(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with org.login("sam") as sam:
            after = live.position(sam)
            client = sync.client_for(sam, sync.binding(sam.folder))
        with client, ThreadPoolExecutor(1) as pool:
            # nothing new: an idle wait ends after its time with the same position
            started = time.monotonic()
            idle = live.wait_for_news(client, after, timeout=2)
            assert 1.8 <= time.monotonic() - started < 10
            assert (idle.hub_seq, idle.actions, idle.fresh) == (after, {}, False)

            waiting = pool.submit(live.wait_for_news, client, after, 20)
            time.sleep(1.0)
            assert not waiting.done()
            with org.login("alice") as alice:
                cases.create_case(alice, "2026-SH-1", debtor_name=DEBTOR)
                contacts.request_contact(
                    alice,
                    case_no="2026-SH-1",
                    channel="whatsapp",
                    handle=HANDLE,
                    display_name="Chen Lixin",
                    reason=REASON,
                    consent=True,
                    documents=supporting_documents(tmp_path / "docs"),
                )
            code, _report, err = org.sync("alice")
            pushed = time.monotonic()
            assert code == 0, err
            news = waiting.result(timeout=20)
            heard = time.monotonic()
            # the push's commit woke the waiter (not its 20 s wait running out)
            assert heard - pushed < 5, heard - pushed
            assert news.hub_seq > after and news.fresh and news.about_contacts()
            assert news.actions["contact.request"] == 1
            assert news.actions["case.create"] == 1
            # answered at once when the hub already holds something after the position
            again = live.wait_for_news(client, after, timeout=20)
            assert again == news
            # facts only: nothing the entries seal
            text = json.dumps(client.get(f"/v1/events?after={after}&wait=0"), ensure_ascii=False)
            for secret in (DEBTOR, HANDLE, REASON, "Chen Lixin"):
                assert secret not in text
            with pytest.raises(HubRefused) as bad:
                client.get("/v1/events?after=x")
            assert bad.value.rule == "hub.bad_field"
        # a deactivated user may not wait: the gate's 403
        with org.login("root") as root:
            users.deactivate_user(root, "sam")
        assert org.sync("root")[0] == 0
        with org.login("sam") as sam, sync.client_for(sam, sync.binding(sam.folder)) as c:
            with pytest.raises(HubRefused) as refused:
                live.wait_for_news(c, 0, timeout=1)
            assert refused.value.status == 403


def test_backoff_doubles_to_its_cap_with_jitter_and_resets() -> None:
    steady = live.Backoff(first=1.0, cap=8.0, jitter=0.0)
    assert [steady.next_delay() for _ in range(6)] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert steady.failures == 6
    steady.reset()
    assert steady.next_delay() == 1.0
    low = live.Backoff(first=2.0, cap=60.0, jitter=0.5, rand=lambda: 0.0)
    high = live.Backoff(first=2.0, cap=60.0, jitter=0.5, rand=lambda: 0.999999)
    assert low.next_delay() == pytest.approx(1.0)
    assert high.next_delay() == pytest.approx(3.0, abs=1e-4)
    spread = {round(live.Backoff(jitter=0.2).next_delay(), 6) for _ in range(50)}
    assert len(spread) > 10 and all(0.8 <= d <= 1.2 for d in spread)
    with pytest.raises(ValueError):
        live.Backoff(first=0)
