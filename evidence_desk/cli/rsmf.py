"""The ``rsmf`` command (issue 21 item 6), registered by cli/commands.py.

``rsmf --case CASE_NO [--contact ID] --out FILE.rsmf`` writes the case's conversations (or one
contact's) as Relativity Short Message Format 2.0 for a law firm's e-discovery platform. It is
a disclosure like a court bundle: the same recipient options (PIPL arts. 55-56), recorded as a
processing record and a ``bundle.export`` entry (services/rsmf_export.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from evidence_desk.bundle.model import Scope
from evidence_desk.cli.common import open_session
from evidence_desk.cli.pipl import add_recipient_options
from evidence_desk.console import json_text
from evidence_desk.domain.pipl import Recipient
from evidence_desk.domain.wording import plural_form
from evidence_desk.services import rsmf_export

Add = Callable[..., argparse.ArgumentParser]


def cmd_rsmf(args: argparse.Namespace) -> int:
    recipient = Recipient(
        args.recipient_kind, args.recipient, args.purpose, args.basis, args.basis_note
    )
    scope = Scope(args.case, contact_ids=tuple(args.contact))
    with open_session(args) as session:
        result = rsmf_export.export_rsmf(session, scope, args.out, recipient=recipient)
    if args.json:
        print(
            json_text(
                {
                    "path": str(result.path),
                    "bundle_id": result.bundle_id,
                    "sha256": result.sha256,
                    "manifest_sha256": result.manifest_sha256,
                    "conversations": result.conversations,
                    "events": result.events,
                    "attachments": result.attachments,
                    "ledger_seq": result.ledger_seq,
                    "processing_record": result.processing_record_id,
                }
            )
        )
        return 0
    print(
        f"rsmf {result.path}: {result.conversations} "
        f"{plural_form(result.conversations, 'conversation', 'conversations')}, {result.events} "
        f"{plural_form(result.events, 'event', 'events')}, {result.attachments} "
        f"{plural_form(result.attachments, 'attachment', 'attachments')}\n"
        f"sha256 {result.sha256} (manifest {result.manifest_sha256})\n"
        f"recorded as ledger entry {result.ledger_seq}, with processing record "
        f"{result.processing_record_id} (PIPL arts. 55-56)"
    )
    return 0


def add_command(add: Add) -> None:
    """Register ``rsmf`` with cli/commands.py's ``add``."""
    command = add("rsmf", cmd_rsmf, "write the case's conversations as RSMF 2.0 (e-discovery)")
    command.add_argument("--case", required=True)
    command.add_argument("--contact", action="append", default=[], help="contact id (repeat)")
    command.add_argument("--out", type=Path, required=True, help="the .rsmf file to write")
    add_recipient_options(command)  # PIPL arts. 55-56: recipient, purpose, basis
