"""Translated names for the codes the services store (states, channels, relations, roles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from evidence_desk.domain.durations import clock_text
from evidence_desk.ui.formatting import local_time

if TYPE_CHECKING:
    from evidence_desk.domain.recording_description import RecordingDescription


def status_label(status: str) -> str:
    return {
        "requested": QCoreApplication.translate("Labels", "awaiting approval"),
        "approved": QCoreApplication.translate("Labels", "approved"),
        "rejected": QCoreApplication.translate("Labels", "rejected"),
        "revoked": QCoreApplication.translate("Labels", "revoked"),
        "expired": QCoreApplication.translate("Labels", "expired"),
    }.get(status, status)


def channel_label(channel: str) -> str:
    return {
        "wechat": QCoreApplication.translate("Labels", "WeChat"),
        "whatsapp": QCoreApplication.translate("Labels", "WhatsApp"),
        "telegram": QCoreApplication.translate("Labels", "Telegram"),
        "line": QCoreApplication.translate("Labels", "LINE"),
        "sms": QCoreApplication.translate("Labels", "SMS"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
    }.get(channel, channel)


def relation_label(relation: str) -> str:
    return {
        "debtor": QCoreApplication.translate("Labels", "debtor"),
        "guarantor": QCoreApplication.translate("Labels", "guarantor"),
        "other": QCoreApplication.translate("Labels", "other"),
    }.get(relation, relation)


def initiator_label(initiator: str) -> str:
    return {
        "debtor": QCoreApplication.translate("Labels", "the debtor"),
        "staff": QCoreApplication.translate("Labels", "our staff"),
    }.get(initiator, initiator)


def yes_no(value: str) -> str:
    return {
        "yes": QCoreApplication.translate("Labels", "yes"),
        "no": QCoreApplication.translate("Labels", "no"),
    }.get(value, value)


def product_label(product: str) -> str:
    return {
        "auto_loan": QCoreApplication.translate("Labels", "auto loan"),
        "online_loan": QCoreApplication.translate("Labels", "online loan"),
        "other": QCoreApplication.translate("Labels", "other"),
    }.get(product, product)


def case_status_label(status: str) -> str:
    return {
        "open": QCoreApplication.translate("Labels", "open"),
        "litigation": QCoreApplication.translate("Labels", "in litigation"),
        "settled": QCoreApplication.translate("Labels", "settled"),
        "closed": QCoreApplication.translate("Labels", "closed"),
    }.get(status, status)


def item_role_label(role: str) -> str:
    return {
        "identity_proof": QCoreApplication.translate("Labels", "identity proof"),
        "debt_confirmation": QCoreApplication.translate("Labels", "debt confirmation"),
        "friend_request": QCoreApplication.translate("Labels", "friend request"),
        "consent": QCoreApplication.translate("Labels", "consent"),
        "document": QCoreApplication.translate("Labels", "document"),
        "chat_export": QCoreApplication.translate("Labels", "chat export"),
        "screenshot": QCoreApplication.translate("Labels", "screenshot"),
        "recording": QCoreApplication.translate("Labels", "recording"),
        "export_member": QCoreApplication.translate("Labels", "export file"),
    }.get(role, role)


def flag_label(flag: str) -> str:
    return {
        "CC-3:relation_other": QCoreApplication.translate(
            "Labels", "CC-3: not the debtor or guarantor"
        ),
        "CC-4:no_consent": QCoreApplication.translate("Labels", "CC-4: no recorded consent"),
    }.get(flag, flag)


def kind_label(kind: str) -> str:
    return {
        "text": QCoreApplication.translate("Labels", "text"),
        "image": QCoreApplication.translate("Labels", "image"),
        "voice": QCoreApplication.translate("Labels", "voice message"),
        "video": QCoreApplication.translate("Labels", "video"),
        "file": QCoreApplication.translate("Labels", "file"),
        "sticker": QCoreApplication.translate("Labels", "sticker"),
        "location": QCoreApplication.translate("Labels", "location"),
        "contact_card": QCoreApplication.translate("Labels", "contact card"),
        "link": QCoreApplication.translate("Labels", "link"),
        "transfer": QCoreApplication.translate("Labels", "transfer"),
        "red_packet": QCoreApplication.translate("Labels", "red packet"),
        "call": QCoreApplication.translate("Labels", "call"),
        "recalled": QCoreApplication.translate("Labels", "recalled"),
        "system": QCoreApplication.translate("Labels", "system"),
        "quote": QCoreApplication.translate("Labels", "quote"),
        "unknown": QCoreApplication.translate("Labels", "unknown"),
    }.get(kind, kind)


def action_label(action: str) -> str:
    """A ledger action in words, every action of ``authority.ACTIONS`` (a code the table does
    not know, from a newer store, is shown as it is); the ledger view keeps the stored code in
    the tooltip and the filter's data."""
    return {
        "store.init": QCoreApplication.translate("Labels", "store created"),
        "settings.set": QCoreApplication.translate("Labels", "setting changed"),
        "user.add": QCoreApplication.translate("Labels", "user added"),
        "user.change_password": QCoreApplication.translate("Labels", "password changed"),
        "user.reset_password": QCoreApplication.translate("Labels", "password reset"),
        "user.deactivate": QCoreApplication.translate("Labels", "user deactivated"),
        "case.create": QCoreApplication.translate("Labels", "case opened"),
        "case.edit": QCoreApplication.translate("Labels", "case edited"),
        "case.import": QCoreApplication.translate("Labels", "cases imported"),
        "contact.request": QCoreApplication.translate("Labels", "contact requested"),
        "contact.approve": QCoreApplication.translate("Labels", "contact approved"),
        "contact.reject": QCoreApplication.translate("Labels", "contact rejected"),
        "contact.revoke": QCoreApplication.translate("Labels", "contact revoked"),
        "evidence.attach": QCoreApplication.translate("Labels", "documents attached"),
        "evidence.import": QCoreApplication.translate("Labels", "chat imported"),
        "tsa.configure": QCoreApplication.translate("Labels", "time-stamp authority set"),
        "timestamp.add": QCoreApplication.translate("Labels", "trusted time-stamp"),
        "review.tag": QCoreApplication.translate("Labels", "tagged"),
        "review.untag": QCoreApplication.translate("Labels", "tag withdrawn"),
        "conduct.ack": QCoreApplication.translate("Labels", "finding acknowledged"),
        "bundle.export": QCoreApplication.translate("Labels", "bundle exported"),
        # retention and legal hold (issue 18 item 2)
        "case.close": QCoreApplication.translate("Labels", "case closed"),
        "hold.add": QCoreApplication.translate("Labels", "legal hold placed"),
        "hold.lift": QCoreApplication.translate("Labels", "legal hold lifted"),
        # the rest of authority.ACTIONS, worded as the bundle's custody table words them
        "case.keys": QCoreApplication.translate("Labels", "case key issued"),
        "case.shred": QCoreApplication.translate("Labels", "case shredded"),
        "case_keys.migrate": QCoreApplication.translate("Labels", "case keys introduced"),
        "case_keys.migrate_blobs": QCoreApplication.translate(
            "Labels", "files moved under case keys"
        ),
        "records.key": QCoreApplication.translate("Labels", "records key issued"),
        "ocr.read": QCoreApplication.translate("Labels", "screenshot read"),
        "bundle.unmask": QCoreApplication.translate("Labels", "account numbers shown in full"),
        "processing.record": QCoreApplication.translate("Labels", "processing record written"),
        "breach.add": QCoreApplication.translate("Labels", "breach recorded"),
        "signing.ca_create": QCoreApplication.translate("Labels", "signing CA created"),
        "signing.cert_issue": QCoreApplication.translate("Labels", "signing certificate issued"),
        "signing.cert_import": QCoreApplication.translate("Labels", "signing certificate imported"),
        # an organisation's devices and members
        "user.invite": QCoreApplication.translate("Labels", "user invited"),
        "user.wrap_key": QCoreApplication.translate("Labels", "user key wrapped"),
        "invite.revoke": QCoreApplication.translate("Labels", "invitation withdrawn"),
        "device.join": QCoreApplication.translate("Labels", "device joined"),
        "device.retire": QCoreApplication.translate("Labels", "device retired"),
        "handle.reindex": QCoreApplication.translate(
            "Labels", "chat handles re-indexed for the organisation"
        ),
    }.get(action, action)


def format_label(name: str) -> str:
    """An importer's format name (``registry.names()``) as the user knows the export."""
    return {
        "image": QCoreApplication.translate("Labels", "image"),
        "sms_backup_restore_xml": QCoreApplication.translate("Labels", "SMS Backup & Restore"),
        "telegram_json": QCoreApplication.translate("Labels", "Telegram"),
        "messenger_json": QCoreApplication.translate("Labels", "Messenger/Instagram"),
        "wechat": QCoreApplication.translate("Labels", "WeChat"),
        "line_txt": QCoreApplication.translate("Labels", "LINE"),
        "whatsapp": QCoreApplication.translate("Labels", "WhatsApp"),
        "generic-csv": QCoreApplication.translate("Labels", "generic CSV"),
        "wechat-memotrace-csv": QCoreApplication.translate("Labels", "WeChat (MemoTrace CSV)"),
        "wechat-pywxdump-csv": QCoreApplication.translate("Labels", "WeChat (PyWxDump CSV)"),
        "wechat-wechatexporter-txt": QCoreApplication.translate(
            "Labels", "WeChat (WechatExporter TXT)"
        ),
        "wechat-memotrace-txt": QCoreApplication.translate("Labels", "WeChat (MemoTrace TXT)"),
        "wechat-memotrace-html": QCoreApplication.translate("Labels", "WeChat (MemoTrace HTML)"),
        "wechat-wechatexporter-html": QCoreApplication.translate(
            "Labels", "WeChat (WechatExporter HTML)"
        ),
    }.get(name, name)


def permission_label(action: str) -> str:
    """What a permission (``domain.policy.Action``) allows, in words."""
    return {
        "user.add": QCoreApplication.translate("Labels", "add users"),
        "user.reset_password": QCoreApplication.translate("Labels", "reset passwords"),
        "user.deactivate": QCoreApplication.translate("Labels", "deactivate users"),
        "user.list": QCoreApplication.translate("Labels", "list users"),
        "settings.set": QCoreApplication.translate("Labels", "change settings"),
        "settings.read": QCoreApplication.translate("Labels", "read settings"),
        "log.read": QCoreApplication.translate("Labels", "read the ledger"),
        "verify": QCoreApplication.translate("Labels", "verify the store"),
        "case.create": QCoreApplication.translate("Labels", "open cases"),
        "case.edit": QCoreApplication.translate("Labels", "edit cases"),
        "case.read": QCoreApplication.translate("Labels", "read cases"),
        "case.import": QCoreApplication.translate("Labels", "import cases"),
        "contact.request": QCoreApplication.translate("Labels", "request contacts"),
        "contact.decide": QCoreApplication.translate("Labels", "decide contact requests"),
        "contact.read": QCoreApplication.translate("Labels", "read contacts"),
        "evidence.add": QCoreApplication.translate("Labels", "add evidence"),
        "evidence.read": QCoreApplication.translate("Labels", "read evidence"),
        "review.tag": QCoreApplication.translate("Labels", "tag messages"),
        "conduct.check": QCoreApplication.translate("Labels", "run the conduct check"),
        "conduct.ack": QCoreApplication.translate("Labels", "acknowledge conduct findings"),
        "bundle.export": QCoreApplication.translate("Labels", "export court bundles"),
        "tsa.configure": QCoreApplication.translate("Labels", "configure time-stamp authorities"),
        "stamp": QCoreApplication.translate("Labels", "time-stamp checkpoints"),
        "store.backup": QCoreApplication.translate("Labels", "back up the store"),
        "store.restore": QCoreApplication.translate("Labels", "restore the store"),
        # retention and legal hold (issue 18 item 2)
        "case.close": QCoreApplication.translate("Labels", "close cases"),
        "legal.hold": QCoreApplication.translate("Labels", "place and lift legal holds"),
        "retention.read": QCoreApplication.translate("Labels", "read retention dates and holds"),
    }.get(action, action)


def recording_media_label(media: str) -> str:
    if media == "video":
        return QCoreApplication.translate("Labels", "video recording")
    return QCoreApplication.translate("Labels", "audio recording")


def recording_rows(described: RecordingDescription, zone: str) -> list[tuple[str, str]]:
    """What a recording's file states, as label/value rows (the import preview, the item pane)."""
    unknown = QCoreApplication.translate("Labels", "not stated in the file")
    recorded = local_time(described.recorded_at, zone) if described.recorded_at else unknown
    return [
        (
            QCoreApplication.translate("Labels", "Duration"),
            clock_text(described.duration_seconds) or unknown,
        ),
        (QCoreApplication.translate("Labels", "Recorded at"), recorded),
        (QCoreApplication.translate("Labels", "Device"), described.device or unknown),
        (QCoreApplication.translate("Labels", "Codecs"), ", ".join(described.codecs) or unknown),
    ]


def tag_names() -> dict[str, str]:
    """Translated names of the review service's tags."""
    return {
        "promise_to_pay": QCoreApplication.translate("Review", "Promise to pay"),
        "debt_ack": QCoreApplication.translate("Review", "Debt acknowledgement"),
        "dispute": QCoreApplication.translate("Review", "Dispute"),
        "threat": QCoreApplication.translate("Review", "Threat or abuse"),
        "identity": QCoreApplication.translate("Review", "Identity"),
        "contact_info": QCoreApplication.translate("Review", "Address or contact info"),
        "note": QCoreApplication.translate("Review", "Note"),
    }


def tag_label(tag: str) -> str:
    """A tag's or a message flag's translated name (badges, the item list, service text)."""
    labels = {
        **tag_names(),
        "after_revocation": QCoreApplication.translate("Bubbles", "After revocation"),
        "after_expiry": QCoreApplication.translate("Bubbles", "After expiry"),
    }
    return labels.get(tag, tag)
