"""LINE "Send chat history" ``.txt`` (en, zh-CN, zh-TW, ja; chat-formats.md §4).

Layout: an optional three-line header (title, saved-on line, blank line), then stand-alone date
lines, each followed by message lines ``TIME<TAB>SENDER<TAB>TEXT``. Titles:
``[LINE] Chat history with X``, ``[LINE] 与X的聊天记录``, ``[LINE] X的聊天記錄``,
``[LINE] Xとのトーク履歴``. Date lines: ``2024/01/05(Fri)``, ``2026/1/19周一``,
``2024.01.05 星期五``, ``Sat, 11/01/2025``, ``R7/02/09(日)``... System lines have an empty sender
(``TIME<TAB><TAB>TEXT``) or only two columns. Times are ``09:12``, ``9:30AM`` or ``上午09:12``,
``下午03:04``, ``晚上08:40``, ``午前``, ``午後``.

What this importer guarantees:

* Times are wall-clock minutes of the exporting phone, read in the caller's zone; DST gaps and
  overlaps are reported. Messages in the same minute keep file order (``index``).
* A day-first/month-first date line (``Sat, 11/01/2025``) is resolved with its weekday; a weekday
  that contradicts its date is reported.
* Multi-line messages arrive wrapped in double quotes; the wrapping quotes are removed and the
  inner text kept exactly (LINE's escaping of inner quotes is not documented, so nothing else is
  unescaped). A quote that never closes is reported and the lines are kept as written.
* Placeholders (``[Photo]``, ``[贴图]``, ``[スタンプ]``...) become typed messages with an OMITTED
  attachment: LINE never includes media in the ``.txt``. ``☎`` lines are calls; unsent notices
  (``撤回了一条消息``...) are RECALLED; other sender-less lines are SYSTEM with the raw line.
* The old Windows "Save chat" form separates time, sender and text with spaces; the sender is the
  header's partner name when the line starts with it, else the first word, and this is reported.
* ``from_self`` stays ``None``: the export does not say which side is the user.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
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
from evidence_desk.importers.generic_csv import local_to_utc, resolve_zone
from evidence_desk.importers.text import check_line_lengths, decode_export

__all__ = ["FORMAT_NAME", "IMPORTER", "PARSER_VERSION", "LineImporter"]

FORMAT_NAME = "line_txt"
PARSER_VERSION = "2"  # 2: problems and repairs sealed as codes and facts

_DETECT_LINES = 200

# -- header -------------------------------------------------------------------------------------

# (locale, 1:1 chat?, pattern) — the 1:1 form is tried before the group form it contains.
_said = Catalogue(
    {
        **COMMON_WORDING,
        "line.detected_1to1": "LINE chat history .txt, {locale} header (1:1)",
        "line.detected_group": "LINE chat history .txt, {locale} header (group)",
        "line.detected_chat": "LINE chat history .txt, {locale} header (chat)",
        "line.detected_unknown_locale": "LINE chat history .txt, [LINE] header in an unknown "
        "locale",
        "line.detected_no_header": "LINE chat history .txt without header (date lines + "
        "tab-separated messages)",
        "line.detected_windows": "LINE for Windows 'Save chat' .txt (space-separated)",
        "line.no_history": "no LINE chat history .txt in this folder or zip",
        "line.several": "several LINE chat histories: {found}; pick one",
        "line.weekday_unknown": "weekday {weekday!r} not recognised; date read as Y/M/D",
        "line.weekday_mismatch": "weekday {weekday!r} does not match {date}",
        "line.weekday_neither": "weekday {weekday!r} matches neither reading of "
        "{first}/{second}/{year}; read as M/D/Y",
        "line.message_before_date": "message line before any date line",
        "line.space_separated": "space-separated LINE format: the sender is the header's partner "
        "name when a line starts with it, else the first word; check multi-word names",
        "line.unrecognised_before_date": "unrecognised line before the first date: {line!r}",
        "line.joined": "{count} {count:line|lines} without a time {count:was|were} "
        "joined to the message before them",
        "line.not_line": "not a LINE chat history",
        "line.unclosed_quote": "a quoted multi-line message is not closed; its lines are kept "
        "as written",
        "line.date_out_of_range": "date {date} out of range",
        "line.unrecognised": "unrecognised line kept as unknown",
        "line.detected_plain": "LINE .txt",
    }
)
_TITLES: tuple[tuple[str, bool, re.Pattern[str]], ...] = (
    ("en", True, re.compile(r"^Chat history with (?P<name>.+)$")),
    ("en", False, re.compile(r"^Chat history in (?P<name>.+)$")),
    ("zh-CN", True, re.compile(r"^与(?P<name>.+)的聊天记录$")),
    ("zh-TW", True, re.compile(r"^與(?P<name>.+)的聊天記錄$")),
    ("zh-CN", False, re.compile(r"^(?P<name>.+)的聊天记录$")),
    ("zh-TW", False, re.compile(r"^(?P<name>.+)的聊天記錄$")),
    ("ja", True, re.compile(r"^(?P<name>.+)とのトーク履歴$")),
    ("ja", False, re.compile(r"^(?P<name>.+)のトーク履歴$")),
    ("th", True, re.compile(r"^ประวัติการ(?:แชท|สนทนา)กับ\s*(?P<name>.+)$")),
)
_SAVED_ON = re.compile(r"^(?:Saved on|保存日期|儲存日期|保存日時|บันทึกวันที่)\s*[:：]")

# -- dates --------------------------------------------------------------------------------------

_EN_WEEKDAYS = {
    name: day
    for day, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_ZH_DIGITS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_JA_DAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_ZH_WEEKDAY = re.compile(r"^(?:周|週|星期|禮拜|礼拜)?(?P<d>[一二三四五六日天])$")
_JA_WEEKDAY = re.compile(r"^(?P<d>[月火水木金土日])(?:曜日|曜)?$")
_ERAS = {"R": 2018, "H": 1988, "S": 1925}

_YMD_LINE = re.compile(
    r"^(?:(?P<era>[RHS])(?P<ey>\d{1,2})|(?P<y>\d{4}))[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})"
    r"\s*(?P<wd>.*?)\s*$"
)
_WD_FIRST_LINE = re.compile(
    r"^(?P<wd>[A-Za-z]{3,9})\.?,?\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\s*$"
)
_BRACKETED = re.compile(r"^[(（]\s*(?P<inner>[^()（）]{1,12}?)\s*[)）]$")

# -- messages -----------------------------------------------------------------------------------

_TIME = (
    r"(?P<ap1>上午|下午|凌晨|早上|中午|晚上|午前|午後|AM|PM)?[ \u00a0\u202f]?"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?:[ \u00a0\u202f]?(?P<ap2>[AaPp]\.?[Mm]\.?))?"
)
_TAB_LINE = re.compile(rf"^(?P<time>{_TIME})\t(?P<rest>.*)$")
_SPACE_LINE = re.compile(rf"^(?P<time>{_TIME}) (?P<rest>\S.*)$")
_MORNING = frozenset({"上午", "凌晨", "早上", "午前", "AM", "am", "a.m.", "A.M."})

_PLACEHOLDERS: dict[str, MessageKind] = {
    key: kind
    for kind, keys in (
        (MessageKind.IMAGE, ("[Photo]", "[Photos]", "[照片]", "[写真]", "[圖片]", "[图片]")),
        (MessageKind.STICKER, ("[Sticker]", "[Stickers]", "[贴图]", "[貼圖]", "[スタンプ]")),
        (MessageKind.VIDEO, ("[Video]", "[Videos]", "[视频]", "[影片]", "[動画]")),
        (MessageKind.FILE, ("[File]", "[文件]", "[檔案]", "[ファイル]")),
        (
            MessageKind.VOICE,
            ("[Voice message]", "[Audio]", "[语音信息]", "[語音訊息]", "[ボイスメッセージ]"),
        ),
        (MessageKind.LOCATION, ("[Location]", "[位置]", "[位置情報]", "[位置信息]")),
        (MessageKind.CONTACT_CARD, ("[Contact]", "[联系人]", "[聯絡資訊]", "[連絡先]")),
    )
    for key in keys
}
_UNSENT = (
    "unsent a message",
    "Message unsent",
    "撤回了一条消息",
    "撤回了一條訊息",
    "已收回訊息",
    "收回了訊息",
    "送信を取り消しました",
)
_CALL_MARK = "☎"
_URL = re.compile(r"https?://\S+")


@dataclass(slots=True)
class _Draft:
    """A message being assembled from one or more physical lines."""

    first_line: int
    last_line: int
    day: date
    day_text: str
    clock: time
    time_text: str
    sender: str
    system: bool
    lines: list[str] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)
    first_body: str = ""  # the text on the first line, as written
    quoted: bool = False  # an opening quote was removed and the closing one not yet seen


@dataclass(frozen=True, slots=True)
class _Header:
    title: str
    locale: str
    one_to_one: bool | None
    lines: int  # physical lines the header occupies


class LineImporter:
    name = FORMAT_NAME
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        try:
            return _detect(source)
        except Exception:  # detect must never raise, whatever the input
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        zone = resolve_zone(source.name, tz)
        source = _main_source(source)
        decoded = decode_export(source.name, source.data)
        check_line_lengths(source.name, decoded.text)
        return _Parser(source, decoded.text, decoded.encoding, zone).parse()


IMPORTER = LineImporter()


# ----------------------------------------------------------------------------------------------
# Main file, header, detection
# ----------------------------------------------------------------------------------------------


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _header(lines: list[str]) -> _Header | None:
    first = lines[0].strip() if lines else ""
    if first.startswith("[LINE]"):
        rest = first[len("[LINE]") :].strip()
    elif first.startswith("Chat history "):
        rest = first
    else:
        return None
    title, locale, kind = rest, "unknown locale", None
    for title_locale, one_to_one, pattern in _TITLES:
        match = pattern.match(rest)
        if match:
            title, locale, kind = match["name"].strip(), title_locale, one_to_one
            break
    used = 1
    if len(lines) > 1 and _SAVED_ON.match(lines[1].strip()):
        used = 2
    return _Header(title, locale, kind, used)


def _looks_like_line(name: str, data: bytes) -> str | None:
    text = data[: 256 * 1024].decode("utf-8", errors="ignore").lstrip("\ufeff")
    lines = _split_lines(text)[:_DETECT_LINES]
    header = _header(lines)
    if header is not None and header.locale != "unknown locale":
        code = {True: "1to1", False: "group", None: "chat"}[header.one_to_one]
        return _said(f"line.detected_{code}", locale=header.locale)
    dates = sum(1 for line in lines if _date_line(line.strip()) is not None)
    tabbed = sum(1 for line in lines if _TAB_LINE.match(line) and _clock(_TAB_LINE.match(line)))
    if header is not None and (dates or tabbed):
        return _said("line.detected_unknown_locale")
    if dates and tabbed >= 2:
        return _said("line.detected_no_header")
    spaced = sum(1 for line in lines if _SPACE_LINE.match(line))
    english_dates = sum(1 for line in lines if re.match(r"^\d{4}\.\d{2}\.\d{2} [A-Z][a-z]+", line))
    if english_dates and spaced >= 2 and not tabbed:
        return _said("line.detected_windows")
    return None


def _detect(source: ExportSource) -> str | None:
    if source.data:
        return _looks_like_line(source.name, source.data)
    for member in _txt_members(source):
        reason = _looks_like_line(member, source.read_member(member))
        if reason:
            return _said("import.detected_in_member", reason=reason, member=member)
    return None


def _txt_members(source: ExportSource) -> list[str]:
    names = [n for n in source.member_names() if n.lower().endswith(".txt")]
    return sorted(names, key=lambda n: (not posixpath.basename(n).startswith("[LINE]"), n))[:5]


def _main_source(source: ExportSource) -> ExportSource:
    if source.data or not source.members:
        return source
    found = [m for m in _txt_members(source) if _looks_like_line(m, source.read_member(m))]
    if len(found) == 1:
        return select_main(source, found[0])
    if not found:
        raise ImportInputError(source.name, "", _said("line.no_history"))
    raise ImportInputError(source.name, "", _said("line.several", found=", ".join(found)))


# ----------------------------------------------------------------------------------------------
# Date lines and times
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DateLine:
    day: date
    warning: str | None


def _weekday(token: str) -> int | None:
    token = token.strip().rstrip(".").strip()
    bracketed = _BRACKETED.match(token)
    if bracketed:
        token = bracketed["inner"]
    if token.lower() in _EN_WEEKDAYS:
        return _EN_WEEKDAYS[token.lower()]
    zh = _ZH_WEEKDAY.match(token)
    if zh:
        return _ZH_DIGITS[zh["d"]]
    ja = _JA_WEEKDAY.match(token)
    if ja:
        return _JA_DAYS[ja["d"]]
    return None


def _date_line(line: str) -> _DateLine | None:
    """The day a stand-alone date line names, or None when ``line`` is not a date line."""
    ymd = _YMD_LINE.match(line)
    if ymd:
        year = _ERAS[ymd["era"]] + int(ymd["ey"]) if ymd["era"] else int(ymd["y"])
        try:
            day = date(year, int(ymd["m"]), int(ymd["d"]))
        except ValueError:
            return None
        token = ymd["wd"]
        weekday = _weekday(token)
        if weekday is None:
            if token and _BRACKETED.match(token):
                return _DateLine(day, _said("line.weekday_unknown", weekday=token))
            return None
        if weekday != day.weekday():
            return _DateLine(
                day, _said("line.weekday_mismatch", weekday=token, date=day.isoformat())
            )
        return _DateLine(day, None)
    first = _WD_FIRST_LINE.match(line)
    if first:
        weekday = _weekday(first["wd"])
        if weekday is None:
            return None
        a, b, year = int(first["a"]), int(first["b"]), int(first["y"])
        readings: list[date] = []
        for month, dom in ((a, b), (b, a)):
            try:
                readings.append(date(year, month, dom))
            except ValueError:
                continue
        if not readings:
            return None
        matching = [d for d in readings if d.weekday() == weekday]
        if matching:
            return _DateLine(matching[0], None)
        return _DateLine(
            readings[0],
            _said("line.weekday_neither", weekday=first["wd"], first=a, second=b, year=year)
            if len(readings) > 1
            else _said("line.weekday_mismatch", weekday=first["wd"], date=readings[0].isoformat()),
        )
    return None


def _clock(match: re.Match[str] | None) -> time | None:
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["mi"])
    marker = match["ap1"] or match["ap2"]
    if minute > 59:
        return None
    if marker is None:
        return time(hour, minute) if hour <= 23 else None
    if not 1 <= hour <= 12 and not (hour == 0 and marker in _MORNING):
        return None
    if marker in _MORNING or marker.replace(".", "").lower() == "am":
        hour = 0 if hour == 12 else hour
    elif marker == "中午":
        hour = hour + 12 if hour < 11 else hour
    else:  # 下午 晚上 午後 PM
        hour = hour if hour == 12 and marker != "晚上" else (hour + 12) % 24
    return time(hour, minute)


# ----------------------------------------------------------------------------------------------
# The parser
# ----------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: ExportSource, text: str, encoding: str, zone: ZoneInfo) -> None:
        self.source = source
        self.file = source.name
        self.lines = _split_lines(text)
        self.encoding = encoding
        self.zone = zone
        self.problems: list[ParseProblem] = []
        self.messages: list[ParsedMessage] = []
        self.participants: list[str] = []
        self.unquoted_continuations: list[int] = []
        self.utc_cache: dict[datetime, tuple[datetime, str | None]] = {}
        self.header = _header(self.lines)
        self.tabbed = any(_clock(_TAB_LINE.match(line)) for line in self.lines)

    def _problem(self, line_no: int, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.file, f"line {line_no}", reason, severity))

    def parse(self) -> ParsedChat:
        start = self.header.lines if self.header else 0
        day: _DateLine | None = None
        day_text = ""
        draft: _Draft | None = None
        index = start
        space_warned = False
        while index < len(self.lines):
            line = self.lines[index]
            line_no = index + 1
            if draft is not None and draft.quoted:
                if self._message_match(line) is None:
                    draft.lines.append(line)
                    draft.raw_lines.append(line)
                    draft.last_line = line_no
                    if line.endswith('"'):
                        draft.lines[-1] = line[:-1]
                        draft.quoted = False
                    index += 1
                    continue
                self._unclosed(draft)
            if not line.strip():
                index += 1
                continue
            date_line = _date_line(line.strip())
            if date_line is not None:
                self._finish(draft)
                draft = None
                day, day_text = date_line, line.strip()
                if date_line.warning:
                    self._problem(line_no, date_line.warning)
                index += 1
                continue
            matched = self._message_match(line)
            if matched is not None:
                self._finish(draft)
                if day is None:
                    raise ImportInputError(
                        self.file, f"line {line_no}", _said("line.message_before_date")
                    )
                if not self.tabbed and not space_warned:
                    space_warned = True
                    self._problem(line_no, _said("line.space_separated"))
                draft = self._start(*matched, line, line_no, day.day, day_text)
                index += 1
                continue
            if draft is not None:
                draft.lines.append(line)
                draft.raw_lines.append(line)
                draft.last_line = line_no
                self.unquoted_continuations.append(line_no)
            elif day is not None:
                self._unknown_line(line, line_no, day.day, day_text)
            else:
                self._problem(line_no, _said("line.unrecognised_before_date", line=line[:80]))
            index += 1
        if draft is not None and draft.quoted:
            self._unclosed(draft)
        self._finish(draft)
        if self.unquoted_continuations:
            first = self.unquoted_continuations[0]
            self._problem(first, _said("line.joined", count=len(self.unquoted_continuations)))
        if self.header is None and not self.messages:
            raise ImportInputError(self.file, "line 1", _said("line.not_line"))
        return ParsedChat(
            format_name=FORMAT_NAME,
            parser_version=PARSER_VERSION,
            detection_reason=_looks_like_line(self.file, self.source.data)
            or _said("line.detected_plain"),
            title=self.header.title if self.header else "",
            participants=tuple(self.participants),
            messages=tuple(self.messages),
            timezone=self.zone.key,
            encoding=self.encoding,
            problems=tuple(self.problems),
        )

    def _message_match(self, line: str) -> tuple[re.Match[str], time] | None:
        """The message-line match and its time of day, or None for any other line."""
        match = (_TAB_LINE if self.tabbed else _SPACE_LINE).match(line)
        if match is None:
            return None
        clock = _clock(match)
        return None if clock is None else (match, clock)

    def _start(
        self, match: re.Match[str], clock: time, line: str, line_no: int, day: date, day_text: str
    ) -> _Draft:
        rest = match["rest"]
        if self.tabbed:
            if "\t" in rest:
                sender, body = rest.split("\t", 1)
            else:
                sender, body = "", rest
        else:
            sender, body = self._split_spaced(rest)
        draft = _Draft(
            first_line=line_no,
            last_line=line_no,
            day=day,
            day_text=day_text,
            clock=clock,
            time_text=match["time"],
            sender=sender.strip(),
            system=not sender.strip(),
            raw_lines=[line],
            first_body=body,
        )
        if body.startswith('"') and not (len(body) >= 2 and body.endswith('"')):
            draft.quoted = True
            body = body[1:]
        draft.lines.append(body)
        return draft

    def _split_spaced(self, rest: str) -> tuple[str, str]:
        known = [self.header.title] if self.header and self.header.one_to_one else []
        known += [p for p in self.participants if " " in p]
        for name in sorted(known, key=len, reverse=True):
            if name and rest.startswith(name + " "):
                return name, rest[len(name) + 1 :]
        sender, _, body = rest.partition(" ")
        return sender, body

    def _unclosed(self, draft: _Draft) -> None:
        self._problem(draft.first_line, _said("line.unclosed_quote"))
        draft.lines = [draft.first_body, *draft.raw_lines[1:]]
        draft.quoted = False

    def _utc(self, naive: datetime, line_no: int) -> datetime:
        try:
            cached = self.utc_cache.get(naive)
            if cached is None:
                cached = self.utc_cache[naive] = local_to_utc(naive, self.zone)
            sent_at, warning = cached
        except (OverflowError, ValueError):
            raise ImportInputError(
                self.file,
                f"line {line_no}",
                _said("line.date_out_of_range", date=naive.isoformat(sep=" ")),
            ) from None
        if warning:
            self._problem(line_no, warning)
        return sent_at

    def _unknown_line(self, line: str, line_no: int, day: date, day_text: str) -> None:
        self._problem(line_no, _said("line.unrecognised"), "error")
        sent_at = self._utc(datetime.combine(day, time()), line_no)
        self.messages.append(
            bulk_message(
                index=len(self.messages),
                sent_at=sent_at,
                time_text=day_text,
                sender="",
                kind=MessageKind.UNKNOWN,
                text=line,
                source=bulk_source(self.file, f"line {line_no}"),
                raw=line,
            )
        )

    def _finish(self, draft: _Draft | None) -> None:
        if draft is None:
            return
        text = "\n".join(draft.lines)
        kind, attachments = _classify(text, draft.system)
        sent_at = self._utc(datetime.combine(draft.day, draft.clock), draft.first_line)
        if draft.sender and draft.sender not in self.participants:
            self.participants.append(draft.sender)
        locator = (
            f"line {draft.first_line}"
            if draft.first_line == draft.last_line
            else f"lines {draft.first_line}-{draft.last_line}"
        )
        keep_raw = draft.system or kind in (MessageKind.UNKNOWN, MessageKind.CALL)
        self.messages.append(
            bulk_message(
                index=len(self.messages),
                sent_at=sent_at,
                time_text=f"{draft.day_text} {draft.time_text}",
                sender=draft.sender,
                kind=kind,
                text=text,
                source=bulk_source(self.file, locator),
                attachments=attachments,
                raw="\n".join(draft.raw_lines) if keep_raw else None,
            )
        )


def _classify(text: str, system: bool) -> tuple[MessageKind, tuple[Attachment, ...]]:
    stripped = text.strip()
    if system:
        if any(marker in stripped for marker in _UNSENT):
            return MessageKind.RECALLED, ()
        if stripped.startswith(_CALL_MARK):
            return MessageKind.CALL, ()
        return MessageKind.SYSTEM, ()
    if stripped.startswith(_CALL_MARK):
        return MessageKind.CALL, ()
    kind = _PLACEHOLDERS.get(stripped)
    if kind is None and stripped.startswith("[") and "] " in stripped:
        kind = _PLACEHOLDERS.get(stripped.split("] ", 1)[0] + "]")
    if kind is not None:
        return kind, (Attachment(kind, stripped, AttachmentState.OMITTED),)
    if _URL.fullmatch(stripped):
        return MessageKind.LINK, ()
    if stripped in ("Message unsent.", "メッセージの送信を取り消しました"):
        return MessageKind.RECALLED, ()
    return MessageKind.TEXT, ()
