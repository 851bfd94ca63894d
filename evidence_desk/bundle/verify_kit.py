"""``verify-bundle``: check a verification kit with no store and no password (EV-14).

Everything is re-derived from the kit itself: payload digests (SHA-256, SHA-512, SM3), the tag
manifest and its signature and token, every ledger entry's hashes and signature, each entry's
RFC 9162 inclusion proof to the checkpoint, the checkpoint's signature and RFC 3161 tokens, the
approvals' cosignatures (with consistency proofs), the per-message commitment roots, and that the
PDF prints the digests the kit holds. Every finding names the file it is about, so one changed
byte anywhere is located, and each exhibit gets a verdict.

Internal integrity is not trust: a kit exported from a made-up store checks just as well. So the
report also says whom the kit asks us to trust and whether we do (``bundle/trust.py``): the TSA
root each token chains to, from outside the kit or only inside it, and every signer's key
fingerprint, pinned by the organisation or not. The outcome is INTACT, INTACT BUT UNTRUSTED or
PROBLEMS FOUND.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from evidence_desk.bundle import (
    kit,
    kit_redaction,
    kit_screenshots,
    org_proof,
    pdf_signatures,
    trust,
)
from evidence_desk.domain import authority, pipl, pre_org
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.policy import PERMISSIONS, Action
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import digests, ledger, merkle, signing, tsa

# Every finding's message and each exhibit's verdict are worded here (codes kit.*): the English is
# what verify-bundle prints and its JSON holds; the GUI's verify panel says them in Chinese too.
_said = Catalogue(
    {
        # reading the kit
        "kit.no_kit": "no single verification kit (zip or bag folder) here",
        "kit.bad_zip": "not a readable kit zip: {error}",
        "kit.missing": "file missing from the kit",
        "kit.org_statement": "not the statement or token {file} carries",
        "kit.not_utf8": "not UTF-8 text",
        "kit.not_json": "not valid JSON: {error}",
        # the bag and its manifests
        "kit.no_bagit_version": "no BagIt-Version",
        "kit.payload_missing": "listed in {manifest} but not in the kit",
        "kit.payload_changed": "{algorithm} differs from {manifest}: changed",
        "kit.payload_unlisted": "payload file not listed in {manifest}",
        "kit.tag_missing": "listed in {manifest} but missing",
        "kit.tag_changed": "SHA-256 differs from {manifest}: changed",
        "kit.tag_unlisted": "tag file not covered by {manifest}",
        # the ledger slice
        "kit.entry_unreadable": "line {line}: {error}",
        "kit.entry_payload": "line {line} (seq {seq}): payload hash",
        "kit.entry_hash": "line {line} (seq {seq})",
        "kit.entry_link": "seq {seq} does not follow {previous}",
        "kit.entry_signature": "seq {seq}: not signed by {actor}",
        "kit.key_mismatch": "{user}'s key is not the one the ledger slice introduced",
        "kit.entry_rule": "seq {seq}: {action} by {actor} breaks rule {rule}: {reason}",
        "kit.role_mismatch": "{user}'s role or active flag is not what the ledger slice gives",
        # an organisation's bundle: the devices' ledgers and the organisation's order
        "kit.where_device": "device {device} seq {seq}: {finding}",
        "kit.org_unreadable": "not a device and seq: {item}",
        "kit.org_refused_valid": "refused by the hub ({verdict}), yet it keeps the rules",
        "kit.org_not_listed": "device {device} seq {seq} is in the kit but not in "
        "the organisation's order",
        "kit.org_missing": "device {device} seq {seq} is in the organisation's order but not "
        "in the kit",
        "kit.org_twice": "device {device} seq {seq} is listed twice",
        "kit.org_device_order": "device {device} seq {seq} is placed before an earlier entry "
        "of its device",
        "kit.org_unknown_device": "device {device} is not one of the kit's devices",
        "kit.org_device": "the checkpoint is of device {named}, but this is device {device}'s "
        "folder",
        "kit.org_exporter": "the organisation's order names {named} as the exporting device, "
        "but the kit's own ledger is {device}'s",
        # the checkpoint, the proofs and the approvals' cosignatures
        "kit.no_target": "no target size and root",
        "kit.note_mismatch": "does not match the checkpoint",
        "kit.checkpoint_signature": "not signed by {signer}",
        "kit.signed_checkpoint": "the checkpoint entry {seq} was signed over is not a prefix of "
        "checkpoint {size}",
        "kit.inclusion": "entry {seq} is not proven in checkpoint {size}",
        "kit.consistency": "checkpoint {cosigned} is not a prefix of {size}",
        "kit.cosignature": "seq {seq}: the approval's cosignature does not verify",
        "kit.unstamped": "checkpoint {size} carries no RFC 3161 token: its time is the "
        "producer's clock",
        # time-stamp tokens and their certificates
        "kit.certificates_missing": "missing",
        "kit.not_pem": "not PEM: {error}",
        "kit.token_unreadable": "unreadable: {error}",
        # the tag manifest's signature
        "kit.tag_signature": "the tag manifest is not signed by {signer}",
        "kit.tag_signature_nobody": "the tag manifest is not signed by anyone",
        "kit.signed_missing": "signed but missing",
        "kit.not_covered": "not covered by {file}",
        "kit.signed_changed": "SHA-256 differs from {file}",
        "kit.tag_unstamped": "the tag manifest carries no RFC 3161 token (no TSA answered at "
        "export)",
        # the exhibits
        "kit.original_missing": "original missing",
        "kit.original_changed": "differs from the digests in evidence-manifest.json",
        "kit.original_unrecorded": "not recorded by ledger entry {seq} of the slice",
        "kit.commitments": "does not match the signed import entry's root",
        # the PDF
        "kit.declaration": "the declaration is not {signer}'s signature of the evidence manifest",
        "kit.no_declaration": "no signed declaration recorded",
        "kit.pdf_missing": "PDF volume missing",
        "kit.pdf_unreadable": "cannot read: {error}",
        "kit.cover_digest": "the cover does not print the SHA-256 of evidence-manifest.json",
        "kit.pdf_digest": "its SHA-256 is not printed in the bundle's integrity certificate",
        # the PAdES signatures and the volumes filed beside the kit (issue 21 item 1)
        "kit.pdf_filed_differs": "the filed PDF differs from the kit's copy: SHA-256 {sha256}, "
        "the kit lists {listed}",
        "kit.pdf_filed_unlisted": "a PDF of this bundle that the kit does not list",
        "kit.pdf_unsigned_before": "carries no PAdES signature (exported by a release before "
        "signed PDFs)",
        # the processing record / PIPIA (PIPL arts. 55-56)
        "kit.export_entry": "the custody table's export entry (seq {seq}, {actor}, {action}) is "
        "not one this kit's export can write: it must be bundle.export by the kit's signer, "
        "after every entry the kit holds",
        "kit.no_processing_record": "no processing record: the bundle was exported by a release "
        "that did not write one",
        "kit.processing_invalid": "the processing record is not valid: {problem}",
        "kit.processing_other": "the processing record is of {field} {value}, not this bundle's "
        "{expected}",
        "kit.processing_signer": "the processing record was written by {user}, who did not sign "
        "this kit or may not export bundles",
        # each exhibit's verdict
        "kit.verdict_ok": "OK",
        "kit.verdict_failed": "FAILED: {files}",
    }
)


@dataclass(frozen=True, slots=True)
class KitFinding:
    code: str
    file: str
    message: str
    severity: str = "error"
    exhibit: str | None = None
    # an organisation's bundle: the device and seq of the entry a finding is about
    device: str | None = None
    seq: int | None = None

    def as_json(self) -> dict[str, str | int | None]:
        out: dict[str, str | int | None] = {
            "code": self.code,
            "file": self.file,
            "message": self.message,
            "severity": self.severity,
            "exhibit": self.exhibit,
        }
        if self.device is not None:
            out.update(device=self.device, seq=self.seq)
        return out


@dataclass(frozen=True, slots=True)
class _KitLedger:
    """One device's ledger in the kit: the exporting device's where a standalone kit has it
    (``folder`` ''), another device's under ``ledger/devices/<device>/``."""

    device: str  # the store id its checkpoint notes are over
    folder: str
    entries: dict[int, ledger.Entry]

    @property
    def foreign(self) -> bool:
        return bool(self.folder)

    def file(self, name: str) -> str:
        return f"{self.folder or 'ledger/'}{name}"

    def proof(self, seq: int) -> str:
        return f"{self.folder}proofs/entry-{seq}.json"


@dataclass(frozen=True, slots=True)
class _Place:
    device: str
    seq: int
    verdict: str
    pre_org: bool = False  # its store's history from before it joined (domain/pre_org.py)


@dataclass
class KitReport:
    source: str
    findings: list[KitFinding] = field(default_factory=list)
    exhibits: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    bundle_id: str = ""
    # tokens that verified against the kit's own roots, for the trust assessment
    stamps: list[trust.CheckedToken] = field(default_factory=list, repr=False)
    trust: trust.TrustReport | None = None

    @property
    def errors(self) -> list[KitFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def intact(self) -> bool:
        """Internally consistent: nothing in the kit was changed, added or removed."""
        return not self.errors

    @property
    def trusted(self) -> bool:
        """Every token chains to a root from outside the kit and every signer is pinned."""
        return self.trust is not None and self.trust.trusted

    @property
    def outcome(self) -> str:
        """``intact``, ``untrusted`` (intact, but trust is missing) or ``problems``."""
        if not self.intact:
            return "problems"
        return "intact" if self.trusted else "untrusted"

    def verdicts(self) -> list[tuple[str, str, str]]:
        """(exhibit id, title, OK | FAILED: files), the verdict a coded Phrase. Kit-wide errors
        fail every exhibit."""
        general = [f for f in self.errors if f.exhibit is None]
        out: list[tuple[str, str, str]] = []
        for exhibit_id, title in self.exhibits:
            own = [f for f in self.errors if f.exhibit == exhibit_id]
            problems = own + general
            if problems:
                names = sorted({f.file for f in problems})
                out.append((exhibit_id, title, _said("kit.verdict_failed", files=", ".join(names))))
            else:
                out.append((exhibit_id, title, _said("kit.verdict_ok")))
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "bundle_id": self.bundle_id,
            "outcome": self.outcome,
            "intact": self.intact,
            "trusted": self.trusted,
            "exhibits": [{"id": i, "title": t, "verdict": v} for i, t, v in self.verdicts()],
            "findings": [f.as_json() for f in self.findings],
            "trust": self.trust.as_json() if self.trust is not None else None,
        }


# -- reading the kit ----------------------------------------------------------------------------


def _load(path: Path) -> tuple[dict[str, bytes], str]:
    """All files of the bag, keyed by their path relative to the folder holding bagit.txt."""
    if path.is_dir():
        # a bag with bagit.txt removed is still this bag (and reported as incomplete)
        markers = ("bagit.txt", "manifest-sha256.txt", kit.TAGMANIFEST, "data")
        bags = [path] if any((path / m).exists() for m in markers) else []
        if not bags:
            zips = sorted(path.glob("*.zip"))
            if len(zips) == 1:
                return _load(zips[0])
            bags = [p.parent for p in path.glob("*/bagit.txt")]
        if len(bags) != 1:
            raise BadInput(str(path), "", _said("kit.no_kit"))
        root = bags[0]
        files = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }
        return files, str(root)
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            tops = {n.split("/", 1)[0] for n in names}
            prefix = (
                f"{next(iter(tops))}/" if len(tops) == 1 and all("/" in n for n in names) else ""
            )
            return {n[len(prefix) :]: zf.read(n) for n in names}, str(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BadInput(str(path), "", _said("kit.bad_zip", error=error)) from None


def kit_files(path: Path, *names: str) -> dict[str, bytes]:
    """The kit's files ``names`` that it holds (a zip, an unzipped kit or an export folder):
    for a reader of one part of it (services/org_gossip.py meets its org checkpoint)."""
    files, _source = _load(path)
    return {name: files[name] for name in names if name in files}


def _text(files: dict[str, bytes], name: str, report: KitReport) -> str | None:
    content = files.get(name)
    if content is None:
        report.findings.append(KitFinding("kit.missing", name, _said("kit.missing")))
        return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        report.findings.append(KitFinding("kit.encoding", name, _said("kit.not_utf8")))
        return None


def _json(files: dict[str, bytes], name: str, report: KitReport) -> Any:
    text = _text(files, name, report)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as error:
        report.findings.append(KitFinding("kit.json", name, _said("kit.not_json", error=error)))
        return None


def _manifest(text: str) -> Iterator[tuple[str, str]]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, _, path = line.partition(" ")
            yield path.strip().lstrip("*"), digest.strip().lower()


# -- the checks ---------------------------------------------------------------------------------


def verify_kit(path: Path, anchors: trust.TrustAnchors | None = None) -> KitReport:
    """Check the kit at ``path`` and judge it against ``anchors`` (default: the app's trust
    list and the user's pinned folder, ``TrustAnchors.load()``)."""
    files, source = _load(path)
    report = KitReport(source)
    _check_bag(files, report)
    manifest = _json(files, kit.EVIDENCE_MANIFEST, report)
    if isinstance(manifest, dict):
        report.bundle_id = str(manifest.get("bundle_id", ""))
        report.exhibits = [
            (str(e.get("id")), str(e.get("title"))) for e in manifest.get("exhibits", [])
        ]
    keys = _keys(files, report)
    ledgers, order = _ledgers(files, report)
    entries = ledgers[0].entries
    _check_rules(files, report, ledgers, order, keys)
    cosigned = {kl.device: _check_checkpoint(files, report, keys, kl) for kl in ledgers}
    _check_cosignatures(report, keys, ledgers, cosigned)
    _check_org_proof(files, report, keys, ledgers, order)
    _check_tag_signature(files, report, keys)
    if isinstance(manifest, dict):
        _check_exhibits(files, report, manifest, ledgers)
        _check_pdf(files, report, manifest, keys)
        _check_pdf_signatures(files, report, _filed_folder(path, files))
        _check_processing_record(files, report, manifest)
        _check_export_entry(files, report, manifest, ledgers[0])
        _check_screenshots(files, report, manifest)
    if anchors is None:
        anchors = trust.TrustAnchors.load()
    by_device = {kl.device: kl.entries for kl in ledgers}
    ordered = [by_device[p.device][p.seq] for p in order if p.seq in by_device.get(p.device, {})]
    report.trust = trust.assess(
        files,
        entries,
        keys,
        report.stamps,
        anchors,
        ordered,
        org_proof.hub_key_of(files.get(org_proof.FILE)),
    )
    return report


def _ledgers(files: dict[str, bytes], report: KitReport) -> tuple[list[_KitLedger], list[_Place]]:
    """The kit's ledgers, the exporting device's first, and the order to replay them in: a
    standalone kit's slice by seq; an organisation's kit (``ledger/org-order.json``) every
    device's entries in the organisation's order, each listed once and each device's in its
    own seq order (a dropped, added or moved entry is found here, by device and seq)."""
    checkpoints = _json(files, "ledger/checkpoints.json", report)
    own_id = str(checkpoints.get("store_id", "")) if isinstance(checkpoints, dict) else ""
    # in an organisation's kit every entry's finding names its device, the exporting one's too
    named_as = own_id if kit.ORG_ORDER in files else None
    own = _KitLedger(own_id, "", _check_ledger(files, report, "ledger/entries.jsonl", named_as))
    if kit.ORG_ORDER not in files:
        return [own], [_Place(own_id, seq, "") for seq in sorted(own.entries)]
    doc = _json(files, kit.ORG_ORDER, report)
    doc = doc if isinstance(doc, dict) else {}
    exporter = str(doc.get("exporting_device", ""))
    if exporter != own_id:
        report.findings.append(
            KitFinding(
                "org.device",
                kit.ORG_ORDER,
                _said("kit.org_exporter", named=exporter, device=own_id),
            )
        )
    ledgers = [own]
    named = doc.get("devices")
    for device in sorted(named) if isinstance(named, dict) else []:
        if device == own_id:
            continue
        folder = kit.device_folder(str(device))
        entries_file = f"{folder}entries.jsonl"
        ledgers.append(
            _KitLedger(str(device), folder, _check_ledger(files, report, entries_file, device))
        )
    folders = {kl.folder for kl in ledgers}
    for path in sorted(files):
        if path.startswith("ledger/devices/"):
            folder = "/".join(path.split("/")[:3]) + "/"
            if folder not in folders:
                folders.add(folder)
                report.findings.append(
                    KitFinding(
                        "org.device",
                        path,
                        _said("kit.org_unknown_device", device=path.split("/")[2]),
                    )
                )
    return ledgers, _org_order(doc, ledgers, report)


def _org_order(doc: dict[str, Any], ledgers: list[_KitLedger], report: KitReport) -> list[_Place]:
    by_device = {kl.device: kl for kl in ledgers}
    order: list[_Place] = []
    seen: set[tuple[str, int]] = set()
    last: dict[str, int] = {}
    items = doc.get("order")
    for item in items if isinstance(items, list) else []:
        try:
            place = _Place(
                str(item["device"]),
                int(item["seq"]),
                str(item.get("verdict") or ""),
                item.get("pre_org") is True,
            )
        except (KeyError, ValueError, TypeError):
            report.findings.append(
                KitFinding("org.order", kit.ORG_ORDER, _said("kit.org_unreadable", item=item))
            )
            continue
        facts = {"device": place.device, "seq": place.seq}
        held = by_device.get(place.device)
        if (place.device, place.seq) in seen:
            code, said = "org.position", _said("kit.org_twice", **facts)
        elif held is None:
            code, said = "org.device", _said("kit.org_unknown_device", device=place.device)
        elif place.seq not in held.entries:
            code, said = "org.missing", _said("kit.org_missing", **facts)
        elif place.seq <= last.get(place.device, 0):
            code, said = "org.order", _said("kit.org_device_order", **facts)
        else:
            seen.add((place.device, place.seq))
            last[place.device] = place.seq
            order.append(place)
            continue
        report.findings.append(
            KitFinding(code, kit.ORG_ORDER, said, device=place.device, seq=place.seq)
        )
    for kl in ledgers:
        for seq in sorted(set(kl.entries) - {s for d, s in seen if d == kl.device}):
            report.findings.append(
                KitFinding(
                    "org.not_listed",
                    kl.file("entries.jsonl"),
                    _said("kit.org_not_listed", device=kl.device, seq=seq),
                    device=kl.device,
                    seq=seq,
                )
            )
    return order


def _check_bag(files: dict[str, bytes], report: KitReport) -> None:
    bagit = _text(files, "bagit.txt", report)
    if bagit is not None and "BagIt-Version" not in bagit:
        report.findings.append(
            KitFinding("bag.declaration", "bagit.txt", _said("kit.no_bagit_version"))
        )
    payload = {p for p in files if p.startswith("data/")}
    listed: set[str] = set()
    for name, algorithm in (
        ("manifest-sha256.txt", "sha256"),
        ("manifest-sha512.txt", "sha512"),
        (kit.SM3_MANIFEST, "sm3"),
    ):
        text = _text(files, name, report)
        if text is None:
            continue
        seen = set()
        for path, digest in _manifest(text):
            seen.add(path)
            content = files.get(path)
            if content is None:
                report.findings.append(
                    KitFinding("payload.missing", path, _said("kit.payload_missing", manifest=name))
                )
                continue
            actual = (
                digests.sm3_hex(content)
                if algorithm == "sm3"
                else hashlib.new(algorithm, content).hexdigest()
            )
            if actual != digest:
                report.findings.append(
                    KitFinding(
                        f"payload.{algorithm}",
                        path,
                        _said("kit.payload_changed", algorithm=algorithm, manifest=name),
                    )
                )
        for path in sorted(payload - seen):
            report.findings.append(
                KitFinding("payload.unlisted", path, _said("kit.payload_unlisted", manifest=name))
            )
        listed |= seen
    tag_text = _text(files, kit.TAGMANIFEST, report)
    if tag_text is None:
        return
    covered = set()
    for path, digest in _manifest(tag_text):
        covered.add(path)
        content = files.get(path)
        if content is None:
            report.findings.append(
                KitFinding("tag.missing", path, _said("kit.tag_missing", manifest=kit.TAGMANIFEST))
            )
        elif hashlib.sha256(content).hexdigest() != digest:
            report.findings.append(
                KitFinding("tag.sha256", path, _said("kit.tag_changed", manifest=kit.TAGMANIFEST))
            )
    for path in sorted(files):
        if path.startswith("data/") or path in covered or path in kit.UNCOVERED:
            continue
        report.findings.append(
            KitFinding("tag.unlisted", path, _said("kit.tag_unlisted", manifest=kit.TAGMANIFEST))
        )


def _keys(files: dict[str, bytes], report: KitReport) -> dict[str, str]:
    doc = _json(files, "keys/users.json", report)
    if not isinstance(doc, dict):
        return {}
    return {str(k): str(v.get("public_key", "")) for k, v in doc.items() if isinstance(v, dict)}


def _check_ledger(
    files: dict[str, bytes], report: KitReport, name: str, device: str | None
) -> dict[int, ledger.Entry]:
    """Each slice entry of one device's ledger file readable, its hashes recomputed and its
    link to the previous one; signatures are checked by ``_check_rules``, with the keys the
    rules leave trusted. ``device``: another device's file, named in each finding."""
    text = _text(files, name, report)
    entries: dict[int, ledger.Entry] = {}
    if text is None:
        return entries
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        try:
            raw = json.loads(line)
            entry = ledger.Entry(
                int(raw["seq"]),
                str(raw["at"]),
                str(raw["actor"]),
                str(raw["action"]),
                str(raw["payload"]),
                str(raw["payload_hash"]),
                str(raw["prev_hash"]),
                str(raw["entry_hash"]),
                str(raw["signature"]),
            )
        except (ValueError, KeyError, TypeError) as error:
            report.findings.append(
                KitFinding(
                    "ledger.format", name, _said("kit.entry_unreadable", line=number, error=error)
                )
            )
            continue
        found: list[tuple[str, Phrase]] = []
        if ledger.payload_hash(entry.payload) != entry.payload_hash:
            found.append(("ledger.payload", _said("kit.entry_payload", line=number, seq=entry.seq)))
        expected = ledger.entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.payload_hash, entry.prev_hash
        )
        if expected != entry.entry_hash:
            found.append(("ledger.entry_hash", _said("kit.entry_hash", line=number, seq=entry.seq)))
        previous = entries.get(entry.seq - 1)
        if previous is not None and previous.entry_hash != entry.prev_hash:
            found.append(
                ("ledger.link", _said("kit.entry_link", seq=entry.seq, previous=previous.seq))
            )
        report.findings.extend(_at(code, name, said, device, entry.seq) for code, said in found)
        entries[entry.seq] = entry
        del where
    return entries


def _at(code: str, file: str, said: Phrase, device: str | None, seq: int) -> KitFinding:
    """A finding about one entry: another device's names that device and seq."""
    if device is None:
        return KitFinding(code, file, said)
    return KitFinding(
        code,
        file,
        _said("kit.where_device", device=device, seq=seq, finding=said),
        device=device,
        seq=seq,
    )


def _self_introduced_key(entry: ledger.Entry, payload: Any) -> str | None:
    """The key a device's first entry introduces for its own signer (``store.init`` founds the
    store, ``device.join`` enrols the joining user's key)."""
    rows = [
        c["row"]
        for c in (payload.get("rows", []) if isinstance(payload, dict) else [])
        if isinstance(c, dict) and isinstance(c.get("row"), dict)
    ]
    if entry.action == "device.join":
        rows = [r for r in rows if r.get("name") == entry.actor and "public_key" in r]
    return next((r.get("public_key") for r in rows), None)


def _check_rules(
    files: dict[str, bytes],
    report: KitReport,
    ledgers: list[_KitLedger],
    order: list[_Place],
    keys: dict[str, str],
) -> None:
    """Replay the rule table (domain/authority.py, the code the store's write path and
    ``verify`` run) over the slice: every entry about the case and every change to ``users``
    is in it, so each actor's role and active flag, and each contact's state, are known at
    every entry. An entry that breaks a rule is reported, and what it changed (a key above
    all) is not trusted: a signature is then checked against the key the rule-keeping
    entries held for its actor. ``keys/users.json`` (``keys``) must agree with that replay;
    afterwards ``keys`` holds the replay's keys, the only ones the later checks trust."""
    org = len(ledgers) > 1 or kit.ORG_ORDER in files
    by_device = {kl.device: kl for kl in ledgers}
    state = authority.ReplayedTables(authority.empty_tables(), complete=False)
    # a store's history from before it joined: judged on its own and merged at its join, as
    # verify, the hub and the export judge it (domain/pre_org.py); its local users signed it
    histories = pre_org.Histories()
    local: dict[str, dict[str, Any]] = {}
    for place in order:
        held = by_device[place.device]
        entry = held.entries[place.seq]
        name, where = held.file("entries.jsonl"), (held.device if org else None)
        try:
            payload = json.loads(entry.payload)
        except ValueError:
            payload = None  # reported by the payload hash: nothing to judge but its signature
        solo = (
            histories.solo_of(held.device, entry.seq, entry.action, payload, marked=place.pre_org)
            if org and payload is not None
            else None
        )
        if solo is not None:
            _judge_solo(files, report, held, entry, payload, solo, local)
            continue
        if org:  # a device joins only as itself (the rule table's State.device)
            state.device = held.device
        violations = (
            []
            if payload is None
            else authority.check(state, entry.seq, entry.at, entry.actor, entry.action, payload)
        )
        joining = pre_org.is_join_with_history(entry.action, payload)
        if org and not place.verdict and joining and isinstance(payload, dict):
            violations += histories.join(
                state, held.device, entry.seq, entry.actor, payload, accepted=not violations
            )
        if place.verdict:
            # refused by the hub (two supervisors raced): judged, never applied; it is
            # expected to break a rule the kit can judge
            if not violations and payload is not None:
                report.findings.append(
                    _at(
                        "org.refused_valid",
                        name,
                        _said("kit.org_refused_valid", verdict=place.verdict),
                        where,
                        entry.seq,
                    )
                )
        else:
            for violation in violations:
                said = _said(
                    "kit.entry_rule",
                    seq=entry.seq,
                    action=entry.action,
                    actor=entry.actor,
                    rule=violation.rule,
                    reason=violation.detail,
                )
                report.findings.append(_at(f"rule.{violation.rule}", name, said, where, entry.seq))
        trusted = (state.row("users", entry.actor) or {}).get("public_key")
        if entry.action in authority.SELF_INTRODUCED and isinstance(payload, dict):
            trusted = _self_introduced_key(entry, payload)
        if not any(
            signing.verify(str(trusted or ""), b"", message, entry.signature)
            for message in _entry_messages(files, held, entry)
        ):
            said = _said("kit.entry_signature", seq=entry.seq, actor=entry.actor)
            report.findings.append(_at("ledger.signature", name, said, where, entry.seq))
        if not violations and not place.verdict and isinstance(payload, dict):
            state.apply(payload)
    for user, row in local.items():  # users only a history before its join introduced
        state.tables["users"].setdefault((user,), row)
    users = _json(files, "keys/users.json", report)
    for user, info in sorted(users.items()) if isinstance(users, dict) else ():
        replayed = state.row("users", user) or {}
        if keys.get(user) != replayed.get("public_key"):
            report.findings.append(
                KitFinding("keys.mismatch", "keys/users.json", _said("kit.key_mismatch", user=user))
            )
        if not isinstance(info, dict) or (
            info.get("role") != replayed.get("role")
            or ("active" in info and bool(info["active"]) != bool(replayed.get("active")))
        ):
            report.findings.append(
                KitFinding("keys.role", "keys/users.json", _said("kit.role_mismatch", user=user))
            )
    # from here on only keys the (proven, time-stamped) ledger introduced through entries that
    # keep the rules are trusted
    keys.clear()
    keys.update(
        {str(name): str(row["public_key"]) for (name,), row in state.tables["users"].items()}
    )


def _judge_solo(
    files: dict[str, bytes],
    report: KitReport,
    held: _KitLedger,
    entry: ledger.Entry,
    payload: Any,
    solo: pre_org.Solo,
    local: dict[str, dict[str, Any]],
) -> None:
    """An entry of a store's history from before it joined: the rule table over that history
    alone, its signature under the key that history holds for its writer; the users it
    introduces are kept (they signed it) without becoming the organisation's."""
    name = held.file("entries.jsonl")
    trusted = solo.signer(entry.seq, entry.actor, entry.action, payload)
    violations = solo.judge(
        entry.seq, entry.at, entry.actor, entry.action, payload, entry.entry_hash
    )
    for violation in violations:
        said = _said(
            "kit.entry_rule",
            seq=entry.seq,
            action=entry.action,
            actor=entry.actor,
            rule=violation.rule,
            reason=violation.detail,
        )
        report.findings.append(_at(f"rule.{violation.rule}", name, said, held.device, entry.seq))
    if not any(
        signing.verify(str(trusted or ""), b"", message, entry.signature)
        for message in _entry_messages(files, held, entry)
    ):
        said = _said("kit.entry_signature", seq=entry.seq, actor=entry.actor)
        report.findings.append(_at("ledger.signature", name, said, held.device, entry.seq))
    for change in payload.get("rows", []) if not violations and isinstance(payload, dict) else []:
        row = change.get("row") if isinstance(change, dict) else None
        if change.get("table") == "users" and isinstance(row, dict) and "public_key" in row:
            local.setdefault(str(row.get("name")), {}).update(row)


def _signed_checkpoint(files: dict[str, bytes], proof_file: str) -> tuple[int, str] | None:
    """The (size, root) of the checkpoint an entry closed, as its proof file states it
    (checked against the target checkpoint in ``_check_checkpoint``)."""
    try:
        proof = json.loads(files[proof_file])
        signed = proof["signed_checkpoint"]
        return int(signed["size"]), str(signed["root"])
    except (KeyError, ValueError, TypeError):
        return None


def _entry_messages(files: dict[str, bytes], held: _KitLedger, entry: ledger.Entry) -> list[bytes]:
    """What the entry's signature may be over: the note of the checkpoint it closed (over its
    device's id), or (for entries written before entries were signed through checkpoints) its
    own hash."""
    messages = []
    signed = _signed_checkpoint(files, held.proof(entry.seq))
    if signed is not None and signed[0] == entry.seq:
        messages.append(ledger.checkpoint_message(held.device, entry.seq, signed[1]))
    with contextlib.suppress(ValueError):  # an entry hash that is not hex: reported elsewhere
        messages.append(ledger.legacy_entry_message(entry.entry_hash))
    return messages


def _signed_checkpoint_consistent(signed: Any, seq: int, size: int, root: bytes) -> bool:
    """The checkpoint of size ``seq`` is the target's first ``seq`` leaves, so its last leaf is
    the entry the target proves at index ``seq - 1``: the root the entry's signature covers is
    genuine."""
    try:
        signed_root = bytes.fromhex(str(signed["root"]))
        path = [bytes.fromhex(h) for h in signed["consistency_path"]]
        return int(signed["size"]) == seq and merkle.verify_consistency(
            seq, size, signed_root, root, path
        )
    except (KeyError, ValueError, TypeError):
        return False


def _check_checkpoint(
    files: dict[str, bytes],
    report: KitReport,
    keys: dict[str, str],
    held: _KitLedger,
) -> dict[int, dict[str, Any]]:
    """One device's checkpoint: its note and signature, every slice entry's inclusion proof,
    and the older checkpoints approvals cosigned (consistent with it); returns those, by
    size. Only the exporting device's checkpoint carries time-stamp tokens."""
    name = held.file("checkpoints.json")
    entries = held.entries
    doc = _json(files, name, report)
    if not isinstance(doc, dict) or not isinstance(doc.get("target"), dict):
        return {}
    target = doc["target"]
    try:
        size, root = int(target["size"]), bytes.fromhex(str(target["root"]))
    except (KeyError, ValueError, TypeError):
        report.findings.append(KitFinding("checkpoint.format", name, _said("kit.no_target")))
        return {}
    store_id = str(doc.get("store_id", ""))
    if held.foreign and store_id != held.device:
        report.findings.append(
            KitFinding(
                "org.device",
                name,
                _said("kit.org_device", named=store_id, device=held.device),
                device=held.device,
            )
        )
    note = ledger.checkpoint_note(held.device, size, root.hex())
    note_file = held.file(f"checkpoint-{size}.txt")
    if files.get(note_file) != note.encode():
        report.findings.append(KitFinding("checkpoint.note", note_file, _said("kit.note_mismatch")))
    if not signing.verify(
        keys.get(str(target.get("signer")), ""),
        signing.CHECKPOINT_CONTEXT,
        note.encode(),
        str(target.get("signature", "")),
    ):
        report.findings.append(
            KitFinding(
                "checkpoint.signature",
                name,
                _said("kit.checkpoint_signature", signer=target.get("signer")),
            )
        )
    # every slice entry is in the checkpoint's tree
    for seq, entry in sorted(entries.items()):
        proof_name = held.proof(seq)
        proof = _json(files, proof_name, report)
        if not isinstance(proof, dict):
            continue
        try:
            path = [bytes.fromhex(h) for h in proof["inclusion_path"]]
            ok = (
                int(proof["tree_size"]) == size
                and proof["entry_hash"] == entry.entry_hash
                and merkle.verify_inclusion(
                    merkle.leaf_hash(bytes.fromhex(entry.entry_hash)), seq - 1, size, path, root
                )
            )
        except (KeyError, ValueError, TypeError):
            ok = False
        if "signed_checkpoint" in proof and not _signed_checkpoint_consistent(
            proof["signed_checkpoint"], seq, size, root
        ):
            report.findings.append(
                _at(
                    "proof.signed_checkpoint",
                    proof_name,
                    _said("kit.signed_checkpoint", seq=seq, size=size),
                    held.device if held.foreign else None,
                    seq,
                )
            )
        if not ok:
            said = _said("kit.inclusion", seq=seq, size=size)
            report.findings.append(
                _at("proof.inclusion", proof_name, said, held.device if held.foreign else None, seq)
            )
    # approvals cosign older checkpoints: consistent with the target, signed by the approver
    cosigned: dict[int, dict[str, Any]] = {}
    for c in doc.get("cosigned", []):
        if isinstance(c, dict) and isinstance(c.get("size"), int):
            cosigned[c["size"]] = c
    for c_size, cp in sorted(cosigned.items()):
        try:
            c_root = bytes.fromhex(str(cp["root"]))
            path = [bytes.fromhex(h) for h in cp.get("consistency_path", [])]
            consistent = merkle.verify_consistency(c_size, size, c_root, root, path)
        except (KeyError, ValueError, TypeError):
            consistent = False
        if not consistent:
            report.findings.append(
                KitFinding(
                    "checkpoint.consistency",
                    name,
                    _said("kit.consistency", cosigned=c_size, size=size),
                )
            )
    if held.foreign:
        return cosigned
    # trusted time over the checkpoint
    tokens = sorted(
        p for p in files if p.startswith(f"tsa/checkpoint-{size}.") and p.endswith(".tst")
    )
    if not tokens:
        report.findings.append(
            KitFinding(
                "checkpoint.unstamped",
                name,
                _said("kit.unstamped", size=size),
                severity="warning",
            )
        )
    for token_name in tokens:
        slug = token_name[len(f"tsa/checkpoint-{size}.") : -len(".tst")]
        _check_token(files, report, token_name, note.encode(), slug)
    return cosigned


def _check_cosignatures(
    report: KitReport,
    keys: dict[str, str],
    ledgers: list[_KitLedger],
    cosigned: dict[str, dict[int, dict[str, Any]]],
) -> None:
    """Each approval cosigned the checkpoint of the request's device (its own unless the
    payload names another device of the organisation), a checkpoint the kit proves
    consistent with that device's target."""
    org = len(ledgers) > 1
    for held in ledgers:
        for seq, entry in sorted(held.entries.items()):
            if entry.action != "contact.approve":
                continue
            try:
                payload = json.loads(entry.payload)
                cosig: dict[str, Any] = dict(payload.get("cosignature") or {})
                device = str(cosig.get("device") or held.device)
                approved_cp = cosigned.get(device, {}).get(int(cosig.get("size") or 0))
            except (ValueError, TypeError, AttributeError):
                cosig, device, approved_cp = {}, held.device, None
            c_note = ledger.checkpoint_note(
                device, int(cosig.get("size", 0)), str(cosig.get("root"))
            )
            if (
                approved_cp is None
                or approved_cp.get("root") != cosig.get("root")
                or not signing.verify(
                    keys.get(entry.actor, ""),
                    signing.COSIGN_CONTEXT,
                    c_note.encode(),
                    str(cosig.get("signature", "")),
                )
            ):
                report.findings.append(
                    _at(
                        "approval.cosignature",
                        held.file("entries.jsonl"),
                        _said("kit.cosignature", seq=seq),
                        held.device if org else None,
                        seq,
                    )
                )


def _check_org_statement(files: dict[str, bytes], report: KitReport, content: bytes) -> None:
    """The files a standard tool checks the hub's stamp with (VERIFY.txt) must be the
    statement and token the proof carries: what ``openssl ts -verify`` accepts is what
    verify-bundle checked."""
    try:
        doc = json.loads(content.decode("utf-8"))
        checkpoint = doc["checkpoint"]
        body = None if checkpoint is None else str(checkpoint["body"])
        stamp = None if checkpoint is None else checkpoint.get("stamp")
        token = base64.b64decode(str(stamp["token"])) if isinstance(stamp, dict) else b""
    except (ValueError, KeyError, TypeError, AttributeError):
        return  # org_proof.check reports the file as unreadable
    statement = files.get(org_proof.STATEMENT_FILE)
    if body is not None and statement not in (None, org_proof.statement_bytes(body)):
        said = _said("kit.org_statement", file=org_proof.FILE)
        report.findings.append(KitFinding("org.statement", org_proof.STATEMENT_FILE, said))
    for name, held in files.items():
        if name.startswith("tsa/org-checkpoint-") and held != token:
            said = _said("kit.org_statement", file=org_proof.FILE)
            report.findings.append(KitFinding("org.stamp", name, said))


def _check_org_proof(
    files: dict[str, bytes],
    report: KitReport,
    keys: dict[str, str],
    ledgers: list[_KitLedger],
    order: list[_Place],
) -> None:
    """The hub's organisation checkpoint covering the kit's entries (bundle/org_proof.py); a kit
    of a store outside an organisation, or of a release before it, has none."""
    content = files.get(org_proof.FILE)
    if content is None:
        return
    hashes = {(kl.device, seq): e.entry_hash for kl in ledgers for seq, e in kl.entries.items()}
    verdicts = {(p.device, p.seq): p.verdict for p in order}
    checked = org_proof.check(content, hashes, verdicts, keys)
    _check_org_statement(files, report, content)
    for found in checked.findings:
        report.findings.append(
            KitFinding(
                found.code,
                org_proof.FILE,
                found.message,
                found.severity,
                device=found.device,
                seq=found.seq,
            )
        )
    if checked.stamp is not None:
        stamp = checked.stamp
        report.stamps.append(
            trust.CheckedToken(
                org_proof.FILE, stamp.token, stamp.digest, stamp.certificates, stamp.info
            )
        )


def _certs(files: dict[str, bytes], name: str, report: KitReport) -> list[x509.Certificate]:
    content = files.get(name)
    if content is None:
        report.findings.append(
            KitFinding("tsa.certificates", name, _said("kit.certificates_missing"))
        )
        return []
    try:
        return x509.load_pem_x509_certificates(content) if content.strip() else []
    except ValueError as error:
        report.findings.append(
            KitFinding("tsa.certificates", name, _said("kit.not_pem", error=error))
        )
        return []


def _check_token(
    files: dict[str, bytes], report: KitReport, token_name: str, data: bytes, slug: str
) -> None:
    roots_name, untrusted_name = f"tsa/{slug}-roots.pem", f"tsa/{slug}-untrusted.pem"
    if token_name == kit.TOKEN_FILE and roots_name not in files:
        roots_name = kit.TOKEN_FILE + ".roots.pem"
        untrusted_name = kit.TOKEN_FILE + ".untrusted.pem"
    roots = _certs(files, roots_name, report)
    extra = _certs(files, untrusted_name, report) if untrusted_name in files else []
    digest = hashlib.sha256(data).digest()
    try:
        info = tsa.verify_token(files[token_name], digest, roots, extra)
        report.stamps.append(
            trust.CheckedToken(token_name, files[token_name], digest, (*roots, *extra), info)
        )
    except tsa.TsaError as error:
        report.findings.append(KitFinding("tsa.token", token_name, error.message))
    except Exception as error:  # a damaged token must be reported, whatever the parser raises
        report.findings.append(
            KitFinding("tsa.token", token_name, _said("kit.token_unreadable", error=error))
        )


def _check_tag_signature(files: dict[str, bytes], report: KitReport, keys: dict[str, str]) -> None:
    """The signature file lists and signs the digests of every file the tag manifest cannot
    cover (the tag manifest itself and its token)."""
    text = _text(files, kit.SIGNATURE_FILE, report)
    if text is None:
        return
    body, _, last = text.rstrip("\n").rpartition("\n")
    lines = body.splitlines()
    signer = lines[0].removeprefix("signer: ").strip() if lines else ""
    signature = last.removeprefix("signature: ").strip()
    if not signing.verify(
        keys.get(signer, ""), signing.MANIFEST_CONTEXT, (body + "\n").encode(), signature
    ):
        report.findings.append(
            KitFinding(
                "tag.signature",
                kit.SIGNATURE_FILE,
                _said("kit.tag_signature", signer=signer)
                if signer
                else _said("kit.tag_signature_nobody"),
            )
        )
    listed = dict(_manifest("\n".join(lines[1:])))
    for name in sorted(kit.UNCOVERED - {kit.SIGNATURE_FILE}):
        content = files.get(name)
        if content is None:
            if name in listed:
                report.findings.append(KitFinding("tag.missing", name, _said("kit.signed_missing")))
            continue
        if name not in listed:
            report.findings.append(
                KitFinding("tag.unlisted", name, _said("kit.not_covered", file=kit.SIGNATURE_FILE))
            )
        elif hashlib.sha256(content).hexdigest() != listed[name]:
            report.findings.append(
                KitFinding("tag.sha256", name, _said("kit.signed_changed", file=kit.SIGNATURE_FILE))
            )
    tagmanifest = files.get(kit.TAGMANIFEST)
    if tagmanifest is None:
        return
    if kit.TOKEN_FILE not in files:
        report.findings.append(
            KitFinding(
                "tag.unstamped",
                kit.TOKEN_FILE,
                _said("kit.tag_unstamped"),
                severity="warning",
            )
        )
        return
    slugs = sorted(
        p[len("tsa/") : -len("-roots.pem")]
        for p in files
        if p.startswith("tsa/") and p.endswith("-roots.pem")
    )
    _check_token(files, report, kit.TOKEN_FILE, tagmanifest, _tag_slug(files, tagmanifest, slugs))


def _tag_slug(files: dict[str, bytes], tagmanifest: bytes, slugs: list[str]) -> str:
    """Whose certificates the tag manifest's token is checked with: those beside it when the
    kit has them (its TSA brought no others: ``""``), else the TSA of the kit's certificates
    it verifies with (an organisation's kit also holds the hub TSA's), else the first."""
    if f"{kit.TOKEN_FILE}.roots.pem" in files or not slugs:
        return ""
    digest = hashlib.sha256(tagmanifest).digest()
    for slug in slugs:
        try:
            certs = [
                c
                for name in (f"tsa/{slug}-roots.pem", f"tsa/{slug}-untrusted.pem")
                for c in x509.load_pem_x509_certificates(files.get(name) or b"")
            ]
            roots = [c for c in certs if c.issuer == c.subject]
            tsa.verify_token(
                files[kit.TOKEN_FILE], digest, roots, [c for c in certs if c not in roots]
            )
        except Exception:  # any failure: not this TSA's certificates
            continue
        return slug
    return slugs[0]


def _originals(manifest: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    for exhibit in manifest.get("exhibits", []):
        for original in exhibit.get("originals", []):
            yield str(exhibit.get("id")), original


def _check_exhibits(
    files: dict[str, bytes],
    report: KitReport,
    manifest: dict[str, Any],
    ledgers: list[_KitLedger],
) -> None:
    by_device = {kl.device: kl.entries for kl in ledgers}
    own = ledgers[0].entries
    for exhibit_id, original in _originals(manifest):
        path = str(original.get("path"))
        content = files.get(path)
        if original.get("withheld") is True:
            continue  # it holds what the bundle redacts: kit_redaction checks it is absent
        if content is None:
            report.findings.append(
                KitFinding(
                    "exhibit.missing", path, _said("kit.original_missing"), exhibit=exhibit_id
                )
            )
            continue
        if (
            hashlib.sha256(content).hexdigest() != original.get("sha256")
            or digests.sm3_hex(content) != original.get("sm3")
            or len(content) != original.get("size")
        ):
            report.findings.append(
                KitFinding(
                    "exhibit.digest",
                    path,
                    _said("kit.original_changed"),
                    exhibit=exhibit_id,
                )
            )
        # the entry that added it: of the device it names (an organisation's bundle), else own
        held = (
            by_device.get(str(original["ledger_device"]), {})
            if "ledger_device" in original
            else own
        )
        entry = held.get(int(original.get("ledger_seq", 0)))
        if entry is None or str(original.get("sha256")) not in entry.payload:
            report.findings.append(
                KitFinding(
                    "exhibit.ledger",
                    path,
                    _said("kit.original_unrecorded", seq=original.get("ledger_seq")),
                    exhibit=exhibit_id,
                )
            )
    # per-message commitments: their Merkle root is what the signed import entry recorded
    roots = _import_roots(ledgers)
    for name in sorted(p for p in files if p.startswith("ledger/commitments/")):
        doc = _json(files, name, report)
        if not isinstance(doc, dict):
            continue
        try:
            root = merkle.root_hash(
                [merkle.leaf_hash(bytes.fromhex(c)) for c in doc.get("commitments", [])]
            ).hex()
        except (ValueError, TypeError):
            root = ""
        if roots.get(str(doc.get("import_id"))) != root:
            report.findings.append(
                KitFinding("messages.commitments", name, _said("kit.commitments"))
            )
    # verifiable redaction: the plan, the withheld originals, each disclosed message's proof
    for code, file, said in kit_redaction.problems(files, manifest, roots):
        report.findings.append(KitFinding(code, file, said))


def _import_roots(ledgers: list[_KitLedger]) -> dict[str, str]:
    """import id -> the commitments root its signed ``evidence.import`` entry records."""
    roots: dict[str, str] = {}
    for entry in (e for held in ledgers for e in held.entries.values()):
        if entry.action == "evidence.import":
            try:
                summaries = list(json.loads(entry.payload).get("imports", []))
            except (ValueError, TypeError, AttributeError):
                summaries = []
            for summary in summaries:
                if isinstance(summary, dict):
                    roots[str(summary.get("import_id"))] = str(summary.get("commitments_root"))
    return roots


def pdf_text(content: bytes, pages: Iterable[int] | None = None) -> str:
    """Text of the given 1-based pages (all when None), as a PDF reader extracts it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    numbers = range(1, len(reader.pages) + 1) if pages is None else pages
    return "\n".join(reader.pages[n - 1].extract_text() or "" for n in numbers)


def _check_pdf(
    files: dict[str, bytes], report: KitReport, manifest: dict[str, Any], keys: dict[str, str]
) -> None:
    index = _json(files, kit.PDF_INDEX, report)
    if not isinstance(index, dict):
        return
    evidence_digest = hashlib.sha256(files.get(kit.EVIDENCE_MANIFEST, b"")).hexdigest()
    declaration = index.get("declaration")
    if isinstance(declaration, dict) and not signing.verify(
        keys.get(str(declaration.get("signer")), ""),
        signing.MANIFEST_CONTEXT,
        kit.SIGNED_PREFIX_EVIDENCE + evidence_digest.encode(),
        str(declaration.get("signature", "")),
    ):
        report.findings.append(
            KitFinding(
                "pdf.declaration",
                kit.PDF_INDEX,
                _said("kit.declaration", signer=declaration.get("signer")),
            )
        )
    elif not isinstance(declaration, dict):
        report.findings.append(
            KitFinding("pdf.declaration", kit.PDF_INDEX, _said("kit.no_declaration"))
        )
    wanted = {str(o.get("sha256")) for _e, o in _originals(manifest)}
    found: list[str] = []
    for volume in index.get("volumes", []):
        path = f"data/{volume.get('file')}"
        content = files.get(path)
        if content is None:
            report.findings.append(KitFinding("pdf.missing", path, _said("kit.pdf_missing")))
            continue
        try:
            pages = [int(p) for p in volume.get("check_pages", [])] or None
            text = pdf_text(content, pages)
        except Exception as error:  # any damage to the PDF must become a finding, not a crash
            report.findings.append(
                KitFinding("pdf.unreadable", path, _said("kit.pdf_unreadable", error=error))
            )
            continue
        compact = re.sub(r"\s+", "", text)
        found.append(compact)
        if volume.get("cover") and evidence_digest not in compact:
            report.findings.append(
                KitFinding(
                    "pdf.cover_digest",
                    path,
                    _said("kit.cover_digest"),
                )
            )
    printed = "\n".join(found)
    for exhibit_id, original in _originals(manifest):
        digest = str(original.get("sha256"))
        if digest in wanted and digest not in printed:
            report.findings.append(
                KitFinding(
                    "pdf.digest",
                    str(original.get("path")),
                    _said("kit.pdf_digest"),
                    exhibit=exhibit_id,
                )
            )


def _check_export_entry(
    files: dict[str, bytes], report: KitReport, manifest: dict[str, Any], own: _KitLedger
) -> None:
    """The export's own entry, which the custody table ends with: written after the kit, so
    the kit can only show it is consistent (``bundle.export``, by the kit's signer, at a seq
    after every entry and checkpoint the kit holds); ``verify`` on the store checks that the
    entry at that seq is this export. Kits of earlier releases name none."""
    promised = manifest.get("export_entry")
    if promised is None:
        return
    seq = promised.get("seq") if isinstance(promised, dict) else None
    actor = promised.get("actor") if isinstance(promised, dict) else None
    action = promised.get("action") if isinstance(promised, dict) else None
    signature = files.get(kit.SIGNATURE_FILE, b"").decode("utf-8", "replace").splitlines()
    signer = signature[0].removeprefix("signer: ").strip() if signature else ""
    size = int((manifest.get("checkpoint") or {}).get("size", 0))
    if (
        not isinstance(seq, int)
        or seq <= max([size, *own.entries])
        or actor != signer
        or actor != manifest.get("producer")
        or action != "bundle.export"
    ):
        report.findings.append(
            KitFinding(
                "export.entry",
                kit.EVIDENCE_MANIFEST,
                _said("kit.export_entry", seq=seq, actor=actor, action=action),
            )
        )


def _check_screenshots(
    files: dict[str, bytes], report: KitReport, manifest: dict[str, Any]
) -> None:
    """``screenshots/crosscheck.json`` (when the bundle has screenshots): its own digest is
    checked with every tag file's; here, that it describes the kit's own originals and
    messages."""
    name = kit_screenshots.CROSSCHECK
    if name not in files:
        return
    found = _json(files, name, report)
    for problem in kit_screenshots.problems(found, files, manifest):
        report.findings.append(KitFinding("screenshots.crosscheck", name, problem))


def _filed_folder(path: Path, files: dict[str, bytes]) -> Path:
    """Where the filed volumes sit: beside the kit's zip, or beside the unpacked bag."""
    path = path.resolve()
    if path.is_file():
        return path.parent
    unpacked = "bagit.txt" in files and (path / "bagit.txt").exists()
    return path.parent if unpacked else path


def _check_pdf_signatures(files: dict[str, bytes], report: KitReport, folder: Path) -> None:
    """Every volume's PAdES signature (bundle/pdf_signatures.py), and every volume filed beside
    the kit (``bundle-<id>*.pdf``): the same bytes as the kit's copy, or a finding that names
    the file and what failed (its digest, then its own signatures). Kits exported before signed
    PDFs carry no signer chain: an unsigned volume is then a warning."""
    chain = files.get(kit.PDF_SIGNER_CHAIN)
    roots = files.get(kit.PDF_TSA_ROOTS, b"")
    listed = dict(
        (p, d)
        for p, d in _manifest(files.get("manifest-sha256.txt", b"").decode("utf-8", "replace"))
    )

    def judge(file: str, content: bytes) -> None:
        for code, said in pdf_signatures.check(
            content, chain or b"", roots, kit.PDF_SIGNER_CHAIN, kit.PDF_TSA_ROOTS
        ):
            if chain is None and code == "pdf.unsigned":
                report.findings.append(
                    KitFinding(code, file, _said("kit.pdf_unsigned_before"), severity="warning")
                )
            else:
                report.findings.append(KitFinding(code, file, said))

    volumes = sorted(
        p for p in files if p.startswith("data/") and p.count("/") == 1 and p.endswith(".pdf")
    )
    for path in volumes:
        judge(path, files[path])
    if not report.bundle_id:
        return
    for filed in sorted(folder.glob(f"bundle-{report.bundle_id}*.pdf")):
        content = filed.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        expected = listed.get(f"data/{filed.name}")
        if expected is None:
            report.findings.append(
                KitFinding("pdf.filed_unlisted", str(filed), _said("kit.pdf_filed_unlisted"))
            )
        elif digest != expected:
            report.findings.append(
                KitFinding(
                    "pdf.filed_differs",
                    str(filed),
                    _said("kit.pdf_filed_differs", sha256=digest, listed=expected),
                )
            )
        else:
            continue
        judge(str(filed), content)


def _check_processing_record(
    files: dict[str, bytes], report: KitReport, manifest: dict[str, Any]
) -> None:
    """The export's processing record: valid codes and three years (the rule table's own
    check), of this bundle and its evidence manifest, written by the kit's signer, a role that
    may export. (Its ledger entry is written with the export, after the kit's checkpoint: the
    store's ``verify`` checks that.) Kits of earlier releases have none: a warning."""
    name = kit.PROCESSING_RECORD
    if name not in files:
        report.findings.append(
            KitFinding("processing.missing", name, _said("kit.no_processing_record"), "warning")
        )
        return
    record = _json(files, name, report)
    if not isinstance(record, dict):
        return
    row = {
        key: pipl.list_text([str(v) for v in value]) if isinstance(value, list) else value
        for key, value in record.items()
    }
    for problem in pipl.processing_problems(row):
        report.findings.append(
            KitFinding("processing.invalid", name, _said("kit.processing_invalid", problem=problem))
        )
    evidence = files.get(kit.EVIDENCE_MANIFEST, b"")
    for field_name, expected in (
        ("bundle_id", manifest.get("bundle_id")),
        ("case_no", (manifest.get("scope") or {}).get("case_no")),
        ("evidence_manifest_sha256", hashlib.sha256(evidence).hexdigest()),
    ):
        if record.get(field_name) != expected:
            report.findings.append(
                KitFinding(
                    "processing.bundle",
                    name,
                    _said(
                        "kit.processing_other",
                        field=field_name,
                        value=record.get(field_name),
                        expected=expected,
                    ),
                )
            )
    signature = files.get(kit.SIGNATURE_FILE, b"").decode("utf-8", "replace").splitlines()
    signer = signature[0].removeprefix("signer: ").strip() if signature else ""
    users = _json(files, "keys/users.json", report)
    role = (users.get(signer) or {}).get("role") if isinstance(users, dict) else None
    exporters = {r.value for r in PERMISSIONS[Action.BUNDLE_EXPORT]}
    if record.get("recorded_by") != signer or role not in exporters:
        report.findings.append(
            KitFinding(
                "processing.signer",
                name,
                _said("kit.processing_signer", user=record.get("recorded_by")),
            )
        )
