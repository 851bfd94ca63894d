"""``hub serve --workers N`` (hub/worker_group.py): real hub processes on a real PostgreSQL,
several workers on one port. Which worker holds a connection is read from Linux's /proc (the
worker's socket inodes against /proc/net/tcp), so the tests know that both served."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from evidence_desk.domain.errors import UsageError
from evidence_desk.hub import worker_group
from evidence_desk.services import cases, contacts, live, sync
from evidence_desk.services.hub_client import HubClient
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="reads which worker serves from Linux's /proc"
)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found.update(int(p) for p in (task / "children").read_text().split())
    except OSError:
        pass
    return found


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _hub_workers(hub: subprocess.Popen[bytes]) -> set[int]:
    """The hub's worker processes: its spawned children (not multiprocessing's resource
    tracker); each has judging workers of its own."""
    workers = set()
    for child in _children(hub.pid):
        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"spawn_main" in command:
            workers.add(child)
    return workers


def _established(pid: int, port: int) -> int:
    """Connections to ``port`` that process ``pid`` holds open (its socket inodes, matched
    against the kernel's TCP table)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01" and fields[9] in inodes:
                count += 1
    return count


def _wait_gone(pids: set[int], seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return {p for p in pids if _alive(p)}


def _started_workers(org: Org) -> set[int]:
    assert org.hub is not None
    deadline = time.monotonic() + 30
    while len(workers := _hub_workers(org.hub)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    return workers


def test_two_workers_serve_and_news_reaches_a_waiter_on_either(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url, "--workers", "2") as org:
        assert org.hub is not None
        workers = _started_workers(org)
        assert len(workers) == 2
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with org.login("alice") as alice:  # alice's work, pushed later by her sync
            cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
            contacts.request_contact(
                alice,
                case_no="2026-SH-1",
                channel="whatsapp",
                handle="+8613800000000",
                display_name="Chen Lixin",
                reason="the debtor asked to talk about repayment",
                consent=True,
                documents=supporting_documents(tmp_path / "docs"),
            )
        with org.login("sam") as sam:
            after = live.position(sam)
            bound = sync.binding(sam.folder)
            clients: list[HubClient] = []
            waiting = []
            pool = ThreadPoolExecutor(24)
            for _ in range(4):  # new connections until each worker holds a waiting one
                new = [sync.client_for(sam, bound) for _ in range(6)]
                clients += new
                waiting += [pool.submit(live.wait_for_news, c, after, 25) for c in new]
                time.sleep(1.5)
                held = {pid: _established(pid, org.port) for pid in workers}
                if all(held.values()):
                    break
        print("waiting connections per worker:", held)
        # a waiter on each worker: whichever worker takes alice's push, one on the other is
        # woken by that worker's NOTIFY
        assert all(held.values()), held
        assert not any(w.done() for w in waiting)
        code, _report, err = org.sync("alice")
        pushed = time.monotonic()
        assert code == 0, err
        for each in waiting:
            news = each.result(timeout=20)
            assert news.hub_seq > after and news.actions["contact.request"] == 1
        assert time.monotonic() - pushed < 5
        for client in clients:
            client.close()
        pool.shutdown()

        # SIGTERM: every worker stops gracefully (and its judging workers), the parent exits 0
        group = _descendants(org.hub.pid)
        assert workers <= group and len(group) > len(workers)  # judging workers too
        org.hub.send_signal(signal.SIGTERM)
        assert org.hub.wait(timeout=90) == 0
        assert _wait_gone(group) == set()
        org.hub = None


def test_a_worker_or_the_parent_killed_leaves_no_process(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url, "--workers", "2") as org:
        assert org.hub is not None
        workers = _started_workers(org)
        group = _descendants(org.hub.pid)
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        assert org.hub.wait(timeout=90) == 1
        assert _wait_gone(group) == set()

        # SIGINT (Ctrl-C) to the parent: as SIGTERM, every worker stopped gracefully, exit 0
        org.start()
        _started_workers(org)
        group = _descendants(org.hub.pid)
        org.hub.send_signal(signal.SIGINT)
        assert org.hub.wait(timeout=90) == 0
        assert _wait_gone(group) == set()

        # the parent killed: its workers see it gone and stop (their judging workers with them)
        org.start()
        _started_workers(org)
        group = _descendants(org.hub.pid)
        org.kill()
        assert _wait_gone(group) == set()


def test_worker_counts_the_group_cannot_serve_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    database = "postgresql://nobody@127.0.0.1:1/none"
    for listen, workers, says in (
        ("127.0.0.1:0", "2", "port 0"),
        ("127.0.0.1:8443", "0", "from 1 to 64"),
        ("127.0.0.1:8443", "65", "from 1 to 64"),
    ):
        code, _out, err = run("hub", "serve", "--db", database, "--listen", listen,
                              "--workers", workers)  # fmt: skip
        assert code == 2 and says in err, err
    # one worker on port 0 stays what it was: not HOST:PORT
    code, _out, err = run("hub", "serve", "--db", database, "--listen", "127.0.0.1:0")
    assert code == 2 and "not HOST:PORT" in err
    monkeypatch.delattr(socket, "SO_REUSEPORT")
    with pytest.raises(UsageError, match="SO_REUSEPORT"):
        worker_group.check("127.0.0.1:8443", 2)
    worker_group.check("127.0.0.1:8443", 1)  # one process needs no port sharing


def test_a_port_in_use_is_refused_before_any_worker_starts() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match="cannot listen there"):
            worker_group.listening_sockets("127.0.0.1", port, 2)
    free = worker_group.listening_sockets("127.0.0.1", 0, 1)[0]
    port = free.getsockname()[1]
    more = worker_group.listening_sockets("127.0.0.1", port, 2)  # the same port, shared
    assert {s.getsockname()[1] for s in more} == {port}
    for sock in (free, *more):
        sock.close()


def test_judging_pools_together_stay_about_the_cores() -> None:
    assert worker_group.judges_per_worker(1, cores=8) == 8
    assert worker_group.judges_per_worker(4, cores=8) == 2
    assert worker_group.judges_per_worker(3, cores=16) == 5
    assert worker_group.judges_per_worker(16, cores=8) == 1
