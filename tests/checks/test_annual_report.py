"""P005: a file that is no annual report at all gets one finding and nothing else; what makes a file
an annual report; and how selection and suppressions treat such a file (as they treat P001's)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from xxgk_lint.checks.builtin import is_annual_report
from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
README = "# report-tools\n\nScripts that collect annual reports.\n\n| option | what |\n|---|---|\n| --year | the year |\n"
NOTICE = ("关于开展2023年政务公开业务培训的通知\n\n各科室：\n\n定于3月15日举办培训，名单如下。\n\n"
          "| 科室 | 人数 |\n|---|---|\n| 办公室 | 2 |\n| 法规科 | 1 |\n")
TABLE_THREE_ROW = "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"


def lint(text: str, name: str = "r.md", rules=RULES, lang: str = "zh"):
    return lint_bytes(name, text.encode("utf-8"), rules, lang)


@pytest.mark.parametrize("text", [
    README, NOTICE, "一些文字。\n", "| a | 1 |\n| b | 2 |\n",
    # words of the template in a text about it: a caption, header words, a part title in a table
    "A house rule that every 表二 第二十条第（五）项 count is filled.\n",
    "2019 markers: 本年新制作数量, 本年新公开数量, 对外公开总数量; 2021: 本年制发件数, 本年废止件数.\n",
    "| part | heading |\n|---|---|\n| 一 | 一、总体情况 |\n",
], ids=["readme", "notice", "prose", "table", "caption-in-prose", "header-words-in-prose", "parts-in-a-table"])
def test_no_part_table_or_title_is_no_annual_report(text):
    assert not is_annual_report(parse("r.md", text.encode("utf-8")))


@pytest.mark.parametrize("text", [
    "示例县人力资源和社会保障局2023年政府信息公开工作年度报告\n",  # a title alone
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n",  # a part alone
    TABLE_THREE_ROW + "\n",  # one row of 表三
    "第二十条第（五）项\n信息内容 | 本年处理决定数量\n行政许可 | 56\n",  # a block of 表二
], ids=["title", "part", "table-row", "table-block"])
def test_any_one_sign_of_a_report_makes_it_one(text):
    assert is_annual_report(parse("r.md", text.encode("utf-8")))
    assert "P005" not in {d.code for d in lint(text)}


@pytest.mark.parametrize("text", [README, NOTICE])
def test_no_annual_report_gets_one_p005_and_nothing_else(text):
    (found,) = lint(text)
    assert (found.code, found.severity, found.line, found.column) == ("P005", "warning", 1, 1)
    assert found.message.startswith("该文件看起来不是政府信息公开工作年度报告：没有找到部分标题（如「一、总体情况」）")
    assert "表三的「一、本年新收政府信息公开申请数量」行" in found.message and found.message.endswith("因此未做其他检查")
    (english,) = lint(text, lang="en")
    assert english.message.startswith("this file does not look like an annual report")
    assert "no report title" in english.message


def test_a_real_report_and_a_fragment_of_one_get_no_p005():
    assert lint(BASE) == []
    fragment = BASE[BASE.index("三、收到和处理"):BASE.index("四、政府信息公开行政复议")]
    assert "P005" not in {d.code for d in lint(fragment)}


def test_an_html_page_that_is_no_report(tmp_path):
    page = "<html><body><nav>首页 | 政务公开</nav><p>欢迎访问。</p><table><tr><td>电话</td><td>12345</td></tr></table></body></html>"
    (found,) = lint(page, "index.html")  # at the page's first text
    assert (found.code, found.line, found.column) == ("P005", 1, page.index("欢迎访问") + 1)


def test_without_p005_selected_such_a_file_gets_nothing(run_cli, tmp_path):
    """As an unreadable file gets nothing but P001: the other rules never run on it."""
    (tmp_path / "README.md").write_text(README, "utf-8")
    for args in (["--ignore", "P005"], ["--select", "S001,S004"], ["--ignore", "not-an-annual-report"]):
        proc = run_cli("--format", "json", "--isolated", *args, "README.md", cwd=tmp_path)
        assert (proc.returncode, json.loads(proc.stdout)) == (0, []), args
    proc = run_cli("--format", "json", "--isolated", "README.md", cwd=tmp_path)
    assert [(d["code"], d["line"]) for d in json.loads(proc.stdout)] == [("P005", 1)]
    assert proc.returncode == 0  # a warning: the run fails only with --fail-on warning
    assert run_cli("--isolated", "--fail-on", "warning", "README.md", cwd=tmp_path).returncode == 1


def test_suppressions_in_a_file_that_is_no_report():
    # a comment for a rule that never ran on it is not reported unused (P003) …
    other = "<!-- xxgk-lint: disable N001 -- 示例 -->\n" + README
    assert [d.code for d in lint(other)] == ["P005"]
    # … and P005 itself can be silenced with a reason, like any finding
    silenced = "<!-- xxgk-lint: disable P005 -- 这是工具的说明文件 -->\n" + README
    assert lint(silenced) == []
