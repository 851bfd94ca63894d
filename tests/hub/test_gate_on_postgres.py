"""The hub's gate with its production inputs: users and nonces from the PostgreSQL repository,
over real uvicorn, TLS 1.3 and HTTP on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.hub import tls
from evidence_desk.hub.app import create_app
from evidence_desk.integrity import pinning
from evidence_desk.integrity.http_signatures import sign_request
from evidence_desk.integrity.signing import public_key_hex
from evidence_desk.services.hub_client import HubAuthError, HubClient
from evidence_desk_testing.hub_server import running_hub
from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository

WRAP = "cd" * 32


def test_the_gate_finds_users_keys_and_nonces_in_postgresql(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    files = tls.create_private_ca(tmp_path / "tls", [])
    with repository(hub_db.app_url) as repo:
        repo.add_user("alice", "staff", public_key_hex(old), WRAP, by=None)
        repo.add_keys("alice", public_key_hex(new), WRAP, by="root")
        with running_hub(create_app(repo, repo), tls.server_context(files)) as url:
            with HubClient(url, files.ca_file, "alice", new) as client:
                assert client.whoami() == {"user": "alice", "role": "staff"}
            # a request signs with the current key only; the earlier one verifies old entries
            with (
                HubClient(url, files.ca_file, "alice", old) as client,
                pytest.raises(HubAuthError) as refused,
            ):
                client.whoami()
            assert (refused.value.rule, refused.value.status) == ("httpsig.forged", 401)
            # the same signed request twice: the nonce is in PostgreSQL the second time
            headers = sign_request("GET", url + "/v1/whoami", {}, b"", new, "alice")
            with httpx.Client(verify=pinning.client_context(files.ca_file), trust_env=False) as raw:
                assert raw.get(url + "/v1/whoami", headers=headers).status_code == 200
                again = raw.get(url + "/v1/whoami", headers=headers)
            assert again.status_code == 401
            assert again.json()["error"] == "httpsig.replayed"
            # deactivated on the hub: refused at the next request
            repo.set_active("alice", False, by="root")
            with (
                HubClient(url, files.ca_file, "alice", new) as client,
                pytest.raises(HubAuthError) as refused,
            ):
                client.whoami()
            assert (refused.value.rule, refused.value.status) == ("hub.user_deactivated", 403)
