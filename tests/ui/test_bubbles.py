"""The attachment chip under a bubble: kind, name and state in the UI's language. A name the
importer made of the kind's code (a WeChat voice message names no file: ``voice``) is left out:
the zh_CN chip read "语音 · voice · 未导出"."""

from __future__ import annotations

from evidence_desk.ui import i18n
from evidence_desk.ui.bubbles import BubbleDelegate


def test_a_chip_leaves_out_a_name_that_is_only_the_kinds_code() -> None:
    voice = {"kind": "voice", "name": "voice", "state": "omitted"}
    photo = {"kind": "image", "name": "IMG-20260602-WA0001.jpg", "state": "exported"}
    assert BubbleDelegate._chip_text(voice) == "voice message · not exported"
    assert BubbleDelegate._chip_text(photo) == "image · IMG-20260602-WA0001.jpg · in export"
    i18n.install("zh_CN")
    try:
        assert BubbleDelegate._chip_text(voice) == "语音 · 未导出"
    finally:
        i18n.install("en")
