"""The audit page (output/audit) on real reports: the mandatory items, the rubric, the CSV files
against the page, escaping, the per-code limit, year-over-year notes, English, atomic writing.

The helpers here (`lint_entry`, `Page`, `read_csv`) are shared with test_audit_corpus.py and
tests/e2e/test_audit_browser.py."""
from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from texts import edit

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.output.audit import Audit, Entry, RubricError, default_rubric_path, load_rubric, make_entry
from xxgk_lint.output.audit.corpus import Shown
from xxgk_lint.output.audit.entry import judge_items
from xxgk_lint.output.audit.strings import AREAS, FIGURES, ITEMS, words
from xxgk_lint.output.diagnostic import Diagnostic
from xxgk_lint.pipeline.figures import figures

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
REPORTS = REPO / "tests" / "fixtures" / "reports"
TITLE = "衡阳市人力资源和社会保障局2025年政府信息公开工作年度报告\n"
AGENCY = "衡阳市人力资源和社会保障局"
# examples/004 (pipe rows) with a title line: a clean 2021 report whose agency is known
CLEAN = TITLE + (EXAMPLES / "004_a16ce7be3385554c.txt").read_text("utf-8")
ROW_ONE = "一、本年新收政府信息公开申请数量 | 24 | 0 | 0 | 0 | 0 | 0 | 24 |"
REVIEW = "3 | 1 | 0 | 7 | 11 |"
REPEAT = "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
FEE = "2025年,我局未收取政府信息公开申请处理费。\n"
PART_5 = "五、存在的主要问题及改进情况\n"
# planted faults: (old, new) in CLEAN, and what the items become
FAULTS = {
    "C001": ((ROW_ONE, ROW_ONE[:-4] + "25 |"), {"sums": "fail"}),
    "C004": ((REVIEW, "3 | 1 | 0 | 7 | 12 |"), {"sums": "fail"}),
    "N001": ((REPEAT, REPEAT.replace("重复申请 | 0 |", "重复申请 |  |")), {"sums": "unknown"}),
    "S001": ((PART_5, ""), {"sections": "fail"}),
    "F001": ((FEE, ""), {"fee": "fail"}),
    "T002": ((REPEAT, ""), {"tables": "fail", "sums": "unknown"}),
}
PASSED = dict.fromkeys(ITEMS, "pass")


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def lint_entry(name: str, data: bytes, rules, year_shift: int = 0) -> Entry:
    """An entry as `xxgk-lint audit` makes it: the findings, and the cells of 表三 and 表四 with the
    agency, year and template from the same records (the report's metadata when it has no table)."""
    report = parse(name, data)
    diagnostics = lint_bytes(name, data, rules)
    records = figures(report) if hasattr(report, "tables") else []
    cells = {(r["table"], r["row"], r["column"]): r["number"] for r in records if r["table"] in ("三", "四")}
    if records:
        agency, year, template = records[0]["agency"], records[0]["year"], records[0]["template"]
    elif hasattr(report, "metadata"):
        agency, year, template = "", report.metadata.year, report.template.id
    else:
        agency, year, template = "", None, ""
    return make_entry(name, agency, year + year_shift if year else year, template, cells, diagnostics)


def text_entry(rules, text: str = CLEAN, name: str = "r.txt") -> Entry:
    return lint_entry(name, text.encode("utf-8"), rules)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


class Page(HTMLParser):
    """What a person sees on the page: the scorecard's rows (cell texts, and whether the script hid
    them), the charts' bars, the jump notes, the per-code lines, the findings listed."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []  # scorecard: {"id", "hidden", "cells": [text]}
        self.agencies: list[list[str]] = []
        self.charts: dict[str, list[tuple[str, str]]] = {}  # chart → [(class, data-v)]
        self.jumps: list[str] = []
        self.more: dict[str, str] = {}  # code → the line saying how many more are in the CSV
        self.findings: list[str] = []  # the codes of the findings listed, in order
        self.text: list[str] = []
        self._table = self._chart = None
        self._cell: list[str] | None = None
        self._capture: list[str] | None = None
        self._capture_tag = ""
        self._depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._table = a.get("id")
        elif tag == "tbody":
            self._body = True
        elif tag == "tr" and self._body and self._table == "score":
            self._end_cell()
            self.rows.append({"id": a.get("id"), "hidden": "hidden" in a, "cells": []})
        elif tag == "tr" and self._body and self._table == "agency":
            self._end_cell()
            self.agencies.append([])
        elif tag == "td" and self._body and self._table in ("score", "agency"):
            self._end_cell()
            self._cell = []
        elif tag == "svg" and "data-chart" in a:
            self._chart = a["data-chart"]
            self.charts[self._chart] = []
        elif tag == "rect" and self._chart and "bar" in a.get("class", ""):
            self.charts[self._chart].append((a["class"].split()[1], a["data-v"]))
        elif tag == "span" and a.get("class") == "code" and self._capture is None:
            self._capture, self._capture_tag = [], "code"
        elif tag in ("li", "p") and self._capture is None and (a.get("class") == "more" or self._in_jumps):
            self._capture, self._capture_tag = [], ("more:" + a.get("data-code", "")) if tag == "p" else "jump"
        if tag == "ul" and a.get("id") == "jump-list":
            self._in_jumps = True

    _in_jumps = _body = False

    def _end_cell(self):
        if self._cell is not None:
            text = "".join(self._cell).strip()
            if self._table == "score":
                self.rows[-1]["cells"].append(text)
            else:
                self.agencies[-1].append(text)
            self._cell = None

    def handle_endtag(self, tag):
        if tag in ("tbody", "table"):
            self._end_cell()
            self._body = False
            if tag == "table":
                self._table = None
        elif tag == "svg":
            self._chart = None
        elif tag == "ul" and self._in_jumps:
            self._in_jumps = False
        if self._capture is not None and (tag == "span" and self._capture_tag == "code"
                                          or tag == "p" and self._capture_tag.startswith("more:")
                                          or tag == "li" and self._capture_tag == "jump"):
            text = "".join(self._capture)
            if self._capture_tag == "code":
                self.findings.append(text)
            elif self._capture_tag == "jump":
                self.jumps.append(text)
            else:
                self.more[self._capture_tag[5:]] = text
            self._capture = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._capture is not None:
            self._capture.append(data)
        self.text.append(data)

    def bars(self, chart: str) -> dict[str, float]:
        return {cls: float(v) for cls, v in self.charts[chart]}


def make_audit(tmp_path, entries, lang="zh", limit=200, rubric=None, across=()) -> tuple[Path, Page]:
    audit = Audit(tmp_path, "audit", rubric or load_rubric(), lang=lang, per_code_limit=limit)
    for entry in entries:
        audit.add(entry)
    audit.add_findings(list(across))
    page = Path(audit.finish())
    return page, Page(page.read_text("utf-8"))


# ---------------------------------------------------------------- the mandatory items


def test_a_clean_report_passes_every_item_and_scores_full(rules, tmp_path):
    entry = text_entry(rules)
    assert (entry.agency, entry.year, entry.template) == (AGENCY, 2025, "2021")
    assert entry.items == PASSED and entry.counts == {}
    # the key figures: 表三 一 总计 24, 三.一 2 of 三.七 24, 复议 11, 诉讼 0 + 1, 纠正 1 + 0 + 0
    assert entry.figures == {"new": 24, "granted": 2, "handled": 24, "share": 8.3, "review": 11, "litigation": 1,
                             "corrected": 1}
    _, page = make_audit(tmp_path, [entry])
    assert page.rows[0]["cells"][5] == "100"


@pytest.mark.parametrize("code", sorted(FAULTS))
def test_a_planted_fault_fails_its_item(rules, code):
    (old, new), items = FAULTS[code]
    entry = text_entry(rules, edit(CLEAN, old, new))
    assert code in {c for c, _ in entry.counts}
    assert entry.items == {**PASSED, **items}


def test_the_seed_reports(rules):
    """examples/002 (2019 format, 2020): 表二 blocks and rows missing, 表四 blank, no fee statement due;
    003: 表三 rows without labels (P002), so neither the tables nor their sums can be judged."""
    items = {p.name[:3]: lint_entry(p.name, p.read_bytes(), rules).items for p in sorted(REPORTS.glob("*.txt"))}
    assert items["000"] == items["001"] == items["004"] == PASSED
    assert items["002"] == {"sections": "pass", "tables": "fail", "sums": "unknown", "fee": "na"}
    assert items["003"] == {"sections": "pass", "tables": "unknown", "sums": "unknown", "fee": "pass"}


def test_a_mixed_report_is_held_to_the_template_each_table_follows(rules):
    """hongze-2024.pdf: a 2021 report whose 表三 keeps the 2019 （六） row: its sums are judged."""
    entry = lint_entry("hongze-2024.pdf", (EXAMPLES / "hongze-2024.pdf").read_bytes(), rules)
    assert entry.template == "2021" and entry.items == PASSED
    assert entry.figures["new"] == 95


def test_unreadable_and_foreign_files_cannot_be_assessed(rules):
    unreadable = lint_entry("x.pdf", b"%PDF-1.4 not really", rules)
    foreign = lint_entry("x.txt", "会议通知：请各单位于周五前报送材料。".encode(), rules)
    assert set(unreadable.counts) == {("P001", "error")} and set(foreign.counts) == {("P005", "warning")}
    for entry in (unreadable, foreign):
        assert entry.items == dict.fromkeys(ITEMS, "unknown")
        assert load_rubric().score(entry.counts, entry.items) == 0


def test_a_partial_read_leaves_absence_items_unassessed():
    """P007: the rules that report something missing did not run; the sums still can be judged."""
    partial = [Diagnostic("r.pdf", 1, 1, 1, 1, "P007", "partial-input", "warning", "只读取了一部分")]
    cells = {key: 1 for key in _value_cells()}
    assert judge_items("2021", 2024, cells, partial) == {"sections": "unknown", "tables": "unknown",
                                                         "sums": "pass", "fee": "unknown"}
    assert judge_items("2021", 2024, {}, partial)["sums"] == "unknown"  # cells absent: not read
    assert judge_items("2019", None, cells, [])["fee"] == "na"  # no year: the template's
    assert judge_items("2019", 2023, cells, [])["fee"] == "pass"  # an outdated template in 2023: due
    assert judge_items("", None, {}, [])["fee"] == "unknown"


def _value_cells():
    from xxgk_lint.output.audit.entry import value_cells
    return value_cells("2021", "三") + value_cells("2021", "四")


# ---------------------------------------------------------------- the rubric


def test_the_bundled_rubric_scores_planted_faults(rules):
    """start 100; C: 5 an error; S 10; F 8; T 8; N warning 0.5; items failed 10–20, unknown 5."""
    expected = {"C001": 100 - 5 - 5 - 10, "C004": 100 - 5 - 10, "N001": 100 - 0.5 - 5, "S001": 100 - 10 - 20,
                "F001": 100 - 8 - 10, "T002": 100 - 8 - 15 - 5}
    rubric = load_rubric()
    for code, ((old, new), _) in FAULTS.items():
        entry = text_entry(rules, edit(CLEAN, old, new))
        assert rubric.score(entry.counts, entry.items) == expected[code], code


def test_a_codes_weight_beats_its_areas_and_a_cap_holds(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text("start: 50\nfloor: 10\ndefault: {error: 3, warning: 1}\nareas:\n  N: {warning: 2, cap: 5}\n"
                    "codes:\n  N002: 0.5\n  C001: {error: 7, cap: 7}\nitems:\n  sums: 11\n  fee: {unknown: 4}\n", "utf-8")
    rubric = load_rubric(path)
    assert rubric.points("N001", "warning") == 2 and rubric.points("N002", "error") == 0.5
    assert rubric.points("T001", "error") == 3 and rubric.points("T001", "info") == 0
    assert rubric.cap("N001") == rubric.cap("N002") == 5 and rubric.cap("T001") is None
    items = {**PASSED, "sums": "fail", "fee": "unknown"}
    # N001: 4 × 2 = 8, capped at 5; C001: 2 × 7 capped at 7; T001 3; items 11 + 4
    assert rubric.score({("N001", "warning"): 4, ("C001", "error"): 2, ("T001", "error"): 1}, items) == 50 - 5 - 7 - 3 - 15
    assert rubric.score({("T001", "error"): 30}, PASSED) == 10  # the floor


@pytest.mark.parametrize(("text", "line", "words"), [
    ("start: 100\nareas:\n  S: {error: -1}\n", 3, "areas.S.error: -1 is less than the minimum of 0"),
    ("start: 100\nareas:\n  SS: 1\n", 2, "'SS' does not match"),
    ("start: 100\ncodes:\n  N001: {warning: 1, cost: 2}\n", 3, "Additional properties are not allowed ('cost'"),
    ("start: 100\nitems:\n  title: 5\n", 2, "'title' was unexpected"),
    ("start: 100\nstrat: 1\n", None, "'strat' was unexpected"),
    ("areas: {}\n", None, "'start' is a required property"),
    ("start: 100\nfloor: 200\n", 2, "floor: 200 is above start"),
    ("start: 100\nareas: [S\n", 3, "not valid YAML"),
    ("start: 100\ndefault: &w {error: 1}\nareas:\n  S: *w\n", 4, "anchors and aliases"),
    ("", None, "is empty"),
])
def test_a_bad_rubric_names_the_file_the_line_and_the_problem(tmp_path, text, line, words):
    path = tmp_path / "my rubric.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert info.value.path == str(path) and info.value.line == line
    assert words in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_a_missing_rubric_is_a_rubric_error(tmp_path):
    with pytest.raises(RubricError, match="cannot be read"):
        load_rubric(tmp_path / "none.yaml")


def test_the_rubric_schema_is_a_json_schema_and_the_bundled_rubric_follows_it():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads((REPO / "schemas" / "rubric.schema.json").read_text("utf-8")))
    rubric = load_rubric()
    assert rubric.path == default_rubric_path() and rubric.start == 100 and rubric.jump_factor == 5
    assert set(rubric.items) == set(ITEMS)
    assert set(rubric.areas) == set(AREAS)


# ---------------------------------------------------------------- the files and the page


@pytest.fixture(scope="module")
def corpus(rules):
    """The seed reports, the PDF example and planted faults on a clean report."""
    entries = [lint_entry(p.name, p.read_bytes(), rules) for p in sorted(REPORTS.glob("*.txt"))]
    entries.append(lint_entry("hongze-2024.pdf", (EXAMPLES / "hongze-2024.pdf").read_bytes(), rules))
    for code, ((old, new), _) in sorted(FAULTS.items()):
        entries.append(text_entry(rules, edit(CLEAN, old, new), f"planted-{code}.txt"))
    return entries


def test_the_csv_files_say_what_the_page_shows(corpus, tmp_path):
    html, page = make_audit(tmp_path, corpus)
    w = words("zh")
    reports = read_csv(tmp_path / "audit-reports.csv")
    marks = {w["status." + s]: w["mark." + s] for s in ("pass", "fail", "unknown", "na")}
    assert len(reports) - 1 == len(page.rows) == len(corpus)
    for row, shown in zip(reports[1:], page.rows):
        expected = [marks.get(value, value) for value in row]
        expected[3] = expected[3] or w["unknown"]  # a report without a year or template shows a dash
        expected[4] = expected[4] or w["unknown"]
        assert shown["cells"] == expected
    findings = read_csv(tmp_path / "audit-findings.csv")[1:]
    assert len(findings) == sum(sum(e.counts.values()) for e in corpus)
    by_code = {}
    for row in findings:
        by_code[row[3]] = by_code.get(row[3], 0) + 1
    assert [float(v) for _, v in page.charts["codes"]] == [by_code[code] for code in sorted(by_code)]
    area_totals = {a: sum(int(r[9 + i]) for r in reports[1:]) for i, a in enumerate(AREAS)}
    assert {cls[2:]: v for cls, v in page.bars("areas").items()} == area_totals
    assert sum(area_totals.values()) == len(findings)
    figures_csv = read_csv(tmp_path / "audit-figures.csv")
    assert figures_csv[0][5:] == [w["fig." + f] for f in FIGURES]
    hongze = next(r for r in figures_csv if r[1] == "hongze-2024.pdf")
    assert hongze[2:] == ["淮安市洪泽区人民政府", "2024", "2021", "95", "50", "95", "52.6", "2", "4", "1"]
    # the by-year chart: one bar per year and template, adding up to every report
    assert sum(float(v) for _, v in page.charts["years"]) == len(corpus)
    items = {cls: v for cls, v in page.charts["items"]}
    assert sum(float(v) for _, v in page.charts["items"]) == len(corpus) * len(ITEMS) and "st-fail" in items


def test_findings_are_placed_and_quoted_and_linked_from_the_scorecard(corpus, tmp_path):
    html, page = make_audit(tmp_path, corpus)
    text = html.read_text("utf-8")
    index = next(i for i, e in enumerate(corpus, 1) if e.path == "hongze-2024.pdf")
    assert f'<a href="#f{index}">' in text and f'id="f{index}"' in text and f'href="#r{index}"' in text
    # a PDF's finding: its position, its place in words (page and line), the quoted text
    assert "hongze-2024.pdf:7:121</span> <span class=\"place\">第 1 页第 24 行</span>" in text
    assert '<code class="q">17</code>' in text
    findings = read_csv(tmp_path / "audit-findings.csv")
    c005 = next(r for r in findings if r[3] == "C005")
    assert c005[:3] == ["hongze-2024.pdf", "7", "121"] and c005[8] == "17" and c005[9] == "第 1 页第 24 行「17」"
    assert "表三「一、本年新收政府信息公开申请数量」行「总计」列 = 95" in c005[10]


def test_the_page_lists_at_most_the_limit_per_code_and_says_how_many_more(corpus, tmp_path):
    _, page = make_audit(tmp_path, corpus, limit=3)
    n001 = sum(1 for row in read_csv(tmp_path / "audit-findings.csv")[1:] if row[3] == "N001")
    assert n001 > 100
    assert page.findings.count("N001") == 3
    assert page.more["N001"] == f"N001：另有 {n001 - 3} 条未在本页列出，见 audit-findings.csv。"
    assert "C005" not in page.more  # one C005: all of it listed


def test_reports_and_quotes_are_escaped(rules, tmp_path):
    hostile = '</script><script>alert(1)</script><img src=x onerror="alert(2)">&amp;'
    path = 'a "b" <c>.txt'
    d = Diagnostic(path, 1, 1, 1, 1, "S004", "missing-title", "warning", hostile, source=hostile,
                   related=[{"path": hostile, "line": 2, "column": 3, "message": hostile}])
    entry = make_entry(path, "<u>局</u>" + hostile, 2025, "2021", {}, [d])
    html, page = make_audit(tmp_path, [entry])
    text = html.read_text("utf-8")
    assert text.count("<script") == 1 and text.count("</script>") == 1
    assert "<img" not in text and "<u>" not in text and "onerror=\"" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text and "&amp;amp;" in text
    assert page.rows[0]["cells"][1] == 'a "b" <c>.txt' and page.rows[0]["cells"][2] == "<u>局</u>" + hostile
    row = read_csv(tmp_path / "audit-findings.csv")[1]
    assert row[7] == hostile and row[8] == hostile


def test_spreadsheet_formulas_are_not_written_as_formulas(rules, tmp_path):
    d = Diagnostic("=cmd|' /C calc'!A0.txt", 1, 1, 1, 1, "S004", "missing-title", "warning", "+SUM(A1)", source="@x")
    _, _ = make_audit(tmp_path, [make_entry(d.path, "-局", 2024, "2021", {}, [d])])
    row = read_csv(tmp_path / "audit-findings.csv")[1]
    assert row[0].startswith("'=") and row[7] == "'+SUM(A1)" and row[8] == "'@x"
    assert read_csv(tmp_path / "audit-reports.csv")[1][2] == "'-局"


def _with_figures(entry: Entry, path: str, year: int, **figures) -> Entry:
    return Entry(path, entry.agency, year, entry.template, entry.items, {**entry.figures, **figures},
                 dict(entry.counts), [])


def test_a_fivefold_jump_is_a_note_above_the_floor_only(rules, tmp_path):
    base = text_entry(rules)
    entries = [_with_figures(base, "a-2022.txt", 2022, new=12, review=1, corrected=0),
               _with_figures(base, "a-2023.txt", 2023, new=60, review=6, corrected=9),  # ×5; 1 → 6 under the floor
               _with_figures(base, "a-2024.txt", 2024, new=11, review=6, corrected=10)]  # ÷5.5
    html, page = make_audit(tmp_path, entries)
    assert page.jumps == [f"{AGENCY}：新收申请 由 12（2022）变为 60（2023），为原来的 5 倍",
                          f"{AGENCY}：新收申请 由 60（2023）变为 11（2024），为原来的 1/5.5"]
    assert "两年均不少于 10" in html.read_text("utf-8")
    assert page.agencies[0][:2] == [AGENCY, "2022 2023 2024"]
    assert page.agencies[0][2] == "12 · 60 · 11"
    assert scores_sum(page) == 300  # notes cost nothing


def scores_sum(page: Page) -> float:
    return sum(float(row["cells"][5]) for row in page.rows)


def test_findings_across_years_count_for_their_report_and_agency(rules, tmp_path):
    base = text_entry(rules)
    entries = [_with_figures(base, "a-2023.txt", 2023), _with_figures(base, "a-2024.txt", 2024)]
    x = Diagnostic("a-2024.txt", 29, 1, 29, 2, "X001", "carry-over-mismatch", "error", "上年结转与上年报告不一致",
                   related=[{"path": "a-2023.txt", "line": 52, "column": 3, "message": "上年「结转下年度」= 0"}])
    stray = Diagnostic("elsewhere.txt", 1, 1, 1, 1, "X002", "year-gap", "warning", "缺少年度")
    html, page = make_audit(tmp_path, entries, across=[x, stray])
    row = page.rows[1]["cells"]
    assert row[5] == "96" and row[6] == "1" and row[9 + AREAS.index("X")] == "1"  # X error: 4 points
    assert page.agencies[0][-1] == "X001 ×1"
    text = html.read_text("utf-8")
    assert '<a href="#f2">X001 ×1</a>' in text  # the agency's finding across years, linked
    assert '<a href="#r1">a-2023.txt:52:3</a>' in text  # the related report, linked
    assert "elsewhere.txt" in text and "不在评分表中的报告" in text
    assert len(read_csv(tmp_path / "audit-findings.csv")) == 3


def test_the_english_page(corpus, tmp_path):
    html, page = make_audit(tmp_path, corpus, lang="en", limit=3)
    text = html.read_text("utf-8")
    assert '<html lang="en">' in text
    for label in ("Scorecard", "Agencies over the years", "Findings by area", "Mandatory items"):
        assert label in text
    for label in ("评分表", "总览", "必备事项", "问题清单"):
        assert label not in text
    assert page.more["N001"].endswith("more not listed here, see audit-findings.csv.")
    assert read_csv(tmp_path / "audit-reports.csv")[0][:6] == ["no.", "report", "agency", "year", "template", "score"]
    assert {row["cells"][-1] for row in page.rows} <= {"✓", "✗", "?", "–"}


def test_the_page_is_self_contained(corpus, tmp_path):
    html, _ = make_audit(tmp_path, corpus)
    text = html.read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    assert '"Noto Sans CJK SC"' in text and "sans-serif" in text


def test_nothing_is_kept_of_the_findings_but_the_listed_text(corpus, tmp_path):
    audit = Audit(tmp_path, "audit", load_rubric(), per_code_limit=2)
    for entry in corpus:
        audit.add(entry)
    assert all(isinstance(f, Shown) for f in audit.shown)
    assert len(audit.shown) == sum(min(2, n) for n in audit.code_counts.values())
    assert not any(hasattr(s, "diagnostics") for s in audit.summaries)
    audit.finish()


def test_nothing_half_written_stays(corpus, tmp_path):
    audit = Audit(tmp_path / "out", "audit", load_rubric())
    audit.add(corpus[0])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "audit-figures.csv.tmp", "audit-findings.csv.tmp", "audit-reports.csv.tmp"]
    audit.abort()
    assert list((tmp_path / "out").iterdir()) == []
    with pytest.raises(RuntimeError), Audit(tmp_path / "out", "audit", load_rubric()) as audit:
        audit.add(corpus[0])
        raise RuntimeError("the run failed")
    assert list((tmp_path / "out").iterdir()) == []
    broken = Audit(tmp_path / "out", "audit", load_rubric())
    broken.add(corpus[0])
    broken.summaries[0].items = {"sections": "?"}  # the page cannot be made
    with pytest.raises(KeyError):
        broken.finish()
    assert list((tmp_path / "out").iterdir()) == []


def test_an_empty_corpus_still_makes_a_page(tmp_path):
    html, page = make_audit(tmp_path, [], limit=0)
    assert page.rows == [] and "没有问题。" in html.read_text("utf-8")
    assert [float(v) for _, v in page.charts["areas"]] == [0] * len(AREAS)
    assert [len(read_csv(tmp_path / f"audit-{kind}.csv")) for kind in ("reports", "findings", "figures")] == [1, 1, 1]


def test_an_aborted_audit_cannot_finish(tmp_path):
    audit = Audit(tmp_path, "audit", load_rubric())
    audit.abort()
    with pytest.raises(RuntimeError, match="aborted"):
        audit.finish()
    assert list(tmp_path.iterdir()) == []
