"""The command line: a thin layer that parses input, calls one service, prints the result.

Exit codes (cli.md): 0 done / intact; 1 verification found problems (or the store cannot be
used); 2 usage error; 3 refused by a rule or a permission; 4 bad input. A refused or failed
command changes nothing, because every service call is one transaction.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evidence_desk import __version__
from evidence_desk.domain.errors import EvidenceDeskError, UsageError
from evidence_desk.domain.models import Role
from evidence_desk.services import users as user_service
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log, verify_store

Handler = Callable[[argparse.Namespace], int]


def default_store() -> Path:
    env = os.environ.get("EVIDENCE_DESK_STORE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "EvidenceDesk" / "store"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "evidence-desk" / "store"


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"no password: set {env} or run in a terminal to be prompted")
    return getpass.getpass(prompt)


def _user(args: argparse.Namespace) -> str:
    user = args.user or os.environ.get("EVIDENCE_DESK_USER")
    if not user:
        raise UsageError("no user: pass --user NAME or set EVIDENCE_DESK_USER")
    return str(user)


def open_session(args: argparse.Namespace) -> Session:
    user = _user(args)
    return Session.open(
        args.store, user, _password("EVIDENCE_DESK_PASSWORD", f"Password for {user}: ")
    )


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)


# -- commands -----------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    password = _password("EVIDENCE_DESK_PASSWORD", f"New password for {args.admin}: ")
    with Session.create_store(args.store, args.admin, password) as session:
        _emit(
            args,
            {"store": str(args.store), "store_id": session.folder.store_id, "admin": args.admin},
            f"created store {args.store} (id {session.folder.store_id}) with admin {args.admin}",
        )
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    password = _password("EVIDENCE_DESK_NEW_PASSWORD", f"Password for new user {args.name}: ")
    with open_session(args) as session:
        user = user_service.add_user(session, args.name, Role(args.role), password)
    _emit(
        args,
        {"name": user.name, "role": user.role.value, "public_key": user.public_key},
        f"added {user.role.value} {user.name}",
    )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        people = user_service.list_users(session)
    rows = [{"name": u.name, "role": u.role.value, "active": u.active} for u in people]
    _emit(
        args,
        rows,
        "\n".join(
            f"{u.name}\t{u.role.value}\t{'active' if u.active else 'inactive'}" for u in people
        ),
    )
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    password = _password("EVIDENCE_DESK_NEW_PASSWORD", f"New password for {args.name}: ")
    with open_session(args) as session:
        user_service.reset_password(session, args.name, password)
    _emit(
        args, {"name": args.name, "reset": True}, f"password of {args.name} reset, new key issued"
    )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        entries = list(iter_log(session, since=args.since))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "seq": e.seq,
                        "at": e.at,
                        "actor": e.actor,
                        "action": e.action,
                        "payload": json.loads(e.payload),
                        "prev_hash": e.prev_hash,
                        "entry_hash": e.entry_hash,
                        "signature": e.signature,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for e in entries:
            print(f"{e.seq:>6}  {e.at}  {e.actor:<12} {e.action:<24} {e.entry_hash[:16]}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        report = verify_store(session)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            severity = finding.severity.upper()
            print(f"{severity:7} {finding.code:<24} {finding.location}: {finding.detail}")
        verdict = "INTACT" if report.intact else f"PROBLEMS FOUND ({len(report.errors)})"
        print(
            f"{verdict}: {report.entries} entries, {report.checkpoints} checkpoints, "
            f"{report.blobs} originals ({report.blob_bytes} bytes) checked"
        )
    return 0 if report.intact else 1


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: options may stand before or after the command without one hiding the other.
    common.add_argument("--store", type=Path, default=argparse.SUPPRESS, help="store folder")
    common.add_argument(
        "--user", default=argparse.SUPPRESS, help="user name (default: EVIDENCE_DESK_USER)"
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = argparse.ArgumentParser(prog="evidence-desk", parents=[common])
    parser.add_argument("--version", action="version", version=f"evidence-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Handler, help_text: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = parent.add_parser(name, parents=[common], help=help_text)
        command.set_defaults(handler=handler)
        return command

    init = add("init", cmd_init, "create an empty store with its first admin")
    init.add_argument("--admin", required=True)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", metavar="ACTION"
    )
    user_add = add("add", cmd_user_add, "add a user", user)
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add("list", cmd_user_list, "list users", user)
    reset = add("reset-password", cmd_user_reset, "reset a user's password (admin)", user)
    reset.add_argument("name")

    log = add("log", cmd_log, "show the ledger")
    log.add_argument("--since", type=int, default=1)
    add("verify", cmd_verify, "check the whole store")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    args.store = getattr(args, "store", None) or default_store()
    args.user = getattr(args, "user", None)
    args.json = getattr(args, "json", False)
    try:
        return int(args.handler(args))
    except EvidenceDeskError as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted: nothing was changed", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
