"""Facts of the bundle (issue 21 item 4): the time-stamp gap flag follows its setting, and the
identity documents the approval rests on are drawn exhibits with their own digests."""

from __future__ import annotations

import json
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from evidence_desk.bundle import labels
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import BadInput
from evidence_desk.integrity.digests import digest_bytes
from evidence_desk.services import cases, contacts, importing, settings, timestamps
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.bundle.support import CASE, CHAT_NAME, chat_text, export, store_with_evidence
from tests.helpers import Team, TickingClock, make_team, pdf_text, poppler_tool


def test_the_time_stamp_gap_flag_follows_its_setting(pki: TestPki, tmp_path: Path) -> None:
    # the test PKI's certificates are valid around the real present, so time starts there
    clock = TickingClock(datetime.now(UTC).replace(microsecond=0))
    team = make_team(tmp_path / "store", clock)
    try:
        with LocalTsa(pki, clock=lambda: clock.now) as tsa:
            admin = team.login("ada")
            timestamps.add_authority(
                admin, "local-test-tsa", tsa.url, pki.root_pem.read_text(), timeout_seconds=5
            )
            assert settings.get(admin, "tsa_gap_flag_hours") == "24"  # the default
            with pytest.raises(BadInput):
                settings.set_value(admin, "tsa_gap_flag_hours", "0")
            store_with_evidence(team, tmp_path / "in")
            clock.advance(hours=2)  # the export stamps the imports two hours after they came
            english = Scope(CASE, language="en")
            default = export(team, tmp_path / "out-24", english)
            assert default.checkpoint_stamped
            text = " ".join(pdf_text(default.pdf_paths[0]).split())
            assert "Gap from import to the first trusted time-stamp: 2.0 h" in text
            assert "flagged" not in text
            settings.set_value(admin, "tsa_gap_flag_hours", "1")
            hourly = export(team, tmp_path / "out-1", english)
            text = " ".join(pdf_text(hourly.pdf_paths[0]).split())
            assert "(over 1 hours: flagged)" in text
    finally:
        team.close_all()


def _document_files(folder: Path) -> list[tuple[str, Path]]:
    """An identity proof photographed (a PNG in one colour) and a debt confirmation scanned to
    a two-page PDF (another colour), as a debtor sends them."""
    folder.mkdir(parents=True, exist_ok=True)
    identity = folder / "id-card.png"
    Image.new("RGB", (640, 400), IDENTITY_RGB).save(identity, format="PNG")
    confirmation = folder / "debt-confirmation.pdf"
    first = Image.new("RGB", (600, 840), CONFIRMATION_RGB)
    first.save(confirmation, format="PDF", save_all=True, append_images=[first.copy()])
    return [("identity_proof", identity), ("debt_confirmation", confirmation)]


IDENTITY_RGB = (30, 90, 200)
CONFIRMATION_RGB = (200, 40, 40)


def _near(picture: Image.Image, colour: tuple[int, int, int]) -> bool:
    mean = ImageStat.Stat(picture.convert("RGB")).mean
    return all(abs(m - c) < 12 for m, c in zip(mean, colour, strict=True))


def test_identity_documents_are_drawn_exhibits_with_their_digests(
    team: Team, tmp_path: Path
) -> None:
    staff = team.login("alice")
    cases.create_case(staff, CASE, debtor_name="陈立新")
    documents = _document_files(tmp_path / "docs")
    contact = contacts.request_contact(
        staff,
        case_no=CASE,
        channel="whatsapp",
        handle="+8613800000000",
        display_name="Chen Lixin",
        reason="the debtor added us and asked to talk about repayment",
        consent=True,
        documents=documents,
    )
    contacts.approve(team.login("sam"), contact.id, "identity and debt confirmed")
    chat = tmp_path / CHAT_NAME
    chat.write_text(chat_text(), "utf-8")
    importing.import_files(staff, contact.id, [chat], tz="Asia/Shanghai")
    result = export(team, tmp_path / "out", Scope(CASE, language="en"))

    # each document is an original of the identity exhibit, in the kit with its own digests
    digests = {role: digest_bytes(path.read_bytes()) for role, path in documents}
    with zipfile.ZipFile(result.kit_path) as kit:
        names = kit.namelist()
        manifest = json.loads(
            kit.read(next(n for n in names if n.endswith("evidence-manifest.json")))
        )
        payload = kit.read(next(n for n in names if n.endswith("/manifest-sha256.txt"))).decode()
        record = json.loads(
            kit.read(next(n for n in names if n.endswith("processing-record.json")))
        )
    [identity] = [e for e in manifest["exhibits"] if e["kind"] == "identity"]
    listed = {o["role"]: o for o in identity["originals"]}
    for role, digest in digests.items():
        assert (listed[role]["sha256"], listed[role]["sm3"]) == (digest.sha256, digest.sm3)
        assert f"{digest.sha256}  data/originals/{identity['id']}/" in payload
    # the processing record says the identity documents are not masked
    assert "identity_documents_unmasked" in record["measures"]
    report = verify_kit(result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]

    # the PDF draws them: the photo as it is, each page of the PDF rendered
    reader = PdfReader(result.pdf_paths[0])
    drawn: dict[str, list[Image.Image]] = {}
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        for caption in (
            "identity proof: id-card.png",
            "debt confirmation: debt-confirmation.pdf, page 1 of 2",
            "debt confirmation: debt-confirmation.pdf, page 2 of 2",
        ):
            if caption in text:
                drawn[caption] = [i.image for i in page.images]
    assert any(_near(p, IDENTITY_RGB) for p in drawn["identity proof: id-card.png"])
    for n in (1, 2):
        pictures = drawn[f"debt confirmation: debt-confirmation.pdf, page {n} of 2"]
        assert any(_near(p, CONFIRMATION_RGB) for p in pictures)
    # poppler sees them as images of the bundle too
    listing = subprocess.run(
        [poppler_tool("pdfimages"), "-list", str(result.pdf_paths[0])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(listing.splitlines()) - 2 >= 3  # the photo, two rendered pages
    # the evidence list gives each document its own row and digest
    text = " ".join(pdf_text(result.pdf_paths[0]).split())
    for role, digest in digests.items():
        named = labels.label("en", "original", role)  # the bundle's language: en
        assert f"{named}:" in text and digest.sha256[:12] in text
