"""PDF reading speed: the wall time of reading one PDF, and PDFs per second over a folder.

    python bench/pdf_speed.py [FILE.pdf] [--runs N]       # median read time (reader only, warm);
                                                          # no FILE: examples/hongze-2024.pdf
    python bench/pdf_speed.py FOLDER [--jobs N]           # PDFs per second over the folder's *.pdf
    python bench/pdf_speed.py --import-cost               # what importing pdfplumber costs

Budgets (pipeline/readers/pdf_reader.py): a 5-page report reads in at most 1 s wall; any PDF in at most
~20 s (MAX_SECONDS between pages, MAX_PAGES pages, MAX_OBJECTS a page before tables are skipped).
Reading one file also reports the cold time of a fresh process (import + fonts + CMaps + read), and
the full lint (`python -m xxgk_lint check`) of that file.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "hongze-2024.pdf"  # a real report, measured when no file is named
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _read(path: str) -> tuple[str, float, int, str]:
    from xxgk_lint.pipeline.readers.document import DocumentError
    from xxgk_lint.pipeline.readers.pdf_reader import read

    start = time.perf_counter()
    try:
        lines = len(read(Path(path).read_bytes()).lines)
        problem = ""
    except DocumentError as exc:
        lines, problem = 0, exc.reason
    return path, time.perf_counter() - start, lines, problem


def one(path: Path, runs: int) -> None:
    _read(str(path))  # warm: pdfminer's CMaps and fonts load once per process
    times = [_read(str(path))[1] for _ in range(runs)]
    print(f"{path.name}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"over {runs} warm reads")
    code = (f"import time; s = time.perf_counter(); from xxgk_lint.pipeline.readers.pdf_reader import read; "
            f"read(open({str(path)!r}, 'rb').read()); print(time.perf_counter() - s)")
    cold = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV,
                                 check=True).stdout) for _ in range(3)]
    print(f"  cold in a fresh process (import + read): median {statistics.median(cold) * 1000:.0f} ms")
    lint = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--no-cache", str(path)], env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        lint.append(time.perf_counter() - start)
    print(f"  full lint (python -m xxgk_lint check --no-cache): median {statistics.median(lint) * 1000:.0f} ms")


def folder(path: Path, jobs: int) -> None:
    files = sorted(str(p) for p in path.rglob("*.pdf"))
    if not files:
        sys.exit(f"no .pdf under {path}")
    start = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_read, files))
    else:
        results = [_read(f) for f in files]
    wall = time.perf_counter() - start
    slowest = max(results, key=lambda r: r[1])
    refused = [r for r in results if r[3]]
    print(f"{len(files)} PDFs in {wall:.2f} s with {jobs} job(s): {len(files) / wall:.1f} PDFs/s; "
          f"slowest {Path(slowest[0]).name} {slowest[1]:.2f} s; {len(refused)} refused")
    for path_, _, _, problem in refused:
        print(f"  {Path(path_).name}: {problem}")


def import_cost() -> None:
    code = "import time; s = time.perf_counter(); import pdfplumber; print(time.perf_counter() - s)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(5)]
    print(f"import pdfplumber: median {statistics.median(times) * 1000:.0f} ms over 5 fresh processes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--import-cost", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.import_cost:
        import_cost()
    if args.path is None:
        if args.import_cost:
            return
        if not EXAMPLE.exists():
            parser.error(f"name a PDF or a folder of PDFs ({EXAMPLE} is missing)")
        print(f"no file named: measuring {EXAMPLE.relative_to(ROOT)}")
        args.path = EXAMPLE
    if args.path.is_dir():
        folder(args.path, args.jobs)
    else:
        one(args.path, args.runs)


if __name__ == "__main__":
    main()
