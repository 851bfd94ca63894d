"""Where shipped resources (fonts, translations, icons, demo data, conduct lexicon) are.

They live inside the package, in ``evidence_desk/data/``, so a plain wheel carries them
(package-data in pyproject.toml) and a PyInstaller build copies that folder to the same place
under ``sys._MEIPASS`` (packaging/evidence-desk.spec), where this module's ``__file__`` is too.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder builds unpack here
    if frozen:
        return Path(frozen) / "evidence_desk" / "data"
    return Path(__file__).resolve().parent / "data"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
