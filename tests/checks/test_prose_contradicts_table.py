"""C006: the prose says every application was completed while 表三「四、结转下年度继续办理」 is above 0,
or that none was received while 「一、本年新收」 is above 0 — on the bundled clean report (表三: 一 总计
12, 四 总计 1) with sentences written as real reports write them, and on real reports. Only a
sentence speaking of the applications counts: not of proposals, reviews, the carried-over or the
completed ones, the rest, nor a negation. And the kind's new words: `stated`, `about`, `not_about`,
`not_in_sentence`, and the words that gate a pattern."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.rulefile import RuleFileError
from xxgk_lint.checks.ruleset import load_rules, validate_file

REPO = Path(__file__).resolve().parents[2]
BASE = (REPO / "rules" / "examples" / "2021.md").read_text("utf-8")
RULES = load_rules([])
SAID = "收到政府信息公开申请12件，除1件转下年度继续办理外，均已按期答复。"  # line 7 of the base
REPORTS = REPO / "tests" / "fixtures"
CARRIED = "表三「四、结转下年度继续办理」行「总计」列"
NEW = "表三「一、本年新收政府信息公开申请数量」行「总计」列"


def c006(text: str, lang: str = "zh", path: str = "r.md"):
    return [d for d in lint_bytes(path, text.encode("utf-8"), RULES, lang) if d.code == "C006"]


def said(sentence: str) -> str:
    text = BASE.replace(SAID, sentence)
    assert text != BASE or sentence == SAID
    return text


def total_cell(text: str, row: str) -> tuple[int, int]:
    """Line and column of the 总计 cell of 表三's row starting with `row`."""
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines, 1) if l.startswith(f"| {row}"))
    return line, lines[line - 1].rstrip(" |").rfind(" ") + 2


# --- every application completed, while 四 is 1 ---------------------------------------------------

@pytest.mark.parametrize("sentence,phrase", [
    ("收到政府信息公开申请12件，均已办结。", "均已办结"),
    ("收到政府信息公开申请12件，全部办理完毕。", "全部办理完毕"),
    ("收到政府信息公开申请12件，均已按期办结。", "均已按期办结"),
    ("收到政府信息公开申请12件，均按时办结。", "均按时办结"),
    ("收到政府信息公开申请12件，已全部办结。", "全部办结"),
    ("收到政府信息公开申请12件，全部按期答复。", "全部按期答复"),
    # kewei-2024 (上海市科委): the sentence names 上年结转 too, but 所有申请 is every one
    ("全年收到政府信息公开申请 12 件，上年结转政府信息公开申请 1 件，所有申请均已按要求办理完成。", "均已按要求办理完成"),
    ("依申请公开方面，所有申请已按期办结。", "所有申请已按期办结"),
    # 000 (湘潭县人社局), 002 (Traditional in the original), hongze-2024
    ("收到申请12件，均已按程序予以处理答复。", "均已按程序予以处理答复"),
    ("全年共收到政府信息公开申请12件，均已按期依规依程序答复，全年未收取信息处理费。", "均已按期依规依程序答复"),
    ("区政府办代表区政府受理政府信息公开申请12件，均已在法定期限内予以答复。", "均已在法定期限内予以答复"),
    # an aside in brackets is left out; a clause after the claim is another matter
    ("收到政府信息公开申请12件（含上年结转1件），均已办结。", "均已办结"),
    ("收到政府信息公开申请12件，均已按期办结，未引发行政复议和行政诉讼。", "均已按期办结"),
    ("收到政府信息公开申请12件，其中予以公开6件，部分公开1件，均已按期答复。", "均已按期答复"),
    ("收到政府信息公开申请12件，目前均已办结。", "均已办结"),
    ("收到政府信息公开申请12件，均如期答复。", "均如期答复"),
])
def test_a_claim_that_all_were_completed_fires_at_the_phrase_against_row_four(sentence, phrase):
    text = said(sentence)
    (found,) = c006(text)
    line = text.split("\n")[6]
    assert (found.line, found.column, found.end_line, found.end_column) == (
        7, line.index(phrase) + 1, 7, line.index(phrase) + len(phrase) + 1)
    assert found.severity == "warning" and found.name == "prose-contradicts-table"
    assert found.message == f"正文称全部申请均已办结（「{phrase}」），但{CARRIED}为 1，二者矛盾"
    assert [(r["line"], r["column"], r["message"]) for r in found.related] == [
        (*total_cell(text, "四、结转下年度继续办理"), f"{CARRIED} = 1")]
    (english,) = c006(text, "en")
    assert english.message == (f"the text says every application was completed ('{phrase}'), but table 3 row "
                                f"'四、结转下年度继续办理', column '总计' is 1")


# --- no application received, while 一 is 12 ------------------------------------------------------

@pytest.mark.parametrize("sentence,phrase", [
    ("本年度未收到政府信息公开申请。", "未收到政府信息公开申请"),
    ("2023 年，我局未收到依申请公开事项。", "未收到依申请公开事项"),  # 001 (卫滨区人社局)
    ("全年没有收到任何政府信息公开申请。", "没有收到任何政府信息公开申请"),
    ("全年无依申请公开事项。", "无依申请公开事项"),
    ("本年度未收到公民、法人或其他组织提出的政府信息公开申请，也未发生行政复议。",
     "未收到公民、法人或其他组织提出的政府信息公开申请"),
])
def test_a_claim_that_none_was_received_fires_at_the_phrase_against_row_one(sentence, phrase):
    text = said(sentence)
    (found,) = c006(text)
    line = text.split("\n")[6]
    assert (found.line, found.column, found.end_column) == (7, line.index(phrase) + 1, line.index(phrase) + len(phrase) + 1)
    assert found.message == f"正文称全年未收到政府信息公开申请（「{phrase}」），但{NEW}为 12，二者矛盾"
    assert [(r["line"], r["column"]) for r in found.related] == [total_cell(text, "一、本年新收")]


# --- what is no such claim -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    SAID,  # the clean base: all but the one carried forward
    "收到政府信息公开申请12件，结转下年度继续办理1件，其余均已按期答复。",
    "收到政府信息公开申请12件，均已按期答复，另有1件结转下年度继续办理。",  # the sentence itself says so
    # proposals, reviews, petitions: not applications
    "收到政府信息公开申请12件。本年度共办理人大代表建议5件、政协委员提案3件，均已按期办结。",
    "收到政府信息公开申请12件，办理人大代表建议5件，均已按期办结。",
    "收到政府信息公开申请12件，建议和提案均已按期办结。",
    "收到政府信息公开申请12件、人大代表建议5件，均已办结。",
    "收到政府信息公开申请12件。收到行政复议申请2件，均已办结。",
    "收到政府信息公开申请12件。热线工单均已按期办结。",
    # the completed ones, the carried-over ones, the rest
    "收到政府信息公开申请12件，已办结的申请均在法定期限内答复。",
    "市政府共受理政府信息公开申请12件，办结12件（含上年结转1件），均在法定期限内答复。",  # shanghai-office
    "收到政府信息公开申请12件，上年结转的1件申请均已办结。",
    "收到政府信息公开申请12件，上年结转1件，均已办结。",
    "收到政府信息公开申请12件，其他申请均已办结。",
    # negations
    "收到政府信息公开申请12件，尚未全部办结。",
    "收到政府信息公开申请12件，并非全部办结。",
    "收到政府信息公开申请12件，没有全部按期办结。",
    # an aim or a rule, not a fact
    "收到政府信息公开申请12件。下一步，我局将确保所有申请均按期答复。",
    "收到政府信息公开申请12件，严格落实制度，确保所有申请均按期答复。",
    "收到政府信息公开申请12件，要求所有申请均在规定期限内答复。",
    "收到政府信息公开申请12件，如未收到政府信息公开申请，应当说明。",
    # no claim at all
    "收到政府信息公开申请12件，平均答复时间为10个工作日。",
    "收到政府信息公开申请12件，对申请均要求在规定期限内答复。",
    # none received: of reviews, of a quarter, of the agency's own part, of a supplement; 0件 is C005's
    "收到政府信息公开申请12件，全年未收到政府信息公开申请引发的行政复议。",
    "收到政府信息公开申请12件，其中一季度未收到政府信息公开申请。",
    "局机关未收到政府信息公开申请，所属单位收到12件。",
    "收到政府信息公开申请12件，未收到申请人的补正材料。",
    "收到政府信息公开申请12件，有无政府信息公开申请均需登记。",
    # a part, or the one carried forward said in passing; another year's none
    "收到政府信息公开申请12件，其中11件均已按期答复，1件因需征求第三方意见延期答复。",
    "收到政府信息公开申请12件，已全部按期答复（1件结转至2024年继续办理）。",
    "收到政府信息公开申请12件，所有申请均在法定期限内作出答复，1件跨年度办理。",
    "上一年度未收到政府信息公开申请，本年收到政府信息公开申请12件。",
])
def test_sentences_that_claim_nothing_of_the_applications_stay_silent(sentence):
    assert c006(said(sentence)) == []


def test_zero_received_in_figures_is_c005s_alone():
    found = lint_bytes("r.md", said("收到政府信息公开申请0件。").encode("utf-8"), RULES)
    assert [d.code for d in found if d.code in ("C005", "C006")] == ["C005"]


# --- the table: a blank cell is not evaluated, 0 agrees --------------------------------------------

def _with_total(text: str, row: str, value: str) -> str:
    lines = text.split("\n")
    line, column = total_cell(text, row)
    raw = lines[line - 1]
    end = raw.index(" ", column - 1)
    lines[line - 1] = raw[:column - 1] + value + raw[end:] if value else raw[:column - 2] + raw[end:]
    return "\n".join(lines)


@pytest.mark.parametrize("value", ["", "0"])
def test_a_blank_or_zero_cell_leaves_the_claim_unreported(value):
    done = _with_total(said("收到政府信息公开申请12件，均已按期办结。"), "四、结转下年度继续办理", value)
    none = _with_total(said("本年度未收到政府信息公开申请。"), "一、本年新收", value)
    assert c006(done) == [] and c006(none) == []
    if not value:
        assert "N001" in {d.code for d in lint_bytes("r.md", done.encode("utf-8"), RULES)}


# --- real reports ---------------------------------------------------------------------------------

def test_real_report_kewei_once_its_blank_carried_forward_total_is_filled():
    """上海市科委 2024: 「所有申请均已按要求办理完成」 while 表三 四 counts one application (自然人 1); its
    总计 cell is blank in the extraction, so it is not evaluated until filled."""
    source = (REPORTS / "realdata" / "kewei-2024-source.md").read_text("utf-8")
    assert c006(source) == []
    row = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |"
    filled = source.replace(row, row[:-3] + " 1 |")
    (found,) = c006(filled)
    line = filled.split("\n")[found.line - 1]
    assert line[found.column - 1:found.end_column - 1] == "均已按要求办理完成" and "所有申请均已按要求办理完成" in line
    assert [r["line"] for r in found.related] == [filled.split("\n").index(row[:-3] + " 1 |") + 1]


def test_real_reports_000_and_001_agree_with_their_tables_until_a_total_is_changed():
    """000 (「收到申请1起，均已按程序予以处理答复」, 四 = 0) and 001 (「未收到依申请公开事项」, 一 = 0)."""
    reports = REPORTS / "reports"
    lines = (reports / "000_eac3f6eb663f9cec.txt").read_text("utf-8").split("\n")
    assert c006("\n".join(lines), path="000.txt") == []
    four = next(i for i, l in enumerate(lines) if l.strip() == "四、结转下年度继续办理")
    assert lines[four + 7] == "\t0"  # its seventh value, 总计
    lines[four + 7] = "\t1"
    (found,) = c006("\n".join(lines), path="000.txt")
    assert lines[found.line - 1][found.column - 1:found.end_column - 1] == "均已按程序予以处理答复"
    assert [r["line"] for r in found.related] == [four + 8]

    text = (reports / "001_b6301f25c0e3e8b6.txt").read_text("utf-8")
    assert c006(text, path="001.txt") == []
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    changed = text.replace(row, row[:-2] + "3\t")
    (found,) = c006(changed, path="001.txt")
    assert (found.line, changed.split("\n")[found.line - 1][found.column - 1:found.end_column - 1]) == (
        11, "未收到依申请公开事项")
    assert found.message.endswith(f"但{NEW}为 3，二者矛盾")


# --- the kind: `stated`, the words, the gate --------------------------------------------------------

def test_a_stated_figure_has_no_number_group_and_not_about_needs_about(tmp_path):
    """(A user's rule file: its patterns run on RE2, so these use no lookaround.)"""
    RULE = (REPO / "rules" / "C006-prose-contradicts-table.yaml").read_text("utf-8")
    path = tmp_path / "X006.yaml"
    first = re.search(r"    pattern: '([^']*)'", RULE)
    line = RULE[:first.start()].count("\n") + 1

    def rule(pattern: str, *drop: str) -> str:
        text = RULE.replace(first.group(1), pattern, 1)
        for old in drop:
            text = text.replace(old, "", 1)
        path.write_text(text, "utf-8")
        return text

    rule("均已办结")
    assert validate_file(path)
    for pattern, drop, fragment, at in [
        (r"均已办结(?P<n>\d+)件", "", "must not have a group `n`", line),  # `stated` reads no number
        ("均已办结", "    stated: 0\n", "does not match", line),  # without it the pattern needs its number
        ("均已办结", "    about: [申请]\n", "'about' is a dependency of 'not_about'",
         RULE[:RULE.index("  - what: 全部申请均已办结")].count("\n") + 1),  # at the figure
    ]:
        rule(pattern, drop)
        with pytest.raises(RuleFileError) as info:
            validate_file(path)
        assert fragment in str(info.value) and info.value.line == at, (str(info.value), info.value.line)


def test_the_phrases_are_gated_by_words_every_match_holds():
    from xxgk_lint.checks.kinds.narrative_figures import required_words

    rule = next(r for r in RULES if r.code == "C006")
    done, received, none = (required_words(f["pattern"]) for f in rule.options["figures"])
    # one word of each group: 答复完毕 and 处理答复 need no looking for beside 答复
    assert done == (("办结", "办理完毕", "办理完成", "办理完结", "处理完毕", "处理完成", "答复", "回复"),)
    assert received == (("收到", "接到", "接收", "受理"), ("未", "没有"))
    assert none == (("信息公开", "依申请公开"), ("申请", "事项"), ("无", "没有", "未发生", "未产生"))
    assert required_words("(?:收到|受理)申请(?P<n>\\d+)件") == (("申请",), ("收到", "受理"))  # a run of text
    assert required_words("(?:均|都)(?:办结|答复)?") == (("均", "都"),)  # not a group under a quantifier
    assert required_words("均(?:已|业已)办结|全部办结") == ()  # an alternative at the top level


def test_a_figure_runs_only_on_lines_holding_a_word_of_each_group(monkeypatch):
    """On the base with one claim: 收到 stands on a line without 未 or 没有, 信息公开 on lines without
    无 or 没有, so of the three phrases only 均已办结's pattern runs, and on its line only."""
    from xxgk_lint.checks.kinds import narrative_figures

    rule = next(r for r in RULES if r.code == "C006")
    searched = []

    class Spy:
        def __init__(self, figure):
            self.figure, self.compiled = figure, figure.pattern.compiled

        def finditer(self, text):
            searched.append((self.figure.what, text))
            return self.compiled.finditer(text)

    for figure in rule.prepared:
        monkeypatch.setattr(figure.pattern, "_compiled", Spy(figure))
    text = said("收到政府信息公开申请12件，均已办结。")
    assert len(list(narrative_figures.check(rule, parse("r.md", text.encode("utf-8"))))) == 1
    assert searched == [("全部申请均已办结", text.split("\n")[6].replace("，", ","))]  # as read for matching


PIECES = st.sampled_from(["(?:办结|答复)", "(?:均|全部)", "(?:已|业已)?", "(?:按期|及时){0,2}", "申请", "\\s*",
                          "(?!率)", "(?<!平)", "?", "|", "(?:的)", "[办答]", ".", "(?:收到|受理)+", "(?:未|没有)"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=7), st.text("均全部已业按期及时办结答复申请收到受理的平率未没有 ", max_size=14))
def test_every_match_holds_a_word_of_each_group(pieces, text):
    from xxgk_lint.checks.kinds.narrative_figures import required_words

    pattern = "".join(pieces)
    try:
        compiled = re.compile(pattern)
    except re.error:
        return
    groups = required_words(pattern)
    for match in compiled.finditer(text):
        assert all(any(word in match.group() for word in words) for words in groups), (pattern, text, groups)
