"""The main window sends queued checkpoints to the TSA in the background (issue 5, item 3)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.services import cases, timestamps
from evidence_desk.ui.main_window import MainWindow
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.helpers import Team, TickingClock


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


def _configure(team: Team, pki: TestPki, url: str) -> None:
    admin = team.login("ada")
    timestamps.add_authority(
        admin,
        "local",
        url,
        pki.root_pem.read_text(),
        pki.intermediates_pem.read_text(),
        timeout_seconds=1,
    )


def test_the_window_stamps_the_queue_in_the_background(
    qtbot: QtBot, team: Team, pki: TestPki, local_tsa: LocalTsa
) -> None:
    _configure(team, pki, local_tsa.url)
    staff = team.login("alice")
    cases.create_case(staff, "2026-T-9", debtor_name="赵六")
    assert timestamps.status(staff).pending_entries > 0
    window = MainWindow(staff)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: timestamps.status(staff).pending_entries == 0, timeout=20_000)
    qtbot.waitUntil(lambda: "covered" in window.stamp_label.text(), timeout=5_000)


def test_an_unreachable_tsa_keeps_the_queue_and_says_why(
    qtbot: QtBot, team: Team, pki: TestPki, tmp_path: Path
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        _configure(team, pki, f"http://127.0.0.1:{closed.getsockname()[1]}/tsa")
        staff = team.login("alice")
        pending = timestamps.status(staff).pending_entries
        window = MainWindow(staff)
        qtbot.addWidget(window)
        qtbot.waitUntil(
            lambda: "Last attempt failed" in window.stamp_label.toolTip(), timeout=20_000
        )
    assert "connection_failed" in window.stamp_label.toolTip()
    assert timestamps.status(staff).pending_entries == pending
    assert "queued" in window.stamp_label.text()
