"""What a new user's name and password must be: checked when a store is created and a user added.

Its own module because both the store's creation (``Session.create_store``, which introduces the
first admin) and the user service (add, reset, change password) check it, and the user service
is built on the session.
"""

from __future__ import annotations

import re

from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.wording import Catalogue

MIN_PASSWORD_LENGTH = 8
_NAME = re.compile(r"^[\w.\-@]{1,64}$")

_said = Catalogue(
    {
        "user.bad_name": "use 1-64 letters, digits, '.', '-', '_' or '@'",
        "user.short_password": "must be at least {length} characters",
    }
)


def validate_name(name: str) -> None:
    """Refuse a name outside 1-64 letters, digits, ``.-_@`` (also an invited user's, whose
    password is chosen on their own device)."""
    if not _NAME.fullmatch(name):
        raise BadInput("user name", name, _said("user.bad_name"))


def validate_new_user(name: str, password: str) -> None:
    """Refuse a name outside 1-64 letters, digits, ``.-_@``, and a password that is too short."""
    validate_name(name)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput("password", "", _said("user.short_password", length=MIN_PASSWORD_LENGTH))
