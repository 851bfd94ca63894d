"""Judging pushes in the hub server's worker processes (hub/judging.py): the same answers as
judging in the request's thread, a pool that cannot take work still answers, and no worker
outlives ``hub serve`` (stopped by SIGTERM or SIGINT, or even killed)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_desk.domain.hub_refusals import Refusal, Refused
from evidence_desk.hub import acceptance
from evidence_desk.hub.acceptance import DeviceHead
from evidence_desk.hub.judging import JudgePool
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger
from tests.hub.conftest import HubDatabase
from tests.hub.devices import Device, enrol, make_device, repository
from tests.hub.org_cli import organisation
from tests.hub.test_push import _tampered

CASES = ["payload", "entry_hash", "prev", "signature", "not_object", "malformed", "seq"]


@pytest.fixture(scope="module")
def device(tmp_path_factory: pytest.TempPathFactory) -> Device:
    return make_device(tmp_path_factory.mktemp("device"), with_contact=True)


@pytest.fixture(scope="module")
def pool() -> Iterator[JudgePool]:
    with JudgePool(2, inline=0) as judges:  # every batch to a worker, however small
        yield judges


def _users(device: Device, *, inactive: str = "", unknown: str = "") -> dict[str, HubUser]:
    return {
        name: HubUser(name, role, key, name != inactive)
        for name, (role, key, _wrap) in device.users.items()
        if name != unknown
    }


def _both(
    pool: JudgePool, device: Device, entries: list[ledger.Entry], users: dict[str, HubUser]
) -> tuple[object, object]:
    head = DeviceHead.genesis(device.store_id)
    asked: list[str] = []

    def look_up(name: str) -> HubUser | None:
        asked.append(name)
        return users.get(name)

    here = acceptance.judge(device.store_id, head, entries, users.get)
    there = pool.judge(device.store_id, head, entries, look_up)
    assert len(asked) == len(set(asked))  # each user looked up once, in the caller's thread
    return here, there


def test_a_worker_accepts_what_the_request_thread_accepts(pool: JudgePool, device: Device) -> None:
    here, there = _both(pool, device, list(device.entries), _users(device))
    assert isinstance(there, DeviceHead) and there == here
    assert there.size == len(device.entries)


@pytest.mark.parametrize("case", CASES)
def test_a_worker_refuses_a_tampered_entry_by_the_same_rule(
    pool: JudgePool, device: Device, case: str
) -> None:
    entries, rule, seq = _tampered(device, case)
    here, there = _both(pool, device, entries, _users(device))
    assert there == here
    assert isinstance(there, Refusal)
    assert (there.rule, there.facts()["seq"]) == (rule, str(seq))


def test_a_worker_refuses_unknown_and_inactive_users_as_the_thread_does(
    pool: JudgePool, device: Device
) -> None:
    for users in (_users(device, unknown="sam"), _users(device, inactive="alice")):
        here, there = _both(pool, device, list(device.entries), users)
        assert isinstance(there, Refusal) and there == here
    # an actor that is no text refuses as malformed: nobody is looked up for it
    entries = [device.entries[0]._replace(actor=["root"])]  # type: ignore[arg-type]
    here, there = _both(pool, device, entries, _users(device))
    assert isinstance(there, Refusal) and there == here
    assert there.rule == "hub.malformed"


def test_a_pool_that_lost_its_workers_still_judges(device: Device) -> None:
    users = _users(device)
    head = DeviceHead.genesis(device.store_id)
    expected = acceptance.judge(device.store_id, head, device.entries, users.get)
    with JudgePool(1, inline=0) as judges:
        for pid in judges.pids:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        assert judges.judge(device.store_id, head, device.entries, users.get) == expected
    # and one shut down (a last request finishing after the server stopped) judges here
    assert judges.judge(device.store_id, head, device.entries, users.get) == expected


def test_pushes_judged_by_the_pool_are_stored_as_in_the_thread(
    hub_db: HubDatabase, pool: JudgePool, device: Device
) -> None:
    entries, rule, _seq = _tampered(device, "signature")
    with repository(hub_db.app_url) as repo:
        repo.judge = pool.judge
        enrol(repo, device)
        with pytest.raises(Refused) as refused:
            repo.append_entries(device.store_id, entries)
        assert refused.value.refusal.rule == rule
        result = repo.append_entries(device.store_id, device.entries)
        assert result.appended == result.size == len(device.entries)
        assert repo.append_entries(device.store_id, device.entries).already == len(device.entries)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie has exited: only its parent has not read its status yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _workers(hub: int) -> set[int]:
    """The hub's spawned worker processes (not the resource tracker), once they are up."""
    deadline = time.monotonic() + 60
    while True:
        found = {
            pid
            for pid in _children(hub)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        }
        if len(found) >= (os.cpu_count() or 1) or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_no_worker_outlives_hub_serve(
    tmp_path: Path, hub_db: HubDatabase, stop: signal.Signals
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        assert org.hub is not None
        workers = _workers(org.hub.pid)
        assert len(workers) == (os.cpu_count() or 1)
        assert org.invite("alice", "staff")  # root's device pushes: judged by them
        everything = _children(org.hub.pid)
        org.hub.send_signal(stop)
        # SIGTERM ends it by the signal (uvicorn raises it again); SIGINT is the CLI's Ctrl-C
        assert org.hub.wait(timeout=60) == (-stop if stop == signal.SIGTERM else 1)
        # the workers were stopped and reaped by the server before it ended
        assert not any(_alive(pid) for pid in workers)
        # and the rest (multiprocessing's resource tracker) ends with it
        assert _gone(everything, within=10)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_workers_of_a_killed_hub_exit_on_their_own(tmp_path: Path, hub_db: HubDatabase) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        assert org.hub is not None
        workers = _workers(org.hub.pid)
        assert workers
        everything = _children(org.hub.pid)
        org.kill()  # SIGKILL: no shutdown runs
        assert _gone(everything, within=10)
