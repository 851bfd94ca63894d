"""Redaction on the command line (issue 21 item 5), registered by cli/commands.py.

``redaction-plan --case CASE_NO [--contact ID] --out FILE`` writes the default detectors' plan
for the bundle of that scope, for legal to review and edit; ``bundle --redact FILE`` applies
legal's plan (merged with the defaults unless ``--no-default-redaction``). A plan that cannot
apply is a usage error (exit 2) naming the file, the item and the reason.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from string import Formatter

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.domain.errors import BadInput, UsageError
from evidence_desk.domain.redaction import RedactionError, RedactionPlan, from_json
from evidence_desk.domain.wording import Catalogue, template
from evidence_desk.store.files import atomic_write

Add = Callable[..., argparse.ArgumentParser]

_said = Catalogue(
    {
        "cli.redaction_plan": "{file}: {item}: {reason}",
        "cli.redaction_unreadable": "cannot read the redaction plan: {error}",
        "cli.redaction_written": "wrote the default redaction plan to {file}: {spans} text "
        "spans, {messages} whole messages (review it, then: bundle --redact {file})",
        # why a plan cannot apply (RedactionError codes, domain/redaction.py)
        "redaction.json": "not a redaction plan (line {line}: {reason})",
        "redaction.reason": "unknown reason code {value} (TP, AC, ID, IR, PV or OT)",
        "redaction.origin": "unknown origin {value} (default or legal)",
        "redaction.digest": "{value} is not a SHA-256 in lower-case hex",
        "redaction.number": "{value} is not a whole number of at least 0",
        "redaction.span": "characters {start} to {end} are not inside the message's text",
        "redaction.box": "{value} is not a box [left, top, right, bottom] with area",
        "redaction.unknown": "{value} is not a message or image of this bundle",
    }
)


def _item(error: RedactionError) -> str:
    for key in ("item", "where", "message"):
        if key in error.facts:
            return str(error.facts[key])
    return "-"


def refusal(file: Path, error: RedactionError) -> UsageError:
    """The usage error for a plan that cannot apply: file, item, reason."""
    wording = template(error.code) if error.code in _CODES else None
    if wording is None:
        reason: str = error.code
    else:  # exactly the facts its wording names ("?" for one the error did not give)
        names = {name for _text, name, _spec, _conv in Formatter().parse(wording) if name}
        reason = _said(error.code, **{n: error.facts.get(n, "?") for n in names})
    return UsageError(_said("cli.redaction_plan", file=file, item=_item(error), reason=reason))


_CODES = frozenset(
    {
        "redaction.json",
        "redaction.reason",
        "redaction.origin",
        "redaction.digest",
        "redaction.number",
        "redaction.span",
        "redaction.box",
        "redaction.unknown",
    }
)


def read_plan(file: Path | None) -> RedactionPlan | None:
    """Legal's plan from ``--redact FILE`` (None without one); exit 2 naming what is wrong."""
    if file is None:
        return None
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(str(file), "", _said("cli.redaction_unreadable", error=error)) from None
    try:
        return from_json(text)
    except RedactionError as error:
        raise refusal(file, error) from None


@contextmanager
def plan_applies(file: Path | None) -> Iterator[None]:
    """Turn the service's refusal of a plan that names something outside the bundle into the
    same usage error as a malformed file."""
    try:
        yield
    except RedactionError as error:
        raise refusal(file or Path("-"), error) from None


def cmd_redaction_plan(args: argparse.Namespace) -> int:
    # loaded when used, as the other bundle commands do (the CLI starts without the bundle code)
    from evidence_desk.bundle.model import Scope
    from evidence_desk.services import redaction_defaults

    scope = Scope(args.case, contact_ids=tuple(args.contact))
    with open_session(args) as session:
        plan = redaction_defaults.default_plan(session, scope)
    atomic_write(args.out, plan.to_json().encode("utf-8"))
    facts = {"file": str(args.out), "spans": len(plan.spans), "messages": len(plan.messages)}
    print(json_text(facts) if args.json else _said("cli.redaction_written", **facts))
    return 0


def add_bundle_options(command: argparse.ArgumentParser) -> None:
    """``bundle``'s redaction options."""
    command.add_argument(
        "--redact",
        type=Path,
        default=None,
        metavar="FILE.json",
        help="legal's redaction plan (write one with redaction-plan), merged with the defaults",
    )
    command.add_argument(
        "--no-default-redaction",
        action="store_true",
        help="do not redact third parties' data and account numbers by default (recorded in "
        "the export's ledger entry)",
    )


def add_command(add: Add) -> None:
    """Register ``redaction-plan`` with cli/commands.py's ``add``."""
    command = add(
        "redaction-plan",
        cmd_redaction_plan,
        "write the default redaction plan of a bundle for legal to edit (bundle --redact)",
    )
    command.add_argument("--case", required=True)
    command.add_argument("--contact", action="append", default=[], help="contact id (repeat)")
    command.add_argument("--out", type=Path, required=True, help="the plan file (JSON) to write")
