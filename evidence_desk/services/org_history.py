"""The organisation's history as this store holds it: other devices' entries and the positions.

A device is a store; its own ledger is the ``ledger`` table. The entries of the organisation's
other devices, as those devices signed them, are in ``device_entries``, each with its position
in the hub's acceptance order (``org_seq``) and the hub's verdict ('' accepted, else the rule
it refused the entry with); this device's own positions are in ``org_positions``. The
organisation's order is every positioned entry, own or foreign, by ``org_seq``, then this
device's own entries not pushed yet, by seq. ``verify`` replays the rule table over that one
order (services/verify.py); pulling applies entries the same way (services/org_ledger.py).

This module only reads: what is held, a device's Merkle root, and the order's own checks
(unique positions, each device's entries in its own order).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import ledger, merkle
from evidence_desk.store import db

_said = Catalogue(
    {
        "org.where_device_entry": "device {device} seq {seq}",
        "org.pre_org": "device {device} seq {seq}, before joining the organisation",
        "org.where_own_entry": "ledger seq {seq}",
        "org.position_twice": "organisation position {org_seq} is given to two entries",
        "org.position_order": "organisation position {org_seq} is before the position of an "
        "earlier entry of the same device: the organisation's order was changed",
        "org.own_device": "entries of this device ({device}) are held as another device's",
    }
)


class ForeignEntry(NamedTuple):
    """One entry of another device, with its place in the organisation's order."""

    org_seq: int
    device: str
    entry: ledger.Entry
    verdict: str  # '' accepted by the hub, else the rule it refused the entry with
    pre_org: bool = False  # in the history its store brought when it joined (migration 20)


class Position(NamedTuple):
    """Where the hub put one of this device's own entries, and its verdict."""

    org_seq: int
    verdict: str
    pre_org: bool = False  # in the history this store brought when it joined


@dataclass
class OrgHistory:
    """What the store holds of the organisation, read in one snapshot."""

    foreign: list[ForeignEntry]  # by org_seq
    own: dict[int, Position]  # own seq -> its position
    findings: list[Finding] = field(default_factory=list)  # the order's own problems

    @property
    def refused_own(self) -> dict[int, str]:
        """Own seq -> the rule the hub refused it with."""
        return {seq: p.verdict for seq, p in self.own.items() if p.verdict}

    def in_org_order(self, own: Iterable[ledger.Entry]) -> Iterator[ledger.Entry | ForeignEntry]:
        """This device's ``own`` entries by seq, each preceded by the other devices' entries
        placed before it; an own entry not pushed yet comes after every placed one. The one
        order that ``verify`` replays and a bundle's kit carries."""
        foreign, placed = self.foreign, self.own
        index, count = 0, len(foreign)
        for entry in own:
            position = placed.get(entry.seq)
            while index < count and (position is None or foreign[index].org_seq < position.org_seq):
                yield foreign[index]
                index += 1
            yield entry
        yield from foreign[index:]


def where_device(device: str, seq: object, *, pre_org: bool = False) -> Phrase:
    """A foreign entry's place in a finding (``pre_org``: in the history its store brought
    when it joined, judged on its own: "before joining the organisation")."""
    return _said("org.pre_org" if pre_org else "org.where_device_entry", device=device, seq=seq)


def read(conn: db.Connection, store_id: str) -> OrgHistory | None:
    """The organisation's entries and positions, or None for a store that never joined one
    (no foreign entries, no positions): its replay is the single-device one, unchanged."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(
        "SELECT org_seq, device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature, verdict, pre_org FROM device_entries ORDER BY org_seq"
    )
    foreign = [
        ForeignEntry(int(r[0]), str(r[1]), ledger.Entry._make(r[2:11]), str(r[11]), bool(r[12]))
        for r in cursor
    ]
    own = {
        int(r[0]): Position(int(r[1]), str(r[2]), bool(r[3]))
        for r in conn.execute(
            "SELECT seq, org_seq, verdict, pre_org FROM org_positions ORDER BY seq"
        )
    }
    if not foreign and not own:
        return None
    history = OrgHistory(foreign, own)
    history.findings.extend(_order_findings(history, store_id))
    return history


def _order_findings(history: OrgHistory, store_id: str) -> Iterator[Finding]:
    """Positions given twice, and a device's entries whose positions do not follow its seqs
    (the hub accepts a device's entries in the device's order)."""
    places: dict[int, str] = {}
    last: dict[str, int] = {}
    by_device: list[tuple[str, int, int, str]] = [
        (item.device, item.entry.seq, item.org_seq, where_device(item.device, item.entry.seq))
        for item in history.foreign
    ]
    by_device.extend(
        (store_id, seq, p.org_seq, _said("org.where_own_entry", seq=seq))
        for seq, p in history.own.items()
    )
    for device, _seq, org_seq, where in sorted(by_device, key=lambda t: (t[0], t[1])):
        if org_seq in places:
            yield Finding("org.position", where, _said("org.position_twice", org_seq=org_seq))
        places[org_seq] = where
        if org_seq <= last.get(device, 0):
            yield Finding("org.order", where, _said("org.position_order", org_seq=org_seq))
        last[device] = max(org_seq, last.get(device, 0))
    for item in history.foreign:
        if item.device == store_id:
            yield Finding(
                "org.own_device",
                where_device(item.device, item.entry.seq),
                _said("org.own_device", device=store_id),
            )
            break


def device_entry(conn: db.Connection, device: str, seq: int) -> ledger.Entry | None:
    """Another device's entry ``seq`` as held (None: not held)."""
    found = _entries(conn, "device_entries WHERE device_id = ? AND seq = ?", device, seq)
    return found[0] if found else None


def own_entries(conn: db.Connection, since: int) -> list[ledger.Entry]:
    """This device's own entries from ``since`` on, as signed, by seq."""
    return _entries(conn, "ledger WHERE seq >= ?", since)


def _entries(conn: db.Connection, source: str, *values: object) -> list[ledger.Entry]:
    """Entries as signed from ``source`` (a table and its filter on ``values``), by seq."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(f"SELECT {ledger.ENTRY_COLUMNS} FROM {source} ORDER BY seq", values)
    return [ledger.Entry._make(r) for r in cursor]


def roots(entries: Iterable[ledger.Entry]) -> dict[int, str]:
    """seq -> the device's Merkle root (hex) after that entry, over the stored hashes."""
    tree = merkle.CompactRange()
    found: dict[int, str] = {}
    for entry in entries:
        found[entry.seq] = tree.append_and_root(
            merkle.leaf_hash(bytes.fromhex(entry.entry_hash))
        ).hex()
    return found


#: device -> the compact range of its held leaves up to an entry, and that entry's hash:
#: a supervisor's approvals name the root of the requesting laptop's ledger at each request,
#: in the order the requests came, so each extends the last instead of hashing that laptop's
#: whole history again (its entries never change once held; the hash tells a store holding
#: another history of the device, which starts afresh)
_ranges: dict[str, tuple[int, tuple[bytes, ...], str]] = {}


def root_at(conn: db.Connection, device: str, seq: int) -> str | None:
    """Another device's Merkle root (hex) after its entry ``seq``, over the held hashes: what
    :func:`roots` gives for ``seq``, without reading the entries before a root taken earlier.
    None when the entries up to ``seq`` are not all held."""
    tree, start, head = merkle.CompactRange(), 0, ""
    size, subtrees, at = _ranges.get(device, (0, (), ""))
    if 0 < size <= seq:
        row = conn.execute(
            "SELECT entry_hash FROM device_entries WHERE device_id = ? AND seq = ?",
            (device, size),
        ).fetchone()
        if row is not None and str(row[0]) == at:
            tree, start, head = merkle.CompactRange.from_state(size, subtrees), size, at
    hashes = [
        str(r[0])
        for r in conn.execute(
            "SELECT entry_hash FROM device_entries WHERE device_id = ? AND seq > ? AND seq <= ? "
            "ORDER BY seq",
            (device, start, seq),
        )
    ]
    if seq < 1 or start + len(hashes) != seq:
        return None
    for entry_hash in hashes:
        tree.append(merkle.leaf_hash(bytes.fromhex(entry_hash)))
    _ranges[device] = (tree.size, tree.hashes, hashes[-1] if hashes else head)
    return tree.root_hash().hex()


def last_org_seq(conn: db.Connection) -> int:
    """The highest organisation position this store holds (0 when none)."""
    row = conn.execute(
        "SELECT max(m) FROM (SELECT max(org_seq) AS m FROM device_entries "
        "UNION ALL SELECT max(org_seq) FROM org_positions)"
    ).fetchone()
    return int(row[0] or 0)


def head(conn: db.Connection, device: str) -> tuple[int, str] | None:
    """The last entry held of ``device``: (its seq, its hash), or None."""
    row = conn.execute(
        "SELECT seq, entry_hash FROM device_entries WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        (device,),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def payload_of(entry: ledger.Entry) -> Any:
    """A held entry's payload, parsed ({} when it is not JSON: reported by the replay)."""
    try:
        return json.loads(entry.payload)
    except ValueError:
        return {}
