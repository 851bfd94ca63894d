"""Search finds screenshots by the words OCR read in them, apart from messages (issue 22)."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import ocr, ocr_search, reading, review
from evidence_desk_testing.screenshots import Chat, Row
from tests.helpers import Team, raw_connection
from tests.ocr_scenario import contact_with_export, import_screenshot

SHOT = Chat("陈立新", (Row("them", "分期付款已办好"),), width=360, height=400)


def test_search_finds_a_screenshot_by_its_ocr_words_not_as_a_message(
    team: Team, tmp_path: Path
) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", SHOT)
    assert ocr_search.search(session, "分期付款", contact_id=contact_id) == []  # not read yet
    ocr.read_pending(session, contact_id=contact_id)

    for needle in ("分期付款", "分期"):  # the trigram index, and a short needle scanned
        (hit,) = ocr_search.search(session, needle, contact_id=contact_id)
        assert hit.file_name == "instalments.png" and hit.case_no == "2026-SH-1"
        assert any(needle in line for line in hit.lines)
        assert hit.as_json()["source"] == "ocr_text"
    assert ocr_search.search(session, "分期付款", case_no="2026-SH-1") != []
    assert ocr_search.search(session, "不存在的话", contact_id=contact_id) == []
    assert ocr_search.search(session, "还款", contact_id=contact_id) == []  # the export's word
    # message search does not return screenshot text as messages
    assert reading.search(session, contact_id, "分期付款") == []
    assert review.search(session, "分期付款") == []
    # the searches that showed a screenshot are in the read log
    logged = session.conn.execute(
        "SELECT count(*) FROM access_log WHERE what = 'conversation.search' "
        "AND detail LIKE '%ocr_hits%'"
    ).fetchone()[0]
    assert logged >= 3


def test_a_result_read_before_the_index_existed_is_still_found(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", SHOT)
    ocr.read_pending(session, contact_id=contact_id)
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        conn.execute("DELETE FROM ocr_text")  # as a store read before migration 17 has it
        conn.commit()
    finally:
        conn.close()
    (hit,) = ocr_search.search(session, "分期付款", contact_id=contact_id)
    assert hit.file_name == "instalments.png"


def test_reading_again_replaces_the_indexed_text(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", SHOT)
    (shot,) = ocr.pending(session, contact_id=contact_id)
    ocr.read_screenshot(session, shot)
    ocr.read_screenshot(session, shot)
    indexed = session.conn.execute("SELECT count(*) FROM ocr_text").fetchone()[0]
    assert indexed == 1
    assert len(ocr_search.search(session, "分期付款", contact_id=contact_id)) == 1


def test_the_cli_search_lists_screenshot_text_apart_from_messages(
    team: Team, tmp_path: Path
) -> None:
    import json

    from tests.cli.test_commands import cli, ok

    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", SHOT)
    ocr.read_pending(session, contact_id=contact_id)
    found = json.loads(ok(cli(team.path, "search", "分期付款", "--json", user="alice")))
    assert [h["source"] for h in found] == ["ocr_text"]
    assert found[0]["file_name"] == "instalments.png" and "message_id" not in found[0]
    text = ok(cli(team.path, "search", "分期付款", "--contact", contact_id, user="alice"))
    assert "[OCR]" in text and "instalments.png" in text and "0 messages" in text
    # a message filter leaves screenshots out: their text is not a message
    inbound = ok(cli(team.path, "search", "分期付款", "--direction", "in", user="alice"))
    assert "[OCR]" not in inbound


def test_the_ocr_words_are_not_readable_in_any_store_file(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "instalments.png", SHOT)
    ocr.read_pending(session, contact_id=contact_id)
    assert ocr_search.search(session, "分期付款", contact_id=contact_id) != []
    words = ["分期付款".encode(), "分期付款".encode("utf-16-le"), "分期付款".encode("gbk")]
    # the trigram index is inside the encrypted database, like the messages' (PI-1)
    for _round in ("open", "closed"):
        leaks = [
            str(path)
            for path in team.path.rglob("*")
            if path.is_file() and any(w in path.read_bytes() for w in words)
        ]
        assert leaks == []
        team.close_all()
