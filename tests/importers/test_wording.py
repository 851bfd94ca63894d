"""Every sentence an importer says comes from its catalogue, with a code a front end translates.

The English stays as it was (the CLI, the normalised parse output and the other importer tests
see the same text); what is checked here is that the detection reasons, parse problems, repairs
and refusals are Phrases of a registered code whose facts the code declares, so the GUI can say
them in Chinese (tests/ui/test_service_text.py checks that it does). The first test reads the
importer sources, so a new reason written as a plain string literal fails it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Phrase, codes, fact_names
from evidence_desk.importers import archive, registry
from evidence_desk.importers.base import ExportSource, ParsedChat, ParseProblem
from tests.helpers import literal_sentence

IMPORTERS = Path(__file__).resolve().parents[2] / "evidence_desk" / "importers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# call name -> position of the worded reason among the positional arguments
_REASON_ARGUMENT = {"ImportInputError": 2, "ParseProblem": 2, "problem": 1, "_problem": 1}
# Refusals of the CLI's --format option only (the GUI never forces a format).
_ALLOWED = {("registry.py", "UsageError")}


def _worded_in_place(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            position = _REASON_ARGUMENT.get(name)
            if position is not None and len(node.args) > position:
                worded = [node.args[position]]
            elif name in ("UsageError", "BadInput") and (path.name, name) not in _ALLOWED:
                worded = node.args[-1:]
            else:
                worded = []
            if any(literal_sentence(arg) for arg in worded):
                found.append(f"{path.name}:{node.lineno} {name}")
            if name == "append" and isinstance(func, ast.Attribute):
                target = ast.unparse(func.value)
                if target in ("repairs", "notes") and node.args and literal_sentence(node.args[0]):
                    found.append(f"{path.name}:{node.lineno} {target}.append")
        if isinstance(node, ast.FunctionDef) and "detect" in node.name:
            for sub in ast.walk(node):
                returned = sub.value if isinstance(sub, ast.Return) else None
                if returned is not None and literal_sentence(returned):
                    found.append(f"{path.name}:{sub.lineno} return in {node.name}")
    return found


def test_no_importer_words_a_reason_outside_its_catalogue() -> None:
    found = [hit for path in sorted(IMPORTERS.glob("*.py")) for hit in _worded_in_place(path)]
    assert found == []


def _check_coded(text: str, what: str) -> None:
    assert isinstance(text, Phrase), f"{what} is not worded from a catalogue: {text!r}"
    assert text.code in codes(), f"{what}: unknown code {text.code}"
    assert {name for name, _ in text.facts} <= fact_names(text.code), what
    for _name, value in text.facts:
        if isinstance(value, Phrase):
            _check_coded(value, f"{what} (nested)")


def _fixtures() -> list[Path]:
    files = [
        p
        for p in sorted(FIXTURES.rglob("*"))
        if p.is_file() and p.suffix != ".md" and p.parent.name != "wechatexporter"
    ]
    return [*files, FIXTURES / "wechat" / "wechatexporter"]


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_reasons_problems_and_repairs_of_every_fixture_are_coded(path: Path) -> None:
    source = archive.open_path(path)
    detection = registry.detect(source)
    if detection.name is None or detection.ambiguous:
        # users.json and the like are not chat exports: the refusal is coded too
        with pytest.raises(ImportInputError) as refused:
            registry.parse(source, "Asia/Shanghai")
        _check_coded(refused.value.detail, f"refusal of {path.name}")
        return
    _check_coded(detection.reason, f"detection reason of {path.name}")
    try:
        result = registry.parse(source, "Asia/Shanghai")
    except ImportInputError as error:  # e.g. a Telegram export holding several chats
        _check_coded(error.detail, f"refusal of {path.name}")
        return
    _check_coded(result.detection_reason, f"parsed reason of {path.name}")
    for problem in result.problems:
        assert problem.code and problem.code == getattr(problem.reason, "code", None)
        _check_coded(problem.reason, f"problem {problem.locator} of {path.name}")
    if isinstance(result, ParsedChat):
        for repair in result.repairs:
            _check_coded(repair, f"repair of {path.name}")
        _check_coded(result.title, "title") if isinstance(result.title, Phrase) else None


BROKEN = {
    "empty WhatsApp export": ("WhatsApp Chat with X.txt", b""),
    "not a chat": ("notes.txt", b"just some notes, not a chat export\n"),
    "binary in a text export": ("chat.txt", b"12/01/2026, 09:00 - A: hi\x00\x01\x02"),
    "Telegram HTML": ("result.json", b'<html><body>"messages": []</body></html>'),
    "broken Telegram JSON": ("result.json", b'{"type": "personal_chat", "messages": [}'),
    "SMS backup with another root": (
        "sms.xml",
        b"<?xml version='1.0'?><smses count='1'><sms date='x'/><sms",
    ),
    "HEIC photo": ("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 32),
    "cut PNG": ("shot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
}


@pytest.mark.parametrize("name, data", list(BROKEN.values()), ids=list(BROKEN))
def test_refusals_of_broken_files_are_coded(name: str, data: bytes) -> None:
    with pytest.raises(ImportInputError) as refused:
        registry.parse(ExportSource(name=name, data=data), "Asia/Shanghai")
    _check_coded(refused.value.detail, f"refusal of {name}")
    assert refused.value.message.endswith(str(refused.value.detail))


def test_problems_compare_as_before_whatever_their_code() -> None:
    coded = ParseProblem("a.txt", "line 1", registry._said("detect.generic", format="x"))
    assert coded == ParseProblem("a.txt", "line 1", "looks like x")
    assert coded.code == "detect.generic" and coded.facts == (("format", "x"),)
