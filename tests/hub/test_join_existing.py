"""``join URL --code --ca --user NAME --store EXISTING`` on a store made before the company ran a
hub (its own store.init, local users, a case, an approved contact, an import): judged against
the organisation's history pulled with the invitation's key, only read. Every refusal names its
rule and leaves every file of the store exactly as it was, and the store verifies INTACT."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import pdf_text
from evidence_desk.domain.errors import Cancelled
from evidence_desk.services import (
    bundle,
    cases,
    contacts,
    join_binding,
    reading,
    signing_certs,
    sync,
)
from evidence_desk.services.hub_client import HubRefused
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import COURT, pkcs12_identity, supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run
from tests.hub.standalone import first_commit_fails, standalone_store

HANDLE = "+8613800000000"


def digests(path: Path) -> dict[str, str]:
    return {
        str(file.relative_to(path)): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(path.rglob("*"))
        if file.is_file()
    }


def _join(org: Org, code: str, store: Path) -> tuple[int, str]:
    status, _out, err = run(
        "join", org.url, "--code", code, "--ca", org.ca, "--user", "zhang", "--store", store,
        password="zhang-password-1",
    )  # fmt: skip
    return status, err


def _intact(store: Path) -> None:
    with Session.open(store, "zhang", "zhang-password-1") as zhang:
        report = verify_store(zhang, local_anchor=False)
        assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]
        assert not (store / "hub.json").exists()


def test_an_existing_store_is_judged_against_the_organisation_and_left_untouched(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
            contacts.request_contact(
                alice,
                case_no="2026-SH-1",
                channel="whatsapp",
                handle=HANDLE,
                display_name="Chen Lixin",
                reason="the debtor added us and asked to talk about repayment",
                consent=True,
                documents=supporting_documents(tmp_path / "docs", "alice"),
            )
        assert org.sync("alice")[0] == 0
        code = org.invite("zhang", "staff")
        stores = tmp_path / "stores"
        refused = {
            "join.case_taken": standalone_store(stores, "2026-SH-1", "+8613900000001"),
            "one-matter-per-chat": standalone_store(stores, "2026-OLD-2", HANDLE),
            "join.user_taken": standalone_store(
                stores, "2026-OLD-3", "+8613900000003", extra_user="alice"
            ),
            # the same documents as alice's: the files are on record in the organisation
            "join.blob_taken": standalone_store(
                stores, "2026-OLD-5", "+8613900000005", documents="alice"
            ),
        }
        for rule, store in refused.items():
            before = digests(store)
            status, err = _join(org, code, store)
            assert status == 3, (rule, err)
            assert f"rule {rule}" in err or f"[{rule}]" in err or rule in err, (rule, err)
            assert digests(store) == before, rule
            _intact(store)
        # a wrong code: the hub refuses the invitation's key, the store is not even opened
        store = standalone_store(stores, "2026-OLD-4", "+8613900000004")
        before = digests(store)
        status, err = _join(org, "A" * 26, store)
        assert status != 0 and digests(store) == before, err
        # a join cancelled before it is sent (before the store is made, or after it is made
        # and before the hub is asked) leaves nothing behind and enrols nothing
        for asked_before_cancel in (0, 2):
            answers = iter([False] * asked_before_cancel + [True] * 10)
            with pytest.raises(Cancelled):
                sync.join(
                    tmp_path / "cancelled", org.url, org.ca, "zhang", "zhang-password-1", code,
                    cancelled=answers.__next__,
                )  # fmt: skip
            assert not (tmp_path / "cancelled").exists()
        # the invitation is still open: a new store joins with the same code
        org.stores["zhang"] = tmp_path / "zhang"
        status, _out, err = run(
            "join", org.url, "--code", code, "--ca", org.ca, "--user", "zhang",
            "--store", org.stores["zhang"],
        )  # fmt: skip
        assert status == 0, err


def _texts(session: Session, contact_id: str) -> list[str]:
    return [m.text for m in reading.page_at(session, contact_id, 0, 100)]


def test_an_existing_store_joins_with_its_history(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole path: a standalone store with history joins (its first commit fails once
    after the hub accepted: the retry commits the same bytes, no duplicate); it syncs; a
    supervisor on another laptop decides its new request; legal's laptop pulls it and opens its
    pre-organisation case; all three verify INTACT; legal's bundle of that case passes
    verify-bundle, its custody saying which entries came before the join."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("sam", "lee")
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-OLD-9", "+8613900000009")
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            (old,) = contacts.list_contacts(zhang)
            old_digest = zhang.conn.execute(
                "SELECT handle FROM contacts WHERE id = ?", (old.id,)
            ).fetchone()[0]
            size = zhang.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0]
        # the hub accepts, the device's commit fails: the answer is as good as lost
        first_commit_fails(monkeypatch)
        with pytest.raises(OSError):
            join_binding.join_existing_store(
                store, org.url, org.ca, "zhang", "zhang-password-1", code
            )
        assert (store / join_binding.PENDING_FILE).exists()
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            assert zhang.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0] == size
        # the retry: the hub holds the join, the same bytes are committed (exit 0)
        status, err = _join(org, code, store)
        assert status == 0, err
        assert not (store / join_binding.PENDING_FILE).exists()
        org.stores["zhang"] = store
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            actions = [
                str(r[0])
                for r in zhang.conn.execute("SELECT action FROM ledger WHERE seq > ?", (size,))
            ]
            assert actions[:2] == ["device.join", "handle.reindex"], actions
            assert actions.count("device.join") == 1
            # the store's contacts hold the organisation's digests; its case opens unchanged
            (held,) = contacts.list_contacts(zhang)
            assert held.handle == "+8613900000009"
            digest = zhang.conn.execute(
                "SELECT handle FROM contacts WHERE id = ?", (old.id,)
            ).fetchone()[0]
            assert digest == zhang.handle_index("+8613900000009") != old_digest
            assert cases.get_case(zhang, "2026-OLD-9").debtor_name == "陈立新"
            assert "我 1 月 20 号先还 5000" in _texts(zhang, old.id)
            # a new request of the joined device, judged org-wide
            cases.create_case(zhang, "2026-NEW-1", debtor_name="王芳")
            new = contacts.request_contact(
                zhang,
                case_no="2026-NEW-1",
                channel="whatsapp",
                handle="+8613900000010",
                display_name="Wang Fang",
                reason="the debtor added us and asked to talk about repayment",
                consent=True,
                documents=supporting_documents(tmp_path / "docs", "new"),
            )
        assert _sync(org, "zhang") == 0
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            assert new.id in [c.id for c in contacts.list_contacts(sam, status="requested")]
            contacts.approve(sam, new.id, "identity and debt confirmed")
        assert org.sync("sam")[0] == 0
        assert _sync(org, "zhang") == 0
        assert org.sync("lee")[0] == 0
        with Session.open(store, "zhang", "zhang-password-1") as zhang:
            assert contacts.get_contact(zhang, new.id).status == "approved"
        with org.login("lee") as lee:
            # the pre-organisation case opens on legal's laptop: its key domain is zhang's
            # device, its key wrapped for lee by zhang's sync
            assert cases.get_case(lee, "2026-OLD-9").debtor_name == "陈立新"
            assert "我 1 月 20 号先还 5000" in _texts(lee, old.id)
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
            exported = bundle.export_bundle(
                lee, Scope("2026-OLD-9", language="en"), tmp_path / "out", recipient=COURT
            )
            keys = export_org_keys(lee, tmp_path / "org-keys.json")
        for name, password in (("zhang", "zhang-password-1"), ("sam", None), ("lee", None)):
            with Session.open(store, name, password) if password else org.login(name) as session:
                report = verify_store(session, local_anchor=False)
                assert report.intact, (name, [(f.code, f.location) for f in report.errors])
        status, out, err = run("verify-bundle", exported.kit_path, "--org-key", keys.path)
        assert status == 0, (out, err)
        text = "\n".join(pdf_text(p.read_bytes()) for p in exported.pdf_paths)
        custody = "".join(text[text.index("Generated from the tamper-evident ledger") :].split())
        # the joined store's entries name zhang, who joined it, and say they came before
        assert "joinedbyzhangbeforejoiningtheorganisation" in custody, custody[:2000]


def _sync(org: Org, name: str) -> int:
    status, _out, err = run(
        "sync", "--store", org.stores[name], "--user", name, password=f"{name}-password-1"
    )
    assert status == 0, err
    return status


def test_the_hub_judges_again_and_a_refusal_leaves_the_store_as_it_was(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The device's checks pass, then (before the join is sent: the flow's last question,
    ``cancelled``, is where it happens here) a member takes the store's case number on their
    own laptop and syncs. The hub judges the join again and refuses it naming the rule; the
    pending join is removed and every file of the store is as it was."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        code = org.invite("zhang", "staff")
        store = standalone_store(tmp_path / "stores", "2026-RACE-1", "+8613900000011")
        before = digests(store)

        def meanwhile() -> bool:
            with org.login("alice") as alice:
                cases.create_case(alice, "2026-RACE-1", debtor_name="王芳")
            assert org.sync("alice")[0] == 0
            assert (store / join_binding.PENDING_FILE).exists() is False
            return False  # not cancelled: the join is sent now

        with pytest.raises(HubRefused) as refused:
            join_binding.join_existing_store(
                store, org.url, org.ca, "zhang", "zhang-password-1", code, cancelled=meanwhile
            )
        assert "join.case_taken" in str(refused.value) or "case_taken" in str(refused.value.named)
        assert digests(store) == before
        _intact(store)
