import json
from typing import Any

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from evidence_desk.integrity import canonical
from evidence_desk.integrity.canonical import (
    MAX_SAFE_INTEGER,
    NotCanonical,
    canonical_bytes,
    compact_bytes,
    reference_json,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _rfc8785(value: Any) -> bytes:
    """The reference implementation (its signature takes JSON-shaped values only)."""
    return rfc8785.dumps(value)


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


def _previous_writer(value: object) -> bytes:
    """canonical_bytes as it was before orjson: json.dumps over the UTF-16-sorted value."""
    return reference_json(canonical._sorted(value)).encode("utf-8")


@given(json_values)
def test_orjson_writer_equals_the_previous_writer_and_rfc8785(value: object) -> None:
    encoded = canonical_bytes(value)
    assert encoded == _previous_writer(value)
    assert encoded == _rfc8785(value)


# Hand-checked vectors (RFC 8785 §3.2.2.2: only these escapes, lowercase hex, raw UTF-8)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("\x00\x1f", b'"\\u0000\\u001f"'),
        ('"\\/\b\f\n\r\t', b'"\\"\\\\/\\b\\f\\n\\r\\t"'),
        ("\x7f\u2028\u00e9\U0001f600", '"\x7f\u2028\u00e9\U0001f600"'.encode()),
        (
            {"\ue000": 1, "\U0001f600": 2, "a": [True, None]},
            '{"a":[true,null],"\U0001f600":2,"\ue000":1}'.encode(),
        ),
        ([MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER, 0], b"[9007199254740991,-9007199254740991,0]"),
    ],
)
def test_hand_checked_vectors(value: object, expected: bytes) -> None:
    assert canonical_bytes(value) == expected == _rfc8785(value)


@pytest.mark.parametrize("big", [2**53, -(2**53), 2**63, -(2**64), {"size": 2**53}, [1, 2**70]])
def test_integers_outside_the_safe_range_are_refused_as_rfc8785_does(big: object) -> None:
    with pytest.raises(NotCanonical):
        canonical_bytes(big)
    with pytest.raises(rfc8785.IntegerDomainError):
        _rfc8785(big)


def test_what_orjson_refuses_takes_the_previous_path_and_fails_as_before() -> None:
    lone = "\ud800"
    with pytest.raises(UnicodeEncodeError):
        canonical_bytes({"text": lone})
    with pytest.raises(UnicodeEncodeError):
        _previous_writer({"text": lone})


def test_compact_bytes_refuses_what_json_refuses() -> None:
    from datetime import UTC, datetime

    with pytest.raises(TypeError):
        compact_bytes({"at": datetime(2024, 1, 1, tzinfo=UTC)})
    assert compact_bytes({"b": 1, "a": "中"}) == '{"b":1,"a":"中"}'.encode()
