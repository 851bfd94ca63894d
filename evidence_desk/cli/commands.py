"""The command line: a thin layer that parses input, calls one service, prints the result.

Exit codes (cli.md): 0 done / intact; 1 verification found problems (or the store cannot be
used); 2 usage error; 3 refused by a rule or a permission; 4 bad input. A refused or failed
command changes nothing, because every service call is one transaction.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evidence_desk import __version__
from evidence_desk.cli import redaction as redaction_cli
from evidence_desk.cli import short_ids
from evidence_desk.cli.common import default_store, open_session, password_from, user_name
from evidence_desk.console import json_text, make_streams_safe
from evidence_desk.domain.errors import BadInput, EvidenceDeskError, HubForked, UsageError
from evidence_desk.domain.models import Role
from evidence_desk.domain.wording import Catalogue, plural_form
from evidence_desk.services import (
    cases,
    contacts,
    import_preview,
    importing,
    reading,
    retention,
    shredding,
    timestamps,
)
from evidence_desk.services import settings as settings_service
from evidence_desk.services import users as user_service
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.leave_out import LeaveOut
from evidence_desk.services.session import Session, committed_writes
from evidence_desk.services.verify import iter_log, signed_notes, verify_store

# The CLI's own error sentences (what it prints on success is its output contract, docs/CLI.md)
_said = Catalogue(
    {
        **COMMON_WORDING,
        "cli.setting_value": "settings set KEY VALUE: a value is required",
        "cli.certificate_unreadable": "cannot read certificate file: {error}",
        "cli.interrupted": "interrupted",
        "cli.interrupted_unchanged": "interrupted: nothing was changed",
    }
)

Handler = Callable[[argparse.Namespace], int]


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json_text(data))
    else:
        print(text)


# -- commands -----------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    password = password_from("EVIDENCE_DESK_PASSWORD", f"New password for {args.admin}: ")
    with Session.create_store(args.store, args.admin, password) as session:
        _emit(
            args,
            {"store": str(args.store), "store_id": session.folder.store_id, "admin": args.admin},
            f"created store {args.store} (id {session.folder.store_id}) with admin {args.admin}",
        )
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    password = password_from("EVIDENCE_DESK_NEW_PASSWORD", f"Password for new user {args.name}: ")
    with open_session(args) as session:
        user = user_service.add_user(session, args.name, Role(args.role), password)
    _emit(
        args,
        {"name": user.name, "role": user.role.value, "public_key": user.public_key},
        f"added {user.role.value} {user.name}",
    )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        people = user_service.list_users(session)
    rows = [{"name": u.name, "role": u.role.value, "active": u.active} for u in people]
    _emit(
        args,
        rows,
        "\n".join(
            f"{u.name}\t{u.role.value}\t{'active' if u.active else 'inactive'}" for u in people
        ),
    )
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    password = password_from("EVIDENCE_DESK_NEW_PASSWORD", f"New password for {args.name}: ")
    with open_session(args) as session:
        user_service.reset_password(session, args.name, password)
    _emit(
        args, {"name": args.name, "reset": True}, f"password of {args.name} reset, new key issued"
    )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        entries = list(iter_log(session, since=args.since))
        notes = signed_notes(session, since=args.since) if args.json else {}
    if args.json:
        print(
            json_text(
                [
                    {
                        "seq": e.seq,
                        "at": e.at,
                        "actor": e.actor,
                        "action": e.action,
                        "payload": json.loads(e.payload),
                        "prev_hash": e.prev_hash,
                        "entry_hash": e.entry_hash,
                        "signature": e.signature,
                        # the signature is over "evidence-desk/checkpoint/v1\n" + this note
                        "signed_note": notes.get(e.seq),
                    }
                    for e in entries
                ]
            )
        )
    else:
        for e in entries:
            print(f"{e.seq:>6}  {e.at}  {e.actor:<12} {e.action:<24} {e.entry_hash[:16]}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    for path in args.anchor:
        if not path.is_file():
            raise BadInput(
                str(path), "", "no such file (--anchor takes an anchor, a backup or a kit)"
            )
    with open_session(args) as session:
        report = verify_store(session, anchor_files=args.anchor, deep=args.deep)
    if args.json:
        print(json_text(report.as_json()))
    else:
        for finding in report.findings:
            severity = finding.severity.upper()
            print(f"{severity:7} {finding.code:<24} {finding.location}: {finding.detail}")
        verdict = "INTACT" if report.intact else f"PROBLEMS FOUND ({len(report.errors)})"
        print(
            f"{verdict}: {report.entries} entries, {report.checkpoints} checkpoints, "
            f"{report.blobs} originals ({report.blob_bytes} bytes) checked; "
            f"compared with {len(report.anchors)} "
            + plural_form(len(report.anchors), "anchor", "anchors")
        )
    return 0 if report.intact else 1


def cmd_settings(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        if args.action == "set":
            if args.value is None:
                raise UsageError(_said("cli.setting_value"))
            value = settings_service.set_value(session, args.key, args.value)
        elif args.key:
            value = settings_service.get(session, args.key)
        else:
            values = settings_service.all_settings(session)
            _emit(args, values, "\n".join(f"{k} = {v}" for k, v in values.items()))
            return 0
    _emit(args, {args.key: value}, value)
    return 0


def _case_json(case: cases.Case, kept: retention.Retention | None = None) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "case_no": case.case_no,
        "debtor_name": case.debtor_name,
        "debtor_id_number": case.masked_id,
        "loan_ref": case.loan_ref,
        "product": case.product,
        "amount_overdue": case.amount_overdue,
        "overdue_since": case.overdue_since,
        "status": case.status,
    }
    if kept is not None:
        shown["retention"] = kept.as_json()
    return shown


def _retention_text(kept: retention.Retention) -> str:
    """One column of ``case list``: closed (with the deletion date), held, or open."""
    held = kept.active_hold
    words = []
    if kept.delete_after is not None:
        words.append(f"closed, delete after {kept.delete_after[:10]}")
    else:
        words.append(f"open, keep until at least {kept.floor_until[:10]}")
    if held is not None:
        words.append(f"on legal hold {held.id}")
    return "; ".join(words)


def cmd_case_add(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        case = cases.create_case(
            session,
            args.case_no,
            debtor_name=args.debtor,
            debtor_id_number=args.id_number,
            loan_ref=args.loan_ref,
            product=args.product,
            amount_overdue=args.amount,
            overdue_since=args.overdue_since,
        )
    _emit(args, _case_json(case), f"opened case {case.case_no} ({case.debtor_name})")
    return 0


def cmd_case_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        kept = retention.retention_of_all(session)
        found = [(c, kept[c.case_no]) for c in cases.list_cases(session, args.search)]
        shredded = {k: str(v["shredded_at"]) for k, v in shredding.shredded_cases(session).items()}
    _emit(
        args,
        [{**_case_json(c, state), "shredded_at": shredded.get(c.case_no)} for c, state in found],
        "\n".join(
            f"{c.case_no}\t{c.debtor_name}\t{c.masked_id}\t{c.amount_overdue}\t{c.status}"
            f"\t{_retention_text(state)}"
            + (f"; shredded {shredded[c.case_no][:10]}" if c.case_no in shredded else "")
            for c, state in found
        ),
    )
    return 0


def cmd_case_show(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        case = cases.get_case(session, args.case_no)
        kept = retention.retention_of(session, args.case_no)
        done = shredding.shredding_of(session, args.case_no)
    lines = [
        f"case {case.case_no}: {case.debtor_name} ({case.masked_id}), {case.status}",
        f"opened {case.created_at} by {case.created_by}",
    ]
    if kept.closed_at is not None:
        lines.append(f"closed {kept.closed_at} by {kept.closed_by}: {kept.close_reason}")
        lines.append(f"deletion date {kept.delete_after}")
    else:
        lines.append("not closed: no deletion date yet")
    lines.append(f"retention floor until {kept.floor_until}")
    if done is not None:
        lines.append(
            f"shredded {done['shredded_at']} by {done['shredded_by']} (basis {done['basis']})"
        )
    for hold in kept.holds:
        state = (
            "in force"
            if hold.active
            else f"lifted {hold.lifted_at} by {hold.lifted_by}: {hold.lift_reason}"
        )
        lines.append(
            f"legal hold {hold.id} placed {hold.placed_at} by {hold.placed_by}: {hold.reason} "
            f"({state})"
        )
    _emit(args, _case_json(case, kept), "\n".join(lines))
    return 0


def cmd_case_close(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        kept = retention.close_case(session, args.case_no, args.reason)
    _emit(
        args,
        {"case_no": args.case_no, **kept.as_json()},
        f"closed case {args.case_no}; deletion date {kept.delete_after}",
    )
    return 0


def cmd_case_shred(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        done = shredding.shred_case(
            session, args.case_no, args.basis, args.reason, args.request_file
        )
    _emit(
        args,
        {
            "case_no": done.case_no,
            "basis": done.basis,
            "seq": done.seq,
            "at": done.at,
            "counts": dict(done.counts),
            "vacuumed": done.vacuumed,
        },
        done.describe(),
    )
    return 0


def _hold_json(hold: retention.Hold) -> dict[str, Any]:
    return {
        "id": hold.id,
        "case_no": hold.case_no,
        "active": hold.active,
        "placed_by": hold.placed_by,
        "placed_at": hold.placed_at,
        "reason": hold.reason,
        "lifted_by": hold.lifted_by,
        "lifted_at": hold.lifted_at,
        "lift_reason": hold.lift_reason,
    }


def cmd_hold(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        if args.hold_command == "add":
            hold = retention.add_hold(session, args.case_no, args.reason)
            text = f"case {hold.case_no} is under legal hold {hold.id}"
        else:
            hold = retention.lift_hold(session, args.case_no, args.reason)
            text = f"lifted legal hold {hold.id} on case {hold.case_no}"
    _emit(args, _hold_json(hold), text)
    return 0


def cmd_case_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(
            str(path), "", _said("input.cannot_read", error=error.strerror or error)
        ) from None
    with open_session(args) as session:
        result = cases.import_cases_csv(session, path.name, data)
    _emit(
        args,
        {"imported": result.imported, "encoding": result.encoding},
        f"imported {len(result.imported)} {plural_form(len(result.imported), 'case', 'cases')} "
        f"from {path.name} ({result.encoding})",
    )
    return 0


def _contact_json(contact: contacts.Contact, now: str) -> dict[str, Any]:
    return {
        "id": contact.id,
        "case_no": contact.case_no,
        "channel": contact.channel,
        "handle": contact.handle,
        "name": contact.display_name,
        "relation": contact.relation,
        "status": contact.status,
        "standing": contact.standing(now),
        "requested_by": contact.requested_by,
        "decided_by": contact.decided_by,
        "expires_at": contact.expires_at,
        "flags": contact.flag_list,
    }


def cmd_contact_request(args: argparse.Namespace) -> int:
    documents = [("identity_proof", p) for p in args.identity_proof]
    documents += [("debt_confirmation", p) for p in args.debt_confirmation]
    documents += [("friend_request", p) for p in args.friend_request]
    documents += [("consent", p) for p in args.consent_evidence]
    with open_session(args) as session:
        contact = contacts.request_contact(
            session,
            case_no=args.case,
            channel=args.channel,
            handle=args.handle,
            display_name=args.name,
            reason=args.reason,
            relation=args.relation,
            relation_justification=args.justification,
            initiated_by=args.initiated_by,
            consent=args.consent,
            documents=documents,
        )
        now = session.now()
    _emit(args, _contact_json(contact, now), contact.id)
    return 0


def _decision(args: argparse.Namespace, decide: Callable[..., contacts.Contact]) -> int:
    with open_session(args) as session:
        contact = decide(session, args.id, args.note or "")
        now = session.now()
    _emit(args, _contact_json(contact, now), f"contact {contact.id} is now {contact.status}")
    return 0


def cmd_contact_approve(args: argparse.Namespace) -> int:
    return _decision(args, contacts.approve)


def cmd_contact_reject(args: argparse.Namespace) -> int:
    return _decision(args, contacts.reject)


def cmd_contact_revoke(args: argparse.Namespace) -> int:
    return _decision(args, contacts.revoke)


def cmd_contact_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        found = contacts.list_contacts(session, status=args.status, case_no=args.case)
        now = session.now()
    _emit(
        args,
        [_contact_json(c, now) for c in found],
        "\n".join(
            f"{c.id}\t{c.case_no}\t{c.channel}\t{c.handle}\t{c.display_name}\t{c.standing(now)}"
            for c in found
        ),
    )
    return 0


def cmd_contact_attach(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        items = contacts.attach_documents(session, args.id, args.files, role=args.role)
    _emit(
        args,
        [{"id": i.id, "file_name": i.file_name, "sha256": i.sha256} for i in items],
        "\n".join(f"{i.id}\t{i.sha256}\t{i.file_name}" for i in items),
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from evidence_desk.services.demo import ensure_demo_store

    demo = ensure_demo_store(args.store)
    users_json = {
        name: {"role": role.value, "password": pw} for name, (role, pw) in demo.users.items()
    }
    lines = [f"{'created' if demo.created else 'reusing'} demo store {demo.path}", "demo users:"]
    lines += [
        f"  {name:<14} {role.value:<10} password: {pw}" for name, (role, pw) in demo.users.items()
    ]
    _emit(
        args,
        {"store": str(demo.path), "created": demo.created, "users": users_json},
        "\n".join(lines),
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    # Imported here: only the desktop app needs Qt; every other command runs without it.
    from evidence_desk.ui.app import run

    return run(args.store)


def cmd_import(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    leave = LeaveOut.of(args.exclude_chat, args.exclude_participant)
    with open_session(args) as session:
        if args.preview:
            preview = import_preview.preview_import(
                session,
                args.contact,
                args.files,
                tz=args.tz,
                format_name=args.format,
                our_account=args.our_account,
                leave=leave,
            )
            data = asdict(preview)
            lines = []
            for chat in preview.chats:
                lines.append(
                    f"{chat.file_name}: {chat.detection_reason}; {chat.message_count} messages "
                    f"({chat.already_stored} already stored) {chat.first_at} .. {chat.last_at}; "
                    f"zone {chat.timezone}; our account {chat.our_account!r}; "
                    f"participants {', '.join(chat.participants)}"
                    + (f"; zip names {chat.name_encoding}" if chat.name_encoding else "")
                )
                if chat.left_out_messages or chat.left_out_participants:
                    lines.append(
                        f"  left out: {chat.left_out_messages} messages of "
                        f"{', '.join(chat.left_out_participants) or '-'}"
                    )
                lines += [
                    f"  chat {c.id} {c.name!r} ({c.message_count} messages)"
                    + (" left out" if c.left_out else "")
                    for c in chat.chats
                ]
                lines += [f"  problem: {p}" for p in chat.problems]
            for unchosen in preview.to_choose:
                lines.append(f"{unchosen.file_name}: leave out all chats but one (--exclude-chat)")
                lines += [
                    f"  chat {c.id} {c.name!r} {c.type} ({c.message_count} messages)"
                    + (" left out" if c.left_out else "")
                    for c in unchosen.chats
                ]
            for image in preview.images:
                lines.append(
                    f"{image.file_name}: {image.detection_reason} {image.width}x{image.height}"
                )
            for recording in preview.recordings:
                duration = recording.duration_seconds
                lines.append(
                    f"{recording.file_name}: {recording.detection_reason}; "
                    f"{'?' if duration is None else f'{duration:.1f}'} s; "
                    f"recorded {recording.recorded_at or '?'}; "
                    f"device {recording.device or '?'}; codecs {', '.join(recording.codecs) or '?'}"
                )
                lines += [f"  problem: {p}" for p in recording.problems]
            lines += [f"{d}: already imported" for d in preview.duplicates]
            _emit(args, data, "\n".join(lines))
            return 0
        result = importing.import_files(
            session,
            args.contact,
            args.files,
            tz=args.tz,
            format_name=args.format,
            our_account=args.our_account,
            leave=leave,
        )
    imports = len(result.import_ids)
    text = (
        f"stored {imports} {plural_form(imports, 'import', 'imports')}: "
        f"{result.messages_total} {plural_form(result.messages_total, 'message', 'messages')} "
        f"({result.messages_new} new), {result.images} "
        f"{plural_form(result.images, 'image', 'images')}, {result.recordings} "
        f"{plural_form(result.recordings, 'recording', 'recordings')}"
    )
    if result.ledger_seq is not None:
        text += f"; ledger entry {result.ledger_seq}"
    _emit(args, asdict(result), "\n".join([text, *result.notices]))
    return 0


def cmd_messages(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with open_session(args) as session:
        found = reading.list_messages(session, args.contact, offset=args.offset, limit=args.limit)
    arrows = {"out": "→", "in": "←", "system": "·"}
    _emit(
        args,
        [asdict(m) for m in found],
        "\n".join(
            f"{m.sent_at}  {arrows.get(m.direction, '?')} {m.sender}: {m.text}"
            + (f"  [{', '.join(m.flags)}]" if m.flags else "")
            for m in found
        ),
    )
    return 0


def cmd_tsa_add(args: argparse.Namespace) -> int:
    try:
        roots = args.ca.read_text("ascii")
        certs = args.certs.read_text("ascii") if args.certs else ""
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(str(args.ca), "", _said("cli.certificate_unreadable", error=error)) from None
    with open_session(args) as session:
        authority = timestamps.add_authority(
            session,
            args.name,
            args.url,
            roots,
            certs,
            hash_alg=args.hash,
            timeout_seconds=args.timeout,
        )
    _emit(
        args,
        {"name": authority.name, "url": authority.url},
        f"time-stamp authority {authority.name} ({authority.url}) configured",
    )
    return 0


def cmd_tsa_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        found = timestamps.list_authorities(session)
        state = timestamps.status(session)
    rows = [
        {
            "name": a.name,
            "url": a.url,
            "hash": a.hash_alg,
            "timeout": a.timeout_seconds,
            "roots": [c.subject.rfc4514_string() for c in a.roots],
        }
        for a in found
    ]
    _emit(
        args,
        {
            "authorities": rows,
            "stamped_size": state.stamped_size,
            "pending_entries": state.pending_entries,
        },
        "\n".join(
            [
                *(f"{r['name']}\t{r['url']}\t{r['hash']}" for r in rows),
                f"stamped up to entry {state.stamped_size}; "
                f"{state.pending_entries} entries waiting",
            ]
        ),
    )
    return 0


def cmd_stamp(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        outcome = timestamps.stamp(session, tsa_name=args.tsa)
    lines = [f"{name}: {reason}" for name, reason in outcome.attempts]
    if outcome.stamped:
        lines.append(
            f"stamped checkpoint {outcome.checkpoint_size} by {outcome.tsa_name} at "
            f"{outcome.gen_time} (local clock offset {outcome.clock_skew_seconds} s"
            f"{', FLAGGED' if outcome.skew_flagged else ''})"
        )
    elif not outcome.attempts:
        lines.append(f"nothing to stamp: entries up to {outcome.checkpoint_size} are covered")
    else:
        lines.append("no time-stamp authority answered correctly; the checkpoints stay queued")
    _emit(
        args,
        {
            "stamped": outcome.stamped,
            "checkpoint_size": outcome.checkpoint_size,
            "tsa": outcome.tsa_name,
            "gen_time": outcome.gen_time,
            "failures": [{"tsa": n, "reason": r} for n, r in outcome.attempts],
        },
        "\n".join(lines),
    )
    return 0 if outcome.stamped or not outcome.attempts else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from evidence_desk.services import backup as backup_service

    with open_session(args) as session:
        result = backup_service.backup(session, args.out)
    _emit(
        args,
        {
            "path": str(result.path),
            "store_id": result.store_id,
            "ledger_size": result.ledger_size,
            "blobs": result.blobs,
            "bytes": result.bytes,
        },
        backup_service.describe(result),
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from evidence_desk.services import backup as backup_service

    user = user_name(args)
    result = backup_service.restore(
        args.file,
        args.store,
        user,
        password_from("EVIDENCE_DESK_PASSWORD", f"Password for {user} (as in the backup): "),
        replace=args.replace,
        check_only=args.check,
    )
    _emit(
        args,
        {
            "path": str(result.path),
            "store_id": result.store_id,
            "ledger_size": result.ledger_size,
            "blobs": result.blobs,
            "created_at": result.created_at,
            "created_by": result.created_by,
            "moved_aside": str(result.moved_aside) if result.moved_aside else None,
            "checked_only": result.checked_only,
            # shreddings recorded after the backup was made, re-applied before it was put in place
            "reapplied": list(result.reapplied),
        },
        backup_service.describe(result),
    )
    return 0


def _bundle_scope(args: argparse.Namespace) -> Any:
    from evidence_desk.bundle.model import Scope

    return Scope(
        case_no=args.case,
        contact_ids=tuple(args.contact),
        date_from=args.date_from,
        date_to=args.date_to,
        tagged_only=args.tagged_only,
        language=args.language,
        page_cap=args.page_cap,
        max_volume_mb=args.max_volume_mb,
        embed_originals=args.embed_originals,
    )


def cmd_bundle(args: argparse.Namespace) -> int:
    from evidence_desk.domain.pipl import Recipient
    from evidence_desk.services import bundle as bundle_service

    recipient = Recipient(
        args.recipient_kind, args.recipient, args.purpose, args.basis, args.basis_note
    )
    plan = redaction_cli.read_plan(args.redact)  # a bad file: exit 2 before the store opens
    with open_session(args) as session, redaction_cli.plan_applies(args.redact):
        if args.wait_org_stamp > 0:  # the hub stamps in the background: sync until it did
            from evidence_desk.services import org_stamp_wait

            org_stamp_wait.wait_for_stamp(session, args.wait_org_stamp)
        result = bundle_service.export_bundle(
            session,
            _bundle_scope(args),
            args.out,
            recipient=recipient,
            stamp_first=not args.no_stamp,
            # masked unless asked: the service refuses an unmask without a reason (rule named)
            unmask_reason=(args.unmask_reason or "") if args.unmask_numbers else None,
            redaction=plan,
            default_redaction=not args.no_default_redaction,
        )
    lines = [
        f"bundle {result.bundle_id}: {result.exhibits} exhibits, {result.pages} pages, "
        f"{result.messages_included} messages ({result.messages_omitted} in range left out, "
        "each listed in the completeness statement)",
        *(f"PDF  {p}" for p in result.pdf_paths),
        f"kit  {result.kit_path} (sha256 {result.kit_sha256})",
        f"evidence manifest sha256 {result.evidence_manifest_sha256}",
        f"proofs lead to checkpoint {result.checkpoint_size}"
        + ("" if result.checkpoint_stamped else " (NOT time-stamped yet)"),
        f"recorded as ledger entry {result.ledger_seq}, with processing record "
        f"{result.processing_record_id} (PIPL arts. 55-56)",
        *(f"note: {n}" for n in result.notices),
    ]
    _emit(
        args,
        {
            "bundle_id": result.bundle_id,
            "pdf": [str(p) for p in result.pdf_paths],
            "kit": str(result.kit_path),
            "kit_sha256": result.kit_sha256,
            "evidence_manifest_sha256": result.evidence_manifest_sha256,
            "pages": result.pages,
            "exhibits": result.exhibits,
            "messages_included": result.messages_included,
            "messages_omitted": result.messages_omitted,
            "checkpoint_size": result.checkpoint_size,
            "checkpoint_stamped": result.checkpoint_stamped,
            "org_checkpoint": result.org_checkpoint,
            "org_checkpoint_stamped": result.org_checkpoint_stamped,
            "tag_manifest_stamped": result.tag_manifest_stamped,
            "ledger_seq": result.ledger_seq,
            "processing_record": result.processing_record_id,
            "notices": list(result.notices),
        },
        "\n".join(lines),
    )
    return 0


def cmd_verify_bundle(args: argparse.Namespace) -> int:
    """No store, no password: integrity is checked from the kit itself, trust from outside it
    (the app's TSA root list, --tsa-roots, --org-key and the pinned folder; bundle/trust.py).

    Exit 0 only when the kit is intact *and* trusted; 1 for tampering, and 1 with a last line
    "INTACT BUT UNTRUSTED: reasons" when the kit is consistent but a token chains only to a root
    inside it or a signer is not pinned."""
    from evidence_desk.bundle.trust import TrustAnchors
    from evidence_desk.bundle.verify_kit import verify_kit

    anchors = TrustAnchors.load(args.tsa_roots, args.org_key, pinned=not args.no_pinned)
    report = verify_kit(args.path, anchors)
    # the bundle is a channel too: held to a store's history when one is named with its user
    if getattr(args, "store_given", False) and (args.user or os.environ.get("EVIDENCE_DESK_USER")):
        _meet_bundle(args, report)
    lines = [f"bundle {report.bundle_id or '?'} ({report.source})"]
    lines += [f"{exhibit}  {verdict}  {title}" for exhibit, title, verdict in report.verdicts()]
    lines += [f"{f.severity.upper()} [{f.code}] {f.file}: {f.message}" for f in report.findings]
    reasons = report.trust.reasons if report.trust is not None else []
    if report.trust is not None:
        lines += report.trust.lines()
    if not report.intact:
        lines.append(f"PROBLEMS FOUND: {len(report.errors)}")
    elif reasons:
        lines.append("INTACT BUT UNTRUSTED: " + "; ".join(r.message for r in reasons))
    else:
        lines.append("INTACT")
    _emit(args, report.as_json(), "\n".join(lines))
    return 0 if report.outcome == "intact" else 1


def _meet_bundle(args: argparse.Namespace, report: Any) -> None:
    """``verify-bundle --store DIR``: the kit's organisation checkpoint held to the history
    that store holds (services/org_gossip.py); a split view is a finding of the kit."""
    from evidence_desk.bundle import org_proof
    from evidence_desk.bundle.verify_kit import KitFinding
    from evidence_desk.services import org_gossip

    with open_session(args) as session:
        try:
            org_gossip.meet_bundle(session, args.path)
        except HubForked as error:
            report.findings.append(KitFinding(error.rule, org_proof.FILE, error.detail))


def cmd_org_keys(args: argparse.Namespace) -> int:
    from evidence_desk.bundle.trust import pinned_keys_dir
    from evidence_desk.services.org_keys import export_org_keys

    with open_session(args) as session:
        result = export_org_keys(session, args.out)
    _emit(
        args,
        {
            "path": str(result.path),
            "sha256": result.sha256,
            "store_id": result.store_id,
            "organisation": result.organisation,
            "users": result.users,
            "keys": result.keys,
        },
        "\n".join(
            [
                f"wrote the signer keys of store {result.store_id} "
                f"({result.organisation or 'organisation not set'}): {result.users} users, "
                f"{result.keys} keys, to {result.path}",
                f"sha256 {result.sha256}",
                "publish it (and this digest) so that a court can run "
                f"verify-bundle --org-key {result.path.name}; on a computer that should trust "
                f"it for good, copy it into {pinned_keys_dir()}",
            ]
        ),
    )
    return 0


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: options may stand before or after the command without one hiding the other.
    common.add_argument("--store", type=Path, default=argparse.SUPPRESS, help="store folder")
    common.add_argument(
        "--user", default=argparse.SUPPRESS, help="user name (default: EVIDENCE_DESK_USER)"
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = argparse.ArgumentParser(prog="evidence-desk", parents=[common])
    parser.add_argument("--version", action="version", version=f"evidence-desk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end in a temporary store, offscreen, and exit "
        "(--no-gui skips the window)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Handler, help_text: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = parent.add_parser(name, parents=[common], help=help_text)
        command.set_defaults(handler=handler)
        return command

    init = add("init", cmd_init, "create an empty store with its first admin")
    init.add_argument("--admin", required=True)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", metavar="ACTION"
    )
    user_add = add("add", cmd_user_add, "add a user", user)
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add("list", cmd_user_list, "list users", user)
    reset = add("reset-password", cmd_user_reset, "reset a user's password (admin)", user)
    reset.add_argument("name")

    log = add("log", cmd_log, "show the ledger")
    log.add_argument("--since", type=int, default=1)
    verify = add("verify", cmd_verify, "check the whole store")
    verify.add_argument(
        "--anchor",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also compare with this anchor, backup or bundle kit (repeat); this user's own "
        "anchor for the store is always compared",
    )
    verify.add_argument(
        "--deep",
        action="store_true",
        help="also compute again what is too costly for every verify: every screenshot read "
        "by OCR is read again (about a second each)",
    )

    tsa = sub.add_parser("tsa", help="time-stamp authorities").add_subparsers(
        dest="tsa_command", metavar="ACTION"
    )
    tsa_add = add("add", cmd_tsa_add, "configure a time-stamp authority (admin)", tsa)
    tsa_add.add_argument("name")
    tsa_add.add_argument("url")
    tsa_add.add_argument("--ca", type=Path, required=True, help="PEM file of the root certificates")
    tsa_add.add_argument("--certs", type=Path, help="PEM file of the intermediate certificates")
    tsa_add.add_argument("--hash", default="sha256", choices=["sha256", "sha384", "sha512", "sm3"])
    tsa_add.add_argument("--timeout", type=int, default=10)
    add("list", cmd_tsa_list, "configured authorities and the stamping queue", tsa)
    stamp_cmd = add("stamp", cmd_stamp, "time-stamp pending checkpoints now")
    stamp_cmd.add_argument("--tsa", default=None)

    add("demo", cmd_demo, "create or reuse a demo store with a user per role")
    add("gui", cmd_gui, "start the desktop app")

    setting = add("settings", cmd_settings, "read or change a setting")
    setting.add_argument("action", choices=["get", "set"])
    setting.add_argument("key", nargs="?", default="")
    setting.add_argument("value", nargs="?")

    case = sub.add_parser("case", help="cases").add_subparsers(
        dest="case_command", metavar="ACTION"
    )
    case_add = add("add", cmd_case_add, "open a case", case)
    case_add.add_argument("case_no")
    case_add.add_argument("--debtor", required=True)
    case_add.add_argument("--id-number", default="")
    case_add.add_argument("--loan-ref", default="")
    case_add.add_argument("--product", default="other")
    case_add.add_argument("--amount", default="0")
    case_add.add_argument("--overdue-since", default="")
    case_list = add("list", cmd_case_list, "list or search cases", case)
    case_list.add_argument("--search", default="")
    case_import = add("import", cmd_case_import, "bulk import cases from a CSV", case)
    case_import.add_argument("file", type=Path)
    case_show = add("show", cmd_case_show, "a case with its retention state and holds", case)
    case_show.add_argument("case_no")
    case_close = add(
        "close", cmd_case_close, "close a case (purpose achieved): sets its deletion date", case
    )
    case_close.add_argument("case_no")
    case_close.add_argument("--reason", required=True)
    case_shred = add(
        "shred",
        cmd_case_shred,
        "destroy a case's content (its deletion date has come, or a PIPL art. 47 request "
        "after the retention floor); keeps its proofs and writes a tombstone (legal, admin)",
        case,
    )
    case_shred.add_argument("case_no")
    case_shred.add_argument("--basis", required=True, choices=("expired", "request"))
    case_shred.add_argument("--reason", required=True)
    case_shred.add_argument(
        "--request-file", type=Path, help="the debtor's request document (hashed, not stored)"
    )

    hold = sub.add_parser("hold", help="legal holds (legal, admin)").add_subparsers(
        dest="hold_command", metavar="ACTION"
    )
    for name, help_text in (
        ("add", "place a legal hold on a case: nothing of it may be deleted"),
        ("lift", "lift the legal hold on a case"),
    ):
        hold_cmd = add(name, cmd_hold, help_text, hold)
        hold_cmd.add_argument("case_no")
        hold_cmd.add_argument("--reason", required=True)

    contact = sub.add_parser("contact", help="contacts and approvals").add_subparsers(
        dest="contact_command", metavar="ACTION"
    )
    request = add("request", cmd_contact_request, "ask to add a contact", contact)
    request.add_argument("--case", required=True)
    request.add_argument("--channel", required=True, choices=contacts.CHANNELS)
    request.add_argument("--handle", required=True)
    request.add_argument("--name", required=True)
    request.add_argument("--reason", required=True)
    request.add_argument("--relation", default="debtor", choices=contacts.RELATIONS)
    request.add_argument("--justification", default="")
    request.add_argument("--initiated-by", default="debtor", choices=contacts.INITIATORS)
    request.add_argument("--consent", action="store_true", help="the debtor consented to chat")
    for option in (
        "--identity-proof",
        "--debt-confirmation",
        "--friend-request",
        "--consent-evidence",
    ):
        request.add_argument(option, type=Path, action="append", default=[])
    for name, handler, note_required in (
        ("approve", cmd_contact_approve, False),
        ("reject", cmd_contact_reject, True),
        ("revoke", cmd_contact_revoke, True),
    ):
        decide = add(name, handler, f"{name} a contact (supervisor)", contact)
        decide.add_argument("id")
        decide.add_argument("--note", required=note_required)
    contact_list = add("list", cmd_contact_list, "contacts and their state", contact)
    contact_list.add_argument("--status", choices=[s.value for s in contacts.ContactStatus])
    contact_list.add_argument("--case")
    importing = add("import", cmd_import, "import chat exports, zips, screenshots and recordings")
    importing.add_argument(
        "--contact", required=True, help="a contact that is approved, unexpired and unrevoked"
    )
    importing.add_argument("--tz", default=None, help="IANA zone of the export's local times")
    importing.add_argument("--format", default=None, help="auto (default) or a format name")
    importing.add_argument("--our-account", default=None, help="the staff side's sender name")
    importing.add_argument("--preview", action="store_true", help="show what would be stored")
    importing.add_argument(
        "--exclude-participant",
        action="append",
        default=[],
        metavar="NAME",
        help="leave out this participant's messages (not the debtor; repeatable)",
    )
    importing.add_argument(
        "--exclude-chat",
        action="append",
        default=[],
        metavar="ID",
        help="leave out this chat of a multi-chat export (repeatable)",
    )
    importing.add_argument("files", type=Path, nargs="+")
    messages = add("messages", cmd_messages, "the parsed conversation of a contact")
    messages.add_argument("--contact", required=True)
    messages.add_argument("--offset", type=int, default=0)
    messages.add_argument("--limit", type=int, default=10_000)
    from evidence_desk.cli.review import add_commands as add_review_commands

    add_review_commands(add)  # tag, untag, tags, search, check, ack

    # -- screenshots read by OCR and checked against the export (issue 22) --
    from evidence_desk.cli.ocr import add_commands as add_ocr_commands

    add_ocr_commands(add)  # ocr, crosscheck

    # -- the case's conversations for a law firm's e-discovery platform (issue 21) --
    from evidence_desk.cli.rsmf import add_command as add_rsmf_command

    add_rsmf_command(add)  # rsmf

    # -- the read log (PI-1) --
    from evidence_desk.cli.access_log import add_command as add_access_log_command

    add_access_log_command(sub)  # access-log

    # -- PIPL records (arts. 55-57) --
    from evidence_desk.cli.pipl import add_commands as add_pipl_commands
    from evidence_desk.cli.pipl import add_recipient_options

    add_pipl_commands(sub, add)  # breach add|list|notice, processing-records

    # -- the organisation hub (issue 19) --
    from evidence_desk.cli.hub import add_commands as add_hub_commands

    add_hub_commands(sub, add)  # hub init|serve|status|user add, join, sync

    # -- gossip outside the hub (issue 20 item 2) --
    from evidence_desk.cli.org_gossip import add_commands as add_gossip_commands

    add_gossip_commands(sub, add)  # org gossip export|import

    # -- PAdES signing identities (issue 21 item 1) --
    from evidence_desk.cli.signing import add_commands as add_signing_commands

    add_signing_commands(sub, add)  # signing-ca create, signing-cert issue|import

    attach = add("attach", cmd_contact_attach, "attach documents to a contact", contact)
    attach.add_argument("id")
    attach.add_argument("files", type=Path, nargs="+")
    attach.add_argument(
        "--role",
        default="document",
        help="document (evidence: approved, unexpired, unrevoked contacts only) or a request "
        "document (also to a pending request): "
        "identity_proof, debt_confirmation, friend_request, consent",
    )
    backup_cmd = add("backup", cmd_backup, "write a signed, encrypted backup of the store (admin)")
    backup_cmd.add_argument("--out", type=Path, required=True, help="new backup file")
    restore_cmd = add(
        "restore", cmd_restore, "check a backup fully, then restore it as the store (admin)"
    )
    restore_cmd.add_argument("file", type=Path, help="backup file")
    restore_cmd.add_argument(
        "--replace", action="store_true", help="move an existing store aside (kept) first"
    )
    restore_cmd.add_argument(
        "--check", action="store_true", help="check the backup only; change nothing"
    )
    bundle_cmd = add("bundle", cmd_bundle, "export the court bundle: PDF and verification kit")
    export_cmd = add("export", cmd_bundle, "same as bundle")
    for command in (bundle_cmd, export_cmd):
        command.add_argument("--case", required=True)
        command.add_argument("--contact", action="append", default=[], help="contact id (repeat)")
        command.add_argument("--from", dest="date_from", default=None, help="YYYY-MM-DD")
        command.add_argument("--to", dest="date_to", default=None, help="YYYY-MM-DD")
        command.add_argument("--tagged-only", action="store_true", help="only tagged messages")
        command.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
        command.add_argument("--page-cap", type=int, default=350, help="pages per volume")
        command.add_argument(
            "--max-volume-mb",
            type=int,
            default=36,
            help="largest PDF volume in MB, pages and embedded originals together",
        )
        command.add_argument(
            "--embed-originals",
            action="store_true",
            help="embed the originals in the PDF even when account numbers are masked "
            "(the originals hold them in clear)",
        )
        command.add_argument("--out", type=Path, required=True, help="folder for PDF and kit")
        command.add_argument(
            "--no-stamp", action="store_true", help="do not time-stamp pending checkpoints first"
        )
        command.add_argument(
            "--wait-org-stamp",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="on an organisation's device: sync with the hub until its newest organisation "
            "checkpoint is time-stamped (at most SECONDS) before the bundle is made",
        )
        command.add_argument(
            "--unmask-numbers",
            action="store_true",
            help="print bank-card and account numbers in full (legal only; needs --unmask-reason)",
        )
        command.add_argument(
            "--unmask-reason", default=None, metavar="TEXT", help="why (recorded in the ledger)"
        )
        add_recipient_options(command)  # PIPL arts. 55-56: recipient, purpose, basis
        redaction_cli.add_bundle_options(command)  # --redact FILE, --no-default-redaction
    redaction_cli.add_command(add)  # redaction-plan
    verify_bundle = add(
        "verify-bundle",
        cmd_verify_bundle,
        "check a bundle's kit; needs no store or password (with --store: also its organisation "
        "checkpoint against that store's history)",
    )
    verify_bundle.add_argument("path", type=Path, help="kit zip, unzipped kit, or export folder")
    verify_bundle.add_argument(
        "--tsa-roots",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="PEM file of TSA root certificates to trust, as the TSA publishes them (repeat)",
    )
    verify_bundle.add_argument(
        "--org-key",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="the organisation's published signer keys (evidence-desk org-keys) (repeat)",
    )
    verify_bundle.add_argument(
        "--no-pinned",
        action="store_true",
        help="ignore the TSA roots and organisation keys pinned in this user's settings folder",
    )
    org_keys_cmd = add(
        "org-keys",
        cmd_org_keys,
        "write the organisation's signer keys for verifiers to pin (verify-bundle --org-key)",
    )
    org_keys_cmd.add_argument("--out", type=Path, required=True, help="JSON file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    make_streams_safe()  # printing a result must never fail after its write has committed
    arguments = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in arguments:  # the installed app's smoke test (evidence_desk/selftest.py)
        from evidence_desk.selftest import main as self_test

        return self_test(arguments)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    args.store_given = getattr(args, "store", None) is not None
    args.store = getattr(args, "store", None) or default_store()
    args.user = getattr(args, "user", None)
    args.json = getattr(args, "json", False)
    before = committed_writes()
    try:
        return int(args.handler(args))
    except EvidenceDeskError as error:
        # instants a refusal names read as local times, long ids in short form (its facts
        # stay as they were)
        message = short_ids.error_line(error)
        print(f"error [{error.code}]: {message}", file=sys.stderr)
        _say_committed(committed_writes() - before)
        return error.exit_code
    except KeyboardInterrupt:
        if committed_writes() > before:
            print(_said("cli.interrupted"), file=sys.stderr)
            _say_committed(committed_writes() - before)
        else:
            print(_said("cli.interrupted_unchanged"), file=sys.stderr)
        return 1
    except Exception as error:
        from evidence_desk.store import db

        committed = committed_writes() - before
        # after a commit the failure is not the store's (printing the result to a full disk):
        # the storage wording would say "nothing was stored"
        if committed or not db.is_storage_failure(error) or os.environ.get("EVIDENCE_DESK_DEBUG"):
            return _internal_error(error, committed)
        # a read that met a damaged database, a full disk or a read-only folder
        failure = db.storage_error(Path(args.store) / "evidence.db", error)
        print(f"error [{failure.code}]: {failure.message}", file=sys.stderr)
        return failure.exit_code


def _say_committed(count: int) -> None:
    """After a failure, say that writes of this command did commit (they are kept): a command
    never claims "nothing was changed" once something was."""
    if count > 0:
        print(
            f"note: {count} {plural_form(count, 'change', 'changes')} of this command "
            f"{plural_form(count, 'was', 'were')} already committed and "
            f"{plural_form(count, 'is', 'are')} kept in the store (see evidence-desk log)",
            file=sys.stderr,
        )


def _internal_error(error: Exception, committed: int = 0) -> int:
    # never a bare traceback for the user; details on request
    if os.environ.get("EVIDENCE_DESK_DEBUG"):
        raise error
    outcome = (
        f"{committed} {plural_form(committed, 'change', 'changes')} of this command "
        f"{plural_form(committed, 'was', 'were')} already committed and "
        f"{plural_form(committed, 'is', 'are')} kept in the store, see evidence-desk log"
        if committed > 0
        else "nothing was changed"
    )
    print(
        f"error [internal]: {type(error).__name__}: {error} ({outcome}; set "
        "EVIDENCE_DESK_DEBUG=1 for details)",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
