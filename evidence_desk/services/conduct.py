"""The collection-conduct self-check: did our own staff break collection rules in these chats?

A debtor's answer to a collection claim is often a counter-claim (harassment, PIPL). The company
must know before a bundle goes to court whether the very chats it files show its staff
contacting a debtor at night, threatening, naming no institution or quoting a private account,
and it answers such flags inside the same bundle. Each rule below has an id, a description and
the source it comes from (legal-requirements.md CC-0..CC-7); its parameters are store settings,
so changing the quiet-hours window or the lexicon changes the result and is itself ledgered.

Findings are computed from the stored messages every time (nothing is cached that could drift
from the evidence), and each has a *stable* id: a hash of the rule, the contact and the
message's fingerprint (which ``verify`` re-derives from the original), or of the rule and the
contact for contact-level rules. An acknowledgement, a supervisor's or lawyer's note saying why
a finding is acceptable or what was done, is a signed ledger entry keyed by that id, so it
sticks to the finding across runs and re-imports; it can never be changed or deleted, and
``verify`` rebuilds the ``conduct_acks`` table from the ledger.

Messages are judged by the side that sent them: ``direction = 'out'`` is our staff, ``in`` the
contact, ``system`` the app (friend-added lines and the like). Our own bubbles in the contact's
screenshots are judged too, by the same text rules and, where the screenshot shows a time, the
time rules (services/conduct_screenshots.py); such a finding names the screenshot's item and the
bubble (``screenshot``), not a message, and its id hashes those instead of a fingerprint.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, Phrase, sealed_json, worded
from evidence_desk.importers.base import sealed_phrase
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.ocr.crosscheck import ExportMessage
from evidence_desk.services import access_log, case_keys, ocr, screenshot_check
from evidence_desk.services import settings as settings_service
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.conduct_screenshots import (
    AFTER_REVOCATION,
    QUIET_HOURS,
    BubbleHit,
    ShotRules,
    bubble_hits,
)
from evidence_desk.services.conduct_settings import (
    Lexicon,
    institution_names,
    normalise_account,
    parse_lexicon,
    read_lexicon_file,
    shipped_lexicon_path,
)
from evidence_desk.services.review import utc_bound
from evidence_desk.services.session import Session, put

ADDED_BEFORE_APPROVAL = "CC-0"
RELATION = "CC-3"
SOCIAL_CONSENT = "CC-4"
INSTITUTION = "CC-5"
LEXICON = "CC-6"
ACCOUNTS = "CC-7"

SOCIAL_CHANNELS = frozenset({"wechat", "whatsapp", "telegram", "line"})
ALLOWED_RELATIONS = frozenset({"debtor", "guarantor"})


_said = Catalogue(
    {
        **COMMON_WORDING,
        # the rules: a title and what each checks
        "conduct.title_cc0": "added before approval",
        "conduct.about_cc0": "The export shows the contact was already added (WeChat's "
        "friend-added system line, or else the first message of the chat) before a supervisor "
        "approved it. The app cannot stop a phone from accepting a friend request; it must catch "
        "it in the evidence.",
        "conduct.title_cc1": "staff message in quiet hours",
        "conduct.about_cc1": "A staff message or call between the quiet-hours start and end "
        "(debtor's local time) to a contact with no consent record.",
        "conduct.title_cc3": "contact is not the debtor or a guarantor",
        "conduct.about_cc3": "Staff messages to someone whose recorded relation is neither debtor "
        "nor guarantor. Allowed only to restore contact with an unreachable debtor, never with "
        "debt details.",
        "conduct.title_cc4": "social-app contact without consent",
        "conduct.about_cc4": "A WeChat, WhatsApp, Telegram or LINE contact used by staff with no "
        "debtor-consent record (the consent box at request time or a consent document).",
        "conduct.title_cc5": "first staff message does not name the institution",
        "conduct.about_cc5": "The first staff message to each contact must name the collecting "
        "institution.",
        "conduct.title_cc6": "forbidden wording",
        "conduct.about_cc6": "A staff message uses a word from the conduct lexicon: threats, "
        "insults, impersonating courts or police, 'blacklist' claims, exaggerated consequences, "
        "extra fees, pressure to borrow elsewhere, public posting.",
        "conduct.title_cc7": "payment account not on the approved list",
        "conduct.about_cc7": "A staff message quotes a payment account (bank card, account "
        "number, Alipay) that is not on the approved repayment-channel list.",
        "conduct.title_revoked": "message after revocation",
        "conduct.about_revoked": "A message sent after a supervisor revoked the contact: the "
        "channel should have been closed at once.",
        # the findings: one sentence per way a rule is broken (times are stored UTC instants)
        "conduct.cc0_friend_added": "the friend-added line is dated {sent_at}, before the "
        "approval by {approver} at {approved_at}",
        "conduct.cc0_first_message": "the first message is dated {sent_at}, before the approval "
        "by {approver} at {approved_at}",
        "conduct.cc1_quiet_hours": "staff {message_kind} at {local} {zone}, within quiet hours "
        "{window}, and the contact has no consent record",
        "conduct.cc3_relation": "{count} staff {count:message|messages} to {name}, whose "
        "relation is "
        "{relation!r}, not debtor or guarantor",
        "conduct.cc4_no_consent": "{channel} contact used by staff ({count} "
        "{count:message|messages}) with no "
        "debtor-consent record",
        "conduct.cc5_text": "the first staff message names none of: {institutions}",
        "conduct.cc5_other": "the first staff message (a {message_kind} message) names none of: "
        "{institutions}",
        # the lexicon's categories and the terms found, as "category: term, term; category: ..."
        "conduct.cc6_hits": "{hits}",
        "conduct.cc7_accounts": "not on the approved repayment list: {accounts}",
        "conduct.revoked_staff": "staff message at {sent_at}, after the contact was revoked at "
        "{revoked_at}",
        "conduct.revoked_contact": "contact message at {sent_at}, after the contact was revoked "
        "at {revoked_at}",
        # the same rules over our own bubbles in a screenshot (item id, bubble number from the
        # top, both sides counted)
        "conduct.shot_cc1_quiet_hours": "our bubble {bubble} in screenshot {item}, under the "
        "time {clock} the screenshot shows, within quiet hours {window}, and the contact has no "
        "consent record",
        "conduct.shot_cc6_hits": "our bubble {bubble} in screenshot {item}: {hits}",
        "conduct.shot_cc7_accounts": "our bubble {bubble} in screenshot {item} quotes "
        "{accounts}, not on the approved repayment list",
        "conduct.shot_revoked": "our bubble {bubble} in screenshot {item}, dated {sent_at} by "
        "the screenshot, after the contact was revoked at {revoked_at}",
        "conduct.note_required": "an acknowledgement needs a note saying why or what was done",
        "conduct.no_finding": "no current conduct finding {finding} (run check to list them)",
        "conduct.acknowledged": "finding {finding} was acknowledged by {acked_by} at {acked_at}; "
        "acknowledgements are final",
        "conduct.acknowledged_meanwhile": "finding {finding} was acknowledged by {acked_by}",
        # report notes: rules that could not run fully
        "conduct.cc5_not_checked": "CC-5 not checked: no institution name is set (settings "
        "institution_names or organisation)",
        "conduct.cc7_no_accounts": "CC-7: no approved repayment accounts are set (setting "
        "approved_accounts), so every account a staff message quotes is flagged",
    }
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: Phrase  # coded (conduct.title_*), like the description (conduct.about_*)
    description: Phrase
    source: str
    settings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "source": self.source,
            "settings": list(self.settings),
        }


RULES: tuple[Rule, ...] = (
    Rule(
        ADDED_BEFORE_APPROVAL,
        _said("conduct.title_cc0"),
        _said("conduct.about_cc0"),
        "legal-requirements CC-0; product.md seed practice (a superior's approval, with the "
        "reason recorded, before accepting a debtor's friend request)",
    ),
    Rule(
        QUIET_HOURS,
        _said("conduct.title_cc1"),
        _said("conduct.about_cc1"),
        "CC-1; NIFA24 (互联网金融贷后催收业务指引); GB/T 45251-2025; CBA26",
        ("quiet_hours", "conduct_timezone", "timezone"),
    ),
    Rule(
        RELATION,
        _said("conduct.title_cc3"),
        _said("conduct.about_cc3"),
        "CC-3; NIFA18 arts 13, 14, 18; GB/T 45251-2025; "
        "商业银行信用卡业务监督管理办法 art 68; CBA26",
    ),
    Rule(
        SOCIAL_CONSENT,
        _said("conduct.title_cc4"),
        _said("conduct.about_cc4"),
        "CC-4; CBA26 (金融机构个人消费类贷款催收工作指引)",
    ),
    Rule(
        INSTITUTION,
        _said("conduct.title_cc5"),
        _said("conduct.about_cc5"),
        "CC-5; NIFA18 art 15",
        ("institution_names", "organisation"),
    ),
    Rule(
        LEXICON,
        _said("conduct.title_cc6"),
        _said("conduct.about_cc6"),
        "CC-6; NIFA18 arts 16, 19; CBA26",
        ("conduct_lexicon",),
    ),
    Rule(
        ACCOUNTS,
        _said("conduct.title_cc7"),
        _said("conduct.about_cc7"),
        "CC-7; NIFA18 art 19",
        ("approved_accounts",),
    ),
    Rule(
        AFTER_REVOCATION,
        _said("conduct.title_revoked"),
        _said("conduct.about_revoked"),
        "product.md (an abusive channel is closed at once; a revoked contact takes no evidence "
        "after the revocation)",
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


@dataclass(frozen=True, slots=True)
class ScreenshotSource:
    """Where a finding from a screenshot is: the item, the bubble's index among its bubbles
    (top to bottom, from 0), its box (left, top, right, bottom) and how much of its time the
    screenshot proves (ocr/crosscheck.py ``time_basis``)."""

    item_id: str
    bubble: int
    box: tuple[int, int, int, int]
    time_basis: str

    def as_json(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "bubble": self.bubble,
            "box": list(self.box),
            "time_basis": self.time_basis,
        }


@dataclass(frozen=True, slots=True)
class ConductFinding:
    id: str
    rule: str
    case_no: str
    contact_id: str
    message_id: int | None  # messages.rowid of the message it points at
    message_fingerprint: str | None
    sent_at: str | None
    # A coded Phrase (``conduct.*``): the English the CLI prints, with the code and the facts a
    # front end words it from in its own language.
    detail: Phrase
    acknowledged: bool = False
    ack_note: str | None = None
    acked_by: str | None = None
    acked_at: str | None = None
    # set when the finding is one of our bubbles in a screenshot, not a message
    screenshot: ScreenshotSource | None = None

    @property
    def title(self) -> Phrase:
        """The rule's title, a coded Phrase like the detail."""
        return RULES_BY_ID[self.rule].title

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "title": self.title,
            "case_no": self.case_no,
            "contact_id": self.contact_id,
            "message_id": self.message_id,
            "sent_at": self.sent_at,
            "detail": self.detail,
            "acknowledged": self.acknowledged,
            "ack_note": self.ack_note,
            "acked_by": self.acked_by,
            "acked_at": self.acked_at,
            "source": "message" if self.screenshot is None else "screenshot",
            "screenshot": None if self.screenshot is None else self.screenshot.as_json(),
        }


@dataclass(frozen=True, slots=True)
class ConductReport:
    findings: list[ConductFinding]
    rules: tuple[Rule, ...]
    notes: list[str]  # rules that could not run fully, and why (coded Phrases: conduct.*)
    parameters: dict[str, str]

    @property
    def open_findings(self) -> list[ConductFinding]:
        return [f for f in self.findings if not f.acknowledged]

    def as_json(self) -> dict[str, Any]:
        return {
            "findings": [f.as_json() for f in self.findings],
            "open": len(self.open_findings),
            "rules": [r.as_json() for r in self.rules],
            "notes": self.notes,
            "parameters": self.parameters,
        }


def finding_id(rule: str, contact_id: str, message_fingerprint: str | None) -> str:
    """Stable across runs: the same rule on the same message (or contact) gives the same id."""
    text = f"evidence-desk/conduct/v1\n{rule}\n{contact_id}\n{message_fingerprint or ''}"
    return "F-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def screenshot_finding_id(rule: str, contact_id: str, item_id: str, bubble: int) -> str:
    """Stable across runs like :func:`finding_id`: the sealed OCR result and the layout rebuilt
    from it are the same every time, so the same bubble has the same index. (A fingerprint is
    hex, so "screenshot:" can never be one.)"""
    return finding_id(rule, contact_id, f"screenshot:{item_id}#{bubble}")


# -- the lexicon (CC-6) -------------------------------------------------------------------------


def load_lexicon(session: Session, override: tuple[str, str] | None = None) -> Lexicon:
    """The shipped lexicon, then the ``conduct_lexicon`` setting, then ``override`` (origin,
    text) for one run (``check --lexicon FILE``), each replacing categories by name."""
    path = shipped_lexicon_path()
    try:
        shipped = path.read_text("utf-8")
    except OSError as error:
        raise BadInput(str(path), "", _said("lexicon.shipped_missing", error=error)) from None
    categories = parse_lexicon(shipped, "shipped lexicon")
    origins = ["shipped"]
    setting = settings_service.get(session, "conduct_lexicon")
    if setting:
        categories = parse_lexicon(setting, "conduct_lexicon", categories)
        origins.append("setting conduct_lexicon")
    if override is not None:
        categories = parse_lexicon(override[1], override[0], categories)
        origins.append(f"file {override[0]}")
    return Lexicon(tuple(categories[n] for n in sorted(categories)), " + ".join(origins))


# -- payment accounts (CC-7) --------------------------------------------------------------------

_PAYMENT_CONTEXT = re.compile(
    r"账户|帐户|账号|帐号|卡号|收款|转账|转帐|汇款|打款|还款|银行|支付宝|微信支付|开户|对公|"
    r"account|transfer|bank|alipay|iban|remit|pay\s+to|wire",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{4}(?:[ -]\d{4}){2,}(?:[ -]\d{1,4})?|\d{10,30})(?![0-9A-Za-z])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE_CONTEXT = re.compile(r"(电话|致电|热线|客服|拨打|call|tel|phone|hotline)\W{0,3}$", re.I)


def quoted_accounts(text: str) -> list[str]:
    """Payment accounts a message quotes (normalised), only where it talks about paying."""
    if not _PAYMENT_CONTEXT.search(text):
        return []
    found: list[str] = []
    for match in _ACCOUNT.finditer(text):
        if _PHONE_CONTEXT.search(text[max(0, match.start() - 8) : match.start()]):
            continue  # a hotline number, not an account
        found.append(normalise_account(match.group(0)))
    found += [normalise_account(m.group(0)) for m in _EMAIL.finditer(text)]
    return list(dict.fromkeys(found))


def mask_account(account: str) -> str:
    """PI-6: an account number is financial personal data; reports show only its last four."""
    if "@" in account:
        local, domain = account.split("@", 1)
        return f"{local[:1]}***@{domain}"
    return account if len(account) <= 4 else "*" * 4 + account[-4:]


# -- quiet hours (CC-1) -------------------------------------------------------------------------


def _window(value: str) -> tuple[time, time]:
    start, end = value.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def in_window(moment: time, start: time, end: time) -> bool:
    """Start inclusive, end exclusive; a window whose start is after its end wraps midnight."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


# -- running the checks -------------------------------------------------------------------------

_FRIEND_ADDED = re.compile(
    r"你已添加了.+现在可以开始聊天了|你已通过了?.*朋友验证|我通过了你的朋友验证请求|"
    r"对方已添加你为|You have added .+ as your (WeChat )?contact|"
    r"I've accepted your friend request|You added .+ as a friend",
    re.IGNORECASE,
)
_GREETINGS_END = re.compile(r"以上是打招呼的内容|The above is a greeting message", re.IGNORECASE)
_CONTENT_FREE = ("system", "recalled")


@dataclass(frozen=True, slots=True)
class _Message:
    rowid: int
    fingerprint: str
    sent_at: str
    moment: datetime
    direction: str
    kind: str
    text: str
    first_import: str


@dataclass(frozen=True, slots=True)
class _Contact:
    id: str
    case_no: str
    channel: str
    relation: str
    display_name: str
    has_consent: bool
    status: str
    decided_at: str | None
    decided_by: str | None
    revoked_at: str | None


@dataclass(frozen=True, slots=True)
class _Params:
    window: tuple[time, time]
    window_text: str
    zone: ZoneInfo
    institutions: tuple[str, ...]
    approved_accounts: frozenset[str]
    lexicon: Lexicon
    start: str | None  # UTC bounds of the reviewed period
    end: str | None

    def in_period(self, message: _Message) -> bool:
        return (self.start is None or message.sent_at >= self.start) and (
            self.end is None or message.sent_at < self.end
        )


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _params(
    session: Session,
    lexicon_override: tuple[str, str] | None,
    date_from: str | None,
    date_to: str | None,
) -> _Params:
    window_text = settings_service.get(session, "quiet_hours")
    zone_name = settings_service.get(session, "conduct_timezone") or settings_service.get(
        session, "timezone"
    )
    zone = ZoneInfo(zone_name)
    names = settings_service.get(session, "institution_names") or settings_service.get(
        session, "organisation"
    )
    institutions = institution_names(names)
    accounts = settings_service.get(session, "approved_accounts")
    return _Params(
        _window(window_text),
        window_text,
        zone,
        institutions,
        frozenset(a for a in accounts.split(",") if a),
        load_lexicon(session, lexicon_override),
        None if date_from is None else utc_bound(date_from, zone, "from", end=False),
        None if date_to is None else utc_bound(date_to, zone, "to", end=True),
    )


def _contacts(session: Session, case_no: str | None, contact_id: str | None) -> list[_Contact]:
    sql = (
        "SELECT c.*, EXISTS (SELECT 1 FROM items i WHERE i.contact_id = c.id "
        "AND i.role = 'consent') AS consent_document FROM contacts c WHERE 1 = 1"
    )
    args: list[str] = []
    if case_no is not None:
        sql += " AND c.case_no = ?"
        args.append(case_no)
    if contact_id is not None:
        sql += " AND c.id = ?"
        args.append(contact_id)
    rows = [
        case_keys.open_contact_row(session, r)  # the name is sealed under the case key
        for r in session.conn.execute(sql + " ORDER BY c.case_no, c.requested_at, c.id", args)
    ]
    return [
        _Contact(
            r["id"],
            r["case_no"],
            r["channel"],
            r["relation"],
            r["display_name"],
            r["consent"] == "yes" or bool(r["consent_document"]),
            r["status"],
            r["decided_at"] if r["status"] in ("approved", "revoked") else None,
            r["decided_by"],
            r["revoked_at"],
        )
        for r in rows
    ]


def _messages(session: Session, contact_id: str) -> list[_Message]:
    opener = case_keys.message_opener(session, contact_id)  # texts sealed under the case key
    rows = session.conn.execute(
        "SELECT rowid, fingerprint, sent_at, direction, kind, first_import, "
        f"{case_keys.MESSAGE_SELECT} "
        "FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid",
        (contact_id,),
    )
    return [
        _Message(
            int(r["rowid"]),
            r["fingerprint"],
            r["sent_at"],
            _moment(r["sent_at"]),
            r["direction"],
            r["kind"],
            opener.message(r["fingerprint"], r).text,
            str(r["first_import"]),
        )
        for r in rows
    ]


def _finding(
    rule: str,
    contact: _Contact,
    message: _Message | None,
    code: str,
    *,
    per_contact: bool,
    **facts: object,
) -> ConductFinding:
    """A finding whose detail is ``code`` of the catalogue worded from ``facts``."""
    fingerprint = None if message is None else message.fingerprint
    return ConductFinding(
        finding_id(rule, contact.id, None if per_contact else fingerprint),
        rule,
        contact.case_no,
        contact.id,
        None if message is None else message.rowid,
        fingerprint,
        None if message is None else message.sent_at,
        _said(code, **facts),
    )


def _check_contact(
    contact: _Contact, messages: list[_Message], p: _Params
) -> Iterable[ConductFinding]:
    staff = [m for m in messages if m.direction == "out" and m.kind != "system"]
    staff_in_period = [m for m in staff if p.in_period(m)]

    # CC-0: added (or talking) before the supervisor's approval
    if contact.decided_at is not None:
        approved = _moment(contact.decided_at)
        added = [m for m in messages if _FRIEND_ADDED.search(m.text)]
        early = [m for m in added if m.moment < approved]
        code = "conduct.cc0_friend_added"
        if not added:
            greeted = next(
                (i for i, m in enumerate(messages) if _GREETINGS_END.search(m.text)), None
            )
            chat = messages if greeted is None else messages[greeted + 1 :]
            first = next((m for m in chat if m.kind != "system"), None)
            early = [first] if first is not None and first.moment < approved else []
            code = "conduct.cc0_first_message"
        if early and p.in_period(early[0]):
            yield _finding(
                ADDED_BEFORE_APPROVAL,
                contact,
                early[0],
                code,
                per_contact=False,
                sent_at=early[0].sent_at,
                approver=contact.decided_by,
                approved_at=contact.decided_at,
            )

    # CC-1: staff messages in quiet hours without consent
    if not contact.has_consent:
        for m in staff_in_period:
            local = m.moment.astimezone(p.zone)
            if in_window(local.time(), *p.window):
                yield _finding(
                    QUIET_HOURS,
                    contact,
                    m,
                    "conduct.cc1_quiet_hours",
                    per_contact=False,
                    message_kind=m.kind,
                    local=local.strftime("%Y-%m-%d %H:%M"),
                    zone=p.zone.key,
                    window=p.window_text,
                )

    # CC-3: not the debtor or a guarantor
    if contact.relation not in ALLOWED_RELATIONS and staff_in_period:
        yield _finding(
            RELATION,
            contact,
            staff_in_period[0],
            "conduct.cc3_relation",
            per_contact=True,
            count=len(staff_in_period),
            name=contact.display_name,
            relation=contact.relation,
        )

    # CC-4: social app without consent
    if contact.channel in SOCIAL_CHANNELS and not contact.has_consent and staff_in_period:
        yield _finding(
            SOCIAL_CONSENT,
            contact,
            staff_in_period[0],
            "conduct.cc4_no_consent",
            per_contact=True,
            channel=contact.channel,
            count=len(staff_in_period),
        )

    # CC-5: the first staff message names the institution
    if p.institutions and staff and p.in_period(staff[0]):
        first = staff[0]
        folded = first.text.casefold()
        if not any(name.casefold() in folded for name in p.institutions):
            institutions = ", ".join(p.institutions)
            if first.kind == "text":
                code, facts = "conduct.cc5_text", {"institutions": institutions}
            else:
                code = "conduct.cc5_other"
                facts = {"message_kind": first.kind, "institutions": institutions}
            yield _finding(INSTITUTION, contact, first, code, per_contact=False, **facts)

    for m in staff_in_period:
        if m.kind in _CONTENT_FREE:
            continue
        for rule, code, facts in _text_rules(m.text, p):
            yield _finding(rule, contact, m, code, per_contact=False, **facts)

    # messages after revocation
    if contact.revoked_at is not None:
        revoked = _moment(contact.revoked_at)
        for m in messages:
            if m.kind != "system" and m.moment > revoked and p.in_period(m):
                yield _finding(
                    AFTER_REVOCATION,
                    contact,
                    m,
                    "conduct.revoked_staff" if m.direction == "out" else "conduct.revoked_contact",
                    per_contact=False,
                    sent_at=m.sent_at,
                    revoked_at=contact.revoked_at,
                )


def _text_rules(text: str, p: _Params, prefix: str = "conduct.") -> list[tuple[str, str, Any]]:
    """The rules one text of ours breaks, whether a message's or a screenshot bubble's: the
    lexicon (CC-6) and payment accounts off the approved list (CC-7), each as (rule, code of
    the detail, facts); a bubble's codes are ``conduct.shot_*`` (``prefix``)."""
    found: list[tuple[str, str, Any]] = []
    hits = p.lexicon.matches(text)
    if hits:
        listed = "; ".join(f"{cat}: {', '.join(terms)}" for cat, terms in sorted(hits.items()))
        found.append((LEXICON, f"{prefix}cc6_hits", {"hits": listed}))
    unapproved = [a for a in quoted_accounts(text) if a not in p.approved_accounts]
    if unapproved:
        accounts = ", ".join(mask_account(a) for a in unapproved)
        found.append((ACCOUNTS, f"{prefix}cc7_accounts", {"accounts": accounts}))
    return found


def _check_screenshots(
    session: Session,
    contact: _Contact,
    messages: list[_Message],
    findings: list[ConductFinding],
    p: _Params,
) -> Iterable[ConductFinding]:
    """Our bubbles in the contact's screenshots read by OCR (services/conduct_screenshots.py),
    checked against the messages as ``crosscheck`` does, so a matched bubble is its message."""
    read = session.conn.execute(
        "SELECT 1 FROM items i JOIN ocr_results o ON o.item_id = i.id WHERE i.contact_id = ? "
        "LIMIT 1",
        (contact.id,),
    ).fetchone()
    if read is None:  # no screenshot read by OCR: nothing to open (most contacts)
        return
    shots = ocr.screenshots(session, contact.id)
    zones = screenshot_check.import_zones(session, contact.id)
    utc = ZoneInfo("UTC")
    exported = [
        ExportMessage(
            m.rowid,
            m.moment.astimezone(zones.get(m.first_import, utc)),
            screenshot_check.side_of(m.direction),
            m.text,
        )
        for m in messages
    ]
    reports = screenshot_check.check_screenshots(session, shots, exported)
    rules = ShotRules(
        lambda text: _text_rules(text, p, "conduct.shot_"),
        None if contact.has_consent else p.window,
        p.window_text,
        in_window,
        None if contact.revoked_at is None else _moment(contact.revoked_at),
        p.start,
        p.end,
    )
    broken = {(f.rule, f.message_id) for f in findings if f.message_id is not None}
    in_period = {m.rowid for m in messages if p.in_period(m)}
    for hit in bubble_hits(reports, rules, broken, in_period.__contains__):
        yield _shot_finding(contact, hit)


def _shot_finding(contact: _Contact, hit: BubbleHit) -> ConductFinding:
    return ConductFinding(
        screenshot_finding_id(hit.rule, contact.id, hit.item_id, hit.bubble),
        hit.rule,
        contact.case_no,
        contact.id,
        None,
        None,
        hit.sent_at,
        _said(hit.code, **hit.facts),
        screenshot=ScreenshotSource(hit.item_id, hit.bubble, hit.box, hit.time_basis),
    )


def _acks(session: Session) -> dict[str, Any]:
    return {
        r["finding_id"]: case_keys.open_ack_row(session, r)
        for r in session.conn.execute("SELECT * FROM conduct_acks")
    }


def report(
    session: Session,
    case_no: str | None = None,
    *,
    contact_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lexicon_file: Path | None = None,
) -> ConductReport:
    """Run every rule over the stored messages in scope; findings in conversation order.

    ``date_from``/``date_to`` (local dates, inclusive) limit which messages may be *reported*;
    "first message" rules still look at the whole conversation, so a period never turns a
    later message into the first one. ``lexicon_file`` replaces lexicon categories for this
    run only (nothing is stored).
    """
    session.require(Action.CONDUCT_CHECK)
    override = None
    if lexicon_file is not None:
        override = (str(lexicon_file), read_lexicon_file(lexicon_file))
    p = _params(session, override, date_from, date_to)
    acks = _acks(session)
    findings: list[ConductFinding] = []
    position: dict[str, int] = {}
    checked: set[str] = set()
    with session.snapshot():
        for contact in _contacts(session, case_no, contact_id):
            position[contact.id] = len(position)
            checked.add(contact.case_no)
            messages = _messages(session, contact.id)
            found = list(_check_contact(contact, messages, p))
            found += _check_screenshots(session, contact, messages, found, p)
            for f in found:
                ack = acks.get(f.id)
                if ack is not None:
                    f = dataclasses.replace(
                        f,
                        acknowledged=True,
                        ack_note=ack["note"],
                        acked_by=ack["acked_by"],
                        acked_at=ack["acked_at"],
                    )
                findings.append(f)
    # the read log (PI-1): the check read these cases' messages and shows their findings
    access_log.record(
        session,
        access_log.CONDUCT_CHECK,
        checked,
        contact_id or case_no or "",
        {"findings": len(findings)},
    )
    order = {rule.id: i for i, rule in enumerate(RULES)}
    findings.sort(key=lambda f: (f.case_no, position[f.contact_id], f.sent_at or "", order[f.rule]))
    notes: list[str] = []
    if not p.institutions:
        notes.append(_said("conduct.cc5_not_checked"))
    if not p.approved_accounts:
        notes.append(_said("conduct.cc7_no_accounts"))
    parameters = {
        "quiet_hours": p.window_text,
        "timezone": p.zone.key,
        "institution_names": ", ".join(p.institutions),
        "approved_accounts": str(len(p.approved_accounts)),
        "lexicon": p.lexicon.origin,
        "from": date_from or "",
        "to": date_to or "",
    }
    return ConductReport(findings, RULES, notes, parameters)


def run_checks(
    session: Session,
    case_no: str | None = None,
    *,
    contact_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[ConductFinding]:
    """The findings of :func:`report` (for the bundle's conduct annex)."""
    return report(
        session, case_no, contact_id=contact_id, date_from=date_from, date_to=date_to
    ).findings


# -- acknowledging ------------------------------------------------------------------------------


def acknowledge(
    session: Session, finding: str, note: str, *, lexicon_file: Path | None = None
) -> ConductFinding:
    """Record a supervisor's or lawyer's note on a finding; final, never changed or deleted.

    Only a finding the checks produce now can be acknowledged (``lexicon_file`` as for the run
    that showed it), so an acknowledgement always names a real rule, contact and message.
    """
    session.require(Action.CONDUCT_ACK)
    note = note.strip()
    if not note:
        raise BadInput("note", "", _said("conduct.note_required"))
    if len(note) > 4000:
        raise BadInput("note", "", _said("input.note_too_long", limit=4000))
    current = next(
        (f for f in report(session, lexicon_file=lexicon_file).findings if f.id == finding),
        None,
    )
    if current is None:
        raise NotFound(_said("conduct.no_finding", finding=finding))
    if current.acknowledged:
        raise RuleViolation(
            "conduct.acknowledged",
            _said(
                "conduct.acknowledged",
                finding=finding,
                acked_by=current.acked_by,
                acked_at=current.acked_at,
            ),
        )
    row = {
        "finding_id": current.id,
        "rule": current.rule,
        "case_no": current.case_no,
        "contact_id": current.contact_id,
        "message_fingerprint": current.message_fingerprint,
        # the finding's code and facts as canonical JSON text, never its English: rewording the
        # catalogue must not touch what was sealed (acks of older releases hold their English
        # text; ack_detail tells them apart, and verify compares rows, never rewords them)
        "detail": sealed_detail(current.detail),
        # sealed under the case key, as a tag's note: the entry's row is what other devices
        # and the hub keep, and shredding the case must leave it unreadable there
        "note": case_keys.seal_value(
            session, current.case_no, "conduct_acks", current.id, "note", note
        ),
        "acked_by": session.user.name,
        "acked_at": session.now(),
    }

    def first_ack(conn: Any, _seq: int) -> None:
        # Inside the write lock: someone may have acknowledged it since we looked.
        earlier = conn.execute(
            "SELECT actor FROM ledger WHERE action = 'conduct.ack' AND instr(payload, ?) > 0",
            (f'"finding_id":"{finding}"',),
        ).fetchone()
        if earlier is not None:
            raise RuleViolation(
                "conduct.acknowledged",
                _said("conduct.acknowledged_meanwhile", finding=finding, acked_by=earlier["actor"]),
            )

    session.write(
        "conduct.ack",
        {"finding_id": current.id, "rule": current.rule, "contact_id": current.contact_id},
        [put("conduct_acks", row)],
        extra=first_ack,
    )
    return dataclasses.replace(
        current,
        acknowledged=True,
        ack_note=note,
        acked_by=row["acked_by"],
        acked_at=row["acked_at"],
    )


def sealed_detail(detail: Phrase) -> str:
    """A finding's detail as an acknowledgement seals it: ``{"code":..,"facts":..}`` as
    canonical JSON text (the ``detail`` column stays text, as older releases wrote it)."""
    return canonical_bytes(sealed_phrase(detail)).decode("utf-8")


def ack_detail(stored: str) -> str:
    """A stored acknowledgement's detail to show: a sealed code and facts worded by today's
    catalogue (a Phrase, so a front end says it in its language), or the English text an
    acknowledgement of an older release sealed, as it is."""
    sealed = sealed_json(stored)
    return stored if sealed is None else worded(sealed)


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    finding_id: str
    rule: str
    case_no: str
    contact_id: str
    message_fingerprint: str | None
    # worded by ack_detail: a coded Phrase, or an older release's English text
    detail: str
    note: str
    acked_by: str
    acked_at: str


def list_acknowledgements(
    session: Session, case_no: str | None = None, *, contact_id: str | None = None
) -> list[Acknowledgement]:
    """Every acknowledgement on record, including those whose finding no longer shows (a
    setting changed since): the bundle's annex lists what was acknowledged and why."""
    session.require(Action.CONDUCT_CHECK)
    sql, args = "SELECT * FROM conduct_acks WHERE 1 = 1", []
    if case_no is not None:
        sql += " AND case_no = ?"
        args.append(case_no)
    if contact_id is not None:
        sql += " AND contact_id = ?"
        args.append(contact_id)
    rows = session.conn.execute(sql + " ORDER BY acked_at, finding_id", args)
    return [
        Acknowledgement(**{**case_keys.open_ack_row(session, r), "detail": ack_detail(r["detail"])})
        for r in rows
    ]
