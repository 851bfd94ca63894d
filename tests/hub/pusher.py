"""A device pushing to the hub's database in a process of its own, so that a test can kill it
with SIGKILL in the middle of a push: ``python -m tests.hub.pusher URL DEVICE ENTRIES.json``
pushes every entry of the file in one batch and prints "done"."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import ledger


def main(url: str, device_id: str, entries_file: str) -> None:
    rows = json.loads(Path(entries_file).read_text("utf-8"))
    entries = [ledger.Entry(*row) for row in rows]
    with HubRepository.connect(url, max_size=1) as repo:
        print("pushing", flush=True)
        repo.append_entries(device_id, entries)
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
