"""The simulated laptops and legal devices: asyncio clients (httpx over TLS 1.3, every request
signed by the device's user as ``HubClient`` signs), a share of them per client process.

Phases, each started by a barrier with the bench's main process so that it holds the clock:
enrolment (each laptop pulls the history with its invitation's key and posts its
``device.join``, all at once), then the day: each laptop uploads its sealed blobs as
``sync._push_blobs`` does (resumable chunks, then ``complete`` naming the store path) and then
pushes its entries in batches of ``sync.PUSH_BATCH``; each legal device pulls the organisation's
entries page by page and fetches its share of the blobs (checking their digests) until the
laptops are done and nothing new is left.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import time
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.hubsim.prep import Device
from evidence_desk.integrity import pinning, signing
from evidence_desk.integrity.http_signatures import sign_request
from evidence_desk.services import org_ledger, sync

BINARY = "application/octet-stream"


class Signing(httpx.Auth):
    """Each request signed as it is sent (the device's ``HubClient`` does the same)."""

    requires_request_body = True

    def __init__(self, user: str, key: Ed25519PrivateKey) -> None:
        self.user = user
        self.key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        own = {n: v for n, v in request.headers.items() if n == "content-type"}
        request.headers.update(
            sign_request(
                request.method, str(request.url), own, request.content, self.key, self.user
            )
        )
        yield request


class Patient(httpx.AsyncClient):
    """A laptop's client that, told the hub is busy (503 with ``Retry-After``: its bulk lane
    full for longer than a laptop should wait, hub/lanes.py), waits that long and sends the
    request again, signed anew, as the app's background sync tries again later; counts them."""

    busy = 0

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        while True:
            answer = await super().send(request, **kwargs)
            if answer.status_code != 503 or "Retry-After" not in answer.headers:
                return answer
            await answer.aclose()
            Patient.busy += 1
            await asyncio.sleep(float(answer.headers["Retry-After"]))


def client(url: str, ca: str, user: str, key: Ed25519PrivateKey) -> httpx.AsyncClient:
    return Patient(
        base_url=url,
        verify=pinning.client_context(Path(ca)),
        auth=Signing(user, key),
        timeout=httpx.Timeout(900.0, connect=60.0, pool=900.0),
        limits=httpx.Limits(max_connections=2, max_keepalive_connections=2),
        trust_env=False,
    )


async def _json(answer: httpx.Response) -> dict[str, Any]:
    if answer.status_code != 200:
        raise RuntimeError(
            f"{answer.request.method} {answer.request.url.path}: "
            f"{answer.status_code} {answer.text[:300]}"
        )
    body: dict[str, Any] = answer.json()
    return body


async def _enrol(url: str, ca: str, device: Device, record: dict[str, Any]) -> None:
    """Pull the history with the invitation's key (as ``sync.join``), post the join."""
    code = device_codes[device.index]
    key = org_ledger.invite_key(code)
    started = time.monotonic()
    async with client(url, ca, "invite:" + signing.public_key_hex(key), key) as http:
        since = 0
        while True:
            page = await _json(await http.get(f"/v1/entries?since={since}"))
            if page["entries"]:
                since = int(page["entries"][-1]["hub_seq"])
            if not page.get("more") or not page["entries"]:
                break
        answer = await _json(
            await http.post(
                "/v1/join", json={"device_id": device.device_id, "entries": [device.join]}
            )
        )
    if answer["refused"] or answer["appended"] != 1:
        raise RuntimeError(f"join of {device.user} refused: {answer}")
    record["joins"].append(time.monotonic() - started)


device_codes: dict[int, str] = {}  # the invitation codes of this process's devices


async def _day(http: httpx.AsyncClient, device: Device, record: dict[str, Any]) -> None:
    """One laptop's day: its blobs as sync._push_blobs uploads them, then its entries."""
    for blob in device.blobs:
        data = Path(blob.file).read_bytes()
        chunks = max(1, -(-len(data) // sync.CHUNK))
        started = time.monotonic()
        held = set((await _json(await http.get(f"/v1/blobs/{blob.digest}")))["chunks"])
        for index in range(chunks):
            if index not in held:
                part = data[index * sync.CHUNK : (index + 1) * sync.CHUNK]
                await _json(
                    await http.put(
                        f"/v1/blobs/{blob.digest}/chunks/{index}",
                        content=part,
                        headers={"Content-Type": BINARY},
                    )
                )
        body = {"size": len(data), "chunks": chunks, "path": blob.path}
        await _json(await http.post(f"/v1/blobs/{blob.digest}/complete", json=body))
        record["blob_latency"].append(time.monotonic() - started)
        record["bytes"] += len(data)
    entries = device.day()
    for start in range(0, len(entries), sync.PUSH_BATCH):
        batch = entries[start : start + sync.PUSH_BATCH]
        started = time.monotonic()
        answer = await _json(
            await http.post(
                "/v1/push",
                json={"device_id": device.device_id, "entries": [list(e) for e in batch]},
            )
        )
        record["push_latency"].append(time.monotonic() - started)
        if answer["refused"]:
            raise RuntimeError(f"{device.user}: refused {answer['refused'][:2]}")
        record["entries"] += int(answer["appended"])
    record["finish"] = max(record["finish"], time.monotonic())


async def _legal(
    http: httpx.AsyncClient, share: tuple[int, int], done: Any, record: dict[str, Any]
) -> None:
    """A legal device: pull every entry page by page and fetch its share of the blobs, until
    the laptops are done and a last pass finds nothing new."""
    since, after, last_pass = 0, "", False
    mine, count = share
    while True:
        new = 0
        while True:
            page = await _json(await http.get(f"/v1/entries?since={since}"))
            if page["entries"]:
                since = int(page["entries"][-1]["hub_seq"])
                record["pulled"] += len(page["entries"])
                new += len(page["entries"])
            if not page.get("more") or not page["entries"]:
                break
        while True:
            listing = await _json(await http.get(f"/v1/blob-files?after={after}"))
            for item in listing["blobs"]:
                after = str(item["path"])
                new += 1
                if int(item["digest"][:8], 16) % count != mine:
                    continue
                parts = [
                    (await http.get(f"/v1/blobs/{item['digest']}/chunks/{i}")).content
                    for i in range(int(item["chunks"]))
                ]
                data = b"".join(parts)
                if hashlib.sha256(data).hexdigest() != item["digest"]:
                    raise RuntimeError(f"blob {item['path']}: digest differs")
                record["fetched_bytes"] += len(data)
            if not listing.get("more") or not listing["blobs"]:
                break
        if last_pass:
            return
        if done.is_set():
            last_pass = True  # one more pass after the laptops finished
        elif not new:
            await asyncio.sleep(0.5)


async def _guard(work: Any, record: dict[str, Any]) -> None:
    try:
        await work
    except Exception:  # every failure is counted and shown; the bench's target is none
        said = traceback.format_exc()[-1500:]
        print(said, file=sys.stderr, flush=True)
        record["errors"].append(said)


async def _run(
    url: str,
    ca: str,
    devices: list[Device],
    legal: list[tuple[Device, tuple[int, int]]],
    gates: tuple[Any, Any],
    done: Any,
    out: Any,
) -> None:
    enrol_gate, day_gate = gates
    record: dict[str, Any] = {
        "joins": [],
        "push_latency": [],
        "blob_latency": [],
        "entries": 0,
        "bytes": 0,
        "finish": 0.0,
        "errors": [],
        "pulled": 0,
        "fetched_bytes": 0,
    }
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, enrol_gate.wait)
    everyone = devices + [d for d, _share in legal]
    await asyncio.gather(*(_guard(_enrol(url, ca, d, record), record) for d in everyone))
    out.put(("enrolled", time.monotonic(), len(record["errors"])))
    clients = {
        d.device_id: client(url, ca, d.user, signing.private_key_from_bytes(d.key))
        for d in everyone
    }
    try:
        # each device's TLS connection made before the clock, as a laptop's is kept alive
        await asyncio.gather(*(c.get("/v1/health") for c in clients.values()))
        await loop.run_in_executor(None, day_gate.wait)

        async def laptops() -> None:
            await asyncio.gather(
                *(_guard(_day(clients[d.device_id], d, record), record) for d in devices)
            )
            out.put(("laptops", time.monotonic(), len(record["errors"])))

        await asyncio.gather(
            laptops(),
            *(_guard(_legal(clients[d.device_id], s, done, record), record) for d, s in legal),
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients.values()))
    record["busy"] = Patient.busy
    out.put(("day", record))


def main(
    url: str,
    ca: str,
    devices: list[Device],
    legal: list[tuple[Device, tuple[int, int]]],
    codes: dict[int, str],
    gates: tuple[Any, Any],
    done: Any,
    out: Any,
    nice: int = 0,
) -> None:
    """A client process: its laptops and legal devices, through both phases. ``nice`` lowers
    its CPU priority (``--laptop-nice``: real laptops are other machines, they do not take the
    hub's cores; on this one they would, unless the scheduler serves the hub first)."""
    if nice:
        os.nice(nice)
    device_codes.update(codes)
    asyncio.run(_run(url, ca, devices, legal, gates, done, out))
