"""What an import sealed, rebuilt for the parser version it was recorded with.

Up to the release before issue 17 every importer sealed its problems, its repairs and (images,
recordings) its detection reason as English sentences; since then they are sealed as codes and
facts (:func:`~evidence_desk.importers.base.sealed_problem`), and each importer's version was
bumped once for it (:data:`REWORDED`). The messages and everything else were sealed the same way
in both versions, so verify can re-parse an old import with today's parser and rebuild the old
bytes from the result: the sentences are worded again from the facts, with the templates that
release had (:mod:`evidence_desk.importers.legacy_wording`), never with the live catalogues,
which may be reworded at any time.

The document is encoded here as that release encoded it (one ``json.dumps`` with sorted keys
and no ASCII escaping, messages spliced in), independently of how :func:`normalised_bytes`
encodes today's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from evidence_desk.domain.wording import Phrase, template
from evidence_desk.importers.base import ParsedChat, ParseProblem, normalised_bytes
from evidence_desk.importers.legacy_wording import TEMPLATES

if TYPE_CHECKING:
    from evidence_desk.importers.images import ParsedImage
    from evidence_desk.importers.recordings import ParsedRecording

__all__ = ["REWORDED", "as_recorded"]

_WECHAT: Final = (
    "wechat",
    "wechat-memotrace-csv",
    "wechat-pywxdump-csv",
    "wechat-wechatexporter-txt",
    "wechat-memotrace-txt",
    "wechat-memotrace-html",
    "wechat-wechatexporter-html",
)

#: format -> (the version that sealed English, the version that seals codes and facts instead)
REWORDED: Final[Mapping[str, tuple[str, str]]] = {
    "image": ("1", "2"),
    "recording": ("1", "2"),
    "sms_backup_restore_xml": ("1", "2"),
    "telegram_json": ("1", "2"),
    "messenger_json": ("1", "2"),
    "line_txt": ("1", "2"),
    "whatsapp": ("1.0", "1.1"),
    "generic-csv": ("1.0", "1.1"),
    **{name: ("1.0", "1.1") for name in _WECHAT},
}


def as_recorded(
    result: ParsedChat | ParsedImage | ParsedRecording, recorded_version: str
) -> bytes | dict[str, object] | None:
    """What an import recorded with ``recorded_version`` sealed, rebuilt from ``result`` (this
    code's parse of its original): a chat's normalised bytes, or the document an image's or
    recording's canonical bytes are made of. ``None`` when this code cannot rebuild it (a
    version older than the ones it knows: its parser may have read the file differently)."""
    current = result.parser_version
    if recorded_version != current and REWORDED.get(result.format_name) != (
        recorded_version,
        current,
    ):
        return None
    if isinstance(result, ParsedChat):
        if recorded_version == current:
            return normalised_bytes(result)
        return _english_chat(result, recorded_version)
    document = result.as_json()
    if recorded_version != current:
        document["parser_version"] = recorded_version
        document["detection_reason"] = english(result.detection_reason)
        document["problems"] = [_english_problem(p) for p in result.problems]
        if result.time_basis is not None:
            document["time_basis"] = english(result.time_basis)
    return document


def english(phrase: str) -> str:
    """A sentence as the release before issue 17 worded it. The phrase's own text when every
    template it is made of is still worded the same (exact, whatever the facts' types were);
    else worded again from its facts with the frozen templates."""
    if not isinstance(phrase, Phrase) or not phrase.code or _worded_as_then(phrase):
        return str(phrase)
    then = TEMPLATES.get(phrase.code)
    facts = {name: english(value) for name, value in phrase.facts}
    try:
        return str(phrase) if then is None else then.format(**facts)
    except (KeyError, IndexError, ValueError):
        # a fact renamed since: the bytes cannot be rebuilt, and verify will say they differ
        return str(phrase)


def _worded_as_then(phrase: Phrase) -> bool:
    if template(phrase.code) != TEMPLATES.get(phrase.code):
        return False
    return all(_worded_as_then(value) for _name, value in phrase.facts if isinstance(value, Phrase))


def _english_problem(problem: ParseProblem) -> dict[str, object]:
    return {
        "file": problem.file,
        "locator": problem.locator,
        "reason": english(problem.reason),
        "severity": problem.severity,
    }


def _english_chat(chat: ParsedChat, version: str) -> bytes:
    doc = {
        "format": chat.format_name,
        "parser_version": version,
        "title": english(chat.title),
        "participants": [english(p) for p in chat.participants],
        "timezone": chat.timezone,
        "encoding": chat.encoding,
        "repairs": [english(r) for r in chat.repairs],
        "problems": [_english_problem(p) for p in chat.problems],
        "messages": [],
    }
    head = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = ",".join(
        json.dumps(m.as_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for m in chat.messages
    )
    return head.replace('"messages":[]', '"messages":[' + body + "]", 1).encode()
