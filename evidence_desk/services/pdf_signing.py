"""PAdES signatures on the filed PDF volumes (issue 21 item 1), with pyHanko.

Every volume ``services/bundle.export_bundle`` renders is signed by the exporting legal user
(services/signing_certs.py) before the kit is built, so the kit lists and carries the signed
bytes. What a volume holds, by level:

- **B-T**: a CAdES-detached signature (``/SubFilter /ETSI.CAdES.detached``) over the whole
  rendered file, with the signer's certificate and chain in the CMS, and a signature time-stamp
  from the first configured TSA that answers (services/timestamps.py's authorities and sender).
- **B-LT**: an incremental update with the document security store (DSS): the signer's chain and
  the TSA's chain. Revocation information is embedded where the certificates name a responder;
  the organisation CA and the test PKI publish no OCSP or CRL, so for them the DSS holds the
  certificates only (pyHanko is never allowed to fetch from the network here).
- **B-LTA**: a document time-stamp (``/ETSI.RFC3161``) from the same TSA over everything
  before it, the last revision, so ``pdfsig`` reads "Total document signed" for it.

With no TSA configured or none answering, the volume is signed **B-B** (no trusted time), the
export's notices say so and its ledger entry records the level. A legal user with no signing
certificate cannot export: ``signing_certs.signer`` refuses with what to do.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import signing_certs, timestamps
from evidence_desk.services.session import Session

LEVEL_LTA = "B-LTA"
LEVEL_B = "B-B"
FIELD_NAME = "EvidenceDeskSignature"

_said = Catalogue(
    {
        "pdfsign.unstamped": "the PDF volumes are signed without trusted time (PAdES {level}): "
        "no time-stamp authority answered; export again when one is reachable",
    }
)

# pyHanko warns on every signature that it may not fetch revocation data: that is the policy
_quiet = logging.getLogger("pyhanko.sign.signers.pdf_signer")


@dataclass(frozen=True, slots=True)
class SignedVolumes:
    volumes: tuple[tuple[str, bytes], ...]
    level: str
    signer_sha256: str
    chain_pem: str  # the signer's certificate and chain: the kit's trust folder carries it
    tsa_name: str | None
    tsa_roots_pem: str  # the roots of the TSA that stamped, '' with none
    notices: tuple[str, ...]

    def facts(self) -> list[dict[str, str]]:
        """Per volume, what the export's ledger entry records of its signature."""
        return [
            {"file_name": name, "signer_sha256": self.signer_sha256, "level": self.level}
            for name, _content in self.volumes
        ]


class _SenderStamper(TimeStamper):
    """pyHanko's RFC 3161 client over the application's TSA sender (proxy, timeout, tests'
    local TSA), so signing reaches the TSAs exactly as stamping the ledger does."""

    def __init__(self, url: str, timeout: float, sender: timestamps.Sender) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._url, self._timeout, self._sender = url, timeout, sender

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        try:
            answer = self._sender(self._url, req.dump(), self._timeout)
            return tsp.TimeStampResp.load(answer)
        except Exception as error:  # any failure of the network or the answer: next TSA
            raise TimestampRequestError(str(error)) from error


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signer(identity: signing_certs.SignerIdentity) -> signers.SimpleSigner:
    key_der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=_asn1(identity.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [_asn1(c) for c in identity.chain]
        ),
    )


def _context(
    identity: signing_certs.SignerIdentity, authority: timestamps.Authority
) -> ValidationContext:
    """The chains pyHanko embeds in the DSS: the signer's top certificate and the TSA's roots
    as trust roots (only to build the paths), nothing fetched."""
    chain = (identity.cert, *identity.chain)
    return ValidationContext(
        trust_roots=[_asn1(chain[-1]), *(_asn1(c) for c in authority.roots)],
        other_certs=[_asn1(c) for c in (*chain[:-1], *authority.certs)],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def _sign_one(
    content: bytes,
    signer: signers.SimpleSigner,
    stamper: TimeStamper | None,
    context: ValidationContext | None,
) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=context is not None,
        validation_context=context,
        use_pades_lta=False,
    )
    signed = signers.PdfSigner(meta, signer, timestamper=stamper).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(content))
    )
    if stamper is None:
        return bytes(signed.getvalue())
    # the document time-stamp last, with nothing after it: it covers the whole file
    stamped = PdfTimeStamper(stamper).timestamp_pdf(
        IncrementalPdfFileWriter(signed), "sha256", None
    )
    return bytes(stamped.getvalue())


_TSA_FAILURES = (
    TimestampRequestError,
    SigningError,
    PathBuildingError,
    PathValidationError,
    OSError,
    ValueError,
)


def sign_volumes(
    session: Session, volumes: Sequence[tuple[str, bytes]], sender: timestamps.Sender
) -> SignedVolumes:
    """Sign every volume as the session's user, B-LTA with the first TSA that answers, B-B
    (said in the notices) with none; refuses when the user has no signing certificate."""
    identity = signing_certs.signer(session)
    signer = _signer(identity)
    chain_pem = signing_certs.chain_pem(identity)
    previous = _quiet.level
    _quiet.setLevel(logging.ERROR)
    try:
        for authority in timestamps.list_authorities(session):
            if authority.hash_alg != "sha256":
                continue
            stamper = _SenderStamper(authority.url, float(authority.timeout_seconds), sender)
            context = _context(identity, authority)
            try:
                signed = tuple(
                    (name, _sign_one(content, signer, stamper, context))
                    for name, content in volumes
                )
            except _TSA_FAILURES:
                continue
            roots = "".join(
                c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in authority.roots
            )
            return SignedVolumes(
                signed, LEVEL_LTA, identity.sha256, chain_pem, authority.name, roots, ()
            )
        plain = tuple((name, _sign_one(content, signer, None, None)) for name, content in volumes)
    finally:
        _quiet.setLevel(previous)
    notice = _said("pdfsign.unstamped", level=LEVEL_B)
    return SignedVolumes(plain, LEVEL_B, identity.sha256, chain_pem, None, "", (notice,))
