"""The people deciding while the laptops push: staff who file contact requests and the
supervisors who decide them, each a real store (``Session``) joined to the hub, each in a
process of its own by default (a person's laptop has its own CPU; ``--people-threads`` runs
them as threads of one process, as before session 14, sharing one GIL).

Round trip: staff request a contact (with its two documents) and push; the supervisor the
request falls to (by its id), already waiting for the hub's news, sees it in the page that
comes with the news, approves it and pushes; staff, waiting for news likewise since their push,
see the approval in the page that comes with theirs. Both wait as the app does
(``live.wait_for_news(..., page=True)``, protocol 3: ui/sync_controller.py), never sleep and
poll. Timed from the request to staff seeing the decision: the moment the page holding it is
committed (``on_page``: what the app shows then, not after the pages behind it; likewise the
supervisor sees the request when its page is in, whichever of its syncs brought it: the one
that pushed its last decision too, and decides it then, without waiting for news first, as the
app shows it then: ui/sync_controller.py). A carried page with ``more`` behind it, or own work
to push, is followed by a sync (:meth:`Actor.sync`).

The chain of a round trip (bench/hubsim/floor.py): the sequential requests of the staff's and
the supervisor's syncs on it (the staff's push, the syncs that paged past ``more``, the
decision's push), and apart, the waits it took (long-polls already open when the news came,
or opened again when one ran out: they wait for the news, not the hub's work).

Their syncs are lean by default: the app's own exchange (``sync.exchange``: the push and the
first page of the pull in one request, ``POST /v1/sync``), then the further pages; the entries
of the people's own devices (the organisation's founder, staff and supervisors) are applied
with ``org_ledger.apply_pull`` as ``sync.pull`` applies them, then the case-key wraps the
exchange brought (``sync._pull_wraps``). The blob files their records name are not fetched,
but remembered as on the hub (:meth:`Actor.applied`), as ``sync.pull`` remembers each file it
fetches: a lean store would otherwise look on its disk for every file it never fetched at
every push (``sync._local_blobs``), a cost no real device has.

The laptops' entries and blobs are paged past, not
applied or downloaded: 25 real stores applying 100,000 entries and downloading 10 GB on the
hub's own two cores would measure the laptops of the people, not the hub. ``--people-sync
real`` runs the app's own ``sync.sync`` instead (every entry applied, the checkpoint's
consistency proof, witnesses, receipts, the blobs the store's records name): what a real
supervisor's app does, on this machine's cores; its carried pages go to
``sync.sync(first_page=...)``, checked against their checkpoint and proof before they are
applied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence_desk.services import (
    blob_hint,
    carried_page,
    contacts,
    live,
    org_history,
    org_ledger,
    sync,
)
from evidence_desk.services.hub_client import HubUnreachable
from evidence_desk.services.session import Session

#: seconds a person's wait for news lasts at most (the app waits ``live.MAX_WAIT``): short, so
#: that a person notices the end of the day (``staff_done``) soon after it
WAIT = 2


class Actor:
    """A person's store and its lean sync with the hub."""

    def __init__(
        self, path: Path, user: str, password: str, devices: frozenset[str], real: bool = False
    ) -> None:
        self.session = Session.open(path, user, password)
        #: the app's own ``sync.sync`` (every entry applied), not the lean one (module docstring)
        self.real = real
        self.client = sync.client_for(self.session, sync.binding(self.session.folder))
        self.devices = devices
        self.since = org_history.last_org_seq(self.session.conn)
        self.unanswered = 0
        #: (started, seconds, entries paged, requests sent) of each sync: what a round trip
        #: waits for
        self.syncs: list[tuple[float, float, int, int]] = []
        #: (started, seconds, entries carried) of each wait for news: how often the hub answers
        #: a person while the laptops push
        self.waits: list[tuple[float, float, int]] = []
        #: by the wall clock: when the request that brought the page being applied was sent
        #: (a wait for news opened, or a sync's page asked for) and when its answer was read
        self.asked = self.arrived = 0.0

    def sync(self, on_page: Callable[[], object] | None = None) -> int:
        """A sync; one the hub does not answer in time (``HubUnreachable``: the app's
        background sync retries it with backoff) is retried after a second and counted.
        ``on_page`` is called after each page that brought people's entries is committed.
        Returns the requests the sync sent (one after the other: ``HubClient.sent``)."""
        while True:
            try:
                started, sent = time.monotonic(), self.requests()
                paged = self._sync(on_page)
                requests = self.requests() - sent
                self.syncs.append((started, time.monotonic() - started, paged, requests))
                return requests
            except HubUnreachable:
                self.unanswered += 1
                time.sleep(1.0)

    def requests(self) -> int:
        """Requests this person's client has sent so far."""
        return sum(self.client.sent.values())

    def _sync(self, on_page: Callable[[], object] | None) -> int:
        if self.real:
            report = sync.sync(
                self.session, self.client, on_page=None if on_page is None else lambda _n: on_page()
            )
            if report.refusal is not None:
                raise report.refusal
            return report.pulled
        report = sync.SyncReport()
        paged = 0
        self.asked = time.time()
        held = sync.exchange(self.session, self.client, report, since=self.since)
        self.arrived = time.time()
        if report.refusal is not None:
            raise report.refusal
        carried = held is not None and bool(held.entries)  # the exchange's page comes first
        asked = time.time()
        for n, page in enumerate(sync.pages(self.client, held, self.since)):
            if n > 0 or not carried:  # a further page's own request
                self.asked, self.arrived = asked, time.time()
            self.since = page[-1].org_seq
            paged += len(page)
            ours = [e for e in page if e.device_id in self.devices]
            if ours:
                self.applied(ours)
                if on_page is not None:
                    on_page()
            asked = time.time()
        sync._pull_wraps(self.session, self.client, None if held is None else held.wraps)
        if sync._rewrap(self.session):
            sync.exchange(self.session, self.client, report, since=None)
        return paged

    def applied(self, entries: list[org_ledger.OrgEntry]) -> None:
        """Apply the people's entries of a page, and remember the blob files their records
        name as on the hub (module docstring), as ``sync.pull`` does once it fetched them."""
        org_ledger.apply_pull(self.session, entries)
        names = [
            str(change["row"]["name"])
            for e in entries
            for change in json.loads(e.entry.payload).get("rows", ())
            if change.get("table") == "case_blobs" and "name" in change.get("row", {})
        ]
        if names:
            folder = self.session.folder
            paths = (f"blobs/{name[:2]}/{name[2:]}" for name in names)
            blob_hint.remember(folder, paths)

    def close(self) -> None:
        self.client.close()
        self.session.close()


def wait_for_news(actor: Actor, on_page: Callable[[], object]) -> tuple[bool, int]:
    """One wait for the hub's news with its page, as the app waits: the page is applied when
    it comes (lean: the people's devices' entries, as ``Actor._sync`` applies them; real:
    ``sync.sync(first_page=...)``, its proof checked first) and ``on_page`` called after its
    commit. Returns whether a sync must follow (``more`` pages behind the carried one) and the
    sequential requests sent beyond the wait (a real sync's)."""
    actor.asked = time.time()
    try:
        if actor.real:
            session = actor.session
            news = live.wait_for_news(
                actor.client,
                org_history.last_org_seq(session.conn),
                WAIT,
                page=True,
                confirmed=carried_page.confirmed_size(session.folder),
            )
        else:
            news = live.wait_for_news(actor.client, actor.since, WAIT, page=True)
    except HubUnreachable:
        actor.unanswered += 1
        time.sleep(1.0)
        return False, 0
    actor.arrived = time.time()
    page = news.page
    seconds = actor.arrived - actor.asked
    actor.waits.append(
        (time.monotonic() - seconds, seconds, 0 if page is None else len(page.entries))
    )
    if page is None:
        return False, 0
    if actor.real:
        sent = actor.requests()
        report = sync.sync(
            actor.session, actor.client, on_page=lambda _n: on_page(), first_page=page
        )
        if report.refusal is not None:
            raise report.refusal
        return False, actor.requests() - sent
    if page.entries:
        actor.since = page.entries[-1].org_seq
    ours = [e for e in page.entries if e.device_id in actor.devices]
    if ours:
        actor.applied(ours)
        on_page()
    return page.more, 0


def documents(folder: Path, tag: str) -> list[tuple[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    identity, confirmation = folder / f"identity{tag}.txt", folder / f"debt{tag}.txt"
    identity.write_text(f"身份证明 identity proof {tag}\n", encoding="utf-8")
    confirmation.write_text(f"债务确认书 debt confirmation {tag}\n", encoding="utf-8")
    return [("identity_proof", identity), ("debt_confirmation", confirmation)]


def owner(contact_id: str, supervisors: int) -> int:
    """The supervisor a request falls to."""
    return int(hashlib.sha256(contact_id.encode()).hexdigest()[:8], 16) % supervisors


def _staff(
    actor: Actor,
    index: int,
    case_no: str,
    rounds: int,
    work: Path,
    gates: dict[str, Any],
    record: dict[str, Any],
) -> None:
    gates["start"].wait()
    n = 0
    after = 0  # rounds requested after the laptops' push: ``rounds`` of them at least
    while n < rounds or after < rounds:
        if gates["laptops_done"].is_set():
            after += 1
        tag = f"{index}-{n}"
        started, started_wall = time.monotonic(), time.time()
        contact = contacts.request_contact(
            actor.session,
            case_no=case_no,
            channel="whatsapp",
            handle=f"+86139{index:02d}{n:06d}",
            display_name="Chen Lixin",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=documents(work / "docs", tag),
        )
        # by the wall clock, to be set beside the hub's (``hub_parts``)
        walls = record["walls"].setdefault(contact.id, {})
        walls.update(started=started_wall, requested=time.time())
        shown: list[float] = []

        def approved(contact_id: str = contact.id, shown: list[float] = shown) -> None:
            if not shown and contacts.get_contact(actor.session, contact_id).status == "approved":
                shown.append(time.monotonic())  # the page holding the decision is in
                walls = record["walls"][contact_id]
                walls.update(done=time.time(), asked_d=actor.asked, arrived_d=actor.arrived)

        # the decision may come back in the pages of this very sync
        staff_requests = actor.sync(approved)
        pushed = time.monotonic()
        waits = 0
        while not shown:
            if gates["failed"].is_set():
                return
            more, sent = wait_for_news(actor, approved)
            waits += 1
            staff_requests += sent
            if more and not shown:  # pages behind the carried one: paged by a sync
                staff_requests += actor.sync(approved)
        done = shown[0]
        record["trips"].append((started, done - started))
        # its parts once the supervisors' records are in (``merged``), and the staff's side of
        # its chain: the sequential requests (the sync that pushed it, any that paged past
        # ``more``) and the waits that were open for the decision
        record["rounds"].append((contact.id, started, pushed, done, staff_requests, waits))
        n += 1


def _supervisor(
    actor: Actor, index: int, count: int, gates: dict[str, Any], record: dict[str, Any]
) -> None:
    gates["start"].wait()

    def requested() -> None:  # the page holding a request is in: seen now
        now, wall = time.monotonic(), time.time()
        for c in contacts.list_contacts(actor.session, status="requested"):
            if owner(c.id, count) == index:
                record["seen"].setdefault(c.id, now)
                walls = record["walls"].setdefault(c.id, {})
                if "seen" not in walls:
                    walls.update(seen=wall, asked=actor.asked, arrived=actor.arrived)

    def undecided() -> list[contacts.Contact]:
        return [
            c
            for c in contacts.list_contacts(actor.session, status="requested")
            if owner(c.id, count) == index
        ]

    pulled, waits = actor.sync(requested), 0  # what the first wait's news follows
    while not gates["staff_done"].is_set():
        # a request the last decision's sync brought is decided now, as the app shows it then
        # (ui/sync_controller.py: every sync's pages), not after the next news
        mine = undecided()
        if not mine:
            more, sent = wait_for_news(actor, requested)
            pulled, waits = pulled + sent, waits + 1
            if more:  # pages behind the carried one: paged by a sync
                pulled += actor.sync(requested)
            mine = undecided()
        seen = time.monotonic()
        for contact in mine:
            record["seen"].setdefault(contact.id, seen)
            # the sequential requests and the waits that brought it
            record["requests"].setdefault(contact.id, pulled)
            record["waits"].setdefault(contact.id, waits)
            walls = record["walls"].setdefault(contact.id, {})
            walls.setdefault("seen", time.time())
            walls["approving"] = time.time()
            contacts.approve(actor.session, contact.id, "identity and debt confirmed")
            walls["approved"] = time.time()
        pulled, waits = 0, 0
        if mine:
            # its pages may bring the next request (``requested``: seen when its page is in)
            pushed = actor.sync(requested)
            decided = time.monotonic()
            for contact in mine:
                record["decided"].setdefault(contact.id, decided)
                record["requests"][contact.id] += pushed  # and the one that pushed the decision
            pulled = pushed  # what brought any request decided next without a wait


def main(
    work: str,
    password: str,
    staff: list[tuple[str, str, int]],  # (store path, user, index among the staff)
    supervisors: list[tuple[str, str, int]],  # (..., index among the supervisors)
    supervisor_count: int,
    devices: list[str],
    rounds: int,
    gates: dict[str, Any],
    out: Any,
    real_sync: bool = False,
) -> None:
    """An actors' process (one person, or all of them as threads): each thread opens its store
    (a store's connection stays in its thread) and catches up; once all are, the process says
    ready, and they run until the staff have their rounds and the laptops are done. The
    process's staff report ``staff done``; the bench sets ``staff_done`` once every staff
    member's process has."""
    record: dict[str, Any] = {
        "trips": [],
        "errors": [],
        "unanswered": 0,
        "seen": {},
        "decided": {},
        "parts": [],
        "syncs": [],
        "waits_log": [],
        "rounds": [],
        "requests": {},
        "waits": {},
        "walls": {},
    }
    known = frozenset(devices)
    people = [(p, u, i, True) for p, u, i in staff] + [(p, u, i, False) for p, u, i in supervisors]
    caught_up = threading.Barrier(len(people) + 1)

    def life(path: str, user: str, index: int, is_staff: bool) -> None:
        actor: Actor | None = None
        try:
            actor = Actor(Path(path), user, password, known, real_sync)
            actor.sync()
            caught_up.wait()
            if is_staff:
                case_no = f"2026-SCALE-{index}"
                _staff(actor, index, case_no, rounds, Path(work), gates, record)
            else:
                _supervisor(actor, index, supervisor_count, gates, record)
        except Exception:
            said = traceback.format_exc()[-2000:]
            print(f"{user}: {said}", file=sys.stderr, flush=True)
            record["errors"].append(said)
            gates["failed"].set()
            gates["staff_done"].set()
            if not caught_up.broken:
                caught_up.abort()
        finally:
            if actor is not None:
                record["unanswered"] += actor.unanswered
                record["syncs"].extend(actor.syncs)
                record["waits_log"].extend(actor.waits)
                actor.close()

    threads = [threading.Thread(target=life, args=person) for person in people]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        caught_up.wait()
    out.put(("actors ready", time.monotonic()))
    for thread in threads[: len(staff)]:
        thread.join()
    if staff:
        out.put(("staff done", len(staff)))
    for thread in threads:
        thread.join()
    out.put(("actors", record))


def merged(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The actors' processes' records as one (lists joined, first sightings kept)."""
    total: dict[str, Any] = {
        "trips": [],
        "errors": [],
        "unanswered": 0,
        "seen": {},
        "decided": {},
        "parts": [],
        "syncs": [],
        "waits_log": [],
        "requests": [],
        "walls": {},
    }
    for record in records:
        for contact, walls in record["walls"].items():
            total["walls"].setdefault(contact, {}).update(walls)
        for key in ("trips", "errors", "syncs", "waits_log"):
            total[key].extend(record[key])
        total["unanswered"] += record["unanswered"]
        for key in ("seen", "decided"):
            for contact, at in record[key].items():
                total[key][contact] = min(at, total[key].get(contact, at))
    # what each round trip was made of: the staff's push, until the supervisor saw it, the
    # decision pushed, until the staff saw it (monotonic clocks: one machine)
    supervisors_sent = {c: n for r in records for c, n in r["requests"].items()}
    supervisors_waits = {c: n for r in records for c, n in r["waits"].items()}
    for record in records:
        for contact, started, pushed, done, staff_sent, staff_waits in record["rounds"]:
            seen = total["seen"].get(contact, pushed)
            # the staff can see the decision before the supervisor's sync returns
            decided = min(total["decided"].get(contact, done), done)
            total["parts"].append(
                (started, (pushed - started, seen - pushed, decided - seen, done - decided))
            )
            # its chain: the sequential requests of the staff's and the supervisor's syncs, and
            # the waits for news (already open when the news came: not the hub's work)
            total["requests"].append(
                (
                    started,
                    staff_sent + supervisors_sent.get(contact, 0),
                    staff_waits + supervisors_waits.get(contact, 0),
                )
            )
    return total
