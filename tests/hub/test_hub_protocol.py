"""App/hub version skew (issue 20): the hub states its protocol on every answer; an app
meeting a hub of an older release refuses with a coded message naming both protocols and the
command the administrator runs (exit 5: nothing was decided, the work stays queued) instead
of a bare 404 halfway through a sync. The older hub is the real ``hub serve`` stating a lower
protocol through its test-only setting: the devices' real check of the header is exercised."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from evidence_desk.cli.hub import TEST_PROTOCOL_VARIABLE
from evidence_desk.domain import hub_protocol
from evidence_desk.integrity import pinning
from evidence_desk.services import sync
from evidence_desk.services.hub_client import HubTooOld
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run


@pytest.fixture
def org(hub_db: HubDatabase, tmp_path: Path) -> Iterator[Org]:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        yield org


def _restart_stating(org: Org, protocol: int, monkeypatch: pytest.MonkeyPatch) -> None:
    org.kill()
    monkeypatch.setenv(TEST_PROTOCOL_VARIABLE, str(protocol))
    org.start()


def test_every_answer_states_the_protocol(org: Org) -> None:
    with httpx.Client(verify=pinning.client_context(org.ca), trust_env=False) as raw:
        health = raw.get(f"{org.url}/v1/health")
        refused = raw.get(f"{org.url}/v1/status")  # unsigned: the gate's refusal
    assert health.headers[hub_protocol.HEADER] == str(hub_protocol.PROTOCOL)
    assert refused.status_code == 401
    assert refused.headers[hub_protocol.HEADER] == str(hub_protocol.PROTOCOL)


def test_an_older_hub_is_refused_by_sync_and_join_naming_the_upgrade(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = org.invite("bo", "staff")  # while the hub is of this release
    _restart_stating(org, 1, monkeypatch)
    stated = f"runs an older release (protocol 1); this app needs protocol {hub_protocol.PROTOCOL}"
    exit_code, out, err = run("sync", "--store", org.stores["alice"], "--user", "alice")
    assert exit_code == 5, (out, err)
    assert stated in err and "evidence-desk hub upgrade" in err and org.url in err
    # the hub's address is in the message: its port may hold "404" (40457 did, in CI)
    said = err.replace(org.url.split("://", 1)[1], "HUB")
    assert "404" not in said and "Traceback" not in said
    exit_code, out, err = run(
        "join", org.url, "--code", code, "--ca", org.ca, "--user", "bo",
        "--store", org.folder / "bo",
    )  # fmt: skip
    assert exit_code == 5 and stated in err, (out, err)
    assert not (org.folder / "bo").exists()  # nothing made
    # the service's own exception names the numbers for the app
    with org.login("alice") as alice:
        bound = sync.binding(alice.folder)
        with sync.client_for(alice, bound) as client, pytest.raises(HubTooOld) as too_old:
            sync.sync(alice, client)
    assert (too_old.value.hub, too_old.value.needed) == (1, hub_protocol.PROTOCOL)
    assert too_old.value.detail_code == "hubclient.too_old"
    # the hub updated: the same store syncs again
    _restart_stating(org, hub_protocol.PROTOCOL, monkeypatch)
    assert org.sync("alice")[0] == 0


def test_a_hub_stating_this_protocol_or_a_newer_one_is_served(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    _restart_stating(org, hub_protocol.PROTOCOL + 1, monkeypatch)
    exit_code, _report, err = org.sync("alice")
    assert exit_code == 0, err
