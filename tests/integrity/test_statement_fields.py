"""The field getters every signed statement's parser shares: exact JSON types or a refusal."""

from __future__ import annotations

import pytest

from evidence_desk.integrity import statement_fields as fields

VALUE = {"s": "x", "n": 3, "neg": -1, "flag": True, "f": 1.0, "none": None}


def test_each_getter_returns_its_type() -> None:
    assert fields.text(VALUE, "s") == "x"
    assert fields.integer(VALUE, "n") == 3 and fields.integer(VALUE, "neg") == -1
    assert fields.count(VALUE, "n") == 3


@pytest.mark.parametrize(
    ("getter", "name", "error"),
    [
        (fields.text, "missing", KeyError),
        (fields.text, "n", TypeError),
        (fields.text, "none", TypeError),
        (fields.integer, "flag", TypeError),  # a JSON true is no integer
        (fields.integer, "f", TypeError),
        (fields.integer, "s", TypeError),
        (fields.count, "neg", TypeError),
        (fields.count, "flag", TypeError),
        (fields.count, "missing", KeyError),
    ],
)
def test_a_missing_or_mistyped_field_is_refused(getter: object, name: str, error: type) -> None:
    assert callable(getter)
    with pytest.raises(error):
        getter(VALUE, name)
