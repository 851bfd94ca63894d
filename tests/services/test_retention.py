"""Retention and legal hold (CC-9, PI-3): closing a case, holds, the retention settings, and
the deletion state the shredding work asks for, across dates moved by the injectable clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evidence_desk.domain import retention as rules
from evidence_desk.domain.errors import BadInput, NotFound, PermissionDenied, RuleViolation
from evidence_desk.services import cases, contacts, retention, settings
from evidence_desk.services.retention import Basis
from evidence_desk.services.verify import verify_store
from evidence_desk.store import db
from evidence_desk.store.schema import latest_version
from tests.helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    Team,
    approved_contact,
    raw_connection,
    store_state,
    supporting_documents,
)

CASE = "2026-RT-0001"


def _open_case(team: Team) -> str:
    cases.create_case(team.login("alice"), CASE, debtor_name="陈立新")
    return CASE


def _last_action(team: Team) -> tuple[str, str, dict[str, object]]:
    session = team.login("lee")
    row = session.conn.execute(
        "SELECT actor, action, payload FROM ledger ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return row["actor"], row["action"], json.loads(row["payload"])


def test_closing_a_case_fixes_its_deletion_date_at_closure_plus_the_cap(team: Team) -> None:
    _open_case(team)
    opened = cases.get_case(team.login("sam"), CASE).created_at
    team.clock.advance(days=30)
    state = retention.close_case(team.login("sam"), CASE, "debt repaid in full")
    assert state.closed_by == "sam"
    assert state.close_reason == "debt repaid in full"
    assert state.closed_at is not None
    assert state.delete_after == rules.add_years(state.closed_at, rules.DEFAULT_CAP_YEARS)
    assert state.floor_until == rules.add_years(opened, rules.DEFAULT_FLOOR_YEARS)
    assert state.active_hold is None
    actor, action, payload = _last_action(team)
    assert (actor, action) == ("sam", "case.close")
    assert payload["reason"] == "debt repaid in full"
    assert verify_store(team.login("lee")).intact


def test_a_case_is_closed_once_with_a_reason_by_a_supervisor_or_legal(team: Team) -> None:
    _open_case(team)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as blank:
        retention.close_case(team.login("sam"), CASE, "  ")
    assert blank.value.rule == "retention.reason"
    with pytest.raises(PermissionDenied):
        retention.close_case(team.login("alice"), CASE, "done")
    with pytest.raises(PermissionDenied):
        retention.close_case(team.login("ada"), CASE, "done")
    with pytest.raises(NotFound):
        retention.close_case(team.login("sam"), "2026-NONE", "done")
    assert store_state(team.path) == before
    retention.close_case(team.login("lee"), CASE, "settled in court")
    closed = store_state(team.path)
    with pytest.raises(RuleViolation) as twice:
        retention.close_case(team.login("sam"), CASE, "again")
    assert twice.value.rule == "case.closed"
    assert twice.value.exit_code == 3
    assert store_state(team.path) == closed


def test_the_retention_settings_refuse_a_floor_under_two_years_and_a_cap_under_the_floor(
    team: Team,
) -> None:
    admin = team.login("ada")
    assert settings.get(admin, rules.FLOOR_SETTING) == "2"
    assert settings.get(admin, rules.CAP_SETTING) == "5"
    before = store_state(team.path)
    for key, value, rule in (
        (rules.FLOOR_SETTING, "1", "retention.floor"),
        (rules.FLOOR_SETTING, "0", "retention.floor"),
        (rules.FLOOR_SETTING, "6", "retention.floor"),  # above the cap in force
        (rules.CAP_SETTING, "1", "retention.cap"),
    ):
        with pytest.raises(RuleViolation) as refused:
            settings.set_value(admin, key, value)
        assert refused.value.rule == rule, (key, value)
        assert "CC-9" in refused.value.message or key == rules.CAP_SETTING or value == "6"
    with pytest.raises(BadInput):
        settings.set_value(admin, rules.FLOOR_SETTING, "two")
    with pytest.raises(PermissionDenied):
        settings.set_value(team.login("lee"), rules.CAP_SETTING, "7")
    assert store_state(team.path) == before
    assert settings.set_value(admin, rules.CAP_SETTING, "10") == "10"
    assert settings.set_value(admin, rules.FLOOR_SETTING, "3") == "3"
    with pytest.raises(RuleViolation) as under:
        settings.set_value(admin, rules.CAP_SETTING, "2")
    assert under.value.rule == "retention.cap"
    assert verify_store(admin).intact


def test_the_closure_records_the_settings_in_force(team: Team) -> None:
    admin = team.login("ada")
    settings.set_value(admin, rules.CAP_SETTING, "3")
    _open_case(team)
    state = retention.close_case(team.login("sam"), CASE, "purpose achieved")
    assert state.closed_at is not None
    assert state.delete_after == rules.add_years(state.closed_at, 3)
    row = team.login("lee").conn.execute("SELECT * FROM case_closures").fetchone()
    assert (row["floor_years"], row["cap_years"]) == (2, 3)


def test_a_legal_hold_is_placed_and_lifted_by_legal_or_an_admin_with_a_reason(team: Team) -> None:
    _open_case(team)
    with pytest.raises(PermissionDenied):
        retention.add_hold(team.login("sam"), CASE, "litigation")
    with pytest.raises(PermissionDenied):
        retention.add_hold(team.login("alice"), CASE, "litigation")
    with pytest.raises(RuleViolation) as blank:
        retention.add_hold(team.login("lee"), CASE, "")
    assert blank.value.rule == "retention.reason"
    with pytest.raises(RuleViolation) as nothing_to_lift:
        retention.lift_hold(team.login("lee"), CASE, "over")
    assert nothing_to_lift.value.rule == "hold.lifted"
    hold = retention.add_hold(team.login("lee"), CASE, "court order (2026)沪0101民初123号")
    assert hold.active and hold.placed_by == "lee"
    assert _last_action(team)[1] == "hold.add"
    with pytest.raises(RuleViolation) as second:
        retention.add_hold(team.login("ada"), CASE, "regulator")
    assert second.value.rule == "hold.active"
    with pytest.raises(PermissionDenied):
        retention.lift_hold(team.login("sam"), CASE, "over")
    with pytest.raises(RuleViolation) as no_reason:
        retention.lift_hold(team.login("ada"), CASE, " ")
    assert no_reason.value.rule == "retention.reason"
    lifted = retention.lift_hold(team.login("ada"), CASE, "judgment final")
    assert not lifted.active
    assert (lifted.lifted_by, lifted.lift_reason) == ("ada", "judgment final")
    assert _last_action(team)[1] == "hold.lift"
    # a new hold may follow a lifted one; the history keeps both
    retention.add_hold(team.login("ada"), CASE, "regulator's request")
    state = retention.retention_of(team.login("alice"), CASE)
    assert [h.active for h in state.holds] == [False, True]
    assert verify_store(team.login("lee")).intact


def test_the_deletion_state_across_dates(team: Team) -> None:
    _open_case(team)
    opened = datetime.fromisoformat(
        cases.get_case(team.login("sam"), CASE).created_at.replace("Z", "+00:00")
    )
    lee = team.login("lee")
    # an open case: nothing before the floor; on a request after it; never "expired"
    early = retention.deletion_state(lee, CASE, opened + timedelta(days=365))
    assert (early.allowed, early.rule) == (False, "retention.floor")
    after_floor = opened + timedelta(days=2 * 365 + 2)
    assert retention.deletion_state(lee, CASE, after_floor, Basis.REQUEST).allowed
    still_open = retention.deletion_state(lee, CASE, after_floor, Basis.EXPIRED)
    assert (still_open.allowed, still_open.rule) == (False, "retention.open")
    with pytest.raises(RuleViolation) as refused:
        still_open.refuse()
    assert refused.value.rule == "retention.open"
    # closed: deletable from closure + cap, not a moment before
    team.clock.advance(days=100)
    closed = retention.close_case(team.login("sam"), CASE, "repaid")
    assert closed.delete_after is not None and closed.closed_at is not None
    assert closed.delete_after == rules.add_years(closed.closed_at, 5)
    due = datetime.fromisoformat(closed.delete_after.replace("Z", "+00:00"))
    before = retention.deletion_state(lee, CASE, due - timedelta(seconds=1))
    assert (before.allowed, before.rule, before.delete_after) == (
        False,
        "retention.not_due",
        closed.delete_after,
    )
    assert retention.deletion_state(lee, CASE, due).allowed
    # a hold blocks both bases whatever the date; lifting it frees the case again
    retention.add_hold(lee, CASE, "litigation pending")
    for basis in Basis:
        held = retention.deletion_state(lee, CASE, due + timedelta(days=900), basis)
        assert (held.allowed, held.rule) == (False, "retention.hold")
        assert held.holds and held.holds[0].active
    retention.lift_hold(lee, CASE, "litigation over")
    assert retention.deletion_state(lee, CASE, due + timedelta(days=900)).allowed
    # the session's clock is the default instant
    assert not retention.deletion_state(lee, CASE).allowed


def test_evidence_added_after_closure_moves_the_deletion_date_to_its_floor(
    team: Team, tmp_path: Path
) -> None:
    settings.set_value(team.login("ada"), rules.CAP_SETTING, "2")
    _open_case(team)
    closed = retention.close_case(team.login("sam"), CASE, "repaid")
    assert closed.delete_after is not None
    team.clock.advance(days=400)
    contacts.request_contact(
        team.login("alice"),
        case_no=CASE,
        channel="wechat",
        handle="wxid_late",
        display_name="陈立新",
        reason="the debtor wrote again",
        consent=True,
        documents=supporting_documents(tmp_path / "docs"),
    )
    state = retention.deletion_state(team.login("lee"), CASE, datetime(2029, 1, 1, tzinfo=UTC))
    assert state.delete_after is not None and state.delete_after > closed.delete_after
    assert state.delete_after == state.floor_until
    assert state.rule == "retention.floor"


def test_add_years_keeps_29_february_a_full_year_and_more() -> None:
    assert rules.add_years("2028-02-29T10:00:00.000000Z", 1) == "2029-03-01T10:00:00.000000Z"
    assert rules.add_years("2026-03-02T01:00:00.000000Z", 5) == "2031-03-02T01:00:00.000000Z"
    assert rules.deletion_date(
        "2026-03-02T01:00:00.000000Z", "2026-03-01T00:00:00.000000Z", 2, 5
    ) == ("2031-03-02T01:00:00.000000Z")
    assert rules.deletion_date(
        "2026-03-02T01:00:00.000000Z", "2027-06-01T00:00:00.000000Z", 2, 1
    ) == ("2029-06-01T00:00:00.000000Z")


def test_a_store_of_the_previous_schema_opens_migrates_and_still_verifies(team: Team) -> None:
    _open_case(team)
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:  # take the store back to schema 5, as the last release wrote it
        conn.execute("DROP TABLE access_seals")
        conn.execute("DROP TABLE access_log")
        conn.execute("DROP TABLE holds")
        conn.execute("DROP TABLE case_closures")
        # (6 and 7 only: migrations 8-10 are kept (per-case keys hold the store's keys), and
        # opening applies every migration not recorded)
        conn.execute("DELETE FROM schema_version WHERE version IN (6, 7)")
        conn.commit()
        versions = {r[0] for r in conn.execute("SELECT version FROM schema_version")}
        assert not versions & {6, 7}
    finally:
        conn.close()
    lee = team.login("lee")  # opening brings it forward
    assert db.schema_version(lee.conn) == latest_version()
    assert verify_store(lee).intact
    retention.add_hold(lee, CASE, "litigation")
    retention.close_case(team.login("sam"), CASE, "repaid")
    assert verify_store(team.login("lee")).intact


def test_every_cases_state_at_once_agrees_with_each_cases_own(team: Team, tmp_path: Path) -> None:
    approved_contact(team, tmp_path, case_no="2026-RT-A")
    team.clock.advance(days=3)
    approved_contact(team, tmp_path, case_no="2026-RT-A", handle="+8613900000000")
    _open_case(team)
    retention.add_hold(team.login("lee"), CASE, "litigation")
    retention.close_case(team.login("sam"), "2026-RT-A", "repaid")
    lee = team.login("lee")
    every = retention.retention_of_all(lee)
    assert set(every) == {CASE, "2026-RT-A"}
    for case_no, state in every.items():
        assert state == retention.retention_of(lee, case_no)
    assert every[CASE].active_hold is not None
    assert every["2026-RT-A"].delete_after is not None
