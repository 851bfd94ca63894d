"""The organisation's routes behind the hub's gate (hub/app.py): push, pull, join, blobs, case
key wraps, status, and the exchange of a person's sync in one request (``/v1/sync``,
hub/exchange.py).

Who may call what: every route needs a request the gate verified. The organisation's users
(``signer``) push, pull, move blobs and wraps and read the status. A joining device has no user
yet: it signs with its invitation's key (keyid ``invite:<public key hex>``, the key derived
from the one-time code, which the admin's accepted ``user.invite`` entry names), and may only
pull the history and join. The join proves itself a second time in its ``device.join`` entry,
checked with the rule table's own code (domain/invites.py) before any user or device exists.

A refusal is the gate's JSON shape ``{"error": rule, "facts": {...}}`` (4xx) and writes
nothing: every write is one transaction of the repository.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any, Final

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from evidence_desk.domain import hub_protocol, invites
from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub import exchange, membership, org_checkpoints, pre_org
from evidence_desk.hub.app import BINARY_TYPE, error_response, payload, signer
from evidence_desk.hub.lanes import SMALL_BLOB, SMALL_PUSH, Lanes
from evidence_desk.hub.receipts import ReceiptDesk, push_receipts, receipts_for_push
from evidence_desk.hub.receipts import routes as receipt_routes
from evidence_desk.hub.repository import AppendResult, HubRepository, Invite
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger

#: entries per push: judged in one transaction, by one of the server's judging workers
MAX_BATCH: Final = 2000
#: entries of a ``/v1/entries`` page that states no ``limit`` (what apps of protocol 2 and
#: earlier releases of protocol 3 ask, and are served unchanged)
PULL_PAGE: Final = 1000
#: entries a ``/v1/entries`` page (and the news' carried page, hub/live.py) holds at most when
#: the app asks for more (``limit``): the exchange's page. While laptops push their day, a
#: person's sync paged past their entries 1,000 per request, in chains of 70-74 requests
#: (docs/benchmarks.md, issue 20); ``hub serve --page-entries`` lowers it (1,000: as before)
PAGE_CAP: Final = hub_protocol.EXCHANGE_PAGE
#: blob files per page of ``/v1/blob-files`` and per question of ``/v1/blob-files/named``
BLOB_PAGE: Final = 1000
#: the keyid prefix of a request signed by an invitation's key
INVITE_PREFIX: Final = "invite:"
_DIGEST = exchange.DIGEST
_BLOB_PATH = exchange.BLOB_PATH


class OrgDirectory:
    """The gate's users: the organisation's, and an open invitation's key under
    ``invite:<key>`` (role of the invitation; it may only pull and join)."""

    def __init__(self, repo: HubRepository) -> None:
        self._repo = repo

    def user(self, name: str) -> HubUser | None:
        if name.startswith(INVITE_PREFIX):
            key = name[len(INVITE_PREFIX) :]
            invite = self._repo.invite(key) if _DIGEST.match(key) else None
            return None if invite is None else HubUser(name, invite.role, key, True)
        user = self._repo.user(name)
        if user is None or user.active:
            return user
        # deactivated: because their device was retired? (asked only then: no cost per request)
        return dataclasses.replace(user, retired=self._repo.retirement_of_user(name))


class _Bad(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _refused(error: Refused) -> Response:
    return error_response(_status(error), error.refusal.detail)


def _member(request: Request) -> HubUser:
    user = signer(request)
    if user.name.startswith(INVITE_PREFIX):
        raise Refused(refusal("hub.invite_only"))
    return user


def _entries(body: dict[str, Any]) -> tuple[str, list[ledger.Entry]]:
    device = body.get("device_id")
    rows = body.get("entries")
    if not isinstance(device, str) or not device:
        raise _Bad("device_id")
    if not isinstance(rows, list):
        raise _Bad("entries")
    if len(rows) > MAX_BATCH:
        raise Refused(refusal("hub.batch_too_large", limit=MAX_BATCH, count=len(rows)))
    entries = []
    for row in rows:
        if not isinstance(row, list) or len(row) != len(ledger.Entry._fields):
            raise _Bad("entries")
        entries.append(ledger.Entry(*row))
    return device, entries


def _answer(
    result: tuple[AppendResult, list[tuple[int, int, str]]], signed: list[dict[str, str]]
) -> Response:
    """A push's answer (:func:`_pushed`)."""
    return JSONResponse(_pushed(result, signed))


def _pushed(
    result: tuple[AppendResult, list[tuple[int, int, str]]], signed: list[dict[str, str]]
) -> dict[str, Any]:
    """What a push answers: counts, a receipt per entry (its place and verdict), the entries
    the hub kept in the device's chain but refused, each naming its rule and facts, and the
    hub's signed receipts of the entries pushed (hub/receipts.py)."""
    appended, receipts = result
    return {
        "appended": appended.appended,
        "already": appended.already,
        "size": appended.size,
        "receipts": [
            {"seq": seq, "hub_seq": hub_seq, "verdict": verdict}
            for seq, hub_seq, verdict in receipts
        ],
        "refused": [{"rule": r.rule, "facts": dict(r.detail.facts)} for r in appended.refused],
        "hub_receipts": signed,
    }


def _status(error: Refused) -> int:
    return 409 if error.refusal.rule == "hub.cloned_device" else 422


def _guarded(handler: Any) -> Any:
    """Refusals and malformed fields as the hub's JSON 4xx."""

    async def route(request: Request) -> Response:
        try:
            response: Response = await handler(request)
        except Refused as error:
            return _refused(error)
        except (_Bad, exchange.BadField) as bad:
            return error_response(400, refusal("hub.bad_field", field=bad.field).detail)
        return response

    return route


def _nothing(_conn: object) -> None:
    """What an exchange that did not ask for the checkpoint reads first: nothing."""


def routes(
    repo: HubRepository,
    desk: ReceiptDesk | None = None,
    *,
    page_cap: int = PAGE_CAP,
    lanes: Lanes | None = None,
) -> Sequence[BaseRoute]:
    """The organisation's routes over ``repo`` (add to ``create_app(routes=...)``); with
    ``desk`` every push is answered with the hub's signed receipts. ``page_cap``: the most
    entries a ``/v1/entries`` page holds when its ``limit`` asks for more. ``lanes``: the
    process's lanes (``hub serve`` shares one with the gate and the news; one of its own when
    None)."""
    if lanes is None:
        lanes = Lanes()

    def seqs(entries: Sequence[ledger.Entry]) -> list[int]:
        return [e.seq for e in entries if type(e.seq) is int]

    async def push(request: Request) -> Response:
        _member(request)
        device, entries = _entries(payload(request) or {})
        # a laptop's day waits in the bulk lane, a person's request or decision does not
        bulk = len(entries) > SMALL_PUSH
        result = await lanes.run(bulk, repo.push, device, entries)
        receipts = await lanes.run(
            bulk, receipts_for_push, desk, repo, device, seqs(entries), first=False
        )
        return _answer(result, receipts)

    def invitation_key(request: Request) -> str:
        user = signer(request)
        if not user.name.startswith(INVITE_PREFIX):
            raise Refused(refusal("hub.invite_closed", user=user.name))
        return user.sign_key

    async def join_history(request: Request) -> Response:
        """A page of a joining store's history, staged for its join (hub/join_staging.py);
        an empty page asks what is staged. ``restart: true`` forgets what was staged first."""
        key = invitation_key(request)
        body = payload(request) or {}
        device, entries = _entries(body)
        restart = body.get("restart", False)
        if not isinstance(restart, bool):
            raise _Bad("restart")
        size, head = await run_in_threadpool(
            repo.stage_history, key, device, entries, restart=restart
        )
        return JSONResponse({"size": size, "head": head})

    async def join(request: Request) -> Response:
        key = invitation_key(request)
        body = payload(request) or {}
        device, entries = _entries(body)
        invite = await run_in_threadpool(repo.invite, key)
        if invite is None:
            raise Refused(refusal("hub.invite_closed", user=signer(request).name))
        staged = body.get("staged")
        expected = None
        if staged is not None:
            # the history was uploaded in pages: it goes first, exactly as if sent here
            history = await staged_history(key, device, staged)
            entries, expected = [*history, *entries], len(history)
        try:
            return await judge_join(request, invite, device, entries, expected)
        except Refused:
            if staged is not None:  # the device starts again from a clean slate
                await run_in_threadpool(repo.drop_staged, key, device)
            raise

    async def staged_history(key: str, device: str, staged: Any) -> list[ledger.Entry]:
        size, head = _staged_fields(staged)
        history = await run_in_threadpool(repo.staged_history, key, device)
        held = history[-1].entry_hash if history else ""
        if len(history) != size or held != head or not size:
            raise Refused(
                refusal(
                    "hub.staged_size",
                    device=device,
                    held=len(history),
                    head=held,
                    size=size,
                    wanted=head,
                )
            )
        return history

    async def judge_join(
        request: Request,
        invite: Invite,
        device: str,
        entries: list[ledger.Entry],
        expected: int | None,
    ) -> Response:
        """The join of ``entries`` (its history first, when it has one: ``expected`` entries
        when they were staged)."""
        user = signer(request)
        # a store joining with its history: entries 1..N, then its device.join (hub/pre_org.py)
        size = pre_org.history_size(entries) or 0
        join_entry = entries[size] if entries else None
        if expected is not None and size != expected:
            raise Refused(refusal("hub.join_invalid", device=device, user=invite.user))
        if join_entry is None or not _join_proven(
            device, join_entry, invite.invite_id, user.sign_key, size + 1
        ):
            raise Refused(refusal("hub.join_invalid", device=device, user=invite.user))
        if join_entry.actor != invite.user:
            raise Refused(refusal("hub.join_invalid", device=device, user=invite.user))
        if size:
            result = await run_in_threadpool(repo.join_with_history, device, entries, invite, size)
        else:
            result = await run_in_threadpool(repo.join_device, device, entries, invite)
        return _answer(result, await push_receipts(desk, repo, device, seqs(entries)))

    async def pull(request: Request) -> Response:
        since = _number(request.query_params.get("since", "0"), "since")
        limit = min(_number(request.query_params.get("limit", str(PULL_PAGE)), "limit"), page_cap)
        if limit < 1:  # an empty page marked ``more`` would send a client round for nothing
            raise _Bad("limit")
        # read and rendered in a thread, each entry once per process (hub/pull_pages.py): a
        # page of 1,000 entries kept the event loop from reading any other request while it
        # was encoded (docs/benchmarks.md, issue 20)
        page = await run_in_threadpool(repo.pull_page, since, limit)
        return Response(page, media_type="application/json")

    async def blob(request: Request) -> Response:
        _member(request)
        digest = _digest(request)
        held = await run_in_threadpool(repo.chunks_held, digest)
        complete = await run_in_threadpool(repo.blob_chunk, digest, 0) is not None
        return JSONResponse({"digest": digest, "chunks": held, "complete": complete})

    async def put_chunk(request: Request) -> Response:
        _member(request)
        digest, index = _digest(request), _number(request.path_params["index"], "index")
        data = await request.body()
        await lanes.run(len(data) > SMALL_BLOB, repo.put_chunk, digest, index, data)
        return JSONResponse({"digest": digest, "index": index})

    async def get_chunk(request: Request) -> Response:
        _member(request)
        digest, index = _digest(request), _number(request.path_params["index"], "index")
        data = await run_in_threadpool(repo.blob_chunk, digest, index)
        if data is None:
            raise Refused(refusal("hub.blob_missing", digest=digest, missing=index))
        return Response(data, media_type=BINARY_TYPE)

    async def complete(request: Request) -> Response:
        user = _member(request)
        digest, body = _digest(request), payload(request) or {}
        size, chunks, path = body.get("size"), body.get("chunks"), body.get("path")
        if type(size) is not int or type(chunks) is not int:
            raise _Bad("size")
        if not isinstance(path, str) or not _BLOB_PATH.match(path):
            raise _Bad("path")
        if await run_in_threadpool(repo.ignore_withdrawn, path, digest):
            # a shredded case's file (hub/withdrawal.py): taken and ignored, so that a late
            # device's sync goes on (it destroys the case at its pull)
            return JSONResponse({"digest": digest, "path": path, "named": False})
        await lanes.run(size > SMALL_BLOB, repo.complete_blob, digest, size, chunks)
        named = await run_in_threadpool(lambda: repo.add_blob_file(path, digest, by=user.name))
        return JSONResponse({"digest": digest, "path": path, "named": named})

    async def blob_list(request: Request) -> Response:
        _member(request)
        after = request.query_params.get("after", "")
        found = await run_in_threadpool(lambda: repo.blob_files(after=after, limit=BLOB_PAGE))
        return JSONResponse(
            {
                "blobs": [{"path": p, "digest": d, "size": s, "chunks": c} for p, d, s, c in found],
                "more": len(found) == BLOB_PAGE,
            }
        )

    async def blobs_named(request: Request) -> Response:
        """Which of the caller's blob files the hub names already (``sync._push_blobs``)."""
        _member(request)
        paths = _paths(payload(request) or {})
        named = await run_in_threadpool(repo.named_blob_files, paths)
        return JSONResponse({"named": named})

    async def blobs_at(request: Request) -> Response:
        """Digest, size and chunks of the given blob files the hub names (``sync._pull_blobs``
        asks for the files its records name and its disk lacks; unnamed ones are left out)."""
        _member(request)
        paths = _paths(payload(request) or {})
        found = await run_in_threadpool(repo.blob_files_at, paths)
        return JSONResponse(
            {"blobs": [{"path": p, "digest": d, "size": s, "chunks": c} for p, d, s, c in found]}
        )

    async def wraps_up(request: Request) -> Response:
        user = _member(request)
        body = payload(request) or {}
        if not isinstance(body.get("wraps"), list):
            raise _Bad("wraps")
        wraps = exchange.wraps_of(body, user.name)  # all checked before any is kept
        return JSONResponse({"wraps": await run_in_threadpool(exchange.add_wraps, repo, wraps)})

    async def wraps_down(request: Request) -> Response:
        user = _member(request)
        found = await run_in_threadpool(repo.wraps_for, user.name)
        return JSONResponse({"wraps": exchange.wraps_json(found)})

    async def sync_exchange(request: Request) -> Response:
        """A person's sync in one request (hub/exchange.py): files, the push, the wraps, then
        the first page after ``since`` and the signer's wraps. Every field is checked before
        anything is written; a refused push or wrap is named in the answer, and the pull part
        still runs. A small exchange runs in the people's lane, a large one in the bulk lane."""
        user = _member(request)
        body = payload(request) or {}
        device, entries = _entries(body)
        files = exchange.files_of(body)
        wraps = exchange.wraps_of(body, user.name)
        since = body.get("since")
        if since is not None and (type(since) is not int or since < 0):
            raise _Bad("since")
        # the real sync's checks before it applies the page (services/sync.py): asked here
        asked = None if body.get("devices") is None else _devices(body.get("devices"))
        newest = body.get("checkpoint", False)
        if not isinstance(newest, bool):
            raise _Bad("checkpoint")
        size = sum(len(f.data) for f in files)
        bulk = len(entries) > SMALL_PUSH or size > SMALL_BLOB
        parts: dict[str, Any] = {"files": [], "push": None, "refused": None, "wraps_up": 0}
        # only the exchange's first bulk call may be answered busy (hub/lanes.py): what it
        # wrote before must get its answer
        if files:
            parts["files"] = await lanes.run(bulk, exchange.store_files, repo, files, user.name)
        try:
            if entries:
                result = await lanes.run(bulk, repo.push, device, entries, first=not files)
                signed = await lanes.run(
                    bulk, receipts_for_push, desk, repo, device, seqs(entries), first=False
                )
                parts["push"] = _pushed(result, signed)
            first = not files and not entries
            parts["wraps_up"] = await lanes.run(bulk, exchange.add_wraps, repo, wraps, first=first)
        except Refused as error:  # as the protocol 2 route would have answered it
            facts = dict(error.refusal.detail.facts)
            parts["refused"] = {
                "error": error.refusal.detail.code,
                "facts": facts,
                "status": _status(error),
            }
        if asked is not None:
            parts["changed"] = await lanes.people(changed, asked)
        stamped = org_checkpoints.newest_stamped if newest else _nothing
        checkpoint = page = found = None
        if since is not None:  # the checkpoint, the page and the wraps: one thread, one read
            checkpoint, page, found = await lanes.people(
                repo.pull_part, since, hub_protocol.EXCHANGE_PAGE, user.name, stamped
            )
        elif newest:
            checkpoint = await lanes.people(repo.reading, stamped)
        if newest:
            parts["checkpoint"] = checkpoint
        return Response(exchange.answer(parts, page, found), media_type="application/json")

    def changed(asked: list[tuple[str, int, str]]) -> list[str]:
        """Which of the devices' histories the caller holds differ from the hub's now."""
        held = repo.device_digests([(d, seq) for d, seq, _ in asked])
        return [d for (d, _, digest), now in zip(asked, held, strict=True) if now != digest]

    async def check(request: Request) -> Response:
        """Which of the devices' histories the caller holds differ from the hub's now."""
        _member(request)
        asked = _devices((payload(request) or {}).get("devices"))
        return JSONResponse({"changed": await run_in_threadpool(changed, asked)})

    async def status(request: Request) -> Response:
        _member(request)
        devices = await run_in_threadpool(repo.devices)
        last = await run_in_threadpool(repo.last_hub_seq)
        return JSONResponse(
            {
                "hub_id": await run_in_threadpool(repo.hub_id),
                "schema": await run_in_threadpool(repo.schema_version),
                "hub_seq": last,
                "devices": [
                    {
                        "device_id": d.device_id,
                        "user": d.user,
                        "entries": d.size,
                        "last_seen": d.last_seen.isoformat(),
                    }
                    for d in devices
                ],
            }
        )

    chunk = "/v1/blobs/{digest}/chunks/{index}"
    return [
        Route("/v1/push", _guarded(push), methods=["POST"]),
        Route("/v1/join", _guarded(join), methods=["POST"]),
        Route("/v1/join/history", _guarded(join_history), methods=["POST"]),
        Route("/v1/entries", _guarded(pull), methods=["GET"]),
        Route("/v1/blob-files", _guarded(blob_list), methods=["GET"]),
        Route("/v1/blob-files/named", _guarded(blobs_named), methods=["POST"]),
        Route("/v1/blob-files/lookup", _guarded(blobs_at), methods=["POST"]),
        Route("/v1/blobs/{digest}", _guarded(blob), methods=["GET"]),
        Route(chunk, _guarded(put_chunk), methods=["PUT"]),
        Route(chunk, _guarded(get_chunk), methods=["GET"]),
        Route("/v1/blobs/{digest}/complete", _guarded(complete), methods=["POST"]),
        Route("/v1/wraps", _guarded(wraps_up), methods=["POST"]),
        Route("/v1/wraps", _guarded(wraps_down), methods=["GET"]),
        Route("/v1/status", _guarded(status), methods=["GET"]),
        Route("/v1/check", _guarded(check), methods=["POST"]),
        Route("/v1/sync", _guarded(sync_exchange), methods=["POST"]),
        *([] if desk is None else [*receipt_routes(desk), *org_checkpoints.routes(repo)]),
    ]


def _number(text: str, field: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise _Bad(field)
    return int(text)


def _devices(rows: Any) -> list[tuple[str, int, str]]:
    """``/v1/check``'s question: ``[{device_id, seq, digest}]``, at most ``MAX_BATCH``."""
    if not isinstance(rows, list) or len(rows) > MAX_BATCH:
        raise _Bad("devices")
    asked: list[tuple[str, int, str]] = []
    for row in rows:
        if not isinstance(row, dict):
            raise _Bad("devices")
        device, seq, digest = row.get("device_id"), row.get("seq"), row.get("digest")
        if not isinstance(device, str) or type(seq) is not int or not isinstance(digest, str):
            raise _Bad("devices")
        asked.append((device, seq, digest))
    return asked


def _paths(body: dict[str, Any]) -> list[str]:
    """A question's blob file paths: at most ``BLOB_PAGE``, each a store's ``blobs/`` path."""
    paths = body.get("paths")
    if not isinstance(paths, list) or len(paths) > BLOB_PAGE:
        raise _Bad("paths")
    if not all(isinstance(p, str) and _BLOB_PATH.match(p) for p in paths):
        raise _Bad("paths")
    return paths


def _staged_fields(staged: Any) -> tuple[int, str]:
    """The staged history a join names: ``{"size": N, "head": <entry hash of N>}``."""
    if not isinstance(staged, dict):
        raise _Bad("staged")
    size, head = staged.get("size"), staged.get("head")
    if type(size) is not int or size < 1 or not isinstance(head, str) or not _DIGEST.match(head):
        raise _Bad("staged")
    return size, head


def _digest(request: Request) -> str:
    digest = str(request.path_params["digest"])
    if not _DIGEST.match(digest):
        raise _Bad("digest")
    return digest


def _join_proven(
    device: str, entry: ledger.Entry, invite_id: str, invite_key: str, seq: int = 1
) -> bool:
    """The device's ``device.join`` (its first entry, or ``seq`` = N+1 after a joining store's
    history) for this invitation, signed by the invitation's key over (invitation, device,
    user, keys): the rule table's own check."""
    if entry.seq != seq or entry.action != "device.join" or not isinstance(entry.payload, str):
        return False
    try:
        body = json.loads(entry.payload)
    except ValueError:
        return False
    if not isinstance(body, dict) or body.get("device_id") != device:
        return False
    if body.get("invite_id") != invite_id:
        return False
    public, wrap = body.get("public_key"), body.get("wrap_key")
    if not isinstance(public, str) or not isinstance(wrap, str):
        return False
    if not membership.is_key(public) or not membership.is_key(wrap):
        return False
    message = invites.join_message(invite_id, device, str(entry.actor), public, wrap)
    return invites.signature_valid(invite_key, message, body.get("invite_signature"))
