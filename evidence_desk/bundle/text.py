"""The bundle's wording, kept apart from the layout code: one wording catalogue.

Whole sentences with named placeholders, never concatenated fragments, so each language keeps
its own word order. The English is here (codes ``bundle_text.*``); the Chinese, the default language
of a bundle, is each code's entry in the translations' .ts like every other catalogue's, read
without Qt by :mod:`evidence_desk.translations`. ``t(lang, key, **values)`` words one key;
:func:`method`, :func:`mapping` and :func:`declaration` the method statement's paragraphs, its
table of legal requirements and the declaration. A key without a translation comes out in
English.
"""

from __future__ import annotations

from collections.abc import Callable

from evidence_desk import translations
from evidence_desk.domain import pipl
from evidence_desk.domain.pipl import ProcessingRecord
from evidence_desk.domain.wording import Catalogue, semicolon_list

EN: dict[str, str] = {
    "title": "Electronic evidence bundle",
    "cover": "Cover",
    "case_no": "Case number",
    "parties": "Parties",
    "creditor": "Producing organisation (creditor)",
    "debtor": "Debtor",
    "counterparties": "Chat counterparties",
    "producer": "Produced by",
    "produced_at": "Produced at",
    "bundle_id": "Bundle id",
    "kit_digest": "Kit evidence manifest digest (evidence-manifest.json)",
    "checkpoint": "Ledger checkpoint",
    "checkpoint_value": "size {size}, root {root}",
    "unstamped": "This checkpoint has no trusted time-stamp yet: its time is the local clock only.",
    "scope": "Scope",
    "scope_value": "dates {date_from} to {date_to} ({zone}); {which}",
    "scope_all": "all messages in range",
    "scope_tagged": "tagged messages only (the others are listed in the completeness statement)",
    "any": "open",
    "volumes": "Volumes",
    "qr_note": "QR code: bundle id and kit manifest digest",
    "list": "Evidence list",
    "col_no": "No.",
    "col_name": "Name",
    "col_source": "Source",
    "col_object": "Object of proof",
    "col_pages": "Pages",
    "col_digest": "SHA-256 prefix",
    "form_note": "Form: electronic data. The originals are in the kit's data/originals/ and carry "
    "the digests listed here.",
    "submission": "Submitted on {date}    Signature or seal of the submitting party: "
    "________________",
    "method": "Method statement and declaration",
    "integrity": "Integrity certificate",
    "identity_section": "Identity exhibits and contact approval records",
    "conversations": "Conversations",
    "completeness": "Completeness and gap statement",
    "annex": "Tags and conduct-check annex",
    "custody": "Chain of custody",
    "appendix": "Verification appendix",
    "exhibit_identity": "Identity and approval record: {name} ({channel} {handle})",
    "exhibit_conversation": "Conversation: {name} ({channel} {handle})",
    "exhibit_recordings": "Recordings: {name} ({channel} {handle})",
    "recordings": "Recordings",
    "object_recordings": "What the parties said and how collection was conducted in the "
    "recorded visits and calls",
    "recording_media": "Type",
    "recording_audio": "audio recording",
    "recording_video": "video recording",
    "recording_duration": "Duration",
    "recording_recorded": "Recorded (as the file states)",
    "recording_codecs": "Codecs",
    "recording_unknown": "not stated in the file",
    "recording_original": "Original",
    "recording_size": "Size",
    "recording_note": "The original travels unchanged in the kit at {path}; it plays in any "
    "media player and can be checked against the digests above.",
    "object_identity": "Identity of the counterparty and its link to the loan contract party; "
    "supervisor approval before the contact was used",
    "object_conversation": "What the parties said, including promises to pay, "
    "acknowledgements of the debt and other statements",
    "source_value": "imported by {who} ({importer})",
    "size_bytes": "{size} {size:byte|bytes}",
    "imported": "Imported",
    "importer": "Importer",
    "parser": "Parser",
    "device": "Device",
    "ledger_ref": "Ledger entry {seq} (leaf index {leaf}), checkpoint {size}",
    "tsa_ref": "Trusted time: {tsa}, serial {serial}, genTime {gen_time}, policy {policy}, {alg}",
    "tsa_gap": "Gap from import to the first trusted time-stamp: {gap}",
    "tsa_gap_flag": " (over {hours} hours: flagged)",
    "no_tsa": "Trusted time: none yet (the checkpoint is signed locally only)",
    "request": "Request",
    "request_value": "requested by {who} at {at}; initiated by: {initiated}; relation: {relation}",
    "reason": "Reason",
    "consent": "Consent on record",
    "documents": "Documents",
    "decision": "Decision",
    "decision_value": "{status}: {who} at {at}; note: {note}",
    "cosign": "Supervisor's cosignature of the request checkpoint: size {size}, signature {sig}",
    "revoked_value": "Revoked by {who} at {at}; reason: {note}",
    "flags": "Flags",
    "messages_count": "{n} {n:message|messages}",
    "screenshots": "Screenshots",
    "screenshot_caption": "{name}, {w}×{h} px, taken {taken}, device {device}",
    "document_page": "{document}, page {page} of {pages} (rendered from the original)",
    "document_more": "Pages {first} to {pages} are not printed; the original in the kit holds "
    "them all.",
    "taken_exif": "{when} (EXIF DateTimeOriginal)",
    "taken_unknown": "not stated (the file has no EXIF DateTimeOriginal)",
    "header_screenshot": "Screenshot {name} · SHA-256 {sha256} · taken {taken}",
    "quoted_note": " (included because it is quoted)",
    "attachment": "Attachment",
    "range": "Date range",
    "counts": "Messages in range by kind",
    "included": "{n} included",
    "omitted": "{n} left out (each listed below)",
    "recalled": "{n} recalled messages",
    "gaps": "Silences longer than 7 days",
    "import_gaps": "Gaps in time between exports",
    "none": "none",
    "omitted_list": "Messages left out",
    "cannot_carry": "What the export format cannot carry: messages deleted before the export, "
    "media not saved with the export (marked omitted or missing), the text of recalled messages.",
    "numbers_masked": "Bank-card and account numbers in the transcripts and the annex are masked "
    "(first and last four digits shown, as 6222 **** **** 1234) to protect financial account "
    "information (PIPL art. 28). Message digests and commitments are those of the stored "
    "messages: the originals in the kit's data/originals/ hold the numbers in full.",
    "numbers_unmasked": "Bank-card and account numbers are printed in full: the legal team "
    "decided so with a reason, recorded as ledger entry {seq} (see the chain of custody).",
    "withheld_message": "Message withheld · {reason}",
    "redactions": "Redactions",
    "redaction_counts": "This bundle withholds {spans} {spans:passage|passages} of message text, "
    "{messages} whole {messages:message|messages} and {regions} {regions:region|regions} of "
    "images. Each is printed as a black box with its reason "
    "code; the width of a box never shows the length of what it withholds.",
    "redaction_kit": "The originals that hold redacted content are withheld from the kit. The kit "
    "carries, in ledger/disclosed/, each printed message's salted commitment with the inclusion "
    "proof that ties it to the signed ledger checkpoint, and, for each redacted message, its "
    "commitment only: a court later shown the original can check it against that commitment. "
    "The stored originals are not changed by a redaction.",
    "annex_none": "No tags or conduct-check records in this bundle's scope.",
    "custody_intro": "Generated from the tamper-evident ledger, never typed by hand. Each entry "
    "names who, when, what, and the hash of the entry before it.",
    "custody_org_stamped": "The organisation hub's checkpoint {size} covers these entries; an "
    "RFC 3161 TSA time-stamped it at {gen_time} (see the appendix).",
    "custody_org_unstamped": "The organisation hub's checkpoint {size} covers these entries, but "
    "the hub had not yet time-stamped it when this bundle was made: it proves which entries the "
    "organisation held and in which order, not when. A bundle made again once the hub has "
    "stamped it carries the dated checkpoint.",
    "custody_org_intro": "This bundle combines the ledgers of {count} {count:device|devices} of "
    "the organisation. Each entry names the device whose ledger holds it (its short id and the "
    "user who joined it) and the user who signed it; entries are in the organisation's order, and "
    "Seq is the entry's number in its own device's ledger.",
    "custody_export": "bundle_id={bundle_id}: this export. Its entry is written to the ledger "
    "after this PDF, with the digests of the PDF and the kit, so its hashes cannot be printed "
    "here; it takes this seq, or a later one if other entries (a sync, another window) were "
    "written meanwhile, which are not in this bundle. The kit's evidence-manifest.json names "
    "the same seq, and verify checks the entry is not before it.",
    "col_device": "Device",
    "device_user": "joined by {user}",
    "device_pre_org": "before joining the organisation",
    "device_exporting": "the exporting device",
    "col_kind": "Kind",
    "col_subject": "Subject",
    "col_seq": "Seq",
    "col_time": "Time (UTC / local)",
    "col_actor": "Actor",
    "col_action": "Action",
    "col_detail": "Detail",
    "col_prev": "Prev hash",
    "header_bundle": "Bundle {id}",
    "header_page": "Page {label} · volume {vol} of {vol_pages} {vol_pages:page|pages} · bundle "
    "page {page}/{total}",
    "header_exhibit": "Exhibit {id} · SHA-256 {digest}",
    "header_source": "Source {source} · imported {utc} UTC ({local}) · operator {who}",
    "declaration_title": "Declaration",
    "signature_line": "Declarant: {name} ({role}) · public key {pubkey}",
    "signature_value": "Ed25519 signature (of the evidence manifest digest): {sig}",
    "signed_at": "Signed at: {at}",
    "name_separator": ", ",  # between the counterparties' names on the cover
    "continued": " (continued)",  # a volume's bookmark of a section begun in the one before
    # the processing record / PIPIA of this export (PIPL arts. 55-56), in the appendix
    "processing": "Processing record and personal information impact assessment",
    "processing_intro": "Written by the system when this bundle was exported (PIPL arts. 55 and "
    "56), in the same transaction as the export's ledger entry, and kept until {retain_until} "
    "at least. The kit carries it as processing-record.json; verify-bundle checks it.",
    "pr_id": "Record",
    "pr_recipient": "Recipient",
    "pr_recipient_value": "{name} ({kind})",
    "pr_purpose": "Purpose of the provision",
    "pr_basis": "Legal basis (PIPL art. 13)",
    "pr_basis_note": "Basis, as stated",
    "pr_categories": "Personal information provided",
    "pr_sensitive": "Of which sensitive personal information (PIPL art. 28)",
    "pr_risk": "Assessed risk to the individuals",
    "pr_measures": "Protection measures",
    "pr_recorded": "Recorded",
    "pr_recorded_value": "{who}, {at}",
    "pr_retain": "Kept until",
    "pr_bundle": "Bundle and its evidence manifest (SHA-256)",
    # a party on the cover: its part in the case and its name
    "party": "{party}: {name}",
    "tsa_tool": "TSA {tsa}: {subject} · policy {policy}",
    "summary_messages": "{n} {n:msg|msgs}",
    # the verification appendix: the formulas a verifier recomputes, the checkpoint, the tokens
    "formula_1": 'SHA-256: FIPS 180-4. SM3: GB/T 32905-2016, SM3("abc") = 66c7f0f4 62eeedd9 '
    "d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0.",
    "formula_2": "RFC 9162: leaf = SHA-256(0x00 || entry_hash), node = SHA-256(0x01 || left || "
    "right).",
    "formula_3": "entry_hash = SHA-256(canonical [seq, at, actor, action, payload_hash, "
    "prev_hash]).",
    "formula_4": 'checkpoint signature = Ed25519("evidence-desk/checkpoint/v1\\n" || checkpoint '
    "text); the entry at seq n carries the signature of checkpoint n, whose root covers it.",
    "appendix_checkpoint": "Checkpoint",
    "appendix_device_checkpoint": "Checkpoint · {device} ({user})",
    "signed_by": "signed by {signer}: {sig}",
    "appendix_token": "RFC 3161 · {tsa} · serial {serial} · {gen_time}",
    "public_keys": "Public keys",
    "org_checkpoint": "Organisation checkpoint",
    "org_checkpoint_value": "Hub {hub_id}: size {size}, root {root}",
    "org_stamp_time": "Time-stamped at {gen_time} by the RFC 3161 TSA {tsa}; the kit carries "
    "the token and VERIFY.txt gives the command that checks it against the TSA's published "
    "root.",
    "org_unstamped": "The hub had not yet time-stamped this organisation checkpoint when the "
    "bundle was made: it proves which entries the organisation held and in which order, not "
    "when.",
    "org_witnesses": "Cosigned by the witnesses: {names}.",
    "org_no_witnesses": "No witness cosigned this organisation checkpoint.",
    "org_uncovered": "{count} {count:entry|entries} of this bundle {count:is|are} not yet covered "
    "by an organisation checkpoint.",
    "org_not_covered": "This bundle's entries are not yet covered by an organisation checkpoint.",
    # the screenshots checked against the export (issue 22, bundle/pdf_screenshots.py)
    "screenshot_check": "Screenshots checked against the export",
    "sc_intro": "Each screenshot of the conversations was read by offline OCR and each message "
    "bubble in it checked against the export of the same conversation: matched (the same "
    "text and side, at a time the screenshot allows), differs (the closest export message "
    "differs; the differing characters are marked in red and underlined) or not in the "
    "export. Export messages between the first and last message a screenshot shows that it "
    "does not show are listed under it. The OCR reading is derived data, sealed and ledgered "
    "with the screenshot; the screenshot itself is in the kit unchanged, and "
    "screenshots/crosscheck.json holds these findings.",
    "sc_heading": "{exhibit} · screenshot {name}",
    "sc_item": "Item {item} · SHA-256 {sha256}",
    "sc_summary": "{matched} matched, {differs} differing, {missing} not in the export; "
    "{skipped} export messages skipped",
    "sc_not_read": "Not read: this screenshot has no OCR result yet, so it was not checked "
    "against the export.",
    "sc_no_bubbles": "OCR found no message bubble in this screenshot.",
    "sc_col_region": "Region of the screenshot",
    "sc_col_verdict": "Side and status",
    "sc_col_text": "Screenshot text (OCR) and export text",
    "sc_col_message": "Export message",
    "sc_side_them": "them",
    "sc_side_us": "us",
    "sc_status_matched": "matched",
    "sc_status_differs": "differs",
    "sc_status_not_in_export": "not in the export",
    "sc_reason_text": "text",
    "sc_reason_side": "side",
    "sc_reason_time": "time",
    "sc_reasons": "differs in: {reasons}",
    "sc_ocr_text": "Screenshot: {text}",
    "sc_export_text": "Export: {text}",
    "sc_export_unprinted": "Export: not printed in this bundle (outside its scope)",
    "sc_message": "{exhibit} · {time} · message #{commitment}",
    "sc_message_unprinted": "outside this bundle's scope · {time} · message #{commitment}",
    "sc_skipped": "Export messages inside the screenshot's window that it does not show",
    "sc_skipped_row": "{side}: {reference}",
}

_METHOD: list[str] = [
    "1. Collection: after a supervisor approved the contact, field staff imported the chat "
    "app's export files (or screenshots). SHA-256 and SM3 of the original bytes are computed "
    "before any parsing; originals are kept byte for byte, encrypted with AES-256-GCM.",
    "2. Every import, approval, tag and export is a ledger entry: canonical JSON (RFC 8785) "
    "hashed with SHA-256, linked to the previous entry's hash, signed with the actor's "
    "Ed25519 key.",
    "3. The entries are leaves of an RFC 9162 Merkle tree; each checkpoint (size and root) is "
    "signed and sent to an RFC 3161 time-stamp authority.",
    "4. Each message has a salted commitment H(salt || content) whose Merkle root is in the "
    "import entry; this bundle prints each message's commitment prefix.",
    "5. Parsing is reproducible: re-parsing a stored original gives byte-identical normalised "
    "output (checked by the store's verify).",
    "6. Limitations: the system cannot prove that nothing was deleted on the phone before the "
    "export; media missing from an export cannot be recovered; the local clock is not "
    "trusted time, only a TSA's genTime is.",
]

_DECLARATION = (
    "I, {name}, declare that this bundle was generated by Evidence Desk {version} from the "
    "evidence store by the method above; every original's digests were computed by the system "
    "at import and recorded in the ledger; I have reviewed the store's verification result, and "
    "to the best of my knowledge and belief the contents are true and complete. This declaration "
    "also serves as a certification under FRE 902(13)/(14); notice date under FRE 902(11): "
    "{date}."
)

_MAPPING: list[tuple[str, str]] = [
    ("EvP 93(1) system environment", "method 1-3; appendix: tools and versions"),
    ("EvP 93(2) system state", "ledger verification; checkpoint signatures and tokens"),
    ("EvP 93(3) error-prevention means", "hash before parse, reproducible parse, verify"),
    ("EvP 93(4) complete storage and transfer", "integrity certificate; kit manifests"),
    ("EvP 93(6) formed in normal business", "contact approval record; chain of custody"),
    ("IC 11(5) additions, deletions, changes", "completeness statement; Merkle proofs"),
    ("IC 11(6) verifiable", "verification appendix; verify-bundle"),
]


_said = Catalogue(
    {f"bundle_text.{key}": text for key, text in EN.items()}
    | {f"bundle_text.method_{n}": text for n, text in enumerate(_METHOD, 1)}
    | {f"bundle_text.mapping_{n}_rule": rule for n, (rule, _proof) in enumerate(_MAPPING, 1)}
    | {f"bundle_text.mapping_{n}_proof": proof for n, (_rule, proof) in enumerate(_MAPPING, 1)}
    | {"bundle_text.declaration": _DECLARATION}
)


def _say(lang: str, code: str, **values: object) -> str:
    return translations.say(_said(code, **values), lang)


def t(lang: str, key: str, **values: object) -> str:
    """One piece of the bundle's wording (``key`` of :data:`EN`) in ``lang``."""
    return _say(lang, f"bundle_text.{key}", **values)


def method(lang: str) -> list[str]:
    """The method statement's numbered paragraphs."""
    return [_say(lang, f"bundle_text.method_{n}") for n in range(1, len(_METHOD) + 1)]


def mapping(lang: str) -> list[tuple[str, str]]:
    """Each legal requirement and where the bundle meets it."""
    return [
        (_say(lang, f"bundle_text.mapping_{n}_rule"), _say(lang, f"bundle_text.mapping_{n}_proof"))
        for n in range(1, len(_MAPPING) + 1)
    ]


def declaration(lang: str, *, name: str, version: str, date: str) -> str:
    """The producer's declaration (also an FRE 902(13)/(14) certification)."""
    return _say(lang, "bundle_text.declaration", name=name, version=version, date=date)


def processing_rows(
    lang: str, record: ProcessingRecord, when: Callable[[str], str] = str
) -> list[tuple[str, str]]:
    """The processing record as (label, value) rows, its codes worded in ``lang``; ``when``
    prints its moments (the PDF's one form for a time, UTC with the local time)."""

    def labels(kind: str, codes: tuple[str, ...]) -> str:
        if not codes:
            return t(lang, "none")
        return t(lang, "name_separator").join(
            translations.say(pipl.label(kind, code), lang) for code in codes
        )

    rows = [
        (t(lang, "pr_id"), record.id),
        (
            t(lang, "pr_recipient"),
            t(
                lang,
                "pr_recipient_value",
                name=record.recipient_name,
                kind=translations.say(pipl.label("recipient", record.recipient_kind), lang),
            ),
        ),
        (t(lang, "pr_purpose"), record.purpose),
        (t(lang, "pr_basis"), translations.say(pipl.label("basis", record.legal_basis), lang)),
    ]
    if record.basis_note:
        rows.append((t(lang, "pr_basis_note"), record.basis_note))
    rows += [
        (t(lang, "pr_categories"), labels("category", record.data_categories)),
        (t(lang, "pr_sensitive"), labels("category", record.sensitive_categories)),
        (t(lang, "pr_risk"), translations.say(pipl.label("risk", record.risk_level), lang)),
        # the measures are clauses: one list, said with the language's own semicolons
        (
            t(lang, "pr_measures"),
            translations.say(
                semicolon_list([pipl.label("measure", code) for code in record.measures]), lang
            ),
        ),
        (
            t(lang, "pr_recorded"),
            t(lang, "pr_recorded_value", who=record.recorded_by, at=when(record.recorded_at)),
        ),
        (t(lang, "pr_retain"), when(record.retain_until)),
        (t(lang, "pr_bundle"), f"{record.bundle_id} · {record.evidence_manifest_sha256}"),
    ]
    return rows
