"""Legal's bundle across an organisation's devices (issue 19, item 6), end to end on a real hub.

Staff request a contact on their laptop, the supervisor approves on theirs, staff import, and
legal's desktop syncs and exports the case's bundle. The request, its documents and the import
are entries of the staff laptop's ledger, the decision of the supervisor's, the exports of
legal's own: the kit carries each device's slice with that device's signed checkpoint and
proofs, and the organisation's order; ``verify-bundle`` checks every device and replays the
rules in that order; the custody pages name each entry's device and user. Then the kit is
tampered with — a foreign entry edited, one dropped, two devices' ids swapped — and each change
is found and located by device and seq.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from evidence_desk.bundle import kit, org_proof
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.trust import TrustAnchors
from evidence_desk.bundle.verify_kit import KitReport, pdf_text, verify_kit
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import bundle, contacts, importing, signing_certs
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.postgres import PostgresCluster
from tests.helpers import COURT, pkcs12_identity
from tests.hub.conftest import _TEMPLATE, APP_ROLE, HubDatabase
from tests.hub.org_cli import organisation, run
from tests.hub.test_org_end_to_end import CHAT, _request

CASE = "2026-SH-1"
_names = itertools.count(1)


@dataclass(frozen=True)
class OrgKit:
    kit_path: Path
    pdf_paths: tuple[Path, ...]
    org_keys: Path
    devices: dict[str, str]  # user -> device id (store id) of their laptop
    english: tuple[Path, ...]  # the same bundle in English


def _device(store: Path) -> str:
    return str(json.loads((store / "store.json").read_text("utf-8"))["store_id"])


@contextlib.contextmanager
def _database(postgres: PostgresCluster) -> Iterator[HubDatabase]:
    """A hub database for the module (the per-test ``hub_db`` fixture, at module scope)."""
    name = f"hub_bundle_{next(_names)}"
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(_TEMPLATE)
            )
        )
    try:
        yield HubDatabase(postgres, name, postgres.url(name), postgres.url(name, APP_ROLE))
    finally:
        with psycopg.connect(postgres.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def org_kit(postgres: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> OrgKit:
    """Request on alice's laptop, approval on sam's (sue's rejection at the same time refused
    by the hub, kept in her ledger), import on alice's, two exports on lee's (the second's
    custody holds the first export too)."""
    folder = tmp_path_factory.mktemp("org-bundle")
    with _database(postgres) as db, organisation(folder, db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.join("sue", "supervisor")
        org.welcome("alice", "sam", "lee", "sue")
        contact_id = _request(org, folder)
        assert org.sync("alice")[0] == 0
        assert org.sync("sam")[0] == 0
        assert org.sync("sue")[0] == 0
        with org.login("sam") as sam:
            contacts.approve(sam, contact_id, "identity and debt confirmed")
        with org.login("sue") as sue:  # at the same time, on her own laptop
            contacts.reject(sue, contact_id, "not enough")
        assert org.sync("sam")[0] == 0
        assert org.sync("sue")[0] == 3  # refused: sam decided first; kept, marked refused
        assert org.sync("alice")[0] == 0
        with org.login("alice") as alice:
            chat = folder / "chat.txt"
            chat.write_text(CHAT, encoding="utf-8")
            importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        assert org.sync("alice")[0] == 0
        assert org.sync("lee")[0] == 0
        with org.login("lee") as lee:
            # legal's device holds no admin to issue a certificate: lee imports a PKCS#12
            signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
            bundle.export_bundle(lee, Scope(CASE), folder / "first", recipient=COURT)
        assert org.sync("lee")[0] == 0  # the first export goes up; nothing else changes
        with org.login("lee") as lee:
            result = bundle.export_bundle(lee, Scope(CASE), folder / "out", recipient=COURT)
            english = bundle.export_bundle(
                lee, Scope(CASE, language="en"), folder / "en", recipient=COURT
            )
            keys = export_org_keys(lee, folder / "org-keys.json")
            # legal's desktop verifies every device ledger it holds, its exports included
            verified = verify_store(lee, local_anchor=False)
            assert verified.intact, [(f.code, f.location) for f in verified.errors]
        devices = {
            name: _device(org.stores[name]) for name in ("root", "alice", "sam", "lee", "sue")
        }
    return OrgKit(result.kit_path, result.pdf_paths, keys.path, devices, english.pdf_paths)


def _anchors(org_kit: OrgKit) -> TrustAnchors:
    return TrustAnchors.load([], [org_kit.org_keys], pinned=False)


def _unzip(kit_path: Path, where: Path) -> Path:
    with zipfile.ZipFile(kit_path) as zf:
        zf.extractall(where)
    (bag,) = [p.parent for p in where.glob("*/bagit.txt")]
    return bag


def _errors(report: KitReport) -> list[dict[str, object]]:
    return [f.as_json() for f in report.errors]


def test_legal_bundle_carries_and_proves_every_devices_entries(org_kit: OrgKit) -> None:
    report = verify_kit(org_kit.kit_path, _anchors(org_kit))
    assert report.intact, _errors(report)
    assert report.outcome == "intact", report.as_json()["trust"]
    with zipfile.ZipFile(org_kit.kit_path) as zf:
        top = zf.namelist()[0].split("/", 1)[0]
        files = {n[len(top) + 1 :]: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
    root, alice, sam, lee, sue = (
        org_kit.devices[n] for n in ("root", "alice", "sam", "lee", "sue")
    )
    order = json.loads(files[kit.ORG_ORDER])
    assert order["exporting_device"] == lee
    assert {d: (v["user"], v["folder"]) for d, v in order["devices"].items()} == {
        alice: ("alice", kit.device_folder(alice)),
        sam: ("sam", kit.device_folder(sam)),
        lee: ("lee", "ledger/"),
        sue: ("sue", kit.device_folder(sue)),
        # the admin's: the organisation's founding store.init and the invitations
        root: ("root", kit.device_folder(root)),
    }

    def actions(path: str) -> list[str]:
        return [json.loads(line)["action"] for line in files[path].decode().splitlines()]

    on_alice = actions(f"{kit.device_folder(alice)}entries.jsonl")
    assert on_alice[0] == "device.join"
    assert {"case.create", "contact.request", "evidence.import"} <= set(on_alice)
    assert "contact.approve" in actions(f"{kit.device_folder(sam)}entries.jsonl")
    # sue's refused rejection is in the kit, placed with the hub's verdict: judged, not applied
    assert "contact.reject" in actions(f"{kit.device_folder(sue)}entries.jsonl")
    assert {p["verdict"] for p in order["order"] if p["device"] == sue} == {"", "hub.decided"}
    assert "bundle.export" in actions("ledger/entries.jsonl")  # legal's first export
    # every device's checkpoint is over that device's id, and each entry is proven in it
    for device in (alice, sam):
        folder = kit.device_folder(device)
        target = json.loads(files[f"{folder}checkpoints.json"])["target"]
        note = files[f"{folder}checkpoint-{target['size']}.txt"].decode()
        assert note.startswith(f"evidence-desk/{device}\n")
        entries = files[f"{folder}entries.jsonl"].decode().splitlines()
        assert all(
            f"{folder}proofs/entry-{json.loads(line)['seq']}.json" in files for line in entries
        )
    # the order holds every kit entry once, the request before its approval before the import
    places = [(p["device"], p["seq"]) for p in order["order"]]
    assert len(places) == len(set(places))
    request = next(
        (alice, json.loads(line)["seq"])
        for line in files[f"{kit.device_folder(alice)}entries.jsonl"].decode().splitlines()
        if json.loads(line)["action"] == "contact.request"
    )
    approval = next(p for p in places if p[0] == sam and p[1] > 1)
    assert places.index(request) < places.index(approval)
    # the identity documents were added by alice's request: the manifest names her device
    manifest = json.loads(files[kit.EVIDENCE_MANIFEST])
    identity = manifest["exhibits"][0]["originals"]
    assert identity and {o["ledger_device"] for o in identity} == {alice}
    assert "ledger/devices/" in files["VERIFY.txt"].decode()
    # verify-bundle from the command line: INTACT, exit 0
    code, out, err = run("verify-bundle", org_kit.kit_path, "--org-key", org_kit.org_keys)
    assert code == 0, (out, err)


def test_custody_names_each_entrys_device_and_user(org_kit: OrgKit) -> None:
    text = "\n".join(pdf_text(p.read_bytes()) for p in org_kit.pdf_paths)
    custody = text[text.rindex("监管链") :] if "监管链" in text else text
    for user in ("alice", "sam", "lee"):  # root's device holds no custody entry of the case
        device = org_kit.devices[user]
        assert f"{device[:8]}\n加入者 {user}\n" in custody, user
    assert "加入者 lee\n导出设备" in custody
    english = "\n".join(pdf_text(p.read_bytes()) for p in org_kit.english)
    custody = english[english.index("Generated from the tamper-evident ledger") :]
    assert "combines the ledgers of 5 devices" in english.replace("\n", " ")
    for user in ("alice", "sam"):
        assert f"{org_kit.devices[user][:8]}\njoined by {user}\n" in custody, user
    assert "5 台设备" in text


def test_an_edited_foreign_entry_is_found_at_its_device_and_seq(
    org_kit: OrgKit, tmp_path: Path
) -> None:
    bag = _unzip(org_kit.kit_path, tmp_path)
    alice = org_kit.devices["alice"]
    entries = bag / kit.device_folder(alice) / "entries.jsonl"
    lines = entries.read_text("utf-8").splitlines()
    number, line = next((n, line) for n, line in enumerate(lines) if '"contact.request"' in line)
    raw = json.loads(line)
    raw["actor"] = "sam"  # the request, now as if the supervisor had made it
    lines[number] = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    entries.write_text("\n".join(lines) + "\n", "utf-8")
    report = verify_kit(bag, _anchors(org_kit))
    located = {(f.code, f.device, f.seq) for f in report.errors}
    assert ("ledger.entry_hash", alice, raw["seq"]) in located, _errors(report)
    assert any(f.file == f"{kit.device_folder(alice)}entries.jsonl" for f in report.errors)


def test_a_dropped_foreign_entry_is_found_at_its_device_and_seq(
    org_kit: OrgKit, tmp_path: Path
) -> None:
    bag = _unzip(org_kit.kit_path, tmp_path)
    sam = org_kit.devices["sam"]
    entries = bag / kit.device_folder(sam) / "entries.jsonl"
    lines = entries.read_text("utf-8").splitlines()
    kept = [line for line in lines if '"contact.approve"' not in line]
    dropped = next(json.loads(line)["seq"] for line in lines if '"contact.approve"' in line)
    entries.write_text("\n".join(kept) + "\n", "utf-8")
    report = verify_kit(bag, _anchors(org_kit))
    located = {(f.code, f.device, f.seq) for f in report.errors}
    assert ("org.missing", sam, dropped) in located, _errors(report)


def test_swapped_device_ids_are_found(org_kit: OrgKit, tmp_path: Path) -> None:
    """Alice's and sam's folders swapped, and their ids swapped in the order: every entry is
    now checked as the other device's, whose notes its signature is not over."""
    bag = _unzip(org_kit.kit_path, tmp_path)
    alice, sam = org_kit.devices["alice"], org_kit.devices["sam"]
    a, s = bag / kit.device_folder(alice), bag / kit.device_folder(sam)
    a.rename(bag / "ledger" / "devices" / "swap")
    s.rename(a)
    (bag / "ledger" / "devices" / "swap").rename(s)
    order_file = bag / kit.ORG_ORDER
    order = json.loads(order_file.read_text("utf-8"))
    for place in order["order"]:
        place["device"] = {alice: sam, sam: alice}.get(place["device"], place["device"])
    order_file.write_text(json.dumps(order), "utf-8")
    report = verify_kit(bag, _anchors(org_kit))
    codes = {(f.code, f.device) for f in report.errors}
    assert ("org.device", alice) in codes and ("org.device", sam) in codes, _errors(report)
    assert ("ledger.signature", alice) in codes and ("ledger.signature", sam) in codes


def test_one_changed_byte_in_any_devices_file_fails_and_names_it(
    org_kit: OrgKit, tmp_path: Path
) -> None:
    """Every file of the other devices and the organisation's order: one byte changed is found
    and names the file (the tag manifest's digest at least); in a device's entries, the ledger
    check itself names the device and seq."""
    pristine = _unzip(org_kit.kit_path, tmp_path / "pristine")
    names = sorted(
        p.relative_to(pristine).as_posix()
        for p in (pristine / "ledger").rglob("*")
        if p.is_file() and ("/devices/" in p.as_posix() or p.name == "org-order.json")
    )
    assert len(names) > 12
    anchors = _anchors(org_kit)
    for number, name in enumerate(names):
        copy = tmp_path / f"t{number}"
        shutil.copytree(pristine, copy)
        target = copy / name
        content = bytearray(target.read_bytes())
        position = len(content) // 2
        content[position] = (content[position] + 1) % 256
        target.write_bytes(bytes(content))
        report = verify_kit(copy, anchors)
        assert name in {f.file for f in report.errors}, (name, _errors(report))
        if name.endswith("entries.jsonl"):
            device = name.split("/")[2]
            located = [f for f in report.errors if f.device == device and f.seq is not None]
            assert located, (name, _errors(report))
        shutil.rmtree(copy)


def test_the_bundle_holds_the_staff_laptops_messages(org_kit: OrgKit) -> None:
    """Legal's desktop rebuilt the staff laptop's import from its original (services/rebuild.py):
    the transcript shows the debtor's promise, and the kit proves each message against the
    commitments root staff's import entry signed."""
    text = "".join(pdf_text(p.read_bytes()) for p in org_kit.pdf_paths).replace("\n", "")
    assert "先还 5000" in text or "先还5000" in text
    assert "李明" in text
    with zipfile.ZipFile(org_kit.kit_path) as zf:
        commitments = [n for n in zf.namelist() if "/ledger/commitments/" in n]
    assert commitments, "no commitments file for the staff laptop's import"


def _org_doc(bag: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((bag / org_proof.FILE).read_text("utf-8"))
    return doc


def _tampered(org_kit: OrgKit, where: Path, change: Callable[[dict[str, Any]], None]) -> set[str]:
    """The error codes of the kit with ``change`` made to its organisation checkpoint file."""
    bag = _unzip(org_kit.kit_path, where)
    doc = _org_doc(bag)
    change(doc)
    (bag / org_proof.FILE).write_text(json.dumps(doc), "utf-8")
    report = verify_kit(bag, _anchors(org_kit))
    assert org_proof.FILE in {f.file for f in report.errors}
    return {f.code for f in report.errors if f.file == org_proof.FILE}


def test_the_kit_carries_the_covering_org_checkpoint_and_verifies_it_with_no_hub(
    org_kit: OrgKit, tmp_path: Path
) -> None:
    """The hub is stopped: the kit alone proves every entry in the organisation checkpoint that
    legal's device kept, and that lee (legal: a witness) cosigned it."""
    bag = _unzip(org_kit.kit_path, tmp_path / "kit")
    doc = _org_doc(bag)
    order = json.loads((bag / kit.ORG_ORDER).read_text("utf-8"))["order"]
    stated = org_cp.parse(doc["checkpoint"]["body"])
    assert doc["uncovered"] == [] and len(doc["entries"]) == len(order)
    assert {(e["device"], e["seq"]) for e in doc["entries"]} == {
        (p["device"], p["seq"]) for p in order
    }
    assert all(e["index"] < stated.size for e in doc["entries"])
    assert [w["witness"] for w in doc["witnesses"]] == ["lee"]
    report = verify_kit(bag, _anchors(org_kit))
    assert report.intact, _errors(report)
    assert not [f for f in report.findings if f.code.startswith("org.")], report.as_json()
    # one byte of one proof, the checkpoint's root, the witness's cosignature: each named

    def proof_byte(d: dict[str, Any]) -> None:
        entry = next(e for e in d["entries"] if e["path"])
        step = entry["path"][0]
        entry["path"][0] = ("1" if step[0] == "0" else "0") + step[1:]

    def root(d: dict[str, Any]) -> None:
        d["checkpoint"]["body"] = d["checkpoint"]["body"].replace(stated.root, "0" * 64)

    def cosignature(d: dict[str, Any]) -> None:
        signature = d["witnesses"][0]["signature"]
        d["witnesses"][0]["signature"] = ("1" if signature[0] == "0" else "0") + signature[1:]

    assert "org.inclusion" in _tampered(org_kit, tmp_path / "proof", proof_byte)
    assert {"org.checkpoint", "org.inclusion"} <= _tampered(org_kit, tmp_path / "root", root)
    assert "org.witness" in _tampered(org_kit, tmp_path / "cosign", cosignature)
    # the PDF states the checkpoint, that it is not stamped, and who cosigned; VERIFY.txt how
    text = "".join(pdf_text(p.read_bytes()) for p in org_kit.pdf_paths).replace("\n", "")
    assert "组织检查点" in text and f"大小 {stated.size}，根 {stated.root}" in text
    assert "生成本证据包时中心服务器尚未为此组织检查点加盖时间戳" in text
    assert "联署的见证人：lee。" in text
    # ... and the custody page says it where the rows are read (not only in the appendix)
    assert f"组织中心服务器的检查点 {stated.size} 覆盖这些记录，但生成本证据包时" in text
    english = "".join(pdf_text(p.read_bytes()) for p in org_kit.english).replace("\n", "")
    assert "Cosigned by the witnesses: lee." in english
    assert org_proof.FILE in (bag / "VERIFY.txt").read_text("utf-8")


def test_the_kits_hub_key_is_held_to_the_organisations_published_hub_keys(
    org_kit: OrgKit, tmp_path: Path
) -> None:
    """The hub key in the kit is only the exporting device's pin: a made-up hub's key (an
    insider's kit whose checkpoint their own key signed) verifies as intact. Trust comes from
    the organisation's published key list (``org-keys``), which now names its hub's keys."""
    published = json.loads(org_kit.org_keys.read_text("utf-8"))
    bag = _unzip(org_kit.kit_path, tmp_path / "kit")
    carried = _org_doc(bag)
    assert [h["public_key"] for h in published["hub_keys"]] == [carried["hub_key"]]
    assert published["hub_keys"][0]["hub_id"] == carried["hub_id"]
    report = verify_kit(bag, _anchors(org_kit))
    assert report.outcome == "intact", report.as_json()
    assert report.trust is not None and report.trust.hub is not None
    assert report.trust.hub.pinned is not None
    # a current list that does not name this hub's key: intact, but not trusted, naming why
    other = tmp_path / "other-hub-keys.json"
    other.write_text(json.dumps({**published, "hub_keys": []}), "utf-8")
    report = verify_kit(bag, TrustAnchors.load([], [other], pinned=False))
    assert report.intact and report.outcome == "untrusted"
    assert [r.code for r in report.trust.reasons] == ["trust.hub"]  # type: ignore[union-attr]
    # a list written before hub keys existed (no ``hub_keys`` at all): the reason says so and
    # names the fix, an export of the list again; the kit is not trusted on it
    del published["hub_keys"]
    old_list = tmp_path / "before-hub-keys.json"
    old_list.write_text(json.dumps(published), "utf-8")
    report = verify_kit(bag, TrustAnchors.load([], [old_list], pinned=False))
    assert report.intact and report.outcome == "untrusted"
    assert report.trust is not None
    reasons = report.trust.reasons
    assert [r.code for r in reasons] == ["trust.hub_list_predates"]
    assert str(old_list) in reasons[0].message and "org-keys --out" in reasons[0].message
    # the list exported again today (the fixture's) is enough, beside the old one
    report = verify_kit(bag, TrustAnchors.load([], [old_list, org_kit.org_keys], pinned=False))
    assert report.outcome == "intact", report.as_json()
