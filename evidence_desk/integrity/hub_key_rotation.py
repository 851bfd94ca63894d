"""The hub's receipt key handed over to a new one: a statement both keys sign.

Devices pin the hub's receipt key at ``join`` and refuse any other key later, so that nobody can
make receipts or checkpoints with a key of their own. A key still has to be replaceable (a
policy's key lifetime, a machine retired). A rotation is therefore a statement, canonical JSON
of facts (``v``, ``hub_id``, ``old``, ``new`` as hex Ed25519 public keys, ``at`` UTC), signed by
the **old** key (the one devices trust hands its trust on) and by the **new** key (its holder
proves it has the private key, so nobody hands trust to a key they cannot use). A device
accepts a new key only through an unbroken chain of such statements from the key it pinned; it
keeps the retired keys with the moment they were retired, so statements the hub signed before
the rotation still verify, and a retired key that leaks later cannot sign anything dated after
its retirement that a device would accept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import canonical, signing
from evidence_desk.integrity.statement_fields import text

ROTATION_CONTEXT: Final = b"evidence-desk/hub-key-rotation/v1\n"
VERSION: Final = 1


class MalformedRotation(ValueError):
    """A rotation statement that is not the shape this module writes, or not signed by both."""


@dataclass(frozen=True, slots=True)
class Rotation:
    """A signed hand-over from ``old`` to ``new`` (see the module docstring)."""

    hub_id: str
    old: str
    new: str
    at: str
    old_signature: str
    new_signature: str

    def body(self) -> str:
        value = {"v": VERSION, "hub_id": self.hub_id, "old": self.old, "new": self.new}
        return canonical.canonical_bytes({**value, "at": self.at}).decode("utf-8")

    def valid(self) -> bool:
        """Both keys signed this statement."""
        message = self.body().encode("utf-8")
        return signing.verify(
            self.old, ROTATION_CONTEXT, message, self.old_signature
        ) and signing.verify(self.new, ROTATION_CONTEXT, message, self.new_signature)

    def as_json(self) -> dict[str, str]:
        return {
            "body": self.body(),
            "old_signature": self.old_signature,
            "new_signature": self.new_signature,
        }


def rotate(hub_id: str, old: Ed25519PrivateKey, new: Ed25519PrivateKey, at: str) -> Rotation:
    """The statement handing ``old``'s trust to ``new``, signed by both."""
    unsigned = Rotation(
        hub_id, signing.public_key_hex(old), signing.public_key_hex(new), at, "", ""
    )
    message = unsigned.body().encode("utf-8")
    return Rotation(
        hub_id,
        unsigned.old,
        unsigned.new,
        at,
        signing.sign(old, ROTATION_CONTEXT, message),
        signing.sign(new, ROTATION_CONTEXT, message),
    )


def parse(value: object) -> Rotation:
    """A rotation as :meth:`Rotation.as_json` wrote it; MalformedRotation when the body is not
    canonical, a field is missing, or a signature does not verify."""
    try:
        if not isinstance(value, dict):
            raise TypeError
        body = value["body"]
        fields: Any = json.loads(body)
        if not isinstance(fields, dict) or fields.get("v") != VERSION:
            raise TypeError
        rotation = Rotation(
            hub_id=text(fields, "hub_id"),
            old=text(fields, "old"),
            new=text(fields, "new"),
            at=text(fields, "at"),
            old_signature=text(value, "old_signature"),
            new_signature=text(value, "new_signature"),
        )
    except (KeyError, TypeError, ValueError):
        raise MalformedRotation("not a rotation statement of this version") from None
    if rotation.body() != body or rotation.old == rotation.new:
        raise MalformedRotation("not canonical")
    if not rotation.valid():
        raise MalformedRotation("not signed by both keys")
    return rotation


def chain(hub_id: str, pinned: str, newest: str, rotations: Iterable[Rotation]) -> list[Rotation]:
    """The rotations leading from the ``pinned`` key to ``newest``, oldest first; empty when
    they are the same key. Raises MalformedRotation when no unbroken chain of valid statements
    of this hub leads there, or when their times go backwards."""
    by_old = {r.old: r for r in rotations if r.hub_id == hub_id and r.valid()}
    path: list[Rotation] = []
    key = pinned
    while key != newest:
        step = by_old.get(key)
        if step is None or any(step.new == earlier.old for earlier in path):
            raise MalformedRotation("no chain of rotations from the pinned key")
        if path and step.at < path[-1].at:
            raise MalformedRotation("rotations out of order")
        path.append(step)
        key = step.new
    return path
