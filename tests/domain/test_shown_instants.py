"""Instants in a worded sentence shown as a person reads them (domain/shown_instants.py): the
local date and time to the second with the zone's offset; the fraction for every instant of the
sentence when two different ones would read the same; facts that are no instant left as
written, and the Phrase's facts never changed."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from evidence_desk.domain import authority, hub_refusals, shown_instants
from evidence_desk.domain.wording import Phrase

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = "2026-12-06T09:13:04.123456+00:00"


def test_an_instant_reads_as_a_local_time_to_the_second_with_its_zone() -> None:
    retired = hub_refusals.rules(
        "hub.device_retired", device="d-1", by="root", at=AT, reason="stolen", size=2
    )
    assert AT in retired
    said = shown_instants.english(retired, zone=SHANGHAI)
    assert "retired by root on 2026-12-06 17:13:04 UTC+08:00: stolen" in said, said
    assert AT not in said and retired.fact("at") == AT  # the facts are untouched
    assert shown_instants.english(retired, zone=UTC).count("2026-12-06 09:13:04 UTC") == 1
    new_york = shown_instants.english(retired, zone=ZoneInfo("America/New_York"))
    assert "2026-12-06 04:13:04 UTC-05:00" in new_york
    # no offset, a date only, free text: not instants, left as written
    assert shown_instants.parse("2026-12-06T09:13:04") is None
    assert shown_instants.parse("2026-12-06") is None
    assert shown_instants.parse(f"at {AT}") is None
    assert shown_instants.parse("2026-12-06T09:13:04Z") == datetime(
        2026, 12, 6, 9, 13, 4, tzinfo=UTC
    )


def test_two_instants_a_rule_tells_apart_within_a_second_show_their_fraction() -> None:
    decided = "2026-12-06T09:13:04.100000+00:00"
    requested = "2026-12-06T09:13:04.400000+00:00"
    chronology = authority._said(
        "authority.chronology", column="decided_at", value=decided, requested_at=requested
    )
    said = shown_instants.english(chronology, zone=SHANGHAI)
    assert said == (
        "decided_at (2026-12-06 17:13:04.100000 UTC+08:00) is before the request "
        "(2026-12-06 17:13:04.400000 UTC+08:00)"
    ), said
    # a second apart: to the second is enough
    later = "2026-12-06T09:13:05.400000+00:00"
    apart = authority._said(
        "authority.chronology", column="decided_at", value=decided, requested_at=later
    )
    assert shown_instants.english(apart, zone=SHANGHAI) == (
        "decided_at (2026-12-06 17:13:04 UTC+08:00) is before the request "
        "(2026-12-06 17:13:05 UTC+08:00)"
    )
    # the same instant written twice, or in two offsets, is one instant: no fraction
    same = authority._said(
        "authority.chronology",
        column="decided_at",
        value="2026-12-06T17:13:04.500000+08:00",
        requested_at="2026-12-06T09:13:04.500000+00:00",
    )
    assert shown_instants.english(same, zone=SHANGHAI).count("17:13:04 UTC+08:00") == 2


def test_an_instant_in_a_nested_sentence_and_in_the_message_around_it() -> None:
    inner = Phrase(f"closed at {AT}", "retention.closed_once", (("closed_at", AT),))
    outer = Phrase(f"refused: {inner}", "x.outer", (("why", inner),))
    assert shown_instants.instants(outer) == {AT: datetime.fromisoformat(AT)}
    message = f"refused by rule case.closed: {inner}"
    assert shown_instants.english(message, inner, zone=SHANGHAI) == (
        "refused by rule case.closed: closed at 2026-12-06 17:13:04 UTC+08:00"
    )
    assert shown_instants.english("no facts here") == "no facts here"
