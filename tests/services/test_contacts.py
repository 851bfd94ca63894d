"""Contacts: request with documents, four-eyes decisions, one matter per chat, CC-3/CC-4 flags,
notes on reject and revoke, closing the channel, approval expiry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.services import cases, contacts, settings
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log, verify_store
from tests.helpers import Team, TickingClock, store_state


def _assert_intact(session: Session) -> None:
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


def _last(session: Session) -> Any:
    return list(iter_log(session))[-1]


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "identity_proof": ("id-card.jpg", b"\xff\xd8\xff identity card"),
        "debt_confirmation": ("confirm.pdf", "%PDF 借款人确认欠款".encode()),
        "friend_request": ("request.png", b"\x89PNG friend request screenshot"),
        "later": ("promise.png", b"\x89PNG a promise to pay"),
    }
    out = {}
    for role, (name, data) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[role] = path
    return out


@pytest.fixture
def alice(team: Team) -> Session:
    session = team.login("alice")
    cases.create_case(session, "C-1", debtor_name="王秀英", debtor_id_number="440301198807076543")
    cases.create_case(session, "C-2", debtor_name="李四")
    return session


def _request(session: Session, docs: dict[str, Path] | None = None, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "case_no": "C-1",
        "channel": "wechat",
        "handle": "wxid_wangxiuying88",
        "display_name": "王秀英",
        "reason": "debtor sent a friend request to settle the debt",
        "consent": True,
    }
    if docs is not None:
        fields["documents"] = [
            (role, docs[role]) for role in ("identity_proof", "debt_confirmation", "friend_request")
        ]
    fields.update(overrides)
    return contacts.request_contact(session, **fields)


# -- requesting -----------------------------------------------------------------------------------


def test_request_with_documents(team: Team, alice: Session, docs: dict[str, Path]) -> None:
    contact = _request(alice, docs)
    assert contact.status == "requested"
    assert (contact.requested_by, contact.case_no, contact.relation) == ("alice", "C-1", "debtor")
    assert contact.flag_list == []
    items = contacts.contact_items(alice, contact.id)
    assert sorted(i.role for i in items) == [
        "debt_confirmation",
        "friend_request",
        "identity_proof",
    ]
    entry = _last(alice)
    assert (entry.actor, entry.action) == ("alice", "contact.request")
    payload = json.loads(entry.payload)
    assert payload["contact_id"] == contact.id
    assert {d["role"]: d["sha256"] for d in payload["documents"]} == {
        i.role: i.sha256 for i in items
    }
    assert all(len(d["sm3"]) == 64 for d in payload["documents"])
    # visible in the supervisor's queue
    queue = contacts.list_contacts(team.login("sam"), status="requested")
    assert [c.id for c in queue] == [contact.id]
    _assert_intact(alice)


def test_a_social_channel_without_consent_is_flagged_cc4(alice: Session) -> None:
    contact = _request(alice, consent=False)
    assert "CC-4:no_consent" in contact.flag_list
    assert contact.consent == "no"
    sms = _request(alice, channel="sms", handle="13800000000", consent=False)
    assert sms.flag_list == []


@pytest.mark.parametrize("justification", ["", "   "])
def test_relation_other_needs_a_justification(
    team: Team, alice: Session, justification: str
) -> None:
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        _request(alice, relation="other", relation_justification=justification)
    assert refused.value.rule == "CC-3"
    assert store_state(team.path) == before


def test_relation_other_with_a_justification_is_flagged(alice: Session) -> None:
    contact = _request(
        alice,
        relation="other",
        relation_justification="debtor unreachable for 30 days; emergency contact",
    )
    assert "CC-3:relation_other" in contact.flag_list
    assert contact.relation_justification.startswith("debtor unreachable")
    guarantor = _request(alice, handle="wxid_guarantor", relation="guarantor")
    assert "CC-3:relation_other" not in guarantor.flag_list


def test_refused_and_bad_requests_change_nothing(
    team: Team, alice: Session, docs: dict[str, Path], tmp_path: Path
) -> None:
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        _request(alice, docs, reason="  ")
    assert refused.value.rule == "contact.reason"
    with pytest.raises(BadInput):
        _request(alice, docs, channel="email")
    with pytest.raises(BadInput):
        _request(alice, docs, handle="   ")
    with pytest.raises(BadInput):
        _request(alice, docs, relation="cousin")
    with pytest.raises(BadInput):
        _request(alice, documents=[("selfie", docs["identity_proof"])])
    with pytest.raises(NotFound):
        _request(alice, docs, case_no="C-404")
    with pytest.raises(BadInput) as missing:
        _request(
            alice,
            documents=[
                ("identity_proof", docs["identity_proof"]),
                ("debt_confirmation", tmp_path / "missing.pdf"),
            ],
        )
    assert "missing.pdf" in missing.value.message
    assert store_state(team.path) == before


# -- one matter per chat --------------------------------------------------------------------------


@pytest.mark.parametrize("approved_first", [False, True])
def test_one_matter_per_chat(
    team: Team, alice: Session, approved_first: bool, docs: dict[str, Path]
) -> None:
    first = _request(alice, docs)
    if approved_first:
        contacts.approve(team.login("sam"), first.id, "ok")
    before = store_state(team.path)
    bob = team.login("bob")
    with pytest.raises(RuleViolation) as refused:
        _request(bob, case_no="C-2", handle=" wxid_wangxiuying88 ")
    assert refused.value.rule == "one-matter-per-chat"
    assert "C-1" in refused.value.message  # names the case that holds the chat
    assert first.id in refused.value.message
    with pytest.raises(RuleViolation) as again:
        _request(bob, case_no="C-1")
    assert again.value.rule == "contact.duplicate"
    assert store_state(team.path) == before
    # the same handle on another channel is another chat
    other = _request(bob, case_no="C-2", channel="whatsapp")
    assert other.case_no == "C-2"


# -- deciding -------------------------------------------------------------------------------------


def test_approve_records_the_supervisor_the_note_and_the_documents_seen(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    sam = team.login("sam")
    approved = contacts.approve(sam, contact.id, "身份已核实")
    assert (approved.status, approved.decided_by, approved.decision_note) == (
        "approved",
        "sam",
        "身份已核实",
    )
    assert approved.expires_at is None  # no expiry configured
    entry = _last(sam)
    assert (entry.actor, entry.action) == ("sam", "contact.approve")
    payload = json.loads(entry.payload)
    assert sorted(payload["documents_seen"]) == sorted(
        i.sha256 for i in contacts.contact_items(sam, contact.id)
    )
    request_entry = next(e for e in iter_log(sam) if e.action == "contact.request")
    assert payload["request_entry_hash"] == request_entry.entry_hash
    assert payload["cosignature"]["size"] == request_entry.seq
    with pytest.raises(RuleViolation) as twice:
        contacts.approve(team.login("sue"), contact.id, "again")
    assert twice.value.rule == "contact.state"
    _assert_intact(sam)


@pytest.mark.parametrize("note", ["", "   "])
def test_reject_needs_a_note(team: Team, alice: Session, note: str) -> None:
    contact = _request(alice)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.reject(team.login("sam"), contact.id, note)
    assert refused.value.rule == "contact.note"
    assert store_state(team.path) == before


def test_a_rejected_contact_keeps_its_documents_and_takes_no_evidence(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    items = contacts.contact_items(alice, contact.id)
    sam = team.login("sam")
    rejected = contacts.reject(sam, contact.id, "ID card unreadable")
    assert (rejected.status, rejected.decided_by, rejected.decision_note) == (
        "rejected",
        "sam",
        "ID card unreadable",
    )
    assert (_last(sam).actor, _last(sam).action) == ("sam", "contact.reject")
    assert contacts.contact_items(alice, contact.id) == items
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.attach_documents(alice, contact.id, [docs["later"]])
    assert refused.value.rule == "contact.approved"
    with pytest.raises(RuleViolation) as late:
        contacts.approve(team.login("sue"), contact.id, "changed my mind")
    assert late.value.rule == "contact.state"
    assert store_state(team.path) == before
    _assert_intact(sam)


def test_evidence_only_after_approval(team: Team, alice: Session, docs: dict[str, Path]) -> None:
    contact = _request(alice, docs)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.attach_documents(alice, contact.id, [docs["later"]])
    assert refused.value.rule == "contact.approved"
    assert store_state(team.path) == before
    contacts.approve(team.login("sam"), contact.id, "ok")
    items = contacts.attach_documents(alice, contact.id, [docs["later"]])
    assert [(i.file_name, i.added_by, i.role) for i in items] == [
        ("promise.png", "alice", "document")
    ]
    entry = _last(alice)
    assert (entry.actor, entry.action) == ("alice", "evidence.attach")
    assert json.loads(entry.payload)["files"][0]["sha256"] == items[0].sha256
    _assert_intact(alice)


# -- revoking -------------------------------------------------------------------------------------


def test_revoke_needs_a_note_and_closes_the_channel(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    sam = team.login("sam")
    with pytest.raises(RuleViolation) as early:
        contacts.revoke(sam, contact.id, "abusive")
    assert early.value.rule == "contact.state"  # only an approved contact is revoked
    contacts.approve(sam, contact.id, "ok")
    contacts.attach_documents(alice, contact.id, [docs["later"]])
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.revoke(sam, contact.id, " ")
    assert refused.value.rule == "contact.note"
    assert store_state(team.path) == before

    sue = team.login("sue")
    revoked = contacts.revoke(sue, contact.id, "debtor threatened staff")
    assert (revoked.status, revoked.revoked_by, revoked.revoke_note) == (
        "revoked",
        "sue",
        "debtor threatened staff",
    )
    assert (_last(sue).actor, _last(sue).action) == ("sue", "contact.revoke")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as closed:
        contacts.attach_documents(alice, contact.id, [docs["friend_request"]])
    assert closed.value.rule == "contact.approved"
    with pytest.raises(RuleViolation) as twice:
        contacts.revoke(sam, contact.id, "again")
    assert twice.value.rule == "contact.state"
    assert store_state(team.path) == before
    _assert_intact(sue)


# -- approval expiry ------------------------------------------------------------------------------


def test_an_approval_expires_after_the_configured_days(
    team: Team, clock: TickingClock, alice: Session, docs: dict[str, Path]
) -> None:
    settings.set_value(team.login("ada"), "approval_expiry_days", "7")
    contact = _request(alice, docs)
    approved = contacts.approve(team.login("sam"), contact.id, "ok for a week")
    assert approved.expires_at is not None
    assert approved.expires_at > approved.decided_at  # type: ignore[operator]
    assert approved.expires_at[:10] == "2026-03-09"  # the clock starts on 2026-03-02
    contacts.attach_documents(alice, contact.id, [docs["later"]])
    clock.advance(days=6, hours=23)
    contacts.attach_documents(alice, contact.id, [docs["friend_request"]])
    clock.advance(hours=1)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as expired:
        contacts.attach_documents(alice, contact.id, [docs["identity_proof"]])
    assert expired.value.rule == "contact.expired"
    assert approved.expires_at in expired.value.message
    assert approved.standing(approved.expires_at) == "expired"
    assert approved.standing(approved.decided_at or "") == "approved"
    assert store_state(team.path) == before
    _assert_intact(alice)


def test_a_lapsed_approval_frees_the_chat_for_a_new_request_and_approval(
    team: Team, clock: TickingClock, alice: Session, docs: dict[str, Path]
) -> None:
    settings.set_value(team.login("ada"), "approval_expiry_days", "7")
    first = _request(alice, docs)
    contacts.approve(team.login("sam"), first.id, "ok for a week")
    with pytest.raises(RuleViolation) as held:
        _request(alice, docs)  # the approval is in force: the chat is taken
    assert held.value.rule == "contact.duplicate"
    clock.advance(days=7, hours=1)
    again = _request(alice, docs)  # lapsed: "ask a supervisor for a new approval" can be done
    renewed = contacts.approve(team.login("sue"), again.id, "renewed")
    contacts.attach_documents(alice, renewed.id, [docs["later"]])
    assert contacts.get_contact(alice, first.id).standing(alice.now()) == "expired"
    _assert_intact(alice)


def test_without_an_expiry_setting_an_approval_does_not_expire(
    team: Team, clock: TickingClock, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    assert contacts.approve(team.login("sam"), contact.id, "ok").expires_at is None
    clock.advance(days=3650)
    assert len(contacts.attach_documents(alice, contact.id, [docs["later"]])) == 1


def test_attaching_identical_bytes_reuses_the_sealed_blob(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    contacts.approve(team.login("sam"), contact.id, "ok")
    blobs_before = store_state(team.path)["blobs"]
    contacts.attach_documents(alice, contact.id, [docs["identity_proof"]])  # sealed at request
    assert store_state(team.path)["blobs"] == blobs_before
    assert len(contacts.contact_items(alice, contact.id)) == 4
    _assert_intact(alice)


# -- the debtor's documents come first ------------------------------------------------------------


def test_approval_needs_identity_proof_and_debt_confirmation(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, documents=[("identity_proof", docs["identity_proof"])])
    sam = team.login("sam")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.approve(sam, contact.id, "looks fine")
    assert refused.value.rule == "contact.documents"
    assert "debt confirmation" in refused.value.message
    assert "identity proof" not in refused.value.message
    assert store_state(team.path) == before
    # The requester adds the missing document to the pending request; then approval goes through.
    contacts.attach_documents(alice, contact.id, [docs["debt_confirmation"]], "debt_confirmation")
    approved = contacts.approve(sam, contact.id, "now complete")
    assert approved.status == "approved"
    _assert_intact(sam)


def test_plain_evidence_cannot_be_attached_to_a_pending_request(
    team: Team, alice: Session, docs: dict[str, Path]
) -> None:
    contact = _request(alice, docs)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.attach_documents(alice, contact.id, [docs["later"]])
    assert refused.value.rule == "contact.approved"
    assert store_state(team.path) == before


def test_a_supervisor_may_not_revoke_their_own_request(team: Team, docs: dict[str, Path]) -> None:
    sam = team.login("sam")
    cases.create_case(sam, "C-9", debtor_name="赵六")
    contact = _request(sam, docs, case_no="C-9")
    contacts.approve(team.login("sue"), contact.id, "ok")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        contacts.revoke(sam, contact.id, "abusive")
    assert refused.value.rule == "four-eyes"
    assert store_state(team.path) == before
    assert contacts.revoke(team.login("sue"), contact.id, "abusive").status == "revoked"


def _requests_from(session: Session, device: str, first: int, last: int) -> None:
    """Requests ``first``..``last`` of another device as a pull keeps them
    (``device_entries``), each followed by a decision: what a supervisor's store holds after
    a day of a staff laptop."""
    rows = []
    for n in range(first, last + 1):
        for seq, action in ((2 * n - 1, "contact.request"), (2 * n, "contact.approve")):
            payload = json.dumps({"contact_id": f"c-{n:06d}", "reason": "r" * 200})
            rows.append((device, seq, "t", "alice", action, payload, "h", "h", "h", "s", seq, ""))
    session.conn.executemany(
        "INSERT INTO device_entries (device_id, seq, at, actor, action, payload, payload_hash,"
        " prev_hash, entry_hash, signature, org_seq, verdict) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _steps_to_find(session: Session, contact_id: str) -> int:
    steps = 0

    def step() -> int:
        nonlocal steps
        steps += 1
        return 0

    session.conn.set_progress_handler(step, 1)
    try:
        device, entry = contacts._request_entry(session, contact_id)
    finally:
        session.conn.set_progress_handler(None, 0)
    assert device == "laptop-1" and json.loads(entry.payload)["contact_id"] == contact_id
    return steps


def test_the_request_an_approval_cosigns_is_found_without_reading_every_request(
    team: Team,
) -> None:
    """An approval looks for the request it cosigns among the other devices' entries: the
    newest is found in as many steps with 2,000 requests held as with 20 (the read reached
    the oldest entry, a cost that grew with the organisation's day)."""
    session = team.login("bob")
    _requests_from(session, "laptop-1", 1, 20)
    few = _steps_to_find(session, "c-000020")
    _requests_from(session, "laptop-1", 21, 2000)
    many = _steps_to_find(session, "c-002000")
    assert many < 2 * few, (few, many)
    # an older one is found too
    assert _steps_to_find(session, "c-000007") > few
