"""A store made before its company ran a hub joins WITH its history (issue 19): ``POST /v1/join``
carries its ledger 1..N, its user's ``device.join`` (N+1, ``pre_org``) and ``handle.reindex``
(N+2). The hub judges 1..N on their own (the store's own verify), merges their record rows at
the join and judges the rest org-wide, in one transaction.

Every insider's variation is refused naming its rule with nothing written (the hub's row counts
compared before and after), and the same entries, forced into another device's tables, are
found by that device's verify at the entry (device and seq). A good join is accepted: the
hub's state holds the store's case and contact under the organisation's handle digest, and
legal's device pulls it and verifies INTACT, the history marked ``pre_org``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.domain import authority, invites
from evidence_desk.domain.models import Finding
from evidence_desk.hub.org_state import OrgState
from evidence_desk.integrity import ledger, signing
from evidence_desk.services import (
    case_keys,
    cases,
    contacts,
    join_binding,
    join_existing,
    org_history,
    org_ledger,
    sync,
)
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store import case_keys as ck
from tests.helpers import raw_connection, supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation
from tests.hub.standalone import ZHANG, standalone_store
from tests.services.test_org_ledger import forged

ORG_HANDLE = "+8613800000000"


def unchecked_plan(org: Org, code: str, store: Path) -> join_existing.ExistingJoin:
    """The plan the device's checks would give, made without them (they refuse a taken case,
    file or chat first; the hub must refuse on its own)."""
    with sync.invite_client(org.url, org.ca, code) as client:
        history = tuple(e for page in sync.pull_history(client) for e in page)
    tables = authority.ReplayedTables(authority.empty_tables())
    for item in history:
        if not item.verdict:
            tables.apply(json.loads(item.entry.payload))
    invite = next(r for r in tables.tables["invites"].values() if r["user"] == "zhang")
    with Session.open(store, "zhang", ZHANG) as zhang:
        own_cases = tuple(str(r[0]) for r in zhang.conn.execute("SELECT case_no FROM cases"))
        return join_existing.ExistingJoin(
            "zhang",
            str(invite["id"]),
            str(invite["role"]),
            history[0].device_id,
            zhang.folder.store_id,
            own_cases,
            1,
            history,
        )


def entries_of(store: Path, plan: join_existing.ExistingJoin, code: str) -> list[ledger.Entry]:
    """The store's ledger 1..N and the builder's N+1 (and N+2), as a join sends them."""
    with Session.open(store, "zhang", ZHANG) as zhang:
        own = org_ledger.own_entries(zhang)
        return [*own, *join_existing.existing_join_entries(zhang, plan, code)]


def send(org: Org, code: str, device: str, entries: list[ledger.Entry]) -> dict[str, Any]:
    with sync.invite_client(org.url, org.ca, code) as client:
        return client.post("/v1/join", {"device_id": device, "entries": [list(e) for e in entries]})


def hub_counts(db: str) -> tuple[int, ...]:
    with psycopg.connect(db) as conn:
        return tuple(
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in ("entries", "users", "user_keys", "devices", "device_heads")
        )


def refused(org: Org, db: str, code: str, device: str, entries: list[ledger.Entry]) -> str:
    """Send the join; it must be refused naming a rule (returned), nothing written."""
    before = hub_counts(db)
    try:
        send(org, code, device, entries)
    except HubRefused as refusal:
        assert hub_counts(db) == before
        assert refusal.status == 422, refusal.named
        return str(refusal.named.get("violated") or refusal.rule)
    raise AssertionError("the hub accepted the join")


def found_forced(
    org: Org, folder: Path, device: str, entries: list[ledger.Entry], size: int
) -> list[Finding]:
    """``entries`` forced into a copy of legal's tables after what it holds (an insider with
    legal's password: 1..``size`` marked pre_org), then legal's verify there."""
    copy = folder / f"lee-forced-{len(list(folder.iterdir()))}"
    shutil.copytree(org.stores["lee"], copy)
    conn = raw_connection(copy, "lee", PASSWORD)
    try:
        last = int(conn.execute("SELECT max(org_seq) FROM device_entries").fetchone()[0])
        last = max(last, int(conn.execute("SELECT max(org_seq) FROM org_positions").fetchone()[0]))
        for offset, entry in enumerate(entries, start=1):
            conn.execute(
                "INSERT INTO device_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (device, *entry, last + offset, "", int(entry.seq <= size)),
            )
        conn.commit()
    finally:
        conn.close()
    with Session.open(copy, "lee", PASSWORD) as lee:
        return verify_store(lee, local_anchor=False).findings


def approve_at(entries: list[ledger.Entry]) -> int:
    """How many entries come before the first approval."""
    return next(i for i, e in enumerate(entries) if e.action == "contact.approve")


def at(findings: list[Finding], code: str, device: str, seq: int) -> bool:
    return any(f.code == code and f"device {device} seq {seq}" in str(f.location) for f in findings)


def resigned(
    entries: list[ledger.Entry], upto: int, actor: str, payload: dict[str, Any], key: Any
) -> list[ledger.Entry]:
    """``entries[:upto]`` and, after them, ``handle.reindex`` with ``payload`` signed by
    ``key`` as ``actor`` (an insider's own entry)."""
    device = json.loads(entries[upto - 1].payload).get("device_id") or ""
    return [*entries[:upto], forged(device, entries[:upto], actor, "handle.reindex", payload, key)]


def test_every_insider_variation_of_a_join_with_history_is_refused_and_found(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
            org_contact = contacts.request_contact(
                alice,
                case_no="2026-SH-1",
                channel="whatsapp",
                handle=ORG_HANDLE,
                display_name="Chen Lixin",
                reason="the debtor added us and asked to talk about repayment",
                consent=True,
                documents=supporting_documents(tmp_path / "docs", "alice"),
            ).id
        assert org.sync("alice")[0] == 0
        code = org.invite("zhang", "staff")
        assert org.sync("lee")[0] == 0  # legal holds the invitation too
        stores, forced = tmp_path / "stores", tmp_path / "forced"
        forced.mkdir()
        db = hub_db.owner_url

        # four-eyes broken in the store's own history: refused, found there (before joining)
        store = standalone_store(
            stores, "2026-OLD-1", "+8613900000001", chat=False, self_approved=True
        )
        plan = unchecked_plan(org, code, store)
        sent = entries_of(store, plan, code)
        n = len(sent) - 2
        assert refused(org, db, code, plan.device_id, sent) == "four-eyes"
        # the history alone, no join after it: judged on its own, entering nothing (a warning)
        findings = found_forced(org, forced, plan.device_id, sent[: approve_at(sent)], n)
        assert [f.code for f in findings if f.severity == "error"] == []
        assert at(findings, "org.pre_org_pending", plan.device_id, 1)
        approve_seq = next(e.seq for e in sent if e.action == "contact.approve")
        findings = found_forced(org, forced, plan.device_id, sent, n)
        assert at(findings, "rule.four-eyes", plan.device_id, approve_seq), findings
        assert any("before joining the organisation" in str(f.location) for f in findings)

        # a good history, then every variation of its join and reindex
        store = standalone_store(stores, "2026-OLD-2", "+8613900000002", chat=False)
        plan = unchecked_plan(org, code, store)
        good = entries_of(store, plan, code)
        n = len(good) - 2
        device = plan.device_id
        with Session.open(store, "zhang", ZHANG) as zhang:
            key = zhang.signing_key
        # fresh keys behind zhang's name at N+1
        fresh = Ed25519PrivateKey.generate()
        body = json.loads(good[n].payload)
        public = signing.public_key_hex(fresh)
        message = invites.join_message(plan.invite_id, device, "zhang", public, body["wrap_key"])
        body["public_key"] = public
        body["invite_signature"] = org_ledger.invite_key(code).sign(message).hex()
        body["rows"][0]["row"]["public_key"] = public
        fresh_join = forged(device, good[:n], "zhang", "device.join", body, fresh)
        assert refused(org, db, code, device, [*good[:n], fresh_join]) == "join.keys_differ"
        findings = found_forced(org, forced, device, [*good[:n], fresh_join], n)
        assert at(findings, "rule.join.keys_differ", device, n + 1), findings

        reindex = json.loads(good[n + 1].payload)
        variations: dict[str, tuple[str, dict[str, Any], Any]] = {
            # another column than the handle
            "authority.schema": (
                "zhang",
                {**reindex, "rows": [{**r, "row": {**r["row"], "status": "approved"}}
                                     for r in reindex["rows"]]},
                key,
            ),
            # a contact of the history left out
            "handle.reindex": ("zhang", {**reindex, "rows": []}, key),
        }  # fmt: skip
        for rule, (actor, payload, signer) in variations.items():
            tried = resigned(good, n + 1, actor, payload, signer)
            assert refused(org, db, code, device, tried) == rule
            assert at(found_forced(org, forced, device, tried, n), f"rule.{rule}", device, n + 2)
        # a contact that is not of the history (the organisation's own)
        extra = {"id": org_contact, "handle": reindex["rows"][0]["row"]["handle"]}
        payload = {**reindex, "rows": [*reindex["rows"], {"op": "put", "table": "contacts",
                                                         "row": extra}]}  # fmt: skip
        tried = resigned(good, n + 1, "zhang", payload, key)
        assert refused(org, db, code, device, tried) == "handle.reindex"
        assert at(found_forced(org, forced, device, tried, n), "rule.handle.reindex", device, n + 2)
        # written by another user of the organisation (the admin, with their own key)
        with org.login("root") as root:
            root_key = root.signing_key
        tried = resigned(good, n + 1, "root", reindex, root_key)
        assert refused(org, db, code, device, tried) == "handle.reindex"
        findings = found_forced(org, forced, device, tried, n)
        assert at(findings, "rule.handle.reindex", device, n + 2), findings

        # what the organisation holds: a case number, a file, a chat active on another case
        held = {
            "join.case_taken": standalone_store(stores, "2026-SH-1", "+8613900000003", chat=False),
            "join.blob_taken": standalone_store(
                stores, "2026-OLD-5", "+8613900000005", chat=False, documents="alice"
            ),
            "one-matter-per-chat": standalone_store(stores, "2026-OLD-6", ORG_HANDLE, chat=False),
        }
        for rule, store in held.items():
            plan = unchecked_plan(org, code, store)
            sent = entries_of(store, plan, code)
            n = len(sent) - 2
            assert refused(org, db, code, plan.device_id, sent) == rule
            seq = n + 2 if rule == "one-matter-per-chat" else n + 1
            findings = found_forced(org, forced, plan.device_id, sent, n)
            assert at(findings, f"rule.{rule}", plan.device_id, seq), (rule, findings)

        # nothing of any of them reached the hub, and the invitation is still open: legal's
        # store (its own tables untouched by the copies) still verifies INTACT
        with org.login("lee") as lee:
            report = verify_store(lee, local_anchor=False)
            assert report.intact, [(f.code, str(f.location)) for f in report.errors]


def test_a_store_joins_with_its_history_and_legal_verifies_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("lee", "legal")
        org.welcome("lee")
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-OLD-9", "+8613900000009")
        plan = join_existing.check(store, org.url, org.ca, "zhang", ZHANG, code)
        sent = entries_of(store, plan, code)
        n = len(sent) - 2
        assert [e.action for e in sent[n:]] == ["device.join", "handle.reindex"]
        answer = send(org, code, plan.device_id, sent)
        assert answer["appended"] == n + 2 and not answer.get("refused")
        # S's originals go up as any member's (zhang is one now, with the store's own key)
        with (
            Session.open(store, "zhang", ZHANG) as zhang,
            HubClient(org.url, org.ca, "zhang", zhang.signing_key) as client,
        ):
            assert sync._push_blobs(zhang, client) > 0

        # the hub: the history marked pre_org, the join and the reindex not
        with psycopg.connect(hub_db.owner_url) as conn:
            marks = conn.execute(
                "SELECT seq, pre_org FROM entries WHERE device_id = %s ORDER BY seq",
                (plan.device_id,),
            ).fetchall()
            assert marks == [(seq, seq <= n) for seq in range(1, n + 3)]
            # the organisation's state as a fresh hub process rebuilds it from its tables
            judging = OrgState().judging()
            state = judging.state(conn)
            judging.end(committed=True)
        assert state.row("cases", "2026-OLD-9") is not None
        contact_id = json.loads(sent[n + 1].payload)["rows"][0]["row"]["id"]
        contact = state.row("contacts", contact_id)
        assert contact is not None and contact["status"] == "approved"
        with org.login("root") as root:
            org_key = case_keys.case_key(root, case_keys.ORG_HANDLE_KEY)
        assert org_key is not None
        assert contact["handle"] == ck.handle_index(org_key, "+8613900000009")
        assert state.row("users", "zhang") is not None
        assert state.row("users", "boss") is None and state.row("users", "wang") is None

        # legal pulls the organisation (the join among it) and replays it INTACT; the pull is
        # cut before the reindex (as a page boundary may cut it): the history and the join
        # take the replay path, the reindex alone is judged in step against legal's tables
        with (
            org.login("lee") as lee,
            HubClient(org.url, org.ca, "lee", lee.signing_key) as client,
        ):
            since = org_history.last_org_seq(lee.conn)
            pulled = [e for page in sync.pull_history(client, since) for e in page]
            cut = next(
                i
                for i, e in enumerate(pulled)
                if (e.device_id, e.entry.seq) == (plan.device_id, n + 2)
            )
            org_ledger.apply_pull(lee, pulled[:cut])
            assert (
                lee.conn.execute(
                    "SELECT handle FROM contacts WHERE id = ?", (contact_id,)
                ).fetchone()[0]
                != contact["handle"]
            )  # still the store's own digest
            org_ledger.apply_pull(lee, pulled[cut:])
        status, _report, err = org.sync("lee")  # the blob files
        assert status == 0, err
        with org.login("lee") as lee:
            marked = lee.conn.execute(
                "SELECT seq, pre_org FROM device_entries WHERE device_id = ? ORDER BY seq",
                (plan.device_id,),
            ).fetchall()
            assert [tuple(r) for r in marked] == [(seq, int(seq <= n)) for seq in range(1, n + 3)]
            assert lee.conn.execute("SELECT 1 FROM cases WHERE case_no = '2026-OLD-9'").fetchone()
            held = lee.conn.execute("SELECT handle FROM contacts WHERE id = ?", (contact_id,))
            assert held.fetchone()[0] == contact["handle"]
            assert not lee.conn.execute("SELECT 1 FROM users WHERE name = 'boss'").fetchone()
            report = verify_store(lee, local_anchor=False)
            assert report.intact, [(f.code, str(f.location), str(f.detail)) for f in report.errors]

        # S itself once the two entries are in its ledger as sent (joindev's commit,
        # services/join_binding.py: the same bytes, appended by the store's writer) and the
        # organisation pulled: its own history replays on its own; its case, sealed under its
        # own id before the join, opens (the per-case key domain) and the invitation's
        # handle-index key is adopted after the pull, as the join's flow does
        with Session.open(store, "zhang", ZHANG) as zhang:
            zhang.append_signed(sent[n:], operation="join")
        with (
            Session.open(store, "zhang", ZHANG) as zhang,
            HubClient(org.url, org.ca, "zhang", zhang.signing_key) as client,
        ):
            for page in sync.pull_history(client):
                org_ledger.apply_pull(zhang, page)
            marks = zhang.conn.execute("SELECT seq, pre_org FROM org_positions ORDER BY seq")
            assert [tuple(r) for r in marks] == [(seq, int(seq <= n)) for seq in range(1, n + 3)]
            # its local users stay its own; the organisation's arrived beside them
            local = {str(r[0]) for r in zhang.conn.execute("SELECT name FROM users")}
            assert {"boss", "wang", "zhang", "root", "lee"} <= local
            assert join_binding.adopt_handle_key(zhang, plan.invite_id, code)
            report = verify_store(zhang, local_anchor=False)
            assert report.intact, [(f.code, str(f.location)) for f in report.errors]
