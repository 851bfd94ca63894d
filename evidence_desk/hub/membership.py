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
from dataclasses import dataclass
from typing import Final

from evidence_desk.integrity import ledger

#: the actions :func:`effects` reads (a push is judged in pieces ending at each of them)
USER_ACTIONS: Final = frozenset({"user.add", "user.reset_password", "user.deactivate"})
#: the X25519 key of a user added before per-case keys (their device adds one later): the hub
#: wraps nothing for it
NO_WRAP_KEY: Final = "0" * 64


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
    """The changes to the hub's users that ``entry`` (accepted) makes."""
    if entry.action not in USER_ACTIONS:
        return []
    body = json.loads(entry.payload)
    user = str(body["user"])
    wrap = str(body.get("wrap_key") or NO_WRAP_KEY)
    if entry.action == "user.add":
        return [Change("add", user, str(body["role"]), str(body["public_key"]), wrap)]
    if entry.action == "user.reset_password":
        return [Change("keys", user, sign_key=str(body["public_key"]), wrap_key=wrap)]
    return [Change("active", user, active=False)]
