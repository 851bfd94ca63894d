"""The command line of the bundle's settings (issue 21 item 4): the time-stamp gap flag and the
institution's names and aliases, read and changed with ``settings`` like every other setting."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_commands import cli, ok, refused
from tests.helpers import TickingClock, make_team


def test_the_gap_flag_and_institution_names_are_settings_of_the_cli(tmp_path: Path) -> None:
    store = tmp_path / "team-store"
    make_team(store, TickingClock())
    assert ok(cli(store, "settings", "get", "tsa_gap_flag_hours", user="ada")).strip() == "24"
    assert ok(cli(store, "settings", "set", "tsa_gap_flag_hours", "1", user="ada")).strip() == "1"
    refused(cli(store, "settings", "set", "tsa_gap_flag_hours", "0", user="ada"), 4)
    names = "示例资产管理有限公司 (Demo Asset Management)"
    saved = ok(cli(store, "settings", "set", "institution_names", names, user="ada")).strip()
    assert saved == "示例资产管理有限公司 | Demo Asset Management"
