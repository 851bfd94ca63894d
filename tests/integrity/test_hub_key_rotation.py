"""The statement that hands the hub's receipt key on: signed by both keys, followed in a chain."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import hub_key_rotation, signing
from evidence_desk.integrity.hub_key_rotation import MalformedRotation

HUB = "hub-1"


def _keys(n: int) -> list[Ed25519PrivateKey]:
    return [Ed25519PrivateKey.generate() for _ in range(n)]


def test_a_rotation_is_signed_by_both_keys_and_survives_its_json() -> None:
    old, new = _keys(2)
    rotation = hub_key_rotation.rotate(HUB, old, new, "2026-12-05T10:00:00.000000Z")
    assert rotation.old == signing.public_key_hex(old)
    assert rotation.new == signing.public_key_hex(new)
    assert hub_key_rotation.parse(rotation.as_json()) == rotation


def test_a_statement_signed_by_one_key_only_or_altered_is_refused() -> None:
    old, new, stranger = _keys(3)
    rotation = hub_key_rotation.rotate(HUB, old, new, "2026-12-05T10:00:00.000000Z")
    # someone without the old key hands its trust to their own key
    forged = hub_key_rotation.rotate(HUB, stranger, new, rotation.at)
    taken = {**forged.as_json(), "body": rotation.body()}
    with pytest.raises(MalformedRotation):
        hub_key_rotation.parse(taken)
    later = {**rotation.as_json(), "body": rotation.body().replace("10:00", "11:00")}
    with pytest.raises(MalformedRotation):
        hub_key_rotation.parse(later)
    with pytest.raises(MalformedRotation):
        hub_key_rotation.parse({"body": "{}", "old_signature": "", "new_signature": ""})


def test_the_chain_leads_from_the_pinned_key_to_the_newest_only_through_valid_steps() -> None:
    a, b, c, d = _keys(4)
    first = hub_key_rotation.rotate(HUB, a, b, "2026-01-01T00:00:00.000000Z")
    second = hub_key_rotation.rotate(HUB, b, c, "2026-06-01T00:00:00.000000Z")
    key = signing.public_key_hex
    assert hub_key_rotation.chain(HUB, key(a), key(c), [second, first]) == [first, second]
    assert hub_key_rotation.chain(HUB, key(b), key(c), [first, second]) == [second]
    assert hub_key_rotation.chain(HUB, key(c), key(c), []) == []
    with pytest.raises(MalformedRotation):  # no statement hands c on to d
        hub_key_rotation.chain(HUB, key(a), key(d), [first, second])
    with pytest.raises(MalformedRotation):  # another hub's rotations prove nothing here
        hub_key_rotation.chain("hub-2", key(a), key(c), [first, second])
    backwards = hub_key_rotation.rotate(HUB, b, c, "2025-01-01T00:00:00.000000Z")
    with pytest.raises(MalformedRotation):
        hub_key_rotation.chain(HUB, key(a), key(c), [first, backwards])
