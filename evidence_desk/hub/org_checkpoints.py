"""The hub's organisation checkpoints: signing them after each accepted push, serving the newest
and the consistency proof between two (integrity/org_checkpoints.py states what they are).

A checkpoint is issued right after a push's receipts, in its own transaction under one
hub-wide advisory lock (so two hub processes never sign two checkpoints of one size): it
continues the newest checkpoint's compact range with the entries accepted since, in
``hub_seq`` order, and stores the signed statement in ``org_checkpoints`` (append-only, like the
hub's other evidence). Entries become visible in ``hub_seq`` order (the acceptance lock is held
to each push's commit), so what a checkpoint covers is always a prefix of the organisation log.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from evidence_desk.domain.hub_refusals import refusal
from evidence_desk.hub import org_stamps
from evidence_desk.hub.app import error_response, payload, signer
from evidence_desk.hub.repository import HubRepository
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import merkle
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity.org_checkpoints import SignedCheckpoint

Conn = psycopg.Connection[tuple[Any, ...]]

_LOCK: Final = "org-checkpoint"  # hashtext() of it names the advisory lock


def issue(conn: Conn, hub_id: str, key: Ed25519PrivateKey) -> SignedCheckpoint | None:
    """Sign the checkpoint of the entries accepted since the newest one (None: none since)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_LOCK,))
    last = conn.execute(
        "SELECT size, hub_seq, compact_range FROM org_checkpoints ORDER BY size DESC LIMIT 1"
    ).fetchone()
    size, hub_seq = (0, 0) if last is None else (int(last[0]), int(last[1]))
    tree = (
        merkle.CompactRange()
        if last is None
        else merkle.CompactRange.from_state(size, [bytes(h) for h in last[2]])
    )
    rows = conn.execute(
        "SELECT device_id, seq, entry_hash, verdict, hub_seq FROM entries "
        "WHERE hub_seq > %s ORDER BY hub_seq",
        (hub_seq,),
    ).fetchall()
    if not rows:
        return None
    for device_id, seq, entry_hash, verdict, _hub_seq in rows:
        tree.append(org.leaf(str(device_id), int(seq), str(entry_hash), str(verdict)))
    checkpoint = org.OrgCheckpoint(
        hub_id=hub_id,
        size=tree.size,
        root=tree.root_hash().hex(),
        hub_seq=int(rows[-1][4]),
        at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    )
    signed = org.sign(key, checkpoint)
    conn.execute(
        "INSERT INTO org_checkpoints (size, hub_seq, root, compact_range, body, signature) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        (
            checkpoint.size,
            checkpoint.hub_seq,
            checkpoint.root,
            list(tree.hashes),
            signed.body,
            signed.signature,
        ),
    )
    return signed


def newest(conn: Conn) -> SignedCheckpoint | None:
    row = conn.execute(
        "SELECT body, signature FROM org_checkpoints ORDER BY size DESC LIMIT 1"
    ).fetchone()
    return None if row is None else SignedCheckpoint(str(row[0]), str(row[1]))


def of_size(conn: Conn, size: int) -> SignedCheckpoint | None:
    row = conn.execute(
        "SELECT body, signature FROM org_checkpoints WHERE size = %s", (size,)
    ).fetchone()
    return None if row is None else SignedCheckpoint(str(row[0]), str(row[1]))


def leaves(conn: Conn, size: int) -> list[bytes]:
    """The first ``size`` leaves of the organisation log, from the entries as the hub holds
    them now (an entry changed past the triggers gives a proof that does not verify)."""
    rows = conn.execute(
        "SELECT device_id, seq, entry_hash, verdict FROM entries ORDER BY hub_seq LIMIT %s",
        (size,),
    ).fetchall()
    return [org.leaf(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]


#: subtrees of fewer leaves are not kept by a :class:`LeafCache` (recomputed when needed: a
#: few dozen hashes), so that it holds about n/32 subtree hashes for n leaves, not 2n
_KEPT: Final = 64


#: below every hub_seq, even one a superuser set (the uncached leaves are read from the first)
_BEFORE_ALL: Final = -(2**63)


class _Subtrees(dict[tuple[int, int], bytes]):
    """``merkle.SubtreeCache`` that keeps only the subtrees of at least ``_KEPT`` leaves."""

    def __setitem__(self, key: tuple[int, int], value: bytes) -> None:
        if key[1] - key[0] >= _KEPT:
            super().__setitem__(key, value)


class LeafCache:
    """The organisation log's leaves as this hub process read them, and the Merkle subtrees
    hashed over them, so that a consistency proof costs the leaves and subtrees added since
    the last one instead of every leaf (read, hashed) per request: with 500 laptops asking at
    each sync, the uncached proof was O(n) Python work per request.

    It stays what :func:`leaves` would read now: before each use, the count and the newest
    ``xmin`` of the entries it covers are compared with those it read. The hub only appends
    (its triggers refuse the rest), but a superuser can change, delete or move an entry past
    them; any such change writes a row version with a newer transaction id, or removes one,
    so the cache is dropped and read again, and the proof is the one the entries as held now
    give (one that does not verify, as the uncached one, when the history changed). Shared by
    a hub process's request threads (a lock); one per database (``routes`` makes it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._leaves: list[bytes] = []
        self._hub_seq = _BEFORE_ALL  # the last entry read (hub_seq), in the acceptance order
        self._stamp = (0, 0)  # count and newest xmin of the entries up to it
        self._subtrees = _Subtrees()

    def proof(self, conn: Conn, first: int, second: int) -> list[bytes] | None:
        """The consistency proof from size ``first`` to ``second`` (0 < first <= second) over
        the entries as held; None when the hub holds fewer than ``second``."""
        with self._lock:
            if not self._fresh(conn):  # the history changed: read it again
                self._leaves, self._hub_seq, self._stamp = [], _BEFORE_ALL, (0, 0)
                self._subtrees.clear()
            self._extend(conn, second)
            if len(self._leaves) < second:  # entries gone from under a checkpoint
                return None
            if first == second:
                return []
            return merkle.consistency_proof(first, self._leaves[:second], self._subtrees)

    def _fresh(self, conn: Conn) -> bool:
        row = conn.execute(
            "SELECT count(*), coalesce(max(xmin::text::bigint), 0) FROM entries "
            "WHERE hub_seq <= %s",
            (self._hub_seq,),
        ).fetchone()
        return row is not None and (int(row[0]), int(row[1])) == self._stamp

    def _extend(self, conn: Conn, size: int) -> None:
        if len(self._leaves) >= size:
            return
        rows = conn.execute(
            "SELECT device_id, seq, entry_hash, verdict, hub_seq, xmin::text::bigint "
            "FROM entries WHERE hub_seq > %s ORDER BY hub_seq LIMIT %s",
            (self._hub_seq, size - len(self._leaves)),
        ).fetchall()
        if not rows:
            return
        self._leaves.extend(org.leaf(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows)
        self._hub_seq = int(rows[-1][4])
        newest = max(self._stamp[1], max(int(r[5]) for r in rows))
        self._stamp = (self._stamp[0] + len(rows), newest)


def consistency(
    conn: Conn, first: int, second: int, cache: LeafCache | None = None
) -> dict[str, Any] | None:
    """The checkpoints of sizes ``first`` and ``second`` and the proof between them (from
    ``cache`` when given: the same proof, see :class:`LeafCache`)."""
    older, newer = of_size(conn, first), of_size(conn, second)
    if older is None or newer is None or first > second:
        return None
    if cache is not None:
        found = cache.proof(conn, first, second)
        if found is None:
            return None
        proof = found
    else:
        held = leaves(conn, second)
        if len(held) < second:  # entries gone from under a checkpoint: no proof to give
            return None
        proof = [] if first == second else merkle.consistency_proof(first, held)
    return {
        "first": older.as_json(),
        "second": newer.as_json(),
        "proof": [step.hex() for step in proof],
    }


def witness(conn: Conn, user: HubUser, size: int, signature: str) -> bool:
    """Record ``user``'s cosignature of the checkpoint of ``size`` (False: no such checkpoint
    or a signature that does not verify under the user's key; nothing written)."""
    signed = of_size(conn, size)
    member = conn.execute("SELECT 1 FROM users WHERE name = %s", (user.name,)).fetchone()
    if member is None:  # an invitation's key may only pull and join
        return False
    if signed is None or not org.witness_valid(user.sign_key, signed.body, signature):
        return False
    conn.execute(
        "INSERT INTO org_witnesses (witness, size, body, hub_signature, sign_key, signature) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (user.name, size, signed.body, signed.signature, user.sign_key, signature),
    )
    return True


def witnessed(conn: Conn) -> list[dict[str, Any]]:
    """Each witness's newest cosigned checkpoint, as the witness was shown it."""
    rows = conn.execute(
        "SELECT DISTINCT ON (witness) witness, body, hub_signature, sign_key, signature "
        "FROM org_witnesses ORDER BY witness, size DESC"
    ).fetchall()
    return [
        {
            "witness": str(r[0]),
            "checkpoint": {"body": str(r[1]), "signature": str(r[2])},
            "sign_key": str(r[3]),
            "signature": str(r[4]),
        }
        for r in rows
    ]


def newest_stamped(conn: Conn) -> dict[str, Any] | None:
    """What ``GET /v1/org/checkpoint`` answers as ``checkpoint`` (and ``/v1/sync`` when asked:
    hub/exchange.py): the newest checkpoint with its stamp, None before the first."""
    return _stamped(conn, newest)


def _stamped(conn: Conn, find: Callable[[Conn], SignedCheckpoint | None]) -> dict[str, Any] | None:
    """The checkpoint ``find`` gives, with its RFC 3161 ``stamp`` when it has one."""
    found = find(conn)
    if found is None:
        return None
    answer: dict[str, Any] = found.as_json()
    stamp = org_stamps.stamp_of(conn, org.parse(found.body).size)
    if stamp is not None:
        answer["stamp"] = stamp
    return answer


def _add_stamps(conn: Conn, answer: dict[str, Any]) -> None:
    """A consistency answer's two checkpoints with their stamps, where they have one."""
    for side in ("first", "second"):
        stamp = org_stamps.stamp_of(conn, org.parse(answer[side]["body"]).size)
        if stamp is not None:
            answer[side]["stamp"] = stamp


#: the newest checkpoint's size and the row versions of it and of its stamp (NewestCache)
_NEWEST_VERSIONS: Final = (
    "SELECT c.size, c.xmin::text::bigint, s.xmin::text::bigint FROM org_checkpoints c "
    "LEFT JOIN org_checkpoint_stamps s ON s.size = c.size ORDER BY c.size DESC LIMIT 1"
)


class NewestCache:
    """The newest checkpoint with its stamp, as :func:`newest_stamped` reads it, kept per hub
    process. Every answer to a person's wait for news carries it (hub/live.py): while laptops
    push, each waiting person is answered several times a second, and reading, parsing and
    rendering the same checkpoint again was a third of the news' read (bench/news_cost.py).

    It stays what :func:`newest_stamped` would read now: each use reads, in one statement, the
    newest checkpoint's size and the ``xmin`` of its row and of its stamp's row, and compares
    them with those it was read under. A new checkpoint, its stamp arriving from the TSA, or a
    superuser's change past the triggers (a new row version, or a row gone) is read again.
    Shared by a hub process's request threads (a lock); one per database (``live.routes``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: tuple[tuple[int, int, int | None], dict[str, Any]] | None = None

    def newest(self, conn: Conn) -> tuple[int, dict[str, Any]] | None:
        """The newest checkpoint's size and its answer with its stamp (a copy: the caller may
        add to it); None before the first."""
        row = conn.execute(_NEWEST_VERSIONS).fetchone()
        if row is None:
            return None
        versions = (int(row[0]), int(row[1]), None if row[2] is None else int(row[2]))
        with self._lock:
            held = self._held
        if held is None or held[0] != versions:
            found = _stamped(conn, lambda c: of_size(c, versions[0]))
            if found is None:  # removed between the two reads: as held now, uncached
                uncached = newest_stamped(conn)
                return None if uncached is None else (org.parse(uncached["body"]).size, uncached)
            # read after ``versions``: a change in between gives other versions next time
            held = (versions, found)
            with self._lock:
                self._held = held
        return versions[0], dict(held[1])


def newest_with_proof(
    conn: Conn, first: int | None, leaves: LeafCache | None, newest_cache: NewestCache
) -> dict[str, Any]:
    """The newest checkpoint with its stamp (``checkpoint``, None when the hub signed none) and,
    when ``first`` is the size of an older checkpoint, the consistency answer from it to the
    newest (``consistency``, as ``GET /v1/org/consistency`` gives it): what a device checks
    before it applies a page that came with the live news (hub/live.py)."""
    held = newest_cache.newest(conn)
    found = None if held is None else held[1]
    proof = None
    if held is not None and first is not None:
        size = held[0]
        if 0 < first < size:
            proof = consistency(conn, first, size, leaves)
            if proof is not None:
                _add_stamps(conn, proof)
    return {"checkpoint": found, "consistency": proof}


def routes(repo: HubRepository) -> list[BaseRoute]:
    """``GET /v1/org/checkpoint`` (the newest) and ``GET /v1/org/consistency?first=M&second=N``
    (RFC 9162 proof between two checkpoints the hub signed), for any signed request."""
    cache = LeafCache()  # the organisation log's leaves, read once per hub process

    async def checkpoint(_request: Request) -> Response:
        found = await run_in_threadpool(repo.reading, newest_stamped)
        return JSONResponse({"checkpoint": found})

    async def proof(request: Request) -> Response:
        first_text = request.query_params.get("first", "")
        second_text = request.query_params.get("second", "")
        if (
            not (first_text.isdigit() and second_text.isdigit())
            or max(len(first_text), len(second_text)) > 18
        ):
            return error_response(400, refusal("hub.bad_field", field="first/second"))
        first, second = int(first_text), int(second_text)

        def stamped_proof(conn: Conn) -> dict[str, Any] | None:
            found = consistency(conn, first, second, cache)
            if found is not None:
                _add_stamps(conn, found)
            return found

        found = await run_in_threadpool(repo.reading, stamped_proof)
        if found is None:  # the hub signed no checkpoint of one of those sizes
            said = refusal("hub.not_found", method="GET", path=str(request.url.path))
            return error_response(404, said)
        return JSONResponse(found)

    async def cosign(request: Request) -> Response:
        user, body = signer(request), payload(request) or {}
        size, signature = body.get("size"), body.get("signature")
        if type(size) is not int or not isinstance(signature, str):
            return error_response(400, refusal("hub.bad_field", field="size/signature"))
        done = await run_in_threadpool(
            repo.in_transaction, lambda conn: witness(conn, user, size, signature)
        )
        if not done:
            return error_response(422, refusal("hub.witness", size=size))
        return JSONResponse({"witnessed": size})

    async def cosigned(_request: Request) -> Response:
        found = await run_in_threadpool(repo.reading, witnessed)
        return JSONResponse({"witnessed": found})

    return [
        Route("/v1/org/checkpoint", checkpoint, methods=["GET"]),
        Route("/v1/org/consistency", proof, methods=["GET"]),
        Route("/v1/org/witness", cosign, methods=["POST"]),
        Route("/v1/org/witnessed", cosigned, methods=["GET"]),
    ]
