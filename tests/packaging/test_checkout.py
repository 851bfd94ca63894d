"""A Windows checkout (``core.autocrlf=true``, the Git for Windows default) must leave the test
fixtures and the demo export byte for byte as committed: several are CRLF, GB18030 or carry a
BOM on purpose, and the importer tests compare digests and line counts. ``.gitattributes`` marks
them ``-text``; these tests check the attribute on every fixture and replay such a checkout in a
scratch repository, with and without the attributes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GIT = shutil.which("git")

pytestmark = pytest.mark.skipif(
    GIT is None or not (REPO_ROOT / ".git").exists(), reason="needs git and a git checkout"
)


def _git(cwd: Path, *args: str) -> str:
    assert GIT is not None
    done = subprocess.run(
        [GIT, "-c", "core.autocrlf=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return done.stdout


def _protected_files() -> list[str]:
    listed = _git(REPO_ROOT, "ls-files", "-z", "--", "tests", "evidence_desk/data/demo").split("\0")
    demo = "evidence_desk/data/demo/"
    files = [f for f in listed if f and ("/fixtures/" in f or f.startswith(demo))]
    assert len(files) > 30, files
    return files


def test_every_fixture_is_marked_not_text() -> None:
    files = _protected_files()
    out = _git(REPO_ROOT, "check-attr", "-z", "text", "--", *files).split("\0")
    attributes = {out[i]: out[i + 2] for i in range(0, len(out) - 2, 3)}
    assert set(attributes) == set(files)
    converted = sorted(path for path, value in attributes.items() if value != "unset")
    assert converted == [], converted


def test_sources_are_lf_on_any_checkout() -> None:
    out = _git(
        REPO_ROOT, "check-attr", "eol", "--", "evidence_desk/cli/commands.py", "pyproject.toml"
    )
    assert out.count(": eol: lf") == 2, out


def _checkout_with_autocrlf(folder: Path, files: list[str], attributes: bool) -> dict[str, bytes]:
    """Commit ``files`` into a new repository (with or without our .gitattributes), then check
    them out again as Git for Windows does by default; returns the checked-out bytes."""
    assert GIT is not None
    folder.mkdir()
    _git(folder, "init", "-q")
    for name in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO_ROOT / name, target)
    if attributes:
        shutil.copyfile(REPO_ROOT / ".gitattributes", folder / ".gitattributes")
    _git(folder, "add", "-A")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x")
    for name in files:
        (folder / name).unlink()
    subprocess.run(
        [GIT, "-c", "core.autocrlf=true", "checkout", "--", "."],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return {name: (folder / name).read_bytes() for name in files}


def test_a_crlf_checkout_keeps_the_fixtures_byte_exact(tmp_path: Path) -> None:
    files = _protected_files()
    committed = {name: (REPO_ROOT / name).read_bytes() for name in files}
    protected = _checkout_with_autocrlf(tmp_path / "with", files, attributes=True)
    assert [n for n in files if protected[n] != committed[n]] == []
    # without the attributes the same checkout rewrites the LF fixtures (the importer tests
    # then see CRLF where they expect LF): the replay above is not vacuous
    unprotected = _checkout_with_autocrlf(tmp_path / "without", files, attributes=False)
    changed = [n for n in files if unprotected[n] != committed[n]]
    assert any(n.startswith("tests/importers/fixtures/") for n in changed), changed
