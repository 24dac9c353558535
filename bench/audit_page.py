"""The audit page at scale: N reports (default 10,000) through `Audit.add` and `finish` — the time,
the page's size, the memory kept, and (with --browser) how long the page takes to load and to sort
its scorecard in headless Chromium.

    python bench/audit_page.py [--reports N] [--base B] [--out DIR] [--browser]

B generated reports (bench/layouts.py, four in ten with a planted fault from bench/accuracy.py) are
linted once; the N entries reuse their cells and findings under N/4 synthetic agencies × 4 years
(2021–2024), a few figures multiplied to make year-over-year jumps, and some findings across years
(X001) added after all reports, as `xxgk-lint audit` does. Entries are made one at a time, so the
memory measured is the audit's own: it must grow by one small summary per report, not with findings.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
from layouts import LAYOUTS, encode, file_name, make_model, render  # noqa: E402

from xxgk_lint.checks.engine import parse, run_rules  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402
from xxgk_lint.output.audit import Audit, load_rubric, make_entry  # noqa: E402
from xxgk_lint.output.diagnostic import Diagnostic  # noqa: E402
from xxgk_lint.pipeline.figures import figures  # noqa: E402
from xxgk_lint.pipeline.report import Unreadable  # noqa: E402


def linted(name: str, data: bytes, rules) -> tuple:
    """(path, agency, year, template, cells, diagnostics) of one report, as `xxgk-lint audit` makes them."""
    report = parse(name, data)
    diagnostics = run_rules(rules, report, "zh")
    if isinstance(report, Unreadable):
        return name, "", None, "", {}, diagnostics
    records = figures(report)
    cells = {(r["table"], r["row"], r["column"]): r["number"] for r in records if r["table"] in ("三", "四")}
    head = records[0] if records else {"agency": "", "year": report.metadata.year, "template": report.template.id}
    return name, head["agency"], head["year"], head["template"], cells, diagnostics


def generated(count: int, seed: int = 5, faulty: float = 0.4):
    """`count` generated reports as (name, data, model, fault kind or ""): a planted fault in `faulty`
    of them."""
    rng = random.Random(seed)
    for i in range(count):
        model, kind = make_model(rng), ""
        if rng.random() < faulty:
            fault = rng.choice(accuracy.FAULTS)
            model, kind = fault(model.copy(), rng).model, fault.kind
        layout = LAYOUTS[i % 5]
        text, _ = render(model, layout)
        yield f"g{i:04d}-{file_name(layout)}", encode(text, layout), model, kind


def entries(count: int, base: list[tuple], seed: int = 11):
    """`count` entries from the linted `base`, made one at a time."""
    rng = random.Random(seed)
    for i in range(count):
        agency, year = i // 4, 2021 + i % 4
        path, _, _, template, cells, diagnostics = base[rng.randrange(len(base))]
        factor = 6 if rng.random() < 0.02 else 1  # a jump worth a look, now and then
        cells = {key: value * factor if value is not None else None for key, value in cells.items()}
        name = f"corpus/{agency:05d}/{year}-{path}"
        yield make_entry(name, f"示例县第{agency}局", year, template, cells,
                         [d.replace(path=name) for d in diagnostics])


def across_years(count: int) -> list[Diagnostic]:
    """An X001 for every 50th agency's last report, naming its previous one."""
    out = []
    for agency in range(0, count // 4, 50):
        path = f"corpus/{agency:05d}/2024-"
        out.append(Diagnostic(path, 1, 1, 1, 1, "X001", "carry-over-mismatch", "warning",
                              "本年「上年结转」与上年「结转下年度」不一致",
                              related=[{"path": path.replace("2024", "2023"), "line": 1, "column": 1,
                                        "message": "上年报告"}]))
    return out


def run(count: int, base: list[tuple], folder: str, trace: bool = False) -> dict:
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    audit = Audit(folder, "audit", load_rubric())
    for entry in entries(count, base):
        audit.add(entry)
    kept = tracemalloc.get_traced_memory()[0] if trace else 0
    audit.add_findings(across_years(count))
    page = audit.finish()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    sizes = {name: os.path.getsize(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}
    return {"seconds": seconds, "page": os.path.getsize(page), "sizes": sizes, "peak": peak, "kept": kept}


# appended to a copy of the page: sort the scorecard by score twice and by agency, and say how long
TIMER = """<script>(function(){var t=document.getElementById('score'),h=t.tHead.rows[0].cells,out=[];
function click(c){var s=performance.now();h[c].querySelector('button').click();out.push(Math.round(performance.now()-s));}
var score=[].findIndex.call(h,function(x){return x.getAttribute('data-c')==='score'});
var agency=[].findIndex.call(h,function(x){return x.getAttribute('data-c')==='agency'});
click(score);click(score);click(agency);var q=document.getElementById('q'),s=performance.now();q.value='第12';
q.dispatchEvent(new Event('input'));out.push(Math.round(performance.now()-s));
document.documentElement.setAttribute('data-times',out.join(','));})();</script>"""


def browser(page: str) -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return "no Chromium: install the distribution's chromium package"
    timed = page.replace(".html", "-timed.html")
    with open(page, encoding="utf-8") as handle, open(timed, "w", encoding="utf-8") as out:
        out.write(handle.read().replace("</body>", TIMER + "</body>"))
    start = time.perf_counter()
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", f"file://{timed}"],
                         capture_output=True, text=True, timeout=300).stdout
    load = time.perf_counter() - start
    marker = dom.split('data-times="', 1)[1].split('"', 1)[0] if 'data-times="' in dom else "?"
    return f"load and run {load:.1f} s (Chromium start included); sort by score, again, by agency, filter (ms): {marker}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=60, help="generated reports linted and reused")
    parser.add_argument("--out", help="keep the files here (default: a temporary folder)")
    parser.add_argument("--browser", action="store_true", help="time the page in headless Chromium")
    args = parser.parse_args(argv)
    rules = load_rules([])
    base = [linted(name, data, rules) for name, data, _, _ in generated(args.base)]
    findings = sum(len(b[5]) for b in base) / len(base)
    print(f"{args.base} linted reports, {findings:.0f} findings each on average")
    folder = args.out or tempfile.mkdtemp(prefix="audit-bench-")
    os.makedirs(folder, exist_ok=True)
    result = run(args.reports, base, folder)
    print(f"{args.reports} reports: add + finish {result['seconds']:.2f} s "
          f"({result['seconds'] / args.reports * 1e6:.0f} µs a report); page {result['page'] / 1e6:.2f} MB")
    for name, size in result["sizes"].items():
        print(f"  {name}: {size / 1e6:.2f} MB")
    small, large = args.reports // 4, args.reports
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        one, four = run(small, base, a, trace=True), run(large, base, b, trace=True)
    per_report = (four["kept"] - one["kept"]) / (large - small)
    print(f"memory held after the last add: {small} reports {one['kept'] / 1e6:.1f} MB, {large} reports "
          f"{four['kept'] / 1e6:.1f} MB ({per_report / 1e3:.2f} KB a report); peak with the page written: "
          f"{one['peak'] / 1e6:.1f} MB, {four['peak'] / 1e6:.1f} MB")
    if args.browser:
        print(browser(os.path.join(folder, "audit.html")))
    if not args.out:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
