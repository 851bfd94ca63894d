"""Breach records (PIPL art. 57, PI-5) and the notice worded from them.

An administrator files what happened — its kind, cause, possible harm, the remedies taken, what
the people concerned can do, whom to contact, how many cases and people are affected, when it
was discovered — as one ``breach.add`` entry (admin only, judged by the rule table and replayed
by ``verify``). The record holds codes and facts; :func:`notice` words the art. 57 notice from
them in Chinese or English, so the notice to the people concerned and to the authority says
exactly what was recorded. docs/incident-response.md is the procedure around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from evidence_desk import translations
from evidence_desk.domain import pipl, records_key, retention
from evidence_desk.domain.errors import NotFound, RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, Phrase, semicolon_list
from evidence_desk.services import records_key as records
from evidence_desk.services import settings as settings_service
from evidence_desk.services.originals import new_id
from evidence_desk.services.session import Session, put

_said = Catalogue(
    {
        "breach.no_record": "no breach record {id}",
        "breach.bad_time": "discovered at: {value} is not a date and time (YYYY-MM-DD HH:MM)",
        # the notice (art. 57): one sentence per element the article names
        "breach.notice_title": "Notice of a personal information incident",
        "breach.notice_what": "On {discovered_at} we found an incident involving personal "
        "information we process: {kind}.",
        "breach.notice_scope": "It concerns {cases} "
        "{cases:case|cases} and about {people} {people:person|people}.",
        "breach.notice_cause": "Cause: {cause}.",
        "breach.notice_harm": "Harm it may cause: {harms}.",
        "breach.notice_remedy": "What we have done: {remedies}.",
        "breach.notice_advice": "What you can do to reduce the harm: {advice}.",
        "breach.notice_note": "Details: {note}",
        "breach.notice_contact": "Contact: {name}, telephone {phone}.",
        "breach.notice_ref": "Record {id}, filed by {filed_by} at {filed_at} (UTC).",
    }
)

#: the rule a refused record names (legal-requirements.md)
RULE = "PI-5"


@dataclass(frozen=True, slots=True)
class BreachReport:
    """What the administrator says about an incident (codes, facts and their own notes)."""

    kind: str
    cause: str
    harms: Sequence[str]
    remedies: Sequence[str]
    contact_name: str
    contact_phone: str
    cases_affected: int
    people_affected: int
    discovered_at: str  # RFC 3339
    advice: Sequence[str] = ()
    cause_note: str = ""
    harm_note: str = ""
    remedy_note: str = ""


@dataclass(frozen=True, slots=True)
class BreachRecord:
    id: str
    kind: str
    cause: str
    cause_note: str
    harms: tuple[str, ...]
    harm_note: str
    remedies: tuple[str, ...]
    remedy_note: str
    advice: tuple[str, ...]
    contact_name: str
    contact_phone: str
    cases_affected: int
    people_affected: int
    discovered_at: str
    filed_by: str
    filed_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in ((n, getattr(self, n)) for n in sorted(pipl.BREACH_COLUMNS))
        }


#: the record's notes the administrator words (they may quote a debtor): sealed to the
#: organisation's records key in the row and its entry (domain/records_key.py); the codes,
#: counts, dates and the organisation's own contact stay clear
NOTE_COLUMNS = records_key.SEALED_TEXT["breach.add"][1]


def _record(session: Session, row: dict[str, Any]) -> BreachRecord:
    place = f"breach_records/{row['id']}"
    for column in NOTE_COLUMNS:
        if isinstance(row.get(column), str):
            row[column] = records.open_text(session, place, column, row[column])
    values: dict[str, Any] = {
        name: tuple(pipl.as_list(row[name]))
        if name in ("harms", "remedies", "advice")
        else row[name]
        for name in pipl.BREACH_COLUMNS
    }
    return BreachRecord(**values)


def instant(session: Session, text: str) -> str:
    """A date and time the administrator typed (ISO 8601; without an offset, in the store's
    time zone) as an RFC 3339 UTC instant."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise RuleViolation(RULE, _said("breach.bad_time", value=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings_service.get(session, "timezone")))
    return retention.instant_text(moment)


def add(session: Session, report: BreachReport) -> BreachRecord:
    """File a breach record (admins): one ``breach.add`` entry."""
    session.require(Action.BREACH_FILE)
    row: dict[str, Any] = {
        "id": new_id("BR"),
        "kind": report.kind,
        "cause": report.cause,
        "cause_note": report.cause_note.strip(),
        "harms": pipl.list_text(report.harms),
        "harm_note": report.harm_note.strip(),
        "remedies": pipl.list_text(report.remedies),
        "remedy_note": report.remedy_note.strip(),
        "advice": pipl.list_text(report.advice),
        "contact_name": report.contact_name.strip(),
        "contact_phone": report.contact_phone.strip(),
        "cases_affected": report.cases_affected,
        "people_affected": report.people_affected,
        "discovered_at": report.discovered_at,
        "filed_by": session.user.name,
        "filed_at": session.now(),
    }
    problems = pipl.breach_problems(row)
    if problems:
        raise RuleViolation(RULE, problems[0])
    for column in NOTE_COLUMNS:
        row[column] = records.seal(session, f"breach_records/{row['id']}", column, row[column])
    session.write("breach.add", {"breach_id": row["id"]}, [put("breach_records", row)])
    return get(session, row["id"])


def list_records(session: Session) -> list[BreachRecord]:
    """Every breach record, oldest first (legal, admins, auditors)."""
    session.require(Action.BREACH_READ)
    rows = session.conn.execute("SELECT * FROM breach_records ORDER BY filed_at, id").fetchall()
    return [_record(session, dict(row)) for row in rows]


def get(session: Session, breach_id: str) -> BreachRecord:
    session.require(Action.BREACH_READ)
    row = session.conn.execute("SELECT * FROM breach_records WHERE id = ?", (breach_id,)).fetchone()
    if row is None:
        raise NotFound(_said("breach.no_record", id=breach_id))
    return _record(session, dict(row))


def _minute(instant: str) -> str:
    """An RFC 3339 UTC instant as people read it: ``2026-03-01 08:00``."""
    return instant[:16].replace("T", " ")


def _labels(kind: str, codes: Sequence[str]) -> str:
    return semicolon_list([pipl.label(kind, code) for code in codes])


def notice_phrases(record: BreachRecord) -> list[Phrase]:
    """The notice's sentences, coded: the title, then what art. 57 asks a notice to say."""
    out = [
        _said("breach.notice_title"),
        _said(
            "breach.notice_what",
            discovered_at=_minute(record.discovered_at) + " UTC",
            kind=pipl.label("breach", record.kind),
        ),
        _said("breach.notice_scope", cases=record.cases_affected, people=record.people_affected),
        _said("breach.notice_cause", cause=pipl.label("cause", record.cause)),
    ]
    if record.cause_note:
        out.append(_said("breach.notice_note", note=record.cause_note))
    out.append(_said("breach.notice_harm", harms=_labels("harm", record.harms)))
    if record.harm_note:
        out.append(_said("breach.notice_note", note=record.harm_note))
    out.append(_said("breach.notice_remedy", remedies=_labels("remedy", record.remedies)))
    if record.remedy_note:
        out.append(_said("breach.notice_note", note=record.remedy_note))
    if record.advice:
        out.append(_said("breach.notice_advice", advice=_labels("advice", record.advice)))
    out.append(_said("breach.notice_contact", name=record.contact_name, phone=record.contact_phone))
    out.append(
        _said(
            "breach.notice_ref",
            id=record.id,
            filed_by=record.filed_by,
            filed_at=_minute(record.filed_at),
        )
    )
    return out


def notice(record: BreachRecord, language: str) -> str:
    """The notice text in ``language`` (``zh_CN`` or ``en``), one paragraph a line."""
    return "\n".join(translations.say(p, language) for p in notice_phrases(record))
