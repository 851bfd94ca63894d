"""PIPL records on the command line: the export's recipient options, ``processing-records``
and ``breach add|list|notice`` (arts. 55-57).

Kept beside cli/commands.py, which registers them with one call and gives ``bundle`` the
recipient options. An export must say who receives it, why and on which basis (the issue: the
export *asks*), so the options are required: a bundle without them is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.domain import pipl
from evidence_desk.services import breaches, processing_records


def add_recipient_options(command: argparse.ArgumentParser) -> None:
    """``bundle``'s options for the processing record (all required but the note)."""
    command.add_argument(
        "--recipient-kind",
        required=True,
        choices=pipl.RECIPIENT_KINDS,
        help="who receives the bundle (processing record, PIPL arts. 55-56)",
    )
    command.add_argument("--recipient", required=True, help="the recipient's name")
    command.add_argument("--purpose", required=True, help="why it is provided")
    command.add_argument(
        "--basis",
        required=True,
        choices=pipl.LEGAL_BASES,
        help="legal basis, PIPL art. 13(1)-(7) in order",
    )
    command.add_argument(
        "--basis-note", default="", help="the basis in your words (required with other_law)"
    )


def cmd_processing_records(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        records = processing_records.list_records(session, args.case or None)
    if args.json:
        print(json_text([r.as_json() for r in records]))
        return 0
    for r in records:
        print(
            f"{r.id}  {r.recorded_at}  {r.case_no:<14} {r.bundle_id}  "
            f"{r.recipient_kind}:{r.recipient_name}  basis={r.legal_basis}  risk={r.risk_level}  "
            f"by {r.recorded_by}  kept until {r.retain_until}"
        )
        print(f"    purpose: {r.purpose}")
        print(
            f"    categories: {', '.join(r.data_categories)}"
            f" (sensitive: {', '.join(r.sensitive_categories) or '-'})"
        )
    return 0


def cmd_breach_add(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        report = breaches.BreachReport(
            kind=args.kind,
            cause=args.cause,
            harms=args.harm,
            remedies=args.remedy,
            advice=args.advice,
            contact_name=args.contact_name,
            contact_phone=args.contact_phone,
            cases_affected=args.cases,
            people_affected=args.people,
            discovered_at=breaches.instant(session, args.discovered_at),
            cause_note=args.cause_note,
            harm_note=args.harm_note,
            remedy_note=args.remedy_note,
        )
        record = breaches.add(session, report)
    if args.json:
        print(json_text(record.as_json()))
    else:
        print(f"breach record {record.id} filed by {record.filed_by} at {record.filed_at}")
        print(f"print the notice: evidence-desk breach notice {record.id} [--lang en]")
    return 0


def cmd_breach_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        records = breaches.list_records(session)
    if args.json:
        print(json_text([r.as_json() for r in records]))
        return 0
    for r in records:
        print(
            f"{r.id}  {r.filed_at}  {r.kind:<20} cause={r.cause}  cases={r.cases_affected}  "
            f"people={r.people_affected}  by {r.filed_by}"
        )
    return 0


def cmd_breach_notice(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        record = breaches.get(session, args.id)
    text = breaches.notice(record, args.lang)
    if args.json:
        print(json_text({"id": record.id, "language": args.lang, "notice": text}))
    else:
        print(text)
    return 0


Add = Callable[..., argparse.ArgumentParser]


def add_commands(sub: Any, add: Add) -> None:
    """Register ``processing-records`` and ``breach`` (``add`` is commands.build_parser's)."""
    records = add(
        "processing-records",
        cmd_processing_records,
        "processing records of exports, PIPL arts. 55-56 (legal, admins, auditors)",
    )
    records.add_argument("--case", default=None, help="only this case's records")

    breach = sub.add_parser(
        "breach", help="breach records and notices, PIPL art. 57 (admins file)"
    ).add_subparsers(dest="breach_command", metavar="ACTION")
    filed = add("add", cmd_breach_add, "file a breach record (admin)", breach)
    filed.add_argument("--kind", required=True, choices=pipl.BREACH_KINDS)
    filed.add_argument("--cause", required=True, choices=pipl.BREACH_CAUSES)
    filed.add_argument("--cause-note", default="", help="the cause in your words")
    filed.add_argument(
        "--harm", action="append", required=True, choices=pipl.BREACH_HARMS, help="(repeat)"
    )
    filed.add_argument("--harm-note", default="", help="the possible harm in your words")
    filed.add_argument(
        "--remedy", action="append", required=True, choices=pipl.BREACH_REMEDIES, help="(repeat)"
    )
    filed.add_argument("--remedy-note", default="", help="the remedies in your words")
    filed.add_argument(
        "--advice",
        action="append",
        default=[],
        choices=pipl.BREACH_ADVICE,
        help="what the people concerned can do (repeat)",
    )
    filed.add_argument("--contact-name", required=True, help="whom to contact")
    filed.add_argument("--contact-phone", required=True, help="their telephone")
    filed.add_argument("--cases", type=int, required=True, help="cases affected")
    filed.add_argument("--people", type=int, required=True, help="people affected (about)")
    filed.add_argument(
        "--discovered-at",
        required=True,
        help="when it was discovered: YYYY-MM-DD HH:MM (the store's time zone) or with an offset",
    )
    add("list", cmd_breach_list, "list breach records (legal, admins, auditors)", breach)
    notice = add("notice", cmd_breach_notice, "print a breach record's notice text", breach)
    notice.add_argument("id")
    notice.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
