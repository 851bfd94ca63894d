"""Screenshots and photos (PNG, JPEG, WebP): metadata and a thumbnail, the original untouched.

The stored evidence is the original file; nothing here re-encodes or alters it. We decode a copy to
prove it is a complete, readable image (a truncated or corrupt file is rejected, not half-shown),
read the EXIF fields a court asks about (when the photo says it was taken, on which device, with
which software) and render a small PNG thumbnail for the review screen.

Safety: only the PNG, JPEG and WebP decoders are ever invoked, the pixel count is capped before any
pixel is decoded (:data:`MAX_PIXELS`), and every decoder failure becomes an
:class:`ImportInputError` naming the file. HEIC/HEIF is recognised but refused with a clear reason:
the only maintained decoder wheel (pillow-heif) ships as GPLv2 binaries because of bundled x265.

Thread note: Pillow reports some findings only as Python warnings, which we capture with
``warnings.catch_warnings``; on Python 3.11 that swaps process-wide state, so a warning raised by
another thread during a parse may be recorded here or lost. It never affects the result's safety:
the pixel cap is our own check, not Pillow's warning.
"""

from __future__ import annotations

import io
import json
import math
import re
import struct
import warnings
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import PurePosixPath
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import ExifTags, Image

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import (
    COMMON_WORDING,
    ExportSource,
    ParseProblem,
    failure_facts,
    sealed_phrase,
    sealed_problem,
)

__all__ = [
    "FORMAT_NAME",
    "IMPORTER",
    "MAX_PIXELS",
    "PARSER_VERSION",
    "THUMBNAIL_MAX",
    "GpsCoordinates",
    "ImageImporter",
    "ParsedImage",
    "detect_image",
    "parse_image",
    "unsupported_image_reason",
]

FORMAT_NAME: Final = "image"
PARSER_VERSION: Final = "2"  # 2: problems and the detection reason sealed as codes and facts
#: Pixel cap (width x height), checked from the header before any decoding. A 100 MP RGBA frame is
#: 400 MB decoded; long stitched screenshots (1080 x 40 000 = 43 MP) stay well below it.
MAX_PIXELS: Final = 100_000_000
#: Longest side of the thumbnail, in pixels. Thumbnails never upscale.
THUMBNAIL_MAX: Final = 320

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_PNG_IEND: Final = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
_AVIF_BRANDS: Final = frozenset({b"avif", b"avis"})
_BMP_HEADER_SIZES: Final = frozenset({12, 40, 52, 56, 64, 108, 124})
# File extension -> the format its name claims; used only to warn about a mismatch.
_EXTENSIONS: Final = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jpe": "JPEG",
    ".jfif": "JPEG",
    ".webp": "WEBP",
    ".heic": "HEIC",
    ".heif": "HEIC",
    ".hif": "HEIC",
    ".avif": "AVIF",
    ".gif": "GIF",
    ".bmp": "BMP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
# Which Pillow plugin may open a sniffed format. Pillow turns a multi-picture JPEG into "MPO".
_PILLOW_FORMATS: Final = {"PNG": ("PNG",), "JPEG": ("JPEG",), "WEBP": ("WEBP",)}
_PILLOW_RESULT: Final = {"PNG": {"PNG"}, "JPEG": {"JPEG", "MPO"}, "WEBP": {"WEBP"}}

# EXIF tags (IFD0 unless noted).
_TAG_MAKE: Final = 0x010F
_TAG_MODEL: Final = 0x0110
_TAG_ORIENTATION: Final = 0x0112
_TAG_SOFTWARE: Final = 0x0131
_TAG_GPS_IFD: Final = 0x8825
_TAG_DATETIME_ORIGINAL: Final = 0x9003  # Exif IFD
_TAG_OFFSET_TIME_ORIGINAL: Final = 0x9011  # Exif IFD
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON, _GPS_ALT_REF, _GPS_ALT = 1, 2, 3, 4, 5, 6

# EXIF orientation -> the transposition that makes the image upright (as ImageOps.exif_transpose).
_ORIENTATION_FIX: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_EXIF_DATETIME = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EXIF_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True, repr=False)
class GpsCoordinates:
    """SENSITIVE: where the photo was taken. Never log it or show it without the user asking.

    ``repr`` is redacted so the coordinates cannot leak into logs or error messages by accident.
    """

    latitude: float
    longitude: float
    altitude_m: float | None = None

    def __repr__(self) -> str:
        return "GpsCoordinates(<redacted>)"


@dataclass(frozen=True, slots=True)
class ParsedImage:
    """What an image import yields. The original bytes are stored by the caller, unchanged.

    ``width``/``height`` are the stored pixel dimensions (before EXIF orientation);
    ``thumbnail_*`` describe the upright thumbnail. EXIF text fields are ``None`` when absent.
    ``taken_at_utc`` is aware UTC, computed from ``exif_datetime_original`` with ``exif_offset``
    when the file has one, else in the IANA zone ``timezone``; ``time_basis`` says which.
    ``gps`` is sensitive (see :class:`GpsCoordinates`) and kept out of ``repr`` and
    :meth:`as_json`; ``gps_present`` is the non-sensitive fact.
    """

    name: str
    format_name: str  # the importer, "image" (as ParsedChat.format_name)
    parser_version: str
    detection_reason: str
    image_format: str  # "PNG", "JPEG" or "WEBP": what the bytes are, whatever the name says
    width: int
    height: int
    mode: str  # Pillow mode of the decoded image: "RGB", "RGBA", "L", "P", "CMYK"...
    frames: int  # > 1 for animated PNG/WebP and multi-picture JPEG; the thumbnail shows frame 1
    timezone: str
    exif_datetime_original: str | None
    exif_offset: str | None
    taken_at_utc: datetime | None
    time_basis: str | None
    make: str | None
    model: str | None
    software: str | None
    orientation: int | None
    gps_present: bool
    thumbnail_png: bytes = field(repr=False)
    thumbnail_width: int
    thumbnail_height: int
    problems: tuple[ParseProblem, ...] = ()
    gps: GpsCoordinates | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, object]:
        """A plain, deterministic representation for normalisation and commitments.

        Leaves out the thumbnail (derived; its PNG bytes depend on the zlib build) and the GPS
        coordinates (sensitive; they remain in the stored original).
        """
        return {
            "name": self.name,
            "format": self.format_name,
            "parser_version": self.parser_version,
            "detection_reason": sealed_phrase(self.detection_reason),
            "image_format": self.image_format,
            "width": self.width,
            "height": self.height,
            "mode": self.mode,
            "frames": self.frames,
            "timezone": self.timezone,
            "exif_datetime_original": self.exif_datetime_original,
            "exif_offset": self.exif_offset,
            "taken_at_utc": None if self.taken_at_utc is None else self.taken_at_utc.isoformat(),
            "time_basis": None if self.time_basis is None else sealed_phrase(self.time_basis),
            "make": self.make,
            "model": self.model,
            "software": self.software,
            "orientation": self.orientation,
            "gps_present": self.gps_present,
            "problems": _sealed_problems(self.problems),
        }


def _sealed_problems(problems: tuple[ParseProblem, ...]) -> list[dict[str, object]]:
    """The problems as sealed, each once: Pillow may warn several times in words the sealed form
    leaves out (how often and in what words is its version's business, not the image's)."""
    sealed: dict[str, dict[str, object]] = {}
    for problem in problems:
        entry = sealed_problem(problem)
        sealed.setdefault(json.dumps(entry, sort_keys=True), entry)
    return list(sealed.values())


_said = Catalogue(
    {
        **COMMON_WORDING,
        "image.detected": "{format} image (file signature)",
        # the time basis of taken_at_utc (sealed as code and facts)
        "image.basis_offset": "EXIF offset {offset}",
        "image.basis_local": "local time in {zone} (no offset in EXIF)",
        "image.detected_misnamed": "{format} image (file signature); the file name says {claimed}",
        "image.unsupported": "{format} images are not supported; save the picture as JPEG or PNG "
        "and import that (keep the original file as well)",
        "image.misnamed": "the file name says {claimed} but the content is {format}",
        "image.too_large": "image is larger than the limit of {limit} pixels",
        "image.no_memory": "not enough memory to decode this image",
        "image.undecodable": "cannot decode the {format} image: {error}",
        "image.invalid": "the content is not a valid {format} image",
        "image.invalid_size": "invalid image size {width}x{height}",
        "image.too_many_pixels": "image is {width}x{height} = {pixels} pixels, more than the "
        "limit of {limit}",
        "image.frames": "{frames} frames; the thumbnail shows the first",
        "image.not_image_misnamed": "the file name says {claimed} but the content is not a PNG, "
        "JPEG or WebP ({head})",
        "image.not_image": "not a PNG, JPEG or WebP image ({head})",
        "image.png_no_end": "no PNG end chunk (IEND); the file may be cut",
        "image.png_trailing": "{count} {count:byte follows|bytes follow} the PNG end chunk",
        "image.jpeg_no_end": "the file does not end with the JPEG end marker (FFD9): other data "
        "follows the image or the file is cut",
        "image.webp_trailing": "{count} {count:byte follows|bytes follow} the WebP data",
        "image.webp_short": "the file is shorter than its WebP header says",
        "image.decoder_warning": "decoder warning: {warning}",
        "image.exif_unreadable": "EXIF could not be read: {error}",
        "image.exif_bad_time": "{value!r} is not a valid date and time",
        "image.exif_bad_offset": "{value!r} is not a UTC offset",
        "image.exif_offset_differs": "the EXIF offset {offset} differs from {zone} at that time "
        "({zone_offset}); the EXIF offset is used",
        "image.exif_no_offset": "the EXIF offset {offset} differs from {zone} at that time "
        "(no offset); the EXIF offset is used",
        "image.time_gap": "{time} does not exist in {zone} (clock change)",
        "image.time_twice": "{time} occurs twice in {zone} (clock change); the first is used",
        "image.bad_orientation": "invalid value {value}; ignored",
        "image.gps_unreadable": "GPS position present but unreadable",
    },
    # Pillow's own text (``warning``, ``error``) is shown but not sealed; the Python class of
    # what it raised or warned (``category``) is what an import seals (ParseProblem.unsealed).
    also={
        "image.decoder_warning": ("category",),
        "image.exif_unreadable": ("category",),
        "image.undecodable": ("category",),
    },
)

# --- detection -------------------------------------------------------------------------------


def _sniff(data: bytes) -> str | None:
    """The image format the leading bytes prove, or None. Never trusts the file name."""
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _sniff_unsupported(data: bytes) -> str | None:
    if len(data) >= 12 and data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in _HEIF_BRANDS:
            return "HEIC/HEIF"
        if brand in _AVIF_BRANDS:
            return "AVIF"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if len(data) >= 26 and data.startswith(b"BM"):
        (header_size,) = struct.unpack_from("<I", data, 14)
        if header_size in _BMP_HEADER_SIZES:
            return "BMP"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    return None


def _claimed_format(name: str) -> str | None:
    return _EXTENSIONS.get(PurePosixPath(name.replace("\\", "/")).suffix.lower())


def detect_image(name: str, data: bytes) -> str | None:
    """A reason when ``data`` is a PNG, JPEG or WebP image (by signature), else None.

    Cheap and never raises. A name whose extension disagrees with the content is still detected
    (messengers save PNG screenshots as ``.jpg``); the reason says so.
    """
    fmt = _sniff(data)
    if fmt is None:
        return None
    claimed = _claimed_format(name)
    if claimed is not None and claimed != fmt:
        return _said("image.detected_misnamed", format=fmt, claimed=claimed)
    return _said("image.detected", format=fmt)


def unsupported_image_reason(name: str, data: bytes) -> str | None:
    """Why an image we recognise but do not import is refused (HEIC, AVIF, GIF...), else None."""
    kind = _sniff_unsupported(data)
    if kind is None:
        return None
    return _said("image.unsupported", format=kind)


# --- parsing ---------------------------------------------------------------------------------


def parse_image(name: str, data: bytes, tz: str) -> ParsedImage:
    """Decode a copy of ``data`` and describe it. ``data`` itself is never modified or re-encoded.

    Raises ImportInputError when the content is not a PNG/JPEG/WebP image, is larger than
    :data:`MAX_PIXELS`, cannot be fully decoded (truncated, corrupt), or ``tz`` is not an IANA zone.
    Findings that do not prevent decoding (unreadable EXIF, trailing bytes, a name that claims
    another format) are returned as ``problems``.
    """
    zone = _zone(name, tz)
    fmt = _sniff(data)
    if fmt is None:
        raise ImportInputError(name, "byte 0", _not_an_image_reason(name, data))
    reason = detect_image(name, data) or _said("image.detected", format=fmt)
    problems: list[ParseProblem] = []
    claimed = _claimed_format(name)
    if claimed is not None and claimed != fmt:
        problems.append(
            ParseProblem(name, "file name", _said("image.misnamed", claimed=claimed, format=fmt))
        )
    problems.extend(_container_problems(name, fmt, data))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Our own MAX_PIXELS check is authoritative; Pillow's lower default would only warn.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            parsed = _decode(name, fmt, data, zone, tz, reason, problems)
        except ImportInputError:
            raise
        except Image.DecompressionBombError:
            raise ImportInputError(
                name, "header", _said("image.too_large", limit=MAX_PIXELS)
            ) from None
        except MemoryError:
            raise ImportInputError(name, "", _said("image.no_memory")) from None
        except Exception as error:  # Pillow's failures on bad input are not a closed set
            raise ImportInputError(
                name,
                "",
                _said("image.undecodable", format=fmt, error=_short(error), **failure_facts(error)),
            ) from error
    warned = _warning_problems(name, caught)
    return replace(parsed, problems=parsed.problems + warned) if warned else parsed


def _decode(
    name: str,
    fmt: str,
    data: bytes,
    zone: ZoneInfo,
    tz: str,
    reason: str,
    problems: list[ParseProblem],
) -> ParsedImage:
    with Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS[fmt]) as im:
        if im.format not in _PILLOW_RESULT[fmt]:
            raise ImportInputError(name, "header", _said("image.invalid", format=fmt))
        width, height = im.size
        if width <= 0 or height <= 0:
            raise ImportInputError(
                name, "header", _said("image.invalid_size", width=width, height=height)
            )
        if width * height > MAX_PIXELS:
            raise ImportInputError(
                name,
                "header",
                _said(
                    "image.too_many_pixels",
                    width=width,
                    height=height,
                    pixels=width * height,
                    limit=MAX_PIXELS,
                ),
            )
        frames = int(getattr(im, "n_frames", 1))
        # Full decode of the first frame: proves the pixel data is complete. Pillow raises on a
        # truncated file as long as ImageFile.LOAD_TRUNCATED_IMAGES stays False (its default).
        im.load()
        if frames > 1:
            problems.append(ParseProblem(name, "frames", _said("image.frames", frames=frames)))
        meta = _read_exif(name, im, zone, tz, problems)
        thumb, thumb_w, thumb_h = _thumbnail(im, meta.orientation)
        return ParsedImage(
            name=name,
            format_name=FORMAT_NAME,
            parser_version=PARSER_VERSION,
            detection_reason=reason,
            image_format=fmt,
            width=width,
            height=height,
            mode=im.mode,
            frames=frames,
            timezone=tz,
            exif_datetime_original=meta.datetime_original,
            exif_offset=meta.offset,
            taken_at_utc=meta.taken_at_utc,
            time_basis=meta.time_basis,
            make=meta.make,
            model=meta.model,
            software=meta.software,
            orientation=meta.orientation,
            gps_present=meta.gps_present,
            thumbnail_png=thumb,
            thumbnail_width=thumb_w,
            thumbnail_height=thumb_h,
            problems=tuple(problems),
            gps=meta.gps,
        )


def _zone(name: str, tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ImportInputError(name, "time zone", _said("import.unknown_zone", tz=tz)) from None


def _not_an_image_reason(name: str, data: bytes) -> str:
    unsupported = unsupported_image_reason(name, data)
    if unsupported is not None:
        return unsupported
    claimed = _claimed_format(name)
    head = data[:8].hex(" ") if data else _said("import.empty_file")
    if claimed is not None:
        return _said("image.not_image_misnamed", claimed=claimed, head=head)
    return _said("image.not_image", head=head)


def _container_problems(name: str, fmt: str, data: bytes) -> list[ParseProblem]:
    """Bytes after the image's end, or a missing end marker, are worth a human look."""
    if fmt == "PNG":
        end = data.rfind(_PNG_IEND)
        if end < 0:
            return [ParseProblem(name, "file end", _said("image.png_no_end"))]
        trailing = len(data) - (end + len(_PNG_IEND))
        if trailing:
            return [ParseProblem(name, "file end", _said("image.png_trailing", count=trailing))]
    elif fmt == "JPEG":
        if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
            return [ParseProblem(name, "file end", _said("image.jpeg_no_end"))]
    elif fmt == "WEBP":
        (riff_size,) = struct.unpack_from("<I", data, 4)
        expected = 8 + riff_size + (riff_size & 1)
        if len(data) > expected:
            extra = len(data) - expected
            return [ParseProblem(name, "file end", _said("image.webp_trailing", count=extra))]
        if len(data) < 8 + riff_size:
            return [ParseProblem(name, "file end", _said("image.webp_short"))]
    return []


def _warning_problems(name: str, caught: list[warnings.WarningMessage]) -> tuple[ParseProblem, ...]:
    """One problem per distinct warning Pillow gave. Its text is shown; only its category (the
    warning's class name) is sealed, since a new Pillow may word it differently."""
    seen: list[str] = []
    for item in caught:
        category = item.category.__name__
        text = _said(
            "image.decoder_warning",
            warning=_clean(str(item.message)) or category,
            category=category,
        )
        if text not in seen:
            seen.append(text)
    return tuple(ParseProblem(name, "decoder", text, unsealed=("warning",)) for text in seen)


def _short(error: BaseException) -> str:
    return _clean(str(error)) or type(error).__name__


def _clean(value: str) -> str:
    text = _CONTROL_CHARS.sub(" ", value).strip()
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


# --- EXIF ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Meta:
    datetime_original: str | None = None
    offset: str | None = None
    taken_at_utc: datetime | None = None
    time_basis: str | None = None
    make: str | None = None
    model: str | None = None
    software: str | None = None
    orientation: int | None = None
    gps_present: bool = False
    gps: GpsCoordinates | None = None


def _read_exif(
    name: str, im: Image.Image, zone: ZoneInfo, tz: str, problems: list[ParseProblem]
) -> _Meta:
    """Read the EXIF fields; a damaged EXIF block becomes a problem, never a failed import."""
    try:
        exif = im.getexif()
        ifd0 = dict(exif)
        sub = dict(exif.get_ifd(ExifTags.IFD.Exif))
        gps_ifd = dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) if _TAG_GPS_IFD in ifd0 else {}
    except Exception as error:  # EXIF parsing in Pillow fails in many ways on damaged data
        problems.append(
            ParseProblem(
                name,
                "EXIF",
                _said("image.exif_unreadable", error=_short(error), category=type(error).__name__),
                unsealed=("error",),
            )
        )
        return _Meta()

    raw_dt = _text(sub.get(_TAG_DATETIME_ORIGINAL))
    raw_offset = _text(sub.get(_TAG_OFFSET_TIME_ORIGINAL))
    taken_at, basis = _taken_at(name, raw_dt, raw_offset, zone, tz, problems)
    orientation = _orientation(name, ifd0.get(_TAG_ORIENTATION), problems)
    gps_present = _GPS_LAT in gps_ifd or _GPS_LON in gps_ifd
    gps = _gps(name, gps_ifd, problems) if gps_present else None
    return _Meta(
        datetime_original=raw_dt,
        offset=raw_offset,
        taken_at_utc=taken_at,
        time_basis=basis,
        make=_text(ifd0.get(_TAG_MAKE)),
        model=_text(ifd0.get(_TAG_MODEL)),
        software=_text(ifd0.get(_TAG_SOFTWARE)),
        orientation=orientation,
        gps_present=gps_present,
        gps=gps,
    )


def _text(value: object) -> str | None:
    """An EXIF ASCII value as clean text: NULs and control characters gone, length capped."""
    if value is None:
        return None
    if isinstance(value, bytes):
        decoded = value.decode("utf-8", errors="replace")
    elif isinstance(value, str):
        decoded = value
    else:
        decoded = str(value)
    text = _clean(decoded)
    return text or None


def _taken_at(
    name: str,
    raw_dt: str | None,
    raw_offset: str | None,
    zone: ZoneInfo,
    tz: str,
    problems: list[ParseProblem],
) -> tuple[datetime | None, str | None]:
    if raw_dt is None:
        return None, None
    locator = "EXIF DateTimeOriginal"
    match = _EXIF_DATETIME.fullmatch(raw_dt)
    naive: datetime | None = None
    if match is not None:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        try:
            naive = datetime(year, month, day, hour, minute, second)
        except ValueError:
            naive = None
    if naive is None:
        problems.append(ParseProblem(name, locator, _said("image.exif_bad_time", value=raw_dt)))
        return None, None

    offset = _offset(raw_offset)
    if raw_offset is not None and offset is None:
        problems.append(
            ParseProblem(
                name, "EXIF OffsetTimeOriginal", _said("image.exif_bad_offset", value=raw_offset)
            )
        )
    if offset is not None:
        stamped = naive.replace(tzinfo=timezone(offset))
        zone_offset = naive.replace(tzinfo=zone).utcoffset()
        if zone_offset != offset:
            problems.append(
                ParseProblem(
                    name,
                    locator,
                    _said(
                        "image.exif_offset_differs",
                        offset=raw_offset,
                        zone=tz,
                        zone_offset=_format_offset(zone_offset),
                    )
                    if zone_offset is not None
                    else _said("image.exif_no_offset", offset=raw_offset, zone=tz),
                )
            )
        return stamped.astimezone(UTC), _said("image.basis_offset", offset=raw_offset)

    local = naive.replace(tzinfo=zone)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        problems.append(ParseProblem(name, locator, _said("image.time_gap", time=raw_dt, zone=tz)))
    elif local.utcoffset() != local.replace(fold=1).utcoffset():
        problems.append(
            ParseProblem(name, locator, _said("image.time_twice", time=raw_dt, zone=tz))
        )
    return local.astimezone(UTC), _said("image.basis_local", zone=tz)


def _offset(raw: str | None) -> timedelta | None:
    if raw is None:
        return None
    match = _EXIF_OFFSET.fullmatch(raw)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    if int(hours) > 14 or int(minutes) >= 60:
        return None
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return -delta if sign == "-" else delta


def _format_offset(delta: timedelta | None) -> str:
    if delta is None:
        return "no offset"
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _orientation(name: str, value: object, problems: list[ParseProblem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 8:
        return value
    problems.append(
        ParseProblem(
            name, "EXIF Orientation", _said("image.bad_orientation", value=_clean(repr(value)))
        )
    )
    return None


def _gps(
    name: str, gps_ifd: dict[int, object], problems: list[ParseProblem]
) -> GpsCoordinates | None:
    latitude = _degrees(gps_ifd.get(_GPS_LAT), gps_ifd.get(_GPS_LAT_REF), "S", 90.0)
    longitude = _degrees(gps_ifd.get(_GPS_LON), gps_ifd.get(_GPS_LON_REF), "W", 180.0)
    if latitude is None or longitude is None:
        problems.append(ParseProblem(name, "EXIF GPS", _said("image.gps_unreadable")))
        return None
    altitude = _number(gps_ifd.get(_GPS_ALT))
    if altitude is not None and gps_ifd.get(_GPS_ALT_REF) in {1, b"\x01", "1"}:
        altitude = -altitude  # GPSAltitudeRef 1: below sea level
    return GpsCoordinates(latitude, longitude, altitude)


def _degrees(value: object, ref: object, negative: str, limit: float) -> float | None:
    if not isinstance(value, tuple) or not 1 <= len(value) <= 3:
        return None
    total = 0.0
    for part, scale in zip(value, (1.0, 60.0, 3600.0), strict=False):
        number = _number(part)
        if number is None or number < 0:
            return None
        total += number / scale
    if not 0.0 <= total <= limit:
        return None
    if (_text(ref) or "").upper() == negative:
        total = -total
    return round(total, 7)


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]  # IFDRational, int, float
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None


# --- thumbnail -------------------------------------------------------------------------------


def _thumbnail(im: Image.Image, orientation: int | None) -> tuple[bytes, int, int]:
    """An upright PNG of at most THUMBNAIL_MAX px a side; identical bytes for identical input.

    Built from the decoded pixels only: no ICC profile, EXIF, text or time chunks are written.
    """
    alpha = im.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in im.info
    target = "RGBA" if alpha else "RGB"
    frame = im if im.mode == target else im.convert(target)
    width, height = frame.size
    scale = min(THUMBNAIL_MAX / width, THUMBNAIL_MAX / height, 1.0)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    fix = _ORIENTATION_FIX.get(orientation or 1)
    if fix is not None:
        small = small.transpose(fix)
    small.info.clear()
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue(), small.width, small.height


# --- importer object for the registry --------------------------------------------------------


class ImageImporter:
    """The registry's handle on this module; ``parse`` returns a :class:`ParsedImage`."""

    name: str = FORMAT_NAME
    version: str = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        return detect_image(source.name, source.data)

    def parse(self, source: ExportSource, tz: str) -> ParsedImage:
        return parse_image(source.name, source.data, tz)


IMPORTER: Final = ImageImporter()
