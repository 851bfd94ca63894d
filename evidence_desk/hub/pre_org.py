"""The hub's side of a store joining with its history (``POST /v1/join``, issue 19).

A store made before its company ran a hub sends its whole ledger 1..N, then its user's
``device.join`` (N+1, ``pre_org``) and ``handle.reindex`` (N+2). Entries 1..N are judged here
as the store's own verify judged them: each device chain's form, seq, link and hashes
(``acceptance.chain_refusal``, what every push gets), the rule table over a State of that
ledger alone (domain/pre_org.py's :class:`~evidence_desk.domain.pre_org.Solo`, the one
replay verify and a pull run too), and every signature under the key that solo replay holds
for its writer (its own ``store.init``'s admin, its ``user.add``), not a key the organisation
holds. The first problem refuses the whole join, naming the rule; the repository then judges
the join against the organisation's state in one transaction (hub/repository.py).

The hub only ever holds ciphertext: an entry of the history holding a personal value in clear
(domain/clear_history.py: a store from before per-case keys) refuses the join as
``hub.join_rule`` violating ``join.clear_history``, here and as each staged page arrives
(hub/join_staging.py), so such an entry is never written, not even staged. The device refuses
first (services/join_existing.py); this is for a client that does not.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from evidence_desk.domain import clear_history, pre_org
from evidence_desk.domain.hub_refusals import Refusal
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.acceptance import DeviceHead, chain_refusal
from evidence_desk.integrity import ledger, merkle
from evidence_desk.integrity.signature_checks import SignatureBatch


def history_size(entries: Sequence[ledger.Entry]) -> int | None:
    """N, when ``entries`` are a store's history (its own ``store.init`` first) followed by
    its ``device.join`` with that history at N+1; None for any other join."""
    if not entries or entries[0].action != "store.init":
        return None
    for index, entry in enumerate(entries):
        if entry.action != "device.join" or not isinstance(entry.payload, str):
            continue
        try:
            body = json.loads(entry.payload)
        except ValueError:
            return None
        return index if pre_org.is_join_with_history(entry.action, body) else None
    return None


def clear_refusal(device_id: str, entry: ledger.Entry) -> Refusal | None:
    """The refusal of a history entry holding a personal value in clear, else None (an entry
    whose payload is not JSON is left to the chain and rule checks)."""
    try:
        payload = json.loads(entry.payload)
    except (TypeError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    found = clear_history.clear_values(entry.seq, entry.action, payload)
    if not found:
        return None
    return refusal(
        "hub.join_rule",
        device=device_id,
        seq=entry.seq,
        action=entry.action,
        violated="join.clear_history",
    )


def judge_history(
    device_id: str, entries: Sequence[ledger.Entry]
) -> tuple[pre_org.Solo, DeviceHead] | Refusal:
    """Judge a joining store's history 1..N (see the module's docstring): its solo replay and
    the device's head after it, or the refusal of the first entry that breaks a rule (a chain
    or rule problem before a bad signature of a later entry; among signatures, the lowest
    seq)."""
    solo = pre_org.Solo(device_id)
    tree = merkle.CompactRange()
    size, prev = 0, ledger.genesis_hash(device_id)
    with SignatureBatch(len(entries)) as batch:
        for entry in entries:
            broken = chain_refusal(device_id, entry, size, prev)
            if broken is not None:
                return broken
            clear = clear_refusal(device_id, entry)
            if clear is not None:
                return clear
            payload = json.loads(entry.payload)
            key = solo.signer(entry.seq, entry.actor, entry.action, payload)
            violations = solo.judge(
                entry.seq, entry.at, entry.actor, entry.action, payload, entry.entry_hash
            )
            if violations:
                return refusal(
                    "hub.join_rule",
                    device=device_id,
                    seq=entry.seq,
                    action=entry.action,
                    violated=violations[0].rule,
                )
            root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
            messages = (
                ledger.checkpoint_message(device_id, entry.seq, root),
                ledger.legacy_entry_message(entry.entry_hash),
            )
            batch.add_parts(key, messages, entry.signature)
            size, prev = entry.seq, entry.entry_hash
        failed = batch.invalid()
    if failed:
        entry = entries[min(failed)]
        return refusal("hub.signature", device=device_id, seq=entry.seq, actor=entry.actor)
    return solo, DeviceHead(size, prev, tree.hashes)
