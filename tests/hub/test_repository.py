"""The hub's other records on a real PostgreSQL: the organisation, enrolments, blobs in
resumable chunks, case key wraps and the replay window's nonces."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.hub import schema
from evidence_desk.hub.repository import HubRepository, Wrap, code_digest
from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SIGN, WRAP = "ab" * 32, "cd" * 32


def _refusal(call: object, *args: object, **kwargs: object) -> str:
    assert callable(call)
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    return refused.value.refusal.rule


def test_one_organisation_per_database(hub_db: HubDatabase) -> None:
    with repository(hub_db.app_url) as repo:
        assert repo.hub_id() is None
        repo.create_organisation("hub-1")
        assert _refusal(repo.create_organisation, "hub-2") == "hub.organisation_exists"
        assert repo.hub_id() == "hub-1"


def test_an_enrolment_code_works_once_and_is_stored_only_as_its_digest(
    hub_db: HubDatabase,
) -> None:
    with repository(hub_db.app_url) as repo:
        repo.add_user("root", "admin", SIGN, WRAP, by=None)
        repo.create_enrolment("K7-one-time", "alice", "staff", NOW + timedelta(days=1), by="root")
        assert _refusal(repo.redeem_enrolment, "wrong", "01" * 32, "02" * 32, now=NOW) == (
            "hub.enrolment_unknown"
        )
        user = repo.redeem_enrolment("K7-one-time", "01" * 32, "02" * 32, now=NOW)
        assert (user.name, user.role, user.active, user.keys) == (
            "alice",
            "staff",
            True,
            ("01" * 32,),
        )
        assert _refusal(repo.redeem_enrolment, "K7-one-time", "03" * 32, "04" * 32, now=NOW) == (
            "hub.enrolment_used"
        )
        assert repo.user("alice") == user  # the second use changed nothing
        repo.create_enrolment("late", "bob", "staff", NOW, by="root")
        assert _refusal(repo.redeem_enrolment, "late", "05" * 32, "06" * 32, now=NOW) == (
            "hub.enrolment_expired"
        )
        assert repo.user("bob") is None
        assert (
            _refusal(repo.create_enrolment, "again", "alice", "staff", NOW, by="root")
            == "hub.user_exists"
        )
    with psycopg.connect(hub_db.owner_url) as conn:
        digests = {r[0] for r in conn.execute("SELECT code_digest FROM enrolments")}
        changes = conn.execute("SELECT user_name, change FROM user_changes ORDER BY id").fetchall()
    assert digests == {code_digest("K7-one-time"), code_digest("late")}
    assert changes == [("root", "add"), ("alice", "add")]


def test_users_and_devices_are_refused_twice_and_changes_are_recorded(
    hub_db: HubDatabase,
) -> None:
    with repository(hub_db.app_url) as repo:
        repo.add_user("root", "admin", SIGN, WRAP, by=None)
        assert _refusal(repo.add_user, "root", "staff", SIGN, WRAP, by=None) == "hub.user_exists"
        assert _refusal(repo.set_active, "nobody", False, by="root") == "hub.no_user"
        assert _refusal(repo.add_device, "dev-1", "nobody") == "hub.no_user"
        repo.add_device("dev-1", "root")
        assert _refusal(repo.add_device, "dev-1", "root") == "hub.device_exists"
        assert repo.device_user("dev-1") == "root"
        assert repo.device_user("dev-2") is None
        repo.set_active("root", False, by="root")
        user = repo.user("root")
        assert user is not None and not user.active
    with psycopg.connect(hub_db.owner_url) as conn:
        changes = conn.execute(
            "SELECT change, value, by_user FROM user_changes ORDER BY id"
        ).fetchall()
    assert changes == [("add", "admin", None), ("active", "false", "root")]


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_a_blob_upload_resumes_where_it_stopped_and_completes_on_its_digest(
    hub_db: HubDatabase,
) -> None:
    data = os.urandom(300_000)
    digest, parts = hashlib.sha256(data).hexdigest(), _chunks(data, 64 * 1024)
    with repository(hub_db.app_url) as repo:
        for index in (0, 1, 3):  # the upload was interrupted
            repo.put_chunk(digest, index, parts[index])
        repo.put_chunk(digest, 1, parts[1])  # sent again after a lost answer: no change
        assert repo.chunks_held(digest) == [0, 1, 3]
        assert _refusal(repo.complete_blob, digest, len(data), len(parts)) == "hub.blob_missing"
        assert repo.blob_chunk(digest, 0) is None  # not complete: nothing to download
        for index in range(len(parts)):  # resumes with what is missing
            if index not in repo.chunks_held(digest):
                repo.put_chunk(digest, index, parts[index])
        repo.complete_blob(digest, len(data), len(parts))
        repo.complete_blob(digest, len(data), len(parts))  # again: nothing more
        assert b"".join(repo.blob_chunk(digest, i) or b"" for i in range(len(parts))) == data
        assert repo.blob_chunk(digest, len(parts)) is None
        repo.put_chunk(digest, 2, parts[2])  # the same bytes: fine
        assert _refusal(repo.put_chunk, digest, 2, b"other") == "hub.blob_chunk"
    with psycopg.connect(hub_db.owner_url) as conn:
        # a complete blob's chunks are evidence: not even the owner removes them
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("DELETE FROM blob_chunks")
        assert refused.value.sqlstate == schema.APPEND_ONLY_STATE
    with psycopg.connect(hub_db.app_url) as conn:
        assert conn.execute("SELECT size, chunks FROM blobs").fetchall() == [
            (len(data), len(parts))
        ]


def test_a_blob_whose_chunks_do_not_hash_to_its_digest_is_refused_and_discarded(
    hub_db: HubDatabase,
) -> None:
    data = os.urandom(100_000)
    digest, parts = hashlib.sha256(data).hexdigest(), _chunks(data, 40_000)
    with repository(hub_db.app_url) as repo:
        repo.put_chunk(digest, 0, parts[0])
        repo.put_chunk(digest, 1, bytes(len(parts[1])))  # corrupted on the way
        repo.put_chunk(digest, 2, parts[2])
        with pytest.raises(Refused) as refused:
            repo.complete_blob(digest, len(data), len(parts))
        assert repo.chunks_held(digest) == []  # the upload starts again from scratch
        # and a chunk corrected before completion replaces the first one
        repo.put_chunk(digest, 0, parts[0])
        repo.put_chunk(digest, 1, bytes(len(parts[1])))
        repo.put_chunk(digest, 1, parts[1])
        repo.put_chunk(digest, 2, parts[2])
        repo.complete_blob(digest, len(data), len(parts))
    facts = refused.value.refusal.facts()
    assert refused.value.refusal.rule == "hub.blob_digest"
    assert facts["digest"] == digest
    assert facts["actual"] == hashlib.sha256(parts[0] + bytes(len(parts[1])) + parts[2]).hexdigest()
    assert facts["size"] == facts["expected_size"] == str(len(data))
    with psycopg.connect(hub_db.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM blobs").fetchone() == (1,)


def test_a_wrong_size_is_refused_like_a_wrong_digest(hub_db: HubDatabase) -> None:
    data = b"sealed bytes"
    digest = hashlib.sha256(data).hexdigest()
    with repository(hub_db.app_url) as repo:
        repo.put_chunk(digest, 0, data)
        assert _refusal(repo.complete_blob, digest, len(data) + 1, 1) == "hub.blob_digest"
    with psycopg.connect(hub_db.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM blobs").fetchone() == (0,)


def test_a_persons_small_files_are_stored_completed_and_named_in_one_call(
    hub_db: HubDatabase,
) -> None:
    identity, debt = b"sealed identity proof", b"sealed debt confirmation"
    first, second = hashlib.sha256(identity).hexdigest(), hashlib.sha256(debt).hexdigest()
    with repository(hub_db.app_url) as repo:
        repo.put_chunk(first, 1, b"left by an upload cut in other pieces")
        repo.put_chunk(second, 0, debt)  # the same ciphertext already complete on the hub
        repo.complete_blob(second, len(debt), 1)
        files = [("blobs/aa/identity.enc", first, identity), ("blobs/bb/debt.enc", second, debt)]
        assert repo.store_small_files(files, "sam") == [True, True]
        assert repo.store_small_files(files[:1], "sam") == [False]  # named already
        assert repo.blob_chunk(first, 0) == identity
        assert repo.named_blob_files([p for p, _d, _b in files]) == sorted(p for p, _d, _b in files)
    with psycopg.connect(hub_db.app_url) as conn:
        assert sorted(conn.execute("SELECT digest, size, chunks FROM blobs").fetchall()) == sorted(
            [(first, len(identity), 1), (second, len(debt), 1)]
        )


def test_a_refused_small_file_leaves_none_of_its_requests_files(hub_db: HubDatabase) -> None:
    good, bad = b"sealed identity proof", b"not the bytes of its digest"
    files = [
        ("blobs/aa/identity.enc", hashlib.sha256(good).hexdigest(), good),
        ("blobs/bb/debt.enc", hashlib.sha256(b"other bytes").hexdigest(), bad),
    ]
    with repository(hub_db.app_url) as repo:
        assert _refusal(repo.store_small_files, files, "sam") == "hub.blob_digest"
    with psycopg.connect(hub_db.owner_url) as conn:
        for table in ("blob_chunks", "blobs", "blob_files"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_case_key_wraps_are_kept_once_per_case_recipient_and_key(hub_db: HubDatabase) -> None:
    wrap = Wrap("2026-SH-1", "lee", "k1", b"\x01sealed", "sam")
    with repository(hub_db.app_url) as repo:
        assert _refusal(repo.add_wrap, wrap) == "hub.no_user"
        repo.add_user("lee", "legal", SIGN, WRAP, by=None)
        repo.add_wrap(wrap)
        repo.add_wrap(wrap)
        later = Wrap("2026-SH-2", "lee", "k2", b"\x02sealed", "sam")
        repo.add_wrap(later)
        assert repo.wraps_for("lee") == [wrap, later]
        assert repo.wraps_for("sam") == []


def test_a_nonce_is_accepted_once_within_the_window(hub_db: HubDatabase) -> None:
    now = NOW.timestamp()
    with repository(hub_db.app_url) as repo:
        assert repo.remember("alice", "n1", now=now, until=now + 300)
        assert not repo.remember("alice", "n1", now=now + 10, until=now + 310)
        assert repo.remember("bob", "n1", now=now, until=now + 300)
        # past its time the nonce is forgotten (the signature's created time refuses it then)
        assert repo.remember("alice", "n1", now=now + 301, until=now + 601)
        assert not repo.remember("alice", "n1", now=now + 302, until=now + 602)
    with psycopg.connect(hub_db.owner_url) as conn:  # bob's has gone by then
        assert conn.execute("SELECT key_id FROM nonces").fetchall() == [("alice",)]


def test_the_repository_connects_as_the_application_role(hub_db: HubDatabase) -> None:
    with repository(hub_db.app_url) as repo:
        assert isinstance(repo, HubRepository)
        repo.add_user("root", "admin", SIGN, WRAP, by=None)
    with psycopg.connect(hub_db.app_url) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("evidence_desk_hub",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM user_keys")
