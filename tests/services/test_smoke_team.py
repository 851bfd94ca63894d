from tests.helpers import Team


def test_team_members_can_log_in_with_their_roles(team: Team) -> None:
    session = team.login("sam")
    assert session.user.role.value == "supervisor"
