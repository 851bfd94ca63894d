"""Gossip outside the hub: devices exchange the organisation checkpoints they were shown.

Witnesses' cosigned checkpoints reach a device through the hub (``GET /v1/org/witnessed``), so a
hub can withhold them and show two devices two histories that never meet. Gossip is the channel
the hub cannot filter: a file carried from one device to another (a USB stick, an e-mail), or a
court bundle (its ``ledger/org/checkpoint.json``).

**Export** (``org gossip export``): the device's newest kept checkpoint (as the hub signed it,
with its stamp) and the witnesses' cosignatures it checked (``org-witnessed.json``), in a
canonical statement signed with the user's key over ``GOSSIP_CONTEXT + statement``.

**Import** (``org gossip import``): every checkpoint in it must be signed by this store's pinned
hub key (the hub's signature is what makes a contradiction proof). Each is then held to this
device's *own* copy of the organisation log, with no hub: a device holds every entry it pulled,
so it computes the root at any size up to its newest kept checkpoint (whose root it confirmed)
and, beyond it, at any size whose entries it holds. A root that differs at a size the device
vouches for is a split view: :class:`HubForked` (exit 1) with the rule
``org_checkpoint.split_view``, naming both checkpoints, nothing kept. A larger checkpoint the
device cannot reproduce yet is kept "to be checked" in ``org-gossip.json``; the next sync checks
it (:func:`settle`): below the newest confirmed checkpoint by the root of the held history,
above it by the hub's consistency proof, which a hub that forked cannot give.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from evidence_desk.bundle import kit, org_proof, verify_kit
from evidence_desk.domain.errors import BadInput, HubForked, RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import canonical, signing
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity.org_checkpoints import OrgCheckpoint, SignedCheckpoint
from evidence_desk.services import receipt_checks
from evidence_desk.services.checkpoint_log import seen
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.org_checkpoint_checks import held_leaves, keep_witnessed, witnessed
from evidence_desk.services.session import Session
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import StoreFolder

#: the exporting user's signature of a gossip statement: over this context + its text
GOSSIP_CONTEXT: Final = b"evidence-desk/org-gossip/v1\n"
FORMAT: Final = "evidence-desk/org-gossip/v1"
#: the checkpoints taken in that this device could not check yet (checked at the next sync)
PENDING_FILE: Final = "org-gossip.json"
#: a gossip file is a few kilobytes; anything far larger is not one
MAX_BYTES: Final = 16 * 1024 * 1024

_said = Catalogue(
    {
        "org_gossip.no_hub": "this store is bound to no hub: it holds no organisation "
        "checkpoint to exchange",
        "org_gossip.nothing_seen": "this device has kept no organisation checkpoint yet: sync "
        "with the hub first",
        "org_gossip.unreadable": "not a checkpoint exchange file of this release: {problem}",
        "org_gossip.too_large": "larger than {limit} bytes: not a checkpoint exchange file",
        "org_gossip.other_hub": "its checkpoints are of hub {hub_id}, not of the pinned hub "
        "{pinned}",
        "org_gossip.sender_signature": "its signature does not verify under the key this store "
        "holds for {sender}: the file was altered",
        "org_gossip.hub_signature": "checkpoint {checkpoint} in it is not signed by the pinned "
        "hub key",
        "org_gossip.split_view": "{source} was shown checkpoint {second} by the hub, which is "
        "not the history this device holds (checkpoint {first}): the hub shows two histories",
        "org_gossip.sender": "user {sender}",
        "org_gossip.witness": "witness {witness} (carried by {sender})",
        "org_gossip.bundle": "bundle {bundle}",
    }
)


@dataclass(frozen=True, slots=True)
class Exported:
    """What ``org gossip export`` wrote."""

    path: Path
    checkpoint: str  # size:root
    witnesses: list[str]


@dataclass(slots=True)
class Imported:
    """What ``org gossip import`` found: every checkpoint checked against this device's history
    (``checked``: by name size:root), those kept to be checked at the next sync (``pending``)
    and the witnesses whose cosignatures were kept."""

    sender: str
    sender_verified: bool
    checked: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    witnesses: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # cosignatures proving nothing here

    def as_json(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "sender_verified": self.sender_verified,
            "checked": self.checked,
            "pending": self.pending,
            "witnesses": self.witnesses,
            "skipped": self.skipped,
        }


@dataclass(frozen=True, slots=True)
class Met:
    """One checkpoint from another device: the hub's signed text and who vouches for it
    (``witness`` and their cosignature, or empty for the sender's own view)."""

    signed: SignedCheckpoint
    stated: OrgCheckpoint
    source: str  # how a refusal names where it came from (already worded)
    witness: str = ""
    signature: str = ""
    sign_key: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "checkpoint": self.signed.as_json(),
            "source": self.source,
            "witness": self.witness,
            "signature": self.signature,
            "sign_key": self.sign_key,
        }


# -- export -------------------------------------------------------------------------------------


def export(session: Session, out: Path, at: str) -> Exported:
    """Write this device's newest kept checkpoint and the cosignatures it checked to ``out``
    (atomically), signed with the user's key."""
    folder = session.folder
    pin = receipt_checks.pinned(folder)
    if pin is None:
        raise RuleViolation("org_gossip.no_hub", _said("org_gossip.no_hub"))
    kept = seen(folder)
    if not kept:
        raise RuleViolation("org_gossip.nothing_seen", _said("org_gossip.nothing_seen"))
    newest = kept[-1]
    key = session.conn.execute(
        "SELECT public_key FROM users WHERE name = ?", (session.user.name,)
    ).fetchone()
    items: list[dict[str, Any]] = [
        {
            "witness": str(item.get("witness", "")),
            "checkpoint": {
                "body": str(item["checkpoint"]["body"]),
                "signature": str(item["checkpoint"]["signature"]),
            },
            "signature": str(item.get("signature", "")),
        }
        for item in witnessed(folder)
        if isinstance(item.get("checkpoint"), dict)
    ]
    statement = canonical.canonical_bytes(
        {
            "v": 1,
            "hub_id": pin.hub_id,
            "sender": session.user.name,
            "device": folder.store_id,
            "sign_key": str(key[0]) if key is not None else "",
            "at": at,
            "checkpoint": newest.as_json(),
            "witnessed": items,
        }
    ).decode("utf-8")
    signature = session.sign(GOSSIP_CONTEXT, statement.encode("utf-8"))
    document = {"format": FORMAT, "statement": statement, "signature": signature}
    atomic_write(out, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    return Exported(out, newest.stated.named(), sorted({str(i["witness"]) for i in items}))


# -- import -------------------------------------------------------------------------------------


def _bad(path: Path, code: str, **facts: object) -> BadInput:
    error = BadInput(str(path), "", _said(code, **facts))
    error.code = code
    return error


def read(session: Session, path: Path) -> tuple[str, bool, list[Met]]:
    """The sender, whether their signature verified under the key this store holds for them,
    and the checkpoints the file carries (each signed by the pinned hub key). BadInput for a
    file that is not one, altered, or of another hub; nothing is changed."""
    pin = receipt_checks.pinned(session.folder)
    if pin is None:
        raise RuleViolation("org_gossip.no_hub", _said("org_gossip.no_hub"))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _bad(path, "org_gossip.too_large", limit=MAX_BYTES)
        document = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        text, signature = str(document["statement"]), str(document["signature"])
        statement = json.loads(text)
        if canonical.canonical_bytes(statement).decode("utf-8") != text:
            raise ValueError("the statement is not canonical")
        sender, hub_id = str(statement["sender"]), str(statement["hub_id"])
        claimed_key = str(statement["sign_key"])
        own = statement["checkpoint"]
        mets = [_met(own, _said("org_gossip.sender", sender=sender))]
        for item in statement.get("witnessed", []):
            witness = str(item["witness"])
            source = _said("org_gossip.witness", witness=witness, sender=sender)
            mets.append(_met(item["checkpoint"], source, witness, str(item.get("signature", ""))))
    except OSError as error:
        raise _bad(path, "org_gossip.unreadable", problem=error.strerror or error) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, org.MalformedCheckpoint) as err:
        raise _bad(path, "org_gossip.unreadable", problem=err) from None
    if hub_id != pin.hub_id:
        raise _bad(path, "org_gossip.other_hub", hub_id=hub_id, pinned=pin.hub_id)
    known = _key_of(session, sender)
    key = known or claimed_key
    if not signing.verify(key, GOSSIP_CONTEXT, text.encode("utf-8"), signature):
        raise _bad(path, "org_gossip.sender_signature", sender=sender)
    _check_hub(path, pin, mets)
    return sender, known is not None, mets


def _met(value: Any, source: str, witness: str = "", signature: str = "") -> Met:
    signed = SignedCheckpoint(str(value["body"]), str(value["signature"]))
    return Met(signed, org.parse(signed.body), source, witness, signature)


def _key_of(session: Session, name: str) -> str | None:
    row = session.conn.execute("SELECT public_key FROM users WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def import_file(session: Session, path: Path) -> Imported:
    """Take another device's exchange file, or a court bundle's kit (zip or folder): check
    every checkpoint against this device's own history (module docstring), keep what is left
    to check and the cosignatures checked."""
    if path.is_dir() or zipfile.is_zipfile(path):
        return meet_bundle(session, path)
    sender, verified, mets = read(session, path)
    result = Imported(sender, verified)
    meet(session, mets, result)
    return result


def meet_bundle(session: Session, path: Path) -> Imported:
    """The bundle as a channel: its organisation checkpoint and the witnesses' cosignatures it
    carries (``ledger/org/checkpoint.json``), held to this device's history as a gossip file's.
    The kit's own signatures are verify-bundle's to check; here only the hub's matters."""
    pin = receipt_checks.pinned(session.folder)
    if pin is None:
        raise RuleViolation("org_gossip.no_hub", _said("org_gossip.no_hub"))
    files = verify_kit.kit_files(path, org_proof.FILE, kit.EVIDENCE_MANIFEST)
    try:
        manifest = json.loads(files.get(kit.EVIDENCE_MANIFEST, b"{}").decode("utf-8"))
        bundle_id = str(manifest.get("bundle_id", "")) if isinstance(manifest, dict) else ""
        source = _said("org_gossip.bundle", bundle=bundle_id or path.name)
        result = Imported(source, False)
        if org_proof.FILE not in files:
            return result  # a standalone store's kit: no organisation checkpoint
        checkpoint, witnesses = org_proof.carried(files[org_proof.FILE])
        mets = [] if checkpoint is None else [_met(checkpoint, source)]
        for item in witnesses:
            witness = str(item["witness"])
            mets.append(_met(item["checkpoint"], source, witness, str(item.get("signature", ""))))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, org.MalformedCheckpoint) as err:
        raise _bad(path, "org_gossip.unreadable", problem=err) from None
    _check_hub(path, pin, mets)
    meet(session, mets, result)
    return result


def _check_hub(path: Path, pin: receipt_checks.HubPin, mets: list[Met]) -> None:
    for met in mets:
        if met.stated.hub_id != pin.hub_id:
            raise _bad(path, "org_gossip.other_hub", hub_id=met.stated.hub_id, pinned=pin.hub_id)
        if not any(org.signature_valid(k, met.signed) for k in pin.keys_at(met.stated.at)):
            raise _bad(path, "org_gossip.hub_signature", checkpoint=met.stated.named())


def meet(session: Session, mets: list[Met], result: Imported) -> None:
    """Hold ``mets`` to this device's history with no hub: HubForked on a split view (nothing
    kept); otherwise keep the checked cosignatures and what is left to check."""
    folder = session.folder
    pending: list[Met] = []
    cosigned: list[dict[str, Any]] = []
    for met in _vouched(session, mets, result):
        if _agrees(session, met):
            result.checked.append(met.stated.named())
            if met.witness:
                cosigned.append(_witnessed_item(met))
                result.witnesses.append(met.witness)
        else:
            pending.append(met)
            result.pending.append(met.stated.named())
    _keep_pending(folder, [*_pending(folder), *pending])
    if cosigned:
        keep_witnessed(folder, cosigned)


def _vouched(session: Session, mets: list[Met], result: Imported) -> Iterator[Met]:
    """The checkpoints that prove something here: the sender's own view, and each witness's
    whose cosignature verifies under the witness's key as this store holds it."""
    for met in mets:
        if not met.witness:
            yield met
            continue
        key = _key_of(session, met.witness)
        if key is None or not org.witness_valid(key, met.signed.body, met.signature):
            result.skipped.append(met.witness)
            continue
        yield Met(met.signed, met.stated, met.source, met.witness, met.signature, key)


def _agrees(session: Session, met: Met) -> bool:
    """True when this device's own history gives ``met``'s root; False when it cannot tell yet
    (a larger checkpoint whose entries it does not all hold); HubForked when the history it
    vouches for (up to its newest confirmed checkpoint) gives another root."""
    folder = session.folder
    kept = seen(folder)
    newest = kept[-1].stated if kept else None
    stated = met.stated
    if newest is not None and stated.size <= newest.size:
        leaves = held_leaves(session.conn, folder.store_id, newest.hub_seq)
        if org.root_of(leaves[: stated.size]) != stated.root:
            raise split_view(met.source, newest, stated)
        return True
    # beyond what it confirmed: a root it reproduces from entries it holds is the same history
    leaves = held_leaves(session.conn, folder.store_id, stated.hub_seq)
    return len(leaves) == stated.size and org.root_of(leaves) == stated.root


def split_view(source: str, own: OrgCheckpoint, theirs: OrgCheckpoint) -> HubForked:
    """The refusal of a hub that showed ``source`` checkpoint ``theirs``, another history than
    this device's ``own``: the rule sync's witness check raises (``org_checkpoint.split_view``)."""
    said = _said("org_gossip.split_view", source=source, first=own.named(), second=theirs.named())
    return HubForked("org_checkpoint.split_view", said)


def _witnessed_item(met: Met) -> dict[str, Any]:
    return {
        "witness": met.witness,
        "checkpoint": met.signed.as_json(),
        "sign_key": met.sign_key,
        "signature": met.signature,
    }


# -- what is left to check, checked at the next sync --------------------------------------------


def _pending(folder: StoreFolder) -> list[Met]:
    path = folder.path / PENDING_FILE
    if not path.exists():
        return []
    try:
        rows = json.loads(path.read_text("utf-8"))["pending"]
        return [
            Met(
                signed,
                org.parse(signed.body),
                str(r["source"]),
                str(r.get("witness", "")),
                str(r.get("signature", "")),
                str(r.get("sign_key", "")),
            )
            for r in rows
            for signed in [
                SignedCheckpoint(str(r["checkpoint"]["body"]), str(r["checkpoint"]["signature"]))
            ]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []  # a damaged file holds nothing the hub was not also asked about at sync


def pending(folder: StoreFolder) -> list[str]:
    """The checkpoints taken in by gossip and not checked yet (size:root)."""
    return [met.stated.named() for met in _pending(folder)]


def _keep_pending(folder: StoreFolder, mets: list[Met]) -> None:
    unique = {(m.stated.named(), m.witness, m.source): m for m in mets}
    path = folder.path / PENDING_FILE
    if not unique and not path.exists():
        return
    body = {"pending": [m.as_json() for m in unique.values()]}
    atomic_write(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def settle(session: Session, client: HubClient, own: OrgCheckpoint) -> list[str]:
    """At sync, after ``own`` (the hub's newest) was confirmed against the history now held:
    check each checkpoint gossip left to check. One no larger than ``own`` must have the root
    of the held history; a larger one must extend ``own`` by the hub's consistency proof.
    HubForked (``org_checkpoint.split_view``) otherwise. Returns those checked (size:root)."""
    folder = session.folder
    left = _pending(folder)
    if not left:
        return []
    checked: list[str] = []
    cosigned: list[dict[str, Any]] = []
    leaves = held_leaves(session.conn, folder.store_id, own.hub_seq)
    for met in left:
        stated = met.stated
        if stated.size <= own.size:
            if org.root_of(leaves[: stated.size]) != stated.root:
                raise split_view(met.source, own, stated)
        else:
            try:
                proof = client.get(f"/v1/org/consistency?first={own.size}&second={stated.size}")
            except HubRefused:  # a hub that cannot prove it extends ``own`` forked
                raise split_view(met.source, own, stated) from None
            if not org.extends(own, stated, [str(step) for step in proof["proof"]]):
                raise split_view(met.source, own, stated)
        checked.append(stated.named())
        if met.witness:  # a bundle carries it once this device holds its history
            cosigned.append(_witnessed_item(met))
    _keep_pending(folder, [])
    if cosigned:
        keep_witnessed(folder, cosigned)
    return checked
