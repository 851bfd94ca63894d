"""File and folder names made from user data, valid on Windows and short enough for it.

Evidence keeps names exactly as they were given (a case number such as ``（2026）沪0101民初123号``
or ``2026/SH-01``, an original's name inside an export); only the names *derived* from them for
files and folders (kit members, default output folders) go through here. The rules are Windows'
(the strictest of the systems the app and its kits meet):

* no ``<>:"/\\|?*``, no control characters (and no ``%``: BagIt manifests percent-encode it);
* no trailing dot or space (Explorer silently drops them, so two names could become one);
* no reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, CONIN$, CONOUT$, also with an
  extension and in any case): such a name gets a leading ``_``;
* bounded length, counted in UTF-16 code units as Windows counts a path: a component keeps at
  most :data:`COMPONENT_BUDGET` units and a relative path at most :data:`NAME_BUDGET`, the
  extension kept when a name is shortened. Chinese stays as it is (one unit per character).

Names that differ only by case are one name on Windows; :func:`fold` gives the key to keep
names unique by (callers that put several names in one folder add a ``-2`` suffix).

The budget: a kit member is ``data/originals/<exhibit>/<name>`` (at most ~90 units with a
64-unit name), inside the kit's ``bundle-B-<12 hex>/`` folder, inside the folder Explorer's
"Extract all" makes from the zip's name (``bundle-B-<12 hex>-kit``): 48 more units. The longest
path is then under 140 units, so a kit extracted into any folder of up to 110 characters stays
under Windows' 260-character MAX_PATH (``tests/bundle/test_windows_names.py`` checks it).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "COMPONENT_BUDGET",
    "NAME_BUDGET",
    "fold",
    "safe_component",
    "safe_path",
    "utf16_units",
]

#: Longest file or folder name made here, in UTF-16 code units.
COMPONENT_BUDGET: Final = 48
#: Longest relative path (folders and file name) made by :func:`safe_path`.
NAME_BUDGET: Final = 64
#: An extension longer than this is not kept apart when a name is shortened.
_EXTENSION_BUDGET: Final = 16

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*%]')
_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "123456789¹²³"}
)


def utf16_units(text: str) -> int:
    """The length Windows gives ``text`` in a path (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def fold(name: str) -> str:
    """The key two names share when Windows would take them for the same name."""
    return name.casefold()


def _cut(text: str, budget: int) -> str:
    out: list[str] = []
    used = 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            break
        out.append(char)
    return "".join(out)


def safe_component(name: str, budget: int = COMPONENT_BUDGET) -> str:
    """One file or folder name, valid on Windows and at most ``budget`` UTF-16 units.

    Separators become ``_`` too, so ``2026/SH-01`` is one folder ``2026_SH-01``."""
    clean = _FORBIDDEN.sub("_", name).strip(" ").rstrip(". ")
    if not clean:
        clean = "_"
    if clean.split(".")[0].rstrip(" ").upper() in _RESERVED:
        clean = "_" + clean
    if utf16_units(clean) > budget:
        stem, dot, extension = clean.rpartition(".")
        room = budget - 1 - utf16_units(extension)
        if dot and stem and utf16_units(extension) <= _EXTENSION_BUDGET and room > 0:
            clean = _cut(stem, room).rstrip(". ") + "." + extension
        else:
            clean = _cut(clean, budget).rstrip(". ")
        clean = clean or "_"
    return clean


def safe_path(name: str, budget: int = NAME_BUDGET) -> str:
    """A relative POSIX path made of :func:`safe_component` names, at most ``budget`` units.

    ``/`` and ``\\`` separate folders; empty, ``.`` and ``..`` parts are dropped. When the
    whole is too long the file name is kept and the folders are shortened, outermost first,
    and left out once there is no room (the original name is kept elsewhere, in full)."""
    parts = [p for p in re.split(r"[\\/]+", name) if p not in ("", ".", "..")]
    if not parts:
        return "unnamed"
    last = safe_component(parts[-1], min(COMPONENT_BUDGET, budget))
    room = budget - utf16_units(last)
    folders: list[str] = []
    for part in parts[:-1]:
        if room < 5:  # a separator and at least 4 characters of a folder name
            break
        folder = safe_component(part, min(COMPONENT_BUDGET, room - 1))
        folders.append(folder)
        room -= utf16_units(folder) + 1
    return "/".join([*folders, last])
