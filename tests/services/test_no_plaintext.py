"""Nothing in the store folder is readable without a password (PI-1)."""

import contextlib
from pathlib import Path

from evidence_desk.services import cases, contacts, settings
from tests.helpers import Team

SECRETS = [
    "王秀英",  # debtor name
    "440301198807076543",  # ID number
    "wxid_wangxiuying88",  # WeChat handle
    "我下周五一定还清欠款",  # text inside a document
    "Shenzhen Collection Partners",  # organisation setting
    "HT-2026-0042",  # loan contract reference
]


def _encodings(text: str) -> list[bytes]:
    forms = [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    with contextlib.suppress(UnicodeEncodeError):
        forms.append(text.encode("gbk"))
    return forms


def _scan(folder: Path) -> list[str]:
    leaks = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        for secret in SECRETS:
            if any(form in raw for form in _encodings(secret)):
                leaks.append(f"{path.relative_to(folder)} contains {secret!r}")
    return leaks


def test_no_name_text_or_document_is_readable_in_any_store_file(team: Team, tmp_path: Path) -> None:
    doc = tmp_path / "promise.txt"
    doc.write_text("借款人王秀英承诺：我下周五一定还清欠款", encoding="utf-8")
    gbk_doc = tmp_path / "promise-gbk.txt"
    gbk_doc.write_bytes("王秀英 我下周五一定还清欠款".encode("gbk"))
    id_card = tmp_path / "id-card.txt"
    id_card.write_text("居民身份证 王秀英 440301198807076543", encoding="utf-8")
    admin = team.login("ada")
    settings.set_value(admin, "organisation", "Shenzhen Collection Partners")
    alice = team.login("alice")
    cases.create_case(
        alice,
        "2026-SZ-7",
        debtor_name="王秀英",
        debtor_id_number="440301198807076543",
        loan_ref="HT-2026-0042",
    )
    contact = contacts.request_contact(
        alice,
        case_no="2026-SZ-7",
        channel="wechat",
        handle="wxid_wangxiuying88",
        display_name="王秀英",
        reason="债务人主动添加",
        consent=True,
        documents=[("identity_proof", id_card), ("debt_confirmation", doc)],
    )
    contacts.approve(team.login("sam"), contact.id, "身份已核实")
    contacts.attach_documents(alice, contact.id, [gbk_doc])
    # while sessions are open (WAL and lock files present) and after everything is closed
    assert _scan(team.path) == []
    team.close_all()
    assert _scan(team.path) == []
    assert doc.read_text(encoding="utf-8").startswith("借款人")  # originals untouched


def test_the_scan_finds_a_planted_secret(tmp_path: Path) -> None:
    # guards the test above against a scanner that can never fail
    (tmp_path / "leak.bin").write_bytes(b"\x00" + "王秀英".encode("gbk") + b"\x00")
    assert _scan(tmp_path) == ["leak.bin contains '王秀英'"]
