"""An organisation's court bundle: the ledgers of several devices, in the organisation's order.

In an organisation each laptop is a device with its own signed ledger, and a legal device holds
the others' entries as they signed them (services/org_history.py). A case's evidence then lies
in several ledgers: the request on the staff laptop, the decision on the supervisor's, the
export on legal's. This module reads what the exporting store holds into the records
``bundle/`` renders (``bundle/model.py``: one :class:`DeviceLedger` per other device, every
kit entry's :class:`OrgPlace`), so the kit proves each device's entries against that device's
own signed tree and ``verify-bundle`` replays the rule table in the organisation's order.

A store that never joined an organisation has no history here (``org_history.read`` is None)
and its bundle is built exactly as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from evidence_desk.bundle.model import Checkpoint, DeviceLedger, DeviceName
from evidence_desk.domain import authority, pre_org
from evidence_desk.integrity import ledger, merkle
from evidence_desk.services import org_history

#: how many hex characters of a device id name it when the organisation gives it no name
SHORT_ID = 8


@dataclass(frozen=True, slots=True)
class Placed:
    """One held entry, own or foreign, at its place in the organisation's order."""

    device: str
    entry: ledger.Entry
    org_seq: int | None  # None: an own entry not pushed yet
    verdict: str  # '' accepted by the hub (or not pushed yet), else the rule it refused
    pre_org: bool = False  # in the history its store brought when it joined


@dataclass(frozen=True, slots=True)
class OrgView:
    """What the exporting store holds of the organisation, in the organisation's order."""

    store_id: str
    placed: tuple[Placed, ...]

    def of(self, device: str) -> list[ledger.Entry]:
        """A device's held entries, by seq."""
        return [p.entry for p in self.placed if p.device == device]

    @property
    def devices(self) -> list[str]:
        """Every device with entries held, the exporting one first."""
        return list(dict.fromkeys([self.store_id, *(p.device for p in self.placed)]))


def read(conn: Any, store_id: str, own: Sequence[ledger.Entry]) -> OrgView | None:
    """The organisation's order over ``own`` (this device's ledger) and the held foreign
    entries, as ``verify`` replays it; None for a store that never joined an organisation."""
    history = org_history.read(conn, store_id)
    if history is None:
        return None
    return OrgView(store_id, tuple(_in_org_order(history, store_id, own)))


def _in_org_order(
    history: org_history.OrgHistory, store_id: str, own: Sequence[ledger.Entry]
) -> Iterator[Placed]:
    """Every entry, own and foreign, placed as ``OrgHistory.in_org_order`` orders them."""
    for item in history.in_org_order(own):
        if isinstance(item, org_history.ForeignEntry):
            yield Placed(item.device, item.entry, item.org_seq, item.verdict, item.pre_org)
        else:
            position = history.own.get(item.seq)
            yield Placed(
                store_id,
                item,
                None if position is None else position.org_seq,
                "" if position is None else position.verdict,
                position is not None and position.pre_org,
            )


def device_names(view: OrgView) -> dict[str, DeviceName]:
    """device -> its short id and the user who joined it (or founded the organisation on
    it): the first entry of each device is its ``device.join`` or ``store.init``; for a
    store that joined with its history, the first after that history (its ``device.join``)."""
    names: dict[str, DeviceName] = {}
    for device in view.devices:
        first = next((p for p in view.placed if p.device == device and not p.pre_org), None)
        joined = first is not None and (first.entry.seq == 1 or first.entry.action == "device.join")
        user = first.entry.actor if first is not None and joined else ""
        names[device] = DeviceName(device[:SHORT_ID], user)
    return names


def replayed_users(
    view: OrgView,
    included: Callable[[Placed], bool],
    in_slice: set[tuple[str, int]],
    refuse: Callable[[ledger.Entry, authority.Violation], None],
) -> dict[str, dict[str, Any]]:
    """user -> {public_key, role, active, introduced_seq, introduced_device}, replayed with the
    rule table over the organisation's order (one State for every device, each entry judged
    as an entry of its device). An entry the hub refused is judged but never applied. An
    accepted slice entry that breaks a rule refuses the export (``refuse``). A store's
    history from before it joined is judged on its own (domain/pre_org.py, as verify and the
    hub judge it); its users who never joined the organisation are listed as that history
    introduced them (their keys signed its entries)."""
    state = authority.ReplayedTables(authority.empty_tables())
    histories = pre_org.Histories()
    introduced: dict[str, tuple[str, int]] = {}
    local: dict[str, dict[str, Any]] = {}
    for item in view.placed:
        if not included(item):
            continue
        entry = item.entry
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            continue
        seq, at, actor, action = entry.seq, entry.at, entry.actor, entry.action
        solo = histories.solo_of(item.device, seq, action, payload, marked=item.pre_org)
        if solo is not None:
            violations = solo.judge(seq, at, actor, action, payload, entry.entry_hash)
            if violations and (item.device, seq) in in_slice:
                refuse(entry, violations[0])
            for change in payload.get("rows", []) if not violations else []:
                row = change.get("row", {})
                if change.get("table") == "users" and "public_key" in row:
                    introduced.setdefault(str(row["name"]), (item.device, seq))
                    local.setdefault(str(row["name"]), {}).update(row)
            continue
        state.device = item.device
        violations = authority.check(state, seq, at, actor, action, payload)
        if not item.verdict and pre_org.is_join_with_history(action, payload):
            violations += histories.join(
                state, item.device, seq, actor, payload, accepted=not violations
            )
        if item.verdict:
            continue  # refused by the hub: judged, never applied (verify reports the rest)
        if violations:
            if (item.device, entry.seq) in in_slice:
                refuse(entry, violations[0])
            continue
        state.apply(payload)
        for change in payload.get("rows", []):
            if change.get("table") == "users" and "public_key" in change.get("row", {}):
                introduced[str(change["row"]["name"])] = (item.device, entry.seq)
    for name, row in local.items():
        state.tables["users"].setdefault((name,), row)
    return {
        str(name): {
            "public_key": row.get("public_key"),
            "role": row.get("role"),
            "active": bool(row.get("active")),
            "introduced_seq": introduced.get(str(name), ("", None))[1],
            "introduced_device": introduced.get(str(name), ("", None))[0],
        }
        for (name,), row in state.tables["users"].items()
    }


def cosigned_sizes(kit_entries: Sequence[tuple[str, ledger.Entry]]) -> dict[str, list[int]]:
    """device -> the checkpoint sizes that the kit's approvals cosigned on it (a request of
    another device is cosigned over that device's checkpoint: ``cosignature.device``)."""
    found: dict[str, list[int]] = {}
    for device, entry in kit_entries:
        if entry.action != "contact.approve":
            continue
        cosig = org_history.payload_of(entry).get("cosignature") or {}
        size = cosig.get("size") if isinstance(cosig, dict) else None
        if isinstance(size, int):
            target = str(cosig.get("device") or device)
            if size not in found.setdefault(target, []):
                found[target].append(size)
    return found


def foreign_ledger(
    view: OrgView,
    device: str,
    slice_entries: Sequence[ledger.Entry],
    cosigned: Sequence[int],
    names: dict[str, DeviceName],
) -> DeviceLedger:
    """Another device's part of the kit: its slice, and its newest held entry's signed
    checkpoint (the root its held entries give, signed by that entry's writer) every proof
    leads to, with the checkpoints its approvals cosigned, taken from its entries the same way."""
    held = view.of(device)
    leaves = tuple(merkle.leaf_hash(bytes.fromhex(e.entry_hash)) for e in held)
    roots = org_history.roots(held)

    def checkpoint(size: int) -> Checkpoint:
        closing = held[size - 1]
        return Checkpoint(size, roots[size], closing.at, closing.actor, closing.signature)

    name = names.get(device, DeviceName(device[:SHORT_ID], ""))
    return DeviceLedger(
        device=device,
        label=name.label,
        user=name.user,
        entries=tuple(slice_entries),
        checkpoint=checkpoint(len(held)),
        cosigned=tuple(checkpoint(s) for s in sorted(cosigned) if 1 <= s <= len(held)),
        leaf_hashes=leaves,
    )
