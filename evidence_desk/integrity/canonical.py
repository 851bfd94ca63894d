"""Canonical JSON (RFC 8785 style) for everything that is hashed or signed.

Keys are sorted by their UTF-16 code units, there is no insignificant whitespace, strings are
emitted as UTF-8 with only the escapes JSON requires. Floats are refused outright: every value
we hash is an integer, a string, a boolean, null, a list or an object, which sidesteps the one
part of RFC 8785 (ECMAScript number formatting) that is easy to get subtly wrong. Money amounts
are therefore carried as decimal strings or integer cents. Integers must lie within RFC 8785's
(I-JSON's) safe range, ``±(2**53 - 1)``: a verifier that reads numbers as IEEE 754 doubles
would otherwise read a different value than the one that was signed.

The bytes are written by ``orjson`` (a C encoder, several times faster than ``json.dumps``; an
import seals 100k messages). Its output equals ``json.dumps(ensure_ascii=False,
separators=(",", ":"))`` for every value this module accepts: tests hold the two writers, and
the ``rfc8785`` reference implementation, together byte for byte. Anything ``orjson`` refuses
(a lone surrogate, a sequence type it does not know) goes through :func:`reference_json`, the
previous writer, so errors and edge cases stay what they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import orjson

# datetimes and dataclasses are not JSON values: orjson must refuse them as json.dumps does
_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_SORTED = orjson.OPT_SORT_KEYS | _STRICT

#: RFC 8785 §3.2.2.3 / I-JSON (RFC 7493 §2.2): integers a double represents exactly.
MAX_SAFE_INTEGER = 2**53 - 1


class NotCanonical(TypeError):
    """The value contains something canonical JSON does not carry (a float, bytes, a set...)."""


def _check(value: Any, path: str) -> None:
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise NotCanonical(f"{path}: integer outside ±(2**53 - 1), which JSON cannot carry")
        return
    if isinstance(value, float):
        raise NotCanonical(f"{path}: floats are not allowed in canonical JSON")
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotCanonical(f"{path}: object keys must be strings")
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]")
        return
    raise NotCanonical(f"{path}: {type(value).__name__} is not a JSON value")


def _utf16(key: str) -> bytes:
    return key.encode("utf-16-be")


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted(value[k]) for k in sorted(value, key=_utf16)}
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    return value


def reference_json(value: Any, *, sort_keys: bool = False) -> str:
    """The reference writer: compact ``json.dumps`` with raw UTF-8, keys as they come (or sorted
    by code point).

    ``orjson`` must produce exactly ``reference_json(value).encode()``; the tests compare the two.
    """
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=sort_keys
    )


def compact_bytes(value: Any, *, sort_keys: bool = False) -> bytes:
    """``reference_json(value, sort_keys=sort_keys).encode()``, written by ``orjson``.

    For callers that build their values from known types (the per-message encoding of an import
    and its normalised document, whose keys are ASCII, so that orjson's order is json's);
    :func:`canonical_bytes` checks and sorts by UTF-16 first. No floats: orjson writes NaN as
    ``null`` where ``reference_json`` refuses it. What orjson refuses (a lone surrogate) takes
    the ``json`` path and fails there as it always did.
    """
    try:
        return orjson.dumps(value, option=_SORTED if sort_keys else _STRICT)
    except orjson.JSONEncodeError:
        return reference_json(value, sort_keys=sort_keys).encode("utf-8")


#: A JSON string literal of a ``str``: ``orjson.dumps(text)``, the bytes :func:`compact_bytes`
#: writes for that string inside any value (the same C writer; tests hold the two together). For
#: writers that splice literals into fixed templates (an import's 100k messages). It raises
#: :data:`StringNotEncodable` where ``compact_bytes`` would fall back (a lone surrogate): such a
#: caller then takes the :func:`compact_bytes` path, which fails as it always did.
string_bytes: Final[Callable[[str], bytes]] = orjson.dumps
StringNotEncodable: Final = orjson.JSONEncodeError


def canonical_bytes(value: Any) -> bytes:
    """Serialise ``value`` canonically; raises NotCanonical for values JSON cannot carry exactly."""
    _check(value, "$")
    return compact_bytes(_sorted(value))
