"""Legal's redaction editor (issue 21 item 5), opened from the export dialog on a real store.

The messages are the store's own, as the bundle service gathers them; the default proposal
is the one the default detectors make for a phone number in a debtor's message (a TP span of
origin "default"). Legal adds a span by selecting text, withholds a message, draws a region on
the screenshot and removes nothing or a default; the dialog gets back exactly that plan.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from evidence_desk.bundle.model import BundleMessage, Scope
from evidence_desk.domain.redaction import (
    ImageRegion,
    Origin,
    Reason,
    RedactionPlan,
    TextSpan,
    WholeMessage,
    from_json,
)
from evidence_desk.services import bundle, importing
from evidence_desk.ui import i18n
from evidence_desk.ui.bundle_dialog import BundleDialog
from evidence_desk.ui.redaction_editor import EditorImage, RedactionEditor, utf16_to_index
from tests.bundle.support import screenshot_bytes
from tests.helpers import Team, approved_contact

CASE = "2026-SH-7"
PHONE = "13812345678"
CHAT = [
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。",
    f"05/01/2026, 09:05 - Chen Lixin: 有事找我弟弟，他的电话 {PHONE}",
    "05/01/2026, 09:06 - Chen Lixin: 我律师说先别还",
    "21/01/2026, 10:02 - Chen Lixin: 剩下的二月底前还清",
]


def _inputs(
    team: Team, folder: Path, lines: list[str] = CHAT
) -> tuple[list[BundleMessage], RedactionPlan, list[EditorImage]]:
    alice, contact_id = approved_contact(team, folder, case_no=CASE)
    chat = folder / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    shot = folder / "promise.png"
    shot.write_bytes(screenshot_bytes())
    importing.import_files(alice, contact_id, [shot], tz="Asia/Shanghai")
    data = bundle.gather(team.login("lee"), Scope(CASE), default_redaction=False)
    messages = [m for e in data.exhibits for m in e.messages]
    phone = next(m for m in messages if PHONE in m.text)
    start = phone.text.index(PHONE)
    proposal = TextSpan(
        phone.commitment, start, start + len(PHONE), Reason.THIRD_PARTY, Origin.DEFAULT
    )
    plan = RedactionPlan(spans=(proposal,), detectors={"phone": "1"})
    images = [EditorImage(o.sha256, o.file_name, o.read) for o in data.originals if o.is_image]
    return messages, plan, images


def _editor(
    qtbot: QtBot, team: Team, tmp_path: Path, lines: list[str] = CHAT
) -> tuple[BundleDialog, RedactionEditor]:
    inputs = _inputs(team, tmp_path / "in", lines)
    dialog = BundleDialog(team.login("lee"), CASE)
    qtbot.addWidget(dialog)
    assert dialog.redact_button.isVisibleTo(dialog)  # legal
    editor = dialog.open_redactions(inputs)
    assert editor is not None
    return dialog, editor


def _row(editor: RedactionEditor, needle: str) -> int:
    return next(n for n, m in enumerate(editor.messages) if needle in m.text)


def test_legal_builds_the_exact_plan_the_export_applies(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    dialog, editor = _editor(qtbot, team, tmp_path)
    phone = editor.messages[_row(editor, PHONE)]
    # the default proposal is shown: in the list, and as the phone row's code
    shown = [editor.items.item(n).text() for n in range(editor.items.count())]
    assert len(shown) == 1 and shown[0].startswith("TP") and "proposed by default" in shown[0]
    assert PHONE in shown[0]
    cell = editor.table.item(_row(editor, PHONE), 3)
    assert cell is not None and cell.text() == "TP"
    # a span by selection: "二月底" of the last message, as not relevant
    last = _row(editor, "二月底")
    editor.table.selectRow(last)
    text = editor.messages[last].text
    cursor = editor.text.textCursor()
    cursor.setPosition(text.index("二月底"))
    cursor.setPosition(text.index("二月底") + 3, cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    editor.reason.setCurrentIndex(editor.reason.findData("IR"))
    editor.span_button.click()
    # a whole message withheld as privileged, with a note
    lawyer = _row(editor, "律师")
    editor.table.selectRow(lawyer)
    editor.reason.setCurrentIndex(editor.reason.findData("PV"))
    editor.note.setText("律师意见")
    editor.withhold_button.click()
    # a region drawn on the screenshot
    editor.note.clear()
    editor.reason.setCurrentIndex(editor.reason.findData("ID"))
    editor.show()
    qtbot.waitExposed(editor)
    canvas = editor.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 20))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(60, 50))
    box = canvas.to_original(QPoint(10, 20), QPoint(60, 50))
    assert box is not None and box[0] > 0 and box[2] <= 720
    editor.accept()
    sha = editor.images[0].sha256
    assert dialog.redaction_plan == RedactionPlan(
        spans=(
            editor.plan().spans[0],
            TextSpan(
                editor.messages[last].commitment,
                text.index("二月底"),
                text.index("二月底") + 3,
                Reason.IRRELEVANT,
            ),
        ),
        messages=(
            WholeMessage(editor.messages[lawyer].commitment, Reason.PRIVILEGED, note="律师意见"),
        ),
        regions=(ImageRegion(sha, box, Reason.ID_NUMBER),),
        detectors={"phone": "1"},
    )
    assert dialog.redaction_plan.spans[0].message == phone.commitment
    assert dialog.redaction_options() == {
        "redaction": dialog.redaction_plan,
        "default_redaction": False,
    }
    # each count in its own form: two passages, one whole message, one region
    assert dialog.status.text() == (
        "The export applies your redaction plan: 2 text passages, 1 whole message, 1 image region."
    )
    i18n.install("zh_CN")
    try:
        editor.accept()  # accepted again: the status is worded anew, in Chinese
        assert (
            dialog.status.text() == "导出将采用您的遮盖方案：文字 2 处，整条消息 1 条，图像 1 处。"
        )
    finally:
        i18n.install("en")


def test_a_removed_default_stays_removed_and_the_plan_file_round_trips(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    dialog, editor = _editor(qtbot, team, tmp_path)
    assert dialog.redaction_options() == {}  # not accepted yet: the defaults apply
    editor.items.setCurrentRow(0)
    editor.remove_button.click()
    assert editor.items.count() == 0 and not editor.plan()
    assert editor.plan().detectors == {"phone": "1"}
    editor.table.selectRow(_row(editor, "二月底"))
    editor.withhold_button.click()
    saved = tmp_path / "plan.json"
    editor.save_plan(saved)
    assert from_json(saved.read_text(encoding="utf-8")) == editor.plan()
    bad = tmp_path / "bad.json"
    bad.write_text('{"spans": [{"message": "x"}]}', encoding="utf-8")
    before = editor.plan()
    editor.load_plan(bad)
    assert editor.plan() == before and "redaction.number" in editor.status.text()
    editor.set_plan(RedactionPlan())
    editor.load_plan(saved)
    assert editor.plan() == before
    editor.accept()
    assert dialog.redaction_plan == before and not dialog.redaction_plan.spans


def test_a_selection_past_an_emoji_names_the_stored_characters() -> None:
    text = "a😀b电话"
    assert utf16_to_index(text, 3) == 2  # "b": the emoji is two UTF-16 units
    assert utf16_to_index(text, 6) == len(text)


def test_the_button_is_for_legal_only(qtbot: QtBot, team: Team) -> None:
    dialog = BundleDialog(team.login("alice"), CASE)
    qtbot.addWidget(dialog)
    assert not dialog.redact_button.isVisibleTo(dialog)


def test_a_line_nobody_sent_is_named_by_its_time_alone(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    """A system line has no sender: its redactions read "Text 2026-01-05 01:01: ..." (it read
    "01:01 : ..." with the missing sender's space)."""
    notice = "05/01/2026, 09:01 - Messages and calls are end-to-end encrypted."
    _dialog, editor = _editor(qtbot, team, tmp_path, [CHAT[0], notice, *CHAT[1:]])
    row = _row(editor, "end-to-end")
    assert editor.messages[row].sender == ""
    editor.table.selectRow(row)
    cursor = editor.text.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(8, cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    editor.reason.setCurrentIndex(editor.reason.findData("IR"))
    editor.span_button.click()
    editor.withhold_button.click()
    shown = [editor.items.item(n).text() for n in range(editor.items.count())]
    assert "IR · Text 2026-01-05 01:01: “Messages” · legal" in shown
    assert "IR · Whole message 2026-01-05 01:01 · legal" in shown
