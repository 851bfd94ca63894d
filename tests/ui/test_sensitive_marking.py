"""The conversation view marks detected bank-card and account numbers (PI-6)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from evidence_desk.services.reading import MessageRow
from evidence_desk.ui.bubbles import SENSITIVE_COLOUR, BubbleDelegate


def _row(text: str) -> MessageRow:
    return MessageRow(
        1, "2026-01-05T01:00:00+00:00", "09:00", "Chen", "in", "text", text, (), (), "M1"
    )


def test_card_numbers_are_marked_and_other_digits_are_not(qtbot: QtBot) -> None:
    del qtbot  # a QApplication for QTextDocument
    delegate = BubbleDelegate()
    marked = delegate._document(_row("我的卡 4111 1111 1111 1111 电话 13800138000"), 300, QFont())
    html = marked.toHtml()
    assert SENSITIVE_COLOUR.lstrip("#") in html.lower() and "underline" in html
    plain = delegate._document(_row("电话 13800138000"), 300, QFont()).toHtml()
    assert SENSITIVE_COLOUR.lstrip("#") not in plain.lower()
    assert (
        marked.toPlainText() == "我的卡 4111 1111 1111 1111 电话 13800138000"
    )  # shown, not hidden
