"""Every command VERIFY.txt gives a court runs, on a fresh kit, and succeeds (the one runner
of VERIFY.txt's commands).

The commands are whatever VERIFY.txt holds (each on a line starting with ``kit.COMMAND``),
so a step added later (pdfsig, say) is run here too. The TSA's root and the organisation's
key list are saved outside the kit, as VERIFY.txt asks; the tools are the stock ones a court
has, and each must be one that .ci/run installs (or part of every system).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.bundle import kit, labels
from evidence_desk.services import timestamps
from evidence_desk.services.bundle import ExportResult
from evidence_desk.services.org_keys import export_org_keys
from evidence_desk_testing.local_tsa import Fault, LocalTsa, TestPki
from tests.bundle.support import export, store_with_evidence
from tests.helpers import Team, TickingClock, add_local_tsa

REPO = Path(__file__).resolve().parents[2]
# the system package each stock tool comes from; "essential" ones are on every system
PACKAGES = {
    "sha256sum": "essential",
    "sha512sum": "essential",
    "openssl": "openssl",
    "pdfsig": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdfdetach": "poppler-utils",
}


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present, so time starts there
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


def _commands(text: str) -> list[str]:
    return [line[len(kit.COMMAND) :] for line in text.splitlines() if line.startswith(kit.COMMAND)]


@dataclass(frozen=True)
class Ran:
    """What running VERIFY.txt's commands showed: its text, each command with its output, and
    the published files (outside the kit) the commands were given."""

    text: str
    outputs: list[tuple[str, str]]
    published: Path


def _run_every_command(result: ExportResult, team: Team, pki: TestPki, tmp_path: Path) -> Ran:
    """Unzip the kit, run each command VERIFY.txt gives from the kit's folder (each must exit
    0), with the published TSA root and organisation key list in place of their names."""
    published = tmp_path / "published"  # what the court obtains from outside the kit
    published.mkdir()
    shutil.copy(pki.root_pem, published / kit.published_root("local-test-tsa"))
    export_org_keys(team.login("alice"), published / kit.PUBLISHED_ORG_KEYS)
    return run_verify_commands(result.kit_path, published, tmp_path)


def run_verify_commands(kit_path: Path, published: Path, tmp_path: Path) -> Ran:
    """Unzip the kit, run each command VERIFY.txt gives from the kit's folder (each must exit
    0) with the files in ``published`` (the TSAs' roots, the organisation's keys) standing for
    what the court fetches from outside the kit."""
    with zipfile.ZipFile(kit_path) as zf:
        zf.extractall(tmp_path / "kit")
    (bag,) = [p.parent for p in (tmp_path / "kit").glob("*/bagit.txt")]
    text = (bag / "VERIFY.txt").read_text("utf-8")
    outside = {p.name: str(p) for p in published.iterdir()}
    ci_run = (REPO / ".ci" / "run").read_text("utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout's evidence_desk
    commands = _commands(text)
    assert len(commands) >= 6, text
    outputs: list[tuple[str, str]] = []
    for command in commands:
        argv = [outside.get(arg, arg) for arg in shlex.split(command)]
        if argv[0] == "evidence-desk":  # the app itself, as installed
            argv = [sys.executable, "-m", "evidence_desk", *argv[1:]]
        elif argv[0] == "bagit.py":  # the Library of Congress's validator (pip install bagit)
            argv = [sys.executable, "-m", "bagit", *argv[1:]]
        else:
            package = PACKAGES.get(argv[0])
            assert package is not None, f"VERIFY.txt asks for {argv[0]}: add it to .ci/run"
            assert package == "essential" or package in ci_run.split(), (argv[0], package)
            if shutil.which(argv[0]) is None:  # .ci/run installs it: only a bare box lacks it
                pytest.skip(f"{argv[0]} is not installed here")
        done = subprocess.run(
            argv, cwd=bag, env=env, capture_output=True, text=True, timeout=180, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        outputs.append((command, done.stdout))
    return Ran(text, outputs, published)


def test_every_command_of_a_stamped_kit_succeeds(
    team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    add_local_tsa(team, pki, local_tsa)
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    assert result.checkpoint_stamped and result.tag_manifest_stamped
    ran = _run_every_command(result, team, pki, tmp_path)
    text, commands = ran.text, [command for command, _out in ran.outputs]
    assert f"-in {kit.TOKEN_FILE}" in text
    tools = {c.split()[0] for c in commands}
    assert {"sha256sum", "sha512sum", "openssl", "bagit.py", "evidence-desk"} <= tools
    # the openssl -CAfile is the TSA's root as published, never the kit's own roots
    root = kit.published_root("local-test-tsa")
    assert "tsa/local-test-tsa-roots.pem" not in "\n".join(commands)
    openssl = [(c, out) for c, out in ran.outputs if c.startswith("openssl")]
    assert len(openssl) == 2
    assert all(f"-CAfile {root}" in c and "Verification: OK" in out for c, out in openssl)
    assert all(out.strip().endswith("\nINTACT") for c, out in ran.outputs if "evidence-desk" in c)
    # the kit's signers are listed with the fingerprints of the published key list, their role
    # in the bundle's language (zh_CN)
    listed = {
        (u["name"], labels.label("zh_CN", "role", u["role"]), u["fingerprint"])
        for u in json.loads((ran.published / kit.PUBLISHED_ORG_KEYS).read_text("utf-8"))["users"]
    }
    stated = set(re.findall(r"^- (\S+) \((\w+)\): ([0-9A-F ]{79})$", text, re.MULTILINE))
    assert stated and stated <= listed


def test_every_command_succeeds_when_the_tsa_fails_at_the_tag_manifest(
    team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    """The review's case: the checkpoint has its token, the TSA then fails for the tag
    manifest; VERIFY.txt named tagmanifest-sha256.txt.tst, which the kit did not hold."""
    add_local_tsa(team, pki, local_tsa)
    alice, _contact = store_with_evidence(team, tmp_path / "in")
    timestamps.stamp(alice)
    local_tsa.fault = Fault.HTTP_500
    result = export(team, tmp_path / "out", stamp_first=False)
    assert result.checkpoint_stamped and not result.tag_manifest_stamped
    with zipfile.ZipFile(result.kit_path) as zf:
        assert not [n for n in zf.namelist() if n.endswith(kit.TOKEN_FILE)]
    text = _run_every_command(result, team, pki, tmp_path).text
    assert kit.TOKEN_FILE not in text
    assert sum(c.startswith("openssl ts -verify") for c in _commands(text)) == 1
