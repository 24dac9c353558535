"""Reports per second, in process, on copies of the real reports (parse + all rules).

    python bench/throughput.py [--seconds S]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from xxgk_lint.engine import lint_bytes
from xxgk_lint.rulesets import load_rules

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    rules = load_rules([])
    reports = [(p.name, p.read_bytes()) for p in sorted((ROOT / "examples").glob("*.txt"))]
    count, size, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for name, data in reports:
            lint_bytes(name, data, rules)
            count += 1
            size += len(data)
    elapsed = time.perf_counter() - start
    print(f"{count / elapsed:.0f} reports/s on one core ({size / count / 1024:.1f} KB average, {count} linted)")


if __name__ == "__main__":
    main()
