"""How accepted entries change the hub's users (no database: the payloads alone)."""

from __future__ import annotations

import json

import pytest

from evidence_desk.hub import membership
from evidence_desk.integrity import ledger

KEY, WRAP = "ab" * 32, "cd" * 32


def _entry(action: str, body: dict[str, object]) -> ledger.Entry:
    return ledger.Entry(3, "at", "root", action, json.dumps(body), "p", "q", "e", "s")


def test_user_entries_become_changes_of_the_hubs_users() -> None:
    added = membership.effects(
        _entry("user.add", {"user": "sam", "role": "supervisor", "public_key": KEY})
    )
    assert added == [membership.Change("add", "sam", "supervisor", KEY, membership.NO_WRAP_KEY)]
    reset = _entry("user.reset_password", {"user": "sam", "public_key": KEY, "wrap_key": WRAP})
    assert membership.effects(reset) == [
        membership.Change("keys", "sam", sign_key=KEY, wrap_key=WRAP)
    ]
    gone = membership.effects(_entry("user.deactivate", {"user": "sam"}))
    assert gone == [membership.Change("active", "sam", active=False)]
    assert membership.effects(_entry("case.create", {"user": "sam"})) == []


@pytest.mark.parametrize(
    "body",
    [
        {"role": "staff", "public_key": KEY},
        {"user": "sam", "role": "staff", "public_key": "not hex"},
        {"user": "sam", "role": "staff", "public_key": KEY, "wrap_key": KEY.upper()},
        {"user": 7, "role": "staff", "public_key": KEY},
    ],
)
def test_a_payload_without_what_the_change_needs_is_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        membership.effects(_entry("user.add", body))
