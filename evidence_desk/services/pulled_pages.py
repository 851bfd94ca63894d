"""A pulled page applied: checked whole, then written in slices of ``APPLY_PAGE`` entries.

A page comes from ``/v1/entries``, from the exchange (``POST /v1/sync``) or with the live news
(services/carried_page.py), and holds up to ``hub_protocol.EXCHANGE_PAGE`` entries: while
laptops push their day, a person's sync paged past their entries 1,000 per request, in chains
of 70-74 requests (docs/benchmarks.md, issue 20), so the app now asks for pages as large as the
exchange's. Writing one in a single transaction would hold the store's writer lock for all of
it and show a decision early in the page only once the last entry is in, so each slice is its
own transaction (``org_ledger.apply_pull``), told to ``on_slice`` once committed.

What must hold before anything of the page is written is checked for the whole page first: the
hub placed this device's own entries as its receipts state (``hub_receipts.check_page``). The
checkpoint and its consistency proof are checked by the caller before the page (proof first);
a slice the rules refuse writes nothing of itself, and the slices committed before it are kept,
as the pages before a refused page always were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from evidence_desk.services import hub_receipts, org_ledger
from evidence_desk.services.session import Session

#: entries applied per transaction (``/v1/entries``' page of protocol 2)
APPLY_PAGE: Final = 1000


def slices(page: Sequence[org_ledger.OrgEntry]) -> list[Sequence[org_ledger.OrgEntry]]:
    """``page`` in slices of ``APPLY_PAGE`` entries, in order."""
    return [page[start : start + APPLY_PAGE] for start in range(0, len(page), APPLY_PAGE)]


def apply(
    session: Session,
    page: Sequence[org_ledger.OrgEntry],
    on_slice: Callable[[org_ledger.PullResult], object],
) -> None:
    """Check ``page`` whole, then apply it slice by slice, each told to ``on_slice`` once
    committed (module docstring). ``RuleViolation`` when the check or a slice is refused."""
    hub_receipts.check_page(session, page)  # the hub placed what it receipted as receipted
    for part in slices(page):
        on_slice(org_ledger.apply_pull(session, part))
