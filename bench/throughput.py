"""Throughput for an evaluator linting a corpus: reports per second, --jobs scaling, memory.

    python bench/throughput.py [--reports N] [--seconds S]

1. In process, one core: generated ~8 KB reports (bench/layouts.py, pipe/tab/cell layouts), parse
   and all rules — the per-core rate.
2. The command line on a folder of N generated reports with --jobs 1 and --jobs 2 (no cache):
   wall time, the speed-up, byte-identical output, and the peak RSS of --jobs 1 on N files and on 4N
   different files (it must not follow the number of files).
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from layouts import encode, file_name, make_model, render  # noqa: E402

from xxgk_lint.checks.engine import lint_bytes  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

LAYOUTS = ("pipe", "tab", "cell")
# Real reports carry pages of prose in 一 and 五; this brings generated ones to about 8 KB.
PROSE = ("2023年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
         "围绕中心工作，不断加大政府信息主动公开力度，规范依申请公开办理，加强政府信息管理和平台建设，"
         "强化监督保障，政府信息公开工作取得新进展。") * 6


def corpus(count: int, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        text, _ = render(make_model(rng), layout)
        text = text.replace("一、总体情况\n", f"一、总体情况\n{PROSE}\n{PROSE}\n", 1)
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


# Runs the command line and reports its peak RSS. The run must be started from a small process:
# a child's ru_maxrss starts at the RSS of the process it was forked from (Linux carries the
# high-water mark across fork and exec), and this bench holds a whole corpus in memory.
_LAUNCH = ("import resource, subprocess, sys; proc = subprocess.run(sys.argv[1:]); "
           "sys.stderr.write('\\n' + str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
           "sys.exit(proc.returncode)")


def command_line(folder: Path, jobs: int) -> tuple[float, bytes, float]:
    """Wall time, output, and peak RSS in MB of the largest process of one run."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _LAUNCH, sys.executable, "-m", "xxgk_lint", "--no-cache",
                           "--exit-zero", "--format", "concise", "--jobs", str(jobs), str(folder)],
                          capture_output=True, check=True)
    peak = int(proc.stderr.rsplit(b"\n", 1)[-1]) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return time.perf_counter() - start, proc.stdout, peak


def machine_speed() -> float:
    """Microseconds for `sum(range(1000))`, best of five: this machine's pure-Python speed, to put
    the rates in proportion (a current desktop core: about 8 us; the 2-core VM this was tuned on:
    9 to 18 us, varying through the day)."""
    import timeit

    return min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    reports = corpus(args.reports)
    rate, kb = in_process(reports[:60], args.seconds)
    speed = machine_speed()
    print(f"in process: {rate:.0f} reports per CPU-second ({kb:.1f} KB average; sum(range(1000)) takes "
          f"{speed:.1f} us here: about {rate * speed / 8:.0f}/s on a core where it takes 8 us)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in reports:
            (folder / name).write_bytes(data)
        serial, out1, rss_small = command_line(folder, 1)
        parallel, out2, _ = command_line(folder, 2)
        print(f"command line, {args.reports} reports: --jobs 1 {serial:.2f} s ({args.reports / serial:.0f}/s), "
              f"--jobs 2 {parallel:.2f} s ({args.reports / parallel:.0f}/s): {serial / parallel:.2f}x; "
              f"identical output: {out1 == out2}")
        # four times the files, each a different report (copies would hide whatever a memo keeps of a
        # text): memory must not follow
        for name, data in corpus(4 * args.reports, seed=8)[args.reports:]:
            (folder / f"more-{name}").write_bytes(data)
        rss_large = command_line(folder, 1)[2]
    print(f"peak RSS: {rss_small:.0f} MB for {args.reports} files, {rss_large:.0f} MB for {4 * args.reports}")


if __name__ == "__main__":
    main()
