"""Pre-commit cost: median wall time of linting one report vs `python -c pass`, side by side.

    python bench/startup.py [REPORT ...] [--runs N] [--configured]

Target (issue #5): lint one report in at most 4x the time of starting Python. By default every
bundled example report is measured, each with the result cache (an unchanged file) and with
--no-cache (an edited draft: what a pre-commit hook mostly sees). Run from here, the configuration
lookup finds this repository's pyproject.toml; --configured runs from a folder with an
`xxgk-lint.toml` instead (a configured repository: its configuration is read on every run).

Measured as users run it: the `xxgk-lint` console script that pre-commit starts (else `python -m
xxgk_lint`), bytecode cached (PYTHONDONTWRITEBYTECODE is dropped for the children and warm-up runs
write the caches: .pyc files, the compiled rule pack, the result cache), runs alternating between
the two commands so that machine noise hits both alike. Run it from a regular (non-editable)
install: an editable install's .pth hook loads pathlib and more into `python -c pass` itself.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV, cwd=cwd)
    return time.perf_counter() - start


def side_by_side(a: list[str], b: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    once(a, cwd), once(b, cwd), once(b, cwd)  # warm-up: bytecode, rule pack, result cache, configuration
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(once(a, cwd))
        times_b.append(once(b, cwd))
    return statistics.median(times_a), statistics.median(times_b)


def linter() -> list[str]:
    script = Path(sys.executable).with_name("xxgk-lint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "xxgk_lint"]


def editable() -> bool:
    import xxgk_lint

    return Path(xxgk_lint.__file__).resolve().is_relative_to(ROOT)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("reports", nargs="*", default=sorted(str(p) for p in (ROOT / "examples").glob("*.txt")))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--configured", action="store_true", help="run from a folder with an xxgk-lint.toml")
    parser.add_argument("--folder", action="store_true", help="name a folder holding the report, not the report")
    args = parser.parse_args()
    if editable():
        print("warning: xxgk_lint is imported from this checkout (an editable install?): the figures are "
              "not representative; use `python -m venv /tmp/v && /tmp/v/bin/pip install .`", file=sys.stderr)
    python = [sys.executable, "-c", "pass"]
    where = "a folder with an xxgk-lint.toml" if args.configured else Path.cwd()
    print(f"{linter()[-1]} in {where} (median of {args.runs}; target <= 4x python -c pass)")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp) if args.configured else Path.cwd()
        (Path(tmp) / "xxgk-lint.toml").write_text('lang = "zh"\nextend-exclude = ["drafts/"]\n', "utf-8")
        reports = [str(Path(r).resolve()) for r in args.reports]
        if args.folder:  # each report alone in a folder: discovery and its exclusions are measured too
            for i, report in enumerate(reports):
                folder = Path(tmp) / f"folder{i}"
                folder.mkdir()
                reports[i] = str(folder)
                (folder / Path(report).name).write_bytes(Path(report).read_bytes())
        worst = measure(reports, python, args.runs, cwd)
    print(f"worst: {worst:.2f}x")


def measure(reports: list[str], python: list[str], runs: int, cwd: Path) -> float:
    worst = 0.0
    for report in reports:
        for label, extra in (("cached", []), ("no cache", ["--no-cache"])):
            base, lint = side_by_side(python, [*linter(), "--exit-zero", *extra, report], runs, cwd)
            worst = max(worst, lint / base)
            print(f"  {Path(report).name[:24]:<24} {label:<8}  python -c pass {base * 1000:5.1f} ms  "
                  f"xxgk-lint {lint * 1000:5.1f} ms  = {lint / base:.2f}x")
    return worst


if __name__ == "__main__":
    main()
