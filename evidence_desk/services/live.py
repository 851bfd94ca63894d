"""Waiting for the hub's news, and how long to wait before trying an unreachable hub again.

Qt-free, so that the desktop app's sync controller (ui/sync_controller.py) and the benchmark's
round trip share it. :func:`wait_for_news` is one long-poll of the hub's ``/v1/events``
(hub/live.py): it returns at once when the hub holds entries after ``after``, else when a push
commits one, else after ``timeout`` seconds with nothing new. :class:`Backoff` is the retry
policy while the hub cannot be reached: 1 s, doubling to a cap, with jitter so that 500
laptops coming back after a hub restart do not all knock at the same second.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from evidence_desk.domain import hub_protocol
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import carried_page, org_history
from evidence_desk.services.carried_page import CarriedPage
from evidence_desk.services.hub_client import HubClient, HubRefused, HubUnreachable
from evidence_desk.services.session import Session

#: seconds the hub holds a request at most (hub/live.py MAX_WAIT)
MAX_WAIT: Final = 25

#: actions that change what a supervisor's approval queue or a staff member's contact shows
CONTACT_ACTIONS: Final = frozenset(
    {"contact.request", "contact.approve", "contact.reject", "contact.revoke"}
)


_said = Catalogue({"live.not_news": "the answer of {url} to a wait for news is not the hub's"})


@dataclass(frozen=True, slots=True)
class News:
    """The hub's answer: its newest position and, per action, how many entries came after
    the position asked about (empty when nothing came); ``page``, when asked for and there is
    news, the first page after that position with its proof (services/carried_page.py)."""

    hub_seq: int
    actions: dict[str, int] = field(default_factory=dict)
    page: CarriedPage | None = None

    @property
    def fresh(self) -> bool:
        return bool(self.actions)

    def about_contacts(self) -> bool:
        """True when requests or decisions came: the approval queue and contacts change."""
        return any(action in CONTACT_ACTIONS for action in self.actions)


def wait_for_news(
    client: HubClient,
    after: int,
    timeout: int = MAX_WAIT,
    *,
    page: bool = False,
    confirmed: int | None = None,
) -> News:
    """One long-poll: the hub's news after ``after`` (waiting up to ``timeout`` seconds);
    HubUnreachable when it does not answer, HubRefused when it refuses (a deactivated user).
    With ``page``, news comes with the first page after ``after`` and the newest checkpoint
    with the consistency proof from the ``confirmed`` size (``carried_page.confirmed_size``),
    for ``sync.sync(first_page=...)`` to check and apply without fetching it again."""
    wait = max(0, min(int(timeout), MAX_WAIT))
    after = max(0, int(after))
    query = f"/v1/events?after={after}&wait={wait}"
    if page:
        # as large as a pull's page (a hub of an earlier release carries 1,000: ``more``)
        query += f"&page=1&limit={hub_protocol.EXCHANGE_PAGE}"
        query += "" if confirmed is None else f"&from={max(0, int(confirmed))}"
    answer = client.get(query)
    try:
        actions = {str(name): int(count) for name, count in dict(answer["actions"]).items()}
        carried = carried_page.read(answer, after) if page else None
        return News(int(answer["hub_seq"]), actions, carried)
    except (KeyError, TypeError, ValueError):
        raise HubUnreachable(_said("live.not_news", url=client.url)) from None


def position(session: Session) -> int:
    """The newest organisation position this store holds (what to ask news after)."""
    return org_history.last_org_seq(session.conn)


class Backoff:
    """Delays between attempts to reach a hub that does not answer: ``first`` seconds,
    doubling up to ``cap``, each drawn within ±``jitter`` of its value; :meth:`reset` after
    a success starts again at ``first``."""

    def __init__(
        self,
        first: float = 1.0,
        cap: float = 60.0,
        jitter: float = 0.2,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if first <= 0 or cap < first or not 0 <= jitter < 1:
            raise ValueError("Backoff(first > 0, cap >= first, 0 <= jitter < 1)")
        self.first = first
        self.cap = cap
        self.jitter = jitter
        self._rand = rand
        self._failures = 0

    @property
    def failures(self) -> int:
        """Attempts that failed since the last success."""
        return self._failures

    def next_delay(self) -> float:
        """Seconds to wait before the next attempt, counting this failure."""
        base: float = min(self.cap, self.first * float(1 << min(self._failures, 32)))
        self._failures += 1
        spread = base * self.jitter
        return max(0.0, base - spread + 2 * spread * self._rand())

    def reset(self) -> None:
        self._failures = 0


# -- what waits and what was refused (the app's sync status) --------------------------------------


@dataclass(frozen=True, slots=True)
class RefusedEntry:
    """An own entry the hub kept in this device's chain but refused: its seq, the rule, and the
    refusal as the hub's client words it (``sync.sync`` does the same for the CLI)."""

    seq: int
    action: str
    rule: str
    refusal: HubRefused
    #: for ``hub.decided``: the decision that stands, from the store (None until it is pulled)
    standing: StandingDecision | None = None


@dataclass(frozen=True, slots=True)
class StandingDecision:
    """The decision on a contact request that stands: the first the hub accepted, own or
    pulled. ``device`` is its device's full id, ``at`` the instant its entry was written."""

    contact: str
    by: str
    action: str
    device: str
    at: str


def waiting_entries(session: Session) -> int:
    """Own entries the hub has not placed yet (what the next push sends)."""
    row = session.conn.execute(
        "SELECT count(*) FROM ledger WHERE seq > (SELECT coalesce(max(seq), 0) FROM org_positions)"
    ).fetchone()
    return int(row[0])


def refused_entries(
    session: Session, named: Mapping[int, HubRefused] | None = None
) -> list[RefusedEntry]:
    """The own entries the hub refused, oldest first, each with its rule; ``named`` holds
    refusals as a push's answer named them (by seq, with every fact: who decided first), which
    the store's verdict alone does not keep."""
    rows = session.conn.execute(_REFUSED + "ORDER BY p.seq").fetchall()
    return [_refused_entry(session, row, named or {}) for row in rows]


def refused_entry(session: Session, seq: int) -> RefusedEntry | None:
    """The own entry ``seq`` if the hub refused it, its refusal rebuilt from the store with the
    facts the hub's answer named (for ``hub.decided``: the contact, and who decided first, how
    and on which device, from the pulled entries): what ``sync.sync`` reports when a push's
    answer was lost and the pull brought the verdict. None when the hub accepted it."""
    row = session.conn.execute(_REFUSED + "AND p.seq = ?", (seq,)).fetchone()
    return None if row is None else _refused_entry(session, row, {})


#: the own entries the hub refused: seq, verdict, action and the contact a decision decides
_REFUSED: Final = (
    "SELECT p.seq, p.verdict, l.action, CASE WHEN json_valid(l.payload) "
    "THEN json_extract(l.payload, '$.contact_id') END "
    "FROM org_positions p JOIN ledger l USING (seq) WHERE p.verdict != '' "
)


def _refused_entry(
    session: Session, row: Sequence[Any], named: Mapping[int, HubRefused]
) -> RefusedEntry:
    """One row of :data:`_REFUSED` as a refused entry, its refusal worded with the facts the
    hub named (``named``'s when the push's answer is at hand)."""
    seq, verdict, action, decided = row
    rule = str(verdict)
    facts = {"device": session.folder.store_id, "seq": str(seq)}
    shown = rule
    if not rule.startswith("hub."):  # a record rule of the rule table
        facts.update(action=str(action), violated=rule)
        shown = "hub.rule"
    standing = None
    if rule == "hub.decided":  # the push's answer named who decided first: read again
        contact = "" if decided is None else str(decided)
        standing = standing_decision(session, contact) if contact else None
        facts.update(_decided_facts(contact, standing))
    refusal = named.get(int(seq)) or HubRefused(shown, facts, status=409)
    return RefusedEntry(int(seq), str(action), rule, refusal, standing)


def refused_decisions(session: Session, contact: str) -> list[RefusedEntry]:
    """This device's decisions on ``contact`` the hub refused because another decision came
    first (the contact page and the approval queue say so), each with the decision that
    stands; from the store's records, so they are shown after a restart too. The own refused
    entries are looked at first (a few rows): the decision that stands is read only when one
    of them decides this contact."""
    rows = session.conn.execute(
        "SELECT p.seq, l.action FROM org_positions p JOIN ledger l USING (seq) "
        "WHERE p.verdict = 'hub.decided' AND json_extract(l.payload, '$.contact_id') = ? "
        "ORDER BY p.seq",
        (contact,),
    ).fetchall()
    standing = standing_decision(session, contact) if rows else None
    if standing is None:
        return []
    device = session.folder.store_id
    found = []
    for seq, action in rows:
        facts = {"device": device, "seq": str(seq), **_decided_facts(contact, standing)}
        refusal = HubRefused("hub.decided", facts, status=409)
        found.append(RefusedEntry(int(seq), str(action), "hub.decided", refusal, standing))
    return found


#: the decisions on a contact request, the first accepted of which stands (hub/repository.py)
_DECISIONS: Final = ("contact.approve", "contact.reject")


def _decided_facts(contact: str, standing: StandingDecision | None) -> dict[str, str]:
    """What the hub named when it refused an own decision as ``hub.decided``, read from the
    store once the push's answer is gone (the app restarted): the contact it decides, and the
    decision that stands. Without these facts the refusal was worded as its bare code and
    facts."""
    if not contact:
        return {}
    if standing is None:
        return {"contact": contact}
    return {
        "contact": contact,
        "by": standing.by,
        "action": standing.action,
        "first_device": standing.device,
    }


def standing_decision(session: Session, contact: str) -> StandingDecision | None:
    """The decision on ``contact`` that stands: the first accepted one in the organisation's
    order, own or pulled; None while the store holds none."""
    decisions = ", ".join("?" * len(_DECISIONS))
    first = session.conn.execute(
        "SELECT actor, action, device, at FROM ("
        f" SELECT actor, action, device_id AS device, at, org_seq FROM device_entries"
        f" WHERE verdict = '' AND action IN ({decisions})"
        "  AND json_extract(payload, '$.contact_id') = ?"
        " UNION ALL"
        " SELECT l.actor, l.action, ? AS device, l.at, p.org_seq FROM ledger l"
        " JOIN org_positions p USING (seq)"
        f" WHERE p.verdict = '' AND l.action IN ({decisions})"
        "  AND json_extract(l.payload, '$.contact_id') = ?"
        ") ORDER BY org_seq LIMIT 1",
        (*_DECISIONS, contact, session.folder.store_id, *_DECISIONS, contact),
    ).fetchone()
    if first is None:
        return None
    by, action, device, at = (str(value) for value in first)
    return StandingDecision(contact, by, action, device, at)
