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
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from typing import Final

import psycopg
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from evidence_desk.domain.hub_refusals import rule_refusal as refusal
from evidence_desk.hub.app import error_response, signer
from evidence_desk.hub.repository import HubRepository

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


def routes(repo: HubRepository, board: NewsBoard) -> Sequence[BaseRoute]:
    """The live route over ``repo``, woken by ``board``."""

    async def news(after: int) -> tuple[int, dict[str, int]]:
        return await run_in_threadpool(repo.news_since, after)

    async def events(request: Request) -> Response:
        if signer(request).name.startswith("invite:"):
            return error_response(422, refusal("hub.invite_only").detail)
        try:
            after = _count(request.query_params.get("after"), "after", 0)
            wait = min(_count(request.query_params.get("wait"), "wait", MAX_WAIT), MAX_WAIT)
        except ValueError as bad:
            return error_response(400, refusal("hub.bad_field", field=str(bad)).detail)
        event = board.register()
        try:
            newest, counts = await news(after)
            if newest <= after and wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), timeout=wait)
                newest, counts = await news(after)
        finally:
            board.unregister(event)
        return JSONResponse({"hub_seq": newest, "after": after, "actions": counts})

    return [Route("/v1/events", events, methods=["GET"])]
