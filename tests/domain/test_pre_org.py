"""domain/pre_org.py over a real store's ledger (Session, services; no hub): the history replayed
on its own introduces its keys and keeps its rows; the join's own rules (history described,
keys, user, rows the organisation holds) and the merge; which entries ``Histories`` sends to a
solo replay."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evidence_desk.domain import authority, pre_org
from evidence_desk.domain.models import Role
from evidence_desk.services import cases, contacts, org_ledger, users
from evidence_desk.services.session import Session
from tests.helpers import FAST_KDF, supporting_documents


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """A standalone store's ledger (boss, zhang, wang; a case, a contact wang approved)."""
    folder = tmp_path_factory.mktemp("pre-org")
    path = folder / "store"
    with Session.create_store(path, "boss", "boss-password-1", kdf=FAST_KDF) as boss:
        users.add_user(boss, "zhang", Role.STAFF, "zhang-password-1", kdf=FAST_KDF)
        users.add_user(boss, "wang", Role.SUPERVISOR, "wang-password-1", kdf=FAST_KDF)
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        cases.create_case(zhang, "2026-OLD-1", debtor_name="陈立新")
        contact = contacts.request_contact(
            zhang,
            case_no="2026-OLD-1",
            channel="whatsapp",
            handle="+8613900000001",
            display_name="Chen Lixin",
            reason="the debtor added us",
            consent=True,
            documents=supporting_documents(folder / "docs", "old"),
        )
    with Session.open(path, "wang", "wang-password-1") as wang:
        contacts.approve(wang, contact.id, "identity and debt confirmed")
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        return org_ledger.own_entries(zhang)


def replayed(entries: list[Any], device: str = "s") -> pre_org.Solo:
    solo = pre_org.Solo(device)
    for e in entries:
        payload = json.loads(e.payload)
        assert solo.signer(e.seq, e.actor, e.action, payload) is not None
        assert solo.judge(e.seq, e.at, e.actor, e.action, payload, e.entry_hash) == []
    return solo


def join_payload(solo: pre_org.Solo, **changed: Any) -> dict[str, Any]:
    zhang = solo.state.row("users", "zhang") or {}
    payload = {
        "public_key": zhang["public_key"],
        "wrap_key": zhang["wrap_key"],
        "pre_org": {"size": solo.size, "head": solo.head, "cases": solo.cases},
    }
    payload.update(changed)
    return payload


def test_a_history_replays_on_its_own_with_its_own_keys(history: list[Any]) -> None:
    solo = replayed(history)
    assert set(solo.keys) == {"boss", "zhang", "wang"}
    assert solo.cases == ["2026-OLD-1"] and len(solo.contacts) == 1
    assert (solo.size, solo.head) == (len(history), history[-1].entry_hash)
    # the same entries in an organisation's State (an admin already there) break the rules
    org = authority.ReplayedTables(authority.empty_tables())
    org.apply({"rows": [{"op": "put", "table": "users", "row": {"name": "root", "role": "admin",
                                                                "active": 1}}]})  # fmt: skip
    first = history[0]
    found = authority.check(org, 1, first.at, first.actor, first.action, json.loads(first.payload))
    assert [v.rule for v in found] == ["authority.store_init"]


def test_the_join_is_judged_and_the_record_rows_merged(history: list[Any]) -> None:
    solo = replayed(history)
    org = authority.ReplayedTables(authority.empty_tables())
    seq = solo.size + 1
    assert pre_org.join_violations(org, solo, seq, "zhang", join_payload(solo)) == []
    rules = {
        "join.keys_differ": join_payload(solo, public_key="00" * 32),
        "join.pre_org": join_payload(solo, pre_org={"size": 1, "head": solo.head, "cases": []}),
    }
    for rule, payload in rules.items():
        assert rule in [v.rule for v in pre_org.join_violations(org, solo, seq, "zhang", payload)]
    found = pre_org.join_violations(org, solo, seq, "wang", join_payload(solo))
    assert [v.rule for v in found] == ["join.keys_differ"]  # wang's keys are not zhang's
    found = pre_org.join_violations(org, solo, seq, "nobody", join_payload(solo))
    assert [v.rule for v in found] == ["join.not_a_user"]
    # the organisation holds the case, a file, a contact id: each refuses the merge
    for table, rule in (
        ("cases", "join.case_taken"),
        ("blobs", "join.blob_taken"),
        ("contacts", "join.row_taken"),
    ):
        taken = authority.ReplayedTables(authority.empty_tables())
        key = next(iter(solo.state.tables[table]))
        taken.tables[table][key] = {authority.TABLE_KEYS[table]: key[0]}
        found = pre_org.join_violations(taken, solo, seq, "zhang", join_payload(solo))
        assert [v.rule for v in found] == [rule]
    # merged: the record tables, never the history's users or settings
    pre_org.merge(org.tables, solo)
    assert org.row("cases", "2026-OLD-1") is not None
    assert org.tables["contacts"] == solo.state.tables["contacts"]
    assert org.tables["users"] == {} and org.tables["settings"] == {}


def test_histories_sends_only_a_marked_later_store_init_to_its_own_replay(
    history: list[Any],
) -> None:
    first = json.loads(history[0].payload)
    histories = pre_org.Histories()
    assert histories.solo_of("founder", 1, "store.init", first, marked=False) is None
    assert histories.solo_of("rogue", 1, "store.init", first, marked=False) is None
    solo = histories.solo_of("s", 1, "store.init", first, marked=True)
    assert solo is not None and histories.solo_of("s", 2, "user.add", {}, marked=False) is solo
    join = {"pre_org": {}}
    assert histories.solo_of("s", 9, "device.join", join, marked=False) is None
    assert histories.pending("s") is solo
    assert [d for d, _ in histories.pending_histories()] == ["s"]
