"""The hub's TSA in the kit (issue 20 items 1-2): a court checks the organisation checkpoint's
RFC 3161 token with the standard tool, from the kit and the TSA's published root alone.

The hub stamps its checkpoints with its own TSA (``hub serve --tsa``), not the one legal's
store stamps its own checkpoints with; legal's store knows both. The kit then carries the
statement the hub signed, the token, and that TSA's roots and intermediates; VERIFY.txt asks
for the hub TSA's published root beside the store TSA's, and every command it gives succeeds.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from evidence_desk.bundle import kit, org_proof
from evidence_desk.bundle.model import Scope
from evidence_desk.services import bundle, checkpoint_log, retention, signing_certs, timestamps
from evidence_desk.services import org_checkpoint_checks as device_side
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk_testing.local_tsa import LocalTsa, TestPki, make_test_pki
from tests.bundle.test_verify_txt_commands import run_verify_commands
from tests.helpers import COURT, pkcs12_identity
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation
from tests.hub.test_org_end_to_end import approved_remotely


def _all_stamped(hub_db: HubDatabase) -> bool:
    with psycopg.connect(hub_db.owner_url) as conn:
        sizes = {int(r[0]) for r in conn.execute("SELECT size FROM org_checkpoints")}
        stamped = {int(r[0]) for r in conn.execute("SELECT size FROM org_checkpoint_stamps")}
    return bool(sizes) and sizes == stamped


@pytest.mark.parametrize("legal_touches_the_case", [True, False])
def test_every_verify_command_of_an_org_kit_checks_the_hubs_stamp(
    hub_db: HubDatabase,
    tmp_path: Path,
    pki: TestPki,
    tmp_path_factory: pytest.TempPathFactory,
    legal_touches_the_case: bool,
) -> None:
    """With legal's own ledger touching the case (a hold) the kit's own checkpoint is stamped;
    without, the kit proves against legal's newest, unstamped checkpoint and only the tag
    manifest has a token of the store's TSA: VERIFY.txt must name that TSA all the same."""
    hub_pki = make_test_pki(tmp_path_factory.mktemp("hub-pki"))
    with (
        LocalTsa(pki, include_chain=True) as court_tsa,
        LocalTsa(hub_pki, include_chain=True) as hub_tsa,
        organisation(
            tmp_path / "org", hub_db.owner_url, "--tsa", hub_tsa.url, "--tsa-ca",
            str(hub_pki.root_pem),
        ) as org,
    ):  # fmt: skip
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        approved_remotely(org, tmp_path)
        with org.login("root") as root:  # the admin configures the TSAs; devices pull them
            for name, server, chain in (
                ("court-tsa", court_tsa, pki),
                ("hub-tsa", hub_tsa, hub_pki),
            ):
                timestamps.add_authority(
                    root, name, server.url, chain.root_pem.read_text(),
                    chain.intermediates_pem.read_text(), timeout_seconds=5,
                )  # fmt: skip
        assert org.sync("root")[0] == 0
        assert org.sync("lee")[0] == 0
        with org.login("lee") as lee:
            assert [a.name for a in timestamps.list_authorities(lee)] == ["court-tsa", "hub-tsa"]
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
            # legal's own ledger touches the case: the kit proves it at a stamped checkpoint
            if legal_touches_the_case:
                retention.add_hold(lee, "2026-SH-1", "litigation expected")
        assert org.sync("lee")[0] == 0  # its entry goes up: the hub's newest checkpoint
        deadline = time.monotonic() + 60
        while not _all_stamped(hub_db):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert org.sync("lee")[0] == 0  # the newest checkpoint again, stamped now
        with org.login("lee") as lee:
            newest = checkpoint_log.seen(lee.folder)[-1]
            assert newest.stamp is not None
            made = bundle.export_bundle(lee, Scope("2026-SH-1"), tmp_path / "b", recipient=COURT)
            published = tmp_path / "published"  # what the court fetches from outside the kit
            published.mkdir()
            export_org_keys(lee, published / kit.PUBLISHED_ORG_KEYS)
        shutil.copy(pki.root_pem, published / kit.published_root("court-tsa"))
        shutil.copy(hub_pki.root_pem, published / kit.published_root("hub-tsa"))
        text = run_verify_commands(made.kit_path, published, tmp_path).text
        size = newest.stated.size
        token_file = f"tsa/org-checkpoint-{size}.hub-tsa.tst"
        assert (
            f"openssl ts -verify -data {org_proof.STATEMENT_FILE} -in {token_file} -token_in "
            f"-CAfile {kit.published_root('hub-tsa')}" in text
        )
        assert f"--tsa-roots {kit.published_root('hub-tsa')}" in text
        bag = next((tmp_path / "kit").glob("*/bagit.txt")).parent
        assert (bag / "tsa" / "hub-tsa-roots.pem").read_bytes().strip() == (
            hub_pki.root_pem.read_bytes().strip()
        )
        # the same step fails with the court TSA's root: the token is the hub TSA's
        wrong = subprocess.run(
            ["openssl", "ts", "-verify", "-data", org_proof.STATEMENT_FILE, "-in", token_file,
             "-token_in", "-CAfile", str(pki.root_pem), "-untrusted", "tsa/hub-tsa-untrusted.pem"],
            cwd=bag, capture_output=True, check=False,
        )  # fmt: skip
        assert wrong.returncode != 0


def test_a_store_that_does_not_know_the_hubs_tsa_still_gets_the_step_for_its_token(
    hub_db: HubDatabase,
    tmp_path: Path,
    pki: TestPki,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The store stamps with its own TSA only; the hub stamps with another PKI's. The hub
    publishes the certificate path each token verified by with the stamp, so the device keeps
    the stamp (verify warns that no TSA of the store checks it) and the kit carries the token,
    that path and VERIFY.txt's ``openssl ts -verify`` step for it, named by the TSA's host:
    every command succeeds with the TSAs' published roots, and the step fails with another."""
    hub_pki = make_test_pki(tmp_path_factory.mktemp("hub-pki"))
    with (
        LocalTsa(pki, include_chain=True) as court_tsa,
        LocalTsa(hub_pki, include_chain=True) as hub_tsa,
        organisation(
            tmp_path / "org", hub_db.owner_url, "--tsa", hub_tsa.url, "--tsa-ca",
            str(hub_pki.root_pem),
        ) as org,
    ):  # fmt: skip
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        approved_remotely(org, tmp_path)
        with org.login("root") as root:  # only the store's own TSA
            timestamps.add_authority(
                root, "court-tsa", court_tsa.url, pki.root_pem.read_text(),
                pki.intermediates_pem.read_text(), timeout_seconds=5,
            )  # fmt: skip
        assert org.sync("root")[0] == 0
        assert org.sync("lee")[0] == 0
        with org.login("lee") as lee:
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
            retention.add_hold(lee, "2026-SH-1", "litigation expected")
        assert org.sync("lee")[0] == 0
        deadline = time.monotonic() + 60
        while not _all_stamped(hub_db):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert org.sync("lee")[0] == 0  # the newest checkpoint again, stamped now
        with org.login("lee") as lee:
            newest = checkpoint_log.seen(lee.folder)[-1]
            assert newest.stamp is not None and "BEGIN CERTIFICATE" in newest.stamp["certs"]
            assert device_side.stamp_problem(lee, newest) == ""  # kept, not checked by ours
            made = bundle.export_bundle(
                lee, Scope("2026-SH-1", language="en"), tmp_path / "b", recipient=COURT
            )
            published = tmp_path / "published"
            published.mkdir()
            export_org_keys(lee, published / kit.PUBLISHED_ORG_KEYS)
        name = "hub-tsa-127.0.0.1"
        shutil.copy(pki.root_pem, published / kit.published_root("court-tsa"))
        shutil.copy(hub_pki.root_pem, published / kit.published_root(name))
        text = run_verify_commands(made.kit_path, published, tmp_path).text
        size = newest.stated.size
        token_file = f"tsa/org-checkpoint-{size}.{kit.tsa_slug(name)}.tst"
        assert (
            f"openssl ts -verify -data {org_proof.STATEMENT_FILE} -in {token_file} -token_in "
            f"-CAfile {kit.published_root(name)}" in text
        )
        assert "not yet time-stamped" not in text and "there is no openssl step" not in text
        bag = next((tmp_path / "kit").glob("*/bagit.txt")).parent
        wrong = subprocess.run(
            ["openssl", "ts", "-verify", "-data", org_proof.STATEMENT_FILE, "-in", token_file,
             "-token_in", "-CAfile", str(pki.root_pem), "-untrusted",
             f"tsa/{kit.tsa_slug(name)}-untrusted.pem"],
            cwd=bag, capture_output=True, check=False,
        )  # fmt: skip
        assert wrong.returncode != 0
