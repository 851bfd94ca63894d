"""A full disk during an import: a clear error, nothing lost, and the store works again once
there is room.

The store lives on a small tmpfs (a real ENOSPC from the kernel) when this process may mount
one (root, as on the project's machines and in CI). Elsewhere the same ENOSPC is injected at
the operating-system boundary (``os.fsync`` of the blob being sealed), which is what the kernel
would report there.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_desk.domain.errors import StoreError
from evidence_desk.services import cases, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.faults.support import describe, run_cli, small_tmpfs
from tests.helpers import Team, TickingClock, approved_contact, make_team

DISK_KIB = 48 * 1024


def _chat(path: Path, messages: int, tag: str) -> Path:
    lines = [
        f"{1 + i // 1440 % 28:02d}/03/2026, {i % 1440 // 60:02d}:{i % 60:02d} - Chen Lixin: "
        f"{tag} {i} 我下周一定还款，请再宽限几天 " + "x" * (i % 50)
        for i in range(messages)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(team: Team) -> tuple[object, ...]:
    with Session.open(team.path, "lee", team.passwords["lee"]) as lee:
        conn = lee.conn
        counts = tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("ledger", "messages", "imports", "blobs", "cases")
        )
        report = verify_store(lee)
    assert report.intact, describe(report)
    return (*counts, (team.path / "store.json").read_bytes())


def _fill(folder: Path, leave_kib: int) -> Path:
    """Fill the disk holding ``folder`` until about ``leave_kib`` KiB are left."""
    filler = folder / f"filler{len(list(folder.glob('filler*.bin')))}.bin"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, free - leave_kib * 1024))
    return filler


@pytest.fixture(params=["tmpfs", "injected ENOSPC"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A real small disk, or (both where possible) an ordinary folder with ENOSPC injected."""
    if request.param != "tmpfs":
        yield tmp_path / "disk", False
        return
    with small_tmpfs(tmp_path / "disk", DISK_KIB) as mounted:
        if not mounted:
            # a real full disk needs a mount (root); the "injected ENOSPC" parameter of this same
            # fixture always runs, so the behaviour is still tested everywhere
            pytest.skip("mounting a tmpfs needs root; the injected ENOSPC case covers this")
        yield tmp_path / "disk", True


def test_full_disk_during_import_is_a_clear_error_and_loses_nothing(
    disk: tuple[Path, bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, mounted = disk
    team = make_team(folder / "store", TickingClock())
    staff, contact_id = approved_contact(team, tmp_path)
    first = _chat(tmp_path / "WhatsApp Chat with Chen Lixin.txt", 200, "early")
    importing.import_files(staff, contact_id, [first], tz="Asia/Shanghai")
    before = _snapshot(team)
    big = _chat(tmp_path / "WhatsApp Chat with Chen Lixin (2).txt", 20_000, "later")
    assert big.stat().st_size > 1024 * 1024

    filler: Path | None = None
    if mounted:
        filler = _fill(folder, leave_kib=256)  # the sealed export (> 1 MiB) cannot fit
    else:

        def no_space(_fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreError) as failed:
        importing.import_files(staff, contact_id, [big], tz="Asia/Shanghai")
    monkeypatch.undo()
    assert "the disk holding the store is full" in failed.value.message
    assert "nothing was stored" in failed.value.message
    assert list((team.path / "blobs" / "tmp").iterdir()) == []  # no partial file left behind
    assert _snapshot(team) == before

    if mounted:
        assert filler is not None
        # the command line says the same, with exit code 1 and no traceback
        result = run_cli(
            team.path,
            "alice",
            team.passwords["alice"],
            "import",
            "--contact",
            contact_id,
            "--tz",
            "Asia/Shanghai",
            str(big),
        )
        assert result.returncode == 1, result.stderr
        assert (
            "error [store]" in result.stderr and "disk holding the store is full" in result.stderr
        )
        assert "Traceback" not in result.stderr
        # with the disk completely full even a small write is refused cleanly
        _fill(folder, leave_kib=0)
        with pytest.raises(StoreError, match="disk holding the store is full"):
            cases.create_case(staff, "2026-FULL-1", debtor_name="满盘")
        for leftover in folder.glob("filler*.bin"):
            leftover.unlink()
        assert _snapshot(team) == before

    # once there is room again the same import goes through and verifies
    result_ok = importing.import_files(staff, contact_id, [big], tz="Asia/Shanghai")
    assert result_ok.messages_new == 20_000
    after = _snapshot(team)
    assert after[1] == before[1] + 20_000  # type: ignore[operator]
    team.close_all()
