"""Applying a pulled batch entry by entry, as the write path applies its own entries.

``org_ledger.apply_pull`` stores a batch of the organisation's history and must bring the
projected tables to what verify's replay in the organisation's order gives. The replay of the
whole history (every entry's rules and signature) always gives it, at a cost that grows with
the organisation. When the tables already are that replay up to the batch, each pulled entry
can instead be judged by the rule table against the database (``DatabaseState``, the call
``Session.write`` makes), its signature checked, and its rows applied: the cost of the batch.

The tables are that replay up to the batch when this device's own entries are all placed
(``apply_in_step``), or when the own entries the hub has not placed yet can be taken off
first (``apply_rewound``): their changes were recorded as they were written
(services/unplaced.py), so they are rewound, the batch is applied in the organisation's order
(this device's own entries where the hub placed them, judged again there), and the ones still
unplaced go on top, judged again. A pulled entry the rules refuse refuses the batch, as the
replay would; anything the step-by-step path cannot settle exactly as the replay would (an own
entry refused by the hub or by the rules at its new place, a record missing) returns it to
the whole replay.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evidence_desk.domain import authority, pre_org
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.services import org_history, shredding, unplaced
from evidence_desk.services.row_changes import RowChange, apply_change
from evidence_desk.services.session import DatabaseState, Session
from evidence_desk.store import db


class OrgEntry(Protocol):
    """An entry in the organisation's order (``org_ledger.OrgEntry``), as far as applying it
    goes."""

    @property
    def device_id(self) -> str: ...
    @property
    def entry(self) -> ledger.Entry: ...
    @property
    def verdict(self) -> str: ...
    @property
    def pre_org(self) -> bool: ...


_said = Catalogue(
    {
        "org.pull_refused": "the pulled entry at {where} is refused: {detail}",
        "org.not_signed": "its signature is not {signer}'s",
    }
)


def refused(rule: str, where: str, detail: str) -> RuleViolation:
    """The refusal of a batch because of the entry at ``where``."""
    return RuleViolation(rule, _said("org.pull_refused", where=where, detail=detail))


def needs_replay(batch: Sequence[OrgEntry]) -> bool:
    """Entries only the whole replay judges: a store's history before it joined (replayed on
    its own and merged at its join, domain/pre_org.py) and that join itself."""
    return any(
        item.pre_org
        or (
            item.entry.action == "device.join"
            and pre_org.is_join_with_history(item.entry.action, org_history.payload_of(item.entry))
        )
        for item in batch
    )


def apply_in_step(session: Session, batch: Sequence[OrgEntry]) -> list[str]:
    """Apply the pulled entries one by one on tables that are the replay up to the batch
    (every own entry placed, none placed among the batch's). The first problem refuses the
    whole batch. Returns the blob files of the cases pulled tombstones destroyed, to wipe
    once the pull commits (``shredding.wipe_after_pull``)."""
    store_id = session.folder.store_id
    trees: dict[str, _Tree] = {}
    wipe: list[str] = []
    for item in batch:
        if item.device_id != store_id:
            _apply_foreign(session, item, trees, wipe)
    _keep_trees(session.conn, trees)
    return wipe


def apply_rewound(
    session: Session, batch: Sequence[OrgEntry], placed_before: int
) -> list[str] | None:
    """Rewind the own entries after ``placed_before`` (not placed before the batch), apply the
    batch in the organisation's order and the still unplaced own entries on top; returns the
    blob files to wipe as :func:`apply_in_step` does, or None, with nothing changed, when the
    whole replay must decide instead. A pulled entry the rules refuse raises, as it would in
    the replay."""
    conn, store_id = session.conn, session.folder.store_id
    own_last = db.ledger_size(conn)
    if any(item.device_id == store_id and item.verdict for item in batch):
        return None  # the hub refused an own entry: the replay drops what it made
    if not unplaced.complete(conn, range(placed_before + 1, own_last + 1)):
        return None
    conn.execute("PRAGMA defer_foreign_keys = ON")  # a parent goes before its children return
    conn.execute("SAVEPOINT rewound")
    try:
        unplaced.rewind(conn, placed_before)
        trees: dict[str, _Tree] = {}
        wipe: list[str] = []
        placed = placed_before
        for item in batch:
            if item.device_id != store_id:
                _apply_foreign(session, item, trees, wipe)
            elif _apply_own(session, item.entry, record=False):
                placed = item.entry.seq
            else:
                raise _Undecided
        for seq in range(placed + 1, own_last + 1):
            if not _apply_own(session, _own_entry(conn, seq), record=True):
                raise _Undecided
        _keep_trees(conn, trees)  # apply_pull drops the records of the entries placed
    except _Undecided:
        conn.execute("ROLLBACK TO rewound")
        conn.execute("RELEASE rewound")
        return None
    conn.execute("RELEASE rewound")
    return wipe


@dataclass(slots=True)
class _Tree:
    """A device's tree as a pull extends it, and whether it started from the kept peaks (a
    signature that fails over it is checked again over a tree rebuilt from the entries: the
    kept peaks are a cache, never a reason to refuse)."""

    tree: merkle.CompactRange
    from_kept: bool


class _Undecided(Exception):
    """The step-by-step path cannot settle the batch as the replay would."""


def _apply_foreign(
    session: Session, item: OrgEntry, trees: dict[str, _Tree], wipe: list[str]
) -> None:
    """Judge another device's entry against the database, apply its rows if the hub accepted
    it, and check its signature under the key the database holds for its writer (an entry
    that introduces its writer's key: that key, once the rules accept it). An accepted
    tombstone destroys its case here and adds the case's blob files to ``wipe``."""
    conn = session.conn
    device, entry = item.device_id, item.entry
    where = org_history.where_device(device, entry.seq)
    payload = org_history.payload_of(entry)
    state = DatabaseState(conn, session.handle_index, device)
    violations = authority.check(state, entry.seq, entry.at, entry.actor, entry.action, payload)
    writer = state.row("users", entry.actor) or {}
    key = writer.get("public_key")
    if not item.verdict:
        if violations:
            first = violations[0]
            raise refused(f"rule.{first.rule}", where, first.detail)
        if entry.action in authority.SELF_INTRODUCED:  # the key the entry introduces
            key = None
            for change in payload.get("rows", ()):
                if change["table"] == "users" and change["row"].get("name") == entry.actor:
                    key = change["row"].get("public_key")
        for change in _changes(payload):
            apply_change(conn, change)
        if entry.action == "case.shred" and isinstance(payload.get("case_no"), str):
            # destroyed here and now, as the replay redacts at the tombstone (the entries
            # after it are judged against what it left), once: its files are listed from the
            # rows as they are at the tombstone (a later entry of the batch may rename an
            # original, e.g. another case's import clearing its name under the store key),
            # and apply_pull wipes them after the commit
            wipe.extend(shredding.destroy_pulled(session, payload["case_no"]))
    held = trees.get(device)
    if held is None:
        held = trees[device] = _tree_before(conn, device, entry.seq)
    leaf = merkle.leaf_hash(bytes.fromhex(entry.entry_hash))
    if not _signed(device, entry, held.tree.append_and_root(leaf).hex(), key) and held.from_kept:
        held = trees[device] = _tree_before(conn, device, entry.seq, kept=False)
        held.tree.append(leaf)
    if not _signed(device, entry, held.tree.root_hash().hex(), key):
        raise refused("ledger.signature", where, _said("org.not_signed", signer=entry.actor))


def _signed(device: str, entry: ledger.Entry, root: str, key: object) -> bool:
    """Whether ``entry`` is signed by ``key`` over the checkpoint it closes at ``root``."""
    note = ledger.checkpoint_note(device, entry.seq, root)
    return signing.verify(
        str(key or ""), signing.CHECKPOINT_CONTEXT, note.encode(), entry.signature
    )


def _apply_own(session: Session, entry: ledger.Entry, *, record: bool) -> bool:
    """Judge an own entry again at its place and apply its rows (recording them while it is
    unplaced); False when the rules refuse it there (the replay reports it)."""
    conn, store_id = session.conn, session.folder.store_id
    payload = org_history.payload_of(entry)
    state = DatabaseState(conn, session.handle_index, store_id)
    if authority.check(state, entry.seq, entry.at, entry.actor, entry.action, payload):
        return False
    unplaced.apply(conn, entry.seq, _changes(payload), record=record)
    return True


def _changes(payload: dict[str, Any]) -> list[RowChange]:
    """The payload's row changes, each with its operation (a put merges, a delete removes),
    as verify's replay applies them."""
    return [
        RowChange(str(change.get("op", "put")), str(change["table"]), dict(change["row"]))
        for change in payload.get("rows", ())
    ]


def _own_entry(conn: db.Connection, seq: int) -> ledger.Entry:
    row = conn.execute(
        f"SELECT {ledger.ENTRY_COLUMNS} FROM ledger WHERE seq = ?", (seq,)
    ).fetchone()
    return ledger.Entry(*row)


def _tree_before(conn: db.Connection, device: str, seq: int, *, kept: bool = True) -> _Tree:
    """The device's Merkle tree over its held entries before ``seq``: from the size and peaks
    the last pull kept (``device_trees``), extended by the entries held since; ``kept=False``
    rebuilds it from every held entry."""
    tree = merkle.CompactRange()
    row = None
    if kept:
        row = conn.execute(
            "SELECT size, peaks FROM device_trees WHERE device_id = ?", (device,)
        ).fetchone()
    used = row is not None and 0 < int(row[0]) < seq
    if row is not None and used:
        try:
            peaks = [bytes.fromhex(str(h)) for h in json.loads(str(row[1]))]
            tree = merkle.CompactRange.from_state(int(row[0]), peaks)
        except (ValueError, TypeError):  # unreadable: rebuilt from the entries
            used = False
    for (entry_hash,) in conn.execute(
        "SELECT entry_hash FROM device_entries WHERE device_id = ? AND seq > ? AND seq < ? "
        "ORDER BY seq",
        (device, tree.size, seq),
    ):
        tree.append(merkle.leaf_hash(bytes.fromhex(str(entry_hash))))
    return _Tree(tree, from_kept=used)


def _keep_trees(conn: db.Connection, trees: dict[str, _Tree]) -> None:
    """Keep each extended tree's size and peaks for the next pull (in the pull's transaction)."""
    for device, held in trees.items():
        conn.execute(
            "INSERT INTO device_trees (device_id, size, peaks) VALUES (?, ?, ?) "
            "ON CONFLICT (device_id) DO UPDATE SET size = excluded.size, peaks = excluded.peaks",
            (device, held.tree.size, json.dumps([h.hex() for h in held.tree.hashes])),
        )
