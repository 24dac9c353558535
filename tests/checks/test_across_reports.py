"""The rules across reports (X001–X004) on sets of real report texts: the bundled examples moved to
other years and agencies (tests/series.py), linted one by one as the engine does, then compared as a
run compares them (`run/corpus.report_set` with the configuration's aliases, overrides, hierarchy,
and a history of published reports)."""
from __future__ import annotations

from pathlib import Path

import pytest
from series import AGENCY, at, report, scaled

from xxgk_lint.checks.across import run_across, wanted_cells
from xxgk_lint.checks.engine import lint_with_facts
from xxgk_lint.checks.examples import lint_example
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.pipeline.facts import Facts
from xxgk_lint.run import corpus
from xxgk_lint.run.config import Hierarchy, Override, Settings

REPO = Path(__file__).resolve().parents[2]
RULES = load_rules([])
WANTED = wanted_cells(RULES)
CARRY_IN = "| 二、上年结转政府信息公开申请数量"
CARRY_OUT = "| 四、结转下年度继续办理"
CITY = "示例市人力资源和社会保障局"
COUNTY = "示例县人力资源和社会保障局"
DISTRICT = "示例区人力资源和社会保障局"


def facts(name: str, text: str) -> Facts:
    found = lint_with_facts(name, text.encode("utf-8"), RULES, wanted=WANTED)[1]
    assert found is not None, f"{name} is no annual report"
    return found


def across(files: dict[str, str], settings: Settings | None = None, history: dict[str, str] | None = None,
           lang: str = "zh", codes: tuple = ("X",)) -> list:
    """The findings across `files` (a run's reports) and `history` (read only to compare with)."""
    linted = [facts(name, text) for name, text in files.items()]
    past = [facts(name, text) for name, text in (history or {}).items()]
    found = run_across(RULES, corpus.report_set(linted, past, settings or Settings()), lang)
    return [d for d in found if d.code.startswith(codes)]


def where(found) -> list[tuple]:
    return [(d.code, d.path, d.line, d.column) for d in found]


# --- X001 carry-over ------------------------------------------------------------------------------

def test_a_series_that_follows_from_year_to_year_has_no_finding():
    assert across({f"{y}.md": report(y) for y in (2021, 2022, 2023)}) == []
    assert across({f"{y}.md": report(y, "2019") for y in (2019, 2020)}) == []


def test_a_broken_carry_over_is_found_at_this_years_cell_in_each_column_that_differs():
    earlier, later = report(2022), report(2023, carry_in=(1, 1, 0, 0, 0, 0))
    found = across({"2022.md": earlier, "2023.md": later})
    # 自然人 carries 1 in both years; 商业企业 and 总计 do not
    assert where(found) == [("X001", "2023.md", *at(later, CARRY_IN, 1)), ("X001", "2023.md", *at(later, CARRY_IN, 6))]
    business, total = found
    assert business.severity == "error" and business.logical == "三/二/商业企业"
    assert business.message == ("表三「商业企业」列：本报告（2023年度）的二、上年结转为 1，2022年度报告（2022.md）的"
                                "四、结转下年度继续办理为 0，两者应相等（相差 1）")
    line, column = at(earlier, CARRY_OUT, 1)
    assert business.related == [{"line": line, "column": column, "path": "2022.md",
                                 "message": "2022年度报告（2022.md）四、结转下年度继续办理：0"}]
    assert (total.related[0]["path"], total.related[0]["line"], total.related[0]["column"]) == \
        ("2022.md", *at(earlier, CARRY_OUT, 6))
    assert "二、上年结转为 2" in total.message and "相差 1" in total.message


def test_the_message_in_english():
    found = across({"2022.md": report(2022, carry_out=(3, 0, 0, 0, 0, 0)), "2023.md": report(2023)}, lang="en")
    assert [d.message for d in found][0] == ("table 3, column '自然人': this 2023 report carries over 1 applications, "
                                            "but the 2022 report (2022.md) carried 3 forward; they must be equal (off by 2)")


def test_only_the_year_before_is_compared():
    # 2021 carried 5 forward, 2023 carries 1 in: 2022 is missing, so nothing is compared
    files = {"2021.md": report(2021, carry_out=(5, 0, 0, 0, 0, 0)), "2023.md": report(2023)}
    assert across(files) == []
    # the later report is never compared with the earlier one the other way round
    assert where(across({**files, "2022.md": report(2022, carry_in=(5, 0, 0, 0, 0, 0), carry_out=(2, 0, 0, 0, 0, 0))})) \
        == [("X001", "2023.md", *at(report(2023), CARRY_IN, 0)), ("X001", "2023.md", *at(report(2023), CARRY_IN, 6))]


def test_another_agencys_report_of_the_year_before_is_not_compared():
    files = {"2022.md": report(2022, agency="示例县民政局", carry_out=(2, 0, 0, 0, 0, 0)), "2023.md": report(2023)}
    assert across(files) == []


def test_a_blank_cell_leaves_its_column_unchecked():
    earlier = report(2022, carry_out=(2, 0, 0, 0, 0, 0))
    blank = earlier.replace(f"{CARRY_OUT} | | 2 |", f"{CARRY_OUT} | |  |")
    assert blank != earlier
    assert [d.message.split("：")[0] for d in across({"2022.md": blank, "2023.md": report(2023)})] == ["表三「总计」列"]


def test_a_report_that_does_not_state_its_year_is_in_no_series():
    """No year in the title, no 统计期限: the body's 2022年 is a guess and places it in no series,
    even with the agency configured."""
    earlier = report(2022, title_year=False, period=False, carry_out=(2, 0, 0, 0, 0, 0))
    read = facts("2022.md", earlier)
    assert (read.agency, read.year, read.year_stated) == (AGENCY, 2022, False)  # the title names the agency
    named = Settings(overrides=[Override("2022.md", agency=AGENCY)])
    assert across({"2022.md": earlier, "2023.md": report(2023)}, named) == []
    # its 统计期限 is its own word for its year; and a year configured for it places it too
    stated = report(2022, title_year=False, carry_out=(2, 0, 0, 0, 0, 0))
    assert len(across({"2022.md": stated, "2023.md": report(2023)}, named)) == 2
    dated = Settings(overrides=[Override("2022.md", agency=AGENCY, year=2022)])
    assert len(across({"2022.md": earlier, "2023.md": report(2023)}, dated)) == 2
    # nor does it when the text names the report itself: 《…2022年政府信息公开工作年度报告》
    cited = report(2022, title_year=False, period=False, carry_out=(2, 0, 0, 0, 0, 0), edits=[(
        "本报告根据《中华人民共和国政府信息公开条例》编制。",
        f"本报告是根据《中华人民共和国政府信息公开条例》编制的《{AGENCY}2022年政府信息公开工作年度报告》。")])
    assert facts("2022.md", cited).year_stated
    assert len(across({"2022.md": cited, "2023.md": report(2023)}, named)) == 2


# --- who is who: aliases and overrides --------------------------------------------------------------

@pytest.mark.parametrize("old,new", [
    ("示例县人力资源和社会保障局", "示例县人力资源社会保障局"),  # renamed
    ("示例县人力资源和社会保障局", "江苏省示例县人力资源和社会保障局"),  # the title names the province one year
])
def test_an_agency_known_by_another_name_is_one_agency_through_aliases(old, new):
    files = {"2022.md": report(2022, agency=old, carry_out=(2, 0, 0, 0, 0, 0)), "2023.md": report(2023, agency=new)}
    assert across(files) == []
    found = across(files, Settings(aliases={new: [old]}))
    assert [(d.code, d.path) for d in found] == [("X001", "2023.md")] * 2
    # the other way round too: the name in use may be the older one
    assert len(across(files, Settings(aliases={old: [new]}))) == 2


def test_overrides_give_a_file_its_agency_and_year():
    # a copy with a title that names no agency and no year, and no 统计期限
    bare = report(2022, carry_out=(2, 0, 0, 0, 0, 0), period=False,
                  edits=[(f"# {AGENCY}2022年政府信息公开工作年度报告", "# 政府信息公开工作年度报告")])
    assert facts("old/report.md", bare).agency == ""
    files = {"old/report.md": bare, "2023.md": report(2023)}
    assert across(files) == []
    settings = Settings(overrides=[Override("old/*.md", agency=AGENCY, year=2022)])
    assert [d.related[0]["path"] for d in across(files, settings)] == ["old/report.md"] * 2
    # the last entry that matches wins
    later = Settings(overrides=[*settings.overrides, Override("old/report.md", year=2021)])
    assert across(files, later) == []


# --- X004 duplicates ------------------------------------------------------------------------------

def test_two_reports_of_one_year_are_each_found_and_that_year_is_not_compared():
    later = report(2023)
    files = {"2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0)), "a/2023.md": later,
             "b/2023.md": report(2023, stock=20)}  # a draft and the final, figures changed
    found = across(files)
    assert where(found) == [("X004", "a/2023.md", 1, 1), ("X004", "b/2023.md", 1, 1)]
    first, second = found
    assert first.severity == "warning"
    assert first.message.startswith(f"{AGENCY}2023年度有 2 份报告（另见 b/2023.md）：跨年度核对跳过这一年")
    assert [(r["path"], r["line"], r["column"]) for r in first.related] == [("b/2023.md", 1, 1)]
    assert second.related[0]["path"] == "a/2023.md"


def test_a_copy_in_another_format_with_every_figure_the_same_is_the_report():
    files = {"2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0)), "2023.md": report(2023),
             "2023.html.md": report(2023, edits=[("均已按期答复", "均已按期答复（定稿）")])}
    found = across(files)
    assert {d.code for d in found} == {"X001"}  # no X004: both copies say the same; both are compared
    assert sorted({d.path for d in found}) == ["2023.html.md", "2023.md"]


def test_an_office_named_without_its_place_is_in_no_series():
    # every city has a 市教育局: two cities' reports must not be compared
    files = {"a/2022.md": report(2022, agency="市教育局", carry_out=(2, 0, 0, 0, 0, 0)),
             "b/2023.md": report(2023, agency="市教育局")}
    assert across(files) == []
    named = Settings(overrides=[Override("*/*.md", agency="示例市教育局")])
    assert {d.code for d in across(files, named)} == {"X001"}  # the configuration says which city


def test_a_report_whose_title_and_period_disagree_on_the_year_is_in_no_series():
    wrong = report(2023).replace(f"{AGENCY}2023年", f"{AGENCY}2024年", 1)  # titled 2024, 统计期限 2023
    files = {"2024.md": report(2024), "t.md": wrong, "2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0))}
    assert across(files) == []  # neither a duplicate of 2024 nor compared with 2022: Y001 says it


def test_many_copies_name_three_others_in_the_message_and_relate_every_one():
    files = {f"{i}/2023.md": report(2023, stock=20 + i) for i in range(6)}
    first = across(files)[0]
    assert "（另见 1/2023.md、2/2023.md、3/2023.md 等 5 份）" in first.message
    assert [r["path"] for r in first.related] == [f"{i}/2023.md" for i in range(1, 6)]
    assert "(see also 1/2023.md、2/2023.md、3/2023.md and 2 more)" in across(files, lang="en")[0].message


def test_two_reports_of_the_year_before_leave_the_carry_over_unchecked():
    files = {"a/2022.md": report(2022, carry_out=(2, 0, 0, 0, 0, 0)), "b/2022.md": report(2022, carry_out=(3, 0, 0, 0, 0, 0)),
             "2023.md": report(2023)}
    assert [(d.code, d.path) for d in across(files)] == [("X004", "a/2022.md"), ("X004", "b/2022.md")]


# --- X002 stock of documents ------------------------------------------------------------------------

def test_the_2021_stock_follows_from_last_years_and_this_years_new_and_repealed_documents():
    later = report(2023, stock=13)  # 10 in force last year + 3 made − 1 repealed = 12
    found = across({"2022.md": report(2022), "2023.md": later})
    assert where(found) == [("X002", "2023.md", *at(later, "| 行政规范性文件", 2, labels=1))]
    assert found[0].severity == "warning"
    assert found[0].message.startswith(
        "表二「行政规范性文件」：现行有效件数为 13，按上年报告（2022.md）推算应为 12：现行有效件数 13 + 本年废止件数 1 ≠ "
        "上年报告 现行有效件数 10 + 本年制发件数 3（相差 1）")
    assert [r.get("path") for r in found[0].related] == [None, "2022.md", None]


def test_the_2019_total_published_follows_from_last_years_and_this_years_newly_published():
    later = report(2020, "2019", stock=15)  # 13 + 2 newly published = 15
    assert across({"2019.md": report(2019, "2019"), "2020.md": later}) == []
    later = report(2020, "2019", stock=16)
    found = across({"2019.md": report(2019, "2019"), "2020.md": later})
    assert where(found) == [("X002", "2020.md", *at(later, "| 规范性文件", 2, labels=1))]
    assert "对外公开总数量 16 ≠ 上年报告 对外公开总数量 13 + 本年新公开数量 2（相差 1）" in found[0].message


def test_the_stock_is_not_compared_across_the_change_of_format():
    # 对外公开总数量 (2019 format, the 2020 report) is not 现行有效件数 (2021 format): no X002 whatever they say
    assert across({"2020.md": report(2020, "2019", stock=100), "2021.md": report(2021)}, codes=("X002",)) == []


def test_the_carry_over_is_compared_across_the_change_of_format():
    # 二、上年结转 and 四、结转下年度继续办理 are the same rows in both formats: 2020 → 2021 is compared
    assert across({"2020.md": report(2020, "2019"), "2021.md": report(2021)}, codes=("X001",)) == []
    later = report(2021)
    found = across({"2020.md": report(2020, "2019", carry_out=(4, 0, 0, 0, 0, 0)), "2021.md": later}, codes=("X001",))
    assert where(found) == [("X001", "2021.md", *at(later, CARRY_IN, 0)), ("X001", "2021.md", *at(later, CARRY_IN, 6))]
    assert found[0].related[0]["path"] == "2020.md"


# --- X003 hierarchy --------------------------------------------------------------------------------

SUMS = Settings(hierarchy=[Hierarchy(CITY, [COUNTY, DISTRICT])])


def units(year: int = 2023) -> dict[str, str]:
    return {"county.md": report(year, agency=COUNTY), "district.md": report(year, agency=DISTRICT)}


def test_a_report_that_sums_its_units_reports_has_no_finding():
    assert across({"city.md": scaled(report(2023, agency=CITY), 2), **units()}, SUMS) == []


def test_a_cell_that_is_not_the_sum_is_found_at_the_parents_cell_with_every_units_cell_related():
    city = scaled(report(2023, agency=CITY), 2)
    city = city.replace("| 一、本年新收政府信息公开申请数量 | | 20 |", "| 一、本年新收政府信息公开申请数量 | | 21 |")
    found = across({"city.md": city, **units()}, SUMS)
    assert where(found) == [("X003", "city.md", *at(city, "| 一、本年新收", 0))]
    (mismatch,) = found
    assert mismatch.severity == "warning" and mismatch.logical == "三/一/自然人"
    assert mismatch.message == "表三 一、本年新收政府信息公开申请数量「自然人」：本报告为 21，2 个下级单位同年度报告之和为 20（相差 1）"
    county = report(2023, agency=COUNTY)
    assert [(r["path"], r["line"], r["column"]) for r in mismatch.related] == \
        [(name, *at(county, "| 一、本年新收", 0)) for name in ("county.md", "district.md")]
    assert mismatch.related[0]["message"] == "2023年度报告（county.md）一、本年新收政府信息公开申请数量「自然人」：10"


def test_table_four_is_summed_too():
    city = scaled(report(2023, agency=CITY), 2)
    line = "| 2 | 0 | 0 | 2 | 4 | 0 | 0 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 2 |"
    assert line in city
    city = city.replace(line, line.replace("| 2 | 0 | 0 | 2 | 4 |", "| 2 | 0 | 0 | 3 | 5 |", 1))
    found = across({"city.md": city, **units()}, SUMS)
    assert [d.message.split("：")[0] for d in found] == ["表四 「行政复议 尚未审结」", "表四 「行政复议 总计」"]


def test_a_unit_without_its_report_makes_the_sum_not_assessable_said_once():
    city = scaled(report(2023, agency=CITY), 2).replace("| 20 |", "| 99 |")
    settings = Settings(hierarchy=[Hierarchy(CITY, [COUNTY, DISTRICT, "示例镇人民政府"])])
    found = across({"city.md": city, **units()}, settings)
    assert where(found) == [("X003", "city.md", 1, 1)]  # at the title
    (note,) = found
    assert note.severity == "info" and note.logical == "hierarchy"
    assert note.message == ("汇总关系无法核对：下级单位 示例镇人民政府 没有2023年度的报告（或有不止一份），"
                            "表三、表四未与下级单位报告之和比对")
    (english,) = across({"city.md": city, **units()}, settings, lang="en")
    assert "cannot be assessed: 示例镇人民政府 has no report of 2023" in english.message
    # a unit's report of another year is no report of this one
    assert len(across({"city.md": city, **units(2022)}, SUMS)) == 1


def test_without_a_hierarchy_nothing_is_summed():
    city = scaled(report(2023, agency=CITY), 3)
    assert across({"city.md": city, **units()}) == []


def test_a_set_of_reports_as_a_rule_example_declares_its_hierarchy():
    example_set = {
        "hierarchy": {"parent": CITY, "children": [COUNTY]},
        "reports": [{"base": "2021", "replace": [[f"{COUNTY}2023年", f"{CITY}2023年"],
                                                 ["| 一、本年新收政府信息公开申请数量 | | 10 | 2 |",
                                                  "| 一、本年新收政府信息公开申请数量 | | 10 | 3 |"]]},
                    {"base": "2021"}],
    }
    found = [d for d in lint_example("x", example_set, RULES) if d.code.startswith("X")]
    assert [(d.code, d.path, d.message.split("：")[0]) for d in found] == \
        [("X003", "x-1.md", "表三 一、本年新收政府信息公开申请数量「商业企业」")]
    assert [r["path"] for r in found[0].related] == ["x-2.md"]
    del example_set["hierarchy"]
    assert [d for d in lint_example("x", example_set, RULES) if d.code.startswith("X")] == []


# --- history: earlier reports read only to compare with -------------------------------------------

def test_a_history_report_is_compared_with_but_never_reported_on():
    draft = report(2024)
    history = {"published/2023.md": report(2023, carry_out=(3, 0, 0, 0, 0, 0)),
               "published/2022.md": report(2022, carry_out=(9, 0, 0, 0, 0, 0))}  # 2023 does not follow from it
    found = across({"draft.md": draft}, history=history)
    assert where(found) == [("X001", "draft.md", *at(draft, CARRY_IN, 0)), ("X001", "draft.md", *at(draft, CARRY_IN, 6))]
    assert found[0].related[0]["path"] == "published/2023.md"


def test_a_history_report_of_the_drafts_own_agency_and_year_is_its_earlier_version():
    history = {"published/2024.md": report(2024), "published/2023.md": report(2023)}
    assert across({"draft.md": report(2024)}, history=history) == []
    # two drafts of one year that differ are still duplicates
    drafts = {"a.md": report(2024), "b.md": report(2024, stock=20)}
    assert [d.code for d in across(drafts, history=history)] == ["X004"] * 2


# --- what a report keeps of itself ----------------------------------------------------------------

def test_facts_survive_the_result_caches_plain_form():
    read = facts("2023.md", report(2023))
    assert Facts.from_plain(read.plain()) == read
    assert read.agency == AGENCY and (read.year, read.year_stated) == (2023, True)
    assert read.cells[("三", "二", "自然人")].raw == "1"
    assert (read.cells[("三", "二", "自然人")].line, read.cells[("三", "二", "自然人")].column) == at(report(2023), CARRY_IN, 0)


def test_without_a_hierarchy_a_report_keeps_only_the_cells_compared_across_years():
    columns = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    carry = {("三", r, c) for r in ("二", "四") for c in columns}
    stock = {("二.一", r, c) for r in ("规章", "行政规范性文件") for c in ("本年制发件数", "本年废止件数", "现行有效件数")}
    stock |= {("二.一", r, c) for r in ("规章", "规范性文件") for c in ("本年新公开数量", "对外公开总数量")}
    items = {(t, r, c) for t, rows in (("二.五", ("行政许可", "其他对外管理服务事项")), ("二.六", ("行政处罚", "行政强制")),
                                       ("二.八", ("行政事业性收费",)))
             for r in rows for c in ("上一年项目数量", "本年增减")}  # X005, the 2019 format's
    assert wanted_cells(RULES, hierarchy=False) == carry | stock | items
    # with one, every cell of 表三 and 表四 (X003 sums them all)
    assert len(WANTED) > 200
    assert {key[0] for key in WANTED - carry - stock - items} == {"三", "四"}


def test_a_sum_rule_says_a_mismatch_by_its_message_name_whatever_the_order_of_its_messages(tmp_path):
    """X003's messages are `mismatch` and `not_assessable`: a mismatch picks its own, not the first one."""
    text = (REPO / "rules" / "X003-hierarchy-mismatch.yaml").read_text("utf-8")
    text = text.replace("code: X003", "code: X903").replace("name: hierarchy-mismatch", "name: units-sum")
    for key in ("message", "message_en"):
        start = text.index(f"\n{key}:\n")
        lines = text[start + 1:].split("\n")
        mismatch, note = lines[1], lines[2]
        assert mismatch.startswith("  mismatch:") and note.startswith("  not_assessable:")
        text = text.replace(f"{key}:\n{mismatch}\n{note}\n", f"{key}:\n{note}\n{mismatch}\n")
    (tmp_path / "units.yaml").write_text(text, "utf-8")
    rules = [r for r in load_rules([str(tmp_path / "units.yaml")]) if r.code == "X903"]
    city = scaled(report(2023, agency=CITY), 2).replace("| 一、本年新收政府信息公开申请数量 | | 20 |",
                                                        "| 一、本年新收政府信息公开申请数量 | | 21 |")
    linted = [facts(name, body) for name, body in {"city.md": city, **units()}.items()]
    (found,) = run_across(rules, corpus.report_set(linted, [], SUMS), "zh")
    assert found.message.endswith("本报告为 21，2 个下级单位同年度报告之和为 20（相差 1）")
