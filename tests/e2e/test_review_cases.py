"""Cases a review of issue 15 found: each once gave a false finding (or the wrong one) on real-looking
text. The inputs are the pinned double-spaced report 000 and the clean 2021 example, edited."""
from __future__ import annotations

from pathlib import Path

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[2]
DOUBLE = (ROOT / "tests/fixtures/double_spaced/000_double_blank.txt").read_text("utf-8")
EXAMPLE = (ROOT / "rules/examples/2021.md").read_text("utf-8")
RULES = load_rules([])


def lint(text: str, name: str = "r.txt", lang: str = "zh"):
    return lint_bytes(name, text.encode("utf-8"), RULES, lang=lang)


def test_the_double_spaced_original_is_clean():
    assert lint(DOUBLE) == []


def test_a_short_paragraph_after_a_double_spaced_table_is_not_a_cell_of_its_last_row():
    for part in ("三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况"):  # after 表二, after 表四
        for paragraph in ("无", "暂无", "（单位：件）"):
            text = DOUBLE.replace(f"\n{part}\n", f"\n\n\n{paragraph}\n\n{part}\n", 1)
            assert text != DOUBLE
            assert lint(text) == [], (part, paragraph)


def test_a_custom_row_in_a_double_spaced_table_is_one_finding_at_its_label():
    for label in ("其中：网上申请", "2.需另行制作"):
        text = DOUBLE.replace("\n3.要求提供公开出版物\n", f"\n{label}\n\n" + "0\n\n" * 7 + "3.要求提供公开出版物\n", 1)
        found = lint(text)
        assert [(d.code, d.line) for d in found] == [("P002", text.split("\n").index(label) + 1)], label
        assert f"「{label}」不是模板中的行" in found[0].message


def test_a_notice_or_a_readme_naming_the_reports_is_not_an_annual_report():
    notice = "关于做好2023年政府信息公开工作年度报告编制工作的通知\n\n各单位：\n\n请于1月31日前报送年度报告。\n"
    readme = "# xxgk-lint：政府信息公开工作年度报告检查工具\n\n检查政府信息公开工作年度报告是否符合国家格式。\n"
    for text, name in ((notice, "n.txt"), (readme, "README.md")):
        assert [d.code for d in lint(text, name)] == ["P005"], name
    # a title that is a report's name still makes a draft a report
    assert "P005" not in {d.code for d in lint("某县2023年政府信息公开工作年度报告（全文）\n", "d.md")}


def test_other_reports_cited_in_the_preamble_do_not_state_the_year():
    untitled = EXAMPLE.split("\n", 2)[2].replace("2023年", "2021年")
    cited = "《某某县人民政府2020年政府信息公开工作年度报告》"
    for sentence in (f"2021年3月，我局发布了{cited}。", f"本报告是在{cited}的基础上编制。",
                     f"本报告是根据《中华人民共和国政府信息公开条例》和{cited}格式编制的。"):
        text = untitled.replace("本报告根据《中华人民共和国政府信息公开条例》编制。", sentence, 1)
        assert sentence in text
        assert "Y001" not in {d.code for d in lint(text, "r.md")}, sentence
    text = untitled.replace("本报告根据", f"本报告是{cited}。本报告根据", 1)  # the report naming itself
    assert "Y001" in {d.code for d in lint(text, "r.md")}


def test_a_blank_count_is_no_figure_for_the_prose_to_contradict():
    row = next(line for line in EXAMPLE.split("\n") if line.startswith("| 一、本年新收"))
    blank = row.rsplit("|", 2)[0] + "| |"
    found = lint(EXAMPLE.replace(row, blank), "r.md")
    assert [d.code for d in found] == ["N001"]


def test_a_split_header_is_said_in_both_languages_without_mixed_quotes():
    header = next(line for line in EXAMPLE.split("\n") if "社会公益组织" in line)
    text = EXAMPLE.replace(header, header.replace("社会公益组织", "社会公") + " 益组织 |")
    (zh,) = [d for d in lint(text, "r.md") if d.code == "P006"]
    (en,) = [d for d in lint(text, "r.md", "en") if d.code == "P006"]
    assert "「社会公」…「益组织」" in zh.message and "社会公益组织" in zh.message
    assert "'社会公' … '益组织'" in en.message and "「" not in en.message
