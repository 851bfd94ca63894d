"""A Session is an open store plus a logged-in user: the only way anything changes.

Every state change goes through :meth:`Session.write`, which, under the single-writer lock and in
one SQLite transaction: judges the entry with the rule table (domain/authority.py: may this user,
as the store stands, write this action with these row changes?), applies the row changes,
appends one ledger entry whose payload carries those same row changes (so the domain tables are
a projection of the ledger that ``verify`` can rebuild), extends the Merkle tree, and cuts a
checkpoint signed by the actor. After the commit the signed checkpoint is copied to
``store.json`` as the head. Any exception rolls everything back; the caller sees the error and
the store is exactly as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from evidence_desk import __version__
from evidence_desk.domain import authority, policy, pre_org
from evidence_desk.domain.errors import (
    AuthenticationFailed,
    PermissionDenied,
    RuleViolation,
    StoreBusy,
    StoreError,
)
from evidence_desk.domain.models import Role, User
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import digests, ledger, merkle, signing
from evidence_desk.integrity.ledger import Entry
from evidence_desk.services import blob_migration, case_keys, records_key, unplaced
from evidence_desk.services.clock import Clock, rfc3339, system_clock
from evidence_desk.services.row_changes import RowChange as RowChange
from evidence_desk.services.row_changes import put as put
from evidence_desk.services.user_names import validate_new_user
from evidence_desk.store import access_log, anchors, db, location
from evidence_desk.store import case_keys as case_key_crypto
from evidence_desk.store.blobs import BlobStore
from evidence_desk.store.checkpointing import BackgroundCheckpoint
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import Head, StoreFolder
from evidence_desk.store.keys import KdfParams, derive_subkey, user_tag
from evidence_desk.store.lock import WriterLock
from evidence_desk.store.schema import PROJECTED_TABLES

# why a login is refused (the login dialog says it in the GUI's language too)
_said = Catalogue(
    {
        "login.refused": "unknown user or wrong password for {user!r}; further attempts are "
        "delayed",
        "login.inactive": "user {user!r} is not an active user of this store",
        "login.key_mismatch": "key slot of {user!r} does not match the ledger's public key",
        "session.store_replaced": "{folder}: the store was replaced (restored from a backup) "
        "while {user} was logged in; nothing was written. Log in again to work in the restored "
        "store",
        "session.append_refused": "entry {seq}, signed elsewhere, does not follow this store's "
        "ledger, does not hash as stored or is not signed by its writer's key: nothing was "
        "written",
    }
)

# Sessions open in this process, so that a restore can refuse to replace a store that is in use
# here (the desktop app's logged-in store); weak, so a session dropped unclosed does not count.
_open_sessions: weakref.WeakSet[Session] = weakref.WeakSet()
# Writes committed by this process (the CLI never says "nothing was changed" after one).
_committed = 0


def committed_writes() -> int:
    """How many writes this process has committed so far."""
    return _committed


def open_here(folder: Path) -> Session | None:
    """A session of this process that has the store at ``folder`` open, if any."""
    try:
        wanted = folder.resolve()
    except OSError:
        return None
    for session in list(_open_sessions):
        if not session.closed and session.folder_identity == wanted:
            return session
    return None


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


@dataclass(frozen=True, slots=True)
class Write:
    """One entry of :meth:`Session.write_many`: its action, payload, row changes, ``extra``
    and ``prepare`` (see :meth:`Session.write`)."""

    action: str
    payload: Mapping[str, Any]
    rows: Sequence[RowChange] = ()
    extra: Callable[[db.Connection, int], Mapping[str, Any] | None] | None = None
    prepare: Callable[[db.Connection], Sequence[RowChange]] | None = None


class DatabaseState:
    """The projected tables as the database holds them: the rule table's view of the store
    when the write path judges an entry (verify gives it the replayed tables instead)."""

    def __init__(
        self,
        conn: db.Connection,
        index: Callable[[str], str] | None = None,
        device: str | None = None,
        *,
        sizes: bool = False,
    ) -> None:
        """``sizes``: the database holds every entry judged so far (the write path), so a
        device's size is what it holds; a pull judging a batch as it applies it says None
        (verify's replay checks the size at the entry's place)."""
        self._conn = conn
        self._index = index
        self._device = device
        self._sizes = sizes

    @property
    def complete(self) -> bool:
        return True

    @property
    def device(self) -> str | None:
        return self._device

    def row(self, table: str, key: object) -> Mapping[str, Any] | None:
        if not isinstance(key, str | int) or isinstance(key, bool):
            return None
        column = PROJECTED_TABLES[table][0]
        found = self._conn.execute(f"SELECT * FROM {table} WHERE {column} = ?", (key,)).fetchone()
        return None if found is None else dict(found)

    def rows_where(self, table: str, column: str, value: object) -> list[Mapping[str, Any]]:
        if column not in authority.TABLE_COLUMNS[table]:
            raise ValueError(f"{table} has no column {column}")
        return [
            dict(r)
            for r in self._conn.execute(f"SELECT * FROM {table} WHERE {column} = ?", (value,))
        ]

    def chat_rows(self, channel: str, key: object) -> list[Mapping[str, Any]]:
        # by the (channel, handle) index: the rows holding ``key``, and those whose handle is
        # not a digest (outside the range of text starting with the prefix; a number or a
        # blob written outside the app sorts outside it too, NULL by its own test). Each part
        # its own range of the index: one OR of them read every contact of the channel
        if not isinstance(key, str):  # a handle no request holds (the rule says why)
            return [
                row
                for row in self.rows_where("contacts", "channel", channel)
                if authority.may_be_chat(row.get("handle"), key)
            ]
        prefix = authority.HANDLE_INDEX_PREFIX
        beyond = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        outside = "SELECT * FROM contacts WHERE channel = ? AND handle IS NOT ? AND handle "
        return [
            dict(r)
            for r in self._conn.execute(
                "SELECT * FROM contacts WHERE channel = ? AND handle = ? "
                f"UNION ALL {outside}IS NULL UNION ALL {outside}< ? UNION ALL {outside}>= ?",
                (channel, key, channel, key, channel, key, prefix, channel, key, beyond),
            )
        ]

    def handle_index(self, handle: str) -> str | None:
        return None if self._index is None else self._index(handle)

    def pre_org_join(self) -> authority.PreOrgJoin | None:
        """The device's join with its history, read from its stored entries (another
        device's in ``device_entries``, else this store's own ledger); judged rarely (a
        ``handle.reindex``), so read when asked."""
        device = self._device
        if device is None:
            return None
        held = "SELECT 1 FROM device_entries WHERE device_id = ? LIMIT 1"
        source, given = (
            ("device_entries WHERE device_id = ? AND", (device,))
            if self._conn.execute(held, (device,)).fetchone()
            else ("ledger WHERE", ())
        )
        for seq, actor, text in self._conn.execute(
            f"SELECT seq, actor, payload FROM {source} action = 'device.join' ORDER BY seq", given
        ):
            if not pre_org.is_join_with_history("device.join", json.loads(str(text))):
                continue
            history = self._conn.execute(
                f"SELECT payload FROM {source} seq < ?", (*given, int(seq))
            )
            contacts = pre_org.contacts_of(json.loads(str(r[0])) for r in history)
            return authority.PreOrgJoin(int(seq), str(actor), contacts)
        return None

    def device_size(self, device: str) -> int | None:
        """The entries of ``device`` this store holds (another device's as pulled, else its
        own ledger): judged rarely (a ``device.retire``), so counted when asked."""
        if not self._sizes:
            return None
        if device == self._device:
            found = self._conn.execute("SELECT coalesce(max(seq), 0) FROM ledger").fetchone()
        else:
            found = self._conn.execute(
                "SELECT coalesce(max(seq), 0) FROM device_entries WHERE device_id = ?", (device,)
            ).fetchone()
        return 0 if found is None else int(found[0])


def refuse(violations: Sequence[authority.Violation], action: str) -> None:
    """Raise the first broken rule as the refusal a service would have given."""
    if not violations:
        return
    first = violations[0]
    if first.rule == "permission":
        raise PermissionDenied(f"permission:{action}", first.detail)
    raise RuleViolation(first.rule, first.detail)


# -- authentication throttling --------------------------------------------------------------


class _FailureCounter:
    """Per-user count of consecutive failed logins, kept beside the key slots.

    It only slows guessing down (0.5 s, 1 s, 2 s ... up to 30 s before each further attempt);
    the real protection is scrypt. Tampering with it can only make guessing slower or reset the
    delay, never reveal anything.
    """

    def __init__(self, folder: StoreFolder) -> None:
        self.path = folder.path / "auth_failures.json"
        self.store_id = folder.store_id

    def _load(self) -> dict[str, int]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
            return {str(k): int(v) for k, v in doc.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def delay_for(self, user: str) -> float:
        count = self._load().get(user_tag(self.store_id, user), 0)
        return 0.0 if count == 0 else min(30.0, 0.5 * 2 ** (count - 1))

    def record(self, user: str, *, success: bool) -> None:
        counts = self._load()
        tag = user_tag(self.store_id, user)
        if success:
            if tag not in counts:
                return
            counts.pop(tag)
        else:
            counts[tag] = counts.get(tag, 0) + 1
        # a read-only store still lets people log in and verify
        with contextlib.suppress(OSError):
            atomic_write(self.path, json.dumps(counts).encode())


class Session:
    def __init__(
        self,
        folder: StoreFolder,
        conn: db.Connection,
        data_key: bytes,
        user: User,
        signing_key: bytes,
        clock: Clock,
        wrap_key: bytes | None = None,
    ) -> None:
        self.folder = folder
        self.conn = conn
        self.user = user
        self.clock = clock
        self.blobs = BlobStore(
            folder.blob_root,
            derive_subkey(data_key, "blob-content"),
            derive_subkey(data_key, "blob-names"),
        )
        self._data_key = data_key
        # the store-level key of the handles' digests (one matter per chat across cases); a
        # store of an organisation that has one uses the organisation's (case_keys)
        self._handle_index_key = derive_subkey(data_key, "handle-index")
        self._signing_key = signing.private_key_from_bytes(signing_key)
        # per-case keys (services/case_keys.py): this user's X25519 private key (None for a slot
        # from before, until the login gives one) and the case keys unwrapped so far
        self.wrap_key = wrap_key
        self.case_key_cache: dict[str, bytes] = {}
        self.lock_wait_seconds = 3.0
        self.operation = "write"
        self.closed = False
        self.folder_identity = folder.path.resolve()
        # the database file this session writes into: a restore that puts another store in
        # its place (and moves this one aside) is noticed by the next write
        self._db_identity = _file_identity(folder.db_path)
        # reads not yet in the read log (the database was busy): written by the next read,
        # the next seal or close
        self._pending_reads: list[access_log.Read] = []
        # the WAL's checkpoint after a large write (checkpoint_after), joined by close
        self._checkpoint = BackgroundCheckpoint(
            folder.db_path, derive_subkey(data_key, "sqlcipher")
        )
        self._checkpoint_deferred = False
        _open_sessions.add(self)

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def create_store(
        cls,
        path: Path,
        admin: str,
        password: str,
        *,
        kdf: KdfParams | None = None,
        clock: Clock = system_clock,
    ) -> Session:
        """Create a new store whose first entry introduces its first admin."""
        validate_new_user(admin, password)
        # never in a sync folder or on network storage (store/location.py says why)
        location.refuse_new_store(path)
        digests.self_test()
        folder = StoreFolder.create(path)
        session, wrap_public = cls.with_new_keys(
            folder, admin, Role.ADMIN, password, kdf or KdfParams(), clock
        )
        row = {
            "name": admin,
            "role": Role.ADMIN.value,
            "public_key": session.user.public_key,
            "active": 1,
            "wrap_key": wrap_public,
        }
        session.write(
            "store.init",
            {"store_id": folder.store_id, "app_version": __version__, "admin": admin},
            [put("users", row)],
        )
        return session

    @classmethod
    def with_new_keys(
        cls,
        folder: StoreFolder,
        name: str,
        role: Role,
        password: str,
        kdf: KdfParams,
        clock: Clock,
    ) -> tuple[Session, str]:
        """A new store's database and its first user: fresh data, signing and X25519 keys
        sealed in the user's key slot, the schema migrated. Returns the session (nothing
        written yet: the caller's first entry introduces the user) and the user's X25519
        public key (hex) for that entry. Shared by a new store and a store joining an
        organisation (services/org_ledger.py)."""
        data_key = os.urandom(32)
        key = signing.generate_private_key()
        public = signing.public_key_hex(key)
        wrap_private, wrap_public = case_key_crypto.new_wrap_key()
        folder.keyslots.write_slot(
            name,
            password,
            data_key,
            signing.private_key_bytes(key),
            public,
            kdf,
            wrap_key=wrap_private,
        )
        conn = db.connect(folder.db_path, derive_subkey(data_key, "sqlcipher"), create=True)
        db.migrate(conn)
        user = User(name, role, public, True)
        session = cls(
            folder, conn, data_key, user, signing.private_key_bytes(key), clock, wrap_private
        )
        return session, wrap_public

    @classmethod
    def open(
        cls,
        path: Path,
        user: str,
        password: str,
        *,
        clock: Clock = system_clock,
        sleep: Callable[[float], None] = time.sleep,
        key_upkeep: bool = True,
    ) -> Session:
        """Log in. With ``key_upkeep`` (always, but for checking a restored copy against its
        backup's manifest, which must not grow) the login also does the per-case key work
        that needs this user's password or an admin (services/case_keys.after_login)."""
        folder = StoreFolder.open(path)
        failures = _FailureCounter(folder)
        delay = failures.delay_for(user)
        if delay:
            sleep(delay)
        try:
            unlocked = folder.keyslots.unlock(user, password)
        except AuthenticationFailed:
            failures.record(user, success=False)
            raise AuthenticationFailed(_said("login.refused", user=user)) from None
        conn = db.connect(folder.db_path, derive_subkey(unlocked.data_key, "sqlcipher"))
        db.migrate(conn)
        record = conn.execute(
            "SELECT name, role, public_key, active FROM users WHERE name = ?", (user,)
        ).fetchone()
        if record is None or not record["active"]:
            conn.close()
            failures.record(user, success=False)
            raise AuthenticationFailed(_said("login.inactive", user=user))
        if record["public_key"] != unlocked.public_key:
            conn.close()
            raise StoreError(_said("login.key_mismatch", user=user))
        failures.record(user, success=True)
        account = User(record["name"], Role(record["role"]), record["public_key"], True)
        session = cls(
            folder,
            conn,
            unlocked.data_key,
            account,
            unlocked.signing_key,
            clock,
            unlocked.wrap_key,
        )

        def write_slot(wrap_private: bytes) -> None:
            folder.keyslots.write_slot(
                user,
                password,
                unlocked.data_key,
                unlocked.signing_key,
                unlocked.public_key,
                folder.keyslots.kdf_of(user),
                wrap_key=wrap_private,
            )

        if key_upkeep:
            case_keys.after_login(session, write_slot)
            if account.role == Role.ADMIN:
                # an organisation founded before its records key: the first admin login
                with contextlib.suppress(StoreError, StoreBusy):
                    records_key.after_login(session)
            # then an admin re-encrypts an older store's originals under the case keys
            blob_migration.after_login(session)
        return session

    def sibling(self) -> Session:
        """A second session for the same user on a new connection to the same store.

        For work on another thread (the desktop app's background jobs): a SQLite connection
        must not be shared between threads, and a job must never share a transaction with the
        screens that keep reading. The database key is derived here, inside the services, so
        no caller ever handles it. Close the sibling when the work is done.
        """
        conn = db.connect(self.folder.db_path, derive_subkey(self._data_key, "sqlcipher"))
        return Session(
            self.folder,
            conn,
            self._data_key,
            self.user,
            signing.private_key_bytes(self._signing_key),
            self.clock,
            self.wrap_key,
        )

    def close(self) -> None:
        # Logging out (or the end of a CLI command) closes this reader's batch of the read
        # log. Best effort: a full disk or a busy store must not keep anyone logged in; what
        # stays unsealed is reported by verify as unsealed, never as tampered.
        with contextlib.suppress(StoreError, sqlcipher3.Error, OSError):
            self.flush_reads(seal=True, busy_ms=5000)
        self.closed = True
        _open_sessions.discard(self)
        self._checkpoint.wait()
        self.conn.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers for services -----------------------------------------------------------------
    def require(self, action: policy.Action) -> None:
        policy.require(self.user.role, action)

    def now(self) -> str:
        return rfc3339(self.clock())

    @property
    def data_key(self) -> bytes:
        return self._data_key

    def handle_index(self, handle: str) -> str:
        """The keyed digest of a chat handle (what a contact's ``handle`` column holds; the
        one-matter-per-chat rule compares it across cases): store/case_keys.handle_index."""
        key = case_keys.handle_index_key(self, self._handle_index_key)
        return case_key_crypto.handle_index(key, handle)

    @property
    def signing_key(self) -> Any:
        return self._signing_key

    @contextmanager
    def snapshot(self) -> Iterator[db.Connection]:
        """A read transaction: everything read inside sees one consistent state. Inside one
        already (a reader that calls another: the bundle reads the conduct report under its
        own snapshot), the outer one holds."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def sign(self, context: bytes, message: bytes) -> str:
        return signing.sign(self._signing_key, context, message)

    # -- the read log (PI-1) ------------------------------------------------------------------
    def log_reads(self, reads: Sequence[access_log.Read]) -> None:
        """Chain ``reads`` onto the read log now (store/access_log.py).

        A read that finds the database busy (another process importing) or this connection
        inside a read transaction is kept and written by this session's next read, seal or
        close, so a read never waits seconds for a writer; a storage failure (read-only, full
        disk) refuses the read, since it could not be recorded.
        """
        self._pending_reads.extend(reads)
        self.flush_reads()

    def flush_reads(self, *, seal: bool = False, busy_ms: int = 250) -> bool:
        """Write pending reads and, when ``seal`` or a batch is full, seal this reader's
        unsealed rows. Returns False when the database was busy (the reads stay pending)."""
        if self.closed or self.conn.in_transaction:
            return False
        if _file_identity(self.folder.db_path) != self._db_identity:
            return False  # restored under us: these reads belong to the store moved aside
        if not self._pending_reads and not (seal and self._has_unsealed_reads()):
            return True
        conn = self.conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
            try:
                conn.execute("BEGIN IMMEDIATE")
            finally:
                conn.execute("PRAGMA busy_timeout = 5000")
            try:
                access_log.append(conn, self.folder.store_id, self._pending_reads)
                if seal or access_log.unsealed_count(conn) >= access_log.SEAL_EVERY:
                    store_id, name = self.folder.store_id, self.user.name
                    access_log.seal(conn, store_id, name, self.now(), self.sign)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise
        except sqlcipher3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return False
            if db.is_storage_failure(error):
                raise db.storage_error(self.folder.db_path, error) from None
            raise
        self._pending_reads.clear()
        return True

    def _has_unsealed_reads(self) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM access_log WHERE user = ? AND seq > "
            "(SELECT coalesce(max(upto), 0) FROM access_seals) LIMIT 1",
            (self.user.name,),
        ).fetchone()
        return row is not None

    @contextmanager
    def checkpoint_after(self) -> Iterator[None]:
        """Writes inside leave the WAL's checkpoint to a thread started when this ends
        (store/checkpointing.py): for a write of tens of MB (a large import), whose caller
        need not wait for its log to be copied into the database file once it is durable.
        ``close`` waits for that thread. Nested, the outermost block decides."""
        if self._checkpoint_deferred:
            yield
            return
        conn = self.conn
        pages = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        self._checkpoint_deferred = True
        try:
            yield
        finally:
            self._checkpoint_deferred = False
            conn.execute(f"PRAGMA wal_autocheckpoint = {pages}")
            self._checkpoint.start()

    # -- the one write path ------------------------------------------------------------------
    def write(
        self,
        action: str,
        payload: Mapping[str, Any],
        rows: Sequence[RowChange] = (),
        *,
        extra: Callable[[db.Connection, int], Mapping[str, Any] | None] | None = None,
        operation: str | None = None,
        prepare: Callable[[db.Connection], Sequence[RowChange]] | None = None,
    ) -> Entry:
        """Apply ``rows`` and append one signed ledger entry, atomically; returns the entry.

        ``extra(conn, seq)`` runs inside the transaction for writes that touch tables verified
        by other means (messages, verified by re-parsing originals); whatever mapping it returns
        is merged into the payload.

        ``prepare(conn)`` runs first inside the transaction, before the entry is judged, and
        returns more rows, judged and applied after ``rows`` as if they had been given with
        them. It is for a write whose last rows need long Python work while SQL that no rule
        reads can already run (an import computes its commitments root, which its ``imports``
        row holds, while a second thread fills the full-text index of its messages): the rule
        table still judges the whole entry against the store before anything it judges is
        applied, and a refusal rolls back what ``prepare`` wrote with the rest.
        """
        return self.write_many(
            [Write(action, payload, rows, extra, prepare)], operation=operation or action
        )[0]

    def write_many(self, writes: Sequence[Write], *, operation: str) -> list[Entry]:
        """Append several entries in one transaction: all of them or none (an export and its
        processing record, PIPL art. 55-56). Each is judged by the rule table against the store
        as the entries before it left it, and closes its own signed checkpoint, as one write
        does."""
        lock = WriterLock(
            self.folder.path,
            self.user.name,
            operation,
            wait_seconds=self.lock_wait_seconds,
        )
        global _committed
        with lock:
            if _file_identity(self.folder.db_path) != self._db_identity:
                raise StoreError(
                    _said("session.store_replaced", folder=self.folder.path, user=self.user.name)
                )
            entries: list[Entry] = []
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    for one in writes:
                        rows = one.rows
                        if one.prepare is not None:
                            rows = [*rows, *one.prepare(self.conn)]
                        entry, head = self._write_locked(one.action, one.payload, rows, one.extra)
                        entries.append(entry)
                    self.conn.execute("COMMIT")
                    _committed += len(entries)
                except BaseException:
                    # best effort: SQLite may already have rolled back (full disk, I/O error),
                    # and a failing ROLLBACK must not hide the reason the write failed
                    with contextlib.suppress(sqlcipher3.Error):
                        self.conn.execute("ROLLBACK")
                    raise
            except (sqlcipher3.DatabaseError, OSError) as error:
                # full disk, read-only folder, damaged database: say so, not SQLite's words
                if not db.is_storage_failure(error):
                    raise
                raise db.storage_error(self.folder.db_path, error) from None
            # The entries are committed. If the head cannot be copied to store.json now (full
            # disk), the write has still happened: the head lags, verify accepts that (it never
            # runs ahead of the ledger), and the next write advances it.
            with contextlib.suppress(OSError):
                self.folder.write_head(head)
            self._record_anchor(head)
        return entries

    def append_signed(
        self,
        entries: Sequence[Entry],
        *,
        extra: Callable[[db.Connection], None] | None = None,
        operation: str,
    ) -> Head:
        """Append entries signed elsewhere, as they are, in one transaction under the writer
        lock: what a hub accepted before this store committed it (``join --store EXISTING``
        commits its ``device.join`` and ``handle.reindex`` only after the hub's acceptance, with
        the very bytes the hub holds). Each must follow the ledger's head (seq, prev hash), hash
        to its ``entry_hash`` and carry a valid signature, by the key the store holds for its
        actor, over the checkpoint it closes; else ``StoreError`` and nothing is written.
        Unlike :meth:`write` nothing is judged or applied here: the caller's ``extra`` applies
        what the store must hold at once, inside the same transaction, and the next pull
        projects the rest (verify replays them as any entry)."""
        lock = WriterLock(
            self.folder.path, self.user.name, operation, wait_seconds=self.lock_wait_seconds
        )
        with lock:
            if _file_identity(self.folder.db_path) != self._db_identity:
                raise StoreError(
                    _said("session.store_replaced", folder=self.folder.path, user=self.user.name)
                )
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                head: Head | None = None
                for entry in entries:
                    head = self._append_one(entry)
                if extra is not None:
                    extra(conn)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise
            if head is None:
                raise StoreError(_said("session.append_refused", seq=0))
            with contextlib.suppress(OSError):
                self.folder.write_head(head)
            self._record_anchor(head)
        return head

    def _append_one(self, entry: Entry) -> Head:
        last = self.conn.execute(
            "SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq = 1 if last is None else int(last["seq"]) + 1
        prev = ledger.genesis_hash(self.folder.store_id) if last is None else str(last[1])
        key = self.conn.execute(
            "SELECT public_key FROM users WHERE name = ?", (entry.actor,)
        ).fetchone()
        tree = self._load_tree(seq - 1)
        tree.append(merkle.leaf_hash(bytes.fromhex(entry.entry_hash)))
        root = tree.root_hash().hex()
        note = ledger.checkpoint_note(self.folder.store_id, tree.size, root)
        hashed = ledger.entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.payload_hash, entry.prev_hash
        )
        if (
            entry.seq != seq
            or entry.prev_hash != prev
            or ledger.payload_hash(entry.payload) != entry.payload_hash
            or hashed != entry.entry_hash
            or key is None
            or not signing.verify(
                str(key[0]), signing.CHECKPOINT_CONTEXT, note.encode(), entry.signature
            )
        ):
            raise StoreError(_said("session.append_refused", seq=entry.seq))
        self.conn.execute(
            "INSERT INTO ledger (seq, at, actor, action, payload, payload_hash, prev_hash, "
            "entry_hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tuple(entry),
        )
        self.conn.execute(
            "INSERT INTO checkpoints (size, root, at, signer, signature) VALUES (?, ?, ?, ?, ?)",
            (tree.size, root, entry.at, entry.actor, entry.signature),
        )
        self.conn.execute(
            "INSERT INTO merkle_state (id, size, peaks) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET size = excluded.size, peaks = excluded.peaks",
            (tree.size, json.dumps([h.hex() for h in tree.hashes])),
        )
        return Head(tree.size, root, entry.at, entry.actor, entry.signature)

    def _record_anchor(self, head: Head) -> None:
        """Copy the committed head to this OS user's anchor, outside the store folder
        (store/anchors.py), so a ledger rolled back together with store.json is still found.
        Best effort, like the head: a full disk or a read-only profile is not a failed write."""
        with contextlib.suppress(OSError, ValueError, sqlcipher3.Error):
            anchors.record_head(self.folder.store_id, head, self.folder.path, self.checkpoint_root)

    def checkpoint_root(self, size: int) -> str | None:
        """This ledger's checkpoint root at ``size`` (the anchor moves only along one ledger)."""
        row = self.conn.execute("SELECT root FROM checkpoints WHERE size = ?", (size,)).fetchone()
        return None if row is None else str(row["root"])

    def _write_locked(
        self,
        action: str,
        payload: Mapping[str, Any],
        rows: Sequence[RowChange],
        extra: Callable[[db.Connection, int], Mapping[str, Any] | None] | None,
    ) -> tuple[Entry, Head]:
        last = self.conn.execute(
            "SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq = 1 if last is None else int(last["seq"]) + 1
        prev = (
            ledger.genesis_hash(self.folder.store_id) if last is None else str(last["entry_hash"])
        )
        at = self.now()
        body: dict[str, Any] = dict(payload)
        if rows:
            body["rows"] = [change.as_json() for change in rows]
        # The rule table, against the store as it stands, before anything is applied: the
        # same code verify replays, so an entry refused here is one verify would report.
        refuse(
            authority.check(
                DatabaseState(self.conn, self.handle_index, self.folder.store_id, sizes=True),
                seq,
                at,
                self.user.name,
                action,
                body,
            ),
            action,
        )
        # a device of an organisation records what it changes until the hub places the entry
        # (services/unplaced.py: a pull rewinds it instead of replaying the whole history)
        unplaced.apply(self.conn, seq, rows, record=unplaced.recording(self.conn))
        if extra is not None:
            body.update(extra(self.conn, seq) or {})
        entry = ledger.unsigned_entry(
            seq=seq, at=at, actor=self.user.name, action=action, payload=body, prev=prev
        )
        tree = self._load_tree(seq - 1)
        tree.append(merkle.leaf_hash(bytes.fromhex(entry.entry_hash)))
        root = tree.root_hash().hex()
        note = ledger.checkpoint_note(self.folder.store_id, tree.size, root)
        # one signature for the entry and the checkpoint it closes (see integrity/ledger.py)
        signature = self.sign(signing.CHECKPOINT_CONTEXT, note.encode())
        entry = entry.signed(signature)
        self.conn.execute(
            "INSERT INTO ledger (seq, at, actor, action, payload, payload_hash, prev_hash, "
            "entry_hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.seq,
                entry.at,
                entry.actor,
                entry.action,
                entry.payload,
                entry.payload_hash,
                entry.prev_hash,
                entry.entry_hash,
                entry.signature,
            ),
        )
        self.conn.execute(
            "INSERT INTO checkpoints (size, root, at, signer, signature) VALUES (?, ?, ?, ?, ?)",
            (tree.size, root, at, self.user.name, signature),
        )
        self.conn.execute(
            "INSERT INTO merkle_state (id, size, peaks) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET size = excluded.size, peaks = excluded.peaks",
            (tree.size, json.dumps([h.hex() for h in tree.hashes])),
        )
        return entry, Head(tree.size, root, at, self.user.name, signature)

    def _load_tree(self, size: int) -> merkle.CompactRange:
        state = self.conn.execute("SELECT size, peaks FROM merkle_state WHERE id = 1").fetchone()
        if state is not None and int(state["size"]) == size:
            try:
                cached = merkle.CompactRange.from_state(
                    size, [bytes.fromhex(h) for h in json.loads(state["peaks"])]
                )
            except (ValueError, TypeError):
                pass  # rebuild below
            else:
                # The cache is a shortcut, not a source of truth: use it only while it still
                # reproduces the last checkpoint, so a cache edited outside the app cannot make
                # an honest write cut a wrong checkpoint.
                checkpoint = self.conn.execute(
                    "SELECT root FROM checkpoints WHERE size = ?", (size,)
                ).fetchone()
                if checkpoint is not None and checkpoint["root"] == cached.root_hash().hex():
                    return cached
        tree = merkle.CompactRange()
        for (entry_hash,) in self.conn.execute(
            "SELECT entry_hash FROM ledger WHERE seq <= ? ORDER BY seq", (size,)
        ):
            tree.append(merkle.leaf_hash(bytes.fromhex(entry_hash)))
        return tree
