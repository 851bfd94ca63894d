"""A device and its hub: the binding a store remembers, joining, and ``sync`` (push then pull).

**What a device remembers of its hub** lives in its store folder, beside ``store.json``:
``hub.json`` (``{"url": ..., "ca_file": "hub-ca.pem"}``) and ``hub-ca.pem``, a copy of the CA
it pinned when it joined (or when an admin first reached the hub). Neither is secret. The last
organisation position pulled is not kept apart: it is the highest ``org_seq`` the store holds
(``org_history.last_org_seq``), written in the same transaction as the pulled entries, so it
can never run ahead of them.

**Sync** is idempotent; an interrupted one is simply run again. Its push and the first page of
its pull go in one request, ``POST /v1/sync`` (:func:`exchange`, hub/exchange.py, protocol 3):
the small new blob files, the last batch of own entries and the wraps up, the first page after
the last position held and this user's wraps down. What does not fit (files over
``SEND_WITHOUT_ASKING``, a backlog of entries, further pages) keeps the protocol 2 routes.
The steps, in the order the hub takes them:

1. push the sealed blob files the hub does not name yet (ciphertext as it is on disk, in
   chunks; the hub completes a blob only when the chunks hash to its digest): asked about only
   the files this store does not know the hub names (``hub-blobs.txt``, a hint kept beside
   ``hub.json``: pushed and named, or pulled; forgotten when the store is bound to another
   hub), so a sync with nothing new asks the hub nothing about blobs; then the own
   entries that have no organisation position (the hub skips any it already holds: a push
   whose answer was lost);
2. pull the entries after the last position held, page by page, each page applied in one
   transaction by ``org_ledger.apply_pull`` (which checks them with verify's replay and turns
   the receipts of own entries into their positions);
3. fetch the blob files this store's records name (its ``blobs`` and ``case_blobs`` rows,
   pulled ones included) and its disk lacks, asked by path (``/v1/blob-files/lookup``; a sync
   with nothing missing asks nothing), each checked against the hub's digest;
4. case-key wraps: the push sends the wraps this store holds (``/v1/wraps``, kept once), the
   pull keeps those the hub holds for this user that open here (``case_keys.shared_wraps``):
   a case created on another laptop opens on this one, and verify compares each with the
   digest the making device's entry recorded. After the pull, the keys this user holds are
   wrapped for readers who joined elsewhere and lack them (``case.keys``) and pushed at once;
5. other devices' chat imports whose originals and case keys are now here get their messages
   rebuilt from the originals (services/rebuild.py: checked against the Merkle root their
   entries signed; one refused is named in the report's ``rebuild_refused``, nothing written).

Before pulling, the store sends per device it holds a digest of those entries as placed
(``integrity/org_digest.py``: every column of each entry, its position and verdict); the hub
computes the same over its tables, and a difference (an entry edited, deleted or moved by the
database's superuser) refuses the pull: ``sync.hub_changed``, exit 3.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import shutil
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from evidence_desk.domain import authority, hub_protocol
from evidence_desk.domain.errors import BadInput, Cancelled, RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger, signing
from evidence_desk.services import (
    blob_hint,
    carried_page,
    case_keys,
    device_fold,
    held_digests,
    hub_memory,
    hub_receipts,
    live,
    org_checkpoints,
    org_gossip,
    org_history,
    org_ledger,
    pulled_pages,
    rebuild,
)
from evidence_desk.services.hub_client import HubClient, HubRefused
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.files import atomic_write, identity
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.lock import WriterLock

HUB_FILE: Final = "hub.json"
CA_COPY: Final = "hub-ca.pem"
#: entries per push: the most the hub takes in one (hub/routes.py MAX_BATCH); fewer requests,
#: each judged in one of the hub's worker processes
PUSH_BATCH: Final = 2000
#: entries applied per transaction: a page of up to ``hub_protocol.EXCHANGE_PAGE`` (the
#: exchange's, ``/v1/entries``', the news') is applied in slices of this many, each told to
#: ``on_page`` once committed, so a decision early in it shows as soon as with pages of 1,000
APPLY_PAGE: Final = pulled_pages.APPLY_PAGE
#: entries the app asks a ``/v1/entries`` page for: as many as the exchange carries (a hub
#: that serves fewer says ``more`` and the app asks again from the last entry it got)
PULL_LIMIT: Final = hub_protocol.EXCHANGE_PAGE
#: wraps per request (a few hundred bytes each)
WRAP_BATCH: Final = 1000
#: bytes per blob chunk (the hub's body cap is far above)
CHUNK: Final = 1024 * 1024
#: blob paths per question to the hub (hub/routes.py ``BLOB_PAGE``)
BLOB_QUESTION: Final = 1000
#: a blob file of at most this many bytes is sent without first asking which of its chunks the
#: hub holds (``GET /v1/blobs/<digest>``, the resume of a large upload): sending again what
#: the hub may hold costs less than that round trip, which a person's request paid for each of
#: its documents, in series, while the hub was busy (docs/benchmarks.md, issue 20 item 4); a
#: chunk the hub holds already is answered the same (``HubRepository.put_chunk`` is idempotent)
SEND_WITHOUT_ASKING: Final = hub_protocol.EXCHANGE_FILE
#: the small files' bytes one exchange carries at most (hub/exchange.py refuses more)
EXCHANGE_FILES: Final = hub_protocol.EXCHANGE_FILES
#: an exchange's body at most, entries and files (the hub's cap is 16 MiB, hub/app.py
#: ``Limits``; the rest is room for the wraps and the held digests, a few hundred bytes each)
EXCHANGE_BODY: Final = 12 * 1024 * 1024
#: the keyid of a request signed by an invitation's key (hub/routes.py)
INVITE_PREFIX: Final = "invite:"

_said = Catalogue(
    {
        "sync.not_bound": "{path}: this store is not bound to a hub (run join, or hub user add "
        "with --hub and --ca)",
        "sync.hub_unreadable": "{path}: unreadable hub binding ({error})",
        "sync.blob_digest": "blob file {path} from the hub does not hash to {digest}",
        "sync.join_cancelled": "the join was cancelled before it was sent: the hub enrolled "
        "nothing and no store was made",
        "sync.hub_changed": "the hub's history is not the one this store pulled (entries "
        "edited, deleted or moved on the hub) for these devices: {devices}; nothing is pulled "
        "from it",
    }
)


@dataclass(frozen=True, slots=True)
class HubBinding:
    """The hub a store syncs with: its URL and the store's copy of the pinned CA."""

    url: str
    ca_file: Path


@dataclass(slots=True)
class SyncReport:
    """What a sync did; ``refusal`` is the hub's refusal of the push (exit 3), if any."""

    pushed: int = 0
    already: int = 0
    pulled: int = 0
    receipts: int = 0
    refused_own: list[int] = field(default_factory=list)
    blobs_up: int = 0
    blobs_down: int = 0
    blobs_left: int = 0  # files to fetch a write of this device's came before (``_pull_blobs``)
    wraps_up: int = 0
    wraps_down: int = 0
    hub_receipts: int = 0  # the hub's signed receipts kept (services/hub_receipts.py)
    imports_rebuilt: list[str] = field(default_factory=list)
    rebuild_refused: list[tuple[str, str]] = field(default_factory=list)
    org_checkpoint: str | None = None  # "size:root" of the organisation checkpoint kept
    witnesses_checked: list[str] = field(default_factory=list)  # whose cosignatures agreed
    witnessed: bool = False  # this device cosigned the checkpoint (a witness)
    gossip_checked: list[str] = field(default_factory=list)  # gossiped checkpoints settled
    refusal: HubRefused | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "already": self.already,
            "pulled": self.pulled,
            "receipts": self.receipts,
            "refused_own": self.refused_own,
            "blobs_up": self.blobs_up,
            "blobs_down": self.blobs_down,
            "blobs_left": self.blobs_left,
            "wraps_up": self.wraps_up,
            "wraps_down": self.wraps_down,
            "hub_receipts": self.hub_receipts,
            "imports_rebuilt": self.imports_rebuilt,
            "org_checkpoint": self.org_checkpoint,
            "witnesses_checked": self.witnesses_checked,
            "witnessed": self.witnessed,
            "gossip_checked": self.gossip_checked,
            "rebuild_refused": [
                {"import_id": import_id, "rule": rule} for import_id, rule in self.rebuild_refused
            ],
            "refused": None
            if self.refusal is None
            else {"rule": self.refusal.rule, "facts": self.refusal.named},
        }


# -- the binding ---------------------------------------------------------------------------------


def bind(folder: StoreFolder, url: str, ca_file: Path) -> HubBinding:
    """Remember ``url`` and a copy of the CA file in the store folder."""
    copy = folder.path / CA_COPY
    if ca_file.resolve() != copy.resolve():
        atomic_write(copy, ca_file.read_bytes())
    body = {"url": url.rstrip("/"), "ca_file": CA_COPY}
    if _bound_url(folder) != body["url"]:  # what another hub held says nothing of this one
        blob_hint.forget(folder)
    atomic_write(folder.path / HUB_FILE, json.dumps(body, indent=2).encode("utf-8"))
    return HubBinding(body["url"], copy)


def _bound_url(folder: StoreFolder) -> str | None:
    try:
        return binding(folder).url
    except BadInput:  # bound to none, or an unreadable binding
        return None


def binding(folder: StoreFolder) -> HubBinding:
    """The hub this store is bound to; BadInput when it is bound to none."""
    path = folder.path / HUB_FILE
    if not path.exists():
        raise BadInput(str(path), "", _said("sync.not_bound", path=folder.path))
    try:
        body = json.loads(path.read_text("utf-8"))
        return HubBinding(str(body["url"]), folder.path / str(body["ca_file"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadInput(
            str(path), "", _said("sync.hub_unreadable", path=path, error=error)
        ) from None


def client_for(session: Session, bound: HubBinding) -> HubClient:
    """A client of the bound hub signing as the session's user."""
    return HubClient(bound.url, bound.ca_file, session.user.name, session.signing_key)


# -- joining -------------------------------------------------------------------------------------


def invite_client(url: str, ca_file: Path, code: str) -> HubClient:
    """A client signing with the invitation's key (before the user has keys the hub knows)."""
    key = org_ledger.invite_key(code)
    return HubClient(url, ca_file, INVITE_PREFIX + signing.public_key_hex(key), key)


def pull_history(client: HubClient, since: int = 0) -> Iterator[list[org_ledger.OrgEntry]]:
    """The hub's accepted entries after ``since``, page by page (``PULL_LIMIT`` entries, or the
    fewer a hub serves), in the organisation's order."""
    while True:
        page = client.get(f"/v1/entries?since={since}&limit={PULL_LIMIT}")
        entries = _org_entries(page)
        if entries:
            since = entries[-1].org_seq
            yield entries
        if not page.get("more") or not entries:
            return


def _org_entries(page: dict[str, Any]) -> list[org_ledger.OrgEntry]:
    """A page's entries as ``/v1/entries`` (and ``/v1/sync``) render them."""
    return list(carried_page.entries_of(page["entries"]))


def join(
    path: Path,
    url: str,
    ca_file: Path,
    user: str,
    password: str,
    code: str,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Session, SyncReport]:
    """A new store at ``path`` for ``user``, bound to the hub: the organisation's history pulled
    with the invitation's key, ``org_ledger.join`` writes ``device.join``, the hub enrols it
    (and the device), then a sync brings the receipts and the blob files. A join the hub
    refuses leaves no store behind; one whose answer was lost keeps it (the hub may hold it).

    ``cancelled`` (the app's Cancel) is asked before the store is made and before the join is
    sent: up to there a cancel leaves nothing behind and the hub enrolled nothing; once the
    join is sent the hub may hold it, so the join runs to its end."""
    with invite_client(url, ca_file, code) as client:
        hub_key, _rotations = hub_receipts.hub_pin(client)  # a new store pins today's key
        history = []
        for page in pull_history(client):
            _stop_if(cancelled)
            history.extend(page)
    _stop_if(cancelled)
    session = org_ledger.join(path, user, password, code, history)
    try:
        if cancelled():
            session.close()
            shutil.rmtree(path, ignore_errors=True)
            raise Cancelled(_said("sync.join_cancelled"))
        bound = bind(session.folder, url, ca_file)
        hub_receipts.pin(session.folder, hub_key)
        with invite_client(url, ca_file, code) as client:
            try:
                answer = client.post(
                    "/v1/join",
                    {
                        "device_id": session.folder.store_id,
                        "entries": [list(e) for e in org_ledger.own_entries(session)],
                    },
                )
            except HubRefused:
                # the hub enrolled nothing: the new store would be a device of no organisation
                session.close()
                shutil.rmtree(path, ignore_errors=True)
                raise
        kept = hub_receipts.keep(session, answer.get("hub_receipts"))
        with client_for(session, bound) as client:
            report = sync(session, client)
        report.hub_receipts += kept
    except BaseException:
        if not session.closed:
            session.close()
        raise
    return session, report


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled(_said("sync.join_cancelled"))


# -- sync ----------------------------------------------------------------------------------------


def sync(
    session: Session,
    client: HubClient,
    *,
    on_page: Callable[[int], object] | None = None,
    first_page: carried_page.CarriedPage | None = None,
) -> SyncReport:
    """Push, then pull (see the module's docstring). A refused push is recorded in the report
    (the pull still runs); a refused pull raises (nothing of it is written), as the push's
    refusal when there was one. ``on_page`` is called with the number of entries of each
    pulled page once it is committed (the app shows a decision as soon as its page is in,
    not after the pages behind it: ``pull``). ``first_page`` is the page the live news carried
    (services/carried_page.py): applied first, before any request, once its checkpoint and
    consistency proof check out (else it is dropped and the pull fetches as always)."""
    report = SyncReport()

    def counted(result: org_ledger.PullResult) -> None:
        _count_pulled(report, result, on_page)

    carried = None if first_page is None else carried_page.apply(session, first_page, counted)
    # the hub's key at every sync: pinned by a store bound before receipts, followed through
    # signed rotations, refused when it changed otherwise (before anything is pushed)
    hub_receipts.ensure_pinned(session.folder, client)
    held: Pulled | None = None
    # the checks that come before anything pulled is applied, asked in the exchange
    digests = held_digests.held_digests(session)  # extended from the last sync's
    since = org_history.last_org_seq(session.conn)
    try:
        held = exchange(session, client, report, since=since, checks=digests)
    except HubRefused as refused:  # a file or a backlog's batch: the pull asks page by page
        _push_refused(session, report, refused)
    try:
        pull(session, client, report, on_page=on_page, carried=carried, exchanged=held)
        if report.refusal is None and _rewrap(session):
            exchange(session, client, report, since=None)
    except RuleViolation:
        if report.refusal is not None:
            # the push's refusal is the cause (a cloned device's pull cannot match either)
            raise report.refusal from None
        raise
    if report.refusal is None and report.refused_own:
        # a refusal whose push answer was lost: the pull brought its verdict, and the store
        # the facts the answer named (hub.decided: who decided first, from the pulled entries)
        lost = live.refused_entry(session, report.refused_own[0])
        if lost is not None:
            report.refusal = lost.refusal
    return report


def _push_refused(session: Session, report: SyncReport, refused: HubRefused) -> None:
    """A refused push in the report (the pull still runs), or ``sync.hub_changed`` when the
    hub lacks an entry of this device below its head: not a second store with this identity
    but an entry deleted from the hub's tables."""
    if refused.rule == "hub.cloned_device" and not refused.named.get("held"):
        device = session.folder.store_id
        raise RuleViolation("sync.hub_changed", _said("sync.hub_changed", devices=device)) from None
    report.refusal = refused


def push(session: Session, client: HubClient, report: SyncReport) -> None:
    """The blob files and the own entries the hub does not hold yet, then the wraps, by the
    protocol 2 routes (an app of the release before ``/v1/sync`` syncs so; tests hold the hub
    to serving it)."""
    report.blobs_up += _push_blobs(session, client)
    _push_batches(session, client, report, _unplaced(session))
    _push_wraps(session, client, report, _unsent_wraps(session, client))


def _unplaced(session: Session) -> list[ledger.Entry]:
    """The own entries after the last one the organisation placed (the hub skips any it
    holds already: a push whose answer was lost)."""
    placed = session.conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions").fetchone()[0]
    return org_ledger.own_entries(session, since=int(placed) + 1)


def _push_batches(
    session: Session, client: HubClient, report: SyncReport, entries: list[ledger.Entry]
) -> None:
    """``entries`` by ``/v1/push``, ``PUSH_BATCH`` at a time, each answer in the report."""
    device = session.folder.store_id
    for start in range(0, len(entries), PUSH_BATCH):
        batch = entries[start : start + PUSH_BATCH]
        answer = client.post("/v1/push", {"device_id": device, "entries": [list(e) for e in batch]})
        _took(session, report, answer)


def _took(session: Session, report: SyncReport, answer: dict[str, Any]) -> None:
    """A push's answer in the report, its receipts kept."""
    report.pushed += int(answer["appended"])
    report.already += int(answer["already"])
    report.hub_receipts += hub_receipts.keep(session, answer.get("hub_receipts"))
    for refused in answer.get("refused") or []:
        # kept in the device's chain, marked: the next pull records it (exit 3 names it)
        facts = {str(k): str(v) for k, v in dict(refused["facts"]).items()}
        if report.refusal is None:  # the earliest names the cause (later ones may follow)
            report.refusal = HubRefused(str(refused["rule"]), facts, status=409)


def _unsent_wraps(session: Session, client: HubClient) -> list[dict[str, str]]:
    memory = hub_memory.held(client.url, session.folder.store_id)
    return hub_memory.unsent(memory, case_keys.wraps_to_share(session.conn))


def _push_wraps(
    session: Session, client: HubClient, report: SyncReport, shared: list[dict[str, str]]
) -> None:
    """The wraps after the entries that record them (a refused wrap holds up no entry)."""
    memory = hub_memory.held(client.url, session.folder.store_id)
    for start in range(0, len(shared), WRAP_BATCH):
        wraps = shared[start : start + WRAP_BATCH]
        report.wraps_up += int(client.post("/v1/wraps", {"wraps": wraps})["wraps"])
        memory.wraps.update(hub_memory.wrap_key(w) for w in wraps)


@dataclass(frozen=True, slots=True)
class Pulled:
    """What an exchange brought to pull: its first page and this user's wraps on the hub,
    held in memory until the checks that come before anything pulled is applied (``pull``)."""

    entries: list[org_ledger.OrgEntry]
    more: bool
    wraps: list[dict[str, Any]]
    #: asked with ``checks``: the devices whose history differs on the hub (``/v1/check``)
    #: and the newest checkpoint (``GET /v1/org/checkpoint``'s), as the hub answered them
    checked: bool = False
    changed: tuple[str, ...] = ()
    checkpoint: dict[str, Any] | None = None


def exchange(
    session: Session,
    client: HubClient,
    report: SyncReport,
    *,
    since: int | None,
    checks: list[dict[str, Any]] | None = None,
) -> Pulled | None:
    """The push and, with ``since``, the first page of the pull in one request
    (``POST /v1/sync``, hub/exchange.py): the new small blob files, the own entries and the
    wraps to share go up; the page after ``since`` and this user's wraps come back, returned
    unapplied. What does not fit goes first by the protocol 2 routes, keeping the hub's order
    (files, entries, wraps): the larger files (chunked), a backlog of more than
    ``PUSH_BATCH`` entries (then every file goes first, before any entry), the wraps over
    ``WRAP_BATCH`` (after it, as they follow their entries).

    With ``checks`` (the held digests, ``held_digests.held_digests``: the real sync) the
    answer also holds what ``/v1/check`` and ``GET /v1/org/checkpoint`` would: the page is held
    in memory, and ``pull`` applies none of it before it refused a changed history and checked
    the checkpoint against the pinned key and, by the consistency proof (still its own
    request, made only when the checkpoint is new), against the last one kept: proof first,
    with the same code as before and two requests fewer. The lean sync of the bench's people
    (bench/hubsim/actors.py) asks neither and pays the one request.

    A bad file refuses the whole request (``HubRefused``, nothing written on the hub); a
    refused push or wrap is in the report (``sync.hub_changed`` raised when the hub lost an
    entry of this device), and the page still comes."""
    folder = session.folder
    entries = _unplaced(session)
    cut = max(0, len(entries) - PUSH_BATCH)
    backlog, entries = entries[:cut], entries[cut:]
    local = _local_blobs(session, blob_hint.known(folder))
    riders = {} if backlog else _riders(local, _room_for_files(entries))
    report.blobs_up += _push_blobs(session, client, {p: local[p] for p in local if p not in riders})
    _push_batches(session, client, report, backlog)
    device = folder.store_id
    shared = _unsent_wraps(session, client)
    body: dict[str, Any] = {
        "device_id": device,
        "entries": [list(e) for e in entries],
        "files": [
            {
                "path": path,
                "digest": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "bytes": base64.b64encode(data).decode("ascii"),
            }
            for path, data in riders.items()
        ],
        "wraps": shared[:WRAP_BATCH],
    }
    if since is not None:
        body["since"] = since
    if checks is not None:
        body["checkpoint"] = True
        if checks:  # as ``/v1/check`` was asked only about a store holding entries
            body["devices"] = checks
    answer = client.post("/v1/sync", body)
    # each named now (a bad one refused them all); the chunked ones were remembered as sent
    blob_hint.remember(folder, riders)
    report.blobs_up += len(riders)
    if answer.get("push") is not None:
        _took(session, report, answer["push"])
    refused = answer.get("refused")
    if refused is not None:
        facts = {str(k): str(v) for k, v in dict(refused["facts"]).items()}
        status = int(refused.get("status", 409))
        _push_refused(session, report, HubRefused(str(refused["error"]), facts, status=status))
    else:
        report.wraps_up += int(answer["wraps_up"])
        memory = hub_memory.held(client.url, device)
        memory.wraps.update(hub_memory.wrap_key(w) for w in shared[:WRAP_BATCH])
        _push_wraps(session, client, report, shared[WRAP_BATCH:])
    if since is None:
        return None
    page = answer["page"]
    pulled = _org_entries(page)
    more = bool(page.get("more")) and bool(pulled)
    if checks is None:
        return Pulled(pulled, more, list(answer["wraps"]))
    changed = tuple(str(device) for device in answer.get("changed") or ())
    newest = answer.get("checkpoint")
    return Pulled(pulled, more, list(answer["wraps"]), True, changed, newest)


def _room_for_files(entries: list[ledger.Entry]) -> int:
    """The files' bytes an exchange carrying ``entries`` has room for: ``EXCHANGE_FILES``, less
    when the entries' JSON leaves less of ``EXCHANGE_BODY`` (base64 takes a third more), so
    that the body never meets the hub's cap (413 would hold the entries back at every sync)."""
    encoded = len(json.dumps([list(e) for e in entries], ensure_ascii=False).encode("utf-8"))
    return max(0, min(EXCHANGE_FILES, (EXCHANGE_BODY - encoded) * 3 // 4))


def _riders(local: dict[str, Path], room: int) -> dict[str, bytes]:
    """The files an exchange carries whole: each of at most ``SEND_WITHOUT_ASKING`` bytes,
    ``room`` bytes in all (the others go up in chunks, asked about first)."""
    riders: dict[str, bytes] = {}
    total = 0
    for path, file in local.items():
        if file.stat().st_size > SEND_WITHOUT_ASKING:
            continue
        data = file.read_bytes()
        if len(data) <= SEND_WITHOUT_ASKING and total + len(data) <= room:
            riders[path] = data
            total += len(data)
    return riders


def pages(
    client: HubClient, held: Pulled | None, since: int
) -> Iterator[list[org_ledger.OrgEntry]]:
    """The pages after ``since``: the exchange's page first when there is one (``held``), then
    those after it from ``/v1/entries``."""
    if held is None:
        yield from pull_history(client, since)
        return
    if held.entries:
        yield list(held.entries)
    if held.more:
        yield from pull_history(client, held.entries[-1].org_seq)


def pull(
    session: Session,
    client: HubClient,
    report: SyncReport,
    *,
    on_page: Callable[[int], object] | None = None,
    carried: carried_page.Applied | None = None,
    exchanged: Pulled | None = None,
) -> None:
    """Everything after the last organisation position held, then the blob files it needs;
    refused (nothing pulled) when the hub's history of what this store holds changed.
    ``carried``: the news' page already applied (``sync``), whose checkpoint, checked against
    the kept one before that page was applied, stands for the hub's newest here unless an
    exchange brought a newer one. With ``exchanged`` (an exchange's first page and wraps) those
    are applied, after the same checks, instead of being asked for.

    Each page (up to ``hub_protocol.EXCHANGE_PAGE`` entries) is checked whole, then applied in
    slices of ``APPLY_PAGE``, each in its own transaction (services/pulled_pages.py), and
    ``on_page`` is told a slice's size right after its commit: while laptops push their day,
    a sync pages through thousands of their entries, and a person's request or decision in an
    early slice is in the store (and shown by the app) before the slices after it are written.
    The checks that span the whole pull (the checkpoint's root, witnesses, gossip) still end
    the sync; a slice committed before one of them refuses is kept, as an interrupted sync
    keeps its pages."""
    if exchanged is not None and exchanged.checked:  # the exchange asked (``exchange``)
        changed: list[object] = list(exchanged.changed)
    else:
        held = held_digests.held_digests(session)  # extended from the last sync's
        changed = client.post("/v1/check", {"devices": held})["changed"] if held else []
    if changed:
        shown = ", ".join(str(device) for device in changed)
        raise RuleViolation("sync.hub_changed", _said("sync.hub_changed", devices=shown))
    # the hub's history must extend what it showed before (proof first, nothing pulled else)
    if exchanged is not None and exchanged.checked:
        checkpoint = org_checkpoints.newest_answered(session.folder, client, exchanged.checkpoint)
    elif carried is not None and carried.checkpoint is not None:
        checkpoint = carried.checkpoint
    else:
        checkpoint = org_checkpoints.newest_from_hub(session.folder, client)

    def counted(result: org_ledger.PullResult) -> None:
        _count_pulled(report, result, on_page)

    for page in pages(client, exchanged, org_history.last_org_seq(session.conn)):
        pulled_pages.apply(session, page, counted)  # checked whole, applied in slices
    if checkpoint is not None:  # and its root must be the one of the history now held
        org_checkpoints.confirm(session, checkpoint)
        report.org_checkpoint = checkpoint.stated.named()
        # the checkpoints kept unstamped before it: a bundle proves at a stamped one
        org_checkpoints.refresh_stamps(session, client, checkpoint)
        # where two devices' views meet: the other witnesses' cosigned checkpoints, then ours
        report.witnesses_checked = org_checkpoints.meet(session, client, checkpoint)
        # what gossip outside the hub brought and this device could not check alone
        report.gossip_checked = org_gossip.settle(session, client, checkpoint.stated)
        report.witnessed = org_checkpoints.cosign(session, client, checkpoint)
    report.blobs_down += _pull_blobs(session, client, report)  # what this store lacks
    report.wraps_down += _pull_wraps(
        session, client, None if exchanged is None else exchanged.wraps
    )
    # other devices' imports whose originals and case keys are now here: their messages
    rebuilt = rebuild.rebuild_imports(session)
    report.imports_rebuilt += rebuilt.rebuilt
    report.rebuild_refused += rebuilt.refused


def _count_pulled(
    report: SyncReport, result: org_ledger.PullResult, on_page: Callable[[int], object] | None
) -> None:
    """A committed page in the report, then told to ``on_page``."""
    report.pulled += result.entries
    report.receipts += result.receipts
    report.refused_own.extend(result.refused_own)
    if on_page is not None:
        on_page(result.entries)


def _pull_wraps(
    session: Session, client: HubClient, held: list[dict[str, Any]] | None = None
) -> int:
    """The case keys other devices wrapped for this user (``case_keys.shared_wraps`` keeps
    those that open), stored in one transaction under the writer lock; ``held`` are those an
    exchange brought (asked for otherwise)."""
    rows = client.get("/v1/wraps")["wraps"] if held is None else held
    wraps = case_keys.shared_wraps(session, rows)
    if not wraps:
        return 0
    conn = session.conn
    lock = WriterLock(
        session.folder.path, session.user.name, "pull", wait_seconds=session.lock_wait_seconds
    )
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            case_keys.store_wraps(wraps)(conn, 0)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(wraps)


def _rewrap(session: Session) -> bool:
    """Wrap the keys this user holds (cases, the organisation's handle index) for readers the
    pull brought who lack them (a user who joined on another device): one ``case.keys`` entry,
    pushed by the same sync. True when it wrote one."""
    if session.user.role not in authority.CASE_KEY_ROLES:
        return False  # an auditor holds no key and wraps none
    return case_keys.sync_wraps(session, "sync") is not None


# -- blob files ----------------------------------------------------------------------------------


def _local_blobs(session: Session, known: Set[str]) -> dict[str, Path]:
    """The store's sealed blob files the hub is not known to name, by their path under the
    store folder: the files its records name (``case_blobs``, and ``blobs.name`` of an
    original still under the store key: a store written before per-case keys) that are on its
    disk, less those of the blobs named in ``known`` (``blob_hint.known``). Found from the
    records, not by listing the blob folder: a sync listed every prefix and file of it (every
    file pulled too) to push nothing. A file no record names is no evidence (an orphan of a
    write that never committed) and stays. The names come out of SQLite as one text (names
    are hex digests) and are compared as names: read a row a name and turned into paths, they
    cost 9 ms per 10,000 files at every sync (a cost that grows with the organisation's day
    on every person's device), as one text about a third of that."""
    cursor = session.conn.cursor()
    cursor.row_factory = None
    (text,) = cursor.execute(
        "SELECT group_concat(name, ' ') FROM (SELECT name FROM case_blobs"
        " UNION ALL SELECT name FROM blobs WHERE name != '')"
    ).fetchone()
    found: dict[str, Path] = {}
    for name in sorted(set(str(text or "").split()) - known):
        if len(name) <= 2:
            continue
        path = blob_hint.path_of(name)
        file = session.folder.path / path
        if file.is_file():  # a pulled record's file not fetched yet, or a shredded one: none
            found[path] = file
    return found


def waiting_blobs(session: Session) -> dict[str, int]:
    """The blob files the next push sends (or asks the hub about), by path, with their sizes:
    :func:`_local_blobs` less the files this store knows the hub names, as a push starts. The
    app's sync status shows these (ui/sync_controller.py): the same records, no listing of
    the blob folder, and an orphan file no record names is never counted.

    The status asks at every change of state, on the UI thread, and the answer compares
    every recorded name with the hub hint (services/blob_hint.py: a line per file pushed or
    pulled, on legal's desktop every file of the organisation) and looks for every file left
    on disk. So the answer is kept per store and worked out again only when what it is made
    of changed (:func:`_waiting_key`: the hub file's size and time, the records' newest rows,
    the ledger's head); a push or a pull appends to the hub file, an import or a shredding
    writes records and an entry."""
    key = _waiting_key(session)
    held = _waiting.get(session.folder.path)
    if held is not None and held[0] == key:
        return dict(held[1])
    local = _local_blobs(session, blob_hint.known(session.folder))
    found = {path: file.stat().st_size for path, file in local.items()}
    _waiting[session.folder.path] = (key, found)
    return dict(found)


#: per store folder: the key :func:`waiting_blobs` last worked its answer out under, and it
_waiting: dict[Path, tuple[tuple[object, ...], dict[str, int]]] = {}


def _waiting_key(session: Session) -> tuple[object, ...]:
    """What :func:`waiting_blobs`' answer is made of, read cheaply: the hub file's inode,
    size and modification time (a push or a pull appends to it; it is not read), the newest
    rows of the blob records and of the ledger (an index's last entry each), and the number
    of shreddings (a few rows)."""
    try:
        hub_file: tuple[int, int, int] | None = identity(session.folder.path / blob_hint.FILE)
    except OSError:
        hub_file = None
    rows = session.conn.execute(
        "SELECT (SELECT max(rowid) FROM case_blobs), (SELECT max(rowid) FROM blobs),"
        " (SELECT max(seq) FROM ledger), (SELECT count(*) FROM shreddings)"
    ).fetchone()
    return (hub_file, *tuple(rows))


def _wanted_blobs(session: Session) -> list[str]:
    """The blob files the store's records name (its ``blobs`` and ``case_blobs`` rows, own and
    pulled) that are not on its disk, by path under the store folder — but never the files of
    a shredded case: a shredding deleted them, and the hub, which keeps every ciphertext it
    was given, must not bring them back (the copies under the case's key, and an original of
    a store not migrated whose file the shredding destroyed, named in its ``blobs``)."""
    conn = session.conn
    # other devices' shreddings extended from the last sync's (services/device_fold.py)
    destroyed = device_fold.folded(
        session.folder, conn, "action = 'case.shred'", (), set, _fold_destroyed, set
    )
    for (text,) in conn.execute("SELECT payload FROM ledger WHERE action = 'case.shred'"):
        _destroyed_by(destroyed, str(text))
    names = {
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM case_blobs WHERE case_no NOT IN (SELECT case_no FROM shreddings)"
        )
    }
    live = " ".join(  # a case not shredded still refers to the original through this file
        f"OR EXISTS (SELECT 1 FROM {table} t JOIN contacts c ON c.id = t.contact_id "
        "WHERE t.sha256 = b.sha256 AND c.case_no NOT IN (SELECT case_no FROM shreddings))"
        for table in ("items", "imports")
    )
    names.update(
        str(name)
        for name, sha256, kept in conn.execute(
            f"SELECT b.name, b.sha256, (0 {live}) FROM blobs b WHERE b.name != ''"
        )
        if str(sha256) not in destroyed or kept
    )
    paths = (f"blobs/{name[:2]}/{name[2:]}" for name in sorted(names) if len(name) > 2)
    return [path for path in paths if not (session.folder.path / path).exists()]


def _fold_destroyed(destroyed: set[str], row: device_fold.Row) -> None:
    _destroyed_by(destroyed, row.payload)


def _destroyed_by(destroyed: set[str], text: str) -> None:
    """The blob digests a ``case.shred`` entry destroyed."""
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        destroyed.update(str(sha256) for sha256 in json.loads(text).get("blobs", ()))


def _hub_blobs(client: HubClient, paths: list[str]) -> dict[str, dict[str, Any]]:
    """What the hub holds of these blob files (digest, chunks), asked by path in questions
    of ``BLOB_QUESTION``: a sync costs what this store lacks, not the organisation's size."""
    named: dict[str, dict[str, Any]] = {}
    for start in range(0, len(paths), BLOB_QUESTION):
        asked = paths[start : start + BLOB_QUESTION]
        for item in client.post("/v1/blob-files/lookup", {"paths": asked})["blobs"]:
            named[str(item["path"])] = item
    return named


def _named(client: HubClient, paths: list[str]) -> set[str]:
    """Which of these blob files of this store the hub names already: asked about these paths
    only (the push's cost grows with this store's files, not with the organisation's)."""
    named: set[str] = set()
    for start in range(0, len(paths), BLOB_QUESTION):
        asked = paths[start : start + BLOB_QUESTION]
        named.update(str(p) for p in client.post("/v1/blob-files/named", {"paths": asked})["named"])
    return named


def _push_blobs(session: Session, client: HubClient, local: dict[str, Path] | None = None) -> int:
    """The store's blob files the hub does not name yet (or those of ``local``): asked about
    only those this store does not already know the hub names (a sync with nothing new asks
    nothing; the question grew with every file pulled, i.e. with the organisation, for a
    legal desktop)."""
    if local is None:
        local = _local_blobs(session, blob_hint.known(session.folder))
    if not local:
        return 0
    named = _named(client, list(local))
    sent = 0
    for path, file in local.items():
        if path in named:
            continue
        data = file.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        chunks = max(1, -(-len(data) // CHUNK))
        asked = len(data) > SEND_WITHOUT_ASKING
        held = set(client.get(f"/v1/blobs/{digest}")["chunks"]) if asked else set()
        for index in range(chunks):
            if index not in held:
                part = data[index * CHUNK : (index + 1) * CHUNK]
                try:
                    client.put_bytes(f"/v1/blobs/{digest}/chunks/{index}", part)
                except HubRefused as refused:
                    # a complete blob whose chunks left PostgreSQL (an Object Lock store)
                    # refuses a chunk sent again: ask, and send nothing more of it
                    if asked or refused.rule != "hub.blob_chunk":
                        raise
                    if not client.get(f"/v1/blobs/{digest}")["complete"]:
                        raise
                    break
        client.post(
            f"/v1/blobs/{digest}/complete", {"size": len(data), "chunks": chunks, "path": path}
        )
        named.add(path)  # the hub names it now
        sent += 1
    blob_hint.remember(session.folder, local)  # each named now (a refusal raised)
    return sent


def _pull_blobs(session: Session, client: HubClient, report: SyncReport) -> int:
    """The blob files the store's records name and its disk lacks, one after the other, each
    checked against its digest; returns how many came.

    A write of this device's own comes first: once a file is in, an entry this device wrote
    since the fetching began (a supervisor's decision made while the day's files of the
    laptops come down, which can be hundreds of MB) ends the fetching. The files left are
    counted in ``report.blobs_left`` and fetched by the next sync, which pushes that entry
    first (the app syncs again at once when files are left: ui/sync_controller.py). Without
    this a decision waited for every file of the organisation's day before its push. One file
    at least comes at every sync, so a device that keeps writing still gets them all."""
    folder = session.folder
    fetched = 0
    wanted = _wanted_blobs(session)
    if not wanted:
        return 0
    found = _hub_blobs(client, wanted)
    head = db.ledger_size(session.conn)
    # a file the hub does not name yet (its device has not pushed it) is asked again next time
    for path, item in found.items():
        target = folder.path / path
        if target.exists():
            continue
        if fetched and db.ledger_size(session.conn) != head:
            report.blobs_left = sum(1 for p in found if not (folder.path / p).exists())
            break
        digest = str(item["digest"])
        data = b"".join(
            client.get_bytes(f"/v1/blobs/{digest}/chunks/{index}")
            for index in range(int(item["chunks"]))
        )
        if hashlib.sha256(data).hexdigest() != digest:
            raise BadInput(path, "", _said("sync.blob_digest", path=path, digest=digest))
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        fetched += 1
    blob_hint.remember(folder, found)
    return fetched
