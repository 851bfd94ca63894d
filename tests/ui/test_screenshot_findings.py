"""Screenshots read by OCR in the app's background and shown beside their findings (issue 22).

Real widgets, the real engine, screenshots rendered by the test (tests/ocr_scenario.py): few
images, the engine takes a second or more per image on the shared machine.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts, ocr
from evidence_desk.services.contacts import Item
from evidence_desk.services.session import Session
from evidence_desk.ui.contact_page import ContactPage, ItemRole
from evidence_desk.ui.screenshot_findings import COLOURS, IMAGE_WIDTH
from evidence_desk_testing.screenshots import Chat, Row
from tests.helpers import Team
from tests.ocr_scenario import DOCTORED, FAITHFUL, contact_with_export, import_screenshot

READ_TIMEOUT = 120_000


def _page(qtbot: QtBot, session: Session, contact_id: str) -> ContactPage:
    page = ContactPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    contact = contacts.get_contact(session, contact_id)
    page.display(contact.case_no, contact, "Asia/Shanghai")
    page.inner.setCurrentWidget(page.items_box)
    return page


def _select(page: ContactPage, file_name: str) -> Item:
    for row in range(page.items.count()):
        entry = page.items.item(row)
        assert entry is not None
        item: Item = entry.data(ItemRole)
        if item.file_name == file_name:
            page.items.setCurrentRow(row)
            return item
    raise AssertionError(file_name)


def test_screenshots_are_read_in_the_background_and_shown_with_their_findings(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "faithful.png", FAITHFUL)
    import_screenshot(session, contact_id, tmp_path, "doctored.png", DOCTORED)
    page = _page(qtbot, session, contact_id)

    # not read yet: the panel says so and offers to read them
    _select(page, "doctored.png")
    assert page.findings.isVisible()
    assert "Not read yet" in page.findings.browser.toPlainText()
    assert page.findings.read_button.isVisible()
    menu = page.item_menu(_select(page, "doctored.png"))
    read_action = next(a for a in menu.actions() if a.objectName() == "itemReadScreenshots")
    assert read_action.isEnabled()

    read_action.trigger()  # the reading runs in a worker: the UI thread stays free
    assert page.reader.isVisible() and page.reader.busy()
    assert not page.read_screenshots()  # one reading at a time
    qtbot.waitUntil(lambda: not page.reader.busy(), timeout=READ_TIMEOUT)
    assert not page.reader.isVisible()
    assert ocr.pending(session, contact_id=contact_id) == []
    assert not page.read_screenshots()  # nothing left to read

    # the selected (doctored) screenshot is shown again, now with its findings
    text = page.findings.browser.toPlainText()
    assert not page.findings.read_button.isVisible()
    assert "4 bubbles: 2 matched, 1 differs, 1 not in the export" in text
    assert "Differs from the export" in text and "[48,600]" in text and "[4,860]" in text
    assert "Not in the export" in text and "你已经同意分期了" in text
    assert "Export messages the screenshot skips" in text and "我知道了" in text
    # each bubble's region is outlined in its verdict's colour
    report = page.findings.report
    assert report is not None and report.check is not None
    image = page.findings.image.pixmap().toImage()
    scale = IMAGE_WIDTH / 540
    for verdict in report.check.bubbles:
        left, top, right, _bottom = verdict.bubble.box
        x = int(((left + right) / 2) * scale)
        y = int((top - 6) * scale)
        found = [QColor(image.pixel(x, y + dy)) for dy in range(-2, 3)]
        want = QColor(COLOURS[verdict.status])
        assert any(
            abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue())
            < 90
            for c in found
        ), (verdict.status, [c.name() for c in found])

    _select(page, "faithful.png")
    text = page.findings.browser.toPlainText()
    assert "4 bubbles: 4 matched, 0 differ, 0 not in the export" in text
    assert "skips" not in text

    # another item hides the panel
    _select(page, "chenlixin.txt")
    assert not page.findings.isVisible()


def _state(session: Session, item_id: str) -> tuple[object, ...]:
    conn = session.conn
    return (
        conn.execute("SELECT count(*) FROM ocr_results WHERE item_id = ?", (item_id,)).fetchone(),
        conn.execute(
            "SELECT count(*) FROM ledger WHERE action = 'ocr.read' AND payload LIKE ?",
            (f"%{item_id}%",),
        ).fetchone(),
    )


def test_cancelling_the_reading_keeps_what_was_read_and_leaves_the_rest_unread(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    for name, text in (("one.png", "收到"), ("two.png", "已还清")):
        chat = Chat("陈立新", (Row("them", text),), width=360, height=400)
        import_screenshot(session, contact_id, tmp_path, name, chat)
    first, second = ocr.pending(session, contact_id=contact_id)
    before = _state(session, second.item_id)
    page = _page(qtbot, session, contact_id)

    # hold the worker as it starts the first screenshot, so Cancel is pressed mid-reading
    reached, release = threading.Event(), threading.Event()

    def hold(_percent: int, what: str) -> None:
        if what == "0/2" and not reached.is_set():
            reached.set()
            release.wait(20)

    job = page.reader.prepare(contact_id)
    assert job is not None
    job.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    page.reader.run(job)
    assert page.reader.busy() and not page.read_screenshots()
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    page.reader.cancel_button.click()
    assert "Cancelling" in page.reader.label.text()
    release.set()
    qtbot.waitUntil(lambda: not page.reader.busy(), timeout=READ_TIMEOUT)

    # the screenshot being read when Cancel was pressed is read; the other is as it was
    assert [s.item_id for s in ocr.pending(session, contact_id=contact_id)] == [second.item_id]
    assert ocr.result(session, first.item_id) is not None
    assert _state(session, second.item_id) == before
    # and it is read later, on demand
    assert page.read_screenshots()
    qtbot.waitUntil(lambda: not page.reader.busy(), timeout=READ_TIMEOUT)
    assert ocr.pending(session, contact_id=contact_id) == []


def test_the_conversation_search_finds_screenshots_by_their_ocr_text(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    chat = Chat("陈立新", (Row("them", "分期付款已办好"),), width=360, height=400)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", chat)
    ocr.read_pending(session, contact_id=contact_id)
    page = _page(qtbot, session, contact_id)
    page.inner.setCurrentWidget(page.conversation)
    view = page.conversation

    with qtbot.waitSignal(view.search_done, timeout=20_000) as done:
        view.search("分期付款")
    assert done.args == [0]  # no message says it...
    assert view.match_label.text() == "No match"
    assert "In screenshots (OCR text):" in view.ocr_label.text()  # ...a screenshot does
    assert "instalments.png" in view.ocr_label.text()
    (hit,) = view.screenshot_matches
    view.ocr_label.linkActivated.emit(hit.item_id)  # the link opens it beside its findings
    assert page.inner.currentWidget() is page.items_box
    assert page.items.currentItem().data(ItemRole).id == hit.item_id
    assert page.findings.isVisible()

    with qtbot.waitSignal(view.search_done, timeout=20_000) as done:
        view.search("下周一还款")  # a message's words: a message match, no screenshot
    assert done.args == [1] and view.ocr_label.text() == ""


def test_screenshots_imported_in_the_main_window_are_read_in_the_background(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import importing
    from evidence_desk.ui.main_window import MainWindow
    from evidence_desk_testing.screenshots import png

    session, contact_id = contact_with_export(team, tmp_path)
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.select_contact(contact_id)
    shot = tmp_path / "received.png"
    shot.write_bytes(png(Chat("陈立新", (Row("them", "收到"),), width=360, height=400)))
    # what the import wizard hands the window when it has stored the import
    result = importing.import_files(session, contact_id, [shot], tz="Asia/Shanghai")
    assert result.images == 1
    window._imported(result)
    reader = window.contact_page.reader
    assert reader.busy()
    qtbot.waitUntil(lambda: not reader.busy(), timeout=READ_TIMEOUT)
    assert ocr.pending(session, contact_id=contact_id) == []
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=READ_TIMEOUT)
