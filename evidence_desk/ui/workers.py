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
from typing import Any, Generic, TypeVar, overload

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from evidence_desk.services.session import Session

T = TypeVar("T")


class JobSignals(QObject):
    """Untyped on the Qt side (``object``); ``Job`` connects them with the job's result type."""

    progress = Signal(int, object)  # object: a coded Phrase keeps its code and facts
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable, Generic[T]):
    """Run ``work`` in the pool; it returns a ``T``, which ``on_finished`` handlers receive.

    Given a session, ``work(sibling, job)`` gets a sibling of it (``Session.sibling``: same user,
    new connection) opened in the worker thread and closed when the work ends, so a job that
    needs the store always has one. Without a session, ``work(job)`` runs on its own (login,
    restore, checking a kit: nothing of the logged-in store is needed).
    """

    @overload
    def __init__(self, work: Callable[[Session, Job[T]], T], session: Session) -> None: ...

    @overload
    def __init__(self, work: Callable[[Job[T]], T]) -> None: ...

    def __init__(self, work: Callable[..., T], session: Session | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self._work = work
        self._session = session
        self._cancel = threading.Event()
        self.done = threading.Event()

    def on_finished(self, slot: Callable[[T], object]) -> None:
        """Call ``slot`` with the work's result (queued to the thread of ``slot``'s object)."""
        self.signals.finished.connect(slot)

    def on_failed(self, slot: Callable[[BaseException], object]) -> None:
        """Call ``slot`` with whatever the work raised (with ``ui_traceback`` set on it)."""
        self.signals.failed.connect(slot)

    def on_progress(self, slot: Callable[[int, str], object]) -> None:
        """Call ``slot`` with each ``report(percent, what)`` of the work."""
        self.signals.progress.connect(slot)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, percent: int, what: str) -> None:
        self.signals.progress.emit(int(percent), what)

    def _call(self) -> T:
        if self._session is None:
            return self._work(self)
        with self._session.sibling() as own:
            return self._work(own, self)

    def run(self) -> None:
        try:
            result = self._call()
        except BaseException as error:  # reported to the UI, never lost in a thread
            error.__dict__.setdefault("ui_traceback", traceback.format_exc())
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


_running: set[Job[Any]] = set()


def alive(obj: QObject) -> bool:
    """False once Qt deleted the object (a window closed while its job was running)."""
    return bool(shiboken6.isValid(obj))


def start(job: Job[T], pool: QThreadPool | None = None) -> Job[T]:
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
