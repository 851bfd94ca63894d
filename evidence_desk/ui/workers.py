"""Long work off the UI thread: a QRunnable that calls a service and reports through signals.

Each job gets its own database connection (a *sibling* of the logged-in session: same user, same
keys, new connection) so a background verify or import never shares a transaction with the
screens that keep reading. Cancellation is a flag the services check between steps
(``cancelled=job.is_cancelled``); a cancelled import raises ``Cancelled`` and stores nothing.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from evidence_desk.integrity import signing
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.keys import derive_subkey


def sibling_session(session: Session) -> Session:
    """A second session for the same user on a new connection (for another thread)."""
    conn = db.connect(session.folder.db_path, derive_subkey(session.data_key, "sqlcipher"))
    return Session(
        session.folder,
        conn,
        session.data_key,
        session.user,
        signing.private_key_bytes(session.signing_key),
        session.clock,
    )


class JobSignals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Run ``work(session, job)`` in the pool; ``session`` is a sibling or None if not needed."""

    def __init__(
        self, work: Callable[[Session | None, Job], Any], session: Session | None = None
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self._work = work
        self._session = session
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, percent: int, what: str) -> None:
        self.signals.progress.emit(int(percent), what)

    def run(self) -> None:
        own: Session | None = None
        try:
            if self._session is not None:
                own = sibling_session(self._session)
            result = self._work(own, self)
        except BaseException as error:  # reported to the UI, never lost in a thread
            error.__dict__.setdefault("ui_traceback", traceback.format_exc())
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            if own is not None:
                own.close()
            self.done.set()


_running: set[Job] = set()


def alive(obj: QObject) -> bool:
    """False once Qt deleted the object (a window closed while its job was running)."""
    return bool(shiboken6.isValid(obj))


def start(job: Job, pool: QThreadPool | None = None) -> Job:
    """Start a job and keep it referenced until it ends (Python would otherwise collect it).

    Connect the job's signals *before* calling this: a job that fails at once would otherwise
    report before anyone listens. The bookkeeping slot is connected last, so it runs after the
    caller's slots and the job outlives their delivery.
    """
    _running.add(job)
    job.signals.finished.connect(lambda _r: _running.discard(job))
    job.signals.failed.connect(lambda _e: _running.discard(job))
    (pool or QThreadPool.globalInstance()).start(job)
    return job
