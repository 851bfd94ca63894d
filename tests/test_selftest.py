"""``evidence-desk --self-test`` from a checkout: every step runs for real and passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    steps = {"store", "bundle", "verify", "backup", "gui", "preview", "hub"}
    assert set(summary["seconds"]) == steps
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


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_console_waits_for_enter_only_when_double_clicked_on_windows() -> None:
    from evidence_desk.selftest import should_wait_for_enter

    def alone() -> int:
        return 1

    def with_a_shell() -> int:
        return 2

    def wait(**changes: Any) -> bool:
        options: dict[str, Any] = {
            "platform": "win32",
            "environ": {},
            "stdin": _Tty(True),
            "console_processes": alone,
        }
        options.update(changes)
        return should_wait_for_enter(**options)

    assert wait()  # its own console window (Start menu, Explorer): keep it open
    assert not wait(console_processes=with_a_shell)  # started from cmd or PowerShell
    assert not wait(platform="linux") and not wait(platform="darwin")
    assert not wait(environ={"CI": "true"}) and not wait(environ={"CI": "1"})
    assert wait(environ={"CI": "false"})
    assert not wait(stdin=_Tty(False))  # redirected or piped
    assert not wait(stdin=None)

    def broken() -> int:
        raise OSError("no console")

    assert not wait(console_processes=broken)
    # and here, where the tests run, never (not Windows, or CI, or no console)
    assert not should_wait_for_enter(environ={"CI": "true"})


def test_the_pdf_preview_step_renders_a_first_page(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from evidence_desk.selftest import _pdfium_first_page

    pdf = tmp_path / "debt.pdf"
    drawing = canvas.Canvas(str(pdf), pagesize=A4)
    drawing.setFont("Helvetica", 24)
    drawing.drawString(72, 720, "Repayment agreement")
    drawing.showPage()
    drawing.save()
    width, height = _pdfium_first_page(pdf.read_bytes(), 480)
    assert width == 480 and height > width
    blank = tmp_path / "blank.pdf"
    empty = canvas.Canvas(str(blank), pagesize=A4)
    empty.showPage()
    empty.save()
    with pytest.raises(AssertionError, match="empty page"):
        _pdfium_first_page(blank.read_bytes(), 480)
