"""WhatsApp "Export chat" (.txt, or a .zip / folder holding the .txt and media).

Grammar (chat-formats.md §1)::

    Android:  DATE[,] TIME[ AMPM] - SENDER: BODY
    iOS:     [DATE[,] TIME[ AMPM]] SENDER: BODY

A line that does not start with a header continues the previous message (blank lines included);
a header without ``SENDER: `` is a system line. One tolerant, compiled header regex reads every
layout seen in the wild: ``/ . -`` separators, 2- and 4-digit years, y/m/d, 12- and 24-hour
clocks with ``AM``/``a. m.``/``p.m.`` (NBSP, NNBSP), CJK markers before the time (``下午3:04``),
Arabic-Indic digits with ``م``/``ص``, Finnish ``klo``, Buddhist-era (``2565 BE``) and Japanese-era
(``R4``, ``H30``) years.

**Day/month order is decided once per file**, never per line: a four-digit first field means
y/m/d; any first field above 12 means d/m; any second field above 12 means m/d. When no header
settles it, the reading with fewer chronological inversions between consecutive messages wins;
when that ties too, the documented default is m/d for ``/``-separated dates with two-digit years
and no zero padding (the en-US layout ``3/18/22``) and d/m for everything else. An undecided
order is always reported: a warning ParseProblem and the detection reason say "ambiguous".

**Bidirectional marks** (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are removed from the
parsed ``sender`` and ``text``; the record's original lines are kept in ``raw`` whenever a mark was
removed, and ``time_text`` is the timestamp exactly as written.

**Times** are wall-clock times of the exporting phone, read in the IANA zone given to
:meth:`WhatsAppImporter.parse` and stored as aware UTC. A local time that does not exist (DST gap)
or exists twice (DST overlap) is read with the offset in force before the change (``fold=0``) and
reported as a warning.

**Senders and system lines.** The sender is the text before the first ``": "``; it counts only
when it heads two or more lines, or is short and quote-free, so ``X changed the subject to "a: b"``
stays a SYSTEM line with no sender. iOS attributes system notices to the chat name and starts
their body with a bidi mark: such bodies are SYSTEM with the written sender kept.

**Kinds and attachments.** Localised strings (en, de, es, zh, plus nl, cs, fr, pt, it, ru, ja, ar
where known) mark deleted messages (RECALLED), calls, locations and media. ``<attached: X>`` (iOS)
and ``X (file attached)`` (Android) are looked up among the zip/folder members, next to the chat
file first: EXPORTED when present, MISSING when not (always MISSING for a bare ``.txt``).
``<Media omitted>`` (type unknown: UNKNOWN) and iOS ``image omitted``-style markers are OMITTED.
A view-once message, exported as the word ``null``, is UNKNOWN.

**Problems.** Text before the first header, and lines shaped like a header whose date or time is
impossible (kept as text of the previous message), are error-severity problems; ambiguous
day/month order and DST gaps/overlaps are warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.archive import is_zip, open_zip, select_main
from evidence_desk.importers.base import (
    COMMON_WORDING,
    Attachment,
    AttachmentState,
    ExportSource,
    MessageKind,
    ParsedChat,
    ParsedMessage,
    ParseProblem,
    bulk_message,
    bulk_source,
)
from evidence_desk.importers.text import check_line_lengths, decode_export

__all__ = ["IMPORTER", "WhatsAppImporter"]

FORMAT_NAME = "whatsapp"
PARSER_VERSION = "1.1"  # 1.1: problems and repairs sealed as codes and facts

# A chat is detected only when its first header comes before this many non-blank lines.
_DETECT_MAX_LEADING_LINES = 50
_DETECT_PREFIX_CHARS = 512 * 1024
# Candidate .txt members examined when a zip/folder has no `_chat.txt` / `WhatsApp Chat…` file.
_MAX_TXT_CANDIDATES = 50
_MIN_YEAR = 1970
_MAX_YEAR = 2199
_PROBLEM_TEXT_CHARS = 200

# --- header grammar ------------------------------------------------------------------------------

_HEADER = re.compile(
    r"""
    [\ufeff\u200e\u200f]*
    (?P<br>\[)?
    (?P<ts>
      (?P<date>
        (?P<d1>\d{1,4})[\u200e\u200f]?(?P<s>[./\-])\s?
        (?P<d2>\d{1,2})[\u200e\u200f]?(?P=s)\s?
        (?P<d3>[RH]?\d{1,4})\.?(?P<be>\s?BE)?
      )
      [,،]?\s(?:klo\s)?
      (?P<time>
        (?:(?P<ap1>上午|下午|凌晨|早上|中午|晚上|午前|午後|오전|오후)\s?)?
        (?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?:[:.](?P<ss>\d{2}))?\.?
        (?:\s?(?P<ap2>[AaPp]\.?\s?[Mm]\.?|[صم]))?
      )
    )
    (?(br)\]\s?|\s[-–]\s?)
    """,
    re.VERBOSE,
)

# The plain Android header (``12/03/2024, 10:15 - ``, ``3/18/22, 9:05 PM - ``): the general
# pattern above without the parts that are absent whenever a line starts with its date's digits
# (leading marks, the iOS bracket, marks and spaces inside the date, era letters, Buddhist "BE",
# "klo", a marker before the time). Everything left is the general pattern's own text, so on a
# line this matches, the general pattern makes the same choices (each dropped part can only
# match empty where this one continues) and yields the same date, time and end; a line it does
# not match is tried with the general pattern. It names only what every header needs: the
# fields of a date or time are read, once per distinct text, from the general match.
# A third less time per header line than the general pattern (bench/import.py).
_PLAIN_HEADER = re.compile(
    r"""
    (?P<ts>
      (?P<date>\d{1,4}(?P<s>[./\-])\d{1,2}(?P=s)\d{1,4})
      [,،]?\s
      (?P<time>
        \d{1,2}[:.]\d{2}(?:[:.]\d{2})?\.?
        (?:\s?(?:[AaPp]\.?\s?[Mm]\.?|[صم]))?
      )
    )
    \s[-–]\s?
    """,
    re.VERBOSE,
)

_AM_MARKERS = frozenset({"上午", "凌晨", "早上", "午前", "오전", "ص"})
_PM_MARKERS = frozenset({"下午", "晚上", "午後", "오후", "م"})
_NOON_MARKER = "中午"

_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_MARK_TABLE = dict.fromkeys(map(ord, _MARKS))
# str.translate looks every character up in the table (about ten times a regex scan of the same
# text): texts are translated only when this finds a mark in them, which gives the same result
_HAS_MARK = re.compile(f"[{_MARKS}]").search
_LEAD_MARKS = ("\u200e", "\u200f")
_QUOTES = frozenset('"“”„«»')
_MAX_SENDER_CHARS = 80

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# --- localised strings (WhatsApp's own UI strings, as seen in exports; chat-formats.md §1) ------

_K = MessageKind

# Android: the whole first line of the body.
_MEDIA_OMITTED: dict[str, str] = {
    "<Media omitted>": "en",
    "<Medien weggelassen>": "de",
    "<Medien ausgeschlossen>": "de",
    "<Multimedia omitido>": "es",
    "<Archivo omitido>": "es",
    "<省略多媒体文件>": "zh",
    "<省略影音内容>": "zh",
    "<媒体文件已省略>": "zh",
    "<忽略多媒體檔>": "zh",
    "<Media weggelaten>": "nl",
    "<Média vynechána>": "cs",
    "<Média vynechány>": "cs",
    "<Médias omis>": "fr",
    "<Mídia oculta>": "pt",
    "<Arquivo de mídia oculto>": "pt",
    "<Без медиафайлов>": "ru",
    "<Media omessi>": "it",
}

# iOS: the text after the last bidi mark of the first body line ("Some file.txt ‎document omitted").
_IOS_OMITTED: dict[str, tuple[MessageKind, str]] = {
    "image omitted": (_K.IMAGE, "en"),
    "video omitted": (_K.VIDEO, "en"),
    "audio omitted": (_K.VOICE, "en"),
    "sticker omitted": (_K.STICKER, "en"),
    "GIF omitted": (_K.VIDEO, "en"),
    "document omitted": (_K.FILE, "en"),
    "Contact card omitted": (_K.CONTACT_CARD, "en"),
    "Bild weggelassen": (_K.IMAGE, "de"),
    "Video weggelassen": (_K.VIDEO, "de"),
    "Audio weggelassen": (_K.VOICE, "de"),
    "Sticker weggelassen": (_K.STICKER, "de"),
    "GIF weggelassen": (_K.VIDEO, "de"),
    "Dokument weggelassen": (_K.FILE, "de"),
    "Kontaktkarte ausgelassen": (_K.CONTACT_CARD, "de"),
    "imagen omitida": (_K.IMAGE, "es"),
    "video omitido": (_K.VIDEO, "es"),
    "audio omitido": (_K.VOICE, "es"),
    "sticker omitido": (_K.STICKER, "es"),
    "GIF omitido": (_K.VIDEO, "es"),
    "documento omitido": (_K.FILE, "es"),
    "tarjeta de contacto omitida": (_K.CONTACT_CARD, "es"),
    "照片已忽略": (_K.IMAGE, "zh"),
    "图片已忽略": (_K.IMAGE, "zh"),
    "视频已忽略": (_K.VIDEO, "zh"),
    "音频已忽略": (_K.VOICE, "zh"),
    "贴图已省略": (_K.STICKER, "zh"),
    "文档已省略": (_K.FILE, "zh"),
    "GIF 动态图已被忽略": (_K.VIDEO, "zh"),
    "联系人卡片已忽略": (_K.CONTACT_CARD, "zh"),
    "画像は含まれていません": (_K.IMAGE, "ja"),
    "ビデオは含まれていません": (_K.VIDEO, "ja"),
    "音声は含まれていません": (_K.VOICE, "ja"),
    "スタンプは含まれていません": (_K.STICKER, "ja"),
    "GIFは含まれていません": (_K.VIDEO, "ja"),
    "ドキュメントは含まれていません": (_K.FILE, "ja"),
    "連絡先カードを省略": (_K.CONTACT_CARD, "ja"),
    "изображение отсутствует": (_K.IMAGE, "ru"),
    "видео отсутствует": (_K.VIDEO, "ru"),
    "аудиофайл отсутствует": (_K.VOICE, "ru"),
    "стикер не добавлен": (_K.STICKER, "ru"),
    "GIF отсутствует": (_K.VIDEO, "ru"),
    "документ отсутствует": (_K.FILE, "ru"),
    "Карточка контакта отсутствует": (_K.CONTACT_CARD, "ru"),
    "لم يتم إدراج الصورة": (_K.IMAGE, "ar"),
    "لم يتم إدراج الفيديوهات": (_K.VIDEO, "ar"),
    "لم يتم إدراج المقاطع الصوتية": (_K.VOICE, "ar"),
    "تم حذف الملصقات": (_K.STICKER, "ar"),
    "لم يتم إدراج صورة GIF": (_K.VIDEO, "ar"),
    "لم يتم إدراج المستند": (_K.FILE, "ar"),
    "لم يتم إدراج بطاقة جهة اتصال": (_K.CONTACT_CARD, "ar"),
}

# iOS `<attached: NAME>`: the label before the colon.
_ATTACHED_LABELS: dict[str, str] = {
    "attached": "en",
    "Anhang": "de",
    "adjunto": "es",
    "附件": "zh",
    "已附加": "zh",
    "添付ファイル": "ja",
    "вложение": "ru",
    "pièce jointe": "fr",
    "anexado": "pt",
    "allegato": "it",
    "bijlage": "nl",
    "příloha": "cs",
}

# Android `NAME (file attached)`: the text inside the final parentheses.
_FILE_ATTACHED_LABELS: dict[str, str] = {
    "file attached": "en",
    "Datei angehängt": "de",
    "archivo adjunto": "es",
    "archivo adjuntado": "es",
    "文件附件": "zh",
    "附件檔案": "zh",
    "bestand bijgevoegd": "nl",
    "soubor byl přiložen": "cs",
    "fichier joint": "fr",
    "arquivo anexado": "pt",
    "файл добавлен": "ru",
    "file allegato": "it",
    "dosya ekli": "tr",
    "file terlampir": "id",
}

# Deleted messages: the whole body, compared without a final full stop.
_DELETED: dict[str, str] = {
    "This message was deleted": "en",
    "You deleted this message": "en",
    "Diese Nachricht wurde gelöscht": "de",
    "Du hast diese Nachricht gelöscht": "de",
    "Se eliminó este mensaje": "es",
    "Eliminaste este mensaje": "es",
    "Este mensaje fue eliminado": "es",
    "信息已删除": "zh",
    "您删除这个信息": "zh",
    "这条消息已删除": "zh",
    "这条消息已被删除": "zh",
    "您已删除这条消息": "zh",
    "你删除了此消息": "zh",
    "此訊息已刪除": "zh",
    "你已刪除此訊息": "zh",
    "Dit bericht is verwijderd": "nl",
    "U hebt dit bericht verwijderd": "nl",
    "Je hebt dit bericht verwijderd": "nl",
    "Tato zpráva byla odstraněna": "cs",
    "Tuto zprávu jste odstranili": "cs",
    "このメッセージは削除されました": "ja",
    "このメッセージを削除しました": "ja",
    "Данное сообщение удалено": "ru",
    "Вы удалили данное сообщение": "ru",
    "تم حذف هذه الرسالة": "ar",
    "أنت حذفت هذه الرسالة": "ar",
    "Ce message a été supprimé": "fr",
    "Vous avez supprimé ce message": "fr",
    "Questo messaggio è stato eliminato": "it",
    "Hai eliminato questo messaggio": "it",
    "Esta mensagem foi apagada": "pt",
    "Você apagou esta mensagem": "pt",
}

_CALLS: dict[str, str] = {
    "Missed voice call": "en",
    "Missed video call": "en",
    "Missed group voice call": "en",
    "Missed group video call": "en",
    "Voice call": "en",
    "Video call": "en",
    "Verpasster Sprachanruf": "de",
    "Verpasster Videoanruf": "de",
    "Llamada perdida": "es",
    "Llamada de voz perdida": "es",
    "Videollamada perdida": "es",
    "未接语音通话": "zh",
    "未接视频通话": "zh",
    "语音通话未接听": "zh",
}

# System notices that iOS attributes to the chat name, and Android prints without a sender.
_SYSTEM_PREFIXES: dict[str, str] = {
    "Messages and calls are end-to-end encrypted": "en",
    "Messages to this group are now secured with end-to-end encryption": "en",
    "Messages you send to this group are now secured with end-to-end encryption": "en",
    "Messages to this chat and calls are now secured with end-to-end encryption": "en",
    "Messages you send to this chat and calls are now secured": "en",
    "Your security code with": "en",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt": "de",
    "Los mensajes y las llamadas están cifrados de extremo a extremo": "es",
    "消息和通话已进行端到端加密": "zh",
    "消息和通话都进行端到端加密": "zh",
    "訊息和通話已受端對端加密保護": "zh",
    "Berichten en oproepen worden end-to-end versleuteld": "nl",
    "Zprávy a hovory jsou zabezpečeny koncovým šifrováním": "cs",
    "メッセージと通話はエンドツーエンド暗号化されています": "ja",
    "Сообщения и звонки защищены сквозным шифрованием": "ru",
    "Ваш код безопасности": "ru",
    "الرسائل والمكالمات مشفرة تمامًا بين الطرفين": "ar",
    "Les messages et les appels sont chiffrés de bout en bout": "fr",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta": "pt",
}
_SYSTEM_PREFIX_TUPLE = tuple(_SYSTEM_PREFIXES)

_LOCATION = re.compile(
    r"(?P<label>location|Standort|ubicación|位置|位置情報|locatie|poloha|Местоположение|موقع"
    r"|position|posizione|localização)\s?[:：]\s?https?://",
    re.IGNORECASE,
)

_IOS_MEDIA_NAME = re.compile(r"\d+-(PHOTO|VIDEO|AUDIO|STICKER|GIF)-")
_ANDROID_MEDIA_NAME = re.compile(r"(IMG|VID|PTT|AUD|STK|DOC)-\d{8}-WA\d+")
_MEDIA_PREFIX_KINDS: dict[str, MessageKind] = {
    "PHOTO": _K.IMAGE,
    "VIDEO": _K.VIDEO,
    "AUDIO": _K.VOICE,
    "STICKER": _K.STICKER,
    "GIF": _K.VIDEO,
    "IMG": _K.IMAGE,
    "VID": _K.VIDEO,
    "PTT": _K.VOICE,
    "AUD": _K.VOICE,
    "STK": _K.STICKER,
    "DOC": _K.FILE,
}
_EXTENSION_KINDS: dict[str, MessageKind] = {
    **dict.fromkeys(("jpg", "jpeg", "png", "heic", "heif", "gif", "bmp"), _K.IMAGE),
    **dict.fromkeys(("mp4", "mov", "3gp", "m4v", "mkv", "avi"), _K.VIDEO),
    **dict.fromkeys(("opus", "ogg", "m4a", "mp3", "aac", "amr", "wav"), _K.VOICE),
    "webp": _K.STICKER,
    "vcf": _K.CONTACT_CARD,
}

_TITLE_PATTERNS = (
    re.compile(r"^WhatsApp[ -]Chat (?:with|mit|con|avec|com|met|s|z|с) (?P<t>.+)$", re.I),
    re.compile(r"^WhatsApp Chat - (?P<t>.+)$", re.I),
    re.compile(r"^Chat de WhatsApp con (?P<t>.+)$", re.I),
    re.compile(r"^Conversa do WhatsApp com (?P<t>.+)$", re.I),
    re.compile(r"^[与與和](?P<t>.+?)的\s?WhatsApp\s?(?:聊天|對話|聊天记录)$"),
)


# --- internal records ----------------------------------------------------------------------------

# The date as written ("12/03/2024", "3/18/2565 BE"); each distinct one is read once.
_DateKey = str
# A date read before the order is known: (year, a, b, is_ymd, is_us_style), where a and b are
# the first two fields (month and day for y/m/d) and US style is unpadded m/d/yy with "/".
_Date = tuple[int, int, int, bool, bool]
# What a header's timestamp says: (date key, hour, minute, second, time text, is_ios, is_12h,
# the time of day as a timedelta).
_Stamp = tuple[_DateKey, int, int, int, str, bool, bool, timedelta]
# One header line: (line index, the line after the header, its stamp).
_Header = tuple[int, str, _Stamp]
# (sender as written, sender with marks removed, first body line as written)
_Split = tuple[str, str, str]
# A resolved day: (year, month, day).
_Day = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Classified:
    kind: MessageKind
    language: str | None = None
    attachment_kind: MessageKind | None = None
    attachment_name: str = ""
    look_up: bool = False  # True: find the file among the members; False: omitted


_TEXT = _Classified(_K.TEXT)
_SYSTEM = _Classified(_K.SYSTEM)
_LOCATED = _Classified(_K.LOCATION)


def _exact_bodies() -> dict[str, _Classified]:
    """Whole first lines with a fixed meaning, looked up with one dict access per message."""
    exact: dict[str, _Classified] = {}
    for text, language in _CALLS.items():
        exact[text] = _Classified(_K.CALL, language)
    for text, language in _MEDIA_OMITTED.items():
        exact[text] = _Classified(_K.UNKNOWN, language, _K.UNKNOWN)
    for text, language in _DELETED.items():
        recalled = _Classified(_K.RECALLED, language)
        for ending in ("", ".", "。"):
            exact[text + ending] = recalled
    exact["null"] = _Classified(_K.UNKNOWN)  # a view-once message is exported as "null"
    return exact


_EXACT = _exact_bodies()
_SYSTEM_FIRST = frozenset(prefix[0] for prefix in _SYSTEM_PREFIXES)


_said = Catalogue(
    {
        **COMMON_WORDING,
        # The detection reason: "WhatsApp Android, en, 24h, d/m/y", then one "{reason}, {extra}"
        # per extra (ambiguity, calendars). ``platform`` is Android, iOS or mixed iOS/Android,
        # ``clock`` 12h, 24h or mixed 12h/24h, ``language`` a language code or
        # "language unknown".
        "whatsapp.detected": "WhatsApp {platform}, {language}, {clock}, {orders}",
        "whatsapp.detected_extra": "{reason}, {extra}",
        "whatsapp.ambiguous_order": "ambiguous d/m vs m/d ({note})",
        "whatsapp.buddhist": "Buddhist calendar",
        "whatsapp.japanese": "Japanese calendar",
        "whatsapp.order_by_inversions": "no day above 12; chosen by fewer out-of-order dates",
        "whatsapp.order_us_default": "no day above 12; default m/d for unpadded '/' dates with "
        "2-digit years",
        "whatsapp.order_default": "no day above 12; default d/m",
        "whatsapp.no_chat_file": "no WhatsApp chat .txt file in the export",
        "whatsapp.several": "several WhatsApp chat files: {found}; pick one",
        "whatsapp.unknown_zone": "unknown time zone {tz!r}",
        "whatsapp.no_header": "no WhatsApp message header found",
        "whatsapp.order_ambiguous": "day/month order is ambiguous ({note}); read as {order}/y, "
        "check against a known date",
        "whatsapp.text_before_header": "text before the first message header was not parsed: "
        "{excerpt!r}",
        "whatsapp.text_before_header_long": "text before the first message header was not "
        "parsed: {excerpt!r} (+{more} {more:character|characters})",
        "whatsapp.invalid_header": "looks like a message header but its date or time is "
        "invalid; kept as text of the previous message",
        "whatsapp.invalid_date": "looks like a message header but its date is invalid as "
        "{written}; kept as text of the previous message",
        "whatsapp.dst_twice": "local time {time} occurs twice in {zone} (DST change); read as "
        "the first occurrence, UTC{offset} = {utc}",
        "whatsapp.dst_gap": "local time {time} does not exist in {zone} (skipped by a DST "
        "change); read with the offset before the change, UTC{offset} = {utc}",
    }
)


@dataclass(slots=True)
class _Analysis:
    """Everything decided from the whole file before messages are built."""

    name: str
    lines: list[str]  # the chat text's lines, CRLF folded to LF
    headers: list[_Header]
    splits: list[_Split | None]  # parallel to headers; None for system lines
    days: dict[_DateKey, _Day]
    problems: list[ParseProblem]
    layout: dict[str, str]  # platform, clock and orders: the detection reason's parts
    extras: tuple[str, ...]  # trailing reason parts (ambiguity, calendars)

    def reason(self, languages: Counter[str]) -> str:
        """The detection reason; the language is the one most localised strings belong to."""
        if languages:
            language = max(languages.items(), key=lambda item: (item[1], item[0]))[0]
        else:
            language = "language unknown"
        reason = _said("whatsapp.detected", language=language, **self.layout)
        for extra in self.extras:
            reason = _said("whatsapp.detected_extra", reason=reason, extra=extra)
        return reason


# --- the importer --------------------------------------------------------------------------------


class WhatsAppImporter:
    """WhatsApp "Export chat": a bare ``.txt``, or a zip or folder holding it and the media."""

    name = FORMAT_NAME
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        try:
            main = _main_source(source, strict=False)
            text = decode_export(main.name, main.data).text
            if _first_header_line(text) is None:
                return None
            # The reason needs the layout, not every message: a prefix keeps detection cheap on
            # 100k-line chats. parse() analyses the whole file (the day/month order is decided
            # there from every date) and reports its own reason.
            if len(text) > _DETECT_PREFIX_CHARS:
                text = text[: text.rfind("\n", 0, _DETECT_PREFIX_CHARS) + 1 or _DETECT_PREFIX_CHARS]
            analysis = _analyse(main.name, text)
            reason = analysis.reason(_languages(analysis))
        except Exception:  # detect must never raise, whatever the bytes
            return None
        if main.container is not None and main.name != source.name:
            return _said("import.detected_chat_file", reason=reason, member=main.name)
        return reason

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        zone = _zone(source.name, tz)
        main = _main_source(source)
        decoded = decode_export(main.name, main.data)
        check_line_lengths(main.name, decoded.text)
        analysis = _analyse(main.name, decoded.text)
        built = _build_messages(analysis, main, zone)
        return ParsedChat(
            format_name=FORMAT_NAME,
            parser_version=PARSER_VERSION,
            detection_reason=analysis.reason(built.languages),
            title=_title(main, built.participants),
            participants=tuple(built.participants),
            messages=tuple(built.messages),
            timezone=tz,
            encoding=decoded.encoding,
            problems=tuple(analysis.problems + built.problems),
        )


IMPORTER = WhatsAppImporter()


# --- choosing the chat file ----------------------------------------------------------------------


def _main_source(source: ExportSource, *, strict: bool = True) -> ExportSource:
    """The source whose ``data`` is the chat text: as given, or the chat member of a container.

    A container with several equally good chat files is refused when ``strict`` (parse: the user
    picks one with :func:`~evidence_desk.importers.archive.select_main`); detection takes the
    first in name order.
    """
    if source.data and is_zip(source.data):
        source = open_zip(source.name, source.data)
    if source.data:
        return source
    if not source.members:
        raise ImportInputError(source.name, "", _said("import.empty_file"))
    candidates = _chat_candidates(source)
    if not candidates:
        raise ImportInputError(source.name, "", _said("whatsapp.no_chat_file"))
    if strict and len(candidates) > 1:
        raise ImportInputError(
            source.name, "", _said("whatsapp.several", found=", ".join(candidates))
        )
    return select_main(source, candidates[0])


def _chat_candidates(source: ExportSource) -> list[str]:
    """The best chat-file members: every ``_chat.txt``, else every ``WhatsApp Chat…txt``, else
    every other ``.txt`` that starts like a WhatsApp chat."""
    txt = sorted(m for m in source.members if m.lower().endswith(".txt"))
    exact = [m for m in txt if PurePosixPath(m).name == "_chat.txt"]
    if exact:
        return exact
    named = [m for m in txt if any(p.match(PurePosixPath(m).stem) for p in _TITLE_PATTERNS)]
    if named:
        return named
    found: list[str] = []
    for member in txt[:_MAX_TXT_CANDIDATES]:
        try:
            text = decode_export(member, source.read_member(member)).text
        except ImportInputError:
            continue
        if _first_header_line(text) is not None:
            found.append(member)
    return found


def _first_header_line(text: str) -> int | None:
    """Index of the first header among the first non-blank lines, or None (cheap detection)."""
    non_blank = 0
    start = 0
    index = 0
    length = len(text)
    while start < length and non_blank <= _DETECT_MAX_LEADING_LINES:
        end = text.find("\n", start)
        if end == -1:
            end = length
        line = text[start:end]
        if _HEADER.match(line) is not None:
            return index
        if line.strip():
            non_blank += 1
        start = end + 1
        index += 1
    return None


def _title(main: ExportSource, participants: Sequence[str]) -> str:
    names = [PurePosixPath(main.name).stem]
    if main.container:
        stem = PurePosixPath(main.container.replace("\\", "/")).name
        if stem.lower().endswith(".zip"):
            stem = stem[:-4]
        names.append(stem)
    for name in names:
        for pattern in _TITLE_PATTERNS:
            found = pattern.match(name)
            if found:
                return found.group("t").strip()
    for name in names:
        if name and name != "_chat":
            return name
    return ", ".join(participants)


def _zone(file: str, tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise ImportInputError(file, "", _said("whatsapp.unknown_zone", tz=tz)) from None


# --- analysis: headers, date order, senders ------------------------------------------------------


@dataclass(slots=True)
class _Scan:
    """Facts gathered in the single pass over the lines (before the date order is known)."""

    headers: list[_Header]
    splits: list[_Split | None]
    # (is_ios, is_12h) of every header whose date and time were read: the layout's platform
    # and clock
    styles: set[tuple[bool, bool]]
    dates: dict[_DateKey, _Date | None]
    # time as written -> (hour, minute, second, is_12h, time of day); None: invalid
    times: dict[str, tuple[int, int, int, bool, timedelta] | None]
    problems: list[ParseProblem]
    day_first_evidence: int = 0
    month_first_evidence: int = 0
    buddhist: bool = False
    japanese: bool = False


def _analyse(name: str, text: str) -> _Analysis:
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    scan = _scan(name, lines)
    order, order_note = _decide_order(scan)
    problems = scan.problems
    days, headers, splits = _apply_order(name, scan, order)
    if not headers:
        raise ImportInputError(name, "line 1", _said("whatsapp.no_header"))
    if order_note:
        problems.insert(
            0,
            ParseProblem(
                name,
                f"line {headers[0][0] + 1}",
                _said("whatsapp.order_ambiguous", note=order_note, order=order),
            ),
        )
    lines_before = [i for i in range(headers[0][0]) if lines[i].strip()]
    if lines_before:
        start, end = lines_before[0], lines_before[-1]
        problems.insert(
            0,
            ParseProblem(
                name,
                _locator(start, end),
                _excerpt("\n".join(lines[start : end + 1])),
                "error",
            ),
        )
    _drop_rare_senders(splits)
    layout, extras = _layout(scan, days, order, order_note)
    return _Analysis(name, lines, headers, splits, days, problems, layout, extras)


def _scan(name: str, lines: list[str]) -> _Scan:
    """One pass: match headers, read their timestamps (each distinct date and time text read
    once), split ``SENDER: BODY``."""
    plain_header = _PLAIN_HEADER.match
    header = _HEADER.match
    headers: list[_Header] = []
    splits: list[_Split | None] = []
    scan = _Scan(headers, splits, set(), {}, {}, [])
    dates, times, add_style = scan.dates, scan.times, scan.styles.add
    table = _MARK_TABLE
    has_mark = _HAS_MARK
    add_header = headers.append
    add_split = splits.append
    unseen = _UNSEEN
    for index, line in enumerate(lines):
        found = plain_header(line)
        if found is not None:
            ios = False
        else:
            found = header(line)
            if found is None:
                continue
            ios = found.group("br") is not None
        # the date before the time, always: reading a new date records order evidence
        date_text, time_text, ts = found.group("date", "time", "ts")
        date = dates.get(date_text, unseen)
        if date is unseen:
            date = dates[date_text] = _read_date(_fields(found), scan)
        time = times.get(time_text, unseen)
        if time is unseen:
            time = times[time_text] = _read_time(_fields(found))
        if date is None or time is None:
            scan.problems.append(
                ParseProblem(
                    name,
                    f"line {index + 1}",
                    _said("whatsapp.invalid_header"),
                    "error",
                )
            )
            continue
        hour, minute, second, twelve, of_day = time
        add_style((ios, twelve))
        rest = line[found.end() :]
        add_header((index, rest, (date_text, hour, minute, second, ts, ios, twelve, of_day)))
        cut = rest.find(": ")
        if cut > 0:
            raw_sender = rest[:cut]
            body = rest[cut + 2 :]
        else:
            cut = rest.find(":")
            if cut <= 0 or rest[cut + 1 :] not in ("", "."):
                add_split(None)
                continue
            raw_sender = rest[:cut]
            body = rest[cut + 1 :]
        plain = raw_sender.isascii()
        if not plain and has_mark(raw_sender) is not None:
            raw_sender_clean = raw_sender.translate(table)
        else:
            raw_sender_clean = raw_sender
        sender = raw_sender_clean.strip()
        add_split((raw_sender, sender, body) if sender else None)
    return scan


_UNSEEN: Any = object()


def _fields(found: re.Match[str]) -> re.Match[str]:
    """The general pattern's match of a header line, whose groups hold the date's and time's
    fields (the plain pattern matched the same text, see ``_PLAIN_HEADER``)."""
    if found.re is _HEADER:
        return found
    full = _HEADER.match(found.string)
    if full is None or full.group("ts") != found.group("ts"):  # pragma: no cover
        raise AssertionError("the plain header pattern matched what the general one did not")
    return full


def _read_date(found: re.Match[str], scan: _Scan) -> _Date | None:
    """(year, a, b, is_ymd, is_us_style) from the date fields, or None; records day/month order
    evidence."""
    d1, separator, d2, d3, be = found.group("d1", "s", "d2", "d3", "be")
    if len(d1) == 4:
        if len(d3) > 2 or not d3.isdecimal() or be:
            return None
        year = int(d1)
        result = (year, int(d2), int(d3), True, False)
    else:
        if len(d1) > 2:
            return None
        era = d3[0]
        if era in "RH":
            number = int(d3[1:])
            if number < 1:
                return None
            year = number + (2018 if era == "R" else 1988)  # Reiwa 1 = 2019, Heisei 1 = 1989
        elif be:
            if len(d3) != 4:
                return None
            year = int(d3) - 543  # Buddhist era
        elif len(d3) == 2:
            year = 2000 + int(d3)
        elif len(d3) == 4:
            year = int(d3)
        else:
            return None
        us_style = separator == "/" and len(d3) == 2 and d1[0] != "0" and d2[0] != "0"
        result = (year, int(d1), int(d2), False, us_style)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    if not result[3]:
        if result[1] > 12:
            scan.day_first_evidence += 1
        elif result[2] > 12:
            scan.month_first_evidence += 1
        if era in "RH":
            scan.japanese = True
        elif be:
            scan.buddhist = True
    return result


def _read_time(found: re.Match[str]) -> tuple[int, int, int, bool, timedelta] | None:
    """(hour, minute, second, is_12h, time of day) from the time fields, or None."""
    hh, mm, ss, ap1, ap2 = found.group("hh", "mm", "ss", "ap1", "ap2")
    marker = ap1 or ap2
    hour, minute = int(hh), int(mm)
    second = int(ss) if ss else 0
    if minute > 59 or second > 59:
        return None
    if marker is None:
        if hour > 23:
            return None
        return hour, minute, second, False, timedelta(hours=hour, minutes=minute, seconds=second)
    if hour > 12:
        return None
    if marker[0] in "Aa" or marker in _AM_MARKERS:
        if hour == 12:
            hour = 0
    elif marker == _NOON_MARKER:
        if hour < 11:
            hour += 12
    elif hour < 12:  # P/p, 下午, 晚上, 午後, 오후, م
        hour += 12
    return hour, minute, second, True, timedelta(hours=hour, minutes=minute, seconds=second)


def _decide_order(scan: _Scan) -> tuple[str, str]:
    """Return ("d/m" | "m/d", note); the note is empty when the file settles the order.

    Evidence is counted per distinct date: a first field above 12 means d/m, a second field
    above 12 means m/d. If both occur (an inconsistent file) the majority wins and each header
    of the minority fails validation and is reported.
    """
    if scan.day_first_evidence or scan.month_first_evidence:
        if scan.day_first_evidence >= scan.month_first_evidence:
            return "d/m", ""
        return "m/d", ""
    plain = [date for date in scan.dates.values() if date is not None and not date[3]]
    if not plain:
        return "d/m", ""
    day_first = _inversions(scan, day_first=True)
    month_first = _inversions(scan, day_first=False)
    if day_first != month_first:
        chosen = "d/m" if day_first < month_first else "m/d"
        return chosen, _said("whatsapp.order_by_inversions")
    us_style = all(date[4] for date in plain)
    if us_style:
        return "m/d", _said("whatsapp.order_us_default")
    return "d/m", _said("whatsapp.order_default")


def _inversions(scan: _Scan, *, day_first: bool) -> int:
    count = 0
    previous: tuple[int, int, int, int, int, int] | None = None
    for _, _, stamp in scan.headers:
        date = scan.dates[stamp[0]]
        if date is None or date[3]:
            continue
        year, a, b, _, _ = date
        month, day = (b, a) if day_first else (a, b)
        if not _valid_date(year, month, day):
            count += 1
            continue
        key = (year, month, day, stamp[1], stamp[2], stamp[3])
        if previous is not None and key < previous:
            count += 1
        previous = key
    return count


def _valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2 and day == 29:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= _DAYS_IN_MONTH[month - 1]


def _apply_order(
    name: str, scan: _Scan, order: str
) -> tuple[dict[_DateKey, _Day], list[_Header], list[_Split | None]]:
    """Resolve every distinct date; headers whose date is invalid in this order are dropped
    (their line stays as text of the previous message) and reported."""
    day_first = order == "d/m"
    days: dict[_DateKey, _Day] = {}
    for key, date in scan.dates.items():
        if date is None:
            continue
        year, a, b, ymd, _ = date
        month, day = (b, a) if day_first and not ymd else (a, b)
        if _valid_date(year, month, day):
            days[key] = (year, month, day)
    headers, splits = scan.headers, scan.splits
    if len(days) == sum(1 for date in scan.dates.values() if date is not None):
        return days, headers, splits  # every date read is valid in this order
    kept_headers: list[_Header] = []
    kept_splits: list[_Split | None] = []
    for header, split in zip(headers, splits, strict=True):
        stamp = header[2]
        if stamp[0] in days:
            kept_headers.append(header)
            kept_splits.append(split)
            continue
        date = scan.dates[stamp[0]]
        written = "y/m/d" if date is not None and date[3] else f"{order}/y"
        scan.problems.append(
            ParseProblem(
                name,
                f"line {header[0] + 1}",
                _said("whatsapp.invalid_date", written=written),
                "error",
            )
        )
    scan.problems.sort(key=_problem_line)
    return days, kept_headers, kept_splits


def _problem_line(problem: ParseProblem) -> int:
    number = problem.locator.partition(" ")[2].partition("-")[0]
    return int(number) if number.isdigit() else 0


def _drop_rare_senders(splits: list[_Split | None]) -> None:
    """Turn sender candidates that are not participants back into system lines, in place.

    A candidate (the text before the first ``": "``) is a participant when it heads at least two
    lines, or when it is short and has no quotation marks: system lines that quote a group name
    (``X changed the subject to "a: b"``) are the usual false candidates.
    """
    counts = Counter(split[1] for split in splits if split is not None)
    rare = {
        sender
        for sender, count in counts.items()
        if count < 2 and (len(sender) > _MAX_SENDER_CHARS or not _QUOTES.isdisjoint(sender))
    }
    if rare:
        for index, split in enumerate(splits):
            if split is not None and split[1] in rare:
                splits[index] = None


def _layout(
    scan: _Scan, days: dict[_DateKey, _Day], order: str, order_note: str
) -> tuple[dict[str, str], tuple[str, ...]]:
    ios = {style[0] for style in scan.styles}
    twelve = {style[1] for style in scan.styles}
    platform = "mixed iOS/Android" if len(ios) == 2 else "iOS" if True in ios else "Android"
    clock = "mixed 12h/24h" if len(twelve) == 2 else "12h" if True in twelve else "24h"
    year_first = {date[3] for key in days if (date := scan.dates[key]) is not None}
    orders = []
    if False in year_first:
        orders.append(f"{order}/y")
    if True in year_first:
        orders.append("y/m/d")
    extras = []
    if order_note:
        extras.append(_said("whatsapp.ambiguous_order", note=order_note))
    if scan.buddhist:
        extras.append(_said("whatsapp.buddhist"))
    if scan.japanese:
        extras.append(_said("whatsapp.japanese"))
    layout = {"platform": platform, "clock": clock, "orders": " + ".join(orders)}
    return layout, tuple(extras)


# --- message kinds -------------------------------------------------------------------------------


def _languages(analysis: _Analysis) -> Counter[str]:
    """Language evidence from localised strings, exactly as the parse counts it."""
    languages: Counter[str] = Counter()
    for (_, rest, stamp), split in zip(analysis.headers, analysis.splits, strict=True):
        classified = _classify_system(rest) if split is None else _classify(split[2], stamp[5])
        if classified.language is not None:
            languages[classified.language] += 1
    return languages


def _classify_system(first_line: str) -> _Classified:
    clean = _unmarked(first_line).strip()
    if clean.startswith(_SYSTEM_PREFIX_TUPLE):
        for prefix, language in _SYSTEM_PREFIXES.items():
            if clean.startswith(prefix):
                return _Classified(_K.SYSTEM, language)
    return _SYSTEM


def _classify(first_line: str, ios: bool, marked: bool | None = None) -> _Classified:
    """Classify a message by the first line of its body (as written, marks included);
    ``marked``: whether that line holds a bidi mark, when the caller knows."""
    # One scan for marks decides all three mark tests below (a line without marks cannot start
    # with one or hold U+200E/U+200F): _unmarked() and the two `in` scans cost more than the rest.
    if marked is None:
        marked = not first_line.isascii() and _HAS_MARK(first_line) is not None
    clean = (first_line.translate(_MARK_TABLE) if marked else first_line).strip()
    if not clean:
        return _TEXT

    exact = _EXACT.get(clean)  # deleted, "<Media omitted>", calls, view-once
    if exact is not None:
        return exact

    if marked and ("\u200e" in first_line or "\u200f" in first_line):
        cut = max(first_line.rfind("\u200e"), first_line.rfind("\u200f"))
        omitted = _IOS_OMITTED.get(first_line[cut + 1 :].strip())
        if omitted is not None:
            kind, omitted_language = omitted
            name = first_line[:cut].translate(_MARK_TABLE).split(" • ")[0].strip()
            return _Classified(kind, omitted_language, kind, name)

    last = clean[-1]
    if last == ">":
        start = clean.rfind("<")
        if start >= 0:
            label, name = _split_label(clean[start + 1 : -1])
            language = _ATTACHED_LABELS.get(label)
            if language is not None and name:
                kind = _attachment_kind(name)
                return _Classified(kind, language, kind, name, look_up=True)
    elif last == ")":
        start = clean.rfind(" (")
        if start > 0:
            language = _FILE_ATTACHED_LABELS.get(clean[start + 2 : -1])
            if language is not None:
                name = clean[:start].strip()
                kind = _attachment_kind(name)
                return _Classified(kind, language, kind, name, look_up=True)

    if "://" in clean and _LOCATION.match(clean) is not None:
        return _LOCATED

    if clean[0] in _SYSTEM_FIRST and clean.startswith(_SYSTEM_PREFIX_TUPLE):
        return _classify_system(clean)

    if ios and marked and first_line.startswith(_LEAD_MARKS):
        return _SYSTEM  # iOS marks system notices (group events, calls...) with a leading mark
    return _TEXT


def _split_label(inner: str) -> tuple[str, str]:
    for colon in (":", "："):
        label, found, name = inner.partition(colon)
        if found:
            return label.strip(), name.strip()
    return "", ""


def _attachment_kind(name: str) -> MessageKind:
    found = _IOS_MEDIA_NAME.match(name) or _ANDROID_MEDIA_NAME.match(name)
    if found is not None:
        return _MEDIA_PREFIX_KINDS[found.group(1)]
    return _EXTENSION_KINDS.get(name.rpartition(".")[2].lower(), _K.FILE)


# --- building messages ---------------------------------------------------------------------------


class _Clock:
    """Local wall-clock time in one zone to aware UTC, with DST gaps and overlaps reported."""

    def __init__(self, zone: ZoneInfo) -> None:
        self._zone = zone

    def day_offset(self, year: int, month: int, day: int) -> timedelta | None:
        """The UTC offset for the whole local day, or None when it changes during the day."""
        start = datetime(year, month, day, tzinfo=self._zone)
        end = datetime(year, month, day, 23, 59, 59, tzinfo=self._zone)
        offsets = {
            _offset(start),
            _offset(start.replace(fold=1)),
            _offset(end),
            _offset(end.replace(fold=1)),
        }
        return offsets.pop() if len(offsets) == 1 else None

    def to_utc(
        self, year: int, month: int, day: int, hour: int, minute: int, second: int
    ) -> tuple[datetime, str | None]:
        local = datetime(year, month, day, hour, minute, second, tzinfo=self._zone)
        first = _offset(local)
        later = _offset(local.replace(fold=1))
        utc = datetime(year, month, day, hour, minute, second, tzinfo=UTC) - first
        if first == later:
            return utc, None
        shown = local.replace(tzinfo=None).isoformat(sep=" ")
        zone = self._zone.key
        code = "whatsapp.dst_twice" if first > later else "whatsapp.dst_gap"
        return utc, _said(
            code, time=shown, zone=zone, offset=_format_offset(first), utc=utc.isoformat()
        )


def _offset(moment: datetime) -> timedelta:
    offset = moment.utcoffset()
    return offset if offset is not None else timedelta(0)


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


class _Members:
    """Finds attachment files: next to the chat file first, else by unique file name."""

    def __init__(self, source: ExportSource) -> None:
        self._members = source.members
        directory = source.name.rpartition("/")[0] if source.container else ""
        self._prefix = f"{directory}/" if directory else ""
        self._by_name: dict[str, list[str]] | None = None

    def find(self, name: str) -> str | None:
        if not self._members:
            return None
        direct = self._prefix + name
        if direct in self._members:
            return direct
        if self._by_name is None:
            self._by_name = {}
            for member in sorted(self._members):
                key = unicodedata.normalize("NFC", member.rpartition("/")[2])
                self._by_name.setdefault(key, []).append(member)
        found = self._by_name.get(unicodedata.normalize("NFC", name.rpartition("/")[2]), [])
        return found[0] if len(found) == 1 else None


@dataclass(slots=True)
class _Built:
    messages: list[ParsedMessage]
    problems: list[ParseProblem]
    participants: list[str]
    languages: Counter[str]


def _build_messages(analysis: _Analysis, main: ExportSource, zone: ZoneInfo) -> _Built:
    lines = analysis.lines
    headers = analysis.headers
    splits = analysis.splits
    name = analysis.name
    clock = _Clock(zone)
    # Per distinct written date: (year, month, day, the UTC instant of its local midnight, or
    # None on a DST-change day).
    days: dict[_DateKey, tuple[int, int, int, datetime | None]] = {}
    for key, (year, month, day) in analysis.days.items():
        offset = clock.day_offset(year, month, day)
        midnight = None if offset is None else datetime(year, month, day, tzinfo=UTC) - offset
        days[key] = (year, month, day, midnight)
    # Per distinct timestamp text: the UTC instant, on days without a DST change (on those days
    # every message is converted, so that each one can be reported).
    instants: dict[str, datetime] = {}
    members = _Members(main)
    problems: list[ParseProblem] = []
    messages: list[ParsedMessage] = []
    participants: dict[str, None] = {}
    languages: Counter[str] = Counter()
    total = len(lines)
    nexts = [header[0] for header in headers[1:]]
    nexts.append(total)
    system_kind = _K.SYSTEM
    unknown_kind = _K.UNKNOWN
    text_class = _TEXT
    no_attachments: tuple[Attachment, ...] = ()
    table = _MARK_TABLE
    has_mark = _HAS_MARK
    classify = _classify
    message = bulk_message
    ref = bulk_source
    append = messages.append
    position = -1
    for (start, first, stamp), split, end in zip(headers, splits, nexts, strict=True):
        position += 1
        last = end - 1
        if last > start:
            while last > start and not lines[last].strip():
                last -= 1
            body_lines = lines[start + 1 : last + 1]
            locator = f"lines {start + 1}-{last + 1}" if last > start else f"line {start + 1}"
        else:
            body_lines = None
            locator = f"line {start + 1}"

        if split is None:
            raw_sender = sender = ""
            first_marked = not first.isascii() and has_mark(first) is not None
            classified = _classify_system(first)
        else:
            raw_sender, sender, first = split
            # the first line's marks, found once: for a one-line body they are the body's
            first_marked = not first.isascii() and has_mark(first) is not None
            classified = classify(first, stamp[5], first_marked)
        attachments = no_attachments
        if classified is text_class:
            kind = classified.kind
            if sender not in participants:
                participants[sender] = None
        else:
            kind = classified.kind
            if classified.language is not None:
                languages[classified.language] += 1
            if kind is not system_kind and sender not in participants:
                participants[sender] = None
            if classified.attachment_kind is not None:
                member = None
                state = AttachmentState.OMITTED
                if classified.look_up:
                    member = members.find(classified.attachment_name)
                    state = AttachmentState.EXPORTED if member else AttachmentState.MISSING
                attachments = (
                    Attachment(
                        classified.attachment_kind, classified.attachment_name, state, member
                    ),
                )

        if body_lines:
            body_raw = "\n".join([first, *body_lines])
            marked = not body_raw.isascii() and has_mark(body_raw) is not None
        else:
            body_raw = first
            marked = first_marked
        text = body_raw.translate(table) if marked else body_raw
        if kind is system_kind:
            text = text.strip()

        time_text = stamp[4]
        sent_at = instants.get(time_text)
        if sent_at is None:
            year, month, day, midnight = days[stamp[0]]
            if midnight is not None:
                # the same instant as datetime(..., hour, minute, second, tzinfo=UTC) - offset
                sent_at = instants[time_text] = midnight + stamp[7]
            else:
                sent_at, note = clock.to_utc(year, month, day, stamp[1], stamp[2], stamp[3])
                if note is not None:
                    problems.append(ParseProblem(name, f"line {start + 1}", note))

        raw = None
        if kind is system_kind or kind is unknown_kind or text != body_raw or sender != raw_sender:
            raw = "\n".join(lines[start : last + 1])
        append(
            message(
                position,
                sent_at,
                time_text,
                sender,
                kind,
                text,
                ref(name, locator),
                attachments,
                raw,
            )
        )
    return _Built(messages, problems, list(participants), languages)


def _unmarked(text: str) -> str:
    """``text`` without the bidi marks exports scatter through names and bodies."""
    if text.isascii() or _HAS_MARK(text) is None:
        return text
    return text.translate(_MARK_TABLE)


def _locator(start: int, end: int) -> str:
    return f"line {start + 1}" if end <= start else f"lines {start + 1}-{end + 1}"


def _excerpt(text: str) -> str:
    """The problem for text before the first header, quoting at most a few hundred characters."""
    if len(text) <= _PROBLEM_TEXT_CHARS:
        return _said("whatsapp.text_before_header", excerpt=text)
    return _said(
        "whatsapp.text_before_header_long",
        excerpt=text[:_PROBLEM_TEXT_CHARS],
        more=len(text) - _PROBLEM_TEXT_CHARS,
    )
