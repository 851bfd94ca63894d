"""The verify panel reads screenshots again when asked (verify --deep), with progress and
cancel; the conduct view marks a finding from one of our bubbles in a screenshot (issue 22).

One small screenshot rendered here and read by the real OCR engine, module-scoped (about a
second a reading).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.domain.errors import Cancelled
from evidence_desk.services import conduct, ocr
from evidence_desk.services.verify import verify_store
from evidence_desk.ui import i18n
from evidence_desk.ui.review_ui import FindingsView
from evidence_desk.ui.verify_panel import VerifyPanel
from evidence_desk_testing.screenshots import Chat, Row
from tests.helpers import Team, TickingClock, make_team
from tests.ocr_scenario import contact_with_export, import_screenshot

SMALL = Chat(
    "陈立新",
    (Row("them", "收到"), Row("us", "再不还就是老赖")),  # ours: an insult the export lacks
    width=360,
    height=400,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    folder = tmp_path_factory.mktemp("verify-deep")
    team = make_team(folder / "store", TickingClock())
    session, contact_id = contact_with_export(team, folder)
    import_screenshot(session, contact_id, folder, "small.png", SMALL)
    assert len(ocr.read_pending(session, contact_id=contact_id)) == 1
    yield team
    team.close_all()


def _codes(panel: VerifyPanel) -> list[str]:
    return [panel.table.item(row, 1).text() for row in range(panel.table.rowCount())]


def test_ticked_the_panel_reads_every_screenshot_again(qtbot: QtBot, store: Team) -> None:
    panel = VerifyPanel(store.login("lee"))
    qtbot.addWidget(panel)
    assert not panel.deep.isChecked()  # the slow check only when asked
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=60_000)
    assert panel.report is not None and panel.report.intact
    assert "ocr.not_reread" in _codes(panel) and "ocr.reread_same" not in _codes(panel)

    panel.report = None
    panel.deep.setChecked(True)
    steps: list[tuple[int, str]] = []
    job = panel.run()
    assert job is not None and not panel.deep.isEnabled() and not panel.cancel_button.isHidden()
    job.on_progress(lambda percent, stage: steps.append((percent, stage)))
    qtbot.waitUntil(lambda: panel.report is not None, timeout=120_000)
    assert panel.report is not None and panel.report.intact
    codes = _codes(panel)
    assert "ocr.reread_same" in codes and "ocr.not_reread" not in codes
    row = codes.index("ocr.reread_same")
    assert "1" in panel.table.item(row, 3).text()
    assert any(stage == "screenshots" for _percent, stage in steps)
    assert panel.deep.isEnabled() and panel.cancel_button.isHidden()
    assert panel.progress.isHidden()


def test_cancel_stops_a_deep_verify(qtbot: QtBot, store: Team) -> None:
    panel = VerifyPanel(store.login("lee"))
    qtbot.addWidget(panel)
    panel.deep.setChecked(True)
    job = panel.run()
    assert job is not None
    panel.cancel()
    qtbot.waitUntil(lambda: panel._job is None, timeout=60_000)
    assert panel.report is None  # a partial verify concludes nothing
    assert "cancelled" in panel.verdict.text()
    assert panel.verify_button.isEnabled() and panel.cancel_button.isHidden()
    # the service itself: a verify told it is cancelled raises, it reports nothing
    with pytest.raises(Cancelled):
        verify_store(store.login("lee"), deep=True, cancelled=lambda: True)


def test_the_conduct_view_marks_a_screenshot_finding_in_chinese(qtbot: QtBot, store: Team) -> None:
    i18n.install("zh_CN")
    try:
        view = FindingsView(store.login("sam"), conduct)
        qtbot.addWidget(view)
        view.run()
        qtbot.waitUntil(lambda: view.job is None, timeout=60_000)
        shots = [f for f in view.findings if f.screenshot is not None]
        assert [f.rule for f in shots] == [conduct.LEXICON]
        rows = [
            [view.table.item(r, c).text() for c in range(view.table.columnCount())]
            for r in range(view.table.rowCount())
        ]
        (row,) = [r for r in rows if "截图" in r[0]]
        assert "截图（OCR）" in row[0]
        assert shots[0].screenshot is not None
        assert shots[0].screenshot.item_id in row[3] and "老赖" in row[3]
        assert "our bubble" not in row[3]  # said in Chinese
    finally:
        i18n.install("en")
