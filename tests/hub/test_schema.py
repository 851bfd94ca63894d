"""The hub's schema on a real PostgreSQL: evidence tables only grow, for the application role
(no UPDATE/DELETE privilege) and for their owner too (triggers)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors, sql

from evidence_desk.hub import schema
from tests.hub.conftest import APP_ROLE, HubDatabase

# one row per evidence table, inserted as the application role (parents first)
_ROWS: list[tuple[str, str, tuple[object, ...]]] = [
    ("organisation", "INSERT INTO organisation (hub_id) VALUES (%s)", ("hub-1",)),
    ("users", "INSERT INTO users (name, role) VALUES (%s, %s)", ("alice", "staff")),
    (
        "user_keys",
        "INSERT INTO user_keys (user_name, sign_key, wrap_key) VALUES (%s, %s, %s)",
        ("alice", "ab" * 32, "cd" * 32),
    ),
    (
        "user_changes",
        "INSERT INTO user_changes (user_name, change, value) VALUES (%s, %s, %s)",
        ("alice", "add", "staff"),
    ),
    (
        "enrolments",
        "INSERT INTO enrolments (code_digest, user_name, role, expires_at) "
        "VALUES (%s, %s, %s, now())",
        ("d" * 64, "bob", "staff"),
    ),
    ("enrolment_uses", "INSERT INTO enrolment_uses (code_digest) VALUES (%s)", ("d" * 64,)),
    ("devices", "INSERT INTO devices (device_id, user_name) VALUES (%s, %s)", ("dev-1", "alice")),
    (
        "entries",
        "INSERT INTO entries (device_id, seq, at, actor, action, payload, payload_hash, "
        "prev_hash, entry_hash, signature) VALUES (%s, 1, 'at', 'alice', 'x', '{}', 'p', "
        "'q', 'e', 's')",
        ("dev-1",),
    ),
    ("blobs", "INSERT INTO blobs (digest, size, chunks) VALUES (%s, 0, 0)", ("e" * 64,)),
    (
        "blob_files",
        "INSERT INTO blob_files (path, digest, added_by) VALUES ('blobs/ab/c', %s, 'alice')",
        ("e" * 64,),
    ),
    (
        "case_key_wraps",
        "INSERT INTO case_key_wraps (case_no, recipient, key_id, sealed, added_by) "
        "VALUES (%s, 'alice', 'k1', '\\x00', 'alice')",
        ("C-1",),
    ),
    (
        "receipts",
        "INSERT INTO receipts (device_id, size, hub_seq, body, signature) "
        "VALUES (%s, 1, 1, 'b', 's')",
        ("dev-1",),
    ),
    ("receipt_keys", "INSERT INTO receipt_keys (public_key) VALUES (%s)", ("f" * 64,)),
    (
        "org_checkpoints",
        "INSERT INTO org_checkpoints (size, hub_seq, root, compact_range, body, signature) "
        "VALUES (1, 1, %s, ARRAY[]::bytea[], 'b', 's')",
        ("a" * 64,),
    ),
    (
        "org_witnesses",
        "INSERT INTO org_witnesses (witness, size, body, hub_signature, sign_key, signature) "
        "VALUES (%s, 1, 'b', 's', 'k', 's')",
        ("alice",),
    ),
    (
        "receipt_key_rotations",
        "INSERT INTO receipt_key_rotations (old_key, new_key, body, old_signature, "
        "new_signature) VALUES (%s, %s, 'b', 's', 's')",
        ("f" * 64, "f" * 64),
    ),
    (
        "org_checkpoint_stamps",
        "INSERT INTO org_checkpoint_stamps (size, token, gen_time, tsa_url) "
        "VALUES (1, %s, now(), 'http://tsa')",
        (b"\x30\x00",),
    ),
    (
        "device_retirements",
        "INSERT INTO device_retirements (device_id, final_size, reason, retired_by, "
        "retired_at, hub_seq) VALUES (%s, 1, 'lost', 'alice', 'at', 1)",
        ("dev-1",),
    ),
    (
        "case_withdrawals",
        "INSERT INTO case_withdrawals (case_no, device_id, seq, hub_seq, wraps, files, blobs, "
        "bytes) VALUES (%s, 'dev-1', 1, 1, 0, 0, 0, 0)",
        ("C-9",),
    ),
    (
        "withdrawn_files",
        "INSERT INTO withdrawn_files (path, case_no) VALUES ('blobs/cd/e', %s)",
        ("C-9",),
    ),
    (
        "entry_changes",
        "INSERT INTO entry_changes (device_id, seq, change) VALUES (%s, 1, 'UPDATE')",
        ("dev-1",),
    ),
]


def _fill(url: str) -> None:
    with psycopg.connect(url) as conn:
        for _, statement, params in _ROWS:
            conn.execute(statement, params)  # type: ignore[arg-type]


def test_the_schema_is_installed_once_with_every_table(hub_db: HubDatabase) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        assert schema.installed_version(conn) == schema.SCHEMA_VERSION
        schema.install(conn)  # a second install leaves it as it is
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        }
        assert conn.execute("SELECT count(*) FROM hub_schema").fetchone() == (1,)
    assert set(schema.EVIDENCE_TABLES) <= tables
    assert {"users", "device_heads", "blob_chunks", "nonces"} <= tables
    assert [table for table, _, _ in _ROWS if table != "users"] == list(schema.EVIDENCE_TABLES)


def test_the_application_role_is_no_superuser_and_may_insert_and_select(
    hub_db: HubDatabase,
) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        flags = conn.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
            "WHERE rolname = %s",
            (APP_ROLE,),
        ).fetchone()
    assert flags == (False, False, False, False)
    _fill(hub_db.app_url)
    with psycopg.connect(hub_db.app_url) as conn:
        for table in schema.EVIDENCE_TABLES:
            count = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            assert count == (1,), table


_CHANGES = ["UPDATE {} SET {} = {}", "DELETE FROM {}", "TRUNCATE {} CASCADE"]


@pytest.mark.parametrize("statement", _CHANGES)
def test_the_application_role_may_not_change_evidence(hub_db: HubDatabase, statement: str) -> None:
    _fill(hub_db.app_url)
    with psycopg.connect(hub_db.app_url, autocommit=True) as conn:
        for table in schema.EVIDENCE_TABLES:
            if table == "case_key_wraps" and statement.startswith("DELETE"):
                # granted for a shredded case's wraps (hub/withdrawal.py); its trigger refuses
                # any other: this row's case has no accepted tombstone
                with pytest.raises(psycopg.Error) as refused:
                    conn.execute(_statement(statement, table, _first_column(table)))
                assert refused.value.sqlstate == schema.APPEND_ONLY_STATE
                continue
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(_statement(statement, table, _first_column(table)))
    _assert_one_row_each(hub_db)


@pytest.mark.parametrize("statement", _CHANGES)
def test_even_the_owner_is_refused_by_the_triggers(hub_db: HubDatabase, statement: str) -> None:
    _fill(hub_db.app_url)
    with psycopg.connect(hub_db.owner_url, autocommit=True) as conn:
        for table in schema.EVIDENCE_TABLES:
            with pytest.raises(psycopg.Error) as refused:
                conn.execute(_statement(statement, table, _first_column(table)))
            assert refused.value.sqlstate == schema.APPEND_ONLY_STATE, table
            assert "hub.append_only" in str(refused.value)
    _assert_one_row_each(hub_db)


def test_users_change_only_their_role_and_active_flag_and_are_never_deleted(
    hub_db: HubDatabase,
) -> None:
    _fill(hub_db.app_url)
    with psycopg.connect(hub_db.app_url) as conn:
        conn.execute("UPDATE users SET active = false, role = 'legal' WHERE name = 'alice'")
        conn.commit()
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE users SET name = 'eve' WHERE name = 'alice'")
    with psycopg.connect(hub_db.owner_url) as conn:
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("DELETE FROM users")
        assert refused.value.sqlstate == schema.APPEND_ONLY_STATE
    with psycopg.connect(hub_db.owner_url) as conn:
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("UPDATE users SET name = 'eve'")
        assert refused.value.sqlstate == schema.APPEND_ONLY_STATE
        conn.rollback()
        row = conn.execute("SELECT name, role, active FROM users").fetchall()
    assert row == [("alice", "legal", False)]


def _first_column(table: str) -> str:
    return {
        "organisation": "hub_id",
        "user_keys": "wrap_key",
        "user_changes": "value",
        "enrolments": "role",
        "enrolment_uses": "code_digest",
        "devices": "user_name",
        "entries": "payload",
        "blobs": "size",
        "blob_files": "added_by",
        "case_key_wraps": "sealed",
        "receipts": "body",
        "receipt_keys": "added_at",
        "org_checkpoints": "root",
        "org_witnesses": "signature",
        "receipt_key_rotations": "body",
        "org_checkpoint_stamps": "token",
        "device_retirements": "reason",
        "case_withdrawals": "wraps",
        "withdrawn_files": "digest",
        "entry_changes": "change",
    }[table]


def _statement(template: str, table: str, column: str) -> sql.Composed:
    parts = [sql.Identifier(table), sql.Identifier(column), sql.Identifier(column)]
    return sql.SQL(template).format(*parts[: template.count("{}")])


def _assert_one_row_each(hub_db: HubDatabase) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        for table in ("users", *schema.EVIDENCE_TABLES):
            count = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            assert count == (1,), table
