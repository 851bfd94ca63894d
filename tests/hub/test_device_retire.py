"""Retiring a lost laptop against a real hub (its own process, real PostgreSQL, real TLS):
the admin retires it from the command line; the hub refuses the laptop's signed requests at
the gate and its entries past the final size whoever pushes them; the laptop learns it at its
next sync (exit 3, who retired it, when and why) and its store still verifies; the admin's
store, and a device that joins later, verify INTACT."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from evidence_desk.services import cases, org_ledger, retirement, sync
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, ok, organisation, run


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]


def _device(org: Org, name: str) -> str:
    with org.login(name) as session:
        return session.folder.store_id


def test_a_lost_laptop_is_retired_and_the_hub_refuses_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        laptop = _device(org, "alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
        assert org.sync("alice")[0] == 0
        assert org.sync("alice")[1]["pushed"] == 0  # in step with the hub
        root = ("--user", "root", "--store", org.stores["root"])
        listed = {d["device_id"]: d for d in ok("hub", "device", "list", *root)}
        assert listed[laptop]["user"] == "alice" and listed[laptop]["retired"] is None
        size = listed[laptop]["entries"]
        assert size >= 2
        # only an admin: alice may not retire (exit 3, the permission named)
        code, _out, err = run("hub", "device", "retire", laptop, "--reason", "lost",
                              "--user", "alice", "--store", org.stores["alice"])  # fmt: skip
        assert code == 3, err
        done = ok("hub", "device", "retire", laptop, "--reason", "lost", *root)
        assert (done["final_size"], done["retired_by"], done["reason"]) == (size, "root", "lost")
        listed = {d["device_id"]: d for d in ok("hub", "device", "list", *root)}
        assert listed[laptop]["retired"]["by"] == "root"
        with psycopg.connect(hub_db.owner_url) as conn:
            row = conn.execute(
                "SELECT final_size, reason, retired_by FROM device_retirements "
                "WHERE device_id = %s",
                (laptop,),
            ).fetchone()
            assert row == (size, "lost", "root")
            active = conn.execute("SELECT active FROM users WHERE name = 'alice'").fetchone()
            assert active == (False,)

        # the laptop, still offline, writes on: its own store does not know yet
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-2", debtor_name="王五")
            extra = org_ledger.own_entries(alice, since=size + 1)
        assert [e.seq for e in extra] == [size + 1]
        # its next sync: refused at the gate, and it says who retired it, when and why
        code, _report, err = org.sync("alice")
        assert code == 3, err
        assert "was retired by root on" in err and ": lost" in err, err
        with (
            org.login("alice") as alice,
            sync.client_for(alice, sync.binding(alice.folder)) as client,
            pytest.raises(HubRefused) as refused,
        ):
            client.get("/v1/status")
        assert refused.value.status == 403 and refused.value.rule == "hub.device_retired"
        assert refused.value.named["by"] == "root" and refused.value.named["size"] == str(size)
        # its store still verifies (its unpushed entry included)
        _intact(org, "alice")

        # the entries past the final size are refused whole whoever relays them (root's key)
        with (
            org.login("root") as admin,
            HubClient(org.url, org.ca, "root", admin.signing_key) as client,
            pytest.raises(HubRefused) as relayed,
        ):
            client.post("/v1/push", {"device_id": laptop, "entries": [list(e) for e in extra]})
        assert relayed.value.rule == "hub.device_retired"
        with psycopg.connect(hub_db.owner_url) as conn:
            most = conn.execute(
                "SELECT max(seq) FROM entries WHERE device_id = %s", (laptop,)
            ).fetchone()
            assert most == (size,)

        # the admin's store, and a laptop joining after the retirement, verify INTACT
        assert org.sync("root")[0] == 0
        _intact(org, "root")
        org.join("bob", "staff")
        org.welcome("bob")
        _intact(org, "bob")
        with org.login("bob") as bob:
            found = {d.device_id: d for d in retirement.devices(bob)}
            assert found[laptop].retired is not None and found[laptop].entries == size


def test_a_retirement_behind_the_hub_is_refused_and_the_laptop_keeps_pushing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The final size must be what the hub holds: an admin whose store is behind (the laptop
    pushed since the admin's last pull) is refused by the hub's rule table, and nothing
    about the laptop changes; synced, the retirement then goes through."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        laptop = _device(org, "alice")
        assert org.sync("root")[0] == 0
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
        assert org.sync("alice")[0] == 0
        with org.login("root") as admin:
            behind = retirement.retire_device(admin, laptop, "replaced")
            client = sync.client_for(admin, sync.binding(admin.folder))
            with client:
                report = sync.sync(admin, client)
            assert report.refusal is not None
            assert report.refusal.named.get("violated") == "retire.final_size", report.refusal
        assert org.sync("alice")[0] == 0  # the laptop is not retired
        with org.login("root") as admin:
            # the refused retirement is not on record (the pull rebuilt the tables without
            # it): synced, the admin retires the laptop with what the hub holds now
            again = retirement.retire_device(admin, laptop, "replaced")
        assert again.final_size > behind.final_size
        assert org.sync("root")[0] == 0
        assert org.sync("alice")[0] == 3
        _intact(org, "root")
