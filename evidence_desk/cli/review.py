"""CLI commands for review and the conduct self-check: tag, untag, tags, search, check, ack.

Kept beside cli/commands.py (which registers them with one call) so that the review commands can
grow without touching the shared parser. Same contract as every command (cli.md): 0 done, 1 the
conduct check found open findings (like verify finding problems), 2 usage, 3 refused by a rule
or permission, 4 bad input.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import conduct, ocr_search, review

Handler = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]

_ARROWS = {"out": "→", "in": "←", "system": "·"}

# What these commands print around the services' own (coded) sentences: English, as cli.md
# fixes it; the codes let translations.say word them in another language.
_said = Catalogue(
    {
        "cli_review.tag_target": "tag: give a MESSAGE_ID or --item ITEM_ID (one of them)",
        "cli_review.message": "message {message_id}",
        "cli_review.item": "item {item_id}",
        "cli_review.note": "note: {note}",
        "cli_review.tag_removed": "[removed by {removed_by} at {removed_at}: {note}]",
        "cli_review.tagged": "tagged: {tag}",
        "cli_review.untagged": "removed: {tag}",
        "cli_review.messages_found": "{count} {count:message|messages}",
        "cli_review.screenshots_found": "{count} {count:screenshot|screenshots} by their OCR "
        "text (not messages)",
        "cli_review.at_message": "message {message_id} ({sent_at})",
        "cli_review.at_contact": "contact",
        "cli_review.at_screenshot": "screenshot {item}, bubble {bubble}",
        "cli_review.acknowledged_by": "acknowledged by {acked_by} at {acked_at}: {note}",
        "cli_review.findings": "{count} {count:finding|findings}, {open} open; {parameters}",
        "cli_review.acknowledged": "acknowledged {finding} ({rule}) by {acked_by}: {note}",
    }
)


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json_text(data))
    elif text:
        print(text)


def _tag_line(tag: review.Tag) -> str:
    target = (
        _said("cli_review.message", message_id=tag.message_id)
        if tag.target_kind == "message"
        else _said("cli_review.item", item_id=tag.item_id)
    )
    line = f"{tag.id}  {tag.case_no} {tag.contact_id} {target}  {tag.tag} ({tag.label_zh})"
    if tag.note:
        line += "  " + _said("cli_review.note", note=tag.note)
    if not tag.active:
        removed = _said(
            "cli_review.tag_removed",
            removed_by=tag.removed_by,
            removed_at=tag.removed_at,
            note=tag.remove_note or "-",
        )
        line += "  " + removed
    return line


def cmd_tag(args: argparse.Namespace) -> int:
    if (args.message is None) == (args.item is None):
        raise UsageError(_said("cli_review.tag_target"))
    with open_session(args) as session:
        if args.item is not None:
            tag = review.tag_item(session, args.item, args.tag, args.note)
        else:
            tag = review.tag_message(session, args.message, args.tag, args.note)
    _emit(args, tag.as_json(), _said("cli_review.tagged", tag=_tag_line(tag)))
    return 0


def cmd_untag(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        tag = review.untag(session, args.tag_id, args.note)
    _emit(args, tag.as_json(), _said("cli_review.untagged", tag=_tag_line(tag)))
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        found = review.list_tags(
            session,
            case_no=args.case,
            contact_id=args.contact,
            tag=args.tag,
            include_removed=args.all,
        )
    _emit(args, [t.as_json() for t in found], "\n".join(_tag_line(t) for t in found))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        hits = review.search(
            session,
            args.text,
            tag=args.tag,
            sender=args.sender,
            direction=args.direction,
            date_from=args.date_from,
            date_to=args.date_to,
            contact_id=args.contact,
            case_no=args.case,
            limit=args.limit,
        )
        # a plain text search also finds screenshots by the words OCR read in them (issue 22);
        # the other filters describe messages, which a screenshot's text is not
        shots = []
        plain = not any((args.tag, args.sender, args.direction, args.date_from, args.date_to))
        if args.text and plain:
            shots = ocr_search.search(
                session, args.text, contact_id=args.contact, case_no=args.case, limit=args.limit
            )
    lines = [
        f"#{h.message_id}  {h.sent_at}  {h.case_no} {h.contact_id}  "
        f"{_ARROWS.get(h.direction, '?')} {h.sender}: {h.text}"
        + (f"  [{', '.join(h.tags)}]" if h.tags else "")
        for h in hits
    ]
    lines.append(_said("cli_review.messages_found", count=len(hits)))
    if shots:
        lines += [
            f"[OCR] {s.item_id}  {s.added_at}  {s.case_no} {s.contact_id}  {s.file_name}: "
            + " / ".join(s.lines)
            for s in shots
        ]
        lines.append(_said("cli_review.screenshots_found", count=len(shots)))
    found = [h.as_json() for h in hits] + [s.as_json() for s in shots]
    _emit(args, found, "\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        result = conduct.report(
            session,
            args.case,
            contact_id=args.contact,
            date_from=args.date_from,
            date_to=args.date_to,
            lexicon_file=args.lexicon,
        )
    lines = []
    for f in result.findings:
        if f.screenshot is not None:  # one of our bubbles in a screenshot, numbered from 1
            shot = f.screenshot
            where = _said("cli_review.at_screenshot", item=shot.item_id, bubble=shot.bubble + 1)
        elif f.message_id:
            where = _said("cli_review.at_message", message_id=f.message_id, sent_at=f.sent_at)
        else:
            where = _said("cli_review.at_contact")
        lines.append(
            f"{f.rule:<16} {f.id}  {f.case_no} {f.contact_id} {where}: {f.title}: {f.detail}"
        )
        if f.acknowledged:
            acked = _said(
                "cli_review.acknowledged_by",
                acked_by=f.acked_by,
                acked_at=f.acked_at,
                note=f.ack_note,
            )
            lines.append(f"{'':16} {acked}")
    lines += [_said("cli_review.note", note=n) for n in result.notes]
    lines.append(
        _said(
            "cli_review.findings",
            count=len(result.findings),
            open=len(result.open_findings),
            # setting names and values, as the JSON's "parameters" holds them
            parameters=", ".join(f"{k} {v}" for k, v in result.parameters.items() if v),
        )
    )
    _emit(args, result.as_json(), "\n".join(lines))
    return 1 if result.open_findings else 0


def cmd_ack(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        finding = conduct.acknowledge(
            session, args.finding_id, args.note, lexicon_file=args.lexicon
        )
    _emit(
        args,
        finding.as_json(),
        _said(
            "cli_review.acknowledged",
            finding=finding.id,
            rule=finding.rule,
            acked_by=finding.acked_by,
            note=finding.ack_note,
        ),
    )
    return 0


def add_commands(add: AddCommand) -> None:
    """Register the review commands through cli.build_parser's ``add`` helper."""
    tag = add("tag", cmd_tag, "tag a message (or --item) as key evidence, or add a note")
    tag.add_argument("message", nargs="?", type=int, help="message id (from search)")
    tag.add_argument("--item", help="an evidence item id instead of a message")
    tag.add_argument("--tag", required=True, choices=list(review.TAGS))
    tag.add_argument("--note", default="", help="free text (required for --tag note)")

    untag = add("untag", cmd_untag, "withdraw a tag (recorded, never erased)")
    untag.add_argument("tag_id")
    untag.add_argument("--note", default="", help="why it is withdrawn")

    tags = add("tags", cmd_tags, "list tags")
    tags.add_argument("--case")
    tags.add_argument("--contact")
    tags.add_argument("--tag", choices=list(review.TAGS))
    tags.add_argument("--all", action="store_true", help="include removed tags")

    search = add("search", cmd_search, "search messages by text, tag, sender, date, contact, case")
    search.add_argument("text", nargs="?", default=None, help="text to find (Chinese too)")
    search.add_argument("--tag", choices=list(review.TAGS))
    search.add_argument("--sender", help="sender name or account (part of it)")
    search.add_argument("--direction", choices=["in", "out", "system"])
    search.add_argument("--from", dest="date_from", help="first local date, YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", help="last local date (inclusive)")
    search.add_argument("--contact")
    search.add_argument("--case")
    search.add_argument("--limit", type=int, default=1000)

    check = add("check", cmd_check, "collection-conduct self-check (exit 1: open findings)")
    check.add_argument("--case")
    check.add_argument("--contact")
    check.add_argument("--from", dest="date_from", help="first local date, YYYY-MM-DD")
    check.add_argument("--to", dest="date_to", help="last local date (inclusive)")
    check.add_argument(
        "--lexicon", type=Path, help="JSON lexicon categories replacing the stored ones, this run"
    )

    ack = add("ack", cmd_ack, "acknowledge a conduct finding with a note (supervisor, legal)")
    ack.add_argument("finding_id")
    ack.add_argument("--note", required=True)
    ack.add_argument("--lexicon", type=Path, help="as given to the check that showed it")
