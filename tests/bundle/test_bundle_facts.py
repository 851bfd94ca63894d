"""Facts of the bundle that settings steer (issue 21 item 4): the time-stamp gap flag."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.domain.errors import BadInput
from evidence_desk.services import settings, timestamps
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.bundle.support import CASE, export, store_with_evidence
from tests.helpers import TickingClock, make_team, pdf_text


def test_the_time_stamp_gap_flag_follows_its_setting(pki: TestPki, tmp_path: Path) -> None:
    # the test PKI's certificates are valid around the real present, so time starts there
    clock = TickingClock(datetime.now(UTC).replace(microsecond=0))
    team = make_team(tmp_path / "store", clock)
    try:
        with LocalTsa(pki, clock=lambda: clock.now) as tsa:
            admin = team.login("ada")
            timestamps.add_authority(
                admin, "local-test-tsa", tsa.url, pki.root_pem.read_text(), timeout_seconds=5
            )
            assert settings.get(admin, "tsa_gap_flag_hours") == "24"  # the default
            with pytest.raises(BadInput):
                settings.set_value(admin, "tsa_gap_flag_hours", "0")
            store_with_evidence(team, tmp_path / "in")
            clock.advance(hours=2)  # the export stamps the imports two hours after they came
            english = Scope(CASE, language="en")
            default = export(team, tmp_path / "out-24", english)
            assert default.checkpoint_stamped
            text = " ".join(pdf_text(default.pdf_paths[0]).split())
            assert "Gap from import to the first trusted time-stamp: 2.0 h" in text
            assert "flagged" not in text
            settings.set_value(admin, "tsa_gap_flag_hours", "1")
            hourly = export(team, tmp_path / "out-1", english)
            text = " ".join(pdf_text(hourly.pdf_paths[0]).split())
            assert "(over 1 hours: flagged)" in text
    finally:
        team.close_all()
