"""Generic CSV chat importer driven by a column mapping, plus the CSV and local-time helpers
shared by the CSV-based importers (WeChat MemoTrace and PyWxDump use them too).

Two entry points:

* ``GenericCsvImporter(mapping)``: the user (or the import wizard) says which columns hold the
  time, sender and text (and optionally direction, type and id), and how the time is written
  (a ``strptime`` pattern, or ``None`` for ISO-8601 / unix seconds / unix milliseconds).
  Its ``detect`` accepts any CSV whose header holds the mapped columns.
* ``IMPORTER``: the registry's default. It has no mapping and only accepts a CSV whose header
  obviously names time, sender and text columns (English or Chinese, see ``guess_mapping``);
  anything else is left to a specific importer or to the wizard's mapping dialog.

Rows that cannot be read (bad time, missing text column...) are kept as UNKNOWN messages with the
raw row and an ``error`` problem naming the row, so the completeness statement can count them;
when most rows fail the mapping is evidently wrong and the import is refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import (
    COMMON_WORDING,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    ParsedMessage,
    ParseProblem,
    SourceRef,
    failure_facts,
)
from evidence_desk.importers.text import DecodedText, check_line_lengths, decode_export

__all__ = [
    "IMPORTER",
    "CsvMapping",
    "CsvRecord",
    "GenericCsvImporter",
    "encoding_label",
    "guess_mapping",
    "local_to_utc",
    "read_csv",
    "resolve_zone",
    "sniff_head",
]

_said = Catalogue(
    {
        **COMMON_WORDING,
        "time.dst_overlap": "ambiguous local time {time} in {zone} (DST overlap): "
        "took the earlier instant",
        "time.dst_gap": "nonexistent local time {time} in {zone} (DST gap): "
        "read with the offset before the change",
        "csv.unterminated_quote": "unterminated quoted field: the file is truncated or damaged",
        "csv.unreadable": "unreadable CSV: {error}",
        "csv.no_header": "empty file: no CSV header",
        "csv.gb18030": "decoded as GB18030: the file is not UTF-8 (typically re-saved by Excel on "
        "a Chinese Windows); the stored original is unchanged",
        "csv.detected_auto": "generic CSV, {encoding}, {columns} columns, "
        "auto-mapped {time}/{sender}/{text}",
        "csv.detected_mapped": "generic CSV, {encoding}, {columns} columns, "
        "mapped {time}/{sender}/{text}",
        "csv.detected": "generic CSV, {encoding}, {columns} columns",
        "csv.no_mapping": "no column mapping given and the header does not name time, sender "
        "and text columns: {header}",
        "csv.mapped_missing": "mapped columns not in the header: {missing} (the header has "
        "{header})",
        "csv.no_rows": "no data rows after the header",
        "csv.row_width": "row has {fields} {fields:field|fields}, the header has {width}",
        "csv.time_mismatch_format": "time {time!r} does not match {pattern}; row kept as unknown "
        "with the previous row's time",
        "csv.time_mismatch": "time {time!r} does not match ISO-8601 or unix time; row kept as "
        "unknown with the previous row's time",
        "csv.mapping_wrong": "{failures} of {rows} rows have an unreadable time: the time column "
        "or format in the mapping is wrong",
        "csv.text_missing": "text column missing in this row",
        "csv.direction_unknown": "direction value {value!r} is neither in nor out",
    },
    # the csv module's message (``error``) is shown, its class sealed (base.OTHERS_WORDING)
    also={"csv.unreadable": ("category",)},
)

# --------------------------------------------------------------------------------------------
# Shared helpers: zones, local times, CSV records with row and line numbers, cheap sniffing.
# --------------------------------------------------------------------------------------------


def resolve_zone(file: str, tz: str) -> ZoneInfo:
    """The IANA zone ``tz``; an unknown name is refused naming the zone."""
    try:
        return ZoneInfo(tz)
    except (KeyError, ValueError, OSError):
        raise ImportInputError(file, "", _said("import.unknown_zone", tz=tz)) from None


def local_to_utc(naive: datetime, zone: ZoneInfo) -> tuple[datetime, str | None]:
    """Interpret a wall-clock time in ``zone``; return UTC and a warning for DST gaps/overlaps.

    An ambiguous time (DST overlap) takes the earlier instant; a nonexistent one (DST gap) is
    read with the offset in force before the gap. Both are reported, never silently resolved.
    Raises ``OverflowError``/``ValueError`` for times outside what ``datetime`` can represent.
    """
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if first == second:
        return first, None
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        earlier = min(first, second)
        return earlier, _said("time.dst_overlap", time=naive.isoformat(sep=" "), zone=zone.key)
    return first, _said("time.dst_gap", time=naive.isoformat(sep=" "), zone=zone.key)


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One CSV record: data row number (1-based, header excluded), physical lines, fields."""

    row: int
    first_line: int
    last_line: int
    fields: tuple[str, ...]
    raw: str

    @property
    def locator(self) -> str:
        if self.first_line == self.last_line:
            return f"row {self.row} (line {self.first_line})"
        return f"row {self.row} (lines {self.first_line}-{self.last_line})"


def read_csv(name: str, text: str, delimiter: str = ",") -> tuple[CsvRecord, list[CsvRecord]]:
    """Split ``text`` into a header record and data records, keeping physical line numbers.

    Blank lines are skipped. An unterminated quoted field (a truncated file) or a csv-module
    error is refused naming the row and line.
    """
    check_line_lengths(name, text)
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    records: list[CsvRecord] = []
    row = 0  # 0 is the header
    last_line = 0
    try:
        for fields in reader:
            first_line = last_line + 1
            last_line = reader.line_num
            raw = "".join(consumed)
            consumed.clear()
            if not fields:
                continue
            record = CsvRecord(row, first_line, last_line, tuple(fields), raw.rstrip("\r\n"))
            if raw.count('"') % 2:
                where = "header" if row == 0 else record.locator
                raise ImportInputError(name, where, _said("csv.unterminated_quote"))
            records.append(record)
            row += 1
    except csv.Error as error:
        raise ImportInputError(
            name,
            f"row {row} (line {reader.line_num})",
            _said("csv.unreadable", error=error, **failure_facts(error)),
        ) from None
    if not records:
        raise ImportInputError(name, "line 1", _said("csv.no_header"))
    return records[0], records[1:]


def encoding_label(encoding: str) -> str:
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 BOM",
        "utf-16-le": "UTF-16LE",
        "utf-16-be": "UTF-16BE",
        "gb18030": "GB18030",
    }.get(encoding, encoding)


def sniff_head(data: bytes, limit: int = 65536) -> tuple[str, str] | None:
    """Decode the first ``limit`` bytes cheaply for detection: (text, encoding) or None.

    Mirrors ``decode_export``'s order of evidence but tolerates a multi-byte character cut at the
    end of the sample. Never raises.
    """
    head = data[:limit]
    truncated = len(data) > limit
    try:
        if head.startswith(b"\xef\xbb\xbf"):
            return _decode_prefix(head[3:], "utf-8", truncated), "utf-8-sig"
        if head.startswith(b"\xff\xfe"):
            return _decode_prefix(head[2:], "utf-16-le", truncated), "utf-16-le"
        if head.startswith(b"\xfe\xff"):
            return _decode_prefix(head[2:], "utf-16-be", truncated), "utf-16-be"
        if b"\x00" in head[:4096]:
            sample = head[:4096]
            if sample[1::2].count(0) > sample[0::2].count(0):
                return _decode_prefix(head, "utf-16-le", truncated), "utf-16-le"
            return _decode_prefix(head, "utf-16-be", truncated), "utf-16-be"
        try:
            return _decode_prefix(head, "utf-8", truncated), "utf-8"
        except UnicodeDecodeError:
            return _decode_prefix(head, "gb18030", truncated), "gb18030"
    except UnicodeDecodeError:
        return None


def _decode_prefix(data: bytes, encoding: str, truncated: bool) -> str:
    if not truncated:
        return data.decode(encoding)
    for cut in range(4):  # a character may be split at the sample boundary
        try:
            return data[: len(data) - cut].decode(encoding)
        except UnicodeDecodeError:
            if cut == 3:
                raise
    raise AssertionError("unreachable")


def decode_with_repairs(source: ExportSource) -> tuple[DecodedText, tuple[str, ...]]:
    """Strictly decode the export; a GB18030 decode is recorded as a repair step."""
    decoded = decode_export(source.name, source.data)
    repairs: tuple[str, ...] = ()
    if decoded.encoding == "gb18030":
        repairs = (_said("csv.gb18030"),)
    return decoded, repairs


# --------------------------------------------------------------------------------------------
# Generic CSV importer.
# --------------------------------------------------------------------------------------------

_TIME_HEADERS = (
    "time",
    "date",
    "datetime",
    "date/time",
    "timestamp",
    "sent_at",
    "sent",
    "时间",
    "日期",
    "发送时间",
    "消息时间",
)
_SENDER_HEADERS = (
    "sender",
    "from",
    "author",
    "sender_name",
    "name",
    "发送人",
    "发送者",
    "发言人",
    "发件人",
    "昵称",
)
_TEXT_HEADERS = (
    "text",
    "message",
    "body",
    "content",
    "msg",
    "内容",
    "消息",
    "消息内容",
    "聊天内容",
    "正文",
)
_DIRECTION_HEADERS = ("direction", "is_sender", "issender", "outgoing", "方向", "收发")
_KIND_HEADERS = ("type", "kind", "message_type", "类型", "消息类型")
_ID_HEADERS = ("id", "message_id", "msg_id", "消息id", "编号")

_OUTGOING = frozenset(
    {
        "1",
        "true",
        "yes",
        "out",
        "outgoing",
        "sent",
        "send",
        "me",
        "self",
        "发送",
        "发出",
        "我",
        "是",
    }
)
_INCOMING = frozenset(
    {"0", "false", "no", "in", "incoming", "received", "receive", "接收", "收到", "对方", "否"}
)

_KIND_WORDS: Mapping[str, MessageKind] = {
    "text": MessageKind.TEXT,
    "文本": MessageKind.TEXT,
    "文字": MessageKind.TEXT,
    "image": MessageKind.IMAGE,
    "photo": MessageKind.IMAGE,
    "图片": MessageKind.IMAGE,
    "voice": MessageKind.VOICE,
    "audio": MessageKind.VOICE,
    "语音": MessageKind.VOICE,
    "video": MessageKind.VIDEO,
    "视频": MessageKind.VIDEO,
    "file": MessageKind.FILE,
    "document": MessageKind.FILE,
    "文件": MessageKind.FILE,
    "sticker": MessageKind.STICKER,
    "表情": MessageKind.STICKER,
    "location": MessageKind.LOCATION,
    "位置": MessageKind.LOCATION,
    "contact": MessageKind.CONTACT_CARD,
    "名片": MessageKind.CONTACT_CARD,
    "link": MessageKind.LINK,
    "链接": MessageKind.LINK,
    "transfer": MessageKind.TRANSFER,
    "转账": MessageKind.TRANSFER,
    "red_packet": MessageKind.RED_PACKET,
    "红包": MessageKind.RED_PACKET,
    "call": MessageKind.CALL,
    "通话": MessageKind.CALL,
    "recalled": MessageKind.RECALLED,
    "deleted": MessageKind.RECALLED,
    "撤回": MessageKind.RECALLED,
    "system": MessageKind.SYSTEM,
    "系统": MessageKind.SYSTEM,
    "系统消息": MessageKind.SYSTEM,
    "quote": MessageKind.QUOTE,
    "reply": MessageKind.QUOTE,
    "引用": MessageKind.QUOTE,
}

_EPOCH_RE = re.compile(r"\d{9,13}")
_SLASHED_RE = re.compile(
    r"(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
)


@dataclass(frozen=True, slots=True)
class CsvMapping:
    """Which header names hold what, and how to read them.

    ``time_format`` is a ``strptime`` pattern; ``None`` means automatic: ISO-8601 (with or
    without offset), ``YYYY/M/D H:MM[:SS]``, or unix seconds/milliseconds. Times without an
    offset are local times in the ``tz`` given to ``parse``. ``outgoing_values`` and
    ``incoming_values`` are compared case-insensitively with the direction column; ``kind_values``
    maps the type column's values to kinds (unmapped values become UNKNOWN, raw kept).
    """

    time: str
    sender: str
    text: str
    time_format: str | None = None
    direction: str | None = None
    kind: str | None = None
    native_id: str | None = None
    delimiter: str | None = None  # None: sniffed from the header line (, ; tab |)
    title: str | None = None
    outgoing_values: frozenset[str] = _OUTGOING
    incoming_values: frozenset[str] = _INCOMING
    kind_values: Mapping[str, MessageKind] = field(default_factory=lambda: dict(_KIND_WORDS))

    def columns(self) -> tuple[str, ...]:
        optional = (self.direction, self.kind, self.native_id)
        return (self.time, self.sender, self.text, *(c for c in optional if c))


def guess_mapping(header: tuple[str, ...]) -> CsvMapping | None:
    """A mapping when the header obviously names time, sender and text columns, else None."""
    normalised = {h.strip().lstrip("\ufeff").lower(): h for h in header}

    def pick(candidates: tuple[str, ...]) -> str | None:
        for candidate in candidates:
            if candidate in normalised:
                return normalised[candidate]
        return None

    time, sender, text = pick(_TIME_HEADERS), pick(_SENDER_HEADERS), pick(_TEXT_HEADERS)
    if time is None or sender is None or text is None or len({time, sender, text}) < 3:
        return None
    return CsvMapping(
        time=time,
        sender=sender,
        text=text,
        direction=pick(_DIRECTION_HEADERS),
        kind=pick(_KIND_HEADERS),
        native_id=pick(_ID_HEADERS),
    )


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _header_index(header: tuple[str, ...]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(name.strip().lstrip("\ufeff"), position)
    return index


class GenericCsvImporter:
    """A CSV chat export read through a column mapping (or, without one, obvious headers)."""

    name = "generic-csv"
    version = "1.1"  # 1.1: problems and repairs sealed as codes and facts

    def __init__(self, mapping: CsvMapping | None = None) -> None:
        self.mapping = mapping

    # -- detection -------------------------------------------------------------------------

    def detect(self, source: ExportSource) -> str | None:
        try:
            return self._detect(source)
        except Exception:
            return None

    def _detect(self, source: ExportSource) -> str | None:
        sniffed = sniff_head(source.data)
        if sniffed is None:
            return None
        head, encoding = sniffed
        first_line = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
        delimiter = (self.mapping.delimiter if self.mapping else None) or _sniff_delimiter(
            first_line
        )
        header = tuple(next(csv.reader([first_line], delimiter=delimiter), []))
        if len(header) < 3:
            return None
        if self.mapping is None:
            mapping = guess_mapping(header)
            if mapping is None:
                return None
            code = "csv.detected_auto"
        else:
            mapping = self.mapping
            missing = [c for c in mapping.columns() if c not in _header_index(header)]
            if missing:
                return None
            code = "csv.detected_mapped"
        return _said(
            code,
            encoding=encoding_label(encoding),
            columns=len(header),
            time=mapping.time,
            sender=mapping.sender,
            text=mapping.text,
        )

    # -- parsing ---------------------------------------------------------------------------

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        zone = resolve_zone(source.name, tz)
        reason = self.detect(source)
        decoded, repairs = decode_with_repairs(source)
        text = decoded.text
        first_line = text.split("\n", 1)[0].rstrip("\r")
        delimiter = (self.mapping.delimiter if self.mapping else None) or _sniff_delimiter(
            first_line
        )
        header_record, records = read_csv(source.name, text, delimiter)
        header = header_record.fields
        mapping = self.mapping or guess_mapping(header)
        if mapping is None:
            raise ImportInputError(
                source.name, "line 1", _said("csv.no_mapping", header=", ".join(header))
            )
        columns = _header_index(header)
        missing = [c for c in mapping.columns() if c not in columns]
        if missing:
            raise ImportInputError(
                source.name,
                "line 1",
                _said("csv.mapped_missing", missing=", ".join(missing), header=", ".join(header)),
            )
        if not records:
            raise ImportInputError(source.name, "line 2", _said("csv.no_rows"))
        return _GenericParse(source, zone, mapping, columns, len(header)).run(
            records,
            reason
            or _said(
                "csv.detected", encoding=encoding_label(decoded.encoding), columns=len(header)
            ),
            decoded.encoding,
            repairs,
        )


class _GenericParse:
    def __init__(
        self,
        source: ExportSource,
        zone: ZoneInfo,
        mapping: CsvMapping,
        columns: dict[str, int],
        width: int,
    ) -> None:
        self.source = source
        self.zone = zone
        self.mapping = mapping
        self.columns = columns
        self.width = width
        self.problems: list[ParseProblem] = []
        self.kind_values = {k.lower(): v for k, v in mapping.kind_values.items()}
        self.outgoing = {v.lower() for v in mapping.outgoing_values}
        self.incoming = {v.lower() for v in mapping.incoming_values}

    def field(self, record: CsvRecord, column: str | None) -> str | None:
        if column is None:
            return None
        position = self.columns[column]
        return record.fields[position] if position < len(record.fields) else None

    def problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.source.name, locator, reason, severity))

    def read_time(self, value: str) -> tuple[datetime, str | None]:
        """UTC and an optional DST warning; raises ValueError/OverflowError when unreadable."""
        value = value.strip()
        if self.mapping.time_format is not None:
            parsed = datetime.strptime(value, self.mapping.time_format)
        elif _EPOCH_RE.fullmatch(value):
            seconds = int(value) / 1000 if len(value) == 13 else int(value)
            return datetime.fromtimestamp(seconds, UTC), None
        else:
            match = _SLASHED_RE.fullmatch(value)
            if match:
                y, mo, d, h, mi, s = match.groups()
                parsed = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
            else:
                parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC), None
        return local_to_utc(parsed, self.zone)

    def run(
        self,
        records: list[CsvRecord],
        reason: str,
        encoding: str,
        repairs: tuple[str, ...],
    ) -> ParsedChat:
        name = self.source.name
        pending: list[tuple[CsvRecord, datetime | None, str | None]] = []
        failures = 0
        for record in records:
            if len(record.fields) != self.width:
                self.problem(
                    record.locator,
                    _said("csv.row_width", fields=len(record.fields), width=self.width),
                )
            time_text = self.field(record, self.mapping.time) or ""
            try:
                sent_at, warning = self.read_time(time_text)
            except (ValueError, OverflowError, OSError):
                failures += 1
                expected = self.mapping.time_format
                self.problem(
                    record.locator,
                    _said("csv.time_mismatch_format", time=time_text, pattern=expected)
                    if expected
                    else _said("csv.time_mismatch", time=time_text),
                    "error",
                )
                pending.append((record, None, None))
                continue
            if warning:
                self.problem(record.locator, warning)
            pending.append((record, sent_at, time_text))
        if failures * 2 > len(records) or failures == len(records):
            first_bad = next(r for r, t, _ in pending if t is None)
            raise ImportInputError(
                name,
                first_bad.locator,
                _said("csv.mapping_wrong", failures=failures, rows=len(records)),
            )
        messages = self._messages(pending)
        participants = tuple(dict.fromkeys(m.sender for m in messages if m.sender))
        title = self.mapping.title or _title_from_name(name)
        return ParsedChat(
            format_name=GenericCsvImporter.name,
            parser_version=GenericCsvImporter.version,
            detection_reason=reason,
            title=title,
            participants=participants,
            messages=tuple(messages),
            timezone=self.zone.key,
            encoding=encoding,
            problems=tuple(self.problems),
            repairs=repairs,
        )

    def _messages(
        self, pending: list[tuple[CsvRecord, datetime | None, str | None]]
    ) -> list[ParsedMessage]:
        messages: list[ParsedMessage] = []
        first_good = next(t for _, t, _ in pending if t is not None)
        previous = first_good
        for record, sent_at, time_text in pending:
            sender = (self.field(record, self.mapping.sender) or "").strip()
            text = self.field(record, self.mapping.text)
            ref = SourceRef(self.source.name, record.locator)
            if sent_at is None or text is None:
                if text is None and sent_at is not None:
                    self.problem(record.locator, _said("csv.text_missing"), "error")
                messages.append(
                    ParsedMessage(
                        index=len(messages),
                        sent_at=sent_at or previous,
                        time_text=self.field(record, self.mapping.time) or "",
                        sender=sender,
                        kind=MessageKind.UNKNOWN,
                        text=text or "",
                        source=ref,
                        raw=record.raw,
                    )
                )
                continue
            previous = sent_at
            kind, raw = self._kind(record, text)
            messages.append(
                ParsedMessage(
                    index=len(messages),
                    sent_at=sent_at,
                    time_text=time_text or "",
                    sender=sender,
                    kind=kind,
                    text=text,
                    source=ref,
                    from_self=self._direction(record),
                    native_id=(self.field(record, self.mapping.native_id) or None),
                    raw=raw,
                )
            )
        return messages

    def _kind(self, record: CsvRecord, text: str) -> tuple[MessageKind, str | None]:
        value = self.field(record, self.mapping.kind)
        if value is None:
            return MessageKind.TEXT, None
        kind = self.kind_values.get(value.strip().lower())
        if kind is None:
            return MessageKind.UNKNOWN, record.raw
        return kind, None

    def _direction(self, record: CsvRecord) -> bool | None:
        value = self.field(record, self.mapping.direction)
        if value is None:
            return None
        folded = value.strip().lower()
        if folded in self.outgoing:
            return True
        if folded in self.incoming:
            return False
        if folded:
            self.problem(record.locator, _said("csv.direction_unknown", value=value))
        return None


def _title_from_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


IMPORTER = GenericCsvImporter()
