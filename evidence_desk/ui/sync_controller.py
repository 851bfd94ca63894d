"""The app and its hub, live: sync at login, then whenever the hub has news or this device has
work to push, in the background, with backoff while the hub cannot be reached.

Two kinds of background work, never on the UI thread:

- a **sync** job (``sync.sync`` on a sibling session: its own SQLite connection, opened and
  closed in the worker thread; the store's writer lock keeps it from writing while another
  writer holds the store, and a busy store is simply tried again a moment later), in a pool of
  its own (:func:`live_pool`), so the global pool, sized to the cores, stays free for verify,
  previews and imports, and a closing window waits for exactly these;
- a **wait**: one long-poll of the hub's ``/v1/events`` (services/live.py) after the
  newest position this store holds, with its own client (no session: it reads nothing of the
  store), in a daemon thread: it holds its thread for up to 25 s, and a closing window or a
  quitting app never waits for it (its answer then goes nowhere). News starts a sync; no news
  starts the next wait. The wait asks for the page with the news (protocol 3,
  services/carried_page.py): the sync it starts applies that page first, once its checkpoint
  and consistency proof check out, before any request of its own, so a request to decide or a
  decision shows in the answer to the wait that was already open (a round trip's chain holds
  no pull); a page that does not check out is dropped and the sync pulls as always.

Local work is noticed by a light timer on the UI thread (the ledger's newest seq); a new
entry starts a sync at once so that a request reaches the supervisor within seconds. While
the hub is unreachable, syncs are retried after :class:`~evidence_desk.services.live.Backoff`
delays and the state says since when the device is offline and what waits to go up.

After each sync the controller compares the contacts it saw before with those the store holds
now and says what came from elsewhere: a new request to decide (supervisors), a decision on
one's own request (staff). Notices name the case and the people, never the debtor's name or
handle (a tray message shows on a locked screen).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from evidence_desk.domain import policy
from evidence_desk.domain.errors import BadInput, StoreBusy
from evidence_desk.domain.hub_refusals import DEVICE_RETIRED
from evidence_desk.domain.policy import Action
from evidence_desk.services import carried_page, contacts, live, sync
from evidence_desk.services.carried_page import CarriedPage
from evidence_desk.services.hub_client import HubClient, HubRefused, HubTooOld, HubUnreachable
from evidence_desk.services.session import Session
from evidence_desk.services.sync import HubBinding, SyncReport
from evidence_desk.store import db
from evidence_desk.ui import errors
from evidence_desk.ui.workers import Job, alive, start

# milliseconds between the checks for local work to push
WATCH_MS: Final = 2000
# milliseconds before a sync that found the store busy tries again
BUSY_RETRY_MS: Final = 1000
# milliseconds between syncs with a hub that has no live route (an older hub)
NO_NEWS_SYNC_MS: Final = 30_000
# what a sync job reports when a pulled page is committed (``_page_pulled``)
PAGE_PULLED: Final = "page"

_pool: QThreadPool | None = None


def live_pool() -> QThreadPool:
    """The pool the sync jobs run in (every window's): tests wait for it to drain."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(8)
    return _pool


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar shows: when the last sync succeeded, since when the hub cannot be
    reached, what waits to go up (own entries, sealed blob files and their bytes), the own
    entries the hub refused with their rule, and the last failure that is not the network's."""

    syncing: bool = False
    last_synced: datetime | None = None
    offline_since: datetime | None = None
    waiting_entries: int = 0
    waiting_blobs: int = 0
    waiting_bytes: int = 0
    refused: tuple[live.RefusedEntry, ...] = ()
    problem: str = ""
    hub_too_old: bool = False  # the hub runs an older release: its administrator upgrades it
    retired: bool = False  # an admin retired this laptop: the hub never takes it again
    retry_at: datetime | None = None  # offline: when the backoff tries the hub again


@dataclass(frozen=True, slots=True)
class _Synced:
    report: SyncReport
    position: int


class _WaitSignals(QObject):
    """A long-poll's outcome, from its thread to the controller's (queued)."""

    arrived = Signal(object)  # live.News
    failed = Signal(object)  # BaseException


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _after(seconds: float) -> datetime:
    return _utc_now() + timedelta(seconds=seconds)


class _Tally(Counter[str]):
    """A counter written by the wait's thread and the sync's worker at once: each write and
    each copy under one lock (a copy never meets a key being added)."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def __setitem__(self, key: str, value: int) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def now(self) -> Counter[str]:
        with self._lock:
            return Counter(dict(self))


class Requests:
    """The requests a controller's hub clients sent (its waits' and its syncs'), by method and
    route, shared by those clients (``HubClient.sent``), and a copy taken when each pulled page
    was committed: what showing a request or a decision cost (tests)."""

    def __init__(self) -> None:
        self.sent = _Tally()
        self.at_last_page: Counter[str] = Counter()
        self.pages = 0  # pulled pages committed

    def count(self, client: HubClient) -> HubClient:
        """``client``, counting into :attr:`sent`."""
        client.sent = self.sent
        return client

    def page_committed(self) -> None:
        self.at_last_page = self.sent.now()
        self.pages += 1


class SyncController(QObject):
    """Keeps one window's store in step with its hub (see the module's docstring)."""

    state_changed = Signal(object)  # SyncState
    synced = Signal(object)  # SyncReport
    notice = Signal(str)  # a request or a decision that came from another device
    pulled = Signal()  # entries came from the hub: the screens reload

    def __init__(
        self,
        session: Session,
        bound: HubBinding,
        parent: QObject | None = None,
        *,
        poll_seconds: int = live.MAX_WAIT,
        watch_ms: int = WATCH_MS,
        backoff: live.Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.bound = bound
        self.poll_seconds = poll_seconds
        self.backoff = backoff or live.Backoff(first=1.0, cap=60.0)
        self.state = SyncState()
        self.requests = Requests()
        self._stopped = False
        self._sync_job: Job[_Synced] | None = None
        self._waiting: tuple[threading.Thread, _WaitSignals] | None = None
        self._again = False
        self._no_news = False
        self._refusals: dict[int, HubRefused] = {}  # as the pushes' answers named them
        self._position = live.position(session)
        self._ledger_seen = self._ledger_head()
        self._published_head = self._ledger_seen
        self._contacts = self._contact_view()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.sync_now)
        self._watch = QTimer(self)
        self._watch.setInterval(watch_ms)
        self._watch.timeout.connect(self._check_local)

    # -- life ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Sync now (at login), then keep listening."""
        if self._stopped:
            return
        self._watch.start()
        self.sync_now()

    def stop(self, wait_seconds: float = 60.0) -> None:
        """No more work; wait for a running sync (it holds a connection to the store). A
        running wait holds nothing of the store: it ends by itself within ``poll_seconds``."""
        self._stopped = True
        self._retry.stop()
        self._watch.stop()
        if self._sync_job is not None:
            self._sync_job.done.wait(wait_seconds)

    # -- sync ---------------------------------------------------------------------------------
    def sync_now(self, first_page: CarriedPage | None = None) -> None:
        """Sync at once (the "Sync now" action; news; local work; a retry); ``first_page`` is
        the page the news carried (the sync applies it first, after its proof)."""
        if self._stopped or self.state.retired:
            return
        if self._sync_job is not None:
            self._again = True  # what arrived meanwhile goes with the next one (pulled)
            return
        self._retry.stop()
        self._ledger_seen = self._ledger_head()
        bound, requests = self.bound, self.requests

        def page_in(job: Job[_Synced]) -> None:
            requests.page_committed()
            job.report(0, PAGE_PULLED)

        def work(own: Session, job: Job[_Synced]) -> _Synced:
            with requests.count(sync.client_for(own, bound)) as client:
                # each pulled page, once committed: its news shown now (``_page_pulled``)
                report = sync.sync(
                    own, client, on_page=lambda _n: page_in(job), first_page=first_page
                )
            return _Synced(report, live.position(own))

        job: Job[_Synced] = Job(work, self.session)
        job.on_progress(self._page_pulled)
        job.on_finished(self._synced)
        job.on_failed(self._sync_failed)
        self._sync_job = start(job, live_pool())
        self._publish(syncing=True)

    def _page_pulled(self, _percent: int, _what: str) -> None:
        """A page of the running sync is in the store: a request to decide or a decision on
        one's own request in it is said and shown now, not after the pages behind it (while
        laptops push their day a sync reads thousands of their entries). Other pages wait
        for the sync's end, which reloads the screens once."""
        if self._stopped or not alive(self):
            return
        notices = self._contact_notices()
        if notices:
            for text in notices:
                self.notice.emit(text)
            self.pulled.emit()

    def _synced(self, done: _Synced) -> None:
        self._sync_job = None
        if self._stopped or not alive(self):
            return
        self.backoff.reset()
        self._position = max(self._position, done.position)
        problem = ""
        refusal = done.report.refusal
        if refusal is not None and refusal.named.get("seq", "").isdigit():
            self._refusals[int(refusal.named["seq"])] = refusal  # with every fact it named
        refused = live.refused_entries(self.session, self._refusals)
        if done.report.refusal is not None and not refused:
            problem = errors.describe(done.report.refusal)  # a push refused whole
        self._publish(
            syncing=False,
            last_synced=_utc_now(),
            offline_since=None,
            problem=problem,
            hub_too_old=False,
        )
        self.synced.emit(done.report)
        notices = self._contact_notices()  # the view is kept after every sync (own work too)
        if done.report.pulled:
            for text in notices:
                self.notice.emit(text)
            self.pulled.emit()
        waiting = self.state.waiting_entries
        # files left for a write of this device's that came first: on with them at once
        left = done.report.blobs_left
        if self._again or left or (waiting and done.report.refusal is None):
            self._again = False
            self.sync_now()
        else:
            self._wait()

    def _sync_failed(self, error: BaseException) -> None:
        self._sync_job = None
        if self._stopped or not alive(self):
            return
        self._again = False
        if isinstance(error, StoreBusy):  # another writer holds the store: a moment later
            self._publish(syncing=False)
            self._retry.start(BUSY_RETRY_MS)
            return
        if isinstance(error, HubRefused) and error.rule == DEVICE_RETIRED:
            # the hub refuses this laptop for good (docs/deploy-hub.md "Retiring a lost
            # laptop"): said once, with who retired it, when and why; never tried again
            problem = errors.describe(error)
            self._publish(syncing=False, offline_since=None, problem=problem, retired=True)
            return
        delay = self.backoff.next_delay()
        if isinstance(error, HubTooOld):  # not offline: said, and tried again later
            problem = errors.describe(error)
            self._publish(syncing=False, offline_since=None, problem=problem, hub_too_old=True)
        elif isinstance(error, HubUnreachable):  # the status says when it tries again
            since = self.state.offline_since or _utc_now()
            self._publish(syncing=False, offline_since=since, retry_at=_after(delay))
        else:  # refused, the hub's history changed, ...: said, and tried again later
            self._publish(syncing=False, problem=errors.describe(error))
        self._retry.start(int(delay * 1000))

    # -- news ---------------------------------------------------------------------------------
    def _wait(self) -> None:
        if self._stopped or self._waiting is not None or self.state.retired:
            return
        if self._no_news:  # a hub without the live route: sync on a timer instead
            self._retry.start(NO_NEWS_SYNC_MS)
            return
        after, seconds, bound, session = self._position, self.poll_seconds, self.bound, self.session
        client = self.requests.count(sync.client_for(session, bound))
        folder = session.folder
        signals = _WaitSignals()
        signals.arrived.connect(self._news)
        signals.failed.connect(self._wait_failed)

        def work() -> None:
            try:
                with client:
                    # the page with the news, and the proof from the checkpoint this store
                    # confirmed (read here: the file of kept checkpoints grows with the months)
                    confirmed = carried_page.confirmed_size(folder)
                    news = live.wait_for_news(
                        client, after, seconds, page=True, confirmed=confirmed
                    )
            except BaseException as error:  # said to the controller, never lost in a thread
                signals.failed.emit(error)
            else:
                signals.arrived.emit(news)

        # a plain daemon thread, not a pool's: a long-poll holds it for up to poll_seconds and
        # holds nothing of the store, so a closing window or a quitting app never waits for it
        thread = threading.Thread(target=work, name="hub-news-wait", daemon=True)
        self._waiting = (thread, signals)
        thread.start()

    @property
    def listening(self) -> bool:
        """A long-poll runs (the controller waits for news)."""
        return self._waiting is not None

    def join_wait(self, timeout: float) -> bool:
        """Wait for a running long-poll to end (tests); True when none runs any more."""
        if self._waiting is not None:
            self._waiting[0].join(timeout)
            return not self._waiting[0].is_alive()
        return True

    def _news(self, news: live.News) -> None:
        self._waiting = None
        if self._stopped or not alive(self):
            return
        if news.hub_seq > self._position:
            self.sync_now(first_page=news.page)
        else:
            self._wait()

    def _wait_failed(self, error: BaseException) -> None:
        self._waiting = None
        if self._stopped or not alive(self):
            return
        delay = self.backoff.next_delay() if self._sync_job is None else None
        retry_at = None if delay is None else _after(delay)
        if isinstance(error, HubTooOld):
            problem = errors.describe(error)
            self._publish(offline_since=None, problem=problem, hub_too_old=True)
        elif isinstance(error, HubUnreachable):
            since = self.state.offline_since or _utc_now()
            self._publish(offline_since=since, retry_at=retry_at)
        elif isinstance(error, HubRefused) and error.status == 404:
            self._no_news = True  # an older hub: no live route
        # sync after a delay instead (the sync says what is wrong, if anything)
        if delay is not None:
            self._retry.start(int(delay * 1000))

    # -- local work -----------------------------------------------------------------------
    def _ledger_head(self) -> int:
        return db.ledger_size(self.session.conn)

    def _check_local(self) -> None:
        """New own entries: push them now (unless offline: the backoff decides then)."""
        if self._stopped or not alive(self):
            return
        head = self._ledger_head()
        if head <= self._ledger_seen or head == self._published_head:
            return
        if self._sync_job is None and not self._retry.isActive():
            self.sync_now()
        else:  # offline or syncing: the next sync takes it; the status says it waits
            self._published_head = head
            self._publish()

    # -- state ------------------------------------------------------------------------------
    def _publish(
        self,
        *,
        syncing: bool | None = None,
        last_synced: datetime | None = None,
        offline_since: datetime | bool | None = False,
        problem: str | None = None,
        hub_too_old: bool | None = None,
        retired: bool | None = None,
        retry_at: datetime | None = None,
    ) -> None:
        """A new state from what changed (``offline_since=False``: unchanged), with the
        waiting uploads and refused entries read from the store now."""
        state = self.state
        # what the next push sends, from the store's records (as the push finds its files)
        unsent = sync.waiting_blobs(self.session)
        offline = state.offline_since if isinstance(offline_since, bool) else offline_since
        self.state = SyncState(
            syncing=state.syncing if syncing is None else syncing,
            last_synced=last_synced or state.last_synced,
            offline_since=offline,
            waiting_entries=live.waiting_entries(self.session),
            waiting_blobs=len(unsent),
            waiting_bytes=sum(unsent.values()),
            refused=tuple(live.refused_entries(self.session, self._refusals)),
            problem=state.problem if problem is None else problem,
            hub_too_old=state.hub_too_old if hub_too_old is None else hub_too_old,
            retired=state.retired if retired is None else retired,
            # kept while offline (the next try); gone once the hub answers
            retry_at=None if offline is None else (retry_at or state.retry_at),
        )
        self.state_changed.emit(self.state)

    def _contact_view(self) -> dict[str, tuple[str, str, str | None, str]]:
        """Per contact: status, who requested, who decided, case (what the notices compare)."""
        if not policy.allowed(self.session.user.role, Action.CONTACT_READ):
            return {}
        return {
            c.id: (c.status, c.requested_by, c.decided_by, c.case_no)
            for c in contacts.list_contacts(self.session)
        }

    def _contact_notices(self) -> list[str]:
        before, now = self._contacts, self._contact_view()
        self._contacts = now
        me = self.session.user.name
        decides = policy.allowed(self.session.user.role, Action.CONTACT_DECIDE)
        said = []
        for contact_id, (status, requester, decider, case_no) in now.items():
            old = before.get(contact_id)
            if old is None and status == "requested" and requester != me and decides:
                said.append(
                    self.tr("New contact request in case %1 from %2")
                    .replace("%1", case_no)
                    .replace("%2", requester)
                )
            elif old is not None and old[0] != status and requester == me and decider:
                if status == "approved":
                    text = self.tr("Approved by %1: your contact request in case %2")
                elif status == "rejected":
                    text = self.tr("Refused by %1: your contact request in case %2")
                else:
                    continue
                said.append(text.replace("%1", decider).replace("%2", case_no))
        return said


def for_window(session: Session, parent: QObject) -> SyncController | None:
    """A controller when the store is bound to a hub (``sync.binding``), else None."""
    try:
        bound = sync.binding(session.folder)
    except BadInput:
        return None
    return SyncController(session, bound, parent)
