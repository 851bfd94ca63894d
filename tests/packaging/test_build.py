"""The Linux build: packaging/build.py produces a working one-folder app whose own
``--self-test`` passes (store, import, bundle, verify, backup, offscreen window); and the
Windows installer script keeps its promises (per-user, Start menu, never deletes a store)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ISS = REPO_ROOT / "packaging" / "windows" / "evidence-desk.iss"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the Linux build; Windows builds in CI")
def test_linux_build_produces_a_bundle_that_passes_its_self_test(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "packaging" / "build.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
            "--self-test",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    app = tmp_path / "dist" / "EvidenceDesk"
    assert summary["folder"] == str(app)
    assert summary["self_test"]["self_test"] == "ok"
    assert summary["self_test"]["frozen"] is True  # it ran the built program, not this checkout
    steps = {"store", "bundle", "verify", "backup", "gui", "preview"}
    assert set(summary["self_test"]["seconds"]) == steps
    internal = app / "_internal"
    for shipped in (
        internal / "resources" / "fonts" / "wqy-microhei.ttc",
        internal / "resources" / "translations" / "evidence_desk_zh_CN.qm",
        internal / "resources" / "demo" / "wechat_chenlixin_memotrace.csv",
        # verify-bundle's TSA roots from outside the kit (bundle/trust.py)
        internal / "certifi" / "cacert.pem",
        internal / "evidence_desk" / "data" / "tsa-roots" / "README.txt",
        app / "EvidenceDesk",
        app / "evidence-desk",
    ):
        assert shipped.exists(), shipped
    plugins = {p.name for p in internal.rglob("libq*.so")}
    assert {"libqoffscreen.so", "libqxcb.so"} <= plugins
    assert list(internal.rglob("qtbase_zh_CN.qm"))  # Qt's own translations for the dialogs
    print(
        f"build {summary['build_seconds']} s, {summary['folder_bytes'] / 2**20:.1f} MiB "
        f"in {summary['files']} files; self-test {summary['self_test']['total_seconds']} s"
    )
    # the built command line behaves like the checkout's
    version = subprocess.run(
        [str(app / "evidence-desk"), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert version.returncode == 0 and version.stdout.startswith("evidence-desk ")


def _section(text: str, name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"[{name}] missing"
    return match.group(1)


def test_installer_is_per_user_with_start_menu_and_never_deletes_stores() -> None:
    text = ISS.read_text("utf-8")
    setup = _section(text, "Setup")
    assert re.search(r"^PrivilegesRequired=lowest$", setup, re.MULTILINE)
    assert "DefaultGroupName=Evidence Desk" in setup
    icons = _section(text, "Icons")
    assert '"{group}\\Evidence Desk"' in icons and "{uninstallexe}" in icons
    deletes = [
        line
        for line in _section(text, "UninstallDelete").splitlines()
        if line.strip() and not line.startswith(";")
    ]
    # only the program's own caches inside {app}; nothing in the data folder, no store files
    assert deletes and all('Name: "{app}\\' in line for line in deletes), deletes
    for line in deletes:
        assert "store" not in line.lower() and "localappdata" not in line.lower()
    assert "store.json" in _section(text, "Code")  # refuses to install into / remove a store
