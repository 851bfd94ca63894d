"""Hostile files through the import service: a specific error and a store left exactly as it was.

Each case is a file a user could pick (a zip with ``../`` members, a zip bomb, a zip holding only
another zip, a PNG whose header claims 2.5 gigapixels, a 10 MB line, a cut Telegram export,
binary junk, a WhatsApp chat forced as Telegram). The import must raise ImportInputError naming
the file (and member or line) and leave no ledger entry, row, message or blob behind.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.services import import_preview, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact

CHAT = "05/01/2026, 09:00 - Li Ming: 您好\n05/01/2026, 09:05 - Chen Lixin: 知道了\n"


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _png_bomb() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


# name -> (file name, bytes factory, forced format, words the error must contain)
CASES: dict[str, tuple[str, Callable[[], bytes], str | None, tuple[str, ...]]] = {
    "zip slip": (
        "slip.zip",
        lambda: _zip({"_chat.txt": CHAT.encode(), "../../evil.txt": b"x"}),
        None,
        ("slip.zip", "../../evil.txt", "unsafe member path"),
    ),
    "zip bomb (ratio)": (
        "bomb.zip",
        lambda: _zip({"_chat.txt": CHAT.encode(), "IMG-1.jpg": bytes(64 * 1024 * 1024)}),
        None,
        ("bomb.zip", "IMG-1.jpg", "compression ratio"),
    ),
    "nested zip only": (
        "outer.zip",
        lambda: _zip({"inner.zip": _zip({"_chat.txt": CHAT.encode()})}),
        None,
        ("outer.zip", "inner.zip", "not opened recursively"),
    ),
    "image decompression bomb": (
        "bomb.png",
        _png_bomb,
        None,
        ("bomb.png", "limit"),
    ),
    "10 MB single line": (
        "long.txt",
        lambda: (CHAT + "05/01/2026, 09:06 - Chen Lixin: " + "好" * 4_000_000 + "\n").encode(),
        None,
        ("long.txt", "line 3", "longer than"),
    ),
    "truncated JSON": (
        "result.json",
        lambda: b'{"name": "Chen", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "ty',
        "telegram_json",
        ("result.json", "line 1, column", "invalid JSON"),
    ),
    "binary junk": (
        "junk.txt",
        lambda: bytes(range(256)) * 64,
        None,
        ("junk.txt",),
    ),
    "wrong format forced": (
        "WhatsApp Chat with Chen Lixin.txt",
        lambda: CHAT.encode(),
        "telegram_json",
        ("WhatsApp Chat with Chen Lixin.txt", "JSON"),
    ),
}


@pytest.fixture
def approved(team: Team, tmp_path: Path) -> tuple[Session, str]:
    return approved_contact(team, tmp_path)


def _state(session: Session) -> tuple[object, ...]:
    conn = session.conn
    counts = tuple(
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("ledger", "messages", "message_sources", "imports", "items", "blobs")
    )
    return (*counts, frozenset(session.blobs.stored_names()), tuple(session.blobs.temp_files()))


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_and_changes_nothing(
    approved: tuple[Session, str], tmp_path: Path, case: str
) -> None:
    session, contact_id = approved
    file_name, make, forced, words = CASES[case]
    good = tmp_path / "good.txt"
    good.write_text(CHAT, encoding="utf-8")
    hostile = tmp_path / file_name
    hostile.write_bytes(make())
    before = _state(session)
    # alone, and after a good file in the same import (a forced format applies to every file)
    for paths in [[hostile]] + ([[good, hostile]] if forced is None else []):
        with pytest.raises(ImportInputError) as refused:
            importing.import_files(session, contact_id, paths, format_name=forced)
        for word in words:
            assert word in str(refused.value), (case, str(refused.value))
        with pytest.raises(ImportInputError):
            import_preview.preview_import(session, contact_id, paths, format_name=forced)
        assert _state(session) == before
    assert verify_store(session).intact
