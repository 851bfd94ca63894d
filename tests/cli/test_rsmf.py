"""`rsmf` through a real subprocess: the file, its entry, the recipient every disclosure names."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

from tests.bundle.support import CASE, store_with_evidence
from tests.cli.test_commands import cli, ok, refused
from tests.helpers import Team

TO_LAW_FIRM = (
    "--recipient-kind",
    "law_firm",
    "--recipient",
    "示例律师事务所",
    "--purpose",
    "诉讼代理",
    "--basis",
    "contract",
)


def test_legal_writes_rsmf_for_a_law_firm_and_staff_cannot(team: Team, tmp_path: Path) -> None:
    _alice, contact_id = store_with_evidence(team, tmp_path / "in")
    team.close_all()
    out = tmp_path / "case.rsmf"
    refused(
        cli(team.path, "rsmf", "--case", CASE, "--out", str(out), *TO_LAW_FIRM, user="alice"),
        3,
        "bundle.export",
    )
    assert not out.exists()
    result = json.loads(
        ok(
            cli(
                team.path,
                "--json",
                "rsmf",
                "--case",
                CASE,
                "--contact",
                contact_id,
                "--out",
                str(out),
                *TO_LAW_FIRM,
                user="lee",
            )
        )
    )
    assert result["conversations"] == 1 and result["events"] == 5
    assert result["processing_record"].startswith("PR-")
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["X-RSMF-Version"] == "2.0.0" and message["X-RSMF-EventCount"] == "5"
