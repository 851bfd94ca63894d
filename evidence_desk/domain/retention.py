"""Retention arithmetic (CC-9, PI-3): when a case's records may be destroyed.

Pure functions over RFC 3339 UTC instants, so that the services (which write the deletion date
when a case is closed) and the rule table (which ``verify`` replays to check that date) compute
it with the same code.

The deletion date of a closed case is the later of

- the closure plus ``retention_cap_years`` (PIPL art. 19: no longer than the purpose needs), and
- the case's last collection record (its opening, a contact request, an attached file or an
  import) plus ``retention_floor_years`` (CC-9: collection records are kept at least 2 years).

So the cap is measured from the closure, and the floor is never cut short by an early closure.
A legal hold blocks deletion whatever the date says.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: CC-9: collection records are kept at least this long; a lower floor is refused
STATUTORY_FLOOR_YEARS = 2
DEFAULT_FLOOR_YEARS = STATUTORY_FLOOR_YEARS
#: after closure (purpose achieved) records are kept this long, then destroyed
DEFAULT_CAP_YEARS = 5
FLOOR_SETTING = "retention_floor_years"
CAP_SETTING = "retention_cap_years"


def parse_instant(value: str) -> datetime:
    """An RFC 3339 instant as written by the services (``...Z`` or an offset), in UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def instant_text(moment: datetime) -> str:
    """The services' RFC 3339 form (UTC, microseconds, ``Z``): such strings order as the
    instants do, which the rule table relies on."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def add_years(value: str, years: int) -> str:
    """``value`` plus whole calendar years; 29 February becomes 1 March in a common year, so
    retention always runs the full years (a day late, never a day early)."""
    moment = parse_instant(value)
    try:
        shifted = moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a common year
        shifted = moment.replace(year=moment.year + years, month=3, day=1)
    return instant_text(shifted)


def deletion_date(closed_at: str, last_record: str, floor_years: int, cap_years: int) -> str:
    """The instant from which a closed case may be destroyed (see the module docstring)."""
    return max(add_years(closed_at, cap_years), add_years(last_record, floor_years))


def floor_until(last_record: str, floor_years: int, closed_floor_years: int | None) -> str:
    """The end of a case's retention floor: its last collection record plus the floor in
    force, and never less than the floor its closure recorded (``closed_floor_years``, None
    while the case is open). CC-9: a floor lowered after closing never shortens it."""
    until = add_years(last_record, floor_years)
    if closed_floor_years is not None:
        until = max(until, add_years(last_record, closed_floor_years))
    return until


def valid_years(value: object) -> int | None:
    """A retention setting's value as whole years, or None if it is not one (text of digits,
    as settings are stored)."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > 4:
        return None
    return int(value)
