"""The sync status in the main window's status bar: synced when, offline since when with what
waits to go up, or the entries the hub refused with their rule; a menu to sync now and a
details dialog listing every refused entry with its rule said in the interface language.

Notices (a request to decide, a decision on one's own request) appear as a tray message when
the desktop has a tray, and always in the window's status bar (offscreen and minimal desktops
have no tray).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services.live import RefusedEntry
from evidence_desk.ui import decided_text, errors, icons
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import action_label
from evidence_desk.ui.sync_controller import SyncState

# milliseconds a notice stays in the status bar
NOTICE_MS = 30_000


def size_text(size: int) -> str:
    """Bytes as the status shows them: 12.4 MB, 830 KB, 12 bytes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size} B"


class SyncDetails(QDialog):
    """Every own entry the hub refused: its seq, action and rule, and the refusal worded."""

    def __init__(
        self, state: SyncState, parent: QWidget | None = None, zone: str = "Asia/Shanghai"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncDetails")
        self.setWindowTitle(self.tr("Sync details"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.entries = QListWidget()
        self.entries.setObjectName("refusedEntries")
        self.entries.setWordWrap(True)
        for refused in state.refused:  # what the entry did in words; the rule by its name
            if refused.rule == "hub.decided":  # who decided first, when, on which device
                item = QListWidgetItem(
                    self.tr("Entry %1 (%2): %3")
                    .replace("%1", str(refused.seq))
                    .replace("%2", action_label(refused.action))
                    .replace("%3", decided_text.lost_decision(refused, zone))
                )
                item.setToolTip(decided_text.expert_detail(refused))  # the full ids
                self.entries.addItem(item)
                continue
            self.entries.addItem(
                self.tr("Entry %1 (%2), rule %3: %4")
                .replace("%1", str(refused.seq))
                .replace("%2", action_label(refused.action))
                .replace("%3", refused.rule)
                .replace("%4", errors.describe(refused.refusal))
            )
        lines = [self.tr("Refused entries: %1").replace("%1", str(len(state.refused)))]
        if state.problem:
            lines.append(self.tr("Last problem: %1").replace("%1", state.problem))
        self.summary.setText("\n".join(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.summary)
        layout.addWidget(self.entries, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)


class SyncStatus(QToolButton):
    """The status bar's sync item; its menu syncs now or opens :class:`SyncDetails`."""

    sync_requested = Signal()

    def __init__(self, zone: str, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._window = parent
        self._zone = zone
        self.state = SyncState()
        self.last_notice = ""
        self.details: SyncDetails | None = None
        menu = QMenu(self)
        self.sync_action = menu.addAction(self.tr("Sync now"))
        self.sync_action.setObjectName("actionSyncNow")
        self.sync_action.triggered.connect(self.sync_requested.emit)
        self.details_action = menu.addAction(self.tr("Sync details…"))
        self.details_action.setObjectName("actionSyncDetails")
        self.details_action.triggered.connect(self.show_details)
        self.setMenu(menu)
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icons.app_icon(), self)
            self._tray.show()
        self.setText(self.tr("Sync: starting…"))

    def show_state(self, state: SyncState) -> None:
        self.state = state
        colour = "#2e7d32"
        if state.refused:
            count, why = len(state.refused), self._why(state.refused[0])
            text = self.tr("Refused: %n entry(s) (%1)", "", count).replace("%1", why)
            colour = "#b3261e"
        elif state.retired:  # the tooltip says who retired this laptop, when and why
            text = self.tr("Not syncing: this laptop was retired")
            colour = "#b3261e"
        elif state.hub_too_old:  # the tooltip names both releases and what to run
            text = self.tr("Not syncing: the hub needs an upgrade")
            colour = "#b3261e"
        elif state.offline_since is not None:
            text = (
                self.tr("Offline since %1 — %2, %3 waiting")
                .replace("%1", self._time(state.offline_since))
                .replace("%2", self._entries(state.waiting_entries))
                .replace("%3", size_text(state.waiting_bytes))
            )
            if state.retry_at is not None:  # the backoff's next try: nothing to do meanwhile
                text += self.tr("; trying again at %1").replace(
                    "%1", self._time(state.retry_at, seconds=True)
                )
            colour = "#ef6c00"
        elif state.syncing:
            text = self.tr("Syncing…")
            colour = "#555"
        elif state.last_synced is not None:
            text = self.tr("Synced %1").replace("%1", self._time(state.last_synced))
        else:
            text = self.tr("Not synced yet")
            colour = "#555"
        if state.problem and not state.refused and state.offline_since is None:
            colour = "#b3261e"
        self.setText(text)
        self.setStyleSheet(f"color: {colour};")
        tip = [
            self.tr("Waiting to go up: %1, %2 (%3)")
            .replace("%1", self._entries(state.waiting_entries))
            .replace("%2", self.tr("%n file(s)", "waiting to go up", state.waiting_blobs))
            .replace("%3", size_text(state.waiting_bytes))
        ]
        if state.last_synced is not None:  # the full time with its zone
            tip.append(
                self.tr("Last sync: %1 (%2)")
                .replace("%1", local_time(state.last_synced.isoformat(), self._zone))
                .replace("%2", self._zone)
            )
        if state.refused:
            tip.append(self.tr("Each refused entry and its rule: Sync details… in this menu"))
        if state.problem:
            tip.append(state.problem)
        self.setToolTip("\n".join(tip))

    def notify(self, text: str) -> None:
        """A notice: in the tray when there is one, and in the window's status bar."""
        self.last_notice = text
        if self._tray is not None:
            self._tray.showMessage(self.tr("Evidence Desk"), text)
        self._window.statusBar().showMessage(text, NOTICE_MS)

    def show_details(self) -> SyncDetails:
        self.details = SyncDetails(self.state, self, self._zone)
        self.details.open()
        return self.details

    def _entries(self, count: int) -> str:
        """ "1 entry" / "3 entries" (Chinese has one form)."""
        return self.tr("%n entry(s)", "waiting", count)

    def _why(self, refused: RefusedEntry) -> str:
        """Why the hub refused an entry, in words where the status has room for them: a
        decision another supervisor made first; else the rule by its name (four-eyes, ...)."""
        if refused.rule == "hub.decided":
            return self.tr("another supervisor decided first")
        return self.tr("rule %1").replace("%1", refused.rule)

    def _time(self, moment: datetime, *, seconds: bool = False) -> str:
        """HH:MM (HH:MM:SS) in the user's time zone (with the date when it is not today)."""
        shown = local_time(moment.isoformat(), self._zone)
        if seconds:
            shown += moment.astimezone(UTC).strftime(":%S")
        today = local_time(datetime.now(UTC).isoformat(), self._zone)
        return shown[11:] if shown[:10] == today[:10] else shown
