"""`bundle` / `export` and `verify-bundle` through real subprocesses (cli.md)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.bundle.support import CASE, store_with_evidence
from tests.cli.test_commands import cli, ok, refused
from tests.helpers import Team

#: who receives the bundle, why, on which basis (PIPL arts. 55-56): every export says it
TO_COURT = (
    "--recipient-kind",
    "court",
    "--recipient",
    "Pudong People's Court",
    "--purpose",
    "civil suit to recover the loan",
    "--basis",
    "contract",
)


def test_legal_exports_and_anyone_verifies_without_a_store_or_password(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    team.close_all()
    store = team.path
    refused(
        cli(store, "bundle", "--case", CASE, "--out", "o", *TO_COURT, user="alice"),
        3,
        "bundle.export",
    )
    refused(
        cli(
            store,
            "bundle",
            "--case",
            CASE,
            "--from",
            "2026-1-x",
            "--out",
            "o",
            *TO_COURT,
            user="lee",
        ),
        4,
        "--from",
    )
    out = tmp_path / "bundle-out"
    result = json.loads(
        ok(cli(store, "--json", "export", "--case", CASE, "--out", str(out), *TO_COURT, user="lee"))
    )
    assert result["processing_record"].startswith("PR-")
    assert result["exhibits"] == 2 and Path(result["kit"]).exists()
    # verify-bundle: no --store, no --user, no password in the environment; intact, but
    # nobody outside the kit vouches for its signers yet
    checked = cli(tmp_path / "nowhere", "verify-bundle", str(out))
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "E1  OK" in checked.stdout and "E2  OK" in checked.stdout
    last = checked.stdout.strip().splitlines()[-1]
    assert last.startswith("INTACT BUT UNTRUSTED: signer ") and "signer lee (legal, key " in last
    # any user exports the organisation's key list; with it the kit is intact and trusted (this
    # store has no TSA: no token to judge, the checkpoint's local time is a warning)
    org_keys = tmp_path / "org-keys.json"
    assert "sha256 " in ok(cli(store, "org-keys", "--out", str(org_keys), user="alice"))
    checked = cli(tmp_path / "nowhere", "verify-bundle", str(out), "--org-key", str(org_keys))
    text = ok(checked)
    assert "E1  OK" in text and "E2  OK" in text and text.strip().endswith("\nINTACT")
    assert "WARNING [checkpoint.unstamped]" in text
    assert f"pinned (the organisation key list {org_keys}); exported the bundle" in text

    # one changed byte in an original: exit 1, the file is named
    bag = tmp_path / "unzipped"
    with zipfile.ZipFile(result["kit"]) as zf:
        zf.extractall(bag)
    (root,) = [p.parent for p in bag.glob("*/bagit.txt")]
    chat = next((root / "data" / "originals" / "E2").glob("*.txt"))
    content = bytearray(chat.read_bytes())
    content[10] ^= 0x01
    chat.write_bytes(bytes(content))
    broken = cli(tmp_path / "nowhere", "verify-bundle", str(root), "--org-key", str(org_keys))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert chat.relative_to(root).as_posix() in broken.stdout
    assert "E2  FAILED" in broken.stdout and "PROBLEMS FOUND" in broken.stdout


def test_the_size_limit_and_embedding_the_originals_are_options(team: Team, tmp_path: Path) -> None:
    from pypdf import PdfReader

    store_with_evidence(team, tmp_path / "in")
    team.close_all()
    args = ("bundle", "--case", CASE, *TO_COURT)
    refused(
        cli(team.path, *args, "--max-volume-mb", "0", "--out", "o", user="lee"),
        4,
        "--max-volume-mb",
    )
    out = tmp_path / "embedded"
    result = json.loads(
        ok(
            cli(
                team.path,
                "--json",
                *args,
                "--max-volume-mb",
                "5",
                "--embed-originals",
                "--out",
                str(out),
                user="lee",
            )
        )
    )
    (pdf,) = out.glob("*.pdf")
    root = PdfReader(pdf).trailer["/Root"].get_object()
    kinds = {str(spec.get_object()["/AFRelationship"]) for spec in root["/AF"]}  # type: ignore[index]
    assert kinds == {"/Source", "/Data", "/Supplement"}
    assert result["exhibits"] == 2
