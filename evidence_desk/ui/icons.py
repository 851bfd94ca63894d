"""The app icon: an SVG in evidence_desk/data/icons, with a PNG rendered from it for platforms
without an SVG icon engine (the SVG plug-in is not in every Qt build)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from evidence_desk.resources import resource_path


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("evidence-desk-256.png", "evidence-desk.svg"):
        path = resource_path("icons", name)
        if path.exists():
            icon.addFile(str(path))
    return icon
