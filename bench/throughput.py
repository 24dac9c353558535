"""Throughput for an evaluator linting a corpus: reports per second, --jobs scaling, memory.

    python bench/throughput.py [--reports N] [--seconds S]

1. In process, one core: generated ~8 KB reports (bench/layouts.py, pipe/tab/cell layouts), parse
   and all rules — the per-core rate.
2. The command line on a folder of N generated reports with --jobs 1 and --jobs 2 (no cache):
   wall time, the speed-up, byte-identical output, and peak RSS of the run (children included).
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from layouts import encode, file_name, make_model, render  # noqa: E402

from xxgk_lint.engine import lint_bytes  # noqa: E402
from xxgk_lint.rulesets import load_rules  # noqa: E402

LAYOUTS = ("pipe", "tab", "cell")


def corpus(count: int, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        text, _ = render(make_model(rng), layout)
        out.append((f"r{i:05d}-{file_name(layout)}", encode(text, layout)))
    return out


def in_process(reports, seconds: float) -> tuple[float, float]:
    rules = load_rules([])
    count, size, start = 0, 0, time.perf_counter()
    cpu = time.process_time()
    while time.perf_counter() - start < seconds:
        for name, data in reports:
            lint_bytes(name, data, rules)
            count += 1
            size += len(data)
    return count / (time.process_time() - cpu), size / count / 1024


def command_line(folder: Path, jobs: int) -> tuple[float, bytes]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", "--exit-zero", "--format", "concise",
                           "--jobs", str(jobs), str(folder)], capture_output=True, check=True)
    return time.perf_counter() - start, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    reports = corpus(args.reports)
    rate, kb = in_process(reports[:60], args.seconds)
    print(f"in process: {rate:.0f} reports per CPU-second ({kb:.1f} KB average)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in reports:
            (folder / name).write_bytes(data)
        serial, out1 = command_line(folder, 1)
        parallel, out2 = command_line(folder, 2)
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"command line, {args.reports} reports: --jobs 1 {serial:.2f} s ({args.reports / serial:.0f}/s), "
          f"--jobs 2 {parallel:.2f} s ({args.reports / parallel:.0f}/s): {serial / parallel:.2f}x; "
          f"identical output: {out1 == out2}; peak RSS of one run: {rss:.0f} MB")


if __name__ == "__main__":
    main()
