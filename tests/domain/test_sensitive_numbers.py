"""Bank-card and account numbers found in message text (PI-6): true and false positives."""

from __future__ import annotations

import pytest

from evidence_desk.domain import sensitive_numbers as numbers


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in numbers.find(text)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("我的卡 6222021234567890128 谢谢", "6222021234567890128"),  # UnionPay, 19 digits
        ("转到 6222 0212 3456 7890 128", "6222 0212 3456 7890 128"),  # grouped by spaces
        ("Visa 4111-1111-1111-1111.", "4111-1111-1111-1111"),  # grouped by dashes
        ("mc 5500 0000 0000 0004", "5500 0000 0000 0004"),
        ("amex 378282246310005", "378282246310005"),
        ("2221 0000 0000 0009", "2221 0000 0000 0009"),  # the Mastercard 2-series
    ],
)
def test_luhn_valid_card_shaped_numbers_are_cards(text: str, found: str) -> None:
    assert _kinds(text) == [(found, "card")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("账号：6217001234567", "6217001234567"),
        ("帐号 1234 5678 9012", "1234 5678 9012"),  # no Luhn needed: the word says it
        ("卡号6222 0212 3456 7890 123", "6222 0212 3456 7890 123"),  # Luhn-invalid card no.
        ("Account No. 12345678901", "12345678901"),
        ("A/C: 0123456789", "0123456789"),
    ],
)
def test_numbers_introduced_as_accounts_are_accounts(text: str, found: str) -> None:
    assert _kinds(text) == [(found, "account")]


@pytest.mark.parametrize(
    "text, found",
    [
        # the demo's old card: 19 digits, a typo away from Luhn, after a bare 卡
        ("也可以先转到我个人的卡 6217 0000 1111 2222 333。", "6217 0000 1111 2222 333"),
        ("卡：6222021234567890123", "6222021234567890123"),
        ("这张卡6222-0212-3456-7890", "6222-0212-3456-7890"),
        ("我的信用卡是 4111 1111 1111 1112", "4111 1111 1111 1112"),
        ("卡号是6217000011112222333", "6217000011112222333"),
        ("my card 5500 0000 0000 0005", "5500 0000 0000 0005"),
    ],
)
def test_a_long_number_right_after_a_card_word_is_a_card_without_luhn(
    text: str, found: str
) -> None:
    assert _kinds(text) == [(found, "card")]


@pytest.mark.parametrize(
    "text",
    [
        "卡 13800138000",  # a mobile number after 卡: 11 digits
        "卡里还有 3000 元，下月 15 号还 1200",  # amounts and dates
        "卡 621700001111220",  # 15 digits: too short for this rule, and Luhn fails
        "打卡记录 1234567890123456 已提交",  # a word between: not introduced as a card
        "打卡 1234567890123456",  # 打卡 is clocking in, not a card
        "卡片订单号 6217000011112222333",  # an order number that merely mentions a card
        "卡 12345678901234567890123",  # too long for a card
    ],
)
def test_a_card_word_does_not_make_other_numbers_cards(text: str) -> None:
    assert numbers.find(text) == ()


def test_a_resident_id_after_a_card_word_is_not_a_card() -> None:
    assert numbers.find("卡 11010519491231002X") == ()
    assert numbers.find(f"卡 {_gansu_id_that_passes_luhn()}") == ()


def _gansu_id_that_passes_luhn() -> str:
    """An 18-digit Gansu (62...) resident ID number that also passes Luhn: card-shaped."""
    for serial in range(1000):
        body = f"62010219900101{serial:03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
        if check != "X" and numbers.luhn_valid(body + check):
            return body + check
    raise AssertionError("no such number")


@pytest.mark.parametrize(
    "text",
    [
        "电话 13800138000",  # a mobile number: 11 digits
        "电话 138 0013 8000 或 13900139000",
        "+86 138 0013 8000",  # 13 digits, but 86 is no card prefix
        "4111-1111-1111-1112",  # card-shaped, Luhn fails
        "订单号 1234567890123456",  # an order number: no card prefix
        "订单号 7000000000000005",  # Luhn-valid but no card prefix
        "身份证 11010519491231002X",
        "我 1 月 20 号先还 5000",
        "12345678901234567890123",  # too long for a card
    ],
)
def test_phones_ids_and_order_numbers_are_not_flagged(text: str) -> None:
    assert numbers.find(text) == ()


def test_a_resident_id_is_not_a_card_even_when_it_passes_luhn() -> None:
    card_shaped_id = _gansu_id_that_passes_luhn()
    assert numbers.resident_id(card_shaped_id) and numbers.luhn_valid(card_shaped_id)
    assert numbers.find(f"身份证 {card_shaped_id}") == ()


def test_a_luhn_valid_card_shaped_order_number_is_masked_too() -> None:
    """The documented trade-off: a card-shaped, Luhn-valid number is masked whatever it is."""
    assert _kinds("订单 4000000000000002") == [("4000000000000002", "card")]


def test_masking_keeps_the_first_and_last_four_digits() -> None:
    assert numbers.mask("卡 6222 0212 3456 1236 转账") == "卡 6222 **** **** 1236 转账"
    assert numbers.masked_number("6222021234567890128") == "6222 **** **** **** 0128"
    assert numbers.mask("账号：6217001234567") == "账号：6217 **** **** 4567"
    assert numbers.mask("帐号 12345678") == "帐号 12 **** 78"
    assert numbers.mask("没有数字") == "没有数字"


def test_pieces_mark_the_numbers() -> None:
    assert list(numbers.pieces("卡 4111111111111111 ok")) == [
        ("卡 ", False),
        ("4111111111111111", True),
        (" ok", False),
    ]
