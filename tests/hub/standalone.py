"""A standalone store with history, as a company has before it runs a hub: the one builder the
join tests (join with history, join of an existing store, paged joins, the join dialog) share,
so a store that joins is made the same way everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.models import Role
from evidence_desk.services import cases, contacts, importing, users
from evidence_desk.services.session import Session
from tests.helpers import FAST_KDF, insider_code, supporting_documents
from tests.insider import approval

ZHANG = "zhang-password-1"
WANG = "wang-password-1"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)


def standalone_store(
    folder: Path,
    case_no: str,
    handle: str,
    *,
    chat: bool = True,
    extra_user: str = "",
    documents: str = "",
    self_approved: bool = False,
) -> Path:
    """A standalone store in ``folder``: boss (admin), zhang (staff), wang (supervisor) and
    ``extra_user`` (staff) if given; zhang's case ``case_no`` with a contact on ``handle``
    that wang approved (or, ``self_approved``, requested by wang and approved by himself
    around the rules: an insider's self-approval), its documents tagged ``documents`` (the
    case number by default, so they are the store's own files), and, with ``chat``, a chat
    zhang imported."""
    path = folder / f"s-{case_no}"
    with Session.create_store(path, "boss", "boss-password-1", kdf=FAST_KDF) as boss:
        users.add_user(boss, "zhang", Role.STAFF, ZHANG, kdf=FAST_KDF)
        users.add_user(boss, "wang", Role.SUPERVISOR, WANG, kdf=FAST_KDF)
        if extra_user:
            users.add_user(boss, extra_user, Role.STAFF, "other-password-1", kdf=FAST_KDF)
    requester, password = ("wang", WANG) if self_approved else ("zhang", ZHANG)
    with Session.open(path, requester, password) as session:
        cases.create_case(session, case_no, debtor_name="陈立新")
        contact = contacts.request_contact(
            session,
            case_no=case_no,
            channel="whatsapp",
            handle=handle,
            display_name="Chen Lixin",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=supporting_documents(folder / f"docs-{case_no}", documents or case_no),
        )
    with Session.open(path, "wang", WANG) as wang:
        if self_approved:
            payload, rows = approval(wang, contact.id)
            with insider_code():
                wang.write("contact.approve", payload, rows)
        else:
            contacts.approve(wang, contact.id, "identity and debt confirmed")
    if chat:
        export = folder / f"chat-{case_no}.txt"
        export.write_text(CHAT, encoding="utf-8")
        with Session.open(path, "zhang", ZHANG) as zhang:
            importing.import_files(zhang, contact.id, [export], tz="Asia/Shanghai")
    return path


def first_commit_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The device's next ``Session.append_signed`` raises once (the disk gone at the worst
    moment: after the hub accepted a join, before the store committed it); later ones commit."""
    real = Session.append_signed
    failures = iter([True])

    def fail_once(self: Session, *args: Any, **kwargs: Any) -> Any:
        if next(failures, False):
            raise OSError("disk gone at the worst moment")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Session, "append_signed", fail_once)
