"""Codes the store keeps, in words on screen: every ledger action the rule table knows has its
own words in English and in Chinese (the ledger view and the details pane's custody showed
``signing.ca_create`` or ``ocr.read`` as stored, in both languages)."""

from __future__ import annotations

from evidence_desk.domain import authority
from evidence_desk.ui import i18n
from evidence_desk.ui.labels import action_label


def test_every_ledger_action_is_worded_in_english_and_chinese() -> None:
    english = {action: action_label(action) for action in authority.ACTIONS}
    assert [action for action, words in english.items() if words == action] == []
    assert len(set(english.values())) == len(english)  # no two actions read the same
    i18n.install("zh_CN")
    try:
        chinese = {action: action_label(action) for action in authority.ACTIONS}
    finally:
        i18n.install("en")
    assert [action for action, words in chinese.items() if words == english[action]] == []
    assert chinese["signing.ca_create"] == "创建签名 CA"
    assert action_label("some.newer_action") == "some.newer_action"  # shown, never dropped
