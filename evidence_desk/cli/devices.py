"""``hub device list`` and ``hub device retire DEVICE --reason lost|stolen|replaced|left``.

Registered under ``hub`` by cli/hub.py. Both run on a device of the organisation (the admin's
for ``retire``) and sync first, so that the list and the retirement's final size are the
hub's as of now; ``retire`` syncs again to push the retirement (a refusal: exit 3, with the
rule, e.g. ``retire.final_size`` when the laptop pushed in between: run it again).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from evidence_desk.cli.common import open_session
from evidence_desk.console import json_text
from evidence_desk.domain import authority
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import retirement, sync
from evidence_desk.services.session import Session

Add = Callable[..., argparse.ArgumentParser]

_said = Catalogue(
    {
        "cli.device_retired": "retired device {device} ({reason}): its {size} "
        "{size:entry stands|entries stand}, "
        "the hub refuses anything more from it",
        "cli.device_line": "{device}  {user}  {size} {size:entry|entries}",
        "cli.device_line_own": "{device}  {user}  {size} {size:entry|entries}  (this device)",
        "cli.device_line_retired": "{device}  {user}  {size} {size:entry|entries}  retired by "
        "{by} at {at}: "
        "{reason}",
    }
)


def _synced(session: Session) -> None:
    """Push and pull with the hub this store is bound to (a refused push raises)."""
    with sync.client_for(session, sync.binding(session.folder)) as client:
        report = sync.sync(session, client)
    if report.refusal is not None:
        raise report.refusal


def cmd_device_retire(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        _synced(session)
        done = retirement.retire_device(session, args.device, args.reason)
        _synced(session)
    data = {
        "device_id": done.device_id,
        "final_size": done.final_size,
        "reason": done.reason,
        "retired_by": done.retired_by,
        "retired_at": done.retired_at,
    }
    text = _said(
        "cli.device_retired", device=done.device_id, reason=done.reason, size=done.final_size
    )
    print(json_text(data) if args.json else text)
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        if not args.offline:
            _synced(session)
        found = retirement.devices(session)
    data = [
        {
            "device_id": d.device_id,
            "user": d.user,
            "entries": d.entries,
            "this_device": d.own,
            "retired": None
            if d.retired is None
            else {
                "by": d.retired.retired_by,
                "at": d.retired.retired_at,
                "reason": d.retired.reason,
                "final_size": d.retired.final_size,
            },
        }
        for d in found
    ]
    print(json_text(data) if args.json else "\n".join(_line(d) for d in found))
    return 0


def _line(device: retirement.Device) -> str:
    user = device.user or "?"
    facts = {"device": device.device_id, "user": user, "size": device.entries}
    if device.retired is not None:
        r = device.retired
        return _said(
            "cli.device_line_retired", **facts, by=r.retired_by, at=r.retired_at, reason=r.reason
        )
    return _said("cli.device_line_own" if device.own else "cli.device_line", **facts)


def add_commands(hub: argparse._SubParsersAction[argparse.ArgumentParser], add: Add) -> None:
    """Register ``hub device list|retire``."""
    device = hub.add_parser("device", help="the organisation's devices").add_subparsers(
        dest="hub_device_command", metavar="ACTION"
    )
    listing = add(
        "list", cmd_device_list, "the devices this store knows, retired ones marked", device
    )
    listing.add_argument(
        "--offline", action="store_true", help="do not sync first: what this store holds now"
    )
    retire = add(
        "retire", cmd_device_retire, "retire a lost, stolen or replaced laptop (admin)", device
    )
    retire.add_argument("device", metavar="DEVICE", help="the device's id (hub device list)")
    retire.add_argument("--reason", required=True, choices=authority.RETIRE_REASONS)
