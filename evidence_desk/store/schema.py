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
    # 3: imports and the messages parsed from them
    """
    CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts (id),
        kind TEXT NOT NULL,
        format TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        main_member TEXT NOT NULL,
        members TEXT NOT NULL,
        timezone TEXT NOT NULL,
        our_account TEXT NOT NULL,
        message_count INTEGER NOT NULL,
        new_messages INTEGER NOT NULL,
        first_at TEXT,
        last_at TEXT,
        normalised_sha256 TEXT NOT NULL,
        commitments_root TEXT NOT NULL,
        details TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX imports_by_contact ON imports (contact_id);
    CREATE TABLE messages (
        rowid INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        contact_id TEXT NOT NULL REFERENCES contacts (id),
        sent_at TEXT NOT NULL,
        time_text TEXT NOT NULL,
        sender TEXT NOT NULL,
        sender_id TEXT,
        direction TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        raw TEXT,
        native_id TEXT,
        reply_to TEXT,
        attachments TEXT NOT NULL,
        salt TEXT NOT NULL,
        commitment TEXT NOT NULL,
        first_import TEXT NOT NULL REFERENCES imports (id),
        flags TEXT NOT NULL,
        UNIQUE (contact_id, fingerprint)
    );
    CREATE INDEX messages_by_contact_time ON messages (contact_id, sent_at);
    CREATE TABLE message_sources (
        message_rowid INTEGER NOT NULL REFERENCES messages (rowid),
        import_id TEXT NOT NULL REFERENCES imports (id),
        position INTEGER NOT NULL,
        locator TEXT NOT NULL,
        PRIMARY KEY (import_id, position)
    );
    CREATE INDEX message_sources_by_message ON message_sources (message_rowid);
    CREATE VIRTUAL TABLE message_text USING fts5 (
        text, content = 'messages', content_rowid = 'rowid', tokenize = 'trigram'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_text (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO message_text (rowid, text) VALUES (new.rowid, new.text);
    END;
    """,
    # 4: time-stamp authorities, tokens over checkpoints, and the stamping attempt log
    """
    CREATE TABLE tsa_authorities (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        hash_alg TEXT NOT NULL,
        roots_pem TEXT NOT NULL,
        certs_pem TEXT NOT NULL,
        timeout_seconds INTEGER NOT NULL,
        position INTEGER NOT NULL,
        active INTEGER NOT NULL
    );
    CREATE TABLE timestamps (
        id TEXT PRIMARY KEY,
        checkpoint_size INTEGER NOT NULL,
        checkpoint_root TEXT NOT NULL,
        tsa_name TEXT NOT NULL,
        hash_alg TEXT NOT NULL,
        gen_time TEXT NOT NULL,
        serial_number TEXT NOT NULL,
        policy_oid TEXT NOT NULL,
        tsa_subject TEXT NOT NULL,
        token TEXT NOT NULL,
        request TEXT NOT NULL,
        response TEXT NOT NULL,
        cert_chain TEXT NOT NULL,
        local_time TEXT NOT NULL,
        clock_skew_seconds INTEGER NOT NULL,
        stamped_by TEXT NOT NULL
    );
    CREATE INDEX timestamps_by_size ON timestamps (checkpoint_size);
    CREATE TABLE stamp_attempts (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        tsa_name TEXT NOT NULL,
        checkpoint_size INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """,
    # 5: review tags and notes on messages and items; acknowledgements of conduct findings.
    # A tag names its message by (contact_id, message_fingerprint), which verify re-derives
    # from the originals, never by rowid. Removal is a second entry that fills removed_*:
    # tags and acknowledgements are never deleted.
    """
    CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL REFERENCES cases (case_no),
        contact_id TEXT NOT NULL REFERENCES contacts (id),
        target_kind TEXT NOT NULL,
        message_fingerprint TEXT,
        item_id TEXT,
        tag TEXT NOT NULL,
        note TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_by TEXT,
        removed_at TEXT,
        remove_note TEXT
    );
    CREATE INDEX tags_by_contact ON tags (contact_id, tag);
    CREATE INDEX tags_by_message ON tags (contact_id, message_fingerprint);
    CREATE TABLE conduct_acks (
        finding_id TEXT PRIMARY KEY,
        rule TEXT NOT NULL,
        case_no TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        message_fingerprint TEXT,
        detail TEXT NOT NULL,
        note TEXT NOT NULL,
        acked_by TEXT NOT NULL,
        acked_at TEXT NOT NULL
    );
    """,
    # 6: retention and legal hold (issue 18 item 2). A case's closure (purpose achieved) with the
    # settings in force and the deletion date they give; legal holds, lifted by a second entry
    # that fills lifted_* (never deleted). New tables only: older stores open and verify as
    # they did, with no closures and no holds.
    """
    CREATE TABLE case_closures (
        case_no TEXT PRIMARY KEY REFERENCES cases (case_no),
        closed_by TEXT NOT NULL,
        closed_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        floor_years INTEGER NOT NULL,
        cap_years INTEGER NOT NULL,
        last_record TEXT NOT NULL,
        delete_after TEXT NOT NULL
    );
    CREATE TABLE holds (
        id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL REFERENCES cases (case_no),
        placed_by TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        lifted_by TEXT,
        lifted_at TEXT,
        lift_reason TEXT
    );
    CREATE INDEX holds_by_case ON holds (case_no);
    """,
    # 7: the read log (PI-1). Not a projection of the ledger: reads are too frequent for one
    # entry each. Every row carries the hash of the row before it (one chain over the store)
    # and seals signed by the reader close batches of it (store/access_log.py); verify checks
    # both. Rows are never updated or deleted.
    """
    CREATE TABLE access_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        case_no TEXT NOT NULL,
        what TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        row_hash TEXT NOT NULL
    );
    CREATE INDEX access_log_by_case ON access_log (case_no, seq);
    CREATE INDEX access_log_by_user ON access_log (user, seq);
    CREATE TABLE access_seals (
        upto INTEGER PRIMARY KEY,
        first INTEGER NOT NULL,
        at TEXT NOT NULL,
        signer TEXT NOT NULL,
        head TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    """,
    # 8: per-case data keys (issue 18 item 1). Each user's X25519 public key, recorded in the
    # ledger with the user (NULL for users from before, until their next login); each case
    # key's HPKE wraps, one per reader (store/case_keys.py). The wraps are not a projection:
    # the ledger holds their digests, so that shredding a case can delete every copy.
    # Message texts are sealed under the case key from now on, so the full-text index can no
    # longer read them from ``messages``: it becomes a contentless index (trigrams and rowids
    # only, no copy of the text) that the import fills with the plain text it holds, and that
    # shredding empties row by row (contentless_delete).
    """
    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_delete;
    DROP TRIGGER messages_fts_update;
    DROP TABLE message_text;
    CREATE VIRTUAL TABLE message_text USING fts5 (
        text, content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    INSERT INTO message_text (rowid, text) SELECT rowid, text FROM messages;
    ALTER TABLE users ADD COLUMN wrap_key TEXT;
    CREATE TABLE case_key_wraps (
        case_no TEXT NOT NULL,
        recipient TEXT NOT NULL,
        recipient_key TEXT NOT NULL,
        sealed BLOB NOT NULL,
        key_id TEXT NOT NULL,
        PRIMARY KEY (case_no, recipient)
    );
    """,
    # 9 (issue 18 item 3): shredded cases, one row per tombstone (a projection of
    # the case.shred entries). What was destroyed is in the tombstone's payload.
    """
    CREATE TABLE shreddings (
        case_no TEXT PRIMARY KEY REFERENCES cases (case_no),
        shredded_by TEXT NOT NULL,
        shredded_at TEXT NOT NULL,
        basis TEXT NOT NULL,
        reason TEXT NOT NULL,
        request_sha256 TEXT
    );
    """,
    # 10 (issue 18 item 5): PIPL
    # records. A processing record / PIPIA per export (arts. 55-56), kept at least three years:
    # the database itself refuses to delete one before its retain_until (case shredding leaves
    # them: they hold metadata and digests, no chat content) and to change one ever. Breach
    # records (art. 57) are never changed or deleted. List columns are canonical JSON text.
    """
    CREATE TABLE processing_records (
        id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL,
        bundle_id TEXT NOT NULL,
        evidence_manifest_sha256 TEXT NOT NULL,
        recipient_kind TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        basis_note TEXT NOT NULL,
        data_categories TEXT NOT NULL,
        sensitive_categories TEXT NOT NULL,
        risk_level TEXT NOT NULL,
        measures TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        retain_until TEXT NOT NULL
    );
    CREATE INDEX processing_records_by_case ON processing_records (case_no, recorded_at);
    CREATE TRIGGER processing_records_kept BEFORE DELETE ON processing_records
        WHEN old.retain_until > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        BEGIN SELECT RAISE(ABORT, 'processing records are kept until retain_until'); END;
    CREATE TRIGGER processing_records_fixed BEFORE UPDATE ON processing_records
        BEGIN SELECT RAISE(ABORT, 'processing records are never changed'); END;
    CREATE TABLE breach_records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        cause TEXT NOT NULL,
        cause_note TEXT NOT NULL,
        harms TEXT NOT NULL,
        harm_note TEXT NOT NULL,
        remedies TEXT NOT NULL,
        remedy_note TEXT NOT NULL,
        advice TEXT NOT NULL,
        contact_name TEXT NOT NULL,
        contact_phone TEXT NOT NULL,
        cases_affected INTEGER NOT NULL,
        people_affected INTEGER NOT NULL,
        discovered_at TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        filed_at TEXT NOT NULL
    );
    CREATE TRIGGER breach_records_fixed BEFORE UPDATE ON breach_records
        BEGIN SELECT RAISE(ABORT, 'breach records are never changed'); END;
    CREATE TRIGGER breach_records_kept BEFORE DELETE ON breach_records
        BEGIN SELECT RAISE(ABORT, 'breach records are never deleted'); END;
    """,
    # 11 (issue 18 item 1, originals under the case key): the copy of an original that a case
    # holds, encrypted under keys derived from the case key (services/case_blobs.py). One row
    # per (case, original): the same file in two cases is two files. ``name`` is the file
    # under blobs/ (an HMAC of the SHA-256 under the case's blob-name key). A projection of the
    # ledger: the evidence entries put these rows, and the migration entry that re-encrypts an
    # older store's originals (case_keys.migrate_blobs). ``blobs.name`` keeps the file under
    # the store key, "" once no such file exists (new originals, migrated ones).
    """
    CREATE TABLE case_blobs (
        name TEXT PRIMARY KEY,
        case_no TEXT NOT NULL REFERENCES cases (case_no),
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        UNIQUE (case_no, sha256)
    );
    """,
    # 12: a contact's handle sealed under the case key; ``handle`` then holds its keyed digest
    # (store/case_keys.handle_index), which the one-matter-per-chat rule compares
    """
    ALTER TABLE contacts ADD COLUMN handle_text TEXT;
    """,
    # 13: where each message of an import was in its export (file name and line, by position),
    # sealed under the case key as one ciphertext per import (store/case_keys.seal_locators);
    # ``message_sources.locator`` is then empty. Not projected: like the messages, not in any
    # ledger payload (verify compares the list with the re-parse)
    """
    CREATE TABLE import_locators (
        import_id TEXT PRIMARY KEY REFERENCES imports (id),
        sealed BLOB NOT NULL
    );
    """,
    # 14 (issue 19): the organisation's history: the ledgers of
    # the organisation's other devices as they signed them, each with its position in the
    # hub's acceptance order (org_seq) and the hub's verdict ('' accepted, else the rule it
    # refused the entry with); this device's own positions from the hub's receipts; and the
    # invitations an admin wrote (a projection: user.invite, invite.revoke, device.join put
    # its rows). Entries and positions are evidence: the database refuses to change or delete
    # them (services/org_ledger.py; docs/ARCHITECTURE.md, Organisation: device ledgers).
    """
    CREATE TABLE device_entries (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL,
        signature TEXT NOT NULL,
        org_seq INTEGER NOT NULL UNIQUE,
        verdict TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
    );
    CREATE TRIGGER device_entries_fixed BEFORE UPDATE ON device_entries
        BEGIN SELECT RAISE(ABORT, 'device entries are never changed'); END;
    CREATE TRIGGER device_entries_kept BEFORE DELETE ON device_entries
        BEGIN SELECT RAISE(ABORT, 'device entries are never deleted'); END;
    CREATE TABLE org_positions (
        seq INTEGER PRIMARY KEY,
        org_seq INTEGER NOT NULL UNIQUE,
        verdict TEXT NOT NULL
    );
    CREATE TRIGGER org_positions_fixed BEFORE UPDATE ON org_positions
        BEGIN SELECT RAISE(ABORT, 'organisation positions are never changed'); END;
    CREATE TRIGGER org_positions_kept BEFORE DELETE ON org_positions
        BEGIN SELECT RAISE(ABORT, 'organisation positions are never deleted'); END;
    CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        role TEXT NOT NULL,
        invite_key TEXT NOT NULL,
        status TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        closed_by TEXT,
        closed_at TEXT,
        device_id TEXT
    );
    """,
    # 15: the hub's signed receipts of this device's pushes (issue 19; services/hub_receipts.py),
    # kept as the hub signed them: verify checks each under the pinned hub key and against
    # this device's own entries
    """
    CREATE TABLE hub_receipts (
        id INTEGER PRIMARY KEY,
        seq_from INTEGER NOT NULL,
        seq_to INTEGER NOT NULL,
        body TEXT NOT NULL UNIQUE,
        signature TEXT NOT NULL,
        kept_at TEXT NOT NULL
    );
    CREATE TRIGGER hub_receipts_fixed BEFORE UPDATE ON hub_receipts
        BEGIN SELECT RAISE(ABORT, 'hub receipts are never changed'); END;
    CREATE TRIGGER hub_receipts_kept BEFORE DELETE ON hub_receipts
        BEGIN SELECT RAISE(ABORT, 'hub receipts are never deleted'); END;
    """,
    # 16 (issue 22): a screenshot's OCR result (lines, boxes, confidences, the engine and its
    # models), sealed under the case key as one ciphertext per item
    # (store/case_keys.seal_ocr). Derived data, not projected: the ledger's ocr.read entry
    # records its digest, and verify opens it and reads the original again to compare
    """
    CREATE TABLE ocr_results (
        item_id TEXT PRIMARY KEY REFERENCES items (id),
        sealed BLOB NOT NULL
    );
    """,
    # 17 (issue 22): search finds screenshots by the words OCR read in them. A contentless
    # trigram index like message_text's (trigrams and rowids only, inside the encrypted
    # database), keyed by ocr_results' rowid, filled by services/ocr.py with the plain text it
    # holds when it reads a screenshot. Results read before this migration are not in it:
    # services/ocr_search.py opens those to search them.
    """
    CREATE VIRTUAL TABLE ocr_text USING fts5 (
        text, content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    """,
    # 18 (issue 21 item 1): PDF signing certificates (the organisation CA's, those it issued,
    # PKCS#12s legal users imported) with their private keys sealed by HPKE for the user who
    # holds them (services/signing_certs.py). Not projected: the ledger's signing.* entries
    # record each certificate and its sealed key's digest, and the key is used only when its
    # row matches such an entry.
    """
    CREATE TABLE signing_certs (
        sha256 TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('ca', 'issued', 'imported')),
        holder TEXT NOT NULL,
        cert_pem TEXT NOT NULL,
        chain_pem TEXT NOT NULL,
        sealed_key BLOB NOT NULL,
        seq INTEGER NOT NULL
    );
    """,
    # 19 (issue 17 item 7): an import stores its messages and their links before its `imports`
    # row, in the same transaction, with foreign keys checked at the commit
    # (services/importing._store_new_messages): the row's arrival then finds the messages that
    # name it through this index, not by scanning every message of the store.
    """
    CREATE INDEX messages_by_first_import ON messages (first_import);
    """,
    # 20 (issue 19): a store that joined the organisation with its history (docs/
    # ARCHITECTURE.md, "Joining with an existing store"): the entries before its device.join
    # are marked `pre_org`, on another device's entries as held and on this device's own
    # positions (findings, the ledger view and custody say "before joining the organisation").
    """
    ALTER TABLE device_entries ADD COLUMN pre_org INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE org_positions ADD COLUMN pre_org INTEGER NOT NULL DEFAULT 0;
    """,
    # 21 (issue 20): what this device's own entries that the hub has not placed yet changed in
    # the projected tables, row by row, with each row as it was before (services/unplaced.py):
    # a pull rewinds them, applies the pulled entries in the organisation's order and the own
    # ones again on top, instead of replaying the organisation's whole history at every sync
    # that follows a write. Not evidence: verify never reads it; a row missing or wrong here
    # only sends the pull to the whole replay. With them, each other device's Merkle tree as
    # far as a pull last extended it (its size and peaks): a pulled entry's signature is over
    # that tree's root, which was rebuilt from every held entry of the device at every pull.
    """
    CREATE TABLE device_trees (
        device_id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        peaks TEXT NOT NULL
    );
    CREATE TABLE unplaced_entries (seq INTEGER PRIMARY KEY);
    CREATE TABLE unplaced_changes (
        seq INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_key TEXT NOT NULL,
        before TEXT,
        PRIMARY KEY (seq, ord)
    );
    """,
    # 22 (issue 20 item 6): the devices an admin retired (a lost or stolen laptop, one
    # replaced, one whose user left), projected from the ledger's device.retire entries: the
    # rule table refuses every entry of such a device past its final size
    """
    CREATE TABLE retired_devices (
        device_id TEXT PRIMARY KEY,
        final_size INTEGER NOT NULL,
        reason TEXT NOT NULL,
        retired_by TEXT NOT NULL,
        retired_at TEXT NOT NULL
    );
    """,
    # 23: the PIPL records' "never deleted" triggers (migration 10) let one door through: a sync
    # that rewinds this device's own entries the hub has not placed yet, or undoes one the hub
    # refused, must take their rows out and (when rewound) put them back, in one transaction
    # (services/rewind_guards.py). It names the row and the entry in ``rewind_guards`` around
    # the DELETE and empties it again before the commit; the trigger lets the DELETE through
    # only when such a guard names the row, the guard's entry is this device's own that put it
    # (its action and the id in its payload), and that entry is still recorded as not placed
    # (``unplaced_entries``) or was refused by the hub (its position's verdict). Anything else
    # (a user, a script, an insider with the database key who does not drop the trigger) is
    # refused as before; a guard row left committed is reported by verify
    # (``store.rewind_guard``), and a record missing against the ledger by verify's replay.
    """
    CREATE TABLE rewind_guards (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tbl, row_id)
    );
    DROP TRIGGER processing_records_kept;
    CREATE TRIGGER processing_records_kept BEFORE DELETE ON processing_records
        WHEN old.retain_until > strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AND NOT EXISTS (
            SELECT 1 FROM rewind_guards g JOIN ledger l ON l.seq = g.seq
            WHERE g.tbl = 'processing_records' AND g.row_id = old.id
            AND l.action = 'processing.record'
            AND CASE WHEN json_valid(l.payload)
                THEN json_extract(l.payload, '$.record_id') END = old.id
            AND (g.seq IN (SELECT seq FROM unplaced_entries) OR EXISTS (
                SELECT 1 FROM org_positions p WHERE p.seq = g.seq AND p.verdict <> '')))
        BEGIN SELECT RAISE(ABORT, 'processing records are kept until retain_until'); END;
    DROP TRIGGER breach_records_kept;
    CREATE TRIGGER breach_records_kept BEFORE DELETE ON breach_records
        WHEN NOT EXISTS (
            SELECT 1 FROM rewind_guards g JOIN ledger l ON l.seq = g.seq
            WHERE g.tbl = 'breach_records' AND g.row_id = old.id
            AND l.action = 'breach.add'
            AND CASE WHEN json_valid(l.payload)
                THEN json_extract(l.payload, '$.breach_id') END = old.id
            AND (g.seq IN (SELECT seq FROM unplaced_entries) OR EXISTS (
                SELECT 1 FROM org_positions p WHERE p.seq = g.seq AND p.verdict <> '')))
        BEGIN SELECT RAISE(ABORT, 'breach records are never deleted'); END;
    """,
    # 24: this device's entries and the other devices' by action. The reads that look for one
    # kind of entry read every entry's payload without them, a cost that grew with the store:
    # the joins with a history (which cases keep a device's key domain: read again after every
    # change of the store, when a sealed field is opened, so after every page a sync applies;
    # at 1,200 requests in the organisation 39-55 % of a person's device's time), the request
    # an approval cosigns, the shreddings, the invitations
    """
    CREATE INDEX ledger_by_action ON ledger (action);
    CREATE INDEX device_entries_by_action ON device_entries (action, verdict);
    """,
    # 25: reads and deletes that scanned a table growing with the organisation's requests. The
    # contacts by status (a supervisor's queue: the requests still undecided, read after every
    # page a sync applies); every foreign key's child columns not yet leading an index (a
    # deleted parent row's children are looked for: deleting a ``blobs`` row, as a sync
    # rewinding this device's own unplaced request does, read every item, import and case
    # file; a case's row, every tag); the other devices' entries by action in the
    # organisation's order (the request an approval cosigns, looked for newest first, sorted
    # every request of the organisation first)
    """
    CREATE INDEX contacts_by_status ON contacts (status, requested_at, id);
    DROP INDEX device_entries_by_action;
    CREATE INDEX device_entries_by_action_in_order ON device_entries (action, verdict, org_seq);
    CREATE INDEX items_by_blob ON items (sha256);
    CREATE INDEX imports_by_blob ON imports (sha256);
    CREATE INDEX case_blobs_by_blob ON case_blobs (sha256);
    CREATE INDEX tags_by_case ON tags (case_no);
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
    "imports": ("id",),
    "tsa_authorities": ("name",),
    "timestamps": ("id",),
    "tags": ("id",),
    "conduct_acks": ("finding_id",),
    # retention and legal hold (issue 18 item 2)
    "case_closures": ("case_no",),
    "holds": ("id",),
    # shredding (issue 18 item 3)
    "shreddings": ("case_no",),
    # PIPL records (issue 18 item 5)
    "processing_records": ("id",),
    "breach_records": ("id",),
    # originals under the case key (issue 18 item 1)
    "case_blobs": ("name",),
    # the organisation's invitations (issue 19)
    "invites": ("id",),
    # devices retired by an admin (issue 20 item 6)
    "retired_devices": ("device_id",),
}


def latest_version() -> int:
    return len(MIGRATIONS)
