"""The audit page of a generated corpus: 240 reports (bench/layouts.py in five layouts, four in ten
with a fault planted by bench/accuracy.py) linted as `xxgk-lint audit` does. What the page counts is
counted again here from the models and the findings, never from the page's own code."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from test_audit import Page, read_csv

from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.output.audit import Audit, load_rubric, make_entry
from xxgk_lint.output.audit.strings import AREAS, ITEMS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import audit_page  # noqa: E402

REPORTS = 240
# what a planted fault does to the mandatory items: fixed, or a choice (the table the cell landed in)
EXPECTED = {
    "": {},
    "deleted heading": {"sections": "fail"},
    "deleted fee sentence": {"fee": "fail"},
    "表三 number": {"sums": "fail"},
    "表四 number": {"sums": "fail"},
    "deleted 表二 block": {"tables": "fail"},
    "deleted row": {"tables": "fail"},
    "label-only table": {"sums": "unknown"},
}
EITHER = {"blank cell": ("pass", "unknown"), "text in cell": ("pass", "unknown"),
          "word in count cell": ("pass", "unknown"), "negative": ("pass", "fail"), "decimal count": ("pass", "fail")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rules = load_rules([])
    folder = tmp_path_factory.mktemp("corpus-audit")
    audit = Audit(folder, "audit", load_rubric())
    reports = []
    generated = list(audit_page.generated(REPORTS))
    # a jump worth a look: the figures of one agency's later report six times those of its first
    first: dict[str, tuple] = {}
    for name, _, model, _ in generated:
        first.setdefault(model.agency, (model.year, name))
    jumped = next(name for name, _, model, _ in generated if first[model.agency][0] < model.year)
    for name, data, model, kind in generated:
        path, agency, year, template, cells, diagnostics = audit_page.linted(name, data, rules)
        if name == jumped:
            cells = {key: None if value is None else value * 6 for key, value in cells.items()}
        entry = make_entry(path, agency, year, template, cells, diagnostics)
        reports.append((entry, model, kind, [(d.code, d.severity) for d in entry.diagnostics]))
        audit.add(entry)
    page = Path(audit.finish())
    return reports, folder, Page(page.read_text("utf-8"))


def test_every_report_has_its_row_and_its_line(corpus):
    reports, folder, page = corpus
    rows = read_csv(folder / "audit-reports.csv")[1:]
    assert len(page.rows) == len(rows) == REPORTS
    assert [row["cells"][1] for row in page.rows] == [row[1] for row in rows] == [e.path for e, *_ in reports]
    assert len(read_csv(folder / "audit-figures.csv")) == REPORTS + 1


def test_the_items_follow_the_planted_faults(corpus):
    reports, _, page = corpus
    kinds = Counter(kind for _, _, kind, _ in reports)
    assert kinds[""] > 100 and len(kinds) >= 12
    for entry, _, kind, _ in reports:
        if kind in EITHER:
            assert entry.items["sums"] in EITHER[kind], (kind, entry.path)
            assert {k: v for k, v in entry.items.items() if k != "sums"} == dict.fromkeys(("sections", "tables", "fee"),
                                                                                      "pass")
        else:
            assert entry.items == {**dict.fromkeys(ITEMS, "pass"), **EXPECTED.get(kind, {})}, (kind, entry.path)
    counted = Counter((item, entry.items[item]) for entry, *_ in reports for item in ITEMS)
    bars = page.charts["items"]
    assert [float(v) for _, v in bars] == [counted[(item, s)] for item in ITEMS
                                           for s in ("pass", "fail", "unknown", "na") if counted[(item, s)]]


def test_the_charts_count_the_corpus(corpus):
    reports, folder, page = corpus
    by_year = Counter((model.year, entry.template) for entry, model, _, _ in reports)  # the template read
    assert [float(v) for _, v in page.charts["years"]] == [by_year[(y, t)] for y in sorted({y for y, _ in by_year})
                                                           for t in ("2021", "2019", "") if by_year[(y, t)]]
    codes = Counter(code for *_, found in reports for code, _ in found)
    assert [float(v) for _, v in page.charts["codes"]] == [codes[c] for c in sorted(codes)]
    areas = Counter()
    for code, n in codes.items():
        areas[code[0]] += n
    assert [float(v) for _, v in page.charts["areas"]] == [areas[a] for a in AREAS]
    with_errors = Counter(model.year for _, model, _, found in reports if any(s == "error" for _, s in found))
    years = Counter(model.year for _, model, _, _ in reports)
    assert [float(v) for _, v in page.charts["errors"]] == [round(with_errors[y] * 100 / years[y], 1)
                                                            for y in sorted(years)]
    rows = read_csv(folder / "audit-reports.csv")[1:]
    assert sum(int(r[6]) for r in rows) == sum(1 for *_, found in reports for _, s in found if s == "error")
    assert sum(float(v) for _, v in page.charts["scores"]) == REPORTS


def test_agencies_over_the_years_and_their_jumps(corpus):
    reports, _, page = corpus
    years: dict[str, dict[int, object]] = {}
    for entry, model, _, _ in reports:
        assert (entry.agency, entry.year) == (model.agency, model.year)
        years.setdefault(model.agency, {}).setdefault(model.year, entry)
    several = sorted(name for name, by_year in years.items() if len(by_year) >= 2)
    assert len(several) > 20
    assert [row[0] for row in page.agencies] == several
    assert [row[1] for row in page.agencies] == [" ".join(str(y) for y in sorted(years[n])) for n in several]
    jumps = 0
    for name in several:
        chosen = [years[name][y] for y in sorted(years[name])]
        for before, after in zip(chosen, chosen[1:]):
            for figure in ("new", "review", "litigation", "corrected"):
                a, b = before.figures[figure], after.figures[figure]
                jumps += a is not None and b is not None and a >= 10 and b >= 10 and (b >= 5 * a or a >= 5 * b)
    assert len(page.jumps) == jumps > 0
