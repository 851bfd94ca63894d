import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_desk.integrity.canonical import NotCanonical, canonical_bytes

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def test_keys_sorted_no_whitespace_utf8() -> None:
    assert canonical_bytes({"b": 1, "a": [True, None], "中": "文"}) == (
        '{"a":[true,null],"b":1,"中":"文"}'.encode()
    )


def test_keys_sort_by_utf16_code_units_as_rfc8785_requires() -> None:
    # U+1F600 (surrogate pair D83D DE00) sorts before U+FB01 in UTF-16, after it in code points.
    value = {"\ufb01": 1, "\U0001f600": 2}
    assert canonical_bytes(value).decode() == '{"\U0001f600":2,"\ufb01":1}'


@pytest.mark.parametrize("bad", [1.5, {"x": float("nan")}, b"bytes", {1: "int key"}, {"s": {1}}])
def test_values_json_cannot_carry_exactly_are_refused(bad: object) -> None:
    with pytest.raises(NotCanonical):
        canonical_bytes(bad)


@given(json_values)
def test_canonical_form_is_stable_and_round_trips(value: object) -> None:
    encoded = canonical_bytes(value)
    assert canonical_bytes(json.loads(encoded)) == encoded
    assert json.loads(encoded) == value
