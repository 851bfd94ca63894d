"""Recordings (CC-8): visits, calls and voice notes described from their own container structure.

Every fixture is assembled here, byte by byte with :mod:`struct` (or with :mod:`wave` for WAV);
nothing is read from disk except the optional shared corpus, and no sample is ever decoded.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import struct
import wave
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Phrase, codes, fact_names
from evidence_desk.importers import recordings
from evidence_desk.importers.base import ExportSource
from evidence_desk.importers.recordings import (
    CONTAINERS,
    IMPORTER,
    MAX_DEPTH,
    MAX_ELEMENTS,
    ParsedRecording,
    detect_recording,
    parse_recording,
)
from evidence_desk.integrity.canonical import canonical_bytes

TZ = "Asia/Shanghai"
# 2024-03-05 14:30:00 in Shanghai
RECORDED = datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
SINCE_1904 = int((RECORDED - datetime(1904, 1, 1, tzinfo=UTC)).total_seconds())


# --- ISO BMFF builders -----------------------------------------------------------------------


def box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind + body


def full(kind: bytes, version: int, *payload: bytes) -> bytes:
    return box(kind, bytes([version, 0, 0, 0]), *payload)


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    return box(b"ftyp", major, struct.pack(">I", 0x200), *(compatible or (major,)))


MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def mvhd(timescale: int, duration: int, created: int = SINCE_1904, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", created, created, timescale, duration)
    else:
        times = struct.pack(">IIII", created, created, timescale, duration)
    rest = struct.pack(">IH10x", 0x10000, 0x100) + MATRIX + bytes(24) + struct.pack(">I", 3)
    return full(b"mvhd", version, times, rest)


def tkhd(track_id: int, width: int = 0, height: int = 0) -> bytes:
    head = struct.pack(">IIIII", SINCE_1904, SINCE_1904, track_id, 0, 0)
    return full(
        b"tkhd", 0, head, bytes(8), struct.pack(">HHHH", 0, 0, 0, 0), MATRIX,
        struct.pack(">II", width << 16, height << 16),
    )  # fmt: skip


def mdhd(timescale: int, duration: int) -> bytes:
    return full(b"mdhd", 0, struct.pack(">IIIIHH", 0, 0, timescale, duration, 0x55C4, 0))


def hdlr(handler: bytes) -> bytes:
    return full(b"hdlr", 0, bytes(4), handler, bytes(12), b"\x00")


def video_entry(codec: bytes, width: int, height: int) -> bytes:
    return box(
        codec, bytes(6), struct.pack(">H", 1), bytes(16), struct.pack(">HH", width, height),
        struct.pack(">IIIH", 0x480000, 0x480000, 0, 1), bytes(32), struct.pack(">Hh", 24, -1),
    )  # fmt: skip


def sound_entry(codec: bytes, channels: int, rate: int) -> bytes:
    return box(
        codec, bytes(6), struct.pack(">H", 1), bytes(8),
        struct.pack(">HHHHI", channels, 16, 0, 0, rate << 16),
    )  # fmt: skip


def stsd(entry: bytes) -> bytes:
    return full(b"stsd", 0, struct.pack(">I", 1), entry)


def trak(track_id: int, handler: bytes, entry: bytes, timescale: int, duration: int,
         width: int = 0, height: int = 0) -> bytes:  # fmt: skip
    stbl = box(b"stbl", stsd(entry))
    return box(
        b"trak",
        tkhd(track_id, width, height),
        box(b"mdia", mdhd(timescale, duration), hdlr(handler), box(b"minf", stbl)),
    )


def qt_text(kind: bytes, text: str) -> bytes:
    raw = text.encode()
    return box(kind, struct.pack(">HH", len(raw), 0x55C4), raw)


def data_box(text: str) -> bytes:
    return box(b"data", struct.pack(">II", 1, 0), text.encode())


def mdta(items: dict[str, str]) -> bytes:
    keys = b"".join(box(b"mdta", name.encode()) for name in items)
    ilst = b"".join(
        box(struct.pack(">I", index), data_box(value))
        for index, value in enumerate(items.values(), start=1)
    )
    return box(
        b"meta",
        hdlr(b"mdta"),
        full(b"keys", 0, struct.pack(">I", len(items)), keys),
        box(b"ilst", ilst),
    )


def video_tracks() -> bytes:
    return trak(1, b"vide", video_entry(b"avc1", 1920, 1080), 90000, 90000 * 12, 1920, 1080) + trak(
        2, b"soun", sound_entry(b"mp4a", 2, 48000), 48000, 48000 * 12
    )


def mp4(*moov_extra: bytes, major: bytes = b"isom", moov_first: bool = True,
        tracks: bytes | None = None, header: bytes | None = None) -> bytes:  # fmt: skip
    moov = box(
        b"moov", header or mvhd(1000, 12_345), tracks if tracks is not None else video_tracks(),
        *moov_extra,
    )  # fmt: skip
    mdat = box(b"mdat", bytes(range(256)) * 4)
    head = ftyp(major, major, b"iso2", b"mp41")
    return head + (moov + mdat if moov_first else mdat + moov)


ANDROID = mdta({"com.android.version": "14", "com.android.manufacturer": "Xiaomi",
                "com.android.model": "23021RAA2Y"})  # fmt: skip
IPHONE = mdta(
    {
        "com.apple.quicktime.make": "Apple",
        "com.apple.quicktime.model": "iPhone 13",
        "com.apple.quicktime.software": "17.1.2",
        "com.apple.quicktime.creationdate": "2024-03-05T14:30:00+0800",
    }
)


# --- other containers ------------------------------------------------------------------------


def pcm_wav(seconds: float = 4, rate: int = 8000, channels: int = 1, width: int = 2) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(bytes(int(rate * seconds) * channels * width))
    return buffer.getvalue()


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


def with_chunks(wav: bytes, *chunks: bytes, before_data: bool = True) -> bytes:
    body = wav[12:]
    at = body.index(b"data") if before_data else len(body)
    body = body[:at] + b"".join(chunks) + body[at:]
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


def info_list(**fields: str) -> bytes:
    inner = b"".join(riff_chunk(k.encode(), v.encode() + b"\x00") for k, v in fields.items())
    return riff_chunk(b"LIST", b"INFO" + inner)


def bext(day: str, clock: str) -> bytes:
    payload = bytearray(602)
    payload[256:265] = b"ZOOM H4n"
    payload[320:330] = day.encode()
    payload[330:338] = clock.encode()
    return riff_chunk(b"bext", bytes(payload))


def syncsafe(n: int) -> bytes:
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def id3(major: int, frames: dict[str, str]) -> bytes:
    body = b""
    for name, value in frames.items():
        text = b"\x03" + value.encode()
        size = syncsafe(len(text)) if major == 4 else struct.pack(">I", len(text))
        body += name.encode() + size + b"\x00\x00" + text
    body += bytes(32)  # padding
    return b"ID3" + bytes([major, 0, 0]) + syncsafe(len(body)) + body


MP3_HEADER = b"\xff\xfb\x90\x00"  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz, stereo: 417 bytes
MP3_FRAME = 417


def mp3_frames(count: int, header: bytes = MP3_HEADER, length: int = MP3_FRAME) -> bytes:
    return (header + bytes(length - 4)) * count


def xing_frame(frames: int, audio_bytes: int) -> bytes:
    frame = bytearray(MP3_HEADER + bytes(MP3_FRAME - 4))
    frame[36:52] = b"Xing" + struct.pack(">III", 3, frames, audio_bytes)
    return bytes(frame)


def adts(frames: int, rate_index: int = 4, channels: int = 2, length: int = 200) -> bytes:
    header = bytes(
        [
            0xFF,
            0xF1,
            (1 << 6) | (rate_index << 2) | (channels >> 2),
            ((channels & 3) << 6) | (length >> 11),
            (length >> 3) & 0xFF,
            ((length & 7) << 5) | 0x1F,
            0xFC,
        ]
    )
    return (header + bytes(length - 7)) * frames


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_page(packets: list[bytes], granule: int, seq: int, kind: int = 0, serial: int = 7) -> bytes:
    lacing = b""
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes([len(packet) % 255])
    head = b"OggS" + struct.pack("<BBqIIIB", 0, kind, granule, serial, seq, 0, len(lacing))
    page = head + lacing + b"".join(packets)
    return page[:22] + struct.pack("<I", _ogg_crc(page)) + page[26:]


def vorbis_comments(vendor: str, **comments: str) -> bytes:
    body = struct.pack("<I", len(vendor.encode())) + vendor.encode()
    body += struct.pack("<I", len(comments))
    for key, value in comments.items():
        entry = f"{key}={value}".encode()
        body += struct.pack("<I", len(entry)) + entry
    return body


def opus(seconds: float = 5, pre_skip: int = 312, **comments: str) -> bytes:
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, pre_skip, 16000, 0, 0)
    tags = b"OpusTags" + vorbis_comments("libopus 1.3.1", **comments)
    end = pre_skip + round(48000 * seconds)
    return (
        ogg_page([head], 0, 0, kind=2)
        + ogg_page([tags], 0, 1)
        + ogg_page([bytes(40)] * 50, pre_skip + 48000, 2)
        + ogg_page([bytes(40)] * 10, end, 3, kind=4)
    )


def vorbis(seconds: float = 3) -> bytes:
    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 2, 44100, 0, 128000, 0, 0xB8, 1)
    comment = b"\x03vorbis" + vorbis_comments("Xiph.Org libVorbis I 20200704") + b"\x01"
    setup = b"\x05vorbis" + bytes(30)
    return (
        ogg_page([ident], 0, 0, kind=2)
        + ogg_page([comment, setup], 0, 1)
        + ogg_page([bytes(100)] * 3, round(44100 * seconds), 2, kind=4)
    )


def ebml_size(n: int) -> bytes:
    return bytes([0x80 | n]) if n < 0x7F else struct.pack(">Q", n | (1 << 56))


def element(eid: int, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return eid.to_bytes((eid.bit_length() + 7) // 8, "big") + ebml_size(len(body)) + body


def uint(eid: int, value: int) -> bytes:
    return element(eid, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


UNKNOWN = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def matroska(doctype: str = "webm", *, duration: float | None = 12_345.0,
             date_ns: int | None = None, sized: bool = False) -> bytes:  # fmt: skip
    header = element(0x1A45DFA3, uint(0x4286, 1), element(0x4282, doctype.encode()))
    info = [uint(0x2AD7B1, 1_000_000), element(0x4D80, b"Chrome"), element(0x5741, b"Chrome")]
    if duration is not None:
        info.append(element(0x4489, struct.pack(">d", duration)))
    if date_ns is not None:
        info.append(element(0x4461, struct.pack(">q", date_ns)))
    video = element(0xE0, uint(0xB0, 640), uint(0xBA, 480))
    audio = element(0xE1, element(0xB5, struct.pack(">f", 48000.0)), uint(0x9F, 2))
    tracks = element(
        0x1654AE6B,
        element(0xAE, uint(0xD7, 1), uint(0x83, 1), element(0x86, b"V_VP8"), video),
        element(0xAE, uint(0xD7, 2), uint(0x83, 2), element(0x86, b"A_OPUS"), audio),
    )
    cluster = b"\x1f\x43\xb6\x75" + UNKNOWN + uint(0xE7, 0) + element(0xA3, bytes(50))
    body = element(0x1549A966, *info) + tracks + cluster
    segment = element(0x18538067, body) if sized else b"\x18\x53\x80\x67" + UNKNOWN + body
    return header + segment


def flac(seconds: float = 10, rate: int = 44100, **comments: str) -> bytes:
    total = round(rate * seconds)
    bits = (rate << 44) | (1 << 41) | (15 << 36) | total
    info = struct.pack(">HH", 4096, 4096) + bytes(6) + bits.to_bytes(8, "big") + bytes(16)
    blocks = b"\x00" + len(info).to_bytes(3, "big") + info
    tags = vorbis_comments("reference libFLAC 1.4.3 20230623", **comments)
    blocks += b"\x84" + len(tags).to_bytes(3, "big") + tags
    return b"fLaC" + blocks + b"\xff\xf8\x69\x08" + bytes(100)


def amr(frames: int, wide: bool = False) -> bytes:
    if wide:
        return b"#!AMR-WB\n" + (b"\x44" + bytes(60)) * frames
    return b"#!AMR\n" + (b"\x3c" + bytes(31)) * frames


def silk(frames: int, terminator: bool = True, tencent: bool = True) -> bytes:
    body = b"".join(struct.pack("<H", 40 + i % 7) + bytes(40 + i % 7) for i in range(frames))
    magic = b"\x02#!SILK_V3" if tencent else b"#!SILK_V3"
    return magic + body + (b"\xff\xff" if terminator else b"")


# --- ISO BMFF --------------------------------------------------------------------------------


def test_mp4_video_with_android_keys() -> None:
    data = mp4(ANDROID)
    parsed = parse_recording("VID_20240305_143000.mp4", data, TZ)

    assert (parsed.container, parsed.media, parsed.mime) == ("mp4", "video", "video/mp4")
    assert parsed.duration_seconds == pytest.approx(12.345)
    assert parsed.codecs == ("avc1", "mp4a")
    assert (parsed.width, parsed.height) == (1920, 1080)
    assert (parsed.sample_rate, parsed.channels) == (48000, 2)
    assert (parsed.make, parsed.model, parsed.software) == ("Xiaomi", "23021RAA2Y", None)
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.recorded_at_text == str(SINCE_1904)
    assert parsed.time_basis is not None and parsed.time_basis.startswith("container UTC")
    assert parsed.problems == ()
    assert parsed.detection_reason == "MP4 video recording, 0:12 (file signature)"
    assert detect_recording("VID_20240305_143000.mp4", data) == parsed.detection_reason


def test_iphone_keys_give_device_software_and_the_time_with_its_offset() -> None:
    later = SINCE_1904 + 40  # mvhd: when the file was written; creationdate wins
    data = mp4(IPHONE, major=b"qt  ", header=mvhd(600, 600 * 75, created=later))
    parsed = parse_recording("IMG_0042.MOV", data, "Europe/Berlin")

    assert (parsed.container, parsed.mime) == ("mov", "video/quicktime")
    assert parsed.duration_seconds == 75.0
    assert (parsed.make, parsed.model, parsed.software) == ("Apple", "iPhone 13", "17.1.2")
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.recorded_at_text == "2024-03-05T14:30:00+0800"
    assert parsed.time_basis == "com.apple.quicktime.creationdate with its offset +0800"
    assert parsed.timezone == "Europe/Berlin"
    assert parsed.detection_reason == "QuickTime video recording, 1:15 (file signature)"


def test_quicktime_user_data_texts_and_a_local_day() -> None:
    udta = box(
        b"udta",
        qt_text(b"\xa9mak", "HUAWEI"),
        qt_text(b"\xa9mod", "ELS-AN00"),
        qt_text(b"\xa9swr", "Camera 12.0"),
        qt_text(b"\xa9day", "2024-03-05 14:30:00"),
        bytes(4),  # QuickTime ends user data lists with a zero
    )
    parsed = parse_recording("visit.mov", mp4(udta, major=b"qt  ", header=mvhd(1000, 1, 0)), TZ)

    assert (parsed.make, parsed.model, parsed.software) == ("HUAWEI", "ELS-AN00", "Camera 12.0")
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.time_basis == f"local time in {TZ} (no offset in ©day)"


def test_itunes_list_gives_the_encoder() -> None:
    ilst = box(b"ilst", box(b"\xa9too", data_box("Lavf60.16.100")))
    udta = box(b"udta", full(b"meta", 0, hdlr(b"mdir"), ilst))
    parsed = parse_recording("a.m4a", mp4(udta), TZ)

    assert parsed.software == "Lavf60.16.100"


def test_moov_after_mdat_and_a_64_bit_mvhd() -> None:
    data = mp4(moov_first=False, header=mvhd(1000, 5_000, version=1))
    parsed = parse_recording("clip.mp4", data, TZ)

    assert parsed.duration_seconds == 5.0 and parsed.media == "video"
    assert parsed.recorded_at_utc == RECORDED


def test_a_64_bit_box_size_is_read() -> None:
    data = mp4()
    big_mdat = struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + 100) + bytes(100)
    head_end = data.index(b"moov") - 4
    moov_end = head_end + struct.unpack(">I", data[head_end : head_end + 4])[0]
    parsed = parse_recording("clip.mp4", data[:moov_end] + big_mdat, TZ)

    assert parsed.duration_seconds == pytest.approx(12.345)


def test_m4a_voice_memo_is_audio() -> None:
    tracks = trak(1, b"soun", sound_entry(b"mp4a", 1, 44100), 44100, 44100 * 30)
    parsed = parse_recording("New Recording 3.m4a", mp4(tracks=tracks, major=b"M4A "), TZ)

    assert (parsed.container, parsed.media, parsed.mime) == ("m4a", "audio", "audio/mp4")
    assert parsed.codecs == ("mp4a",)
    assert (parsed.sample_rate, parsed.channels) == (44100, 1)
    assert (parsed.width, parsed.height) == (None, None)
    assert parsed.detection_reason == "M4A audio recording, 0:12 (file signature)"


def test_a_96_khz_track_takes_its_rate_from_the_time_scale() -> None:
    tracks = trak(1, b"soun", sound_entry(b"mp4a", 2, 96000 & 0xFFFF), 96000, 96000 * 4)
    parsed = parse_recording("hi-res.m4a", mp4(tracks=tracks, major=b"M4A "), TZ)

    assert parsed.sample_rate == 96000


def test_3gp_call_recording_with_amr() -> None:
    tracks = trak(1, b"soun", sound_entry(b"samr", 1, 8000), 8000, 8000 * 9)
    parsed = parse_recording("call.3gp", mp4(tracks=tracks, major=b"3gp4"), TZ)

    assert (parsed.container, parsed.media, parsed.mime) == ("3gp", "audio", "audio/3gpp")
    assert parsed.codecs == ("samr",) and parsed.sample_rate == 8000


def test_the_track_lengths_stand_in_for_an_unknown_movie_length() -> None:
    parsed = parse_recording("clip.mp4", mp4(header=mvhd(1000, 0xFFFFFFFF)), TZ)

    assert parsed.duration_seconds == 12.0


def test_a_fragmented_movie_takes_its_length_from_mehd() -> None:
    mvex = box(b"mvex", full(b"mehd", 0, struct.pack(">I", 30_000)))
    tracks = trak(1, b"soun", sound_entry(b"mp4a", 2, 44100), 44100, 0)
    parsed = parse_recording("frag.mp4", mp4(mvex, tracks=tracks, header=mvhd(1000, 0)), TZ)

    assert parsed.duration_seconds == 30.0 and parsed.media == "audio"


def test_quicktime_sound_description_version_2() -> None:
    entry = box(
        b"lpcm",
        bytes(6) + struct.pack(">H", 1),
        struct.pack(">HHI", 2, 0, 0),
        struct.pack(">HHhHI", 3, 16, -2, 0, 0x10000),
        struct.pack(">IdI", 72, 96000.0, 2),
        bytes(20),
    )
    tracks = trak(1, b"soun", entry, 96000, 96000 * 2)
    parsed = parse_recording("hi-res.mov", mp4(tracks=tracks, major=b"qt  "), TZ)

    assert (parsed.sample_rate, parsed.channels, parsed.codecs) == (96000, 2, ("lpcm",))


def test_heic_and_avif_are_not_recordings() -> None:
    heic = ftyp(b"heic", b"mif1", b"heic") + box(b"meta", bytes(4)) + box(b"mdat", bytes(32))
    avif = ftyp(b"avif", b"avif", b"mif1", b"miaf") + box(b"mdat", bytes(32))
    for name, data in (("IMG_0001.HEIC", heic), ("a.avif", avif), ("renamed.mp4", heic)):
        assert detect_recording(name, data) is None
        with pytest.raises(ImportInputError) as refused:
            parse_recording(name, data, TZ)
        assert refused.value.detail_code == "recording.still_image"


def test_a_movie_without_moov_is_refused() -> None:
    data = ftyp(b"isom") + box(b"mdat", bytes(5000))
    with pytest.raises(ImportInputError) as refused:
        parse_recording("unfinished.mp4", data, TZ)
    assert refused.value.locator == "moov"
    assert refused.value.detail_code == "recording.no_moov"
    assert detect_recording("unfinished.mp4", data) == "MP4 recording (file signature)"


def test_a_box_running_past_the_end_names_its_path() -> None:
    data = bytearray(mp4())
    at = data.index(b"tkhd", data.index(b"tkhd") + 4) - 4  # the second track's tkhd
    data[at : at + 4] = struct.pack(">I", 100_000)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("cut.mp4", bytes(data), TZ)
    assert refused.value.locator == "moov/trak[2]/tkhd"
    assert refused.value.detail_code == "recording.past_end"
    assert "declares 100000 bytes" in refused.value.reason


def test_a_cut_movie_is_refused() -> None:
    data = mp4(moov_first=False)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("cut.mp4", data[:-50], TZ)
    assert refused.value.locator == "moov"
    assert refused.value.detail_code == "recording.past_end"


@pytest.mark.parametrize("size", [4, 7])
def test_a_box_smaller_than_its_header_is_refused(size: int) -> None:
    data = bytearray(mp4())
    at = data.index(b"mvhd") - 4
    data[at : at + 4] = struct.pack(">I", size)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("bad.mp4", bytes(data), TZ)
    assert refused.value.locator == "moov/mvhd"
    assert refused.value.detail_code == "recording.too_small"


def test_a_64_bit_size_past_the_end_is_refused() -> None:
    data = mp4() + struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 1 << 62)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("huge.mp4", data, TZ)
    assert refused.value.locator == "mdat[2]"
    assert refused.value.detail_code == "recording.past_end"


def test_boxes_nested_too_deep_are_refused() -> None:
    nested = b""
    for _ in range(MAX_DEPTH + 5):
        nested = box(b"udta", nested)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("deep.mp4", mp4(nested), TZ)
    assert refused.value.detail_code == "recording.too_deep"
    # moov is level 0: the udta at level MAX_DEPTH is the one whose content is not walked
    assert refused.value.locator == "moov/" + "/".join(["udta"] * MAX_DEPTH)


def test_too_many_boxes_are_refused() -> None:
    data = mp4(box(b"udta", box(b"free") * (MAX_ELEMENTS + 1)))
    with pytest.raises(ImportInputError) as refused:
        parse_recording("many.mp4", data, TZ)
    assert refused.value.detail_code == "recording.too_many"
    assert refused.value.locator.startswith("moov/udta/free[")


def test_a_movie_with_no_audio_or_video_track_is_refused() -> None:
    with pytest.raises(ImportInputError) as refused:
        parse_recording("empty.mp4", mp4(tracks=b""), TZ)
    assert refused.value.detail_code == "recording.no_tracks"


def test_a_creation_time_out_of_range_is_ignored_with_a_problem() -> None:
    parsed = parse_recording("old.mp4", mp4(header=mvhd(1000, 1000, created=86_400)), TZ)

    assert parsed.recorded_at_utc is None and parsed.recorded_at_text is None
    [problem] = parsed.problems
    assert problem.code == "recording.time_out_of_range"
    assert problem.locator == "moov/mvhd creation time"


def test_an_unknown_mvhd_version_is_refused() -> None:
    header = bytearray(mvhd(1000, 1000))
    header[8] = 7
    with pytest.raises(ImportInputError) as refused:
        parse_recording("v7.mp4", mp4(header=bytes(header)), TZ)
    assert (refused.value.locator, refused.value.detail_code) == (
        "moov/mvhd",
        "recording.bad_version",
    )


# --- WAV -------------------------------------------------------------------------------------


def test_wav_from_the_wave_module() -> None:
    parsed = parse_recording("visit.wav", pcm_wav(4), TZ)

    assert (parsed.container, parsed.media, parsed.mime) == ("wav", "audio", "audio/wav")
    assert parsed.duration_seconds == 4.0
    assert parsed.codecs == ("pcm",)
    assert (parsed.sample_rate, parsed.channels) == (8000, 1)
    assert parsed.recorded_at_utc is None and parsed.problems == ()
    assert parsed.detection_reason == "WAV audio recording, 0:04 (file signature)"


def test_wav_info_gives_software_and_a_local_creation_time() -> None:
    data = with_chunks(pcm_wav(2, 16000, 2), info_list(ICRD="2024-03-05 14:30:00", ISFT="Rec 2"))
    parsed = parse_recording("visit.wav", data, TZ)

    assert parsed.duration_seconds == 2.0 and parsed.channels == 2
    assert parsed.software == "Rec 2"
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.recorded_at_text == "2024-03-05 14:30:00"
    assert parsed.time_basis == f"local time in {TZ} (no offset in ICRD)"


def test_broadcast_wav_origination_time_comes_first() -> None:
    data = with_chunks(pcm_wav(1), bext("2024-03-05", "14:30:00"), info_list(ICRD="2023-01-01"))
    parsed = parse_recording("ZOOM0001.WAV", data, TZ)

    assert parsed.recorded_at_utc == RECORDED
    assert parsed.time_basis == f"local time in {TZ} (no offset in bext)"
    [problem] = parsed.problems  # ICRD is read too: it gives only a day
    assert problem.code == "recording.date_only"


def test_a_cut_wav_is_read_up_to_the_cut_with_a_problem() -> None:
    data = pcm_wav(4)
    parsed = parse_recording("cut.wav", data[: 44 + 16000], TZ)

    assert parsed.duration_seconds == 1.0
    [problem] = parsed.problems
    assert problem.code == "recording.data_short" and problem.locator == "byte 36"
    assert dict(problem.facts) == {"declared": "64000", "present": "16000"}


def test_a_streaming_wav_without_sizes_runs_to_the_end() -> None:
    data = bytearray(pcm_wav(3))
    data[4:8] = b"\xff\xff\xff\xff"
    data[40:44] = b"\xff\xff\xff\xff"
    parsed = parse_recording("live.wav", bytes(data), TZ)

    assert parsed.duration_seconds == 3.0
    assert [p.code for p in parsed.problems] == ["recording.size_placeholder"]


def test_rf64_takes_the_data_size_from_ds64() -> None:
    wav = pcm_wav(2)
    audio = wav[44:]
    ds64 = riff_chunk(b"ds64", struct.pack("<QQQI", 0, len(audio), 16000, 0))
    fmt = wav[12:36]
    data = b"RF64\xff\xff\xff\xffWAVE" + ds64 + fmt + b"data\xff\xff\xff\xff" + audio
    parsed = parse_recording("long.wav", data, TZ)

    assert parsed.duration_seconds == 2.0 and parsed.problems == ()


def test_compressed_wav_uses_the_fact_sample_count() -> None:
    fmt = riff_chunk(b"fmt ", struct.pack("<HHIIHHHHH", 0x11, 1, 8000, 4055, 256, 4, 2, 505, 0))
    fact = riff_chunk(b"fact", struct.pack("<I", 8000 * 3))
    audio = riff_chunk(b"data", bytes(256 * 48))
    body = b"WAVE" + fmt + fact + audio
    parsed = parse_recording("ima.wav", b"RIFF" + struct.pack("<I", len(body)) + body, TZ)

    assert parsed.codecs == ("ima-adpcm",) and parsed.duration_seconds == 3.0


def test_extensible_wav_names_its_sub_format() -> None:
    guid = struct.pack("<H", 3) + bytes.fromhex("000000001000800000aa00389b71")
    fmt = struct.pack("<HHIIHHHHI", 0xFFFE, 2, 48000, 384000, 8, 32, 22, 32, 3) + guid
    audio = riff_chunk(b"data", bytes(384000))
    body = b"WAVE" + riff_chunk(b"fmt ", fmt) + audio
    parsed = parse_recording("float.wav", b"RIFF" + struct.pack("<I", len(body)) + body, TZ)

    assert parsed.codecs == ("ieee-float",) and parsed.duration_seconds == 1.0


def test_a_wav_format_chunk_past_the_end_is_refused() -> None:
    data = bytearray(pcm_wav(1))
    data[16:20] = struct.pack("<I", 1_000_000)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("bad.wav", bytes(data), TZ)
    assert refused.value.locator == "byte 12"
    assert refused.value.detail_code == "recording.past_end"


def test_a_wav_without_audio_data_is_refused() -> None:
    data = pcm_wav(1)[: 44 - 8]  # fmt only
    with pytest.raises(ImportInputError) as refused:
        parse_recording("header.wav", data, TZ)
    assert refused.value.detail_code == "recording.no_audio_data"


def test_a_wav_saying_zero_channels_is_refused() -> None:
    data = bytearray(pcm_wav(1))
    data[22:24] = b"\x00\x00"
    with pytest.raises(ImportInputError) as refused:
        parse_recording("zero.wav", bytes(data), TZ)
    assert (refused.value.locator, refused.value.detail_code) == ("byte 12", "recording.bad_format")


# --- MP3 -------------------------------------------------------------------------------------


def test_cbr_mp3_length_is_estimated_and_says_so() -> None:
    data = id3(4, {"TDRC": "2024-03-05T14:30:00", "TSSE": "Lavf60.3.100"}) + mp3_frames(100)
    parsed = parse_recording("call.mp3", data, TZ)

    assert (parsed.container, parsed.mime, parsed.codecs) == ("mp3", "audio/mpeg", ("mp3",))
    assert (parsed.sample_rate, parsed.channels) == (44100, 2)
    assert parsed.duration_seconds == pytest.approx(100 * MP3_FRAME * 8 / 128_000)
    assert [p.code for p in parsed.problems] == ["recording.duration_estimated"]
    assert dict(parsed.problems[0].facts) == {"bitrate": "128"}
    assert parsed.software == "Lavf60.3.100"
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.time_basis == f"local time in {TZ} (no offset in ID3)"


def test_xing_frame_count_gives_the_exact_length() -> None:
    data = xing_frame(99, 100 * MP3_FRAME) + mp3_frames(99)
    parsed = parse_recording("a.mp3", data, TZ)

    assert parsed.duration_seconds == pytest.approx(99 * 1152 / 44100)
    assert parsed.problems == ()


def test_a_cut_mp3_with_a_frame_count_is_scaled_and_reported() -> None:
    data = xing_frame(99, 100 * MP3_FRAME) + mp3_frames(49)
    parsed = parse_recording("cut.mp3", data, TZ)

    assert parsed.duration_seconds == pytest.approx(99 * 1152 / 44100 / 2)
    assert [p.code for p in parsed.problems] == ["recording.mp3_short"]


def test_vbri_frame_count_and_id3v23_year_and_date() -> None:
    frame = bytearray(MP3_HEADER + bytes(MP3_FRAME - 4))
    frame[36:54] = b"VBRI" + struct.pack(">HHHII", 1, 0, 75, 50 * MP3_FRAME, 50)
    tag = id3(3, {"TYER": "2024", "TDAT": "0503", "TIME": "1430", "TENC": "Recorder"})
    parsed = parse_recording("v.mp3", tag + bytes(frame) + mp3_frames(49), TZ)

    assert parsed.duration_seconds == pytest.approx(50 * 1152 / 44100)
    assert parsed.software == "Recorder"
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.recorded_at_text == "2024-03-05 14:30"


def test_mpeg2_mono_phone_mp3() -> None:
    # MPEG-2 layer III, 32 kbit/s, 16 kHz, mono: 72 * 32000 / 16000 = 144 bytes a frame
    data = mp3_frames(200, b"\xff\xf3\x48\xc0", 144) + b"TAG" + bytes(125)
    parsed = parse_recording("rec.mp3", data, TZ)

    assert (parsed.sample_rate, parsed.channels) == (16000, 1)
    assert parsed.duration_seconds == pytest.approx(200 * 144 * 8 / 32000)


def test_an_id3_tag_with_no_audio_after_it_is_refused() -> None:
    data = id3(4, {"TSSE": "x"})
    assert detect_recording("song.mp3", data) == "MP3 recording (file signature)"
    with pytest.raises(ImportInputError) as refused:
        parse_recording("song.mp3", data, TZ)
    assert refused.value.detail_code == "recording.no_frame"
    assert refused.value.locator == f"byte {len(data)}"


# --- AAC, AMR, SILK --------------------------------------------------------------------------


def test_adts_aac_frames_are_counted() -> None:
    parsed = parse_recording("rec.aac", adts(43), TZ)

    assert (parsed.container, parsed.mime, parsed.codecs) == ("aac", "audio/aac", ("aac",))
    assert (parsed.sample_rate, parsed.channels) == (44100, 2)
    assert parsed.duration_seconds == pytest.approx(43 * 1024 / 44100)
    assert parsed.problems == ()


def test_a_cut_adts_frame_is_reported() -> None:
    parsed = parse_recording("rec.aac", adts(10)[:-50], TZ)

    assert parsed.duration_seconds == pytest.approx(9 * 1024 / 44100)
    [problem] = parsed.problems
    assert problem.code == "recording.frame_cut" and problem.locator == "byte 1800"


def test_amr_narrowband_frames_are_counted() -> None:
    parsed = parse_recording("voice.amr", amr(250), TZ)

    assert (parsed.container, parsed.mime, parsed.codecs) == ("amr", "audio/amr", ("amr-nb",))
    assert (parsed.sample_rate, parsed.channels) == (8000, 1)
    assert parsed.duration_seconds == pytest.approx(5.0)
    assert parsed.detection_reason == "AMR audio recording, 0:05 (file signature)"


def test_amr_wideband_and_no_data_frames() -> None:
    data = amr(100, wide=True) + b"\x7c" * 50  # NO_DATA frames are 20 ms too
    parsed = parse_recording("voice.awb", data, TZ)

    assert (parsed.container, parsed.sample_rate) == ("amr-wb", 16000)
    assert parsed.duration_seconds == pytest.approx(3.0)


def test_a_cut_amr_frame_and_junk_are_reported() -> None:
    cut = parse_recording("voice.amr", amr(10)[:-5], TZ)
    assert cut.duration_seconds == pytest.approx(0.18)
    assert [p.code for p in cut.problems] == ["recording.frame_cut"]

    junk = parse_recording("voice.amr", amr(10) + b"\x4c" + bytes(40), TZ)  # frame type 9
    assert junk.duration_seconds == pytest.approx(0.2)
    [problem] = junk.problems
    assert problem.code == "recording.bad_frame" and problem.locator == f"byte {6 + 320}"


def test_wechat_silk_named_amr_is_read_and_reported_as_misnamed() -> None:
    data = silk(150)
    parsed = parse_recording("msg_3014240305.amr", data, TZ)

    assert (parsed.container, parsed.media, parsed.codecs) == ("silk", "audio", ("silk",))
    assert parsed.duration_seconds == pytest.approx(3.0)
    assert parsed.channels == 1 and parsed.sample_rate is None
    [problem] = parsed.problems
    assert problem.code == "recording.misnamed" and problem.locator == "file name"
    assert problem.reason == "the file name says AMR but the content is SILK"
    assert parsed.detection_reason == (
        "SILK audio recording, 0:03 (file signature); the file name says AMR"
    )
    assert detect_recording("msg_3014240305.amr", data) == parsed.detection_reason


def test_silk_without_the_tencent_byte_or_an_end_marker() -> None:
    parsed = parse_recording("voice.silk", silk(50, terminator=False, tencent=False), TZ)

    assert parsed.duration_seconds == pytest.approx(1.0) and parsed.problems == ()


# --- Ogg, FLAC, Matroska ---------------------------------------------------------------------


def test_whatsapp_opus_voice_note() -> None:
    data = opus(5, ENCODER="WhatsApp", DATE="2024-03-05T14:30:00")
    parsed = parse_recording("PTT-20240305-WA0001.opus", data, TZ)

    assert (parsed.container, parsed.mime, parsed.codecs) == ("ogg", "audio/ogg", ("opus",))
    assert parsed.duration_seconds == pytest.approx(5.0)
    assert (parsed.sample_rate, parsed.channels) == (16000, 1)
    assert parsed.software == "WhatsApp"
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.detection_reason == "Ogg Opus audio recording, 0:05 (file signature)"
    assert parsed.problems == ()


def test_ogg_vorbis() -> None:
    parsed = parse_recording("a.ogg", vorbis(3), TZ)

    assert parsed.codecs == ("vorbis",) and (parsed.sample_rate, parsed.channels) == (44100, 2)
    assert parsed.duration_seconds == pytest.approx(3.0)
    assert parsed.software == "Xiph.Org libVorbis I 20200704"


def test_a_cut_last_ogg_page_falls_back_to_the_previous_one() -> None:
    data = opus(5)
    parsed = parse_recording("cut.opus", data[:-200], TZ)

    assert parsed.duration_seconds == pytest.approx(1.0)
    [problem] = parsed.problems
    assert problem.code == "recording.ogg_cut"


def test_ogg_speex_and_ogg_flac() -> None:
    speex = b"Speex   " + b"1.2".ljust(20, b"\x00") + struct.pack("<7I", 1, 80, 16000, 1, 4, 1, 0)
    speex += bytes(80 - len(speex))
    data = ogg_page([speex], 0, 0, kind=2) + ogg_page([bytes(30)], 16000 * 4, 1, kind=4)
    parsed = parse_recording("a.spx", data, TZ)
    assert (parsed.codecs, parsed.sample_rate, parsed.channels) == (("speex",), 16000, 1)
    assert parsed.duration_seconds == pytest.approx(4.0)

    native = flac(2, rate=8000)
    head = b"\x7fFLAC\x01\x00\x00\x01" + native[:42]  # fLaC and the STREAMINFO block
    data = ogg_page([head], 0, 0, kind=2) + ogg_page([bytes(30)], 8000 * 2, 1, kind=4)
    parsed = parse_recording("a.oga", data, TZ)
    assert (parsed.codecs, parsed.sample_rate, parsed.channels) == (("flac",), 8000, 2)
    assert parsed.duration_seconds == pytest.approx(2.0)
    assert parsed.detection_reason == "Ogg FLAC audio recording, 0:02 (file signature)"


def test_an_ogg_video_stream_is_refused() -> None:
    data = ogg_page([b"\x80theora" + bytes(40)], 0, 0, kind=2)
    assert detect_recording("v.ogv", data) == "Ogg recording (file signature)"
    with pytest.raises(ImportInputError) as refused:
        parse_recording("v.ogv", data, TZ)
    assert refused.value.detail_code == "recording.ogg_codec"
    assert dict(refused.value.facts) == {"codec": "theora"}


def test_flac_streaminfo_and_comments() -> None:
    data = flac(10, DATE="2024-03-05 14:30", ENCODER="Recorder Pro")
    parsed = parse_recording("visit.flac", data, TZ)

    assert (parsed.container, parsed.mime, parsed.codecs) == ("flac", "audio/flac", ("flac",))
    assert parsed.duration_seconds == 10.0
    assert (parsed.sample_rate, parsed.channels) == (44100, 2)
    assert parsed.software == "Recorder Pro"
    assert parsed.recorded_at_utc == RECORDED


def test_a_flac_block_past_the_end_is_refused() -> None:
    with pytest.raises(ImportInputError) as refused:
        parse_recording("cut.flac", flac()[:30], TZ)
    assert (refused.value.locator, refused.value.detail_code) == ("byte 4", "recording.past_end")


def test_webm_from_a_browser_recorder() -> None:
    parsed = parse_recording("visit.webm", matroska(), TZ)

    assert (parsed.container, parsed.media, parsed.mime) == ("webm", "video", "video/webm")
    assert parsed.duration_seconds == pytest.approx(12.345)
    assert parsed.codecs == ("V_VP8", "A_OPUS")
    assert (parsed.width, parsed.height) == (640, 480)
    assert (parsed.sample_rate, parsed.channels) == (48000, 2)
    assert parsed.software == "Chrome"
    assert parsed.recorded_at_utc is None and parsed.problems == ()


def test_matroska_date_utc_and_a_missing_duration() -> None:
    nanoseconds = int((RECORDED - datetime(2001, 1, 1, tzinfo=UTC)).total_seconds()) * 10**9
    data = matroska("matroska", duration=None, date_ns=nanoseconds, sized=True)
    parsed = parse_recording("visit.mkv", data, TZ)

    assert parsed.container == "mkv" and parsed.mime == "video/x-matroska"
    assert parsed.duration_seconds is None
    assert parsed.recorded_at_utc == RECORDED
    assert parsed.time_basis == "container UTC (Matroska DateUTC)"
    assert [p.code for p in parsed.problems] == ["recording.no_duration"]
    assert parsed.detection_reason == "Matroska video recording, length unknown (file signature)"


def test_an_ebml_element_past_the_end_is_refused() -> None:
    data = matroska(sized=True)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("cut.webm", data[:-20], TZ)
    assert refused.value.detail_code == "recording.past_end"
    assert refused.value.locator == f"byte {data.index(bytes.fromhex('18538067'))}"


def test_an_unknown_size_outside_segment_and_cluster_is_refused() -> None:
    header = element(0x1A45DFA3, element(0x4282, b"webm"))
    info = bytes.fromhex("1549a966") + UNKNOWN + uint(0x2AD7B1, 1_000_000)
    segment_at = len(header)
    with pytest.raises(ImportInputError) as refused:
        parse_recording("odd.webm", header + bytes.fromhex("18538067") + UNKNOWN + info, TZ)
    assert refused.value.detail_code == "recording.unknown_size"
    assert refused.value.locator == f"byte {segment_at + 12}"


def test_ebml_nested_too_deep_is_refused() -> None:
    nested = b""
    for _ in range(MAX_DEPTH + 5):
        nested = element(0x1654AE6B, nested)
    header = element(0x1A45DFA3, element(0x4282, b"webm"))
    with pytest.raises(ImportInputError) as refused:
        parse_recording("deep.webm", header + element(0x18538067, nested), TZ)
    assert refused.value.detail_code == "recording.too_deep"
    assert refused.value.locator.startswith("byte ")


# --- names, refusals, the importer object ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "claimed", "actual"),
    [
        ("voice.mp3", amr(5), "MP3", "AMR"),
        ("clip.webm", mp4(), "WEBM", "MP4"),
        ("visit.wav", flac(1), "WAV", "FLAC"),
        ("note.m4a", opus(1), "M4A", "Ogg Opus"),
    ],
)
def test_a_name_that_claims_another_container_is_a_problem(
    name: str, data: bytes, claimed: str, actual: str
) -> None:
    parsed = parse_recording(name, data, TZ)
    assert parsed.problems[0].reason == f"the file name says {claimed} but the content is {actual}"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("clip.mov", mp4()),  # MP4 and QuickTime are one family
        ("voice.amr", amr(2, wide=True)),
        ("a.mkv", matroska()),
        ("a.opus", opus(1)),
        ("a.ogg", opus(1)),
        ("no-extension", amr(2)),
    ],
)
def test_names_within_a_family_are_not_misnamed(name: str, data: bytes) -> None:
    assert all(p.code != "recording.misnamed" for p in parse_recording(name, data, TZ).problems)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n" + bytes(40),
        b"\xff\xd8\xff\xe0" + bytes(40),
        b"RIFF\x00\x00\x00\x00WEBP",
        "时间,发送人,内容\n".encode(),
        b"\xff\xfe" + "hello".encode("utf-16-le"),  # UTF-16 text, not MPEG layer I
        b"PK\x03\x04" + bytes(30),
        b"ID3 is how this note starts",
        b"#!AMR_MC1.0\n" + bytes(10),
    ],
)
def test_other_content_is_not_a_recording(data: bytes) -> None:
    assert detect_recording("x.mp4", data) is None
    with pytest.raises(ImportInputError) as refused:
        parse_recording("x.mp4", data, TZ)
    assert refused.value.file == "x.mp4" and refused.value.locator == "byte 0"


def test_junk_with_a_recording_name_says_what_the_name_claims() -> None:
    with pytest.raises(ImportInputError) as refused:
        parse_recording("visit.m4a", b"%PDF-1.7 not audio", TZ)
    assert refused.value.reason == (
        "the file name says M4A but the content is not an audio or video recording in a known "
        "format (25 50 44 46 2d 31 2e 37)"
    )


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ImportInputError, match="unknown IANA time zone"):
        parse_recording("a.wav", pcm_wav(1), "Mars/Olympus_Mons")


def test_a_local_time_in_a_clock_change_is_flagged() -> None:
    gap = with_chunks(pcm_wav(1), info_list(ICRD="2024-03-31 02:30:00"))
    twice = with_chunks(pcm_wav(1), info_list(ICRD="2024-10-27 02:30:00"))
    bad = with_chunks(pcm_wav(1), info_list(ICRD="yesterday"))
    for data, code in (
        (gap, "recording.time_gap"),
        (twice, "recording.time_twice"),
        (bad, "recording.bad_time"),
    ):
        parsed = parse_recording("a.wav", data, "Europe/Berlin")
        assert [p.code for p in parsed.problems] == [code]


def test_importer_object_works_on_an_export_source() -> None:
    source = ExportSource(name="visit.wav", data=pcm_wav(1))

    assert (IMPORTER.name, IMPORTER.version) == ("recording", "2")
    assert IMPORTER.detect(source) == "WAV audio recording, 0:01 (file signature)"
    assert isinstance(IMPORTER.parse(source, TZ), ParsedRecording)
    assert IMPORTER.detect(ExportSource(name="chat.txt", data=b"hello")) is None


# --- every container: determinism, originals untouched, wording -----------------------------

SAMPLES: dict[str, tuple[str, bytes]] = {
    "mp4": ("a.mp4", mp4(ANDROID)),
    "mov": ("a.mov", mp4(IPHONE, major=b"qt  ")),
    "m4a": (
        "a.m4a",
        mp4(tracks=trak(1, b"soun", sound_entry(b"mp4a", 1, 8000), 8000, 80), major=b"M4A "),
    ),
    "3gp": ("a.3gp", mp4(major=b"3gp5")),
    "wav": ("a.wav", with_chunks(pcm_wav(1), info_list(ICRD="2024-03-05 14:30", ISFT="x"))),
    "mp3": ("a.mp3", id3(4, {"TDRC": "2024-03-05T14:30"}) + xing_frame(9, 0) + mp3_frames(9)),
    "amr": ("a.amr", amr(20)),
    "amr-wb": ("a.awb", amr(20, wide=True)),
    "ogg": ("a.opus", opus(2, DATE="2024-03-05")),
    "webm": ("a.webm", matroska()),
    "mkv": ("a.mkv", matroska("matroska", date_ns=10**18, sized=True)),
    "flac": ("a.flac", flac(1, DATE="2024-03-05T14:30:00+08:00")),
    "aac": ("a.aac", id3(3, {"TENC": "x"}) + adts(5)),
    "silk": ("a.silk", silk(10)),
}


def test_every_container_has_a_sample() -> None:
    assert set(SAMPLES) == set(CONTAINERS)


@pytest.mark.parametrize("container", sorted(SAMPLES))
def test_each_sample_is_detected_and_parsed_as_its_container(container: str) -> None:
    name, data = SAMPLES[container]
    reason = detect_recording(name, data)
    parsed = parse_recording(name, data, TZ)

    assert parsed.container == container
    assert reason == parsed.detection_reason
    assert parsed.duration_seconds is not None and parsed.duration_seconds > 0
    assert parsed.codecs and parsed.mime.split("/")[0] in ("audio", "video")


@pytest.mark.parametrize("container", sorted(SAMPLES))
def test_parsing_is_deterministic_canonical_and_leaves_the_bytes_alone(container: str) -> None:
    name, data = SAMPLES[container]
    before = hashlib.sha256(data).hexdigest()

    first = parse_recording(name, data, TZ).as_json()
    second = parse_recording(name, bytes(bytearray(data)), TZ).as_json()

    assert first == second
    assert canonical_bytes(first) == canonical_bytes(second)  # no floats: canonical JSON
    assert json.loads(json.dumps(first)) == first
    assert hashlib.sha256(data).hexdigest() == before


def test_as_json_is_plain() -> None:
    parsed = parse_recording("a.mov", SAMPLES["mov"][1], TZ)
    doc = parsed.as_json()

    assert doc["duration_ms"] == 12_345
    assert doc["recorded_at_utc"] == "2024-03-05T06:30:00+00:00"
    assert doc["codecs"] == ["avc1", "mp4a"]
    assert doc["format"] == "recording" and doc["container"] == "mov"
    assert all(not isinstance(v, float | tuple | datetime) for v in doc.values())


def _check_coded(text: str) -> None:
    assert isinstance(text, Phrase), text
    assert text.code in codes() and text.code.startswith(("recording.", "import."))
    assert {name for name, _ in text.facts} <= fact_names(text.code)
    for _name, value in text.facts:
        if isinstance(value, Phrase):
            _check_coded(value)


@pytest.mark.parametrize("container", sorted(SAMPLES))
def test_reasons_and_problems_are_coded(container: str) -> None:
    name, data = SAMPLES[container]
    parsed = parse_recording("misnamed.txt.wav" if container != "wav" else name, data, TZ)
    _check_coded(parsed.detection_reason)
    for problem in parsed.problems:
        _check_coded(problem.reason)
        assert problem.code == problem.reason.code  # type: ignore[attr-defined]


# --- fuzzing ---------------------------------------------------------------------------------

_SEEDS = [data for _name, data in SAMPLES.values()] + [
    mp4(moov_first=False),
    with_chunks(pcm_wav(1), bext("2024-03-05", "14:30:00")),
    vorbis(1),
    matroska(sized=True),
]
_NAMES = st.sampled_from(["a.mp4", "a.amr", "a.wav", "a.mp3", "a.ogg", "a", "x.txt"])


def _parse_or_refuse(name: str, data: bytes) -> None:
    """Only ImportInputError, and never the catch-all: each refusal is a specific one."""
    reason = detect_recording(name, data)
    assert reason is None or isinstance(reason, Phrase)
    try:
        parsed = parse_recording(name, data, TZ)
    except ImportInputError as refused:
        assert refused.file == name and refused.reason
        assert refused.detail_code != "recording.damaged", refused.__cause__
        return
    assert parsed.duration_seconds is None or parsed.duration_seconds >= 0
    canonical_bytes(parsed.as_json())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(_SEEDS),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    inserted=st.lists(
        st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=9)), max_size=2
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
    name=_NAMES,
)
def test_mutated_recordings_only_ever_raise_import_input_error(
    base: bytes,
    edits: list[tuple[int, int]],
    inserted: list[tuple[int, bytes]],
    cut: int | None,
    name: str,
) -> None:
    mutated = bytearray(base)
    for position, value in edits:
        mutated[position % len(mutated)] = value
    for position, chunk in inserted:
        at = position % len(mutated)
        mutated[at:at] = chunk
    if cut is not None:
        del mutated[cut % len(mutated) :]
    data = bytes(mutated)
    before = hashlib.sha256(data).digest()
    _parse_or_refuse(name, data)
    assert hashlib.sha256(data).digest() == before


_MAGICS = [
    b"",
    b"RIFF\x00\x00\x00\x00WAVE",
    b"RF64\xff\xff\xff\xffWAVE",
    b"#!AMR\n",
    b"#!AMR-WB\n",
    b"\x02#!SILK_V3",
    b"OggS\x00\x02",
    b"\x1a\x45\xdf\xa3",
    b"fLaC",
    b"\x00\x00\x00\x18ftypisom",
    b"\x00\x00\x00\x18ftypqt  ",
    b"\x00\x00\x00\x08wide\x00\x00\x00\x10moov",
    b"ID3\x04\x00\x00\x00\x00\x00\x00",
    b"\xff\xfb\x90\x00",
    b"\xff\xf1\x50\x80",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(magic=st.sampled_from(_MAGICS), tail=st.binary(max_size=1500), name=_NAMES)
def test_random_bytes_only_ever_raise_import_input_error(
    magic: bytes, tail: bytes, name: str
) -> None:
    _parse_or_refuse(name, magic + tail)


def test_detection_never_raises_on_odd_input() -> None:
    for data in (b"\x00", b"\xff", b"\xff\xfb", b"OggS", b"ID3\x04", b"\x1a\x45\xdf\xa3\x80"):
        with contextlib.suppress(ImportInputError):
            parse_recording("x", data, TZ)
        detect_recording("x", data)


# --- the shared corpus, when there is one ----------------------------------------------------

CORPUS = Path(
    os.environ.get(
        "EVIDENCE_DESK_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"
    )
)
_MEDIA = {".mp4", ".m4a", ".mov", ".3gp", ".wav", ".mp3", ".amr", ".awb", ".ogg", ".opus"}
_MEDIA |= {".webm", ".mkv", ".flac", ".aac", ".silk", ".slk"}


def _corpus_media() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in _MEDIA)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus on this machine")
@pytest.mark.parametrize("path", _corpus_media() or [None], ids=lambda p: p.name if p else "none")
def test_corpus_recordings_are_described_or_refused_precisely(path: Path | None) -> None:
    if path is None:
        pytest.skip("the shared corpus holds no audio or video")
    data = path.read_bytes()
    _parse_or_refuse(path.name, data)


def test_a_length_canonical_json_cannot_carry_is_left_out() -> None:
    # the parser already ignores implausible lengths (a problem says so); what reaches the
    # sealed document never exceeds canonical JSON's integer range either way
    parsed = parse_recording("huge.mp4", mp4(header=mvhd(1, 2**62, version=1)), TZ)
    assert parsed.as_json()["duration_ms"] != 2**62 * 1000
    canonical_bytes(parsed.as_json())
    assert recordings._milliseconds(2.0**60) is None
    assert recordings._milliseconds(-(2.0**60)) is None
    assert recordings._milliseconds(12.3454) == 12_345


def test_the_importers_integer_limit_is_canonical_jsons() -> None:
    from evidence_desk.integrity import canonical

    assert recordings.MAX_SAFE_INTEGER == canonical.MAX_SAFE_INTEGER
