"""The app's side of the organisation against a real hub (its own process, real PostgreSQL,
real TLS on 127.0.0.1): "Join an organisation" from the login screen (the CA's fingerprint
shown and confirmed before anything is sent; a wrong code named and no store left behind),
and legal's case list naming the device and user of every item of two staff laptops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from evidence_desk.integrity import pinning
from evidence_desk.services import cases, contacts, importing
from evidence_desk.services.org_ledger import new_code
from evidence_desk.services.session import Session
from evidence_desk.ui.app import Controller
from evidence_desk.ui.join_dialog import JoinDialog
from evidence_desk.ui.main_window import CaseRole, MainWindow
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation
from tests.hub.standalone import standalone_store
from tests.hub.test_join_existing import digests
from tests.ui.conftest import isolated_settings

__all__ = ["isolated_settings"]  # the GUI tests' fixture: own QSettings, English UI

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)


def _fill(dialog: JoinDialog, org: Org, code: str, store: Path, user: str) -> None:
    dialog.url_edit.setText(org.url)
    dialog.code_edit.setText(code)
    dialog.ca_edit.setText(str(org.ca))
    dialog.store_edit.setText(str(store))
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)


def test_join_from_the_login_screen_after_confirming_the_fingerprint(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("lee", "legal")
        controller = Controller()
        login = controller.show_login()
        qtbot.addWidget(login)
        dialog = login.open_join()
        store = tmp_path / "lee"
        _fill(dialog, org, code, store, "lee")
        # the fingerprint is on screen; nothing can be sent until it is confirmed
        assert dialog.fingerprint == pinning.fingerprint(org.ca)
        assert dialog.fingerprint_label.text().replace("\n", ":") == pinning.fingerprint(org.ca)
        assert not dialog.join_button.isEnabled()
        dialog.join()
        assert dialog.job is None and not store.exists()
        dialog.confirm_box.setChecked(True)
        assert dialog.join_button.isEnabled()
        # another CA file withdraws the confirmation
        dialog.ca_edit.setText(str(org.tls / "cert.pem"))
        assert not dialog.confirm_box.isChecked() and not dialog.join_button.isEnabled()
        dialog.ca_edit.setText(str(org.ca))
        dialog.confirm_box.setChecked(True)
        with qtbot.waitSignal(dialog.joined, timeout=120_000):
            dialog.join_button.click()
        window = controller.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        assert window.session.user.name == "lee"
        assert window.session.folder.path == store
        assert login.session is window.session
        assert (store / "hub.json").exists()
        window.close()
        window.session.close()


def test_a_wrong_code_is_named_and_leaves_no_store(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.invite("lee", "legal")
        dialog = JoinDialog()
        qtbot.addWidget(dialog)
        store = tmp_path / "lee"
        _fill(dialog, org, new_code(), store, "lee")
        dialog.confirm_box.setChecked(True)
        dialog.join_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
        assert "one-time code" in dialog.message.text()
        assert dialog.join_button.isEnabled()
        assert not store.exists()
        # an address where no hub listens: named as such
        dialog.url_edit.setText("https://127.0.0.1:9")
        dialog.join_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
        assert "cannot be reached" in dialog.message.text()
        assert not store.exists()


def test_legal_case_list_names_the_device_and_user_of_every_item(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        for name, role in (("alice", "staff"), ("bob", "staff"), ("sam", "supervisor")):
            org.join(name, role)
        org.join("lee", "legal")
        org.welcome("alice", "bob", "sam", "lee")
        requested: dict[str, str] = {}
        for name, case_no in (("alice", "2026-SH-1"), ("bob", "2026-BJ-2")):
            with org.login(name) as session:
                cases.create_case(session, case_no, debtor_name="陈立新")
                requested[name] = contacts.request_contact(
                    session,
                    case_no=case_no,
                    channel="whatsapp",
                    handle=f"+86138000000{len(requested)}",
                    display_name=f"Debtor of {name}",
                    reason="the debtor added us and asked to talk about repayment",
                    consent=True,
                    documents=supporting_documents(tmp_path / "docs", name),
                ).id
            code, _report, err = org.sync(name)
            assert code == 0, (name, err)
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            contacts.approve(sam, requested["alice"], "identity and debt confirmed")
        assert org.sync("sam")[0] == 0
        assert org.sync("alice")[0] == 0
        chat = tmp_path / "chat.txt"
        chat.write_text(CHAT, encoding="utf-8")
        with org.login("alice") as alice:
            importing.import_files(alice, requested["alice"], [chat], tz="Asia/Shanghai")
        assert org.sync("alice")[0] == 0
        assert org.sync("lee")[0] == 0
        device = {name: _store_id(org.stores[name]) for name in ("alice", "bob")}
        with org.login("lee") as lee:
            window = MainWindow(lee)
            qtbot.addWidget(window)
            assert window.nav.columnCount() == 2
            items = {str(item.data(0, CaseRole)): item for item in _top(window)}
            for name, case_no in (("alice", "2026-SH-1"), ("bob", "2026-BJ-2")):
                case_item = items[case_no]
                by = f"by {name} · {device[name][:8]}"
                assert case_item.text(1) == by
                assert case_item.toolTip(1) == device[name]
                (contact_item,) = _kids(case_item)
                assert contact_item.text(1) == by
            (alice_contact,) = _kids(items["2026-SH-1"])
            (import_item,) = _kids(alice_contact)
            assert import_item.text(1) == f"by alice · {device['alice'][:8]}"
            assert "2 messages" in import_item.text(0)
            # selecting the import shows its contact's evidence
            window.nav.setCurrentItem(import_item)
            contact = window.current_contact()
            assert contact is not None and contact.id == requested["alice"]
            (bob_contact,) = _kids(items["2026-BJ-2"])
            assert _kids(bob_contact) == []
            window.close()


def _top(window: MainWindow) -> list[QTreeWidgetItem]:
    found = (window.nav.topLevelItem(i) for i in range(window.nav.topLevelItemCount()))
    return [item for item in found if item is not None]


def _kids(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(j) for j in range(item.childCount()))
    return [child for child in found if child is not None]


def _store_id(store: Path) -> str:
    import json

    return str(json.loads((store / "store.json").read_text("utf-8"))["store_id"])


def test_the_open_store_is_checked_from_the_main_window_and_left_untouched(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
        assert org.sync("alice")[0] == 0
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-SH-1", "+8613900000001")
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            window = MainWindow(zhang)
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: window._verify_job is None, timeout=60_000)
            assert window.join_action.isVisible()
            before = digests(store)
            window.join_action.trigger()
            dialog = window.last_dialog
            assert isinstance(dialog, JoinDialog)
            assert not dialog.store_edit.isVisible() and not dialog.password_edit.isVisible()
            dialog.url_edit.setText(org.url)
            dialog.code_edit.setText(code)
            dialog.ca_edit.setText(str(org.ca))
            assert not dialog.join_button.isEnabled()
            dialog.confirm_box.setChecked(True)
            dialog.join_button.click()
            qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
            assert "join.case_taken" in dialog.message.text()
            assert "2026-SH-1" in dialog.message.text()
            assert digests(store) == before
            window.close()


def test_the_open_store_joins_with_its_history_from_the_main_window(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    """The main window's "Join an organisation…" binds the open store (checked, sent,
    committed once the hub accepted it) in a worker; the window then shows the organisation."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-OLD-1", "+8613900000001")
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            window = MainWindow(zhang)
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: window._verify_job is None, timeout=60_000)
            window.join_action.trigger()
            dialog = window.last_dialog
            assert isinstance(dialog, JoinDialog)
            dialog.url_edit.setText(org.url)
            dialog.code_edit.setText(code)
            dialog.ca_edit.setText(str(org.ca))
            dialog.confirm_box.setChecked(True)
            with qtbot.waitSignal(dialog.joined, timeout=120_000):
                dialog.join_button.click()
            assert (store / "hub.json").exists() and not (store / "join-pending.json").exists()
            joined = zhang.conn.execute(
                "SELECT count(*) FROM ledger WHERE action = 'device.join'"
            ).fetchone()[0]
            assert joined == 1
            assert zhang.conn.execute("SELECT count(*) FROM org_positions").fetchone()[0] > 0
            window.close()
