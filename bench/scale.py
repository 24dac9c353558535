"""A corpus of 10,000 reports through the command line: wall time and peak memory of `check`,
`extract` (and `audit`, once it exists), and memory at a quarter of the reports and at all of them.

    python bench/scale.py [--reports N] [--jobs J] [--console-script]

Target (issue: `audit` and `extract` at scale): 10,000 text reports in at most 30 s with `--jobs 2`
on the 2-core machine, memory flat in the number of reports.

N text reports (default 10,000) of about 8 KB are generated once into a temporary folder
(bench/layouts.py: the eight text layouts in turn, the prose of bench/throughput.py; one in three with
a faulty 表三 cell: negative, blank or text), a quarter of them in a subfolder of their own. Each
command runs in a fresh process, `python -m xxgk_lint` with this tree's src/ first on the path (or
the installed `xxgk-lint` with --console-script), after a warm-up that builds the rule pack. Peak
RSS is that of the command's own process and of its largest worker, read from /proc while it runs
(VmHWM, every 20 ms), and the largest of all of them as the kernel counts it after they end
(getrusage of the launcher's children; the launcher is a small process of its own, since a child's
count starts from the size of the process that forked it).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from layouts import encode, file_name, make_model, render  # noqa: E402

TEXT_LAYOUTS = ("pipe", "tab", "cell", "cell_pipe", "markdown", "cell_double", "cell_double_drop", "cell_pipe_bare")
# Real reports carry pages of prose in 一 and 五 (as in bench/throughput.py): about 8 KB a report.
PROSE = ("2023年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
         "围绕中心工作，不断加大政府信息主动公开力度，规范依申请公开办理，加强政府信息管理和平台建设，"
         "强化监督保障，政府信息公开工作取得新进展。") * 6
FAULTS = (lambda old: "-" + (old if old.strip("0") else "1"), lambda old: "", lambda old: "无")


def generate(folder: Path, count: int, seed: int = 11) -> tuple[int, int]:
    """Write `count` reports, each as it is made (the bench holds none); the first quarter in
    folder/quarter. Returns (bytes written, reports with a planted fault)."""
    rng = random.Random(seed)
    quarter = folder / "quarter"
    quarter.mkdir(parents=True)
    size = faulty = 0
    for i in range(count):
        layout = TEXT_LAYOUTS[i % len(TEXT_LAYOUTS)]
        model = make_model(rng)
        if i % 3 == 2:
            key = rng.choice([k for k in model.cells() if k[0] == "三"])
            model.set(key, FAULTS[i // 3 % len(FAULTS)](model.get(key)))
            faulty += 1
        text, _ = render(model, layout)
        text = text.replace("一、总体情况\n", f"一、总体情况\n{PROSE}\n{PROSE}\n", 1)
        data = encode(text, layout)
        (quarter if i < count // 4 else folder).joinpath(f"r{i:05d}-{file_name(layout)}").write_bytes(data)
        size += len(data)
    return size, faulty


# Runs a command and writes what it measured to a JSON file: wall time, CPU time (its own and its
# workers', user and system), exit code, the command's own
# peak RSS and its largest child's (VmHWM in /proc, sampled), and the largest of all (getrusage).
_LAUNCH = r"""
import json, os, resource, subprocess, sys, threading, time
def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(l.split()[1]) for l in f if l.startswith("VmHWM:")), 0)
    except OSError:
        return 0
def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []
peak = {"parent": 0, "worker": 0}
done = threading.Event()
def sample(pid):
    while not done.wait(0.02):
        peak["parent"] = max(peak["parent"], hwm(pid))
        for kid in children(pid):
            peak["worker"] = max(peak["worker"], hwm(kid))
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
sampler.start()
err = proc.communicate()[1]
wall = time.perf_counter() - start
done.set()
sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"wall": wall, "rc": proc.returncode, "cpu": usage.ru_utime + usage.ru_stime,
               "any": usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1),
               "stderr": err.decode("utf-8", "replace")[-2000:], **peak}, f)
"""


def measure(command: list[str], env: dict, cwd: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        subprocess.run([sys.executable, "-c", _LAUNCH, str(result), *command], env=env, cwd=cwd, check=True)
        return json.loads(result.read_text())
    finally:
        result.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--console-script", action="store_true", help="run the installed xxgk-lint")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    if args.console_script:
        script = shutil.which("xxgk-lint")
        if script is None:
            sys.exit("no xxgk-lint on the PATH")
        linter = [script]
    else:
        linter = [sys.executable, "-m", "xxgk_lint"]
    jobs = ["--jobs", str(args.jobs)]
    load = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="xxgk-scale-") as tmp:
        reports, out = Path(tmp) / "reports", Path(tmp) / "out"
        out.mkdir()
        start = time.perf_counter()
        size, faulty = generate(reports, args.reports)
        made = time.perf_counter() - start
        quarter = args.reports // 4
        print(f"{args.reports} text reports, {size / args.reports / 1024:.1f} KB average, {faulty} with a planted "
              f"fault, {len(TEXT_LAYOUTS)} layouts: generated in {made:.1f} s")
        warm = next((reports / "quarter").iterdir(), None) or next(reports.glob("*.*"))
        subprocess.run([*linter, "--isolated", str(warm)], env=env, capture_output=True, cwd=tmp)  # builds the rule pack

        runs = [  # (what, options, output file, also at a quarter of the reports)
            (f"check {' '.join(jobs)} --no-cache", ["--isolated", "--no-cache", *jobs], "check.txt", True),
            (f"extract {' '.join(jobs)} (JSON)", ["extract", "--isolated", *jobs], "cells.json", True),
            (f"extract {' '.join(jobs)} (CSV)", ["extract", "--isolated", "--format", "csv", *jobs], "cells.csv", False),
        ]
        probe = subprocess.run([*linter, "audit", "--help"], env=env, capture_output=True, text=True, cwd=tmp)
        audit = probe.returncode == 0 and "xxgk-lint audit" in probe.stdout  # not the check command's help
        if audit:
            runs.append((f"audit {' '.join(jobs)}", ["audit", *jobs], "audit.html", True))
        rows = []
        for what, options, produced, also_quarter in runs:
            for folder, count in ((reports / "quarter", quarter), (reports, args.reports)):
                if count == 0 or (count == quarter and not also_quarter):
                    continue
                target = out / produced
                got = measure([*linter, *options, "--output", str(target), str(folder)], env, tmp)
                written = target.stat().st_size / 2**20 if target.exists() else 0.0
                if target.exists():
                    target.unlink()  # ~1 GB of JSON for 10,000 reports
                rows.append((what, count, got, written))
                if got["rc"] not in (0, 1):
                    print(f"{what}: exit {got['rc']}: {got['stderr'].strip()[-400:]}", file=sys.stderr)

    print(f"\n{'command':<30}{'reports':>8}{'wall s':>8}{'CPU s':>7}{'reports/s':>10}{'exit':>5}"
          f"{'parent MB':>10}{'worker MB':>10}{'any MB':>8}{'output MB':>10}")
    for what, count, got, written in rows:
        print(f"{what:<30}{count:>8}{got['wall']:>8.1f}{got['cpu']:>7.1f}{count / got['wall']:>10.0f}{got['rc']:>5}"
              f"{got['parent'] / 1024:>10.0f}{round(got['worker'] / 1024) if got['worker'] else '-':>10}"
              f"{got['any'] / 1024:>8.0f}{written:>10.0f}")
    if not audit:
        print("audit: not available")
    print("load average (1 min) before / after: {:.2f} / {:.2f} (a shared machine: other work slows the wall "
          "times, not the CPU times)".format(load, os.getloadavg()[0]))
    for what in dict.fromkeys(r[0] for r in rows):
        both = [(count, got) for w, count, got, _ in rows if w == what]
        if len(both) == 2:
            (small, a), (large, b) = both
            print(f"memory, {what}: parent {a['parent'] / 1024:.0f} → {b['parent'] / 1024:.0f} MB, largest worker "
                  f"{a['worker'] / 1024:.0f} → {b['worker'] / 1024:.0f} MB for {small} → {large} reports")
    if args.reports == 10_000:
        missed = [f"{w} ({got['wall']:.1f} s)" for w, count, got, _ in rows if count == 10_000 and got["wall"] > 30]
        print("target (10,000 reports in at most 30 s): " + ("missed by " + ", ".join(missed) if missed else "met"))


if __name__ == "__main__":
    main()
