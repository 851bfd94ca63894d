"""The steps every export format shares (services/disclosure.py): files written all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.services import disclosure


def test_the_files_are_written_in_order(tmp_path: Path) -> None:
    files = [(tmp_path / "a.pdf", b"volume"), (tmp_path / "a-kit.zip", b"kit")]
    assert disclosure.write_files(files) == [path for path, _content in files]
    assert [p.read_bytes() for p, _c in files] == [b"volume", b"kit"]


def test_a_file_that_cannot_be_written_leaves_none_of_them(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()  # a folder where the kit should go: its write fails
    (tmp_path / "taken" / "inside").write_bytes(b"x")
    files = [(tmp_path / "a.pdf", b"volume"), (tmp_path / "taken", b"kit")]
    with pytest.raises(OSError):
        disclosure.write_files(files)
    assert not (tmp_path / "a.pdf").exists()
    assert (tmp_path / "taken" / "inside").read_bytes() == b"x"  # what was there stays
