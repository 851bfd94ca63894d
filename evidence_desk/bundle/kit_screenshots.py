"""``screenshots/crosscheck.json``: the screenshot findings the PDF prints, for machines (issue 22).

A tag file like ``processing-record.json``: the tag manifest lists its SHA-256 and the exporting
user signs that manifest, so ``verify-bundle`` finds any change to it as it finds one to any
other tag file. :func:`problems` adds what only this file can be checked for: each screenshot
it describes is an original of the kit with the digest it states, of the exhibit it names, and
each message it cites is one of the kit's committed messages. Texts are the ones the PDF
prints (account numbers masked when the bundle masks them; a message the scope leaves out has
no text, only its commitment).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from evidence_desk.bundle.model import BundleData, CheckedBubble, CheckedMessage
from evidence_desk.domain.wording import Catalogue, Phrase

CROSSCHECK = "screenshots/crosscheck.json"
FORMAT = "evidence-desk/screenshot-crosscheck/v1"

_said = Catalogue(
    {
        "kit.screenshot_unreadable": "screenshot {number} is not described as the format says",
        "kit.screenshot_original": "screenshot {path} is not an original of exhibit {exhibit} "
        "with SHA-256 {sha256} in this kit",
        "kit.screenshot_message": "screenshot {path} cites message #{commitment}, which is not "
        "one of the kit's committed messages",
    }
)


def _message(message: CheckedMessage) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message_id": message.message_id,
        "time": message.local_time,
        "side": message.side,
        "commitment": message.commitment,
        "exhibit": message.exhibit_id or None,
    }
    if message.text is not None:
        out["text"] = message.text
    return out


def _bubble(bubble: CheckedBubble) -> dict[str, Any]:
    return {
        "side": bubble.side,
        "status": bubble.status,
        "box": list(bubble.box),
        "text": bubble.text,
        "reasons": list(bubble.reasons),
        "message": None if bubble.message is None else _message(bubble.message),
        "differences": [
            {"screenshot": s.screenshot, "export": s.export} for s in bubble.stretches if not s.same
        ],
    }


def document(data: BundleData) -> bytes:
    """The file's bytes (deterministic: same records, same bytes)."""
    shots = [
        {
            "exhibit": shot.exhibit_id,
            "item": shot.item_id,
            "file": shot.original.file_name,
            "path": shot.original.kit_path,
            "sha256": shot.original.sha256,
            "read": shot.read,
            "bubbles": [_bubble(b) for b in shot.bubbles],
            "skipped_export_messages": [_message(m) for m in shot.skipped],
        }
        for shot in data.screenshot_checks
    ]
    body = {
        "format": FORMAT,
        "bundle_id": data.bundle_id,
        "numbers_masked": data.numbers_masked,
        "screenshots": shots,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def problems(
    document_json: Any, files: dict[str, bytes], manifest: dict[str, Any]
) -> Iterator[Phrase]:
    """What is wrong with the file's content against the kit it travels in."""
    originals = {
        (str(e.get("id")), str(o.get("path"))): str(o.get("sha256"))
        for e in manifest.get("exhibits", [])
        for o in e.get("originals", [])
    }
    # a screenshot that shows what the bundle redacts is listed, not carried (kit_redaction)
    withheld = {
        str(o.get("path"))
        for e in manifest.get("exhibits", [])
        for o in e.get("originals", [])
        if o.get("withheld") is True
    }
    committed: set[str] = set()
    for path, content in files.items():
        if path.startswith("ledger/commitments/"):
            try:
                committed.update(json.loads(content).get("commitments", []))
            except (ValueError, AttributeError):
                continue  # the ledger check reports an unreadable commitments file
    shots = document_json.get("screenshots") if isinstance(document_json, dict) else None
    for number, shot in enumerate(shots if isinstance(shots, list) else [None], 1):
        if not isinstance(shot, dict) or not isinstance(shot.get("bubbles"), list):
            yield _said("kit.screenshot_unreadable", number=number)
            continue
        path, sha256, exhibit = str(shot.get("path")), str(shot.get("sha256")), shot.get("exhibit")
        held = files.get(path)
        if originals.get((str(exhibit), path)) != sha256 or (
            path not in withheld and (held is None or hashlib.sha256(held).hexdigest() != sha256)
        ):
            yield _said("kit.screenshot_original", path=path, exhibit=exhibit, sha256=sha256)
        cited = [b.get("message") for b in shot["bubbles"] if isinstance(b, dict)]
        cited += list(shot.get("skipped_export_messages") or [])
        for message in cited:
            if isinstance(message, dict) and message.get("commitment") not in committed:
                yield _said(
                    "kit.screenshot_message", path=path, commitment=message.get("commitment")
                )
