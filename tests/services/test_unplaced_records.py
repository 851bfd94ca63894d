"""Rewinding own entries whose rows the store never lets go otherwise (services/unplaced.py,
services/rewind_guards.py, store migration 23): a breach record filed on A while B's entries
reach the hub first is taken back, B's applied, and put again on top, step by step; one the
hub refused leaves A's tables through the whole replay. The stores, the hub's order and the
judging are test_org_ledger's: real stores, real entries, the hub a list."""

from __future__ import annotations

import json

from evidence_desk.services import breaches, cases
from evidence_desk.services.session import Session
from tests.helpers import ADMIN
from tests.services.test_breaches import REPORT
from tests.services.test_org_ledger import Org, errors, org
from tests.services.test_org_ledger import verify as verify_store
from tests.services.test_pull_in_step import assert_tables_are_the_replay, recorded

__all__ = ["org"]  # the fixture, used by name


def _breach_seq(session: Session) -> int:
    return int(
        session.conn.execute("SELECT max(seq) FROM ledger WHERE action = 'breach.add'").fetchone()[
            0
        ]
    )


def _row_as_written(session: Session, seq: int) -> dict[str, object]:
    payload = json.loads(
        session.conn.execute("SELECT payload FROM ledger WHERE seq = ?", (seq,)).fetchone()[0]
    )
    (row,) = [r["row"] for r in payload["rows"] if r["table"] == "breach_records"]
    return dict(row)


def _guards(session: Session) -> int:
    return int(session.conn.execute("SELECT count(*) FROM rewind_guards").fetchone()[0])


def test_a_breach_record_is_rewound_under_the_pulled_entries_and_put_back_on_top(
    org: Org,
) -> None:
    root = org.login(org.a, ADMIN)
    record = breaches.add(root, REPORT)
    seq = _breach_seq(root)
    assert recorded(root) == [seq]
    sam = org.login(org.a, "sam")  # on root's device
    cases.create_case(sam, "2026-RW-1", debtor_name="王五")
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-RW-2", debtor_name="陈立新")
    org.hub.push(alice)  # before root's
    org.hub.push(root)
    org.hub.pull(root)  # the step-by-step path: the breach rewound, alice's case, it on top
    assert recorded(root) == []  # both placed
    row = root.conn.execute("SELECT * FROM breach_records WHERE id = ?", (record.id,)).fetchone()
    assert dict(row) == _row_as_written(root, seq)
    assert _guards(root) == 0
    assert_tables_are_the_replay(root)
    # again with the record still unplaced after the pull: it is rewound and kept recorded
    second = breaches.add(root, REPORT)
    cases.create_case(alice, "2026-RW-3", debtor_name="李四")
    org.hub.push(alice)
    org.hub.pull(root)
    assert recorded(root) == [_breach_seq(root)]
    assert root.conn.execute("SELECT 1 FROM breach_records WHERE id = ?", (second.id,)).fetchone()
    assert_tables_are_the_replay(root)
    org.hub.push(root)
    org.hub.pull(root)
    org.hub.pull(alice)
    assert_tables_are_the_replay(alice)
    for path, user in ((org.a, ADMIN), (org.b, "alice")):
        report = verify_store(path, user)
        assert report.intact, errors(report)


def test_a_breach_record_the_hub_refused_leaves_the_tables(org: Org) -> None:
    """The hub's word stands: the whole replay drops the refused entry's row, through the door
    the trigger keeps for it (here the rules allow the entry, so verify reports the refusal,
    nothing else)."""
    root = org.login(org.a, ADMIN)
    record = breaches.add(root, REPORT)
    seq = _breach_seq(root)
    alice = org.login(org.b, "alice")
    cases.create_case(alice, "2026-RW-4", debtor_name="陈立新")
    org.hub.push(alice)
    org.hub.push(root, refused={seq: "hub.decided"})
    result = org.hub.pull(root)
    assert result.refused_own == (seq,)
    assert (
        root.conn.execute("SELECT 1 FROM breach_records WHERE id = ?", (record.id,)).fetchone()
        is None
    )
    assert _guards(root) == 0
    assert_tables_are_the_replay(root)
    codes = {code for code, _where in errors(verify_store(org.a, ADMIN))}
    assert codes == {"org.refused_valid"}
