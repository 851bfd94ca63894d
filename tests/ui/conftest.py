"""GUI fixtures: an isolated QSettings per test, English UI, real widgets offscreen."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts
from evidence_desk.services.demo import visit_recording_wav
from evidence_desk.ui import i18n
from evidence_desk.ui.app import make_application
from evidence_desk.ui.import_wizard import ImportWizard
from tests.helpers import Team, approved_contact


@pytest.fixture
def chinese() -> Iterator[None]:
    """The UI in Chinese for one test, English again after it."""
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: object) -> Iterator[QSettings]:
    # The cyclic collector runs in whichever thread allocates when its threshold is reached,
    # often a worker job's. Freeing there the Python wrappers of widgets Qt has already
    # deleted (a closed import wizard's, kept by reference cycles) makes shiboken 6.11 queue
    # their deletion for the GUI thread, which then crashed (SIGSEGV in
    # BindingManager::runDeletionInMainThread). So during a GUI test the collector is off, and
    # after it the closed widgets are deleted and the cycles collected here, on the GUI thread.
    gc.disable()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    make_application()
    settings = QSettings()
    settings.clear()
    settings.setValue("ui/language", "en")
    i18n.install("en")
    yield settings
    settings.clear()
    # pytest-qt has closed the test's widgets and called deleteLater on them
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.enable()
    gc.collect()


# -- shared helpers for GUI tests ----------------------------------------------------------------

WHATSAPP_CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000\n"
    "05/01/2026, 09:07 - Chen Lixin: IMG-20260105-WA0001.jpg (file attached)\n"
    "21/01/2026, 10:00 - Li Ming: 收到您的 5000 元，谢谢。\n"
    "21/01/2026, 10:02 - Chen Lixin: 剩下的二月底前还清\n"
)


def png_bytes(
    colour: tuple[int, int, int] = (200, 230, 200), size: tuple[int, int] = (90, 160)
) -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((10, 10, size[0] - 10, 40), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def whatsapp_zip(folder: Path, chat: str = WHATSAPP_CHAT) -> Path:
    import zipfile

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "WhatsApp Chat with Chen Lixin.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("WhatsApp Chat with Chen Lixin.txt", chat.encode("utf-8"))
        archive.writestr("IMG-20260105-WA0001.jpg", jpeg_bytes())
    return path


def screenshots(folder: Path, count: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"Screenshot_2026010{n + 1}-101500.png"
        path.write_bytes(png_bytes((200 + n * 20, 230, 200)))
        paths.append(path)
    return paths


def previewed_recording(qtbot: QtBot, team: Team, tmp_path: Path, name: str) -> ImportWizard:
    """The import wizard on its preview page, for a 65-second WAV visit recording called
    ``name`` added to an approved contact by staff."""
    staff, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / name
    recording.write_bytes(visit_recording_wav(seconds=65))
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.add_paths([recording])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)
    return wizard
