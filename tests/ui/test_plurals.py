"""Counts read as English does: "1 contact in this case", "2 contacts", "1 message", never
"contact(s)". The English interface installs a translator holding only the plural forms of the
GUI's "%n ..." strings (evidence_desk_en.ts, lupdate -pluralonly); Chinese has one form. The
real contact page and conversation view, on a real store."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts
from evidence_desk.ui import i18n
from evidence_desk.ui.contact_page import ContactPage
from tests.helpers import Team, approved_contact

ROOT = Path(__file__).resolve().parents[2]


def test_the_case_page_counts_its_contacts_in_proper_english(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    session, contact_id = approved_contact(team, tmp_path)
    page = ContactPage(session)
    qtbot.addWidget(page)
    page.display("2026-SH-1", None, "Asia/Shanghai")
    assert page.placeholder.text().startswith("1 contact in this case.")
    approved_contact(team, tmp_path, handle="+8613800000001", display_name="Chen (2)")
    page.display("2026-SH-1", None, "Asia/Shanghai")
    assert page.placeholder.text().startswith("2 contacts in this case.")
    page.display("2026-SH-1", contacts.get_contact(session, contact_id), "Asia/Shanghai")
    assert page.conversation.count_label.text() == "0 messages"
    i18n.install("zh_CN")
    try:
        page.display("2026-SH-1", None, "Asia/Shanghai")
        assert page.placeholder.text().startswith("本案件有 2 个联系人。")
    finally:
        i18n.install("en")


def test_no_interface_string_says_a_count_with_s_in_brackets_untranslated() -> None:
    """Every "(s)" the interface writes is a %n string with its English plural forms."""
    english = (ROOT / "evidence_desk/data/translations/evidence_desk_en.ts").read_text("utf-8")
    for source in sorted((ROOT / "evidence_desk/ui").glob("*.py")):
        for text in re.findall(r'"([^"\n]*\(s\)[^"\n]*)"', source.read_text("utf-8")):
            assert "%n" in text, (source.name, text)
            assert text.replace("'", "&apos;") in english, (source.name, text)


def _plural_words() -> set[str]:
    """The English plural nouns of the interface: each word ending in "s" of a "%n ..." string's
    plural form that its singular form does not have ("messages", "entries", "bytes")."""
    english = ET.parse(ROOT / "evidence_desk/data/translations/evidence_desk_en.ts")
    words: set[str] = set()
    for translation in english.getroot().iter("translation"):
        forms = [form.text or "" for form in translation.findall("numerusform")]
        if len(forms) == 2:
            words |= set(re.findall(r"[a-z]+s\b", forms[1])) - set(re.findall(r"[a-z]+", forms[0]))
    return words


def _interface_strings() -> Iterator[tuple[str, int, str]]:
    """Every literal the interface translates (``tr``, ``QCoreApplication.translate``)."""
    for source in sorted((ROOT / "evidence_desk/ui").glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = node.args[1:] if name == "translate" else node.args
            text = args[0].value if args and isinstance(args[0], ast.Constant) else None
            if name in ("tr", "translate") and isinstance(text, str):
                yield source.name, node.lineno, text


def test_no_interface_string_puts_a_number_before_a_fixed_plural() -> None:
    """A placeholder followed by a plural word ("%1 messages", "%2 ledger entries") says
    "1 messages" for one: such a count is a %n piece of its own."""
    plural = _plural_words()
    assert {"messages", "entries", "bytes", "files"} <= plural
    for name, line, text in _interface_strings():
        for match in re.finditer(r"%[1-9] (?:([a-z]+) )?([a-z]+)", text):
            assert not {match.group(1), match.group(2)} & plural, (name, line, text)
