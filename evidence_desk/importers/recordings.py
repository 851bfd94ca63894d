"""Recordings of visits, calls and voice notes: what the file says about itself, left untouched.

CC-8: recordings of on-site visits (audio or video), phone call recordings and WeChat/phone voice
notes are exhibits in their own right. The stored evidence is the original file; this module only
reads its container structure (MP4/MOV/M4A/3GP, WAV, MP3, AMR, WeChat SILK, Ogg Opus/Vorbis,
WebM/Matroska, FLAC, AAC) with :mod:`struct` to describe it: the length, the codecs, the sample
rate and channels, the picture size, when the file says it was recorded and on which device or
with which software. No audio or video sample is ever decoded, and nothing here writes anything.

Detection is by file signature, never by the name alone; a name that claims another container
(WeChat keeps SILK voice notes as ``.amr``) is reported as a problem. HEIF/AVIF files share MP4's
box structure but are pictures: they are left to the image importer.

Safety: the parser only slices the bytes it was given and never allocates by a size the file
declares. Every box, chunk, element and page it walks is counted (:data:`MAX_ELEMENTS`), nesting is
capped (:data:`MAX_DEPTH`), text is capped and cleaned of control characters, and every failure is
an :class:`ImportInputError` naming the file, a locator (``byte 1234`` or a box path such as
``moov/trak[2]/tkhd``) and the reason.

Cut files: a box, chunk, element or metadata block that runs past the end of the file is refused,
as images refuse a truncated picture: the structure that describes the recording is incomplete.
Where the container is a plain header followed by audio (the ``data`` chunk of a WAV, the frame
streams of AMR, SILK, AAC and MP3, the pages of an Ogg stream), a file cut in the audio is read up
to the cut with a warning that says so, and the length counts only the audio that is present:
recorder apps that are killed mid-recording leave exactly such files, and what they hold is
intact.

Times: container timestamps that are UTC by definition (MP4 ``mvhd``, Matroska ``DateUTC``) are
read as UTC; a stated offset (Apple's ``creationdate``) is used as stated; local times without an
offset (WAV ``bext``/``ICRD``, ID3, Vorbis comments) are read in the IANA zone given, and
``time_basis`` says which. Times before 1970 or after 2100 are ignored with a problem. GPS
positions some phones write (``©xyz``, ``location.ISO6709``) are not read at all.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import PurePosixPath
from typing import Final, NoReturn, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.importers.base import (
    COMMON_WORDING,
    ExportSource,
    ParseProblem,
    failure_facts,
    sealed_phrase,
    sealed_problem,
)
from evidence_desk.integrity.canonical import MAX_SAFE_INTEGER

Data: TypeAlias = bytes | mmap.mmap
"""A recording's bytes: in memory, or the file mapped read-only (``archive.open_path`` maps
large files, so describing a 50 MB video touches its headers, not its media data). Both slice
to ``bytes`` and index to ``int``; nothing here calls a method only ``bytes`` has on the whole."""

__all__ = [
    "CONTAINERS",
    "FORMAT_NAME",
    "IMPORTER",
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_SECONDS",
    "PARSER_VERSION",
    "ParsedRecording",
    "RecordingImporter",
    "detect_recording",
    "parse_recording",
]

FORMAT_NAME: Final = "recording"
PARSER_VERSION: Final = "2"  # 2: problems and the detection reason sealed as codes and facts
#: Deepest nesting of boxes (MP4) or elements (Matroska) that is walked.
MAX_DEPTH: Final = 32
#: Most boxes, chunks, elements, metadata blocks and pages walked in one file. Audio frames are
#: not counted: walking them costs one step per frame of a file we already hold in memory.
MAX_ELEMENTS: Final = 100_000
#: Longest length believed (31 days); a file stating more gets a problem and no length.
MAX_SECONDS: Final = 31 * 24 * 3600

#: Container name -> how it is named in sentences (a product name, the same in every language).
CONTAINERS: Final = {
    "mp4": "MP4",
    "mov": "QuickTime",
    "m4a": "M4A",
    "3gp": "3GP",
    "wav": "WAV",
    "mp3": "MP3",
    "amr": "AMR",
    "amr-wb": "AMR-WB",
    "ogg": "Ogg",
    "webm": "WebM",
    "mkv": "Matroska",
    "flac": "FLAC",
    "aac": "AAC",
    "silk": "SILK",
}
# Containers that are one format under several names: no "misnamed" problem between them.
_FAMILY: Final = {"mov": "mp4", "m4a": "mp4", "3gp": "mp4", "amr-wb": "amr", "webm": "mkv"}
# File extension -> the container its name claims; used only to warn about a mismatch.
_EXTENSIONS: Final = {
    ".mp4": "mp4",
    ".m4v": "mp4",
    ".m4a": "m4a",
    ".mov": "mov",
    ".qt": "mov",
    ".3gp": "3gp",
    ".3g2": "3gp",
    ".wav": "wav",
    ".mp3": "mp3",
    ".amr": "amr",
    ".awb": "amr-wb",
    ".ogg": "ogg",
    ".oga": "ogg",
    ".opus": "ogg",
    ".webm": "webm",
    ".mkv": "mkv",
    ".mka": "mkv",
    ".flac": "flac",
    ".aac": "aac",
    ".silk": "silk",
    ".slk": "silk",
}
_MIME: Final = {
    ("mp4", "video"): "video/mp4",
    ("mp4", "audio"): "audio/mp4",
    ("m4a", "video"): "video/mp4",
    ("m4a", "audio"): "audio/mp4",
    ("mov", "video"): "video/quicktime",
    ("mov", "audio"): "video/quicktime",
    ("3gp", "video"): "video/3gpp",
    ("3gp", "audio"): "audio/3gpp",
    ("webm", "video"): "video/webm",
    ("webm", "audio"): "audio/webm",
    ("mkv", "video"): "video/x-matroska",
    ("mkv", "audio"): "audio/x-matroska",
    ("wav", "audio"): "audio/wav",
    ("mp3", "audio"): "audio/mpeg",
    ("amr", "audio"): "audio/amr",
    ("amr-wb", "audio"): "audio/amr-wb",
    ("ogg", "audio"): "audio/ogg",
    ("flac", "audio"): "audio/flac",
    ("aac", "audio"): "audio/aac",
    ("silk", "audio"): "audio/silk",
}

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_MAX_TEXT = 200
_MAX_HEADER_PACKET = 1 << 20  # Ogg header packets beyond this (cover art) are not kept
_YEARS = (1970, 2100)
_UTC_ZONE: Final = ZoneInfo("UTC")

_said = Catalogue(
    {
        **COMMON_WORDING,
        # detection reasons
        "recording.detected": "{format} recording (file signature)",
        "recording.detected_audio": "{format} audio recording, {duration} (file signature)",
        "recording.detected_video": "{format} video recording, {duration} (file signature)",
        "recording.duration_unknown": "length unknown",
        # the time basis of recorded_at_utc (sealed as code and facts)
        "recording.basis_offset": "{source} with its offset {offset}",
        "recording.basis_local": "local time in {zone} (no offset in {source})",
        "recording.basis_mvhd": "container UTC (mvhd creation time, seconds since 1904)",
        "recording.basis_matroska": "container UTC (Matroska DateUTC)",
        "recording.detected_misnamed": "{reason}; the file name says {claimed}",
        # refusals
        "recording.not_recording": "not an audio or video recording in a known format ({head})",
        "recording.not_recording_misnamed": "the file name says {claimed} but the content is "
        "not an audio or video recording in a known format ({head})",
        "recording.still_image": "the file type box names {brand}: a still picture "
        "(HEIF/AVIF), not a recording",
        "recording.damaged": "the {format} structure cannot be read ({error})",
        "recording.past_end": "{part} declares {size} bytes but only {left} remain: the file "
        "is cut or damaged",
        "recording.too_small": "{part} declares {size} bytes, less than its own {header}-byte "
        "header",
        "recording.cut": "the file ends inside a header ({left} bytes left)",
        "recording.too_deep": "nested more than {limit} levels deep",
        "recording.too_many": "more than {limit} boxes, chunks or elements",
        "recording.no_moov": "no movie box (moov): the recording was never finished (the app "
        "or the phone stopped before saving it) or the file is cut",
        "recording.missing_part": "the required {part} is missing",
        "recording.no_tracks": "no audio or video track",
        "recording.too_short": "{part} holds {size} bytes, fewer than the {need} its fields take",
        "recording.bad_version": "{part} has an unknown version {version}",
        "recording.bad_format": "the header says {channels} channels at {rate} Hz",
        "recording.no_audio_data": "no audio data chunk (data)",
        "recording.no_frame": "no MPEG audio frame found",
        "recording.ogg_bad_page": "not a valid Ogg page",
        "recording.ogg_codec": "the Ogg stream holds {codec}, not Opus, Vorbis, Speex or FLAC "
        "audio",
        "recording.ebml_bad_id": "invalid element ID",
        "recording.ebml_bad_size": "invalid element size",
        "recording.unknown_size": "{part} states no size, which only the Segment and Clusters "
        "may do",
        "recording.doctype": "the EBML document type is {doctype!r}, not Matroska or WebM",
        "recording.flac_no_streaminfo": "the first FLAC metadata block is not STREAMINFO",
        # problems
        "recording.misnamed": "the file name says {claimed} but the content is {format}",
        "recording.trailing_bytes": "{count} {count:byte follows|bytes follow} the end of the "
        "{format} data",
        "recording.data_short": "the audio data declares {declared} bytes but only {present} "
        "are present: the file is cut; the length counts the bytes present",
        "recording.size_placeholder": "the audio data chunk states no real size ({declared}): "
        "it is read to the end of the file",
        "recording.frame_cut": "the last frame is cut; the length counts whole frames only",
        "recording.bad_frame": "{count} {count:byte|bytes} from here {count:is|are} not audio "
        "frames of this stream; "
        "the length counts the frames before them",
        "recording.duration_estimated": "the file has no frame count: the length is estimated "
        "from its size at {bitrate} kbit/s",
        "recording.mp3_short": "the frame count header says {declared} bytes of audio but "
        "{present} are present: the file is cut; the length is scaled to the bytes present",
        "recording.no_duration": "the file does not state its length",
        "recording.implausible_length": "the file states a length of {seconds} seconds, which "
        "cannot be right; ignored",
        "recording.bad_field": "{part} has an invalid value; ignored",
        "recording.ogg_cut": "the last Ogg page is cut; the length is read from the last "
        "complete page",
        "recording.no_audio": "no audio frames follow the header",
        "recording.tags_unreadable": "the metadata ({part}) is damaged and was not read",
        "recording.time_out_of_range": "{value!r} is not between 1970 and 2100; ignored",
        "recording.bad_time": "{value!r} is not a valid date and time",
        "recording.date_only": "{value!r} gives no time of day; no recording time is taken from it",
        "recording.time_gap": "{time} does not exist in {zone} (clock change)",
        "recording.time_twice": "{time} occurs twice in {zone} (clock change); the first is used",
    },
    # the exception's message (``error``) is shown, its class sealed (base.OTHERS_WORDING)
    also={"recording.damaged": ("category",)},
)


@dataclass(frozen=True, slots=True)
class ParsedRecording:
    """What a recording import yields. The original bytes are stored by the caller, unchanged.

    ``container`` is what the bytes are, whatever the name says (one of :data:`CONTAINERS`);
    ``media`` is ``"video"`` when the file has a video track, else ``"audio"``. Fields the file
    does not state are ``None``. ``duration_seconds`` is the length the container states (or, for
    frame streams, counts); a problem says when it is estimated or the file is cut.
    ``recorded_at_utc`` is aware UTC, taken from ``recorded_at_text`` (the value as the file
    states it) as ``time_basis`` says: container UTC, an offset stated in the file, or local time
    in the IANA zone ``timezone``. ``width``/``height`` are the stored picture size of the first
    video track; ``sample_rate``/``channels`` describe the first audio track.
    """

    name: str
    format_name: str  # the importer, "recording" (as ParsedImage.format_name)
    parser_version: str
    detection_reason: str
    container: str
    media: str
    mime: str
    duration_seconds: float | None
    recorded_at_utc: datetime | None
    recorded_at_text: str | None
    time_basis: str | None
    timezone: str
    make: str | None
    model: str | None
    software: str | None
    codecs: tuple[str, ...]
    width: int | None
    height: int | None
    sample_rate: int | None
    channels: int | None
    problems: tuple[ParseProblem, ...] = ()

    def as_json(self) -> dict[str, object]:
        """A plain, deterministic representation for normalisation and commitments.

        Canonical JSON carries no floats (``integrity.canonical``), so the length is given as
        ``duration_ms``, whole milliseconds rounded half to even.
        """
        return {
            "name": self.name,
            "format": self.format_name,
            "parser_version": self.parser_version,
            "detection_reason": sealed_phrase(self.detection_reason),
            "container": self.container,
            "media": self.media,
            "mime": self.mime,
            "duration_ms": _milliseconds(self.duration_seconds),
            "recorded_at_utc": (
                None if self.recorded_at_utc is None else self.recorded_at_utc.isoformat()
            ),
            "recorded_at_text": self.recorded_at_text,
            "time_basis": None if self.time_basis is None else sealed_phrase(self.time_basis),
            "timezone": self.timezone,
            "make": self.make,
            "model": self.model,
            "software": self.software,
            "codecs": list(self.codecs),
            "width": self.width,
            "height": self.height,
            "sample_rate": self.sample_rate,
            "channels": self.channels,
            "problems": [sealed_problem(p) for p in self.problems],
        }


def _milliseconds(seconds: float | None) -> int | None:
    """Whole milliseconds; ``None`` for a length canonical JSON cannot carry (a crafted header
    claiming more than 2**53 ms, some 285,000 years, is no length anyone can rely on)."""
    if seconds is None or not math.isfinite(seconds):
        return None
    millis = round(seconds * 1000)
    return millis if abs(millis) <= MAX_SAFE_INTEGER else None


# --- detection -------------------------------------------------------------------------------

_IMAGE_BRANDS: Final = frozenset(
    {
        b"heic",
        b"heix",
        b"hevc",
        b"hevx",
        b"heim",
        b"heis",
        b"hevm",
        b"hevs",
        b"mif1",
        b"mif2",
        b"msf1",
        b"miaf",
        b"avif",
        b"avis",
        b"avci",
        b"avcs",
        b"jpeg",
        b"crx ",
        b"jp2 ",
        b"jpx ",
    }
)
_M4A_BRANDS: Final = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})
_MOVIE_BRANDS: Final = frozenset(
    {b"isom", b"mp41", b"mp42", b"mp71", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"qt  ", b"dash"}
    | _M4A_BRANDS
)
# Old QuickTime files have no ftyp box and start with one of these.
_QUICKTIME_FIRST: Final = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})
_SILK_MAGIC: Final = (b"\x02#!SILK_V3", b"#!SILK_V3")


def _u16(data: Data, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 2], "big")


def _u32(data: Data, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 4], "big")


def _u64(data: Data, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 8], "big")


def _le16(data: Data, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 2], "little")


def _le32(data: Data, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 4], "little")


def _brands(data: Data) -> tuple[bytes, list[bytes]] | None:
    """The major and compatible brands of a leading ``ftyp`` box, or None."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return None
    size = _u32(data, 0)
    if size < 16 or size > len(data):
        size = min(len(data), 64)
    compatible = [data[p : p + 4] for p in range(16, min(size, 16 + 4 * 64) - 3, 4)]
    return data[8:12], compatible


def _iso_kind(data: Data) -> str | None:
    """mp4/m4a/mov/3gp for an ISO BMFF or QuickTime movie, "image" for HEIF/AVIF, else None."""
    brands = _brands(data)
    if brands is None:
        if len(data) >= 8 and data[4:8] in _QUICKTIME_FIRST and _top_level_has_moov(data):
            return "mov"
        return None
    major, compatible = brands
    if major in _IMAGE_BRANDS:
        return "image"
    if (
        major not in _MOVIE_BRANDS
        and not major.startswith((b"3g", b"iso"))
        and any(b in _IMAGE_BRANDS for b in compatible)
        and not any(b in _MOVIE_BRANDS or b.startswith((b"3g", b"iso")) for b in compatible)
    ):
        return "image"
    if major in _M4A_BRANDS:
        return "m4a"
    if major == b"qt  ":
        return "mov"
    if major.startswith(b"3g"):
        return "3gp"
    return "mp4"


def _top_level_has_moov(data: Data) -> bool:
    pos, seen = 0, 0
    while pos + 8 <= len(data) and seen < 64:
        size = _u32(data, pos)
        if data[pos + 4 : pos + 8] == b"moov":
            return True
        if size == 1 and pos + 16 <= len(data):
            size = _u64(data, pos + 8)
        if size < 8:
            return False
        pos += size
        seen += 1
    return False


def _id3_end(data: Data, pos: int) -> int | None:
    """Where an ID3v2 tag starting at ``pos`` ends (it may lie past the data), or None."""
    if data[pos : pos + 3] != b"ID3" or len(data) < pos + 10:
        return None
    major, flags = data[pos + 3], data[pos + 5]
    size_bytes = data[pos + 6 : pos + 10]
    if major not in (2, 3, 4) or data[pos + 4] == 0xFF or any(b & 0x80 for b in size_bytes):
        return None
    size = 0
    for b in size_bytes:
        size = (size << 7) | b
    footer = 10 if major == 4 and flags & 0x10 else 0
    return pos + 10 + size + footer


def _skip_id3(data: Data) -> int:
    pos = 0
    for _ in range(16):
        end = _id3_end(data, pos)
        if end is None or end > len(data):
            return pos
        pos = end
    return pos


def _sniff(data: Data) -> str | None:
    """The container the leading bytes prove (a key of :data:`CONTAINERS`), or None.

    Never trusts the file name and never raises. HEIF/AVIF pictures are not claimed.
    """
    if len(data) < 4:
        return None
    head = data[:12]  # bytes, also when ``data`` is a mapped file
    if head[:4] in (b"RIFF", b"RF64", b"BW64") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"#!AMR-WB\n"):
        return "amr-wb"
    if head.startswith(b"#!AMR\n"):
        return "amr"
    if head.startswith(_SILK_MAGIC):
        return "silk"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _ebml_doctype_guess(data)
    if head.startswith(b"fLaC"):
        return "flac"
    iso = _iso_kind(data)
    if iso is not None:
        return None if iso == "image" else iso
    start = _skip_id3(data)
    if start:
        if data[start : start + 4] == b"fLaC":
            return "flac"
        if _adts_header(data, start) is not None:
            return "aac"
        return "mp3"  # an ID3 tag is an audio file's: the parser says whether frames follow
    if _adts_header(data, 0) is not None and _adts_follows(data, 0):
        return "aac"
    if _mpeg_synced(data, 0) is not None:
        return "mp3"
    return None


def _claimed(name: str) -> tuple[str, str] | None:
    """The container a file name claims and how to say it (".amr" -> ("amr", "AMR"))."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    container = _EXTENSIONS.get(suffix)
    return None if container is None else (container, suffix[1:].upper())


def _misnamed(name: str, container: str) -> str | None:
    claim = _claimed(name)
    if claim is None:
        return None
    claimed, said = claim
    if _FAMILY.get(claimed, claimed) == _FAMILY.get(container, container):
        return None
    return said


def detect_recording(name: str, data: Data) -> Phrase | None:
    """A reason when ``data`` is an audio or video recording (by signature), else None.

    Never raises. The reason names the container, audio or video and the length when the file
    can be read; a name whose extension disagrees with the content is still detected (WeChat
    saves SILK voice notes as ``.amr``), and the reason says so.
    """
    try:
        container = _sniff(data)
        if container is None:
            return None
        try:
            found = _read(_Reader(name, data), container, _UTC_ZONE, "UTC")
        except Exception:  # parse_recording says why; detection only names the container
            reason = _said("recording.detected", format=CONTAINERS[container])
            claimed = _misnamed(name, container)
            if claimed is None:
                return reason
            return _said("recording.detected_misnamed", reason=reason, claimed=claimed)
        return _reason(found, _misnamed(name, found.container))
    except Exception:  # detection must never raise, whatever the bytes
        return None


def _reason(found: _Found, claimed: str | None) -> Phrase:
    duration: str = (
        _said("recording.duration_unknown") if found.duration is None else _clock(found.duration)
    )
    code = "recording.detected_video" if found.media == "video" else "recording.detected_audio"
    reason = _said(code, format=found.label, duration=duration)
    if claimed is None:
        return reason
    return _said("recording.detected_misnamed", reason=reason, claimed=claimed)


def _clock(seconds: float) -> str:
    """``1:02:03`` / ``4:05``, rounded to the second."""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# --- parsing ---------------------------------------------------------------------------------


def parse_recording(name: str, data: Data, tz: str) -> ParsedRecording:
    """Describe the recording in ``data``. ``data`` itself is never modified.

    Raises ImportInputError when the content is no known recording, its structure is cut or
    damaged (see the module notes for what counts), nests or repeats beyond the caps, or ``tz``
    is not an IANA zone. Findings that leave the description usable (a name that claims another
    container, audio cut short, an estimated length, a time that cannot be read) are returned as
    ``problems``.
    """
    zone = _zone(name, tz)
    if not data:
        raise ImportInputError(name, "byte 0", _said("import.empty_file"))
    container = _sniff(data)
    if container is None:
        raise ImportInputError(name, "byte 0", _not_a_recording_reason(name, data))
    reader = _Reader(name, data)
    try:
        found = _read(reader, container, zone, tz)
    except ImportInputError:
        raise
    except Exception as error:  # a gap in our own checks: still named, never a crash
        raise ImportInputError(
            name,
            "",
            _said(
                "recording.damaged",
                format=CONTAINERS[container],
                error=_short(error),
                **failure_facts(error),
            ),
        ) from error
    problems: list[ParseProblem] = []
    claimed = _misnamed(name, found.container)
    if claimed is not None:
        problems.append(
            ParseProblem(
                name, "file name", _said("recording.misnamed", claimed=claimed, format=found.label)
            )
        )
    problems.extend(reader.problems)
    stamp = found.stamp
    return ParsedRecording(
        name=name,
        format_name=FORMAT_NAME,
        parser_version=PARSER_VERSION,
        detection_reason=_reason(found, claimed),
        container=found.container,
        media=found.media,
        mime=_MIME.get((found.container, found.media), "application/octet-stream"),
        duration_seconds=found.duration,
        recorded_at_utc=None if stamp is None else stamp.utc,
        recorded_at_text=None if stamp is None else stamp.text,
        time_basis=None if stamp is None else stamp.basis,
        timezone=tz,
        make=found.make,
        model=found.model,
        software=found.software,
        codecs=tuple(dict.fromkeys(found.codecs)),
        width=found.width,
        height=found.height,
        sample_rate=found.sample_rate,
        channels=found.channels,
        problems=tuple(problems),
    )


def _zone(name: str, tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ImportInputError(name, "time zone", _said("import.unknown_zone", tz=tz)) from None


def _not_a_recording_reason(name: str, data: Data) -> str:
    brands = _brands(data)
    if brands is not None and _iso_kind(data) == "image":
        return _said("recording.still_image", brand=_fourcc(brands[0]))
    head = data[:8].hex(" ")
    claim = _claimed(name)
    if claim is not None:
        return _said("recording.not_recording_misnamed", claimed=claim[1], head=head)
    return _said("recording.not_recording", head=head)


def _short(error: BaseException) -> str:
    return _clean(str(error)) or type(error).__name__


def _clean(value: str) -> str:
    text = _CONTROL_CHARS.sub(" ", value).strip()
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


def _text(raw: bytes, encoding: str = "utf-8") -> str | None:
    """Bytes of a text field as clean text: NULs and control characters gone, length capped."""
    text = _clean(raw[: _MAX_TEXT * 4].decode(encoding, errors="replace"))
    return text or None


def _fourcc(kind: bytes) -> str:
    if all(0x20 <= b < 0x7F or b == 0xA9 for b in kind):
        return kind.decode("latin-1")
    return "0x" + kind.hex()


class _Reader:
    """The bytes of one file, the problems found so far and the element count."""

    __slots__ = ("data", "elements", "name", "problems")

    def __init__(self, name: str, data: Data) -> None:
        self.name = name
        self.data = data
        self.problems: list[ParseProblem] = []
        self.elements = 0

    def fail(self, locator: str, reason: Phrase) -> NoReturn:
        raise ImportInputError(self.name, locator, reason)

    def warn(self, locator: str, reason: Phrase) -> None:
        self.problems.append(ParseProblem(self.name, locator, reason))

    def count(self, locator: str) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            self.fail(locator, _said("recording.too_many", limit=MAX_ELEMENTS))


@dataclass(frozen=True, slots=True)
class _Stamp:
    utc: datetime
    text: str
    basis: str


@dataclass(slots=True)
class _Found:
    """What a container parser found; parse_recording turns it into a ParsedRecording."""

    container: str
    label: str
    media: str = "audio"
    codecs: list[str] = field(default_factory=list)
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    sample_rate: int | None = None
    channels: int | None = None
    make: str | None = None
    model: str | None = None
    software: str | None = None
    stamp: _Stamp | None = None


def _read(r: _Reader, container: str, zone: ZoneInfo, tz: str) -> _Found:
    found = _read_container(r, container, _Times(r, zone, tz))
    seconds = found.duration
    if seconds is not None and not (math.isfinite(seconds) and 0 <= seconds <= MAX_SECONDS):
        shown = f"{seconds:.0f}" if math.isfinite(seconds) else str(seconds)
        r.warn("file", _said("recording.implausible_length", seconds=shown))
        found.duration = None
    return found


def _read_container(r: _Reader, container: str, times: _Times) -> _Found:
    if container in ("mp4", "mov", "m4a", "3gp"):
        return _iso(r, container, times)
    if container == "wav":
        return _wav(r, times)
    if container == "mp3":
        return _mp3(r, times)
    if container in ("amr", "amr-wb"):
        return _amr(r, container)
    if container == "silk":
        return _silk(r)
    if container == "ogg":
        return _ogg(r, times)
    if container in ("webm", "mkv"):
        return _matroska(r, times)
    if container == "flac":
        return _flac(r, _skip_id3(r.data), times)
    return _aac(r, _skip_id3(r.data))


# --- times -----------------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(\d{4})[-:/.](\d{1,2})[-:/.](\d{1,2})"
    r"(?:(?:[T ]|\s+)(\d{1,2})[:.\-](\d{2})(?:[:.\-](\d{2})(?:[.,]\d{1,9})?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
)
_DATE_ONLY = re.compile(r"\d{4}(?:[-:/.]\d{1,2}){0,2}")


class _Times:
    """Turns the times a file states into aware UTC, with problems for what cannot be used."""

    def __init__(self, r: _Reader, zone: ZoneInfo, tz: str) -> None:
        self.r = r
        self.zone = zone
        self.tz = tz

    def _in_range(self, moment: datetime) -> bool:
        return _YEARS[0] <= moment.year <= _YEARS[1]

    def since(
        self, locator: str, epoch: datetime, seconds: int, micro: int, raw: str, basis: str
    ) -> _Stamp | None:
        """A UTC count of seconds (and microseconds) since ``epoch``."""
        earliest = datetime(_YEARS[0], 1, 1, tzinfo=UTC)
        latest = datetime(_YEARS[1] + 1, 1, 1, tzinfo=UTC)
        if not (earliest - epoch).total_seconds() <= seconds < (latest - epoch).total_seconds():
            self.r.warn(locator, _said("recording.time_out_of_range", value=raw))
            return None
        moment = epoch + timedelta(seconds=seconds, microseconds=micro)
        return _Stamp(moment, raw, basis)

    def text(self, locator: str, raw: str, source: str) -> tuple[_Stamp | None, bool]:
        """A date and time as written; True when the text stated its own offset."""
        value = raw.strip()
        match = _DATE_TIME.fullmatch(value)
        if match is None or match.group(4) is None:
            if match is not None or _DATE_ONLY.fullmatch(value):
                self.r.warn(locator, _said("recording.date_only", value=raw))
            else:
                self.r.warn(locator, _said("recording.bad_time", value=raw))
            return None, False
        year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
        second = int(match.group(6) or 0)
        try:
            naive = datetime(year, month, day, hour, minute, second)
        except ValueError:
            self.r.warn(locator, _said("recording.bad_time", value=raw))
            return None, False
        if not self._in_range(naive):
            self.r.warn(locator, _said("recording.time_out_of_range", value=raw))
            return None, False
        offset_text = match.group(7)
        if offset_text is not None:
            offset = _offset(offset_text)
            if offset is None:
                self.r.warn(locator, _said("recording.bad_time", value=raw))
                return None, False
            moment = naive.replace(tzinfo=timezone(offset)).astimezone(UTC)
            stamp = _Stamp(
                moment, raw, _said("recording.basis_offset", source=source, offset=offset_text)
            )
        else:
            moment = self._local(locator, naive, value)
            stamp = _Stamp(moment, raw, _said("recording.basis_local", zone=self.tz, source=source))
        if not self._in_range(moment):
            self.r.warn(locator, _said("recording.time_out_of_range", value=raw))
            return None, False
        return stamp, offset_text is not None

    def _local(self, locator: str, naive: datetime, shown: str) -> datetime:
        local = naive.replace(tzinfo=self.zone)
        if local.astimezone(UTC).astimezone(self.zone).replace(tzinfo=None) != naive:
            self.r.warn(locator, _said("recording.time_gap", time=shown, zone=self.tz))
        elif local.utcoffset() != local.replace(fold=1).utcoffset():
            self.r.warn(locator, _said("recording.time_twice", time=shown, zone=self.tz))
        return local.astimezone(UTC)


def _offset(text: str) -> timedelta | None:
    if text in ("Z", "UTC", "GMT"):
        return timedelta(0)
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if text[0] == "-" else delta


def _best(*candidates: tuple[_Stamp | None, int]) -> _Stamp | None:
    """The stamp of the best rank (lowest number) among those present."""
    present = [(rank, stamp) for stamp, rank in candidates if stamp is not None]
    return min(present, key=lambda item: item[0])[1] if present else None


# --- ISO BMFF / QuickTime --------------------------------------------------------------------

_ISO_CONTAINERS: Final = frozenset(
    {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"edts", b"dinf", b"mvex", b"ilst"}
)
_EPOCH_1904: Final = datetime(1904, 1, 1, tzinfo=UTC)
_EPOCH_2001: Final = datetime(2001, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class _Box:
    kind: bytes
    start: int  # payload
    end: int
    path: str
    children: list[_Box]

    def child(self, kind: bytes) -> _Box | None:
        return next((box for box in self.children if box.kind == kind), None)

    def find(self, *kinds: bytes) -> _Box | None:
        box: _Box | None = self
        for kind in kinds:
            box = None if box is None else box.child(kind)
        return box

    @property
    def size(self) -> int:
        return self.end - self.start


def _iso_boxes(
    r: _Reader, start: int, end: int, parent: str, depth: int, items: bool = False, label: str = ""
) -> list[_Box]:
    """The boxes in ``data[start:end]``, descending into the containers we read from."""
    data = r.data
    boxes: list[_Box] = []
    seen: dict[bytes, int] = {}
    pos = start
    while pos < end:
        left = end - pos
        if left < 8:
            if depth == 0:  # inside a box, QuickTime ends some lists with 4 zero bytes
                r.warn(f"byte {pos}", _said("recording.trailing_bytes", count=left, format=label))
            break
        size, kind = _u32(data, pos), data[pos + 4 : pos + 8]
        number = seen[kind] = seen.get(kind, 0) + 1
        name = _fourcc(kind)
        if kind == b"trak" or number > 1:
            name += f"[{number}]"
        path = f"{parent}/{name}" if parent else name
        r.count(path)
        header = 8
        if size == 1:
            if left < 16:
                r.fail(path, _said("recording.cut", left=left))
            size, header = _u64(data, pos + 8), 16
        elif size == 0:
            size = left  # to the end of the file (or of the enclosing box)
        if size < header:
            r.fail(path, _said("recording.too_small", part=path, size=size, header=header))
        if size > left:
            r.fail(path, _said("recording.past_end", part=path, size=size, left=left))
        payload, box_end = pos + header, pos + size
        children: list[_Box] = []
        if kind in _ISO_CONTAINERS or kind == b"meta" or items:
            if depth + 1 > MAX_DEPTH:
                r.fail(path, _said("recording.too_deep", limit=MAX_DEPTH))
            inner = payload
            if kind == b"meta" and data[payload : payload + 4] == b"\x00\x00\x00\x00":
                inner += 4  # ISO full box; QuickTime's meta has no version and flags
            children = _iso_boxes(r, inner, box_end, path, depth + 1, items=kind == b"ilst")
        boxes.append(_Box(kind, payload, box_end, path, children))
        pos = box_end
    return boxes


def _need(r: _Reader, box: _Box, need: int) -> None:
    if box.size < need:
        r.fail(box.path, _said("recording.too_short", part=box.path, size=box.size, need=need))


def _iso(r: _Reader, container: str, times: _Times) -> _Found:
    data = r.data
    top = _iso_boxes(r, 0, len(data), "", 0, label=CONTAINERS[container])
    moov = next((box for box in top if box.kind == b"moov"), None)
    if moov is None:
        r.fail("moov", _said("recording.no_moov"))
    found = _Found(container, CONTAINERS[container])
    mvhd = moov.child(b"mvhd")
    if mvhd is None:
        r.fail(moov.path, _said("recording.missing_part", part="mvhd"))
    created, timescale, duration = _iso_times(r, mvhd)
    if timescale and duration is not None and duration > 0:
        found.duration = duration / timescale
    elif timescale:
        mehd = moov.find(b"mvex", b"mehd")  # fragmented: the fragments' total length
        if mehd is not None and mehd.size >= 8:
            wide = data[mehd.start] == 1 and mehd.size >= 12
            total = _u64(data, mehd.start + 4) if wide else _u32(data, mehd.start + 4)
            found.duration = total / timescale if total else None
    else:
        r.warn(mvhd.path, _said("recording.bad_field", part="mvhd timescale"))

    track_durations: list[float] = []
    for trak in (box for box in moov.children if box.kind == b"trak"):
        track_durations.extend(_iso_track(r, trak, found))
    if not found.codecs:
        r.fail(moov.path, _said("recording.no_tracks"))
    if found.duration is None and track_durations:
        found.duration = max(track_durations)
    if found.duration is None:
        r.warn(mvhd.path, _said("recording.no_duration"))

    meta = _iso_metadata(r, moov, times)
    found.make, found.model, found.software = (
        meta.get("make"),
        meta.get("model"),
        meta.get("software"),
    )
    mvhd_stamp = None
    if created:
        mvhd_stamp = times.since(
            f"{mvhd.path} creation time",
            _EPOCH_1904,
            created,
            0,
            str(created),
            _said("recording.basis_mvhd"),
        )
    stated, stated_offset = meta.stamp, meta.stamp_has_offset
    # A stated offset is explicit; mvhd is UTC by definition; a local time needs the zone given.
    found.stamp = _best((stated, 0 if stated_offset else 2), (mvhd_stamp, 1))
    return found


def _iso_times(r: _Reader, box: _Box) -> tuple[int, int, int | None]:
    """(creation time, timescale, duration or None when unknown) of an mvhd or mdhd box."""
    data = r.data
    _need(r, box, 4)
    version = data[box.start]
    if version == 1:
        _need(r, box, 32)
        created = _u64(data, box.start + 4)
        timescale, duration = _u32(data, box.start + 20), _u64(data, box.start + 24)
        unknown = 0xFFFFFFFFFFFFFFFF
    elif version == 0:
        _need(r, box, 20)
        created = _u32(data, box.start + 4)
        timescale, duration = _u32(data, box.start + 12), _u32(data, box.start + 16)
        unknown = 0xFFFFFFFF
    else:
        r.fail(box.path, _said("recording.bad_version", part=box.path, version=version))
    return created, timescale, None if duration == unknown else duration


def _iso_track(r: _Reader, trak: _Box, found: _Found) -> list[float]:
    """Read one track into ``found``; returns its length in seconds when it states one."""
    data = r.data
    mdia = trak.child(b"mdia")
    hdlr = None if mdia is None else mdia.child(b"hdlr")
    if mdia is None or hdlr is None:
        return []
    _need(r, hdlr, 12)
    handler = data[hdlr.start + 8 : hdlr.start + 12]
    if handler not in (b"vide", b"soun"):
        return []  # timecode, hint, text and metadata tracks
    lengths: list[float] = []
    timescale = 0
    mdhd = mdia.child(b"mdhd")
    if mdhd is not None:
        _created, timescale, duration = _iso_times(r, mdhd)
        if timescale and duration:
            lengths.append(duration / timescale)
    stsd = mdia.find(b"minf", b"stbl", b"stsd")
    entry = None if stsd is None else _sample_entry(r, stsd)
    if entry is not None:
        found.codecs.append(_fourcc(data[entry - 4 : entry]))
    if handler == b"vide":
        if found.media != "video":
            found.media = "video"
            found.width, found.height = _track_size(r, trak, entry)
        return lengths
    if found.sample_rate is None and found.channels is None:
        rate, channels = _sound_entry(data, entry) if entry is not None else (None, None)
        if 0 < timescale <= 768_000 and rate in (None, timescale & 0xFFFF):
            # a sound track's time scale is its sample rate; the entry's 16.16 field cannot
            # hold rates from 65 536 Hz up (96 kHz reads as 30 464)
            rate = timescale
        found.sample_rate, found.channels = rate, channels
    return lengths


def _sample_entry(r: _Reader, stsd: _Box) -> int | None:
    """The payload offset of the first sample entry in an stsd box (its codec is the 4 bytes
    before it), or None when the box lists none."""
    data = r.data
    _need(r, stsd, 8)
    if _u32(data, stsd.start + 4) == 0 or stsd.size < 16:
        return None
    pos = stsd.start + 8
    size = _u32(data, pos)
    path = f"{stsd.path}/{_fourcc(data[pos + 4 : pos + 8])}"
    if size < 8:
        r.fail(path, _said("recording.too_small", part=path, size=size, header=8))
    if size > stsd.end - pos:
        r.fail(path, _said("recording.past_end", part=path, size=size, left=stsd.end - pos))
    return pos + 8


def _entry_end(data: Data, entry: int) -> int:
    return entry - 8 + _u32(data, entry - 8)


def _sound_entry(data: Data, entry: int) -> tuple[int | None, int | None]:
    """Sample rate and channels of a sound sample entry (ISO, QuickTime v0/v1/v2)."""
    end = _entry_end(data, entry)
    if end - entry < 28:
        return None, None
    version = _u16(data, entry + 8)
    channels, rate = _u16(data, entry + 16), _u32(data, entry + 24) >> 16
    if version == 2 and end - entry >= 44:
        (wide_rate,) = struct.unpack_from(">d", data, entry + 32)
        channels = _u32(data, entry + 40)
        rate = round(wide_rate) if math.isfinite(wide_rate) and 0 < wide_rate < 1e7 else 0
    return (
        rate if 0 < rate <= 768_000 else None,
        channels if 0 < channels <= 255 else None,
    )


def _track_size(r: _Reader, trak: _Box, entry: int | None) -> tuple[int | None, int | None]:
    """Width and height from tkhd (16.16 fixed point), else from the video sample entry."""
    data = r.data
    tkhd = trak.child(b"tkhd")
    if tkhd is not None:
        _need(r, tkhd, 4)
        version = data[tkhd.start]
        if version not in (0, 1):
            r.fail(tkhd.path, _said("recording.bad_version", part=tkhd.path, version=version))
        at = 76 if version == 0 else 88
        _need(r, tkhd, at + 8)
        width, height = _u32(data, tkhd.start + at) >> 16, _u32(data, tkhd.start + at + 4) >> 16
        if width and height:
            return width, height
    if entry is not None and _entry_end(data, entry) - entry >= 28:
        width, height = _u16(data, entry + 24), _u16(data, entry + 26)
        if width and height:
            return width, height
    return None, None


@dataclass(slots=True)
class _IsoMeta:
    fields: dict[str, str] = field(default_factory=dict)
    stamp: _Stamp | None = None
    stamp_has_offset: bool = False

    def get(self, key: str) -> str | None:
        return self.fields.get(key)

    def offer(self, key: str, value: str | None) -> None:
        if value and key not in self.fields:
            self.fields[key] = value


_MDTA_KEYS: Final = {
    "com.apple.quicktime.make": "make",
    "com.apple.quicktime.model": "model",
    "com.apple.quicktime.software": "software",
    "com.apple.quicktime.creationdate": "date",
    "com.android.manufacturer": "make",
    "com.android.model": "model",
}
_UDTA_KEYS: Final = {
    b"\xa9mak": "make",
    b"\xa9mod": "model",
    b"\xa9swr": "software",
    b"\xa9too": "software",
    b"\xa9day": "date",
}


def _iso_metadata(r: _Reader, moov: _Box, times: _Times) -> _IsoMeta:
    """Device, software and date from the QuickTime keys, the udta texts and the iTunes list,
    in that order of preference."""
    meta = _IsoMeta()
    dates: list[tuple[str, str, str]] = []  # (locator, text, source)
    mdta = moov.child(b"meta")
    if mdta is not None:
        for key, (locator, value) in _mdta_items(r, mdta).items():
            wanted = _MDTA_KEYS.get(key)
            if wanted == "date":
                dates.append((locator, value, key))
            elif wanted is not None:
                meta.offer(wanted, value)
    udta = moov.child(b"udta")
    ilst = None if udta is None else udta.find(b"meta", b"ilst")
    # QuickTime user-data texts, then iTunes-style items: the same keys, read two ways
    for boxes, read in (
        ([] if udta is None else udta.children, _udta_text),
        ([] if ilst is None else ilst.children, _data_value),
    ):
        for box in boxes:
            wanted = _UDTA_KEYS.get(box.kind)
            if wanted is None:
                continue
            said = read(r.data, box)
            if wanted == "date" and said:
                dates.append((box.path, said, _fourcc(box.kind)))
            else:
                meta.offer(wanted, said)
    local: _Stamp | None = None
    for locator, value, source in dates:
        stamp, has_offset = times.text(locator, value, source)
        if stamp is not None and has_offset:
            meta.stamp, meta.stamp_has_offset = stamp, True
            return meta
        local = local or stamp
    meta.stamp = local
    return meta


def _mdta_items(r: _Reader, meta: _Box) -> dict[str, tuple[str, str]]:
    """QuickTime metadata: key name -> (locator, text value), from the keys and ilst boxes."""
    data = r.data
    keys_box, ilst = meta.child(b"keys"), meta.child(b"ilst")
    if keys_box is None or ilst is None or keys_box.size < 8:
        return {}
    names: list[str] = []
    pos, end = keys_box.start + 8, keys_box.end
    for _ in range(_u32(data, keys_box.start + 4)):
        if end - pos < 8:
            break
        size = _u32(data, pos)
        r.count(keys_box.path)
        if size < 8 or size > end - pos:
            r.warn(keys_box.path, _said("recording.tags_unreadable", part=keys_box.path))
            break
        names.append(_text(data[pos + 8 : pos + size]) or "")
        pos += size
    items: dict[str, tuple[str, str]] = {}
    for item in ilst.children:
        index = _u32(item.kind, 0)
        if not 1 <= index <= len(names):
            continue
        value = _data_value(data, item)
        if value is not None and names[index - 1] not in items:
            items[names[index - 1]] = (f"{ilst.path}/{names[index - 1]}", value)
    return items


def _data_value(data: Data, item: _Box) -> str | None:
    """The text of an ilst item's first ``data`` box (UTF-8 or UTF-16), else None."""
    box = item.child(b"data")
    if box is None or box.size < 8:
        return None
    kind = _u32(data, box.start) & 0xFFFFFF
    raw = data[box.start + 8 : box.end]
    if kind in (0, 1):
        return _text(raw)
    if kind == 2:
        return _text(raw, "utf-16-be")
    return None


def _udta_text(data: Data, box: _Box) -> str | None:
    """A QuickTime user-data text (2-byte length, 2-byte language, text), or an iTunes-style
    item holding a ``data`` box."""
    if box.size >= 8 and data[box.start + 4 : box.start + 8] == b"data":
        return _data_value(data, _Box(box.kind, box.start, box.end, box.path, [_inner(data, box)]))
    if box.size < 4:
        return None
    length = _u16(data, box.start)
    return _text(data[box.start + 4 : min(box.end, box.start + 4 + length)])


def _inner(data: Data, box: _Box) -> _Box:
    size = min(max(_u32(data, box.start), 8), box.size)
    return _Box(b"data", box.start + 8, box.start + size, box.path + "/data", [])


# --- WAV -------------------------------------------------------------------------------------

_WAV_CODECS: Final = {
    0x0001: "pcm",
    0x0002: "ms-adpcm",
    0x0003: "ieee-float",
    0x0006: "alaw",
    0x0007: "mulaw",
    0x0011: "ima-adpcm",
    0x0031: "gsm610",
    0x0040: "g721",
    0x0050: "mpeg",
    0x0055: "mp3",
    0x0064: "g726",
    0x0065: "g722",
    0x0161: "wma",
}
_PCM_LIKE: Final = frozenset({"pcm", "ieee-float", "alaw", "mulaw"})


@dataclass(slots=True)
class _WavFormat:
    codec: str
    channels: int
    rate: int
    byte_rate: int
    block_align: int


def _wav(r: _Reader, times: _Times) -> _Found:
    data = r.data
    n = len(data)
    found = _Found("wav", CONTAINERS["wav"])
    wide = data[:4] != b"RIFF"  # RF64 / BW64: sizes over 4 GB live in the ds64 chunk
    riff_size = _le32(data, 4)
    end = n
    if not wide and 4 <= riff_size < 0xFFFFFFFF and 8 + riff_size < n:
        end = 8 + riff_size + (riff_size & 1)
        if n > end:
            r.warn(f"byte {end}", _said("recording.trailing_bytes", count=n - end, format="WAV"))
    fmt: _WavFormat | None = None
    audio: tuple[int, int] | None = None  # (offset, bytes present)
    ds64_size: int | None = None
    fact_samples: int | None = None
    info: dict[bytes, tuple[str, str]] = {}
    bext: tuple[str, str] | None = None
    pos = 12
    while pos < end:
        if end - pos < 8:
            r.warn(f"byte {pos}", _said("recording.trailing_bytes", count=end - pos, format="WAV"))
            break
        chunk, size = data[pos : pos + 4], _le32(data, pos + 4)
        locator = f"byte {pos}"
        r.count(locator)
        body = pos + 8
        left = end - body
        if chunk == b"data":
            audio = (body, _wav_data_size(r, locator, size, left, ds64_size))
            pos = body + audio[1] + (audio[1] & 1)
            continue
        if size > left:
            r.fail(locator, _said("recording.past_end", part=_fourcc(chunk), size=size, left=left))
        if chunk == b"fmt ":
            fmt = _wav_format(r, locator, body, size)
        elif chunk == b"ds64" and size >= 16:
            ds64_size = _le32(data, body + 8) | (_le32(data, body + 12) << 32)
        elif chunk == b"fact" and size >= 4:
            fact_samples = _le32(data, body)
        elif chunk == b"LIST" and data[body : body + 4] == b"INFO":
            info = _wav_info(r, body + 4, body + size)
        elif chunk == b"bext" and size >= 338:
            day = (_text(data[body + 320 : body + 330], "latin-1") or "").strip()
            clock = (_text(data[body + 330 : body + 338], "latin-1") or "").strip()
            if day and clock:
                bext = (f"{locator} (bext)", f"{day} {clock}")
        pos = body + size + (size & 1)
    if fmt is None:
        r.fail("byte 12", _said("recording.missing_part", part="fmt"))
    if audio is None:
        r.fail("byte 12", _said("recording.no_audio_data"))
    found.codecs.append(fmt.codec)
    found.sample_rate, found.channels = fmt.rate, fmt.channels
    present = audio[1]
    if fmt.codec in _PCM_LIKE and fmt.block_align > 0:
        found.duration = (present // fmt.block_align) / fmt.rate
    elif fact_samples and present == _declared_data(data, audio[0]):
        found.duration = fact_samples / fmt.rate
    elif fmt.byte_rate > 0:
        found.duration = present / fmt.byte_rate
    else:
        r.warn("byte 12", _said("recording.no_duration"))
    software = info.get(b"ISFT")
    found.software = None if software is None else software[1]
    # bext's origination date and time first (a recorder's), then the INFO creation date
    dated = [(bext, "bext"), (info.get(b"ICRD"), "ICRD")]
    stamps = [times.text(where[0], where[1], source)[0] for where, source in dated if where]
    found.stamp = next((stamp for stamp in stamps if stamp is not None), None)
    return found


def _declared_data(data: Data, body: int) -> int:
    return _le32(data, body - 4)


def _wav_data_size(r: _Reader, locator: str, size: int, left: int, ds64: int | None) -> int:
    """How many bytes of the data chunk are present; a cut or unsized chunk is a problem."""
    declared = ds64 if size == 0xFFFFFFFF and ds64 is not None else size
    if declared in (0, 0xFFFFFFFF) and left > 0:
        r.warn(locator, _said("recording.size_placeholder", declared=declared))
        return left
    if declared > left:
        r.warn(locator, _said("recording.data_short", declared=declared, present=left))
        return left
    return declared


def _wav_format(r: _Reader, locator: str, body: int, size: int) -> _WavFormat:
    data = r.data
    if size < 16:
        r.fail(locator, _said("recording.too_short", part="fmt", size=size, need=16))
    tag, channels, rate = _le16(data, body), _le16(data, body + 2), _le32(data, body + 4)
    byte_rate, block_align = _le32(data, body + 8), _le16(data, body + 12)
    if tag == 0xFFFE and size >= 40:
        tag = _le16(data, body + 24)  # WAVE_FORMAT_EXTENSIBLE: the sub-format GUID's first two
    if channels == 0 or rate == 0:
        r.fail(locator, _said("recording.bad_format", channels=channels, rate=rate))
    codec = _WAV_CODECS.get(tag, f"format-0x{tag:04x}")
    return _WavFormat(codec, channels, rate, byte_rate, block_align)


def _wav_info(r: _Reader, start: int, end: int) -> dict[bytes, tuple[str, str]]:
    data = r.data
    found: dict[bytes, tuple[str, str]] = {}
    pos = start
    while end - pos >= 8:
        chunk, size = data[pos : pos + 4], _le32(data, pos + 4)
        r.count(f"byte {pos}")
        if size > end - pos - 8:
            r.warn(f"byte {pos}", _said("recording.tags_unreadable", part="LIST INFO"))
            break
        value = _text(data[pos + 8 : pos + 8 + size])
        if value and chunk not in found:
            found[chunk] = (f"byte {pos} ({_fourcc(chunk)})", value)
        pos += 8 + size + (size & 1)
    return found


# --- MP3 -------------------------------------------------------------------------------------

_MPEG_BITRATES: Final = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (2, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES: Final = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 25: (11025, 12000, 8000)}
_MPEG_VERSIONS: Final = {0: 25, 2: 2, 3: 1}
_MPEG_SEARCH: Final = 65536  # bytes after the tags searched for the first frame


@dataclass(frozen=True, slots=True)
class _MpegFrame:
    version: int  # 1, 2 or 25 (MPEG 2.5)
    layer: int  # 2 or 3 (layer I is not read: its header is a UTF-16 byte-order mark)
    bitrate: int  # kbit/s
    rate: int
    channels: int
    length: int
    samples: int


def _mpeg_header(data: Data, pos: int) -> _MpegFrame | None:
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return None
    b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
    version = _MPEG_VERSIONS.get((b1 >> 3) & 3)
    layer = 4 - ((b1 >> 1) & 3)
    bitrate_index, rate_index = b2 >> 4, (b2 >> 2) & 3
    if version is None or layer not in (2, 3) or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _MPEG_BITRATES[(min(version, 2), layer)][bitrate_index]
    rate = _MPEG_RATES[version][rate_index]
    samples = 576 if layer == 3 and version != 1 else 1152
    length = samples // 8 * bitrate * 1000 // rate + ((b2 >> 1) & 1)
    return _MpegFrame(version, layer, bitrate, rate, 1 if b3 >> 6 == 3 else 2, length, samples)


def _mpeg_synced(data: Data, pos: int) -> _MpegFrame | None:
    """A whole MPEG audio frame at ``pos``, followed by another like it, a tag or the end."""
    frame = _mpeg_header(data, pos)
    if frame is None or pos + frame.length > len(data):
        return None
    after = pos + frame.length
    if after == len(data) or data[after : after + 3] in (b"TAG", b"APE", b"ID3"):
        return frame
    following = _mpeg_header(data, after)
    if following is None:
        return None
    same = (following.version, following.layer, following.rate)
    return frame if same == (frame.version, frame.layer, frame.rate) else None


def _mp3(r: _Reader, times: _Times) -> _Found:
    data = r.data
    n = len(data)
    tags: dict[str, tuple[str, str]] = {}
    pos = 0
    for _ in range(16):
        end = _id3_end(data, pos)
        if end is None:
            break
        if end > n:
            r.fail(
                f"byte {pos}", _said("recording.past_end", part="ID3", size=end - pos, left=n - pos)
            )
        tags = _id3_frames(r, pos, end) | tags
        pos = end
    start = pos
    frame = None
    while frame is None:
        pos = data.find(b"\xff", pos, min(n, start + _MPEG_SEARCH))
        if pos < 0:
            r.fail(f"byte {start}", _said("recording.no_frame"))
        frame = _mpeg_synced(data, pos)
        if frame is None:
            pos += 1
    found = _Found("mp3", CONTAINERS["mp3"])
    found.codecs.append({3: "mp3", 2: "mp2"}[frame.layer])
    found.sample_rate, found.channels = frame.rate, frame.channels
    audio_end = _audio_end(data, pos)
    present = audio_end - pos
    counted = _frame_count(data, pos, frame)
    if counted is not None:
        frames, declared = counted
        found.duration = frames * frame.samples / frame.rate
        if declared and declared > present:
            r.warn(f"byte {pos}", _said("recording.mp3_short", declared=declared, present=present))
            found.duration *= present / declared
    else:
        found.duration = present * 8 / (frame.bitrate * 1000)
        r.warn(f"byte {pos}", _said("recording.duration_estimated", bitrate=frame.bitrate))
    software = tags.get("TSSE") or tags.get("TENC")
    found.software = None if software is None else software[1]
    date = tags.get("TDRC")
    if date is None and "TYER" in tags:
        locator, year = tags["TYER"]
        day = tags.get("TDAT", ("", ""))[1]
        clock = tags.get("TIME", ("", ""))[1]
        text = year
        if len(day) == 4 and day.isdigit():
            text = f"{year}-{day[2:]}-{day[:2]}"
            if len(clock) == 4 and clock.isdigit():
                text += f" {clock[:2]}:{clock[2:]}"
        date = (locator, text)
    if date is not None:
        found.stamp, _has_offset = times.text(date[0], date[1], "ID3")
    return found


def _audio_end(data: Data, start: int) -> int:
    """The end of the audio: before an ID3v1 tag and an APEv2 tag at the end of the file."""
    end = len(data)
    if end - start >= 128 and data[end - 128 : end - 125] == b"TAG":
        end -= 128
    if end - start >= 32 and data[end - 32 : end - 24] == b"APETAGEX":
        size = _le32(data, end - 20) + (32 if _le32(data, end - 12) & 0x80000000 else 0)
        if 32 <= size <= end - start:
            end -= size
    return end


def _frame_count(data: Data, pos: int, frame: _MpegFrame) -> tuple[int, int | None] | None:
    """(frames, audio bytes or None) from a Xing/Info or VBRI header in the first frame."""
    frame_end = min(pos + frame.length, len(data))
    if frame.layer == 3:
        side = (
            (17 if frame.channels == 1 else 32)
            if frame.version == 1
            else (9 if frame.channels == 1 else 17)
        )
        for at in (pos + 4 + side, pos + 6 + side):
            if data[at : at + 4] in (b"Xing", b"Info") and at + 8 <= frame_end:
                flags = _u32(data, at + 4)
                cursor = at + 8
                frames = declared = None
                if flags & 1 and cursor + 4 <= frame_end:
                    frames, cursor = _u32(data, cursor), cursor + 4
                if flags & 2 and cursor + 4 <= frame_end:
                    declared = _u32(data, cursor)
                return (frames, declared) if frames else None
    at = pos + 36
    if data[at : at + 4] == b"VBRI" and at + 18 <= frame_end:
        frames, declared = _u32(data, at + 14), _u32(data, at + 10)
        return (frames, declared or None) if frames else None
    return None


_ID3_WANTED: Final = {
    "TDRC": "TDRC",
    "TYER": "TYER",
    "TDAT": "TDAT",
    "TIME": "TIME",
    "TSSE": "TSSE",
    "TENC": "TENC",
    "TYE": "TYER",
    "TDA": "TDAT",
    "TIM": "TIME",
    "TSS": "TSSE",
    "TEN": "TENC",
}


def _id3_frames(r: _Reader, start: int, end: int) -> dict[str, tuple[str, str]]:
    """The text frames we read from one ID3v2 tag: name -> (locator, text)."""
    data = r.data
    major, flags = data[start + 3], data[start + 5]
    pos = start + 10
    if flags & 0x40 and major in (3, 4) and end - pos >= 4:  # extended header
        size = _u32(data, pos)
        if major == 4:
            size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[pos : pos + 4]))
            pos += size
        else:
            pos += 4 + size
    id_length, header = (3, 6) if major == 2 else (4, 10)
    found: dict[str, tuple[str, str]] = {}
    while end - pos >= header:
        frame_id = data[pos : pos + id_length]
        if not all(0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A for b in frame_id):
            break  # padding
        raw_size = data[pos + id_length : pos + header - (0 if major == 2 else 2)]
        if major == 4:
            size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(raw_size))
        else:
            size = int.from_bytes(raw_size, "big")
        name = frame_id.decode("ascii")
        r.count(f"byte {pos}")
        if size > end - pos - header:
            r.warn(f"byte {pos}", _said("recording.tags_unreadable", part=f"ID3 {name}"))
            break
        wanted = _ID3_WANTED.get(name)
        if wanted is not None and size >= 1 and wanted not in found:
            value = _id3_text(data[pos + header : pos + header + size])
            if value:
                found[wanted] = (f"ID3 {name}", value)
        pos += header + size
    return found


def _id3_text(raw: bytes) -> str | None:
    encoding = {0: "latin-1", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}.get(raw[0], "latin-1")
    body = raw[1:]
    if encoding.startswith("utf-16"):
        cut = next((i for i in range(0, len(body) - 1, 2) if body[i : i + 2] == b"\0\0"), None)
        body = body if cut is None else body[:cut]
    else:
        body = body.split(b"\0", 1)[0]
    return _text(body, encoding)


# --- AAC (ADTS) ------------------------------------------------------------------------------

_ADTS_RATES: Final = (
    96000,
    88200,
    64000,
    48000,
    44100,
    32000,
    24000,
    22050,
    16000,
    12000,
    11025,
    8000,
    7350,
)


def _adts_header(data: Data, pos: int) -> tuple[int, int, int, int] | None:
    """(rate index, channels, frame length, raw blocks) of an ADTS header at ``pos``, or None."""
    if pos + 7 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xF6 != 0xF0:
        return None
    rate_index = (data[pos + 2] >> 2) & 0xF
    channels = ((data[pos + 2] & 1) << 2) | (data[pos + 3] >> 6)
    length = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | (data[pos + 5] >> 5)
    header = 7 if data[pos + 1] & 1 else 9
    if rate_index >= len(_ADTS_RATES) or length < header:
        return None
    return rate_index, channels, length, (data[pos + 6] & 3) + 1


def _adts_follows(data: Data, pos: int) -> bool:
    first = _adts_header(data, pos)
    if first is None or pos + first[2] > len(data):
        return False
    after = pos + first[2]
    if after == len(data) or data[after : after + 3] in (b"TAG", b"APE", b"ID3"):
        return True
    following = _adts_header(data, after)
    return following is not None and following[0] == first[0]


def _aac(r: _Reader, start: int) -> _Found:
    data = r.data
    n = len(data)
    first = _adts_header(data, start)
    if first is None:
        r.fail(f"byte {start}", _said("recording.no_frame"))
    rate_index, channels, _length, _blocks = first
    samples = 0
    pos = start
    while pos < n:
        header = _adts_header(data, pos)
        if header is None or header[0] != rate_index:
            _stream_end(r, pos)
            break
        if pos + header[2] > n:
            r.warn(f"byte {pos}", _said("recording.frame_cut"))
            break
        samples += 1024 * header[3]
        pos += header[2]
    found = _Found("aac", CONTAINERS["aac"])
    found.codecs.append("aac")
    found.sample_rate = _ADTS_RATES[rate_index]
    found.channels = channels or None  # 0: stated inside the stream, not in the header
    found.duration = samples / found.sample_rate
    return found


def _stream_end(r: _Reader, pos: int) -> None:
    """A frame stream stopped at ``pos``: a trailing tag is fine, anything else a problem."""
    data = r.data
    rest = data[pos:]
    if rest[:3] == b"TAG" and len(rest) == 128:
        return
    if rest[:8] == b"APETAGEX" or (rest[:3] == b"ID3" and _id3_end(data, pos) == len(data)):
        return
    r.warn(f"byte {pos}", _said("recording.bad_frame", count=len(rest)))


# --- AMR and SILK ----------------------------------------------------------------------------

# Bytes per frame, the table-of-contents byte included, by frame type (RFC 4867 §5.3); None is
# a frame type the storage format does not use.
_AMR_SIZES: Final = {
    "amr": (13, 14, 16, 18, 20, 21, 27, 32, 6, None, None, None, None, None, None, 1),
    "amr-wb": (18, 24, 33, 37, 41, 47, 51, 59, 61, 6, None, None, None, None, 1, 1),
}


def _amr(r: _Reader, container: str) -> _Found:
    data = r.data
    n = len(data)
    sizes = _AMR_SIZES[container]
    pos = 9 if container == "amr-wb" else 6
    frames = 0
    while pos < n:
        size = sizes[(data[pos] >> 3) & 0xF]
        if size is None:
            r.warn(f"byte {pos}", _said("recording.bad_frame", count=n - pos))
            break
        if pos + size > n:
            r.warn(f"byte {pos}", _said("recording.frame_cut"))
            break
        frames += 1
        pos += size
    found = _Found(container, CONTAINERS[container])
    found.codecs.append("amr-wb" if container == "amr-wb" else "amr-nb")
    found.sample_rate = 16000 if container == "amr-wb" else 8000
    found.channels = 1
    found.duration = frames * 0.02
    return found


def _silk(r: _Reader) -> _Found:
    """WeChat and QQ voice notes: Skype's SILK v3, 20 ms frames each after a 2-byte length."""
    data = r.data
    n = len(data)
    pos = 10 if data[0] == 0x02 else 9
    frames = 0
    while n - pos >= 2:
        length = _le16(data, pos)
        if length == 0xFFFF:  # the encoder's end marker
            if n - pos > 2:
                r.warn(
                    f"byte {pos + 2}",
                    _said("recording.trailing_bytes", count=n - pos - 2, format="SILK"),
                )
            pos = n
            break
        if pos + 2 + length > n:
            r.warn(f"byte {pos}", _said("recording.frame_cut"))
            pos = n
            break
        frames += 1
        pos += 2 + length
    if pos < n:
        r.warn(f"byte {pos}", _said("recording.frame_cut"))
    found = _Found("silk", CONTAINERS["silk"])
    found.codecs.append("silk")
    found.channels = 1
    found.duration = frames * 0.02
    return found


# --- Ogg -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Page:
    kind: int
    granule: int
    serial: int
    lacing: bytes
    body: int
    end: int


def _ogg_page(data: Data, pos: int) -> _Page | None:
    """The page whose header starts at ``pos`` (its body may run past the data), or None."""
    if data[pos : pos + 4] != b"OggS" or pos + 27 > len(data) or data[pos + 4] != 0:
        return None
    segments = data[pos + 26]
    if pos + 27 + segments > len(data):
        return None
    (granule,) = struct.unpack_from("<q", data, pos + 6)
    lacing = data[pos + 27 : pos + 27 + segments]
    body = pos + 27 + segments
    return _Page(data[pos + 5], granule, _le32(data, pos + 14), lacing, body, body + sum(lacing))


_OGG_CODECS: Final = {b"OpusHead": "opus", b"\x01vorbis": "vorbis", b"Speex   ": "speex"}
_OGG_LABELS: Final = {"opus": "Opus", "vorbis": "Vorbis", "speex": "Speex", "flac": "FLAC"}


def _ogg(r: _Reader, times: _Times) -> _Found:
    data = r.data
    first = _ogg_page(data, 0)
    if first is None or not first.kind & 2:
        r.fail("byte 0", _said("recording.ogg_bad_page"))
    packets = _ogg_header_packets(r, first.serial)
    ident = packets[0]
    codec = next((c for magic, c in _OGG_CODECS.items() if ident.startswith(magic)), None)
    if codec is None and ident.startswith(b"\x7fFLAC") and ident[9:13] == b"fLaC":
        codec = "flac"
    if codec is None:
        shown = _text(ident[:8].lstrip(b"\x00\x01\x7f\x80"), "latin-1") or ident[:8].hex(" ")
        r.fail("byte 0", _said("recording.ogg_codec", codec=shown))
    need = {"opus": 19, "vorbis": 30, "speex": 52, "flac": 51}[codec]
    if len(ident) < need:
        part = f"{_OGG_LABELS[codec]} header"
        r.fail("byte 0", _said("recording.too_short", part=part, size=len(ident), need=need))
    pre_skip = 0
    if codec == "opus":
        channels, pre_skip, rate = ident[9], _le16(ident, 10), _le32(ident, 12)
        granule_rate, rate = 48000, rate or 48000
    elif codec == "vorbis":
        channels, rate = ident[11], _le32(ident, 12)
        granule_rate = rate
    elif codec == "speex":
        rate, channels = _le32(ident, 36), _le32(ident, 48)
        granule_rate = rate
    else:
        rate, channels, _total = _streaminfo(ident[17:51])
        granule_rate = rate
    if not channels or not rate:
        r.fail("byte 0", _said("recording.bad_format", channels=channels, rate=rate))
    found = _Found("ogg", f"Ogg {_OGG_LABELS[codec]}")
    found.codecs.append(codec)
    found.sample_rate, found.channels = rate, channels
    granule = _ogg_last_granule(r, first.serial)
    if granule is not None and granule >= pre_skip:
        found.duration = (granule - pre_skip) / granule_rate
    else:
        r.warn("file end", _said("recording.no_duration"))
    if len(packets) > 1:
        comments = packets[1]
        at = {"opus": 8, "vorbis": 7, "speex": 0, "flac": 4}[codec]
        if (codec != "opus" or comments.startswith(b"OpusTags")) and (
            codec != "vorbis" or comments.startswith(b"\x03vorbis")
        ):
            _apply_comments(r, found, times, comments, at, "Ogg comments")
    return found


def _ogg_header_packets(r: _Reader, serial: int) -> list[bytes]:
    """The first two packets of the stream (identification and comments), as far as present.

    Packets longer than the cap (cover art in the comments) are kept empty."""
    data = r.data
    n = len(data)
    packets: list[bytes] = []
    parts: list[bytes] = []
    kept = 0
    pos = 0
    while pos < n and len(packets) < 2:
        page = _ogg_page(data, pos)
        locator = f"byte {pos}"
        if page is None:
            if packets:
                break
            r.fail(locator, _said("recording.ogg_bad_page"))
        r.count(locator)
        if page.end > n:
            if packets:
                break
            r.fail(
                locator, _said("recording.past_end", part="OggS", size=page.end - pos, left=n - pos)
            )
        if page.serial == serial:
            at = page.body
            for lace in page.lacing:
                if kept + lace <= _MAX_HEADER_PACKET:
                    parts.append(data[at : at + lace])
                kept += lace
                at += lace
                if lace < 255:
                    packets.append(b"".join(parts) if kept <= _MAX_HEADER_PACKET else b"")
                    parts, kept = [], 0
                    if len(packets) == 2:
                        break
        pos = page.end
    if not packets:
        r.fail("byte 0", _said("recording.ogg_bad_page"))
    return packets


def _ogg_last_granule(r: _Reader, serial: int) -> int | None:
    """The granule position of the stream's last complete page, found from the end."""
    data = r.data
    n = len(data)
    limit = max(0, n - 4 * 65536)
    search = n
    cut = False
    while True:
        pos = data.rfind(b"OggS", limit, search)
        if pos < 0:
            return None
        search = pos + 3
        page = _ogg_page(data, pos)
        if page is None:
            continue
        if page.end > n:
            if not cut:
                r.warn(f"byte {pos}", _said("recording.ogg_cut"))
                cut = True
            continue
        if page.end != n and data[page.end : page.end + 4] != b"OggS":
            continue  # "OggS" inside a packet, not a page
        if page.serial == serial and page.granule >= 0:
            return page.granule


def _apply_comments(
    r: _Reader, found: _Found, times: _Times, block: bytes, at: int, part: str
) -> None:
    """Vorbis comments (Ogg, FLAC): DATE, ENCODER; the vendor string names the encoder too."""
    comments = _vorbis_comments(r, block, at, part)
    if comments is None:
        return
    vendor, values = comments
    found.software = values.get("ENCODER") or vendor
    date = values.get("DATE")
    if date is not None:
        found.stamp, _has_offset = times.text(f"{part} DATE", date, "DATE")


def _vorbis_comments(
    r: _Reader, block: bytes, at: int, part: str
) -> tuple[str | None, dict[str, str]] | None:
    n = len(block)
    if n - at < 8:
        return None
    length = _le32(block, at)
    if length > n - at - 8:
        r.warn(part, _said("recording.tags_unreadable", part=part))
        return None
    vendor = _text(block[at + 4 : at + 4 + length])
    pos = at + 4 + length
    count = _le32(block, pos)
    pos += 4
    values: dict[str, str] = {}
    for _ in range(count):
        if n - pos < 4:
            break
        length = _le32(block, pos)
        r.count(part)
        if length > n - pos - 4:
            r.warn(part, _said("recording.tags_unreadable", part=part))
            break
        key, sep, value = block[pos + 4 : pos + 4 + min(length, 4096)].partition(b"=")
        name = key.decode("ascii", errors="replace").upper()
        text = _text(value)
        if sep and text and name not in values:
            values[name] = text
        pos += 4 + length
    return vendor, values


# --- FLAC ------------------------------------------------------------------------------------


def _streaminfo(block: bytes) -> tuple[int, int, int]:
    """(sample rate, channels, total samples) of a 34-byte STREAMINFO block."""
    bits = int.from_bytes(block[10:18], "big")
    return bits >> 44, ((bits >> 41) & 7) + 1, bits & ((1 << 36) - 1)


def _flac(r: _Reader, start: int, times: _Times) -> _Found:
    data = r.data
    n = len(data)
    found = _Found("flac", CONTAINERS["flac"])
    found.codecs.append("flac")
    pos = start + 4
    first, last = True, False
    total = 0
    while not last:
        locator = f"byte {pos}"
        if n - pos < 4:
            r.fail(locator, _said("recording.cut", left=n - pos))
        r.count(locator)
        last, kind = bool(data[pos] & 0x80), data[pos] & 0x7F
        length = int.from_bytes(data[pos + 1 : pos + 4], "big")
        part = f"FLAC block {kind}"
        if length > n - pos - 4:
            r.fail(locator, _said("recording.past_end", part=part, size=length, left=n - pos - 4))
        body = pos + 4
        if first and kind != 0:
            r.fail(locator, _said("recording.flac_no_streaminfo"))
        if kind == 0:
            if length < 34:
                r.fail(locator, _said("recording.too_short", part=part, size=length, need=34))
            rate, channels, total = _streaminfo(data[body : body + 34])
            if rate == 0:
                r.fail(locator, _said("recording.bad_format", channels=channels, rate=rate))
            found.sample_rate, found.channels = rate, channels
        elif kind == 4:
            _apply_comments(r, found, times, data[body : body + length], 0, "VORBIS_COMMENT")
        first = False
        pos = body + length
    if total and found.sample_rate:
        found.duration = total / found.sample_rate
    else:
        r.warn("STREAMINFO", _said("recording.no_duration"))
    if pos >= n:
        r.warn(f"byte {pos}", _said("recording.no_audio"))
    return found


# --- Matroska / WebM -------------------------------------------------------------------------

_EBML: Final = 0x1A45DFA3
_DOCTYPE: Final = 0x4282
_SEGMENT: Final = 0x18538067
_CLUSTER: Final = 0x1F43B675
_INFO: Final = 0x1549A966
_TRACKS: Final = 0x1654AE6B
_TRACK_ENTRY: Final = 0xAE
_VIDEO: Final = 0xE0
_AUDIO: Final = 0xE1
_TIMESTAMP_SCALE: Final = 0x2AD7B1
_DURATION: Final = 0x4489
_DATE_UTC: Final = 0x4461
_MUXING_APP: Final = 0x4D80
_WRITING_APP: Final = 0x5741
_TRACK_TYPE: Final = 0x83
_CODEC_ID: Final = 0x86
_PIXEL_WIDTH: Final = 0xB0
_PIXEL_HEIGHT: Final = 0xBA
_SAMPLING_FREQUENCY: Final = 0xB5
_CHANNELS: Final = 0x9F
_EBML_MASTERS: Final = frozenset({_EBML, _SEGMENT, _INFO, _TRACKS, _TRACK_ENTRY, _VIDEO, _AUDIO})
_EBML_NAMES: Final = {
    _SEGMENT: "Segment",
    _INFO: "Info",
    _TRACKS: "Tracks",
    _TRACK_ENTRY: "TrackEntry",
    _VIDEO: "Video",
    _AUDIO: "Audio",
    _TIMESTAMP_SCALE: "TimestampScale",
    _DURATION: "Duration",
    _DATE_UTC: "DateUTC",
    _SAMPLING_FREQUENCY: "SamplingFrequency",
    _CHANNELS: "Channels",
    _PIXEL_WIDTH: "PixelWidth",
    _PIXEL_HEIGHT: "PixelHeight",
}


@dataclass(slots=True)
class _Element:
    eid: int
    start: int
    end: int
    children: list[_Element]

    def child(self, eid: int) -> _Element | None:
        return next((e for e in self.children if e.eid == eid), None)

    def each(self, eid: int) -> Iterator[_Element]:
        return (e for e in self.children if e.eid == eid)


def _vint(r: _Reader, pos: int, end: int, is_id: bool) -> tuple[int, int, bool]:
    """(value, length, all value bits set) of an EBML variable-length number at ``pos``."""
    data = r.data
    if pos >= end:
        r.fail(f"byte {pos}", _said("recording.cut", left=0))
    first = data[pos]
    length = 9 - first.bit_length() if first else 9
    if length > (4 if is_id else 8):
        r.fail(
            f"byte {pos}", _said("recording.ebml_bad_id" if is_id else "recording.ebml_bad_size")
        )
    if pos + length > end:
        r.fail(f"byte {pos}", _said("recording.cut", left=end - pos))
    raw = int.from_bytes(data[pos : pos + length], "big")
    value = raw & ((1 << (7 * length)) - 1)
    return (raw if is_id else value), length, value == (1 << (7 * length)) - 1


def _ebml_children(r: _Reader, start: int, end: int, depth: int) -> list[_Element]:
    """The elements in ``data[start:end]``, descending into the masters we read from.

    Walking a Segment stops at a Cluster of unknown size (a live recording's): its end cannot be
    found without walking every block, and what we read comes before the clusters. At the top
    level, walking stops after the first Segment (what follows it is not read)."""
    elements: list[_Element] = []
    pos = start
    while pos < end and not (depth == 0 and elements and elements[-1].eid == _SEGMENT):
        locator = f"byte {pos}"
        r.count(locator)
        eid, id_length, _ = _vint(r, pos, end, True)
        size, size_length, unknown = _vint(r, pos + id_length, end, False)
        body = pos + id_length + size_length
        name = _EBML_NAMES.get(eid, f"0x{eid:X}")
        if unknown:
            if eid == _CLUSTER:
                break
            if eid != _SEGMENT:
                r.fail(locator, _said("recording.unknown_size", part=name))
            size = end - body
        if size > end - body:
            r.fail(locator, _said("recording.past_end", part=name, size=size, left=end - body))
        children: list[_Element] = []
        if eid in _EBML_MASTERS:
            if depth + 1 > MAX_DEPTH:
                r.fail(locator, _said("recording.too_deep", limit=MAX_DEPTH))
            children = _ebml_children(r, body, body + size, depth + 1)
        elements.append(_Element(eid, body, body + size, children))
        pos = body + size
    return elements


def _ebml_doctype_guess(data: Data) -> str:
    """ "webm" when the EBML header names it, else "mkv" (the parser checks the header)."""
    return "webm" if b"\x42\x82\x84webm" in data[:64] else "mkv"


def _ebml_uint(r: _Reader, element: _Element | None, part: str) -> int | None:
    if element is None:
        return None
    if element.end - element.start > 8:
        r.warn(f"byte {element.start}", _said("recording.bad_field", part=part))
        return None
    return int.from_bytes(r.data[element.start : element.end], "big")


def _ebml_float(r: _Reader, element: _Element | None, part: str) -> float | None:
    if element is None:
        return None
    raw = r.data[element.start : element.end]
    value: float | None = None
    if len(raw) == 4:
        value = struct.unpack(">f", raw)[0]
    elif len(raw) == 8:
        value = struct.unpack(">d", raw)[0]
    elif not raw:
        value = 0.0
    if value is None or not math.isfinite(value) or value < 0:
        r.warn(f"byte {element.start}", _said("recording.bad_field", part=part))
        return None
    return value


def _ebml_text(r: _Reader, element: _Element | None) -> str | None:
    if element is None:
        return None
    return _text(r.data[element.start : element.end])


def _matroska(r: _Reader, times: _Times) -> _Found:
    top = _ebml_children(r, 0, len(r.data), 0)
    header = top[0]
    if header.eid != _EBML:
        r.fail("byte 0", _said("recording.missing_part", part="EBML"))
    doctype = _ebml_text(r, header.child(_DOCTYPE)) or "matroska"
    if doctype not in ("webm", "matroska"):
        r.fail("byte 0", _said("recording.doctype", doctype=doctype))
    container = "webm" if doctype == "webm" else "mkv"
    segment = next((e for e in top if e.eid == _SEGMENT), None)
    if segment is None:
        r.fail(f"byte {header.end}", _said("recording.missing_part", part="Segment"))
    found = _Found(container, CONTAINERS[container])
    info = segment.child(_INFO)
    if info is not None:
        scale = _ebml_uint(r, info.child(_TIMESTAMP_SCALE), "TimestampScale")
        if scale == 0:
            r.warn(f"byte {info.start}", _said("recording.bad_field", part="TimestampScale"))
        duration = _ebml_float(r, info.child(_DURATION), "Duration")
        if duration is not None and scale != 0:
            found.duration = duration * (scale or 1_000_000) / 1e9
        date = info.child(_DATE_UTC)
        if date is not None and date.end - date.start == 8:
            (nanoseconds,) = struct.unpack(">q", r.data[date.start : date.end])
            seconds, rest = divmod(nanoseconds, 1_000_000_000)
            found.stamp = times.since(
                "DateUTC",
                _EPOCH_2001,
                seconds,
                rest // 1000,
                str(nanoseconds),
                _said("recording.basis_matroska"),
            )
        elif date is not None:
            r.warn(f"byte {date.start}", _said("recording.bad_field", part="DateUTC"))
        found.software = _ebml_text(r, info.child(_WRITING_APP)) or _ebml_text(
            r, info.child(_MUXING_APP)
        )
    tracks = segment.child(_TRACKS)
    kinds = (
        [_matroska_track(r, entry, found) for entry in tracks.each(_TRACK_ENTRY)] if tracks else []
    )
    if not any(kinds):
        r.fail(f"byte {segment.start}", _said("recording.no_tracks"))
    if found.duration is None:
        r.warn(f"byte {segment.start}", _said("recording.no_duration"))
    return found


def _matroska_track(r: _Reader, entry: _Element, found: _Found) -> bool:
    """Read one TrackEntry into ``found``; True when it is an audio or video track."""
    kind = _ebml_uint(r, entry.child(_TRACK_TYPE), "TrackType")
    if kind not in (1, 2):
        return False  # subtitles, buttons, metadata...
    codec = _ebml_text(r, entry.child(_CODEC_ID))
    if codec:
        found.codecs.append(codec)
    if kind == 1 and found.media != "video":
        found.media = "video"
        video = entry.child(_VIDEO)
        if video is not None:
            found.width = _ebml_uint(r, video.child(_PIXEL_WIDTH), "PixelWidth") or None
            found.height = _ebml_uint(r, video.child(_PIXEL_HEIGHT), "PixelHeight") or None
    elif kind == 2 and found.sample_rate is None and found.channels is None:
        audio = entry.child(_AUDIO)
        frequency = None if audio is None else audio.child(_SAMPLING_FREQUENCY)
        count = None if audio is None else audio.child(_CHANNELS)
        # absent elements have the defaults the Matroska specification gives them
        rate = 8000.0 if frequency is None else _ebml_float(r, frequency, "SamplingFrequency")
        channels = 1 if count is None else _ebml_uint(r, count, "Channels")
        found.sample_rate = round(rate) if rate and rate < 1e7 else None
        found.channels = channels or None
    return True


# --- importer object for the registry --------------------------------------------------------


class RecordingImporter:
    """The registry's handle on this module; ``parse`` returns a :class:`ParsedRecording`."""

    name: str = FORMAT_NAME
    version: str = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        return detect_recording(source.name, source.whole())

    def parse(self, source: ExportSource, tz: str) -> ParsedRecording:
        return parse_recording(source.name, source.whole(), tz)


IMPORTER: Final = RecordingImporter()
