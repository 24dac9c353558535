"""Real reports as a browser's copy of their web page gives them: one cell per line, a blank line
after every cell and paragraph, an empty cell an extra blank line (variant A, `*_double_blank`) or
nothing (variant B, `*_double_drop`). tests/fixtures/double_spaced/README.md says how each fixture
was made from tests/fixtures/reports/ (tools/double_space.py).

Each test pins what the linter should find: the findings of the original extraction (code, logical
place and message; lines differ), except where the variant legitimately differs:

- variant B drops a blank cell unseen. A row that lost some of its cells cannot be aligned column by
  column: one P002 (cell count) for the row instead of its N001s. A row that lost all of them is its
  label alone, which says exactly that every cell is blank: its N001s stay. A blank cell's N001 names
  only the relations whose rows are all aligned, so with rows now unaligned it names fewer.
- 003's 表三 has twenty rows whose labels its extraction lost (rows of numbers only). Without a mark
  where a row ends they cannot be told apart reliably in either variant, so the pin there is looser:
  P002 only, at least one, each in 表三 `未对应`, never more than the original's twenty, and nothing
  else about 表三 (no T002 for the rows that are there by position, no C or N finding).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

# a row with fewer cells than columns says its empty cells may have been lost in extraction
DROPPED = "（若原表该行有空白单元格，可能在复制或提取文本时丢失；请在原文中核对）"

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "double_spaced"
ORIGINALS = {
    "000": ROOT / "tests" / "fixtures" / "reports" / "000_eac3f6eb663f9cec.txt",
    "002": ROOT / "tests" / "fixtures" / "reports" / "002_6f4406728cdecfc5.txt",
    "003": ROOT / "tests" / "fixtures" / "reports" / "003_3fb225ce4533ee68.txt",
    "004": ROOT / "tests" / "fixtures" / "reports" / "004_a16ce7be3385554c.txt",
}
RULES = load_rules([])
VARIANTS = ("blank", "drop")


def findings(path: Path) -> Counter:
    """(code, logical place, message) of each finding, counted."""
    return Counter((d.code, d.logical, d.message) for d in lint_bytes(path.name, path.read_bytes(), RULES))


def fixture(source: str, variant: str) -> Path:
    return FIXTURES / f"{source}_double_{variant}.txt"


def show(found: Counter) -> str:
    return "\n".join(f"  {n}x {c} {where} {message}" for (c, where, message), n in sorted(found.items()))


def assert_same(found: Counter, expected: Counter) -> None:
    assert found == expected, f"missing:\n{show(expected - found)}\nunexpected:\n{show(found - expected)}"


def test_the_fixtures_are_made_by_the_tool_from_the_originals():
    """The fixtures are what tools/double_space.py makes of the originals (regenerate, don't edit)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("double_space", ROOT / "tools" / "double_space.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for source, original in ORIGINALS.items():
        for variant in VARIANTS:
            made = tool.double_space(original.read_text("utf-8"), variant)
            assert fixture(source, variant).read_text("utf-8") == made, (source, variant)
    # the layout the linter is to read: a blank line after every cell and paragraph; an empty cell
    # an extra blank line in variant A only
    for source in ORIGINALS:
        blank, drop = (fixture(source, variant).read_text("utf-8") for variant in VARIANTS)
        assert all(line == "" for line in drop.split("\n")[1::2]) and "\n\n\n" not in drop
        assert ("\n\n\n" in blank) == (blank != drop)
        assert not re.search(r"[^\n]\n[^\n]", blank + drop)


# ---------------------------------------------------------------- the same as the original

@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("source", ["000", "004"])
def test_a_report_without_blank_values_gives_what_its_extraction_gives(source, variant):
    """000: nothing; 004: its missing title (S004). Their empty cells are placeholders and padding."""
    expected = findings(ORIGINALS[source])
    assert [code for code, _, _ in expected] == ([] if source == "000" else ["S004"])
    assert_same(findings(fixture(source, variant)), expected)


def test_002_with_its_blank_cells_as_blank_lines_gives_what_its_extraction_gives():
    """A 2019-format report in Traditional script with 166 blank cells: two missing 表二 rows (T002),
    a missing 表二 block (T001), an N001 for each blank cell naming the relations it leaves
    unverified, and no relation error."""
    expected = findings(ORIGINALS["002"])
    assert Counter(code for code, _, _ in expected.elements()) == {"N001": 166, "T002": 2, "T001": 1}
    assert_same(findings(fixture("002", "blank")), expected)


# ---------------------------------------------------------------- variant B: blank cells unseen

T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
ROW_TOTAL_ONLY = "（因此无法核对：本行「总计」的勾稽关系）"
# 002's rows that lost some of their cells in variant B: (logical place, message) of their P002
PARTLY_BLANK_002 = [
    ("表二.一/未对应/规范性文件", "表二第二十条第（一）项「規范性文件」行有 1 个数值单元格，模板要求 3 个，无法逐列对应" + DROPPED),
    ("表二.五/未对应/行政许可", "表二第二十条第（五）项「行政許可」行有 1 个数值单元格，模板要求 3 个，无法逐列对应" + DROPPED),
    ("表二.九/未对应/政府集中采购", "表二第二十条第（九）项「政府集中采購」行有 1 个数值单元格，模板要求 2 个，无法逐列对应" + DROPPED),
    ("表三/未对应/一、本年新收政府信息公开申请数量",
     "表三「一、本年新收政府信息公開申請數量」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
    ("表三/未对应/二、上年结转政府信息公开申请数量",
     "表三「二、上年結轉政府信息公開申請數量」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
    ("表三/未对应/(一)予以公开", "表三「(一)予以公開」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
    ("表三/未对应/(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
     "表三「(二)部分公開(區分處理的,只計這一情形,不計其他情形)」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
    ("表三/未对应/8.属于行政查询事项", "表三「8.屬于行政查詢事項」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
    ("表三/未对应/(七)总计", "表三「(七)總計」行有 2 个数值单元格，模板要求 7 个，无法逐列对应" + DROPPED),
]
PARTLY_BLANK_ROWS_002 = ("表二.一/规范性文件/", "表二.五/行政许可/", "表二.九/政府集中采购/", "表三/一/", "表三/二/",
                         "表三/三.一/", "表三/三.二/", "表三/三.三.8/", "表三/三.七/", "表四/数据/")
WHOLLY_BLANK_ROWS_002 = ("三.三.1", "三.三.2", "三.三.3", "三.三.4", "三.三.5", "三.三.6", "三.三.7",
                         "三.四.1", "三.四.2", "三.四.3", "三.五.1", "三.五.2", "三.五.3", "三.五.4", "三.五.5",
                         "三.六", "四")


def test_002_with_its_blank_cells_dropped_reports_the_rows_it_cannot_align_and_no_false_error():
    original = findings(ORIGINALS["002"])
    expected = Counter()
    for (code, where, message), n in original.items():
        if where.startswith(PARTLY_BLANK_ROWS_002):
            assert code == "N001"
            continue  # the row's cells are no longer where its columns are: P002 below instead
        if code == "N001" and where.startswith("表三/"):
            # a wholly blank row: its cells still known blank; the column relations run through rows
            # that are now unaligned, so only the row's own total is left unverified by them
            assert where.split("/")[1] in WHOLLY_BLANK_ROWS_002, where
            message = re.sub(r"（因此无法核对：.*）$", ROW_TOTAL_ONLY, message)
        expected[(code, where, message)] += n
    expected.update(("P002", where, message) for where, message in PARTLY_BLANK_002)
    assert sum(n for (code, _, _), n in expected.items() if code == "N001") == 7 * len(WHOLLY_BLANK_ROWS_002)

    found = findings(fixture("002", "drop"))
    # 表四's one data row kept 3 of its 15 cells (the totals): a P002 for it, whichever its wording
    table4 = Counter({key: n for key, n in found.items() if key[0] == "P002" and key[1].startswith("表四/未对应/")})
    assert_same(found - table4, expected)
    assert sum(table4.values()) == 1, show(found)


# ---------------------------------------------------------------- 003: rows of numbers whose labels were lost

@pytest.mark.parametrize("variant", VARIANTS)
def test_003_gives_what_its_extraction_gives_with_the_label_less_rows_still_unaligned(variant):
    """S004 (no title) and the blank 表二「行政强制」 (N001: in variant B its row is its label alone)
    as the original; 表三's label-less rows: P002 only."""
    original = findings(ORIGINALS["003"])
    lost = Counter({key: n for key, n in original.items() if key[0] == "P002"})
    assert sum(lost.values()) == 20 and all(where.startswith("表三/未对应/") for _, where, _ in lost)
    rest = original - lost
    assert sorted(code for code, _, _ in rest) == ["N001", "S004"]
    assert ("N001", "表二.六/行政强制/本年处理决定数量",
            "表二第二十条第（六）项「行政强制」为空；没有数据应填 0") in rest

    found = findings(fixture("003", variant))
    p002 = Counter({key: n for key, n in found.items() if key[0] == "P002"})
    assert_same(found - p002, rest)
    assert 1 <= sum(p002.values()) <= 20, show(found)
    assert all(where.startswith("表三/未对应/") for _, where, _ in p002), show(p002)
