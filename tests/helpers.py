"""Test helpers: real stores in tmp_path, a deterministic clock, a team of users.

Key slots in tests use a cheap scrypt cost (the parameters are recorded per slot, so this only
changes speed, not behaviour). Nothing here replaces a component of ours with a fake.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from evidence_desk.domain import authority
from evidence_desk.domain.models import Role
from evidence_desk.domain.pipl import Recipient
from evidence_desk.services import signing_certs, timestamps, users
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.keys import KdfParams, derive_subkey
from evidence_desk.store.schema import MIGRATIONS, PROJECTED_TABLES
from evidence_desk_testing.local_tsa import LocalTsa, TestPki

FAST_KDF = KdfParams(n=2**10, r=8, p=1)
ADMIN, ADMIN_PASSWORD = "root", "root-password"


class TickingClock:
    """A clock that starts at a fixed instant and advances one second per reading."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 1, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Team:
    """A store with one user per role (plus a second staff and supervisor) and their passwords."""

    path: Path
    clock: TickingClock
    passwords: dict[str, str] = field(default_factory=dict)
    _open: list[Session] = field(default_factory=list)

    def login(self, name: str) -> Session:
        session = Session.open(self.path, name, self.passwords[name], clock=self.clock)
        self._open.append(session)
        return session

    def close_all(self) -> None:
        for session in self._open:
            session.close()
        self._open.clear()


TEAM = {
    "alice": Role.STAFF,
    "bob": Role.STAFF,
    "sam": Role.SUPERVISOR,
    "sue": Role.SUPERVISOR,
    "lee": Role.LEGAL,
    "ada": Role.ADMIN,
}


def make_team(store_path: Path, clock: TickingClock) -> Team:
    group = Team(store_path, clock, {ADMIN: ADMIN_PASSWORD})
    with Session.create_store(store_path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock) as s:
        for name, role in TEAM.items():
            password = f"{name}-password"
            users.add_user(s, name, role, password, kdf=FAST_KDF)
            group.passwords[name] = password
        # the legal user signs the bundles' PDFs (issue 21 item 1): the organisation CA
        # issues lee a certificate, as an administrator does once on a real store
        signing_certs.create_ca(s)
        signing_certs.issue_cert(s, "lee")
    return group


def raw_connection(store: Path, user: str, password: str) -> db.Connection:
    """Open the database *outside the app* (as a tamperer with a password would)."""
    from evidence_desk.store.folder import StoreFolder

    folder = StoreFolder.open(store)
    unlocked = folder.keyslots.unlock(user, password)
    return db.connect(folder.db_path, derive_subkey(unlocked.data_key, "sqlcipher"))


def signed_message(team: Team, seq: int) -> bytes:
    """The bytes entry ``seq`` is signed over: the note of the checkpoint it closes."""
    from evidence_desk.integrity import ledger
    from evidence_desk.store.folder import StoreFolder

    conn = raw_connection(team.path, "root", team.passwords["root"])
    try:
        root = conn.execute("SELECT root FROM checkpoints WHERE size = ?", (seq,)).fetchone()[0]
    finally:
        conn.close()
    return ledger.checkpoint_message(StoreFolder.open(team.path).store_id, seq, root)


def supporting_documents(folder: Path, tag: str = "") -> list[tuple[str, Path]]:
    """The two documents a debtor must give before a contact can be approved (EV-6, issue 3):
    an identity proof and a debt confirmation. Small real files, distinct per ``tag``."""
    folder.mkdir(parents=True, exist_ok=True)
    identity = folder / f"identity{tag}.txt"
    identity.write_text(f"身份证明 identity proof {tag}\n", encoding="utf-8")
    confirmation = folder / f"debt-confirmation{tag}.txt"
    confirmation.write_text(f"债务确认书 debt confirmation {tag}\n", encoding="utf-8")
    return [("identity_proof", identity), ("debt_confirmation", confirmation)]


def add_local_tsa(team: Team, pki: TestPki, tsa: LocalTsa, *, timeout_seconds: int = 5) -> None:
    """The team's admin configures the local test TSA (``local-test-tsa``: its root and
    intermediates), as an admin does with a real one."""
    timestamps.add_authority(
        team.login("ada"),
        "local-test-tsa",
        tsa.url,
        pki.root_pem.read_text(),
        pki.intermediates_pem.read_text(),
        timeout_seconds=timeout_seconds,
    )


def approved_contact(
    team: Team,
    folder: Path,
    *,
    case_no: str = "2026-SH-1",
    channel: str = "whatsapp",
    handle: str = "+8613800000000",
    display_name: str = "Chen Lixin",
    staff: str = "alice",
    supervisor: str = "sam",
    debtor_name: str = "陈立新",
) -> tuple[Session, str]:
    """A case with one approved contact, requested by ``staff`` and approved by ``supervisor``;
    returns the staff session and the contact id. Creates the case if it does not exist."""
    from evidence_desk.domain.errors import NotFound
    from evidence_desk.services import cases, contacts

    session = team.login(staff)
    try:
        cases.get_case(session, case_no)
    except NotFound:
        cases.create_case(session, case_no, debtor_name=debtor_name)
    contact = contacts.request_contact(
        session,
        case_no=case_no,
        channel=channel,
        handle=handle,
        display_name=display_name,
        reason="the debtor added us and asked to talk about repayment",
        consent=True,
        documents=supporting_documents(folder / f"docs-{case_no}-{handle}", tag=handle),
    )
    contacts.approve(team.login(supervisor), contact.id, "identity and debt confirmed")
    return session, contact.id


def store_state(path: Path) -> dict[str, Any]:
    """Everything a write could change, read outside the app: compare before and after a
    refused operation to prove it changed nothing."""
    conn = raw_connection(path, ADMIN, ADMIN_PASSWORD)
    try:
        state: dict[str, Any] = {
            "ledger": [tuple(r) for r in conn.execute("SELECT * FROM ledger ORDER BY seq")],
            "checkpoints": [
                tuple(r) for r in conn.execute("SELECT * FROM checkpoints ORDER BY size")
            ],
            "merkle_state": [tuple(r) for r in conn.execute("SELECT * FROM merkle_state")],
        }
        # the read log (PI-1): a refused read records nothing
        state["access_log"] = [tuple(r) for r in conn.execute("SELECT * FROM access_log")]
        state["access_seals"] = [tuple(r) for r in conn.execute("SELECT * FROM access_seals")]
        for table, keys in PROJECTED_TABLES.items():
            state[table] = [
                tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY {', '.join(keys)}")
            ]
    finally:
        conn.close()
    state["keyslots.json"] = (path / "keyslots.json").read_bytes()
    state["store.json"] = (path / "store.json").read_bytes()
    state["blob files"] = sorted(
        str(p.relative_to(path)) for p in (path / "blobs").rglob("*") if p.is_file()
    )
    return state


def ledger_size(session: Session) -> int:
    """Entries in the ledger as this session sees it."""
    return int(session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0])


def literal_sentence(node: ast.expr) -> bool:
    """A sentence written in place (for the tests that scan sources for uncoded wording): a
    string, an f-string or a concatenation of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    return isinstance(node, ast.JoinedStr | ast.BinOp)


@contextmanager
def insider_code() -> Iterator[None]:
    """An insider's own copy of the write path: ``Session.write`` exactly as shipped, with the
    rule table's refusal taken out. Anyone with their password, their signing key and a Python
    prompt can run this; ``verify`` must still report every entry it lets through."""
    import evidence_desk.services.session as module

    def let_through(violations: Sequence[authority.Violation], action: str) -> None:
        """The refusal taken out: every broken rule is written as if none were."""
        del violations, action

    original = module.refuse
    module.refuse = let_through
    try:
        yield
    finally:
        module.refuse = original


def insider_session(team: Team, name: str, *, sign_as: str | None = None) -> Session:
    """A session opened around ``Session.open``'s checks (active flag, role, key match), with
    ``name``'s own slot: its data key and signing key. ``sign_as`` writes entries under another
    user's name, signed with ``name``'s key."""
    from evidence_desk.domain.models import User
    from evidence_desk.store.folder import StoreFolder

    folder = StoreFolder.open(team.path)
    unlocked = folder.keyslots.unlock(name, team.passwords[name])
    conn = db.connect(folder.db_path, derive_subkey(unlocked.data_key, "sqlcipher"))
    actor = sign_as or name
    role = conn.execute("SELECT role FROM users WHERE name = ?", (actor,)).fetchone()["role"]
    user = User(actor, Role(role), unlocked.public_key, True)
    session = Session(folder, conn, unlocked.data_key, user, unlocked.signing_key, team.clock)
    team._open.append(session)
    return session


#: an export's recipient, purpose and basis (PIPL arts. 55-56), for tests that export bundles
COURT = Recipient(
    "court", "Shanghai Pudong People's Court", "civil suit to recover the loan", "contract"
)


def opened_imports(session: Session, where: str = "", *args: Any) -> list[dict[str, Any]]:
    """The ``imports`` rows (ordered by id) with their file name and details opened: both are
    sealed under the case key (services/case_keys.py)."""
    from evidence_desk.services import case_keys

    rows = session.conn.execute(f"SELECT * FROM imports {where} ORDER BY id", args).fetchall()
    return [case_keys.open_import_row(session, dict(r)) for r in rows]


def poppler_tool(name: str) -> str:
    """The path of a poppler-utils command (pdftotext, pdffonts); the test is skipped where it
    is missing: .ci/run installs poppler-utils, a bare developer box may lack it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def pdf_text(pdf: Path, *options: str) -> str:
    """What ``pdftotext`` reads from ``pdf`` (a user's copy-and-paste sees the same)."""
    return subprocess.run(
        [poppler_tool("pdftotext"), *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pkcs12_identity(common_name: str, *, commits: bool = True) -> bytes:
    """A PKCS#12 (password ``p12-password``) as a licensed CA would issue it: an RSA key, its
    certificate valid from now for a year (nonRepudiation unless ``commits`` is False) and
    the CA's certificate."""
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Licensed Test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, commits, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"lee", key, cert, [ca], serialization.BestAvailableEncryption(b"p12-password")
    )


def take_back_indexes_after(conn: db.Connection, version: int) -> None:
    """Drop the indexes the migrations after ``version`` created, inside the caller's
    transaction: a test that takes a store back to ``version`` (its ``schema_version`` rows
    deleted) sees them made again by ``db.migrate``, as a store made before them would."""
    for migration in MIGRATIONS[version:]:
        for statement in db.split_statements(migration):
            created = re.match(r"\s*CREATE INDEX (\w+)", statement)
            if created:
                conn.execute(f"DROP INDEX IF EXISTS {created.group(1)}")
