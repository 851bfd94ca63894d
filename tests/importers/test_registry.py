"""Format detection and the --format override, against the real importers that exist.

No stub importers: the mechanics are tested with the image importer (always present) and with
whatever chat importers have landed; tests that need a specific one skip until it exists.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from evidence_desk.domain.errors import ImportInputError, UsageError
from evidence_desk.importers import images, registry
from evidence_desk.importers.base import ExportSource, ParsedChat
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.registry import Candidate


def _png(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _present(module: str) -> bool:
    return importlib.util.find_spec(f"evidence_desk.importers.{module}") is not None


PNG = _png()
JUNK = b"\x00\x01\x02\x03 not an export, not an image \xfe\xff"
CHAT_NAMES = [name for name in registry.names() if name != images.FORMAT_NAME]


# --- loading ---------------------------------------------------------------------------------


def test_names_start_with_image_and_follow_the_module_order() -> None:
    names = registry.names()

    assert names[0] == "image"
    order = [spec.module for spec in registry.MODULES]
    modules = [_module_of(name) for name in names]
    assert modules == sorted(modules, key=order.index)


def _module_of(name: str) -> str:
    importer = registry.get(name)
    return type(importer).__module__.removeprefix("evidence_desk.importers.")


def test_every_importer_module_ships_and_loads() -> None:
    # A module that is missing, fails to import or lacks IMPORTER shows up here by name.
    assert all(_present(spec.module) for spec in registry.MODULES)
    assert registry.unavailable() == {}


# --- get -------------------------------------------------------------------------------------


def test_get_finds_a_format_by_name_case_insensitively() -> None:
    assert registry.get("image") is images.IMPORTER
    assert registry.get(" IMAGE ") is images.IMPORTER


def test_get_accepts_the_module_name_as_an_alias() -> None:
    assert registry.get("images") is images.IMPORTER


def test_get_treats_hyphen_and_underscore_alike() -> None:
    # Runs once the generic CSV importer lands (its format name is written with a hyphen).
    pytest.importorskip("evidence_desk.importers.generic_csv")
    name = registry.get("generic_csv").name

    assert registry.get(name.replace("_", "-")) is registry.get(name.replace("-", "_"))


@pytest.mark.parametrize("name", ["nope", "auto", ""])
def test_get_refuses_an_unknown_format_as_a_usage_error(name: str) -> None:
    with pytest.raises(UsageError, match="available formats: image"):
        registry.get(name)


# --- detect ----------------------------------------------------------------------------------


def test_a_screenshot_is_detected_as_an_image() -> None:
    detection = registry.detect(ExportSource("Screenshot_2024.png", PNG))

    assert detection.name == "image"
    assert detection.kind == "image"
    assert detection.reason == "PNG image (file signature)"
    assert detection.candidates == (
        Candidate("image", "image", "PNG image (file signature)", fallback=False),
    )
    assert detection.ambiguous is False
    assert detection.errors == ()


def test_nothing_matching_is_reported_with_a_reason() -> None:
    detection = registry.detect(ExportSource("mystery.bin", JUNK))

    assert detection.name is None
    assert detection.kind is None
    assert detection.candidates == ()
    assert "no importer recognised 'mystery.bin'" in detection.reason


def test_heic_gets_advice_instead_of_no_importer() -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32

    detection = registry.detect(ExportSource("IMG_0001.HEIC", heic))

    assert detection.name is None
    assert "HEIC/HEIF images are not supported" in detection.reason


def test_detect_kind_sorts_loose_files() -> None:
    assert registry.detect_kind("a.png", PNG) == "image"
    assert registry.detect_kind("a.bin", JUNK) is None
    assert registry.detect_kind("a.png", b"") is None


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=1024), name=st.sampled_from(["a.txt", "a.csv", "a.json", "a.png"]))
def test_detect_never_raises(data: bytes, name: str) -> None:
    detection = registry.detect(ExportSource(name, data))

    assert detection.errors == ()
    assert (detection.name is None) == (detection.candidates == ())


# --- choosing among candidates (pure decision on plain records) ------------------------------


def test_two_specific_formats_are_ambiguous_and_the_first_is_only_suggested() -> None:
    source = ExportSource("chat.txt", b"")
    found = [
        Candidate("whatsapp", "chat", "WhatsApp Android, d/m/y"),
        Candidate("line", "chat", "LINE header"),
    ]

    detection = registry._decide(source, found, [], {})

    assert detection.ambiguous is True
    assert detection.name == "whatsapp"
    assert "whatsapp (WhatsApp Android, d/m/y)" in detection.reason
    assert "line (LINE header)" in detection.reason
    assert "--format" in detection.reason


def test_a_specific_format_beats_the_generic_fallback_without_ambiguity() -> None:
    source = ExportSource("chat.csv", b"")
    found = [
        Candidate("wechat-csv", "chat", "MemoTrace CSV"),
        Candidate("generic-csv", "chat", "3 columns", fallback=True),
    ]

    detection = registry._decide(source, found, [], {})

    assert (detection.name, detection.ambiguous) == ("wechat-csv", False)
    assert detection.candidates == tuple(found)


def test_the_fallback_is_used_only_when_nothing_specific_matched() -> None:
    source = ExportSource("chat.csv", b"")
    found = [Candidate("generic-csv", "chat", "3 columns", fallback=True)]

    detection = registry._decide(source, found, [], {})

    assert detection.name == "generic-csv"
    assert detection.reason == "3 columns (generic fallback)"


# --- parse and the --format override ---------------------------------------------------------


def test_auto_parse_of_a_screenshot_gives_a_parsed_image() -> None:
    parsed = registry.parse(ExportSource("shot.png", PNG), "UTC")

    assert isinstance(parsed, ParsedImage)
    assert (parsed.width, parsed.height) == (60, 40)
    assert registry.parse(ExportSource("shot.png", PNG), "UTC", "auto") == parsed


def test_auto_parse_of_unrecognised_input_is_an_import_input_error() -> None:
    with pytest.raises(ImportInputError) as caught:
        registry.parse(ExportSource("mystery.bin", JUNK), "UTC")

    assert caught.value.file == "mystery.bin"


def test_forcing_image_on_a_chat_file_is_an_import_input_error() -> None:
    chat = b"18/03/2022, 15:10 - Dmitry S: hello\n"

    with pytest.raises(ImportInputError, match="not a PNG, JPEG or WebP"):
        registry.parse(ExportSource("chat.txt", chat), "UTC", "image")


def test_forcing_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        registry.parse(ExportSource("shot.png", PNG), "UTC", "kakaotalk")


@pytest.mark.parametrize("name", CHAT_NAMES)
def test_forcing_a_chat_format_on_a_screenshot_is_an_import_input_error(name: str) -> None:
    with pytest.raises(ImportInputError):
        registry.parse(ExportSource("shot.png", PNG), "UTC", name)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=512), name=st.sampled_from(registry.names()))
def test_forcing_any_format_on_any_bytes_never_crashes(data: bytes, name: str) -> None:
    with contextlib.suppress(ImportInputError):
        registry.parse(ExportSource("input.txt", data), "UTC", name)


# --- real chat importers, as they land -------------------------------------------------------

WHATSAPP_ANDROID = (
    b"18/03/2022, 15:10 - Dmitry S: Hello, about the loan\n"
    b"18/03/2022, 15:12 - Anna K: I will pay on Friday\n"
    b"18/03/2022, 15:13 - Dmitry S: Thank you\n"
)


def test_whatsapp_export_is_detected_and_parsed() -> None:
    # Runs once the WhatsApp importer lands.
    pytest.importorskip("evidence_desk.importers.whatsapp")
    source = ExportSource("WhatsApp Chat with Anna K.txt", WHATSAPP_ANDROID)

    detection = registry.detect(source)

    assert detection.name == registry.get("whatsapp").name
    assert detection.kind == "chat"
    assert detection.ambiguous is False
    assert registry.detect_kind(source.name, source.data) == "chat"
    parsed = registry.parse(source, "Europe/Berlin")
    assert isinstance(parsed, ParsedChat)
    assert len(parsed.messages) == 3


def test_generic_csv_is_the_fallback_for_a_plain_chat_csv() -> None:
    # Runs once the generic CSV importer lands.
    pytest.importorskip("evidence_desk.importers.generic_csv")
    data = b"time,sender,text\n2024-01-01 10:00,Bob,hello\n2024-01-01 10:01,Ann,hi\n"

    detection = registry.detect(ExportSource("chat.csv", data))

    assert detection.name == registry.get("generic_csv").name
    assert detection.kind == "chat"
    assert detection.reason.endswith("(generic fallback)")


MEMOTRACE_CSV = (
    "\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,"
    "Remark,NickName,Sender\n"
    "1,1,1,0,1,1767846060,,您好，关于您的合同。,2026-01-08 12:21:00,张伟,张伟,\n"
    "2,1,1,0,0,1767846120,,好的，我周五还款。,2026-01-08 12:22:00,张伟,张伟,wxid_zhangwei\n"
).encode()


def test_wechat_csv_is_not_taken_by_the_generic_fallback() -> None:
    variants = ("wechat", "wechat.csv_export", "wechat.txt_export", "wechat.html_export")
    assert all(_present(module) for module in variants)

    detection = registry.detect(ExportSource("张伟.csv", MEMOTRACE_CSV))

    chosen = [c for c in detection.candidates if c.name == detection.name]
    assert len(chosen) == 1
    assert chosen[0].fallback is False
    assert detection.ambiguous is False


# --- the shared sample corpus: every sample goes to its own importer, unambiguously ----------

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_MODULES = {
    "line": "line",
    "messenger": "messenger",
    "sms": "sms_xml",
    "telegram": "telegram",
    "wechat": "wechat",
    "whatsapp": "whatsapp",
}
CORPUS_FILES = (
    sorted(
        path
        for path in CORPUS.rglob("*")
        if path.is_file() and path.parent.name in CORPUS_MODULES and path.suffix != ".zip"
    )
    if CORPUS.is_dir()
    else []
)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_corpus_sample_is_detected_as_its_own_format(path: Path) -> None:
    # zips are left to the container tests
    module = CORPUS_MODULES[path.parent.name]
    assert _present(module)

    detection = registry.detect(ExportSource(path.name, path.read_bytes()))

    assert detection.name == registry.get(module).name, detection.reason
    assert detection.ambiguous is False
    assert detection.errors == ()
