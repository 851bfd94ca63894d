"""Time-stamp a demo store with a throw-away local TSA (a checkout's launcher, never the product).

    python -m evidence_desk_testing.demo_tsa STORE

``python3 tasks.py app`` runs this after ``evidence-desk demo``, so that the demo opened from a
checkout shows stamped checkpoints. The TSA lives only while this runs: later stamps find it gone
and queue, which is what an offline laptop sees. Its name says it is untrusted. A store that
already has an authority configured is left as it is, so running this again changes nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from evidence_desk.services import timestamps
from evidence_desk.services.demo import DEMO_USERS
from evidence_desk.services.session import Session
from evidence_desk_testing.local_tsa import LocalTsa, make_test_pki

DEMO_TSA_NAME = "demo-local-tsa (untrusted, for demonstration only)"


def stamp_demo_store(path: Path) -> timestamps.StampOutcome | None:
    """Configure the local TSA as the demo admin and stamp; None if a TSA was configured before."""
    admin_password = DEMO_USERS["admin"][1]
    with tempfile.TemporaryDirectory() as tmp, Session.open(path, "admin", admin_password) as admin:
        if timestamps.list_authorities(admin):
            return None
        pki = make_test_pki(Path(tmp))
        with LocalTsa(pki, include_chain=True) as tsa:
            timestamps.add_authority(
                admin,
                DEMO_TSA_NAME,
                tsa.url,
                pki.root_pem.read_text("ascii"),
                pki.intermediates_pem.read_text("ascii"),
                timeout_seconds=2,
            )
            return timestamps.stamp(admin)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evidence_desk_testing.demo_tsa")
    parser.add_argument("store", type=Path, help="a demo store (evidence-desk demo)")
    args = parser.parse_args(argv)
    outcome = stamp_demo_store(args.store)
    if outcome is None:
        print(f"{args.store}: a time-stamp authority is configured already")
    elif outcome.stamped:
        print(f"{args.store}: checkpoint {outcome.checkpoint_size} stamped by the local demo TSA")
    else:
        failed = f"{args.store}: the local demo TSA did not stamp: {outcome.attempts}"
        print(failed, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
