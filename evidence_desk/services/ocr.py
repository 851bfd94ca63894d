"""Screenshots read by OCR (issue 22): results sealed with their item, ledgered by digest.

An OCR result is derived data, never the evidence: the screenshot's original stays sealed as it
was imported. The result (lines, boxes, confidences, the engine and its models) is sealed under
the case key as one ciphertext per item (table ``ocr_results``, store/case_keys.seal_ocr), and an
``ocr.read`` ledger entry records only codes and facts: the item, its original's digest, the
result's digest, the engine's name and version and each model file's SHA-256. So it can be
checked and recomputed. :func:`check_ocr` (one of verify's checks) opens every sealed result and
compares its digest with the ledger: any change to a stored result is found on every verify.
Reading the original again (about a second of CPU per screenshot) is verify's deep check,
:func:`reread_ocr` (``verify --deep``): a different reading is an error, unless the engine or its
models changed since (then a warning: a new engine may read a pixel differently, and the ledger
says which one read it). That catches a result that was not what the engine read (a reading
written and ledgered by an insider's own code); the plain verify says how many it did not read
again, so that nobody takes its INTACT for more than it checked.

Screenshots imported before OCR existed are read later: :func:`pending` lists those without a
result and :func:`read_pending` reads them (``evidence-desk ocr``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain.errors import NotFound
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.ocr import engine
from evidence_desk.ocr.engine import OcrResult
from evidence_desk.services import access_log, case_blobs, case_keys
from evidence_desk.services.contacts import get_contact
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck

_said = Catalogue(
    {
        "ocr.where": "OCR result of item {item}",
        "ocr.no_screenshot": "no screenshot item {item}",
        "ocr.missing": "the ledger records an OCR result (entry {seq}) that is not in the store",
        "ocr.unrecorded": "an OCR result is in the store but no ledger entry records it "
        "(inserted outside the app)",
        "ocr.opens_not": "the sealed OCR result does not open under the case key ({error})",
        "ocr.changed": "the sealed OCR result's digest {found} is not the one ledger entry {seq} "
        "records ({recorded})",
        "ocr.reads_otherwise": "reading the original again gives digest {found}, not the "
        "{recorded} of ledger entry {seq} (same engine {version})",
        "ocr.not_reread": "{count} screenshot {count:reading|readings} checked against the "
        "ledger, not read again (verify --deep reads every screenshot again)",
        "ocr.reread_same": "{count} {count:screenshot|screenshots} read again by OCR, each "
        "the same as the reading the ledger records",
        "ocr.engine_changed": "reading the original again gives digest {found}, not {recorded} "
        "(ledger entry {seq}); the engine or its models changed since: {recorded_version} then, "
        "{version} now",
    }
)

#: the role of an imported screenshot's item (services/importing.py _MAIN_ROLE)
SCREENSHOT_ROLE = "screenshot"

Reader = Callable[[bytes], OcrResult]


@dataclass(frozen=True, slots=True)
class Screenshot:
    """An imported screenshot: its item, contact, case and original."""

    item_id: str
    contact_id: str
    case_no: str
    sha256: str
    added_at: str


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """One screenshot read: its item, how many lines, the result's digest, the ledger entry."""

    item_id: str
    contact_id: str
    lines: int
    results_sha256: str
    seq: int

    def as_json(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "contact": self.contact_id,
            "lines": self.lines,
            "results_sha256": self.results_sha256,
            "seq": self.seq,
        }


def _shots(session: Session, where: str, args: tuple[str, ...]) -> list[Screenshot]:
    return [
        Screenshot(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]))
        for r in session.conn.execute(
            "SELECT i.id, i.contact_id, c.case_no, i.sha256, i.added_at FROM items i "
            "JOIN contacts c ON c.id = i.contact_id "
            f"WHERE i.role = '{SCREENSHOT_ROLE}' {where} ORDER BY i.added_at, i.id",
            args,
        )
    ]


def screenshots(session: Session, contact_id: str) -> list[Screenshot]:
    """Every screenshot imported for the contact, oldest first."""
    session.require(Action.EVIDENCE_READ)
    get_contact(session, contact_id)
    return _shots(session, "AND i.contact_id = ?", (contact_id,))


def pending(
    session: Session, *, contact_id: str | None = None, item_id: str | None = None
) -> list[Screenshot]:
    """Screenshots not read yet (of one contact, one item, or every readable contact)."""
    session.require(Action.OCR_READ)
    unread = "AND NOT EXISTS (SELECT 1 FROM ocr_results o WHERE o.item_id = i.id)"
    if item_id is not None:
        found = _shots(session, "AND i.id = ?", (item_id,))
        if not found:
            raise NotFound(_said("ocr.no_screenshot", item=item_id))
        get_contact(session, found[0].contact_id)  # the contact may be read by this user
        return _shots(session, f"AND i.id = ? {unread}", (item_id,))
    if contact_id is not None:
        get_contact(session, contact_id)
        return _shots(session, f"AND i.contact_id = ? {unread}", (contact_id,))
    return _shots(session, unread, ())


def read_screenshot(
    session: Session, shot: Screenshot, reader: Reader | None = None
) -> ReadOutcome:
    """Read one screenshot's original with the engine, seal the result beside its item and
    ledger its digest (``ocr.read``). Raises OriginalSealed when this user holds no key of the
    case; the rule table refuses an item that is not a screenshot of the contact."""
    session.require(Action.OCR_READ)
    key = case_keys.case_key(session, shot.case_no)
    if key is None:
        raise case_blobs.OriginalSealed(shot.case_no)
    data = case_blobs.read_bytes(session, shot.sha256, shot.case_no)
    access_log.record(session, access_log.VIEW_ITEM, [shot.case_no], shot.sha256)
    result = (reader or engine.shared().read)(data)
    domain = case_keys.key_domain(session, shot.case_no)
    sealed = ck.seal_ocr(domain, shot.item_id, key, result.encode())
    digest = result.digest()

    def store(conn: Any, _seq: int) -> None:
        # the search index (migration 17) follows the result: a read again replaces both
        conn.execute(
            "DELETE FROM ocr_text WHERE rowid IN (SELECT rowid FROM ocr_results WHERE item_id = ?)",
            (shot.item_id,),
        )
        row = conn.execute(
            "INSERT OR REPLACE INTO ocr_results (item_id, sealed) VALUES (?, ?) RETURNING rowid",
            (shot.item_id, sealed),
        ).fetchone()
        conn.execute(
            "INSERT INTO ocr_text (rowid, text) VALUES (?, ?)", (int(row[0]), index_text(result))
        )

    entry = session.write(
        "ocr.read",
        {
            "item_id": shot.item_id,
            "contact_id": shot.contact_id,
            "sha256": shot.sha256,
            "results_sha256": digest,
            "lines": len(result.lines),
            "engine": result.engine.name,
            "engine_version": result.engine.version,
            "models": dict(result.engine.models),
        },
        extra=store,
    )
    return ReadOutcome(shot.item_id, shot.contact_id, len(result.lines), digest, entry.seq)


def index_text(result: OcrResult) -> str:
    """What the search index holds of a result: its lines' texts, one a line."""
    return "\n".join(line.text for line in result.lines)


def read_pending(
    session: Session,
    *,
    contact_id: str | None = None,
    item_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ReadOutcome]:
    """Read every pending screenshot (see :func:`pending`), one ledger entry each; stops
    between two screenshots when ``cancelled`` says so (what was read stays read)."""
    shots = pending(session, contact_id=contact_id, item_id=item_id)
    if contact_id is None and item_id is None:
        # every screenshot the user may read: not those of cases whose key they do not hold
        # (another team's, a shredded case); named ones are refused instead (OriginalSealed)
        shots = [s for s in shots if case_keys.case_key(session, s.case_no) is not None]
    done: list[ReadOutcome] = []
    for index, shot in enumerate(shots):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(index, len(shots))
        done.append(read_screenshot(session, shot))
    if progress is not None:
        progress(len(done), len(shots))
    return done


def result(session: Session, item_id: str) -> OcrResult | None:
    """The item's sealed OCR result, opened; None when it was not read (or this user holds no
    key of its case). Raises CaseKeyError when it does not open."""
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT o.sealed, c.case_no FROM ocr_results o JOIN items i ON i.id = o.item_id "
        "JOIN contacts c ON c.id = i.contact_id WHERE o.item_id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        return None
    key = case_keys.case_key(session, str(row[1]))
    if key is None:
        return None
    domain = case_keys.key_domain(session, str(row[1]))
    return OcrResult.decode(ck.open_ocr(domain, item_id, key, bytes(row[0])))


# -- verify --------------------------------------------------------------------------------------


def _recorded(replay: Replay) -> dict[str, tuple[int, dict[str, Any]]]:
    """item -> (seq, payload) of the last ``ocr.read`` entry the rule table accepted."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for entry, payload in zip(replay.entries, replay.payloads, strict=True):
        if entry.action == "ocr.read" and entry.seq not in replay.rejected:
            found[str(payload.get("item_id"))] = (entry.seq, payload)
    return found


def check_ocr(session: Session, replay: Replay) -> Iterable[Finding]:
    """verify: every sealed OCR result is the one the ledger records (see the module's
    docstring); one info finding counts the readings not read again."""
    yield from _check_results(session, replay, reread=False)


def reread_ocr(
    session: Session, replay: Replay, progress: Callable[[str, int, int], None] | None = None
) -> Iterable[Finding]:
    """verify --deep: :func:`check_ocr`, and the engine reads every original the same way
    again (``progress`` is told before each, stage "screenshots"); one info finding counts the
    readings found the same, so a deep verify's report shows it read them."""
    yield from _check_results(session, replay, reread=True, progress=progress)


def _check_results(
    session: Session,
    replay: Replay,
    *,
    reread: bool,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterable[Finding]:
    recorded = _recorded(replay)
    stored = {
        str(r[0]): (bytes(r[1]), str(r[2]), str(r[3]))
        for r in session.conn.execute(
            "SELECT o.item_id, o.sealed, c.case_no, i.sha256 FROM ocr_results o "
            "JOIN items i ON i.id = o.item_id JOIN contacts c ON c.id = i.contact_id"
        )
    }
    shredded = {str(key[0]) for key in replay.tables.get("shreddings", {})}
    for item_id in sorted(stored.keys() - recorded.keys()):
        yield Finding("ocr.unrecorded", _said("ocr.where", item=item_id), _said("ocr.unrecorded"))
    not_reread = reread_same = 0
    for done, (item_id, (seq, payload)) in enumerate(sorted(recorded.items())):
        if progress is not None:
            progress("screenshots", done, len(recorded))
        where = _said("ocr.where", item=item_id)
        if item_id not in stored:
            if not _in_shredded_case(session, item_id, shredded):
                yield Finding("ocr.missing", where, _said("ocr.missing", seq=seq))
            continue
        sealed, case_no, sha256 = stored[item_id]
        opened = yield from _opened(session, seq, payload, sealed, case_no, item_id, where)
        if not opened:
            continue
        if reread:
            differs = list(_read_again(session, seq, payload, case_no, sha256, where))
            reread_same += not differs
            yield from differs
        else:
            not_reread += 1
    if not_reread:
        yield Finding(
            "ocr.not_reread", "", _said("ocr.not_reread", count=not_reread), severity="info"
        )
    if reread_same:
        yield Finding(
            "ocr.reread_same", "", _said("ocr.reread_same", count=reread_same), severity="info"
        )


def _in_shredded_case(session: Session, item_id: str, shredded: set[str]) -> bool:
    row = session.conn.execute(
        "SELECT c.case_no FROM items i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    return row is not None and str(row[0]) in shredded


def _opened(
    session: Session,
    seq: int,
    payload: dict[str, Any],
    sealed: bytes,
    case_no: str,
    item_id: str,
    where: str,
) -> Generator[Finding, None, bool]:
    """Whether the sealed result opens and matches the ledger's digest (a finding where not;
    nothing where this user holds no key of the case: case_key_checks says so once a case)."""
    key = case_keys.case_key(session, case_no)
    if key is None:
        return False
    try:
        domain = case_keys.key_domain(session, case_no)
        opened = OcrResult.decode(ck.open_ocr(domain, item_id, key, sealed))
    except (ck.CaseKeyError, ValueError, KeyError, TypeError) as error:
        yield Finding("ocr.sealed", where, _said("ocr.opens_not", error=type(error).__name__))
        return False
    recorded = str(payload.get("results_sha256"))
    if opened.digest() != recorded:
        yield Finding(
            "ocr.changed",
            where,
            _said("ocr.changed", found=opened.digest(), seq=seq, recorded=recorded),
        )
        return False
    return True


def _read_again(
    session: Session, seq: int, payload: dict[str, Any], case_no: str, sha256: str, where: str
) -> Iterable[Finding]:
    """The engine reads the original again: the same digest, or a finding."""
    recorded = str(payload.get("results_sha256"))
    again = engine.shared().read(case_blobs.read_bytes(session, sha256, case_no))
    if again.digest() == recorded:
        return
    then = f"{payload.get('engine')} {payload.get('engine_version')}"
    now = f"{again.engine.name} {again.engine.version}"
    same_engine = then == now and payload.get("models") == dict(again.engine.models)
    if same_engine:
        yield Finding(
            "ocr.recomputed",
            where,
            _said(
                "ocr.reads_otherwise", found=again.digest(), recorded=recorded, seq=seq, version=now
            ),
        )
    else:
        yield Finding(
            "ocr.engine_changed",
            where,
            _said(
                "ocr.engine_changed",
                found=again.digest(),
                recorded=recorded,
                seq=seq,
                recorded_version=then,
                version=now,
            ),
            severity="warning",
        )
