"""``evidence-desk ocr`` and ``crosscheck`` end to end, through real subprocesses (issue 22).

The store, the export and the screenshots are made in-process (tests/ocr_scenario.py); the
commands run as a user would run them: exit 0 when every bubble matched, 1 when a bubble
differs or is missing or a screenshot is not read yet, 3 for a role that may not read.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import cli
from tests.helpers import Team
from tests.ocr_scenario import DOCTORED, FAITHFUL, contact_with_export, import_screenshot


def test_ocr_then_crosscheck(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "faithful.png", FAITHFUL)

    # not read yet: the check says so and exits 1
    pending = cli(team.path, "crosscheck", "--contact", contact_id, "--json", user="alice")
    assert pending.returncode == 1, pending.stderr
    (unread,) = json.loads(pending.stdout)
    assert unread["read"] is False and unread["bubbles"] == []

    refused = cli(team.path, "ocr", "--contact", contact_id, user="ada")
    assert refused.returncode == 3 and "ocr.read" in refused.stderr

    read = cli(team.path, "ocr", "--contact", contact_id, "--json", user="alice")
    assert read.returncode == 0, read.stderr
    (outcome,) = json.loads(read.stdout)
    assert outcome["item"] == unread["item"] and outcome["lines"] > 5
    again = cli(team.path, "ocr", "--item", outcome["item"], user="alice")
    assert again.returncode == 0 and "0 screenshots read" in again.stdout
    unknown = cli(team.path, "ocr", "--item", "I-000000000000", user="alice")
    assert unknown.returncode == 4 and "no screenshot item I-000000000000" in unknown.stderr

    matched = cli(team.path, "crosscheck", "--contact", contact_id, "--json", user="alice")
    assert matched.returncode == 0, matched.stdout + matched.stderr
    (report,) = json.loads(matched.stdout)
    assert {b["status"] for b in report["bubbles"]} == {"matched"}
    assert all(isinstance(b["message_id"], int) for b in report["bubbles"])

    import_screenshot(session, contact_id, tmp_path, "doctored.png", DOCTORED)
    assert cli(team.path, "ocr", user="alice").returncode == 0
    found = cli(team.path, "crosscheck", "--contact", contact_id, user="alice")
    assert found.returncode == 1
    assert "screenshot: 好的,请按时还款[48,600]元,谢谢配合" in found.stdout
    assert "export:     好的,请按时还款[4,860]元,谢谢配合" in found.stdout
    assert "not_in_export us   你已经同意分期了" in found.stdout
    assert "skipped       them 我知道了" in found.stdout
