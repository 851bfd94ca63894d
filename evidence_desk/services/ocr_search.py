"""Search finds screenshots by the words OCR read in them (issue 22).

A hit is a screenshot (an item), never a message: what OCR read is derived from a picture, not
what the export says was sent, so the app and the CLI show these hits apart, marked as OCR text.

Like message search (services/reading.py), a needle of three characters or more is looked up
in a contentless trigram index (``ocr_text``, migration 17: trigrams and rowids only, inside
the encrypted database); the candidates' sealed results are then opened and matched line by
line, as LIKE would, which also says which lines matched. Shorter needles, and results read
before the index existed, are matched once opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidence_desk.domain.policy import Action
from evidence_desk.services import access_log, case_keys, ocr, reading
from evidence_desk.services.session import Session


@dataclass(frozen=True, slots=True)
class ScreenshotHit:
    """A screenshot whose OCR text contains the needle, with the lines that do."""

    item_id: str
    contact_id: str
    case_no: str
    file_name: str
    added_at: str
    lines: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": "ocr_text",
            "item_id": self.item_id,
            "case_no": self.case_no,
            "contact_id": self.contact_id,
            "file_name": self.file_name,
            "added_at": self.added_at,
            "lines": list(self.lines),
        }


def search(
    session: Session,
    text: str,
    *,
    contact_id: str | None = None,
    case_no: str | None = None,
    limit: int = 1000,
) -> list[ScreenshotHit]:
    """Screenshots (of one contact, one case, or every one this user may read) whose OCR text
    contains ``text``, oldest first."""
    session.require(Action.EVIDENCE_READ)
    needle = text.strip()
    if not needle:
        return []
    clauses, args = ["i.role = ?"], [ocr.SCREENSHOT_ROLE]
    if contact_id is not None:
        clauses.append("i.contact_id = ?")
        args.append(contact_id)
    if case_no is not None:
        clauses.append("c.case_no = ?")
        args.append(case_no)
    if len(needle) >= 3:
        # indexed results that match, and those the index does not hold (read before it)
        clauses.append(
            "(o.rowid IN (SELECT rowid FROM ocr_text WHERE ocr_text MATCH ?) "
            "OR o.rowid NOT IN (SELECT rowid FROM ocr_text))"
        )
        args.append('"' + needle.replace('"', '""') + '"')
    rows = session.conn.execute(
        "SELECT i.*, c.case_no AS case_no FROM ocr_results o "
        "JOIN items i ON i.id = o.item_id JOIN contacts c ON c.id = i.contact_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY i.added_at, i.id",
        args,
    ).fetchall()
    hits: list[ScreenshotHit] = []
    for row in rows:
        case = str(row["case_no"])
        if case_keys.case_key(session, case) is None:
            continue  # another team's or a shredded case: nothing of it is shown
        item_id = str(row["id"])
        result = ocr.result(session, item_id)
        if result is None:
            continue
        lines = tuple(ln.text for ln in result.lines if reading.like(needle, ln.text))
        if not lines and reading.like(needle, ocr.index_text(result)):
            lines = tuple(ln.text for ln in result.lines)  # the needle spans two lines
        if lines:
            # the file name is sealed under the case key, as every item's is
            opened = case_keys.open_item_row(session, row)
            hits.append(
                ScreenshotHit(
                    item_id,
                    str(row["contact_id"]),
                    case,
                    str(opened["file_name"]),
                    str(row["added_at"]),
                    lines,
                )
            )
            if len(hits) >= limit:
                break
    # the read log (PI-1): one row per case whose screenshots the search showed (a search that
    # showed none is logged by the message search it goes with)
    access_log.record(
        session,
        access_log.SEARCH,
        {h.case_no for h in hits},
        contact_id or case_no or "",
        {"text": needle, "ocr_hits": len(hits)},
    )
    return hits
