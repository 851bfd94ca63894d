"""`import --exclude-participant` and `bundle --unmask-numbers` through real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_desk.services.leave_out import participant_digest
from tests.bundle.support import CASE
from tests.cli.test_bundle import TO_COURT
from tests.cli.test_commands import cli, ledger, ok, refused
from tests.helpers import Team, approved_contact

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好\n"
    "05/01/2026, 09:05 - Chen Lixin: 我的卡 4111 1111 1111 1111\n"
    "05/01/2026, 09:06 - Zhao Qiang: 我是他朋友\n"
)


def test_import_leaves_out_a_participant_and_bundle_unmasks_with_a_reason(
    team: Team, tmp_path: Path
) -> None:
    _alice, contact_id = approved_contact(team, tmp_path, case_no=CASE)
    team.close_all()
    store = team.path
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(CHAT, encoding="utf-8")
    args = ["import", "--contact", contact_id, "--exclude-participant", "Zhao Qiang"]
    shown = ok(cli(store, *args, "--preview", str(chat), user="alice"))
    assert "left out: 1 messages of Zhao Qiang" in shown
    assert "2 messages" in ok(cli(store, *args, str(chat), user="alice"))
    entry = ledger(store)[-1]
    summary = entry["payload"]["imports"][0]
    # the entry says how much was left out; whom stays sealed in the import's details
    assert summary["left_out"] == {"chats": 0, "participants": 1, "messages": 1}
    assert participant_digest("Zhao Qiang") not in json.dumps(entry["payload"])
    messages = ok(cli(store, "messages", "--contact", contact_id, user="alice"))
    assert "我是他朋友" not in messages

    refused(
        cli(
            store, "bundle", "--case", CASE, "--out", "o", *TO_COURT, "--unmask-numbers", user="lee"
        ),
        3,
        "unmask.reason",
    )
    out = tmp_path / "out"
    ok(
        cli(
            store,
            "bundle",
            "--case",
            CASE,
            "--out",
            str(out),
            "--no-stamp",
            *TO_COURT,
            "--unmask-numbers",
            "--unmask-reason",
            "court order 12",
            user="lee",
        )
    )
    actions = [(e["action"], e["payload"].get("reason")) for e in ledger(store)[-3:]]
    assert actions == [
        ("bundle.unmask", "court order 12"),
        ("processing.record", None),
        ("bundle.export", None),
    ]
    assert json.loads(ok(cli(store, "--json", "verify", user="lee")))["intact"] is True
