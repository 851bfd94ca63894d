"""The verification kit: a BagIt (RFC 8493) zip a court or the other side checks without us.

Layout (inside one top folder ``bundle-<id>/`` so unzipping gives one directory)::

    bagit.txt  bag-info.txt
    manifest-sha256.txt  manifest-sha512.txt     payload digests (sha256sum -c compatible)
    sm3-manifest.txt                              SM3 of the payload (GB/T 32905), same layout
    tagmanifest-sha256.txt                        digests of every tag file below
    tagmanifest-sha256.txt.sig                    exporting user's Ed25519 signature of it
    tagmanifest-sha256.txt.tst                    RFC 3161 token over it (when a TSA answered)
    evidence-manifest.json                        exhibits and originals; SHA-256 on the cover
    pdf-index.json                                volumes and where each PDF section starts
    screenshots/crosscheck.json                   each screenshot checked against the export
    ledger/entries.jsonl                          the ledger slice the exhibits depend on
    ledger/checkpoint-<N>.txt                     the checkpoint note every proof leads to
    ledger/checkpoints.json                       its signature, cosigned older checkpoints + proofs
    ledger/commitments/<import>.json              per-message commitments of each import
    ledger/disclosed/<import>.json                each bundled message's inclusion proof, and
                                                  the salt and content of each printed in full
    redaction/plan.json                           the redaction plan (when anything is redacted)
    proofs/entry-<seq>.json                       RFC 9162 inclusion proof of each slice entry,
                                                  and the checkpoint its signature covers
    keys/users.json                               users' public keys (as the ledger introduced them)
    tsa/...                                       checkpoint tokens, TSA certificates and roots
    VERIFY.txt                                    the exact commands, with the TSA roots and
                                                  signer keys taken from outside the kit
    data/originals/<exhibit>/<file>               originals exactly as imported (not those
                                                  holding what the bundle redacts)
    data/<bundle>-<vol>.pdf                       the PDF volume(s)

An organisation's bundle (issue 19: the case's entries lie in several devices' ledgers) keeps
the exporting device's part exactly where a standalone kit has it (``ledger/``, ``proofs/``)
and adds, for each other device, the same three things in its own folder, and the order::

    ledger/devices/<device>/entries.jsonl         that device's slice, as the device signed it
    ledger/devices/<device>/checkpoint-<N>.txt    its checkpoint note (over its device id)
    ledger/devices/<device>/checkpoints.json      its signed checkpoint, cosigned checkpoints
    ledger/devices/<device>/proofs/entry-<seq>.json   inclusion of each entry in that checkpoint
    ledger/org-order.json                         every kit entry's (device, seq) in the
                                                  organisation's order, each device's name
    ledger/org/checkpoint.json                    the hub's organisation checkpoint covering
                                                  them, its stamp, witnesses, inclusion proofs

BagIt alone is not tamper-proof (anyone can rewrite the manifests), so the tag manifest is signed
by the exporting user and time-stamped; ``verify_kit`` checks all of it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from evidence_desk import __version__, translations
from evidence_desk.bundle import kit_redaction, kit_screenshots, labels, org_proof
from evidence_desk.bundle.model import BUNDLE_FORMAT, BundleData, Checkpoint
from evidence_desk.domain import file_names
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import digests, ledger, merkle, signing
from evidence_desk.integrity.canonical import canonical_bytes

TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE_FILE = TAGMANIFEST + ".sig"
TOKEN_FILE = TAGMANIFEST + ".tst"
# how VERIFY.txt starts each command line (a shell prompt): a reader sees what to type, a
# script finds every command to run (tests/bundle/test_verify_txt_commands.py runs them all)
COMMAND = "   $ "
SM3_MANIFEST = "sm3-manifest.txt"
EVIDENCE_MANIFEST = "evidence-manifest.json"
PDF_INDEX = "pdf-index.json"
PROCESSING_RECORD = "processing-record.json"
UNCOVERED = frozenset(
    {
        TAGMANIFEST,
        SIGNATURE_FILE,
        TOKEN_FILE,
        TOKEN_FILE + ".roots.pem",
        TOKEN_FILE + ".untrusted.pem",
    }
)
SIGNED_PREFIX_EVIDENCE = b"evidence-manifest-sha256:"


@dataclass(frozen=True, slots=True)
class TagStamp:
    """An RFC 3161 token over the tag manifest, and what ``openssl ts -verify`` needs."""

    tsa_name: str
    token_der: bytes
    chain_der: tuple[bytes, ...]
    roots_pem: str


Signer = Callable[[bytes], str]  # message -> hex Ed25519 signature (MANIFEST context)
Stamper = Callable[[bytes], TagStamp | None]  # data -> token over SHA-256(data), or None


def safe_name(name: str) -> str:
    """A file or member name as a relative path inside the bag, valid on Windows: no ``..``, no
    absolute paths, no control characters (BagIt manifests are line-based), none of
    ``<>:"|?*%``, no trailing dot or space, no reserved device name, and bounded length
    (``domain/file_names.py``: 48 UTF-16 units a component, 64 the whole)."""
    return file_names.safe_path(name)


def tsa_slug(name: str) -> str:
    return file_names.safe_component(re.sub(r"[^A-Za-z0-9._-]+", "_", name) or "tsa")


def evidence_manifest(data: BundleData) -> bytes:
    """Canonical JSON naming every exhibit and original; its digest is printed on the cover."""
    doc = {
        "format": BUNDLE_FORMAT,
        "bundle_id": data.bundle_id,
        "store_id": data.store_id,
        "app_version": data.app_version,
        "case_no": data.scope.case_no,
        "produced_at": data.produced_at,
        "producer": data.producer,
        "scope": data.scope.as_json(),
        "checkpoint": {
            "size": data.checkpoint.size,
            "root": data.checkpoint.root,
            "stamped": data.checkpoint_stamped,
        },
        # the export's own entry, written after the kit: the custody table's last row, at this
        # seq or a later one (services/bundle_custody.py)
        **(
            {
                "export_entry": {
                    "seq": data.export_seq,
                    "actor": data.producer,
                    "action": "bundle.export",
                }
            }
            if data.export_seq
            else {}
        ),
        "exhibits": [
            {
                "id": e.id,
                "kind": e.kind,
                "title": e.title,
                "contact_id": e.contact.id,
                "messages": len(e.messages),
                "originals": [
                    {
                        "path": o.kit_path,
                        "file_name": o.file_name,
                        "role": o.role,
                        "sha256": o.sha256,
                        "sm3": o.sm3,
                        "size": o.size,
                        "ledger_seq": o.ledger_seq,
                        # another device's entry (an organisation's bundle): which ledger
                        **({"ledger_device": o.ledger_device} if o.ledger_device else {}),
                        # it holds what the bundle redacts: listed, not carried (issue 21)
                        **({"withheld": True} if o.withheld else {}),
                    }
                    for o in e.originals
                ],
            }
            for e in data.exhibits
        ],
        "omitted_messages": len(data.omissions),
        **kit_redaction.manifest_facts(data),
    }
    return canonical_bytes(doc)


def manifest_redaction(data: BundleData) -> dict[str, Any]:
    """The evidence manifest's ``redaction`` record (empty: nothing redacted)."""
    facts: dict[str, Any] = kit_redaction.manifest_facts(data).get("redaction", {})
    return facts


def _entry_json(entry: ledger.Entry) -> str:
    return json.dumps(
        {
            "seq": entry.seq,
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action,
            "payload": entry.payload,
            "payload_hash": entry.payload_hash,
            "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash,
            "signature": entry.signature,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _pem(ders: Sequence[bytes]) -> str:
    return "".join(
        x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM).decode("ascii")
        for d in ders
    )


def _untrusted(chain_der: Sequence[bytes], roots_pem: str) -> tuple[bytes, ...]:
    """The chain minus the trusted roots: what ``openssl ts -verify -untrusted`` wants."""
    roots = {
        c.public_bytes(serialization.Encoding.DER)
        for c in (x509.load_pem_x509_certificates(roots_pem.encode()) if roots_pem.strip() else [])
    }
    return tuple(d for d in chain_der if d not in roots)


ORG_ORDER = "ledger/org-order.json"
ORG_ORDER_FORMAT = "evidence-desk/org-order/v1"


def device_folder(device: str) -> str:
    """Where another device's ledger files sit in the kit (its id as a safe name)."""
    return f"ledger/devices/{file_names.safe_component(device)}/"


def org_order(data: BundleData) -> dict[str, object]:
    """``ledger/org-order.json``: the devices (id, name, the user who joined it, where its
    files are) and every kit entry's place in the organisation's order, which is the order
    ``verify-bundle`` replays the rule table in."""
    folders = {d.device: device_folder(d.device) for d in data.devices}
    return {
        "format": ORG_ORDER_FORMAT,
        "exporting_device": data.store_id,
        "devices": {
            device: {
                "label": name.label,
                "user": name.user,
                "folder": "ledger/" if device == data.store_id else folders.get(device, ""),
            }
            for device, name in sorted(data.device_names.items())
            if device == data.store_id or device in folders
        },
        "order": [
            {"device": p.device, "seq": p.seq, "org_seq": p.org_seq, "verdict": p.verdict}
            # a store's history from before it joined: replayed on its own (domain/pre_org.py)
            | ({"pre_org": True} if p.pre_org else {})
            for p in data.org_order
        ],
    }


def _ledger_files(
    folder: str,
    device: str,
    entries: Sequence[ledger.Entry],
    checkpoint: Checkpoint,
    cosigned_checkpoints: Sequence[Checkpoint],
    leaves: list[bytes],
    extra: dict[str, object],
) -> dict[str, bytes]:
    """One device's slice, checkpoint and proofs. The exporting device's go where a
    standalone kit has them (``folder`` '': ``ledger/...`` and ``proofs/...``); another
    device's under ``ledger/devices/<device>/``."""
    ledger_dir = folder or "ledger/"
    proofs_dir = f"{folder}proofs/" if folder else "proofs/"
    size = checkpoint.size
    root = bytes.fromhex(checkpoint.root)
    cache: merkle.SubtreeCache = {}  # every proof below is over the same leaves
    files: dict[str, bytes] = {}
    files[f"{ledger_dir}entries.jsonl"] = "".join(_entry_json(e) + "\n" for e in entries).encode()
    note = ledger.checkpoint_note(device, size, checkpoint.root)
    files[f"{ledger_dir}checkpoint-{size}.txt"] = note.encode()
    cosigned = []
    for cp in cosigned_checkpoints:
        path = merkle.consistency_proof(cp.size, leaves, cache) if cp.size < size else []
        cosigned.append(
            {
                "size": cp.size,
                "root": cp.root,
                "at": cp.at,
                "signer": cp.signer,
                "signature": cp.signature,
                "consistency_path": [h.hex() for h in path],
            }
        )
    files[f"{ledger_dir}checkpoints.json"] = json.dumps(
        {
            "store_id": device,
            "target": {
                "size": size,
                "root": checkpoint.root,
                "at": checkpoint.at,
                "signer": checkpoint.signer,
                "signature": checkpoint.signature,
                "note_file": f"{ledger_dir}checkpoint-{size}.txt",
                **extra,
            },
            "cosigned": cosigned,
        },
        indent=1,
        sort_keys=True,
    ).encode()
    for entry in entries:
        path = merkle.inclusion_proof(entry.seq - 1, leaves, cache)
        # The entry is signed through the checkpoint it closed (integrity/ledger.py): that
        # checkpoint's root, and the proof that its tree is a prefix of the target's, whose
        # leaf seq - 1 is this entry.
        closed = leaves[: entry.seq]
        files[f"{proofs_dir}entry-{entry.seq}.json"] = json.dumps(
            {
                "leaf_index": entry.seq - 1,
                "entry_hash": entry.entry_hash,
                "tree_size": size,
                "root": root.hex(),
                "inclusion_path": [h.hex() for h in path],
                "signed_checkpoint": {
                    "size": entry.seq,
                    "root": merkle.root_hash(closed, cache).hex(),
                    "consistency_path": [
                        h.hex()
                        for h in (
                            merkle.consistency_proof(entry.seq, leaves, cache)
                            if entry.seq < size
                            else []
                        )
                    ],
                },
            },
            indent=1,
            sort_keys=True,
        ).encode()
    return files


def tag_files(data: BundleData, manifest: bytes, pdf_index: dict[str, object]) -> dict[str, bytes]:
    """Every tag file except the manifests and the signed tag manifest."""
    size = data.checkpoint.size
    leaves = list(data.leaf_hashes)
    files: dict[str, bytes] = {
        EVIDENCE_MANIFEST: manifest,
        PDF_INDEX: json.dumps(pdf_index, ensure_ascii=False, sort_keys=True, indent=1).encode(),
    }
    if data.processing_record is not None:
        files[PROCESSING_RECORD] = json.dumps(
            data.processing_record.as_json(), ensure_ascii=False, sort_keys=True, indent=1
        ).encode()
    if data.screenshot_checks:
        files[kit_screenshots.CROSSCHECK] = kit_screenshots.document(data)
    files.update(
        _ledger_files(
            "",
            data.store_id,
            data.ledger,
            data.checkpoint,
            data.cosigned,
            leaves,
            {"stamped": data.checkpoint_stamped},
        )
    )
    for device in data.devices:
        files.update(
            _ledger_files(
                device_folder(device.device),
                device.device,
                device.entries,
                device.checkpoint,
                device.cosigned,
                list(device.leaf_hashes),
                {"label": device.label, "user": device.user},
            )
        )
    if data.is_org:
        files[ORG_ORDER] = json.dumps(org_order(data), indent=1, sort_keys=True).encode()
        files.update(org_proof.kit_files(data.org_proof))  # the hub's covering checkpoint
        files.update(_org_stamp_files(data.org_proof, files))
    for import_id, commitments in sorted(data.commitment_lists.items()):
        files[f"ledger/commitments/{safe_name(import_id)}.json"] = json.dumps(
            {"import_id": import_id, "commitments": list(commitments)}
        ).encode()
    files.update(kit_redaction.files(data))  # the plan and what proves each message
    files["keys/users.json"] = json.dumps(data.public_keys, indent=1, sort_keys=True).encode()
    if data.pdf_signer_chain_pem:
        files[PDF_SIGNER_CHAIN] = data.pdf_signer_chain_pem.encode()
    if data.pdf_tsa_roots_pem:
        files[PDF_TSA_ROOTS] = data.pdf_tsa_roots_pem.encode()
    for token in data.tokens:
        slug = tsa_slug(token.tsa_name)
        files[f"tsa/checkpoint-{size}.{slug}.tst"] = token.token_der
        files[f"tsa/{slug}-roots.pem"] = token.roots_pem.encode()
        files[f"tsa/{slug}-untrusted.pem"] = _pem(
            _untrusted(token.chain_der, token.roots_pem)
        ).encode()
    return files


def org_stamp_token(proof: org_proof.OrgProof) -> str:
    """The kit file of the organisation checkpoint's token, beside the checkpoints' own."""
    size = proof.stated.size if proof.stated is not None else 0
    return f"tsa/org-checkpoint-{size}.{tsa_slug(proof.stamp_tsa)}.tst"


def _org_stamp_files(proof: org_proof.OrgProof | None, files: dict[str, bytes]) -> dict[str, bytes]:
    """The hub's stamp of the organisation checkpoint as files a court's standard tool checks
    (``openssl ts -verify``, VERIFY.txt): the token, and the roots and intermediates of the TSA
    that issued it, unless the kit's own tokens of the same TSA already brought them."""
    if proof is None or not proof.stamp_tsa or not proof.stamp_token:
        return {}
    slug = tsa_slug(proof.stamp_tsa)
    out = {org_stamp_token(proof): proof.stamp_token}
    if f"tsa/{slug}-roots.pem" not in files:
        certs = x509.load_pem_x509_certificates(proof.stamp_roots_pem.encode())
        roots = [c for c in certs if c.issuer == c.subject]
        out[f"tsa/{slug}-roots.pem"] = "".join(
            c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in roots
        ).encode()
        kept = [c.public_bytes(serialization.Encoding.DER) for c in certs if c not in roots]
        chain = [*proof.stamp_chain, *kept]
        roots_pem = out[f"tsa/{slug}-roots.pem"].decode()
        out[f"tsa/{slug}-untrusted.pem"] = _pem(
            tuple(dict.fromkeys(_untrusted(chain, roots_pem)))
        ).encode()
    return out


PUBLISHED_ORG_KEYS = "published-org-keys.json"
#: the PDF volumes' PAdES signer certificate and its chain, and the roots of the TSA that
#: stamped them (issue 21 item 1): what verify-bundle validates the signatures against
PDF_SIGNER_CHAIN = "trust/pdf-signer-chain.pem"
PDF_TSA_ROOTS = "trust/pdf-tsa-roots.pem"


def published_root(tsa_name: str) -> str:
    """The file name VERIFY.txt gives the root certificate a TSA publishes: the verifier fetches
    it from the TSA, so it is never a file of the kit."""
    return f"published-root-{tsa_slug(tsa_name)}.pem"


def powershell_check(manifest: str) -> str:
    """A PowerShell line (Windows PowerShell 5.1 and later) that checks every line of a
    ``sha256sum``-style manifest with Get-FileHash: prints ``FAILED <file>`` for each mismatch or
    missing file, then ``OK`` or the number of failures."""
    return (
        "$bad = 0; Get-Content -Encoding UTF8 "
        f"'{manifest}' | ForEach-Object {{ $h, $f = $_ -split ' +', 2; "
        "$got = (Get-FileHash -Algorithm SHA256 -LiteralPath $f "
        "-ErrorAction SilentlyContinue).Hash; "
        'if ($got -ne $h) { $bad++; "FAILED $f" } }; '
        "if ($bad) { \"$bad FAILED\" } else { 'OK' }"
    )


def windows_check_lines(manifest: str, example: str) -> list[str]:
    """VERIFY.txt's Windows lines for one manifest (indented two spaces, so that the four-space
    POSIX commands stay apart)."""
    lines = [f"  Windows PowerShell: {powershell_check(manifest)}"]
    if example:
        windows_path = example.replace("/", "\\")
        lines.append(f"  Windows cmd: certutil -hashfile {windows_path} SHA256")
    return lines


_VERIFY_EN = Catalogue(
    {
        "kit_text.title": "Evidence Desk bundle {bundle_id} — how to check this kit",
        "kit_text.run_from": "Run from the folder that holds bagit.txt (unzip the kit first).",
        "kit_text.trust_outside": (
            "Two things must come from outside this kit, never from it: whoever makes a kit can "
            "put\nany root certificate into tsa/ and any key into keys/users.json."
        ),
        "kit_text.tsa_root": (
            "- {root}: the root certificate that {tsa} publishes (its\n  website, or the "
            "trusted list the court relies on), saved beside the kit."
        ),
        "kit_text.org_keys": (
            "- {file}: the signer keys that {organisation} publishes\n  (written by "
            "`evidence-desk org-keys`), saved beside the kit."
        ),
        "kit_text.the_organisation": "the producing organisation",
        "kit_text.windows": (
            "Steps 1 and 2 on Windows: each has a PowerShell line that checks the whole manifest"
            "\n(prints OK, or FAILED and the file) and a certutil command for one file, whose "
            "output\nmust equal that file's line in the manifest."
        ),
        "kit_text.step_payload": "Payload digests (originals and PDF)",
        "kit_text.step_tags": "Tag files (ledger slice, proofs, keys, tokens)",
        "kit_text.step_bagit": "BagIt structure (Library of Congress bagit-python)",
        # the PAdES signature of each volume (issue 21 item 1)
        "kit_text.step_pdf_signature": "PAdES signature of each PDF volume (poppler pdfsig)",
        "kit_text.pdf_signature": (
            'Each must read "Signature Validation: Signature is Valid." for the signer\'s\n'
            'signature, and "Total document signed" for the last one (the document time-stamp;\n'
            "without a TSA, the signature itself). -nocert skips the certificate check: the\n"
            "signer's certificate and chain are in {chain}; compare its CA with the one the\n"
            "organisation publishes. verify-bundle (the step before) checks the chain and\n"
            "the time-stamps, and every PDF filed beside the kit."
        ),
        "kit_text.step_token": (
            "Trusted time of checkpoint {size} ({tsa}, RFC 3161), against the TSA's published root"
        ),
        "kit_text.step_org_token": (
            "Trusted time of the organisation hub's checkpoint {size} ({tsa}), against the TSA's "
            "published root"
        ),
        "kit_text.step_tag_token": (
            "Trusted time of the tag manifest ({tsa}), against the TSA's published root"
        ),
        "kit_text.step_all": (
            "Everything at once: signatures, Merkle proofs, tokens, PDF digests, and whom the "
            "kit asks you to trust"
        ),
        "kit_text.intact": (
            "It prints the issuer of every token and every signer's key fingerprint, and ends "
            "with\nINTACT. INTACT BUT UNTRUSTED means the kit is consistent but a token chains "
            "only to a\nroot inside the kit or a signer is not in the published key list."
        ),
        "kit_text.masked_numbers": (
            "The PDF masks bank-card and account numbers in its transcripts (6222 **** ****\n"
            "1234); the originals in data/originals/ hold them in full, and every digest and\n"
            "commitment in this kit is over the stored messages and originals, not over the\n"
            "printed text. Compare a transcript with its original to read a masked number."
        ),
        # verifiable redaction (issue 21 item 5)
        "kit_text.step_redaction": "A message this bundle redacts, checked later against its "
        "original",
        "kit_text.redaction": (
            "The bundle redacts {spans} text spans, {messages} whole messages and {regions}\n"
            "image regions (redaction/plan.json: what, where and why, by reason code). The\n"
            "originals that hold what is redacted are not in this kit; evidence-manifest.json\n"
            'lists each with its SHA-256 and SM3 ("withheld": true). ledger/disclosed/ lists\n'
            "every bundled message's commitment with its proof to the import's signed root\n"
            "(verify-bundle checks them). Given a redacted message later (its content as the\n"
            "company stores it, content.json, and its salt in hex, salt.hex), the command\n"
            "below must print that message's commitment from ledger/disclosed/:"
        ),
        "kit_text.org_ledgers": (
            "This bundle combines the ledgers of {count} {count:device|devices} of the "
            "organisation. The\n"
            "exporting device's ledger is in ledger/ and proofs/; each other device's is in\n"
            "ledger/devices/<device id>/ (entries.jsonl, its signed checkpoint and proofs/).\n"
            "ledger/org-order.json lists every entry by device and seq in the organisation's\n"
            "order, in which verify-bundle replays the rules; each device's checkpoint note\n"
            "names that device, so an entry moved to another device fails its signature."
        ),
        "kit_text.org_checkpoint": (
            "{file} holds the organisation hub's checkpoint {size} (its Merkle root over every\n"
            "device's entries in the organisation's order), signed with the hub key it names,\n"
            "its RFC 3161 token when the hub had one, the witnesses' cosignatures and each\n"
            "entry's inclusion proof. evidence-desk verify-bundle (the step above) checks them\n"
            "with no hub: the organisation held every entry of this bundle, in this order and\n"
            "with this verdict, in the history the witnesses cosigned."
        ),
        "kit_text.org_unstamped": (
            "The hub had not yet time-stamped organisation checkpoint {size} when this bundle\n"
            "was made (it stamps in the background): the checkpoint proves which entries the\n"
            "organisation held and in which order, not when, and there is no step for its\n"
            "token. A bundle made again once the hub has stamped it carries the dated one."
        ),
        "kit_text.org_uncovered": (
            "{file}: {count} {count:entry|entries} of this bundle {count:is|are} not yet covered "
            "by an organisation\n"
            "checkpoint (not pushed to the hub when the bundle was made); verify-bundle lists\n"
            "them."
        ),
        "kit_text.fingerprints": (
            "Signers' keys as this kit states them (SHA-256 of the raw Ed25519 public key); "
            "each\nmust appear with the same fingerprint in {file}:"
        ),
        "kit_text.checkpoint_root": "Checkpoint {size}: root {root}",
        "kit_text.pdf_names": "PDF: {names}",
    }
)


def _paragraph(language: str, code: str, **facts: object) -> list[str]:
    """A paragraph of VERIFY.txt in the bundle's language, line by line."""
    return translations.say(_VERIFY_EN(code, **facts), language).split("\n")


def _heading(language: str, code: str, **facts: object) -> str:
    """A heading of VERIFY.txt, on one line."""
    return translations.say(_VERIFY_EN(code, **facts), language)


def verify_text(data: BundleData, pdf_names: Sequence[str], tag_stamp: TagStamp | None) -> str:
    """VERIFY.txt: the exact commands, with the TSA roots and signer keys taken from outside
    the kit. The kit's own roots and keys only show that it is consistent, which a kit made
    from a made-up store is too; trust comes from what the TSA and the organisation publish.

    Worded in the bundle's language, as the PDF that prints it in its appendix: a Chinese
    bundle's reader gets Chinese, an English one's English; the commands are the same."""
    lang = data.scope.language
    size = data.checkpoint.size
    organisation = data.organisation or _VERIFY_EN("kit_text.the_organisation")
    org_stamped = _org_stamped(data)
    tsa_names = list(
        dict.fromkeys(
            [t.tsa_name for t in data.tokens]
            + ([tag_stamp.tsa_name] if tag_stamp is not None else [])
            + ([org_stamped.stamp_tsa] if org_stamped is not None else [])
        )
    )
    lines = [
        _heading(lang, "kit_text.title", bundle_id=data.bundle_id),
        "",
        *_paragraph(lang, "kit_text.run_from"),
        "",
        *_paragraph(lang, "kit_text.trust_outside"),
    ]
    for name in tsa_names:
        lines += _paragraph(lang, "kit_text.tsa_root", root=published_root(name), tsa=name)
    lines += [
        *_paragraph(lang, "kit_text.org_keys", file=PUBLISHED_ORG_KEYS, organisation=organisation),
        "",
        *_paragraph(lang, "kit_text.windows"),
        "",
        f"1. {_heading(lang, 'kit_text.step_payload')}:",
        f"{COMMAND}sha256sum -c manifest-sha256.txt",
        f"{COMMAND}sha512sum -c manifest-sha512.txt",
        *windows_check_lines("manifest-sha256.txt", f"data/{pdf_names[0]}" if pdf_names else ""),
        f"2. {_heading(lang, 'kit_text.step_tags')}:",
        f"{COMMAND}sha256sum -c {TAGMANIFEST}",
        *windows_check_lines(TAGMANIFEST, "bagit.txt"),
        f"3. {_heading(lang, 'kit_text.step_bagit')}:",
        f"{COMMAND}bagit.py --validate .",
    ]
    n = 4
    for token in data.tokens:
        slug = tsa_slug(token.tsa_name)
        lines += [
            f"{n}. {_heading(lang, 'kit_text.step_token', size=size, tsa=token.tsa_name)}:",
            f"{COMMAND}openssl ts -verify -data ledger/checkpoint-{size}.txt "
            f"-in tsa/checkpoint-{size}.{slug}.tst -token_in "
            f"-CAfile {published_root(token.tsa_name)} -untrusted tsa/{slug}-untrusted.pem",
        ]
        n += 1
    if tag_stamp is not None:
        slug = tsa_slug(tag_stamp.tsa_name)
        # a TSA whose certificates no checkpoint token brought has them beside the token
        # (build_kit): ``TOKEN_FILE.untrusted.pem``
        brought = {tsa_slug(t.tsa_name) for t in data.tokens}
        if org_stamped is not None:
            brought.add(tsa_slug(org_stamped.stamp_tsa))
        untrusted = (
            f"tsa/{slug}-untrusted.pem" if slug in brought else f"{TOKEN_FILE}.untrusted.pem"
        )
        lines += [
            f"{n}. {_heading(lang, 'kit_text.step_tag_token', tsa=tag_stamp.tsa_name)}:",
            f"{COMMAND}openssl ts -verify -data {TAGMANIFEST} -in {TOKEN_FILE} -token_in "
            f"-CAfile {published_root(tag_stamp.tsa_name)} -untrusted {untrusted}",
        ]
        n += 1
    if org_stamped is not None and org_stamped.stated is not None:
        slug = tsa_slug(org_stamped.stamp_tsa)
        heading = _heading(
            lang, "kit_text.step_org_token", size=org_stamped.stated.size, tsa=org_stamped.stamp_tsa
        )
        lines += [
            f"{n}. {heading}:",
            f"{COMMAND}openssl ts -verify -data {org_proof.STATEMENT_FILE} "
            f"-in {org_stamp_token(org_stamped)} -token_in "
            f"-CAfile {published_root(org_stamped.stamp_tsa)} -untrusted tsa/{slug}-untrusted.pem",
        ]
        n += 1
    roots = "".join(f"--tsa-roots {published_root(name)} " for name in tsa_names)
    lines += [
        f"{n}. {_heading(lang, 'kit_text.step_all')}:",
        f"{COMMAND}evidence-desk verify-bundle . {roots}--org-key {PUBLISHED_ORG_KEYS}",
        *_paragraph(lang, "kit_text.intact"),
        "",
    ]
    # the kit's own VERIFY.txt names the volumes; the copy printed in the PDF cannot yet
    if pdf_names:
        lines += [
            f"{n + 1}. {_heading(lang, 'kit_text.step_pdf_signature')}:",
            *(f"{COMMAND}pdfsig -nocert data/{name}" for name in pdf_names),
            *_paragraph(lang, "kit_text.pdf_signature", chain=PDF_SIGNER_CHAIN),
            "",
        ]
        n += 1
    if data.redaction is not None:
        plan = data.redaction
        lines += [
            f"{n + 1}. {_heading(lang, 'kit_text.step_redaction')}:",
            *_paragraph(
                lang,
                "kit_text.redaction",
                spans=len(plan.spans),
                messages=len(plan.messages),
                regions=len(plan.regions),
            ),
            "   (xxd -r -p salt.hex; cat content.json) | sha256sum",
            "",
        ]
    lines += [
        *([*_paragraph(lang, "kit_text.masked_numbers"), ""] if data.numbers_masked else []),
        *(
            [*_paragraph(lang, "kit_text.org_ledgers", count=len(data.devices) + 1), ""]
            if data.is_org
            else []
        ),
        *(_org_checkpoint_paragraphs(data, lang) if data.is_org else []),
        *_paragraph(lang, "kit_text.fingerprints", file=PUBLISHED_ORG_KEYS),
    ]
    for name, key in sorted(data.public_keys.items()):
        try:
            fingerprint = signing.fingerprint(str(key.get("public_key", "")))
        except ValueError:
            fingerprint = "?"
        role = labels.label(lang, "role", str(key["role"])) if key.get("role") else "?"
        lines.append(f"- {name} ({role}): {fingerprint}")
    lines += ["", _heading(lang, "kit_text.checkpoint_root", size=size, root=data.checkpoint.root)]
    if pdf_names:  # the PDF's own copy of this text is written before its volumes are named
        lines.append(_heading(lang, "kit_text.pdf_names", names=", ".join(pdf_names)))
    lines.append("")
    return "\n".join(lines)


def _org_stamped(data: BundleData) -> org_proof.OrgProof | None:
    """The organisation checkpoint proof when the kit carries its token and the TSA's name."""
    proof = data.org_proof
    if proof is None or not proof.stamp_tsa or not proof.stamp_token:
        return None
    return proof


def _org_checkpoint_paragraphs(data: BundleData, lang: str) -> list[str]:
    """VERIFY.txt on the organisation checkpoint the kit carries (bundle/org_proof.py)."""
    proof = data.org_proof
    if proof is None:
        return []
    lines: list[str] = []
    stated = proof.stated
    if stated is not None:
        lines += [
            *_paragraph(lang, "kit_text.org_checkpoint", file=org_proof.FILE, size=stated.size),
            "",
        ]
    if stated is not None and not proof.stamp_token:
        lines += [*_paragraph(lang, "kit_text.org_unstamped", size=stated.size), ""]
    if proof.uncovered:
        count = len(proof.uncovered)
        lines += [*_paragraph(lang, "kit_text.org_uncovered", file=org_proof.FILE, count=count), ""]
    return lines


def signature_body(signer: str, sealed: dict[str, bytes]) -> bytes:
    """The signed part of ``tagmanifest-sha256.txt.sig``: signer, then ``sha256  path`` lines."""
    lines = [f"signer: {signer}"]
    lines += [f"{hashlib.sha256(c).hexdigest()}  {p}" for p, c in sorted(sealed.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _manifest_lines(digest: dict[str, str]) -> bytes:
    return "".join(f"{h}  {p}\n" for p, h in sorted(digest.items())).encode("utf-8")


def build_kit(
    data: BundleData,
    manifest: bytes,
    pdfs: Sequence[tuple[str, bytes]],
    pdf_index: dict[str, object],
    sign: Signer,
    stamp: Stamper,
) -> tuple[bytes, TagStamp | None]:
    """Assemble the zip; returns its bytes and the tag-manifest token (None when offline)."""
    top = f"bundle-{data.bundle_id}"
    moment = datetime.fromisoformat(data.produced_at)
    stamp_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    sha256: dict[str, str] = {}
    sha512: dict[str, str] = {}
    sm3: dict[str, str] = {}
    total_bytes = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:

        def put(path: str, content: bytes) -> None:
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=stamp_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, content)

        for original in data.originals:
            if original.withheld:  # it holds what the bundle redacts (the manifest lists it)
                continue
            content = original.read()
            path = original.kit_path
            sha256[path] = hashlib.sha256(content).hexdigest()
            sha512[path] = hashlib.sha512(content).hexdigest()
            sm3[path] = digests.sm3_hex(content)
            total_bytes += len(content)
            put(path, content)
        for name, content in pdfs:
            path = f"data/{name}"
            sha256[path] = hashlib.sha256(content).hexdigest()
            sha512[path] = hashlib.sha512(content).hexdigest()
            sm3[path] = digests.sm3_hex(content)
            total_bytes += len(content)
            put(path, content)

        tags = tag_files(data, manifest, pdf_index)
        tags["bagit.txt"] = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        tags["bag-info.txt"] = (
            "\n".join(
                [
                    f"Bag-Software-Agent: evidence-desk {__version__}",
                    f"Bagging-Date: {data.produced_at[:10]}",
                    f"External-Identifier: {data.bundle_id}",
                    f"External-Description: court bundle of case {data.scope.case_no}",
                    f"Contact-Name: {data.producer}",
                    f"Source-Organization: {data.organisation or '-'}",
                    f"Payload-Oxum: {total_bytes}.{len(sha256)}",
                    f"Evidence-Manifest-SHA256: {hashlib.sha256(manifest).hexdigest()}",
                    f"Evidence-Manifest-SM3: {digests.sm3_hex(manifest)}",
                    f"Checkpoint: {data.checkpoint.size} {data.checkpoint.root}",
                    f"Tag-Manifest-Signer: {data.producer}",
                ]
            )
            + "\n"
        ).encode("utf-8")
        tags["manifest-sha256.txt"] = _manifest_lines(sha256)
        tags["manifest-sha512.txt"] = _manifest_lines(sha512)
        tags[SM3_MANIFEST] = _manifest_lines(sm3)
        # VERIFY.txt names the tag-manifest token when a TSA is configured (the checkpoint's
        # tokens say so); the token is over the tag manifest, which holds VERIFY.txt, so the
        # step is written first and taken out again if the TSA gives no token.
        provisional_stamp = data.tokens[0] if data.tokens else None
        hint = (
            TagStamp(
                provisional_stamp.tsa_name,
                b"",
                provisional_stamp.chain_der,
                provisional_stamp.roots_pem,
            )
            if provisional_stamp
            else None
        )
        tags["VERIFY.txt"] = verify_text(data, [n for n, _ in pdfs], hint).encode("utf-8")
        tagmanifest = _manifest_lines({p: hashlib.sha256(c).hexdigest() for p, c in tags.items()})
        tag_stamp = stamp(tagmanifest)
        if tag_stamp is not None and (hint is None or tag_stamp.tsa_name != hint.tsa_name):
            # another TSA answered than the one VERIFY.txt named (or the checkpoint has no token
            # to name one): name the one that did, and stamp the tag manifest holding that text
            hint = tag_stamp
            tags["VERIFY.txt"] = verify_text(data, [n for n, _ in pdfs], hint).encode("utf-8")
            tagmanifest = _manifest_lines(
                {p: hashlib.sha256(c).hexdigest() for p, c in tags.items()}
            )
            tag_stamp = stamp(tagmanifest)
            if tag_stamp is not None and tag_stamp.tsa_name != hint.tsa_name:
                tag_stamp = None  # the TSAs keep failing over: no token beats a wrong step
        if tag_stamp is None and hint is not None:
            # no token after all: VERIFY.txt must not tell a court to check a file the kit
            # lacks. Nothing signs or stamps these bytes yet, so both are written again.
            tags["VERIFY.txt"] = verify_text(data, [n for n, _ in pdfs], None).encode("utf-8")
            tagmanifest = _manifest_lines(
                {p: hashlib.sha256(c).hexdigest() for p, c in tags.items()}
            )
        for path in sorted(tags):
            put(path, tags[path])
        put(TAGMANIFEST, tagmanifest)
        # The token is over the tag manifest, so the manifest cannot list it; the signature
        # file lists the digests of every file outside the manifest and signs them all.
        sealed = {TAGMANIFEST: tagmanifest}
        if tag_stamp is not None:
            sealed[TOKEN_FILE] = tag_stamp.token_der
            slug = tsa_slug(tag_stamp.tsa_name)
            if f"tsa/{slug}-roots.pem" not in tags:
                # a TSA that did not stamp the checkpoint: its certificates sit beside the token
                sealed[f"{TOKEN_FILE}.roots.pem"] = tag_stamp.roots_pem.encode()
                sealed[f"{TOKEN_FILE}.untrusted.pem"] = _pem(
                    _untrusted(tag_stamp.chain_der, tag_stamp.roots_pem)
                ).encode()
        for path, content in sealed.items():
            if path != TAGMANIFEST:
                put(path, content)
        body = signature_body(data.producer, sealed)
        put(SIGNATURE_FILE, body + f"signature: {sign(body)}\n".encode())
    return buffer.getvalue(), tag_stamp
