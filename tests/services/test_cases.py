"""Cases: create, edit (one ledger entry each), list, search, masked ID, bulk CSV import."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.services import case_keys, cases
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log, verify_store
from evidence_desk.store import case_keys as case_key_crypto
from tests.helpers import Team, store_state

ID_NUMBER = "440301198807076543"
CHINESE_HEADER = "案件编号,债务人,身份证号,合同号,产品,逾期金额,逾期日期"


def _entries(session: Session) -> list[Any]:
    return list(iter_log(session))


def _assert_intact(session: Session) -> None:
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


# -- create / edit --------------------------------------------------------------------------------


def test_create_a_case_normalises_its_fields_and_signs_one_entry(team: Team) -> None:
    alice = team.login("alice")
    before = len(_entries(alice))
    case = cases.create_case(
        alice,
        "2026-SZ-7",
        debtor_name=" 王秀英 ",
        debtor_id_number=ID_NUMBER,
        loan_ref="HT-2026-0042",
        product="车贷",
        amount_overdue="¥12,345.6",
        overdue_since="2025/9/1",
    )
    assert case.debtor_name == "王秀英"
    assert case.product == "auto_loan"
    assert case.amount_overdue == "12345.60"
    assert case.overdue_since == "2025-09-01"
    assert case.status == "open"
    assert case.created_by == "alice"
    entries = _entries(alice)
    assert len(entries) == before + 1
    assert (entries[-1].actor, entries[-1].action) == ("alice", "case.create")
    assert cases.get_case(alice, "2026-SZ-7") == case
    _assert_intact(alice)


def test_the_id_number_is_shown_masked(team: Team) -> None:
    alice = team.login("alice")
    case = cases.create_case(alice, "C-1", debtor_name="王秀英", debtor_id_number=ID_NUMBER)
    assert case.masked_id == "440301********6543"
    assert ID_NUMBER[6:14] not in case.masked_id
    assert cases.mask_id_number("12345") == "12***"
    assert cases.mask_id_number("") == ""


def test_a_duplicate_case_is_refused_and_changes_nothing(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="王秀英")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        cases.create_case(team.login("bob"), "C-1", debtor_name="李四")
    assert refused.value.rule == "case.unique"
    assert store_state(team.path) == before


@pytest.mark.parametrize(
    ("case_no", "fields"),
    [
        ("bad\ncase", {"debtor_name": "x"}),
        ("bad\x07case", {"debtor_name": "x"}),
        ("C-1\u202e", {"debtor_name": "x"}),  # a bidi override
        (" C-1", {"debtor_name": "x"}),
        ("", {"debtor_name": "x"}),
        ("9" * 101, {"debtor_name": "x"}),
        ("C-1", {"debtor_name": "  "}),
        ("C-1", {"debtor_name": "x", "product": "mortgage"}),
        ("C-1", {"debtor_name": "x", "amount_overdue": "lots"}),
        ("C-1", {"debtor_name": "x", "amount_overdue": "-5"}),
        ("C-1", {"debtor_name": "x", "overdue_since": "2025-13-01"}),
        ("C-1", {"debtor_name": "x", "status": "forgotten"}),
    ],
)
def test_invalid_case_fields_are_bad_input(team: Team, case_no: str, fields: Any) -> None:
    alice = team.login("alice")
    before = store_state(team.path)
    with pytest.raises(BadInput):
        cases.create_case(alice, case_no, **fields)
    assert store_state(team.path) == before


@pytest.mark.parametrize(
    "case_no",
    ["（2026）沪0101民初123号", "2026/SH-01", "../x", "CON", "[2026] 粤 01 号", "9" * 100],
)
def test_case_numbers_are_kept_exactly_as_written(team: Team, case_no: str) -> None:
    alice = team.login("alice")
    cases.create_case(alice, case_no, debtor_name="王秀英")
    assert [c.case_no for c in cases.list_cases(alice)] == [case_no]


def test_each_edit_is_one_ledger_entry_recording_what_it_replaced(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="王秀英", amount_overdue="100")
    sam = team.login("sam")
    edited = cases.edit_case(sam, "C-1", amount_overdue="80.5", status="litigation")
    assert (edited.amount_overdue, edited.status) == ("80.50", "litigation")
    edited = cases.edit_case(alice, "C-1", debtor_name="王秀英(更正)")
    assert edited.debtor_name == "王秀英(更正)"
    edits = [e for e in _entries(alice) if e.action == "case.edit"]
    assert [e.actor for e in edits] == ["sam", "alice"]
    first = json.loads(edits[0].payload)
    assert first["case_no"] == "C-1"
    assert first["before"] == {"amount_overdue": "100.00", "status": "open"}
    assert first["rows"][0]["row"] == {
        "case_no": "C-1",
        "amount_overdue": "80.50",
        "status": "litigation",
    }
    # the debtor's name is sealed under the case key, in the ledger too (per-case keys)
    sealed = json.loads(edits[1].payload)["before"]["debtor_name"]
    assert "王秀英" not in sealed
    key = case_keys.case_key(alice, "C-1")
    assert key is not None
    cipher = case_key_crypto.FieldCipher(alice.folder.store_id, key)
    assert cipher.open("cases", "C-1", "debtor_name", sealed) == "王秀英"
    # an edit that changes nothing writes nothing
    count = len(_entries(alice))
    assert cases.edit_case(alice, "C-1", amount_overdue="80.50") == edited
    assert len(_entries(alice)) == count
    _assert_intact(alice)


def test_bad_edits_change_nothing(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="王秀英")
    before = store_state(team.path)
    with pytest.raises(BadInput):
        cases.edit_case(alice, "C-1", created_by="mallory")
    with pytest.raises(BadInput):
        cases.edit_case(alice, "C-1", created_at="2020-01-01T00:00:00Z")
    with pytest.raises(BadInput):
        cases.edit_case(alice, "C-1", amount_overdue="much")
    with pytest.raises(NotFound):
        cases.edit_case(alice, "C-404", amount_overdue="1")
    assert store_state(team.path) == before


def test_list_and_search(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "2026-SZ-2", debtor_name="王秀英", loan_ref="HT-0042")
    cases.create_case(alice, "2026-SZ-1", debtor_name="李四", loan_ref="HT-0007")
    cases.create_case(alice, "2026-GZ-1", debtor_name="王五", loan_ref="HT-0100")
    assert [c.case_no for c in cases.list_cases(alice)] == ["2026-GZ-1", "2026-SZ-1", "2026-SZ-2"]
    assert [c.case_no for c in cases.list_cases(alice, "王")] == ["2026-GZ-1", "2026-SZ-2"]
    assert [c.case_no for c in cases.list_cases(alice, "SZ")] == ["2026-SZ-1", "2026-SZ-2"]
    assert [c.case_no for c in cases.list_cases(alice, "HT-0007")] == ["2026-SZ-1"]
    assert cases.list_cases(alice, "nobody") == []
    with pytest.raises(NotFound):
        cases.get_case(alice, "2026-XX-1")


def test_search_matches_underscore_and_percent_literally(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "AL_2026_1", debtor_name="甲")
    cases.create_case(alice, "AL-2026-2", debtor_name="乙", loan_ref="100%-rate")
    cases.create_case(alice, "ALX2026X3", debtor_name="丙", loan_ref="1000-rate")
    assert [c.case_no for c in cases.list_cases(alice, "AL_")] == ["AL_2026_1"]
    assert [c.case_no for c in cases.list_cases(alice, "0%")] == ["AL-2026-2"]


# -- bulk import ----------------------------------------------------------------------------------


def _csv(*rows: str, header: str = CHINESE_HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


GOOD_ROWS = (
    f'2026-SZ-1,王秀英,{ID_NUMBER},HT-0042,车贷,"12,345.60",2025/9/1',
    "2026-SZ-2,李四,110101199003071234,HT-0043,网贷,￥800,2025-10-15",
)


def _check_imported(session: Session) -> None:
    found = {c.case_no: c for c in cases.list_cases(session)}
    assert set(found) == {"2026-SZ-1", "2026-SZ-2"}
    first = found["2026-SZ-1"]
    assert (first.debtor_name, first.debtor_id_number, first.loan_ref) == (
        "王秀英",
        ID_NUMBER,
        "HT-0042",
    )
    assert (first.product, first.amount_overdue, first.overdue_since) == (
        "auto_loan",
        "12345.60",
        "2025-09-01",
    )
    second = found["2026-SZ-2"]
    assert (second.product, second.amount_overdue) == ("online_loan", "800.00")
    assert first.masked_id == "440301********6543"


def test_import_utf8_with_bom_and_chinese_headers(team: Team) -> None:
    sam = team.login("sam")
    data = b"\xef\xbb\xbf" + _csv(*GOOD_ROWS).encode("utf-8")
    result = cases.import_cases_csv(sam, "cases.csv", data)
    assert result.imported == ["2026-SZ-1", "2026-SZ-2"]
    assert result.encoding == "utf-8-sig"
    _check_imported(sam)
    entries = [e for e in _entries(sam) if e.action == "case.import"]
    assert len(entries) == 1  # one entry for the whole file
    assert entries[0].actor == "sam"
    payload = json.loads(entries[0].payload)
    assert (payload["file_name"], payload["count"]) == ("cases.csv", 2)
    _assert_intact(sam)


def test_import_gb18030_with_chinese_headers(team: Team) -> None:
    ada = team.login("ada")  # an administrator loads cases from the loan system
    data = _csv(*GOOD_ROWS).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really exercises the second encoding
    result = cases.import_cases_csv(ada, "案件.csv", data)
    assert result.encoding == "gb18030"
    _check_imported(team.login("sam"))
    _assert_intact(ada)


def test_import_english_headers(team: Team) -> None:
    sam = team.login("sam")
    header = "Case Number,Debtor,ID_Number,Contract,Product,Overdue Amount,overdue_since"
    data = _csv("E-1,Wang,,L-1,auto_loan,10,2025-01-02", header=header).encode()
    result = cases.import_cases_csv(sam, "en.csv", data)
    assert (result.imported, result.encoding) == (["E-1"], "utf-8-sig")
    case = cases.get_case(sam, "E-1")
    assert (case.debtor_name, case.loan_ref, case.amount_overdue) == ("Wang", "L-1", "10.00")


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(team: Team) -> None:
    sam = team.login("sam")
    cases.create_case(sam, "2026-OLD-1", debtor_name="旧案")
    rows = (
        "2026-SZ-1,王秀英,,HT-1,车贷,100,2025-01-01",  # 2: good
        "2026-SZ-2,,,HT-2,车贷,100,2025-01-01",  # 3: no debtor
        "2026-SZ-3,张三,,HT-3,房贷,100,2025-01-01",  # 4: unknown product
        "2026-SZ-4,李四,,HT-4,车贷,很多,2025-01-01",  # 5: bad amount
        "2026-SZ-5,王五,,HT-5,车贷,100,2025-02-30",  # 6: bad date
        "2026-SZ-6,赵六,,HT-6",  # 7: too few cells
        "2026-OLD-1,旧案,,HT-7,车贷,100,2025-01-01",  # 8: already exists
        "2026-SZ-1,王秀英,,HT-1,车贷,100,2025-01-01",  # 9: twice in the file
        "2026-SZ-9,孙九,,HT-9,网贷,100,2025-01-01",  # 10: good
    )
    data = _csv(*rows).encode("gb18030")
    before = store_state(team.path)
    with pytest.raises(BadInput) as bad:
        cases.import_cases_csv(sam, "bad.csv", data)
    assert store_state(team.path) == before
    message = bad.value.message
    assert bad.value.file == "bad.csv"
    assert "nothing was imported" in message
    assert bad.value.exit_code == 4
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"row {line}:" in message
    for line in (2, 10):
        assert f"row {line}:" not in message
    assert "7 bad rows" in message
    assert "debtor_name" in message and "product" in message and "amount_overdue" in message
    assert "overdue_since" in message and "2026-OLD-1 already exists" in message
    assert "2026-SZ-1 appears twice" in message
    assert message.count("row 8") == 1  # each row named once
    assert [c.case_no for c in cases.list_cases(sam)] == ["2026-OLD-1"]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        ("合同号,产品\nHT-1,车贷\n".encode("gb18030"), "header"),
        (CHINESE_HEADER.encode() + b"\n", "no case rows"),
        (b"\xff\xfe\x00\x00binary\xff", "UTF-8"),
    ],
)
def test_unusable_files_are_bad_input(team: Team, data: bytes, fragment: str) -> None:
    sam = team.login("sam")
    before = store_state(team.path)
    with pytest.raises(BadInput) as bad:
        cases.import_cases_csv(sam, "x.csv", data)
    assert fragment in bad.value.message
    assert store_state(team.path) == before


def test_blank_lines_are_skipped(team: Team) -> None:
    sam = team.login("sam")
    data = _csv(GOOD_ROWS[0], "", ",,,,,,", GOOD_ROWS[1]).encode("utf-8")
    assert cases.import_cases_csv(sam, "c.csv", data).imported == ["2026-SZ-1", "2026-SZ-2"]


def test_a_search_never_matches_a_sealed_name_as_stored(team: Team) -> None:
    """The debtor's name is sealed (base64url ciphertext, any letters): a search matches the
    opened name only, never the stored text."""
    alice = team.login("alice")
    for n in range(12):
        cases.create_case(alice, f"C-{n}", debtor_name="王五")
    stored = " ".join(r[0] for r in alice.conn.execute("SELECT debtor_name FROM cases"))
    letters = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c in stored.upper()]
    for letter in letters:
        assert cases.list_cases(alice, f"{letter}{letter}Q") == []
        assert [c.case_no for c in cases.list_cases(alice, letter)] == [
            c for c in sorted(f"C-{n}" for n in range(12)) if letter in c
        ]
