"""RFC 9162 §2.1 Merkle tree hashing with SHA-256: tree heads, inclusion and consistency proofs.

Ledger checkpoints commit to every entry through one Merkle Tree Hash (MTH). With it, an exhibit's
presence in the ledger (inclusion) and the append-only growth between two checkpoints (consistency)
can each be shown with O(log n) hashes that anyone can re-check offline with nothing but the RFC.
Names follow the RFC so that a reviewer can read this file side by side with it.

Every function takes *leaf hashes*, never leaf data. The ledger's leaf input ``d[i]`` is the
32-byte entry hash, so callers compute ``leaf_hash(entry_hash)`` once and pass those. Keeping the
0x00 leaf prefix at the call site means no function here can silently hash a leaf twice or not at
all, which would yield roots that no independent verifier reproduces.

Proof generation raises ``ValueError`` for arguments outside the range the RFC defines: that is a
programming error on our side. Verification never raises: it is fed untrusted bundles, so any
malformed argument (wrong type, wrong hash length, negative or oversized number) is simply a
failed verification that the caller reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Final

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "LEAF_PREFIX",
    "CompactRange",
    "SubtreeCache",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_hash",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
"""Output size of SHA-256, the only hash algorithm used here; every node is exactly this long."""

_MAX_TREE_SIZE = 2**64 - 1
"""RFC 9162 carries tree sizes as uint64; anything larger cannot come from a genuine log."""

_LEAF_PREFIX = b"\x00"
#: What :func:`leaf_hash` puts before a leaf's data, for loops that hash 100k leaves inline.
LEAF_PREFIX: Final = _LEAF_PREFIX
_NODE_PREFIX = b"\x01"

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""MTH({}) = HASH(), the root of the tree with no leaves (RFC 9162 §2.1.1)."""


def leaf_hash(data: bytes) -> bytes:
    """MTH({d}) = HASH(0x00 || d): the hash of one leaf input.

    The 0x00 prefix separates leaves from interior nodes, so no leaf can pose as a subtree
    (second-preimage resistance, RFC 9162 §2.1.1).
    """
    return hashlib.sha256(_LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """HASH(0x01 || left || right): the hash of an interior node from its two children."""
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == HASH_SIZE


def _is_size(value: object) -> bool:
    # bool is an int subclass; True must not be accepted as a tree size or index.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_TREE_SIZE


def _is_proof(value: object) -> bool:
    # bytes and str are Sequences too; b"" must not pass as an empty proof.
    if not isinstance(value, Sequence) or isinstance(value, bytes | str):
        return False
    return all(_is_hash(element) for element in value)


def _split(n: int) -> int:
    """k, the largest power of two smaller than n (n >= 2), where RFC 9162 splits D[n]."""
    return 1 << ((n - 1).bit_length() - 1)


def _checked_hash(value: bytes) -> bytes:
    # Sequences handed to generation come from our own store; a wrong element there is a bug, and
    # hashing it anyway would publish a root that no verifier could ever reproduce.
    if not isinstance(value, bytes) or len(value) != HASH_SIZE:
        raise ValueError(f"expected a {HASH_SIZE}-byte hash, got {value!r:.80}")
    return value


class CompactRange:
    """The MTH of a growing list of leaf hashes, kept in O(log n) memory.

    The ledger cuts a checkpoint after every import batch; recomputing the MTH over all entries
    each time would cost O(n) per checkpoint. This keeps only the roots of the perfect subtrees
    that make up ``[0, size)`` (one per set bit of ``size``, largest first, the "compact range" of
    transparency-dev/merkle), so an append costs amortised O(1) hashes and a root O(log n). The
    state ``(size, hashes)`` can be stored and restored with ``from_state``.
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self) -> None:
        self._size = 0
        self._hashes: list[bytes] = []

    @classmethod
    def from_state(cls, size: int, hashes: Sequence[bytes]) -> CompactRange:
        """Restore a range saved from ``size`` and ``hashes``; ValueError if they cannot match."""
        if not _is_size(size):
            raise ValueError(f"tree size out of range: {size!r}")
        if len(hashes) != size.bit_count():
            raise ValueError(f"a tree of size {size} has {size.bit_count()} subtree roots")
        restored = cls()
        restored._size = size
        restored._hashes = [_checked_hash(h) for h in hashes]
        return restored

    @property
    def size(self) -> int:
        """Number of leaves appended so far."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """Roots of the perfect subtrees covering ``[0, size)``, left to right."""
        return tuple(self._hashes)

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash (already ``leaf_hash(d)``) at index ``size``."""
        if self._size >= _MAX_TREE_SIZE:
            raise ValueError("tree size would exceed 2**64 - 1")
        self._hashes.append(_checked_hash(leaf))
        # Each trailing 1 bit of the old size is a perfect subtree of the same height as the one
        # just completed to its right; merge them pairwise, exactly as MTH splits at powers of 2.
        carry = self._size
        while carry & 1:
            right = self._hashes.pop()
            self._hashes[-1] = node_hash(self._hashes[-1], right)
            carry >>= 1
        self._size += 1

    def append_and_root(self, leaf: bytes) -> bytes:
        """``append(leaf)``, then ``root_hash()``, in one call: ``verify`` takes the root after
        every entry it replays (100k+), and this keeps both in one frame (a test holds the two
        paths equal)."""
        if self._size >= _MAX_TREE_SIZE:
            raise ValueError("tree size would exceed 2**64 - 1")
        hashes, sha256, carry = self._hashes, hashlib.sha256, self._size
        hashes.append(_checked_hash(leaf))
        while carry & 1:
            right = hashes.pop()
            hashes[-1] = sha256(_NODE_PREFIX + hashes[-1] + right).digest()
            carry >>= 1
        self._size += 1
        root = hashes[-1]
        for left in hashes[-2::-1]:
            root = sha256(_NODE_PREFIX + left + root).digest()
        return root

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Append several leaf hashes in order."""
        for leaf in leaves:
            self.append(leaf)

    def root_hash(self) -> bytes:
        """MTH of the leaves appended so far (``EMPTY_ROOT`` when there are none)."""
        if not self._hashes:
            return EMPTY_ROOT
        # The rightmost, smallest subtrees hang off the right edge of the tree: fold right to left.
        root = self._hashes[-1]
        sha256 = hashlib.sha256  # node_hash, inlined: verify takes a root after every entry
        for left in reversed(self._hashes[:-1]):
            root = sha256(_NODE_PREFIX + left + root).digest()
        return root


SubtreeCache = dict[tuple[int, int], bytes]
"""MTH(D[start:end]) by (start, end), shared by many proofs over the *same* leaf sequence."""


def _subtree_hash(
    leaf_hashes: Sequence[bytes], start: int, end: int, cache: SubtreeCache | None = None
) -> bytes:
    """MTH(D[start:end]) in O(end - start) hashes, without copying the sequence.

    With a cache, every subtree on the way is kept, so that many proofs over the same leaves
    (a bundle proves each of its entries) cost O(n) hashes in all instead of O(n) each.
    """
    if cache is None:
        return _bottom_up([_checked_hash(leaf_hashes[i]) for i in range(start, end)])
    known = cache.get((start, end))
    if known is None:
        if end - start == 1:
            known = leaf_hashes[start]
        else:
            k = _split(end - start)
            known = node_hash(
                _subtree_hash(leaf_hashes, start, start + k, cache),
                _subtree_hash(leaf_hashes, start + k, end, cache),
            )
        cache[(start, end)] = known
    return known


def _bottom_up(level: list[bytes]) -> bytes:
    """MTH of ``level`` (leaf hashes), hashing pairs level by level, an odd last node carried up.

    The same tree as RFC 9162's split at the largest power of two below n: pairing from the left
    completes every perfect subtree of the left part before the right part's, and a node without
    a partner is exactly the right subtree that MTH would hash later (a test holds this against
    the recursive definition). One list comprehension per level: an import's 100k commitments
    cost a few hashlib calls each and no Python-level bookkeeping.
    """
    if not level:
        return EMPTY_ROOT
    sha256, prefix = hashlib.sha256, _NODE_PREFIX
    while len(level) > 1:
        paired = [
            sha256(prefix + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) & 1:
            paired.append(level[-1])
        level = paired
    return level[0]


def root_hash(leaf_hashes: Sequence[bytes], cache: SubtreeCache | None = None) -> bytes:
    """MTH(D[n]) (RFC 9162 §2.1.1) over leaf hashes, each already ``leaf_hash(d[i])``.

    Iterative and O(n): each interior node is hashed exactly once, so 100k+ leaves are fine.
    """
    return _subtree_hash(leaf_hashes, 0, len(leaf_hashes), cache)


def inclusion_proof(
    index: int, leaf_hashes: Sequence[bytes], cache: SubtreeCache | None = None
) -> list[bytes]:
    """PATH(m, D[n]) (RFC 9162 §2.1.3.1): the audit path of leaf ``index`` in the whole sequence.

    The path runs from the leaf's sibling up to the root's other child, as the verifier consumes
    it. To prove inclusion in an older tree, pass that tree's prefix of leaf hashes. Costs O(n)
    hashes, because the sibling subtrees are recomputed from the leaves.
    """
    n = len(leaf_hashes)
    if not _is_size(index) or index >= n:
        raise ValueError(f"leaf index {index!r} out of range for a tree of size {n}")
    # Walk down from the root, recording the sibling subtree at each split; the RFC lists them
    # bottom-up, so the list is reversed at the end.
    path: list[bytes] = []
    start, end = 0, n
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            # m < k: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
            path.append(_subtree_hash(leaf_hashes, start + k, end, cache))
            end = start + k
        else:
            # m >= k: PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
            path.append(_subtree_hash(leaf_hashes, start, start + k, cache))
            start += k
    path.reverse()
    return path


def consistency_proof(
    old_size: int, leaf_hashes: Sequence[bytes], cache: SubtreeCache | None = None
) -> list[bytes]:
    """PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), with n = len(leaf_hashes).

    Proves that the tree of the first ``old_size`` leaves is a prefix of the whole tree. The RFC
    defines it for 0 < m <= n (empty when m == n). There is no proof from the empty tree: it
    commits to nothing, so a caller checking a first checkpoint has nothing to prove and must not
    ask; ``old_size == 0`` is refused rather than answered with a vacuous proof.
    """
    n = len(leaf_hashes)
    if not _is_size(old_size) or not 0 < old_size <= n:
        raise ValueError(f"old size {old_size!r} out of range for a tree of size {n}")
    # Iterative SUBPROOF(m, D[start:end], b): each step appends one subtree hash after the
    # recursive part, so collect top-down and reverse at the end.
    proof: list[bytes] = []
    m, start, end, b = old_size, 0, n, True
    while True:
        if m == end - start:
            # SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}
            if not b:
                proof.append(_subtree_hash(leaf_hashes, start, end, cache))
            break
        k = _split(end - start)
        if m <= k:
            # SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            proof.append(_subtree_hash(leaf_hashes, start + k, end, cache))
            end = start + k
        else:
            # SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            proof.append(_subtree_hash(leaf_hashes, start, start + k, cache))
            start += k
            m -= k
            b = False
    proof.reverse()
    return proof


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Check an inclusion proof per RFC 9162 §2.1.3.2, step by step; never raises.

    ``leaf_hash`` is the leaf's hash (``leaf_hash(d)``), not its data. The proof binds the leaf,
    its index and the root, but not ``tree_size`` on its own (an audit path for a tree of size 3
    also fits size 4 against the same root), so ``tree_size`` and ``root`` must both come from
    the same authenticated checkpoint.
    """
    if not (_is_hash(leaf_hash) and _is_hash(root) and _is_size(index) and _is_size(tree_size)):
        return False
    if not _is_proof(proof):
        return False
    # 1. Compare leaf_index from the inclusion_proof_v2 structure against tree_size. If
    #    leaf_index is greater than or equal to tree_size, then fail the proof verification.
    if index >= tree_size:
        return False
    # 2. Set fn to leaf_index and sn to tree_size - 1.
    fn, sn = index, tree_size - 1
    # 3. Set r to hash.
    r = leaf_hash
    # 4. For each value p in the inclusion_path array:
    for p in proof:
        # a. If sn is 0, then stop the iteration and fail the proof verification.
        if sn == 0:
            return False
        # b. If LSB(fn) is set, or if fn is equal to sn, then:
        if fn & 1 or fn == sn:
            # i. Set r to HASH(0x01 || p || r).
            r = node_hash(p, r)
            # ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either
            #     LSB(fn) is set or fn is 0.
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        # Otherwise: Set r to HASH(0x01 || r || p).
        else:
            r = node_hash(r, p)
        # c. Finally, right-shift both fn and sn one time.
        fn >>= 1
        sn >>= 1
    # 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the
    #    root_hash are equal, then the log has proven the inclusion of hash.
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Check a consistency proof per RFC 9162 §2.1.4.2, step by step; never raises.

    The RFC algorithm covers 0 < first < second. Beyond it: equal sizes are consistent only with
    an empty proof and identical roots (PROOF(n, D[n]) is empty), and ``old_size == 0`` is
    refused, mirroring ``consistency_proof``: the empty tree proves nothing. Sizes and roots must
    come from authenticated checkpoints; the proof alone does not bind the sizes.
    """
    if not (_is_hash(old_root) and _is_hash(new_root) and _is_size(old_size)):
        return False
    if not (_is_size(new_size) and _is_proof(proof)):
        return False
    if old_size == 0 or old_size > new_size:
        return False
    if old_size == new_size:
        return len(proof) == 0 and old_root == new_root
    first, second, first_hash, second_hash = old_size, new_size, old_root, new_root
    # 1. If consistency_path is an empty array, stop and fail the proof verification.
    if len(proof) == 0:
        return False
    # 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
    consistency_path = list(proof)
    if first & (first - 1) == 0:
        consistency_path.insert(0, first_hash)
    # 3. Set fn to first - 1 and sn to second - 1.
    fn, sn = first - 1, second - 1
    # 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
    while fn & 1:
        fn >>= 1
        sn >>= 1
    # 5. Set both fr and sr to the first value in the consistency_path array.
    fr = sr = consistency_path[0]
    # 6. For each subsequent value c in the consistency_path array:
    for c in consistency_path[1:]:
        # a. If sn is 0, then stop the iteration and fail the proof verification.
        if sn == 0:
            return False
        # b. If LSB(fn) is set, or if fn is equal to sn, then:
        if fn & 1 or fn == sn:
            # i. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            # ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either
            #     LSB(fn) is set or fn is 0.
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        # Otherwise: Set sr to HASH(0x01 || sr || c).
        else:
            sr = node_hash(sr, c)
        # c. Finally, right-shift both fn and sn one time.
        fn >>= 1
        sn >>= 1
    # 7. Verify that fr equals first_hash, that sr equals second_hash, and that sn is 0.
    return fr == first_hash and sr == second_hash and sn == 0
