"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when its threshold is reached; in
this app that is often a worker job's thread (a verify, a preview, an import). Freeing there the
Python wrappers of widgets Qt has already deleted (a closed dialog kept alive by a reference
cycle) makes shiboken queue their deletion for the GUI thread, which then crashes (SIGSEGV in
``BindingManager::runDeletionInMainThread``, seen with PySide6 6.11 in the GUI tests). So the
app turns automatic collection off and collects from a timer on the GUI thread instead, with the
same generation thresholds Python would use. Reference counting frees everything else as usual.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Owns the timer; keep it alive as long as the application (the app's parent keeps it)."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        gc.disable()
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose thresholds are reached, youngest first, as Python's
        own collector would; returns the number of unreachable objects found."""
        young, middle, old = gc.get_count()
        limit0, limit1, limit2 = self._thresholds
        found = 0
        if young > limit0:
            found += gc.collect(0)
            if middle > limit1:
                found += gc.collect(1)
                if old > limit2:
                    found += gc.collect(2)
        return found


def install(app: QObject) -> GuiThreadCollector:
    """Collect on the GUI thread from now on (idempotent: one collector per application; the
    automatic collector is switched off again whoever switched it on meanwhile)."""
    existing = app.findChild(GuiThreadCollector)
    if isinstance(existing, GuiThreadCollector):
        gc.disable()
        return existing
    return GuiThreadCollector(app)
