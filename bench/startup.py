"""Pre-commit cost: median wall time of linting one report vs `python -c pass`, side by side.

    python bench/startup.py [REPORT] [--runs N]

Target (issue #5): lint one report in at most 4x the time of starting Python.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", default=str(next((ROOT / "examples").glob("004_*.txt"))))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    base = median_seconds([sys.executable, "-c", "pass"], args.runs)
    lint = median_seconds([sys.executable, "-m", "xxgk_lint", "--exit-zero", args.report], args.runs)
    print(f"python -c pass: {base * 1000:.1f} ms (median of {args.runs})")
    print(f"xxgk-lint one report: {lint * 1000:.1f} ms  = {lint / base:.2f}x python start-up (target <= 4x)")


if __name__ == "__main__":
    main()
