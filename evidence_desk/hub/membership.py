"""How an accepted entry changes the organisation's users on the hub.

The hub's ``users`` and ``user_keys`` follow the device ledgers: the same entries that change a
store's ``users`` table (``store.init``'s admin is enrolled by ``hub init``; ``device.join`` by
the join route) change the hub's, in the transaction that appends them, so that a user a
supervisor's device deactivated is refused at their very next request. Only facts the entry's
payload carries are used; the rule table (run by acceptance and by every device's verify)
decides whether the entry was allowed at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Final

from evidence_desk.integrity import ledger

#: the actions :func:`effects` reads (a push is judged in pieces ending at each of them)
USER_ACTIONS: Final = frozenset({"user.add", "user.reset_password", "user.deactivate"})
#: the X25519 key of a user added before per-case keys (their device adds one later): the hub
#: wraps nothing for it
NO_WRAP_KEY: Final = "0" * 64
_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Change:
    """``add`` a user (role, keys), new ``keys`` for one, or their ``active`` flag."""

    kind: str
    user: str
    role: str = ""
    sign_key: str = ""
    wrap_key: str = NO_WRAP_KEY
    active: bool = True


def effects(entry: ledger.Entry) -> list[Change]:
    """The changes to the hub's users that ``entry`` (accepted) makes; ValueError when its
    payload lacks what they need (the push is then refused as ``hub.payload``)."""
    if entry.action not in USER_ACTIONS:
        return []
    body = json.loads(entry.payload)
    user = _text(body, "user")
    wrap = str(body.get("wrap_key") or NO_WRAP_KEY)
    if entry.action == "user.add":
        return [Change("add", user, _text(body, "role"), _key(body, "public_key"), _hex(wrap))]
    if entry.action == "user.reset_password":
        return [Change("keys", user, sign_key=_key(body, "public_key"), wrap_key=_hex(wrap))]
    return [Change("active", user, active=False)]


def _text(body: dict[str, object], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise ValueError(name)
    return value


def is_key(value: object) -> bool:
    """A public key as the hub stores it: 32 bytes in lower-case hex."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def _key(body: dict[str, object], name: str) -> str:
    return _hex(_text(body, name))


def _hex(value: str) -> str:
    if not is_key(value):
        raise ValueError(value)
    return value
