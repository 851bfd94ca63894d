"""What the kit discloses of each bundled message, so anyone can prove it (issue 21 item 5).

Every message's salted commitment ``SHA-256(salt || content)`` is a leaf of its import's Merkle
tree, whose root the import's signed ledger entry records (services/commitments.py). For each
message the bundle prints, the kit carries (``ledger/disclosed/<import>.json``):

- its commitment, its index in the import and the RFC 9162 inclusion proof to that root;
- for a message printed in full, also its salt and its content (the canonical JSON the
  commitment is over), so a verifier recomputes the commitment from what it reads;
- for a redacted or withheld message, nothing more: a salt beside a short redacted text
  ("yes", a phone number) would let anyone guess the text by trying candidates. A court given
  the original message and its salt later checks it against the listed commitment.

A message whose text has a number the bundle masks is not disclosed in content either (the kit
must not hold in clear what the PDF masks), nor one whose stored fields do not recompute its
commitment (an earlier build's content form): both are proven by commitment only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from evidence_desk.bundle.model import BundleMessage, Exhibit
from evidence_desk.domain import sensitive_numbers
from evidence_desk.integrity import merkle
from evidence_desk.integrity.canonical import compact_bytes
from evidence_desk.services import case_keys
from evidence_desk.services.commitments import commitment_of
from evidence_desk.services.session import Session


def content_of(fields: Any, row: Mapping[str, Any]) -> bytes:
    """A stored message's content bytes, as the import committed them
    (``importers/base.py``: ``ParsedMessage.as_json_pair``)."""
    attachments = [
        {"kind": a.get("kind"), "name": a.get("name"), "state": a.get("state")}
        for a in json.loads(fields.attachments or "[]")
    ]
    return compact_bytes(
        {
            "attachments": attachments,
            "kind": row["kind"],
            "native_id": row["native_id"],
            "sender": fields.sender,
            "sender_id": fields.sender_id,
            "sent_at": row["sent_at"],
            "text": fields.text,
        },
        sort_keys=True,
    )


class _Import:
    """One chat import's commitments in order, with a proof cache over their leaves."""

    def __init__(self, session: Session, import_id: str, commitments: Sequence[str]) -> None:
        self.leaves = [merkle.leaf_hash(bytes.fromhex(c)) for c in commitments]
        self.cache: merkle.SubtreeCache = {}
        # message rowid -> its index among the import's commitments (the first, should a
        # message occur twice in one export)
        self.index: dict[int, int] = {}
        for n, r in enumerate(
            session.conn.execute(
                "SELECT message_rowid FROM message_sources WHERE import_id = ? ORDER BY position",
                (import_id,),
            )
        ):
            self.index.setdefault(int(r[0]), n)
        self.records: list[dict[str, Any]] = []

    def proof(self, index: int) -> list[str]:
        return [h.hex() for h in merkle.inclusion_proof(index, self.leaves, self.cache)]


def _printed_in_full(message: BundleMessage, masked: bool, stored_text: str) -> bool:
    if message.withheld is not None or message.segments:
        return False
    return not (masked and sensitive_numbers.find(stored_text))


def disclose(
    session: Session,
    exhibits: Sequence[Exhibit],
    commitment_lists: Mapping[str, Sequence[str]],
    *,
    masked: bool,
) -> dict[str, tuple[dict[str, Any], ...]]:
    """import id -> a record per bundled message it proves (see the module's docstring)."""
    imports = {i: _Import(session, i, c) for i, c in sorted(commitment_lists.items())}
    for exhibit in exhibits:
        if exhibit.kind != "conversation" or not exhibit.messages:
            continue
        opener = case_keys.message_opener(session, exhibit.contact.id)
        rows = {
            int(r["rowid"]): r
            for r in session.conn.execute(
                "SELECT * FROM messages WHERE contact_id = ?", (exhibit.contact.id,)
            )
        }
        for message in exhibit.messages:
            row = rows.get(message.rowid)
            # the first import (by id) that holds it; none: another device's import whose
            # messages this store does not hold
            held = next((i for i in imports.values() if message.rowid in i.index), None)
            if row is None or held is None:
                continue
            index = held.index[message.rowid]
            record: dict[str, Any] = {
                "commitment": message.commitment,
                "index": index,
                "proof": held.proof(index),
            }
            fields = opener.message(row["fingerprint"], row)
            if opener.can_open and _printed_in_full(message, masked, fields.text):
                content = content_of(fields, row)
                salt = str(row["salt"])
                if salt and commitment_of(salt, content) == message.commitment:
                    record["salt"] = salt
                    record["content"] = content.decode("utf-8")
            held.records.append(record)
    return {
        import_id: tuple(sorted(held.records, key=lambda r: int(r["index"])))
        for import_id, held in imports.items()
        if held.records
    }
