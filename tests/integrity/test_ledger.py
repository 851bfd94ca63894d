import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_desk.integrity import ledger, merkle, signing
from evidence_desk.integrity.canonical import canonical_bytes


def test_entry_hash_and_genesis_binding() -> None:
    genesis = ledger.genesis_hash("store-a")
    assert genesis != ledger.genesis_hash("store-b")
    entry = ledger.unsigned_entry(
        seq=1,
        at="2026-01-01T00:00:00.000000Z",
        actor="root",
        action="store.init",
        payload={"x": "中文"},
        prev=genesis,
    )
    assert entry.payload == '{"x":"中文"}'
    assert entry.payload_hash == ledger.payload_hash(entry.payload)
    assert entry.entry_hash == ledger.entry_hash(
        1, entry.at, "root", "store.init", entry.payload_hash, genesis
    )
    assert entry.signature == ""
    assert entry.signed("ab" * 64).signature == "ab" * 64


def test_entry_is_signed_through_the_checkpoint_that_closes_it() -> None:
    key = signing.generate_private_key()
    public = signing.public_key_hex(key)
    entry = ledger.unsigned_entry(
        seq=1,
        at="2026-01-01T00:00:00Z",
        actor="root",
        action="store.init",
        payload={},
        prev=ledger.genesis_hash("store-a"),
    )
    root = merkle.root_hash([merkle.leaf_hash(bytes.fromhex(entry.entry_hash))]).hex()
    note = ledger.checkpoint_note("store-a", 1, root)
    assert (
        ledger.checkpoint_message("store-a", 1, root) == signing.CHECKPOINT_CONTEXT + note.encode()
    )
    signature = signing.sign(key, signing.CHECKPOINT_CONTEXT, note.encode())
    assert signing.verify(public, signing.CHECKPOINT_CONTEXT, note.encode(), signature)
    # bound to the store, the size and the root: no other checkpoint shares it
    for other in (
        ledger.checkpoint_note("store-b", 1, root),
        ledger.checkpoint_note("store-a", 2, root),
        ledger.checkpoint_note("store-a", 1, "00" * 32),
    ):
        assert not signing.verify(public, signing.CHECKPOINT_CONTEXT, other.encode(), signature)
    # the legacy per-entry form is another context: neither signature stands for the other
    legacy = signing.sign(key, signing.ENTRY_CONTEXT, bytes.fromhex(entry.entry_hash))
    assert ledger.legacy_entry_message(entry.entry_hash) == (
        signing.ENTRY_CONTEXT + bytes.fromhex(entry.entry_hash)
    )
    assert not signing.verify(
        public, signing.CHECKPOINT_CONTEXT, bytes.fromhex(entry.entry_hash), legacy
    )
    assert not signing.verify(public, signing.ENTRY_CONTEXT, note.encode(), signature)


def test_any_field_change_changes_the_entry_hash() -> None:
    base = ("2026-01-01T00:00:00Z", "alice", "case.create", "a" * 64, "b" * 64)
    reference = ledger.entry_hash(5, *base)
    assert ledger.entry_hash(6, *base) != reference
    for index in range(len(base)):
        changed = list(base)
        changed[index] = changed[index] + "x"
        assert ledger.entry_hash(5, *changed) != reference


def test_malformed_signatures_and_keys_are_invalid_not_errors() -> None:
    assert not signing.verify("zz", signing.ENTRY_CONTEXT, b"m", "00")
    key = signing.generate_private_key()
    assert not signing.verify(signing.public_key_hex(key), signing.ENTRY_CONTEXT, b"m", "abc")


@settings(max_examples=300, deadline=None)
@given(
    # canonical JSON's integer range (RFC 8785); beyond it canonical_bytes refuses, while the
    # fast path still hashes, so a tampered seq is a mismatch for verify, never a crash
    seq=st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1),
    texts=st.lists(st.text(st.characters(exclude_categories=())), min_size=5, max_size=5),
)
def test_fast_entry_hash_is_the_canonical_json_hash(seq: int, texts: list[str]) -> None:
    """entry_hash writes the six fields directly for speed; the bytes must be canonical JSON's
    (control characters, quotes, backslashes, non-BMP text included)."""
    try:
        expected = hashlib.sha256(canonical_bytes([seq, *texts])).hexdigest()
    except UnicodeEncodeError:  # a lone surrogate: neither path can hash it
        with pytest.raises(UnicodeEncodeError):
            ledger.entry_hash(seq, *texts)
        return
    assert ledger.entry_hash(seq, *texts) == expected
