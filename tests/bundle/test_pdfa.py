"""PDF/A-3b volumes with the originals inside (bundle/pdfa.py), checked as veraPDF would where it
matters (veraPDF is not installed here: docs/ARCHITECTURE.md lists what these tests check).

Real stores, real exports; the PDF is read back with pypdf and poppler's ``pdfdetach``.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from evidence_desk.bundle import pdfa
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Phrase
from evidence_desk.services import bundle, importing
from evidence_desk.services.bundle import ExportResult
from tests.bundle.support import CASE, export, store_with_evidence
from tests.helpers import Team, approved_contact, poppler_tool

REASON = "the court asked for the payment account in clear"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XMP = "{http://ns.adobe.com/xap/1.0/}"


def _objects(reader: PdfReader) -> list[Any]:
    """Every indirect object of the file (what a validator walks)."""
    found = []
    for generation, numbers in reader.xref.items():
        for number in numbers:
            found.append(reader.get_object(IndirectObject(number, generation, reader)))
    found += [reader.get_object(IndirectObject(number, 0, reader)) for number in reader.xref_objStm]
    return found


def _fonts(reader: PdfReader) -> list[Any]:
    fonts: list[Any] = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts += [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
    return fonts


def _associated(reader: PdfReader) -> dict[str, tuple[str, Any]]:
    """name -> (AFRelationship, Filespec) from the catalog's /AF array."""
    out = {}
    root: Any = reader.trailer["/Root"]
    for spec in root["/AF"]:
        spec = spec.get_object()
        out[str(spec["/UF"])] = (str(spec["/AFRelationship"]), spec)
    return out


def _ledger_originals(team: Team) -> set[str]:
    """The SHA-256 of every original the export's ledger entry names."""
    session = team.login("lee")
    row = session.conn.execute(
        "SELECT payload FROM ledger WHERE action = 'bundle.export' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    payload = json.loads(row["payload"])
    return {digest for e in payload["exhibits"] for digest in e["originals"]}


def _detached(pdf: Path, out: Path) -> dict[str, bytes]:
    """What ``pdfdetach`` lists and saves, by name."""
    tool = poppler_tool("pdfdetach")
    listing = subprocess.run(
        [tool, "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    names = [line.split(": ", 1)[1] for line in listing[1:]]
    assert listing[0] == f"{len(names)} embedded files"
    saved = {}
    for number, name in enumerate(names, start=1):
        target = out / f"{pdf.stem}-{number}"
        subprocess.run([tool, "-save", str(number), "-o", str(target), str(pdf)], check=True)
        saved[name] = target.read_bytes()
    return saved


def test_each_volume_is_pdfa_3b(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out", unmask_reason=REASON)
    reader = PdfReader(result.pdf_paths[0])
    assert reader.pdf_header == "%PDF-1.7"
    root: Any = reader.trailer["/Root"]
    # XMP: PDF/A-3 conformance B, and the same title, author and dates as the Info dictionary
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata and metadata["/Subtype"] == "/XML"
    xml = ElementTree.fromstring(metadata.get_data())
    described = xml.find(f"{RDF}RDF/{RDF}Description")
    assert described is not None

    # as an element (ours) or an attribute (pyHanko rewrites the XMP when it signs): both are XMP
    def said(name: str) -> str | None:
        return described.findtext(name) or described.get(name)

    assert said(f"{PDFAID}part") == "3"
    assert said(f"{PDFAID}conformance") == "B"
    info: Any = reader.metadata
    assert info is not None
    title = described.find(f"{DC}title/{RDF}Alt/{RDF}li")
    assert title is not None and title.text == info["/Title"] and CASE in str(title.text)
    assert described.findtext(f"{DC}creator/{RDF}Seq/{RDF}li") == info["/Author"] == "lee"
    created = said(f"{XMP}CreateDate") or ""
    modified = said(f"{XMP}ModifyDate") or ""
    for xmp_date, key in ((created, "/CreationDate"), (modified, "/ModDate")):
        pdf_date = str(info[key])  # D:YYYYMMDDHHmmSS+HH'mm' is the XMP date, written otherwise
        digits = "".join(c for c in xmp_date if c.isdigit())
        assert pdf_date.startswith("D:" + digits[:14]) and pdf_date[16:] in ("+00'00'", "Z")
        assert xmp_date.endswith("+00:00")
    # an sRGB output intent whose profile is an RGB ICC profile
    intents = root["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert icc[8] == 4 and icc[9] <= 0x20  # ICC v4.2 at most: what PDF 1.7 names
    # every font embedded
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    # no encryption, a document ID, no scripts and no actions that reach outside the file
    assert "/Encrypt" not in reader.trailer
    identifier: Any = reader.trailer["/ID"]
    assert len(identifier) == 2 and len(identifier[0].original_bytes) == 16
    for obj in _objects(reader):
        if isinstance(obj, DictionaryObject):
            assert not {"/JS", "/JavaScript", "/AA"} & set(obj)
            action = obj.get("/S")
            assert action not in ("/JavaScript", "/URI", "/Launch", "/GoToR", "/SubmitForm")
            if obj.get("/Type") == "/Annot" or obj.get("/Subtype") == "/Link":
                assert int(obj.get("/F", 0)) & 4  # printable
    assert "/Names" not in root or "/JavaScript" not in root["/Names"]


def test_the_originals_manifest_and_proofs_are_associated_files(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out", unmask_reason=REASON)
    pdf = result.pdf_paths[0]
    reader = PdfReader(pdf)
    associated = _associated(reader)
    relationships: dict[str, set[str]] = {}
    for name, (relationship, _spec) in associated.items():
        relationships.setdefault(relationship, set()).add(name)
    assert relationships["/Data"] == {"evidence-manifest.json"}
    assert "ledger_checkpoints.json" in relationships["/Supplement"]
    assert any(n.startswith("proofs_entry-") for n in relationships["/Supplement"])
    assert len(relationships["/Source"]) == 4  # identity, debt confirmation, chat, screenshot
    # the name tree lists the same file specifications as /AF
    root: Any = reader.trailer["/Root"]
    tree = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert [str(k) for k in tree[::2]] == sorted(associated)
    # each embedded stream says what it is: MIME subtype, size, MD5 and date
    for _relationship, spec in associated.values():
        stream = spec["/EF"]["/F"].get_object()
        content = stream.get_data()
        params = stream["/Params"]
        assert stream["/Type"] == "/EmbeddedFile" and "/" in str(stream["/Subtype"])[1:]
        assert params["/Size"] == len(content)
        assert params["/CheckSum"].original_bytes == hashlib.md5(content).digest()
        assert str(params["/ModDate"]).startswith("D:2026")
    assert associated["E2_promise.png"][1]["/EF"]["/F"].get_object()["/Subtype"] == "/image/png"
    # poppler lists them and saves the very bytes the ledger recorded
    saved = _detached(pdf, tmp_path)
    assert set(saved) == set(associated)
    sources = {hashlib.sha256(saved[n]).hexdigest() for n in relationships["/Source"]}
    assert sources == _ledger_originals(team)
    with zipfile.ZipFile(result.kit_path) as kit_zip:
        members = {n.split("/", 1)[1]: n for n in kit_zip.namelist()}
        assert saved["evidence-manifest.json"] == kit_zip.read(members["evidence-manifest.json"])
        assert saved["proofs_entry-1.json"] == kit_zip.read(members["proofs/entry-1.json"])
        # the kit's copy of the volume is the written volume, and the kit still verifies
        assert kit_zip.read(members[f"data/{pdf.name}"]) == pdf.read_bytes()
    report = verify_kit(result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_masked_bundle_embeds_originals_only_when_the_scope_asks(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    masked = export(team, tmp_path / "masked")
    relationships = {r for r, _s in _associated(PdfReader(masked.pdf_paths[0])).values()}
    assert relationships == {"/Data", "/Supplement"}  # the originals hold the numbers in clear
    assert any(getattr(n, "code", "") == "pdfa.originals_masked" for n in masked.notices)
    asked = export(team, tmp_path / "asked", Scope(CASE, embed_originals=True))
    relationships = {r for r, _s in _associated(PdfReader(asked.pdf_paths[0])).values()}
    assert relationships == {"/Data", "/Supplement", "/Source"}
    assert not any(getattr(n, "code", "") == "pdfa.originals_masked" for n in asked.notices)


def _noise_png(folder: Path, name: str, side: int, seed: int) -> Path:
    """A picture that does not compress: its bytes count in full against the size limit."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _two_contacts(team: Team, folder: Path, side: int) -> None:
    """Two conversations of one case, each with a screenshot of about ``side``² × 3 bytes."""
    alice, first = store_with_evidence(team, folder, extra_messages=700)
    importing.import_files(
        alice, first, [_noise_png(folder, "a/noise.png", side, 1)], tz="Asia/Shanghai"
    )
    _alice, second = approved_contact(
        team, folder / "second", case_no=CASE, handle="+8613900000000", display_name="Wang Wu"
    )
    chat = folder / "second" / "WhatsApp Chat with Wang Wu.txt"
    chat.write_text("05/01/2026, 09:00 - Wang Wu: 我下周还款\n", encoding="utf-8")
    shot = _noise_png(folder, "b/noise.png", side, 2)
    importing.import_files(alice, second, [chat, shot], tz="Asia/Shanghai")


def _volume_files(result: ExportResult) -> dict[str, set[str]]:
    return {p.name: set(_associated(PdfReader(p))) for p in result.pdf_paths}


def test_volumes_split_by_size_with_each_exhibits_originals_in_its_first_volume(
    team: Team, tmp_path: Path
) -> None:
    _two_contacts(team, tmp_path / "in", side=300)  # two originals of 270 KB each
    whole = export(team, tmp_path / "whole", Scope(CASE, embed_originals=True))
    assert len(whole.pdf_paths) == 1 and whole.pdf_paths[0].stat().st_size > 1024 * 1024
    split = export(team, tmp_path / "split", Scope(CASE, embed_originals=True, max_volume_mb=1))
    # the same pages, but custody: the second export lists the first one's two entries too
    assert len(split.pdf_paths) >= 2 and whole.pages <= split.pages <= whole.pages + 1
    assert all(p.stat().st_size <= 1024 * 1024 for p in split.pdf_paths)
    assert not any(getattr(n, "code", "") == "pdfa.volume_over" for n in split.notices)
    files = _volume_files(split)
    originals = [name for names in files.values() for name in names if name.startswith("E")]
    before = _volume_files(whole)[whole.pdf_paths[0].name]
    assert sorted(originals) == sorted(name for name in before if name.startswith("E"))
    assert len(originals) == 9  # each once: 2 identities, 2 debt confirmations, 2 chats, 3 shots
    assert "evidence-manifest.json" in files[split.pdf_paths[0].name]
    with zipfile.ZipFile(split.kit_path) as kit_zip:
        index = json.loads(
            next(kit_zip.read(n) for n in kit_zip.namelist() if n.endswith("/pdf-index.json"))
        )
    sections = {k: v for k, v in index["sections"].items() if k.startswith("E")}
    for volume in index["volumes"]:
        assert set(volume["embedded"]) == files[volume["file"]]
        for name in volume["embedded"]:
            exhibit = name.split("_", 1)[0]
            if exhibit in sections:  # the volume where that exhibit starts (A12, B3...)
                assert sections[exhibit][0] == volume["letter"]
    report = verify_kit(split.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_an_exhibit_bigger_than_the_limit_gets_a_volume_of_its_own_with_a_notice(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    alice = team.login("alice")
    contact = bundle.gather(team.login("lee"), Scope(CASE)).exhibits[-1].contact.id
    importing.import_files(
        alice, contact, [_noise_png(tmp_path / "in", "big.png", 700, 3)], tz="Asia/Shanghai"
    )
    result = export(team, tmp_path / "out", Scope(CASE, embed_originals=True, max_volume_mb=1))
    over = [n for n in result.notices if isinstance(n, Phrase) and n.code == "pdfa.volume_over"]
    assert len(over) == 1 and dict(over[0].facts)["exhibit"] == "E2"
    with zipfile.ZipFile(result.kit_path) as kit_zip:
        index = json.loads(
            next(kit_zip.read(n) for n in kit_zip.namelist() if n.endswith("/pdf-index.json"))
        )
    # E2 alone in its volume (pages and originals), the pages before and after it in others
    own = [v for v in index["volumes"] if v["own_exhibit"]]
    assert [(v["own_exhibit"], v["exhibits"]) for v in own] == [("E2", ["E2"])]
    assert own[0]["embedded"] and all(n.startswith("E2_") for n in own[0]["embedded"])
    assert own[0]["letter"] != "A" and own[0]["letter"] != index["volumes"][-1]["letter"]
    assert index["sections"]["E2"] == f"{own[0]['letter']}1"  # the volume starts with it
    sizes = {p.name: p.stat().st_size for p in result.pdf_paths}
    assert sizes[own[0]["file"]] > 1024 * 1024  # over the limit: its originals alone pass it
    assert all(size <= 1024 * 1024 for name, size in sizes.items() if name != own[0]["file"])
    assert any("E1" in v["exhibits"] for v in index["volumes"] if v is not own[0])
    report = verify_kit(result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_the_size_limit_is_at_least_one_mb(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    try:
        export(team, tmp_path / "out", Scope(CASE, max_volume_mb=0))
    except BadInput as error:
        assert "--max-volume-mb" in str(error)
    else:
        raise AssertionError("a limit of 0 MB was accepted")
    assert pdfa.embeds_originals(bundle.gather(team.login("lee"), Scope(CASE))) is False
