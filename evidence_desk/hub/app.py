"""The hub's HTTP face: a Starlette app whose gate refuses bad requests before any route runs.

Every request but ``GET /v1/health`` passes the gate, in this order (cheapest first, and nothing
parsed for a sender not yet proven):

1. body size: a Content-Length over the cap, or a body that grows over it, is 413 at once;
2. content type: a body (or a POST/PUT/PATCH) must be ``application/json`` (UTF-8); under
   ``/v1/blobs/`` also ``application/octet-stream`` (a sealed blob's chunk, never parsed): 415;
3. signature (integrity/http_signatures.py): missing, malformed, not covering what our profile
   needs, too old or ahead, an unknown user, forged, a body not matching its digest, or a
   nonce seen within the window: 401;
4. the signer deactivated: 403 (after the signature, so that nobody learns who is deactivated
   without being someone);
5. the body a JSON object: 400.

A refusal is ``{"error": code, "facts": {name: text}}`` with the code of a catalogue
(domain/hub_refusals.py, integrity/http_signatures.py), never a sentence: the device words it.
A route finds the signer and the parsed body with :func:`signer` and :func:`payload`.

Users' keys and active flags come through :class:`UserDirectory` (the PostgreSQL repository
implements it), nonces through :class:`~evidence_desk.integrity.http_signatures.NonceMemory`;
both are called in a worker thread, so a blocking database driver does not stall the server.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from evidence_desk.domain import hub_protocol
from evidence_desk.domain.errors import UsageError
from evidence_desk.domain.hub_refusals import DEVICE_RETIRED, refusal, rule_refusal
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.hub.lanes import BUSY_RETRY, Busy, Lanes
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity.http_signatures import (
    NonceMemory,
    RequestVerifier,
    SignatureRefused,
    SignedRequest,
)

#: Requests the gate lets through unsigned: a load balancer's or an admin's liveness probe.
UNSIGNED = frozenset({("GET", "/v1/health")})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
#: Where bodies are raw bytes (a sealed blob's chunk, ciphertext already), not JSON.
BINARY_PREFIX = "/v1/blobs/"
BINARY_TYPE = "application/octet-stream"
#: Where the signed URL's authority would be: not covered by our profile, so any fixed name.
_AUTHORITY = "https://hub.invalid"
_STATE_USER = "evidence_desk.hub.user"
_STATE_PAYLOAD = "evidence_desk.hub.payload"

#: Starlette's ``lifespan=``: what the server holds from startup to shutdown
Lifespan = Callable[[Any], contextlib.AbstractAsyncContextManager[None]]

_said = Catalogue({"hub.listen": "{listen}: not HOST:PORT (a port from 1 to 65535)"})


class UserDirectory(Protocol):
    """Where the hub looks users up (the hub's PostgreSQL repository, or a fixed table)."""

    def user(self, name: str) -> HubUser | None:
        """The user named ``name``, or None when the hub has none."""
        ...


@dataclass(frozen=True, slots=True)
class Limits:
    """The gate's bounds: body cap in bytes, replay window and clock skew in seconds."""

    max_body: int = 16 * 1024 * 1024
    window: int = 300
    skew: int = 30


class _Gone(Exception):
    """The client hung up before its body was complete: nobody to answer."""


class _Refused(Exception):
    def __init__(self, status: int, phrase: Phrase) -> None:
        super().__init__(phrase)
        self.status = status
        self.phrase = phrase


def error_response(status: int, phrase: Phrase) -> JSONResponse:
    """The hub's one shape of refusal: the code and its facts."""
    return JSONResponse({"error": phrase.code, "facts": dict(phrase.facts)}, status_code=status)


def signer(request: Request) -> HubUser:
    """The user whose signature the gate verified for this request."""
    user: HubUser = request.scope["state"][_STATE_USER]
    return user


def payload(request: Request) -> dict[str, Any] | None:
    """The request's JSON object, parsed and checked by the gate (None without a body)."""
    body: dict[str, Any] | None = request.scope["state"][_STATE_PAYLOAD]
    return body


def _reject_constant(name: str) -> None:
    raise ValueError(name)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _Refused(
            400, refusal("hub.malformed_json", line=error.lineno, column=error.colno)
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Refused(400, refusal("hub.malformed_json", line=1, column=1)) from None
    if not isinstance(value, dict):
        raise _Refused(400, refusal("hub.not_object"))
    return value


class _Gate:
    """The checks every signed request passes before its route (see the module's docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        directory: UserDirectory,
        verifier: RequestVerifier,
        limits: Limits,
        lanes: Lanes,
    ) -> None:
        self.app = app
        self.directory = directory
        self.verifier = verifier
        self.limits = limits
        #: the gate's own threads, and its time told to the bulk lane's governor (hub/lanes.py)
        self.lanes = lanes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) in UNSIGNED:
            await self.app(scope, receive, send)
            return
        try:
            body = await self._body(scope, receive)
            request = self._signed(scope, body)
            user = await self.lanes.gate(self._authenticate, request)
            binary = request.header("Content-Type") == BINARY_TYPE
            parsed = _json_object(body) if body and not binary else None
        except _Refused as refused:
            await error_response(refused.status, refused.phrase)(scope, receive, send)
            return
        except _Gone:
            return
        state = scope.setdefault("state", {})
        state[_STATE_USER] = user
        state[_STATE_PAYLOAD] = parsed
        await self.app(scope, _replay(body), send)

    async def _body(self, scope: Scope, receive: Receive) -> bytes:
        cap = self.limits.max_body
        too_large = _Refused(413, refusal("hub.too_large", limit=cap))
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > cap):
                raise too_large
        chunks = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Gone
            chunks += message.get("body", b"")
            if len(chunks) > cap:
                raise too_large
            if not message.get("more_body", False):
                break
        return bytes(chunks)

    def _signed(self, scope: Scope, body: bytes) -> SignedRequest:
        headers = tuple(
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]
        )
        request = SignedRequest(scope["method"], "", headers, body)
        content_type = request.header("Content-Type")
        if body or scope["method"] in _BODY_METHODS or content_type is not None:
            media, _, parameters = (content_type or "").partition(";")
            charset = parameters.strip().lower().replace(" ", "")
            wanted = {"application/json"}
            if scope["path"].startswith(BINARY_PREFIX):
                wanted.add(BINARY_TYPE)
            if media.strip().lower() not in wanted or charset not in ("", "charset=utf-8"):
                raise _Refused(415, refusal("hub.content_type", content_type=content_type or ""))
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        query: bytes = scope.get("query_string", b"")
        target = raw_path.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")
        return SignedRequest(scope["method"], _AUTHORITY + target, headers, body)

    def _authenticate(self, request: SignedRequest) -> HubUser:
        found: list[HubUser] = []

        def key_for(name: str) -> str | None:
            user = self.directory.user(name)
            if user is None:
                return None
            found.append(user)
            return user.sign_key

        try:
            self.verifier.verify(request, key_for)
        except SignatureRefused as refused:
            raise _Refused(401, refused.detail) from None
        user = found[-1]
        if user.retired is not None:  # its device was retired: the laptop learns why
            raise _Refused(403, rule_refusal(DEVICE_RETIRED, **user.retired).detail)
        if not user.active:
            raise _Refused(403, refusal("hub.user_deactivated", user=user.name))
        return user


class _Protocol:
    """States the hub's protocol (domain/hub_protocol.py) in a header of every answer, the
    gate's refusals and the health probe included, so that a device of a newer release tells
    an older hub apart from a missing route."""

    def __init__(self, app: ASGIApp, protocol: int) -> None:
        self.app = app
        self.header = (hub_protocol.HEADER.lower().encode("latin-1"), str(protocol).encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stating(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, stating)


def _replay(body: bytes) -> Receive:
    """The body the gate read, handed to the route as if it came from the client."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _health(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _whoami(request: Request) -> Response:
    user = signer(request)
    return JSONResponse({"user": user.name, "role": user.role})


async def _http_error(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 500
    if status in (404, 405):
        said = refusal("hub.not_found", method=request.method, path=request.url.path)
        return error_response(status, said)
    return error_response(status, refusal("hub.internal"))


async def _busy(_request: Request, error: Exception) -> Response:
    """A bulk call whose turn did not come (hub/lanes.py): 503 with ``Retry-After``, which
    the app's sync takes as a hub not reachable now and tries again later."""
    retry = error.retry if isinstance(error, Busy) else BUSY_RETRY
    answer = error_response(503, refusal("hub.busy", seconds=retry))
    answer.headers["Retry-After"] = str(retry)
    return answer


def create_app(
    directory: UserDirectory,
    nonces: NonceMemory,
    *,
    limits: Limits | None = None,
    routes: Sequence[BaseRoute] = (),
    lifespan: Lifespan | None = None,
    protocol: int = hub_protocol.PROTOCOL,
    lanes: Lanes | None = None,
) -> Starlette:
    """The hub's ASGI app: the gate in front of health, whoami and ``routes`` (the
    organisation's own: push, pull, blobs, enrolment); ``lifespan`` holds what the server
    keeps from startup to shutdown (``hub serve``: the judging workers, hub/judging.py).
    Every answer states ``protocol`` (this release's; a test states an older one). ``lanes``:
    the process's lanes, shared with ``routes`` (``hub serve``; one of its own when None)."""
    bounds = limits or Limits()
    verifier = RequestVerifier(nonces, window=bounds.window, skew=bounds.skew)
    app = Starlette(
        routes=[
            Route("/v1/health", _health, methods=["GET"]),
            Route("/v1/whoami", _whoami, methods=["GET"]),
            *routes,
        ],
        exception_handlers={HTTPException: _http_error, Busy: _busy, Exception: _http_error},
        lifespan=lifespan,
    )
    app.add_middleware(
        _Gate,
        directory=directory,
        verifier=verifier,
        limits=bounds,
        lanes=lanes if lanes is not None else Lanes(),
    )
    app.add_middleware(_Protocol, protocol=protocol)  # outermost: the gate's refusals too
    return app


def parse_listen(listen: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8443`` for IPv6) as host and port; UsageError otherwise."""
    host, _, port = listen.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(_said("hub.listen", listen=listen))
    return host, int(port)


def server(app: ASGIApp, host: str, port: int, tls: ssl.SSLContext) -> uvicorn.Server:
    """A uvicorn server for ``app`` over ``tls``: HTTP/1.1 (h11), no access log (it would list
    users' requests in plain text), in-flight requests finished on shutdown (30 s at most),
    and the app's lifespan run (its shutdown before SIGTERM or SIGINT ends the process)."""

    def context(_config: uvicorn.Config, _default: Any) -> ssl.SSLContext:
        return tls

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http="h11",
        loop="asyncio",
        lifespan="on",
        ssl_context_factory=context,
        access_log=False,
        log_level="warning",
        server_header=False,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=30,
    )
    return uvicorn.Server(config)


def serve(
    app: ASGIApp,
    listen: str,
    tls: ssl.SSLContext,
    sockets: list[socket.socket] | None = None,
) -> None:
    """Serve ``app`` on ``listen`` (HOST:PORT), or on ``sockets`` already listening there (a
    worker of ``hub serve --workers N``), until SIGINT or SIGTERM, then stop accepting and
    finish the requests in flight (uvicorn's graceful shutdown)."""
    host, port = parse_listen(listen)
    server(app, host, port, tls).run(sockets=sockets)
