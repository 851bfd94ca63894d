"""PAdES signatures on the filed PDF (issue 21 item 1): who may hold a signing certificate, how
the volumes are signed, and how pdfsig, pyHanko and verify-bundle each judge them."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import BadInput, PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import bundle, signing_certs, timestamps, users
from evidence_desk.services.bundle import ExportResult
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.bundle.support import CASE, export, store_with_evidence
from tests.helpers import (
    COURT,
    FAST_KDF,
    Team,
    TickingClock,
    insider_code,
    insider_session,
    ledger_size,
    make_team,
    pkcs12_identity,
    poppler_tool,
)


@dataclass(frozen=True)
class Signed:
    team: Team
    result: ExportResult
    base: Path


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Signed]:
    """One bundle exported with the real local TSA configured: signed B-LTA."""
    base = tmp_path_factory.mktemp("pades")
    # the test PKI's certificates are valid around the real present, so time starts there
    clock = TickingClock(datetime.now(UTC).replace(microsecond=0))
    team = make_team(base / "store", clock)
    try:
        with LocalTsa(pki, clock=lambda: clock.now) as tsa:
            timestamps.add_authority(
                team.login("ada"), "local-test-tsa", tsa.url, pki.root_pem.read_text()
            )
            store_with_evidence(team, base / "in")
            result = export(team, base / "out")
        yield Signed(team, result, base)
    finally:
        team.close_all()


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _ca_of(team: Team) -> x509.Certificate:
    row = (
        team.login("lee")
        .conn.execute("SELECT cert_pem FROM signing_certs WHERE kind = 'ca'")
        .fetchone()
    )
    return x509.load_pem_x509_certificate(row["cert_pem"].encode())


def _changed(content: bytes) -> bytes:
    """One byte changed inside the first revision (the page content the signature covers)."""
    at = content.index(b"stream", len(content) // 10) + 20
    return content[:at] + bytes([content[at] ^ 0x01]) + content[at + 1 :]


def _pdfsig(pdf: Path) -> str:
    run = subprocess.run(
        [poppler_tool("pdfsig"), "-nocert", str(pdf)], capture_output=True, text=True
    )
    return run.stdout + run.stderr


# -- a fresh bundle ----------------------------------------------------------------------------


def test_every_volume_is_signed_b_lta_and_the_export_records_signer_and_level(
    signed: Signed,
) -> None:
    lee = signed.team.login("lee")
    payload = json.loads(
        lee.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'bundle.export' ORDER BY seq DESC"
        ).fetchone()["payload"]
    )
    identity = signing_certs.signer(lee)
    assert payload["pdf_signatures"] == [
        {"file_name": p.name, "signer_sha256": identity.sha256, "level": "B-LTA"}
        for p in signed.result.pdf_paths
    ]
    assert not any("without trusted time" in n for n in signed.result.notices)
    assert verify_store(lee).intact


def test_pdfsig_reports_the_signature_valid_and_the_document_totally_signed(
    signed: Signed,
) -> None:
    out = _pdfsig(signed.result.pdf_paths[0])
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out  # the document time-stamp, the last revision
    assert "Signer Certificate Common Name: lee" in out


def test_pyhanko_validates_intact_trusted_whole_revision_with_a_valid_time_stamp(
    signed: Signed, pki: TestPki
) -> None:
    reader = PdfFileReader(io.BytesIO(signed.result.pdf_paths[0].read_bytes()))
    (signature,) = reader.embedded_regular_signatures
    context = ValidationContext(
        trust_roots=[_asn1(_ca_of(signed.team)), _asn1(pki.root.cert)], allow_fetching=False
    )
    status = validate_pdf_signature(signature, context, ts_validation_context=context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage in (
        SignatureCoverageLevel.ENTIRE_FILE,
        SignatureCoverageLevel.ENTIRE_REVISION,
    )
    assert status.timestamp_validity is not None and status.timestamp_validity.valid
    assert reader.embedded_timestamp_signatures  # B-LTA: a document time-stamp
    assert "/DSS" in str(reader.root.keys())  # B-LT: the chains in the DSS


def test_verify_bundle_checks_the_signatures_and_the_filed_volumes(signed: Signed) -> None:
    report = verify_kit(signed.result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]
    assert not [f for f in report.findings if f.code.startswith("pdf.")]


# -- after a one-byte change -------------------------------------------------------------------


def test_a_byte_changed_in_the_filed_pdf_is_located_by_verify_bundle_pdfsig_and_pyhanko(
    signed: Signed, pki: TestPki, tmp_path: Path
) -> None:
    folder = tmp_path / "filed"
    folder.mkdir()
    kit = folder / signed.result.kit_path.name
    kit.write_bytes(signed.result.kit_path.read_bytes())
    original = signed.result.pdf_paths[0]
    filed = folder / original.name
    filed.write_bytes(_changed(original.read_bytes()))
    report = verify_kit(kit)
    assert not report.intact
    codes = {(f.code, f.file) for f in report.errors}
    assert ("pdf.filed_differs", str(filed)) in codes
    assert ("pdf.signature", str(filed)) in codes  # what failed: the signed bytes
    assert "Signature is Valid." not in _pdfsig(filed)
    reader = PdfFileReader(io.BytesIO(filed.read_bytes()), strict=False)
    context = ValidationContext(
        trust_roots=[_asn1(_ca_of(signed.team)), _asn1(pki.root.cert)], allow_fetching=False
    )
    status = validate_pdf_signature(reader.embedded_regular_signatures[0], context)
    assert not status.intact


def test_a_filed_pdf_the_kit_does_not_list_is_an_error(signed: Signed, tmp_path: Path) -> None:
    kit = tmp_path / signed.result.kit_path.name
    kit.write_bytes(signed.result.kit_path.read_bytes())
    stray = tmp_path / f"bundle-{signed.result.bundle_id}-Z.pdf"
    stray.write_bytes(signed.result.pdf_paths[0].read_bytes())
    report = verify_kit(kit)
    assert ("pdf.filed_unlisted", str(stray)) in {(f.code, f.file) for f in report.errors}


# -- without a TSA, without a certificate ------------------------------------------------------


def test_without_a_tsa_the_volumes_are_signed_b_b_and_the_export_says_so(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    assert any("without trusted time (PAdES B-B)" in n for n in result.notices)
    payload = json.loads(
        team.login("lee")
        .conn.execute("SELECT payload FROM ledger WHERE action = 'bundle.export'")
        .fetchone()["payload"]
    )
    assert {s["level"] for s in payload["pdf_signatures"]} == {"B-B"}
    assert "Signature Validation: Signature is Valid." in _pdfsig(result.pdf_paths[0])
    report = verify_kit(result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_legal_user_without_a_certificate_cannot_export_and_nothing_is_written(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    users.add_user(team.login("ada"), "liz", Role.LEGAL, "liz-password", kdf=FAST_KDF)
    team.passwords["liz"] = "liz-password"
    liz = team.login("liz")
    before = ledger_size(liz)
    with pytest.raises(RuleViolation, match="signing-cert issue --user liz") as refused:
        bundle.export_bundle(liz, Scope(CASE), tmp_path / "out", recipient=COURT)
    assert refused.value.rule == "signing.no_certificate"
    assert ledger_size(liz) == before and not (tmp_path / "out").exists()


# -- who may hold and issue certificates -------------------------------------------------------


def test_only_an_admin_creates_the_ca_and_issues_and_only_to_a_legal_user(team: Team) -> None:
    for name in ("alice", "sam", "lee"):
        with pytest.raises(PermissionDenied):
            signing_certs.create_ca(team.login(name))
        with pytest.raises(PermissionDenied):
            signing_certs.issue_cert(team.login(name), "lee")
    with pytest.raises(RuleViolation, match="not an active legal user"):
        signing_certs.issue_cert(team.login("ada"), "alice")
    # ada holds no CA key of her own: root created the team's CA
    with pytest.raises(RuleViolation, match="signing-ca create"):
        signing_certs.issue_cert(team.login("ada"), "lee")


def test_issued_certificate_names_the_user_and_may_sign_and_its_key_opens_only_for_them(
    team: Team,
) -> None:
    identity = signing_certs.signer(team.login("lee"))
    assert identity.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "lee"
    usage = identity.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert identity.chain[0].subject == identity.cert.issuer
    # the sealed key holds no plaintext key and opens for lee alone
    lee = team.login("lee")
    sealed = lee.conn.execute(
        "SELECT sealed_key FROM signing_certs WHERE holder = 'lee'"
    ).fetchone()["sealed_key"]
    key_der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    assert key_der not in sealed and key_der[-32:] not in sealed
    with pytest.raises(RuleViolation, match="no PDF signing certificate"):
        signing_certs.signer(team.login("ada"))


def test_a_key_slipped_into_signing_certs_without_its_entry_signs_nothing(team: Team) -> None:
    """Another key, sealed properly for lee (it opens), but no ledger entry names its seal."""
    lee = team.login("lee")
    row = lee.conn.execute(
        "SELECT sha256, wrap_key FROM signing_certs JOIN users ON name = holder "
        "WHERE holder = 'lee'"
    ).fetchone()
    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    info = f"evidence-desk/signing-key/v1\n{lee.folder.store_id}\nlee\n{row['sha256']}".encode()
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
    public = X25519PublicKey.from_public_bytes(bytes.fromhex(row["wrap_key"]))
    with lee.conn:
        lee.conn.execute(
            "UPDATE signing_certs SET sealed_key = ? WHERE holder = 'lee'",
            (suite.encrypt(other, public, info=info),),
        )
    with pytest.raises(RuleViolation, match="no PDF signing certificate"):
        signing_certs.signer(lee)
    found = [f for f in verify_store(lee).errors if f.code == "signing.unrecorded"]
    assert len(found) == 1 and "of lee" in found[0].location


def test_a_legal_user_imports_their_pkcs12_and_signs_with_it(tmp_path: Path) -> None:
    clock = TickingClock(datetime.now(UTC).replace(microsecond=0))
    team = make_team(tmp_path / "store", clock)
    try:
        lee = team.login("lee")
        with pytest.raises(BadInput, match="password is wrong"):
            signing_certs.import_p12(lee, pkcs12_identity("Lee Licensed"), "wrong")
        with pytest.raises(PermissionDenied):
            signing_certs.import_p12(team.login("ada"), pkcs12_identity("Ada"), "p12-password")
        with pytest.raises(BadInput, match="lacks nonRepudiation"):
            signing_certs.import_p12(lee, pkcs12_identity("Lee", commits=False), "p12-password")
        facts = signing_certs.import_p12(lee, pkcs12_identity("Lee Licensed"), "p12-password")
        assert "Lee Licensed" in facts.subject and "Licensed Test CA" in facts.issuer
        assert signing_certs.signer(lee).sha256 == facts.sha256
        store_with_evidence(team, tmp_path / "in")
        result = export(team, tmp_path / "out")
        assert "Signer Certificate Common Name: Lee Licensed" in _pdfsig(result.pdf_paths[0])
        report = verify_kit(result.kit_path)
        assert report.intact, [f.as_json() for f in report.errors]
        assert verify_store(lee).intact
    finally:
        team.close_all()


# -- an insider writing the entries around the services ----------------------------------------


def test_insiders_writing_signing_entries_without_permission_are_found_by_verify(
    team: Team,
) -> None:
    facts = {
        "cert_sha256": "00" * 32,
        "cert_pem": "",
        "subject": "CN=x",
        "issuer": "CN=x",
        "not_after": "2030-01-01T00:00:00+00:00",
        "key_seal_sha256": "00" * 32,
    }
    alice = insider_session(team, "alice")
    with insider_code():
        alice.write("signing.ca_create", facts)
    ca_seq = ledger_size(alice)
    lee = insider_session(team, "lee")
    with pytest.raises(RuleViolation):
        lee.write("signing.cert_import", {**facts, "user": "sue"})
    with insider_code():
        lee.write("signing.cert_import", {**facts, "user": "sue"})
    import_seq = ledger_size(lee)
    ada = insider_session(team, "ada")
    with insider_code():
        ada.write("signing.cert_issue", {**facts, "user": "alice", "ca_sha256": "00" * 32})
    issue_seq = ledger_size(ada)
    report = verify_store(team.login("lee"))
    where = {(f.code, f.location) for f in report.errors}
    assert ("rule.permission", f"ledger seq {ca_seq}") in where
    assert ("rule.signing.own_certificate", f"ledger seq {import_seq}") in where
    assert ("rule.signing.holder", f"ledger seq {import_seq}") in where
    assert ("rule.signing.holder", f"ledger seq {issue_seq}") in where


def test_an_unpacked_kit_checks_the_volumes_filed_beside_its_folder(
    signed: Signed, tmp_path: Path
) -> None:
    with zipfile.ZipFile(signed.result.kit_path) as zf:
        zf.extractall(tmp_path)
    (bag,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    filed = tmp_path / signed.result.pdf_paths[0].name
    filed.write_bytes(signed.result.pdf_paths[0].read_bytes())
    assert verify_kit(bag).intact
    filed.write_bytes(_changed(filed.read_bytes()))
    report = verify_kit(bag)
    assert ("pdf.filed_differs", str(filed)) in {(f.code, f.file) for f in report.errors}
