"""What verify, the bundle check, the time-stamp client and the store's refusals say is worded
from their catalogues, so the GUI can say it in Chinese (tests/ui/test_service_text.py checks that
it does, and that every code has a translated template).

The test reads the sources: a new finding, refusal or TSA failure written as a plain string
literal (or an f-string) fails it, like tests/importers/test_wording.py does for the importers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import literal_sentence

PACKAGE = Path(__file__).resolve().parents[2] / "evidence_desk"
# Modules whose sentences people meet on the login dialog, the verify panel and the status bar
# (each words them from a catalogue of its own) ...
WORDED_MODULES = [
    "services/verify.py",
    "services/session.py",
    "bundle/verify_kit.py",
    "integrity/tsa.py",
    "store/blobs.py",
    "store/folder.py",
    "store/keys.py",
]
# ... and what is not checked here: the GUI words its own text through Qt, the importers have
# their own test, and the CLI's refusals of its own options are never shown by the GUI.
_NOT_CHECKED = ("ui", "importers", "cli/commands.py")
# call name -> positions of the worded arguments (a Finding's location and detail...)
_WORDED = {
    "Finding": (1, 2),
    "KitFinding": (2,),
    "TsaError": (1,),
    "BadInput": (2,),
    "StoreError": (0,),
    "StoreBusy": (0,),
    "AuthenticationFailed": (0,),
    "BlobCorrupted": (0,),
    "RuleViolation": (1,),
    "PermissionDenied": (1,),
    "NotFound": (0,),
    "Cancelled": (0,),
    "BackupInvalid": (0,),
}


def _worded_in_place(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        worded = [node.args[i] for i in _WORDED.get(name, ()) if i < len(node.args)]
        worded += [k.value for k in node.keywords if k.arg in ("location", "detail", "message")]
        if any(literal_sentence(arg) for arg in worded):
            found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_no_finding_refusal_or_failure_is_written_in_place() -> None:
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.relative_to(PACKAGE).as_posix().startswith(_NOT_CHECKED)
        for hit in _worded_in_place(path)
    ]
    assert found == []


@pytest.mark.parametrize("module", WORDED_MODULES)
def test_each_module_words_from_its_own_catalogue(module: str) -> None:
    assert "_said = Catalogue(" in (PACKAGE / module).read_text("utf-8")


def test_the_check_finds_a_sentence_written_in_place(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'Finding("x", f"ledger seq {n}", _said("a"))\n'
        'KitFinding("x", name, "changed")\n'
        'raise TsaError(TsaReason.TIMEOUT, _said("b"))\n'
        'raise StoreError("not a store")\n',
        "utf-8",
    )
    assert _worded_in_place(sample) == [
        "sample.py:1 Finding",
        "sample.py:2 KitFinding",
        "sample.py:4 StoreError",
    ]
