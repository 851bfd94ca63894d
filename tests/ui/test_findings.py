"""Conduct findings view: run the self-check, open a finding's message, acknowledge it."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import importing
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.review_ui import FindingRole
from tests.helpers import Team, approved_contact

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 你再不还钱就把你拉进黑名单，全家都知道\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
)


def test_supervisor_opens_and_acknowledges_a_conduct_finding(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    export = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    export.write_text(CHAT, "utf-8")
    importing.import_files(staff, contact_id, [export], tz="Asia/Shanghai", our_account="Li Ming")

    staff_window = MainWindow(staff)
    qtbot.addWidget(staff_window)
    assert not staff_window.findings.ack_button.isEnabled()  # field staff cannot acknowledge
    assert "supervisor" in staff_window.findings.ack_button.toolTip()

    window = MainWindow(team.login("sam"))
    qtbot.addWidget(window)
    view = window.findings
    window.tabs.setCurrentWidget(view)
    view.run()
    qtbot.waitUntil(lambda: view.job is None and view.findings != [], timeout=30_000)
    assert view.table.rowCount() >= 1
    rules = {f.rule for f in view.findings}
    assert "CC-6" in rules  # the forbidden wording in the staff message
    row = next(
        r for r in range(view.table.rowCount()) if view.table.item(r, 0).text().startswith("CC-6")
    )
    view.table.cellDoubleClicked.emit(row, 0)
    assert window.tabs.currentWidget() is window.contact_page
    shown = window.contact_page.conversation.selected_message()
    assert shown is not None and "黑名单" in shown.text

    window.tabs.setCurrentWidget(view)
    view.table.selectRow(row)
    view.ack_button.click()
    assert "note" in view.message.text()  # a note is required
    view.table.selectRow(row)
    view.note.setText("staff retrained; the debtor was called to apologise")
    view.ack_button.click()
    assert "recorded" in view.message.text()
    qtbot.waitUntil(lambda: view.job is None, timeout=30_000)
    acked = [f for f in view.findings if f.rule == "CC-6"]
    assert acked and acked[0].acknowledged and acked[0].acked_by == "sam"


def test_every_planted_finding_reads_in_chinese_and_in_english(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import conduct
    from evidence_desk.ui import i18n, service_text
    from tests import conduct_scenario

    scenario = conduct_scenario.build(team, tmp_path)
    findings = conduct.report(scenario.team.login("sam")).findings
    assert {f.rule for f in findings} >= {"CC-0", "CC-1", "CC-3", "CC-4", "CC-5", "CC-6", "CC-7"}
    english = {f.id: service_text.conduct_finding(f.detail) for f in findings}
    # the English screen says the CLI's sentence
    assert all(english[f.id] == str(f.detail) for f in findings)
    i18n.install("zh_CN")
    try:
        for finding in findings:
            assert finding.detail.code.startswith("conduct."), finding.rule
            chinese = service_text.conduct_finding(finding.detail)
            assert chinese != english[finding.id], finding.rule
            assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
            assert "{" not in chinese, chinese  # every placeholder filled
            # instants are local minute times like the Time column, never raw ISO 8601
            assert not re.search(r"\dT\d\d:\d\d", chinese), chinese
    finally:
        i18n.install("en")
    for finding in findings:
        assert "{" not in english[finding.id]


def test_the_chinese_findings_view_says_each_finding_through_its_code(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    """The rule and detail cells in Chinese are the translations of the findings' catalogue
    codes in the .ts (read here without Qt), not a table of the screen's own."""
    from evidence_desk import translations
    from evidence_desk.services import conduct
    from evidence_desk.ui import i18n
    from tests import conduct_scenario

    scenario = conduct_scenario.build(team, tmp_path)
    i18n.install("zh_CN")
    try:
        window = MainWindow(scenario.team.login("sam"))
        qtbot.addWidget(window)
        view = window.findings
        view.open_only.setChecked(False)
        view.run()
        qtbot.waitUntil(lambda: view.job is None and view.findings != [], timeout=30_000)
        shown: dict[str, tuple[str, str]] = {}
        for row in range(view.table.rowCount()):
            rule, detail = view.table.item(row, 0), view.table.item(row, 3)
            assert rule is not None and detail is not None
            shown[rule.data(FindingRole)] = (rule.text(), detail.text())
    finally:
        i18n.install("en")
    checked = 0
    for finding in view.findings:
        rule_cell, detail_cell = shown[finding.id]
        title = translations.translated_template(finding.title.code, "zh_CN")
        assert title is not None and rule_cell == f"{finding.rule} {title}"
        template = translations.translated_template(finding.detail.code, "zh_CN")
        assert template is not None, finding.detail.code
        if finding.rule in (conduct.LEXICON, conduct.ACCOUNTS, conduct.INSTITUTION):
            # facts shown as they are: the cell is the .ts template filled in
            assert detail_cell == translations.fill(template, dict(finding.detail.facts))
            assert detail_cell == translations.say(finding.detail, "zh_CN")
            checked += 1
        else:  # labelled facts (kind, relation, channel, local times): the template's words
            fixed = [part for part in re.split(r"\{\w+\}", template) if part.strip()]
            assert fixed and all(part in detail_cell for part in fixed), (template, detail_cell)
    assert checked >= 3
