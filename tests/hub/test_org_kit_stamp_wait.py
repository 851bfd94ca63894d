"""Legal's kit proves at a time-stamped organisation checkpoint (issue 20 item 1).

The hub stamps its checkpoints in the background, so a legal device that only reads often
keeps, at its sync, a checkpoint the hub has not stamped yet. Its kit must then say so (the
export's notice, VERIFY.txt, the PDF's custody page) rather than silently prove at an undated
checkpoint; ``bundle --wait-org-stamp`` syncs until the hub stamped it; and once a stamped
checkpoint covers the kit's entries, the kit proves at it even when a newer one (entries of
another case) is not stamped yet. The hub's TSA is a real RFC 3161 server made to fail (its
stamps queue) and recover.
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path
from typing import Any

import psycopg
from pytestqt.qtbot import QtBot

from evidence_desk.bundle import org_proof
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.trust import TrustAnchors
from evidence_desk.bundle.verify_kit import pdf_text, verify_kit
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import bundle, cases, checkpoint_log, org_stamp_wait, signing_certs
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk.ui.bundle_dialog import BundleDialog
from evidence_desk_testing.local_tsa import Fault, LocalTsa, TestPki
from tests.cli.test_bundle import TO_COURT
from tests.helpers import COURT, pkcs12_identity
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run
from tests.hub.test_org_end_to_end import approved_remotely

CASE = "2026-SH-1"


def _all_stamped(hub_db: HubDatabase) -> bool:
    with psycopg.connect(hub_db.owner_url) as conn:
        sizes = {int(r[0]) for r in conn.execute("SELECT size FROM org_checkpoints")}
        stamped = {int(r[0]) for r in conn.execute("SELECT size FROM org_checkpoint_stamps")}
    return bool(sizes) and sizes == stamped


def _wait_all_stamped(hub_db: HubDatabase) -> None:
    deadline = time.monotonic() + 90
    while not _all_stamped(hub_db):
        assert time.monotonic() < deadline, "the hub did not stamp its checkpoints"
        time.sleep(0.2)


def _kit(kit_path: Path) -> tuple[dict[str, Any], str]:
    """The kit's organisation proof and its VERIFY.txt."""
    with zipfile.ZipFile(kit_path) as zf:
        top = zf.namelist()[0].split("/", 1)[0]
        doc = json.loads(zf.read(f"{top}/{org_proof.FILE}"))
        return doc, zf.read(f"{top}/VERIFY.txt").decode("utf-8")


def _export(org: Org, out: Path) -> bundle.ExportResult:
    with org.login("lee") as lee:
        return bundle.export_bundle(
            lee, Scope(CASE, language="en"), out, recipient=COURT, stamp_first=False
        )


def _kept_sizes(org: Org) -> list[tuple[int, bool]]:
    with org.login("lee") as lee:
        return [(k.stated.size, k.stamp is not None) for k in checkpoint_log.seen(lee.folder)]


def test_legals_kit_says_it_is_unstamped_waits_for_the_stamp_and_proves_at_a_stamped_one(
    hub_db: HubDatabase, tmp_path: Path, pki: TestPki, qtbot: QtBot
) -> None:
    with (
        LocalTsa(pki) as hub_tsa,
        organisation(
            tmp_path / "org", hub_db.owner_url, "--tsa", hub_tsa.url, "--tsa-ca",
            str(pki.root_pem),
        ) as org,
    ):  # fmt: skip
        hub_tsa.fault = Fault.HTTP_500  # the hub's TSA is down: its stamps queue
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        approved_remotely(org, tmp_path)
        with org.login("lee") as lee:
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
        assert org.sync("lee")[0] == 0
        assert [stamped for _size, stamped in _kept_sizes(org)][-1] is False

        # 1. nothing stamped yet: the kit proves at the newest, and says it is not dated
        first = _export(org, tmp_path / "b1")
        doc, verify_text = _kit(first.kit_path)
        assert "stamp" not in doc["checkpoint"] and doc["uncovered"] == []
        assert "has no time-stamp from the hub's TSA yet" in " ".join(first.notices)
        assert first.org_checkpoint and not first.org_checkpoint_stamped
        assert "The hub had not yet time-stamped organisation checkpoint" in verify_text
        assert "openssl ts -verify -data ledger/org/" not in verify_text
        pdf = "".join(pdf_text(p.read_bytes()) for p in first.pdf_paths).replace("\n", " ")
        size = org_cp.parse(doc["checkpoint"]["body"]).size
        assert f"The organisation hub's checkpoint {size} covers these entries, but" in pdf

        # 2. the TSA is back: ``bundle --wait-org-stamp`` syncs until the hub stamped
        hub_tsa.fault = Fault.NONE
        code, out, err = run(
            "bundle", "--case", CASE, "--out", tmp_path / "b2", "--language", "en",
            "--no-stamp", *TO_COURT, "--wait-org-stamp", "120",
            "--store", org.stores["lee"], "--user", "lee", "--json",
        )  # fmt: skip
        assert code == 0, (out, err)
        printed = json.loads(out)
        assert printed["org_checkpoint_stamped"] is True
        second, verify_text = _kit(Path(printed["kit"]))
        assert printed["org_checkpoint"] == org_cp.parse(second["checkpoint"]["body"]).named()
        assert second["checkpoint"]["stamp"]["token"]
        assert "The hub had not yet time-stamped" not in verify_text
        assert "openssl ts -verify -data ledger/org/checkpoint-statement.txt" in verify_text
        # every checkpoint kept unstamped got its stamp at a later sync
        assert all(stamped for _size, stamped in _kept_sizes(org)), _kept_sizes(org)

        # 3. the second export's own entry goes up and is stamped; then a newer checkpoint
        # over another case's entries is not stamped yet (the TSA is down again)
        assert org.sync("lee")[0] == 0
        _wait_all_stamped(hub_db)
        assert org.sync("lee")[0] == 0
        covering = _kept_sizes(org)[-1]
        assert covering[1] is True
        hub_tsa.fault = Fault.HTTP_500
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-SH-2", debtor_name="王小明")
        assert org.sync("alice")[0] == 0
        assert org.sync("lee")[0] == 0
        newest = _kept_sizes(org)[-1]
        assert newest[0] > covering[0] and newest[1] is False
        third = _export(org, tmp_path / "b3")
        doc, verify_text = _kit(third.kit_path)
        stated = org_cp.parse(doc["checkpoint"]["body"])
        # proven at the newest *stamped* checkpoint that covers every kit entry
        assert stated.size == covering[0] and doc["checkpoint"]["stamp"]["token"]
        assert doc["uncovered"] == [] and all(e["index"] < stated.size for e in doc["entries"])
        assert "has no time-stamp from the hub's TSA yet" not in " ".join(third.notices)
        # lee (legal: a witness) cosigned the newer one: carried with the consistency proof
        assert [w["witness"] for w in doc["witnesses"]] == ["lee"]
        with org.login("lee") as lee:
            export_org_keys(lee, tmp_path / "org-keys.json")
        anchors = TrustAnchors.load([pki.root_pem], [tmp_path / "org-keys.json"], pinned=False)
        report = verify_kit(third.kit_path, anchors)
        assert report.intact, report.as_json()
        assert not [f for f in report.findings if f.code.startswith("org.")], report.as_json()

        # 4. the app: the export dialog waits for the hub's stamp (on by default on an
        # organisation's device); its sync pushes the third export's entry, the TSA is back
        hub_tsa.fault = Fault.NONE
        with org.login("lee") as lee:
            dialog = BundleDialog(lee, CASE)
            qtbot.addWidget(dialog)
            assert dialog.wait_org_stamp.isChecked() and not dialog.wait_org_stamp.isHidden()
            dialog.recipient_name.setText("上海市浦东新区人民法院")
            dialog.purpose.setText("起诉追偿借款")
            dialog.out_dir.setText(str(tmp_path / "b4"))
            dialog.export_button.click()
            qtbot.waitUntil(lambda: dialog.job is None, timeout=180_000)
            assert dialog.export_result is not None, dialog.error
            doc, _text = _kit(dialog.export_result.kit_path)
            assert doc["checkpoint"]["stamp"]["token"] and doc["uncovered"] == []
            assert checkpoint_log.seen(lee.folder)[-1].stamp is not None

        # 5. an offline laptop: the wait ends at once and the export goes ahead (saying it)
        org.kill()
        with org.login("lee") as lee:
            assert org_stamp_wait.wait_for_stamp(lee, 60) is False
