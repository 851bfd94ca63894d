"""Plural templates through the Qt-free reader (evidence_desk/translations.py): Chinese has one
form (``{count} 行有误``), a language with plurals words ``{count:form|forms}`` as the English
does, and the .ts still holds one entry per code whose source shows both English forms.
(tests/ui/test_service_text_plurals.py does the same through Qt.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from defusedxml import ElementTree

from evidence_desk import translations
from evidence_desk.domain.wording import Catalogue

said = Catalogue({"test.tsp_rows": "{count} {count:row|rows} in {where}"})

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Wording</name>
    <message>
        <source>{count} {count:row|rows} in {where}</source>
        <comment>test.tsp_rows</comment>
        <translation>{count} {count:Zeile|Zeilen} in {where}</translation>
    </message>
</context>
</TS>
"""


def test_chinese_has_one_form_for_every_count() -> None:
    translations.register_all()
    from evidence_desk.services.cases import _said as cases_said

    for count in (0, 1, 2):
        phrase = cases_said("case.bad_rows", count=count)
        assert translations.say(phrase, "zh_CN") == f"{count} 行有误"
    assert translations.say(cases_said("case.bad_rows", count=1), "en") == "1 bad row"
    assert translations.translated_template("case.bad_rows", "zh_CN") == "{count} 行有误"


def test_a_translated_template_may_use_the_plural_syntax(
    own_ts: Callable[[str, str], Path],
) -> None:
    own_ts("evidence_desk_de.ts", TS)
    assert translations.say(said("test.tsp_rows", count=1, where="a.csv"), "de") == (
        "1 Zeile in a.csv"
    )
    assert translations.say(said("test.tsp_rows", count=2, where="a.csv"), "de") == (
        "2 Zeilen in a.csv"
    )
    assert translations.say(said("test.tsp_rows", count="1", where="b"), "de") == "1 Zeile in b"


def test_fill_counts_the_stored_fact_not_the_shown_one() -> None:
    template = "{count} {count:Zeile|Zeilen}"
    assert translations.fill(template, {"count": "1"}) == "1 Zeile"
    # shown as a word, counted as stored
    assert translations.fill(template, {"count": "eins"}, {"count": "1"}) == "eins Zeile"
    # a fact the sentence does not have stays as written, plural or not
    assert translations.fill("{n:a|b} {count}", {"count": "2"}) == "{n:a|b} 2"


def test_the_ts_holds_one_entry_per_code_with_both_english_forms() -> None:
    codes = translations.register_all()
    root = ElementTree.parse(translations.ts_path("zh_CN")).getroot()
    live = [
        (message.findtext("comment"), message.findtext("source"))
        for context in root.iter("context")
        if context.findtext("name") == translations.CONTEXT
        for message in context.iter("message")
        if message.find("translation").get("type") != "vanished"
    ]
    per_code = Counter(code for code, _source in live)
    assert [code for code, n in per_code.items() if n > 1] == []
    assert dict(live) == codes
    assert dict(live)["case.bad_rows"] == "{count} bad {count:row|rows}"
