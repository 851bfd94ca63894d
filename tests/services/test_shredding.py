"""Deletion by crypto-shredding (issue 18 item 3): when a case may be shredded, that nothing of
its plaintext is left anywhere in the store folder (not even in the decrypted database pages),
that verify still passes and says so, that a forged tombstone fails verify, that a bundle is
refused and that restoring an older backup re-applies the tombstone."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.domain.shredding import MARKER
from evidence_desk.services import (
    backup,
    bundle,
    cases,
    importing,
    reading,
    retention,
    review,
    shredding,
    sync,
    tombstones,
)
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.keys import derive_subkey
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    COURT,
    Team,
    approved_contact,
    insider_code,
    insider_session,
    raw_connection,
    store_state,
)

CASE, OTHER = "2026-SD-1", "2026-SD-2"
# unique strings of the shredded case: its debtor, its chat (Chinese and ASCII), a document,
# a file name, a tag's note
SECRETS = [
    "欧阳秘密",  # debtor name
    "110101199001011234",  # ID number
    "+8613712345678",  # WhatsApp handle
    "我保证下月还清全部贷款",  # chat text, Chinese
    "QUOKKAZEBRA42",  # chat text, ASCII
    "债务确认书甲乙丙",  # text inside a document
    "NOTEPLATYPUS",  # a tag's note
    "Chat with Ouyang",  # the export's file name
]
OTHER_SECRET = "司马保留"  # the other case's debtor: must stay
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，关于您的车贷 QUOKKAZEBRA42。\n"
    "05/01/2026, 09:05 - Ouyang: 我保证下月还清全部贷款\n"
)


def _encodings(text: str) -> list[bytes]:
    forms = [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    with contextlib.suppress(UnicodeEncodeError):
        forms.append(text.encode("gb18030"))
    return forms


def _leaks(blobs: dict[str, bytes], secrets: list[str]) -> list[str]:
    return [
        f"{name} contains {secret!r}"
        for name, raw in blobs.items()
        for secret in secrets
        if any(form in raw for form in _encodings(secret))
    ]


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, recursively (-wal, -shm, temporary files included)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _db_key(store: Path) -> bytes:
    folder = StoreFolder.open(store)
    return derive_subkey(folder.keyslots.unlock(ADMIN, ADMIN_PASSWORD).data_key, "sqlcipher")


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    """One SQLCipher 4 page (raw key, AES-256-CBC, 80 reserved bytes: IV and HMAC-SHA512)."""
    size = len(page)
    iv = page[size - 80 : size - 64]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[16 if first else 0 : size - 80]) + decryptor.finalize()


def _decrypted(store: Path) -> dict[str, bytes]:
    """Every page of the database and of its WAL decrypted with the store's key, free pages
    included: what anyone holding the key could read."""
    key, page = _db_key(store), 4096
    out: dict[str, bytes] = {}
    db = (store / "evidence.db").read_bytes()
    out["evidence.db pages"] = b"".join(
        _decrypt_page(key, db[i : i + page], i == 0) for i in range(0, len(db), page)
    )
    wal_path = store / "evidence.db-wal"
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    frames = []
    for offset in range(32, len(wal) - 24 - page + 1, 24 + page):
        number = int.from_bytes(wal[offset : offset + 4], "big")
        frames.append(_decrypt_page(key, wal[offset + 24 : offset + 24 + page], number == 1))
    out["evidence.db-wal pages"] = b"".join(frames)
    return out


def _dump(store: Path) -> dict[str, bytes]:
    """Every value of every table (FTS shadow tables included), read with the key: text as
    UTF-8, blobs (the FTS index's segments) as they are."""
    conn = raw_connection(store, ADMIN, ADMIN_PASSWORD)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dumped: dict[str, bytes] = {}
        for name in names:
            parts = [
                value if isinstance(value, bytes) else str(value).encode("utf-8")
                for row in conn.execute(f'SELECT * FROM "{name}"')
                for value in tuple(row)
            ]
            dumped[f"table {name}"] = b"\x00".join(parts)
        return dumped
    finally:
        conn.close()


def _fill(team: Team, folder: Path) -> tuple[str, str]:
    """The shredded-to-be case (a contact, documents, an imported chat, a tag) and another."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    identity = docs / "identity.txt"
    identity.write_text("居民身份证 欧阳秘密 110101199001011234", encoding="utf-8")
    confirmation = docs / "confirmation.txt"
    confirmation.write_bytes("债务确认书甲乙丙".encode("gb18030"))
    alice = team.login("alice")
    cases.create_case(alice, CASE, debtor_name="欧阳秘密", debtor_id_number="110101199001011234")
    from evidence_desk.services import contacts

    contact = contacts.request_contact(
        alice,
        case_no=CASE,
        channel="whatsapp",
        handle="+8613712345678",
        display_name="欧阳秘密",
        reason="债务人主动添加",
        consent=True,
        documents=[("identity_proof", identity), ("debt_confirmation", confirmation)],
    )
    contacts.approve(team.login("sam"), contact.id, "身份已核实")
    chat = folder / "WhatsApp Chat with Ouyang.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact.id, [chat], tz="Asia/Shanghai")
    rowid = alice.conn.execute(
        "SELECT rowid FROM messages WHERE contact_id = ?", (contact.id,)
    ).fetchone()[0]
    review.tag_message(alice, rowid, "promise_to_pay", "NOTEPLATYPUS")
    # a search logs its text in the read log (PI-1): derived data of the case too
    assert reading.search(alice, contact.id, "欧阳秘密") == []
    assert reading.search(alice, contact.id, "QUOKKAZEBRA42")
    alice.flush_reads(seal=True)
    _, other = approved_contact(
        team, folder / "other", case_no=OTHER, handle="+8613900000001", debtor_name=OTHER_SECRET
    )
    return contact.id, other


def _verify(team: Team) -> VerifyReport:
    return verify_store(team.login("lee"))


@pytest.fixture
def filled(team: Team, tmp_path: Path) -> Team:
    _fill(team, tmp_path / "work")
    return team


def _due(team: Team) -> None:
    """Close the case and move the clock past its deletion date (the cap after closure)."""
    retention.close_case(team.login("sam"), CASE, "repaid in full")
    team.clock.advance(days=366 * 5 + 2)


def test_shredding_is_refused_before_the_floor_under_a_hold_and_for_other_roles(
    filled: Team,
) -> None:
    team = filled
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as early:
        shredding.shred_case(team.login("lee"), CASE, "request", "debtor asked")
    assert early.value.rule == "retention.floor" and early.value.exit_code == 3
    assert "CC-9" in early.value.message
    with pytest.raises(RuleViolation) as open_case:
        team.clock.advance(days=366 * 2 + 2)
        shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    assert open_case.value.rule == "retention.open"
    retention.close_case(team.login("sam"), CASE, "repaid")
    with pytest.raises(RuleViolation) as not_due:
        shredding.shred_case(team.login("ada"), CASE, "expired", "retention over")
    assert not_due.value.rule == "retention.not_due"
    retention.add_hold(team.login("lee"), CASE, "litigation pending")
    held = store_state(team.path)
    with pytest.raises(RuleViolation) as hold:
        shredding.shred_case(team.login("lee"), CASE, "request", "debtor asked")
    assert hold.value.rule == "retention.hold"
    for name in ("alice", "sam"):
        with pytest.raises(PermissionDenied):
            shredding.shred_case(team.login(name), CASE, "request", "debtor asked")
    assert store_state(team.path) == held
    assert before["ledger"] == held["ledger"][: len(before["ledger"])]


def test_a_shredded_case_leaves_no_plaintext_and_still_verifies(
    filled: Team, tmp_path: Path
) -> None:
    team = filled
    # the scanners find the secrets before shredding (the decrypted pages hold them)
    assert _leaks(_decrypted(team.path), SECRETS)
    assert _leaks(_dump(team.path), SECRETS)
    _due(team)
    assert _locator_lists(team) == 1  # the import's locators: one sealed list
    request = tmp_path / "request.pdf"
    request.write_bytes("删除请求 欧阳秘密".encode())
    done = shredding.shred_case(team.login("lee"), CASE, "expired", "retention over", request)
    assert _locator_lists(team) == 0
    assert done.counts["messages"] == 2 and done.counts["documents"] == 2
    assert done.counts["blobs"] == 3 and done.counts["entries"] >= 5
    assert done.counts["reads"] >= 2  # the two searches (and the conversation opened)
    assert done.vacuumed
    for check in (_files(team.path), _decrypted(team.path), _dump(team.path)):
        assert _leaks(check, SECRETS) == []
    team.close_all()
    for check in (_files(team.path), _decrypted(team.path), _dump(team.path)):
        assert _leaks(check, SECRETS) == []
    # the other case is untouched: its debtor's name (sealed under its own case key, so in no
    # dump) still opens
    assert cases.get_case(team.login("lee"), OTHER).debtor_name == OTHER_SECRET
    report = _verify(team)
    assert report.intact, [(f.code, f.location, f.detail) for f in report.errors]
    notes = [f for f in report.findings if f.code == "shred.note"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert CASE in notes[0].detail and done.at in notes[0].detail
    lee = team.login("lee")
    shredded = shredding.shredding_of(lee, CASE)
    assert shredded is not None and shredded["shredded_by"] == "lee"
    assert shredded["request_sha256"] == hashlib.sha256(request.read_bytes()).hexdigest()
    assert cases.get_case(lee, CASE).debtor_name == MARKER
    payload = json.loads(
        lee.conn.execute("SELECT payload FROM ledger WHERE seq = ?", (done.seq,)).fetchone()[0]
    )
    assert payload["counts"] == dict(done.counts) and payload["basis"] == "expired"
    assert sorted(payload["digests"]) == ["blobs", "commitments"]


def test_a_deletion_request_is_honoured_once_the_floor_has_passed(filled: Team) -> None:
    team = filled
    team.clock.advance(days=366 * 2 + 2)  # the floor, not closed
    done = shredding.shred_case(team.login("ada"), CASE, "request", "PIPL art. 47 request")
    assert done.basis == "request"
    with pytest.raises(RuleViolation) as again:
        shredding.shred_case(team.login("ada"), CASE, "request", "again")
    assert again.value.rule == "case.shredded"
    assert _verify(team).intact


def test_nothing_more_is_written_about_a_shredded_case(filled: Team) -> None:
    team = filled
    _due(team)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    lee = team.login("lee")
    rowid = lee.conn.execute(
        "SELECT m.rowid FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.case_no = ?",
        (CASE,),
    ).fetchone()[0]
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        review.tag_message(team.login("sam"), rowid, "threat", "")
    assert refused.value.rule == "case.shredded"
    with pytest.raises(RuleViolation) as hold:
        retention.add_hold(lee, CASE, "too late")
    assert hold.value.rule == "case.shredded"
    assert store_state(team.path)["ledger"] == before["ledger"]
    assert _verify(team).intact


def test_a_bundle_of_a_shredded_case_is_refused(filled: Team, tmp_path: Path) -> None:
    team = filled
    _due(team)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    with pytest.raises(RuleViolation) as refused:
        bundle.export_bundle(
            team.login("lee"), Scope(CASE), tmp_path / "out", recipient=COURT, stamp_first=False
        )
    assert refused.value.rule == "case.shredded" and refused.value.exit_code == 3
    assert not (tmp_path / "out").exists()


def test_the_same_document_in_another_case_is_its_own_copy_and_outlives_the_shredding(
    filled: Team, tmp_path: Path
) -> None:
    """Originals are under the case key, a copy per case: shredding wipes every copy of the
    shredded case (the one shared with the other case too) and leaves the other's."""
    from evidence_desk.services import case_blobs, contacts

    team = filled
    alice = team.login("alice")
    mine = contacts.list_contacts(alice, case_no=CASE)[0].id
    theirs = contacts.list_contacts(alice, case_no=OTHER)[0].id
    shared = next(i for i in contacts.contact_items(alice, mine) if i.role == "identity_proof")
    again = tmp_path / "identity-again.txt"
    again.write_bytes(case_blobs.read_bytes(alice, shared.sha256, CASE))
    contacts.attach_documents(alice, theirs, [again])
    files = {
        str(r["case_no"]): alice.blobs.path_for_name(str(r["name"]))
        for r in alice.conn.execute(
            "SELECT case_no, name FROM case_blobs WHERE sha256 = ?", (shared.sha256,)
        )
    }
    assert sorted(files) == [CASE, OTHER] and files[CASE] != files[OTHER]
    ours = [
        alice.blobs.path_for_name(str(r[0]))
        for r in alice.conn.execute("SELECT name FROM case_blobs WHERE case_no = ?", (CASE,))
    ]
    _due(team)
    done = shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    assert done.counts["blobs"] == len(ours) == 3  # the shared one counts: it was a copy
    assert not any(path.exists() for path in ours)
    assert files[OTHER].is_file()
    reader = team.login("alice")
    assert reading.original_bytes(reader, shared.sha256) == again.read_bytes()
    report = _verify(team)
    assert report.intact, [(f.code, f.location, f.detail) for f in report.errors]
    assert report.blobs == 3  # the other case's two request documents and the shared copy
    # the shredded case's copy put back is content present again
    files[CASE].write_bytes(files[OTHER].read_bytes())
    assert "shred.content_present" in {f.code for f in _verify(team).errors}


def _locator_lists(team: Team) -> int:
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        return int(conn.execute("SELECT count(*) FROM import_locators").fetchone()[0])
    finally:
        conn.close()


def test_locators_back_after_shredding_fail_verify(filled: Team) -> None:
    team = filled
    _due(team)
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        kept = [tuple(r) for r in conn.execute("SELECT import_id, sealed FROM import_locators")]
    finally:
        conn.close()
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        assert {r[0] for r in conn.execute("SELECT DISTINCT locator FROM message_sources")} == {
            MARKER
        }
        conn.executemany("INSERT INTO import_locators VALUES (?, ?)", kept)
        conn.commit()
    finally:
        conn.close()
    report = _verify(team)
    present = [f for f in report.errors if f.code == "shred.content_present"]
    assert present and "locators" in present[0].detail


def test_content_back_after_shredding_fails_verify(filled: Team) -> None:
    team = filled
    _due(team)
    done = shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        conn.execute("UPDATE messages SET text = 'QUOKKAZEBRA42' WHERE text = ?", (MARKER,))
    finally:
        conn.close()
    report = _verify(team)
    assert not report.intact
    assert "shred.content_present" in {f.code for f in report.errors}
    assert done.seq > 0


def test_a_tombstone_written_by_staff_with_their_own_key_fails_verify(filled: Team) -> None:
    team = filled
    _due(team)
    alice = insider_session(team, "alice")
    # the insider's own code: their session believes it is an admin's, the rules are skipped
    alice.user = dataclasses.replace(alice.user, role=Role.ADMIN)
    with insider_code():
        done = shredding.shred_case(alice, CASE, "expired", "cover my tracks")
    report = _verify(team)
    assert not report.intact
    codes = {(f.code, f.location) for f in report.errors}
    assert ("rule.permission", f"ledger seq {done.seq}") in codes
    # the entries it redacted no longer match what was signed
    assert any(code == "ledger.payload" for code, _ in codes)


def test_restoring_an_older_backup_reapplies_the_tombstone(filled: Team, tmp_path: Path) -> None:
    team = filled
    old = tmp_path / "old.edbackup"
    backup.backup(team.login("ada"), old)
    _due(team)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    team.close_all()
    result = backup.restore(old, team.path, ADMIN, ADMIN_PASSWORD, replace=True, clock=team.clock)
    assert result.reapplied == (CASE,)
    described = backup.describe(result)
    assert f"re-applied 1 shredding recorded after the backup was made: case {CASE}" in described
    for check in (_files(team.path), _decrypted(team.path), _dump(team.path)):
        assert _leaks(check, SECRETS) == []
    report = _verify(team)
    assert report.intact, [(f.code, f.location, f.detail) for f in report.errors]
    assert [f.code for f in report.findings if f.code == "shred.note"] == ["shred.note"]
    assert (team.path / tombstones.TOMBSTONES).exists()


def test_a_backup_after_the_shredding_leaves_the_destroyed_originals_out(
    filled: Team, tmp_path: Path
) -> None:
    team = filled
    _due(team)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    made = backup.backup(team.login("ada"), tmp_path / "after.edbackup")
    assert made.blobs == 2  # the other case's two request documents
    result = backup.restore(made.path, tmp_path / "restored", ADMIN, ADMIN_PASSWORD)
    assert result.reapplied == ()


def test_a_hold_placed_in_an_older_backup_refuses_the_restore_instead_of_resurrecting(
    filled: Team, tmp_path: Path
) -> None:
    team = filled
    retention.close_case(team.login("sam"), CASE, "repaid")
    retention.add_hold(team.login("lee"), CASE, "litigation")
    old = tmp_path / "old.edbackup"
    backup.backup(team.login("ada"), old)
    retention.lift_hold(team.login("lee"), CASE, "judgment final")
    team.clock.advance(days=366 * 5 + 2)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    team.close_all()
    with pytest.raises(RuleViolation) as refused:
        backup.restore(old, team.path, ADMIN, ADMIN_PASSWORD, replace=True, clock=team.clock)
    assert refused.value.rule == "restore.shredded"
    assert "retention.hold" not in refused.value.message or CASE in refused.value.message
    assert _verify(team).intact  # the shredded store stays in place


def test_a_backup_restored_into_a_new_folder_meets_the_tombstone_kept_outside_the_store(
    filled: Team, tmp_path: Path
) -> None:
    team = filled
    old = tmp_path / "old.edbackup"
    backup.backup(team.login("ada"), old)
    _due(team)
    shredding.shred_case(team.login("lee"), CASE, "expired", "retention over")
    team.close_all()
    elsewhere = tmp_path / "new-machine-folder"
    result = backup.restore(old, elsewhere, ADMIN, ADMIN_PASSWORD, clock=team.clock)
    assert result.reapplied == (CASE,)  # from this OS user's anchor folder
    for check in (_files(elsewhere), _decrypted(elsewhere), _dump(elsewhere)):
        assert _leaks(check, SECRETS) == []
    # a forged record (not signed by its writer) is not re-applied
    forged = json.loads((elsewhere / tombstones.TOMBSTONES).read_bytes())["tombstones"][0]
    assert tombstones.tombstone_signed(forged, None) is False
    forged["case_no"] = OTHER
    lee = Team(elsewhere, team.clock, team.passwords).login("lee")
    key = lee.conn.execute("SELECT public_key FROM users WHERE name = 'lee'").fetchone()[0]
    assert not tombstones.tombstone_signed(forged, key)
    assert shredding.reapply_tombstones(lee, [forged]) == []
    assert shredding.shredding_of(lee, OTHER) is None


def test_a_sync_does_not_fetch_a_shredded_cases_files_back(filled: Team) -> None:
    """The hub keeps every ciphertext it was given: a device's sync asks it for the files its
    records name and its disk lacks, and a shredded case's files are exactly that (their rows
    stay, as the record). They are never asked for; another case's lost file still is."""
    team = filled
    _due(team)
    lee = team.login("lee")
    copies = [
        str(r[0])
        for r in lee.conn.execute("SELECT name FROM case_blobs WHERE case_no = ?", (CASE,))
    ]
    assert copies and sync._wanted_blobs(lee) == []
    shredding.shred_case(lee, CASE, "expired", "retention over")
    assert all(not (team.path / "blobs" / n[:2] / n[2:]).exists() for n in copies)
    assert sync._wanted_blobs(lee) == []
    (kept,) = [
        str(r[0])
        for r in lee.conn.execute("SELECT name FROM case_blobs WHERE case_no = ? LIMIT 1", (OTHER,))
    ]
    (team.path / "blobs" / kept[:2] / kept[2:]).unlink()
    assert sync._wanted_blobs(lee) == [f"blobs/{kept[:2]}/{kept[2:]}"]
