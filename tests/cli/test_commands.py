"""The command line end to end, through real subprocesses (`python -m evidence_desk ...`).

Exit codes per cli.md: 0 done / intact; 1 verification found problems; 2 usage error; 3 refused
by a rule or a permission (the message says which rule); 4 bad input. A refused command changes
nothing, which these tests check through `log --json`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.integrity import merkle, signing
from tests.helpers import ADMIN, ADMIN_PASSWORD, TickingClock, make_team, raw_connection

REPO = Path(__file__).resolve().parents[2]


def cli(
    store: Path,
    *args: str,
    user: str | None = None,
    password: str | None = None,
    new_password: str | None = None,
) -> subprocess.CompletedProcess[str]:
    # no user, password or store leaks in; the settings folder does (conftest gives every test
    # run an empty one, and a test that pins trust for verify-bundle sets its own)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EVIDENCE_DESK_") or k == "EVIDENCE_DESK_CONFIG_DIR"
    }
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONIOENCODING"] = "utf-8"
    if password is None and user is not None:
        password = f"{user}-password"
    if password is not None:
        env["EVIDENCE_DESK_PASSWORD"] = password
    if new_password is not None:
        env["EVIDENCE_DESK_NEW_PASSWORD"] = new_password
    command = [sys.executable, "-m", "evidence_desk", "--store", str(store)]
    if user is not None:
        command += ["--user", user]
    return subprocess.run(
        [*command, *args],
        env=env,
        cwd=store.parent,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert "Traceback" not in result.stderr


def ledger(store: Path, user: str = "lee") -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(ok(cli(store, "log", "--json", user=user)))
    return entries


def ledger_size(store: Path) -> int:
    """Read in-process (cheaper than a subprocess) to check that a refusal wrote nothing."""
    conn = raw_connection(store, ADMIN, ADMIN_PASSWORD)
    try:
        return int(conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, data in (
        ("id-card.jpg", b"\xff\xd8\xff identity card"),
        ("debt-confirmation.pdf", "%PDF 借款人确认欠款 12,345.60".encode()),
        ("friend-request.png", b"\x89PNG friend request"),
        ("promise.png", b"\x89PNG promise to pay on Friday"),
    ):
        (tmp_path / name).write_bytes(data)
        out[name] = tmp_path / name
    return out


@pytest.fixture
def team_store(tmp_path: Path) -> Path:
    """A store made in-process (cheap key slots): root, alice+bob, sam+sue, lee, ada."""
    path = tmp_path / "team-store"
    make_team(path, TickingClock())
    return path


def _open_case_and_contact(store: Path, docs: dict[str, Path], *, approve: bool) -> str:
    ok(cli(store, "case", "add", "C-1", "--debtor", "王秀英", user="alice"))
    contact_id = ok(
        cli(
            store,
            "contact",
            "request",
            "--case",
            "C-1",
            "--channel",
            "wechat",
            "--handle",
            "wxid_wang",
            "--name",
            "王秀英",
            "--reason",
            "debtor asked to chat",
            "--consent",
            "--identity-proof",
            str(docs["id-card.jpg"]),
            user="alice",
        )
    ).strip()
    if approve:
        # the debt confirmation follows the request: attached while it is pending
        confirmation = str(docs["debt-confirmation.pdf"])
        attach = ("contact", "attach", contact_id, confirmation, "--role", "debt_confirmation")
        ok(cli(store, *attach, user="alice"))
        ok(cli(store, "contact", "approve", contact_id, "--note", "ok", user="sam"))
    return contact_id


# -- the whole flow -------------------------------------------------------------------------------


def test_end_to_end_flow(tmp_path: Path, docs: dict[str, Path]) -> None:
    store = tmp_path / "store"
    # admin creates the store and the users
    ok(cli(store, "init", "--admin", "root", password="root-password"))
    keys: dict[str, str] = {}
    for name, role in (("alice", "staff"), ("sam", "supervisor"), ("lee", "legal")):
        out = ok(
            cli(
                store,
                "user",
                "add",
                name,
                "--role",
                role,
                "--json",
                user="root",
                password="root-password",
                new_password=f"{name}-password",
            )
        )
        added = json.loads(out)
        assert (added["name"], added["role"]) == (name, role)
        keys[name] = added["public_key"]
    refused(
        cli(store, "user", "add", "mallory", "--role", "admin", user="alice", new_password="x" * 9),
        3,
        "permission:user.add",
    )
    refused(
        cli(store, "user", "add", "alice", "--role", "staff", user="root", new_password="y" * 9),
        3,
        "user.unique",
    )

    # staff opens a case and requests a contact with documents
    ok(
        cli(
            store,
            "case",
            "add",
            "2026-SZ-7",
            "--debtor",
            "王秀英",
            "--id-number",
            "440301198807076543",
            "--loan-ref",
            "HT-2026-0042",
            "--product",
            "auto_loan",
            "--amount",
            "12345.60",
            "--overdue-since",
            "2025-09-01",
            user="alice",
        )
    )
    listed = json.loads(ok(cli(store, "case", "list", "--json", user="alice")))
    assert listed[0]["debtor_id_number"] == "440301********6543"
    plain = ok(cli(store, "case", "list", user="alice"))
    assert "440301********6543" in plain and "440301198807076543" not in plain
    contact_id = ok(
        cli(
            store,
            "contact",
            "request",
            "--case",
            "2026-SZ-7",
            "--channel",
            "wechat",
            "--handle",
            "wxid_wangxiuying88",
            "--name",
            "王秀英",
            "--reason",
            "debtor sent a friend request to discuss repayment",
            "--consent",
            "--identity-proof",
            str(docs["id-card.jpg"]),
            "--debt-confirmation",
            str(docs["debt-confirmation.pdf"]),
            "--friend-request",
            str(docs["friend-request.png"]),
            user="alice",
        )
    ).strip()
    assert contact_id.startswith("K-")
    queue = json.loads(
        ok(cli(store, "contact", "list", "--status", "requested", "--json", user="sam"))
    )
    assert [(c["id"], c["requested_by"]) for c in queue] == [(contact_id, "alice")]

    # evidence before approval, and approval by the wrong people, are refused
    size = ledger_size(store)
    refused(
        cli(store, "contact", "attach", contact_id, str(docs["promise.png"]), user="alice"),
        3,
        "contact.approved",
    )
    refused(
        cli(store, "contact", "approve", contact_id, user="alice"), 3, "permission:contact.decide"
    )
    refused(
        cli(store, "contact", "approve", contact_id, user="lee"), 3, "permission:contact.decide"
    )
    refused(cli(store, "contact", "approve", contact_id, user="root", password="root-password"), 3)
    assert ledger_size(store) == size

    # the supervisor approves; staff attaches a document to the approved contact
    approved = json.loads(
        ok(
            cli(
                store,
                "contact",
                "approve",
                contact_id,
                "--note",
                "身份已核实",
                "--json",
                user="sam",
            )
        )
    )
    assert (approved["status"], approved["decided_by"]) == ("approved", "sam")
    attached = json.loads(
        ok(
            cli(
                store,
                "contact",
                "attach",
                contact_id,
                str(docs["promise.png"]),
                "--json",
                user="alice",
            )
        )
    )
    assert [a["file_name"] for a in attached] == ["promise.png"]

    # the ledger shows each step, signed by the right user
    entries = ledger(store)
    assert [(e["actor"], e["action"]) for e in entries] == [
        ("root", "store.init"),
        ("root", "user.add"),
        ("root", "user.add"),
        ("root", "user.add"),
        ("alice", "case.create"),
        ("alice", "contact.request"),
        ("sam", "contact.approve"),
        ("alice", "evidence.attach"),
    ]
    for entry in entries[4:]:
        # signed through the checkpoint the entry closes, whose root covers its hash
        leaves = [merkle.leaf_hash(bytes.fromhex(e["entry_hash"])) for e in entries]
        root = merkle.root_hash(leaves[: entry["seq"]]).hex()
        assert entry["signed_note"].endswith(f"\n{entry['seq']}\n{root}\n")
        assert signing.verify(
            keys[entry["actor"]],
            signing.CHECKPOINT_CONTEXT,
            entry["signed_note"].encode(),
            entry["signature"],
        ), entry
    request = entries[5]["payload"]
    assert sorted(d["role"] for d in request["documents"]) == [
        "debt_confirmation",
        "friend_request",
        "identity_proof",
    ]
    # the supervisor's note is sealed under the case key in the entry as in the row
    assert entries[6]["payload"]["note"].startswith("edk1:")
    assert "身份已核实" not in json.dumps(entries[6]["payload"], ensure_ascii=False)
    assert entries[7]["payload"]["files"][0]["sha256"] == attached[0]["sha256"]

    # and the store verifies
    out = ok(cli(store, "verify", user="lee"))
    assert "INTACT" in out
    report = json.loads(ok(cli(store, "verify", "--json", user="alice")))
    assert report["intact"] is True
    assert report["entries"] == 8
    assert report["blobs"] == 4


# -- exit codes -----------------------------------------------------------------------------------


def test_usage_errors_exit_2(team_store: Path) -> None:
    refused(cli(team_store, "no-such-command"), 2)
    refused(cli(team_store, "case", "add", "C-1", user="alice"), 2)  # --debtor missing
    refused(cli(team_store, "contact", "reject", "K-1", user="sam"), 2)  # --note missing
    refused(cli(team_store, "contact", "revoke", "K-1", user="sam"), 2)  # --note missing
    refused(cli(team_store, "user", "add", "x", "--role", "boss", user="ada"), 2)
    refused(cli(team_store, "log"), 2, "no user")  # no --user, no EVIDENCE_DESK_USER
    # a user but no EVIDENCE_DESK_PASSWORD, and no terminal to prompt on
    refused(cli(team_store, "--user", "lee", "log"), 2, "EVIDENCE_DESK_PASSWORD")
    assert ledger_size(team_store) == 9  # store.init, 6 users, the signing CA, lee's cert


def test_authentication_and_permission_refusals_exit_3(team_store: Path) -> None:
    refused(cli(team_store, "log", user="alice", password="wrong-password"), 3, "wrong password")
    refused(
        cli(team_store, "settings", "set", "approval_expiry_days", "7", user="alice"),
        3,
        "permission:settings.set",
    )
    refused(
        cli(team_store, "case", "add", "C-1", "--debtor", "x", user="lee"),
        3,
        "permission:case.create",
    )
    refused(
        cli(team_store, "case", "add", "C-1", "--debtor", "x", user="ada"),
        3,
        "permission:case.create",
    )
    assert ledger_size(team_store) == 9  # store.init, 6 users, the signing CA, lee's cert
    assert (
        ok(cli(team_store, "settings", "set", "approval_expiry_days", "7", user="ada")).strip()
        == "7"
    )
    assert (
        ok(cli(team_store, "settings", "get", "approval_expiry_days", user="alice")).strip() == "7"
    )
    assert [e["actor"] for e in ledger(team_store)][-1] == "ada"


def test_bad_input_exits_4(team_store: Path, tmp_path: Path, docs: dict[str, Path]) -> None:
    ok(cli(team_store, "case", "add", "C-1", "--debtor", "王秀英", user="alice"))
    size = ledger_size(team_store)
    refused(
        cli(
            team_store,
            "contact",
            "request",
            "--case",
            "C-1",
            "--channel",
            "wechat",
            "--handle",
            "wxid_wang",
            "--name",
            "王",
            "--reason",
            "r",
            "--identity-proof",
            str(tmp_path / "missing.jpg"),
            user="alice",
        ),
        4,
        "missing.jpg",
    )
    refused(
        cli(team_store, "case", "add", "C-2", "--debtor", "x", "--amount", "lots", user="alice"),
        4,
        "amount_overdue",
    )
    refused(
        cli(team_store, "case", "import", str(tmp_path / "nope.csv"), user="sam"), 4, "nope.csv"
    )
    assert ledger_size(team_store) == size


# -- named rules through the CLI ------------------------------------------------------------------


def test_revoke_closes_the_channel(team_store: Path, docs: dict[str, Path]) -> None:
    contact_id = _open_case_and_contact(team_store, docs, approve=True)
    ok(cli(team_store, "contact", "attach", contact_id, str(docs["promise.png"]), user="alice"))
    refused(
        cli(team_store, "contact", "revoke", contact_id, "--note", " ", user="sam"),
        3,
        "contact.note",
    )
    refused(
        cli(team_store, "contact", "revoke", contact_id, "--note", "x", user="alice"),
        3,
        "permission:contact.decide",
    )
    out = ok(
        cli(team_store, "contact", "revoke", contact_id, "--note", "debtor abusive", user="sue")
    )
    assert "revoked" in out
    size = ledger_size(team_store)
    refused(
        cli(
            team_store,
            "contact",
            "attach",
            contact_id,
            str(docs["friend-request.png"]),
            user="alice",
        ),
        3,
        "contact.approved",
    )
    # imports follow the same rule as attach: a revoked contact takes no evidence at all
    chat = docs["promise.png"].parent / "chat.txt"
    chat.write_text("05/01/2026, 09:00 - 王秀英: 我下周还款\n", encoding="utf-8")
    refused(
        cli(team_store, "import", "--contact", contact_id, str(chat), user="alice"),
        3,
        "contact.approved",
        "ask a supervisor for a new approval",
    )
    assert ledger_size(team_store) == size
    listed = json.loads(ok(cli(team_store, "contact", "list", "--json", user="lee")))
    assert [(c["id"], c["status"]) for c in listed] == [(contact_id, "revoked")]
    assert ledger(team_store)[-1]["actor"] == "sue"
    ok(cli(team_store, "verify", user="lee"))


def test_reject_needs_a_note_and_own_requests_cannot_be_decided(
    team_store: Path, docs: dict[str, Path]
) -> None:
    ok(cli(team_store, "case", "add", "C-1", "--debtor", "王秀英", user="sam"))
    own = ok(
        cli(
            team_store,
            "contact",
            "request",
            "--case",
            "C-1",
            "--channel",
            "sms",
            "--handle",
            "13800000000",
            "--name",
            "王秀英",
            "--reason",
            "debtor texted",
            user="sam",
        )
    ).strip()
    refused(cli(team_store, "contact", "approve", own, user="sam"), 3, "four-eyes")
    refused(cli(team_store, "contact", "reject", own, "--note", "", user="sue"), 3, "contact.note")
    out = ok(cli(team_store, "contact", "reject", own, "--note", "wrong number", user="sue"))
    assert "rejected" in out


def test_one_matter_per_chat(team_store: Path, docs: dict[str, Path]) -> None:
    _open_case_and_contact(team_store, docs, approve=False)
    ok(cli(team_store, "case", "add", "C-2", "--debtor", "李四", user="bob"))
    size = ledger_size(team_store)
    result = cli(
        team_store,
        "contact",
        "request",
        "--case",
        "C-2",
        "--channel",
        "wechat",
        "--handle",
        "wxid_wang",
        "--name",
        "王秀英",
        "--reason",
        "same person, other loan",
        user="bob",
    )
    refused(result, 3, "one-matter-per-chat", "C-1")
    assert ledger_size(team_store) == size


def test_relation_other_needs_a_justification_and_is_flagged(team_store: Path) -> None:
    ok(cli(team_store, "case", "add", "C-1", "--debtor", "王秀英", user="alice"))
    base = [
        "contact",
        "request",
        "--case",
        "C-1",
        "--channel",
        "phone",
        "--handle",
        "13900000000",
        "--name",
        "王父",
        "--reason",
        "debtor unreachable",
        "--relation",
        "other",
    ]
    refused(cli(team_store, *base, user="alice"), 3, "CC-3")
    out = ok(cli(team_store, *base, "--justification", "emergency contact", "--json", user="alice"))
    assert "CC-3:relation_other" in json.loads(out)["flags"]


def test_case_import_gb18030_and_a_bad_file_imports_nothing(
    team_store: Path, tmp_path: Path
) -> None:
    header = "案件编号,债务人,身份证号,合同号,产品,逾期金额,逾期日期"
    good = tmp_path / "cases.csv"
    good.write_bytes(
        (
            f"{header}\n"
            "2026-SZ-1,王秀英,440301198807076543,HT-1,车贷,100,2025-09-01\n"
            "2026-SZ-2,李四,,HT-2,网贷,200,2025-09-02\n"
        ).encode("gb18030")
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (
            f"{header}\n"
            "2026-SZ-3,张三,,HT-3,车贷,100,2025-09-01\n"
            "2026-SZ-4,,,HT-4,车贷,100,2025-09-01\n"
            "2026-SZ-5,王五,,HT-5,车贷,abc,2025-09-01\n"
        ).encode("gb18030")
    )
    refused(cli(team_store, "case", "import", str(good), user="alice"), 3, "permission:case.import")
    out = json.loads(ok(cli(team_store, "case", "import", str(good), "--json", user="sam")))
    assert out == {"imported": ["2026-SZ-1", "2026-SZ-2"], "encoding": "gb18030"}
    refused(cli(team_store, "case", "import", str(bad), user="sam"), 4, "bad.csv", "row 3", "row 4")
    listed = json.loads(ok(cli(team_store, "case", "list", "--json", user="alice")))
    assert [c["case_no"] for c in listed] == ["2026-SZ-1", "2026-SZ-2"]
    assert listed[0]["debtor_id_number"] == "440301********6543"
    ok(cli(team_store, "verify", user="alice"))


def test_init_in_a_sync_folder_is_refused_and_an_existing_store_there_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = tmp_path / "Dropbox" / "store"
    synced.parent.mkdir()
    refused(
        cli(synced, "init", "--admin", "root", password="root-password"),
        3,
        "store.location_sync",
        str(tmp_path / "Dropbox"),
        "half-written",
        "organisation hub",
    )
    assert not synced.exists()
    # a store made on a local disk that OneDrive later took over still opens, with a warning
    store = tmp_path / "local" / "store"
    store.parent.mkdir()
    ok(cli(store, "init", "--admin", "root", password="root-password"))
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "local"))
    listed = cli(store, "user", "list", user="root", password="root-password")
    assert listed.returncode == 0 and "root" in listed.stdout, listed.stderr
    assert "warning [store.location_onedrive]" in listed.stderr
    assert "opened anyway" in listed.stderr and str(tmp_path / "local") in listed.stderr
