"""The contract every importer fulfils: bytes in, plain records out.

Importers are pure. They never touch the store, the ledger or the network; they receive an
:class:`ExportSource` (the file the user picked, plus the other members of its zip or folder) and
return a :class:`ParsedChat` or :class:`ParsedImage`, or raise :class:`ImportInputError` naming the
file, the line (or member / JSON path / CSV row) and the reason. The services layer decides what is
stored; keeping parsers pure is what makes "re-parse the stored original and get byte-identical
output" (EV-5) a testable property.
"""

from __future__ import annotations

import enum
import errno
import mmap
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any, Final, NamedTuple, Protocol

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.domain.wording import Catalogue, Facts, Phrase
from evidence_desk.integrity.canonical import StringNotEncodable, compact_bytes, string_bytes

__all__ = [
    "OTHERS_WORDING",
    "Attachment",
    "AttachmentState",
    "ChatEncoder",
    "EncodedChat",
    "ExportSource",
    "ImportInputError",
    "Importer",
    "MessageKind",
    "ParseProblem",
    "ParsedChat",
    "ParsedMessage",
    "SourceRef",
    "bulk_message",
    "bulk_source",
    "content_bytes",
    "encode_chat",
    "failure_facts",
    "message_content",
    "normalised_bytes",
    "sealed_phrase",
    "sealed_problem",
    "sealed_text",
]

#: How much of a mapped file :attr:`ExportSource.data` holds (see ``ExportSource.mapped``).
MAPPED_HEAD = 64 * 1024

#: Sentences several importers use. A module's own catalogue includes these
#: (``Catalogue({**COMMON_WORDING, ...})``) so that it words everything through one callable.
COMMON_WORDING = {
    "import.empty_file": "empty file",
    "import.invalid_json": "invalid JSON: {error}",
    "import.json_too_deep": "JSON nested too deeply",
    "import.unknown_zone": "unknown IANA time zone {tz!r}",
    "import.detected_in_member": "{reason} in {member}",
    "import.detected_chat_file": "{reason}; chat file {member}",
}
#: The JSON decoder's message is shown (``error``); where it stopped and the exception's class
#: are what is sealed (:data:`OTHERS_WORDING`).
said = Catalogue(COMMON_WORDING, also={"import.invalid_json": ("category", "line", "column")})

#: Facts that hold another program's wording: the message of an exception or warning that Python,
#: expat, Pillow, html.parser or the operating system raised (``str(error)``, ``error.msg``,
#: ``strerror``). Shown, never sealed (:func:`sealed_phrase`, :func:`sealed_problem`): a new
#: Python or library version may word it differently, and an import it was sealed in would then
#: no longer verify. Each of these codes also carries what is a fact of the file instead (the
#: exception's class name as ``category``, an OS ``errno`` name, the line and column), and that
#: is sealed. tests/importers/test_sealed_library_text.py holds every code with such a fact here.
OTHERS_WORDING: Final[Mapping[str, frozenset[str]]] = {
    code: frozenset(("error",))
    for code in (
        "archive.cannot_list",
        "archive.cannot_open",
        "archive.cannot_open_folder",
        "archive.cannot_read",
        "archive.corrupt_member",
        "archive.corrupt_zip",
        "csv.unreadable",
        "image.exif_unreadable",
        "image.undecodable",
        "import.importer_failed",
        "import.invalid_json",
        "recording.damaged",
        "sms.not_well_formed",
        "sms.unsafe_xml",
        "sms.xml_encoding",
        "wechat_html.broken_array",
        "wechat_html.broken_page",
        "wechat_html.unreadable_html",
    )
} | {"image.decoder_warning": frozenset(("warning",))}


def failure_facts(error: BaseException) -> dict[str, str]:
    """What a failure is, as facts that stay the same across Python and library versions: the
    exception's class name (``category``) and, for an OS error, its errno's symbolic name
    (``errno``: ``ENOENT``, not the locale's "No such file or directory")."""
    facts = {"category": type(error).__name__}
    number = getattr(error, "errno", None)
    if isinstance(error, OSError) and isinstance(number, int):
        facts["errno"] = errno.errorcode.get(number, str(number))
    return facts


class MessageKind(enum.StrEnum):
    """What a message is. Unknown types are kept as UNKNOWN with their raw text, never dropped."""

    TEXT = "text"
    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    FILE = "file"
    STICKER = "sticker"
    LOCATION = "location"
    CONTACT_CARD = "contact_card"
    LINK = "link"
    TRANSFER = "transfer"  # money transfer (WeChat 转账)
    RED_PACKET = "red_packet"  # WeChat 红包
    CALL = "call"
    RECALLED = "recalled"  # 撤回 / "This message was deleted"
    SYSTEM = "system"  # friend added, security code changed, group events...
    QUOTE = "quote"  # a reply that quotes an earlier message
    UNKNOWN = "unknown"


class AttachmentState(enum.StrEnum):
    """The three states the completeness statement must report (chat-formats.md §9.5)."""

    EXPORTED = "exported"  # the file is in the zip/folder; its bytes are in ExportSource
    OMITTED = "omitted"  # declared but not exported ("<Media omitted>", Telegram skip strings)
    MISSING = "missing"  # named by the export but absent from the zip/folder


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from: the file (or zip member) and a locator inside it.

    ``locator`` is human-readable and stable: ``"line 12"``, ``"lines 12-14"``, ``"row 5"``,
    ``"$.messages[3]"``, ``"sms[17]"``.
    """

    file: str
    locator: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A media file a message refers to. ``member`` is the path inside the zip/folder, if any."""

    kind: MessageKind
    name: str
    state: AttachmentState
    member: str | None = None


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Something the parser could not read or had to interpret; shown in the preview.

    ``severity`` is ``"error"`` (content could not be parsed and is kept only as raw text) or
    ``"warning"`` (parsed, but a human should look: ambiguous DST time, repaired encoding...).

    ``reason`` is English, for the CLI and tests. Importers word it from their
    :class:`~evidence_desk.domain.wording.Catalogue`; ``code`` and ``facts`` are then the
    reason's stable code and named values, taken from it. What is sealed
    (:func:`sealed_problem`) is the code and facts, never the sentence: a reworded template
    must not change what an import sealed. ``unsealed`` names facts that are shown but kept
    out of the sealed bytes: another program's wording (Pillow's warning text) that its next
    version may change; the code and the other facts must then say what happened.
    """

    file: str
    locator: str
    reason: str
    severity: str = "warning"
    code: str = field(default="", compare=False)
    facts: Facts = field(default=(), compare=False)
    unsealed: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.code and isinstance(self.reason, Phrase):
            object.__setattr__(self, "code", self.reason.code)
            object.__setattr__(self, "facts", self.reason.facts)


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """One message, as faithful to the export as the export allows.

    ``sent_at`` is timezone-aware UTC. ``time_text`` is the timestamp exactly as written in the
    export (or the raw numeric value for JSON/XML formats), so the bundle can show both.
    ``from_self`` is set when the format itself says who sent it (WeChat ``IsSender``,
    SMS ``type``);
    otherwise ``None`` and the preview decides from the chosen staff account.
    """

    index: int
    sent_at: datetime
    time_text: str
    sender: str
    kind: MessageKind
    text: str
    source: SourceRef
    sender_id: str | None = None
    from_self: bool | None = None
    native_id: str | None = None
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
    raw: str | None = None  # raw record text for UNKNOWN/system records and repaired content

    def as_json(self) -> dict[str, object]:
        """A plain, deterministic representation used for normalisation and commitments."""
        return self.as_json_pair()[0]

    def as_json_pair(self) -> tuple[dict[str, object], dict[str, object]]:
        """:meth:`as_json` and the message's content (what it is identified and committed by:
        no file position, no raw text), built together so that an import takes each message
        apart once."""
        sent_at = self.sent_at.isoformat()
        kind = self.kind.value
        full_attachments: list[dict[str, str | None]] = []
        content_attachments: list[dict[str, str | None]] = []
        for a in self.attachments:
            akind, state = a.kind.value, a.state.value
            full_attachments.append(
                {"kind": akind, "member": a.member, "name": a.name, "state": state}
            )
            content_attachments.append({"kind": akind, "name": a.name, "state": state})
        # Keys in sorted order: the encoder need not sort them (tests compare the bytes with
        # json.dumps(sort_keys=True) of the same dicts).
        full: dict[str, object] = {
            "attachments": full_attachments,
            "from_self": self.from_self,
            "index": self.index,
            "kind": kind,
            "native_id": self.native_id,
            "raw": self.raw,
            "reply_to": self.reply_to,
            "sender": self.sender,
            "sender_id": self.sender_id,
            "sent_at": sent_at,
            "source": {"file": self.source.file, "locator": self.source.locator},
            "text": self.text,
            "time_text": self.time_text,
        }
        content: dict[str, object] = {
            "attachments": content_attachments,
            "kind": kind,
            "native_id": self.native_id,
            "sender": self.sender,
            "sender_id": self.sender_id,
            "sent_at": sent_at,
            "text": self.text,
        }
        return full, content


class _MessageSlots:
    """ParsedMessage's slots (the same names in the same order, so the same memory layout)
    without the frozen guard: filled by plain attribute stores, then the object becomes the
    ParsedMessage it was laid out as (``__class__`` assignment between classes of one layout).

    A frozen dataclass's ``__init__`` calls ``object.__setattr__`` once per field, and setting
    the slots through their descriptors costs a call each: for a 100k-message chat the plain
    stores save about a tenth of the parse (bench/import.py).
    """

    __slots__ = ParsedMessage.__slots__

    index: int
    sent_at: datetime
    time_text: str
    sender: str
    kind: MessageKind
    text: str
    source: SourceRef
    sender_id: str | None
    from_self: bool | None
    native_id: str | None
    reply_to: str | None
    attachments: tuple[Attachment, ...]
    raw: str | None

    def __init__(
        self,
        index: int,
        sent_at: datetime,
        time_text: str,
        sender: str,
        kind: MessageKind,
        text: str,
        source: SourceRef,
        attachments: tuple[Attachment, ...],
        raw: str | None,
        sender_id: str | None,
        from_self: bool | None,
        native_id: str | None,
        reply_to: str | None,
    ) -> None:
        self.index = index
        self.sent_at = sent_at
        self.time_text = time_text
        self.sender = sender
        self.kind = kind
        self.text = text
        self.source = source
        self.sender_id = sender_id
        self.from_self = from_self
        self.native_id = native_id
        self.reply_to = reply_to
        self.attachments = attachments
        self.raw = raw


class _SourceSlots:
    """SourceRef's slots without the frozen guard (see :class:`_MessageSlots`)."""

    __slots__ = SourceRef.__slots__

    file: str
    locator: str

    def __init__(self, file: str, locator: str) -> None:
        self.file = file
        self.locator = locator


if _MessageSlots.__slots__ != tuple(f.name for f in fields(ParsedMessage)):  # pragma: no cover
    raise AssertionError(f"ParsedMessage has fields {ParsedMessage.__slots__}")
if _SourceSlots.__slots__ != tuple(f.name for f in fields(SourceRef)):  # pragma: no cover
    raise AssertionError(f"SourceRef has fields {SourceRef.__slots__}")


def bulk_message(
    index: int,
    sent_at: datetime,
    time_text: str,
    sender: str,
    kind: MessageKind,
    text: str,
    source: SourceRef,
    attachments: tuple[Attachment, ...] = (),
    raw: str | None = None,
    sender_id: str | None = None,
    from_self: bool | None = None,
    native_id: str | None = None,
    reply_to: str | None = None,
) -> ParsedMessage:
    """``ParsedMessage(...)`` with these fields, for parsers that build 100k of them: the same
    object (equal, hashed alike, as immutable), at a third of the cost of the frozen
    dataclass's ``__init__`` (a test holds the two equal)."""
    message: Any = _MessageSlots(
        index,
        sent_at,
        time_text,
        sender,
        kind,
        text,
        source,
        attachments,
        raw,
        sender_id,
        from_self,
        native_id,
        reply_to,
    )
    message.__class__ = ParsedMessage
    built: ParsedMessage = message
    return built


def bulk_source(file: str, locator: str) -> SourceRef:
    """``SourceRef(file, locator)`` at a third of the frozen dataclass's cost (see
    :func:`bulk_message`)."""
    source: Any = _SourceSlots(file, locator)
    source.__class__ = SourceRef
    built: SourceRef = source
    return built


@dataclass(frozen=True, slots=True)
class ParsedChat:
    """The result of parsing one chat export.

    ``format_name`` and ``parser_version`` go into the import's ledger entry; bump the version
    whenever normalised output for the same bytes would change. ``detection_reason`` and each
    of ``repairs`` are English :class:`~evidence_desk.domain.wording.Phrase` objects (plain
    strings to everything but a front end that translates them by code); a repair is sealed as
    its code and facts (:func:`sealed_phrase`).
    """

    format_name: str
    parser_version: str
    detection_reason: str
    title: str
    participants: tuple[str, ...]
    messages: tuple[ParsedMessage, ...]
    timezone: str
    encoding: str
    problems: tuple[ParseProblem, ...] = ()
    repairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportSource:
    """What the user picked: a main file plus, for zips and folders, its other members.

    ``members`` maps a member path (POSIX separators, relative to the zip/folder root) to a
    callable returning its bytes, so large media are read only when needed. ``read_member``
    raises ``KeyError`` for an absent member; importers turn that into AttachmentState.MISSING.
    """

    name: str
    data: bytes
    members: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)
    container: str | None = None  # the zip or folder name, when the file came out of one
    #: a zip's: how member names without the UTF-8 flag were read (utf-8, gb18030 or cp437)
    name_encoding: str | None = None
    #: a large recording picked as a file: the whole file mapped read-only, so that describing
    #: it reads its headers and never holds its media data; ``data`` then holds only its first
    #: :data:`MAPPED_HEAD` bytes (every signature check fits in them). ``None`` otherwise.
    mapped: mmap.mmap | None = None

    def whole(self) -> bytes | mmap.mmap:
        """The main file's bytes for a binary parser: the mapping when there is one."""
        return self.data if self.mapped is None else self.mapped

    def has_member(self, path: str) -> bool:
        return path in self.members

    def read_member(self, path: str) -> bytes:
        return self.members[path]()

    def member_names(self) -> Iterator[str]:
        return iter(sorted(self.members))


class Importer(Protocol):
    """One chat format; each module in ``evidence_desk.importers`` exposes one as ``IMPORTER``."""

    name: str
    version: str

    def detect(self, source: ExportSource) -> str | None:
        """Return a human-readable reason when this format fits (``"WhatsApp Android, en, 24h,
        d/m/y"``), else ``None``. Must be cheap and must not raise on any input. The reason is a
        :class:`~evidence_desk.domain.wording.Phrase` of the module's catalogue, so that a front
        end can say it in its own language."""

    def parse(self, source: ExportSource, tz: str) -> ParsedChat:
        """Parse the whole export; local times are interpreted in IANA zone ``tz``.

        Raises ImportInputError (file, locator, reason) when the input is not this format or is
        broken beyond what the parser can honestly report as problems.
        """


def sealed_phrase(phrase: str, unsealed: Collection[str] = ()) -> dict[str, object]:
    """A coded sentence as it is sealed: ``{code, facts}``, without its English.

    A fact that is itself a Phrase is sealed the same way, nested; any other fact is its text.
    Facts named in ``unsealed`` are left out, and so is another program's wording
    (:data:`OTHERS_WORDING`), at any depth. A sentence without a code cannot be sealed (every
    importer words through its catalogue; tests/importers/test_wording.py holds them to it).
    """
    if not isinstance(phrase, Phrase) or not phrase.code:
        raise ValueError(f"an uncoded sentence cannot be sealed: {phrase!r}")
    return {"code": phrase.code, "facts": _sealed_facts(phrase.code, phrase.facts, unsealed)}


def _sealed_facts(code: str, facts: Facts, unsealed: Collection[str] = ()) -> dict[str, object]:
    others = OTHERS_WORDING.get(code, frozenset())
    return {
        name: sealed_phrase(value) if isinstance(value, Phrase) and value.code else str(value)
        for name, value in facts
        if name not in unsealed and name not in others
    }


def sealed_problem(problem: ParseProblem) -> dict[str, object]:
    """A parse problem as it is sealed: where, how bad, and its code and facts."""
    if not problem.code:
        raise ValueError(f"an uncoded problem cannot be sealed: {problem.reason!r}")
    return {
        "code": problem.code,
        "facts": _sealed_facts(problem.code, problem.facts, problem.unsealed),
        "file": problem.file,
        "locator": problem.locator,
        "severity": problem.severity,
    }


def sealed_text(text: str) -> object:
    """Text from the export as it is; a name the importer worded itself (an SMS backup's
    "SMS backup (4 counterparts)") as its code and facts."""
    return sealed_phrase(text) if isinstance(text, Phrase) and text.code else text


def normalised_bytes(chat: ParsedChat) -> bytes:
    """The canonical normalised output of a parse (EV-5: byte-identical on re-parse).

    Problems and repairs are sealed as codes and facts, never as English sentences: rewording a
    catalogue must not change what an import sealed (importers/legacy.py rebuilds the bytes of
    the parser versions that sealed English).
    """
    return encode_chat(chat)[0]


class EncodedChat(NamedTuple):
    """What :func:`encode_chat` yields: the normalised document and, per message, its content
    bytes and its ``sent_at`` as ISO 8601 text (the stored column)."""

    normalised: bytes
    contents: list[bytes]
    sent_at: list[str]


def encode_chat(chat: ParsedChat) -> EncodedChat:
    """The normalised bytes of ``chat`` and, per message, its content bytes, in one pass
    (:class:`ChatEncoder` over every message at once)."""
    pieces: list[bytes] = []
    encoder = ChatEncoder(chat, pieces.append)
    contents, sent_at = encoder.encode(chat.messages)
    encoder.finish()
    return EncodedChat(b"".join(pieces), contents, sent_at)


class ChatEncoder:
    """A chat's normalised document and, per message, its content bytes and ``sent_at`` text,
    written a batch of messages at a time.

    An import encodes, fingerprints, commits and seals one batch and hands its rows to the
    writer thread before it encodes the next (services/importing.py), so the messages' SQL
    starts after one batch instead of the whole chat. The document's bytes go to ``sink`` in
    order (the import hashes them; :func:`encode_chat` joins them): their concatenation is the
    same document whatever the batches, and nothing holds all of it.

    The content bytes (``canonical_bytes`` of :func:`message_content`: what a message is
    identified and committed by) and the message's part of the normalised document share the
    timestamp, the enum values and the attachment list, so each message is taken apart once and
    written by one C encoder (``orjson``) twice. Every key is ASCII (code-point order is UTF-16
    order) and every value a string, an int, a bool, None or a list of such objects, so
    ``orjson``'s sorted output equals ``json.dumps(sort_keys=True)``; tests hold both, and the
    canonical writer, together byte for byte.
    """

    def __init__(self, chat: ParsedChat, sink: Callable[[bytes], object]) -> None:
        doc: dict[str, object] = {
            "format": chat.format_name,
            "parser_version": chat.parser_version,
            "title": sealed_text(chat.title),
            "participants": [sealed_text(p) for p in chat.participants],
            "timezone": chat.timezone,
            "encoding": chat.encoding,
            "repairs": [sealed_phrase(r) for r in chat.repairs],
            "problems": [sealed_problem(p) for p in chat.problems],
            "messages": [],
        }
        # Messages are encoded one call each and spliced in where the empty list is: the bytes
        # equal one json.dumps of the whole document, but a 100k-message chat never holds the
        # GIL in a single C call (the GUI thread would freeze for its duration). The key cannot
        # occur inside an encoded string, where quotes are escaped.
        before, self._after = _encode(doc).split(b'"messages":[]', 1)
        self._sink = sink
        self._written = False  # a message's part sent: the next batch starts with a comma
        sink(before + b'"messages":[')
        # Per distinct value: the written day, a sender's and a file's JSON literal (a chat
        # has a few hundred days, a handful of senders and one file among 100k messages).
        self._days: dict[date, str] = {}
        self._senders: dict[str, bytes] = {}
        self._files: dict[str, bytes] = {}

    def encode(self, messages: Iterable[ParsedMessage]) -> tuple[list[bytes], list[str]]:
        """Send the next messages' part of the document to the sink; return each one's content
        bytes and ``sent_at`` text."""
        parts: list[bytes] = []
        contents: list[bytes] = []
        sent_at: list[str] = []
        days, senders, files = self._days, self._senders, self._files
        minutes, seconds, kinds = _CLOCK_MINUTES, _CLOCK_SECONDS, _KIND_LITERALS
        literal, utc = string_bytes, UTC
        for message in messages:
            # datetime.isoformat() of a whole-second UTC instant, from cached pieces: isoformat
            # formats its fields and the offset one by one (three times this, per message)
            at = message.sent_at
            if at.tzinfo is utc and not at.microsecond:
                day = at.date()
                prefix = days.get(day)
                if prefix is None:
                    prefix = days[day] = day.isoformat()
                when = prefix + minutes[at.hour * 60 + at.minute] + seconds[at.second]
            else:
                when = at.isoformat()
            sent_at.append(when)
            kind = kinds.get(message.kind)
            if (
                kind is not None
                and not message.attachments
                and message.sender_id is None
                and message.native_id is None
                and message.reply_to is None
                and message.from_self is None
                and type(message.index) is int
            ):
                # The common message (no attachment, no ids): its two documents are fixed
                # templates around a few JSON string literals, written by the same C writer as
                # a whole document (a test holds them to compact_bytes of the dicts below).
                try:
                    sender = senders.get(message.sender)
                    if sender is None:
                        sender = senders[message.sender] = literal(message.sender)
                    source = message.source
                    file = files.get(source.file)
                    if file is None:
                        file = files[source.file] = literal(source.file)
                    text = literal(message.text)
                    raw = b"null" if message.raw is None else literal(message.raw)
                    stamp = when.encode()
                    contents.append(_CONTENT_TEMPLATE % (kind, sender, stamp, text))
                    parts.append(
                        _FULL_TEMPLATE
                        % (
                            message.index,
                            kind,
                            raw,
                            sender,
                            stamp,
                            file,
                            literal(source.locator),
                            text,
                            literal(message.time_text),
                        )
                    )
                    continue
                except StringNotEncodable:
                    pass  # a lone surrogate: the general path below fails as it always did
            full, content = _documents(message, when)
            parts.append(compact_bytes(full))  # keys already in order
            contents.append(compact_bytes(content))
        if parts:
            body = b",".join(parts)
            self._sink(b"," + body if self._written else body)
            self._written = True
        return contents, sent_at

    def finish(self) -> None:
        """Send the end of the document (after the last batch)."""
        self._sink(b"]" + self._after)


# The written JSON of each kind (its value), and the two per-message documents of a message
# without attachments and ids, keys in sorted order: what compact_bytes writes for the dicts of
# _documents.
_KIND_LITERALS: Final[dict[object, bytes]] = {k: string_bytes(k.value) for k in MessageKind}
_CONTENT_TEMPLATE: Final = (
    b'{"attachments":[],"kind":%s,"native_id":null,"sender":%s,"sender_id":null,'
    b'"sent_at":"%s","text":%s}'
)
_FULL_TEMPLATE: Final = (
    b'{"attachments":[],"from_self":null,"index":%d,"kind":%s,"native_id":null,"raw":%s,'
    b'"reply_to":null,"sender":%s,"sender_id":null,"sent_at":"%s",'
    b'"source":{"file":%s,"locator":%s},"text":%s,"time_text":%s}'
)
# "THH:MM:" for each minute of a day, "SS+00:00" for each second: isoformat()'s pieces.
_CLOCK_MINUTES: Final = tuple(f"T{h:02d}:{m:02d}:" for h in range(24) for m in range(60))
_CLOCK_SECONDS: Final = tuple(f"{s:02d}+00:00" for s in range(60))


def _documents(message: ParsedMessage, when: str) -> tuple[dict[str, object], dict[str, object]]:
    """:meth:`ParsedMessage.as_json_pair`, with ``sent_at`` already written as ``when``."""
    if message.attachments:
        return message.as_json_pair()
    source = message.source
    kind = message.kind._value_  # the enum's value property is a Python function in 3.11
    # keys in sorted order: the encoder need not sort them
    full: dict[str, object] = {
        "attachments": [],
        "from_self": message.from_self,
        "index": message.index,
        "kind": kind,
        "native_id": message.native_id,
        "raw": message.raw,
        "reply_to": message.reply_to,
        "sender": message.sender,
        "sender_id": message.sender_id,
        "sent_at": when,
        "source": {"file": source.file, "locator": source.locator},
        "text": message.text,
        "time_text": message.time_text,
    }
    content: dict[str, object] = {
        "attachments": [],
        "kind": kind,
        "native_id": message.native_id,
        "sender": message.sender,
        "sender_id": message.sender_id,
        "sent_at": when,
        "text": message.text,
    }
    return full, content


def message_content(message: ParsedMessage) -> dict[str, object]:
    """The content a message is identified and committed by (no file position)."""
    return message.as_json_pair()[1]


def content_bytes(message: ParsedMessage) -> bytes:
    """The encoded :func:`message_content`, as :func:`encode_chat` writes it."""
    return _encode(message.as_json_pair()[1])


def _encode(value: dict[str, object]) -> bytes:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``,
    encoded to UTF-8 (written by ``orjson``: see :func:`compact_bytes`)."""
    return compact_bytes(value, sort_keys=True)
