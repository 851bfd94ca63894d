"""WeChat plain-text exports: MemoTrace TXT and WechatExporter TXT (chat-formats.md §3).

MemoTrace (``exporter_txt.py``) writes ``{StrTime} {name}\\n{content}\\n\\n`` per message and
``{StrTime} {content}\\n\\n`` for a system record. A record starts only at a time line that
follows a blank line (or opens the file), so a body line that looks like a header does not split
a message. Names went through ``escape_js_and_html`` and are unescaped.

WechatExporter (``templates_txt``) writes ``{DisplayName} - 微信聊天记录``, a blank line, then
``{name} ({YYYY-MM-DD HH:MM:SS}):{message}``; lines without that header continue the previous
message (multi-line text, the quote-reply block). System records are ``系统消息: {msg}`` and
carry **no time**: they take the time of the nearest dated message, with a warning saying so.

Both print the exporting PC's local wall clock; ``tz`` says which zone that was. Neither says
who the exporting account is, so ``from_self`` stays ``None``. ``text`` is the body as written.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
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
)
from evidence_desk.importers.generic_csv import (
    decode_with_repairs,
    encoding_label,
    local_to_utc,
    resolve_zone,
    sniff_head,
)
from evidence_desk.importers.text import check_line_lengths
from evidence_desk.importers.wechat.common import (
    PARSER_VERSION,
    RECALL_RE,
    MainFile,
    js_unescape,
    main_file,
    parse_wall_time,
    require_main,
    several_chats,
)

__all__ = ["IMPORTERS", "MEMOTRACE_TXT", "WECHATEXPORTER_TXT"]

_TIME = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"
_MEMOTRACE_HEAD_RE = re.compile(rf"^(?P<time>{_TIME}) (?P<rest>.*)$")
_EXPORTER_TITLE_RE = re.compile(r"^(?P<title>.*) - 微信聊天记录\s*$")
_EXPORTER_MSG_RE = re.compile(rf"^(?P<name>.*?) \((?P<time>{_TIME})\):(?P<body>.*)$")
_EXPORTER_SYSTEM_RE = re.compile(r"^系统消息[:：] ?(?P<body>.*)$")
_QUOTE_RULE = "- - - - - - - - - - - - - - -"

_MEMOTRACE_PLACEHOLDERS = {
    "[图片]": MessageKind.IMAGE,
    "[语音]": MessageKind.VOICE,
    "[表情包]": MessageKind.STICKER,
    "[文件]": MessageKind.FILE,
    "[视频]": MessageKind.VIDEO,
    "[音乐分享]": MessageKind.LINK,
}
_EXPORTER_PLACEHOLDERS = {
    "[图片]": MessageKind.IMAGE,
    "[视频]": MessageKind.VIDEO,
    "（视频丢失）": MessageKind.VIDEO,
    "[表情]": MessageKind.STICKER,
    "[语音]": MessageKind.VOICE,
    "[位置]": MessageKind.LOCATION,
    "[链接]": MessageKind.LINK,
    "[文件]": MessageKind.FILE,
    "[红包]": MessageKind.RED_PACKET,
    "[转账]": MessageKind.TRANSFER,
    "[实时位置共享]": MessageKind.LOCATION,
    "[个人名片]": MessageKind.CONTACT_CARD,
    "[视频号名片]": MessageKind.CONTACT_CARD,
    "[视频/语音通话]": MessageKind.CALL,
}
_EXPORTER_PREFIXES = (
    ("[语音 ", MessageKind.VOICE),
    ("[位置] ", MessageKind.LOCATION),
    ("[文件: ", MessageKind.FILE),
    ("[个人名片] ", MessageKind.CONTACT_CARD),
    ("[视频号名片] ", MessageKind.CONTACT_CARD),
    ("微信转账", MessageKind.TRANSFER),
    ("[转账]", MessageKind.TRANSFER),
    ("[红包]", MessageKind.RED_PACKET),
    ("微信红包", MessageKind.RED_PACKET),
)
_MEDIA = frozenset(
    {MessageKind.IMAGE, MessageKind.VOICE, MessageKind.VIDEO, MessageKind.FILE, MessageKind.STICKER}
)


_said = Catalogue(
    {
        **COMMON_WORDING,
        "wechat_txt.detected": "{variant}, {encoding}",
        "wechat_txt.invalid_time": "invalid time {time!r}",
        "wechat_txt.time_out_of_range": "time {time!r} out of range",
        "wechat_txt.no_messages": "no messages in the file",
        "wechat_txt.no_header": "record without header",
        "wechat_txt.expected_memotrace": "expected a record header 'YYYY-MM-DD HH:MM:SS name'",
        "wechat_txt.expected_exporter": "expected 'name (YYYY-MM-DD HH:MM:SS):message' or "
        "'系统消息: ...'",
        "wechat_txt.system_time_before": "system line has no time in WechatExporter TXT; sent_at "
        "copied from line {line} ({time}); the true time is not before it",
        "wechat_txt.system_time_after": "system line has no time in WechatExporter TXT; sent_at "
        "copied from line {line} ({time}); the true time is not after it",
        "wechat_txt.no_dated_message": "no dated message in the file",
    }
)


@dataclass(slots=True)
class _Record:
    first_line: int
    last_line: int
    time_text: str
    sender: str
    body: str
    system: bool


def _locator(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _decode(source: ExportSource) -> tuple[list[str], str, tuple[str, ...]]:
    decoded, repairs = decode_with_repairs(source)
    check_line_lengths(source.name, decoded.text)
    lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines, decoded.encoding, repairs


def _head_lines(source: ExportSource) -> tuple[list[str], str] | None:
    sniffed = sniff_head(source.data, 16384)
    if sniffed is None:
        return None
    text, encoding = sniffed
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    return lines[:200], encoding


class _Builder:
    """Turns records into messages: local time, kind from placeholders, problems."""

    def __init__(self, source: ExportSource, zone: ZoneInfo) -> None:
        self.source = source
        self.zone = zone
        self.problems: list[ParseProblem] = []

    def problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.source.name, locator, reason, severity))

    def utc(self, time_text: str, locator: str) -> datetime:
        parsed = parse_wall_time(time_text)
        if parsed is None:
            raise ImportInputError(
                self.source.name, locator, _said("wechat_txt.invalid_time", time=time_text)
            )
        try:
            utc, warning = local_to_utc(parsed[0], self.zone)
        except (OverflowError, ValueError):
            raise ImportInputError(
                self.source.name, locator, _said("wechat_txt.time_out_of_range", time=time_text)
            ) from None
        if warning:
            self.problem(locator, warning)
        return utc

    def chat(
        self,
        main: MainFile,
        importer: _TxtImporter,
        title: str,
        messages: list[ParsedMessage],
        encoding: str,
        repairs: tuple[str, ...],
    ) -> ParsedChat:
        if not messages:
            raise ImportInputError(self.source.name, "line 1", _said("wechat_txt.no_messages"))
        return ParsedChat(
            format_name=importer.name,
            parser_version=importer.version,
            detection_reason=main.reason,
            title=title,
            participants=tuple(dict.fromkeys(m.sender for m in messages if m.sender)),
            messages=tuple(messages),
            timezone=self.zone.key,
            encoding=encoding,
            problems=tuple(self.problems),
            repairs=repairs,
        )


class _TxtImporter:
    name = ""
    label = ""
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        main = main_file(source, self.detect_plain)
        return main.reason if main else None

    def detect_plain(self, source: ExportSource) -> str | None:
        try:
            found = _head_lines(source)
            if found is None:
                return None
            lines, encoding = found
            if not self._fits(lines):
                return None
            return _said(
                "wechat_txt.detected", variant=self.label, encoding=encoding_label(encoding)
            )
        except Exception:
            return None

    def _fits(self, lines: list[str]) -> bool:
        raise NotImplementedError

    def _main(self, source: ExportSource) -> MainFile:
        main = require_main(source, self.detect_plain, self.label)
        if main.others:
            raise several_chats(source, main)
        return main


def _placeholder_kind(
    body: str, exact: dict[str, MessageKind], prefixes: tuple[tuple[str, MessageKind], ...]
) -> MessageKind:
    stripped = body.strip()
    if stripped in exact:
        return exact[stripped]
    for prefix, kind in prefixes:
        if stripped.startswith(prefix):
            return kind
    return MessageKind.TEXT


def _omitted(kind: MessageKind, name: str) -> tuple[Attachment, ...]:
    if kind not in _MEDIA:
        return ()
    return (Attachment(kind, name or kind.value, AttachmentState.OMITTED),)


# --------------------------------------------------------------------------------------------
# MemoTrace TXT.
# --------------------------------------------------------------------------------------------


class MemoTraceTxtImporter(_TxtImporter):
    name = "wechat-memotrace-txt"
    label = "WeChat MemoTrace TXT"

    def _fits(self, lines: list[str]) -> bool:
        if lines and _EXPORTER_TITLE_RE.match(lines[0]):
            return False
        first = next((line for line in lines if line.strip()), "")
        if not _MEMOTRACE_HEAD_RE.match(first):
            return False
        starts = headers = 0
        previous_blank = True
        for line in lines:
            if previous_blank and line.strip():
                starts += 1
                headers += bool(_MEMOTRACE_HEAD_RE.match(line))
            previous_blank = not line.strip()
        return headers * 2 >= starts and not any(_EXPORTER_MSG_RE.match(x) for x in lines[:20])

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = self._main(source)
        source = main.source
        zone = resolve_zone(source.name, tz)
        lines, encoding, repairs = _decode(source)
        if lines and lines[0].startswith("\ufeff"):
            lines[0] = lines[0][1:]
        builder = _Builder(source, zone)
        messages: list[ParsedMessage] = []
        for record in self._records(source, lines):
            messages.append(self._message(builder, record, len(messages)))
        return builder.chat(main, self, _file_title(source.name), messages, encoding, repairs)

    @staticmethod
    def _records(source: ExportSource, lines: list[str]) -> list[_Record]:
        records: list[_Record] = []
        current: list[tuple[int, str]] = []

        def close() -> None:
            if not current:
                return
            while current and not current[-1][1].strip():
                current.pop()
            first_no, head = current[0]
            match = _MEMOTRACE_HEAD_RE.match(head)
            if match is None:  # unreachable: records open on a header
                raise ImportInputError(
                    source.name, f"line {first_no}", _said("wechat_txt.no_header")
                )
            body_lines = [text for _, text in current[1:]]
            last_no = current[-1][0]
            if body_lines:
                records.append(
                    _Record(
                        first_no,
                        last_no,
                        match["time"],
                        match["rest"],
                        "\n".join(body_lines),
                        system=False,
                    )
                )
            else:
                records.append(
                    _Record(first_no, last_no, match["time"], "", match["rest"], system=True)
                )
            current.clear()

        previous_blank = True
        for number, line in enumerate(lines, start=1):
            if previous_blank and line.strip():
                if _MEMOTRACE_HEAD_RE.match(line):
                    close()
                elif not current:
                    raise ImportInputError(
                        source.name,
                        f"line {number}",
                        _said("wechat_txt.expected_memotrace"),
                    )
            if current or line.strip():
                current.append((number, line))
            previous_blank = not line.strip()
        close()
        return records

    @staticmethod
    def _message(builder: _Builder, record: _Record, index: int) -> ParsedMessage:
        locator = _locator(record.first_line, record.last_line)
        sent_at = builder.utc(record.time_text, locator)
        ref = bulk_source(builder.source.name, locator)
        if record.system:
            kind = MessageKind.RECALLED if RECALL_RE.match(record.body) else MessageKind.SYSTEM
            return bulk_message(index, sent_at, record.time_text, "", kind, record.body, ref)
        body = record.body
        body_lines = [line.strip() for line in body.split("\n")]
        kind = _placeholder_kind(body, _MEMOTRACE_PLACEHOLDERS, ())
        if body_lines[0].startswith("[链接]:"):
            kind = MessageKind.LINK
        elif body_lines[0].startswith("[转账]"):
            kind = MessageKind.TRANSFER
        elif body_lines[0].startswith("[红包]"):
            kind = MessageKind.RED_PACKET
        elif len(body_lines) > 1 and body_lines[-1].startswith("引用:"):
            kind = MessageKind.QUOTE
        sender = html.unescape(js_unescape(record.sender))
        return bulk_message(
            index,
            sent_at,
            record.time_text,
            sender,
            kind,
            body,
            ref,
            attachments=_omitted(kind, ""),
        )


# --------------------------------------------------------------------------------------------
# WechatExporter TXT.
# --------------------------------------------------------------------------------------------


class WechatExporterTxtImporter(_TxtImporter):
    name = "wechat-wechatexporter-txt"
    label = "WeChat WechatExporter TXT"

    def _fits(self, lines: list[str]) -> bool:
        if lines and _EXPORTER_TITLE_RE.match(lines[0]):
            return True
        return sum(1 for line in lines[:50] if _EXPORTER_MSG_RE.match(line)) >= 2

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = self._main(source)
        source = main.source
        zone = resolve_zone(source.name, tz)
        lines, encoding, repairs = _decode(source)
        if lines and lines[0].startswith("\ufeff"):
            lines[0] = lines[0][1:]
        title_match = _EXPORTER_TITLE_RE.match(lines[0]) if lines else None
        title = title_match["title"] if title_match else _file_title(source.name)
        start = 1 if title_match else 0
        builder = _Builder(source, zone)
        records = self._records(source, lines, start)
        return builder.chat(main, self, title, self._messages(builder, records), encoding, repairs)

    @staticmethod
    def _records(source: ExportSource, lines: list[str], start: int) -> list[_Record]:
        records: list[_Record] = []
        for number, line in enumerate(lines[start:], start=start + 1):
            message = _EXPORTER_MSG_RE.match(line)
            system = None if message else _EXPORTER_SYSTEM_RE.match(line)
            if message:
                records.append(
                    _Record(
                        number,
                        number,
                        message["time"],
                        message["name"],
                        message["body"],
                        system=False,
                    )
                )
            elif system:
                records.append(_Record(number, number, "", "", system["body"], system=True))
            elif records:
                last = records[-1]
                last.body += "\n" + line
                last.last_line = number
            elif line.strip():
                raise ImportInputError(
                    source.name,
                    f"line {number}",
                    _said("wechat_txt.expected_exporter"),
                )
        for record in records:  # trailing blank lines belong to no message
            lines_of = record.body.split("\n")
            while len(lines_of) > 1 and not lines_of[-1].strip():
                lines_of.pop()
                record.last_line -= 1
            record.body = "\n".join(lines_of)
        return records

    @staticmethod
    def _messages(builder: _Builder, records: list[_Record]) -> list[ParsedMessage]:
        times: list[datetime | None] = []
        for record in records:
            locator = _locator(record.first_line, record.last_line)
            times.append(None if record.system else builder.utc(record.time_text, locator))
        messages: list[ParsedMessage] = []
        for position, record in enumerate(records):
            locator = _locator(record.first_line, record.last_line)
            ref = bulk_source(builder.source.name, locator)
            sent_at = times[position]
            if record.system:
                sent_at = _borrow_time(builder, times, records, position, locator)
                kind = MessageKind.RECALLED if RECALL_RE.match(record.body) else MessageKind.SYSTEM
                messages.append(
                    bulk_message(
                        len(messages),
                        sent_at,
                        "",
                        "",
                        kind,
                        record.body,
                        ref,
                        raw=f"系统消息: {record.body}",
                    )
                )
                continue
            assert sent_at is not None
            body = record.body
            kind = _placeholder_kind(body, _EXPORTER_PLACEHOLDERS, _EXPORTER_PREFIXES)
            if body.startswith("「") and f"\n{_QUOTE_RULE}\n" in body:
                kind = MessageKind.QUOTE
            name = ""
            if kind is MessageKind.FILE and body.strip().startswith("[文件: "):
                name = body.strip()[len("[文件: ") :].rstrip("]")
            messages.append(
                bulk_message(
                    len(messages),
                    sent_at,
                    record.time_text,
                    record.sender,
                    kind,
                    body,
                    ref,
                    attachments=_omitted(kind, name),
                )
            )
        return messages


def _borrow_time(
    builder: _Builder,
    times: list[datetime | None],
    records: list[_Record],
    position: int,
    locator: str,
) -> datetime:
    """A time for an undated system line: the previous dated message's, else the next one's."""
    for step in (-1, 1):
        other = position + step
        while 0 <= other < len(times):
            found = times[other]
            if found is not None:
                near = records[other]
                relation = "before" if step < 0 else "after"
                builder.problem(
                    locator,
                    _said(
                        f"wechat_txt.system_time_{relation}",
                        line=near.first_line,
                        time=near.time_text,
                    ),
                )
                return found
            other += step
    raise ImportInputError(builder.source.name, locator, _said("wechat_txt.no_dated_message"))


def _file_title(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/"))
    return base.rsplit(".", 1)[0] if "." in base else base


MEMOTRACE_TXT = MemoTraceTxtImporter()
WECHATEXPORTER_TXT = WechatExporterTxtImporter()
IMPORTERS = (WECHATEXPORTER_TXT, MEMOTRACE_TXT)
