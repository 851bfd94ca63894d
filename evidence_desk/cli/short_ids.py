"""Long ids in the CLI's refusal lines, in the short form a person reads (first 8 characters).

The hub's ``hub.decided`` refusal names full device ids and the contact's id. They are facts:
the ``--json`` report, the store and an expert keep them whole (so does the GUI's expert
detail). The line a person reads shows each id as the GUI's ``ui/decided_text.py`` and the
case list show a device, by its first :data:`~evidence_desk.services.org_origins.SHORT_ID`
characters: the English is the catalogue's template filled in with the shortened ids, and the
phrase keeps its code and its full facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from evidence_desk.domain import shown_instants, wording
from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.domain.wording import Phrase
from evidence_desk.services.org_origins import SHORT_ID

__all__ = ["SHORTENED", "error_line", "shortened"]

#: the facts of a code that hold a long id, shown by their first SHORT_ID characters
SHORTENED: Final[Mapping[str, frozenset[str]]] = {
    "hub.decided": frozenset({"device", "contact", "first_device"}),
}


def shortened(text: str) -> str:
    """``text`` with the long ids its code names (:data:`SHORTENED`) cut to their short form in
    its English; its code and facts unchanged. Any other text as it is."""
    if not isinstance(text, Phrase) or text.code not in SHORTENED:
        return text
    template = wording.template(text.code)
    if template is None:
        return text
    ids = SHORTENED[text.code]
    shown = {name: value[:SHORT_ID] if name in ids else value for name, value in text.facts}
    try:
        english = wording.render(template, shown)
    except (KeyError, IndexError, ValueError):  # facts of another wording (a newer hub's)
        return text
    return Phrase(english, text.code, text.facts)


def error_line(error: EvidenceDeskError) -> str:
    """The message of an error as the CLI prints it: its detail's long ids in short form and
    the instants it names as local times (domain/shown_instants.py)."""
    detail = error.detail
    short = shortened(detail)
    message = error.message
    if short is not detail and message.endswith(str(detail)):
        message = message[: len(message) - len(str(detail))] + short
    return shown_instants.english(message, short)
