"""A refusal's instants on screen (ui/service_text.py over domain/shown_instants.py), in
English and in Chinese: local times to the second with the zone (the machine's: TZ is
Asia/Shanghai here), the fraction when two would read the same, never the raw ISO instant the
facts keep."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pytest

from evidence_desk.domain import authority, hub_refusals
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services.hub_client import HubRefused
from evidence_desk.ui import errors, service_text

AT = "2026-12-06T09:13:04.123456+00:00"
SHOWN = "2026-12-06 17:13:04 UTC+08:00"
DECIDED = "2026-12-06T09:13:04.100000+00:00"
REQUESTED = "2026-12-06T09:13:04.400000+00:00"


@contextlib.contextmanager
def _in_shanghai() -> Iterator[None]:
    """The machine's local zone is Asia/Shanghai meanwhile (TZ, then as it was)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        try:
            yield
        finally:
            patch.undo()
            time.tzset()


def _retired() -> HubRefused:
    facts = {"device": "d-1", "by": "root", "at": AT, "reason": "stolen", "size": "2"}
    return HubRefused(hub_refusals.DEVICE_RETIRED, facts, status=403)


def _chronology() -> RuleViolation:
    detail = authority._said(
        "authority.chronology", column="decided_at", value=DECIDED, requested_at=REQUESTED
    )
    return RuleViolation("authority.chronology", detail)


def test_an_english_refusal_shows_its_instants_as_local_times(qapp: object) -> None:
    with _in_shanghai():
        _english_refusal()


def _english_refusal() -> None:
    refused = _retired()
    assert AT in refused.message and refused.named["at"] == AT
    detail = service_text.error_detail(refused)
    assert f"on {SHOWN}: stolen" in detail and AT not in detail, detail
    assert SHOWN in errors.describe(refused)
    close = service_text.error_detail(_chronology())
    assert close == (
        "refused by rule authority.chronology: decided_at (2026-12-06 17:13:04.100000 UTC+08:00) "
        "is before the request (2026-12-06 17:13:04.400000 UTC+08:00)"
    ), close
    assert service_text.refusal(_chronology().detail).startswith("decided_at (2026-12-06 17:13")


def test_a_chinese_refusal_shows_its_at_fact_as_a_local_time(qapp: object, chinese: None) -> None:
    with _in_shanghai():
        _chinese_refusal()


def _chinese_refusal() -> None:
    detail = service_text.error_detail(_retired())
    assert SHOWN in detail and AT not in detail and "被盗" in detail, detail
    close = service_text.error_detail(_chronology())
    assert "2026-12-06 17:13:04.100000 UTC+08:00" in close, close
    assert "2026-12-06 17:13:04.400000 UTC+08:00" in close, close
    assert "T09:13" not in close
    assert SHOWN in service_text.refusal(_retired().detail)
