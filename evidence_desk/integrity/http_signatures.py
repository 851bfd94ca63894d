"""HTTP Message Signatures (RFC 9421) with Ed25519: how a device proves who sends a hub request.

Every request to the organisation hub is signed with the user's own Ed25519 key (the key their
store's key slot holds, integrity/signing.py): no password, token or session cookie crosses the
network. The ``http-message-signatures`` package builds and checks the signature base (RFC 9421
structured fields, derived components); what this module adds is *our profile* of it and the
checks the package leaves to its caller:

- covered: ``@method``, ``@path``, ``@query``, ``content-digest`` and ``content-type`` when the
  request has one. Not ``@authority``/``@target-uri``: the hub may sit behind a reverse proxy or
  be reached by another name than the client used, and TLS already binds the connection to it;
- ``content-digest`` (RFC 9530, sha-256) is computed here, always, also of an empty body, and
  checked here against the bytes received, so the signature covers the body;
- parameters ``created``, ``nonce`` (random, 128 bits), ``keyid`` (the user name), ``alg`` and
  ``tag`` = :data:`TAG`, which binds the signature to this protocol;
- replay window: a request signed more than ``window`` seconds ago, or more than ``skew``
  seconds in the future, is refused; a nonce already seen for the same key within the window is
  refused (:class:`NonceMemory`; the hub may keep it in PostgreSQL, :class:`MemoryNonces` keeps
  it in this process).

A refusal is a :class:`SignatureRefused` whose detail is a catalogue phrase (code and facts), so
the hub can answer with the code and the client can word it. Domain separation from the ledger's
signatures: a signature base starts with ``"@method"``, every ledger message with its
``evidence-desk/...`` context, so neither can pass for the other.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import heapq
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import http_sf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    MappingKeyResolver,
    algorithms,
)

from evidence_desk.domain.errors import AuthenticationFailed
from evidence_desk.domain.wording import Catalogue, Phrase

#: The signature's ``tag`` parameter: what the signature is for (RFC 9421 section 2.3).
TAG = "evidence-desk/hub/v1"
#: The label of our signature in the Signature and Signature-Input fields.
LABEL = "evidence-desk"
#: Components every hub request's signature covers (``content-type`` too when present).
REQUIRED = ("@method", "@path", "@query", "content-digest")
#: A nonce shorter than this is refused: it must be unguessable and practically unique.
MIN_NONCE = 16
MAX_NONCE = 128
#: the key an unknown signer's request is checked against (a key made at start, whose private
#: half nobody keeps), so that refusing an unknown name costs what refusing a forgery does
_NOBODY = Ed25519PrivateKey.generate().public_key().public_bytes_raw().hex()
_PARAMETERS = {"created", "keyid", "nonce", "alg", "tag"}

_said = Catalogue(
    {
        "httpsig.missing": "the request is not signed (no Signature and Signature-Input fields)",
        "httpsig.malformed": "the request's {field} field is malformed",
        "httpsig.uncovered": "the request's signature does not cover {component}",
        "httpsig.expired": (
            "the request was signed at {created}, {age} s ago, longer than the {window} s"
            " the hub accepts"
        ),
        "httpsig.future": (
            "the request was signed at {created}, {ahead} s ahead of the hub's clock"
            " (at most {skew} s accepted)"
        ),
        "httpsig.forged": "no key this hub holds for {key_id} verifies the request's signature",
        "httpsig.digest_mismatch": "the request's body does not match its signed Content-Digest",
        "httpsig.replayed": (
            "the request as {key_id} repeats a nonce already used within the last {window} s"
        ),
    }
)


class SignatureRefused(AuthenticationFailed):
    """The request's signature was refused; ``detail`` is the phrase naming why."""

    def __init__(self, detail: Phrase) -> None:
        super().__init__(detail)
        self.detail: Phrase = detail


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """A request as signed or received: ``url`` is absolute and encoded, ``headers`` as sent."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The field's value, several lines joined with ", " (RFC 9110 section 5.3)."""
        values = [value.strip() for key, value in self.headers if key.lower() == name.lower()]
        return ", ".join(values) if values else None


@dataclass(frozen=True, slots=True)
class Verified:
    """Who signed a request that passed every check, and when."""

    key_id: str
    created: int
    nonce: str


class NonceMemory(Protocol):
    """The nonces seen within the replay window, per key; the hub may keep them anywhere."""

    def remember(self, key_id: str, nonce: str, *, now: float, until: float) -> bool:
        """Record ``nonce`` for ``key_id`` until ``until`` (seconds since the epoch); False,
        recording nothing, when it is already recorded and not past its ``until`` at ``now``.
        Must be atomic: of two requests with the same nonce at once, only one gets True."""
        ...


class MemoryNonces:
    """:class:`NonceMemory` in this process: enough for one hub process; forgets on restart,
    which is safe only because a restart takes longer than nothing and the window is short —
    several hub processes need a shared memory (PostgreSQL)."""

    def __init__(self) -> None:
        self._until: dict[tuple[str, str], float] = {}
        self._expiry: list[tuple[float, str, str]] = []
        self._lock = threading.Lock()

    def remember(self, key_id: str, nonce: str, *, now: float, until: float) -> bool:
        with self._lock:
            while self._expiry and self._expiry[0][0] < now:
                _, old_key, old_nonce = heapq.heappop(self._expiry)
                if self._until.get((old_key, old_nonce), now) < now:
                    del self._until[(old_key, old_nonce)]
            known = self._until.get((key_id, nonce))
            if known is not None and known >= now:
                return False
            self._until[(key_id, nonce)] = until
            heapq.heappush(self._expiry, (until, key_id, nonce))
            return True

    def __len__(self) -> int:
        return len(self._until)


def content_digest(body: bytes) -> str:
    """The RFC 9530 Content-Digest field of ``body`` with sha-256."""
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"


def new_nonce() -> str:
    """128 random bits, URL-safe base64 (a structured-field string needs no escaping)."""
    return secrets.token_urlsafe(16)


class _Message:
    """The package's view of a request: method, url, and a header mapping it may write to."""

    def __init__(self, method: str, url: str, headers: Mapping[str, str]) -> None:
        self.method = method
        self.url = url
        self.headers: dict[str, str] = dict(headers)


class _Lines:
    """Received header lines, read-only, repeated lines kept (what the verifier reads)."""

    def __init__(self, lines: tuple[tuple[str, str], ...]) -> None:
        self._lines = lines

    def items(self) -> tuple[tuple[str, str], ...]:
        return self._lines

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(name for name, _ in self._lines))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(k.lower() == name.lower() for k, _ in self._lines)


class _Received:
    def __init__(self, request: SignedRequest) -> None:
        self.method = request.method
        self.url = request.url
        self.headers = _Lines(request.headers)


def sign_message(
    method: str,
    url: str,
    headers: Mapping[str, str],
    key: Ed25519PrivateKey,
    *,
    key_id: str,
    covered: Sequence[str],
    created: int,
    nonce: str | None = None,
    label: str = LABEL,
    tag: str | None = TAG,
    include_alg: bool = True,
) -> tuple[str, str]:
    """The ``Signature-Input`` and ``Signature`` field values for a message, any profile
    (:func:`sign_request` is ours; RFC 9421's own examples use others)."""
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={key_id: key}),
    )
    message = _Message(method, url, headers)
    signer.sign(
        message,
        key_id=key_id,
        created=datetime.datetime.fromtimestamp(created, tz=datetime.UTC),
        nonce=nonce,
        label=label,
        tag=tag,
        include_alg=include_alg,
        covered_component_ids=tuple(covered),
        # the digest is ours (computed by sign_request), the package only checks its shape
        use_existing_digest=any(name.lower() == "content-digest" for name in headers),
    )
    return message.headers["Signature-Input"], message.headers["Signature"]


def sign_request(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    key: Ed25519PrivateKey,
    key_id: str,
    *,
    created: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The fields to add to a hub request: Content-Digest, Signature-Input and Signature.

    ``headers`` are the request's own (Content-Type among them when it has a body); ``created``
    defaults to now and ``nonce`` to a fresh random one (tests give others to be refused)."""
    digest = content_digest(body)
    fields = {**headers, "Content-Digest": digest}
    covered = [*REQUIRED]
    if any(name.lower() == "content-type" for name in headers):
        covered.append("content-type")
    signature_input, signature = sign_message(
        method,
        url,
        fields,
        key,
        key_id=key_id,
        covered=covered,
        created=int(time.time()) if created is None else created,
        nonce=new_nonce() if nonce is None else nonce,
    )
    return {"Content-Digest": digest, "Signature-Input": signature_input, "Signature": signature}


def verify_signature(
    request: SignedRequest, key_id: str, public_key_hex: str, *, label: str = LABEL
) -> None:
    """Check the cryptographic signature ``label`` of ``request`` under the raw Ed25519 key;
    raise :class:`SignatureRefused` (``httpsig.forged``) when it does not verify. Times, nonce,
    coverage and the body digest are the caller's checks (:class:`RequestVerifier`)."""
    forged = SignatureRefused(_said("httpsig.forged", key_id=key_id))
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
    except ValueError:
        raise forged from None
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={key_id: public}, private_keys={}),
    )
    # the times are checked by the caller against its own clock; the package's own check
    # (against the wall clock) is widened so that it never decides first
    verifier.max_clock_skew = datetime.timedelta(days=365 * 100)
    try:
        verifier.verify(_Received(request), max_age=None, expect_tag=None, expect_label=None)
    except HTTPMessageSignaturesException:
        raise forged from None


@dataclass(frozen=True, slots=True)
class _Input:
    components: tuple[str, ...]
    key_id: str
    created: int
    nonce: str


def _signature_input(request: SignedRequest) -> _Input:
    """Our one signature's covered components and parameters, checked for shape."""
    value = request.header("Signature-Input")
    if value is None or request.header("Signature") is None:
        raise SignatureRefused(_said("httpsig.missing"))
    malformed = SignatureRefused(_said("httpsig.malformed", field="Signature-Input"))
    try:
        parsed = http_sf.parse(value.encode("latin-1"), tltype="dictionary")
    except (ValueError, TypeError, UnicodeEncodeError):
        raise malformed from None
    if not isinstance(parsed, dict) or list(parsed) != [LABEL]:
        raise malformed
    entry: object = parsed[LABEL]
    if not (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], list)
        and isinstance(entry[1], dict)
    ):
        raise malformed
    members: list[object] = entry[0]
    params: dict[str, object] = entry[1]
    components: list[str] = []
    for member in members:
        # a covered component is a string item without parameters in our profile
        if not (isinstance(member, tuple) and isinstance(member[0], str) and not member[1]):
            raise malformed
        components.append(member[0])
    key_id, created, nonce = params.get("keyid"), params.get("created"), params.get("nonce")
    if (
        not set(params) <= _PARAMETERS
        or not isinstance(key_id, str)
        or type(created) is not int
        or not isinstance(nonce, str)
        or not MIN_NONCE <= len(nonce) <= MAX_NONCE
        or params.get("alg", algorithms.ED25519.algorithm_id) != algorithms.ED25519.algorithm_id
        or params.get("tag") != TAG
    ):
        raise malformed
    return _Input(tuple(components), key_id, created, nonce)


def _check_digest(request: SignedRequest) -> None:
    value = request.header("Content-Digest") or ""
    try:
        parsed = http_sf.parse(value.encode("latin-1"), tltype="dictionary")
    except (ValueError, TypeError, UnicodeEncodeError):
        raise SignatureRefused(_said("httpsig.malformed", field="Content-Digest")) from None
    member: object = parsed.get("sha-256") if isinstance(parsed, dict) else None
    digest = member[0] if isinstance(member, tuple) else None
    if not isinstance(digest, bytes):
        raise SignatureRefused(_said("httpsig.malformed", field="Content-Digest"))
    if not hmac.compare_digest(digest, hashlib.sha256(request.body).digest()):
        raise SignatureRefused(_said("httpsig.digest_mismatch"))


class RequestVerifier:
    """Our profile's checks of a received request, in the order that costs an attacker most
    and tells them least: shape, coverage, times, the signer's key, the signature, the body's
    digest, and last the nonce (only a verified request may take a place in the memory)."""

    def __init__(self, nonces: NonceMemory, *, window: int = 300, skew: int = 30) -> None:
        self.nonces = nonces
        self.window = window
        self.skew = skew

    def verify(
        self,
        request: SignedRequest,
        key_for: Callable[[str], str | None],
        *,
        now: float | None = None,
    ) -> Verified:
        """Who signed ``request``; ``key_for(key_id)`` gives the user's public key (hex) or None
        for a user the hub does not know. Raises :class:`SignatureRefused`."""
        moment = time.time() if now is None else now
        found = _signature_input(request)
        required = [*REQUIRED]
        if request.header("Content-Type") is not None:
            required.append("content-type")
        for component in required:
            if component not in found.components:
                raise SignatureRefused(_said("httpsig.uncovered", component=component))
        age = int(moment) - found.created
        if age > self.window:
            raise SignatureRefused(
                _said("httpsig.expired", created=found.created, age=age, window=self.window)
            )
        if -age > self.skew:
            raise SignatureRefused(
                _said("httpsig.future", created=found.created, ahead=-age, skew=self.skew)
            )
        # a signer the hub does not know is refused exactly like a forged signature, after the
        # same verification work: the answer must not tell an outsider which names exist
        public = key_for(found.key_id)
        if public is None:
            with contextlib.suppress(SignatureRefused):
                verify_signature(request, found.key_id, _NOBODY)
            raise SignatureRefused(_said("httpsig.forged", key_id=found.key_id))
        verify_signature(request, found.key_id, public)
        _check_digest(request)
        until = found.created + self.window + self.skew
        if not self.nonces.remember(found.key_id, found.nonce, now=moment, until=until):
            raise SignatureRefused(
                _said("httpsig.replayed", key_id=found.key_id, window=self.window)
            )
        return Verified(found.key_id, found.created, found.nonce)
