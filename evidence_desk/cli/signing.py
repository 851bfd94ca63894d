"""The ``signing-ca`` and ``signing-cert`` commands (issue 21 item 1), registered by
cli/commands.py: the PDF signing identities of services/signing_certs.py.

``signing-ca create [--out FILE]`` (admin) creates the organisation's signing CA and prints its
SHA-256; ``--out`` writes its certificate (PEM) for the organisation to publish beside its key
list. ``signing-cert issue --user NAME`` (admin) issues a legal user a certificate under it.
``signing-cert import --p12 FILE`` (legal) imports the user's own PKCS#12; its password comes
from EVIDENCE_DESK_P12_PASSWORD or the terminal, like the login password (cli/common.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence_desk.cli.common import open_session, password_from
from evidence_desk.console import json_text
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import signing_certs
from evidence_desk.store.files import atomic_write

Add = Callable[..., argparse.ArgumentParser]

_said = Catalogue({"signing_cli.unreadable": "cannot read: {error}"})


def _print(args: argparse.Namespace, facts: signing_certs.CertFacts) -> None:
    doc = {
        "sha256": facts.sha256,
        "subject": facts.subject,
        "issuer": facts.issuer,
        "not_after": facts.not_after,
        "ledger_seq": facts.seq,
    }
    if args.json:
        print(json_text(doc))
        return
    for key, value in doc.items():
        print(f"{key}\t{value}")


def cmd_ca_create(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        facts = signing_certs.create_ca(session)
        if args.out is not None:
            atomic_write(args.out, signing_certs.ca_pem(session, facts.sha256).encode("ascii"))
    _print(args, facts)
    return 0


def cmd_cert_issue(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        facts = signing_certs.issue_cert(session, args.for_user)
    _print(args, facts)
    return 0


def cmd_cert_import(args: argparse.Namespace) -> int:
    path: Path = args.p12
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(
            str(path), "", _said("signing_cli.unreadable", error=error.strerror)
        ) from None
    with open_session(args) as session:
        password = password_from("EVIDENCE_DESK_P12_PASSWORD", f"Password of {path.name}: ")
        facts = signing_certs.import_p12(session, data, password)
    _print(args, facts)
    return 0


def add_commands(sub: Any, add: Add) -> None:
    """Register ``signing-ca create`` and ``signing-cert issue|import``."""
    ca = sub.add_parser("signing-ca", help="the organisation's PDF signing CA").add_subparsers(
        dest="signing_ca_command", metavar="ACTION"
    )
    create = add("create", cmd_ca_create, "create the PDF signing CA (admin)", ca)
    create.add_argument(
        "--out", type=Path, default=None, metavar="FILE", help="write its certificate (PEM)"
    )
    cert = sub.add_parser("signing-cert", help="PDF signing certificates").add_subparsers(
        dest="signing_cert_command", metavar="ACTION"
    )
    # ``signing-cert issue --user NAME`` names the holder, so this command has no --user of its
    # own acting user: the admin is given before the command (``evidence-desk --user root
    # signing-cert issue --user lee``) or by EVIDENCE_DESK_USER
    issue = cert.add_parser("issue", help="issue a legal user a certificate (admin)")
    issue.set_defaults(handler=cmd_cert_issue)
    issue.add_argument("--store", type=Path, default=argparse.SUPPRESS, help="store folder")
    issue.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    issue.add_argument(
        "--user", "--for", dest="for_user", required=True, metavar="NAME", help="the legal user"
    )
    imported = add("import", cmd_cert_import, "import your own PKCS#12 (legal)", cert)
    imported.add_argument("--p12", type=Path, required=True, metavar="FILE")
