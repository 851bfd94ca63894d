"""Exporting a court bundle: the PDF volume(s) and the verification kit, as one ledger entry.

Only the legal team exports (policy ``bundle.export``). The service reads everything under one
snapshot, applies the record rules (approved contacts only; a conversation needs its identity
exhibit, EV-6), hands frozen records to ``bundle/`` (which never touches the store), writes the
files, and records the export — scope, exhibits, PDF and kit digests, user — as a signed ledger
entry. If that entry cannot be written the files are removed, so a failed export leaves nothing.

Before reading, pending checkpoints are sent to the configured time-stamp authority (when one
is configured and answers), so the proofs in the kit lead to a stamped checkpoint. Offline, the
kit proves against the newest locally signed checkpoint and says so on the cover.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from evidence_desk import __version__
from evidence_desk.bundle import kit, labels, pdf, pdfa
from evidence_desk.bundle.model import (
    AnnexRow,
    BundleData,
    BundleMessage,
    Checkpoint,
    ContactRecord,
    DeviceLedger,
    DeviceName,
    Exhibit,
    Omission,
    OrgPlace,
    OriginalFile,
    Recording,
    Scope,
    Screenshot,
    TimeStampRef,
    TimeStampToken,
)
from evidence_desk.bundle.scope import check_scope, select
from evidence_desk.domain import authority, sensitive_numbers
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.file_names import fold
from evidence_desk.domain.pipl import Recipient
from evidence_desk.domain.policy import Action
from evidence_desk.domain.recording_description import RecordingDescription
from evidence_desk.domain.redaction import RedactionPlan, merged
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import digests, ledger, merkle, signing, tsa
from evidence_desk.services import (
    anchoring,
    bundle_custody,
    bundle_disclosure,
    bundle_masking,
    bundle_org,
    bundle_org_proof,
    bundle_redaction,
    bundle_screenshots,
    case_blobs,
    case_keys,
    cases,
    contacts,
    disclosure,
    pdf_signing,
    processing_records,
    reading,
    shredding,
    signing_certs,
    timestamps,
)
from evidence_desk.services import settings as settings_service
from evidence_desk.services.bundle_custody import EXPORT_ACTION
from evidence_desk.services.session import Session

_said = Catalogue(
    {
        "bundle.other_case": "belongs to case {case}, not {scope_case}",
        "bundle.not_approved": "contact {contact} is {status}: only contacts a supervisor "
        "approved can enter a bundle",
        "bundle.empty": "case {case} has no approved contact to put in a bundle",
        "bundle.no_identity": "contact {contact} has no identity exhibit (identity_proof): a "
        "conversation cannot enter a bundle without one",
        "bundle.no_entry": "no ledger entry records original {sha256}",
        "bundle.original_missing": "original {file} ({sha256}) is not in the store",
        "bundle.checkpoint_missing": "checkpoint {size} is missing from the store",
        "bundle.rule_broken": "ledger entry {seq} ({action} by {actor}) breaks rule {rule}: "
        "{reason}; run verify: no bundle is made from entries that break the rules",
        "bundle.not_folder": "not a folder",
        # notices: what the kit could not do, said beside the result
        "bundle.no_tsa": "no time-stamp authority configured: the kit proves a local checkpoint",
        "bundle.refused": "refused by rule {rule}: {reason}",
        "bundle.tsa_failed": "time-stamp authority {name}: {reason}",
        "bundle.tags_unstamped": "the tag manifest could not be time-stamped (no TSA answered)",
        "bundle.checkpoint_unstamped": "checkpoint {size} has no trusted time-stamp yet",
        "bundle.org_unstamped": "the organisation checkpoint {size} the kit proves its entries "
        "at has no time-stamp from the hub's TSA yet: the kit and the PDF say so; export again "
        "after a sync once the hub stamped it (bundle --wait-org-stamp waits for it)",
        # the annex of tags and conduct findings (the PDF says them in the bundle's language)
        "bundle.annex_message": "message {message_id}",
        "bundle.annex_tag": "{tag} · {by}",
        "bundle.annex_tag_note": "{tag} · {by} · {note}",
        "bundle.contact_gap": "{name}: {gap}",
        "bundle.annex_rule": "{rule} {title}",
        "bundle.annex_open": "{detail} · open",
        "bundle.annex_acknowledged": "{detail} · acknowledged by {acked_by}: {note}",
    }
)

CONTACT_DOCUMENTS = frozenset(contacts.DOCUMENT_ROLES)
_USABLE = (contacts.ContactStatus.APPROVED.value, contacts.ContactStatus.REVOKED.value)


@dataclass(frozen=True, slots=True)
class ExportResult:
    bundle_id: str
    pdf_paths: tuple[Path, ...]
    kit_path: Path
    pages: int
    exhibits: int
    messages_included: int
    messages_omitted: int
    evidence_manifest_sha256: str
    kit_sha256: str
    checkpoint_size: int
    checkpoint_stamped: bool
    tag_manifest_stamped: bool
    ledger_seq: int
    notices: tuple[str, ...]
    processing_record_id: str = ""  # PIPL arts. 55-56: the record written with the export
    #: an organisation's kit: the hub's checkpoint its entries are proven at ("size:root",
    #: empty when none covers them) and whether the hub's TSA stamped it
    org_checkpoint: str = ""
    org_checkpoint_stamped: bool = False


# -- optional integrations ------------------------------------------------------------------


def _tags(session: Session, contact_id: str) -> dict[int, tuple[str, ...]]:
    """Active tags per message rowid, from the review service when this build has one."""
    try:
        from evidence_desk.services import review
    except ImportError:  # a build without the review service: no tags, nothing else changes
        return {}
    found: dict[int, list[str]] = {}
    for tag in review.list_tags(session, contact_id=contact_id):
        if tag.message_id is not None:
            found.setdefault(int(tag.message_id), []).append(tag.tag)
    return {k: tuple(v) for k, v in found.items()}


def _annex(session: Session, scope: Scope, contact_ids: Iterable[str]) -> tuple[AnnexRow, ...]:
    """Tags (who tagged what, when, why) and the conduct self-check over the bundled period,
    when this build has those services; the bundle never fails because of the annex."""
    rows: list[AnnexRow] = []
    try:
        from evidence_desk.services import review
    except ImportError:
        review = None  # type: ignore[assignment, unused-ignore]
    try:
        from evidence_desk.services import conduct
    except ImportError:
        conduct = None  # type: ignore[assignment, unused-ignore]
    for contact_id in contact_ids:
        if review is not None:
            for tag in review.list_tags(session, contact_id=contact_id):
                subject = (
                    _said("bundle.annex_message", message_id=tag.message_id)
                    if tag.message_id is not None
                    else f"{tag.item_id}"
                )
                name = review.TAGS.get(tag.tag, tag.tag)
                detail = (
                    _said("bundle.annex_tag_note", tag=name, by=tag.created_by, note=tag.note)
                    if tag.note
                    else _said("bundle.annex_tag", tag=name, by=tag.created_by)
                )
                rows.append(AnnexRow("tag", tag.created_at, subject, detail))
        if conduct is not None:
            try:
                report = conduct.report(
                    session,
                    scope.case_no,
                    contact_id=contact_id,
                    date_from=scope.date_from,
                    date_to=scope.date_to,
                )
            except RuleViolation:  # no permission for the check: the annex says nothing
                continue
            for finding in report.findings:
                state = (
                    _said(
                        "bundle.annex_acknowledged",
                        detail=finding.detail,
                        acked_by=finding.acked_by,
                        note=finding.ack_note,
                    )
                    if finding.acknowledged
                    else _said("bundle.annex_open", detail=finding.detail)
                )
                rows.append(
                    AnnexRow(
                        "conduct",
                        finding.sent_at or "",
                        _said("bundle.annex_rule", rule=finding.rule, title=finding.title),
                        state,
                    )
                )
    return tuple(rows)


# -- reading the store ----------------------------------------------------------------------


def _entries(session: Session) -> list[ledger.Entry]:
    return [
        ledger.Entry._make(r)
        for r in session.conn.execute(f"SELECT {ledger.ENTRY_COLUMNS} FROM ledger ORDER BY seq")
    ]


def _relevant(entry: ledger.Entry, case_no: str, contact_ids: set[str]) -> tuple[bool, bool]:
    """(in the slice, touches the exhibits): changes to users are needed to check signatures
    and replay the rules but are not custody events."""
    try:
        payload = json.loads(entry.payload)
    except ValueError:
        return False, False
    if not isinstance(payload, dict):
        return False, False
    rows = payload.get("rows", [])
    # every change to users (keys, roles, deactivations): verify-bundle replays the rule table
    # over the slice, which needs each actor's role and active flag at every entry; every
    # invitation, which a device's join (its users row) must find open; and every retired
    # device, whose entries past its final size never stand (domain/authority.py)
    introduces_key = any(
        isinstance(r, dict) and r.get("table") in ("users", "invites", "retired_devices")
        for r in rows
    )
    touches = payload.get("contact_id") in contact_ids or payload.get("case_no") == case_no
    touches = touches or any(
        isinstance(r, dict)
        and r.get("table") == "cases"
        and r.get("row", {}).get("case_no") == case_no
        for r in rows
    )
    if entry.action in (timestamps.STAMP_ACTION, "tsa.configure"):
        return True, False
    return introduces_key or touches, touches


def _users_as_the_rules_leave_them(
    entries: Sequence[ledger.Entry], in_slice: set[int]
) -> dict[str, dict[str, Any]]:
    """user -> {public_key, role, active, introduced_seq}, replayed with the rule table: an
    entry that breaks a rule (a key swapped in by someone not allowed to) changes no key in
    ``keys/users.json``, as it changes none in verify (verify-bundle re-derives the same).
    A slice entry that breaks a rule refuses the export (``refuse_broken_rules``)."""
    state = authority.ReplayedTables(authority.empty_tables())
    introduced: dict[str, int] = {}
    for entry in entries:
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            continue
        violations = authority.check(state, entry.seq, entry.at, entry.actor, entry.action, payload)
        if violations:
            if entry.seq in in_slice:
                refuse_broken_rules(entry, violations[0])
            continue
        state.apply(payload)
        for change in payload.get("rows", []):
            if change.get("table") == "users" and "public_key" in change.get("row", {}):
                introduced[str(change["row"]["name"])] = entry.seq
    return {
        str(name): {
            "public_key": row.get("public_key"),
            "role": row.get("role"),
            "active": bool(row.get("active")),
            "introduced_seq": introduced.get(str(name)),
        }
        for (name,), row in state.tables["users"].items()
    }


def refuse_broken_rules(entry: ledger.Entry, violation: authority.Violation) -> None:
    """No court bundle is built on an entry its writer was not allowed to write: the kit would
    fail verify-bundle, and the PDF would print it as custody. ``verify`` names every such
    entry; legal deals with them (they are evidence of misconduct) before exporting."""
    raise RuleViolation(
        "bundle.rules",
        _said(
            "bundle.rule_broken",
            seq=entry.seq,
            action=entry.action,
            actor=entry.actor,
            rule=violation.rule,
            reason=violation.detail,
        ),
    )


def _contact_record(session: Session, contact: contacts.Contact) -> ContactRecord:
    cosignature = None
    for r in session.conn.execute(
        "SELECT payload FROM ledger WHERE action = 'contact.approve' AND seq NOT IN "
        "(SELECT seq FROM org_positions WHERE verdict <> '') ORDER BY seq"
    ):
        payload = json.loads(r["payload"])
        if payload.get("contact_id") == contact.id:
            cosignature = payload.get("cosignature")
    # in an organisation the decision may be another device's (the one the hub accepted)
    for r in session.conn.execute(
        "SELECT payload FROM device_entries WHERE action = 'contact.approve' AND verdict = '' "
        "ORDER BY org_seq"
    ):
        payload = json.loads(r["payload"])
        if payload.get("contact_id") == contact.id:
            cosignature = payload.get("cosignature")
    return ContactRecord(
        contact.id,
        contact.channel,
        contact.handle,
        contact.display_name,
        contact.relation,
        contact.initiated_by,
        contact.reason,
        contact.consent,
        tuple(contact.flag_list),
        contact.status,
        contact.requested_by,
        contact.requested_at,
        contact.decided_by,
        contact.decided_at,
        contact.decision_note,
        contact.revoked_by,
        contact.revoked_at,
        contact.revoke_note,
        cosignature,
    )


def _scope_contacts(session: Session, scope: Scope) -> list[contacts.Contact]:
    if scope.contact_ids:
        chosen = []
        for contact_id in scope.contact_ids:
            contact = contacts.get_contact(session, contact_id)
            if contact.case_no != scope.case_no:
                raise BadInput(
                    "--contact",
                    contact_id,
                    _said("bundle.other_case", case=contact.case_no, scope_case=scope.case_no),
                )
            if contact.status not in _USABLE:
                raise RuleViolation(
                    "contact.approved",
                    _said("bundle.not_approved", contact=contact_id, status=contact.status),
                )
            chosen.append(contact)
    else:
        chosen = [
            c for c in contacts.list_contacts(session, case_no=scope.case_no) if c.status in _USABLE
        ]
    if not chosen:
        raise RuleViolation("bundle.empty", _said("bundle.empty", case=scope.case_no))
    for contact in chosen:
        roles = {i.role for i in contacts.contact_items(session, contact.id)}
        if "identity_proof" not in roles:
            raise RuleViolation(
                "EV-6",
                _said("bundle.no_identity", contact=contact.id),
            )
    return chosen


class _Reader:
    """Everything the bundle needs, read under one snapshot."""

    def __init__(
        self,
        session: Session,
        scope: Scope,
        entries: list[ledger.Entry],
        org: bundle_org.OrgView | None = None,
    ) -> None:
        self.session = session
        self.scope = scope
        self.entries = entries
        self.org = org  # an organisation's entries in its order, None for a standalone store
        self.stamps = [
            dict(r)
            for r in session.conn.execute("SELECT * FROM timestamps ORDER BY checkpoint_size, id")
        ]
        self.kit_paths: set[str] = set()  # folded (file_names.fold) member paths
        self.kit_folders: set[str] = set()  # folded folders of those paths
        # item id -> (device, seq), read on first use ('' = this store's own ledger)
        self._item_entries: dict[str, tuple[str, int]] | None = None

    def stamp_for(self, seq: int) -> TimeStampRef | None:
        for row in self.stamps:
            if int(row["checkpoint_size"]) >= seq:
                return TimeStampRef(
                    row["tsa_name"],
                    row["serial_number"],
                    row["gen_time"],
                    row["policy_oid"],
                    row["hash_alg"],
                    int(row["checkpoint_size"]),
                )
        return None

    def recorded_by(self, item: contacts.Item) -> tuple[str, int]:
        """The seq of the entry that added ``item`` to its contact (the request, attach or
        import whose rows put it).

        Not the first entry that mentions the bytes: one document or export can belong to two
        contacts (the same ID card for two requests, one export imported for both), and the
        other contact's entry need not be in this bundle's ledger slice, nor is it custody of
        this exhibit. Each item is put once, by the entry that added it, so the same bytes
        added twice to one contact point at two entries, one per item. In an organisation the
        entry may be another device's (the request on the staff laptop): its device is named,
        '' for this store's own ledger.
        """
        if self._item_entries is None:
            self._item_entries = {}
            placed: list[tuple[str, ledger.Entry]] = (
                [("", e) for e in self.entries]
                if self.org is None
                else [
                    ("" if p.device == self.org.store_id else p.device, p.entry)
                    for p in self.org.placed
                    if not p.verdict
                ]
            )
            for device, entry in placed:
                if '"items"' not in entry.payload:  # most entries: no JSON parsing
                    continue
                for change in json.loads(entry.payload).get("rows", []):
                    if change.get("table") == "items" and change.get("op") == "put":
                        self._item_entries.setdefault(str(change["row"]["id"]), (device, entry.seq))
        found = self._item_entries.get(item.id)
        if found is None:
            raise NotFound(_said("bundle.no_entry", sha256=item.sha256))
        return found

    def kit_path(self, exhibit_id: str, file_name: str) -> str:
        """A member path for an original, unique even where case does not count (Windows): no
        two files, nor a file and a folder, differ only by case."""
        base = f"data/originals/{exhibit_id}/{kit.safe_name(file_name)}"
        path, n = base, 1
        while self._clashes(path):
            n += 1
            stem, dot, ext = base.rpartition(".")
            path = f"{stem}-{n}.{ext}" if dot and "/" not in ext else f"{base}-{n}"
        self.kit_paths.add(fold(path))
        parts = path.split("/")
        self.kit_folders.update(fold("/".join(parts[:i])) for i in range(1, len(parts)))
        return path

    def _clashes(self, path: str) -> bool:
        key = fold(path)
        parts = key.split("/")
        folders = ("/".join(parts[:i]) for i in range(1, len(parts)))
        return (
            key in self.kit_paths
            or key in self.kit_folders
            or any(f in self.kit_paths for f in folders)
        )

    def original(
        self, exhibit_id: str, item: contacts.Item, importer: str, device: str
    ) -> OriginalFile:
        blob = self.session.conn.execute(
            "SELECT sm3, size FROM blobs WHERE sha256 = ?", (item.sha256,)
        ).fetchone()
        if blob is None:
            raise NotFound(
                _said("bundle.original_missing", file=item.file_name, sha256=item.sha256)
            )
        device, seq = self.recorded_by(item)
        # the case's own copy, under its key (services/case_blobs.py)
        session, digest = self.session, item.sha256
        case_no = case_blobs.contact_case(session.conn, item.contact_id)
        return OriginalFile(
            exhibit_id=exhibit_id,
            kit_path=self.kit_path(exhibit_id, item.file_name),
            file_name=item.file_name,
            role=item.role,
            sha256=item.sha256,
            sm3=blob["sm3"],
            size=int(blob["size"]),
            added_at=item.added_at,
            added_by=item.added_by,
            importer=importer,
            device=device,
            ledger_seq=seq,
            # this store's time stamps are over its own checkpoints only
            stamp=None if device else self.stamp_for(seq),
            read=lambda: case_blobs.read_bytes(session, digest, case_no),
            ledger_device=device,
        )

    def messages(self, contact_id: str) -> list[BundleMessage]:
        tags = _tags(self.session, contact_id)
        # where each message first appeared: one pass over the sources, not a subquery per row
        sources: dict[int, dict[str, str]] = {}
        locators = case_keys.locator_reader(self.session)  # sealed under the case key
        for r in self.session.conn.execute(
            "SELECT s.message_rowid, s.import_id, s.position, s.locator FROM message_sources s "
            "JOIN imports i ON i.id = s.import_id WHERE i.contact_id = ? "
            "ORDER BY s.import_id, s.position",
            (contact_id,),
        ):
            found = sources.setdefault(int(r[0]), {})
            if str(r[1]) not in found:
                found[str(r[1])] = locators(str(r[1]), int(r[2]), str(r[3]))
        rows = self.session.conn.execute(
            "SELECT * FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid", (contact_id,)
        )
        opener = case_keys.message_opener(self.session, contact_id)  # sealed under the case key
        return [
            BundleMessage(
                rowid=int(r["rowid"]),
                contact_id=contact_id,
                sent_at=r["sent_at"],
                time_text=r["time_text"],
                sender=fields.sender,
                sender_id=fields.sender_id or "",
                direction=r["direction"],
                kind=r["kind"],
                text=fields.text,
                commitment=r["commitment"],
                source=_source(sources.get(int(r["rowid"]), {}), r["first_import"]),
                attachments=tuple(json.loads(fields.attachments)),
                flags=tuple(f for f in r["flags"].split(",") if f),
                native_id=r["native_id"],
                reply_to=r["reply_to"],
                tags=tags.get(int(r["rowid"]), ()),
            )
            for r in rows
            for fields in (opener.message(r["fingerprint"], r),)
        ]

    def commitments(self, import_id: str) -> tuple[str, ...]:
        return tuple(
            r[0]
            for r in self.session.conn.execute(
                "SELECT m.commitment FROM message_sources s JOIN messages m "
                "ON m.rowid = s.message_rowid WHERE s.import_id = ? ORDER BY s.position",
                (import_id,),
            )
        )


def _source(locators: dict[str, str], first_import: str) -> str:
    """The file and line of the export that first brought the message in."""
    if first_import in locators:
        return f"{first_import} {locators[first_import]}"
    return next((f"{i} {loc}" for i, loc in sorted(locators.items())), "")


def _imports_by_digest(session: Session, contact_id: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in session.conn.execute(
        "SELECT * FROM imports WHERE contact_id = ? ORDER BY imported_at, id", (contact_id,)
    ):
        row = case_keys.open_import_row(session, dict(r))
        out.setdefault(row["sha256"], row)
        for digest in json.loads(row["members"]).values():
            out.setdefault(digest, row)
    return out


def _recordings_exhibit(
    exhibit_id: str,
    items: Sequence[contacts.Item],
    imports: dict[str, dict[str, Any]],
    reader: _Reader,
    record: ContactRecord,
    lang: str,
    names: dict[str, str],
) -> Exhibit:
    """The contact's audio and video recordings (CC-8: on-site visits are first-class
    exhibits), each described as its file states it; the originals travel in the kit."""
    from evidence_desk.bundle.text import t

    originals: list[OriginalFile] = []
    recordings: list[Recording] = []
    for item in items:
        row = imports.get(item.sha256)
        importer = f"{row['format']} {row['parser_version']}" if row is not None else "document"
        original = reader.original(exhibit_id, item, importer, _device(row))
        originals.append(original)
        recordings.append(Recording(original, RecordingDescription.from_details(_details(row))))
    return Exhibit(
        exhibit_id,
        "recordings",
        t(lang, "exhibit_recordings", **names),
        record,
        t(lang, "object_recordings"),
        tuple(originals),
        recordings=tuple(recordings),
    )


def _details(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return {}
    try:
        details = json.loads(row["details"])
    except ValueError:
        return {}
    return details if isinstance(details, dict) else {}


def _device(row: dict[str, Any] | None) -> str:
    details = _details(row)
    parts = [details.get("make"), details.get("model"), details.get("device")]
    return " ".join(str(p) for p in parts if p)


def gather(
    session: Session,
    scope: Scope,
    *,
    masked: bool = True,
    redaction: RedactionPlan | None = None,
    default_redaction: bool = True,
) -> BundleData:
    """Read the bundle's records under one snapshot (permission and record rules first).

    ``masked``: bank-card and account numbers in the transcripts and annex are masked (PI-6,
    services/bundle_masking.py); only an unmasked export prints them. ``redaction``: legal's
    plan, merged with the default detectors' unless ``default_redaction`` is False, applied
    before masking (services/bundle_redaction.py); ``redaction.unknown`` when it names a
    message or image outside the bundle."""
    session.require(Action.BUNDLE_EXPORT)
    check_scope(scope)
    shredding.require_not_shredded(session, scope.case_no)  # its content no longer exists
    case = cases.get_case(session, scope.case_no)
    zone_name = settings_service.get(session, "timezone")
    organisation = settings_service.get(session, "organisation")
    chosen = _scope_contacts(session, scope)
    # one snapshot: the ledger head read here is the bundle's, and the seq its export's entry
    # will take at the earliest; entries written while the bundle is drawn are not in it
    with session.snapshot():
        annex = _annex(session, scope, [c.id for c in chosen])
        export_seq = bundle_custody.next_export_seq(session)
        entries = _entries(session)
        org = bundle_org.read(session.conn, session.folder.store_id, entries)
        reader = _Reader(session, scope, entries, org)
        exhibits = _Exhibits(session, reader, scope, ZoneInfo(zone_name))
        for contact in chosen:
            exhibits.add_contact(contact)
        shots = bundle_screenshots.collect(session, exhibits.exhibits, masked=masked)
        if redaction is not None:  # named by its own items, before merging with the defaults
            bundle_redaction.check_known(redaction, exhibits.exhibits)
        # unmasked numbers (legal's bundle.unmask) are not redacted by default either
        defaults = bundle_redaction.defaults(exhibits.exhibits, accounts=masked)
        plans = [defaults] if default_redaction else []
        plan = merged([*plans, *([redaction] if redaction is not None else [])])
        applied = bundle_redaction.apply(plan, exhibits.exhibits, shots, annex)
        disclosures = bundle_disclosure.disclose(
            session, applied.exhibits, exhibits.commitment_lists, masked=masked
        )
        proof = _ledger_proof(
            session, reader, entries, scope.case_no, {c.id for c in chosen}, org is None
        )
        if org is not None:
            proof = _org_ledger_proof(session, proof, org, scope.case_no, {c.id for c in chosen})
        produced_at = session.now()
        seed = json.dumps(
            [session.folder.store_id, scope.as_json(), len(entries), produced_at], sort_keys=True
        )
        bundle_id = "B-" + hashlib.sha256(seed.encode()).hexdigest()[:12]
    return BundleData(
        bundle_id=bundle_id,
        scope=scope,
        store_id=session.folder.store_id,
        app_version=__version__,
        produced_at=produced_at,
        producer=session.user.name,
        producer_role=session.user.role.value,
        producer_key=session.user.public_key,
        organisation=organisation,
        timezone=zone_name,
        case={
            "case_no": case.case_no,
            "debtor_name": case.debtor_name,
            "debtor_id": case.masked_id,
            "loan_ref": case.loan_ref,
        },
        exhibits=(bundle_masking.mask_exhibits(applied.exhibits) if masked else applied.exhibits),
        omissions=tuple(exhibits.omissions),
        range_counts=exhibits.range_counts,
        recalled=exhibits.recalled,
        time_gaps=tuple(exhibits.gaps),
        ledger=proof.slice_entries,
        custody=proof.custody,
        checkpoint=proof.checkpoint,
        checkpoint_stamped=proof.stamped,
        cosigned=proof.cosigned,
        leaf_hashes=proof.leaves,
        tokens=proof.tokens,
        public_keys=proof.keys,
        annex=bundle_masking.mask_annex(applied.annex) if masked else applied.annex,
        gap_flag_hours=settings_service.get_int(session, settings_service.TSA_GAP_FLAG_SETTING),
        commitment_lists=exhibits.commitment_lists,
        numbers_masked=masked,
        devices=proof.devices,
        org_order=proof.org_order,
        custody_devices=proof.custody_devices,
        custody_pre_org=proof.custody_pre_org,
        device_names=proof.device_names,
        export_seq=export_seq,
        screenshot_checks=applied.checks,
        redaction=applied.plan if applied.plan else None,
        redaction_defaults=default_redaction,
        disclosures=disclosures,
    )


def messages_in_scope(
    session: Session, scope: Scope
) -> list[tuple[contacts.Contact, tuple[BundleMessage, ...]]]:
    """Each contact the bundle of ``scope`` holds, with the messages it would print (stored
    texts, nothing redacted or masked): what the default redactions and legal's redaction
    editor work on (services/redaction_defaults.py)."""
    session.require(Action.BUNDLE_EXPORT)
    check_scope(scope)
    zone = ZoneInfo(settings_service.get(session, "timezone"))
    chosen = _scope_contacts(session, scope)
    with session.snapshot():
        reader = _Reader(session, scope, [], None)
        return [(c, tuple(select(reader.messages(c.id), scope, zone).included)) for c in chosen]


class _Exhibits:
    """The exhibits of the chosen contacts, numbered E1, E2... in order: per contact its
    identity, its conversation and (when it has any) its recordings; with what selecting the
    messages in scope left out, counted and found."""

    def __init__(self, session: Session, reader: _Reader, scope: Scope, zone: ZoneInfo) -> None:
        self._session = session
        self._reader = reader
        self._scope = scope
        self._zone = zone
        self._number = 0
        self.exhibits: list[Exhibit] = []
        self.omissions: list[Omission] = []
        self.range_counts: dict[str, int] = {}
        self.recalled = 0
        self.gaps: list[str] = []
        self.commitment_lists: dict[str, tuple[str, ...]] = {}

    def _next_id(self) -> str:
        self._number += 1
        return f"E{self._number}"

    def add_contact(self, contact: contacts.Contact) -> None:
        """Add the contact's exhibits (the kit paths of originals are chosen in this order)."""
        record = _contact_record(self._session, contact)
        items = contacts.contact_items(self._session, contact.id)
        imports = _imports_by_digest(self._session, contact.id)
        channel = labels.label(self._scope.language, "channel", contact.channel)
        names = {"name": contact.display_name, "channel": channel, "handle": contact.handle}
        self.exhibits.append(self._identity(self._next_id(), items, record, names))
        self.exhibits.append(
            self._conversation(self._next_id(), contact, items, imports, record, names)
        )
        recorded = [i for i in items if i.role == "recording"]
        if recorded:
            lang = self._scope.language
            self.exhibits.append(
                _recordings_exhibit(
                    self._next_id(), recorded, imports, self._reader, record, lang, names
                )
            )

    def _identity(
        self,
        exhibit_id: str,
        items: Sequence[contacts.Item],
        record: ContactRecord,
        names: dict[str, str],
    ) -> Exhibit:
        """The contact's request documents (EV-6: no conversation without its identity)."""
        from evidence_desk.bundle.text import t

        lang = self._scope.language
        documents = tuple(
            self._reader.original(exhibit_id, i, "document", "")
            for i in items
            if i.role in CONTACT_DOCUMENTS
        )
        return Exhibit(
            exhibit_id,
            "identity",
            t(lang, "exhibit_identity", **names),
            record,
            t(lang, "object_identity"),
            documents,
        )

    def _conversation(
        self,
        exhibit_id: str,
        contact: contacts.Contact,
        items: Sequence[contacts.Item],
        imports: dict[str, dict[str, Any]],
        record: ContactRecord,
        names: dict[str, str],
    ) -> Exhibit:
        """The exports and screenshots with the messages in scope; what the scope leaves out
        is kept for the omissions list."""
        from evidence_desk.bundle.text import t

        originals: list[OriginalFile] = []
        shots: list[Screenshot] = []
        for item in items:
            if item.role in CONTACT_DOCUMENTS or item.role == "recording":
                continue
            row = imports.get(item.sha256)
            importer = f"{row['format']} {row['parser_version']}" if row is not None else "document"
            original = self._reader.original(exhibit_id, item, importer, _device(row))
            originals.append(original)
            if item.role == "screenshot" and row is not None:
                shots.append(_screenshot(original, row))
            if row is not None and row["kind"] == "chat" and row["id"] not in self.commitment_lists:
                held = self._reader.commitments(row["id"])
                # another device's import whose message rows this store does not hold: its
                # commitments cannot be listed (its signed entry and original still are)
                if held or not original.ledger_device:
                    self.commitment_lists[row["id"]] = held
        selection = select(self._reader.messages(contact.id), self._scope, self._zone)
        self.omissions.extend(selection.omitted)
        for kind, count in selection.counts.items():
            self.range_counts[kind] = self.range_counts.get(kind, 0) + count
        self.recalled += selection.recalled
        self.gaps.extend(
            _said("bundle.contact_gap", name=contact.display_name, gap=g) for g in selection.gaps
        )
        lang = self._scope.language
        return Exhibit(
            exhibit_id,
            "conversation",
            t(lang, "exhibit_conversation", **names),
            record,
            t(lang, "object_conversation"),
            tuple(originals),
            selection.included,
            tuple(shots),
            tuple(reading.gap_notices(self._session, contact.id)),
        )


def _screenshot(original: OriginalFile, row: dict[str, Any]) -> Screenshot:
    """A screenshot as its import described it (size, time taken, device)."""
    details = json.loads(row["details"])
    return Screenshot(
        original,
        int(details.get("width", 0)),
        int(details.get("height", 0)),
        details.get("taken_at_utc"),
        _device(row),
    )


@dataclass(frozen=True, slots=True)
class _LedgerProof:
    """The part of the ledger a bundle carries and the checkpoint it proves against."""

    slice_entries: tuple[ledger.Entry, ...]
    custody: tuple[ledger.Entry, ...]
    checkpoint: Checkpoint
    stamped: bool
    cosigned: tuple[Checkpoint, ...]
    leaves: tuple[bytes, ...]
    tokens: tuple[TimeStampToken, ...]
    keys: dict[str, dict[str, Any]]
    # an organisation's bundle (bundle_org.py); empty for a standalone store
    devices: tuple[DeviceLedger, ...] = ()
    org_order: tuple[OrgPlace, ...] = ()
    custody_devices: tuple[str, ...] = ()
    custody_pre_org: tuple[bool, ...] = ()
    device_names: dict[str, DeviceName] = dataclasses.field(default_factory=dict)


def _ledger_proof(
    session: Session,
    reader: _Reader,
    entries: list[ledger.Entry],
    case_no: str,
    contact_ids: set[str],
    standalone: bool = True,
) -> _LedgerProof:
    """The slice of entries about the case, its custody entries, and the checkpoint the kit
    proves against: the newest stamped one when it covers every entry the bundle needs, else
    the newest. (In an organisation the users are replayed over every device's entries by
    ``_org_ledger_proof``: this device's own ledger alone does not hold its invitation.)"""
    flags = [(e, *_relevant(e, case_no, contact_ids)) for e in entries]
    needed = max(
        (
            e.seq
            for e, _in_slice, touches in flags
            if touches and e.action not in (EXPORT_ACTION, timestamps.STAMP_ACTION)
        ),
        default=len(entries),
    )
    newest_stamp = max((int(r["checkpoint_size"]) for r in reader.stamps), default=0)
    stamped = newest_stamp >= needed
    target_size = newest_stamp if stamped else len(entries)
    checkpoint = _checkpoint(session, target_size)
    if checkpoint is None:
        raise NotFound(_said("bundle.checkpoint_missing", size=target_size))
    slice_entries = tuple(e for e, in_slice, _t in flags if in_slice and e.seq <= target_size)
    return _LedgerProof(
        slice_entries=slice_entries,
        custody=tuple(e for e, _s, touches in flags if touches),
        checkpoint=checkpoint,
        stamped=stamped,
        cosigned=_cosigned(session, slice_entries),
        leaves=tuple(merkle.leaf_hash(bytes.fromhex(e.entry_hash)) for e in entries[:target_size]),
        tokens=_tokens(session, reader, target_size),
        keys=(
            _users_as_the_rules_leave_them(entries[:target_size], {e.seq for e in slice_entries})
            if standalone
            else {}
        ),
    )


def _org_ledger_proof(
    session: Session,
    own: _LedgerProof,
    org: bundle_org.OrgView,
    case_no: str,
    contact_ids: set[str],
) -> _LedgerProof:
    """The organisation's bundle: this device's part as ``_ledger_proof`` made it (its slice up
    to its target checkpoint), each other device's slice proven into that device's newest held
    entry's checkpoint, every kit entry's place in the organisation's order, custody over every
    device in that order, and the users as the rule table leaves them in that order."""
    store_id = org.store_id
    target = own.checkpoint.size
    flags = [(p, *_relevant(p.entry, case_no, contact_ids)) for p in org.placed]

    def in_kit(placed: bundle_org.Placed) -> bool:
        return placed.device != store_id or placed.entry.seq <= target

    slices: dict[str, list[ledger.Entry]] = {}
    for placed, in_slice, _touches in flags:
        if in_slice and in_kit(placed):
            slices.setdefault(placed.device, []).append(placed.entry)
    in_slice_keys = {(d, e.seq) for d, entries in slices.items() for e in entries}
    names = bundle_org.device_names(org)
    kit_entries = [(p.device, p.entry) for p, s, _t in flags if s and in_kit(p)]
    cosigned = bundle_org.cosigned_sizes(kit_entries)
    own_cosigned = tuple(
        found
        for size in sorted(cosigned.get(store_id, []))
        if size <= target and (found := _checkpoint(session, size)) is not None
    )
    devices = tuple(
        bundle_org.foreign_ledger(org, device, slices[device], cosigned.get(device, []), names)
        for device in org.devices
        if device != store_id and device in slices
    )
    return dataclasses.replace(
        own,
        cosigned=own_cosigned,
        keys=bundle_org.replayed_users(org, in_kit, in_slice_keys, refuse_broken_rules),
        devices=devices,
        org_order=tuple(
            OrgPlace(p.device, p.entry.seq, p.org_seq, p.verdict, p.pre_org)
            for p, s, _t in flags
            if s and in_kit(p)
        ),
        custody=tuple(p.entry for p, _s, touches in flags if touches),
        custody_devices=tuple(p.device for p, _s, touches in flags if touches),
        custody_pre_org=tuple(p.pre_org for p, _s, touches in flags if touches),
        device_names=names,
    )


def _checkpoint(session: Session, size: Any) -> Checkpoint | None:
    row = session.conn.execute("SELECT * FROM checkpoints WHERE size = ?", (size,)).fetchone()
    if row is None:
        return None
    return Checkpoint(row["size"], row["root"], row["at"], row["signer"], row["signature"])


def _cosigned(session: Session, slice_entries: Sequence[ledger.Entry]) -> tuple[Checkpoint, ...]:
    """The checkpoints the slice's approvals cosigned (each once), for the kit to check."""
    cosigned: list[Checkpoint] = []
    for entry in slice_entries:
        if entry.action == "contact.approve":
            size = json.loads(entry.payload).get("cosignature", {}).get("size")
            found = _checkpoint(session, size)
            if found is not None and all(c.size != found.size for c in cosigned):
                cosigned.append(found)
    return tuple(cosigned)


def _tokens(session: Session, reader: _Reader, target_size: int) -> tuple[TimeStampToken, ...]:
    """The SHA-256 time-stamp tokens over the target checkpoint, with their TSAs' roots."""
    authorities = {
        r["name"]: r["roots_pem"]
        for r in session.conn.execute("SELECT name, roots_pem FROM tsa_authorities")
    }
    return tuple(
        TimeStampToken(
            int(r["checkpoint_size"]),
            r["checkpoint_root"],
            r["tsa_name"],
            r["hash_alg"],
            r["gen_time"],
            r["serial_number"],
            r["policy_oid"],
            r["tsa_subject"],
            _b64(r["token"]),
            tuple(_b64(c) for c in json.loads(r["cert_chain"])),
            authorities.get(r["tsa_name"], ""),
        )
        for r in reader.stamps
        if int(r["checkpoint_size"]) == target_size and r["hash_alg"] == "sha256"
    )


def _b64(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


# -- trusted time -----------------------------------------------------------------------------


def _stamper(session: Session, sender: timestamps.Sender) -> kit.Stamper:
    def stamp(data: bytes) -> kit.TagStamp | None:
        for tsa_authority in timestamps.list_authorities(session):
            if tsa_authority.hash_alg != "sha256":
                continue
            digest = hashlib.sha256(data).digest()
            nonce = tsa.new_nonce()
            request = tsa.build_request(digest, nonce=nonce, hash_alg="sha256")
            try:
                response = sender(tsa_authority.url, request, float(tsa_authority.timeout_seconds))
                info = tsa.verify_response(
                    response,
                    digest=digest,
                    nonce=nonce,
                    trusted_roots=tsa_authority.roots,
                    extra_certs=tsa_authority.certs,
                    hash_alg="sha256",
                    now=session.clock(),
                    max_clock_skew=None,
                )
            except tsa.TsaError:
                continue
            roots = session.conn.execute(
                "SELECT roots_pem FROM tsa_authorities WHERE name = ?", (tsa_authority.name,)
            ).fetchone()["roots_pem"]
            return kit.TagStamp(tsa_authority.name, info.token_der, info.cert_chain_der, roots)
        return None

    return stamp


def _stamp_pending(session: Session, sender: timestamps.Sender, notices: list[str]) -> None:
    if not timestamps.list_authorities(session):
        notices.append(_said("bundle.no_tsa"))
        return
    try:
        outcome = timestamps.stamp(session, sender=sender)
    except RuleViolation as error:
        notices.append(_said("bundle.refused", rule=error.rule, reason=error.detail))
        return
    for name, reason in outcome.attempts:
        notices.append(_said("bundle.tsa_failed", name=name, reason=reason))


# -- the use case -----------------------------------------------------------------------------


def export_bundle(
    session: Session,
    scope: Scope,
    out_dir: Path,
    *,
    recipient: Recipient,
    sender: timestamps.Sender | None = None,
    stamp_first: bool = True,
    unmask_reason: str | None = None,
    redaction: RedactionPlan | None = None,
    default_redaction: bool = True,
) -> ExportResult:
    """Write ``bundle-<id>[-A..].pdf`` and ``bundle-<id>-kit.zip`` into ``out_dir``, for
    ``recipient`` (who, why, on which basis: the processing record of PIPL arts. 55-56, printed
    in the appendix, carried in the kit and written with the export's entry).

    Account and card numbers are masked unless ``unmask_reason`` is given: then the legal team's
    ``bundle.unmask`` entry is written first (services/bundle_masking.py).

    ``redaction``: legal's plan (issue 21 item 5), merged with the default detectors' unless
    ``default_redaction`` is False; the export's entry records its digest, counts, detectors
    and whether the defaults ran, and the kit carries it with what proves every message."""
    disclosure.require(session, scope, recipient)  # before anything is stamped
    signing_certs.signer(session)  # no PDF signing certificate: refused before anything is written
    unmask_seq = (
        None
        if unmask_reason is None
        else bundle_masking.record_unmask(session, scope.case_no, unmask_reason)
    )
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInput(str(out_dir), "", _said("bundle.not_folder"))
    send = sender or timestamps._send
    notices: list[str] = []
    if stamp_first:
        _stamp_pending(session, send, notices)
    data = gather(
        session,
        scope,
        masked=unmask_seq is None,
        redaction=redaction,
        default_redaction=default_redaction,
    )
    data = bundle_org_proof.attach(session, data)  # the hub's checkpoint covering its entries
    manifest = kit.evidence_manifest(data)
    manifest_sha256 = hashlib.sha256(manifest).hexdigest()
    record = processing_records.prepare(session, recipient, data, manifest_sha256)
    data = dataclasses.replace(data, processing_record=record)
    declaration = session.sign(
        signing.MANIFEST_CONTEXT, kit.SIGNED_PREFIX_EVIDENCE + manifest_sha256.encode()
    )
    hint = (
        kit.TagStamp(data.tokens[0].tsa_name, b"", data.tokens[0].chain_der, "")
        if data.tokens
        else None
    )

    def draw(drawn: BundleData, max_volume_bytes: int) -> pdf.Rendered:
        return pdf.render(
            drawn,
            manifest_sha256,
            digests.sm3_hex(manifest),
            declaration,
            kit.verify_text(drawn, [], hint),
            max_volume_bytes=max_volume_bytes,
        )

    rendered = pdfa.conform(data, manifest, draw, notices)  # PDF/A-3b, originals inside
    index = {
        **rendered.index,
        "declaration": {"signer": data.producer, "signature": declaration},
    }
    # PAdES (issue 21 item 1): the kit lists and carries the signed volumes
    signed = pdf_signing.sign_volumes(session, rendered.volumes, send)
    volumes = signed.volumes
    notices += signed.notices
    data = dataclasses.replace(
        data, pdf_signer_chain_pem=signed.chain_pem, pdf_tsa_roots_pem=signed.tsa_roots_pem
    )
    kit_bytes, tag_stamp = kit.build_kit(
        data,
        manifest,
        volumes,
        index,
        lambda message: session.sign(signing.MANIFEST_CONTEXT, message),
        _stamper(session, send),
    )
    if tag_stamp is None:
        notices.append(_said("bundle.tags_unstamped"))
    if not data.checkpoint_stamped:
        notices.append(_said("bundle.checkpoint_unstamped", size=data.checkpoint.size))
    org_stated = data.org_proof.stated if data.org_proof is not None else None
    org_stamped = data.org_proof is not None and bool(data.org_proof.stamp_token)
    if org_stated is not None and not org_stamped:
        notices.append(_said("bundle.org_unstamped", size=org_stated.size))
    out_dir.mkdir(parents=True, exist_ok=True)
    kit_path = out_dir / f"bundle-{data.bundle_id}-kit.zip"
    written = disclosure.write_files(
        [*((out_dir / name, content) for name, content in volumes), (kit_path, kit_bytes)]
    )
    kit_sha256 = hashlib.sha256(kit_bytes).hexdigest()
    export = {
        "bundle_id": data.bundle_id,
        "case_no": scope.case_no,
        "scope": scope.as_json(),
        "contacts": sorted({e.contact.id for e in data.exhibits}),
        "exhibits": [
            {"id": e.id, "originals": [o.sha256 for o in e.originals]} for e in data.exhibits
        ],
        "messages_included": sum(len(e.messages) for e in data.exhibits),
        "messages_omitted": len(data.omissions),
        "evidence_manifest_sha256": manifest_sha256,
        "pdf": [
            {
                "file_name": name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "sm3": digests.sm3_hex(content),
                "size": len(content),
            }
            for name, content in volumes
        ],
        "pdf_signatures": signed.facts(),
        "pages": rendered.pages,
        "kit": {
            "file_name": kit_path.name,
            "sha256": kit_sha256,
            "sm3": digests.sm3_hex(kit_bytes),
            "size": len(kit_bytes),
        },
        "checkpoint": {"size": data.checkpoint.size, "root": data.checkpoint.root},
        "tag_manifest_token": None if tag_stamp is None else tag_stamp.tsa_name,
        # the lowest seq the PDF's custody table printed for this entry (verify checks
        # it took no earlier one: services/bundle_custody.py)
        "custody_seq": data.export_seq,
        "processing_record": record.id,
        # PI-6: masked by this detector, or printed in clear under the unmask
        "numbers": {
            "masked": unmask_seq is None,
            "detector": sensitive_numbers.DETECTOR_VERSION,
            "unmask_seq": unmask_seq,
        },
        # issue 21 item 5: what was redacted (the plan is in the kit)
        **_redaction_facts(data),
    }
    entry = disclosure.record(session, record, export, written, {"exhibits": len(data.exhibits)})
    _record_export(session, entry, kit_path)
    return ExportResult(
        bundle_id=data.bundle_id,
        pdf_paths=tuple(out_dir / name for name, _ in volumes),
        kit_path=kit_path,
        pages=rendered.pages,
        exhibits=len(data.exhibits),
        messages_included=sum(len(e.messages) for e in data.exhibits),
        messages_omitted=len(data.omissions),
        evidence_manifest_sha256=manifest_sha256,
        kit_sha256=kit_sha256,
        checkpoint_size=data.checkpoint.size,
        checkpoint_stamped=data.checkpoint_stamped,
        tag_manifest_stamped=tag_stamp is not None,
        ledger_seq=entry.seq,
        notices=tuple(notices),
        processing_record_id=record.id,
        org_checkpoint="" if org_stated is None else org_stated.named(),
        org_checkpoint_stamped=org_stamped,
    )


def _redaction_facts(data: BundleData) -> dict[str, Any]:
    """The export entry's ``redaction`` record: the manifest's (digest, counts, detectors,
    defaults), or only ``defaults: false`` when legal turned the defaults off and nothing was
    redacted; nothing for a bundle the defaults found nothing in."""
    facts = kit.manifest_redaction(data)
    if facts:
        return {"redaction": facts}
    return {} if data.redaction_defaults else {"redaction": {"defaults": False}}


def _record_export(session: Session, entry: ledger.Entry, kit_path: Path) -> None:
    """The export, with the head its own entry closed, as an event in this OS user's anchor
    (best effort: the bundle exists either way). The kit is a witness too: ``verify --anchor``."""
    anchoring.record_entry_event(session, "bundle", entry.seq, kit_path.resolve(), entry.at)


def list_exports(session: Session, case_no: str | None = None) -> list[dict[str, Any]]:
    """Earlier exports, from the ledger (an export is an entry, not a table row)."""
    session.require(Action.LOG_READ)
    out = []
    for r in session.conn.execute(
        "SELECT seq, at, actor, payload FROM ledger WHERE action = ? ORDER BY seq", (EXPORT_ACTION,)
    ):
        payload = json.loads(r["payload"])
        if case_no is None or payload.get("case_no") == case_no:
            out.append({"seq": r["seq"], "at": r["at"], "by": r["actor"], **payload})
    return out
