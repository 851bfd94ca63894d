"""Counts in the GUI's own strings read as English does ("1 byte", "2 bytes", "1 ledger entry"),
through Qt's %n and the English plural-only translator, also for a size Qt's ``int`` cannot
hold (a 3 GB video); Chinese has one form. A real store verified by the real panel."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from evidence_desk.ui import i18n
from evidence_desk.ui.counted import LARGEST, counted
from evidence_desk.ui.verify_panel import VerifyPanel
from tests.helpers import Team


def _bytes(count: int) -> str:
    return counted(
        lambda n: QCoreApplication.translate("VerifyPanel", "%n byte(s)", "verified", n), count
    )


def test_bytes_in_english_also_beyond_what_qt_counts(qtbot: QtBot) -> None:
    assert [_bytes(n) for n in (0, 1, 2)] == ["0 bytes", "1 byte", "2 bytes"]
    assert _bytes(LARGEST) == f"{LARGEST} bytes"
    # Qt's n is a C int: PySide6 raises OverflowError above it
    with pytest.raises(OverflowError):
        QCoreApplication.translate("VerifyPanel", "%n byte(s)", "verified", LARGEST + 1)
    assert _bytes(3_000_000_000) == "3000000000 bytes"


def test_bytes_in_chinese(qtbot: QtBot, chinese: None) -> None:
    assert [_bytes(n) for n in (1, 2, 3_000_000_000)] == ["1 字节", "2 字节", "3000000000 字节"]


def test_the_verify_summary_counts_each_thing_in_its_form(qtbot: QtBot, team: Team) -> None:
    panel = VerifyPanel(team.login("alice"))
    qtbot.addWidget(panel)
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    report = panel.report
    assert report is not None and report.intact and report.entries > 1
    for counts, said in (
        ((1, 1, 1, 1), "1 ledger entry, 1 checkpoint, 1 original (1 byte) checked."),
        ((2, 2, 2, 2), "2 ledger entries, 2 checkpoints, 2 originals (2 bytes) checked."),
        (
            (report.entries, 0, 0, 3_000_000_000),
            f"{report.entries} ledger entries, 0 checkpoints, 0 originals "
            "(3000000000 bytes) checked.",
        ),
    ):
        entries, checkpoints, blobs, blob_bytes = counts
        panel.show_report(
            dataclasses.replace(
                report,
                entries=entries,
                checkpoints=checkpoints,
                blobs=blobs,
                blob_bytes=blob_bytes,
            )
        )
        assert panel.verdict.text().endswith("INTACT</b> — " + said), panel.verdict.text()
    i18n.install("zh_CN")
    try:
        panel.show_report(dataclasses.replace(report, entries=1, checkpoints=2, blobs=1))
        assert panel.verdict.text().endswith(
            "已校验 1 条存证记录、2 个检查点、1 个原始文件（0 字节）。"
        ), panel.verdict.text()
    finally:
        i18n.install("en")
