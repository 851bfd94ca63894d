"""A real hub server for tests and the bench: uvicorn over TLS on 127.0.0.1, in a thread.

The socket is bound (port 0: a free one) before the server starts, so the test knows the port
and no other process can take it in between. Leaving the block asks uvicorn to shut down
gracefully and waits for it.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.types import ASGIApp

from evidence_desk.hub.app import server

START_TIMEOUT = 15.0


@contextmanager
def running_hub(app: ASGIApp, tls: ssl.SSLContext, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` while the block runs; yields its base URL (``https://127.0.0.1:PORT``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    hub = server(app, host, port, tls)
    thread = threading.Thread(target=hub.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not hub.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the hub server did not start")
        time.sleep(0.01)
    try:
        yield f"https://{host}:{port}"
    finally:
        hub.should_exit = True
        thread.join(START_TIMEOUT)
        sock.close()
