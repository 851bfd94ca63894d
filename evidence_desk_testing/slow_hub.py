"""A hub process for tests: ``python -m evidence_desk_testing.slow_hub TLS_DIR HOST:PORT``.

It serves the hub app (no users) through :func:`evidence_desk.hub.app.serve`, as ``hub serve``
does, with ``/v1/health?slow`` held for :data:`DELAY` seconds in front of the app, so that a test
has a request in flight when it stops the process.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from starlette.types import Receive, Scope, Send

from evidence_desk.hub import tls
from evidence_desk.hub.app import create_app, serve
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity.http_signatures import MemoryNonces

DELAY = 1.5


class _Nobody:
    def user(self, name: str) -> HubUser | None:
        return None


def main(argv: list[str]) -> None:
    folder, listen = argv
    hub = create_app(_Nobody(), MemoryNonces())

    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") == b"slow":
            await asyncio.sleep(DELAY)
        await hub(scope, receive, send)

    serve(slow, listen, tls.server_context(tls.check_existing(Path(folder))))


if __name__ == "__main__":
    main(sys.argv[1:])
