"""The hub's TLS: a private CA made by ``hub init``, or a certificate the company already has.

A TLS folder holds ``ca.pem`` (the certificate every device pins; a company's own root or
intermediate when it brings its certificate), ``hub.pem`` (the hub's certificate, then any
intermediates) and ``hub-key.pem`` (its private key), plus ``ca-key.pem`` when the CA is ours.
Keys are written readable by their owner only (0600) and unencrypted: the hub starts unattended.
The hub's TLS key is never a user's key; users sign their requests with their own Ed25519 keys
(integrity/http_signatures.py) inside the TLS connection.

Both ends speak TLS 1.3 only. A device trusts exactly the pinned CA file and shows its
fingerprint (integrity/pinning.py, which the device's client shares).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.pinning import certificates

CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
CERT_FILE = "hub.pem"
KEY_FILE = "hub-key.pem"
#: Always in the hub's certificate: the hub is reachable on the loopback of its own machine.
LOOPBACK = ("127.0.0.1", "localhost")
CA_DAYS = 3650
CERT_DAYS = 825

_said = Catalogue(
    {
        "tls.incomplete": "{folder}: has {present} but not {missing}",
        "tls.unreadable": "{path}: not a PEM certificate or key ({error})",
        "tls.mismatch": "{path}: the private key does not belong to the certificate",
        "tls.untrusted": "{path}: the certificate does not chain to {ca} for {host} ({error})",
        "tls.no_names": "{path}: the certificate names no host (subject alternative names)",
        "tls.not_our_ca": "no private CA of the hub here (ca-key.pem); the CA that issued "
        "this certificate renews it",
    }
)


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """The files of a TLS folder; ``ca_key_file`` is None for a company's certificate."""

    ca_file: Path
    cert_file: Path
    key_file: Path
    ca_key_file: Path | None


def _write(path: Path, data: bytes, mode: int) -> None:
    """Atomically (temp file, fsync, rename), created with ``mode`` from the start so that a key
    is never readable by others, not even for a moment."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # whatever the umask took away or left
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


def write_private(path: Path, data: bytes) -> None:
    """A private key file: written atomically, mode 0600 from the start (hub/receipts.py's
    signing key sits beside the TLS keys and is written the same way)."""
    _write(path, data, 0o600)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _alt_name(host: str) -> x509.DNSName | x509.IPAddress:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def create_private_ca(
    folder: Path, hosts: Sequence[str], *, now: datetime.datetime | None = None
) -> TlsFiles:
    """A new CA and a hub certificate it signs for ``hosts`` (names or IP addresses, the
    loopback always among them), written to ``folder``. ECDSA P-256: what every TLS stack takes."""
    moment = now or datetime.datetime.now(datetime.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Evidence Desk hub CA")])
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - datetime.timedelta(minutes=5))
        .not_valid_after(moment + datetime.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_key_file = folder / CA_KEY_FILE
    files = TlsFiles(folder / CA_FILE, folder / CERT_FILE, folder / KEY_FILE, ca_key_file)
    _write(ca_key_file, _key_pem(ca_key), 0o600)
    _write(files.ca_file, ca.public_bytes(serialization.Encoding.PEM), 0o644)
    _write_hub_cert(files, *_hub_cert(ca, ca_key, hosts, moment))
    return files


def _hub_cert(
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    hosts: Sequence[str],
    moment: datetime.datetime,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new key and the hub certificate ``ca`` signs for ``hosts`` (the loopback always
    among them), valid :data:`CERT_DAYS`."""
    ca_name = ca.subject
    ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    key = ec.generate_private_key(ec.SECP256R1())
    names = list(dict.fromkeys([*LOOPBACK, *hosts]))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[-1])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - datetime.timedelta(minutes=5))
        .not_valid_after(moment + datetime.timedelta(days=CERT_DAYS))
        .add_extension(x509.SubjectAlternativeName([_alt_name(n) for n in names]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _write_hub_cert(
    files: TlsFiles, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate
) -> None:
    # the key first: a hub restarted between the two writes finds a mismatch and says so
    # (tls.mismatch) rather than serving a certificate whose key it lacks
    _write(files.key_file, _key_pem(key), 0o600)
    _write(files.cert_file, cert.public_bytes(serialization.Encoding.PEM), 0o644)


def renew_hub_cert(
    folder: Path, hosts: Sequence[str], *, now: datetime.datetime | None = None
) -> TlsFiles:
    """A new hub certificate and key from the folder's own private CA (``hub renew-cert``):
    before the 825 days run out, or to add a host name. Devices pin the CA, not the hub's
    certificate, so they trust the new one at once; the running hub loads it when restarted.
    ``hosts`` empty keeps the names of the current certificate. A folder holding a company's
    certificate (no ``ca-key.pem``) is refused: the company's CA issues its renewal."""
    files = check_existing(folder)
    if files.ca_key_file is None:
        raise BadInput(str(folder), "", _said("tls.not_our_ca"))
    (ca,) = certificates(files.ca_file)[:1]
    loaded = serialization.load_pem_private_key(files.ca_key_file.read_bytes(), None)
    if not isinstance(loaded, ec.EllipticCurvePrivateKey):
        raise BadInput(str(files.ca_key_file), "", _said("tls.not_our_ca"))
    if not hosts:
        hosts = _names(certificates(files.cert_file)[0], files.cert_file)
    moment = now or datetime.datetime.now(datetime.UTC)
    _write_hub_cert(files, *_hub_cert(ca, loaded, hosts, moment))
    return check_existing(folder)


def check_existing(folder: Path) -> TlsFiles:
    """The TLS folder as the company provided it (or ``hub init`` wrote it), checked: the key
    belongs to the certificate, and the certificate chains to ``ca.pem`` for each name it
    carries and is valid now. Raises BadInput naming the file and what is wrong."""
    files = TlsFiles(folder / CA_FILE, folder / CERT_FILE, folder / KEY_FILE, None)
    leaf, *chain = certificates(files.cert_file)
    roots = certificates(files.ca_file)
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(files.cert_file, files.key_file)
    except ssl.SSLError:
        raise BadInput(
            str(files.key_file), "", _said("tls.mismatch", path=files.key_file)
        ) from None
    except OSError as error:
        raise BadInput(
            str(files.key_file), "", _said("tls.unreadable", path=files.key_file, error=error)
        ) from None
    hosts = _names(leaf, files.cert_file)
    builder = PolicyBuilder().store(Store(roots))
    for host in hosts:
        try:
            builder.build_server_verifier(_alt_name(host)).verify(leaf, chain)
        except VerificationError as error:
            said = _said(
                "tls.untrusted", path=files.cert_file, ca=files.ca_file, host=host, error=error
            )
            raise BadInput(str(files.cert_file), "", said) from None
    ca_key = folder / CA_KEY_FILE
    return TlsFiles(
        files.ca_file, files.cert_file, files.key_file, ca_key if ca_key.exists() else None
    )


def _names(leaf: x509.Certificate, path: Path) -> list[str]:
    """The host names and addresses a certificate is for (its subject alternative names)."""
    try:
        names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        raise BadInput(str(path), "", _said("tls.no_names", path=path)) from None
    hosts = [str(n) for n in names.get_values_for_type(x509.DNSName)]
    hosts += [str(n) for n in names.get_values_for_type(x509.IPAddress)]
    if not hosts:
        raise BadInput(str(path), "", _said("tls.no_names", path=path))
    return hosts


def prepare(folder: Path, hosts: Sequence[str]) -> TlsFiles:
    """``hub init``'s TLS: the folder's own certificate when it has one (checked), else a new
    private CA and certificate for ``hosts``. A folder with only some of the files is refused:
    a half-copied company certificate must not be silently replaced by a private CA."""
    needed = [CA_FILE, CERT_FILE, KEY_FILE]
    present = [name for name in needed if (folder / name).exists()]
    if not present:
        return create_private_ca(folder, hosts)
    if len(present) < len(needed):
        missing = [name for name in needed if name not in present]
        said = _said(
            "tls.incomplete", folder=folder, present=", ".join(present), missing=", ".join(missing)
        )
        raise BadInput(str(folder), "", said)
    return check_existing(folder)


def server_context(files: TlsFiles) -> ssl.SSLContext:
    """The hub's side: its certificate chain and key, TLS 1.3 and nothing older."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(files.cert_file, files.key_file)
    return context
