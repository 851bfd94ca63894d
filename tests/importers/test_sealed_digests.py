"""Golden digests: what each importer seals for a fixed file, pinned to a SHA-256.

A change to anything an import seals (a field, its encoding, a problem's code or facts) fails
here: such a change needs a new parser version, and verify must still rebuild what the old
version sealed (importers/legacy.py). Rewording a catalogue sentence must *not* fail here:
the sealed bytes hold codes and facts, never English (tests/services/test_sealed_wording.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Phrase
from evidence_desk.importers import archive, registry
from evidence_desk.importers.base import ExportSource, ParsedChat, normalised_bytes
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services.demo import visit_recording_wav

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TZ = "Asia/Shanghai"

# fixture -> (importer, parser version, SHA-256 of what an import of it seals)
GOLDEN = {
    "whatsapp/android_en_24h_dmy.txt": (
        "whatsapp",
        "1.1",
        "154eeac2bffbdc16e9076cb7e216b123f3416a7a9b78adbbdd45e9f4ee8f1f0d",
    ),
    "sms/sms-20260120.xml": (
        "sms_backup_restore_xml",
        "2",
        "75d947af5ea7c8d88d62eef11c8b0050946f67c1bda257e33a2a00cd72666ff2",
    ),
    "telegram/broken_writer_bugs.json": (
        "telegram_json",
        "2",
        "f5938b12d8b455d0dd460b0432af4d5745e5f7101d9a588f89904796d786a813",
    ),
    "messenger/inbox/wangfang_123": (
        "messenger_json",
        "2",
        "16452652072a8c4316377ce41ab8fedf01580e5be4ea3c81b6688e9077f0cef9",
    ),
    "line/windows_spaced.txt": (
        "line_txt",
        "2",
        "cf726101c24aa82edf63521b5c07dee9e78f553cedd414fb730966bfa528cf09",
    ),
    "csv/generic_en.csv": (
        "generic-csv",
        "1.1",
        "d9b85174da3f67faaee5b775498257eac12bb90c41411b22428c1d50ae715da6",
    ),
    "wechat/memotrace_gb18030.csv": (
        "wechat-memotrace-csv",
        "1.1",
        "2c2666a4ca6ddca8f3eca4b62acb3043523b2932d6f5c3bbaf5c16d7509e175d",
    ),
    "wechat/pywxdump_old_content.csv": (
        "wechat-pywxdump-csv",
        "1.1",
        "7d78de67c3d47d75b2f891e7977b65bfcd2a9d00c1b9711675c7cae730a7b53a",
    ),
    "wechat/wechatexporter.txt": (
        "wechat-wechatexporter-txt",
        "1.1",
        "b66dfdc2d736cd789592540bf9a8bbb497c3a9766ad7cac343496c03e47f4d88",
    ),
    "wechat/memotrace.txt": (
        "wechat-memotrace-txt",
        "1.1",
        "ea702662a1e45743d5b5ecdbb369e24f926269d950602d922fd2242c855c2c2e",
    ),
    "wechat/memotrace.html": (
        "wechat-memotrace-html",
        "1.1",
        "1b5aaecb7710f679325e0d2b8b5e606d31117e031b6eb4b84219c648ddde1088",
    ),
    "wechat/wechatexporter": (
        "wechat-wechatexporter-html",
        "1.1",
        "cdd77f7fc42dafd3eaafa86463dbd304196d6ab6e44751bd7a1ec2305b057e9d",
    ),
    "images/exif_damaged.png": (
        "image",
        "2",
        "6eb3a8d0ed7265eb777f6e1870884c97ae3c0d0ce1848227f90d0173e769190c",
    ),
}
RECORDING = ("recording", "2", "d5c069470c0e1e42b6e079d3e5843f633710f6b3a7bccd60505d9424758e32ba")


def _sealed(result: object) -> bytes:
    if isinstance(result, ParsedChat):
        return normalised_bytes(result)
    return canonical_bytes(result.as_json())  # type: ignore[attr-defined]


def _sentences(result: object) -> list[str]:
    """The English an earlier release sealed: problems, repairs, detection reasons."""
    said = [str(p.reason) for p in getattr(result, "problems", ())]
    said += [str(r) for r in getattr(result, "repairs", ())]
    if not isinstance(result, ParsedChat):
        said.append(str(result.detection_reason))  # type: ignore[attr-defined]
    return said


@pytest.mark.parametrize("fixture", sorted(GOLDEN))
def test_each_importer_seals_a_fixed_file_to_a_fixed_digest(fixture: str) -> None:
    result = registry.parse(archive.open_path(FIXTURES / fixture), TZ)
    sealed = _sealed(result)
    importer, version, digest = GOLDEN[fixture]
    assert (result.format_name, result.parser_version) == (importer, version)
    assert hashlib.sha256(sealed).hexdigest() == digest
    text = sealed.decode()
    assert not [s for s in _sentences(result) if s in text]


def test_the_recording_importer_seals_a_fixed_file_to_a_fixed_digest() -> None:
    result = registry.parse(ExportSource("visit.wav", visit_recording_wav(seconds=1)), TZ)
    sealed = _sealed(result)
    assert (result.format_name, result.parser_version, hashlib.sha256(sealed).hexdigest()) == (
        RECORDING
    )
    assert str(result.detection_reason) not in sealed.decode()


def test_the_fixtures_cover_problems_repairs_and_a_pillow_warning() -> None:
    """The golden files are chosen to seal something: problems, repairs, a Pillow warning."""
    codes: set[str] = set()
    for fixture in GOLDEN:
        document = json.loads(_sealed(registry.parse(archive.open_path(FIXTURES / fixture), TZ)))
        codes |= {p["code"] for p in document["problems"]}
        codes |= {r["code"] for r in document.get("repairs", [])}
    assert {"image.decoder_warning", "sms.bad_base64", "csv.gb18030"} <= codes
    assert "telegram.repaired_escapes" in codes and "line.joined" in codes


def _fixture_chats() -> list[Path]:
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix != ".md"]
    return [*paths, FIXTURES / "wechat" / "wechatexporter", FIXTURES / "messenger" / "inbox"]


def test_no_message_holds_a_sentence_an_importer_worded() -> None:
    """Messages are sealed as they are: were an importer to put a sentence of its catalogue in
    one (a coded Phrase), rewording it would change the sealed bytes."""
    worded: list[str] = []
    for path in _fixture_chats():
        try:
            result = registry.parse(archive.open_path(path), TZ)
        except ImportInputError:
            continue  # not a chat on its own (a member of a folder export) or several chats
        if not isinstance(result, ParsedChat):
            continue
        for message in result.messages:
            values = [message.text, message.sender, message.time_text, message.raw]
            values += [a.name for a in message.attachments]
            worded += [f"{path.name}: {v!r}" for v in values if isinstance(v, Phrase) and v.code]
    assert worded == []


def test_pillow_warnings_are_shown_but_only_their_class_is_sealed() -> None:
    image = registry.parse(archive.open_path(FIXTURES / "images" / "exif_damaged.png"), TZ)
    warned = [p for p in image.problems if p.code == "image.decoder_warning"]
    assert warned and all("Skipping tag" in p.reason for p in warned)  # Pillow's words, shown
    document = json.loads(_sealed(image))
    assert {"code": "image.decoder_warning", "facts": {"category": "UserWarning"}} in [
        {"code": p["code"], "facts": p["facts"]} for p in document["problems"]
    ]
    assert "Skipping tag" not in json.dumps(document)
