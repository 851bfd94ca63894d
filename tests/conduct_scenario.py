"""A store with planted conduct violations and clean chats, shared by service and CLI tests.

Three contacts on case 2026-SH-9, all WeChat exports in MemoTrace's text format, local times in
Asia/Shanghai. The team's clock starts 2026-03-02 09:00 Shanghai, so every approval happens
then; the bad contact is revoked at 2026-03-07 20:00 Shanghai.

- ``clean`` (王芳, debtor, consent): talks only after approval, in daytime, names the
  institution first, quotes only the approved account and a hotline. No finding at all.
- ``bad`` (张三, debtor, no consent): every planted violation in PLANTED below.
- ``other`` (李四, relation other, consent): first message before approval, then staff talk
  to a non-debtor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from evidence_desk.services import contacts, importing, reading
from evidence_desk.services import settings as settings_service
from evidence_desk.services.session import Session
from tests.helpers import Team, supporting_documents

CASE = "2026-SH-9"
INSTITUTION = "示例消费金融"
APPROVED_ACCOUNT = "6222020200001234567"
PERSONAL_ACCOUNT = "6217000011112222333"

CLEAN_CHAT = """2026-03-01 20:00:00 王芳
你好，我想谈谈还款

2026-03-01 20:00:00 以上是打招呼的内容

2026-03-05 09:16:05 小陈
王女士您好，我是示例消费金融的陈专员，关于您的借款逾期一事。

2026-03-05 09:20:41 王芳
我下周五还5000元

2026-03-05 09:30:00 小陈
好的，请转账到公司对公还款账户 6222 0202 0000 1234 567，户名示例消费金融。

2026-03-05 09:31:00 小陈
还款问题请致电客服 4008001234。

2026-03-05 21:30:00 小陈
收到，谢谢您，请于本周内还款。Please pay to our company account only.

2026-03-06 08:00:00 小陈
早上好，提醒您今天还款。

2026-03-06 23:40:00 王芳
好的，已经转了
"""

BAD_CHAT = """2026-03-01 20:00:00 你已添加了张三，现在可以开始聊天了。

2026-03-05 10:00:00 小陈
你好，在吗？

2026-03-05 10:05:00 张三
什么事

2026-03-05 10:10:00 小陈
我是示例消费金融的，您的借款已逾期，请尽快还款。

2026-03-05 21:30:00 小陈
提醒您明天还款。

2026-03-05 23:10:00 小陈
这么晚打扰了，明天记得还款。

2026-03-06 07:30:00 小陈
再不还钱就把你列入黑名单，通知你单位。

2026-03-06 10:00:00 小陈
You deadbeat, you will go to jail.

2026-03-06 10:30:00 小陈
请转账到个人账户 6217 0000 1111 2222 333，或支付宝 zs.collect@example.com

2026-03-06 10:40:00 小陈
也可以转到公司还款账户 6222020200001234567。

2026-03-06 11:00:00 张三
你们太过分了，我要投诉

2026-03-08 09:00:00 小陈
还在吗？

2026-03-08 09:05:00 张三
别再联系我
"""

OTHER_CHAT = """2026-03-01 18:00:00 李四
你好，我是张三的朋友

2026-03-05 11:00:00 小陈
李先生您好，我是示例消费金融的陈专员，想联系张三。

2026-03-05 11:05:00 李四
我不清楚他在哪
"""

# (rule, text of the message the finding points at), as planted in the chats above
PLANTED = {
    ("CC-0", "你已添加了张三，现在可以开始聊天了。"),
    ("CC-5", "你好，在吗？"),
    ("CC-4", "你好，在吗？"),
    ("CC-1", "这么晚打扰了，明天记得还款。"),
    ("CC-1", "再不还钱就把你列入黑名单，通知你单位。"),
    ("CC-6", "再不还钱就把你列入黑名单，通知你单位。"),
    ("CC-6", "You deadbeat, you will go to jail."),
    ("CC-7", "请转账到个人账户 6217 0000 1111 2222 333，或支付宝 zs.collect@example.com"),
    ("after-revocation", "还在吗？"),
    ("after-revocation", "别再联系我"),
    ("CC-0", "你好，我是张三的朋友"),
    ("CC-3", "李先生您好，我是示例消费金融的陈专员，想联系张三。"),
}


@dataclass(frozen=True)
class Scenario:
    team: Team
    staff: Session
    clean: str
    bad: str
    other: str

    def texts(self) -> dict[int, str]:
        """message id -> text, over all three contacts."""
        out: dict[int, str] = {}
        for contact_id in (self.clean, self.bad, self.other):
            out.update({m.rowid: m.text for m in reading.list_messages(self.staff, contact_id)})
        return out


def _contact(
    team: Team,
    staff: Session,
    folder: Path,
    handle: str,
    name: str,
    *,
    consent: bool,
    relation: str = "debtor",
) -> str:
    contact = contacts.request_contact(
        staff,
        case_no=CASE,
        channel="wechat",
        handle=handle,
        display_name=name,
        reason="the contact added our WeChat",
        relation=relation,
        relation_justification="the debtor named him as his contact person"
        if relation == "other"
        else "",
        consent=consent,
        documents=supporting_documents(folder / handle, tag=handle),
    )
    contacts.approve(team.login("sam"), contact.id, "documents checked")
    return contact.id


def _import(staff: Session, contact_id: str, folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    importing.import_files(staff, contact_id, [path], tz="Asia/Shanghai")


def build(team: Team, folder: Path) -> Scenario:
    from evidence_desk.services import cases

    admin = team.login("ada")
    settings_service.set_value(admin, "institution_names", INSTITUTION)
    settings_service.set_value(admin, "approved_accounts", "6222 0202 0000 1234 567")
    staff = team.login("alice")
    cases.create_case(staff, CASE, debtor_name="张三")
    clean = _contact(team, staff, folder, "wxid_wangfang", "王芳", consent=True)
    bad = _contact(team, staff, folder, "wxid_zhangsan", "张三", consent=False)
    other = _contact(team, staff, folder, "wxid_lisi", "李四", consent=True, relation="other")
    _import(staff, clean, folder, "wangfang.txt", CLEAN_CHAT)
    _import(staff, bad, folder, "zhangsan.txt", BAD_CHAT)
    _import(staff, other, folder, "lisi.txt", OTHER_CHAT)
    team.clock.now = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
    contacts.revoke(team.login("sam"), bad, "the debtor asked us to stop; going to court")
    return Scenario(team, staff, clean, bad, other)
