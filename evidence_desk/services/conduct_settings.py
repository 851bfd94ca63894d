"""The conduct check's own setting values: the lexicon (CC-6), the institution's names (CC-5)
and the approved accounts (CC-7).

Parsing and validating them needs nothing of the store, so the settings service validates a new
``conduct_lexicon`` or ``approved_accounts`` value here, and the conduct check (which reads the
settings) builds its lexicon and compares accounts with the same code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue
from evidence_desk.resources import resource_path

_said = Catalogue(
    {
        "lexicon.not_terms": "must be a list of non-empty strings",
        "lexicon.not_json": "not JSON: {error}",
        "lexicon.no_categories": 'needs an object {{"categories": {{NAME: {{...}}}}}}',
        "lexicon.category_name": "category names are lower-case letters, digits and _",
        "lexicon.category_shape": "must be an object with zh and en term lists",
        "lexicon.not_string": "must be a string",
        "lexicon.unreadable": "cannot read the lexicon file: {error}",
        "lexicon.shipped_missing": "the shipped lexicon is missing: {error}",
        "conduct.bad_account": "an account is digits, or an e-mail for Alipay",
    }
)


@dataclass(frozen=True, slots=True)
class LexiconCategory:
    name: str
    label_zh: str
    label_en: str
    source: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    _english: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def matches(self, text: str) -> list[str]:
        """Terms of this category in ``text``: Chinese as substrings, English as whole words."""
        folded = text.casefold()
        found = [term for term in self.zh if term.casefold() in folded]
        if self._english is not None:
            found += sorted({m.group(0).casefold() for m in self._english.finditer(text)})
        return found


@dataclass(frozen=True, slots=True)
class Lexicon:
    categories: tuple[LexiconCategory, ...]
    origin: str

    def matches(self, text: str) -> dict[str, list[str]]:
        hits = {c.name: c.matches(text) for c in self.categories}
        return {name: terms for name, terms in hits.items() if terms}


def _english_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    parts = [r"\s+".join(re.escape(w) for w in term.split()) for term in terms]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.IGNORECASE)


def _terms(value: Any, origin: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise BadInput(origin, where, _said("lexicon.not_terms"))
    return tuple(t.strip() for t in value)


def parse_lexicon(
    text: str, origin: str, base: dict[str, LexiconCategory] | None = None
) -> dict[str, LexiconCategory]:
    """Read a lexicon document; its categories replace those of ``base`` with the same name.

    Shape: ``{"categories": {NAME: {"label_zh", "label_en", "source", "zh": [...],
    "en": [...]}}}``. A category given as ``null`` (or with no terms) is switched off.
    """
    try:
        doc = json.loads(text)
    except ValueError as error:
        raise BadInput(
            origin, f"line {getattr(error, 'lineno', '?')}", _said("lexicon.not_json", error=error)
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("categories"), dict):
        raise BadInput(origin, "$", _said("lexicon.no_categories"))
    result = dict(base or {})
    for name, spec in doc["categories"].items():
        where = f"$.categories.{name}"
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
            raise BadInput(origin, where, _said("lexicon.category_name"))
        if spec is None:
            result.pop(name, None)
            continue
        if not isinstance(spec, dict):
            raise BadInput(origin, where, _said("lexicon.category_shape"))
        old = result.get(name)
        zh = _terms(spec.get("zh"), origin, f"{where}.zh")
        en = _terms(spec.get("en"), origin, f"{where}.en")
        for key in ("label_zh", "label_en", "source"):
            if key in spec and not isinstance(spec[key], str):
                raise BadInput(origin, f"{where}.{key}", _said("lexicon.not_string"))
        if not zh and not en:
            result.pop(name, None)
            continue
        result[name] = LexiconCategory(
            name,
            spec.get("label_zh", old.label_zh if old else name),
            spec.get("label_en", old.label_en if old else name),
            spec.get("source", old.source if old else origin),
            zh,
            en,
            _english_pattern(en),
        )
    return result


def shipped_lexicon_path() -> Path:
    return resource_path("conduct", "lexicon.json")


def validate_lexicon_setting(value: str) -> str:
    """Validator for the ``conduct_lexicon`` setting: empty, or a lexicon document."""
    if not value.strip():
        return ""
    parse_lexicon(value, "conduct_lexicon")
    return json.dumps(json.loads(value), ensure_ascii=False, sort_keys=True)


def read_lexicon_file(path: Path) -> str:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(str(path), "", _said("lexicon.unreadable", error=error)) from None
    parse_lexicon(text, str(path))
    return text


def normalise_account(value: str) -> str:
    return re.sub(r"[\s-]", "", value).casefold()


def validate_accounts_setting(value: str) -> str:
    """Validator for ``approved_accounts``: accounts separated by commas, semicolons or lines."""
    accounts = [normalise_account(a) for a in re.split(r"[,;，；\n]", value)]
    for account in accounts:
        if account and not re.fullmatch(r"[0-9a-z._%+@-]{4,64}", account):
            raise BadInput("approved_accounts", account, _said("conduct.bad_account"))
    return ",".join(a for a in accounts if a)


_NAME_SEPARATORS = re.compile(r"[|,，、;；\n]")
_TRAILING_ALIAS = re.compile(r"^(?P<name>.*?)\s*[(（](?P<alias>[^()（）]*)[)）]\s*$")


def institution_names(value: str) -> tuple[str, ...]:
    """The names and aliases of the collecting institution that CC-5 accepts, in order.

    Names are separated by ``|`` (or commas, semicolons, 、 and lines); a name followed by a
    bracketed alias, the form the single-string setting used to hold ("示例资产管理有限公司
    (Demo Asset Management)"), counts as two names, because a first message names the
    institution by either and never by both with the brackets. Stored values are never rewritten
    (settings are a ledger projection that verify replays), so the old form is read this way
    whenever it is met; new values are saved in the list form by ``validate_institution_names``.
    """
    names: list[str] = []
    for part in _NAME_SEPARATORS.split(value):
        aliases: list[str] = []
        rest = part.strip()
        while (match := _TRAILING_ALIAS.match(rest)) is not None:
            aliases.insert(0, match.group("alias").strip())
            rest = match.group("name").strip()
        names.extend(n for n in (rest, *aliases) if n)
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append(name)
    return tuple(unique)


def validate_institution_names(value: str) -> str:
    """Validator for ``institution_names``: saved as the list, ``A | B``, aliases split out."""
    return " | ".join(institution_names(value))
