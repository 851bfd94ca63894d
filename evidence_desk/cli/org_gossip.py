"""``org gossip export|import``: the organisation checkpoints a device was shown, carried to
another device outside the hub (services/org_gossip.py), registered by cli/commands.py.

``org gossip export --out FILE`` writes the device's newest kept checkpoint and the witnesses'
cosignatures it checked, signed by the user. ``org gossip import FILE`` holds each to this
device's own history: exit 1 (``org_checkpoint.split_view``, both checkpoints named) when the
hub showed the other device another history, exit 4 for a file that is not one or was altered.
Neither asks the hub.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.services import org_gossip

Add = Callable[..., argparse.ArgumentParser]


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json_text(data) if args.json else text)


def cmd_gossip_export(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        done = org_gossip.export(session, args.out, session.now())
    _emit(
        args,
        {"path": str(done.path), "checkpoint": done.checkpoint, "witnesses": done.witnesses},
        f"wrote checkpoint {done.checkpoint} and the cosignatures of "
        f"{', '.join(done.witnesses) or 'no witness'} to {done.path}",
    )
    return 0


def cmd_gossip_import(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        found = org_gossip.import_file(session, args.file)
    lines = [f"from {found.sender}" + ("" if found.sender_verified else " (key not known here)")]
    lines += [f"checked against this device's history: {n}" for n in found.checked]
    lines += [f"to be checked at the next sync: {n}" for n in found.pending]
    lines += [f"cosignature proves nothing here (unknown key): {n}" for n in found.skipped]
    _emit(args, found.as_json(), "\n".join(lines))
    return 0


def add_commands(sub: Any, add: Add) -> None:
    """Register ``org gossip export|import`` with cli/commands.py's ``add``."""
    org = sub.add_parser("org", help="the organisation's checkpoints").add_subparsers(
        dest="org_command", metavar="ACTION"
    )
    gossip = org.add_parser(
        "gossip", help="exchange organisation checkpoints between devices, outside the hub"
    ).add_subparsers(dest="gossip_command", metavar="ACTION")
    export = add("export", cmd_gossip_export, "write the checkpoints this device was shown", gossip)
    export.add_argument("--out", type=Path, required=True, help="the file to write")
    take = add(
        "import",
        cmd_gossip_import,
        "check another device's checkpoints against this device's history",
        gossip,
    )
    take.add_argument("file", type=Path, help="a file written by org gossip export")
