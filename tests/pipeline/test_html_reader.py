"""HTML → lines (html_input): merged cells, hostile spans, layout tables, positions in the source."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.pipeline.readers.html_reader import MAX_SLOTS, html_lines

HTML = Path(__file__).resolve().parents[1] / "fixtures/html"
FIXTURES = [("utf8.html", "utf-8"), ("gbk.html", "gb18030")]


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def texts(page: str) -> list[str]:
    return [text for text, _ in html_lines(page)]


def at(source: str, origin: tuple[int, int]) -> str:
    line, column = origin
    return source.split("\n")[line - 1][column - 1]


def assert_positions_in_source(source: str, lines) -> None:
    """Every visible character read stands at its origin in the source; one origin more: the end."""
    for text, origin in lines:
        assert len(origin) == len(text) + 1
        for ch, where in zip(text, origin):
            if not ch.isspace() and ch not in "&<>":  # white space collapses; entities are decoded
                assert at(source, where) == ch, (text, ch, where)


# ---------------------------------------------------------------------------------------------
# merged cells


def test_spans_expand_to_one_tab_separated_line_a_row():
    page = ("<table>\n<tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>\n"
            "<tr><td>丙</td><td></td></tr>\n</table>")
    lines = html_lines(page)
    # a label spanning columns is one cell (no empty cell after it); a row span leaves an empty cell
    assert [text for text, _ in lines] == ["甲\t乙", "\t丙\t"]
    assert_positions_in_source(page, lines)
    empty_td = (3, page.split("\n")[2].index("<td></td>") + 1)
    assert lines[1][1][-1] == empty_td  # the end of a row ending in an empty cell: that cell's <td>


def test_a_span_stops_at_the_end_of_the_table():
    page = "<table><tr><td rowspan=99999>x<td>y</table><p>after</p>"
    assert texts(page) == ["x\ty", "after"]


def slots(page: str) -> tuple[int, int]:
    """(lines, characters) read from the page; tabs included, so the grid positions given out."""
    lines = html_lines(page)
    return len(lines), sum(len(text) for text, _ in lines)


def test_a_long_table_of_wide_rows_is_expanded_within_the_budget():
    rows = 9000  # ~190 KB: once took minutes (every row's width scanned the whole grid)
    page = "<table>" + "<tr><td colspan=100>x" * rows
    count, chars = slots(page)
    assert count == rows
    assert chars <= MAX_SLOTS + 2 * rows
    first = html_lines(page)[0][0]
    assert first == "x" + "\t" * 99  # ordinary spans are expanded as before


@pytest.mark.parametrize("page", [
    "<table>" + ("<tr>" + "<td rowspan=99999 colspan=99999>x" * 50) * 100,
    "<table><tr>" + "<td colspan=100>" * 100 + "<td rowspan=99999>y" + "<tr><td>z" * 10000,  # far-right rowspan
    ("<table><tr>" + "<td rowspan=100 colspan=100>" * 20 + "<tr>" * 99 + "</table>") * 100,  # many tables
    "<table><tr><td>a<td rowspan=100 colspan=99>" + "<tr><td rowspan=100 colspan=100>" * 100,  # over filled slots
], ids=["huge-spans", "far-rowspan", "many-tables", "overlapping"])
def test_hostile_spans_cannot_blow_up_the_grid(page):
    cells = page.count("<td")
    count, chars = slots(page)
    assert count <= page.count("<tr")
    assert chars <= MAX_SLOTS + 2 * cells


def test_hostile_table_lints(rules):
    page = "<html><body><p>一、总体情况</p><table>" + "<tr><td colspan=100>x" * 9000 + "</table></body></html>"
    found = lint_bytes("r.html", page.encode("utf-8"), rules)
    assert found  # not a report: findings, no crash


# ---------------------------------------------------------------------------------------------
# layout tables: a table inside another table's cell


def test_layout_table_keeps_document_order():
    page = ("<p>before</p>\n<table><tr><td>导航</td></tr>\n<tr><td><p>intro</p>text<br>more\n"
            "<table><tr><td>a<td>b</table>\n<p>between</p>\n<table><tr><td>c<td></table>\nafter</td></tr>\n"
            "<tr><td>footer</td><td>right</td></tr></table>\n<p>end</p>")
    lines = html_lines(page)
    assert [text for text, _ in lines] == [
        "before", "导航", "intro", "text", "more", "a\tb", "between", "c\t", "after", "footer", "right", "end"]
    assert_positions_in_source(page, lines)
    c_line = dict(lines)["c\t"]
    source_line = page.split("\n")[c_line[0][0] - 1]
    assert c_line[-1] == (c_line[0][0], source_line.index("<td></table>") + 1)  # an empty cell: its <td>


def test_layout_tables_nest():
    page = ("<table><tr><td>外<table><tr><td>中<table><tr><td>1<td>2</tr><tr><td>3<td>4</table>"
            "中后</td></tr></table>外后</td></tr></table>")
    assert texts(page) == ["外", "中", "1\t2", "3\t4", "中后", "外后"]


def test_a_data_table_is_still_one_line_a_row():
    page = "<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>"
    assert texts(page) == ["a b\tc"]


def wrapped(name: str, encoding: str, how: str) -> tuple[str, str]:
    text = (HTML / name).read_bytes().decode(encoding)
    a, b = text.index("<body>") + len("<body>"), text.index("</body>")
    before, after = {
        "wrapped": ("<table><tr><td>", "</td></tr></table>"),
        "nav-row": ('<table width="100%"><tr><td><a href="/">首页</a> | <a href="/xxgk/">政务公开</a></td></tr>\n<tr><td>',
                    "</td></tr>\n<tr><td>主办单位：某县人民政府办公室</td></tr></table>"),
        "nav-column": ('<table><tr><td class="side"><p>栏目导航</p><p>政策文件</p></td>\n<td>', "</td></tr></table>"),
        "twice": ("<table><tr><td><table><tr><td>", "</td></tr></table></td></tr></table>"),
    }[how]
    return text, text[:a] + before + text[a:b] + after + text[b:]


@pytest.mark.parametrize("how", ["wrapped", "nav-row", "nav-column", "twice"])
@pytest.mark.parametrize("name,encoding", FIXTURES)
def test_report_in_a_layout_table_reads_as_without(rules, name, encoding, how):
    plain, page = wrapped(name, encoding, how)
    before = lint_bytes(name, plain.encode(encoding), rules)
    found = lint_bytes(name, page.encode(encoding), rules)
    assert [(d.code, d.message) for d in found] == [(d.code, d.message) for d in before]
    assert not [d for d in found if d.severity == "error" or d.code in ("S001", "S004")]
    assert_positions_in_source(page, html_lines(page))


@pytest.mark.parametrize("how", ["wrapped", "nav-column"])
@pytest.mark.parametrize("name,encoding", FIXTURES)
def test_blank_cell_in_a_layout_table_is_reported_at_its_td(rules, name, encoding, how):
    _, page = wrapped(name, encoding, how)
    value = re.compile(r'<td colspan="3">\d+</td>').search(page, page.index("<td>行政强制</td>"))
    cell = value.start()
    page = page[:cell] + '<td colspan="3"></td>' + page[value.end():]
    line = page[:cell].count("\n") + 1
    column = cell - page.rindex("\n", 0, cell)
    found = lint_bytes(name, page.encode(encoding), rules)
    assert ("N001", line, column) in [(d.code, d.line, d.column) for d in found]


@pytest.mark.parametrize("name,encoding", FIXTURES)
def test_fixture_positions_are_in_the_source(name, encoding):
    page = (HTML / name).read_bytes().decode(encoding)
    lines = html_lines(page)
    assert any(text.startswith("一、总体情况") for text, _ in lines)
    assert not any("var nav" in text or "首页" in text for text, _ in lines)  # script, nav skipped
    assert_positions_in_source(page, lines)
