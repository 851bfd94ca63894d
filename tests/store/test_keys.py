import json
import os
from pathlib import Path

import pytest

from evidence_desk.domain.errors import AuthenticationFailed, StoreError
from evidence_desk.store.keys import KdfParams, KeySlots

FAST = KdfParams(n=2**10)


@pytest.fixture
def slots(tmp_path: Path) -> KeySlots:
    slots = KeySlots(tmp_path / "keyslots.json", "store-1")
    slots.create_empty()
    return slots


def test_slot_unwraps_data_and_signing_key_with_the_right_password(slots: KeySlots) -> None:
    data_key, signing_key = os.urandom(32), os.urandom(32)
    slots.write_slot("alice", "pa55word!", data_key, signing_key, "ab" * 32, FAST)
    unlocked = slots.unlock("alice", "pa55word!")
    assert (unlocked.data_key, unlocked.signing_key) == (data_key, signing_key)


def test_wrong_password_and_unknown_user_fail_the_same_way(slots: KeySlots) -> None:
    slots.write_slot("alice", "pa55word!", os.urandom(32), os.urandom(32), "ab" * 32, FAST)
    with pytest.raises(AuthenticationFailed) as wrong:
        slots.unlock("alice", "guess")
    with pytest.raises(AuthenticationFailed) as unknown:
        slots.unlock("mallory", "guess")
    assert str(wrong.value) == str(unknown.value)


def test_slot_file_names_no_user_and_records_kdf_parameters(slots: KeySlots) -> None:
    slots.write_slot("alice", "pa55word!", os.urandom(32), os.urandom(32), "ab" * 32, FAST)
    text = slots.path.read_text()
    assert "alice" not in text
    slot = next(iter(json.loads(text)["slots"].values()))
    assert slot["kdf"]["name"] == "scrypt" and slot["kdf"]["n"] == 2**10


def test_rewrapping_one_slot_changes_only_that_users_password(slots: KeySlots) -> None:
    data_key = os.urandom(32)
    slots.write_slot("alice", "old-pass-1", data_key, b"a" * 32, "aa" * 32, FAST)
    slots.write_slot("bob", "bob-pass-1", data_key, b"b" * 32, "bb" * 32, FAST)
    slots.write_slot("alice", "new-pass-1", data_key, b"a" * 32, "aa" * 32, FAST)
    with pytest.raises(AuthenticationFailed):
        slots.unlock("alice", "old-pass-1")
    assert slots.unlock("alice", "new-pass-1").data_key == data_key
    assert slots.unlock("bob", "bob-pass-1").signing_key == b"b" * 32


def test_corrupted_slot_file_gives_a_clear_store_error(slots: KeySlots) -> None:
    slots.path.write_text("{not json")
    with pytest.raises(StoreError, match="corrupted"):
        slots.unlock("alice", "x")
