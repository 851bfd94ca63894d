"""Which device and which user made each case, contact and import a store holds.

On a store bound to a hub, legal's (and an admin's) case list spans the organisation: the
cases, contacts and imports of every device whose entries the store pulled. The list names,
on every item, the user who made it and the device that user writes on (the case list
shows "by zhang · 3f2a91c0").

A user writes on one device: the one that introduced their keys. That is the device whose
ledger holds the entry that put the user on record: ``store.init`` (the founding admin),
``user.add`` (a user added on that device) or ``device.join`` (a user who joined from their
own laptop). So the device of an item follows from the user who made it (``created_by``,
``requested_by``, ``imported_by``), and one pass over those few entries (not over every
entry of every device) names the devices of thousands of items: the case list stays fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from evidence_desk.domain.policy import Action
from evidence_desk.services.session import Session
from evidence_desk.store import db

#: characters of a device id shown (as services/bundle_org.py names devices in custody)
SHORT_ID: Final = 8
#: the entries that put a user on record on the device that wrote them
_INTRODUCING: Final = ("store.init", "user.add", "device.join")


@dataclass(frozen=True, slots=True)
class Origin:
    """Who made an item and on which device (``device`` the full id, ``label`` its short form;
    ``own`` when it is this store)."""

    user: str
    device: str
    label: str
    own: bool


@dataclass(frozen=True, slots=True)
class ImportLine:
    """One import under a contact, as the case list shows it (no sealed field is opened)."""

    id: str
    contact_id: str
    kind: str
    format: str
    message_count: int
    imported_by: str
    imported_at: str


def _introduced(user: str, action: str, payload: str) -> str:
    """The user an introducing entry puts on record (``user.add`` names another user)."""
    if action != "user.add":
        return user
    try:
        body = json.loads(payload)
    except ValueError:
        return ""
    named = body.get("user") if isinstance(body, dict) else None
    return named if isinstance(named, str) else ""


def user_devices(conn: db.Connection, store_id: str) -> dict[str, str]:
    """user -> the device that introduced their keys (this store's own entries included);
    a user introduced twice (a later join) writes on the later device."""
    marks = ", ".join("?" for _ in _INTRODUCING)
    found: list[tuple[int, str, str]] = []
    for row in conn.execute(
        f"SELECT seq, actor, action, payload FROM ledger WHERE action IN ({marks})",
        _INTRODUCING,
    ):
        found.append((0, store_id, _introduced(str(row[1]), str(row[2]), str(row[3]))))
    for row in conn.execute(
        "SELECT org_seq, device_id, actor, action, payload FROM device_entries "
        f"WHERE verdict = '' AND action IN ({marks})",
        _INTRODUCING,
    ):
        user = _introduced(str(row[2]), str(row[3]), str(row[4]))
        found.append((int(row[0]), str(row[1]), user))
    devices: dict[str, str] = {}
    for _place, device, user in sorted(found, key=lambda item: item[0]):
        if user:
            devices[user] = device
    return devices


class Origins:
    """The origin of items by the user who made them (one look-up table per case list)."""

    def __init__(self, session: Session) -> None:
        self._store = session.folder.store_id
        self._devices = user_devices(session.conn, self._store)

    def of(self, user: str) -> Origin:
        """Where ``user``'s items come from; a user no entry introduced is named with no
        device (an empty label), never guessed."""
        device = self._devices.get(user, "")
        return Origin(user, device, device[:SHORT_ID], device == self._store)


def imports_by_contact(session: Session) -> dict[str, list[ImportLine]]:
    """contact id -> its imports in the order they were made (one query for the store)."""
    session.require(Action.EVIDENCE_READ)
    found: dict[str, list[ImportLine]] = {}
    for row in session.conn.execute(
        "SELECT id, contact_id, kind, format, message_count, imported_by, imported_at "
        "FROM imports ORDER BY imported_at, id"
    ):
        line = ImportLine(
            str(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            int(row[4]),
            str(row[5]),
            str(row[6]),
        )
        found.setdefault(line.contact_id, []).append(line)
    return found
