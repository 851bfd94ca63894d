"""WeChat exports from third-party PC tools (chat-formats.md §3): the umbrella importer.

The registry lists this package's ``IMPORTER``: ``detect`` names the tool, layout and encoding
(``"WeChat MemoTrace CSV, UTF-8 BOM, 12 columns"``) and ``parse`` hands over to that variant.
The variants (``csv_export``, ``html_export``, ``txt_export``) share ``common``; each is also
reachable on its own with ``--format``.
"""

from __future__ import annotations

import re

from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import ExportSource, ImportInputError, ParsedChat
from evidence_desk.importers.wechat import csv_export, html_export, txt_export
from evidence_desk.importers.wechat.common import (
    PARSER_VERSION,
    MainFile,
    Variant,
    opened_members,
    pick_main,
)

__all__ = ["IMPORTER", "WeChatImporter"]

_said = Catalogue(
    {
        "wechat.detected_training": "WeChat MemoTrace AI-training JSON (not accepted as evidence)",
        "wechat.training_json": "MemoTrace's JSON export is an AI training set: shuffled, text "
        "only, no times or senders. It cannot serve as evidence; export CSV, TXT or HTML instead",
        "wechat.not_wechat": "not a recognised WeChat export (MemoTrace CSV/TXT/HTML, PyWxDump "
        "CSV, WechatExporter TXT/HTML)",
    }
)


def _variants() -> tuple[Variant, ...]:
    return (*csv_export.IMPORTERS, *html_export.IMPORTERS, *txt_export.IMPORTERS)


_TRAINING_JSON_RE = re.compile(r"_(?:train|dev)\.json$", re.IGNORECASE)


class WeChatImporter:
    """Every supported WeChat export; ``detect`` names the variant, ``parse`` delegates to it.

    For a folder or zip the chat file is chosen here: the most specific variant wins (CSV, then
    HTML, then TXT, as they carry more of the database), at the shallowest depth.
    """

    name = "wechat"
    version = PARSER_VERSION

    def _resolve(self, source: ExportSource) -> tuple[Variant, MainFile] | None:
        plain = bool(source.data) or not source.members
        opened = [source] if plain else opened_members(source)
        for variant in _variants():
            hits = [(s, r) for s in opened if (r := variant.detect_plain(s)) is not None]
            if plain and hits:
                return variant, MainFile(source, hits[0][1])
            main = pick_main(hits)
            if main is not None:
                return variant, main
        return None

    def detect(self, source: ExportSource) -> str | None:
        try:
            resolved = self._resolve(source)
            if resolved is not None:
                return resolved[1].reason
            if _is_training_json(source):
                return _said("wechat.detected_training")
        except Exception:
            return None
        return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        resolved = self._resolve(source)
        if resolved is not None:
            return resolved[0].parse(source, tz)
        if _is_training_json(source):
            raise ImportInputError(
                source.name,
                "",
                _said("wechat.training_json"),
            )
        raise ImportInputError(
            source.name,
            "line 1" if source.data else "",
            _said("wechat.not_wechat"),
        )


def _is_training_json(source: ExportSource) -> bool:
    if not _TRAINING_JSON_RE.search(source.name):
        return False
    head = source.data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    return head[:1] in (b"[", b"{") and b'"role"' in head


IMPORTER = WeChatImporter()
