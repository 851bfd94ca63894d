"""The organisation's published signer keys: what a court pins to trust a bundle's signatures.

A verification kit carries its signers' public keys, so on its own it cannot show that those
keys are the organisation's: a made-up store exports kits that check just as well. The
organisation therefore publishes the list this module writes (website, a letter to the court,
the legal team's e-mail signature) and ``verify-bundle --org-key FILE`` (or the pinned folder,
``bundle/trust.py``) requires every signer of a kit to be on it.

The list holds every key each user of the store has had, as the ledger introduced it: a password
reset issues a new key, and kits exported before it are signed with the old one. Fingerprints
are SHA-256 of the raw Ed25519 public key, in upper-case groups of four for reading.

Any logged-in user may export it (permission ``user.list``: it only lists users and their public
keys). Writing it changes nothing in the store, so no ledger entry is made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_desk import __version__
from evidence_desk.bundle.trust import ORG_KEYS_FORMAT
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import signing
from evidence_desk.services import receipt_checks
from evidence_desk.services import settings as settings_service
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.files import atomic_write

_said = Catalogue(
    {
        "orgkeys.no_folder": "the folder for this file does not exist",
        "orgkeys.is_folder": "is a folder: give a file name",
        "orgkeys.cannot_write": "cannot write: {error}",
    }
)


@dataclass(frozen=True, slots=True)
class OrgKeysResult:
    path: Path
    sha256: str
    store_id: str
    organisation: str
    users: int
    keys: int


def org_keys(session: Session) -> dict[str, Any]:
    """The organisation key list of this store (``ORG_KEYS_FORMAT``)."""
    session.require(Action.USER_LIST)
    conn = session.conn
    history: dict[str, list[dict[str, Any]]] = {}
    roles: dict[str, str] = {}
    # only entries that introduce keys carry "public_key"; the filter keeps big ledgers cheap
    rows = list(
        conn.execute(
            "SELECT '' AS device, seq, at, payload FROM ledger "
            "WHERE payload LIKE '%\"public_key\"%' ORDER BY seq"
        )
    )
    # in an organisation, the other devices' users were enrolled (device.join) and reset on
    # their own devices: their keys are in the entries the hub accepted from those devices
    rows += conn.execute(
        "SELECT device_id AS device, seq, at, payload FROM device_entries "
        "WHERE verdict = '' AND payload LIKE '%\"public_key\"%' ORDER BY org_seq"
    ).fetchall()
    for row in rows:
        payload = json.loads(row["payload"])
        for change in payload.get("rows", []) if isinstance(payload, dict) else []:
            data = change.get("row", {}) if isinstance(change, dict) else {}
            if change.get("table") != "users" or "public_key" not in data:
                continue
            keys = history.setdefault(str(data["name"]), [])
            roles[str(data["name"])] = str(data.get("role") or roles.get(str(data["name"]), ""))
            if not any(k["public_key"] == data["public_key"] for k in keys):
                keys.append(
                    {
                        "public_key": data["public_key"],
                        "fingerprint": signing.fingerprint(data["public_key"]),
                        "introduced_seq": row["seq"],
                        "introduced_at": row["at"],
                        **({"introduced_device": row["device"]} if row["device"] else {}),
                    }
                )
    users = []
    for user in conn.execute("SELECT name, role, public_key, active FROM users ORDER BY name"):
        keys = history.get(user["name"], [])
        current = next((k for k in keys if k["public_key"] == user["public_key"]), None)
        if current is None:  # a key the ledger never introduced: verify reports that store
            continue
        users.append(
            {
                "name": user["name"],
                "role": user["role"],
                "active": bool(user["active"]),
                **current,
                "earlier_keys": [k for k in keys if k is not current],
            }
        )
    # a local user of a store that joined with its history, never enrolled: not a user of the
    # organisation, yet their keys signed entries of that history the hub accepted (an
    # approval before the join), so a bundle of such a case names them as signers
    listed = {u["name"] for u in users}
    for name, keys in sorted(history.items()):
        if name in listed or not keys:
            continue
        users.append(
            {
                "name": name,
                "role": roles.get(name, ""),
                "active": False,
                **keys[-1],
                "earlier_keys": keys[:-1],
                "before_joining": True,
            }
        )
    size = db.ledger_size(conn)
    return {
        "format": ORG_KEYS_FORMAT,
        "organisation": settings_service.get(session, "organisation"),
        "store_id": session.folder.store_id,
        "exported_at": session.now(),
        "exported_by": session.user.name,
        "ledger_size": int(size),
        "app_version": __version__,
        "fingerprint_algorithm": "SHA-256 of the raw 32-byte Ed25519 public key, hex",
        "users": users,
        "hub_keys": hub_keys(session),
    }


def hub_keys(session: Session) -> list[dict[str, str]]:
    """The organisation hub's receipt keys this store pinned (the current one and every one a
    signed rotation retired): a kit's organisation checkpoint is signed by one of them, and a
    verifier holds the key the kit carries to this published list (bundle/trust.py)."""
    pin = receipt_checks.pinned(session.folder)
    if pin is None:
        return []
    keys = list(dict.fromkeys([pin.receipt_key, *(r.old for r in pin.retired)]))
    return [
        {"hub_id": pin.hub_id, "public_key": key, "fingerprint": signing.fingerprint(key)}
        for key in keys
    ]


def export_org_keys(session: Session, out: Path) -> OrgKeysResult:
    """Write the list to ``out`` (replacing an older copy) and return its SHA-256, which the
    organisation can print beside the published file."""
    doc = org_keys(session)
    if out.is_dir():
        raise BadInput(str(out), "", _said("orgkeys.is_folder"))
    if not out.parent.is_dir():
        raise BadInput(str(out), "", _said("orgkeys.no_folder"))
    content = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        atomic_write(out, content)
    except OSError as error:
        raise BadInput(
            str(out), "", _said("orgkeys.cannot_write", error=error.strerror or error)
        ) from None
    return OrgKeysResult(
        out,
        hashlib.sha256(content).hexdigest(),
        doc["store_id"],
        doc["organisation"],
        len(doc["users"]),
        sum(1 + len(u["earlier_keys"]) for u in doc["users"]),
    )
