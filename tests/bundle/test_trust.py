"""Whom verify-bundle trusts: a kit regenerated from a made-up store is intact but untrusted.

Two real stores with the same user names: the organisation's, stamped by the test PKI's TSA,
and a made-up one, stamped by a rogue TSA whose root travels in its kit. Both are exported
normally and both kits are internally intact; only TSA roots and signer keys from outside the
kit (the TSA's published root, the organisation's ``org-keys`` list, the pinned folder) tell
them apart. Real local TSAs, real stores, real subprocesses for the CLI.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.bundle import trust
from evidence_desk.bundle.trust import TrustAnchors
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.errors import BadInput
from evidence_desk.integrity import signing
from evidence_desk.services import timestamps, users
from evidence_desk.services.bundle import ExportResult
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk_testing.local_tsa import Fault, LocalTsa, TestPki
from tests.bundle.support import export, store_with_evidence
from tests.cli.test_commands import cli
from tests.helpers import FAST_KDF, TEAM, Team, TickingClock, make_team

ROGUE_ROOT = "CN=Evidence Desk Untrusted Root CA,O=Evidence Desk Test PKI,C=CN"
TEST_ROOT = "CN=Evidence Desk Test Root CA,O=Evidence Desk Test PKI,C=CN"


@dataclass(frozen=True)
class Kits:
    real: ExportResult  # the organisation's store, stamped by the test PKI's TSA
    fake: ExportResult  # a made-up store with the same user names and a rogue TSA
    real_keys: Path  # org-keys of each store
    fake_keys: Path
    root_pem: Path  # the test TSA's published root
    real_store: str
    base: Path


def _stamped_store(team: Team, tsa: LocalTsa, roots_pem: str, folder: Path) -> None:
    timestamps.add_authority(
        team.login("ada"), "local-test-tsa", tsa.url, roots_pem, timeout_seconds=5
    )
    store_with_evidence(team, folder)


@pytest.fixture(scope="module")
def kits(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kits]:
    base = tmp_path_factory.mktemp("trust")
    # the test PKI's certificates are valid around the real present, so time starts there
    clock = TickingClock(datetime.now(UTC).replace(microsecond=0))
    real = make_team(base / "real-store", clock)
    fake = make_team(base / "made-up-store", clock)
    try:
        with (
            LocalTsa(pki, clock=lambda: clock.now) as good,
            LocalTsa(pki, clock=lambda: clock.now, fault=Fault.UNTRUSTED_ROOT) as rogue,
        ):
            _stamped_store(real, good, pki.root_pem.read_text(), base / "in-real")
            # alice signed the imports with the key she had; a reset gives her a new one, so
            # the kit relies on both and the published list must carry both
            users.reset_password(real.login("ada"), "alice", "alice-new-password", kdf=FAST_KDF)
            real.passwords["alice"] = "alice-new-password"
            real_kit = export(real, base / "out-real")
            rogue_root = (pki.directory / "untrusted_root.pem").read_text()
            _stamped_store(fake, rogue, rogue_root, base / "in-fake")
            fake_kit = export(fake, base / "out-fake")
        assert real_kit.checkpoint_stamped and real_kit.tag_manifest_stamped
        assert fake_kit.checkpoint_stamped and fake_kit.tag_manifest_stamped
        real_keys = export_org_keys(real.login("sam"), base / "real-org-keys.json")
        fake_keys = export_org_keys(fake.login("sam"), base / "fake-org-keys.json")
        yield Kits(
            real_kit,
            fake_kit,
            real_keys.path,
            fake_keys.path,
            pki.root_pem,
            real_keys.store_id,
            base,
        )
    finally:
        real.close_all()
        fake.close_all()


def _anchors(tsa_roots: list[Path] | None = None, org_keys: list[Path] | None = None) -> Any:
    return TrustAnchors.load(tsa_roots or [], org_keys or [], pinned=False)


def _verify(kit: Path, *options: str) -> tuple[int, list[str], dict[str, Any]]:
    nowhere = kit.parent / "nowhere"
    text = cli(nowhere, "verify-bundle", str(kit), *options)
    as_json = cli(nowhere, "--json", "verify-bundle", str(kit), *options)
    assert "Traceback" not in text.stderr + as_json.stderr
    assert text.returncode == as_json.returncode
    return text.returncode, text.stdout.strip().splitlines(), json.loads(as_json.stdout)


# -- the organisation's published key list ------------------------------------------------------


def test_org_keys_lists_every_key_each_user_had_with_its_fingerprint(kits: Kits) -> None:
    doc = json.loads(kits.real_keys.read_text("utf-8"))
    assert doc["format"] == trust.ORG_KEYS_FORMAT and doc["store_id"] == kits.real_store
    assert doc["exported_by"] == "sam"
    people = {u["name"]: u for u in doc["users"]}
    assert set(people) == {"root", *TEAM}
    assert {name: u["role"] for name, u in people.items()} == {
        "root": "admin",
        **{name: role.value for name, role in TEAM.items()},
    }
    for user in doc["users"]:
        for key in [user, *user["earlier_keys"]]:
            raw = bytes.fromhex(key["public_key"])
            assert len(raw) == 32
            digest = hashlib.sha256(raw).hexdigest().upper()
            assert key["fingerprint"] == " ".join(digest[i : i + 4] for i in range(0, 64, 4))
    assert len(people["alice"]["earlier_keys"]) == 1  # the key before the reset
    assert all(not people[n]["earlier_keys"] for n in people if n != "alice")


def test_org_keys_command_any_user_may_export(kits: Kits, tmp_path: Path) -> None:
    store = kits.base / "real-store"
    out = tmp_path / "published.json"
    done = cli(store, "org-keys", "--out", str(out), user="bob")
    assert done.returncode == 0, done.stderr
    assert f"store {kits.real_store}" in done.stdout and "sha256 " in done.stdout
    assert json.loads(out.read_text("utf-8"))["exported_by"] == "bob"
    refused = cli(store, "org-keys", "--out", str(tmp_path / "no" / "such.json"), user="bob")
    assert refused.returncode == 4 and "does not exist" in refused.stderr


# -- the kits, in process -----------------------------------------------------------------------


def test_the_real_kit_is_trusted_with_the_published_root_and_key_list(kits: Kits) -> None:
    report = verify_kit(kits.real.kit_path, _anchors([kits.root_pem], [kits.real_keys]))
    assert report.intact and report.trusted and report.outcome == "intact"
    assert report.trust is not None and report.trust.reasons == []
    tokens = report.trust.tokens
    assert len(tokens) == 2  # the checkpoint's and the tag manifest's
    for token in tokens:
        assert token.trusted and token.trusted_root == TEST_ROOT and token.kit_root == TEST_ROOT
        assert token.source is not None and token.source.kind == "tsa-roots"
        assert token.issuer.startswith("CN=Evidence Desk Test TSA")
    signers = {(s.name, s.fingerprint): s for s in report.trust.signers}
    assert all(s.trusted for s in signers.values())
    lee = next(s for s in signers.values() if s.name == "lee")
    assert lee.role == "legal"
    assert lee.relied_on.producer and lee.relied_on.tag_manifest and lee.relied_on.declaration
    assert lee.pinned is not None and lee.pinned.source.path == str(kits.real_keys)
    # alice signed the imports with her first key and is listed with her new one: both pinned
    alice = [s for s in signers.values() if s.name == "alice"]
    assert len(alice) == 2
    assert {bool(s.relied_on.entries) for s in alice} == {True, False}
    assert any(s.relied_on.listed and not s.relied_on.entries for s in alice)


def test_the_made_up_kit_is_intact_but_untrusted_and_says_why(kits: Kits) -> None:
    for anchors in (_anchors(), _anchors([kits.root_pem], [kits.real_keys])):
        report = verify_kit(kits.fake.kit_path, anchors)
        assert report.intact, [f.as_json() for f in report.errors]
        assert not report.trusted and report.outcome == "untrusted"
        assert report.trust is not None
        reasons = report.trust.reasons
        tokens = [r for r in reasons if r.code == "trust.token"]
        assert {r.subject for r in tokens} == {t.file for t in report.trust.tokens}
        assert len(tokens) == 2 and all(ROGUE_ROOT in r.message for r in tokens)
        # every user of the made-up store signed or is listed, and none of them is pinned
        unpinned = {r.subject for r in reasons if r.code == "trust.signer"}
        assert {"lee", "alice", "sam", "root"} <= unpinned
        assert all(not s.trusted for s in report.trust.signers)
    message = next(r.message for r in reasons if r.subject == "lee")
    assert "no pinned organisation key has this fingerprint" in message
    token = report.trust.tokens[0]
    assert token.kit_root == ROGUE_ROOT and token.trusted_root is None
    assert "chains only to " + ROGUE_ROOT + ", a root inside the kit" in str(token.reason)


def test_a_key_pinned_under_another_name_or_for_another_store_is_not_pinned(
    kits: Kits, tmp_path: Path
) -> None:
    doc = json.loads(kits.real_keys.read_text("utf-8"))
    renamed = json.loads(json.dumps(doc))
    for user in renamed["users"]:
        if user["name"] == "lee":
            user["name"] = "leo"
    other_store = dict(doc, store_id="S-another-store")
    for name, edited in (("renamed", renamed), ("other-store", other_store)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(edited), "utf-8")
        report = verify_kit(kits.real.kit_path, _anchors([kits.root_pem], [path]))
        assert report.intact and not report.trusted
        assert report.trust is not None
        reasons = {r.subject: r.message for r in report.trust.reasons}
        if name == "renamed":
            assert list(reasons) == ["lee"]
            assert "this key is pinned for leo, not for lee" in reasons["lee"]
        else:
            assert "lee" in reasons and "alice" in reasons
            assert f"the kit is from store {kits.real_store}" in reasons["lee"]


def test_a_broken_trust_input_is_refused_naming_the_file(kits: Kits, tmp_path: Path) -> None:
    doc = json.loads(kits.real_keys.read_text("utf-8"))
    doc["users"][0]["fingerprint"] = signing.fingerprint("00" * 32)
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc), "utf-8")
    not_pem = tmp_path / "root.pem"
    not_pem.write_text("not a certificate\n", "utf-8")
    empty = tmp_path / "empty.pem"
    empty.write_text("\n", "utf-8")
    for tsa_roots, org_keys, says in (
        ([], [forged], "the fingerprint does not match the public key"),
        ([], [tmp_path / "missing.json"], "cannot read"),
        ([not_pem], [], "not PEM certificates"),
        ([empty], [], "no PEM certificate in it"),
        ([], [kits.root_pem], "not an organisation key list"),
    ):
        with pytest.raises(BadInput) as refused:
            _anchors(tsa_roots, org_keys)
        assert says in refused.value.message
        assert refused.value.file == str((tsa_roots or org_keys)[0])


# -- verify-bundle through the CLI --------------------------------------------------------------


def test_cli_made_up_kit_is_intact_but_untrusted_naming_root_and_signers(kits: Kits) -> None:
    code, lines, doc = _verify(kits.fake.kit_path)
    assert code == 1
    last = lines[-1]
    assert last.startswith("INTACT BUT UNTRUSTED: ")
    assert ROGUE_ROOT in last and "a root inside the kit" in last
    for name in ("lee", "alice", "sam", "root"):
        assert f"signer {name} (" in last
    # the issuer of every token and the identity of every signer are printed
    token_lines = [line for line in lines if line.startswith("token ")]
    assert len(token_lines) == 2
    assert all("issued by CN=Evidence Desk Rogue TSA" in line for line in token_lines)
    lee = next(line for line in lines if line.startswith("signer lee (legal), key "))
    assert "NOT pinned" in lee and "exported the bundle" in lee
    assert doc["outcome"] == "untrusted" and doc["intact"] and not doc["trusted"]
    reasons = doc["trust"]["reasons"]
    assert {r["code"] for r in reasons} == {"trust.token", "trust.signer"}
    assert {s["name"] for s in doc["trust"]["signers"] if not s["pinned"]} >= {"lee", "root"}
    assert all(t["kit_root"] == ROGUE_ROOT and not t["trusted"] for t in doc["trust"]["tokens"])

    # the organisation's real key list and the TSA's published root do not make it trusted
    code, lines, doc = _verify(
        kits.fake.kit_path, "--tsa-roots", str(kits.root_pem), "--org-key", str(kits.real_keys)
    )
    assert code == 1 and lines[-1].startswith("INTACT BUT UNTRUSTED: ")
    assert "signer lee (legal, key " in lines[-1] and ROGUE_ROOT in lines[-1]
    assert doc["trust"]["org_keys"][0]["store_id"] == kits.real_store


def test_cli_real_kit_with_published_root_and_org_keys_is_intact(kits: Kits) -> None:
    code, lines, doc = _verify(kits.real.kit_path)
    assert code == 1 and lines[-1].startswith("INTACT BUT UNTRUSTED: ")  # nothing to trust yet
    code, lines, doc = _verify(
        kits.real.kit_path, "--tsa-roots", str(kits.root_pem), "--org-key", str(kits.real_keys)
    )
    assert code == 0, "\n".join(lines)
    assert lines[-1] == "INTACT"
    assert doc["outcome"] == "intact" and doc["trusted"] and doc["trust"]["reasons"] == []
    token_lines = [line for line in lines if line.startswith("token ")]
    assert len(token_lines) == 2
    for line in token_lines:
        assert f"chains to {TEST_ROOT}: trusted (the TSA roots file {kits.root_pem})" in line
    signer_lines = [line for line in lines if line.startswith("signer ")]
    assert len(signer_lines) == len(doc["trust"]["signers"]) >= 7
    pinned = f"pinned (the organisation key list {kits.real_keys})"
    assert all(pinned in line for line in signer_lines)
    (roots,) = [line for line in lines if line.startswith("trusted TSA roots from outside")]
    assert f"1 from the TSA roots file {kits.root_pem}" in roots


def test_cli_the_other_stores_key_list_names_the_unpinned_signers(kits: Kits) -> None:
    code, lines, _doc = _verify(
        kits.real.kit_path, "--tsa-roots", str(kits.root_pem), "--org-key", str(kits.fake_keys)
    )
    assert code == 1
    last = lines[-1]
    assert last.startswith("INTACT BUT UNTRUSTED: ") and "token " not in last
    assert all(f"signer {name} (" in last for name in ("lee", "alice", "sam", "root"))


def test_cli_pinned_folder_is_trusted_and_named(
    kits: Kits, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings"
    (settings / "tsa-roots").mkdir(parents=True)
    (settings / "org-keys").mkdir()
    shutil.copy(kits.root_pem, settings / "tsa-roots" / "test-tsa.pem")
    shutil.copy(kits.real_keys, settings / "org-keys" / "example.json")
    monkeypatch.setenv("EVIDENCE_DESK_CONFIG_DIR", str(settings))
    assert trust.config_dir() == settings
    code, lines, doc = _verify(kits.real.kit_path)
    assert code == 0 and lines[-1] == "INTACT", "\n".join(lines)
    shown = "\n".join(lines)
    assert f"trusted (the pinned folder {settings / 'tsa-roots'})" in shown
    assert f"pinned (the pinned file {settings / 'org-keys' / 'example.json'})" in shown
    assert {s["kind"] for s in doc["trust"]["org_keys"]} == {"pinned"}
    # --no-pinned: only what the command line gives
    code, lines, _doc = _verify(kits.real.kit_path, "--no-pinned")
    assert code == 1 and lines[-1].startswith("INTACT BUT UNTRUSTED: ")


def test_cli_a_tampered_kit_is_reported_as_tampered_not_only_untrusted(
    kits: Kits, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.zip"
    changed = ""
    with (
        zipfile.ZipFile(kits.real.kit_path) as source,
        zipfile.ZipFile(tampered, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".txt") and "/originals/" in info.filename:
                data, changed = data.replace(b"5000", b"9000", 1), info.filename.split("/", 1)[1]
            target.writestr(info, data)
    assert changed
    code, lines, doc = _verify(
        tampered, "--tsa-roots", str(kits.root_pem), "--org-key", str(kits.real_keys)
    )
    assert code == 1 and lines[-1].startswith("PROBLEMS FOUND: ")
    assert any(f"[payload.sha256] {changed}" in line for line in lines)
    assert doc["outcome"] == "problems" and not doc["intact"]


def test_the_app_ships_the_mozilla_root_list_and_its_own_roots_folder() -> None:
    """Public TSAs chain to Mozilla's roots (certifi, a dependency); the shipped folder holds a
    company's own TSA roots (none yet: only its README)."""
    certifi = pytest.importorskip("certifi")
    anchors = TrustAnchors.load(pinned=False)
    mozilla, app = anchors.root_sources
    assert mozilla.kind == "mozilla" and mozilla.path == certifi.where() and mozilla.count > 100
    assert mozilla.version == certifi.__version__
    assert app.kind == "app" and app.path == str(trust.SHIPPED_ROOTS) and app.count == 0
    assert (trust.SHIPPED_ROOTS / "README.txt").is_file()
    subjects = {r.certificate.subject.rfc4514_string() for r in anchors.roots}
    # DigiCert's and Sectigo's (USERTrust) time-stamping chains end at these
    assert any("DigiCert" in s for s in subjects) and any("USERTrust RSA" in s for s in subjects)


def test_a_key_list_that_predates_hub_keys_is_named_for_an_unpinned_hub_key(
    tmp_path: Path,
) -> None:
    """A list with ``hub_keys`` (even empty) vouches for the hub keys it names; a list written
    before hub keys existed has no ``hub_keys`` at all, and a hub key judged against it names
    that list (the reason ``trust.hub_list_predates``), unless another list pins the key."""
    hub_key = signing.public_key_hex(Ed25519PrivateKey.generate())
    entry = {"hub_id": "hub-1", "public_key": hub_key, "fingerprint": signing.fingerprint(hub_key)}
    base = {"format": trust.ORG_KEYS_FORMAT, "organisation": "Org", "users": []}
    old, other, current = tmp_path / "old.json", tmp_path / "other.json", tmp_path / "now.json"
    old.write_text(json.dumps(base), "utf-8")
    other.write_text(json.dumps({**base, "hub_keys": []}), "utf-8")
    current.write_text(json.dumps({**base, "hub_keys": [entry]}), "utf-8")

    def judged(*lists: Path) -> trust.HubKeyTrust:
        anchors = TrustAnchors.load([], list(lists), shipped=False, pinned=False)
        return trust.judge_hub_key("hub-1", hub_key, anchors)

    assert judged(old).pinned is None and judged(old).predating == (str(old),)
    assert judged(other).pinned is None and judged(other).predating == ()
    pinned = judged(old, current)
    assert pinned.pinned is not None and pinned.predating == ()
    assert judged(old, other).predating == (str(old),)
