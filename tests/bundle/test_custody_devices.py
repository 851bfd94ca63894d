"""The Device column of an organisation bundle's chain of custody (issue 19) is narrow: its
Latin lines ("joined by zhang", "before joining the organisation") break between words, never
inside one; Chinese may break anywhere.

A real store's bundle data (gathered by the bundle service), its custody entries attributed to a
named device whose history came before it joined, as an organisation's gather attributes them;
rendered to a real PDF and read back with pdftotext."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from evidence_desk.bundle import pdf, text
from evidence_desk.bundle.model import BundleData, DeviceName, OrgPlace, Scope
from evidence_desk.services import bundle
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import Team, pdf_text

DEVICE_WORDS = ("joined", "before", "joining", "organisation", "exporting", "device")


def _org_custody(team: Team, folder: Path, language: str) -> BundleData:
    """Every custody entry on one named device (zhang's laptop), from before it joined."""
    store_with_evidence(team, folder)
    data = bundle.gather(team.login("lee"), Scope(CASE, language=language))
    entries = len(data.custody)
    return replace(
        data,
        org_order=(OrgPlace(data.store_id, 1, 1, "", pre_org=True),),
        custody_devices=(data.store_id,) * entries,
        custody_pre_org=(True,) * entries,
        device_names={data.store_id: DeviceName("Zhang laptop", "zhang")},
    )


def _custody_text(data: BundleData, out: Path) -> str:
    """pdftotext of the chain-of-custody section (up to the verification appendix)."""
    rendered = pdf.render(data, "0" * 64, "0" * 64, "sig", "")
    path = out / rendered.volumes[0][0]
    path.write_bytes(rendered.volumes[0][1])
    whole = pdf_text(path)
    start = whole.index(text.t(data.scope.language, "custody_intro")[:8])
    return whole[start : whole.index(text.t(data.scope.language, "appendix"), start)]


def _broken(custody: str) -> list[str]:
    """Pieces of a device word printed on their own: a word broken at the end of a line."""
    return [
        token
        for token in custody.split()
        for word in DEVICE_WORDS
        if token != word and len(token) >= 3 and (word.startswith(token) or word.endswith(token))
    ]


def test_latin_device_lines_break_between_words(team: Team, tmp_path: Path) -> None:
    custody = _custody_text(_org_custody(team, tmp_path / "in", "en"), tmp_path)
    words = custody.split()
    assert words.count("organisation") >= 1, custody[:2000]
    assert words.count("joining") == words.count("organisation")
    assert not _broken(custody), (_broken(custody), custody[:2000])


def test_chinese_device_lines_keep_every_character(team: Team, tmp_path: Path) -> None:
    data = _org_custody(team, tmp_path / "in", "zh_CN")
    custody = "".join(_custody_text(data, tmp_path).split())
    assert "".join(text.t("zh_CN", "device_pre_org").split()) in custody
    assert "".join(text.t("zh_CN", "device_user", user="zhang").split()) in custody
