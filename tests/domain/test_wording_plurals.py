"""Count-dependent words in the catalogues: ``{count} {count:message|messages}``, never "(s)".

Only the English text depends on the count: a Phrase's code and facts are what they were
before (they are what is sealed), and a sentence worded again from sealed JSON facts, where
the count is text, reads the same as the one the service said.
"""

from __future__ import annotations

import json

import pytest

from evidence_desk.domain.wording import (
    Catalogue,
    fact_names,
    fields,
    plural_form,
    plural_forms,
    render,
    worded,
)
from evidence_desk.importers.base import sealed_phrase
from evidence_desk.translations import register_all

said = Catalogue(
    {
        "test.plural_rows": "{count} bad {count:row|rows}",
        "test.plural_verb": "{count} {count:line|lines} {count:was|were} joined ({name!r})",
        "test.plural_two": "{cases} {cases:case|cases} and about {people} {people:person|people}",
    }
)


@pytest.mark.parametrize(
    ("count", "english"), [(0, "0 bad rows"), (1, "1 bad row"), (2, "2 bad rows")]
)
def test_the_english_form_follows_the_count(count: int, english: str) -> None:
    assert said("test.plural_rows", count=count) == english


def test_several_plurals_and_other_fields_in_one_sentence() -> None:
    assert said("test.plural_verb", count=1, name="a.txt") == "1 line was joined ('a.txt')"
    assert said("test.plural_verb", count=3, name="a.txt") == "3 lines were joined ('a.txt')"
    assert said("test.plural_two", cases=1, people=2) == "1 case and about 2 people"
    assert said("test.plural_two", cases=2, people=1) == "2 cases and about 1 person"


def test_a_phrase_keeps_its_code_and_facts_as_without_the_plural() -> None:
    phrase = said("test.plural_rows", count=1)
    assert (phrase.code, phrase.facts) == ("test.plural_rows", (("count", "1"),))
    assert sealed_phrase(phrase) == {"code": "test.plural_rows", "facts": {"count": "1"}}
    assert fields("{count} bad {count:row|rows}") == {"count"}
    assert fact_names("test.plural_two") == {"cases", "people"}


@pytest.mark.parametrize(
    ("count", "form"),
    [
        (1, "row"),
        ("1", "row"),  # sealed JSON facts and a Phrase's facts are text
        (" 1 ", "row"),
        ("+1", "row"),
        ("3", "rows"),
        ("0", "rows"),
        ("-1", "rows"),
        ("1.0", "rows"),  # not a whole integer: the plural, never an error
        ("one", "rows"),
        ("", "rows"),
        (None, "rows"),
        (True, "rows"),  # a bool is no count
        (1.0, "rows"),
    ],
)
def test_a_count_is_read_from_its_text_and_anything_else_takes_the_plural(
    count: object, form: str
) -> None:
    assert plural_form(count, "row", "rows") == form


def test_a_str_count_words_the_same_as_the_int() -> None:
    assert said("test.plural_rows", count="1") == said("test.plural_rows", count=1) == "1 bad row"
    assert said("test.plural_rows", count="3") == "3 bad rows"


def test_a_sealed_sentence_worded_again_from_json_text_facts() -> None:
    for count, english in ((1, "1 bad row"), (2, "2 bad rows")):
        sealed = json.loads(json.dumps(sealed_phrase(said("test.plural_rows", count=count))))
        assert sealed["facts"] == {"count": str(count)}
        again = worded(sealed)
        assert again == english and again.facts == (("count", str(count)),)


def test_render_without_a_plural_is_str_format() -> None:
    assert render("{a!r} {b:>3} {{c}}", {"a": "x", "b": "7"}) == "'x'   7 {c}"
    assert render("{n} {n:item|items}", {"n": "2"}) == "2 items"
    # escapes, conversions and specs around a plural are kept; a form is never a field
    mixed = "{{n}} {n} {n:item|items} {s!r:>6} {m:it is|they are}"
    assert render(mixed, {"n": 1, "s": "x", "m": "3"}) == "{n} 1 item    'x' they are"
    assert render(mixed, {"n": 2, "s": "x", "m": 1}) == "{n} 2 items    'x' it is"


@pytest.mark.parametrize(
    "template",
    [
        "{:row|rows}",  # no fact named: nothing to count
        "{0:row|rows}",  # a positional argument is no fact
        "{count.size:row|rows}",  # nor an attribute of one
        "{count[0]:row|rows}",
        "{count!r:row|rows}",
        "{count:row|rows|rowses}",  # not two forms
        "{count:|rows}",
        "{count:row|}",
        "{count:row|{other}}",
    ],
)
def test_a_plural_without_its_count_fact_is_refused_when_the_catalogue_is_built(
    template: str,
) -> None:
    with pytest.raises(ValueError, match=r"test\.plural_bad"):
        Catalogue({"test.plural_bad": template})


def test_plural_forms_of_a_spec() -> None:
    assert plural_forms("row|rows") == ("row", "rows")
    assert plural_forms("slot belongs|slots belong") == ("slot belongs", "slots belong")
    assert plural_forms("02d") is None and plural_forms("") is None


def test_no_catalogue_template_says_s_in_brackets() -> None:
    """Every count-dependent word is a plural; "http(s)" is no plural and stays."""
    left = {
        code: text for code, text in register_all().items() if "(s)" in text.replace("http(s)", "")
    }
    assert left == {}


def test_service_counts_that_are_often_one_say_the_singular() -> None:
    """A shredding, a backup, a device's entries, a pending stamp: counts that are often 1."""
    from evidence_desk.cli.devices import _said as devices_said
    from evidence_desk.services.shredding import Shredded
    from evidence_desk.services.timestamps import _said as timestamps_said

    counts = {
        "contacts": 1,
        "messages": 2,
        "imports": 1,
        "items": 1,
        "documents": 1,
        "tags": 0,
        "blobs": 1,
        "bytes": 1,
        "entries": 1,
        "reads": 1,
    }
    said = Shredded("C-1", "expired", 9, "2026-12-06T00:00:00+00:00", counts, False).describe()
    assert said == (
        "case C-1 shredded (basis expired): 1 contact, 2 messages, 1 import, 1 item (1 document), "
        "0 tags, 1 original (1 byte) destroyed, 1 ledger entry and 1 read log row redacted; "
        "tombstone at ledger seq 9"
    )
    assert timestamps_said("tsa.pending", count=1) == "1 entry sealed locally, not yet time-stamped"
    line = devices_said("cli.device_line", device="d", user="u", size=1)
    assert line == "d  u  1 entry"
