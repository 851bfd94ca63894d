"""The read log (PI-1): every kind of read logs a row; the chain and seals; tampering located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.errors import PermissionDenied
from evidence_desk.domain.models import Role
from evidence_desk.integrity import signing
from evidence_desk.services import access_log, bundle, conduct, contacts, reading, review, users
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store import access_log as chain
from evidence_desk.store.schema import latest_version
from tests.bundle.support import CASE, export, store_with_evidence
from tests.helpers import ADMIN, ADMIN_PASSWORD, COURT, FAST_KDF, Team, raw_connection


def _rows(session: Session) -> list[dict[str, object]]:
    return [dict(r) for r in session.conn.execute("SELECT * FROM access_log ORDER BY seq")]


def _access_findings(session: Session) -> list[tuple[str, str, str]]:
    return [
        (f.code, f.location, f.severity)
        for f in verify_store(session).findings
        if f.code.startswith("access.")
    ]


def _tamper(team: Team, *statements: tuple[str, tuple[object, ...]]) -> None:
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        for sql, params in statements:
            conn.execute(sql, params)
    finally:
        conn.close()


@pytest.fixture
def evidence(team: Team, tmp_path: Path) -> tuple[Session, str]:
    return store_with_evidence(team, tmp_path / "in")


def test_each_kind_of_read_logs_a_row_with_user_case_what_and_when(
    team: Team, tmp_path: Path, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    assert _rows(alice) == []  # importing is not reading
    reading.count(alice, contact_id)
    reading.list_messages(alice, contact_id, limit=5)
    reading.search(alice, contact_id, "repay")
    review.search(alice, "repay", case_no=CASE)
    items = contacts.contact_items(alice, contact_id)
    screenshot = next(i for i in items if i.file_name == "promise.png")
    reading.original_bytes(alice, screenshot.sha256)
    document = next(i for i in items if i.role == "identity_proof")
    sam = team.login("sam")
    reading.document_bytes(sam, contact_id, document.sha256)
    conduct.report(sam, CASE)
    result = export(team, tmp_path / "out", stamp_first=False)

    rows = _rows(alice)
    assert [(r["user"], r["case_no"], r["what"]) for r in rows] == [
        ("alice", CASE, "conversation.open"),
        ("alice", CASE, "conversation.open"),
        ("alice", CASE, "conversation.search"),
        ("alice", CASE, "conversation.search"),
        ("alice", CASE, "item.view"),
        ("sam", CASE, "document.view"),
        ("sam", CASE, "conduct.check"),
        ("lee", CASE, "conduct.check"),  # the bundle's conduct annex ran the check
        ("lee", CASE, "bundle.export"),
    ]
    assert rows[0]["target"] == contact_id
    assert json.loads(str(rows[2]["detail"])) == {"text": "repay"}
    assert rows[4]["target"] == screenshot.sha256
    assert rows[8]["target"] == result.bundle_id
    assert all(str(r["at"]).startswith("2026-") and str(r["at"]).endswith("Z") for r in rows)
    # paging through the open conversation is part of the one "open" row
    reading.page_at(alice, contact_id, 0, 50)
    assert len(_rows(alice)) == len(rows)


def test_rows_chain_and_a_closed_session_seals_its_batch(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    reading.search(alice, contact_id, "repay")
    rows = _rows(alice)
    store_id = alice.folder.store_id
    prev = chain.genesis_hash(store_id)
    for r in rows:
        assert r["prev_hash"] == prev
        prev = str(r["row_hash"])
    assert alice.conn.execute("SELECT count(*) FROM access_seals").fetchone()[0] == 0
    alice.close()  # log out: the batch is sealed by alice
    ada = team.login("ada")
    seal = dict(ada.conn.execute("SELECT * FROM access_seals").fetchone())
    assert (seal["first"], seal["upto"], seal["signer"]) == (1, 2, "alice")
    alice_key = users.get_user(ada, "alice").public_key
    message = chain.seal_message(store_id, 1, 2, str(rows[-1]["row_hash"]))
    assert signing.verify(alice_key, signing.ACCESS_SEAL_CONTEXT, message, str(seal["signature"]))
    assert _access_findings(ada) == []
    assert [r.sealed for r in access_log.list_reads(ada)] == [True, True]


def test_a_batch_is_sealed_every_SEAL_EVERY_reads(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    for _ in range(chain.SEAL_EVERY):
        reading.count(alice, contact_id)
    seals = alice.conn.execute("SELECT first, upto, signer FROM access_seals").fetchall()
    assert [tuple(s) for s in seals] == [(1, chain.SEAL_EVERY, "alice")]


def test_verify_seals_the_verifiers_own_reads_first(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    assert _access_findings(alice) == []
    assert alice.conn.execute("SELECT upto, signer FROM access_seals").fetchone()[:] == (
        1,
        "alice",
    )


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (
            [("UPDATE access_log SET user = 'bob' WHERE seq = 2", ())],
            {("access.row_changed", "read log row 2")},
        ),
        (
            [("DELETE FROM access_log WHERE seq = 2", ())],
            {("access.row_missing", "read log row 3"), ("access.chain_broken", "read log row 3")},
        ),
    ],
    ids=["changed", "deleted"],
)
def test_a_changed_or_deleted_row_is_located(
    team: Team,
    evidence: tuple[Session, str],
    statements: list[tuple[str, tuple[object, ...]]],
    expected: set[tuple[str, str]],
) -> None:
    alice, contact_id = evidence
    for _ in range(3):
        reading.count(alice, contact_id)
    alice.close()
    _tamper(team, *statements)
    ada = team.login("ada")
    found = {
        (code, where) for code, where, severity in _access_findings(ada) if severity == "error"
    }
    assert expected <= found
    assert ("access.seal_head", "read log seal of rows 1..3") in found


def test_an_inserted_row_is_located_even_with_a_well_formed_hash(
    team: Team, evidence: tuple[Session, str]
) -> None:
    """Someone with the database key slips a read in between rows 1 and 2 (renumbering the
    rest) and even computes its own row hash correctly: the chain breaks at the row after it
    and the seal no longer covers what it sealed."""
    alice, contact_id = evidence
    for _ in range(2):
        reading.count(alice, contact_id)
    alice.close()
    ada = team.login("ada")
    first = _rows(ada)[0]
    forged = chain.row_hash(
        2,
        "2026-03-02T01:00:00Z",
        "bob",
        CASE,
        "conversation.open",
        contact_id,
        "{}",
        str(first["row_hash"]),
    )
    ada.close()
    _tamper(
        team,
        ("UPDATE access_log SET seq = 3 WHERE seq = 2", ()),
        (
            "INSERT INTO access_log VALUES (2, '2026-03-02T01:00:00Z', 'bob', ?, "
            "'conversation.open', ?, '{}', ?, ?)",
            (CASE, contact_id, first["row_hash"], forged),
        ),
    )
    ada = team.login("ada")
    found = {(code, where) for code, where, _severity in _access_findings(ada)}
    assert ("access.chain_broken", "read log row 3") in found
    assert ("access.row_changed", "read log row 3") in found  # its seq is part of its hash
    assert ("access.seal_head", "read log seal of rows 1..2") in found


def test_a_resigned_seal_by_another_user_is_reported(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    alice.close()
    bob = team.login("bob")
    bad = bob.sign(signing.ACCESS_SEAL_CONTEXT, b"something else")
    _tamper(team, ("UPDATE access_seals SET signature = ? WHERE upto = 1", (bad,)))
    found = {code for code, _where, _severity in _access_findings(bob)}
    assert "access.seal_signature" in found


def test_unsealed_reads_are_reported_once_the_session_is_long_gone(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    ada = team.login("ada")
    assert _access_findings(ada) == []  # alice may still be working
    team.clock.advance(hours=13)  # alice's process was killed: it never sealed
    assert _access_findings(ada) == [("access.unsealed", "read log row 1", "warning")]
    assert verify_store(ada).intact


def test_a_read_while_the_database_is_busy_is_kept_and_written_later(
    team: Team, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    other = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        other.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
        reading.count(alice, contact_id)
        assert _rows(alice) == []
        other.execute("COMMIT")
    finally:
        other.close()
    reading.search(alice, contact_id, "repay")
    assert [r["what"] for r in _rows(alice)] == ["conversation.open", "conversation.search"]


def test_listing_filters_by_case_and_user_and_is_refused_to_readers_of_content(
    team: Team, tmp_path: Path, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    reading.count(team.login("lee"), contact_id)
    for name in ("sam", "ada"):
        session = team.login(name)
        assert [r.user for r in access_log.list_reads(session)] == ["alice", "lee"]
        assert [r.user for r in access_log.list_reads(session, user="lee")] == ["lee"]
        assert access_log.list_reads(session, case_no="other") == []
    for name in ("alice", "lee"):
        with pytest.raises(PermissionDenied, match=r"access_log\.read"):
            access_log.list_reads(team.login(name))


# -- the auditor ------------------------------------------------------------------------------


def test_an_auditor_reads_metadata_and_the_log_never_content(
    team: Team, tmp_path: Path, evidence: tuple[Session, str]
) -> None:
    alice, contact_id = evidence
    reading.count(alice, contact_id)
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    audrey = team.login("audrey")
    assert audrey.user.role is Role.AUDITOR
    assert [c.id for c in contacts.list_contacts(audrey, case_no=CASE)] == [contact_id]
    items = contacts.contact_items(audrey, contact_id)
    assert [r.what for r in access_log.list_reads(audrey)] == ["conversation.open"]
    refused = [
        lambda: reading.count(audrey, contact_id),
        lambda: reading.page_at(audrey, contact_id, 0, 10),
        lambda: reading.search(audrey, contact_id, "repay"),
        lambda: reading.list_messages(audrey, contact_id),
        lambda: review.search(audrey, "repay"),
        lambda: reading.original_bytes(audrey, items[0].sha256),
        lambda: reading.document_bytes(audrey, contact_id, items[0].sha256),
        lambda: bundle.export_bundle(audrey, Scope(CASE), tmp_path / "audit-out", recipient=COURT),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert all(r["user"] != "audrey" for r in _rows(audrey))  # a refusal reads nothing
    assert verify_store(audrey).intact


def test_a_store_from_before_the_read_log_opens_migrates_and_verifies(
    team: Team, evidence: tuple[Session, str]
) -> None:
    """Migration 7 is additive: a store written before it (schema 6) gets the two tables on
    its next open, verifies intact, and logs reads from then on."""
    alice, contact_id = evidence
    team.close_all()
    _tamper(
        team,
        ("DROP TABLE access_log", ()),
        ("DROP TABLE access_seals", ()),
        # 7 only: the later migrations are kept (per-case keys hold the store's keys), and
        # opening applies every migration not recorded
        ("DELETE FROM schema_version WHERE version = 7", ()),
    )
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        versions = {r[0] for r in conn.execute("SELECT version FROM schema_version")}
        assert 7 not in versions and 6 in versions
    finally:
        conn.close()
    alice = team.login("alice")
    versions = {r[0] for r in alice.conn.execute("SELECT version FROM schema_version")}
    assert versions == set(range(1, latest_version() + 1))
    assert verify_store(alice).intact
    reading.count(alice, contact_id)
    assert [r["what"] for r in _rows(alice)] == ["conversation.open"]
