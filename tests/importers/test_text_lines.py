"""check_line_lengths jumps windows of the limit: it must name the same line the plain walk does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import text


def _first_long_line(source: str, limit: int) -> int | None:
    """The definition: the number of the first line longer than ``limit`` characters."""
    for number, line in enumerate(source.split("\n"), start=1):
        if len(line) > limit:
            return number
    return None


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\n", max_size=12), max_size=8).map("".join),
    st.integers(0, 6),
)
def test_the_first_line_over_the_limit_is_named(source: str, limit: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "MAX_LINE_CHARS", limit)
        expected = _first_long_line(source, limit)
        if expected is None:
            text.check_line_lengths("chat.txt", source)
            return
        with pytest.raises(ImportInputError) as raised:
            text.check_line_lengths("chat.txt", source)
    assert raised.value.locator == f"line {expected}"


def test_a_line_of_exactly_the_limit_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "MAX_LINE_CHARS", 3)
    text.check_line_lengths("chat.txt", "abc\nabc\n\nabc")
    with pytest.raises(ImportInputError) as raised:
        text.check_line_lengths("chat.txt", "abc\nabc\nabcd")
    assert raised.value.locator == "line 3"
