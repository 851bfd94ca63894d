"""Names made from user data are valid on Windows, and a kit extracted there stays under
MAX_PATH (260) and still verifies."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_desk.bundle import kit
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.file_names import (
    COMPONENT_BUDGET,
    NAME_BUDGET,
    fold,
    safe_component,
    safe_path,
    utf16_units,
)
from evidence_desk.services import importing
from tests.bundle.support import export
from tests.helpers import Team, approved_contact

_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]|CONIN\$|CONOUT\$)$", re.I)


def windows_valid(component: str) -> bool:
    return (
        bool(component)
        and not re.search(r'[<>:"/\\|?*\x00-\x1f]', component)
        and not component.endswith((".", " "))
        and not _RESERVED.match(component.split(".")[0].rstrip(" "))
        and utf16_units(component) <= COMPONENT_BUDGET
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("微信聊天记录/聊天.txt", "微信聊天记录/聊天.txt"),  # Chinese stays readable
        ("a:b*c?.jpg", "a_b_c_.jpg"),
        ('x<y>"z"|w.txt', "x_y__z__w.txt"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1.log", "_Com1.log"),
        ("lpt9", "_lpt9"),
        ("CONSOLE.txt", "CONSOLE.txt"),  # only the exact device names
        ("报告.", "报告"),
        ("报告 . ", "报告"),
        ("..\\..\\etc/passwd", "etc/passwd"),
        ("tab\there", "tab_here"),
    ],
)
def test_safe_name_makes_windows_names(name: str, expected: str) -> None:
    assert kit.safe_name(name) == expected


def test_long_names_are_shortened_keeping_the_extension_and_the_file_name() -> None:
    long_file = "催收通话录音" * 20 + ".amr"
    assert safe_component(long_file).endswith(".amr")
    assert utf16_units(safe_component(long_file)) == COMPONENT_BUDGET
    deep = "/".join(["二零二六年一月份的微信聊天记录导出文件夹"] * 6) + "/照片 1.jpg"
    path = safe_path(deep)
    assert path.endswith("/照片 1.jpg") and path.startswith("二零二六年")
    assert utf16_units(path) <= NAME_BUDGET
    assert safe_component("𠀀" * 40) == "𠀀" * 24  # four-byte characters count two units


def test_case_numbers_become_one_folder_name() -> None:
    assert safe_component("（2026）沪0101民初123号") == "（2026）沪0101民初123号"
    assert safe_component("2026/SH-01") == "2026_SH-01"
    assert safe_component("..") == "_"
    assert safe_component("AUX") == "_AUX"


@given(st.text(min_size=1, max_size=300))
def test_any_name_gives_valid_windows_components(name: str) -> None:
    path = safe_path(name)
    assert utf16_units(path) <= NAME_BUDGET
    assert all(windows_valid(part) for part in path.split("/")), path
    assert windows_valid(safe_component(name))
    assert safe_path(path) == path  # stable


def test_tsa_slugs_are_windows_names() -> None:
    assert kit.tsa_slug("CON") == "_CON"
    assert kit.tsa_slug("tsa.example.") == "tsa.example"


DEEP = "/".join(["二零二六年一月份微信聊天记录导出"] * 5)


def test_a_kit_with_deep_chinese_names_extracts_under_max_path_and_verifies(
    team: Team, tmp_path: Path
) -> None:
    """A folder export with deep Chinese names, names differing only by case and a device name,
    for a case numbered as a court writes it; the kit extracted as Explorer's "Extract all" does
    (a folder named after the zip) into a deep folder."""
    case_no = "（2026）沪0101民初123号/补充"
    alice, contact_id = approved_contact(team, tmp_path / "docs", case_no=case_no)
    export_dir = tmp_path / "微信导出"
    inner = export_dir / DEEP
    inner.mkdir(parents=True)
    (inner / "WhatsApp Chat with Chen Lixin.txt").write_text(
        "05/01/2026, 09:00 - Chen Lixin: 你好\n"
        "05/01/2026, 09:10 - Chen Lixin: Photo.jpg (file attached)\n"
        "05/01/2026, 09:11 - Chen Lixin: photo.jpg (file attached)\n",
        encoding="utf-8",
    )
    (inner / "Photo.jpg").write_bytes(b"\xff\xd8\xff one")
    (inner / "photo.jpg").write_bytes(b"\xff\xd8\xff two")
    (inner / "CON.txt").write_bytes(b"device name")
    (inner / ("很长的文件名" * 12 + ".txt")).write_bytes(b"long")
    importing.import_files(alice, contact_id, [export_dir], tz="Asia/Shanghai")

    from evidence_desk.bundle.model import Scope

    result = export(team, tmp_path / "out", Scope(case_no), stamp_first=False)
    with zipfile.ZipFile(result.kit_path) as zf:
        members = [m for m in zf.namelist() if not m.endswith("/")]
    originals = [m for m in members if "/data/originals/" in m]
    assert len([m for m in originals if "/E2/" in m]) == 5  # the export's files
    assert any(m.endswith("/photo-2.jpg") for m in originals)  # Photo.jpg came first
    assert any(m.endswith("/_CON.txt") for m in originals)
    folded = [fold(m) for m in members]
    assert len(set(folded)) == len(folded)  # unique where case does not count
    for member in members:
        assert all(windows_valid(part) for part in member.split("/")[1:]), member

    # Explorer: <destination>\<zip name without .zip>\<the kit's own folder>\...
    room = 259 - 1 - len(result.kit_path.stem) - 1  # MAX_PATH less NUL, separators, folder
    longest = max(len(m) for m in members)
    destination = tmp_path / "深"
    depth = 110 - len(str(destination))
    destination = destination / ("层" * (depth - 1))
    assert len(str(destination)) == 110
    assert len(str(destination)) + 1 + len(result.kit_path.stem) + 1 + longest <= 259, (
        room,
        longest,
    )
    target = destination / result.kit_path.stem
    with zipfile.ZipFile(result.kit_path) as zf:
        zf.extractall(target)
    for path in target.rglob("*"):
        assert len(str(path)) <= 259, str(path)
    (bag,) = [p.parent for p in target.glob("*/bagit.txt")]
    report = verify_kit(bag)
    assert report.intact, [f.as_json() for f in report.findings]
