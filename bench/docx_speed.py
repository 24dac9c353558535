"""Wall time of linting one .docx report, as a user runs it, and in process.

    python bench/docx_speed.py [DOCX ...] [--runs N]

Target (issue #16): a .docx report in at most 0.2 s wall on this machine. Without arguments the
bundled 2021 and 2019 examples are written as Word documents (tests/documents.py, python-docx) in a
temporary folder. Measured: the console script (else `python -m xxgk_lint`) with --no-cache, median
of N runs after a warm-up; `python -c pass` beside it; and the reader + pipeline + rules in process.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.documents import docx_from_markdown  # noqa: E402
from tests.texts import example  # noqa: E402
from xxgk_lint.checks.engine import lint_bytes  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402


def wall(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", nargs="*")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="docx-speed-"))
    paths = [Path(p) for p in args.docx]
    if not paths:
        for year in ("2021", "2019"):
            paths.append(folder / f"{year}.docx")
            paths[-1].write_bytes(docx_from_markdown(example(year)))
    script = shutil.which("xxgk-lint")
    lint = [script] if script else [sys.executable, "-m", "xxgk_lint"]
    base = wall([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass: {base * 1000:.0f} ms")
    rules = load_rules([])
    for path in paths:
        data = path.read_bytes()
        lint_bytes(path.name, data, rules)
        start = time.perf_counter()
        for _ in range(args.runs):
            lint_bytes(path.name, data, rules)
        inside = (time.perf_counter() - start) / args.runs
        seconds = wall([*lint, "--no-cache", "--exit-zero", str(path)], args.runs)
        print(f"{path.name}: {seconds * 1000:.0f} ms wall ({seconds / base:.1f}× python -c pass), "
              f"{inside * 1000:.1f} ms in process, {len(data) // 1024} KB — target 200 ms wall")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.exit(main())
