"""A store's history from before it joined the organisation, judged on its own and merged.

A store made before its company ran a hub joins with its whole ledger (docs/ARCHITECTURE.md,
"Joining with an existing store"): entries 1..N are its *pre-organisation history*, founded by
its own ``store.init``; entry N+1 is the joining user's ``device.join`` carrying
``pre_org: {size, head, cases}``. The organisation judges that history exactly as the store's
own verify did: the rule table over a State of that device's ledger alone, starting empty
(:class:`Solo`). At the join, the record tables of that solo State (cases, contacts, items,
blobs, imports, tags, review, retention, PIPL records: never users, invitations, settings or
time-stamp configuration, which stay the device's local history) enter the organisation's
State in one step (:func:`merge`), refused on any row the organisation holds
(``join.case_taken``, ``join.blob_taken``, ``join.row_taken``); the join itself must name the
keys the solo history holds for its user (``join.keys_differ``) and describe that history
(``join.pre_org``).

One function set, run by every judge of the organisation's order: the hub's acceptance of
``/v1/join`` and its cached state (hub/), verify's replay and a pull (services/verify.py,
services/org_ledger.py) and a bundle's users (services/bundle_org.py). :class:`Histories`
tells, entry by entry, which device's solo replay an entry belongs to: a device whose first
entry is ``store.init`` and which is not the founding device (the first ``store.init`` in the
organisation's order), up to its join. Chains, hashes and signatures stay each caller's
(domain/ holds no cryptography): a pre-organisation entry is signed under the key its own
solo replay holds for its writer (:meth:`Solo.signer`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from evidence_desk.domain import authority
from evidence_desk.domain.authority import PreOrgJoin, Violation
from evidence_desk.domain.wording import Catalogue

_said = Catalogue(
    {
        "pre_org.case_taken": "case {case} of the joining store's history is a case of the "
        "organisation already",
        "pre_org.blob_taken": "the file {key} of the joining store's history ({table}) is on "
        "record in the organisation already",
        "pre_org.row_taken": "{table} row {key} of the joining store's history is a row of the "
        "organisation already",
        "pre_org.keys_differ": "the join names keys for {user} other than the ones the store's "
        "history holds for them: a join cannot put fresh keys behind a name with history",
        "pre_org.not_a_user": "{user} is not an active user of the joining store's history",
        "pre_org.size": "the join says the store's history is {said} entries ending at {head}, "
        "but it is {size} entries",
        "pre_org.cases": "the join lists cases {said}, but the store's history created {cases}",
        "pre_org.no_history": "the join describes a history that its device does not have "
        "(the device's first entry is not its own store.init)",
        "pre_org.malformed": "the join's description of the store's history is malformed",
        "pre_org.broken": "the store's history breaks the rule table (entry {seq}: {rule}): "
        "the join is refused",
    }
)

#: the tables of a joining store's history that enter the organisation's state at its join;
#: the rest (users, invitations, settings, time-stamp authorities) stays the device's own
RECORD_TABLES: tuple[str, ...] = tuple(
    table
    for table in authority.TABLE_KEYS
    if table not in ("users", "invites", "settings", "tsa_authorities")
)
#: tables whose rows are files: a conflict there is ``join.blob_taken``
_FILE_TABLES = ("blobs", "case_blobs")

Tables = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def is_join_with_history(action: str, payload: object) -> bool:
    """The entry is a ``device.join`` of a store bringing its history."""
    return action == "device.join" and isinstance(payload, dict) and "pre_org" in payload


class Solo:
    """One device's history before its join, replayed by the rule table on its own: a State
    of that ledger alone, starting empty, whose own ``store.init`` and ``user.add`` entries
    introduce its keys. Entries that break a rule are recorded and not applied."""

    def __init__(self, device: str, index: Callable[[str], str] | None = None) -> None:
        self.device = device
        self.state = authority.ReplayedTables(
            authority.empty_tables(), complete=True, index=index, device=device
        )
        self.keys: dict[str, str] = {}  # user -> public key, as of the last entry judged
        self.size = 0
        self.head = ""
        self.broken: list[tuple[int, Violation]] = []

    def signer(self, seq: int, actor: str, action: str, payload: object) -> str | None:
        """The key that must have signed the entry: its own for the device's ``store.init``,
        else the one the solo history holds for the writer."""
        if seq == 1 and action == "store.init":
            return _introduced(payload, actor)
        return self.keys.get(actor)

    def judge(
        self, seq: int, at: str, actor: str, action: str, payload: object, entry_hash: str
    ) -> list[Violation]:
        """Judge the next entry of the history against the solo State; apply it if it keeps
        the rules."""
        violations = authority.check(self.state, seq, at, actor, action, payload)
        if violations:
            self.broken.extend((seq, v) for v in violations)
        else:
            self.take(payload)
        self.size, self.head = seq, entry_hash
        return violations

    def take(self, payload: object) -> None:
        """Apply an entry already judged (the hub replaying what it accepted)."""
        if not isinstance(payload, dict):
            return
        self.state.apply(payload)
        for change in payload.get("rows", ()):
            row = change.get("row") if isinstance(change, dict) else None
            if change.get("table") == "users" and isinstance(row, dict) and "public_key" in row:
                self.keys[str(row.get("name"))] = str(row["public_key"])

    def advance(self, seq: int, entry_hash: str) -> None:
        """Count an entry taken without judging (:meth:`take`)."""
        self.size, self.head = seq, entry_hash

    @property
    def cases(self) -> list[str]:
        return sorted(str(key[0]) for key in self.state.tables["cases"])

    @property
    def contacts(self) -> frozenset[str]:
        return frozenset(str(key[0]) for key in self.state.tables["contacts"])


def _introduced(payload: object, actor: str) -> str | None:
    rows = payload.get("rows", ()) if isinstance(payload, dict) else ()
    for change in rows if isinstance(rows, list) else ():
        row = change.get("row") if isinstance(change, dict) else None
        if change.get("table") == "users" and isinstance(row, dict) and row.get("name") == actor:
            key = row.get("public_key")
            return key if isinstance(key, str) else None
    return None


def join_violations(
    org: authority.State, solo: Solo | None, seq: int, actor: str, payload: Mapping[str, Any]
) -> list[Violation]:
    """What a ``device.join`` with its history breaks beyond today's join rules (which
    ``authority.check`` judges): the history it describes is the one replayed (size, head,
    cases), unbroken; its user is an active user of that history, enrolled with the keys the
    history holds for them; and nothing the history brings is held by the organisation."""
    if solo is None:
        return [Violation("join.pre_org", _said("pre_org.no_history"))]
    history = payload.get("pre_org")
    if (
        not isinstance(history, dict)
        or type(history.get("size")) is not int
        or type(history.get("head")) is not str
        or not isinstance(history.get("cases"), list)
    ):
        return [Violation("join.pre_org", _said("pre_org.malformed"))]
    found: list[Violation] = []
    if solo.broken:
        first_seq, first = solo.broken[0]
        found.append(Violation(first.rule, _said("pre_org.broken", seq=first_seq, rule=first.rule)))
    if history["size"] != solo.size or history["head"] != solo.head or seq != solo.size + 1:
        found.append(
            Violation(
                "join.pre_org",
                _said("pre_org.size", said=history["size"], head=history["head"], size=solo.size),
            )
        )
    said_cases = sorted(str(c) for c in history["cases"])
    if said_cases != solo.cases:
        found.append(
            Violation(
                "join.pre_org",
                _said("pre_org.cases", said=", ".join(said_cases), cases=", ".join(solo.cases)),
            )
        )
    user = solo.state.row("users", actor)
    if user is None or not user.get("active"):
        found.append(Violation("join.not_a_user", _said("pre_org.not_a_user", user=actor)))
    elif (user.get("public_key"), user.get("wrap_key")) != (
        payload.get("public_key"),
        payload.get("wrap_key"),
    ):
        found.append(Violation("join.keys_differ", _said("pre_org.keys_differ", user=actor)))
    found.extend(conflicts(org, solo))
    return found


def conflicts(org: authority.State, solo: Solo) -> Iterable[Violation]:
    """Every row the history brings that the organisation holds already (by primary key)."""
    for table in RECORD_TABLES:
        for (key,) in solo.state.tables[table]:
            if org.row(table, key) is None:
                continue
            if table == "cases":
                yield Violation("join.case_taken", _said("pre_org.case_taken", case=key))
            elif table in _FILE_TABLES:
                yield Violation(
                    "join.blob_taken", _said("pre_org.blob_taken", table=table, key=key)
                )
            else:
                yield Violation("join.row_taken", _said("pre_org.row_taken", table=table, key=key))


def merge(tables: Tables, solo: Solo) -> None:
    """The history's record rows into the organisation's ``tables`` (at the join)."""
    for table in RECORD_TABLES:
        target = tables[table]
        for key, row in solo.state.tables[table].items():
            target[key] = dict(row)


def joined(solo: Solo, seq: int, actor: str) -> PreOrgJoin:
    """What the device's ``handle.reindex`` is judged by (``State.pre_org_join``)."""
    return PreOrgJoin(seq, actor, solo.contacts)


def contacts_of(payloads: Iterable[object]) -> frozenset[str]:
    """The contacts a history's entries put (a device's ``pre_org_join`` read from its
    stored entries, where no solo replay is at hand)."""
    found: set[str] = set()
    for payload in payloads:
        rows = payload.get("rows", ()) if isinstance(payload, dict) else ()
        for change in rows if isinstance(rows, list) else ():
            row = change.get("row") if isinstance(change, dict) else None
            if change.get("table") == "contacts" and isinstance(row, dict) and "id" in row:
                found.add(str(row["id"]))
    return frozenset(found)


class Histories:
    """Which entries of the organisation's order are a device's history before its join.

    Fed every entry in the organisation's order: the first ``store.init`` founds the
    organisation; a later device whose first entry is ``store.init`` is replayed on its own
    (:meth:`solo_of` gives its :class:`Solo`) until its ``device.join`` with its history,
    which :meth:`join` judges and merges."""

    def __init__(self, index: Callable[[str], str] | None = None) -> None:
        self._index = index
        self.founded = False
        self._solos: dict[str, Solo] = {}

    def solo_of(
        self, device: str, seq: int, action: str, payload: object, *, marked: bool
    ) -> Solo | None:
        """The solo replay the entry belongs to, None when it is the organisation's.
        ``marked``: the hub placed the entry as pre-organisation history (a ``store.init``
        not so marked, after the founding one, is judged in the organisation's State, where
        it breaks ``authority.store_init``)."""
        if seq == 1 and action == "store.init":
            if not self.founded or not marked:
                self.founded = True
                return None
            fresh = self._solos[device] = Solo(device, self._index)
            return fresh
        solo = self._solos.get(device)
        if solo is None or is_join_with_history(action, payload):
            return None
        return solo

    def pending_histories(self) -> list[tuple[str, Solo]]:
        """Every history not followed by its join (yet), by device."""
        return sorted(self._solos.items())

    def pending(self, device: str) -> Solo | None:
        """The device's history not joined yet (None: none, or joined)."""
        return self._solos.get(device)

    def join(
        self,
        org: authority.ReplayedTables,
        device: str,
        seq: int,
        actor: str,
        payload: Mapping[str, Any],
        *,
        accepted: bool,
        also: Tables | None = None,
    ) -> list[Violation]:
        """Judge a ``device.join`` with its history against ``org`` (the organisation's
        State before it); when it breaks nothing here and was ``accepted`` otherwise (the
        rule table's join rules, the hub's verdict), merge the history's record rows into
        ``org`` (and into ``also``, the replay's untrusted twin) and record the join for its
        ``handle.reindex``: the history is then done with."""
        solo = self._solos.get(device)
        found = join_violations(org, solo, seq, actor, payload)
        if accepted and not found and solo is not None:
            merge(org.tables, solo)
            if also is not None and also is not org.tables:
                merge(also, solo)
            org.joins[device] = joined(solo, seq, actor)
            del self._solos[device]
        return found
