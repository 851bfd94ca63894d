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
]

# table -> primary-key columns, for every table that verify rebuilds from ledger payloads
PROJECTED_TABLES: dict[str, tuple[str, ...]] = {
    "users": ("name",),
    "blobs": ("sha256",),
    "settings": ("key",),
}


def latest_version() -> int:
    return len(MIGRATIONS)
