#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller, check it, and (on Windows) the installer.

    python packaging/build.py                  # dist/EvidenceDesk/ (+ sizes and build time)
    python packaging/build.py --self-test      # ... then run the built program's --self-test
    python packaging/build.py --installer      # ... then Inno Setup (Windows, ISCC on PATH)

Signing (Windows, packaging/README.md "Signing"): when EVIDENCE_DESK_SIGN_THUMBPRINT (a
certificate in the user's certificate store) or EVIDENCE_DESK_SIGN_PFX (a .pfx file, with
EVIDENCE_DESK_SIGN_PFX_PASSWORD) is set, the built programs are signed with SignTool before the
self-test, and Inno Setup signs Setup and its uninstaller with the same command. The time-stamp
server is EVIDENCE_DESK_SIGN_TIMESTAMP (default DigiCert's), SignTool EVIDENCE_DESK_SIGNTOOL or
the newest one in the Windows SDK. Unset: an unsigned build, and it says so.

Run with the project's virtual environment (``pip install -e .[dev]`` brings PyInstaller).
The per-OS scripts next to this file (build-linux.sh, build-windows.ps1, build-macos.sh) only
pick the interpreter and call this. The last line printed is a JSON summary (sizes in bytes,
seconds), which the packaging test and the release notes read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "evidence-desk.spec"
ISS = ROOT / "packaging" / "windows" / "evidence-desk.iss"
APP = "EvidenceDesk"


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "evidence_desk" / "__init__.py").read_text("utf-8"), namespace)
    return namespace["__version__"]


def make_icons(out: Path) -> None:
    """Render the SVG icon to PNGs and a multi-size .ico, and write the Windows version
    resource. Qt renders the SVG (it is already a dependency); Pillow writes the .ico."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    render = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "from PySide6.QtCore import Qt\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "svg = QSvgRenderer(sys.argv[1])\n"
        "for size in (16, 24, 32, 48, 64, 128, 256):\n"
        "    image = QImage(size, size, QImage.Format.Format_ARGB32)\n"
        "    image.fill(Qt.GlobalColor.transparent)\n"
        "    painter = QPainter(image)\n"
        "    svg.render(painter)\n"
        "    painter.end()\n"
        "    image.save(f'{sys.argv[2]}/evidence-desk-{size}.png')\n"
    )
    svg = ROOT / "evidence_desk" / "data" / "icons" / "evidence-desk.svg"
    subprocess.run([sys.executable, "-c", render, str(svg), str(out)], check=True, env=env)
    from PIL import Image

    largest = Image.open(out / "evidence-desk-256.png")
    largest.save(
        out / "evidence-desk.ico",
        sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
    )
    numbers = [int(part) for part in version().split(".")[:3]] + [0]
    (out / "version_info.txt").write_text(_version_resource(tuple(numbers[:4])), "utf-8")


def _version_resource(numbers: tuple[int, ...]) -> str:
    dotted = ".".join(str(n) for n in numbers)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Evidence Desk'),
      StringStruct('FileDescription', 'Evidence Desk - court-ready chat evidence'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('InternalName', 'EvidenceDesk'),
      StringStruct('LegalCopyright', 'Evidence Desk'),
      StringStruct('OriginalFilename', 'EvidenceDesk.exe'),
      StringStruct('ProductName', 'Evidence Desk'),
      StringStruct('ProductVersion', '{dotted}')])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200, 0x0804, 1200])])
  ]
)
"""


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def program(dist: Path, name: str) -> Path:
    return dist / APP / (f"{name}.exe" if sys.platform == "win32" else name)


def self_test(dist: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env = {k: v for k, v in env.items() if not k.startswith("EVIDENCE_DESK_")}
    done = subprocess.run(
        [str(program(dist, "evidence-desk")), "--self-test"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"the built program's self-test failed (exit {done.returncode})")
    summary: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


DEFAULT_TIMESTAMP = "http://timestamp.digicert.com"


def signtool() -> str:
    configured = os.environ.get("EVIDENCE_DESK_SIGNTOOL", "").strip()
    if configured:
        return configured
    found = shutil.which("signtool")
    if found:
        return found
    kits = Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "Windows Kits"
    candidates = sorted(kits.glob("10/bin/10.*/x64/signtool.exe"), reverse=True)
    if not candidates:
        raise SystemExit("a signing certificate is configured but SignTool was not found")
    return str(candidates[0])


def signing_command(environ: dict[str, str] | None = None) -> list[str] | None:
    """SignTool's command line (without the files) for the configured certificate; None when
    no certificate is configured (an unsigned build)."""
    env = dict(os.environ) if environ is None else environ
    thumbprint = env.get("EVIDENCE_DESK_SIGN_THUMBPRINT", "").strip().replace(" ", "")
    pfx = env.get("EVIDENCE_DESK_SIGN_PFX", "").strip()
    if not thumbprint and not pfx:
        return None
    stamp = env.get("EVIDENCE_DESK_SIGN_TIMESTAMP", "").strip() or DEFAULT_TIMESTAMP
    tool = env.get("EVIDENCE_DESK_SIGNTOOL", "").strip() or signtool()
    command = [tool, "sign", "/fd", "sha256", "/tr", stamp, "/td", "sha256", "/d", "Evidence Desk"]
    if thumbprint:
        command += ["/sha1", thumbprint]
    else:
        command += ["/f", pfx]
        password = env.get("EVIDENCE_DESK_SIGN_PFX_PASSWORD", "")
        if password:
            command += ["/p", password]
    return command


def sign(files: list[Path]) -> None:
    command = signing_command()
    if command is None:
        print("not signed: no code-signing certificate configured (EVIDENCE_DESK_SIGN_*)")
        return
    subprocess.run([*command, *map(str, files)], check=True)
    subprocess.run([command[0], "verify", "/pa", *map(str, files)], check=True)
    print(f"signed {len(files)} programs")


def iscc_sign_option(command: list[str]) -> str:
    """Inno Setup's /S option naming the sign tool "evidencedesk" ($q quotes, $f the file)."""
    quoted = [f"$q{part}$q" if " " in part else part for part in command]
    return "/Sevidencedesk=" + " ".join([*quoted, "$f"])


def installer(dist: Path) -> Path:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and candidate.exists():
        iscc = str(candidate)
    if iscc is None:
        raise SystemExit("Inno Setup's ISCC was not found (choco install innosetup)")
    out = dist / "installer"
    command = signing_command()
    signing = [] if command is None else ["/DSignBuild=1", iscc_sign_option(command)]
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={version()}",
            f"/DSourceDir={dist / APP}",
            f"/DIconFile={ROOT / 'build' / 'icons' / 'evidence-desk.ico'}",
            *signing,
            f"/O{out}",
            str(ISS),
        ],
        check=True,
    )
    return next(out.glob("*.exe"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--self-test", action="store_true", help="run the built --self-test")
    parser.add_argument("--installer", action="store_true", help="Windows: build the installer")
    args = parser.parse_args()
    started = time.perf_counter()
    make_icons(ROOT / "build" / "icons")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(args.dist),
            "--workpath",
            str(args.work),
        ],
        check=True,
        cwd=ROOT,
    )
    build_seconds = time.perf_counter() - started
    size, files = folder_size(args.dist / APP)
    summary: dict[str, object] = {
        "version": version(),
        "platform": sys.platform,
        "folder": str(args.dist / APP),
        "folder_bytes": size,
        "files": files,
        "build_seconds": round(build_seconds, 1),
    }
    print(
        f"built {args.dist / APP}: {size / 2**20:.1f} MiB in {files} files, {build_seconds:.0f} s"
    )
    if sys.platform == "win32":
        # the programs first: the self-test then runs exactly what is shipped
        sign(sorted((args.dist / APP).glob("*.exe")))
        summary["signed"] = signing_command() is not None
    if args.self_test:
        summary["self_test"] = self_test(args.dist)
    if args.installer:
        setup = installer(args.dist)
        summary["installer"] = str(setup)
        summary["installer_bytes"] = setup.stat().st_size
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
