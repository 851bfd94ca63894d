"""verify's check of the per-case keys: the wraps against the ledger, the sealed fields
against their keys (services/case_keys.py says what they are)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from evidence_desk.domain import records_key as rk
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.case_keys import (
    SEALED_FIELDS,
    WRAP_ACTIONS,
    KeySession,
    case_key,
    key_domain,
    open_import_locators,
    readers,
)
from evidence_desk.services.replay import Replay
from evidence_desk.store import case_keys as ck
from evidence_desk.store import db

_said = Catalogue(
    {
        "case_key.where": "case {case} key",
        "case_key.where_wrap": "case {case} key wrap for {user}",
        "case_key.where_field": "table {table} row {key} column {column}",
        "case_key.unrecorded": "a wrap of the case key is in the table but no ledger entry made "
        "it (inserted outside the app)",
        "case_key.missing": "the ledger records a wrap that is not in the table",
        "case_key.changed": "the wrap differs from the one the ledger records",
        "case_key.stale": "{user} is no longer entitled to read the case but still holds a wrap",
        "case_key.opens_not": "the verifier's wrap does not open ({error})",
        "case_key.field_opens_not": "does not decrypt under the case key ({error})",
        "case_key.handle_index_differs": "the contact's handle digest is not the digest of its "
        "sealed handle (the one-matter-per-chat rule compared the wrong chat)",
        "case_key.clear_beside_sealed": "holds a value in clear beside the sealed one",
        "case_key.not_performed": "content checks not performed: {user} holds no key of this case "
        "(role {role}); another reader's verify checks them",
    }
)


class Recorded(NamedTuple):
    """The wraps ledger entries recorded for one (case, recipient) since its last withdrawal:
    their digests (two devices may each wrap one key for a user who joined: the hub keeps the
    first, and either is one the rules allowed) and whether this device's own entry made the
    last (a device holds every wrap it made; of another device's, only those sync brought for
    its own users)."""

    digests: frozenset[str]
    own: bool


def recorded_wraps(replay: Replay, conn: db.Connection) -> dict[tuple[str, str], Recorded]:
    """(case, recipient) -> the wrap the ledger's entries leave in force, from
    the entries that keep the rule table, in the organisation's order: this device's own and,
    in a store of an organisation, those the hub accepted from its other devices (a case made
    on another laptop names its wraps there; sync brings the wraps for this store's users). A
    wrap is made only by an action whose rule judges it (``WRAP_ACTIONS``); a withdrawal counts
    from any action, as it only takes access away (crypto-shredding records the wraps it
    destroys in its own entry: ``withdrawal_records``; and a tombstone, this device's or
    another's, withdraws every wrap of its case, including those the shredding device never
    held: each device destroys the key when it pulls the tombstone)."""
    placed = {int(r[0]): int(r[1]) for r in conn.execute("SELECT seq, org_seq FROM org_positions")}
    unplaced = float("inf")
    ordered: list[tuple[float, int, str, Any]] = [
        (placed.get(entry.seq, unplaced), entry.seq, entry.action, payload)
        for entry, payload in zip(replay.entries, replay.payloads, strict=True)
        if entry.seq not in replay.rejected
    ]
    for org_seq, action, text in conn.execute(
        "SELECT org_seq, action, payload FROM device_entries WHERE verdict = '' "
        "AND instr(payload, '\"wraps\"') > 0"
    ):
        try:
            payload = json.loads(str(text))
        except ValueError:
            continue  # the replay reports it (ledger.payload_json)
        ordered.append((int(org_seq), 0, str(action), payload))
    ordered.sort(key=lambda item: (item[0], item[1]))
    recorded: dict[tuple[str, str], Recorded] = {}
    for _place, seq, action, payload in ordered:
        wraps = payload.get("wraps") if isinstance(payload, dict) else None
        if not isinstance(wraps, list):
            continue
        if action == "case.shred":  # the key is destroyed on every device that held it
            shredded = str(payload.get("case_no"))
            for place in [p for p in recorded if p[0] == shredded]:
                del recorded[place]
        may_add = action in WRAP_ACTIONS
        for wrap in wraps:
            if not isinstance(wrap, dict):
                continue
            place = (str(wrap.get("case_no")), str(wrap.get("recipient")))
            if wrap.get("removed") is True:
                recorded.pop(place, None)
            elif may_add:
                before = recorded.get(place)
                digests = frozenset() if before is None else before.digests
                recorded[place] = Recorded(digests | {str(wrap.get("digest"))}, seq > 0)
    return recorded


def check_case_keys(session: KeySession, replay: Replay) -> list[Finding]:
    """The wraps against the ledger, and the cases' sealed fields against their keys.

    A wrap must be one a rule-keeping entry recorded (same digest); a user no longer entitled
    must hold none. The sealed fields are opened with the verifier's own wrap: a verifier who
    holds none (an auditor) gets ``case_key.not_performed`` for that case, a warning, never a
    silent pass."""
    found: list[Finding] = []
    recorded = recorded_wraps(replay, session.conn)
    table = {(w.case_no, w.recipient): w for w in ck.read_wraps(session.conn)}
    entitled = readers(session.conn)
    # the organisation's records key has its own readers (domain/records_key.py)
    records_readers = readers(session.conn, None, rk.ROLES)
    for place in sorted(table.keys() | recorded.keys()):
        case_no, user = place
        where = _said("case_key.where_wrap", case=case_no, user=user)
        wrap, made = table.get(place), recorded.get(place)
        if wrap is None and made is not None and not made.own:
            continue  # another device's wrap for a user of another device
        if wrap is None:
            found.append(Finding("case_key.missing", where, _said("case_key.missing")))
        elif made is None:
            found.append(Finding("case_key.unrecorded", where, _said("case_key.unrecorded")))
        elif wrap.digest(key_domain(session, case_no)) not in made.digests:
            found.append(Finding("case_key.changed", where, _said("case_key.changed")))
        elif (records_readers if case_no == rk.WRAP_NAME else entitled).get(
            user
        ) != wrap.recipient_key:
            found.append(
                Finding(
                    "case_key.stale", where, _said("case_key.stale", user=user), severity="warning"
                )
            )
    # (the records key seals no case's fields: services/records_key_checks.py opens its texts)
    keyed = {case_no for case_no, _user in recorded} - {rk.WRAP_NAME}
    found.extend(_check_fields(session, replay, keyed))
    return found


def _sealed_by_case(replay: Replay) -> dict[str, list[tuple[str, str, str, str]]]:
    """case -> its sealed fields as (table, row key, column, value): cases, contacts, tags,
    acknowledgements, imports and items (their case is their contact's)."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for (case_no,), row in replay.tables["cases"].items():
        found.setdefault(str(case_no), []).extend(
            ("cases", str(case_no), c, str(row[c]))
            for c in SEALED_FIELDS["cases"]
            if ck.is_sealed(row.get(c))
        )
    for table in ("contacts", "tags", "conduct_acks"):
        for (row_key,), row in replay.tables[table].items():
            found.setdefault(str(row.get("case_no")), []).extend(
                (table, str(row_key), c, str(row[c]))
                for c in SEALED_FIELDS[table]
                if ck.is_sealed(row.get(c))
            )
    contacts = replay.tables["contacts"]
    for table in ("imports", "items"):
        for (row_key,), row in replay.tables.get(table, {}).items():
            owner = contacts.get((row.get("contact_id"),), {})
            found.setdefault(str(owner.get("case_no")), []).extend(
                (table, str(row_key), c, str(row[c]))
                for c in SEALED_FIELDS[table]
                if ck.is_sealed(row.get(c))
            )
    return found


def _check_locators(session: KeySession, case_no: str) -> Iterable[Finding]:
    """The case's imports' sealed locators open under its key, and no link of such an import
    holds a locator in clear beside them (services/case_keys.py ``LocatorReader``)."""
    for (import_id,) in session.conn.execute(
        "SELECT l.import_id FROM import_locators l JOIN imports i ON i.id = l.import_id "
        "JOIN contacts c ON c.id = i.contact_id WHERE c.case_no = ? ORDER BY l.import_id",
        (case_no,),
    ).fetchall():
        where = _said(
            "case_key.where_field", table="import_locators", key=import_id, column="sealed"
        )
        try:
            open_import_locators(session, str(import_id))
        except ck.CaseKeyError as error:
            yield Finding(
                "case_key.field", where, _said("case_key.field_opens_not", error=str(error))
            )
        clear = session.conn.execute(
            "SELECT position FROM message_sources WHERE import_id = ? AND locator != '' "
            "ORDER BY position LIMIT 1",
            (import_id,),
        ).fetchone()
        if clear is not None:
            yield Finding(
                "case_key.field",
                _said(
                    "case_key.where_field",
                    table="message_sources",
                    key=f"{import_id} {clear[0]}",
                    column="locator",
                ),
                _said("case_key.clear_beside_sealed"),
            )


def _check_fields(session: KeySession, replay: Replay, keyed: set[str]) -> Iterable[Finding]:
    """Every sealed field of every case opens under the case's key (the verifier's wrap).
    The messages' sealed texts are opened by the import check (services/import_checks.py),
    which leaves them to a reader with the key as well: one ``not_performed`` per case says
    what this verifier could not check."""
    for case_no, sealed in sorted(_sealed_by_case(replay).items()):
        if not sealed and case_no not in keyed:
            continue
        try:
            key = case_key(session, str(case_no))
        except ck.CaseKeyError as error:
            yield Finding(
                "case_key.opens_not",
                _said("case_key.where", case=case_no),
                _said("case_key.opens_not", error=str(error)),
            )
            continue
        if key is None:
            yield Finding(
                "case_key.not_performed",
                _said("case_key.where", case=case_no),
                _said(
                    "case_key.not_performed",
                    user=session.user.name,
                    role=session.user.role.value,
                ),
                severity="warning",
            )
            continue
        yield from _check_locators(session, str(case_no))
        cipher = ck.FieldCipher(key_domain(session, str(case_no)), key)
        for table, row_key, column, value in sealed:
            where = _said("case_key.where_field", table=table, key=row_key, column=column)
            try:
                opened = cipher.open(table, row_key, column, value)
            except ck.CaseKeyError as error:
                yield Finding(
                    "case_key.field", where, _said("case_key.field_opens_not", error=str(error))
                )
                continue
            if column == "handle_text":
                digest = replay.tables["contacts"][(row_key,)].get("handle")
                if digest != session.handle_index(opened):
                    yield Finding(
                        "case_key.handle_index", where, _said("case_key.handle_index_differs")
                    )
