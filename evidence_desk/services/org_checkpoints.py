"""A device's side of the organisation checkpoints: keep every one seen, refuse a hub whose
history is not an extension of what it showed before (integrity/org_checkpoints.py says what a
checkpoint states; hub/org_checkpoints.py signs them).

At each sync, before pulling, the device asks for the hub's newest checkpoint (``GET
/v1/org/checkpoint``), checks its signature under the pinned hub key and, when it has seen one
before, the RFC 9162 consistency proof from the newest it has seen (``GET
/v1/org/consistency``). After the pull it holds every entry the checkpoint covers, so it also
recomputes the root from its own copies (own entries with their organisation positions, the
other devices' entries with theirs) and compares. Only then is the checkpoint kept, in the
store folder's log of them (services/checkpoint_log.py: each as the hub signed it; they prove
themselves, so a file beside ``hub-key.json`` is enough). Any failure raises
:class:`HubForked` (exit 1), naming the two checkpoints, and nothing is kept; the pull of that
sync has not been made when the proof fails, since the proof is checked first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Final

from evidence_desk.domain.errors import HubForked
from evidence_desk.domain.models import Role
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import org_checkpoints as org
from evidence_desk.integrity.org_checkpoints import OrgCheckpoint, SignedCheckpoint
from evidence_desk.services import checkpoint_log, held_root, receipt_checks, settings
from evidence_desk.services.checkpoint_log import Seen, read_stamp, seen
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.org_checkpoint_checks import (
    held_leaves,
    keep_witnessed,
    published_verify,
    stamp_problem,
)
from evidence_desk.services.session import Session
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
        "org_checkpoint.split_view": "witness {witness} cosigned checkpoint {second}, which is "
        "not the history this device was shown (checkpoint {first}): the hub shows two "
        "histories",
        "org_checkpoint.root": "the hub's checkpoint {checkpoint} does not match the "
        "organisation history this device holds (root {held}): nothing is kept from it",
    }
)


def _signed(value: Any, pin: receipt_checks.HubPin) -> Seen:
    try:
        signed = SignedCheckpoint(str(value["body"]), str(value["signature"]))
        stated = org.parse(signed.body)
    except (KeyError, TypeError, org.MalformedCheckpoint):
        raise HubForked("org_checkpoint.malformed", _said("org_checkpoint.malformed")) from None
    if not any(org.signature_valid(key, signed) for key in pin.keys_at(stated.at)):
        said = _said("org_checkpoint.signature", checkpoint=stated.named())
        raise HubForked("org_checkpoint.signature", said)
    if stated.hub_id != pin.hub_id:
        said = _said("org_checkpoint.other_hub", hub_id=stated.hub_id, pinned=pin.hub_id)
        raise HubForked("org_checkpoint.other_hub", said)
    return Seen(signed, stated, read_stamp(value.get("stamp")))


def _not_extension(first: OrgCheckpoint, second: OrgCheckpoint) -> HubForked:
    said = _said("org_checkpoint.not_extension", first=first.named(), second=second.named())
    return HubForked("org_checkpoint.not_extension", said)


def newest_from_hub(folder: StoreFolder, client: HubClient) -> Seen | None:
    """The hub's newest checkpoint, checked against the pinned key and, by the consistency
    proof, against the newest this store kept (None: the hub has signed none yet)."""
    if receipt_checks.pinned(folder) is None:
        return None  # sync pins first; a store with no pin has nothing to hold the hub to
    return newest_answered(folder, client, client.get("/v1/org/checkpoint").get("checkpoint"))


def newest_answered(folder: StoreFolder, client: HubClient, answer: Any) -> Seen | None:
    """:func:`newest_from_hub` of the checkpoint the hub already answered (an exchange brought
    it: ``POST /v1/sync``, services/sync.py); the consistency proof is still asked for."""
    pin = receipt_checks.pinned(folder)
    if pin is None or answer is None:
        return None

    def proof_between(first: int, second: int) -> Any:
        try:
            return client.get(f"/v1/org/consistency?first={first}&second={second}")
        except HubRefused:  # a hub that cannot prove the extension has not shown one
            return None

    return _extension(folder, pin, answer, proof_between)


def newest_carried(folder: StoreFolder, answer: Any, proof: Any) -> Seen:
    """The checkpoint and consistency answer that came with the live news' page
    (services/carried_page.py), checked as :func:`newest_from_hub` checks the hub's, by the
    same code, without a request: the proof must start at the newest checkpoint this store
    kept. HubForked when they do not prove the extension (the page is then not applied)."""
    pin = receipt_checks.pinned(folder)
    if pin is None or answer is None:
        said = _said("org_checkpoint.malformed")  # nothing to hold the page to: not applied
        raise HubForked("org_checkpoint.malformed", said)

    def proof_between(first: int, _second: int) -> Any:
        if not isinstance(proof, dict) or not isinstance(proof.get("first"), dict):
            return None
        try:
            if org.parse(str(proof["first"]["body"])).size != first:
                return None  # a proof from another size than the one this store kept
        except org.MalformedCheckpoint:
            return None
        return proof

    return _extension(folder, pin, answer, proof_between)


def _extension(
    folder: StoreFolder,
    pin: receipt_checks.HubPin,
    answer: Any,
    proof_between: Callable[[int, int], Any],
) -> Seen:
    """``answer`` (the hub's newest checkpoint) checked against the pinned key and, by the
    consistency answer ``proof_between(kept size, its size)`` gives (None: the hub gave none),
    against the newest checkpoint this store kept."""
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
    proof = proof_between(last.size, new.stated.size)
    try:
        steps = [str(step) for step in proof["proof"]]
        second = _signed(proof["second"], pin).stated
    except (KeyError, TypeError):
        raise _not_extension(last, new.stated) from None
    if second.root != new.stated.root or not org.extends(last, new.stated, steps):
        raise _not_extension(last, new.stated)
    _stamp_last_kept(folder, kept, proof.get("first"))
    return new


def _stamp_last_kept(folder: StoreFolder, kept: list[Seen], first: Any) -> None:
    """The stamp the consistency answer gives the newest kept checkpoint (its first side),
    kept when that checkpoint was kept unstamped: the hub stamps in the background, so a
    device that syncs right after a push keeps checkpoints the hub stamps later, and a bundle
    proves its entries at the newest stamped one (services/bundle_org_proof.py). Only a token
    that verifies by the certificate path the hub published with it is kept here (verify
    checks it again against the store's TSAs); it costs no request."""
    last = kept[-1]
    if last.stamp is not None or not isinstance(first, dict):
        return
    if first.get("body") != last.signed.body or first.get("signature") != last.signed.signature:
        return
    stamped = dataclasses.replace(last, stamp=read_stamp(first.get("stamp")))
    if stamped.stamp is None or published_verify(stamped) is None:
        return
    checkpoint_log.keep(folder, [stamped])


def confirm(session: Session, new: Seen) -> None:
    """After the pull: the checkpoint's root from this store's own copies, then keep it."""
    folder = session.folder
    # extended from the last confirmed sync's leaves, not rehashed over the organisation
    held = held_root.held_root(session, new.stated.hub_seq)
    if held.size >= new.stated.size:
        if held.size != new.stated.size or held.root != new.stated.root:
            leaves = held_leaves(session.conn, folder.store_id, new.stated.hub_seq)
            root = org.root_of(leaves[: new.stated.size])  # named as before
            said = _said("org_checkpoint.root", checkpoint=new.stated.named(), held=root)
            raise HubForked("org_checkpoint.root", said)
        held_root.remember(session, held)
    # fewer held (a pull cut short): the consistency proof stands until the next sync
    if stamp_problem(session, new):  # a token that does not date it: kept without it
        new = dataclasses.replace(new, stamp=None)
    checkpoint_log.keep(folder, [new])


def _split_view(witness: str, own: OrgCheckpoint, theirs: OrgCheckpoint) -> HubForked:
    said = _said(
        "org_checkpoint.split_view", witness=witness, first=own.named(), second=theirs.named()
    )
    return HubForked("org_checkpoint.split_view", said)


def meet(session: Session, client: HubClient, own: Seen) -> list[str]:
    """Hold the other witnesses' newest cosigned checkpoints to this store's history ``own``
    (just confirmed): an older one must be rooted in the history held, a newer one an
    extension of ``own`` by the hub's proof. Returns the witnesses whose cosignature checked
    out; one whose signature is not their key as this store knows it proves nothing, and is
    left out."""
    pin = receipt_checks.pinned(session.folder)
    if pin is None:
        return []
    items = client.get("/v1/org/witnessed").get("witnessed") or []
    checked: list[str] = []
    kept: list[dict[str, Any]] = []
    # the histories found rooted in what this store holds: its own (just confirmed), each kept
    # checkpoint (each a prefix of the next, by the hub's proof) and the cosigned ones this
    # open store rooted at an earlier sync (services/held_root.py); not one only proven to
    # extend an older own one (a later own one must still be shown to agree with it)
    rooted = held_root.rooted(session) | {
        (k.stated.size, k.stated.root) for k in seen(session.folder)
    }
    rooted.add((own.stated.size, own.stated.root))
    leaves: list[bytes] | None = None  # read once, only for a checkpoint not rooted
    for item in items:
        name = str(item.get("witness", ""))
        if name == session.user.name:
            continue
        theirs = _signed(item.get("checkpoint"), pin)
        row = session.conn.execute("SELECT public_key FROM users WHERE name = ?", (name,))
        known = row.fetchone()
        if known is None or not org.witness_valid(
            str(known[0]), theirs.signed.body, str(item.get("signature", ""))
        ):
            continue
        stated = theirs.stated
        if (stated.size, stated.root) in rooted:
            pass  # a history this store holds: rooted in it, by the checks that kept it
        elif stated.size <= own.stated.size:
            if leaves is None:
                leaves = held_leaves(session.conn, session.folder.store_id, own.stated.hub_seq)
            if org.root_of(leaves[: stated.size]) != stated.root:
                raise _split_view(name, own.stated, stated)
            held_root.mark_rooted(session, stated.size, stated.root)
        else:
            try:
                proof = client.get(
                    f"/v1/org/consistency?first={own.stated.size}&second={stated.size}"
                )
            except HubRefused:
                raise _split_view(name, own.stated, stated) from None
            if not org.extends(own.stated, stated, [str(step) for step in proof["proof"]]):
                raise _split_view(name, own.stated, stated)
        checked.append(name)
        kept.append(
            {
                "witness": name,
                "checkpoint": theirs.signed.as_json(),
                "sign_key": str(known[0]),
                "signature": str(item.get("signature", "")),
            }
        )
    keep_witnessed(session.folder, kept)  # a bundle carries them (services/bundle_org_proof)
    return checked


def witnesses(session: Session) -> bool:
    """Does this device cosign the checkpoints it verified (setting ``org_witness``: ``auto``,
    the default, makes legal's devices witnesses)?"""
    choice = settings.get(session, "org_witness")
    return choice == "on" or (choice == "auto" and session.user.role == Role.LEGAL)


def cosign(session: Session, client: HubClient, own: Seen) -> bool:
    """As a witness, cosign ``own`` (verified by this sync) on the hub."""
    if not witnesses(session):
        return False
    signature = session.sign(org.WITNESS_CONTEXT, own.signed.body.encode("utf-8"))
    client.post("/v1/org/witness", {"size": own.stated.size, "signature": signature})
    own_key = session.conn.execute(
        "SELECT public_key FROM users WHERE name = ?", (session.user.name,)
    ).fetchone()
    item = {
        "witness": session.user.name,
        "checkpoint": own.signed.as_json(),
        "sign_key": str(own_key[0]) if own_key is not None else "",
        "signature": signature,
    }
    keep_witnessed(session.folder, [item])
    return True


#: kept checkpoints whose stamp one sync asks the hub for at most (the newest unstamped first)
_REFRESH: Final = 8


def refresh_stamps(session: Session, client: HubClient, new: Seen) -> int:
    """Once the hub has stamped ``new`` (just confirmed), the stamps of the checkpoints this
    store kept unstamped before it: the hub stamps oldest first, so they have theirs by now.
    Each is read from the first side of a consistency answer (the checkpoint exactly as kept,
    its stamp dating it), so that a bundle can prove its entries at a stamped checkpoint
    (services/bundle_org_proof.py). Returns how many were stamped; a hub that does not stamp
    costs nothing, since ``new`` is then unstamped too."""
    if new.stamp is None:
        return 0
    kept = seen(session.folder)
    waiting = [n for n, k in enumerate(kept) if k.stamp is None and k.stated.size < new.stated.size]
    changed: list[Seen] = []
    for n in waiting[-_REFRESH:]:
        one = kept[n]
        try:
            answer = client.get(
                f"/v1/org/consistency?first={one.stated.size}&second={new.stated.size}"
            )["first"]
        except (HubRefused, KeyError, TypeError):
            continue
        if not isinstance(answer, dict) or answer.get("body") != one.signed.body:
            continue
        stamped = dataclasses.replace(one, stamp=read_stamp(answer.get("stamp")))
        if stamped.stamp is None or stamp_problem(session, stamped):
            continue
        changed.append(stamped)
    checkpoint_log.keep(session.folder, changed)
    return len(changed)
