"""The ``access-log`` command: who read which case's evidence, and when (PI-1).

Kept beside cli/commands.py, which registers it with one call. ``--user NAME`` here *filters*
the log by reader (the issue's contract); the acting user comes from the global ``--user``
before the command (``evidence-desk --user sam access-log --user alice``) or from
EVIDENCE_DESK_USER. Supervisors, auditors and admins only; anyone else: exit 3 naming the
permission ``access_log.read``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.services import access_log


def cmd_access_log(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        rows = access_log.list_reads(
            session, case_no=args.case or None, user=args.reader or None, limit=args.limit
        )
    if args.json:
        print(json_text([row.as_json() for row in rows]))
        return 0
    for row in rows:
        facts = " ".join(f"{key}={value}" for key, value in sorted(row.detail.items()))
        seal = "" if row.sealed else "  (unsealed)"
        print(
            f"{row.seq:>6}  {row.at}  {row.user:<12} {row.case_no:<14} {row.what:<20} "
            f"{row.target}  {facts}".rstrip()
            + seal
        )
    return 0


def add_command(sub: Any) -> None:
    """Register ``access-log`` on the CLI's sub-parsers (its own options, see the module)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--store", type=Path, default=argparse.SUPPRESS, help="store folder")
    options.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    command = sub.add_parser(
        "access-log",
        parents=[options],
        help="who read which case's evidence (supervisors, auditors, admins)",
    )
    command.add_argument("--case", default=None, help="only reads of this case")
    command.add_argument(
        "--user",
        dest="reader",
        default=None,
        help="only reads by this user (the acting user: the global --user or EVIDENCE_DESK_USER)",
    )
    command.add_argument("--limit", type=int, default=10_000, help="the newest N reads")
    command.set_defaults(handler=cmd_access_log)
