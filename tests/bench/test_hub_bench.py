"""bench/hub.py at a toy size: its own PostgreSQL cluster and hub, two devices pushing at once,
one round trip. The bench must finish, count every entry the devices pushed, and end with the
JSON line bench/run_all.py collects (figures, the floors and targets), whatever this machine's
speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_desk_testing.postgres import missing_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_hub_bench_runs_at_a_toy_size() -> None:
    hint = missing_line()
    if hint is not None:
        pytest.fail(hint, pytrace=False)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hub.py"),
         "--devices", "2", "--entries", "300", "--rounds", "1"],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["bench"] == "hub"
    assert result["data"].startswith("300 entries from 2 devices; 1 round trips")
    figures = result["figures"]
    assert figures["ingest entries/s"] > 0 and figures["COPY floor entries/s"] > 0
    # the floors of acceptance measured in the same run, and the hub's CPU (Linux: /proc)
    assert figures["signature floor entries/s"] > 0 and figures["acceptance floor entries/s"] > 0
    assert figures["hub CPU us/entry"] > 0 or not Path("/proc/self/stat").exists()
    assert set(result["ratios"]) == {
        "ingest / COPY floor",
        "signature floor / COPY floor",
        "acceptance floor / COPY floor",
    }
    assert 0 < figures["round trip p50 s"] <= figures["round trip p99 s"]
    assert set(result["targets"]) == {
        "ingest entries/s",
        "ingest / COPY floor",
        "round trip p99 s",
    }


@pytest.mark.slow
def test_the_organisations_day_runs_at_the_quick_setting() -> None:
    """``bench/hub.py --setting quick``: 20 laptops enrol and push their entries and blobs at
    once while supervisors decide staff requests and legal devices pull. No error, every
    laptop's ledger and blob held by the hub as the laptop has it, and the figures and floors
    reported."""
    hint = missing_line()
    if hint is not None:
        pytest.fail(hint, pytrace=False)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hub.py"), "--setting", "quick",
         "--supervisors", "3"],
        capture_output=True, text=True, timeout=900, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert result["bench"] == "hub" and result["data"].startswith("quick: 20 laptops x 20")
    assert lines[0].startswith("hub: 1 worker process(es) (--hub-workers); setting quick")
    assert "3 supervisors" in lines[0]  # --supervisors: the people waiting for the hub's news
    # every answer to a person's wait for news counted (the hub's work for the people)
    assert any(line.startswith("  people's waits for news ") for line in lines)
    assert result["figures"]["hub workers"] == 1
    figures = result["figures"]
    assert figures["errors"] == 0 and figures["lost entries"] == 0
    assert figures["ingest entries/s"] > 0 and figures["ingest MB/s"] > 0
    assert figures["COPY floor entries/s"] > 0 and figures["disk floor MB/s"] > 0
    assert 0 < figures["push p50 s"] <= figures["push p99 s"]
    assert 0 < figures["round trip p50 s"] <= figures["round trip p99 s"]
    assert figures["database MB"] > 0 and figures["enrolment joins/s"] > 0
    assert figures["hub CPU s"] > 0 or not Path("/proc/self/stat").exists()
    assert set(result["ratios"]) == {
        "ingest / COPY floor",
        "ingest / disk floor",
        "arrival / device apply",
        "round trip during p99 / (k x gate ping p99)",
        "round trip during p50 / (k x gate ping p50)",
    }
    assert figures["device apply entries/s"] > 0 and figures["device paging entries/s"] > 0
    assert "round trip p99 s" in result["targets"]
    # the floor of the same run: the cheapest requests sent during the push (unsigned, through
    # the gate, a news answer carrying a person's page), the requests each round trip's chain
    # made (the two syncs that push the request and the decision: the pulls came with the
    # news) and its waits for news
    for kind in ("health", "gate", "news"):
        assert 0 < figures[f"{kind} ping p50 s"] <= figures[f"{kind} ping p99 s"]
    requests, waits = figures["requests per round trip"], figures["waits per round trip"]
    assert requests is None or requests >= 2  # two syncs at least, each a request or more
    assert (requests is None) is (waits is None) and (waits is None or waits >= 0)
    assert figures["laptop nice"] == 0  # the default: the laptops as this machine's peers
    if Path("/proc/stat").exists():  # who spent the machine's CPU over the day
        shares = [figures[f"CPU share {n}"] for n in ("hub", "PostgreSQL", "laptops", "people")]
        assert all(s >= 0 for s in shares) and figures["CPU share hub"] > 0
        assert sum(shares) + figures["CPU share others"] + figures["CPU share idle"] >= 0.9
