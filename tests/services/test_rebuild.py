"""Another device's chat import rebuilt from its original (services/rebuild.py), in real
stores, no network: staff import on B (alice's laptop); A (sam, a supervisor) pulls the entry,
the wraps and the sealed original the way sync moves them, and rebuilds the messages, which
``reading`` then shows and ``verify`` compares as it compares a local import. A root that the
original does not give, or a tampered original, writes nothing and is reported."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_desk.services import contacts, importing, reading, rebuild
from evidence_desk.services.leave_out import LeaveOut
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck
from tests.helpers import TickingClock
from tests.services.test_org_case_keys import KeyedOrg, keyed_org
from tests.services.test_org_ledger import copy_originals, errors, request, verify


@pytest.fixture
def org(tmp_path: Path, clock: TickingClock) -> Iterator[KeyedOrg]:
    with keyed_org(tmp_path, clock) as found:
        yield found


CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
    "05/01/2026, 09:06 - Chen Lixin: 好的\n"
    "05/01/2026, 09:06 - Chen Lixin: 好的\n"
)
LATER = CHAT + "06/01/2026, 10:00 - Li Ming: 收到，1 月 20 号见。\n"


def approved_across_laptops(org: KeyedOrg, tmp_path: Path) -> str:
    """alice requests on B, sam approves on A, alice sees the approval."""
    contact_id = request(org, tmp_path)
    alice = org.login(org.b, "alice")
    org.sync(alice)
    sam = org.login(org.a, "sam")
    org.sync(sam)
    contacts.approve(sam, contact_id, "identity and debt confirmed")
    org.sync(sam)
    org.sync(alice)
    return contact_id


def _import(org: KeyedOrg, tmp_path: Path, contact_id: str, name: str, text: str) -> str:
    alice = org.login(org.b, "alice")
    chat = tmp_path / name
    chat.write_text(text, encoding="utf-8")
    result = importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    org.sync(alice)
    (import_id,) = result.import_ids
    return import_id


def _to_a(org: KeyedOrg) -> Session:
    """sam's device pulls everything (entries, wraps, originals)."""
    copy_originals(org.b, org.a)
    sam = org.login(org.a, "sam")
    org.sync(sam)
    return sam


def _shown(session: Session, contact_id: str) -> list[tuple[str, str, str]]:
    return [(m.sent_at, m.sender, m.text) for m in reading.page_at(session, contact_id, 0, 100)]


def _warnings(path: Path, user: str) -> list[str]:
    return [f.code for f in verify(path, user).findings if f.severity == "warning"]


def test_an_import_made_on_the_staff_laptop_is_rebuilt_and_verified(
    org: KeyedOrg, tmp_path: Path
) -> None:
    contact_id = approved_across_laptops(org, tmp_path)
    first = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    sam = _to_a(org)
    # before the rebuild: the import is another device's, its messages not here
    assert reading.count(sam, contact_id) == 0
    sam.close()
    assert "import.messages_not_rebuilt" in _warnings(org.a, "sam")
    sam = org.login(org.a, "sam")
    assert rebuild.rebuild_imports(sam).rebuilt == [first]
    alice = org.login(org.b, "alice")
    assert _shown(sam, contact_id) == _shown(alice, contact_id)
    assert ("2026-01-05T01:05:00+00:00", "Chen Lixin", "我 1 月 20 号先还 5000") in _shown(
        sam, contact_id
    )
    assert len(reading.search(sam, contact_id, "先还 5000")) == 1
    # the same salts and commitments as on the importing device
    columns = "SELECT fingerprint, salt, commitment FROM messages ORDER BY fingerprint"
    assert sam.conn.execute(columns).fetchall() == alice.conn.execute(columns).fetchall()
    assert rebuild.rebuild_imports(sam).rebuilt == []  # nothing left to do
    # a second, overlapping export on staff: reuses the rebuilt messages, adds the new one
    second = _import(org, tmp_path, contact_id, "later.txt", LATER)
    sam.close()
    sam = _to_a(org)
    assert rebuild.rebuild_imports(sam).rebuilt == [second]
    assert reading.count(sam, contact_id) == reading.count(alice, contact_id) == 5
    assert _shown(sam, contact_id) == _shown(alice, contact_id)
    sam.close()
    alice.close()
    for path, user in ((org.a, "sam"), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)
        assert not {f.code for f in report.findings} & {
            "import.messages_elsewhere",
            "import.messages_not_rebuilt",
        }


def test_an_import_whose_original_has_not_arrived_waits(org: KeyedOrg, tmp_path: Path) -> None:
    contact_id = approved_across_laptops(org, tmp_path)
    first = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    sam = org.login(org.a, "sam")
    org.sync(sam)  # the entry and the wrap, no original yet
    assert rebuild.rebuild_imports(sam) == rebuild.RebuildReport()
    assert reading.count(sam, contact_id) == 0
    sam.close()
    assert rebuild.rebuild_imports(_to_a(org)).rebuilt == [first]


def _blob_file(session: Session, contact_id: str) -> Path:
    from evidence_desk.services import case_blobs

    (digest,) = session.conn.execute(
        "SELECT sha256 FROM imports WHERE contact_id = ?", (contact_id,)
    ).fetchone()
    case_no = case_blobs.contact_case(session.conn, contact_id)
    return case_blobs.reader(session, digest, case_no).path_for(digest)


def test_a_tampered_original_writes_nothing_and_is_reported(org: KeyedOrg, tmp_path: Path) -> None:
    contact_id = approved_across_laptops(org, tmp_path)
    first = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    sam = _to_a(org)
    blob = _blob_file(sam, contact_id)
    data = bytearray(blob.read_bytes())
    data[-5] ^= 0x01
    blob.write_bytes(bytes(data))
    report = rebuild.rebuild_imports(sam)
    assert (report.rebuilt, report.refused) == ([], [(first, rebuild.ORIGINAL_UNREADABLE)])
    assert sam.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    assert sam.conn.execute("SELECT count(*) FROM message_sources").fetchone()[0] == 0
    assert sam.conn.execute("SELECT count(*) FROM import_locators").fetchone()[0] == 0
    sam.close()
    assert not verify(org.a, "sam").intact


def test_a_signed_root_the_original_does_not_give_writes_nothing_and_is_found(
    org: KeyedOrg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device whose build said ``salts: derived`` but committed other salts (what a faulty
    or forged import would sign): the root re-derived from the original differs."""
    contact_id = approved_across_laptops(org, tmp_path)

    def other_salts(key: bytes, contact: str, prints: list[str]) -> list[bytes]:
        return [os.urandom(16) for _ in prints]

    with monkeypatch.context() as patched:
        patched.setattr(importing, "message_salts", other_salts)
        first = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    alice = org.login(org.b, "alice")
    assert verify(org.b, "alice").intact  # its own messages hold the salts it committed
    del alice
    sam = _to_a(org)
    report = rebuild.rebuild_imports(sam)
    assert (report.rebuilt, report.refused) == ([], [(first, rebuild.COMMITMENTS_DIFFER)])
    assert sam.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    sam.close()
    found = verify(org.a, "sam")
    assert ("import.commitments", f"import {first} (chat.txt)") in errors(found)


def test_salts_are_an_hmac_of_contact_and_fingerprint_under_the_case_key() -> None:
    import hashlib
    import hmac

    key = ck.message_salt_key(b"k" * 32)
    prints = [hashlib.sha256(bytes([n])).hexdigest() for n in range(3)]
    salts = ck.message_salts(key, "C1", prints)
    assert salts == [
        hmac.new(key, b"C1\x00" + p.encode(), hashlib.sha256).digest()[:16] for p in prints
    ]
    assert ck.message_salts(key, "C1", prints) == salts  # deterministic
    assert len(set(salts)) == 3 and all(len(s) == 16 for s in salts)
    assert ck.message_salts(key, "C2", prints) != salts  # the contact
    other = ck.message_salt_key(b"j" * 32)
    assert ck.message_salts(other, "C1", prints) != salts  # the case key
    assert key not in (b"k" * 32, *ck.blob_keys(b"k" * 32))  # its own derivation


def test_an_import_records_derived_salts_and_a_case_without_key_random_ones(
    org: KeyedOrg, tmp_path: Path
) -> None:
    contact_id = approved_across_laptops(org, tmp_path)
    import_id = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    alice = org.login(org.b, "alice")
    from evidence_desk.services import case_keys

    row = case_keys.open_import_row(
        alice,
        dict(alice.conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()),
    )
    assert json.loads(row["details"])["salts"] == "derived-v1"
    contact = contacts.get_contact(alice, contact_id)
    key = case_keys.case_key(alice, contact.case_no)
    assert key is not None
    salt_key = ck.message_salt_key(key)
    for fingerprint, salt in alice.conn.execute("SELECT fingerprint, salt FROM messages"):
        assert ck.message_salts(salt_key, contact_id, [fingerprint])[0].hex() == salt


def test_an_earlier_builds_import_stays_on_its_device_and_is_still_verified(
    org: KeyedOrg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import as the build before this one wrote it: random salts, no ``salts`` in its
    details. Not rebuilt, not refused; verify warns ``import.messages_elsewhere`` as before."""
    contact_id = approved_across_laptops(org, tmp_path)

    def random_salts(key: bytes, contact: str, prints: list[str]) -> list[bytes]:
        return [os.urandom(16) for _ in prints]

    with monkeypatch.context() as earlier:
        earlier.setattr(importing, "message_salts", random_salts)
        earlier.setattr(importing, "SALTS", "not-recorded-by-that-build")
        _import(org, tmp_path, contact_id, "chat.txt", CHAT)
    sam = _to_a(org)
    assert rebuild.rebuild_imports(sam) == rebuild.RebuildReport()
    assert reading.count(sam, contact_id) == 0
    sam.close()
    report = verify(org.a, "sam")
    assert report.intact, errors(report)
    assert "import.messages_elsewhere" in {f.code for f in report.findings}
    # a later import on staff reusing those messages records no derived salts either
    _import(org, tmp_path, contact_id, "later.txt", LATER)
    sam = _to_a(org)
    assert rebuild.rebuild_imports(sam) == rebuild.RebuildReport()
    sam.close()
    assert verify(org.a, "sam").intact


def test_an_import_leaving_a_participant_out_is_rebuilt_without_them(
    org: KeyedOrg, tmp_path: Path
) -> None:
    """The recorded leave-out choice is applied to the original on the rebuilding device, so
    the same messages and locators come out (verify compares both)."""
    contact_id = approved_across_laptops(org, tmp_path)
    alice = org.login(org.b, "alice")
    chat = tmp_path / "group.txt"
    chat.write_text(LATER + "06/01/2026, 10:05 - Wang Fang: 我不是债务人\n", encoding="utf-8")
    leave = LeaveOut.of(participants=["Wang Fang"])
    (first,) = importing.import_files(
        alice, contact_id, [chat], tz="Asia/Shanghai", leave=leave
    ).import_ids
    org.sync(alice)
    sam = _to_a(org)
    assert rebuild.rebuild_imports(sam).rebuilt == [first]
    assert _shown(sam, contact_id) == _shown(alice, contact_id)
    assert all(sender != "Wang Fang" for _at, sender, _text in _shown(sam, contact_id))
    assert reading.count(sam, contact_id) == 5
    sam.close()
    report = verify(org.a, "sam")
    assert report.intact, errors(report)
    assert "import.messages_not_rebuilt" not in {f.code for f in report.findings}
