"""The organisation checkpoint a bundle carries, ``ledger/org/checkpoint.json``.

An organisation's bundle proves each entry against its own device's signed tree. The hub's
organisation checkpoint adds what no device alone can: that the organisation held every one of
the bundle's entries, in that order and with that verdict, at a time a TSA dated, and that the
witnesses cosigned that very history. ``verify-bundle`` checks it with no hub:

- ``org.checkpoint``: the checkpoint is signed by the hub key the file pins, and parses;
- ``org.inclusion``: every kit entry (device, seq, its entry hash in the kit, its verdict in
  ``ledger/org-order.json``) is proven at its organisation position by an RFC 9162 inclusion
  proof to the checkpoint's root, or listed as not yet covered (a warning, ``org.uncovered``);
- ``org.stamp``: the RFC 3161 token's imprint is the checkpoint's statement digest, its signature
  and chain verify against the TSA roots carried (judged for trust like the kit's other tokens);
- ``org.witness``: each witness cosigned this checkpoint, or a later one that extends it by the
  consistency proof carried, under the witness's key as the kit's ``keys/users.json`` gives it;
  a witness the kit has no key for is unverified (a warning), not a failure.

Statements of facts only; every sentence is a code of this module's catalogue.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from cryptography import x509

from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import merkle, tsa
from evidence_desk.integrity import org_checkpoints as org

FILE: Final = "ledger/org/checkpoint.json"
FORMAT: Final = "evidence-desk/org-checkpoint-proof/v1"
#: the checkpoint's statement as the hub signed it (context + text), for ``openssl ts -verify``
STATEMENT_FILE: Final = "ledger/org/checkpoint-statement.txt"

_said = Catalogue(
    {
        "org.unreadable": "not an organisation checkpoint file of this release: {problem}",
        "org.checkpoint_signature": "checkpoint {checkpoint} is not signed by the hub key "
        "{hub_key} this file pins",
        "org.no_proof": "no inclusion proof",
        "org.not_included": "not proven at organisation position {index} in checkpoint "
        "{checkpoint}",
        "org.other_entry": "the proof is of entry hash {stated} and verdict '{verdict}', the kit "
        "holds {held} and '{held_verdict}'",
        "org.uncovered": "not yet covered by an organisation checkpoint (not pushed to the hub, "
        "or pushed after the newest checkpoint the device kept)",
        "org.stamp_invalid": "the time-stamp token does not date checkpoint {checkpoint}: {error}",
        "org.witness_invalid": "witness {witness}'s cosignature does not verify under the key "
        "the kit gives {witness}",
        "org.witness_fork": "witness {witness} cosigned checkpoint {theirs}, which does not "
        "extend checkpoint {checkpoint}",
        "org.witness_unverified": "witness {witness}: the kit has no key for this user, so the "
        "cosignature is unverified",
    }
)


@dataclass(frozen=True, slots=True)
class ProvenEntry:
    """One kit entry's leaf of the organisation log and its inclusion proof."""

    device: str
    seq: int
    entry_hash: str
    verdict: str
    index: int  # 0-based position in the organisation log
    path: tuple[str, ...]  # RFC 9162 inclusion path, hex

    def as_json(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "seq": self.seq,
            "entry_hash": self.entry_hash,
            "verdict": self.verdict,
            "index": self.index,
            "path": list(self.path),
        }


@dataclass(frozen=True, slots=True)
class OrgProof:
    """What the exporting device puts into the kit (services/bundle_org_proof.py builds it)."""

    hub_id: str
    hub_key: str  # the hub's receipt key the device pinned (hex Ed25519)
    checkpoint: dict[str, Any] | None  # {body, signature, stamp?} as the hub signed it
    entries: tuple[ProvenEntry, ...] = ()
    uncovered: tuple[tuple[str, int], ...] = ()  # (device, seq) no kept checkpoint covers
    witnesses: tuple[dict[str, Any], ...] = ()  # {witness, checkpoint, signature, consistency}
    stamp_roots_pem: str = ""  # the roots (and intermediates) the token verified against
    stamp_tsa: str = ""  # the name of the store's TSA authority whose roots those are
    stamp_chain: tuple[bytes, ...] = ()  # the path the token verified by, signer first (DER)

    @property
    def stated(self) -> org.OrgCheckpoint | None:
        return None if self.checkpoint is None else org.parse(str(self.checkpoint["body"]))

    @property
    def covered(self) -> bool:
        """Every kit entry is proven in the checkpoint."""
        return self.checkpoint is not None and not self.uncovered

    @property
    def stamp_time(self) -> str:
        stamp = (self.checkpoint or {}).get("stamp")
        return str(stamp.get("gen_time", "")) if isinstance(stamp, dict) else ""

    @property
    def stamp_token(self) -> bytes:
        """The checkpoint's RFC 3161 token (DER), empty when it has none."""
        stamp = (self.checkpoint or {}).get("stamp")
        if not isinstance(stamp, dict):
            return b""
        try:
            return base64.b64decode(str(stamp.get("token", "")), validate=True)
        except ValueError:
            return b""

    @property
    def witness_names(self) -> list[str]:
        return sorted({str(w.get("witness", "")) for w in self.witnesses})

    def document(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "hub_id": self.hub_id,
                "hub_key": self.hub_key,
                "checkpoint": self.checkpoint,
                "entries": [e.as_json() for e in self.entries],
                "uncovered": [{"device": d, "seq": s} for d, s in self.uncovered],
                "witnesses": list(self.witnesses),
                "stamp_roots_pem": self.stamp_roots_pem,
                "stamp_tsa": self.stamp_tsa,
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        ).encode("utf-8")


def hub_key_of(content: bytes | None) -> tuple[str, str] | None:
    """(hub id, hub key) of a kit's file that carries a checkpoint (None: no file, no
    checkpoint, or unreadable: ``check`` reports that), for the trust assessment."""
    if content is None:
        return None
    try:
        doc = json.loads(content.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("checkpoint") is None:
            return None
        return str(doc["hub_id"]), str(doc["hub_key"])
    except (ValueError, KeyError, UnicodeDecodeError):
        return None


def carried(content: bytes) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The checkpoint (as the hub signed it) and the witnesses' cosignatures a kit's file
    carries, for a device to hold them to its own history; ValueError when it is not one."""
    try:
        doc = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(error) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(FORMAT)
    checkpoint = doc.get("checkpoint")
    witnesses = doc.get("witnesses", [])
    if (checkpoint is not None and not isinstance(checkpoint, dict)) or not isinstance(
        witnesses, list
    ):
        raise ValueError(FORMAT)
    return checkpoint, [w for w in witnesses if isinstance(w, dict)]


def statement_bytes(body: str) -> bytes:
    """Exactly what the hub signed and the TSA's token dates (its imprint is their SHA-256):
    the file a standard tool (``openssl ts -verify -data``) checks the token against."""
    return org.ORG_CHECKPOINT_CONTEXT + body.encode("utf-8")


def kit_files(proof: OrgProof | None) -> dict[str, bytes]:
    """The kit's files for ``proof`` (none for a store outside an organisation): the proof
    and, when it holds a checkpoint, the statement the hub signed."""
    if proof is None:
        return {}
    files = {FILE: proof.document()}
    if proof.checkpoint is not None:
        files[STATEMENT_FILE] = statement_bytes(str(proof.checkpoint["body"]))
    return files


@dataclass(frozen=True, slots=True)
class Found:
    """One finding of :func:`check`: ``verify_kit`` makes it a KitFinding."""

    code: str
    message: Phrase
    severity: str = "error"
    device: str | None = None
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class StampChecked:
    """The checkpoint's token that verified against the roots the file carries: verify_kit
    judges its trust as the kit's other tokens (bundle/trust.py)."""

    token: bytes
    digest: bytes
    certificates: tuple[x509.Certificate, ...]
    info: tsa.TimestampInfo


@dataclass
class Checked:
    """What :func:`check` found, and the token it verified (for the trust assessment)."""

    findings: list[Found] = field(default_factory=list)
    stamp: StampChecked | None = None


def check(
    content: bytes,
    kit_entries: Mapping[tuple[str, int], str],
    verdicts: Mapping[tuple[str, int], str],
    keys: Mapping[str, str],
) -> Checked:
    """Check the file's ``content`` against the kit's entries (``(device, seq)`` -> entry
    hash), their verdicts in the organisation's order and the users' keys the kit gives."""
    out = Checked()
    try:
        doc = json.loads(content.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError(FORMAT)
        hub_key = str(doc["hub_key"])
        signed_json = doc.get("checkpoint")
        signed = (
            None
            if signed_json is None
            else org.SignedCheckpoint(str(signed_json["body"]), str(signed_json["signature"]))
        )
        stated = None if signed is None else org.parse(signed.body)
        proven = {(str(e["device"]), int(e["seq"])): e for e in doc.get("entries", [])}
        uncovered = {(str(u["device"]), int(u["seq"])) for u in doc.get("uncovered", [])}
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, org.MalformedCheckpoint) as err:
        out.findings.append(Found("org.checkpoint", _said("org.unreadable", problem=err)))
        return out
    if signed is not None and stated is not None:
        if not org.signature_valid(hub_key, signed):
            said = _said("org.checkpoint_signature", checkpoint=stated.named(), hub_key=hub_key)
            out.findings.append(Found("org.checkpoint", said))
        _check_stamp(out, signed, stated, signed_json, str(doc.get("stamp_roots_pem", "")))
        for witness in doc.get("witnesses", []):
            _check_witness(out, witness, hub_key, stated, keys)
    for (device, seq), held in sorted(kit_entries.items()):
        if (device, seq) in uncovered or stated is None:
            said = _said("org.uncovered")
            out.findings.append(Found("org.uncovered", said, "warning", device, seq))
            continue
        item = proven.get((device, seq))
        if item is None:
            out.findings.append(Found("org.inclusion", _said("org.no_proof"), "error", device, seq))
            continue
        problem = _inclusion_problem(item, held, verdicts.get((device, seq), ""), stated)
        if problem is not None:
            out.findings.append(Found("org.inclusion", problem, "error", device, seq))
    return out


def _inclusion_problem(
    item: Any, held: str, verdict: str, stated: org.OrgCheckpoint
) -> Phrase | None:
    try:
        stated_hash, stated_verdict = str(item["entry_hash"]), str(item["verdict"])
        index = int(item["index"])
        path = [bytes.fromhex(str(step)) for step in item["path"]]
        root = bytes.fromhex(stated.root)
    except (KeyError, TypeError, ValueError):
        return _said("org.no_proof")
    if stated_hash != held or stated_verdict != verdict:
        return _said(
            "org.other_entry",
            stated=stated_hash,
            verdict=stated_verdict,
            held=held,
            held_verdict=verdict,
        )
    device, seq = str(item["device"]), int(item["seq"])
    leaf = org.leaf(device, seq, held, verdict)
    try:
        ok = 0 <= index < stated.size and merkle.verify_inclusion(
            leaf, index, stated.size, path, root
        )
    except ValueError:
        ok = False
    if not ok:
        return _said("org.not_included", index=index, checkpoint=stated.named())
    return None


def _check_stamp(
    out: Checked,
    signed: org.SignedCheckpoint,
    stated: org.OrgCheckpoint,
    signed_json: Any,
    roots_pem: str,
) -> None:
    stamp = signed_json.get("stamp") if isinstance(signed_json, dict) else None
    if not isinstance(stamp, dict):
        return  # not stamped: the PDF says so; nothing in the kit claims a time
    digest = org.statement_digest(signed.body)
    try:
        token = base64.b64decode(str(stamp.get("token", "")), validate=True)
        certs = x509.load_pem_x509_certificates(roots_pem.encode()) if roots_pem.strip() else []
        roots = [c for c in certs if c.issuer == c.subject]
        info = tsa.verify_token(token, digest, roots, [c for c in certs if c not in roots])
    except tsa.TsaError as error:
        said = _said("org.stamp_invalid", checkpoint=stated.named(), error=error.message)
        out.findings.append(Found("org.stamp", said))
        return
    except Exception as error:  # a damaged token must be reported, whatever the parser raises
        said = _said("org.stamp_invalid", checkpoint=stated.named(), error=error)
        out.findings.append(Found("org.stamp", said))
        return
    out.stamp = StampChecked(token, digest, tuple(certs), info)


def _check_witness(
    out: Checked, witness: Any, hub_key: str, stated: org.OrgCheckpoint, keys: Mapping[str, str]
) -> None:
    try:
        name = str(witness["witness"])
        theirs = org.SignedCheckpoint(
            str(witness["checkpoint"]["body"]), str(witness["checkpoint"]["signature"])
        )
        their_stated = org.parse(theirs.body)
        signature = str(witness["signature"])
        consistency = [str(step) for step in witness.get("consistency", [])]
    except (KeyError, TypeError, org.MalformedCheckpoint) as error:
        out.findings.append(Found("org.witness", _said("org.unreadable", problem=error)))
        return
    key = keys.get(name)
    if not key:
        said = _said("org.witness_unverified", witness=name)
        out.findings.append(Found("org.witness_unverified", said, "warning"))
        return
    if not org.witness_valid(key, theirs.body, signature):
        out.findings.append(Found("org.witness", _said("org.witness_invalid", witness=name)))
        return
    if (
        not org.signature_valid(hub_key, theirs)
        or their_stated.size < stated.size
        or not org.extends(stated, their_stated, consistency)
    ):
        said = _said(
            "org.witness_fork",
            witness=name,
            theirs=their_stated.named(),
            checkpoint=stated.named(),
        )
        out.findings.append(Found("org.witness", said))
