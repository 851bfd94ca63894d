"""Import wizard cancel, failure and refusal paths; the approval queue's four-eyes and revoke."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from evidence_desk.services import cases, contacts, settings
from evidence_desk.services.session import Session
from evidence_desk.ui import i18n
from evidence_desk.ui.approvals import ApprovalQueue
from evidence_desk.ui.import_wizard import ImportWizard
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import Team, approved_contact, supporting_documents
from tests.ui.conftest import previewed_recording, screenshots, whatsapp_zip


def _state(session: Session) -> tuple[object, ...]:
    conn = session.conn
    counts = tuple(
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in (
            "ledger",
            "checkpoints",
            "messages",
            "message_sources",
            "imports",
            "items",
            "blobs",
        )
    )
    return (*counts, frozenset(session.blobs.stored_names()), session.folder.head())


def test_cancelled_import_in_the_gui_leaves_the_store_unchanged(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    before = _state(staff)
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_paths([whatsapp_zip(tmp_path / "export"), *screenshots(tmp_path / "shots")])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)

    # Hold the worker when it reports that the originals are sealed (blob files exist), so the
    # Cancel button is pressed at the latest possible moment, mid-commit preparation.
    reached, release = threading.Event(), threading.Event()

    def hold(percent: int, _what: str) -> None:
        if percent >= 85 and not reached.is_set():
            reached.set()
            release.wait(20)

    job = wizard.run_import()
    job.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    assert wizard.pages.currentWidget() is wizard.page_progress
    assert wizard.cancel_button.isEnabled()
    wizard.cancel_button.click()
    assert "Cancelling" in wizard.progress_label.text()
    release.set()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_summary, timeout=20_000)
    assert "Cancelled" in wizard.summary.toPlainText()
    assert wizard.import_result is None and wizard.error is not None
    assert _state(staff) == before


def test_import_refuses_an_unreadable_file_and_stores_nothing(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    before = _state(staff)
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes, not a chat export\n", "utf-8")
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([junk])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: "notes.txt" in wizard.status.text(), timeout=20_000)
    assert wizard.pages.currentWidget() is wizard.page_files
    assert _state(staff) == before


# What the refusal says, in English and in Chinese, for each way a contact stops taking evidence.
WHY = {"revoked": ("is revoked", "已终止"), "expired": ("expired at", "过期")}


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_import_for_a_revoked_or_expired_contact_is_refused_saying_why(
    qtbot: QtBot, team: Team, tmp_path: Path, state: str
) -> None:
    """The import action is off with the reason as its tooltip; a wizard opened from a copy of
    the contact read before the revocation or expiry says the reason at once and offers no
    preview. Both in English and in Chinese."""
    settings.set_value(team.login("ada"), "approval_expiry_days", "7")
    staff, contact_id = approved_contact(team, tmp_path)
    stale = contacts.get_contact(staff, contact_id)  # still taking evidence when read
    if state == "revoked":
        contacts.revoke(team.login("sue"), contact_id, "the debtor asked us to stop")
    else:
        team.clock.advance(days=8)
    english, chinese = WHY[state]
    before = _state(staff)
    window = MainWindow(staff)
    qtbot.addWidget(window)
    assert window.select_contact(contact_id)
    assert not window.import_action.isEnabled()
    tip = window.import_action.toolTip()
    assert "No evidence can be imported for Chen Lixin" in tip and english in tip
    assert "ask a supervisor for a new approval" in tip
    wizard = ImportWizard(staff, stale)
    qtbot.addWidget(wizard)
    wizard.add_paths(screenshots(tmp_path / "shots", 1))
    assert not wizard.next_button.isEnabled() and not wizard.files.isEnabled()
    assert "Refused by a rule" in wizard.status.text() and english in wizard.status.text()
    i18n.install("zh_CN")
    try:
        window._update_selection_actions()
        tip = window.import_action.toolTip()
        assert "无法为 Chen Lixin 导入证据" in tip and chinese in tip and "请主管重新批准" in tip
        zh_wizard = ImportWizard(staff, stale)
        qtbot.addWidget(zh_wizard)
        assert chinese in zh_wizard.status.text() and "请主管重新批准" in zh_wizard.status.text()
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)
    assert _state(staff) == before  # nothing stored


def test_own_request_is_visible_but_not_decidable(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    sue = team.login("sue")
    cases.create_case(sue, "2026-SH-7", debtor_name="李四")
    contact = contacts.request_contact(
        sue,
        case_no="2026-SH-7",
        channel="wechat",
        handle="wxid_lisi",
        display_name="李四",
        reason="guarantor asked to be contacted",
        relation="guarantor",
        documents=supporting_documents(tmp_path / "docs"),
    )
    queue = ApprovalQueue(sue)
    qtbot.addWidget(queue)
    queue.refresh()
    assert queue.select(contact.id)
    assert "your own request" in queue.requests.currentItem().text()
    assert not queue.approve_button.isEnabled()
    assert "four-eyes" in queue.approve_button.toolTip()
    # another supervisor rejects without a note: refused with the rule, nothing changes
    sam_queue = ApprovalQueue(team.login("sam"))
    qtbot.addWidget(sam_queue)
    sam_queue.refresh()
    assert sam_queue.select(contact.id)
    sam_queue.reject_button.click()
    assert "note" in sam_queue.message.text()
    assert contacts.get_contact(sue, contact.id).status == "requested"


def test_supervisor_revokes_an_approved_contact_with_a_note(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    _staff, contact_id = approved_contact(team, tmp_path)
    queue = ApprovalQueue(team.login("sue"))
    qtbot.addWidget(queue)
    queue.filter_combo.setCurrentIndex(queue.filter_combo.findData("approved"))
    assert queue.select(contact_id)
    assert not queue.approve_button.isEnabled() and queue.revoke_button.isEnabled()
    queue.note_edit.setPlainText("debtor became abusive; channel closed")
    queue.revoke_button.click()
    assert contacts.get_contact(queue.session, contact_id).status == "revoked"


def test_staff_sees_the_queue_but_cannot_decide(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    queue = ApprovalQueue(staff)
    qtbot.addWidget(queue)
    queue.filter_combo.setCurrentIndex(queue.filter_combo.findData(""))
    assert queue.select(contact_id)
    assert not queue.revoke_button.isEnabled()
    assert "supervisor" in queue.revoke_button.toolTip()


def test_contact_request_form_reports_a_rule_and_stores_nothing(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from evidence_desk.ui.contact_request import ContactRequestDialog

    staff = team.login("alice")
    cases.create_case(staff, "2026-SH-8", debtor_name="赵六")
    before = _state(staff)
    form = ContactRequestDialog(staff, "2026-SH-8")
    qtbot.addWidget(form)
    form.handle.setText("wxid_zhaoliu")
    form.display_name.setText("赵六")
    form.relation.setCurrentIndex(form.relation.findData("other"))  # needs a justification
    form.reason.setPlainText("a neighbour who knows the debtor")
    form.submit()
    qtbot.waitUntil(lambda: "CC-3" in form.error_label.text(), timeout=10_000)
    assert _state(staff) == before


def test_the_window_stays_responsive_during_a_large_import(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    """A timer on the UI thread keeps ticking while 20,000 messages are parsed and stored."""
    import itertools
    import time

    from PySide6.QtCore import QTimer

    staff, contact_id = approved_contact(team, tmp_path)
    lines = [
        f"{1 + n // 1400:02d}/04/2026, {n % 1400 // 60:02d}:{n % 60:02d} - Chen Lixin: 消息 {n}"
        for n in range(20_000)
    ]
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text("\n".join(lines) + "\n", "utf-8")
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([chat])
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    wizard.run_import()
    qtbot.waitUntil(
        lambda: wizard.import_result is not None or wizard.error is not None, timeout=120_000
    )
    timer.stop()
    assert wizard.import_result is not None and wizard.import_result.messages_total == 20_000
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(gaps) > 20
    # 100 ms is the design target; measured 77-86 ms here with one core free, ~190 ms with both
    # cores loaded by other tests. The import takes seconds, so this bound still fails if any
    # step of it ran on the UI thread, without failing on a busy CI machine.
    assert max(gaps) < 0.4, f"UI thread blocked for {max(gaps) * 1000:.0f} ms"


def test_a_visit_recording_is_previewed_and_imported_in_the_wizard(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    wizard = previewed_recording(qtbot, team, tmp_path, "visit.wav")
    shown = wizard.preview_view.toPlainText()
    assert "visit.wav (audio recording)" in shown
    assert "Duration" in shown and "1:05" in shown
    assert "Recorded at" in shown and "not stated in the file" in shown  # a bare WAV says nothing
    wizard.run_import()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_summary, timeout=20_000)
    assert "0 screenshots, 1 recording" in wizard.summary.toPlainText()
    items = contacts.contact_items(wizard.session, wizard.contact.id)
    assert [i.role for i in items].count("recording") == 1


def test_the_preview_says_how_a_zips_names_were_read_in_english_and_chinese(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from tests.importers.test_archive import make_zip_encoded

    staff, contact_id = approved_contact(team, tmp_path)
    chat = (
        "05/01/2026, 09:00 - Chen Lixin: 你好\n"
        "05/01/2026, 09:10 - Chen Lixin: 图片.jpg (file attached)\n"
    )
    path = tmp_path / "聊天.zip"
    path.write_bytes(
        make_zip_encoded([("WhatsApp 聊天.txt", chat.encode()), ("图片.jpg", b"\xff\xd8")], "gbk")
    )
    shown = {}
    for language in ("en", "zh_CN"):
        i18n.install(language)
        try:
            wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
            qtbot.addWidget(wizard)
            wizard.add_paths([path])
            wizard.next_button.click()
            qtbot.waitUntil(
                lambda w=wizard: w.pages.currentWidget() is w.page_preview, timeout=20_000
            )
            shown[language] = wizard.preview_view.toPlainText()
        finally:
            i18n.install("en")
    assert "Zip member names" in shown["en"] and "GB18030 (not marked as UTF-8" in shown["en"]
    assert "压缩包内文件名" in shown["zh_CN"] and "GB18030（未标记为 UTF-8" in shown["zh_CN"]
