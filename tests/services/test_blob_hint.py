"""The store's hint of the blob files its hub names (``hub-blobs.txt``, services/blob_hint.py):
kept while the store stays bound to the same hub, forgotten when it is bound to another (what
one hub held says nothing of another), read as empty when unreadable (the hub is then asked
about every file again: never a file left unpushed), and held in memory without ever naming a
path the file on disk does not."""

from __future__ import annotations

import os
from pathlib import Path

from evidence_desk.services import blob_hint, sync
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder
from tests.helpers import ADMIN, ADMIN_PASSWORD, FAST_KDF


def _paths(tag: str, count: int = 3) -> set[str]:
    return {f"blobs/{n:02x}/{tag * 62}" for n in range(count)}


def _names(paths: set[str]) -> set[str]:
    return {f"{path[6:8]}{path[9:]}" for path in paths}


def test_the_hint_is_forgotten_when_the_store_is_bound_to_another_hub(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        sync.bind(folder, "https://hub-a.example:8443", ca)
        hint = folder.path / blob_hint.FILE
        blob_hint.remember(folder, ["blobs/ab/cdef", "blobs/01/2345", "hub.json"])
        assert blob_hint.known(folder) == {"abcdef", "012345"}  # by name; blob files only
        assert hint.read_text("utf-8") == "blobs/01/2345\nblobs/ab/cdef\n"
        sync.bind(folder, "https://hub-a.example:8443/", ca)  # the same hub again: kept
        assert blob_hint.known(folder) == {"abcdef", "012345"}
        sync.bind(folder, "https://hub-b.example:8443", ca)  # another hub: forgotten
        assert not hint.exists() and blob_hint.known(folder) == set()
        hint.write_bytes(b"\xff\xfe not text")
        assert blob_hint.known(folder) == set()


def test_the_hint_grows_by_appending_and_heals_when_unreadable(tmp_path: Path) -> None:
    """A sync adds each page's files to the hint without writing it whole again (the old
    bytes stay as they were); a line a crash cut short is ended before the next and names no
    file; an unreadable hint is written whole with what is known now."""
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        hint = folder.path / blob_hint.FILE
        first, second, third = _paths("c"), _paths("d"), {f"blobs/ff/{'f' * 62}"}
        blob_hint.remember(folder, first)
        before = hint.read_bytes()
        blob_hint.remember(folder, second | first)
        assert hint.read_bytes().startswith(before)
        assert blob_hint.known(folder) == _names(first | second)
        with open(hint, "ab") as handle:  # killed in the middle of a line
            handle.write(b"blobs/ee/eeee")
        assert blob_hint.known(folder) == _names(first | second)  # a name once it is ended
        blob_hint.remember(folder, third)
        assert blob_hint.known(folder) == _names(first | second | third | {"blobs/ee/eeee"})
        assert hint.read_bytes().endswith(b"blobs/ee/eeee\n" + f"blobs/ff/{'f' * 62}\n".encode())
        hint.write_bytes(b"\xff\xfe not text")
        blob_hint.remember(folder, third)
        assert blob_hint.known(folder) == _names(third)


def _other_process(folder: StoreFolder) -> StoreFolder:
    """The same store folder as another process sees it: this process's memory of the hint
    forgotten, the file left as it is."""
    blob_hint._reads.clear()
    return folder


def test_what_another_process_appends_is_read_without_reading_the_hint_again(
    tmp_path: Path,
) -> None:
    """The app and a command line sync the same store: lines appended by one are in what the
    other knows next, read from where it stopped."""
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        hint = folder.path / blob_hint.FILE
        first, second = _paths("a"), _paths("b")
        blob_hint.remember(folder, first)
        assert blob_hint.known(folder) == _names(first)
        with open(hint, "ab") as handle:  # the other process's append
            handle.write("".join(f"{p}\n" for p in sorted(second)).encode())
        assert blob_hint.known(folder) == _names(first | second)
        # what this process knows is what a process reading the file afresh knows
        assert set(blob_hint.known(folder)) == set(blob_hint.known(_other_process(folder)))


def test_a_hint_written_anew_in_place_is_read_whole(tmp_path: Path) -> None:
    """A file written over in place (same inode) and longer than the one read before is not
    taken for the old one grown: the old paths would be files taken as on the hub that the
    new hint does not name, never pushed."""
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        hint = folder.path / blob_hint.FILE
        old, new = _paths("a", 2), _paths("b", 5)
        blob_hint.remember(folder, old)
        inode = os.stat(hint).st_ino
        assert blob_hint.known(folder) == _names(old)
        with open(hint, "r+b") as handle:  # in place: the same inode, longer
            handle.write("".join(f"{p}\n" for p in sorted(new)).encode())
        assert os.stat(hint).st_ino == inode
        assert blob_hint.known(folder) == _names(new)
        hint.write_bytes(b"")  # cut to nothing: none known
        assert blob_hint.known(folder) == set()
