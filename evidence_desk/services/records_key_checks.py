"""Verify's check of the texts sealed to the organisation's records key.

The rule table accepts a text that looks sealed (``edr1:``) once the records key is on record
(domain/authority.py ``_records_sealed``); it cannot tell one sealed to the organisation's key
from one an insider sealed to a key of their own, which no records reader could ever open.
A verifier who holds the records key (legal, an admin, an auditor) opens every such text of the
replayed records (processing and breach records' rows) and entries (``bundle.unmask``'s
reason, ``case.import``'s file name) and reports one that does not open
(``records_key.opens_not``), and a wrap of a private key whose public half is not the one on
record (``records_key.mismatch``: an admin who published one key and wrapped another). A
verifier without it checks nothing here: the texts are for the records readers, whose verify
does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from evidence_desk.domain import records_key as rk
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import records_key
from evidence_desk.services.bundle_masking import unmask_place
from evidence_desk.services.cases import import_place
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck

_said = Catalogue(
    {
        "records_key.where": "{place}, {column}",
        "records_key.where_key": "the records key wrapped for {user}",
        "records_key.mismatch": "the records key wrapped for this user has the public key "
        "{held}, not the one on record ({on_record})",
        "records_key.opens_not": "the text sealed to the organisation's records key does not "
        "open with it ({error})",
    }
)


def check_records_texts(session: Session, replay: Replay) -> Iterable[Finding]:
    held = records_key.held_public_key(session)
    if held is None:
        return
    on_record = records_key.public_key(session.conn)
    if held != on_record:
        # a wrap of another private key than the one whose public half everyone seals to:
        # nothing sealed from now on would open for this reader
        yield Finding(
            "records_key.mismatch",
            _said("records_key.where_key", user=session.user.name),
            _said("records_key.mismatch", on_record=on_record, held=held),
        )
    for place, column, value in _sealed(replay):
        try:
            records_key.open_strictly(session, place, column, value)
        except ck.CaseKeyError as error:
            yield Finding(
                "records_key.opens_not",
                _said("records_key.where", place=place, column=column),
                _said("records_key.opens_not", error=str(error)),
            )


def _sealed(replay: Replay) -> Iterator[tuple[str, str, str]]:
    """(place, column, sealed text) of every records text of the replay."""
    for action, (table, columns) in rk.SEALED_TEXT.items():
        if table is not None:
            for (row_key,), row in sorted(replay.tables.get(table, {}).items()):
                for column in columns:
                    if rk.is_sealed(row.get(column)):
                        yield f"{table}/{row_key}", column, str(row[column])
            continue
        for entry, payload in zip(replay.entries, replay.payloads, strict=True):
            if entry.action != action or entry.seq in replay.rejected:
                continue
            if not isinstance(payload, dict):
                continue
            for column in columns:
                value = payload.get(column)
                if rk.is_sealed(value):
                    place = (
                        unmask_place(str(payload.get("case_no")))
                        if action == "bundle.unmask"
                        else import_place(str(payload.get("sha256")))
                    )
                    yield place, column, str(value)
