"""The cryptography of per-case keys: HPKE wraps bound to store, case and recipient; sealed
fields bound to their row and column."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from evidence_desk.store import case_keys as ck
from evidence_desk.store.blobs import BlobCorrupted, BlobStore
from evidence_desk.store.keys import derive_subkey


def test_a_wrap_opens_for_its_recipient_only_and_names_its_key() -> None:
    alice_private, alice_public = ck.new_wrap_key()
    bob_private, _ = ck.new_wrap_key()
    key = os.urandom(32)
    wrap = ck.make_wrap("store-1", "C-1", "alice", alice_public, key)
    assert wrap.key_id == ck.key_id(key) and key not in wrap.sealed
    assert ck.open_wrap("store-1", "C-1", "alice", alice_private, wrap.sealed) == key
    with pytest.raises(ck.CaseKeyError):
        ck.open_wrap("store-1", "C-1", "alice", bob_private, wrap.sealed)


@pytest.mark.parametrize(
    ("store", "case", "recipient"),
    [("store-2", "C-1", "alice"), ("store-1", "C-2", "alice"), ("store-1", "C-1", "bob")],
)
def test_a_wrap_moved_to_another_store_case_or_recipient_does_not_open(
    store: str, case: str, recipient: str
) -> None:
    private, public = ck.new_wrap_key()
    wrap = ck.make_wrap("store-1", "C-1", "alice", public, os.urandom(32))
    with pytest.raises(ck.CaseKeyError):
        ck.open_wrap(store, case, recipient, private, wrap.sealed)


def test_the_wrap_digest_covers_every_part() -> None:
    _, public = ck.new_wrap_key()
    wrap = ck.make_wrap("store-1", "C-1", "alice", public, os.urandom(32))
    tampered = ck.Wrap(wrap.case_no, "bob", wrap.recipient_key, wrap.sealed, wrap.key_id)
    flipped = ck.Wrap(
        wrap.case_no,
        wrap.recipient,
        wrap.recipient_key,
        wrap.sealed[:-1] + bytes([wrap.sealed[-1] ^ 1]),  # a byte that differs, whatever it was
        wrap.key_id,
    )
    digests = {w.digest("store-1") for w in (wrap, tampered, flipped)}
    assert len(digests) == 3 and wrap.digest("store-2") not in digests


def test_a_sealed_field_opens_only_in_its_place_and_under_its_key() -> None:
    key = os.urandom(32)
    cipher = ck.FieldCipher("store-1", key)
    sealed = cipher.seal("cases", "C-1", "debtor_name", "王秀英")
    assert ck.is_sealed(sealed) and "王秀英" not in sealed
    assert cipher.open("cases", "C-1", "debtor_name", sealed) == "王秀英"
    for table, row, column in [
        ("cases", "C-2", "debtor_name"),
        ("cases", "C-1", "debtor_id_number"),
        ("contacts", "C-1", "debtor_name"),
    ]:
        with pytest.raises(ck.CaseKeyError):
            cipher.open(table, row, column, sealed)
    with pytest.raises(ck.CaseKeyError):
        ck.FieldCipher("store-1", os.urandom(32)).open("cases", "C-1", "debtor_name", sealed)
    with pytest.raises(ck.CaseKeyError):
        cipher.open("cases", "C-1", "debtor_name", "王秀英")


def test_a_cases_originals_open_with_its_own_blob_keys_only(tmp_path: Path) -> None:
    """Blob keys derived from case A's key: case B's derived keys and the store's own blob
    keys neither find nor open A's file, even when the file is put where they look."""
    root = tmp_path / "blobs"
    case_a = BlobStore(root, *ck.blob_keys(os.urandom(32)))
    case_b = BlobStore(root, *ck.blob_keys(os.urandom(32)))
    store = BlobStore(root, derive_subkey(os.urandom(32), "blob-content"), os.urandom(32))
    content, names = ck.blob_keys(b"\x01" * 32)
    assert content != names and len(content) == len(names) == 32
    sealed = case_a.seal_bytes(b"identity proof of the debtor")
    sha256 = sealed.digests.sha256
    assert case_a.read_bytes(sha256) == b"identity proof of the debtor"
    for other in (case_b, store):
        assert other.name_for(sha256) != sealed.name  # another name: the file is not found
        with pytest.raises(BlobCorrupted):
            other.read_bytes(sha256)
        # and under the name it would look for, the file does not authenticate
        target = other.path_for(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case_a.path_for(sha256), target)
        with pytest.raises(BlobCorrupted) as failed:
            other.read_bytes(sha256)
        assert "authentication" in failed.value.reason
        target.unlink()
