"""The catalogues' sentences in another language, read from the Qt Linguist .ts without Qt.

Every code of every :class:`~evidence_desk.domain.wording.Catalogue` has one entry in the
``Wording`` context of ``evidence_desk_zh_CN.ts`` (``scripts/translations.py`` writes them):
the English template is the source, the code the disambiguation, so translators work on every
sentence of the program in Linguist. The GUI asks Qt for these entries
(``QCoreApplication.translate("Wording", template, code)``); the bundle (PDF and VERIFY.txt) and
the CLI must not import Qt, so they read the same entries here. Like Qt, an entry counts only
while its source is the catalogue's current English template: a reworded template without a
new translation is said in English, never with the translation of the old wording.

:func:`say` words a :class:`~evidence_desk.domain.wording.Phrase` in a language: its code's
template with ``{name}`` filled in from its facts, nested Phrases said in turn, in one pass so
that a fact holding ``{name}`` (a quoted chat line) is never filled in again. A translated
template words a count-dependent word as the catalogues do, ``{count:form|forms}`` (the form
chosen by :func:`~evidence_desk.domain.wording.plural_form`); a language without plurals
(Chinese: ``{count} 条消息``) simply writes ``{count}``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Mapping

from defusedxml import ElementTree

from evidence_desk.domain import wording
from evidence_desk.domain.wording import Phrase, plural_form
from evidence_desk.resources import resource_path

__all__ = [
    "CONTEXT",
    "ENGLISH",
    "entries",
    "fill",
    "register_all",
    "say",
    "translated_template",
    "ts_path",
]

#: The .ts context that holds one entry per catalogue code.
CONTEXT = "Wording"
#: The catalogues' own language: nothing to look up.
ENGLISH = "en"

#: ``{name}``, or ``{name:singular|plural}`` (the form for the count ``name``)
_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^{}|]+)\|([^{}|]+))?\}")
_SKIPPED = ("obsolete", "vanished")


def ts_path(language: str) -> str:
    """Where the .ts of ``language`` (``zh_CN``) is shipped."""
    return str(resource_path("translations", f"evidence_desk_{language}.ts"))


@functools.cache
def entries(language: str) -> Mapping[tuple[str, str], str]:
    """``(code, English source) -> translation`` of the ``Wording`` context, as lrelease
    compiles it: obsolete and vanished entries and empty translations left out. Empty when the
    language has no .ts (English, or a build without it)."""
    if language == ENGLISH:
        return {}
    try:
        root = ElementTree.parse(ts_path(language)).getroot()
    except FileNotFoundError:
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in _SKIPPED:
                continue
            if translation.text:
                key = (message.findtext("comment") or "", message.findtext("source") or "")
                found[key] = translation.text
    return found


def translated_template(code: str, language: str) -> str | None:
    """The translated template of ``code`` while its source is the catalogue's English."""
    english = wording.template(code)
    if english is None:
        return None
    return entries(language).get((code, english))


def fill(template: str, facts: Mapping[str, str], counts: Mapping[str, str] | None = None) -> str:
    """``{name}`` replaced by ``facts[name]`` and ``{name:form|forms}`` by the form for the
    count ``counts[name]`` (``facts`` unless given: the GUI shows facts through labels but
    counts the stored value), in one pass; unknown names stay as written."""
    counted = facts if counts is None else counts

    def filled(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in facts:
            return match.group(0)
        if match.group(2) is None:
            return facts[name]
        return plural_form(counted.get(name, facts[name]), match.group(2), match.group(3))

    return _PLACEHOLDER.sub(filled, template)


def say(text: str, language: str) -> str:
    """A sentence in ``language``: a coded Phrase through its translated template (nested
    Phrases said in turn), anything else, or a code without a translation, as written."""
    if language == ENGLISH or not isinstance(text, Phrase) or not text.code:
        return str(text)
    template = translated_template(text.code, language)
    if template is None:
        return str(text)
    return fill(template, {name: say(value, language) for name, value in text.facts})


def register_all() -> dict[str, str]:
    """Import every module outside the GUI, so that every catalogue is registered, and return
    every code with its English template (a test's own ``test.*`` codes left out)."""
    import evidence_desk

    for module in pkgutil.walk_packages(evidence_desk.__path__, "evidence_desk."):
        if module.name.startswith("evidence_desk.ui") or module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    return {code: text for code, text in wording.codes().items() if not code.startswith("test.")}
