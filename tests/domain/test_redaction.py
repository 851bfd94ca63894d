"""The redaction plan: its file format, its pieces of printed text, its facts."""

from __future__ import annotations

import pytest

from evidence_desk.domain import redaction
from evidence_desk.domain.redaction import (
    ImageRegion,
    Origin,
    Reason,
    RedactionError,
    RedactionPlan,
    Segment,
    TextSpan,
    WholeMessage,
)

A = "a" * 64
B = "b" * 64


def test_segments_withhold_the_spans_and_keep_the_rest() -> None:
    text = "call 13800138000 or 13900139000 today"
    spans = [TextSpan(A, 5, 16, Reason.THIRD_PARTY), TextSpan(A, 20, 31, Reason.THIRD_PARTY)]
    assert redaction.segments(text, spans) == (
        Segment("call "),
        Segment("", Reason.THIRD_PARTY),
        Segment(" or "),
        Segment("", Reason.THIRD_PARTY),
        Segment(" today"),
    )


def test_overlapping_spans_merge_and_the_first_reason_wins() -> None:
    spans = [TextSpan(A, 2, 6, Reason.ACCOUNT), TextSpan(A, 4, 9, Reason.OTHER)]
    assert redaction.segments("0123456789", spans) == (
        Segment("01"),
        Segment("", Reason.ACCOUNT),
        Segment("9"),
    )


def test_a_span_outside_the_text_is_refused_not_drawn_elsewhere() -> None:
    with pytest.raises(RedactionError) as raised:
        redaction.segments("short", [TextSpan(A, 2, 9, Reason.OTHER)])
    assert raised.value.code == "redaction.span"


def test_a_plan_survives_its_file_and_its_facts_are_sorted() -> None:
    plan = RedactionPlan(
        spans=(TextSpan(B, 1, 3, Reason.ACCOUNT, Origin.DEFAULT), TextSpan(A, 0, 2, Reason.OTHER)),
        messages=(WholeMessage(A, Reason.PRIVILEGED, note="律师意见"),),
        regions=(ImageRegion(B, (1, 2, 30, 40), Reason.ID_NUMBER),),
        detectors={"numbers": "1"},
    )
    again = redaction.from_json(plan.to_json())
    assert again == plan
    assert plan.facts()["spans"][0][0] == A
    assert plan.spans_of(A) == (TextSpan(A, 0, 2, Reason.OTHER),)
    assert plan.withheld(A) is not None and plan.withheld(B) is None
    assert plan.regions_of(B)[0].box == (1, 2, 30, 40)


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ("{", "redaction.json"),
        (
            '{"spans": [{"message": "xyz", "start": 0, "end": 1, "reason": "TP"}]}',
            "redaction.digest",
        ),
        (
            f'{{"spans": [{{"message": "{A}", "start": 3, "end": 1, "reason": "TP"}}]}}',
            "redaction.span",
        ),
        (f'{{"messages": [{{"message": "{A}", "reason": "XX"}}]}}', "redaction.reason"),
        (
            f'{{"regions": [{{"original": "{A}", "box": [5, 5, 1, 9], "reason": "ID"}}]}}',
            "redaction.box",
        ),
    ],
)
def test_a_malformed_plan_file_names_what_is_wrong(document: str, code: str) -> None:
    with pytest.raises(RedactionError) as raised:
        redaction.from_json(document)
    assert raised.value.code == code


def test_merged_plans_keep_each_redaction_once() -> None:
    one = RedactionPlan(spans=(TextSpan(A, 0, 1, Reason.ACCOUNT, Origin.DEFAULT),))
    two = RedactionPlan(
        spans=(TextSpan(A, 0, 1, Reason.ACCOUNT, Origin.DEFAULT),),
        messages=(WholeMessage(B, Reason.IRRELEVANT),),
    )
    both = redaction.merged([one, two])
    assert len(both.spans) == 1 and len(both.messages) == 1
    assert not RedactionPlan() and both
