"""Relativity Short Message Format 2.0 (RSMF): the bundle's conversations for e-discovery tools.

Law firms review chat evidence in e-discovery platforms (Relativity and others that read RSMF),
not in our PDF. An ``.rsmf`` file is an RFC 5322 message whose ``X-RSMF-*`` headers summarise
the conversation and whose ``rsmf.zip`` attachment holds ``rsmf_manifest.json`` (participants,
conversations, events) and the events' attachments. The manifest follows RSMF 2.0.0, whose JSON
schema is kept in ``data/rsmf/`` (tests validate every file we write against it).

It is built from the same :class:`~evidence_desk.bundle.model.BundleData` the court bundle is
drawn from, so the platform shows the same messages, masked the same way. Our digests travel in
the ``custom`` fields RSMF provides: each event's salted commitment (the per-message digest the
signed import entry commits to), each conversation's originals (SHA-256 and SM3) and the ledger
checkpoint every proof leads to. The court bundle's kit proves those digests; the RSMF file
carries them so that a reviewer can tie a message in the platform back to the kit.

Byte-for-byte reproducible from the records (fixed boundary, fixed zip times, sorted members):
the export's ledger entry records the file's digest, and the same records give the same file.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from evidence_desk.bundle.model import BundleData, BundleMessage, Exhibit
from evidence_desk.integrity import digests

RSMF_VERSION = "2.0.0"
MANIFEST_NAME = "rsmf_manifest.json"
ZIP_NAME = "rsmf.zip"
_BOUNDARY = "EvidenceDeskRSMF"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# RSMF's platform names where ours differ; anything else is passed as we name the channel
_PLATFORMS = {"wechat": "WeChat", "whatsapp": "WhatsApp", "line": "LINE", "sms": "SMS"}
# CRLF lines; digests kept on one line (RFC 5322 allows 998 characters), never folded
_POLICY = email.policy.SMTP.clone(max_line_length=998)
_SYSTEM_EVENT = "unknown"  # RSMF has no "system line" type; the custom field ED-Kind says it

# (message rowid, attachment member inside its export) -> the attachment's bytes, if exported
AttachmentLoader = Callable[[int, str], bytes | None]


@dataclass(frozen=True, slots=True)
class RsmfFile:
    """The written ``.rsmf`` bytes and what the export's ledger entry records about them."""

    content: bytes
    manifest_sha256: str
    event_count: int
    attachment_count: int
    conversations: int


def _custom(**fields: str | int) -> list[dict[str, str]]:
    return [{"name": name, "value": str(value)} for name, value in fields.items() if value != ""]


def _timestamp(sent_at: str) -> str:
    """RFC 3339 in UTC with a ``Z`` (RSMF's ``date-time``); stored times are UTC ISO 8601."""
    text = sent_at.replace(" ", "T")
    if text.endswith("+00:00"):
        text = text[: -len("+00:00")]
    return text if text.endswith("Z") else text + "Z"


class _Participants:
    """One RSMF participant per (conversation, sender name): the debtor and each staff member."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._ids: dict[tuple[str, str, str], str] = {}

    def id_for(self, exhibit: Exhibit, message: BundleMessage) -> str | None:
        if message.direction == "system":
            return None
        contact = exhibit.contact
        side = "debtor" if message.direction == "in" else "staff"
        name = message.sender or (contact.display_name if side == "debtor" else "")
        key = (contact.id, side, name)
        found = self._ids.get(key)
        if found is not None:
            return found
        new_id = f"P{len(self.items) + 1}"
        self._ids[key] = new_id
        entry: dict[str, Any] = {"id": new_id, "display": name or side}
        if side == "debtor":
            entry["account_id"] = contact.handle  # the platform id the original holds
        entry["custom"] = _custom(**{"ED-Side": side, "ED-Contact": contact.id})
        self.items.append(entry)
        return new_id


def _attachment_name(message: BundleMessage, index: int, name: str) -> str:
    # unique inside the zip, readable, and never a path out of it
    safe = name.replace("/", "_").replace("\\", "_").lstrip(".") or "file"
    return f"attachments/{message.contact_id}/{message.rowid}-{index}-{safe}"


def _events(
    exhibit: Exhibit,
    participants: _Participants,
    load: AttachmentLoader,
    files: dict[str, bytes],
) -> tuple[list[dict[str, Any]], set[str]]:
    events: list[dict[str, Any]] = []
    seen: set[str] = set()
    for message in exhibit.messages:
        participant = participants.id_for(exhibit, message)
        event: dict[str, Any] = {
            "id": f"{message.contact_id}-{message.rowid}",
            "type": "message" if participant is not None else _SYSTEM_EVENT,
            "conversation": exhibit.contact.id,
            "timestamp": _timestamp(message.sent_at),
            "body": message.text,
        }
        if participant is not None:
            seen.add(participant)
            event["participant"] = participant
            event["direction"] = "incoming" if message.direction == "in" else "outgoing"
        if message.reply_to:
            event["parent"] = f"{message.contact_id}-native-{message.reply_to}"
        attachments = []
        for index, attachment in enumerate(message.attachments):
            member = attachment.get("member")
            if attachment.get("state") != "exported" or not isinstance(member, str):
                continue
            data = load(message.rowid, member)
            if data is None:
                continue
            path = _attachment_name(message, index, str(attachment.get("name") or member))
            files[path] = data
            display = attachment.get("name") or member
            attachments.append({"id": path, "display": display, "size": len(data)})
        if attachments:
            event["attachments"] = attachments
        event["custom"] = _custom(
            **{
                "ED-Commitment": message.commitment,
                "ED-Kind": message.kind,
                "ED-Source": message.source,
                "ED-Native-ID": message.native_id or "",
                "ED-Flags": ",".join(message.flags),
                "ED-Tags": ",".join(message.tags),
                "ED-Time-As-Exported": message.time_text,
            }
        )
        events.append(event)
    return events, seen


def _conversation(exhibit: Exhibit, data: BundleData, members: set[str]) -> dict[str, Any]:
    contact = exhibit.contact
    originals = exhibit.originals
    return {
        "id": contact.id,
        "display": f"{contact.display_name} ({contact.handle})",
        "platform": _PLATFORMS.get(contact.channel, contact.channel),
        "type": "direct",
        "participants": sorted(members, key=lambda p: int(p[1:])),
        "custodian": contact.requested_by,
        "custom": _custom(
            **{
                "ED-Case": data.scope.case_no,
                "ED-Exhibit": exhibit.id,
                "ED-Contact-Status": contact.status,
                "ED-Approved-By": contact.decided_by or "",
                "ED-Approved-At": contact.decided_at or "",
                "ED-Originals-SHA256": ",".join(o.sha256 for o in originals),
                "ED-Originals-SM3": ",".join(o.sm3 for o in originals),
                "ED-Checkpoint": f"{data.checkpoint.size}:{data.checkpoint.root}",
            }
        ),
    }


def manifest(data: BundleData, load: AttachmentLoader) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The RSMF manifest of the bundle's conversations, and the attachment files it names."""
    participants = _Participants()
    conversations: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for exhibit in data.exhibits:
        if not exhibit.messages:
            continue  # identity and recordings exhibits hold no conversation
        exhibit_events, members = _events(exhibit, participants, load, files)
        conversations.append(_conversation(exhibit, data, members))
        events.extend(exhibit_events)
    events.sort(key=lambda e: (e["timestamp"], e["id"]))
    return (
        {
            "version": RSMF_VERSION,
            "participants": participants.items,
            "conversations": conversations,
            "events": events,
            "eventcollectionid": data.bundle_id,
        },
        files,
    )


def _zip(manifest_bytes: bytes, files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in [(MANIFEST_NAME, manifest_bytes), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


def _transcript(participants: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> str:
    """The plain-text body: what a mail reader shows; the manifest is the structured record."""
    names = {p["id"]: p["display"] for p in participants}
    lines = [
        f"[{event['timestamp']}] {names.get(event.get('participant', ''), '-')}: "
        f"{event.get('body', '')}"
        for event in events
    ]
    return "\n".join(lines) + "\n"


def build(data: BundleData, load: AttachmentLoader, generator: str) -> RsmfFile:
    """The ``.rsmf`` file of ``data``'s conversations (see the module docstring)."""
    document, files = manifest(data, load)
    manifest_bytes = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode()
    events = document["events"]
    conversations = document["conversations"]
    participants = document["participants"]
    message = EmailMessage(policy=_POLICY)
    message["From"] = "Evidence Desk <evidence-desk@localhost>"
    message["To"] = "undisclosed-recipients:;"
    message["Subject"] = f"{data.scope.case_no} {data.bundle_id}"
    produced = datetime.fromisoformat(data.produced_at.replace("Z", "+00:00"))
    message["Date"] = email.utils.format_datetime(produced)
    message["X-RSMF-Version"] = RSMF_VERSION
    message["X-RSMF-Generator"] = generator
    if events:
        message["X-RSMF-BeginDate"] = events[0]["timestamp"]
        message["X-RSMF-EndDate"] = events[-1]["timestamp"]
    message["X-RSMF-EventCount"] = str(len(events))
    message["X-RSMF-Application"] = ", ".join(sorted({c["platform"] for c in conversations}))
    message["X-RSMF-Custodian"] = ", ".join(sorted({c["custodian"] for c in conversations}))
    message["X-RSMF-Participants"] = ", ".join(p["display"] for p in participants)
    message["X-RSMF-AttachmentCount"] = str(len(files))
    message["X-RSMF-EventCollectionID"] = data.bundle_id
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    message["X-EvidenceDesk-Manifest-SHA256"] = manifest_sha256
    message["X-EvidenceDesk-Manifest-SM3"] = digests.sm3_hex(manifest_bytes)
    message["X-EvidenceDesk-Checkpoint"] = f"{data.checkpoint.size}:{data.checkpoint.root}"
    message.set_content(_transcript(participants, events), charset="utf-8")
    message.add_attachment(
        _zip(manifest_bytes, files), maintype="application", subtype="zip", filename=ZIP_NAME
    )
    message.set_boundary(_BOUNDARY)
    return RsmfFile(
        content=message.as_bytes(),
        manifest_sha256=manifest_sha256,
        event_count=len(events),
        attachment_count=len(files),
        conversations=len(conversations),
    )
