"""The kit's side of verifiable redaction (issue 21 item 5): what it carries, how it is checked.

A redacted bundle's kit carries:

- ``redaction/plan.json``: the plan as legal keeps it (``domain/redaction.py``); its digest
  (SHA-256 of the canonical :meth:`RedactionPlan.facts`) is in the evidence manifest, which the
  exporter signed and the export's ledger entry records;
- ``ledger/disclosed/<import>.json`` (every bundle, redacted or not): per bundled message its
  commitment, index and RFC 9162 inclusion proof to the import's Merkle root of commitments
  (signed in the import's ledger entry, which the kit's ledger slice holds); for a message
  printed in full also its salt and content, from which anyone recomputes the commitment;
- no original that holds what is withheld: the manifest lists such an original with
  ``"withheld": true`` and its SHA-256 and SM3, for the court given the original later.

``problems`` checks all of it with nothing but the kit, for ``verify-bundle``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from evidence_desk.bundle.model import BundleData
from evidence_desk.domain import file_names
from evidence_desk.domain.redaction import RedactionError, RedactionPlan, from_json
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import merkle
from evidence_desk.integrity.canonical import canonical_bytes

PLAN_FILE = "redaction/plan.json"
DISCLOSED = "ledger/disclosed/"

_said = Catalogue(
    {
        "kit.redaction_plan_missing": "the evidence manifest records a redaction plan, but the "
        "kit does not carry it",
        "kit.redaction_plan_unlisted": "a redaction plan the evidence manifest does not record",
        "kit.redaction_plan_digest": "the plan's digest {digest} is not the one the evidence "
        "manifest records ({recorded})",
        "kit.redaction_plan_invalid": "not a redaction plan: {code} {facts}",
        "kit.withheld_present": "listed as withheld, yet the kit carries it",
        "kit.disclosed_unreadable": "not a disclosure of an import's messages",
        "kit.disclosed_root": "no signed import entry in the ledger slice records import "
        "{import_id}",
        "kit.disclosed_proof": "message {commitment} (index {index}) is not proven in the "
        "import's signed root",
        "kit.disclosed_content": "message {commitment}: its salt and content do not give its "
        "commitment",
        "kit.disclosed_redacted": "message {commitment} is redacted, yet its salt is disclosed",
    }
)


def plan_digest(plan: RedactionPlan) -> str:
    """SHA-256 (hex) of the plan's canonical facts: what the manifest and the ledger record."""
    return hashlib.sha256(canonical_bytes(plan.facts())).hexdigest()


def manifest_facts(data: BundleData) -> dict[str, Any]:
    """The evidence manifest's ``redaction`` member (empty when nothing is redacted)."""
    plan = data.redaction
    if plan is None:
        return {}
    return {
        "redaction": {
            "digest": plan_digest(plan),
            "counts": {
                "spans": len(plan.spans),
                "messages": len(plan.messages),
                "regions": len(plan.regions),
            },
            "detectors": dict(sorted(plan.detectors.items())),
            "defaults": data.redaction_defaults,
        }
    }


def files(data: BundleData) -> dict[str, bytes]:
    """The plan file and the disclosures, by kit path."""
    out: dict[str, bytes] = {}
    if data.redaction is not None:
        out[PLAN_FILE] = data.redaction.to_json().encode("utf-8")
    for import_id, records in sorted(data.disclosures.items()):
        size = len(data.commitment_lists.get(import_id, ()))
        out[f"{DISCLOSED}{_safe(import_id)}.json"] = json.dumps(
            {"import_id": import_id, "tree_size": size, "messages": list(records)},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        ).encode("utf-8")
    return out


def _safe(import_id: str) -> str:
    return file_names.safe_path(import_id)


def salted(salt_hex: str, content: str) -> str:
    """SHA-256(salt || content) in hex: the commitment a disclosed message must give."""
    return hashlib.sha256(bytes.fromhex(salt_hex) + content.encode("utf-8")).hexdigest()


def _plan_problems(
    kit: Mapping[str, bytes], manifest: Mapping[str, Any]
) -> Iterator[tuple[str, str, Phrase]]:
    recorded = manifest.get("redaction")
    content = kit.get(PLAN_FILE)
    if not isinstance(recorded, dict):
        if content is not None:
            yield "redaction.plan", PLAN_FILE, _said("kit.redaction_plan_unlisted")
        return
    if content is None:
        yield "redaction.plan", PLAN_FILE, _said("kit.redaction_plan_missing")
        return
    try:
        plan = from_json(content.decode("utf-8"))
    except (RedactionError, UnicodeDecodeError) as error:
        code = getattr(error, "code", "utf-8")
        facts = json.dumps(getattr(error, "facts", {}), ensure_ascii=False, default=str)
        said = _said("kit.redaction_plan_invalid", code=code, facts=facts)
        yield "redaction.plan", PLAN_FILE, said
        return
    digest = plan_digest(plan)
    if digest != recorded.get("digest"):
        yield (
            "redaction.plan",
            PLAN_FILE,
            _said("kit.redaction_plan_digest", digest=digest, recorded=recorded.get("digest")),
        )


def redacted_messages(kit: Mapping[str, bytes]) -> frozenset[str]:
    """The commitments the kit's plan redacts (empty without a readable plan)."""
    try:
        plan = from_json(kit.get(PLAN_FILE, b"{}").decode("utf-8"))
    except (RedactionError, UnicodeDecodeError):
        return frozenset()
    return frozenset([s.message for s in plan.spans] + [m.message for m in plan.messages])


def _record_problems(
    name: str, record: Any, root: bytes, size: int, redacted: frozenset[str]
) -> Iterator[tuple[str, str, Phrase]]:
    if not isinstance(record, dict):
        yield "redaction.disclosed", name, _said("kit.disclosed_unreadable")
        return
    commitment, index = str(record.get("commitment")), record.get("index")
    try:
        leaf = merkle.leaf_hash(bytes.fromhex(commitment))
        proof = [bytes.fromhex(str(h)) for h in record.get("proof", [])]
    except (ValueError, TypeError):
        leaf, proof = b"", []
    if not merkle.verify_inclusion(leaf, index, size, proof, root):  # type: ignore[arg-type]
        yield (
            "redaction.proof",
            name,
            _said("kit.disclosed_proof", commitment=commitment, index=index),
        )
    if "salt" not in record:
        return
    if commitment in redacted:
        yield "redaction.disclosed", name, _said("kit.disclosed_redacted", commitment=commitment)
    try:
        same = salted(str(record["salt"]), str(record.get("content", ""))) == commitment
    except ValueError:
        same = False
    if not same:
        yield "redaction.content", name, _said("kit.disclosed_content", commitment=commitment)


def _tree_size(kit: Mapping[str, bytes], import_id: str) -> int:
    try:
        listed = json.loads(kit.get(f"ledger/commitments/{_safe(import_id)}.json", b"{}"))
        return len(listed.get("commitments", []))
    except (ValueError, AttributeError, TypeError):
        return 0


def problems(
    kit: Mapping[str, bytes], manifest: Mapping[str, Any], roots: Mapping[str, str]
) -> Iterator[tuple[str, str, Phrase]]:
    """(check, file, what is wrong) for the plan, the withheld originals and every disclosed
    message; ``roots``: import id -> the commitments root its signed entry records."""
    yield from _plan_problems(kit, manifest)
    for exhibit in manifest.get("exhibits", []):
        for original in exhibit.get("originals", []) if isinstance(exhibit, dict) else []:
            if isinstance(original, dict) and original.get("withheld") is True:
                path = str(original.get("path"))
                if path in kit:
                    yield "redaction.withheld", path, _said("kit.withheld_present")
    redacted = redacted_messages(kit)
    for name in sorted(p for p in kit if p.startswith(DISCLOSED)):
        try:
            doc = json.loads(kit[name])
        except ValueError:
            doc = None
        if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
            yield "redaction.disclosed", name, _said("kit.disclosed_unreadable")
            continue
        import_id = str(doc.get("import_id"))
        if import_id not in roots:
            yield "redaction.disclosed", name, _said("kit.disclosed_root", import_id=import_id)
            continue
        try:
            root = bytes.fromhex(roots[import_id])
        except ValueError:
            root = b""
        # the tree size a proof is checked at comes from the import's commitments list (whose
        # root verify-bundle checks against the signed entry), never from the disclosure itself
        size = _tree_size(kit, import_id)
        for record in doc["messages"]:
            yield from _record_problems(name, record, root, size, redacted)
