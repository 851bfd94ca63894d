"""tasks.py's first-run check on Linux: the libraries Qt's xcb plugin loads, and the one apt-get
line that installs the missing ones (issue 17, item 8)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tasks

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_missing_libraries_map_to_one_apt_line_with_each_package_once() -> None:
    absent = {"libxcb-cursor.so.0", "libglib-2.0.so.0", "libgthread-2.0.so.0", "libGL.so.1"}
    missing = tasks.missing_libraries(lambda soname: soname not in absent)
    assert sorted(missing) == sorted(absent)
    # two libraries of libglib2.0-0 ask for it once; packages sorted, one command
    assert tasks.apt_line(missing) == "sudo apt-get install libgl1 libglib2.0-0 libxcb-cursor0"
    assert tasks.missing_libraries(lambda soname: True) == []
    assert tasks.apt_line([]) is None


def test_every_library_is_missing_on_a_bare_system() -> None:
    missing = tasks.missing_libraries(lambda soname: False)
    line = tasks.apt_line(missing)
    assert line is not None
    assert line.split()[3:] == tasks.qt_packages()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0"} <= set(
        tasks.qt_packages()
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF and xcb are Linux's")
def test_the_table_covers_what_the_installed_xcb_plugin_loads() -> None:
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.skip("readelf (binutils) not installed")
    import PySide6

    qt = Path(PySide6.__file__).resolve().parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    qpa = sorted((qt / "lib").glob("libQt6XcbQpa.so*"))
    assert plugin.exists() and qpa, "PySide6 ships its xcb plugin"
    needed: set[str] = set()
    for binary in (plugin, qpa[0]):
        dynamic = subprocess.run(
            [readelf, "-d", str(binary)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    base = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1"}  # every system has
    system = {name for name in needed if not name.startswith("libQt6")} - base
    assert system, needed
    assert system <= set(tasks.QT_XCB_LIBRARIES), system - set(tasks.QT_XCB_LIBRARIES)


def test_readme_and_ci_install_the_same_list() -> None:
    readme = REPO_ROOT.joinpath("README.md").read_text("utf-8")
    listed = re.search(r"sudo apt-get install ((?:[^`\\]|\\\n)+)\n```", readme)
    assert listed, "README shows the apt-get line"
    assert listed.group(1).replace("\\\n", " ").split() == tasks.qt_packages()
    assert "$(python3 tasks.py qt-packages)" in REPO_ROOT.joinpath(".ci", "run").read_text("utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tasks.py"), "qt-packages"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == tasks.qt_packages()


def test_the_check_applies_only_where_qt_would_load_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "_library_finder", lambda: lambda soname: False)  # a bare system
    monkeypatch.setattr(tasks.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert tasks.check_qt_libraries()  # another platform plugin: nothing to check
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert not tasks.check_qt_libraries()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert not tasks.check_qt_libraries()
    monkeypatch.setattr(tasks.sys, "platform", "win32")
    assert tasks.check_qt_libraries()


def test_tasks_test_stops_with_one_line_without_postgresql(tmp_path: Path) -> None:
    """The hub's tests need PostgreSQL's server binaries: without them `tasks.py test` says how
    to install them in one line and runs nothing (the hub's tests are never skipped)."""
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tasks.py"), "test"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "EVIDENCE_DESK_PG_BINDIR": str(tmp_path / "no-postgresql")},
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "the hub's tests need PostgreSQL 15 or newer (initdb, pg_ctl): "
        "install it with `sudo apt-get install postgresql` (Debian/Ubuntu)"
    ]
    assert "apt-get install postgresql" in REPO_ROOT.joinpath("README.md").read_text("utf-8")
    assert " postgresql; do" in REPO_ROOT.joinpath(".ci", "run").read_text("utf-8")


def test_postgresql_is_found_where_the_suite_runs() -> None:
    assert tasks.postgres_missing() is None


def test_the_ocr_engine_is_installed_without_the_desktop_opencv() -> None:
    """rapidocr-onnxruntime declares opencv-python, whose Qt plugins clash with PySide6: it is
    installed --no-deps (issue 22) and the project depends on the headless build instead."""
    import tomllib

    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert tasks.no_deps_requirements() == ["rapidocr-onnxruntime==1.4.4"]
    names = [re.split(r"[<>=!\[ ;]", d, maxsplit=1)[0] for d in config["project"]["dependencies"]]
    assert "opencv-python-headless" in names and "onnxruntime" in names
    assert "opencv-python" not in names and "rapidocr-onnxruntime" not in names
    workflow = (REPO_ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "pip install --no-deps rapidocr-onnxruntime==1.4.4" in workflow
