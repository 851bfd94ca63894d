"""Safe opening of files, folders and zips: every refusal names the file, the member and why.

All zips are built here at run time with :mod:`zipfile`; hostile ones are made by patching the
bytes of a valid zip (zipfile itself will not write most of them).
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers.archive import (
    MAP_ABOVE,
    MIB,
    ArchiveLimits,
    is_nested_archive_name,
    is_zip,
    open_container,
    open_folder,
    open_path,
    open_zip,
    select_main,
)

# --- builders ------------------------------------------------------------------------------------


def make_zip(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def make_zip_raw_names(members: list[tuple[str, bytes]]) -> bytes:
    """A zip with member names written exactly as given (zipfile would not write `/abs`, `..`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo("placeholder")
            info.filename = name
            info.orig_filename = name
            archive.writestr(info, data)
    return buffer.getvalue()


def make_zip_encoded(members: list[tuple[str, bytes]], encoding: str) -> bytes:
    """A zip whose names are ``encoding`` bytes with the UTF-8 flag clear, as Explorer and
    360压缩 write them on Chinese Windows. zipfile writes any non-ASCII name as UTF-8 with the
    flag set, so each name is written as an ASCII placeholder of the same byte length and the
    placeholder's bytes (in the local and the central header) are then replaced."""
    placeholders = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(members):
            raw = name.encode(encoding)
            placeholder = f"~{i:03d}".encode().ljust(len(raw), b"~")
            assert len(placeholder) == len(raw)
            placeholders.append((placeholder, raw))
            archive.writestr(placeholder.decode(), data)
    out = buffer.getvalue()
    for placeholder, raw in placeholders:
        assert out.count(placeholder) == 2  # local and central header
        out = out.replace(placeholder, raw)
    return out


def flags(data: bytes) -> list[int]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [info.flag_bits for info in archive.infolist()]


def patch_headers(
    data: bytes, member_index: int, central_offset: int, local_offset: int, value: bytes
) -> bytes:
    """Overwrite a field of one member in both its central and its local header."""
    out = bytearray(data)
    central = -1
    for _ in range(member_index + 1):
        central = out.index(b"PK\x01\x02", central + 1)
    out[central + central_offset : central + central_offset + len(value)] = value
    (local,) = struct.unpack("<I", out[central + 42 : central + 46])
    if local_offset >= 0:
        out[local + local_offset : local + local_offset + len(value)] = value
    return bytes(out)


def reasons(error: pytest.ExceptionInfo[ImportInputError]) -> tuple[str, str, str]:
    return error.value.file, error.value.locator, error.value.reason


CHAT = b"18/03/2022, 15:10 - Dmitry S: Hello\n"


# --- plain files, zips and folders ---------------------------------------------------------------


def test_plain_file_is_a_source_with_data_and_no_container(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(CHAT)

    source = open_path(path)

    assert (source.name, source.data, source.container) == ("chat.txt", CHAT, None)
    assert dict(source.members) == {}


def test_zip_is_recognised_by_content_and_opened_as_a_container(tmp_path: Path) -> None:
    data = make_zip([("_chat.txt", CHAT), ("media/IMG-1.jpg", b"\xff\xd8jpeg")])
    path = tmp_path / "export.bin"  # the extension does not matter
    path.write_bytes(data)

    source = open_path(path)

    assert source.name == "export.bin"
    assert source.container == "export.bin"
    assert source.data == b""
    assert list(source.member_names()) == ["_chat.txt", "media/IMG-1.jpg"]
    assert source.read_member("media/IMG-1.jpg") == b"\xff\xd8jpeg"
    with pytest.raises(KeyError):
        source.read_member("absent.jpg")


def test_select_main_keeps_every_member_reachable() -> None:
    source = open_zip("chat.zip", make_zip([("_chat.txt", CHAT), ("a.jpg", b"A")]))

    main = select_main(source, "_chat.txt")

    assert (main.name, main.data, main.container) == ("_chat.txt", CHAT, "chat.zip")
    assert main.has_member("a.jpg")
    assert main.read_member("a.jpg") == b"A"
    with pytest.raises(ImportInputError) as error:
        select_main(source, "missing.txt")
    assert reasons(error) == ("chat.zip", "missing.txt", "no such member")


def test_container_source_for_and_sizes() -> None:
    container = open_container("c.zip", make_zip([("_chat.txt", CHAT), ("dir/", b"")]))

    assert container.kind == "zip"
    assert dict(container.sizes) == {"_chat.txt": len(CHAT)}  # directory entries are skipped
    assert container.source_for("_chat.txt").data == CHAT
    assert container.source().data == b""


def test_empty_zip_is_an_empty_container() -> None:
    source = open_zip("empty.zip", make_zip([]))
    assert list(source.member_names()) == []


def test_stored_bzip2_and_lzma_members_are_read() -> None:
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        source = open_zip("m.zip", make_zip([("_chat.txt", CHAT)], method))
        assert source.read_member("_chat.txt") == CHAT


def test_member_names_without_the_utf8_flag_are_read_as_utf8() -> None:
    data = make_zip([("与张伟的 WhatsApp 聊天.txt", CHAT)])
    data = patch_headers(data, 0, 8, 6, struct.pack("<H", 0))  # clear the UTF-8 flag (bit 11)

    source = open_zip("zh.zip", data)

    assert list(source.member_names()) == ["与张伟的 WhatsApp 聊天.txt"]


WECHAT_NAMES = ["微信聊天记录/聊天.txt", "微信聊天记录/图片/照片 1.jpg", "微信聊天记录/表.txt"]


def test_gbk_names_without_the_utf8_flag_are_read_as_gb18030() -> None:
    data = make_zip_encoded([(n, CHAT) for n in WECHAT_NAMES], "gbk")
    assert all(not f & 0x800 for f in flags(data))

    source = open_zip("微信.zip", data)

    assert list(source.member_names()) == sorted(WECHAT_NAMES)
    assert source.name_encoding == "gb18030"
    assert source.read_member("微信聊天记录/聊天.txt") == CHAT
    # the main file chosen keeps saying how the names were read
    assert select_main(source, "微信聊天记录/聊天.txt").name_encoding == "gb18030"


def test_gb18030_names_beyond_gbk_are_read() -> None:
    names = ["聊天/𠀀字.txt", "聊天/€.txt"]  # four-byte GB18030 sequences
    source = open_zip("x.zip", make_zip_encoded([(n, CHAT) for n in names], "gb18030"))
    assert (sorted(source.member_names()), source.name_encoding) == (sorted(names), "gb18030")


def test_a_gbk_second_byte_0x5c_is_not_a_path_separator() -> None:
    name = "聊天/嘰嘰.txt"  # 嘰 is 0x87 0x5C in GBK: its second byte is a backslash
    assert "嘰".encode("gbk") == b"\x87\\"
    source = open_zip("x.zip", make_zip_encoded([(name, CHAT)], "gbk"))
    assert list(source.member_names()) == [name]


@pytest.mark.parametrize(
    ("names", "encoding", "expected_names", "expected"),
    [
        # valid UTF-8 wins even though the same bytes are valid GB18030 ("浣犲ソ")
        (["你好.txt"], "utf-8", ["你好.txt"], "utf-8"),
        # GBK bytes that happen to be valid UTF-8 alone (茅 = C3 A9 = "é") are read as UTF-8 ...
        (["茅.txt"], "gbk", ["é.txt"], "utf-8"),
        # ... but one sibling that is not valid UTF-8 makes the whole archive GB18030
        (["茅.txt", "聊天.txt"], "gbk", ["茅.txt", "聊天.txt"], "gb18030"),
        (["plain.txt"], "ascii", ["plain.txt"], "utf-8"),
    ],
)
def test_the_name_rule_decides_ambiguous_bytes(
    names: list[str], encoding: str, expected_names: list[str], expected: str
) -> None:
    source = open_zip("x.zip", make_zip_encoded([(n, CHAT) for n in names], encoding))
    assert sorted(source.member_names()) == sorted(expected_names)
    assert source.name_encoding == expected


def test_names_neither_utf8_nor_gb18030_fall_back_to_cp437() -> None:
    data = make_zip_encoded([("ab.txt", CHAT)], "ascii").replace(b"ab.txt", b"a\xff.txt")
    source = open_zip("x.zip", data)
    assert list(source.member_names()) == ["a\xa0.txt"]  # 0xFF is NBSP in cp437
    assert source.name_encoding == "cp437"


def test_flagged_names_are_utf8_whatever_the_others_are() -> None:
    data = make_zip([("~~~~.txt", CHAT), ("图片.jpg", b"jpeg")])  # the second one flagged
    data = data.replace(b"~~~~.txt", "聊天.txt".encode("gbk"))
    assert flags(data)[0] & 0x800 == 0 and flags(data)[1] & 0x800
    source = open_zip("x.zip", data)
    assert sorted(source.member_names()) == ["图片.jpg", "聊天.txt"]
    assert source.name_encoding == "gb18030"


def test_legacy_names_read_gbk_as_before() -> None:
    data = make_zip_encoded([("聊天.txt", CHAT)], "gbk")
    source = open_zip("x.zip", data, legacy_names=True)
    assert list(source.member_names()) == ["┴─╠∞.txt"]
    assert source.name_encoding is None


def test_folder_members_are_relative_posix_paths(tmp_path: Path) -> None:
    root = tmp_path / "WhatsApp Chat - Anna"
    (root / "media").mkdir(parents=True)
    (root / "_chat.txt").write_bytes(CHAT)
    (root / "media" / "IMG-1.jpg").write_bytes(b"jpeg")

    source = open_path(root)

    assert source.name == "WhatsApp Chat - Anna"
    assert source.container == "WhatsApp Chat - Anna"
    assert source.data == b""
    assert list(source.member_names()) == ["_chat.txt", "media/IMG-1.jpg"]
    assert source.read_member("media/IMG-1.jpg") == b"jpeg"
    assert open_folder(root).kind == "folder"


def test_folder_symlink_inside_is_followed_outside_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    (root / "_chat.txt").write_bytes(CHAT)
    (root / "alias.txt").symlink_to(root / "_chat.txt")
    assert open_path(root).read_member("alias.txt") == CHAT

    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"secret")
    (root / "escape.txt").symlink_to(secret)
    with pytest.raises(ImportInputError) as error:
        open_path(root)
    assert reasons(error) == ("export", "escape.txt", "symbolic link points outside the folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
def test_folder_with_a_fifo_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    os.mkfifo(root / "pipe")
    with pytest.raises(ImportInputError) as error:
        open_path(root)
    assert reasons(error) == ("export", "pipe", "not a regular file")


def test_folder_caps(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    for index in range(4):
        (root / f"{index}.txt").write_bytes(b"x" * 10)

    with pytest.raises(ImportInputError, match="more than 3 files"):
        open_folder(root, ArchiveLimits(max_members=3))
    with pytest.raises(ImportInputError, match="total size exceeds"):
        open_folder(root, ArchiveLimits(max_total_bytes=35))
    with pytest.raises(ImportInputError, match="above the cap of 5"):
        open_folder(root, ArchiveLimits(max_member_bytes=5))


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportInputError, match="cannot open"):
        open_path(tmp_path / "nothing.zip")


def test_oversized_plain_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 100)
    with pytest.raises(ImportInputError, match="above the cap of 50"):
        open_path(path, ArchiveLimits(max_total_bytes=50))


def test_is_zip_and_nested_names() -> None:
    assert is_zip(make_zip([("a", b"a")]))
    assert is_zip(make_zip([]))
    assert not is_zip(CHAT)
    assert is_nested_archive_name("inner/Export.ZIP")
    assert is_nested_archive_name("x.tar.gz")
    assert not is_nested_archive_name("IMG-1.jpg")


# --- zip slip ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/passwd", "unsafe member path (absolute)"),
        ("\\windows\\system.ini", "unsafe member path (absolute)"),
        ("C:\\evil.txt", "unsafe member path (drive letter)"),
        ("c:/evil.txt", "unsafe member path (drive letter)"),
        ("../evil.txt", "unsafe member path (parent directory '..')"),
        ("media/../../evil.txt", "unsafe member path (parent directory '..')"),
        ("media\\..\\..\\evil.txt", "unsafe member path (parent directory '..')"),
        ("../", "unsafe member path (parent directory '..')"),
    ],
)
def test_zip_slip_is_refused(name: str, reason: str) -> None:
    data = make_zip_raw_names([("_chat.txt", CHAT), (name, b"payload")])
    with pytest.raises(ImportInputError) as error:
        open_zip("evil.zip", data)
    assert reasons(error) == ("evil.zip", name, reason)


def test_backslash_separators_are_normalised_not_refused() -> None:
    source = open_zip("win.zip", make_zip_raw_names([("media\\IMG-1.jpg", b"jpeg")]))
    assert list(source.member_names()) == ["media/IMG-1.jpg"]


def test_duplicate_member_names_are_refused() -> None:
    buffer = io.BytesIO()
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(buffer, "w") as archive,
    ):
        archive.writestr("_chat.txt", CHAT)
        archive.writestr("_chat.txt", b"forged")
    with pytest.raises(ImportInputError) as error:
        open_zip("dup.zip", buffer.getvalue())
    assert reasons(error) == ("dup.zip", "_chat.txt", "duplicate member name")


def test_names_equal_after_normalisation_are_duplicates() -> None:
    data = make_zip_raw_names([("media/a.jpg", b"1"), ("media\\a.jpg", b"2")])
    with pytest.raises(ImportInputError, match="duplicate member name"):
        open_zip("dup.zip", data)


# --- zip bombs and caps --------------------------------------------------------------------------


def test_high_compression_ratio_member_is_refused() -> None:
    data = make_zip([("_chat.txt", CHAT), ("bomb.bin", b"\0" * (4 * MIB))])
    with pytest.raises(ImportInputError) as error:
        open_zip("bomb.zip", data)
    file, member, reason = reasons(error)
    assert (file, member) == ("bomb.zip", "bomb.bin")
    assert reason.startswith("compression ratio ") and "exceeds 200:1" in reason


def test_small_members_may_compress_well() -> None:
    source = open_zip("ok.zip", make_zip([("zeros.bin", b"\0" * (MIB // 2))]))
    assert source.read_member("zeros.bin") == b"\0" * (MIB // 2)


def test_total_size_cap() -> None:
    data = make_zip([("a.bin", b"a" * 600), ("b.bin", b"b" * 600)], zipfile.ZIP_STORED)
    with pytest.raises(ImportInputError) as error:
        open_zip("big.zip", data, ArchiveLimits(max_total_bytes=1000))
    assert error.value.locator == "b.bin"
    assert "total uncompressed size exceeds the cap of 1000 bytes" in error.value.reason


def test_member_size_cap() -> None:
    data = make_zip([("a.bin", b"a" * 600)], zipfile.ZIP_STORED)
    with pytest.raises(ImportInputError, match="member is 600 bytes, above the cap of 500"):
        open_zip("big.zip", data, ArchiveLimits(max_member_bytes=500))


def test_member_count_cap() -> None:
    data = make_zip([(f"{index}.txt", b"x") for index in range(5)])
    with pytest.raises(ImportInputError, match="5 members, above the cap of 4"):
        open_zip("many.zip", data, ArchiveLimits(max_members=4))


def test_member_larger_than_its_header_is_refused_while_reading() -> None:
    payload = b"A" * 5000
    data = make_zip([("_chat.txt", payload)], zipfile.ZIP_DEFLATED)
    # Lie in both headers: declare 100 uncompressed bytes.
    data = patch_headers(data, 0, 24, 22, struct.pack("<I", 100))

    source = open_zip("liar.zip", data)  # the declared sizes pass every check

    with pytest.raises(ImportInputError) as error:
        source.read_member("_chat.txt")
    assert (error.value.file, error.value.locator) == ("liar.zip", "_chat.txt")


def test_member_smaller_than_its_header_is_refused_while_reading() -> None:
    data = make_zip([("_chat.txt", b"A" * 50)], zipfile.ZIP_STORED)
    data = patch_headers(data, 0, 24, 22, struct.pack("<I", 80))
    source = open_zip("liar.zip", data)
    with pytest.raises(ImportInputError):
        source.read_member("_chat.txt")


def test_overlapping_members_are_refused() -> None:
    data = make_zip([("a.txt", b"A" * 100), ("b.txt", b"B" * 100)], zipfile.ZIP_STORED)
    data = patch_headers(data, 1, 42, -1, struct.pack("<I", 0))  # b's data offset -> a's
    with pytest.raises(ImportInputError, match="overlapping members"):
        open_zip("overlap.zip", data)


# --- nested archives -----------------------------------------------------------------------------


def test_nested_zip_is_kept_opaque_and_reported() -> None:
    inner = make_zip([("_chat.txt", CHAT)])
    container = open_container(
        "outer.zip", make_zip([("_chat.txt", CHAT), ("00000046-archive.zip", inner)])
    )

    assert container.nested_archives == ("00000046-archive.zip",)
    assert container.members["00000046-archive.zip"]() == inner  # bytes, never opened


def test_zip_holding_only_a_zip_is_refused() -> None:
    inner = make_zip([("_chat.txt", CHAT)])
    with pytest.raises(ImportInputError) as error:
        open_zip("rezipped.zip", make_zip([("WhatsApp Chat - Anna.zip", inner)]))
    assert error.value.locator == "WhatsApp Chat - Anna.zip"
    assert "not opened recursively" in error.value.reason


def test_nested_archives_can_be_refused_outright() -> None:
    data = make_zip([("_chat.txt", CHAT), ("x.zip", make_zip([]))])
    with pytest.raises(ImportInputError, match="nested archive"):
        open_zip("outer.zip", data, ArchiveLimits(refuse_nested=True))


# --- encrypted, unsupported, corrupt -------------------------------------------------------------


def test_encrypted_member_is_refused() -> None:
    data = make_zip([("_chat.txt", CHAT)])
    data = patch_headers(data, 0, 8, 6, struct.pack("<H", 0x1))
    with pytest.raises(ImportInputError) as error:
        open_zip("locked.zip", data)
    assert reasons(error) == ("locked.zip", "_chat.txt", "encrypted member; cannot be read")


def test_unsupported_compression_method_is_refused() -> None:
    data = make_zip([("_chat.txt", CHAT)])
    data = patch_headers(data, 0, 10, 8, struct.pack("<H", 99))
    with pytest.raises(ImportInputError, match="unsupported compression method 99"):
        open_zip("odd.zip", data)


def test_symlink_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link")
        info.external_attr = (0o120777 << 16) | 0x20
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(ImportInputError, match="symbolic link member"):
        open_zip("link.zip", buffer.getvalue())


@pytest.mark.parametrize("cut", [10, 40, 100])
def test_truncated_zip_is_refused(cut: int) -> None:
    data = make_zip([("_chat.txt", CHAT * 20), ("b.txt", b"b" * 200)])
    with pytest.raises(ImportInputError) as error:
        open_zip("cut.zip", data[:-cut])
    assert error.value.file == "cut.zip"


def test_zip_cut_before_member_data_ends_is_refused() -> None:
    data = make_zip([("_chat.txt", CHAT * 50)], zipfile.ZIP_STORED)
    central = data.index(b"PK\x01\x02")
    # Keep the central directory but drop part of the member data before it.
    broken = data[: central - 30] + data[central:]
    with pytest.raises(ImportInputError):
        open_zip("cut.zip", broken)


def test_corrupt_member_data_fails_when_read() -> None:
    payload = bytes(range(256)) * 40
    data = bytearray(make_zip([("_chat.txt", payload)], zipfile.ZIP_DEFLATED))
    start = 30 + len("_chat.txt")
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0x5A
    source = open_zip("bad.zip", bytes(data))
    with pytest.raises(ImportInputError) as error:
        source.read_member("_chat.txt")
    assert (error.value.file, error.value.locator) == ("bad.zip", "_chat.txt")


def test_garbage_is_not_a_zip() -> None:
    with pytest.raises(ImportInputError, match="not a readable zip"):
        open_zip("x.zip", b"PK\x03\x04" + b"\x00" * 100)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=600))
def test_any_bytes_only_raise_import_input_error(data: bytes, cut: int) -> None:
    candidates = [data, make_zip([("_chat.txt", data)])[:cut] + data]
    for blob in candidates:
        try:
            source = open_zip("fuzz.zip", blob)
            for member in source.member_names():
                source.read_member(member)
        except ImportInputError:
            pass


@settings(max_examples=150, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=10_000),
    value=st.integers(min_value=0, max_value=255),
)
def test_flipped_bytes_in_a_zip_only_raise_import_input_error(position: int, value: int) -> None:
    base = make_zip([("_chat.txt", CHAT * 30), ("IMG-1.jpg", bytes(range(256)) * 3)])
    blob = bytearray(base)
    blob[position % len(blob)] = value
    try:
        source = open_zip("fuzz.zip", bytes(blob))
        for member in source.member_names():
            source.read_member(member)
    except ImportInputError:
        pass


# -- large recordings are mapped, never read whole -------------------------------------------


def _long_wav(path: Path, seconds: int) -> bytes:
    import math
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        tone = b"".join(
            int(900 * math.sin(n / 5)).to_bytes(2, "little", signed=True) for n in range(8000)
        )
        out.writeframes(tone * seconds)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_a_large_recording_is_mapped_and_described_without_reading_it(tmp_path: Path) -> None:
    import tracemalloc

    from evidence_desk.importers import registry
    from evidence_desk.importers.base import MAPPED_HEAD
    from evidence_desk.importers.recordings import ParsedRecording, parse_recording

    path = tmp_path / "visit.wav"
    data = _long_wav(path, seconds=600)  # 9.6 MB
    assert len(data) > MAP_ABOVE

    registry.parse(open_path(path), "Asia/Shanghai")  # modules loaded, caches warm
    tracemalloc.start()
    try:
        source = open_path(path)
        parsed = registry.parse(source, "Asia/Shanghai")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert source.mapped is not None and len(source.mapped) == len(data)
    assert source.data == data[:MAPPED_HEAD]
    assert peak < 1 * MIB  # the head and the description; never the 9.6 MB
    assert isinstance(parsed, ParsedRecording)
    assert parsed.as_json() == parse_recording(path.name, data, "Asia/Shanghai").as_json()


def test_a_large_file_that_is_no_recording_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"01/01/2024, 08:00 - A: hello\n" * (MAP_ABOVE // 28 + 1))
    source = open_path(path)
    assert source.mapped is None and source.data == path.read_bytes()
