"""Engines for untrusted rule patterns: RE2 (`google-re2`) and `regex` (with `timeout=`), beside `re`.

    python bench/patterns.py [--corpus DIR] [--runs N]

Prints, for each engine: its import time; which bundled patterns (rules/*.yaml) it compiles; the
time to compile them; the time to run them over the lines of real reports (examples/, or every
report in DIR); whether its matches and their code-point offsets agree with `re`'s; how it reads
Unicode classes on the texts reports hold; and how long it takes on catastrophic patterns against a
30-character hostile line (`re` is timed on shorter lines: it doubles or quadruples per character).
Both engines must be installed (`pip install google-re2 regex`).
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xxgk_lint.pipeline.normalize import fold_width  # noqa: E402

import re2  # noqa: E402
import regex  # noqa: E402

RE2_OPTIONS = re2.Options()
RE2_OPTIONS.log_errors = False
# (pattern, the character its hostile line repeats): each fails on the final `!` after trying
# exponentially many ways to split the run; the last has no `$`, which RE2 matches from the end.
CATASTROPHIC = [("(a|a)+$", "a"), ("(a+)+$", "a"), (r"(\w|_)+$", "_"), ("(a|aa)+b", "a")]
TIMEOUT = 2.0  # seconds, for `regex`


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def import_ms(module: str, runs: int) -> float:
    """Cumulative import time of `module` in a fresh interpreter, as -X importtime reports it."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                             capture_output=True, text=True, check=True).stderr
        line = [row for row in out.splitlines() if row.rstrip().endswith(f"| {module}")][-1]
        times.append(int(line.split("|")[1]) / 1000)
    return statistics.median(times)


def bundled_patterns() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(doc["code"], p) for p in doc.get("patterns", [])]
        out += [(doc["code"], f["pattern"]) for f in doc.get("figures", [])]
        out += [(doc["code"], doc["phrase"])] if "phrase" in doc else []
    return out


def report_lines(corpus: Path | None) -> list[str]:
    files = sorted(corpus.iterdir()) if corpus else [*sorted((ROOT / "examples").glob("*.txt")),
                                                     *sorted((ROOT / "rules" / "examples").glob("*.md"))]
    lines = []
    for path in files:
        data = path.read_bytes()
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            continue
        lines += [fold_width(line) for line in text.splitlines() if line.strip()]
    return lines


def compiled_by(engine: str, pattern: str):
    try:
        if engine == "re2":
            return re2.compile(pattern, RE2_OPTIONS)
        return (regex if engine == "regex" else re).compile(pattern)
    except Exception as exc:  # each engine's error class
        message = exc.args[0] if exc.args else exc
        return message.decode() if isinstance(message, bytes) else str(message)


def spans(pattern, line: str) -> list[tuple]:
    names = list(pattern.groupindex)
    return [(m.start(), m.end(), *(m.span(pattern.groupindex[n]) for n in names)) for m in pattern.finditer(line)]


def section(title: str) -> None:
    print(f"\n== {title}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, help="a folder of reports (default: the bundled examples)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    patterns = bundled_patterns()
    lines = report_lines(args.corpus)

    section("import time (ms, median of -X importtime in a fresh interpreter; `re` is loaded by Python itself)")
    for module in ("re2", "regex"):
        print(f"  {module:<6} {import_ms(module, args.runs):6.1f}")

    section(f"bundled patterns ({len(patterns)}): which each engine compiles")
    for engine in ("re2", "regex"):
        refused = [(code, p, compiled_by(engine, p)) for code, p in patterns if isinstance(compiled_by(engine, p), str)]
        print(f"  {engine:<6} {len(patterns) - len(refused)} of {len(patterns)}")
        for code, p, why in refused:
            print(f"         {code} refused ({why}): {p}")

    section("compile time of the bundled patterns each compiles (ms, all of them, caches purged)")
    for engine, module in (("re", re), ("re2", re2), ("regex", regex)):
        usable = [p for _, p in patterns if not isinstance(compiled_by(engine, p), str)]

        def compile_all(usable=usable, engine=engine, module=module):
            module.purge()
            for p in usable:
                compiled_by(engine, p)
        print(f"  {engine:<6} {median_ms(compile_all, args.runs):7.2f}  ({len(usable)} patterns)")

    common = [p for _, p in patterns if all(not isinstance(compiled_by(e, p), str) for e in ("re2", "regex"))]
    section(f"matching: the {len(common)} patterns all engines compile, finditer over {len(lines)} report lines (ms)")
    compiled = {engine: [compiled_by(engine, p) for p in common] for engine in ("re", "re2", "regex")}
    runners = {
        "re": lambda: [list(p.finditer(line)) for p in compiled["re"] for line in lines],
        "re2": lambda: [list(p.finditer(line)) for p in compiled["re2"] for line in lines],
        "regex": lambda: [list(p.finditer(line, timeout=TIMEOUT)) for p in compiled["regex"] for line in lines],
    }
    for engine, run in runners.items():
        print(f"  {engine:<6} {median_ms(run, max(3, args.runs // 2)):8.1f}")

    section("agreement with `re` on those lines: matches and code-point offsets (every group)")
    for engine in ("re2", "regex"):
        differ = [(p.pattern, line) for p, q in zip(compiled["re"], compiled[engine]) for line in lines
                  if spans(p, line) != spans(q, line)]
        print(f"  {engine:<6} {len(differ)} line/pattern pairs differ" + (f", e.g. {differ[0]!r}" if differ else ""))

    section("Unicode classes on texts reports hold (after width folding, U+3000 is a space; U+00A0 stays)")
    probes = [(r"\d+", "１２", "full-width digits"), (r"\d+", "٣", "Arabic-Indic digit"),
              (r"\s", "\u00a0", "no-break space"), (r"\s", "\u3000", "ideographic space"), (r"\w+", "中文", "Han"),
              (r"\b中", "a 中", "Han after a space"), (r"(?i)é", "É", "Latin capital"),
              (r"结(?P<n>\d+)件", "共办结34件", "CJK then digits: n")]
    print(f"  {'pattern':<14} {'text':<20} {'re':<8} {'re2':<8} regex   (span of the match or of group n)")
    for pattern, text, what in probes:
        found = []
        for engine in ("re", "re2", "regex"):
            match = compiled_by(engine, pattern).search(text)
            found.append(str(match.span(match.re.groupindex.get("n", 0))) if match else "-")
        print(f"  {pattern:<14} {what:<20} {found[0]:<8} {found[1]:<8} {found[2]}")

    section("catastrophic patterns against a 30-character hostile line `a…a!` (ms)")
    for pattern, char in CATASTROPHIC:
        hostile, long_line = char * 30 + "!", char * 100_000 + "!"
        growth = ", ".join(f"{n}: {median_ms(lambda n=n: re.search(pattern, char * n + '!'), 1):.0f}"
                           for n in (14, 16, 18, 20))
        rx = re2.compile(pattern, RE2_OPTIONS)
        try:
            regex_ms = f"{median_ms(lambda: regex.search(pattern, hostile, timeout=TIMEOUT), 1):.2f}"
        except TimeoutError:
            regex_ms = f"timed out ({TIMEOUT:.0f} s)"
        print(f"  {pattern:<10} re at length {growth}   re2 {median_ms(lambda: rx.search(hostile), args.runs):.3f} "
              f"(100,000 characters: {median_ms(lambda: rx.search(long_line), 1):.1f})   regex {regex_ms}")


if __name__ == "__main__":
    main()
