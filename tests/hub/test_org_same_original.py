"""The same original sealed on two staff laptops of one case (issue 19; cleanup item 2).

Two staff of one case hold the same case key, so the same screenshot sealed on both laptops is
the same original (one ``blobs`` row org-wide) and the same case copy (its file name is keyed by
the case key and the digest). Each laptop records it as new while offline; the second to push
re-records a row the organisation already holds, with the same facts. The rule table takes an
identical re-record of an original or of a case's copy as no change (the first record stands),
so the second laptop's evidence is accepted, nothing of its sync is wedged, and verify on every
device replays it INTACT."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import contacts, importing
from evidence_desk.services.verify import verify_store
from tests.bundle.support import screenshot_bytes
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation
from tests.hub.test_org_end_to_end import approved_remotely


def _import(org: Org, name: str, contact_id: str, shot: Path) -> str:
    with org.login(name) as session:
        (import_id,) = importing.import_files(
            session, contact_id, [shot], tz="Asia/Shanghai"
        ).import_ids
    return import_id


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]


def test_two_staff_laptops_seal_the_same_screenshot_and_both_are_accepted(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "bob", "sam", "lee")
        contact_id = approved_remotely(org, tmp_path)
        assert org.sync("bob")[0] == 0
        shot = tmp_path / "promise.png"
        shot.write_bytes(screenshot_bytes())
        # both laptops seal the same screenshot before either hears of the other's
        from_alice = _import(org, "alice", contact_id, shot)
        from_bob = _import(org, "bob", contact_id, shot)
        assert org.sync("alice")[0] == 0
        code, report, err = org.sync("bob")
        assert code == 0, (report, err)
        # bob's laptop goes on working: a later import is accepted too
        other = tmp_path / "receipt.png"
        other.write_bytes(screenshot_bytes(seed=1))
        later = _import(org, "bob", contact_id, other)
        code, report, err = org.sync("bob")
        assert code == 0, (report, err)
        for name in ("lee", "alice", "bob"):
            assert org.sync(name)[0] == 0
        with org.login("lee") as lee:
            shots = [i for i in contacts.contact_items(lee, contact_id) if i.role == "screenshot"]
            assert len(shots) == 3 and len({i.sha256 for i in shots}) == 2
            imports = {row[0] for row in lee.conn.execute("SELECT id FROM imports")}
            assert {from_alice, from_bob, later} <= imports
        for name in ("lee", "alice", "bob"):
            _intact(org, name)
