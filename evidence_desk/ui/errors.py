"""Turning service errors into messages people can act on, in their language.

The services raise errors with a stable ``code`` and an English detail; the headline is
translated here by code, the detail (file, line, rule) is shown below it, in the interface
language when the service worded it from a catalogue (``service_text.error_detail``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.ui import service_text


def headline(error: BaseException) -> str:
    code = getattr(error, "code", "")
    headlines = {
        "usage": QCoreApplication.translate("Errors", "The request is incomplete."),
        "refused": QCoreApplication.translate("Errors", "Refused by a rule."),
        "permission": QCoreApplication.translate("Errors", "Your role does not allow this."),
        "bad_input": QCoreApplication.translate("Errors", "The input cannot be accepted."),
        "import_input": QCoreApplication.translate("Errors", "The file cannot be imported."),
        "not_found": QCoreApplication.translate("Errors", "Not found."),
        "store": QCoreApplication.translate("Errors", "The store cannot be used."),
        "auth": QCoreApplication.translate("Errors", "Unknown user or wrong password."),
        "busy": QCoreApplication.translate("Errors", "The store is busy."),
        "cancelled": QCoreApplication.translate("Errors", "Cancelled: nothing was stored."),
        "tsa": QCoreApplication.translate("Errors", "Time-stamping failed."),
        "hub_too_old": QCoreApplication.translate(
            "Errors", "The hub runs an older release than this app."
        ),
        "hub_refused": QCoreApplication.translate("Errors", "The hub did not accept it."),
        "hub_forked": QCoreApplication.translate(
            "Errors", "The hub showed a history this device was not shown."
        ),
    }
    if isinstance(error, EvidenceDeskError):
        return headlines.get(code, QCoreApplication.translate("Errors", "The operation failed."))
    return QCoreApplication.translate("Errors", "Unexpected error: nothing was changed.")


def describe(error: BaseException) -> str:
    """Headline and detail on two lines."""
    return f"{headline(error)}\n{service_text.error_detail(error)}"


OK_COLOUR = "#2e7d32"
ERROR_COLOUR = "#b3261e"


def say(label: QLabel, text: str, ok: bool) -> None:
    """Show the outcome of an action in a dialog's message line: green done, red refused."""
    label.setStyleSheet(f"color: {OK_COLOUR if ok else ERROR_COLOUR};")
    label.setText(text)


def say_error(label: QLabel, error: BaseException) -> None:
    say(label, describe(error), False)


def show(parent: QWidget | None, error: BaseException) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Evidence Desk"))
    box.setText(headline(error))
    detail = (
        service_text.error_detail(error) if isinstance(error, EvidenceDeskError) else str(error)
    )
    box.setInformativeText(detail)
    # open(), not exec(): the message never blocks the event loop (or a test driving it)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
