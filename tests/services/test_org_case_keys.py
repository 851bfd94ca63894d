"""Case keys across the devices of one organisation, in real stores, no network: a case made
on the staff laptop (B) opens on the admin's device (A) once the entries, the wraps and the
originals have moved the way sync moves them (wraps: ``case_keys.wraps_to_share`` up,
``case_keys.shared_wraps`` down). The key domain is the organisation's: the founding device's
store id, on every device."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence_desk.domain.models import Role
from evidence_desk.services import case_keys, cases, contacts, reading, users
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck
from tests.helpers import ADMIN, ADMIN_PASSWORD, FAST_KDF, TickingClock, raw_connection
from tests.services.test_org_ledger import (  # noqa: F401 (the fixture)
    Org,
    copy_originals,
    errors,
    org,
    request,
    verify,
)


class WrapShelf:
    """The hub's wrap table as a list (the real one is tests/hub's): kept once per wrap."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}

    def up(self, session: Session) -> None:
        for row in case_keys.wraps_to_share(session.conn):
            self.rows.setdefault((row["case_no"], row["recipient"], row["key_id"]), row)

    def down(self, session: Session) -> int:
        mine = [r for r in self.rows.values() if r["recipient"] == session.user.name]
        wraps = case_keys.shared_wraps(session, mine)
        case_keys.store_wraps(wraps)(session.conn, 0)
        return len(wraps)


def test_the_key_domain_is_the_founding_devices_id_on_every_device(org: Org) -> None:
    root = org.login(org.a, ADMIN)
    alice = org.login(org.b, "alice")
    assert case_keys.key_domain(root) == org.a_id
    assert case_keys.key_domain(alice) == org.a_id != alice.folder.store_id


def test_a_standalone_store_keys_to_its_own_id(tmp_path: Path, clock: TickingClock) -> None:
    path = tmp_path / "s"
    with Session.create_store(path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as root:
        users.add_user(root, "sam", Role.SUPERVISOR, "sam-password", kdf=FAST_KDF)
    with Session.open(path, "sam", "sam-password", clock=clock) as sam:
        assert case_keys.key_domain(sam) == sam.folder.store_id
        cases.create_case(sam, "2026-SH-9", debtor_name="陈立新")
        sealed = sam.conn.execute("SELECT debtor_name FROM cases").fetchone()[0]
        key = case_keys.case_key(sam, "2026-SH-9")
        assert key is not None
        # the format sealed before organisations: the store id in the AAD, as it was
        opened = ck.FieldCipher(sam.folder.store_id, key).open(
            "cases", "2026-SH-9", "debtor_name", sealed
        )
        assert opened == "陈立新"


def test_a_request_made_on_the_staff_laptop_opens_on_the_supervisors_device(
    org: Org, tmp_path: Path
) -> None:
    shelf = WrapShelf()
    contact_id = request(org, tmp_path)
    alice = org.login(org.b, "alice")
    shelf.up(alice)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    assert shelf.down(sam) == 1
    copy_originals(org.b, org.a)
    # the debtor's name, the reason and the documents, opened on A
    assert cases.get_case(sam, "2026-SH-1").debtor_name == "陈立新"
    waiting = contacts.get_contact(sam, contact_id)
    assert waiting.reason == "the debtor added us and asked to talk about repayment"
    assert waiting.handle == "+8613800000000"
    documents = [i.sha256 for i in contacts.contact_items(sam, contact_id)]
    assert len(documents) == 2
    texts = {reading.document_bytes(sam, contact_id, d).decode("utf-8") for d in documents}
    assert any("身份证明" in t for t in texts)
    # a second pull keeps nothing more
    assert shelf.down(sam) == 0
    sam.close()
    root = org.login(org.a, ADMIN)
    org.hub.pull(root)
    shelf.down(root)
    root.close()
    for path, user in ((org.a, "sam"), (org.a, ADMIN), (org.b, "alice")):
        report = verify(path, user)
        assert report.intact, errors(report)


def test_a_wrap_for_another_organisation_is_not_kept(org: Org, tmp_path: Path) -> None:
    request(org, tmp_path)
    alice = org.login(org.b, "alice")
    rows = case_keys.wraps_to_share(alice.conn)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    # the same wrap named for another case does not open (the info binds the case)
    moved = [{**r, "case_no": "2026-SH-2"} for r in rows if r["recipient"] == "sam"]
    assert moved and case_keys.shared_wraps(sam, moved) == []
    conn = raw_connection(org.a, "sam", "sam-password")
    assert conn.execute("SELECT count(*) FROM case_key_wraps").fetchone()[0] == 0
    conn.close()

