"""Reading the fields of a signed statement's JSON (receipts, organisation checkpoints, hub key
rotations): exact types, or an exception the statement's parser turns into its own refusal.

A statement is judged byte for byte after it is read (its body re-serialised must be the
signed text), so these getters only refuse what the statement's dataclass could not hold: a
missing field (KeyError) or one of another JSON type (TypeError; ``true`` is no integer).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def text(value: Mapping[str, Any], name: str) -> str:
    """The string field ``name`` of ``value``."""
    found = value[name]
    if not isinstance(found, str):
        raise TypeError(name)
    return found


def integer(value: Mapping[str, Any], name: str) -> int:
    """The integer field ``name`` of ``value`` (a JSON boolean is not one)."""
    found = value[name]
    if type(found) is not int:
        raise TypeError(name)
    return found


def count(value: Mapping[str, Any], name: str) -> int:
    """The integer field ``name`` of ``value``, not below zero (a size, a sequence number)."""
    found = integer(value, name)
    if found < 0:
        raise TypeError(name)
    return found
