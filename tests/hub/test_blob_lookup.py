"""A sync asks the hub only about the blob files the store lacks (issue 20: ``_pull_blobs``
listed every blob file of the organisation at every sync, and the push asked about every
file the store held, pulled ones included). Real hub (its own process, real PostgreSQL,
real TLS), real stores; the requests counted are the ones the real client sent."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from evidence_desk.domain.errors import BadInput
from evidence_desk.services import contacts, importing, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation
from tests.hub.test_org_end_to_end import _request


class _Counting(HubClient):
    """The real client, noting the path of every request it sends."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.asked: list[str] = []

    def _request(
        self, method: str, path: str, content: bytes | None, headers: dict[str, str]
    ) -> httpx.Response:
        self.asked.append(path)
        return super()._request(method, path, content, headers)


def _sync_counted(org: Org, name: str) -> tuple[sync.SyncReport, list[str]]:
    with org.login(name) as session:
        bound = sync.binding(session.folder)
        with _Counting(bound.url, bound.ca_file, name, session.signing_key) as client:
            report = sync.sync(session, client)
    return report, client.asked


def _blob_requests(asked: list[str]) -> list[str]:
    return [p for p in asked if p.startswith(("/v1/blob-files", "/v1/blobs/"))]


def _case_files(session: Session) -> list[Path]:
    names = [str(r[0]) for r in session.conn.execute("SELECT name FROM case_blobs")]
    return [session.folder.blob_root / n[:2] / n[2:] for n in names]


def test_a_sync_with_nothing_new_asks_nothing_about_blobs(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _request(org, tmp_path)  # a contact request with two documents: sealed blob files
        report, asked = _sync_counted(org, "alice")
        assert report.blobs_up >= 2
        report, asked = _sync_counted(org, "sam")
        assert report.blobs_down >= 2
        # asked by path for what its records name and its disk lacks; no organisation listing
        assert "/v1/blob-files/lookup" in asked
        assert not [p for p in asked if p.startswith("/v1/blob-files?")]
        # the organisation grows: more blob files named on the hub that nobody here needs
        with psycopg.connect(hub_db.owner_url) as conn, conn.transaction():
            for n in range(2000):
                data = f"someone else's blob {n}".encode()
                digest = hashlib.sha256(data).hexdigest()
                conn.execute(
                    "INSERT INTO blobs (digest, size, chunks) VALUES (%s, %s, 1)",
                    (digest, len(data)),
                )
                conn.execute(
                    "INSERT INTO blob_files (path, digest, added_by) VALUES (%s, %s, 'root')",
                    (f"blobs/ff/other{n:05}", digest),
                )
        # nothing new: neither laptop asks the hub anything about blob files
        for name in ("sam", "alice"):
            report, asked = _sync_counted(org, name)
            assert (report.blobs_up, report.blobs_down) == (0, 0)
            assert _blob_requests(asked) == [], (name, asked)


def test_a_missing_file_is_fetched_again_and_checked_against_its_digest(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _request(org, tmp_path)
        assert org.sync("alice")[0] == 0
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            files = _case_files(sam)
        assert len(files) >= 2 and all(f.exists() for f in files)
        kept = files[0].read_bytes()
        files[0].unlink()  # lost on sam's disk: the next sync brings it back, checked
        report, asked = _sync_counted(org, "sam")
        assert report.blobs_down == 1 and files[0].read_bytes() == kept
        assert [p for p in asked if p.startswith("/v1/blob-files")] == ["/v1/blob-files/lookup"]
        # a hub whose stored chunk no longer hashes to the blob's digest: refused, not kept
        files[0].unlink()
        digest = hashlib.sha256(kept).hexdigest()
        with psycopg.connect(hub_db.owner_url) as conn, conn.transaction():
            conn.execute("ALTER TABLE blob_chunks DISABLE TRIGGER blob_chunks_keep")
            changed = conn.execute(
                "UPDATE blob_chunks SET data = %s WHERE digest = %s AND index = 0",
                (b"x" + kept[1:], digest),
            )
            assert changed.rowcount == 1
        with pytest.raises(BadInput) as refused:
            _sync_counted(org, "sam")
        assert refused.value.detail_code == "sync.blob_digest"
        assert not files[0].exists()


def test_a_push_finds_its_files_from_the_records_and_never_lists_the_folder(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files a push sends are the ones the store's records name and the hub is not known
    to name (``sync._local_blobs``): a new import's files are pushed, and a store whose files
    were all pushed sends nothing, asks nothing and lists no folder of its blobs; a file no
    record names (an orphan) is never sent."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact = _request(org, tmp_path)
        report, asked = _sync_counted(org, "alice")
        with org.login("alice") as alice:
            files = _case_files(alice)
            orphan = alice.folder.blob_root / "ee" / ("0" * 62)
        assert report.blobs_up == len(files) >= 2
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_bytes(b"sealed by a write that never committed")
        listed: list[Path] = []
        real_iterdir = Path.iterdir

        def iterdir(self: Path) -> Any:
            if "blobs" in self.parts:
                listed.append(self)
            return real_iterdir(self)

        monkeypatch.setattr(Path, "iterdir", iterdir)
        report, asked = _sync_counted(org, "alice")
        assert (report.blobs_up, _blob_requests(asked), listed) == (0, [], [])
        # sam approves, alice imports a chat into the contact: its file alone goes up
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            contacts.approve(sam, contact, "identity and debt confirmed")
        assert org.sync("sam")[0] == 0
        assert org.sync("alice")[0] == 0
        chat = tmp_path / "chat.txt"
        chat.write_text("05/01/2026, 09:00 - Chen Lixin: 你好\n", encoding="utf-8")
        with org.login("alice") as alice:
            importing.import_files(alice, contact, [chat], tz="Asia/Shanghai")
            new = sorted(set(_case_files(alice)) - set(files))
        assert len(new) == 1
        report, asked = _sync_counted(org, "alice")
        assert report.blobs_up == 1 and listed == []
        # a small file rides the exchange (hub/exchange.py): no question about blob files
        assert [p for p in asked if p.startswith("/v1/blob-files")] == []
        assert asked.count("/v1/sync") == 1
        with psycopg.connect(hub_db.owner_url) as conn:
            held = {
                str(r[0])
                for r in conn.execute("SELECT path FROM blob_files WHERE added_by = 'alice'")
            }
        with org.login("alice") as alice:
            root = alice.folder.path
        assert held == {p.relative_to(root).as_posix() for p in [*files, *new]}
