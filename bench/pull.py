#!/usr/bin/env python3
"""A person's pull after they wrote something: what one new entry of another device costs.

A device that wrote offline has own entries the hub has not placed yet; another device's
entry placed before them used to send the pull into the whole replay of the organisation's
history (every entry's rules and signature), so a supervisor's sync after a decision, or a
staff member's after a request, cost seconds at 100,000 entries. The pull now rewinds the own
work (services/unplaced.py), applies the new entry step by step and puts the work on top
(services/pull_in_step.py).

No hub and no network: two real stores, the organisation's order kept in a list (as
tests/services/test_org_ledger.py does). Store A (root, admin) writes ``--entries`` signed
``settings.set`` entries (the hub bench's laptop day), store B (alice, staff, joined with an
invitation) pulls them in pages of 1000. Then, ``--repeat`` times each, in alternating rounds:

- **baseline**: A writes one entry; B, with no own work unplaced, pulls it (step by step);
- **under own work**: B opens a case (not pushed); A writes one entry; B pulls it (rewound);
- **whole replay**: the same, with B's record of its work removed first, as a store written
  before this release has none: the pull replays the whole history (the old path).

Best of each counts (every round printed). Ratios: under own work / baseline (near 1: the
write costs the pull nothing more) and whole replay / under own work (what each such sync
cost before). The last line is one JSON object for bench/run_all.py.

    python bench/pull.py [--entries 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_desk.domain.models import Role
from evidence_desk.services import cases, org_ledger
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.services.session import Session, Write, put
from evidence_desk.store.keys import KdfParams

KDF = KdfParams(n=2**10)
PASSWORD = "bench-password"
PAGE = 1000


@dataclass
class Order:
    """The organisation's acceptance order: a push appends, a pull hands over the rest."""

    log: list[OrgEntry] = field(default_factory=list)
    pulled: dict[str, int] = field(default_factory=dict)

    def push(self, session: Session) -> None:
        device = session.folder.store_id
        sent = max((e.entry.seq for e in self.log if e.device_id == device), default=0)
        for entry in org_ledger.own_entries(session, since=sent + 1):
            self.log.append(OrgEntry(device, entry, len(self.log) + 1))

    def pull(self, session: Session) -> float:
        """Hand over the rest in pages; the seconds ``apply_pull`` took."""
        device = session.folder.store_id
        rest = self.log[self.pulled.get(device, 0) :]
        started = time.perf_counter()
        for start in range(0, len(rest), PAGE):
            org_ledger.apply_pull(session, rest[start : start + PAGE])
        self.pulled[device] = len(self.log)
        return time.perf_counter() - started


def settings_writes(first: int, count: int) -> list[Write]:
    return [
        Write(
            "settings.set",
            {"key": "organisation", "before": f"Organisation {n - 1}"},
            [put("settings", {"key": "organisation", "value": f"Organisation {n}"})],
        )
        for n in range(first, first + count)
    ]


def build(work: Path, entries: int) -> tuple[Order, Session, Session, float]:
    order = Order()
    root = Session.create_store(work / "a", "root", PASSWORD, kdf=KDF)
    invitation = org_ledger.invite_user(root, "alice", Role.STAFF)
    order.push(root)
    order.pull(root)
    alice = org_ledger.join(
        work / "b", "alice", PASSWORD, invitation.code, list(order.log), kdf=KDF
    )
    order.pulled[alice.folder.store_id] = len(order.log)
    order.push(alice)
    order.pull(alice)
    order.pull(root)
    for start in range(0, entries, PAGE):
        root.write_many(settings_writes(start, min(PAGE, entries - start)), operation="bench")
    order.push(root)
    order.pull(root)
    caught_up = order.pull(alice)
    return order, root, alice, caught_up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000, help="entries in the organisation")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each; the best counts")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-pull-"))
    try:
        started = time.perf_counter()
        order, root, alice, caught_up = build(work, args.entries)
        built = time.perf_counter() - started
        print(
            f"organisation: {len(order.log)} entries (built in {built:.1f} s); the staff "
            f"device paged them in {caught_up:.2f} s ({args.entries / caught_up:,.0f} entries/s)"
        )
        cases_opened = 0

        def one_foreign() -> None:
            root.write_many(settings_writes(10**6 + len(order.log), 1), operation="bench")
            order.push(root)
            order.pull(root)

        def own_work() -> None:
            nonlocal cases_opened
            cases_opened += 1
            cases.create_case(alice, f"2026-B-{cases_opened}", debtor_name="李四")

        def settle() -> None:  # B's work pushed and placed: the next round starts clean
            order.push(alice)
            order.pull(alice)
            order.pull(root)

        def forget_record() -> None:
            alice.conn.execute("DELETE FROM unplaced_entries")
            alice.conn.execute("DELETE FROM unplaced_changes")

        rounds: dict[str, list[float]] = {"baseline": [], "under own work": [], "whole replay": []}
        steps: dict[str, Callable[[], None]] = {
            "baseline": lambda: None,
            "under own work": own_work,
            "whole replay": lambda: (own_work(), forget_record())[0],
        }
        for _ in range(args.repeat):
            for name, before in steps.items():
                before()
                one_foreign()
                rounds[name].append(order.pull(alice))
                settle()
        for name, times in rounds.items():
            print(f"{name:15} " + " ".join(f"{t * 1000:.1f}" for t in times) + " ms")
        best = {name: min(times) for name, times in rounds.items()}
        over_base = best["under own work"] / best["baseline"]
        before_now = best["whole replay"] / best["under own work"]
        print(
            f"best: baseline {best['baseline'] * 1000:.1f} ms, under own work "
            f"{best['under own work'] * 1000:.1f} ms, whole replay "
            f"{best['whole replay'] * 1000:.1f} ms"
        )
        print(f"ratio under own work / baseline: {over_base:.2f}x")
        print(f"ratio whole replay (the old path) / under own work: {before_now:.1f}x")
        root.close()
        alice.close()
        print(
            json.dumps(
                {
                    "bench": "pull",
                    "data": f"{len(order.log)} entries in the organisation",
                    "figures": {f"{k} ms": round(v * 1000, 1) for k, v in best.items()},
                    "ratios": {
                        "under own work / baseline": round(over_base, 2),
                        "whole replay / under own work": round(before_now, 1),
                    },
                    "targets": {},
                    "ok": True,
                }
            )
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
