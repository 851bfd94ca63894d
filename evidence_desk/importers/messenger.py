"""Facebook Messenger / Instagram "Download your information" JSON (``message_N.json``).

Schema: chat-formats.md §6. What this importer guarantees:

* **Order.** Files list messages newest first; messages are sorted by ``timestamp_ms`` (UTC ms,
  ``time_text`` is that number), ties kept in chronological file order (reverse of the file).
* **Mojibake.** Facebook writes UTF-8 bytes as ``\\u00XX`` code points. When no string in the
  file has a code point above U+00FF and at least one has one in U+0080..U+00FF, the file is
  taken as mojibake and every string is re-decoded (latin-1 bytes → UTF-8) on a parsing copy;
  the repair and its count go into ``repairs``, strings that do not round-trip stay as written
  and are reported. A file that already holds real non-Latin-1 text is left alone.
* **Media.** ``photos``/``videos``/``audio_files``/``gifs``/``files``/``sticker`` ``uri`` values
  are resolved against ``source.members`` (EXPORTED / MISSING); web URLs are OMITTED.
* Unsent messages are RECALLED, calls CALL, ``Subscribe``/``Unsubscribe`` SYSTEM, unknown
  ``type`` values and empty records UNKNOWN with the raw record. Fields the records do not model
  (``reactions``, ``share``, ``call_duration``...) keep the raw JSON in ``raw``.
* Participants are known by display name only; ``sender_id`` and ``from_self`` stay ``None``.
* A thread's ``message_1.json``, ``message_2.json``... are parsed as one chat: picking one file
  of a folder or zip brings in its siblings, and a container holding a single thread is parsed
  whole; a container with several threads is refused with the list (pick one file).
* HTML downloads (``message_1.html``) are refused with a message saying to request JSON.

Locators are ``$.messages[i]`` (``file:$.messages[i]`` is not used: ``SourceRef.file`` names the
``message_N.json`` the record came from).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

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
from evidence_desk.importers.generic_csv import resolve_zone
from evidence_desk.importers.text import decode_export

__all__ = ["FORMAT_NAME", "IMPORTER", "PARSER_VERSION", "MessengerImporter"]

FORMAT_NAME = "messenger_json"
PARSER_VERSION = "2"  # 2: problems and repairs sealed as codes and facts

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DETECT_HEAD = 64 * 1024
_MESSAGE_FILE = re.compile(r"(?:^|/)message_(\d+)\.json$", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_MESSAGE_HTML = re.compile(r"(?:^|/)message_\d+\.html?$", re.IGNORECASE)

# (field, kind), in the order that decides the message kind when several are present.
_MEDIA_FIELDS: tuple[tuple[str, MessageKind], ...] = (
    ("photos", MessageKind.IMAGE),
    ("gifs", MessageKind.IMAGE),
    ("videos", MessageKind.VIDEO),
    ("audio_files", MessageKind.VOICE),
    ("files", MessageKind.FILE),
    ("sticker", MessageKind.STICKER),
)
_KNOWN_TYPES = frozenset({"Generic", "Share", "Call", "Subscribe", "Unsubscribe"})
_MODELLED = frozenset(
    {"sender_name", "timestamp_ms", "content", "type", "is_unsent", *(f for f, _ in _MEDIA_FIELDS)}
)
_COSMETIC = frozenset(
    {"is_geoblocked_for_viewer", "is_unsent_image_by_messenger_kid_parent", "is_taken_down"}
)


def _redecode(text: str) -> str | None:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


@dataclass(slots=True)
class _Mojibake:
    """The file-level repair decision; counts are over the string values of the file."""

    active: bool
    repaired: int = 0
    failed: int = 0
    first_failure: str | None = None

    @classmethod
    def decide(cls, root: object) -> _Mojibake:
        latin = False
        for text in _strings(root):
            if not text.isascii():
                if ord(max(text)) > 0xFF:
                    return cls(active=False)
                latin = True
        if not latin:
            return cls(active=False)
        result = cls(active=True)
        for text in _strings(root):
            if not text.isascii():
                if _redecode(text) is None:
                    result.failed += 1
                else:
                    result.repaired += 1
        return result

    def fix(self, text: str, locator: str) -> str:
        if not self.active or text.isascii():
            return text
        fixed = _redecode(text)
        if fixed is None:
            if self.first_failure is None:
                self.first_failure = locator
            return text
        return fixed


_said = Catalogue(
    {
        **COMMON_WORDING,
        "messenger.detected_plain": "Messenger/Instagram JSON",
        "messenger.detected_files": "{reason}, {count} files: {files}",
        "messenger.detected_download": "{where} JSON download ({count} message_N.json "
        "{count:file|files})",
        "messenger.detected_html": "Messenger/Instagram HTML download (not readable: request JSON)",
        "messenger.detected_file": "{where} (messages[] with sender_name, timestamp_ms)",
        "messenger.html_download": "this is the HTML download; request 'Download your "
        "information' in JSON format",
        "messenger.no_message_file": "no message_N.json in this folder or zip",
        "messenger.several": "{count} conversations ({shown}); pick one message_N.json",
        "messenger.several_more": "{count} conversations ({shown} and {more} more); pick one "
        "message_N.json",
        "messenger.no_messages": "no 'messages' array: not a Messenger/Instagram message_N.json",
        "messenger.not_messenger": "no message has 'sender_name' or 'timestamp_ms': not a "
        "Messenger/Instagram message_N.json (another app's export? choose its format)",
        "messenger.mojibake_repaired": "{file}: re-decoded {count} mojibake "
        "{count:string|strings} (UTF-8 bytes written as \\u00XX code points) from latin-1 to UTF-8",
        "messenger.mojibake_failed": "{count} {count:string|strings} could not be re-decoded as "
        "UTF-8 and {count:is|are} kept as written",
        "messenger.not_object": "message is not a JSON object; kept as unknown",
        "messenger.unknown_type": "message type {type!r} kept as unknown",
        "messenger.empty_message": "message with neither content nor media kept as unknown",
        "messenger.bad_timestamp": "timestamp_ms {value} unreadable; placed at 1970-01-01",
    }
)


class MessengerImporter:
    name = FORMAT_NAME
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        try:
            return _detect(source)
        except Exception:  # detect must never raise, whatever the input
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        zone = resolve_zone(source.name, tz)
        files = _message_files(source)
        problems: list[ParseProblem] = []
        repairs: list[str] = []
        entries: list[tuple[int, int, ParsedMessage]] = []
        titles: list[str] = []
        participants: list[str] = []
        encodings: list[str] = []
        for order, part in enumerate(files):
            parsed = _parse_file(part)
            problems.extend(parsed.problems)
            repairs.extend(parsed.repairs)
            encodings.append(parsed.encoding)
            if parsed.title and parsed.title not in titles:
                titles.append(parsed.title)
            for name in parsed.participants:
                if name not in participants:
                    participants.append(name)
            # Newest first inside a file and message_1 is the newest file: reverse both.
            for position, message in enumerate(parsed.messages):
                entries.append((-order, -position, message))
        entries.sort(key=lambda e: (e[2].sent_at, e[0], e[1]))
        messages = tuple(replace(message, index=i) for i, (_, _, message) in enumerate(entries))
        for message in messages:
            if message.sender and message.sender not in participants:
                participants.append(message.sender)
        detected = _detect(files[0]) or _said("messenger.detected_plain")
        if len(files) > 1:
            detected = _said(
                "messenger.detected_files",
                reason=detected,
                count=len(files),
                files=", ".join(f.name for f in files),
            )
        return ParsedChat(
            format_name=FORMAT_NAME,
            parser_version=PARSER_VERSION,
            detection_reason=detected,
            title=" / ".join(titles),
            participants=tuple(participants),
            messages=messages,
            timezone=zone.key,
            encoding=encodings[0] if len(set(encodings)) == 1 else "+".join(encodings),
            problems=tuple(problems),
            repairs=tuple(repairs),
        )


IMPORTER = MessengerImporter()


# ----------------------------------------------------------------------------------------------
# Files, detection
# ----------------------------------------------------------------------------------------------


def _file_number(name: str) -> int:
    match = _MESSAGE_FILE.search(name)
    return int(match.group(1)) if match else 0


def _message_files(source: ExportSource) -> list[ExportSource]:
    """The thread's ``message_N.json`` files, message_1 first: the picked file and its siblings
    in the same folder, or the only thread of a container."""
    if source.data or not source.members:
        if not source.data or not _MESSAGE_FILE.search(source.name):
            return [source]
        folder = posixpath.dirname(source.name)
        siblings = sorted(
            (
                n
                for n in source.members
                if n != source.name and posixpath.dirname(n) == folder and _MESSAGE_FILE.search(n)
            ),
            key=lambda n: (_file_number(n), n),
        )
        parts = [source, *(select_main(source, n) for n in siblings)]
        return sorted(parts, key=lambda part: (_file_number(part.name), part.name))
    names = [n for n in source.member_names() if _MESSAGE_FILE.search(n)]
    if not names:
        html = [n for n in source.member_names() if _MESSAGE_HTML.search(n)]
        if html:
            raise ImportInputError(
                source.name,
                html[0],
                _said("messenger.html_download"),
            )
        raise ImportInputError(source.name, "", _said("messenger.no_message_file"))
    folders = sorted({posixpath.dirname(n) for n in names})
    if len(folders) > 1:
        shown = ", ".join(folders[:20])
        raise ImportInputError(
            source.name,
            "",
            _said("messenger.several_more", count=len(folders), shown=shown, more=len(folders) - 20)
            if len(folders) > 20
            else _said("messenger.several", count=len(folders), shown=shown),
        )
    names.sort(key=lambda n: (_file_number(n), n))
    return [select_main(source, n) for n in names]


def _detect(source: ExportSource) -> str | None:
    if not source.data:
        if not source.members:
            return None
        names = [n for n in source.member_names() if _MESSAGE_FILE.search(n)]
        if names:
            where = "Instagram" if "instagram" in names[0].lower() else "Messenger/Instagram"
            return _said("messenger.detected_download", where=where, count=len(names))
        return None
    head = source.data[:_DETECT_HEAD].decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if _MESSAGE_HTML.search(source.name.replace("\\", "/")) and head[:1] == "<":
        return _said("messenger.detected_html")
    if head[:1] != "{" or '"messages"' not in head:
        return None
    if '"sender_name"' not in head or '"timestamp_ms"' not in head:
        return None
    lowered = source.name.lower()
    if "instagram" in lowered or "your_instagram_activity" in head:
        where = "Instagram DM JSON"
    elif '"thread_path"' in head or '"thread_type"' in head or "facebook" in lowered:
        where = "Facebook Messenger JSON"
    else:
        where = "Messenger/Instagram JSON"
    return _said("messenger.detected_file", where=where)


# ----------------------------------------------------------------------------------------------
# One file
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ParsedFile:
    title: str
    participants: tuple[str, ...]
    messages: tuple[ParsedMessage, ...]  # in file order (newest first)
    problems: tuple[ParseProblem, ...]
    repairs: tuple[str, ...]
    encoding: str


def _strings(value: object) -> Iterator[str]:
    """Every string value in a JSON tree, without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _clean(text: str) -> str:
    """Text that survives UTF-8 encoding: lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _parse_file(source: ExportSource) -> _ParsedFile:
    name = source.name
    if not source.data.strip():
        raise ImportInputError(name, "", _said("import.empty_file"))
    decoded = decode_export(name, source.data, allow_gb18030=False)
    text = decoded.text
    if text.lstrip()[:1] == "<":
        raise ImportInputError(name, "line 1", _said("messenger.html_download"))
    try:
        root: object = json.loads(text)
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
    if not isinstance(root, dict) or not isinstance(root.get("messages"), list):
        raise ImportInputError(name, "$", _said("messenger.no_messages"))
    listed = root["messages"]
    if listed and not any(
        isinstance(m, dict) and ("timestamp_ms" in m or "sender_name" in m) for m in listed
    ):
        # Another app's JSON forced with --format (Telegram's result.json has "messages" too):
        # refuse rather than return every message as an undated "unknown".
        raise ImportInputError(
            name,
            "$.messages",
            _said("messenger.not_messenger"),
        )
    try:
        return _FileParser(source, root, decoded.encoding).parse()
    except RecursionError:
        raise ImportInputError(name, "$", _said("import.json_too_deep")) from None


class _FileParser:
    def __init__(self, source: ExportSource, root: dict[str, object], encoding: str) -> None:
        self.source = source
        self.file = source.name
        self.root = root
        self.encoding = encoding
        self.base_dir = posixpath.dirname(source.name.replace("\\", "/"))
        self.mojibake = _Mojibake.decide(root)
        self.problems: list[ParseProblem] = []

    def text(self, value: object, locator: str) -> str:
        if not isinstance(value, str):
            return "" if value is None else _clean(self.dump(value))
        return _clean(self.mojibake.fix(value, locator))

    def dump(self, value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def fixed_tree(self, value: object, locator: str) -> object:
        """A copy of a JSON value with every string repaired (for ``raw``)."""
        if isinstance(value, str):
            return self.text(value, locator)
        if isinstance(value, dict):
            return {k: self.fixed_tree(v, locator) for k, v in value.items()}
        if isinstance(value, list):
            return [self.fixed_tree(v, locator) for v in value]
        return value

    def parse(self) -> _ParsedFile:
        messages_value = self.root["messages"]
        assert isinstance(messages_value, list)
        title = self.text(self.root.get("title"), "$.title")
        participants: list[str] = []
        listed = self.root.get("participants")
        if isinstance(listed, list):
            for i, person in enumerate(listed):
                if isinstance(person, dict) and isinstance(person.get("name"), str):
                    person_name = self.text(person["name"], f"$.participants[{i}]")
                    if person_name not in participants:
                        participants.append(person_name)
        messages = [
            self.message(i, raw, f"$.messages[{i}]") for i, raw in enumerate(messages_value)
        ]
        repairs: list[str] = []
        if self.mojibake.repaired:
            repairs.append(
                _said("messenger.mojibake_repaired", file=self.file, count=self.mojibake.repaired)
            )
        if self.mojibake.failed:
            self.problems.append(
                ParseProblem(
                    self.file,
                    self.mojibake.first_failure or "$",
                    _said("messenger.mojibake_failed", count=self.mojibake.failed),
                )
            )
        return _ParsedFile(
            title=title,
            participants=tuple(participants),
            messages=tuple(messages),
            problems=tuple(self.problems),
            repairs=tuple(repairs),
            encoding=self.encoding,
        )

    def problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.file, locator, reason, severity))

    def message(self, index: int, raw: object, locator: str) -> ParsedMessage:
        source = SourceRef(self.file, locator)
        if not isinstance(raw, dict):
            self.problem(locator, _said("messenger.not_object"), "error")
            return ParsedMessage(
                index=index,
                sent_at=_EPOCH,
                time_text="",
                sender="",
                kind=MessageKind.UNKNOWN,
                text="",
                source=source,
                raw=_clean(self.dump(raw)),
            )
        sent_at, time_text = self.time(raw, locator)
        sender = self.text(raw.get("sender_name"), locator)
        text = self.text(raw.get("content"), locator)
        attachments: list[Attachment] = []
        kind = MessageKind.TEXT
        for field_name, field_kind in _MEDIA_FIELDS:
            value = raw.get(field_name)
            items = [value] if isinstance(value, dict) else value
            if not isinstance(items, list):
                continue
            for item in items:
                attachment = self.attachment(field_kind, item, locator)
                if attachment is not None:
                    attachments.append(attachment)
                    kind = field_kind if kind is MessageKind.TEXT else kind
        type_value = raw.get("type")
        message_type = type_value if isinstance(type_value, str) else None
        if raw.get("is_unsent") is True:
            kind = MessageKind.RECALLED
        elif message_type == "Call" or "call_duration" in raw:
            kind = MessageKind.CALL
        elif message_type in ("Subscribe", "Unsubscribe"):
            kind = MessageKind.SYSTEM
        elif message_type == "Share" or "share" in raw:
            kind = MessageKind.LINK if kind is MessageKind.TEXT else kind
        unmodelled = [k for k in raw if k not in _MODELLED and k not in _COSMETIC]
        if type_value is not None and message_type not in _KNOWN_TYPES:
            kind = MessageKind.UNKNOWN
            self.problem(
                locator, _said("messenger.unknown_type", type=self.text(type_value, locator))
            )
        elif kind is MessageKind.TEXT and not text and not unmodelled:
            kind = MessageKind.UNKNOWN
            self.problem(locator, _said("messenger.empty_message"))
        keep_raw = bool(unmodelled) or kind in (MessageKind.UNKNOWN, MessageKind.SYSTEM)
        return ParsedMessage(
            index=index,
            sent_at=sent_at,
            time_text=time_text,
            sender=sender,
            kind=kind,
            text=text,
            source=source,
            attachments=tuple(attachments),
            raw=_clean(self.dump(self.fixed_tree(raw, locator))) if keep_raw else None,
        )

    def time(self, raw: dict[str, object], locator: str) -> tuple[datetime, str]:
        value = raw.get("timestamp_ms")
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return _EPOCH + timedelta(milliseconds=value), str(value)
            except OverflowError:
                pass
        elif isinstance(value, str) and value.strip().isdecimal():
            try:
                return _EPOCH + timedelta(milliseconds=int(value)), value.strip()
            except OverflowError:
                pass
        shown = _clean(self.dump(value)) if value is not None else "missing"
        self.problem(locator, _said("messenger.bad_timestamp", value=shown[:40]), "error")
        return _EPOCH, "" if value is None else shown

    def attachment(self, kind: MessageKind, item: object, locator: str) -> Attachment | None:
        if not isinstance(item, dict):
            return None
        uri = item.get("uri")
        if not isinstance(uri, str) or not uri.strip():
            return Attachment(kind, kind.value, AttachmentState.OMITTED)
        uri = self.text(uri, locator)
        if re.match(r"^[a-z][a-z0-9+.-]*://", uri, re.IGNORECASE):
            return Attachment(kind, uri, AttachmentState.OMITTED)
        path = uri.replace("\\", "/")
        name = posixpath.basename(path) or path
        candidates = _candidates(path, self.base_dir)
        for candidate in candidates:
            if self.source.has_member(candidate):
                return Attachment(kind, name, AttachmentState.EXPORTED, candidate)
        return Attachment(
            kind, name, AttachmentState.MISSING, candidates[0] if candidates else path
        )


def _candidates(path: str, base_dir: str) -> list[str]:
    """Member paths a ``uri`` may mean: as written (relative to the download root), then its
    trailing components under the folder of the JSON file (a download re-rooted by the user)."""
    found: list[str] = []

    def add(candidate: str) -> None:
        normal = posixpath.normpath(candidate)
        if normal.startswith(("../", "/")) or normal in ("..", ".") or normal in found:
            return
        found.append(normal)

    add(path)
    parts = [p for p in path.split("/") if p]
    for start in range(1, max(1, len(parts) - 1)):
        tail = "/".join(parts[start:])
        add(posixpath.join(base_dir, tail) if base_dir else tail)
    return found
