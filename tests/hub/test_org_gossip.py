"""Gossip outside the hub (issue 20 items 1-2): a hub that shows two devices two histories and
withholds each one's cosigned checkpoints from the other is caught when the devices exchange
what they were shown, by a file (``org gossip export``/``import``), with no hub asked.

The fork is a real one: the hub's database is copied while the hub is stopped, and a second
``hub serve`` (the same TLS folder and receipt key: the same hub to every device) serves the
copy to legal's device while the first serves staff. Each history then grows on its own; each
hub signs checkpoints of its own history only, and each serves its own witnesses' cosignatures
only, so neither device's sync notices anything.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from evidence_desk.bundle.model import Scope
from evidence_desk.services import (
    bundle,
    cases,
    checkpoint_log,
    org_gossip,
    signing_certs,
)
from tests.helpers import COURT, pkcs12_identity
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, free_port, organisation, run
from tests.hub.test_org_end_to_end import approved_remotely


def _newest(org: Org, name: str) -> str:
    with org.login(name) as session:
        return checkpoint_log.seen(session.folder)[-1].stated.named()


def _gossip(org: Org, name: str, *argv: str | Path) -> tuple[int, dict[str, object], str]:
    code, out, err = run(
        "org", "gossip", *argv, "--store", org.stores[name], "--user", name, "--json"
    )
    return code, (json.loads(out) if out.strip() else {}), err


def _new_cases(org: Org, name: str, *numbers: str) -> None:
    with org.login(name) as session:
        for number in numbers:
            cases.create_case(session, number, debtor_name="陈立新")


@contextlib.contextmanager
def _fork(org: Org, hub_db: HubDatabase, *names: str) -> Iterator[Org]:
    """A copy of the hub's database served by a second ``hub serve`` with the same TLS folder
    and key; the devices ``names`` are routed to it (their ``hub.json`` URL)."""
    org.kill()
    name = f"{hub_db.name}_fork"
    deadline = time.monotonic() + 30
    with psycopg.connect(hub_db.cluster.url(), autocommit=True) as conn:
        while True:  # the killed hub's sessions take a moment to end
            try:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                        sql.Identifier(name), sql.Identifier(hub_db.name)
                    )
                )
                break
            except psycopg.errors.ObjectInUse:
                assert time.monotonic() < deadline
                time.sleep(0.2)
    org.start()
    fork = Org(org.folder, hub_db.cluster.url(name), free_port(), org.tls, stores=org.stores)
    fork.start()
    for device in names:
        bound = org.stores[device] / "hub.json"
        binding = json.loads(bound.read_text("utf-8"))
        binding["url"] = fork.url
        bound.write_text(json.dumps(binding), "utf-8")
    try:
        yield fork
    finally:
        fork.kill()
        with psycopg.connect(hub_db.cluster.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _witnessed_sizes(url: str) -> dict[str, list[int]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT witness, size FROM org_witnesses ORDER BY size").fetchall()
    out: dict[str, list[int]] = {}
    for witness, size in rows:
        out.setdefault(str(witness), []).append(int(size))
    return out


def test_devices_exchanging_what_they_were_shown_agree_and_an_altered_file_changes_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        _new_cases(org, "alice", "2026-GS-1")
        assert org.sync("alice")[0] == 0
        assert org.sync("lee")[0] == 0
        out = tmp_path / "lee.gossip.json"
        code, exported, err = _gossip(org, "lee", "export", "--out", out)
        assert code == 0, err
        assert exported["checkpoint"] == _newest(org, "lee") and exported["witnesses"] == ["lee"]
        org.kill()  # gossip needs no hub
        code, found, err = _gossip(org, "alice", "import", out)
        assert code == 0, err
        assert found["sender"] == "lee" and found["sender_verified"] is True
        assert _newest(org, "lee") in found["checked"] and found["witnesses"] == ["lee"]
        assert found["pending"] == []
        # one altered byte of the statement: refused as input (exit 4), nothing kept
        document = json.loads(out.read_text("utf-8"))
        document["statement"] = document["statement"].replace('"sender":"lee"', '"sender":"lex"')
        altered = tmp_path / "altered.json"
        altered.write_text(json.dumps(document), "utf-8")
        before = sorted(p.name for p in org.stores["alice"].iterdir())
        code, _found, err = _gossip(org, "alice", "import", altered)
        assert code == 4 and "org_gossip.sender_signature" in err, err
        document = json.loads(out.read_text("utf-8"))
        document["statement"] = document["statement"].replace('"sender":"lee"', '"sender":"sam"')
        altered.write_text(json.dumps(document), "utf-8")
        code, _found, err = _gossip(org, "alice", "import", altered)
        assert code == 4 and "org_gossip.sender_signature" in err, err
        altered.write_text("{}", "utf-8")
        code, _found, err = _gossip(org, "alice", "import", altered)
        assert code == 4 and "org_gossip.unreadable" in err, err
        assert sorted(p.name for p in org.stores["alice"].iterdir()) == before


def test_a_hub_showing_two_histories_is_caught_by_gossip_without_its_witness_route(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.join("sam", "staff")
        org.welcome("alice", "lee", "sam")
        assert org.sync("lee")[0] == 0  # lee cosigns the common history
        common = _newest(org, "lee")
        with _fork(org, hub_db, "lee", "sam") as fork:
            _new_cases(org, "alice", "2026-GS-1")
            code, report, err = org.sync("alice")
            assert code == 0, err
            _new_cases(org, "sam", "2026-GS-2", "2026-GS-3")
            assert org.sync("sam")[0] == 0
            code, report, err = org.sync("lee")
            assert code == 0 and report["witnessed"] is True, err  # lee cosigned the fork
            alice_view, lee_view = _newest(org, "alice"), _newest(org, "lee")
            assert alice_view != lee_view and common not in (alice_view, lee_view)
            # each hub serves its own witnesses only: alice's hub withholds lee's cosignature
            # of the other history, and alice's sync sees nothing wrong
            code, report, err = org.sync("alice")
            assert code == 0 and report["witnesses_checked"] == ["lee"], err
            lee_size = int(lee_view.split(":")[0])
            assert max(_witnessed_sizes(hub_db.owner_url)["lee"]) < lee_size
            assert lee_size in _witnessed_sizes(fork.db)["lee"]
            alice_file, lee_file = tmp_path / "alice.json", tmp_path / "lee.json"
            assert _gossip(org, "alice", "export", "--out", alice_file)[0] == 0
            assert _gossip(org, "lee", "export", "--out", lee_file)[0] == 0
            # the devices meet with no hub running: neither can be asked
            org.kill()
            fork.kill()
            # lee holds a larger history: alice's checkpoint is checked at once
            code, _found, err = _gossip(org, "lee", "import", alice_file)
            assert code == 1, err
            assert "org_checkpoint.split_view" in err and "alice" in err
            assert alice_view in err and lee_view in err
            assert not (org.stores["lee"] / org_gossip.PENDING_FILE).exists()
            # alice cannot check lee's larger checkpoint alone: kept to be checked...
            code, found, err = _gossip(org, "alice", "import", lee_file)
            assert code == 0, err
            assert lee_view in found["pending"]
            with org.login("alice") as alice:
                assert lee_view in org_gossip.pending(alice.folder)
            # ...and her next sync asks her hub to prove it extends what she was shown
            org.start()
            code, _report, err = org.sync("alice")
            assert code == 1, err
            assert "org_checkpoint.split_view" in err and lee_view in err


def test_a_bundle_carries_the_other_history_and_verify_bundle_with_the_store_catches_it(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The bundle is a channel the hub cannot filter either: legal's bundle, made on the forked
    side, carries that side's checkpoint; ``verify-bundle --store`` on staff's device (and
    ``org gossip import`` of the kit) holds it to staff's own history."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        approved_remotely(org, tmp_path)
        assert org.sync("lee")[0] == 0
        with _fork(org, hub_db, "lee", "sam"):
            _new_cases(org, "sam", "2026-GS-2", "2026-GS-3")
            assert org.sync("sam")[0] == 0
            assert org.sync("lee")[0] == 0
            lee_view = _newest(org, "lee")
            with org.login("lee") as lee:
                signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
                made = bundle.export_bundle(
                    lee, Scope("2026-SH-1"), tmp_path / "b", recipient=COURT
                )
            _new_cases(org, "alice", *(f"2026-GS-A{n}" for n in range(8)))
            assert org.sync("alice")[0] == 0
            alice_view = _newest(org, "alice")
            assert int(alice_view.split(":")[0]) > int(lee_view.split(":")[0])
            org.kill()  # no hub is asked
            code, out, err = run(
                "verify-bundle", made.kit_path, "--store", org.stores["alice"], "--user", "alice",
                "--json",
            )  # fmt: skip
            assert code == 1, err
            found = json.loads(out)["findings"]
            split = [f for f in found if f["code"] == "org_checkpoint.split_view"]
            assert split and lee_view in split[0]["message"] and alice_view in split[0]["message"]
            assert [f["code"] for f in found if f["severity"] == "error"] == [
                "org_checkpoint.split_view"
            ]  # the kit itself is intact: only the meeting of the two histories fails
            # without --store, verify-bundle has no history to meet and finds nothing
            code, out, err = run("verify-bundle", made.kit_path, "--json")
            assert not [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
            code, _out, err = run(
                "org", "gossip", "import", made.kit_path, "--store", org.stores["alice"],
                "--user", "alice",
            )  # fmt: skip
            assert code == 1 and "org_checkpoint.split_view" in err, err


def test_a_larger_checkpoint_of_the_same_history_waits_for_the_next_sync_and_passes(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """No false alarm: a checkpoint of the same history that this device cannot reproduce yet
    (it has not pulled the entries) is kept to be checked, and the next sync checks it."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        _new_cases(org, "alice", "2026-GS-1", "2026-GS-2")
        assert org.sync("alice")[0] == 0
        alice_view = _newest(org, "alice")
        assert int(alice_view.split(":")[0]) > int(_newest(org, "lee").split(":")[0])
        out = tmp_path / "alice.json"
        assert _gossip(org, "alice", "export", "--out", out)[0] == 0
        code, found, err = _gossip(org, "lee", "import", out)
        assert code == 0 and found["pending"] == [alice_view], err
        assert alice_view not in found["checked"]  # lee's own cosignature it carried back is
        code, report, err = org.sync("lee")
        assert code == 0 and report["gossip_checked"] == [alice_view], err
        with org.login("lee") as lee:
            assert org_gossip.pending(lee.folder) == []
        code, report, err = org.sync("lee")  # nothing left to check
        assert code == 0 and report["gossip_checked"] == [], err
