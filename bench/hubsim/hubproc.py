"""The hub as the benches run it: ``hub init`` and ``hub serve`` as subprocesses over TLS 1.3
on 127.0.0.1, exactly as an organisation runs it, and what the benches measure of it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg

from evidence_desk.domain.models import Role
from evidence_desk.integrity import pinning
from evidence_desk.services import org_ledger, sync
from evidence_desk.services.session import Session
from evidence_desk_testing.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-hub-password-1"
APP_ROLE = "evidence_desk_hub"


def _env(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "EVIDENCE_DESK_PASSWORD": PASSWORD,
        "EVIDENCE_DESK_ANCHOR_DIR": str(work / "anchors"),
    }


def connections_for(hub_workers: int) -> list[str]:
    """The bench cluster's settings for a hub of ``hub_workers`` processes: each holds its
    pools' connections and a listening one (about 17), beyond the throwaway cluster's 50."""
    return [f"max_connections = {max(50, 20 * hub_workers + 30)}"]


def start_hub(
    work: Path, owner_url: str, hub_workers: int = 1
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """``hub init`` (root's store in ``work/root``) then ``hub serve --workers
    hub_workers``; waits for /v1/health."""
    tls = work / "hub-tls"
    subprocess.run(
        [sys.executable, "-m", "evidence_desk", "hub", "init", "--db", owner_url,
         "--admin", "root", "--tls-dir", str(tls), "--store", str(work / "root"), "--json"],
        env=_env(work), check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    app_url = psycopg.conninfo.make_conninfo(owner_url, user=APP_ROLE)
    hub = subprocess.Popen(
        [sys.executable, "-m", "evidence_desk", "hub", "serve", "--db", app_url,
         "--listen", f"127.0.0.1:{port}", "--tls-dir", str(tls),
         "--workers", str(hub_workers)],
        env=_env(work),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    with httpx.Client(verify=pinning.client_context(tls / "ca.pem"), trust_env=False) as client:
        while True:
            try:
                client.get(f"{url}/v1/health", timeout=5)
                return hub, url, tls / "ca.pem"
            except httpx.TransportError:
                if hub.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the hub did not start") from None
                time.sleep(0.1)


def descendants(pid: int) -> set[int]:
    """The living processes ``pid`` started, and theirs, at any depth (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        try:
            tasks = list(Path(f"/proc/{todo.pop()}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and every living descendant so far: the
    hub, its workers (``--workers``) and their judging workers (Linux /proc; 0 elsewhere).
    Unlike wall time it does not move much with what else runs on a shared machine."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    if not Path(f"/proc/{pid}").exists():
        return 0.0
    total = 0
    for each in {pid} | descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def machine_cpu_seconds() -> float:
    """CPU time every process of this machine spent so far, all cores (Linux /proc/stat's
    busy ticks: user, nice, system, irq, softirq, steal; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / tick


def postmaster_pid(data_dir: Path) -> int | None:
    """The PostgreSQL cluster's postmaster (its backends are its children)."""
    try:
        return int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def join_member(root: Session, work: Path, url: str, ca: Path, name: str, role: Role) -> Session:
    invitation = org_ledger.invite_user(root, name, role)
    with sync.client_for(root, sync.binding(root.folder)) as client:
        report = sync.sync(root, client)
    assert report.refusal is None, report.refusal
    session, _report = sync.join(work / name, url, ca, name, PASSWORD, invitation.code)
    return session


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, -(-int(share * 100) * len(ordered) // 100) - 1))
    return ordered[index]


def stop_hub(hub: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the hub finishes its requests and stops its workers), SIGKILL after 60 s."""
    if hub.poll() is None:
        hub.terminate()
        try:
            hub.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a hub that does not stop is not left behind
            hub.kill()
            hub.wait()
