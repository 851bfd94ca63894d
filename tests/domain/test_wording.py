"""Phrases: English text that also carries a code and its facts, for a front end to translate."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import asdict, dataclass

import pytest

from evidence_desk.domain.errors import BadInput, RuleViolation
from evidence_desk.domain.wording import (
    Catalogue,
    Phrase,
    fact_names,
    fields,
    is_sealed,
    sealed_json,
    semicolon_list,
    worded,
)

said = Catalogue(
    {
        "test.rows": "{count} of {total} rows ({name!r})",
        "test.braces": "needs {{src, msg}}",
        "test.hidden": "ambiguous: {listed}",
    },
    also={"test.hidden": ("formats",)},
)


def test_a_phrase_is_its_english_text_and_remembers_code_and_facts() -> None:
    phrase = said("test.rows", count=3, total=10, name="a.csv")
    assert phrase == "3 of 10 rows ('a.csv')"
    assert isinstance(phrase, str) and phrase.code == "test.rows"
    assert phrase.facts == (("count", "3"), ("total", "10"), ("name", "a.csv"))
    assert phrase.fact("total") == "10" and phrase.fact("absent") is None
    assert json.dumps([phrase]) == "[\"3 of 10 rows ('a.csv')\"]"
    assert said("test.braces") == "needs {src, msg}"


def test_copies_keep_the_code_and_facts() -> None:
    @dataclass
    class Holder:
        text: str

    phrase = said("test.rows", count=1, total=2, name="x")
    for copied in (
        copy.copy(phrase),
        copy.deepcopy(phrase),
        pickle.loads(pickle.dumps(phrase)),
        asdict(Holder(phrase))["text"],
    ):
        assert copied == phrase
        assert isinstance(copied, Phrase)
        assert (copied.code, copied.facts) == (phrase.code, phrase.facts)


def test_a_nested_phrase_stays_a_phrase_and_other_values_become_plain_text() -> None:
    import enum

    class Colour(enum.StrEnum):
        RED = "red"

    inner = said("test.braces")
    outer = said("test.hidden", listed=inner, formats=Colour.RED)
    assert dict(outer.facts)["listed"] is inner
    assert type(dict(outer.facts)["formats"]) is str


def test_a_fact_the_code_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="no fact named bogus"):
        said("test.rows", count=1, total=2, name="x", bogus=1)
    with pytest.raises(KeyError):
        said("test.rows", count=1)  # the English cannot be worded without every field


def test_a_code_registered_twice_with_other_words_is_refused() -> None:
    Catalogue({"test.braces": "needs {{src, msg}}"})  # the same words: fine
    with pytest.raises(ValueError, match="registered twice"):
        Catalogue({"test.braces": "something else"})


def test_fact_names_are_the_template_fields_and_the_declared_extras() -> None:
    assert fields("{a} {b!r} {c:02d} {{d}}") == {"a", "b", "c"}
    assert fact_names("test.rows") == {"count", "total", "name"}
    assert fact_names("test.hidden") == {"listed", "formats"}


def test_semicolon_lists_nest_so_each_item_keeps_its_code() -> None:
    items = [said("test.braces"), said("test.rows", count=1, total=2, name="y")]
    joined = semicolon_list(items)
    assert joined == "needs {src, msg}; 1 of 2 rows ('y')"
    assert joined.code == "list.semicolons"
    assert dict(joined.facts)["first"].code == "test.braces"
    assert semicolon_list([]) == "" and semicolon_list(["only"]) == "only"


def test_errors_keep_the_english_message_and_expose_the_detail_code() -> None:
    refused = RuleViolation("rule.x", said("test.rows", count=1, total=2, name="z"))
    assert refused.message == "refused by rule rule.x: 1 of 2 rows ('z')"
    assert type(refused.message) is str
    assert refused.detail_code == "test.rows" and dict(refused.facts)["name"] == "z"
    bad = BadInput("file.csv", "line 3", said("test.braces"))
    assert bad.message == "file.csv: line 3: needs {src, msg}"
    assert bad.detail_code == "test.braces" and bad.reason.code == "test.braces"
    plain = BadInput("file.csv", "", "plain words")
    assert plain.detail_code == "" and plain.facts == ()


def test_a_sealed_sentence_is_worded_again_with_nested_facts() -> None:
    inner = said("test.rows", count=3, total=7, name="a")
    sealed = {
        "code": "test.hidden",
        "facts": {
            "listed": {"code": "test.rows", "facts": {"count": "3", "total": "7", "name": "a"}}
        },
    }
    assert is_sealed(sealed) and sealed_json(json.dumps(sealed)) == sealed
    again = worded(sealed)
    assert again == "ambiguous: 3 of 7 rows ('a')" and again.code == "test.hidden"
    listed = again.fact("listed")
    assert isinstance(listed, Phrase) and listed == inner and listed.code == "test.rows"
    # an older release's English, or JSON of another shape, is no sealed sentence
    assert sealed_json("the first message is dated 2026-03-01") is None
    assert sealed_json('{"code": "test.rows"}') is None and sealed_json("{broken") is None
    assert not is_sealed({"code": "", "facts": {}}) and not is_sealed(
        {"code": "x", "facts": {"n": 1}}
    )
    with pytest.raises(ValueError, match="not registered"):
        worded({"code": "test.no_such_code", "facts": {}})
