"""Numbered schema migrations and the list of tables that are projections of the ledger.

A migration is applied once, in order, inside the transaction that records it in
``schema_version``. Migrations only ever add; an existing store opened by a newer build is
brought forward on first write access, and a store from a newer build is refused.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the trust core
    """
    CREATE TABLE ledger (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL UNIQUE,
        signature TEXT NOT NULL
    );
    CREATE TABLE checkpoints (
        size INTEGER PRIMARY KEY,
        root TEXT NOT NULL,
        at TEXT NOT NULL,
        signer TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        public_key TEXT NOT NULL,
        active INTEGER NOT NULL
    );
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        sm3 TEXT NOT NULL,
        size INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE merkle_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        size INTEGER NOT NULL,
        peaks TEXT NOT NULL
    );
    """,
    # 2: cases, contacts, their documents and evidence items
    """
    CREATE TABLE cases (
        case_no TEXT PRIMARY KEY,
        debtor_name TEXT NOT NULL,
        debtor_id_number TEXT NOT NULL,
        loan_ref TEXT NOT NULL,
        product TEXT NOT NULL,
        amount_overdue TEXT NOT NULL,
        overdue_since TEXT NOT NULL,
        status TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL REFERENCES cases (case_no),
        channel TEXT NOT NULL,
        handle TEXT NOT NULL,
        display_name TEXT NOT NULL,
        relation TEXT NOT NULL,
        relation_justification TEXT NOT NULL,
        initiated_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        consent TEXT NOT NULL,
        flags TEXT NOT NULL,
        status TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT,
        expires_at TEXT,
        revoked_by TEXT,
        revoked_at TEXT,
        revoke_note TEXT
    );
    CREATE INDEX contacts_by_handle ON contacts (channel, handle);
    CREATE INDEX contacts_by_case ON contacts (case_no);
    CREATE TABLE items (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts (id),
        role TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        file_name TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE INDEX items_by_contact ON items (contact_id);
    """,
]

# table -> primary-key columns, for every table that verify rebuilds from ledger payloads
PROJECTED_TABLES: dict[str, tuple[str, ...]] = {
    "users": ("name",),
    "blobs": ("sha256",),
    "settings": ("key",),
    "cases": ("case_no",),
    "contacts": ("id",),
    "items": ("id",),
}


def latest_version() -> int:
    return len(MIGRATIONS)
