#!/usr/bin/env python3
"""Ledger verification throughput: entries per second over a store of N entries (default 100k).

The store is built with the real write path (Session._write_locked: payload, signed entry,
Merkle append, signed checkpoint), batched 1000 entries per transaction so that building it does
not take longer than the measurement. Then `verify_store` runs over the whole store, and in the
same run we time the floor it cannot beat: one Ed25519 verification per signature it must check
(two per entry: the entry and its checkpoint), on the same two threads.
Target: >= 20k entries/s.

    python bench/verify.py [--entries 100000] [--quick]

The last line printed is one JSON object (figures, ratios, targets) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_desk.integrity import signing
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import verify_store
from evidence_desk.store.keys import KdfParams
from evidence_desk.store.lock import WriterLock


def build(path: Path, entries: int) -> None:
    with Session.create_store(path, "root", "bench-password", kdf=KdfParams(n=2**10)) as s:
        written = 1
        while written < entries:
            batch = min(1000, entries - written)
            with WriterLock(path, "root", "bench"):
                s.conn.execute("BEGIN IMMEDIATE")
                for i in range(batch):
                    n = written + i
                    s._write_locked(  # the real write path, many entries per transaction
                        "settings.set",
                        {"key": "organisation", "n": n},
                        [put("settings", {"key": "organisation", "value": f"org {n}"})],
                        None,
                    )
                s.conn.execute("COMMIT")
            written += batch


def signature_floor(count: int) -> float:
    key = signing.generate_private_key()
    public = signing.public_key_hex(key)
    signature = signing.sign(key, signing.ENTRY_CONTEXT, b"x" * 32)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                lambda _: signing.verify(public, signing.ENTRY_CONTEXT, b"x" * 32, signature),
                range(count),
                chunksize=512,
            )
        )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10k entries")
    args = parser.parse_args()
    if args.quick:
        args.entries = 10_000
    work = Path(tempfile.mkdtemp(prefix="ed-bench-verify-"))
    try:
        start = time.perf_counter()
        build(work / "store", args.entries)
        print(f"built {args.entries} entries in {time.perf_counter() - start:.1f} s")
        with Session.open(work / "store", "root", "bench-password") as session:
            start = time.perf_counter()
            report = verify_store(session)
            elapsed = time.perf_counter() - start
        assert report.intact, report.findings[:5]
        floor = signature_floor(2 * args.entries)
        rate = args.entries / elapsed
        print(
            f"verify            {elapsed:7.2f} s  {rate:9.0f} entries/s  (target >= 20000) "
            f"{'OK' if rate >= 20_000 else 'MISSED'}"
        )
        print(
            f"Ed25519 floor     {floor:7.2f} s  {args.entries / floor:9.0f} entries/s "
            "(2 signatures per entry, 2 threads)"
        )
        print(f"ratio verify / signature floor  {elapsed / floor:.2f}")
        print(
            json.dumps(
                {
                    "bench": "verify",
                    "data": f"{args.entries} ledger entries",
                    "figures": {
                        "verify entries/s": round(rate),
                        "Ed25519 floor entries/s": round(args.entries / floor),
                    },
                    "ratios": {"verify / signature floor": round(elapsed / floor, 3)},
                    "targets": {"verify entries/s": ">= 20000"},
                    "ok": rate >= 20_000,
                }
            )
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
