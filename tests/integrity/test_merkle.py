"""RFC 9162 Merkle tree: published test vectors, an independent reference, and tampering.

Expected values are copied from the Certificate Transparency / transparency-dev test data, never
computed by the code under test. The property tests compare against a deliberately naive,
recursive transcription of the RFC definitions (``_ref_*``) that uses hashlib directly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_desk.integrity.merkle import (
    EMPTY_ROOT,
    CompactRange,
    SubtreeCache,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

# --- Reference vectors ------------------------------------------------------------------------
# Leaf inputs, node hashes and roots of the CT reference tree: google/certificate-transparency
# cpp/merkletree/merkle_tree_test.cc and transparency-dev/merkle testonly/constants.go.

CT_INPUTS: list[bytes] = [
    bytes.fromhex(""),
    bytes.fromhex("00"),
    bytes.fromhex("10"),
    bytes.fromhex("2021"),
    bytes.fromhex("3031"),
    bytes.fromhex("40414243"),
    bytes.fromhex("5051525354555657"),
    bytes.fromhex("606162636465666768696a6b6c6d6e6f"),
]

# (level, index) -> hash of the perfect subtree over the 2**level leaves from index * 2**level.
_NODE_HEX: dict[tuple[int, int], str] = {
    (0, 0): "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    (0, 1): "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    (0, 2): "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    (0, 3): "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    (0, 4): "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    (0, 5): "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    (0, 6): "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    (0, 7): "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    (1, 0): "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    (1, 1): "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    (1, 2): "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    (1, 3): "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    (2, 0): "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    (2, 1): "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    (3, 0): "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
NODE: dict[tuple[int, int], bytes] = {k: bytes.fromhex(v) for k, v in _NODE_HEX.items()}
CT_LEAF_HASHES: list[bytes] = [NODE[(0, i)] for i in range(8)]

# Roots of the trees of the first 0..8 inputs.
CT_ROOTS: list[bytes] = [
    bytes.fromhex(h)
    for h in (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    )
]

# (leaf index, tree size, audit path as node ids). Entries with three-element paths over size 8,
# size 3 and size 5 are the CT kSHA256Paths (given there 1-based, as hex); the others are the
# node ids of transparency-dev/merkle proof/proof_test.go TestInclusion.
INCLUSION_VECTORS: list[tuple[int, int, list[tuple[int, int]]]] = [
    (0, 1, []),
    (0, 8, [(0, 1), (1, 1), (2, 1)]),
    (5, 8, [(0, 4), (1, 3), (2, 0)]),
    (2, 3, [(1, 0)]),
    (1, 5, [(0, 0), (1, 1), (0, 4)]),
    (0, 2, [(0, 1)]),
    (1, 2, [(0, 0)]),
    (1, 3, [(0, 0), (0, 2)]),
    (4, 7, [(0, 5), (0, 6), (2, 0)]),
    (5, 7, [(0, 4), (0, 6), (2, 0)]),
    (6, 7, [(1, 2), (2, 0)]),
    (2, 4, [(0, 3), (1, 0)]),
    (3, 5, [(0, 2), (1, 0), (0, 4)]),
    (3, 6, [(0, 2), (1, 0), (1, 2)]),
    (4, 6, [(0, 5), (2, 0)]),
]

# (old size, new size, consistency proof as node ids): CT kSHA256Proofs, transparency-dev
# proof/verify_test.go consistencyProofs, and proof/proof_test.go TestConsistency.
CONSISTENCY_VECTORS: list[tuple[int, int, list[tuple[int, int]]]] = [
    (1, 8, [(0, 1), (1, 1), (2, 1)]),
    (6, 8, [(1, 2), (1, 3), (2, 0)]),
    (2, 5, [(1, 1), (0, 4)]),
    (6, 7, [(1, 2), (0, 6), (2, 0)]),
    (1, 2, [(0, 1)]),
    (1, 4, [(0, 1), (1, 1)]),
    (1, 6, [(0, 1), (1, 1), (1, 2)]),
    (2, 3, [(0, 2)]),
    (2, 8, [(1, 1), (2, 1)]),
    (5, 7, [(0, 4), (0, 5), (0, 6), (2, 0)]),
    (7, 8, [(0, 6), (0, 7), (1, 2), (2, 0)]),
    (2, 4, [(1, 1)]),
    (3, 5, [(0, 2), (0, 3), (1, 0), (0, 4)]),
    (3, 6, [(0, 2), (0, 3), (1, 0), (1, 2)]),
    (4, 6, [(1, 2)]),
] + [(n, n, []) for n in (1, 2, 3, 4, 5, 7, 8)]

SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def _nodes(ids: Sequence[tuple[int, int]]) -> list[bytes]:
    return [NODE[i] for i in ids]


# --- Independent reference: the RFC 9162 §2.1 definitions, transcribed naively ----------------


def _ref_node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _ref_k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _ref_mth(d: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes (so MTH({d0}) is the leaf hash itself)."""
    if len(d) == 0:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return d[0]
    k = _ref_k(len(d))
    return _ref_node(_ref_mth(d[:k]), _ref_mth(d[k:]))


def _ref_path(m: int, d: Sequence[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _ref_k(len(d))
    if m < k:
        return [*_ref_path(m, d[:k]), _ref_mth(d[k:])]
    return [*_ref_path(m - k, d[k:]), _ref_mth(d[:k])]


def _ref_subproof(m: int, d: Sequence[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [_ref_mth(d)]
    k = _ref_k(n)
    if m <= k:
        return [*_ref_subproof(m, d[:k], b), _ref_mth(d[k:])]
    return [*_ref_subproof(m - k, d[k:], False), _ref_mth(d[:k])]


def _distinct_leaves(salt: bytes, count: int) -> list[bytes]:
    """Leaf hashes as the ledger makes them: H(0x00 || entry hash), all distinct."""
    entries = [hashlib.sha256(salt + i.to_bytes(4, "big")).digest() for i in range(count)]
    return [hashlib.sha256(b"\x00" + e).digest() for e in entries]


def _flip(value: bytes, position: int) -> bytes:
    return value[:position] + bytes([value[position] ^ 0x01]) + value[position + 1 :]


def _every_byte_flipped(proof: list[bytes]) -> list[tuple[str, list[bytes]]]:
    variants = []
    for i, element in enumerate(proof):
        for pos in range(len(element)):
            variant = list(proof)
            variant[i] = _flip(element, pos)
            variants.append((f"proof[{i}] byte {pos} flipped", variant))
    return variants


def _reshaped(proof: list[bytes], extras: Sequence[bytes]) -> list[tuple[str, list[bytes]]]:
    variants: list[tuple[str, list[bytes]]] = []
    if proof:
        variants += [("last element dropped", proof[:-1]), ("first element dropped", proof[1:])]
    if len(proof) > 1:
        variants.append(("first two swapped", [proof[1], proof[0], *proof[2:]]))
    for j, extra in enumerate(extras):
        variants += [(f"extra[{j}] appended", [*proof, extra])]
        variants += [(f"extra[{j}] prepended", [extra, *proof])]
    return variants


def _assert_inclusion_rejects_tampering(
    leaves: list[bytes], index: int, size: int, proof: list[bytes]
) -> None:
    """Every way of presenting a wrong claim with this proof must fail."""
    root = _ref_mth(leaves[:size])
    leaf = leaves[index]
    accepted: list[str] = []

    def expect_reject(desc: str, ok: bool) -> None:
        if ok:
            accepted.append(desc)

    for j in {index - 1, index + 1, index ^ 1, index ^ 2, size, size + 1} - {index}:
        if j >= 0:
            expect_reject(f"index {j}", verify_inclusion(leaf, j, size, proof, root))
    # A different tree size, checked against the root that size really has.
    for s in {size - 1, size + 1, size * 2, size // 2, len(leaves)} - {size}:
        if index < s <= len(leaves):
            other_root = _ref_mth(leaves[:s])
            expect_reject(f"size {s}", verify_inclusion(leaf, index, s, proof, other_root))
    for other in {0, 1, index ^ 1, size - 1} - {index}:
        if other < len(leaves):
            got = verify_inclusion(leaves[other], index, size, proof, root)
            expect_reject(f"leaf {other}", got)
    for pos in range(32):
        got = verify_inclusion(_flip(leaf, pos), index, size, proof, root)
        expect_reject(f"leaf byte {pos} flipped", got)
        got = verify_inclusion(leaf, index, size, proof, _flip(root, pos))
        expect_reject(f"root byte {pos} flipped", got)
    expect_reject("empty root", verify_inclusion(leaf, index, size, proof, EMPTY_ROOT))
    expect_reject("some root", verify_inclusion(leaf, index, size, proof, SOME_HASH))
    extras = [root, leaf, EMPTY_ROOT, SOME_HASH, *proof[:1]]
    for desc, bad in [*_every_byte_flipped(proof), *_reshaped(proof, extras)]:
        expect_reject(desc, verify_inclusion(leaf, index, size, bad, root))
    assert not accepted, f"accepted a wrong inclusion claim ({index}, {size}): {accepted}"


def _assert_consistency_rejects_tampering(
    leaves: list[bytes], old: int, new: int, proof: list[bytes]
) -> None:
    """Every way of presenting a wrong claim with this proof must fail."""
    old_root, new_root = _ref_mth(leaves[:old]), _ref_mth(leaves[:new])
    accepted: list[str] = []

    def expect_reject(desc: str, ok: bool) -> None:
        if ok:
            accepted.append(desc)

    # Different sizes, each checked against the root that size really has.
    for s in {old - 1, old + 1, old ^ 2, old * 2, old // 2, new, new + 1} - {old}:
        if 0 <= s <= len(leaves):
            got = verify_consistency(s, new, _ref_mth(leaves[:s]), new_root, proof)
            expect_reject(f"old size {s}", got)
    for s in {new - 1, new + 1, new * 2, new // 2, old, len(leaves)} - {new}:
        if 0 <= s <= len(leaves):
            got = verify_consistency(old, s, old_root, _ref_mth(leaves[:s]), proof)
            expect_reject(f"new size {s}", got)
    expect_reject("old size 0", verify_consistency(0, new, EMPTY_ROOT, new_root, proof))
    if old != new:
        got = verify_consistency(new, old, new_root, old_root, proof)
        expect_reject("sizes swapped", got)
        got = verify_consistency(old, new, new_root, old_root, proof)
        expect_reject("roots swapped", got)
        expect_reject("empty proof", verify_consistency(old, new, old_root, new_root, []))
    for pos in range(32):
        got = verify_consistency(old, new, _flip(old_root, pos), new_root, proof)
        expect_reject(f"old root byte {pos} flipped", got)
        got = verify_consistency(old, new, old_root, _flip(new_root, pos), proof)
        expect_reject(f"new root byte {pos} flipped", got)
    extras = [old_root, new_root, EMPTY_ROOT, SOME_HASH, *proof[:1]]
    for desc, bad in [*_every_byte_flipped(proof), *_reshaped(proof, extras)]:
        expect_reject(desc, verify_consistency(old, new, old_root, new_root, bad))
    assert not accepted, f"accepted a wrong consistency claim ({old}, {new}): {accepted}"


# --- Hashing and roots ------------------------------------------------------------------------


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert EMPTY_ROOT.hex() == expected
    assert root_hash([]) == EMPTY_ROOT
    assert CompactRange().root_hash() == EMPTY_ROOT


@pytest.mark.parametrize("i", range(8))
def test_leaf_hash_matches_reference_leaves(i: int) -> None:
    assert leaf_hash(CT_INPUTS[i]) == NODE[(0, i)]


@pytest.mark.parametrize("level, index", [k for k in NODE if k[0] > 0])
def test_node_hash_matches_reference_nodes(level: int, index: int) -> None:
    children = NODE[(level - 1, 2 * index)], NODE[(level - 1, 2 * index + 1)]
    assert node_hash(*children) == NODE[(level, index)]


@pytest.mark.parametrize("size", range(9))
def test_root_hash_matches_reference_roots(size: int) -> None:
    leaves = [leaf_hash(d) for d in CT_INPUTS[:size]]
    assert root_hash(leaves) == CT_ROOTS[size]


def test_compact_range_gives_reference_root_after_every_append() -> None:
    tree = CompactRange()
    for size, leaf in enumerate(CT_LEAF_HASHES, start=1):
        tree.append(leaf)
        assert tree.size == size
        assert tree.root_hash() == CT_ROOTS[size]


def test_append_and_root_gives_reference_root_and_state_after_every_append() -> None:
    fast, plain = CompactRange(), CompactRange()
    for size, leaf in enumerate(CT_LEAF_HASHES, start=1):
        plain.append(leaf)
        assert fast.append_and_root(leaf) == CT_ROOTS[size]
        assert (fast.size, fast.hashes) == (plain.size, plain.hashes)
    with pytest.raises(ValueError):
        fast.append_and_root(b"short")


def test_compact_range_keeps_the_reference_subtree_roots() -> None:
    # transparency-dev/merkle testonly/constants.go CompactTrees() for size 7.
    tree = CompactRange()
    tree.extend(CT_LEAF_HASHES[:7])
    assert tree.hashes == (NODE[(2, 0)], NODE[(1, 2)], NODE[(0, 6)])


def test_compact_range_restored_from_state_continues_the_same_tree() -> None:
    tree = CompactRange()
    tree.extend(CT_LEAF_HASHES[:5])
    restored = CompactRange.from_state(tree.size, tree.hashes)
    restored.extend(CT_LEAF_HASHES[5:])
    assert restored.root_hash() == CT_ROOTS[8]


@pytest.mark.parametrize(
    "size, hashes",
    [(3, [NODE[(1, 0)]]), (0, [NODE[(0, 0)]]), (1, [b"short"]), (-1, []), (2**64, [])],
)
def test_compact_range_refuses_impossible_state(size: int, hashes: list[bytes]) -> None:
    with pytest.raises(ValueError):
        CompactRange.from_state(size, hashes)


@pytest.mark.parametrize("bad", [b"", b"\x00" * 31, b"\x00" * 33, "0" * 32])
def test_generation_refuses_a_leaf_that_is_not_a_hash(bad: bytes) -> None:
    leaves = [*CT_LEAF_HASHES[:3], bad]
    with pytest.raises(ValueError):
        root_hash(leaves)
    with pytest.raises(ValueError):
        inclusion_proof(0, leaves)
    with pytest.raises(ValueError):
        consistency_proof(2, leaves)


# --- Inclusion ---------------------------------------------------------------------------------


@pytest.mark.parametrize("index, size, path_ids", INCLUSION_VECTORS)
def test_inclusion_proof_matches_reference_vector(
    index: int, size: int, path_ids: list[tuple[int, int]]
) -> None:
    assert inclusion_proof(index, CT_LEAF_HASHES[:size]) == _nodes(path_ids)


@pytest.mark.parametrize("index, size, path_ids", INCLUSION_VECTORS)
def test_reference_inclusion_proof_verifies_and_resists_tampering(
    index: int, size: int, path_ids: list[tuple[int, int]]
) -> None:
    proof = _nodes(path_ids)
    assert verify_inclusion(NODE[(0, index)], index, size, proof, CT_ROOTS[size])
    _assert_inclusion_rejects_tampering(CT_LEAF_HASHES, index, size, proof)


@pytest.mark.parametrize("index, size", [(0, 0), (1, 1), (8, 8), (-1, 8), (True, 8)])
def test_inclusion_proof_refuses_index_outside_tree(index: int, size: int) -> None:
    with pytest.raises(ValueError):
        inclusion_proof(index, CT_LEAF_HASHES[:size])


@pytest.mark.parametrize("index, size", [(0, 0), (1, 0), (1, 1), (2, 1)])
def test_inclusion_in_impossible_position_fails(index: int, size: int) -> None:
    for leaf, root in [(SOME_HASH, SOME_HASH), (SOME_HASH, EMPTY_ROOT), (EMPTY_ROOT, EMPTY_ROOT)]:
        assert not verify_inclusion(leaf, index, size, [], root)


def test_single_leaf_tree_root_is_its_leaf_hash() -> None:
    assert verify_inclusion(NODE[(0, 0)], 0, 1, [], NODE[(0, 0)])
    assert not verify_inclusion(NODE[(0, 0)], 0, 1, [], NODE[(0, 1)])


_GOOD_INCLUSION: dict[str, object] = {
    "leaf_hash": NODE[(0, 5)],
    "index": 5,
    "tree_size": 8,
    "proof": _nodes([(0, 4), (1, 3), (2, 0)]),
    "root": CT_ROOTS[8],
}


def test_good_inclusion_arguments_verify() -> None:
    assert verify_inclusion(**_GOOD_INCLUSION)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "field, value",
    [
        ("leaf_hash", NODE[(0, 5)][:31]),
        ("leaf_hash", NODE[(0, 5)].hex()),
        ("leaf_hash", None),
        ("index", -1),
        ("index", 5.0),
        ("index", "5"),
        ("tree_size", 2**64),
        ("tree_size", None),
        ("root", CT_ROOTS[8] + b"\x00"),
        ("root", bytearray(CT_ROOTS[8])),
        ("proof", None),
        ("proof", b""),
        ("proof", 42),
        ("proof", [NODE[(0, 4)], NODE[(1, 3)], NODE[(2, 0)][:31]]),
        ("proof", [NODE[(0, 4)], NODE[(1, 3)], None]),
        ("proof", [NODE[(0, 4)], NODE[(1, 3)], NODE[(2, 0)].hex()]),
        ("proof", iter(_nodes([(0, 4), (1, 3), (2, 0)]))),
    ],
)
def test_malformed_inclusion_arguments_fail_without_raising(field: str, value: object) -> None:
    args = {**_GOOD_INCLUSION, field: value}
    assert verify_inclusion(**args) is False  # type: ignore[arg-type]


# --- Consistency -------------------------------------------------------------------------------


@pytest.mark.parametrize("old, new, proof_ids", CONSISTENCY_VECTORS)
def test_consistency_proof_matches_reference_vector(
    old: int, new: int, proof_ids: list[tuple[int, int]]
) -> None:
    assert consistency_proof(old, CT_LEAF_HASHES[:new]) == _nodes(proof_ids)


@pytest.mark.parametrize("old, new, proof_ids", CONSISTENCY_VECTORS)
def test_reference_consistency_proof_verifies_and_resists_tampering(
    old: int, new: int, proof_ids: list[tuple[int, int]]
) -> None:
    proof = _nodes(proof_ids)
    assert verify_consistency(old, new, CT_ROOTS[old], CT_ROOTS[new], proof)
    _assert_consistency_rejects_tampering(CT_LEAF_HASHES, old, new, proof)


@pytest.mark.parametrize("old, size", [(0, 8), (0, 0), (9, 8), (1, 0), (-1, 8), (True, 8)])
def test_consistency_proof_refuses_sizes_outside_range(old: int, size: int) -> None:
    with pytest.raises(ValueError):
        consistency_proof(old, CT_LEAF_HASHES[:size])


def test_equal_sizes_are_consistent_only_with_empty_proof_and_same_root() -> None:
    assert verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[5], [])
    assert not verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[6], [])
    assert not verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[5], [CT_ROOTS[5]])
    assert not verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[5], [EMPTY_ROOT])


def test_old_size_zero_is_refused_whatever_the_proof() -> None:
    # The RFC algorithm is defined for 0 < first; the empty tree commits to nothing.
    assert not verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])
    assert not verify_consistency(0, 8, EMPTY_ROOT, CT_ROOTS[8], [])
    assert not verify_consistency(0, 1, EMPTY_ROOT, CT_ROOTS[1], [EMPTY_ROOT])


def test_shrinking_tree_is_never_consistent() -> None:
    assert not verify_consistency(2, 1, CT_ROOTS[2], CT_ROOTS[1], [])
    assert not verify_consistency(8, 6, CT_ROOTS[8], CT_ROOTS[6], _nodes([(1, 3), (1, 2)]))


def test_non_empty_sizes_need_a_non_empty_proof() -> None:
    assert not verify_consistency(1, 2, CT_ROOTS[1], CT_ROOTS[2], [])
    assert not verify_consistency(4, 8, CT_ROOTS[4], CT_ROOTS[8], [])


_GOOD_CONSISTENCY: dict[str, object] = {
    "old_size": 6,
    "new_size": 8,
    "old_root": CT_ROOTS[6],
    "new_root": CT_ROOTS[8],
    "proof": _nodes([(1, 2), (1, 3), (2, 0)]),
}


def test_good_consistency_arguments_verify() -> None:
    assert verify_consistency(**_GOOD_CONSISTENCY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "field, value",
    [
        ("old_size", -6),
        ("old_size", 6.0),
        ("old_size", None),
        ("new_size", 2**64),
        ("new_size", "8"),
        ("old_root", CT_ROOTS[6][:31]),
        ("old_root", CT_ROOTS[6].hex()),
        ("new_root", None),
        ("new_root", memoryview(CT_ROOTS[8])),
        ("proof", None),
        ("proof", b""),
        ("proof", 0),
        ("proof", [NODE[(1, 2)], NODE[(1, 3)], NODE[(2, 0)] + b"\x00"]),
        ("proof", [NODE[(1, 2)], NODE[(1, 3)], 7]),
        ("proof", (h for h in _nodes([(1, 2), (1, 3), (2, 0)]))),
    ],
)
def test_malformed_consistency_arguments_fail_without_raising(field: str, value: object) -> None:
    args = {**_GOOD_CONSISTENCY, field: value}
    assert verify_consistency(**args) is False  # type: ignore[arg-type]


# --- Exhaustive small trees and random large ones --------------------------------------------


def test_every_proof_in_small_trees_matches_reference_and_verifies() -> None:
    leaves = _distinct_leaves(b"small", 40)
    for size in range(1, len(leaves) + 1):
        tree = leaves[:size]
        root = _ref_mth(tree)
        assert root_hash(tree) == root
        for index in range(size):
            proof = inclusion_proof(index, tree)
            assert proof == _ref_path(index, tree)
            assert verify_inclusion(tree[index], index, size, proof, root)
        for old in range(1, size + 1):
            proof = consistency_proof(old, tree)
            assert proof == _ref_subproof(old, tree, True)
            assert verify_consistency(old, size, _ref_mth(tree[:old]), root, proof)


def test_proofs_sharing_a_subtree_cache_match_the_uncached_proofs() -> None:
    """A bundle proves many entries against one tree with one cache: same proofs, any order,
    including proofs within a prefix (a smaller tree over the same leaves)."""
    leaves = _distinct_leaves(b"cached", 70)
    cache: SubtreeCache = {}
    for size in (70, 33, 64, 1, 70, 5):
        tree = leaves[:size]
        for index in reversed(range(size)):
            assert inclusion_proof(index, tree, cache) == _ref_path(index, tree)
        for old in range(1, size + 1):
            assert consistency_proof(old, tree, cache) == _ref_subproof(old, tree, True)


_EXTRA = 12
"""Leaves beyond the tree, so that a wrong larger size has a real root to be checked against."""

tree_sizes = st.integers(min_value=1, max_value=300)
salts = st.binary(max_size=8)


@settings(deadline=None)
@given(size=tree_sizes, salt=salts, split=st.integers(min_value=0, max_value=300))
def test_root_hash_and_compact_range_match_reference(size: int, salt: bytes, split: int) -> None:
    leaves = _distinct_leaves(salt, size)
    assert root_hash(leaves) == _ref_mth(leaves)
    first = CompactRange()
    first.extend(leaves[: min(split, size)])
    resumed = CompactRange.from_state(first.size, first.hashes)
    resumed.extend(leaves[min(split, size) :])
    assert resumed.size == size
    assert resumed.root_hash() == _ref_mth(leaves)
    running = CompactRange()
    for count, leaf in enumerate(leaves, start=1):
        assert running.append_and_root(leaf) == _ref_mth(leaves[:count])


@settings(deadline=None)
@given(size=tree_sizes, salt=salts, data=st.data())
def test_random_inclusion_proof_verifies_and_resists_tampering(
    size: int, salt: bytes, data: st.DataObject
) -> None:
    leaves = _distinct_leaves(salt, size + _EXTRA)
    tree = leaves[:size]
    index = data.draw(st.integers(min_value=0, max_value=size - 1), label="index")
    proof = inclusion_proof(index, tree)
    assert proof == _ref_path(index, tree)
    assert verify_inclusion(tree[index], index, size, proof, root_hash(tree))
    _assert_inclusion_rejects_tampering(leaves, index, size, proof)


@settings(deadline=None)
@given(size=tree_sizes, salt=salts, data=st.data())
def test_random_consistency_proof_verifies_and_resists_tampering(
    size: int, salt: bytes, data: st.DataObject
) -> None:
    leaves = _distinct_leaves(salt, size + _EXTRA)
    tree = leaves[:size]
    old = data.draw(st.integers(min_value=1, max_value=size), label="old_size")
    proof = consistency_proof(old, tree)
    assert proof == _ref_subproof(old, tree, True)
    assert verify_consistency(old, size, root_hash(tree[:old]), root_hash(tree), proof)
    _assert_consistency_rejects_tampering(leaves, old, size, proof)


_anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.binary(min_size=32, max_size=32),
    st.lists(st.one_of(st.binary(max_size=40), st.none(), st.integers()), max_size=6),
    st.lists(st.binary(min_size=32, max_size=32), max_size=70),
)


@given(a=_anything, b=_anything, c=_anything, d=_anything, e=_anything)
def test_verification_never_raises_on_garbage(
    a: object, b: object, c: object, d: object, e: object
) -> None:
    assert isinstance(verify_inclusion(a, b, c, d, e), bool)  # type: ignore[arg-type]
    assert isinstance(verify_consistency(a, b, c, d, e), bool)  # type: ignore[arg-type]


def test_bottom_up_root_equals_the_recursive_definition_for_every_size_up_to_130() -> None:
    # root_hash pairs level by level (an odd node carried up); MTH splits at powers of two
    leaves = [hashlib.sha256(b"\x00" + bytes([i % 256, i // 256])).digest() for i in range(130)]
    for size in range(131):
        assert root_hash(leaves[:size]) == _ref_mth(leaves[:size]), size
