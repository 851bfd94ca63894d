"""Exporting the court bundle from a real store: rules, ledger entry, PDF, determinism."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import BadInput, PermissionDenied, RuleViolation
from evidence_desk.services import bundle, cases, contacts, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.bundle.support import CASE, CHAT_NAME, export, store_with_evidence
from tests.helpers import (
    COURT,
    Team,
    TickingClock,
    approved_contact,
    ledger_size,
    make_team,
    pdf_text,
    poppler_tool,
    supporting_documents,
)


def test_only_the_legal_team_may_export_and_a_refusal_changes_nothing(
    team: Team, tmp_path: Path
) -> None:
    alice, _contact = store_with_evidence(team, tmp_path / "in")
    before = ledger_size(alice)
    for name in ("alice", "sam", "ada"):
        with pytest.raises(PermissionDenied, match=r"bundle\.export"):
            bundle.export_bundle(
                team.login(name), Scope(CASE), tmp_path / f"out-{name}", recipient=COURT
            )
        assert not (tmp_path / f"out-{name}").exists()
    assert ledger_size(alice) == before


def test_export_writes_pdf_and_kit_and_records_one_signed_entry(team: Team, tmp_path: Path) -> None:
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    before = ledger_size(alice)
    result = export(team, tmp_path / "out")
    lee = team.login("lee")
    # the export's entry, after its processing record's (PIPL arts. 55-56), in one transaction
    assert ledger_size(lee) == before + 2
    record = lee.conn.execute("SELECT * FROM ledger WHERE seq = ?", (before + 1,)).fetchone()
    assert record["action"] == "processing.record" and record["actor"] == "lee"
    row = lee.conn.execute("SELECT * FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert row["action"] == "bundle.export" and row["actor"] == "lee"
    payload = json.loads(row["payload"])
    assert payload["kit"]["sha256"] == hashlib.sha256(result.kit_path.read_bytes()).hexdigest()
    assert (
        payload["pdf"][0]["sha256"] == hashlib.sha256(result.pdf_paths[0].read_bytes()).hexdigest()
    )
    assert payload["contacts"] == [contact_id] and payload["scope"]["case_no"] == CASE
    assert payload["evidence_manifest_sha256"] == result.evidence_manifest_sha256
    assert result.exhibits == 2 and result.messages_included == 5
    assert not result.checkpoint_stamped  # no TSA configured: said, not hidden
    assert any("no time-stamp authority" in n for n in result.notices)
    assert verify_store(lee).intact
    # the listing reads exports back from the ledger
    assert [e["bundle_id"] for e in bundle.list_exports(lee, CASE)] == [result.bundle_id]
    report = verify_kit(result.kit_path)
    assert report.intact
    assert {f.code for f in report.findings} == {"checkpoint.unstamped", "tag.unstamped"}


def test_pdf_embeds_its_fonts_and_prints_the_chinese_messages_and_every_digest(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    pdf = result.pdf_paths[0]
    fonts = subprocess.run(
        [poppler_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    text = pdf_text(pdf, "-layout")
    compact = "".join(text.split())
    for message in ("您好，我是示例汽车金融的李明", "我1月20号先还5000", "剩下的二月底前还清"):
        assert message in compact
    with zipfile.ZipFile(result.kit_path) as zf:
        manifest = json.loads(
            next(zf.read(n) for n in zf.namelist() if n.endswith("/evidence-manifest.json"))
        )
    digests = [o["sha256"] for e in manifest["exhibits"] for o in e["originals"]]
    assert len(digests) == 4  # identity proof, debt confirmation, chat export, screenshot
    for digest in digests:
        assert digest in compact
    assert result.evidence_manifest_sha256 in compact  # on the cover
    assert "证据目录" in text and "保管链记录" in text and "完整性证书" in text


def test_outline_has_an_entry_per_section_and_exhibit_and_pages_are_numbered(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    reader = PdfReader(result.pdf_paths[0])
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    for title in ("封面", "证据目录", "取证说明与声明", "完整性证书", "保管链记录", "校验附录"):
        assert any(t.startswith(f"{title} · A") for t in titles), titles  # title · page label
    assert "封面 · A1" in titles and "证据目录 · A2" in titles
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    opening = reader.trailer["/Root"]["/OpenAction"]["/D"]  # the cover page, at 100 %
    assert reader.get_page_number(opening[0].get_object()) == 0 and opening[4] == 1
    nested = [sub.title for item in reader.outline if isinstance(item, list) for sub in item]
    assert any(t.startswith("E1 ") for t in nested) and any(t.startswith("E2 ") for t in nested)
    assert len(reader.pages) == result.pages
    for number in (1, len(reader.pages)):
        page_text = "".join(reader.pages[number - 1].extract_text().split())
        assert f"第A{number}页" in page_text and f"全包第{number}/{result.pages}页" in page_text


def test_english_on_request(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out", Scope(CASE, language="en"))
    reader = PdfReader(result.pdf_paths[0])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Evidence list · A2" in titles
    assert any(t.startswith("Chain of custody · A") for t in titles)
    text = "".join(reader.pages[0].extract_text().split())
    assert "Electronicevidencebundle" in text and "我1月20号先还5000" not in text


def _first_revision(pdf: bytes) -> bytes:
    end = pdf.index(b"%%EOF") + len(b"%%EOF")
    assert len(pdf) > end + 1000  # a signature revision follows
    return pdf[:end]


@pytest.mark.parametrize(("extra", "cap"), [(0, 350), (500, 20)])
def test_same_store_scope_and_clock_give_byte_identical_pdfs(
    tmp_path: Path, extra: int, cap: int
) -> None:
    """One volume straight from reportlab, several through the splitter: both reproducible.
    The rendered document is the signed file's first revision; the PAdES signature appended
    to it carries the signing time and a randomised ECDSA signature, so it is compared up to
    there."""
    start = datetime(2026, 3, 2, 1, 0, 0, tzinfo=UTC)
    team = make_team(tmp_path / "store", TickingClock(start))
    store_with_evidence(team, tmp_path / "in", extra_messages=extra)
    team.close_all()
    shutil.copytree(tmp_path / "store", tmp_path / "copy")
    outputs = []
    for name in ("store", "copy"):
        twin = Team(tmp_path / name, TickingClock(team.clock.now), dict(team.passwords))
        outputs.append(export(twin, tmp_path / f"out-{name}", Scope(CASE, page_cap=cap)))
        twin.close_all()
    first, second = ([_first_revision(p.read_bytes()) for p in r.pdf_paths] for r in outputs)
    assert (len(first) > 1) == (extra > 0)
    assert first == second
    assert outputs[0].evidence_manifest_sha256 == outputs[1].evidence_manifest_sha256


def test_scope_narrows_by_date_and_accounts_for_what_it_leaves_out(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out", Scope(CASE, date_from="2026-01-21"))
    assert result.messages_included == 2  # the two of 21 January (local time)
    untagged = export(team, tmp_path / "out2", Scope(CASE, tagged_only=True))
    assert untagged.messages_included == 0 and untagged.messages_omitted == 5
    text = "".join(PdfReader(untagged.pdf_paths[0]).pages[-1].extract_text().split())
    del text  # the omitted list sits in the completeness section; its count is in the entry
    lee = team.login("lee")
    row = lee.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert json.loads(row["payload"])["messages_omitted"] == 5


def test_bad_scopes_are_refused_and_change_nothing(team: Team, tmp_path: Path) -> None:
    alice, _contact = store_with_evidence(team, tmp_path / "in")
    pending = contacts.request_contact(
        alice,
        case_no=CASE,
        channel="wechat",
        handle="wxid_pending",
        display_name="待审批",
        reason="debtor's spouse added us",
        documents=supporting_documents(tmp_path / "pending"),
    )
    lee = team.login("lee")
    before = ledger_size(lee)
    with pytest.raises(RuleViolation, match=r"contact\.approved"):
        bundle.export_bundle(
            lee, Scope(CASE, contact_ids=(pending.id,)), tmp_path / "o1", recipient=COURT
        )
    with pytest.raises(BadInput, match="--from"):
        bundle.export_bundle(
            lee, Scope(CASE, date_from="2026-13-01"), tmp_path / "o2", recipient=COURT
        )
    with pytest.raises(BadInput, match="after --to"):
        bundle.export_bundle(
            lee,
            Scope(CASE, date_from="2026-02-01", date_to="2026-01-01"),
            tmp_path / "o3",
            recipient=COURT,
        )
    with pytest.raises(RuleViolation, match=r"bundle\.empty"):
        cases_session = team.login("alice")
        from evidence_desk.services import cases

        cases.create_case(cases_session, "2026-EMPTY", debtor_name="无")
        bundle.export_bundle(lee, Scope("2026-EMPTY"), tmp_path / "o4", recipient=COURT)
    assert ledger_size(lee) == before + 1  # only the case creation above
    assert not any((tmp_path / f"o{n}").exists() for n in range(1, 5))


def test_volumes_split_at_the_page_cap_with_continuous_numbers(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in", extra_messages=700)
    result = export(team, tmp_path / "out", Scope(CASE, page_cap=20))
    assert result.pages > 20 and len(result.pdf_paths) == (result.pages - 1) // 20 + 1
    readers = [PdfReader(p) for p in result.pdf_paths]
    assert [len(r.pages) for r in readers[:-1]] == [20] * (len(readers) - 1)
    second = "".join(readers[1].pages[0].extract_text().split())
    assert "第B1页" in second and f"全包第21/{result.pages}页" in second
    assert readers[1].outline  # each volume has its own bookmarks
    report = verify_kit(result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_tags_select_messages_and_tags_and_conduct_checks_fill_the_annex(
    team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import reading, review

    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    # the texts are sealed under the case key: read them through the service
    rows = reading.list_messages(alice, contact_id)
    promise = next(r.rowid for r in rows if "5000" in r.text and "先还" in r.text)
    review.tag_message(team.login("lee"), promise, "promise_to_pay", "1 月 20 日还 5000")
    result = export(team, tmp_path / "out", Scope(CASE, tagged_only=True))
    assert result.messages_included == 1 and result.messages_omitted == 4
    text = pdf_text(result.pdf_paths[0])
    compact = "".join(text.split())
    assert "我1月20号先还5000" in compact and "知道了" not in compact
    # the annex row names the tag in the bundle's language (zh_CN), never its code
    assert "还款承诺·lee·1月20日还5000" in compact and "promise_to_pay" not in compact
    assert compact.count("未标记") == 4  # each omitted message is listed with its reason
    assert verify_kit(result.kit_path).intact


def test_the_transcript_shows_each_messages_sealed_sender_and_locator(
    team: Team, tmp_path: Path
) -> None:
    """Senders are sealed in the message's one ciphertext and locators in the import's sealed
    list (services/case_keys.py): the bundle opens both."""
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    assert {str(r[0]) for r in alice.conn.execute("SELECT locator FROM message_sources")} == {""}
    result = export(team, tmp_path / "out")
    compact = "".join(pdf_text(result.pdf_paths[0]).split())
    name = "".join(CHAT_NAME.split())
    for line in range(1, 6):
        assert f"{name}第{line}行" in compact, line  # the locator in the bundle's language
    assert "LiMing·" in compact and "ChenLixin·" in compact
    assert verify_kit(result.kit_path).intact
    assert contact_id


# -- each original points at the entry that added it to its own contact ---------------------------


def _kit_manifest(kit_path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(kit_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith("/evidence-manifest.json"))
        manifest: dict[str, Any] = json.loads(zf.read(name))
    return manifest


def _pointers(session: Session, kit_path: Path) -> list[tuple[str, str, str, int]]:
    """(exhibit contact, original sha256, role, ledger_seq) of every original in the kit, after
    checking that the entry it points at names that contact and those bytes."""
    out = []
    for exhibit in _kit_manifest(kit_path)["exhibits"]:
        for original in exhibit["originals"]:
            seq = original["ledger_seq"]
            row = session.conn.execute(
                "SELECT action, payload FROM ledger WHERE seq = ?", (seq,)
            ).fetchone()
            payload = json.loads(row["payload"])
            assert row["action"] in ("contact.request", "evidence.attach", "evidence.import")
            assert payload["contact_id"] == exhibit["contact_id"], (exhibit["id"], original)
            assert original["sha256"] in row["payload"]
            out.append((exhibit["contact_id"], original["sha256"], original["role"], seq))
    return out


def _assert_kit_intact(kit_path: Path) -> None:
    report = verify_kit(kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_one_identity_proof_given_for_two_requests_points_at_each_contacts_own_entry(
    team: Team, tmp_path: Path
) -> None:
    """The debtor's ID card, given for a WeChat and a WhatsApp request on one case: the bundle
    of the approved contact points at *its* attach entries, not the other request's, so the kit
    verifies although the other (still pending) contact is outside the bundle."""
    alice = team.login("alice")
    cases.create_case(alice, CASE, debtor_name="陈立新")
    shared = supporting_documents(tmp_path / "docs", tag="shared")
    requested = []
    for channel, handle in (("wechat", "wxid_chenlixin"), ("whatsapp", "+8613800000000")):
        contact = contacts.request_contact(
            alice,
            case_no=CASE,
            channel=channel,
            handle=handle,
            display_name="Chen Lixin",
            reason="the debtor added us on both channels",
            consent=True,
        )
        for role, path in shared:
            contacts.attach_documents(alice, contact.id, [path], role=role)
        requested.append(contact.id)
    _pending, approved = requested
    contacts.approve(team.login("sam"), approved, "identity and debt confirmed")
    result = export(team, tmp_path / "out")
    _assert_kit_intact(result.kit_path)
    pointers = _pointers(team.login("lee"), result.kit_path)
    assert {contact for contact, *_ in pointers} == {approved}
    assert sorted(role for _c, _s, role, _q in pointers) == ["debt_confirmation", "identity_proof"]


def test_one_export_imported_for_two_contacts_points_at_each_contacts_own_import(
    team: Team, tmp_path: Path
) -> None:
    """The same chat export imported for two contacts: a bundle of the second contact alone
    points at the second import, which is in its ledger slice."""
    alice, first = store_with_evidence(team, tmp_path / "in")
    _staff, second = approved_contact(
        team, tmp_path / "second", case_no=CASE, channel="wechat", handle="wxid_chenlixin"
    )
    again = importing.import_files(alice, second, [tmp_path / "in" / CHAT_NAME], tz="Asia/Shanghai")
    assert again.ledger_seq is not None
    result = export(team, tmp_path / "out", Scope(CASE, contact_ids=(second,)))
    _assert_kit_intact(result.kit_path)
    pointers = _pointers(team.login("lee"), result.kit_path)
    assert {contact for contact, *_ in pointers} == {second}
    assert [seq for _c, _s, role, seq in pointers if role == "chat_export"] == [again.ledger_seq]
    # both contacts together: each exhibit still points at its own contact's import
    both = export(team, tmp_path / "both")
    _assert_kit_intact(both.kit_path)
    chats = {
        c: seq
        for c, _s, role, seq in _pointers(team.login("lee"), both.kit_path)
        if role == "chat_export"
    }
    assert chats[second] == again.ledger_seq and chats[first] < again.ledger_seq


def test_bytes_added_twice_to_one_contact_point_at_the_entry_of_each_item(
    team: Team, tmp_path: Path
) -> None:
    """The same document attached twice gives two items, each pointing at the entry that added
    it; an identical re-import adds no item and leaves the pointer at the first import."""
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    chat = tmp_path / "in" / CHAT_NAME
    again = importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    assert again.ledger_seq is None and "already imported" in again.notices[0]
    note = tmp_path / "receipt.txt"
    note.write_text("还款凭证 repayment receipt\n", encoding="utf-8")
    contacts.attach_documents(alice, contact_id, [note])
    seq_one = ledger_size(alice)
    contacts.attach_documents(alice, contact_id, [note])
    seq_two = ledger_size(alice)
    result = export(team, tmp_path / "out")
    _assert_kit_intact(result.kit_path)
    pointers = _pointers(team.login("lee"), result.kit_path)
    receipt = hashlib.sha256(note.read_bytes()).hexdigest()
    assert sorted(seq for _c, sha, _r, seq in pointers if sha == receipt) == [seq_one, seq_two]
    imported = alice.conn.execute(
        "SELECT seq FROM ledger WHERE action = 'evidence.import' ORDER BY seq"
    ).fetchall()
    chat_seq = [seq for _c, _s, role, seq in pointers if role == "chat_export"]
    assert chat_seq == [imported[0]["seq"]]  # the first of the two imports (chat, screenshot)


def test_the_conduct_annex_is_said_in_the_bundles_language(team: Team, tmp_path: Path) -> None:
    """The annex's conduct rows are coded Phrases: a Chinese bundle shows the .ts Chinese of
    each rule title and state, an English one the CLI's English."""
    from evidence_desk import translations
    from tests import conduct_scenario

    conduct_scenario.build(team, tmp_path / "in")
    lee = team.login("lee")
    compact = {}
    for language in ("zh_CN", "en"):
        scope = Scope(conduct_scenario.CASE, language=language)
        result = bundle.export_bundle(lee, scope, tmp_path / language, recipient=COURT)
        text = pdf_text(result.pdf_paths[0])
        compact[language] = "".join(text.split())
    title = translations.translated_template("conduct.title_cc6", "zh_CN")
    assert title is not None and f"CC-6{title}" in compact["zh_CN"]
    assert "·尚未确认" in compact["zh_CN"] and "forbiddenwording" not in compact["zh_CN"]
    assert "CC-6forbiddenwording" in compact["en"] and "·open" in compact["en"]
