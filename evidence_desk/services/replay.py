"""What verify's ledger replay hands to the checks that run after it, and what a check is.

``verify`` replays the ledger once (services/verify.py); the checks that need the replayed
entries, tables or roots (contacts' cosignatures, imports, tags, time stamps, anchors) take a
:class:`Replay` and give findings. They import this module, not verify, so that verify can list
them explicitly (``verify.CHECKS``) without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evidence_desk.domain.models import Finding
from evidence_desk.integrity import ledger

if TYPE_CHECKING:
    from evidence_desk.services.session import Session


@dataclass
class DeviceLedger:
    """Another device's ledger as the organisation's replay read it (services/org_history.py):
    its entries by seq and its Merkle root after each (the checkpoints its signatures are over,
    and what an approval of its request cosigns)."""

    entries: list[ledger.Entry] = field(default_factory=list)
    roots: dict[int, str] = field(default_factory=dict)
    # seq -> the key the organisation's replay held for the entry's writer there (None: none)
    signers: dict[int, str | None] = field(default_factory=dict)


@dataclass
class Replay:
    """What the sequential pass learned, for the extra checks to use."""

    entries: list[ledger.Entry]
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]]
    payloads: list[Any]  # each entry's parsed payload ({} when it is not JSON)
    roots: dict[int, str]  # tree size -> Merkle root (hex) of the stored entry hashes
    # seqs of entries that break the rule table: their row changes (a key above all) are
    # not trusted by the checks that replay keys or states themselves
    rejected: frozenset[int] = frozenset()
    # the organisation's other devices' ledgers (empty for a store of one device)
    devices: Mapping[str, DeviceLedger] = field(default_factory=dict)


Check = Callable[["Session", Replay], Iterable[Finding]]
"""A check that runs after the replay: (session, replay) -> findings."""
