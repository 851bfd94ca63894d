"""bench/hubsim/hubproc.py: the hub's CPU counts every descendant (``hub serve --workers N``:
the workers are the hub's children, their judging workers its grandchildren)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.hubsim.hubproc import cpu_seconds, descendants


def _starting(code: str) -> str:
    """Python code that starts ``code`` in a child process sharing its stdout, then waits."""
    return (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', {code!r}], stdout=sys.stdout)\n"
        "time.sleep(60)"
    )


# about a second of CPU, said when done, then a wait
_BURN = (
    "import time\nend = time.process_time() + 1.0\nwhile time.process_time() < end: pass\n"
    "print('burnt', flush=True)\ntime.sleep(60)"
)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_cpu_seconds_counts_a_grandchild() -> None:
    # the hub, a worker, a judging worker: only the last one works
    top = subprocess.Popen(
        [sys.executable, "-c", _starting(_starting(_BURN))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert top.stdout is not None and top.stdout.readline().strip() == "burnt"
        below = descendants(top.pid)
        assert len(below) == 2  # the worker and, through it, the judging worker
        assert cpu_seconds(top.pid) >= 0.9  # the grandchild's second counted
    finally:
        for pid in descendants(top.pid):
            os.kill(pid, signal.SIGKILL)
        top.kill()
        top.wait()
