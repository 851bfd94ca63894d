"""``evidence-desk --self-test``: prove that this installation works end to end, offscreen.

Run after installing (and by the packaging test on the built bundle), it exercises what a frozen
build most often gets wrong: the SQLCipher library, the crypto backend (SM3, AES-GCM, Ed25519),
the shipped resources (demo chat export, fonts for the PDF), the PDF writer, and Qt with its
platform plugin. In a temporary folder it:

1. creates a store and imports the demo chat export and screenshot (``services.demo``: users
   for every role, an approved contact; its checkpoints stay queued, no TSA ships);
2. exports a court bundle as the legal user and checks its verification kit independently;
3. verifies the whole store;
4. backs the store up and checks that the backup restores to a verifying store;
5. opens the main window offscreen and renders it (skipped with ``--no-gui``);
6. renders the first page of the exported PDF with PDFium, as the approval queue previews a
   debtor's documents (through the queue's own Qt preview code unless ``--no-gui``);
7. runs the organisation hub's stack as ``hub serve`` and ``sync`` do, without a database: a
   private CA and TLS 1.3, the hub's gate on uvicorn (h11) on 127.0.0.1, one signed request
   (RFC 9421) from the device's httpx client, and psycopg with its own libpq and pool (the
   modules a frozen build must carry for the hub).

Each step prints one line; the last line is one JSON object. Exit status 0 only when every step
passed. The temporary folder is removed unless ``--keep`` names a folder to use instead.

Started by double-click on Windows (the Start-menu entry), the console window would close with
the result unread: there it waits for Enter, but only when this process is alone on its console
(``GetConsoleProcessList``), stdin is that console and ``CI`` is not set.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from evidence_desk import __version__
from evidence_desk.domain.wording import Catalogue

_said = Catalogue({"selftest.press_enter": "Press Enter to close this window."})


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


def _pdfium_first_page(data: bytes, width: int) -> tuple[int, int]:
    """Render a PDF's first page with PDFium, without Qt; its size in pixels."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        bitmap = page.render(scale=width / max(1.0, page.get_width()))
        picture = bitmap.to_pil().convert("L")
        darkest, lightest = picture.getextrema()
        if picture.width < 100 or darkest == lightest:
            raise AssertionError("PDFium rendered an empty page")
        return picture.width, picture.height
    finally:
        document.close()


def _hub_round_trip(work: Path) -> str:
    """One signed request to the hub's gate over TLS 1.3, served by uvicorn in a thread."""
    import socket
    import threading

    import psycopg
    import psycopg_pool

    from evidence_desk.hub import app as hub_app
    from evidence_desk.hub import receipts, tls
    from evidence_desk.hub.users import HubUser
    from evidence_desk.integrity import signing
    from evidence_desk.integrity.http_signatures import MemoryNonces
    from evidence_desk.services.hub_client import HubClient

    if psycopg.pq.__impl__ not in ("binary", "c"):
        raise AssertionError(f"psycopg runs its {psycopg.pq.__impl__} build: no libpq of its own")
    folder = work / "hub-tls"
    files = tls.prepare(folder, [])
    receipts.load_or_make_key(folder)
    key = signing.generate_private_key()
    user = HubUser("self-test", "admin", signing.public_key_hex(key), True)

    class _One:
        def user(self, name: str) -> HubUser | None:
            return user if name == user.name else None

    app = hub_app.create_app(_One(), MemoryNonces())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    server = hub_app.server(app, "127.0.0.1", port, tls.server_context(files))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise AssertionError("the hub server did not start")
            time.sleep(0.01)
        with HubClient(f"https://127.0.0.1:{port}", files.ca_file, user.name, key) as client:
            answer = client.get("/v1/whoami")
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
    if answer.get("user") != user.name:
        raise AssertionError(f"the hub answered {answer!r}")
    return (
        f"signed request over TLS 1.3 answered; psycopg {psycopg.__version__} "
        f"({psycopg.pq.__impl__}, libpq {psycopg.pq.version()}), pool {psycopg_pool.__version__}"
    )


def _console_process_count() -> int:
    """How many processes share this console (Windows); 0 where it cannot be told."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    processes = (ctypes.c_uint32 * 8)()
    return int(kernel32.GetConsoleProcessList(processes, 8))


def should_wait_for_enter(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    console_processes: Callable[[], int] | None = None,
) -> bool:
    """True only on Windows, outside CI, with stdin a console that this process alone uses
    (its window was opened for it: a double-click or a shortcut, not a command prompt)."""
    environ = os.environ if environ is None else environ
    stdin = sys.stdin if stdin is None else stdin
    if platform != "win32":
        return False
    if environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        if stdin is None or not stdin.isatty():
            return False
        count = (console_processes or _console_process_count)()
    except (OSError, ValueError, AttributeError):
        return False
    return count == 1


def _hold_console() -> None:
    if should_wait_for_enter():
        with contextlib.suppress(EOFError, KeyboardInterrupt, OSError):
            input(_said("selftest.press_enter"))


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
    from evidence_desk.domain.pipl import Recipient
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
            result = bundle.export_bundle(
                legal,
                Scope(facts["case_no"]),
                work / "bundle",
                recipient=Recipient(
                    "court", "self-test court", "installation self-test", "legal_duty"
                ),
            )
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

    def pdf_preview() -> str:
        # the approval queue shows a request's PDF documents as a PDFium-rendered first page
        pdf = sorted((work / "bundle").glob("*.pdf"))[0]
        data = pdf.read_bytes()
        if gui:
            from evidence_desk.ui import preview

            shown = preview.render(data, pdf.name, width=480)
            if isinstance(shown, str) or shown.isNull():
                raise AssertionError(f"{pdf.name}: the PDF preview did not render a page")
            return f"{pdf.name}: first page {shown.width()}x{shown.height()} (approval queue)"
        width, height = _pdfium_first_page(data, 480)
        return f"{pdf.name}: first page {width}x{height} (PDFium)"

    steps.run("store", create)
    steps.run("bundle", export)
    steps.run("verify", verify)
    steps.run("backup", backup_restore)
    if gui:
        steps.run("gui", window)
    steps.run("preview", pdf_preview)
    steps.run("hub", lambda: _hub_round_trip(work))
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
        _hold_console()
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    summary["total_seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    _hold_console()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
