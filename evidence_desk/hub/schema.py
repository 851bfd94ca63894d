"""The hub's tables in PostgreSQL (15+), and who may change what in them.

The hub keeps every device's ledger as the device signed it. What is evidence there may only
grow: the *evidence tables* refuse UPDATE, DELETE and TRUNCATE by trigger, even for their owner,
and the application's role is granted only INSERT and SELECT on them. A superuser can still do
anything (disable the triggers, ``session_replication_role = replica``): the devices' verify and
sync catch such an edit, since every entry is signed by its device's user and linked to the one
before it.

Mutable bookkeeping lives in separate tables that are no evidence:

- ``users``: role and active flag change (an admin deactivates someone); every change is also
  recorded in the append-only ``user_changes``, and a user is never deleted. Their keys are the
  append-only ``user_keys``: every key the organisation ever held for them, so that an entry
  signed before a key change still verifies.
- ``device_heads``: each device's size, head hash and Merkle compact range, derived from its
  entries (so that a push does not re-read the device's whole ledger). A wrong head can only
  make the hub refuse an honest push: it signs nothing and is no evidence.
- ``blob_chunks``: an upload in progress may be corrected or discarded; once ``blobs`` holds
  the blob (its digest checked), the trigger refuses any change to its chunks.
- ``nonces``: the replay window of signed requests, pruned as it slides.

Single-use enrolment codes need no flag to flip: redeeming one inserts its ``enrolment_uses``
row, whose primary key lets it happen once.
"""

from __future__ import annotations

import re
from typing import Any, Final

import psycopg
from psycopg import sql

from evidence_desk.domain.models import Role
from evidence_desk.hub import entry_changes, withdrawal

#: 2: ``entries.pre_org`` and ``join_staging`` (joining with an existing store, issue 19).
#: Version 1 grew tables without a number of its own (receipts, checkpoints, witnesses, key
#: rotations, stamps): :func:`upgrade` adds whatever table, column and index it lacks.
#: 3: ``org_checkpoint_stamps.certs`` (the TSA's certificate path each token verified by, served
#: with the stamp so that a kit can carry it); lookups instead of scans: ``hub_payload_text``
#: and the ``entries_decisions`` index (who decided a contact first), ``entries_invites`` and
#: ``entries_invite_uses`` (an open invitation), ``join_staging.staged_at`` (abandoned uploads
#: swept by age).
#: 4: ``device_retirements`` (an admin retired a lost or stale laptop, issue 20 item 6); a
#: shredded case withdrawn from the hub (hub/withdrawal.py): ``case_withdrawals``,
#: ``withdrawn_files``, ``withdrawn_blobs``, and the triggers that let its wraps and chunks go.
#: 5: ``entry_changes`` and the ALWAYS triggers that note any change to ``entries`` other
#: than an append (hub/entry_changes.py: ``/v1/check`` keeps its digests on that guard).
SCHEMA_VERSION: Final = 5

#: tables that only ever grow (trigger + grants); in the order they are created
EVIDENCE_TABLES: Final = (
    "organisation",
    "user_keys",
    "user_changes",
    "enrolments",
    "enrolment_uses",
    "devices",
    "entries",
    "blobs",
    "blob_files",
    "case_key_wraps",
    "receipts",
    "receipt_keys",
    "org_checkpoints",
    "org_witnesses",
    "receipt_key_rotations",
    "org_checkpoint_stamps",
    "device_retirements",
    *withdrawal.EVIDENCE_TABLES,
    *entry_changes.EVIDENCE_TABLES,
)

#: SQLSTATE the triggers raise, so that the repository can tell a refused change apart
APPEND_ONLY_STATE: Final = "ED001"

# (a psycopg sql.SQL template: {roles} is filled in, {{ }} are braces)
_DDL = """
CREATE TABLE hub_schema (version integer NOT NULL);

CREATE TABLE organisation (
    hub_id text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisation_one ON organisation ((true));

CREATE TABLE users (
    name text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ({roles})),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE user_keys (
    user_name text NOT NULL REFERENCES users(name),
    sign_key text NOT NULL CHECK (sign_key ~ '^[0-9a-f]{{64}}$'),
    wrap_key text NOT NULL CHECK (wrap_key ~ '^[0-9a-f]{{64}}$'),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_name, sign_key)
);
CREATE TABLE user_changes (
    id bigserial PRIMARY KEY,
    user_name text NOT NULL REFERENCES users(name),
    change text NOT NULL,
    value text NOT NULL,
    by_user text,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrolments (
    code_digest text PRIMARY KEY,
    user_name text NOT NULL,
    role text NOT NULL CHECK (role IN ({roles})),
    expires_at timestamptz NOT NULL,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE enrolment_uses (
    code_digest text PRIMARY KEY REFERENCES enrolments(code_digest),
    used_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
    device_id text PRIMARY KEY,
    user_name text NOT NULL REFERENCES users(name),
    registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE device_heads (
    device_id text PRIMARY KEY REFERENCES devices(device_id),
    size bigint NOT NULL,
    head_hash text NOT NULL,
    compact_range bytea[] NOT NULL,
    last_push timestamptz NOT NULL DEFAULT now()
);

{payload_function}
CREATE TABLE entries (
    device_id text NOT NULL REFERENCES devices(device_id),
    seq bigint NOT NULL CHECK (seq >= 1),
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    payload text NOT NULL,
    payload_hash text NOT NULL,
    prev_hash text NOT NULL,
    entry_hash text NOT NULL,
    signature text NOT NULL,
    verdict text NOT NULL DEFAULT '',
    -- a joined store's history before its device.join (hub/pre_org.py)
    pre_org boolean NOT NULL DEFAULT false,
    hub_seq bigserial NOT NULL UNIQUE,
    accepted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, seq)
);
-- invitations and decisions are looked up by action (hub/repository.py)
CREATE INDEX entries_action ON entries (action) WHERE action IN
    ('user.invite', 'device.join', 'invite.revoke', 'contact.approve', 'contact.reject');
-- who decided a contact first: one lookup by contact, however many decisions the hub holds
CREATE INDEX entries_decisions ON entries (hub_payload_text(payload, 'contact_id'), hub_seq)
    WHERE action IN ('contact.approve', 'contact.reject') AND verdict = '';
-- an open invitation: its user.invite by the code's key, what used or revoked it by its id
CREATE INDEX entries_invites ON entries (hub_payload_text(payload, 'invite_key'))
    WHERE action = 'user.invite';
CREATE INDEX entries_invite_uses ON entries (hub_payload_text(payload, 'invite_id'))
    WHERE action IN ('device.join', 'invite.revoke');

CREATE TABLE blob_chunks (
    digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{{64}}$'),
    index integer NOT NULL CHECK (index >= 0),
    data bytea NOT NULL,
    PRIMARY KEY (digest, index)
);
CREATE TABLE blobs (
    digest text PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{{64}}$'),
    size bigint NOT NULL CHECK (size >= 0),
    chunks integer NOT NULL CHECK (chunks >= 0),
    completed_at timestamptz NOT NULL DEFAULT now(),
    -- 'db': its chunks stay in blob_chunks; 's3': one object under Object Lock
    -- (hub/object_store.py), chunk i being bytes chunk_ends[i-1]..chunk_ends[i]-1
    location text NOT NULL DEFAULT 'db' CHECK (location IN ('db', 's3')),
    chunk_ends bigint[] CHECK ((location = 's3') = (chunk_ends IS NOT NULL))
);

CREATE TABLE blob_files (
    path text PRIMARY KEY,
    digest text NOT NULL REFERENCES blobs(digest),
    added_by text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE case_key_wraps (
    case_no text NOT NULL,
    recipient text NOT NULL REFERENCES users(name),
    key_id text NOT NULL,
    sealed bytea NOT NULL,
    added_by text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_no, recipient, key_id)
);

CREATE TABLE receipts (
    id bigserial PRIMARY KEY,
    device_id text NOT NULL REFERENCES devices(device_id),
    size bigint NOT NULL,
    hub_seq bigint NOT NULL,
    body text NOT NULL,
    signature text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- the hub's own Ed25519 keys that sign receipts (hub/receipts.py): the newest signs
CREATE TABLE receipt_keys (
    public_key text PRIMARY KEY CHECK (public_key ~ '^[0-9a-f]{{64}}$'),
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipts_device ON receipts (device_id, size);

-- the hub's signed organisation checkpoints (hub/org_checkpoints.py): the Merkle root over
-- every accepted entry in hub_seq order, with the compact range the next one continues from
CREATE TABLE org_checkpoints (
    size bigint PRIMARY KEY CHECK (size >= 1),
    hub_seq bigint NOT NULL UNIQUE,
    root text NOT NULL,
    compact_range bytea[] NOT NULL,
    body text NOT NULL,
    signature text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- witnesses' cosignatures of the checkpoints they verified (hub/org_checkpoints.py): the
-- checkpoint as the witness was shown it, and the witness's signature over it
CREATE TABLE org_witnesses (
    witness text NOT NULL REFERENCES users(name),
    size bigint NOT NULL,
    body text NOT NULL,
    hub_signature text NOT NULL,
    sign_key text NOT NULL,
    signature text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (witness, size)
);

-- the receipt key handed over to the next (integrity/hub_key_rotation.py): the statement and
-- the signatures of the old key and of the new one
CREATE TABLE receipt_key_rotations (
    old_key text PRIMARY KEY REFERENCES receipt_keys (public_key),
    new_key text NOT NULL UNIQUE REFERENCES receipt_keys (public_key),
    body text NOT NULL,
    old_signature text NOT NULL,
    new_signature text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- RFC 3161 tokens over each checkpoint's signed statement (hub/org_stamps.py): stamped by a
-- background task, so a checkpoint without one is queued until the TSA answers
CREATE TABLE org_checkpoint_stamps (
    size bigint PRIMARY KEY REFERENCES org_checkpoints(size),
    token bytea NOT NULL,
    gen_time timestamptz NOT NULL,
    tsa_url text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    -- PEM: the certificate path the token verified by at stamping (signer first, root last)
    certs text NOT NULL DEFAULT ''
);

CREATE TABLE nonces (
    key_id text NOT NULL,
    nonce text NOT NULL,
    until double precision NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX nonces_until ON nonces (until);

-- devices an admin retired (hub/retirements.py): from their accepted device.retire entries
CREATE TABLE device_retirements (
    device_id text PRIMARY KEY REFERENCES devices(device_id),
    final_size bigint NOT NULL,
    reason text NOT NULL,
    retired_by text NOT NULL,
    retired_at text NOT NULL,
    hub_seq bigint NOT NULL
);

-- a joining store's history uploaded in pages before its join (hub/join_staging.py): NOT the
-- organisation's entries (never pulled, judged only by the join), deleted when the join that
-- names it is accepted or refused
CREATE TABLE join_staging (
    invite_key text NOT NULL,
    device_id text NOT NULL,
    seq bigint NOT NULL,
    entry text NOT NULL,
    entry_hash text NOT NULL,
    -- abandoned uploads older than ``hub serve --staged-hours`` are swept (hub/join_staging.py)
    staged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invite_key, device_id, seq)
);

-- a shredded case withdrawn from the hub (hub/withdrawal.py)
{withdrawal_tables}
{entry_changes_tables}

CREATE FUNCTION hub_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hub.append_only: % of % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'ED001';
END $$;

CREATE FUNCTION hub_refuse_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name = OLD.name AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'hub.append_only: % of users refused', TG_OP USING ERRCODE = 'ED001';
END $$;
CREATE TRIGGER users_keep BEFORE UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION hub_refuse_user_change();
CREATE TRIGGER users_no_truncate BEFORE TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION hub_refuse_change();

-- (hub/withdrawal.py RULES replaces it: a withdrawn blob's chunks may go too)
CREATE FUNCTION hub_refuse_chunk_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM blobs WHERE digest = OLD.digest) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'hub.append_only: % of blob_chunks refused', TG_OP USING ERRCODE = 'ED001';
END $$;
CREATE TRIGGER blob_chunks_keep BEFORE UPDATE OR DELETE ON blob_chunks
    FOR EACH ROW EXECUTE FUNCTION hub_refuse_chunk_change();
CREATE TRIGGER blob_chunks_no_truncate BEFORE TRUNCATE ON blob_chunks
    FOR EACH STATEMENT EXECUTE FUNCTION hub_refuse_change();
"""

#: a text field of an entry's JSON payload, NULL for a payload that is not a JSON object (an
#: index expression must not fail an insert); IMMUTABLE, so that an index may use it. PARALLEL
#: RESTRICTED, not SAFE: the EXCEPTION block is a subtransaction, which a parallel worker
#: cannot start, and PostgreSQL builds an index over a large table with workers unless its
#: expression is restricted (``hub upgrade`` of a 200,000-decision hub failed so)
_PAYLOAD_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_payload_text(payload text, field text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL RESTRICTED AS $$
BEGIN
    RETURN payload::jsonb ->> field;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;
"""

_EVIDENCE_TRIGGERS = """
CREATE TRIGGER {keep} BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION hub_refuse_change();
CREATE TRIGGER {no_truncate} BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION hub_refuse_change();
"""

#: what the application's role may do beyond INSERT and SELECT, table by table
_BOOKKEEPING_GRANTS = (
    "GRANT UPDATE (role, active) ON users TO {role}",
    "GRANT SELECT, INSERT, UPDATE ON device_heads TO {role}",
    "GRANT SELECT, INSERT, DELETE ON blob_chunks TO {role}",
    "GRANT SELECT, INSERT, DELETE ON nonces TO {role}",
    "GRANT SELECT, INSERT, DELETE ON join_staging TO {role}",
    "GRANT SELECT, INSERT ON users, hub_schema TO {role}",
    *withdrawal.GRANTS,
)


def installed_version(conn: psycopg.Connection[Any]) -> int | None:
    """The hub schema's version in this database, None when it has none."""
    found = conn.execute("SELECT to_regclass('hub_schema') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return None
    row = conn.execute("SELECT max(version) FROM hub_schema").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def install(conn: psycopg.Connection[Any]) -> None:
    """Create the hub's tables, triggers and functions in one transaction (as the database's
    owner); a database that already has them is left as it is (``hub upgrade`` brings an older
    one up to date)."""
    with conn.transaction():
        if installed_version(conn) is not None:
            return
        conn.execute(_ddl())
        for table in EVIDENCE_TABLES:
            conn.execute(
                sql.SQL(_EVIDENCE_TRIGGERS).format(
                    table=sql.Identifier(table),
                    keep=sql.Identifier(f"{table}_keep"),
                    no_truncate=sql.Identifier(f"{table}_no_truncate"),
                )
            )
        withdrawal.install_rules(conn)
        entry_changes.install_rules(conn)
        conn.execute("INSERT INTO hub_schema (version) VALUES (%s)", (SCHEMA_VERSION,))


_TABLE = re.compile(r"^CREATE TABLE (\w+) \(.*?^\);$", re.MULTILINE | re.DOTALL)
_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX (\w+) (ON .*?;)$", re.MULTILINE | re.DOTALL)
#: columns added to a table after its first release: (table, column, definition)
_ADDED_COLUMNS: Final = (
    ("entries", "pre_org", "boolean NOT NULL DEFAULT false"),
    ("org_checkpoint_stamps", "certs", "text NOT NULL DEFAULT ''"),
    ("join_staging", "staged_at", "timestamptz NOT NULL DEFAULT now()"),
)


def upgrade(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    """Bring an installed hub schema up to :data:`SCHEMA_VERSION` in one transaction (as the
    database's owner): every table of today's schema the database lacks is created (an
    evidence table with its append-only triggers), every added column and index too, and the
    version recorded. Nothing that exists is changed or re-created, so evidence rows stay as
    they are and running it twice changes nothing. Returns (version before, version after).
    Raises LookupError for a database without a hub schema (``hub init`` makes one)."""
    with conn.transaction():
        before = installed_version(conn)
        if before is None:
            raise LookupError("no hub schema")
        if before >= SCHEMA_VERSION:
            return before, before
        ddl = _ddl().as_string(conn)
        for match in _TABLE.finditer(ddl):
            table = match.group(1)
            if _exists(conn, table):
                continue
            conn.execute(match.group(0).encode())
            if table in EVIDENCE_TABLES:
                conn.execute(
                    sql.SQL(_EVIDENCE_TRIGGERS).format(
                        table=sql.Identifier(table),
                        keep=sql.Identifier(f"{table}_keep"),
                        no_truncate=sql.Identifier(f"{table}_no_truncate"),
                    )
                )
        for table, column, definition in _ADDED_COLUMNS:
            conn.execute(
                sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} " + definition).format(
                    sql.Identifier(table), sql.Identifier(column)
                )
            )
        conn.execute(_PAYLOAD_FUNCTION.encode())  # before the indexes that use it
        for match in _INDEX.finditer(ddl):
            unique, name, rest = match.group(1) or "", match.group(2), match.group(3)
            conn.execute(f"CREATE {unique}INDEX IF NOT EXISTS {name} {rest}".encode())
        withdrawal.install_rules(conn)  # (``hub serve`` withdraws the cases shredded before)
        entry_changes.install_rules(conn)  # after entry_changes' append-only triggers
        conn.execute("INSERT INTO hub_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
    return before, SCHEMA_VERSION


def _ddl() -> sql.Composed:
    roles = sql.SQL(", ").join(sql.Literal(role.value) for role in Role)
    return sql.SQL(_DDL).format(
        roles=roles,
        payload_function=sql.SQL(_PAYLOAD_FUNCTION),
        withdrawal_tables=sql.SQL(withdrawal.TABLES),
        entry_changes_tables=sql.SQL(entry_changes.TABLES),
    )


def _exists(conn: psycopg.Connection[Any], table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
    return bool(row and row[0])


def grant_app_role(conn: psycopg.Connection[Any], role: str, database: str) -> None:
    """Create ``role`` if the cluster lacks it (LOGIN, no superuser, no password: the
    cluster's pg_hba decides how it authenticates) and give it what the hub's code needs:
    INSERT and SELECT on the evidence tables, nothing more there, and the bookkeeping grants."""
    ident = sql.Identifier(role)
    with conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if exists is None:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(ident)
            )
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident)
        )
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
        for table in EVIDENCE_TABLES:
            conn.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(table), ident))
            conn.execute(
                sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(sql.Identifier(table), ident)
            )
        for statement in _BOOKKEEPING_GRANTS:
            conn.execute(sql.SQL(statement).format(role=ident))
        conn.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident))
