"""Bundles mask bank-card and account numbers (PI-6) unless legal unmasks them with a reason."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.services import bundle, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.bundle.support import CASE, CHAT_NAME, export
from tests.helpers import (
    COURT,
    Team,
    approved_contact,
    insider_code,
    insider_session,
    ledger_size,
    pdf_text,
)

CARD = "6222 0212 3456 1236"
ACCOUNT = "6217001234567"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，请把还款转到我司账户。\n"
    f"05/01/2026, 09:05 - Chen Lixin: 我的卡 {CARD} 已经扣款\n"
    f"05/01/2026, 09:06 - Chen Lixin: 账号：{ACCOUNT}\n"
    "05/01/2026, 09:07 - Chen Lixin: 电话 13800138000\n"
)


def _store(team: Team, folder: Path) -> tuple[Session, str]:
    alice, contact_id = approved_contact(team, folder, case_no=CASE)
    chat = folder / CHAT_NAME
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    return alice, contact_id


def _pdf_text(pdf: Path) -> str:
    return "".join(pdf_text(pdf).split())


def test_bundle_masks_numbers_and_its_kit_still_verifies(team: Team, tmp_path: Path) -> None:
    _store(team, tmp_path / "in")
    # masking is what prints when the default redaction is off (with it, the card and account
    # numbers are withheld as AC and the phone as TP: tests/services/test_bundle_redaction.py)
    result = export(team, tmp_path / "out", default_redaction=False)
    text = _pdf_text(result.pdf_paths[0])
    assert "6222********1236" in text and "6217********4567" in text
    assert "622202123456" not in text and ACCOUNT not in text
    assert "13800138000" in text  # a phone number is no account
    assert "银行卡号和账号" in text or "Bank-card" in text  # the completeness note says so
    report = verify_kit(result.kit_path)
    assert report.intact, report.findings
    lee = team.login("lee")
    payload = json.loads(
        lee.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()[0]
    )
    assert payload["numbers"] == {"masked": True, "detector": "2", "unmask_seq": None}
    verify_txt = _kit_file(result.kit_path, "VERIFY.txt")
    assert "data/originals/ 中的原始文件保存完整号码" in verify_txt  # in the bundle's language


def _kit_file(kit: Path, name: str) -> str:
    with zipfile.ZipFile(kit) as zf:
        return next(zf.read(n) for n in zf.namelist() if n.endswith("/" + name)).decode()


def test_legal_unmasks_with_a_reason_and_it_is_ledgered(team: Team, tmp_path: Path) -> None:
    _store(team, tmp_path / "in")
    lee = team.login("lee")
    before = ledger_size(lee)
    with pytest.raises(RuleViolation, match=r"unmask\.reason"):
        export(team, tmp_path / "refused", unmask_reason="  ")
    assert ledger_size(lee) == before and not (tmp_path / "refused").exists()
    result = export(team, tmp_path / "out", unmask_reason="court ordered the payment account")
    assert CARD.replace(" ", "") in _pdf_text(result.pdf_paths[0])
    rows = lee.conn.execute(
        "SELECT seq, actor, action, payload FROM ledger WHERE seq > ? ORDER BY seq", (before,)
    ).fetchall()
    actions = [r["action"] for r in rows]
    assert actions[0] == "bundle.unmask" and actions[-1] == "bundle.export"
    unmask = json.loads(rows[0]["payload"])
    assert unmask["reason"] == "court ordered the payment account" and rows[0]["actor"] == "lee"
    assert json.loads(rows[-1]["payload"])["numbers"]["unmask_seq"] == rows[0]["seq"]
    assert verify_kit(result.kit_path).intact
    assert verify_store(lee).intact


def test_only_legal_may_unmask(team: Team, tmp_path: Path) -> None:
    alice, _contact = _store(team, tmp_path / "in")
    for name in ("alice", "sam"):
        with pytest.raises(PermissionDenied):
            bundle.export_bundle(
                team.login(name),
                Scope(CASE),
                tmp_path / name,
                recipient=COURT,
                unmask_reason="because",
            )
    assert verify_store(alice).intact


def test_an_unmask_forged_by_staff_with_their_own_key_fails_verify(
    team: Team, tmp_path: Path
) -> None:
    _store(team, tmp_path / "in")
    insider = insider_session(team, "alice")
    with insider_code():
        entry = insider.write(
            "bundle.unmask", {"case_no": CASE, "reason": "I want them", "detector": "1"}, []
        )
    report = verify_store(team.login("lee"))
    assert not report.intact
    assert any(
        f.code == "rule.permission" and f.location == f"ledger seq {entry.seq}"
        for f in report.findings
    ), report.findings
    # and no bundle is built on it
    with pytest.raises(RuleViolation, match=r"bundle\.rules"):
        export(team, tmp_path / "out")


def test_an_export_claiming_clear_numbers_without_its_unmask_fails_verify(
    team: Team, tmp_path: Path
) -> None:
    """The rule table judges each entry alone: legal can write a well-formed export entry that
    says it printed numbers in clear. Verify ties it to an unmask of its case by its exporter."""
    _store(team, tmp_path / "in")
    lee = team.login("lee")
    export(team, tmp_path / "ok", unmask_reason="court order")
    assert verify_store(lee).intact
    forged = lee.write(
        "bundle.export",
        {
            "bundle_id": "B-forged",
            "case_no": CASE,
            "numbers": {"masked": False, "detector": "1", "unmask_seq": None},
        },
        [],
    )
    report = verify_store(lee)
    assert [(f.code, f.location) for f in report.findings if f.code == "bundle.unmask"] == [
        ("bundle.unmask", f"ledger seq {forged.seq}")
    ]
    assert not report.intact
