#!/usr/bin/env python3
"""Run every benchmark in bench/ and write one table of figures and ratios to docs/benchmarks.md.

    python bench/run_all.py            # full sizes (each script's defaults; can take long)
    python bench/run_all.py --quick    # smaller data, for a quick look or CI
    python bench/run_all.py --only seal verify

Each script measures our code against a baseline in the same run on the same machine (that is
what makes the ratios meaningful across machines), so this runner only collects. A script that
supports ``--quick`` gets it; for one that does not, ``--quick`` passes the smaller sizes listed
in QUICK_ARGS below. A script's figures come from its last stdout line when that is a JSON
object (``{"bench", "figures", "ratios", "targets", "ok"}``); otherwise the lines that name a
ratio are quoted as printed. A missing script is skipped; a failing one is reported in the
table with its exit status, and the runner exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
OUT = ROOT / "docs" / "benchmarks.md"
ORDER = ("seal", "verify", "import", "bundle", "gui", "hub", "sync_cost", "pull", "ocr")
# smaller sizes for scripts without a --quick flag of their own (read from their argparse)
QUICK_ARGS: dict[str, list[str]] = {
    "import": ["--messages", "20000", "--skip-zip", "--video-mb", "8"],
    "bundle": ["--messages", "2000", "--screenshots", "10"],
    "gui": ["--messages", "100000"],
    "ocr": ["--count", "8"],
    "pull": ["--entries", "2000", "--repeat", "2"],
    "sync_cost": ["--devices", "20", "--entries", "50", "--repeat", "2"],
}
_RATIO_LINE = re.compile(r"\bratio\b", re.IGNORECASE)


@dataclass
class Outcome:
    name: str
    args: list[str]
    seconds: float = 0.0
    status: str = "not run"
    figures: dict[str, Any] = field(default_factory=dict)
    ratios: dict[str, Any] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    ok: bool | None = None
    data: str = ""
    quoted: list[str] = field(default_factory=list)


def discover(only: list[str] | None) -> list[str]:
    present = {p.stem for p in BENCH.glob("*.py") if p.stem not in {"run_all", "__init__"}}
    names = [n for n in ORDER if n in present] + sorted(present - set(ORDER))
    return [n for n in names if not only or n in only]


def arguments(name: str, quick: bool) -> list[str]:
    if not quick:
        return []
    source = (BENCH / f"{name}.py").read_text("utf-8")
    if '"--quick"' in source:
        return ["--quick"]
    return list(QUICK_ARGS.get(name, []))


def run_one(name: str, quick: bool, timeout: float) -> Outcome:
    outcome = Outcome(name, arguments(name, quick))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(BENCH / f"{name}.py"), *outcome.args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        outcome.seconds = time.perf_counter() - started
        outcome.status = f"timed out after {timeout:.0f} s"
        return outcome
    outcome.seconds = time.perf_counter() - started
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr[-2000:])
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    outcome.status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    summary = _json(lines[-1]) if lines else None
    if summary is not None:
        outcome.figures = dict(summary.get("figures", {}))
        outcome.ratios = dict(summary.get("ratios", {}))
        outcome.targets = {str(k): str(v) for k, v in dict(summary.get("targets", {})).items()}
        outcome.ok = summary.get("ok") if isinstance(summary.get("ok"), bool) else None
        outcome.data = str(summary.get("data", ""))
    else:
        outcome.quoted = [line for line in lines if _RATIO_LINE.search(line)]
    return outcome


def _json(line: str) -> dict[str, Any] | None:
    if not line.startswith("{"):
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "\\|")


def render(outcomes: list[Outcome], quick: bool) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Latest run: {now}, `python bench/run_all.py{' --quick' if quick else ''}` on "
        f"{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU(s). Each ratio compares our code with a baseline measured in the "
        "same run on the same machine (see each script's docstring for what the baseline is).",
        "",
        "| bench | measure | value | target | result |",
        "|---|---|---:|---|---|",
    ]
    for outcome in outcomes:
        label = f"`{outcome.name}`" + (f" ({outcome.data})" if outcome.data else "")
        if outcome.status != "ok" and not (outcome.figures or outcome.ratios or outcome.quoted):
            lines.append(f"| {label} | — | — | — | {outcome.status} |")
            continue
        rows: list[tuple[str, Any]] = [*outcome.figures.items()]
        rows += [(f"ratio {k}", v) for k, v in outcome.ratios.items()]
        for key, value in rows:
            bare = key.removeprefix("ratio ")
            target = outcome.targets.get(bare, "")
            verdict = ""
            if target:
                verdict = "met" if _meets(value, target) else "MISSED"
            lines.append(f"| {label} | {key} | {_cell(value)} | {target} | {verdict} |")
            label = ""
        for quoted in outcome.quoted:
            text = " ".join(quoted.split())
            verdict = "MISSED" if "MISS" in text else "met" if re.search(r"\bOK\b", text) else ""
            lines.append(f"| {label} | {_cell(text)} | (as printed) | | {verdict} |")
            label = ""
        if outcome.status != "ok":
            lines.append(
                f"| {label} | run | | | {outcome.status}: a target missed or an error, "
                "see the script's output |"
            )
    lines += [
        "",
        "| bench | wall time (s) | arguments |",
        "|---|---:|---|",
        *(
            f"| `{o.name}` | {o.seconds:.1f} | `{' '.join(o.args) or '(defaults)'}` |"
            for o in outcomes
        ),
        "",
    ]
    return "\n".join(lines)


def _meets(value: Any, target: str) -> bool:
    match = re.fullmatch(r"\s*(<=|>=|<|>)\s*([0-9.]+)\s*", target)
    if not match or not isinstance(value, int | float):
        return False
    limit = float(match.group(2))
    return {
        "<=": value <= limit,
        ">=": value >= limit,
        "<": value < limit,
        ">": value > limit,
    }[match.group(1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data sets")
    parser.add_argument("--only", nargs="*", help="run only these (by name, e.g. seal verify)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per script")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = discover(args.only)
    missing = [n for n in (args.only or ORDER) if n not in names]
    for name in missing:
        print(f"== {name}: bench/{name}.py not present, skipped", flush=True)
    outcomes = []
    for name in names:
        print(f"== {name} {' '.join(arguments(name, args.quick))}", flush=True)
        outcomes.append(run_one(name, args.quick, args.timeout))
    text = render(outcomes, args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out}")
    return 0 if all(o.status == "ok" for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
