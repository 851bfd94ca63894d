"""The hub's organisation state (hub/org_state.py), by which it judges the record rules: shared
by hub processes through the database, never ahead of it.

A real device ledger (a case, a contact alice requested and sam approved) is pushed in pieces.
Each piece is judged against the tables the pieces before it left: a hub process whose cached
state missed a piece another process accepted, or kept one a rolled-back push had applied,
would mark an honest entry (an approval of a contact it does not know, a second
``store.init``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import ledger
from tests.hub.conftest import HubDatabase
from tests.hub.devices import Device, enrol, make_device, repository


@pytest.fixture(scope="module")
def device(tmp_path_factory: pytest.TempPathFactory) -> Device:
    return make_device(tmp_path_factory.mktemp("device"), with_contact=True)


def _verdicts(repo: HubRepository, device: Device, entries: list[ledger.Entry]) -> list[str]:
    """Append ``entries`` (the users are enrolled: no membership changes); their verdicts."""
    result = repo.append_entries(device.store_id, entries)
    assert result.appended == len(entries)
    seqs = {e.seq for e in entries}
    held = repo.entries_since(0)
    return [h.verdict for h in held if h.device_id == device.store_id and h.entry.seq in seqs]


def _seq(device: Device, action: str) -> int:
    return next(e.seq for e in device.entries if e.action == action)


def test_two_hub_processes_judge_by_the_same_organisation_order(
    hub_db: HubDatabase, device: Device
) -> None:
    entries = list(device.entries)
    request, approve = _seq(device, "contact.request"), _seq(device, "contact.approve")
    # process one accepts up to the case, process two the request, process one the approval:
    # each must first catch up with what the other committed
    with repository(hub_db.app_url) as one, repository(hub_db.app_url) as two:
        enrol(one, device)
        verdicts = _verdicts(one, device, entries[: request - 1])
        verdicts += _verdicts(two, device, entries[request - 1 : approve - 1])
        verdicts += _verdicts(one, device, entries[approve - 1 :])
    assert verdicts == [""] * len(entries)


def test_a_second_founding_entry_in_the_organisation_is_marked_by_its_rule(
    hub_db: HubDatabase, device: Device, tmp_path: Path
) -> None:
    """The control of the tests here: the rules do fire on the hub. A second store's
    ``store.init`` (another founding admin, whose user row the organisation has already)
    breaks the rule table at its place in the organisation's order: appended, marked with the
    first rule it breaks, named in the push's answer."""
    other = make_device(tmp_path / "other", with_contact=False)
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        enrol(repo, other)
        assert set(_verdicts(repo, device, list(device.entries))) == {""}
        result = repo.append_entries(other.store_id, list(other.entries))
        held = [h for h in repo.entries_since(0) if h.device_id == other.store_id]
    assert held[0].verdict == "authority.schema"
    first = result.refused[0]
    assert (first.rule, first.facts()["seq"]) == ("hub.rule", "1")
    assert first.facts()["violated"] == "authority.schema"
    assert first.facts()["action"] == "store.init"


def test_a_rolled_back_push_leaves_nothing_in_the_organisation_state(
    hub_db: HubDatabase, device: Device, tmp_path: Path
) -> None:
    """A push refused after its first piece was judged and applied to the hub's state (its
    ``user.add`` names a user the organisation has already) rolls back; the state is dropped
    with it, so the push after it is judged as the first: nothing marked (a state that kept
    the rolled-back piece would mark ``store.init`` as a second founding entry)."""
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        with pytest.raises(Refused) as refused:
            repo.push(device.store_id, list(device.entries))
        assert refused.value.refusal.rule == "hub.user_exists"
        assert repo.entries_since(0) == []
        verdicts = _verdicts(repo, device, list(device.entries))
    assert verdicts == [""] * len(device.entries)
