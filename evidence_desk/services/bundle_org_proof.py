"""At export, the organisation checkpoint that covers a bundle's entries (bundle/org_proof.py
says what the kit carries and how ``verify-bundle`` checks it).

The exporting device takes the newest checkpoint it kept at sync (``org-checkpoints.json``,
each kept only after its root matched the history this device holds), with its RFC 3161 stamp,
the pinned hub key, and the witnesses' cosignatures that sync checked (``org-witnessed.json``)
of that checkpoint or of a later one whose history the device also holds (the consistency
proof is computed here). The inclusion proofs are computed from the device's own copy of the
organisation log (services/org_history.py): a copy that does not give the checkpoint's root is
refused (``bundle.org_history``) rather than exported with proofs that cannot verify.

Entries the newest kept checkpoint does not cover (not pushed yet, or pushed after that sync)
are listed as not yet covered: the bundle says so instead of failing.
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from evidence_desk.bundle.model import BundleData
from evidence_desk.bundle.org_proof import OrgProof, ProvenEntry
from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import merkle, tsa
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.services import timestamps
from evidence_desk.services.org_checkpoint_checks import (
    Seen,
    held_rows,
    seen,
    stamp_problem,
    witnessed,
)
from evidence_desk.services.receipt_checks import pinned
from evidence_desk.services.session import Session

_said = Catalogue(
    {
        "bundle.org_history": "the organisation history this device holds does not give the "
        "root of checkpoint {checkpoint} it kept ({held}): no bundle can prove its entries "
        "in it; run verify",
    }
)


def attach(session: Session, data: BundleData) -> BundleData:
    """``data`` with the organisation checkpoint proof (unchanged for a store outside an
    organisation or never bound to a hub)."""
    if not data.is_org:
        return data
    pin = pinned(session.folder)
    if pin is None:
        return data
    kept = seen(session.folder)
    hashes = _kit_hashes(data)
    if not kept:
        none = OrgProof(pin.hub_id, pin.receipt_key, None, uncovered=tuple(sorted(hashes)))
        return dataclasses.replace(data, org_proof=none)
    newest = kept[-1]
    stated = newest.stated
    rows = held_rows(session.conn, session.folder.store_id, 1 << 62)
    leaves = [row.leaf() for row in rows]
    cache: merkle.SubtreeCache = {}
    held = (
        merkle.root_hash(leaves[: stated.size], cache).hex() if len(leaves) >= stated.size else ""
    )
    if held != stated.root:
        said = _said("bundle.org_history", checkpoint=stated.named(), held=held or "-")
        raise StoreError(said)
    index = {(row.device, row.seq): n for n, row in enumerate(rows[: stated.size])}
    proven: list[ProvenEntry] = []
    uncovered: list[tuple[str, int]] = []
    for place in data.org_order:
        key = (place.device, place.seq)
        at = index.get(key)
        if at is None:
            uncovered.append(key)
            continue
        path = merkle.inclusion_proof(at, leaves[: stated.size], cache)
        row = rows[at]
        proven.append(
            ProvenEntry(
                row.device,
                row.seq,
                row.entry_hash,
                row.verdict,
                at,
                tuple(step.hex() for step in path),
            )
        )
    tsa_name, roots_pem, chain = _stamp_authority(session, newest)
    proof = OrgProof(
        pin.hub_id,
        pin.receipt_key,
        _checkpoint(session, newest),
        tuple(proven),
        tuple(uncovered),
        tuple(_witnesses(session, stated, leaves)),
        roots_pem,
        tsa_name,
        chain,
    )
    return dataclasses.replace(data, org_proof=proof)


def _kit_hashes(data: BundleData) -> dict[tuple[str, int], str]:
    out = {(data.store_id, e.seq): e.entry_hash for e in data.ledger}
    for device in data.devices:
        out.update({(device.device, e.seq): e.entry_hash for e in device.entries})
    return out


def _checkpoint(session: Session, newest: Seen) -> dict[str, Any]:
    if stamp_problem(session, newest):  # a token that does not date it is left out
        newest = dataclasses.replace(newest, stamp=None)
    return newest.as_json()


def _stamp_authority(session: Session, newest: Seen) -> tuple[str, str, tuple[bytes, ...]]:
    """The store's TSA authority that verifies the stamp: its name, its PEM roots and
    intermediates, and the certificate path the token verified by (signer first, root last);
    empty when there is no stamp or none verifies it."""
    if newest.stamp is None or stamp_problem(session, newest) is not None:
        return "", "", ()
    for authority in timestamps.list_authorities(session):
        info = _verified_by(newest, authority)
        if info is not None:
            pem = "".join(
                cert.public_bytes(Encoding.PEM).decode("ascii")
                for cert in [*authority.roots, *authority.certs]
            )
            return authority.name, pem, info.cert_chain_der
    return "", "", ()


def _verified_by(one: Seen, authority: timestamps.Authority) -> tsa.TimestampInfo | None:
    try:
        token = base64.b64decode((one.stamp or {}).get("token", ""), validate=True)
        return tsa.verify_token(
            token, org.statement_digest(one.signed.body), authority.roots, authority.certs
        )
    except (ValueError, tsa.TsaError):
        return None


def _witnesses(
    session: Session, stated: org.OrgCheckpoint, leaves: list[bytes]
) -> list[dict[str, Any]]:
    """The kept cosignatures of ``stated`` or of a later checkpoint this device's history
    reproduces, each with the consistency proof from ``stated``."""
    out: list[dict[str, Any]] = []
    for item in witnessed(session.folder):
        try:
            theirs = org.parse(str(item["checkpoint"]["body"]))
        except (KeyError, TypeError, org.MalformedCheckpoint):
            continue
        if theirs.size < stated.size or theirs.size > len(leaves):
            continue
        prefix = leaves[: theirs.size]
        if theirs.size > stated.size and org.root_of(prefix) != theirs.root:
            continue
        if theirs.size == stated.size and theirs.root != stated.root:
            continue
        proof = [] if theirs.size == stated.size else merkle.consistency_proof(stated.size, prefix)
        out.append(
            {
                "witness": str(item.get("witness", "")),
                "checkpoint": {
                    "body": str(item["checkpoint"]["body"]),
                    "signature": str(item["checkpoint"]["signature"]),
                },
                "signature": str(item.get("signature", "")),
                "consistency": [step.hex() for step in proof],
            }
        )
    return out
