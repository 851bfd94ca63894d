"""``POST /v1/sync`` (hub/exchange.py, protocol 3) against a real hub (its own process, real
PostgreSQL, real TLS): a person's push and first pull page in one request, the hub's order
(files, then entries, then wraps), a refused push that still pulls, a bad file that refuses
the whole request and writes nothing, and the protocol 2 routes still serving an app of the
release before."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import Any

import psycopg
import pytest

from evidence_desk.domain import hub_protocol
from evidence_desk.services import (
    blob_hint,
    cases,
    contacts,
    org_history,
    org_ledger,
    pulled_pages,
    sync,
)
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.session import Session
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation
from tests.hub.raw_entries import append_raw
from tests.hub.test_org_end_to_end import _request

HANDLE = "+8613800000000"


def _client(session: Session) -> HubClient:
    return sync.client_for(session, sync.binding(session.folder))


def _lean_sync(session: Session, client: HubClient) -> sync.SyncReport:
    """The bench's people's sync (bench/hubsim/actors.py): the exchange, every page applied,
    the wraps it brought kept."""
    report = sync.SyncReport()
    since = org_history.last_org_seq(session.conn)
    held = sync.exchange(session, client, report, since=since)
    for page in sync.pages(client, held, since):
        org_ledger.apply_pull(session, page)
    sync._pull_wraps(session, client, None if held is None else held.wraps)
    return report


def _xmins(conn: psycopg.Connection[Any], query: str, *args: object) -> list[int]:
    return [int(r[0]) for r in conn.execute(query, args)]


def test_a_request_with_its_documents_is_one_request_files_then_entries_then_wraps(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _request(org, tmp_path)  # a new case (its key wrapped), two documents
        with org.login("alice") as alice, _client(alice) as client:
            device = alice.folder.store_id
            report = _lean_sync(alice, client)
            assert sum(client.sent.values()) == 1, client.sent  # POST /v1/sync, nothing else
            assert (report.blobs_up, report.refusal) == (2, None)
            assert report.pushed >= 2 and report.wraps_up >= 1 and report.hub_receipts >= 1
            # a sync with nothing new is one request too, and sends no file again
            again = _lean_sync(alice, client)
            assert sum(client.sent.values()) == 2 and again.blobs_up == again.pushed == 0
        with psycopg.connect(hub_db.owner_url) as conn:
            files = _xmins(
                conn, "SELECT xmin::text::bigint FROM blob_files WHERE added_by = 'alice'"
            )
            entries = _xmins(
                conn,
                "SELECT xmin::text::bigint FROM entries WHERE device_id = %s AND action IN "
                "('case.create', 'contact.request')",
                device,
            )
            wraps = _xmins(
                conn,
                "SELECT xmin::text::bigint FROM case_key_wraps WHERE case_no = '2026-SH-1'",
            )
        assert len(files) == 2 and entries and wraps
        assert max(files) < min(entries) and max(entries) < min(wraps)
        # the supervisor's app sees the request and fetches its two documents from the hub
        with org.login("sam") as sam, _client(sam) as client:
            seen = sync.sync(sam, client)
            assert seen.refusal is None and seen.blobs_down == 2
            assert contacts.get_contact(sam, contact_id).status == "requested"
            assert client.sent["POST /v1/sync"] == 1 and "GET /v1/entries" not in client.sent


def test_a_refused_push_still_pulls_in_the_same_request(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "bob", "sam")
        first = _request(org, tmp_path)  # alice's request for the chat
        with org.login("bob") as bob:  # offline, bob requests the same chat for another case
            cases.create_case(bob, "2026-SH-2", debtor_name="王五")
            contacts.request_contact(
                bob,
                case_no="2026-SH-2",
                channel="whatsapp",
                handle=HANDLE,
                display_name="Chen Lixin",
                reason="the same chat for another matter",
                consent=True,
                documents=supporting_documents(tmp_path / "docs-2", tag="2"),
            )
        assert org.sync("alice")[0] == 0
        with org.login("bob") as bob, _client(bob) as client:
            report = sync.sync(bob, client)
            assert report.refusal is not None and report.refusal.rule == "hub.rule"
            assert report.refusal.named["action"] == "contact.request"
            # the pull came in the exchange's answer: alice's request is in bob's store
            assert client.sent["POST /v1/sync"] == 1 and "GET /v1/entries" not in client.sent
            assert report.pulled > 0 and report.blobs_up == 2
            assert contacts.get_contact(bob, first).status == "requested"


def _file(path: str, data: bytes, digest: str | None = None) -> dict[str, Any]:
    return {
        "path": path,
        "digest": digest or hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "bytes": base64.b64encode(data).decode("ascii"),
    }


def test_a_bad_file_refuses_the_whole_exchange_and_writes_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-9", debtor_name="陈立新")
            device = alice.folder.store_id
            entries = [list(e) for e in sync._unplaced(alice)]
            assert entries
            good, bad = b"sealed bytes of a document" * 10, b"another document" * 10
            good_file = _file("blobs/aa/good", good)

            def counts() -> tuple[int, ...]:
                with psycopg.connect(hub_db.owner_url) as conn:
                    return tuple(
                        int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                        for t in ("entries", "blob_chunks", "blobs", "blob_files", "case_key_wraps")
                    )

            before = counts()
            with _client(alice) as client:
                body = {"device_id": device, "entries": entries, "since": 0}
                wrong = _file("blobs/bb/bad", bad, digest=hashlib.sha256(good).hexdigest())
                with pytest.raises(HubRefused) as refused:
                    client.post("/v1/sync", {**body, "files": [good_file, wrong]})
                assert (refused.value.rule, refused.value.status) == ("hub.blob_digest", 422)
                assert refused.value.named["digest"] == wrong["digest"]
                named = _file("blobs/not-a-blob-path", bad)
                with pytest.raises(HubRefused) as malformed:
                    client.post("/v1/sync", {**body, "files": [good_file, named]})
                assert (malformed.value.rule, malformed.value.status) == ("hub.bad_field", 400)
                assert malformed.value.named["field"] == "files[1].path"
                assert counts() == before  # no file, chunk, entry or wrap
                # the same exchange with good files goes through
                answer = client.post("/v1/sync", {**body, "files": [good_file]})
            assert answer["refused"] is None and answer["push"]["appended"] == len(entries)
            assert answer["files"] == [{"path": "blobs/aa/good", "named": True}]
            assert answer["page"]["entries"] and answer["wraps"]  # this user's, as GET /v1/wraps
            assert {w["recipient"] for w in answer["wraps"]} == {"alice"}
            assert counts()[3] == before[3] + 1


def test_an_app_of_protocol_2_still_syncs_with_the_routes_it_knew(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The routes of the release before ``/v1/sync`` (``sync.push``, ``/v1/entries``,
    ``GET /v1/wraps``) are served unchanged; what they pushed the new app pulls."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _request(org, tmp_path)
        with org.login("alice") as alice, _client(alice) as client:
            report = sync.SyncReport()
            sync.push(alice, client, report)
            pulled = [
                e
                for page in sync.pull_history(client, org_history.last_org_seq(alice.conn))
                for e in page
            ]
            sync._pull_wraps(alice, client)
            assert report.refusal is None and report.blobs_up == 2 and report.pushed >= 2
            assert pulled and report.wraps_up >= 1
            assert "POST /v1/sync" not in client.sent
            assert client.sent["POST /v1/push"] == 1 and client.sent["GET /v1/wraps"] == 1
        with org.login("sam") as sam, _client(sam) as client:
            seen = sync.sync(sam, client)
            assert seen.refusal is None and seen.blobs_down == 2
            assert contacts.get_contact(sam, contact_id).status == "requested"


def test_the_exchange_page_holds_what_five_pull_pages_hold(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """Its page is ``/v1/entries``' rendering of up to ``EXCHANGE_PAGE`` entries (each further
    page a person's sync paid with a request), applied by the device in slices of 1,000."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        with psycopg.connect(hub_db.owner_url) as conn:
            append_raw(conn, "raw-device", 1, 2500)
            total = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        with org.login("alice") as alice, _client(alice) as client:
            body = {"device_id": alice.folder.store_id, "entries": [], "since": 0}
            answer = client.post("/v1/sync", body)
            pulled = client.get("/v1/entries?since=0")
            held = sync.Pulled(sync._org_entries(answer["page"]), False, [])
            pages = list(sync.pages(client, held, 0))
            sliced = [len(part) for page in pages for part in pulled_pages.slices(page)]
        assert total < hub_protocol.EXCHANGE_PAGE
        assert len(answer["page"]["entries"]) == total and answer["page"]["more"] is False
        assert answer["page"]["entries"][:1000] == pulled["entries"] and pulled["more"] is True
        assert [len(page) for page in pages] == [total]  # held whole until checked
        assert sliced == [1000, 1000, total - 2000]


def test_a_large_file_goes_in_chunks_first_and_both_are_remembered_as_named(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        docs = tmp_path / "docs"
        docs.mkdir()
        large, small = docs / "identity-scan.bin", docs / "debt-confirmation.txt"
        large.write_bytes(os.urandom(sync.SEND_WITHOUT_ASKING + 1))  # sealed: larger still
        small.write_text("债务确认书 debt confirmation\n", encoding="utf-8")
        with org.login("alice") as alice, _client(alice) as client:
            cases.create_case(alice, "2026-EX-9", debtor_name="陈立新")
            contacts.request_contact(
                alice,
                case_no="2026-EX-9",
                channel="whatsapp",
                handle=HANDLE,
                display_name="Chen Lixin",
                reason="the debtor added us and asked to talk about repayment",
                consent=True,
                documents=[("identity_proof", large), ("debt_confirmation", small)],
            )
            paths = {
                f"blobs/{n[:2]}/{n[2:]}"
                for (n,) in alice.conn.execute("SELECT name FROM case_blobs")
            }
            report = sync.SyncReport()
            sync.exchange(alice, client, report, since=None)
            sent = dict(client.sent)
            assert report.blobs_up == 2 and sent["POST /v1/sync"] == 1
            chunked = [r for r in sent if r.startswith("PUT /v1/blobs/")]
            assert len(chunked) == 1  # the large one's chunk, before the exchange
            assert {blob_hint.name_of(p) for p in paths} <= blob_hint.known(alice.folder)
            sync.exchange(alice, client, sync.SyncReport(), since=None)
            assert client.sent["POST /v1/blob-files/named"] == sent["POST /v1/blob-files/named"]
        with psycopg.connect(hub_db.owner_url) as conn:
            named = {str(r[0]) for r in conn.execute("SELECT path FROM blob_files")}
        assert paths <= named and len(paths) == 2
