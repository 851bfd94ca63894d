"""Screenshots and photos: metadata, thumbnail, and refusing anything that is not a whole image.

Every fixture is generated here with Pillow; nothing is read from disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import struct
import time
import zlib
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms

from evidence_desk.domain import wording
from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import images, legacy
from evidence_desk.importers.base import ExportSource
from evidence_desk.importers.images import (
    IMPORTER,
    MAX_PIXELS,
    THUMBNAIL_MAX,
    ParsedImage,
    detect_image,
    parse_image,
    unsupported_image_reason,
)

RED = (220, 20, 20)
BLUE = (20, 20, 220)


# --- fixture builders ------------------------------------------------------------------------


def _encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, format=fmt, **options)
    return out.getvalue()


def _two_tone(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue: shows where the left edge ends up after rotation."""
    im = Image.new("RGB", size, RED)
    im.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return im


def _noise(size: tuple[int, int], seed: int = 1) -> Image.Image:
    pixels = random.Random(seed).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, pixels)


def _exif(
    *,
    orientation: int | None = None,
    taken: str | None = None,
    offset: str | None = None,
    gps: bool = False,
) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13"
    exif[0x0131] = "17.1.2"
    if orientation is not None:
        exif[0x0112] = orientation
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    if taken is not None:
        sub[0x9003] = taken
    if offset is not None:
        sub[0x9011] = offset
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[1] = "N"
        gps_ifd[2] = (22.0, 32.0, 10.5)
        gps_ifd[3] = "E"
        gps_ifd[4] = (114.0, 3.0, 0.0)
    return exif


def _jpeg(
    size: tuple[int, int] = (640, 320),
    *,
    orientation: int | None = None,
    taken: str | None = None,
    offset: str | None = None,
    gps: bool = False,
) -> bytes:
    exif = _exif(orientation=orientation, taken=taken, offset=offset, gps=gps)
    return _encode(_two_tone(size), "JPEG", quality=90, exif=exif)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` with a few bytes of pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk_types(data: bytes) -> list[bytes]:
    kinds = []
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


SMALL_PNG = _encode(_two_tone((40, 30)), "PNG")
SMALL_JPEG = _encode(
    _two_tone((40, 30)), "JPEG", exif=_exif(orientation=6, taken="2024:03:05 14:30:00")
)
SMALL_WEBP = _encode(_two_tone((40, 30)), "WEBP", lossless=True)


# --- reading ---------------------------------------------------------------------------------


def test_png_gives_format_dimensions_and_mode() -> None:
    data = _encode(_two_tone((200, 100)), "PNG")

    parsed = parse_image("Screenshot_20240305.png", data, "Asia/Shanghai")

    assert parsed.format_name == "image"
    assert parsed.image_format == "PNG"
    assert (parsed.width, parsed.height) == (200, 100)
    assert parsed.mode == "RGB"
    assert parsed.frames == 1
    assert parsed.detection_reason == "PNG image (file signature)"
    assert parsed.exif_datetime_original is None
    assert parsed.taken_at_utc is None
    assert parsed.gps_present is False
    assert parsed.problems == ()


def test_jpeg_exif_fields_are_read() -> None:
    data = _jpeg(orientation=6, taken="2024:03:05 14:30:00", offset="+08:00")

    parsed = parse_image("IMG_0001.JPG", data, "Asia/Shanghai")

    assert parsed.image_format == "JPEG"
    assert (parsed.width, parsed.height) == (640, 320)  # stored size, before orientation
    assert parsed.make == "Apple"
    assert parsed.model == "iPhone 13"
    assert parsed.software == "17.1.2"
    assert parsed.orientation == 6
    assert parsed.exif_datetime_original == "2024:03:05 14:30:00"
    assert parsed.exif_offset == "+08:00"
    assert parsed.taken_at_utc == datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
    assert parsed.time_basis == "EXIF offset +08:00"
    assert parsed.problems == ()


def test_exif_time_without_offset_is_read_in_the_given_zone() -> None:
    parsed = parse_image("a.jpg", _jpeg(taken="2024:03:05 14:30:00"), "Europe/Berlin")

    assert parsed.exif_offset is None
    assert parsed.taken_at_utc == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert parsed.time_basis == "local time in Europe/Berlin (no offset in EXIF)"


def test_the_time_basis_is_sealed_as_code_and_facts_and_old_imports_keep_their_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sealed bytes hold no sentence, also for the time basis; an image sealed by parser version
    1 (which sealed the basis as English) is rebuilt with that English even after the template
    is reworded."""
    stated = parse_image("a.jpg", _jpeg(taken="2024:03:05 14:30:00", offset="+08:00"), "UTC")
    local = parse_image("b.jpg", _jpeg(taken="2024:03:05 14:30:00"), "Europe/Berlin")
    assert stated.as_json()["time_basis"] == {
        "code": "image.basis_offset",
        "facts": {"offset": "+08:00"},
    }
    assert local.as_json()["time_basis"] == {
        "code": "image.basis_local",
        "facts": {"zone": "Europe/Berlin"},
    }
    for code in ("image.basis_offset", "image.basis_local"):
        new = "reworded: " + str(wording.template(code))
        monkeypatch.setitem(wording._TEMPLATES, code, new)
        monkeypatch.setitem(images._said._templates, code, new)
    reworded = parse_image("b.jpg", _jpeg(taken="2024:03:05 14:30:00"), "Europe/Berlin")
    assert reworded.time_basis == "reworded: local time in Europe/Berlin (no offset in EXIF)"
    old = legacy.as_recorded(reworded, "1")
    assert isinstance(old, dict)
    assert old["time_basis"] == "local time in Europe/Berlin (no offset in EXIF)"
    assert reworded.as_json()["time_basis"] == local.as_json()["time_basis"]


def test_exif_offset_that_disagrees_with_the_zone_is_used_and_reported() -> None:
    data = _jpeg(taken="2024:03:05 14:30:00", offset="+08:00")

    parsed = parse_image("a.jpg", data, "Europe/Berlin")

    assert parsed.taken_at_utc == datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
    assert [p.locator for p in parsed.problems] == ["EXIF DateTimeOriginal"]
    assert "differs from Europe/Berlin" in parsed.problems[0].reason


def test_exif_time_in_a_dst_gap_is_flagged() -> None:
    parsed = parse_image("a.jpg", _jpeg(taken="2024:03:31 02:30:00"), "Europe/Berlin")

    assert parsed.taken_at_utc is not None
    assert any("does not exist" in p.reason for p in parsed.problems)


def test_exif_time_in_a_dst_overlap_is_flagged_and_the_first_is_used() -> None:
    parsed = parse_image("a.jpg", _jpeg(taken="2024:10:27 02:30:00"), "Europe/Berlin")

    assert parsed.taken_at_utc == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # CEST, +02:00
    assert any("occurs twice" in p.reason for p in parsed.problems)


def test_invalid_exif_date_is_a_problem_not_a_failure() -> None:
    parsed = parse_image("a.jpg", _jpeg(taken="0000:00:00 00:00:00"), "UTC")

    assert parsed.exif_datetime_original == "0000:00:00 00:00:00"
    assert parsed.taken_at_utc is None
    assert parsed.problems[0].locator == "EXIF DateTimeOriginal"


def test_webp_is_read() -> None:
    data = _encode(
        _two_tone((50, 40)), "WEBP", lossless=True, exif=_exif(taken="2024:01:02 03:04:05")
    )

    parsed = parse_image("sticker.webp", data, "UTC")

    assert parsed.image_format == "WEBP"
    assert (parsed.width, parsed.height) == (50, 40)
    assert parsed.make == "Apple"
    assert parsed.taken_at_utc == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_gps_is_kept_but_marked_sensitive() -> None:
    parsed = parse_image("a.jpg", _jpeg(gps=True), "UTC")

    assert parsed.gps_present is True
    assert parsed.gps is not None
    assert parsed.gps.latitude == pytest.approx(22.5362, abs=1e-4)
    assert parsed.gps.longitude == pytest.approx(114.05, abs=1e-4)
    assert "22.53" not in repr(parsed)
    assert "22.53" not in repr(parsed.gps)
    assert "gps" not in json.dumps(parsed.as_json()).replace("gps_present", "")


def test_as_json_is_plain_and_leaves_out_the_thumbnail() -> None:
    parsed = parse_image("a.jpg", _jpeg(taken="2024:03:05 14:30:00"), "UTC")

    doc = parsed.as_json()

    assert json.loads(json.dumps(doc)) == doc
    assert doc["taken_at_utc"] == "2024-03-05T14:30:00+00:00"
    assert "thumbnail_png" not in doc


def test_animated_png_reports_its_frames() -> None:
    frames = [_two_tone((30, 20)), Image.new("RGB", (30, 20), BLUE)]
    data = _encode(frames[0], "PNG", save_all=True, append_images=frames[1:])

    parsed = parse_image("anim.png", data, "UTC")

    assert parsed.frames == 2
    assert any(p.locator == "frames" for p in parsed.problems)


def test_png_named_jpg_is_read_with_a_problem() -> None:
    parsed = parse_image("wechat_save.jpg", SMALL_PNG, "UTC")

    assert parsed.image_format == "PNG"
    assert "file name says JPEG" in parsed.detection_reason
    assert [p.locator for p in parsed.problems] == ["file name"]


def test_bytes_after_the_png_end_are_reported() -> None:
    parsed = parse_image("a.png", SMALL_PNG + b"PK\x03\x04hidden", "UTC")

    assert any(p.locator == "file end" and "10 bytes" in p.reason for p in parsed.problems)


# --- thumbnail -------------------------------------------------------------------------------


def test_thumbnail_is_upright_and_fits_the_box() -> None:
    parsed = parse_image("a.jpg", _jpeg((640, 320), orientation=6), "UTC")

    thumb = Image.open(io.BytesIO(parsed.thumbnail_png))
    assert thumb.format == "PNG"
    assert thumb.size == (160, 320)  # rotated to portrait, longest side THUMBNAIL_MAX
    assert (parsed.thumbnail_width, parsed.thumbnail_height) == thumb.size
    # Orientation 6 = rotate 90 degrees clockwise: the stored left (red) edge becomes the top.
    top = thumb.convert("RGB").getpixel((80, 5))
    bottom = thumb.convert("RGB").getpixel((80, 314))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 150 and top[2] < 100
    assert bottom[2] > 150 and bottom[0] < 100


def test_thumbnail_never_upscales() -> None:
    parsed = parse_image("a.png", SMALL_PNG, "UTC")

    assert (parsed.thumbnail_width, parsed.thumbnail_height) == (40, 30)


def test_thumbnail_keeps_transparency() -> None:
    data = _encode(Image.new("RGBA", (600, 300), (0, 0, 0, 0)), "PNG")

    parsed = parse_image("a.png", data, "UTC")

    thumb = Image.open(io.BytesIO(parsed.thumbnail_png))
    assert thumb.mode == "RGBA"
    assert thumb.size == (THUMBNAIL_MAX, 160)


def test_thumbnail_bytes_are_deterministic_and_carry_no_metadata() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = _encode(
        _noise((700, 500)),
        "JPEG",
        exif=_exif(orientation=3, taken="2024:03:05 14:30:00"),
        icc_profile=icc,
    )

    first = parse_image("a.jpg", data, "UTC").thumbnail_png
    second = parse_image("b.jpg", bytes(data), "Asia/Shanghai").thumbnail_png

    assert first == second
    assert _png_chunk_types(first) == [b"IHDR"] + [b"IDAT"] * (
        _png_chunk_types(first).count(b"IDAT")
    ) + [b"IEND"]


def test_the_original_bytes_are_untouched() -> None:
    data = _jpeg(orientation=6, taken="2024:03:05 14:30:00", gps=True)
    before = hashlib.sha256(data).hexdigest()

    parse_image("a.jpg", data, "UTC")

    assert hashlib.sha256(data).hexdigest() == before


# --- refusals --------------------------------------------------------------------------------


def test_decompression_bomb_header_is_refused_quickly() -> None:
    data = _png_header_only(50_000, 50_000)
    started = time.monotonic()

    with pytest.raises(ImportInputError) as caught:
        parse_image("bomb.png", data, "UTC")

    assert time.monotonic() - started < 2.0
    assert caught.value.file == "bomb.png"
    assert "limit" in caught.value.reason


def test_image_over_our_cap_is_refused_even_below_pillows_hard_limit() -> None:
    # 110 MP: Pillow's own check only warns here (its hard limit is ~179 MP); ours refuses.
    assert MAX_PIXELS < 11_000 * 10_000
    with pytest.raises(ImportInputError, match="more than the limit"):
        parse_image("big.png", _png_header_only(11_000, 10_000), "UTC")


def test_pixel_cap_holds_when_pillows_global_limit_is_switched_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)

    with pytest.raises(ImportInputError, match="limit"):
        parse_image("bomb.png", _png_header_only(50_000, 50_000), "UTC")


def test_truncated_jpeg_is_refused() -> None:
    data = _encode(_noise((256, 256)), "JPEG", quality=95)

    with pytest.raises(ImportInputError) as caught:
        parse_image("cut.jpg", data[: len(data) * 6 // 10], "UTC")

    assert caught.value.file == "cut.jpg"
    assert "cannot decode the JPEG image" in caught.value.reason


def test_truncated_png_is_refused() -> None:
    data = _encode(_noise((128, 128)), "PNG")

    with pytest.raises(ImportInputError, match="cannot decode the PNG image"):
        parse_image("cut.png", data[: len(data) // 2], "UTC")


def test_junk_with_an_image_extension_is_refused() -> None:
    with pytest.raises(ImportInputError) as caught:
        parse_image("photo.png", b"%PDF-1.7 this is not a picture", "UTC")

    assert caught.value.locator == "byte 0"
    assert "file name says PNG" in caught.value.reason


def test_empty_file_is_refused() -> None:
    with pytest.raises(ImportInputError, match="empty file"):
        parse_image("empty.jpg", b"", "UTC")


def test_heic_is_refused_with_advice() -> None:
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64

    assert detect_image("IMG_0001.HEIC", data) is None
    assert unsupported_image_reason("IMG_0001.HEIC", data) is not None
    with pytest.raises(ImportInputError, match="HEIC/HEIF images are not supported"):
        parse_image("IMG_0001.HEIC", data, "UTC")


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ImportInputError, match="unknown IANA time zone"):
        parse_image("a.png", SMALL_PNG, "Mars/Olympus_Mons")


# --- detection and the importer object -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [(SMALL_PNG, "PNG"), (SMALL_JPEG, "JPEG"), (SMALL_WEBP, "WEBP")],
)
def test_detect_by_signature(data: bytes, expected: str) -> None:
    reason = detect_image("whatever.bin", data)

    assert reason is not None and reason.startswith(expected)


@pytest.mark.parametrize(
    "data", [b"", b"\x89PN", b"RIFF\x00\x00\x00\x00WAVE", "时间,发送人\n".encode(), b"GIF89a"]
)
def test_detect_says_no_to_other_content(data: bytes) -> None:
    assert detect_image("x.png", data) is None


def test_importer_object_works_on_an_export_source() -> None:
    source = ExportSource(name="shot.png", data=SMALL_PNG)

    assert IMPORTER.name == "image"
    assert IMPORTER.detect(source) is not None
    assert isinstance(IMPORTER.parse(source, "UTC"), ParsedImage)
    assert IMPORTER.detect(ExportSource(name="chat.txt", data=b"hello")) is None


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.png", "a.jpg", "a.webp", "a"]))
def test_random_bytes_only_ever_raise_import_input_error(data: bytes, name: str) -> None:
    assert detect_image(name, data) is None or data[:1] in {b"\x89", b"\xff", b"R"}
    with contextlib.suppress(ImportInputError):
        parse_image(name, data, "UTC")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([SMALL_PNG, SMALL_JPEG, SMALL_WEBP]),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_mutated_images_only_ever_raise_import_input_error(
    base: bytes, edits: list[tuple[int, int]], cut: int | None
) -> None:
    mutated = bytearray(base)
    for position, value in edits:
        mutated[position % len(mutated)] = value
    if cut is not None:
        del mutated[cut % len(mutated) :]
    data = bytes(mutated)
    before = hashlib.sha256(data).digest()
    try:
        parsed = parse_image("m.img", data, "Europe/Berlin")
    except ImportInputError:
        pass
    else:
        assert parsed.width * parsed.height <= MAX_PIXELS
        assert Image.open(io.BytesIO(parsed.thumbnail_png)).size == (
            parsed.thumbnail_width,
            parsed.thumbnail_height,
        )
    assert hashlib.sha256(data).digest() == before
