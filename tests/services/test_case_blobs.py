"""Originals under the case key (services/case_blobs.py): a copy per case, opened with that
case's key only; verify checks every copy, and says what a verifier without the key could not."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import (
    case_blobs,
    contacts,
    importing,
    originals,
    reading,
    users,
    verify,
)
from evidence_desk.services.session import Session, put
from evidence_desk.store import case_keys as ck
from evidence_desk.store.blobs import BlobCorrupted
from tests.helpers import (
    ADMIN,
    FAST_KDF,
    Team,
    approved_contact,
    insider_code,
    insider_session,
    raw_connection,
)

SCREENSHOT = b"\x89PNG\r\n\x1a\n a screenshot of the debtor's promise, same file for two cases"


def _attach_same_file(team: Team, tmp_path: Path) -> tuple[Session, str, str, Path]:
    """Two cases, each given the same screenshot; returns alice's session, both contacts and
    the file."""
    alice, first = approved_contact(team, tmp_path / "a", case_no="C-A", handle="+8613800000001")
    _, second = approved_contact(team, tmp_path / "b", case_no="C-B", handle="+8613800000002")
    shot = tmp_path / "promise.png"
    shot.write_bytes(SCREENSHOT)
    contacts.attach_documents(alice, first, [shot])
    contacts.attach_documents(alice, second, [shot])
    return alice, first, second, shot


def _codes(report: verify.VerifyReport) -> list[str]:
    return [f.code for f in report.findings]


def test_the_same_file_in_two_cases_is_two_files_each_under_its_case_key(
    team: Team, tmp_path: Path
) -> None:
    alice, first, second, shot = _attach_same_file(team, tmp_path)
    sha256 = contacts.contact_items(alice, first)[-1].sha256
    copies = {
        str(r["case_no"]): str(r["name"])
        for r in alice.conn.execute("SELECT * FROM case_blobs WHERE sha256 = ?", (sha256,))
    }
    assert sorted(copies) == ["C-A", "C-B"] and len(set(copies.values())) == 2
    for name in copies.values():
        assert alice.blobs.path_for_name(name).is_file()
    # one record of the original, with no file under the store key
    assert (
        alice.conn.execute("SELECT name FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()[0] == ""
    )
    assert not alice.blobs.path_for(sha256).exists()
    for case_no in copies:
        assert case_blobs.read_bytes(alice, sha256, case_no) == SCREENSHOT
    assert reading.document_bytes(alice, second, sha256) == shot.read_bytes()
    report = verify.verify_store(alice)
    assert report.intact, [f.as_json() for f in report.errors]
    assert "blob.orphan" not in _codes(report)
    # every copy was decrypted and re-hashed: the four request documents, the screenshot twice
    assert report.blobs == 6


def test_a_copy_does_not_open_with_another_cases_key_or_the_store_key(
    team: Team, tmp_path: Path
) -> None:
    alice, first, _second, _shot = _attach_same_file(team, tmp_path)
    sha256 = contacts.contact_items(alice, first)[-1].sha256
    store_a, store_b = case_blobs.store_of(alice, "C-A"), case_blobs.store_of(alice, "C-B")
    assert store_a is not None and store_b is not None
    file_a = store_a.path_for(sha256)
    # put case A's file where case B's store and the store key look for the original
    for other in (store_b, alice.blobs):
        target = other.path_for(sha256)
        saved = target.read_bytes() if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file_a.read_bytes())
        with pytest.raises(BlobCorrupted):
            other.read_bytes(sha256)
        if saved is None:
            target.unlink()
        else:
            target.write_bytes(saved)
    # the copy swapped into case B's place fails verify there, not at case A
    store_b.path_for(sha256).write_bytes(file_a.read_bytes())
    report = verify.verify_store(alice)
    places = {(f.code, f.location) for f in report.errors}
    assert places == {("blob.corrupted", f"blob sha256 {sha256} of case C-B")}


def test_an_auditor_verifies_without_reading_originals_and_says_so(
    team: Team, tmp_path: Path
) -> None:
    alice, first, _second, _shot = _attach_same_file(team, tmp_path)
    chat = tmp_path / "chat.txt"
    chat.write_text("05/01/2026, 09:00 - Chen Lixin: 下周还款\n", encoding="utf-8")
    importing.import_files(alice, first, [chat], tz="Asia/Shanghai")
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    audrey = team.login("audrey")
    report = verify.verify_store(audrey)
    assert report.intact, [f.as_json() for f in report.errors]
    warned = [f for f in report.findings if f.code == "blob.not_performed"]
    assert [f.location for f in warned] == ["originals of case C-A", "originals of case C-B"]
    assert all(f.severity == "warning" and "audrey" in f.detail for f in warned)
    assert report.blobs == 0  # nothing counted as checked
    # the files are still looked for: a missing one is an error even for her
    sha256 = contacts.contact_items(alice, first)[-1].sha256
    store = case_blobs.store_of(alice, "C-A")
    assert store is not None
    store.path_for(sha256).unlink()
    missing = verify.verify_store(audrey)
    assert ("blob.corrupted", f"blob sha256 {sha256} of case C-A") in {
        (f.code, f.location) for f in missing.errors
    }


def test_a_reader_without_the_case_key_neither_reads_nor_adds_originals(
    team: Team, tmp_path: Path
) -> None:
    alice, first, _second, shot = _attach_same_file(team, tmp_path)
    sha256 = contacts.contact_items(alice, first)[-1].sha256
    bob = team.login("bob")
    conn = raw_connection(team.path, "bob", "bob-password")
    try:  # bob's wrap gone (as for a user whose key arrived after the last admin login)
        ck.delete_wrap(conn, "C-A", "bob")
    finally:
        conn.close()
    with pytest.raises(RuleViolation) as refused:
        reading.document_bytes(bob, first, sha256)
    assert refused.value.rule == "case.key_missing"
    # by digest alone he reads the copy of the case he holds the key of
    assert reading.original_bytes(bob, sha256) == SCREENSHOT
    names = bob.blobs.stored_names()
    with pytest.raises(RuleViolation) as refused:
        contacts.attach_documents(bob, first, [shot])
    assert refused.value.rule == "case.key_missing"
    assert bob.blobs.stored_names() == names  # nothing written under the store key


def test_an_insiders_copy_filed_under_another_case_fails_verify_naming_the_rule(
    team: Team, tmp_path: Path
) -> None:
    """A file attached to a contact of case C-A but recorded as case C-B's copy (sealed under
    C-B's key, which the insider also holds) breaks the rule, at the write path and in verify."""
    alice, first, _second, _shot = _attach_same_file(team, tmp_path)
    note = tmp_path / "note.txt"
    note.write_text("a note filed under the wrong case", encoding="utf-8")
    sealed = originals.seal_paths(alice, "C-B", [note])
    rows = [
        *originals.blob_rows(sealed, "document"),
        put(
            "items",
            {
                "id": originals.new_id("I"),
                "contact_id": first,
                "role": "document",
                "sha256": sealed[0].digests.sha256,
                "file_name": note.name,
                "added_by": "alice",
                "added_at": alice.now(),
            },
        ),
    ]
    payload = {"contact_id": first, "role": "document", "files": [sealed[0].as_json()]}
    with pytest.raises(RuleViolation) as refused:
        alice.write("evidence.attach", payload, rows)
    assert refused.value.rule == "case_blob.case"
    insider = insider_session(team, "alice")
    with insider_code():
        insider.write("evidence.attach", payload, rows)
    report = verify.verify_store(alice)
    broken = [f for f in report.errors if f.code == "rule.case_blob.case"]
    assert broken and "C-B" in broken[0].detail
    # and case C-A refers to an original it holds no copy of
    assert ("blob.no_copy", f"blob sha256 {sealed[0].digests.sha256} of case C-A") in {
        (f.code, f.location) for f in report.errors
    }
