"""What the services and importers word in English, said in the interface language.

The services must not import Qt, so they word what they find in English from catalogues
(:mod:`evidence_desk.domain.wording`): each sentence is a ``Phrase`` that carries a stable code
and the facts it was made of. This module holds one translated template per code
(:func:`templates`; ``{name}`` stands for the fact of that name), fills it in and falls back to
the English sentence when the interface is English or a code has no template. Facts that are
stored codes (statuses, channels, roles, format names...) are shown through their labels, facts
that are themselves Phrases are said in turn, and locators (``line 12``, ``row 5 (line 7)``)
are put in words.

One function per kind of text, so a screen says what it shows: :func:`detection_reason`,
:func:`problem`, :func:`repair`, :func:`conduct_note`, :func:`notice`, :func:`stamp_attempts`
and :func:`error_detail`; :func:`phrase` and :func:`locator` say any other sentence or place (a
verify finding's detail and location).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from evidence_desk.domain.errors import BadInput, EvidenceDeskError, PermissionDenied, RuleViolation
from evidence_desk.domain.wording import Phrase
from evidence_desk.importers.base import ParseProblem
from evidence_desk.ui import i18n
from evidence_desk.ui.labels import (
    channel_label,
    format_label,
    item_role_label,
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


def error_detail(error: BaseException) -> str:
    """The detail line under an error's headline: what was refused and why."""
    if not isinstance(error, EvidenceDeskError):
        return f"{type(error).__name__}: {error}"
    if _english() or _template(error.detail) is None:
        return error.message
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
    English or the sentence has no code or no template."""
    template = _template(text)
    if template is None or _english():
        return str(text)
    assert isinstance(text, Phrase)
    facts = {name: _fact(name, value) for name, value in text.facts}
    # one pass, so that a value holding "{name}" (a quoted chat line) is never filled in again
    return _PLACEHOLDER.sub(lambda match: facts.get(match.group(1), match.group(0)), template)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _args(template: str, *values: str) -> str:
    """Fill ``%1``, ``%2``... in one pass."""
    return re.sub(r"%(\d)", lambda match: values[int(match.group(1)) - 1], template)


def _english() -> bool:
    return i18n.language() == "en"


def _template(text: str) -> str | None:
    if not isinstance(text, Phrase) or not text.code:
        return None
    return templates().get(text.code)


def _fact(name: str, value: str) -> str:
    if isinstance(value, Phrase) and value.code:
        return phrase(value)
    label = _FACT_LABELS.get(name)
    return label(value) if label is not None else value


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


_FACT_LABELS: dict[str, Callable[[str], str]] = {
    "status": status_label,
    "channel": channel_label,
    "relation": relation_label,
    "role": role_name,
    "allowed": _listed(role_name),
    "action": permission_label,
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


# -- the templates --------------------------------------------------------------------------------

_cache: dict[str, dict[str, str]] = {}


def templates() -> dict[str, str]:
    """One template per wording code, in the interface language (built once per language)."""
    language = i18n.language()
    found = _cache.get(language)
    if found is None:
        found = _cache[language] = _templates()
    return found


def _templates() -> dict[str, str]:
    """Every code the services and importers can emit (``wording.codes()``), by kind of text:
    detection reasons, importer refusals and problems, repairs, then the services' refusals
    and notices."""
    return {
        # detect.*
        "detect.generic": QCoreApplication.translate("Importers", "looks like {format}"),
        "detect.fallback": QCoreApplication.translate("Importers", "{reason} (generic fallback)"),
        "detect.ambiguous": QCoreApplication.translate(
            "Importers", "several formats match this file: {formats}; choose one"
        ),
        "detect.nothing": QCoreApplication.translate("Importers", "no importer recognised {file}"),
        "detect.nothing_missing": QCoreApplication.translate(
            "Importers",
            "no importer recognised {file} (importers missing from this build: {missing})",
        ),
        "detect.forced": QCoreApplication.translate("Importers", "forced: {format}"),
        # import.*
        "import.empty_file": QCoreApplication.translate("Importers", "empty file"),
        "import.invalid_json": QCoreApplication.translate("Importers", "invalid JSON: {error}"),
        "import.json_too_deep": QCoreApplication.translate("Importers", "JSON nested too deeply"),
        "import.unknown_zone": QCoreApplication.translate(
            "Importers", "unknown IANA time zone {tz}"
        ),
        "import.detected_in_member": QCoreApplication.translate(
            "Importers", "{reason} in {member}"
        ),
        "import.detected_chat_file": QCoreApplication.translate(
            "Importers", "{reason}; chat file {member}"
        ),
        "import.importer_failed": QCoreApplication.translate(
            "Importers", "the {format} importer could not read this file ({error})"
        ),
        "import.problem": QCoreApplication.translate("Services", "{file} {locator}: {reason}"),
        "import.cancelled": QCoreApplication.translate(
            "Services", "import cancelled by the user; nothing was stored"
        ),
        "import.already_imported": QCoreApplication.translate(
            "Services", "{file}: identical bytes were already imported; skipped"
        ),
        "import.raced": QCoreApplication.translate(
            "Services",
            "another import of this contact committed while this one was being prepared; "
            "nothing was stored: run the import again",
        ),
        "import.gap": QCoreApplication.translate(
            "Services",
            "gap between exports: nothing from {from_time} ({from_file}) to {to_time} ({to_file})",
        ),
        "import.where": QCoreApplication.translate("Services", "import {import_id} ({file})"),
        "import.where_message": QCoreApplication.translate("Services", "{where} {locator}"),
        "import.where_row": QCoreApplication.translate("Services", "message rowid {rowid}"),
        "import.where_row_in": QCoreApplication.translate(
            "Services", "message rowid {rowid} ({where} {locator})"
        ),
        "import.where_row_at": QCoreApplication.translate(
            "Services", "message rowid {rowid} ({where} position {position})"
        ),
        "import.no_longer_parses": QCoreApplication.translate(
            "Services", "the stored original no longer parses: {error}"
        ),
        "import.parser_changed": QCoreApplication.translate(
            "Services",
            "stored with parser {stored}, this build has {current}: messages not re-derived",
        ),
        "import.normalised_differs": QCoreApplication.translate(
            "Services", "re-parsing the original gives a different result than at import"
        ),
        "import.name_encoding_differs": QCoreApplication.translate(
            "Services",
            "the zip's member names read as {current} now, the import recorded {stored}",
        ),
        "import.outside_app": QCoreApplication.translate(
            "Services", "message is not produced by any stored original (inserted outside the app)"
        ),
        "import.message_missing": QCoreApplication.translate(
            "Services", "a message of the original is missing from the store"
        ),
        "import.message_changed": QCoreApplication.translate(
            "Services", "column(s) {columns} differ from the original"
        ),
        "import.not_in_original": QCoreApplication.translate(
            "Services", "linked to this import but not in the original"
        ),
        "import.commitments": QCoreApplication.translate(
            "Services",
            "the Merkle root of message commitments does not match the signed import entry",
        ),
        # text.*
        "text.nul_byte": QCoreApplication.translate(
            "Importers", "binary data (NUL byte) in a text export"
        ),
        "text.not_text": QCoreApplication.translate(
            "Importers", "not valid UTF-8, UTF-16 or GB18030 text"
        ),
        "text.invalid_encoding": QCoreApplication.translate("Importers", "invalid {encoding} text"),
        "text.line_too_long": QCoreApplication.translate(
            "Importers", "line longer than {limit} characters"
        ),
        # archive.*
        "archive.no_member": QCoreApplication.translate("Importers", "no such member"),
        "archive.cannot_open": QCoreApplication.translate("Importers", "cannot open: {error}"),
        "archive.cannot_read": QCoreApplication.translate("Importers", "cannot read: {error}"),
        "archive.cannot_open_folder": QCoreApplication.translate(
            "Importers", "cannot open folder: {error}"
        ),
        "archive.cannot_list": QCoreApplication.translate("Importers", "cannot list: {error}"),
        "archive.file_too_big": QCoreApplication.translate(
            "Importers", "file is {size} bytes, above the cap of {cap}"
        ),
        "archive.corrupt_zip": QCoreApplication.translate(
            "Importers", "not a readable zip (truncated or corrupt): {error}"
        ),
        "archive.too_many_members": QCoreApplication.translate(
            "Importers", "{count} members, above the cap of {cap}"
        ),
        "archive.duplicate_member": QCoreApplication.translate(
            "Importers", "duplicate member name"
        ),
        "archive.zip_too_big": QCoreApplication.translate(
            "Importers", "total uncompressed size exceeds the cap of {cap} bytes"
        ),
        "archive.nested": QCoreApplication.translate(
            "Importers", "nested archive; not opened recursively"
        ),
        "archive.only_nested": QCoreApplication.translate(
            "Importers",
            "the zip holds only another archive, which is not opened recursively; extract it "
            "and import that archive directly",
        ),
        "archive.link_outside": QCoreApplication.translate(
            "Importers", "symbolic link points outside the folder"
        ),
        "archive.not_regular": QCoreApplication.translate("Importers", "not a regular file"),
        "archive.too_many_files": QCoreApplication.translate(
            "Importers", "more than {cap} files in the folder"
        ),
        "archive.folder_too_big": QCoreApplication.translate(
            "Importers", "total size exceeds the cap of {cap} bytes"
        ),
        "archive.nul_in_name": QCoreApplication.translate("Importers", "NUL byte in member name"),
        "archive.absolute_path": QCoreApplication.translate(
            "Importers", "unsafe member path (absolute)"
        ),
        "archive.drive_letter": QCoreApplication.translate(
            "Importers", "unsafe member path (drive letter)"
        ),
        "archive.parent_path": QCoreApplication.translate(
            "Importers", "unsafe member path (parent directory '..')"
        ),
        "archive.empty_name": QCoreApplication.translate("Importers", "empty member name"),
        "archive.encrypted": QCoreApplication.translate(
            "Importers", "encrypted member; cannot be read"
        ),
        "archive.compression": QCoreApplication.translate(
            "Importers", "unsupported compression method {method}"
        ),
        "archive.symlink_member": QCoreApplication.translate("Importers", "symbolic link member"),
        "archive.member_too_big": QCoreApplication.translate(
            "Importers", "member is {size} bytes, above the cap of {cap}"
        ),
        "archive.ratio": QCoreApplication.translate(
            "Importers", "compression ratio {ratio}:1 exceeds {cap}:1 (zip bomb?)"
        ),
        "archive.no_local_header": QCoreApplication.translate(
            "Importers", "local header missing (truncated or corrupt zip)"
        ),
        "archive.past_end": QCoreApplication.translate(
            "Importers", "member data runs past the end of the zip"
        ),
        "archive.overlap": QCoreApplication.translate(
            "Importers", "overlapping members (several entries share data; zip bomb?)"
        ),
        "archive.expands": QCoreApplication.translate(
            "Importers", "member expands beyond its declared {cap} bytes"
        ),
        "archive.corrupt_member": QCoreApplication.translate(
            "Importers", "corrupt member: {error}"
        ),
        "archive.size_mismatch": QCoreApplication.translate(
            "Importers", "member is {size} bytes, its header declares {cap}"
        ),
        "archive.file_grew": QCoreApplication.translate(
            "Importers", "file grew above the cap of {cap} bytes"
        ),
        # csv.*
        "csv.unterminated_quote": QCoreApplication.translate(
            "Importers", "unterminated quoted field: the file is truncated or damaged"
        ),
        "csv.unreadable": QCoreApplication.translate("Importers", "unreadable CSV: {error}"),
        "csv.no_header": QCoreApplication.translate("Importers", "empty file: no CSV header"),
        "csv.gb18030": QCoreApplication.translate(
            "Importers",
            "decoded as GB18030: the file is not UTF-8 (typically re-saved by Excel on a "
            "Chinese Windows); the stored original is unchanged",
        ),
        "csv.detected_auto": QCoreApplication.translate(
            "Importers",
            "generic CSV, {encoding}, {columns} columns, auto-mapped {time}/{sender}/{text}",
        ),
        "csv.detected_mapped": QCoreApplication.translate(
            "Importers", "generic CSV, {encoding}, {columns} columns, mapped {time}/{sender}/{text}"
        ),
        "csv.detected": QCoreApplication.translate(
            "Importers", "generic CSV, {encoding}, {columns} columns"
        ),
        "csv.no_mapping": QCoreApplication.translate(
            "Importers",
            "no column mapping given and the header does not name time, sender and text "
            "columns: {header}",
        ),
        "csv.mapped_missing": QCoreApplication.translate(
            "Importers", "mapped column(s) {missing} not in the header: {header}"
        ),
        "csv.no_rows": QCoreApplication.translate("Importers", "no data rows after the header"),
        "csv.row_width": QCoreApplication.translate(
            "Importers", "row has {fields} fields, the header has {width}"
        ),
        "csv.time_mismatch_format": QCoreApplication.translate(
            "Importers",
            "time {time} does not match {pattern}; row kept as unknown with the previous "
            "row's time",
        ),
        "csv.time_mismatch": QCoreApplication.translate(
            "Importers",
            "time {time} does not match ISO-8601 or unix time; row kept as unknown with the "
            "previous row's time",
        ),
        "csv.mapping_wrong": QCoreApplication.translate(
            "Importers",
            "{failures} of {rows} rows have an unreadable time: the time column or format in "
            "the mapping is wrong",
        ),
        "csv.text_missing": QCoreApplication.translate(
            "Importers", "text column missing in this row"
        ),
        "csv.direction_unknown": QCoreApplication.translate(
            "Importers", "direction value {value} is neither in nor out"
        ),
        # time.*
        "time.dst_overlap": QCoreApplication.translate(
            "Importers",
            "ambiguous local time {time} in {zone} (DST overlap): took the earlier instant",
        ),
        "time.dst_gap": QCoreApplication.translate(
            "Importers",
            "nonexistent local time {time} in {zone} (DST gap): read with the offset before "
            "the change",
        ),
        # image.*
        "image.detected": QCoreApplication.translate(
            "Importers", "{format} image (file signature)"
        ),
        "image.detected_misnamed": QCoreApplication.translate(
            "Importers", "{format} image (file signature); the file name says {claimed}"
        ),
        "image.unsupported": QCoreApplication.translate(
            "Importers",
            "{format} images are not supported; save the picture as JPEG or PNG and import "
            "that (keep the original file as well)",
        ),
        "image.misnamed": QCoreApplication.translate(
            "Importers", "the file name says {claimed} but the content is {format}"
        ),
        "image.too_large": QCoreApplication.translate(
            "Importers", "image is larger than the limit of {limit} pixels"
        ),
        "image.no_memory": QCoreApplication.translate(
            "Importers", "not enough memory to decode this image"
        ),
        "image.undecodable": QCoreApplication.translate(
            "Importers", "cannot decode the {format} image: {error}"
        ),
        "image.invalid": QCoreApplication.translate(
            "Importers", "the content is not a valid {format} image"
        ),
        "image.invalid_size": QCoreApplication.translate(
            "Importers", "invalid image size {width}x{height}"
        ),
        "image.too_many_pixels": QCoreApplication.translate(
            "Importers",
            "image is {width}x{height} = {pixels} pixels, more than the limit of {limit}",
        ),
        "image.frames": QCoreApplication.translate(
            "Importers", "{frames} frames; the thumbnail shows the first"
        ),
        "image.not_image_misnamed": QCoreApplication.translate(
            "Importers",
            "the file name says {claimed} but the content is not a PNG, JPEG or WebP ({head})",
        ),
        "image.not_image": QCoreApplication.translate(
            "Importers", "not a PNG, JPEG or WebP image ({head})"
        ),
        "image.png_no_end": QCoreApplication.translate(
            "Importers", "no PNG end chunk (IEND); the file may be cut"
        ),
        "image.png_trailing": QCoreApplication.translate(
            "Importers", "{count} bytes follow the PNG end chunk"
        ),
        "image.jpeg_no_end": QCoreApplication.translate(
            "Importers",
            "the file does not end with the JPEG end marker (FFD9): other data follows the "
            "image or the file is cut",
        ),
        "image.webp_trailing": QCoreApplication.translate(
            "Importers", "{count} bytes follow the WebP data"
        ),
        "image.webp_short": QCoreApplication.translate(
            "Importers", "the file is shorter than its WebP header says"
        ),
        "image.decoder_warning": QCoreApplication.translate(
            "Importers", "decoder warning: {warning}"
        ),
        "image.exif_unreadable": QCoreApplication.translate(
            "Importers", "EXIF could not be read: {error}"
        ),
        "image.exif_bad_time": QCoreApplication.translate(
            "Importers", "{value} is not a valid date and time"
        ),
        "image.exif_bad_offset": QCoreApplication.translate(
            "Importers", "{value} is not a UTC offset"
        ),
        "image.exif_offset_differs": QCoreApplication.translate(
            "Importers",
            "the EXIF offset {offset} differs from {zone} at that time ({zone_offset}); the "
            "EXIF offset is used",
        ),
        "image.exif_no_offset": QCoreApplication.translate(
            "Importers",
            "the EXIF offset {offset} differs from {zone} at that time (no offset); the EXIF "
            "offset is used",
        ),
        "image.time_gap": QCoreApplication.translate(
            "Importers", "{time} does not exist in {zone} (clock change)"
        ),
        "image.time_twice": QCoreApplication.translate(
            "Importers", "{time} occurs twice in {zone} (clock change); the first is used"
        ),
        "image.bad_orientation": QCoreApplication.translate(
            "Importers", "invalid value {value}; ignored"
        ),
        "image.gps_unreadable": QCoreApplication.translate(
            "Importers", "GPS position present but unreadable"
        ),
        # recording.*
        "recording.detected": QCoreApplication.translate(
            "Importers", "{format} recording (file signature)"
        ),
        "recording.detected_audio": QCoreApplication.translate(
            "Importers", "{format} audio recording, {duration} (file signature)"
        ),
        "recording.detected_video": QCoreApplication.translate(
            "Importers", "{format} video recording, {duration} (file signature)"
        ),
        "recording.duration_unknown": QCoreApplication.translate("Importers", "length unknown"),
        "recording.detected_misnamed": QCoreApplication.translate(
            "Importers", "{reason}; the file name says {claimed}"
        ),
        "recording.not_recording": QCoreApplication.translate(
            "Importers", "not an audio or video recording in a known format ({head})"
        ),
        "recording.not_recording_misnamed": QCoreApplication.translate(
            "Importers",
            "the file name says {claimed} but the content is not an audio or video recording "
            "in a known format ({head})",
        ),
        "recording.still_image": QCoreApplication.translate(
            "Importers",
            "the file type box names {brand}: a still picture (HEIF/AVIF), not a recording",
        ),
        "recording.damaged": QCoreApplication.translate(
            "Importers", "the {format} structure cannot be read ({error})"
        ),
        "recording.past_end": QCoreApplication.translate(
            "Importers",
            "{part} declares {size} bytes but only {left} remain: the file is cut or damaged",
        ),
        "recording.too_small": QCoreApplication.translate(
            "Importers", "{part} declares {size} bytes, less than its own {header}-byte header"
        ),
        "recording.cut": QCoreApplication.translate(
            "Importers", "the file ends inside a header ({left} bytes left)"
        ),
        "recording.too_deep": QCoreApplication.translate(
            "Importers", "nested more than {limit} levels deep"
        ),
        "recording.too_many": QCoreApplication.translate(
            "Importers", "more than {limit} boxes, chunks or elements"
        ),
        "recording.no_moov": QCoreApplication.translate(
            "Importers",
            "no movie box (moov): the recording was never finished (the app or the phone "
            "stopped before saving it) or the file is cut",
        ),
        "recording.missing_part": QCoreApplication.translate(
            "Importers", "the required {part} is missing"
        ),
        "recording.no_tracks": QCoreApplication.translate("Importers", "no audio or video track"),
        "recording.too_short": QCoreApplication.translate(
            "Importers", "{part} holds {size} bytes, fewer than the {need} its fields take"
        ),
        "recording.bad_version": QCoreApplication.translate(
            "Importers", "{part} has an unknown version {version}"
        ),
        "recording.bad_format": QCoreApplication.translate(
            "Importers", "the header says {channels} channels at {rate} Hz"
        ),
        "recording.no_audio_data": QCoreApplication.translate(
            "Importers", "no audio data chunk (data)"
        ),
        "recording.no_frame": QCoreApplication.translate("Importers", "no MPEG audio frame found"),
        "recording.ogg_bad_page": QCoreApplication.translate("Importers", "not a valid Ogg page"),
        "recording.ogg_codec": QCoreApplication.translate(
            "Importers", "the Ogg stream holds {codec}, not Opus, Vorbis, Speex or FLAC audio"
        ),
        "recording.ebml_bad_id": QCoreApplication.translate("Importers", "invalid element ID"),
        "recording.ebml_bad_size": QCoreApplication.translate("Importers", "invalid element size"),
        "recording.unknown_size": QCoreApplication.translate(
            "Importers", "{part} states no size, which only the Segment and Clusters may do"
        ),
        "recording.doctype": QCoreApplication.translate(
            "Importers", "the EBML document type is {doctype}, not Matroska or WebM"
        ),
        "recording.flac_no_streaminfo": QCoreApplication.translate(
            "Importers", "the first FLAC metadata block is not STREAMINFO"
        ),
        "recording.misnamed": QCoreApplication.translate(
            "Importers", "the file name says {claimed} but the content is {format}"
        ),
        "recording.trailing_bytes": QCoreApplication.translate(
            "Importers", "{count} bytes follow the end of the {format} data"
        ),
        "recording.data_short": QCoreApplication.translate(
            "Importers",
            "the audio data declares {declared} bytes but only {present} are present: the "
            "file is cut; the length counts the bytes present",
        ),
        "recording.size_placeholder": QCoreApplication.translate(
            "Importers",
            "the audio data chunk states no real size ({declared}): it is read to the end of "
            "the file",
        ),
        "recording.frame_cut": QCoreApplication.translate(
            "Importers", "the last frame is cut; the length counts whole frames only"
        ),
        "recording.bad_frame": QCoreApplication.translate(
            "Importers",
            "{count} bytes from here are not audio frames of this stream; the length counts "
            "the frames before them",
        ),
        "recording.duration_estimated": QCoreApplication.translate(
            "Importers",
            "the file has no frame count: the length is estimated from its size at {bitrate} "
            "kbit/s",
        ),
        "recording.mp3_short": QCoreApplication.translate(
            "Importers",
            "the frame count header says {declared} bytes of audio but {present} are present: "
            "the file is cut; the length is scaled to the bytes present",
        ),
        "recording.no_duration": QCoreApplication.translate(
            "Importers", "the file does not state its length"
        ),
        "recording.implausible_length": QCoreApplication.translate(
            "Importers",
            "the file states a length of {seconds} seconds, which cannot be right; ignored",
        ),
        "recording.bad_field": QCoreApplication.translate(
            "Importers", "{part} has an invalid value; ignored"
        ),
        "recording.ogg_cut": QCoreApplication.translate(
            "Importers", "the last Ogg page is cut; the length is read from the last complete page"
        ),
        "recording.no_audio": QCoreApplication.translate(
            "Importers", "no audio frames follow the header"
        ),
        "recording.tags_unreadable": QCoreApplication.translate(
            "Importers", "the metadata ({part}) is damaged and was not read"
        ),
        "recording.time_out_of_range": QCoreApplication.translate(
            "Importers", "{value} is not between 1970 and 2100; ignored"
        ),
        "recording.bad_time": QCoreApplication.translate(
            "Importers", "{value} is not a valid date and time"
        ),
        "recording.date_only": QCoreApplication.translate(
            "Importers", "{value} gives no time of day; no recording time is taken from it"
        ),
        "recording.time_gap": QCoreApplication.translate(
            "Importers", "{time} does not exist in {zone} (clock change)"
        ),
        "recording.time_twice": QCoreApplication.translate(
            "Importers", "{time} occurs twice in {zone} (clock change); the first is used"
        ),
        # line.*
        "line.detected_1to1": QCoreApplication.translate(
            "Importers", "LINE chat history .txt, {locale} header (1:1)"
        ),
        "line.detected_group": QCoreApplication.translate(
            "Importers", "LINE chat history .txt, {locale} header (group)"
        ),
        "line.detected_chat": QCoreApplication.translate(
            "Importers", "LINE chat history .txt, {locale} header (chat)"
        ),
        "line.detected_unknown_locale": QCoreApplication.translate(
            "Importers", "LINE chat history .txt, [LINE] header in an unknown locale"
        ),
        "line.detected_no_header": QCoreApplication.translate(
            "Importers",
            "LINE chat history .txt without header (date lines + tab-separated messages)",
        ),
        "line.detected_windows": QCoreApplication.translate(
            "Importers", "LINE for Windows 'Save chat' .txt (space-separated)"
        ),
        "line.no_history": QCoreApplication.translate(
            "Importers", "no LINE chat history .txt in this folder or zip"
        ),
        "line.several": QCoreApplication.translate(
            "Importers", "several LINE chat histories: {found}; pick one"
        ),
        "line.weekday_unknown": QCoreApplication.translate(
            "Importers", "weekday {weekday} not recognised; date read as Y/M/D"
        ),
        "line.weekday_mismatch": QCoreApplication.translate(
            "Importers", "weekday {weekday} does not match {date}"
        ),
        "line.weekday_neither": QCoreApplication.translate(
            "Importers",
            "weekday {weekday} matches neither reading of {first}/{second}/{year}; read as M/D/Y",
        ),
        "line.message_before_date": QCoreApplication.translate(
            "Importers", "message line before any date line"
        ),
        "line.space_separated": QCoreApplication.translate(
            "Importers",
            "space-separated LINE format: the sender is the header's partner name when a "
            "line starts with it, else the first word; check multi-word names",
        ),
        "line.unrecognised_before_date": QCoreApplication.translate(
            "Importers", "unrecognised line before the first date: {line}"
        ),
        "line.joined": QCoreApplication.translate(
            "Importers", "{count} line(s) without a time were joined to the message before them"
        ),
        "line.not_line": QCoreApplication.translate("Importers", "not a LINE chat history"),
        "line.unclosed_quote": QCoreApplication.translate(
            "Importers", "a quoted multi-line message is not closed; its lines are kept as written"
        ),
        "line.date_out_of_range": QCoreApplication.translate(
            "Importers", "date {date} out of range"
        ),
        "line.unrecognised": QCoreApplication.translate(
            "Importers", "unrecognised line kept as unknown"
        ),
        "line.detected_plain": QCoreApplication.translate("Importers", "LINE .txt"),
        # messenger.*
        "messenger.detected_plain": QCoreApplication.translate(
            "Importers", "Messenger/Instagram JSON"
        ),
        "messenger.detected_files": QCoreApplication.translate(
            "Importers", "{reason}, {count} files: {files}"
        ),
        "messenger.detected_download": QCoreApplication.translate(
            "Importers", "{where} JSON download ({count} message_N.json file(s))"
        ),
        "messenger.detected_html": QCoreApplication.translate(
            "Importers", "Messenger/Instagram HTML download (not readable: request JSON)"
        ),
        "messenger.detected_file": QCoreApplication.translate(
            "Importers", "{where} (messages[] with sender_name, timestamp_ms)"
        ),
        "messenger.html_download": QCoreApplication.translate(
            "Importers",
            "this is the HTML download; request 'Download your information' in JSON format",
        ),
        "messenger.no_message_file": QCoreApplication.translate(
            "Importers", "no message_N.json in this folder or zip"
        ),
        "messenger.several": QCoreApplication.translate(
            "Importers", "{count} conversations ({shown}); pick one message_N.json"
        ),
        "messenger.several_more": QCoreApplication.translate(
            "Importers", "{count} conversations ({shown} and {more} more); pick one message_N.json"
        ),
        "messenger.no_messages": QCoreApplication.translate(
            "Importers", "no 'messages' array: not a Messenger/Instagram message_N.json"
        ),
        "messenger.not_messenger": QCoreApplication.translate(
            "Importers",
            "no message has 'sender_name' or 'timestamp_ms': not a Messenger/Instagram "
            "message_N.json (another app's export? choose its format)",
        ),
        "messenger.mojibake_repaired": QCoreApplication.translate(
            "Importers",
            "{file}: re-decoded {count} mojibake string(s) (UTF-8 bytes written as \\u00XX "
            "code points) from latin-1 to UTF-8",
        ),
        "messenger.mojibake_failed": QCoreApplication.translate(
            "Importers",
            "{count} string(s) could not be re-decoded as UTF-8 and are kept as written",
        ),
        "messenger.not_object": QCoreApplication.translate(
            "Importers", "message is not a JSON object; kept as unknown"
        ),
        "messenger.unknown_type": QCoreApplication.translate(
            "Importers", "message type {type} kept as unknown"
        ),
        "messenger.empty_message": QCoreApplication.translate(
            "Importers", "message with neither content nor media kept as unknown"
        ),
        "messenger.bad_timestamp": QCoreApplication.translate(
            "Importers", "timestamp_ms {value} unreadable; placed at 1970-01-01"
        ),
        # sms.*
        "sms.detected": QCoreApplication.translate(
            "Importers", "SMS Backup & Restore XML ({sms_content}, <{root}>)"
        ),
        "sms.detected_version": QCoreApplication.translate(
            "Importers", "SMS Backup & Restore XML ({sms_content}, <{root}>, v{version})"
        ),
        "sms.detected_plain": QCoreApplication.translate("Importers", "SMS Backup & Restore XML"),
        "sms.title_several": QCoreApplication.translate(
            "Importers", "SMS backup ({count} counterparts)"
        ),
        "sms.repaired_pairs": QCoreApplication.translate(
            "Importers",
            "combined {count} surrogate-pair character reference(s) (e.g. &#55357;&#56832;) "
            "into the characters they encode",
        ),
        "sms.repaired_lone": QCoreApplication.translate(
            "Importers", "replaced {count} lone surrogate character reference(s) with U+FFFD"
        ),
        "sms.repaired_forbidden": QCoreApplication.translate(
            "Importers",
            "replaced {count} reference(s) to characters XML 1.0 forbids ({chars}) with U+FFFD",
        ),
        "sms.no_backup": QCoreApplication.translate(
            "Importers", "no SMS Backup & Restore XML in this folder or zip"
        ),
        "sms.several": QCoreApplication.translate(
            "Importers", "several SMS Backup & Restore files: {found}; pick one"
        ),
        "sms.wrong_root": QCoreApplication.translate(
            "Importers", "<{tag}> is not <smses> or <calls>: not an SMS Backup & Restore file"
        ),
        "sms.not_well_formed": QCoreApplication.translate(
            "Importers", "XML not well-formed: {error}"
        ),
        "sms.unsafe_xml": QCoreApplication.translate("Importers", "refused unsafe XML: {error}"),
        "sms.xml_encoding": QCoreApplication.translate(
            "Importers", "unsupported XML encoding: {error}"
        ),
        "sms.xml_too_deep": QCoreApplication.translate("Importers", "XML nested too deeply"),
        "sms.no_root": QCoreApplication.translate("Importers", "no root element"),
        "sms.count_mismatch": QCoreApplication.translate(
            "Importers",
            "<{tag} count={declared}> but {total} record(s) found: the file may be truncated "
            "or edited",
        ),
        "sms.unknown_element": QCoreApplication.translate(
            "Importers", "unknown element <{tag}> kept as unknown"
        ),
        "sms.date_seconds": QCoreApplication.translate(
            "Importers", "date {value} read as seconds, not milliseconds"
        ),
        "sms.unreadable_date": QCoreApplication.translate(
            "Importers", "unreadable date {value}; placed at the previous record's time"
        ),
        "sms.sms_not_delivered": QCoreApplication.translate(
            "Importers", "SMS {sms_type}: not a delivered message"
        ),
        "sms.sms_unknown_type": QCoreApplication.translate(
            "Importers", "SMS unknown type {type}: not a delivered message"
        ),
        "sms.mms_not_delivered": QCoreApplication.translate(
            "Importers", "MMS {mms_box}: not a delivered message"
        ),
        "sms.mms_unknown_box": QCoreApplication.translate(
            "Importers", "MMS unknown msg_box {box}: not a delivered message"
        ),
        "sms.mms_empty": QCoreApplication.translate(
            "Importers", "MMS with neither text nor attachment"
        ),
        "sms.undecodable_text": QCoreApplication.translate(
            "Importers", "text part with undecodable data"
        ),
        "sms.bad_base64": QCoreApplication.translate(
            "Importers", "part {name}: base64 data does not decode"
        ),
        # telegram.*
        "telegram.detected_folder": QCoreApplication.translate(
            "Importers", "Telegram Desktop export folder/zip with {member}"
        ),
        "telegram.detected_full": QCoreApplication.translate(
            "Importers", "Telegram Desktop JSON, full export (chats.list)"
        ),
        "telegram.detected_single": QCoreApplication.translate(
            "Importers", "Telegram Desktop JSON, single chat"
        ),
        "telegram.detected_single_type": QCoreApplication.translate(
            "Importers", "Telegram Desktop JSON, single chat, {chat_type}"
        ),
        "telegram.detected_plain": QCoreApplication.translate("Importers", "Telegram Desktop JSON"),
        "telegram.no_result": QCoreApplication.translate(
            "Importers", "no result.json in this folder or zip (Telegram JSON export)"
        ),
        "telegram.several_results": QCoreApplication.translate(
            "Importers", "several result.json files: {found}; pick one"
        ),
        "telegram.html": QCoreApplication.translate(
            "Importers",
            "this is an HTML file; export the chat again choosing 'Machine-readable JSON'",
        ),
        "telegram.not_object": QCoreApplication.translate(
            "Importers", "the top level is not a JSON object"
        ),
        "telegram.repaired_escapes": QCoreApplication.translate(
            "Importers",
            "replaced {count} invalid \\xHH escape(s) with \\u00HH (Telegram Desktop writer "
            "bug, tdesktop#27571)",
        ),
        "telegram.repaired_document_id": QCoreApplication.translate(
            "Importers",
            "quoted {count} unquoted document_id value(s) (Telegram Desktop writer bug, "
            "tdesktop#24961)",
        ),
        "telegram.chat_not_object": QCoreApplication.translate(
            "Importers", "a chat entry is not a JSON object"
        ),
        "telegram.not_telegram": QCoreApplication.translate(
            "Importers", "no 'messages' array and no 'chats.list': not a Telegram JSON export"
        ),
        "telegram.no_chats": QCoreApplication.translate("Importers", "the export holds no chats"),
        "telegram.several_chats": QCoreApplication.translate(
            "Importers", "the export holds {count} chats; choose one by id or name: {chats}"
        ),
        "telegram.chats_match": QCoreApplication.translate(
            "Importers", "{count} chats match {wanted}; choose by id: {chats}"
        ),
        "telegram.no_such_chat": QCoreApplication.translate(
            "Importers", "no chat with id or name {wanted}; chats: {chats}"
        ),
        "telegram.chat_list_more": QCoreApplication.translate(
            "Importers", "{chats}; and {more} more"
        ),
        "telegram.no_messages": QCoreApplication.translate(
            "Importers", "the chat has no 'messages' array"
        ),
        "telegram.not_desktop": QCoreApplication.translate(
            "Importers",
            "no message has 'date', 'date_unixtime' or a Telegram 'type': not a Telegram "
            "Desktop export (another app's JSON? choose its format)",
        ),
        "telegram.not_object_message": QCoreApplication.translate(
            "Importers", "message is not a JSON object; kept as unknown"
        ),
        "telegram.duplicate_key": QCoreApplication.translate(
            "Importers", "duplicate key {key}; later value kept as {kept} (tdesktop#28781)"
        ),
        "telegram.unknown_type": QCoreApplication.translate(
            "Importers", "message type {type} kept as unknown"
        ),
        "telegram.unixtime_range": QCoreApplication.translate(
            "Importers", "date_unixtime {value} out of range"
        ),
        "telegram.unixtime_not_number": QCoreApplication.translate(
            "Importers", "date_unixtime {value} is not a number"
        ),
        "telegram.unreadable_date": QCoreApplication.translate(
            "Importers", "unreadable date {value}"
        ),
        "telegram.no_date": QCoreApplication.translate(
            "Importers", "no date; placed at the previous message's time"
        ),
        "telegram.unreadable_date_used_unix": QCoreApplication.translate(
            "Importers", "unreadable date {value}; date_unixtime used"
        ),
        "telegram.zone_mismatch": QCoreApplication.translate(
            "Importers",
            "the 'date' text differs from date_unixtime by {offset} in zone {zone} for "
            "{count} message(s); the exporting PC was probably in another zone. "
            "date_unixtime was used",
        ),
        "telegram.zone_mismatch_more": QCoreApplication.translate(
            "Importers",
            "the 'date' text differs from date_unixtime by {amounts} further different "
            "amount(s) in {count} message(s); date_unixtime was used",
        ),
        "telegram.text_not_string": QCoreApplication.translate(
            "Importers", "'text' is neither a string nor an array; kept as JSON"
        ),
        "telegram.unreadable_part": QCoreApplication.translate(
            "Importers", "unreadable text part kept as JSON"
        ),
        # wechat.*
        "wechat.not_variant": QCoreApplication.translate("Importers", "not a {variant}"),
        "wechat.no_variant": QCoreApplication.translate(
            "Importers", "no {variant} in this folder or zip"
        ),
        "wechat.several_chats": QCoreApplication.translate(
            "Importers", "several chat files in this folder or zip: {found}; pick one"
        ),
        "wechat.detected_training": QCoreApplication.translate(
            "Importers", "WeChat MemoTrace AI-training JSON (not accepted as evidence)"
        ),
        "wechat.training_json": QCoreApplication.translate(
            "Importers",
            "MemoTrace's JSON export is an AI training set: shuffled, text only, no times or "
            "senders. It cannot serve as evidence; export CSV, TXT or HTML instead",
        ),
        "wechat.not_wechat": QCoreApplication.translate(
            "Importers",
            "not a recognised WeChat export (MemoTrace CSV/TXT/HTML, PyWxDump CSV, "
            "WechatExporter TXT/HTML)",
        ),
        # wechat_csv.*
        "wechat_csv.detected_memotrace": QCoreApplication.translate(
            "Importers", "WeChat MemoTrace CSV, {encoding}, {columns} columns"
        ),
        "wechat_csv.detected_pywxdump_msg": QCoreApplication.translate(
            "Importers", "WeChat PyWxDump CSV (msg/src columns), {encoding}, {columns} columns"
        ),
        "wechat_csv.detected_pywxdump_content": QCoreApplication.translate(
            "Importers",
            "WeChat PyWxDump CSV (older JSON content column), {encoding}, {columns} columns",
        ),
        "wechat_csv.detected_pages": QCoreApplication.translate(
            "Importers", "{reason}; {count} pages"
        ),
        "wechat_csv.missing_columns": QCoreApplication.translate(
            "Importers", "not a {variant} header: missing {missing}"
        ),
        "wechat_csv.row_width": QCoreApplication.translate(
            "Importers",
            "row has {fields} fields, the header has {width}: the file is truncated or damaged",
        ),
        "wechat_csv.no_messages": QCoreApplication.translate(
            "Importers", "no messages after the header"
        ),
        "wechat_csv.unreadable_time": QCoreApplication.translate(
            "Importers", "unreadable time {time}"
        ),
        "wechat_csv.time_out_of_range": QCoreApplication.translate(
            "Importers", "time {time} out of range"
        ),
        "wechat_csv.duplicate": QCoreApplication.translate(
            "Importers",
            "duplicate of row {row} (same time, direction, type and content); kept, decide "
            "in the preview",
        ),
        "wechat_csv.duplicate_in": QCoreApplication.translate(
            "Importers",
            "duplicate of row {row} of {file} (same time, direction, type and content); "
            "kept, decide in the preview",
        ),
        "wechat_csv.is_sender": QCoreApplication.translate(
            "Importers", "IsSender is {value}, not 0 or 1"
        ),
        "wechat_csv.type_not_number": QCoreApplication.translate(
            "Importers", "Type/SubType {type}/{subtype} are not numbers; kept as unknown"
        ),
        "wechat_csv.no_time": QCoreApplication.translate(
            "Importers", "neither CreateTime nor StrTime is readable"
        ),
        "wechat_csv.create_not_unix": QCoreApplication.translate(
            "Importers",
            "CreateTime {value} is not unix seconds (an Excel re-save?); time read from "
            "StrTime in {zone}",
        ),
        "wechat_csv.strtime_not_time": QCoreApplication.translate(
            "Importers", "StrTime {value} is not a time"
        ),
        "wechat_csv.create_out_of_range": QCoreApplication.translate(
            "Importers", "CreateTime {value} out of range"
        ),
        "wechat_csv.zone_consistent": QCoreApplication.translate(
            "Importers",
            "StrTime is consistently {shift} from CreateTime read in {zone}: the exporting "
            "PC ran in another time zone; sent_at follows CreateTime",
        ),
        "wechat_csv.zone_differs": QCoreApplication.translate(
            "Importers",
            "StrTime differs from CreateTime by {shift} in {zone}; sent_at follows CreateTime",
        ),
        "wechat_csv.zone_differs_more": QCoreApplication.translate(
            "Importers", "{count} more rows differ by {shift}"
        ),
        "wechat_csv.no_msg_column": QCoreApplication.translate(
            "Importers", "no msg or content column"
        ),
        "wechat_csv.create_range": QCoreApplication.translate(
            "Importers", "CreateTime out of range"
        ),
        "wechat_csv.content_not_json": QCoreApplication.translate(
            "Importers", "content is not the JSON {src, msg} object; kept as is"
        ),
        "wechat_csv.pages_missing": QCoreApplication.translate(
            "Importers", "rows {first}-{last} of the split export are missing"
        ),
        "wechat_csv.page_full": QCoreApplication.translate(
            "Importers",
            "page holds exactly {rows} rows: PyWxDump may have written further pages that "
            "are not in this import",
        ),
        # wechat_html.*
        "wechat_html.detected_memotrace": QCoreApplication.translate(
            "Importers", "WeChat MemoTrace HTML (embedded message array), {encoding}"
        ),
        "wechat_html.detected_exporter": QCoreApplication.translate(
            "Importers", "WeChat WechatExporter HTML, {encoding}"
        ),
        "wechat_html.detected_exporter_paged": QCoreApplication.translate(
            "Importers", "WeChat WechatExporter HTML with Files/Data pages, {encoding}"
        ),
        "wechat_html.item_not_object": QCoreApplication.translate(
            "Importers", "array item is not an object"
        ),
        "wechat_html.no_messages": QCoreApplication.translate("Importers", "no messages"),
        "wechat_html.no_array": QCoreApplication.translate(
            "Importers", "no JavaScript message array in the page"
        ),
        "wechat_html.broken_array": QCoreApplication.translate(
            "Importers", "broken message array: {error} (file truncated or edited?)"
        ),
        "wechat_html.no_memotrace_array": QCoreApplication.translate(
            "Importers", "no MemoTrace message array (chatMessages) found"
        ),
        "wechat_html.bad_timestamp": QCoreApplication.translate(
            "Importers", "missing or invalid timestamp"
        ),
        "wechat_html.no_type": QCoreApplication.translate(
            "Importers", "message has no numeric type"
        ),
        "wechat_html.unreadable_html": QCoreApplication.translate(
            "Importers", "unreadable HTML: {error}"
        ),
        "wechat_html.no_blocks": QCoreApplication.translate(
            "Importers",
            "no message blocks in the page; a paged WechatExporter export keeps them in "
            "Files/Data/msg-N.js: import the whole folder or zip",
        ),
        "wechat_html.page_not_utf8": QCoreApplication.translate(
            "Importers", "page file is not UTF-8 text"
        ),
        "wechat_html.broken_page": QCoreApplication.translate("Importers", "broken page: {error}"),
        "wechat_html.page_no_array": QCoreApplication.translate(
            "Importers", "page has no message array"
        ),
        "wechat_html.not_message_html": QCoreApplication.translate("Importers", "not message HTML"),
        "wechat_html.block_no_time": QCoreApplication.translate(
            "Importers", "message block has no time"
        ),
        "wechat_html.invalid_time": QCoreApplication.translate("Importers", "invalid time {time}"),
        "wechat_html.time_out_of_range": QCoreApplication.translate(
            "Importers", "time out of range"
        ),
        "wechat_html.notice_time_before": QCoreApplication.translate(
            "Importers",
            "system notice has no time in WechatExporter HTML; sent_at copied from "
            "{from_locator} ({time}); the true time is not before it",
        ),
        "wechat_html.notice_time_after": QCoreApplication.translate(
            "Importers",
            "system notice has no time in WechatExporter HTML; sent_at copied from "
            "{from_locator} ({time}); the true time is not after it",
        ),
        "wechat_html.no_dated_message": QCoreApplication.translate(
            "Importers", "no dated message in the export"
        ),
        # wechat_txt.*
        "wechat_txt.detected": QCoreApplication.translate("Importers", "{variant}, {encoding}"),
        "wechat_txt.invalid_time": QCoreApplication.translate("Importers", "invalid time {time}"),
        "wechat_txt.time_out_of_range": QCoreApplication.translate(
            "Importers", "time {time} out of range"
        ),
        "wechat_txt.no_messages": QCoreApplication.translate(
            "Importers", "no messages in the file"
        ),
        "wechat_txt.no_header": QCoreApplication.translate("Importers", "record without header"),
        "wechat_txt.expected_memotrace": QCoreApplication.translate(
            "Importers", "expected a record header 'YYYY-MM-DD HH:MM:SS name'"
        ),
        "wechat_txt.expected_exporter": QCoreApplication.translate(
            "Importers", "expected 'name (YYYY-MM-DD HH:MM:SS):message' or '系统消息: ...'"
        ),
        "wechat_txt.system_time_before": QCoreApplication.translate(
            "Importers",
            "system line has no time in WechatExporter TXT; sent_at copied from line {line} "
            "({time}); the true time is not before it",
        ),
        "wechat_txt.system_time_after": QCoreApplication.translate(
            "Importers",
            "system line has no time in WechatExporter TXT; sent_at copied from line {line} "
            "({time}); the true time is not after it",
        ),
        "wechat_txt.no_dated_message": QCoreApplication.translate(
            "Importers", "no dated message in the file"
        ),
        # whatsapp.*
        "whatsapp.detected": QCoreApplication.translate(
            "Importers", "WhatsApp {platform}, {language}, {clock}, {orders}"
        ),
        "whatsapp.detected_extra": QCoreApplication.translate("Importers", "{reason}, {extra}"),
        "whatsapp.ambiguous_order": QCoreApplication.translate(
            "Importers", "ambiguous d/m vs m/d ({note})"
        ),
        "whatsapp.buddhist": QCoreApplication.translate("Importers", "Buddhist calendar"),
        "whatsapp.japanese": QCoreApplication.translate("Importers", "Japanese calendar"),
        "whatsapp.order_by_inversions": QCoreApplication.translate(
            "Importers", "no day above 12; chosen by fewer out-of-order dates"
        ),
        "whatsapp.order_us_default": QCoreApplication.translate(
            "Importers", "no day above 12; default m/d for unpadded '/' dates with 2-digit years"
        ),
        "whatsapp.order_default": QCoreApplication.translate(
            "Importers", "no day above 12; default d/m"
        ),
        "whatsapp.no_chat_file": QCoreApplication.translate(
            "Importers", "no WhatsApp chat .txt file in the export"
        ),
        "whatsapp.several": QCoreApplication.translate(
            "Importers", "several WhatsApp chat files: {found}; pick one"
        ),
        "whatsapp.unknown_zone": QCoreApplication.translate("Importers", "unknown time zone {tz}"),
        "whatsapp.no_header": QCoreApplication.translate(
            "Importers", "no WhatsApp message header found"
        ),
        "whatsapp.order_ambiguous": QCoreApplication.translate(
            "Importers",
            "day/month order is ambiguous ({note}); read as {order}/y, check against a known date",
        ),
        "whatsapp.text_before_header": QCoreApplication.translate(
            "Importers", "text before the first message header was not parsed: {excerpt}"
        ),
        "whatsapp.text_before_header_long": QCoreApplication.translate(
            "Importers",
            "text before the first message header was not parsed: {excerpt} (+{more} characters)",
        ),
        "whatsapp.invalid_header": QCoreApplication.translate(
            "Importers",
            "looks like a message header but its date or time is invalid; kept as text of "
            "the previous message",
        ),
        "whatsapp.invalid_date": QCoreApplication.translate(
            "Importers",
            "looks like a message header but its date is invalid as {written}; kept as text "
            "of the previous message",
        ),
        "whatsapp.dst_twice": QCoreApplication.translate(
            "Importers",
            "local time {time} occurs twice in {zone} (DST change); read as the first "
            "occurrence, UTC{offset} = {utc}",
        ),
        "whatsapp.dst_gap": QCoreApplication.translate(
            "Importers",
            "local time {time} does not exist in {zone} (skipped by a DST change); read with "
            "the offset before the change, UTC{offset} = {utc}",
        ),
        # list.*
        "list.semicolons": QCoreApplication.translate("Services", "{first}; {rest}"),
        # input.*
        "input.language": QCoreApplication.translate("Services", "must be zh_CN or en"),
        "input.one_of": QCoreApplication.translate("Services", "must be one of {choices}"),
        "input.no_files": QCoreApplication.translate("Services", "no files given"),
        "input.cannot_read": QCoreApplication.translate("Services", "cannot read: {error}"),
        "input.not_a_file": QCoreApplication.translate("Services", "not a file"),
        "input.note_too_long": QCoreApplication.translate(
            "Services", "a note holds at most {limit} characters"
        ),
        # permission.*
        "permission.denied": QCoreApplication.translate(
            "Services", "role {role} may not {action} (allowed: {allowed})"
        ),
        # lock.*
        "lock.busy": QCoreApplication.translate("Services", "store is busy: {holder}"),
        "lock.holder": QCoreApplication.translate(
            "Services", "{user} is running {operation} (pid {pid} on {host}, since {since})"
        ),
        "lock.unknown_holder": QCoreApplication.translate(
            "Services", "another process is writing to it"
        ),
        # case.*
        "case.where": QCoreApplication.translate("Services", "case {case}"),
        "case.name_required": QCoreApplication.translate(
            "Services", "the debtor's name is required"
        ),
        "case.not_amount": QCoreApplication.translate("Services", "not an amount: {value}"),
        "case.negative_amount": QCoreApplication.translate("Services", "must be zero or more"),
        "case.not_date": QCoreApplication.translate("Services", "not a date (YYYY-MM-DD): {value}"),
        "case.bad_number": QCoreApplication.translate(
            "Services", "use 1-{max} characters, without control characters or spaces at either end"
        ),
        "case.exists": QCoreApplication.translate("Services", "case {case} already exists"),
        "case.not_editable": QCoreApplication.translate("Services", "not an editable case field"),
        "case.no_case": QCoreApplication.translate("Services", "no case {case}"),
        "case.empty_file": QCoreApplication.translate("Services", "the file is empty"),
        "case.header": QCoreApplication.translate(
            "Services",
            "header needs a case number column and a debtor name column (found: {header})",
        ),
        "case.row_cells": QCoreApplication.translate(
            "Services", "row {row}: {cells} cells, header has {width}"
        ),
        "case.row_error": QCoreApplication.translate("Services", "row {row}: {field}: {reason}"),
        "case.twice": QCoreApplication.translate("Services", "case {case} appears twice"),
        "case.bad_rows": QCoreApplication.translate("Services", "{count} bad row(s)"),
        "case.nothing_imported": QCoreApplication.translate(
            "Services", "nothing was imported; {errors}"
        ),
        "case.nothing_imported_more": QCoreApplication.translate(
            "Services", "nothing was imported; {errors} ..."
        ),
        "case.no_rows": QCoreApplication.translate("Services", "no case rows found"),
        "case.not_text": QCoreApplication.translate("Services", "not UTF-8 or GBK/GB18030 text"),
        # contact.*
        "contact.no_contact": QCoreApplication.translate("Services", "no contact {contact}"),
        "contact.no_case": QCoreApplication.translate("Services", "no case {case}"),
        "contact.handle_required": QCoreApplication.translate(
            "Services", "the account handle or number is required"
        ),
        "contact.reason_required": QCoreApplication.translate(
            "Services", "a reason is required for every contact request"
        ),
        "contact.other_needs_justification": QCoreApplication.translate(
            "Services",
            "collection may address only the debtor and guarantor: a contact with relation "
            "'other' needs a justification",
        ),
        "contact.document_role": QCoreApplication.translate(
            "Services", "role must be one of {choices}"
        ),
        "contact.other_matter": QCoreApplication.translate(
            "Services",
            "{channel} {handle} is already {status} on case {case} (contact {contact}); "
            "close it there first",
        ),
        "contact.duplicate": QCoreApplication.translate(
            "Services",
            "{channel} {handle} already has an active contact on this case ({contact}, {status})",
        ),
        "contact.own_request": QCoreApplication.translate(
            "Services", "nobody may decide their own contact request; another supervisor must"
        ),
        "contact.documents_missing": QCoreApplication.translate(
            "Services",
            "contact {contact} cannot be approved without the debtor's {roles}: the "
            "requester must attach them first",
        ),
        "contact.request_entry_missing": QCoreApplication.translate(
            "Services", "the request entry of contact {contact} is missing from the ledger"
        ),
        "contact.not_requested_approve": QCoreApplication.translate(
            "Services", "contact {contact} is {status}, only a requested contact can be approved"
        ),
        "contact.checkpoint_missing": QCoreApplication.translate(
            "Services", "the checkpoint of contact {contact}'s request is missing"
        ),
        "contact.reject_note": QCoreApplication.translate(
            "Services", "a rejection needs a note saying why"
        ),
        "contact.not_requested_reject": QCoreApplication.translate(
            "Services", "contact {contact} is {status}, only a requested contact can be rejected"
        ),
        "contact.revoke_note": QCoreApplication.translate(
            "Services", "revoking a contact needs a note saying why"
        ),
        "contact.not_approved_revoke": QCoreApplication.translate(
            "Services", "contact {contact} is {status}, only an approved contact can be revoked"
        ),
        "contact.not_approved": QCoreApplication.translate(
            "Services",
            "contact {contact} is {status}: evidence can be added only to a contact that a "
            "supervisor has approved and not revoked; ask a supervisor for a new approval",
        ),
        "contact.expired": QCoreApplication.translate(
            "Services",
            "the approval of contact {contact} expired at {expires_at}: no evidence can be "
            "added; ask a supervisor for a new approval",
        ),
        "contact.where_entry": QCoreApplication.translate("Services", "ledger seq {seq}"),
        "contact.cosigned_root": QCoreApplication.translate(
            "Services", "the approval cosigns a checkpoint that does not match the ledger"
        ),
        "contact.cosigned_by_other": QCoreApplication.translate(
            "Services", "the cosignature is not {user}'s"
        ),
        "contact.request_reference": QCoreApplication.translate(
            "Services", "the approval does not reference its request entry correctly"
        ),
        # setting.*
        "setting.not_zone": QCoreApplication.translate(
            "Services", "not an IANA time zone (e.g. Asia/Shanghai)"
        ),
        "setting.not_count": QCoreApplication.translate(
            "Services", "must be a whole number, 0 or more"
        ),
        "setting.quiet_hours": QCoreApplication.translate(
            "Services", "use HH:MM-HH:MM, e.g. 22:00-08:00"
        ),
        "setting.unknown": QCoreApplication.translate(
            "Services", "unknown setting (known: {known})"
        ),
        # user.*
        "user.bad_name": QCoreApplication.translate(
            "Services", "use 1-64 letters, digits, '.', '-', '_' or '@'"
        ),
        "user.short_password": QCoreApplication.translate(
            "Services", "must be at least {length} characters"
        ),
        "user.no_user": QCoreApplication.translate("Services", "no user named {name}"),
        "user.exists": QCoreApplication.translate("Services", "a user named {name} already exists"),
        "user.self_reset": QCoreApplication.translate(
            "Services",
            "an admin cannot reset their own password here; change it with the old password",
        ),
        "user.self_deactivate": QCoreApplication.translate(
            "Services", "an admin cannot deactivate themselves"
        ),
        # review.*
        "review.unknown_tag": QCoreApplication.translate(
            "Services", "unknown tag (known: {known})"
        ),
        "review.note_text": QCoreApplication.translate("Services", "a free note needs its text"),
        "review.no_message": QCoreApplication.translate("Services", "no message {message}"),
        "review.no_item": QCoreApplication.translate("Services", "no item {item}"),
        "review.duplicate_tag": QCoreApplication.translate(
            "Services",
            "this {target} already carries the active tag {tag} ({existing}); add a note to "
            "it instead",
        ),
        "review.already_removed": QCoreApplication.translate(
            "Services", "tag {tag_id} was already removed by {removed_by} at {removed_at}"
        ),
        "review.not_own_tag": QCoreApplication.translate(
            "Services",
            "tag {tag_id} was set by {created_by}: field staff may remove only their own "
            "tags; ask a supervisor or the legal team",
        ),
        "review.removed_meanwhile": QCoreApplication.translate(
            "Services", "tag {tag_id} was removed meanwhile by {removed_by}"
        ),
        "review.no_tag": QCoreApplication.translate("Services", "no tag {tag_id}"),
        "review.bad_date": QCoreApplication.translate(
            "Services", "use YYYY-MM-DD or an ISO date-time"
        ),
        "review.bad_limit": QCoreApplication.translate("Services", "must be 1 or more"),
        "review.bad_direction": QCoreApplication.translate("Services", "must be in, out or system"),
        "review.where_tag": QCoreApplication.translate("Services", "tag {tag_id}"),
        "review.message_gone": QCoreApplication.translate(
            "Services", "the tagged message {fingerprint} of contact {contact} is not in the store"
        ),
        "review.item_elsewhere": QCoreApplication.translate(
            "Services", "the tagged item {item} is not an item of contact {contact}"
        ),
        "review.no_target": QCoreApplication.translate(
            "Services", "the tag names no message or item"
        ),
        # tsa.*
        "tsa.not_pem": QCoreApplication.translate("Services", "not PEM certificates ({error})"),
        "tsa.name_url": QCoreApplication.translate("Services", "needs a name and an http(s) URL"),
        "tsa.hash": QCoreApplication.translate("Services", "hash must be one of {choices}"),
        "tsa.no_root": QCoreApplication.translate(
            "Services", "at least one root certificate is required"
        ),
        "tsa.no_such": QCoreApplication.translate(
            "Services", "no time-stamp authority named {name}"
        ),
        "tsa.none": QCoreApplication.translate(
            "Services", "no time-stamp authority is configured: an admin adds one with `tsa add`"
        ),
        "tsa.where_timestamp": QCoreApplication.translate(
            "Services", "timestamp {id} (checkpoint {size}, {name})"
        ),
        "tsa.where_stamped": QCoreApplication.translate(
            "Services", "store.json stamped checkpoint"
        ),
        "tsa.where_pending": QCoreApplication.translate("Services", "ledger seq {first}..{last}"),
        "tsa.root_mismatch": QCoreApplication.translate(
            "Services", "the stamped root does not match the ledger"
        ),
        "tsa.ledger_truncated": QCoreApplication.translate(
            "Services",
            "a trusted time-stamp covers {size} entries but the ledger has only {entries}: "
            "the tail of the ledger was removed",
        ),
        "tsa.pending": QCoreApplication.translate(
            "Services", "{count} entries sealed locally, not yet time-stamped"
        ),
        "tsa.issuer_unknown": QCoreApplication.translate(
            "Services", "the TSA that issued it is not configured"
        ),
        "tsa.token_invalid": QCoreApplication.translate(
            "Services", "token does not verify: {error}"
        ),
        "tsa.mirror_unsigned": QCoreApplication.translate(
            "Services",
            "the mirrored time-stamp is not signed (written by an older version): who mirrored "
            "it is not proven",
        ),
        "tsa.mirror_signature": QCoreApplication.translate(
            "Services",
            "the mirrored time-stamp is not signed by {signer} with a key this ledger gave them: "
            "store.json was edited",
        ),
        # lexicon.*
        "lexicon.not_terms": QCoreApplication.translate(
            "Services", "must be a list of non-empty strings"
        ),
        "lexicon.not_json": QCoreApplication.translate("Services", "not JSON: {error}"),
        "lexicon.no_categories": QCoreApplication.translate(
            "Services", 'needs an object {"categories": {NAME: {...}}}'
        ),
        "lexicon.category_name": QCoreApplication.translate(
            "Services", "category names are lower-case letters, digits and _"
        ),
        "lexicon.category_shape": QCoreApplication.translate(
            "Services", "must be an object with zh and en term lists"
        ),
        "lexicon.not_string": QCoreApplication.translate("Services", "must be a string"),
        "lexicon.unreadable": QCoreApplication.translate(
            "Services", "cannot read the lexicon file: {error}"
        ),
        "lexicon.shipped_missing": QCoreApplication.translate(
            "Services", "the shipped lexicon is missing: {error}"
        ),
        # conduct.*
        "conduct.bad_account": QCoreApplication.translate(
            "Services", "an account is digits, or an e-mail for Alipay"
        ),
        "conduct.note_required": QCoreApplication.translate(
            "Services", "an acknowledgement needs a note saying why or what was done"
        ),
        "conduct.no_finding": QCoreApplication.translate(
            "Services", "no current conduct finding {finding} (run check to list them)"
        ),
        "conduct.acknowledged": QCoreApplication.translate(
            "Services",
            "finding {finding} was acknowledged by {acked_by} at {acked_at}; "
            "acknowledgements are final",
        ),
        "conduct.acknowledged_meanwhile": QCoreApplication.translate(
            "Services", "finding {finding} was acknowledged by {acked_by}"
        ),
        "conduct.cc5_not_checked": QCoreApplication.translate(
            "Services",
            "CC-5 not checked: no institution name is set (settings institution_names or "
            "organisation)",
        ),
        "conduct.cc7_no_accounts": QCoreApplication.translate(
            "Services",
            "CC-7: no approved repayment accounts are set (setting approved_accounts), so "
            "every account a staff message quotes is flagged",
        ),
        # originals.*
        "originals.cancelled": QCoreApplication.translate(
            "Services", "cancelled by the user; nothing was stored"
        ),
        # reading.*
        "reading.no_import": QCoreApplication.translate("Services", "no import {import_id}"),
        "reading.no_message": QCoreApplication.translate("Services", "no message {message}"),
        "reading.no_document": QCoreApplication.translate(
            "Services", "contact {contact} has no document with digest {sha256}"
        ),
        # bundle.*
        "bundle.other_case": QCoreApplication.translate(
            "Services", "belongs to case {case}, not {scope_case}"
        ),
        "bundle.not_approved": QCoreApplication.translate(
            "Services",
            "contact {contact} is {status}: only contacts a supervisor approved can enter a bundle",
        ),
        "bundle.empty": QCoreApplication.translate(
            "Services", "case {case} has no approved contact to put in a bundle"
        ),
        "bundle.no_identity": QCoreApplication.translate(
            "Services",
            "contact {contact} has no identity exhibit (identity_proof): a conversation "
            "cannot enter a bundle without one",
        ),
        "bundle.no_entry": QCoreApplication.translate(
            "Services", "no ledger entry records original {sha256}"
        ),
        "bundle.original_missing": QCoreApplication.translate(
            "Services", "original {file} ({sha256}) is not in the store"
        ),
        "bundle.checkpoint_missing": QCoreApplication.translate(
            "Services", "checkpoint {size} is missing from the store"
        ),
        "bundle.not_folder": QCoreApplication.translate("Services", "not a folder"),
        "bundle.no_tsa": QCoreApplication.translate(
            "Services", "no time-stamp authority configured: the kit proves a local checkpoint"
        ),
        "bundle.refused": QCoreApplication.translate(
            "Services", "refused by rule {rule}: {reason}"
        ),
        "bundle.tsa_failed": QCoreApplication.translate(
            "Services", "time-stamp authority {name}: {reason}"
        ),
        "bundle.tags_unstamped": QCoreApplication.translate(
            "Services", "the tag manifest could not be time-stamped (no TSA answered)"
        ),
        "bundle.checkpoint_unstamped": QCoreApplication.translate(
            "Services", "checkpoint {size} has no trusted time-stamp yet"
        ),
        # scope.*
        "scope.not_date": QCoreApplication.translate("Services", "not a date: use YYYY-MM-DD"),
        "scope.after_to": QCoreApplication.translate("Services", "is after --to {date_to}"),
        "scope.page_cap": QCoreApplication.translate("Services", "must be at least 20 pages"),
        # backup.*
        "backup.exists": QCoreApplication.translate(
            "Services", "already exists; a backup never overwrites a file"
        ),
        "backup.no_folder": QCoreApplication.translate("Services", "its folder does not exist"),
        "backup.original_missing": QCoreApplication.translate(
            "Services",
            "{path}: original listed by the database is missing; run verify and repair the "
            "store before backing it up",
        ),
        "backup.write_failed": QCoreApplication.translate(
            "Services",
            "{path}: backup could not be written ({error}); nothing was changed in the store",
        ),
        "backup.no_descriptor": QCoreApplication.translate(
            "Services", "{path}: not a store descriptor"
        ),
        "backup.no_such_file": QCoreApplication.translate("Services", "no such file"),
        "backup.unreadable": QCoreApplication.translate(
            "Services", "{path}: not a readable Evidence Desk backup ({error})"
        ),
        "backup.not_manifest": QCoreApplication.translate(
            "Services", "not an Evidence Desk backup manifest"
        ),
        "backup.version": QCoreApplication.translate(
            "Services", "unsupported backup version {version}"
        ),
        "backup.bad_entry": QCoreApplication.translate("Services", "a file entry is malformed"),
        "backup.manifest_missing": QCoreApplication.translate(
            "Services", "{path}: {member}: missing {field}"
        ),
        "backup.manifest_bad": QCoreApplication.translate("Services", "{path}: {member}: {error}"),
        "backup.bad_signature": QCoreApplication.translate(
            "Services",
            "{path}: {member}: signature does not match its contents (the manifest was "
            "changed after it was signed)",
        ),
        "backup.unlisted": QCoreApplication.translate(
            "Services", "{path}: {member}: member is not listed in the signed manifest"
        ),
        "backup.missing_member": QCoreApplication.translate(
            "Services", "{path}: {member}: listed in the manifest but missing from the file"
        ),
        "backup.strange_member": QCoreApplication.translate(
            "Services", "{path}: {member}: not a member an Evidence Desk backup may hold"
        ),
        "backup.absent": QCoreApplication.translate(
            "Services", "{path}: {member}: missing from the backup"
        ),
        "backup.damaged": QCoreApplication.translate(
            "Services", "{path}: {member}: damaged ({error})"
        ),
        "backup.size": QCoreApplication.translate(
            "Services", "{path}: {member}: size differs from the manifest (expected {size} bytes)"
        ),
        "backup.digest": QCoreApplication.translate(
            "Services", "{path}: {member}: SHA-256 does not match the signed manifest"
        ),
        "backup.target_not_empty": QCoreApplication.translate(
            "Services",
            "{target} already holds files; restore into a new folder, or pass replace to "
            "move the existing store aside (it is kept, never deleted)",
        ),
        "backup.cannot_create": QCoreApplication.translate(
            "Services", "{path}: cannot create ({error})"
        ),
        "backup.does_not_verify": QCoreApplication.translate(
            "Services",
            "{path}: the restored store does not verify ({count} problem(s): {problems})",
        ),
        "backup.restore_failed_kept": QCoreApplication.translate(
            "Services", "{target}: restore failed ({error}); the previous store is kept at {kept}"
        ),
        "backup.restore_failed": QCoreApplication.translate(
            "Services", "{target}: restore failed ({error}); nothing changed"
        ),
        "backup.store_open": QCoreApplication.translate(
            "Services",
            "{target} is the store you are logged into (as {user}); it cannot be replaced while "
            "it is open. Restore into another folder, or close Evidence Desk and run "
            "evidence-desk restore --replace",
        ),
        "backup.other_store": QCoreApplication.translate(
            "Services", "{path}: {member}: names store {store}, not this one"
        ),
        "backup.ledger_size": QCoreApplication.translate(
            "Services",
            "{path}: store/evidence.db: holds {size} ledger entries, the manifest says {expected}",
        ),
        "backup.not_admin": QCoreApplication.translate(
            "Services",
            "{path}: {member}: signed by {user}, who is not an admin of this store with that key",
        ),
        # files.*
        "files.in_use": QCoreApplication.translate(
            "Services",
            "{path}: file in use by another program (antivirus, indexer or sync client?); it "
            "could not be replaced for {seconds} seconds ({error}). Close the program that "
            "holds it, or wait a moment, and try again",
        ),
        # store.*
        "store.db_missing": QCoreApplication.translate(
            "Services", "{path}: database file is missing"
        ),
        "store.db_empty": QCoreApplication.translate(
            "Services",
            "{path}: database file is empty (truncated); restore the latest backup "
            "(evidence-desk restore)",
        ),
        "store.db_short": QCoreApplication.translate(
            "Services",
            "{path}: the database is damaged or truncated ({size} bytes, its header "
            "describes {pages} pages of {page_size}); restore the latest backup "
            "(evidence-desk restore)",
        ),
        "store.disk_full": QCoreApplication.translate(
            "Services",
            "{folder}: the disk holding the store is full ({error}); nothing was stored. "
            "Free some space and try again",
        ),
        "store.read_only": QCoreApplication.translate(
            "Services",
            "{folder}: the store folder is read-only or not writable for this user "
            "({error}); Evidence Desk needs to write to it, even to read (its database keeps "
            "a shared journal there). Copy the store to a writable folder, or restore a "
            "backup",
        ),
        "store.db_locked": QCoreApplication.translate(
            "Services", "{path}: store is busy: another program holds its database ({error})"
        ),
        "store.db_damaged": QCoreApplication.translate(
            "Services",
            "{path}: the database is damaged or truncated ({error}); restore the latest "
            "backup (evidence-desk restore)",
        ),
        "store.unusable": QCoreApplication.translate(
            "Services", "{path}: the store cannot be used ({error})"
        ),
        "store.newer_schema": QCoreApplication.translate(
            "Services",
            "this store uses schema version {version}, newer than this build understands "
            "({latest}): update Evidence Desk",
        ),
        "store.folder_not_empty": QCoreApplication.translate(
            "Services", "{path}: folder is not empty; choose a new folder for a store"
        ),
        "store.not_a_store": QCoreApplication.translate(
            "Services", "{path}: not an Evidence Desk store (no store.json)"
        ),
        "store.descriptor_corrupted": QCoreApplication.translate(
            "Services", "{path}: corrupted ({error})"
        ),
        "store.not_a_descriptor": QCoreApplication.translate(
            "Services", "{path}: not an Evidence Desk store descriptor"
        ),
        "store.format": QCoreApplication.translate(
            "Services", "{path}: unsupported store format {version}"
        ),
        "store.head_malformed": QCoreApplication.translate(
            "Services", "{path}: head checkpoint is malformed"
        ),
        "store.location_onedrive": QCoreApplication.translate(
            "Services",
            "{path} is inside the OneDrive folder {folder}: a sync client uploads the database "
            "while it is being written and can put back an older or half-written copy, which "
            "damages the store. Keep the store in a local folder that is not synced. Teams "
            "share evidence through the organisation hub, not a synced or shared folder",
        ),
        "store.location_sync": QCoreApplication.translate(
            "Services",
            "{path} is inside the {client} sync folder {folder}: a sync client uploads the "
            "database while it is being written and can put back an older or half-written "
            "copy, which damages the store. Keep the store in a local folder that is not "
            "synced. Teams share evidence through the organisation hub, not a synced or shared "
            "folder",
        ),
        "store.location_unc": QCoreApplication.translate(
            "Services",
            "{path} is on the network share {folder}: the store's database keeps a write-ahead "
            "log (WAL) that needs memory shared by the programs using it, which a network "
            "share (SMB, NFS) cannot provide, and its locks are not reliable there: the "
            "database gets damaged. Keep the store in a local folder that is not synced. Teams "
            "share evidence through the organisation hub, not a synced or shared folder",
        ),
        "store.location_network_drive": QCoreApplication.translate(
            "Services",
            "{path} is on {folder}, a network drive: the store's database keeps a write-ahead "
            "log (WAL) that needs memory shared by the programs using it, which a network "
            "share (SMB, NFS) cannot provide, and its locks are not reliable there: the "
            "database gets damaged. Keep the store in a local folder that is not synced. Teams "
            "share evidence through the organisation hub, not a synced or shared folder",
        ),
        "store.location_network_fs": QCoreApplication.translate(
            "Services",
            "{path} is on a network file system ({client} at {folder}): the store's database "
            "keeps a write-ahead log (WAL) that needs memory shared by the programs using it, "
            "which a network share (SMB, NFS) cannot provide, and its locks are not reliable "
            "there: the database gets damaged. Keep the store in a local folder that is not "
            "synced. Teams share evidence through the organisation hub, not a synced or shared "
            "folder",
        ),
        "selftest.press_enter": QCoreApplication.translate(
            "Services", "Press Enter to close this window."
        ),
        "store.location_warning": QCoreApplication.translate(
            "Services",
            "{reason}. The store was opened anyway; move it to a local folder (evidence-desk "
            "backup, then evidence-desk restore into the new folder)",
        ),
        # blob.*
        "blob.missing": QCoreApplication.translate("Services", "blob file is missing"),
        "blob.header": QCoreApplication.translate("Services", "blob header is damaged"),
        "blob.truncated": QCoreApplication.translate(
            "Services", "blob is truncated at chunk {index}"
        ),
        "blob.chunk": QCoreApplication.translate("Services", "chunk {index} fails authentication"),
        # verify.*
        "verify.where_entry": QCoreApplication.translate("Services", "ledger seq {seq}"),
        "verify.where_checkpoint": QCoreApplication.translate("Services", "checkpoint {size}"),
        "verify.where_head": QCoreApplication.translate("Services", "store.json head"),
        "verify.where_descriptor": QCoreApplication.translate("Services", "store.json"),
        "verify.where_merkle_state": QCoreApplication.translate("Services", "table merkle_state"),
        "verify.where_row": QCoreApplication.translate("Services", "table {table} row {key}"),
        "verify.where_blob": QCoreApplication.translate("Services", "blob sha256 {sha256}"),
        "verify.where_blob_file": QCoreApplication.translate("Services", "blobs/{prefix}/{rest}"),
        "verify.where_partial": QCoreApplication.translate("Services", "blobs/tmp/{name}"),
        "verify.where_check": QCoreApplication.translate("Services", "check {check}"),
        "verify.sequence": QCoreApplication.translate(
            "Services",
            "expected seq {expected}: an entry before it was deleted, or entries were "
            "inserted or reordered",
        ),
        "verify.link": QCoreApplication.translate(
            "Services",
            "prev_hash does not match the previous entry's hash: the chain is broken here "
            "(deleted, inserted or swapped entry)",
        ),
        "verify.payload": QCoreApplication.translate(
            "Services", "payload was changed after it was signed"
        ),
        "verify.entry_hash": QCoreApplication.translate(
            "Services", "entry hash does not match its contents"
        ),
        "verify.payload_json": QCoreApplication.translate("Services", "payload is not JSON"),
        "verify.row_changes": QCoreApplication.translate("Services", "malformed row changes"),
        "verify.row_change": QCoreApplication.translate("Services", "malformed row change"),
        "verify.column_type": QCoreApplication.translate(
            "Services", "{column} holds {type}, not text"
        ),
        "verify.not_signed": QCoreApplication.translate("Services", "signature is not {signer}'s"),
        "verify.not_signed_unknown": QCoreApplication.translate(
            "Services", "signature is not {signer}'s (signer unknown to the ledger at that point)"
        ),
        "authority.unknown_action": QCoreApplication.translate(
            "Services", "{action} is not an action of this application"
        ),
        "authority.payload_not_object": QCoreApplication.translate(
            "Services", "the payload is not a JSON object"
        ),
        "authority.payload_field": QCoreApplication.translate(
            "Services", "payload field {field} is missing or not {kind}"
        ),
        "authority.init_only_first": QCoreApplication.translate(
            "Services", "store.init may only be the first entry"
        ),
        "authority.first_is_init": QCoreApplication.translate(
            "Services", "the first entry must be store.init"
        ),
        "authority.unknown_actor": QCoreApplication.translate(
            "Services", "{actor} is not a user of this store at this point"
        ),
        "authority.inactive_actor": QCoreApplication.translate(
            "Services", "{actor} was deactivated before this entry"
        ),
        "authority.rows_not_list": QCoreApplication.translate(
            "Services", "the row changes are not a list"
        ),
        "authority.row_malformed": QCoreApplication.translate(
            "Services", "a row change is malformed"
        ),
        "authority.table_forbidden": QCoreApplication.translate(
            "Services", "{action} may not change table {table}"
        ),
        "authority.op_forbidden": QCoreApplication.translate(
            "Services", "{action} may not {op} rows of {table}"
        ),
        "authority.columns_forbidden": QCoreApplication.translate(
            "Services", "{action} may not set column(s) {columns} of {table}"
        ),
        "authority.columns_missing": QCoreApplication.translate(
            "Services", "{action} must give column(s) {columns} of a new {table} row"
        ),
        "authority.row_exists": QCoreApplication.translate(
            "Services", "{action} may only add new {table} rows; {key} exists"
        ),
        "authority.row_unknown": QCoreApplication.translate(
            "Services", "{action} may only change existing {table} rows; {key} does not exist"
        ),
        "authority.bound_column": QCoreApplication.translate(
            "Services", "{table}.{column} must be {expected}, not {value}"
        ),
        "authority.one_row": QCoreApplication.translate(
            "Services", "{action} must change exactly one {table} row"
        ),
        "authority.blob_unknown": QCoreApplication.translate(
            "Services", "item {item} names an original ({sha256}) that is not on record"
        ),
        "authority.own_account": QCoreApplication.translate(
            "Services", "{action} may not be applied to one's own account ({user})"
        ),
        "authority.admin_role": QCoreApplication.translate(
            "Services", "the first user must be an admin"
        ),
        "authority.role_unknown": QCoreApplication.translate("Services", "{role} is not a role"),
        "authority.chronology": QCoreApplication.translate(
            "Services", "{column} ({value}) is before the request ({requested_at})"
        ),
        "authority.stamp_ahead": QCoreApplication.translate(
            "Services", "the time stamp covers checkpoint {size}, which is not before this entry"
        ),
        "authority.tag_removed": QCoreApplication.translate(
            "Services", "tag {tag} was already withdrawn"
        ),
        "authority.not_own_tag": QCoreApplication.translate(
            "Services", "field staff may withdraw only their own tags; {tag} is {created_by}'s"
        ),
        "authority.tag_contact": QCoreApplication.translate(
            "Services", "the tag's case and contact do not match contact {contact}"
        ),
        "authority.document_role": QCoreApplication.translate(
            "Services",
            "only the request's documents may be attached to a pending request, not {role}",
        ),
        "authority.request_documents_role": QCoreApplication.translate(
            "Services", "a request's documents must have a document role, not {role}"
        ),
        "verify.rule": QCoreApplication.translate(
            "Services", "{action} by {actor} breaks rule {rule}: {reason}"
        ),
        "verify.checkpoint_signer": QCoreApplication.translate(
            "Services",
            "checkpoint signed by {signer}, but entry {size} was written by {actor} (every "
            "write's checkpoint is its writer's)",
        ),
        "verify.where_keyslot": QCoreApplication.translate(
            "Services", "keyslots.json slot of {user}"
        ),
        "verify.where_keyslots": QCoreApplication.translate("Services", "keyslots.json"),
        "verify.keyslot_key": QCoreApplication.translate(
            "Services", "the slot's public key is not the one the ledger holds for {user}"
        ),
        "verify.keyslot_inactive": QCoreApplication.translate(
            "Services",
            "{user} was deactivated, but a key slot for them is present (keyslots.json restored "
            "from an older copy?)",
        ),
        "verify.keyslot_unknown": QCoreApplication.translate(
            "Services", "{count} slot(s) belong to no user of the ledger"
        ),
        "verify.keyslots_unreadable": QCoreApplication.translate(
            "Services", "cannot be read: {error}"
        ),
        "kit.entry_rule": QCoreApplication.translate(
            "Services", "seq {seq}: {action} by {actor} breaks rule {rule}: {reason}"
        ),
        "kit.role_mismatch": QCoreApplication.translate(
            "Services", "{user}'s role or active flag is not what the ledger slice gives"
        ),
        "authority.not_own_password": QCoreApplication.translate(
            "Services", "only {user} may change {user}'s password this way"
        ),
        "bundle.rule_broken": QCoreApplication.translate(
            "Services",
            "ledger entry {seq} ({action} by {actor}) breaks rule {rule}: {reason}; run verify: "
            "no bundle is made from entries that break the rules",
        ),
        "verify.checkpoint_missing": QCoreApplication.translate(
            "Services", "no checkpoint was kept for this entry (every write cuts one)"
        ),
        "verify.checkpoint_root": QCoreApplication.translate(
            "Services", "Merkle root does not match the ledger entries"
        ),
        "verify.beyond_ledger": QCoreApplication.translate(
            "Services",
            "checkpoint covers {size} entries but the ledger has {entries}: entries were removed",
        ),
        "verify.merkle_state": QCoreApplication.translate(
            "Services",
            "the cached Merkle tree state does not match the ledger (the next write would "
            "build on it)",
        ),
        "verify.head_missing": QCoreApplication.translate(
            "Services", "store.json has no head checkpoint"
        ),
        "verify.truncated": QCoreApplication.translate(
            "Services",
            "the signed head covers {size} entries but the ledger has only {entries}: the "
            "tail of the ledger was removed (entries {first}..{size})",
        ),
        "verify.head_root": QCoreApplication.translate(
            "Services", "the head's root does not match the first {size} ledger entries"
        ),
        "verify.row_missing": QCoreApplication.translate(
            "Services", "row recorded in the ledger is missing"
        ),
        "verify.row_differs": QCoreApplication.translate(
            "Services", "column(s) {columns} differ from the ledger"
        ),
        "verify.row_unrecorded": QCoreApplication.translate(
            "Services", "row has no ledger entry (inserted outside the app)"
        ),
        "verify.blob_name": QCoreApplication.translate("Services", "blob row names another file"),
        "verify.blob_unchecked": QCoreApplication.translate(
            "Services", "cannot be checked ({error})"
        ),
        "verify.blob_replaced": QCoreApplication.translate(
            "Services", "content hashes to {sha256}: the file was replaced"
        ),
        "verify.blob_sm3": QCoreApplication.translate("Services", "SM3 of the content differs"),
        "verify.blob_size": QCoreApplication.translate("Services", "size of the content differs"),
        "verify.blob_orphan": QCoreApplication.translate(
            "Services",
            "encrypted file not referenced by any entry (left by an interrupted write); not "
            "evidence",
        ),
        "verify.blob_partial": QCoreApplication.translate(
            "Services", "partial write left by an interrupted import; not evidence"
        ),
        "verify.incomplete": QCoreApplication.translate(
            "Services",
            "could not finish on this ledger ({error}); the entries it reads are malformed "
            "(see the other findings)",
        ),
        # keys.*
        "keys.missing": QCoreApplication.translate("Services", "{path}: key slot file is missing"),
        "keys.corrupted": QCoreApplication.translate(
            "Services", "{path}: key slot file is corrupted ({error})"
        ),
        "keys.format": QCoreApplication.translate("Services", "{path}: unknown key slot format"),
        "keys.refused": QCoreApplication.translate("Services", "unknown user or wrong password"),
        "keys.slot_corrupted": QCoreApplication.translate(
            "Services", "{path}: key slot for this user is corrupted ({error})"
        ),
        # login.*
        "login.refused": QCoreApplication.translate(
            "Services", "unknown user or wrong password for {user}; further attempts are delayed"
        ),
        "login.inactive": QCoreApplication.translate(
            "Services", "user {user} is not an active user of this store"
        ),
        "login.key_mismatch": QCoreApplication.translate(
            "Services", "key slot of {user} does not match the ledger's public key"
        ),
        "session.store_replaced": QCoreApplication.translate(
            "Services",
            "{folder}: the store was replaced (restored from a backup) while {user} was logged "
            "in; nothing was written. Log in again to work in the restored store",
        ),
        # kit.*
        "kit.no_kit": QCoreApplication.translate(
            "Services", "no single verification kit (zip or bag folder) here"
        ),
        "kit.bad_zip": QCoreApplication.translate("Services", "not a readable kit zip: {error}"),
        "kit.missing": QCoreApplication.translate("Services", "file missing from the kit"),
        "kit.not_utf8": QCoreApplication.translate("Services", "not UTF-8 text"),
        "kit.not_json": QCoreApplication.translate("Services", "not valid JSON: {error}"),
        "kit.no_bagit_version": QCoreApplication.translate("Services", "no BagIt-Version"),
        "kit.payload_missing": QCoreApplication.translate(
            "Services", "listed in {manifest} but not in the kit"
        ),
        "kit.payload_changed": QCoreApplication.translate(
            "Services", "{algorithm} differs from {manifest}: changed"
        ),
        "kit.payload_unlisted": QCoreApplication.translate(
            "Services", "payload file not listed in {manifest}"
        ),
        "kit.tag_missing": QCoreApplication.translate(
            "Services", "listed in {manifest} but missing"
        ),
        "kit.tag_changed": QCoreApplication.translate(
            "Services", "SHA-256 differs from {manifest}: changed"
        ),
        "kit.tag_unlisted": QCoreApplication.translate(
            "Services", "tag file not covered by {manifest}"
        ),
        "kit.entry_unreadable": QCoreApplication.translate("Services", "line {line}: {error}"),
        "kit.entry_payload": QCoreApplication.translate(
            "Services", "line {line} (seq {seq}): payload hash"
        ),
        "kit.entry_hash": QCoreApplication.translate("Services", "line {line} (seq {seq})"),
        "kit.entry_link": QCoreApplication.translate(
            "Services", "seq {seq} does not follow {previous}"
        ),
        "kit.entry_signature": QCoreApplication.translate(
            "Services", "seq {seq}: not signed by {actor}"
        ),
        "kit.key_mismatch": QCoreApplication.translate(
            "Services", "{user}'s key is not the one the ledger slice introduced"
        ),
        "kit.no_target": QCoreApplication.translate("Services", "no target size and root"),
        "kit.note_mismatch": QCoreApplication.translate(
            "Services", "does not match the checkpoint"
        ),
        "kit.checkpoint_signature": QCoreApplication.translate(
            "Services", "not signed by {signer}"
        ),
        "kit.signed_checkpoint": QCoreApplication.translate(
            "Services",
            "the checkpoint entry {seq} was signed over is not a prefix of checkpoint {size}",
        ),
        "kit.inclusion": QCoreApplication.translate(
            "Services", "entry {seq} is not proven in checkpoint {size}"
        ),
        "kit.consistency": QCoreApplication.translate(
            "Services", "checkpoint {cosigned} is not a prefix of {size}"
        ),
        "kit.cosignature": QCoreApplication.translate(
            "Services", "seq {seq}: the approval's cosignature does not verify"
        ),
        "kit.unstamped": QCoreApplication.translate(
            "Services",
            "checkpoint {size} carries no RFC 3161 token: its time is the producer's clock",
        ),
        "kit.certificates_missing": QCoreApplication.translate("Services", "missing"),
        "kit.not_pem": QCoreApplication.translate("Services", "not PEM: {error}"),
        "kit.token_unreadable": QCoreApplication.translate("Services", "unreadable: {error}"),
        "kit.tag_signature": QCoreApplication.translate(
            "Services", "the tag manifest is not signed by {signer}"
        ),
        "kit.tag_signature_nobody": QCoreApplication.translate(
            "Services", "the tag manifest is not signed by anyone"
        ),
        "kit.signed_missing": QCoreApplication.translate("Services", "signed but missing"),
        "kit.not_covered": QCoreApplication.translate("Services", "not covered by {file}"),
        "kit.signed_changed": QCoreApplication.translate("Services", "SHA-256 differs from {file}"),
        "kit.tag_unstamped": QCoreApplication.translate(
            "Services", "the tag manifest carries no RFC 3161 token (no TSA answered at export)"
        ),
        "kit.original_missing": QCoreApplication.translate("Services", "original missing"),
        "kit.original_changed": QCoreApplication.translate(
            "Services", "differs from the digests in evidence-manifest.json"
        ),
        "kit.original_unrecorded": QCoreApplication.translate(
            "Services", "not recorded by ledger entry {seq} of the slice"
        ),
        "kit.commitments": QCoreApplication.translate(
            "Services", "does not match the signed import entry's root"
        ),
        "kit.declaration": QCoreApplication.translate(
            "Services", "the declaration is not {signer}'s signature of the evidence manifest"
        ),
        "kit.no_declaration": QCoreApplication.translate(
            "Services", "no signed declaration recorded"
        ),
        "kit.pdf_missing": QCoreApplication.translate("Services", "PDF volume missing"),
        "kit.pdf_unreadable": QCoreApplication.translate("Services", "cannot read: {error}"),
        "kit.cover_digest": QCoreApplication.translate(
            "Services", "the cover does not print the SHA-256 of evidence-manifest.json"
        ),
        "kit.pdf_digest": QCoreApplication.translate(
            "Services", "its SHA-256 is not printed in the bundle's integrity certificate"
        ),
        "kit.verdict_ok": QCoreApplication.translate("Services", "OK"),
        "kit.verdict_failed": QCoreApplication.translate("Services", "FAILED: {files}"),
        # trust.* (bundle/trust.py: whom verify-bundle trusts)
        "trust.from_mozilla": QCoreApplication.translate(
            "Services", "the Mozilla root list shipped with the app (certifi {version})"
        ),
        "trust.from_mozilla_missing": QCoreApplication.translate(
            "Services", "the Mozilla root list (not installed: the certifi package is missing)"
        ),
        "trust.from_app": QCoreApplication.translate(
            "Services", "the TSA roots shipped with the app in {path}"
        ),
        "trust.from_tsa_roots": QCoreApplication.translate("Services", "the TSA roots file {path}"),
        "trust.from_org_key": QCoreApplication.translate(
            "Services", "the organisation key list {path}"
        ),
        "trust.from_pinned": QCoreApplication.translate("Services", "the pinned folder {path}"),
        "trust.from_pinned_file": QCoreApplication.translate("Services", "the pinned file {path}"),
        "trust.count_from": QCoreApplication.translate("Services", "{count} from {source}"),
        "trust.keys_from": QCoreApplication.translate(
            "Services", "{count} keys of {organisation} (store {store}) from {source}"
        ),
        "trust.roots_line": QCoreApplication.translate(
            "Services", "trusted TSA roots from outside the kit: {sources}"
        ),
        "trust.keys_line": QCoreApplication.translate(
            "Services", "pinned organisation keys: {sources}"
        ),
        "trust.nothing": QCoreApplication.translate("Services", "none"),
        "trust.token_trusted": QCoreApplication.translate(
            "Services",
            "token {file}: issued by {issuer} at {gen_time}; chains to {root}: trusted ({source})",
        ),
        "trust.token_untrusted": QCoreApplication.translate(
            "Services", "token {file}: issued by {issuer} at {gen_time}: NOT trusted: {reason}"
        ),
        "trust.signer_pinned": QCoreApplication.translate(
            "Services", "signer {name} ({role}), key {fingerprint}: pinned ({source}); {duties}"
        ),
        "trust.signer_unpinned": QCoreApplication.translate(
            "Services", "signer {name} ({role}), key {fingerprint}: NOT pinned ({reason}); {duties}"
        ),
        "trust.duty_listed": QCoreApplication.translate("Services", "listed in keys/users.json"),
        "trust.duty_entries": QCoreApplication.translate(
            "Services", "signed ledger entries {seqs}"
        ),
        "trust.duty_checkpoint": QCoreApplication.translate("Services", "signed checkpoint {size}"),
        "trust.duty_cosigned": QCoreApplication.translate(
            "Services", "cosigned the approvals in entries {seqs}"
        ),
        "trust.duty_tag_manifest": QCoreApplication.translate(
            "Services", "signed the tag manifest"
        ),
        "trust.duty_declaration": QCoreApplication.translate("Services", "signed the declaration"),
        "trust.duty_producer": QCoreApplication.translate("Services", "exported the bundle"),
        "trust.kit_root_only": QCoreApplication.translate(
            "Services", "it chains only to {root}, a root inside the kit"
        ),
        "trust.no_roots": QCoreApplication.translate(
            "Services",
            "it chains only to {root}, a root inside the kit (and no TSA roots from outside "
            "the kit are configured)",
        ),
        "trust.external_failed": QCoreApplication.translate(
            "Services", "it chains to {root} inside the kit; against the trusted roots: {error}"
        ),
        "trust.not_pinned": QCoreApplication.translate(
            "Services", "no pinned organisation key has this fingerprint"
        ),
        "trust.other_name": QCoreApplication.translate(
            "Services", "this key is pinned for {pinned}, not for {name}"
        ),
        "trust.other_store": QCoreApplication.translate(
            "Services", "this key is pinned for store {pinned_store}, the kit is from store {store}"
        ),
        "trust.reason_token": QCoreApplication.translate(
            "Services", "token {file} ({issuer}): {why}"
        ),
        "trust.reason_signer": QCoreApplication.translate(
            "Services", "signer {name} ({role}, key {short}…): {why}"
        ),
        "trust.unreadable": QCoreApplication.translate("Services", "cannot read: {error}"),
        "trust.no_certificate": QCoreApplication.translate("Services", "no PEM certificate in it"),
        "trust.not_pem": QCoreApplication.translate("Services", "not PEM certificates: {error}"),
        "trust.org_format": QCoreApplication.translate(
            "Services", "not an organisation key list (format {expected} expected)"
        ),
        "trust.org_user": QCoreApplication.translate("Services", "not a user with a name and keys"),
        "trust.org_public_key": QCoreApplication.translate(
            "Services", "the public key is not 64 hex digits"
        ),
        "trust.org_fingerprint": QCoreApplication.translate(
            "Services", "the fingerprint does not match the public key"
        ),
        # orgkeys.* (services/org_keys.py)
        "orgkeys.no_folder": QCoreApplication.translate(
            "Services", "the folder for this file does not exist"
        ),
        "orgkeys.is_folder": QCoreApplication.translate(
            "Services", "is a folder: give a file name"
        ),
        "orgkeys.cannot_write": QCoreApplication.translate("Services", "cannot write: {error}"),
        # rfc3161.*
        "rfc3161.failed": QCoreApplication.translate(
            "Services", "time-stamp {tsa_reason}: {detail}"
        ),
        "rfc3161.unknown_hash": QCoreApplication.translate(
            "Services", "unknown hash algorithm {algorithm}"
        ),
        "rfc3161.hash_not_accepted": QCoreApplication.translate(
            "Services", "{what} uses {algorithm}, not accepted"
        ),
        "rfc3161.what_digest": QCoreApplication.translate("Services", "the signer's digest"),
        "rfc3161.what_signature": QCoreApplication.translate("Services", "the signature"),
        "rfc3161.what_cert_id": QCoreApplication.translate("Services", "the ESSCertID"),
        "rfc3161.hash_unsupported": QCoreApplication.translate(
            "Services", "hash algorithm {algorithm} not supported; use one of {choices}"
        ),
        "rfc3161.digest_size": QCoreApplication.translate(
            "Services", "digest is {size} bytes, {algorithm} needs {needed}"
        ),
        "rfc3161.bad_nonce": QCoreApplication.translate(
            "Services", "nonce must be a positive integer below 2**160"
        ),
        "rfc3161.cannot_encode": QCoreApplication.translate(
            "Services", "cannot encode request: {error}"
        ),
        "rfc3161.bad_url": QCoreApplication.translate(
            "Services", "TSA URL must be http(s)://host/...: {url}"
        ),
        "rfc3161.bad_timeout": QCoreApplication.translate("Services", "timeout must be positive"),
        "rfc3161.http_status": QCoreApplication.translate(
            "Services", "{url} answered HTTP {status} {status_text}"
        ),
        "rfc3161.no_answer": QCoreApplication.translate(
            "Services", "{url}: no answer within {timeout} s"
        ),
        "rfc3161.refused": QCoreApplication.translate("Services", "{url}: connection refused"),
        "rfc3161.unreachable": QCoreApplication.translate("Services", "{url}: {error}"),
        "rfc3161.transport": QCoreApplication.translate("Services", "{url}: {error}"),
        "rfc3161.incomplete": QCoreApplication.translate(
            "Services", "{url}: answer not complete before the deadline"
        ),
        "rfc3161.too_large": QCoreApplication.translate(
            "Services", "{url}: answer larger than {limit} bytes"
        ),
        "rfc3161.unparsable": QCoreApplication.translate(
            "Services", "cannot parse the token: {error}"
        ),
        "rfc3161.not_signed_data": QCoreApplication.translate(
            "Services", "token is not a CMS SignedData"
        ),
        "rfc3161.not_tst_info": QCoreApplication.translate(
            "Services", "eContentType is not id-ct-TSTInfo"
        ),
        "rfc3161.no_tst_info": QCoreApplication.translate("Services", "the TSTInfo is missing"),
        "rfc3161.tst_version": QCoreApplication.translate("Services", "TSTInfo version is not 1"),
        "rfc3161.gen_time": QCoreApplication.translate("Services", "genTime missing or not in UTC"),
        "rfc3161.signers": QCoreApplication.translate("Services", "{count} signers, expected one"),
        "rfc3161.no_signed_attrs": QCoreApplication.translate(
            "Services", "the signer has no signed attributes"
        ),
        "rfc3161.attr_twice": QCoreApplication.translate(
            "Services", "signed attribute {name} occurs twice"
        ),
        "rfc3161.attrs_missing": QCoreApplication.translate(
            "Services", "content-type or message-digest attribute is missing"
        ),
        "rfc3161.signer_not_found": QCoreApplication.translate(
            "Services",
            "the signing certificate is neither in the token nor among the extra certificates",
        ),
        "rfc3161.content_type": QCoreApplication.translate(
            "Services", "content-type attribute is not id-ct-TSTInfo"
        ),
        "rfc3161.digest_mismatch": QCoreApplication.translate(
            "Services",
            "the message-digest attribute does not match the TSTInfo: the content was altered",
        ),
        "rfc3161.signature_unsupported": QCoreApplication.translate(
            "Services", "signature algorithm {name} not supported"
        ),
        "rfc3161.bad_signature_alg": QCoreApplication.translate(
            "Services", "bad signature algorithm: {error}"
        ),
        "rfc3161.key_unsupported": QCoreApplication.translate(
            "Services", "signer key not supported: {error}"
        ),
        "rfc3161.pss_mgf": QCoreApplication.translate("Services", "PSS without MGF1"),
        "rfc3161.signature_invalid": QCoreApplication.translate(
            "Services", "the token's signature does not verify with the TSA key"
        ),
        "rfc3161.library_unsupported": QCoreApplication.translate("Services", "{error}"),
        "rfc3161.signature_failed": QCoreApplication.translate(
            "Services", "signature check failed: {error}"
        ),
        "rfc3161.key_mismatch": QCoreApplication.translate(
            "Services", "signature algorithm {kind} does not fit the signer's {key_type}"
        ),
        "rfc3161.no_ess": QCoreApplication.translate(
            "Services", "no signing-certificate(-v2) attribute binds the signer's certificate"
        ),
        "rfc3161.ess_other": QCoreApplication.translate(
            "Services",
            "the signing-certificate attribute names a different certificate than the signer's",
        ),
        "rfc3161.ess_issuer": QCoreApplication.translate(
            "Services",
            "the signing-certificate issuer/serial does not match the signer's certificate",
        ),
        "rfc3161.no_eku": QCoreApplication.translate(
            "Services", "the TSA certificate has no extended key usage"
        ),
        "rfc3161.extensions": QCoreApplication.translate(
            "Services", "unreadable extensions: {error}"
        ),
        "rfc3161.eku_not_timestamping": QCoreApplication.translate(
            "Services",
            "the TSA certificate's extended key usage must be exactly id-kp-timeStamping",
        ),
        "rfc3161.eku_not_critical": QCoreApplication.translate(
            "Services", "the TSA certificate's extended key usage is not critical"
        ),
        "rfc3161.key_usage": QCoreApplication.translate(
            "Services",
            "the TSA certificate's key usage must be digitalSignature and/or nonRepudiation",
        ),
        "rfc3161.no_basic_constraints": QCoreApplication.translate(
            "Services", "{subject} is not a CA (no basicConstraints)"
        ),
        "rfc3161.not_ca": QCoreApplication.translate("Services", "{subject} is not a CA"),
        "rfc3161.path_length": QCoreApplication.translate(
            "Services", "path length constraint of {subject} exceeded"
        ),
        "rfc3161.no_cert_sign": QCoreApplication.translate(
            "Services", "{subject} may not sign certificates"
        ),
        "rfc3161.not_valid": QCoreApplication.translate(
            "Services", "{subject} is not valid at genTime {at} (valid {start} to {end})"
        ),
        "rfc3161.no_chain": QCoreApplication.translate(
            "Services", "no chain from {subject} to a trusted root"
        ),
        "rfc3161.tsa_name_unreadable": QCoreApplication.translate(
            "Services", "cannot compare TSA names: {error}"
        ),
        "rfc3161.tsa_name": QCoreApplication.translate(
            "Services", "the TSTInfo tsa field is not a name of the signer"
        ),
        "rfc3161.imprint_alg": QCoreApplication.translate(
            "Services", "the token stamps a {found} imprint, expected {expected}"
        ),
        "rfc3161.imprint": QCoreApplication.translate(
            "Services", "the token stamps a different hash than the one sent"
        ),
        "rfc3161.no_roots": QCoreApplication.translate(
            "Services", "no trusted TSA roots configured"
        ),
        "rfc3161.nonce": QCoreApplication.translate(
            "Services", "the token does not echo the request's nonce (replayed or foreign answer)"
        ),
        "rfc3161.policy": QCoreApplication.translate(
            "Services", "the token is under policy {found}, requested {requested}"
        ),
        "rfc3161.not_response": QCoreApplication.translate(
            "Services", "not a TimeStampResp ({size} bytes)"
        ),
        "rfc3161.rejected": QCoreApplication.translate("Services", "the TSA refused: {status}"),
        "rfc3161.no_token": QCoreApplication.translate("Services", "status granted but no token"),
        "rfc3161.naive_now": QCoreApplication.translate(
            "Services", "now must be an aware datetime"
        ),
        "rfc3161.skew": QCoreApplication.translate(
            "Services", "genTime {gen_time} is more than {skew} away from the local clock {local}"
        ),
        # anchor.*
        "anchor.where_file": QCoreApplication.translate("Services", "anchor {path}"),
        "anchor.where_backup": QCoreApplication.translate("Services", "backup {path}"),
        "anchor.where_kit": QCoreApplication.translate("Services", "bundle kit {path}"),
        "anchor.where_restore": QCoreApplication.translate(
            "Services", "anchor {path}, restore of {date}"
        ),
        "anchor.rollback": QCoreApplication.translate(
            "Services",
            "the ledger ends at {entries} but this machine saw {size} on {date} (anchor {path}): "
            "entries {first}..{size} are gone",
        ),
        "anchor.rollback_backup": QCoreApplication.translate(
            "Services",
            "the ledger ends at {entries} but the backup {user} made on {date} holds {size} "
            "({path}): entries {first}..{size} are gone",
        ),
        "anchor.rollback_kit": QCoreApplication.translate(
            "Services",
            "the ledger ends at {entries} but the bundle kit proves checkpoint {size} of {date} "
            "({path}): entries {first}..{size} are gone",
        ),
        "anchor.fork": QCoreApplication.translate(
            "Services",
            "this machine saw the ledger at {size} on {date} with another root (anchor {path}): "
            "the ledger was rewritten at or before entry {size}",
        ),
        "anchor.fork_backup": QCoreApplication.translate(
            "Services",
            "the backup {user} made on {date} holds the ledger at {size} with another root "
            "({path}): the ledger was rewritten at or before entry {size}",
        ),
        "anchor.fork_kit": QCoreApplication.translate(
            "Services",
            "the bundle kit proves checkpoint {size} of {date} with another root ({path}): the "
            "ledger was rewritten at or before entry {size}",
        ),
        "anchor.not_signed": QCoreApplication.translate(
            "Services",
            "the head of {size} recorded here is not signed by {signer} with the key this ledger "
            "gave them: the record was edited, or the entry that gave them a new key is gone",
        ),
        "anchor.signer_unknown": QCoreApplication.translate(
            "Services",
            "the head of {size} recorded here is signed by {signer}, whom this ledger does not "
            "know: the entries that added them are gone, or the record was edited",
        ),
        "anchor.restore_unsigned": QCoreApplication.translate(
            "Services",
            "the restore recorded here is not signed by an admin of this ledger ({user}): the "
            "record was edited",
        ),
        "anchor.restored": QCoreApplication.translate(
            "Services",
            "{user} restored this store on {date} from a backup of {size} entries; this machine "
            "had seen {seen} before (anchor {path})",
        ),
        "anchor.restored_claim": QCoreApplication.translate(
            "Services",
            "holds {size} of {date}, from before {user} restored this store on {restored} to a "
            "backup of {restored_size} entries",
        ),
        "anchor.unreadable": QCoreApplication.translate(
            "Services", "cannot be read ({error}); what it recorded is not compared"
        ),
        "anchor.set_aside": QCoreApplication.translate(
            "Services",
            "could not be read when this store was last written here, and was kept for "
            "inspection; what it recorded is not compared",
        ),
        "anchor.other_store": QCoreApplication.translate(
            "Services", "belongs to store {store}, not this one; not compared"
        ),
        "anchor.not_witness": QCoreApplication.translate(
            "Services", "not an anchor, a backup or a bundle kit; not compared"
        ),
        "anchor.no_file": QCoreApplication.translate("Services", "no such file; not compared"),
    }
