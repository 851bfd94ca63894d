"""A store of any size joins (issue 19): its history is staged at the hub in pages
(``POST /v1/join/history``), then judged with the join in one transaction (real hub, real
PostgreSQL, real stores)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.hub.routes import MAX_BATCH
from evidence_desk.integrity import ledger
from evidence_desk.services import join_binding, org_ledger, settings, sync
from evidence_desk.services.hub_client import HubRefused
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation
from tests.hub.standalone import ZHANG, first_commit_fails, standalone_store
from tests.hub.test_join_with_history import (
    entries_of,
    hub_counts,
    unchecked_plan,
)


def _history(store: Path) -> list[ledger.Entry]:
    with Session.open(store, "zhang", ZHANG) as zhang:
        return org_ledger.own_entries(zhang)


def _staged(db: str) -> int:
    with psycopg.connect(db) as conn:
        row = conn.execute("SELECT count(*) FROM join_staging").fetchone()
    assert row is not None
    return int(row[0])


def _device_seqs(db: str, device: str) -> list[int]:
    with psycopg.connect(db) as conn:
        return [
            int(r[0])
            for r in conn.execute(
                "SELECT seq FROM entries WHERE device_id = %s ORDER BY hub_seq", (device,)
            )
        ]


def test_a_store_larger_than_a_batch_joins_and_legal_verifies_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """More entries than one request may carry: the history goes up in pages, the join is
    accepted, nothing stays staged, and legal's pull verifies INTACT."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("lee", "legal")
        org.welcome("lee")
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-BIG-1", "+8613900000021")
        with Session.open(store, "boss", "boss-password-1") as boss:
            for n in range(MAX_BATCH + 50):  # months of an administrator's settings
                settings.set_value(boss, "organisation", f"Example Finance {n}")
        history = _history(store)
        assert len(history) > MAX_BATCH
        session, report = join_binding.join_existing_store(
            store, org.url, org.ca, "zhang", ZHANG, code
        )
        try:
            device = session.folder.store_id
            assert report.refusal is None and not report.refused_own
        finally:
            session.close()
        seqs = _device_seqs(hub_db.owner_url, device)
        assert seqs[: len(history) + 2] == list(range(1, len(history) + 3))
        assert len(seqs) == len(set(seqs))
        assert _staged(hub_db.owner_url) == 0
        assert org.sync("lee")[0] == 0
        with org.login("lee") as lee:
            held = lee.conn.execute(
                "SELECT count(*) FROM device_entries WHERE device_id = ?", (device,)
            ).fetchone()[0]
            assert held == len(seqs)
            verdict = verify_store(lee, local_anchor=False)
            assert verdict.intact, [(f.code, f.location) for f in verdict.errors]


def test_an_interrupted_upload_resumes_without_duplicates(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """Some pages staged, the device gone; a page sent twice changes nothing; the join run
    again asks what is staged, sends the rest and is accepted, each entry once."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-RES-1", "+8613900000022")
        history = _history(store)
        with Session.open(store, "zhang", ZHANG) as zhang:
            device = zhang.folder.store_id
        with sync.invite_client(org.url, org.ca, code) as client:
            first = [list(e) for e in history[:4]]
            answer = client.post("/v1/join/history", {"device_id": device, "entries": first})
            assert (answer["size"], answer["head"]) == (4, history[3].entry_hash)
            again = [list(e) for e in history[2:6]]  # overlapping: 3 and 4 held, 5 and 6 new
            answer = client.post("/v1/join/history", {"device_id": device, "entries": again})
            assert answer["size"] == 6
            asked = client.post("/v1/join/history", {"device_id": device, "entries": []})
            assert (asked["size"], asked["head"]) == (6, history[5].entry_hash)
            # a staged place sent with other bytes is refused, naming the rule
            other = history[5]._replace(at="2020-01-01T00:00:00Z")
            with pytest.raises(HubRefused) as differs:
                client.post("/v1/join/history", {"device_id": device, "entries": [list(other)]})
            assert differs.value.rule == "hub.staged_differs"
            # staged entries are not the organisation's: no pull serves them
            served = [e for page in sync.pull_history(client) for e in page]
            assert served and all(e.device_id != device for e in served)
        assert _staged(hub_db.owner_url) == 6
        session, _report = join_binding.join_existing_store(
            store, org.url, org.ca, "zhang", ZHANG, code
        )
        session.close()
        seqs = _device_seqs(hub_db.owner_url, device)
        assert seqs[: len(history) + 2] == list(range(1, len(history) + 3))
        assert len(seqs) == len(set(seqs))
        assert _staged(hub_db.owner_url) == 0


def test_a_page_with_a_broken_link_is_refused_naming_the_rule(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """Each page is checked as it arrives: a broken link, a gap, a payload not matching its
    hash each refuse the whole page, nothing of it staged."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-LNK-1", "+8613900000023")
        history = _history(store)
        with Session.open(store, "zhang", ZHANG) as zhang:
            device = zhang.folder.store_id
        broken_link = [history[0], history[1]._replace(prev_hash="0" * 64)]
        gap = [history[0], history[2]]
        edited = [history[0], history[1]._replace(payload='{"edited":true}')]
        with sync.invite_client(org.url, org.ca, code) as client:
            for page, rule in (
                (broken_link, "hub.prev"),
                (gap, "hub.seq"),
                (edited, "hub.payload_hash"),
            ):
                with pytest.raises(HubRefused) as refused:
                    client.post(
                        "/v1/join/history",
                        {"device_id": device, "entries": [list(e) for e in page]},
                    )
                assert refused.value.rule == rule, refused.value.named
                assert refused.value.named["seq"] == str(page[1].seq)
                assert _staged(hub_db.owner_url) == 0


def test_a_staged_history_breaking_a_rule_writes_nothing_into_the_organisation(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """An insider's self-approval in the history passes the pages' chain checks; the join
    that names it is refused naming four-eyes, the hub's tables as before, nothing staged."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(
            tmp_path / "stores", "2026-BAD-1", "+8613900000024", chat=False, self_approved=True
        )
        plan = unchecked_plan(org, code, store)
        sent = entries_of(store, plan, code)
        history, join = sent[:-2], sent[-2:]
        before = hub_counts(hub_db.owner_url)
        with sync.invite_client(org.url, org.ca, code) as client:
            size, head = join_binding.stage_history(client, plan.device_id, history)
            assert (size, head) == (len(history), history[-1].entry_hash)
            with pytest.raises(HubRefused) as refused:
                client.post(
                    "/v1/join",
                    {
                        "device_id": plan.device_id,
                        "entries": [list(e) for e in join],
                        "staged": {"size": size, "head": head},
                    },
                )
        assert refused.value.rule == "hub.join_rule"
        assert refused.value.named["violated"] == "four-eyes"
        assert hub_counts(hub_db.owner_url) == before
        assert _staged(hub_db.owner_url) == 0


def test_a_staged_prefix_that_is_not_the_stores_own_is_started_again(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """What the hub staged for this device is a well-formed chain but not this store's
    entry 1 (another attempt's bytes): the device has it forgotten and uploads its own."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-RST-1", "+8613900000025")
        history = _history(store)
        with Session.open(store, "zhang", ZHANG) as zhang:
            device = zhang.folder.store_id
        first = history[0]
        at = "2020-01-01T00:00:00Z"
        other = first._replace(
            at=at,
            entry_hash=ledger.entry_hash(
                first.seq, at, first.actor, first.action, first.payload_hash, first.prev_hash
            ),
        )
        with sync.invite_client(org.url, org.ca, code) as client:
            answer = client.post(
                "/v1/join/history", {"device_id": device, "entries": [list(other)]}
            )
            assert answer["head"] == other.entry_hash != first.entry_hash
        session, _report = join_binding.join_existing_store(
            store, org.url, org.ca, "zhang", ZHANG, code
        )
        session.close()
        with psycopg.connect(hub_db.owner_url) as conn:
            held = conn.execute(
                "SELECT entry_hash FROM entries WHERE device_id = %s AND seq = 1", (device,)
            ).fetchone()
        assert held is not None and held[0] == first.entry_hash
        assert _staged(hub_db.owner_url) == 0


def test_a_pending_join_the_store_moved_past_says_what_to_do(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub accepted the join, the device's commit failed, and the store wrote another
    entry before the join was run again: nothing is committed, and the refusal names the
    device and the entry and tells the user to change nothing and see the administrator."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-STL-1", "+8613900000026")
        first_commit_fails(monkeypatch)
        with pytest.raises(OSError):
            join_binding.join_existing_store(store, org.url, org.ca, "zhang", ZHANG, code)
        with Session.open(store, "boss", "boss-password-1") as boss:
            settings.set_value(boss, "organisation", "Example Finance")
            device, size = (
                boss.folder.store_id,
                boss.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0],
            )
        with pytest.raises(RuleViolation) as stale:
            join_binding.join_existing_store(store, org.url, org.ca, "zhang", ZHANG, code)
        assert stale.value.rule == "join.pending_stale"
        said = str(stale.value)
        assert device in said and "administrator" in said and "Change nothing" in said
        with Session.open(store, "zhang", ZHANG) as zhang:
            assert zhang.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0] == size
        assert (store / join_binding.PENDING_FILE).exists()
