"""`xxgk-lint audit`: the command over real reports and a series of one agency's years — the page
and its CSV files, findings across reports on the page, workers, and what it refuses."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from series import report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def audit(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", "audit", "--isolated", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_examples_give_a_page_and_three_tables(tmp_path):
    proc = audit(EXAMPLES, "--output", tmp_path / "out.html", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-figures.csv", "out-findings.csv", "out-reports.csv",
                                                         "out.html"]
    cards = rows(tmp_path / "out-reports.csv")
    assert len(cards) == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".pdf")]) == 6
    page = (tmp_path / "out.html").read_text("utf-8")
    for card in cards:
        assert card["报告"] in page
    hongze = next(c for c in cards if c["报告"].endswith("hongze-2024.pdf"))
    assert hongze["机关"] == "淮安市洪泽区人民政府" and hongze["年度"] == "2024"
    assert hongze["格式"] == "2021"  # its 表二 is the 2021 format; 表三 keeps one 2019 row (T005)
    findings = rows(tmp_path / "out-findings.csv")
    # every finding of `check` is in the findings table, counted in the scorecard
    check = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--isolated", "--no-cache", "--format",
                            "concise", EXAMPLES], capture_output=True, text=True, timeout=300)
    assert len(findings) == len([line for line in check.stdout.splitlines() if line.strip()])
    assert sum(int(c["问题"]) for c in cards) == len(findings)
    assert "<script src" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def _series(folder: Path, broken: bool) -> None:
    folder.mkdir()
    (folder / "2022.md").write_text(report(2022, carry_out=(2, 0, 0, 0, 0, 0) if broken else (1, 0, 0, 0, 0, 0)),
                                    "utf-8")
    (folder / "2023.md").write_text(report(2023), "utf-8")


def test_a_carry_over_across_years_is_on_the_page_and_in_the_tables(tmp_path):
    _series(tmp_path / "clean", broken=False)
    _series(tmp_path / "broken", broken=True)
    for name, expected in (("clean", 0), ("broken", 2)):  # 自然人 and 总计
        proc = audit(tmp_path / name, "--output", tmp_path / f"{name}.html")
        assert proc.returncode == 0, proc.stderr
        x001 = [f for f in rows(tmp_path / f"{name}-findings.csv") if f["规则"] == "X001"]
        assert len(x001) == expected
        cards = {Path(c["报告"]).name: c for c in rows(tmp_path / f"{name}-reports.csv")}
        assert cards["2023.md"]["X 跨年度"] == str(expected) and cards["2022.md"]["X 跨年度"] == "0"
        if expected:
            assert all(f["报告"].endswith("2023.md") and "2022.md" in f["相关位置"] for f in x001)
            assert "X001" in (tmp_path / f"{name}.html").read_text("utf-8")


def test_workers_give_the_same_tables(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for year in range(2021, 2041):  # 20 years of one agency: more than the files that start workers
        (folder / f"{year}.md").write_text(report(year), "utf-8")
    (folder / "2030.md").write_text(report(2030, carry_in=(3, 0, 0, 0, 0, 0)), "utf-8")
    out = {}
    for jobs in ("1", "2"):
        proc = audit(folder, "--output", tmp_path / f"j{jobs}.html", "--jobs", jobs)
        assert proc.returncode == 0, proc.stderr
        out[jobs] = [(tmp_path / f"j{jobs}-{kind}.csv").read_bytes() for kind in ("reports", "findings", "figures")]
    assert out["1"] == out["2"]
    assert b"X001" in out["1"][1]


@pytest.mark.parametrize("case", ["missing", "rubric", "over-input", "no-folder"])
def test_what_it_refuses(tmp_path, case):
    target = tmp_path / "a.html"
    if case == "missing":
        proc = audit(tmp_path / "nowhere", "--output", target)
        expected = "nowhere"
    elif case == "rubric":
        (tmp_path / "r.yaml").write_text("start: [\n", "utf-8")
        proc = audit(EXAMPLES / "000_eac3f6eb663f9cec.txt", "--output", target, "--rubric", tmp_path / "r.yaml")
        expected = "r.yaml"
    elif case == "over-input":
        (tmp_path / "r.html").write_text(report(2023), "utf-8")
        proc = audit(tmp_path / "r.html", "--output", tmp_path / "r.html")
        expected = "one of the files"
    else:
        proc = audit(EXAMPLES / "000_eac3f6eb663f9cec.txt", "--output", tmp_path / "no" / "a.html")
        expected = "does not exist"
    assert proc.returncode == 2 and expected in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    if case == "over-input":
        assert (tmp_path / "r.html").read_text("utf-8") == report(2023)


def test_english(tmp_path):
    proc = audit(EXAMPLES / "000_eac3f6eb663f9cec.txt", "--output", tmp_path / "a.html", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert '<html lang="en"' in (tmp_path / "a.html").read_text("utf-8")


def test_the_page_is_named_html(tmp_path):
    proc = audit(EXAMPLES / "000_eac3f6eb663f9cec.txt", "--output", tmp_path / "a.csv")
    assert proc.returncode == 2 and "name it FILE.html" in proc.stderr
    assert list(tmp_path.iterdir()) == []
