"""Plural templates on screen (ui/service_text.py, through Qt's translator): Chinese says one
form for any count, English shows the catalogue's own "1 bad row" / "2 bad rows", and a
translation that uses the plural syntax itself is filled by the count like the English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from evidence_desk import translations
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.breaches import _said as breach_said
from evidence_desk.services.cases import _said as cases_said
from evidence_desk.ui import i18n, service_text

ROOT = Path(__file__).resolve().parents[2]

said = Catalogue({"test.stp_rows": "{count} {count:row|rows} in {where}"})

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Wording</name>
    <message>
        <source>{count} {count:row|rows} in {where}</source>
        <comment>test.stp_rows</comment>
        <translation>{where}：{count:一行|多行}（{count}）</translation>
    </message>
</context>
</TS>
"""


def _lrelease() -> str:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations as script
    finally:
        sys.path.pop(0)
    found = script.find_tool("pyside6-lrelease")
    assert found is not None
    return found


@pytest.mark.parametrize("count", [0, 1, 2])
def test_chinese_says_one_form_for_every_count(chinese: None, count: int) -> None:
    phrase = cases_said("case.bad_rows", count=count)
    assert service_text.phrase(phrase) == f"{count} 行有误"
    assert service_text.phrase(phrase) == translations.say(phrase, "zh_CN")
    scope = breach_said("breach.notice_scope", cases=count, people=1)
    assert service_text.phrase(scope) == f"涉及 {count} 个案件、约 1 人。"


def test_english_shows_the_catalogues_singular_and_plural() -> None:
    assert i18n.language() == "en"
    assert service_text.phrase(cases_said("case.bad_rows", count=1)) == "1 bad row"
    assert service_text.phrase(cases_said("case.bad_rows", count=2)) == "2 bad rows"
    scope = breach_said("breach.notice_scope", cases=1, people=3)
    assert service_text.phrase(scope) == "It concerns 1 case and about 3 people."
    # Qt has no English entry for the code: the plural template is not filled in as English
    assert service_text.template("case.bad_rows") is None


def test_a_qt_translation_with_the_plural_syntax_is_filled_by_the_count(
    chinese: None, tmp_path: Path
) -> None:
    ts, qm = tmp_path / "plural.ts", tmp_path / "plural.qm"
    ts.write_text(TS, encoding="utf-8")
    subprocess.run([_lrelease(), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        one = said("test.stp_rows", count=1, where="a.csv")
        assert (one, service_text.phrase(one)) == ("1 row in a.csv", "a.csv：一行（1）")
        two = said("test.stp_rows", count="2", where="b.csv")
        assert (two, service_text.phrase(two)) == ("2 rows in b.csv", "b.csv：多行（2）")
    finally:
        QCoreApplication.removeTranslator(translator)
