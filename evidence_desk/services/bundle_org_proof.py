"""At export, the organisation checkpoint that covers a bundle's entries (bundle/org_proof.py
says what the kit carries and how ``verify-bundle`` checks it).

The exporting device takes the newest checkpoint it kept at sync (``org-checkpoints.jsonl``,
each kept only after its root matched the history this device holds), with its RFC 3161 stamp,
the pinned hub key, and the witnesses' cosignatures that sync checked (``org-witnessed.json``)
of that checkpoint or of a later one whose history the device also holds (the consistency
proof is computed here). The inclusion proofs are computed from the device's own copy of the
organisation log (services/org_history.py): a copy that does not give the checkpoint's root is
refused (``bundle.org_history``) rather than exported with proofs that cannot verify.

The checkpoint proven at is the newest kept one that is time-stamped and covers every kit entry
the newest kept one covers (``_chosen``): a legal device that only reads often exports right
after a sync whose newest checkpoint the hub has not stamped yet, and an older stamped one
dates the same entries. When none is stamped the newest is used and the kit, VERIFY.txt and the
PDF say it is not time-stamped; ``bundle --wait-org-stamp`` (services/org_stamp_wait.py) syncs
until it is instead.

Entries the newest kept checkpoint does not cover (not pushed yet, or pushed after that sync)
are listed as not yet covered: the bundle says so instead of failing.
"""

from __future__ import annotations

import base64
import dataclasses
import urllib.parse
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from evidence_desk.bundle.model import BundleData
from evidence_desk.bundle.org_proof import OrgProof, ProvenEntry
from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import merkle, tsa
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.services import timestamps
from evidence_desk.services.checkpoint_log import Seen, seen
from evidence_desk.services.org_checkpoint_checks import (
    HeldEntry,
    held_rows,
    published_verify,
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
    rows = held_rows(session.conn, session.folder.store_id, 1 << 62)
    newest = _chosen(session, kept, rows, data)
    stated = newest.stated
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
        _checkpoint(newest, tsa_name),
        tuple(proven),
        tuple(uncovered),
        tuple(_witnesses(session, stated, leaves)),
        roots_pem,
        tsa_name,
        chain,
    )
    return dataclasses.replace(data, org_proof=proof)


def _chosen(session: Session, kept: list[Seen], rows: list[HeldEntry], data: BundleData) -> Seen:
    """The checkpoint the kit proves its entries at: the newest kept one whose stamp dates it
    among those that cover every kit entry the newest kept one covers (a stamp dates the
    entries; a later checkpoint adds nothing for them but the witnesses, whose cosignatures of
    later checkpoints the kit carries with the consistency proof). The newest kept one when
    none of those is stamped yet: the kit and its PDF then say it is not time-stamped."""
    at = {(row.device, row.seq): n for n, row in enumerate(rows)}
    places = [at[(p.device, p.seq)] for p in data.org_order if (p.device, p.seq) in at]
    newest = kept[-1]
    covered = [n for n in places if n < newest.stated.size]
    need = max(covered) + 1 if covered else 0
    for one in reversed(kept):
        if one.stated.size >= need and one.stamp is not None and not stamp_problem(session, one):
            return one
    return newest


def _kit_hashes(data: BundleData) -> dict[tuple[str, int], str]:
    out = {(data.store_id, e.seq): e.entry_hash for e in data.ledger}
    for device in data.devices:
        out.update({(device.device, e.seq): e.entry_hash for e in device.entries})
    return out


def _checkpoint(newest: Seen, tsa_name: str) -> dict[str, Any]:
    """The checkpoint as the kit carries it: its stamp only when a TSA's certificates verify
    it (``tsa_name``), so that the kit carries them too; a token nothing here verifies (one
    that does not date it, or one of a hub that published no certificates, to a store that
    does not know its TSA) is left out, and the kit says the checkpoint is not stamped."""
    if not tsa_name:
        newest = dataclasses.replace(newest, stamp=None)
    return newest.as_json()


def _stamp_authority(session: Session, newest: Seen) -> tuple[str, str, tuple[bytes, ...]]:
    """The TSA that verifies the stamp: its name, its PEM roots and intermediates, and the
    certificate path the token verified by (signer first, root last). One of the store's
    authorities when one verifies it; else the certificate path the hub published with the
    stamp (a store need not know the hub's TSA for its kit to carry the token and a court to
    check it); empty when there is no stamp or nothing verifies it."""
    if newest.stamp is None or stamp_problem(session, newest):
        return "", "", ()
    for authority in timestamps.list_authorities(session):
        info = _verified_by(newest, authority)
        if info is not None:
            pem = "".join(
                cert.public_bytes(Encoding.PEM).decode("ascii")
                for cert in [*authority.roots, *authority.certs]
            )
            return authority.name, pem, info.cert_chain_der
    published = published_verify(newest)
    if published is None:
        return "", "", ()
    return (
        hub_tsa_name(newest),
        str((newest.stamp or {}).get("certs", "")),
        published.cert_chain_der,
    )


def hub_tsa_name(one: Seen) -> str:
    """The name a kit gives the hub's TSA when the store configured no authority of it: the
    TSA's host as the hub stamped with it (VERIFY.txt asks for that TSA's published root)."""
    host = urllib.parse.urlsplit(str((one.stamp or {}).get("tsa", ""))).hostname
    return f"hub-tsa-{host}" if host else "hub-tsa"


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
