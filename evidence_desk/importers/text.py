"""Decoding export bytes to text, with the encoding and any repair recorded.

Exports arrive as UTF-8 (with or without BOM), UTF-16 (Windows tools) or GB18030 (Excel on a
Chinese Windows re-saving a CSV). We decide by evidence, in that order, and never silently replace
undecodable bytes: a file that decodes under none of them is rejected with the byte offset.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue

_said = Catalogue(
    {
        "text.nul_byte": "binary data (NUL byte) in a text export",
        "text.not_text": "not valid UTF-8, UTF-16 or GB18030 text",
        "text.invalid_encoding": "invalid {encoding} text",
        "text.line_too_long": "line longer than {limit} characters",
    }
)

# Cap on a single physical line; longer lines are rejected rather than buffered (issue 4, safety).
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "gb18030"


def decode_export(name: str, data: bytes, *, allow_gb18030: bool = True) -> DecodedText:
    """Decode ``data`` strictly. Raises ImportInputError naming the file and byte offset."""
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(name, data[3:], "utf-8"), "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE):
        return DecodedText(_strict(name, data[2:], "utf-16-le"), "utf-16-le")
    if data.startswith(codecs.BOM_UTF16_BE):
        return DecodedText(_strict(name, data[2:], "utf-16-be"), "utf-16-be")
    if b"\x00" in data[:4096]:
        # BOM-less UTF-16: ASCII text has every other byte zero.
        head = data[:4096]
        even_zero = head[0::2].count(0)
        odd_zero = head[1::2].count(0)
        if odd_zero > even_zero and odd_zero > len(head) // 8:
            return DecodedText(_strict(name, data, "utf-16-le"), "utf-16-le")
        if even_zero > odd_zero and even_zero > len(head) // 8:
            return DecodedText(_strict(name, data, "utf-16-be"), "utf-16-be")
        raise ImportInputError(name, f"byte {data.index(0)}", _said("text.nul_byte"))
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        if allow_gb18030:
            try:
                return DecodedText(data.decode("gb18030"), "gb18030")
            except UnicodeDecodeError:
                pass
        raise ImportInputError(
            name,
            f"byte {utf8_error.start}",
            _said("text.not_text"),
        ) from None


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportInputError(
            name, f"byte {error.start}", _said("text.invalid_encoding", encoding=encoding)
        ) from None


def check_line_lengths(name: str, text: str) -> None:
    """Reject a file with a pathological single line (e.g. a 10 MB line) naming the line.

    Jumps a window of the limit at a time (to the last line break in it; every line before
    that break is short enough) instead of visiting each line: a 100k-line chat takes a few
    C-level searches instead of a Python loop over its lines.
    """
    limit = MAX_LINE_CHARS
    start = 0
    length = len(text)
    while length - start > limit:
        cut = text.rfind("\n", start, start + limit + 1)
        if cut == -1:  # no break within the limit: the line at `start` is too long
            line = text.count("\n", 0, start) + 1
            raise ImportInputError(name, f"line {line}", _said("text.line_too_long", limit=limit))
        start = cut + 1
