"""The names a bundle gives the codes the store keeps (roles, states, kinds, ledger actions).

The store, the ledger and the kit keep codes (``approved``, ``identity_proof``, ``case.create``):
they are stable and sealed. A court reads the PDF, so the PDF names each code in the bundle's
language: :func:`label` words ``(kind, code)`` from one catalogue (codes ``bundle_label.*``,
their Chinese in the .ts like every catalogue's). A code the catalogue does not know is printed
as it is, never dropped: a newer store's value still shows.

Also here: :func:`locator`, a place in an export (``row 5 (line 7)``) as the importers wrote it,
said in the bundle's language.
"""

from __future__ import annotations

import functools
import re

from evidence_desk import translations
from evidence_desk.domain import wording
from evidence_desk.domain.wording import Catalogue

#: kind -> code -> English name. The kinds are the columns of the store a bundle prints.
NAMES: dict[str, dict[str, str]] = {
    "role": {
        "staff": "field staff",
        "supervisor": "supervisor",
        "legal": "legal team",
        "admin": "administrator",
        "auditor": "auditor",
    },
    "status": {
        "requested": "awaiting approval",
        "approved": "approved",
        "rejected": "rejected",
        "revoked": "revoked",
    },
    "channel": {
        "wechat": "WeChat",
        "whatsapp": "WhatsApp",
        "telegram": "Telegram",
        "line": "LINE",
        "sms": "SMS",
        "phone": "phone",
    },
    "relation": {"debtor": "debtor", "guarantor": "guarantor", "other": "other"},
    "initiator": {"debtor": "the debtor", "staff": "our staff"},
    "yes_no": {"yes": "yes", "no": "no"},
    # what an original is to its contact (services/contacts.py, services/importing.py)
    "original": {
        "identity_proof": "identity proof",
        "debt_confirmation": "debt confirmation",
        "friend_request": "friend request",
        "consent": "consent",
        "chat_export": "chat export",
        "export_member": "export file",
        "screenshot": "screenshot",
        "recording": "recording",
    },
    # importers/base.py MessageKind
    "message": {
        "text": "text",
        "image": "image",
        "voice": "voice message",
        "video": "video",
        "file": "file",
        "sticker": "sticker",
        "location": "location",
        "contact_card": "contact card",
        "link": "link",
        "transfer": "transfer",
        "red_packet": "red packet",
        "call": "call",
        "recalled": "recalled",
        "system": "system message",
        "quote": "quote",
        "unknown": "unknown",
    },
    # importers/base.py AttachmentState
    "attachment": {
        "exported": "in the export",
        "omitted": "not exported",
        "missing": "missing from the export",
    },
    # a message's flags (services/import_parsing.py flags_for) and a contact's (contacts.py)
    "flag": {
        "after_revocation": "sent after the contact was revoked",
        "after_expiry": "sent after the approval expired",
        "CC-3:relation_other": "CC-3: not the debtor or guarantor",
        "CC-4:no_consent": "CC-4: no recorded consent",
    },
    # the importers that read no chat: their name is the parser column's first word
    "importer": {"document": "document", "image": "image reader", "recording": "recording reader"},
    "annex": {"tag": "tag", "conduct": "conduct check"},
    # domain/redaction.py Reason: why a black box withholds what it covers
    "redaction": {
        "TP": "personal data of a third party, who is not a party to the case",
        "AC": "bank-card or account number",
        "ID": "identity document number (resident identity card, passport)",
        "IR": "not relevant to the matter (data minimisation)",
        "PV": "privileged legal communication",
        "OT": "other reason, stated in the redaction plan's note",
    },
    # domain/authority.py ACTIONS: every action a ledger entry can record
    "action": {
        "store.init": "store created",
        "settings.set": "setting changed",
        "user.add": "user added",
        "user.change_password": "password changed",
        "user.reset_password": "password reset",
        "user.deactivate": "user deactivated",
        "user.invite": "user invited",
        "user.wrap_key": "user key wrapped",
        "invite.revoke": "invitation withdrawn",
        "device.join": "device joined",
        "device.retire": "device retired",
        "handle.reindex": "chat handles re-indexed for the organisation",
        "case.create": "case opened",
        "case.edit": "case edited",
        "case.import": "cases imported",
        "case.close": "case closed",
        "case.keys": "case key issued",
        "case.shred": "case shredded",
        "case_keys.migrate": "case keys introduced",
        "case_keys.migrate_blobs": "files moved under case keys",
        "records.key": "records key issued",
        "contact.request": "contact requested",
        "contact.approve": "contact approved",
        "contact.reject": "contact rejected",
        "contact.revoke": "contact revoked",
        "evidence.import": "evidence imported",
        "evidence.attach": "documents attached",
        "ocr.read": "screenshot read",
        "tsa.configure": "time-stamp authority set",
        "timestamp.add": "trusted time-stamp",
        "review.tag": "tagged",
        "review.untag": "tag withdrawn",
        "conduct.ack": "finding acknowledged",
        "bundle.export": "bundle exported",
        "bundle.unmask": "account numbers shown in full",
        "processing.record": "processing record written",
        "breach.add": "breach recorded",
        "hold.add": "legal hold placed",
        "hold.lift": "legal hold lifted",
        "signing.ca_create": "signing CA created",
        "signing.cert_issue": "signing certificate issued",
        "signing.cert_import": "signing certificate imported",
    },
    # the custody table's one-line summary of an entry's payload (bundle/pdf.py _summary)
    "field": {
        "contact_id": "contact",
        "case_no": "case",
        "role": "role",
        "tag": "tag",
        "note": "note",
        "tsa": "time-stamp authority",
        "gen_time": "time",
        "bundle_id": "bundle",
        "key": "setting",
    },
    # a payload value sealed under the case key (store/case_keys.py ``edk1:``): the custody
    # table names it instead of printing ciphertext (issue 21)
    "value": {"sealed": "sealed"},
}

_names = Catalogue(
    {
        f"bundle_label.{kind}.{code}": name
        for kind, names in NAMES.items()
        for code, name in names.items()
    }
    | {
        # locators (importers/base.py SourceRef) and durations
        "bundle_label.loc.line": "line {n}",
        "bundle_label.loc.lines": "lines {first}-{last}",
        "bundle_label.loc.row": "row {n}",
        "bundle_label.loc.rows": "rows {first}-{last}",
        "bundle_label.loc.column": "line {n}, column {column}",
        "bundle_label.loc.byte": "byte {n}",
        "bundle_label.loc.item": "item {n}",
        "bundle_label.seconds": "{n} s",
        "bundle_label.minutes": "{n} min",
        "bundle_label.hours": "{n} h",
        "bundle_label.days": "{n} d",
    }
)


def label(lang: str, kind: str, code: str) -> str:
    """The name of ``code`` (a value of the store's ``kind`` column) in ``lang``; an unknown
    code as it is."""
    key = f"bundle_label.{kind}.{code}"
    return translations.say(_names(key), lang) if key in _names else code


def importer(lang: str, value: str) -> str:
    """The parser column (``wechat-memotrace-csv 1.1``, ``image 2``, ``document``): a reader
    of no chat format is named, a chat format's id stays as it is (the kit names it so)."""
    name, _, version = value.partition(" ")
    named = label(lang, "importer", name)
    return f"{named} {version}".rstrip()


def duration(lang: str, seconds: float) -> str:
    """A time span in its largest fitting unit (``45 s``, ``12 min``, ``3.5 h``)."""
    seconds = int(seconds)
    if abs(seconds) < 120:
        return said(lang, "bundle_label.seconds", n=seconds)
    if abs(seconds) < 7200:
        return said(lang, "bundle_label.minutes", n=seconds // 60)
    return said(lang, "bundle_label.hours", n=f"{seconds / 3600:.1f}")


def days(lang: str, count: int) -> str:
    return said(lang, "bundle_label.days", n=count)


def tag(lang: str, code: str) -> str:
    """A review tag's name: its own catalogue's (services/review.py, code ``tag.<code>``),
    which the service that passes tags to the bundle has registered; else the code."""
    template = wording.template(f"tag.{code}")
    if template is None:
        return code
    return translations.say(wording.Phrase(template, f"tag.{code}"), lang)


def said(lang: str, code: str, **values: object) -> str:
    return translations.say(_names(code, **values), lang)


_LOCATOR = re.compile(
    r"\b(?:(lines|rows) (\d+)-(\d+)|line (\d+), column (\d+)|(line|row|byte|item) (\d+))\b"
)


@functools.lru_cache(maxsize=1 << 16)
def locator(lang: str, text: str) -> str:
    """A place in an export (``line 12``, ``rows 3-5``, ``row 5 (line 7)``) in ``lang``; JSON
    and XML paths stay as written. Remembered: the PDF's every layout pass asks again for
    each message's."""

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            return said(lang, f"bundle_label.loc.{match.group(1)}", first=match[2], last=match[3])
        if match.group(4):
            return said(lang, "bundle_label.loc.column", n=match[4], column=match[5])
        return said(lang, f"bundle_label.loc.{match.group(6)}", n=match[7])

    return _LOCATOR.sub(one, text)
