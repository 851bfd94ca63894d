"""A user as the hub knows them: what the gate checks a request's signature with and what
acceptance checks a pushed entry's signature with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HubUser:
    """Name (the signature's keyid), role, the Ed25519 public key (hex) the user signs with now,
    whether they may still act, and the keys the organisation held for them before (a password
    reset on their device makes new keys): entries signed under those still verify, requests
    never do."""

    name: str
    role: str
    sign_key: str
    active: bool
    earlier_keys: tuple[str, ...] = ()
    #: a deactivated user whose device an admin retired: the retirement's facts (device, by,
    #: at, reason, size), so that the gate tells the laptop why (hub/retirements.py)
    retired: Mapping[str, str] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """Every signing key the organisation holds for the user, the current one first."""
        return (self.sign_key, *self.earlier_keys)
