"""`redaction-plan` and `bundle --redact` / `--no-default-redaction` through real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_desk.domain.redaction import from_json
from tests.bundle.support import CASE
from tests.cli.test_bundle import TO_COURT
from tests.cli.test_commands import cli, ledger, ok, refused
from tests.helpers import Team, approved_contact

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好\n"
    "05/01/2026, 09:05 - Chen Lixin: 我表哥的电话 13912345678\n"
    "05/01/2026, 09:06 - Zhao Qiang: 我是他朋友\n"
)


def _store(team: Team, tmp_path: Path) -> Path:
    _alice, contact_id = approved_contact(team, tmp_path, case_no=CASE)
    team.close_all()
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    ok(cli(team.path, "import", "--contact", contact_id, str(chat), user="alice"))
    return team.path


def test_redaction_plan_writes_the_defaults_and_bundle_applies_it(
    team: Team, tmp_path: Path
) -> None:
    store = _store(team, tmp_path)
    plan_file = tmp_path / "plan.json"
    shown = ok(cli(store, "redaction-plan", "--case", CASE, "--out", str(plan_file), user="lee"))
    assert "1 text spans, 1 whole messages" in shown
    plan = from_json(plan_file.read_text(encoding="utf-8"))
    assert from_json(plan.to_json()) == plan  # it round-trips
    out = tmp_path / "out"
    args = ["bundle", "--case", CASE, "--out", str(out), "--no-stamp", *TO_COURT]
    ok(cli(store, *args, "--redact", str(plan_file), user="lee"))
    recorded = ledger(store)[-1]["payload"]["redaction"]
    assert recorded["counts"] == {"spans": 1, "messages": 1, "regions": 0}
    assert recorded["defaults"] is True
    # intact (not trusted: this test pins no organisation key, so the exit code is 1)
    report = json.loads(cli(store, "--json", "verify-bundle", str(out), user=None).stdout)
    assert report["intact"] is True, report["findings"]
    # defaults off: recorded as such
    ok(
        cli(
            store,
            *args[:4],
            str(tmp_path / "out2"),
            *args[5:],
            "--no-default-redaction",
            user="lee",
        )
    )
    assert ledger(store)[-1]["payload"]["redaction"] == {"defaults": False}


def test_a_bad_plan_file_is_a_usage_error_naming_the_item(team: Team, tmp_path: Path) -> None:
    store = _store(team, tmp_path)
    args = ["bundle", "--case", CASE, "--out", str(tmp_path / "o"), "--no-stamp", *TO_COURT]
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"spans": [{"message": "ab" * 32, "start": 0, "end": 1, "reason": "XX"}]}),
        encoding="utf-8",
    )
    refused(cli(store, *args, "--redact", str(bad), user="lee"), 2, "bad.json", "spans[0]", "XX")
    unknown = tmp_path / "unknown.json"
    unknown.write_text(
        json.dumps({"messages": [{"message": "cd" * 32, "reason": "TP"}]}), encoding="utf-8"
    )
    refused(
        cli(store, *args, "--redact", str(unknown), user="lee"),
        2,
        "unknown.json",
        "messages[0]",
        "cd" * 32,
    )
    assert not (tmp_path / "o").exists()
