"""Each part's tables follow the template they show: a report on 2023 may keep a 2019 表二 beside a
2021 表三 (align chooses per part; T003 says so once, at the first place the old template shows), a
table cut short still follows the report's own template, and a configured template is used for
every part."""
from __future__ import annotations

import pytest
from texts import edit, example

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules

SIX_2021 = (
    "| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    "| | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    "| | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
SIX_2019 = "| | （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def table2(text: str) -> str:
    return text[text.index("| 第二十条第（一）项"):text.index("三、收到和处理政府信息公开申请情况")]


def line_of(text: str, needle: str) -> int:
    found = [i + 1 for i, line in enumerate(text.split("\n")) if line == needle]
    assert len(found) == 1, (needle, found)
    return found[0]


def templates_of(report) -> dict[str, str]:
    return {table_id: table.template for table_id, table in report.tables.items()}


def lint(rules, text: str, **options):
    return lint_bytes("r.md", text.encode("utf-8"), rules, **options)


def mixed() -> str:
    """The 2023 example with the 2019 example's 表二."""
    text = example("2021")
    return edit(text, table2(text), table2(example("2019")))


# ---------------------------------------------------------------------------------------------
# a 2019 表二 in a report on 2023


def test_a_2019_table2_beside_2021_tables_follows_2019(rules):
    text = mixed()
    report = parse("r.md", text.encode("utf-8"))
    assert report.metadata.year == 2023 and report.template.id == "2021"
    assert templates_of(report) == {"二.一": "2019", "二.五": "2019", "二.六": "2019", "二.八": "2019", "二.九": "2019",
                                    "三": "2021", "四": "2021"}
    tables = report.tables
    assert [c.text for c in tables["二.五"].rows["行政许可"].values] == ["12", "-2", "56"]
    assert [c.text for c in tables["二.九"].rows["政府集中采购"].values] == ["2", "15.75"]
    assert len(tables["三"].rows) == 25 and not tables["三"].unaligned


def test_a_2019_table2_is_one_t003_at_its_first_marker_and_nothing_else(rules):
    text = mixed()
    found = lint(rules, text)
    assert [(d.code, d.severity) for d in found] == [("T003", "error")]  # no P002, C002, T001, T002, T004
    header = "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |"
    assert (found[0].line, found[0].column) == (line_of(text, header), header.index("本年新制作数量") + 1)
    assert "2023年度" in found[0].message


def test_a_2019_table2s_values_are_checked_by_its_own_columns(rules):
    text = edit(mixed(), "| 行政许可 | 12 | -2 | 56 |", "| 行政许可 | 若干 | -2 | 56 |")
    found = lint(rules, text)
    assert [(d.code, d.logical) for d in found] == [("T003", "template"), ("N002", "表二.五/行政许可/上一年项目数量")]


def test_a_2019_report_on_2020_has_no_t003_and_on_2023_one(rules):
    text = example("2019")
    assert "T003" not in [d.code for d in lint(rules, text)]
    assert set(templates_of(parse("r.md", text.encode("utf-8"))).values()) == {"2019"}
    found = [d for d in lint(rules, text, year=2023) if d.code == "T003"]
    assert [(d.line, d.message[:6]) for d in found] == [
        (line_of(text, "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |"), "2023年度")]


# ---------------------------------------------------------------------------------------------
# a 2019 表三 (one （六）其他处理 value row) in a report on 2023


def test_a_2019_table3_in_new_tables_is_one_t005_warning_at_its_single_other_row(rules):
    """Only 表三's （六）其他处理 is old (one row: the new three sub-rows summed, as the real
    hongze-2024.pdf has it): a warning (T005), not the error T003 gives a report in old tables; the
    row's numbers are checked as the (六) total."""
    text = edit(example("2021"), SIX_2021, SIX_2019)
    report = parse("r.md", text.encode("utf-8"))
    assert templates_of(report) == {"二.一": "2021", "二.五": "2021", "二.六": "2021", "二.八": "2021",
                                    "三": "2019", "四": "2021"}
    assert [c.text for c in report.tables["三"].rows["三.六"].values] == ["1", "0", "0", "0", "0", "0", "1"]
    found = lint(rules, text)
    assert [(d.code, d.severity) for d in found] == [("T005", "warning")]
    assert (found[0].line, found[0].column) == (line_of(text, SIX_2019.rstrip("\n")), 5)  # 「（六）其他处理」
    assert "「（六）其他处理」" in found[0].message and "2023年度" in found[0].message
    wrong = edit(text, SIX_2019.rstrip("\n"), SIX_2019.rstrip("\n").replace("| 1 |", "| 2 |", 1))
    assert "C002" in [d.code for d in lint(rules, wrong)]  # its numbers still count in （七）总计


def test_old_headers_and_an_old_other_row_are_one_t003(rules):
    text = edit(mixed(), SIX_2021, SIX_2019)
    assert [d.code for d in lint(rules, text)] == ["T003"]  # one defect (old tables), one finding


def test_a_2021_table3_without_its_other_rows_stays_2021(rules):
    """Fewer missing rows under 2019 is no evidence of 2019: nothing in the table is 2019's own."""
    text = edit(example("2021"), SIX_2021, "")
    text = edit(text, "| 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 1.信访举报投诉类申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    assert parse("r.md", text.encode("utf-8")).tables["三"].template == "2021"
    assert [(d.code, d.logical) for d in lint(rules, text)] == [
        ("T002", "表三/三.六.1"), ("T002", "表三/三.六.2"), ("T002", "表三/三.六.3")]


# ---------------------------------------------------------------------------------------------
# a table cut short


@pytest.mark.parametrize("cut_before,missing", [
    ("| （六）其他处理 |", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
                          "（七）总计", "四、结转下年度继续办理"]),
    ("| | 4.保护第三方合法权益 |", None),
])
def test_a_truncated_2021_table3_still_follows_2021(rules, cut_before, missing):
    text = example("2021")
    text = text[:text.index(cut_before)] + "\n" + text[text.index("四、政府信息公开行政复议、行政诉讼情况"):]
    report = parse("r.md", text.encode("utf-8"))
    assert report.tables["三"].template == "2021"
    found = lint(rules, text)
    assert [(d.code, d.logical) for d in found] == [("T002", "表三/截断")]
    message = found[0].message
    if missing is None:  # cut after 3.危及: 18 rows, the three （六） sub-rows of 2021 among them
        assert "缺少 18 行" in message and "「3.危及“三安全一稳定”」之后" in message
        missing = ["4.保护第三方合法权益", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "3.其他"]
    else:
        assert f"缺少 {len(missing)} 行" in message
    for label in missing:
        assert f"「{label}」" in message
    assert "「（六）其他处理」" not in message  # 2019's single row


# ---------------------------------------------------------------------------------------------
# a configured template


def test_a_configured_template_is_used_for_every_part(rules):
    report = parse("r.md", mixed().encode("utf-8"), template="2021")
    assert set(templates_of(report).values()) == {"2021"}
    assert "二.九" not in report.tables
    found = lint(rules, mixed(), template="2021")
    assert "T003" not in [d.code for d in found]
    assert ("T004", "表二.一/表头") in [(d.code, d.logical) for d in found]  # the 2019 header, judged as 2021's
    report = parse("r.md", example("2021").encode("utf-8"), template="2019")
    assert set(templates_of(report).values()) == {"2019"}
    assert ("T001", "表二.九") in [(d.code, d.logical) for d in lint(rules, example("2021"), template="2019")]
