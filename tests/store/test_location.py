"""Where a store may live (store/location.py): sync folders and network storage are told apart
from local disks, by environment, folder names, marker files, the mount table and Windows'
drive type; creating a store there is refused with the reason, opening one warns."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services.session import Session
from evidence_desk.store import location
from evidence_desk.store.location import (
    LOCAL,
    NETWORK_DRIVE,
    NETWORK_FS,
    ONEDRIVE,
    SYNC,
    UNC,
    classify,
    unc_share,
)
from tests.helpers import ADMIN, ADMIN_PASSWORD

NO_ENV: dict[str, str] = {}
NO_MOUNTS: list[tuple[str, str]] = []


def _local_drive(_root: str) -> int:
    return 3  # DRIVE_FIXED


def test_unc_paths_are_parsed_without_touching_the_network() -> None:
    assert unc_share(r"\\fileserver\evidence\team\store") == r"\\fileserver\evidence"
    assert unc_share("//fileserver/evidence/store") == r"\\fileserver\evidence"
    assert unc_share(r"\\?\UNC\fileserver\evidence\store") == r"\\fileserver\evidence"
    assert unc_share(r"\\fileserver") is None  # a server without a share is no path
    assert unc_share(r"\\?\C:\Users\zhang\store") is None  # a local long path
    assert unc_share(r"\\.\PhysicalDrive0") is None
    assert unc_share(r"C:\Users\zhang\store") is None
    assert unc_share("/home/zhang/store") is None
    found = classify(r"\\fileserver\证据\store", environ=NO_ENV, windows=True)
    assert found == location.Location(UNC, r"\\fileserver\证据")
    # the same string on Linux (a mistyped Windows path) is not taken for a local folder either
    assert classify(r"\\fileserver\evidence\store", environ=NO_ENV, mounts=NO_MOUNTS).kind == UNC


def test_mapped_network_drive_by_drive_type() -> None:
    asked: list[str] = []

    def remote(root: str) -> int:
        asked.append(root)
        return location.DRIVE_REMOTE

    found = classify(r"Z:\案件\store", environ=NO_ENV, drive_type=remote, windows=True)
    assert found == location.Location(NETWORK_DRIVE, "Z:\\") and asked == ["Z:\\"]
    local = classify(r"D:\evidence\store", environ=NO_ENV, drive_type=_local_drive, windows=True)
    assert local.kind == LOCAL and local.safe


@pytest.mark.parametrize("variable", location.ONEDRIVE_ENV)
def test_onedrive_by_its_environment_variables(variable: str) -> None:
    env = {variable: r"C:\Users\zhang\OneDrive - 某某资产管理有限公司"}
    store = r"c:\users\zhang\onedrive - 某某资产管理有限公司\文档\store"  # case differs
    found = classify(store, environ=env, drive_type=_local_drive, windows=True)
    assert found.kind == ONEDRIVE and found.folder == env[variable]
    outside = classify(r"C:\Users\zhang\AppData\Local\EvidenceDesk\store", environ=env,
                       drive_type=_local_drive, windows=True)  # fmt: skip
    assert outside.kind == LOCAL


def test_onedrive_by_folder_name_and_on_posix(tmp_path: Path) -> None:
    for path, folder in (
        (r"D:\OneDrive\store", "D:\\OneDrive"),
        (r"C:\Users\li\OneDrive - Contoso\Desktop\store", r"C:\Users\li\OneDrive - Contoso"),
    ):
        found = classify(path, environ=NO_ENV, drive_type=_local_drive, windows=True)
        assert (found.kind, found.folder) == (ONEDRIVE, folder), path
    mac = tmp_path / "Library" / "CloudStorage" / "OneDrive-Personal" / "store"
    found = classify(mac, environ=NO_ENV, mounts=NO_MOUNTS)
    assert (found.kind, found.folder) == (ONEDRIVE, str(mac.parent))
    env = {"OneDrive": str(tmp_path / "od")}
    assert classify(tmp_path / "od" / "x", environ=env, mounts=NO_MOUNTS).kind == ONEDRIVE


@pytest.mark.parametrize(
    ("folder", "client"),
    [
        ("Dropbox", "Dropbox"),
        ("Dropbox (Personal)", "Dropbox"),
        ("Google Drive", "Google Drive"),
        ("我的云端硬盘", "Google Drive"),
        ("iCloudDrive", "iCloud Drive"),
        ("com~apple~CloudDocs", "iCloud Drive"),
        ("我的坚果云", "Nutstore (坚果云)"),
        ("Nutstore", "Nutstore (坚果云)"),
        ("BaiduSyncdisk", "Baidu Netdisk (百度网盘)"),
        ("百度网盘同步空间", "Baidu Netdisk (百度网盘)"),
    ],
)
def test_sync_clients_by_folder_name(tmp_path: Path, folder: str, client: str) -> None:
    store = tmp_path / folder / "案件" / "store"
    found = classify(store, environ=NO_ENV, mounts=NO_MOUNTS)
    assert found == location.Location(SYNC, str(tmp_path / folder), client)
    windows = classify(rf"E:\{folder}\store", environ=NO_ENV, drive_type=_local_drive,
                       windows=True)  # fmt: skip
    assert (windows.kind, windows.client) == (SYNC, client)


@pytest.mark.parametrize(
    ("marker", "client"),
    [
        (".dropbox", "Dropbox"),
        (".dropbox.cache", "Dropbox"),
        (".tmp.drivedownload", "Google Drive"),
    ],
)
def test_sync_clients_by_marker_in_a_renamed_root(tmp_path: Path, marker: str, client: str) -> None:
    root = tmp_path / "team files"
    (root / "cases").mkdir(parents=True)
    (root / marker).write_bytes(b"")
    found = classify(root / "cases" / "store", environ=NO_ENV, mounts=NO_MOUNTS)
    assert found == location.Location(SYNC, str(root), client)


def test_network_file_systems_from_the_mount_table(tmp_path: Path) -> None:
    proc_mounts = (
        "/dev/vda1 / ext4 rw,relatime 0 0\n"
        "//nas/evidence /mnt/team\\040share cifs rw,vers=3.0 0 0\n"
        "nas:/export /srv/nfs nfs4 rw 0 0\n"
        "tmpfs /srv/nfs/scratch tmpfs rw 0 0\n"
    )
    mounts = location.parse_proc_mounts(proc_mounts)
    assert ("/mnt/team share", "cifs") in mounts
    found = classify("/mnt/team share/store", environ=NO_ENV, mounts=mounts, windows=False)
    assert found == location.Location(NETWORK_FS, "/mnt/team share", "cifs")
    assert (
        classify("/srv/nfs/a/store", environ=NO_ENV, mounts=mounts, windows=False).kind
        == NETWORK_FS
    )
    # the deepest mount decides: a local tmpfs inside the NFS mount is local
    assert (
        classify("/srv/nfs/scratch/store", environ=NO_ENV, mounts=mounts, windows=False).kind
        == LOCAL
    )
    assert classify(tmp_path / "store", environ=NO_ENV, mounts=mounts).kind == LOCAL
    mac = location.parse_bsd_mount(
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//zhang@nas._smb._tcp.local/evidence on /Volumes/evidence (smbfs, nodev, nosuid)\n"
    )
    assert ("/Volumes/evidence", "smbfs") in mac
    assert (
        classify("/Volumes/evidence/store", environ=NO_ENV, mounts=mac, windows=False).kind
        == NETWORK_FS
    )


def test_this_machines_temporary_folder_is_local(tmp_path: Path) -> None:
    assert classify(tmp_path / "store").safe  # the real environment, mounts and drive type


def test_creating_a_store_there_is_refused_with_the_reason(tmp_path: Path) -> None:
    store = tmp_path / "Dropbox" / "store"
    with pytest.raises(RuleViolation) as refused:
        Session.create_store(store, ADMIN, ADMIN_PASSWORD)
    assert refused.value.rule == "store.location_sync" and refused.value.exit_code == 3
    message = refused.value.message
    assert str(store) in message and str(tmp_path / "Dropbox") in message
    assert "half-written" in message and "organisation hub" in message
    assert not store.exists()  # nothing was made
    unc = location.reason(r"\\nas\evidence\store", classify(r"\\nas\evidence\store"))
    assert unc is not None and unc.code == "store.location_unc"
    assert "WAL" in unc and "organisation hub" in unc and r"\\nas\evidence" in unc


def test_opening_one_there_warns_but_opens(tmp_path: Path) -> None:
    warning = location.open_warning(
        PureWindowsPath(r"\\nas\evidence\store"), location.Location(UNC, r"\\nas\evidence")
    )
    assert warning is not None and warning.code == "store.location_warning"
    assert "opened anyway" in warning and "WAL" in warning
    assert location.open_warning(tmp_path / "store") is None
