"""The command line of shredding (issue 18 item 3): ``case shred`` exits 3 naming the rule
before the retention floor, before the deletion date or under a hold, and 0 with a tombstone
otherwise; verify then exits 0 with the shredded note and a bundle is refused (exit 3).

The CLI reads the system clock (no test-only flag): the store is written with the services'
injectable clock set years back, so that today is past its floor and deletion dates."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.services import cases, retention
from tests.cli.test_bundle import TO_COURT
from tests.cli.test_commands import cli, ok, refused
from tests.helpers import TickingClock, approved_contact, make_team


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "team-store"
    team = make_team(path, TickingClock(datetime(2019, 1, 1, tzinfo=UTC)))
    approved_contact(team, tmp_path / "docs", case_no="C-OLD", debtor_name="王秀英")
    cases.create_case(team.login("alice"), "C-OPEN", debtor_name="李雷")
    cases.create_case(team.login("alice"), "C-HELD", debtor_name="韩梅梅")
    retention.close_case(team.login("sam"), "C-OLD", "repaid")
    retention.add_hold(team.login("lee"), "C-HELD", "litigation")
    team.close_all()
    return path


def test_case_shred_refuses_naming_the_rule_and_shreds_when_allowed(
    store: Path, tmp_path: Path
) -> None:
    old_backup = tmp_path / "before.edbackup"
    ok(cli(store, "backup", "--out", str(old_backup), user="ada"))
    ok(cli(store, "case", "add", "C-NEW", "--debtor", "新案", user="alice"))
    refused(
        cli(store, "case", "shred", "C-NEW", "--basis", "request", "--reason", "x", user="lee"),
        3,
        "retention.floor",
    )
    refused(
        cli(store, "case", "shred", "C-HELD", "--basis", "request", "--reason", "x", user="lee"),
        3,
        "retention.hold",
    )
    refused(
        cli(store, "case", "shred", "C-OPEN", "--basis", "expired", "--reason", "x", user="ada"),
        3,
        "retention.open",
    )
    refused(
        cli(store, "case", "shred", "C-OLD", "--basis", "expired", "--reason", "x", user="sam"),
        3,
        "case.shred",
    )
    request = tmp_path / "request.txt"
    request.write_text("请删除我的个人信息", encoding="utf-8")
    done = json.loads(
        ok(
            cli(
                store,
                *("case", "shred", "C-OPEN", "--basis", "request", "--reason", "PIPL art. 47"),
                *("--request-file", str(request), "--json"),
                user="lee",
            )
        )
    )
    assert done["case_no"] == "C-OPEN" and done["basis"] == "request"
    text = ok(
        cli(store, "case", "shred", "C-OLD", "--basis", "expired", "--reason", "due", user="ada")
    )
    assert "case C-OLD shredded (basis expired)" in text and "tombstone at ledger seq" in text
    entries = json.loads(ok(cli(store, "log", "--json", user="lee")))
    tombstones = [e["payload"] for e in entries if e["action"] == "case.shred"]
    assert [t["case_no"] for t in tombstones] == ["C-OPEN", "C-OLD"]
    assert tombstones[0]["request_sha256"] == hashlib.sha256(request.read_bytes()).hexdigest()
    assert tombstones[1]["counts"]["documents"] == 2
    verified = cli(store, "verify", user="lee")
    out = ok(verified)
    assert "INTACT" in out
    assert "shred.note" in out and "case C-OLD was shredded at" in out
    refused(
        cli(
            store, "bundle", "--case", "C-OLD", "--out", str(tmp_path / "b"), *TO_COURT, user="lee"
        ),
        3,
    )
    bundle = cli(
        store, "bundle", "--case", "C-OLD", "--out", str(tmp_path / "b"), *TO_COURT, user="lee"
    )
    assert "case.shredded" in bundle.stderr
    listed = {
        c["case_no"]: c for c in json.loads(ok(cli(store, "case", "list", "--json", user="sam")))
    }
    assert listed["C-OLD"]["shredded_at"] and listed["C-HELD"]["shredded_at"] is None
    assert listed["C-OLD"]["debtor_name"] == "[shredded]"
    assert "; shredded " in ok(cli(store, "case", "list", "--search", "C-OLD", user="sam"))
    shown = ok(cli(store, "case", "show", "C-OLD", user="alice"))
    assert "shredded " in shown and "(basis expired)" in shown
    restored = ok(cli(store, "restore", str(old_backup), "--replace", user="ada"))
    assert "re-applied 2 shreddings" in restored and "cases C-OPEN, C-OLD" in restored
    assert "shred.note" in ok(cli(store, "verify", user="lee"))
