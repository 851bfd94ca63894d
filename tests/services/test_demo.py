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


def test_the_product_demo_queues_its_stamps_and_the_checkout_stamps_it_once(
    tmp_path: Path,
) -> None:
    from evidence_desk.services import timestamps
    from evidence_desk_testing.demo_tsa import DEMO_TSA_NAME, stamp_demo_store

    demo = ensure_demo_store(tmp_path / "demo")
    admin, password = "admin", DEMO_USERS["admin"][1]
    with Session.open(demo.path, admin, password) as session:
        assert timestamps.list_authorities(session) == []  # the product ships no TSA
        assert timestamps.status(session).stamped_size == 0  # its checkpoints queue
    outcome = stamp_demo_store(demo.path)  # what `python3 tasks.py app` runs from a checkout
    assert outcome is not None and outcome.stamped and outcome.tsa_name == DEMO_TSA_NAME
    with Session.open(demo.path, admin, password) as session:
        stamped = timestamps.status(session)
        assert stamped.stamped_size > 0 and stamped.newest_gen_time is not None
        report = verify_store(session)
        assert report.intact, report.errors
    assert stamp_demo_store(demo.path) is None  # the next launch leaves it as it is
