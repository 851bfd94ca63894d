"""Two desktop windows, one hub, live (issue 20 item 3): staff file a contact request with its
documents in their window; without a restart or a sync by hand it appears in the supervisor's
approval queue with a notice; the supervisor approves in their window and the staff window
shows the contact approved with "Approved by sam". Then the hub stops: the staff window says
offline with what waits to go up after staff work on; the hub starts again and the window
syncs by itself.

A real hub (its own process, real PostgreSQL, real TLS on 127.0.0.1), real stores that joined
it with one-time codes, the real windows offscreen in this process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import tests.ui.test_story as story
from evidence_desk.services import contacts, live
from evidence_desk.store.lock import WriterLock
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.sync_controller import live_pool
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import Org, organisation

#: generous: the machine runs other test suites at the same time
WAIT_MS = 45_000


@pytest.fixture
def org(hub_db: HubDatabase, tmp_path: Path) -> Iterator[Org]:  # noqa: F811
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        yield org


def _open(qtbot: QtBot, org: Org, name: str, opened: list[MainWindow]) -> MainWindow:
    window = MainWindow(org.login(name))
    opened.append(window)
    controller = window.sync_controller
    assert controller is not None and window.sync_status is not None  # the store is bound
    # quicker than a desktop's: short waits and retries, so the test ends soon after its steps
    controller.poll_seconds = 3
    controller.backoff = live.Backoff(first=0.5, cap=3.0)
    qtbot.addWidget(window)
    window.show()
    return window


def _synced(window: MainWindow) -> bool:
    status = window.sync_status
    assert status is not None
    return status.text().startswith("Synced") and status.state.waiting_entries == 0


def test_request_reaches_the_supervisor_and_the_decision_comes_back(
    qtbot: QtBot, org: Org, tmp_path: Path
) -> None:
    opened: list[MainWindow] = []
    try:
        alice = _open(qtbot, org, "alice", opened)
        sam = _open(qtbot, org, "sam", opened)
        qtbot.waitUntil(lambda: _synced(alice) and _synced(sam), timeout=WAIT_MS)

        # staff: a case and a contact request with its documents, through the widgets
        alice.new_case_action.trigger()
        case_dialog = alice.last_dialog
        case_dialog.case_no.setText("2026-SH-0009")
        case_dialog.debtor.setText("陈立新")
        case_dialog.amount.setText("48600")
        case_dialog.submit()
        alice.request_action.trigger()
        form = alice.last_dialog
        form.channel.setCurrentIndex(form.channel.findData("whatsapp"))
        form.handle.setText("+8613800000000")
        form.display_name.setText("Chen Lixin")
        form.consent.setChecked(True)
        form.reason.setPlainText("the debtor added us and asked to talk about repayment")
        documents = dict(supporting_documents(tmp_path / "docs"))
        story.drop_files(form.pickers["identity_proof"].list, [documents["identity_proof"]])
        story.drop_files(form.pickers["debt_confirmation"].list, [documents["debt_confirmation"]])
        with qtbot.waitSignal(form.requested, timeout=WAIT_MS):
            form.submit()
        contact = alice.current_contact()
        assert contact is not None and contact.status == "requested"

        # the supervisor's queue shows it by itself, with a notice (no tray offscreen: the bar)
        queue = sam.approvals
        qtbot.waitUntil(lambda: queue.select(contact.id), timeout=WAIT_MS)
        assert sam.sync_status is not None
        assert sam.sync_status.last_notice == (
            "New contact request in case 2026-SH-0009 from alice"
        )
        assert sam.statusBar().currentMessage() == sam.sync_status.last_notice
        assert queue.documents.count() == 2  # the documents came with it
        # staff's window is idle and waiting for news when the decision is made
        staff = alice.sync_controller
        assert staff is not None
        qtbot.waitUntil(
            lambda: _synced(alice) and _synced(sam) and staff.listening, timeout=WAIT_MS
        )
        before, pages = staff.requests.sent.now(), staff.requests.pages
        queue.note_edit.setPlainText("identity and debt confirmed")
        queue.approve_button.click()
        assert "approved" in queue.message.text()

        # staff see it decided within seconds, without doing anything
        def approved() -> bool:
            shown = alice.current_contact()
            return shown is not None and shown.status == "approved"

        qtbot.waitUntil(approved, timeout=WAIT_MS)
        # by news with its page: from the decision to its page committed in the staff's store,
        # the staff's clients sent nothing but the wait already open (and any wait begun
        # after one ran out): no pull, no checkpoint, no proof, no held-digest question
        assert staff.requests.pages > pages  # the page is in: counted at its commit
        spent = staff.requests.at_last_page - before
        assert set(spent) <= {"GET /v1/events"}, spent
        assert staff.requests.at_last_page["GET /v1/events"] >= before["GET /v1/events"]
        assert alice.sync_status is not None
        assert alice.sync_status.last_notice == (
            "Approved by sam: your contact request in case 2026-SH-0009"
        )
        assert alice.import_action.isEnabled()
        qtbot.waitUntil(lambda: _synced(alice) and _synced(sam), timeout=WAIT_MS)
        assert contacts.get_contact(alice.session, contact.id).decided_by == "sam"
        # in step, both stay idle: waits end and start again, nobody syncs in a loop
        syncs: list[object] = []
        for window in (alice, sam):
            assert window.sync_controller is not None
            window.sync_controller.synced.connect(syncs.append)
        qtbot.wait(8000)
        assert syncs == []

        # another writer holds the staff store (a backup, say): the sync waits its turn and
        # tries again; it is neither offline nor a problem, and nothing is pulled meanwhile
        before = live.position(alice.session)
        with WriterLock(org.stores["alice"], "alice", "backup"):
            org.invite("bob", "staff")  # the admin's device writes and syncs an entry
            qtbot.wait(6000)  # alice's wait wakes, her sync finds the store busy
            assert alice.sync_status.state.offline_since is None
            assert not alice.sync_status.state.problem
            assert live.position(alice.session) == before
        qtbot.waitUntil(
            lambda: live.position(alice.session) > before and _synced(alice), timeout=WAIT_MS
        )

        # the hub stops: staff work on, the window says offline and what waits to go up
        org.kill()
        alice.new_case_action.trigger()
        case_dialog = alice.last_dialog
        case_dialog.case_no.setText("2026-SH-0010")
        case_dialog.debtor.setText("王小明")
        case_dialog.amount.setText("1200")
        case_dialog.submit()
        status = alice.sync_status

        def offline() -> bool:
            return status.text().startswith("Offline since") and status.state.waiting_entries > 0

        qtbot.waitUntil(offline, timeout=WAIT_MS)
        # one entry is "1 entry"; and the backoff's next try is said (nothing to do meanwhile)
        assert "— 1 entry, 0 B waiting; trying again at " in status.text()
        assert status.state.retry_at is not None
        assert status.state.offline_since is not None
        # back: it syncs by itself
        org.start()
        qtbot.waitUntil(lambda: _synced(alice), timeout=WAIT_MS)
        assert status.state.offline_since is None and not status.state.refused
    finally:
        for window in opened:
            window.close()
            window.session.close()
        assert live_pool().waitForDone(60_000)
        for window in opened:  # no long-poll left running after the test
            assert window.sync_controller is not None
            assert window.sync_controller.join_wait(30)
