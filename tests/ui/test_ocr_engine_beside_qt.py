"""The OCR engine's OpenCV and PySide6 in one process (issue 22).

opencv-python bundles its own Qt plugins, which clash with PySide6's; the app depends on the
headless build instead. Here the engine is loaded and run first, then real widgets are drawn
and grabbed in the same process: Qt must still find its own platform plugin and render.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from evidence_desk.ocr import engine
from evidence_desk_testing.screenshots import Chat, Row, png


def test_the_desktop_opencv_is_not_installed() -> None:
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("opencv-python")
    assert importlib.metadata.version("opencv-python-headless")
    # the desktop build ships cv2/qt/plugins; the headless one has no Qt at all
    assert not (Path(cv2.__file__).parent / "qt").exists()


def test_qt_draws_after_the_engine_ran(qtbot: QtBot) -> None:
    image = png(Chat("陈立新", (Row("them", "收到"),), width=360, height=400))
    read = engine.shared().read(image)
    assert "陈立新" in [line.text for line in read.lines]

    label = QLabel("陈立新 收到")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    grabbed = label.grab().toImage()
    assert not grabbed.isNull() and grabbed.width() > 0
    # Qt's plugins are PySide6's own, not a copy OpenCV brought along
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    assert "PySide6" in plugins.parts
    app = QApplication.instance()
    assert isinstance(app, QApplication) and app.platformName() == "offscreen"
