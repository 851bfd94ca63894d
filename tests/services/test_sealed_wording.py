"""Rewording a sentence never breaks a store: imports seal codes and facts, not English.

Each test rewords catalogue templates the way an edit of the source would (the live registry
and every catalogue that holds the code), after the store was written, and verifies. The store
written by today's code must verify because nothing it sealed is English; the store written by
the release before issue 17 (tests/fixtures/release_store) must verify because its English is
rebuilt from frozen templates (importers/legacy_wording.py), never from the live ones.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from evidence_desk.domain import wording
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers import legacy
from evidence_desk.importers.legacy_wording import TEMPLATES
from evidence_desk.services import import_preview, importing, verify
from evidence_desk.services.demo import visit_recording_wav
from evidence_desk.services.session import Session
from tests.helpers import Team, approved_contact

ROOT = Path(__file__).resolve().parents[1]
RELEASE_STORE = ROOT / "fixtures" / "release_store"
IMPORTER_FIXTURES = ROOT / "importers" / "fixtures"
CHATS = (
    "sms/sms-20260120.xml",
    "telegram/broken_writer_bugs.json",
    "line/windows_spaced.txt",
    "wechat/memotrace_gb18030.csv",
    "wechat/wechatexporter.txt",
)

Reword = Callable[[Iterable[str]], None]


@pytest.fixture
def reword(monkeypatch: pytest.MonkeyPatch) -> Reword:
    """Give codes new English templates (the same fields, other words) for this test."""

    def reword_codes(codes: Iterable[str]) -> None:
        catalogues = [
            value
            for module in list(sys.modules.values())
            if getattr(module, "__name__", "").startswith("evidence_desk")
            for value in vars(module).values()
            if isinstance(value, Catalogue)
        ]
        for code in codes:
            text = wording.template(code)
            assert text is not None, code
            new = "reworded: " + text
            monkeypatch.setitem(wording._TEMPLATES, code, new)
            for catalogue in catalogues:
                if code in catalogue:
                    monkeypatch.setitem(catalogue._templates, code, new)

    return reword_codes


def _verified(store: Path, user: str = "root", password: str = "root-password") -> list[str]:
    with Session.open(store, user, password) as session:
        report = verify.verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]
    return [f.code for f in report.findings]


def test_a_store_verifies_after_every_importer_sentence_is_reworded(
    team: Team, tmp_path: Path, reword: Reword
) -> None:
    session, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / "visit.wav"
    recording.write_bytes(visit_recording_wav(seconds=1))
    paths = [IMPORTER_FIXTURES / name for name in CHATS]
    paths += [IMPORTER_FIXTURES / "images" / "exif_damaged.png", recording]
    importing.import_files(session, contact_id, paths, tz="Asia/Shanghai")
    team.close_all()

    reword(TEMPLATES)
    preview = import_preview.preview_import(
        team.login("alice"), contact_id, [IMPORTER_FIXTURES / CHATS[0]], tz="Asia/Shanghai"
    )
    assert preview.chats[0].title.startswith("reworded: ")  # the rewording took effect
    team.close_all()
    found = _verified(team.path)
    assert "import.normalised" not in found and "import.parser_changed" not in found


def test_the_release_store_verifies_after_every_sentence_is_reworded(
    tmp_path: Path, reword: Reword
) -> None:
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    reword(TEMPLATES)
    assert _verified(store) == ["timestamp.pending"]


def test_an_old_import_is_compared_in_full_not_skipped(
    tmp_path: Path, reword: Reword, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the old English rebuilt wrongly, verify would say so: the release store's SMS
    import, rebuilt with a frozen title that is not the one it sealed, differs."""
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    reword(["sms.title_several"])
    monkeypatch.setattr(
        legacy, "TEMPLATES", {**TEMPLATES, "sms.title_several": "SMS ({count} counterparts)"}
    )
    with Session.open(store, "root", "root-password") as session:
        report = verify.verify_store(session)
    assert [f.code for f in report.errors] == ["import.normalised"]
    assert "sms-20260120.xml" in report.errors[0].location
