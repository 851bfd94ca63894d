"""The permission matrix: every role x every service action, allowed or refused as specified.

Each case runs on its own copy of one prepared store (a case, a requested contact and an approved
contact, all by staff member alice, approved by supervisor sam). A refusal must leave the store
exactly as it was: ledger, checkpoints, every projected table, key slots, head and blob files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import NotFound, PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import access_log, cases, contacts, reading, settings, users
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log, verify_store
from tests.helpers import (
    ADMIN,
    FAST_KDF,
    TickingClock,
    make_team,
    store_state,
    supporting_documents,
)

# one representative user per role; sue is a supervisor who requested nothing
ACTOR = {
    Role.STAFF: "alice",
    Role.SUPERVISOR: "sue",
    Role.LEGAL: "lee",
    Role.ADMIN: "ada",
    Role.AUDITOR: "audrey",
}
PASSWORD = {
    name: f"{name}-password" for name in ("alice", "bob", "sam", "sue", "lee", "ada", "audrey")
}

S, V, L, A, U = Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.ADMIN, Role.AUDITOR
EVERYONE = {S, V, L, A, U}


@dataclass
class World:
    path: Path
    clock: TickingClock
    requested: str  # a contact alice requested, awaiting a decision
    approved: str  # a contact alice requested and sam approved
    doc: Path  # a file to attach
    sessions: list[Session]

    def login(self, name: str) -> Session:
        session = Session.open(self.path, name, PASSWORD[name], clock=self.clock)
        self.sessions.append(session)
        return session


CSV = "案件编号,债务人,身份证号\nIMP-1,李四,110101199003071234\n".encode()


def _add_user(s: Session, w: World) -> Any:
    return users.add_user(s, "newbie", Role.STAFF, "newbie-password", kdf=FAST_KDF)


def _reset_password(s: Session, w: World) -> Any:
    return users.reset_password(s, "bob", "bob-new-password", kdf=FAST_KDF)


def _deactivate(s: Session, w: World) -> Any:
    return users.deactivate_user(s, "bob")


def _set_setting(s: Session, w: World) -> Any:
    return settings.set_value(s, "approval_expiry_days", "7")


def _create_case(s: Session, w: World) -> Any:
    return cases.create_case(s, "C-NEW", debtor_name="张三")


def _edit_case(s: Session, w: World) -> Any:
    return cases.edit_case(s, "C-1", amount_overdue="999.00")


def _import_cases(s: Session, w: World) -> Any:
    return cases.import_cases_csv(s, "cases.csv", CSV)


def _request(s: Session, w: World) -> Any:
    return contacts.request_contact(
        s,
        case_no="C-1",
        channel="wechat",
        handle="wxid_new",
        display_name="王秀英",
        reason="debtor asked to chat",
        consent=True,
        documents=[("identity_proof", w.doc)],
    )


def _approve(s: Session, w: World) -> Any:
    return contacts.approve(s, w.requested, "identity checked")


def _reject(s: Session, w: World) -> Any:
    return contacts.reject(s, w.requested, "no identity proof")


def _revoke(s: Session, w: World) -> Any:
    return contacts.revoke(s, w.approved, "debtor turned abusive")


def _attach(s: Session, w: World) -> Any:
    return contacts.attach_documents(s, w.approved, [w.doc])


def _verify(s: Session, w: World) -> Any:
    return verify_store(s)


def _log(s: Session, w: World) -> Any:
    return list(iter_log(s))


# -- reads of content and of the read log (PI-1) --


def _open_conversation(s: Session, w: World) -> Any:
    return reading.count(s, w.approved)


def _search(s: Session, w: World) -> Any:
    return reading.search(s, w.approved, "王秀英")


def _first_item(s: Session, w: World) -> str:
    """A digest of the approved contact's first item, read past the permission check."""
    row = s.conn.execute("SELECT sha256 FROM items WHERE contact_id = ?", (w.approved,))
    return str(row.fetchone()[0])


def _view_item(s: Session, w: World) -> Any:
    return reading.original_bytes(s, _first_item(s, w))


def _view_document(s: Session, w: World) -> Any:
    return reading.document_bytes(s, w.approved, _first_item(s, w))


def _read_access_log(s: Session, w: World) -> Any:
    return access_log.list_reads(s)


@dataclass(frozen=True)
class Op:
    name: str
    call: Callable[[Session, World], Any]
    rule: str  # the permission the refusal must name
    allowed: frozenset[Role]  # as specified
    ledger_action: str | None  # the entry an allowed call appends (None: read-only)
    logs_read: bool = False  # an allowed call adds one row to the read log


OPS = [
    Op("users.add_user", _add_user, "permission:user.add", frozenset({A}), "user.add"),
    Op(
        "users.reset_password",
        _reset_password,
        "permission:user.reset_password",
        frozenset({A}),
        "user.reset_password",
    ),
    Op(
        "users.deactivate_user",
        _deactivate,
        "permission:user.deactivate",
        frozenset({A}),
        "user.deactivate",
    ),
    Op(
        "settings.set_value",
        _set_setting,
        "permission:settings.set",
        frozenset({A}),
        "settings.set",
    ),
    Op(
        "cases.create_case",
        _create_case,
        "permission:case.create",
        frozenset({S, V}),
        "case.create",
    ),
    Op("cases.edit_case", _edit_case, "permission:case.edit", frozenset({S, V}), "case.edit"),
    Op(
        "cases.import_cases_csv",
        _import_cases,
        "permission:case.import",
        frozenset({V, A}),
        "case.import",
    ),
    Op(
        "contacts.request_contact",
        _request,
        "permission:contact.request",
        frozenset({S, V}),
        "contact.request",
    ),
    Op(
        "contacts.approve", _approve, "permission:contact.decide", frozenset({V}), "contact.approve"
    ),
    Op("contacts.reject", _reject, "permission:contact.decide", frozenset({V}), "contact.reject"),
    Op("contacts.revoke", _revoke, "permission:contact.decide", frozenset({V}), "contact.revoke"),
    Op(
        "contacts.attach_documents",
        _attach,
        "permission:evidence.add",
        frozenset({S, V}),
        "evidence.attach",
    ),
    Op("verify.verify_store", _verify, "permission:verify", frozenset(EVERYONE), None),
    Op("verify.iter_log", _log, "permission:log.read", frozenset(EVERYONE), None),
    Op(
        "reading.count",
        _open_conversation,
        "permission:evidence.read",
        frozenset({S, V, L}),
        None,
        True,
    ),
    Op("reading.search", _search, "permission:evidence.read", frozenset({S, V, L}), None, True),
    Op(
        "reading.original_bytes",
        _view_item,
        "permission:evidence.read",
        frozenset({S, V, L}),
        None,
        True,
    ),
    Op(
        "reading.document_bytes",
        _view_document,
        "permission:document.read",
        frozenset({S, V, L}),
        None,
        True,
    ),
    Op(
        "access_log.list_reads",
        _read_access_log,
        "permission:access_log.read",
        frozenset({V, U, A}),
        None,
    ),
]

CASES = [pytest.param(role, op, id=f"{role.value}-{op.name}") for op in OPS for role in Role]


# -- the store's complete state ----------------------------------------------------------------


def assert_unchanged(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert len(after["ledger"]) == len(before["ledger"])
    assert len(after["checkpoints"]) == len(before["checkpoints"])
    for key in before:
        assert after[key] == before[key], f"{key} changed by a refused operation"


# -- the prepared store -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TickingClock, str, str]:
    base = tmp_path_factory.mktemp("template")
    clock = TickingClock()
    team = make_team(base / "store", clock)
    doc = base / "id-card.jpg"
    doc.write_bytes(b"\xff\xd8 identity card of the debtor")
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="王秀英", debtor_id_number="440301198807076543")
    pending = contacts.request_contact(
        alice,
        case_no="C-1",
        channel="wechat",
        handle="wxid_pending",
        display_name="王秀英",
        reason="debtor sent a friend request",
        documents=supporting_documents(base / "pending-docs"),
    )
    granted = contacts.request_contact(
        alice,
        case_no="C-1",
        channel="whatsapp",
        handle="+8613800000000",
        display_name="王秀英",
        reason="debtor's WhatsApp",
        consent=True,
        documents=supporting_documents(base / "granted-docs"),
    )
    contacts.approve(team.login("sam"), granted.id, "documents checked")
    users.add_user(team.login(ADMIN), "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.close_all()
    return base / "store", clock, pending.id, granted.id


@pytest.fixture
def world(template: tuple[Path, TickingClock, str, str], tmp_path: Path) -> Any:
    source, clock, pending, granted = template
    path = tmp_path / "store"
    shutil.copytree(source, path)
    doc = tmp_path / "screenshot.png"
    doc.write_bytes(b"\x89PNG a screenshot " + tmp_path.name.encode())
    w = World(path, TickingClock(clock.now), pending, granted, doc, [])
    yield w
    for session in w.sessions:
        session.close()


# -- the matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "op"), CASES)
def test_permission_matrix(world: World, role: Role, op: Op) -> None:
    name = ACTOR[role]
    session = world.login(name)
    assert session.user.role == role
    before = store_state(world.path)
    if role in op.allowed:
        result = op.call(session, world)
        after = store_state(world.path)
        if op.ledger_action is None and op.logs_read:
            assert len(after.pop("access_log")) == len(before.pop("access_log")) + 1
            assert_unchanged(before, after)
        elif op.ledger_action is None:
            assert_unchanged(before, after)
        else:
            assert len(after["ledger"]) == len(before["ledger"]) + 1
            assert len(after["checkpoints"]) == len(before["checkpoints"]) + 1
            last = list(iter_log(session))[-1]
            assert (last.actor, last.action) == (name, op.ledger_action)
        if op.name == "verify.verify_store":
            assert result.intact, result.findings
        report = verify_store(session)
        assert report.intact, [f.as_json() for f in report.errors]
    else:
        with pytest.raises(PermissionDenied) as refused:
            op.call(session, world)
        assert refused.value.rule == op.rule
        assert refused.value.exit_code == 3
        assert_unchanged(before, store_state(world.path))


def test_the_matrix_covers_every_role_and_every_service_action() -> None:
    assert {op.name for op in OPS} == {
        "users.add_user",
        "users.reset_password",
        "users.deactivate_user",
        "settings.set_value",
        "cases.create_case",
        "cases.edit_case",
        "cases.import_cases_csv",
        "contacts.request_contact",
        "contacts.approve",
        "contacts.reject",
        "contacts.revoke",
        "contacts.attach_documents",
        "verify.verify_store",
        "verify.iter_log",
        "reading.count",
        "reading.search",
        "reading.original_bytes",
        "reading.document_bytes",
        "access_log.list_reads",
    }
    assert len(CASES) == len(OPS) * len(Role)


# -- the named cases of issue 3 -----------------------------------------------------------------


@pytest.mark.parametrize("decide", [_approve, _reject], ids=["approve", "reject"])
def test_a_supervisor_may_not_decide_their_own_request(world: World, decide: Any) -> None:
    sam = world.login("sam")
    own = contacts.request_contact(
        sam,
        case_no="C-1",
        channel="telegram",
        handle="@wang",
        display_name="王秀英",
        reason="debtor wrote on Telegram",
        consent=True,
        documents=supporting_documents(world.path.parent / "own-docs"),
    )
    before = store_state(world.path)
    with pytest.raises(RuleViolation) as refused:
        decide(sam, World(world.path, world.clock, own.id, world.approved, world.doc, []))
    assert not isinstance(refused.value, PermissionDenied)
    assert refused.value.rule == "four-eyes"
    assert_unchanged(before, store_state(world.path))
    assert contacts.get_contact(sam, own.id).status == "requested"
    # another supervisor may
    decided = contacts.approve(world.login("sue"), own.id, "ok")
    assert (decided.status, decided.decided_by) == ("approved", "sue")


def test_staff_may_not_approve_even_a_colleagues_request(world: World) -> None:
    for name in ("alice", "bob"):  # alice requested it, bob did not
        session = world.login(name)
        before = store_state(world.path)
        with pytest.raises(PermissionDenied) as refused:
            contacts.approve(session, world.requested, "looks fine")
        assert refused.value.rule == "permission:contact.decide"
        assert_unchanged(before, store_state(world.path))


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEGAL, Role.ADMIN])
@pytest.mark.parametrize("decide", ["approve", "reject", "revoke"])
def test_deciding_is_refused_by_permission_before_the_contact_is_looked_up(
    world: World, role: Role, decide: str
) -> None:
    # a non-supervisor learns nothing about which contact ids exist, and the refusal names
    # the decision permission, not a read permission
    session = world.login(ACTOR[role])
    with pytest.raises(PermissionDenied) as refused:
        getattr(contacts, decide)(session, "K-does-not-exist", "note")
    assert refused.value.rule == "permission:contact.decide"
    with pytest.raises(NotFound):
        getattr(contacts, decide)(world.login("sue"), "K-does-not-exist", "note")


def test_legal_reads_cases_contacts_documents_settings_and_users(world: World) -> None:
    lee = world.login("lee")
    before = store_state(world.path)
    assert cases.get_case(lee, "C-1").masked_id == "440301********6543"
    assert [c.case_no for c in cases.list_cases(lee)] == ["C-1"]
    assert {c.id for c in contacts.list_contacts(lee)} == {world.requested, world.approved}
    assert [i.role for i in contacts.contact_items(lee, world.approved)] == [
        "identity_proof",
        "debt_confirmation",
    ]
    assert settings.get(lee, "timezone") == "Asia/Shanghai"
    assert "lee" in {u.name for u in users.list_users(lee)}
    assert_unchanged(before, store_state(world.path))


def test_admin_reads_no_case_or_contact(world: World) -> None:
    ada = world.login("ada")
    for read, rule in (
        (lambda: cases.get_case(ada, "C-1"), "permission:case.read"),
        (lambda: cases.list_cases(ada), "permission:case.read"),
        (lambda: contacts.list_contacts(ada), "permission:contact.read"),
        (lambda: contacts.get_contact(ada, world.approved), "permission:contact.read"),
        (lambda: contacts.contact_items(ada, world.approved), "permission:contact.read"),
    ):
        with pytest.raises(PermissionDenied) as refused:
            read()
        assert refused.value.rule == rule
