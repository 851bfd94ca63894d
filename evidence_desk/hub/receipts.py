"""The hub's signed receipts: its own signing key, issuing a receipt per push, and the route
that tells a device which key to pin.

**The key.** ``hub init`` makes an Ed25519 key, ``receipt-key.pem`` in the TLS folder (mode
0600, written like the TLS keys, unencrypted so the hub starts unattended), and records its
public key in the append-only ``receipt_keys`` table beside the organisation. ``hub serve``
loads it (making and recording one for a hub initialised before receipts existed). A device
pins the public key when it binds to the hub (``GET /v1/hub``, over the pinned TLS CA).

**Rotation** (``hub rotate-key``, with the hub stopped): a new key, the statement handing
the old key's trust to it signed by both (integrity/hub_key_rotation.py), stored in the
append-only ``receipt_key_rotations`` with the new key in ``receipt_keys``, then the new key
replaces ``receipt-key.pem`` (the old private key is gone). ``GET /v1/hub`` serves every
rotation, so a device that pinned any earlier key follows the chain to today's.

**A receipt** (integrity/receipts.py states it) covers every entry the hub holds of the
device and has not receipted yet, so a device's receipts follow each other without a gap. It
is issued right after the push's transaction commits, in a transaction of its own under the
device's lock: a hub that dies in between issues it at the retry (whose entries are all held
already), so no accepted entry stays without one. A push that adds nothing (a retry after a
lost answer) gets the earlier receipts of the entries it names, not a second receipt. Receipts
are stored in ``receipts`` (append-only: ``size`` = its last seq, ``hub_seq`` = its last
position) and returned in the push's answer (``hub_receipts``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import psycopg
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue
from evidence_desk.hub import org_checkpoints, tls
from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import hub_key_rotation, merkle, org_digest, signing
from evidence_desk.integrity.receipts import SignedReceipt, Statement, sign

KEY_FILE: Final = "receipt-key.pem"

_said = Catalogue(
    {
        "receipt.key_retired": "{file} holds a receipt key a rotation retired: the hub would "
        "sign what devices refuse (restore the newest key)",
    }
)
#: the next key while a rotation is being recorded (renamed over KEY_FILE once it is)
NEXT_KEY_FILE: Final = "receipt-key.next.pem"

Conn = psycopg.Connection[tuple[Any, ...]]


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _load(path: Path) -> Ed25519PrivateKey:
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return loaded


def rotations(repo: HubRepository) -> list[hub_key_rotation.Rotation]:
    """Every recorded rotation, oldest first (each checked as it is read)."""
    rows = repo.in_transaction(
        lambda conn: conn.execute(
            "SELECT body, old_signature, new_signature FROM receipt_key_rotations "
            "ORDER BY created_at, old_key"
        ).fetchall()
    )
    return [
        hub_key_rotation.parse(
            {"body": str(r[0]), "old_signature": str(r[1]), "new_signature": str(r[2])}
        )
        for r in rows
    ]


def finish_rotation(repo: HubRepository, folder: Path) -> None:
    """A rotation interrupted between recording it and replacing the key file: the next key
    becomes the key when the database recorded it, and is dropped when it did not."""
    pending = folder / NEXT_KEY_FILE
    if not pending.exists():
        return
    public = signing.public_key_hex(_load(pending))
    if any(r.new == public for r in rotations(repo)):
        os.replace(pending, folder / KEY_FILE)
    else:
        pending.unlink()


def rotate_key(repo: HubRepository, folder: Path, hub_id: str) -> hub_key_rotation.Rotation:
    """Hand the receipt key's trust to a new key (see the module docstring). Run it with the
    hub stopped: a hub still running would go on signing with the retired key, and devices
    refuse what a retired key signs after its retirement."""
    finish_rotation(repo, folder)
    old = _load(folder / KEY_FILE)
    new = Ed25519PrivateKey.generate()
    rotation = hub_key_rotation.rotate(hub_id, old, new, _utc(datetime.now(UTC)))
    pending = folder / NEXT_KEY_FILE
    tls.write_private(pending, _pem(new))

    def record(conn: Conn) -> None:
        conn.execute(
            "INSERT INTO receipt_keys (public_key) VALUES (%s) ON CONFLICT DO NOTHING",
            (rotation.new,),
        )
        conn.execute(
            "INSERT INTO receipt_key_rotations (old_key, new_key, body, old_signature, "
            "new_signature) VALUES (%s, %s, %s, %s, %s)",
            (
                rotation.old,
                rotation.new,
                rotation.body(),
                rotation.old_signature,
                rotation.new_signature,
            ),
        )

    try:
        repo.in_transaction(record)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, folder / KEY_FILE)
    return rotation


def load_or_make_key(folder: Path) -> Ed25519PrivateKey:
    """The hub's receipt key from ``folder`` (the TLS folder), made there when it has none."""
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        tls.write_private(path, _pem(key))
        return key
    return _load(path)


class ReceiptDesk:
    """Issues and finds the hub's receipts (``hub_id`` is the organisation's)."""

    def __init__(self, hub_id: str, key: Ed25519PrivateKey) -> None:
        self.hub_id = hub_id
        self._key = key
        self.public_key = signing.public_key_hex(key)
        #: the signed rotations leading to this key (``GET /v1/hub``), read by ``record_key``
        self.rotations: list[hub_key_rotation.Rotation] = []
        #: checkpoint issuances begun by this process, one at a time (``issue_checkpoint``)
        self._issuing = threading.Lock()
        self._begun = 0
        #: the number of the last issuance that was signed (or found nothing new to sign)
        self._covered = 0

    def record_key(self, repo: HubRepository) -> None:
        """Record the public key in ``receipt_keys`` (once; the table only grows) and read the
        rotations. A key that a rotation retired is refused: receipts it signed now would be
        refused by every device that followed the rotation."""
        repo.in_transaction(
            lambda conn: conn.execute(
                "INSERT INTO receipt_keys (public_key) VALUES (%s) ON CONFLICT DO NOTHING",
                (self.public_key,),
            )
        )
        self.rotations = rotations(repo)
        if any(r.old == self.public_key for r in self.rotations):
            raise BadInput(KEY_FILE, "", _said("receipt.key_retired", file=KEY_FILE))

    def for_push(
        self, repo: HubRepository, device_id: str, seqs: Sequence[int]
    ) -> list[SignedReceipt]:
        """After a push of ``seqs`` committed: a receipt of what is not receipted yet, and the
        receipts (earlier ones included) of every entry the push named, in order."""
        found = repo.in_transaction(lambda conn: self._issue(conn, device_id, seqs), device_id)
        # then the organisation checkpoint over everything accepted so far (its own lock)
        self.issue_checkpoint(repo)
        return found

    def issue_checkpoint(self, repo: HubRepository) -> None:
        """Sign the organisation checkpoint of the entries accepted since the newest one (after
        a push, and by the timer of hub/org_clock.py).

        One issuance at a time per hub process, waited for on a lock of this process, not in
        PostgreSQL: every push's thread used to queue for the hub-wide advisory lock holding a
        heavy slot and its connection, so a burst of laptops' pushes held the slots a person's
        push needed (docs/benchmarks.md, session 18). A caller whose push committed before an
        issuance that *began* after it (``_begun`` moved on while it waited) is covered by that
        one, a checkpoint signed after its push, and signs none of its own: the checkpoints
        still cover every accepted push, fewer of them under load."""
        seen = self._begun  # read after the caller's push committed
        with self._issuing:
            if self._covered > seen:
                return  # one that began after the caller's commit was signed: it covers it
            self._begun += 1
            number = self._begun
            repo.in_transaction(lambda conn: org_checkpoints.issue(conn, self.hub_id, self._key))
            self._covered = number  # signed (one that failed covers no one)

    def _issue(self, conn: Conn, device_id: str, seqs: Sequence[int]) -> list[SignedReceipt]:
        self._receipt_of_new(conn, device_id)
        if not seqs:
            return []
        low, high = min(seqs), max(seqs)
        return [
            SignedReceipt(str(r[0]), str(r[1]))
            for r in conn.execute(
                "SELECT body, signature FROM (SELECT body, signature, size, "
                "coalesce(lag(size) OVER (ORDER BY size), 0) AS before FROM receipts "
                "WHERE device_id = %s) r WHERE size >= %s AND before < %s ORDER BY size",
                (device_id, low, high),
            )
        ]

    def _receipt_of_new(self, conn: Conn, device_id: str) -> None:
        """Sign and store the receipt of the device's entries held and not receipted yet."""
        row = conn.execute(
            "SELECT coalesce(max(size), 0) FROM receipts WHERE device_id = %s", (device_id,)
        ).fetchone()
        last = 0 if row is None else int(row[0])
        head = conn.execute(
            "SELECT size, compact_range FROM device_heads WHERE device_id = %s", (device_id,)
        ).fetchone()
        if head is None or int(head[0]) <= last:
            return
        size, compact = int(head[0]), [bytes(h) for h in head[1]]
        rows = conn.execute(
            "SELECT seq, entry_hash, hub_seq, verdict, accepted_at FROM entries "
            "WHERE device_id = %s AND seq > %s AND seq <= %s ORDER BY seq",
            (device_id, last, size),
        ).fetchall()
        if len(rows) != size - last:
            return  # entries missing under the head (changed past the triggers): no receipt
        statement = Statement(
            hub_id=self.hub_id,
            device_id=device_id,
            seq_from=last + 1,
            seq_to=size,
            head_hash=str(rows[-1][1]),
            root=merkle.CompactRange.from_state(size, compact).root_hash().hex(),
            hub_seq_from=min(int(r[2]) for r in rows),
            hub_seq_to=max(int(r[2]) for r in rows),
            entries=org_digest.history_digest(
                (int(r[0]), str(r[1]), int(r[2]), str(r[3])) for r in rows
            ),
            accepted_at=_utc(max(r[4] for r in rows)),
            refused=tuple((int(r[0]), str(r[3])) for r in rows if r[3]),
        )
        signed = sign(self._key, statement)
        conn.execute(
            "INSERT INTO receipts (device_id, size, hub_seq, body, signature) "
            "VALUES (%s, %s, %s, %s, %s)",
            (device_id, size, statement.hub_seq_to, signed.body, signed.signature),
        )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def routes(desk: ReceiptDesk) -> list[BaseRoute]:
    """``GET /v1/hub``: the hub's id and receipt key, for any signed request (an invitation's
    too: a joining device pins the key before it has a user)."""

    async def hub(_request: Request) -> Response:
        rotations = [r.as_json() for r in desk.rotations]
        return JSONResponse(
            {"hub_id": desk.hub_id, "receipt_key": desk.public_key, "rotations": rotations}
        )

    return [Route("/v1/hub", hub, methods=["GET"])]


async def push_receipts(
    desk: ReceiptDesk | None, repo: HubRepository, device_id: str, seqs: Sequence[int]
) -> list[dict[str, str]]:
    """What a push's answer carries as ``hub_receipts`` (none from a hub without a desk)."""
    return await run_in_threadpool(receipts_for_push, desk, repo, device_id, seqs)


def receipts_for_push(
    desk: ReceiptDesk | None, repo: HubRepository, device_id: str, seqs: Sequence[int]
) -> list[dict[str, str]]:
    """:func:`push_receipts` in the calling thread (a bulk push's lane: hub/lanes.py)."""
    if desk is None:
        return []
    return [receipt.as_json() for receipt in desk.for_push(repo, device_id, seqs)]
