"""Old imports sealed "(s)" English: after the catalogues' plurals they are rebuilt as sealed.

The release before issue 17 sealed its problems and repairs as English, "replaced 1 lone
surrogate character reference(s) with U+FFFD" among them. Verify rebuilds those bytes with the
frozen templates (importers/legacy_wording.py), so the live catalogues' plural forms
("1 ... reference", "1 byte follows") must never reach them.
(tests/services/test_release_store.py verifies the release's own store.)
"""

from __future__ import annotations

from evidence_desk.domain.wording import fact_names, render, worded
from evidence_desk.importers import legacy
from evidence_desk.importers.legacy_wording import TEMPLATES
from evidence_desk.translations import register_all


def test_every_reworded_plural_of_an_importer_is_rebuilt_with_its_frozen_words() -> None:
    live = register_all()
    plural = {code for code, text in live.items() if code in TEMPLATES and "|" in text}
    assert plural >= {
        "line.joined",
        "messenger.mojibake_failed",
        "sms.repaired_lone",
        "sms.count_mismatch",
        "telegram.zone_mismatch_more",
    }
    for code in sorted(plural):
        for count in ("1", "2"):
            facts = {name: count for name in fact_names(code)}
            phrase = worded({"code": code, "facts": facts})
            assert phrase == render(live[code], facts) and "(s)" not in phrase, code
            old = legacy.english(phrase)
            assert old == TEMPLATES[code].format(**facts), code
            if count == "1":  # "1 line(s) ... were", "1 bytes follow": as that release wrote
                assert old != phrase, code
