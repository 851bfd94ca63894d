"""Screenshots read by the real engine, sealed, ledgered, verified and cross-checked (issue 22).

The screenshots are rendered by the test (tests/ocr_scenario.py): a faithful one in light mode
and a doctored one in dark mode (an amount changed, a message the export lacks, one left out).
Few and small images: the engine reads each in a few seconds on a busy CPU.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.ocr import engine
from evidence_desk.services import ocr, screenshot_check
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.screenshots import Chat, Row, png
from tests.helpers import Team, raw_connection
from tests.ocr_scenario import DOCTORED, FAITHFUL, contact_with_export, import_screenshot


def test_screenshots_read_sealed_and_checked_against_the_export(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    import_screenshot(session, contact_id, tmp_path, "faithful.png", FAITHFUL)
    import_screenshot(session, contact_id, tmp_path, "doctored.png", DOCTORED)
    shots = ocr.pending(session, contact_id=contact_id)
    assert len(shots) == 2
    with pytest.raises(PermissionDenied):  # an auditor never reads evidence content
        ocr.read_pending(team.login("ada"), contact_id=contact_id)

    done = ocr.read_pending(session, contact_id=contact_id)
    assert [d.item_id for d in done] == [s.item_id for s in shots]
    assert ocr.pending(session, contact_id=contact_id) == []
    entries = [
        r
        for r in session.conn.execute(
            "SELECT action, payload FROM ledger WHERE action = 'ocr.read'"
        )
    ]
    assert len(entries) == 2
    info = engine.engine_info()
    for (_action, payload), outcome in zip(entries, done, strict=True):
        # codes and facts only: digests, the engine and its models, no text of the screenshot
        assert outcome.results_sha256 in payload and info.version in payload
        assert all(digest in payload for _name, digest in info.models)
        assert "陈立新" not in payload and "还款" not in payload
    sealed = [bytes(r[0]) for r in session.conn.execute("SELECT sealed FROM ocr_results")]
    assert len(sealed) == 2 and all("还款".encode() not in s for s in sealed)

    faithful, doctored = screenshot_check.check_contact(session, contact_id)
    assert faithful.clean
    report = faithful.as_json()
    assert report["title"] == "陈立新" and report["layout"] == "wechat"
    assert [b["status"] for b in report["bubbles"]] == ["matched"] * 4
    assert [b["side"] for b in report["bubbles"]] == ["them", "us", "them", "them"]
    assert report["skipped_export_messages"] == []

    assert not doctored.clean
    bubbles = doctored.as_json()["bubbles"]
    assert [(b["status"], b["side"]) for b in bubbles] == [
        ("matched", "them"),
        ("differs", "us"),
        ("not_in_export", "us"),
        ("matched", "them"),
    ]
    changed = bubbles[1]
    assert changed["export_text"] == "好的，请按时还款4,860元，谢谢配合"
    assert changed["differences"] == [{"op": "replace", "screenshot": "48,600", "export": "4,860"}]
    assert "message_id" not in bubbles[2]
    skipped = doctored.as_json()["skipped_export_messages"]
    assert [m["text"] for m in skipped] == ["我知道了"]

    # verify opens each result and compares its digest (counting those it did not read
    # again); verify --deep also reads each original again
    report_ok = verify_store(session)
    (counted,) = [f for f in report_ok.findings if f.code.startswith("ocr.")]
    assert (counted.code, counted.severity, counted.detail.fact("count")) == (
        "ocr.not_reread",
        "info",
        str(len(done)),
    )
    deep = verify_store(session, deep=True)
    ocr_found = [(f.code, f.severity, f.detail.fact("count")) for f in deep.findings]
    assert deep.intact and [f for f in ocr_found if f[0].startswith("ocr.")] == [
        ("ocr.reread_same", "info", str(len(done)))  # and says it read them
    ]

    # a result changed in the table (by someone holding the database key) is found
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        first = str(conn.execute("SELECT item_id FROM ocr_results ORDER BY item_id").fetchone()[0])
        conn.execute("UPDATE ocr_results SET sealed = ? WHERE item_id = ?", (sealed[0], first))
        conn.execute("UPDATE ocr_results SET sealed = ? WHERE item_id <> ?", (sealed[0], first))
        conn.commit()
    finally:
        conn.close()
    codes = {f.code for f in verify_store(session).findings}
    assert "ocr.sealed" in codes  # a ciphertext moved to another item does not open


def test_a_forged_or_outdated_result_is_found_by_reading_again(team: Team, tmp_path: Path) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    small = Chat("陈立新", (Row("them", "收到"),), width=360, height=400)
    import_screenshot(session, contact_id, tmp_path, "small.png", small)
    (shot,) = ocr.pending(session, contact_id=contact_id)
    # an insider records what another image says for this one (a real reading of the wrong
    # picture): the rule table cannot know, verify reading the original again does
    other = png(Chat("陈立新", (Row("them", "已还清"),), width=360, height=400))
    ocr.read_screenshot(session, shot, reader=lambda _data: engine.shared().read(other))
    # the plain verify checks only that the stored reading is the ledgered one, and says so
    plain = [f for f in verify_store(session).findings if f.code.startswith("ocr.")]
    assert [(f.code, f.severity) for f in plain] == [("ocr.not_reread", "info")]
    findings = [f for f in verify_store(session, deep=True).findings if f.code.startswith("ocr.")]
    assert [(f.code, f.severity) for f in findings] == [("ocr.recomputed", "error")]

    # the same, recorded as read by another engine version: a warning, not an error
    def older(data: bytes) -> engine.OcrResult:
        read = engine.shared().read(other)
        return dataclasses.replace(read, engine=dataclasses.replace(read.engine, version="1.4.3"))

    ocr.read_screenshot(session, shot, reader=older)
    findings = [f for f in verify_store(session, deep=True).findings if f.code.startswith("ocr.")]
    assert [(f.code, f.severity) for f in findings] == [("ocr.engine_changed", "warning")]
    assert "1.4.3" in findings[0].detail

    # read properly again: the last entry for the item is what verify compares
    ocr.read_screenshot(session, shot)
    deep = verify_store(session, deep=True)
    assert [f.code for f in deep.findings if f.code.startswith("ocr.")] == ["ocr.reread_same"]
    assert ocr.result(session, shot.item_id) is not None


def test_the_rule_table_refuses_a_reading_of_anything_but_a_screenshot(
    team: Team, tmp_path: Path
) -> None:
    session, contact_id = contact_with_export(team, tmp_path)
    item_id, sha256 = session.conn.execute(
        "SELECT id, sha256 FROM items WHERE contact_id = ? AND role = 'chat_export'",
        (contact_id,),
    ).fetchone()
    chat_export = ocr.Screenshot(str(item_id), contact_id, "2026-SH-1", str(sha256), "")
    with pytest.raises(RuleViolation) as refused:
        ocr.read_screenshot(
            session,
            chat_export,
            reader=lambda _data: engine.OcrResult(1, 1, (), engine.engine_info()),
        )
    assert refused.value.rule == "ocr.item"
    assert session.conn.execute("SELECT count(*) FROM ocr_results").fetchone()[0] == 0


def test_shredding_deletes_the_results_and_verify_holds_them_to_it(
    team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import retention, shredding

    session, contact_id = contact_with_export(team, tmp_path)
    small = Chat("陈立新", (Row("them", "收到"),), width=360, height=400)
    import_screenshot(session, contact_id, tmp_path, "small.png", small)
    ocr.read_pending(session, contact_id=contact_id)
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        kept = [tuple(r) for r in conn.execute("SELECT item_id, sealed FROM ocr_results")]
    finally:
        conn.close()
    assert len(kept) == 1
    assert session.conn.execute("SELECT count(*) FROM ocr_text").fetchone()[0] == 1
    retention.close_case(team.login("sam"), "2026-SH-1", "repaid in full")
    team.clock.advance(days=366 * 5 + 2)
    shredding.shred_case(team.login("lee"), "2026-SH-1", "expired", "retention over")
    lee = team.login("lee")
    assert lee.conn.execute("SELECT count(*) FROM ocr_results").fetchone()[0] == 0
    # and the search index of their words (migration 17) with them
    assert lee.conn.execute("SELECT count(*) FROM ocr_text").fetchone()[0] == 0
    report = verify_store(lee)
    assert not [f for f in report.findings if f.code.startswith("ocr.")]
    assert report.intact, [(f.code, f.detail) for f in report.errors]

    # the sealed result put back is the case's content present again
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    try:
        conn.executemany("INSERT INTO ocr_results VALUES (?, ?)", kept)
        conn.commit()
    finally:
        conn.close()
    found = {(f.code, f.detail) for f in verify_store(lee).errors}
    assert any(code == "shred.content_present" and "OCR" in detail for code, detail in found)
