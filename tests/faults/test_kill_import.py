"""kill -9 of an importing process at 20 random points: the store always verifies and holds all
or nothing of that import.

The importing process is a real subprocess running this checkout: it logs in, parses a
WhatsApp export of several thousand messages, seals the original, and commits the messages, the
import row and one signed ledger entry. A reference run measures how long that takes here; the
20 kill points are then drawn at random, one in each twentieth of 1.15 x that time (stratified,
so that every phase is hit: start-up, parsing, sealing, storing, and just after the commit). The
seed is printed so that a failure can be replayed (FAULT_SEED=...).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.faults.support import WARNINGS_AFTER_A_CRASH, child_env, describe
from tests.helpers import Team, approved_contact

KILLS = 20
MESSAGES = 2500

IMPORTER = """
import sys
from pathlib import Path
from evidence_desk.services import importing
from evidence_desk.services.session import Session
store, password, contact, export = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
session = Session.open(store, "alice", password)
session.lock_wait_seconds = 30
print("phase open", flush=True)
def progress(percent, what):
    print("phase", what.split()[0], flush=True)
importing.import_files(session, contact, [export], tz="Asia/Shanghai", progress=progress)
print("phase committed", flush=True)
"""


def _export(folder: Path, run: int) -> Path:
    """A WhatsApp Android export whose every message is unique to this run (no merging)."""
    rng = random.Random(run)
    lines = []
    for i in range(MESSAGES):
        sender = "Li Ming" if i % 3 == 0 else "Chen Lixin"
        day, minute = 1 + (i // 1440) % 28, i % 1440
        words = " ".join(rng.choice(("还款", "明天", "transfer", "好的", "OK")) for _ in range(6))
        lines.append(
            f"{day:02d}/02/2026, {minute // 60:02d}:{minute % 60:02d} - {sender}: "
            f"run {run} message {i} {words}"
        )
    path = folder / f"WhatsApp Chat with Chen Lixin {run}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(team: Team) -> tuple[int, int, int, int]:
    """(ledger entries, messages, imports, sealed originals) as the database holds them."""
    with Session.open(team.path, "lee", team.passwords["lee"]) as lee:
        conn = lee.conn
        return (
            conn.execute("SELECT count(*) FROM ledger").fetchone()[0],
            conn.execute("SELECT count(*) FROM messages").fetchone()[0],
            conn.execute("SELECT count(*) FROM imports").fetchone()[0],
            conn.execute("SELECT count(*) FROM blobs").fetchone()[0],
        )


def _start(team: Team, contact_id: str, export: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            IMPORTER,
            str(team.path),
            team.passwords["alice"],
            contact_id,
            str(export),
        ],
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_kill_9_at_20_random_points_leaves_all_or_nothing(team: Team, tmp_path: Path) -> None:
    _staff, contact_id = approved_contact(team, tmp_path)
    team.close_all()
    seed = int(os.environ.get("FAULT_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)

    # reference run: how long a whole import takes on this machine, and what it adds
    before = _counts(team)
    started = time.monotonic()
    reference = _start(team, contact_id, _export(tmp_path, 0))
    out, err = reference.communicate(timeout=120)
    duration = time.monotonic() - started
    assert reference.returncode == 0, err
    assert "phase committed" in out
    after = _counts(team)
    assert after[1] - before[1] == MESSAGES
    full = tuple(a - b for a, b in zip(after, before, strict=True))  # one import's footprint
    assert full[0] == 1 and full[2] == 1 and full[3] == 1

    outcomes: list[str] = []
    for kill in range(KILLS):
        delay = duration * 1.15 * (kill + rng.random()) / KILLS
        export = _export(tmp_path, kill + 1)
        state = _counts(team)
        process = _start(team, contact_id, export)
        try:
            time.sleep(delay)
            process.kill()  # SIGKILL: no cleanup, no finally, no atexit
            out, _err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        # the kill may cut the last line: with PYTHONUNBUFFERED each piece of a print is a
        # write of its own, so "phase" can arrive without its word
        said = [line.split() for line in out.splitlines()]
        phases = [words[1] for words in said if len(words) > 1 and words[0] == "phase"]
        context = (
            f"seed {seed}, kill {kill} after {delay:.2f} s "
            f"(reference {duration:.2f} s), last phase {phases[-1] if phases else 'start-up'}"
        )
        with Session.open(team.path, "lee", team.passwords["lee"]) as lee:
            report = verify_store(lee)
        assert report.intact, f"{context}: verify found errors:\n{describe(report)}"
        unexpected = {f.code for f in report.findings} - WARNINGS_AFTER_A_CRASH
        assert not unexpected, f"{context}:\n{describe(report)}"
        now = _counts(team)
        added = tuple(n - s for n, s in zip(now, state, strict=True))
        assert added in ((0, 0, 0, 0), full), f"{context}: partial import {added} (full {full})"
        outcomes.append(f"{'all ' if added == full else 'none'} @ {phases[-1:] or ['start']}")

    # the store keeps working after twenty crashes: a new import commits and verifies
    state = _counts(team)
    final = _start(team, contact_id, _export(tmp_path, KILLS + 1))
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    assert tuple(n - s for n, s in zip(_counts(team), state, strict=True)) == full
    with Session.open(team.path, "lee", team.passwords["lee"]) as lee:
        report = verify_store(lee)
    assert report.intact, describe(report)
    print(f"seed {seed}; reference import {duration:.2f} s; outcomes: {outcomes}")
