"""What every command uses: the store and the logged-in session from the arguments.

Its own module so that the command modules (``commands``, ``review``) share it without
importing each other.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.session import Session
from evidence_desk.store import location


def default_store() -> Path:
    """The store used without ``--store``: EVIDENCE_DESK_STORE, else the OS user's data folder."""
    env = os.environ.get("EVIDENCE_DESK_STORE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "EvidenceDesk" / "store"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "evidence-desk" / "store"


_said = Catalogue(
    {
        "cli.no_password": "no password: set {env} or run in a terminal to be prompted",
        "cli.no_user": "no user: pass --user NAME or set EVIDENCE_DESK_USER",
    }
)


def password_from(env: str, prompt: str) -> str:
    """A password from the environment variable ``env``, else asked in the terminal."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(_said("cli.no_password", env=env))
    return getpass.getpass(prompt)


def user_name(args: argparse.Namespace) -> str:
    """The acting user: ``--user``, else EVIDENCE_DESK_USER."""
    user = args.user or os.environ.get("EVIDENCE_DESK_USER")
    if not user:
        raise UsageError(_said("cli.no_user"))
    return str(user)


def open_session(args: argparse.Namespace) -> Session:
    """Log the acting user into the store the arguments name (every command that reads or
    writes a store starts here)."""
    user = user_name(args)
    session = Session.open(
        args.store, user, password_from("EVIDENCE_DESK_PASSWORD", f"Password for {user}: ")
    )
    # a store in a sync folder or on network storage still opens, with the reason on stderr
    place = location.classify(args.store)
    why, warning = location.reason(args.store, place), location.open_warning(args.store, place)
    if why is not None and warning is not None:
        print(f"warning [{why.code}]: {warning}", file=sys.stderr)
    return session
