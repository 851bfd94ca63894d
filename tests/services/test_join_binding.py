"""The device side of binding an existing store (services/join_binding.py) without a hub: the
entries built after the head (join_existing.existing_join_entries) are committed by
``Session.append_signed`` as they are, with their link, hashes and signature checked (anything
else writes nothing), and the key domain of a case the accepted ``device.join`` lists stays
the store's own id."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.models import Role
from evidence_desk.integrity import ledger, signing
from evidence_desk.services import case_keys, cases, contacts, join_existing, org_ledger, users
from evidence_desk.services.join_existing import ExistingJoin
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store import case_keys as ck
from tests.helpers import FAST_KDF, supporting_documents

CODE = org_ledger.new_code()


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "s"
    with Session.create_store(path, "boss", "boss-password-1", kdf=FAST_KDF) as boss:
        users.add_user(boss, "zhang", Role.STAFF, "zhang-password-1", kdf=FAST_KDF)
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        cases.create_case(zhang, "OLD-1", debtor_name="陈立新")
        contacts.request_contact(
            zhang,
            case_no="OLD-1",
            channel="whatsapp",
            handle="+8613800000000",
            display_name="Chen Lixin",
            reason="the debtor added us",
            consent=True,
            documents=supporting_documents(tmp_path / "docs", "s"),
        )
    return path


def _plan(session: Session, org: str, key: bytes) -> ExistingJoin:
    """What the checks give: here an invitation whose entry seals the organisation's handle
    key ``key`` to the code, as ``hub user add`` seals it."""
    code_public = ck.public_hex(org_ledger.invite_wrap_key(CODE))
    wrap = ck.make_wrap(org, case_keys.ORG_HANDLE_KEY, session.user.name, code_public, key)
    sealed = {"key_id": wrap.key_id, "sealed": wrap.sealed.hex()}
    payload = json.dumps({"invite_id": "inv-1", "handle_key": sealed})
    invite = ledger.Entry(2, "", "root", "user.invite", payload, "", "", "", "")
    history = (OrgEntry(org, invite, 2),)
    device = session.folder.store_id
    return ExistingJoin(session.user.name, "inv-1", "staff", org, device, ("OLD-1",), 1, history)


def _files(path: Path) -> dict[str, str]:
    return {
        str(f.relative_to(path)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(path.rglob("*"))
        if f.is_file()
    }


def test_built_entries_are_committed_as_they_are_and_nothing_else(tmp_path: Path) -> None:
    path = _store(tmp_path)
    org_key = b"\x07" * 32
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        size = zhang.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0]
        built = join_existing.existing_join_entries(zhang, _plan(zhang, "f" * 32, org_key), CODE)
        (put,) = json.loads(built[1].payload)["rows"]
        assert put["row"]["handle"] == ck.handle_index(org_key, "+8613800000000")
        assert put["row"]["handle"] != zhang.handle_index("+8613800000000")
        assert [(e.seq, e.action) for e in built] == [
            (size + 1, "device.join"),
            (size + 2, "handle.reindex"),
        ]
        join = json.loads(built[0].payload)
        assert join["pre_org"]["size"] == size and join["pre_org"]["cases"] == ["OLD-1"]
        assert join["public_key"] == zhang.user.public_key  # the existing key, no new pair
        before = _files(path)
        # an entry whose payload was changed after signing, one signed by another key, one
        # that does not follow the head: refused, nothing written
        forged = built[1]._replace(payload=built[1].payload.replace("hx1:", "hx1:0"))
        other = signing.sign(signing.generate_private_key(), signing.CHECKPOINT_CONTEXT, b"x")
        for bad in ([built[0], forged], [built[0].signed(other)], [built[1]]):
            with pytest.raises(StoreError):
                zhang.append_signed(bad, operation="join")
            assert zhang.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0] == size
        assert _files(path) == before
        head = zhang.append_signed(built, operation="join")
        assert head.size == size + 2
        stored = zhang.conn.execute(
            "SELECT entry_hash, signature FROM ledger WHERE seq > ? ORDER BY seq", (size,)
        ).fetchall()
        assert [tuple(r) for r in stored] == [(e.entry_hash, e.signature) for e in built]
        # the pre-organisation case keeps the store's own id as its key domain
        assert case_keys.key_domain(zhang, "OLD-1") == zhang.folder.store_id


def test_pre_org_cases_keep_their_devices_domain(tmp_path: Path) -> None:
    """On a device that pulled another device's join with its history, that device's listed
    cases bind its id, the others the organisation's (the founding device's)."""
    path = _store(tmp_path)
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        conn = zhang.conn
        own = zhang.folder.store_id
        assert case_keys.key_domain(zhang, "OLD-1") == own  # standalone: its own id
        founder, joined = "a" * 32, "b" * 32
        rows = [
            (founder, 1, "store.init", {}, 1),
            (joined, 1, "store.init", {"rows": [_user("ghost"), _user("both")]}, 2),
            (joined, 2, "device.join", {"pre_org": {"size": 1, "cases": ["B-1"]}}, 3),
            (founder, 2, "device.join", {"rows": [_user("both")]}, 4),
        ]
        for device, seq, action, payload, org_seq in rows:
            conn.execute(
                "INSERT INTO device_entries (device_id, seq, at, actor, action, payload, "
                "payload_hash, prev_hash, entry_hash, signature, org_seq, verdict) "
                "VALUES (?, ?, '', 'x', ?, ?, '', '', '', '', ?, '')",
                (device, seq, action, json.dumps(payload), org_seq),
            )
        assert case_keys.key_domain(zhang, "B-1") == joined
        assert case_keys.key_domain(zhang, "NEW-1") == founder
        assert ck.pre_org_domains(conn, own) == {"B-1": joined}
        # a user only that history introduced is not the organisation's: no wrap for them
        # goes to the hub or into a new case's entry; one enrolled since is
        assert case_keys.local_only_users(conn) == {"ghost"}


def _user(name: str) -> dict[str, object]:
    return {"op": "put", "table": "users", "row": {"name": name, "role": "staff"}}


def test_a_bound_store_still_verifies_its_sealed_case(tmp_path: Path) -> None:
    """The pre-organisation case's fields and wraps open and verify after the join's entries
    are committed (nothing re-sealed)."""
    path = _store(tmp_path)
    org_key = b"\x09" * 32
    with Session.open(path, "zhang", "zhang-password-1") as zhang:
        built = join_existing.existing_join_entries(zhang, _plan(zhang, "f" * 32, org_key), CODE)
        zhang.append_signed(built, operation="join")
        case = cases.get_case(zhang, "OLD-1")
        assert case.debtor_name == "陈立新"
        report = verify_store(zhang, local_anchor=False)
        problems = [f.code for f in report.errors if f.code.startswith("case_key")]
        # the handles' digests are now the organisation's: checked once the store holds that
        # key (adopted at the first sync after the join; tests/hub/test_join_existing.py)
        assert problems == ["case_key.handle_index"], problems
