"""Real device stores for the hub's tests: a team store made with the services (the same
helpers as every other test), its ledger read back as the device would push it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import ledger
from evidence_desk.store.folder import StoreFolder
from tests.helpers import ADMIN, ADMIN_PASSWORD, TickingClock, approved_contact, make_team


@dataclass(frozen=True)
class Device:
    """A device store: its id (the hub's device id), its ledger and its users' keys."""

    store_id: str
    entries: tuple[ledger.Entry, ...]
    users: dict[str, tuple[str, str, str]]  # name -> (role, sign key, wrap key)


def make_device(folder: Path, *, with_contact: bool) -> Device:
    """A team store (an admin, two staff, two supervisors, legal, an admin), and with
    ``with_contact`` a case with a contact requested by alice and approved by sam."""
    with pytest.MonkeyPatch.context() as patch:
        # the stores' anchors stay in the test's folder, never the real profile
        patch.setenv("EVIDENCE_DESK_ANCHOR_DIR", str(folder / "anchors"))
        team = make_team(folder / "store", TickingClock())
        try:
            if with_contact:
                approved_contact(team, folder)
        finally:
            team.close_all()
    return read_device(folder / "store")


def read_device(path: Path) -> Device:
    from tests.helpers import raw_connection

    conn = raw_connection(path, ADMIN, ADMIN_PASSWORD)
    try:
        rows = conn.execute(
            "SELECT seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, "
            "signature FROM ledger ORDER BY seq"
        ).fetchall()
        users = {
            # a store from before per-case keys has no X25519 keys: its users make them at join
            str(r[0]): (str(r[1]), str(r[2]), str(r[3]) if r[3] else _new_wrap_key())
            for r in conn.execute("SELECT name, role, public_key, wrap_key FROM users")
        }
    finally:
        conn.close()
    return Device(StoreFolder.open(path).store_id, tuple(ledger.Entry(*r) for r in rows), users)


def _new_wrap_key() -> str:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = X25519PrivateKey.generate().public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def enrol(
    repo: HubRepository,
    device: Device,
    *,
    roles: dict[str, str] | None = None,
    leave_out: tuple[str, ...] = (),
) -> None:
    """Make the device's users the organisation's (with ``roles`` overriding theirs, without
    ``leave_out``) and register the device as its admin's."""
    for name, (role, sign_key, wrap_key) in device.users.items():
        if name in leave_out:
            continue
        if repo.user(name) is None:
            repo.add_user(name, (roles or {}).get(name, role), sign_key, wrap_key, by=None)
        else:  # a user of another device too: the organisation holds both keys
            repo.add_keys(name, sign_key, wrap_key, by=None)
    repo.add_device(device.store_id, ADMIN)


@contextmanager
def repository(url: str) -> Iterator[HubRepository]:
    repo = HubRepository.connect(url, max_size=4)
    try:
        yield repo
    finally:
        repo.close()
