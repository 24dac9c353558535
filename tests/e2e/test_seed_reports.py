"""The five real published reports: what issue #2 says each must give, at exact lines."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RULES = load_rules([])


def seed(prefix: str) -> Path:
    return next((FIXTURES / "reports").glob(f"{prefix}_*.txt"))


def lint(path: Path, lang: str = "zh"):
    return lint_bytes(str(path), path.read_bytes(), RULES, lang)


def errors(found):
    return [d for d in found if d.severity == "error"]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_clean_seed_has_no_error(prefix):
    found = lint(seed(prefix))
    assert errors(found) == [], [f"{d.line}:{d.column} {d.code} {d.message}" for d in found]


def test_000_one_cell_per_line_is_fully_aligned():
    report = parse("000", seed("000").read_bytes())
    t3 = report.tables["三"]
    assert len(t3.rows) == 25 and not t3.unaligned
    assert [c.raw for c in t3.rows["三.七"].values] == ["1", "0", "0", "0", "0", "0", "1"]
    assert t3.rows["三.七"].values[0].span.line == 337  # one cell per line: each value on its own line
    assert report.tables["四"].rows["数据"].values[0].span.line == 383


def test_001_tab_rows_with_shifted_labels_and_decimal_fee():
    report = parse("001", seed("001").read_bytes())
    t3 = report.tables["三"]
    assert len(t3.rows) == 25 and not t3.unaligned  # 3. 其他 and (七) 总计 lost their leading cells
    fee = report.tables["二.八"].rows["行政事业性收费"].values[0]
    assert (fee.raw, fee.span.line, fee.span.column) == ("31.632", 34, 9)
    assert report.metadata.year == 2023


def test_004_pipe_rows_with_trailing_web_text():
    report = parse("004", seed("004").read_bytes())
    assert report.metadata.year == 2025  # no title: from the statistics period / text
    assert [c.raw for c in report.tables["四"].rows["数据"].values][:5] == ["3", "1", "0", "7", "11"]
    assert not any(d.code == "F001" for d in lint(seed("004")))  # 未收取政府信息公开申请处理费


def test_002_traditional_2019_template():
    found = lint(seed("002"))
    report = parse("002", seed("002").read_bytes())
    assert report.template.id == "2019" and report.metadata.year == 2020
    by_code = Counter(d.code for d in found)
    t002 = sorted((d.line, d.message) for d in found if d.code == "T002")
    assert [m for _, m in t002] == [
        "表二第二十条第（一）项缺少「规章」行（应位于「规范性文件」之前）",
        "表二第二十条第（五）项缺少「其他对外管理服务事项」行（应位于「行政许可」之后）",
    ]
    assert [line for line, _ in t002] == [20, 35]  # the 規范性文件 and 行政許可 labels
    t001 = [d for d in found if d.code == "T001"]
    assert len(t001) == 1 and "第二十条第（六）项" in t001[0].message and t001[0].line == 41
    assert by_code["N001"] > 100 and all(d.severity == "warning" for d in found if d.code == "N001")
    assert not {"F001", "C001", "C002", "C003", "C004", "T003"} & set(by_code)
    # a blank is reported where it stands: 表三 row 一, 商业企业 is the blank line 86
    assert any(d.code == "N001" and d.line == 86 and "商业企业" in d.message for d in found)


def test_003_lost_labels_are_reported_not_guessed():
    found = lint(seed("003"))
    p002 = [d for d in found if d.code == "P002"]
    assert [d.line for d in p002] == list(range(24, 44))
    assert "（一）予以公开" in p002[0].message and "未核对" in p002[0].message
    n001 = [d for d in found if d.code == "N001"]
    assert [(d.line, d.column) for d in n001] == [(14, 7)] and "行政强制" in n001[0].message
    assert not [d for d in found if d.code.startswith(("C", "T"))]  # nothing invented
    assert {d.code for d in errors(found)} == {"P002"}


def test_english_messages():
    found = lint(seed("003"), lang="en")
    by_code = {d.code: d.message for d in found}
    assert by_code["N001"] == "table 2 (第二十条第（六）项) row '行政强制' is blank; write 0 where there is none"
    assert by_code["S004"].startswith("the report has no title")
    assert "has no row label and cannot be aligned" in by_code["P002"]
    assert all("缺少" not in d.message and "没有数据" not in d.message for d in found)
    zh = {d.code: d.message for d in lint(seed("003"))}
    assert zh["N001"] == "表二第二十条第（六）项「行政强制」为空；没有数据应填 0"


@pytest.mark.parametrize("path", sorted(p for p in (FIXTURES / "realdata").rglob("*") if p.is_file()),
                         ids=lambda p: p.name)
def test_realdata_never_crashes(path):
    found = lint(path)
    assert all(d.line >= 1 and d.column >= 1 for d in found)
