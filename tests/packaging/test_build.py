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
    steps = {"store", "bundle", "verify", "backup", "gui", "preview", "hub"}
    assert set(summary["self_test"]["seconds"]) == steps
    internal = app / "_internal"
    for shipped in (
        internal / "evidence_desk" / "data" / "fonts" / "wqy-microhei.ttc",
        internal / "evidence_desk" / "data" / "translations" / "evidence_desk_zh_CN.qm",
        internal / "evidence_desk" / "data" / "demo" / "wechat_chenlixin_memotrace.csv",
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


def test_installer_upgrades_cleanly_signs_when_configured_and_starts_outside_documents() -> None:
    text = ISS.read_text("utf-8")
    # stale DLLs and Qt plugins of the previous version go before [Files] copies the new ones
    install_delete = _section(text, "InstallDelete")
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in install_delete
    assert text.index("[InstallDelete]") < text.index("[Files]")
    # signing only when build.py passes the company's sign tool (ISCC /DSignBuild=1 /S...)
    setup = _section(text, "Setup")
    signing = re.search(r"^#ifdef SignBuild\n(.*?)^#endif", setup, re.MULTILINE | re.DOTALL)
    assert signing, "SignTool must sit under #ifdef SignBuild"
    assert "SignTool=evidencedesk" in signing.group(1)
    assert "SignedUninstaller=yes" in signing.group(1)
    assert setup.count("SignTool=") == 1
    icons = _section(text, "Icons")
    assert "{userdocs}" not in text
    for line in icons.splitlines():
        if "EvidenceDesk.exe" in line or "evidence-desk.exe" in line:
            assert 'WorkingDir: "{localappdata}"' in line, line


def test_signing_command_is_built_from_the_environment() -> None:
    sys.path.insert(0, str(REPO_ROOT / "packaging"))
    try:
        import build
    finally:
        sys.path.pop(0)
    assert build.signing_command({}) is None  # unsigned build, no secret needed
    tool = "C:/Program Files (x86)/Windows Kits/10/bin/10.0.22621.0/x64/signtool.exe"
    by_thumbprint = build.signing_command(
        {"EVIDENCE_DESK_SIGN_THUMBPRINT": "ab cd 12", "EVIDENCE_DESK_SIGNTOOL": tool}
    )
    assert by_thumbprint is not None
    assert by_thumbprint[:2] == [tool, "sign"] and by_thumbprint[-2:] == ["/sha1", "abcd12"]
    assert "/tr" in by_thumbprint and build.DEFAULT_TIMESTAMP in by_thumbprint
    assert by_thumbprint[by_thumbprint.index("/fd") + 1] == "sha256"
    by_pfx = build.signing_command(
        {
            "EVIDENCE_DESK_SIGN_PFX": "C:/certs/company.pfx",
            "EVIDENCE_DESK_SIGN_PFX_PASSWORD": "secret",
            "EVIDENCE_DESK_SIGN_TIMESTAMP": "http://timestamp.example.cn",
            "EVIDENCE_DESK_SIGNTOOL": "signtool.exe",
        }
    )
    assert by_pfx is not None and by_pfx[-4:] == ["/f", "C:/certs/company.pfx", "/p", "secret"]
    assert "http://timestamp.example.cn" in by_pfx
    option = build.iscc_sign_option(by_thumbprint)
    assert option.startswith(f"/Sevidencedesk=${'q'}{tool}$q sign ") and option.endswith(" $f")


WORKFLOW = REPO_ROOT / ".github" / "workflows" / "windows.yml"


def test_windows_workflow_parses_and_holds_the_key_steps() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    job = workflow["jobs"]["build"]
    assert job["runs-on"].startswith("windows")
    assert "PYTHONUTF8" not in job.get("env", {})
    steps = job["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    checkout = next(i for i, step in enumerate(steps) if "actions/checkout" in step.get("uses", ""))
    assert "core.autocrlf true" in steps[checkout - 1]["run"]  # before the checkout
    runs = "\n".join(step.get("run", "") for step in steps)
    for fragment in (
        "-m pytest -q -p no:cacheprovider\n",  # the whole suite
        "foreach ($cp in 936, 1252)",
        "--self-test",
        "程序 文件",  # a Chinese install folder
        "$env:TEMP = $temp",
        "[IO.File]::Open(",  # a file held without sharing
        "'None')",
        "gbk_zip.py",
        "Expand-Archive",
        "verify-bundle",
        "Get-AuthenticodeSignature",
        'Start-Process -FilePath "$app\\unins000.exe"',
        "while (Test-Path $app)",
        "stale files after the upgrade",
        "uninstall removed a store",
    ):
        assert fragment in runs, fragment
    assert "Start-Sleep" not in runs  # no fixed sleeps
    for step in steps:
        script = step.get("run", "")
        if script.count("\n") > 1 and "$" in script:
            assert script.startswith("$ErrorActionPreference = 'Stop'"), step.get("name")
            native = re.search(r"^\s*(& |git |choco |chcp|gh |python |powershell )", script, re.M)
            if native:  # every native program's exit code is looked at
                assert "$LASTEXITCODE" in script or "ExitCode" in script, step.get("name")
    signing = [step for step in steps if "certificate" in step.get("name", "")]
    assert signing and all("SIGN_PFX_BASE64" in str(step) for step in signing[:1])
    assert any("skipped: no signing certificate" in step.get("run", "") for step in steps)
    assert names.count("Install") == 1
