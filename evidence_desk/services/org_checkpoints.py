"""A device's side of the organisation checkpoints: keep every one seen, refuse a hub whose
history is not an extension of what it showed before (integrity/org_checkpoints.py says what a
checkpoint states; hub/org_checkpoints.py signs them).

At each sync, before pulling, the device asks for the hub's newest checkpoint (``GET
/v1/org/checkpoint``), checks its signature under the pinned hub key and, when it has seen one
before, the RFC 9162 consistency proof from the newest it has seen (``GET
/v1/org/consistency``). After the pull it holds every entry the checkpoint covers, so it also
recomputes the root from its own copies (own entries with their organisation positions, the
other devices' entries with theirs) and compares. Only then is the checkpoint kept, in
``org-checkpoints.json`` in the store folder (each as the hub signed it; they prove themselves,
so a file beside ``hub-key.json`` is enough). Any failure raises :class:`HubForked` (exit 1),
naming the two checkpoints, and nothing is kept; the pull of that sync has not been made when
the proof fails, since the proof is checked first.
"""

from __future__ import annotations

import json
from typing import Any

from evidence_desk.domain.errors import HubForked
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity.org_checkpoints import OrgCheckpoint, SignedCheckpoint
from evidence_desk.services import receipt_checks
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.org_checkpoint_checks import SEEN_FILE, Seen, held_leaves, seen
from evidence_desk.services.session import Session
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import StoreFolder

_said = Catalogue(
    {
        "org_checkpoint.signature": "the hub's organisation checkpoint {checkpoint} is not "
        "signed by the pinned hub key",
        "org_checkpoint.malformed": "the hub's organisation checkpoint is not one this release "
        "reads",
        "org_checkpoint.other_hub": "the organisation checkpoint names hub {hub_id}, not the "
        "pinned hub {pinned}",
        "org_checkpoint.not_extension": "the hub's history at checkpoint {second} is not an "
        "extension of checkpoint {first} it showed before: nothing is pulled from it",
        "org_checkpoint.root": "the hub's checkpoint {checkpoint} does not match the "
        "organisation history this device holds (root {held}): nothing is kept from it",
    }
)


def _keep(folder: StoreFolder, kept: list[Seen], new: Seen) -> None:
    if kept and kept[-1].stated == new.stated:
        return
    body = {"checkpoints": [k.signed.as_json() for k in [*kept, new]]}
    atomic_write(folder.path / SEEN_FILE, json.dumps(body, indent=1).encode("utf-8"))


def _signed(value: Any, pin: receipt_checks.HubPin) -> Seen:
    try:
        signed = SignedCheckpoint(str(value["body"]), str(value["signature"]))
        stated = org.parse(signed.body)
    except (KeyError, TypeError, org.MalformedCheckpoint):
        raise HubForked("org_checkpoint.malformed", _said("org_checkpoint.malformed")) from None
    if not org.signature_valid(pin.receipt_key, signed):
        said = _said("org_checkpoint.signature", checkpoint=stated.named())
        raise HubForked("org_checkpoint.signature", said)
    if stated.hub_id != pin.hub_id:
        said = _said("org_checkpoint.other_hub", hub_id=stated.hub_id, pinned=pin.hub_id)
        raise HubForked("org_checkpoint.other_hub", said)
    return Seen(signed, stated)


def _not_extension(first: OrgCheckpoint, second: OrgCheckpoint) -> HubForked:
    said = _said("org_checkpoint.not_extension", first=first.named(), second=second.named())
    return HubForked("org_checkpoint.not_extension", said)


def newest_from_hub(folder: StoreFolder, client: HubClient) -> Seen | None:
    """The hub's newest checkpoint, checked against the pinned key and, by the consistency
    proof, against the newest this store kept (None: the hub has signed none yet)."""
    pin = receipt_checks.pinned(folder)
    if pin is None:
        return None  # sync pins first; a store with no pin has nothing to hold the hub to
    answer = client.get("/v1/org/checkpoint").get("checkpoint")
    if answer is None:
        return None
    new = _signed(answer, pin)
    kept = seen(folder)
    if not kept:
        return new
    last = kept[-1].stated
    if new.stated.size < last.size:
        raise _not_extension(last, new.stated)
    if new.stated.size == last.size:
        if new.stated.root != last.root:
            raise _not_extension(last, new.stated)
        return new
    proof = client.get(f"/v1/org/consistency?first={last.size}&second={new.stated.size}")
    if _signed(proof["second"], pin).stated.root != new.stated.root or not org.extends(
        last, new.stated, [str(step) for step in proof["proof"]]
    ):
        raise _not_extension(last, new.stated)
    return new


def confirm(session: Session, new: Seen) -> None:
    """After the pull: the checkpoint's root from this store's own copies, then keep it."""
    folder = session.folder
    leaves = held_leaves(session.conn, folder.store_id, new.stated.hub_seq)
    if len(leaves) >= new.stated.size:
        held = org.root_of(leaves[: new.stated.size])
        if len(leaves) != new.stated.size or held != new.stated.root:
            said = _said("org_checkpoint.root", checkpoint=new.stated.named(), held=held)
            raise HubForked("org_checkpoint.root", said)
    # fewer held (a pull cut short): the consistency proof stands until the next sync
    _keep(folder, seen(folder), new)
