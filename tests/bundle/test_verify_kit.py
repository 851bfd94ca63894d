"""The verification kit against real exports: stock tools accept it, any change is located."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import bagit
import pytest

from evidence_desk.bundle import kit
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.services.bundle import ExportResult
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.bundle.support import export, store_with_evidence
from tests.helpers import Team, TickingClock, add_local_tsa


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present, so time starts there
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def exported(team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path) -> ExportResult:
    add_local_tsa(team, pki, local_tsa)
    store_with_evidence(team, tmp_path / "in")
    return export(team, tmp_path / "out")


def _unzip(kit_path: Path, where: Path) -> Path:
    with zipfile.ZipFile(kit_path) as zf:
        zf.extractall(where)
    (bag,) = [p.parent for p in where.glob("*/bagit.txt")]
    return bag


def test_an_intact_kit_verifies_with_a_verdict_per_exhibit(exported: ExportResult) -> None:
    assert exported.checkpoint_stamped and exported.tag_manifest_stamped
    report = verify_kit(exported.kit_path)
    assert report.intact, [f.as_json() for f in report.findings]
    assert [f.code for f in report.findings] == []  # stamped: not even a warning
    assert [(e, v) for e, _t, v in report.verdicts()] == [("E1", "OK"), ("E2", "OK")]
    # the export folder and the unzipped bag verify the same way
    assert verify_kit(exported.kit_path.parent).intact


def test_stock_bagit_validator_accepts_the_kit(exported: ExportResult, tmp_path: Path) -> None:
    bag_dir = _unzip(exported.kit_path, tmp_path / "unzipped")
    bag = bagit.Bag(str(bag_dir))
    bag.validate(processes=1)  # raises BagValidationError naming every problem
    assert set(bag.algorithms) >= {"sha256", "sha512"}
    assert {p.split("/")[-1] for p in bag.payload_files()} >= {
        "WhatsApp Chat with Chen Lixin.txt",
        "promise.png",
        exported.pdf_paths[0].name,
    }


def test_one_changed_byte_in_any_file_fails_and_names_it(
    exported: ExportResult, tmp_path: Path
) -> None:
    pristine = _unzip(exported.kit_path, tmp_path / "pristine")
    files = sorted(p.relative_to(pristine).as_posix() for p in pristine.rglob("*") if p.is_file())
    assert len(files) > 15
    for number, name in enumerate(files):
        copy = tmp_path / f"t{number}"
        shutil.copytree(pristine, copy)
        target = copy / name
        content = bytearray(target.read_bytes())
        position = len(content) // 2
        content[position] = (content[position] + 1) % 256
        target.write_bytes(bytes(content))
        report = verify_kit(copy)
        assert not report.intact, f"changing {name} went unnoticed"
        named = {f.file for f in report.errors}
        assert name in named or (name == kit.TAGMANIFEST and kit.SIGNATURE_FILE in named), (
            name,
            [f.as_json() for f in report.errors],
        )
        shutil.rmtree(copy)


def test_added_removed_and_resigned_files_are_found(exported: ExportResult, tmp_path: Path) -> None:
    bag = _unzip(exported.kit_path, tmp_path / "a")
    (bag / "data" / "extra.txt").write_text("planted", "utf-8")
    report = verify_kit(bag)
    assert "data/extra.txt" in {f.file for f in report.errors}

    bag = _unzip(exported.kit_path, tmp_path / "b")
    original = next((bag / "data" / "originals").rglob("*.png"))
    original.unlink()
    report = verify_kit(bag)
    failed = {e for e, _t, v in report.verdicts() if v != "OK"}
    assert original.relative_to(bag).as_posix() in {f.file for f in report.errors}
    assert failed == {"E1", "E2"} or "E2" in failed

    # rewriting an original *and* every manifest still fails: the tag manifest is signed
    bag = _unzip(exported.kit_path, tmp_path / "c")
    chat = next((bag / "data" / "originals").rglob("*.txt"))
    chat.write_bytes(chat.read_bytes().replace(b"5000", b"500"))
    _rewrite_manifests(bag)
    report = verify_kit(bag)
    signed = {f.file for f in report.errors if f.code == "tag.sha256"}
    assert kit.TAGMANIFEST in signed  # differs from the digest the producer signed
    assert "exhibit.digest" in {f.code for f in report.errors}


def _rewrite_manifests(bag: Path) -> None:
    import hashlib

    from evidence_desk.integrity import digests

    payload = sorted(p for p in (bag / "data").rglob("*") if p.is_file())
    for name, fn in (
        ("manifest-sha256.txt", lambda b: hashlib.sha256(b).hexdigest()),
        ("manifest-sha512.txt", lambda b: hashlib.sha512(b).hexdigest()),
        (kit.SM3_MANIFEST, digests.sm3_hex),
    ):
        lines = [f"{fn(p.read_bytes())}  {p.relative_to(bag).as_posix()}\n" for p in payload]
        (bag / name).write_text("".join(lines), "utf-8")
    tags = [
        p
        for p in sorted(bag.rglob("*"))
        if p.is_file()
        and not p.relative_to(bag).as_posix().startswith("data/")
        and p.relative_to(bag).as_posix() not in kit.UNCOVERED
    ]
    (bag / kit.TAGMANIFEST).write_text(
        "".join(
            f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(bag).as_posix()}\n"
            for p in tags
        ),
        "utf-8",
    )


def test_a_pdf_that_does_not_print_the_kit_digests_is_caught(
    exported: ExportResult, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    bag = _unzip(exported.kit_path, tmp_path / "d")
    index = json.loads((bag / kit.PDF_INDEX).read_text("utf-8"))
    assert index["volumes"][0]["cover"] and index["volumes"][0]["check_pages"]
    pdf_path = bag / "data" / index["volumes"][0]["file"]
    canvas = Canvas(str(pdf_path))
    for _page in range(max(index["volumes"][0]["check_pages"])):
        canvas.drawString(72, 720, "a different document")
        canvas.showPage()
    canvas.save()
    _rewrite_manifests(bag)
    report = verify_kit(bag)
    codes = {f.code for f in report.errors}
    assert {"pdf.cover_digest", "pdf.digest"} <= codes
    assert all(v != "OK" for _e, _t, v in report.verdicts())


def test_a_kit_re_signed_with_a_planted_key_is_refused(
    exported: ExportResult, tmp_path: Path
) -> None:
    """Keys are trusted only as the proven, time-stamped ledger introduced them."""
    from evidence_desk.integrity import signing

    bag = _unzip(exported.kit_path, tmp_path / "e")
    chat = next((bag / "data" / "originals" / "E2").glob("*.txt"))
    chat.write_bytes(chat.read_bytes().replace(b"5000", b"9000"))
    forger = signing.generate_private_key()
    users = json.loads((bag / "keys" / "users.json").read_text("utf-8"))
    users["lee"]["public_key"] = signing.public_key_hex(forger)
    (bag / "keys" / "users.json").write_text(json.dumps(users), "utf-8")
    manifest = json.loads((bag / kit.EVIDENCE_MANIFEST).read_text("utf-8"))
    import hashlib

    for original in manifest["exhibits"][1]["originals"]:
        if original["path"] == chat.relative_to(bag).as_posix():
            original["sha256"] = hashlib.sha256(chat.read_bytes()).hexdigest()
    (bag / kit.EVIDENCE_MANIFEST).write_text(json.dumps(manifest), "utf-8")
    _rewrite_manifests(bag)
    (bag / kit.TOKEN_FILE).unlink()
    body = kit.signature_body("lee", {kit.TAGMANIFEST: (bag / kit.TAGMANIFEST).read_bytes()})
    signature = signing.sign(forger, signing.MANIFEST_CONTEXT, body)
    (bag / kit.SIGNATURE_FILE).write_bytes(body + f"signature: {signature}\n".encode())
    report = verify_kit(bag)
    codes = {f.code for f in report.errors}
    assert {"keys.mismatch", "tag.signature"} <= codes
    assert all(v != "OK" for _e, _t, v in report.verdicts())


def test_removing_any_file_fails_and_names_it(exported: ExportResult, tmp_path: Path) -> None:
    pristine = _unzip(exported.kit_path, tmp_path / "pristine")
    files = sorted(p.relative_to(pristine).as_posix() for p in pristine.rglob("*") if p.is_file())
    for number, name in enumerate(files):
        copy = tmp_path / f"r{number}"
        shutil.copytree(pristine, copy)
        (copy / name).unlink()
        report = verify_kit(copy)
        assert not report.intact, f"removing {name} went unnoticed"
        assert name in {f.file for f in report.errors}, (name, [f.as_json() for f in report.errors])
        shutil.rmtree(copy)


def test_the_declaration_must_be_the_producers_signature_of_the_manifest(
    exported: ExportResult, tmp_path: Path
) -> None:
    bag = _unzip(exported.kit_path, tmp_path / "f")
    index = json.loads((bag / kit.PDF_INDEX).read_text("utf-8"))
    assert index["declaration"]["signer"] == "lee"
    index["declaration"]["signer"] = "alice"  # someone else's name on the same signature
    (bag / kit.PDF_INDEX).write_text(json.dumps(index), "utf-8")
    _rewrite_manifests(bag)
    report = verify_kit(bag)
    assert "pdf.declaration" in {f.code for f in report.errors}


def test_each_entry_signature_is_checked_over_the_checkpoint_it_closed(
    exported: ExportResult, tmp_path: Path
) -> None:
    """An entry's signature covers the checkpoint it closed; the kit proves that checkpoint is a
    prefix of its own, so a planted root (or another entry's signature) is located."""
    bag = _unzip(exported.kit_path, tmp_path / "f")
    entries = [
        json.loads(line)
        for line in (bag / "ledger" / "entries.jsonl").read_text("utf-8").splitlines()
    ]
    seq = entries[-2]["seq"]
    proof_path = bag / "proofs" / f"entry-{seq}.json"
    proof = json.loads(proof_path.read_text("utf-8"))
    assert proof["signed_checkpoint"]["size"] == seq
    assert proof["signed_checkpoint"]["consistency_path"]  # the kit's checkpoint is larger

    proof["signed_checkpoint"]["root"] = "ab" * 32
    proof_path.write_text(json.dumps(proof), "utf-8")
    _rewrite_manifests(bag)
    places = {(f.code, f.file) for f in verify_kit(bag).errors}
    assert ("proof.signed_checkpoint", f"proofs/entry-{seq}.json") in places
    assert ("ledger.signature", "ledger/entries.jsonl") in places

    bag = _unzip(exported.kit_path, tmp_path / "g")
    lines = (bag / "ledger" / "entries.jsonl").read_text("utf-8").splitlines()
    swapped = [json.loads(line) for line in lines]
    swapped[-2]["signature"] = swapped[-3]["signature"]  # a genuine signature, of another entry
    (bag / "ledger" / "entries.jsonl").write_text(
        "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in swapped),
        "utf-8",
    )
    _rewrite_manifests(bag)
    errors = verify_kit(bag).errors
    assert [f.message for f in errors if f.code == "ledger.signature"] == [
        f"seq {seq}: not signed by {swapped[-2]['actor']}"
    ]


def _balanced(text: str) -> bool:
    """Quotes closed (PowerShell: '...' literal, "..." expandable) and brackets nested."""
    stack: list[str] = []
    quote = ""
    pairs = {"(": ")", "{": "}", "[": "]"}
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in pairs:
            stack.append(pairs[char])
        elif char in ")}]" and (not stack or stack.pop() != char):
            return False
    return not quote and not stack


def test_verify_txt_gives_windows_commands_for_each_checksum_step(
    exported: ExportResult, tmp_path: Path
) -> None:
    """PowerShell cannot run here: the line is checked for form, and what it does (split each
    manifest line at the first run of spaces, hash the file, compare) is done in Python over
    the extracted kit, as Get-FileHash would."""
    bag_dir = _unzip(exported.kit_path, tmp_path / "unzipped")
    text = (bag_dir / "VERIFY.txt").read_text("utf-8")
    shells = re.findall(r"^  Windows PowerShell: (.+)$", text, re.MULTILINE)
    certutil = re.findall(r"^  Windows cmd: (.+)$", text, re.MULTILINE)
    assert len(shells) == 2 and len(certutil) == 2
    for line, manifest in zip(shells, ["manifest-sha256.txt", kit.TAGMANIFEST], strict=True):
        assert line == kit.powershell_check(manifest)
        assert _balanced(line), line
        assert f"Get-Content -Encoding UTF8 '{manifest}'" in line
        assert "Get-FileHash -Algorithm SHA256 -LiteralPath $f" in line
        for row in (bag_dir / manifest).read_text("utf-8").splitlines():
            digest, name = re.split(" +", row, maxsplit=1)  # PowerShell's -split ' +', 2
            assert hashlib.sha256((bag_dir / name).read_bytes()).hexdigest() == digest
    for command in certutil:
        program, verb, path, algorithm = command.split(" ")
        assert (program, verb, algorithm) == ("certutil", "-hashfile", "SHA256")
        assert (bag_dir / path.replace("\\", "/")).is_file()
        manifests = (bag_dir / "manifest-sha256.txt").read_text() + (
            bag_dir / kit.TAGMANIFEST
        ).read_text()
        assert f"  {path.replace(chr(92), '/')}\n" in manifests
