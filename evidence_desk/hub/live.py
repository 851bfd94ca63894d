"""Live news for the desktop app: ``GET /v1/events?after=HUB_SEQ&wait=SECONDS`` (long-poll).

The app waits here instead of syncing on a timer: the answer comes at once when the hub holds
entries after ``after``, else as soon as a push commits one, else when ``wait`` runs out
(``MAX_WAIT`` at most, below the client's read timeout and common proxies' idle limits). It
says only facts the hub already holds in the clear as entry headers: the newest ``hub_seq``
and how many entries of each action came after ``after`` (``contact.request``,
``contact.approve``, ...). Never a payload: the hub holds ciphertext it cannot read.

Who may see what: every member pulls every accepted entry (``/v1/entries``; what a member may
read inside them is decided by the case keys they hold), so the news counts every entry. An
invitation's key may not wait (it only joins); a deactivated user is refused by the gate.

How a waiter learns of a commit: every push that appends sends ``NOTIFY`` on
:data:`CHANNEL` in its transaction (PostgreSQL delivers it at the commit, never for a rollback),
so it works with several hub processes on one database. Each hub process keeps one listening
connection in a thread (:class:`NewsBoard`), which wakes the waiting requests on their event
loops. A lost wake-up is impossible: a request registers before it reads the newest position,
and the board is listening before any request registers; a listening connection that drops
(PostgreSQL restarted) is reopened, and every waiter is woken to read again.

**News that carries its page** (protocol 3, ``&page=1``): the supervisor's app is already
waiting here when the staff's request lands, so the answer to that wait also carries what the
app would fetch next: ``page``, the first page after ``after`` exactly as ``GET
/v1/entries?since=AFTER`` gives it (``{"entries": [...], "more": ...}``, rendered by
hub/pull_pages.py; ``&limit=N`` entries as there, 1,000 unstated, the hub's page cap at most),
read after the wake-up so that it holds the entry that woke it; and what
the app must check before it applies that page (proof first, services/carried_page.py):
``checkpoint``, the newest organisation checkpoint with its stamp, and ``consistency``, the
RFC 9162 proof from the checkpoint of the size the app states it confirmed (``&from=SIZE``) to
that newest one (None when ``from`` is absent, 0 or not smaller). A round trip's chain then
loses its pulls: the decision reaches the staff's app in the answer to the wait it already
had open. Without ``page=1`` the answer is exactly protocol 2's; with no news it carries no
page (nothing to read). The news' guarantees are the same for both: the page is read under
the same registration, by a user the gate let through, never for an invitation's key.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Sequence
from typing import Any, Final

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.app import error_response, signer
from evidence_desk.hub.lanes import Lanes
from evidence_desk.hub.org_checkpoints import LeafCache, NewestCache, newest_with_proof
from evidence_desk.hub.repository import HubRepository, News
from evidence_desk.hub.routes import PAGE_CAP, PULL_PAGE

#: the PostgreSQL channel a push's transaction notifies (hub/repository.py ``_append``)
CHANNEL: Final = "evidence_desk_entries"
#: seconds a request may wait at most
MAX_WAIT: Final = 25
#: seconds between the listening thread's checks of its stop flag (and reconnect attempts)
_TICK: Final = 0.5


class NewsBoard:
    """One listening connection per hub process; waiting requests register an event here."""

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="hub-news", daemon=True)
        self._thread.start()
        self._listening.wait(30)

    def close(self) -> None:
        """Stop listening and wake every waiter (they answer with what they have)."""
        self._stop.set()
        self._thread.join(10)
        self._wake_all()

    def register(self) -> asyncio.Event:
        """An event set at the next commit of a push (call from the request's event loop)."""
        event = asyncio.Event()
        with self._lock:
            self._waiters.add((asyncio.get_running_loop(), event))
        return event

    def unregister(self, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters = {w for w in self._waiters if w[1] is not event}

    def _wake_all(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    self._wake_all()  # whatever committed while no connection listened
                    while not self._stop.is_set():
                        if any(True for _ in conn.notifies(timeout=_TICK, stop_after=1)):
                            self._wake_all()
            except psycopg.Error:
                self._stop.wait(_TICK)  # PostgreSQL away: try again; waiters time out meanwhile


def _count(text: str | None, field: str, default: int) -> int:
    if text is None:
        return default
    if not text.isdigit() or len(text) > 18:
        raise ValueError(field)
    return int(text)


def _json(value: object) -> bytes:
    """As Starlette's JSONResponse renders (the answer's shape is protocol 2's plus fields)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def routes(
    repo: HubRepository,
    board: NewsBoard,
    leaves: LeafCache | None = None,
    *,
    page_cap: int = PAGE_CAP,
    lanes: Lanes | None = None,
) -> Sequence[BaseRoute]:
    """The live route over ``repo``, woken by ``board``; ``leaves`` caches the organisation
    log's leaves for the consistency proofs that come with a page (one of its own when None);
    a carried page holds ``&limit=N`` entries (``PULL_PAGE`` when unstated), ``page_cap`` at
    most (as ``/v1/entries``, hub/routes.py). The news is read in the people's lane of
    ``lanes`` (the process's, shared with the routes; its own when None)."""
    cache = leaves if leaves is not None else LeafCache()
    if lanes is None:
        lanes = Lanes()
    newest = NewestCache()  # the checkpoint every page carries, read again only when changed

    def look(after: int, page: int, confirmed: int | None) -> News[dict[str, Any]]:
        """The news after ``after`` and, with ``page``, the page after it and, read after the
        page, the checkpoint and the proof that let the device apply it (the page first: a
        checkpoint read later may cover more of it, never less than a checkpoint read before
        would): one connection, one thread (``HubRepository.news_since``)."""
        return repo.news_since(
            after, page, lambda conn: newest_with_proof(conn, confirmed, cache, newest)
        )

    def carried(head: bytes, news: News[dict[str, Any]]) -> bytes:
        """The answer: ``head``'s object with the page and its proof, joined in one copy (the
        page is hundreds of KB, and each waiting person gets one several times a second)."""
        proof = news.after_page or {"checkpoint": None, "consistency": None}
        return b"".join(
            (
                head[:-1],
                b',"page":',
                news.page or b"",
                b',"checkpoint":',
                _json(proof["checkpoint"]),
                b',"consistency":',
                _json(proof["consistency"]),
                b"}",
            )
        )

    async def events(request: Request) -> Response:
        if signer(request).name.startswith("invite:"):
            return error_response(422, refusal("hub.invite_only").detail)
        query = request.query_params
        try:
            after = _count(query.get("after"), "after", 0)
            wait = min(_count(query.get("wait"), "wait", MAX_WAIT), MAX_WAIT)
            with_page = _count(query.get("page"), "page", 0)
            confirmed = _count(query.get("from"), "from", 0) if "from" in query else None
            limit = min(_count(query.get("limit"), "limit", PULL_PAGE), page_cap)
            if with_page > 1:
                raise ValueError("page")
            if limit < 1:
                raise ValueError("limit")
        except ValueError as bad:
            return error_response(400, refusal("hub.bad_field", field=str(bad)).detail)
        event = board.register()
        page = limit if with_page else 0
        try:
            news = await lanes.people(look, after, page, confirmed)
            if news.newest <= after and wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), timeout=wait)
                # read after the wake-up, under the same registration: it holds what woke it
                news = await lanes.people(look, after, page, confirmed)
        finally:
            board.unregister(event)
        head = {"hub_seq": news.newest, "after": after, "actions": news.counts}
        if news.page is None:
            return JSONResponse(head)
        return Response(carried(_json(head), news), media_type="application/json")

    return [Route("/v1/events", events, methods=["GET"])]
