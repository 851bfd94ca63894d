"""``verify``: replay the ledger and check everything, reporting every problem with its place.

What is checked, in order (each finding carries a stable code and a location; the location and
the detail are coded Phrases, worded below, so the GUI can say them in Chinese):

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
5. the anchors: the signed heads seen outside the store folder (this OS user's anchor, and
   anchors, backups and bundle kits named by the caller) must be heads of this ledger; one that
   the ledger no longer reaches shows a rollback that store.json cannot (services/anchoring.py).

Signature checks are the slowest step: one per entry (an entry is signed through the checkpoint it
closes, see integrity/ledger.py), queued while the sequential pass decides which key must have
signed what, and checked in bulk by worker processes meanwhile (integrity/signature_checks.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from evidence_desk.domain import authority, pre_org, shredding
from evidence_desk.domain.errors import Cancelled, StoreError
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, merkle
from evidence_desk.integrity.signature_checks import SignatureBatch
from evidence_desk.services import (
    access_log,
    anchoring,
    bundle_custody,
    bundle_masking,
    case_blobs,
    case_key_checks,
    contacts,
    import_checks,
    ocr,
    org_checkpoint_checks,
    org_history,
    processing_records,
    receipt_checks,
    records_key_checks,
    review,
    rewind_guard_checks,
    shredding_checks,
    signing_certs,
    timestamps,
)
from evidence_desk.services.bulk_work import cyclic_gc_paused
from evidence_desk.services.replay import Check, DeviceLedger, Replay
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.blobs import BlobCorrupted, BlobStore
from evidence_desk.store.case_keys import CaseKeyError
from evidence_desk.store.folder import Head
from evidence_desk.store.keys import user_tag
from evidence_desk.store.schema import PROJECTED_TABLES

# Every finding's location and detail are worded from here (codes verify.*), so the GUI can say
# them in the interface language; the English is what the CLI prints and the JSON holds. A phrase
# is built only when a finding is made, never per entry.
_said = Catalogue(
    {
        # where
        "verify.where_entry": "ledger seq {seq}",
        "verify.where_checkpoint": "checkpoint {size}",
        "verify.where_head": "store.json head",
        "verify.where_descriptor": "store.json",
        "verify.where_merkle_state": "table merkle_state",
        "verify.where_row": "table {table} row {key}",
        "verify.where_blob": "blob sha256 {sha256}",
        "verify.where_blob_file": "blobs/{prefix}/{rest}",
        "verify.where_copy": "blob sha256 {sha256} of case {case}",
        "verify.where_case_blobs": "originals of case {case}",
        "verify.where_partial": "blobs/tmp/{name}",
        "verify.where_check": "check {check}",
        # the chain
        "verify.sequence": "expected seq {expected}: an entry before it was deleted, or entries "
        "were inserted or reordered",
        "verify.link": "prev_hash does not match the previous entry's hash: the chain is broken "
        "here (deleted, inserted or swapped entry)",
        "verify.payload": "payload was changed after it was signed",
        "verify.entry_hash": "entry hash does not match its contents",
        "verify.payload_json": "payload is not JSON",
        "verify.row_changes": "malformed row changes",
        "verify.row_change": "malformed row change",
        "verify.column_type": "{column} holds {type}, not text",
        "verify.not_signed": "signature is not {signer}'s",
        "verify.not_signed_unknown": "signature is not {signer}'s (signer unknown to the ledger "
        "at that point)",
        # authority: the rule table replayed (domain/authority.py)
        "verify.rule": "{action} by {actor} breaks rule {rule}: {reason}",
        "verify.checkpoint_signer": "checkpoint signed by {signer}, but entry {size} was written "
        "by {actor} (every write's checkpoint is its writer's)",
        # the organisation's order (services/org_history.py)
        "verify.refused": "the hub refused entry {seq} of device {device} by the rule {verdict} "
        "at its place in the organisation's order: it is kept in that device's chain, marked "
        "not accepted, and took effect nowhere",
        "verify.pre_org_pending": "device {device} holds {size} entries of a store's history "
        "before joining the organisation that no join follows: they are judged on their own "
        "and enter nothing of the organisation",
        "verify.refused_valid": "the hub refused this entry ({verdict}), but it keeps the rules "
        "at its place in the organisation's order",
        # key slots against the ledger's keys
        "verify.where_keyslot": "keyslots.json slot of {user}",
        "verify.where_keyslots": "keyslots.json",
        "verify.keyslot_key": "the slot's public key is not the one the ledger holds for {user}",
        "verify.keyslot_inactive": "{user} was deactivated, but a key slot for them is present "
        "(keyslots.json restored from an older copy?)",
        "verify.keyslot_unknown": "{count} {count:slot belongs|slots belong} to no user of "
        "the ledger",
        "verify.keyslots_unreadable": "cannot be read: {error}",
        # the tree and the head
        "verify.checkpoint_missing": "no checkpoint was kept for this entry (every write cuts one)",
        "verify.checkpoint_root": "Merkle root does not match the ledger entries",
        "verify.beyond_ledger": "checkpoint covers {size} entries but the ledger has {entries}: "
        "entries were removed",
        "verify.merkle_state": "the cached Merkle tree state does not match the ledger (the next "
        "write would build on it)",
        "verify.head_missing": "store.json has no head checkpoint",
        "verify.truncated": "the signed head covers {size} entries but the ledger has only "
        "{entries}: the tail of the ledger was removed (entries {first}..{size})",
        "verify.head_root": "the head's root does not match the first {size} ledger entries",
        # the projection
        "verify.row_missing": "row recorded in the ledger is missing",
        "verify.row_differs": "columns that differ from the ledger: {columns}",
        "verify.row_unrecorded": "row has no ledger entry (inserted outside the app)",
        # the originals
        "verify.blob_name": "blob row names another file",
        "verify.blob_unchecked": "cannot be checked ({error})",
        "verify.blob_replaced": "content hashes to {sha256}: the file was replaced",
        "verify.blob_sm3": "SM3 of the content differs",
        "verify.blob_size": "size of the content differs",
        "verify.blob_orphan": "encrypted file not referenced by any entry (left by an "
        "interrupted write); not evidence",
        "verify.blob_partial": "partial write left by an interrupted import; not evidence",
        "verify.blob_file_missing": "blob file is missing",
        "verify.blob_not_performed": "{count} {count:original|originals} not decrypted or "
        "re-hashed: {user} "
        "holds no key of this case (role {role}); another reader's verify checks them",
        "verify.blob_no_copy": "the case refers to this original but holds no copy of it, and "
        "no file under the store key is recorded",
        # the checks after the replay
        "verify.cancelled": "the verification was cancelled before it finished; nothing was "
        "concluded",
        "verify.incomplete": "could not finish on this ledger ({error}); the entries it reads are "
        "malformed (see the other findings)",
    }
)


@dataclass
class VerifyReport:
    findings: list[Finding] = field(default_factory=list)
    entries: int = 0
    checkpoints: int = 0
    blobs: int = 0
    blob_bytes: int = 0
    anchors: list[str] = field(default_factory=list)  # the heads kept elsewhere compared

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
            "anchors": self.anchors,
            "findings": [f.as_json() for f in self.findings],
        }


CHECKS: tuple[Check, ...] = (
    contacts.check_cosignatures,
    import_checks.check_imports,
    review.check_tag_targets,
    timestamps.check_timestamps,
    access_log.check_access_log,
    bundle_masking.check_unmasks,
    bundle_custody.check_export_seqs,
    shredding_checks.check_shreddings,
    processing_records.check_processing_records,
    case_key_checks.check_case_keys,
    records_key_checks.check_records_texts,
    receipt_checks.check_receipts,
    org_checkpoint_checks.check_kept,
    ocr.check_ocr,
    signing_certs.check_signing_certs,
    rewind_guard_checks.check_guards,
)
"""The checks that run after the replay, in this order, each over the same :class:`Replay`."""

Progress = Callable[[str, int, int], None]
"""A verify's progress: the stage, how many of how many are done."""
DeepCheck = Callable[[Session, Replay, Progress], Iterable[Finding]]

DEEP_CHECKS: dict[Check, DeepCheck] = {ocr.check_ocr: ocr.reread_ocr}
"""What ``verify --deep`` runs instead of a check: the same check, and the derived data computed
again from the originals where that costs far more than a re-parse (OCR: ~1 s a screenshot), so
it reports its progress (and a cancelled verify stops inside it)."""


def verify_store(
    session: Session,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    anchor_files: Sequence[Path] = (),
    local_anchor: bool = True,
    deep: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> VerifyReport:
    """Check everything; also compare with this OS user's anchor for the store (unless
    ``local_anchor`` is False: a restore checks a backup that is older on purpose) and with the
    anchors, backups and bundle kits in ``anchor_files`` (services/anchoring.py). ``deep`` also
    computes again what is too costly for every verify (:data:`DEEP_CHECKS`). ``cancelled`` is
    asked at every progress step; once it says yes, :class:`Cancelled` is raised (the app's
    cancel button: a verify writes nothing, so there is nothing to undo)."""
    session.require(Action.VERIFY)
    # the verifier's own reads are sealed first, so they are not reported as unsealed; a
    # store that cannot be written (read-only, busy) is still verified
    with contextlib.suppress(StoreError, sqlcipher3.Error, OSError):
        session.flush_reads(seal=True)
    sources = anchoring.AnchorSources(local_anchor, tuple(anchor_files))
    told = progress

    def steps(stage: str, done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(_said("verify.cancelled"))
        if told is not None:
            told(stage, done, total)

    with cyclic_gc_paused():
        return _verify(session, steps, sources, deep)


def _verify(
    session: Session,
    progress: Callable[[str, int, int], None] | None,
    anchors: anchoring.AnchorSources,
    deep: bool,
) -> VerifyReport:
    report = VerifyReport()
    report_progress = progress or (lambda _stage, _done, _total: None)
    store_id = session.folder.store_id
    # The head is read before the snapshot starts: a write commits first and then moves the
    # head, so the snapshot holds at least what this head covers (read later, it could cover
    # an entry written since and look like a truncated ledger).
    head = _newest_head(session)
    witnesses = anchoring.read_witnesses(store_id, anchors)  # before the snapshot, as the head
    # One read transaction for everything (WAL: writers are not held up).
    with contextlib.ExitStack() as stack:
        conn = stack.enter_context(session.snapshot())
        merkle_state = conn.execute("SELECT size, peaks FROM merkle_state WHERE id = 1").fetchone()
        expected = int(conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
        org = org_history.read(conn, store_id)
        foreign = 0 if org is None else len(org.foreign)
        if org is not None:
            report.findings.extend(org.findings)
        signatures = stack.enter_context(_Signatures(expected + foreign))
        replayed = _replay_ledger(
            conn,
            store_id,
            expected,
            report.findings,
            signatures,
            report_progress,
            session.handle_index,
            org,
        )
        report.entries = len(replayed.entries)
        actual_tables = read_tables(conn)
        blob_rows = [dict(r) for r in conn.execute("SELECT * FROM blobs ORDER BY sha256")]
        copy_rows = [
            dict(r) for r in conn.execute("SELECT * FROM case_blobs ORDER BY case_no, sha256")
        ]
        report.checkpoints = replayed.checkpoints.count
        _report_unmatched_checkpoints(replayed.checkpoints.unmatched, len(replayed.entries), report)
        _check_merkle_state(merkle_state, replayed.tree, report)
        _check_head(
            session, head, replayed.entries, replayed.roots, replayed.keys, report, signatures
        )
        _check_key_slots(session, replayed.trusted["users"], report)
        # The workers are still checking signatures: this process does everything else first
        # (tables, blobs, the checks) and joins them last. Their findings still come first in
        # the report, as the ledger's.
        signature_place = len(report.findings)
        # still inside the snapshot: the checks read the tables the ledger was read with
        _compare_tables(replayed.tables, actual_tables, report)
        _check_blobs(session, blob_rows, copy_rows, report, report_progress)
        replay = replayed.as_replay()
        _run_checks(session, replay, report, deep, report_progress)
        _check_anchors(session, replay, witnesses, report)
        # the replay's 100k+ objects are freed while the workers are still busy, not after
        del replay, replayed, actual_tables
        report_progress("signatures", 0, len(signatures))
        report.findings[signature_place:signature_place] = signatures.failures()
        signatures.close()  # the workers are done
    return report


Tables = dict[str, dict[tuple[Any, ...], dict[str, Any]]]
"""Projected tables as the replay builds them: table -> primary key -> row."""


def replay_tables(session: Session) -> tuple[list[Finding], Tables]:
    """The ledger replay alone, inside the caller's transaction: chains, the rule table and
    every signature, in the organisation's order, and the projected tables it gives. A pull
    (services/org_ledger.py) refuses on its findings about the pulled entries and projects
    the tables: the same replay as verify, so what a pull accepts verify accepts."""
    conn, store_id = session.conn, session.folder.store_id
    findings: list[Finding] = []
    expected = int(conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
    org = org_history.read(conn, store_id)
    foreign = 0 if org is None else len(org.foreign)
    if org is not None:
        findings.extend(org.findings)
    with _Signatures(expected + foreign) as signatures:
        replayed = _replay_ledger(
            conn,
            store_id,
            expected,
            findings,
            signatures,
            lambda _stage, _done, _total: None,
            session.handle_index,
            org,
        )
        findings.extend(signatures.failures())
    return findings, replayed.tables


def where_own(seq: int) -> str:
    """An entry of this device's own ledger, as findings name it."""
    return _said("verify.where_entry", seq=seq)


def _newest_head(session: Session) -> Head | StoreError | None:
    """The newest head in store.json (not the one this session opened with), or why not."""
    try:
        session.folder.reload()
        return session.folder.head()
    except StoreError as error:
        return error


class _Checkpoints:
    """The stored checkpoints, read alongside the entries and both in order: the one an entry
    closes has the entry's position as its size; any other is kept to be reported."""

    def __init__(self, conn: db.Connection, findings: list[Finding]) -> None:
        self._rows = _read_checkpoints(conn, findings)
        self._next = next(self._rows, None)
        self.count = 0
        self.unmatched: list[int] = []  # sizes no entry position reaches (0, negative, beyond)

    def closing(self, position: int) -> tuple[Any, ...] | None:
        """The checkpoint ``(size, root, signer, signature, 1)`` of size ``position``, if any."""
        upcoming, rows = self._next, self._rows
        while upcoming is not None and upcoming[0] < position:
            self.unmatched.append(upcoming[0])
            self.count += 1
            upcoming = next(rows, None)
        found = None
        if upcoming is not None and upcoming[0] == position:
            found = upcoming
            self.count += 1
            upcoming = next(rows, None)
        self._next = upcoming
        return found

    def finish(self) -> None:
        """Count the checkpoints beyond the last entry as unmatched."""
        while self._next is not None:
            self.unmatched.append(self._next[0])
            self.count += 1
            self._next = next(self._rows, None)


class _Authority:
    """The rule table replayed over the entries (domain/authority.py): which entries keep the
    rules, the tables as only those entries leave them, and the signing keys they introduce."""

    def __init__(
        self, tables: Tables, handle_index: Callable[[str], str], device: str | None = None
    ) -> None:
        """``handle_index`` digests a handle held in clear (the one-matter-per-chat rule
        compares digests; a verifier has the store key, so verify's replay can); ``device``
        is the store's id (a device joins only as itself)."""
        self.tables = tables
        # the same tables built only from entries that keep the rule table: what the rules
        # judge the next entry against (a self-made admin stays staff, a swapped key stays
        # swapped out). One and the same object until an entry breaks a rule (an honest
        # store: always).
        self.trusted = tables
        self.rejected: set[int] = set()
        self.keys: dict[str, str] = {}  # user -> public key, as of the entry being checked
        self._state = authority.ReplayedTables(tables, index=handle_index, device=device)
        # the organisation's other devices' ledgers (_OrgAuthority fills it)
        self.devices: dict[str, DeviceLedger] = {}

    def _diverge(self) -> None:
        """At the first broken rule the trusted tables part from the replayed ones."""
        if self.trusted is self.tables:
            self.trusted = {
                t: {k: dict(r) for k, r in rows.items()} for t, rows in self.tables.items()
            }
            self._state.tables = self.trusted

    def _redact_shredded(self, payload: Any) -> None:
        """At a tombstone that keeps the rules (this device's or another's), the case's rows
        are redacted as the shredding left them on every device (domain/shredding.py)."""
        if not isinstance(payload, dict):
            return
        case_no = payload.get("case_no")
        if isinstance(case_no, str):
            shredding.redact_tables(self.tables, case_no)
            if self.trusted is not self.tables:
                shredding.redact_tables(self.trusted, case_no)

    def apply(
        self, entry: ledger.Entry, position: int, payload: Any, findings: list[Finding]
    ) -> str | None:
        """Judge the entry, replay its row changes and return the key that must have signed it.

        The first entry introduces its own signer; later keys come from earlier entries that
        kept the rules.
        """
        seq, at, actor, action = entry.seq, entry.at, entry.actor, entry.action
        violations = authority.check(self._state, seq, at, actor, action, payload)
        if violations:
            self.rejected.add(seq)
            findings.extend(_rule_findings(entry, violations))
            self._diverge()  # the first broken rule: from here the replays part
        pending_keys = _apply_rows(
            self.tables,
            None if violations or self.trusted is self.tables else self.trusted,
            payload,
            findings,
            seq,
        )
        if action == "case.shred" and not violations:
            self._redact_shredded(payload)
        signer_key = self.keys.get(actor)
        if pending_keys:
            if seq == 1 and position == 1 and action == "store.init":
                signer_key = pending_keys.get(actor)
            if not violations:
                if action == "device.join":  # the key its invitation's code signed
                    signer_key = pending_keys.get(actor)
                self.keys.update(pending_keys)
        return signer_key


class _OrgAuthority(_Authority):
    """The rule table over the organisation's order (services/org_history.py): this device's
    own entries, in seq order, with the other devices' entries replayed between them by their
    positions; one State for all. Each device's chain and tree are checked in its own order;
    an entry the hub refused is judged but not applied, and must break a rule there."""

    def __init__(
        self,
        tables: Tables,
        handle_index: Callable[[str], str],
        device: str,
        org: org_history.OrgHistory,
        joined_with_history: bool = False,
    ) -> None:
        """``joined_with_history``: this store's ledger holds its own ``device.join`` with
        ``pre_org``, so the entries before it are its history even before the hub's receipts
        mark them (a join committed, its positions not pulled yet)."""
        super().__init__(tables, handle_index, device)
        self._store_id = device
        self._joined_with_history = joined_with_history
        self._org = org
        self._refused_own = org.refused_own
        self._trees: dict[str, merkle.CompactRange] = {}
        # stores that joined with their history: replayed on their own up to their join
        # (domain/pre_org.py, the one replay the hub and a pull run too)
        self._histories = pre_org.Histories(handle_index)
        # how many of this store's own entries are placed so far (a retirement's final size)
        self._own_size = 0
        self._state.sizes = self._device_size

    def _device_size(self, device: str) -> int:
        """How many entries of ``device`` the organisation's order placed so far."""
        if device == self._store_id:
            return self._own_size
        held = self.devices.get(device)
        return 0 if held is None else len(held.entries)

    def apply(
        self, entry: ledger.Entry, position: int, payload: Any, findings: list[Finding]
    ) -> str | None:
        seq, actor, action = entry.seq, entry.actor, entry.action
        placed = self._org.own.get(seq)
        marked = placed.pre_org if placed is not None else self._joined_with_history
        solo = self._histories.solo_of(self._store_id, seq, action, payload, marked=marked)
        if solo is not None:  # this store's own history from before it joined
            signer = solo.signer(seq, actor, action, payload)
            violations = solo.judge(seq, entry.at, actor, action, payload, entry.entry_hash)
            if violations:
                self.rejected.add(seq)
                findings.extend(_rule_findings(entry, violations))
            return signer
        if pre_org.is_join_with_history(action, payload):
            return self._own_join(entry, position, payload, findings)
        verdict = self._refused_own.get(entry.seq)
        if verdict is None:
            return super().apply(entry, position, payload, findings)
        self.rejected.add(entry.seq)  # refused by the hub: judged, never applied
        findings.append(_refused(self._store_id, entry.seq, verdict, where_own(entry.seq)))
        if not authority.check(
            self._state, entry.seq, entry.at, entry.actor, entry.action, payload
        ):
            findings.append(
                Finding(
                    "org.refused_valid",
                    _said("verify.where_entry", seq=entry.seq),
                    _said("verify.refused_valid", verdict=verdict),
                )
            )
        return self.keys.get(entry.actor)

    def _own_join(
        self, entry: ledger.Entry, position: int, payload: Any, findings: list[Finding]
    ) -> str | None:
        """This store's join with its history: judged as any entry, plus the join's own rules
        (domain/pre_org.py); the history's record rows then enter the organisation's state,
        and its local rows (its users, settings) the tables this store holds beside them."""
        solo = self._histories.pending(self._store_id)
        extra = pre_org.join_violations(self._state, solo, entry.seq, entry.actor, payload)
        if extra:
            self.rejected.add(entry.seq)
            findings.extend(_rule_findings(entry, extra))
            self._diverge()
        elif solo is not None:
            self._diverge()  # the local rows are this store's, not the organisation's
            for table, rows in solo.state.tables.items():
                for key, row in rows.items():
                    self.tables[table].setdefault(key, dict(row))
            self._histories.join(
                self._state, self._store_id, entry.seq, entry.actor, payload, accepted=True
            )
        return super().apply(entry, position, payload, findings)

    def finish(self, findings: list[Finding]) -> None:
        """A store's history that no join followed (a pull cut between them, or entries
        marked so by a hub that should not have): a warning, as it took effect nowhere."""
        for device, solo in self._histories.pending_histories():
            findings.append(
                Finding(
                    "org.pre_org_pending",
                    org_history.where_device(device, 1, pre_org=True),
                    _said("verify.pre_org_pending", device=device, size=solo.size),
                    severity="warning",
                )
            )

    def in_org_order(
        self,
        own: Iterator[ledger.Entry],
        findings: list[Finding],
        signatures: _Signatures,
    ) -> Iterator[ledger.Entry]:
        """This device's entries, replaying before each the other devices' entries placed
        before it (``OrgHistory.in_org_order``)."""
        for item in self._org.in_org_order(own):
            if isinstance(item, org_history.ForeignEntry):
                self._foreign(item, findings, signatures)
            else:
                self._own_size = item.seq
                yield item

    def _foreign(
        self, item: org_history.ForeignEntry, findings: list[Finding], signatures: _Signatures
    ) -> None:
        """One entry of another device: its chain, the rule table at its place, its rows (if
        the hub accepted it) and its signature over its own device's tree."""
        device, entry, verdict = item.device, item.entry, item.verdict
        seq, at, actor, action, text, _payload_hash, prev, stored_hash, _signature = entry
        held = self.devices.setdefault(device, DeviceLedger())
        self._trees.setdefault(device, merkle.CompactRange())
        local: list[Finding] = []
        expected_prev = held.entries[-1].entry_hash if held.entries else None
        recomputed_payload = ledger.payload_hash(text)
        recomputed = ledger.entry_hash(seq, at, actor, action, recomputed_payload, prev)
        local.extend(
            _chain_findings(
                entry,
                len(held.entries) + 1,
                expected_prev or ledger.genesis_hash(device),
                recomputed_payload,
            )
        )
        try:
            payload = _json_value(text)
        except ValueError:
            payload = {}
            local.append(Finding("ledger.payload_json", "", _said("verify.payload_json")))
        solo = self._histories.solo_of(device, seq, action, payload, marked=item.pre_org)
        if solo is not None:  # its store's history before it joined: judged on its own
            signer_key = solo.signer(seq, actor, action, payload)
            found = solo.judge(seq, at, actor, action, payload, stored_hash)
            local.extend(_rule_findings(entry, found))
            self._place(item, local, findings, signatures, signer_key, recomputed, pre=True)
            return
        self._state.device = device
        violations = authority.check(self._state, seq, at, actor, action, payload)
        if not verdict and pre_org.is_join_with_history(action, payload):
            violations += self._histories.join(
                self._state,
                device,
                seq,
                actor,
                payload,
                accepted=not violations,
                also=self.tables,
            )
        self._state.device = self._store_id
        signer_key = self.keys.get(actor)
        if verdict:
            local.append(_refused(device, seq, verdict, ""))
            if not violations:
                local.append(
                    Finding("org.refused_valid", "", _said("verify.refused_valid", verdict=verdict))
                )
        else:
            if violations:
                local.extend(_rule_findings(entry, violations))
                self._diverge()
            trusted = None if violations or self.trusted is self.tables else self.trusted
            pending_keys = _apply_rows(self.tables, trusted, payload, local, seq)
            if action == "case.shred" and not violations:
                self._redact_shredded(payload)
            if pending_keys and not violations:
                # the founding device's store.init (first in the organisation) and a join
                # introduce the key that signed them
                if action in authority.SELF_INTRODUCED:
                    signer_key = pending_keys.get(actor)
                self.keys.update(pending_keys)
        self._place(item, local, findings, signatures, signer_key, recomputed, pre=False)

    def _place(
        self,
        item: org_history.ForeignEntry,
        local: list[Finding],
        findings: list[Finding],
        signatures: _Signatures,
        signer_key: str | None,
        recomputed: str,
        *,
        pre: bool,
    ) -> None:
        """The foreign entry's findings located at it, and its place in its device's tree
        with its signature queued (under ``signer_key``)."""
        device, entry = item.device, item.entry
        seq, actor, stored_hash, signature = (
            entry.seq,
            entry.actor,
            entry.entry_hash,
            entry.signature,
        )
        held = self.devices[device]
        tree = self._trees[device]
        where = org_history.where_device(device, seq, pre_org=pre)
        findings.extend(dataclasses.replace(f, location=where) for f in local)
        signed_root = None
        if recomputed != stored_hash:  # signed over the root its own content gives
            edited = merkle.CompactRange.from_state(tree.size, list(tree.hashes))
            signed_root = edited.append_and_root(merkle.leaf_hash(bytes.fromhex(recomputed))).hex()
        root = tree.append_and_root(merkle.leaf_hash(_hash_bytes(stored_hash))).hex()
        held.entries.append(entry)
        held.roots[seq] = root
        held.signers[seq] = signer_key
        signatures.expect_device(
            signer_key,
            ledger.checkpoint_message(device, len(held.entries), signed_root or root),
            signature,
            device,
            seq,
            actor,
        )


def _refused(device: str, seq: int, verdict: str, where: str) -> Finding:
    """An entry the hub refused (kept in its device's chain, applied nowhere): a warning, so
    that a supervisor sees the attempt, never an error (it took effect nowhere)."""
    detail = _said("verify.refused", seq=seq, device=device, verdict=verdict)
    return Finding("org.refused", where, detail, severity="warning")


@dataclass
class _Replayed:
    """What the sequential pass over the ledger learned, for everything checked after it."""

    entries: list[ledger.Entry]
    payloads: list[Any]  # each entry's parsed payload ({} when it is not JSON)
    roots: dict[int, str]  # tree size -> Merkle root (hex) of the stored entry hashes
    tree: merkle.CompactRange
    rules: _Authority
    checkpoints: _Checkpoints

    @property
    def tables(self) -> Tables:
        return self.rules.tables

    @property
    def trusted(self) -> Tables:
        return self.rules.trusted

    @property
    def keys(self) -> dict[str, str]:
        return self.rules.keys

    def as_replay(self) -> Replay:
        return Replay(
            self.entries,
            self.tables,
            self.payloads,
            self.roots,
            frozenset(self.rules.rejected),
            self.rules.devices,
        )


def _replay_ledger(
    conn: db.Connection,
    store_id: str,
    expected: int,
    findings: list[Finding],
    signatures: _Signatures,
    report_progress: Callable[[str, int, int], None],
    handle_index: Callable[[str], str],
    org: org_history.OrgHistory | None = None,
) -> _Replayed:
    """Replay every entry in order: the chain, the rule table, the row changes, the tree, and
    each signature queued for the workers (they get work from the first entry on).

    This loop runs once per entry (100k+): it keeps to local names and builds a finding's text
    only when there is one.
    """
    entries: list[ledger.Entry] = []
    payloads: list[Any] = []
    roots: dict[int, str] = {}
    tree = merkle.CompactRange()
    tables: Tables = {t: {} for t in PROJECTED_TABLES}
    own = _read_entries(conn, findings, entries)
    rules: _Authority
    if org is None:  # a store of one device: its own ledger, as ever
        rules = _Authority(tables, handle_index, store_id)
    else:  # the organisation's order, with the other devices' entries between this one's
        org_rules = _OrgAuthority(tables, handle_index, store_id, org, _joined_with_history(conn))
        own = org_rules.in_org_order(own, findings, signatures)
        rules = org_rules
    checkpoints = _Checkpoints(conn, findings)
    expected_prev = ledger.genesis_hash(store_id)
    # entries a tombstone redacted (services/shredding.py): their payload no longer gives the
    # signed payload hash, but must give the digest the tombstone recorded
    redacted = shredding_checks.redactions(conn)
    payload_hash, entry_hash, loads = ledger.payload_hash, ledger.entry_hash, _json_value
    append_and_root, leaf_hash, hash_bytes = tree.append_and_root, merkle.leaf_hash, _hash_bytes
    payloads_append, closing, apply = payloads.append, checkpoints.closing, rules.apply
    message_for, expect = ledger.checkpoint_message, signatures.expect
    for position, entry in enumerate(own, start=1):
        seq, at, actor, action, text, stored_payload_hash, prev, stored_hash, signature = entry
        recomputed_payload = payload_hash(text)
        if recomputed_payload != stored_payload_hash and redacted:
            redaction = redacted.get(seq)
            if redaction is not None and redaction.digest == recomputed_payload:
                recomputed_payload = stored_payload_hash
        recomputed = entry_hash(seq, at, actor, action, recomputed_payload, prev)
        if (
            seq != position
            or prev != expected_prev
            or recomputed_payload != stored_payload_hash
            or recomputed != stored_hash
        ):
            findings.extend(_chain_findings(entry, position, expected_prev, recomputed_payload))
        try:
            payload = loads(text)
        except ValueError:
            payload = {}
            findings.append(
                Finding(
                    "ledger.payload_json",
                    _said("verify.where_entry", seq=seq),
                    _said("verify.payload_json"),
                )
            )
        payloads_append(payload)
        signer_key = apply(entry, position, payload, findings)
        expected_prev = stored_hash
        checkpoint = closing(position)  # (size, root, signer, signature, 1)
        # The tree grows from the stored hashes (so one edited entry does not move every
        # later root), but the entry's signature is checked over the root its *recomputed*
        # hash gives: an entry edited outside the app no longer matches what was signed.
        edited_root = None
        if recomputed != stored_hash:
            edited = merkle.CompactRange.from_state(tree.size, tree.hashes)
            edited_root = edited.append_and_root(leaf_hash(bytes.fromhex(recomputed))).hex()
        root = roots[position] = append_and_root(leaf_hash(hash_bytes(stored_hash))).hex()
        if (
            edited_root is None
            and checkpoint is not None
            and checkpoint[1] == root
            and checkpoint[3] == signature
            and checkpoint[2] == actor
        ):
            # every write makes this: the entry signed through the checkpoint it closes
            message = message_for(store_id, position, root)
            expect(signer_key, (message,), signature, _Failure.BOTH, position, actor)
        else:
            _check_entry_and_checkpoint(
                store_id,
                entry,
                signer_key,
                root,
                edited_root or root,
                recomputed,
                position,
                None if checkpoint is None else checkpoint[1:4],
                rules.keys,
                findings,
                signatures,
            )
        if position % 5000 == 0:
            report_progress("ledger", position, expected)
    report_progress("ledger", len(entries), expected)
    checkpoints.finish()
    if isinstance(rules, _OrgAuthority):
        rules.finish(findings)
    return _Replayed(entries, payloads, roots, tree, rules, checkpoints)


def _joined_with_history(conn: db.Connection) -> bool:
    """This store's ledger holds its own join with its history (domain/pre_org.py)."""
    for (text,) in conn.execute(
        "SELECT payload FROM ledger WHERE action = 'device.join' AND instr(payload, "
        "'\"pre_org\"') > 0"
    ):
        with contextlib.suppress(ValueError):
            if pre_org.is_join_with_history("device.join", _json_value(str(text))):
                return True
    return False


def _chain_findings(
    entry: ledger.Entry, position: int, expected_prev: str, recomputed_payload: str
) -> list[Finding]:
    """Where the entry leaves the chain: its number, its link, its payload or its own hash."""
    seq = entry.seq
    where = _said("verify.where_entry", seq=seq)
    found: list[Finding] = []
    if seq != position:
        found.append(Finding("ledger.sequence", where, _said("verify.sequence", expected=position)))
    if entry.prev_hash != expected_prev:
        found.append(Finding("ledger.link", where, _said("verify.link")))
    if recomputed_payload != entry.payload_hash:
        found.append(Finding("ledger.payload", where, _said("verify.payload")))
    recomputed = ledger.entry_hash(
        seq, entry.at, entry.actor, entry.action, recomputed_payload, entry.prev_hash
    )
    if recomputed != entry.entry_hash:
        found.append(Finding("ledger.entry_hash", where, _said("verify.entry_hash")))
    return found


def read_tables(conn: db.Connection) -> Tables:
    """The projected tables as the database holds them, keyed like the replay's."""
    return {
        table: {
            tuple(row[k] for k in key_columns): dict(row)
            for row in conn.execute(f"SELECT * FROM {table}")
        }
        for table, key_columns in PROJECTED_TABLES.items()
    }


def _report_unmatched_checkpoints(sizes: list[int], entries: int, report: VerifyReport) -> None:
    for size in sorted(sizes):
        report.findings.append(
            Finding(
                "checkpoint.beyond_ledger",
                _said("verify.where_checkpoint", size=size),
                _said("verify.beyond_ledger", size=size, entries=entries),
            )
        )


def _check_merkle_state(merkle_state: Any, tree: merkle.CompactRange, report: VerifyReport) -> None:
    """The cached tree state (the next write builds on it) against the replayed tree."""
    if merkle_state is not None and (
        merkle_state["size"] != tree.size
        or merkle_state["peaks"] != json.dumps([h.hex() for h in tree.hashes])
    ):
        report.findings.append(
            Finding(
                "merkle_state",
                _said("verify.where_merkle_state"),
                _said("verify.merkle_state"),
            )
        )


def _run_checks(
    session: Session, replay: Replay, report: VerifyReport, deep: bool, progress: Progress
) -> None:
    """The checks that need the replay (:data:`CHECKS`; with ``deep``, :data:`DEEP_CHECKS` in
    their places). A tampered ledger must give a report, never a traceback: a check that fails
    says so as a finding and the others still run (a cancelled verify stops)."""
    for plain in CHECKS:
        deeper = DEEP_CHECKS.get(plain) if deep else None
        check: Callable[..., Iterable[Finding]] = plain if deeper is None else deeper
        try:
            if deeper is None:
                report.findings.extend(plain(session, replay))
            else:
                report.findings.extend(deeper(session, replay, progress))
        except Cancelled:
            raise
        except Exception as error:
            where = _said("verify.where_check", check=f"{check.__module__}.{check.__qualname__}")
            if db.is_storage_failure(error):  # a damaged page, not a malformed entry
                report.findings.append(
                    Finding(
                        "store.damaged",
                        where,
                        db.storage_error(session.folder.db_path, error).detail,
                    )
                )
                continue
            report.findings.append(
                Finding(
                    "verify.incomplete",
                    where,
                    _said("verify.incomplete", error=f"{type(error).__name__}: {error}"),
                )
            )


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
_CHECKPOINT_TEXT = ("root", "signer", "signature")


def _text_test(columns: tuple[str, ...]) -> str:
    """SQL that is 1 when every column holds text: SQLite checks the types, not a Python loop."""
    return " AND ".join(f"typeof({c}) = 'text'" for c in columns)


def _read_entries(
    conn: db.Connection, findings: list[Finding], into: list[ledger.Entry]
) -> Iterator[ledger.Entry]:
    """Every entry in order, also appended to ``into`` (the extra checks read them later)."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: this reads every entry
    cursor.execute(
        f"SELECT seq, {', '.join(_LEDGER_TEXT)}, {_text_test(_LEDGER_TEXT)} "
        "FROM ledger ORDER BY seq"
    )
    make = ledger.Entry._make
    for row in cursor:
        if row[-1]:
            entry = make(row[:-1])
        else:
            where = _said("verify.where_entry", seq=row[0])
            entry = make((row[0], *_text_columns(row[1:-1], _LEDGER_TEXT, where, findings)))
        into.append(entry)
        yield entry


def _read_checkpoints(conn: db.Connection, findings: list[Finding]) -> Iterator[tuple[Any, ...]]:
    """Every checkpoint as ``(size, root, signer, signature, 1)``, by size; a column that does
    not hold text is reported and carried on with as text."""
    cursor = conn.cursor()
    cursor.row_factory = None
    # size is the table's INTEGER PRIMARY KEY: SQLite itself refuses anything but an integer
    cursor.execute(
        f"SELECT size, {', '.join(_CHECKPOINT_TEXT)}, {_text_test(_CHECKPOINT_TEXT)} "
        "FROM checkpoints ORDER BY size"
    )
    for row in cursor:
        if not row[4]:
            where = _said("verify.where_checkpoint", size=row[0])
            row = (row[0], *_text_columns(row[1:4], _CHECKPOINT_TEXT, where, findings), 1)
        yield row


def _text_columns(
    values: Sequence[Any], columns: tuple[str, ...], where: str, findings: list[Finding]
) -> list[str]:
    """Columns that must hold text. SQLite stores a BLOB written outside the app as is: report
    it, and carry on with its hex form so that the hash and signature checks still run."""
    texts: list[str] = []
    for column, value in zip(columns, values, strict=True):
        if not isinstance(value, str):
            findings.append(
                Finding(
                    "column.type",
                    where,
                    _said("verify.column_type", column=column, type=type(value).__name__),
                )
            )
            value = value.hex() if isinstance(value, bytes) else str(value)
        texts.append(value)
    return texts


_raw_decode = json.JSONDecoder().raw_decode


def _json_value(text: str) -> Any:
    """``json.loads(text)``, same value and same ValueError, a little faster for what verify
    reads 100k times: canonical JSON, with no whitespace around it for loads to skip."""
    try:
        value, end = _raw_decode(text)
    except ValueError:
        return json.loads(text)  # leading whitespace, or not JSON at all (raises)
    return value if end == len(text) else json.loads(text)


def _hash_bytes(value: str) -> bytes:
    """A stored hash as 32 bytes; anything else (edited outside the app) as 32 zero bytes, so
    the tree still grows and the findings name the entry."""
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return bytes(32)
    return raw if len(raw) == 32 else bytes(32)


def _key_getter(columns: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A row's key tuple (``itemgetter`` gives a bare value for one column: wrap it)."""
    get = operator.itemgetter(*columns)
    if len(columns) == 1:
        return lambda row: (get(row),)
    return get


_KEY_OF = {table: _key_getter(columns) for table, columns in PROJECTED_TABLES.items()}
"""table -> the function that takes a projected row's primary key (verify applies 100k+ rows)."""


def _apply_rows(
    tables: Tables,
    trusted: Tables | None,
    payload: Any,
    findings: list[Finding],
    seq: int,
) -> dict[str, str]:
    """Replay the payload's row changes into ``tables`` (and ``trusted``, for an entry that
    keeps the rules); returns user keys the entry introduces or changes."""
    new_keys: dict[str, str] = {}
    rows = payload.get("rows", []) if isinstance(payload, dict) else []
    if not isinstance(rows, list):
        findings.append(
            Finding(
                "ledger.row_change",
                _said("verify.where_entry", seq=seq),
                _said("verify.row_changes"),
            )
        )
        return new_keys
    for change in rows:
        try:
            table, op, row = change["table"], change["op"], change["row"]
            key = _KEY_OF[table](row)
            hash(key)
            if op not in ("put", "delete") or not isinstance(row, dict):
                raise TypeError(op)
        except (KeyError, TypeError):
            findings.append(
                Finding(
                    "ledger.row_change",
                    _said("verify.where_entry", seq=seq),
                    _said("verify.row_change"),
                )
            )
            continue
        if op == "put" and table in authority.FIRST_STANDS:  # an original: its kind stays
            authority.put_row(tables[table], table, key, row)
            if trusted is not None:
                authority.put_row(trusted[table], table, key, row)
        elif op == "put":
            tables[table].setdefault(key, {}).update(row)
            if trusted is not None:
                trusted[table].setdefault(key, {}).update(row)
            if table == "users" and "public_key" in row:
                new_keys[str(row["name"])] = str(row["public_key"])
        else:
            tables[table].pop(key, None)
            if trusted is not None:
                trusted[table].pop(key, None)
    return new_keys


def _rule_findings(entry: ledger.Entry, violations: list[authority.Violation]) -> list[Finding]:
    """One finding per broken rule, at the entry, naming the rule (built only when broken)."""
    where = _said("verify.where_entry", seq=entry.seq)
    return [
        Finding(
            f"rule.{violation.rule}",
            where,
            _said(
                "verify.rule",
                action=entry.action,
                actor=entry.actor,
                rule=violation.rule,
                reason=violation.detail,
            ),
        )
        for violation in violations
    ]


def _check_key_slots(
    session: Session, users: dict[tuple[Any, ...], dict[str, Any]], report: VerifyReport
) -> None:
    """Key slots against the ledger: a slot must hold the key the ledger holds for its user
    (login refuses a mismatch too), and a deactivated user has no slot any more."""
    store_id = session.folder.store_id
    try:
        slots = session.folder.keyslots.public_keys()
    except StoreError as error:
        report.findings.append(
            Finding(
                "keyslot.unreadable",
                _said("verify.where_keyslots"),
                _said("verify.keyslots_unreadable", error=error.detail),
            )
        )
        return
    known: set[str] = set()
    for (name,), row in sorted(users.items(), key=lambda item: str(item[0])):
        tag = user_tag(store_id, str(name))
        known.add(tag)
        slot_key = slots.get(tag)
        if slot_key is None:
            continue  # a user without a slot can do nothing; not a finding
        where = _said("verify.where_keyslot", user=name)
        if not row.get("active"):
            report.findings.append(
                Finding("keyslot.inactive", where, _said("verify.keyslot_inactive", user=name))
            )
        elif slot_key != row.get("public_key"):
            report.findings.append(
                Finding("keyslot.key", where, _said("verify.keyslot_key", user=name))
            )
    unknown = len(slots.keys() - known)
    if unknown:
        report.findings.append(
            Finding(
                "keyslot.unknown",
                _said("verify.where_keyslots"),
                _said("verify.keyslot_unknown", count=unknown),
                severity="warning",
            )
        )


def _check_entry_and_checkpoint(
    store_id: str,
    entry: ledger.Entry,
    signer_key: str | None,
    root: str,
    entry_root: str,
    recomputed_hash: str,
    size: int,
    checkpoint: tuple[str, str, str] | None,
    keys: dict[str, str],
    findings: list[Finding],
    signatures: _Signatures,
) -> None:
    """The entry's signature and the checkpoint it closes, when they are *not* what every write
    makes (the same signature by the same key over the same root: the replay loop queues that
    one check itself). Each is then checked on its own, so the findings say which failed."""
    # current form: the checkpoint note over the root the entry's own content gives
    signed_note = ledger.checkpoint_message(store_id, size, entry_root)
    if checkpoint is None:
        findings.append(
            Finding(
                "checkpoint.missing",
                _said("verify.where_checkpoint", size=size),
                _said("verify.checkpoint_missing"),
            )
        )
    else:
        checkpoint_root, checkpoint_signer, checkpoint_signature = checkpoint
        checkpoint_key = keys.get(checkpoint_signer)
        if checkpoint_signer != entry.actor and checkpoint_root == root:
            # (a checkpoint of another tree is reported by its root; its signer says nothing)
            findings.append(
                Finding(
                    "checkpoint.signer",
                    _said("verify.where_checkpoint", size=size),
                    _said(
                        "verify.checkpoint_signer",
                        signer=checkpoint_signer,
                        size=size,
                        actor=entry.actor,
                    ),
                )
            )
        if checkpoint_root != root:
            findings.append(
                Finding(
                    "checkpoint.root",
                    _said("verify.where_checkpoint", size=size),
                    _said("verify.checkpoint_root"),
                )
            )
        signatures.expect(
            checkpoint_key,
            (ledger.checkpoint_message(store_id, size, checkpoint_root),),
            checkpoint_signature,
            _Failure.CHECKPOINT,
            size,
            checkpoint_signer,
        )
    # ... or the legacy form: the entry hash alone (stores written before entries were signed
    # through their checkpoints)
    signatures.expect(
        signer_key,
        (signed_note, ledger.legacy_entry_message(recomputed_hash)),
        entry.signature,
        _Failure.ENTRY,
        entry.seq,
        entry.actor,
    )


def _check_head(
    session: Session,
    head: Head | StoreError | None,
    entries: list[ledger.Entry],
    roots: dict[int, str],
    keys: dict[str, str],
    report: VerifyReport,
    signatures: _Signatures,
) -> None:
    if isinstance(head, StoreError):
        report.findings.append(Finding("head.malformed", _said("verify.where_head"), head.detail))
        return
    if head is None:
        if entries:
            report.findings.append(
                Finding(
                    "head.missing", _said("verify.where_descriptor"), _said("verify.head_missing")
                )
            )
        return
    if head.size > len(entries):
        report.findings.append(
            Finding(
                "ledger.truncated",
                _said("verify.where_head"),
                _said(
                    "verify.truncated",
                    size=head.size,
                    entries=len(entries),
                    first=len(entries) + 1,
                ),
            )
        )
        return
    # the replay already took the root at every size, over the same stored hashes
    if roots.get(head.size, merkle.EMPTY_ROOT.hex()) != head.root:
        report.findings.append(
            Finding(
                "head.root", _said("verify.where_head"), _said("verify.head_root", size=head.size)
            )
        )
    signatures.expect(
        keys.get(head.signer),
        (ledger.checkpoint_message(session.folder.store_id, head.size, head.root),),
        head.signature,
        _Failure.HEAD,
        head.size,
        head.signer,
    )


def _check_anchors(
    session: Session, replay: Replay, witnesses: anchoring.Witnesses, report: VerifyReport
) -> None:
    """The ledger against the signed heads seen outside the store folder: a ledger rolled back
    together with store.json is consistent in itself, only a witness kept elsewhere shows it.
    Runs once, after the replay, over the roots and payloads the replay kept."""
    report.findings.extend(anchoring.judge(session.folder.store_id, replay, witnesses))
    report.anchors.extend(witnesses.compared)


class _Failure(enum.Enum):
    """What a failed signature check means, and so which findings it gives."""

    ENTRY = "entry"
    CHECKPOINT = "checkpoint"
    BOTH = "both"  # the entry's signature is its checkpoint's
    HEAD = "head"
    DEVICE = "device"  # another device's entry (``signer`` is "device\nactor")

    def findings(self, number: int, signer: str, known: bool) -> list[Finding]:
        """Worded only for a signature that failed (the checks themselves carry no text)."""
        if self is _Failure.DEVICE:
            device, signer = signer.split("\n", 1)
            where = org_history.where_device(device, number)
            found = "verify.not_signed" if known else "verify.not_signed_unknown"
            return [Finding("ledger.signature", where, _said(found, signer=signer))]
        detail = _said("verify.not_signed" if known else "verify.not_signed_unknown", signer=signer)
        entry = ("ledger.signature", _said("verify.where_entry", seq=number))
        checkpoint = ("checkpoint.signature", _said("verify.where_checkpoint", size=number))
        places = {
            _Failure.ENTRY: [entry],
            _Failure.CHECKPOINT: [checkpoint],
            _Failure.BOTH: [entry, checkpoint],
            _Failure.HEAD: [("head.signature", _said("verify.where_head"))],
        }[self]
        return [Finding(code, where, detail) for code, where in places]


class _Signatures:
    """The signatures to check, each with what its failure means; checked in bulk, on every
    core, while the ledger is replayed (integrity/signature_checks.py)."""

    def __init__(self, expected: int) -> None:
        self._batch = SignatureBatch(expected)
        self._meanings: list[tuple[_Failure, int, str, bool]] = []

    def __enter__(self) -> _Signatures:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._batch.close()

    def __len__(self) -> int:
        return len(self._batch)

    def expect(
        self,
        public_key: str | None,
        messages: tuple[bytes, ...],
        signature: str,
        failure: _Failure,
        number: int,
        signer: str,
    ) -> None:
        self._batch.add_parts(public_key, messages, signature)
        self._meanings.append((failure, number, signer, public_key is not None))

    def expect_device(
        self,
        public_key: str | None,
        message: bytes,
        signature: str,
        device: str,
        seq: int,
        signer: str,
    ) -> None:
        """Another device's entry, signed through its own device's checkpoint."""
        self.expect(public_key, (message,), signature, _Failure.DEVICE, seq, f"{device}\n{signer}")

    def failures(self) -> list[Finding]:
        return [
            finding
            for index in sorted(self._batch.invalid())
            for finding in self._meanings[index][0].findings(*self._meanings[index][1:])
        ]


def _compare_tables(
    expected: Tables,
    actual: Tables,
    report: VerifyReport,
) -> None:
    for table, rows in expected.items():
        have = actual.get(table, {})
        for key, row in rows.items():
            found = have.get(key)
            if found is None:
                report.findings.append(
                    Finding("row.missing", _row_place(table, key), _said("verify.row_missing"))
                )
                continue
            changed = sorted(c for c, v in row.items() if found.get(c) != v)
            if changed:
                report.findings.append(
                    Finding(
                        "row.changed",
                        _row_place(table, key),
                        _said("verify.row_differs", columns=", ".join(changed)),
                    )
                )
        for key in have.keys() - rows.keys():
            report.findings.append(
                Finding("row.unrecorded", _row_place(table, key), _said("verify.row_unrecorded"))
            )


def _row_place(table: str, key: tuple[Any, ...]) -> str:
    return _said("verify.where_row", table=table, key=_key_text(table, key))


def _key_text(table: str, key: tuple[Any, ...]) -> str:
    return ", ".join(f"{c}={v}" for c, v in zip(PROJECTED_TABLES[table], key, strict=True))


def _check_blobs(
    session: Session,
    blob_rows: list[dict[str, Any]],
    copy_rows: list[dict[str, Any]],
    report: VerifyReport,
    progress: Callable[[str, int, int], None],
) -> None:
    """Every original: the files under the store key (``blobs.name``, a store not migrated)
    and every case's copy under its case key (``case_blobs``) decrypt and hash to the recorded
    digests; every original a case refers to has a file; no file is left unreferenced. A
    verifier who holds no key of a case gets one ``blob.not_performed`` warning for its
    copies (their files are still looked for), never a pass."""
    referenced: set[str] = set()
    conn = session.conn
    shredded_cases = {str(r[0]) for r in conn.execute("SELECT case_no FROM shreddings")}
    held = {(str(r["case_no"]), str(r["sha256"])) for r in copy_rows}
    # originals a tombstone destroyed under the store key: not re-hashed (check_shreddings
    # reports one back); a shredded case's copies are skipped with their case below
    shredded = shredding_checks.shredded_legacy_blobs(conn, held)
    by_sha = {str(row["sha256"]): row for row in blob_rows}
    legacy = [row for row in blob_rows if row["name"]]
    total = len(legacy) + len(copy_rows)
    for index, row in enumerate(legacy, start=1):
        where = _said("verify.where_blob", sha256=row["sha256"])
        if row["sha256"] in shredded:
            with contextlib.suppress(AttributeError, ValueError):
                referenced.add(session.blobs.name_for(row["sha256"]))
            continue
        try:
            name = session.blobs.name_for(row["sha256"])
        except (AttributeError, ValueError) as error:  # a digest that is not hex text
            _unchecked(report, where, error)
            continue
        referenced.add(name)
        if row["name"] != name:
            report.findings.append(Finding("blob.name", where, _said("verify.blob_name")))
        _rehash(session.blobs, row, row, where, report)
        progress("blobs", index, total)
    not_performed: dict[str, int] = {}
    stores: dict[str, BlobStore | None] = {}
    for index, copy in enumerate(copy_rows, start=len(legacy) + 1):
        case_no, name = str(copy["case_no"]), str(copy["name"])
        referenced.add(name)
        if case_no in shredded_cases:
            continue
        where = _said("verify.where_copy", sha256=copy["sha256"], case=case_no)
        if case_no not in stores:
            try:
                stores[case_no] = case_blobs.store_of(session, case_no)
            except CaseKeyError:  # reported by the case key check (case_key.opens_not)
                stores[case_no] = None
        store = stores[case_no]
        if store is None:
            not_performed[case_no] = not_performed.get(case_no, 0) + 1
            if not session.blobs.path_for_name(name).is_file():
                report.findings.append(
                    Finding("blob.corrupted", where, _said("verify.blob_file_missing"))
                )
            continue
        try:
            if store.name_for(copy["sha256"]) != name:
                report.findings.append(Finding("blob.name", where, _said("verify.blob_name")))
        except (AttributeError, ValueError) as error:
            _unchecked(report, where, error)
            continue
        _rehash(store, copy, by_sha.get(str(copy["sha256"]), {}), where, report)
        progress("blobs", index, total)
    for case_no, count in sorted(not_performed.items()):
        report.findings.append(
            Finding(
                "blob.not_performed",
                _said("verify.where_case_blobs", case=case_no),
                _said(
                    "verify.blob_not_performed",
                    count=count,
                    user=session.user.name,
                    role=session.user.role.value,
                ),
                severity="warning",
            )
        )
    _check_copies_present(conn, by_sha, held, shredded_cases, report)
    for orphan in sorted(session.blobs.stored_names() - referenced):
        report.findings.append(
            Finding(
                "blob.orphan",
                _said("verify.where_blob_file", prefix=orphan[:2], rest=orphan[2:]),
                _said("verify.blob_orphan"),
                severity="warning",
            )
        )
    for temp in session.blobs.temp_files():
        report.findings.append(
            Finding(
                "blob.partial",
                _said("verify.where_partial", name=temp.name),
                _said("verify.blob_partial"),
                severity="warning",
            )
        )


def _unchecked(report: VerifyReport, where: str, error: Exception) -> None:
    report.findings.append(
        Finding("blob.corrupted", where, _said("verify.blob_unchecked", error=type(error).__name__))
    )


def _rehash(
    store: BlobStore,
    row: dict[str, Any],
    recorded: dict[str, Any],
    where: str,
    report: VerifyReport,
) -> None:
    """Decrypt ``row``'s original with ``store`` and compare with the ``recorded`` digests."""
    try:
        recomputed = store.recompute_digests(row["sha256"])
    except BlobCorrupted as error:
        report.findings.append(Finding("blob.corrupted", where, error.reason))
        return
    except (AttributeError, ValueError, OSError) as error:  # a digest that is not hex text
        _unchecked(report, where, error)
        return
    report.blobs += 1
    report.blob_bytes += recomputed.size
    if recomputed.sha256 != row["sha256"]:
        report.findings.append(
            Finding("blob.sha256", where, _said("verify.blob_replaced", sha256=recomputed.sha256))
        )
    if recomputed.sm3 != recorded.get("sm3"):
        report.findings.append(Finding("blob.sm3", where, _said("verify.blob_sm3")))
    if recomputed.size != recorded.get("size"):
        report.findings.append(Finding("blob.size", where, _said("verify.blob_size")))


def _check_copies_present(
    conn: db.Connection,
    by_sha: dict[str, dict[str, Any]],
    held: set[tuple[str, str]],
    shredded_cases: set[str],
    report: VerifyReport,
) -> None:
    """Every original an item or import of a case refers to is held: the case's copy, or the
    file under the store key (a store not migrated)."""
    for case_no, sha256 in conn.execute(
        "SELECT DISTINCT c.case_no, r.sha256 FROM (SELECT contact_id, sha256 FROM items UNION "
        "SELECT contact_id, sha256 FROM imports) r JOIN contacts c ON c.id = r.contact_id "
        "ORDER BY 1, 2"
    ):
        place = (str(case_no), str(sha256))
        if place[0] in shredded_cases or place in held or by_sha.get(place[1], {}).get("name"):
            continue
        report.findings.append(
            Finding(
                "blob.no_copy",
                _said("verify.where_copy", sha256=sha256, case=case_no),
                _said("verify.blob_no_copy"),
            )
        )


def iter_log(session: Session, *, since: int = 1) -> Iterator[ledger.Entry]:
    session.require(Action.LOG_READ)
    for r in session.conn.execute(
        f"SELECT {ledger.ENTRY_COLUMNS} FROM ledger WHERE seq >= ? ORDER BY seq", (since,)
    ):
        yield ledger.Entry._make(r)


def signed_notes(session: Session, *, since: int = 1) -> dict[int, str]:
    """The checkpoint note each entry from ``since`` on is signed over (seq -> note text), as
    stored: with it, an entry's signature can be checked from the log alone."""
    session.require(Action.LOG_READ)
    store_id = session.folder.store_id
    return {
        int(r["size"]): ledger.checkpoint_note(store_id, int(r["size"]), str(r["root"]))
        for r in session.conn.execute(
            "SELECT size, root FROM checkpoints WHERE size >= ? ORDER BY size", (since,)
        )
    }
