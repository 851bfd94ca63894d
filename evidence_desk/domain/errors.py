"""Every error a user can see, in one place, each with a stable code.

The CLI maps ``exit_code`` to its process exit status (cli.md: 2 usage, 3 refused by a rule or
permission, 4 bad input); the GUI maps ``code`` to a translated message. A refused or failed
operation never leaves partial state behind, so callers can simply report and carry on.
"""

from __future__ import annotations


class EvidenceDeskError(Exception):
    """Base class. ``code`` is stable and machine-readable; the message is English detail."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
