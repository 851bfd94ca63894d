"""RSMF 2.0 for a law firm: a real store, the schema kept as data, the EML a platform reads."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import json
import zipfile
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from evidence_desk.bundle import rsmf
from evidence_desk.bundle.model import Scope
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.pipl import Recipient
from evidence_desk.resources import resource_path
from evidence_desk.services import importing, rsmf_export
from evidence_desk.services.verify import verify_store
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import Team, ledger_size

LAW_FIRM = Recipient("law_firm", "示例律师事务所", "诉讼代理：欠款纠纷", "contract")
PHOTO = b"\x89PNG\r\n\x1a\n" + b"photo of the transfer slip" * 20


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        resource_path("rsmf", "rsmf_schema_2_0_0.json").read_bytes()
    )
    return loaded


def _parts(path: Path) -> tuple[EmailMessage, dict[str, Any], zipfile.ZipFile]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    zips = [p for p in message.iter_attachments() if p.get_filename() == rsmf.ZIP_NAME]
    assert len(zips) == 1
    payload = zips[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    archive = zipfile.ZipFile(io.BytesIO(payload))
    return message, json.loads(archive.read(rsmf.MANIFEST_NAME)), archive


@pytest.fixture
def store(team: Team, tmp_path: Path) -> str:
    """The bundle tests' case, plus a WhatsApp zip whose message carries an exported photo."""
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    chat = (
        "22/01/2026, 11:00 - Chen Lixin: IMG-20260122-WA0001.jpg (file attached)\n"
        "22/01/2026, 11:01 - Chen Lixin: 这是转账凭证，卡号 6222 0212 3456 7890 123\n"
    )
    export_zip = tmp_path / "in" / "WhatsApp Chat with Chen Lixin (2).zip"
    with zipfile.ZipFile(export_zip, "w") as archive:
        archive.writestr("WhatsApp Chat with Chen Lixin.txt", chat)
        archive.writestr("IMG-20260122-WA0001.jpg", PHOTO)
    importing.import_files(alice, contact_id, [export_zip], tz="Asia/Shanghai")
    return contact_id


def test_rsmf_is_valid_2_0_and_carries_every_message_with_its_digests(
    team: Team, store: str, tmp_path: Path
) -> None:
    lee = team.login("lee")
    before = ledger_size(lee)
    out = tmp_path / "out" / "case.rsmf"
    result = rsmf_export.export_rsmf(lee, Scope(CASE), out, recipient=LAW_FIRM)

    message, manifest, archive = _parts(out)
    jsonschema.Draft7Validator(_schema()).validate(manifest)
    assert message["X-RSMF-Version"] == "2.0.0"
    assert message["X-RSMF-EventCount"] == str(len(manifest["events"])) == "7"
    assert message["X-RSMF-AttachmentCount"] == "1"
    assert message["X-RSMF-Application"] == "WhatsApp"
    assert message["X-RSMF-EventCollectionID"] == result.bundle_id
    assert message["X-RSMF-BeginDate"] == "2026-01-05T01:00:00Z"  # 09:00 in Shanghai
    assert message["X-RSMF-EndDate"] == "2026-01-22T03:01:00Z"
    assert (
        message["X-EvidenceDesk-Manifest-SHA256"]
        == hashlib.sha256(archive.read(rsmf.MANIFEST_NAME)).hexdigest()
    )
    for event in manifest["events"]:
        datetime.fromisoformat(event["timestamp"])  # RFC 3339, as the schema's date-time says

    # the same conversation a platform shows: sides, senders, the debtor's platform id
    (conversation,) = manifest["conversations"]
    assert conversation["id"] == store and conversation["platform"] == "WhatsApp"
    names = {p["id"]: p for p in manifest["participants"]}
    by_body = {e["body"]: e for e in manifest["events"]}
    promise = by_body["我 1 月 20 号先还 5000"]
    assert promise["direction"] == "incoming"
    assert names[promise["participant"]]["display"] == "Chen Lixin"
    assert by_body["收到您的 5000 元，谢谢。"]["direction"] == "outgoing"
    # our digests in custom fields: each event's commitment is the one the ledger commits to
    row = lee.conn.execute(
        "SELECT commitment FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid LIMIT 1",
        (store,),
    ).fetchone()
    first = manifest["events"][0]
    assert {"name": "ED-Commitment", "value": row["commitment"]} in first["custom"]
    originals = {c["name"]: c["value"] for c in conversation["custom"]}
    assert len(originals["ED-Originals-SHA256"].split(",")) >= 3
    # account numbers are masked as in the court bundle; the photo travels byte for byte
    slip = next(e for e in manifest["events"] if "转账凭证" in e["body"])
    assert "6222 0212 3456 7890 123" not in slip["body"]
    (photo_event,) = [e for e in manifest["events"] if e.get("attachments")]
    (attachment,) = photo_event["attachments"]
    assert archive.read(attachment["id"]) == PHOTO and attachment["size"] == len(PHOTO)

    # recorded like any export: a processing record and its export entry, then verify INTACT
    actions = [
        r["action"]
        for r in lee.conn.execute("SELECT action FROM ledger WHERE seq > ? ORDER BY seq", (before,))
    ]
    assert actions == ["processing.record", "bundle.export"]
    payload = json.loads(
        lee.conn.execute(
            "SELECT payload FROM ledger WHERE seq = ?", (result.ledger_seq,)
        ).fetchone()[0]
    )
    assert payload["format"] == "rsmf/2.0.0"
    assert payload["rsmf"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert verify_store(lee).intact


def test_the_same_records_give_the_same_bytes(team: Team, store: str) -> None:
    """The export's entry records the file's digest: the records alone must give the file."""
    del store
    lee = team.login("lee")
    data = rsmf_export.gather(lee, Scope(CASE))
    load = rsmf_export._attachment_loader(lee)
    first, again = (rsmf.build(data, load, "Evidence Desk test") for _ in range(2))
    assert first.content == again.content
    assert b"\n" not in first.content.replace(b"\r\n", b"")  # CRLF lines, as RFC 5322 says


def test_only_legal_may_export_and_a_recipient_is_required(
    team: Team, store: str, tmp_path: Path
) -> None:
    del store
    out = tmp_path / "x.rsmf"
    with pytest.raises(PermissionDenied):
        rsmf_export.export_rsmf(team.login("alice"), Scope(CASE), out, recipient=LAW_FIRM)
    lee = team.login("lee")
    before = ledger_size(lee)
    with pytest.raises(RuleViolation):
        rsmf_export.export_rsmf(
            lee, Scope(CASE), out, recipient=Recipient("law_firm", "", "", "contract")
        )
    assert not out.exists() and ledger_size(lee) == before


def test_the_kept_schema_refuses_what_rsmf_does_not_allow() -> None:
    """The schema is data we validate against: it must be the real 2.0.0 one, not permissive."""
    schema = _schema()
    assert schema["$id"] == "http://relativity.com/RSMF/2.0.0/schema.json"
    bad = {"version": "2.0.0", "participants": [], "conversations": [], "events": [{}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(bad)
