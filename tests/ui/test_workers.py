"""Background jobs: a job that needs the store works on a sibling session of its own, opened in
the worker thread and closed when the work ends; results and errors come back as signals."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from evidence_desk.services.session import Session
from evidence_desk.ui.workers import Job, start
from tests.helpers import Team


def test_a_job_with_a_session_works_on_a_sibling_closed_after_the_work(
    team: Team, qtbot: QtBot
) -> None:
    alice = team.login("alice")
    used: list[Session] = []

    def work(session: Session, _job: Job[str]) -> str:
        used.append(session)
        return session.user.name

    job = Job(work, alice)
    results: list[str] = []
    job.on_finished(results.append)
    start(job)
    qtbot.waitUntil(lambda: results == ["alice"], timeout=30_000)
    assert len(used) == 1
    assert used[0] is not alice and used[0].conn is not alice.conn
    assert used[0].closed  # the sibling is the job's own, closed when the work ended
    assert not alice.closed


def test_a_job_without_a_session_gets_only_itself_and_reports_progress(qtbot: QtBot) -> None:
    def work(job: Job[int]) -> int:
        job.report(50, "half")
        return 42

    job = Job(work)
    steps: list[tuple[int, str]] = []
    results: list[int] = []
    job.on_progress(lambda percent, what: steps.append((percent, what)))
    job.on_finished(results.append)
    start(job)
    qtbot.waitUntil(lambda: results == [42], timeout=30_000)
    assert steps == [(50, "half")]


def test_a_failing_job_reports_the_error_with_its_traceback(qtbot: QtBot) -> None:
    def work(_job: Job[None]) -> None:
        raise ValueError("no such file")

    job = Job(work)
    failures: list[BaseException] = []
    job.on_failed(failures.append)
    start(job)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=30_000)
    assert isinstance(failures[0], ValueError)
    assert "no such file" in failures[0].__dict__["ui_traceback"]
    assert job.done.is_set()
