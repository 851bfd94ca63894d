"""``hub device list|retire`` where no hub is needed to see them answer: a reason that is not
one (usage, exit 2), a store bound to no hub (exit 4, nothing written), the offline list.
With a real hub: tests/hub/test_device_retire.py."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_desk.services.session import Session
from tests.helpers import ADMIN, ADMIN_PASSWORD, FAST_KDF, TickingClock
from tests.hub.org_cli import run


def _store(path: Path, clock: TickingClock) -> str:
    with Session.create_store(path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock) as root:
        return root.folder.store_id


def test_a_reason_that_is_not_one_is_a_usage_error(tmp_path: Path, clock: TickingClock) -> None:
    _store(tmp_path / "store", clock)
    code, _out, err = run(
        "hub", "device", "retire", "d" * 32, "--reason", "bored",
        "--store", tmp_path / "store", "--user", ADMIN, password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert code == 2 and "lost" in err, err


def test_retiring_from_a_store_bound_to_no_hub_writes_nothing(
    tmp_path: Path, clock: TickingClock
) -> None:
    store = tmp_path / "store"
    _store(store, clock)
    code, _out, err = run(
        "hub", "device", "retire", "d" * 32, "--reason", "lost",
        "--store", store, "--user", ADMIN, password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert code == 4 and "not bound to a hub" in err, err
    with Session.open(store, ADMIN, ADMIN_PASSWORD) as session:
        assert session.conn.execute("SELECT count(*) FROM retired_devices").fetchone()[0] == 0


def test_the_offline_list_shows_this_device(tmp_path: Path, clock: TickingClock) -> None:
    store = tmp_path / "store"
    device = _store(store, clock)
    code, out, err = run(
        "hub", "device", "list", "--offline", "--json",
        "--store", store, "--user", ADMIN, password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert code == 0, err
    (only,) = json.loads(out)
    assert only["device_id"] == device and only["this_device"] and only["retired"] is None
    assert only["user"] == ADMIN  # the founding admin
    code, out, _err = run(
        "hub", "device", "list", "--offline", "--store", store, "--user", ADMIN,
        password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert out.strip() == f"{device}  {ADMIN}  1 entry  (this device)"
