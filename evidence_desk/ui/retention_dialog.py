"""Closing a case and placing or lifting a legal hold: one reason dialog, three uses.

Each is one call of services/retention.py with the reason typed here; the service (and the rule
table behind it) refuses what the role or the case's state does not allow, and the refusal is
shown in the dialog, which stays open. Also the case's retention state in words, for the case
view and the case tree's tooltip.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import retention
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.formatting import local_time


class ReasonDialog(QDialog):
    """Asks for the reason of one retention step and runs it; ``done_with`` carries the case."""

    done_with = Signal(str)

    def __init__(
        self,
        session: Session,
        case_no: str,
        kind: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.session = session
        self.case_no = case_no
        self.kind = kind
        title, prompt, button, self._step = self._wording(kind)
        self.setWindowTitle(title.replace("%1", case_no))
        intro = QLabel(prompt.replace("%1", case_no))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reasonText")
        self.reason.setPlaceholderText(self.tr("Reason (recorded in the ledger)"))
        self.error_label = QLabel()
        self.error_label.setObjectName("reasonError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(button)
        ok.setObjectName("reasonOkButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _wording(self, kind: str) -> tuple[str, str, str, Callable[[Session, str, str], object]]:
        if kind == "close":
            return (
                self.tr("Close case %1"),
                self.tr(
                    "Close case %1 because its purpose is achieved. Its deletion date is set now "
                    "from the retention settings (closure plus the cap, never before the floor)."
                ),
                self.tr("Close case"),
                retention.close_case,
            )
        if kind == "hold":
            return (
                self.tr("Legal hold on %1"),
                self.tr(
                    "Place a legal hold on case %1: nothing of it may be deleted until the hold "
                    "is lifted."
                ),
                self.tr("Place hold"),
                retention.add_hold,
            )
        return (
            self.tr("Lift hold on %1"),
            self.tr("Lift the legal hold on case %1: its deletion date applies again."),
            self.tr("Lift hold"),
            retention.lift_hold,
        )

    def submit(self) -> None:
        try:
            self._step(self.session, self.case_no, self.reason.toPlainText().strip())
        except Exception as error:
            self.error_label.setText(errors.describe(error))
            return
        self.done_with.emit(self.case_no)
        self.accept()


def retention_html(kept: retention.Retention, zone: str, shredded_at: str | None = None) -> str:
    """The case's retention state as one line of rich text (the case view's header)."""
    return "<br>".join(html.escape(line) for line in retention_lines(kept, zone, shredded_at))


def retention_lines(
    kept: retention.Retention, zone: str, shredded_at: str | None = None
) -> list[str]:
    """Shredded (when), closed (when, by whom, why, deletion date) or open (floor date), and a
    hold in force."""
    lines: list[str] = []
    if shredded_at is not None:
        lines.append(
            QCoreApplication.translate(
                "Retention", "Shredded %1: its content was destroyed, its proofs are kept"
            ).replace("%1", local_time(shredded_at, zone))
        )
    if kept.closed_at is not None and kept.delete_after is not None:
        lines.append(
            QCoreApplication.translate("Retention", "Closed %1 by %2: %3 · deletion date %4")
            .replace("%1", local_time(kept.closed_at, zone))
            .replace("%2", kept.closed_by or "")
            .replace("%3", kept.close_reason or "")
            .replace("%4", local_time(kept.delete_after, zone))
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Retention", "Open · records kept at least until %1"
            ).replace("%1", local_time(kept.floor_until, zone))
        )
    held = kept.active_hold
    if held is not None:
        lines.append(
            QCoreApplication.translate("Retention", "On legal hold since %1 (%2): %3")
            .replace("%1", local_time(held.placed_at, zone))
            .replace("%2", held.placed_by)
            .replace("%3", held.reason)
        )
    return lines
