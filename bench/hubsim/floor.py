"""The floor of a person's request during the organisation's day, measured in the same run.

A round trip is a chain of sequential requests, each of which waits at least as long as the
cheapest request the hub answers while the laptops push. Since the people wait for news with
its page (protocol 3, bench/hubsim/actors.py ``wait_for_news``), the pulls are gone from it:
k counts the requests of the syncs on the chain (the staff's push, the supervisor's decision
pushed, any sync paging past a carried page's ``more``: ``Actor.sync``), not the waits, which
were already open when the news came (they wait for the news, not for the hub's work);
the waits are counted apart and printed beside k (bench/hubsim/scale.py ``_floor``).
This process, a person's device of its own (root's user; not niced like the simulated
laptops), sends such requests one after the other from the start of the day until the staff
are done, ``PING_EVERY`` seconds apart, alternating:

- ``health``: ``GET /v1/health``, unsigned, no database: TLS, HTTP and the hub's event loop;
- ``gate``: ``GET /v1/whoami``, signed: the same plus the gate (the signature, the user's
  lookup and the nonce's insert on the gate's connections), and nothing else;
- ``news``: ``GET /v1/events?...&wait=0&page=1``, signed, from ``NEWS_BACKLOG`` entries before
  the hub's newest: the same plus what a person's wait for news costs when it is answered
  (the news read, a page of about what a person's wait carries while the laptops push, the
  answer's bytes through TLS), without the wait.

So "round trip p99 against k x gate p99" says how much of a round trip is the hub's floor at
this load (requests that cannot be faster on this machine now) and how much is the work
the requests carry (pushes judged, pages read and applied).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import Any

from evidence_desk.services import live, sync
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session

#: seconds between two pings
PING_EVERY = 0.1
KINDS = ("health", "gate", "news")
#: entries a ``news`` ping's page carries: about what a person's wait for news carries while
#: the laptops push (``people's waits for news``, bench/hubsim/scale.py)
NEWS_BACKLOG = 500


def _ping(client: HubClient, kind: str, head: list[int]) -> None:
    """One ping; ``head``: the hub's newest position the last news said (a news ping's page
    starts ``NEWS_BACKLOG`` entries before it, and it says the newest again)."""
    if kind == "health":
        client.health()
    elif kind == "gate":
        client.whoami()
    else:
        after = max(0, head[0] - NEWS_BACKLOG)
        head[0] = live.wait_for_news(client, after, 0, page=True).hub_seq


def main(store: str, user: str, password: str, gates: dict[str, Any], out: Any) -> None:
    """Ping from the day's start until the staff are done; puts ``("floor", record)`` with
    ``record["pings"]``: (monotonic start, kind, seconds) of each."""
    record: dict[str, Any] = {"pings": [], "errors": []}
    client: HubClient | None = None
    ready = False
    try:
        session = Session.open(Path(store), user, password)
        try:
            client = sync.client_for(session, sync.binding(session.folder))
        finally:
            session.close()
        head = [0]
        for kind in KINDS:  # the TLS connection made and the route warm before the clock
            _ping(client, kind, head)
        out.put(("floor ready", time.monotonic()))
        ready = True
        gates["start"].wait()
        turn = 0
        while not gates["staff_done"].is_set():
            kind = KINDS[turn % len(KINDS)]
            turn += 1
            started = time.monotonic()
            _ping(client, kind, head)
            record["pings"].append((started, kind, time.monotonic() - started))
            time.sleep(PING_EVERY)
    except Exception:
        said = traceback.format_exc()[-2000:]
        print(f"floor: {said}", file=sys.stderr, flush=True)
        record["errors"].append(said)
        if not ready:  # never leave the bench waiting for it
            out.put(("floor ready", time.monotonic()))
    finally:
        if client is not None:
            client.close()
    out.put(("floor", record))
