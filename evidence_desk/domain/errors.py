"""Every error a user can see, in one place, each with a stable code.

The CLI maps ``exit_code`` to its process exit status (cli.md: 2 usage, 3 refused by a rule or
permission, 4 bad input); the GUI maps ``code`` to a translated headline. The detail is English
(``message``); when the raiser worded it from a :class:`~evidence_desk.domain.wording.Catalogue`,
``detail_code`` and ``facts`` say which sentence it is and what it was made of, so the GUI can
say it in the interface language too. A refused or failed operation never leaves partial state
behind, so callers can simply report and carry on.
"""

from __future__ import annotations

from pathlib import Path

from evidence_desk.domain.wording import Facts, Phrase


class EvidenceDeskError(Exception):
    """Base class. ``code`` is stable and machine-readable; the message is English detail.

    ``detail`` is the part of the message the raiser worded (a :class:`Phrase` when it came from
    a catalogue); ``detail_code`` and ``facts`` are its code and named values, empty otherwise.
    """

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)
        self.detail: str = message

    @property
    def detail_code(self) -> str:
        return self.detail.code if isinstance(self.detail, Phrase) else ""

    @property
    def facts(self) -> Facts:
        return self.detail.facts if isinstance(self.detail, Phrase) else ()


class UsageError(EvidenceDeskError):
    code = "usage"
    exit_code = 2


class RuleViolation(EvidenceDeskError):
    """A business rule or a permission refused the operation; ``rule`` names which one."""

    code = "refused"
    exit_code = 3

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"refused by rule {rule}: {message}")
        self.rule = rule
        self.detail = message


class HubForked(RuleViolation):
    """The hub showed a history that is not an extension of what it showed before, or that
    does not match what this device holds: an integrity failure (exit 1), not a refusal."""

    code = "hub_forked"
    exit_code = 1


class PermissionDenied(RuleViolation):
    code = "permission"


class BadInput(EvidenceDeskError):
    """Input that cannot be accepted, with the file and line (or member, row, JSON path)."""

    code = "bad_input"
    exit_code = 4

    def __init__(self, file: str, locator: str, reason: str) -> None:
        where = f"{file}: {locator}" if locator else file
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.locator = locator
        self.reason = reason
        self.detail = reason


class ImportInputError(BadInput):
    """Raised by importers: the export is not of the expected format or is broken."""

    code = "import_input"


class NotFound(EvidenceDeskError):
    code = "not_found"
    exit_code = 4


class StoreError(EvidenceDeskError):
    """The store cannot be opened or used (missing, corrupted, wrong format version)."""

    code = "store"
    exit_code = 1


class FileInUse(StoreError, OSError):
    """Another program keeps a file open (an antivirus, the indexer, a sync client), so it could
    not be replaced or moved even after retrying; the message names the file (``path``).

    Also an ``OSError``: code that does something best effort after a commit (copying the head
    to store.json, the anchor) and suppresses OSError keeps treating it as best effort."""

    code = "store"
    exit_code = 1

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class AuthenticationFailed(EvidenceDeskError):
    code = "auth"
    exit_code = 3


class StoreBusy(EvidenceDeskError):
    """Another process holds the single-writer lock; the message says who and what."""

    code = "busy"
    exit_code = 1


class Cancelled(EvidenceDeskError):
    code = "cancelled"
    exit_code = 1


class BackupInvalid(EvidenceDeskError):
    """A backup file is damaged, tampered with or incomplete; the message names the member."""

    code = "backup_invalid"
    exit_code = 1
