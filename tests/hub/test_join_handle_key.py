"""A member who joins holds the organisation's handle-index key at once: ``hub user add`` seals
it to the one-time code, ``join`` opens it. With every other device offline (nobody syncs after
the invitations), the new member requests a contact, and one matter per chat compares the same
digests on another member's laptop after sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import cases, contacts
from evidence_desk.services.case_keys import ORG_HANDLE_KEY
from evidence_desk.services.verify import verify_store
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run
from tests.hub.test_org_end_to_end import _request

HANDLE = "+8613800000000"


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]


def test_a_member_joined_while_the_others_are_offline_requests_a_contact(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        codes = {"alice": org.invite("alice", "staff"), "sam": org.invite("sam", "supervisor")}
        # the admin's device goes offline now: it never syncs again in this test
        for name, code in codes.items():
            store = org.folder / name
            code_, out, err = _join(org, name, code, store)
            assert code_ == 0, (out, err)
            org.stores[name] = store
        with org.login("alice") as alice:
            held = alice.conn.execute(
                "SELECT count(*) FROM case_key_wraps WHERE case_no = ?", (ORG_HANDLE_KEY,)
            ).fetchone()[0]
            digest = alice.handle_index(HANDLE)
        assert held == 1
        contact_id = _request(org, tmp_path)  # refused before: case_key.no_handle_key
        assert contact_id
        assert org.sync("alice")[0] == 0
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            assert sam.handle_index(HANDLE) == digest
            held_by_alice = sam.conn.execute(
                "SELECT handle FROM contacts WHERE id = ?", (contact_id,)
            ).fetchone()[0]
            assert held_by_alice == digest
            cases.create_case(sam, "2026-SH-2", debtor_name="王五")
            with pytest.raises(RuleViolation, match="one-matter-per-chat"):
                contacts.request_contact(
                    sam,
                    case_no="2026-SH-2",
                    channel="whatsapp",
                    handle=HANDLE,
                    display_name="Chen Lixin",
                    reason="the same chat for another matter",
                    consent=True,
                    documents=supporting_documents(tmp_path / "docs-2", tag="2"),
                )
        for name in ("alice", "sam"):
            _intact(org, name)
        # the admin's device comes back: it holds the same key, and wraps nothing twice
        assert org.sync("root")[0] == 0
        with org.login("root") as root:
            assert root.handle_index(HANDLE) == digest
        _intact(org, "root")


def _join(org: Org, name: str, code: str, store: Path) -> tuple[int, str, str]:
    return run("join", org.url, "--code", code, "--ca", org.ca, "--user", name, "--store", store)
