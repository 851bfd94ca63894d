"""RFC 9421 signatures as the hub checks them: the RFC's own Ed25519 vector, then each refusal."""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.integrity import http_signatures as hs
from evidence_desk.integrity.signing import public_key_hex

# RFC 9421 appendix B.1.4 (test-key-ed25519) and B.2: the test request
RFC_KEY = Ed25519PrivateKey.from_private_bytes(
    base64.urlsafe_b64decode("n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU=")
)
RFC_PUBLIC = base64.urlsafe_b64decode("JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs=").hex()
RFC_URL = "https://example.com/foo?param=Value&Pet=dog"
RFC_HEADERS = {
    "Host": "example.com",
    "Date": "Tue, 20 Apr 2021 02:07:55 GMT",
    "Content-Type": "application/json",
    "Content-Digest": (
        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXv"
        "Jwew==:"
    ),
    "Content-Length": "18",
}
RFC_COVERED = ("date", "@method", "@path", "@authority", "content-type", "content-length")
# B.2.6
RFC_INPUT = (
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length")'
    ';created=1618884473;keyid="test-key-ed25519"'
)
RFC_SIGNATURE = (
    "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKR"
    "Cw==:"
)

NOW = 1_800_000_000
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
URL = "https://127.0.0.1:8443/v1/push?since=7"
BODY = b'{"entries":[]}'
JSON = {"Content-Type": "application/json"}


def test_rfc9421_b26_ed25519_signature_is_reproduced_exactly() -> None:
    signature_input, signature = hs.sign_message(
        "POST",
        RFC_URL,
        RFC_HEADERS,
        RFC_KEY,
        key_id="test-key-ed25519",
        covered=RFC_COVERED,
        created=1618884473,
        label="sig-b26",
        tag=None,
        include_alg=False,
    )
    assert signature_input == RFC_INPUT
    assert signature == RFC_SIGNATURE


def test_rfc9421_b26_signature_verifies_and_a_changed_field_does_not() -> None:
    fields = {**RFC_HEADERS, "Signature-Input": RFC_INPUT, "Signature": RFC_SIGNATURE}
    request = hs.SignedRequest("POST", RFC_URL, tuple(fields.items()), b'{"hello": "world"}')
    hs.verify_signature(request, "test-key-ed25519", RFC_PUBLIC, label="sig-b26")
    changed = {**fields, "Date": "Tue, 20 Apr 2021 02:07:56 GMT"}
    tampered = hs.SignedRequest("POST", RFC_URL, tuple(changed.items()), request.body)
    with pytest.raises(hs.SignatureRefused) as refused:
        hs.verify_signature(tampered, "test-key-ed25519", RFC_PUBLIC, label="sig-b26")
    assert refused.value.detail.code == "httpsig.forged"


def _signed(
    method: str = "POST",
    url: str = URL,
    body: bytes = BODY,
    headers: dict[str, str] | None = None,
    key: Ed25519PrivateKey = KEY,
    key_id: str = "alice",
    created: int = NOW,
    nonce: str | None = None,
) -> dict[str, str]:
    own = JSON if headers is None else headers
    return {
        **own,
        **hs.sign_request(method, url, own, body, key, key_id, created=created, nonce=nonce),
    }


def _request(
    fields: dict[str, str], method: str = "POST", url: str = URL, body: bytes = BODY
) -> hs.SignedRequest:
    return hs.SignedRequest(method, url, tuple(fields.items()), body)


def _keys(name: str) -> str | None:
    return {"alice": public_key_hex(KEY)}.get(name)


def _refusal(
    request: hs.SignedRequest,
    *,
    verifier: hs.RequestVerifier | None = None,
    keys: Callable[[str], str | None] = _keys,
    now: float = NOW,
) -> str:
    with pytest.raises(hs.SignatureRefused) as refused:
        (verifier or hs.RequestVerifier(hs.MemoryNonces())).verify(request, keys, now=now)
    return refused.value.detail.code


def test_our_profile_covers_method_path_query_digest_and_type() -> None:
    fields = _signed()
    assert fields["Content-Digest"] == hs.content_digest(BODY)
    assert fields["Signature-Input"].startswith(
        'evidence-desk=("@method" "@path" "@query" "content-digest" "content-type");'
        f'created={NOW};keyid="alice";alg="ed25519";nonce="'
    )
    assert fields["Signature-Input"].endswith(f';tag="{hs.TAG}"')
    verified = hs.RequestVerifier(hs.MemoryNonces()).verify(_request(fields), _keys, now=NOW)
    assert (verified.key_id, verified.created) == ("alice", NOW)


def test_the_signature_does_not_depend_on_the_authority_the_hub_sees() -> None:
    # behind a proxy or under another name: only the path and query are covered
    fields = _signed(url="https://hub.example.com:443/v1/push?since=7")
    request = _request(fields, url="https://hub.invalid/v1/push?since=7")
    assert hs.RequestVerifier(hs.MemoryNonces()).verify(request, _keys, now=NOW).key_id == "alice"


def test_a_bodyless_get_is_signed_with_the_digest_of_nothing() -> None:
    fields = _signed(method="GET", url="https://h/v1/whoami", body=b"", headers={})
    assert "content-type" not in fields["Signature-Input"]
    request = _request(fields, method="GET", url="https://h/v1/whoami", body=b"")
    assert hs.RequestVerifier(hs.MemoryNonces()).verify(request, _keys, now=NOW).key_id == "alice"
    smuggled = _request(fields, method="GET", url="https://h/v1/whoami", body=b"{}")
    assert _refusal(smuggled) == "httpsig.digest_mismatch"


def test_a_tampered_body_is_refused_as_a_digest_mismatch() -> None:
    assert _refusal(_request(_signed(), body=b'{"entries":[1]}')) == "httpsig.digest_mismatch"


def test_a_tampered_digest_path_query_or_method_is_forged() -> None:
    fields = _signed()
    other_digest = {**fields, "Content-Digest": hs.content_digest(b"{}")}
    assert _refusal(_request(other_digest, body=b"{}")) == "httpsig.forged"
    assert _refusal(_request(fields, url="https://h/v1/pull?since=7")) == "httpsig.forged"
    assert _refusal(_request(fields, url="https://h/v1/push?since=0")) == "httpsig.forged"
    assert _refusal(_request(fields, method="PUT")) == "httpsig.forged"
    assert _refusal(_request({**fields, "Content-Type": "application/json; x=1"})) == (
        "httpsig.forged"
    )


def test_a_signature_by_another_key_is_forged() -> None:
    assert _refusal(_request(_signed(key=OTHER))) == "httpsig.forged"


def test_an_unknown_signer_is_refused_as_a_forgery() -> None:
    """Even signed with a key that verifies, an unknown name is refused, and in the words a
    forgery gets (no answer tells an outsider which names exist)."""
    with pytest.raises(hs.SignatureRefused) as refused:
        hs.RequestVerifier(hs.MemoryNonces()).verify(
            _request(_signed(key_id="mallory")), _keys, now=NOW
        )
    assert refused.value.detail.code == "httpsig.forged"
    assert refused.value.detail.fact("key_id") == "mallory"


def test_created_outside_the_window_is_refused() -> None:
    verifier = hs.RequestVerifier(hs.MemoryNonces(), window=300, skew=30)
    assert _refusal(_request(_signed(created=NOW - 301)), verifier=verifier) == "httpsig.expired"
    assert _refusal(_request(_signed(created=NOW + 31)), verifier=verifier) == "httpsig.future"
    for created in (NOW - 300, NOW + 30):
        verifier.verify(_request(_signed(created=created)), _keys, now=NOW)


def test_a_replayed_nonce_is_refused_within_the_window_only_for_the_same_signer() -> None:
    nonces = hs.MemoryNonces()
    verifier = hs.RequestVerifier(nonces, window=300, skew=30)
    fields = _signed(nonce="n" * 22)
    verifier.verify(_request(fields), _keys, now=NOW)
    assert _refusal(_request(fields), verifier=verifier, now=NOW + 10) == "httpsig.replayed"
    # the same nonce from another signer is theirs
    bob_keys = {"alice": public_key_hex(KEY), "bob": public_key_hex(OTHER)}.get
    bob = _signed(key=OTHER, key_id="bob", nonce="n" * 22)
    verifier.verify(_request(bob), bob_keys, now=NOW)
    # past the window the request is refused for its age, and the memory forgets its nonce
    assert _refusal(_request(fields), verifier=verifier, now=NOW + 331) == "httpsig.expired"
    verifier.verify(_request(_signed(created=NOW + 331)), _keys, now=NOW + 331)
    assert len(nonces) == 1


def test_a_forged_request_does_not_take_its_nonce() -> None:
    verifier = hs.RequestVerifier(hs.MemoryNonces())
    forged = _signed(key=OTHER, nonce="m" * 22)
    assert _refusal(_request(forged), verifier=verifier) == "httpsig.forged"
    verifier.verify(_request(_signed(nonce="m" * 22)), _keys, now=NOW)


def test_missing_or_malformed_signature_fields_are_refused() -> None:
    fields = _signed()
    without = {k: v for k, v in fields.items() if k != "Signature"}
    assert _refusal(_request(without)) == "httpsig.missing"
    assert _refusal(_request(JSON)) == "httpsig.missing"
    broken = {**fields, "Signature-Input": "evidence-desk=(("}
    assert _refusal(_request(broken)) == "httpsig.malformed"
    relabelled = {
        **fields,
        "Signature-Input": fields["Signature-Input"].replace("evidence-desk=", "x="),
    }
    assert _refusal(_request(relabelled)) == "httpsig.malformed"
    untagged = {**fields, "Signature-Input": fields["Signature-Input"].replace(hs.TAG, "other/v1")}
    assert _refusal(_request(untagged)) == "httpsig.malformed"
    short = _signed(nonce="abc")
    assert _refusal(_request(short)) == "httpsig.malformed"
    bad_digest = {**fields, "Content-Digest": "sha-512=:AAAA:"}
    assert _refusal(_request(bad_digest)) in ("httpsig.forged", "httpsig.malformed")


def test_a_content_type_the_signature_does_not_cover_is_refused() -> None:
    fields = {**_signed(headers={}), "Content-Type": "application/json"}
    assert _refusal(_request(fields)) == "httpsig.uncovered"


def test_nonce_memory_admits_one_of_many_racing_requests() -> None:
    nonces = hs.MemoryNonces()
    admitted: list[bool] = []
    start = threading.Barrier(8)

    def race() -> None:
        start.wait()
        admitted.append(nonces.remember("alice", "same", now=NOW, until=NOW + 300))

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(admitted) == [False] * 7 + [True]
    assert nonces.remember("alice", "same", now=NOW + 301, until=NOW + 601)
