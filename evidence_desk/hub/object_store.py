"""Complete blobs on S3-compatible object storage under Object Lock in compliance mode.

Companies that must keep evidence on WORM storage (write once, read many) point the hub at a
bucket created with Object Lock enabled: ``hub serve --blobs s3://BUCKET/PREFIX``. Uploads in
progress stay in PostgreSQL (``blob_chunks``: resumable, correctable until complete). When a
blob completes and its SHA-256 is checked, its bytes are written as one object
``PREFIX<digest>`` with ``ObjectLockMode=COMPLIANCE`` and a retain-until date (``--retain-days``,
default 3,650): in compliance mode nobody, not even the bucket's root account, can delete or
overwrite that version before the date. Only then does ``blobs`` record the blob with
``location = 's3'`` and the end offset of each chunk, and its chunks leave PostgreSQL (one
transaction: a crash in between leaves the upload complete in PostgreSQL and the object
written, and the next ``complete`` finds the blob and stops). A chunk is served by a ranged GET.

What the hub stores is ciphertext either way (the store's sealed blob files); devices check
every blob's SHA-256 after download, so a changed object is caught like a changed row.

Written for and tested against S3's API as moto's server implements it (tests/hub/
test_object_store.py starts one): bucket Object Lock configuration, ``PutObject`` with lock
headers and a SHA-256 checksum, ``HeadObject``, ranged ``GetObject``, a locked version's delete
refused. Meant for AWS S3 and S3-compatible stores that implement Object Lock in compliance mode
(MinIO, for one); only moto was tried here. Credentials come from the usual AWS
environment variables or profile.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from urllib.parse import urlparse

from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.wording import Catalogue

DEFAULT_RETAIN_DAYS: Final = 3650
#: the error codes of a delete the object's retention refuses
_LOCKED: Final = frozenset({"AccessDenied", "InvalidRequest", "ObjectLocked"})

_said = Catalogue(
    {
        "object_store.url": "--blobs must be s3://BUCKET[/PREFIX], not {url}",
        "object_store.no_lock": "bucket {bucket} has no Object Lock enabled: evidence must not be "
        "deletable; create the bucket with Object Lock",
        "object_store.unreachable": "bucket {bucket} cannot be read ({error})",
        "object_store.stored_other": "object {key} holds {size} bytes after the upload, not "
        "{expected}",
    }
)


@dataclass(frozen=True, slots=True)
class S3Location:
    """Where blobs go: ``s3://bucket/prefix`` and how to reach it."""

    bucket: str
    prefix: str
    endpoint_url: str | None = None
    region: str | None = None
    retain_days: int = DEFAULT_RETAIN_DAYS

    @classmethod
    def parse(
        cls,
        url: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        retain_days: int = DEFAULT_RETAIN_DAYS,
    ) -> S3Location:
        parts = urlparse(url)
        if parts.scheme != "s3" or not parts.netloc or retain_days < 1:
            raise UsageError(_said("object_store.url", url=url))
        prefix = parts.path.lstrip("/")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        return cls(parts.netloc, prefix, endpoint_url, region, retain_days)


class S3ObjectLockStore:
    """Puts complete blobs under compliance-mode retention and reads chunks back by range."""

    def __init__(self, location: S3Location, client: Any | None = None) -> None:
        import boto3  # only a hub that stores blobs on S3 needs it

        self.location = location
        self._s3 = client or boto3.client(
            "s3", endpoint_url=location.endpoint_url, region_name=location.region
        )

    def check_bucket(self) -> None:
        """Refuse a bucket without Object Lock (a hub must not keep deletable evidence)."""
        bucket = self.location.bucket
        try:
            found = self._s3.get_object_lock_configuration(Bucket=bucket)
        except Exception as error:  # botocore's ClientError and connection errors alike
            code = getattr(error, "response", {}).get("Error", {}).get("Code", "")
            if code == "ObjectLockConfigurationNotFoundError":
                raise UsageError(_said("object_store.no_lock", bucket=bucket)) from None
            raise UsageError(
                _said("object_store.unreachable", bucket=bucket, error=error)
            ) from None
        if found.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled") != "Enabled":
            raise UsageError(_said("object_store.no_lock", bucket=bucket))

    def key(self, digest: str) -> str:
        return self.location.prefix + digest

    def put(self, digest: str, data: bytes, *, now: datetime | None = None) -> str:
        """Write the blob ``digest`` (its SHA-256, already checked) under compliance retention;
        returns its key. Writing the same bytes again adds a version and changes nothing."""
        key = self.key(digest)
        moment = now or datetime.now(UTC)
        self._s3.put_object(
            Bucket=self.location.bucket,
            Key=key,
            Body=data,
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=base64.b64encode(hashlib.sha256(data).digest()).decode("ascii"),
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=moment + timedelta(days=self.location.retain_days),
        )
        head = self._s3.head_object(Bucket=self.location.bucket, Key=key)
        if int(head["ContentLength"]) != len(data):
            said = _said(
                "object_store.stored_other",
                key=key,
                size=head["ContentLength"],
                expected=len(data),
            )
            raise UsageError(said)
        return key

    def withdraw(self, digest: str) -> datetime | None:
        """A shredded case's blob (hub/withdrawal.py): delete every version of its object the
        store lets go; a version under compliance retention cannot be deleted before its date,
        so it stays (hidden behind a delete marker) and the latest such date is returned
        (None: nothing of the object is left)."""
        bucket, key = self.location.bucket, self.key(digest)
        kept: datetime | None = None
        for version in self._versions(key):
            try:
                self._s3.delete_object(Bucket=bucket, Key=key, VersionId=version)
            except Exception as error:  # botocore's ClientError: AccessDenied under the lock
                if _code(error) not in _LOCKED:
                    raise
                head = self._s3.head_object(Bucket=bucket, Key=key, VersionId=version)
                until = head.get("ObjectLockRetainUntilDate")
                if isinstance(until, datetime) and (kept is None or until > kept):
                    kept = until
        if kept is not None:
            self._s3.delete_object(Bucket=bucket, Key=key)  # a marker: plain reads see none
        return kept

    def _versions(self, key: str) -> list[str]:
        """Every version id of ``key`` (delete markers included), oldest pages first."""
        found: list[str] = []
        pages = self._s3.get_paginator("list_object_versions").paginate(
            Bucket=self.location.bucket, Prefix=key
        )
        for page in pages:
            for item in [*page.get("Versions", ()), *page.get("DeleteMarkers", ())]:
                if item.get("Key") == key:
                    found.append(str(item["VersionId"]))
        return found

    def read(self, key: str, start: int, end: int) -> bytes:
        """Bytes ``start..end-1`` of object ``key``."""
        if end <= start:
            return b""
        answer = self._s3.get_object(
            Bucket=self.location.bucket, Key=key, Range=f"bytes={start}-{end - 1}"
        )
        data: bytes = answer["Body"].read()
        return data


def _code(error: Exception) -> str:
    """The S3 error code of a botocore ``ClientError`` ("" for any other error)."""
    response = getattr(error, "response", None)
    return str(response.get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""
