"""Retiring a device in real stores, no network (the acceptance order as a list, as in
tests/services/test_org_ledger.py): the admin's retirement, the retired laptop's later
entries refused by its own write path, by a pull and found by verify; a forged retirement by
a supervisor found by verify."""

# ruff: noqa: F811

from __future__ import annotations

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import bundle_org, cases, org_ledger, retirement
from evidence_desk.services.bundle import refuse_broken_rules
from evidence_desk.services.org_ledger import OrgEntry
from tests.helpers import ADMIN
from tests.services.test_org_ledger import (
    Org,
    b_entries,
    forged,
    next_position,
    org,  # noqa: F401 (the two-device fixture, used by name: the parameters shadow it)
    refused_and_found,
    smuggle,
    verify,
)


def _retired(org: Org) -> int:
    """root retires alice's laptop (B) on A, pushed; returns the final size."""
    root = org.login(org.a, ADMIN)
    done = retirement.retire_device(root, org.b_id, "lost")
    org.hub.push(root)
    org.hub.pull(root)
    return done.final_size


def test_the_admin_retires_a_laptop_with_what_the_organisation_holds(org: Org) -> None:
    size = _retired(org)
    assert size == len(b_entries(org))
    root = org.login(org.a, ADMIN)
    listed = {d.device_id: d for d in retirement.devices(root)}
    assert listed[org.b_id].user == "alice" and listed[org.b_id].entries == size
    assert listed[org.b_id].retired is not None
    assert listed[org.b_id].retired.reason == "lost"
    assert listed[org.a_id].own and listed[org.a_id].retired is None
    assert listed[org.a_id].user == ADMIN  # the founding device: its store.init
    # once only; and never the device the retirement is written on
    with pytest.raises(RuleViolation) as twice:
        retirement.retire_device(root, org.b_id, "stolen")
    assert twice.value.rule == "retire.twice"
    with pytest.raises(RuleViolation) as own:
        retirement.retire_device(root, org.a_id, "replaced")
    assert own.value.rule == "retire.own_device"
    assert verify(org.a, ADMIN).intact


def test_only_an_admin_may_retire(org: Org) -> None:
    from evidence_desk.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        retirement.retire_device(org.login(org.a, "sam"), org.b_id, "lost")


def test_the_retired_laptop_that_pulls_it_writes_nothing_more_and_still_verifies(
    org: Org,
) -> None:
    _retired(org)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    with pytest.raises(RuleViolation) as refused:
        cases.create_case(alice, "2026-SH-7", debtor_name="王五")
    assert refused.value.rule == "device.retired"
    assert refused.value.detail.fact("by") == ADMIN
    assert verify(org.b, "alice").intact


@pytest.mark.parametrize("unpushed", [False, True], ids=["in-step", "replayed"])
def test_an_entry_past_the_final_size_is_refused_by_a_pull_and_found_by_verify(
    org: Org, unpushed: bool
) -> None:
    size = _retired(org)
    prior = b_entries(org)
    assert len(prior) == size
    key = org.login(org.b, "alice").signing_key
    entry = forged(org.b_id, prior, "alice", "user.change_password", {"user": "alice"}, key)
    item = OrgEntry(org.b_id, entry, next_position(org))
    refused_and_found(org, item, "rule.device.retired", unpushed=unpushed)


def test_a_retirement_forged_by_a_supervisor_is_refused_and_found(org: Org) -> None:
    """sam (supervisor) signs a device.retire with his own key, around the services."""
    prior = b_entries(org)
    sam_key = org.login(org.a, "sam").signing_key
    at = "2026-03-02T02:00:00.000000Z"
    row = {
        "device_id": org.b_id,
        "final_size": len(prior),
        "reason": "stolen",
        "retired_by": "sam",
        "retired_at": at,
    }
    payload = {
        "device_id": org.b_id,
        "final_size": len(prior),
        "reason": "stolen",
        "at": at,
        "rows": [{"table": "retired_devices", "op": "put", "row": row}],
    }
    entry = forged(org.b_id, prior, "sam", "device.retire", payload, sam_key)
    refused_and_found(org, OrgEntry(org.b_id, entry, next_position(org)), "rule.permission")


def test_an_accepted_entry_past_the_final_size_refuses_a_bundle(org: Org) -> None:
    """A court bundle is built only on entries that stand: the bundle's replay of the
    organisation's order (the one ``export_bundle`` runs) refuses an entry of the retired
    laptop past its final size even when it is held as accepted (smuggled by an insider)."""
    size = _retired(org)
    prior = b_entries(org)
    key = org.login(org.b, "alice").signing_key
    entry = forged(org.b_id, prior, "alice", "user.change_password", {"user": "alice"}, key)
    smuggle(org, OrgEntry(org.b_id, entry, next_position(org)))
    sam = org.login(org.a, "sam")
    view = bundle_org.read(sam.conn, org.a_id, org_ledger.own_entries(sam))
    assert view is not None
    refused: list[tuple[int, str]] = []
    bundle_org.replayed_users(
        view,
        lambda _placed: True,
        {(org.b_id, size + 1)},
        lambda e, v: refused.append((e.seq, v.rule)),
    )
    assert refused == [(size + 1, "device.retired")]
    with pytest.raises(RuleViolation) as export:
        bundle_org.replayed_users(
            view, lambda _p: True, {(org.b_id, size + 1)}, refuse_broken_rules
        )
    assert export.value.rule == "bundle.rules"
