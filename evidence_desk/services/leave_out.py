"""Minimisation at import (PI-2): chats and participants staff leave out of a chat export.

The original is sealed whole, byte for byte; leaving out only decides which parsed messages
become stored messages. What was left out is recorded in the import's row (``details``) and
ledger entry as facts, never as sentences:

``{"chat": KEPT_ID, "chats": [LEFT_OUT_IDS], "participants": [SHA-256 hex], "messages": N}``

- ``chat``/``chats``: a multi-chat export (Telegram's full export) is parsed for the one chat
  left in; the ids of the others are recorded.
- ``participants``: each left-out participant as the SHA-256 of its UTF-8 name or account id,
  so that the ledger does not repeat a third party's name in clear (the original still holds it).
  A message is left out when the digest of its sender or its sender id is listed.
- ``messages``: how many parsed messages were left out.

``verify`` re-parses the original, applies the same recorded choice (:func:`apply`) and must
arrive at the same normalised digest, messages and commitments; a changed record changes that.
An import that leaves nothing out records nothing, so its sealed bytes stay as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from evidence_desk.importers import telegram
from evidence_desk.importers.base import ExportSource, MessageKind, ParsedChat


@dataclass(frozen=True, slots=True)
class LeaveOut:
    """What staff chose to leave out: chat ids of a multi-chat export and participant names."""

    chats: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()

    @classmethod
    def of(cls, chats: Iterable[str] = (), participants: Iterable[str] = ()) -> LeaveOut:
        return cls(
            frozenset(c.strip() for c in chats if c.strip()),
            frozenset(p for p in participants if p.strip()),
        )

    def __bool__(self) -> bool:
        return bool(self.chats or self.participants)

    def digests(self) -> frozenset[str]:
        return frozenset(participant_digest(p) for p in self.participants)


@dataclass(frozen=True, slots=True)
class ChatChoice:
    """One chat of a multi-chat export, as the preview offers it."""

    id: str
    name: str
    type: str
    message_count: int
    left_out: bool


def participant_digest(name: str) -> str:
    """How a left-out participant is recorded: SHA-256 of its UTF-8 name (or account id)."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def chat_choices(
    source: ExportSource, format_name: str, leave_out: LeaveOut
) -> tuple[ChatChoice, ...]:
    """The chats of a multi-chat export (empty for a single chat or another format)."""
    if format_name != telegram.FORMAT_NAME:
        return ()
    infos = telegram.list_chats(source)
    if len(infos) < 2:
        return ()
    return tuple(
        ChatChoice(i.id, i.name, i.type, i.message_count, i.id in leave_out.chats) for i in infos
    )


def kept_chat(choices: tuple[ChatChoice, ...]) -> str | None:
    """The one chat left in, or None when not exactly one is (the importer then refuses)."""
    kept = [c.id for c in choices if not c.left_out]
    return kept[0] if len(kept) == 1 else None


def parse_chosen(source: ExportSource, tz: str, chat: str) -> ParsedChat:
    """Parse the chat ``chat`` (an id) of a multi-chat export."""
    return telegram.parse_chat(source, tz, chat)


def senders(chat: ParsedChat) -> tuple[str, ...]:
    """Everyone the preview offers to leave out: the participants and every sender, in order."""
    seen: dict[str, None] = dict.fromkeys(chat.participants)
    for message in chat.messages:
        if message.kind != MessageKind.SYSTEM and message.sender:
            seen.setdefault(message.sender)
    return tuple(seen)


def apply(chat: ParsedChat, digests: frozenset[str]) -> tuple[ParsedChat, int]:
    """``chat`` without the messages of the participants whose digests are given, and how many
    messages that removed. Messages keep their index (the gaps show where messages were left
    out); the participants list loses the left-out names."""
    if not digests:
        return chat, 0

    def out(name: str | None) -> bool:
        return name is not None and participant_digest(name) in digests

    kept = tuple(m for m in chat.messages if not (out(m.sender) or out(m.sender_id)))
    participants = tuple(p for p in chat.participants if not out(p))
    left = len(chat.messages) - len(kept)
    return replace(chat, messages=kept, participants=participants), left


def record(
    chat: str | None, choices: tuple[ChatChoice, ...], digests: frozenset[str], left: int
) -> dict[str, object]:
    """The sealed record of what was left out (empty when nothing was)."""
    left_chats = sorted(c.id for c in choices if c.left_out)
    if not (left_chats or digests):
        return {}
    recorded: dict[str, object] = {
        "chats": left_chats,
        "participants": sorted(digests),
        "messages": left,
    }
    if chat is not None:
        recorded["chat"] = chat
    return recorded


def recorded(details: Mapping[str, object]) -> tuple[str | None, frozenset[str], int] | None:
    """The kept chat, the participant digests and the count an import recorded, if any."""
    value = details.get("left_out")
    if not isinstance(value, dict):
        return None
    chat = value.get("chat")
    participants = value.get("participants")
    messages = value.get("messages")
    return (
        chat if isinstance(chat, str) else None,
        frozenset(p for p in participants if isinstance(p, str))
        if isinstance(participants, list)
        else frozenset(),
        messages if isinstance(messages, int) else -1,
    )
