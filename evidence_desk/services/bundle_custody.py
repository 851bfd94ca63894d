"""The export's own entry in the bundle's chain of custody.

The PDF is drawn before the export's ledger entry exists (the entry holds the PDF's and the
kit's digests), so the custody table cannot copy that entry: it prints the entry this export
will write, its actor and action, and the seq it takes at the earliest
(``BundleData.export_seq``: after the ledger head the bundle was gathered at and the processing
record written with it). Another entry may be written while the bundle is drawn (a background
sync, another window); the export then takes a later seq, and those entries are simply not in
the bundle (its checkpoint is the head it was gathered at). The export entry records the seq
printed as ``custody_seq``, and the evidence manifest carries it too (``export_entry``):
``verify`` checks here that no export sits before the seq its PDF printed, and
``verify-bundle`` that the kit's promise is consistent (a seq after every entry it holds, the
kit's signer, ``bundle.export``). A court holding a later ledger checks the entry itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import db

EXPORT_ACTION = "bundle.export"

_said = Catalogue(
    {
        "custody.where": "ledger seq {seq}",
        "custody.export_seq": "the bundle's chain of custody printed its own export as ledger "
        "seq {printed} or later, but the export entry is seq {seq}",
    }
)


def next_export_seq(session: Session) -> int:
    """The seq the export's entry takes at the earliest: after the processing record written
    with it, when nothing else is written before them."""
    return db.ledger_size(session.conn) + 2


def check_export_seqs(session: Session, replay: Replay) -> Iterable[Finding]:
    """Verify's check: no export entry sits before the seq its PDF's custody table printed
    (a later one: entries written while the bundle was drawn came first)."""
    del session
    for entry, payload in zip(replay.entries, replay.payloads, strict=True):
        if entry.action != EXPORT_ACTION or not isinstance(payload, dict):
            continue
        printed = payload.get("custody_seq")
        if printed is None:  # an earlier release's export
            continue
        if type(printed) is not int or printed > entry.seq:
            yield Finding(
                "bundle.custody_seq",
                _said("custody.where", seq=entry.seq),
                _said("custody.export_seq", printed=printed, seq=entry.seq),
            )
