"""Per-case data keys: HPKE wraps for each reader, and the AES-GCM cipher of a case's fields.

Each case has its own random 32-byte key. It is never stored in the clear: it is wrapped for
every user entitled to read the case with HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256),
HKDF-SHA256, AES-256-GCM; ``cryptography.hazmat.primitives.hpke``) under that user's X25519
public key, which the ledger records with the user. The HPKE ``info`` binds the store, the case
and the recipient, so a wrap copied to another case, store or user does not open.

Wraps live in the table ``case_key_wraps`` (migration 8), not in ledger payloads: the ledger is
append-only, and destroying a case's key (crypto-shredding) must be able to delete every copy.
The ledger records each wrap's digest instead (services/case_keys.py), so ``verify`` can tell a
wrap the rules allowed from one slipped into the table.

A case's fields (its personal columns, see services/case_keys.py) are sealed one by one:

    "edk1:" || base64url(nonce (12) || AES-256-GCM(case key, nonce, text, aad))
    aad = "evidence-desk/field/v1" \\n store id \\n table \\n row key \\n column

so a ciphertext moved to another row, column, case or store fails authentication.

A case's messages are sealed one ciphertext per message (:class:`MessageCipher`, mark 0x02:
text, raw line, sender, sender id and attachments in one AES-GCM), an import's locators (where
each message was in the export) one ciphertext per import (:func:`seal_locators`); messages of
the build before, sealed column by column (0x01), are still opened (:class:`ColumnOpener`) until
the migration re-seals them.

A case's originals (store/blobs.py's format) are encrypted under two keys derived from the case
key with HKDF-SHA256 (:func:`blob_keys`): one for the content, one naming the files, so the same
file in two cases is two files under unrelated names and keys, and destroying the case key
leaves its originals unreadable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from evidence_desk.store.db import Connection

KEY_LEN = 32
FIELD_PREFIX = "edk1:"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class CaseKeyError(Exception):
    """A wrap or a sealed field does not open (wrong key, moved, or tampered with)."""


# -- the key domain ----------------------------------------------------------------------------


def key_domain(conn: Connection, store_id: str, case_no: str) -> str:
    """The id every case-key binding of ``case_no`` names (a wrap's HPKE ``info`` and digest, a
    field's, message's and locators' AAD): the organisation's id for a store that belongs to
    one, else the store's own id; and for a case created in a device's history from before it
    joined the organisation ("pre-organisation history"), that device's id, on every device.

    The organisation's id is the store id of its founding device (``hub init``), proven by the
    ledger rather than by a file: a joined store holds that device's signed ``store.init`` as
    the first entry of the organisation's order (``device_entries``, the lowest ``org_seq``,
    replayed by verify), and the founding device itself holds no foreign ``store.init``, so its
    own id is the organisation's. A standalone store holds no foreign entries: its own id, so
    every byte sealed before organisations existed opens and verifies as it was. Several
    devices of one organisation thus seal for one domain, and a wrap or a ciphertext made on
    one laptop opens on another; moved to another organisation or store, it still does not.

    A store that joined with its history (``join --store EXISTING``) sealed its cases under its
    own id before it joined, and nothing is ever re-sealed: its accepted ``device.join`` lists
    those cases (``pre_org.cases``), and each keeps the joining device's id as its domain, on
    that device and on every device that pulls it (:func:`pre_org_domains`)."""
    org = org_domain(conn, store_id)
    if org == store_id:
        return org  # standalone, or the founding device: one domain for every case
    return pre_org_domains(conn, store_id).get(case_no, org)


def org_domain(conn: Connection, store_id: str) -> str:
    """The organisation's id (the founding device's store id), or ``store_id`` for a standalone
    store and the founding device (see :func:`key_domain`)."""
    row = conn.execute(
        "SELECT device_id FROM device_entries WHERE org_seq = (SELECT MIN(org_seq) FROM "
        "device_entries) AND seq = 1 AND action = 'store.init' AND verdict = ''"
    ).fetchone()
    return store_id if row is None else str(row[0])


#: store id -> ((own ledger size, last org_seq pulled), case -> its pre-organisation domain):
#: the lists change only when an entry is written or pulled, while a domain is asked for every
#: sealed field opened (a list of a thousand contacts), so they are read once per change
_pre_org_cache: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def pre_org_domains(conn: Connection, store_id: str) -> dict[str, str]:
    """Case -> the id of the device whose pre-organisation history created it: the cases an
    accepted ``device.join``'s ``pre_org.cases`` lists (this device's own join of an existing
    store, committed only once the hub accepted it; other devices' as pulled, verdict '')."""
    sizes = conn.execute(
        "SELECT (SELECT coalesce(max(seq), 0) FROM ledger), "
        "(SELECT coalesce(max(org_seq), 0) FROM device_entries)"
    ).fetchone()
    stamp = (int(sizes[0]), int(sizes[1]))
    cached = _pre_org_cache.get(store_id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    found: dict[str, str] = {}
    first = conn.execute("SELECT action FROM ledger WHERE seq = 1").fetchone()
    own: list[tuple[str, str]] = []
    if first is not None and str(first[0]) == "store.init":
        # only a store that began on its own can have joined with its history
        own = [
            (store_id, str(r[0]))
            for r in conn.execute(
                "SELECT payload FROM ledger WHERE action = 'device.join' "
                "AND instr(payload, '\"pre_org\"') > 0"
            )
        ]
    pulled = [
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT device_id, payload FROM device_entries WHERE action = 'device.join' "
            "AND verdict = '' AND instr(payload, '\"pre_org\"') > 0"
        )
    ]
    for device, text in own + pulled:
        for case_no in pre_org_cases(text):
            found.setdefault(case_no, device)
    _pre_org_cache[store_id] = (stamp, found)
    return found


def pre_org_cases(payload: str) -> list[str]:
    """The case numbers a ``device.join`` payload (JSON text) lists as its device's
    pre-organisation history (``pre_org.cases``); none for a join of a new store."""
    try:
        body = json.loads(payload)
    except ValueError:
        return []  # verify reports it
    pre_org = body.get("pre_org") if isinstance(body, dict) else None
    cases = pre_org.get("cases") if isinstance(pre_org, dict) else None
    return [str(c) for c in cases] if isinstance(cases, list) else []


# -- user key pairs --------------------------------------------------------------------------


def new_wrap_key() -> tuple[bytes, str]:
    """A fresh X25519 key pair: (raw private key, public key as hex)."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), public_hex(private.private_bytes_raw())


def public_hex(private_raw: bytes) -> str:
    public = X25519PrivateKey.from_private_bytes(private_raw).public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


# -- wraps -------------------------------------------------------------------------------------


def _info(store_id: str, case_no: str, recipient: str) -> bytes:
    return f"evidence-desk/case-key/v1\n{store_id}\n{case_no}\n{recipient}".encode()


def seal_for(store_id: str, case_no: str, recipient: str, public: str, case_key: bytes) -> bytes:
    """HPKE single-shot seal of ``case_key`` for ``recipient`` (enc || ciphertext)."""
    key = X25519PublicKey.from_public_bytes(bytes.fromhex(public))
    return _SUITE.encrypt(case_key, key, info=_info(store_id, case_no, recipient))


def open_wrap(
    store_id: str, case_no: str, recipient: str, private_raw: bytes, sealed: bytes
) -> bytes:
    try:
        key = X25519PrivateKey.from_private_bytes(private_raw)
        opened = _SUITE.decrypt(sealed, key, info=_info(store_id, case_no, recipient))
    except (InvalidTag, ValueError) as error:
        raise CaseKeyError(str(error) or type(error).__name__) from None
    if len(opened) != KEY_LEN:
        raise CaseKeyError("wrapped key has the wrong length")
    return opened


def key_id(case_key: bytes) -> str:
    """A public name for a case key: every wrap of one case names the same key, and whoever
    opens one can check they got it. A one-way hash of 32 random bytes reveals nothing."""
    return hashlib.sha256(b"evidence-desk/case-key-id/v1\n" + case_key).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Wrap:
    """One row of ``case_key_wraps``."""

    case_no: str
    recipient: str
    recipient_key: str  # the X25519 public key (hex) it was sealed for
    sealed: bytes
    key_id: str

    def digest(self, store_id: str) -> str:
        """What the ledger records for this wrap (services/case_keys.py)."""
        h = hashlib.sha256(b"evidence-desk/case-key-wrap/v1\n")
        for part in (store_id, self.case_no, self.recipient, self.recipient_key, self.key_id):
            h.update(part.encode() + b"\n")
        h.update(self.sealed)
        return h.hexdigest()


def make_wrap(store_id: str, case_no: str, recipient: str, public: str, case_key: bytes) -> Wrap:
    sealed = seal_for(store_id, case_no, recipient, public, case_key)
    return Wrap(case_no, recipient, public, sealed, key_id(case_key))


def read_wraps(conn: Connection, case_no: str | None = None) -> Iterator[Wrap]:
    """The wraps of one case (or of every case), in (case, recipient) order."""
    sql = "SELECT case_no, recipient, recipient_key, sealed, key_id FROM case_key_wraps"
    args: tuple[str, ...] = ()
    if case_no is not None:
        sql, args = sql + " WHERE case_no = ?", (case_no,)
    for row in conn.execute(sql + " ORDER BY case_no, recipient", args):
        yield Wrap(str(row[0]), str(row[1]), str(row[2]), bytes(row[3]), str(row[4]))


def wrap_of(conn: Connection, case_no: str, recipient: str) -> Wrap | None:
    row = conn.execute(
        "SELECT case_no, recipient, recipient_key, sealed, key_id FROM case_key_wraps "
        "WHERE case_no = ? AND recipient = ?",
        (case_no, recipient),
    ).fetchone()
    if row is None:
        return None
    return Wrap(str(row[0]), str(row[1]), str(row[2]), bytes(row[3]), str(row[4]))


def put_wrap(conn: Connection, wrap: Wrap) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO case_key_wraps (case_no, recipient, recipient_key, sealed, "
        "key_id) VALUES (?, ?, ?, ?, ?)",
        (wrap.case_no, wrap.recipient, wrap.recipient_key, wrap.sealed, wrap.key_id),
    )


def delete_wrap(conn: Connection, case_no: str, recipient: str) -> None:
    conn.execute(
        "DELETE FROM case_key_wraps WHERE case_no = ? AND recipient = ?", (case_no, recipient)
    )


def delete_case_wraps(conn: Connection, case_no: str) -> int:
    """Delete every wrap of ``case_no`` (crypto-shredding); returns how many there were."""
    return int(conn.execute("DELETE FROM case_key_wraps WHERE case_no = ?", (case_no,)).rowcount)


# -- originals ---------------------------------------------------------------------------------

BLOB_CONTENT_INFO = b"evidence-desk/case-blob-content/v1"
BLOB_NAMES_INFO = b"evidence-desk/case-blob-names/v1"


def blob_keys(case_key: bytes) -> tuple[bytes, bytes]:
    """(content key, name key) of a case's originals, derived from the case key (distinct
    HKDF infos, distinct from the store's own blob keys)."""
    return _derive(case_key, BLOB_CONTENT_INFO), _derive(case_key, BLOB_NAMES_INFO)


# -- message salts -------------------------------------------------------------------------------

MESSAGE_SALT_INFO = b"evidence-desk/message-salt/v1"
SALT_LEN = 16
_HMAC_BLOCK = 64  # SHA-256's block: a 32-byte key is padded to it


def message_salt_key(case_key: bytes) -> bytes:
    """The key a case's message salts are derived under (its own HKDF info): secret without
    the case key, so commitments stay hiding, and gone with it when the case is shredded."""
    return _derive(case_key, MESSAGE_SALT_INFO)


def message_salts(salt_key: bytes, contact_id: str, fingerprints: Sequence[str]) -> list[bytes]:
    """Each message's salt: the first 16 bytes of HMAC-SHA256(salt key, contact id || 0x00 ||
    fingerprint (its hex text)). Deterministic, so another device of the organisation that
    holds the case key re-derives the commitments an import signed from its original alone.

    HMAC (RFC 2104) written out over the padded key, in one comprehension: ``hmac.digest`` per
    message costs twice as much for 100k messages (a test holds the two equal)."""
    padded = salt_key.ljust(_HMAC_BLOCK, b"\x00")
    inner = bytes(b ^ 0x36 for b in padded) + contact_id.encode("utf-8") + b"\x00"
    outer = bytes(b ^ 0x5C for b in padded)
    sha256 = hashlib.sha256
    return [
        sha256(outer + sha256(inner + f.encode("ascii")).digest()).digest()[:SALT_LEN]
        for f in fingerprints
    ]


def _derive(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=info).derive(key)


# -- sealed fields -----------------------------------------------------------------------------


def _field_aad(store_id: str, table: str, row_key: str, column: str) -> bytes:
    return f"evidence-desk/field/v1\n{store_id}\n{table}\n{row_key}\n{column}".encode()


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FIELD_PREFIX)


class FieldCipher:
    """AES-256-GCM under one case key, for the fields of one store."""

    __slots__ = ("_aead", "_store_id")

    def __init__(self, store_id: str, case_key: bytes) -> None:
        self._aead = AESGCM(case_key)
        self._store_id = store_id

    def seal(self, table: str, row_key: str, column: str, text: str) -> str:
        nonce = os.urandom(12)
        aad = _field_aad(self._store_id, table, row_key, column)
        body = nonce + self._aead.encrypt(nonce, text.encode("utf-8"), aad)
        return FIELD_PREFIX + base64.urlsafe_b64encode(body).decode("ascii")

    def open(self, table: str, row_key: str, column: str, value: str) -> str:
        if not is_sealed(value):
            raise CaseKeyError("not a sealed field")
        try:
            body = base64.urlsafe_b64decode(value[len(FIELD_PREFIX) :].encode("ascii"))
            aad = _field_aad(self._store_id, table, row_key, column)
            return self._aead.decrypt(body[:12], body[12:], aad).decode("utf-8")
        except (InvalidTag, ValueError) as error:
            raise CaseKeyError(str(error) or type(error).__name__) from None


# -- the handle index ---------------------------------------------------------------------------

#: what a contact's ``handle`` column holds since the handle itself is sealed (``handle_text``)
HANDLE_INDEX_PREFIX = "hx1:"


def handle_index(index_key: bytes, handle: str) -> str:
    """The keyed digest of a chat handle: equal for equal handles across every case of the
    store (the one-matter-per-chat rule compares it), with no handle in clear. ``index_key`` is
    a store-level key (HKDF of the data key, "handle-index"): a per-case key would give two
    cases different digests for one chat."""
    mac = hmac.new(index_key, b"evidence-desk/handle-index/v1\n" + handle.encode(), "sha256")
    return HANDLE_INDEX_PREFIX + mac.hexdigest()


# -- messages ----------------------------------------------------------------------------------

#: the mark of a message sealed as one ciphertext (:class:`MessageCipher`)
MESSAGE_MARK = b"\x02"
#: the mark of a message column sealed on its own (:class:`ColumnOpener`, stores keyed by the
#: build before: migrate_store re-seals them)
COLUMN_MARK = b"\x01"
#: the fields a sealed message holds, in this order (the JSON array's positions)
MESSAGE_FIELDS = ("text", "raw", "sender", "sender_id", "attachments")
_NONCES = 1024  # nonces drawn per system call (a 100k-message import seals 100k)


class MessageCipher:
    """AES-256-GCM under a case key for one contact's messages, one ciphertext per message:

        0x02 || nonce (12) || AES-256-GCM(case key, nonce, fields, aad)
        fields = JSON array [text, raw, sender, sender id, attachments (the JSON text)]
        aad = "evidence-desk/message/v2" \\n store id \\n contact id \\n fingerprint

    The fingerprint is the message's identity in its contact (verify re-derives it from the
    original), so a ciphertext moved to another message, contact or store does not open. One
    nonce, one tag and one AAD per message (a 100k-message import seals 100k), the array
    written and read by orjson (C); bytes, no base64. Stored in the ``text`` column."""

    __slots__ = ("_aead", "_nonces", "_prefix")

    def __init__(self, store_id: str, contact_id: str, case_key: bytes) -> None:
        self._aead = AESGCM(case_key)
        self._prefix = f"evidence-desk/message/v2\n{store_id}\n{contact_id}\n".encode()
        self._nonces: list[bytes] = []

    def seal(
        self,
        fingerprint: str,
        text: str,
        raw: str | None,
        sender: str,
        sender_id: str | None,
        attachments: str,
    ) -> bytes:
        nonces = self._nonces
        if not nonces:  # random nonces, drawn in one system call per thousand
            pool = os.urandom(12 * _NONCES)
            nonces += [pool[at : at + 12] for at in range(0, len(pool), 12)]
        nonce = nonces.pop()
        body = orjson.dumps([text, raw, sender, sender_id, attachments])
        sealed = self._aead.encrypt(nonce, body, self._prefix + fingerprint.encode())
        return b"".join((MESSAGE_MARK, nonce, sealed))

    def open(self, fingerprint: str, value: bytes) -> list[Any]:
        """The message's fields in ``MESSAGE_FIELDS`` order."""
        if value[:1] != MESSAGE_MARK:
            raise CaseKeyError("not a sealed message")
        try:  # (bytes slices: cheaper here than memoryview ones for a message's size)
            body = self._aead.decrypt(value[1:13], value[13:], self._prefix + fingerprint.encode())
            fields = orjson.loads(body)
        except (InvalidTag, ValueError) as error:
            raise CaseKeyError(str(error) or type(error).__name__) from None
        if not isinstance(fields, list) or len(fields) != len(MESSAGE_FIELDS):
            raise CaseKeyError("a sealed message holds another shape")
        return fields


class ColumnOpener:
    """Opens a message column sealed on its own, the format of the build before (migration
    re-seals these as :class:`MessageCipher` does):

        0x01 || nonce (12) || AES-256-GCM(case key, nonce, text, aad)
        aad = "evidence-desk/message/v1" \\n store id \\n contact id \\n fingerprint \\n column
    """

    __slots__ = ("_aead", "_prefix")

    def __init__(self, store_id: str, contact_id: str, case_key: bytes) -> None:
        self._aead = AESGCM(case_key)
        self._prefix = f"evidence-desk/message/v1\n{store_id}\n{contact_id}\n".encode()

    def open(self, fingerprint: str, column: str, value: bytes) -> str:
        if value[:1] != COLUMN_MARK:
            raise CaseKeyError("not a sealed message column")
        aad = self._prefix + fingerprint.encode() + b"\n" + column.encode()
        view = memoryview(value)
        try:
            return self._aead.decrypt(view[1:13], view[13:], aad).decode("utf-8")
        except (InvalidTag, ValueError) as error:
            raise CaseKeyError(str(error) or type(error).__name__) from None


# -- an import's locators ----------------------------------------------------------------------

LOCATORS_MARK = b"\x03"


def _locators_aad(store_id: str, import_id: str) -> bytes:
    return f"evidence-desk/locators/v1\n{store_id}\n{import_id}".encode()


def seal_locators(store_id: str, import_id: str, case_key: bytes, locators: list[str]) -> bytes:
    """Where each message of one import was in its export (file name and line, by position),
    as one ciphertext (table ``import_locators``; one AES-GCM per import, not per message):

        0x03 || nonce (12) || AES-256-GCM(case key, nonce, JSON array, aad)
        aad = "evidence-desk/locators/v1" \\n store id \\n import id
    """
    nonce = os.urandom(12)
    body = orjson.dumps(locators)
    aad = _locators_aad(store_id, import_id)
    return LOCATORS_MARK + nonce + AESGCM(case_key).encrypt(nonce, body, aad)


def open_locators(store_id: str, import_id: str, case_key: bytes, value: bytes) -> list[str]:
    if value[:1] != LOCATORS_MARK:
        raise CaseKeyError("not sealed locators")
    try:
        body = AESGCM(case_key).decrypt(value[1:13], value[13:], _locators_aad(store_id, import_id))
        locators = orjson.loads(body)
    except (InvalidTag, ValueError) as error:
        raise CaseKeyError(str(error) or type(error).__name__) from None
    if not isinstance(locators, list) or not all(isinstance(x, str) for x in locators):
        raise CaseKeyError("sealed locators hold another shape")
    return locators


# -- a screenshot's OCR result -------------------------------------------------------------------

OCR_MARK = b"\x04"


def _ocr_aad(store_id: str, item_id: str) -> bytes:
    return f"evidence-desk/ocr/v1\n{store_id}\n{item_id}".encode()


def seal_ocr(store_id: str, item_id: str, case_key: bytes, encoded: bytes) -> bytes:
    """A screenshot's OCR result (evidence_desk/ocr/engine.OcrResult.encode) as one
    ciphertext (table ``ocr_results``), bound to its item:

        0x04 || nonce (12) || AES-256-GCM(case key, nonce, result, aad)
        aad = "evidence-desk/ocr/v1" \\n store id \\n item id
    """
    nonce = os.urandom(12)
    return OCR_MARK + nonce + AESGCM(case_key).encrypt(nonce, encoded, _ocr_aad(store_id, item_id))


def open_ocr(store_id: str, item_id: str, case_key: bytes, value: bytes) -> bytes:
    if value[:1] != OCR_MARK:
        raise CaseKeyError("not a sealed OCR result")
    try:
        return AESGCM(case_key).decrypt(value[1:13], value[13:], _ocr_aad(store_id, item_id))
    except (InvalidTag, ValueError) as error:
        raise CaseKeyError(str(error) or type(error).__name__) from None
