"""A store written by an earlier release still verifies with today's code.

``tests/fixtures/release_store/`` was made by the release before issue 17 (see the README
beside it): its imports sealed English problem sentences and Pillow's warning text. Verify must
rebuild those bytes with the frozen legacy wording and find the store intact.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence_desk.services import verify
from evidence_desk.services.session import Session

RELEASE_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "release_store"


def test_the_release_store_verifies_intact(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    with Session.open(store, "root", "root-password") as session:
        report = verify.verify_store(session)
        kinds = [row["kind"] for row in session.conn.execute("SELECT kind FROM imports")]
    assert report.intact, [f.as_json() for f in report.errors]
    assert [f.code for f in report.findings] == ["timestamp.pending"]
    assert sorted(kinds) == ["chat"] * 7 + ["image", "recording"]
