"""services/device_fold.py: a fold over the other devices' entries, kept per open store and
extended with the entries placed since, is always the fold over every row; a second call reads
only the rows placed after the first (what spared a sync reading the whole organisation); rows
of a transaction that is rolled back leave nothing kept; and each caller gets its own copy."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_desk.services import case_keys, device_fold
from evidence_desk.services.session import Session
from evidence_desk.store.keys import KdfParams

KDF = KdfParams(n=2**10)


def _place(session: Session, org_seq: int, action: str, payload: dict[str, object]) -> None:
    """A row as a pull places it (the fold reads the table, not how rows got there)."""
    session.conn.execute(
        "INSERT INTO device_entries (device_id, seq, at, actor, action, payload, payload_hash, "
        "prev_hash, entry_hash, signature, org_seq, verdict) "
        "VALUES ('dev-x', ?, '2026-12-06T09:00:00+00:00', 'bob', ?, ?, '', '', ?, '', ?, '')",
        (org_seq, action, json.dumps(payload), f"{org_seq:064x}", org_seq),
    )


def _wraps(case: str, recipient: str, key: str, removed: bool = False) -> dict[str, object]:
    wrap: dict[str, object] = {"case_no": case, "recipient": recipient, "recipient_key": key}
    if removed:
        wrap["removed"] = True
    return {"wraps": [wrap]}


def _fold(session: Session, seen: list[str]) -> list[str]:
    return device_fold.folded(
        session.folder,
        session.conn,
        "action = ?",
        ("note",),
        list,
        lambda value, row: (seen.append(row.payload), value.append(row.payload))[0],
        list,
    )


def test_a_kept_fold_is_the_fold_over_every_row_and_reads_only_new_ones(tmp_path: Path) -> None:
    session = Session.create_store(tmp_path / "s", "root", "pw-device-fold", kdf=KDF)
    try:
        _place(session, 1, "note", {"n": 1})
        _place(session, 2, "other", {"n": 2})
        seen: list[str] = []
        first = _fold(session, seen)
        assert [json.loads(p)["n"] for p in first] == [1] and len(seen) == 1
        first.append("the caller's own")  # a copy: the kept value is not changed
        seen.clear()
        assert [json.loads(p)["n"] for p in _fold(session, seen)] == [1]
        assert seen == []  # nothing placed since: no row read again
        _place(session, 3, "note", {"n": 3})
        assert [json.loads(p)["n"] for p in _fold(session, seen)] == [1, 3]
        assert [json.loads(p)["n"] for p in seen] == [3]
        # rows of a transaction rolled back: read while it runs, never kept
        session.conn.execute("BEGIN")
        _place(session, 4, "note", {"n": 4})
        assert [json.loads(p)["n"] for p in _fold(session, [])] == [1, 3, 4]
        session.conn.execute("ROLLBACK")
        assert [json.loads(p)["n"] for p in _fold(session, [])] == [1, 3]
        _place(session, 4, "note", {"n": 40})
        assert [json.loads(p)["n"] for p in _fold(session, [])] == [1, 3, 40]
        # a sibling (the app's background job) reads only what was placed since
        with session.sibling() as sibling:
            _place(session, 5, "note", {"n": 5})
            seen.clear()
            assert [json.loads(p)["n"] for p in _fold(sibling, seen)] == [1, 3, 40, 5]
            assert [json.loads(p)["n"] for p in seen] == [5]
        # a store opened anew (another folder object) keeps its own, from every row
        with Session.open(tmp_path / "s", "root", "pw-device-fold") as fresh:
            seen.clear()
            assert [json.loads(p)["n"] for p in _fold(fresh, seen)] == [1, 3, 40, 5]
            assert len(seen) == 4
    finally:
        session.close()


def test_foreign_wraps_extended_equal_those_read_again(tmp_path: Path) -> None:
    session = Session.create_store(tmp_path / "s", "root", "pw-device-fold", kdf=KDF)
    try:
        _place(session, 1, "case.keys", _wraps("C-1", "bob", "k1"))
        assert case_keys.foreign_wraps(session) == {"C-1": {"bob": "k1"}}
        _place(session, 2, "case.keys", _wraps("C-1", "bob", "k1", removed=True))
        _place(session, 3, "case.keys", _wraps("C-2", "eve", "k2"))
        extended = case_keys.foreign_wraps(session)
        with Session.open(tmp_path / "s", "root", "pw-device-fold") as fresh:
            assert case_keys.foreign_wraps(fresh) == extended == {"C-1": {}, "C-2": {"eve": "k2"}}
    finally:
        session.close()
