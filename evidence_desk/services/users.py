"""Users, roles and passwords.

Adding a user wraps the store's data key for them, which only a logged-in admin (who holds the
data key) can do; the new user's Ed25519 public key enters the ledger in the same entry. A password
reset by an admin cannot recover the user's old signing key (it is wrapped under the old
password), so it issues a new key pair and records the new public key in the ledger: old entries
stay verifiable under the old key, new ones under the new.

Each user also gets an X25519 key pair, sealed in their slot, whose public half the ledger
records (``wrap_key``): the case keys are wrapped for it (services/case_keys.py). Adding,
resetting or deactivating a user wraps the case keys
for them or withdraws their wraps, in the same entry.
"""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.domain import authority, records_key
from evidence_desk.domain.errors import NotFound, RuleViolation
from evidence_desk.domain.models import Role, User
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import signing
from evidence_desk.services import case_keys
from evidence_desk.services.session import Session, put
from evidence_desk.services.user_names import validate_new_user
from evidence_desk.store import case_keys as case_key_crypto
from evidence_desk.store import db
from evidence_desk.store.keys import KdfParams

_said = Catalogue(
    {
        "user.no_user": "no user named {name!r}",
        "user.exists": "a user named {name!r} already exists",
        "user.self_reset": "an admin cannot reset their own password here; change it with the "
        "old password",
        "user.self_deactivate": "an admin cannot deactivate themselves",
    }
)


def list_users(session: Session) -> list[User]:
    session.require(Action.USER_LIST)
    rows = session.conn.execute(
        "SELECT name, role, public_key, active FROM users ORDER BY name"
    ).fetchall()
    return [User(r["name"], Role(r["role"]), r["public_key"], bool(r["active"])) for r in rows]


def get_user(session: Session, name: str) -> User:
    row = session.conn.execute(
        "SELECT name, role, public_key, active FROM users WHERE name = ?", (name,)
    ).fetchone()
    if row is None:
        raise NotFound(_said("user.no_user", name=name))
    return User(row["name"], Role(row["role"]), row["public_key"], bool(row["active"]))


def _slot_and_wraps(
    session: Session,
    name: str,
    password: str,
    key: Ed25519PrivateKey,
    kdf: KdfParams | None,
    wrap_private: bytes,
    wraps: case_keys.WrapPlan,
) -> Callable[[db.Connection, int], None]:
    """The entry's ``extra``: ``name``'s key slot (their new signing and X25519 keys under
    ``password``) and the case keys wrapped for them. Written inside the writer lock and the
    transaction: if writing the slot fails, nothing is committed; if the commit fails, an
    unused slot is harmless."""

    def extra(conn: db.Connection, seq: int) -> None:
        session.folder.keyslots.write_slot(
            name,
            password,
            session.data_key,
            signing.private_key_bytes(key),
            signing.public_key_hex(key),
            kdf or KdfParams(),
            wrap_key=wrap_private,
        )
        wraps.apply(conn, seq)

    return extra


def add_user(
    session: Session, name: str, role: Role, password: str, *, kdf: KdfParams | None = None
) -> User:
    session.require(Action.USER_ADD)
    validate_new_user(name, password)
    exists = session.conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone()
    if exists:
        raise RuleViolation("user.unique", _said("user.exists", name=name))
    key = signing.generate_private_key()
    public = signing.public_key_hex(key)
    wrap_private, wrap_public = case_key_crypto.new_wrap_key()
    row = {
        "name": name,
        "role": role.value,
        "public_key": public,
        "active": 1,
        "wrap_key": wrap_public,
    }

    # the case keys wrapped for them in the same entry (auditors get none)
    wraps = case_keys.plan_wraps(
        session,
        {name: wrap_public if role in authority.CASE_KEY_ROLES else None},
        # the organisation's records key for a records reader (legal, admins, auditors)
        {name: wrap_public if role in records_key.ROLES else None},
    )

    session.write(
        "user.add",
        {
            "user": name,
            "role": role.value,
            "public_key": public,
            "wrap_key": wrap_public,
            "wraps": wraps.records,
        },
        [put("users", row)],
        extra=_slot_and_wraps(session, name, password, key, kdf, wrap_private, wraps),
    )
    return User(name, role, public, True)


def reset_password(
    session: Session, name: str, new_password: str, *, kdf: KdfParams | None = None
) -> User:
    """Admin reset: new password, new signing key pair, recorded in the ledger."""
    session.require(Action.USER_RESET_PASSWORD)
    user = get_user(session, name)
    if name == session.user.name:
        # The open session keeps signing with the old key, and the reset entry's own checkpoint
        # is signed with the key it replaces: verify would report the store as broken.
        raise RuleViolation("user.self_reset", _said("user.self_reset"))
    validate_new_user(name, new_password)
    key = signing.generate_private_key()
    public = signing.public_key_hex(key)
    # the old X25519 key is sealed under the old password too: a new pair, and new wraps
    wrap_private, wrap_public = case_key_crypto.new_wrap_key()
    reader = user.active and user.role in authority.CASE_KEY_ROLES
    records = user.active and user.role in records_key.ROLES
    wraps = case_keys.plan_wraps(
        session, {name: wrap_public if reader else None}, {name: wrap_public if records else None}
    )

    session.write(
        "user.reset_password",
        {"user": name, "public_key": public, "wrap_key": wrap_public, "wraps": wraps.records},
        [put("users", {"name": name, "public_key": public, "wrap_key": wrap_public})],
        extra=_slot_and_wraps(session, name, new_password, key, kdf, wrap_private, wraps),
    )
    return User(name, user.role, public, user.active)


def change_own_password(
    session: Session, old_password: str, new_password: str, *, kdf: KdfParams | None = None
) -> None:
    """Rewrap the caller's own slot; keys stay the same, so no public key changes."""
    validate_new_user(session.user.name, new_password)
    session.folder.keyslots.unlock(session.user.name, old_password)  # proves the old password
    session.write(
        "user.change_password",
        {"user": session.user.name},
        extra=lambda _conn, _seq: session.folder.keyslots.write_slot(
            session.user.name,
            new_password,
            session.data_key,
            signing.private_key_bytes(session.signing_key),
            session.user.public_key,
            kdf or KdfParams(),
            wrap_key=session.wrap_key,
        ),
    )


def deactivate_user(session: Session, name: str) -> None:
    session.require(Action.USER_DEACTIVATE)
    get_user(session, name)
    if name == session.user.name:
        raise RuleViolation("user.self_deactivate", _said("user.self_deactivate"))
    wraps = case_keys.plan_wraps(session, {name: None})  # their wraps withdrawn

    def extra(conn: db.Connection, seq: int) -> None:
        session.folder.keyslots.remove_slot(name)
        wraps.apply(conn, seq)

    session.write(
        "user.deactivate",
        {"user": name, "wraps": wraps.records},
        [put("users", {"name": name, "active": 0})],
        extra=extra,
    )
