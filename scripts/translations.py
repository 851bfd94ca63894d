#!/usr/bin/env python3
"""Update the Chinese translation source and compile it.

    python scripts/translations.py          # lupdate + catalogue entries + lrelease
    python scripts/translations.py --check  # the same, then fail if a string has no translation
    python scripts/translations.py --fill-from OTHER.ts  # also take translations from OTHER.ts

The .ts file is the committed source of the translations (edit it with pyside6-linguist or by
hand); the .qm next to it is built from it and shipped. It holds two kinds of entries:

- the GUI's own strings, which lupdate finds in ``evidence_desk/ui/*.py``;
- one entry per code of every wording catalogue (``evidence_desk/domain/wording.py``) in the
  ``Wording`` context: source = the code's English template, disambiguation = the code. lupdate
  cannot see these (the templates live in the services), so this script writes them after it:
  a translation is kept while its code and English stay the same; a reworded template keeps the
  old translation as an unfinished suggestion, and the entry of a code no catalogue has any more
  (or of the old wording) is kept as ``vanished``, as lupdate does with strings that are gone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "evidence_desk" / "data" / "translations" / "evidence_desk_zh_CN.ts"
QM = TS.with_suffix(".qm")
#: English holds only the plural forms of the GUI's "%n ..." strings (lupdate -pluralonly): the
#: English source says one form, Qt picks "1 contact" / "2 contacts" from this file
EN_TS = TS.with_name("evidence_desk_en.ts")
EN_QM = EN_TS.with_suffix(".qm")
#: The context of the catalogue entries (evidence_desk.translations.CONTEXT).
CONTEXT = "Wording"


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


def untranslated(ts: Path = TS) -> list[str]:
    tree = ET.parse(ts)
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
            if numerus and not all(n.text for n in numerus):
                text = ""  # a plural form left empty
            if kind == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


# -- the catalogue entries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One message of the ``Wording`` context: a code, its English, its translation."""

    code: str
    source: str
    translation: str
    kind: str = ""  # "", "unfinished" or "vanished"


def catalogue_codes() -> dict[str, str]:
    """Every code of every catalogue with its English template."""
    sys.path.insert(0, str(ROOT))
    try:
        from evidence_desk.translations import register_all
    finally:
        sys.path.pop(0)
    return register_all()


def read_entries(ts: Path) -> list[Entry]:
    """The ``Wording`` context of a .ts as it stands."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            found.append(
                Entry(
                    message.findtext("comment") or "",
                    message.findtext("source") or "",
                    (translation.text if translation is not None else None) or "",
                    (translation.get("type", "") if translation is not None else "unfinished"),
                )
            )
    return found


def merged_entries(codes: dict[str, str], before: list[Entry]) -> list[Entry]:
    """The ``Wording`` context for ``codes``, keeping what ``before`` translated."""
    exact = {(e.code, e.source): e for e in before if e.translation}
    by_code = {e.code: e for e in before if e.translation and e.kind != "vanished"}
    current = set(codes.items())
    merged = []
    for code in sorted(codes):
        source = codes[code]
        known = exact.get((code, source))
        if known is not None:
            kind = "unfinished" if known.kind == "unfinished" else ""
            merged.append(Entry(code, source, known.translation, kind))
        elif code in by_code:  # reworded: the old translation is a suggestion to review
            merged.append(Entry(code, source, by_code[code].translation, "unfinished"))
        else:
            merged.append(Entry(code, source, "", "unfinished"))
    stale = sorted(
        {(e.code, e.source): e for e in before if (e.code, e.source) not in current}.values(),
        key=lambda e: (e.code, e.source),
    )
    merged += [Entry(e.code, e.source, e.translation, "vanished") for e in stale]
    return merged


def _escape(text: str) -> str:
    """As lupdate writes text: ``& < > " '`` as entities, line breaks as they are."""
    for plain, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(plain, entity)
    return text.replace('"', "&quot;").replace("'", "&apos;")


def context_xml(entries: list[Entry]) -> str:
    lines = ["<context>", f"    <name>{CONTEXT}</name>"]
    for entry in entries:
        kind = f' type="{entry.kind}"' if entry.kind else ""
        lines += [
            "    <message>",
            f"        <source>{_escape(entry.source)}</source>",
            f"        <comment>{_escape(entry.code)}</comment>",
            f"        <translation{kind}>{_escape(entry.translation)}</translation>",
            "    </message>",
        ]
    lines.append("</context>")
    return "\n".join(lines) + "\n"


def write_entries(ts: Path, entries: list[Entry]) -> None:
    """Put the ``Wording`` context last in ``ts`` (where lupdate's sorting puts it too),
    replacing the one there."""
    text = ts.read_text(encoding="utf-8")
    start = text.find(f"<context>\n    <name>{CONTEXT}</name>\n")
    if start >= 0:
        end = text.index("</context>\n", start) + len("</context>\n")
        text = text[:start] + text[end:]
    closing = text.rindex("</TS>")
    ts.write_text(text[:closing] + context_xml(entries) + text[closing:], encoding="utf-8")


def known_translations(other: Path) -> dict[tuple[str, str], str]:
    """Finished translations of ``other``: ``(code, source)`` for its catalogue entries,
    ``("", source)`` for any message."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(other).getroot().iter("context"):
        wording = context.findtext("name") == CONTEXT
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") or not translation.text:
                continue  # unfinished, obsolete, vanished or plural
            source = message.findtext("source") or ""
            found.setdefault(("", source), translation.text)
            if wording:
                found[(message.findtext("comment") or "", source)] = translation.text
    return found


def filled(entries: list[Entry], others: list[Path]) -> list[Entry]:
    """``entries`` with unfinished ones finished from ``others`` where they know the English."""
    known: dict[tuple[str, str], str] = {}
    for other in reversed(others):  # the first file named wins
        known |= known_translations(other)
    result = []
    for entry in entries:
        text = known.get((entry.code, entry.source)) or known.get(("", entry.source))
        if entry.kind == "unfinished" and text:
            entry = Entry(entry.code, entry.source, text)
        result.append(entry)
    return result


def update(ts: Path, fill_from: list[Path] | None = None) -> None:
    """lupdate the GUI's strings into ``ts``, then write the catalogue entries."""
    before = read_entries(ts) if ts.exists() else []
    codes = catalogue_codes()  # first: lupdate drops the entries it cannot see
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT,
        check=True,
    )
    write_entries(ts, filled(merged_entries(codes, before), fill_from or []))


def update_plurals(ts: Path) -> None:
    """lupdate the GUI's plural strings alone into the English ``ts`` (its singular and plural
    forms are written by hand, as any translation)."""
    if not ts.exists():
        ts.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
            '<TS version="2.1" language="en_GB" sourcelanguage="en_GB">\n</TS>\n',
            encoding="utf-8",
        )
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources(), "-pluralonly", "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    TS.parent.mkdir(parents=True, exist_ok=True)
    args = sys.argv[1:]
    update(TS, [Path(args[i + 1]) for i, arg in enumerate(args[:-1]) if arg == "--fill-from"])
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    update_plurals(EN_TS)
    subprocess.run([_tool("pyside6-lrelease"), str(EN_TS), "-qm", str(EN_QM)], cwd=ROOT, check=True)
    missing = untranslated() + [f"en {line}" for line in untranslated(EN_TS)]
    for line in missing:
        print(f"untranslated: {line}")
    if "--check" in sys.argv and missing:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
