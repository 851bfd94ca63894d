"""WeChat HTML exports: MemoTrace HTML and WechatExporter HTML (chat-formats.md §3).

MemoTrace writes its page template, then the messages as a JavaScript array
(``const chatMessages = [ {type:1, text:'…', is_send:0, timestamp:1628863878, ...}, ... ];``),
then the rest of the template. Older builds write object literals with unquoted keys and
single-quoted strings escaped by ``escape_js_and_html`` (HTML entities inside JS escapes); newer
builds (wxManager) write a JSON array whose ``type`` packs ``SubType << 32 | Type``. Both are read
with a small JavaScript-literal reader, never by regex, and never executed. ``timestamp`` is unix
seconds, so ``tz`` only names the zone for display.

WechatExporter (iTunes backups) writes ``<session>/index.html`` with ``div.msg[msgid][msgtype]``
blocks: ``span.dspname`` (or ``name-left/right``) and the local time in ``div.nt-box``, the body in
``div.content-box``, system lines as ``div.msg.chat-notice`` (no time: borrowed from the nearest
dated message and reported). When the export is paged, the pages are JSON arrays of message HTML in
``Files/Data/msg-N.js``; if those members are present they are read instead of the page body.
Media named by the export are EXPORTED when the zip/folder holds them, MISSING otherwise.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import (
    COMMON_WORDING,
    Attachment,
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    ParsedMessage,
    ParseProblem,
    bulk_message,
    bulk_source,
    failure_facts,
)
from evidence_desk.importers.generic_csv import (
    decode_with_repairs,
    encoding_label,
    local_to_utc,
    resolve_zone,
    sniff_head,
)
from evidence_desk.importers.wechat.common import (
    PARSER_VERSION,
    RECALL_RE,
    Interpretation,
    interpret,
    js_unescape,
    main_file,
    parse_wall_time,
    require_main,
    several_chats,
    small_int,
    utc_from_unix,
)

__all__ = ["IMPORTERS", "MEMOTRACE_HTML", "WECHATEXPORTER_HTML", "JsSyntaxError", "read_js_value"]

# --------------------------------------------------------------------------------------------
# A reader for JavaScript literals (objects, arrays, strings, numbers, true/false/null).
# --------------------------------------------------------------------------------------------

JsValue = None | bool | int | float | str | list["JsValue"] | dict[str, "JsValue"]

_MAX_DEPTH = 64
_SPACE_RE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_STRING_RE = {
    "'": re.compile(r"'((?:[^'\\]|\\.)*)'", re.DOTALL),
    '"': re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL),
}
_NUMBER_RE = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_IDENT_RE = re.compile(r"[A-Za-z_$][\w$]*")
_WORDS: dict[str, JsValue] = {"true": True, "false": False, "null": None, "undefined": None}


class JsSyntaxError(ValueError):
    def __init__(self, position: int, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason


def read_js_value(text: str, position: int) -> tuple[JsValue, int]:
    """Read one literal starting at ``position``; return it and the position after it."""
    return _JsReader(text).value(position, 0)


class _JsReader:
    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, position: int) -> int:
        if position < len(self.text) and not (
            self.text[position].isspace() or self.text[position] == "/"
        ):
            return position  # the common case, without a regex call
        match = _SPACE_RE.match(self.text, position)
        return match.end() if match else position

    def value(self, position: int, depth: int) -> tuple[JsValue, int]:
        if depth > _MAX_DEPTH:
            raise JsSyntaxError(position, "nesting too deep")
        position = self.skip(position)
        if position >= len(self.text):
            raise JsSyntaxError(position, "unexpected end of data")
        char = self.text[position]
        if char == "[":
            return self.array(position + 1, depth)
        if char == "{":
            return self.object(position + 1, depth)
        if char in _STRING_RE:
            return self.string(position)
        number = _NUMBER_RE.match(self.text, position)
        if number:
            literal = number.group()
            try:
                if literal.lstrip("-")[:2] in ("0x", "0X"):
                    return int(literal, 16), number.end()
                if literal.lstrip("-").isdigit():
                    return int(literal), number.end()
                return float(literal), number.end()
            except ValueError:
                raise JsSyntaxError(position, f"bad number {literal!r}") from None
        word = _IDENT_RE.match(self.text, position)
        if word and word.group() in _WORDS:
            return _WORDS[word.group()], word.end()
        raise JsSyntaxError(position, f"unexpected character {char!r}")

    def string(self, position: int) -> tuple[str, int]:
        match = _STRING_RE[self.text[position]].match(self.text, position)
        if match is None:
            raise JsSyntaxError(position, "unterminated string")
        return js_unescape(match.group(1)), match.end()

    def array(self, position: int, depth: int) -> tuple[list[JsValue], int]:
        items: list[JsValue] = []
        while True:
            position = self.skip(position)
            if position < len(self.text) and self.text[position] == "]":
                return items, position + 1
            item, position = self.value(position, depth + 1)
            items.append(item)
            position = self.skip(position)
            if position < len(self.text) and self.text[position] == ",":
                position += 1
            elif position < len(self.text) and self.text[position] == "]":
                return items, position + 1
            else:
                raise JsSyntaxError(position, "expected ',' or ']'")

    def object(self, position: int, depth: int) -> tuple[dict[str, JsValue], int]:
        result: dict[str, JsValue] = {}
        while True:
            position = self.skip(position)
            if position >= len(self.text):
                raise JsSyntaxError(position, "unexpected end of data in an object")
            char = self.text[position]
            if char == "}":
                return result, position + 1
            if char in _STRING_RE:
                key, position = self.string(position)
            else:
                ident = _IDENT_RE.match(self.text, position) or re.compile(r"\d+").match(
                    self.text, position
                )
                if ident is None:
                    raise JsSyntaxError(position, "expected a property name")
                key, position = ident.group(), ident.end()
            position = self.skip(position)
            if position >= len(self.text) or self.text[position] != ":":
                raise JsSyntaxError(position, "expected ':'")
            result[key], position = self.value(position + 1, depth + 1)
            position = self.skip(position)
            if position < len(self.text) and self.text[position] == ",":
                position += 1
            elif position < len(self.text) and self.text[position] == "}":
                return result, position + 1
            else:
                raise JsSyntaxError(position, "expected ',' or '}'")


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# --------------------------------------------------------------------------------------------
# Shared bits.
# --------------------------------------------------------------------------------------------


def _media_state(source: ExportSource, kind: MessageKind, path: str) -> Attachment:
    """An attachment for a path the export names, relative to the HTML file."""
    name = posixpath.basename(path.replace("\\", "/")) or path
    if path.startswith(("http://", "https://", "data:")):
        return Attachment(
            kind, name if not path.startswith("data:") else kind.value, AttachmentState.OMITTED
        )
    member = posixpath.normpath(
        posixpath.join(posixpath.dirname(source.name), path.replace("\\", "/"))
    )
    if source.has_member(member):
        return Attachment(kind, name, AttachmentState.EXPORTED, member)
    return Attachment(kind, name, AttachmentState.MISSING)


def _file_title(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/"))
    return base.rsplit(".", 1)[0] if "." in base else base


def _html_head(source: ExportSource) -> tuple[str, str] | None:
    sniffed = sniff_head(source.data, 262144)
    if sniffed is None:
        return None
    text, encoding = sniffed
    start = text.lstrip("\ufeff \r\n\t")[:512].lower()
    if not (start.startswith("<!doctype html") or start.startswith("<html")):
        return None
    return text, encoding


# --------------------------------------------------------------------------------------------
# MemoTrace HTML.
# --------------------------------------------------------------------------------------------

_ARRAY_DECL_RE = re.compile(r"(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?=\[)")
_EMOJI_IMG_RE = re.compile(r'<img\b[^>]*?\bid="([^"]*)"[^>]*?class="emoji_img"[^>]*>')
_TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


def _shown(value: JsValue) -> str:
    """A string field as the page shows it: JS escapes already undone, HTML entities decoded,
    MemoTrace's inline emoji images turned back into ``[微笑]`` codes."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    if value.startswith(("http://", "https://")):
        return value
    return html.unescape(_EMOJI_IMG_RE.sub(lambda m: f"[{m.group(1)}]", value))


def _as_int(value: JsValue) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,20}", value.strip()):
        return int(value.strip())
    return None


_said = Catalogue(
    {
        **COMMON_WORDING,
        "wechat_html.detected_memotrace": "WeChat MemoTrace HTML (embedded message array), "
        "{encoding}",
        "wechat_html.detected_exporter": "WeChat WechatExporter HTML, {encoding}",
        "wechat_html.detected_exporter_paged": "WeChat WechatExporter HTML with Files/Data "
        "pages, {encoding}",
        "wechat_html.item_not_object": "array item is not an object",
        "wechat_html.no_messages": "no messages",
        "wechat_html.no_array": "no JavaScript message array in the page",
        "wechat_html.broken_array": "broken message array: {error} (file truncated or edited?)",
        "wechat_html.no_memotrace_array": "no MemoTrace message array (chatMessages) found",
        "wechat_html.bad_timestamp": "missing or invalid timestamp",
        "wechat_html.no_type": "message has no numeric type",
        "wechat_html.unreadable_html": "unreadable HTML: {error}",
        "wechat_html.no_blocks": "no message blocks in the page; a paged WechatExporter export "
        "keeps them in Files/Data/msg-N.js: import the whole folder or zip",
        "wechat_html.page_not_utf8": "page file is not UTF-8 text",
        "wechat_html.broken_page": "broken page: {error}",
        "wechat_html.page_no_array": "page has no message array",
        "wechat_html.not_message_html": "not message HTML",
        "wechat_html.block_no_time": "message block has no time",
        "wechat_html.invalid_time": "invalid time {time!r}",
        "wechat_html.time_out_of_range": "time out of range",
        "wechat_html.notice_time_before": "system notice has no time in WechatExporter HTML; "
        "sent_at copied from {from_locator} ({time}); the true time is not before it",
        "wechat_html.notice_time_after": "system notice has no time in WechatExporter HTML; "
        "sent_at copied from {from_locator} ({time}); the true time is not after it",
        "wechat_html.no_dated_message": "no dated message in the export",
    },
    # the reader's or html.parser's message (``error``) is shown; the exception's class and the
    # place it stopped are sealed (base.OTHERS_WORDING)
    also={
        "wechat_html.broken_array": ("category", "position"),
        "wechat_html.broken_page": ("category", "position"),
        "wechat_html.unreadable_html": ("category", "line", "column"),
    },
)


class MemoTraceHtmlImporter:
    name = "wechat-memotrace-html"
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        main = main_file(source, self.detect_plain)
        return main.reason if main else None

    def detect_plain(self, source: ExportSource) -> str | None:
        try:
            found = _html_head(source)
            if found is None:
                return None
            window = source.data[: 16 << 20]
            if b"chatMessages" not in window or (
                b"is_send" not in window and b"timestamp" not in window
            ):
                return None
            return _said("wechat_html.detected_memotrace", encoding=encoding_label(found[1]))
        except Exception:
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = require_main(source, self.detect_plain, "MemoTrace HTML export")
        if main.others:
            raise several_chats(source, main)
        source = main.source
        zone = resolve_zone(source.name, tz)
        decoded, repairs = decode_with_repairs(source)
        text = decoded.text
        items, start = self._array(source.name, text)
        issues: list[ParseProblem] = []
        messages: list[ParsedMessage] = []
        line, counted = 1, 0
        for position, (item, offset) in enumerate(items):
            line += text.count("\n", counted, offset)  # offsets ascend: count each stretch once
            counted = offset
            locator = f"chatMessages[{position}] (line {line})"
            if not isinstance(item, dict):
                raise ImportInputError(source.name, locator, _said("wechat_html.item_not_object"))
            messages.append(self._message(source, item, locator, len(messages), issues))
        if not messages:
            raise ImportInputError(
                source.name, f"line {_line_of(text, start)}", _said("wechat_html.no_messages")
            )
        title_match = _TITLE_RE.search(text)
        title = html.unescape(title_match.group(1)).strip() if title_match else ""
        return ParsedChat(
            format_name=self.name,
            parser_version=self.version,
            detection_reason=main.reason,
            title=title or _file_title(source.name),
            participants=tuple(dict.fromkeys(m.sender for m in messages if m.sender)),
            messages=tuple(messages),
            timezone=zone.key,
            encoding=decoded.encoding,
            problems=tuple(issues),
            repairs=repairs,
        )

    @staticmethod
    def _array(name: str, text: str) -> tuple[list[tuple[JsValue, int]], int]:
        """The message array's items with their offsets, from ``chatMessages`` (or the first
        array of objects with ``timestamp`` when a build names it differently)."""
        declarations = sorted(
            _ARRAY_DECL_RE.finditer(text), key=lambda m: m.group(1) != "chatMessages"
        )
        if not declarations:
            raise ImportInputError(name, "line 1", _said("wechat_html.no_array"))
        last_error: JsSyntaxError | None = None
        for declaration in declarations:
            reader = _JsReader(text)
            start = declaration.end()
            try:
                items = _read_items(reader, start + 1)
            except JsSyntaxError as error:
                if declaration.group(1) == "chatMessages":
                    raise ImportInputError(
                        name,
                        f"line {_line_of(text, error.position)}",
                        _said(
                            "wechat_html.broken_array",
                            error=error.reason,
                            position=error.position,
                            **failure_facts(error),
                        ),
                    ) from None
                last_error = error
                continue
            if declaration.group(1) == "chatMessages" or (
                items and all(isinstance(v, dict) and "timestamp" in v for v, _ in items)
            ):
                return items, start
        where = f"line {_line_of(text, last_error.position)}" if last_error else "line 1"
        raise ImportInputError(name, where, _said("wechat_html.no_memotrace_array"))

    @staticmethod
    def _message(
        source: ExportSource,
        item: dict[str, JsValue],
        locator: str,
        index: int,
        issues: list[ParseProblem],
    ) -> ParsedMessage:
        code = _as_int(item.get("type"))
        timestamp = _as_int(item.get("timestamp"))
        sent_at = utc_from_unix(timestamp) if timestamp is not None else None
        if sent_at is None:
            raise ImportInputError(source.name, locator, _said("wechat_html.bad_timestamp"))
        if code is None:
            issues.append(ParseProblem(source.name, locator, _said("wechat_html.no_type")))
            code = -1
        base, sub = code & 0xFFFFFFFF, code >> 32
        if sub == 0:
            sub = _as_int(item.get("sub_type")) or 0
        meaning = _memotrace_meaning(source, base, sub, item)
        sender = _shown(item.get("displayname", item.get("display_name")))
        is_send = _as_int(item.get("is_send"))
        from_self = None if is_send is None else bool(is_send)
        if meaning.kind in (MessageKind.SYSTEM, MessageKind.RECALLED):
            sender, from_self = "", None
        server_id = item.get("server_id")
        quote_id = item.get("quote_server_id")
        return bulk_message(
            index=index,
            sent_at=sent_at,
            time_text=str(timestamp),
            sender=sender,
            kind=meaning.kind,
            text=meaning.text,
            source=bulk_source(source.name, locator),
            from_self=from_self,
            native_id=str(server_id) if server_id not in (None, "", "0") else None,
            reply_to=meaning.reply_to or (str(quote_id) if quote_id not in (None, "") else None),
            attachments=meaning.attachments,
            raw=meaning.raw,
        )


def _read_items(reader: _JsReader, position: int) -> list[tuple[JsValue, int]]:
    """Items of the array whose ``[`` is just before ``position``, each with its offset."""
    items: list[tuple[JsValue, int]] = []
    while True:
        position = reader.skip(position)
        if position >= len(reader.text):
            raise JsSyntaxError(position, "unexpected end of data in the message array")
        if reader.text[position] == "]":
            return items
        item, end = reader.value(position, 1)
        items.append((item, position))
        position = reader.skip(end)
        if position < len(reader.text) and reader.text[position] == ",":
            position += 1
        elif position < len(reader.text) and reader.text[position] == "]":
            return items
        else:
            raise JsSyntaxError(position, "expected ',' or ']'")


def _memotrace_meaning(
    source: ExportSource, base: int, sub: int, item: dict[str, JsValue]
) -> Interpretation:
    text = _shown(item.get("text"))
    if base == 1:
        return Interpretation(MessageKind.TEXT, text)
    raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
    path = str(item.get("path") or item.get("text") or "")
    if base in (0, 10000, 10002):
        kind = MessageKind.RECALLED if RECALL_RE.match(text) else MessageKind.SYSTEM
        return Interpretation(kind, text, raw=raw)
    if base in (3, 47):
        kind = MessageKind.STICKER if base == 47 or path.startswith("http") else MessageKind.IMAGE
        label = "[表情包]" if kind is MessageKind.STICKER else "[图片]"
        attachments = (_media_state(source, kind, path),) if path else ()
        return Interpretation(kind, label, attachments, raw=raw)
    if base == 34:
        transcript = _shown(item.get("voice_to_text"))
        shown = "[语音]" + (f" {transcript}" if transcript else "")
        attachments = (_media_state(source, MessageKind.VOICE, path),) if path else ()
        return Interpretation(MessageKind.VOICE, shown, attachments, raw=raw)
    if base in (43, 62):
        attachments = (_media_state(source, MessageKind.VIDEO, path),) if path else ()
        return Interpretation(MessageKind.VIDEO, "[视频]", attachments, raw=raw)
    if base == 50:
        shown = _shown(item.get("display_content")) or text
        return Interpretation(MessageKind.CALL, f"[通话] {shown}".rstrip(), raw=raw)
    if base == 49:
        return _memotrace_app(source, sub, item, text, path, raw)
    if base == 48:
        place = " ".join(x for x in (_shown(item.get("poiname")), _shown(item.get("label"))) if x)
        return Interpretation(MessageKind.LOCATION, f"[位置] {place}".rstrip(), raw=raw)
    if base in (42, 66):
        who = _shown(item.get("nickname"))
        return Interpretation(MessageKind.CONTACT_CARD, f"[名片] {who}".rstrip(), raw=raw)
    meaning = interpret(base, sub, text)
    return Interpretation(meaning.kind, meaning.text, meaning.attachments, meaning.reply_to, raw)


def _memotrace_app(
    source: ExportSource, sub: int, item: dict[str, JsValue], text: str, path: str, raw: str
) -> Interpretation:
    if sub == 57:
        refer = _shown(item.get("refer_text") or item.get("quote_text"))
        shown = f"{text}\n引用:{refer}" if refer else text
        return Interpretation(MessageKind.QUOTE, shown, raw=raw)
    if sub == 6:
        name = _shown(item.get("file_name")) or posixpath.basename(path)
        attachments = (
            (_media_state(source, MessageKind.FILE, path),)
            if path
            else (Attachment(MessageKind.FILE, name or "file", AttachmentState.OMITTED),)
        )
        return Interpretation(MessageKind.FILE, f"[文件] {name}".rstrip(), attachments, raw=raw)
    if sub == 2000:
        state = {1: "转账", 3: "已收款", 4: "已退还", 5: "非实时转账收款", 7: "发起非实时转账"}
        code = _as_int(item.get("paysubtype", item.get("pay_subtype")))
        label = state.get(code or 1, "转账")
        fee = _shown(item.get("feedesc", item.get("fee_desc")))
        memo = _shown(item.get("pay_memo"))
        shown = " ".join(x for x in (f"[{label}]", fee, memo) if x)
        return Interpretation(MessageKind.TRANSFER, shown, raw=raw)
    if sub == 2001:
        return Interpretation(MessageKind.RED_PACKET, f"[红包] {text}".rstrip(), raw=raw)
    title = _shown(item.get("title")) or text
    url = _shown(item.get("url") or item.get("link_url"))
    meaning = interpret(49, sub, "")
    if meaning.kind in (MessageKind.UNKNOWN, MessageKind.LINK, MessageKind.SYSTEM):
        label = (
            meaning.text.split(" ")[0]
            if meaning.kind is not MessageKind.UNKNOWN
            else (f"[未知消息 Type=49 SubType={sub}]")
        )
        shown = " ".join(x for x in (label, title) if x) + (f"\n{url}" if url else "")
        return Interpretation(meaning.kind, shown, raw=raw)
    return Interpretation(meaning.kind, title or meaning.text, raw=raw)


# --------------------------------------------------------------------------------------------
# WechatExporter HTML.
# --------------------------------------------------------------------------------------------

_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_DATA_PAGE_RE = re.compile(r"(?:^|/)Data/msg-([0-9]{1,9})\.js$")


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node | str] = field(default_factory=list)
    classes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.classes = frozenset(self.attrs.get("class", "").split())

    def walk(self) -> list[_Node]:
        found: list[_Node] = []
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
        return found

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        parts: list[str] = []
        stack: list[_Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag == "br":
                parts.append("\n")
            elif not (item.classes & skip):
                stack.extend(reversed(item.children))
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: unknown end tags are ignored, unclosed elements close with parents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, 1)
        self.stack: list[_Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < 256:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if data.strip() or (self.stack[-1].tag in ("span", "pre") and data):
            self.stack[-1].children.append(data)


def _dom(file: str, markup: str) -> _Node:
    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except Exception as error:  # html.parser asserts on some malformed declarations
        row, column = builder.getpos()
        reason = _said(
            "wechat_html.unreadable_html",
            error=error,
            line=row,
            column=column,
            **failure_facts(error),
        )
        raise ImportInputError(file, f"line {row}", reason) from None
    return builder.root


def _fixed(locator: str) -> Callable[[_Node], str]:
    def located(_node: _Node) -> str:
        return locator

    return located


@dataclass(slots=True)
class _Block:
    node: _Node
    file: str
    locator: str


class WechatExporterHtmlImporter:
    name = "wechat-wechatexporter-html"
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        main = main_file(source, self.detect_plain)
        return main.reason if main else None

    def detect_plain(self, source: ExportSource) -> str | None:
        try:
            found = _html_head(source)
            if found is None:
                return None
            text, encoding = found
            titled = bool(re.search(r"<title>[^<]*- 微信聊天记录</title>", text))
            blocks = re.search(r'<div class="msg [^"]*"[^>]*\bmsgid="', text) is not None
            if not (titled or blocks) or "chatMessages" in text:
                return None
            code = "detected_exporter_paged" if self._pages(source) else "detected_exporter"
            return _said(f"wechat_html.{code}", encoding=encoding_label(encoding))
        except Exception:
            return None

    @staticmethod
    def _pages(source: ExportSource) -> list[tuple[int, str]]:
        folder = posixpath.dirname(source.name)
        prefix = f"{folder}/" if folder else ""
        pages: list[tuple[int, str]] = []
        for member in source.member_names():
            if not member.startswith(prefix):
                continue
            match = _DATA_PAGE_RE.search(member[len(prefix) :])
            if match and member[len(prefix) :].count("/") <= 3:
                pages.append((int(match.group(1)), member))
        return sorted(pages)

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = require_main(source, self.detect_plain, "WechatExporter HTML export")
        if main.others:
            raise several_chats(source, main)
        source = main.source
        zone = resolve_zone(source.name, tz)
        decoded, repairs = decode_with_repairs(source)
        root = _dom(source.name, decoded.text)
        title_node = next((n for n in root.walk() if n.tag == "title"), None)
        title = title_node.text().strip() if title_node else ""
        title = re.sub(r"\s*-\s*微信聊天记录\s*$", "", title) or _file_title(source.name)
        issues: list[ParseProblem] = []
        pages = self._pages(source)
        blocks = (
            self._page_blocks(source, pages, issues)
            if pages
            else self._blocks(root, source.name, lambda n: f"line {n.line}")
        )
        if not blocks:
            raise ImportInputError(
                source.name,
                "line 1",
                _said("wechat_html.no_blocks"),
            )
        messages = _ExporterMessages(source, zone, issues).build(blocks)
        return ParsedChat(
            format_name=self.name,
            parser_version=self.version,
            detection_reason=main.reason,
            title=title,
            participants=tuple(dict.fromkeys(m.sender for m in messages if m.sender)),
            messages=tuple(messages),
            timezone=zone.key,
            encoding=decoded.encoding,
            problems=tuple(issues),
            repairs=repairs,
        )

    @staticmethod
    def _blocks(root: _Node, file: str, where: Callable[[_Node], str]) -> list[_Block]:
        blocks: list[_Block] = []
        stack: list[_Node] = [root]
        while stack:
            node = stack.pop()
            if node.tag == "div" and "msg" in node.classes and "msgid" in node.attrs:
                blocks.append(_Block(node, file, where(node)))
                continue
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
        return blocks

    def _page_blocks(
        self, source: ExportSource, pages: list[tuple[int, str]], issues: list[ParseProblem]
    ) -> list[_Block]:
        blocks: list[_Block] = []
        for _, member in pages:
            try:
                script = source.read_member(member).decode("utf-8-sig")
            except (KeyError, UnicodeDecodeError):
                raise ImportInputError(
                    member, "byte 0", _said("wechat_html.page_not_utf8")
                ) from None
            start = script.find("[")
            try:
                items, _ = read_js_value(script, start) if start != -1 else (None, 0)
            except JsSyntaxError as error:
                raise ImportInputError(
                    member,
                    f"line {_line_of(script, error.position)}",
                    _said(
                        "wechat_html.broken_page",
                        error=error,
                        position=error.position,
                        **failure_facts(error),
                    ),
                ) from None
            if not isinstance(items, list):
                raise ImportInputError(member, "line 1", _said("wechat_html.page_no_array"))
            for position, fragment in enumerate(items):
                if not isinstance(fragment, str):
                    issues.append(
                        ParseProblem(
                            member, f"item {position}", _said("wechat_html.not_message_html")
                        )
                    )
                    continue
                where = _fixed(f"item {position}")
                blocks.extend(self._blocks(_dom(member, fragment), member, where))
        return blocks


class _ExporterMessages:
    def __init__(self, source: ExportSource, zone: ZoneInfo, issues: list[ParseProblem]) -> None:
        self.source = source
        self.zone = zone
        self.issues = issues

    def build(self, blocks: list[_Block]) -> list[ParsedMessage]:
        trees = [block.node.walk() for block in blocks]
        dated = [self._time(b, nodes) for b, nodes in zip(blocks, trees, strict=True)]
        messages: list[ParsedMessage] = []
        for position, block in enumerate(blocks):
            node, nodes = block.node, trees[position]
            ref = bulk_source(block.file, block.locator)
            msgid = (node.attrs.get("msgid", "").split() or [""])[0] or None
            if "chat-notice" in node.classes:
                text = re.sub(r"^系统消息[:：]\s*", "", node.text().strip())
                kind = MessageKind.RECALLED if RECALL_RE.match(text) else MessageKind.SYSTEM
                sent_at = self._borrow(dated, blocks, position)
                messages.append(
                    bulk_message(len(messages), sent_at, "", "", kind, text, ref, native_id=msgid)
                )
                continue
            when = dated[position]
            if when is None:
                raise ImportInputError(
                    block.file, block.locator, _said("wechat_html.block_no_time")
                )
            kind, text, attachments = self._content(node, nodes)
            name_node = next(
                (
                    n
                    for n in nodes
                    if n.tag == "span"
                    and any(c == "dspname" or c.startswith("name-") for c in n.classes)
                ),
                None,
            )
            sides = node.classes
            from_self = (
                True
                if sides & {"right", "chat-right", "media-right"}
                else False
                if sides & {"left", "chat-left", "media-left"}
                else None
            )
            messages.append(
                bulk_message(
                    len(messages),
                    when[0],
                    when[1],
                    name_node.text().strip() if name_node else "",
                    kind,
                    text,
                    ref,
                    sender_id=(name_node.attrs.get("wxid") or None) if name_node else None,
                    from_self=from_self,
                    native_id=msgid,
                    attachments=attachments,
                )
            )
        return messages

    def _time(self, block: _Block, nodes: list[_Node]) -> tuple[datetime, str] | None:
        if "chat-notice" in block.node.classes:
            return None
        box = next((n for n in nodes if "nt-box" in n.classes), block.node)
        match = _TIME_RE.search(box.text())
        if match is None:
            return None
        parsed = parse_wall_time(match.group())
        if parsed is None:
            raise ImportInputError(
                block.file, block.locator, _said("wechat_html.invalid_time", time=match.group())
            )
        try:
            utc, warning = local_to_utc(parsed[0], self.zone)
        except (OverflowError, ValueError):
            raise ImportInputError(
                block.file, block.locator, _said("wechat_html.time_out_of_range")
            ) from None
        if warning:
            self.issues.append(ParseProblem(block.file, block.locator, warning))
        return utc, match.group()

    def _borrow(
        self, dated: list[tuple[datetime, str] | None], blocks: list[_Block], position: int
    ) -> datetime:
        for step in (-1, 1):
            other = position + step
            while 0 <= other < len(dated):
                found = dated[other]
                if found is not None:
                    relation = "before" if step < 0 else "after"
                    block = blocks[position]
                    self.issues.append(
                        ParseProblem(
                            block.file,
                            block.locator,
                            _said(
                                f"wechat_html.notice_time_{relation}",
                                from_locator=blocks[other].locator,
                                time=found[1],
                            ),
                        )
                    )
                    return found[0]
                other += step
        block = blocks[position]
        raise ImportInputError(block.file, block.locator, _said("wechat_html.no_dated_message"))

    def _content(
        self, node: _Node, nodes: list[_Node]
    ) -> tuple[MessageKind, str, tuple[Attachment, ...]]:
        box = next((n for n in nodes if "content-box" in n.classes), node)
        box_nodes = box.walk()
        text = box.text(skip=frozenset({"triangle", "appinfo"})).strip()
        text = "\n".join(line.strip() for line in text.split("\n"))
        attachments: list[Attachment] = []
        kind: MessageKind | None = None
        msgtype = node.attrs.get("msgtype", "").strip()
        code = small_int(msgtype)
        for element in box_nodes:
            if element.tag == "img" and not element.classes & {"avatar", "transfer-icon"}:
                path = element.attrs.get("rawurl") or element.attrs.get("src", "")
                media = MessageKind.STICKER if code == 47 else MessageKind.IMAGE
                kind = kind or media
                if path:
                    attachments.append(_media_state(self.source, media, path))
            elif element.tag in ("audio", "video") or (
                element.tag == "source" and element.attrs.get("src")
            ):
                path = element.attrs.get("src", "")
                if path:
                    media = MessageKind.VIDEO if element.tag == "video" else MessageKind.VOICE
                    kind = kind or media
                    attachments.append(_media_state(self.source, media, path))
        box_classes = frozenset().union(*(n.classes for n in box_nodes))
        if "refermsg" in box_classes:
            kind = MessageKind.QUOTE
        elif "transfer-icon" in box_classes:
            kind = MessageKind.TRANSFER
        elif code == 49:
            kind = MessageKind.FILE if text.startswith("[文件") else kind or MessageKind.LINK
        elif code is not None and code != 1:
            coded = interpret(code, 0, "").kind
            kind = coded if coded is not MessageKind.UNKNOWN else kind or coded
        elif kind is None:
            kind = MessageKind.TEXT
        if kind is MessageKind.FILE and not attachments and text.startswith("[文件: "):
            name = text[len("[文件: ") :].rstrip("]")
            attachments.append(Attachment(kind, name or "file", AttachmentState.OMITTED))
        if kind is MessageKind.UNKNOWN:
            text = f"[未知消息 msgtype={msgtype}] {text}".rstrip()
        if not text and attachments:
            text = {
                MessageKind.IMAGE: "[图片]",
                MessageKind.VOICE: "[语音]",
                MessageKind.VIDEO: "[视频]",
                MessageKind.STICKER: "[表情]",
            }.get(kind, "")
        return kind, text, tuple(attachments)


MEMOTRACE_HTML = MemoTraceHtmlImporter()
WECHATEXPORTER_HTML = WechatExporterHtmlImporter()
IMPORTERS = (MEMOTRACE_HTML, WECHATEXPORTER_HTML)
