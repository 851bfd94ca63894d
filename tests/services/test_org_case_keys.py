"""Case keys across the devices of one organisation, in real stores, no network: a case made
on the staff laptop (B) opens on the admin's device (A) once the entries, the wraps and the
originals have moved the way sync moves them (wraps: ``case_keys.wraps_to_share`` up,
``case_keys.shared_wraps`` down). The key domain is the organisation's: the founding device's
store id, on every device."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.integrity import signing
from evidence_desk.services import case_keys, cases, contacts, org_ledger, reading, users
from evidence_desk.services.row_changes import put
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    FAST_KDF,
    TickingClock,
    raw_connection,
    supporting_documents,
)
from tests.services.test_org_ledger import (
    PASSWORDS,
    Hub,
    Org,
    copy_originals,
    errors,
    request,
    verify,
)


class WrapShelf:
    """The hub's wrap table as a list (the real one is tests/hub's): kept once per wrap."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}

    def up(self, session: Session) -> None:
        for row in case_keys.wraps_to_share(session.conn):
            self.rows.setdefault((row["case_no"], row["recipient"], row["key_id"]), row)

    def down(self, session: Session) -> int:
        mine = [r for r in self.rows.values() if r["recipient"] == session.user.name]
        wraps = case_keys.shared_wraps(session, mine)
        case_keys.store_wraps(wraps)(session.conn, 0)
        return len(wraps)


@dataclass
class KeyedOrg(Org):
    shelf: WrapShelf = field(default_factory=WrapShelf)

    def sync(self, session: Session) -> None:
        """Push then pull, entries and wraps, as services/sync.py does through the hub."""
        self.hub.push(session)
        self.shelf.up(session)
        self.hub.pull(session)
        self.shelf.down(session)
        if case_keys.sync_wraps(session, "sync") is not None:
            self.hub.push(session)
            self.shelf.up(session)


@pytest.fixture
def org(tmp_path: Path, clock: TickingClock) -> Iterator[KeyedOrg]:
    with keyed_org(tmp_path, clock) as found:
        yield found


@contextlib.contextmanager
def keyed_org(tmp_path: Path, clock: TickingClock) -> Iterator[KeyedOrg]:
    """A (root, who founded the organisation's handle key, and sam) and B (alice, joined);
    root's login after the join wraps the keys root holds for alice, and every store syncs."""
    found = KeyedOrg(Hub(), tmp_path / "a", tmp_path / "b", clock)
    with Session.create_store(found.a, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock) as root:
        case_keys.found_handle_key(root)
        users.add_user(root, "sam", Role.SUPERVISOR, PASSWORDS["sam"], kdf=FAST_KDF)
        invitation = org_ledger.invite_user(root, "alice", Role.STAFF)
        found.a_id = root.folder.store_id
        found.sync(root)
    with found.hub.join(found.b, "alice", invitation.code, clock) as alice:
        found.b_id = alice.folder.store_id
        found.sync(alice)
    with found.login(found.a, ADMIN) as root:
        found.sync(root)  # the pull brings alice's join: root wraps the handle key for her
    with found.login(found.b, "alice") as alice:
        found.sync(alice)
    yield found
    for session in found._open:
        session.close()


def test_the_key_domain_is_the_founding_devices_id_on_every_device(org: Org) -> None:
    root = org.login(org.a, ADMIN)
    alice = org.login(org.b, "alice")
    assert case_keys.key_domain(root, "C-1") == org.a_id
    assert case_keys.key_domain(alice, "C-1") == org.a_id != alice.folder.store_id


def test_a_standalone_store_keys_to_its_own_id(tmp_path: Path, clock: TickingClock) -> None:
    path = tmp_path / "s"
    with Session.create_store(path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as root:
        users.add_user(root, "sam", Role.SUPERVISOR, "sam-password", kdf=FAST_KDF)
    with Session.open(path, "sam", "sam-password", clock=clock) as sam:
        assert case_keys.key_domain(sam, "C-1") == sam.folder.store_id
        cases.create_case(sam, "2026-SH-9", debtor_name="陈立新")
        sealed = sam.conn.execute("SELECT debtor_name FROM cases").fetchone()[0]
        key = case_keys.case_key(sam, "2026-SH-9")
        assert key is not None
        # the format sealed before organisations: the store id in the AAD, as it was
        opened = ck.FieldCipher(sam.folder.store_id, key).open(
            "cases", "2026-SH-9", "debtor_name", sealed
        )
        assert opened == "陈立新"


def test_a_request_made_on_the_staff_laptop_opens_on_the_supervisors_device(
    org: KeyedOrg, tmp_path: Path
) -> None:
    contact_id = request(org, tmp_path)
    alice = org.login(org.b, "alice")
    org.shelf.up(alice)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    assert org.shelf.down(sam) == 1
    copy_originals(org.b, org.a)
    # the debtor's name, the reason and the documents, opened on A
    assert cases.get_case(sam, "2026-SH-1").debtor_name == "陈立新"
    waiting = contacts.get_contact(sam, contact_id)
    assert waiting.reason == "the debtor added us and asked to talk about repayment"
    assert waiting.handle == "+8613800000000"
    documents = [i.sha256 for i in contacts.contact_items(sam, contact_id)]
    assert len(documents) == 2
    texts = {reading.document_bytes(sam, contact_id, d).decode("utf-8") for d in documents}
    assert any("身份证明" in t for t in texts)
    # a second pull keeps nothing more
    assert org.shelf.down(sam) == 0
    sam.close()
    root = org.login(org.a, ADMIN)
    org.sync(root)
    root.close()
    for path, user in ((org.a, "sam"), (org.a, ADMIN), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)


def test_a_wrap_for_another_organisation_is_not_kept(org: Org, tmp_path: Path) -> None:
    request(org, tmp_path)
    alice = org.login(org.b, "alice")
    rows = case_keys.wraps_to_share(alice.conn)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    # the same wrap named for another case does not open (the info binds the case)
    moved = [{**r, "case_no": "2026-SH-2"} for r in rows if r["recipient"] == "sam"]
    assert moved and case_keys.shared_wraps(sam, moved) == []
    conn = raw_connection(org.a, "sam", "sam-password")
    held = conn.execute("SELECT count(*) FROM case_key_wraps WHERE case_no = '2026-SH-2'")
    assert held.fetchone()[0] == 0
    conn.close()


def test_one_matter_per_chat_holds_across_two_laptops(org: KeyedOrg, tmp_path: Path) -> None:
    """The same handle on two cases created on two laptops is refused: both devices digest
    handles under the organisation's key."""
    request(org, tmp_path)  # alice, on B: case 2026-SH-1, +8613800000000
    alice = org.login(org.b, "alice")
    org.sync(alice)
    sam = org.login(org.a, "sam")
    org.sync(sam)
    digest_a = sam.handle_index("+8613800000000")
    assert digest_a == alice.handle_index("+8613800000000")
    assert digest_a != ck.handle_index(sam.data_key, "+8613800000000")  # not a store's key
    cases.create_case(sam, "2026-SH-2", debtor_name="王五")
    with pytest.raises(RuleViolation, match="one-matter-per-chat"):
        contacts.request_contact(
            sam,
            case_no="2026-SH-2",
            channel="whatsapp",
            handle="+8613800000000",
            display_name="Chen Lixin",
            reason="the same chat for another matter",
            consent=True,
            documents=supporting_documents(tmp_path / "docs-2", tag="2"),
        )


def _invite_sealing_no_handle_key(session: Session, user: str, role: Role) -> str:
    """An invitation as the release before sealed it: no handle-index key for the code (the
    member then waits for a key holder's sync); returns its code."""
    code, invite_id = org_ledger.new_code(), uuid.uuid4().hex
    public = signing.public_key_hex(org_ledger.invite_key(code))
    row = {
        "id": invite_id,
        "user": user,
        "role": role.value,
        "invite_key": public,
        "status": "open",
        "created_by": session.user.name,
        "created_at": session.now(),
        "closed_by": None,
        "closed_at": None,
        "device_id": None,
    }
    payload = {"invite_id": invite_id, "user": user, "role": role.value, "invite_key": public}
    session.write("user.invite", payload, [put("invites", row)])
    return code


def test_a_joined_user_holds_the_handle_key_the_invitation_sealed_to_the_code(
    org: KeyedOrg, tmp_path: Path
) -> None:
    root = org.login(org.a, ADMIN)
    code = org_ledger.invite_user(root, "bob", Role.STAFF).code
    org.sync(root)
    expected = root.handle_index("+8613900000000")
    root.close()
    # nobody syncs after the invitation: bob's join alone gives him the key
    bob = org.keep(org.hub.join(tmp_path / "c", "bob", code, org.clock))
    assert bob.handle_index("+8613900000000") == expected
    assert ck.wrap_of(bob.conn, case_keys.ORG_HANDLE_KEY, "bob") is not None
    report = verify(tmp_path / "c", "bob")
    assert report.intact, errors(report)
    # a code that is not the invitation's opens nothing
    other = org_ledger.invite_wrap_key(org_ledger.new_code())
    sealed = case_keys.seal_handle_key_for_code(bob, "carol", other)
    assert sealed is not None
    assert case_keys.adopt_invited_handle_key(bob, sealed, org_ledger.invite_wrap_key(code)) is None


def test_a_joined_user_without_the_handle_key_is_refused_not_digested_apart(
    org: KeyedOrg, tmp_path: Path
) -> None:
    root = org.login(org.a, ADMIN)
    code = _invite_sealing_no_handle_key(root, "bob", Role.STAFF)
    org.sync(root)
    root.close()
    bob = org.keep(org.hub.join(tmp_path / "c", "bob", code, org.clock))
    cases.create_case(bob, "2026-SH-3", debtor_name="赵六")
    with pytest.raises(RuleViolation, match=r"case_key\.no_handle_key"):
        bob.handle_index("+8613900000000")
    org.sync(bob)
    root = org.login(org.a, ADMIN)
    org.sync(root)  # root's device wraps the handle key for bob
    org.sync(bob)
    assert bob.handle_index("+8613900000000") == root.handle_index("+8613900000000")
