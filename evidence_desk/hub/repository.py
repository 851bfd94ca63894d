"""The hub's queries: what the hub's routes call, each in one PostgreSQL transaction.

psycopg 3 with a psycopg_pool connection pool (one per hub process; several stateless hub
processes may share one database). The refusals are :class:`Refused` with a rule code and
facts (``refusals.py``); a refused call writes nothing.

A push that passes ``acceptance.judge`` is appended whole; each fresh entry gets a verdict:
'' accepted, or the rule of the organisation's order it breaks at its place (``hub.decided``:
a request decided first elsewhere; else the first record rule of the rule table it breaks,
judged by ``authority.check`` against the organisation's projected tables, hub/org_state.py).
A marked entry stays in its device's chain and is applied nowhere; the push's answer names it.

Concurrency: a push takes a transaction-scoped advisory lock on its device (two pushes of one
device never interleave; pushes of different devices judge their batches in parallel) and,
just before inserting, a hub-wide one held to the commit, so that ``hub_seq`` (the acceptance
order) is also the commit order: a pull "since hub_seq N" never skips a row that commits later
with a smaller number.

Connections: the work that can wait on a lock while it holds a connection (a push waits for
its device, a judging worker and the hub-wide acceptance lock; a receipt or checkpoint for its
lock; a blob's chunk for its blob) takes one of the pool's connections only after a slot of
``heavy`` (two thirds of the pool): the rest stay free for reads (pulls, wraps, blob lists and
chunks). The gate's lookups (a signed request's user and nonce) have connections of their own
(``GATE_CONNECTIONS``, a second small pool: ``_quick``) that nothing else takes, so that neither
500 laptops pushing at once nor the legal devices' and people's reads can leave a request
waiting for a connection to be authenticated at all.
"""

from __future__ import annotations

import hashlib
import json
import select
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Generic, TypeVar

import psycopg
from psycopg_pool import ConnectionPool

from evidence_desk.domain import pre_org
from evidence_desk.domain.hub_refusals import Refusal, Refused
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub import acceptance, join_staging, membership, retirements, schema, withdrawal
from evidence_desk.hub import pre_org as hub_pre_org
from evidence_desk.hub.acceptance import DeviceHead
from evidence_desk.hub.acceptance_gate import AcceptanceGate
from evidence_desk.hub.held_cache import HeldDigests
from evidence_desk.hub.lanes import SMALL_PUSH
from evidence_desk.hub.object_store import S3ObjectLockStore
from evidence_desk.hub.org_state import Judging, OrgState
from evidence_desk.hub.pull_pages import PullPages
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger, org_digest

#: how often (seconds of the requests' clock) ``remember`` deletes the nonces past their time
NONCE_PRUNE_SECONDS: Final = 10.0
#: connections kept for the gate's lookups alone (``HubRepository.user`` and ``.remember``,
#: one autocommitted statement each): no read, push or blob ever holds one (module docstring).
#: As many as the gate shared with reads before: with two, the middle day's signed requests
#: (every laptop's chunk too) queued on them and the gate's ping doubled (docs/benchmarks.md)
GATE_CONNECTIONS: Final = 4
#: the advisory lock every push holds from its first insert to its commit (see the docstring)
_ACCEPTANCE_LOCK = 0x45444855_42000001

Conn = psycopg.Connection[tuple[Any, ...]]
T = TypeVar("T")

_ENTRY_COLUMNS = (
    "device_id, seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, signature"
)

#: a blob file ``f`` not withdrawn with a shredded case (hub/withdrawal.py): ``blob_files`` is
#: evidence and keeps its row, so every listing of files to fetch leaves such a path out (a
#: device asking gets nothing for it, as for a file never pushed; its chunks are gone anyway)
_NOT_WITHDRAWN = "NOT EXISTS (SELECT 1 FROM withdrawn_files w WHERE w.path = f.path)"


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What a push did: entries appended now, entries the hub already held (a retried push),
    and the device's size after it."""

    appended: int
    already: int
    size: int
    #: entries appended now but refused by a rule of the organisation's order (their verdict)
    refused: tuple[Refusal, ...] = ()


@dataclass(frozen=True, slots=True)
class News(Generic[T]):
    """What the live route answers (hub/live.py): the newest ``hub_seq``, the entries of each
    action after the position asked, and when a page was asked for and there are entries,
    that page (rendered) and what was read after it."""

    newest: int
    counts: dict[str, int]
    page: bytes | None = None
    after_page: T | None = None


@dataclass(frozen=True, slots=True)
class HubEntry:
    """An accepted entry as a pull returns it: the acceptance order, the device it came from
    and the entry exactly as the device signed it."""

    hub_seq: int
    device_id: str
    entry: ledger.Entry
    accepted_at: datetime
    verdict: str = ""  # '' accepted; else the rule the hub refused it by (kept in the chain)
    pre_org: bool = False  # before its device joined the organisation (a joined store's history)


@dataclass(frozen=True, slots=True)
class Wrap:
    """A case key wrapped (HPKE) for one recipient: the hub holds it and cannot open it."""

    case_no: str
    recipient: str
    key_id: str
    sealed: bytes
    added_by: str


@dataclass(frozen=True, slots=True)
class Invite:
    """An open invitation as the hub reads it from the accepted ``user.invite`` entry."""

    invite_id: str
    user: str
    role: str
    invite_key: str


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device as ``hub status`` shows it."""

    device_id: str
    user: str
    size: int
    last_seen: datetime


def code_digest(code: str) -> str:
    """What the hub stores of a one-time enrolment code: its SHA-256, never the code."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _device_lock(conn: Conn, name: str) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (name,))


class HubRepository:
    """The hub's database, through a connection pool. Use as a context manager or ``close``."""

    def __init__(
        self, pool: ConnectionPool[Conn], gate: ConnectionPool[Conn] | None = None
    ) -> None:
        self._pool = pool
        #: the gate's own connections (autocommit), or None: the gate shares ``pool``
        self._gate = gate
        #: slots for the work that may wait on a lock holding a connection (module docstring)
        self._heavy = threading.BoundedSemaphore(heavy_slots(pool.max_size))
        # the organisation's projected tables the record rules judge by (hub/org_state.py)
        self._org = OrgState()
        #: what judges a pushed batch: in the calling thread, or a server's worker processes
        #: (``hub serve`` sets a ``judging.JudgePool``'s ``judge`` for the server's life)
        self.judge: acceptance.Judge = acceptance.judge
        #: where complete blobs go: None keeps them in PostgreSQL (the default); ``hub serve
        #: --blobs s3://...`` sets an Object Lock store (hub/object_store.py)
        self.objects: S3ObjectLockStore | None = None
        #: ``/v1/check``'s digests, extended from the last ones (hub/held_cache.py)
        self._held = HeldDigests()
        #: ``/v1/entries``' entries rendered once per process (hub/pull_pages.py)
        self._pages = PullPages()
        #: people's pushes ask for the acceptance lock before bulk ones (hub/acceptance_gate.py)
        self.gate = AcceptanceGate()
        #: when ``remember`` next deletes the nonces past their time (seconds since the epoch)
        self._prune_nonces_at = 0.0

    @contextmanager
    def _waiting(self) -> Iterator[Conn]:
        """A connection for work that may wait on a lock while holding it (a heavy slot
        first, then the connection: see the module's docstring)."""
        with self._heavy, self._pool.connection() as conn:
            yield conn

    @contextmanager
    def _quick(self) -> Iterator[Conn]:
        """A connection for the gate's lookups, whose statements each commit on their own
        (autocommit): they are one statement each, so they need no BEGIN and COMMIT round trips
        (with a pool's check, five round trips became two per lookup). One of the gate's own
        connections when the repository has them (``connect``): every signed request waits
        here, and only for other requests' lookups, never for a read or a push."""
        if self._gate is not None:
            with self._gate.connection() as conn:
                yield conn
            return
        with self._pool.connection() as conn:
            conn.autocommit = True
            try:
                yield conn
            finally:
                with suppress(psycopg.Error):
                    conn.autocommit = False

    @classmethod
    def connect(
        cls, url: str, *, min_size: int = 1, max_size: int = 8, gate: int = GATE_CONNECTIONS
    ) -> HubRepository:
        """A pool of ``max_size`` connections to the libpq ``url`` (as the hub's application
        role) and ``gate`` more kept for the gate's lookups (0: the gate shares the pool)."""
        pool: ConnectionPool[Conn] = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            open=False,
            # a connection PostgreSQL dropped (a restart) is replaced, not handed out
            check=ConnectionPool.check_connection,
        )
        gate_pool: ConnectionPool[Conn] | None = None
        if gate > 0:
            gate_pool = ConnectionPool(
                url,
                min_size=gate,
                max_size=gate,
                open=False,
                kwargs={"autocommit": True},
                check=_check_unless_quiet,
            )
        try:
            pool.open(wait=True, timeout=30)
            if gate_pool is not None:
                gate_pool.open(wait=True, timeout=30)
        except BaseException:
            pool.close()
            if gate_pool is not None:
                gate_pool.close()
            raise
        return cls(pool, gate_pool)

    def close(self) -> None:
        self._pool.close()
        if self._gate is not None:
            self._gate.close()

    def __enter__(self) -> HubRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the organisation ---------------------------------------------------------------------

    def create_organisation(self, hub_id: str) -> None:
        with self._pool.connection() as conn, conn.transaction():
            existing = conn.execute("SELECT hub_id FROM organisation").fetchone()
            if existing is not None:
                raise Refused(refusal("hub.organisation_exists", hub_id=existing[0]))
            conn.execute("INSERT INTO organisation (hub_id) VALUES (%s)", (hub_id,))

    def hub_id(self) -> str | None:
        with self._pool.connection() as conn:
            row = conn.execute("SELECT hub_id FROM organisation").fetchone()
        return None if row is None else str(row[0])

    def schema_version(self) -> int | None:
        """The schema version the database holds (``hub serve`` refuses an older one)."""
        with self._pool.connection() as conn:
            return schema.installed_version(conn)

    # -- users --------------------------------------------------------------------------------

    def add_user(
        self, name: str, role: str, sign_key: str, wrap_key: str, *, by: str | None
    ) -> None:
        """A new user with their first keys (``hub init``'s admin, or an enrolment)."""
        with self._pool.connection() as conn, conn.transaction():
            self._add_user(conn, name, role, sign_key, wrap_key, by)

    @staticmethod
    def _add_user(
        conn: Conn, name: str, role: str, sign_key: str, wrap_key: str, by: str | None
    ) -> None:
        if conn.execute("SELECT 1 FROM users WHERE name = %s", (name,)).fetchone():
            raise Refused(refusal("hub.user_exists", user=name))
        conn.execute("INSERT INTO users (name, role) VALUES (%s, %s)", (name, role))
        conn.execute(
            "INSERT INTO user_keys (user_name, sign_key, wrap_key) VALUES (%s, %s, %s)",
            (name, sign_key, wrap_key),
        )
        conn.execute(
            "INSERT INTO user_changes (user_name, change, value, by_user) VALUES (%s, %s, %s, %s)",
            (name, "add", role, by),
        )

    def add_keys(self, name: str, sign_key: str, wrap_key: str, *, by: str | None) -> None:
        """New keys for a user (a password reset on their device makes new ones); the old ones
        stay on record, so the entries they signed still verify."""
        with self._pool.connection() as conn, conn.transaction():
            self._existing_user(conn, name)
            conn.execute(
                "INSERT INTO user_keys (user_name, sign_key, wrap_key) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                (name, sign_key, wrap_key),
            )
            conn.execute(
                "INSERT INTO user_changes (user_name, change, value, by_user) "
                "VALUES (%s, 'keys', %s, %s)",
                (name, sign_key, by),
            )

    def set_active(self, name: str, active: bool, *, by: str | None) -> None:
        """Deactivate (or reactivate) a user: their next push is refused at once."""
        with self._pool.connection() as conn, conn.transaction():
            self._existing_user(conn, name)
            conn.execute("UPDATE users SET active = %s WHERE name = %s", (active, name))
            conn.execute(
                "INSERT INTO user_changes (user_name, change, value, by_user) "
                "VALUES (%s, 'active', %s, %s)",
                (name, "true" if active else "false", by),
            )

    @staticmethod
    def _existing_user(conn: Conn, name: str) -> None:
        if conn.execute("SELECT 1 FROM users WHERE name = %s", (name,)).fetchone() is None:
            raise Refused(refusal("hub.no_user", user=name))

    def user(self, name: str) -> HubUser | None:
        """The user as the organisation knows them (role, active flag, every signing key):
        the gate's lookup of every signed request, one statement."""
        with self._quick() as conn:
            return _user(conn, name)

    def wrap_key(self, name: str) -> str | None:
        """The user's newest X25519 key: what case keys are wrapped for."""
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT wrap_key FROM user_keys WHERE user_name = %s "
                "ORDER BY added_at DESC, sign_key LIMIT 1",
                (name,),
            ).fetchone()
        return None if row is None else str(row[0])

    # -- enrolments ---------------------------------------------------------------------------

    def create_enrolment(
        self, code: str, name: str, role: str, expires_at: datetime, *, by: str | None
    ) -> None:
        """Record a one-time code for ``name`` (the hub keeps only its digest)."""
        with self._pool.connection() as conn, conn.transaction():
            if conn.execute("SELECT 1 FROM users WHERE name = %s", (name,)).fetchone():
                raise Refused(refusal("hub.user_exists", user=name))
            conn.execute(
                "INSERT INTO enrolments (code_digest, user_name, role, expires_at, created_by) "
                "VALUES (%s, %s, %s, %s, %s)",
                (code_digest(code), name, role, expires_at, by),
            )

    def redeem_enrolment(
        self, code: str, sign_key: str, wrap_key: str, *, now: datetime
    ) -> HubUser:
        """Use a one-time code: the user it names is created with these public keys. Refused
        when the code is unknown, used or expired; a code works once, even under a race (the
        use's primary key)."""
        digest = code_digest(code)
        with self._pool.connection() as conn, conn.transaction():
            _device_lock(conn, f"enrolment:{digest}")
            row = conn.execute(
                "SELECT e.user_name, e.role, e.expires_at, u.used_at FROM enrolments e "
                "LEFT JOIN enrolment_uses u USING (code_digest) WHERE e.code_digest = %s",
                (digest,),
            ).fetchone()
            if row is None:
                raise Refused(refusal("hub.enrolment_unknown"))
            name, role, expires_at, used_at = row
            if used_at is not None:
                raise Refused(refusal("hub.enrolment_used"))
            if now >= expires_at:
                raise Refused(refusal("hub.enrolment_expired", expires_at=expires_at))
            conn.execute("INSERT INTO enrolment_uses (code_digest) VALUES (%s)", (digest,))
            self._add_user(conn, name, role, sign_key, wrap_key, None)
            user = _user(conn, name)
        assert user is not None
        return user

    # -- devices ------------------------------------------------------------------------------

    def add_device(self, device_id: str, user: str) -> None:
        """Register a device store (its store id) as ``user``'s."""
        with self._pool.connection() as conn, conn.transaction():
            self._existing_user(conn, user)
            _refuse_known_device(conn, device_id)
            conn.execute(
                "INSERT INTO devices (device_id, user_name) VALUES (%s, %s)", (device_id, user)
            )

    def retirement_of_user(self, name: str) -> dict[str, str] | None:
        """The retirement of ``name``'s device as refusal facts (the gate asks it only for a
        user it found deactivated), None when their device was not retired."""
        with self._quick() as conn:
            return retirements.of_user(conn, name)

    def device_user(self, device_id: str) -> str | None:
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT user_name FROM devices WHERE device_id = %s", (device_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def head(self, device_id: str) -> DeviceHead | None:
        """The device's ledger as the hub holds it (None for an unregistered device)."""
        with self._pool.connection() as conn:
            if (
                conn.execute("SELECT 1 FROM devices WHERE device_id = %s", (device_id,)).fetchone()
                is None
            ):
                return None
            return _head(conn, device_id)

    # -- entries ------------------------------------------------------------------------------

    def append_entries(self, device_id: str, entries: Sequence[ledger.Entry]) -> AppendResult:
        """Append the device's next entries, all or none, after ``acceptance.judge``.

        Idempotent: an entry the hub already holds with the same hash is skipped (a push
        retried after a lost answer); one with another hash at the same seq means two stores
        share the device's identity (a cloned laptop image), refused as ``hub.cloned_device``."""
        with self._judged() as (conn, judging):
            _device_lock(conn, f"device:{device_id}")
            turn = self._turn(len(entries))
            result = _append(conn, judging, device_id, entries, self.judge, turn)[0]
        self._after_shredding(entries)
        return result

    def push(
        self, device_id: str, entries: Sequence[ledger.Entry]
    ) -> tuple[AppendResult, list[tuple[int, int, str]]]:
        """A device's push: :meth:`append_entries` in pieces that each end at an entry changing
        the organisation's users (``membership.effects``), those changes applied in the same
        transaction before the next piece is judged (a user added in the batch may write later
        in it; a user deactivated is refused at once). Returns the result and a receipt
        ``(seq, hub_seq)`` for each pushed entry the hub holds."""
        with self._judged() as (conn, judging):
            _device_lock(conn, f"device:{device_id}")
            done = _push(conn, judging, device_id, entries, self.judge, self._turn(len(entries)))
        self._after_shredding(entries)
        return done

    def _after_shredding(self, entries: Sequence[ledger.Entry]) -> None:
        """After the commit of a push that held a tombstone: the withdrawn blobs' objects on
        S3 are deleted where the store allows it (hub/withdrawal.py)."""
        if self.objects is not None and any(e.action == "case.shred" for e in entries):
            # the push is committed and answered as such whatever the store says: an object
            # the store could not delete now stays ``pending``, retried when ``hub serve``
            # starts (a failure here must not fail the push, which the device would retry
            # for ever)
            with suppress(Exception):
                self.finish_withdrawals()

    def withdraw_pending(self) -> int:
        """Withdraw the cases whose accepted tombstones the hub holds and has not withdrawn
        (a hub from before hub/withdrawal.py; ``hub serve`` runs it at start), then their
        objects; idempotent. Returns how many cases were withdrawn now."""
        withdrawn = 0
        with self._pool.connection() as conn:
            found = withdrawal.pending(conn)
        if found:
            with self._judged() as (conn, judging):
                _acceptance_lock(conn)
                withdrawn = withdrawal.withdraw_pending(conn, judging.state(conn).tables)
        self.finish_withdrawals()
        return withdrawn

    def finish_withdrawals(self, now: datetime | None = None) -> int:
        """Delete the withdrawn blobs' objects on S3 that are pending, or whose lock has
        ended (hub/withdrawal.py ``finish_objects``); returns how many rows changed."""
        if self.objects is None:
            return 0
        with self._waiting() as conn, conn.transaction():
            return withdrawal.finish_objects(conn, self.objects, now or datetime.now(UTC))

    def _turn(self, pushed: int) -> Callable[[Conn], None]:
        """How a push of ``pushed`` entries takes the acceptance lock: a person's at once, a
        bulk one after the people's waiting (hub/acceptance_gate.py). Once held (a push in
        pieces takes it again for each), it is held to the commit: the gate is not asked
        again, so a push holding the lock never waits on the gate for it."""
        gate, held = self.gate, [False]

        def take(conn: Conn) -> None:
            if held[0]:
                return
            if pushed > SMALL_PUSH:
                gate.bulk(lambda: _try_acceptance_lock(conn))
            else:
                with gate.person():
                    _acceptance_lock(conn)
            held[0] = True

        return take

    @contextmanager
    def _judged(self) -> Iterator[tuple[Conn, Judging]]:
        """A push's transaction with its use of the organisation's state: a transaction that
        does not commit drops the cached state (it may hold entries that were not written)."""
        judging = self._org.judging()
        committed = False
        try:
            with self._waiting() as conn:
                with conn.transaction():
                    yield conn, judging
                committed = True
        finally:
            judging.end(committed=committed)
            self.gate.released()  # a bulk push waiting for the acceptance lock tries again

    def join_device(
        self, device_id: str, entries: Sequence[ledger.Entry], invite: Invite
    ) -> tuple[AppendResult, list[tuple[int, int, str]]]:
        """A device joining with ``invite`` (open, checked by the caller against the entry):
        the user the invitation names is created with the keys ``device.join`` enrols, the
        device is registered to them and its entries appended, all in one transaction."""
        with self._judged() as (conn, judging):
            self._enrol_device(conn, device_id, invite, entries[0])
            return _push(conn, judging, device_id, entries, self.judge, self._turn(len(entries)))

    def _enrol_device(self, conn: Conn, device_id: str, invite: Invite, join: ledger.Entry) -> None:
        """The joining user (keys from their ``device.join``) and their device, once the
        invitation is still open and the device unknown (locks held to the commit)."""
        _device_lock(conn, f"device:{device_id}")
        _device_lock(conn, f"invite:{invite.invite_key}")
        if _open_invite(conn, invite.invite_key) is None:
            raise Refused(refusal("hub.invite_closed", user=invite.user))
        _refuse_known_device(conn, device_id)
        # the invitation is used now: another device's upload staged with it is abandoned
        join_staging.drop_invitation(conn, invite.invite_key)
        body = json.loads(join.payload)
        self._add_user(
            conn, invite.user, invite.role, str(body["public_key"]), str(body["wrap_key"]), None
        )
        conn.execute(
            "INSERT INTO devices (device_id, user_name) VALUES (%s, %s)",
            (device_id, invite.user),
        )

    def join_with_history(
        self, device_id: str, entries: Sequence[ledger.Entry], invite: Invite, size: int
    ) -> tuple[AppendResult, list[tuple[int, int, str]]]:
        """A store joining with its history (docs/ARCHITECTURE.md, "Joining with an existing
        store"): ``entries`` are its ledger 1..``size``, then its ``device.join`` (``pre_org``)
        and what follows it. The history is judged on its own first (hub/pre_org.py: chain,
        the rule table over that ledger alone, signatures under its own keys); then, in ONE
        transaction with the acceptance lock held, the join against the organisation's state
        (domain/pre_org.join_violations: the history described, the user's keys, no case,
        file or row the organisation holds), the history's record rows merged into that state
        at the join, the history appended marked ``pre_org`` (hub_seq in order, before the
        join), and the join and the entries after it judged as any push. Any broken rule, in
        the history, at the join or after it (``handle.reindex``, one matter per chat),
        refuses the whole join naming it (``hub.join_rule``); nothing is written."""
        history, rest = entries[:size], entries[size:]
        judged = hub_pre_org.judge_history(device_id, history)
        if isinstance(judged, Refusal):
            raise Refused(judged)
        solo, head = judged
        join = rest[0]
        with self._judged() as (conn, judging):
            self._enrol_device(conn, device_id, invite, join)
            _merge_history(conn, judging, device_id, history, solo, head, join)
            result, receipts = _push(conn, judging, device_id, rest, self.judge, _acceptance_lock)
            if result.refused:  # a rule of the organisation's order: the whole join goes
                first, facts = result.refused[0], result.refused[0].facts()
                raise Refused(
                    refusal(
                        "hub.join_rule",
                        device=device_id,
                        seq=facts.get("seq", ""),
                        action=facts.get("action", ""),
                        violated=facts.get("violated") or first.rule,
                    )
                )
            # the staged pages (if any) are the organisation's entries now: no second copy
            join_staging.drop(conn, invite.invite_key, device_id)
            return AppendResult(result.appended + size, result.already, result.size, ()), receipts

    def stage_history(
        self,
        invite_key: str,
        device_id: str,
        entries: Sequence[ledger.Entry],
        *,
        restart: bool = False,
    ) -> tuple[int, str]:
        """Stage a page of a joining store's history (hub/join_staging.py), after forgetting
        what was staged when ``restart``; the staged size and head after it. A device the hub
        holds already is refused (``hub.device_exists``)."""
        with self._waiting() as conn, conn.transaction():
            _refuse_known_device(conn, device_id)
            if restart:
                join_staging.drop(conn, invite_key, device_id)
            return join_staging.stage(conn, invite_key, device_id, entries)

    def staged_history(self, invite_key: str, device_id: str) -> list[ledger.Entry]:
        """The history staged for (invitation, device), 1..size in order."""
        with self._pool.connection() as conn:
            return join_staging.history(conn, invite_key, device_id)

    def drop_staged(self, invite_key: str, device_id: str) -> None:
        """Forget the history staged for (invitation, device): its join was refused."""
        with self._pool.connection() as conn, conn.transaction():
            join_staging.drop(conn, invite_key, device_id)

    def sweep_staged(self, idle: timedelta) -> int:
        """Forget abandoned join uploads (hub/join_staging.py): those of invitations no longer
        open (revoked, used) and those idle for ``idle``. Returns the rows deleted; costs one
        look at an empty table when nothing is staged (the clock calls it every tick)."""
        with self._pool.connection() as conn, conn.transaction():
            if conn.execute("SELECT 1 FROM join_staging LIMIT 1").fetchone() is None:
                return 0
            deleted = 0
            for invite_key in join_staging.invitations(conn):
                if _open_invite(conn, invite_key) is None:
                    deleted += join_staging.drop_invitation(conn, invite_key)
            return deleted + join_staging.drop_idle(conn, idle)

    def invite(self, invite_key: str) -> Invite | None:
        """The open invitation whose code's public key is ``invite_key`` (from the accepted
        ``user.invite`` entries: not used by a ``device.join``, not revoked)."""
        with self._pool.connection() as conn:
            return _open_invite(conn, invite_key)

    def devices(self) -> list[DeviceStatus]:
        """Every device: its user, size, last push (the hub's status), from the devices and
        their heads only: the status costs what the devices are, not what they pushed (the
        sum of every entry's payload bytes it once showed read the whole entries table)."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT d.device_id, d.user_name, coalesce(h.size, 0), h.last_push, "
                "d.registered_at FROM devices d LEFT JOIN device_heads h USING (device_id) "
                "ORDER BY d.registered_at, d.device_id"
            ).fetchall()
        return [DeviceStatus(str(r[0]), str(r[1]), int(r[2]), r[3] or r[4]) for r in rows]

    def device_digest(self, device_id: str, upto: int) -> str | None:
        """``org_digest.held_digest`` of the device's entries 1..``upto`` as the hub holds them
        now, every column (None when it holds fewer: some were deleted)."""
        with self._pool.connection() as conn:
            rows = [
                (ledger.Entry(*r[1:10]), int(r[10]), str(r[11]))
                for r in conn.execute(
                    f"SELECT {_ENTRY_COLUMNS}, hub_seq, verdict FROM entries "
                    "WHERE device_id = %s AND seq <= %s ORDER BY seq",
                    (device_id, upto),
                )
            ]
        if len(rows) != upto or any(row[0].seq != n for n, row in enumerate(rows, 1)):
            return None
        return org_digest.held_digest(rows)

    def device_digests(self, asked: Sequence[tuple[str, int]]) -> list[str | None]:
        """:meth:`device_digest` of each ``(device, upto)`` asked, from the cache of the
        digests computed before (hub/held_cache.py: the same answers)."""
        with self._pool.connection() as conn:
            return self._held.digests(conn, asked)

    def last_hub_seq(self) -> int:
        with self._pool.connection() as conn:
            return _last_hub_seq(conn)

    def news_since(
        self, hub_seq: int, page: int = 0, then: Callable[[Conn], T] | None = None
    ) -> News[T]:
        """The newest ``hub_seq`` and how many entries of each action came after ``hub_seq``
        (entry headers only: the live route's facts, hub/live.py); with ``page`` entries, when
        there are entries after ``hub_seq``, also the first page after it (as
        :meth:`pull_page`) and, read after the page, what ``then`` reads (the checkpoint and
        proof that come with it). One connection and one thread for all three: at each push
        that woke them, every waiting person's news took three, each queued behind the others'
        for the pool (docs/benchmarks.md, session 18)."""
        with self._pool.connection() as conn, conn.transaction():
            rows = conn.execute(
                "SELECT action, count(*), max(hub_seq) FROM entries WHERE hub_seq > %s "
                "GROUP BY action",
                (hub_seq,),
            ).fetchall()
            if not rows:
                return News(_last_hub_seq(conn), {})
            newest = max(int(r[2]) for r in rows)
            counts = {str(r[0]): int(r[1]) for r in rows}
            if page < 1:
                return News(newest, counts)
            rendered = self._pages.page(conn, hub_seq, page)
            return News(newest, counts, rendered, None if then is None else then(conn))

    def entries_since(self, hub_seq: int, *, limit: int = 1000) -> list[HubEntry]:
        """Accepted entries after ``hub_seq``, in acceptance order (a pull's page)."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                f"SELECT hub_seq, accepted_at, verdict, pre_org, {_ENTRY_COLUMNS} FROM entries "
                "WHERE hub_seq > %s ORDER BY hub_seq LIMIT %s",
                (hub_seq, limit),
            ).fetchall()
        return [HubEntry(r[0], r[4], ledger.Entry(*r[5:]), r[1], r[2], bool(r[3])) for r in rows]

    def pull_page(self, hub_seq: int, limit: int) -> bytes:
        """:meth:`entries_since` as the pull route's JSON page, from the rendered entries kept
        (hub/pull_pages.py: byte for byte the page the entries held now give)."""
        with self._pool.connection() as conn:
            return self._pages.page(conn, hub_seq, limit)

    # -- blobs --------------------------------------------------------------------------------

    def put_chunk(self, digest: str, index: int, data: bytes) -> None:
        """Store chunk ``index`` of the blob whose SHA-256 is ``digest``. Idempotent; before the
        blob is complete a chunk sent again with other bytes replaces the first (an upload
        restarted from scratch), after it such a chunk is refused."""
        with self._waiting() as conn, conn.transaction():
            _put_chunk(conn, digest, index, data)

    def chunks_held(self, digest: str) -> list[int]:
        """The chunk indices the hub holds of ``digest``: where an interrupted upload resumes."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT index FROM blob_chunks WHERE digest = %s ORDER BY index", (digest,)
            ).fetchall()
        return [int(r[0]) for r in rows]

    def complete_blob(self, digest: str, size: int, chunks: int) -> None:
        """Declare the upload done: the chunks ``0..chunks-1``, in order, must hash to
        ``digest`` and be ``size`` bytes. Then the blob is evidence (its chunks can no longer
        change). Otherwise refused, and the uploaded chunks are discarded for a fresh upload."""
        with self._waiting() as conn:
            with conn.transaction():
                refused = _complete_blob(conn, digest, size, chunks, self.objects)
            if refused is not None:
                raise refused

    def store_small_files(self, files: Sequence[tuple[str, str, bytes]], by: str) -> list[bool]:
        """A person's small files (``(path, digest, data)``, each one chunk: hub/exchange.py),
        each stored, completed and named as the chunk, ``complete`` and naming calls would,
        all in ONE transaction on one heavy slot: a staff's request carries its two documents,
        and eight transactions, six of them each waiting for a heavy slot while the laptops
        push, came before the push of the request itself (docs/benchmarks.md, session 18).
        One transaction also keeps the exchange's promise that a refused file writes nothing.
        Returns, for each file, whether it was named now (False: a shredded case's file, taken
        and ignored, or a path already named)."""
        named: list[bool] = []
        with self._waiting() as conn, conn.transaction():
            for path, digest, data in files:
                if _ignore_withdrawn(conn, path, digest):
                    named.append(False)
                    continue
                if not _complete(conn, digest):
                    # a small file is one chunk: what an earlier upload left past it would
                    # refuse its completion at every sync (this transaction rolls back)
                    conn.execute(
                        "DELETE FROM blob_chunks WHERE digest = %s AND index > 0", (digest,)
                    )
                    _put_chunk(conn, digest, 0, data)
                    refused = _complete_blob(conn, digest, len(data), 1, self.objects)
                    if refused is not None:
                        raise refused
                named.append(_add_blob_file(conn, path, digest, by))
        return named

    def blob_chunk(self, digest: str, index: int) -> bytes | None:
        """Chunk ``index`` of a complete blob (a pull downloads it), None if there is none."""
        with self._pool.connection() as conn:
            stored = conn.execute(
                "SELECT location, chunk_ends, chunks FROM blobs WHERE digest = %s", (digest,)
            ).fetchone()
            if stored is None or not 0 <= index < int(stored[2]):
                return None
            if stored[0] == "s3":
                if withdrawal.digest_withdrawn(conn, digest):
                    return None  # a shredded case's, its object kept by its lock only
                ends = [int(end) for end in stored[1]]
                start = 0 if index == 0 else ends[index - 1]
                if self.objects is None:  # a hub restarted without --blobs: said, not hidden
                    raise Refused(refusal("hub.blob_elsewhere", digest=digest))
                return self.objects.read(self.objects.key(digest), start, ends[index])
            row = conn.execute(
                "SELECT data FROM blob_chunks WHERE digest = %s AND index = %s", (digest, index)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def ignore_withdrawn(self, path: str, digest: str) -> bool:
        """True when ``path`` is a blob file of a shredded case (hub/withdrawal.py): a late
        upload of it is taken and ignored, the chunks uploaded for it discarded."""
        with self._waiting() as conn, conn.transaction():
            return _ignore_withdrawn(conn, path, digest)

    def add_blob_file(self, path: str, digest: str, *, by: str) -> bool:
        """Name a complete blob as the store file ``path`` (under the store's ``blobs/``); a
        path already named keeps its first blob (False), as evidence does."""
        with self._pool.connection() as conn, conn.transaction():
            return _add_blob_file(conn, path, digest, by)

    def blob_files(self, *, after: str = "", limit: int = 1000) -> list[tuple[str, str, int, int]]:
        """``(path, digest, size, chunks)`` of the named blobs after ``after``, by path; a
        shredded case's withdrawn file is offered to no one (:data:`_NOT_WITHDRAWN`)."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT f.path, f.digest, b.size, b.chunks FROM blob_files f JOIN blobs b "
                f"USING (digest) WHERE f.path > %s AND {_NOT_WITHDRAWN} ORDER BY f.path LIMIT %s",
                (after, limit),
            ).fetchall()
        return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]

    def named_blob_files(self, paths: Sequence[str]) -> list[str]:
        """Which of ``paths`` name a blob (a push asks about its own files only: listing every
        blob file of the organisation at each push grew with the organisation)."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT path FROM blob_files WHERE path = ANY(%s) ORDER BY path", (list(paths),)
            ).fetchall()
            # a shredded case's file counts as named: the device does not upload it again
            withdrawn = withdrawal.withdrawn_paths(conn, paths)
        return sorted({str(r[0]) for r in rows} | set(withdrawn))

    def blob_files_at(self, paths: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """``(path, digest, size, chunks)`` of those of ``paths`` that name a blob, by path: a
        device's pull asks for the files its records name and its disk lacks, one primary-key
        lookup each (listing every blob file of the organisation at each sync grew with it).
        A withdrawn file is left out, as one never pushed (:data:`_NOT_WITHDRAWN`)."""
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT f.path, f.digest, b.size, b.chunks FROM blob_files f JOIN blobs b "
                f"USING (digest) WHERE f.path = ANY(%s) AND {_NOT_WITHDRAWN} ORDER BY f.path",
                (list(paths),),
            ).fetchall()
        return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]

    # -- case key wraps -----------------------------------------------------------------------

    def add_wrap(self, wrap: Wrap) -> None:
        """Keep a wrapped case key (idempotent: the same wrap again changes nothing)."""
        with self._pool.connection() as conn, conn.transaction():
            self._existing_user(conn, wrap.recipient)
            if withdrawal.case_withdrawn(conn, wrap.case_no):
                return  # a shredded case's key: taken and ignored (hub/withdrawal.py)
            conn.execute(
                "INSERT INTO case_key_wraps (case_no, recipient, key_id, sealed, added_by) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (wrap.case_no, wrap.recipient, wrap.key_id, wrap.sealed, wrap.added_by),
            )

    def wraps_for(self, recipient: str) -> list[Wrap]:
        """Every case key wrapped for ``recipient``, by case."""
        with self._pool.connection() as conn:
            return _wraps_for(conn, recipient)

    def pull_part(
        self, since: int, limit: int, recipient: str, first: Callable[[Conn], T]
    ) -> tuple[T, bytes, list[Wrap]]:
        """What an exchange pulls (hub/exchange.py), in one transaction on one read connection
        and one thread: what ``first`` reads (the newest checkpoint when asked), then the page
        after ``since`` (as :meth:`pull_page`) and ``recipient``'s wraps, in that order
        (READ COMMITTED: each read sees what committed before it). Three threads and three
        connections in turn before, each queued behind the laptops' reads."""
        with self._pool.connection() as conn, conn.transaction():
            found = first(conn)
            page = self._pages.page(conn, since, limit)
            return found, page, _wraps_for(conn, recipient)

    # -- work of other hub modules (hub/receipts.py) --------------------------------------------

    def reading(self, work: Callable[[Conn], T]) -> T:
        """``work``, which only reads and takes no lock, in one transaction on a read
        connection (no heavy slot): the checkpoint and proof that come with each person's news
        and sync. Under a heavy slot, every waiting person's news queued for one of the slots
        the laptops' pushes and blobs held, once per push that woke them (docs/benchmarks.md,
        session 18)."""
        with self._pool.connection() as conn, conn.transaction():
            return work(conn)

    def in_transaction(self, work: Callable[[Conn], T], device_id: str | None = None) -> T:
        """``work`` in one transaction, under ``device_id``'s push lock when one is named."""
        with self._waiting() as conn, conn.transaction():
            if device_id is not None:
                _device_lock(conn, f"device:{device_id}")
            return work(conn)

    # -- the replay window of signed requests --------------------------------------------------

    def remember(self, key_id: str, nonce: str, *, now: float, until: float) -> bool:
        """Record a signed request's nonce for ``key_id`` until ``until`` (seconds since the
        epoch); False when it is still remembered (a replay). The hub's ``NonceMemory``
        (integrity/http_signatures.py), shared by every hub process on the database; atomic:
        of two requests with one nonce at once, the second waits for the first's row and gets
        False. A nonce past its time is taken again (its row replaced); the rows past their
        time are deleted at most every ``NONCE_PRUNE_SECONDS`` (of ``now``), not by every
        request, so that concurrent requests do not queue on each other's deletions.

        Every signed request (a laptop's 1 MiB chunk and a supervisor's decision alike) makes
        this one statement, committed on its own without waiting for its WAL to reach the
        disk (``synchronous_commit`` off for that statement only; docs/ARCHITECTURE.md
        "Organisation hub: identity and transport", *Nonces at the hub*): atomicity and the
        uniqueness check are unchanged; only a crash of PostgreSQL itself (not of the hub) may
        forget the nonces of its last moments (at most three ``wal_writer_delay``), whose
        requests' signatures expire within the replay window like any other."""
        with self._quick() as conn:
            if now >= self._prune_nonces_at:
                self._prune_nonces_at = now + NONCE_PRUNE_SECONDS
                conn.execute(f"DELETE FROM nonces WHERE until < %s AND {_NO_FLUSH}", (now,))
            if _new_nonce(conn, key_id, nonce, until):
                return True
            # held: a replay, unless past its time and not yet deleted (then it is taken again;
            # of two requests doing so at once, only one inserts it)
            gone = conn.execute(
                f"DELETE FROM nonces WHERE key_id = %s AND nonce = %s AND until < %s "
                f"AND {_NO_FLUSH}",
                (key_id, nonce, now),
            ).rowcount
            return gone == 1 and _new_nonce(conn, key_id, nonce, until)


#: in a statement that commits on its own: its commit does not wait for the WAL flush (true:
#: the setting is local to the statement's transaction; ``remember``'s docstring says why)
_NO_FLUSH = "set_config('synchronous_commit', 'off', true) = 'off'"


def _new_nonce(conn: Conn, key_id: str, nonce: str, until: float) -> bool:
    """Insert the nonce, one statement that commits without waiting for the WAL flush; False
    when its row is held already."""
    row = conn.execute(
        "INSERT INTO nonces (key_id, nonce, until) "
        f"SELECT %s, %s, %s WHERE {_NO_FLUSH} ON CONFLICT DO NOTHING RETURNING 1",
        (key_id, nonce, until),
    ).fetchone()
    return row is not None


def _check_unless_quiet(conn: Conn) -> None:
    """The gate's connections' check when the pool hands one out: a round trip only when the
    idle connection's socket has something to read. An idle connection PostgreSQL dropped (a
    restart, a terminated backend) has its notice or end of file there, and then the round
    trip raises and the pool replaces it; a quiet one is used at once. The pool's own check
    (``check_connection``) made a round trip before every lookup of every signed request:
    one of the gate's four round trips (user, nonce, and a check before each) waited for a
    busy PostgreSQL for nothing (docs/benchmarks.md, issue 20 item 4)."""
    if conn.closed or conn.pgconn.status != psycopg.pq.ConnStatus.OK:
        raise psycopg.OperationalError("the connection is closed")
    if _has_input(conn.pgconn.socket):
        ConnectionPool.check_connection(conn)


def _has_input(fd: int) -> bool:
    """Whether the socket has something to read (or hung up), without waiting. ``poll`` where
    there is one: a hub serving hundreds of laptops has descriptors past ``select``'s 1024."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(0))
    readable, _writable, _failed = select.select([fd], [], [], 0)
    return bool(readable)


def heavy_slots(pool_size: int) -> int:
    """How many of a pool's connections the work that may wait on a lock can hold at once:
    two thirds (at least one); the rest are kept for quick lookups."""
    return max(1, pool_size - pool_size // 3)


def _acceptance_lock(conn: Conn) -> None:
    """The hub-wide acceptance lock, held to the commit (waits in PostgreSQL's queue)."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_ACCEPTANCE_LOCK,))


def _try_acceptance_lock(conn: Conn) -> bool:
    """The acceptance lock if it is free (True: held to the commit); never queues."""
    row = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (_ACCEPTANCE_LOCK,)).fetchone()
    return row is not None and bool(row[0])


def _append(
    conn: Conn,
    judging: Judging,
    device_id: str,
    entries: Sequence[ledger.Entry],
    judge: acceptance.Judge,
    take_lock: Callable[[Conn], None],
) -> tuple[AppendResult, list[ledger.Entry]]:
    """Judge and append ``entries`` inside the caller's transaction (device lock held);
    returns the result and the entries appended now and accepted. ``take_lock`` takes the
    acceptance lock (a person's or a bulk push's way: ``HubRepository._turn``)."""
    if conn.execute("SELECT 1 FROM devices WHERE device_id = %s", (device_id,)).fetchone() is None:
        raise Refused(refusal("hub.unknown_device", device=device_id))
    head = _head(conn, device_id)
    held = [e for e in entries if type(e.seq) is int and e.seq <= head.size]
    fresh = [e for e in entries if not (type(e.seq) is int and e.seq <= head.size)]
    if fresh:  # a retired device's entries past its final size: refused whole, whoever pushes
        retired = retirements.of_device(conn, device_id)
        if retired is not None:
            raise Refused(retirements.refused_push(retired))
    _same_as_held(conn, device_id, held)
    judged = judge(device_id, head, fresh, lambda name: _user(conn, name))
    if not isinstance(judged, DeviceHead):
        raise Refused(judged)
    refused: list[Refusal] = []
    verdicts = [""] * len(fresh)
    if fresh:
        judging.warm(conn)  # most of the catch-up outside the lock (hub/org_state.py)
        take_lock(conn)
        verdicts = _verdicts(conn, judging, device_id, fresh, refused)
        columns = f"{_ENTRY_COLUMNS}, verdict"
        with conn.cursor().copy(f"COPY entries ({columns}) FROM STDIN") as copy:
            for e, verdict in zip(fresh, verdicts, strict=True):
                copy.write_row(
                    (
                        device_id,
                        e.seq,
                        e.at,
                        e.actor,
                        e.action,
                        e.payload,
                        e.payload_hash,
                        e.prev_hash,
                        e.entry_hash,
                        e.signature,
                        verdict,
                    )
                )
        conn.execute(
            "INSERT INTO device_heads (device_id, size, head_hash, compact_range) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (device_id) DO UPDATE SET "
            "size = excluded.size, head_hash = excluded.head_hash, "
            "compact_range = excluded.compact_range, last_push = now()",
            (device_id, judged.size, judged.head_hash, list(judged.compact_range)),
        )
        judging.appended(conn)
        if withdrawal.called_for(fresh, verdicts):  # a shredded case leaves the hub now
            withdrawal.after_push(conn, judging.state(conn).tables, device_id, fresh, verdicts)
        # the live route's waiters wake at the commit (none for a rollback): hub/live.py
        conn.execute("SELECT pg_notify('evidence_desk_entries', '')")
    accepted = [e for e, verdict in zip(fresh, verdicts, strict=True) if not verdict]
    return AppendResult(len(fresh), len(held), judged.size, tuple(refused)), accepted


#: decisions of which the first the hub accepts stands (a revocation always applies)
_DECISIONS = ("contact.approve", "contact.reject")


def _verdicts(
    conn: Conn,
    judging: Judging,
    device_id: str,
    fresh: Sequence[ledger.Entry],
    refused: list[Refusal],
) -> list[str]:
    """The verdict of each fresh entry: '' accepted, or the rule of the organisation's order it
    breaks at its place. First a request decided already (two supervisors deciding one
    request on two devices; the first the hub accepted stands: ``hub.decided``, naming who
    decided first); then the rule table (``authority.check``, what ``verify`` replays) against
    the organisation's tables (hub/org_state.py): the verdict is the first rule broken (e.g.
    ``one-matter-per-chat``, ``four-eyes``, ``contact.approved``). A refused entry stays in
    its device's chain, marked, and is applied nowhere (the next entries are judged without
    it); the device's verify replays it as refused. An accepted one is applied to the tables.
    Called with the acceptance lock held, so the order checked is the commit order."""
    verdicts: list[str] = []
    decided: dict[str, tuple[str, str, str]] = {}
    for entry in fresh:
        verdict = ""
        if entry.action in _DECISIONS:
            contact = _contact_of(entry)
            first = decided.get(contact) or _first_decision(conn, contact)
            if first is not None:
                verdict = "hub.decided"
                refused.append(
                    refusal(
                        verdict,
                        device=device_id,
                        seq=entry.seq,
                        contact=contact,
                        by=first[0],
                        action=first[1],
                        first_device=first[2],
                    )
                )
        if not verdict:
            violations = judging.judge(conn, device_id, entry)
            if violations:
                verdict = violations[0].rule
                refused.append(
                    refusal(
                        "hub.rule",
                        device=device_id,
                        seq=entry.seq,
                        action=entry.action,
                        violated=verdict,
                    )
                )
            else:
                judging.accept(entry)
                if entry.action in _DECISIONS:
                    decided[_contact_of(entry)] = (entry.actor, entry.action, device_id)
        judging.placed(conn, device_id, entry.seq)
        verdicts.append(verdict)
    return verdicts


def _merge_history(
    conn: Conn,
    judging: Judging,
    device_id: str,
    history: Sequence[ledger.Entry],
    solo: pre_org.Solo,
    head: DeviceHead,
    join: ledger.Entry,
) -> None:
    """The joining store's history against the organisation's state (acceptance lock held):
    refused on any rule :func:`pre_org.join_violations` names; else its record rows merged
    into the state at the join, and the history appended (accepted, ``pre_org``) with the
    device's head after it."""
    judging.warm(conn)
    _acceptance_lock(conn)
    state = judging.state(conn)
    violations = pre_org.join_violations(
        state, solo, join.seq, join.actor, json.loads(join.payload)
    )
    if violations:
        raise Refused(
            refusal(
                "hub.join_rule",
                device=device_id,
                seq=join.seq,
                action=join.action,
                violated=violations[0].rule,
            )
        )
    pre_org.merge(state.tables, solo)
    state.joins[device_id] = pre_org.joined(solo, join.seq, join.actor)
    judging.placed(conn, device_id, head.size)
    columns = f"{_ENTRY_COLUMNS}, verdict, pre_org"
    with conn.cursor().copy(f"COPY entries ({columns}) FROM STDIN") as copy:
        for e in history:
            copy.write_row((device_id, *e, "", True))
    conn.execute(
        "INSERT INTO device_heads (device_id, size, head_hash, compact_range) "
        "VALUES (%s, %s, %s, %s)",
        (device_id, head.size, head.head_hash, list(head.compact_range)),
    )
    judging.appended(conn)


def _contact_of(entry: ledger.Entry) -> str:
    return str(json.loads(entry.payload).get("contact_id", ""))


def _first_decision(conn: Conn, contact: str) -> tuple[str, str, str] | None:
    """Who decided ``contact`` first in the organisation's order (accepted decisions only):
    one lookup of the ``entries_decisions`` index (hub/schema.py), not a scan of every
    decision the organisation made."""
    for actor, action, payload, device in conn.execute(
        "SELECT actor, action, payload, device_id FROM entries "
        "WHERE action IN ('contact.approve', 'contact.reject') AND verdict = '' "
        "AND hub_payload_text(payload, 'contact_id') = %s ORDER BY hub_seq",
        (contact,),
    ):
        if json.loads(payload).get("contact_id") == contact:
            return str(actor), str(action), str(device)
    return None


def _push(
    conn: Conn,
    judging: Judging,
    device_id: str,
    entries: Sequence[ledger.Entry],
    judge: acceptance.Judge,
    take_lock: Callable[[Conn], None],
) -> tuple[AppendResult, list[tuple[int, int, str]]]:
    appended = already = 0
    size = 0
    refused: list[Refusal] = []
    piece: list[ledger.Entry] = []
    pieces: list[list[ledger.Entry]] = []
    for entry in entries:
        piece.append(entry)
        if entry.action in membership.USER_ACTIONS:
            pieces.append(piece)
            piece = []
    pieces.append(piece)
    for part in pieces:
        result, fresh = _append(conn, judging, device_id, part, judge, take_lock)
        appended, already, size = appended + result.appended, already + result.already, result.size
        refused.extend(result.refused)
        for entry in fresh:
            try:
                changes = membership.effects(entry)
            except ValueError:
                raise Refused(refusal("hub.payload", device=device_id, seq=entry.seq)) from None
            for change in changes:
                _apply(conn, change, entry.actor)
            if entry.action == "device.retire":
                _retire(conn, device_id, entry)
    seqs = [e.seq for e in entries if type(e.seq) is int]
    receipts = [
        (int(r[0]), int(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT seq, hub_seq, verdict FROM entries WHERE device_id = %s AND seq = ANY(%s) "
            "ORDER BY seq",
            (device_id, seqs),
        )
    ]
    return AppendResult(appended, already, size, tuple(refused)), receipts


def _apply(conn: Conn, change: membership.Change, by: str) -> None:
    """One change to the organisation's users that an accepted entry made."""
    if change.kind == "add":
        HubRepository._add_user(
            conn, change.user, change.role, change.sign_key, change.wrap_key, by
        )
    elif change.kind == "keys":
        HubRepository._existing_user(conn, change.user)
        conn.execute(
            "INSERT INTO user_keys (user_name, sign_key, wrap_key) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            (change.user, change.sign_key, change.wrap_key),
        )
        conn.execute(
            "INSERT INTO user_changes (user_name, change, value, by_user) "
            "VALUES (%s, 'keys', %s, %s)",
            (change.user, change.sign_key, by),
        )
    else:  # "active" or "role"
        HubRepository._existing_user(conn, change.user)
        column = "active" if change.kind == "active" else "role"
        value: object = change.active if change.kind == "active" else change.role
        conn.execute(f"UPDATE users SET {column} = %s WHERE name = %s", (value, change.user))
        conn.execute(
            "INSERT INTO user_changes (user_name, change, value, by_user) VALUES (%s, %s, %s, %s)",
            (change.user, change.kind, str(value).lower(), by),
        )


def _retire(conn: Conn, device_id: str, entry: ledger.Entry) -> None:
    """An accepted retirement: recorded, and the retired device's user deactivated on the hub
    (the gate then refuses the device's requests as ``hub.device_retired``)."""
    row = conn.execute(
        "SELECT hub_seq FROM entries WHERE device_id = %s AND seq = %s", (device_id, entry.seq)
    ).fetchone()
    assert row is not None
    user = retirements.record(conn, entry, int(row[0]))
    if user is not None:
        _apply(conn, membership.Change("active", user, active=False), entry.actor)


def _refuse_known_device(conn: Conn, device_id: str) -> None:
    """A join (or its staged history) names a device the hub holds already."""
    row = conn.execute(
        "SELECT user_name FROM devices WHERE device_id = %s", (device_id,)
    ).fetchone()
    if row is not None:
        raise Refused(refusal("hub.device_exists", device=device_id, user=row[0]))


def _open_invite(conn: Conn, invite_key: str) -> Invite | None:
    """The accepted, still open ``user.invite`` whose key is ``invite_key``: lookups of the
    ``entries_invites`` and ``entries_invite_uses`` indexes (hub/schema.py; the gate asks this
    for every request an invitation signs, the sweep for every upload staged)."""
    found: Invite | None = None
    for (text,) in conn.execute(
        "SELECT payload FROM entries WHERE action = 'user.invite' "
        "AND hub_payload_text(payload, 'invite_key') = %s",
        (invite_key,),
    ):
        body = json.loads(text)
        if body.get("invite_key") == invite_key:
            found = Invite(str(body["invite_id"]), str(body["user"]), str(body["role"]), invite_key)
    if found is None:
        return None
    for (text,) in conn.execute(
        "SELECT payload FROM entries WHERE action IN ('device.join', 'invite.revoke') "
        "AND hub_payload_text(payload, 'invite_id') = %s",
        (found.invite_id,),
    ):
        if json.loads(text).get("invite_id") == found.invite_id:
            return None
    return found


def _user(conn: Conn, name: str) -> HubUser | None:
    """The user and every signing key, newest first: one statement (every user has a key: the
    user and their first keys are inserted together)."""
    rows = conn.execute(
        "SELECT u.role, u.active, k.sign_key FROM users u "
        "JOIN user_keys k ON k.user_name = u.name "
        "WHERE u.name = %s ORDER BY k.added_at DESC, k.sign_key",
        (name,),
    ).fetchall()
    if not rows:
        return None
    role, active = str(rows[0][0]), bool(rows[0][1])
    keys = [str(row[2]) for row in rows]
    return HubUser(name, role, keys[0], active, tuple(keys[1:]))


def _head(conn: Conn, device_id: str) -> DeviceHead:
    row = conn.execute(
        "SELECT size, head_hash, compact_range FROM device_heads WHERE device_id = %s",
        (device_id,),
    ).fetchone()
    if row is None:
        return DeviceHead.genesis(device_id)
    return DeviceHead(int(row[0]), str(row[1]), tuple(bytes(h) for h in row[2]))


def _same_as_held(conn: Conn, device_id: str, pushed: Sequence[ledger.Entry]) -> None:
    """Entries the hub already holds must be pushed again unchanged (a retry), else the
    device's identity is shared by two diverging stores."""
    if not pushed:
        return
    rows = conn.execute(
        "SELECT seq, entry_hash FROM entries WHERE device_id = %s AND seq = ANY(%s)",
        (device_id, [e.seq for e in pushed]),
    ).fetchall()
    held = {int(seq): str(entry_hash) for seq, entry_hash in rows}
    for entry in pushed:
        if held.get(entry.seq) != entry.entry_hash:
            raise Refused(
                refusal(
                    "hub.cloned_device",
                    device=device_id,
                    seq=entry.seq,
                    held=held.get(entry.seq, ""),
                    pushed=entry.entry_hash,
                )
            )


def _complete(conn: Conn, digest: str) -> bool:
    return conn.execute("SELECT 1 FROM blobs WHERE digest = %s", (digest,)).fetchone() is not None


def _put_chunk(conn: Conn, digest: str, index: int, data: bytes) -> None:
    """:meth:`HubRepository.put_chunk` in ``conn``'s transaction."""
    _device_lock(conn, f"blob:{digest}")
    if withdrawal.digest_withdrawn(conn, digest):
        return  # a shredded case's ciphertext: taken and ignored (hub/withdrawal.py)
    row = conn.execute(
        "SELECT data FROM blob_chunks WHERE digest = %s AND index = %s", (digest, index)
    ).fetchone()
    if row is not None and bytes(row[0]) == data:
        return
    if _complete(conn, digest):
        raise Refused(refusal("hub.blob_chunk", digest=digest, index=index))
    if row is not None:
        conn.execute("DELETE FROM blob_chunks WHERE digest = %s AND index = %s", (digest, index))
    conn.execute(
        "INSERT INTO blob_chunks (digest, index, data) VALUES (%s, %s, %s)", (digest, index, data)
    )


def _complete_blob(
    conn: Conn, digest: str, size: int, chunks: int, objects: S3ObjectLockStore | None
) -> Refused | None:
    """:meth:`HubRepository.complete_blob` in ``conn``'s transaction: None when the blob is
    complete; else the refusal, its chunks discarded (the caller commits the discarding and
    raises it, or rolls back everything with it)."""
    _device_lock(conn, f"blob:{digest}")
    if _complete(conn, digest):
        return None
    rows = conn.execute("SELECT index FROM blob_chunks WHERE digest = %s", (digest,))
    held = {int(r[0]) for r in rows}
    missing = [i for i in range(chunks) if i not in held]
    if missing:
        shown = ", ".join(str(i) for i in missing[:20])
        raise Refused(refusal("hub.blob_missing", digest=digest, missing=shown))
    actual, total = hashlib.sha256(), 0
    ends: list[int] = []
    parts: list[bytes] = []
    with conn.cursor() as cursor:
        for (data,) in cursor.stream(
            "SELECT data FROM blob_chunks WHERE digest = %s AND index < %s ORDER BY index",
            (digest, chunks),
        ):
            actual.update(data)
            total += len(data)
            ends.append(total)
            if objects is not None:
                parts.append(bytes(data))
    matches = actual.hexdigest() == digest and total == size and len(held) == chunks
    if matches and objects is not None:
        # on WORM storage first; the chunks leave PostgreSQL only once it holds it
        objects.put(digest, b"".join(parts))
        conn.execute("DELETE FROM blob_chunks WHERE digest = %s", (digest,))
        conn.execute(
            "INSERT INTO blobs (digest, size, chunks, location, chunk_ends) "
            "VALUES (%s, %s, %s, 's3', %s)",
            (digest, size, chunks, ends),
        )
        return None
    if matches:
        conn.execute(
            "INSERT INTO blobs (digest, size, chunks) VALUES (%s, %s, %s)", (digest, size, chunks)
        )
        return None
    conn.execute("DELETE FROM blob_chunks WHERE digest = %s", (digest,))
    return Refused(
        refusal(
            "hub.blob_digest",
            digest=digest,
            actual=actual.hexdigest(),
            size=total,
            expected_size=size,
        )
    )


def _ignore_withdrawn(conn: Conn, path: str, digest: str) -> bool:
    """:meth:`HubRepository.ignore_withdrawn` in ``conn``'s transaction."""
    if not withdrawal.path_withdrawn(conn, path):
        return False
    _device_lock(conn, f"blob:{digest}")
    if not _complete(conn, digest):
        conn.execute("DELETE FROM blob_chunks WHERE digest = %s", (digest,))
    return True


def _add_blob_file(conn: Conn, path: str, digest: str, by: str) -> bool:
    """:meth:`HubRepository.add_blob_file` in ``conn``'s transaction."""
    if not _complete(conn, digest):
        raise Refused(refusal("hub.blob_missing", digest=digest, missing="*"))
    row = conn.execute(
        "INSERT INTO blob_files (path, digest, added_by) VALUES (%s, %s, %s) "
        "ON CONFLICT DO NOTHING RETURNING 1",
        (path, digest, by),
    ).fetchone()
    return row is not None


def _last_hub_seq(conn: Conn) -> int:
    row = conn.execute("SELECT coalesce(max(hub_seq), 0) FROM entries").fetchone()
    return 0 if row is None else int(row[0])


def _wraps_for(conn: Conn, recipient: str) -> list[Wrap]:
    rows = conn.execute(
        "SELECT case_no, recipient, key_id, sealed, added_by FROM case_key_wraps "
        "WHERE recipient = %s ORDER BY case_no, key_id",
        (recipient,),
    ).fetchall()
    return [Wrap(r[0], r[1], r[2], bytes(r[3]), r[4]) for r in rows]
