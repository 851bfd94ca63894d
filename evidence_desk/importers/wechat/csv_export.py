"""WeChat CSV exports: MemoTrace/WeChatMsg and PyWxDump (chat-formats.md §3).

MemoTrace: ``localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,
NickName,Sender``. ``CreateTime`` is unix seconds and is what ``sent_at`` comes from; ``StrTime``
(the exporting PC's wall clock) is kept as ``time_text`` and checked against ``CreateTime`` in the
zone given: a difference means the PC ran in another zone or the file was edited, and is reported.
Excel re-saves (GB18030, ``2026/1/8 12:20`` without seconds, ``1.76785E+09``) are read and
reported. ``IsSender`` gives ``from_self``.

PyWxDump: ``id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime`` (older builds:
``...,room_name,content,CreateTime`` with ``content`` a JSON ``{"src","msg"}``). ``CreateTime`` is
local wall-clock text; ``type_name`` is PyWxDump's Chinese type label. A ``users.json`` beside
the CSV (in the same zip or folder) names the wxids.

A row with the wrong number of fields or an unterminated quote means a truncated or damaged file
and is refused naming the row; duplicate rows (a known MemoTrace issue) are reported, not dropped.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

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
    ParsedMessage,
    ParseProblem,
    bulk_message,
    bulk_source,
)
from evidence_desk.importers.generic_csv import (
    CsvRecord,
    decode_with_repairs,
    encoding_label,
    local_to_utc,
    read_csv,
    resolve_zone,
    sniff_head,
)
from evidence_desk.importers.wechat.common import (
    PARSER_VERSION,
    RECALL_RE,
    SELF_NAME,
    Interpretation,
    MainFile,
    interpret,
    main_file,
    parse_wall_time,
    require_main,
    several_chats,
    small_int,
    strip_markup,
    utc_from_unix,
)

__all__ = [
    "IMPORTERS",
    "MEMOTRACE_CSV",
    "PYWXDUMP_CSV",
    "MemoTraceCsvImporter",
    "PyWxDumpCsvImporter",
]

_MEMOTRACE_REQUIRED = (
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "StrContent",
    "StrTime",
)
_PYWXDUMP_REQUIRED = (
    "id",
    "MsgSvrID",
    "type_name",
    "is_sender",
    "talker",
    "room_name",
    "CreateTime",
)
_SYSTEM_KINDS = frozenset({MessageKind.SYSTEM, MessageKind.RECALLED})
_MAX_TIME_WARNINGS = 20


def _read_header(source: ExportSource) -> tuple[tuple[str, ...], str] | None:
    sniffed = sniff_head(source.data)
    if sniffed is None:
        return None
    head, encoding = sniffed
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return tuple(c.strip() for c in first.split(",")), encoding


_said = Catalogue(
    {
        **COMMON_WORDING,
        "wechat_csv.detected_memotrace": "WeChat MemoTrace CSV, {encoding}, {columns} columns",
        "wechat_csv.detected_pywxdump_msg": "WeChat PyWxDump CSV (msg/src columns), {encoding}, "
        "{columns} columns",
        "wechat_csv.detected_pywxdump_content": "WeChat PyWxDump CSV (older JSON content "
        "column), {encoding}, {columns} columns",
        "wechat_csv.detected_pages": "{reason}; {count} pages",
        "wechat_csv.missing_columns": "not a {variant} header: missing {missing}",
        "wechat_csv.row_width": "row has {fields} {fields:field|fields}, the header has "
        "{width}: the file is "
        "truncated or damaged",
        "wechat_csv.no_messages": "no messages after the header",
        "wechat_csv.unreadable_time": "unreadable time {time!r}",
        "wechat_csv.time_out_of_range": "time {time!r} out of range",
        "wechat_csv.duplicate": "duplicate of row {row} (same time, direction, type and "
        "content); kept, decide in the preview",
        "wechat_csv.duplicate_in": "duplicate of row {row} of {file} (same time, direction, type "
        "and content); kept, decide in the preview",
        "wechat_csv.is_sender": "IsSender is {value!r}, not 0 or 1",
        "wechat_csv.type_not_number": "Type/SubType {type!r}/{subtype!r} are not numbers; kept "
        "as unknown",
        "wechat_csv.no_time": "neither CreateTime nor StrTime is readable",
        "wechat_csv.create_not_unix": "CreateTime {value!r} is not unix seconds (an Excel "
        "re-save?); time read from StrTime in {zone}",
        "wechat_csv.strtime_not_time": "StrTime {value!r} is not a time",
        "wechat_csv.create_out_of_range": "CreateTime {value} out of range",
        "wechat_csv.zone_consistent": "StrTime is consistently {shift} from CreateTime read in "
        "{zone}: the exporting PC ran in another time zone; sent_at follows CreateTime",
        "wechat_csv.zone_differs": "StrTime differs from CreateTime by {shift} in {zone}; "
        "sent_at follows CreateTime",
        "wechat_csv.zone_differs_more": "{count} more rows differ by {shift}",
        "wechat_csv.no_msg_column": "no msg or content column",
        "wechat_csv.create_range": "CreateTime out of range",
        "wechat_csv.content_not_json": "content is not the JSON {{src, msg}} object; kept as is",
        "wechat_csv.pages_missing": "rows {first}-{last} of the split export are missing",
        "wechat_csv.page_full": "page holds exactly {rows} rows: PyWxDump may have written "
        "further pages that are not in this import",
    }
)


def _index(header: tuple[str, ...]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(name.strip().lstrip("\ufeff"), position)
    return index


@dataclass(slots=True)
class _Rows:
    """Decoded, split and width-checked CSV rows shared by both CSV variants."""

    source: ExportSource
    zone: ZoneInfo
    encoding: str
    repairs: tuple[str, ...]
    columns: dict[str, int]
    records: list[CsvRecord]
    problems: list[ParseProblem]

    @classmethod
    def load(cls, source: ExportSource, tz: str, required: tuple[str, ...], what: str) -> _Rows:
        zone = resolve_zone(source.name, tz)
        decoded, repairs = decode_with_repairs(source)
        header, records = read_csv(source.name, decoded.text)
        columns = _index(header.fields)
        missing = [c for c in required if c not in columns]
        if missing:
            raise ImportInputError(
                source.name,
                "line 1",
                _said("wechat_csv.missing_columns", variant=what, missing=", ".join(missing)),
            )
        for record in records:
            if len(record.fields) != len(header.fields):
                raise ImportInputError(
                    source.name,
                    record.locator,
                    _said(
                        "wechat_csv.row_width", fields=len(record.fields), width=len(header.fields)
                    ),
                )
        if not records:
            raise ImportInputError(source.name, "line 2", _said("wechat_csv.no_messages"))
        return cls(source, zone, decoded.encoding, repairs, columns, records, [])

    def get(self, record: CsvRecord, column: str) -> str:
        position = self.columns.get(column)
        return record.fields[position] if position is not None else ""

    def problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.source.name, locator, reason, severity))

    def local_time(self, record: CsvRecord, text: str) -> datetime:
        """UTC from a wall-clock text in the zone; refuses the row when unreadable."""
        parsed = parse_wall_time(text)
        if parsed is None:
            raise ImportInputError(
                self.source.name, record.locator, _said("wechat_csv.unreadable_time", time=text)
            )
        try:
            utc, warning = local_to_utc(parsed[0], self.zone)
        except (OverflowError, ValueError):
            raise ImportInputError(
                self.source.name, record.locator, _said("wechat_csv.time_out_of_range", time=text)
            ) from None
        if warning:
            self.problem(record.locator, warning)
        return utc


def _file_stem(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/"))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return re.sub(r"_utf8$", "", stem)


def _dedupe_warnings(rows: _Rows, keyed: list[tuple[CsvRecord, tuple[str, ...]]]) -> None:
    seen: dict[tuple[str, ...], CsvRecord] = {}
    for record, key in keyed:
        first = seen.setdefault(key, record)
        if first is not record:
            rows.problem(
                record.locator,
                _said("wechat_csv.duplicate", row=first.row),
            )


# --------------------------------------------------------------------------------------------
# MemoTrace.
# --------------------------------------------------------------------------------------------


class MemoTraceCsvImporter:
    name = "wechat-memotrace-csv"
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        main = main_file(source, self.detect_plain)
        return main.reason if main else None

    def detect_plain(self, source: ExportSource) -> str | None:
        try:
            found = _read_header(source)
            if found is None:
                return None
            header, encoding = found
            if not set(_MEMOTRACE_REQUIRED) <= set(header):
                return None
            return _said(
                "wechat_csv.detected_memotrace",
                encoding=encoding_label(encoding),
                columns=len(header),
            )
        except Exception:
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = require_main(source, self.detect_plain, "MemoTrace CSV")
        if main.others:
            raise several_chats(source, main)
        source = main.source
        rows = _Rows.load(source, tz, _MEMOTRACE_REQUIRED, "MemoTrace CSV")
        offsets: dict[timedelta, list[CsvRecord]] = {}
        counterpart = self._counterpart(rows)
        group = self._is_group(rows)
        messages: list[ParsedMessage] = []
        keyed: list[tuple[CsvRecord, tuple[str, ...]]] = []
        for record in rows.records:
            get = rows.get
            content = get(record, "StrContent")
            meaning = self._interpret(rows, record, content)
            sent_at, time_text = self._time(rows, record, offsets)
            is_sender = get(record, "IsSender").strip()
            from_self = {"1": True, "0": False}.get(is_sender)
            if from_self is None:
                rows.problem(record.locator, _said("wechat_csv.is_sender", value=is_sender))
            sender_id = get(record, "Sender").strip() or None
            if meaning.kind in _SYSTEM_KINDS:
                sender, sender_id, from_self = "", None, None
            elif from_self:
                sender = SELF_NAME
            else:
                sender = (
                    get(record, "Remark").strip()
                    or get(record, "NickName").strip()
                    or ("" if group else counterpart)
                    or sender_id
                    or get(record, "TalkerId").strip()
                )
            keyed.append(
                (record, (get(record, "CreateTime"), is_sender, get(record, "Type"), content))
            )
            messages.append(
                bulk_message(
                    index=len(messages),
                    sent_at=sent_at,
                    time_text=time_text,
                    sender=sender,
                    kind=meaning.kind,
                    text=meaning.text,
                    source=bulk_source(source.name, record.locator),
                    sender_id=sender_id,
                    from_self=from_self,
                    native_id=get(record, "MsgSvrID").strip() or None,
                    reply_to=meaning.reply_to,
                    attachments=meaning.attachments,
                    raw=meaning.raw,
                )
            )
        self._offset_warnings(rows, offsets)
        _dedupe_warnings(rows, keyed)
        participants = tuple(dict.fromkeys(m.sender for m in messages if m.sender))
        return ParsedChat(
            format_name=self.name,
            parser_version=self.version,
            detection_reason=main.reason,
            title=_file_stem(source.name) if group else (counterpart or _file_stem(source.name)),
            participants=participants,
            messages=tuple(messages),
            timezone=rows.zone.key,
            encoding=rows.encoding,
            problems=tuple(rows.problems),
            repairs=rows.repairs,
        )

    @staticmethod
    def _interpret(rows: _Rows, record: CsvRecord, content: str) -> Interpretation:
        type_text = rows.get(record, "Type").strip()
        sub_text = rows.get(record, "SubType").strip() or "0"
        type_code, sub_type = small_int(type_text), small_int(sub_text)
        if type_code is None or sub_type is None:
            rows.problem(
                record.locator,
                _said("wechat_csv.type_not_number", type=type_text, subtype=sub_text),
                "error",
            )
            return Interpretation(MessageKind.UNKNOWN, content, raw=record.raw)
        return interpret(type_code, sub_type, content)

    @staticmethod
    def _time(
        rows: _Rows, record: CsvRecord, offsets: dict[timedelta, list[CsvRecord]]
    ) -> tuple[datetime, str]:
        create = rows.get(record, "CreateTime").strip()
        str_time = rows.get(record, "StrTime").strip()
        seconds = small_int(create)
        utc = utc_from_unix(seconds) if seconds is not None and seconds >= 0 else None
        if utc is None:
            if not str_time:
                raise ImportInputError(
                    rows.source.name, record.locator, _said("wechat_csv.no_time")
                )
            rows.problem(
                record.locator,
                _said("wechat_csv.create_not_unix", value=create, zone=rows.zone.key),
            )
            return rows.local_time(record, str_time), str_time
        if str_time:
            parsed = parse_wall_time(str_time)
            if parsed is None:
                rows.problem(record.locator, _said("wechat_csv.strtime_not_time", value=str_time))
            else:
                wall, has_seconds = parsed
                try:
                    expected = utc.astimezone(rows.zone).replace(tzinfo=None)
                except OverflowError:
                    raise ImportInputError(
                        rows.source.name,
                        record.locator,
                        _said("wechat_csv.create_out_of_range", value=create),
                    ) from None
                if not has_seconds:
                    expected = expected.replace(second=0)
                delta = wall - expected
                if delta:
                    offsets.setdefault(delta, []).append(record)
        return utc, str_time or create

    @staticmethod
    def _offset_warnings(rows: _Rows, offsets: dict[timedelta, list[CsvRecord]]) -> None:
        for delta, records in sorted(offsets.items(), key=lambda item: item[1][0].row):
            hours = delta.total_seconds() / 3600
            shown = f"{hours:+g} h" if abs(hours) >= 1 else f"{delta.total_seconds():+g} s"
            if len(records) == len(rows.records) and abs(hours) >= 1:
                rows.problem(
                    "rows 1-" + str(len(records)),
                    _said("wechat_csv.zone_consistent", shift=shown, zone=rows.zone.key),
                )
                continue
            for record in records[:_MAX_TIME_WARNINGS]:
                rows.problem(
                    record.locator,
                    _said("wechat_csv.zone_differs", shift=shown, zone=rows.zone.key),
                )
            if len(records) > _MAX_TIME_WARNINGS:
                rows.problem(
                    records[_MAX_TIME_WARNINGS].locator,
                    _said(
                        "wechat_csv.zone_differs_more",
                        count=len(records) - _MAX_TIME_WARNINGS,
                        shift=shown,
                    ),
                )

    @staticmethod
    def _counterpart(rows: _Rows) -> str:
        for record in rows.records:
            if rows.get(record, "IsSender").strip() == "0" and rows.get(
                record, "Type"
            ).strip() not in ("10000", "10002"):
                name = rows.get(record, "Remark").strip() or rows.get(record, "NickName").strip()
                if name:
                    return name
        return _file_stem(rows.source.name)

    @staticmethod
    def _is_group(rows: _Rows) -> bool:
        if "@chatroom" in rows.source.name:
            return True
        senders = {
            rows.get(r, "Sender").strip()
            for r in rows.records
            if rows.get(r, "IsSender").strip() == "0"
            and rows.get(r, "Type").strip() not in ("10000", "10002")
        }
        senders.discard("")
        return len(senders) > 1


# --------------------------------------------------------------------------------------------
# PyWxDump.
# --------------------------------------------------------------------------------------------

_PYWXDUMP_KINDS: dict[str, MessageKind] = {
    "文本": MessageKind.TEXT,
    "粘贴的文本": MessageKind.TEXT,
    "图片": MessageKind.IMAGE,
    "语音": MessageKind.VOICE,
    "视频": MessageKind.VIDEO,
    "动画表情": MessageKind.STICKER,
    "用户上传的GIF表情": MessageKind.STICKER,
    "位置": MessageKind.LOCATION,
    "位置共享": MessageKind.LOCATION,
    "推荐公众号": MessageKind.CONTACT_CARD,
    "名片": MessageKind.CONTACT_CARD,
    "文件": MessageKind.FILE,
    "文件(猜)": MessageKind.FILE,
    "引用回复": MessageKind.QUOTE,
    "转账": MessageKind.TRANSFER,
    "红包": MessageKind.RED_PACKET,
    "语音通话": MessageKind.CALL,
    "添加好友": MessageKind.SYSTEM,
    "系统通知": MessageKind.SYSTEM,
    "拍一拍": MessageKind.SYSTEM,
    "邀请加群": MessageKind.SYSTEM,
    "群公告": MessageKind.SYSTEM,
    "企业微信打招呼(猜)": MessageKind.SYSTEM,
    "企业微信添加好友(猜)": MessageKind.SYSTEM,
}
_PYWXDUMP_LINK_RE = re.compile(
    r"^\(分享\)|^视频号|^接龙$|^游戏相关$|^赠送红包封面$|^合并转发的聊天记录$"
)
_PYWXDUMP_RECALL_RE = re.compile(r"^消息撤回\d*$")
_MEDIA_KINDS = frozenset(
    {MessageKind.IMAGE, MessageKind.VOICE, MessageKind.VIDEO, MessageKind.FILE, MessageKind.STICKER}
)


class PyWxDumpCsvImporter:
    name = "wechat-pywxdump-csv"
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        main = main_file(source, self.detect_plain)
        return main.reason if main else None

    def detect_plain(self, source: ExportSource) -> str | None:
        try:
            found = _read_header(source)
            if found is None:
                return None
            header, encoding = found
            if not set(_PYWXDUMP_REQUIRED) <= set(header):
                return None
            if "msg" in header:
                layout = "msg"
            elif "content" in header:
                layout = "content"
            else:
                return None
            return _said(
                f"wechat_csv.detected_pywxdump_{layout}",
                encoding=encoding_label(encoding),
                columns=len(header),
            )
        except Exception:
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        main = require_main(source, self.detect_plain, "PyWxDump CSV")
        pages = _page_members(main)
        stray = tuple(other for other in main.others if other not in pages)
        if stray:
            raise several_chats(source, MainFile(main.source, main.reason, stray))
        page_sources = (
            [main.source] if len(pages) <= 1 else [select_main(main.source, p) for p in pages]
        )
        names = self._users(main.source)
        messages: list[ParsedMessage] = []
        problems: list[ParseProblem] = []
        keyed: list[tuple[_Rows, CsvRecord, tuple[str, ...]]] = []
        loaded: list[_Rows] = []
        for page in page_sources:
            rows = _Rows.load(page, tz, _PYWXDUMP_REQUIRED, "PyWxDump CSV")
            if "msg" not in rows.columns and "content" not in rows.columns:
                raise ImportInputError(page.name, "line 1", _said("wechat_csv.no_msg_column"))
            loaded.append(rows)
            for record in rows.records:
                message, key = self._message(rows, record, names, len(messages))
                messages.append(message)
                keyed.append((rows, record, key))
        _dedupe_across(keyed)
        for rows in loaded:
            problems.extend(rows.problems)
        problems.extend(_page_warnings(main, pages, loaded[0]))
        first = loaded[0]
        room = first.get(first.records[0], "room_name").strip()
        reason = main.reason
        if len(pages) > 1:
            reason = _said("wechat_csv.detected_pages", reason=reason, count=len(pages))
        return ParsedChat(
            format_name=self.name,
            parser_version=self.version,
            detection_reason=reason,
            title=names.get(room, room) or _file_stem(main.source.name),
            participants=tuple(dict.fromkeys(m.sender for m in messages if m.sender)),
            messages=tuple(messages),
            timezone=first.zone.key,
            encoding=first.encoding,
            problems=tuple(problems),
            repairs=tuple(dict.fromkeys(r for rows in loaded for r in rows.repairs)),
        )

    def _message(
        self, rows: _Rows, record: CsvRecord, names: dict[str, str], index: int
    ) -> tuple[ParsedMessage, tuple[str, ...]]:
        get = rows.get
        text, src = self._content(rows, record)
        type_name = get(record, "type_name").strip()
        kind = self._kind(type_name, text)
        create = get(record, "CreateTime").strip()
        if re.fullmatch(r"[0-9]{10}|[0-9]{13}", create):
            utc = utc_from_unix(int(create[:10]))
            if utc is None:
                raise ImportInputError(
                    rows.source.name, record.locator, _said("wechat_csv.create_range")
                )
            sent_at = utc
        else:
            sent_at = rows.local_time(record, create)
        is_sender = get(record, "is_sender").strip()
        from_self = {"1": True, "0": False}.get(is_sender)
        talker = get(record, "talker").strip()
        sender_id: str | None = None if talker in ("", SELF_NAME) else talker
        if kind in _SYSTEM_KINDS:
            sender, sender_id, from_self = "", None, None
        elif from_self:
            sender = SELF_NAME
        else:
            sender = names.get(talker, talker)
        raw = None
        if kind is MessageKind.UNKNOWN:
            raw = record.raw
            text = f"[未知消息 {type_name}] {text}".rstrip()
        message = bulk_message(
            index=index,
            sent_at=sent_at,
            time_text=create,
            sender=sender,
            kind=kind,
            text=text,
            source=bulk_source(rows.source.name, record.locator),
            sender_id=sender_id,
            from_self=from_self,
            native_id=get(record, "MsgSvrID").strip() or None,
            attachments=self._attachments(rows.source, kind, src),
            raw=raw,
        )
        return message, (create, is_sender, type_name, text)

    @staticmethod
    def _content(rows: _Rows, record: CsvRecord) -> tuple[str, str]:
        if "msg" in rows.columns:
            return rows.get(record, "msg"), rows.get(record, "src").strip()
        content = rows.get(record, "content")
        try:
            value = json.loads(content)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            rows.problem(record.locator, _said("wechat_csv.content_not_json"))
            return content, ""
        msg, src = value.get("msg", ""), value.get("src", "")
        return (msg if isinstance(msg, str) else json.dumps(msg, ensure_ascii=False)), (
            src.strip() if isinstance(src, str) else ""
        )

    @staticmethod
    def _kind(type_name: str, text: str) -> MessageKind:
        if _PYWXDUMP_RECALL_RE.match(type_name):
            return MessageKind.RECALLED
        kind = _PYWXDUMP_KINDS.get(type_name)
        if kind is None:
            return MessageKind.LINK if _PYWXDUMP_LINK_RE.match(type_name) else MessageKind.UNKNOWN
        if kind is MessageKind.SYSTEM and RECALL_RE.match(strip_markup(text)):
            return MessageKind.RECALLED
        return kind

    @staticmethod
    def _attachments(source: ExportSource, kind: MessageKind, src: str) -> tuple[Attachment, ...]:
        if not src or kind not in _MEDIA_KINDS:
            return ()
        if src.startswith(("http://", "https://")):
            return (Attachment(kind, src, AttachmentState.OMITTED),)
        relative = src.replace("\\", "/")
        member = posixpath.normpath(posixpath.join(posixpath.dirname(source.name), relative))
        name = posixpath.basename(relative)
        if source.has_member(member):
            return (Attachment(kind, name, AttachmentState.EXPORTED, member),)
        return (Attachment(kind, name, AttachmentState.MISSING),)

    @staticmethod
    def _users(source: ExportSource) -> dict[str, str]:
        """wxid → display name from a ``users.json`` beside the CSV, when the export has one."""
        member = posixpath.join(posixpath.dirname(source.name), "users.json")
        if not source.has_member(member):
            return {}
        try:
            data = json.loads(source.read_member(member).decode("utf-8-sig"))
        except (KeyError, ValueError, UnicodeDecodeError):
            return {}
        names: dict[str, str] = {}
        if isinstance(data, dict):
            for wxid, profile in data.items():
                if isinstance(profile, dict):
                    for key in ("remark", "nickname", "nickName", "NickName", "Remark"):
                        value = profile.get(key)
                        if isinstance(value, str) and value.strip():
                            names[str(wxid)] = value.strip()
                            break
        return names


_PAGE_RE = re.compile(r"^(?P<prefix>.+)_(?P<start>[0-9]{1,12})_(?P<end>[0-9]{1,12})\.csv$", re.I)


def _page_members(main: MainFile) -> list[str]:
    """PyWxDump splits a chat into ``<wxid>_<start>_<end>.csv`` pages of 5 000 rows: every page
    of the chosen file's chat in the same folder, in row order (just the file when alone)."""
    name = main.source.name
    match = _PAGE_RE.match(posixpath.basename(name))
    if match is None or not main.source.members:
        return [name]
    folder = posixpath.dirname(name)
    pages: list[tuple[int, str]] = []
    for member in main.source.member_names():
        other = _PAGE_RE.match(posixpath.basename(member))
        if other and posixpath.dirname(member) == folder and other["prefix"] == match["prefix"]:
            pages.append((int(other["start"]), member))
    return [member for _, member in sorted(pages)] or [name]


def _page_warnings(main: MainFile, pages: list[str], first: _Rows) -> list[ParseProblem]:
    """Say so when the import evidently lacks pages of a split PyWxDump export."""
    found = [_PAGE_RE.match(posixpath.basename(p)) for p in pages]
    spans = [(int(m["start"]), int(m["end"])) for m in found if m]
    if len(spans) != len(pages) or not spans:
        return []
    problems: list[ParseProblem] = []
    expected = 0
    for (start, end), page in zip(spans, pages, strict=True):
        if start != expected:
            problems.append(
                ParseProblem(
                    page, "", _said("wechat_csv.pages_missing", first=expected, last=start)
                )
            )
        expected = end
    if len(pages) == 1 and spans[0][1] - spans[0][0] == len(first.records):
        problems.append(
            ParseProblem(
                pages[0],
                "",
                _said("wechat_csv.page_full", rows=len(first.records)),
            )
        )
    return problems


def _dedupe_across(keyed: list[tuple[_Rows, CsvRecord, tuple[str, ...]]]) -> None:
    seen: dict[tuple[str, ...], tuple[_Rows, CsvRecord]] = {}
    for rows, record, key in keyed:
        first = seen.setdefault(key, (rows, record))
        if first[1] is not record:
            rows.problem(
                record.locator,
                _said("wechat_csv.duplicate", row=first[1].row)
                if first[0] is rows
                else _said("wechat_csv.duplicate_in", row=first[1].row, file=first[0].source.name),
            )


MEMOTRACE_CSV = MemoTraceCsvImporter()
PYWXDUMP_CSV = PyWxDumpCsvImporter()
IMPORTERS = (MEMOTRACE_CSV, PYWXDUMP_CSV)
