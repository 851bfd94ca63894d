"""CLI output redirected to a file under a Windows code page never fails a committed command.

Windows encodes redirected output in the ANSI code page (cp936 on a Chinese system, cp1252 on a
Western one); ``PYTHONIOENCODING`` gives a real CLI process exactly that here. A character the
code page lacks is written as an escape, JSON stays valid JSON, and a failure after a commit
never says "nothing was changed".
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_desk import cli
from evidence_desk.services import cases
from evidence_desk.services.session import Session
from tests.helpers import Team

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(team: Team, encoding: str, out: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        PYTHONIOENCODING=encoding,
        EVIDENCE_DESK_PASSWORD=team.passwords["alice"],
    )
    with open(out, "wb") as redirected:
        return subprocess.run(
            [
                *(sys.executable, "-m", "evidence_desk"),
                *("--store", str(team.path), "--user", "alice"),
                *args,
            ],
            env=env,
            stdout=redirected,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )


def _debtor(team: Team, case_no: str) -> str:
    with Session.open(team.path, "alice", team.passwords["alice"]) as session:
        return cases.get_case(session, case_no).debtor_name


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [("cp936", "张三"), ("cp1252", "\\u5f20\\u4e09")],
)
def test_case_add_with_a_chinese_name_succeeds_under_a_code_page(
    team: Team, tmp_path: Path, encoding: str, shown: str
) -> None:
    out = tmp_path / "out.txt"
    done = _run(team, encoding, out, "case", "add", "2026-ENC-1", "--debtor", "张三")
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert _debtor(team, "2026-ENC-1") == "张三"
    text = out.read_bytes().decode(encoding)
    assert f"opened case 2026-ENC-1 ({shown})" in text
    assert b"nothing was changed" not in done.stderr


@pytest.mark.parametrize("encoding", ["cp936", "cp1252"])
def test_json_output_stays_valid_json_with_an_emoji(
    team: Team, tmp_path: Path, encoding: str
) -> None:
    out = tmp_path / "out.json"
    name = "张三😀"  # the emoji is in neither code page
    done = _run(team, encoding, out, "--json", "case", "add", "2026-ENC-2", "--debtor", name)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert json.loads(out.read_bytes().decode(encoding))["debtor_name"] == name
    assert _debtor(team, "2026-ENC-2") == name


@pytest.mark.parametrize("encoding", ["cp936", "cp1252"])
def test_verify_with_chinese_in_its_findings_succeeds(
    team: Team, tmp_path: Path, encoding: str
) -> None:
    witness = tmp_path / "锚点😀.json"  # unreadable: a warning that names the file
    witness.write_text("not an anchor", "utf-8")
    out = tmp_path / "verify.txt"
    done = _run(team, encoding, out, "verify", "--anchor", str(witness))
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    text = out.read_bytes().decode(encoding)
    assert "INTACT" in text and "anchor.unreadable" in text
    if encoding == "cp936":
        assert "锚点\\U0001f600.json" in text
    else:
        assert "\\u951a\\u70b9\\U0001f600.json" in text
    done = _run(team, encoding, out, "--json", "verify", "--anchor", str(witness))
    assert done.returncode == 0
    report = json.loads(out.read_bytes().decode(encoding))
    assert any(witness.name in json.dumps(f, ensure_ascii=False) for f in report["findings"])


def test_a_failure_after_the_commit_never_says_nothing_was_changed(
    team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The result cannot be printed (stdout is a full disk) after the case was created."""
    monkeypatch.setenv("EVIDENCE_DESK_PASSWORD", team.passwords["alice"])
    full = open("/dev/full", "w", buffering=1, encoding="utf-8")  # noqa: SIM115
    try:
        monkeypatch.setattr(sys, "stdout", full)
        code = cli.main(
            [
                *("--store", str(team.path), "--user", "alice"),
                *("case", "add", "2026-ENC-3", "--debtor", "张三"),
            ]
        )
        monkeypatch.undo()
    finally:
        with contextlib.suppress(OSError):  # what is left in its buffer cannot be written either
            full.close()
    err = capsys.readouterr().err
    assert code == 1
    assert _debtor(team, "2026-ENC-3") == "张三"
    assert "nothing was changed" not in err and "nothing was stored" not in err
    assert "1 change of this command was already committed and is kept" in err
