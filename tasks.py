#!/usr/bin/env python3
"""Set up and run Evidence Desk with nothing but Python 3.11+.

    python3 tasks.py app    # create .venv, install, build/open the demo store, start the app
    python3 tasks.py test   # set up, then ruff, mypy, lint-imports, vulture and the suite
                            # (needs PostgreSQL's server binaries: apt-get install postgresql)
    python3 tasks.py qt-packages   # the Debian/Ubuntu packages Qt's xcb plugin needs (.ci/run)

Uses only the standard library so that it works on a fresh machine. Reinstalls into .venv only
when pyproject.toml changed since the last install. On Linux, `app` first checks for the system
libraries Qt's xcb platform plugin loads and prints the one apt-get line that installs the
missing ones (Qt itself would stop with "could not load the Qt platform plugin xcb").
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable, Iterable
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


def no_deps_requirements() -> list[str]:
    """The requirements installed without their declared dependencies ([tool.evidence-desk]
    no-deps in pyproject.toml): rapidocr-onnxruntime declares opencv-python, whose Qt plugins
    clash with PySide6; its real dependencies (headless OpenCV) are in [project]."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [str(r) for r in config["tool"]["evidence-desk"]["no-deps"]]


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
        if (
            _run(*pip, "--upgrade", "pip") != 0
            or _run(*pip, "-e", ".[dev]") != 0
            or _run(*pip, "--no-deps", *no_deps_requirements()) != 0
        ):
            sys.exit("installing dependencies failed")
        stamp.write_text(wanted)
    return python


# --- Qt's system libraries on Linux ------------------------------------------------------------
# What PySide6's xcb platform plugin (Qt/plugins/platforms/libqxcb.so), libQt6XcbQpa and QtGui
# load from the system (`readelf -d` NEEDED, without libc, libstdc++ and the like that every
# system has), and the Debian/Ubuntu package that ships each (`dpkg -S`). tests/test_tasks.py
# checks the table against the installed plugin.
QT_XCB_LIBRARIES: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def qt_packages() -> list[str]:
    """Every package of the table, sorted, each once (the README's list, .ci/run's install)."""
    return sorted(set(QT_XCB_LIBRARIES.values()))


def missing_libraries(present: Callable[[str], bool]) -> list[str]:
    """The table's libraries that ``present`` (a soname test) does not find, in table order."""
    return [name for name in QT_XCB_LIBRARIES if not present(name)]


def apt_line(missing: Iterable[str]) -> str | None:
    """The one apt-get command that installs the packages of the ``missing`` libraries; None
    when nothing is missing."""
    packages = sorted({QT_XCB_LIBRARIES[name] for name in missing})
    return "sudo apt-get install " + " ".join(packages) if packages else None


def _ldconfig_names() -> set[str] | None:
    """The sonames in the dynamic linker's cache (``ldconfig -p``); None when it cannot be read."""
    found = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).exists()), None
    )
    if found is None:
        return None
    try:
        listing = subprocess.run(
            [found, "-p"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "libxcb.so.1 (libc6,x86-64) => /lib/...": count only libraries of this Python's word size
    wide = sys.maxsize > 2**32
    return {
        name
        for name, flags in re.findall(r"^\s*(\S+) \(([^)]*)\)", listing, re.MULTILINE)
        if ("64" in flags) == wide
    }


def _library_finder() -> Callable[[str], bool]:
    cached = _ldconfig_names()
    if cached is not None:
        return cached.__contains__

    def find(soname: str) -> bool:  # ctypes asks ldconfig, gcc or ld in turn
        stem = soname.removeprefix("lib").split(".so", 1)[0]
        return ctypes.util.find_library(stem) == soname

    return find


def check_qt_libraries() -> bool:
    """On Linux with the xcb plugin in view: say which libraries are missing and how to install
    them. True when the app can start (or the check does not apply)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return True
    missing = missing_libraries(_library_finder())
    line = apt_line(missing)
    if line is None:
        return True
    print(
        "Qt's xcb platform plugin needs system libraries that are missing: "
        + ", ".join(missing)
        + f"\nOn Debian or Ubuntu install them with:\n\n    {line}\n\n"
        "(or set QT_QPA_PLATFORM to another platform, e.g. wayland, to skip this check)",
        file=sys.stderr,
    )
    return False


def app(extra: list[str]) -> int:
    if not check_qt_libraries():
        return 1
    python = ensure_env()
    code = _run(python, "-m", "evidence_desk", "demo", "--store", DEMO_STORE)
    if code != 0:
        return code
    # the product ships no TSA: from a checkout, the test TSA stamps the demo once (its checkpoints
    # would stay queued otherwise, as on an offline laptop)
    code = _run(python, "-m", "evidence_desk_testing.demo_tsa", DEMO_STORE)
    if code != 0:
        return code
    return _run(python, "-m", "evidence_desk", "gui", "--store", DEMO_STORE, *extra)


def postgres_missing() -> str | None:
    """The one line saying how to install PostgreSQL when its server binaries are missing (the
    hub's tests start a throwaway cluster with them); None when they are there."""
    from evidence_desk_testing.postgres import missing_line  # standard library only

    return missing_line()


def test(extra: list[str]) -> int:
    missing = postgres_missing()
    if missing is not None:  # never run the suite with the hub's tests bound to fail
        print(missing, file=sys.stderr)
        return 1
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
        [python, "-m", "vulture"],  # dead code ([tool.vulture] in pyproject.toml)
    ):
        if _run(*step, env=env) != 0:
            return 1
    return _run(python, "-m", "pytest", *extra, env=env)


def print_qt_packages(extra: list[str]) -> int:
    print(" ".join(qt_packages()))
    return 0


def main() -> int:
    commands = {"app": app, "test": test, "qt-packages": print_qt_packages}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
