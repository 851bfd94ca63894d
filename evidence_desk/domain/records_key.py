"""The organisation's records key: the facts the rule table and the services share.

The records an organisation keeps about itself (an export's processing record, a breach
record, an unmasking's reason, a case CSV's file name) are read by legal, the admins and the
auditors (``processing.read``, ``breach.read``), and must outlive a case's crypto-shredding.
Auditors hold no case key by design, and a processing record outlives its case's key, so the
words people type into these records cannot be sealed under a case key. They are sealed to
one X25519 key pair of the organisation instead (HPKE single shot: anyone may seal, only a
holder of the private key opens): its public key is on record in the ledger (the ``settings``
row :data:`SETTING`, put once by a ``records.key`` entry), its private key is wrapped for every
records reader like a case key (``case_key_wraps`` under the reserved name :data:`WRAP_NAME`,
which no case number can take: they never start with "@").

The rule table (domain/authority.py) refuses, once the key's entry is on record, an entry of
:data:`SEALED_TEXT` whose text is in clear: "on record" is judged on the ledger's state before
the entry, never on a flag of the entry itself, so no insider can claim the old form.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import PERMISSIONS, Action

#: the name the records key's wraps take in ``case_key_wraps`` (case numbers never start
#: with "@": services/cases.valid_case_no; the handle-index key is "@handle-index")
WRAP_NAME = "@records"
#: the ``settings`` row holding the records key's public half (hex) once its entry is on record
#: (services/settings.py reads only its own named keys; ``settings.set`` may not put an "@"
#: key: domain/authority.py)
SETTING = "@records_key"
#: what a sealed text starts with: "edr1:" + base64url(HPKE enc || ciphertext)
PREFIX = "edr1:"
#: who reads the organisation's records, so holds a wrap of the records key: legal, the admins
#: and the auditors (the roles that may read processing or breach records)
ROLES = frozenset(
    role
    for role in Role
    if role in PERMISSIONS[Action.PROCESSING_READ] or role in PERMISSIONS[Action.BREACH_READ]
)
#: action -> the table whose rows (or None: the payload itself) hold text sealed to the records
#: key once it is on record, and those text fields
SEALED_TEXT: Mapping[str, tuple[str | None, tuple[str, ...]]] = {
    "processing.record": ("processing_records", ("recipient_name", "purpose", "basis_note")),
    "breach.add": ("breach_records", ("cause_note", "harm_note", "remedy_note")),
    "bundle.unmask": (None, ("reason",)),
    "case.import": (None, ("file_name",)),
}


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def clear_fields(fields: tuple[str, ...], row: Mapping[str, object]) -> list[str]:
    """The ``fields`` of ``row`` holding text in clear (an empty text hides nothing and stays
    empty; a missing field is the payload rule's to report)."""
    return [
        name
        for name in fields
        if isinstance(row.get(name), str) and row.get(name) != "" and not is_sealed(row.get(name))
    ]


def entitled(user: Mapping[str, object] | None) -> bool:
    """May this user (a ``users`` row) hold the records key?"""
    return user is not None and bool(user.get("active")) and user.get("role") in ROLES
