"""tag, untag, tags, search, check and ack through real subprocesses, on the conduct scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import conduct_scenario
from tests.cli.test_commands import cli, ledger_size, ok, refused
from tests.conduct_scenario import PLANTED
from tests.helpers import TickingClock, make_team


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The conduct scenario's store, closed; returns its path and contact ids by name."""
    path = tmp_path / "store"
    team = make_team(path, TickingClock())
    built = conduct_scenario.build(team, tmp_path)
    ids = {"clean": built.clean, "bad": built.bad, "other": built.other}
    team.close_all()
    return path, ids


def test_search_tag_untag_and_list(store: tuple[Path, dict[str, str]]) -> None:
    path, ids = store
    hits = json.loads(ok(cli(path, "search", "还款", "--case", "2026-SH-9", "--json", user="lee")))
    assert len(hits) >= 5 and all("还款" in h["text"] for h in hits)
    promise = json.loads(
        ok(cli(path, "search", "下周五", "--contact", ids["clean"], "--json", user="alice"))
    )
    assert [h["text"] for h in promise] == ["我下周五还5000元"]
    message_id = str(promise[0]["message_id"])
    text = ok(cli(path, "search", "--sender", "张三", "--from", "2026-03-08", user="alice"))
    assert "别再联系我" in text and "\n1 message\n" in text

    before = ledger_size(path)
    tagged = json.loads(
        ok(
            cli(
                path,
                "tag",
                message_id,
                "--tag",
                "promise_to_pay",
                "--note",
                "承诺 3 月 13 日还 5000",
                "--json",
                user="alice",
            )
        )
    )
    assert ledger_size(path) == before + 1
    assert tagged["label_zh"] == "还款承诺" and tagged["message_id"] == int(message_id)
    listed = ok(cli(path, "search", "--tag", "promise_to_pay", user="alice"))
    assert "我下周五还5000元" in listed and "[promise_to_pay]" in listed
    ok(cli(path, "untag", tagged["id"], "--note", "duplicate", user="sam"))
    assert json.loads(ok(cli(path, "tags", "--contact", ids["clean"], "--json", user="lee"))) == []
    history = ok(cli(path, "tags", "--all", user="lee"))
    assert tagged["id"] in history and "removed by sam" in history
    assert ledger_size(path) == before + 2


def test_tag_refusals_use_the_cli_exit_codes(store: tuple[Path, dict[str, str]]) -> None:
    path, _ids = store
    before = ledger_size(path)
    refused(cli(path, "tag", "--tag", "dispute", user="alice"), 2, "MESSAGE_ID or --item")
    refused(cli(path, "tag", "1", "--tag", "promise", user="alice"), 2, "invalid choice")
    refused(cli(path, "tag", "999999", "--tag", "dispute", user="alice"), 4, "no message 999999")
    refused(cli(path, "tag", "1", "--tag", "note", user="alice"), 4, "needs its text")
    refused(cli(path, "tag", "1", "--tag", "dispute", user="ada"), 3, "review.tag")
    refused(cli(path, "search", "x", "--from", "March", user="alice"), 4, "YYYY-MM-DD")
    assert ledger_size(path) == before


def test_check_lists_findings_and_ack_records_a_note(store: tuple[Path, dict[str, str]]) -> None:
    path, ids = store
    result = cli(path, "check", "--json", user="alice")
    assert result.returncode == 1, result.stderr  # open findings
    report = json.loads(result.stdout)
    assert sorted(f["rule"] for f in report["findings"]) == sorted(r for r, _ in PLANTED)
    assert report["open"] == len(PLANTED)
    assert {r["id"] for r in report["rules"]} >= {"CC-0", "CC-1", "CC-6", "CC-7"}
    clean = ok(cli(path, "check", "--contact", ids["clean"], user="alice"))
    assert "0 findings, 0 open" in clean

    target = next(f for f in report["findings"] if f["rule"] == "CC-6")
    before = ledger_size(path)
    refused(cli(path, "ack", target["id"], "--note", "fine", user="alice"), 3, "conduct.ack")
    refused(cli(path, "ack", "F-0000000000000000", "--note", "x", user="sam"), 4, "no current")
    assert ledger_size(path) == before
    ok(cli(path, "ack", target["id"], "--note", "已书面警告该催收员", user="sam"))
    assert ledger_size(path) == before + 1
    refused(cli(path, "ack", target["id"], "--note", "again", user="lee"), 3, "acknowledged")
    text = cli(path, "check", "--contact", ids["bad"], user="lee").stdout
    assert "acknowledged by sam" in text and "已书面警告该催收员" in text
    assert f"{len(PLANTED) - 2} findings, {len(PLANTED) - 3} open" in text  # 2 are on 李四
    ok(cli(path, "verify", user="lee"))


def test_check_follows_settings_and_a_lexicon_file(
    store: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, ids = store
    ok(cli(path, "settings", "set", "quiet_hours", "21:00-07:00", user="ada"))
    report = json.loads(cli(path, "check", "--contact", ids["bad"], "--json", user="alice").stdout)
    assert report["parameters"]["quiet_hours"] == "21:00-07:00"
    assert sum(f["rule"] == "CC-1" for f in report["findings"]) == 2
    lexicon = tmp_path / "polite.json"
    lexicon.write_text('{"categories": {"polite": {"zh": ["谢谢"]}}}', encoding="utf-8")
    result = cli(path, "check", "--contact", ids["clean"], "--lexicon", str(lexicon), user="lee")
    assert result.returncode == 1 and "polite: 谢谢" in result.stdout
    ok(cli(path, "check", "--contact", ids["clean"], user="lee"))  # nothing was stored
