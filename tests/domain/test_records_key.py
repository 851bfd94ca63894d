"""The rule table's records-key rules on their own (domain/authority.py, domain/records_key.py):
judged on the state before the entry, the same function the write path, the hub and verify
run. Once the key's row is on record, every action that keeps records text refuses it in
clear; before it, the same entry is history and keeps the rule."""

from __future__ import annotations

from typing import Any

import pytest

from evidence_desk.domain import authority
from evidence_desk.domain import records_key as rk

AT = "2026-03-02T01:00:00.000000Z"
SEALED = rk.PREFIX + "c2VhbGVk"


def _state(keyed: bool) -> authority.ReplayedTables:
    tables = authority.empty_tables()
    for name, role in (("root", "admin"), ("lee", "legal"), ("sam", "supervisor")):
        tables["users"][(name,)] = {"name": name, "role": role, "active": 1, "wrap_key": "ab"}
    if keyed:
        tables["settings"][(rk.SETTING,)] = {"key": rk.SETTING, "value": "cd" * 32}
    return authority.ReplayedTables(tables)


def _entry(action: str, text: str) -> tuple[str, dict[str, Any]]:
    """(actor, payload) of ``action`` with its records text ``text``."""
    if action == "processing.record":
        row = {"id": "PR-1", "case_no": "C-1", "bundle_id": "B-1"}
        row |= {"recipient_name": text, "purpose": text, "basis_note": text}
        payload = {"record_id": "PR-1", "case_no": "C-1", "bundle_id": "B-1"}
        return "lee", payload | {"rows": [{"op": "put", "table": "processing_records", "row": row}]}
    if action == "breach.add":
        row = {"id": "BR-1", "cause_note": text, "harm_note": "", "remedy_note": text}
        return "root", {
            "breach_id": "BR-1",
            "rows": [{"op": "put", "table": "breach_records", "row": row}],
        }
    if action == "bundle.unmask":
        return "lee", {"case_no": "C-1", "reason": text, "detector": "1"}
    return "sam", {"file_name": text, "sha256": "00" * 32, "count": 0, "wraps": []}


def _rules(keyed: bool, action: str, text: str) -> set[str]:
    actor, payload = _entry(action, text)
    return {v.rule for v in authority.check(_state(keyed), 9, AT, actor, action, payload)}


@pytest.mark.parametrize("action", sorted(rk.SEALED_TEXT))
def test_clear_records_text_is_refused_once_the_key_is_on_record(action: str) -> None:
    assert "records_key.sealed" in _rules(True, action, "王某 in clear")
    assert "records_key.sealed" not in _rules(True, action, SEALED)
    # before the key: history, judged as it always was
    assert "records_key.sealed" not in _rules(False, action, "王某 in clear")


def test_a_records_wrap_is_for_records_readers_only() -> None:
    state = _state(True)
    tables = state.tables
    tables["users"][("ada",)] = {"name": "ada", "role": "auditor", "active": 1, "wrap_key": "ef"}
    tables["users"][("alice",)] = {"name": "alice", "role": "staff", "active": 1, "wrap_key": "aa"}

    def wrap(recipient: str, key: str, case_no: str = rk.WRAP_NAME) -> dict[str, str]:
        return {"case_no": case_no, "recipient": recipient, "recipient_key": key,
                "key_id": "k1", "digest": "d"}  # fmt: skip

    def rules(actor: str, *wraps: dict[str, str]) -> set[str]:
        payload = {"reason": "sync", "wraps": list(wraps)}
        return {v.rule for v in authority.check(state, 9, AT, actor, "case.keys", payload)}

    assert rules("root", wrap("ada", "ef"), wrap("lee", "ab")) == set()
    assert "case_key.recipient" in rules("root", wrap("alice", "aa"))
    # an auditor may hold the records key, not a case's
    assert "case_key.recipient" in rules("root", wrap("ada", "ef", "C-1"))
    # a supervisor may not take the records key to wrap it
    assert "case_key.actor" in rules("sam", wrap("lee", "ab"))


def test_the_records_key_entry_is_one_key_put_once() -> None:
    public = "12" * 32
    payload = {
        "public_key": public,
        "key_id": "k1",
        "wraps": [
            {
                "case_no": rk.WRAP_NAME,
                "recipient": "root",
                "recipient_key": "ab",
                "key_id": "k2",
                "digest": "d",
            }
        ],
        "rows": [{"op": "put", "table": "settings", "row": {"key": rk.SETTING, "value": public}}],
    }
    fresh = {v.rule for v in authority.check(_state(False), 9, AT, "root", "records.key", payload)}
    assert fresh == {"records_key.wrap"}  # its wrap names another key than the entry
    payload["wraps"][0]["key_id"] = "k1"
    assert authority.check(_state(False), 9, AT, "root", "records.key", payload) == []
    again = authority.check(_state(True), 9, AT, "root", "records.key", payload)
    assert again, "a second key on record"
    staff = authority.check(_state(False), 9, AT, "sam", "records.key", payload)
    assert "permission" in {v.rule for v in staff}
