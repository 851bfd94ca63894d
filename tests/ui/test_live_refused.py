"""A decision the hub refuses, shown in the window: two supervisors approve the same request on
their own laptops; the first the hub accepts stands. The second supervisor's window syncs by
itself and its status says "Refused: 1 entry (another supervisor decided first)"; the details
name who decided first, also once the app restarted (the push's answer is gone then: the
facts are read from the store). When the push's answer was lost (it reached the hub, not the
laptop), the sync rebuilds the refusal from the pulled entries with the facts the hub named.
A real hub, real stores, the real window offscreen."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts, live, sync
from evidence_desk.services.session import Session
from evidence_desk.ui import decided_text
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.sync_controller import live_pool
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import organisation
from tests.hub.test_org_end_to_end import _request

WAIT_MS = 45_000


@pytest.mark.parametrize("answer_lost", [False, True])
def test_the_later_of_two_decisions_shows_refused_with_its_rule(
    qtbot: QtBot,
    hub_db: HubDatabase,  # noqa: F811
    tmp_path: Path,
    answer_lost: bool,
) -> None:
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("sue", "supervisor")
        org.welcome("alice", "sam", "sue")
        contact_id = _request(org, tmp_path)
        for name in ("alice", "sam", "sue"):
            assert org.sync(name)[0] == 0
        # both approve on their own laptops, offline; sam's decision reaches the hub first
        with org.login("sam") as sam:
            contacts.approve(sam, contact_id, "identity and debt confirmed")
        with org.login("sue") as sue:
            contacts.approve(sue, contact_id, "confirmed by phone")
        assert org.sync("sam")[0] == 0
        if answer_lost:  # sue's push reached the hub, its answer did not reach her laptop
            with org.login("sue") as sue, sync.client_for(sue, sync.binding(sue.folder)) as c:
                sync.push(sue, c, sync.SyncReport())

        _refused_in_window(qtbot, org.login("sue"), contact_id)
        # the app restarts: the same words, from what the store holds
        _refused_in_window(qtbot, org.login("sue"), contact_id)


def _refused_in_window(qtbot: QtBot, session: Session, contact_id: str) -> None:
    window = MainWindow(session)
    try:
        assert window.sync_controller is not None and window.sync_status is not None
        window.sync_controller.poll_seconds = 3
        window.sync_controller.backoff = live.Backoff(first=0.5, cap=3.0)
        qtbot.addWidget(window)
        window.show()
        status = window.sync_status
        qtbot.waitUntil(
            lambda: status.text() == "Refused: 1 entry (another supervisor decided first)",
            timeout=WAIT_MS,
        )
        (refused,) = status.state.refused
        assert (refused.action, refused.rule) == ("contact.approve", "hub.decided")
        # the standing decision as a person reads it: who, when, the device's short form
        assert refused.standing is not None
        standing = refused.standing
        assert (standing.contact, standing.by, standing.action) == (
            contact_id,
            "sam",
            "contact.approve",
        )
        when = decided_text.shown_at(standing.at, window.zone)
        assert when.endswith(("UTC+08:00", "UTC")) and when[:4].isdigit()
        lost = (
            f"Your approval was not accepted: sam decided first at {when} "
            f"(contact approved, device {standing.device[:8]})."
        )
        details = status.show_details()
        row = details.entries.item(0)
        assert row.text() == f"Entry {refused.seq} (contact approved): {lost}"
        assert standing.device not in row.text() and contact_id not in row.text()
        # the expert's full ids stay in the tooltip: the hub's refusal as it named them
        tip = row.toolTip()
        assert "which sam decided first" in tip and standing.device in tip and contact_id in tip
        details.close()
        # what the window shows is sam's decision: the hub's order stands, and the contact
        # page says that sue's own decision was not accepted, and why
        shown = contacts.get_contact(window.session, contact_id)
        assert (shown.status, shown.decided_by) == ("approved", "sam")
        window.contact_page.display(shown.case_no, shown, window.zone)
        assert html.escape(lost) in window.contact_page.header.text()
        # and the approval queue's detail, where a supervisor reads the request
        approvals = window.approvals
        approvals.filter_combo.setCurrentIndex(approvals.filter_combo.findData(""))
        assert approvals.select(contact_id)
        assert html.escape(lost) in approvals.summary.text()
    finally:
        window.close()
        window.session.close()
        assert live_pool().waitForDone(60_000)
        assert window.sync_controller is not None
        assert window.sync_controller.join_wait(30)
