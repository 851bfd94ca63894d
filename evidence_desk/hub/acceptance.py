"""What the hub checks of a pushed batch before it appends a single entry of it.

The checks are the store's own, run by the same code (``integrity/ledger.py``,
``integrity/merkle.py``, ``integrity/signature_checks.py``, the rule table's permissions in
``domain/authority.py``), so that the hub accepts exactly what ``verify`` on the device would:

- each entry follows the device's last accepted one (seq), links to it (prev hash; the first
  to ``ledger.genesis_hash(device id)``: the device id is the device store's id), and its
  payload and entry hashes are its contents' (the payload a JSON object);
- its signature is the checkpoint signature over the device's Merkle root after it
  (``ledger.checkpoint_message``; or the legacy per-entry form that ``verify`` also accepts),
  under a key the *organisation* holds for the entry's actor, not one the device claims;
- the actor is a user of the organisation, active now, and their organisation role holds the
  permission the rule table (``authority.ACTIONS``) gives the action.

The record rules that need the organisation's projected tables (four-eyes on the contact,
documents on file, one matter per chat...) are judged after this, by the same rule table, when
the batch passes (``repository._verdicts`` over hub/org_state.py): an entry breaking one is
kept in its device's chain, marked, rather than refusing the batch.

The first rule an entry breaks refuses the whole batch (entries depend on those before them);
nothing is written. A batch that passes returns the device's new head for the repository to
store with the entries, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from evidence_desk.domain import authority
from evidence_desk.domain.hub_refusals import Refusal
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger, merkle
from evidence_desk.integrity.signature_checks import SignatureBatch


@dataclass(frozen=True, slots=True)
class DeviceHead:
    """What the hub holds of a device's ledger: its size, last entry hash and the Merkle
    compact range over its entry hashes (RFC 9162 leaves)."""

    size: int
    head_hash: str
    compact_range: tuple[bytes, ...]

    @classmethod
    def genesis(cls, device_id: str) -> DeviceHead:
        """A device with no entry yet: its first entry links to the genesis of its store id."""
        return cls(0, ledger.genesis_hash(device_id), ())


#: ``judge``'s shape: what the repository calls to judge a batch (``judge`` itself, or a
#: ``judging.JudgePool``'s, which runs it in a worker process)
Judge = Callable[
    [str, DeviceHead, Sequence[ledger.Entry], Callable[[str], HubUser | None]],
    DeviceHead | Refusal,
]


def _well_formed(entry: ledger.Entry) -> bool:
    """An integer seq and eight texts that UTF-8 can carry (what the hashes are taken of)."""
    if type(entry.seq) is not int or len(entry) != len(ledger.Entry._fields):
        return False
    try:
        for value in entry[1:]:
            if type(value) is not str:
                return False
            value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _json_object(text: str) -> bool:
    """The payload parses as a JSON object, as verify's replay and the rule table need it."""
    try:
        return type(json.loads(text)) is dict
    except (ValueError, RecursionError):
        return False


def _entry_refusal(
    device_id: str,
    entry: ledger.Entry,
    size: int,
    prev: str,
    users: Mapping[str, HubUser | None],
) -> Refusal | None:
    """The first rule ``entry`` breaks that needs no signature check, or None."""
    broken = chain_refusal(device_id, entry, size, prev)
    if broken is not None:
        return broken
    seq, actor = entry.seq, entry.actor
    user = users.get(actor)
    if user is None:
        return refusal("hub.unknown_user", device=device_id, seq=seq, actor=actor)
    if not user.active:
        return refusal("hub.inactive_user", device=device_id, seq=seq, actor=actor)
    rule = authority.ACTIONS.get(entry.action)
    if rule is None:
        return refusal("hub.unknown_action", device=device_id, seq=seq, action=entry.action)
    if rule.roles is not None and user.role not in rule.roles:
        return refusal(
            "hub.permission",
            device=device_id,
            seq=seq,
            actor=actor,
            role=user.role,
            action=entry.action,
        )
    return None


def chain_refusal(device_id: str, entry: ledger.Entry, size: int, prev: str) -> Refusal | None:
    """Where ``entry`` leaves its device's chain after ``size`` entries ending at ``prev``
    (form, seq, link, payload, hashes), or None: checked for every entry the hub takes, a
    joining store's history included (hub/pre_org.py)."""
    seq, actor = entry.seq, entry.actor
    if not _well_formed(entry):
        return refusal("hub.malformed", device=device_id, seq=seq)
    if seq != size + 1:
        return refusal("hub.seq", device=device_id, seq=seq, size=size)
    if entry.prev_hash != prev:
        return refusal("hub.prev", device=device_id, seq=seq)
    if ledger.payload_hash(entry.payload) != entry.payload_hash:
        return refusal("hub.payload_hash", device=device_id, seq=seq)
    if not _json_object(entry.payload):
        return refusal("hub.payload", device=device_id, seq=seq)
    recomputed = ledger.entry_hash(
        seq, entry.at, actor, entry.action, entry.payload_hash, entry.prev_hash
    )
    if recomputed != entry.entry_hash:
        return refusal("hub.entry_hash", device=device_id, seq=seq)
    return None


def users_for(
    entries: Sequence[ledger.Entry], users: Callable[[str], HubUser | None]
) -> dict[str, HubUser | None]:
    """The users ``judge`` will need for ``entries``, looked up in order of first appearance:
    what a judgement in another process is handed (hub/judging.py). It stops at the first
    actor who will refuse the batch (not a text, unknown or inactive): no entry after that
    one is judged, so a batch naming thousands of strangers costs one look-up."""
    found: dict[str, HubUser | None] = {}
    for entry in entries:
        actor = entry.actor
        if type(actor) is not str:
            break
        if actor not in found:
            user = found[actor] = users(actor)
            if user is None or not user.active:
                break
    return found


def judge(
    device_id: str,
    head: DeviceHead,
    entries: Sequence[ledger.Entry],
    users: Callable[[str], HubUser | None],
) -> DeviceHead | Refusal:
    """Judge ``entries`` (the device's next ones, in order) against the device's ``head``.

    ``users`` looks up an organisation's user by name (a dict's ``get``, or a query). Returns
    the head after the batch, or the refusal of the earliest entry that breaks a rule (a broken
    link or hash before a bad signature of the same entry; among signatures, the lowest seq)."""
    directory: dict[str, HubUser | None] = {}
    tree = merkle.CompactRange.from_state(head.size, head.compact_range)
    size, prev = head.size, head.head_hash
    # each check's index -> the position of its entry in the batch; one check per key held
    owner: list[int] = []
    # the first entry that breaks a rule other than its signature, and where: a bad signature
    # before it is the earlier refusal (an edited entry breaks the next one's link too)
    broken: Refusal | None = None
    checked = len(entries)
    with SignatureBatch(len(entries)) as batch:
        for position, entry in enumerate(entries):
            if type(entry.actor) is str and entry.actor not in directory:
                directory[entry.actor] = users(entry.actor)  # each user looked up once
            broken = _entry_refusal(device_id, entry, size, prev, directory)
            if broken is not None:
                checked = position
                break
            user = directory[entry.actor]
            assert user is not None  # an unknown actor was refused above
            root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
            messages = (
                ledger.checkpoint_message(device_id, entry.seq, root),
                ledger.legacy_entry_message(entry.entry_hash),
            )
            for key in user.keys:
                batch.add_parts(key, messages, entry.signature)
                owner.append(position)
            size, prev = entry.seq, entry.entry_hash
        failed = batch.invalid()
    verified = {owner[index] for index in range(len(owner)) if index not in failed}
    for position, entry in enumerate(entries[:checked]):
        if position not in verified:
            return refusal("hub.signature", device=device_id, seq=entry.seq, actor=entry.actor)
    return broken if broken is not None else DeviceHead(size, prev, tree.hashes)
