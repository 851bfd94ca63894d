"""RFC 3161 time-stamp client: build a request, send it, verify the answer fully, re-verify offline.

Nothing a TSA returns is trusted until :func:`verify_response` (fresh answers) or
:func:`verify_token` (stored tokens) has checked all of it (EV-10):

- PKIStatus is ``granted`` or ``grantedWithMods``;
- the CMS SignedData holds exactly one signer, its eContent is an id-ct-TSTInfo;
- the message-digest signed attribute equals the hash of the TSTInfo bytes, the content-type
  attribute names id-ct-TSTInfo, and the signature over the signed attributes verifies with the
  signer's certificate (RSA PKCS#1 v1.5, RSA-PSS, ECDSA, Ed25519, Ed448);
- the signing-certificate attribute (ESSCertIDv2, RFC 5816, or ESSCertID, RFC 2634) names that
  certificate (hash, and issuer/serial when present);
- the signer's extended key usage is present, critical and exactly id-kp-timeStamping, and its key
  usage, if present, is only digitalSignature/nonRepudiation (RFC 3161 §2.3, as OpenSSL checks it);
- a chain from the signer to one of the caller's trusted roots exists, built from the token's
  certificates and ``extra_certs``: every signature checks, every issuer is a CA allowed to sign
  certificates, and every certificate (the root included) is valid at genTime;
- the TSTInfo ``tsa`` name, if present, is one of the signer's names;
- the imprint's algorithm and hash equal the request's, the nonce is echoed, genTime is present
  (and, for a fresh answer, within ``max_clock_skew`` of the local clock).

Every failure raises :class:`TsaError` with a :class:`TsaReason`. Revocation (CRL/OCSP) is not
checked: that belongs to long-term validation, which needs network access at verification time.

Parsing is done with asn1crypto, which is tolerant where rfc3161-client 1.0.9 is not: the latter
refuses SignedData whose certificate SET OF is not DER-sorted, which is how OpenSSL (and real TSAs)
write chains. Signatures and hashes come from ``cryptography``.

SM3 / GB/T 20520: an SM3 message imprint (OID 1.2.156.10197.1.401) can be requested and checked:
asn1crypto 1.5.1 has no name for that OID but carries it as a dotted OID, and ``cryptography``
provides ``hashes.SM3``. OpenSSL 3.0 ``ts -verify`` accepts such tokens too (tested). What is NOT
possible with the installed libraries is verifying a token *signed* with SM2 (sm2-with-SM3,
1.2.156.10197.1.501), which is what a domestic GB/T 20520 TSA normally uses: ``cryptography`` has no
SM2, so such a token fails with ``TsaReason.UNSUPPORTED_ALGORITHM``. An SM3-imprint token signed
with RSA or ECDSA verifies normally. The GB/T 20520 text itself was not available to check profile
details beyond the RFC 3161 structure it adopts.
"""

from __future__ import annotations

import http.client
import ipaddress
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from asn1crypto import cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID

from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.domain.wording import Catalogue

__all__ = [
    "DEFAULT_MAX_CLOCK_SKEW",
    "IMPRINT_HASHES",
    "SM3_OID",
    "TIMESTAMP_QUERY",
    "TIMESTAMP_REPLY",
    "TimestampInfo",
    "TsaError",
    "TsaReason",
    "build_request",
    "hash_bytes",
    "new_nonce",
    "request_timestamp",
    "send_request",
    "verify_response",
    "verify_token",
]

SM3_OID = "1.2.156.10197.1.401"
TIMESTAMP_QUERY = "application/timestamp-query"
TIMESTAMP_REPLY = "application/timestamp-reply"
DEFAULT_MAX_CLOCK_SKEW = timedelta(days=1)
MAX_RESPONSE_BYTES = 1 << 20
_MAX_CHAIN_DEPTH = 8
_ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"


class TsaReason(StrEnum):
    """Why a time-stamp operation failed. Values are stable and machine-readable."""

    BAD_REQUEST = "bad_request"  # the caller's input: digest length, algorithm, URL, timeout
    CONNECTION_FAILED = "connection_failed"
    TIMEOUT = "timeout"
    HTTP_ERROR = "http_error"
    MALFORMED_RESPONSE = "malformed_response"
    MALFORMED_TOKEN = "malformed_token"
    REJECTED = "rejected"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    MESSAGE_DIGEST_MISMATCH = "message_digest_mismatch"
    SIGNER_NOT_FOUND = "signer_not_found"
    BAD_SIGNATURE = "bad_signature"
    SIGNING_CERT_MISMATCH = "signing_cert_mismatch"
    SIGNER_EKU = "signer_eku"
    UNTRUSTED_CHAIN = "untrusted_chain"
    CERT_NOT_VALID = "cert_not_valid"
    TSA_NAME_MISMATCH = "tsa_name_mismatch"
    IMPRINT_MISMATCH = "imprint_mismatch"
    NONCE_MISMATCH = "nonce_mismatch"
    POLICY_MISMATCH = "policy_mismatch"
    GEN_TIME_SKEW = "gen_time_skew"


_RETRYABLE = frozenset({TsaReason.CONNECTION_FAILED, TsaReason.TIMEOUT, TsaReason.HTTP_ERROR})

# Every failure is worded here (codes rfc3161.*): the status bar, the verify panel and the bundle
# check show it, in the GUI's language too. Facts taken from the libraries or from the TSA's own
# answer (an OS error, an ASN.1 parse error, the TSA's status text) stay as they were written.
_said = Catalogue(
    {
        "rfc3161.failed": "time-stamp {tsa_reason}: {detail}",
        # the request
        "rfc3161.unknown_hash": "unknown hash algorithm {algorithm!r}",
        "rfc3161.hash_not_accepted": "{what} uses {algorithm}, not accepted",
        "rfc3161.what_digest": "the signer's digest",
        "rfc3161.what_signature": "the signature",
        "rfc3161.what_cert_id": "the ESSCertID",
        "rfc3161.hash_unsupported": "hash algorithm {algorithm!r} not supported; use one of "
        "{choices}",
        "rfc3161.digest_size": "digest is {size} bytes, {algorithm} needs {needed}",
        "rfc3161.bad_nonce": "nonce must be a positive integer below 2**160",
        "rfc3161.cannot_encode": "cannot encode request: {error}",
        # the transport
        "rfc3161.bad_url": "TSA URL must be http(s)://host/...: {url!r}",
        "rfc3161.bad_timeout": "timeout must be positive",
        "rfc3161.http_status": "{url} answered HTTP {status} {status_text}",
        "rfc3161.no_answer": "{url}: no answer within {timeout:g} s",
        "rfc3161.refused": "{url}: connection refused",
        "rfc3161.unreachable": "{url}: {error}",
        "rfc3161.transport": "{url}: {error!r}",
        "rfc3161.incomplete": "{url}: answer not complete before the deadline",
        "rfc3161.too_large": "{url}: answer larger than {limit} bytes",
        # the token's structure
        "rfc3161.unparsable": "cannot parse the token: {error}",
        "rfc3161.not_signed_data": "token is not a CMS SignedData",
        "rfc3161.not_tst_info": "eContentType is not id-ct-TSTInfo",
        "rfc3161.no_tst_info": "the TSTInfo is missing",
        "rfc3161.tst_version": "TSTInfo version is not 1",
        "rfc3161.gen_time": "genTime missing or not in UTC",
        "rfc3161.signers": "{count} signers, expected one",
        "rfc3161.no_signed_attrs": "the signer has no signed attributes",
        "rfc3161.attr_twice": "signed attribute {name} occurs twice",
        "rfc3161.attrs_missing": "content-type or message-digest attribute is missing",
        # the signature and the signer
        "rfc3161.signer_not_found": "the signing certificate is neither in the token nor among "
        "the extra certificates",
        "rfc3161.content_type": "content-type attribute is not id-ct-TSTInfo",
        "rfc3161.digest_mismatch": "the message-digest attribute does not match the TSTInfo: the "
        "content was altered",
        "rfc3161.signature_unsupported": "signature algorithm {name} not supported",
        "rfc3161.bad_signature_alg": "bad signature algorithm: {error}",
        "rfc3161.key_unsupported": "signer key not supported: {error}",
        "rfc3161.pss_mgf": "PSS without MGF1",
        "rfc3161.signature_invalid": "the token's signature does not verify with the TSA key",
        "rfc3161.library_unsupported": "{error}",
        "rfc3161.signature_failed": "signature check failed: {error}",
        "rfc3161.key_mismatch": "signature algorithm {kind} does not fit the signer's {key_type}",
        "rfc3161.no_ess": "no signing-certificate(-v2) attribute binds the signer's certificate",
        "rfc3161.ess_other": "the signing-certificate attribute names a different certificate than "
        "the signer's",
        "rfc3161.ess_issuer": "the signing-certificate issuer/serial does not match the signer's "
        "certificate",
        "rfc3161.no_eku": "the TSA certificate has no extended key usage",
        "rfc3161.extensions": "unreadable extensions: {error}",
        "rfc3161.eku_not_timestamping": "the TSA certificate's extended key usage must be exactly "
        "id-kp-timeStamping",
        "rfc3161.eku_not_critical": "the TSA certificate's extended key usage is not critical",
        "rfc3161.key_usage": "the TSA certificate's key usage must be digitalSignature and/or "
        "nonRepudiation",
        # the chain to a trusted root
        "rfc3161.no_basic_constraints": "{subject} is not a CA (no basicConstraints)",
        "rfc3161.not_ca": "{subject} is not a CA",
        "rfc3161.path_length": "path length constraint of {subject} exceeded",
        "rfc3161.no_cert_sign": "{subject} may not sign certificates",
        "rfc3161.not_valid": "{subject} is not valid at genTime {at} (valid {start} to {end})",
        "rfc3161.no_chain": "no chain from {subject} to a trusted root",
        # what the token says
        "rfc3161.tsa_name_unreadable": "cannot compare TSA names: {error}",
        "rfc3161.tsa_name": "the TSTInfo tsa field is not a name of the signer",
        "rfc3161.imprint_alg": "the token stamps a {found} imprint, expected {expected}",
        "rfc3161.imprint": "the token stamps a different hash than the one sent",
        "rfc3161.no_roots": "no trusted TSA roots configured",
        "rfc3161.nonce": "the token does not echo the request's nonce (replayed or foreign answer)",
        "rfc3161.policy": "the token is under policy {found}, requested {requested}",
        # the answer
        "rfc3161.not_response": "not a TimeStampResp ({size} bytes)",
        "rfc3161.rejected": "the TSA refused: {status}",
        "rfc3161.no_token": "status granted but no token",
        "rfc3161.naive_now": "now must be an aware datetime",
        "rfc3161.skew": "genTime {gen_time} is more than {skew} away from the local clock {local}",
    }
)


class TsaError(EvidenceDeskError):
    """A time-stamp request failed or a token did not verify; ``reason`` says which check."""

    code = "tsa"
    exit_code = 1

    def __init__(self, reason: TsaReason, detail: str) -> None:
        said = _said("rfc3161.failed", tsa_reason=reason.value, detail=detail)
        super().__init__(said)
        # the whole sentence, coded: the status bar and the verify findings show the message
        self.message = said
        self.reason = reason
        self.detail = detail

    @property
    def retryable(self) -> bool:
        """True for transport failures (queue the checkpoint and try later); False when the TSA
        answered with something that must not be stored."""
        return self.reason in _RETRYABLE


@dataclass(frozen=True)
class TimestampInfo:
    """A verified time-stamp. ``token_der`` is the TimeStampToken (CMS ContentInfo) to store;
    ``cert_chain_der`` is the path used, signer first and trusted root last."""

    gen_time: datetime
    serial_number: int
    policy_oid: str
    hash_alg: str
    message_imprint: bytes
    tsa_name: str
    nonce: int | None
    token_der: bytes
    cert_chain_der: tuple[bytes, ...]
    accuracy: timedelta | None = None


# --- hashes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _HashSpec:
    name: str
    asn1_value: str  # what asn1crypto's DigestAlgorithmId accepts and returns for it
    factory: Callable[[], hashes.HashAlgorithm]

    @property
    def digest_size(self) -> int:
        return self.factory().digest_size


_ALL_HASHES: dict[str, _HashSpec] = {
    spec.name: spec
    for spec in (
        _HashSpec("sha1", "sha1", hashes.SHA1),
        _HashSpec("sha224", "sha224", hashes.SHA224),
        _HashSpec("sha256", "sha256", hashes.SHA256),
        _HashSpec("sha384", "sha384", hashes.SHA384),
        _HashSpec("sha512", "sha512", hashes.SHA512),
        _HashSpec("sha3_256", "sha3_256", hashes.SHA3_256),
        _HashSpec("sha3_384", "sha3_384", hashes.SHA3_384),
        _HashSpec("sha3_512", "sha3_512", hashes.SHA3_512),
        _HashSpec("sm3", SM3_OID, hashes.SM3),
    )
}
_BY_ASN1 = {spec.asn1_value: spec for spec in _ALL_HASHES.values()}

#: Algorithms accepted for message imprints (what we ask a TSA to stamp).
IMPRINT_HASHES = frozenset({"sha256", "sha384", "sha512", "sm3"})
#: Algorithms accepted for the signed attributes and the signature (SHA-1 is not).
_SIGNATURE_HASHES = frozenset(_ALL_HASHES) - {"sha1"}
#: Certificate identification in ESSCertID(v2) may legitimately use SHA-1 (ESSCertID v1 must).
_CERT_ID_HASHES = frozenset(_ALL_HASHES)


def hash_bytes(hash_alg: str, data: bytes) -> bytes:
    """Hash ``data`` with one of the algorithm names used here ("sha256", "sm3", ...)."""
    spec = _ALL_HASHES.get(hash_alg)
    if spec is None:
        raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.unknown_hash", algorithm=hash_alg))
    hasher = hashes.Hash(spec.factory())
    hasher.update(data)
    return hasher.finalize()


def _hash_name(asn1_value: str, allowed: frozenset[str], what: str) -> str:
    spec = _BY_ASN1.get(asn1_value)
    if spec is None or spec.name not in allowed:
        raise TsaError(
            TsaReason.UNSUPPORTED_ALGORITHM,
            _said("rfc3161.hash_not_accepted", what=what, algorithm=asn1_value),
        )
    return spec.name


def _imprint_spec(hash_alg: str) -> _HashSpec:
    if hash_alg not in IMPRINT_HASHES:
        raise TsaError(
            TsaReason.BAD_REQUEST,
            _said("rfc3161.hash_unsupported", algorithm=hash_alg, choices=sorted(IMPRINT_HASHES)),
        )
    return _ALL_HASHES[hash_alg]


# --- request ------------------------------------------------------------------------------------


def new_nonce() -> int:
    """A fresh random 64-bit positive nonce."""
    return secrets.randbits(63) | (1 << 62)


def build_request(
    digest: bytes,
    *,
    nonce: int,
    hash_alg: str = "sha256",
    cert_req: bool = True,
    policy_oid: str | None = None,
) -> bytes:
    """DER TimeStampReq for ``digest`` (already computed with ``hash_alg``)."""
    spec = _imprint_spec(hash_alg)
    if len(digest) != spec.digest_size:
        raise TsaError(
            TsaReason.BAD_REQUEST,
            _said(
                "rfc3161.digest_size",
                size=len(digest),
                algorithm=hash_alg,
                needed=spec.digest_size,
            ),
        )
    if not 0 < nonce < (1 << 160):
        raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.bad_nonce"))
    fields: dict[str, Any] = {
        "version": "v1",
        "message_imprint": {
            "hash_algorithm": {"algorithm": spec.asn1_value},
            "hashed_message": digest,
        },
        "nonce": nonce,
        "cert_req": cert_req,
    }
    if policy_oid is not None:
        fields["req_policy"] = policy_oid
    try:
        return bytes(tsp.TimeStampReq(fields).dump())
    except (ValueError, TypeError) as error:
        raise TsaError(
            TsaReason.BAD_REQUEST, _said("rfc3161.cannot_encode", error=error)
        ) from error


# --- transport ----------------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def send_request(
    url: str,
    request_der: bytes,
    *,
    timeout: float,
    max_response_bytes: int = MAX_RESPONSE_BYTES,
) -> bytes:
    """POST a DER TimeStampReq and return the raw response body.

    ``timeout`` bounds the connection and every read; the whole exchange is abandoned once the
    deadline has passed, so the call returns within about twice ``timeout``. System proxies are
    honoured except for loopback addresses.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.bad_url", url=url))
    if not timeout > 0:
        raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.bad_timeout"))
    handlers: list[urllib.request.BaseHandler] = []
    if _is_loopback(parts.hostname):
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(
        url,
        data=request_der,
        method="POST",
        headers={"Content-Type": TIMESTAMP_QUERY, "Accept": TIMESTAMP_REPLY},
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            return _read_bounded(response, url, deadline, max_response_bytes)
    except urllib.error.HTTPError as error:
        error.close()
        raise TsaError(
            TsaReason.HTTP_ERROR,
            _said("rfc3161.http_status", url=url, status=error.code, status_text=error.reason),
        ) from error
    except urllib.error.URLError as error:
        cause = error.reason
        if isinstance(cause, TimeoutError):
            raise TsaError(
                TsaReason.TIMEOUT, _said("rfc3161.no_answer", url=url, timeout=timeout)
            ) from error
        if isinstance(cause, ConnectionRefusedError):
            raise TsaError(
                TsaReason.CONNECTION_FAILED, _said("rfc3161.refused", url=url)
            ) from error
        raise TsaError(
            TsaReason.CONNECTION_FAILED, _said("rfc3161.unreachable", url=url, error=cause)
        ) from error
    except TimeoutError as error:
        raise TsaError(
            TsaReason.TIMEOUT, _said("rfc3161.no_answer", url=url, timeout=timeout)
        ) from error
    except (http.client.HTTPException, OSError) as error:
        raise TsaError(
            TsaReason.CONNECTION_FAILED, _said("rfc3161.transport", url=url, error=error)
        ) from error


def _read_bounded(response: Any, url: str, deadline: float, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TsaError(TsaReason.TIMEOUT, _said("rfc3161.incomplete", url=url))
        chunk = response.read1(65536)
        if not isinstance(chunk, bytes) or not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise TsaError(
                TsaReason.MALFORMED_RESPONSE, _said("rfc3161.too_large", url=url, limit=limit)
            )
        chunks.append(chunk)
    return b"".join(chunks)


def request_timestamp(
    url: str,
    digest: bytes,
    *,
    trusted_roots: Sequence[x509.Certificate],
    extra_certs: Sequence[x509.Certificate] = (),
    hash_alg: str = "sha256",
    timeout: float = 10.0,
    policy_oid: str | None = None,
    now: datetime | None = None,
    max_clock_skew: timedelta | None = DEFAULT_MAX_CLOCK_SKEW,
) -> TimestampInfo:
    """Build, send and fully verify one request with a fresh nonce; the usual entry point."""
    nonce = new_nonce()
    request_der = build_request(
        digest, nonce=nonce, hash_alg=hash_alg, cert_req=True, policy_oid=policy_oid
    )
    response_der = send_request(url, request_der, timeout=timeout)
    return verify_response(
        response_der,
        digest=digest,
        nonce=nonce,
        trusted_roots=trusted_roots,
        extra_certs=extra_certs,
        hash_alg=hash_alg,
        policy_oid=policy_oid,
        now=now,
        max_clock_skew=max_clock_skew,
    )


# --- parsing ------------------------------------------------------------------------------------

_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


@dataclass(frozen=True)
class _IssuerSerial:
    issuer_names: tuple[Any, ...]  # asn1crypto x509.Name objects (directory names only)
    serial: int


@dataclass(frozen=True)
class _CertId:
    hash_alg: str  # asn1crypto algorithm value, mapped later
    cert_hash: bytes
    issuer_serial: _IssuerSerial | None


@dataclass(frozen=True)
class _ParsedToken:
    token_der: bytes
    tst_info_der: bytes
    policy_oid: str
    imprint_alg: str
    imprint: bytes
    serial_number: int
    gen_time: datetime
    accuracy: timedelta | None
    nonce: int | None
    tsa_name: Any  # asn1crypto GeneralName or None
    certificates: tuple[bytes, ...]
    sid_issuer: Any  # asn1crypto Name, when the signer is named by issuer and serial
    sid_serial: int | None
    sid_key_id: bytes | None
    digest_alg: str
    signed_attrs_der: bytes
    content_type_attr: str
    message_digest_attr: bytes
    ess_v2: tuple[_CertId, ...] | None
    ess_v1: tuple[_CertId, ...] | None
    signature_alg: Any  # asn1crypto SignedDigestAlgorithm
    signature: bytes


def _single_attr(attrs: dict[str, list[Any]], name: str) -> Any:
    values = attrs.get(name)
    if values is None:
        return None
    if len(values) != 1:
        raise ValueError(f"signed attribute {name} must occur once with one value")
    return values[0]


def _issuer_serial(value: Any) -> _IssuerSerial | None:
    if isinstance(value, core.Void) or value.native is None:
        return None
    names = tuple(gn.chosen for gn in value["issuer"] if gn.name == "directory_name")
    return _IssuerSerial(names, int(value["serial_number"].native))


def _parse_token(token_der: bytes) -> _ParsedToken:
    try:
        return _parse_token_unchecked(token_der)
    except TsaError:
        raise
    except _PARSE_ERRORS as error:
        raise TsaError(
            TsaReason.MALFORMED_TOKEN, _said("rfc3161.unparsable", error=error)
        ) from error


def _parse_token_unchecked(token_der: bytes) -> _ParsedToken:
    content_info = cms.ContentInfo.load(token_der, strict=True)
    if content_info["content_type"].native != "signed_data":
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.not_signed_data"))
    signed_data = content_info["content"]
    encap = signed_data["encap_content_info"]
    if encap["content_type"].native != "tst_info":
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.not_tst_info"))
    econtent = encap["content"]
    if isinstance(econtent, core.Void):
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.no_tst_info"))
    tst_info_der = bytes(econtent)
    tst = tsp.TSTInfo.load(tst_info_der, strict=True)
    if tst["version"].native != "v1":
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.tst_version"))

    gen_time = tst["gen_time"].native
    if not isinstance(gen_time, datetime) or gen_time.tzinfo is None:
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.gen_time"))
    accuracy: timedelta | None = None
    if not isinstance(tst["accuracy"], core.Void):
        acc = tst["accuracy"]
        accuracy = timedelta(
            seconds=int(acc["seconds"].native or 0),
            milliseconds=int(acc["millis"].native or 0),
            microseconds=int(acc["micros"].native or 0),
        )
    nonce_value = tst["nonce"].native
    tsa_field = tst["tsa"]
    tsa_name = None if isinstance(tsa_field, core.Void) else tsa_field

    certificates = tuple(
        bytes(choice.chosen.dump())
        for choice in (signed_data["certificates"] or [])
        if choice.name == "certificate"
    )

    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.signers", count=len(signer_infos)))
    signer = signer_infos[0]
    sid = signer["sid"]
    sid_issuer: Any = None
    sid_serial: int | None = None
    sid_key_id: bytes | None = None
    if sid.name == "issuer_and_serial_number":
        sid_issuer = sid.chosen["issuer"]
        sid_serial = int(sid.chosen["serial_number"].native)
    else:
        sid_key_id = bytes(sid.chosen.native)

    signed_attrs = signer["signed_attrs"]
    if isinstance(signed_attrs, core.Void) or len(signed_attrs) == 0:
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.no_signed_attrs"))
    # The signature covers the attributes as a universal SET (tag 0x31), not as [0] IMPLICIT.
    # Use the bytes as received: that is what the TSA signed.
    raw_attrs = bytes(signed_attrs.dump())
    signed_attrs_der = b"\x31" + raw_attrs[1:]
    attrs: dict[str, list[Any]] = {}
    for attr in signed_attrs:
        name = attr["type"].native
        if name in attrs:
            raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.attr_twice", name=name))
        attrs[name] = list(attr["values"])
    content_type_attr = _single_attr(attrs, "content_type")
    message_digest_attr = _single_attr(attrs, "message_digest")
    if content_type_attr is None or message_digest_attr is None:
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.attrs_missing"))

    ess_v2: tuple[_CertId, ...] | None = None
    signing_cert_v2 = _single_attr(attrs, "signing_certificate_v2")
    if signing_cert_v2 is not None:
        ess_v2 = tuple(
            _CertId(
                str(cert_id["hash_algorithm"]["algorithm"].native),
                bytes(cert_id["cert_hash"].native),
                _issuer_serial(cert_id["issuer_serial"]),
            )
            for cert_id in signing_cert_v2["certs"]
        )
    ess_v1: tuple[_CertId, ...] | None = None
    signing_cert_v1 = _single_attr(attrs, "signing_certificate")
    if signing_cert_v1 is not None:
        ess_v1 = tuple(
            _CertId(
                "sha1", bytes(cert_id["cert_hash"].native), _issuer_serial(cert_id["issuer_serial"])
            )
            for cert_id in signing_cert_v1["certs"]
        )

    imprint = tst["message_imprint"]
    return _ParsedToken(
        token_der=token_der,
        tst_info_der=tst_info_der,
        policy_oid=str(tst["policy"].dotted),
        imprint_alg=str(imprint["hash_algorithm"]["algorithm"].native),
        imprint=bytes(imprint["hashed_message"].native),
        serial_number=int(tst["serial_number"].native),
        gen_time=gen_time.astimezone(UTC),
        accuracy=accuracy,
        nonce=None if nonce_value is None else int(nonce_value),
        tsa_name=tsa_name,
        certificates=certificates,
        sid_issuer=sid_issuer,
        sid_serial=sid_serial,
        sid_key_id=sid_key_id,
        digest_alg=str(signer["digest_algorithm"]["algorithm"].native),
        signed_attrs_der=signed_attrs_der,
        content_type_attr=str(content_type_attr.native),
        message_digest_attr=bytes(message_digest_attr.native),
        ess_v2=ess_v2,
        ess_v1=ess_v1,
        signature_alg=signer["signature_algorithm"],
        signature=bytes(signer["signature"].native),
    )


# --- certificates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cert:
    der: bytes
    crypto: x509.Certificate
    asn1: Any  # asn1crypto x509.Certificate


def _load_cert(der: bytes) -> _Cert | None:
    try:
        cert = x509.load_der_x509_certificate(der)
        asn1 = asn1_x509.Certificate.load(der)
        _ = asn1.issuer, asn1.subject, asn1.serial_number
    except _PARSE_ERRORS:
        return None
    return _Cert(der, cert, asn1)


def _cert_pool(token_certs: Sequence[bytes], extra: Sequence[x509.Certificate]) -> list[_Cert]:
    pool: list[_Cert] = []
    seen: set[bytes] = set()
    for der in [*token_certs, *(c.public_bytes(Encoding.DER) for c in extra)]:
        if der in seen:
            continue
        seen.add(der)
        loaded = _load_cert(der)
        if loaded is not None:
            pool.append(loaded)
    return pool


def _find_signer(parsed: _ParsedToken, pool: Sequence[_Cert]) -> _Cert:
    for cert in pool:
        try:
            if parsed.sid_key_id is not None:
                if cert.asn1.key_identifier == parsed.sid_key_id:
                    return cert
            elif (
                cert.asn1.serial_number == parsed.sid_serial
                and cert.asn1.issuer == parsed.sid_issuer
            ):
                return cert
        except _PARSE_ERRORS:
            continue
    raise TsaError(
        TsaReason.SIGNER_NOT_FOUND,
        _said("rfc3161.signer_not_found"),
    )


# --- checks -------------------------------------------------------------------------------------


def _check_message_digest(parsed: _ParsedToken) -> None:
    if parsed.content_type_attr != "tst_info":
        raise TsaError(TsaReason.MALFORMED_TOKEN, _said("rfc3161.content_type"))
    alg = _hash_name(parsed.digest_alg, _SIGNATURE_HASHES, _said("rfc3161.what_digest"))
    if hash_bytes(alg, parsed.tst_info_der) != parsed.message_digest_attr:
        raise TsaError(
            TsaReason.MESSAGE_DIGEST_MISMATCH,
            _said("rfc3161.digest_mismatch"),
        )


def _signature_scheme(parsed: _ParsedToken) -> tuple[str, str, Any]:
    """(kind, hash name, PSS parameters or None) for the signer's signature algorithm."""
    sig_alg = parsed.signature_alg
    oid = str(sig_alg["algorithm"].dotted)
    name = str(sig_alg["algorithm"].native)
    if name in ("ed25519", "ed448"):
        return name, "", None
    if name == "rsassa_pss":
        params = sig_alg["parameters"]
        return "pss", str(params["hash_algorithm"]["algorithm"].native), params
    if name == "rsassa_pkcs1v15":
        return "rsa", parsed.digest_alg, None
    if name == "ecdsa" or oid == _ID_EC_PUBLIC_KEY:
        return "ecdsa", parsed.digest_alg, None
    for suffix, kind in (("_rsa", "rsa"), ("_ecdsa", "ecdsa")):
        if name.endswith(suffix):
            return kind, name[: -len(suffix)], None
    raise TsaError(
        TsaReason.UNSUPPORTED_ALGORITHM, _said("rfc3161.signature_unsupported", name=name)
    )


def _check_signature(parsed: _ParsedToken, signer: _Cert) -> None:
    try:
        kind, hash_value, pss_params = _signature_scheme(parsed)
    except _PARSE_ERRORS as error:
        raise TsaError(
            TsaReason.MALFORMED_TOKEN, _said("rfc3161.bad_signature_alg", error=error)
        ) from error
    try:
        key = signer.crypto.public_key()
    except (ValueError, UnsupportedAlgorithm) as error:
        raise TsaError(
            TsaReason.UNSUPPORTED_ALGORITHM, _said("rfc3161.key_unsupported", error=error)
        ) from error
    data, signature = parsed.signed_attrs_der, parsed.signature
    try:
        if kind == "ed25519" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, data)
            return
        if kind == "ed448" and isinstance(key, ed448.Ed448PublicKey):
            key.verify(signature, data)
            return
        hash_alg = _ALL_HASHES[
            _hash_name(hash_value, _SIGNATURE_HASHES, _said("rfc3161.what_signature"))
        ]
        if kind == "rsa" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hash_alg.factory())
            return
        if kind == "pss" and isinstance(key, rsa.RSAPublicKey):
            mgf_params = pss_params["mask_gen_algorithm"]
            if mgf_params["algorithm"].native != "mgf1":
                raise TsaError(TsaReason.UNSUPPORTED_ALGORITHM, _said("rfc3161.pss_mgf"))
            mgf_hash_name = str(mgf_params["parameters"]["algorithm"].native)
            mgf_hash = _ALL_HASHES[_hash_name(mgf_hash_name, _SIGNATURE_HASHES, "MGF1")]
            pss = padding.PSS(
                mgf=padding.MGF1(mgf_hash.factory()),
                salt_length=int(pss_params["salt_length"].native),
            )
            key.verify(signature, data, pss, hash_alg.factory())
            return
        if kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hash_alg.factory()))
            return
    except InvalidSignature as error:
        raise TsaError(TsaReason.BAD_SIGNATURE, _said("rfc3161.signature_invalid")) from error
    except UnsupportedAlgorithm as error:
        raise TsaError(
            TsaReason.UNSUPPORTED_ALGORITHM, _said("rfc3161.library_unsupported", error=error)
        ) from error
    except _PARSE_ERRORS as error:
        raise TsaError(
            TsaReason.BAD_SIGNATURE, _said("rfc3161.signature_failed", error=error)
        ) from error
    raise TsaError(
        TsaReason.BAD_SIGNATURE,
        _said("rfc3161.key_mismatch", kind=kind, key_type=type(key).__name__),
    )


def _issuer_serial_matches(issuer_serial: _IssuerSerial, cert: _Cert) -> bool:
    if issuer_serial.serial != cert.asn1.serial_number:
        return False
    return any(name == cert.asn1.issuer for name in issuer_serial.issuer_names)


def _check_signing_certificate(parsed: _ParsedToken, signer: _Cert) -> None:
    cert_ids = parsed.ess_v2 if parsed.ess_v2 is not None else parsed.ess_v1
    if not cert_ids:
        raise TsaError(
            TsaReason.SIGNING_CERT_MISMATCH,
            _said("rfc3161.no_ess"),
        )
    first = cert_ids[0]
    alg = _hash_name(first.hash_alg, _CERT_ID_HASHES, _said("rfc3161.what_cert_id"))
    if hash_bytes(alg, signer.der) != first.cert_hash:
        raise TsaError(
            TsaReason.SIGNING_CERT_MISMATCH,
            _said("rfc3161.ess_other"),
        )
    if first.issuer_serial is not None and not _issuer_serial_matches(first.issuer_serial, signer):
        raise TsaError(
            TsaReason.SIGNING_CERT_MISMATCH,
            _said("rfc3161.ess_issuer"),
        )


def _check_eku(signer: _Cert) -> None:
    cert = signer.crypto
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound as error:
        raise TsaError(TsaReason.SIGNER_EKU, _said("rfc3161.no_eku")) from error
    except ValueError as error:
        raise TsaError(TsaReason.SIGNER_EKU, _said("rfc3161.extensions", error=error)) from error
    if list(eku.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise TsaError(
            TsaReason.SIGNER_EKU,
            _said("rfc3161.eku_not_timestamping"),
        )
    if not eku.critical:
        raise TsaError(TsaReason.SIGNER_EKU, _said("rfc3161.eku_not_critical"))
    try:
        key_usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    allowed = key_usage.digital_signature or key_usage.content_commitment
    forbidden = (
        key_usage.key_cert_sign
        or key_usage.crl_sign
        or key_usage.key_encipherment
        or key_usage.data_encipherment
        or key_usage.key_agreement
    )
    if not allowed or forbidden:
        raise TsaError(
            TsaReason.SIGNER_EKU,
            _said("rfc3161.key_usage"),
        )


def _directly_issued(cert: _Cert, issuer: _Cert) -> bool:
    try:
        cert.crypto.verify_directly_issued_by(issuer.crypto)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _can_issue(ca: _Cert, depth_below: int) -> str | None:
    """None if ``ca`` may issue a certificate with ``depth_below`` CA certificates under it."""
    try:
        constraints = ca.crypto.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return _said("rfc3161.no_basic_constraints", subject=ca.crypto.subject.rfc4514_string())
    except ValueError as error:
        return _said("rfc3161.extensions", error=error)
    if not constraints.ca:
        return _said("rfc3161.not_ca", subject=ca.crypto.subject.rfc4514_string())
    if constraints.path_length is not None and depth_below > constraints.path_length:
        return _said("rfc3161.path_length", subject=ca.crypto.subject.rfc4514_string())
    try:
        key_usage = ca.crypto.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    if not key_usage.key_cert_sign:
        return _said("rfc3161.no_cert_sign", subject=ca.crypto.subject.rfc4514_string())
    return None


def _path_problem(path: Sequence[_Cert], at: datetime) -> tuple[TsaReason, str] | None:
    for depth, ca in enumerate(path[1:]):
        problem = _can_issue(ca, depth)
        if problem is not None:
            return TsaReason.UNTRUSTED_CHAIN, problem
    for cert in path:
        if not cert.crypto.not_valid_before_utc <= at <= cert.crypto.not_valid_after_utc:
            return (
                TsaReason.CERT_NOT_VALID,
                _said(
                    "rfc3161.not_valid",
                    subject=cert.crypto.subject.rfc4514_string(),
                    at=at.isoformat(),
                    start=cert.crypto.not_valid_before_utc.isoformat(),
                    end=cert.crypto.not_valid_after_utc.isoformat(),
                ),
            )
    return None


def _build_chain(
    signer: _Cert, pool: Sequence[_Cert], anchors: Sequence[_Cert], at: datetime
) -> list[_Cert]:
    """A path signer → ... → trusted root whose every check passes at ``at``."""
    anchor_ders = {anchor.der for anchor in anchors}
    first_problem: tuple[TsaReason, str] | None = None
    found: list[_Cert] | None = None

    def walk(path: list[_Cert]) -> bool:
        nonlocal first_problem, found
        current = path[-1]
        candidates: list[list[_Cert]] = []
        if current.der in anchor_ders:
            candidates.append(path)
        candidates.extend(
            [*path, anchor]
            for anchor in anchors
            if anchor.der != current.der and _directly_issued(current, anchor)
        )
        for candidate in candidates:
            problem = _path_problem(candidate, at)
            if problem is None:
                found = candidate
                return True
            if first_problem is None:
                first_problem = problem
        if len(path) >= _MAX_CHAIN_DEPTH:
            return False
        used = {cert.der for cert in path}
        for issuer in pool:
            if (
                issuer.der not in used
                and issuer.der not in anchor_ders
                and issuer.crypto.subject == current.crypto.issuer
                and _directly_issued(current, issuer)
                and walk([*path, issuer])
            ):
                return True
        return False

    if walk([signer]) and found is not None:
        return found
    if first_problem is not None:
        raise TsaError(*first_problem)
    raise TsaError(
        TsaReason.UNTRUSTED_CHAIN,
        _said("rfc3161.no_chain", subject=signer.crypto.subject.rfc4514_string()),
    )


def _check_tsa_name(parsed: _ParsedToken, signer: _Cert) -> None:
    if parsed.tsa_name is None:
        return
    try:
        if (
            parsed.tsa_name.name == "directory_name"
            and parsed.tsa_name.chosen == signer.asn1.subject
        ):
            return
        alt_names = signer.asn1.subject_alt_name_value
        if alt_names is not None and any(name == parsed.tsa_name for name in alt_names):
            return
    except _PARSE_ERRORS as error:
        raise TsaError(
            TsaReason.TSA_NAME_MISMATCH, _said("rfc3161.tsa_name_unreadable", error=error)
        ) from error
    raise TsaError(TsaReason.TSA_NAME_MISMATCH, _said("rfc3161.tsa_name"))


def _check_imprint(parsed: _ParsedToken, digest: bytes, hash_alg: str) -> None:
    expected = _imprint_spec(hash_alg)
    if parsed.imprint_alg != expected.asn1_value:
        raise TsaError(
            TsaReason.IMPRINT_MISMATCH,
            _said("rfc3161.imprint_alg", found=parsed.imprint_alg, expected=hash_alg),
        )
    if parsed.imprint != digest:
        raise TsaError(TsaReason.IMPRINT_MISMATCH, _said("rfc3161.imprint"))


def _verify_parsed(
    parsed: _ParsedToken,
    *,
    digest: bytes,
    hash_alg: str,
    nonce: int | None,
    policy_oid: str | None,
    trusted_roots: Sequence[x509.Certificate],
    extra_certs: Sequence[x509.Certificate],
) -> TimestampInfo:
    if not trusted_roots:
        raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.no_roots"))
    _check_message_digest(parsed)
    pool = _cert_pool(parsed.certificates, extra_certs)
    signer = _find_signer(parsed, pool)
    _check_signature(parsed, signer)
    _check_signing_certificate(parsed, signer)
    _check_eku(signer)
    anchors = [a for a in (_load_cert(r.public_bytes(Encoding.DER)) for r in trusted_roots) if a]
    chain = _build_chain(signer, pool, anchors, parsed.gen_time)
    _check_tsa_name(parsed, signer)
    _check_imprint(parsed, digest, hash_alg)
    if nonce is not None and parsed.nonce != nonce:
        raise TsaError(
            TsaReason.NONCE_MISMATCH,
            _said("rfc3161.nonce"),
        )
    if policy_oid is not None and parsed.policy_oid != policy_oid:
        raise TsaError(
            TsaReason.POLICY_MISMATCH,
            _said("rfc3161.policy", found=parsed.policy_oid, requested=policy_oid),
        )
    return TimestampInfo(
        gen_time=parsed.gen_time,
        serial_number=parsed.serial_number,
        policy_oid=parsed.policy_oid,
        hash_alg=hash_alg,
        message_imprint=parsed.imprint,
        tsa_name=signer.crypto.subject.rfc4514_string(),
        nonce=parsed.nonce,
        token_der=parsed.token_der,
        cert_chain_der=tuple(cert.der for cert in chain),
        accuracy=parsed.accuracy,
    )


# --- public verification ------------------------------------------------------------------------

_GRANTED = ("granted", "granted_with_mods")


def _status_detail(status_info: Any) -> str:
    parts = [str(status_info["status"].native)]
    try:
        texts = status_info["status_string"].native
        if texts:
            parts.append("; ".join(str(text) for text in texts))
        fail_info = status_info["fail_info"].native
        if fail_info:
            parts.append("failInfo: " + ", ".join(sorted(str(flag) for flag in fail_info)))
    except _PARSE_ERRORS:
        pass
    return " - ".join(parts)


def verify_response(
    response_der: bytes,
    *,
    digest: bytes,
    nonce: int | None,
    trusted_roots: Sequence[x509.Certificate],
    extra_certs: Sequence[x509.Certificate] = (),
    hash_alg: str = "sha256",
    policy_oid: str | None = None,
    now: datetime | None = None,
    max_clock_skew: timedelta | None = DEFAULT_MAX_CLOCK_SKEW,
) -> TimestampInfo:
    """Verify a fresh TimeStampResp for the request (``digest``, ``nonce``) before storing it.

    ``now`` (default: the local clock) and ``max_clock_skew`` bound how far genTime may be from
    the local clock; pass ``max_clock_skew=None`` to skip that plausibility check.
    """
    try:
        # asn1crypto's TimeStampResp makes the token mandatory, but a refusal carries none:
        # split the outer SEQUENCE by hand and parse each part with its own type.
        parts = core.SequenceOf.load(response_der, strict=True, spec=core.Any)
        if not 1 <= len(parts) <= 2:
            raise ValueError(f"{len(parts)} elements in TimeStampResp")
        status_info = tsp.PKIStatusInfo.load(bytes(parts[0].dump()), strict=True)
        status = status_info["status"].native
        token_der = bytes(parts[1].dump()) if len(parts) == 2 else None
    except _PARSE_ERRORS as error:
        raise TsaError(
            TsaReason.MALFORMED_RESPONSE, _said("rfc3161.not_response", size=len(response_der))
        ) from error
    if status not in _GRANTED:
        raise TsaError(
            TsaReason.REJECTED, _said("rfc3161.rejected", status=_status_detail(status_info))
        )
    if token_der is None:
        raise TsaError(TsaReason.MALFORMED_RESPONSE, _said("rfc3161.no_token"))
    info = _verify_parsed(
        _parse_token(token_der),
        digest=digest,
        hash_alg=hash_alg,
        nonce=nonce,
        policy_oid=policy_oid,
        trusted_roots=trusted_roots,
        extra_certs=extra_certs,
    )
    if max_clock_skew is not None:
        local = now if now is not None else datetime.now(UTC)
        if local.tzinfo is None:
            raise TsaError(TsaReason.BAD_REQUEST, _said("rfc3161.naive_now"))
        if abs(info.gen_time - local) > max_clock_skew:
            raise TsaError(
                TsaReason.GEN_TIME_SKEW,
                _said(
                    "rfc3161.skew",
                    gen_time=info.gen_time.isoformat(),
                    skew=max_clock_skew,
                    local=local.isoformat(),
                ),
            )
    return info


def verify_token(
    token_der: bytes,
    digest: bytes,
    trusted_roots: Sequence[x509.Certificate],
    extra_certs: Sequence[x509.Certificate] = (),
    *,
    hash_alg: str = "sha256",
    nonce: int | None = None,
) -> TimestampInfo:
    """Re-verify a stored TimeStampToken (CMS ContentInfo) offline against ``digest``.

    The same checks as :func:`verify_response` except the status (not part of the token) and the
    local-clock plausibility; certificates are judged at the token's genTime.
    """
    return _verify_parsed(
        _parse_token(token_der),
        digest=digest,
        hash_alg=hash_alg,
        nonce=nonce,
        policy_oid=None,
        trusted_roots=trusted_roots,
        extra_certs=extra_certs,
    )
