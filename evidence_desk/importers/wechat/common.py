"""WeChat exports from third-party PC tools (chat-formats.md §3): the vocabulary every variant
shares.

WeChat has no official export. The variants live in their own modules and all use this one:

* ``csv_export``  — MemoTrace/WeChatMsg CSV (``localId,TalkerId,Type,SubType,IsSender,...``) and
  PyWxDump CSV (``id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime`` and the
  older ``...,content,CreateTime`` set);
* ``txt_export``  — MemoTrace TXT and WechatExporter TXT;
* ``html_export`` — MemoTrace HTML (messages embedded as a JavaScript array) and WechatExporter
  HTML (``div.msg`` blocks, with ``Files/Data/msg-N.js`` pages when present).

The package's ``IMPORTER`` (``evidence_desk.importers.wechat``) is the one the registry lists:
``detect`` names the tool, layout and encoding (``"WeChat MemoTrace CSV, UTF-8 BOM, 12
columns"``) and ``parse`` hands over to that variant.

Type codes are mapped, never dropped (desktop 3.x ``(Type, SubType)``): unknown codes become
``MessageKind.UNKNOWN`` with the original content in ``raw``. Where the exported text is a
placeholder or XML, ``text`` is a readable summary in the exporting tool's own style
(``[图片]``, ``[转账] ￥5000.00 车贷还款``) and ``raw`` keeps what the file says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree

from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.archive import select_main
from evidence_desk.importers.base import (
    COMMON_WORDING,
    Attachment,
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
)

__all__ = [
    "FRIEND_ADDED_RE",
    "PARSER_VERSION",
    "RECALL_RE",
    "SELF_NAME",
    "Interpretation",
    "MainFile",
    "Variant",
    "interpret",
    "js_unescape",
    "main_file",
    "opened_members",
    "parse_wall_time",
    "pick_main",
    "require_main",
    "several_chats",
    "small_int",
    "strip_markup",
    "utc_from_unix",
]

PARSER_VERSION = "1.1"  # 1.1: problems and repairs sealed as codes and facts

# The name WeChat exporters print for the exporting account in 1:1 chats.
SELF_NAME = "我"

# `"张伟" 撤回了一条消息`, `你撤回了一条消息`, `对方撤回了一条消息`, group form without quotes.
RECALL_RE = re.compile(r'^\s*(?:"(?P<quoted>[^"]*)"|(?P<who>你|对方|\S+?))\s*撤回了一条消息')
# The accepting side's friend-added line (CC-0): `你已添加了X，现在可以开始聊天了。`
FRIEND_ADDED_RE = re.compile(r"^你已添加了(?P<name>.+?)，现在可以开始聊天了。?$")

_WALL_TIME_RE = re.compile(
    r"(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})[ T]+"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
)

_RECALL_SUBTYPES = frozenset({1, 5, 6, 33, 36, 57})
_TRANSFER_STATES = {
    "1": "转账",
    "3": "已收款",
    "4": "已退还",
    "5": "非实时转账收款",
    "7": "发起非实时转账",
    "8": "已被接收",
    "9": "已被退还",
    "10": "已过期",
}
_BASE_KINDS: dict[int, tuple[MessageKind, str]] = {
    3: (MessageKind.IMAGE, "[图片]"),
    34: (MessageKind.VOICE, "[语音]"),
    43: (MessageKind.VIDEO, "[视频]"),
    62: (MessageKind.VIDEO, "[视频]"),  # short video (mobile databases)
    47: (MessageKind.STICKER, "[表情包]"),
}
# 49 (app message) subtypes: kind and the bracketed label used in the summary text.
_APP_KINDS: dict[int, tuple[MessageKind, str]] = {
    1: (MessageKind.TEXT, ""),
    3: (MessageKind.LINK, "[音乐分享]"),
    76: (MessageKind.LINK, "[音乐分享]"),
    4: (MessageKind.LINK, "[链接]"),
    5: (MessageKind.LINK, "[链接]"),
    6: (MessageKind.FILE, "[文件]"),
    74: (MessageKind.FILE, "[文件]"),
    8: (MessageKind.STICKER, "[表情包]"),
    17: (MessageKind.LOCATION, "[位置共享]"),
    19: (MessageKind.LINK, "[聊天记录]"),
    24: (MessageKind.LINK, "[笔记]"),
    33: (MessageKind.LINK, "[小程序]"),
    36: (MessageKind.LINK, "[小程序]"),
    40: (MessageKind.LINK, "[收藏]"),
    50: (MessageKind.LINK, "[视频号]"),
    51: (MessageKind.LINK, "[视频号]"),
    53: (MessageKind.LINK, "[接龙]"),
    57: (MessageKind.QUOTE, ""),
    63: (MessageKind.LINK, "[直播]"),
    88: (MessageKind.LINK, "[直播]"),
    87: (MessageKind.SYSTEM, "[群公告]"),
    2000: (MessageKind.TRANSFER, "[转账]"),
    2001: (MessageKind.RED_PACKET, "[红包]"),
    2003: (MessageKind.LINK, "[红包封面]"),
}


@dataclass(frozen=True, slots=True)
class Interpretation:
    """What one WeChat record means: kind, readable text, declared media, reply target, raw."""

    kind: MessageKind
    text: str
    attachments: tuple[Attachment, ...] = ()
    reply_to: str | None = None
    raw: str | None = None


# --------------------------------------------------------------------------------------------
# Small text helpers.
# --------------------------------------------------------------------------------------------


def parse_wall_time(text: str) -> tuple[datetime, bool] | None:
    """A naive wall-clock time from ``YYYY-MM-DD HH:MM[:SS]`` (also ``/`` or ``.`` separated,
    as Excel re-saves it), and whether seconds were present; ``None`` when not a time."""
    match = _WALL_TIME_RE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        value = datetime(
            int(match["y"]),
            int(match["mo"]),
            int(match["d"]),
            int(match["h"]),
            int(match["mi"]),
            int(match["s"] or 0),
        )
    except ValueError:
        return None
    return value, match["s"] is not None


def small_int(text: str) -> int | None:
    """An integer written in plain decimal digits (at most 18), else ``None``."""
    text = text.strip()
    digits = text[1:] if text.startswith("-") else text
    if not (0 < len(digits) <= 18 and digits.isdecimal()):
        return None
    return int(text)


def utc_from_unix(seconds: int) -> datetime | None:
    """UTC from unix seconds, or ``None`` when out of range."""
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


_JS_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_unescape(text: str) -> str:
    """Undo JavaScript string escapes (``\\'``, ``\\n``, ``\\uXXXX``...) as written by MemoTrace."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char != "\\" or i + 1 == len(text):
            out.append(char)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
            out.append(chr(int(text[i + 2 : i + 6], 16)))
            i += 6
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2 : i + 4]):
            out.append(chr(int(text[i + 2 : i + 4], 16)))
            i += 4
        else:
            out.append(_JS_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


_TAG_RE = re.compile(r"<[^<>]*>")


def strip_markup(text: str) -> str:
    """System-message text without CDATA wrappers, the revoke-edit link and other tags."""
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    text = re.sub(r'\s*<a href="weixin://revoke_edit_click">[^<]*</a>', "", text)
    return html.unescape(_TAG_RE.sub("", text)).strip()


def _xml_root(content: str) -> Element | None:
    """Parse the XML part of a content field (group rows may prefix ``wxid_x:\\n``)."""
    start = content.find("<")
    if start == -1:
        return None
    try:
        root: Element = SafeElementTree.fromstring(content[start:].strip())
    except Exception:  # ParseError, DefusedXmlException, ValueError: content stays raw
        return None
    return root


def _text_of(root: Element | None, path: str) -> str:
    if root is None:
        return ""
    node = root.find(path)
    if node is None or node.text is None:
        return ""
    return node.text.strip()


def _attr_of(root: Element | None, path: str, attribute: str) -> str:
    if root is None:
        return ""
    node = root if path == "." else root.find(path)
    if node is None:
        return ""
    return node.attrib.get(attribute, "").strip()


def _looks_like_xml(content: str) -> bool:
    stripped = content.lstrip()
    return stripped.startswith("<") or bool(re.match(r"^[\w@.-]+:\s*\n\s*<", stripped))


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# --------------------------------------------------------------------------------------------
# Type-code interpretation (CSV rows, MemoTrace HTML objects).
# --------------------------------------------------------------------------------------------


def interpret(type_code: int, sub_type: int, content: str) -> Interpretation:
    """Map a desktop ``(Type, SubType)`` and its content to kind, readable text and media."""
    if type_code == 1:
        return Interpretation(MessageKind.TEXT, content)
    if type_code in _BASE_KINDS:
        return _media(type_code, content)
    if type_code == 49:
        return _app_message(sub_type, content)
    if type_code == 10000:
        return _system(sub_type, content)
    if type_code == 10002:
        return _system_xml(content)
    root = _xml_root(content) if _looks_like_xml(content) else None
    if type_code == 48:
        label = _attr_of(root, "location", "label")
        poi = _attr_of(root, "location", "poiname")
        return Interpretation(MessageKind.LOCATION, _join("[位置]", poi, label), raw=content)
    if type_code in (42, 66):
        nickname = _attr_of(root, ".", "nickname")
        return Interpretation(MessageKind.CONTACT_CARD, _join("[名片]", nickname), raw=content)
    if type_code == 50:
        shown = strip_markup(content) if root is not None or "<" in content else content
        return Interpretation(MessageKind.CALL, _join("[通话]", shown), raw=content)
    if type_code == 37:
        who = _attr_of(root, ".", "fromnickname")
        said = _attr_of(root, ".", "content")
        return Interpretation(MessageKind.SYSTEM, _join("[好友请求]", who, said), raw=content)
    return _unknown(type_code, sub_type, content)


def _unknown(type_code: int, sub_type: int, content: str) -> Interpretation:
    plain = "" if _looks_like_xml(content) else content
    label = f"[未知消息 Type={type_code} SubType={sub_type}]"
    return Interpretation(MessageKind.UNKNOWN, _join(label, plain), raw=content)


def _media(type_code: int, content: str) -> Interpretation:
    kind, label = _BASE_KINDS[type_code]
    root = _xml_root(content) if _looks_like_xml(content) else None
    name = (
        _attr_of(root, "img", "md5")
        or _attr_of(root, "videomsg", "md5")
        or _attr_of(root, "emoji", "md5")
        or kind.value
    )
    attachment = Attachment(kind, name, AttachmentState.OMITTED)
    return Interpretation(kind, label, (attachment,), raw=content)


def _app_message(sub_type: int, content: str) -> Interpretation:
    root = _xml_root(content)
    title = _text_of(root, "appmsg/title") or _text_of(root, "title")
    if sub_type not in _APP_KINDS:
        if root is not None and title:
            label = f"[未知消息 Type=49 SubType={sub_type}]"
            return Interpretation(MessageKind.UNKNOWN, _join(label, title), raw=content)
        return _unknown(49, sub_type, content)
    kind, label = _APP_KINDS[sub_type]
    if kind is MessageKind.QUOTE:
        return _quote(root, title, content)
    if kind is MessageKind.TRANSFER:
        pay = "appmsg/wcpayinfo/"
        state = _TRANSFER_STATES.get(_text_of(root, pay + "paysubtype"), "转账")
        text = _join(
            f"[{state}]", _text_of(root, pay + "feedesc"), _text_of(root, pay + "pay_memo")
        )
        return Interpretation(kind, text, raw=content)
    if kind is MessageKind.TEXT:
        return Interpretation(kind, title or strip_markup(content), raw=content)
    if kind is MessageKind.FILE:
        attachment = Attachment(kind, title or "file", AttachmentState.OMITTED)
        return Interpretation(kind, _join(label, title), (attachment,), raw=content)
    if kind is MessageKind.STICKER:
        return Interpretation(kind, label, raw=content)
    url = _text_of(root, "appmsg/url") if kind is MessageKind.LINK else ""
    text = _join(label, title) + (f"\n{url}" if url else "")
    return Interpretation(kind, text, raw=content)


def _quote(root: Element | None, title: str, content: str) -> Interpretation:
    """A quote-reply, written as MemoTrace's TXT writes it: ``title\\n引用:name:content``."""
    name = _text_of(root, "appmsg/refermsg/displayname")
    quoted = _text_of(root, "appmsg/refermsg/content")
    if quoted.lstrip().startswith("<"):
        inner = _xml_root(quoted)
        quoted = (
            "[图片]"
            if inner is not None and inner.find("img") is not None
            else (_text_of(inner, "appmsg/title") or "[消息]")
        )
    reply_to = _text_of(root, "appmsg/refermsg/svrid") or None
    text = (
        title
        if root is None or root.find("appmsg/refermsg") is None
        else (f"{title}\n引用:{name}:{quoted}")
    )
    return Interpretation(MessageKind.QUOTE, text, reply_to=reply_to, raw=content)


def _system(sub_type: int, content: str) -> Interpretation:
    text = strip_markup(content) if "<" in content else content.strip()
    if sub_type in _RECALL_SUBTYPES or RECALL_RE.match(text):
        return Interpretation(MessageKind.RECALLED, text, raw=content)
    return Interpretation(MessageKind.SYSTEM, text, raw=content)


def _system_xml(content: str) -> Interpretation:
    root = _xml_root(content)
    if root is not None and root.attrib.get("type") == "revokemsg":
        shown = _text_of(root, "revokemsg/replacemsg") or _text_of(root, "revokemsg/content")
        return Interpretation(MessageKind.RECALLED, strip_markup(shown) or "[撤回]", raw=content)
    text = strip_markup(content) if "<" in content else content.strip()
    if RECALL_RE.match(text):
        return Interpretation(MessageKind.RECALLED, text, raw=content)
    return Interpretation(MessageKind.SYSTEM, text or "[系统消息]", raw=content)


# --------------------------------------------------------------------------------------------
# Choosing the chat file of a folder or zip, and the umbrella importer.
# --------------------------------------------------------------------------------------------


_said = Catalogue(
    {
        **COMMON_WORDING,
        "wechat.not_variant": "not a {variant}",
        "wechat.no_variant": "no {variant} in this folder or zip",
        "wechat.several_chats": "several chat files in this folder or zip: {found}; pick one",
    }
)


class Variant(Protocol):
    """A WeChat variant importer: the Importer protocol plus detection on one plain file."""

    name: str
    version: str

    def detect_plain(self, source: ExportSource) -> str | None: ...

    def detect(self, source: ExportSource) -> str | None: ...

    def parse(self, source: ExportSource, tz: str) -> ParsedChat: ...


@dataclass(frozen=True, slots=True)
class MainFile:
    """The chat file chosen from what the user picked, the detection reason, and other chat files
    of the same variant found at the same depth (several chats, or PyWxDump pages)."""

    source: ExportSource
    reason: str
    others: tuple[str, ...] = ()


# Folders the exporters fill with media and attachments (MemoTrace ``file/``, WechatExporter
# ``Files/``); a .txt/.csv/.html in them is an exported attachment, not the chat.
_MEDIA_DIRS = frozenset(
    {"image", "image_t", "emoji", "video", "voice", "file", "files", "avatar", "music", "icon",
     "portrait"}
)  # fmt: skip
_CHAT_SUFFIXES = (".csv", ".txt", ".html", ".htm")
_MAX_CANDIDATES = 32


def _candidates(source: ExportSource) -> list[str]:
    names = [
        member
        for member in source.member_names()
        if member.lower().endswith(_CHAT_SUFFIXES)
        and not {part.lower() for part in member.split("/")[:-1]} & _MEDIA_DIRS
    ]
    names.sort(key=lambda member: (member.count("/"), member))
    return names[:_MAX_CANDIDATES]


def opened_members(source: ExportSource) -> list[ExportSource]:
    """Each candidate chat file of a container source as a main-file source."""
    opened: list[ExportSource] = []
    for member in _candidates(source):
        try:
            opened.append(select_main(source, member))
        except ImportInputError:
            continue
    return opened


def pick_main(hits: list[tuple[ExportSource, str]]) -> MainFile | None:
    """The main file among a variant's hits: the shallowest first; the others at that depth
    are named (several chats in one folder are refused by the caller)."""
    if not hits:
        return None
    depth = hits[0][0].name.count("/")
    top = [hit for hit in hits if hit[0].name.count("/") == depth]
    main, reason = top[0]
    others = tuple(hit[0].name for hit in top[1:])
    return MainFile(
        main, _said("import.detected_chat_file", reason=reason, member=main.name), others
    )


def main_file(
    source: ExportSource, detect_plain: Callable[[ExportSource], str | None]
) -> MainFile | None:
    """The file ``detect_plain`` accepts: the source itself, or the shallowest matching chat file
    of a folder or zip. Never raises."""
    try:
        if source.data or not source.members:
            reason = detect_plain(source)
            return MainFile(source, reason) if reason else None
        hits = [(s, r) for s in opened_members(source) if (r := detect_plain(s)) is not None]
        return pick_main(hits)
    except Exception:
        return None


def require_main(
    source: ExportSource, detect_plain: Callable[[ExportSource], str | None], what: str
) -> MainFile:
    """Like ``main_file`` for ``parse``, refusing a source without a matching chat file. Callers
    decide what several matching files mean (several chats, or the pages of one)."""
    main = main_file(source, detect_plain)
    if main is None:
        if source.data or not source.members:
            raise ImportInputError(source.name, "line 1", _said("wechat.not_variant", variant=what))
        raise ImportInputError(source.name, "", _said("wechat.no_variant", variant=what))
    return main


def several_chats(source: ExportSource, main: MainFile) -> ImportInputError:
    listed = ", ".join((main.source.name, *main.others))
    return ImportInputError(source.name, "", _said("wechat.several_chats", found=listed))
