"""The version of the conversation between the app and the hub, stated on every hub answer.

An app of a newer release talking to a hub of an older one used to meet a bare 404 (a route
the old hub lacks, e.g. ``/v1/blob-files/lookup``) halfway through a sync. So the hub states
its protocol in the :data:`HEADER` of every answer (refusals and the unsigned health probe
included), and the device's client (services/hub_client.py) refuses, before reading the
answer, a hub that states a lower one than :data:`PROTOCOL`, naming both numbers and what the
administrator runs. A hub without the header is of the release before the header: protocol 1.

Bump :data:`PROTOCOL` when a release adds or changes a route the app relies on; a hub of that
release then also needs ``hub upgrade`` when its schema changed (hub/schema.py).
"""

from __future__ import annotations

from typing import Final

#: this release's protocol: 2 added the header itself and ``/v1/blob-files/lookup``; 3 added
#: ``POST /v1/sync`` (hub/exchange.py: a person's push and first pull page in one request) and
#: the page and its proof carried by the live news (``/v1/events?page=1``, hub/live.py)
PROTOCOL: Final = 3
#: the protocol of a hub that states none (the releases before the header)
UNSTATED: Final = 1
#: the response header that carries it
HEADER: Final = "Evidence-Desk-Protocol"


def stated(value: str | None) -> int:
    """The protocol a hub's header states (:data:`UNSTATED` when absent or not a number)."""
    if value is None or not value.strip().isdigit() or len(value.strip()) > 6:
        return UNSTATED
    return int(value.strip())


#: the largest blob file ``POST /v1/sync`` carries whole (base64 in its JSON); a larger one goes
#: up in chunks (services/sync.py ``SEND_WITHOUT_ASKING`` is the same size)
EXCHANGE_FILE: Final = 256 * 1024
#: entries the exchange's page holds at most (``/v1/entries`` serves 1,000): while laptops push,
#: a person's sync pays each further page with a request through the hub's gate, and the
#: slowest round trips measured were chains of 11-16 requests, most of them pages
#: (docs/benchmarks.md, issue 20); the device applies it in slices of 1,000 (services/sync.py)
EXCHANGE_PAGE: Final = 5000
#: the files' bytes one exchange carries at most: with base64's third more and a push of
#: ``sync.PUSH_BATCH`` entries beside them, well under the hub's 16 MiB body cap (hub/app.py)
EXCHANGE_FILES: Final = 4 * 1024 * 1024
