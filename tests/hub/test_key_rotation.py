"""Rotating the hub's receipt key (`hub rotate-key`) on a real PostgreSQL and hub: devices follow
the signed hand-over, keep verifying what the old key signed, and refuse a key nobody handed
their trust to; a hub started again with the retired key refuses to serve."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from evidence_desk.integrity import receipts as receipt
from evidence_desk.services import receipt_checks
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, ok, organisation, run
from tests.hub.test_org_end_to_end import _request
from tests.hub.test_receipts import _codes, _hub_key, _kept


def _rotate(org: Org) -> dict[str, str]:
    org.kill()  # rotate with the hub stopped (docs/deploy-hub.md)
    answer: dict[str, str] = ok("hub", "rotate-key", "--db", org.db, "--tls-dir", org.tls)
    org.start()
    return answer


def test_devices_follow_a_rotation_and_still_verify_what_the_old_key_signed(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        old_key = _hub_key(org)
        before = _kept(org, "alice")
        rotated = _rotate(org)
        assert rotated["old_key"] == old_key and rotated["new_key"] == _hub_key(org)
        _request(org, tmp_path)  # new entries, receipted under the new key
        code, _report, err = org.sync("alice")
        assert code == 0, err
        code, _report, err = org.sync("root")
        assert code == 0, err
        with org.login("alice") as alice:
            pin = receipt_checks.pinned(alice.folder)
        assert pin is not None and pin.receipt_key == rotated["new_key"]
        assert [r.old for r in pin.retired] == [old_key]
        after = _kept(org, "alice")[len(before) :]
        assert after, "the push after the rotation got a receipt"
        for _f, _t, body, signature in after:
            assert receipt.signature_valid(
                rotated["new_key"], receipt.SignedReceipt(body, signature)
            )
        for _f, _t, body, signature in before:
            assert receipt.signature_valid(old_key, receipt.SignedReceipt(body, signature))
        assert _codes(org, "alice") == [] and _codes(org, "root") == []

        # the pin's rotation altered on the device: the pin is no longer believed
        pin_file = org.stores["alice"] / receipt_checks.PIN_FILE
        saved = pin_file.read_text("utf-8")
        body = json.loads(saved)
        body["rotations"][0]["body"] = body["rotations"][0]["body"].replace('"v":1', '"v":2')
        pin_file.write_text(json.dumps(body), "utf-8")
        code, _report, err = org.sync("alice")
        assert code != 0 and "hub-key.json" in err, err
        pin_file.write_text(saved, "utf-8")


def test_a_key_nobody_handed_on_is_refused_and_a_retired_key_does_not_serve(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        retired = org.tls / "retired-receipt-key.pem"
        shutil.copy(org.tls / "receipt-key.pem", retired)
        _rotate(org)
        # a hub restored with the retired key: it refuses to start (exit 4, the file named)
        org.kill()
        current = org.tls / "receipt-key.pem"
        shutil.copy(current, tmp_path / "current.pem")
        shutil.copy(retired, current)
        code, _out, err = run(
            "hub", "serve", "--db", org.db, "--listen", f"127.0.0.1:{org.port}",
            "--tls-dir", org.tls,
        )  # fmt: skip
        assert code == 4 and "receipt-key.pem" in err, err
        # a key made outside any rotation (the key file replaced): devices refuse it
        current.unlink()
        org.start()  # makes and records a fresh key, as for a hub from before receipts
        code, _report, err = org.sync("alice")
        assert code == 3 and "receipt.hub_key_changed" in err, err
