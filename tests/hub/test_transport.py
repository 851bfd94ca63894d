"""The hub's transport end to end: real uvicorn over real TLS 1.3 on 127.0.0.1, real HTTP.

Each refusal is sent as a device (or an attacker) would send it, and must come back as the right
4xx with the hub's JSON error before any route ran.
"""

from __future__ import annotations

import json
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from evidence_desk.hub import tls
from evidence_desk.hub.app import Limits, create_app, payload, signer
from evidence_desk.hub.lanes import Busy
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import pinning
from evidence_desk.integrity.http_signatures import MemoryNonces, sign_request
from evidence_desk.integrity.signing import private_key_from_bytes, public_key_hex
from evidence_desk.services.hub_client import (
    HubAuthError,
    HubClient,
    HubRefused,
    HubUnreachable,
    HubUntrusted,
)
from evidence_desk.store.folder import StoreFolder
from evidence_desk_testing.hub_server import running_hub
from tests.helpers import Team

ALICE = Ed25519PrivateKey.generate()
BOB = Ed25519PrivateKey.generate()
MALLORY = Ed25519PrivateKey.generate()
MAX_BODY = 4096


class Directory:
    """A fixed table of users: the input the hub's PostgreSQL repository gives in production."""

    def __init__(self, users: list[HubUser]) -> None:
        self._users = {user.name: user for user in users}

    def user(self, name: str) -> HubUser | None:
        return self._users.get(name)


async def _echo(request: Request) -> Response:
    return JSONResponse({"by": signer(request).name, "got": payload(request)})


async def _broken(_request: Request) -> Response:
    raise RuntimeError("a fault inside a route")


async def _busy(_request: Request) -> Response:
    raise Busy(7)


@dataclass(frozen=True)
class Hub:
    url: str
    files: tls.TlsFiles


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    files = tls.create_private_ca(tmp_path_factory.mktemp("tls"), [])
    directory = Directory(
        [
            HubUser("alice", "staff", public_key_hex(ALICE), active=True),
            HubUser("bob", "supervisor", public_key_hex(BOB), active=False),
        ]
    )
    app = create_app(
        directory,
        MemoryNonces(),
        limits=Limits(max_body=MAX_BODY),
        routes=[
            Route("/v1/echo", _echo, methods=["POST"]),
            Route("/v1/broken", _broken, methods=["GET"]),
            Route("/v1/busy", _busy, methods=["GET"]),
        ],
    )
    with running_hub(app, tls.server_context(files)) as url:
        yield Hub(url, files)


@pytest.fixture
def raw(hub: Hub) -> Iterator[httpx.Client]:
    """A plain TLS client that pins the CA but signs nothing by itself."""
    with httpx.Client(
        base_url=hub.url, verify=pinning.client_context(hub.files.ca_file), trust_env=False
    ) as client:
        yield client


def _client(hub: Hub, user: str = "alice", key: Ed25519PrivateKey = ALICE) -> HubClient:
    return HubClient(hub.url, hub.files.ca_file, user, key)


def _signed(
    hub: Hub,
    method: str,
    path: str,
    body: bytes,
    headers: dict[str, str],
    *,
    user: str = "alice",
    key: Ed25519PrivateKey = ALICE,
    created: int | None = None,
) -> dict[str, str]:
    return {
        **headers,
        **sign_request(method, hub.url + path, headers, body, key, user, created=created),
    }


def _error(response: httpx.Response, status: int) -> tuple[str, dict[str, str]]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error", "facts"}
    return body["error"], body["facts"]


JSON = {"Content-Type": "application/json"}


def test_a_signed_whoami_names_the_signer(hub: Hub) -> None:
    with _client(hub) as client:
        assert client.whoami() == {"user": "alice", "role": "staff"}
        # keep-alive and a fresh nonce per request: the same call again is no replay
        assert client.whoami() == {"user": "alice", "role": "staff"}
        assert client.post("/v1/echo", {"entries": ["甲", 1]}) == {
            "by": "alice",
            "got": {"entries": ["甲", 1]},
        }


def test_the_query_and_an_encoded_path_are_signed_as_sent(hub: Hub) -> None:
    with _client(hub) as client:
        assert client.get("/v1/whoami?since=7&pet=%E7%8C%AB") == {"user": "alice", "role": "staff"}
        # the signature verified on the path as sent; then the router found no such route
        with pytest.raises(HubRefused) as refused:
            client.get("/v1/who%20ami")
    assert (refused.value.rule, refused.value.named["path"]) == ("hub.not_found", "/v1/who ami")


def test_health_needs_no_signature(hub: Hub, raw: httpx.Client) -> None:
    assert raw.get("/v1/health").json() == {"status": "ok"}
    with _client(hub, "nobody", MALLORY) as client:
        assert client.health() == {"status": "ok"}


def test_an_unsigned_request_is_refused(raw: httpx.Client) -> None:
    assert _error(raw.get("/v1/whoami"), 401)[0] == "httpsig.missing"


def test_a_tampered_body_is_refused(hub: Hub, raw: httpx.Client) -> None:
    headers = _signed(hub, "POST", "/v1/echo", b'{"n":1}', JSON)
    response = raw.post("/v1/echo", content=b'{"n":2}', headers=headers)
    assert _error(response, 401)[0] == "httpsig.digest_mismatch"


def test_a_signature_by_the_wrong_key_is_refused(hub: Hub) -> None:
    with _client(hub, "alice", MALLORY) as client, pytest.raises(HubAuthError) as refused:
        client.whoami()
    assert (refused.value.rule, refused.value.status) == ("httpsig.forged", 401)
    assert refused.value.named == {"key_id": "alice"}
    assert refused.value.exit_code == 3


def test_an_old_signature_is_refused(hub: Hub, raw: httpx.Client) -> None:
    headers = _signed(hub, "GET", "/v1/whoami", b"", {}, created=int(time.time()) - 3600)
    code, facts = _error(raw.get("/v1/whoami", headers=headers), 401)
    assert code == "httpsig.expired"
    assert facts["window"] == "300"


def test_a_replayed_request_is_refused(hub: Hub, raw: httpx.Client) -> None:
    headers = _signed(hub, "POST", "/v1/echo", b"{}", JSON)
    assert raw.post("/v1/echo", content=b"{}", headers=headers).status_code == 200
    again = raw.post("/v1/echo", content=b"{}", headers=headers)
    assert _error(again, 401) == ("httpsig.replayed", {"key_id": "alice", "window": "300"})


def test_an_unknown_user_is_refused_like_a_forgery(hub: Hub) -> None:
    """The answer must not tell an outsider which user names the hub knows."""
    with _client(hub, "mallory", MALLORY) as client, pytest.raises(HubAuthError) as unknown:
        client.whoami()
    with _client(hub, "alice", MALLORY) as client, pytest.raises(HubAuthError) as forged:
        client.whoami()
    assert (unknown.value.rule, unknown.value.status) == ("httpsig.forged", 401)
    assert (forged.value.rule, forged.value.status) == ("httpsig.forged", 401)
    assert str(unknown.value).replace("mallory", "alice") == str(forged.value)


def test_a_deactivated_user_is_refused_after_proving_who_they_are(hub: Hub) -> None:
    with _client(hub, "bob", BOB) as client, pytest.raises(HubAuthError) as refused:
        client.whoami()
    assert (refused.value.rule, refused.value.status) == ("hub.user_deactivated", 403)
    assert str(refused.value).endswith("bob is deactivated on this hub")
    # someone else claiming to be bob learns nothing about bob's state
    with _client(hub, "bob", MALLORY) as client, pytest.raises(HubAuthError) as refused:
        client.whoami()
    assert (refused.value.rule, refused.value.status) == ("httpsig.forged", 401)


def test_a_body_that_is_not_json_by_type_is_refused(hub: Hub, raw: httpx.Client) -> None:
    text = {"Content-Type": "text/plain"}
    headers = _signed(hub, "POST", "/v1/echo", b"{}", text)
    response = raw.post("/v1/echo", content=b"{}", headers=headers)
    assert _error(response, 415) == ("hub.content_type", {"content_type": "text/plain"})
    latin = {"Content-Type": "application/json; charset=latin-1"}
    headers = _signed(hub, "POST", "/v1/echo", b"{}", latin)
    assert _error(raw.post("/v1/echo", content=b"{}", headers=headers), 415)[0] == (
        "hub.content_type"
    )
    # a POST without any content type at all
    response = raw.post("/v1/echo", content=b"", headers=_signed(hub, "POST", "/v1/echo", b"", {}))
    assert _error(response, 415)[0] == "hub.content_type"


def test_an_oversized_body_is_refused_declared_or_streamed(hub: Hub, raw: httpx.Client) -> None:
    big = json.dumps({"pad": "x" * MAX_BODY}).encode()
    headers = _signed(hub, "POST", "/v1/echo", big, JSON)
    assert _error(raw.post("/v1/echo", content=big, headers=headers), 413) == (
        "hub.too_large",
        {"limit": str(MAX_BODY)},
    )

    def chunks() -> Iterator[bytes]:  # chunked: no Content-Length to judge by
        for start in range(0, len(big), 1000):
            yield big[start : start + 1000]

    response = raw.post("/v1/echo", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers
    assert _error(response, 413)[0] == "hub.too_large"


def test_malformed_json_is_refused_with_where(hub: Hub, raw: httpx.Client) -> None:
    body = b'{"entries": [1, 2,,]}'
    response = raw.post(
        "/v1/echo", content=body, headers=_signed(hub, "POST", "/v1/echo", body, JSON)
    )
    assert _error(response, 400) == ("hub.malformed_json", {"line": "1", "column": "19"})
    for bad in (b"[1, 2]", b'{"n": NaN}', b'{"n": "\xff"}'):
        headers = _signed(hub, "POST", "/v1/echo", bad, JSON)
        code, _facts = _error(raw.post("/v1/echo", content=bad, headers=headers), 400)
        assert code in ("hub.not_object", "hub.malformed_json")


def test_an_unknown_route_is_a_refusal_naming_it(hub: Hub) -> None:
    with _client(hub) as client, pytest.raises(HubRefused) as refused:
        client.post("/v1/nothing", {})
    assert not isinstance(refused.value, HubAuthError)
    assert (refused.value.rule, refused.value.status) == ("hub.not_found", 404)
    assert refused.value.named == {"method": "POST", "path": "/v1/nothing"}


def test_a_fault_in_the_hub_is_unreachable_not_refused(hub: Hub) -> None:
    with _client(hub) as client, pytest.raises(HubUnreachable) as failed:
        client.get("/v1/broken")
    assert failed.value.exit_code == 5
    assert failed.value.detail_code == "hubclient.failed"


def test_a_busy_bulk_lane_is_a_503_with_retry_after_which_the_app_retries_later(
    hub: Hub, raw: httpx.Client
) -> None:
    """The hub's bulk lane full for longer than a laptop should wait (hub/lanes.py): a 503
    stating when to try again, in the hub's refusal shape; the app's client takes it as a hub
    not reachable now (its background sync backs off and tries again), not as a refusal."""
    answer = raw.get("/v1/busy", headers=_signed(hub, "GET", "/v1/busy", b"", {}))
    assert _error(answer, 503) == ("hub.busy", {"seconds": "7"})
    assert answer.headers["Retry-After"] == "7"
    with _client(hub) as client, pytest.raises(HubUnreachable) as failed:
        client.get("/v1/busy")
    assert failed.value.exit_code == 5


def test_a_client_that_does_not_pin_the_ca_fails_the_handshake(hub: Hub, tmp_path: Path) -> None:
    system = ssl.create_default_context()
    with (
        HubClient(hub.url, hub.files.ca_file, "alice", ALICE, context=system) as client,
        pytest.raises(HubUntrusted),
    ):
        client.whoami()
    stranger = tls.create_private_ca(tmp_path, [])
    with (
        HubClient(hub.url, stranger.ca_file, "alice", ALICE) as client,
        pytest.raises(HubUntrusted) as untrusted,
    ):
        client.whoami()
    assert untrusted.value.exit_code == 5
    assert untrusted.value.detail_code == "hubclient.untrusted"


def test_a_tls_1_2_client_is_refused(hub: Hub) -> None:
    old = ssl.create_default_context(cafile=str(hub.files.ca_file))
    old.minimum_version = ssl.TLSVersion.TLSv1_2
    old.maximum_version = ssl.TLSVersion.TLSv1_2
    with (
        HubClient(hub.url, hub.files.ca_file, "alice", ALICE, context=old) as client,
        pytest.raises(HubUntrusted),
    ):
        client.whoami()
    # the same at the socket: the hub's handshake itself refuses TLS 1.2
    port = int(hub.url.rsplit(":", 1)[1])
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as sock,
        pytest.raises(ssl.SSLError),
    ):
        old.wrap_socket(sock, server_hostname="127.0.0.1").close()


def test_a_hub_that_is_not_there_is_unreachable(tmp_path: Path, hub: Hub) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = f"https://127.0.0.1:{port}"
    with (
        HubClient(nowhere, hub.files.ca_file, "alice", ALICE) as client,
        pytest.raises(HubUnreachable) as failed,
    ):
        client.whoami()
    assert not isinstance(failed.value, HubUntrusted)
    assert failed.value.detail_code == "hubclient.unreachable"


def test_a_store_users_own_signing_key_is_who_they_are_on_the_hub(
    team: Team, tmp_path: Path
) -> None:
    # the key the store's slot seals for alice (what signs her ledger entries) signs her
    # requests; the hub knows its public half
    unlocked = StoreFolder.open(team.path).keyslots.unlock("alice", team.passwords["alice"])
    files = tls.create_private_ca(tmp_path / "tls", [])
    known = Directory([HubUser("alice", "staff", unlocked.public_key, active=True)])
    app = create_app(known, MemoryNonces())
    with (
        running_hub(app, tls.server_context(files)) as url,
        HubClient(url, files.ca_file, "alice", private_key_from_bytes(unlocked.signing_key)) as c,
    ):
        assert c.whoami() == {"user": "alice", "role": "staff"}
