"""The normalised output every parser is judged by (EV-5)."""

from __future__ import annotations

import json

from evidence_desk.importers import registry
from evidence_desk.importers.base import ExportSource, ParsedChat, normalised_bytes

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
