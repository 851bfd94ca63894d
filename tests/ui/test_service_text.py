"""The services' own sentences on Chinese screens: reasons, problems, repairs, notes, refusals.

The services word these in English with a stable code and named facts (domain/wording.py); the
GUI says them through each code's entry in the .ts, which Qt looks up. The first test enumerates
every code the services and importers can emit, so a new code without a Chinese template (or a
template using a fact the code does not carry) fails; the next compares Qt's translator with the
Qt-free reader the bundle uses; the others drive the real widgets with the zh_CN translator
installed and look at what they show.
"""

from __future__ import annotations

import importlib
import json
import re
import socket
import zipfile
from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography import x509
from PySide6.QtCore import QTranslator
from pytestqt.qtbot import QtBot

from evidence_desk import translations
from evidence_desk.domain import authority, hub_refusals, policy, wording
from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.domain.models import Role
from evidence_desk.integrity import tsa
from evidence_desk.resources import resource_path
from evidence_desk.services import case_blobs, cases, conduct, contacts, importing, timestamps
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk.ui import errors, i18n, service_text
from evidence_desk.ui.approvals import ApprovalQueue
from evidence_desk.ui.import_wizard import ImportWizard
from evidence_desk.ui.login import LoginDialog
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.review_ui import FindingsView
from evidence_desk.ui.users_dialog import UsersDialog
from evidence_desk.ui.verify_panel import VerifyPanel
from evidence_desk_testing.local_tsa import TestPki
from tests.bundle.support import CHAT_NAME, export, store_with_evidence
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    Team,
    approved_contact,
    raw_connection,
)
from tests.insider import request, self_approve
from tests.test_translations import SAME_IN_CHINESE
from tests.ui.conftest import previewed_recording

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"

# Ambiguous day/month order (no day above 12) and a line before the first message header.
WHATSAPP = (
    "exported by the phone\n"
    "02/06/2026, 09:00 - 张明: 陈先生您好，关于您的车贷还款计划。\n"
    "03/06/2026, 18:30 - 陈立新: 好的\n"
)
# Words of the English sentences that must not show on a Chinese screen.
ENGLISH = re.compile(
    r"day/month|ambiguous|decoded as|generic fallback|file signature|not parsed|"
    r"refused by rule|already exists|must be|no importer|identical bytes|approved repayment|"
    r"\bline \d|\brow \d"
)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_code_the_services_emit_has_a_chinese_template_using_only_its_facts() -> None:
    emitted = translations.register_all()
    assert len(emitted) > 600  # verify, bundle check, login and TSA failures included
    i18n.install("zh_CN")
    try:
        chinese = {code: service_text.template(code) for code in emitted}
    finally:
        i18n.install("en")
    for code in sorted(emitted):
        said = chinese[code]
        assert said is not None, f"{code} has no Chinese"
        names = wording.fact_names(code)
        used = set(re.findall(r"\{(\w+)(?::[^{}|]+\|[^{}|]+)?\}", said))
        assert used <= names, f"{code}: {said!r} uses {used - names}"
        if code not in SAME_IN_CHINESE:
            assert said != emitted[code], f"{code} is not translated"
    # in English, the catalogue's own template
    assert service_text.template("import.empty_file") == emitted["import.empty_file"]


def test_qt_and_the_qt_free_reader_give_the_same_chinese(chinese: None) -> None:
    """The bundle and the CLI read the .ts without Qt; the GUI asks Qt's translator (the .qm
    built from the same .ts): both give each code the same Chinese template."""
    emitted = translations.register_all()
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "evidence_desk_zh_CN.qm")))
    sample = [*sorted(emitted)[::7], "bundle_text.title", "kit_text.trust_outside"]
    for code in sample:
        from_ts = translations.translated_template(code, "zh_CN")
        assert from_ts is not None, code
        assert translator.translate(translations.CONTEXT, emitted[code], code) == from_ts
        assert service_text.template(code) == from_ts  # the installed translator agrees
    assert service_text.template("bundle_text.title") == "电子证据包"
    quoted = importlib.import_module("evidence_desk.importers.whatsapp")._said(
        "whatsapp.text_before_header", excerpt="{more} here"
    )
    assert translations.say(quoted, "zh_CN") == service_text.phrase(quoted)


def test_import_preview_states_reasons_problems_and_repairs_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "WhatsApp Chat with 陈立新.txt"
    chat.write_text(WHATSAPP, "utf-8")
    gb18030 = FIXTURES / "wechat" / "memotrace_gb18030.csv"
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([chat, gb18030])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)
    shown = wizard.preview_view.toPlainText()
    # detection reasons
    assert "WhatsApp 安卓，语言未知，24 小时制，日/月/年" in shown
    assert "微信 MemoTrace CSV，GB18030" in shown
    # parse problems, with the file and the line they are about
    assert f"{chat.name} 第 1 行：第一条消息头之前的文字未解析：“exported by the phone”" in shown
    assert f"{chat.name} 第 2 行：日/月顺序不明确（没有大于 12 的日期；默认按 日/月）" in shown
    # the importer's repair of the GB18030 file
    assert "读取时已修复（原始文件保持不变）" in shown
    assert "已按 GB18030 解码：该文件不是 UTF-8" in shown
    assert ENGLISH.search(shown) is None, ENGLISH.search(shown)


def test_a_refused_file_is_explained_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes, not a chat export\n", "utf-8")
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([junk])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: "notes.txt" in wizard.status.text(), timeout=20_000)
    shown = wizard.status.text()
    assert shown == "无法导入该文件。\nnotes.txt：没有任何导入器能识别“notes.txt”"
    assert ENGLISH.search(shown) is None


def test_a_recording_preview_is_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    wizard = previewed_recording(qtbot, team, tmp_path, "外访录音.wav")
    shown = wizard.preview_view.toPlainText()
    assert "外访录音.wav (录音)" in shown
    assert "时长" in shown and "1:05" in shown and "文件未记载" in shown
    assert ENGLISH.search(shown) is None, ENGLISH.search(shown)


def test_import_summary_notices_are_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "WhatsApp Chat with 陈立新.txt"
    chat.write_text(WHATSAPP, "utf-8")
    importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([chat])
    wizard.run_import()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_summary, timeout=20_000)
    shown = wizard.summary.toPlainText()
    assert f"{chat.name}：完全相同的文件已导入过；已跳过" in shown
    assert ENGLISH.search(shown) is None


def test_conduct_report_notes_are_in_chinese(qtbot: QtBot, team: Team, chinese: None) -> None:
    view = FindingsView(team.login("sam"), conduct)
    qtbot.addWidget(view)
    view.run()
    qtbot.waitUntil(lambda: view.job is None, timeout=30_000)
    shown = view.summary.text()
    assert "未检查 CC-5：尚未设置机构名称（设置项 institution_names 或 organisation）" in shown
    assert "CC-7：尚未设置经批准的还款账户（设置项 approved_accounts）" in shown
    assert ENGLISH.search(shown) is None


def test_users_dialog_states_refusals_in_chinese(qtbot: QtBot, team: Team, chinese: None) -> None:
    dialog = UsersDialog(team.login("ada"))
    qtbot.addWidget(dialog)
    dialog.name.setText("bob")
    dialog.password.setText("long-enough-password")
    dialog.add_user()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert dialog.message.text() == "被规则拒绝。\n名为“bob”的用户已存在（规则 user.unique）"
    dialog.name.setText("carol")
    dialog.password.setText("short")
    dialog.add_user()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert dialog.message.text() == "输入无法接受。\n密码：至少需要 8 个字符"


def test_approval_refusals_are_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    sue = team.login("sue")
    cases.create_case(sue, "2026-SH-7", debtor_name="李四")
    contact = contacts.request_contact(
        sue,
        case_no="2026-SH-7",
        channel="wechat",
        handle="wxid_lisi",
        display_name="李四",
        reason="担保人要求联系",
        relation="guarantor",
    )
    queue = ApprovalQueue(team.login("sam"))
    qtbot.addWidget(queue)
    queue.refresh()
    assert queue.select(contact.id)
    queue.reject_button.click()
    assert queue.message.text() == "被规则拒绝。\n驳回时必须填写理由（规则 contact.note）"
    with pytest.raises(EvidenceDeskError) as refused:
        contacts.approve(team.login("sam"), contact.id)
    box = errors.show(queue, refused.value)
    assert box.informativeText() == (
        f"联系人 {contact.id} 缺少债务人的身份证明、债务确认书，无法批准：须由申请人先补充上传"
        "（规则 contact.documents）"
    )
    box.close()


def test_verify_findings_of_the_store_are_in_chinese(
    qtbot: QtBot, team: Team, chinese: None
) -> None:
    panel = VerifyPanel(team.login("alice"))
    qtbot.addWidget(panel)
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    assert panel.report is not None and panel.report.intact
    rows = [
        [panel.table.item(row, column).text() for column in range(4)]
        for row in range(panel.table.rowCount())
    ]
    finding = panel.report.findings[0]
    facts = dict(finding.location.facts) | dict(finding.detail.facts)
    assert rows == [
        [
            "警告",
            "timestamp.pending",
            f"存证链第 {facts['first']}–{facts['last']} 条",
            f"{facts['count']} 条记录已在本地封存，尚未加盖时间戳",
        ]
    ]


# Two English words in a row: a sentence left in English on a Chinese screen (identifiers such
# as prev_hash, id=K-1 or a module path are single words).
ENGLISH_WORDS = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")


def _table_rows(panel: VerifyPanel) -> list[list[str]]:
    return [
        [panel.table.item(row, column).text() for column in range(4)]
        for row in range(panel.table.rowCount())
    ]


def test_a_broken_rule_is_shown_in_chinese_with_its_entry_and_rule(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    contact_id = request(team, tmp_path, requester="sam")
    seq = self_approve(team, contact_id)
    panel = VerifyPanel(team.login("lee"))
    qtbot.addWidget(panel)
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    rows = [r for r in _table_rows(panel) if r[1] == "rule.four-eyes"]
    assert rows == [
        [
            "错误",
            "rule.four-eyes",
            f"存证链第 {seq} 条",
            "sam 的 批准联系人 违反规则 four-eyes："
            "任何人都不能审批本人提交的联系人申请；须由另一位主管审批",
        ]
    ]


def test_verify_findings_of_a_tampered_store_are_in_chinese_with_their_places(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    item = contacts.contact_items(staff, contact_id)[0]
    orphan = staff.blobs.seal_bytes(b"sealed by an import that never committed")
    case_blobs.reader(staff, item.sha256).path_for(item.sha256).unlink()
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        request_seq, payload = conn.execute(
            "SELECT seq, payload FROM ledger WHERE action = 'contact.request'"
        ).fetchone()
        last = int(conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])
        # the reason is sealed under the case key; the relation is a clear field
        forged = payload.replace('"relation":"debtor"', '"relation":"guarantor"')
        assert forged != payload
        # outside the app: a relation rewritten in the ledger, an old checkpoint removed, and
        # the newest entry cut off the end of the ledger
        conn.execute("UPDATE ledger SET payload = ? WHERE seq = ?", (forged, request_seq))
        conn.execute("DELETE FROM checkpoints WHERE size = 2")
        conn.execute("DELETE FROM ledger WHERE seq = ?", (last,))
        conn.execute("DELETE FROM checkpoints WHERE size = ?", (last,))
    finally:
        conn.close()
    panel = VerifyPanel(team.login("lee"))
    qtbot.addWidget(panel)
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    assert panel.report is not None and not panel.report.intact
    rows = _table_rows(panel)
    entry = f"存证链第 {request_seq} 条"
    expected = [
        ["错误", "ledger.payload", entry, "记录内容在签名后被修改"],
        ["错误", "ledger.entry_hash", entry, "记录哈希与其内容不符"],
        ["错误", "ledger.signature", entry, "签名并非 alice 所签"],
        [
            "错误",
            "checkpoint.missing",
            "检查点 2",
            "此记录没有对应的检查点（每次写入都会生成一个）",
        ],
        [
            "错误",
            "ledger.truncated",
            "store.json 中的最新检查点",
            f"已签名的最新检查点覆盖 {last} 条记录，但存证链只有 {last - 1} 条："
            f"存证链末尾已被删除（第 {last}–{last} 条）",
        ],
        [
            "错误",
            "row.changed",
            f"contacts 表中 id={contact_id} 的行",
            # the relation was rewritten; the approval's columns went with the last entry
            "decided_at, decided_by, decision_note, relation, status 列与存证链不符",
        ],
        [
            "错误",
            "merkle_state",
            "merkle_state 表",
            "缓存的 Merkle 树状态与存证链不符（下一次写入会以它为基础）",
        ],
        [
            "错误",
            "blob.corrupted",
            f"案件 2026-SH-1 的原始文件 SHA-256 {item.sha256}",
            "加密文件缺失",
        ],
        [
            "警告",
            "blob.orphan",
            f"blobs/{orphan.name[:2]}/{orphan.name[2:]}",
            "没有任何记录引用的加密文件（中断的写入遗留）；不属于证据",
        ],
    ]
    for row in expected:
        assert row in rows, f"{row} not among\n" + "\n".join(map(str, rows))
    # every finding, those of the other checks included, is said in Chinese
    for severity, code, location, detail in rows:
        assert severity in ("错误", "警告"), code
        assert ENGLISH_WORDS.search(location) is None, (code, location)
        assert ENGLISH_WORDS.search(detail) is None, (code, detail)
        assert _has_chinese(detail), (code, detail)


def test_verify_panel_checks_a_bundle_and_a_tampered_copy_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")  # no time-stamp authority: local checkpoint only
    panel = VerifyPanel(team.login("lee"))
    qtbot.addWidget(panel)
    panel.check_bundle(result.kit_path)
    qtbot.waitUntil(lambda: panel._job is None, timeout=60_000)
    rows = _table_rows(panel)
    exhibits = [row for row in rows if row[1] in ("E1", "E2")]
    assert [(row[0], row[1], row[3]) for row in exhibits] == [
        ("通过", "E1", "通过"),
        ("通过", "E2", "通过"),
    ]
    size = json.loads(_kit_member(result.kit_path, "ledger/checkpoints.json"))["target"]["size"]
    assert [
        "警告",
        "checkpoint.unstamped",
        "ledger/checkpoints.json",
        f"检查点 {size} 没有 RFC 3161 时间戳：其时间仅来自制作方的时钟",
    ] in rows
    # intact, but nobody outside the kit vouches for its signers: the second outcome
    verdict = panel.verdict.text()
    assert "证据包完好但不受信任" in verdict and "签名人 lee（法务，公钥指纹 " in verdict
    assert "没有任何固定信任的机构公钥具有此指纹" in verdict
    assert "固定信任目录" in panel.trust_note.text()
    (lee,) = [row for row in rows if row[1] == "trust.signer" and row[2] == "lee"]
    assert lee[0] == "不受信任" and lee[3].startswith("签名人 lee（法务），公钥指纹 ")
    assert "：未固定信任（没有任何固定信任的机构公钥具有此指纹）；导出了本证据包；" in lee[3]
    # with the organisation's published key list chosen in the panel: intact and trusted
    org_keys = export_org_keys(team.login("alice"), tmp_path / "org-keys.json")
    panel.set_trust_files([], [org_keys.path])
    assert "org-keys.json" in panel.trust_note.text()
    panel.check_bundle(result.kit_path)
    qtbot.waitUntil(lambda: panel._job is None, timeout=60_000)
    assert "证据包完好" in panel.verdict.text() and "不受信任" not in panel.verdict.text()
    trust_rows = [row for row in _table_rows(panel) if row[1] == "trust.signer"]
    assert trust_rows and all(row[0] == "受信任" for row in trust_rows)
    assert f"已固定信任（机构公钥列表 {org_keys.path}）" in trust_rows[0][3]
    # one byte of the chat export changed inside the kit, outside the app
    tampered = tmp_path / "tampered.zip"
    changed = ""
    with zipfile.ZipFile(result.kit_path) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(CHAT_NAME):
                data, changed = data.replace(b"5000", b"9000", 1), info.filename.split("/", 1)[1]
            target.writestr(info, data)
    assert changed
    panel.check_bundle(tampered)
    qtbot.waitUntil(lambda: panel._job is None, timeout=60_000)
    assert "证据包有问题" in panel.verdict.text()
    rows = _table_rows(panel)
    for exhibit in ("E1", "E2"):  # a changed payload file fails the whole kit
        (verdict,) = [row for row in rows if row[1] == exhibit]
        assert verdict[0] == "错误" and verdict[3].startswith("未通过："), verdict
        assert changed in verdict[3]
    for row in (
        ["错误", "payload.sha256", changed, "sha256 哈希与 manifest-sha256.txt 不符：文件已被改动"],
        ["错误", "exhibit.digest", changed, "与 evidence-manifest.json 中的摘要不符"],
    ):
        assert row in rows, f"{row} not among\n" + "\n".join(map(str, rows))
    for severity, code, _where, detail in rows:
        if code not in ("E1", "E2"):
            assert severity in ("错误", "警告", "受信任", "不受信任", "信息"), code
            assert _has_chinese(detail) and ENGLISH_WORDS.search(detail) is None, (code, detail)


def _kit_member(kit_path: Path, name: str) -> bytes:
    with zipfile.ZipFile(kit_path) as zf:
        (member,) = [n for n in zf.namelist() if n.endswith("/" + name)]
        return zf.read(member)


def test_login_dialog_states_a_wrong_password_and_a_folder_that_is_no_store_in_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path, chinese: None
) -> None:
    dialog = LoginDialog(team.path)
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("alice")
    dialog.password_edit.setText("not-her-password")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: "alice" in dialog.error_label.text(), timeout=10_000)
    assert dialog.error_label.text() == (
        "用户不存在或密码错误。\n用户“alice”不存在或密码错误；之后的每次尝试都会被延迟"
    )
    assert dialog.session is None and dialog.login_button.isEnabled()
    nowhere = tmp_path / "nowhere"
    dialog.store_edit.setText(str(nowhere))
    dialog.login_button.click()
    qtbot.waitUntil(lambda: "nowhere" in dialog.error_label.text(), timeout=10_000)
    assert dialog.error_label.text() == (
        f"无法使用该证据库。\n{nowhere}：不是 Evidence Desk 证据库（没有 store.json）"
    )


def test_an_unreachable_time_stamp_authority_is_explained_in_chinese_in_the_status_bar(
    qtbot: QtBot, team: Team, pki: TestPki, chinese: None
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/tsa"
        timestamps.add_authority(
            team.login("ada"), "local", url, pki.root_pem.read_text(), timeout_seconds=1
        )
        window = MainWindow(team.login("alice"))
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: "上次尝试失败" in window.stamp_label.toolTip(), timeout=20_000)
    tip = window.stamp_label.toolTip()
    assert f"local：时间戳（连接失败）：{url}：连接被拒绝" in tip, tip
    assert "connection" not in tip


def test_a_token_that_does_not_verify_is_explained_in_chinese(pki: TestPki, chinese: None) -> None:
    roots = x509.load_pem_x509_certificates(pki.root_pem.read_bytes())
    not_signed = cms.ContentInfo({"content_type": "data", "content": b"not a token"}).dump()
    with pytest.raises(tsa.TsaError) as failed:
        tsa.verify_token(not_signed, bytes(32), roots)
    assert failed.value.message == "time-stamp malformed_token: token is not a CMS SignedData"
    # the status bar and the verify findings show the whole message, an error box its detail
    assert service_text.phrase(failed.value.message) == (
        "时间戳（时间戳令牌格式错误）：时间戳令牌不是 CMS SignedData"
    )
    assert errors.describe(failed.value) == "加盖时间戳失败。\n时间戳令牌不是 CMS SignedData"


def test_a_permission_refusal_names_the_role_and_the_action_in_chinese(chinese: None) -> None:
    with pytest.raises(EvidenceDeskError) as refused:
        policy.require(Role.STAFF, policy.Action.CONTACT_DECIDE)
    assert errors.describe(refused.value) == (
        "您的角色无权执行此操作。\n角色“催收员”无权执行“审批联系人申请”（有权角色：主管）"
    )


def test_locators_and_nested_sentences_in_chinese(chinese: None) -> None:
    assert service_text.locator("row 5 (line 7)") == "第 5 条记录 (第 7 行)"
    assert service_text.locator("lines 3-4") == "第 3–4 行"
    assert service_text.locator("line 2, column 9") == "第 2 行第 9 列"
    assert service_text.locator("$.messages[3]") == "$.messages[3]"
    csv_reason = importlib.import_module("evidence_desk.importers.generic_csv")._said(
        "csv.row_width", fields=2, width=3
    )
    quoted = importlib.import_module("evidence_desk.importers.whatsapp")._said(
        "whatsapp.text_before_header", excerpt="{more} is not a placeholder here"
    )
    assert service_text.phrase(csv_reason) == "该行有 2 个字段，表头有 3 个"
    assert service_text.phrase(quoted) == (
        "第一条消息头之前的文字未解析：“{more} is not a placeholder here”"
    )


def test_the_english_interface_shows_the_services_own_english(team: Team) -> None:
    with pytest.raises(EvidenceDeskError) as refused:
        contacts.get_contact(team.login("sam"), "C-404")
    assert service_text.error_detail(refused.value) == "no contact C-404"
    assert errors.describe(refused.value) == "Not found.\nno contact C-404"
    assert service_text.locator("row 5 (line 7)") == "row 5 (line 7)"


def test_why_a_laptop_was_retired_is_said_in_chinese(chinese: None) -> None:
    """The retirement's reason is a code (authority.RETIRE_REASONS): the Chinese sentence names
    it in Chinese; a reason that is no code is someone's own words, shown as written."""
    retired = hub_refusals.rules(
        "hub.device_retired", device="d-1", by="root", at="2026-12-06", reason="stolen", size=2
    )
    shown = service_text.phrase(retired)
    assert "被盗" in shown and "stolen" not in shown, shown
    assert "丢失" in service_text.phrase(
        authority._said("retire.retired", device="d", by="r", at="a", reason="lost", size=1, seq=2)
    )
    assert "my own words" in service_text.phrase(
        hub_refusals.rules(
            "hub.device_retired", device="d", by="r", at="a", reason="my own words", size=1
        )
    )
