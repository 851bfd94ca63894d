"""Faults of an organisation driven through the command line: a deactivated user's push, forged
and replayed requests, an unreachable hub and a hub killed (SIGKILL) in the middle of a push."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import pinning
from evidence_desk.integrity.http_signatures import sign_request
from evidence_desk.services import cases, org_ledger, sync, users
from evidence_desk.services.hub_client import HubRefused
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation, run


def _cases(org: Org, name: str, count: int, prefix: str) -> None:
    with org.login(name) as session:
        for number in range(count):
            cases.create_case(session, f"{prefix}-{number}", debtor_name="陈立新")


def _unplaced(org: Org, name: str) -> int:
    with org.login(name) as session:
        placed = session.conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions")
        return len(org_ledger.own_entries(session, since=int(placed.fetchone()[0]) + 1))


def _sync_into(org: Org, name: str, outcome: list[int]) -> None:
    outcome.append(org.sync(name)[0])


def test_a_deactivated_user_is_refused_and_forged_or_replayed_requests_are_401(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        _cases(org, "alice", 1, "2026-A")
        assert org.sync("alice")[0] == 0
        # a request signed by a key the hub does not hold for alice, and one sent twice
        body = json.dumps({"device_id": "x", "entries": []}).encode()
        headers = {"Content-Type": "application/json"}
        url = f"{org.url}/v1/push"
        with httpx.Client(verify=pinning.client_context(org.ca), trust_env=False) as client:
            forged = sign_request("POST", url, headers, body, Ed25519PrivateKey.generate(), "alice")
            answer = client.post(url, content=body, headers={**headers, **forged})
            assert answer.status_code == 401
            with org.login("alice") as alice:
                signed = sign_request("POST", url, headers, body, alice.signing_key, "alice")
            first = client.post(url, content=body, headers={**headers, **signed})
            assert first.json()["error"] == "hub.unknown_device"  # through the gate
            again = client.post(url, content=body, headers={**headers, **signed})
            assert (again.status_code, again.json()["error"]) == (401, "httpsig.replayed")
        # a batch over the cap and an invitation's key pushing: refused naming the rule
        with org.login("alice") as alice, sync.client_for(alice, sync.binding(alice.folder)) as c:
            row = ["x"] * 9
            with pytest.raises(HubRefused) as refused:
                c.post("/v1/push", {"device_id": "x", "entries": [row] * 2001})
            assert refused.value.rule == "hub.batch_too_large"
            with pytest.raises(HubRefused) as refused:
                c.post("/v1/push", {"device_id": "x", "entries": "no"})
            assert (refused.value.rule, refused.value.status) == ("hub.bad_field", 400)
        code = org.invite("bob", "staff")
        with sync.invite_client(org.url, org.ca, code) as invited:
            with pytest.raises(HubRefused) as refused:
                invited.post("/v1/push", {"device_id": "x", "entries": []})
            assert refused.value.rule == "hub.invite_only"
            assert invited.get("/v1/entries?since=0")["entries"]  # it may pull the history
        # a code of the right form that opens no invitation enrols nobody and leaves nothing
        unknown = org_ledger.new_code()
        code, _out, err = run(
            "join", org.url, "--code", unknown, "--ca", org.ca, "--user", "eve",
            "--store", tmp_path / "eve",
        )  # fmt: skip
        assert code == 3 and "httpsig.forged" in err, err
        assert not (tmp_path / "eve").exists()
        # root deactivates alice on root's device and syncs: alice's next push is refused
        assert org.sync("root")[0] == 0
        with org.login("root") as root:
            users.deactivate_user(root, "alice")
        assert org.sync("root")[0] == 0
        _cases(org, "alice", 1, "2026-B")
        code, _report, err = org.sync("alice")
        assert code == 3 and "hub.user_deactivated" in err
        assert _unplaced(org, "alice") == 1  # the work stays on the laptop


def test_an_unreachable_or_killed_hub_loses_nothing_and_the_retry_completes(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        _cases(org, "alice", 3, "2026-A")
        org.kill()
        code, _report, err = org.sync("alice")
        assert code == 5 and "hub_unreachable" in err
        assert _unplaced(org, "alice") == 3
        org.start()
        assert org.sync("alice")[0] == 0 and _unplaced(org, "alice") == 0
        # SIGKILL while alice pushes (at several points of a sync: before, during, after the
        # push of her entries): each retry completes and nothing is duplicated
        for round_, delay in enumerate((0.3, 0.8, 1.4)):
            _cases(org, "alice", 40, f"2026-K{round_}")
            outcome: list[int] = []
            pushing = threading.Thread(target=_sync_into, args=(org, "alice", outcome))
            pushing.start()
            time.sleep(delay)
            org.kill()
            pushing.join(60)
            assert outcome and outcome[0] in (0, 5)
            org.start()
            assert org.sync("alice")[0] == 0 and _unplaced(org, "alice") == 0
        with org.login("alice") as alice:
            device, size = alice.folder.store_id, len(org_ledger.own_entries(alice))
            assert verify_store(alice, local_anchor=False).intact
        with psycopg.connect(hub_db.owner_url) as conn:
            row = conn.execute(
                "SELECT count(*), count(DISTINCT seq), max(seq) FROM entries WHERE device_id = %s",
                (device,),
            ).fetchone()
        assert row == (size, size, size)


def test_a_cloned_laptop_image_is_refused_and_named(hub_db: HubDatabase, tmp_path: Path) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        clone = tmp_path / "alice-clone"
        shutil.copytree(org.stores["alice"], clone)
        org.stores["clone"] = clone
        _cases(org, "alice", 1, "2026-A")
        with Session.open(clone, "alice", PASSWORD) as session:
            cases.create_case(session, "2026-C-1", debtor_name="陈立新")
        assert org.sync("alice")[0] == 0
        code, _report, err = run("sync", "--store", clone, "--user", "alice", "--json")
        assert code == 3 and "hub.cloned_device" in err, err


def test_postgresql_restarted_around_a_sync_loses_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        _cases(org, "alice", 5, "2026-A")
        hub_db.cluster.stop()
        try:
            code, _report, err = org.sync("alice")
        finally:
            hub_db.cluster.start()
        assert code == 5, err
        assert _unplaced(org, "alice") == 5
        _cases(org, "alice", 40, "2026-B")
        restarting = threading.Thread(target=hub_db.cluster.restart)
        outcome: list[int] = []
        pushing = threading.Thread(target=_sync_into, args=(org, "alice", outcome))
        pushing.start()
        time.sleep(0.8)
        restarting.start()
        restarting.join(60)
        pushing.join(120)
        assert outcome and outcome[0] in (0, 5)
        assert org.sync("alice")[0] == 0 and _unplaced(org, "alice") == 0
        with org.login("alice") as alice:
            assert verify_store(alice, local_anchor=False).intact


def test_sync_refuses_to_pull_from_a_hub_whose_history_changed(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        _cases(org, "alice", 2, "2026-A")
        assert org.sync("alice")[0] == 0
        assert org.sync("root")[0] == 0
        with org.login("alice") as alice:
            device = alice.folder.store_id
        # the database's superuser moves one of alice's entries to another place
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute(
                "UPDATE entries SET hub_seq = hub_seq + 1000 WHERE device_id = %s AND seq = 2",
                (device,),
            )
        for name in ("root", "alice"):
            code, _report, err = org.sync(name)
            assert code == 3 and "sync.hub_changed" in err and device in err, err
        # the stores' own copies are untouched and verify INTACT
        for name in ("root", "alice"):
            with org.login(name) as session:
                assert verify_store(session, local_anchor=False).intact


def test_a_second_hub_init_on_one_database_is_refused_and_leaves_no_store(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    first = run(
        "hub", "init", "--db", hub_db.owner_url, "--admin", "root", "--tls-dir",
        tmp_path / "tls", "--store", tmp_path / "root", "--json",
    )  # fmt: skip
    assert first[0] == 0, first
    assert set(json.loads(first[1])) == {"hub_id", "ca_file", "cert_file", "key_file"}
    code, _out, err = run(
        "hub", "init", "--db", hub_db.owner_url, "--admin", "root2", "--tls-dir",
        tmp_path / "tls", "--store", tmp_path / "root2",
    )  # fmt: skip
    assert code == 3 and "hub.organisation_exists" in err, err
    assert not (tmp_path / "root2").exists()
