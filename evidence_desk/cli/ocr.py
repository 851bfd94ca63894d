"""The ``ocr`` and ``crosscheck`` commands (issue 22), registered by cli/commands.py.

``ocr [--contact ID | --item ITEM_ID]`` reads the screenshots not read yet (all the user may
read, one contact's, or one item) and prints one line per screenshot read. ``crosscheck
--contact ID`` prints, per screenshot, each bubble's verdict and the export messages the
screenshot skips; exit 1 when any bubble differs or is not in the export, a message is skipped
or a screenshot is not read yet, 0 when every bubble matched (docs/CLI.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.domain.wording import plural_form
from evidence_desk.services import ocr, screenshot_check

Add = Callable[..., argparse.ArgumentParser]


def cmd_ocr(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        done = ocr.read_pending(session, contact_id=args.contact, item_id=args.item)
    if args.json:
        print(json_text([outcome.as_json() for outcome in done]))
        return 0
    for outcome in done:
        print(
            f"{outcome.item_id}\t{outcome.contact_id}\t{outcome.lines} lines\t"
            f"sha256 {outcome.results_sha256}\tseq {outcome.seq}"
        )
    print(f"{len(done)} {plural_form(len(done), 'screenshot', 'screenshots')} read")
    return 0


def cmd_crosscheck(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        reports = screenshot_check.check_contact(session, args.contact)
    clean = all(report.clean for report in reports)
    if args.json:
        print(json_text([report.as_json() for report in reports]))
        return 0 if clean else 1
    for report in reports:
        print(_text(report.as_json()))
    shots = plural_form(len(reports), "screenshot", "screenshots")
    print(f"{len(reports)} {shots}: " + ("every bubble matched" if clean else "differences"))
    return 0 if clean else 1


def _text(report: dict[str, Any]) -> str:
    lines = [f"screenshot {report['item']}"]
    if not report["read"]:
        lines.append("  not read yet: run `evidence-desk ocr --item " + report["item"] + "`")
        return "\n".join(lines)
    lines[0] += f" ({report['layout']}, title {report['title']})"
    for bubble in report["bubbles"]:
        where = f" message {bubble['message_id']}" if "message_id" in bubble else ""
        lines.append(f"  {bubble['status']:<13} {bubble['side']:<4} {bubble['text']}{where}")
        if bubble["status"] == "differs":
            marked = bubble.get("marked")
            if marked:
                lines.append(f"      screenshot: {marked['screenshot']}")
                lines.append(f"      export:     {marked['export']}")
            lines.append(f"      differs in: {', '.join(bubble.get('reasons', []))}")
    for message in report["skipped_export_messages"]:
        lines.append(
            f"  skipped       {message['side']:<4} {message['text']} "
            f"message {message['message_id']} ({message['time']})"
        )
    return "\n".join(lines)


def add_commands(add: Add) -> None:
    """Register ``ocr`` and ``crosscheck`` with cli/commands.py's ``add``."""
    read = add("ocr", cmd_ocr, "read screenshots not read yet (offline OCR)")
    which = read.add_mutually_exclusive_group()
    which.add_argument("--contact", default=None, help="only this contact's screenshots")
    which.add_argument("--item", default=None, help="only this screenshot item")
    check = add(
        "crosscheck",
        cmd_crosscheck,
        "check each screenshot of a contact against its export (exit 1: differences)",
    )
    check.add_argument("--contact", required=True)
