"""Small adapters to services written alongside the app (review, bundles).

The GUI offers tags, conduct findings and bundle export only when those services are part of
the build; each adapter imports its service lazily and returns None when it is absent, so the
rest of the app never depends on them.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def review_module() -> ModuleType | None:
    return _module("evidence_desk.services.review")


def bundle_module() -> ModuleType | None:
    return _module("evidence_desk.services.bundle")


def bundle_available() -> bool:
    return bundle_module() is not None


def conduct_module() -> ModuleType | None:
    """The conduct self-check service, when the build has it."""
    module = _module("evidence_desk.services.conduct")
    if module is not None and hasattr(module, "report") and hasattr(module, "acknowledge"):
        return module
    return None


def findings_view(session: Any, parent: Any) -> Any:
    module = conduct_module()
    if module is None:
        return None
    from evidence_desk.ui.review_ui import FindingsView

    return FindingsView(session, module, parent)


def bundle_dialog(session: Any, case_no: str | None, contact: Any, parent: Any) -> Any:
    if bundle_module() is None or case_no is None:
        return None
    from evidence_desk.ui.bundle_dialog import BundleDialog

    return BundleDialog(session, case_no, contact, parent)
