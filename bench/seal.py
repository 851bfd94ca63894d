#!/usr/bin/env python3
"""Sealing throughput against same-run baselines: `sha256sum` and a one-pass SM3.

Writes N MB of random files (default 1024 MB in 32 MB files), then times over the same files:
  1. `sha256sum` (coreutils, the tool a court expert would use),
  2. a one-pass SM3 in this process (SM3 is the slowest primitive sealing must run),
  3. our sealing: SHA-256 + SM3 + AES-256-GCM + fsynced write into a real store's blob folder.
Target: sealing <= 1.25 x the SM3 pass (hashing, encryption and writing overlapped).

The three are timed back to back in ``--repeat`` rounds (default 3). The ratios are the median
of the rounds' ratios: on a shared machine the speed drifts by a third between minutes, and a
round's measurements, taken seconds apart, see the same machine. The MB/s are the best rounds.

    python bench/seal.py [--mb 1024] [--file-mb 32] [--repeat 3] [--quick]

The last line printed is one JSON object (figures, ratios, targets) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_desk.integrity import digests
from evidence_desk.store.blobs import BlobStore


def sm3_pass(paths: list[Path]) -> float:
    """One thread, nothing but SM3 over the files, with the implementation sealing uses."""
    start = time.perf_counter()
    for path in paths:
        hasher = digests.new_sm3()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                hasher.update(chunk)
        hasher.digest()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--file-mb", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time counts")
    parser.add_argument("--quick", action="store_true", help="128 MB in 16 MB files")
    args = parser.parse_args()
    if args.quick:
        args.mb, args.file_mb = 128, 16
    work = Path(tempfile.mkdtemp(prefix="ed-bench-seal-"))
    try:
        files = []
        for index in range(max(1, args.mb // args.file_mb)):
            path = work / f"original-{index:03}.bin"
            path.write_bytes(os.urandom(args.file_mb << 20))
            files.append(path)
        total_mb = sum(p.stat().st_size for p in files) / (1 << 20)
        rounds: list[tuple[float, float, float]] = []  # (sha256sum, SM3 pass, seal) seconds
        for _round in range(max(1, args.repeat)):
            start = time.perf_counter()
            subprocess.run(["sha256sum", *map(str, files)], check=True, stdout=subprocess.DEVNULL)
            one_sha256sum = time.perf_counter() - start
            one_sm3 = sm3_pass(files)
            store = work / "store"  # a new, empty store each round: every file is sealed anew
            blobs = BlobStore(store / "blobs", os.urandom(32), os.urandom(32))
            start = time.perf_counter()
            for path in files:
                blobs.seal_file(path)
            rounds.append((one_sha256sum, one_sm3, time.perf_counter() - start))
            shutil.rmtree(store)
        t_sha256sum, t_sm3, t_seal = (min(r[i] for r in rounds) for i in range(3))
        ratio = statistics.median(r[2] / r[1] for r in rounds)
        ratio_sha256sum = statistics.median(r[2] / r[0] for r in rounds)
        print(
            f"data: {len(files)} files, {total_mb:.0f} MB; {len(rounds)} rounds "
            f"(ratios: median of the rounds' own; MB/s: best round); SM3 from "
            f"{digests.sm3_backend()}"
        )
        print(f"sha256sum        {t_sha256sum:7.2f} s  {total_mb / t_sha256sum:7.0f} MB/s")
        print(f"SM3 one pass     {t_sm3:7.2f} s  {total_mb / t_sm3:7.0f} MB/s")
        print(f"seal (ours)      {t_seal:7.2f} s  {total_mb / t_seal:7.0f} MB/s")
        print(
            f"ratio seal / SM3 pass       {ratio:.2f}  (target <= 1.25) "
            f"{'OK' if ratio <= 1.25 else 'MISSED'}"
        )
        print(f"ratio seal / sha256sum      {ratio_sha256sum:.2f}")
        print(
            json.dumps(
                {
                    "bench": "seal",
                    "data": f"{len(files)} files, {total_mb:.0f} MB",
                    "figures": {
                        "sha256sum MB/s": round(total_mb / t_sha256sum, 1),
                        "SM3 one pass MB/s": round(total_mb / t_sm3, 1),
                        "seal MB/s": round(total_mb / t_seal, 1),
                    },
                    "ratios": {
                        "seal / SM3 pass": round(ratio, 3),
                        "seal / sha256sum": round(ratio_sha256sum, 3),
                    },
                    "targets": {"seal / SM3 pass": "<= 1.25"},
                    "ok": ratio <= 1.25,
                }
            )
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
