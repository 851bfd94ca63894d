"""The organisation's records key in use: making it, and sealing and opening records text.

What it is and why: domain/records_key.py. The cryptography: store/records_key.py. Its
private half is wrapped like a case key (``case_key_wraps`` under ``"@records"``), so
services/case_keys.py wraps it for new records readers (:func:`case_keys.plan_wraps`, at a
membership change or a holder's sync), withdraws it from users no longer entitled, and shares
the wraps through the hub (which holds only wraps). Crypto-shredding never touches it.

- **Made once per organisation**: by the founding admin at ``hub init`` (:func:`found`), or,
  for an organisation founded before it existed, at an admin's login on the founding device
  (:func:`after_login`) when neither this store nor the entries it pulled hold one. A
  standalone store makes none: nothing of it leaves the laptop, and its history stays its
  own when it joins one.
- **Sealing** (:func:`seal`): anyone holding the public half seals (a supervisor importing a
  case CSV is no records reader); before the key is on record a text is kept as it is.
- **Opening** (:func:`open_text`): a records reader opens with their wrap; anyone else (or a
  text that does not open) sees :data:`SEALED` instead, never an error.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from evidence_desk.domain import records_key as rk
from evidence_desk.integrity.ledger import Entry
from evidence_desk.services import case_keys
from evidence_desk.services.case_keys import KeySession
from evidence_desk.services.row_changes import put
from evidence_desk.store import case_keys as ck
from evidence_desk.store import db
from evidence_desk.store import records_key as crypto

#: what a reader who cannot open a sealed records text sees
SEALED = case_keys.SEALED_PLACEHOLDER
#: the file a store bound to a hub holds (services/sync.HUB_FILE: sync imports this module's
#: callers, so the name is repeated; a test holds them equal)
HUB_FILE = "hub.json"


def public_key(conn: db.Connection) -> str | None:
    """The records key's public half (hex) once its entry is on record here, else None."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (rk.SETTING,)).fetchone()
    return None if row is None else str(row[0])


def found(session: KeySession) -> Entry:
    """Make the organisation's records key: a fresh X25519 key pair, its public half on record
    (``records.key``, the ``settings`` row), its private half wrapped for every records reader
    this store knows with an X25519 key (the others get theirs at a holder's next sync)."""
    private = X25519PrivateKey.generate().private_bytes_raw()
    public = ck.public_hex(private)
    domain = case_keys.key_domain(session, rk.WRAP_NAME)
    wraps = [
        ck.make_wrap(domain, rk.WRAP_NAME, name, key, private)
        for name, key in case_keys.readers(session.conn, session.folder, rk.ROLES).items()
    ]
    session.case_key_cache[rk.WRAP_NAME] = private
    return session.write(
        "records.key",
        {
            "public_key": public,
            "key_id": ck.key_id(private),
            "wraps": case_keys.wrap_records(session, wraps),
        },
        [put("settings", {"key": rk.SETTING, "value": public})],
        extra=case_keys.store_wraps(wraps),
    )


def after_login(session: KeySession) -> Entry | None:
    """At an admin's login on the founding device of an organisation founded before the
    records key existed: make it, when neither this store nor the entries it pulled hold one.
    Only the founding device (the one whose store id is the organisation's:
    store/case_keys.org_domain), so two admins on two laptops never make two keys (the hub
    would refuse the second entry, its row must be new, and leave its wraps on that laptop
    recorded by a refused entry)."""
    conn = session.conn
    if not (session.folder.path / HUB_FILE).is_file() or public_key(conn) is not None:
        return None
    if ck.org_domain(conn, session.folder.store_id) != session.folder.store_id:
        return None  # a device that joined: the founding device's admin makes it
    pulled = conn.execute(
        "SELECT 1 FROM device_entries WHERE action = 'records.key' AND verdict = '' LIMIT 1"
    ).fetchone()
    return None if pulled is not None else found(session)


def _private(session: KeySession) -> bytes | None:
    try:
        return case_keys.case_key(session, rk.WRAP_NAME)
    except ck.CaseKeyError:
        return None


def seal(session: KeySession, place: str, column: str, text: str) -> str:
    """``text`` sealed to the records key as ``column`` of ``place`` (a table and row key, or
    an action and what it is about); as it is when empty or when no records key is on record
    here yet (the rule table then accepts it in clear)."""
    public = public_key(session.conn)
    if public is None or text == "" or rk.is_sealed(text):
        return text
    domain = case_keys.key_domain(session, rk.WRAP_NAME)
    return crypto.seal_text(public, domain, place, column, text)


def open_text(session: KeySession, place: str, column: str, value: str) -> str:
    """A records text opened: as it is when in clear (written before the key), opened with
    this user's wrap of the records key, or :data:`SEALED` for a user who holds none (not a
    records reader) or a text that does not open (verify reports it)."""
    if not rk.is_sealed(value):
        return value
    try:
        opened = open_strictly(session, place, column, value)
    except ck.CaseKeyError:
        return SEALED
    return SEALED if opened is None else opened


def open_strictly(session: KeySession, place: str, column: str, value: str) -> str | None:
    """A sealed records text opened with this user's wrap; None for a user who holds none.
    Raises CaseKeyError when it does not open (verify's check reports it)."""
    private = _private(session)
    if private is None:
        return None
    domain = case_keys.key_domain(session, rk.WRAP_NAME)
    return crypto.open_text(private, domain, place, column, value)


def held_public_key(session: KeySession) -> str | None:
    """The public half of the records key this user's wrap opens to (None: they hold none):
    verify compares it with the one on record."""
    private = _private(session)
    return None if private is None else ck.public_hex(private)


def can_open(session: KeySession) -> bool:
    """Does this user hold the records key (a records reader with their wrap here)?"""
    return _private(session) is not None
