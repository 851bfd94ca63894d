"""What a device trusts of the hub: exactly one pinned CA certificate, and its fingerprint.

A device does not trust the system's roots for the hub: neither a public CA nor a company's
TLS-inspecting proxy can then stand in for it. People compare the CA's SHA-256 fingerprint when
a device joins (``hub init`` prints it, ``join`` shows it), spelled as ``openssl x509
-fingerprint -sha256`` prints it so that an admin can read it off either. Here, below both the
hub (evidence_desk/hub/tls.py makes the CA) and the device's client (services/hub_client.py).
"""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue

_said = Catalogue({"tls.unreadable": "{path}: not a PEM certificate or key ({error})"})


def certificates(path: Path) -> list[x509.Certificate]:
    """The PEM certificates of a file, in order; BadInput naming the file when it has none."""
    try:
        return x509.load_pem_x509_certificates(path.read_bytes())
    except (OSError, ValueError) as error:
        raise BadInput(str(path), "", _said("tls.unreadable", path=path, error=error)) from None


def client_context(ca_file: Path) -> ssl.SSLContext:
    """A device's side of the TLS: trusts only the pinned CA (not the system's roots), checks
    the host name, TLS 1.3 and nothing older."""
    certificates(ca_file)  # a clear error for a wrong file, before OpenSSL's
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(ca_file))
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    return context


def fingerprint(ca_file: Path) -> str:
    """SHA-256 of the (first) CA certificate's DER, upper-case hex pairs joined by colons."""
    first = certificates(ca_file)[0]
    digest = hashlib.sha256(first.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
