"""A supervisor's decision the hub refused because another came first, said to a person.

The hub's ``hub.decided`` refusal names full device ids and the contact's id: facts an expert
needs (they stay in the tooltip, as :func:`expert_detail`), not what a person reads. Here the
refusal is said as the person looks at it: whose decision stands, when it was made (its
instant shown by domain/shown_instants.py, to the second with its zone) and on which device,
in the short form the case list uses. The words come from the store's records
(``live.StandingDecision``), so they read the same after a restart.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from evidence_desk.domain import shown_instants
from evidence_desk.services.live import RefusedEntry
from evidence_desk.services.org_origins import SHORT_ID
from evidence_desk.ui import errors
from evidence_desk.ui.labels import action_label


def lost_decision(refused: RefusedEntry, zone: str) -> str:
    """ "Your rejection was not accepted: sam decided first at 2026-12-06 22:37:05 UTC+08:00
    (contact approved, device 8adc456d)." """
    if refused.action == "contact.reject":
        head = QCoreApplication.translate("DecidedText", "Your rejection was not accepted")
    else:
        head = QCoreApplication.translate("DecidedText", "Your approval was not accepted")
    standing = refused.standing
    if standing is None:  # the decision that stands is not pulled yet
        unknown = QCoreApplication.translate("DecidedText", "%1: another supervisor decided first.")
        return unknown.replace("%1", head)
    return (
        QCoreApplication.translate("DecidedText", "%1: %2 decided first at %3 (%4, device %5).")
        .replace("%1", head)
        .replace("%2", standing.by)
        .replace("%3", shown_at(standing.at, zone))
        .replace("%4", action_label(standing.action))
        .replace("%5", standing.device[:SHORT_ID])
    )


def shown_at(at: str, zone: str) -> str:
    """An entry's instant as a person reads it in ``zone`` (as written when it is none)."""
    moment = shown_instants.parse(at)
    if moment is None:
        return at
    return shown_instants.shown({at: moment}, ZoneInfo(zone))[at]


def expert_detail(refused: RefusedEntry) -> str:
    """The hub's refusal as it named it: the full device ids and the contact's id."""
    return errors.describe(refused.refusal)
