"""Pre-commit cost: median wall time of linting one report vs `python -c pass`, side by side.

    python bench/startup.py [REPORT] [--runs N]

Target (issue #5): lint one report in at most 4x the time of starting Python.

Measured as users run it: bytecode cached (PYTHONDONTWRITEBYTECODE is dropped for the children and
one warm-up run writes the caches: .pyc files, the compiled rule pack, the result cache), runs
alternating between the two commands so that machine noise hits both alike.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def side_by_side(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    once(a), once(b)  # warm-up: bytecode, rule pack, result cache
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(once(a))
        times_b.append(once(b))
    return statistics.median(times_a), statistics.median(times_b)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", default=str(next((ROOT / "examples").glob("004_*.txt"))))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = [sys.executable, "-c", "pass"]
    for label, extra in (("result cached", []), ("--no-cache", ["--no-cache"])):
        base, lint = side_by_side(python, [sys.executable, "-m", "xxgk_lint", "--exit-zero", *extra, args.report],
                                  args.runs)
        print(f"python -c pass {base * 1000:.1f} ms; xxgk-lint one report ({label}) {lint * 1000:.1f} ms "
              f"= {lint / base:.2f}x python start-up (target <= 4x; median of {args.runs})")


if __name__ == "__main__":
    main()
