"""The export's own entry in the bundle's chain of custody.

The PDF is drawn before the export's ledger entry exists (the entry holds the PDF's and the
kit's digests), so the custody table cannot copy that entry: it prints the entry this export
*will* write, at the seq it will take (``BundleData.export_seq``), its actor and action. The
export entry records that seq as ``custody_seq``, and the evidence manifest carries it too
(``export_entry``): ``verify`` checks here that every export landed at the seq its PDF printed,
and ``verify-bundle`` that the kit's promise is consistent (a seq after every entry it holds,
the kit's signer, ``bundle.export``). A court holding a later ledger checks the entry itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session

EXPORT_ACTION = "bundle.export"

_said = Catalogue(
    {
        "custody.where": "ledger seq {seq}",
        "custody.export_seq": "the bundle's chain of custody printed its own export as ledger "
        "seq {printed}, but the export entry is seq {seq}",
    }
)


def next_export_seq(session: Session) -> int:
    """The seq the export's entry will take: after the processing record written with it."""
    last = session.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM ledger").fetchone()[0]
    return int(last) + 2


def check_export_seqs(session: Session, replay: Replay) -> Iterable[Finding]:
    """Verify's check: each export entry sits at the seq its PDF's custody table printed."""
    del session
    for entry, payload in zip(replay.entries, replay.payloads, strict=True):
        if entry.action != EXPORT_ACTION or not isinstance(payload, dict):
            continue
        printed = payload.get("custody_seq")
        if printed is not None and printed != entry.seq:  # None: an earlier release's export
            yield Finding(
                "bundle.custody_seq",
                _said("custody.where", seq=entry.seq),
                _said("custody.export_seq", printed=printed, seq=entry.seq),
            )
