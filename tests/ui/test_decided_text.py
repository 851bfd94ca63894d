"""A supervisor's decision the hub refused (another came first), in both languages: whose
decision stands, when (to the second with its zone) and the device's short form; the full
device ids and the contact's id only in the expert's detail (the hub's refusal as named)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from evidence_desk.services.hub_client import HubRefused
from evidence_desk.services.live import RefusedEntry, StandingDecision
from evidence_desk.ui import decided_text

DEVICE = "5890479a-12e5-493c-ae98-6391455b1b28"
FIRST = "8adc456d-f18b-4a4c-a97c-82fc13473ebc"
CONTACT = "K-f265db4a01e3"


def _refused(action: str, standing: StandingDecision | None) -> RefusedEntry:
    facts = {"device": DEVICE, "seq": "3", "contact": CONTACT}
    if standing is not None:
        facts.update(by=standing.by, action=standing.action, first_device=standing.device)
    return RefusedEntry(
        3, action, "hub.decided", HubRefused("hub.decided", facts, status=409), standing
    )


STANDING = StandingDecision(
    CONTACT, "sam", "contact.approve", FIRST, "2026-12-06T14:37:05.25+00:00"
)


def test_a_lost_rejection_names_who_decided_first_when_and_the_short_device(qtbot: QtBot) -> None:
    said = decided_text.lost_decision(_refused("contact.reject", STANDING), "Asia/Shanghai")
    assert said == (
        "Your rejection was not accepted: sam decided first at 2026-12-06 22:37:05 UTC+08:00 "
        "(contact approved, device 8adc456d)."
    )
    assert FIRST not in said and CONTACT not in said and DEVICE not in said
    expert = decided_text.expert_detail(_refused("contact.reject", STANDING))
    assert FIRST in expert and CONTACT in expert and DEVICE in expert


def test_before_the_standing_decision_is_pulled_it_says_another_supervisor(qtbot: QtBot) -> None:
    said = decided_text.lost_decision(_refused("contact.approve", None), "UTC")
    assert said == "Your approval was not accepted: another supervisor decided first."


def test_in_chinese(qtbot: QtBot, chinese: None) -> None:
    said = decided_text.lost_decision(_refused("contact.reject", STANDING), "Asia/Shanghai")
    assert said == (
        "您的驳回未被接受：sam 已于 2026-12-06 22:37:05 UTC+08:00 "
        "先作出决定（批准联系人，设备 8adc456d）。"
    )
