"""Cost against report size: a real report repeated to ~1, 3 and 10 MB, and one with a 1 MB line.

    python bench/bigfile.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "000_eac3f6eb663f9cec.txt").read_text("utf-8")


def timed(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", "--exit-zero", "--statistics", str(path)],
                   capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in (1, 3, 10):
            path = Path(tmp) / f"repeated-{megabytes}mb.txt"
            path.write_text(SEED * int(megabytes * 1_000_000 / len(SEED.encode())), "utf-8")
            seconds = timed(path)
            print(f"{megabytes:>3} MB repeated report: {seconds:.2f} s ({seconds / megabytes:.2f} s/MB)")
        path = Path(tmp) / "long-line.txt"
        path.write_text(SEED + "\n" + "行政许可 | 1 | " * 70_000 + "\n" + "收到申请 1 件，" * 70_000 + "\n", "utf-8")
        print(f"report with two 1 MB lines: {timed(path):.2f} s")


if __name__ == "__main__":
    main()
