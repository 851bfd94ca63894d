"""Verifiable redaction in a real export (issue 21 item 5): what the bundle withholds is nowhere
in the kit or the PDF, every printed message is proven, and tampering is named."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.bundle import kit_redaction
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.redaction import (
    ImageRegion,
    Origin,
    Reason,
    RedactionError,
    RedactionPlan,
    TextSpan,
    from_json,
)
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import bundle, importing, redaction_defaults
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.bundle.support import CASE, screenshot_bytes
from tests.helpers import COURT, Team, approved_contact, pdf_text

PHONE = "13912345678"  # the debtor's cousin's: a third party's
THIRD = "他也欠我钱，别找我"  # a third party's own message in the group
CHAT = [
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。",
    f"05/01/2026, 09:05 - Chen Lixin: 有事找我表哥，电话 {PHONE}",
    f"05/01/2026, 09:06 - Wang Wu: {THIRD}",
    "05/01/2026, 09:07 - Chen Lixin: 我 1 月 20 号先还 5000",
    "21/01/2026, 10:00 - Li Ming: 收到您的 5000 元，谢谢。",
]


def _store(team: Team, folder: Path) -> tuple[Session, str]:
    alice, contact_id = approved_contact(team, folder, case_no=CASE)
    chat = folder / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_bytes(("\n".join(CHAT) + "\n").encode("utf-8"))
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    shot = folder / "promise.png"
    shot.write_bytes(screenshot_bytes())
    importing.import_files(alice, contact_id, [shot], tz="Asia/Shanghai")
    return alice, contact_id


def _stored(session: Session) -> dict[str, Any]:
    """Digests of what a redacted export must not change: the originals and the messages."""
    conn = session.conn
    return {
        "blobs": sorted(tuple(r) for r in conn.execute("SELECT sha256, sm3, size FROM blobs")),
        "messages": hashlib.sha256(
            repr([tuple(r) for r in conn.execute("SELECT * FROM messages ORDER BY rowid")]).encode()
        ).hexdigest(),
    }


def _kit(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist() if not n.endswith("/")}


def _unpack(kit_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(kit_path) as zf:
        zf.extractall(into)
    return next(into.glob("bundle-*"))


def _export(team: Team, out: Path, **options: Any) -> bundle.ExportResult:
    return bundle.export_bundle(team.login("lee"), Scope(CASE), out, recipient=COURT, **options)


@pytest.fixture
def exported(team: Team, tmp_path: Path) -> tuple[Session, bundle.ExportResult, dict[str, Any]]:
    alice, _contact = _store(team, tmp_path / "in")
    before = _stored(alice)
    result = _export(team, tmp_path / "out")
    return alice, result, before


def test_the_defaults_redact_a_third_partys_phone_and_message(
    team: Team, exported: tuple[Session, bundle.ExportResult, dict[str, Any]]
) -> None:
    alice, result, before = exported
    files = _kit(result.kit_path)
    report = verify_kit(result.kit_path)
    assert report.intact, [(f.code, f.file, f.message) for f in report.errors]
    # the plan travels in the kit; its digest is the manifest's and the export entry's
    plan = from_json(files[kit_redaction.PLAN_FILE].decode())
    assert {(m.reason, m.origin) for m in plan.messages} == {(Reason.THIRD_PARTY, Origin.DEFAULT)}
    assert [s.reason for s in plan.spans] == [Reason.THIRD_PARTY]
    manifest = json.loads(files["evidence-manifest.json"])
    digest = hashlib.sha256(canonical_bytes(plan.facts())).hexdigest()
    assert manifest["redaction"]["digest"] == digest
    lee = team.login("lee")
    row = lee.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    recorded = json.loads(row[0])["redaction"]
    assert recorded == {
        "digest": digest,
        "counts": {"spans": 1, "messages": 1, "regions": 0},
        "detectors": dict(plan.detectors),
        "defaults": True,
    }
    # the chat export holds both: listed with its digests, not carried, not embedded
    withheld = [
        o for e in manifest["exhibits"] for o in e["originals"] if o.get("withheld") is True
    ]
    assert [o["file_name"] for o in withheld] == ["WhatsApp Chat with Chen Lixin.txt"]
    assert withheld[0]["path"] not in files and len(withheld[0]["sm3"]) == 64
    # no file of the kit holds the withheld characters, in any encoding a reader may try
    for secret in (PHONE, THIRD, "他也欠我钱"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            needle = secret.encode(encoding)
            assert not [p for p, c in files.items() if needle in c], (secret, encoding)
    # nor the PDF's text (gather never hands it over)
    for pdf in result.pdf_paths:
        text = pdf_text(pdf)
        assert PHONE not in text and "欠我钱" not in text
        assert "有事找我表哥" in text  # the unredacted piece is printed
    # the stored evidence is as it was, and the store verifies
    assert _stored(alice) == before
    assert verify_store(lee).intact


def test_every_printed_message_is_proven_and_only_unredacted_ones_disclose_a_salt(
    exported: tuple[Session, bundle.ExportResult, dict[str, Any]],
) -> None:
    _alice, result, _before = exported
    files = _kit(result.kit_path)
    disclosed = [json.loads(c) for p, c in files.items() if p.startswith(kit_redaction.DISCLOSED)]
    assert len(disclosed) == 1
    records = disclosed[0]["messages"]
    assert len(records) == len(CHAT)
    plan = from_json(files[kit_redaction.PLAN_FILE].decode())
    redacted = {s.message for s in plan.spans} | {m.message for m in plan.messages}
    assert {r["commitment"] for r in records if "salt" not in r} == redacted
    for record in records:
        assert record["proof"]  # five leaves: every path has steps
        if "salt" in record:
            content = json.loads(record["content"])
            assert kit_redaction.salted(record["salt"], record["content"]) == record["commitment"]
            assert content["text"] and PHONE not in content["text"]


def _tampered(kit_path: Path, into: Path, path: str, change: Any) -> set[str]:
    folder = _unpack(kit_path, into)
    target = folder / path
    target.write_bytes(change(target.read_bytes()))
    report = verify_kit(folder)
    return {f.code for f in report.errors if f.file == path}


def _first_disclosed(files: dict[str, bytes]) -> str:
    return next(p for p in files if p.startswith(kit_redaction.DISCLOSED))


def _edit_record(key: str, edit: Any) -> Any:
    def change(content: bytes) -> bytes:
        doc = json.loads(content)
        record = next(r for r in doc["messages"] if "salt" in r)
        record[key] = edit(record[key])
        return json.dumps(doc, ensure_ascii=False).encode()

    return change


def test_tampering_with_a_disclosure_or_the_plan_is_named(
    exported: tuple[Session, bundle.ExportResult, dict[str, Any]], tmp_path: Path
) -> None:
    _alice, result, _before = exported
    name = _first_disclosed(_kit(result.kit_path))
    content = _edit_record(
        "content", lambda c: c.replace("5000", "6000", 1) if "5000" in c else c + " "
    )
    assert "redaction.content" in _tampered(result.kit_path, tmp_path / "a", name, content)
    salt = _edit_record("salt", lambda s: ("0" if s[0] != "0" else "1") + s[1:])
    assert "redaction.content" in _tampered(result.kit_path, tmp_path / "b", name, salt)
    step = _edit_record("proof", lambda p: [("0" if p[0][0] != "0" else "1") + p[0][1:], *p[1:]])
    assert "redaction.proof" in _tampered(result.kit_path, tmp_path / "c", name, step)

    def plan(content: bytes) -> bytes:
        doc = json.loads(content)
        doc["messages"] = []  # pretend the third party's message was never withheld
        return json.dumps(doc).encode()

    assert "redaction.plan" in _tampered(
        result.kit_path, tmp_path / "d", kit_redaction.PLAN_FILE, plan
    )


def test_a_withheld_original_put_back_into_the_kit_is_named(
    exported: tuple[Session, bundle.ExportResult, dict[str, Any]], tmp_path: Path
) -> None:
    _alice, result, _before = exported
    files = _kit(result.kit_path)
    manifest = json.loads(files["evidence-manifest.json"])
    path = next(
        o["path"] for e in manifest["exhibits"] for o in e["originals"] if o.get("withheld")
    )
    folder = _unpack(result.kit_path, tmp_path / "k")
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_bytes(("\n".join(CHAT) + "\n").encode())
    assert "redaction.withheld" in {f.code for f in verify_kit(folder).errors}


def test_legal_plan_spans_print_in_pieces_and_unknown_items_are_refused(
    team: Team, tmp_path: Path
) -> None:
    _store(team, tmp_path / "in")
    lee = team.login("lee")
    candidates = redaction_defaults.redaction_candidates(lee, Scope(CASE))
    assert len(candidates) == len(CHAT)
    paid = next(c for c in candidates if "先还 5000" in c.text)
    start = paid.text.index("5000")
    plan = RedactionPlan(
        spans=(TextSpan(paid.commitment, start, start + 4, Reason.IRRELEVANT, note="amount"),)
    )
    data = bundle.gather(lee, Scope(CASE), redaction=plan, default_redaction=False)
    printed = next(m for e in data.exhibits for m in e.messages if m.commitment == paid.commitment)
    assert "5000" not in printed.text and printed.segments[-1].reason is Reason.IRRELEVANT
    assert data.redaction is not None and not data.redaction.messages  # defaults off
    unknown = RedactionPlan(spans=(TextSpan("ab" * 32, 0, 1, Reason.OTHER),))
    with pytest.raises(RedactionError) as refused:
        bundle.gather(lee, Scope(CASE), redaction=unknown)
    assert refused.value.code == "redaction.unknown" and refused.value.facts["item"] == "spans[0]"


def test_default_plan_round_trips_through_its_file(team: Team, tmp_path: Path) -> None:
    _store(team, tmp_path / "in")
    plan = redaction_defaults.default_plan(team.login("lee"), Scope(CASE))
    assert plan.spans and plan.messages
    assert from_json(plan.to_json()).facts() == plan.facts()


def test_defaults_off_records_it_and_keeps_the_original(team: Team, tmp_path: Path) -> None:
    _store(team, tmp_path / "in")
    result = _export(team, tmp_path / "out", default_redaction=False)
    lee = team.login("lee")
    row = lee.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert json.loads(row[0])["redaction"] == {"defaults": False}
    files = _kit(result.kit_path)
    assert kit_redaction.PLAN_FILE not in files
    assert any(p.endswith("WhatsApp Chat with Chen Lixin.txt") for p in files)
    assert verify_kit(result.kit_path).intact
    assert verify_store(lee).intact
    shutil.rmtree(tmp_path / "out")


def test_an_image_region_blacks_out_the_screenshot_and_withholds_its_original(
    team: Team, tmp_path: Path
) -> None:
    _store(team, tmp_path / "in")
    lee = team.login("lee")
    shot = hashlib.sha256(screenshot_bytes()).hexdigest()
    region = ImageRegion(shot, (10, 20, 300, 120), Reason.THIRD_PARTY, note="a friend's avatar")
    data = bundle.gather(lee, Scope(CASE), redaction=RedactionPlan(regions=(region,)))
    screenshots = [s for e in data.exhibits for s in e.screenshots]
    assert [s.regions for s in screenshots] == [(region,)]
    assert screenshots[0].original.withheld and screenshots[0].original.regions == (region,)
    originals = {o.file_name: o for o in data.originals}
    assert originals["promise.png"].withheld
    # the chat export holds the defaults' redactions: withheld as well
    assert originals["WhatsApp Chat with Chen Lixin.txt"].withheld
    # a third party's withheld message names no platform id and carries no attachment
    withheld = [m for e in data.exhibits for m in e.messages if m.withheld is not None]
    assert [(m.text, m.sender_id, m.attachments) for m in withheld] == [("", "", ())]
