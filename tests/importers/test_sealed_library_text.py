"""Another program's wording is shown, never sealed (base.OTHERS_WORDING).

The message of an exception Python, expat, defusedxml, html.parser, Pillow, zipfile or the OS
raised changes with their versions (and, for the OS, with the locale). Were it sealed, a new
Python would turn old imports into "normalised differs". Each case below makes the real code
path fail twice, the second time with the library's message forged (same exception class, same
position, other words), and shows that what would be sealed is the same while what is shown
follows the library.
"""

from __future__ import annotations

import copy
import csv
import importlib
import io
import json
import random
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from defusedxml import DTDForbidden
from defusedxml import ElementTree as SafeET
from PIL import Image

from evidence_desk import importers
from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Phrase, codes, fact_names, fields
from evidence_desk.importers import (
    archive,
    generic_csv,
    images,
    messenger,
    recordings,
    registry,
    sms_xml,
    telegram,
)
from evidence_desk.importers.base import (
    OTHERS_WORDING,
    ExportSource,
    ParseProblem,
    said,
    sealed_phrase,
    sealed_problem,
)
from evidence_desk.importers.wechat import html_export as wechat_html

FORGED = "words a future version might use"
TZ = "Asia/Shanghai"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _forged(error: BaseException) -> BaseException:
    """``error`` again (same class, same position and errno), worded differently."""
    try:
        forged = copy.copy(error)
    except TypeError:  # a class whose __init__ takes other arguments (JsSyntaxError)
        forged = type(error).__new__(type(error), *error.args)
        forged.__dict__.update(vars(error))
    forged.args = (FORGED,)
    for attribute in ("msg", "strerror", "reason"):
        if getattr(error, attribute, None) is not None:
            setattr(forged, attribute, FORGED)
    return forged


class _ForgingIterator:
    """An iterator (csv.reader, iterparse) whose failures are reworded; other attributes
    (``line_num``) are the wrapped one's."""

    def __init__(self, inner: Iterator[object]) -> None:
        self._inner = inner

    def __iter__(self) -> _ForgingIterator:
        return self

    def __next__(self) -> object:
        try:
            return next(self._inner)
        except StopIteration:
            raise
        except Exception as error:
            raise _forged(error) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def _forging(function: Callable[..., object]) -> Callable[..., object]:
    def wrapped(*args: object, **kwargs: object) -> object:
        try:
            result = function(*args, **kwargs)
        except Exception as error:
            raise _forged(error) from None
        is_iterator = hasattr(result, "__next__") and not isinstance(result, (str, bytes))
        return _ForgingIterator(result) if is_iterator else result  # type: ignore[arg-type]

    return wrapped


def _refusal(trigger: Callable[[], object]) -> ImportInputError:
    with pytest.raises(ImportInputError) as raised:
        trigger()
    return raised.value


def _code(error: ImportInputError) -> str:
    assert isinstance(error.detail, Phrase)
    return error.detail.code


def _sealed(error: ImportInputError) -> dict[str, object]:
    """What an import would seal had the refusal been kept as a problem of the import."""
    return sealed_problem(ParseProblem(error.file, error.locator, error.detail, "error"))


def _cut_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("_chat.txt", "05/01/2026, 09:00 - Li Ming: hi\n" * 50)
    data = buffer.getvalue()
    return data[: len(data) - 30]  # the end of central directory record is cut


def _cut_jpeg() -> bytes:
    rng = random.Random(7)
    image = Image.frombytes("RGB", (128, 128), bytes(rng.randrange(256) for _ in range(128**3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()[: out.tell() * 6 // 10]


_HTML = FIXTURES / "wechat" / "memotrace.html"

# code -> (what fails, the module attribute whose failure is reworded)
CASES: dict[str, tuple[Callable[[], object], tuple[object, str]]] = {
    "import.invalid_json (telegram)": (
        lambda: telegram.IMPORTER.parse(
            ExportSource("result.json", b'{"name": "x",\n "id": }'), TZ
        ),
        (json, "loads"),
    ),
    "import.invalid_json (messenger)": (
        lambda: messenger.IMPORTER.parse(ExportSource("message_1.json", b'{"messages": [,]}'), TZ),
        (json, "loads"),
    ),
    "sms.not_well_formed": (
        lambda: sms_xml.IMPORTER.parse(
            ExportSource("s.xml", b"<smses>\n<sms a='1'>\n</smses>"), TZ
        ),
        (SafeET, "iterparse"),
    ),
    "sms.xml_encoding": (
        lambda: sms_xml.IMPORTER.parse(
            ExportSource("s.xml", b"<?xml version='1.0' encoding='TF-8'?><smses/>"), TZ
        ),
        (SafeET, "iterparse"),
    ),
    "csv.unreadable": (
        lambda: generic_csv.IMPORTER.parse(
            # a field above the csv module's field size limit
            ExportSource(
                "c.csv", b'time,sender,text\n2026-01-05 09:00,a,"' + b"x" * 200_000 + b'"\n'
            ),
            TZ,
        ),
        (csv, "reader"),
    ),
    "wechat_html.broken_array": (
        lambda: wechat_html.MEMOTRACE_HTML.parse(
            ExportSource("王芳.html", _HTML.read_text("utf-8").split("三月还款")[0].encode()), TZ
        ),
        (wechat_html, "_read_items"),
    ),
    "archive.corrupt_zip": (lambda: archive.open_zip("x.zip", _cut_zip()), (zipfile, "ZipFile")),
    "archive.cannot_open": (
        lambda: archive.open_path(Path("/nonexistent-evidence-desk/chat.txt")),
        (Path, "stat"),
    ),
    "image.undecodable": (
        lambda: images.parse_image("cut.jpg", _cut_jpeg(), "UTC"),
        (images, "_decode"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_reworded_library_message_leaves_the_sealed_bytes_unchanged(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    trigger, (owner, attribute) = CASES[case]
    real = _refusal(trigger)
    assert _code(real) in OTHERS_WORDING
    monkeypatch.setattr(owner, attribute, _forging(getattr(owner, attribute)))
    forged = _refusal(trigger)

    assert _code(forged) == _code(real)
    assert FORGED in forged.detail and FORGED not in real.detail  # shown: the library's words
    assert _sealed(forged) == _sealed(real)  # sealed: the same
    facts = _sealed(real)["facts"]
    assert isinstance(facts, dict) and facts["category"]  # the exception's class is sealed
    assert FORGED not in json.dumps(_sealed(forged), ensure_ascii=False)


def test_the_os_message_is_shown_but_its_errno_name_sealed() -> None:
    error = _refusal(lambda: archive.open_path(Path("/nonexistent-evidence-desk/chat.txt")))
    assert "No such file" in error.detail or "not found" in error.detail.lower()
    assert sealed_phrase(error.detail)["facts"] == {
        "category": "FileNotFoundError",
        "errno": "ENOENT",
    }


def test_expat_and_json_seal_where_they_stopped() -> None:
    json_error = _refusal(CASES["import.invalid_json (telegram)"][0])
    assert sealed_phrase(json_error.detail)["facts"] == {
        "category": "JSONDecodeError",
        "line": "2",
        "column": "8",
    }
    xml_error = _refusal(CASES["sms.not_well_formed"][0])
    sealed = sealed_phrase(xml_error.detail)["facts"]
    assert isinstance(sealed, dict) and sealed["category"] == "ParseError"
    assert (sealed["line"], sealed["column"]) == ("3", "2")
    assert sealed["xml_error"].isdigit()  # expat's error number, not its message


@pytest.mark.parametrize(
    ("code", "facts"),
    [
        ("sms.unsafe_xml", {"category": "DTDForbidden"}),
        ("recording.damaged", {"category": "error", "format": "WAV"}),
        ("import.importer_failed", {"category": "ValueError", "format": "whatsapp"}),
        ("wechat_html.unreadable_html", {"category": "AssertionError", "line": "1", "column": "0"}),
    ],
)
def test_failures_worded_by_a_library_or_a_crash_seal_their_class(
    code: str, facts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cases whose message cannot be reworded by wrapping a call: a class that words
    itself (defusedxml), and crashes inside our own code (its message is Python's)."""
    sealed: list[dict[str, object]] = []
    for words in ("first wording", FORGED):
        if code == "sms.unsafe_xml":
            monkeypatch.setattr(DTDForbidden, "__str__", lambda _self, w=words: w)
            trigger: Callable[[], object] = lambda: sms_xml.IMPORTER.parse(  # noqa: E731
                ExportSource("s.xml", b'<!DOCTYPE smses [<!ENTITY a "a">]><smses/>'), TZ
            )
        elif code == "recording.damaged":
            monkeypatch.setattr(recordings, "_read", _raiser(struct.error(words)))
            trigger = lambda: recordings.parse_recording("a.wav", _wav(), "UTC")  # noqa: E731
        elif code == "import.importer_failed":
            whatsapp = registry.get("whatsapp")
            monkeypatch.setattr(whatsapp, "parse", _raiser(ValueError(words)))
            trigger = lambda: registry.parse(  # noqa: E731
                ExportSource("chat.txt", b"05/01/2026, 09:00 - Li Ming: hi\n"), TZ, "whatsapp"
            )
        else:
            monkeypatch.setattr(wechat_html._TreeBuilder, "feed", _raiser(AssertionError(words)))
            trigger = lambda: wechat_html._dom("page.html", "<html>")  # noqa: E731
        error = _refusal(trigger)
        assert words in error.detail and _code(error) == code
        sealed.append(_sealed(error))
    assert sealed[0] == sealed[1]
    sealed_facts = sealed[0]["facts"]
    assert isinstance(sealed_facts, dict)
    assert {k: v for k, v in sealed_facts.items() if k in facts} == facts


def _raiser(error: BaseException) -> Callable[..., object]:
    def fail(*_args: object, **_kwargs: object) -> object:
        raise error

    return fail


def _wav() -> bytes:
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    data = b"\x00\x00" * 800
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _module_name(path: Path) -> str:
    """``importers/wechat/html_export.py`` -> ``evidence_desk.importers.wechat.html_export``."""
    parts = path.relative_to(Path(importers.__file__).parent).with_suffix("").parts
    return ".".join((importers.__name__, *(p for p in parts if p != "__init__")))


def test_every_fact_holding_another_programs_words_is_listed() -> None:
    """A code whose English shows an exception's or a warning's message keeps it out of what is
    sealed, and carries the exception's class instead."""
    importer_codes = {
        code
        for path in sorted(Path(importers.__file__).parent.rglob("*.py"))
        if path.stem != "legacy_wording"
        for code in getattr(importlib.import_module(_module_name(path)), "_said", said).codes()
    } | set(said.codes())
    assert "wechat_html.broken_page" in importer_codes
    for code in importer_codes:
        shown = fields(codes()[code]) & {"error", "warning"}
        assert shown <= OTHERS_WORDING.get(code, frozenset()), code
        if shown:
            assert "category" in fact_names(code), code
    assert set(OTHERS_WORDING) <= importer_codes
