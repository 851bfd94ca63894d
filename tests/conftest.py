"""Shared fixtures: real stores in tmp_path, a deterministic clock, a team of users."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from evidence_desk import translations
from evidence_desk_testing.local_tsa import LocalTsa, TestPki, make_test_pki
from tests.helpers import Team, TickingClock, make_team

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _own_settings_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """verify-bundle trusts what is pinned in the user's settings folder: tests start from an
    empty one of their own, never the developer's (a test that pins sets its own folder)."""
    before = os.environ.get("EVIDENCE_DESK_CONFIG_DIR")
    os.environ["EVIDENCE_DESK_CONFIG_DIR"] = str(tmp_path_factory.mktemp("settings"))
    yield
    if before is None:
        os.environ.pop("EVIDENCE_DESK_CONFIG_DIR", None)
    else:
        os.environ["EVIDENCE_DESK_CONFIG_DIR"] = before


@pytest.fixture(autouse=True)
def anchor_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its stores' anchors in a folder of its own, never in the real profile
    (an environment variable, so the CLI processes a test starts use it too)."""
    folder = tmp_path_factory.mktemp("anchors")
    monkeypatch.setenv("EVIDENCE_DESK_ANCHOR_DIR", str(folder))
    return folder


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def team(store_path: Path, clock: TickingClock) -> Iterator[Team]:
    group = make_team(store_path, clock)
    yield group
    group.close_all()


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    """A test PKI for a real RFC 3161 TSA. Its certificates are valid around the real present:
    modules that stamp override ``clock`` to start now."""
    return make_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def local_tsa(pki: TestPki, team: Team) -> Iterator[LocalTsa]:
    """A real TSA on 127.0.0.1 whose genTime follows the store's clock, as a real TSA follows
    real time; ``Fault.SLOW`` answers after 5 s."""
    with LocalTsa(pki, include_chain=True, clock=lambda: team.clock.now, slow_seconds=5.0) as tsa:
        yield tsa


@pytest.fixture
def own_ts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], Path]]:
    """The Qt-free reader (evidence_desk/translations.py) reads a .ts a test writes instead of
    the shipped one: ``own_ts(file_name, text)`` writes it and points every language at it.
    The reader's cache is emptied both ways, so neither the shipped entries leak into the test
    nor the test's into the next one."""

    def write(file_name: str, text: str) -> Path:
        path = tmp_path / file_name
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(translations, "ts_path", lambda language: str(path))
        translations.entries.cache_clear()
        return path

    yield write
    translations.entries.cache_clear()
