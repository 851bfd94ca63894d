"""Which device and user made each item (services/org_origins.py): a user writes on the device
whose ledger introduced their keys (store.init, user.add, device.join), the latest one."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_desk.services import importing, org_origins
from tests.helpers import TEAM, Team, approved_contact


def test_a_store_of_its_own_names_itself_for_every_user(team: Team, tmp_path: Path) -> None:
    alice, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "chat.txt"
    chat.write_text("05/01/2026, 09:00 - Li Ming: 您好\n", encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    store_id = alice.folder.store_id
    devices = org_origins.user_devices(alice.conn, store_id)
    assert devices == {name: store_id for name in ("root", *TEAM)}
    origin = org_origins.Origins(alice).of("alice")
    assert origin == org_origins.Origin("alice", store_id, store_id[:8], True)
    # a name no entry introduced is named with no device, never guessed
    assert org_origins.Origins(alice).of("nobody") == org_origins.Origin("nobody", "", "", False)
    (line,) = org_origins.imports_by_contact(team.login("lee"))[contact_id]
    assert (line.imported_by, line.message_count, line.format) == ("alice", 1, "whatsapp")


def test_a_user_who_joined_on_another_device_writes_there(team: Team) -> None:
    """device_entries rows of another device: its device.join introduces kim there; a
    user.add on it introduces pat; a refused entry introduces nobody."""
    root = team.login("root")
    rows = [
        ("d-2", 1, "kim", "device.join", {"device_id": "d-2"}, 10, ""),
        ("d-2", 2, "kim", "user.add", {"user": "pat"}, 11, ""),
        ("d-3", 1, "max", "device.join", {"device_id": "d-3"}, 12, "hub.rule"),
    ]
    for device, seq, actor, action, payload, org_seq, verdict in rows:
        root.conn.execute(
            "INSERT INTO device_entries (device_id, seq, at, actor, action, payload, "
            "payload_hash, prev_hash, entry_hash, signature, org_seq, verdict) "
            "VALUES (?, ?, '2026-01-01T00:00:00Z', ?, ?, ?, '', '', '', '', ?, ?)",
            (device, seq, actor, action, json.dumps(payload), org_seq, verdict),
        )
    devices = org_origins.user_devices(root.conn, root.folder.store_id)
    assert (devices["kim"], devices["pat"], devices["alice"]) == (
        "d-2",
        "d-2",
        root.folder.store_id,
    )
    assert "max" not in devices
