"""The rule table itself: complete, in step with the schema and the services, and strict."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain import authority
from evidence_desk.domain.policy import PERMISSIONS
from evidence_desk.services.timestamps import STAMP_ACTION
from evidence_desk.store.schema import PROJECTED_TABLES
from tests.helpers import ADMIN, Team, raw_connection

PACKAGE = Path(__file__).resolve().parents[2] / "evidence_desk"


def written_actions() -> set[str]:
    """Every action name the services pass to ``session.write`` or to a ``Write`` of
    ``session.write_many`` (literal or module constant)."""
    constants: dict[str, str] = {"STAMP_ACTION": STAMP_ACTION, "EXPORT_ACTION": "bundle.export"}
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "write")
                    or (isinstance(node.func, ast.Name) and node.func.id == "Write")
                )
                and node.args
            ):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
                elif isinstance(first, ast.Name) and first.id in constants:
                    found.add(constants[first.id])
    return found


def test_every_action_the_services_write_has_a_rule() -> None:
    actions = written_actions()
    assert {"contact.approve", "evidence.import", "user.add", "bundle.export"} <= actions
    assert {"processing.record", "breach.add"} <= actions  # PIPL records (issue 18 item 5)
    assert actions <= authority.ACTIONS.keys()


def test_columns_and_keys_are_the_schemas(team: Team) -> None:
    conn = raw_connection(team.path, ADMIN, team.passwords[ADMIN])
    try:
        for table, keys in PROJECTED_TABLES.items():
            columns = {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert authority.TABLE_COLUMNS[table] == columns, table
            assert (authority.TABLE_KEYS[table],) == keys
    finally:
        conn.close()


def test_every_rule_names_known_tables_columns_and_permissions() -> None:
    for name, rule in authority.ACTIONS.items():
        assert rule.permission is None or rule.permission in PERMISSIONS, name
        for table, spec in rule.tables.items():
            assert spec.columns <= authority.TABLE_COLUMNS[table], (name, table)
            assert authority.TABLE_KEYS[table] in spec.columns, (name, table)
            assert spec.bind.keys() <= spec.columns, (name, table)


def test_only_user_actions_touch_users() -> None:
    touching = {name for name, rule in authority.ACTIONS.items() if "users" in rule.tables}
    assert touching == {
        "store.init",
        "user.add",
        "user.reset_password",
        "user.deactivate",
        "user.wrap_key",  # per-case keys: one's own X25519 key, bound to the actor
        "device.join",  # the organisation: a joining user, with an admin's invitation
    }


def state(**tables: dict[str, dict[str, Any]]) -> authority.ReplayedTables:
    """The replayed tables verify judges against, filled by hand."""
    full: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {t: {} for t in PROJECTED_TABLES}
    for table, rows in tables.items():
        full[table] = {(key,): row for key, row in rows.items()}
    return authority.ReplayedTables(full)


USERS = {
    "root": {"name": "root", "role": "admin", "public_key": "aa", "active": 1},
    "alice": {"name": "alice", "role": "staff", "public_key": "bb", "active": 1},
    "sam": {"name": "sam", "role": "supervisor", "public_key": "cc", "active": 1},
    "old": {"name": "old", "role": "supervisor", "public_key": "dd", "active": 0},
}


def rules(violations: list[authority.Violation]) -> list[str]:
    return [v.rule for v in violations]


def test_a_setting_by_an_admin_passes_and_by_anyone_else_is_refused() -> None:
    payload = {
        "key": "organisation",
        "before": "",
        "rows": [{"op": "put", "table": "settings", "row": {"key": "organisation", "value": "x"}}],
    }
    at = "2026-03-02T01:00:00.000000Z"
    assert authority.check(state(users=USERS), 5, at, "root", "settings.set", payload) == []
    assert rules(authority.check(state(users=USERS), 5, at, "alice", "settings.set", payload)) == [
        "permission"
    ]
    assert rules(authority.check(state(users=USERS), 5, at, "nobody", "settings.set", payload)) == [
        "authority.actor"
    ]
    assert "authority.inactive" in rules(
        authority.check(state(users=USERS), 5, at, "old", "settings.set", payload)
    )


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"op": "delete", "table": "settings", "row": {"key": "organisation"}}, "authority.schema"),
        (
            {"op": "put", "table": "users", "row": {"name": "alice", "role": "admin"}},
            "authority.schema",
        ),
        (
            {"op": "put", "table": "settings", "row": {"key": "other", "value": "x"}},
            "authority.schema",
        ),
        (
            {
                "op": "put",
                "table": "settings",
                "row": {"key": "organisation", "value": "x", "z": 1},
            },
            "authority.schema",
        ),
        ({"op": "put", "table": "settings"}, "authority.rows"),
    ],
)
def test_row_changes_outside_the_schema_are_violations(change: dict[str, Any], rule: str) -> None:
    payload = {"key": "organisation", "before": "", "rows": [change]}
    found = authority.check(state(users=USERS), 5, "t", "root", "settings.set", payload)
    assert rule in rules(found)


def test_a_payload_missing_a_declared_field_is_a_violation() -> None:
    payload = {"rows": [{"op": "put", "table": "settings", "row": {"key": "k", "value": "v"}}]}
    found = authority.check(state(users=USERS), 5, "t", "root", "settings.set", payload)
    assert "authority.payload" in rules(found)


def test_store_init_only_first_and_the_first_entry_only_store_init() -> None:
    row = {"name": "root", "role": "admin", "public_key": "aa", "active": 1}
    payload = {
        "store_id": "s",
        "app_version": "1",
        "admin": "root",
        "rows": [{"op": "put", "table": "users", "row": row}],
    }
    assert authority.check(state(), 1, "t", "root", "store.init", payload) == []
    assert "authority.store_init" in rules(
        authority.check(state(), 7, "t", "root", "store.init", payload)
    )
    staff = {**payload, "rows": [{"op": "put", "table": "users", "row": {**row, "role": "staff"}}]}
    assert "authority.store_init" in rules(
        authority.check(state(), 1, "t", "root", "store.init", staff)
    )
    assert "authority.store_init" in rules(
        authority.check(
            state(users=USERS), 1, "t", "root", "bundle.export", {"bundle_id": "b", "case_no": "c"}
        )
    )


def test_a_password_change_is_only_ones_own() -> None:
    at = "2026-03-02T01:00:00.000000Z"
    own = {"user": "alice"}
    assert authority.check(state(users=USERS), 5, at, "alice", "user.change_password", own) == []
    other = {"user": "sam"}
    found = authority.check(state(users=USERS), 5, at, "alice", "user.change_password", other)
    assert rules(found) == ["authority.own_password"]


# -- the auditor (issue 18 item 4, PI-1) ---------------------------------------------------------


def _add_user_payload(name: str, role: str) -> dict[str, Any]:
    row = {"name": name, "role": role, "public_key": "ee", "active": 1}
    return {
        "user": name,
        "role": role,
        "public_key": "ee",
        "rows": [{"op": "put", "table": "users", "row": row}],
    }


def test_an_admin_adds_an_auditor_and_nobody_else_may() -> None:
    at = "2026-03-02T01:00:00.000000Z"
    payload = _add_user_payload("audrey", "auditor")
    assert authority.check(state(users=USERS), 5, at, "root", "user.add", payload) == []
    assert rules(authority.check(state(users=USERS), 5, at, "sam", "user.add", payload)) == [
        "permission"
    ]
    unknown = _add_user_payload("audrey", "inspector")
    assert "authority.role" in rules(
        authority.check(state(users=USERS), 5, at, "root", "user.add", unknown)
    )


@pytest.mark.parametrize(
    "action", ["contact.approve", "evidence.import", "bundle.export", "case.create"]
)
def test_an_auditor_writes_no_evidence_decision_or_export(action: str) -> None:
    users = {
        **USERS,
        "audrey": {"name": "audrey", "role": "auditor", "public_key": "ee", "active": 1},
    }
    found = authority.check(state(users=users), 5, "t", "audrey", action, {})
    assert "permission" in rules(found)


_ORIGINAL = {"sha256": "ab" * 32, "sm3": "cd" * 32, "size": 10, "name": "", "kind": "original"}
_COPY = {"name": "f" * 64, "case_no": "C-1", "sha256": "ab" * 32}


def _exists(found: list[authority.Violation]) -> list[str]:
    """The ``row_exists`` violations among ``found``, by table."""
    return sorted(
        str(v.detail.fact("table")) for v in found if v.detail.code == "authority.row_exists"
    )


@pytest.mark.parametrize(
    ("original", "copy", "refused"),
    [
        (_ORIGINAL, _COPY, []),  # the same file sealed for the same case on another laptop
        ({**_ORIGINAL, "size": 11}, _COPY, ["blobs"]),  # other facts under the same digest
        # the same file for another use (a request's document here, an original there)
        ({**_ORIGINAL, "kind": "document"}, _COPY, []),
        ({**_ORIGINAL, "kind": "document", "sm3": "ce" * 32}, _COPY, ["blobs"]),
        ({**_ORIGINAL, "size": True}, _COPY, ["blobs"]),  # equal, not the same type
        ({k: v for k, v in _ORIGINAL.items() if k != "kind"}, _COPY, ["blobs"]),  # a part
        (_ORIGINAL, {**_COPY, "case_no": "C-2"}, ["case_blobs"]),  # the name is case C-1's
    ],
)
def test_an_original_on_record_may_be_recorded_again_only_with_the_same_facts(
    original: dict[str, Any], copy: dict[str, Any], refused: list[str]
) -> None:
    held = state(
        users=USERS, blobs={_ORIGINAL["sha256"]: _ORIGINAL}, case_blobs={_COPY["name"]: _COPY}
    )
    payload = {
        "contact_id": "K-1",
        "rows": [
            {"op": "put", "table": "blobs", "row": original},
            {"op": "put", "table": "case_blobs", "row": copy},
        ],
    }
    found = authority.check(held, 9, "t", "alice", "evidence.import", payload)
    assert _exists(found) == refused


@pytest.mark.parametrize("first", ["original", "document"])
def test_the_use_first_on_record_stands_in_any_order(first: str) -> None:
    """Two laptops record the same file, one as an original, one as a request's document:
    the replay keeps the kind the first record gave, whichever came first, and a later
    entry that names another kind changes no column of the row on record (not even its
    kind); any other column a put names is still applied."""
    second = "document" if first == "original" else "original"
    tables = authority.ReplayedTables(authority.empty_tables())
    for kind in (first, second, first, second):
        tables.apply(
            {"rows": [{"op": "put", "table": "blobs", "row": {**_ORIGINAL, "kind": kind}}]}
        )
    assert tables.tables["blobs"][(_ORIGINAL["sha256"],)] == {**_ORIGINAL, "kind": first}
    # what case_keys.migrate_blobs puts on a row on record still changes it
    tables.apply(
        {"rows": [{"op": "put", "table": "blobs", "row": {"sha256": "ab" * 32, "name": "x"}}]}
    )
    assert tables.tables["blobs"][(_ORIGINAL["sha256"],)] == {
        **_ORIGINAL,
        "kind": first,
        "name": "x",
    }


def test_other_new_rows_may_never_be_recorded_again() -> None:
    """Only an original and a case's copy are facts a second record leaves unchanged."""
    again = {
        (name, table)
        for name, rule in authority.ACTIONS.items()
        for table, spec in rule.tables.items()
        if spec.again
    }
    assert {table for _name, table in again} == {"blobs", "case_blobs"}
    assert all(authority.ACTIONS[name].tables[table].new is True for name, table in again)
