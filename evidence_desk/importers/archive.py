"""Safe opening of what the user picked: a plain file, a folder or a zip.

Every importer receives an :class:`ExportSource`. This module builds one without trusting the
input:

* a plain file becomes ``ExportSource(name, data)``;
* a zip or a folder becomes a *container source*: ``data`` is empty, ``members`` maps every file
  (POSIX relative path) to a lazy reader and ``container`` is the zip or folder name. The importer
  chooses its main file (WhatsApp ``_chat.txt``, Telegram ``result.json``...) and calls
  :func:`select_main`, which returns a source whose ``data`` is that member and whose ``members``
  are still all files of the container.

Zips are checked when opened, before any member is read, and every failure is an
:class:`ImportInputError` naming the zip, the member and the reason:

* unsafe member paths (absolute, drive letters, ``..`` components, also when written with
  backslashes), NUL bytes in names, duplicate names, symbolic-link members;
* zip bombs: member count cap, total declared uncompressed size cap, per-member size cap, and a
  per-member compression-ratio cap for members above a size threshold; overlapping members
  (several entries sharing compressed data);
* encrypted members and unsupported compression methods;
* truncated or corrupt archives (bad central directory, local headers out of range).

Member names. A zip records each name as bytes; bit 11 of its flags says they are UTF-8. Zips
made by Explorer or 360压缩 on Chinese Windows store GBK names *without* that flag, and the zip
specification's fallback, cp437, turns ``微信聊天记录/聊天.txt`` into ``╬ó╨┼┴─╠∞…``. The names are
decided per archive, by one rule over the names that lack the flag (one tool wrote them all, with
one encoding; deciding per name would let a lone GBK name that happens to be valid UTF-8 come out
differently from its siblings):

1. a name with the UTF-8 flag is UTF-8;
2. if every unflagged name is valid UTF-8, they are UTF-8 (pure ASCII is valid UTF-8, and bytes
   valid as both UTF-8 and GB18030, such as the UTF-8 of ``你好``, are read as UTF-8);
3. else, if every unflagged name is valid GB18030 (a superset of GBK/CP936), they are GB18030;
4. else cp437, the specification's default, which decodes any bytes.

:attr:`Container.name_encoding` (and :attr:`ExportSource.name_encoding`) says which was used for
the unflagged names: ``utf-8`` (also when every name is flagged), ``gb18030`` or ``cp437``. The
import records it; verify re-derives it from the sealed zip. :data:`LEGACY_NAMES` reads names as
builds before this rule did (each name UTF-8 if valid, else cp437), so imports recorded before it
re-parse to exactly what they stored.

Members are read in chunks and a member that produces more bytes than its header declares is
rejected while reading, so the header is never trusted for memory use. Nested archives are never
opened: they stay opaque members, listed in :attr:`Container.nested_archives`; a zip that holds
nothing but archives (a re-zipped export) is refused with a message saying which one to open.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import lzma
import mmap
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Final

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers import recordings
from evidence_desk.importers.base import MAPPED_HEAD, ExportSource, failure_facts

__all__ = [
    "DEFAULT_LIMITS",
    "LEGACY_NAMES",
    "MAP_ABOVE",
    "NAME_ENCODINGS",
    "ArchiveLimits",
    "Container",
    "is_nested_archive_name",
    "is_zip",
    "name_encoding",
    "open_container",
    "open_folder",
    "open_path",
    "open_zip",
    "open_zip_file",
    "select_main",
]

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

_CHUNK = 1 * MIB
#: A picked file this large that is a recording is mapped rather than read (``open_path``).
MAP_ABOVE: Final = 4 * MIB
_LOCAL_HEADER_SIZE = 30
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_SUPPORTED_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_NESTED_SUFFIXES = (".zip", ".7z", ".rar", ".tar", ".tgz", ".tar.gz", ".gz", ".bz2", ".xz")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_UTF8_FLAG = 0x800

#: How the names of a zip without the UTF-8 flag were read, in the order the rule tries them.
NAME_ENCODINGS: Final = ("utf-8", "gb18030", "cp437")
#: Per name UTF-8 if valid, else cp437: how builds before :data:`NAME_ENCODINGS` read names.
LEGACY_NAMES: Final = "legacy"
_ENCRYPTED_FLAG = 0x1

# Exceptions zipfile and the decompressors raise on damaged input.
_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    IndexError,
    KeyError,
    OverflowError,
)


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Caps applied to zips and folders. The defaults suit phone chat exports with media."""

    max_members: int = 50_000
    max_total_bytes: int = 4 * GIB  # sum of uncompressed member sizes
    max_member_bytes: int = 2 * GIB  # one member (WhatsApp's document limit is 2 GB)
    max_ratio: float = 200.0  # uncompressed / compressed, for members above ratio_threshold
    ratio_threshold_bytes: int = 1 * MIB
    refuse_nested: bool = False  # True: any nested archive member is refused outright


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True, slots=True)
class Container:
    """An opened zip or folder: its members are checked and readable on demand."""

    name: str
    kind: str  # "zip" or "folder"
    members: Mapping[str, Callable[[], bytes]]
    sizes: Mapping[str, int] = field(default_factory=dict)  # declared uncompressed sizes
    nested_archives: tuple[str, ...] = ()
    #: zips only: how names without the UTF-8 flag were read (see the module's docstring)
    name_encoding: str | None = None

    def source(self) -> ExportSource:
        """The container as an ExportSource with no main file chosen yet (``data`` empty)."""
        return ExportSource(
            name=self.name,
            data=b"",
            members=self.members,
            container=self.name,
            name_encoding=self.name_encoding,
        )

    def source_for(self, member: str) -> ExportSource:
        """The container as an ExportSource whose main file is ``member``."""
        return select_main(self.source(), member)


_said = Catalogue(
    {
        "archive.no_member": "no such member",
        "archive.cannot_open": "cannot open: {error}",
        "archive.cannot_read": "cannot read: {error}",
        "archive.cannot_open_folder": "cannot open folder: {error}",
        "archive.cannot_list": "cannot list: {error}",
        "archive.file_too_big": "file is {size} bytes, above the cap of {cap}",
        "archive.corrupt_zip": "not a readable zip (truncated or corrupt): {error}",
        "archive.too_many_members": "{count} members, above the cap of {cap}",
        "archive.duplicate_member": "duplicate member name",
        "archive.zip_too_big": "total uncompressed size exceeds the cap of {cap} bytes",
        "archive.nested": "nested archive; not opened recursively",
        "archive.only_nested": "the zip holds only another archive, which is not opened "
        "recursively; extract it and import that archive directly",
        "archive.link_outside": "symbolic link points outside the folder",
        "archive.not_regular": "not a regular file",
        "archive.too_many_files": "more than {cap} files in the folder",
        "archive.folder_too_big": "total size exceeds the cap of {cap} bytes",
        "archive.nul_in_name": "NUL byte in member name",
        "archive.absolute_path": "unsafe member path (absolute)",
        "archive.drive_letter": "unsafe member path (drive letter)",
        "archive.parent_path": "unsafe member path (parent directory '..')",
        "archive.empty_name": "empty member name",
        "archive.encrypted": "encrypted member; cannot be read",
        "archive.compression": "unsupported compression method {method}",
        "archive.symlink_member": "symbolic link member",
        "archive.member_too_big": "member is {size} bytes, above the cap of {cap}",
        "archive.ratio": "compression ratio {ratio}:1 exceeds {cap}:1 (zip bomb?)",
        "archive.no_local_header": "local header missing (truncated or corrupt zip)",
        "archive.past_end": "member data runs past the end of the zip",
        "archive.overlap": "overlapping members (several entries share data; zip bomb?)",
        "archive.expands": "member expands beyond its declared {cap} bytes",
        "archive.corrupt_member": "corrupt member: {error}",
        "archive.size_mismatch": "member is {size} bytes, its header declares {cap}",
        "archive.file_grew": "file grew above the cap of {cap} bytes",
    },
    # The OS's or zipfile's message (``error``) is shown; the exception's class and errno name
    # are what an import would seal (base.OTHERS_WORDING).
    also={
        code: ("category", "errno")
        for code in (
            "archive.cannot_open",
            "archive.cannot_read",
            "archive.cannot_open_folder",
            "archive.cannot_list",
            "archive.corrupt_zip",
            "archive.corrupt_member",
        )
    },
)


def is_zip(data: bytes) -> bool:
    """True when ``data`` starts like a zip (local header, empty archive or spanned marker)."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def is_nested_archive_name(name: str) -> bool:
    """True for member names that are archives themselves (never opened recursively)."""
    return name.lower().endswith(_NESTED_SUFFIXES)


def select_main(source: ExportSource, member: str) -> ExportSource:
    """Make ``member`` of a container source the main file; the other members stay reachable.

    Raises ImportInputError when the member is absent or cannot be read safely.
    """
    if member not in source.members:
        raise ImportInputError(source.container or source.name, member, _said("archive.no_member"))
    return ExportSource(
        name=member,
        data=source.read_member(member),
        members=source.members,
        container=source.container or source.name,
        name_encoding=source.name_encoding,
    )


def open_path(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> ExportSource:
    """Open what the user picked: a folder, a zip file (by content, not extension) or a file."""
    label = path.name or str(path)
    try:
        if path.is_dir():
            return open_folder(path, limits).source()
        size = path.stat().st_size
    except OSError as error:
        raise ImportInputError(
            label,
            "",
            _said("archive.cannot_open", error=error.strerror or error, **failure_facts(error)),
        ) from None
    if size > limits.max_total_bytes:
        raise ImportInputError(
            label, "", _said("archive.file_too_big", size=size, cap=limits.max_total_bytes)
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            if not is_zip(head) and size >= MAP_ABOVE:
                mapped = _mapped_recording(label, handle)
                if mapped is not None:
                    return ExportSource(name=label, data=mapped[:MAPPED_HEAD], mapped=mapped)
        if is_zip(head):
            # A zip is read from the file, member by member: a 1 GB export with media must not
            # be held in memory (issue 4 bench: peak memory < 300 MB).
            return open_zip_file(path, limits).source()
        data = path.read_bytes()
    except OSError as error:
        raise ImportInputError(
            label,
            "",
            _said("archive.cannot_read", error=error.strerror or error, **failure_facts(error)),
        ) from None
    return ExportSource(name=label, data=data)


def _mapped_recording(label: str, handle: BinaryIO) -> mmap.mmap | None:
    """The file mapped read-only when it is a recording, else None (it is then read whole).

    A video of hundreds of MB is described from its headers (``importers.recordings`` walks
    boxes and chunks by their declared sizes), sealed by streaming and hashed by streaming: a
    mapping lets the parser address the whole file while only the pages it reads are loaded.
    Chats, images and anything else are parsed from memory as before.
    """
    mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if recordings.detect_recording(label, mapped) is None:
        mapped.close()
        return None
    return mapped


def open_zip_file(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> Container:
    """Open and check a zip on disk without reading it into memory.

    The file stays open for the container's lazy member readers and is closed when the
    container is garbage-collected. Raises ImportInputError (zip, member, reason).
    """
    label = path.name or str(path)
    try:
        handle = path.open("rb")
        size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise ImportInputError(
            label,
            "",
            _said("archive.cannot_read", error=error.strerror or error, **failure_facts(error)),
        ) from None
    try:
        return _open_container(label, handle, size, limits)
    except BaseException:
        handle.close()
        raise


def open_zip(
    name: str,
    data: bytes,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    *,
    legacy_names: bool = False,
) -> ExportSource:
    """A zip as a container source (``data`` empty, lazy ``members``, ``container=name``).

    ``legacy_names`` reads member names as builds before :data:`NAME_ENCODINGS` did (for
    re-parsing imports that recorded no name encoding)."""
    return open_container(name, data, limits, legacy_names=legacy_names).source()


def open_container(
    name: str,
    data: bytes,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    *,
    legacy_names: bool = False,
) -> Container:
    """Open and check a zip held in memory. Raises ImportInputError (zip, member, reason)."""
    return _open_container(name, io.BytesIO(data), len(data), limits, legacy_names)


def name_encoding(infos: list[zipfile.ZipInfo]) -> str:
    """The encoding the rule (module docstring) picks for the names without the UTF-8 flag."""
    raw = [_raw_name(info) for info in infos if not info.flag_bits & _UTF8_FLAG]
    for encoding in NAME_ENCODINGS[:-1]:
        try:
            for name in raw:
                name.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return NAME_ENCODINGS[-1]


def _open_container(
    name: str, handle: BinaryIO, size: int, limits: ArchiveLimits, legacy_names: bool = False
) -> Container:
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except _ZIP_ERRORS as error:
        raise ImportInputError(
            name, "", _said("archive.corrupt_zip", error=error, **failure_facts(error))
        ) from None
    if len(infos) > limits.max_members:
        raise ImportInputError(
            name, "", _said("archive.too_many_members", count=len(infos), cap=limits.max_members)
        )
    encoding = LEGACY_NAMES if legacy_names else name_encoding(infos)

    members: dict[str, Callable[[], bytes]] = {}
    sizes: dict[str, int] = {}
    nested: list[str] = []
    total = 0
    for info in infos:
        raw_name = _decoded_name(info, encoding)
        if raw_name.endswith(("/", "\\")):  # a directory entry (ZipInfo.is_dir fails on "")
            _safe_member_path(name, raw_name)
            continue
        member = _safe_member_path(name, raw_name)
        if member in members:
            raise ImportInputError(name, member, _said("archive.duplicate_member"))
        _check_member(name, member, info, limits)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportInputError(
                name,
                member,
                _said("archive.zip_too_big", cap=limits.max_total_bytes),
            )
        if is_nested_archive_name(member):
            if limits.refuse_nested:
                raise ImportInputError(name, member, _said("archive.nested"))
            nested.append(member)
        members[member] = _zip_reader(archive, info, name, member)
        sizes[member] = info.file_size

    _check_local_headers(name, handle, size, infos)
    if members and len(nested) == len(members):
        raise ImportInputError(
            name,
            nested[0],
            _said("archive.only_nested"),
        )
    return Container(
        name=name,
        kind="zip",
        members=MappingProxyType(members),
        sizes=MappingProxyType(sizes),
        nested_archives=tuple(sorted(nested)),
        name_encoding=None if legacy_names else encoding,
    )


def open_folder(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> Container:
    """Open a folder: every regular file below it is a member (POSIX path relative to it).

    Symbolic links are followed only when they stay inside the folder; sub-folder links are not
    descended. Non-regular files (FIFOs, devices) are refused, as reading them could block.
    """
    label = path.name or str(path)
    try:
        root = path.resolve(strict=True)
    except OSError as error:
        raise ImportInputError(
            label,
            "",
            _said(
                "archive.cannot_open_folder", error=error.strerror or error, **failure_facts(error)
            ),
        ) from None
    members: dict[str, Callable[[], bytes]] = {}
    sizes: dict[str, int] = {}
    nested: list[str] = []
    total = 0
    walk_errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_errors.append):
        dirnames.sort()
        for filename in sorted(filenames):
            full = Path(dirpath) / filename
            member = full.relative_to(root).as_posix()
            try:
                target = full.resolve(strict=True)
                info = target.stat()
            except OSError as error:
                raise ImportInputError(
                    label,
                    member,
                    _said(
                        "archive.cannot_read", error=error.strerror or error, **failure_facts(error)
                    ),
                ) from None
            if not target.is_relative_to(root):
                raise ImportInputError(label, member, _said("archive.link_outside"))
            if not stat.S_ISREG(info.st_mode):
                raise ImportInputError(label, member, _said("archive.not_regular"))
            if len(members) >= limits.max_members:
                raise ImportInputError(
                    label, member, _said("archive.too_many_files", cap=limits.max_members)
                )
            if info.st_size > limits.max_member_bytes:
                raise ImportInputError(
                    label,
                    member,
                    _said("archive.file_too_big", size=info.st_size, cap=limits.max_member_bytes),
                )
            total += info.st_size
            if total > limits.max_total_bytes:
                raise ImportInputError(
                    label,
                    member,
                    _said("archive.folder_too_big", cap=limits.max_total_bytes),
                )
            if is_nested_archive_name(member):
                if limits.refuse_nested:
                    raise ImportInputError(label, member, _said("archive.nested"))
                nested.append(member)
            members[member] = _file_reader(target, label, member, limits.max_member_bytes)
            sizes[member] = info.st_size
    if walk_errors:
        first = walk_errors[0]
        raise ImportInputError(
            label,
            str(first.filename or ""),
            _said("archive.cannot_list", error=first.strerror or first, **failure_facts(first)),
        )
    return Container(
        name=label,
        kind="folder",
        members=MappingProxyType(members),
        sizes=MappingProxyType(sizes),
        nested_archives=tuple(nested),
    )


# --- internals -----------------------------------------------------------------------------------


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    """The name bytes of a member without the UTF-8 flag, as the zip holds them.

    zipfile decodes such names as cp437, which maps every byte to its own character, so encoding
    back gives the bytes. ``orig_filename``: ``filename`` is cut at a NUL and, on Windows, has its
    backslashes replaced, and a GBK character's second byte may be a backslash (0x5C)."""
    return info.orig_filename.encode("cp437")


def _decoded_name(info: zipfile.ZipInfo, encoding: str) -> str:
    """The member name, its unflagged bytes read with ``encoding`` (or the legacy rule)."""
    if encoding == LEGACY_NAMES:
        name = info.filename
        if not info.flag_bits & _UTF8_FLAG:
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                name = name.encode("cp437").decode("utf-8")
        return name
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename
    return _raw_name(info).decode(encoding)


def _safe_member_path(zip_name: str, raw: str) -> str:
    """Normalise a member name to a relative POSIX path, refusing anything that could escape."""
    if "\x00" in raw:
        raise ImportInputError(zip_name, raw.replace("\x00", "\\0"), _said("archive.nul_in_name"))
    path = raw.replace("\\", "/")
    if path.startswith("/"):
        raise ImportInputError(zip_name, raw, _said("archive.absolute_path"))
    if _DRIVE_RE.match(path):
        raise ImportInputError(zip_name, raw, _said("archive.drive_letter"))
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise ImportInputError(zip_name, raw, _said("archive.parent_path"))
    if not parts:
        raise ImportInputError(zip_name, raw, _said("archive.empty_name"))
    return "/".join(parts)


def _check_member(zip_name: str, member: str, info: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise ImportInputError(zip_name, member, _said("archive.encrypted"))
    if info.compress_type not in _SUPPORTED_METHODS:
        raise ImportInputError(
            zip_name, member, _said("archive.compression", method=info.compress_type)
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ImportInputError(zip_name, member, _said("archive.symlink_member"))
    if info.file_size > limits.max_member_bytes:
        raise ImportInputError(
            zip_name,
            member,
            _said("archive.member_too_big", size=info.file_size, cap=limits.max_member_bytes),
        )
    if info.file_size > limits.ratio_threshold_bytes and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        ratio = info.file_size / max(info.compress_size, 1)
        raise ImportInputError(
            zip_name,
            member,
            _said("archive.ratio", ratio=f"{ratio:.0f}", cap=f"{limits.max_ratio:.0f}"),
        )


def _check_local_headers(
    zip_name: str, handle: BinaryIO, size: int, infos: list[zipfile.ZipInfo]
) -> None:
    """Each member's local header must exist and its data must not overlap the next member."""
    spans: list[tuple[int, int, str]] = []
    for info in infos:
        start = info.header_offset
        member = info.filename
        header = b""
        if 0 <= start < size:
            try:
                handle.seek(start)
                header = handle.read(_LOCAL_HEADER_SIZE)
            except OSError as error:
                raise ImportInputError(
                    zip_name,
                    member,
                    _said("archive.cannot_read", error=error, **failure_facts(error)),
                ) from None
        if start < 0 or len(header) < _LOCAL_HEADER_SIZE or header[:4] != _LOCAL_HEADER_SIGNATURE:
            raise ImportInputError(zip_name, member, _said("archive.no_local_header"))
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        end = start + _LOCAL_HEADER_SIZE + name_len + extra_len + info.compress_size
        if end > size:
            raise ImportInputError(zip_name, member, _said("archive.past_end"))
        spans.append((start, end, member))
    spans.sort()
    for (_, end, member), (next_start, _, _) in itertools.pairwise(spans):
        if end > next_start:
            raise ImportInputError(zip_name, member, _said("archive.overlap"))


def _zip_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str, member: str
) -> Callable[[], bytes]:
    def read() -> bytes:
        cap = info.file_size
        chunks: list[bytes] = []
        total = 0
        try:
            with archive.open(info) as handle:
                while True:
                    chunk = handle.read(min(_CHUNK, cap - total + 1))
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > cap:
                        raise ImportInputError(zip_name, member, _said("archive.expands", cap=cap))
                    chunks.append(chunk)
        except ImportInputError:
            raise
        except _ZIP_ERRORS as error:
            raise ImportInputError(
                zip_name,
                member,
                _said("archive.corrupt_member", error=error, **failure_facts(error)),
            ) from None
        if total != cap:
            raise ImportInputError(
                zip_name, member, _said("archive.size_mismatch", size=total, cap=cap)
            )
        return b"".join(chunks)

    return read


def _file_reader(path: Path, folder: str, member: str, cap: int) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with path.open("rb") as handle:
                data = handle.read(cap + 1)
        except OSError as error:
            raise ImportInputError(
                folder,
                member,
                _said("archive.cannot_read", error=error.strerror or error, **failure_facts(error)),
            ) from None
        if len(data) > cap:
            raise ImportInputError(folder, member, _said("archive.file_grew", cap=cap))
        return data

    return read
