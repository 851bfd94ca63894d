"""``verify``: replay the ledger and check everything, reporting every problem with its place.

What is checked, in order (each finding carries a stable code and a location):

1. the chain: contiguous sequence numbers, each ``prev_hash`` linking to the previous entry (the
   first to the store's genesis value), each payload hash and entry hash recomputed, each
   signature checked against the actor's public key *as the ledger itself introduced it*;
2. the tree: the RFC 9162 Merkle root recomputed at every checkpoint, each checkpoint's
   signature, one checkpoint per entry, and the head kept in ``store.json`` (which detects a
   truncated ledger);
3. the projection: every table the ledger describes is rebuilt from the payloads and compared
   row by row and column by column with the database;
4. the originals: every blob decrypted and both digests recomputed; files nobody references are
   reported as orphans (never counted as evidence).

Signature checks are the slowest step and run on a small thread pool (the library releases the
GIL), after the sequential pass has decided which key must have signed what.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.blobs import BlobCorrupted
from evidence_desk.store.schema import PROJECTED_TABLES


@dataclass
class VerifyReport:
    findings: list[Finding] = field(default_factory=list)
    entries: int = 0
    checkpoints: int = 0
    blobs: int = 0
    blob_bytes: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def intact(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "entries": self.entries,
            "checkpoints": self.checkpoints,
            "blobs": self.blobs,
            "blob_bytes": self.blob_bytes,
            "findings": [f.as_json() for f in self.findings],
        }


# A check added by another service (imports, time stamps...): (session, replay) -> findings.
ExtraCheck = Callable[[Session, "Replay"], Iterable[Finding]]
EXTRA_CHECKS: list[ExtraCheck] = []


@dataclass
class Replay:
    """What the sequential pass learned, for the extra checks to use."""

    entries: list[ledger.Entry]
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def _load_extra_checks() -> None:
    """Import the services that add checks (they append to EXTRA_CHECKS on import)."""
    import evidence_desk.services.contacts
    import evidence_desk.services.evidence
    import evidence_desk.services.review
    import evidence_desk.services.timestamps  # noqa: F401


@dataclass(frozen=True, slots=True)
class _SignatureCheck:
    public_key: str | None
    context: bytes
    message: bytes
    signature: str
    finding: Finding


def verify_store(
    session: Session, *, progress: Callable[[str, int, int], None] | None = None
) -> VerifyReport:
    session.require(Action.VERIFY)
    _load_extra_checks()
    report = VerifyReport()
    report_progress = progress or (lambda _stage, _done, _total: None)
    with session.snapshot() as conn:
        entries = [
            ledger.Entry(
                r["seq"],
                **_text_columns(r, _LEDGER_TEXT, f"ledger seq {r['seq']}", report.findings),
            )
            for r in conn.execute("SELECT * FROM ledger ORDER BY seq")
        ]
        checkpoints = {
            int(r["size"]): {
                **dict(r),
                **_text_columns(r, _CHECKPOINT_TEXT, f"checkpoint {r['size']}", report.findings),
            }
            for r in conn.execute("SELECT * FROM checkpoints")
        }
        actual_tables = {
            table: {
                tuple(row[k] for k in keys): dict(row)
                for row in conn.execute(f"SELECT * FROM {table}")
            }
            for table, keys in PROJECTED_TABLES.items()
        }
        blob_rows = [dict(r) for r in conn.execute("SELECT * FROM blobs ORDER BY sha256")]
        merkle_state = conn.execute("SELECT size, peaks FROM merkle_state WHERE id = 1").fetchone()
    report.entries = len(entries)
    report.checkpoints = len(checkpoints)
    store_id = session.folder.store_id
    sig_checks: list[_SignatureCheck] = []
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {t: {} for t in PROJECTED_TABLES}
    keys: dict[str, str] = {}  # user -> public key, as of the entry being checked
    tree = merkle.CompactRange()
    expected_prev = ledger.genesis_hash(store_id)
    for position, entry in enumerate(entries, start=1):
        where = f"ledger seq {entry.seq}"
        if entry.seq != position:
            report.findings.append(
                Finding(
                    "ledger.sequence",
                    where,
                    f"expected seq {position}: an entry before "
                    "it was deleted, or entries were inserted or reordered",
                )
            )
        if entry.prev_hash != expected_prev:
            report.findings.append(
                Finding(
                    "ledger.link",
                    where,
                    "prev_hash does not match the previous entry's "
                    "hash: the chain is broken here (deleted, inserted or swapped entry)",
                )
            )
        recomputed_payload = ledger.payload_hash(entry.payload)
        if recomputed_payload != entry.payload_hash:
            report.findings.append(
                Finding("ledger.payload", where, "payload was changed after it was signed")
            )
        recomputed = ledger.entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, recomputed_payload, entry.prev_hash
        )
        if recomputed != entry.entry_hash:
            report.findings.append(
                Finding("ledger.entry_hash", where, "entry hash does not match its contents")
            )
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            payload = {}
            report.findings.append(Finding("ledger.payload_json", where, "payload is not JSON"))
        # Keys: the first entry introduces its own signer; later keys come from earlier entries.
        pending_keys = _apply_rows(tables, payload, report.findings, where)
        signer_key = keys.get(entry.actor)
        if entry.seq == 1 and position == 1 and entry.action == "store.init":
            signer_key = pending_keys.get(entry.actor)
        sig_checks.append(
            _SignatureCheck(
                signer_key,
                signing.ENTRY_CONTEXT,
                bytes.fromhex(_hex_or_zero(recomputed)),
                entry.signature,
                Finding("ledger.signature", where, f"signature is not {entry.actor}'s"),
            )
        )
        keys.update(pending_keys)
        expected_prev = entry.entry_hash
        tree.append(merkle.leaf_hash(bytes.fromhex(_hex_or_zero(entry.entry_hash))))
        checkpoint = checkpoints.pop(tree.size, None)
        if checkpoint is None:
            report.findings.append(
                Finding(
                    "checkpoint.missing",
                    f"checkpoint {tree.size}",
                    "no checkpoint was kept for this entry (every write cuts one)",
                )
            )
        else:
            _check_checkpoint(store_id, checkpoint, tree, keys, report, sig_checks)
        if position % 5000 == 0:
            report_progress("ledger", position, len(entries))
    for size in sorted(checkpoints):
        report.findings.append(
            Finding(
                "checkpoint.beyond_ledger",
                f"checkpoint {size}",
                "checkpoint covers "
                f"{size} entries but the ledger has {len(entries)}: entries were removed",
            )
        )
    if merkle_state is not None and (
        merkle_state["size"] != tree.size
        or merkle_state["peaks"] != json.dumps([h.hex() for h in tree.hashes])
    ):
        report.findings.append(
            Finding(
                "merkle_state",
                "table merkle_state",
                "the cached Merkle tree state does not match the ledger (the next write would "
                "build on it)",
            )
        )
    _check_head(session, entries, keys, report, sig_checks)
    report_progress("signatures", 0, len(sig_checks))
    _run_signature_checks(sig_checks, report)
    _compare_tables(tables, actual_tables, report)
    _check_blobs(session, blob_rows, report, report_progress)
    replay = Replay(entries, tables)
    for check in EXTRA_CHECKS:
        try:
            report.findings.extend(check(session, replay))
        except Exception as error:  # a tampered ledger must give a report, never a traceback
            if db.is_storage_failure(error):  # a damaged page, not a malformed entry
                report.findings.append(
                    Finding(
                        "store.damaged",
                        f"check {check.__module__}.{check.__qualname__}",
                        db.storage_error(session.folder.db_path, error).message,
                    )
                )
                continue
            report.findings.append(
                Finding(
                    "verify.incomplete",
                    f"check {check.__module__}.{check.__qualname__}",
                    f"could not finish on this ledger ({type(error).__name__}: {error}); "
                    "the entries it reads are malformed (see the other findings)",
                )
            )
    return report


_LEDGER_TEXT = (
    "at",
    "actor",
    "action",
    "payload",
    "payload_hash",
    "prev_hash",
    "entry_hash",
    "signature",
)
_CHECKPOINT_TEXT = ("root", "at", "signer", "signature")


def _text_columns(
    row: Any, columns: tuple[str, ...], where: str, findings: list[Finding]
) -> dict[str, str]:
    """Columns that must hold text. SQLite stores a BLOB written outside the app as is: report
    it, and carry on with its hex form so that the hash and signature checks still run."""
    values: dict[str, str] = {}
    for column in columns:
        value = row[column]
        if not isinstance(value, str):
            findings.append(
                Finding("column.type", where, f"{column} holds {type(value).__name__}, not text")
            )
            value = value.hex() if isinstance(value, bytes) else str(value)
        values[column] = value
    return values


def _hex_or_zero(value: str) -> str:
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return "00" * 32
    return value if len(raw) == 32 else "00" * 32


def _apply_rows(
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
    payload: Any,
    findings: list[Finding],
    where: str,
) -> dict[str, str]:
    """Replay the payload's row changes; returns user keys the entry introduces or changes."""
    new_keys: dict[str, str] = {}
    rows = payload.get("rows", []) if isinstance(payload, dict) else []
    if not isinstance(rows, list):
        findings.append(Finding("ledger.row_change", where, "malformed row changes"))
        return new_keys
    for change in rows:
        try:
            table, op, row = change["table"], change["op"], change["row"]
            key_columns = PROJECTED_TABLES[table]
            key = tuple(row[k] for k in key_columns)
            hash(key)
            if op not in ("put", "delete") or not isinstance(row, dict):
                raise TypeError(op)
        except (KeyError, TypeError):
            findings.append(Finding("ledger.row_change", where, "malformed row change"))
            continue
        if op == "put":
            tables[table].setdefault(key, {}).update(row)
            if table == "users" and "public_key" in row:
                new_keys[str(row["name"])] = str(row["public_key"])
        else:
            tables[table].pop(key, None)
    return new_keys


def _check_checkpoint(
    store_id: str,
    checkpoint: dict[str, Any],
    tree: merkle.CompactRange,
    keys: dict[str, str],
    report: VerifyReport,
    sig_checks: list[_SignatureCheck],
) -> None:
    where = f"checkpoint {tree.size}"
    root = tree.root_hash().hex()
    if checkpoint["root"] != root:
        report.findings.append(
            Finding("checkpoint.root", where, "Merkle root does not match the ledger entries")
        )
    note = ledger.checkpoint_note(store_id, tree.size, checkpoint["root"])
    sig_checks.append(
        _SignatureCheck(
            keys.get(checkpoint["signer"]),
            signing.CHECKPOINT_CONTEXT,
            note.encode(),
            checkpoint["signature"],
            Finding("checkpoint.signature", where, f"signature is not {checkpoint['signer']}'s"),
        )
    )


def _check_head(
    session: Session,
    entries: list[ledger.Entry],
    keys: dict[str, str],
    report: VerifyReport,
    sig_checks: list[_SignatureCheck],
) -> None:
    try:
        head = session.folder.head()
    except StoreError as error:
        report.findings.append(Finding("head.malformed", "store.json head", error.message))
        return
    if head is None:
        if entries:
            report.findings.append(
                Finding("head.missing", "store.json", "store.json has no head checkpoint")
            )
        return
    if head.size > len(entries):
        report.findings.append(
            Finding(
                "ledger.truncated",
                "store.json head",
                f"the signed head covers {head.size} "
                f"entries but the ledger has only {len(entries)}: the tail of the ledger "
                f"was removed (entries {len(entries) + 1}..{head.size})",
            )
        )
        return
    hashes = [
        merkle.leaf_hash(bytes.fromhex(_hex_or_zero(e.entry_hash))) for e in entries[: head.size]
    ]
    if merkle.root_hash(hashes).hex() != head.root:
        report.findings.append(
            Finding(
                "head.root",
                "store.json head",
                f"the head's root does not match the first {head.size} ledger entries",
            )
        )
    note = ledger.checkpoint_note(session.folder.store_id, head.size, head.root)
    sig_checks.append(
        _SignatureCheck(
            keys.get(head.signer),
            signing.CHECKPOINT_CONTEXT,
            note.encode(),
            head.signature,
            Finding("head.signature", "store.json head", f"signature is not {head.signer}'s"),
        )
    )


def _run_signature_checks(checks: list[_SignatureCheck], report: VerifyReport) -> None:
    def valid(check: _SignatureCheck) -> bool:
        if check.public_key is None:
            return False
        return signing.verify(check.public_key, check.context, check.message, check.signature)

    with ThreadPoolExecutor(max_workers=2) as pool:
        for check, ok in zip(checks, pool.map(valid, checks, chunksize=512), strict=True):
            if not ok:
                finding = check.finding
                if check.public_key is None:
                    finding = Finding(
                        finding.code,
                        finding.location,
                        finding.detail + " (signer unknown to the ledger at that point)",
                    )
                report.findings.append(finding)


def _compare_tables(
    expected: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
    actual: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
    report: VerifyReport,
) -> None:
    for table, rows in expected.items():
        have = actual.get(table, {})
        for key, row in rows.items():
            where = f"table {table} row {_key_text(table, key)}"
            found = have.get(key)
            if found is None:
                report.findings.append(
                    Finding("row.missing", where, "row recorded in the ledger is missing")
                )
                continue
            changed = sorted(c for c, v in row.items() if found.get(c) != v)
            if changed:
                report.findings.append(
                    Finding(
                        "row.changed",
                        where,
                        f"column(s) {', '.join(changed)} differ from the ledger",
                    )
                )
        for key in have.keys() - rows.keys():
            report.findings.append(
                Finding(
                    "row.unrecorded",
                    f"table {table} row {_key_text(table, key)}",
                    "row has no ledger entry (inserted outside the app)",
                )
            )


def _key_text(table: str, key: tuple[Any, ...]) -> str:
    return ", ".join(f"{c}={v}" for c, v in zip(PROJECTED_TABLES[table], key, strict=True))


def _check_blobs(
    session: Session,
    blob_rows: list[dict[str, Any]],
    report: VerifyReport,
    progress: Callable[[str, int, int], None],
) -> None:
    referenced: set[str] = set()
    for index, row in enumerate(blob_rows, start=1):
        where = f"blob sha256 {row['sha256']}"
        try:
            name = session.blobs.name_for(row["sha256"])
            referenced.add(name)
            if row["name"] != name:
                report.findings.append(Finding("blob.name", where, "blob row names another file"))
            recomputed = session.blobs.recompute_digests(row["sha256"])
        except BlobCorrupted as error:
            report.findings.append(Finding("blob.corrupted", where, error.reason))
            continue
        except (AttributeError, ValueError, OSError) as error:  # a digest that is not hex text
            report.findings.append(
                Finding("blob.corrupted", where, f"cannot be checked ({type(error).__name__})")
            )
            continue
        report.blobs += 1
        report.blob_bytes += recomputed.size
        if recomputed.sha256 != row["sha256"]:
            report.findings.append(
                Finding(
                    "blob.sha256",
                    where,
                    f"content hashes to {recomputed.sha256}: the file was replaced",
                )
            )
        if recomputed.sm3 != row["sm3"]:
            report.findings.append(Finding("blob.sm3", where, "SM3 of the content differs"))
        if recomputed.size != row["size"]:
            report.findings.append(Finding("blob.size", where, "size of the content differs"))
        progress("blobs", index, len(blob_rows))
    for orphan in sorted(session.blobs.stored_names() - referenced):
        report.findings.append(
            Finding(
                "blob.orphan",
                f"blobs/{orphan[:2]}/{orphan[2:]}",
                "encrypted file not "
                "referenced by any entry (left by an interrupted write); not evidence",
                severity="warning",
            )
        )
    for temp in session.blobs.temp_files():
        report.findings.append(
            Finding(
                "blob.partial",
                f"blobs/tmp/{temp.name}",
                "partial write left by an interrupted import; not evidence",
                severity="warning",
            )
        )


def iter_log(session: Session, *, since: int = 1) -> Iterator[ledger.Entry]:
    session.require(Action.LOG_READ)
    for r in session.conn.execute("SELECT * FROM ledger WHERE seq >= ? ORDER BY seq", (since,)):
        yield ledger.Entry(
            r["seq"],
            r["at"],
            r["actor"],
            r["action"],
            r["payload"],
            r["payload_hash"],
            r["prev_hash"],
            r["entry_hash"],
            r["signature"],
        )
