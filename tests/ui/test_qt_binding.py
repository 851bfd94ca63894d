"""Guard against a Qt binding that corrupts Python's reference count of None.

PySide6 6.12.0 on Python 3.11 drops one reference to None each time Qt hands None back
(``currentItem()`` with nothing selected, ``item.data(role)`` with no data...); the app then
aborts after a few thousand such calls. pyproject.toml excludes that release.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def test_returning_none_from_qt_keeps_nones_reference_count(qapp: object) -> None:
    tree = QTreeWidget()
    item = QTreeWidgetItem(["case"])
    tree.addTopLevelItem(item)
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert tree.currentItem() is None
        assert item.data(0, Qt.ItemDataRole.UserRole + 7) is None
    assert abs(sys.getrefcount(None) - before) < 100
