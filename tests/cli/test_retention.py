"""The command line of retention and legal hold: case close, hold add/lift, case list/show
with the retention state, the retention settings; exit 3 naming the rule when refused."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.test_commands import cli, ok, refused
from tests.helpers import TickingClock, make_team


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "team-store"
    make_team(path, TickingClock())
    ok(cli(path, "case", "add", "C-9", "--debtor", "王秀英", user="alice"))
    return path


def test_close_a_case_and_see_its_deletion_date_in_list_and_show(store: Path) -> None:
    refused(cli(store, "case", "close", "C-9", "--reason", "done", user="alice"), 3, "case.close")
    refused(cli(store, "case", "close", "C-9", "--reason", " ", user="sam"), 3, "retention.reason")
    refused(cli(store, "case", "close", "C-404", "--reason", "done", user="sam"), 4)
    closed = json.loads(
        ok(cli(store, "case", "close", "C-9", "--reason", "repaid", "--json", user="sam"))
    )
    assert closed["case_no"] == "C-9"
    assert closed["closed_by"] == "sam" and closed["close_reason"] == "repaid"
    assert closed["delete_after"][:4] == str(int(closed["closed_at"][:4]) + 5)
    refused(cli(store, "case", "close", "C-9", "--reason", "again", user="lee"), 3, "case.closed")
    listed = json.loads(ok(cli(store, "case", "list", "--json", user="alice")))
    assert listed[0]["retention"]["delete_after"] == closed["delete_after"]
    assert listed[0]["retention"]["on_hold"] is False
    plain = ok(cli(store, "case", "list", user="alice"))
    assert f"closed, delete after {closed['delete_after'][:10]}" in plain
    shown = ok(cli(store, "case", "show", "C-9", user="lee"))
    assert "closed " in shown and "by sam: repaid" in shown
    assert f"deletion date {closed['delete_after']}" in shown
    actions = [e["action"] for e in json.loads(ok(cli(store, "log", "--json", user="lee")))]
    assert actions[-1] == "case.close"


def test_hold_add_and_lift(store: Path) -> None:
    refused(cli(store, "hold", "add", "C-9", "--reason", "court", user="sam"), 3, "legal.hold")
    refused(cli(store, "hold", "lift", "C-9", "--reason", "over", user="lee"), 3, "hold.lifted")
    held = json.loads(
        ok(cli(store, "hold", "add", "C-9", "--reason", "litigation", "--json", user="lee"))
    )
    assert held["active"] is True and held["placed_by"] == "lee"
    refused(cli(store, "hold", "add", "C-9", "--reason", "again", user="ada"), 3, "hold.active")
    shown = json.loads(ok(cli(store, "case", "show", "C-9", "--json", user="alice")))
    assert shown["retention"]["on_hold"] is True
    assert shown["retention"]["holds"][0]["reason"] == "litigation"
    assert f"on legal hold {held['id']}" in ok(cli(store, "case", "list", user="alice"))
    lifted = ok(cli(store, "hold", "lift", "C-9", "--reason", "judgment final", user="ada"))
    assert f"lifted legal hold {held['id']} on case C-9" in lifted
    shown = json.loads(ok(cli(store, "case", "show", "C-9", "--json", user="alice")))
    assert shown["retention"]["on_hold"] is False
    assert shown["retention"]["holds"][0]["lifted_by"] == "ada"
    assert "INTACT" in ok(cli(store, "verify", user="lee")).upper()


def test_the_retention_settings_refuse_a_floor_under_two_years(store: Path) -> None:
    assert ok(cli(store, "settings", "get", "retention_floor_years", user="ada")).strip() == "2"
    assert ok(cli(store, "settings", "get", "retention_cap_years", user="ada")).strip() == "5"
    refused(
        cli(store, "settings", "set", "retention_floor_years", "1", user="ada"),
        3,
        "retention.floor",
        "CC-9",
    )
    refused(
        cli(store, "settings", "set", "retention_cap_years", "1", user="ada"), 3, "retention.cap"
    )
    refused(cli(store, "settings", "set", "retention_floor_years", "two", user="ada"), 4)
    assert ok(cli(store, "settings", "set", "retention_cap_years", "7", user="ada")).strip() == "7"


def test_a_refusal_names_its_instant_as_a_local_time(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's refusal says when the case was closed in the machine's local time, to the
    second with the zone (the fact keeps the instant as the ledger holds it)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    closed = json.loads(
        ok(cli(store, "case", "close", "C-9", "--reason", "repaid", "--json", user="sam"))
    )
    at = datetime.fromisoformat(closed["closed_at"])
    shown = at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S UTC+08:00")
    again = cli(store, "case", "close", "C-9", "--reason", "again", user="sam")
    refused(again, 3, "case.closed", f"was already closed at {shown}")
    assert closed["closed_at"] not in again.stderr
