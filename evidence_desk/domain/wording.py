"""Sentences the services compose in English, each also carrying a stable code and its facts.

The services and importers word what they found in English: the CLI prints it, the bundle and the
normalised parse output (EV-5) keep it, and tests compare it. A front end in another language
cannot translate a composed sentence, so every such sentence is made from a :class:`Catalogue`:
the catalogue holds one English template per *code*, and calling it gives a :class:`Phrase`,
which *is* the English text (a ``str``) and also remembers the code and the values it was made
from (its *facts*, by name).

The catalogue is the only copy of a sentence. ``scripts/translations.py`` writes one entry per
code into the Qt Linguist .ts (context ``Wording``, source = the English template,
disambiguation = the code), where translators give it in another language. The GUI asks Qt for
that entry and fills in the facts (``evidence_desk/ui/service_text.py``); the bundle and the CLI
read the same entries without Qt (``evidence_desk/translations.py``). A code without a
translation is said in English.

Codes are ``area.name`` (``import.empty_file``, ``whatsapp.no_header``, ``contact.not_pending``),
unique across the program and stable: translations are keyed by them. A fact value may itself
be a Phrase (a detection reason inside an "ambiguous" reason), which a front end translates in
turn. :func:`codes` lists every code of every catalogue loaded so far, so the .ts can be
generated from them and a test can check that each has a translation.

A count-dependent word is a field whose format spec is the two English forms, singular first:
``"{count} {count:message|messages}"``, ``"{count:line was|lines were} joined"``. The field names
the fact that chooses the form (:func:`plural_form`: 1 is singular, anything else plural), so it
is an ordinary field for :class:`string.Formatter` parsing: :func:`fields` and
:func:`fact_names` find the count among the facts, the .ts source shows a translator both forms
next to the number, and a translated template may use the same syntax with its own forms or,
in a language without plurals, plain ``{count}`` alone. Only the text changes with the count: a
Phrase's code and facts are what they would be without it (the facts are what is sealed). ``|``
is therefore never a fill character of a format spec in a catalogue template.

Nothing here depends on Qt: the services must not import it.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Mapping, Sequence

__all__ = [
    "Catalogue",
    "Facts",
    "Phrase",
    "codes",
    "fact_names",
    "fields",
    "is_sealed",
    "plural_form",
    "plural_forms",
    "render",
    "sealed_json",
    "semicolon_list",
    "template",
    "worded",
]

#: Named values a sentence was made of, in the order the catalogue call gave them.
Facts = tuple[tuple[str, str], ...]

_TEMPLATES: dict[str, str] = {}
_ALSO: dict[str, tuple[str, ...]] = {}


class Phrase(str):
    """English text that also carries a stable ``code`` and its ``facts``.

    A ``str`` subclass so that everything that handled the English sentence before (printing,
    JSON, comparisons, the normalised parse bytes) keeps working unchanged.
    """

    code: str
    facts: Facts

    def __new__(cls, text: str, code: str = "", facts: Facts = ()) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.code = code
        phrase.facts = facts
        return phrase

    def __getnewargs__(self) -> tuple[str, str, Facts]:  # type: ignore[override]
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild the code and facts too
        return (str(self), self.code, self.facts)

    def fact(self, name: str) -> str | None:
        return next((value for key, value in self.facts if key == name), None)


def _fact(value: object) -> str:
    # a nested Phrase keeps its code (a front end translates it in turn); anything else,
    # str enums included, becomes its plain text
    return value if isinstance(value, Phrase) or type(value) is str else str(value)


#: A whole decimal integer as text: how a count reads in a Phrase's facts and in sealed JSON.
_INTEGER = re.compile(r"[+-]?[0-9]+")


def plural_form(count: object, singular: str, plural: str) -> str:
    """``singular`` when ``count`` is the integer 1, else ``plural`` (English: "0 messages",
    "1 message", "2 messages").

    The count is read from its text, so the int a service passes and the ``"1"`` its Phrase's
    facts or a sealed sentence's JSON hold choose alike. A value that is not a whole decimal
    integer (``"1.0"``, ``"one"``, ``None``, a bool) takes the plural: wording a fact never
    fails, whatever an older store sealed."""
    text = count if isinstance(count, str) else None if isinstance(count, bool) else str(count)
    if text is None or not _INTEGER.fullmatch(text.strip()):
        return plural
    return singular if int(text) == 1 else plural


def plural_forms(spec: str) -> tuple[str, str] | None:
    """A field's format spec as its two forms (``"message|messages"`` -> singular, plural),
    or None when the spec is not a plural (``02d``, ``""``). A spec with a ``|`` that is not
    two forms is refused, so a typo never passes as a format spec."""
    if "|" not in spec:
        return None
    forms = spec.split("|")
    if len(forms) != 2 or not all(form.strip() for form in forms) or "{" in spec:
        raise ValueError(f"plural {spec!r} is not two forms, 'singular|plural'")
    return forms[0], forms[1]


@functools.lru_cache(maxsize=4096)
def _plurals(text: str) -> tuple[tuple[str, str, str], ...]:
    """The plural fields of a template in order, each ``(count fact, singular, plural)``."""
    found = []
    for _lit, name, spec, _conv in string.Formatter().parse(text):
        forms = plural_forms(spec or "")
        if forms is not None and name:
            found.append((name, *forms))
    return tuple(found)


@functools.lru_cache(maxsize=8192)
def _chosen(text: str, forms: tuple[str, ...]) -> str:
    """``text`` with its plural fields replaced by ``forms`` (in order), as a plain
    :meth:`str.format` template: the other fields, conversions, specs and ``{{`` as written."""
    chosen = iter(forms)
    pieces = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        pieces.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if spec and plural_forms(spec) is not None:
            pieces.append(next(chosen).replace("{", "{{").replace("}", "}}"))
        else:
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            pieces.append("{" + field + "}")
    return "".join(pieces)


def render(text: str, facts: Mapping[str, object]) -> str:
    """A template filled in from ``facts`` as :meth:`str.format` does, plural fields worded by
    their count (:func:`plural_form`). The form of each plural is chosen first and the
    template with those words in place is remembered, so this costs one :meth:`str.format`."""
    plurals = _plurals(text)
    if not plurals:
        return text.format(**facts)
    forms = tuple(plural_form(facts[name], one, other) for name, one, other in plurals)
    return _chosen(text, forms).format(**facts)


def _check_plurals(code: str, text: str) -> None:
    """Refuse a plural field that names no fact to count (``{:a|b}``, ``{0:a|b}``,
    ``{n.size:a|b}``) or is not two forms, when the catalogue is built rather than when a rare
    sentence is first said."""
    for _lit, name, spec, conversion in string.Formatter().parse(text):
        try:
            forms = plural_forms(spec or "")
        except ValueError as error:
            raise ValueError(f"wording code {code!r}: {error}") from None
        if forms is None:
            continue
        if not name or not name.isidentifier() or conversion:
            raise ValueError(
                f"wording code {code!r}: plural {{{name or ''}:{spec}}} names no count fact"
            )


class Catalogue:
    """The English templates of the codes one module can emit; calling it words one of them.

    ``templates`` maps a code to a :meth:`str.format` template whose fields name the facts
    (``"{count} rows"``; conversions and format specs such as ``{name!r}`` or ``{n:02d}`` apply
    to the English only; ``{count:row|rows}`` is the form for the count, see the module's
    docstring). ``also`` names facts a code carries that its English does not show (a front end
    may word the sentence from them instead). Registering a code twice with a different
    template, or a plural that names no count fact, is an error.
    """

    def __init__(
        self, templates: Mapping[str, str], also: Mapping[str, tuple[str, ...]] | None = None
    ) -> None:
        for code, text in templates.items():
            _check_plurals(code, text)
        for code, text in templates.items():
            known = _TEMPLATES.get(code)
            if known is not None and known != text:
                raise ValueError(f"wording code {code!r} is registered twice")
            _TEMPLATES[code] = text
        for code, names in (also or {}).items():
            if code not in templates:
                raise ValueError(f"wording code {code!r} has no template")
            _ALSO[code] = names
        self._templates = dict(templates)
        self._names = {code: fact_names(code) for code in templates}

    def __call__(self, code: str, /, **facts: object) -> Phrase:
        if not facts.keys() <= self._names[code]:
            unknown = ", ".join(sorted(facts.keys() - self._names[code]))
            raise ValueError(f"wording code {code!r} has no fact named {unknown}")
        text = render(self._templates[code], facts)
        return Phrase(text, code, tuple((name, _fact(value)) for name, value in facts.items()))

    def __contains__(self, code: object) -> bool:
        return code in self._templates

    def codes(self) -> list[str]:
        return list(self._templates)


def codes() -> dict[str, str]:
    """Every code registered so far with its English template (import a module to register)."""
    return dict(_TEMPLATES)


def template(code: str) -> str | None:
    return _TEMPLATES.get(code)


def fact_names(code: str) -> set[str]:
    """The facts a code's phrases carry: its English template's fields and its ``also``."""
    return fields(_TEMPLATES[code]) | set(_ALSO.get(code, ()))


def fields(text: str) -> set[str]:
    """The field names a :meth:`str.format` template uses (``{a} {b!r} {c:02d}`` -> a, b, c)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


_lists = Catalogue({"list.semicolons": "{first}; {rest}"})


def semicolon_list(items: Sequence[str]) -> str:
    """``"a; b; c"``, as nested Phrases when the items are Phrases (a front end joins them in
    its own punctuation and translates each)."""
    if not items:
        return ""
    joined = items[-1]
    for item in reversed(items[:-1]):
        joined = _lists("list.semicolons", first=item, rest=joined)
    return joined


def is_sealed(value: object) -> bool:
    """Whether ``value`` has the shape of a sealed sentence: ``{"code": str, "facts": {name:
    text or sealed sentence}}`` and nothing else (importers/base.py ``sealed_phrase`` makes it)."""
    if not isinstance(value, Mapping) or set(value) != {"code", "facts"}:
        return False
    code, facts = value["code"], value["facts"]
    return (
        isinstance(code, str)
        and bool(code)
        and isinstance(facts, Mapping)
        and all(
            isinstance(name, str) and (isinstance(fact, str) or is_sealed(fact))
            for name, fact in facts.items()
        )
    )


def sealed_json(text: str) -> Mapping[str, object] | None:
    """The sealed sentence a stored text holds as a JSON object, or None for any other text
    (a sentence some older release sealed in English: it never starts with ``{``)."""
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if is_sealed(value) else None


def worded(sealed: Mapping[str, object]) -> Phrase:
    """A sealed ``{code, facts}`` worded again by today's catalogue: the English of today, with
    its code and facts, so a front end says it in its own language. A nested sealed fact is
    worded in turn. The facts are text, so a template must not give them a numeric format spec;
    the code's module must have been imported (its catalogue registered). A plural field reads
    its count from the text (``"1"``: singular)."""
    code = sealed["code"]
    facts = sealed["facts"]
    if not isinstance(code, str) or not isinstance(facts, Mapping):
        raise ValueError(f"not a sealed sentence: {sealed!r}")
    text = _TEMPLATES.get(code)
    if text is None:
        raise ValueError(f"wording code {code!r} is not registered")
    values = {
        str(name): worded(value) if isinstance(value, Mapping) else str(value)
        for name, value in facts.items()
    }
    return Phrase(render(text, values), code, tuple(values.items()))
