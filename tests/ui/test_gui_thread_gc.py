"""The app collects reference cycles on the GUI thread only (ui/gui_thread_gc.py)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from evidence_desk.ui import gui_thread_gc
from evidence_desk.ui.app import make_application


class _Cycle:
    freed_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_in.append(threading.current_thread().name)


def test_cycles_made_in_a_worker_are_collected_by_the_timer_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    gc.enable()  # as Python starts (the GUI tests' fixture turns it off)
    app = make_application()
    collector = gui_thread_gc.install(app)
    assert gui_thread_gc.install(app) is collector  # one per application
    assert not gc.isenabled()
    _Cycle.freed_in.clear()
    count = gc.get_threshold()[0] * 2  # past the young generation's threshold

    def allocate_in_a_worker() -> None:
        for _ in range(count):
            _Cycle()

    worker = threading.Thread(target=allocate_in_a_worker, name="worker")
    worker.start()
    worker.join()
    assert _Cycle.freed_in == []  # an enabled collector would have run in the worker
    qtbot.waitUntil(lambda: len(_Cycle.freed_in) == count, timeout=5_000)
    assert set(_Cycle.freed_in) == {threading.main_thread().name}


def test_the_application_installs_the_collector() -> None:
    gc.enable()
    app = make_application()
    assert app.findChild(gui_thread_gc.GuiThreadCollector) is not None
    assert not gc.isenabled()
