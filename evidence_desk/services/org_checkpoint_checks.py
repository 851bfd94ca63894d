"""verify's check of the organisation checkpoints a device kept (services/org_checkpoints.py
keeps them at sync): each still signed by the pinned hub key, and each root the root of the
organisation history this store holds. Apart from the sync side so that verify needs no hub
client: it reads the store and the folder only.
"""

from __future__ import annotations

import base64
import bisect
import json
from dataclasses import dataclass
from typing import Any, Final

from cryptography import x509

from evidence_desk.domain.errors import HubForked
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import merkle, tsa
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.services import timestamps
from evidence_desk.services.checkpoint_log import SEEN_FILE, Seen, seen
from evidence_desk.services.receipt_checks import pinned
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import StoreFolder

#: the witnesses' cosignatures a sync checked (services/org_checkpoints.meet and cosign)
WITNESSED_FILE: Final = "org-witnessed.json"

_said = Catalogue(
    {
        "org_checkpoint.where": "organisation checkpoint {checkpoint}",
        "org_checkpoint.where_file": "{file} in the store folder",
        "org_checkpoint.no_pin": "the store kept organisation checkpoints but pinned no hub key",
        "org_checkpoint.kept_signature": "not signed by the pinned hub key",
        "org_checkpoint.stamp_unreadable": "its time-stamp token is not base64",
        "org_checkpoint.stamp_invalid": "its time-stamp token does not date this checkpoint "
        "({error})",
        "org_checkpoint.stamp_unchecked": "its time-stamp token cannot be checked against the "
        "roots of a TSA this store configured (the hub's TSA is not one of them)",
        "org_checkpoint.kept_root": "its root is not the root of the organisation history this "
        "store holds ({held})",
    }
)


@dataclass(frozen=True, slots=True)
class HeldEntry:
    """One leaf of the organisation log as this store holds it, and its acceptance position."""

    device: str
    seq: int
    entry_hash: str
    verdict: str
    org_seq: int

    def leaf(self) -> bytes:
        return org.leaf(self.device, self.seq, self.entry_hash, self.verdict)


def published_verify(one: Seen) -> tsa.TimestampInfo | None:
    """``one``'s token verified against the certificate path the hub published with it (its
    self-signed certificates as the roots): None when the hub published none or the token does
    not verify by them. It shows the token is whole and dates the checkpoint; whether the TSA
    is one to trust is judged against the root the TSA publishes (verify-bundle
    ``--tsa-roots``), never against what the hub says."""
    stamp = one.stamp or {}
    try:
        token = base64.b64decode(stamp.get("token", ""), validate=True)
        certs = x509.load_pem_x509_certificates(stamp.get("certs", "").encode("ascii"))
    except ValueError:
        return None
    roots = [c for c in certs if c.issuer == c.subject]
    try:
        digest = org.statement_digest(one.signed.body)
        return tsa.verify_token(token, digest, roots, [c for c in certs if c not in roots])
    except tsa.TsaError:
        return None


def stamp_problem(session: Session, one: Seen) -> str | None:
    """Why ``one``'s stamp does not date it (None: it verifies, or there is none): its imprint
    must be the checkpoint's statement digest, its signature and chain must verify against one
    of the store's configured TSA authorities (as the store's own stamps). ``""``: none of them
    is the hub's TSA, and the token verifies by the certificate path the hub published with it
    (or the hub published none and the store has no TSA roots at all)."""
    if one.stamp is None:
        return None
    try:
        token = base64.b64decode(one.stamp["token"], validate=True)
    except (ValueError, KeyError):
        return _said("org_checkpoint.stamp_unreadable")
    digest = org.statement_digest(one.signed.body)
    problem = ""
    for authority in timestamps.list_authorities(session):
        try:
            tsa.verify_token(token, digest, authority.roots, authority.certs)
        except tsa.TsaError as error:
            problem = error.message
            continue
        return None
    if "certs" in one.stamp:  # the hub published the TSA's path: the token must verify by it
        return (
            ""
            if published_verify(one) is not None
            else _said("org_checkpoint.stamp_invalid", error=problem or "-")
        )
    return _said("org_checkpoint.stamp_invalid", error=problem) if problem else ""


def held_rows(
    conn: db.Connection, store_id: str, upto_hub_seq: int, *, after: int = 0
) -> list[HeldEntry]:
    """The organisation log up to ``upto_hub_seq`` from this store's own copies, in order
    (only the entries placed after ``after``: services/held_root.py extends a kept root)."""
    rows = conn.execute(
        "SELECT device_id, seq, entry_hash, verdict, org_seq FROM device_entries "
        "WHERE org_seq <= ? AND org_seq > ? UNION ALL "
        "SELECT ?, l.seq, l.entry_hash, p.verdict, p.org_seq FROM ledger l "
        "JOIN org_positions p USING (seq) WHERE p.org_seq <= ? AND p.org_seq > ? ORDER BY 5",
        (upto_hub_seq, after, store_id, upto_hub_seq, after),
    ).fetchall()
    return [HeldEntry(str(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


def _held_roots(session: Session, kept: list[Seen]) -> dict[tuple[int, int], tuple[int, str]]:
    """(hub_seq, size) of each kept checkpoint -> how many entries this store holds up to that
    hub_seq, and the root over the first ``size`` of them (all when fewer): what
    ``root_of(held_leaves(...)[:size])`` gives, from one read of the held log and one pass of
    a compact range in order of size, not a read and a hash of the whole log per checkpoint
    (thousands kept, over an organisation's history)."""
    rows = held_rows(session.conn, session.folder.store_id, max(k.stated.hub_seq for k in kept))
    positions = [row.org_seq for row in rows]  # ascending: held_rows orders by org_seq
    wanted: dict[tuple[int, int], int] = {}  # checkpoint -> entries held up to its hub_seq
    for one in kept:
        wanted[one.stated.hub_seq, one.stated.size] = bisect.bisect_right(
            positions, one.stated.hub_seq
        )
    tree = merkle.CompactRange()
    roots: dict[int, str] = {}
    for n in sorted({min(size, count) for (_seq, size), count in wanted.items()}):
        while tree.size < n:
            tree.append(rows[tree.size].leaf())
        roots[n] = tree.root_hash().hex()
    return {(seq, size): (count, roots[min(size, count)]) for (seq, size), count in wanted.items()}


def held_leaves(conn: db.Connection, store_id: str, upto_hub_seq: int) -> list[bytes]:
    """The organisation log's leaves up to ``upto_hub_seq`` from this store's own copies."""
    return [row.leaf() for row in held_rows(conn, store_id, upto_hub_seq)]


def witnessed(folder: StoreFolder) -> list[dict[str, Any]]:
    """The witnesses' cosignatures this store checked at sync (its own too, as a witness):
    each witness's newest, as the hub served it (``witness``, ``checkpoint``, ``sign_key``,
    ``signature``). A bundle carries those of its checkpoint or a later one."""
    path = folder.path / WITNESSED_FILE
    try:
        items = json.loads(path.read_text("utf-8"))["witnessed"] if path.exists() else []
    except (OSError, ValueError, KeyError, TypeError):
        return []  # a damaged copy proves nothing; the next sync writes it again
    return [item for item in items if isinstance(item, dict)]


def keep_witnessed(folder: StoreFolder, items: list[dict[str, Any]]) -> None:
    """Keep ``items`` (checked cosignatures), each witness's newest over what was kept."""
    newest: dict[str, tuple[int, dict[str, Any]]] = {}
    for item in [*witnessed(folder), *items]:
        try:
            size = org.parse(str(item["checkpoint"]["body"])).size
        except (KeyError, TypeError, org.MalformedCheckpoint):
            continue
        name = str(item.get("witness", ""))
        if name not in newest or newest[name][0] <= size:
            newest[name] = (size, item)
    body = {"witnessed": [newest[name][1] for name in sorted(newest)]}
    data = json.dumps(body, indent=1).encode("utf-8")
    path = folder.path / WITNESSED_FILE
    # a sync that met no newer cosignature writes (and fsyncs) nothing
    if not path.exists() or path.read_bytes() != data:
        atomic_write(path, data)


def check_kept(session: Session, replay: Replay) -> list[Finding]:
    """The findings about the kept checkpoints (see the module docstring)."""
    del replay  # the kept checkpoints are checked against the stored copies themselves
    folder = session.folder
    try:
        kept = seen(folder, fresh=True)
    except HubForked as error:
        where = _said("org_checkpoint.where_file", file=SEEN_FILE)
        return [Finding("org_checkpoint.unreadable", where, error.detail)]
    if not kept:
        return []
    pin = pinned(folder)
    if pin is None:
        where = _said("org_checkpoint.where_file", file=SEEN_FILE)
        return [Finding("org_checkpoint.no_pin", where, _said("org_checkpoint.no_pin"))]
    held = _held_roots(session, kept)
    findings: list[Finding] = []
    for one in kept:
        where = _said("org_checkpoint.where", checkpoint=one.stated.named())
        if not any(org.signature_valid(k, one.signed) for k in pin.keys_at(one.stated.at)):
            detail = _said("org_checkpoint.kept_signature")
            findings.append(Finding("org_checkpoint.signature", where, detail))
        count, root = held[one.stated.hub_seq, one.stated.size]
        if count != one.stated.size or root != one.stated.root:
            detail = _said("org_checkpoint.kept_root", held=root)
            findings.append(Finding("org_checkpoint.root", where, detail))
        problem = stamp_problem(session, one)
        if problem:
            findings.append(Finding("org_checkpoint.stamp", where, problem))
        elif problem == "":
            detail = _said("org_checkpoint.stamp_unchecked")
            findings.append(Finding("org_checkpoint.stamp_unchecked", where, detail, "warning"))
    return findings
