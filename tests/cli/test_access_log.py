"""``access-log`` and ``user add --role auditor`` through real subprocesses: the CLI's own reads
are logged by the services, filters and JSON work, and readers of content are refused."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bundle.support import CASE, store_with_evidence
from tests.cli.test_commands import cli, ok, refused
from tests.helpers import ADMIN, ADMIN_PASSWORD, TickingClock, make_team


def test_cli_reads_are_logged_and_listed_with_filters(tmp_path: Path) -> None:
    path = tmp_path / "store"
    team = make_team(path, TickingClock())
    _alice, contact_id = store_with_evidence(team, tmp_path / "in")
    team.close_all()

    ok(cli(path, "messages", "--contact", contact_id, user="alice"))
    ok(cli(path, "search", "repay", "--case", CASE, user="lee"))
    ok(
        cli(
            path,
            "user",
            "add",
            "audrey",
            "--role",
            "auditor",
            user=ADMIN,
            password=ADMIN_PASSWORD,
            new_password="audrey-password",
        )
    )

    rows = json.loads(ok(cli(path, "access-log", "--json", user="sam")))
    assert [(r["user"], r["case_no"], r["what"]) for r in rows] == [
        ("alice", CASE, "conversation.open"),
        ("lee", CASE, "conversation.search"),
    ]
    assert all(r["sealed"] for r in rows)  # each command's session sealed on close
    assert rows[1]["detail"]["text"] == "repay"
    # --user filters by reader; the acting user is the global --user before the command
    only_lee = json.loads(ok(cli(path, "access-log", "--user", "lee", "--json", user="audrey")))
    assert [r["user"] for r in only_lee] == ["lee"]
    assert (
        json.loads(
            ok(
                cli(
                    path,
                    "access-log",
                    "--case",
                    "nope",
                    "--json",
                    user=ADMIN,
                    password=ADMIN_PASSWORD,
                )
            )
        )
        == []
    )
    text = ok(cli(path, "access-log", "--case", CASE, user="audrey"))
    assert "conversation.open" in text and contact_id in text

    for reader in ("alice", "lee"):
        refused(cli(path, "access-log", user=reader), 3, "access_log.read")
    # the auditor never reads content: refused, and nothing is logged for the attempt
    refused(cli(path, "messages", "--contact", contact_id, user="audrey"), 3, "evidence.read")
    refused(cli(path, "search", "repay", user="audrey"), 3, "evidence.read")
    assert len(json.loads(ok(cli(path, "access-log", "--json", user="sam")))) == 2
    ok(cli(path, "verify", user="audrey"))
