"""The records a bundle is rendered from, handed over by ``services/bundle.py``.

``bundle/`` never queries the store (architecture guidance): the service reads everything under
one snapshot, checks permissions and rules, and passes these frozen records in. That keeps the
PDF and the kit reproducible from the records alone (same records, same bytes) and lets tests
build bundles from hand-made records as well as from real stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evidence_desk.bundle.org_proof import OrgProof
from evidence_desk.domain.pipl import ProcessingRecord
from evidence_desk.domain.recording_description import RecordingDescription
from evidence_desk.domain.redaction import ImageRegion, Reason, RedactionPlan, Segment
from evidence_desk.integrity.ledger import Entry

BUNDLE_FORMAT = "evidence-desk/bundle/v1"


@dataclass(frozen=True, slots=True)
class Scope:
    """What the legal user asked for. Dates are inclusive calendar days in the bundle's zone."""

    case_no: str
    contact_ids: tuple[str, ...] = ()  # empty: every approved (or revoked) contact of the case
    date_from: str | None = None  # YYYY-MM-DD
    date_to: str | None = None
    tagged_only: bool = False
    language: str = "zh_CN"  # or "en"
    page_cap: int = 350
    max_volume_mb: int = 36  # e-bundle guidance: no volume bigger (pages and embedded files)
    # PDF/A-3 associated files: embed the originals even when account numbers are masked
    # (the originals hold them in clear: by default only an unmasked bundle embeds them)
    embed_originals: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "case_no": self.case_no,
            "contact_ids": list(self.contact_ids),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "tagged_only": self.tagged_only,
            "language": self.language,
            "page_cap": self.page_cap,
            "max_volume_mb": self.max_volume_mb,
            "embed_originals": self.embed_originals,
        }


@dataclass(frozen=True, slots=True)
class TimeStampRef:
    """The trusted time that covers a ledger entry (the first stamped checkpoint at or after it)."""

    tsa_name: str
    serial_number: str
    gen_time: str
    policy_oid: str
    hash_alg: str
    checkpoint_size: int


@dataclass(frozen=True, slots=True)
class OriginalFile:
    """One original exactly as imported; ``read`` returns its bytes (decrypted from the store)."""

    exhibit_id: str
    kit_path: str  # path inside the bag, e.g. data/originals/E2/chat.txt
    file_name: str
    role: str  # chat_export, export_member, screenshot, identity_proof, debt_confirmation...
    sha256: str
    sm3: str
    size: int
    added_at: str  # UTC, RFC 3339
    added_by: str
    importer: str  # format and parser version, or "document"
    device: str
    ledger_seq: int  # the entry that added this original to its contact (not the first to
    # mention the bytes: another contact may hold the same file, under its own entry)
    stamp: TimeStampRef | None
    read: Callable[[], bytes] = field(compare=False, repr=False)
    # the device whose ledger holds that entry, in an organisation's bundle when it is not the
    # exporting device ('' = the exporting device's own ledger, as in a standalone store)
    ledger_device: str = ""
    # redaction (issue 21 item 5): regions blacked out wherever the image is drawn (an identity
    # document's, a screenshot's), and whether the kit and the PDF leave the original out
    # because it holds what the bundle withholds (the manifest still lists its digests)
    regions: tuple[ImageRegion, ...] = ()
    withheld: bool = False

    @property
    def is_image(self) -> bool:
        return self.file_name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"))


@dataclass(frozen=True, slots=True)
class BundleMessage:
    rowid: int
    contact_id: str
    sent_at: str  # UTC ISO 8601
    time_text: str  # as the export wrote it
    sender: str
    direction: str  # in, out, system
    kind: str
    text: str
    commitment: str  # SHA-256(salt || content): the per-message digest the ledger commits to
    source: str  # file and line / record of the first export that holds it
    attachments: tuple[dict[str, Any], ...]
    flags: tuple[str, ...]
    native_id: str | None
    reply_to: str | None
    tags: tuple[str, ...] = ()
    note: str = ""  # why it is in the bundle when the scope alone would leave it out
    # the platform's id of the sender as the original holds it (wxid, phone number), printed
    # beside the display name, which is only a remark the phone's owner chose
    sender_id: str = ""
    # redaction (issue 21 item 5): when spans of the text are withheld, the printed text in
    # pieces (``text`` then holds only the unredacted pieces joined); when the whole message is
    # withheld, its reason (``text`` is empty and ``attachments`` are dropped)
    segments: tuple[Segment, ...] = ()
    withheld: Reason | None = None


@dataclass(frozen=True, slots=True)
class Omission:
    """A message inside the date range that the bundle leaves out, and why (EV-7)."""

    rowid: int
    contact_id: str
    sent_at: str
    sender: str
    commitment: str
    reason: str


@dataclass(frozen=True, slots=True)
class Screenshot:
    original: OriginalFile
    width: int
    height: int
    taken_at: str | None
    device: str
    regions: tuple[ImageRegion, ...] = ()  # blacked out wherever the image is drawn


@dataclass(frozen=True, slots=True)
class Recording:
    """An audio or video recording (an on-site visit, a call, a voice note), as its file states.

    The bundle describes it; the original itself travels in the kit, byte for byte, to be played
    with any media player and checked against its digests.
    """

    original: OriginalFile
    described: RecordingDescription  # as the import stored it


@dataclass(frozen=True, slots=True)
class TextStretch:
    """A stretch of a bubble's text beside its message's: the same in both, or differing."""

    same: bool
    screenshot: str
    export: str


@dataclass(frozen=True, slots=True)
class CheckedMessage:
    """An export message a bubble was checked against, or one the screenshot skips.

    ``text`` is None when the bundle does not print the message (the scope leaves it out):
    the screenshot section must not print what the transcripts leave out, so it names the
    message by its commitment only."""

    message_id: int
    local_time: str  # ISO 8601 in the export's zone
    side: str  # them, us
    commitment: str
    exhibit_id: str  # the conversation exhibit that prints it; '' when the bundle does not
    text: str | None


@dataclass(frozen=True, slots=True)
class CheckedBubble:
    """One bubble of a screenshot and its verdict against the export (issue 22)."""

    side: str  # them, us
    status: str  # matched, differs, not_in_export
    box: tuple[int, int, int, int]  # left, top, right, bottom in the original's pixels
    text: str  # as OCR read it
    reasons: tuple[str, ...]  # what differs: text, side, time
    message: CheckedMessage | None
    stretches: tuple[TextStretch, ...] = ()  # both texts stretch by stretch, when text differs


@dataclass(frozen=True, slots=True)
class ScreenshotFindings:
    """A screenshot of a conversation exhibit checked against its export; ``read`` is False
    while OCR has not read it (the bundle lists it as not read rather than leave it out)."""

    exhibit_id: str
    item_id: str
    original: OriginalFile
    read: bool
    bubbles: tuple[CheckedBubble, ...] = ()
    skipped: tuple[CheckedMessage, ...] = ()


@dataclass(frozen=True, slots=True)
class ContactRecord:
    id: str
    channel: str
    handle: str
    display_name: str
    relation: str
    initiated_by: str
    reason: str
    consent: str
    flags: tuple[str, ...]
    status: str
    requested_by: str
    requested_at: str
    decided_by: str | None
    decided_at: str | None
    decision_note: str | None
    revoked_by: str | None
    revoked_at: str | None
    revoke_note: str | None
    cosignature: dict[str, Any] | None  # the supervisor's cosignature of the request checkpoint


@dataclass(frozen=True, slots=True)
class Exhibit:
    """One entry of the evidence list: an identity, a conversation or a recordings exhibit."""

    id: str  # E1, E2...
    kind: str  # identity, conversation, recordings
    title: str
    contact: ContactRecord
    object_of_proof: str
    originals: tuple[OriginalFile, ...]
    messages: tuple[BundleMessage, ...] = ()
    screenshots: tuple[Screenshot, ...] = ()
    import_gaps: tuple[str, ...] = ()  # gaps in time between the exports of this conversation
    recordings: tuple[Recording, ...] = ()

    @property
    def digest_prefix(self) -> str:
        return self.originals[0].sha256[:12] if self.originals else ""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    size: int
    root: str
    at: str
    signer: str
    signature: str


@dataclass(frozen=True, slots=True)
class DeviceLedger:
    """Another device's part of an organisation's bundle: its entries about the case, as that
    device signed them, and what proves them (services/org_history.py holds them).

    No checkpoint table travels between devices: each entry is signed through the checkpoint
    it closed (integrity/ledger.py), so the newest held entry's signature *is* the device's
    signed checkpoint over its tree, and every slice entry is proven into it."""

    device: str  # the device's store id (its checkpoint notes are over it)
    label: str  # how the bundle names it: the organisation's name for it, else a short id
    user: str  # the user who joined it (its store.init or device.join)
    entries: tuple[Entry, ...]  # its slice: entries about the case and changes to users
    checkpoint: Checkpoint  # its newest held entry's checkpoint, every proof leads to it
    cosigned: tuple[Checkpoint, ...]  # its checkpoints that approvals cosigned
    leaf_hashes: tuple[bytes, ...] = field(repr=False)  # leaves 1..checkpoint.size


@dataclass(frozen=True, slots=True)
class OrgPlace:
    """One kit entry's place in the organisation's order (the hub's acceptance order)."""

    device: str
    seq: int
    org_seq: int | None  # None: an entry of the exporting device not pushed yet
    verdict: str  # '' accepted by the hub, else the rule it refused the entry with
    pre_org: bool = False  # in the history its store brought when it joined (issue 19)


@dataclass(frozen=True, slots=True)
class DeviceName:
    """How custody names a device: its label and the user who joined it."""

    label: str
    user: str


@dataclass(frozen=True, slots=True)
class TimeStampToken:
    """An RFC 3161 token over a checkpoint note, with what a verifier needs to check it."""

    checkpoint_size: int
    checkpoint_root: str
    tsa_name: str
    hash_alg: str
    gen_time: str
    serial_number: str
    policy_oid: str
    tsa_subject: str
    token_der: bytes
    chain_der: tuple[bytes, ...]  # signer first, as the store verified it
    roots_pem: str  # the roots the store trusts for this TSA


@dataclass(frozen=True, slots=True)
class AnnexRow:
    """A row of the tags and conduct-check annex (filled from review/conduct when present)."""

    section: str  # tags, conduct
    when: str
    subject: str  # coded Phrases where the services word them (conduct rows, "message 12"),
    detail: str  # said in the bundle's language by the PDF


@dataclass(frozen=True, slots=True)
class BundleData:
    bundle_id: str
    scope: Scope
    store_id: str
    app_version: str
    produced_at: str  # UTC, RFC 3339 (from the session clock)
    producer: str
    producer_role: str
    producer_key: str
    organisation: str
    timezone: str
    case: dict[str, str]
    exhibits: tuple[Exhibit, ...]
    omissions: tuple[Omission, ...]
    range_counts: dict[str, int]  # per message kind, in range (included + omitted)
    recalled: int
    time_gaps: tuple[str, ...]  # long silences inside the range, as text
    ledger: tuple[Entry, ...]  # the slice: entries the exhibits depend on, up to the checkpoint
    custody: tuple[Entry, ...]  # every entry that touched the exhibits (may pass the checkpoint)
    checkpoint: Checkpoint  # the checkpoint every proof leads to
    checkpoint_stamped: bool
    cosigned: tuple[Checkpoint, ...]  # checkpoints cosigned by approvals (older than the target)
    leaf_hashes: tuple[bytes, ...] = field(repr=False)  # leaves 1..checkpoint.size
    tokens: tuple[TimeStampToken, ...]  # tokens over the target checkpoint
    public_keys: dict[str, dict[str, Any]]  # user -> {public_key, role, introduced_seq}
    annex: tuple[AnnexRow, ...] = ()
    gap_flag_hours: int = 24
    # import id -> every message commitment of that export, in export order (their Merkle root
    # is in the signed import entry, so a verifier can tie printed message digests to it)
    commitment_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # PI-6: card and account numbers in transcripts and annex are masked (the originals hold them)
    numbers_masked: bool = True
    # the export's processing record / PIPIA (PIPL arts. 55-56), printed in the appendix and
    # carried in the kit (processing-record.json); None only for bundles built without one
    processing_record: ProcessingRecord | None = None
    # an organisation's bundle (issue 19): the other devices' ledgers, every kit entry's place
    # in the organisation's order, each custody entry's device (parallel to ``custody``) and
    # each device's name; all empty for a standalone store, whose kit is the one-ledger kit
    devices: tuple[DeviceLedger, ...] = ()
    org_order: tuple[OrgPlace, ...] = ()
    custody_devices: tuple[str, ...] = ()
    # parallel to ``custody``: the entry is its store's history from before it joined
    custody_pre_org: tuple[bool, ...] = ()
    device_names: dict[str, DeviceName] = field(default_factory=dict)
    # the seq the export's own ledger entry will take (services/bundle_custody.py): custody
    # ends with it, though it is written after the PDF; 0 for records built without a store
    export_seq: int = 0
    # each screenshot of the conversations checked against its export (issue 22), texts
    # masked as the transcripts are
    screenshot_checks: tuple[ScreenshotFindings, ...] = ()
    # the PAdES signature of the volumes (issue 21 item 1): the signer's certificate and chain
    # and the roots of the TSA that stamped them, PEM, for the kit's trust folder
    pdf_signer_chain_pem: str = ""
    pdf_tsa_roots_pem: str = ""
    # verifiable redaction (issue 21 item 5): the plan the bundle applied (None: nothing
    # redacted), whether the default detectors proposed part of it, and per chat import what
    # the kit discloses of each of its messages in the bundle (services/bundle_disclosure.py)
    redaction: RedactionPlan | None = None
    redaction_defaults: bool = True
    disclosures: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    # exhibits bigger than a volume may be (Scope.max_volume_mb): each starts a volume of its
    # own and the next exhibit or section starts another (bundle/pdfa.py decides, pdf.py lays
    # out); drawing facts, not evidence: the manifest does not carry them
    own_volumes: tuple[str, ...] = ()
    # the organisation checkpoint covering the kit's entries (issue 20; bundle/org_proof.py)
    org_proof: OrgProof | None = None

    @property
    def is_org(self) -> bool:
        return bool(self.org_order)

    @property
    def originals(self) -> tuple[OriginalFile, ...]:
        seen: set[str] = set()
        out: list[OriginalFile] = []
        for exhibit in self.exhibits:
            for original in exhibit.originals:
                if original.kit_path not in seen:
                    seen.add(original.kit_path)
                    out.append(original)
        return tuple(out)
