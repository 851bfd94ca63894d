"""The rule table's ``device.retire`` and what it does to the retired device's later entries,
judged against replayed tables as verify and the hub judge them."""

from __future__ import annotations

from typing import Any

from evidence_desk.domain import authority

AT = "2026-03-02T02:00:00.000000Z"
LAPTOP = "d" * 32
ADMIN_DEVICE = "a" * 32


def _state(sizes: dict[str, int] | None = None) -> authority.ReplayedTables:
    """root (admin) and sam (supervisor) on the admin's device; alice (staff) joined with
    her laptop; the organisation holds ``sizes`` entries of each device."""
    tables = authority.empty_tables()
    for name, role in (("root", "admin"), ("sam", "supervisor"), ("alice", "staff")):
        tables["users"][(name,)] = {"name": name, "role": role, "active": 1, "public_key": "k"}
    tables["invites"][("inv-1",)] = {
        "id": "inv-1",
        "user": "alice",
        "status": authority.INVITE_USED,
        "device_id": LAPTOP,
    }
    state = authority.ReplayedTables(tables, device=ADMIN_DEVICE)
    held = {LAPTOP: 7, ADMIN_DEVICE: 30} if sizes is None else sizes
    state.sizes = lambda device: held.get(device, 0)
    return state


def _retire(device: str = LAPTOP, size: object = 7, reason: str = "lost") -> dict[str, Any]:
    row = {
        "device_id": device,
        "final_size": size,
        "reason": reason,
        "retired_by": "root",
        "retired_at": AT,
    }
    return {
        "device_id": device,
        "final_size": size,
        "reason": reason,
        "at": AT,
        "rows": [{"table": "retired_devices", "op": "put", "row": row}],
    }


def _rules(state: authority.ReplayedTables, actor: str, payload: dict[str, Any]) -> list[str]:
    return [v.rule for v in authority.check(state, 31, AT, actor, "device.retire", payload)]


def test_an_admin_retires_another_device_with_what_the_organisation_holds() -> None:
    assert _rules(_state(), "root", _retire()) == []


def test_only_an_admin_retires_a_device() -> None:
    for insider in ("sam", "alice"):
        assert _rules(_state(), insider, _retire())[0] == "permission"


def test_a_final_size_other_than_what_is_held_is_refused_either_way() -> None:
    # beyond: entries the hub does not hold yet are exactly what a thief would push
    assert _rules(_state(), "root", _retire(size=9)) == ["retire.final_size"]
    # below: entries the organisation accepted stand; they are not unwritten
    assert _rules(_state(), "root", _retire(size=5)) == ["retire.final_size"]


def test_own_unknown_and_founding_devices_and_bad_reasons_are_refused() -> None:
    # the admin's own device (it would stop its own writer); the founding device has no
    # invitation either
    payload = _retire(device=ADMIN_DEVICE, size=30)
    assert _rules(_state(), "root", payload) == ["retire.own_device"]
    assert _rules(_state(), "root", _retire(device="f" * 32, size=0)) == ["retire.device"]
    assert _rules(_state(), "root", _retire(reason="bored")) == ["retire.reason"]


def test_retiring_twice_is_refused() -> None:
    state = _state()
    state.apply(_retire())
    assert "retire.twice" in _rules(state, "root", _retire())


def test_the_retired_devices_entries_past_the_final_size_never_stand() -> None:
    state = _state()
    state.apply(_retire())
    state.device = LAPTOP
    payload = {"user": "alice"}
    # an entry at or below the final size (one the organisation held) still judges as ever
    assert authority.check(state, 7, AT, "alice", "user.change_password", payload) == []
    found = authority.check(state, 8, AT, "alice", "user.change_password", payload)
    assert [v.rule for v in found] == ["device.retired"]
    assert found[0].detail.code == "retire.retired"
    assert found[0].detail.fact("by") == "root"
    # other devices write on
    state.device = ADMIN_DEVICE
    assert authority.check(state, 31, AT, "root", "user.change_password", {"user": "root"}) == []


def test_a_slice_without_sizes_leaves_the_final_size_to_verify() -> None:
    state = _state()
    state.sizes = None
    assert _rules(state, "root", _retire(size=123)) == []
