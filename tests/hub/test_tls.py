"""The hub's TLS folder: a private CA made by hub init, or the company's certificate, checked."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography import x509

from evidence_desk.domain.errors import BadInput
from evidence_desk.hub import tls
from evidence_desk.integrity import pinning


def test_a_private_ca_signs_a_certificate_for_the_names_and_the_loopback(tmp_path: Path) -> None:
    files = tls.prepare(tmp_path / "tls", ["hub.example.com", "10.0.0.5"])
    assert files.ca_key_file is not None
    for key in (files.key_file, files.ca_key_file):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    leaf = x509.load_pem_x509_certificate(files.cert_file.read_bytes())
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(names.get_values_for_type(x509.DNSName)) == {"localhost", "hub.example.com"}
    assert set(names.get_values_for_type(x509.IPAddress)) == {
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("10.0.0.5"),
    }
    # what hub init made, the next start takes as it is, checked
    again = tls.prepare(tmp_path / "tls", ["other.example.com"])
    assert again == files
    assert pinning.fingerprint(again.ca_file) == pinning.fingerprint(files.ca_file)


def test_the_fingerprint_is_spelled_as_openssl_prints_it(tmp_path: Path) -> None:
    files = tls.create_private_ca(tmp_path, [])
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    printed = subprocess.run(
        [openssl, "x509", "-in", str(files.ca_file), "-noout", "-fingerprint", "-sha256"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert printed.strip().split("=", 1)[1] == pinning.fingerprint(files.ca_file)


def test_a_company_certificate_is_taken_when_it_chains_to_its_ca(tmp_path: Path) -> None:
    company = tls.create_private_ca(tmp_path / "company", ["hub.corp.example"])
    folder = tmp_path / "tls"
    folder.mkdir()
    for source, name in (
        (company.ca_file, tls.CA_FILE),
        (company.cert_file, tls.CERT_FILE),
        (company.key_file, tls.KEY_FILE),
    ):
        shutil.copy(source, folder / name)
    files = tls.prepare(folder, [])
    assert files.ca_key_file is None  # the company keeps its CA's key
    assert files.cert_file.read_bytes() == company.cert_file.read_bytes()


def test_a_half_copied_folder_is_refused_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    folder.mkdir()
    shutil.copy(tls.create_private_ca(tmp_path / "c", []).cert_file, folder / tls.CERT_FILE)
    with pytest.raises(BadInput) as refused:
        tls.prepare(folder, [])
    assert refused.value.detail_code == "tls.incomplete"
    assert sorted(p.name for p in folder.iterdir()) == [tls.CERT_FILE]


def test_a_certificate_of_another_ca_or_another_key_is_refused(tmp_path: Path) -> None:
    first = tls.create_private_ca(tmp_path / "first", [])
    second = tls.create_private_ca(tmp_path / "second", [])
    shutil.copy(second.ca_file, first.ca_file)
    with pytest.raises(BadInput) as refused:
        tls.check_existing(tmp_path / "first")
    assert refused.value.detail_code == "tls.untrusted"
    third = tls.create_private_ca(tmp_path / "third", [])
    shutil.copy(second.key_file, third.key_file)
    with pytest.raises(BadInput) as refused:
        tls.check_existing(tmp_path / "third")
    assert refused.value.detail_code == "tls.mismatch"
    (third.ca_file).write_text("not a certificate")
    with pytest.raises(BadInput) as refused:
        tls.check_existing(tmp_path / "third")
    assert refused.value.detail_code == "tls.unreadable"


def test_both_ends_refuse_anything_older_than_tls_1_3(tmp_path: Path) -> None:
    files = tls.create_private_ca(tmp_path, [])
    assert tls.server_context(files).minimum_version == ssl.TLSVersion.TLSv1_3
    client = pinning.client_context(files.ca_file)
    assert client.minimum_version == ssl.TLSVersion.TLSv1_3
    assert client.check_hostname
    assert client.verify_mode == ssl.CERT_REQUIRED
    # only the pinned CA: not the system's roots
    assert len(client.get_ca_certs()) == 1


def _sans(path: Path) -> set[str]:
    leaf = x509.load_pem_x509_certificate(path.read_bytes())
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(n) for n in names.get_values_for_type(x509.DNSName)} | {
        str(n) for n in names.get_values_for_type(x509.IPAddress)
    }


def test_renewal_makes_a_new_key_under_the_same_pinned_ca(tmp_path: Path) -> None:
    files = tls.prepare(tmp_path / "tls", ["hub.example.com"])
    pinned = pinning.fingerprint(files.ca_file)
    old_key = files.key_file.read_bytes()
    renewed = tls.renew_hub_cert(tmp_path / "tls", [])  # keeps the names it had
    assert pinning.fingerprint(renewed.ca_file) == pinned  # devices need not re-pin
    assert renewed.key_file.read_bytes() != old_key
    assert stat.S_IMODE(renewed.key_file.stat().st_mode) == 0o600
    assert _sans(renewed.cert_file) == {"localhost", "127.0.0.1", "hub.example.com"}
    tls.renew_hub_cert(tmp_path / "tls", ["hub2.example.com"])  # a name added
    assert "hub2.example.com" in _sans(files.cert_file)
    tls.check_existing(tmp_path / "tls")  # chains to the pinned CA for every name


def test_a_company_certificate_is_not_renewed_by_us(tmp_path: Path) -> None:
    company = tls.create_private_ca(tmp_path / "company", ["hub.corp.example"])
    folder = tmp_path / "tls"
    folder.mkdir()
    for source, name in (
        (company.ca_file, tls.CA_FILE),
        (company.cert_file, tls.CERT_FILE),
        (company.key_file, tls.KEY_FILE),
    ):
        shutil.copy(source, folder / name)
    before = (folder / tls.CERT_FILE).read_bytes()
    with pytest.raises(BadInput) as refused:
        tls.renew_hub_cert(folder, [])
    assert "ca-key.pem" in str(refused.value)
    assert (folder / tls.CERT_FILE).read_bytes() == before
