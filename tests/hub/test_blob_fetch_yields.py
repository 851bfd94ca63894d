"""A write of this device's comes before the rest of the files a sync downloads (issue 20: a
supervisor's decision made while the laptops' files of the day came down waited for every one
of them before its push). Real hub (its own process, real PostgreSQL, real TLS), real stores;
the decision is written on a second session of the supervisor's store, as the app's window
writes while its background sync runs."""

from __future__ import annotations

from pathlib import Path

import httpx

from evidence_desk.services import contacts, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation
from tests.hub.test_blob_lookup import _case_files
from tests.hub.test_org_end_to_end import _request


class _DecidingMeanwhile(HubClient):
    """The real client; once the first file's bytes came, the supervisor approves the request
    in the app's window (another session on the same store, committed before the next
    request of this sync)."""

    def __init__(self, org: Org, contact_id: str, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.org, self.contact_id = org, contact_id
        self.chunks = 0

    def _request(
        self, method: str, path: str, content: bytes | None, headers: dict[str, str]
    ) -> httpx.Response:
        answer = super()._request(method, path, content, headers)
        if "/chunks/" in path and method == "GET":
            self.chunks += 1
            if self.chunks == 1:
                with self.org.login("sam") as window:
                    contacts.approve(window, self.contact_id, "identity and debt confirmed")
        return answer


def test_a_decision_written_during_the_download_is_pushed_before_the_files_left(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = _request(org, tmp_path)  # two documents: two sealed blob files
        assert org.sync("alice")[0] == 0
        with org.login("sam") as sam:
            bound = sync.binding(sam.folder)
            with _DecidingMeanwhile(
                org, contact_id, bound.url, bound.ca_file, "sam", sam.signing_key
            ) as client:
                first = sync.sync(sam, client)
            files = _case_files(sam)
            # one file came, then the decision stopped the download: the other is left
            assert (first.blobs_down, first.blobs_left) == (1, 1), first
            assert sum(f.exists() for f in files) == 1
            # the next sync pushes the decision, then fetches the file left
            with sync.client_for(sam, bound) as client:
                second = sync.sync(sam, client)
            assert second.refusal is None and second.pushed >= 1, second
            assert (second.blobs_down, second.blobs_left) == (1, 0), second
            assert all(f.exists() for f in files)
            assert verify_store(sam).intact
        # the staff's laptop sees the decision
        assert org.sync("alice")[0] == 0
        with org.login("alice") as alice:
            assert contacts.get_contact(alice, contact_id).status == "approved"


def test_without_a_write_meanwhile_every_file_comes_in_one_sync(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _request(org, tmp_path)
        assert org.sync("alice")[0] == 0
        code, report, err = org.sync("sam")
        assert code == 0, err
        assert (report["blobs_down"], report["blobs_left"]) == (2, 0), report
