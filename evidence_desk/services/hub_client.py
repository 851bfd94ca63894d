"""A device's connection to the organisation hub: every request signed, over pinned TLS 1.3.

The client signs each request with the user's own Ed25519 key (the one their store's key slot
holds; integrity/http_signatures.py) inside an httpx auth step, so a retried or redirected
request is signed afresh (a new nonce, a new created time). It trusts only the hub's CA file
(integrity/pinning.py), keeps connections alive between calls, and gives up after a timeout at
every stage (connect, write, read, pool) instead of hanging a sync.

What went wrong is one of three exceptions the CLI maps to its exit status:

- :class:`HubUnreachable` (exit 5): no answer, a dropped connection, a timeout, a 5xx, or an
  answer that is not the hub's; the work stays queued on the device. :class:`HubUntrusted`, a
  kind of it, is a hub whose certificate does not chain to the pinned CA or that will not speak
  TLS 1.3;
- :class:`HubTooOld`, a kind of :class:`HubUnreachable` (exit 5): the hub states an older
  protocol than this app's (domain/hub_protocol.py), or none: its administrator upgrades it;
  checked on every answer before it is read, so a route the old hub lacks is never a bare 404;
- :class:`HubRefused` (exit 3): the hub refused the request, naming the rule (``rule``) and
  its facts; :class:`HubAuthError`, a kind of it, is a refusal of who signed (401, 403).
"""

from __future__ import annotations

import json
import ssl
from collections import Counter
from collections.abc import Generator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.domain import hub_protocol
from evidence_desk.domain.errors import EvidenceDeskError, RuleViolation
from evidence_desk.domain.hub_refusals import worded_refusal
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.http_signatures import sign_request
from evidence_desk.integrity.pinning import client_context

#: The content type of a sealed blob's chunk (the hub's gate takes it under /v1/blobs/).
BINARY_TYPE = "application/octet-stream"
#: Seconds: to connect (TLS handshake included), to wait for a free pooled connection, and to
#: read or write (between two chunks, not for the whole body).
CONNECT_TIMEOUT = 10.0
POOL_TIMEOUT = 10.0
IO_TIMEOUT = 60.0
#: Below the hub's 30 s keep-alive, so the client drops an idle connection before the hub does.
KEEPALIVE_EXPIRY = 20.0

_said = Catalogue(
    {
        "hubclient.unreachable": "the hub at {url} cannot be reached ({error})",
        "hubclient.untrusted": (
            "the hub at {url} did not prove it is the hub: no TLS 1.3 connection with a"
            " certificate of the pinned CA {ca} ({error})"
        ),
        "hubclient.failed": "the hub at {url} failed with HTTP status {status}",
        "hubclient.too_old": (
            "the hub at {url} runs an older release (protocol {hub}); this app needs protocol"
            " {needed}: ask the hub's administrator to run `evidence-desk hub upgrade` and"
            " update the hub to this release"
        ),
        "hubclient.not_hub": (
            "the answer from {url} (HTTP status {status}) is not the hub's: not a JSON object"
        ),
    }
)


class HubUnreachable(EvidenceDeskError):
    """The hub gave no usable answer; nothing was decided, the work stays on the device."""

    code = "hub_unreachable"
    exit_code = 5


class HubUntrusted(HubUnreachable):
    """The TLS handshake failed: not the pinned CA's certificate, or not TLS 1.3."""

    code = "hub_untrusted"


class HubTooOld(HubUnreachable):
    """The hub runs an older release than this app: ``hub`` is the protocol it states,
    ``needed`` this app's. Nothing was decided; the work stays on the device."""

    code = "hub_too_old"

    def __init__(self, message: str, *, hub: int, needed: int) -> None:
        super().__init__(message)
        self.hub = hub
        self.needed = needed


class HubRefused(RuleViolation):
    """The hub refused the request: ``rule`` is its code, ``facts`` what it named."""

    code = "hub_refused"

    def __init__(self, rule: str, facts: Mapping[str, str], *, status: int) -> None:
        super().__init__(rule, worded_refusal(rule, facts))
        self.status = status
        self.named = dict(facts)


class HubAuthError(HubRefused):
    """The hub refused who signed: unknown user, bad or replayed signature (401), or a
    deactivated user (403)."""

    code = "hub_auth"


class _Signing(httpx.Auth):
    """Signs each request as it is sent (httpx calls this for every attempt)."""

    requires_request_body = True

    def __init__(self, user: str, key: Ed25519PrivateKey) -> None:
        self._user = user
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        own = {name: value for name, value in request.headers.items() if name == "content-type"}
        fields = sign_request(
            request.method, str(request.url), own, request.content, self._key, self._user
        )
        request.headers.update(fields)
        yield request


def _refusal(response: httpx.Response) -> tuple[str, dict[str, str]] | None:
    """The ``(code, facts)`` of a refusal in the hub's shape, None for any other answer."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    code, facts = body.get("error"), body.get("facts")
    if not isinstance(code, str) or not isinstance(facts, dict):
        return None
    return code, {str(name): str(value) for name, value in facts.items()}


def _is_json_object(response: httpx.Response) -> bool:
    if not response.headers.get("content-type", "").startswith("application/json"):
        return False
    try:
        return isinstance(response.json(), dict)
    except ValueError:
        return False


def _is_tls_failure(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class HubClient:
    """Requests to one hub as one user; use as a context manager (closes the connections).

    ``key`` is the user's Ed25519 private key (``signing.private_key_from_bytes`` of the key
    slot's ``signing_key``); ``context`` overrides the TLS context built from ``ca_file``
    (a test's misconfigured client)."""

    def __init__(
        self,
        url: str,
        ca_file: Path,
        user: str,
        key: Ed25519PrivateKey,
        *,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.ca_file = ca_file
        #: requests sent, by method and route (the query left out): what a sync costs the
        #: hub in signed requests, read by the sync's tests and bench/hub.py
        self.sent: Counter[str] = Counter()
        self._http = httpx.Client(
            base_url=self.url,
            verify=context if context is not None else client_context(ca_file),
            auth=_Signing(user, key),
            timeout=httpx.Timeout(IO_TIMEOUT, connect=CONNECT_TIMEOUT, pool=POOL_TIMEOUT),
            limits=httpx.Limits(
                max_connections=4, max_keepalive_connections=4, keepalive_expiry=KEEPALIVE_EXPIRY
            ),
            # the hub is reached directly: no proxy or .netrc from the environment
            trust_env=False,
            follow_redirects=False,
        )

    def __enter__(self) -> HubClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, path: str) -> dict[str, Any]:
        return self._send("GET", path, None)

    def post(self, path: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return self._send("POST", path, body)

    def health(self) -> dict[str, Any]:
        return self.get("/v1/health")

    def whoami(self) -> dict[str, Any]:
        """Who the hub takes this device's user for: ``{"user", "role"}``."""
        return self.get("/v1/whoami")

    def put_bytes(self, path: str, data: bytes) -> dict[str, Any]:
        """Send raw bytes (a sealed blob's chunk) as ``application/octet-stream``."""
        headers = {"Content-Type": BINARY_TYPE}
        return self._answer(self._request("PUT", path, data, headers))

    def get_bytes(self, path: str) -> bytes:
        """Raw bytes the hub answers with (a sealed blob's chunk)."""
        response = self._request("GET", path, None, {})
        if response.status_code == 200 and response.headers.get("content-type") == BINARY_TYPE:
            return response.content
        self._answer(response)  # a refusal raises; anything else is not the hub's answer
        raise HubUnreachable(_said("hubclient.not_hub", url=self.url, status=response.status_code))

    def _send(self, method: str, path: str, body: Mapping[str, Any] | None) -> dict[str, Any]:
        content = None
        headers = {}
        if body is not None:
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        return self._answer(self._request(method, path, content, headers))

    def _request(
        self, method: str, path: str, content: bytes | None, headers: dict[str, str]
    ) -> httpx.Response:
        self.sent[f"{method} {path.partition('?')[0]}"] += 1
        try:
            response = self._http.request(method, path, content=content, headers=headers)
        except httpx.HTTPError as error:
            if _is_tls_failure(error):
                said = _said("hubclient.untrusted", url=self.url, ca=self.ca_file, error=error)
                raise HubUntrusted(said) from None
            raise HubUnreachable(
                _said("hubclient.unreachable", url=self.url, error=error)
            ) from None
        self._check_protocol(response)
        return response

    def _check_protocol(self, response: httpx.Response) -> None:
        """Refuse a hub that states an older protocol than this app's. An answer without the
        header is an older hub's only when it is the hub's JSON (a stranger's page stays
        ``hubclient.not_hub``), and a 5xx is a failure whatever it states (the server's own
        error answer, outside the hub's app, states nothing)."""
        header = response.headers.get(hub_protocol.HEADER)
        if header is None and (response.status_code >= 500 or not _is_json_object(response)):
            return
        stated = hub_protocol.stated(header)
        if stated < hub_protocol.PROTOCOL:
            needed = hub_protocol.PROTOCOL
            said = _said("hubclient.too_old", url=self.url, hub=stated, needed=needed)
            raise HubTooOld(said, hub=stated, needed=needed)

    def _answer(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if status >= 500:
            raise HubUnreachable(_said("hubclient.failed", url=self.url, status=status))
        if status >= 400:
            refused = _refusal(response)
            if refused is None:
                raise HubUnreachable(_said("hubclient.not_hub", url=self.url, status=status))
            kind = HubAuthError if status in (401, 403) else HubRefused
            raise kind(refused[0], refused[1], status=status)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or status >= 300:
            raise HubUnreachable(_said("hubclient.not_hub", url=self.url, status=status))
        return answer
