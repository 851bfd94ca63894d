"""The processing record in the bundle layer: its rows in both languages (bundle/text.py), its
page in the PDF and its check by verify-bundle (bundle/verify_kit.py)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.text import processing_rows
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.pipl import ProcessingRecord
from evidence_desk.services import bundle
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import Team
from tests.services.test_processing_records import LAW_FIRM, _pdf_text

RECORD = ProcessingRecord(
    id="PR-0123456789ab",
    case_no="2026-SH-1",
    bundle_id="B-0123456789ab",
    evidence_manifest_sha256="ab" * 32,
    recipient_kind="outsourcer",
    recipient_name="催收外包有限公司",
    purpose="collection on our behalf",
    legal_basis="contract",
    basis_note="",
    data_categories=("chat_content", "financial_accounts", "identity"),
    sensitive_categories=("financial_accounts",),
    risk_level="high",
    measures=("encrypted_transport", "masking"),
    recorded_by="lee",
    recorded_at="2026-03-02T01:00:00.000000Z",
    retain_until="2029-03-02T01:00:00.000000Z",
)


def test_the_rows_say_the_codes_in_the_bundles_language() -> None:
    english = dict(processing_rows("en", RECORD))
    assert english["Recipient"] == "催收外包有限公司 (outsourced service provider)"
    assert english["Legal basis (PIPL art. 13)"].startswith("PIPL art. 13(2)")
    assert english["Of which sensitive personal information (PIPL art. 28)"] == (
        "financial accounts (sensitive)"
    )
    assert english["Assessed risk to the individuals"] == "high"
    assert english["Kept until"] == RECORD.retain_until
    assert "Basis, as stated" not in english  # no note given
    chinese = dict(processing_rows("zh_CN", RECORD))
    assert chinese["接收方"] == "催收外包有限公司（受托服务机构）"
    assert chinese["对个人权益的风险评估"] == "高"
    assert "；" in chinese["保护措施"]  # the clauses in Chinese punctuation


def test_an_edited_record_in_the_kit_is_found(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = bundle.export_bundle(
        team.login("lee"), Scope(CASE, language="en"), tmp_path / "out", recipient=LAW_FIRM
    )
    english = _pdf_text(result.pdf_paths[-1])
    assert "Processingrecordandpersonalinformationimpactassessment" in english
    assert "PIPLart.13(7)" in english
    bag = tmp_path / "bag"
    with zipfile.ZipFile(result.kit_path) as zf:
        zf.extractall(bag)
    (path,) = bag.glob("*/processing-record.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["recipient_kind"] = "court"
    record["bundle_id"] = "B-000000000000"
    record["retain_until"] = record["recorded_at"]
    path.write_text(json.dumps(record), encoding="utf-8")
    codes = {f.code for f in verify_kit(path.parent).errors}
    assert {"tag.sha256", "processing.bundle", "processing.invalid"} <= codes
