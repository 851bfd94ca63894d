#!/usr/bin/env python3
"""Set up and run Evidence Desk with nothing but Python 3.11+.

    python3 tasks.py app    # create .venv, install, build/open the demo store, start the app
    python3 tasks.py test   # create .venv, install, run ruff, mypy, lint-imports and the suite

Uses only the standard library so that it works on a fresh machine. Reinstalls into .venv only
when pyproject.toml changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DEMO_STORE = ROOT / "demo-store"


def _venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def _run(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def ensure_env() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - the script may be started by an older python
        sys.exit("Evidence Desk needs Python 3.11 or newer")
    python = _venv_python()
    if not python.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = VENV / ".evidence-desk-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        if _run(*pip, "--upgrade", "pip") != 0 or _run(*pip, "-e", ".[dev]") != 0:
            sys.exit("installing dependencies failed")
        stamp.write_text(wanted)
    return python


def app(extra: list[str]) -> int:
    python = ensure_env()
    code = _run(python, "-m", "evidence_desk", "demo", "--store", DEMO_STORE)
    if code != 0:
        return code
    return _run(python, "-m", "evidence_desk", "gui", "--store", DEMO_STORE, *extra)


def test(extra: list[str]) -> int:
    python = ensure_env()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for step in (
        [python, "-m", "ruff", "check", "."],
        [python, "-m", "ruff", "format", "--check", "."],
        [python, "-m", "mypy"],
        # the layers of docs/ARCHITECTURE.md and no import cycles ([tool.importlinter])
        [
            python,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
        ],
    ):
        if _run(*step, env=env) != 0:
            return 1
    return _run(python, "-m", "pytest", *extra, env=env)


def main() -> int:
    commands = {"app": app, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
