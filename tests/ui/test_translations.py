"""Chinese UI: every string of the app and every catalogue code is in the .ts, translated, and
compiled into the .qm."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.ui import i18n
from evidence_desk.ui.login import LoginDialog
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import Team

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "evidence_desk" / "data" / "translations" / "evidence_desk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _translations_script() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    return translations


def test_lupdate_is_found_with_exe_and_in_the_venv_scripts_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translations = _translations_script()
    # a Windows venv: python.exe and pyside6-lupdate.exe in <venv>\Scripts, nothing on PATH
    scripts = tmp_path / "venv" / "Scripts"
    scripts.mkdir(parents=True)
    (scripts / "pyside6-lupdate.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "elsewhere" / "python.exe"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert translations.find_tool("pyside6-lupdate") == str(scripts / "pyside6-lupdate.exe")
    # beside the interpreter wins (the .exe too)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "pyside6-lupdate.exe").write_bytes(b"MZ")
    found = translations.find_tool("pyside6-lupdate")
    assert found == str(tmp_path / "elsewhere" / "pyside6-lupdate.exe")


def test_every_ui_string_and_catalogue_code_is_in_the_ts_and_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translations = _translations_script()
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    translations.update(copy)
    # one entry per catalogue code, its source the current English: a template edited without
    # running scripts/translations.py fails here
    assert translations.read_entries(copy) == translations.read_entries(TS)
    codes = translations.catalogue_codes()
    current = [e for e in translations.read_entries(TS) if e.kind != "vanished"]
    assert {(e.code, e.source) for e in current} == set(codes.items())
    monkeypatch.setattr(translations, "TS", copy)
    assert translations.untranslated() == []


def test_a_reworded_or_removed_code_keeps_its_translation_for_review() -> None:
    translations = _translations_script()
    entry = translations.Entry
    before = [
        entry("a.kept", "kept {n}", "保留 {n}"),
        entry("a.reworded", "old words", "旧译文"),
        entry("a.gone", "gone", "已删"),
    ]
    codes = {"a.kept": "kept {n}", "a.reworded": "new words", "a.new": "new"}
    assert translations.merged_entries(codes, before) == [
        entry("a.kept", "kept {n}", "保留 {n}"),
        entry("a.new", "new", "", "unfinished"),
        entry("a.reworded", "new words", "旧译文", "unfinished"),
        entry("a.gone", "gone", "已删", "vanished"),
        entry("a.reworded", "old words", "旧译文", "vanished"),
    ]
    # the translator finishes the new wording; the old entry stays vanished, as lupdate keeps it
    after = translations.merged_entries(codes, translations.merged_entries(codes, before))
    assert [e.kind for e in after] == ["", "unfinished", "unfinished", "vanished", "vanished"]


def test_fill_from_takes_translations_of_the_same_english_from_another_ts(tmp_path: Path) -> None:
    """A branch that still kept Chinese in a per-context table (source = the English) hands it
    over to the catalogue entries."""
    translations = _translations_script()
    other = tmp_path / "other.ts"
    other.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1" language="zh_CN">\n'
        "<context><name>Services</name>"
        "<message><source>new words</source><translation>新话</translation></message>"
        '<message><source>draft</source><translation type="unfinished">草</translation></message>'
        "</context>\n<context><name>Wording</name>"
        "<message><source>x</source><comment>a.x</comment><translation>叉</translation></message>"
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    entry = translations.Entry
    entries = [
        entry("a.new", "new words", "", "unfinished"),
        entry("a.x", "x", "", "unfinished"),
        entry("a.draft", "draft", "", "unfinished"),
        entry("a.kept", "new words", "保留"),
    ]
    assert translations.filled(entries, [other]) == [
        entry("a.new", "new words", "新话"),
        entry("a.x", "x", "叉"),
        entry("a.draft", "draft", "", "unfinished"),
        entry("a.kept", "new words", "保留"),
    ]


def test_the_qm_holds_every_translation_of_the_ts() -> None:
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    checked = 0
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                continue
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") == "vanished":
                continue
            source, code = message.findtext("source"), message.findtext("comment")
            assert translator.translate(name, source, code) == translation.text
            checked += 1
    assert checked > 300


def test_chinese_interface(qtbot: QtBot, team: Team) -> None:
    i18n.install("zh_CN")
    try:
        dialog = LoginDialog(team.path)
        qtbot.addWidget(dialog)
        assert dialog.login_button.text() == "登录"
        window = MainWindow(team.login("alice"))
        qtbot.addWidget(window)
        assert window.import_action.text() == "导入证据"
        assert "管理员" in window.users_action.toolTip()
        qtbot.waitUntil(lambda: "完整性：完好" in window.integrity_label.text(), timeout=20_000)
    finally:
        i18n.install("en")


def test_language_follows_the_saved_preference(isolated_settings: object) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue("ui/language", "zh_CN")
    assert i18n.preferred_language() == "zh_CN"
    QSettings().setValue("ui/language", "en")
    assert i18n.preferred_language(system="zh_CN") == "en"  # the saved choice wins
    QSettings().remove("ui/language")
    assert i18n.preferred_language(system="zh_CN") == "zh_CN"
    assert i18n.preferred_language(system="zh_TW") == "zh_CN"
    assert i18n.preferred_language(system="en_GB") == "en"
    assert i18n.preferred_language(system="de_DE") == "en"


def test_qt_standard_buttons_are_chinese(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.install("zh_CN")
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and cancel.text().replace("(&C)", "") == "取消"
        assert i18n.language() == "zh_CN" and i18n.qt_translation_folders()
    finally:
        i18n.install("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    button = english.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None and button.text().replace("&", "") == "Cancel"
