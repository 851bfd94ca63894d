"""Witnesses (issue 20 item 2): legal's device cosigns the organisation checkpoints it verified;
every device checks the other witnesses' cosigned checkpoints against its own history, so a hub
that shows two histories to two devices is caught the first time their checkpoints meet."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import psycopg

from evidence_desk.hub import receipts as hub_side
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import checkpoint_log, settings
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation


def _newest(org: Org, name: str) -> org_cp.OrgCheckpoint:
    with org.login(name) as session:
        return checkpoint_log.seen(session.folder)[-1].stated


def test_legal_witnesses_and_staff_check_its_cosignatures(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        code, report, err = org.sync("lee")
        assert code == 0 and report["witnessed"] is True, err
        code, report, err = org.sync("alice")
        assert code == 0, err
        assert report["witnessed"] is False  # staff are no witnesses by default
        assert report["witnesses_checked"] == ["lee"]
        with psycopg.connect(hub_db.owner_url) as conn:
            rows = conn.execute("SELECT witness, size, body FROM org_witnesses").fetchall()
        assert {r[0] for r in rows} == {"lee"}
        with org.login("lee") as lee:
            kept = {s.stated.size: s.signed.body for s in checkpoint_log.seen(lee.folder)}
        assert all(kept[size] == body for _witness, size, body in rows)
        # any device can be made a witness (its admin sets it): the admin's desktop here
        code, report, err = org.sync("root")
        assert code == 0 and report["witnessed"] is False, err
        with org.login("root") as root:
            settings.set_value(root, "org_witness", "on")
        code, report, err = org.sync("root")
        assert code == 0 and report["witnessed"] is True, err
        assert sorted(report["witnesses_checked"]) == ["lee"]


def test_a_hub_showing_two_histories_is_caught_where_the_witness_meets_staff(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The hub showed legal's device another history of the size alice holds (signed with the
    hub's key, cosigned by lee, who was shown it): alice's next sync refuses the hub, exit 1,
    naming the witness and both checkpoints."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.welcome("alice", "lee")
        alice_view = _newest(org, "alice")
        other = dataclasses.replace(alice_view, root="ab" * 32)
        shown = org_cp.sign(hub_side.load_or_make_key(org.tls), other)
        with org.login("lee") as lee:
            cosignature = lee.sign(org_cp.WITNESS_CONTEXT, shown.body.encode("utf-8"))
            lee_key = lee.conn.execute(
                "SELECT public_key FROM users WHERE name = 'lee'"
            ).fetchone()[0]
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute(
                "INSERT INTO org_witnesses (witness, size, body, hub_signature, sign_key, "
                "signature) VALUES ('lee', %s, %s, %s, %s, %s)",
                (other.size + 10_000, shown.body, shown.signature, lee_key, cosignature),
            )
        code, _report, err = org.sync("alice")
        assert code == 1, err
        assert "org_checkpoint.split_view" in err
        assert "lee" in err and alice_view.named() in err and other.named() in err
