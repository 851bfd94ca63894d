"""Trusted time: RFC 3161 tokens over checkpoints, queued while offline.

A local clock proves nothing in court. A TSA's token over a checkpoint note proves that every
entry the checkpoint's Merkle root covers existed at the token's genTime; one token over the
newest checkpoint covers all before it (consistency of the append-only tree).

- Every checkpoint is implicitly queued: it is *pending* until a token covers a checkpoint at
  least as large. ``stamp`` sends the newest checkpoint to the configured TSAs in order, verifies
  the answer fully (integrity/tsa.py) and stores the token, the request and response bytes and
  the certificate path as one ledger entry. Transport failures and refused answers leave the
  queue as it was; the attempt and its reason go to ``stamp_attempts`` (an operational log, not
  evidence: offline laptops would otherwise fill the ledger with retries).
- The entry records, for each newly covered evidence entry, the gap between its local time and
  the token's genTime (EV-12), and the local clock's offset from genTime (flagged above 5 min).
- The newest token is also mirrored into ``store.json``, so a truncated ledger is detected against
  trusted time even if the database lost the token's own entry. The mirror is signed by the user
  who stamped (``evidence-desk/stamped/v1`` context), so an edited mirror is found; a mirror
  deleted together with the ledger's tail is found by the anchors (services/anchoring.py).

Only SHA-256 imprints are requested by default. SM3 imprints can be requested and checked, but
tokens *signed* with SM2 (the usual GB/T 20520 profile) cannot be verified with the libraries we
ship, so bundles state that the time-stamps present are RFC 3161 SHA-256 tokens.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509

from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, signing, tsa
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import settings as settings_service
from evidence_desk.services.clock import rfc3339
from evidence_desk.services.ledger_users import LedgerUsers
from evidence_desk.services.originals import new_id
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session, put
from evidence_desk.store import db

STAMP_ACTION = "timestamp.add"
SKEW_FLAG_SECONDS = 300
RETRY_BACKOFF_SECONDS = 0.5
EVIDENCE_ACTIONS = ("evidence.import", "evidence.attach", "contact.request", "contact.approve")

Sender = Callable[[str, bytes, float], bytes]  # (url, request DER, timeout) -> response DER


@dataclass(frozen=True, slots=True)
class Authority:
    name: str
    url: str
    hash_alg: str
    roots: list[x509.Certificate]
    certs: list[x509.Certificate]
    timeout_seconds: int


@dataclass(frozen=True, slots=True)
class StampOutcome:
    stamped: bool
    checkpoint_size: int
    tsa_name: str | None
    gen_time: str | None
    attempts: list[tuple[str, str]]  # (tsa name, reason) of failed attempts; coded: rfc3161.*
    clock_skew_seconds: int | None = None

    @property
    def skew_flagged(self) -> bool:
        return (
            self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > SKEW_FLAG_SECONDS
        )


@dataclass(frozen=True, slots=True)
class StampStatus:
    ledger_size: int
    stamped_size: int
    pending_entries: int
    newest_gen_time: str | None


# -- configuration --------------------------------------------------------------------------

_said = Catalogue(
    {
        "tsa.not_pem": "not PEM certificates ({error})",
        "tsa.name_url": "needs a name and an http(s) URL",
        "tsa.hash": "hash must be one of {choices}",
        "tsa.no_root": "at least one root certificate is required",
        "tsa.no_such": "no time-stamp authority named {name!r}",
        "tsa.none": "no time-stamp authority is configured: an admin adds one with `tsa add`",
        # verify findings and their locations
        "tsa.where_timestamp": "timestamp {id} (checkpoint {size}, {name})",
        "tsa.where_stamped": "store.json stamped checkpoint",
        "tsa.where_pending": "ledger seq {first}..{last}",
        "tsa.root_mismatch": "the stamped root does not match the ledger",
        "tsa.ledger_truncated": "a trusted time-stamp covers {size} entries but the ledger has "
        "only {entries}: the tail of the ledger was removed",
        "tsa.pending": "{count} {count:entry|entries} sealed locally, not yet time-stamped",
        "tsa.issuer_unknown": "the TSA that issued it is not configured",
        "tsa.token_invalid": "token does not verify: {error}",
        "tsa.mirror_unsigned": "the mirrored time-stamp is not signed (written by an older "
        "version): who mirrored it is not proven",
        "tsa.mirror_signature": "the mirrored time-stamp is not signed by {signer} with a key "
        "this ledger gave them: store.json was edited",
    }
)


def _load_pem_list(text: str, what: str) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(text.encode("ascii")) if text.strip() else []
    except ValueError as error:
        raise BadInput(what, "", _said("tsa.not_pem", error=error)) from None


def add_authority(
    session: Session,
    name: str,
    url: str,
    roots_pem: str,
    certs_pem: str = "",
    *,
    hash_alg: str = "sha256",
    timeout_seconds: int = 10,
) -> Authority:
    session.require(Action.TSA_CONFIGURE)
    if not name.strip() or not url.startswith(("http://", "https://")):
        raise BadInput("tsa", name, _said("tsa.name_url"))
    if hash_alg not in tsa.IMPRINT_HASHES:
        raise BadInput(
            "tsa", hash_alg, _said("tsa.hash", choices=", ".join(sorted(tsa.IMPRINT_HASHES)))
        )
    roots = _load_pem_list(roots_pem, "--ca")
    if not roots:
        raise BadInput("--ca", "", _said("tsa.no_root"))
    _load_pem_list(certs_pem, "--certs")
    position = session.conn.execute("SELECT count(*) FROM tsa_authorities").fetchone()[0]
    exists = session.conn.execute(
        "SELECT position FROM tsa_authorities WHERE name = ?", (name,)
    ).fetchone()
    row = {
        "name": name,
        "url": url,
        "hash_alg": hash_alg,
        "roots_pem": roots_pem,
        "certs_pem": certs_pem,
        "timeout_seconds": int(timeout_seconds),
        "position": exists["position"] if exists else position,
        "active": 1,
    }
    session.write("tsa.configure", {"name": name, "url": url}, [put("tsa_authorities", row)])
    return _authority(row)


def _authority(row: Any) -> Authority:
    return Authority(
        row["name"],
        row["url"],
        row["hash_alg"],
        _load_pem_list(row["roots_pem"], "roots"),
        _load_pem_list(row["certs_pem"], "certs"),
        int(row["timeout_seconds"]),
    )


def list_authorities(session: Session) -> list[Authority]:
    session.require(Action.SETTINGS_READ)
    rows = session.conn.execute(
        "SELECT * FROM tsa_authorities WHERE active = 1 ORDER BY position, name"
    ).fetchall()
    return [_authority(r) for r in rows]


# -- status -----------------------------------------------------------------------------------


def status(session: Session) -> StampStatus:
    size = db.ledger_size(session.conn)
    newest = session.conn.execute(
        "SELECT checkpoint_size, gen_time FROM timestamps ORDER BY checkpoint_size DESC LIMIT 1"
    ).fetchone()
    stamped = int(newest["checkpoint_size"]) if newest else 0
    pending = session.conn.execute(
        "SELECT count(*) FROM ledger WHERE seq > ? AND action != ?", (stamped, STAMP_ACTION)
    ).fetchone()[0]
    return StampStatus(size, stamped, int(pending), newest["gen_time"] if newest else None)


# -- stamping ---------------------------------------------------------------------------------


def _send(url: str, request_der: bytes, timeout: float) -> bytes:
    return tsa.send_request(url, request_der, timeout=timeout)


def stamp(session: Session, *, tsa_name: str | None = None, sender: Sender = _send) -> StampOutcome:
    """Time-stamp the newest checkpoint if anything is pending; never loses the queue."""
    session.require(Action.STAMP)
    current = status(session)
    if current.pending_entries == 0:
        return StampOutcome(False, current.stamped_size, None, current.newest_gen_time, [])
    authorities = list_authorities(session)
    if tsa_name is not None:
        authorities = [a for a in authorities if a.name == tsa_name]
        if not authorities:
            raise NotFound(_said("tsa.no_such", name=tsa_name))
    if not authorities:
        raise RuleViolation("tsa.configured", _said("tsa.none"))
    checkpoint = session.conn.execute(
        "SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1"
    ).fetchone()
    size, root = int(checkpoint["size"]), str(checkpoint["root"])
    note = ledger.checkpoint_note(session.folder.store_id, size, root).encode()
    failures: list[tuple[str, str]] = []
    retries = settings_service.get_int(session, "tsa_retries")
    for authority in authorities:
        answer = _ask(session, authority, note, size, sender, retries, failures)
        if answer is None:
            continue
        info, request_der, response_der = answer
        local = session.clock()
        skew = int((local - info.gen_time).total_seconds())
        _record(session, authority, size, root, info, request_der, response_der, local, skew)
        _log_attempt(session, authority.name, size, "stamped", "")
        return StampOutcome(True, size, authority.name, rfc3339(info.gen_time), failures, skew)
    return StampOutcome(False, current.stamped_size, None, current.newest_gen_time, failures)


def _ask(
    session: Session,
    authority: Authority,
    note: bytes,
    size: int,
    sender: Sender,
    retries: int,
    failures: list[tuple[str, str]],
) -> tuple[tsa.TimestampInfo, bytes, bytes] | None:
    """One authority: a verified token, or None after logging why. Network failures are
    retried ``retries`` times with a doubling pause; a wrong answer is never retried."""
    for attempt in range(retries + 1):
        digest = tsa.hash_bytes(authority.hash_alg, note)
        nonce = tsa.new_nonce()
        request_der = tsa.build_request(digest, nonce=nonce, hash_alg=authority.hash_alg)
        try:
            response_der = sender(authority.url, request_der, float(authority.timeout_seconds))
            info = tsa.verify_response(
                response_der,
                digest=digest,
                nonce=nonce,
                trusted_roots=authority.roots,
                extra_certs=authority.certs,
                hash_alg=authority.hash_alg,
                now=session.clock(),
                max_clock_skew=None,
            )
        except tsa.TsaError as error:
            failures.append((authority.name, error.message))
            _log_attempt(session, authority.name, size, "failed", error.message)
            if error.retryable and attempt < retries:
                time.sleep(RETRY_BACKOFF_SECONDS * 2**attempt)
                continue
            return None
        return info, request_der, response_der
    return None


def _log_attempt(session: Session, name: str, size: int, outcome: str, reason: str) -> None:
    session.conn.execute(
        "INSERT INTO stamp_attempts (at, tsa_name, checkpoint_size, outcome, reason) "
        "VALUES (?, ?, ?, ?, ?)",
        (session.now(), name, size, outcome, reason),
    )


def _covered_gaps(session: Session, size: int, gen_time: datetime) -> list[dict[str, Any]]:
    """Evidence entries this token newly covers, with import-to-token gap (EV-12)."""
    previous = session.conn.execute(
        "SELECT coalesce(max(checkpoint_size), 0) FROM timestamps"
    ).fetchone()[0]
    rows = session.conn.execute(
        f"SELECT seq, at, action FROM ledger WHERE seq > ? AND seq <= ? AND action IN "
        f"({', '.join('?' for _ in EVIDENCE_ACTIONS)}) ORDER BY seq",
        (previous, size, *EVIDENCE_ACTIONS),
    )
    return [
        {
            "seq": r["seq"],
            "action": r["action"],
            "gap_seconds": int((gen_time - datetime.fromisoformat(r["at"])).total_seconds()),
        }
        for r in rows
    ]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _record(
    session: Session,
    authority: Authority,
    size: int,
    root: str,
    info: tsa.TimestampInfo,
    request_der: bytes,
    response_der: bytes,
    local: datetime,
    skew: int,
) -> None:
    row = {
        "id": new_id("T"),
        "checkpoint_size": size,
        "checkpoint_root": root,
        "tsa_name": authority.name,
        "hash_alg": info.hash_alg,
        "gen_time": rfc3339(info.gen_time),
        "serial_number": str(info.serial_number),
        "policy_oid": info.policy_oid,
        "tsa_subject": info.tsa_name,
        "token": _b64(info.token_der),
        "request": _b64(request_der),
        "response": _b64(response_der),
        "cert_chain": json.dumps([_b64(c) for c in info.cert_chain_der]),
        "local_time": rfc3339(local),
        "clock_skew_seconds": skew,
        "stamped_by": session.user.name,
    }
    covered = _covered_gaps(session, size, info.gen_time)
    session.write(
        STAMP_ACTION,
        {
            "checkpoint_size": size,
            "checkpoint_root": root,
            "tsa": authority.name,
            "gen_time": row["gen_time"],
            "serial_number": row["serial_number"],
            "clock_skew_seconds": skew,
            "clock_skew_flagged": abs(skew) > SKEW_FLAG_SECONDS,
            "covers": covered,
        },
        [put("timestamps", row)],
        operation="stamp",
    )
    mirror = {
        "size": size,
        "root": root,
        "tsa": authority.name,
        "gen_time": row["gen_time"],
        "hash_alg": info.hash_alg,
        "token": row["token"],
    }
    signature = session.sign(
        signing.STAMPED_CONTEXT, mirror_message(session.folder.store_id, mirror)
    )
    session.folder.write_stamped({**mirror, "signer": session.user.name, "signature": signature})


MIRROR_FIELDS = ("size", "root", "tsa", "gen_time", "hash_alg", "token")


def mirror_message(store_id: str, mirror: dict[str, Any]) -> bytes:
    """What the stamping user signs of the mirror in store.json: the store and the mirrored
    fields, as canonical JSON (the signer and the signature themselves are not signed)."""
    return canonical_bytes({"store_id": store_id, **{k: mirror.get(k) for k in MIRROR_FIELDS}})


# -- verification -----------------------------------------------------------------------------


def check_timestamps(session: Session, replay: Replay) -> Iterable[Finding]:
    roots = replay.roots
    authorities = {
        r["name"]: _authority(r) for r in session.conn.execute("SELECT * FROM tsa_authorities")
    }
    newest = 0
    for row in session.conn.execute("SELECT * FROM timestamps ORDER BY checkpoint_size"):
        where = _said(
            "tsa.where_timestamp",
            id=row["id"],
            size=row["checkpoint_size"],
            name=row["tsa_name"],
        )
        size = int(row["checkpoint_size"])
        if roots.get(size) != row["checkpoint_root"]:
            yield Finding("timestamp.root", where, _said("tsa.root_mismatch"))
            continue
        yield from _check_token(
            session,
            where,
            size,
            row["checkpoint_root"],
            row["hash_alg"],
            base64.b64decode(row["token"]),
            authorities.get(row["tsa_name"]),
        )
        newest = max(newest, size)
    stamped = session.folder.stamped()
    if stamped is not None:
        size = int(stamped.get("size", 0))
        where = _said("tsa.where_stamped")
        yield from _check_mirror_signature(session.folder.store_id, stamped, replay, where)
        if size > len(replay.entries):
            yield Finding(
                "ledger.truncated",
                where,
                _said("tsa.ledger_truncated", size=size, entries=len(replay.entries)),
            )
        elif roots.get(size) != stamped.get("root"):
            yield Finding("timestamp.root", where, _said("tsa.root_mismatch"))
        else:
            yield from _check_token(
                session,
                where,
                size,
                str(stamped["root"]),
                str(stamped.get("hash_alg", "sha256")),
                base64.b64decode(str(stamped["token"])),
                authorities.get(str(stamped.get("tsa"))),
            )
    pending = [e for e in replay.entries if e.seq > newest and e.action != STAMP_ACTION]
    if pending:
        yield Finding(
            "timestamp.pending",
            _said("tsa.where_pending", first=pending[0].seq, last=pending[-1].seq),
            _said("tsa.pending", count=len(pending)),
            severity="warning",
        )


def _check_mirror_signature(
    store_id: str, stamped: dict[str, Any], replay: Replay, where: str
) -> Iterable[Finding]:
    """The mirror must be signed by the user who stamped, with a key the ledger gave them (any
    of theirs: a later password reset replaces the key it was signed with). A mirror written
    before mirrors were signed carries neither field: a warning, its token is still checked."""
    signer, signature = stamped.get("signer"), stamped.get("signature")
    if signer is None and signature is None:
        yield Finding(
            "timestamp.mirror_unsigned", where, _said("tsa.mirror_unsigned"), severity="warning"
        )
        return
    try:
        message = mirror_message(store_id, stamped)
    except TypeError:  # a value canonical JSON does not carry (a float...): not what was signed
        message = b""
    keys = LedgerUsers.from_replay(
        [e.payload for e in replay.entries], replay.payloads, replay.rejected
    ).keys(str(signer))
    if not message or not any(
        signing.verify(key, signing.STAMPED_CONTEXT, message, str(signature)) for key in keys
    ):
        yield Finding(
            "timestamp.mirror_signature", where, _said("tsa.mirror_signature", signer=signer)
        )


def _check_token(
    session: Session,
    where: str,
    size: int,
    root: str,
    hash_alg: str,
    token: bytes,
    authority: Authority | None,
) -> Iterable[Finding]:
    if authority is None:
        yield Finding("timestamp.authority", where, _said("tsa.issuer_unknown"))
        return
    note = ledger.checkpoint_note(session.folder.store_id, size, root).encode()
    try:
        tsa.verify_token(
            token,
            tsa.hash_bytes(hash_alg, note),
            authority.roots,
            authority.certs,
            hash_alg=hash_alg,
        )
    except tsa.TsaError as error:
        yield Finding("timestamp.token", where, _said("tsa.token_invalid", error=error.message))
