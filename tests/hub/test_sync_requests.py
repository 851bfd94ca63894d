"""What a person's sync costs the hub in signed requests (``HubClient.sent``), against a real
hub: staff filing a request with its two documents, the supervisor deciding it, and a sync
in which nothing changed. Each request is a TLS round trip, a signature the hub's gate checks
and a nonce it stores; the app syncs every few seconds on every person's laptop."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from evidence_desk.services import contacts, sync
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation
from tests.hub.test_org_end_to_end import _request

#: requests of a sync in which nothing changed on either side (after one that did): the hub's
#: key, the exchange (``/v1/sync``: the push, the held digests' check, the newest checkpoint,
#: the entries after the last one held and the wraps for this user), the witnessed checkpoints
#: (6 before the exchange)
QUIET_SYNC = 3
#: the real sync that pushes a request with its two documents: the same and the checkpoint's
#: consistency proof (14 before the exchange: the files' question, a chunk and a completion per
#: document, the push, the wraps up, the check, the checkpoint, the entries, the wraps down)
REQUEST_SYNC = 4


def _synced(session: Session) -> tuple[sync.SyncReport, Counter[str]]:
    with sync.client_for(session, sync.binding(session.folder)) as client:
        report = sync.sync(session, client)
        return report, client.sent


def test_a_persons_syncs_ask_the_hub_only_what_changed(hub_db: HubDatabase, tmp_path: Path) -> None:
    with organisation(tmp_path, hub_db.app_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _request(org, tmp_path)
        with org.login("alice") as alice:
            report, request = _synced(alice)
            assert report.refusal is None and report.blobs_up == 2
            # each small document rides in the exchange: no question, chunk or completion
            assert not [r for r in request if "/v1/blob" in r], request
            assert request["POST /v1/sync"] == 1 and "POST /v1/push" not in request
            # the checks before the page is applied came in the exchange's answer too
            assert "POST /v1/check" not in request and "GET /v1/org/checkpoint" not in request
            _report, alice_quiet = _synced(alice)
        with org.login("sam") as sam:
            _report, sam_sees = _synced(sam)
            contacts.approve(sam, contact_id, "identity and debt confirmed")
            _report, decide = _synced(sam)
            _report, sam_quiet = _synced(sam)
        with org.login("alice") as alice:
            _report, alice_sees = _synced(alice)
            assert contacts.get_contact(alice, contact_id).status == "approved"
    for name, sent in [
        ("staff request + sync", request),
        ("staff quiet", alice_quiet),
        ("supervisor sees", sam_sees),
        ("supervisor decide + sync", decide),
        ("supervisor quiet", sam_quiet),
        ("staff sees", alice_sees),
    ]:
        print(f"{name}: {sum(sent.values())} requests {dict(sorted(sent.items()))}")
    assert sum(request.values()) <= REQUEST_SYNC
    assert sum(alice_quiet.values()) <= QUIET_SYNC
    assert sum(sam_quiet.values()) <= QUIET_SYNC


def test_each_pulled_page_is_told_once_committed_before_the_sync_ends(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """``sync.sync(on_page=...)``: the supervisor's sync tells each applied page while it still
    runs, and another connection to the store (the app's window) already reads the request."""
    with organisation(tmp_path, hub_db.app_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _request(org, tmp_path)
        with org.login("alice") as alice:
            assert _synced(alice)[0].refusal is None
        with org.login("sam") as sam, org.login("sam") as window:
            told: list[tuple[int, str, int]] = []

            def blob_files() -> int:
                return sum(1 for f in sam.folder.blob_root.glob("??/*") if f.is_file())

            def page(entries: int) -> None:
                seen = contacts.get_contact(window, contact_id).status
                told.append((entries, seen, blob_files()))

            with sync.client_for(sam, sync.binding(sam.folder)) as client:
                report = sync.sync(sam, client, on_page=page)
            after = blob_files()
    assert told and sum(n for n, _seen, _blobs in told) == report.pulled
    assert told[-1][1] == "requested"  # in the store when the page was told
    # told before the sync's end: the documents' blob files are fetched after the pages
    assert report.blobs_down == 2 and told[-1][2] == after - 2
