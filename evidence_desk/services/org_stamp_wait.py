"""Waiting for the hub's time-stamp before a bundle is made (``bundle --wait-org-stamp N``).

The hub stamps its organisation checkpoints in the background (hub/org_stamps.py), so the
checkpoint a device keeps at a sync is often not stamped yet, and a bundle made right then can
prove its entries only at an undated checkpoint (services/bundle_org_proof.py says so in the
kit and the PDF). A court bundle is made once and read for years: rather than export silently
without the date, the user may wait. This syncs with the hub until the newest checkpoint this
store kept is stamped (the hub stamps oldest first, so every older kept one then is too), or
until ``seconds`` have passed; whatever the outcome, the bundle states what it proves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from evidence_desk.services import sync
from evidence_desk.services.checkpoint_log import seen
from evidence_desk.services.hub_client import HubUnreachable, HubUntrusted
from evidence_desk.services.receipt_checks import pinned
from evidence_desk.services.session import Session

#: between two syncs while the hub's stamp is awaited
PAUSE_SECONDS: Final = 2.0
#: how long the app's export waits when asked to (the hub stamps within seconds when its TSA
#: answers; a TSA that is down queues the stamp for longer than anyone waits at a desk)
APP_WAIT_SECONDS: Final = 120.0


def applies(session: Session) -> bool:
    """Is there a hub's stamp to wait for (a store bound to an organisation's hub)?"""
    return pinned(session.folder) is not None


def newest_stamped(session: Session) -> bool:
    """Is the newest organisation checkpoint this store kept time-stamped?"""
    kept = seen(session.folder)
    return bool(kept) and kept[-1].stamp is not None


def wait_for_stamp(
    session: Session,
    seconds: float,
    *,
    clock: Callable[[], float] = time.monotonic,
    pause: Callable[[float], None] = time.sleep,
) -> bool:
    """Sync until the newest kept checkpoint is stamped or ``seconds`` passed. True when it
    is; a store outside an organisation has nothing to wait for (True). A hub that cannot be
    reached ends the wait (False: the bundle is made and says it is unstamped); a refused
    sync or a hub that is not the pinned one raises, as ``sync`` does."""
    if not applies(session):
        return True
    deadline = clock() + seconds
    bound = sync.binding(session.folder)
    while True:
        try:
            with sync.client_for(session, bound) as client:
                report = sync.sync(session, client)
        except HubUntrusted:
            raise  # not the hub this store pinned: never a reason to carry on quietly
        except HubUnreachable:
            return False  # offline: the bundle is made now and says it is not stamped
        if report.refusal is not None:
            raise report.refusal
        if newest_stamped(session):
            return True
        if clock() + PAUSE_SECONDS > deadline:
            return False
        pause(PAUSE_SECONDS)
