"""Issue #15, the report-level items, on real published reports with one planted fault each: the
report's own name stating another year (Y001), 收到 figures against 表三 (C005), a part heading in
other words (S003), and a file that is no annual report at all (P005)."""
from __future__ import annotations

from pathlib import Path

from texts import edit

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RULES = load_rules([])


def seed_text(prefix: str) -> str:
    return next((FIXTURES / "reports").glob(f"{prefix}_*.txt")).read_text("utf-8")


def lint(text: str, name: str = "r.txt", lang: str = "zh"):
    return lint_bytes(name, text.encode("utf-8"), RULES, lang)


def position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text[:offset].count("\n") + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def found(diagnostics) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics]


# --- Y001: the report's own name, cited in its text --------------------------------------------

def test_004_naming_itself_with_last_years_year_is_one_y001_at_that_year():
    clean = seed_text("004")  # no title; 统计期限 2025 in its 编制说明
    assert found(lint(clean)) == [("S004", 1, 1)]
    text = edit(clean, "本年度报告根据国家、省、市政府信息公开相关法律、法规的规定编制,",
                "本年度报告是根据国家、省、市政府信息公开相关法律、法规的规定编制的"
                "《衡阳市人力资源和社会保障局2024年政府信息公开工作年度报告》,")
    diagnostics = lint(text)
    assert found(diagnostics) == [("S004", 1, 1), ("Y001", *position(text, "2024年政府"))]
    (y001,) = [d for d in diagnostics if d.code == "Y001"]
    assert y001.message == "正文所引本报告名称的年份 2024 与统计期限的年份 2025 不一致"
    assert [(r["line"], r["column"]) for r in y001.related] == [position(text, "2025年1月1日")]
    # the same sentence with the right year: nothing new
    assert found(lint(text.replace("2024年政府", "2025年政府"))) == [("S004", 1, 1)]


# --- C005: 收到/新收 is 表三 一 alone; 受理/办理 may be 一 or 一 + 二 ------------------------------

SHANGHAI = FIXTURES / "realdata" / "shanghai-office-sample-source.md"


def test_shanghai_received_figure_that_is_new_plus_carried_over():
    clean = SHANGHAI.read_text("utf-8")  # 表三: 一 1295, 二 189; its text: 共受理…申请 1295 件, 办结 1191 件（含\n上年结转 189 件）
    before = found(lint(clean, "s.md"))
    assert not [f for f in before if f[0] == "C005"]
    # 受理 the sum of new and carried over: accepted
    accepted = edit(clean, "共受理政府信息公开申请 1295 件", "共受理政府信息公开申请 1484 件")
    assert found(lint(accepted, "s.md")) == before
    # 收到 the same sum, the sentence speaking of 结转 on its next (wrapped) line: accepted
    wrapped = edit(clean, "共受理政府信息公开申请 1295 件", "共收到政府信息公开申请 1484 件")
    assert found(lint(wrapped, "s.md")) == before
    # … and without a word of 结转: one C005 at the figure, naming the sum it is
    text = edit(wrapped, "（含\n上年结转 189 件）", "（均\n已答复）")
    diagnostics = lint(text, "s.md")
    (c005,) = [d for d in diagnostics if d.code == "C005"]
    assert (c005.line, c005.column) == position(text, "1484")
    assert "1484 是表三「一、本年新收政府信息公开申请数量」与「二、上年结转政府信息公开申请数量」的「总计」之和" in c005.message
    assert c005.message.endswith("而该句没有提到「结转」，应为 1295")
    assert sorted(found(diagnostics)) == sorted(before + [("C005", *position(text, "1484"))])


# --- S003: a part heading in other words, numbered and placed as its part -------------------------

def test_004_part_two_in_other_words_is_one_s003_not_a_sub_topic_and_a_missing_part():
    clean = seed_text("004")
    text = edit(clean, "二、主动公开政府信息情况", "二、主动公开政府信息工作情况")
    diagnostics = lint(text)
    assert found(diagnostics) == [("S004", 1, 1), ("S003", *position(text, "二、主动公开政府信息工作情况"))]
    s003 = diagnostics[1]
    assert "「二、主动公开政府信息工作情况」" in s003.message and "「二、主动公开政府信息情况」" in s003.message
    # the part's tables are still found under it
    assert not [d for d in diagnostics if d.code in ("T001", "S001", "S002")]


def test_kewei_sub_topic_numbered_as_a_part_keeps_its_s002():
    path = FIXTURES / "realdata" / "kewei-2024-source.md"
    diagnostics = lint_bytes(str(path), path.read_bytes(), RULES)
    s002 = {d.line: d.message for d in diagnostics if d.code == "S002"}
    assert "「二、工作机制保障」位于第一部分「总体情况」之中" in s002[23]
    assert "S003" not in {d.code for d in diagnostics}


# --- P005: files that are no annual report ------------------------------------------------------

def test_the_provenance_notes_beside_the_real_reports_are_no_annual_reports():
    """Each SOURCES.md got six S001 and an S004 (and one a P002 for a row of hashes): now one P005."""
    notes = sorted((FIXTURES / "provenance").glob("SOURCES-*.md")) + [FIXTURES / "vendor" / "SOURCES.md"]
    assert len(notes) == 3
    for path in notes:
        diagnostics = lint_bytes(str(path), path.read_bytes(), RULES)
        assert found(diagnostics) == [("P005", 1, 1)], path.name
    for path in sorted((FIXTURES / "reports").glob("*.txt")) + sorted(p for p in (FIXTURES / "realdata").glob("*") if p.is_file()):
        assert "P005" not in {d.code for d in lint_bytes(str(path), path.read_bytes(), RULES)}, path.name
