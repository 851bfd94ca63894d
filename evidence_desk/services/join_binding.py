"""Binding an existing store to the organisation (``join --store EXISTING``): the device side.

services/join_existing.py judges the store against the organisation, reading only. This module
makes the entries that bind it, has the hub accept them, and only then commits them:

1. ``join_existing.check_session`` (a refusal names its rule; nothing of the store changes);
2. the entries after the store's head (seq N+1 ``device.join`` with ``pre_org``, N+2
   ``handle.reindex`` when the store holds contacts), signed by the joining user's existing
   key and linked to the head, NOT committed (``join_existing.existing_join_entries``). The
   reindex puts each contact's handle digest under the organisation's handle-index key, which
   the invitation sealed to the code;
3. their exact bytes go to ``join-pending.json`` beside ``store.json`` (atomic), so a join whose
   answer was lost is retried with the same bytes, never with a second, different join;
4. the whole ledger 1..N staged at the hub in pages (``POST /v1/join/history``, resumed after
   what the hub holds staged: :func:`stage_history`), then ``POST /v1/join`` with them and the
   staged size and head (both signed with the invitation's key);
5. accepted: the same bytes are appended by the store's writer (``Session.append_signed``:
   under the writer lock, one transaction, each entry's link, hash and signature checked) with
   the reindexed handles applied in that transaction; then ``hub.json``, ``hub-ca.pem`` and
   ``hub-key.json`` are written as for a new store's join, the hub's receipts kept, the pending
   file deleted, and a sync pulls the organisation (the entries' positions, the projected
   tables, the wraps; it wraps the store's case keys for the organisation's readers). The
   organisation's handle-index key the invitation sealed is then adopted
   (``case_keys.adopt_invited_handle_key``, a ``case.keys`` entry) and pushed: after the pull,
   when the store's key domain for it is the organisation's;
6. refused: the pending file is removed and the refusal raised (rule named): every file of the
   store is as it was.

A retry with a pending file first asks the hub, as the joining user, whether it holds those
entries (a join whose answer was lost: the hub knows the user's key from then on): if so they
are committed without sending anything again; if not, the same bytes are sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from evidence_desk.domain.errors import BadInput, Cancelled, RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger
from evidence_desk.services import case_keys, hub_receipts, join_existing, org_ledger
from evidence_desk.services import sync as sync_service
from evidence_desk.services.hub_client import HubAuthError, HubClient, HubRefused
from evidence_desk.services.row_changes import apply_change, put
from evidence_desk.services.session import Session
from evidence_desk.store import db
from evidence_desk.store.files import atomic_write
from evidence_desk.store.folder import StoreFolder

PENDING_FILE: Final = "join-pending.json"
#: the reindex entry's action (domain/authority.py judges it)
REINDEX: Final = "handle.reindex"
#: entries per page of the history's upload (the hub takes at most ``MAX_BATCH`` per request)
HISTORY_PAGE: Final = 1000
#: about this many bytes of JSON per page (the hub's gate takes at most 16 MB per body)
PAGE_BYTES: Final = 8 * 1024 * 1024

_said = Catalogue(
    {
        "join.pending_unreadable": "{path}: unreadable pending join ({error})",
        "join.pending_stale": "{path}: the hub accepted this store's join at entry {seq}, but the "
        "store does not follow it any more (it wrote other entries since, or the pending file "
        "was replaced): nothing was committed. Change nothing more in this store and give this "
        "message to your administrator: the hub holds device {device} with a join at entry "
        "{seq} that this store cannot commit, so this store cannot be bound under that id",
        "join.pending_other": "{path}: the pending join is {user}'s, not {given}'s",
        "join.cancelled": "the join was cancelled before it was sent: nothing of the store changed",
    }
)


@dataclass(frozen=True, slots=True)
class Pending:
    """A join sent (or about to be) and not committed yet: its entries' exact bytes."""

    user: str
    entries: tuple[ledger.Entry, ...]

    def as_json(self) -> dict[str, Any]:
        return {"user": self.user, "entries": [list(e) for e in self.entries]}


# -- the pending file -------------------------------------------------------------------------


def pending_path(folder: StoreFolder) -> Path:
    return folder.path / PENDING_FILE


def read_pending(folder: StoreFolder) -> Pending | None:
    """The join sent and not committed, None when there is none."""
    path = pending_path(folder)
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text("utf-8"))
        entries = tuple(ledger.Entry(*item) for item in body["entries"])
        return Pending(str(body["user"]), entries)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadInput(
            str(path), "", _said("join.pending_unreadable", path=path, error=error)
        ) from None


def write_pending(folder: StoreFolder, pending: Pending) -> None:
    body = json.dumps(pending.as_json(), ensure_ascii=False, indent=1)
    atomic_write(pending_path(folder), body.encode("utf-8"))


def drop_pending(folder: StoreFolder) -> None:
    pending_path(folder).unlink(missing_ok=True)


# -- the flow ---------------------------------------------------------------------------------


def join_existing_store(
    path: Path,
    url: str,
    ca_file: Path,
    user: str,
    password: str,
    code: str,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Session, sync_service.SyncReport]:
    """``join URL --code --ca --user NAME --store EXISTING``: bind the store at ``path`` (see
    the module's docstring); returns the session (the caller closes it) and the first sync's
    report. A refusal leaves the store as it was."""
    session = Session.open(path, user, password)
    try:
        report = bind_open_store(session, url, ca_file, code, cancelled=cancelled)
    except BaseException:
        session.close()
        raise
    return session, report


def bind_open_store(
    session: Session,
    url: str,
    ca_file: Path,
    code: str,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> sync_service.SyncReport:
    """Bind the store ``session`` has open (the app's main window, or the CLI's) as its
    logged-in user. ``cancelled`` is asked until the join is sent; afterwards it runs to its
    end (the hub may hold it)."""
    folder = session.folder
    pending = read_pending(folder)
    if pending is not None and pending.user != session.user.name:
        raise RuleViolation(
            "join.pending_other",
            _said(
                "join.pending_other", path=folder.path, user=pending.user, given=session.user.name
            ),
        )
    if pending is not None and _accepted(session, url, ca_file, pending):
        return _commit(session, url, ca_file, pending, code, None)
    if pending is not None and not _follows_head(session.conn, pending):
        # the hub holds none of it (asked above) and the store moved on: made afresh
        drop_pending(folder)
        pending = None
    if pending is None:
        plan = join_existing.check_session(session, url, ca_file, code)
        entries = join_existing.existing_join_entries(session, plan, code)
        pending = Pending(session.user.name, tuple(entries))
    if cancelled():
        raise Cancelled(_said("join.cancelled"))
    write_pending(folder, pending)
    try:
        with sync_service.invite_client(url, ca_file, code) as client:
            hub_key, _rotations = hub_receipts.hub_pin(client)
            history = org_ledger.own_entries(session)
            size, head = stage_history(client, folder.store_id, history)
            answer = client.post(
                "/v1/join",
                {
                    "device_id": folder.store_id,
                    "entries": [list(e) for e in pending.entries],
                    "staged": {"size": size, "head": head},
                },
            )
    except HubRefused:
        drop_pending(folder)  # the hub holds nothing of it: the store as it was
        raise
    return _commit(session, url, ca_file, pending, code, (hub_key, answer))


def history_pages(
    history: Sequence[ledger.Entry], *, entries: int = HISTORY_PAGE, size: int = PAGE_BYTES
) -> Iterator[list[ledger.Entry]]:
    """``history`` in pages of at most ``entries`` entries and about ``size`` bytes of JSON
    (a page holds at least one entry): each fits one request (``MAX_BATCH``, body limit)."""
    page: list[ledger.Entry] = []
    held = 0
    for entry in history:
        cost = len(json.dumps(list(entry), ensure_ascii=False).encode("utf-8")) + 2
        if page and (len(page) >= entries or held + cost > size):
            yield page
            page, held = [], 0
        page.append(entry)
        held += cost
    if page:
        yield page


def stage_history(
    client: HubClient, device_id: str, history: Sequence[ledger.Entry]
) -> tuple[int, str]:
    """Upload the store's ledger 1..N to the hub's staging for this join (``POST
    /v1/join/history``, signed with the invitation's key), resuming after what the hub holds
    staged already: an interrupted upload sends only the rest. What the hub staged that is
    not this store's own prefix (another attempt's) is forgotten first (``restart``).
    Returns the staged size and head (N and entry N's hash)."""
    asked = client.post("/v1/join/history", {"device_id": device_id, "entries": []})
    size, head = int(asked["size"]), str(asked["head"])
    restart = size > len(history) or (size > 0 and history[size - 1].entry_hash != head)
    if restart:
        size = 0
    for page in history_pages(history[size:]):
        body: dict[str, Any] = {"device_id": device_id, "entries": [list(e) for e in page]}
        if restart:
            body["restart"], restart = True, False
        answer = client.post("/v1/join/history", body)
        size, head = int(answer["size"]), str(answer["head"])
    return size, head


def _follows_head(conn: db.Connection, pending: Pending) -> bool:
    last = conn.execute("SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    first = pending.entries[0]
    return last is not None and (first.seq, first.prev_hash) == (int(last[0]) + 1, str(last[1]))


def _accepted(session: Session, url: str, ca_file: Path, pending: Pending) -> bool:
    """Whether the hub holds the pending join (its answer was lost): the hub knows this
    user's key only once it accepted the join, and its history then holds this device's
    entries with the pending entries' hashes."""
    device = session.folder.store_id
    wanted = {e.seq: e.entry_hash for e in pending.entries}
    with HubClient(url, ca_file, session.user.name, session.signing_key) as client:
        try:
            client.whoami()
        except HubAuthError:
            return False
        held = {
            item.entry.seq: item.entry.entry_hash
            for page in sync_service.pull_history(client)
            for item in page
            if item.device_id == device and item.entry.seq in wanted
        }
    if not held:
        return False
    if held != wanted or not _follows_head(session.conn, pending):
        raise RuleViolation(
            "join.pending_stale",
            _said(
                "join.pending_stale",
                path=session.folder.path,
                seq=pending.entries[0].seq,
                device=device,
            ),
        )
    return True


def _commit(
    session: Session,
    url: str,
    ca_file: Path,
    pending: Pending,
    code: str,
    answered: tuple[Any, Mapping[str, Any]] | None,
) -> sync_service.SyncReport:
    """The accepted entries appended as they are, the reindexed handles applied with them;
    then the binding, the receipts and the first sync."""
    folder = session.folder
    rows = [
        row
        for entry in pending.entries
        if entry.action == REINDEX
        for row in json.loads(entry.payload).get("rows", [])
    ]

    def reindexed(conn: db.Connection) -> None:
        for row in rows:
            apply_change(conn, put(str(row["table"]), dict(row["row"])))

    session.append_signed(pending.entries, extra=reindexed, operation="join")
    bound = sync_service.bind(folder, url, ca_file)
    kept = 0
    if answered is not None:
        hub_key = answered[0]
        hub_receipts.pin(folder, hub_key)
    with sync_service.client_for(session, bound) as client:
        if answered is None:
            hub_receipts.ensure_pinned(folder, client)
        else:
            kept = hub_receipts.keep(session, answered[1].get("hub_receipts"))
        drop_pending(folder)
        # pull first: it places entries 1..N+2 in the organisation's order (their positions),
        # so the sync's push sends none of the store's history again (its older users' entries
        # are not the organisation's users' pushes)
        first = sync_service.SyncReport()
        sync_service.pull(session, client, first)
        report = sync_service.sync(session, client)
        report.pulled += first.pulled
        report.receipts += first.receipts
        report.blobs_down += first.blobs_down
        report.wraps_down += first.wraps_down
        invite_id = str(json.loads(pending.entries[0].payload).get("invite_id"))
        if adopt_handle_key(session, invite_id, code):
            sync_service.push(session, client, report)
    report.hub_receipts += kept
    return report


def adopt_handle_key(session: Session, invite_id: str, code: str) -> bool:
    """After the first pull (the store's key domain is the organisation's from then on): the
    handle-index key the invitation sealed to the code, wrapped for this user (``case.keys``,
    reason "invitation"), so ``Session.handle_index`` digests under the organisation's key.
    True when it wrote the entry (none when this user holds a wrap already)."""
    for (text,) in session.conn.execute(
        "SELECT payload FROM device_entries WHERE action = 'user.invite' AND verdict = '' "
        "AND instr(payload, ?) > 0",
        (invite_id,),
    ):
        payload = json.loads(str(text))
        sealed = payload.get("handle_key")
        if payload.get("invite_id") == invite_id and isinstance(sealed, dict):
            code_wrap = org_ledger.invite_wrap_key(code)
            return case_keys.adopt_invited_handle_key(session, sealed, code_wrap) is not None
    return False
