"""Complete blobs on S3 under Object Lock (issue 20 item 5), against a real S3 server that
runs here (moto's, started by the test): compliance-mode retention on every blob, chunks
served by range, the chunks gone from PostgreSQL, a bucket without Object Lock refused, and
devices syncing a request's documents through a hub that keeps them there."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import psycopg
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from evidence_desk.domain.errors import UsageError
from evidence_desk.hub.object_store import S3Location, S3ObjectLockStore
from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository
from tests.hub.org_cli import free_port, organisation
from tests.hub.test_org_end_to_end import _request

BUCKET = "evidence-worm"


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    """A real S3 endpoint on 127.0.0.1 with a bucket created with Object Lock."""
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ.update(AWS_ACCESS_KEY_ID="test-key", AWS_SECRET_ACCESS_KEY="test-secret")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    client(url).create_bucket(Bucket=BUCKET, ObjectLockEnabledForBucket=True)
    try:
        yield url
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def client(url: str) -> Any:
    return boto3.client("s3", endpoint_url=url, region_name="us-east-1")


def test_a_complete_blob_goes_to_worm_storage_and_is_read_back_by_chunk(
    hub_db: HubDatabase, s3: str
) -> None:
    chunks = [os.urandom(1000), os.urandom(1000), os.urandom(123)]
    data = b"".join(chunks)
    digest = hashlib.sha256(data).hexdigest()
    store = S3ObjectLockStore(S3Location.parse(f"s3://{BUCKET}/blobs", endpoint_url=s3))
    store.check_bucket()
    with repository(hub_db.app_url) as repo:
        repo.objects = store
        for index, chunk in enumerate(chunks):
            repo.put_chunk(digest, index, chunk)
        repo.complete_blob(digest, len(data), len(chunks))
        repo.complete_blob(digest, len(data), len(chunks))  # a retried completion: no change
        assert [repo.blob_chunk(digest, i) for i in range(3)] == chunks
        assert repo.blob_chunk(digest, 3) is None
    with psycopg.connect(hub_db.owner_url) as conn:
        held = conn.execute("SELECT count(*) FROM blob_chunks WHERE digest = %s", (digest,))
        assert held.fetchone() == (0,)
        row = conn.execute(
            "SELECT location, chunk_ends FROM blobs WHERE digest = %s", (digest,)
        ).fetchone()
    assert row == ("s3", [1000, 2000, 2123])
    s3_client = client(s3)
    head = s3_client.head_object(Bucket=BUCKET, Key=f"blobs/{digest}")
    assert head["ObjectLockMode"] == "COMPLIANCE" and head["ContentLength"] == len(data)
    until = head["ObjectLockRetainUntilDate"]
    assert until > datetime.now(UTC) + timedelta(days=3649)
    # compliance mode: the stored version cannot be deleted before its date, by anyone
    with pytest.raises(ClientError):
        s3_client.delete_object(Bucket=BUCKET, Key=f"blobs/{digest}", VersionId=head["VersionId"])
    got = s3_client.get_object(Bucket=BUCKET, Key=f"blobs/{digest}")["Body"].read()
    assert hashlib.sha256(got).hexdigest() == digest


def test_a_bucket_without_object_lock_is_refused(s3: str) -> None:
    client(s3).create_bucket(Bucket="plain")
    with pytest.raises(UsageError, match="Object Lock"):
        S3ObjectLockStore(S3Location.parse("s3://plain", endpoint_url=s3)).check_bucket()
    with pytest.raises(UsageError, match="s3://"):
        S3Location.parse("https://plain")


@pytest.mark.parametrize("workers", ["1", "2"])  # 2: each hub worker opens the store itself
def test_devices_sync_a_requests_documents_through_worm_storage(
    hub_db: HubDatabase, s3: str, tmp_path: Path, workers: str
) -> None:
    serve = ("--blobs", f"s3://{BUCKET}/org{workers}", "--s3-endpoint", s3, "--retain-days", "30",
             "--workers", workers)  # fmt: skip
    with organisation(tmp_path, hub_db.owner_url, *serve) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _request(org, tmp_path)
        code, report, err = org.sync("alice")
        assert code == 0 and report["blobs_up"] >= 2, err
        code, report, err = org.sync("sam")
        assert code == 0 and report["blobs_down"] >= 2, err
        with psycopg.connect(hub_db.owner_url) as conn:
            locations = conn.execute("SELECT DISTINCT location FROM blobs").fetchall()
            chunks = conn.execute("SELECT count(*) FROM blob_chunks").fetchone()
        assert locations == [("s3",)] and chunks == (0,)
        listed = client(s3).list_objects_v2(Bucket=BUCKET, Prefix=f"org{workers}/")["KeyCount"]
        assert listed >= 2
        # the supervisor's copies are the staff laptop's files, byte for byte
        for relative in ("blobs",):
            mine = {p.name: p.read_bytes() for p in (org.stores["alice"] / relative).rglob("*")
                    if p.is_file()}  # fmt: skip
            theirs = {p.name: p.read_bytes() for p in (org.stores["sam"] / relative).rglob("*")
                      if p.is_file()}  # fmt: skip
            assert mine.items() <= theirs.items()
        # a file on the laptop's disk that no record of its store names (an orphan of a write
        # that never committed: here the same bytes under a second name) is no evidence: the
        # sync pushes what the store's records name (services/sync.py ``_local_blobs``), so
        # the hub, whose copy of those bytes sits on WORM storage, is sent and names nothing
        first = min(p for p in (org.stores["alice"] / "blobs").rglob("*") if p.is_file())
        (first.parent / (first.name + "-again")).write_bytes(first.read_bytes())
        code, report, err = org.sync("alice")
        assert code == 0 and report["blobs_up"] == 0, err
        with psycopg.connect(hub_db.owner_url) as conn:
            named = conn.execute(
                "SELECT count(*) FROM blob_files WHERE path = %s",
                (f"blobs/{first.parent.name}/{first.name}-again",),
            ).fetchone()
        assert named == (0,)
