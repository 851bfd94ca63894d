"""Tags, notes and search: each tag a signed entry, verify rebuilds them, search finds Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain.errors import BadInput, NotFound, PermissionDenied, RuleViolation
from evidence_desk.services import contacts, importing, reading, review
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team, approved_contact, ledger_size, raw_connection

CHAT = """2026-03-05 09:15:00 你已添加了王芳，现在可以开始聊天了。

2026-03-05 09:16:05 小陈
王女士您好，我是示例消费金融的陈专员，关于您的借款。

2026-03-05 09:20:41 王芳
我下周五还5000元

2026-03-05 09:22:10 王芳
好

2026-03-06 23:30:00 王芳
这笔钱我认，是我借的

2026-03-07 11:00:00 王芳
Not my debt, I DISPUTE this
"""

OTHER_CHAT = """2026-03-06 10:00:00 你已添加了李四，现在可以开始聊天了。

2026-03-06 10:01:00 小陈
李先生您好，我是示例消费金融的陈专员，您担保的借款已逾期。

2026-03-06 10:05:00 李四
我下周还
"""


def _import(session: Session, contact_id: str, folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")


@pytest.fixture
def chat(team: Team, tmp_path: Path) -> tuple[Session, str, dict[str, int]]:
    """alice's approved WeChat contact 王芳 with CHAT imported; message ids by text."""
    session, contact_id = approved_contact(
        team, tmp_path, channel="wechat", handle="wxid_wangfang", display_name="王芳"
    )
    _import(session, contact_id, tmp_path, "wangfang.txt", CHAT)
    ids = {m.text: m.rowid for m in reading.list_messages(session, contact_id)}
    return session, contact_id, ids


def _tamper(team: Team, *statements: tuple[str, tuple[object, ...]]) -> None:
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        for sql, params in statements:
            conn.execute(sql, params)
    finally:
        conn.close()


def _codes(session: Session) -> set[str]:
    return {f.code for f in verify_store(session).errors}


# -- tagging ------------------------------------------------------------------------------------


def test_a_tag_is_one_signed_entry_and_survives_verify(
    chat: tuple[Session, str, dict[str, int]],
) -> None:
    session, contact_id, ids = chat
    before = ledger_size(session)
    tag = review.tag_message(session, ids["我下周五还5000元"], "promise_to_pay", "还款承诺 5000")
    assert ledger_size(session) == before + 1
    entry = session.conn.execute(
        "SELECT actor, action, payload FROM ledger ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert (entry["actor"], entry["action"]) == ("alice", "review.tag")
    assert tag.id in entry["payload"] and '"table":"tags"' in entry["payload"]
    assert tag.active and tag.label_zh == "还款承诺" and tag.message_id == ids["我下周五还5000元"]
    assert tag.case_no == "2026-SH-1" and tag.contact_id == contact_id
    listed = review.list_tags(session, case_no="2026-SH-1", contact_id=contact_id)
    assert [t.id for t in listed] == [tag.id]
    assert verify_store(session).intact


def test_untag_is_an_entry_too_and_the_tag_stays_on_record(
    chat: tuple[Session, str, dict[str, int]],
) -> None:
    session, contact_id, ids = chat
    tag = review.tag_message(session, ids["这笔钱我认，是我借的"], "debt_ack")
    before = ledger_size(session)
    removed = review.untag(session, tag.id, "wrong message")
    assert ledger_size(session) == before + 1
    assert not removed.active and removed.removed_by == "alice"
    assert removed.remove_note == "wrong message"
    assert review.list_tags(session, contact_id=contact_id) == []
    history = review.list_tags(session, contact_id=contact_id, include_removed=True)
    assert [t.id for t in history] == [tag.id]
    with pytest.raises(RuleViolation) as again:
        review.untag(session, tag.id)
    assert again.value.rule == "review.tag_state"
    # a fresh tag of the same kind is allowed once the old one is withdrawn
    review.tag_message(session, ids["这笔钱我认，是我借的"], "debt_ack")
    assert verify_store(session).intact


def test_staff_remove_only_their_own_tags_supervisors_and_legal_anyones(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    session, _contact_id, ids = chat
    first = review.tag_message(session, ids["好"], "promise_to_pay")
    second = review.tag_message(session, ids["好"], "note", "含糊的答复")
    with pytest.raises(RuleViolation) as refused:
        review.untag(team.login("bob"), first.id)
    assert refused.value.rule == "review.own_tag"
    assert review.untag(team.login("sam"), first.id).removed_by == "sam"
    assert review.untag(team.login("lee"), second.id).removed_by == "lee"


def test_legal_and_supervisor_may_tag_admin_may_not(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    _session, _contact_id, ids = chat
    assert review.tag_message(team.login("lee"), ids["好"], "debt_ack").created_by == "lee"
    assert review.tag_message(team.login("sue"), ids["好"], "dispute").created_by == "sue"
    admin = team.login("ada")
    before = ledger_size(admin)
    with pytest.raises(PermissionDenied):
        review.tag_message(admin, ids["好"], "threat")
    with pytest.raises(PermissionDenied):
        review.search(admin, "好")
    assert ledger_size(admin) == before


@pytest.mark.parametrize(
    ("tag", "note", "error", "detail"),
    [
        ("promise", "", BadInput, "unknown tag"),
        ("note", "   ", BadInput, "needs its text"),
        ("dispute", "x" * (review.MAX_NOTE + 1), BadInput, "at most"),
    ],
)
def test_bad_tags_are_refused_and_change_nothing(
    chat: tuple[Session, str, dict[str, int]],
    tag: str,
    note: str,
    error: type[Exception],
    detail: str,
) -> None:
    session, _contact_id, ids = chat
    before = ledger_size(session)
    with pytest.raises(error) as raised:
        review.tag_message(session, ids["好"], tag, note)
    assert detail in str(raised.value)
    assert ledger_size(session) == before


def test_unknown_targets_and_duplicates_are_refused(
    chat: tuple[Session, str, dict[str, int]],
) -> None:
    session, _contact_id, ids = chat
    with pytest.raises(NotFound):
        review.tag_message(session, 999_999, "dispute")
    with pytest.raises(NotFound):
        review.tag_item(session, "I-nonexistent", "identity")
    with pytest.raises(NotFound):
        review.untag(session, "T-nonexistent")
    review.tag_message(session, ids["Not my debt, I DISPUTE this"], "dispute")
    before = ledger_size(session)
    with pytest.raises(RuleViolation) as duplicate:
        review.tag_message(session, ids["Not my debt, I DISPUTE this"], "dispute")
    assert duplicate.value.rule == "review.duplicate_tag"
    assert ledger_size(session) == before
    # free notes may repeat
    review.tag_message(session, ids["好"], "note", "一")
    review.tag_message(session, ids["好"], "note", "二")


def test_items_can_be_tagged(chat: tuple[Session, str, dict[str, int]]) -> None:
    session, contact_id, _ids = chat
    item = next(
        i for i in contacts.contact_items(session, contact_id) if i.role == "identity_proof"
    )
    tag = review.tag_item(session, item.id, "identity", "身份证正反面")
    assert tag.target_kind == "item" and tag.item_id == item.id and tag.message_id is None
    assert [t.id for t in review.list_tags(session, tag="identity")] == [tag.id]
    assert verify_store(session).intact


# -- search -------------------------------------------------------------------------------------


@pytest.fixture
def two_cases(
    team: Team, tmp_path: Path, chat: tuple[Session, str, dict[str, int]]
) -> tuple[Session, str, str, dict[str, int]]:
    session, contact_id, ids = chat
    _other_session, other_id = approved_contact(
        team,
        tmp_path,
        case_no="2026-SH-2",
        channel="wechat",
        handle="wxid_lisi",
        display_name="李四",
        debtor_name="李四",
    )
    _import(session, other_id, tmp_path, "lisi.txt", OTHER_CHAT)
    return session, contact_id, other_id, ids


def _texts(hits: list[review.SearchHit]) -> list[str]:
    return [h.text for h in hits]


def test_search_finds_chinese_text_by_trigram_and_short_words_by_like(
    two_cases: tuple[Session, str, str, dict[str, int]],
) -> None:
    session, contact_id, other_id, _ids = two_cases
    hits = review.search(session, "示例消费金融")
    assert {h.contact_id for h in hits} == {contact_id, other_id}
    assert _texts(review.search(session, "我认")) == ["这笔钱我认，是我借的"]  # 2 chars: LIKE
    assert _texts(review.search(session, "下周")) == ["我下周五还5000元", "我下周还"]
    assert _texts(review.search(session, "dispute")) == ["Not my debt, I DISPUTE this"]
    assert _texts(review.search(session, "5000元")) == ["我下周五还5000元"]
    assert review.search(session, "不存在的话") == []
    assert review.search(session, "100%") == []  # LIKE wildcards are taken literally


def test_search_filters_combine(
    two_cases: tuple[Session, str, str, dict[str, int]],
) -> None:
    session, contact_id, other_id, ids = two_cases
    assert _texts(review.search(session, "下周", case_no="2026-SH-2")) == ["我下周还"]
    assert _texts(review.search(session, "下周", contact_id=contact_id)) == ["我下周五还5000元"]
    staff = review.search(session, sender="小陈")
    assert len(staff) == 2 and all(h.direction == "out" for h in staff)
    assert len(review.search(session, direction="system")) == 2
    # local dates (Asia/Shanghai): 23:30 on the 6th is still the 6th there, 15:30 UTC
    on_sixth = review.search(
        session, contact_id=contact_id, date_from="2026-03-06", date_to="2026-03-06"
    )
    assert _texts(on_sixth) == ["这笔钱我认，是我借的"]
    after = review.search(session, date_from="2026-03-07")
    assert _texts(after) == ["Not my debt, I DISPUTE this"]
    until = review.search(session, contact_id=other_id, date_to="2026-03-05")
    assert until == []
    review.tag_message(session, ids["我下周五还5000元"], "promise_to_pay")
    tagged = review.search(session, tag="promise_to_pay")
    assert _texts(tagged) == ["我下周五还5000元"] and tagged[0].tags == ("promise_to_pay",)
    assert _texts(review.search(session, "下周", tag="promise_to_pay")) == ["我下周五还5000元"]
    assert review.search(session, tag="dispute") == []


def test_search_rejects_bad_filters(two_cases: tuple[Session, str, str, dict[str, int]]) -> None:
    session, *_ = two_cases
    with pytest.raises(BadInput, match="YYYY-MM-DD"):
        review.search(session, date_from="5 March")
    with pytest.raises(BadInput, match="unknown tag"):
        review.search(session, tag="promise")
    with pytest.raises(BadInput, match="in, out or system"):
        review.search(session, direction="sideways")
    with pytest.raises(BadInput, match="IANA"):
        review.search(session, date_from="2026-03-05", timezone="Mars/Olympus")
    # the same local date in another zone moves the bounds: 23:30 in Shanghai is 00:30 in Tokyo
    tokyo = review.search(session, date_from="2026-03-07", timezone="Asia/Tokyo")
    assert _texts(tokyo) == ["这笔钱我认，是我借的", "Not my debt, I DISPUTE this"]
    assert (
        _texts(review.search(session, date_to="2026-03-05", timezone="Pacific/Honolulu"))[-1]
        == "我下周还"
    )


# -- tamper detection ---------------------------------------------------------------------------


def test_editing_a_tag_in_the_database_is_detected(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    session, _contact_id, ids = chat
    tag = review.tag_message(session, ids["Not my debt, I DISPUTE this"], "dispute")
    _tamper(team, ("UPDATE tags SET tag = 'debt_ack' WHERE id = ?", (tag.id,)))
    report = verify_store(session)
    assert not report.intact
    changed = [f for f in report.errors if f.code == "row.changed"]
    assert changed and tag.id in changed[0].location + changed[0].detail


def test_a_removed_tag_quietly_restored_or_deleted_is_detected(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    session, _contact_id, ids = chat
    kept = review.tag_message(session, ids["好"], "promise_to_pay")
    gone = review.tag_message(session, ids["我下周五还5000元"], "promise_to_pay")
    review.untag(session, gone.id, "not a promise")
    _tamper(team, ("UPDATE tags SET removed_at = NULL, removed_by = NULL WHERE id = ?", (gone.id,)))
    assert "row.changed" in _codes(session)
    _tamper(
        team,
        ("UPDATE tags SET removed_at = ?, removed_by = 'alice' WHERE id = ?", ("x", gone.id)),
    )
    _tamper(team, ("DELETE FROM tags WHERE id = ?", (kept.id,)))
    assert "row.missing" in _codes(session)


def test_a_tag_slipped_into_the_database_is_detected(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    session, contact_id, ids = chat
    tag = review.tag_message(session, ids["好"], "debt_ack")
    _tamper(
        team,
        (
            "INSERT INTO tags (id, case_no, contact_id, target_kind, message_fingerprint, "
            "item_id, tag, note, created_by, created_at) "
            "SELECT 'T-forged', case_no, contact_id, target_kind, message_fingerprint, item_id, "
            "'promise_to_pay', '', 'alice', created_at FROM tags WHERE id = ?",
            (tag.id,),
        ),
    )
    report = verify_store(session)
    unrecorded = [f for f in report.errors if f.code == "row.unrecorded"]
    assert unrecorded and "T-forged" in unrecorded[0].location + unrecorded[0].detail
    assert contact_id  # the forged tag pointed at a real message: only the projection sees it


def test_a_tag_whose_message_disappears_is_reported(
    team: Team, chat: tuple[Session, str, dict[str, int]]
) -> None:
    session, _contact_id, ids = chat
    tag = review.tag_message(session, ids["好"], "debt_ack")
    _tamper(
        team,
        ("DELETE FROM message_sources WHERE message_rowid = ?", (ids["好"],)),
        ("DELETE FROM messages WHERE rowid = ?", (ids["好"],)),
    )
    report = verify_store(session)
    targets = [f for f in report.errors if f.code == "review.tag_target"]
    assert [f.location for f in targets] == [f"tag {tag.id}"]


def test_tags_follow_their_message_through_a_later_overlapping_import(
    chat: tuple[Session, str, dict[str, int]], tmp_path: Path
) -> None:
    session, contact_id, ids = chat
    tag = review.tag_message(session, ids["这笔钱我认，是我借的"], "debt_ack", "承认借款")
    later = CHAT + "\n2026-03-09 10:00:00 王芳\n月底前还清\n"
    _import(session, contact_id, tmp_path, "wangfang-later.txt", later)
    (kept,) = review.list_tags(session, contact_id=contact_id)
    assert kept.id == tag.id and kept.message_id == ids["这笔钱我认，是我借的"]
    assert review.search(session, "月底前")[0].tags == ()
    assert verify_store(session).intact
