"""Users: adding, duplicates, failed logins and their delay, password reset, deactivation."""

from __future__ import annotations

import json

import pytest

from evidence_desk.domain.errors import (
    AuthenticationFailed,
    BadInput,
    NotFound,
    PermissionDenied,
    RuleViolation,
)
from evidence_desk.domain.models import Role
from evidence_desk.integrity import signing
from evidence_desk.integrity.ledger import Entry
from evidence_desk.services import cases, users
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log, verify_store
from tests.helpers import FAST_KDF, Team, signed_message, store_state


class SleepRecorder:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def _login(team: Team, name: str, password: str, sleep: SleepRecorder) -> Session:
    return Session.open(team.path, name, password, clock=team.clock, sleep=sleep)


def _assert_intact(session: Session) -> None:
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


# -- adding ---------------------------------------------------------------------------------------


def test_admin_adds_a_user_who_can_log_in_with_that_role(team: Team) -> None:
    ada = team.login("ada")
    added = users.add_user(ada, "carol", Role.LEGAL, "carol-password", kdf=FAST_KDF)
    assert (added.name, added.role, added.active) == ("carol", Role.LEGAL, True)
    entry = list(iter_log(ada))[-1]
    assert (entry.actor, entry.action) == ("ada", "user.add")
    payload = json.loads(entry.payload)
    assert payload["user"] == "carol"
    assert payload["public_key"] == added.public_key
    assert "carol-password" not in entry.payload
    with Session.open(team.path, "carol", "carol-password", clock=team.clock) as carol:
        assert carol.user.role == Role.LEGAL
        assert carol.user.public_key == added.public_key
    assert {u.name: u.role for u in users.list_users(ada)}["carol"] == Role.LEGAL
    _assert_intact(ada)


@pytest.mark.parametrize("name", ["alice", "bob", "sam", "lee"])
def test_only_an_admin_adds_users(team: Team, name: str) -> None:
    session = team.login(name)
    before = store_state(team.path)
    with pytest.raises(PermissionDenied) as refused:
        users.add_user(session, "mallory", Role.ADMIN, "mallory-password", kdf=FAST_KDF)
    assert refused.value.rule == "permission:user.add"
    assert store_state(team.path) == before
    with pytest.raises(AuthenticationFailed):
        Session.open(team.path, "mallory", "mallory-password", sleep=lambda _s: None)


def test_a_duplicate_user_is_refused_and_changes_nothing(team: Team) -> None:
    ada = team.login("ada")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        users.add_user(ada, "alice", Role.ADMIN, "another-password", kdf=FAST_KDF)
    assert refused.value.rule == "user.unique"
    assert store_state(team.path) == before
    # alice's slot was not overwritten: her own password still works, the new one does not
    with Session.open(team.path, "alice", "alice-password") as alice:
        assert alice.user.role == Role.STAFF
    with pytest.raises(AuthenticationFailed):
        Session.open(team.path, "alice", "another-password", sleep=lambda _s: None)


@pytest.mark.parametrize(
    ("name", "password"),
    [("", "long-enough"), ("has space", "long-enough"), ("x" * 65, "long-enough"), ("ok", "short")],
)
def test_bad_names_and_short_passwords_are_bad_input(team: Team, name: str, password: str) -> None:
    ada = team.login("ada")
    before = store_state(team.path)
    with pytest.raises(BadInput):
        users.add_user(ada, name, Role.STAFF, password, kdf=FAST_KDF)
    assert store_state(team.path) == before


# -- failed logins --------------------------------------------------------------------------------


def test_wrong_password_fails_and_each_further_attempt_waits_longer(team: Team) -> None:
    sleep = SleepRecorder()
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            _login(team, "alice", "wrong-password", sleep)
    assert sleep.calls == [0.5, 1.0, 2.0, 4.0]  # the first failure costs nothing yet
    with _login(team, "alice", "alice-password", sleep) as alice:
        assert alice.user.name == "alice"
    assert sleep.calls[-1] == 8.0  # the successful attempt also waited its turn
    # success resets the count
    sleep.calls.clear()
    with _login(team, "alice", "alice-password", sleep):
        pass
    with pytest.raises(AuthenticationFailed):
        _login(team, "alice", "wrong-password", sleep)
    with pytest.raises(AuthenticationFailed):
        _login(team, "alice", "wrong-password", sleep)
    assert sleep.calls == [0.5]


def test_the_delay_is_capped_and_kept_per_user(team: Team) -> None:
    sleep = SleepRecorder()
    for _ in range(10):
        with pytest.raises(AuthenticationFailed):
            _login(team, "bob", "guess", sleep)
    assert sleep.calls == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    other = SleepRecorder()
    with _login(team, "alice", "alice-password", other):
        pass
    assert other.calls == []  # bob's failures do not slow alice down


def test_an_unknown_user_fails_like_a_wrong_password(team: Team) -> None:
    sleep = SleepRecorder()
    with pytest.raises(AuthenticationFailed) as unknown:
        _login(team, "nobody", "whatever-password", sleep)
    with pytest.raises(AuthenticationFailed) as wrong:
        _login(team, "alice", "whatever-password", sleep)
    assert unknown.value.exit_code == wrong.value.exit_code == 3
    assert str(unknown.value).replace("nobody", "X") == str(wrong.value).replace("alice", "X")


def test_a_failed_login_changes_nothing_in_the_store(team: Team) -> None:
    before = store_state(team.path)
    with pytest.raises(AuthenticationFailed):
        _login(team, "sam", "not-sams-password", SleepRecorder())
    assert store_state(team.path) == before


# -- password reset -------------------------------------------------------------------------------


def test_reset_issues_a_new_key_and_old_entries_still_verify(team: Team) -> None:
    bob = team.login("bob")
    old_key = bob.user.public_key
    cases.create_case(bob, "C-1", debtor_name="王秀英")
    old_entry = list(iter_log(bob))[-1]
    assert old_entry.actor == "bob"
    bob.close()

    ada = team.login("ada")
    reset = users.reset_password(ada, "bob", "bob-new-password", kdf=FAST_KDF)
    assert reset.public_key != old_key
    assert users.get_user(ada, "bob").public_key == reset.public_key
    entry = list(iter_log(ada))[-1]
    assert (entry.actor, entry.action) == ("ada", "user.reset_password")
    assert json.loads(entry.payload)["public_key"] == reset.public_key

    with pytest.raises(AuthenticationFailed):
        Session.open(team.path, "bob", "bob-password", sleep=lambda _s: None)
    with Session.open(team.path, "bob", "bob-new-password", clock=team.clock) as again:
        assert again.user.public_key == reset.public_key
        cases.edit_case(again, "C-1", amount_overdue="100")
        new_entry = list(iter_log(again))[-1]
        assert new_entry.actor == "bob"

    # the old entry is bob's under the old key, the new one under the new key
    def signed_by(key: str, entry: Entry) -> bool:
        return signing.verify(key, b"", signed_message(team, entry.seq), entry.signature)

    assert signed_by(old_key, old_entry)
    assert not signed_by(reset.public_key, old_entry)
    assert signed_by(reset.public_key, new_entry)
    _assert_intact(ada)


def test_resetting_an_unknown_user_is_not_found(team: Team) -> None:
    ada = team.login("ada")
    before = store_state(team.path)
    with pytest.raises(NotFound):
        users.reset_password(ada, "nobody", "some-password", kdf=FAST_KDF)
    assert store_state(team.path) == before


def test_an_admin_cannot_reset_their_own_password(team: Team) -> None:
    # A self-reset would swap the key the open session signs with and leave the store failing
    # verification; an admin changes their own password with the old one instead.
    ada = team.login("ada")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        users.reset_password(ada, "ada", "ada-new-password", kdf=FAST_KDF)
    assert refused.value.rule == "user.self_reset"
    assert store_state(team.path) == before
    users.change_own_password(ada, "ada-password", "ada-new-password", kdf=FAST_KDF)
    users.add_user(ada, "zed", Role.STAFF, "zed-password", kdf=FAST_KDF)
    _assert_intact(ada)
    with Session.open(team.path, "ada", "ada-new-password") as again:
        assert again.user.public_key == ada.user.public_key


# -- deactivation ---------------------------------------------------------------------------------


def test_a_deactivated_user_cannot_log_in_and_their_entries_still_verify(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="王秀英")
    alice.close()
    ada = team.login("ada")
    users.deactivate_user(ada, "alice")
    entry = list(iter_log(ada))[-1]
    assert (entry.actor, entry.action) == ("ada", "user.deactivate")
    assert users.get_user(ada, "alice").active is False
    with pytest.raises(AuthenticationFailed):
        Session.open(team.path, "alice", "alice-password", sleep=lambda _s: None)
    _assert_intact(ada)


def test_a_reset_does_not_reactivate_a_deactivated_user(team: Team) -> None:
    ada = team.login("ada")
    users.deactivate_user(ada, "bob")
    users.reset_password(ada, "bob", "bob-new-password", kdf=FAST_KDF)
    with pytest.raises(AuthenticationFailed):
        Session.open(team.path, "bob", "bob-new-password", sleep=lambda _s: None)


def test_an_admin_cannot_deactivate_themselves(team: Team) -> None:
    ada = team.login("ada")
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        users.deactivate_user(ada, "ada")
    assert refused.value.rule == "user.self_deactivate"
    assert store_state(team.path) == before


def test_deactivating_an_unknown_user_is_not_found(team: Team) -> None:
    ada = team.login("ada")
    with pytest.raises(NotFound):
        users.deactivate_user(ada, "nobody")
