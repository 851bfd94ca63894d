"""``evidence-desk --self-test`` from a checkout: every step runs for real and passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_self_test_passes_every_step_offscreen(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env.update(PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "evidence_desk", "--self-test", "--keep", str(tmp_path / "w")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["self_test"] == "ok"
    assert set(summary["seconds"]) == {"store", "bundle", "verify", "backup", "gui"}
    assert summary["messages"] > 0 and summary["entries"] > 0
    # what it made is real: a store, a bundle with its kit, a backup and its restored copy
    work = tmp_path / "w"
    assert (work / "store" / "store.json").exists()
    assert list((work / "bundle").glob("*.pdf")) and list((work / "bundle").glob("*-kit.zip"))
    assert (work / "store.edbackup").exists() and (work / "restored" / "evidence.db").exists()


def test_a_failing_step_raises_and_the_command_refuses_a_used_folder(tmp_path: Path) -> None:
    from evidence_desk.domain.errors import StoreError
    from evidence_desk.selftest import main, run

    work = tmp_path / "taken"
    (work / "store").mkdir(parents=True)
    (work / "store" / "something").write_text("not a store", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        run(work, gui=False)  # the store step fails for real: nothing is overwritten
    assert (work / "store" / "something").read_text(encoding="utf-8") == "not a store"
    assert main(["--self-test", "--keep", str(work)]) == 2
