"""Hash before parse: an import seals (SHA-256 and SM3) each original before a parser reads it,
as the bundle's declaration says (EvP 93(3) error-prevention means; issue 21 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError, StoreError
from evidence_desk.integrity.digests import digest_bytes
from evidence_desk.services import case_blobs, importing
from evidence_desk.services.session import Session
from tests.helpers import Team, approved_contact, opened_imports

CHAT = "05/01/2026, 09:00 - Li Ming: 您好\n05/01/2026, 09:05 - Chen Lixin: 知道了\n"


def _events(session: Session, contact_id: str, paths: list[Path]) -> list[str]:
    said: list[str] = []
    importing.import_files(
        session,
        contact_id,
        paths,
        tz="Asia/Shanghai",
        progress=lambda _percent, what: said.append(what),
    )
    return said


def test_each_original_is_sealed_before_it_is_parsed(team: Team, tmp_path: Path) -> None:
    session, contact_id = approved_contact(team, tmp_path)
    paths = []
    for n in (1, 2):
        path = tmp_path / f"chat{n}.txt"
        path.write_text(CHAT.replace("知道了", f"知道了{n}"), "utf-8")
        paths.append(path)
    said = _events(session, contact_id, paths)
    steps = [s for s in said if "chat1.txt" in s or "chat2.txt" in s]
    assert steps == [
        "Encrypting and sealing chat1.txt…",
        "Reading chat1.txt…",
        "Encrypting and sealing chat2.txt…",
        "Reading chat2.txt…",
    ]
    # what was hashed before the parse is what the import entry records
    recorded = {row["sha256"] for row in opened_imports(session)}
    assert recorded == {digest_bytes(p.read_bytes()).sha256 for p in paths}


def test_a_file_the_parser_refuses_was_hashed_first_and_leaves_nothing(
    team: Team, tmp_path: Path
) -> None:
    session, contact_id = approved_contact(team, tmp_path)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02 not a chat \xff\xfe" * 50)
    blobs_before = set(session.blobs.stored_names())
    said: list[str] = []
    with pytest.raises(ImportInputError):
        importing.import_files(
            session, contact_id, [junk], progress=lambda _p, what: said.append(what)
        )
    assert said == ["Encrypting and sealing junk.txt…", "Reading junk.txt…"]
    assert set(session.blobs.stored_names()) == blobs_before  # its sealed copy removed


def test_an_original_that_cannot_be_placed_fails_the_import_and_leaves_nothing(
    team: Team, tmp_path: Path
) -> None:
    """Each original's fsync and rename run on a thread while the next is sealed and parsed;
    one that fails there (its blob folder's name taken by a file) fails the import before any
    row refers to it, and the originals placed before it are removed again."""
    session, contact_id = approved_contact(team, tmp_path)
    first, second = tmp_path / "chat1.txt", tmp_path / "chat2.txt"
    first.write_text(CHAT, "utf-8")
    store, keyed = case_blobs.writer(session, "2026-SH-1")
    assert keyed
    # blob names are keyed per case, so the contact's documents already sit in random folders:
    # pick a second chat whose folder is neither one of theirs nor the first chat's
    taken = {store.name_for(digest_bytes(first.read_bytes()).sha256)[:2]}
    taken |= {path.name for path in store.root.iterdir()} if store.root.exists() else set()
    for n in range(2, 1000):
        second.write_text(CHAT.replace("知道了", f"知道了{n}"), "utf-8")
        blocked = store.name_for(digest_bytes(second.read_bytes()).sha256)
        if blocked[:2] not in taken:
            break
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / blocked[:2]).write_bytes(b"in the way")
    ledger = session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    names = store.stored_names()
    with pytest.raises(StoreError):
        importing.import_files(session, contact_id, [first, second], tz="Asia/Shanghai")
    assert session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == ledger
    assert opened_imports(session) == []
    assert store.stored_names() == names
    assert store.temp_files() == []
    (store.root / blocked[:2]).unlink()  # the folder free again: the same import goes in
    importing.import_files(session, contact_id, [first, second], tz="Asia/Shanghai")
    assert len(opened_imports(session)) == 2
