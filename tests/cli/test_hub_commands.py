"""The organisation's commands where no hub or database is needed to see them answer: a store
bound to no hub, a hub that does not answer (exit 5, the work kept), a malformed --listen and
a malformed invitation code."""

from __future__ import annotations

import socket
from pathlib import Path

from evidence_desk.domain.models import Role
from evidence_desk.hub import tls
from evidence_desk.services import org_ledger, sync, users
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder
from tests.helpers import ADMIN, ADMIN_PASSWORD, FAST_KDF, TickingClock
from tests.hub.org_cli import run


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def _store(path: Path, clock: TickingClock) -> None:
    with Session.create_store(path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock) as root:
        users.add_user(root, "sam", Role.SUPERVISOR, "sam-password-1", kdf=FAST_KDF)


def test_sync_without_a_hub_says_how_to_bind_one(tmp_path: Path, clock: TickingClock) -> None:
    _store(tmp_path / "store", clock)
    code, _out, err = run(
        "sync", "--store", tmp_path / "store", "--user", ADMIN, password=ADMIN_PASSWORD
    )
    assert code == 4 and "not bound to a hub" in err, err


def test_sync_with_the_hub_unreachable_exits_5_and_keeps_the_work(
    tmp_path: Path, clock: TickingClock
) -> None:
    store = tmp_path / "store"
    _store(store, clock)
    files = tls.create_private_ca(tmp_path / "tls", [])
    sync.bind(StoreFolder.open(store), f"https://127.0.0.1:{_closed_port()}", files.ca_file)
    code, _out, err = run("sync", "--store", store, "--user", ADMIN, password=ADMIN_PASSWORD)
    assert code == 5 and "hub_unreachable" in err, err
    with Session.open(store, ADMIN, ADMIN_PASSWORD) as session:
        # nothing lost, nothing placed: the store's two entries, and the records key the
        # admin's first login on a store bound to a hub made (services/records_key.py)
        actions = [e.action for e in org_ledger.own_entries(session)]
        assert actions == ["store.init", "user.add", "records.key"]
        assert session.conn.execute("SELECT count(*) FROM org_positions").fetchone()[0] == 0


def test_bad_listen_and_bad_code_are_refused_before_any_network(tmp_path: Path) -> None:
    files = tls.create_private_ca(tmp_path / "tls", [])
    code, _out, err = run(
        "hub", "serve", "--db", "postgresql://nobody@127.0.0.1:1/none", "--listen", "nowhere",
        "--tls-dir", tmp_path / "tls",
    )  # fmt: skip
    assert code == 2 and "HOST:PORT" in err, err
    code, _out, err = run(
        "join", "https://127.0.0.1:1", "--code", "not-a-code", "--ca", files.ca_file,
        "--user", "alice", "--store", tmp_path / "alice",
    )  # fmt: skip
    assert code == 4 and "invitation code" in err, err
    assert not (tmp_path / "alice").exists()


def test_renew_cert_prints_the_new_certificate_and_keeps_the_pinned_ca(tmp_path: Path) -> None:
    files = tls.create_private_ca(tmp_path / "tls", ["hub.example.com"])
    ca_before = files.ca_file.read_bytes()
    code, out, err = run(
        "hub", "renew-cert", "--tls-dir", tmp_path / "tls", "--host", "hub.example.com", "--json"
    )
    assert code == 0, err
    assert '"not_after"' in out and str(files.cert_file) in out
    assert files.ca_file.read_bytes() == ca_before
    # a folder without our CA's key: refused as bad input (exit 4), nothing written
    (tmp_path / "tls" / tls.CA_KEY_FILE).unlink()
    code, _out, err = run("hub", "renew-cert", "--tls-dir", tmp_path / "tls")
    assert code == 4 and "ca-key.pem" in err, err
