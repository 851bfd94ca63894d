import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_desk.integrity import digests

# GB/T 32905-2016 appendix A
SM3_VECTORS = {
    b"abc": "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    b"abcd" * 16: "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
}


@pytest.mark.parametrize("prefer_hashlib", [True, False], ids=["in use", "cryptography"])
@pytest.mark.parametrize(("message", "expected"), SM3_VECTORS.items())
def test_sm3_passes_gbt_32905_vectors(message: bytes, expected: str, prefer_hashlib: bool) -> None:
    assert digests.sm3_hex(message, prefer_hashlib=prefer_hashlib) == expected


@given(st.lists(st.binary(max_size=3000), max_size=8))
def test_both_sm3_implementations_agree_on_any_input(chunks: list[bytes]) -> None:
    # hashlib's SM3 (GIL-free) when this Python's OpenSSL has it; cryptography's is the fallback
    ours, theirs = digests.new_sm3(), digests.new_sm3(prefer_hashlib=False)
    for chunk in chunks:
        ours.update(chunk)
        theirs.update(chunk)
    assert ours.digest() == theirs.digest()


def test_sm3_is_available_in_this_build() -> None:
    # Sealing must fail loudly without SM3; this test is the loud failure on a bad build.
    digests.self_test()


def test_sha256_known_value() -> None:
    assert digests.digest_bytes(b"abc").sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_streaming_equals_one_shot_for_multi_chunk_input() -> None:
    data = os.urandom(digests.CHUNK_SIZE * 2 + 12345)
    streamed = digests.digest_stream(io.BytesIO(data))
    assert streamed == digests.digest_bytes(data)
    assert streamed.size == len(data)


@given(st.lists(st.binary(max_size=300), max_size=20))
def test_any_chunking_gives_the_same_digests(chunks: list[bytes]) -> None:
    assert digests.digest_chunks(chunks) == digests.digest_bytes(b"".join(chunks))


def test_empty_input() -> None:
    result = digests.digest_bytes(b"")
    assert result.size == 0
    assert result.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert result.sm3 == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"
