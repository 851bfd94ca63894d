"""``evidence-desk --self-test``: prove that this installation works end to end, offscreen.

Run after installing (and by the packaging test on the built bundle), it exercises what a frozen
build most often gets wrong: the SQLCipher library, the crypto backend (SM3, AES-GCM, Ed25519),
the shipped resources (demo chat export, fonts for the PDF), the PDF writer, the local RFC 3161
server, and Qt with its platform plugin. In a temporary folder it:

1. creates a store and imports the demo chat export and screenshot (``services.demo``: users
   for every role, an approved contact, a time-stamp from the local TSA);
2. exports a court bundle as the legal user and checks its verification kit independently;
3. verifies the whole store;
4. backs the store up and checks that the backup restores to a verifying store;
5. opens the main window offscreen and renders it (skipped with ``--no-gui``).

Each step prints one line; the last line is one JSON object. Exit status 0 only when every step
passed. The temporary folder is removed unless ``--keep`` names a folder to use instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evidence_desk import __version__


def _worker_signature_check() -> str:
    """Large stores check signatures in spawned worker processes, which a frozen build must be
    able to start (``multiprocessing.freeze_support`` in the launcher): check a few there, one of
    them forged, whatever the store's size."""
    from evidence_desk.integrity import signature_checks, signing

    key, forger = signing.generate_private_key(), signing.generate_private_key()
    public = signing.public_key_hex(key)
    checks = [
        signature_checks.SignatureCheck(
            public,
            (f"m{n}".encode(),),
            signing.sign(forger if n == 7 else key, b"", f"m{n}".encode()),
        )
        for n in range(16)
    ]
    with signature_checks.SignatureBatch(len(checks), workers=2) as batch:
        for check in checks:
            batch.add(check)
        failed = batch.invalid()
    if failed != {7}:
        raise AssertionError(f"worker processes judged signatures wrongly: {sorted(failed)}")
    return f"signatures checked in worker processes ({signature_checks.backend()})"


class _Steps:
    def __init__(self) -> None:
        self.results: dict[str, float] = {}

    def run(self, name: str, step: Callable[[], str]) -> None:
        started = time.perf_counter()
        detail = step()
        elapsed = time.perf_counter() - started
        self.results[name] = round(elapsed, 3)
        print(f"self-test: {name:<8} ok  {elapsed:6.2f} s  {detail}", flush=True)


def run(work: Path, *, gui: bool = True) -> dict[str, Any]:
    """Run every step in ``work`` (an empty folder); raises on the first failure."""
    from evidence_desk.bundle.model import Scope
    from evidence_desk.bundle.verify_kit import verify_kit
    from evidence_desk.services import backup, bundle
    from evidence_desk.services.demo import DEMO_USERS, ensure_demo_store
    from evidence_desk.services.session import Session
    from evidence_desk.services.verify import verify_store

    steps = _Steps()
    store = work / "store"
    facts: dict[str, Any] = {}

    def create() -> str:
        demo = ensure_demo_store(store)
        with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
            conn = legal.conn
            facts["messages"] = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
            facts["originals"] = conn.execute("SELECT count(*) FROM blobs").fetchone()[0]
            facts["case_no"] = conn.execute("SELECT case_no FROM cases").fetchone()[0]
        if not facts["messages"]:
            raise AssertionError("the demo import stored no messages")
        return f"{demo.path}: {facts['messages']} messages, {facts['originals']} originals"

    def export() -> str:
        with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
            result = bundle.export_bundle(legal, Scope(facts["case_no"]), work / "bundle")
        report = verify_kit(result.kit_path)
        if not report.intact:
            problems = "; ".join(f"{f.code} {f.file}: {f.message}" for f in report.errors[:3])
            raise AssertionError(f"the exported kit does not verify: {problems}")
        facts["pdf_bytes"] = sum(p.stat().st_size for p in result.pdf_paths)
        return (
            f"{result.pages} pages, {result.exhibits} exhibits, "
            f"{facts['pdf_bytes']} PDF bytes; kit verifies"
        )

    def verify() -> str:
        with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
            report = verify_store(legal)
        if not report.intact:
            problems = "; ".join(f"{f.code} at {f.location}" for f in report.errors[:3])
            raise AssertionError(f"the store does not verify: {problems}")
        facts["entries"] = report.entries
        return (
            f"INTACT: {report.entries} entries, {report.blobs} originals; "
            f"{_worker_signature_check()}"
        )

    def backup_restore() -> str:
        admin, password = "admin", DEMO_USERS["admin"][1]
        with Session.open(store, admin, password) as session:
            made = backup.backup(session, work / "store.edbackup")
        restored = backup.restore(made.path, work / "restored", admin, password)
        return f"{made.bytes} bytes; restored {restored.ledger_size} entries, verify INTACT"

    def window() -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from evidence_desk.ui.app import make_application
        from evidence_desk.ui.main_window import MainWindow

        app = make_application([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
        with Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
            main = MainWindow(legal)
            main.resize(1200, 800)
            main.show()
            app.processEvents()
            image = main.grab().toImage()
            main.close()
            main.deleteLater()
            app.processEvents()
        if image.isNull() or image.width() < 100:
            raise AssertionError("the main window did not render")
        return f"{app.platformName()} platform, main window {image.width()}x{image.height()}"

    steps.run("store", create)
    steps.run("bundle", export)
    steps.run("verify", verify)
    steps.run("backup", backup_restore)
    if gui:
        steps.run("gui", window)
    return {
        "self_test": "ok",
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "seconds": steps.results,
        "messages": facts["messages"],
        "entries": facts["entries"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="evidence-desk --self-test", description=__doc__)
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-gui", action="store_true", help="skip the offscreen window")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args(argv)
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        print(f"self-test: --keep {args.keep}: must be a new or empty folder", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="evidence-desk-selftest-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # the throwaway store's anchors stay in the work folder, not in this user's profile
    os.environ["EVIDENCE_DESK_ANCHOR_DIR"] = str(work / "anchors")
    try:
        summary = run(work, gui=not args.no_gui)
    except Exception as error:
        print(f"self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        if os.environ.get("EVIDENCE_DESK_DEBUG"):
            traceback.print_exc()
        print(json.dumps({"self_test": "failed", "error": f"{type(error).__name__}: {error}"}))
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    summary["total_seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
