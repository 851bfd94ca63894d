"""bench/sync_cost.py at a toy size: its own PostgreSQL cluster and hub, a few laptops' entries,
a supervisor's quiet syncs and syncs with two new entries. It must finish and end with the
JSON line bench/run_all.py collects: each kind's wall, CPU, requests and floor in the same
run, whatever this machine's speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_desk_testing.postgres import missing_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sync_cost_bench_runs_at_a_toy_size() -> None:
    hint = missing_line()
    if hint is not None:
        pytest.fail(hint, pytrace=False)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sync_cost.py"),
         "--devices", "3", "--entries", "10", "--repeat", "1"],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["bench"] == "sync_cost"
    figures = result["figures"]
    # a quiet sync's requests (tests/hub/test_sync_requests.py), and one more for the proof
    # that the new checkpoint extends the last one
    assert figures["quiet requests"] == 3 and figures["2 new requests"] == 4
    for kind in ("quiet", "2 new"):
        assert figures[f"{kind} wall"] > 0 and figures[f"{kind} floor"] > 0
    # and ``POST /v1/check`` alone against the same floor (hub/held_cache.py keeps its cost to
    # the devices asked)
    assert figures["check"] > 0 and figures["check floor"] > 0
    assert set(result["ratios"]) == {"quiet sync / floor", "2 new sync / floor", "check / floor"}
