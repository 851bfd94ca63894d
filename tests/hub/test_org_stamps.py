"""RFC 3161 stamps of the organisation checkpoints and the checkpoint timer (issue 20 item 1):
``hub serve --tsa URL --tsa-ca FILE`` stamps every checkpoint in the background (queued while
the TSA is down, never delaying or refusing a push), serves the token with the checkpoint, and
a device keeps it and verify checks it; ``--checkpoint-minutes`` signs a checkpoint over
entries that arrived without one (a hub that died between a push's commit and its
checkpoint)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.models import Role
from evidence_desk.hub import org_stamps
from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.integrity import tsa
from evidence_desk.services import cases, checkpoint_log, org_ledger, timestamps
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.local_tsa import Fault, LocalTsa, TestPki
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation


def _wait(what: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.2)


def _hub_rows(hub_db: HubDatabase) -> tuple[list[int], dict[int, bytes]]:
    """The hub's checkpoint sizes and the stamps it holds, by size."""
    with psycopg.connect(hub_db.owner_url) as conn:
        sizes = [int(r[0]) for r in conn.execute("SELECT size FROM org_checkpoints ORDER BY 1")]
        stamps = {
            int(r[0]): bytes(r[1])
            for r in conn.execute("SELECT size, token FROM org_checkpoint_stamps")
        }
    return sizes, stamps


def _all_stamped(hub_db: HubDatabase) -> bool:
    sizes, stamps = _hub_rows(hub_db)
    return bool(sizes) and set(sizes) == set(stamps)


def _tsa_args(tsa_server: LocalTsa, pki: TestPki) -> tuple[str, ...]:
    return ("--tsa", tsa_server.url, "--tsa-ca", str(pki.directory / "root.pem"))


def _new_case(org: Org, name: str, number: str) -> None:
    with org.login(name) as session:
        cases.create_case(session, number, debtor_name="陈立新")


def test_checkpoints_are_stamped_kept_with_their_token_and_a_tampered_token_is_named(
    hub_db: HubDatabase, tmp_path: Path, pki: TestPki
) -> None:
    with (
        LocalTsa(pki) as tsa_server,
        organisation(tmp_path, hub_db.owner_url, *_tsa_args(tsa_server, pki)) as org,
    ):
        org.invite("alice", "staff")  # binds root's store to the hub
        with org.login("root") as session:  # the store's own TSA roots check the org's tokens
            timestamps.add_authority(session, "local", tsa_server.url, pki.root.pem.decode())
        code, _report, err = org.sync("root")
        assert code == 0, err
        _wait(lambda: _all_stamped(hub_db))
        code, _report, err = org.sync("root")  # the same newest checkpoint, stamped now
        assert code == 0, err
        with org.login("root") as session:
            kept = checkpoint_log.seen(session.folder)
            newest = kept[-1]
            assert newest.stamp is not None
            token = base64.b64decode(newest.stamp["token"])
            _sizes, stamps = _hub_rows(hub_db)
            assert stamps[newest.stated.size] == token
            # the token dates exactly what the hub signed
            info = tsa.verify_token(
                token, org_cp.statement_digest(newest.signed.body), pki.trusted_roots
            )
            assert info.message_imprint == org_cp.statement_digest(newest.signed.body)
            report = verify_store(session, local_anchor=False)
            assert report.intact, report.errors
        seen_file = org.stores["root"] / checkpoint_log.SEEN_FILE
        lines = [json.loads(line) for line in seen_file.read_text("utf-8").splitlines()]
        for line in lines:  # the newest's stamp, on whichever line brought it
            if line["body"] == newest.signed.body and "stamp" in line:
                raw = bytearray(base64.b64decode(line["stamp"]["token"]))
                raw[-5] ^= 0x01  # a byte of the TSA's signature
                line["stamp"]["token"] = base64.b64encode(bytes(raw)).decode()
        seen_file.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
        with org.login("root") as session:
            errors = verify_store(session, local_anchor=False).errors
        assert [f.code for f in errors] == ["org_checkpoint.stamp"]
        assert newest.stated.named() in errors[0].location


def test_while_the_tsa_is_down_pushes_are_accepted_and_the_checkpoints_queued(
    hub_db: HubDatabase, tmp_path: Path, pki: TestPki
) -> None:
    with (
        LocalTsa(pki, fault=Fault.HTTP_500) as tsa_server,
        organisation(tmp_path, hub_db.owner_url, *_tsa_args(tsa_server, pki)) as org,
    ):
        org.join("alice", "staff")
        org.welcome("alice")
        for number in ("2026-Q-1", "2026-Q-2"):
            _new_case(org, "alice", number)
            code, report, err = org.sync("alice")
            assert code == 0 and report["pushed"] > 0, err
        sizes, stamps = _hub_rows(hub_db)
        assert len(sizes) >= 3 and stamps == {}
        assert tsa_server.requests_served > 0  # it was asked, and failed
        tsa_server.fault = Fault.NONE
        _wait(lambda: _all_stamped(hub_db))  # the queue drains once the TSA answers
        sizes, stamps = _hub_rows(hub_db)
        with psycopg.connect(hub_db.owner_url) as conn:
            rows = conn.execute("SELECT size, body FROM org_checkpoints").fetchall()
        bodies = {int(size): str(body) for size, body in rows}
        for size in sizes:
            digest = org_cp.statement_digest(str(bodies[size]))
            tsa.verify_token(stamps[size], digest, pki.trusted_roots)


def test_the_timer_signs_a_checkpoint_over_entries_that_arrived_without_one(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url, "--checkpoint-minutes", "0.02") as org:
        org.invite("alice", "staff")  # binds root's store to the hub
        code, _report, err = org.sync("root")
        assert code == 0, err
        sizes, _stamps = _hub_rows(hub_db)
        # the push commits, and the hub dies before its checkpoint: the entries are held
        with org.login("root") as session:
            org_ledger.invite_user(session, "bob", Role.STAFF)
            device = session.folder.store_id
            entries = org_ledger.own_entries(session)
        repo = HubRepository.connect(hub_db.app_url, max_size=2)
        with repo:
            repo.push(device, entries)
        with psycopg.connect(hub_db.owner_url) as conn:
            held = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])  # type: ignore[index]
        assert held > max(sizes)
        _wait(lambda: max(_hub_rows(hub_db)[0]) == held, 30)
        code, report, err = org.sync("root")
        assert code == 0, err
        assert report["org_checkpoint"].startswith(f"{held}:")
        # nothing arrived since: the timer signs no checkpoint of nothing new
        time.sleep(3)
        assert max(_hub_rows(hub_db)[0]) == held


def test_the_tsa_comes_from_the_options_or_the_environment_and_needs_its_roots(
    pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(org_stamps.TSA_ENV, raising=False)
    monkeypatch.delenv(org_stamps.TSA_CA_ENV, raising=False)
    assert org_stamps.StampAuthority.configured(None, None) is None
    with pytest.raises(UsageError, match="--tsa-ca"):
        org_stamps.StampAuthority.configured("http://127.0.0.1:9/tsa", None)
    with pytest.raises(UsageError, match="PEM"):
        org_stamps.StampAuthority.configured("http://127.0.0.1:9/tsa", pki.directory / "nope")
    monkeypatch.setenv(org_stamps.TSA_ENV, "http://127.0.0.1:9/tsa")
    monkeypatch.setenv(org_stamps.TSA_CA_ENV, str(pki.directory / "root.pem"))
    found = org_stamps.StampAuthority.configured(None, None)
    assert found is not None and found.url == "http://127.0.0.1:9/tsa"
    assert list(found.roots) == pki.trusted_roots
