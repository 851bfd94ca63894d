"""GUI fixtures: an isolated QSettings per test, English UI, real widgets offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from evidence_desk.ui import i18n  # noqa: E402
from evidence_desk.ui.app import make_application  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: object) -> Iterator[QSettings]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    make_application()
    settings = QSettings()
    settings.clear()
    settings.setValue("ui/language", "en")
    i18n.install("en")
    yield settings
    settings.clear()
