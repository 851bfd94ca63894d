"""Console output that never fails on a character the console's code page lacks.

On Windows, output redirected to a file (``evidence-desk case add ... > out.txt``) is encoded in
the ANSI code page: cp936 (GBK) on a Chinese system, cp1252 on a Western one. Python's default
for stdout is to *raise* on a character that code page lacks (Chinese under cp1252, an emoji
under GBK), and the CLI prints its result after the service has committed, so a strict stream
would turn a done command into an error. The CLI keeps the encoding the system chose (the file
is what the user's other tools expect) and writes a character it cannot encode as a Python
escape (``\\u5f20``), as Python itself does on stderr; JSON output falls back to ``ensure_ascii``
escapes instead, so it stays valid JSON that decodes to the same text. ``PYTHONIOENCODING=utf-8``
(or ``PYTHONUTF8=1``) makes the output UTF-8. See docs/CLI.md, "Output encoding".
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO


def make_streams_safe() -> None:
    """Write characters stdout/stderr cannot encode as backslash escapes instead of raising.

    An error handler the user chose explicitly (``PYTHONIOENCODING=cp936:replace``) is kept."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "errors", None) != "strict":
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def encodable(text: str, stream: TextIO | None = None) -> bool:
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def json_text(data: Any) -> str:
    """``data`` as indented JSON: readable characters where stdout can encode them, ``\\uXXXX``
    escapes (still valid JSON, same text when parsed) where it cannot."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text if encodable(text) else json.dumps(data, ensure_ascii=True, indent=2)
