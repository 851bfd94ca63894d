"""The page that comes with the live news (``/v1/events?page=1``, hub/live.py), and the proof
that must hold before it is applied.

Why it exists: a round trip (staff request, supervisor decides, staff see it) was a chain of
sequential requests, and the pulls in it were asked by apps that were already waiting on the
hub's news. The answer to that wait now carries the first page after the position the app
holds, so the app shows the request or the decision without another request.

**Proof first stays true.** A sync never applies a pulled page before it has checked that the
hub's newest checkpoint extends the one this store confirmed before
(``org_checkpoints.newest_from_hub``). Of the two ways to keep that for a carried page, this
one checks, it does not merely hold: the news answer also carries the newest checkpoint and the
RFC 9162 consistency proof from the size the app stated it confirmed (``&from=SIZE``), and
:func:`apply` checks them with the same client code (``org_checkpoints.newest_carried``, which
shares ``_extension`` with ``newest_from_hub``) before it writes anything. Holding the page for
the next sync instead would still cost that sync its checkpoint, proof and held-digest requests
before the decision shows, which is the chain this removes. Whatever does not check out (no
pinned key yet, a proof from another size, a key rotated since the pin, a forking hub) leaves
the page unapplied: :func:`apply` returns None and the sync pulls as it always did, through
its own checks, which then refuse a forking hub (``HubForked``, exit 1) before it pulls.

**A page as large as the exchange's, applied in slices.** The app asks for a carried page of
``hub_protocol.EXCHANGE_PAGE`` entries (``&limit=``), as its pulls do, and it is applied in
slices of 1,000, each its own transaction (services/pulled_pages.py), where it was one. That
keeps "nothing applied unless the checkpoint and its proof pass": both are checked, and the
receipts of the whole page, before the first slice is written; what a slice commits is a prefix
of the hub's history that the checked checkpoint extends, exactly what a pull's first page of
1,000 would have committed. A slice the rules refuse writes nothing of itself and ends the sync
with the refusal, the slices before it kept, as the pages before a refused page always were.

After the carried page, the sync runs its checks as before: the held-digest question (the
hub's copy of the entries this store holds, carried page included, unchanged), the rest of the
pages, and the checkpoint's root recomputed from this store's copies (``confirm``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain.errors import HubForked
from evidence_desk.integrity import ledger
from evidence_desk.services import org_checkpoints, org_history, org_ledger, pulled_pages
from evidence_desk.services.checkpoint_log import Seen, seen
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder


@dataclass(frozen=True, slots=True)
class CarriedPage:
    """The first page after ``after`` as the news answer carried it (what ``GET
    /v1/entries?since=AFTER`` gives), with the checkpoint and consistency answer as the hub
    sent them (checked only by :func:`apply`)."""

    after: int
    entries: tuple[org_ledger.OrgEntry, ...]
    more: bool
    checkpoint: Any = None
    consistency: Any = None


@dataclass(frozen=True, slots=True)
class Applied:
    """A carried page applied after its proof: what ``org_ledger.apply_pull`` did (its
    slices' sums), and the checkpoint it was checked against (None when neither the hub nor
    this store has one)."""

    result: org_ledger.PullResult
    checkpoint: Seen | None


def confirmed_size(folder: StoreFolder) -> int | None:
    """The size of the newest checkpoint this store kept (what to ask the proof from)."""
    kept = seen(folder)
    return kept[-1].stated.size if kept else None


def entries_of(items: Any) -> tuple[org_ledger.OrgEntry, ...]:
    """A page's ``entries`` as the pull reads them (``sync.pull_history``)."""
    return tuple(
        org_ledger.OrgEntry(
            str(item["device_id"]),
            ledger.Entry(*item["entry"]),
            int(item["hub_seq"]),
            str(item.get("verdict") or ""),
            item.get("pre_org") is True,
        )
        for item in items
    )


def read(answer: dict[str, Any], after: int) -> CarriedPage | None:
    """The page a news answer carries (None: it carries none). KeyError, TypeError or
    ValueError when it is not a page."""
    page = answer.get("page")
    if page is None:
        return None
    return CarriedPage(
        after,
        entries_of(page["entries"]),
        page.get("more") is True,
        answer.get("checkpoint"),
        answer.get("consistency"),
    )


def apply(
    session: Session,
    page: CarriedPage,
    on_slice: Callable[[org_ledger.PullResult], object] = lambda _result: None,
) -> Applied | None:
    """Apply ``page`` once its checkpoint proves the hub's history extends the one this store
    confirmed (module docstring); None, having written nothing, when it does not or when the
    store is no longer at the page's position (a sync ran meanwhile). A page that checks out
    is then applied as a pulled one (services/pulled_pages.py: receipts checked for the whole
    page, then ``apply_pull``'s replay slice by slice, each told to ``on_slice``)."""
    if page.after != org_history.last_org_seq(session.conn) or not page.entries:
        return None
    checkpoint: Seen | None = None
    if page.checkpoint is not None:
        try:
            checkpoint = org_checkpoints.newest_carried(
                session.folder, page.checkpoint, page.consistency
            )
        except HubForked:
            return None  # not applied: the sync's own checks decide (and refuse a fork)
    elif seen(session.folder):
        return None  # a hub that showed a checkpoint shows none now: the sync decides
    done: list[org_ledger.PullResult] = []

    def applied(result: org_ledger.PullResult) -> None:
        done.append(result)
        on_slice(result)

    pulled_pages.apply(session, list(page.entries), applied)
    total = org_ledger.PullResult(
        sum(r.entries for r in done),
        sum(r.receipts for r in done),
        tuple(seq for r in done for seq in r.refused_own),
    )
    return Applied(total, checkpoint)
