"""The store's hint of the blob files its hub names (``hub-blobs.txt``, services/sync.py): kept
while the store stays bound to the same hub, forgotten when it is bound to another (what one
hub held says nothing of another), and read as empty when unreadable (the hub is then asked
about every file again: never a file left unpushed)."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import sync
from evidence_desk.services.session import Session
from tests.helpers import ADMIN, ADMIN_PASSWORD, FAST_KDF


def test_the_hint_is_forgotten_when_the_store_is_bound_to_another_hub(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        sync.bind(folder, "https://hub-a.example:8443", ca)
        hint = folder.path / sync.ON_HUB_FILE
        sync._remember_on_hub(folder, set(), ["blobs/ab/cdef", "blobs/01/2345"])
        assert sync._on_hub(folder) == {"blobs/ab/cdef", "blobs/01/2345"}
        sync.bind(folder, "https://hub-a.example:8443/", ca)  # the same hub again: kept
        assert sync._on_hub(folder) == {"blobs/ab/cdef", "blobs/01/2345"}
        sync.bind(folder, "https://hub-b.example:8443", ca)  # another hub: forgotten
        assert not hint.exists() and sync._on_hub(folder) == set()
        hint.write_bytes(b"\xff\xfe not text")
        assert sync._on_hub(folder) == set()


def test_the_hint_grows_by_appending_and_heals_when_unreadable(tmp_path: Path) -> None:
    """A sync adds each page's files to the hint without writing it whole again (the old
    bytes stay as they were); a line a crash cut short is ended before the next and names no
    file; an unreadable hint is written whole with what is known now."""
    with Session.create_store(tmp_path / "store", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as s:
        folder = s.folder
        hint = folder.path / sync.ON_HUB_FILE
        first = {f"blobs/{n:02x}/{'c' * 62}" for n in range(3)}
        sync._remember_on_hub(folder, set(), first)
        before = hint.read_bytes()
        second = {f"blobs/{n:02x}/{'d' * 62}" for n in range(3)}
        sync._remember_on_hub(folder, sync._on_hub(folder), second | first)
        assert hint.read_bytes().startswith(before)
        assert sync._on_hub(folder) == first | second
        with open(hint, "ab") as handle:  # killed in the middle of a line
            handle.write(b"blobs/ee/eeee")
        third = {f"blobs/ff/{'f' * 62}"}
        sync._remember_on_hub(folder, sync._on_hub(folder), third)
        assert sync._on_hub(folder) == first | second | third | {"blobs/ee/eeee"}
        assert hint.read_bytes().endswith(b"blobs/ee/eeee\n" + f"blobs/ff/{'f' * 62}\n".encode())
        hint.write_bytes(b"\xff\xfe not text")
        sync._remember_on_hub(folder, sync._on_hub(folder), third)
        assert sync._on_hub(folder) == third
