"""A message's content bytes: the fast writer is the canonical JSON writer, byte for byte."""

from __future__ import annotations

import os

from evidence_desk.services import commitments


def test_content_bytes_equal_canonical_bytes() -> None:
    """The fast content encoding must stay byte-identical to the canonical JSON it replaces,
    or fingerprints and commitments of stored imports would no longer match."""
    from datetime import UTC, datetime

    from evidence_desk.importers.base import (
        Attachment,
        AttachmentState,
        MessageKind,
        ParsedMessage,
        SourceRef,
    )
    from evidence_desk.integrity.canonical import canonical_bytes

    message = ParsedMessage(
        index=0,
        sent_at=datetime(2026, 1, 5, 1, 0, tzinfo=UTC),
        time_text="05/01/2026, 09:00",
        sender='Chen "Lixin" \\ 😀',
        kind=MessageKind.IMAGE,
        text="line\n\u2028tab\t\u0001 ünï",
        source=SourceRef("chat.txt", "line 1"),
        sender_id=None,
        native_id="42",
        attachments=(
            Attachment(MessageKind.IMAGE, "IMG-1.jpg", AttachmentState.EXPORTED, "IMG-1.jpg"),
            Attachment(MessageKind.FILE, "", AttachmentState.OMITTED),
        ),
    )
    assert commitments.content_bytes(message) == canonical_bytes(
        commitments.message_content(message)
    )


def test_commit_contents_equals_the_one_at_a_time_functions() -> None:
    contents = [b'{"text":"a"}', b'{"text":"b"}', b'{"text":"a"}', b"", b'{"text":"\\u0000"}']
    salts = [os.urandom(16) for _ in contents]
    sealed, root = commitments.commit_contents(contents, salts)
    pairs = zip(salts, contents, strict=True)
    one_by_one = [commitments.commitment_of(salt.hex(), content) for salt, content in pairs]
    assert sealed == one_by_one
    assert root == commitments.commitments_root(one_by_one)
    assert commitments.commit_contents([], []) == ([], commitments.commitments_root([]))


def test_fingerprints_count_occurrences_of_identical_contents() -> None:
    import hashlib

    a, b = b'{"text":"a"}', b'{"text":"b"}'
    assert commitments.fingerprints_of([a, b, a]) == [
        hashlib.sha256(a + b"#1").hexdigest(),
        hashlib.sha256(b + b"#1").hexdigest(),
        hashlib.sha256(a + b"#2").hexdigest(),
    ]


def test_fingerprints_of_a_chat_in_batches_count_across_them() -> None:
    """An import fingerprints a chat a batch at a time (services/importing._encoded): the
    occurrence count of a content carries over from one batch to the next."""
    a, b = b'{"text":"a"}', b'{"text":"b"}'
    contents = [a, b, a, a, b, a, a]
    whole = commitments.fingerprints_of(contents)
    for size in (1, 2, 3):
        seen: dict[bytes, int] = {}
        batched = [
            fingerprint
            for start in range(0, len(contents), size)
            for fingerprint in commitments.fingerprints_of(contents[start : start + size], seen)
        ]
        assert batched == whole
    assert len(set(whole)) == len(whole)
