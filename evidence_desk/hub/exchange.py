"""``POST /v1/sync`` (protocol 3): a person's sync in one signed request instead of a chain.

A sync used to be a chain of requests sent one after the other (which files the hub names,
per small file a chunk and its completion, the push, the first page of entries, the wraps):
each one a TLS round trip and a pass of the hub's gate, and an approval's round trip is four
syncs in series (docs/benchmarks.md, issue 20: 1.09x sixteen gate passes while 100 laptops
push). The exchange carries what such a sync sends and asks for what it reads, and the hub
does it in the order the chain did, with the same repository calls as the protocol 2 routes
(hub/routes.py, which serves both and builds the answer):

1. every file is checked before anything is written (its path a store's ``blobs/`` name, its
   bytes base64 of at most :data:`~evidence_desk.domain.hub_protocol.EXCHANGE_FILE` bytes that
   hash to its digest): a bad one refuses the whole request, naming it, and nothing is
   written, no entry judged; then each is stored as one chunk, completed and named
   (:func:`store_files`: a shredded case's file is taken and ignored, as ``complete`` does);
2. the entries, judged exactly as ``/v1/push`` judges them, and the hub's receipts;
3. the case-key wraps (checked before anything was written, as the files);
4. what the real sync checks before it applies anything pulled, when asked: ``devices``
   (``/v1/check``'s question: the answer's ``changed``) and ``checkpoint: true`` (the newest
   checkpoint, as ``GET /v1/org/checkpoint`` answers it);
5. when the body names ``since``: the page of entries after it (rendered as ``/v1/entries``
   renders its pages, through ``PullPages``, but of up to
   :data:`~evidence_desk.domain.hub_protocol.EXCHANGE_PAGE` entries: each further page would
   cost the person's sync another request) and the wraps the hub holds for the signer.

A refused push (or wrap) does not stop the pull part: the answer names the refusal as the
protocol 2 route would have (``refused``: rule, facts, status), as ``sync.sync`` pulled after a
refused push. The pulled page is held by the device until its checks pass (services/sync.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from evidence_desk.domain import hub_protocol
from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.repository import HubRepository, Wrap

#: a blob's SHA-256 as the routes name it
DIGEST: Final = re.compile(r"^[0-9a-f]{64}$")
#: a store's blob file as the hub names it: ``blobs/<2 hex>/<name>``
BLOB_PATH: Final = re.compile(r"^blobs/[0-9a-f]{2}/[0-9A-Za-z_.-]{1,200}$")
#: files per exchange (as many as one question of ``/v1/blob-files/named`` names)
MAX_FILES: Final = 1000


class BadField(ValueError):
    """A malformed field of the body, named (``hub.bad_field``, 400)."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclass(frozen=True, slots=True)
class SmallFile:
    """A sealed blob file the exchange carries whole: one chunk."""

    path: str
    digest: str
    data: bytes


def files_of(body: dict[str, Any]) -> list[SmallFile]:
    """The body's ``files``, each checked (module docstring, step 1) before any is stored:
    a malformed one is :class:`BadField` naming it, one whose bytes do not hash to its digest
    or are not its size is ``hub.blob_digest`` (the route refuses the whole request)."""
    rows = body.get("files", [])
    if not isinstance(rows, list) or len(rows) > MAX_FILES:
        raise BadField("files")
    files: list[SmallFile] = []
    total = 0
    for index, row in enumerate(rows):
        named = f"files[{index}]"
        if not isinstance(row, dict):
            raise BadField(named)
        path, digest, size, text = (
            row.get("path"),
            row.get("digest"),
            row.get("size"),
            row.get("bytes"),
        )
        if not isinstance(path, str) or not BLOB_PATH.match(path):
            raise BadField(f"{named}.path")
        named = f"files[{index}] ({path})"
        if not isinstance(digest, str) or not DIGEST.match(digest):
            raise BadField(f"{named}.digest")
        if type(size) is not int or not 0 <= size <= hub_protocol.EXCHANGE_FILE:
            raise BadField(f"{named}.size")
        if not isinstance(text, str) or len(text) > 4 * (hub_protocol.EXCHANGE_FILE // 3 + 1):
            raise BadField(f"{named}.bytes")
        try:
            data = base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise BadField(f"{named}.bytes") from None
        actual = hashlib.sha256(data).hexdigest()
        if actual != digest or len(data) != size:
            raise Refused(
                refusal(
                    "hub.blob_digest",
                    digest=digest,
                    actual=actual,
                    size=len(data),
                    expected_size=size,
                )
            )
        total += size
        if total > hub_protocol.EXCHANGE_FILES:
            raise BadField("files")
        files.append(SmallFile(path, digest, data))
    return files


def wraps_of(body: dict[str, Any], by: str) -> list[Wrap]:
    """The body's ``wraps`` (``/v1/wraps``' shape), each checked before any is kept."""
    rows = body.get("wraps", [])
    if not isinstance(rows, list):
        raise BadField("wraps")
    try:
        return [
            Wrap(
                str(row["case_no"]),
                str(row["recipient"]),
                str(row["key_id"]),
                bytes.fromhex(str(row["sealed"])),
                by,
            )
            for row in rows
        ]
    except (KeyError, TypeError, ValueError):
        raise BadField("wraps") from None


def store_files(repo: HubRepository, files: Sequence[SmallFile], by: str) -> list[dict[str, Any]]:
    """Each file stored, completed and named as the chunk and ``complete`` routes would (one
    chunk each: a small file is at most one ``sync.CHUNK``), all in one transaction
    (``HubRepository.store_small_files``): a refused file writes none of them."""
    named = repo.store_small_files([(f.path, f.digest, f.data) for f in files], by)
    return [{"path": f.path, "named": n} for f, n in zip(files, named, strict=True)]


def add_wraps(repo: HubRepository, wraps: Sequence[Wrap]) -> int:
    """Each wrap kept, as ``/v1/wraps`` keeps it; how many were sent."""
    for wrap in wraps:
        repo.add_wrap(wrap)
    return len(wraps)


def wraps_json(wraps: Sequence[Wrap]) -> list[dict[str, str]]:
    """Wraps as ``GET /v1/wraps`` renders them."""
    return [
        {
            "case_no": w.case_no,
            "recipient": w.recipient,
            "key_id": w.key_id,
            "sealed": w.sealed.hex(),
            "added_by": w.added_by,
        }
        for w in wraps
    ]


def answer(parts: dict[str, Any], page: bytes | None, wraps: Sequence[Wrap] | None) -> bytes:
    """The exchange's answer: ``parts`` (files, push, refused, wraps_up) and, when the body
    asked for the pull, the page as ``/v1/entries`` rendered it (its bytes, not parsed again)
    and the signer's wraps."""
    head = json.dumps(
        {**parts, "wraps": None if wraps is None else wraps_json(wraps)},
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return head[:-1] + b',"page":' + (b"null" if page is None else page) + b"}"
