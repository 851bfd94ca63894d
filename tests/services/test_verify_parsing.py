"""verify's fast payload parser must give exactly json.loads' verdicts: the same value, or a
ValueError (a payload edited outside the app is reported as not JSON, never crashes verify)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from evidence_desk.services.verify import _json_value

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _verdict(parse: Any, text: str) -> tuple[str, str | None]:
    try:
        return "value", repr(parse(text))  # repr: NaN equals itself
    except ValueError:
        return "error", None


@given(value=json_values, before=st.sampled_from(["", " ", "\n"]), after=st.text(max_size=3))
def test_same_verdict_as_json_loads_on_json_with_anything_around_it(
    value: Any, before: str, after: str
) -> None:
    text = before + json.dumps(value, ensure_ascii=False, separators=(",", ":")) + after
    assert _verdict(_json_value, text) == _verdict(json.loads, text)


@given(text=st.text(max_size=40))
def test_same_verdict_as_json_loads_on_any_text(text: str) -> None:
    assert _verdict(_json_value, text) == _verdict(json.loads, text)
