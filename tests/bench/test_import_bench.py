"""bench/import.py's stage breakdown times the work the import does, the way it does it: its
encoding pass (ChatEncoder batches, fingerprints, derived salts, commitments, sealing) gives
the normalised digest and commitments root that a real import of the same export records. Its
two-thread floor stores every row; bench/import_timeline.py runs a real import and reports
its threads."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from evidence_desk.importers.base import ParsedChat
from evidence_desk.services import case_keys, import_parsing, importing
from evidence_desk.services.session import Session

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_import", module)
    spec.loader.exec_module(module)
    return module


def test_the_timed_encoding_pass_is_the_imports_own(tmp_path: Path) -> None:
    bench = _bench()
    export = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    # more than one batch, so the batch boundaries are crossed as the import crosses them
    export.write_text(bench.whatsapp_text(bench.bulk_rows.BATCH + 500), encoding="utf-8")
    store, contact_id = bench.new_store(tmp_path / "run", "whatsapp", "+8613800000000")
    with Session.open(store, "alice", bench.PASSWORD) as alice:
        importing.import_files(alice, contact_id, [export], tz="Asia/Shanghai")
        row = alice.conn.execute(
            "SELECT normalised_sha256, commitments_root FROM imports"
        ).fetchone()
        case_key = case_keys.case_key(alice, "BENCH-1")
        store_id = alice.folder.store_id
    assert case_key is not None
    chat = import_parsing.parse_path(export, "Asia/Shanghai", None).result
    assert isinstance(chat, ParsedChat)
    took = dict.fromkeys(("encode", "hash", "salts", "seal"), 0.0)
    digests = bench.encoding_pass(chat, case_key, store_id, contact_id, took)
    assert digests == (row[0], row[1])
    assert all(seconds > 0 for seconds in took.values())
    stages = bench.stage_times(export, 1)
    assert set(stages) == {"parse", "encode", "hash", "salts", "seal"}


def test_the_two_thread_floor_stores_every_message_beside_python(tmp_path: Path) -> None:
    bench = _bench()
    export = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    export.write_text(bench.whatsapp_text(3000), encoding="utf-8")
    lines = len(bench.floor_rows(tmp_path, export)[1])
    idle = bench.two_thread_storing(tmp_path, export, busy=False)
    busy = bench.two_thread_storing(tmp_path, export, busy=True)
    plain = bench.two_thread_storing(tmp_path, export, busy=False, plain=True)
    assert idle[2] == busy[2] == plain[2] == lines > 2900
    assert idle[1] == 0.0 and 0.0 < busy[1] < 2.0
    assert not list(tmp_path.glob("floor*"))


def test_the_timeline_reports_a_real_imports_threads_and_compares_trees() -> None:
    script = [sys.executable, str(ROOT / "bench" / "import_timeline.py"), "--messages", "400"]
    out = subprocess.run(
        [*script, "--no-perf"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    for line in ("importing thread, in order", "writer jobs:", "commit (COMMIT", "parse"):
        assert line in out, out
    pairs = subprocess.run(
        [*script, "--against", str(ROOT), "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert "wall: median this" in pairs and "writer: median" in pairs, pairs
