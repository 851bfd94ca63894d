"""Checking a PDF volume's PAdES signature with pyHanko, for ``verify-bundle`` (issue 21 item 1).

The kit carries the signer's certificate and chain (``trust/pdf-signer-chain.pem``) and the
roots of the TSA that stamped the volumes (``trust/pdf-tsa-roots.pem``). A volume passes when:

- it carries at least one signature field with a CAdES-detached (PAdES) signature;
- each signature is intact (the signed byte ranges hash to the signed digest) and valid (the
  CMS signature verifies), by the certificate the kit names, chaining to the kit's top
  certificate;
- it covers the whole of its revision, and what was appended after it is only what PAdES
  appends (the DSS and document time-stamps): pyHanko's difference analysis;
- its signature time-stamp (B-T) and every document time-stamp (B-LTA) are intact and valid
  against the kit's TSA roots.

This is the kit's internal consistency, as the rest of verify-bundle's checks are: a court
trusts the signer when the certificate chains to the organisation CA the organisation
publishes (or a licensed CA), compared by hand or pinned.
"""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from evidence_desk.domain.wording import Catalogue, Phrase

_said = Catalogue(
    {
        "pdfsig.unsigned": "carries no PAdES signature",
        "pdfsig.unreadable": "its signatures cannot be read: {error}",
        "pdfsig.broken": "signature {field}: the signed bytes were changed (digest or signature "
        "does not verify)",
        "pdfsig.other_signer": "signature {field} is by {subject}, not by the certificate in "
        "{chain}",
        "pdfsig.untrusted": "signature {field}: its certificate does not chain to {chain}",
        "pdfsig.coverage": "signature {field} does not cover its whole revision",
        "pdfsig.modified": "changed after signature {field} beyond what PAdES appends",
        "pdfsig.timestamp": "signature {field}: its time-stamp does not verify against {roots}",
        "pdfsig.doc_timestamp": "document time-stamp {field} does not verify against {roots}",
    }
)

_GOOD_COVERAGE = (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)


def _certs(pem: bytes) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(pem) if pem.strip() else []


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def check(
    content: bytes, chain_pem: bytes, tsa_roots_pem: bytes, chain_name: str, roots_name: str
) -> list[tuple[str, Phrase]]:
    """The problems of one volume's signatures, each as (code, what failed); [] when none."""
    # pyHanko logs each failed path with its traceback; the findings say what failed
    quiet = logging.getLogger("pyhanko")
    previous = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        return _check(content, chain_pem, tsa_roots_pem, chain_name, roots_name)
    except Exception as error:  # any damage to the PDF must become a finding, not a crash
        return [("pdf.signature", _said("pdfsig.unreadable", error=error))]
    finally:
        quiet.setLevel(previous)


def _check(
    content: bytes, chain_pem: bytes, tsa_roots_pem: bytes, chain_name: str, roots_name: str
) -> list[tuple[str, Phrase]]:
    chain = _certs(chain_pem)
    roots = _certs(tsa_roots_pem)
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    signatures = reader.embedded_regular_signatures
    if not signatures:
        return [("pdf.unsigned", _said("pdfsig.unsigned"))]
    context: dict[str, Any] = {
        "trust_roots": [_asn1(c) for c in chain[-1:] + roots],
        "other_certs": [_asn1(c) for c in chain[:-1]],
        "allow_fetching": False,
        "revocation_mode": "soft-fail",
    }
    problems: list[tuple[str, Phrase]] = []
    expected = (
        hashlib.sha256(chain[0].public_bytes(serialization.Encoding.DER)).hexdigest()
        if chain
        else None
    )
    for signature in signatures:
        name = signature.field_name
        status = validate_pdf_signature(
            signature,
            ValidationContext(**context),
            ts_validation_context=ValidationContext(**context),
        )
        if not (status.intact and status.valid):
            problems.append(("pdf.signature", _said("pdfsig.broken", field=name)))
            continue
        signer = status.signing_cert
        if expected is not None and hashlib.sha256(signer.dump()).hexdigest() != expected:
            subject = signer.subject.human_friendly
            problems.append(
                (
                    "pdf.signer",
                    _said("pdfsig.other_signer", field=name, subject=subject, chain=chain_name),
                )
            )
        elif not status.trusted:
            problems.append(("pdf.signer", _said("pdfsig.untrusted", field=name, chain=chain_name)))
        if status.coverage not in _GOOD_COVERAGE:
            problems.append(("pdf.coverage", _said("pdfsig.coverage", field=name)))
        if status.modification_level is not None and not status.docmdp_ok:
            problems.append(("pdf.modified", _said("pdfsig.modified", field=name)))
        stamp = status.timestamp_validity
        if stamp is not None and not (stamp.intact and stamp.valid and stamp.trusted):
            problems.append(
                ("pdf.timestamp", _said("pdfsig.timestamp", field=name, roots=roots_name))
            )
    for stamp_field in reader.embedded_timestamp_signatures:
        verdict = validate_pdf_timestamp(
            stamp_field, validation_context=ValidationContext(**context)
        )
        if not (verdict.intact and verdict.valid and verdict.trusted):
            problems.append(
                (
                    "pdf.timestamp",
                    _said("pdfsig.doc_timestamp", field=stamp_field.field_name, roots=roots_name),
                )
            )
    return problems
