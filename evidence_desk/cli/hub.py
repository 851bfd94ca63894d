"""The organisation's commands: ``hub init|serve|status``, ``hub user add``, ``hub device
list|retire`` (cli/devices.py), ``join``, ``sync``.

Kept beside cli/commands.py, which registers them with one call. ``hub init`` and ``hub serve``
run on the hub's machine with the database's URL; the others run on a device and reach the
hub over HTTPS, signing every request with the device user's own key. Exit codes as everywhere
(docs/CLI.md), plus 5: the hub could not be reached (nothing was lost; the work stays queued).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import PoolTimeout

from evidence_desk.cli.common import open_session, password_from, user_name
from evidence_desk.cli.devices import add_commands as add_device_commands
from evidence_desk.console import json_text
from evidence_desk.domain import hub_protocol
from evidence_desk.domain.errors import BadInput, EvidenceDeskError, RuleViolation, UsageError
from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.domain.models import Role
from evidence_desk.domain.wording import Catalogue
from evidence_desk.hub import (
    app,
    judging,
    live,
    object_store,
    org_clock,
    org_stamps,
    receipts,
    schema,
    tls,
    worker_group,
)
from evidence_desk.hub.lanes import Lanes
from evidence_desk.hub.repository import HubRepository
from evidence_desk.hub.routes import PAGE_CAP, PULL_PAGE, OrgDirectory, routes
from evidence_desk.integrity import pinning
from evidence_desk.services import (
    case_keys,
    hub_receipts,
    join_binding,
    join_existing,
    org_ledger,
    records_key,
    sync,
)
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.receipt_checks import HubPin
from evidence_desk.services.session import Session

#: the hub's application role: INSERT and SELECT on the evidence tables (hub/schema.py)
APP_ROLE = "evidence_desk_hub"
#: connections of ``hub serve``'s pool: 8 for pushes, receipts and blobs (as many as before),
#: 4 kept for reads (hub/repository.py ``heavy_slots``); the gate's lookups have
#: ``GATE_CONNECTIONS`` (4) more of their own
POOL_SIZE = 12
#: a test's hub states this protocol instead of this release's (never set in production)
TEST_PROTOCOL_VARIABLE = "EVIDENCE_DESK_TEST_HUB_PROTOCOL"

Add = Callable[..., argparse.ArgumentParser]

_said = Catalogue(
    {
        "cli.hub_db": "the hub's database cannot be reached ({error})",
        "cli.hub_no_organisation": "this database holds no organisation (run hub init first)",
        "cli.checkpoint_minutes": "--checkpoint-minutes must be more than 0",
        "cli.staged_hours": "--staged-hours must be more than 0",
        "cli.page_entries": "--page-entries must be from {low} to {high}",
        "cli.hub_schema_old": "the hub's database holds schema version {found}; this release "
        "needs {wanted}: stop the hub, run `evidence-desk hub upgrade --db URL` as the "
        "database's owner, then serve again",
        "cli.hub_no_schema": "this database holds no hub schema (run hub init first)",
    }
)


def app_conninfo(url: str) -> str:
    """The database URL with the application role as its user: the hub serves as that role,
    never as the tables' owner (its password, if the cluster asks for one, from PGPASSFILE)."""
    return make_conninfo(url, user=APP_ROLE)


def _print(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json_text(data) if args.json else text)


def cmd_hub_init(args: argparse.Namespace) -> int:
    files = tls.prepare(args.tls_dir, args.host)
    database = str(conninfo_to_dict(args.db).get("dbname") or "")
    try:
        with psycopg.connect(args.db, connect_timeout=10) as conn:
            schema.install(conn)
            schema.grant_app_role(conn, APP_ROLE, database)
    except psycopg.OperationalError as error:
        raise DatabaseUnreachable(_said("cli.hub_db", error=error)) from None
    password = password_from("EVIDENCE_DESK_PASSWORD", f"Password for {args.admin}: ")
    hub_id = uuid.uuid4().hex
    with _connect(app_conninfo(args.db)) as repo:
        # the store first (a folder in use refuses before the database changes); removed
        # again when the database already holds an organisation
        session = Session.create_store(args.store, args.admin, password)
        with session:
            # the organisation's handle-index key, wrapped for its first admin (case_keys)
            case_keys.found_handle_key(session)
            # the organisation's records key, wrapped for its first admin (records_key)
            records_key.found(session)
            try:
                repo.create_organisation(hub_id)
            except Refused as error:
                session.close()
                shutil.rmtree(args.store, ignore_errors=True)
                raise RuleViolation(error.refusal.rule, error.refusal.detail) from None
            row = session.conn.execute(
                "SELECT public_key, wrap_key FROM users WHERE name = ?", (args.admin,)
            ).fetchone()
            device = session.folder.store_id
            repo.add_user(args.admin, Role.ADMIN.value, row[0], row[1], by=None)
            repo.add_device(device, args.admin)
            entries = org_ledger.own_entries(session)
            repo.push(device, entries)
            # the hub's receipt key, beside its TLS files; the admin's store pins it and keeps
            # the receipt of its first entries
            desk = receipts.ReceiptDesk(hub_id, receipts.load_or_make_key(args.tls_dir))
            desk.record_key(repo)
            signed = desk.for_push(repo, device, [e.seq for e in entries])
            hub_receipts.pin(session.folder, HubPin(hub_id, desk.public_key))
            hub_receipts.keep(session, [receipt.as_json() for receipt in signed])
    data = {
        "hub_id": hub_id,
        "ca_file": str(files.ca_file),
        "cert_file": str(files.cert_file),
        "key_file": str(files.key_file),
    }
    _print(args, data, "\n".join(f"{name}: {value}" for name, value in data.items()))
    return 0


def cmd_hub_upgrade(args: argparse.Namespace) -> int:
    """Bring the hub's schema up to this release's (as the database's owner, hub stopped)
    and grant the application role what it needs on the tables that came with it."""
    database = str(conninfo_to_dict(args.db).get("dbname") or "")
    try:
        with psycopg.connect(args.db, connect_timeout=10) as conn:
            try:
                before, after = schema.upgrade(conn)
            except LookupError:
                raise BadInput(args.db, "", _said("cli.hub_no_schema")) from None
            schema.grant_app_role(conn, APP_ROLE, database)
    except psycopg.OperationalError as error:
        raise DatabaseUnreachable(_said("cli.hub_db", error=error)) from None
    data = {"from_version": before, "to_version": after}
    _print(args, data, f"hub schema {before} -> {after}")
    return 0


def cmd_hub_rotate_key(args: argparse.Namespace) -> int:
    with _connect(app_conninfo(args.db)) as repo:
        hub_id = repo.hub_id()
        if hub_id is None:
            raise BadInput(args.db, "", _said("cli.hub_no_organisation"))
        rotation = receipts.rotate_key(repo, args.tls_dir, hub_id)
    data = {"old_key": rotation.old, "new_key": rotation.new, "at": rotation.at}
    _print(args, data, "\n".join(f"{name}: {value}" for name, value in data.items()))
    return 0


def cmd_hub_renew_cert(args: argparse.Namespace) -> int:
    files = tls.renew_hub_cert(args.tls_dir, args.host)
    (leaf,) = pinning.certificates(files.cert_file)[:1]
    data = {
        "cert_file": str(files.cert_file),
        "key_file": str(files.key_file),
        "not_after": leaf.not_valid_after_utc.isoformat(),
    }
    _print(args, data, "\n".join(f"{name}: {value}" for name, value in data.items()))
    return 0


class DatabaseUnreachable(EvidenceDeskError):
    """The hub's PostgreSQL did not answer: nothing was changed."""

    code = "hub_db_unreachable"
    exit_code = 5


def _connect(url: str) -> HubRepository:
    try:
        return HubRepository.connect(url, max_size=POOL_SIZE)
    except (PoolTimeout, psycopg.OperationalError) as error:
        raise DatabaseUnreachable(_said("cli.hub_db", error=error)) from None


def _object_store(args: argparse.Namespace) -> object_store.S3ObjectLockStore | None:
    """Complete blobs on WORM storage (``--blobs``), or None: in PostgreSQL."""
    if not args.blobs:
        return None
    location = object_store.S3Location.parse(
        args.blobs,
        endpoint_url=args.s3_endpoint,
        region=args.s3_region,
        retain_days=args.retain_days,
    )
    return object_store.S3ObjectLockStore(location)


def cmd_hub_serve(args: argparse.Namespace) -> int:
    worker_group.check(args.listen, args.workers)  # port 0 with workers names its own error
    host, port = app.parse_listen(args.listen)  # a malformed --listen before anything is opened
    files = tls.check_existing(args.tls_dir)
    if not args.checkpoint_minutes > 0:
        raise UsageError(_said("cli.checkpoint_minutes"))
    if not args.staged_hours > 0:
        raise UsageError(_said("cli.staged_hours"))
    if not PULL_PAGE <= args.page_entries <= PAGE_CAP:
        raise UsageError(_said("cli.page_entries", low=PULL_PAGE, high=PAGE_CAP))
    authority = org_stamps.StampAuthority.configured(args.tsa, args.tsa_ca)
    objects = _object_store(args)
    if objects is not None:  # the bucket is checked before serving
        objects.check_bucket()
    with _connect(app_conninfo(args.db)) as repo:
        found = repo.schema_version()
        if found is None or found < schema.SCHEMA_VERSION:
            raise BadInput(
                args.db,
                "",
                _said("cli.hub_schema_old", found=found, wanted=schema.SCHEMA_VERSION),
            )
        repo.objects = objects
        repo.sweep_staged(timedelta(hours=args.staged_hours))  # what earlier runs left staged
        # cases shredded before this release (or while the hub was down) leave it now, and the
        # objects a lock kept past its date go (hub/withdrawal.py)
        repo.withdraw_pending()
        hub_id = repo.hub_id()
        desk = None
        if hub_id is not None:  # the organisation's receipts, signed with the hub's own key
            receipts.finish_rotation(repo, args.tls_dir)
            desk = receipts.ReceiptDesk(hub_id, receipts.load_or_make_key(args.tls_dir))
            desk.record_key(repo)
        if args.workers == 1:
            _serve(args, repo, desk, authority, files)
            return 0
    # several workers (hub/worker_group.py): the start-up work above was done once, here
    sockets = worker_group.listening_sockets(host, port, args.workers)
    return worker_group.supervise(_serve_worker, args, sockets)


def _serve(
    args: argparse.Namespace,
    repo: HubRepository,
    desk: receipts.ReceiptDesk | None,
    authority: org_stamps.StampAuthority | None,
    files: tls.TlsFiles,
    sockets: list[socket.socket] | None = None,
) -> None:
    """Build this process's hub (its judging pool, org clock, news board, routes) on ``repo``
    and serve it until SIGTERM or SIGINT: the whole hub, or one worker of several."""
    judges = None if sockets is None else worker_group.judges_per_worker(args.workers)
    serving = judging.lifespan(repo, judges)
    if desk is not None:  # checkpoints at least every N minutes, and their stamps
        every = timedelta(minutes=args.checkpoint_minutes)
        staged_idle = timedelta(hours=args.staged_hours)
        clock = org_clock.OrgClock(repo, desk, every, authority, staged_idle)
        serving = org_clock.lifespan(serving, clock)
    # live news for the desktop apps (hub/live.py): one listening connection per process
    board = live.NewsBoard(app_conninfo(args.db))
    # one set of lanes for the gate, the routes and the news: the people's work they all time
    # steers the one bulk lane (hub/bulk_governor.py)
    shared = Lanes()
    try:
        hub = app.create_app(
            OrgDirectory(repo),
            repo,
            routes=[
                *routes(repo, desk, page_cap=args.page_entries, lanes=shared),
                *live.routes(repo, board, page_cap=args.page_entries, lanes=shared),
            ],
            lifespan=serving,
            protocol=_advertised_protocol(),
            lanes=shared,
        )
        app.serve(hub, args.listen, tls.server_context(files), sockets)
    finally:
        board.close()


def _serve_worker(args: argparse.Namespace, sock: socket.socket) -> None:
    """One worker of ``hub serve --workers N`` (a spawned process): the parent did the
    start-up work; this builds a hub of its own on its own pools and serves ``sock``."""
    worker_group.become_worker()
    try:
        files = tls.check_existing(args.tls_dir)
        authority = org_stamps.StampAuthority.configured(args.tsa, args.tsa_ca)
        with _connect(app_conninfo(args.db)) as repo:
            repo.objects = _object_store(args)
            hub_id = repo.hub_id()
            desk = None
            if hub_id is not None:  # the key the parent recorded (after any rotation)
                desk = receipts.ReceiptDesk(hub_id, receipts.load_or_make_key(args.tls_dir))
            _serve(args, repo, desk, authority, files, [sock])
    except EvidenceDeskError as error:  # said as the command line says it, then a failed exit
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None


def _advertised_protocol() -> int:
    """The protocol the hub states: this release's; the test-only variable
    ``EVIDENCE_DESK_TEST_HUB_PROTOCOL`` makes a test's hub state an older one (the devices'
    real check of the header is then what the test exercises)."""
    return hub_protocol.stated(os.environ.get(TEST_PROTOCOL_VARIABLE, str(hub_protocol.PROTOCOL)))


def cmd_hub_user_add(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        bound = sync.bind(session.folder, args.hub, args.ca)
        invitation = org_ledger.invite_user(session, args.name, Role(args.role))
        with sync.client_for(session, bound) as client:
            report = sync.sync(session, client)
    if report.refusal is not None:
        raise report.refusal
    data = {"code": invitation.code, "user": invitation.user, "role": invitation.role}
    _print(args, data, invitation.code)
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    user = user_name(args)
    if args.store is not None and join_existing.is_store(args.store):
        # an existing store: judged against the organisation first, only read (a refusal
        # names its rule and leaves the store exactly as it was)
        password = password_from("EVIDENCE_DESK_PASSWORD", f"Password for {user}: ")
        fingerprint = pinning.fingerprint(args.ca)
        session, report = join_binding.join_existing_store(
            args.store, args.url, args.ca, user, password, args.code
        )
        with session:
            data = {
                "device_id": session.folder.store_id,
                "ca_fingerprint": fingerprint,
                "existing": True,
                **report.as_json(),
            }
        if report.refusal is not None:
            raise report.refusal
        _print(args, data, f"bound this store as {user}; hub CA SHA-256 {fingerprint}")
        return 0
    password = password_from("EVIDENCE_DESK_PASSWORD", f"New password for {user}: ")
    fingerprint = pinning.fingerprint(args.ca)
    session, report = sync.join(args.store, args.url, args.ca, user, password, args.code)
    with session:
        data = {
            "device_id": session.folder.store_id,
            "ca_fingerprint": fingerprint,
            **report.as_json(),
        }
    _print(args, data, f"joined as {user}; hub CA SHA-256 {fingerprint}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        bound = sync.binding(session.folder)
        with sync.client_for(session, bound) as client:
            report = sync.sync(session, client)
    _print(
        args,
        report.as_json(),
        f"pushed {report.pushed}, pulled {report.pulled}, "
        f"blobs up {report.blobs_up}, down {report.blobs_down}"
        + (f", left for the next sync {report.blobs_left}" if report.blobs_left else ""),
    )
    if report.refusal is not None:
        raise report.refusal
    return 0


def cmd_hub_status(args: argparse.Namespace) -> int:
    with (
        open_session(args) as session,
        HubClient(args.hub, args.ca, session.user.name, session.signing_key) as client,
    ):
        status = client.get("/v1/status")
    lines = [f"hub {status['hub_id']}: {status['hub_seq']} entries"]
    lines += [
        f"{d['device_id']}  {d['user']}  {d['entries']} entries  last seen {d['last_seen']}"
        for d in status["devices"]
    ]
    _print(args, status, "\n".join(lines))
    return 0


def add_commands(sub: Any, add: Add) -> None:
    """Register ``hub ...``, ``join`` and ``sync`` (``add`` is commands.build_parser's)."""
    hub = sub.add_parser("hub", help="the organisation hub").add_subparsers(
        dest="hub_command", metavar="ACTION"
    )
    init = add("init", cmd_hub_init, "create the organisation, its admin and TLS", hub)
    init.add_argument("--db", required=True, help="libpq URL of the hub's database (owner)")
    init.add_argument("--admin", required=True)
    init.add_argument("--tls-dir", type=Path, default=Path("hub-tls"))
    hosts_help = "a name or address devices reach the hub by (repeatable; localhost always)"
    init.add_argument("--host", action="append", default=[], metavar="NAME", help=hosts_help)
    upgrade = add(
        "upgrade", cmd_hub_upgrade, "bring the hub's database up to this release (hub stopped)", hub
    )
    upgrade.add_argument("--db", required=True, help="libpq URL of the hub's database (owner)")
    rotate = add(
        "rotate-key", cmd_hub_rotate_key, "hand the receipt key on to a new one (hub stopped)", hub
    )
    rotate.add_argument("--db", required=True)
    rotate.add_argument("--tls-dir", type=Path, default=Path("hub-tls"))
    renew = add("renew-cert", cmd_hub_renew_cert, "a new hub certificate from the hub's CA", hub)
    renew.add_argument("--tls-dir", type=Path, default=Path("hub-tls"))
    renew.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME",
        help=hosts_help + "; none: the current certificate's names",
    )
    serve = add("serve", cmd_hub_serve, "serve the hub over HTTPS", hub)
    serve.add_argument("--db", required=True)
    serve.add_argument("--listen", required=True, metavar="HOST:PORT")
    serve.add_argument("--tls-dir", type=Path, default=Path("hub-tls"))
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=f"serve with N hub processes on the one HOST:PORT (SO_REUSEPORT; 1 to "
        f"{worker_group.MAX_WORKERS}); about the server's cores less PostgreSQL's share",
    )
    serve.add_argument(
        "--blobs",
        default=None,
        metavar="s3://BUCKET[/PREFIX]",
        help="keep complete blobs on S3-compatible storage under Object Lock (compliance mode); "
        "default: in PostgreSQL",
    )
    serve.add_argument("--s3-endpoint", default=None, metavar="URL", help="S3 endpoint URL")
    serve.add_argument("--s3-region", default=None)
    serve.add_argument(
        "--retain-days",
        type=int,
        default=object_store.DEFAULT_RETAIN_DAYS,
        help="Object Lock retention of each blob, in days",
    )
    serve.add_argument(
        "--tsa",
        default=None,
        metavar="URL",
        help=f"RFC 3161 TSA that stamps each organisation checkpoint (or ${org_stamps.TSA_ENV})",
    )
    serve.add_argument(
        "--tsa-ca",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"PEM file of the roots the TSA's answers must chain to (or ${org_stamps.TSA_CA_ENV})",
    )
    serve.add_argument(
        "--checkpoint-minutes",
        type=float,
        default=org_clock.DEFAULT_MINUTES,
        metavar="N",
        help="sign an organisation checkpoint at least every N minutes when entries arrived "
        "without one (fractions allowed)",
    )
    serve.add_argument(
        "--page-entries",
        type=int,
        default=PAGE_CAP,
        metavar="N",
        help=f"serve a device's pull pages of up to N entries when it asks for them "
        f"({PULL_PAGE} to {PAGE_CAP}; {PULL_PAGE} serves them as releases before)",
    )
    serve.add_argument(
        "--staged-hours",
        type=float,
        default=org_clock.DEFAULT_STAGED_HOURS,
        metavar="N",
        help="forget a joining store's history upload that got no page for N hours "
        "(fractions allowed)",
    )
    status = add("status", cmd_hub_status, "devices, sizes, last seen", hub)
    status.add_argument("--hub", required=True, metavar="URL")
    status.add_argument("--ca", type=Path, required=True, metavar="FILE")
    user = hub.add_parser("user", help="the organisation's users").add_subparsers(
        dest="hub_user_command", metavar="ACTION"
    )
    user_add = add("add", cmd_hub_user_add, "invite a user: prints the one-time code", user)
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=[r.value for r in Role])
    user_add.add_argument("--hub", required=True, metavar="URL")
    user_add.add_argument("--ca", type=Path, required=True, metavar="FILE")
    join = add("join", cmd_join, "make this device a store of the organisation")
    join.add_argument("url")
    join.add_argument("--code", required=True)
    join.add_argument("--ca", type=Path, required=True, metavar="FILE")
    add("sync", cmd_sync, "push then pull (exit 3 refused, 5 hub unreachable)")
    add_device_commands(hub, add)  # hub device list|retire
