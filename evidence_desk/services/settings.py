"""Store-wide settings: known keys, validated, each change a ledger entry.

Settings change how evidence is interpreted (the default time zone of imports, quiet hours of the
conduct check, approval expiry), so they are recorded like any other state change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence_desk.domain import authority, retention
from evidence_desk.domain.errors import BadInput, RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.conduct_settings import (
    validate_accounts_setting,
    validate_institution_names,
    validate_lexicon_setting,
)
from evidence_desk.services.session import DatabaseState, Session, put

WITNESS_CHOICES = ("auto", "on", "off")

_said = Catalogue(
    {
        **COMMON_WORDING,
        "setting.not_zone": "not an IANA time zone (e.g. Asia/Shanghai)",
        "setting.witness": "must be auto, on or off",
        "setting.not_count": "must be a whole number, 0 or more",
        "setting.not_positive": "must be a whole number, 1 or more",
        "setting.quiet_hours": "use HH:MM-HH:MM, e.g. 22:00-08:00",
        "setting.unknown": "unknown setting (known: {known})",
    }
)


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput("timezone", value, _said("setting.not_zone")) from None
    return value


def _non_negative_int(value: str) -> str:
    if not value.isdigit():
        raise BadInput("setting", value, _said("setting.not_count"))
    return str(int(value))


def _positive_int(value: str) -> str:
    if not value.isdigit() or int(value) < 1:
        raise BadInput("setting", value, _said("setting.not_positive"))
    return str(int(value))


def _quiet_hours(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d", value):
        raise BadInput("quiet_hours", value, _said("setting.quiet_hours"))
    return value


def _language(value: str) -> str:
    if value not in ("zh_CN", "en"):
        raise BadInput("language", value, _said("input.language"))
    return value


def _text(value: str) -> str:
    return value.strip()


def _witness(value: str) -> str:
    if value not in WITNESS_CHOICES:
        raise BadInput("org_witness", value, _said("setting.witness"))
    return value


def _optional_timezone(value: str) -> str:
    return _timezone(value.strip()) if value.strip() else ""


TSA_GAP_FLAG_SETTING = "tsa_gap_flag_hours"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    default: str
    validate: Callable[[str], str]
    description: str


SETTINGS: dict[str, SettingSpec] = {
    "timezone": SettingSpec("Asia/Shanghai", _timezone, "default zone for exports' local times"),
    "language": SettingSpec("zh_CN", _language, "interface and bundle language"),
    "approval_expiry_days": SettingSpec(
        "0", _non_negative_int, "days an approval lasts (0: no expiry)"
    ),
    "quiet_hours": SettingSpec("22:00-08:00", _quiet_hours, "CC-1 window, debtor's local time"),
    "organisation": SettingSpec("", _text, "producing organisation named on bundles"),
    # services/org_checkpoints.py: cosign the organisation checkpoints this device verified
    "org_witness": SettingSpec(
        "auto", _witness, "cosign organisation checkpoints: auto (legal's devices), on, off"
    ),
    "tsa_retries": SettingSpec(
        "1", _non_negative_int, "extra attempts per TSA after a network failure, before the next"
    ),
    TSA_GAP_FLAG_SETTING: SettingSpec(
        "24",
        _positive_int,
        "bundles flag an original first time-stamped more than this many hours after its import",
    ),
    # Conduct self-check (services/conduct.py; its lexicon and accounts are validated by
    # services/conduct_settings.py).
    "conduct_timezone": SettingSpec(
        "", _optional_timezone, "debtor's zone for CC-1 quiet hours (empty: timezone)"
    ),
    "institution_names": SettingSpec(
        "",
        validate_institution_names,
        "CC-5 names and aliases of the collecting institution, | separated (empty: organisation)",
    ),
    "approved_accounts": SettingSpec(
        "", validate_accounts_setting, "CC-7 approved repayment accounts, comma separated"
    ),
    "conduct_lexicon": SettingSpec(
        "",
        validate_lexicon_setting,
        "CC-6 lexicon categories (JSON) replacing the shipped ones by name",
    ),
    # Retention (CC-9, PI-3; services/retention.py). The rule table refuses a floor under 2
    # years and a cap under the floor, here and in verify.
    retention.FLOOR_SETTING: SettingSpec(
        str(retention.DEFAULT_FLOOR_YEARS),
        _non_negative_int,
        "CC-9 years collection records are kept at least, from the last record (2 or more)",
    ),
    retention.CAP_SETTING: SettingSpec(
        str(retention.DEFAULT_CAP_YEARS),
        _non_negative_int,
        "PI-3 years a closed case is kept after closure, then deleted (at least the floor)",
    ),
}


def get(session: Session, key: str) -> str:
    session.require(Action.SETTINGS_READ)
    spec = SETTINGS.get(key)
    if spec is None:
        raise BadInput("setting", key, _said("setting.unknown", known=", ".join(sorted(SETTINGS))))
    row = session.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return spec.default if row is None else str(row["value"])


def get_int(session: Session, key: str) -> int:
    return int(get(session, key))


def all_settings(session: Session) -> dict[str, str]:
    return {key: get(session, key) for key in sorted(SETTINGS)}


def set_value(session: Session, key: str, value: str) -> str:
    session.require(Action.SETTINGS_SET)
    spec = SETTINGS.get(key)
    if spec is None:
        raise BadInput("setting", key, _said("setting.unknown", known=", ".join(sorted(SETTINGS))))
    clean = spec.validate(value)
    refused = authority.retention_setting(key, clean, DatabaseState(session.conn))
    if refused is not None:
        raise RuleViolation(refused.rule, refused.detail)
    before = get(session, key)
    session.write(
        "settings.set",
        {"key": key, "before": before},
        [put("settings", {"key": key, "value": clean})],
    )
    return clean
