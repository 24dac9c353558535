"""Re-lint after a keystroke, as the language server does it: the editor's whole text linted with the
document's settings and rules (`lsp.linting.Linter.lint`) and turned into LSP diagnostics
(`lsp.convert.to_lsp`, UTF-16), in process, after a warm-up.

    python bench/lsp_speed.py [REPORT ...] [--edits 200]

Each edit types one more character into the report's prose, as typing does. Each report is measured
alone, and again as a draft in a project whose configuration names a `history` folder of published
reports (the examples and the bundled rule examples): the rules across reports run at each keystroke.
Target (issue #18): p95 ≤ 30 ms for a typical report. Needs lsprotocol (xxgk-lint[lsp]).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xxgk_lint.lsp.convert import to_lsp  # noqa: E402
from xxgk_lint.lsp.linting import Linter  # noqa: E402
from xxgk_lint.lsp.positions import split_lines  # noqa: E402

DEFAULT = [ROOT / "examples" / "000_eac3f6eb663f9cec.txt", ROOT / "examples" / "004_a16ce7be3385554c.txt",
           ROOT / "rules" / "examples" / "2021.md"]


def keystrokes(text: str, edits: int) -> list[str]:
    """`edits` texts, each one keystroke after the one before, each new (no memo of a whole line
    helps): a sentence typed into the middle of the longest line (prose), one character at a time."""
    lines = text.split("\n")
    row = max(range(len(lines)), key=lambda i: len(lines[i]))
    at = len(lines[row]) // 2
    words = "本机关依法依规做好政府信息公开工作，主动公开数量稳步增长，"
    out = []
    for i in range(1, edits + 1):
        typed = "".join(words[k % len(words)] for k in range(i))
        out.append("\n".join(lines[:row] + [lines[row][:at] + typed + lines[row][at:]] + lines[row + 1:]))
    return out


def with_history(path: Path, folder: Path) -> Path:
    """The report as a draft in `folder`, whose configuration's history holds the published reports."""
    (folder / "xxgk-lint.toml").write_text('history = ["published"]\n', "utf-8")
    (folder / "published").mkdir()
    for report in [*sorted((ROOT / "examples").glob("*.txt")), *sorted((ROOT / "rules" / "examples").glob("*.md"))]:
        shutil.copy(report, folder / "published" / report.name)
    draft = folder / f"draft{path.suffix}"
    shutil.copy(path, draft)
    return draft


def measure(path: Path, edits: int) -> tuple[float, float, int]:
    linter = Linter()
    text = path.read_text("utf-8")
    uri = path.resolve().as_uri()
    rules = {r.code: r for r in linter.plan_for(str(path)).rules}

    def relint(current: str) -> int:
        found = linter.lint(str(path), current)
        lines = split_lines(current)
        return len([to_lsp(d, lines, uri, "utf-16", rules) for d in found])

    for _ in range(10):  # warm-up: rules loaded, memos filled
        relint(text)
    times, count = [], 0
    for current in keystrokes(text, edits):
        start = time.perf_counter()
        count = relint(current)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    print(f"{'report':<34} {'bytes':>6} {'findings':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for path in args.reports or DEFAULT:
        p50, p95, count = measure(path, args.edits)
        print(f"{path.name:<34} {path.stat().st_size:>6} {count:>8} {p50:>7.1f} {p95:>7.1f}")
        with tempfile.TemporaryDirectory() as folder:
            p50, p95, count = measure(with_history(path, Path(folder)), args.edits)
        print(f"{'  + history of 7 reports':<34} {'':>6} {count:>8} {p50:>7.1f} {p95:>7.1f}")


if __name__ == "__main__":
    main()
