"""The catalogues' Chinese read from the .ts without Qt: every code translated, a reworded
template said in English until it is translated again, the bundle's PDF and VERIFY.txt wording
in both languages. (tests/ui/test_service_text.py compares this reader with Qt's translator.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from evidence_desk import translations
from evidence_desk.bundle import kit, text
from evidence_desk.domain import wording
from evidence_desk.domain.wording import Catalogue

# Templates whose Chinese is the English: product names, or only facts and a space.
SAME_IN_CHINESE = {
    "import.where_message",
    "verify.where_blob_file",
    "verify.where_descriptor",
    "verify.where_partial",
    "line.detected_plain",
    "messenger.detected_plain",
    "sms.detected_plain",
    "telegram.detected_plain",
    "bundle.annex_rule",
    "bundle.annex_tag",
    "bundle.annex_tag_note",
    "bundle_label.channel.line",  # the apps' own names
    "bundle_label.channel.telegram",
    "bundle_label.channel.whatsapp",
}

said = Catalogue(
    {
        "test.ts_kept": "{count} rows in {where}",
        "test.ts_where": "file {name!r}",
        "test.ts_reworded": "the new words about {thing}",
    }
)

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Wording</name>
    <message>
        <source>{count} rows in {where}</source>
        <comment>test.ts_kept</comment>
        <translation>{where}中有 {count} 行</translation>
    </message>
    <message>
        <source>file {name!r}</source>
        <comment>test.ts_where</comment>
        <translation>文件“{name}”</translation>
    </message>
    <message>
        <source>the old words about {thing}</source>
        <comment>test.ts_reworded</comment>
        <translation>关于 {thing} 的旧话</translation>
    </message>
</context>
</TS>
"""


def test_every_catalogue_code_has_a_finished_chinese_translation_using_only_its_facts() -> None:
    codes = translations.register_all()
    assert len(codes) > 700  # services, importers, the bundle's PDF and VERIFY.txt
    assert {"bundle_text.title", "kit_text.trust_outside", "import.empty_file"} <= set(codes)
    for code, english in sorted(codes.items()):
        chinese = translations.translated_template(code, "zh_CN")
        assert chinese is not None, f"{code} has no finished Chinese for {english!r}"
        used = set(re.findall(r"\{(\w+)(?::[^{}|]+\|[^{}|]+)?\}", chinese))
        assert used <= wording.fact_names(code), f"{code}: {chinese!r} uses unknown facts"
        if code not in SAME_IN_CHINESE:
            assert chinese != english, f"{code} is not translated"


def test_a_phrase_is_said_through_its_translation_nested_phrases_too(
    own_ts: Callable[[str, str], Path],
) -> None:
    own_ts("evidence_desk_zh_CN.ts", TS)
    phrase = said("test.ts_kept", count=3, where=said("test.ts_where", name="{count}.csv"))
    assert phrase == "3 rows in file '{count}.csv'"
    # one pass: the file name holding "{count}" is not filled in again
    assert translations.say(phrase, "zh_CN") == "文件“{count}.csv”中有 3 行"
    assert translations.say(phrase, "en") == phrase
    assert translations.say("no code here", "zh_CN") == "no code here"


def test_a_reworded_template_is_english_until_translated_again(
    own_ts: Callable[[str, str], Path],
) -> None:
    """Like Qt, an entry counts only while its source is the catalogue's English: the old
    translation never words the new sentence."""
    own_ts("evidence_desk_zh_CN.ts", TS)
    phrase = said("test.ts_reworded", thing="the key")
    assert translations.translated_template("test.ts_reworded", "zh_CN") is None
    assert translations.say(phrase, "zh_CN") == "the new words about the key"


def test_without_a_ts_everything_is_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations, "ts_path", lambda language: str(tmp_path / "none.ts"))
    translations.entries.cache_clear()
    try:
        assert text.t("zh_CN", "title") == "Electronic evidence bundle"
    finally:
        translations.entries.cache_clear()


def test_the_bundle_pdf_wording_in_chinese_and_english() -> None:
    assert text.t("zh_CN", "checkpoint_value", size=12, root="ab") == "第 12 条，根哈希 ab"
    assert text.t("en", "checkpoint_value", size=12, root="ab") == "size 12, root ab"
    assert text.t("zh_CN", "title") == "电子证据包"
    assert (text.t("zh_CN", "name_separator"), text.t("en", "name_separator")) == ("、", ", ")
    assert (text.t("zh_CN", "continued"), text.t("en", "continued")) == ("（续）", " (continued)")
    zh, en = text.method("zh_CN"), text.method("en")
    assert len(zh) == len(en) == 6
    assert zh[0].startswith("1. 取证过程") and en[0].startswith("1. Collection")
    assert text.mapping("zh_CN")[0] == (
        "证据规定第93条(1) 系统软硬件环境",
        "方法说明第1-3条；附录：工具与版本",
    )
    assert text.mapping("en")[-1] == ("IC 11(6) verifiable", "verification appendix; verify-bundle")
    declared = text.declaration("zh_CN", name="李明", version="1.0", date="2026-01-02")
    assert declared.startswith("本人 李明 声明") and "2026-01-02" in declared
    assert text.declaration("en", name="Li", version="1.0", date="2026-01-02").startswith(
        "I, Li, declare"
    )


def test_verify_txt_is_in_the_bundles_language_with_the_same_commands() -> None:
    def verify(language: str) -> list[str]:
        data: Any = SimpleNamespace(
            scope=SimpleNamespace(language=language),
            checkpoint=SimpleNamespace(size=7, root="ab" * 32),
            organisation="",
            tokens=[SimpleNamespace(tsa_name="FreeTSA")],
            bundle_id="B-1",
            public_keys={"li": {"public_key": "00" * 32, "role": "supervisor"}},
            numbers_masked=True,
            is_org=False,  # a standalone store's kit
            redaction=None,  # nothing redacted
            org_proof=None,  # no organisation checkpoint (a standalone store)
        )
        tag_stamp: Any = SimpleNamespace(tsa_name="FreeTSA")
        return kit.verify_text(data, ["b.pdf"], tag_stamp).splitlines()

    zh, en = verify("zh_CN"), verify("en")
    assert en[0] == "Evidence Desk bundle B-1 — how to check this kit"
    assert zh[0] == "Evidence Desk 证据包 B-1：如何校验本校验包"
    assert en[2] == "Run from the folder that holds bagit.txt (unzip the kit first)."
    assert zh[2] == "在包含 bagit.txt 的目录中运行以下命令（先解压校验包）。"
    root = kit.published_root("FreeTSA")
    assert f"- {root}: the root certificate that FreeTSA publishes (its" in en
    assert f"- {root}：时间戳机构 FreeTSA 公布的根证书（取自其网站或法院认可的" in zh
    assert any("the signer keys that the producing organisation publishes" in x for x in en)
    assert any("出具机构公布的签名人公钥列表" in x for x in zh)
    assert (
        "4. Trusted time of checkpoint 7 (FreeTSA, RFC 3161), against the TSA's published root:"
    ) in en
    assert "4. 检查点 7 的可信时间戳（FreeTSA，RFC 3161），以时间戳机构公布的根证书校验:" in zh
    assert "5. 标签清单的可信时间戳（FreeTSA），以时间戳机构公布的根证书校验:" in zh
    assert any(line.startswith("- li (主管): ") for line in zh)
    assert any(line.startswith("- li (supervisor): ") for line in en)
    assert (zh[-2], en[-2]) == (f"检查点 7：根哈希 {'ab' * 32}", f"Checkpoint 7: root {'ab' * 32}")
    # one language each, the commands the same in both
    assert not any(re.search("[\u4e00-\u9fff]", line) for line in en)
    commands = [line for line in en if line.startswith(("   ", "  Windows "))]
    assert commands and commands == [line for line in zh if line.startswith(("   ", "  Windows "))]
