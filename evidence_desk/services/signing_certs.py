"""Who signs the filed PDF: the organisation's signing CA, the certificates it issues to legal
users, and PKCS#12s legal users import from a licensed CA (issue 21 item 1).

A bundle's PDF volumes carry a PAdES signature of the exporting legal user
(services/pdf_signing.py). The X.509 identity behind it comes from one of two places:

- the organisation CA an administrator creates here (ECDSA P-256, ``CA:TRUE, pathlen 0``,
  ``keyCertSign``), which issues each legal user a certificate (``digitalSignature`` and
  ``nonRepudiation``, subject ``CN = user name, O = organisation``): the court pins the CA's
  certificate the organisation publishes, as it pins the organisation's Ed25519 keys;
- or a PKCS#12 the legal user imports from a licensed CA (the usual route to a "reliable
  electronic signature", Electronic Signature Law art. 13).

Private keys never sit in plaintext on disk: each is sealed with HPKE (store/case_keys.py's
suite) for the X25519 key the ledger records for the user who holds it (the CA key for the
administrator who created it, a user's key for that user), bound to the store, the holder and
the certificate. The database is encrypted as well. A password reset gives the user a new
X25519 key, so their signing key no longer opens: they need a new certificate (issued again, or
the PKCS#12 imported again).

Each step is one ledger entry (``signing.ca_create``, ``signing.cert_issue``,
``signing.cert_import``) whose facts are the certificate (PEM, SHA-256, subject, issuer, end of
validity) and the SHA-256 of the sealed key; the rule table (domain/authority.py) replays who
may write them. A row of ``signing_certs`` is used only when such an entry names its
certificate and sealed key, so a row slipped into the table signs nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from evidence_desk.domain import authority
from evidence_desk.domain.errors import BadInput, RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import settings as settings_service
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import DatabaseState, Session
from evidence_desk.store import db

CA_YEARS = 10
CERT_YEARS = 2
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

_said = Catalogue(
    {
        "signing.no_ca": "there is no organisation signing CA whose key you hold: an "
        "administrator creates one first (evidence-desk signing-ca create)",
        "signing.no_user": "{user} is not a user of this store",
        "signing.no_wrap_key": "{user} has no key to seal a signing key for yet: they log in "
        "once first",
        "signing.key_unopened": "the sealed key of certificate {sha256} does not open for {user}",
        "signing.p12_unreadable": "not a PKCS#12 file, or the password is wrong ({error})",
        "signing.p12_incomplete": "the PKCS#12 holds no certificate with its private key",
        "signing.p12_key_type": "the PKCS#12's key is not RSA or ECDSA",
        "signing.key_usage": "the certificate may not sign documents: its key usage lacks "
        "nonRepudiation",
        "signing.expired": "the certificate is not valid now (valid {not_before} to {not_after})",
        "signing.where": "signing certificate {sha256} of {holder}",
        "signing.unrecorded": "no ledger entry that keeps the rules records this certificate "
        "with this sealed key",
        "signing.no_certificate": "{user} has no PDF signing certificate: an administrator "
        "issues one (evidence-desk signing-cert issue --user {user}) or {user} imports a "
        "PKCS#12 from a licensed CA (evidence-desk signing-cert import --p12 FILE)",
    }
)


@dataclass(frozen=True, slots=True)
class CertFacts:
    """What a signing.* entry records of a certificate."""

    sha256: str
    subject: str
    issuer: str
    not_after: str
    seq: int


@dataclass(frozen=True, slots=True)
class SignerIdentity:
    """A user's opened signing identity: their key, their certificate and its chain up to (and
    including) the root, as the PDF signer and the kit's trust folder need them."""

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # issuers of ``cert``, nearest first

    @property
    def sha256(self) -> str:
        return cert_sha256(self.cert)


def cert_sha256(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _pem(certs: list[x509.Certificate] | tuple[x509.Certificate, ...]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs)


def _info(store_id: str, holder: str, sha256: str) -> bytes:
    return f"evidence-desk/signing-key/v1\n{store_id}\n{holder}\n{sha256}".encode()


def _wrap_public(session: Session, user: str) -> str:
    row = session.conn.execute("SELECT wrap_key FROM users WHERE name = ?", (user,)).fetchone()
    if row is None:
        raise RuleViolation("signing.no_user", _said("signing.no_user", user=user))
    if not row["wrap_key"]:
        raise RuleViolation("signing.no_wrap_key", _said("signing.no_wrap_key", user=user))
    return str(row["wrap_key"])


def _seal(session: Session, holder: str, sha256: str, key_der: bytes) -> bytes:
    public = X25519PublicKey.from_public_bytes(bytes.fromhex(_wrap_public(session, holder)))
    return _SUITE.encrypt(key_der, public, info=_info(session.folder.store_id, holder, sha256))


def _open(session: Session, sha256: str, sealed: bytes) -> bytes:
    holder = session.user.name
    try:
        if session.wrap_key is None:
            raise ValueError("no wrap key")
        private = X25519PrivateKey.from_private_bytes(session.wrap_key)
        return _SUITE.decrypt(sealed, private, info=_info(session.folder.store_id, holder, sha256))
    except (InvalidTag, ValueError):
        raise RuleViolation(
            "signing.key_unopened", _said("signing.key_unopened", sha256=sha256, user=holder)
        ) from None


def _key_der(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _fit(text: str) -> str:
    """X.509 caps CN and O at 64 (RFC 5280 ub-common-name, ub-organization-name), which
    ``cryptography`` counts in UTF-8 bytes: a longer name (a Chinese organisation name with
    its English one) is cut there, between characters."""
    while len(text.encode("utf-8")) > 64:
        text = text[:-1]
    return text.rstrip()


def _name(common_name: str, organisation: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name))]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organisation)))
    return x509.Name(attributes)


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _record(
    session: Session,
    action: str,
    kind: str,
    holder: str,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    key_der: bytes,
    extra: dict[str, str],
) -> CertFacts:
    """Seal the key for ``holder`` and write the entry and its ``signing_certs`` row in one
    transaction."""
    sha256 = cert_sha256(cert)
    sealed = _seal(session, holder, sha256, key_der)
    facts = {
        "cert_sha256": sha256,
        "cert_pem": _pem([cert]),
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "not_after": cert.not_valid_after_utc.isoformat(),
        "key_seal_sha256": hashlib.sha256(sealed).hexdigest(),
        **extra,
    }

    def put_row(conn: db.Connection, seq: int) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO signing_certs (sha256, kind, holder, cert_pem, chain_pem, "
            "sealed_key, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, kind, holder, facts["cert_pem"], _pem(chain), sealed, seq),
        )

    entry = session.write(action, facts, extra=put_row)
    return CertFacts(sha256, facts["subject"], facts["issuer"], facts["not_after"], entry.seq)


def create_ca(session: Session) -> CertFacts:
    """A new organisation signing CA; its key sealed for this administrator. A later CA
    replaces it for issuing (certificates already issued stay valid under the old one)."""
    session.require(Action.SIGNING_CA_CREATE)
    organisation = str(settings_service.get(session, "organisation") or "")
    key = ec.generate_private_key(ec.SECP256R1())
    now = session.clock()
    name = _name(f"PDF signing CA {organisation or 'Evidence Desk'}", organisation)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _record(
        session, "signing.ca_create", "ca", session.user.name, cert, [], _key_der(key), {}
    )


def _my_ca(session: Session) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    for row in session.conn.execute(
        "SELECT sha256, cert_pem, sealed_key FROM signing_certs WHERE kind = 'ca' AND holder = ? "
        "ORDER BY seq DESC",
        (session.user.name,),
    ):
        if not _recorded(session, "signing.ca_create", row["sha256"], row["sealed_key"]):
            continue
        key = serialization.load_der_private_key(
            _open(session, row["sha256"], row["sealed_key"]), None
        )
        if isinstance(key, ec.EllipticCurvePrivateKey):
            return x509.load_pem_x509_certificate(row["cert_pem"].encode()), key
    raise RuleViolation("signing.no_ca", _said("signing.no_ca"))


def issue_cert(session: Session, user: str) -> CertFacts:
    """Issue ``user`` (an active legal user) a PDF signing certificate under this
    administrator's CA; the new key is sealed for ``user`` alone."""
    session.require(Action.SIGNING_CERT_ISSUE)
    problem = authority.signing_holder(_state(session), user)
    if problem is not None:
        raise RuleViolation(problem.rule, problem.detail)
    ca_cert, ca_key = _my_ca(session)
    _wrap_public(session, user)  # refuse before making a key that cannot be sealed
    organisation = str(settings_service.get(session, "organisation") or "")
    key = ec.generate_private_key(ec.SECP256R1())
    now = session.clock()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(user, organisation))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(min(now + timedelta(days=365 * CERT_YEARS), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign=True, ca=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return _record(
        session,
        "signing.cert_issue",
        "issued",
        user,
        cert,
        [ca_cert],
        _key_der(key),
        {"user": user, "ca_sha256": cert_sha256(ca_cert)},
    )


def _check_usable(cert: x509.Certificate, now: datetime) -> None:
    """A document signing certificate: key usage nonRepudiation (contentCommitment), which
    pyHanko's and most validators' default policy require of a PDF signer, and valid now."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        commits = usage.content_commitment
    except x509.ExtensionNotFound:
        commits = False
    if not commits:
        raise BadInput("", "", _said("signing.key_usage"))
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise BadInput(
            "",
            "",
            _said(
                "signing.expired",
                not_before=cert.not_valid_before_utc.isoformat(),
                not_after=cert.not_valid_after_utc.isoformat(),
            ),
        )


def import_p12(session: Session, data: bytes, password: str) -> CertFacts:
    """Import this legal user's own PKCS#12 (key, certificate and CA chain)."""
    session.require(Action.SIGNING_CERT_IMPORT)
    problem = authority.signing_holder(_state(session), session.user.name)
    if problem is not None:
        raise RuleViolation(problem.rule, problem.detail)
    try:
        bundle = pkcs12.load_pkcs12(data, password.encode("utf-8") or None)
    except (ValueError, TypeError) as error:
        raise BadInput("", "", _said("signing.p12_unreadable", error=error)) from None
    if bundle.key is None or bundle.cert is None:
        raise BadInput("", "", _said("signing.p12_incomplete"))
    key = bundle.key
    if isinstance(key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)) or not isinstance(
        key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)
    ):
        raise BadInput("", "", _said("signing.p12_key_type"))
    cert = bundle.cert.certificate
    _check_usable(cert, session.clock())
    chain = [c.certificate for c in bundle.additional_certs]
    return _record(
        session,
        "signing.cert_import",
        "imported",
        session.user.name,
        cert,
        chain,
        _key_der(key),
        {"user": session.user.name},
    )


def _recorded(session: Session, action: str, sha256: str, sealed: bytes) -> bool:
    """Does a ledger entry of ``action`` name this certificate and this sealed key?"""
    digest = hashlib.sha256(sealed).hexdigest()
    for row in session.conn.execute(
        "SELECT payload FROM ledger WHERE action = ? AND payload LIKE ?", (action, f"%{sha256}%")
    ):
        payload = json.loads(row["payload"])
        if payload.get("cert_sha256") == sha256 and payload.get("key_seal_sha256") == digest:
            return True
    return False


def _state(session: Session) -> authority.State:
    return DatabaseState(session.conn)


def signer(session: Session) -> SignerIdentity:
    """This user's newest recorded signing identity that opens and is valid now; refuses with
    what to do when there is none."""
    now = session.clock()
    for row in session.conn.execute(
        "SELECT sha256, kind, cert_pem, chain_pem, sealed_key FROM signing_certs "
        "WHERE holder = ? AND kind != 'ca' ORDER BY seq DESC",
        (session.user.name,),
    ):
        action = "signing.cert_issue" if row["kind"] == "issued" else "signing.cert_import"
        if not _recorded(session, action, row["sha256"], row["sealed_key"]):
            continue
        cert = x509.load_pem_x509_certificate(row["cert_pem"].encode())
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            continue
        try:
            key = serialization.load_der_private_key(
                _open(session, row["sha256"], row["sealed_key"]), None
            )
        except RuleViolation:
            continue  # sealed for a key this user had before a password reset
        if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
            continue
        chain = (
            tuple(x509.load_pem_x509_certificates(row["chain_pem"].encode()))
            if row["chain_pem"]
            else ()
        )
        return SignerIdentity(key, cert, chain)
    user = session.user.name
    raise RuleViolation("signing.no_certificate", _said("signing.no_certificate", user=user))


@dataclass(frozen=True, slots=True)
class CertListing:
    sha256: str
    kind: str  # ca | issued | imported
    holder: str
    subject: str
    not_after: str


def list_certs(session: Session) -> list[CertListing]:
    """The signing certificates on record, newest first: all of them for an administrator,
    one's own for anyone else (certificates are public; keys never leave their seal)."""
    session.require(Action.USER_LIST)
    everyone = session.user.role == "admin"
    out = []
    for row in session.conn.execute(
        "SELECT sha256, kind, holder, cert_pem FROM signing_certs ORDER BY seq DESC"
    ):
        if not everyone and row["holder"] != session.user.name:
            continue
        cert = x509.load_pem_x509_certificate(row["cert_pem"].encode())
        out.append(
            CertListing(
                str(row["sha256"]),
                str(row["kind"]),
                str(row["holder"]),
                cert.subject.rfc4514_string(),
                cert.not_valid_after_utc.isoformat(),
            )
        )
    return out


def ca_pem(session: Session, sha256: str) -> str:
    """The certificate of the CA ``sha256`` (PEM), for the organisation to publish."""
    session.require(Action.SIGNING_CA_CREATE)
    row = session.conn.execute(
        "SELECT cert_pem FROM signing_certs WHERE sha256 = ? AND kind = 'ca'", (sha256,)
    ).fetchone()
    if row is None:
        raise RuleViolation("signing.no_ca", _said("signing.no_ca"))
    return str(row["cert_pem"])


def chain_pem(identity: SignerIdentity) -> str:
    """The signer's certificate and its chain, PEM: the kit's trust folder carries it."""
    return _pem((identity.cert, *identity.chain))


def check_signing_certs(session: Session, replay: Replay) -> Iterable[Finding]:
    """verify: every ``signing_certs`` row is recorded, certificate and sealed key, by the
    signing.* entry of its seq, one that keeps the rules (a row slipped into the table is
    reported; ``signer`` never uses one)."""
    actions = {"ca": "signing.ca_create", "issued": "signing.cert_issue"}
    for row in session.conn.execute(
        "SELECT sha256, kind, holder, sealed_key, seq FROM signing_certs ORDER BY seq"
    ):
        seq = int(row["seq"])
        payload = replay.payloads[seq - 1] if 0 < seq <= len(replay.payloads) else {}
        entry = replay.entries[seq - 1] if 0 < seq <= len(replay.entries) else None
        recorded = (
            entry is not None
            and entry.seq == seq
            and seq not in replay.rejected
            and entry.action == actions.get(str(row["kind"]), "signing.cert_import")
            and isinstance(payload, dict)
            and payload.get("cert_sha256") == row["sha256"]
            and payload.get("key_seal_sha256") == hashlib.sha256(row["sealed_key"]).hexdigest()
        )
        if not recorded:
            yield Finding(
                "signing.unrecorded",
                _said("signing.where", sha256=row["sha256"], holder=row["holder"]),
                _said("signing.unrecorded"),
            )
