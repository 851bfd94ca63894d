"""The conduct check's setting values: the lexicon parser and the approved-accounts validator."""

from __future__ import annotations

import pytest

from evidence_desk.domain.errors import BadInput
from evidence_desk.services import conduct_settings


def test_the_shipped_lexicon_matches_chinese_and_whole_english_words() -> None:
    shipped = conduct_settings.parse_lexicon(
        conduct_settings.shipped_lexicon_path().read_text("utf-8"), "shipped lexicon"
    )
    assert {
        "threat",
        "insult",
        "impersonation",
        "blacklist",
        "exaggeration",
        "extra_fees",
        "new_loans",
        "public_posting",
    } <= set(shipped)
    lexicon = conduct_settings.Lexicon(tuple(shipped.values()), "shipped")
    assert lexicon.matches("我们是公安，再不还就抓你") == {
        "impersonation": ["我们是公安"],
        "exaggeration": ["抓你"],
    }
    assert lexicon.matches("You will be BLACKLISTED") == {"blacklist": ["blacklisted"]}
    assert lexicon.matches("a skilled jailer? prisons?") == {}  # whole words only
    assert lexicon.matches("请先支付 500 元手续费") == {"extra_fees": ["手续费"]}
    assert lexicon.matches("可以用花呗先还上") == {"new_loans": ["用花呗"]}
    assert lexicon.matches("您好，请于本周内还款，谢谢。") == {}


def test_approved_accounts_are_normalised_and_split_on_any_separator() -> None:
    value = "6222 0202-1111 2222；Pay@Example.com, 6217000011112222\n\n"
    assert conduct_settings.validate_accounts_setting(value) == (
        "6222020211112222,pay@example.com,6217000011112222"
    )
    assert conduct_settings.validate_accounts_setting("") == ""


def test_an_approved_account_that_is_no_account_is_refused() -> None:
    with pytest.raises(BadInput) as refused:
        conduct_settings.validate_accounts_setting("6222 0202, 账户甲")
    # the first account that is not one is named (normalised), with the coded reason
    assert (refused.value.file, refused.value.locator) == ("approved_accounts", "账户甲")
    assert getattr(refused.value.reason, "code", None) == "conduct.bad_account"
