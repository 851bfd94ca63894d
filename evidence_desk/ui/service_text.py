"""What the services and importers word in English, said in the interface language.

The services must not import Qt, so they word what they find in English from catalogues
(:mod:`evidence_desk.domain.wording`): each sentence is a ``Phrase`` that carries a stable code
and the facts it was made of. The translated template of each code is not here: it is the
code's entry in the ``Wording`` context of the .ts (``scripts/translations.py`` generates one per
catalogue code, source = the English template, disambiguation = the code), which Qt looks up
(:func:`template`). This module only formats the facts: facts that are stored codes (statuses,
channels, roles, format names...) are shown through their labels, facts that are themselves
Phrases are said in turn, and locators (``line 12``, ``row 5 (line 7)``) and field names are
put in words. It falls back to the English sentence when the interface is English or a code has
no translation.

One function per kind of text, so a screen says what it shows: :func:`detection_reason`,
:func:`problem`, :func:`repair`, :func:`conduct_finding`, :func:`conduct_note`, :func:`notice`,
:func:`stamp_attempts` and :func:`error_detail`; :func:`phrase` and :func:`locator` say any
other sentence or place (a verify finding's detail and location).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from evidence_desk import translations
from evidence_desk.domain import shown_instants, wording
from evidence_desk.domain.errors import BadInput, EvidenceDeskError, PermissionDenied, RuleViolation
from evidence_desk.domain.wording import Phrase
from evidence_desk.importers.base import ParseProblem
from evidence_desk.ui import i18n
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import (
    action_label,
    channel_label,
    format_label,
    item_role_label,
    kind_label,
    permission_label,
    relation_label,
    status_label,
)
from evidence_desk.ui.roles import role_name

# -- the kinds of text ----------------------------------------------------------------------------


def detection_reason(reason: str) -> str:
    """Why an importer took a file (the import wizard's "Why" row)."""
    return phrase(reason)


def problem(item: ParseProblem | str) -> str:
    """A parse problem: a ``ParseProblem``, or a preview's "file locator: reason" line."""
    if isinstance(item, ParseProblem):
        if _english():
            return f"{item.file} {item.locator}: {item.reason}"
        return _args(
            QCoreApplication.translate("ServiceText", "%1 %2: %3"),
            item.file,
            locator(item.locator),
            phrase(item.reason),
        )
    return phrase(item)


def repair(note: str) -> str:
    """What an importer repaired on a parsing copy (the stored original is unchanged)."""
    return phrase(note)


def conduct_finding(text: str) -> str:
    """A conduct finding's rule title or detail (``ConductFinding.title`` / ``.detail``). In
    English it is the CLI's sentence; translated, its stored instants are local minute times
    like the findings' Time column, and message kinds, relations and channels their labels."""
    return phrase(text)


def conduct_note(note: str) -> str:
    """A conduct report's note on a rule that could not run fully."""
    return phrase(note)


def notice(note: str) -> str:
    """A notice beside an import's or a bundle's result (gaps, duplicates, missing stamps)."""
    return phrase(note)


def stamp_attempts(attempts: Sequence[tuple[str, str]]) -> str:
    """Failed time-stamp requests, each authority's name and why (``StampOutcome.attempts``)."""
    if _english():
        return "; ".join(f"{name}: {reason}" for name, reason in attempts)
    each = QCoreApplication.translate("ServiceText", "%1: %2")
    return QCoreApplication.translate("ServiceText", "; ").join(
        _args(each, name, phrase(reason)) for name, reason in attempts
    )


def refusal(detail: str) -> str:
    """A rule's refusal (a ``RuleViolation``'s detail): in English the service's sentence with
    its instants read as local times to the second (domain/shown_instants.py; the fraction when
    two would read the same), translated as :func:`phrase` says it (instants likewise)."""
    if _english() or _template(detail) is None:
        return shown_instants.english(detail)
    return phrase(detail)


def error_detail(error: BaseException) -> str:
    """The detail line under an error's headline: what was refused and why (its instants read
    as local times, as in :func:`refusal`)."""
    if not isinstance(error, EvidenceDeskError):
        return f"{type(error).__name__}: {error}"
    if _english() or _template(error.detail) is None:
        return shown_instants.english(error.message, error.detail)
    detail = phrase(error.detail)
    if isinstance(error, BadInput):
        separator = QCoreApplication.translate("ServiceText", ": ")
        fields = _field_names()
        if error.file in fields and error.locator and error.locator not in fields:
            # a field and the value given for it: channel "fax": must be one of ...
            where = _args(
                QCoreApplication.translate("ServiceText", '%1 "%2"'),
                fields[error.file],
                error.locator,
            )
            return separator.join([where, detail])
        parts = [_where(error.file)]
        if error.locator:
            parts.append(_where(error.locator))
        return separator.join([*parts, detail])
    if isinstance(error, RuleViolation) and not isinstance(error, PermissionDenied):
        return _args(QCoreApplication.translate("ServiceText", "%1 (rule %2)"), detail, error.rule)
    return detail


# -- filling in a template ------------------------------------------------------------------------


def phrase(text: str) -> str:
    """Any service sentence in the interface language; the English when the interface is
    English or the sentence has no code or no translation."""
    return _phrase(text, None)


def _phrase(text: str, said: dict[str, str] | None) -> str:
    """:func:`phrase`, with ``said``: the instants of the whole sentence (nested ones too) as
    shown, worked out once at the top so that a fraction shown in one part shows in all."""
    template = None if _english() else _template(text)
    if template is None:
        return str(text)
    assert isinstance(text, Phrase)
    if said is None:
        said = shown_instants.shown(shown_instants.instants(text))
    facts = {name: _fact(name, value, said) for name, value in text.facts}
    # one pass, so that a value holding "{name}" (a quoted chat line) is never filled in again;
    # a plural form ({count:form|forms}) counts the stored fact, not its label
    return translations.fill(template, facts, dict(text.facts))


def _args(template: str, *values: str) -> str:
    """Fill ``%1``, ``%2``... in one pass."""
    return re.sub(r"%(\d)", lambda match: values[int(match.group(1)) - 1], template)


def _english() -> bool:
    return i18n.language() == "en"


def _template(text: str) -> str | None:
    """The translated template of a coded sentence: the catalogue's entry in the .ts, which
    Qt finds by the English template and the code; None when Qt has no translation for it."""
    if not isinstance(text, Phrase) or not text.code:
        return None
    return template(text.code)


def template(code: str) -> str | None:
    """The interface language's template of a catalogue code; None when there is none."""
    english = wording.template(code)
    if english is None:
        return None
    said = QCoreApplication.translate(translations.CONTEXT, english, code)
    # Qt answers the English itself when it has no translation: filling that in is the English
    # sentence only when it has no conversions or format specs ({value!r}) and no {{ escapes
    return None if said == english and not _plain(english) else said


def _plain(english: str) -> bool:
    if "{{" in english or "}}" in english:
        return False
    parsed = string.Formatter().parse(english)
    return all(not spec and not conversion for _text, _name, spec, conversion in parsed)


def _fact(name: str, value: str, said: dict[str, str]) -> str:
    if isinstance(value, Phrase) and value.code:
        return _phrase(value, said)
    label = _FACT_LABELS.get(name)
    if label is not None:
        return label(value)
    # an instant (a refusal's ``at``, a chronology's value...): a local time, not raw ISO
    return said.get(str(value), value)


def _listed(label: Callable[[str], str], separator: str = ", ") -> Callable[[str], str]:
    def each(value: str) -> str:
        glue = QCoreApplication.translate("ServiceText", ", ")
        return glue.join(label(part.strip()) for part in value.split(separator) if part.strip())

    return each


def _tag(tag: str) -> str:
    from evidence_desk.ui.labels import tag_label

    return tag_label(tag)


def _target(kind: str) -> str:
    return {
        "message": QCoreApplication.translate("ServiceText", "message"),
        "item": QCoreApplication.translate("ServiceText", "item"),
    }.get(kind, kind)


def _platform(platform: str) -> str:
    return {
        "Android": QCoreApplication.translate("ServiceText", "Android"),
        "iOS": QCoreApplication.translate("ServiceText", "iOS"),
        "mixed iOS/Android": QCoreApplication.translate("ServiceText", "mixed iOS/Android"),
    }.get(platform, platform)


def _clock(clock: str) -> str:
    return {
        "12h": QCoreApplication.translate("ServiceText", "12-hour clock"),
        "24h": QCoreApplication.translate("ServiceText", "24-hour clock"),
        "mixed 12h/24h": QCoreApplication.translate("ServiceText", "mixed 12/24-hour clock"),
    }.get(clock, clock)


def _language(code: str) -> str:
    """The language a chat export's system lines are written in (a code, or unknown)."""
    return {
        "language unknown": QCoreApplication.translate("ServiceText", "language unknown"),
        "zh": QCoreApplication.translate("ServiceText", "Chinese"),
        "en": QCoreApplication.translate("ServiceText", "English"),
        "es": QCoreApplication.translate("ServiceText", "Spanish"),
        "de": QCoreApplication.translate("ServiceText", "German"),
        "ru": QCoreApplication.translate("ServiceText", "Russian"),
        "pt": QCoreApplication.translate("ServiceText", "Portuguese"),
        "nl": QCoreApplication.translate("ServiceText", "Dutch"),
        "cs": QCoreApplication.translate("ServiceText", "Czech"),
        "fr": QCoreApplication.translate("ServiceText", "French"),
        "it": QCoreApplication.translate("ServiceText", "Italian"),
        "ja": QCoreApplication.translate("ServiceText", "Japanese"),
        "ar": QCoreApplication.translate("ServiceText", "Arabic"),
        "tr": QCoreApplication.translate("ServiceText", "Turkish"),
        "id": QCoreApplication.translate("ServiceText", "Indonesian"),
    }.get(code, code)


def _date_order(order: str) -> str:
    """``d/m``, ``d/m/y``, ``y/m/d + d/m/y``... with the letters as words."""
    words = {
        "d": QCoreApplication.translate("ServiceText", "day"),
        "m": QCoreApplication.translate("ServiceText", "month"),
        "y": QCoreApplication.translate("ServiceText", "year"),
    }
    return re.sub(r"\b[dmy]\b", lambda match: words[match.group()], order)


def _variant(name: str) -> str:
    """The WeChat export tools' formats, as the importers name them."""
    return {
        "WeChat MemoTrace TXT": QCoreApplication.translate("ServiceText", "WeChat MemoTrace TXT"),
        "WeChat WechatExporter TXT": QCoreApplication.translate(
            "ServiceText", "WeChat WechatExporter TXT"
        ),
        "MemoTrace CSV": QCoreApplication.translate("ServiceText", "MemoTrace CSV"),
        "PyWxDump CSV": QCoreApplication.translate("ServiceText", "PyWxDump CSV"),
        "MemoTrace HTML export": QCoreApplication.translate("ServiceText", "MemoTrace HTML export"),
        "WechatExporter HTML export": QCoreApplication.translate(
            "ServiceText", "WechatExporter HTML export"
        ),
    }.get(name, name)


def _locale(code: str) -> str:
    """The language of a LINE chat history's header."""
    return {
        "en": QCoreApplication.translate("ServiceText", "English"),
        "zh-CN": QCoreApplication.translate("ServiceText", "Simplified Chinese"),
        "zh-TW": QCoreApplication.translate("ServiceText", "Traditional Chinese"),
        "ja": QCoreApplication.translate("ServiceText", "Japanese"),
        "th": QCoreApplication.translate("ServiceText", "Thai"),
    }.get(code, code)


def _sms_word(word: str) -> str:
    """SMS Backup & Restore's words for what a backup holds and where a message sits."""
    return {
        "messages": QCoreApplication.translate("ServiceText", "text messages"),
        "call log": QCoreApplication.translate("ServiceText", "call log"),
        "received": QCoreApplication.translate("ServiceText", "received"),
        "sent": QCoreApplication.translate("ServiceText", "sent"),
        "draft": QCoreApplication.translate("ServiceText", "draft"),
        "outbox": QCoreApplication.translate("ServiceText", "outbox"),
        "failed": QCoreApplication.translate("ServiceText", "failed"),
        "queued": QCoreApplication.translate("ServiceText", "queued"),
        "inbox": QCoreApplication.translate("ServiceText", "inbox"),
    }.get(word, word)


def _tsa_reason(reason: str) -> str:
    """Why a time-stamp request or token failed (``TsaReason`` values)."""
    return {
        "bad_request": QCoreApplication.translate("ServiceText", "invalid request"),
        "connection_failed": QCoreApplication.translate("ServiceText", "connection failed"),
        "timeout": QCoreApplication.translate("ServiceText", "timed out"),
        "http_error": QCoreApplication.translate("ServiceText", "HTTP error"),
        "malformed_response": QCoreApplication.translate("ServiceText", "malformed answer"),
        "malformed_token": QCoreApplication.translate("ServiceText", "malformed token"),
        "rejected": QCoreApplication.translate("ServiceText", "refused by the authority"),
        "unsupported_algorithm": QCoreApplication.translate("ServiceText", "unsupported algorithm"),
        "message_digest_mismatch": QCoreApplication.translate(
            "ServiceText", "message digest mismatch"
        ),
        "signer_not_found": QCoreApplication.translate(
            "ServiceText", "signing certificate not found"
        ),
        "bad_signature": QCoreApplication.translate("ServiceText", "bad signature"),
        "signing_cert_mismatch": QCoreApplication.translate(
            "ServiceText", "signing certificate mismatch"
        ),
        "signer_eku": QCoreApplication.translate(
            "ServiceText", "certificate not for time-stamping"
        ),
        "untrusted_chain": QCoreApplication.translate("ServiceText", "untrusted certificate chain"),
        "cert_not_valid": QCoreApplication.translate("ServiceText", "certificate not valid"),
        "tsa_name_mismatch": QCoreApplication.translate("ServiceText", "authority name mismatch"),
        "imprint_mismatch": QCoreApplication.translate("ServiceText", "stamped hash mismatch"),
        "nonce_mismatch": QCoreApplication.translate("ServiceText", "nonce mismatch"),
        "policy_mismatch": QCoreApplication.translate("ServiceText", "policy mismatch"),
        "gen_time_skew": QCoreApplication.translate("ServiceText", "time too far off"),
    }.get(reason, reason)


def _retire_reason(reason: str) -> str:
    """Why an admin retired a laptop (``authority.RETIRE_REASONS`` codes); any other reason is
    someone's own words and shown as written."""
    return {
        "lost": QCoreApplication.translate("ServiceText", "lost"),
        "stolen": QCoreApplication.translate("ServiceText", "stolen"),
        "replaced": QCoreApplication.translate("ServiceText", "replaced"),
        "left": QCoreApplication.translate("ServiceText", "its user left"),
    }.get(reason, reason)


def _action(action: str) -> str:
    """An ``action`` fact in words: a permission (``policy.Action``) or, in the hub's refusals
    of an entry, the entry's ledger action ("contact.approve" was shown as it is)."""
    said = permission_label(action)
    return said if said != action else action_label(action)


_FACT_LABELS: dict[str, Callable[[str], str]] = {
    "status": status_label,
    "channel": channel_label,
    "relation": relation_label,
    "role": role_name,
    "allowed": _listed(role_name),
    "action": _action,
    "roles": _listed(item_role_label, ","),
    "tag": _tag,
    "target": _target,
    "format": format_label,
    "formats": _listed(format_label),
    "platform": _platform,
    "clock": _clock,
    "language": _language,
    "order": _date_order,
    "orders": _date_order,
    "written": _date_order,
    "variant": _variant,
    "locale": _locale,
    "sms_content": _sms_word,
    "sms_type": _sms_word,
    "mms_box": _sms_word,
    "locator": lambda value: locator(value),
    "from_locator": lambda value: locator(value),
    "field": lambda value: field_name(value),
    "tsa_reason": _tsa_reason,
    "reason": _retire_reason,
    # conduct findings: the message's kind, and stored UTC instants as local minute times
    "message_kind": kind_label,
    "sent_at": local_time,
    "approved_at": local_time,
    "revoked_at": local_time,
}


# -- where: locators and field names --------------------------------------------------------------


def locator(text: str) -> str:
    """A place in a file (``line 12``, ``lines 3-5``, ``row 5 (line 7)``, ``byte 0``, a JSON
    path...) in the interface language; JSON and XML paths stay as written."""
    if isinstance(text, Phrase) and text.code:
        return phrase(text)
    if _english() or not text:
        return text
    fixed = _fixed_locators().get(text)
    if fixed is not None:
        return fixed
    patterns = _locator_patterns()
    return _NUMBERED.sub(lambda match: _numbered(match, patterns), text)


_NUMBERED = re.compile(
    r"\b(?:(lines|rows) (\d+)-(\d+)|(line) (\d+), column (\d+)|(line|row|byte|item) (\d+)"
    r"|ledger seq (\d+)(?:\.\.(\d+))?)\b"
)


def _numbered(match: re.Match[str], patterns: dict[str, str]) -> str:
    if match.group(1):
        return _args(patterns[match.group(1)], match.group(2), match.group(3))
    if match.group(4):
        return _args(patterns["column"], match.group(5), match.group(6))
    if match.group(9):
        if match.group(10):
            return _args(patterns["entries"], match.group(9), match.group(10))
        return _args(patterns["entry"], match.group(9))
    return _args(patterns[match.group(7)], match.group(8))


def _locator_patterns() -> dict[str, str]:
    return {
        "lines": QCoreApplication.translate("Locators", "lines %1-%2"),
        "rows": QCoreApplication.translate("Locators", "rows %1-%2"),
        "column": QCoreApplication.translate("Locators", "line %1, column %2"),
        "line": QCoreApplication.translate("Locators", "line %1"),
        "row": QCoreApplication.translate("Locators", "row %1"),
        "byte": QCoreApplication.translate("Locators", "byte %1"),
        "item": QCoreApplication.translate("Locators", "item %1"),
        "entry": QCoreApplication.translate("Locators", "ledger entry %1"),
        "entries": QCoreApplication.translate("Locators", "ledger entries %1-%2"),
    }


def _fixed_locators() -> dict[str, str]:
    return {
        "header": QCoreApplication.translate("Locators", "header"),
        "file name": QCoreApplication.translate("Locators", "file name"),
        "file end": QCoreApplication.translate("Locators", "file end"),
        "frames": QCoreApplication.translate("Locators", "frames"),
        "decoder": QCoreApplication.translate("Locators", "decoder"),
        "time zone": QCoreApplication.translate("Locators", "time zone"),
        "root element": QCoreApplication.translate("Locators", "root element"),
    }


def field_name(name: str) -> str:
    """A field a service refused (``BadInput``'s first part when it is not a file name)."""
    if _english():
        return name
    return _field_names().get(name, name)


def _where(value: str) -> str:
    if isinstance(value, Phrase) and value.code:
        return phrase(value)
    known = _field_names().get(value)
    return known if known is not None else locator(value)


def _field_names() -> dict[str, str]:
    return {
        "channel": QCoreApplication.translate("Fields", "channel"),
        "relation": QCoreApplication.translate("Fields", "relation"),
        "initiated_by": QCoreApplication.translate("Fields", "initiated by"),
        "handle": QCoreApplication.translate("Fields", "account"),
        "document": QCoreApplication.translate("Fields", "document"),
        "files": QCoreApplication.translate("Fields", "files"),
        "user name": QCoreApplication.translate("Fields", "user name"),
        "password": QCoreApplication.translate("Fields", "password"),
        "timezone": QCoreApplication.translate("Fields", "time zone"),
        "setting": QCoreApplication.translate("Fields", "setting"),
        "quiet_hours": QCoreApplication.translate("Fields", "quiet hours"),
        "language": QCoreApplication.translate("Fields", "language"),
        "tag": QCoreApplication.translate("Fields", "tag"),
        "note": QCoreApplication.translate("Fields", "note"),
        "limit": QCoreApplication.translate("Fields", "limit"),
        "direction": QCoreApplication.translate("Fields", "direction"),
        "tsa": QCoreApplication.translate("Fields", "time-stamp authority"),
        "--ca": QCoreApplication.translate("Fields", "root certificates"),
        "--certs": QCoreApplication.translate("Fields", "intermediate certificates"),
        "approved_accounts": QCoreApplication.translate("Fields", "approved repayment accounts"),
        "conduct_lexicon": QCoreApplication.translate("Fields", "conduct lexicon"),
        "shipped lexicon": QCoreApplication.translate("Fields", "shipped lexicon"),
        "case number": QCoreApplication.translate("Fields", "case number"),
        "case_no": QCoreApplication.translate("Fields", "case number"),
        "case edit": QCoreApplication.translate("Fields", "case edit"),
        "debtor_name": QCoreApplication.translate("Fields", "debtor name"),
        "product": QCoreApplication.translate("Fields", "product"),
        "amount_overdue": QCoreApplication.translate("Fields", "amount overdue"),
        "overdue_since": QCoreApplication.translate("Fields", "overdue since"),
        "status": QCoreApplication.translate("Fields", "status"),
        "--contact": QCoreApplication.translate("Fields", "contact"),
        "--from": QCoreApplication.translate("Fields", "from date"),
        "--to": QCoreApplication.translate("Fields", "to date"),
        "--language": QCoreApplication.translate("Fields", "bundle language"),
        "--page-cap": QCoreApplication.translate("Fields", "page cap"),
    }
