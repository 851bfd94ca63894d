"""Crashes and concurrent use of one store: nothing half-done is ever visible or counted.

- a ``kill -9`` in the middle of sealing many originals leaves at most orphan files (warnings),
  never a row: the attach is all or nothing, and the store keeps working;
- a second writer gets ``StoreBusy`` naming who holds the lock and what they are doing, and
  succeeds once the first is gone;
- readers (``verify``) see a consistent snapshot while a writer appends;
- a write that fails inside its transaction leaves the ledger, checkpoints, tables and the head
  in ``store.json`` exactly as they were.

Other processes are real subprocesses running this checkout (``sys.executable``, PYTHONPATH set
to the repository root); every one is killed in a ``finally`` and every wait is bounded.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from evidence_desk.domain.errors import StoreBusy
from evidence_desk.services import cases, contacts
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store.schema import PROJECTED_TABLES
from tests.helpers import Team

REPO_ROOT = Path(__file__).resolve().parents[2]
CASE_NO = "2026-SZ-0101"
WARNINGS_AFTER_A_CRASH = {"blob.orphan", "blob.partial"}


# -- subprocess plumbing ---------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_DESK_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.update(extra)
    return env


class Child:
    """A subprocess whose stdout lines are collected by a thread (so waits can be bounded)."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr_text = ""
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        threading.Thread(target=self._pump_stderr, daemon=True).start()

    def _pump_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def _pump_stderr(self) -> None:
        assert self.proc.stderr is not None
        self.stderr_text = self.proc.stderr.read()

    def wait_for_line(self, expected: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"child did not print {expected!r} within {timeout} s")
            try:
                line = self.lines.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    time.sleep(0.05)  # let the stderr pump finish
                    raise AssertionError(
                        f"child exited ({self.proc.returncode}) before printing {expected!r}: "
                        f"{self.stderr_text}"
                    ) from None
                continue
            if line == expected:
                return

    def finish(self, timeout: float = 20.0) -> int:
        """Close stdin (the child's cue to finish) and wait, bounded."""
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                with suppress(OSError):
                    stream.close()


@contextmanager
def child(args: list[str], cwd: Path, **env: str) -> Iterator[Child]:
    process = Child(args, cwd, _env(**env))
    try:
        yield process
    finally:
        process.kill()


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def _cli(store: Path, user: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "evidence_desk", "--store", str(store), "--user", user, *args]


# -- store state -----------------------------------------------------------------------------------


def _verify(team: Team, user: str = "lee") -> VerifyReport:
    session = team.login(user)
    try:
        return verify_store(session)
    finally:
        session.close()


def _describe(report: VerifyReport) -> str:
    return "\n".join(f"  {f.severity} {f.code} @ {f.location}: {f.detail}" for f in report.findings)


def _assert_intact(report: VerifyReport) -> None:
    assert report.intact, "verify found errors:\n" + _describe(report)


def _state(session: Session) -> dict[str, Any]:
    """Everything a write could change: ledger, checkpoints, Merkle state, tables, head."""
    conn = session.conn
    tables = {
        table: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}"))
        for table in PROJECTED_TABLES
    }
    session.folder.reload()
    return {
        "ledger": [tuple(r) for r in conn.execute("SELECT * FROM ledger ORDER BY seq")],
        "checkpoints": [tuple(r) for r in conn.execute("SELECT * FROM checkpoints ORDER BY size")],
        "merkle_state": [tuple(r) for r in conn.execute("SELECT * FROM merkle_state")],
        "tables": tables,
        "head": session.folder.head(),
        "store.json": (session.folder.path / "store.json").read_bytes(),
    }


@dataclass
class Approved:
    team: Team
    contact_id: str
    base_entries: int
    base_items: int


@pytest.fixture
def approved(team: Team, tmp_path: Path) -> Approved:
    """A case and a contact requested by alice (with two documents) and approved by sam."""
    docs = tmp_path / "request-docs"
    docs.mkdir()
    (docs / "id.jpg").write_bytes(b"\xff\xd8 identity " + os.urandom(1000))
    (docs / "debt.pdf").write_bytes(b"%PDF debt confirmation " + os.urandom(1000))
    alice = team.login("alice")
    cases.create_case(alice, CASE_NO, debtor_name="李建国", amount_overdue="12000")
    contact = contacts.request_contact(
        alice,
        case_no=CASE_NO,
        channel="wechat",
        handle="wxid_lijianguo",
        display_name="李建国",
        reason="debtor added us to agree a repayment plan",
        consent=True,
        documents=[("identity_proof", docs / "id.jpg"), ("debt_confirmation", docs / "debt.pdf")],
    )
    contacts.approve(team.login("sam"), contact.id, "identity checked")
    entries = _verify(team).entries
    items = len(contacts.contact_items(alice, contact.id))
    team.close_all()
    return Approved(team, contact.id, entries, items)


# -- kill -9 while sealing -------------------------------------------------------------------------

FILE_COUNT = 40


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """40 files of 2-4 MB random data (shared: the tests only read them)."""
    folder = tmp_path_factory.mktemp("big-files")
    files = []
    for index in range(FILE_COUNT):
        path = folder / f"export-{index:02d}.bin"
        path.write_bytes(os.urandom((2 + index % 3) * 1024 * 1024 - index))
        files.append(path)
    return files


def _blob_files(blob_root: Path) -> set[str]:
    names = set()
    if blob_root.exists():
        for prefix in blob_root.iterdir():
            if prefix.is_dir() and len(prefix.name) == 2:
                names.update(prefix.name + f.name for f in prefix.iterdir())
    return names


# kill once the first new blob file exists, half-way, or once all are sealed (the transaction
# may then be running or even done: the outcome must still be all or nothing)
@pytest.mark.parametrize("kill_after", [1, FILE_COUNT // 2, FILE_COUNT], ids=lambda n: f"{n}-blobs")
def test_kill_during_attach_leaves_nothing_but_orphans(
    approved: Approved, big_files: list[Path], tmp_path: Path, kill_after: int
) -> None:
    team = approved.team
    blob_root = team.path / "blobs"
    before = _blob_files(blob_root)
    args = _cli(team.path, "alice", "contact", "attach", approved.contact_id)
    args += [str(p) for p in big_files]
    killed_while_running = False
    with child(args, tmp_path, EVIDENCE_DESK_PASSWORD=team.passwords["alice"]) as attach:
        deadline = time.monotonic() + 30
        while len(_blob_files(blob_root) - before) < kill_after:
            assert attach.proc.poll() is None or kill_after == FILE_COUNT, (
                f"attach ended ({attach.proc.returncode}) before {kill_after} blobs were "
                f"sealed: {attach.stderr_text}"
            )
            if attach.proc.poll() is not None:
                break
            assert time.monotonic() < deadline, "no progress sealing blobs within 30 s"
            time.sleep(0.005)
        killed_while_running = attach.proc.poll() is None
        attach.kill()
    if kill_after < FILE_COUNT:
        assert killed_while_running

    report = _verify(team)
    _assert_intact(report)
    assert all(f.severity == "warning" for f in report.findings)
    leftovers = [f for f in report.findings if f.code in WARNINGS_AFTER_A_CRASH]

    alice = team.login("alice")
    items = contacts.contact_items(alice, approved.contact_id)
    committed = report.entries - approved.base_entries
    assert committed in (0, 1)  # all or nothing
    if committed:
        assert len(items) == approved.base_items + FILE_COUNT
        assert leftovers == []
    else:
        assert len(items) == approved.base_items
        assert report.blobs == approved.base_items  # orphans never count as evidence
        orphans = [f for f in leftovers if f.code == "blob.orphan"]
        assert len(orphans) == len(_blob_files(blob_root) - before), _describe(report)

    # the store keeps working: re-attach one of the killed files (its orphan is adopted) and a
    # new one; everything verifies
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("after the crash", encoding="utf-8")
    added = contacts.attach_documents(alice, approved.contact_id, [big_files[0], fresh])
    assert {i.file_name for i in added} == {big_files[0].name, "fresh.txt"}
    after = _verify(team)
    _assert_intact(after)
    assert after.entries == report.entries + 1
    assert after.blobs == report.blobs + (1 if committed else 2)


# -- two writers -----------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, threading
from pathlib import Path
from evidence_desk.store.lock import WriterLock
lock = WriterLock(Path(sys.argv[1]), "sam", "import")
lock.acquire()
print("locked", flush=True)
waiter = threading.Thread(target=sys.stdin.readline, daemon=True)
waiter.start()
waiter.join(10)  # hold until told (stdin closed), at most 10 s
lock.release()
print("released", flush=True)
"""


def test_second_writer_is_told_who_holds_the_lock_and_succeeds_after(
    approved: Approved, tmp_path: Path
) -> None:
    team = approved.team
    alice = team.login("alice")
    alice.lock_wait_seconds = 0.5
    before = _state(alice)
    with child(_python(HOLD_LOCK, str(team.path)), tmp_path) as holder:
        holder.wait_for_line("locked")
        started = time.monotonic()
        with pytest.raises(StoreBusy) as busy:
            cases.create_case(alice, "2026-SZ-0102", debtor_name="张伟")
        waited = time.monotonic() - started
        assert "store is busy" in busy.value.message
        assert "sam is running import" in busy.value.message
        assert "(pid " in busy.value.message
        assert 0.5 <= waited < 2.5  # the session's own wait, not the default 3 s
        assert _state(alice) == before
        assert holder.finish() == 0
        holder.wait_for_line("released")
    case = cases.create_case(alice, "2026-SZ-0102", debtor_name="张伟")
    assert case.created_by == "alice"
    _assert_intact(_verify(team))


def test_cli_write_while_store_is_busy_exits_1_naming_the_holder(
    approved: Approved, tmp_path: Path
) -> None:
    team = approved.team
    with child(_python(HOLD_LOCK, str(team.path)), tmp_path) as holder:
        holder.wait_for_line("locked")
        result = subprocess.run(
            _cli(team.path, "alice", "case", "add", "2026-SZ-0103", "--debtor", "王芳"),
            cwd=tmp_path,
            env=_env(EVIDENCE_DESK_PASSWORD=team.passwords["alice"]),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert holder.finish() == 0
    assert result.returncode == 1, result.stderr
    assert "error [busy]: store is busy: sam is running import" in result.stderr
    assert "Traceback" not in result.stderr
    report = _verify(team)
    _assert_intact(report)
    assert report.entries == approved.base_entries  # nothing was written


# -- readers during writes -------------------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from evidence_desk.services import cases
from evidence_desk.services.session import Session
store, password, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with Session.open(store, "alice", password) as session:
    print("ready", flush=True)
    sys.stdin.readline()
    for index in range(count):
        cases.create_case(session, f"2026-BULK-{index:03d}", debtor_name=f"debtor {index}")
        time.sleep(0.01)  # leave readers a moment between commits
print("done", flush=True)
"""


def test_readers_see_a_consistent_snapshot_while_a_writer_appends(
    approved: Approved, tmp_path: Path
) -> None:
    team = approved.team
    count = 30
    seen: list[int] = []
    long_lived = team.login("lee")
    with child(
        _python(WRITER, str(team.path), team.passwords["alice"], str(count)), tmp_path
    ) as writer:
        writer.wait_for_line("ready")
        assert writer.proc.stdin is not None
        writer.proc.stdin.write("go\n")
        writer.proc.stdin.flush()
        deadline = time.monotonic() + 60
        while writer.proc.poll() is None:
            assert time.monotonic() < deadline, "writer did not finish within 60 s"
            # alternate a fresh login (store.json read first, then the database) with a session
            # that stays open across the writer's commits
            report = _verify(team) if len(seen) % 2 == 0 else verify_store(long_lived)
            _assert_intact(report)
            seen.append(report.entries)
        assert writer.proc.wait(timeout=10) == 0, writer.stderr_text
    final = _verify(team)
    _assert_intact(final)
    assert final.entries == approved.base_entries + count
    assert seen == sorted(seen)  # no reader ever saw the ledger go backwards
    assert any(approved.base_entries < n < approved.base_entries + count for n in seen), (
        f"no verify ran while the writer was half-way (saw {seen})"
    )


def test_a_write_committed_while_verify_runs_is_not_mistaken_for_truncation(
    approved: Approved,
) -> None:
    """verify reads the head in store.json before its snapshot: a write that commits (and moves
    the head) while verify is still checking must not make the head look ahead of the ledger."""
    team = approved.team
    alice = team.login("alice")
    written: list[int] = []

    def write_meanwhile(stage: str, _done: int, _total: int) -> None:
        if stage == "ledger" and not written:  # every entry read, the head not yet checked
            cases.create_case(alice, "2026-SZ-0777", debtor_name="周杰")
            written.append(1)

    report = verify_store(team.login("lee"), progress=write_meanwhile)
    assert written
    _assert_intact(report)
    assert report.entries == approved.base_entries  # its snapshot, without the new entry
    assert _verify(team).entries == approved.base_entries + 1


def test_a_sibling_session_writes_from_another_thread_and_closes_on_its_own(team: Team) -> None:
    """The desktop app's background jobs each work on a sibling: the same user and keys on a
    connection of its own (SQLite connections stay on their thread). What it writes is the
    user's, the original session sees it, and closing the sibling leaves the original open."""
    alice = team.login("alice")
    outcome: queue.Queue[object] = queue.Queue()

    def work() -> None:
        try:
            with alice.sibling() as own:
                outcome.put((own.conn is alice.conn, own.user, own.data_key == alice.data_key))
                outcome.put(cases.create_case(own, "2026-SZ-0303", debtor_name="王芳"))
        except BaseException as error:  # reported to the test, not lost in the thread
            outcome.put(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert outcome.get_nowait() == (False, alice.user, True)
    created = outcome.get_nowait()
    assert isinstance(created, cases.Case)
    assert not alice.closed
    assert cases.get_case(alice, "2026-SZ-0303").debtor_name == "王芳"
    actor = alice.conn.execute("SELECT actor FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert actor["actor"] == "alice"
    _assert_intact(_verify(team))


# -- a failing write leaves nothing ----------------------------------------------------------------


def _boom(_conn: Any, _seq: int) -> None:
    raise RuntimeError("failure inside the transaction")


@pytest.mark.parametrize("failure", ["extra raises", "bad row after a good one"])
def test_failing_write_leaves_ledger_tables_and_head_unchanged(
    approved: Approved, failure: str
) -> None:
    team = approved.team
    alice = team.login("alice")
    row = {
        "case_no": "2026-SZ-0199",
        "debtor_name": "赵敏",
        "debtor_id_number": "",
        "loan_ref": "",
        "product": "other",
        "amount_overdue": "1.00",
        "overdue_since": "",
        "status": "open",
        "created_by": "alice",
        "created_at": alice.now(),
    }
    before = _state(alice)
    if failure == "extra raises":
        with pytest.raises(RuntimeError, match="inside the transaction"):
            alice.write(
                "case.create", {"case_no": row["case_no"]}, [put("cases", row)], extra=_boom
            )
    else:
        # rows the rule table accepts, the second of which the database refuses (NOT NULL)
        sam = team.login("sam")
        good = {**row, "case_no": "2026-SZ-0198", "created_by": "sam"}
        bad = {**good, "case_no": "2026-SZ-0197", "debtor_name": None}
        with pytest.raises(sqlcipher3.IntegrityError):
            sam.write(
                "case.import",
                {"file_name": "cases.csv", "encoding": "utf-8", "count": 2},
                [put("cases", good), put("cases", bad)],
            )
    assert _state(alice) == before
    assert not (team.path / "lock.owner").exists()  # the lock was released
    _assert_intact(_verify(team))
    # the next write takes the next sequence number as if nothing had happened
    entry = alice.write("case.create", {"case_no": row["case_no"]}, [put("cases", row)])
    assert entry.seq == approved.base_entries + 1
    _assert_intact(_verify(team))
