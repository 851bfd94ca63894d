#!/usr/bin/env python3
"""Update the Chinese translation source and compile it.

    python scripts/translations.py          # lupdate (keeps existing translations) + lrelease
    python scripts/translations.py --check  # fail if a string of the UI has no translation

The .ts file is the committed source of the translations (edit it with pyside6-linguist or by
hand); the .qm next to it is built from it and shipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "evidence_desk" / "data" / "translations" / "evidence_desk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool_candidates(name: str) -> list[Path]:
    """Where PySide6's tools may be: beside this interpreter, then the environment's own
    ``Scripts`` (Windows venv) or ``bin`` folder; ``NAME.exe`` as well as ``NAME``."""
    folders = [Path(sys.executable).parent, Path(sys.prefix) / "Scripts", Path(sys.prefix) / "bin"]
    names = (f"{name}.exe", name) if sys.platform == "win32" else (name, f"{name}.exe")
    return [folder / file for folder in dict.fromkeys(folders) for file in names]


def find_tool(name: str) -> str | None:
    for candidate in tool_candidates(name):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name) or shutil.which(f"{name}.exe")


def _tool(name: str) -> str:
    found = find_tool(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 into this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "evidence_desk" / "ui").glob("*.py"))


def untranslated() -> list[str]:
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            numerus = translation.findall("numerusform")
            text = "".join(n.text or "" for n in numerus) if numerus else translation.text
            if kind == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main() -> int:
    TS.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(TS)], cwd=ROOT, check=True
    )
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    missing = untranslated()
    for line in missing:
        print(f"untranslated: {line}")
    if "--check" in sys.argv and missing:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
