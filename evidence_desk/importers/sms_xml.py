"""SMS Backup & Restore (SyncTech) XML: ``<smses>`` with ``<sms>``/``<mms>``, and ``<calls>``.

Fields: chat-formats.md §5. What this importer guarantees:

* **Streaming.** The file is read with ``defusedxml`` ``iterparse`` (DTDs, entities and external
  references refused) and every record is cleared once read, so a 1 GB backup never becomes a
  DOM. The repair pass below feeds the parser piece by piece and never copies the whole file.
* **Repairs** on the parsing stream, recorded in ``repairs``: surrogate-pair character references
  (``&#55357;&#56832;``, written when "store emojis" is on) are combined into the real character;
  lone surrogates and references to characters XML 1.0 forbids become U+FFFD.
* **Times** come from ``date`` (UTC milliseconds; ``time_text`` is that number). ``readable_date``
  is display text in the phone's locale and is never parsed.
* **Direction.** ``sms type`` 1 = received, 2 = sent; ``mms msg_box`` 1 = inbox, 2 = sent. Drafts,
  outbox, failed and queued messages are the user's own but were not delivered: they keep
  ``from_self=True``, their raw attributes and a warning. The user's own messages have the sender
  :data:`SELF_SENDER` and keep their raw attributes (which name the recipient: the records have
  no recipient field); the other side is ``contact_name`` (or the address) with the address as
  ``sender_id``.
* **MMS.** Text parts make the text; the SMIL layout part is skipped; every other part is an
  attachment. Parts whose bytes are inline (base64 ``data``) are EXPORTED with the virtual member
  name ``mms/<n>/<file>`` (``n`` = the ``<mms>`` element's position); the contract has no place
  for inline bytes, so :func:`inline_media` returns them by that name for the caller to store.
  Parts without data are OMITTED; undecodable base64 is MISSING with an error.
* **Calls** backups (``<calls>``) become CALL messages.
* Messages are sorted by time (stable); ``source.locator`` keeps the file position (``sms[17]``,
  ``mms[3]``, ``call[5]``: the n-th element of that name, 0-based).
* A backup holds every conversation of the phone. :func:`parse_backup` takes an optional
  ``address`` to keep one conversation: a single number keeps every record it takes part in
  (group MMS included), ``a~b`` keeps that group. Numbers compare by their digits, a shorter one
  (7+ digits) matching the end of a longer one, so ``+86 139-1234-5678`` matches
  ``13912345678``. :func:`list_conversations` lists the conversations.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

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
    failure_facts,
)
from evidence_desk.importers.generic_csv import resolve_zone

__all__ = [
    "FORMAT_NAME",
    "IMPORTER",
    "PARSER_VERSION",
    "SELF_SENDER",
    "SmsConversation",
    "SmsXmlImporter",
    "inline_media",
    "list_conversations",
    "parse_backup",
]

FORMAT_NAME = "sms_backup_restore_xml"
PARSER_VERSION = "2"  # 2: problems and repairs sealed as codes and facts
SELF_SENDER = "(self)"
INLINE_PREFIX = "mms/"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PIECE = 1 << 20
_SECONDS_LIMIT = 100_000_000_000  # below this a "date" is seconds, not milliseconds (< 1973)
_NULL = "null"

_said = Catalogue(
    {
        **COMMON_WORDING,
        "sms.detected": "SMS Backup & Restore XML ({sms_content}, <{root}>)",
        "sms.detected_version": "SMS Backup & Restore XML ({sms_content}, <{root}>, v{version})",
        "sms.detected_plain": "SMS Backup & Restore XML",
        "sms.title_several": "SMS backup ({count} counterparts)",
        "sms.repaired_pairs": "combined {count} surrogate-pair character "
        "{count:reference|references} "
        "(e.g. &#55357;&#56832;) into the characters they encode",
        "sms.repaired_lone": "replaced {count} lone surrogate character "
        "{count:reference|references} with U+FFFD",
        "sms.repaired_forbidden": "replaced {count} {count:reference|references} to characters "
        "XML 1.0 forbids "
        "({chars}) with U+FFFD",
        "sms.no_backup": "no SMS Backup & Restore XML in this folder or zip",
        "sms.several": "several SMS Backup & Restore files: {found}; pick one",
        "sms.wrong_root": "<{tag}> is not <smses> or <calls>: not an SMS Backup & Restore file",
        "sms.not_well_formed": "XML not well-formed: {error}",
        "sms.unsafe_xml": "refused unsafe XML: {error}",
        "sms.xml_encoding": "unsupported XML encoding: {error}",
        "sms.xml_too_deep": "XML nested too deeply",
        "sms.no_root": "no root element",
        "sms.count_mismatch": "<{tag} count={declared}> but {total} "
        "{total:record|records} found: the file "
        "may be truncated or edited",
        "sms.unknown_element": "unknown element <{tag}> kept as unknown",
        "sms.date_seconds": "date {value} read as seconds, not milliseconds",
        "sms.unreadable_date": "unreadable date {value!r}; placed at the previous record's time",
        "sms.sms_not_delivered": "SMS {sms_type}: not a delivered message",
        "sms.sms_unknown_type": "SMS unknown type {type!r}: not a delivered message",
        "sms.mms_not_delivered": "MMS {mms_box}: not a delivered message",
        "sms.mms_unknown_box": "MMS unknown msg_box {box!r}: not a delivered message",
        "sms.mms_empty": "MMS with neither text nor attachment",
        "sms.undecodable_text": "text part with undecodable data",
        "sms.bad_base64": "part {name!r}: base64 data does not decode",
    },
    # expat's, defusedxml's or the codec registry's message (``error``) is shown; what is sealed
    # (base.OTHERS_WORDING) is the exception's class, expat's error number and where it stopped
    also={
        "sms.not_well_formed": ("category", "xml_error", "line", "column"),
        "sms.unsafe_xml": ("category",),
        "sms.xml_encoding": ("category",),
    },
)
_SMS_TYPES = {
    "1": "received",
    "2": "sent",
    "3": "draft",
    "4": "outbox",
    "5": "failed",
    "6": "queued",
}
_MMS_BOXES = {"1": "inbox", "2": "sent", "3": "draft", "4": "outbox"}
_CALL_TYPES = {
    "1": "incoming",
    "2": "outgoing",
    "3": "missed",
    "4": "voicemail",
    "5": "rejected",
    "6": "refused (blocked)",
}
_ADDR_FROM = "137"

_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_CREATED_BY = re.compile(rb"SMS Backup &(?:amp;)? Restore v?([0-9][0-9.]*)")
_ROOT_TAG = re.compile(rb"<(smses|calls)[\s>/]")
_POSITION_SUFFIX = re.compile(r":\s*line \d+, column \d+$")


@dataclass(frozen=True, slots=True)
class SmsConversation:
    """One counterpart in a backup, as offered to the caller for choosing."""

    address: str
    name: str
    message_count: int
    first: datetime
    last: datetime


@dataclass(slots=True)
class _RepairStats:
    pairs: int = 0
    lone: int = 0
    forbidden: int = 0
    forbidden_chars: tuple[int, ...] = ()

    def notes(self) -> tuple[str, ...]:
        notes: list[str] = []
        if self.pairs:
            notes.append(_said("sms.repaired_pairs", count=self.pairs))
        if self.lone:
            notes.append(_said("sms.repaired_lone", count=self.lone))
        if self.forbidden:
            chars = ", ".join(f"U+{c:04X}" for c in self.forbidden_chars)
            notes.append(_said("sms.repaired_forbidden", count=self.forbidden, chars=chars))
        return tuple(notes)


@dataclass(frozen=True, slots=True)
class _Record:
    tag: str
    ordinal: int  # position among the root's children with the same tag
    attrs: dict[str, str]
    parts: tuple[dict[str, str], ...]
    addrs: tuple[dict[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Part:
    attrs: dict[str, str]
    member: str  # the virtual member name for non-text parts


class SmsXmlImporter:
    name = FORMAT_NAME
    version = PARSER_VERSION

    def detect(self, source: ExportSource) -> str | None:
        try:
            return _detect(source)
        except Exception:  # detect must never raise, whatever the input
            return None

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        return parse_backup(source, tz)


IMPORTER = SmsXmlImporter()


# ----------------------------------------------------------------------------------------------
# Repairing stream
# ----------------------------------------------------------------------------------------------


def _forbidden(code: int) -> bool:
    if code in (0x9, 0xA, 0xD):
        return False
    return code < 0x20 or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF


def _ref_value(match: re.Match[bytes]) -> int:
    hex_digits, decimal = match.group(1), match.group(2)
    return int(hex_digits, 16) if hex_digits is not None else int(decimal)


def _repaired_pieces(data: bytes, stats: _RepairStats) -> Iterator[bytes]:
    """``data`` with bad character references fixed, in pieces of at most 1 MiB."""
    view = memoryview(data)
    emitted = 0
    position = 0
    forbidden_seen: set[int] = set()
    while True:
        match = _CHAR_REF.search(data, position)
        if match is None:
            break
        code = _ref_value(match)
        position = match.end()
        is_surrogate = 0xD800 <= code <= 0xDFFF
        if not is_surrogate and not _forbidden(code):
            continue
        yield from _slices(view, emitted, match.start())
        emitted = position
        if 0xD800 <= code <= 0xDBFF:
            low = _CHAR_REF.match(data, position)
            if low is not None and 0xDC00 <= _ref_value(low) <= 0xDFFF:
                combined = 0x10000 + ((code - 0xD800) << 10) + (_ref_value(low) - 0xDC00)
                stats.pairs += 1
                yield b"&#%d;" % combined
                emitted = position = low.end()
                continue
        if is_surrogate:
            stats.lone += 1
        else:
            stats.forbidden += 1
            if len(forbidden_seen) < 10:
                forbidden_seen.add(code)
            stats.forbidden_chars = tuple(sorted(forbidden_seen))
        yield b"&#65533;"
    yield from _slices(view, emitted, len(data))


def _slices(view: memoryview, start: int, end: int) -> Iterator[bytes]:
    while start < end:
        stop = min(end, start + _PIECE)
        yield bytes(view[start:stop])
        start = stop


class _PieceReader:
    """A minimal file object over an iterator of byte pieces (what ``iterparse`` needs)."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return self._buffer + b"".join(self._pieces)
        while len(self._buffer) < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        result, self._buffer = self._buffer[:size], self._buffer[size:]
        return result


# ----------------------------------------------------------------------------------------------
# Reading records
# ----------------------------------------------------------------------------------------------


def _main_source(source: ExportSource) -> ExportSource:
    if source.data or not source.members:
        return source
    found = [
        name
        for name in source.member_names()
        if name.lower().endswith(".xml") and _ROOT_TAG.search(source.read_member(name)[:4096])
    ]
    if len(found) == 1:
        return select_main(source, found[0])
    if not found:
        raise ImportInputError(source.name, "", _said("sms.no_backup"))
    raise ImportInputError(source.name, "", _said("sms.several", found=", ".join(found)))


@dataclass(slots=True)
class _Root:
    tag: str = ""
    attrs: dict[str, str] | None = None


def _records(source: ExportSource, stats: _RepairStats, root: _Root) -> Iterator[_Record]:
    """Stream the root's children; raises ImportInputError naming line and column."""
    name = source.name
    if not source.data.strip():
        raise ImportInputError(name, "", _said("import.empty_file"))
    reader = _PieceReader(_repaired_pieces(source.data, stats))
    counters: dict[str, int] = {}
    depth = 0
    root_element = None
    try:
        events = SafeET.iterparse(reader, events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root_element = element
                    root.tag = str(element.tag)
                    root.attrs = dict(element.attrib)
                    if root.tag not in ("smses", "calls"):
                        raise ImportInputError(
                            name,
                            "root element",
                            _said("sms.wrong_root", tag=root.tag),
                        )
                continue
            depth -= 1
            if depth != 1:
                continue
            tag = str(element.tag)
            ordinal = counters.get(tag, 0)
            counters[tag] = ordinal + 1
            yield _Record(
                tag=tag,
                ordinal=ordinal,
                attrs=dict(element.attrib),
                parts=tuple(dict(part.attrib) for part in element.iter("part")),
                addrs=tuple(dict(addr.attrib) for addr in element.iter("addr")),
            )
            if root_element is not None:
                root_element.clear()
    except ParseError as error:
        line, column = error.position
        message = _POSITION_SUFFIX.sub("", str(error))
        raise ImportInputError(
            name,
            f"line {line}, column {column}",
            _said(
                "sms.not_well_formed",
                error=message,
                xml_error=error.code,
                line=line,
                column=column,
                **failure_facts(error),
            ),
        ) from None
    except defusedxml.DefusedXmlException as error:
        raise ImportInputError(
            name, "", _said("sms.unsafe_xml", error=error, **failure_facts(error))
        ) from None
    except LookupError as error:  # an encoding expat does not know, from the XML declaration
        raise ImportInputError(
            name, "line 1", _said("sms.xml_encoding", error=error, **failure_facts(error))
        ) from None
    except RecursionError:
        raise ImportInputError(name, "", _said("sms.xml_too_deep")) from None


def _value(attrs: dict[str, str], key: str) -> str | None:
    """An attribute value; SB&R writes the literal ``"null"`` for absent values."""
    value = attrs.get(key)
    if value is None or value == _NULL:
        return None
    return value


def _digits(address: str) -> str:
    return "".join(c for c in address if c.isdecimal())


def _same_number(a: str, b: str) -> bool:
    da, db = _digits(a), _digits(b)
    if not da or not db:
        return a.strip().lower() == b.strip().lower()
    if da == db:
        return True
    short, long = sorted((da, db), key=len)
    return len(short) >= 7 and long.endswith(short)


def _matches(wanted: str, addresses: list[str]) -> bool:
    """Whether a record with ``addresses`` belongs to the conversation ``wanted``.

    A single number matches every record it takes part in (group MMS included); a group
    (``a~b``) matches records with exactly those numbers.
    """
    numbers = [w for w in wanted.split("~") if w.strip()]
    if len(numbers) == 1:
        return any(_same_number(numbers[0], a) for a in addresses)
    return len(numbers) == len(addresses) and all(
        any(_same_number(n, a) for a in addresses) for n in numbers
    )


def _addresses(record: _Record) -> list[str]:
    value = _value(record.attrs, "number" if record.tag == "call" else "address") or ""
    return [a for a in value.split("~") if a]


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[\\/\x00-\x1f]", "_", name).strip().strip(".")
    return cleaned[:120] or "part"


def _media_parts(record: _Record) -> list[_Part]:
    """The MMS parts that are attachments, each with its stable virtual member name."""
    parts: list[_Part] = []
    used: set[str] = set()
    for i, attrs in enumerate(record.parts):
        content_type = (_value(attrs, "ct") or "").lower()
        if content_type == "application/smil" or content_type.startswith("text/plain"):
            continue
        label = _value(attrs, "cl") or _value(attrs, "name") or _value(attrs, "fn")
        file_name = _safe_name(label) if label else f"part{i}"
        if file_name in used:
            file_name = f"{i}_{file_name}"
        used.add(file_name)
        parts.append(_Part(attrs, f"{INLINE_PREFIX}{record.ordinal}/{file_name}"))
    return parts


def _decode_data(data: str) -> bytes:
    return base64.b64decode("".join(data.split()), validate=True)


# ----------------------------------------------------------------------------------------------
# Public functions
# ----------------------------------------------------------------------------------------------


def parse_backup(source: ExportSource, tz: str, *, address: str | None = None) -> ParsedChat:
    """Parse a backup; with ``address``, keep only that counterpart's messages and calls.

    ``tz`` is recorded (every time in this format is absolute) and validated.
    """
    zone = resolve_zone(source.name, tz)
    source = _main_source(source)
    stats = _RepairStats()
    root = _Root()
    builder = _Builder(source.name)
    total = 0
    for record in _records(source, stats, root):
        total += 1
        if address is not None and not _matches(address, _addresses(record)):
            continue
        builder.add(record)
    if root.attrs is None:
        raise ImportInputError(source.name, "", _said("sms.no_root"))
    declared = root.attrs.get("count")
    if declared is not None and declared.strip().isdecimal() and int(declared) != total:
        builder.problem(
            "root element",
            _said("sms.count_mismatch", tag=root.tag, declared=declared, total=total),
        )
    messages = sorted(builder.messages, key=lambda m: m.sent_at)
    messages = [m if m.index == i else replace(m, index=i) for i, m in enumerate(messages)]
    counterparts = builder.counterpart_labels
    participants = list(counterparts)
    if any(m.from_self for m in messages):
        participants.append(SELF_SENDER)
    if address is not None:
        title = next((label for _, key, label in builder.keyed if "~" not in key), address)
    elif len(counterparts) == 1:
        title = counterparts[0]
    else:
        title = _said("sms.title_several", count=len(counterparts))
    return ParsedChat(
        format_name=FORMAT_NAME,
        parser_version=PARSER_VERSION,
        detection_reason=_detect(source) or _said("sms.detected_plain"),
        title=title,
        participants=tuple(participants),
        messages=tuple(messages),
        timezone=zone.key,
        encoding=_declared_encoding(source.data),
        problems=tuple(builder.problems),
        repairs=stats.notes(),
    )


def list_conversations(source: ExportSource) -> tuple[SmsConversation, ...]:
    """The counterparts in a backup with message counts and time ranges, most messages first."""
    source = _main_source(source)
    builder = _Builder(source.name)
    for record in _records(source, _RepairStats(), _Root()):
        builder.add(record)
    groups: list[tuple[str, str, list[ParsedMessage]]] = []
    for message, key, label in builder.keyed:
        addresses = [a for a in key.split("~") if a]
        for group_key, _, items in groups:
            group = [a for a in group_key.split("~") if a]
            if len(group) == len(addresses) and _matches(group_key, addresses):
                items.append(message)
                break
        else:
            groups.append((key, label, [message]))
    conversations = [
        SmsConversation(
            address=key,
            name=name,
            message_count=len(items),
            first=min(m.sent_at for m in items),
            last=max(m.sent_at for m in items),
        )
        for key, name, items in groups
    ]
    return tuple(sorted(conversations, key=lambda c: (-c.message_count, c.address)))


def inline_media(source: ExportSource) -> dict[str, bytes]:
    """The MMS part bytes embedded as base64, by the member names :func:`parse_backup` gives.

    Parts whose base64 does not decode are left out (the parse reports them as MISSING).
    """
    source = _main_source(source)
    media: dict[str, bytes] = {}
    for record in _records(source, _RepairStats(), _Root()):
        if record.tag != "mms":
            continue
        for part in _media_parts(record):
            data = _value(part.attrs, "data")
            if not data:
                continue
            try:
                media[part.member] = _decode_data(data)
            except (binascii.Error, ValueError):
                continue
    return media


# ----------------------------------------------------------------------------------------------
# Building messages
# ----------------------------------------------------------------------------------------------


def _raw(record: _Record) -> str:
    """The record's attributes (and parts without their bytes) as canonical JSON."""
    parts = [{k: v for k, v in p.items() if k != "data"} for p in record.parts]
    doc: dict[str, object] = {"element": record.tag, "attributes": record.attrs}
    if parts:
        doc["parts"] = parts
    if record.addrs:
        doc["addrs"] = list(record.addrs)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.messages: list[ParsedMessage] = []
        self.problems: list[ParseProblem] = []
        self.counterpart_labels: list[str] = []
        self.keyed: list[tuple[ParsedMessage, str, str]] = []
        self.previous = _EPOCH

    def problem(self, locator: str, reason: str, severity: str = "warning") -> None:
        self.problems.append(ParseProblem(self.file, locator, reason, severity))

    def add(self, record: _Record) -> None:
        locator = f"{record.tag}[{record.ordinal}]"
        sent_at, time_text = self._time(record, locator)
        self.previous = sent_at
        contact = _value(record.attrs, "contact_name")
        if contact in ("(Unknown)", ""):
            contact = None
        addresses = _addresses(record)
        counterpart_id = "~".join(addresses) or None
        if contact:
            counterpart = contact
        elif counterpart_id:
            counterpart = counterpart_id
        else:
            counterpart = "(unknown)"
        if record.tag == "sms":
            message = self._sms(record, locator, sent_at, time_text, counterpart, counterpart_id)
        elif record.tag == "mms":
            message = self._mms(record, locator, sent_at, time_text, counterpart, addresses)
        elif record.tag == "call":
            message = self._call(record, locator, sent_at, time_text, counterpart, counterpart_id)
        else:
            self.problem(locator, _said("sms.unknown_element", tag=record.tag))
            message = bulk_message(
                index=len(self.messages),
                sent_at=sent_at,
                time_text=time_text,
                sender=counterpart,
                kind=MessageKind.UNKNOWN,
                text=_value(record.attrs, "body") or "",
                source=bulk_source(self.file, locator),
                sender_id=counterpart_id,
                raw=_raw(record),
            )
        self.messages.append(message)
        if counterpart not in self.counterpart_labels:
            self.counterpart_labels.append(counterpart)
        key = "~".join(addresses) or counterpart
        self.keyed.append((message, key, counterpart))

    def _time(self, record: _Record, locator: str) -> tuple[datetime, str]:
        text = record.attrs.get("date", "")
        stripped = text.strip()
        if stripped.lstrip("-").isdecimal():
            value = int(stripped)
            try:
                if abs(value) < _SECONDS_LIMIT:
                    self.problem(locator, _said("sms.date_seconds", value=stripped))
                    return _EPOCH + timedelta(seconds=value), stripped
                return _EPOCH + timedelta(milliseconds=value), stripped
            except OverflowError:
                pass
        self.problem(locator, _said("sms.unreadable_date", value=text[:40]), "error")
        return self.previous, text

    def _sms(
        self,
        record: _Record,
        locator: str,
        sent_at: datetime,
        time_text: str,
        counterpart: str,
        counterpart_id: str | None,
    ) -> ParsedMessage:
        sms_type = record.attrs.get("type", "")
        incoming = sms_type == "1"
        keep_raw = sms_type not in ("1", "2")
        if keep_raw:
            self.problem(
                locator,
                _said("sms.sms_not_delivered", sms_type=_SMS_TYPES[sms_type])
                if sms_type in _SMS_TYPES
                else _said("sms.sms_unknown_type", type=sms_type),
            )
        return bulk_message(
            index=len(self.messages),
            sent_at=sent_at,
            time_text=time_text,
            sender=counterpart if incoming else SELF_SENDER,
            kind=MessageKind.TEXT if sms_type in _SMS_TYPES else MessageKind.UNKNOWN,
            text=_value(record.attrs, "body") or "",
            source=bulk_source(self.file, locator),
            sender_id=counterpart_id if incoming else None,
            from_self=not incoming if sms_type in _SMS_TYPES else None,
            raw=_raw(record)
            if keep_raw or not incoming or _value(record.attrs, "subject")
            else None,
        )

    def _mms(
        self,
        record: _Record,
        locator: str,
        sent_at: datetime,
        time_text: str,
        counterpart: str,
        addresses: list[str],
    ) -> ParsedMessage:
        box = record.attrs.get("msg_box", "")
        incoming = box == "1"
        keep_raw = box not in ("1", "2") or _value(record.attrs, "sub") is not None
        if box not in ("1", "2"):
            self.problem(
                locator,
                _said("sms.mms_not_delivered", mms_box=_MMS_BOXES[box])
                if box in _MMS_BOXES
                else _said("sms.mms_unknown_box", box=box),
            )
        texts: list[str] = []
        for attrs in record.parts:
            if (_value(attrs, "ct") or "").lower().startswith("text/plain"):
                texts.append(self._part_text(attrs, locator))
        attachments = tuple(self._attachment(part, locator) for part in _media_parts(record))
        kind = attachments[0].kind if attachments else MessageKind.TEXT
        if not texts and not attachments:
            kind = MessageKind.UNKNOWN
            keep_raw = True
            self.problem(locator, _said("sms.mms_empty"))
        sender_address = next(
            (a.get("address") for a in record.addrs if a.get("type") == _ADDR_FROM), None
        )
        if sender_address == _NULL:
            sender_address = None
        if incoming:
            single = len(addresses) == 1 and (
                sender_address is None or _same_number(sender_address, addresses[0])
            )
            sender = counterpart if single else (sender_address or counterpart)
            sender_id = sender_address or (addresses[0] if len(addresses) == 1 else None)
        else:
            sender, sender_id = SELF_SENDER, None
        return bulk_message(
            index=len(self.messages),
            sent_at=sent_at,
            time_text=time_text,
            sender=sender,
            kind=kind,
            text="\n".join(texts),
            source=bulk_source(self.file, locator),
            sender_id=sender_id,
            from_self=None if box not in _MMS_BOXES else not incoming,
            attachments=attachments,
            raw=_raw(record) if keep_raw or not incoming else None,
        )

    def _part_text(self, attrs: dict[str, str], locator: str) -> str:
        text = _value(attrs, "text")
        if text is not None:
            return text
        data = _value(attrs, "data")
        if not data:
            return ""
        try:
            return _decode_data(data).decode("utf-8")
        except (binascii.Error, ValueError):
            self.problem(locator, _said("sms.undecodable_text"), "error")
            return ""

    def _attachment(self, part: _Part, locator: str) -> Attachment:
        content_type = (_value(part.attrs, "ct") or "").lower()
        if content_type.startswith("image/"):
            kind = MessageKind.IMAGE
        elif content_type.startswith("video/"):
            kind = MessageKind.VIDEO
        elif content_type.startswith("audio/"):
            kind = MessageKind.VOICE
        elif "vcard" in content_type:
            kind = MessageKind.CONTACT_CARD
        else:
            kind = MessageKind.FILE
        name = part.member.rsplit("/", 1)[-1]
        data = _value(part.attrs, "data")
        if not data:
            return Attachment(kind, name, AttachmentState.OMITTED)
        try:
            _decode_data(data)
        except (binascii.Error, ValueError):
            self.problem(locator, _said("sms.bad_base64", name=name), "error")
            return Attachment(kind, name, AttachmentState.MISSING, part.member)
        return Attachment(kind, name, AttachmentState.EXPORTED, part.member)

    def _call(
        self,
        record: _Record,
        locator: str,
        sent_at: datetime,
        time_text: str,
        counterpart: str,
        counterpart_id: str | None,
    ) -> ParsedMessage:
        call_type = record.attrs.get("type", "")
        what = _CALL_TYPES.get(call_type, f"type {call_type}")
        duration = _value(record.attrs, "duration")
        text = f"{what} call" + (f", {duration} s" if duration else "")
        outgoing = call_type == "2"
        return bulk_message(
            index=len(self.messages),
            sent_at=sent_at,
            time_text=time_text,
            sender=SELF_SENDER if outgoing else counterpart,
            kind=MessageKind.CALL,
            text=text,
            source=bulk_source(self.file, locator),
            sender_id=None if outgoing else counterpart_id,
            from_self=outgoing if call_type in _CALL_TYPES else None,
            raw=_raw(record),
        )


# ----------------------------------------------------------------------------------------------
# Detection
# ----------------------------------------------------------------------------------------------


def _declared_encoding(data: bytes) -> str:
    match = _XML_DECL_ENCODING.match(data[:512].lstrip(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii").lower() if match else "utf-8"


def _detect(source: ExportSource) -> str | None:
    if not source.data:
        if not source.members:
            return None
        names = [n for n in source.member_names() if n.lower().endswith(".xml")][:5]
        for name in names:
            reason = _detect_head(source.read_member(name)[:4096])
            if reason:
                return _said("import.detected_in_member", reason=reason, member=name)
        return None
    return _detect_head(source.data[:4096])


def _detect_head(head: bytes) -> str | None:
    root = _ROOT_TAG.search(head)
    if root is None:
        return None
    before = head[: root.start()]
    if re.search(rb"<[A-Za-z]", before):  # another element comes first: not our root
        return None
    version = _CREATED_BY.search(head)
    content = "messages" if root.group(1) == b"smses" else "call log"
    tag = root.group(1).decode("ascii")
    if version:
        return _said(
            "sms.detected_version",
            sms_content=content,
            root=tag,
            version=version.group(1).decode("ascii"),
        )
    return _said("sms.detected", sms_content=content, root=tag)
