"""A Qt plural string for a count that may not fit Qt's ``int``: a size in bytes.

Qt's ``tr(text, disambiguation, n)`` takes ``n`` as a C ``int``; PySide6 raises OverflowError
for a file of 2 GiB or more. Such a count always takes the plural form (English "bytes",
Chinese's one form), so the string is translated for the largest ``int`` and that number
(``%n`` writes plain digits) is replaced by the count itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = ["LARGEST", "counted"]

#: the largest count Qt's ``n`` takes (a C ``int``)
LARGEST: Final = 2**31 - 1


def counted(translated: Callable[[int], str], count: int) -> str:
    """``translated(count)`` (a ``tr`` call with ``%n``), also for a count above
    :data:`LARGEST`."""
    if count <= LARGEST:
        return translated(count)
    return translated(LARGEST).replace(str(LARGEST), str(count))
