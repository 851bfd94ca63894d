"""The settings dialog names every store setting in words, in English and in Chinese (the
organisation checkpoints' witness setting was shown by its key, ``org_witness``), and a long
value shows its beginning."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from evidence_desk.services import settings as settings_service
from evidence_desk.ui import i18n
from evidence_desk.ui.settings_dialog import SettingsDialog
from tests.helpers import Team


def _labels(dialog: SettingsDialog) -> dict[str, str]:
    shown: dict[str, str] = {}
    for key, edit in dialog.fields.items():
        form = edit.parentWidget().layout()
        assert isinstance(form, QFormLayout)
        label = form.labelForField(edit)
        assert isinstance(label, QLabel)
        shown[key] = label.text()
    return shown


def test_every_store_setting_has_words_for_its_label(qtbot: QtBot, team: Team) -> None:
    admin = team.login("ada")
    dialog = SettingsDialog(admin)
    qtbot.addWidget(dialog)
    english = _labels(dialog)
    assert set(english) == set(settings_service.SETTINGS)  # every setting the services know
    assert [key for key, label in english.items() if label == key] == []
    assert english["org_witness"].startswith("Cosign organisation checkpoints")
    i18n.install("zh_CN")
    try:
        chinese_dialog = SettingsDialog(admin)
        qtbot.addWidget(chinese_dialog)
        chinese = _labels(chinese_dialog)
    finally:
        i18n.install("en")
    assert [key for key, label in chinese.items() if label == english[key]] == []
    assert chinese["org_witness"].startswith("联署组织检查点")


def test_a_long_value_shows_its_beginning(qtbot: QtBot, team: Team) -> None:
    admin = team.login("ada")
    name = "示例资产管理有限公司 (Demo Asset Management Company Limited)"
    settings_service.set_value(admin, "organisation", name)
    dialog = SettingsDialog(admin)
    qtbot.addWidget(dialog)
    edit = dialog.fields["organisation"]
    assert isinstance(edit, QLineEdit) and edit.text() == name
    assert edit.cursorPosition() == 0  # the field scrolled to the end showed "司 (Demo ..."
