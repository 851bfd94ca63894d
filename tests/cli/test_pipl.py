"""`breach add|list|notice`, `processing-records` and the export's required recipient options
through real subprocesses (PIPL arts. 55-57)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bundle.support import CASE, store_with_evidence
from tests.cli.test_bundle import TO_COURT
from tests.cli.test_commands import cli, ok, refused
from tests.helpers import Team

BREACH = (
    "breach",
    "add",
    "--kind",
    "lost_device",
    "--cause",
    "lost_or_stolen_device",
    "--cause-note",
    "laptop left in a taxi",
    "--harm",
    "fraud_or_financial_loss",
    "--remedy",
    "passwords_rotated",
    "--remedy",
    "keys_rewrapped",
    "--advice",
    "watch_accounts",
    "--contact-name",
    "Wang Min",
    "--contact-phone",
    "021-5555-0100",
    "--cases",
    "2",
    "--people",
    "2",
    "--discovered-at",
    "2026-03-01 09:30",
)


def test_an_admin_files_a_breach_and_prints_its_notice_in_both_languages(team: Team) -> None:
    team.close_all()
    store = team.path
    refused(cli(store, *BREACH, user="lee"), 3, "breach.file")
    record = json.loads(ok(cli(store, "--json", *BREACH, user="ada")))
    # 09:30 in the store's zone (Asia/Shanghai) is 01:30 UTC
    assert record["discovered_at"] == "2026-03-01T01:30:00.000000Z"
    assert record["remedies"] == ["keys_rewrapped", "passwords_rotated"]
    listed = ok(cli(store, "breach", "list", user="lee"))
    assert record["id"] in listed and "lost_device" in listed
    chinese = ok(cli(store, "breach", "notice", record["id"], user="ada"))
    assert chinese.startswith("个人信息安全事件告知书") and "已更换全部密码" in chinese
    english = ok(cli(store, "breach", "notice", record["id"], "--lang", "en", user="ada"))
    assert english.startswith("Notice of a personal information incident")
    assert "Details: laptop left in a taxi" in english and "021-5555-0100" in english
    refused(cli(store, "breach", "list", user="alice"), 3, "breach.read")
    refused(cli(store, "breach", "notice", "BR-nope", user="ada"), 4, "BR-nope")
    # a missing required option is a usage error, before any store is touched
    refused(cli(store, *BREACH[:-2], user="ada"), 2, "--discovered-at")
    assert "INTACT" in ok(cli(store, "verify", user="ada"))


def test_the_export_asks_for_its_recipient_and_lists_the_record(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    team.close_all()
    store = team.path
    base = ("bundle", "--case", CASE, "--out", str(tmp_path / "out"), "--no-stamp")
    # without recipient, purpose and basis: a usage error naming them; nothing written
    refused(cli(store, *base, user="lee"), 2, "--recipient-kind", "--purpose", "--basis")
    assert not (tmp_path / "out").exists()
    blank = list(TO_COURT)
    blank[blank.index("--purpose") + 1] = " "
    refused(cli(store, *base, *blank, user="lee"), 3, "PI-4", "purpose")
    exported = json.loads(ok(cli(store, "--json", *base, *TO_COURT, user="lee")))
    records = json.loads(ok(cli(store, "--json", "processing-records", user="lee")))
    assert [r["id"] for r in records] == [exported["processing_record"]]
    assert records[0]["recipient_kind"] == "court" and records[0]["legal_basis"] == "contract"
    text = ok(cli(store, "processing-records", "--case", CASE, user="ada"))
    assert exported["bundle_id"] in text and "court:Pudong People's Court" in text
    assert ok(cli(store, "processing-records", "--case", "2026-NONE", user="lee")) == ""
    refused(cli(store, "processing-records", user="alice"), 3, "processing.read")
