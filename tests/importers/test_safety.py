"""Hostile input across importers: each case gets a specific error (file, locator, reason).

Archive-level cases (zip slip, bombs, nested archives...) are tested one by one in
test_archive.py and through the import service in tests/services/test_import_safety.py; this
module covers what cuts across the chat formats: a wrong ``--format``, 10 MB single lines,
truncated JSON/XML and binary junk.
"""

from __future__ import annotations

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import registry
from evidence_desk.importers.base import ExportSource
from tests.importers.test_fuzz import SEEDS, TZ, _source

TEN_MB = 10 * 1024 * 1024


def _family(name: str) -> str:
    return "wechat" if name.startswith("wechat") else name


WRONG_PAIRS = [
    (seed_format, index, forced)
    for seed_format, seeds in sorted(SEEDS.items())
    for index in range(len(seeds))
    for forced in sorted(SEEDS)
    if _family(forced) != _family(seed_format)
]


@pytest.mark.parametrize(("seed_format", "index", "forced"), WRONG_PAIRS)
def test_a_wrong_forced_format_is_refused_naming_the_file(
    seed_format: str, index: int, forced: str
) -> None:
    name, data = SEEDS[seed_format][index]
    source = _source(name, data)
    with pytest.raises(ImportInputError) as refused:
        registry.parse(source, TZ, forced)
    assert refused.value.file in (name, source.name) or name in str(refused.value)
    assert refused.value.reason


LONG_LINE_CASES = {
    "whatsapp": b"05/01/2026, 09:00 - Li Ming: hi\n05/01/2026, 09:01 - Chen: ",
    "line_txt": b"[LINE] Chat history with Chen\nSaved on: 2026/01/06 10:00\n\n"
    b"2026/01/05 Mon\n09:00\tChen\t",
    "generic-csv": b"time,sender,text\n2026-01-05 09:00:00,Chen,",
}


@pytest.mark.parametrize("format_name", sorted(LONG_LINE_CASES))
def test_a_10_mb_single_line_is_refused_naming_the_line(format_name: str) -> None:
    data = LONG_LINE_CASES[format_name] + b"x" * TEN_MB + b"\n"
    line = data.count(b"\n")
    for forced in (format_name, None):
        with pytest.raises(ImportInputError) as refused:
            registry.parse(ExportSource("long.txt", data), TZ, forced)
        assert refused.value.file == "long.txt"
        assert refused.value.locator == f"line {line}"
        assert "longer than" in refused.value.reason


@pytest.mark.parametrize(
    ("format_name", "index"),
    [("telegram_json", 0), ("messenger_json", 0), ("sms_backup_restore_xml", 0)],
)
@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_json_and_xml_name_line_and_column(
    format_name: str, index: int, keep: float
) -> None:
    name, data = SEEDS[format_name][index]
    cut = data[: data.rindex(b"\n", 0, int(len(data) * keep))]  # whole characters
    with pytest.raises(ImportInputError) as refused:
        registry.parse(ExportSource(name, cut), TZ, format_name)
    assert refused.value.file == name
    assert refused.value.locator.startswith("line ") and ", column " in refused.value.locator


JUNK = bytes(range(256)) * 40 + b'\x00\xff\xfe PK\x03\x04 {"messages": [' + bytes(512)


@pytest.mark.parametrize("format_name", sorted(SEEDS))
def test_binary_junk_is_refused_by_every_importer(format_name: str) -> None:
    with pytest.raises(ImportInputError) as refused:
        registry.parse(ExportSource("junk.bin", JUNK), TZ, format_name)
    assert refused.value.file == "junk.bin"
    assert refused.value.reason


def test_binary_junk_is_not_detected_as_anything() -> None:
    detection = registry.detect(ExportSource("junk.bin", JUNK))
    assert detection.name is None
    with pytest.raises(ImportInputError, match=r"junk\.bin"):
        registry.parse(ExportSource("junk.bin", JUNK), TZ)
