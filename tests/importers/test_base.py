"""The normalised output every parser is judged by (EV-5)."""

from __future__ import annotations

import json

import pytest

from evidence_desk.domain.wording import Phrase
from evidence_desk.importers import registry
from evidence_desk.importers.base import (
    ExportSource,
    ParsedChat,
    ParseProblem,
    normalised_bytes,
    sealed_phrase,
    sealed_problem,
)

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好\n"
    '05/01/2026, 09:01 - Chen Lixin: a text that says "messages":[] on purpose\n'
    "05/01/2026, 09:02 - Chen Lixin: 第二行\n续行\n"
)


def _whole_document(chat: ParsedChat) -> bytes:
    """The definition: one canonical JSON document of the whole parse."""
    doc = json.loads(normalised_bytes(chat))
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_spliced_encoding_equals_one_canonical_document() -> None:
    source = ExportSource("WhatsApp Chat with Chen Lixin.txt", CHAT.encode("utf-8"))
    chat = registry.parse(source, "Asia/Shanghai")
    assert isinstance(chat, ParsedChat)
    encoded = normalised_bytes(chat)
    assert encoded == _whole_document(chat)
    document = json.loads(encoded)
    assert [m["text"] for m in document["messages"]] == [
        "您好",
        'a text that says "messages":[] on purpose',
        "第二行\n续行",
    ]


def test_a_problem_is_sealed_as_code_and_facts_with_nested_phrases_nested() -> None:
    # Phrases made by hand: a Catalogue would register its codes for the whole test session
    inner = Phrase("inner 7", "test_base.inner", (("value", "7"),))
    reason = Phrase(
        "outer: inner 7 at here", "test_base.outer", (("reason", inner), ("place", "here"))
    )
    problem = ParseProblem("chat.txt", "line 3", reason, "error")
    assert sealed_problem(problem) == {
        "code": "test_base.outer",
        "facts": {
            "reason": {"code": "test_base.inner", "facts": {"value": "7"}},
            "place": "here",
        },
        "file": "chat.txt",
        "locator": "line 3",
        "severity": "error",
    }
    assert sealed_phrase(reason)["code"] == "test_base.outer"
    hidden = ParseProblem("chat.txt", "line 3", reason, unsealed=("place",))
    assert "place" not in sealed_problem(hidden)["facts"]  # type: ignore[operator]


def test_an_uncoded_sentence_cannot_be_sealed() -> None:
    with pytest.raises(ValueError, match="uncoded"):
        sealed_problem(ParseProblem("chat.txt", "line 1", "plain English"))
