"""The policy table, written out independently of the code, must match it exactly."""

from __future__ import annotations

import pytest

from evidence_desk.domain import policy
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import PERMISSIONS, Action

S, V, L, A, U = Role.STAFF, Role.SUPERVISOR, Role.LEGAL, Role.ADMIN, Role.AUDITOR

# The specification (product.md "Users and their jobs", issue 3), one line per action.
EXPECTED: dict[Action, set[Role]] = {
    Action.USER_ADD: {A},
    Action.USER_RESET_PASSWORD: {A},
    Action.USER_DEACTIVATE: {A},
    Action.USER_LIST: {S, V, L, A, U},
    Action.SETTINGS_SET: {A},
    Action.SETTINGS_READ: {S, V, L, A, U},
    Action.LOG_READ: {S, V, L, A, U},
    Action.VERIFY: {S, V, L, A, U},
    Action.CASE_CREATE: {S, V},
    Action.CASE_EDIT: {S, V},
    Action.CASE_READ: {S, V, L, U},
    Action.CASE_IMPORT: {V, A},
    Action.CONTACT_REQUEST: {S, V},
    Action.CONTACT_DECIDE: {V},
    Action.CONTACT_READ: {S, V, L, U},
    Action.EVIDENCE_ADD: {S, V},
    Action.EVIDENCE_READ: {S, V, L},
    Action.REVIEW_TAG: {S, V, L},
    Action.CONDUCT_CHECK: {S, V, L},
    Action.CONDUCT_ACK: {V, L},
    Action.BUNDLE_EXPORT: {L},
    Action.TSA_CONFIGURE: {A},
    Action.STAMP: {S, V, L, A, U},
    Action.STORE_BACKUP: {A},
    Action.STORE_RESTORE: {A},
    # retention and legal hold (issue 18 item 2)
    Action.CASE_CLOSE: {V, L},
    Action.LEGAL_HOLD: {L, A},
    Action.RETENTION_READ: {S, V, L, U, A},
    # issue 18 item 4 (PI-1): the read log, and request documents apart from contact metadata
    Action.ACCESS_LOG_READ: {V, U, A},
    Action.DOCUMENT_READ: {S, V, L},
    Action.BUNDLE_UNMASK: {L},
    # issue 18 item 3: shredding (legal judges a request, admin runs the expiries)
    Action.CASE_SHRED: {L, A},
    # issue 18 item 5: PIPL records (processing records with exports, breach records)
    Action.PROCESSING_READ: {L, A, U},
    Action.BREACH_FILE: {A},
    Action.BREACH_READ: {L, A, U},
    # issue 18 item 1: per-case keys, a store from before migrated by its admin
    Action.CASE_KEYS_MIGRATE: {A},
    # issue 19: the organisation; an admin invites the user of another device
    Action.USER_INVITE: {A},
    # issue 19: a store joining with its history reindexes its handles (case-key holders)
    Action.HANDLE_REINDEX: {S, V, L, A},
    Action.DEVICE_RETIRE: {A},
    # issue 22: screenshots read by OCR, by whoever reads the evidence
    Action.OCR_READ: {S, V, L},
    # issue 21 item 1: PDF signing; admins create the CA and issue, legal imports its own
    Action.SIGNING_CA_CREATE: {A},
    Action.SIGNING_CERT_ISSUE: {A},
    Action.SIGNING_CERT_IMPORT: {L},
}

ALL_PAIRS = [(role, action) for action in Action for role in Role]


def test_every_action_is_in_the_table() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert set(EXPECTED) == set(Action)


def test_the_table_matches_the_specification() -> None:
    assert {action: set(roles) for action, roles in PERMISSIONS.items()} == EXPECTED


@pytest.mark.parametrize(("role", "action"), ALL_PAIRS, ids=lambda v: str(v))
def test_allowed_and_require_agree_with_the_specification(role: Role, action: Action) -> None:
    expected = role in EXPECTED[action]
    assert policy.allowed(role, action) is expected
    if expected:
        policy.require(role, action)  # does not raise
    else:
        with pytest.raises(PermissionDenied) as refused:
            policy.require(role, action)
        error = refused.value
        assert isinstance(error, RuleViolation)
        assert error.rule == f"permission:{action.value}"
        assert error.exit_code == 3
        assert action.value in error.message
        assert role.value in error.message
        for permitted in EXPECTED[action]:  # the message says who may
            assert permitted.value in error.message


def test_only_a_supervisor_decides_contacts() -> None:
    assert PERMISSIONS[Action.CONTACT_DECIDE] == {Role.SUPERVISOR}


def test_legal_reads_and_exports_but_neither_decides_nor_changes_cases() -> None:
    legal = {a for a in Action if policy.allowed(Role.LEGAL, a)}
    assert {Action.CASE_READ, Action.CONTACT_READ, Action.EVIDENCE_READ} <= legal
    assert Action.BUNDLE_EXPORT in legal
    assert Action.CONTACT_DECIDE not in legal
    assert not legal & {Action.CASE_CREATE, Action.CASE_EDIT, Action.EVIDENCE_ADD}


def test_admin_manages_users_and_settings_but_not_decisions_or_evidence() -> None:
    admin = {a for a in Action if policy.allowed(Role.ADMIN, a)}
    assert {Action.USER_ADD, Action.USER_RESET_PASSWORD, Action.USER_DEACTIVATE} <= admin
    assert {Action.SETTINGS_SET, Action.TSA_CONFIGURE} <= admin
    assert not admin & {
        Action.CONTACT_DECIDE,
        Action.CONTACT_REQUEST,
        Action.EVIDENCE_ADD,
        Action.EVIDENCE_READ,
        Action.BUNDLE_EXPORT,
    }


def test_user_management_is_admin_only() -> None:
    for action in (Action.USER_ADD, Action.USER_RESET_PASSWORD, Action.USER_DEACTIVATE):
        assert PERMISSIONS[action] == {Role.ADMIN}


def test_everyone_may_verify_and_read_the_log() -> None:
    for role in Role:
        assert policy.allowed(role, Action.VERIFY)
        assert policy.allowed(role, Action.LOG_READ)


def test_only_legal_or_an_admin_puts_or_lifts_a_legal_hold_and_staff_never_close_a_case() -> None:
    assert PERMISSIONS[Action.LEGAL_HOLD] == {Role.LEGAL, Role.ADMIN}
    assert not policy.allowed(Role.STAFF, Action.CASE_CLOSE)
    assert not policy.allowed(Role.ADMIN, Action.CASE_CLOSE)


def test_the_auditor_reads_metadata_and_the_read_log_never_content() -> None:
    auditor = {a for a in Action if policy.allowed(Role.AUDITOR, a)}
    assert {Action.CASE_READ, Action.CONTACT_READ, Action.LOG_READ, Action.VERIFY} <= auditor
    assert Action.ACCESS_LOG_READ in auditor
    assert not auditor & {
        Action.EVIDENCE_READ,
        Action.DOCUMENT_READ,
        Action.CONDUCT_CHECK,
        Action.REVIEW_TAG,
        Action.CASE_IMPORT,
        Action.EVIDENCE_ADD,
        Action.CONTACT_DECIDE,
        Action.BUNDLE_EXPORT,
        Action.USER_ADD,
        Action.SETTINGS_SET,
        Action.STORE_BACKUP,
    }


def test_the_read_log_is_read_by_supervisors_auditors_and_admins_only() -> None:
    assert PERMISSIONS[Action.ACCESS_LOG_READ] == {Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN}
