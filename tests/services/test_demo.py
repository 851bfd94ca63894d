"""The demo store the README's first command opens: complete, and intact by ``verify``."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import contacts
from evidence_desk.services.demo import DEMO_USERS, ensure_demo_store
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store


def test_the_demo_store_holds_every_kind_of_exhibit_and_verifies(tmp_path: Path) -> None:
    created = ensure_demo_store(tmp_path / "demo")
    assert created.created
    with Session.open(created.path, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
        [contact] = contacts.list_contacts(legal)
        roles = sorted(i.role for i in contacts.contact_items(legal, contact.id))
        assert roles == [
            "chat_export",
            "debt_confirmation",
            "identity_proof",
            "recording",
            "screenshot",
        ]
        report = verify_store(legal)
        assert report.intact, report.errors
    again = ensure_demo_store(tmp_path / "demo")  # the second launch opens it as it is
    assert not again.created
