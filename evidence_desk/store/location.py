"""Where a store folder lives: a local disk, or somewhere a store gets damaged.

A store is a SQLite (SQLCipher) database in WAL mode plus files written in place. Two kinds of
folder break it:

- **sync folders** (OneDrive, Dropbox, Google Drive, iCloud Drive, Nutstore/坚果云, Baidu
  网盘's sync space): the client uploads the database and its journal while they are being
  written, and may put back an older or half-written copy (a conflict, a restore on another
  computer), which the ledger then reports as damage or a rollback;
- **network storage** (a UNC path ``\\\\server\\share``, a mapped network drive, NFS/SMB on
  Linux or macOS): SQLite's WAL needs shared memory between the processes that open the
  database, which does not exist across computers over SMB/NFS, and network locks are not
  reliable.

:func:`classify` tells which (no network access: names, environment, marker files, the mount
table or Windows' drive type). Creating a store in such a folder is refused
(:func:`refuse_new_store`, a :class:`~evidence_desk.domain.errors.RuleViolation` whose rule is
the reason's code ``store.location_*``); opening an existing one works but carries a warning
(:func:`open_warning`) that the CLI prints to stderr and the GUI shows in its status bar.
Teams share evidence through the organisation hub, never a shared folder.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.wording import Catalogue, Phrase

_HUB = (
    "Keep the store in a local folder that is not synced. Teams share evidence through the "
    "organisation hub, not a synced or shared folder"
)
_SYNC = (
    "a sync client uploads the database while it is being written and can put back an older "
    "or half-written copy, which damages the store"
)
_NETWORK = (
    "the store's database keeps a write-ahead log (WAL) that needs memory shared by the "
    "programs using it, which a network share (SMB, NFS) cannot provide, and its locks are not "
    "reliable there: the database gets damaged"
)

_said = Catalogue(
    {
        "store.location_onedrive": (
            "{path} is inside the OneDrive folder {folder}: " + _SYNC + ". " + _HUB
        ),
        "store.location_sync": (
            "{path} is inside the {client} sync folder {folder}: " + _SYNC + ". " + _HUB
        ),
        "store.location_unc": "{path} is on the network share {folder}: " + _NETWORK + ". " + _HUB,
        "store.location_network_drive": (
            "{path} is on {folder}, a network drive: " + _NETWORK + ". " + _HUB
        ),
        "store.location_network_fs": (
            "{path} is on a network file system ({client} at {folder}): " + _NETWORK + ". " + _HUB
        ),
        "store.location_warning": (
            "{reason}. The store was opened anyway; move it to a local folder "
            "(evidence-desk backup, then evidence-desk restore into the new folder)"
        ),
    }
)

LOCAL = "local"
ONEDRIVE = "onedrive"
SYNC = "sync"
UNC = "unc"
NETWORK_DRIVE = "network_drive"
NETWORK_FS = "network_fs"

#: Windows ``GetDriveTypeW`` result for a network (mapped) drive.
DRIVE_REMOTE = 4

ONEDRIVE_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

#: Sync clients: folder names (case-insensitive; a trailing `` (...)`` is ignored, as in
#: "Dropbox (Personal)") and marker files or folders the client keeps in its root.
SYNC_CLIENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Dropbox": (("dropbox",), (".dropbox", ".dropbox.cache")),
    "Google Drive": (
        ("google drive", "googledrive", "my drive", "我的云端硬盘"),
        (".tmp.drivedownload", ".tmp.driveupload"),
    ),
    "iCloud Drive": (("iclouddrive", "icloud drive", "com~apple~clouddocs"), ()),
    "Nutstore (坚果云)": (("nutstore", "nutstore files", "我的坚果云", "坚果云"), ()),
    "Baidu Netdisk (百度网盘)": (
        ("baidusyncdisk", "百度网盘同步空间", "百度云同步盘", "baidunetdisk sync"),
        (),
    ),
}

#: File systems that live on another computer (``/proc/mounts`` or ``mount`` types).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "afpfs",
        "webdav",
        "davfs",
        "ceph",
        "glusterfs",
        "lustre",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.glusterfs",
        "fuse.s3fs",
    }
)


@dataclass(frozen=True, slots=True)
class Location:
    """What kind of folder a path is in: ``kind`` is one of the constants above; ``folder`` the
    sync root, share, drive or mount point that makes it so; ``client`` the sync client's or
    the file system's name."""

    kind: str
    folder: str = ""
    client: str = ""

    @property
    def safe(self) -> bool:
        return self.kind == LOCAL


# -- parsing --------------------------------------------------------------------------------


def unc_share(text: str) -> str | None:
    r"""``\\server\share`` for a UNC path (``\\server\share\x``, ``//server/share``,
    ``\\?\UNC\server\share\x``), else None. Pure string work: no network access."""
    normal = text.replace("/", "\\")
    if normal[:8].upper() == "\\\\?\\UNC\\":
        normal = "\\\\" + normal[8:]
    elif normal.startswith(("\\\\?\\", "\\\\.\\")):
        return None  # a local device path (\\?\C:\...)
    drive, _rest = ntpath.splitdrive(normal)
    if not drive.startswith("\\\\"):
        return None
    server, _, share = drive[2:].partition("\\")
    if not server or not share:
        return None
    return f"\\\\{server}\\{share}"


def _pure(text: str, windows: bool) -> PurePath:
    return PureWindowsPath(text) if windows else PurePosixPath(text)


def _inside(path: PurePath, root: PurePath) -> bool:
    mine = [part.casefold() for part in path.parts]
    theirs = [part.casefold() for part in root.parts]
    return bool(theirs) and mine[: len(theirs)] == theirs


def _client_name(part: str) -> str:
    name = part.casefold()
    if name.endswith(")") and " (" in name:  # "Dropbox (Personal)", "Dropbox (Company)"
        name = name[: name.rindex(" (")]
    return name


def _onedrive_by_name(part: str) -> bool:
    # Windows: "OneDrive", "OneDrive - Contoso"; macOS: "OneDrive-Personal", "OneDrive-Contoso"
    name = part.casefold()
    return name == "onedrive" or name.startswith(("onedrive - ", "onedrive-"))


def _prefix(path: PurePath, count: int) -> str:
    return str(type(path)(*path.parts[:count]))


def read_mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount: ``/proc/mounts`` on Linux, ``mount`` on
    macOS; empty where neither is available."""
    if sys.platform.startswith("linux"):
        try:
            text = Path("/proc/mounts").read_text("utf-8", errors="replace")
        except OSError:
            return []
        return parse_proc_mounts(text)
    if sys.platform == "darwin":
        try:
            done = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return []
        return parse_bsd_mount(done.stdout)
    return []


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """``/proc/mounts`` lines: ``device mountpoint fstype options 0 0`` (octal escapes such as
    ``\\040`` for a space in the mount point)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode("latin-1", "replace").decode("unicode_escape")
            point = point.encode("latin-1", "replace").decode("utf-8", "replace")
            mounts.append((point, fields[2]))
    return mounts


def parse_bsd_mount(text: str) -> list[tuple[str, str]]:
    """macOS ``mount`` lines: ``//user@server/share on /Volumes/share (smbfs, nodev, ...)``."""
    mounts = []
    for line in text.splitlines():
        head, sep, options = line.rpartition(" (")
        _device, on, point = head.partition(" on ")
        if sep and on:
            mounts.append((point, options.split(",")[0].strip(") ")))
    return mounts


def _windows_drive_type(root: str) -> int:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


# -- classification -------------------------------------------------------------------------


def classify(
    path: str | os.PathLike[str],
    *,
    environ: Mapping[str, str] | None = None,
    mounts: Iterable[tuple[str, str]] | None = None,
    drive_type: Callable[[str], int] | None = None,
    windows: bool | None = None,
) -> Location:
    """What kind of folder ``path`` (existing or not yet created) is in.

    The keyword arguments stand in for the machine in tests: ``environ`` (OneDrive's variables),
    ``mounts`` (mount point, fstype), ``drive_type`` (Windows ``GetDriveTypeW`` of ``"X:\\"``),
    ``windows`` (parse ``path`` as a Windows path). By default they come from this computer.
    """
    environ = os.environ if environ is None else environ
    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    share = unc_share(text) if windows or text.startswith("\\\\") else None
    if share is not None:
        return Location(UNC, share)
    if windows:
        pure: PurePath = PureWindowsPath(ntpath.abspath(text) if sys.platform == "win32" else text)
    else:
        pure = PurePosixPath(posixpath.abspath(text))
    real = _resolved(text, windows)
    if real is not None:
        share = unc_share(str(real)) if windows else None
        if share is not None:  # a folder that resolves onto a share (a link to it)
            return Location(UNC, share)
    candidates = [pure] if real is None or real == pure else [pure, real]
    if windows:
        drive = pure.drive
        if len(drive) == 2 and drive[1] == ":":
            probe = drive_type or (_windows_drive_type if sys.platform == "win32" else None)
            if probe is not None and probe(drive + "\\") == DRIVE_REMOTE:
                return Location(NETWORK_DRIVE, drive + "\\")
    for candidate in candidates:
        found = _sync_folder(candidate, environ, windows)
        if found is not None:
            return found
    if not windows:
        table = list(read_mounts() if mounts is None else mounts)
        for candidate in candidates:
            found = _network_mount(candidate, table)
            if found is not None:
                return found
    return Location(LOCAL)


def _resolved(text: str, windows: bool) -> PurePath | None:
    """The path with links resolved, where it can be resolved on this computer."""
    if windows != (sys.platform == "win32"):
        return None  # a path of the other family (tests): nothing to resolve here
    try:
        real = Path(text).resolve(strict=False)
    except (OSError, RuntimeError):
        return None
    return _pure(str(real), windows)


def _sync_folder(path: PurePath, environ: Mapping[str, str], windows: bool) -> Location | None:
    for name in ONEDRIVE_ENV:
        value = environ.get(name, "").strip()
        if value:
            root = _pure(value, windows)
            if root.is_absolute() and _inside(path, root):
                return Location(ONEDRIVE, str(root), "OneDrive")
    for index, part in enumerate(path.parts[1:], start=2):
        if _onedrive_by_name(part):
            return Location(ONEDRIVE, _prefix(path, index), "OneDrive")
        name = _client_name(part)
        for client, (names, _markers) in SYNC_CLIENTS.items():
            if name in names:
                return Location(SYNC, _prefix(path, index), client)
    # marker files a client keeps in its root (a sync folder renamed by its user)
    if windows != (sys.platform == "win32"):
        return None  # not this computer's path family (tests): nothing on disk to look at
    for index in range(len(path.parts), 0, -1):
        folder = Path(_prefix(path, index))
        for client, (_names, markers) in SYNC_CLIENTS.items():
            for marker in markers:
                try:
                    if (folder / marker).exists():
                        return Location(SYNC, str(folder), client)
                except OSError:
                    continue
    return None


def _network_mount(path: PurePath, mounts: Sequence[tuple[str, str]]) -> Location | None:
    best: tuple[int, str, str] | None = None
    for point, fstype in mounts:
        root = PurePosixPath(point)
        if root.is_absolute() and (path == root or root in path.parents):
            depth = len(root.parts)
            if best is None or depth >= best[0]:
                best = (depth, point, fstype)
    if best is None:
        return None
    _depth, point, fstype = best
    kind = fstype.casefold()
    if kind in NETWORK_FILESYSTEMS or kind.split(".")[0] in {"nfs", "cifs", "smb3"}:
        return Location(NETWORK_FS, point, fstype)
    return None


# -- what to say ----------------------------------------------------------------------------


def reason(path: str | os.PathLike[str], location: Location) -> Phrase | None:
    """Why ``location`` is no place for a store (``store.location_*``), None when it is fine."""
    text = os.fspath(path)
    if location.kind == ONEDRIVE:
        return _said("store.location_onedrive", path=text, folder=location.folder)
    if location.kind == SYNC:
        return _said(
            "store.location_sync", path=text, client=location.client, folder=location.folder
        )
    if location.kind == UNC:
        return _said("store.location_unc", path=text, folder=location.folder)
    if location.kind == NETWORK_DRIVE:
        return _said("store.location_network_drive", path=text, folder=location.folder)
    if location.kind == NETWORK_FS:
        return _said(
            "store.location_network_fs", path=text, client=location.client, folder=location.folder
        )
    return None


def refuse_new_store(path: str | os.PathLike[str], location: Location | None = None) -> None:
    """Raise a RuleViolation (rule ``store.location_*``, CLI exit 3) when ``path`` is in a sync
    folder or on network storage; a new store goes on a local disk."""
    why = reason(path, location or classify(path))
    if why is not None:
        raise RuleViolation(why.code, why)


def open_warning(path: str | os.PathLike[str], location: Location | None = None) -> Phrase | None:
    """The warning for opening an existing store in such a folder (it still opens)."""
    why = reason(path, location or classify(path))
    return None if why is None else _said("store.location_warning", reason=why)
