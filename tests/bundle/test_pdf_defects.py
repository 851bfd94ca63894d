"""Defects a review of a real bundle found (issue 21 item 4), each pinned by a test on a real
export: the PDF as a reader opens it, as pdftotext reads it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject

from tests.bundle.support import export, store_with_evidence
from tests.helpers import Team


def test_the_open_action_resolves_to_the_cover_page(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    reader = PdfReader(export(team, tmp_path / "out").pdf_paths[0])
    action = reader.trailer["/Root"]["/OpenAction"]
    if "/D" in action:
        assert action["/S"] == "/GoTo"
        destination = action["/D"]
    else:
        destination = action
    # an explicit destination, not a name that the document would have to define
    assert isinstance(destination, ArrayObject), destination
    assert reader.get_page_number(destination[0].get_object()) == 0
    assert destination[1] == "/XYZ" and float(destination[4]) == 1.0
