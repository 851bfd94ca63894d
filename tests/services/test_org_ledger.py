"""The organisation's history in real stores, no network: device ledgers moved between stores.

Store A is the founding admin's device (root, and the supervisor sam); store B is a staff
laptop that joined with an invitation code. Entries move between them the way the hub will
move them: each push appends the device's new entries to one list in acceptance order (that
position is the entry's org_seq), and each pull hands a device everything after what it
already has (its own entries come back as receipts). The hub's own checks are another part;
here the list only orders, and the stores' rule table and verify do all the judging.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.domain import invites
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.services import cases, contacts, importing, org_history, org_ledger, users
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import VerifyReport, verify_store
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    FAST_KDF,
    TickingClock,
    raw_connection,
    supporting_documents,
)

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)
PASSWORDS = {ADMIN: ADMIN_PASSWORD, "sam": "sam-password", "alice": "alice-password"}


@dataclass
class Hub:
    """The organisation's acceptance order, as a list: a push appends, a pull hands over."""

    log: list[OrgEntry] = field(default_factory=list)
    pulled: dict[str, int] = field(default_factory=dict)  # device -> entries of log handed over

    def push(self, session: Session, refused: Mapping[int, str] | None = None) -> None:
        device = session.folder.store_id
        sent = max((e.entry.seq for e in self.log if e.device_id == device), default=0)
        for entry in org_ledger.own_entries(session, since=sent + 1):
            verdict = (refused or {}).get(entry.seq, "")
            self.log.append(OrgEntry(device, entry, len(self.log) + 1, verdict))

    def pull(self, session: Session) -> org_ledger.PullResult:
        device = session.folder.store_id
        result = org_ledger.apply_pull(session, self.log[self.pulled.get(device, 0) :])
        self.pulled[device] = len(self.log)
        return result

    def join(self, path: Path, user: str, code: str, clock: TickingClock) -> Session:
        PASSWORDS.setdefault(user, f"{user}-password")
        session = org_ledger.join(
            path, user, PASSWORDS[user], code, list(self.log), kdf=FAST_KDF, clock=clock
        )
        self.pulled[session.folder.store_id] = len(self.log)
        return session


@dataclass
class Org:
    hub: Hub
    a: Path
    b: Path
    clock: TickingClock
    a_id: str = ""
    b_id: str = ""
    alice_code: str = ""  # the test keeps it; the stores never do
    _open: list[Session] = field(default_factory=list)

    def login(self, path: Path, user: str) -> Session:
        session = Session.open(path, user, PASSWORDS[user], clock=self.clock)
        self._open.append(session)
        return session

    def keep(self, session: Session) -> Session:
        self._open.append(session)
        return session


@pytest.fixture
def org(tmp_path: Path, clock: TickingClock) -> Iterator[Org]:
    """A (root + sam) and B (alice, joined with root's invitation), in sync."""
    hub = Hub()
    found = Org(hub, tmp_path / "a", tmp_path / "b", clock)
    with Session.create_store(found.a, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock) as root:
        users.add_user(root, "sam", Role.SUPERVISOR, PASSWORDS["sam"], kdf=FAST_KDF)
        invitation = org_ledger.invite_user(root, "alice", Role.STAFF)
        found.alice_code = invitation.code
        found.a_id = root.folder.store_id
        hub.push(root)
        hub.pull(root)
    assert len(invitation.code) == 26 and invitation.code.isalnum()
    with hub.join(found.b, "alice", invitation.code, clock) as alice:
        found.b_id = alice.folder.store_id
        hub.push(alice)
        hub.pull(alice)
    with found.login(found.a, ADMIN) as root:
        hub.pull(root)
    yield found
    for session in found._open:
        session.close()


def verify(path: Path, user: str) -> VerifyReport:
    with Session.open(path, user, PASSWORDS[user]) as session:
        return verify_store(session, local_anchor=False)


def errors(report: VerifyReport) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in report.errors]


def copy_originals(source: Path, target: Path) -> None:
    """Move the sealed originals as the hub's blob sync will (ciphertext, named by case key)."""
    for file in (source / "blobs").rglob("*"):
        relative = file.relative_to(source)
        if file.is_file() and relative.parts[1] != "tmp":
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)


def request(org: Org, tmp_path: Path, handle: str = "+8613800000000") -> str:
    """alice requests a contact on B (with its documents) and pushes."""
    alice = org.login(org.b, "alice")
    if not alice.conn.execute("SELECT 1 FROM cases WHERE case_no = '2026-SH-1'").fetchone():
        cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
    contact = contacts.request_contact(
        alice,
        case_no="2026-SH-1",
        channel="whatsapp",
        handle=handle,
        display_name="Chen Lixin",
        reason="the debtor added us and asked to talk about repayment",
        consent=True,
        documents=supporting_documents(tmp_path / f"docs{handle}", tag=handle),
    )
    org.hub.push(alice)
    return contact.id


# -- joining -------------------------------------------------------------------------------------


def test_a_joined_device_holds_the_organisation_and_both_verify_intact(org: Org) -> None:
    alice = org.login(org.b, "alice")
    assert alice.user.role is Role.STAFF
    seq1 = org_ledger.own_entries(alice)[0]
    assert seq1.action == "device.join"
    assert json.loads(seq1.payload)["device_id"] == org.b_id
    names = {r["name"]: r["role"] for r in alice.conn.execute("SELECT name, role FROM users")}
    assert names == {ADMIN: "admin", "sam": "supervisor", "alice": "staff"}
    invite = dict(alice.conn.execute("SELECT * FROM invites").fetchone())
    assert (invite["status"], invite["device_id"], invite["closed_by"]) == (
        "used",
        org.b_id,
        "alice",
    )
    # the code is in neither store: only its public key is, in the invitation
    public = signing.public_key_hex(org_ledger.invite_key(org.alice_code))
    for path, user in ((org.a, ADMIN), (org.b, "alice")):
        conn = raw_connection(path, user, PASSWORDS[user])
        texts = " ".join(
            r[0]
            for r in conn.execute(
                "SELECT payload FROM ledger UNION ALL SELECT payload FROM device_entries"
            )
        )
        conn.close()
        assert org.alice_code not in texts and public in texts
    for path, user in ((org.a, "sam"), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)


def test_device_entries_and_positions_are_append_only(org: Org) -> None:
    conn = raw_connection(org.a, ADMIN, ADMIN_PASSWORD)
    try:
        for statement in (
            "UPDATE device_entries SET verdict = 'x'",
            "DELETE FROM device_entries",
            "UPDATE org_positions SET verdict = 'x'",
            "DELETE FROM org_positions",
        ):
            with pytest.raises(Exception, match="never"):
                conn.execute(statement)
    finally:
        conn.close()


def test_a_wrong_or_used_or_revoked_code_enrols_nobody(org: Org, tmp_path: Path) -> None:
    with org.login(org.a, ADMIN) as root:
        carol = org_ledger.invite_user(root, "carol", Role.LEGAL)
        dave = org_ledger.invite_user(root, "dave", Role.STAFF)
        org_ledger.revoke_invite(root, dave.invite_id)
        with pytest.raises(RuleViolation) as again:
            org_ledger.revoke_invite(root, dave.invite_id)
        assert again.value.rule == "invite.open"
        org.hub.push(root)
    with pytest.raises(BadInput):
        org_ledger.invite_key("not-a-code")
    wrong = org_ledger.new_code()
    with pytest.raises(NotFound):
        org.hub.join(tmp_path / "c", "carol", wrong, org.clock)
    assert not (tmp_path / "c").exists()  # nothing left behind
    with pytest.raises(NotFound):
        org.hub.join(tmp_path / "d", "dave", dave.code, org.clock)
    with org.hub.join(tmp_path / "c", "carol", carol.code, org.clock) as session:
        assert session.user.role is Role.LEGAL
        org.hub.push(session)
    with pytest.raises(NotFound):  # used now
        org.hub.join(tmp_path / "e", "carol", carol.code, org.clock)


# -- four-eyes across devices --------------------------------------------------------------------


def test_staff_request_on_b_approved_on_a_then_imported_on_b_and_both_intact(
    org: Org, tmp_path: Path
) -> None:
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    waiting = contacts.list_contacts(sam, status="requested")
    assert [c.id for c in waiting] == [contact_id]
    contacts.approve(sam, contact_id, "identity and debt confirmed")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    result = org.hub.pull(alice)
    assert result.entries == 1 and result.refused_own == ()
    approved = contacts.get_contact(alice, contact_id)
    assert (approved.status, approved.decided_by) == ("approved", "sam")
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    org.hub.push(alice)
    org.hub.pull(alice)
    org.hub.pull(sam)
    copy_originals(org.b, org.a)
    for path, user in ((org.a, "sam"), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)


def test_the_second_of_two_racing_decisions_is_refused_and_its_device_rebuilt(
    org: Org, tmp_path: Path, clock: TickingClock
) -> None:
    """Two supervisors on two devices decide one request; the hub accepts the first. The
    loser's device records the refusal and shows the winner's decision, and verifies."""
    with org.login(org.a, ADMIN) as root:
        sue = org_ledger.invite_user(root, "sue", Role.SUPERVISOR)
        org.hub.push(root)
    c = tmp_path / "c"
    with org.hub.join(c, "sue", sue.code, clock) as session:
        org.hub.push(session)
    contact_id = request(org, tmp_path)
    sam, sue_session = org.login(org.a, "sam"), org.login(c, "sue")
    org.hub.pull(sam)
    org.hub.pull(sue_session)
    contacts.approve(sam, contact_id, "confirmed")
    contacts.reject(sue_session, contact_id, "not enough")
    org.hub.push(sam)
    sue_seq = org_ledger.own_entries(sue_session)[-1].seq
    org.hub.push(sue_session, refused={sue_seq: "contact.state"})
    result = org.hub.pull(sue_session)
    assert result.refused_own == (sue_seq,)
    shown = contacts.get_contact(sue_session, contact_id)
    assert (shown.status, shown.decided_by) == ("approved", "sam")
    copy_originals(org.b, c)
    report = verify(c, "sue")
    assert report.intact, errors(report)
    # B sees sam's approval; sue's refused decision is held but never applied
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    assert contacts.get_contact(alice, contact_id).decided_by == "sam"
    assert verify(org.b, "alice").intact


def test_a_hub_refusal_of_an_entry_the_rules_allow_is_a_finding(org: Org, tmp_path: Path) -> None:
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-9", debtor_name="王五")
    seq = org_ledger.own_entries(alice)[-1].seq
    org.hub.push(alice, refused={seq: "one-matter-per-chat"})
    org.hub.pull(alice)
    assert alice.conn.execute("SELECT 1 FROM cases WHERE case_no = '2026-SH-9'").fetchone() is None
    report = verify(org.b, "alice")
    assert ("org.refused_valid", f"ledger seq {seq}") in errors(report)


# -- what a pull refuses and verify finds --------------------------------------------------------


def forged(
    device: str,
    prior: Sequence[ledger.Entry],
    actor: str,
    action: str,
    payload: dict[str, Any],
    key: Any,
    *,
    seq: int | None = None,
    prev: str | None = None,
) -> ledger.Entry:
    """An entry of ``device`` after ``prior``, hashed and signed by ``key`` through the
    device's checkpoint, the way that device's own write path would."""
    number = seq if seq is not None else len(prior) + 1
    link = (
        prev
        if prev is not None
        else (prior[-1].entry_hash if prior else ledger.genesis_hash(device))
    )
    entry = ledger.unsigned_entry(
        seq=number,
        at="2026-03-02T02:00:00.000000Z",
        actor=actor,
        action=action,
        payload=payload,
        prev=link,
    )
    tree = merkle.CompactRange()
    for one in [*prior, entry]:
        tree.append(merkle.leaf_hash(bytes.fromhex(one.entry_hash)))
    note = ledger.checkpoint_note(device, tree.size, tree.root_hash().hex())
    return entry.signed(signing.sign(key, signing.CHECKPOINT_CONTEXT, note.encode()))


def b_entries(org: Org) -> list[ledger.Entry]:
    alice = org.login(org.b, "alice")
    return org_ledger.own_entries(alice)


def smuggle(org: Org, item: OrgEntry) -> None:
    """Insert a device entry into A's database outside the app (an insider with the key)."""
    conn = raw_connection(org.a, ADMIN, ADMIN_PASSWORD)
    try:
        conn.execute(
            "INSERT INTO device_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.device_id, *item.entry, item.org_seq, item.verdict, int(item.pre_org)),
        )
        conn.commit()
    finally:
        conn.close()


def refused_and_found(
    org: Org, item: OrgEntry, rule: str, code: str | None = None, *, unpushed: bool = False
) -> None:
    """The pull of ``item`` is refused whole naming ``rule`` (nothing written); smuggled in,
    verify on A finds ``code`` (default: the same) at its device and seq. ``unpushed``: A has
    an entry of its own not pushed yet, so the pull replays the whole organisation's order
    instead of applying the pulled entries one by one on top of A's tables."""
    if unpushed:
        with org.login(org.a, ADMIN) as root:
            org_ledger.invite_user(root, "zed", Role.STAFF)
    sam = org.login(org.a, "sam")
    before = sam.conn.execute("SELECT count(*) FROM device_entries").fetchone()[0]
    with pytest.raises(RuleViolation) as refused:
        org_ledger.apply_pull(sam, [item])
    assert refused.value.rule == rule
    assert sam.conn.execute("SELECT count(*) FROM device_entries").fetchone()[0] == before
    smuggle(org, item)
    report = verify(org.a, "sam")
    where = f"device {item.device_id} seq {item.entry.seq}"
    assert (code or rule, where) in errors(report), errors(report)


def next_position(org: Org) -> int:
    return len(org.hub.log) + 1


def alice_key(org: Org) -> Any:
    return org.login(org.b, "alice").signing_key


def test_an_edited_foreign_payload_is_refused_and_found(org: Org, tmp_path: Path) -> None:
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    batch = org.hub.log[org.hub.pulled[org.a_id] :]
    entry = batch[-1].entry
    assert entry.action == "contact.request"
    edited = entry._replace(payload=entry.payload.replace("whatsapp", "wechat"))
    with pytest.raises(RuleViolation) as refused:
        org_ledger.apply_pull(sam, [*batch[:-1], replace(batch[-1], entry=edited)])
    assert refused.value.rule == "org.entry_hash"
    assert sam.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0  # none of it
    org.hub.pull(sam)
    assert [c.id for c in contacts.list_contacts(sam)] == [contact_id]
    # an insider edits the held entry itself (dropping the trigger that refuses it)
    conn = raw_connection(org.a, ADMIN, ADMIN_PASSWORD)
    conn.execute("DROP TRIGGER device_entries_fixed")
    conn.execute(
        "UPDATE device_entries SET payload = ? WHERE device_id = ? AND seq = ?",
        (edited.payload, org.b_id, entry.seq),
    )
    conn.commit()
    conn.close()
    report = verify(org.a, "sam")
    assert ("ledger.payload", f"device {org.b_id} seq {entry.seq}") in errors(report)


@pytest.mark.parametrize("unpushed", [False, True], ids=["in-step", "replayed"])
def test_a_foreign_entry_with_a_wrong_signer_is_refused_and_found(org: Org, unpushed: bool) -> None:
    prior = b_entries(org)
    intruder = Ed25519PrivateKey.generate()
    item = OrgEntry(
        org.b_id,
        forged(org.b_id, prior, "alice", "user.change_password", {"user": "alice"}, intruder),
        next_position(org),
    )
    refused_and_found(org, item, "ledger.signature", unpushed=unpushed)


@pytest.mark.parametrize("unpushed", [False, True], ids=["in-step", "replayed"])
def test_a_staff_member_approving_is_refused_and_found(
    org: Org, tmp_path: Path, unpushed: bool
) -> None:
    contact_id = request(org, tmp_path)
    org.hub.pull(org.login(org.a, "sam"))
    prior = b_entries(org)
    payload = {
        "contact_id": contact_id,
        "request_entry_hash": prior[-1].entry_hash,
        "request_seq": prior[-1].seq,
        "note": "ok",
        "rows": [
            {
                "table": "contacts",
                "op": "put",
                "row": {
                    "id": contact_id,
                    "status": "approved",
                    "decided_by": "alice",
                    "decided_at": "2026-03-02T02:00:00.000000Z",
                    "decision_note": "ok",
                    "expires_at": None,
                },
            }
        ],
    }
    entry = forged(org.b_id, prior, "alice", "contact.approve", payload, alice_key(org))
    refused_and_found(
        org, OrgEntry(org.b_id, entry, next_position(org)), "rule.permission", unpushed=unpushed
    )


def test_a_broken_foreign_chain_is_refused_and_found(org: Org) -> None:
    prior = b_entries(org)
    gap = forged(
        org.b_id,
        prior,
        "alice",
        "user.change_password",
        {"user": "alice"},
        alice_key(org),
        seq=len(prior) + 2,
    )
    refused_and_found(
        org, OrgEntry(org.b_id, gap, next_position(org)), "org.link", "ledger.sequence"
    )


def test_a_reordered_org_seq_is_found(org: Org, tmp_path: Path) -> None:
    request(org, tmp_path)
    request(org, tmp_path, handle="+8613900000000")
    org.hub.pull(org.login(org.a, "sam"))
    mine = [e for e in org.hub.log if e.device_id == org.b_id]
    first, second = mine[-2], mine[-1]
    conn = raw_connection(org.a, ADMIN, ADMIN_PASSWORD)
    conn.execute("DROP TRIGGER device_entries_fixed")
    for org_seq, seq in (
        (-1, first.entry.seq),
        (first.org_seq, second.entry.seq),
        (second.org_seq, first.entry.seq),
    ):
        conn.execute(
            "UPDATE device_entries SET org_seq = ? WHERE device_id = ? AND seq = ?",
            (org_seq, org.b_id, seq),
        )
    conn.commit()
    conn.close()
    report = verify(org.a, "sam")
    assert ("org.order", f"device {org.b_id} seq {second.entry.seq}") in errors(report)


def join_entry(
    org: Org, device: str, user: str, code_key: Ed25519PrivateKey, invite_id: str
) -> ledger.Entry:
    """A new device's first entry, enrolling a new key with ``code_key``'s signature."""
    key = Ed25519PrivateKey.generate()
    public = signing.public_key_hex(key)
    wrap = "00" * 32
    message = invites.join_message(invite_id, device, user, public, wrap)
    payload = {
        "invite_id": invite_id,
        "device_id": device,
        "public_key": public,
        "wrap_key": wrap,
        "invite_signature": code_key.sign(message).hex(),
        "rows": [
            {
                "table": "users",
                "op": "put",
                "row": {
                    "name": user,
                    "role": "staff",
                    "public_key": public,
                    "active": 1,
                    "wrap_key": wrap,
                },
            },
            {
                "table": "invites",
                "op": "put",
                "row": {
                    "id": invite_id,
                    "status": "used",
                    "closed_by": user,
                    "closed_at": "2026-03-02T02:00:00.000000Z",
                    "device_id": device,
                },
            },
        ],
    }
    return forged(device, [], user, "device.join", payload, key)


def test_a_join_without_the_invitation_signature_is_refused_and_found(org: Org) -> None:
    with org.login(org.a, ADMIN) as root:
        invitation = org_ledger.invite_user(root, "erin", Role.STAFF)
        org.hub.push(root)
        org.hub.pull(root)
    device = "0f1e2d3c-0000-4000-8000-000000000001"
    entry = join_entry(org, device, "erin", Ed25519PrivateKey.generate(), invitation.invite_id)
    refused_and_found(org, OrgEntry(device, entry, next_position(org)), "rule.invite.signature")


def test_a_second_join_with_a_used_invitation_is_refused_and_found(org: Org) -> None:
    invite_id = org.login(org.b, "alice").conn.execute("SELECT id FROM invites").fetchone()[0]
    device = "0f1e2d3c-0000-4000-8000-000000000002"
    # even with the right code's key (the test kept the code): B used the invitation
    code_key = org_ledger.invite_key(org.alice_code)
    entry = join_entry(org, device, "frank", code_key, invite_id)
    refused_and_found(org, OrgEntry(device, entry, next_position(org)), "rule.invite.open")


def test_a_second_store_init_in_the_organisation_is_refused_and_found(org: Org) -> None:
    device = "0f1e2d3c-0000-4000-8000-000000000003"
    key = Ed25519PrivateKey.generate()
    row = {
        "name": "mallory",
        "role": "admin",
        "public_key": signing.public_key_hex(key),
        "active": 1,
    }
    payload = {
        "store_id": device,
        "app_version": "0",
        "admin": "mallory",
        "rows": [{"table": "users", "op": "put", "row": row}],
    }
    entry = forged(device, [], "mallory", "store.init", payload, key)
    item = OrgEntry(device, entry, next_position(org))
    refused_and_found(org, item, "rule.authority.store_init")


def test_a_store_of_one_device_replays_as_before(tmp_path: Path, clock: TickingClock) -> None:
    """No other device's entries, no positions: verify's replay takes the single-device path."""
    with Session.create_store(
        tmp_path / "s", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock
    ) as s:
        users.add_user(s, "sam", Role.SUPERVISOR, PASSWORDS["sam"], kdf=FAST_KDF)
        assert org_history.read(s.conn, s.folder.store_id) is None
        report = verify_store(s, local_anchor=False)
    assert report.intact and report.entries == 2


def test_another_devices_approval_cosignature_is_checked_where_it_is_pulled(
    org: Org, tmp_path: Path
) -> None:
    """sam's approval on A cosigns B's checkpoint; B's verify checks that cosignature under
    sam's key as the organisation's replay holds it. One cosigned with another key is found
    on B at A's entry."""
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    request_entry = org.hub.log[-1].entry
    size = request_entry.seq
    root = org_history.root_at(sam.conn, org.b_id, size)
    assert root is not None
    note = ledger.checkpoint_note(org.b_id, size, root)
    stranger = Ed25519PrivateKey.generate()
    now = sam.now()
    sam.write(
        "contact.approve",
        {
            "contact_id": contact_id,
            "request_entry_hash": request_entry.entry_hash,
            "request_seq": size,
            "documents_seen": [],
            "note": "ok",
            "cosignature": {
                "size": size,
                "root": root,
                "signature": signing.sign(stranger, signing.COSIGN_CONTEXT, note.encode()),
                "device": org.b_id,
            },
        },
        [
            put(
                "contacts",
                {
                    "id": contact_id,
                    "status": "approved",
                    "decided_by": "sam",
                    "decided_at": now,
                    "decision_note": "ok",
                    "expires_at": None,
                },
            )
        ],
    )
    org.hub.push(sam)
    approval_seq = org_ledger.own_entries(sam)[-1].seq
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    assert contacts.get_contact(alice, contact_id).status == "approved"
    report = verify(org.b, "alice")
    assert errors(report) == [("approval.cosignature", f"device {org.a_id} seq {approval_seq}")]
    # on A, the same approval is an own entry, and found there too
    assert ("approval.cosignature", f"ledger seq {approval_seq}") in errors(verify(org.a, "sam"))


def test_a_pull_under_unpushed_own_work_replays_the_order_and_keeps_that_work(
    org: Org, tmp_path: Path
) -> None:
    """alice opens a case on B and has not pushed it when she pulls sam's approval: the pull
    replays the organisation's order (the approval before her unpushed entry), and the
    tables hold both."""
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    contacts.approve(sam, contact_id, "confirmed")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-SH-2", debtor_name="李四")
    org.hub.pull(alice)
    assert contacts.get_contact(alice, contact_id).status == "approved"
    assert cases.get_case(alice, "2026-SH-2").case_no == "2026-SH-2"
    assert verify(org.b, "alice").intact
    org.hub.push(alice)
    org.hub.pull(alice)
    org.hub.pull(sam)
    copy_originals(org.b, org.a)
    for path, user in ((org.a, "sam"), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)
