"""A Chinese bundle is Chinese, an English one English (issue 21 item 3).

The demo store (the richest there is: identity documents, a chat with a voice message the export
left out, a recalled message, a screenshot, a recording, conduct findings) is time-stamped by a
real local TSA, one finding is acknowledged and one message tagged; then a zh_CN and an en
bundle are exported for a court. ``pdftotext`` reads every volume; the evidence itself (message
texts, names, file names, the TSA's name, the recipient: everything the store holds as typed
or imported, known to the test from the bundle's own records) and the commands of the
verification steps are taken out; what remains must be in the bundle's language:

- zh_CN: no English word outside :data:`ALLOWED_WORDS` and :data:`ALLOWED_PATTERNS`
  (identifiers, hashes, times, file and format names, standards, tool names);
- en: no Chinese character at all.

A new section (another helper's, after a merge) that prints new evidence or new identifiers:
add its evidence to :func:`_evidence` and its words to the allow-lists, never a whole sentence.
"""

from __future__ import annotations

import base64
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from evidence_desk.bundle import pdf
from evidence_desk.bundle.model import BundleData, Scope
from evidence_desk.domain.redaction import Reason, TextSpan, segments
from evidence_desk.services import bundle, conduct, review, timestamps
from evidence_desk.services.demo import DEMO_USERS, PLANTED_NOTE, ensure_demo_store
from evidence_desk.services.session import Session
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.helpers import COURT, pdf_text

CASE = "2026-SH-0001"
ACK_NOTE = "已与催收员谈话并记录在案"
TAG_NOTE = "债务人承认欠款"

#: Words a Chinese bundle may print in Latin letters: standards, algorithms, formats, tools and
#: the product's own name. Matched whole (a token as :data:`_TOKEN` cuts it), case-sensitive.
ALLOWED_WORDS = frozenset(
    {
        # standards, algorithms and their parameters
        "SHA-256",
        "SHA-512",
        "EXIF",  # the image metadata standard and its capture-time tag
        "DateTimeOriginal",
        "OCR",
        "SM3",
        "GB/T",
        "FIPS",
        "RFC",
        "Ed25519",
        "AES-256-GCM",
        "Merkle",
        "TSA",
        "UTC",
        "FRE",
        "sha256",
        "abc",  # SM3("abc"): the standard's test vector
        "H",  # H(盐值‖内容): the commitment's formula
        "n",  # the appendix's formulas: a ledger entry's number, and its JSON fields
        "entry_hash",
        "prev_hash",
        "payload_hash",
        "seq",
        "at",
        "actor",
        "action",
        # formats
        "PDF",
        "JSON",
        "CSV",
        "BagIt",
        "wav",
        "pcm",
        "WhatsApp",
        "Telegram",
        "LINE",
        # tools and the product
        "Evidence",
        "Desk",
        "Python",
        "reportlab",
        "cryptography",
        "SQLCipher",
        "bagit",
        "openssl",
        "sha256sum",
        "sha512sum",
        "certutil",
        "Windows",
        "PowerShell",
        "verify",
        "verify-bundle",
        "evidence-desk",
        "org-keys",
        "INTACT",  # verify-bundle's verdicts, quoted as it prints them
        "BUT",
        "UNTRUSTED",
        "OK",
        "FAILED",
        # redaction reason codes, printed in their black boxes (domain/redaction.py Reason)
        "TP",
        "AC",
        "ID",
        "IR",
        "PV",
        "OT",
    }
)

#: Identifiers a Chinese bundle prints: ids, hashes, times, paths and file names.
ALLOWED_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"[0-9a-fA-F]*[0-9][0-9a-fA-F]*",  # hex (digests, keys, signatures) and numbers
        r"edk1(?::[\w=-]*)?",  # a sealed value as the ledger holds it (custody details)
        r"[\w-]*=+",  # the end of a sealed value (base64 padding)
        r"(?=[\w=-]{12,})[\w=-]*\d[\w=-]*",  # the rest of a sealed value, wrapped
        r"(?:B|K|M|PR|CF|T|I)-[0-9a-f]{6,}",  # bundle, contact, message, record ids
        r"E\d+(?:-\d+)?|[A-Z]\d*",  # exhibit numbers, volumes and page labels (A, A12)
        r"0x[0-9a-f]+",  # bytes in the appendix's formulas
        r"CC-\d+",  # conduct rules (legal-requirements.md)
        r"\d{4}-\d\d-\d\dT[\d:.]+Z?(?:[+-]\d\d:\d\d)?",  # RFC 3339 times
        r"\d+(?:\.\d+)*",  # versions
        r"[\w.-]+\.(?:txt|pem|json|jsonl|tst|sig|zip|pdf|csv|png|wav|py)",  # file names
        r"[\w.-]*/[\w./<>-]*",  # paths: data/originals/, tsa/, Asia/Shanghai
        r"[a-z0-9]+(?:-[a-z0-9]+)+",  # format and parser ids: wechat-memotrace-csv
    )
)

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/<>+=@'-]*")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]+")


@dataclass(frozen=True, slots=True)
class Exported:
    text: str  # every volume's text, evidence and commands taken out
    words: list[str]  # the removed text's Latin tokens, for the messages of failures


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, pki: TestPki) -> Iterator[Path]:
    """The demo store, time-stamped by a local TSA that stays up while the module exports."""
    root = tmp_path_factory.mktemp("language")
    store = ensure_demo_store(root / "demo").path
    with LocalTsa(pki, include_chain=True) as tsa:
        with Session.open(store, "admin", DEMO_USERS["admin"][1]) as admin:
            timestamps.add_authority(
                admin,
                "Local test TSA",
                tsa.url,
                pki.root_pem.read_text("ascii"),
                pki.intermediates_pem.read_text("ascii"),
                timeout_seconds=5,
            )
            assert timestamps.stamp(admin).stamped
        with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
            findings = conduct.report(legal, CASE).findings
            assert findings, "the demo has no conduct finding: plant one for this test"
            # the demo acknowledges its planted finding itself (services/demo.py)
            for finding in findings:
                if not finding.acknowledged:
                    conduct.acknowledge(legal, finding.id, ACK_NOTE)
            message = bundle.gather(legal, Scope(CASE)).exhibits[1].messages[-1]
            review.tag_message(legal, message.rowid, "debt_ack", TAG_NOTE)
        yield store


def _export(store: Path, language: str, out: Path) -> tuple[Exported, BundleData]:
    """Export, the newest checkpoint stamped first so that the records read before the export
    name the tokens it prints."""
    with Session.open(store, "admin", DEMO_USERS["admin"][1]) as admin:
        assert timestamps.stamp(admin).stamped
    with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
        scope = Scope(CASE, language=language)
        data = bundle.gather(legal, scope)
        result = bundle.export_bundle(legal, scope, out, recipient=COURT, stamp_first=False)
    assert result.checkpoint_stamped and result.tag_manifest_stamped, result.notices
    text = "\n".join(pdf_text(path) for path in result.pdf_paths)
    removed = _remove(text, [*_evidence(data), *_kit_names(result.kit_path)])
    return Exported(removed, _TOKEN.findall(removed)), data


def _evidence(data: BundleData) -> list[str]:
    """What the bundle prints as the store holds it: typed, imported or named by someone."""
    case = [data.case.get(k, "") for k in ("debtor_name", "debtor_id", "loan_ref")]
    found: list[str] = [data.scope.case_no, data.organisation, data.producer, *case]
    found += list(data.public_keys)
    for exhibit in data.exhibits:
        contact = exhibit.contact
        found += [contact.display_name, contact.handle, contact.reason]
        found += [contact.decision_note or "", contact.revoke_note or ""]
        found += [contact.requested_by, contact.decided_by or "", contact.revoked_by or ""]
        for original in exhibit.originals:
            found += [original.file_name, original.added_by, original.kit_path]
            parser = original.importer.partition(" ")[0]  # a chat format's id, as the kit has it
            found += [parser] if "-" in parser else []
        for message in exhibit.messages:
            found += [message.text, message.sender, *(p.text for p in message.segments)]
            # the export's own names of its media; a name that is only the kind ("voice") is an
            # importer's default, which the PDF does not print
            found += [
                str(a["name"])
                for a in message.attachments
                if a.get("name") not in (None, a["kind"])
            ]
            # the source: the import's id, the export file's name (a locator is worded)
            found += [p for p in message.source.split(" ")[:2] if "-" in p or "." in p]
    for token in data.tokens:
        found += [token.tsa_name, token.tsa_subject, base64.b64encode(token.token_der).decode()]
    for entry in data.custody:  # the custody table's details: sealed names, users, ids
        found.append(entry.actor)
        payload = json.loads(entry.payload)
        found += [v for v in _strings(payload) if v.startswith("edk")]
    found += [COURT.name, COURT.purpose, ACK_NOTE, TAG_NOTE, PLANTED_NOTE]
    return [f for f in found if f]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _kit_names(kit: Path) -> list[str]:
    """The commands VERIFY.txt gives (its indented lines), which the appendix prints as they
    are, and the names of the kit's files (a table may wrap them anywhere)."""
    with zipfile.ZipFile(kit) as opened:
        names = opened.namelist()
        verify = opened.read(next(n for n in names if n.endswith("VERIFY.txt"))).decode("utf-8")
    commands = [  # POSIX commands are indented three spaces, Windows lines two
        line.strip()
        for line in verify.splitlines()
        if line.startswith("   ") or line.startswith("  Windows ")
    ]
    return commands + [part for name in names for part in name.split("/") if "." in part]


def _remove(text: str, strings: list[str]) -> str:
    """``text`` without each of ``strings``, wherever the PDF wrapped it (any whitespace may
    come between two of its characters), longest first."""
    for string in sorted(set(strings), key=len, reverse=True):
        chars = [re.escape(c) for c in string if not c.isspace()]
        if chars:
            text = re.sub(r"\s*".join(chars), " ", text)
    # hex and base64 runs the PDF wrapped over lines (signatures, roots, keys)
    return re.sub(r"(?<![\w-])[0-9a-fA-F](?:\s*[0-9a-fA-F]){15,}(?!\w)", " ", text)


def _english(text: str) -> list[str]:
    """The tokens of ``text`` that are English words rather than identifiers or allowed
    names."""
    out = []
    for token in _TOKEN.findall(text):
        token = token.rstrip(".:,'")
        if not re.search(r"[A-Za-z]", token) or token in ALLOWED_WORDS:
            continue
        if any(pattern.fullmatch(token) for pattern in ALLOWED_PATTERNS):
            continue
        out.append(token)
    return out


def test_a_chinese_bundle_prints_no_english_outside_the_evidence(
    demo: Path, tmp_path: Path
) -> None:
    exported, data = _export(demo, "zh_CN", tmp_path / "zh")
    assert data.annex and any(row.section == "conduct" for row in data.annex)
    english = _english(exported.text)
    context = [
        line.strip() for line in exported.text.splitlines() if any(w in line for w in english)
    ]
    assert not english, f"English in the zh_CN bundle: {sorted(set(english))}\n" + "\n".join(
        dict.fromkeys(context)
    )


def test_an_english_bundle_prints_no_chinese_outside_the_evidence(
    demo: Path, tmp_path: Path
) -> None:
    exported, _data = _export(demo, "en", tmp_path / "en")
    chinese = _CJK.findall(exported.text)
    context = [line.strip() for line in exported.text.splitlines() if _CJK.search(line)]
    assert not chinese, f"Chinese in the en bundle: {sorted(set(chinese))}\n" + "\n".join(
        dict.fromkeys(context)
    )


def test_a_redacted_chinese_bundle_prints_no_english_either(demo: Path, tmp_path: Path) -> None:
    """Black boxes, a withheld message and the redaction legend are Chinese too (the codes
    in the boxes are allowed words)."""
    with Session.open(demo, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
        data = bundle.gather(legal, Scope(CASE))
        exhibits = list(data.exhibits)
        at = next(n for n, e in enumerate(exhibits) if e.kind == "conversation")
        messages = list(exhibits[at].messages)
        texts = [n for n, m in enumerate(messages) if len(m.text) > 6]
        first, second = messages[texts[0]], messages[texts[1]]
        span = TextSpan(first.commitment, 2, 5, Reason.THIRD_PARTY)
        pieces = segments(first.text, [span])
        messages[texts[0]] = replace(first, segments=pieces, text="".join(p.text for p in pieces))
        messages[texts[1]] = replace(second, text="", attachments=(), withheld=Reason.PRIVILEGED)
        exhibits[at] = replace(exhibits[at], messages=tuple(messages))
        data = replace(data, exhibits=tuple(exhibits))
        rendered = pdf.render(data, "0" * 64, "0" * 64, "ab" * 32, "")
    text = ""
    for name, content in rendered.volumes:
        (tmp_path / name).write_bytes(content)
        text += pdf_text(tmp_path / name)
    assert "遮盖说明" in text and "PV" in text
    # the TSA as the fixture named it (custody names it; the tokens may be newer)
    english = _english(_remove(text, [*_evidence(data), "Local test TSA"]))
    assert not english, f"English in the redacted zh_CN bundle: {sorted(set(english))}"


def test_the_allow_list_finds_english_it_should() -> None:
    """The check itself: identifiers pass, words (codes included) do not."""
    sample = "SHA-256 811b5638db8f E1-2 data/originals/E2/x.csv 2026-06-01T02:00:00Z"
    assert _english(sample) == []
    assert _english("解析器 document （identity_proof） case.create 2 s") == [
        "document",
        "identity_proof",
        "case.create",
        "s",
    ]


def test_every_code_a_bundle_prints_has_a_name() -> None:
    """A new ledger action, role, state or kind gets its name in bundle/labels.py (and its
    Chinese in the .ts), or the bundle would print the code."""
    from evidence_desk.bundle.labels import NAMES
    from evidence_desk.domain.authority import ACTIONS, DOCUMENT_ROLES, ContactStatus
    from evidence_desk.domain.models import Role
    from evidence_desk.importers.base import AttachmentState, MessageKind
    from evidence_desk.services.contacts import CHANNELS, INITIATORS, RELATIONS

    expected = {
        "action": set(ACTIONS),
        "role": {r.value for r in Role},
        "status": {s.value for s in ContactStatus},
        "message": {k.value for k in MessageKind},
        "attachment": {s.value for s in AttachmentState},
        "original": {*DOCUMENT_ROLES, "chat_export", "export_member", "screenshot", "recording"},
        "channel": set(CHANNELS),
        "relation": set(RELATIONS),
        "initiator": set(INITIATORS),
    }
    for kind, codes in expected.items():
        assert codes <= set(NAMES[kind]), f"{kind}: no name for {codes - set(NAMES[kind])}"


def test_codes_and_locators_are_said_in_the_bundles_language() -> None:
    from evidence_desk.bundle import labels

    assert labels.label("zh_CN", "action", "case.create") == "新建案件"
    assert labels.label("en", "action", "case.create") == "case opened"
    assert labels.label("zh_CN", "action", "some.future_action") == "some.future_action"
    assert labels.locator("zh_CN", "row 5 (line 7)") == "第 5 条记录 (第 7 行)"
    assert labels.locator("zh_CN", "lines 3-4") == "第 3–4 行"
    assert labels.locator("en", "row 5 (line 7)") == "row 5 (line 7)"
    assert labels.locator("zh_CN", "$.messages[3]") == "$.messages[3]"
    assert labels.importer("zh_CN", "image 2") == "图片读取器 2"
    assert labels.importer("zh_CN", "wechat-memotrace-csv 1.1") == "wechat-memotrace-csv 1.1"
    assert labels.duration("zh_CN", 30) == "30 秒"
    assert labels.duration("en", 3 * 3600) == "3.0 h"
