"""Bank-card and account numbers in message text (PI-6: financial accounts are sensitive).

Detection is a pure function of the text, so it is derived where it is needed (the bundle's
transcripts, the message view) rather than stored: the stored text is already re-derived by
``verify`` from the sealed original, so the spans need no table, no migration and no check of
their own, and an improved detector (a new :data:`DETECTOR_VERSION`) applies to every bundle made
after it. A bundle's ledger entry names the detector version that masked it.

Two kinds of span:

- ``card``: 13 to 19 digits, optionally grouped by single spaces or dashes, that pass the Luhn
  check *and* start like a payment card: ``62`` (UnionPay, most Chinese debit cards), ``4``
  (Visa), ``51``-``55`` and ``2221``-``2720`` (Mastercard), ``34``/``37`` (Amex, 15 digits),
  ``35`` (JCB), ``60``/``65`` (Discover). An 18-character string that is a valid resident
  identity number (region, birth date, ISO 7064 check character) is an ID number, not a card,
  even when it also passes Luhn (a Gansu ID starts with 62).
- ``card`` too: 16 to 19 digits (grouped the same way) right after a word for a card (卡,
  卡号, 银行卡, 信用卡, 借记卡, 储蓄卡, "card", optionally followed by 是/为 and a colon),
  with or without Luhn and whatever they start with: real debtors and staff quote cards with
  context ("转到我的卡 6217 ...") and make typos, and a typo costs the Luhn digit. A resident
  identity number is still not a card. The word must come right before the number, so a mobile
  number (11 digits), an amount or an order number written after other words is not caught.
- ``account``: 8 to 30 digits after 账号, 帐号, 卡号, 账户, 帐户, 银行卡, "account", "acct",
  "A/C" or "card no" (and an optional colon): a bank account number has no check digit, so only
  the word that introduces it says what it is.

The trade-off: a Luhn-valid, card-shaped order or tracking number (about one in ten random
numbers of the right length and prefix passes Luhn) is masked too. Masking a harmless number
costs a reader little (legal can unmask with a reason); printing a debtor's card number in a
bundle that goes to a court, a law firm or an outsourcer is a PIPL breach. A mobile number (11
digits) is never a card; a card written with a typo and no card word before it, or split across
messages, is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

#: 2: a 16-19 digit run right after a card word is a card without the Luhn check
DETECTOR_VERSION: Final = "2"

_GROUPED: Final = re.compile(r"(?<![\d-])\d(?:[ \-]?\d){12,18}(?![\d])")
_INTRODUCED: Final = re.compile(
    r"(?:账号|帳號|帐号|卡号|卡號|账户|帐户|銀行卡|银行卡|\baccount(?:\s+(?:no\.?|number))?"
    r"|\bacct\.?|\ba/c|\bcard\s+(?:no\.?|number))\s*[:：#]?\s*"
    r"(\d(?:[ \-]?\d){7,29})(?![\d])",
    re.IGNORECASE,
)
_CARD_WORD: Final = re.compile(
    r"(?:银行卡|信用卡|借记卡|储蓄卡|(?<!打)卡(?:号码?|號)?|\bcard(?:\s+(?:no\.?|number))?)"
    r"(?:是|为|為)?\s*[:：#]?\s*"
    r"(\d(?:[ \-]?\d){15,18})(?![\dXx])",
    re.IGNORECASE,
)
_CARD_PREFIXES: Final = ("62", "4", "34", "35", "37", "60", "65")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start``..``end`` of a text are a ``card`` or an ``account`` number."""

    start: int
    end: int
    kind: str


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every payment card number carries in its last digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card_shaped(digits: str) -> bool:
    if digits.startswith(("34", "37")):
        return len(digits) == 15
    if digits.startswith(_CARD_PREFIXES):
        return True
    head2, head4 = int(digits[:2]), int(digits[:4])
    return 51 <= head2 <= 55 or 2221 <= head4 <= 2720


_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK: Final = "10X98765432"


def resident_id(text: str) -> bool:
    """An 18-character PRC resident identity number: region 11-65/71/81-83, a real birth
    date, and its ISO 7064 MOD 11-2 check character (GB 11643)."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    if not (11 <= int(text[:2]) <= 65 or text[:2] in ("71", "81", "82", "83")):
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if born.year < 1900:
        return False
    check = _ID_CHECK[sum(int(c) * w for c, w in zip(text[:17], _ID_WEIGHTS, strict=True)) % 11]
    return text[17].upper() == check


def find(text: str) -> tuple[Span, ...]:
    """Every card and account number in ``text``, in order, not overlapping."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for match in _INTRODUCED.finditer(text):
        start, end = match.span(1)
        spans.append(Span(start, end, "account"))
        taken.append((start, end))
    for match in _CARD_WORD.finditer(text):
        start, end = match.span(1)
        if any(s < end and start < e for s, e in taken) or resident_id(_digits(match.group(1))):
            continue
        spans.append(Span(start, end, "card"))
        taken.append((start, end))
    for match in _GROUPED.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        digits = _digits(match.group())
        if not 13 <= len(digits) <= 19 or resident_id(digits):
            continue
        if _card_shaped(digits) and luhn_valid(digits):
            spans.append(Span(start, end, "card"))
    return tuple(sorted(spans, key=lambda s: s.start))


def masked_number(number: str) -> str:
    """``6222 **** **** 1234``: the first and last four digits, a ``****`` per hidden group of
    up to four. Shorter numbers keep two digits at each end."""
    digits = _digits(number)
    keep = 4 if len(digits) >= 10 else 2
    hidden = len(digits) - 2 * keep
    groups = " ".join("****" for _ in range(max(1, -(-hidden // 4))))
    return f"{digits[:keep]} {groups} {digits[-keep:]}"


def mask(text: str, spans: tuple[Span, ...] | None = None) -> str:
    """``text`` with every detected number replaced by :func:`masked_number`."""
    found = find(text) if spans is None else spans
    if not found:
        return text
    parts: list[str] = []
    at = 0
    for span in found:
        parts += [text[at : span.start], masked_number(text[span.start : span.end])]
        at = span.end
    parts.append(text[at:])
    return "".join(parts)


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` cut into runs, each with whether it is a detected number (for marking)."""
    at = 0
    for span in find(text):
        if span.start > at:
            yield text[at : span.start], False
        yield text[span.start : span.end], True
        at = span.end
    if at < len(text):
        yield text[at:], False
