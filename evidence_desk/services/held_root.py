"""The root of the organisation log this store holds, up to a position, extended from the last
sync's instead of recomputed over every entry.

At every sync ``org_checkpoints.confirm`` holds the hub's newest checkpoint to the history this
store holds: the Merkle root of the leaves of every entry up to the checkpoint's ``hub_seq``.
Recomputed, that read and hashed every entry of the organisation at every sync, a quiet one
too: ~0.45 s of a supervisor's ~0.66 s sync at 20,000 entries (bench/sync_cost.py,
issue 20 item 3/4), growing with the organisation.

The leaves only grow at the end: ``device_entries`` and ``org_positions`` are never changed or
deleted (their triggers), and a pull places entries after the last position held, in order.
So per open store (its ``StoreFolder`` object, which every sibling of a session shares: the
app syncs on a new sibling each time) the compact range (``merkle.CompactRange``: O(log n)
subtree roots) of the leaves up to the last confirmed position is kept, and a sync hashes
only the leaves after it. Before extending, the number of leaves held up to that position is
counted again (an index count): if it is not what was kept (a leaf placed below it, which a
store written by this release never holds), the root is recomputed from every leaf. What is
compared is exactly the root the uncached computation gives (tests/hub/test_held_root.py);
the checks it serves (the root against the hub's signed checkpoint, the consistency proof of
a new checkpoint) are unchanged.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

from evidence_desk.integrity import merkle
from evidence_desk.services.org_checkpoint_checks import held_rows
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder


@dataclass(frozen=True, slots=True)
class HeldRoot:
    """The leaves this store holds up to ``hub_seq``: how many, their root (hex) and their
    compact range (what :func:`remember` keeps)."""

    hub_seq: int
    size: int
    root: str
    hashes: tuple[bytes, ...]


#: per open store: the leaves up to the last confirmed position
_kept: weakref.WeakKeyDictionary[StoreFolder, HeldRoot] = weakref.WeakKeyDictionary()
#: per open store: (size, root) of checkpoints found rooted in the history held: a prefix of it
#: then, a prefix of it for good (the held leaves are never changed or deleted)
_rooted: weakref.WeakKeyDictionary[StoreFolder, set[tuple[int, str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _count_upto(session: Session, hub_seq: int) -> int:
    row = session.conn.execute(
        "SELECT (SELECT count(*) FROM device_entries WHERE org_seq <= ?) "
        "+ (SELECT count(*) FROM org_positions WHERE org_seq <= ?)",
        (hub_seq, hub_seq),
    ).fetchone()
    return int(row[0])


def held_root(session: Session, upto_hub_seq: int) -> HeldRoot:
    """The leaves this store holds up to ``upto_hub_seq`` and their Merkle root, as
    ``org.root_of(held_leaves(...))`` gives, hashing only those after the kept range when it
    still covers a prefix of them."""
    with _lock:
        kept = _kept.get(session.folder)
    tree = merkle.CompactRange()
    after = 0
    if (
        kept is not None
        and kept.hub_seq <= upto_hub_seq
        and _count_upto(session, kept.hub_seq) == kept.size
    ):
        tree = merkle.CompactRange.from_state(kept.size, kept.hashes)
        after = kept.hub_seq
    for row in held_rows(session.conn, session.folder.store_id, upto_hub_seq, after=after):
        tree.append(row.leaf())
    return HeldRoot(upto_hub_seq, tree.size, tree.root_hash().hex(), tree.hashes)


def remember(session: Session, held: HeldRoot) -> None:
    """Keep ``held`` (the leaves of a checkpoint just confirmed), so that the next sync's
    :func:`held_root` hashes only the leaves after it."""
    with _lock:
        _kept[session.folder] = held


def rooted(session: Session) -> set[tuple[int, str]]:
    """The (size, root) of checkpoints this open store found rooted in the history it holds
    (by recomputing, or equal to one it confirmed): what a witness's cosignature of one of
    them states needs no recomputing (``org_checkpoints.meet``). A checkpoint only proven to
    extend the held history (a consistency proof) is not in it."""
    with _lock:
        return set(_rooted.get(session.folder, ()))


def mark_rooted(session: Session, size: int, root: str) -> None:
    """``(size, root)`` was found rooted in the history this store holds."""
    with _lock:
        _rooted.setdefault(session.folder, set()).add((size, root))
