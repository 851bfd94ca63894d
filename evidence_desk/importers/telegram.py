"""Telegram Desktop "Export chat history" JSON (``result.json``): single chat and full export.

Schema: tdesktop ``export_output_json.cpp`` (chat-formats.md §2). What this importer guarantees:

* **Times.** ``date_unixtime`` (UTC seconds) is used when present and checked against the ``date``
  text, which is the wall clock of the exporting PC; disagreements are reported once per distinct
  offset. Messages with only ``date`` are read in the caller's zone, with DST gaps and overlaps
  reported. ``time_text`` is the value ``sent_at`` was computed from.
* **Text.** ``text`` (string or array of parts) is flattened by concatenating the parts without
  separators; a ``text_link`` whose ``href`` differs from its visible text is written
  ``"text (href)"`` so the target stays visible.
* **Media.** ``photo`` / ``file`` paths are resolved against ``source.members`` relative to the
  folder holding ``result.json`` (EXPORTED or MISSING); the skip strings such as
  ``(File not included. Change data exporting settings to download.)`` become OMITTED.
* **Service messages** become CALL (``phone_call``, ``group_call``) or SYSTEM, with a text naming
  the action and its fields; unknown actions and ``unsupported`` messages are kept (UNKNOWN) with
  the raw record. Any message carrying fields the records do not model (``edited``,
  ``forwarded_from``, ``reactions``...) keeps its raw JSON in ``raw``.
* **Repairs** on a parsing copy, recorded in ``repairs``: ``\\xHH`` escapes (tdesktop#27571),
  unquoted ``document_id`` values (tdesktop#24961); duplicate keys (tdesktop#28781) are kept as
  ``key#2`` and reported.
* **Full exports** (``{"chats": {"list": [...]}}``): :func:`list_chats` lists the chats and
  :func:`parse_chat` takes the chat to parse by id or name. Without a choice, an export holding
  exactly one chat is parsed; with several, ImportInputError lists them. We never guess which
  chat is the evidence, not even "the only personal chat": a wrong guess would silently import
  the wrong conversation.
* **from_self** is set when the export says who "me" is: a full export's
  ``personal_information.user_id``; or, in a ``personal_chat`` (whose ``id`` is the peer's user
  id), the peer's messages are not from self and, when exactly one other sender id occurs, that
  one is. Otherwise it stays ``None``.

Locators are JSON paths: ``$.messages[3]`` or ``$.chats.list[2].messages[3]``.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
    SourceRef,
    failure_facts,
)
from evidence_desk.importers.generic_csv import local_to_utc, resolve_zone
from evidence_desk.importers.text import decode_export

__all__ = [
    "FORMAT_NAME",
    "IMPORTER",
    "PARSER_VERSION",
    "TelegramChatInfo",
    "TelegramImporter",
    "list_chats",
    "parse_chat",
]

FORMAT_NAME = "telegram_json"
PARSER_VERSION = "2"  # 2: problems and repairs sealed as codes and facts

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DETECT_HEAD = 64 * 1024
_LIST_LIMIT = 30  # chats named in the "choose a chat" error
_MISMATCH_OFFSETS_SHOWN = 5

# The writer emits "\x" + two hex digits for control bytes; only an odd run of backslashes makes
# it an escape (an even run is escaped backslashes followed by a literal "x").
_X_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
_UNQUOTED_DOCUMENT_ID = re.compile(
    r'^(?P<pre>[ \t]*"document_id"[ \t]*:[ \t]*)(?P<val>[^"\s\[{][^\r\n]*?)(?P<post>,?[ \t]*)$',
    re.MULTILINE,
)
_DUPLICATE_SUFFIX = "#"
_SURROGATE = re.compile("[\ud800-\udfff]")

_CALL_ACTIONS = frozenset(
    {"phone_call", "group_call", "group_call_scheduled", "invite_to_group_call"}
)
_MEDIA_KINDS = {
    "sticker": MessageKind.STICKER,
    "voice_message": MessageKind.VOICE,
    "video_message": MessageKind.VIDEO,
    "video_file": MessageKind.VIDEO,
    "animation": MessageKind.VIDEO,
    "audio_file": MessageKind.FILE,
}
# Fields the records model, and presentation details that carry no evidential content. A message
# with any other field keeps its raw JSON.
_MODELLED = frozenset(
    {
        "id",
        "type",
        "date",
        "date_unixtime",
        "from",
        "from_id",
        "actor",
        "actor_id",
        "action",
        "text",
        "text_entities",
        "photo",
        "file",
        "file_name",
        "media_type",
        "reply_to_message_id",
        "contact_information",
        "contact_vcard",
        "location_information",
    }
)
_COSMETIC = frozenset(
    {
        "width",
        "height",
        "file_size",
        "photo_file_size",
        "thumbnail",
        "thumbnail_file_size",
        "mime_type",
    }
)
_SKIP_PREFIX = "("


@dataclass(frozen=True, slots=True)
class TelegramChatInfo:
    """One chat of an export, as offered to the caller for choosing."""

    id: str
    name: str
    type: str
    message_count: int
    locator: str  # "$" for a single-chat export, "$.chats.list[2]" in a full export

    def describe(self) -> str:
        return f"id {self.id or '?'} {self.type or '?'} {self.name!r} ({self.message_count} msgs)"


@dataclass(frozen=True, slots=True)
class _Loaded:
    source: ExportSource
    root: dict[str, object]
    encoding: str
    repairs: tuple[str, ...]
    chats: tuple[tuple[TelegramChatInfo, dict[str, object]], ...]
    full_export: bool


_said = Catalogue(
    {
        **COMMON_WORDING,
        "telegram.detected_folder": "Telegram Desktop export folder/zip with {member}",
        "telegram.detected_full": "Telegram Desktop JSON, full export (chats.list)",
        "telegram.detected_single": "Telegram Desktop JSON, single chat",
        "telegram.detected_single_type": "Telegram Desktop JSON, single chat, {chat_type}",
        "telegram.detected_plain": "Telegram Desktop JSON",
        "telegram.no_result": "no result.json in this folder or zip (Telegram JSON export)",
        "telegram.several_results": "several result.json files: {found}; pick one",
        "telegram.html": "this is an HTML file; export the chat again choosing 'Machine-readable "
        "JSON'",
        "telegram.not_object": "the top level is not a JSON object",
        "telegram.repaired_escapes": "replaced {count} invalid \\xHH "
        "{count:escape|escapes} with \\u00HH "
        "(Telegram Desktop writer bug, tdesktop#27571)",
        "telegram.repaired_document_id": "quoted {count} unquoted document_id "
        "{count:value|values} "
        "(Telegram Desktop writer bug, tdesktop#24961)",
        "telegram.chat_not_object": "a chat entry is not a JSON object",
        "telegram.not_telegram": "no 'messages' array and no 'chats.list': not a Telegram JSON "
        "export",
        "telegram.no_chats": "the export holds no chats",
        "telegram.several_chats": "the export holds {count} chats; choose one by id or name: "
        "{chats}",
        "telegram.chats_match": "{count} chats match {wanted!r}; choose by id: {chats}",
        "telegram.no_such_chat": "no chat with id or name {wanted!r}; chats: {chats}",
        "telegram.chat_list_more": "{chats}; and {more} more",
        "telegram.no_messages": "the chat has no 'messages' array",
        "telegram.not_desktop": "no message has 'date', 'date_unixtime' or a Telegram 'type': not "
        "a Telegram Desktop export (another app's JSON? choose its format)",
        "telegram.not_object_message": "message is not a JSON object; kept as unknown",
        "telegram.duplicate_key": "duplicate key {key!r}; later value kept as {kept!r} "
        "(tdesktop#28781)",
        "telegram.unknown_type": "message type {type!r} kept as unknown",
        "telegram.unixtime_range": "date_unixtime {value} out of range",
        "telegram.unixtime_not_number": "date_unixtime {value!r} is not a number",
        "telegram.unreadable_date": "unreadable date {value!r}",
        "telegram.no_date": "no date; placed at the previous message's time",
        "telegram.unreadable_date_used_unix": "unreadable date {value!r}; date_unixtime used",
        "telegram.zone_mismatch": "the 'date' text differs from date_unixtime by {offset} in "
        "zone {zone} for {count} {count:message|messages}; the exporting PC was probably in "
        "another zone. "
        "date_unixtime was used",
        "telegram.zone_mismatch_more": "the 'date' text differs from date_unixtime by {amounts} "
        "further different {amounts:amount|amounts} in {count} {count:message|messages}; "
        "date_unixtime was used",
        "telegram.text_not_string": "'text' is neither a string nor an array; kept as JSON",
        "telegram.unreadable_part": "unreadable text part kept as JSON",
    }
)


class TelegramImporter:
    """The registry entry: ``parse`` parses the only chat, or refuses listing the chats."""

    name = FORMAT_NAME
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        try:
            return _detect(source)
        except Exception:  # detect must never raise, whatever the input
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        return parse_chat(source, tz)


IMPORTER = TelegramImporter()


def list_chats(source: ExportSource) -> tuple[TelegramChatInfo, ...]:
    """The chats in a Telegram export (one for a single-chat export); raises ImportInputError."""
    return tuple(info for info, _ in _load(source).chats)


def parse_chat(source: ExportSource, tz: str, chat: int | str | None = None) -> ParsedChat:
    """Parse one chat of a Telegram JSON export; local ``date`` texts are read in zone ``tz``.

    ``chat`` selects a chat of a full export by id (``123`` or ``"123"``) or exact name. Without
    it, an export holding a single chat is parsed and one holding several is refused with an
    ImportInputError that lists them (see :func:`list_chats`).
    """
    zone = resolve_zone(source.name, tz)
    loaded = _load(source)
    info, chat_obj = _choose(loaded, chat)
    try:
        return _ChatParser(loaded, zone, info, chat_obj).parse()
    except RecursionError:
        raise ImportInputError(
            loaded.source.name, info.locator, _said("import.json_too_deep")
        ) from None


# ----------------------------------------------------------------------------------------------
# Loading: main file, decoding, repairs, JSON
# ----------------------------------------------------------------------------------------------


def _main_source(source: ExportSource) -> ExportSource:
    if source.data or not source.members:
        return source
    candidates = sorted(
        (name for name in source.members if posixpath.basename(name).lower() == "result.json"),
        key=lambda name: (name.count("/"), name),
    )
    if not candidates:
        raise ImportInputError(source.name, "", _said("telegram.no_result"))
    top = [name for name in candidates if name.count("/") == candidates[0].count("/")]
    if len(top) > 1:
        raise ImportInputError(
            source.name, "", _said("telegram.several_results", found=", ".join(top))
        )
    return select_main(source, top[0])


def _load(source: ExportSource) -> _Loaded:
    source = _main_source(source)
    name = source.name
    if not source.data.strip():
        raise ImportInputError(name, "", _said("import.empty_file"))
    decoded = decode_export(name, source.data, allow_gb18030=False)
    text = decoded.text
    if text.lstrip()[:1] == "<":
        raise ImportInputError(name, "line 1", _said("telegram.html"))
    text, repairs = _repair(text)
    try:
        root: object = json.loads(text, object_pairs_hook=_keep_duplicates)
    except json.JSONDecodeError as error:
        raise ImportInputError(
            name,
            f"line {error.lineno}, column {error.colno}",
            _said(
                "import.invalid_json",
                error=error.msg,
                line=error.lineno,
                column=error.colno,
                **failure_facts(error),
            ),
        ) from None
    except RecursionError:
        raise ImportInputError(name, "", _said("import.json_too_deep")) from None
    if not isinstance(root, dict):
        raise ImportInputError(name, "$", _said("telegram.not_object"))
    chats, full_export = _chats(name, root)
    return _Loaded(source, root, decoded.encoding, repairs, chats, full_export)


def _repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Fix the known tdesktop JSON writer bugs on a parsing copy; say what was changed."""
    repairs: list[str] = []
    count = 0
    if "\\x" in text:
        text, count = _X_ESCAPE.subn(r"\1\\u00\2", text)
    if count:
        repairs.append(_said("telegram.repaired_escapes", count=count))
    fixed = 0

    def quote(match: re.Match[str]) -> str:
        nonlocal fixed
        value = match["val"].rstrip()
        try:
            json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            fixed += 1
            return match["pre"] + json.dumps(value, ensure_ascii=False) + match["post"]
        return match.group(0)

    if '"document_id"' in text:
        text = _UNQUOTED_DOCUMENT_ID.sub(quote, text)
    if fixed:
        repairs.append(_said("telegram.repaired_document_id", count=fixed))
    return text, tuple(repairs)


def _keep_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build an object without losing duplicate keys: later ones become ``key#2``, ``key#3``."""
    result: dict[str, object] = dict(pairs)
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:
        if key in result:
            n = 2
            while f"{key}{_DUPLICATE_SUFFIX}{n}" in result:
                n += 1
            key = f"{key}{_DUPLICATE_SUFFIX}{n}"
        result[key] = value
    return result


def _chats(
    name: str, root: dict[str, object]
) -> tuple[tuple[tuple[TelegramChatInfo, dict[str, object]], ...], bool]:
    if isinstance(root.get("messages"), list):
        return ((_info(root, "$"), root),), False
    found: list[tuple[TelegramChatInfo, dict[str, object]]] = []
    is_full = False
    for section in ("chats", "left_chats"):
        holder = root.get(section)
        if not isinstance(holder, dict) or not isinstance(holder.get("list"), list):
            continue
        is_full = True
        chat_list = holder["list"]
        assert isinstance(chat_list, list)
        for i, chat in enumerate(chat_list):
            locator = f"$.{section}.list[{i}]"
            if not isinstance(chat, dict):
                raise ImportInputError(name, locator, _said("telegram.chat_not_object"))
            found.append((_info(chat, locator), chat))
    if not is_full:
        raise ImportInputError(name, "$", _said("telegram.not_telegram"))
    return tuple(found), True


def _info(chat: dict[str, object], locator: str) -> TelegramChatInfo:
    chat_id = chat.get("id")
    messages = chat.get("messages")
    return TelegramChatInfo(
        id="" if chat_id is None or isinstance(chat_id, dict | list) else str(chat_id),
        name=_clean(chat.get("name")) if isinstance(chat.get("name"), str) else "",
        type=_clean(chat.get("type")) if isinstance(chat.get("type"), str) else "",
        message_count=len(messages) if isinstance(messages, list) else 0,
        locator=locator,
    )


def _choose(loaded: _Loaded, chat: int | str | None) -> tuple[TelegramChatInfo, dict[str, object]]:
    name = loaded.source.name
    chats = loaded.chats
    if chat is None:
        if len(chats) == 1:
            return chats[0]
        if not chats:
            raise ImportInputError(name, "$.chats.list", _said("telegram.no_chats"))
        raise ImportInputError(
            name,
            "$.chats.list",
            _said(
                "telegram.several_chats",
                count=len(chats),
                chats=_describe(info for info, _ in chats),
            ),
        )
    wanted = str(chat).strip()
    by_id = [entry for entry in chats if entry[0].id and entry[0].id == wanted]
    if len(by_id) == 1:
        return by_id[0]
    by_name = [entry for entry in chats if entry[0].name == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1 or len(by_id) > 1:
        several = by_name or by_id
        raise ImportInputError(
            name,
            "$.chats.list",
            _said(
                "telegram.chats_match",
                count=len(several),
                wanted=wanted,
                chats=_describe(info for info, _ in several),
            ),
        )
    raise ImportInputError(
        name,
        "$.chats.list" if loaded.full_export else "$",
        _said("telegram.no_such_chat", wanted=wanted, chats=_describe(info for info, _ in chats)),
    )


def _describe(infos: Iterable[TelegramChatInfo]) -> str:
    items = list(infos)
    text = "; ".join(info.describe() for info in items[:_LIST_LIMIT])
    if len(items) > _LIST_LIMIT:
        return _said("telegram.chat_list_more", chats=text, more=len(items) - _LIST_LIMIT)
    return text


# ----------------------------------------------------------------------------------------------
# Detection
# ----------------------------------------------------------------------------------------------

_MESSAGE_TYPES = frozenset({"message", "service", "unsupported"})
_HEAD_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_HEAD_FULL = re.compile(r'"chats"\s*:\s*\{')
_HEAD_TELEGRAM_KEYS = re.compile(
    r'"(?:date_unixtime|from_id|text_entities|actor_id|personal_information)"\s*:'
    r'|"type"\s*:\s*"(?:personal_chat|bot_chat|private_group|private_supergroup|public_supergroup'
    r'|private_channel|public_channel|saved_messages|replies|service)"'
)
_HEAD_MINIMAL = re.compile(r'"type"\s*:\s*"message"[^{}]*"date"\s*:\s*"\d{4}-')
_HEAD_CHAT_TYPE = re.compile(
    r'^\s{0,8}"type"\s*:\s*"([a-z_]+_(?:chat|group|supergroup|channel|messages)|replies)"',
    re.MULTILINE,
)


def _detect(source: ExportSource) -> str | None:
    if not source.data and source.members:
        names = [n for n in source.members if posixpath.basename(n).lower() == "result.json"]
        if names:
            return _said("telegram.detected_folder", member=min(names, key=len))
        return None
    head = source.data[:_DETECT_HEAD].decode("utf-8", errors="ignore").lstrip("\ufeff")
    if not head.lstrip().startswith("{"):
        return None
    if '"timestamp_ms"' in head or '"sender_name"' in head:
        return None  # Messenger / Instagram
    full = bool(_HEAD_FULL.search(head)) and '"list"' in head
    if not (_HEAD_MESSAGES.search(head) or full):
        return None
    if not (_HEAD_TELEGRAM_KEYS.search(head) or _HEAD_MINIMAL.search(head)):
        return None
    if full:
        return _said("telegram.detected_full")
    chat_type = _HEAD_CHAT_TYPE.search(head)
    if chat_type:
        return _said("telegram.detected_single_type", chat_type=chat_type.group(1))
    return _said("telegram.detected_single")


# ----------------------------------------------------------------------------------------------
# Parsing one chat
# ----------------------------------------------------------------------------------------------


def _clean(value: object) -> str:
    """``value`` as text that survives UTF-8 encoding: lone surrogates become U+FFFD."""
    text = value if isinstance(value, str) else str(value)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _dump(value: object) -> str:
    return _clean(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _render(value: object) -> str:
    return _clean(value) if isinstance(value, str) else _dump(value)


def _id_text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    return _clean(value)


class _ChatParser:
    def __init__(
        self,
        loaded: _Loaded,
        zone: ZoneInfo,
        info: TelegramChatInfo,
        chat: dict[str, object],
    ) -> None:
        self.loaded = loaded
        self.file = loaded.source.name
        self.zone = zone
        self.info = info
        self.chat = chat
        self.problems: list[ParseProblem] = []
        self.mismatches: dict[int, list[str]] = {}
        self.self_ids = self._self_ids()
        self.base_dir = posixpath.dirname(self.file.replace("\\", "/"))

    def parse(self) -> ParsedChat:
        messages_value = self.chat.get("messages")
        if not isinstance(messages_value, list):
            raise ImportInputError(self.file, self.info.locator, _said("telegram.no_messages"))
        if messages_value and not any(
            isinstance(m, dict)
            and ("date" in m or "date_unixtime" in m or m.get("type") in _MESSAGE_TYPES)
            for m in messages_value
        ):
            # Another app's JSON forced with --format (Messenger's message_N.json has
            # "messages" too): refuse rather than return every message as an undated "unknown".
            raise ImportInputError(
                self.file,
                f"{self.info.locator}.messages",
                _said("telegram.not_desktop"),
            )
        messages: list[ParsedMessage] = []
        previous = _EPOCH
        prefix = "$" if self.info.locator == "$" else self.info.locator
        for i, raw in enumerate(messages_value):
            locator = f"{prefix}.messages[{i}]"
            message = self._message(len(messages), raw, locator, previous)
            previous = message.sent_at
            messages.append(message)
        self._report_mismatches()
        participants: list[str] = []
        for message in messages:
            if message.sender and message.sender not in participants:
                participants.append(message.sender)
        return ParsedChat(
            format_name=FORMAT_NAME,
            parser_version=PARSER_VERSION,
            detection_reason=_detect(self.loaded.source) or _said("telegram.detected_plain"),
            title=self._title(),
            participants=tuple(participants),
            messages=tuple(messages),
            timezone=self.zone.key,
            encoding=self.loaded.encoding,
            problems=tuple(self.problems),
            repairs=self.loaded.repairs,
        )

    def _title(self) -> str:
        if self.info.name:
            return self.info.name
        return {"saved_messages": "Saved Messages", "replies": "Replies"}.get(self.info.type, "")

    def _self_ids(self) -> frozenset[str]:
        """The exporting account's ids: from a full export's ``personal_information``, or in a
        personal chat (whose ``id`` is the peer's user id) the one sender id that is not the
        peer's. Empty when the export does not say."""
        personal = self.loaded.root.get("personal_information")
        if isinstance(personal, dict):
            user_id = _id_text(personal.get("user_id"))
            if user_id:
                return frozenset({user_id, f"user{user_id}"})
        if self.info.type != "personal_chat" or not self.info.id:
            return frozenset()
        peer = self._peer_ids()
        others: set[str] = set()
        messages = self.chat.get("messages")
        for message in messages if isinstance(messages, list) else ():
            if isinstance(message, dict):
                for key in ("from_id", "actor_id"):
                    sender_id = _id_text(message.get(key))
                    if sender_id and sender_id not in peer:
                        others.add(sender_id)
        return frozenset(others) if len(others) == 1 else frozenset()

    def _peer_ids(self) -> frozenset[str]:
        if self.info.type != "personal_chat" or not self.info.id:
            return frozenset()
        return frozenset({self.info.id, f"user{self.info.id}"})

    def _from_self(self, sender_id: str | None) -> bool | None:
        if sender_id is None:
            return None
        if self.self_ids:
            return sender_id in self.self_ids
        if sender_id in self._peer_ids():
            return False
        return None

    def _problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.file, locator, reason, severity))

    # -- one message ---------------------------------------------------------------------------

    def _message(self, index: int, raw: object, locator: str, previous: datetime) -> ParsedMessage:
        source = SourceRef(self.file, locator)
        if not isinstance(raw, dict):
            self._problem(locator, _said("telegram.not_object_message"), "error")
            return ParsedMessage(
                index=index,
                sent_at=previous,
                time_text="",
                sender="",
                kind=MessageKind.UNKNOWN,
                text="",
                source=source,
                raw=_dump(raw),
            )
        for key in raw:
            if _DUPLICATE_SUFFIX in key and key.rsplit(_DUPLICATE_SUFFIX, 1)[1].isdecimal():
                original = key.rsplit(_DUPLICATE_SUFFIX, 1)[0]
                self._problem(
                    locator,
                    _said("telegram.duplicate_key", key=original, kept=key),
                )
        sent_at, time_text = self._time(raw, locator, previous)
        message_type = raw.get("type")
        native_id = _id_text(raw.get("id"))
        reply_to = _id_text(raw.get("reply_to_message_id"))
        text = self._text(raw, locator)
        if message_type == "service":
            sender_name, sender_id = self._person(raw, "actor", "actor_id")
            action = raw.get("action")
            is_call = isinstance(action, str) and action in _CALL_ACTIONS
            kind = MessageKind.CALL if is_call else MessageKind.SYSTEM
            return ParsedMessage(
                index=index,
                sent_at=sent_at,
                time_text=time_text,
                sender=sender_name,
                kind=kind,
                text=self._service_text(raw, text),
                source=source,
                sender_id=sender_id,
                from_self=self._from_self(sender_id),
                native_id=native_id,
                reply_to=reply_to,
                raw=_dump(raw),
            )
        sender_name, sender_id = self._person(raw, "from", "from_id")
        kind, attachments, extra_text = self._content(raw)
        if message_type != "message":
            if message_type is not None or kind is MessageKind.TEXT:
                kind = MessageKind.UNKNOWN
            self._problem(locator, _said("telegram.unknown_type", type=_render(message_type)))
        unmodelled = [k for k in raw if k not in _MODELLED and k not in _COSMETIC]
        if kind is MessageKind.TEXT and not text and unmodelled:
            kind = MessageKind.UNKNOWN
        if extra_text:
            text = f"{text}\n{extra_text}" if text else extra_text
        keep_raw = bool(unmodelled) or kind is MessageKind.UNKNOWN
        return ParsedMessage(
            index=index,
            sent_at=sent_at,
            time_text=time_text,
            sender=sender_name,
            kind=kind,
            text=text,
            source=source,
            sender_id=sender_id,
            from_self=self._from_self(sender_id),
            native_id=native_id,
            reply_to=reply_to,
            attachments=attachments,
            raw=_dump(raw) if keep_raw else None,
        )

    def _person(self, raw: dict[str, object], name_key: str, id_key: str) -> tuple[str, str | None]:
        sender_id = _id_text(raw.get(id_key))
        name = raw.get(name_key)
        if isinstance(name, str):
            return _clean(name), sender_id
        if name_key in raw and name is None:
            return "Deleted Account", sender_id  # what Telegram shows for a deleted user
        return (sender_id or ""), sender_id

    def _time(
        self, raw: dict[str, object], locator: str, previous: datetime
    ) -> tuple[datetime, str]:
        unix = raw.get("date_unixtime")
        date_text = raw.get("date")
        if isinstance(unix, str | int) and not isinstance(unix, bool):
            unix_text = str(unix).strip()
            if unix_text.lstrip("-").isdecimal():
                try:
                    sent_at = _EPOCH + timedelta(seconds=int(unix_text))
                except OverflowError:
                    self._problem(
                        locator, _said("telegram.unixtime_range", value=unix_text), "error"
                    )
                else:
                    if isinstance(date_text, str):
                        self._check_date_text(sent_at, date_text, locator)
                    return sent_at, _clean(unix_text)
            else:
                self._problem(
                    locator, _said("telegram.unixtime_not_number", value=_render(unix)), "error"
                )
        if isinstance(date_text, str):
            try:
                parsed = datetime.fromisoformat(date_text)
                if parsed.tzinfo is not None:
                    return parsed.astimezone(UTC), _clean(date_text)
                sent_at, warning = local_to_utc(parsed, self.zone)
            except (ValueError, OverflowError):
                self._problem(
                    locator, _said("telegram.unreadable_date", value=_clean(date_text)), "error"
                )
            else:
                if warning:
                    self._problem(locator, warning)
                return sent_at, _clean(date_text)
        else:
            self._problem(locator, _said("telegram.no_date"), "error")
        return previous, _clean(date_text) if isinstance(date_text, str) else ""

    def _check_date_text(self, sent_at: datetime, date_text: str, locator: str) -> None:
        try:
            written = datetime.fromisoformat(date_text)
            if written.tzinfo is not None:
                written = written.astimezone(self.zone)
            expected = sent_at.astimezone(self.zone).replace(tzinfo=None)
            written = written.replace(tzinfo=None)
        except (ValueError, OverflowError):
            self._problem(
                locator, _said("telegram.unreadable_date_used_unix", value=_clean(date_text))
            )
            return
        delta = int((written - expected).total_seconds())
        if delta:
            self.mismatches.setdefault(delta, []).append(locator)

    def _report_mismatches(self) -> None:
        """One warning per distinct offset (a PC in another zone gives one, DST two or three);
        beyond a few, the rest are summarised so a damaged file cannot flood the preview."""
        items = list(self.mismatches.items())
        others = items[_MISMATCH_OFFSETS_SHOWN:]
        for delta, locators in items[:_MISMATCH_OFFSETS_SHOWN]:
            sign = "+" if delta >= 0 else "-"
            hours, rest = divmod(abs(delta), 3600)
            self._problem(
                locators[0],
                _said(
                    "telegram.zone_mismatch",
                    offset=f"{sign}{hours:02d}:{rest // 60:02d}:{rest % 60:02d}",
                    zone=self.zone.key,
                    count=len(locators),
                ),
            )
        if others:
            count = sum(len(locators) for _, locators in others)
            self._problem(
                others[0][1][0],
                _said("telegram.zone_mismatch_more", amounts=len(others), count=count),
            )

    def _text(self, raw: dict[str, object], locator: str) -> str:
        value = raw.get("text")
        if value is None:
            value = raw.get("text_entities")
        if value is None:
            return ""
        if isinstance(value, str):
            return _clean(value)
        if isinstance(value, list):
            return "".join(self._part(part, locator) for part in value)
        self._problem(locator, _said("telegram.text_not_string"))
        return _dump(value)

    def _part(self, part: object, locator: str) -> str:
        if isinstance(part, str):
            return _clean(part)
        if isinstance(part, dict):
            text = part.get("text")
            if isinstance(text, str):
                href = part.get("href")
                if isinstance(href, str) and href and href != text:
                    return f"{_clean(text)} ({_clean(href)})"
                return _clean(text)
        self._problem(locator, _said("telegram.unreadable_part"))
        return _dump(part)

    def _service_text(self, raw: dict[str, object], text: str) -> str:
        action = raw.get("action")
        head = _render(action) if action is not None else "service"
        details = [
            f"{key}: {_render(raw[key])}"
            for key in sorted(raw)
            if key not in _MODELLED and key not in _COSMETIC
        ]
        result = f"{head} ({', '.join(details)})" if details else head
        return f"{result}: {text}" if text else result

    def _content(self, raw: dict[str, object]) -> tuple[MessageKind, tuple[Attachment, ...], str]:
        attachments: list[Attachment] = []
        kind = MessageKind.TEXT
        extra = ""
        file_name = raw.get("file_name")
        if "photo" in raw:
            kind = MessageKind.IMAGE
            attachments.append(self._attachment(MessageKind.IMAGE, raw["photo"], file_name))
        if "file" in raw:
            media_type = raw.get("media_type")
            file_kind = (
                _MEDIA_KINDS.get(media_type, MessageKind.FILE)
                if isinstance(media_type, str)
                else MessageKind.FILE
            )
            if kind is MessageKind.TEXT:
                kind = file_kind
            attachments.append(self._attachment(file_kind, raw["file"], file_name))
        if "contact_vcard" in raw:
            card = self._attachment(MessageKind.CONTACT_CARD, raw["contact_vcard"], None)
            attachments.append(card)
        contact = raw.get("contact_information")
        if isinstance(contact, dict):
            kind = MessageKind.CONTACT_CARD if kind is MessageKind.TEXT else kind
            names = [contact.get("first_name"), contact.get("last_name")]
            extra = " ".join(_clean(n) for n in names if isinstance(n, str) and n)
            phone = contact.get("phone_number")
            if isinstance(phone, str) and phone:
                extra = f"{extra}, {_clean(phone)}" if extra else _clean(phone)
        location = raw.get("location_information")
        if isinstance(location, dict):
            kind = MessageKind.LOCATION if kind is MessageKind.TEXT else kind
            extra = f"{_render(location.get('latitude'))}, {_render(location.get('longitude'))}"
            for key in ("place_name", "address"):
                value = raw.get(key)
                if isinstance(value, str) and value:
                    extra += f", {_clean(value)}"
        poll = raw.get("poll")
        if isinstance(poll, dict):
            kind = MessageKind.UNKNOWN
            answers = poll.get("answers")
            texts = (
                [_render(a.get("text")) for a in answers if isinstance(a, dict)]
                if isinstance(answers, list)
                else []
            )
            extra = f"Poll: {_render(poll.get('question'))} [{' / '.join(texts)}]"
        return kind, tuple(attachments), extra

    def _attachment(self, kind: MessageKind, value: object, file_name: object) -> Attachment:
        label = _clean(file_name) if isinstance(file_name, str) and file_name else None
        if not isinstance(value, str) or not value.strip() or value.startswith(_SKIP_PREFIX):
            # "(File not included. ...)": declared, not exported. Keep the writer's words.
            name = label or (_clean(value) if isinstance(value, str) and value else kind.value)
            return Attachment(kind, name, AttachmentState.OMITTED)
        path = value.replace("\\", "/")
        candidates = _candidates(path, self.base_dir)
        name = label or _clean(posixpath.basename(path) or path)
        for candidate in candidates:
            if self.loaded.source.has_member(candidate):
                return Attachment(kind, name, AttachmentState.EXPORTED, candidate)
        member = candidates[0] if candidates else _clean(path)
        return Attachment(kind, name, AttachmentState.MISSING, _clean(member))


def _candidates(path: str, base_dir: str) -> Sequence[str]:
    """Member paths ``path`` may refer to: relative to result.json's folder, then to the root."""
    found: list[str] = []
    for joined in (posixpath.join(base_dir, path) if base_dir else path, path):
        normal = posixpath.normpath(joined)
        if normal.startswith(("../", "/")) or normal in ("..", ".") or normal in found:
            continue
        found.append(normal)
    return found
