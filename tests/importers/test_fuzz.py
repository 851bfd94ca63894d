"""Fuzzing every importer: mutated valid exports and random bytes raise only ImportInputError.

The contract (importers/base.py) is that ``parse`` returns a parse or raises
:class:`ImportInputError` naming the file, a locator and the reason, and that ``detect`` never
raises. Importers are called *directly* here, not through ``registry.parse``, which would turn
a crash into an ImportInputError and hide it.

Seeds are this project's own fixtures (tests/importers/fixtures) plus images drawn with Pillow.
Mutations are those real damage produces: flipped and inserted bytes, cut files (truncated
JSON/XML/zips), deleted, duplicated and swapped lines, and NUL or invalid UTF-8 in the middle.
Example counts are modest (two shared cores) but every format gets both strategies.

The module also holds one determinism test per format: parsing twice, and parsing in two fresh
interpreters with different hash seeds, gives byte-identical normalised output (EV-5).
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import archive, registry
from evidence_desk.importers.base import ExportSource, ParsedChat, normalised_bytes
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity.canonical import canonical_bytes
from tests.importers.test_recordings import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
TZ = "Asia/Shanghai"


def _image(fmt: str, **save: object) -> bytes:
    picture = Image.new("RGB", (23, 17), (200, 30, 30))
    for x in range(23):
        picture.putpixel((x, x % 17), (0, 0, x * 10))
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **save)
    return buffer.getvalue()


def _whatsapp_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(
            "WhatsApp Chat with Chen Lixin.txt",
            "05/01/2026, 09:00 - Li Ming: 您好\n"
            "05/01/2026, 09:05 - Chen Lixin: IMG-20260105-WA0001.jpg (file attached)\n"
            "05/01/2026, 09:06 - Chen Lixin: <Media omitted>\n"
            "05/01/2026, 09:07 - Chen Lixin: VID-20260105-WA0002.mp4 (file attached)\n",
        )
        zipped.writestr("IMG-20260105-WA0001.jpg", _image("JPEG"))
    return buffer.getvalue()


def _fixture(*parts: str) -> tuple[str, bytes]:
    path = FIXTURES.joinpath(*parts)
    return path.name, path.read_bytes()


#: Valid exports per format name (as ``--format`` knows them).
SEEDS: dict[str, list[tuple[str, bytes]]] = {
    "image": [
        ("shot.png", _image("PNG")),
        ("photo.jpg", _image("JPEG", exif=Image.Exif())),
        ("shot.webp", _image("WEBP")),
    ],
    "recording": [SAMPLES[key] for key in ("mp4", "wav", "mp3", "amr", "ogg", "webm", "flac")],
    "sms_backup_restore_xml": [
        _fixture("sms", "sms-20260120.xml"),
        _fixture("sms", "calls-20260120.xml"),
    ],
    "telegram_json": [
        _fixture("telegram", "single_personal_result.json"),
        _fixture("telegram", "broken_writer_bugs.json"),
    ],
    "messenger_json": [
        _fixture("messenger", "inbox", "wangfang_123", "message_1.json"),
        _fixture("messenger", "instagram_message_1.json"),
    ],
    "wechat": [
        _fixture("wechat", "memotrace_bom_crlf.csv"),
        _fixture("wechat", "memotrace.txt"),
        _fixture("wechat", "memotrace.html"),
    ],
    "line_txt": [_fixture("line", "zh_cn.txt"), _fixture("line", "en_group_12h.txt")],
    "whatsapp": [
        _fixture("whatsapp", "android_zh_12h_ymd.txt"),
        _fixture("whatsapp", "ios_en_12h_mdy.txt"),
        ("WhatsApp Chat with Chen Lixin.zip", _whatsapp_zip()),
    ],
    "generic-csv": [_fixture("csv", "generic_en.csv"), _fixture("csv", "generic_zh.csv")],
    "wechat-memotrace-csv": [
        _fixture("wechat", "memotrace_bom_crlf.csv"),
        _fixture("wechat", "memotrace_gb18030.csv"),
    ],
    "wechat-pywxdump-csv": [
        _fixture("wechat", "pywxdump_wxid_wangfang0311_0_5000.csv"),
        _fixture("wechat", "pywxdump_old_content.csv"),
    ],
    "wechat-wechatexporter-txt": [_fixture("wechat", "wechatexporter.txt")],
    "wechat-memotrace-txt": [_fixture("wechat", "memotrace.txt")],
    "wechat-memotrace-html": [
        _fixture("wechat", "memotrace.html"),
        _fixture("wechat", "memotrace_v2.html"),
    ],
    "wechat-wechatexporter-html": [_fixture("wechat", "wechatexporter", "index.html")],
}


def _source(name: str, data: bytes) -> ExportSource:
    """As the import service builds it: a zip becomes a container source."""
    if archive.is_zip(data):
        return archive.open_zip(name, data)
    return ExportSource(name=name, data=data)


def _run(format_name: str, name: str, data: bytes) -> None:
    """Detect and parse; anything but a result or ImportInputError fails the test."""
    importer = registry.get(format_name)
    try:
        source = _source(name, data)
    except ImportInputError:
        return
    reason = importer.detect(source)
    assert reason is None or isinstance(reason, str)
    try:
        result = importer.parse(source, TZ)
    except ImportInputError as error:
        assert error.file and error.reason  # names the file and says why
        return
    assert isinstance(result, ParsedChat | ParsedImage | ParsedRecording)


def test_every_available_format_has_seeds() -> None:
    assert set(registry.names()) == set(SEEDS)


def test_every_seed_parses_unmutated() -> None:
    for format_name, seeds in SEEDS.items():
        importer = registry.get(format_name)
        for name, data in seeds:
            result = importer.parse(_source(name, data), TZ)
            count = len(result.messages) if isinstance(result, ParsedChat) else 1
            assert count > 0, (format_name, name)


# -- mutations ------------------------------------------------------------------------------------

_JUNK = st.sampled_from(
    [b"\x00", b"\xff", b"\xe4\xb8", b"\r\n", b"\n", b'"', b"{", b"]", b"<", b"&#55357;", b"\\x0"]
)


@st.composite
def _mutated(draw: st.DrawFn, seeds: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(seeds))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        size = len(buffer)
        at = draw(st.integers(0, max(size - 1, 0)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "lines", "junk"]))
        if op == "flip" and size:
            buffer[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete" and size:
            del buffer[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del buffer[at:]
        elif op == "junk":
            buffer[at:at] = draw(_JUNK)
        elif op == "lines":
            lines = bytes(buffer).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["dup", "drop", "swap"]))
            if how == "dup":
                lines.insert(i, lines[j])
            elif how == "drop" and len(lines) > 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            buffer = bytearray(b"\n".join(lines))
    return name, bytes(buffer)


_FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("format_name", sorted(SEEDS))
@_FUZZ
@given(data=st.data())
def test_mutated_exports_raise_only_import_input_error(
    format_name: str, data: st.DataObject
) -> None:
    name, mutated = data.draw(_mutated(SEEDS[format_name]))
    _run(format_name, name, mutated)


@pytest.mark.parametrize("format_name", sorted(SEEDS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    blob=st.one_of(
        st.binary(max_size=1500),
        st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    name=st.sampled_from(["x.txt", "x.csv", "result.json", "sms.xml", "x.html", "x.png", "x"]),
)
def test_random_bytes_raise_only_import_input_error(
    format_name: str, blob: bytes, name: str
) -> None:
    _run(format_name, name, blob)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_detection_over_mutated_exports_never_raises(data: st.DataObject) -> None:
    format_name = data.draw(st.sampled_from(sorted(SEEDS)))
    name, mutated = data.draw(_mutated(SEEDS[format_name]))
    try:
        source = _source(name, mutated)
    except ImportInputError:
        return
    detection = registry.detect(source)
    assert detection.errors == ()


# -- determinism ----------------------------------------------------------------------------------


def _normalised(format_name: str, name: str, data: bytes) -> bytes:
    result = registry.get(format_name).parse(_source(name, data), TZ)
    if isinstance(result, ParsedImage):
        return canonical_bytes(result.as_json()) + result.thumbnail_png
    if isinstance(result, ParsedRecording):
        return canonical_bytes(result.as_json())
    return normalised_bytes(result)


def _digests() -> dict[str, str]:
    return {
        f"{format_name}/{name}": hashlib.sha256(_normalised(format_name, name, data)).hexdigest()
        for format_name, seeds in SEEDS.items()
        for name, data in seeds
    }


@pytest.mark.parametrize("format_name", sorted(SEEDS))
def test_parsing_twice_is_byte_identical(format_name: str) -> None:
    for name, data in SEEDS[format_name]:
        assert _normalised(format_name, name, data) == _normalised(format_name, name, data)


def test_fresh_interpreters_with_other_hash_seeds_give_identical_output() -> None:
    """Set and dict iteration order must not leak into the output (PYTHONHASHSEED varies)."""
    here = _digests()
    root = Path(__file__).resolve().parents[2]
    script = (
        "import json, sys; sys.path.insert(0, '.');"
        "from tests.importers.test_fuzz import _digests; print(json.dumps(_digests()))"
    )
    for seed in ("1", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(done.stdout) == here
