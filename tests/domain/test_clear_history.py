"""Which values of a history count as personal values in clear (domain/clear_history.py): the
sealed columns of the rows an entry puts, a handle that is not a digest, and the file names and
notes the contact, evidence and review entries repeat; never the documented clear columns."""

from __future__ import annotations

from evidence_desk.domain import clear_history
from evidence_desk.domain.clear_history import ClearValue


def _put(table: str, **row: object) -> dict[str, object]:
    return {"op": "put", "table": table, "row": row}


def test_sealed_values_digests_and_shredded_markers_are_not_clear() -> None:
    payload = {
        "case_no": "C-1",
        "rows": [
            _put(
                "cases", case_no="C-1", debtor_name="edk1:AAAA", debtor_id_number="", loan_ref="L-9"
            ),
            _put(
                "contacts", id="K-1", handle="hx1:00ff", display_name="[shredded]", reason="edk1:B"
            ),
        ],
    }
    assert clear_history.clear_values(3, "contact.request", payload) == []
    assert clear_history.judge([(3, "contact.request", payload)]) is None


def test_clear_rows_and_repeated_payload_fields_are_named() -> None:
    request = {
        "documents": [{"file_name": "陈立新身份证.png", "role": "identity_proof"}],
        "rows": [_put("contacts", id="K-1", handle="+8613800000000", display_name="Chen Lixin")],
    }
    found = clear_history.clear_values(9, "contact.request", request)
    assert found == [
        ClearValue(9, "contact.request", "contacts", "display_name"),
        ClearValue(9, "contact.request", "contacts", "handle"),
        ClearValue(9, "contact.request", "payload", "file_name"),
    ]
    approve = {"note": "本人确认", "rows": [_put("contacts", id="K-1", decision_note="本人确认")]}
    judged = clear_history.judge(
        [(9, "contact.request", request), (10, "contact.approve", approve)]
    )
    assert judged is not None
    assert judged.facts() == {
        "entries": 2,
        "values": 5,
        "seq": 9,
        "action": "contact.request",
        "field": "contacts.display_name",
    }


def test_the_documented_clear_columns_are_not_counted() -> None:
    """A hold's reason and a loan reference are clear by design on every device and the hub;
    a payload's ``note`` counts only in the entries that repeat a sealed note."""
    hold = {"case_no": "C-1", "reason": "陈立新诉讼", "note": "not a sealed column here"}
    edit = {"rows": [_put("cases", case_no="C-1", loan_ref="LOAN-1", product="auto")]}
    assert clear_history.judge([(4, "hold.add", hold), (5, "case.edit", edit)]) is None
