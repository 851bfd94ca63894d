"""Who held which signing key and role at each point of a replayed ledger.

``verify`` replays the users' keys as it goes, and keeps only the current ones. Checks that run
once after the replay (anchors, the time-stamp mirror in store.json) check signatures made at
some earlier point, by a user whose key may have been replaced since (a password reset issues a
new key pair); they ask this history instead. It is built from the payloads the replay already
parsed, with the replay's own rule: a ``put`` on ``users`` merges columns.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class UserState:
    """A user's row as of ledger entry ``seq`` (after it)."""

    seq: int
    role: str | None
    public_key: str | None


@dataclass
class LedgerUsers:
    """Each user's states in ledger order."""

    states: dict[str, list[UserState]] = field(default_factory=dict)

    @classmethod
    def from_replay(
        cls, texts: Sequence[str], payloads: Sequence[Any], rejected: Collection[int] = ()
    ) -> LedgerUsers:
        """From the replayed entries' payload texts and their parsed payloads (same order),
        leaving out the entries that break the rule table (``rejected``): a key swapped in by
        someone not allowed to is never the ledger's key, here as in the replay.

        Only payloads whose text can name the users table are looked into: JSON spells the
        name out or escapes one of its letters (``\\u``), so a substring test in C skips the
        other entries (100k of them in a large store) without missing one the replay applied.
        """
        users = cls()
        for seq, (text, payload) in enumerate(zip(texts, payloads, strict=True), start=1):
            if ("users" not in text and "\\u" not in text) or seq in rejected:
                continue
            rows = payload.get("rows") if isinstance(payload, dict) else None
            if not isinstance(rows, list):
                continue
            for change in rows:
                if isinstance(change, dict) and change.get("table") == "users":
                    users._apply(seq, change)
        return users

    def _apply(self, seq: int, change: dict[str, Any]) -> None:
        row = change.get("row")
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            return  # malformed: the replay reports it
        history = self.states.setdefault(row["name"], [])
        if change.get("op") == "delete":
            history.append(UserState(seq, None, None))
            return
        before = history[-1] if history else UserState(0, None, None)
        role = row.get("role", before.role)
        key = row.get("public_key", before.public_key)
        history.append(
            UserState(
                seq,
                role if isinstance(role, str) else None,
                key if isinstance(key, str) else None,
            )
        )

    def at(self, name: str, seq: int) -> UserState | None:
        """The user's row once entry ``seq`` was applied (None before their first entry)."""
        history = self.states.get(name, [])
        index = bisect.bisect_right([s.seq for s in history], seq)
        return history[index - 1] if index else None

    def key_at(self, name: str, seq: int) -> str | None:
        state = self.at(name, seq)
        return None if state is None else state.public_key

    def keys(self, name: str) -> list[str]:
        """Every key the ledger ever gave ``name``, oldest first."""
        found: list[str] = []
        for state in self.states.get(name, []):
            if state.public_key is not None and state.public_key not in found:
                found.append(state.public_key)
        return found

    def known(self, name: str) -> bool:
        return bool(self.keys(name))
