"""Sentences several services use, worded once (see :mod:`evidence_desk.domain.wording`).

A service module builds its own catalogue as ``Catalogue({**COMMON_WORDING, ...})`` so that it
words everything through one callable. Codes here start with ``input.``: they describe a value
the user gave (``input.one_of``'s ``choices`` are the stored codes, comma-separated).
"""

from __future__ import annotations

COMMON_WORDING = {
    "input.one_of": "must be one of {choices}",
    "input.no_files": "no files given",
    "input.cannot_read": "cannot read: {error}",
    "input.not_a_file": "not a file",
    "input.note_too_long": "a note holds at most {limit} characters",
    "input.language": "must be zh_CN or en",
}
