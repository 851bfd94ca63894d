"""Canonical JSON (RFC 8785 style) for everything that is hashed or signed.

Keys are sorted by their UTF-16 code units, there is no insignificant whitespace, strings are
emitted as UTF-8 with only the escapes JSON requires. Floats are refused outright: every value
we hash is an integer, a string, a boolean, null, a list or an object, which sidesteps the one
part of RFC 8785 (ECMAScript number formatting) that is easy to get subtly wrong. Money amounts
are therefore carried as decimal strings or integer cents.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


class NotCanonical(TypeError):
    """The value contains something canonical JSON does not carry (a float, bytes, a set...)."""


def _check(value: Any, path: str) -> None:
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
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


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted(value[k]) for k in sorted(value, key=lambda s: s.encode("utf-16-be"))}
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    return value


def canonical_bytes(value: Any) -> bytes:
    """Serialise ``value`` canonically; raises NotCanonical for values JSON cannot carry exactly."""
    _check(value, "$")
    return json.dumps(
        _sorted(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
