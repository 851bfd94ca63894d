"""A real RFC 3161 time-stamp authority on 127.0.0.1, for tests and the checkout's demo store.

:func:`make_test_pki` creates a throw-away PKI with ``cryptography``: a root CA, optionally an
intermediate CA, and a TSA certificate whose extended key usage is id-kp-timeStamping (critical),
plus the misfit certificates the fault modes sign with. :class:`LocalTsa` serves POSTed
TimeStampReqs over HTTP and answers with genuinely signed TimeStampResps (CMS SignedData built with
asn1crypto, signed with ``cryptography``): signed attributes content-type, message-digest and
signing-certificate-v2 (ESSCertIDv2, or ESSCertID on request), the nonce echoed, genTime from an
injectable clock, a serial counter and a fixed policy OID. With ``include_chain`` the token carries
signer, intermediate and root in that order, the way OpenSSL writes them (not DER-sorted).

This is test infrastructure: keys are written unencrypted and nothing here is trusted time.
"""

from __future__ import annotations

import http.server
import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from evidence_desk.integrity.tsa import IMPRINT_HASHES, SM3_OID, TIMESTAMP_REPLY, hash_bytes

__all__ = [
    "DEFAULT_POLICY_OID",
    "Fault",
    "Identity",
    "LocalTsa",
    "TestPki",
    "issue_token",
    "load_test_pki",
    "make_test_pki",
]

DEFAULT_POLICY_OID = "1.2.3.4.1"
_ASN1_TO_HASH = {"sha256": "sha256", "sha384": "sha384", "sha512": "sha512", SM3_OID: "sm3"}

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


# --- PKI ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """A certificate with its private key."""

    cert: x509.Certificate
    key: PrivateKey

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


_IDENTITY_NAMES = (
    "root",
    "intermediate",
    "tsa",
    "no_eku_tsa",
    "eku_noncritical_tsa",
    "expired_tsa",
    "untrusted_root",
    "untrusted_tsa",
)


@dataclass(frozen=True)
class TestPki:
    """The test PKI. ``tsa`` is the good TSA; the others exist for the fault modes.

    Files in ``directory``: ``<name>.pem`` / ``<name>.key`` for every identity, plus
    ``chain.pem`` (TSA then intermediate: the ``-untrusted`` file for ``openssl ts -verify``) and
    ``intermediates.pem`` (the intermediate alone, or empty).
    """

    __test__: ClassVar[bool] = False  # not a pytest test class despite the name

    directory: Path
    root: Identity
    intermediate: Identity | None
    tsa: Identity
    no_eku_tsa: Identity
    eku_noncritical_tsa: Identity
    expired_tsa: Identity
    untrusted_root: Identity
    untrusted_tsa: Identity

    @property
    def trusted_roots(self) -> list[x509.Certificate]:
        return [self.root.cert]

    @property
    def intermediates(self) -> list[x509.Certificate]:
        return [] if self.intermediate is None else [self.intermediate.cert]

    def chain_for(self, signer: Identity) -> list[x509.Certificate]:
        """Signer first, then the CA certificates up to its root."""
        if signer is self.untrusted_tsa:
            return [signer.cert, self.untrusted_root.cert]
        return [signer.cert, *self.intermediates, self.root.cert]

    @property
    def root_pem(self) -> Path:
        return self.directory / "root.pem"

    @property
    def chain_pem(self) -> Path:
        return self.directory / "chain.pem"

    @property
    def intermediates_pem(self) -> Path:
        return self.directory / "intermediates.pem"


def _new_key(key_type: str) -> PrivateKey:
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(f"key_type must be 'rsa' or 'ec', not {key_type!r}")


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Evidence Desk Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _make_ca(
    common_name: str,
    key: PrivateKey,
    issuer: Identity | None,
    not_before: datetime,
    not_after: datetime,
    path_length: int | None,
) -> Identity:
    subject = _name(common_name)
    signing_key = key if issuer is None else issuer.key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject if issuer is None else issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Identity(builder.sign(signing_key, hashes.SHA256()), key)


def _make_tsa_cert(
    common_name: str,
    key: PrivateKey,
    issuer: Identity,
    not_before: datetime,
    not_after: datetime,
    eku: Sequence[x509.ObjectIdentifier],
    eku_critical: bool,
) -> Identity:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
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
        .add_extension(x509.ExtendedKeyUsage(list(eku)), critical=eku_critical)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    return Identity(builder.sign(issuer.key, hashes.SHA256()), key)


def make_test_pki(
    directory: Path | str,
    *,
    intermediate: bool = True,
    key_type: str = "rsa",
    now: datetime | None = None,
) -> TestPki:
    """Create a fresh test PKI and write it (certificates and unencrypted keys) to ``directory``.

    Certificates are valid from 30 days before ``now`` (default: the clock) for years, except
    ``expired_tsa``, which expired a year before ``now``.
    """
    base = (now or datetime.now(UTC)).replace(microsecond=0)
    start, years = base - timedelta(days=30), timedelta(days=365)
    root = _make_ca(
        "Evidence Desk Test Root CA", _new_key(key_type), None, start, base + 20 * years, None
    )
    inter = (
        _make_ca("Evidence Desk Test TSA CA", _new_key(key_type), root, start, base + 10 * years, 0)
        if intermediate
        else None
    )
    issuer = inter if inter is not None else root
    stamping = [ExtendedKeyUsageOID.TIME_STAMPING]
    end = base + 5 * years
    untrusted_root = _make_ca(
        "Evidence Desk Untrusted Root CA", _new_key(key_type), None, start, base + 20 * years, None
    )
    pki = TestPki(
        directory=Path(directory),
        root=root,
        intermediate=inter,
        tsa=_make_tsa_cert(
            "Evidence Desk Test TSA", _new_key(key_type), issuer, start, end, stamping, True
        ),
        no_eku_tsa=_make_tsa_cert(
            "Evidence Desk Code Signer",
            _new_key(key_type),
            issuer,
            start,
            end,
            [ExtendedKeyUsageOID.CODE_SIGNING],
            True,
        ),
        eku_noncritical_tsa=_make_tsa_cert(
            "Evidence Desk Lax TSA", _new_key(key_type), issuer, start, end, stamping, False
        ),
        expired_tsa=_make_tsa_cert(
            "Evidence Desk Expired TSA",
            _new_key(key_type),
            issuer,
            base - 3 * years,
            base - years,
            stamping,
            True,
        ),
        untrusted_root=untrusted_root,
        untrusted_tsa=_make_tsa_cert(
            "Evidence Desk Rogue TSA",
            _new_key(key_type),
            untrusted_root,
            start,
            end,
            stamping,
            True,
        ),
    )
    _write_pki(pki)
    return pki


def _write_pki(pki: TestPki) -> None:
    pki.directory.mkdir(parents=True, exist_ok=True)
    for name in _IDENTITY_NAMES:
        identity: Identity | None = getattr(pki, name)
        if identity is None:
            continue
        (pki.directory / f"{name}.pem").write_bytes(identity.pem)
        (pki.directory / f"{name}.key").write_bytes(
            identity.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    pki.chain_pem.write_bytes(
        b"".join(
            cert.public_bytes(serialization.Encoding.PEM) for cert in pki.chain_for(pki.tsa)[:-1]
        )
    )
    pki.intermediates_pem.write_bytes(
        b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in pki.intermediates)
    )


def load_test_pki(directory: Path | str) -> TestPki:
    """Read back a PKI written by :func:`make_test_pki` (e.g. the demo store's local TSA)."""
    folder = Path(directory)
    identities: dict[str, Identity | None] = {}
    for name in _IDENTITY_NAMES:
        cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
        if name == "intermediate" and not cert_path.exists():
            identities[name] = None
            continue
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise ValueError(f"{key_path}: unsupported key type")
        identities[name] = Identity(x509.load_pem_x509_certificate(cert_path.read_bytes()), key)

    def need(name: str) -> Identity:
        identity = identities[name]
        assert identity is not None
        return identity

    return TestPki(
        directory=folder,
        root=need("root"),
        intermediate=identities["intermediate"],
        tsa=need("tsa"),
        no_eku_tsa=need("no_eku_tsa"),
        eku_noncritical_tsa=need("eku_noncritical_tsa"),
        expired_tsa=need("expired_tsa"),
        untrusted_root=need("untrusted_root"),
        untrusted_tsa=need("untrusted_tsa"),
    )


# --- token issuing ------------------------------------------------------------------------------


def _asn1_cert(cert: x509.Certificate) -> Any:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _certificate_set(certs: Sequence[x509.Certificate]) -> Any:
    """A CertificateSet in the order given. asn1crypto sorts a SET OF it builds; loading the
    encoding instead keeps the order, as OpenSSL (and real TSAs) write it."""
    body = b"".join(cert.public_bytes(serialization.Encoding.DER) for cert in certs)
    as_octets = core.OctetString(body).dump()  # same length encoding, tag swapped to SET below
    return cms.CertificateSet.load(b"\x31" + as_octets[1:])


def issue_token(
    *,
    imprint_alg: str,
    imprint: bytes,
    nonce: int | None,
    signer: Identity,
    certs: Sequence[x509.Certificate],
    gen_time: datetime,
    serial_number: int,
    policy_oid: str = DEFAULT_POLICY_OID,
    accuracy: timedelta | None = timedelta(seconds=1),
    ess_v1: bool = False,
    ess_cert: x509.Certificate | None = None,
) -> bytes:
    """A signed TimeStampToken (CMS ContentInfo, DER). ``imprint_alg`` is the asn1crypto value of
    the imprint's algorithm ("sha256", or the dotted SM3 OID). ``ess_cert`` (tests only) makes the
    signing-certificate attribute name another certificate than the signer's."""
    signer_asn1 = _asn1_cert(signer.cert)
    named = _asn1_cert(ess_cert) if ess_cert is not None else signer_asn1
    named_der = bytes(named.dump())
    tst_fields: dict[str, Any] = {
        "version": "v1",
        "policy": policy_oid,
        "message_imprint": {
            "hash_algorithm": {"algorithm": imprint_alg},
            "hashed_message": imprint,
        },
        "serial_number": serial_number,
        "gen_time": gen_time.astimezone(UTC),
        "tsa": asn1_x509.GeneralName(name="directory_name", value=signer_asn1.subject),
    }
    if accuracy is not None:
        whole_ms = accuracy // timedelta(milliseconds=1)
        acc: dict[str, int] = {}
        if whole_ms // 1000:
            acc["seconds"] = whole_ms // 1000
        if whole_ms % 1000:
            acc["millis"] = whole_ms % 1000
        tst_fields["accuracy"] = acc
    if nonce is not None:
        tst_fields["nonce"] = nonce
    tst_info_der = tsp.TSTInfo(tst_fields).dump()

    named_issuer = asn1_x509.GeneralName(name="directory_name", value=named.issuer)
    issuer_serial = {"issuer": [named_issuer], "serial_number": named.serial_number}
    if ess_v1:
        signing_cert_attr = cms.CMSAttribute(
            {
                "type": "signing_certificate",
                "values": [
                    tsp.SigningCertificate(
                        {
                            "certs": [
                                {
                                    "cert_hash": hash_bytes("sha1", named_der),
                                    "issuer_serial": issuer_serial,
                                }
                            ]
                        }
                    )
                ],
            }
        )
    else:
        signing_cert_attr = cms.CMSAttribute(
            {
                "type": "signing_certificate_v2",
                "values": [
                    tsp.SigningCertificateV2(
                        {
                            "certs": [
                                {
                                    "hash_algorithm": {"algorithm": "sha256"},
                                    "cert_hash": hash_bytes("sha256", named_der),
                                    "issuer_serial": issuer_serial,
                                }
                            ]
                        }
                    )
                ],
            }
        )
    signed_attrs = cms.CMSAttributes(  # a SET OF: asn1crypto DER-sorts it, as CMS requires
        [
            cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hash_bytes("sha256", tst_info_der)]}
            ),
            signing_cert_attr,
        ]
    )
    to_sign = b"\x31" + signed_attrs.dump()[1:]
    if isinstance(signer.key, rsa.RSAPrivateKey):
        signature = signer.key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
        signature_algorithm = "rsassa_pkcs1v15"
    else:
        signature = signer.key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
        signature_algorithm = "sha256_ecdsa"

    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": signer_asn1.issuer, "serial_number": signer_asn1.serial_number},
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": signature_algorithm}),
            "signature": signature,
        }
    )
    signed_data_fields: dict[str, Any] = {
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {
            "content_type": "tst_info",
            "content": core.ParsableOctetString(tst_info_der),
        },
        "signer_infos": [signer_info],
    }
    if certs:
        signed_data_fields["certificates"] = _certificate_set(certs)
    content_info = cms.ContentInfo(
        {"content_type": "signed_data", "content": cms.SignedData(signed_data_fields)}
    )
    return bytes(content_info.dump())


def _response(status: str, token_der: bytes | None = None, text: str = "", fail: str = "") -> bytes:
    status_info: dict[str, Any] = {"status": status}
    if text:
        status_info["status_string"] = [text]
    if fail:
        status_info["fail_info"] = {fail}
    if token_der is None:  # asn1crypto's TimeStampResp insists on a token; a refusal has none
        return bytes(core.SequenceOf([status_info], spec=tsp.PKIStatusInfo).dump())
    fields = {"status": status_info, "time_stamp_token": cms.ContentInfo.load(token_der)}
    return bytes(tsp.TimeStampResp(fields).dump())


# --- the server ---------------------------------------------------------------------------------


class Fault(StrEnum):
    """How the local TSA misbehaves; ``NONE`` answers correctly."""

    NONE = "none"
    HTTP_500 = "http_500"
    GARBAGE = "garbage"
    SLOW = "slow"
    WRONG_IMPRINT = "wrong_imprint"
    WRONG_NONCE = "wrong_nonce"
    REJECT = "reject"
    NO_TIMESTAMP_EKU = "no_timestamp_eku"
    EKU_NOT_CRITICAL = "eku_not_critical"
    EXPIRED_CERT = "expired_cert"
    UNTRUSTED_ROOT = "untrusted_root"


class LocalTsa:
    """An RFC 3161 TSA over HTTP on 127.0.0.1 (random port), served from a background thread.

    ``fault``, ``include_chain`` and ``ess_v1`` may be changed while it runs. ``clock`` gives
    genTime (default: the system clock, to the millisecond).
    """

    def __init__(
        self,
        pki: TestPki,
        *,
        include_chain: bool = True,
        clock: Callable[[], datetime] | None = None,
        policy_oid: str = DEFAULT_POLICY_OID,
        fault: Fault = Fault.NONE,
        slow_seconds: float = 5.0,
        accuracy: timedelta | None = timedelta(seconds=1),
        ess_v1: bool = False,
        first_serial: int = 1,
    ) -> None:
        self.pki = pki
        self.include_chain = include_chain
        self.clock = clock or _default_clock
        self.policy_oid = policy_oid
        self.fault = fault
        self.slow_seconds = slow_seconds
        self.accuracy = accuracy
        self.ess_v1 = ess_v1
        self.requests_served = 0
        self._serials = itertools.count(first_serial)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> LocalTsa:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.name = f"LocalTsa:{self.port}"
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes a handler sleeping in SLOW mode
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> LocalTsa:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("LocalTsa is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsa"

    # answering

    def _signer(self, fault: Fault) -> Identity:
        return {
            Fault.NO_TIMESTAMP_EKU: self.pki.no_eku_tsa,
            Fault.EKU_NOT_CRITICAL: self.pki.eku_noncritical_tsa,
            Fault.EXPIRED_CERT: self.pki.expired_tsa,
            Fault.UNTRUSTED_ROOT: self.pki.untrusted_tsa,
        }.get(fault, self.pki.tsa)

    def answer(self, request_der: bytes, fault: Fault | None = None) -> bytes:
        """The DER TimeStampResp for ``request_der`` (usable without the HTTP server)."""
        fault = self.fault if fault is None else fault
        try:
            request = tsp.TimeStampReq.load(request_der, strict=True)
            imprint_alg = str(request["message_imprint"]["hash_algorithm"]["algorithm"].native)
            imprint = bytes(request["message_imprint"]["hashed_message"].native)
            nonce = request["nonce"].native
            cert_req = bool(request["cert_req"].native)
            req_policy = request["req_policy"].native
        except (ValueError, TypeError, KeyError):
            return _response("rejection", text="bad request", fail="bad_data_format")
        hash_name = _ASN1_TO_HASH.get(imprint_alg)
        if hash_name is None or hash_name not in IMPRINT_HASHES:
            return _response("rejection", text=f"unsupported {imprint_alg}", fail="bad_alg")
        if len(imprint) != len(hash_bytes(hash_name, b"")):
            return _response("rejection", text="imprint length", fail="bad_data_format")
        if req_policy is not None and req_policy != self.policy_oid:
            return _response("rejection", text="policy", fail="unaccepted_policy")
        if fault is Fault.REJECT:
            return _response("rejection", text="operator says no", fail="system_failure")
        if fault is Fault.WRONG_IMPRINT:
            imprint = hash_bytes(hash_name, b"something else entirely")
        if fault is Fault.WRONG_NONCE:
            nonce = (nonce or 0) + 1
        signer = self._signer(fault)
        chain = self.pki.chain_for(signer)
        certs = (chain if self.include_chain else chain[:1]) if cert_req else []
        with self._lock:
            serial = next(self._serials)
        token = issue_token(
            imprint_alg=imprint_alg,
            imprint=imprint,
            nonce=None if nonce is None else int(nonce),
            signer=signer,
            certs=certs,
            gen_time=self.clock(),
            serial_number=serial,
            policy_oid=self.policy_oid,
            accuracy=self.accuracy,
            ess_v1=self.ess_v1,
        )
        return _response("granted", token)


def _default_clock() -> datetime:
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _make_handler(tsa: LocalTsa) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send(405, b"POST a TimeStampReq\n", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, 1 << 16))
            fault = tsa.fault
            with tsa._lock:
                tsa.requests_served += 1
            if fault is Fault.SLOW and tsa._stopping.wait(tsa.slow_seconds):
                return
            if fault is Fault.HTTP_500:
                self._send(500, b"internal error\n", "text/plain")
                return
            if fault is Fault.GARBAGE:
                self._send(200, b"<html>certainly not DER</html>", TIMESTAMP_REPLY)
                return
            self._send(200, tsa.answer(body, fault), TIMESTAMP_REPLY)

    return Handler
