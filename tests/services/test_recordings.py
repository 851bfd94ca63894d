"""Recordings of on-site visits and calls (CC-8): imported, sealed and bundled as exhibits.

A real store, real imports, a real bundle: the recording's original is kept byte for byte,
recorded in one signed ledger entry like any import, described (length, codec) from the file
itself, and exported as an exhibit of its own whose original travels in the kit.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.importers import archive
from evidence_desk.services import case_blobs, contacts, import_preview, importing
from evidence_desk.services.demo import visit_recording_wav
from evidence_desk.services.verify import verify_store
from tests.bundle.support import CASE, export, store_with_evidence
from tests.helpers import Team, approved_contact, ledger_size, opened_imports, pdf_text


def test_a_visit_recording_is_previewed_then_sealed_as_its_own_item(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / "visit 2026-01-05.wav"
    original = visit_recording_wav()
    recording.write_bytes(original)
    before = ledger_size(alice)

    preview = import_preview.preview_import(alice, contact_id, [recording], tz="Asia/Shanghai")
    assert preview.chats == () and preview.images == ()
    [seen] = preview.recordings
    assert (seen.file_name, seen.media, seen.container) == (recording.name, "audio", "wav")
    assert seen.duration_seconds == pytest.approx(4.0)
    assert seen.timezone == "Asia/Shanghai"
    assert ledger_size(alice) == before  # a preview writes nothing

    result = importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")
    assert (result.recordings, result.images, result.messages_total) == (1, 0, 0)
    assert ledger_size(alice) == before + 1  # one signed entry, as for any import
    assert recording.read_bytes() == original  # the original is never touched
    [item] = [i for i in contacts.contact_items(alice, contact_id) if i.role == "recording"]
    assert item.file_name == recording.name
    [row] = opened_imports(alice, "WHERE sha256 = ?", item.sha256)
    assert (row["kind"], row["format"], row["message_count"]) == ("recording", "recording", 0)
    details = json.loads(row["details"])
    assert details["media"] == "audio" and details["duration_ms"] == 4000
    assert case_blobs.read_bytes(alice, item.sha256) == original  # stored byte for byte
    assert verify_store(alice).intact  # and re-parsed by verify to the same description

    again = importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")
    assert again.import_ids == () and ledger_size(alice) == before + 1  # identical bytes: no-op


def test_verify_notices_a_recording_description_edited_outside_the_app(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / "visit.wav"
    recording.write_bytes(visit_recording_wav())
    importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")
    [row] = opened_imports(alice, "WHERE kind = 'recording'")
    details = json.loads(row["details"])
    details["duration_ms"] = 1000  # "the visit was short"
    alice.conn.execute(
        "UPDATE imports SET details = ? WHERE id = ?", (json.dumps(details), row["id"])
    )
    report = verify_store(alice)
    assert not report.intact
    assert any(
        f.code == "row.changed" and f"id={row['id']}" in f.location and "details" in f.detail
        for f in report.findings
    )


def test_a_bundle_lists_recordings_as_an_exhibit_and_carries_their_originals(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    recording = tmp_path / "in" / "visit.wav"
    original = visit_recording_wav(seconds=75)
    recording.write_bytes(original)
    importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")

    result = export(team, tmp_path / "out")
    assert result.exhibits == 3  # identity, conversation, recordings
    report = verify_kit(result.kit_path)
    assert report.intact
    assert [title for _id, title in report.exhibits][-1].startswith("录音录像")
    with zipfile.ZipFile(result.kit_path) as zf:
        names = zf.namelist()
        [kit_copy] = [n for n in names if n.endswith("/data/originals/E3/visit.wav")]
        assert zf.read(kit_copy) == original
        manifest = json.loads(
            next(zf.read(n) for n in names if n.endswith("/evidence-manifest.json"))
        )
    recordings = [e for e in manifest["exhibits"] if e["kind"] == "recordings"]
    assert [o["file_name"] for e in recordings for o in e["originals"]] == ["visit.wav"]
    conversation = next(e for e in manifest["exhibits"] if e["kind"] == "conversation")
    assert "visit.wav" not in [o["file_name"] for o in conversation["originals"]]

    text = pdf_text(result.pdf_paths[0], "-layout")
    compact = "".join(text.split())
    assert "录音录像" in compact and "1:15" in compact  # the length, as h:mm:ss
    assert "visit.wav" in compact and "E3" in compact


def test_the_english_bundle_names_the_recordings_section(team: Team, tmp_path: Path) -> None:
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    recording = tmp_path / "in" / "call.wav"
    recording.write_bytes(visit_recording_wav(seconds=2))
    importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")
    result = export(team, tmp_path / "out", Scope(CASE, language="en"))
    report = verify_kit(result.kit_path)
    assert report.intact
    assert [title for _id, title in report.exhibits][-1].startswith("Recordings")


def test_a_large_recording_is_described_from_a_mapping_and_still_verifies(
    team: Team, tmp_path: Path
) -> None:
    # 300 s of 8 kHz 16-bit PCM is 4.8 MB, above archive.MAP_ABOVE: the file is mapped, not read
    alice, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / "long visit.wav"
    original = visit_recording_wav(seconds=300)
    recording.write_bytes(original)
    assert len(original) > archive.MAP_ABOVE

    result = importing.import_files(alice, contact_id, [recording], tz="Asia/Shanghai")
    assert result.recordings == 1
    [row] = opened_imports(alice, "WHERE kind = 'recording'")
    assert json.loads(row["details"])["duration_ms"] == 300_000
    assert case_blobs.read_bytes(alice, row["sha256"]) == original
    assert verify_store(alice).intact

    # same name and size: hashed, and a repeat; one sample changed: a new import
    assert importing.import_files(alice, contact_id, [recording]).import_ids == ()
    changed = bytearray(original)
    changed[-1] ^= 1
    recording.write_bytes(bytes(changed))
    assert importing.import_files(alice, contact_id, [recording]).recordings == 1
