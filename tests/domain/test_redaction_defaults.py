"""The default redaction detectors: third parties' data and account numbers, not the parties'."""

from __future__ import annotations

from evidence_desk.domain.redaction import Origin, Reason
from evidence_desk.domain.redaction_defaults import VERSION, Parties, Said, propose

DEBTOR = Parties("+8613800000000", "Chen Lixin")
CARD = "6222021234567890128"  # UnionPay-shaped, Luhn-valid
RESIDENT_ID = "11010519491231002X"  # GB 11643 example


def _said(
    n: int, text: str, *, direction: str = "in", sender: str = "Chen Lixin", sid: str = ""
) -> Said:
    return Said(f"{n:064x}", direction, sender, sid, text)


def _texts(said: Said, plan_spans: tuple[tuple[int, int, Reason], ...]) -> list[tuple[str, Reason]]:
    return [(said.text[s:e], r) for s, e, r in plan_spans]


def test_a_third_partys_phone_in_a_debtors_message_is_proposed_but_the_debtors_own_is_not() -> None:
    third = _said(1, "找我表哥，他电话 139 1234 5678，或者打我的 13800000000")
    plan = propose([third], DEBTOR)
    spans = tuple((s.start, s.end, s.reason) for s in plan.spans)
    assert _texts(third, spans) == [("139 1234 5678", Reason.THIRD_PARTY)]
    assert all(s.origin is Origin.DEFAULT for s in plan.spans)
    assert plan.detectors["redaction"] == VERSION and "numbers" in plan.detectors


def test_card_and_identity_numbers_are_proposed_as_account_and_id() -> None:
    said = _said(2, f"卡号 {CARD}，身份证 {RESIDENT_ID}，护照 E12345678")
    plan = propose([said], DEBTOR)
    spans = tuple((s.start, s.end, s.reason) for s in plan.spans)
    assert _texts(said, spans) == [
        (CARD, Reason.ACCOUNT),
        (RESIDENT_ID, Reason.ID_NUMBER),
        ("E12345678", Reason.ID_NUMBER),
    ]


def test_email_of_a_third_party_is_proposed_and_our_staffs_is_not() -> None:
    ours = _said(
        3,
        "请发到 li.ming@example.com",
        direction="out",
        sender="Li Ming",
        sid="li.ming@example.com",
    )
    theirs = _said(4, "抄送 wang.wu@example.org 和 li.ming@example.com")
    plan = propose([ours, theirs], DEBTOR)
    assert [(theirs.text[s.start : s.end], s.reason) for s in plan.spans] == [
        ("wang.wu@example.org", Reason.THIRD_PARTY)
    ]


def test_a_third_partys_message_in_a_group_chat_is_withheld_whole() -> None:
    messages = [
        _said(5, "我下周还"),
        _said(6, "他欠我的钱也没还", sender="Wang Wu"),
        _said(7, "好的", direction="out", sender="Li Ming"),
    ]
    plan = propose(messages, DEBTOR)
    assert [(m.message, m.reason) for m in plan.messages] == [(f"{6:064x}", Reason.THIRD_PARTY)]
    assert not plan.spans


def test_a_one_to_one_chat_named_otherwise_withholds_nothing() -> None:
    messages = [_said(8, "好", sender="老陈"), _said(9, "明天", sender="老陈")]
    assert not propose(messages, DEBTOR)


def test_a_line_the_export_attributes_to_nobody_is_no_third_partys() -> None:
    """A WeChat recall notice or transfer line comes in with no sender: withholding it as a
    third party's message would hide the debtor's own recall from the court."""
    messages = [_said(10, "我下周还"), _said(11, '"陈立新" 撤回了一条消息', sender="", sid="")]
    assert not propose(messages, DEBTOR).messages
