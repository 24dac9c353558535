"""Fixes (`--fix`, `--unsafe-fixes`, `--diff`, standard input): each rule with a fix mends its bad
examples, fixing twice is fixing once, and a file keeps its encoding, byte-order mark and line ends."""
from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.examples import example_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.run.fixes import apply_fixes

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules([])
FIXING = [r for r in RULES if r.fix]
BASE = (ROOT / "rules" / "examples" / "2021.md").read_text("utf-8")
VARIANT = ("一、总体情况", "一、工作总体情况")  # S003, safe
TOTAL = ("| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |",
         "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |")  # C001, unsafe


def planted(*edits) -> str:
    text = BASE
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def fixed(data: bytes, name: str = "r.md", unsafe: bool = True) -> tuple[bytes, list]:
    found = lint_bytes(name, data, RULES)
    return apply_fixes(data, found, unsafe, lambda new: lint_bytes(name, new, RULES)).data, found


def test_the_rules_with_fixes_say_so():
    assert {r.code: r.fix for r in FIXING} == {"S002": "safe", "S003": "safe", "Y001": "safe", "N005": "safe",
                                               "F001": "unsafe", "C001": "unsafe", "C002": "unsafe", "C004": "unsafe"}


@pytest.mark.parametrize("rule", FIXING, ids=lambda r: r.code)
def test_each_fix_mends_its_bad_examples_and_fixing_twice_is_fixing_once(rule):
    mended = 0
    for example in rule.examples["bad"]:
        data = example_bytes(example)
        once, found = fixed(data)
        if not any(d.code == rule.code and d.fix for d in found):
            continue  # a finding this rule cannot mend for certain (say, a near-miss title)
        mended += 1
        left = [d for d in lint_bytes("r.md", once, RULES) if d.code == rule.code]
        if rule.code == "F001":  # its sentence has a blank for the amount: the finding stays, with no fix
            assert left and all(d.fix is None for d in left), once.decode()
        else:
            assert not left, once.decode()
        assert fixed(once)[0] == once  # idempotent
    assert mended, f"no bad example of {rule.code} has a fix"


def test_a_safe_fix_keeps_the_numeral_and_an_unsafe_one_sets_the_total():
    out, found = fixed(planted(VARIANT, TOTAL).encode("utf-8"))
    text = out.decode("utf-8")
    assert "\n一、总体情况\n" in text and TOTAL[0] in text
    assert [d.fix["applicability"] for d in found if d.fix] == ["safe", "unsafe"]
    only_safe = apply_fixes(planted(VARIANT, TOTAL).encode("utf-8"), found, unsafe=False).data.decode("utf-8")
    assert "\n一、总体情况\n" in only_safe and TOTAL[1] in only_safe


def test_a_total_another_relation_confirms_is_not_the_figure_changed():
    # 表三 （一）予以公开 自然人 5 → 6 with its row total: C002 fires in the 自然人 and 总计 columns,
    # but （七）总计 still balances 一 + 二 = （七） + 四 (C003) and its own row (C001): a part is wrong
    part = planted(("| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |", "| （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |"))
    c002 = [d for d in lint_bytes("r.md", part.encode("utf-8"), RULES) if d.code == "C002"]
    assert len(c002) == 2 and all(d.fix is None for d in c002)
    # （七）总计 自然人 10 → 11 alone: every relation through it breaks, and only C002 mends it; C001's
    # total (（七）总计 总计) agrees with its column, so C001 has no fix there
    total = planted(("| | （七）总计 | 10 |", "| | （七）总计 | 11 |"))
    out, found = fixed(total.encode("utf-8"))
    assert {d.code: bool(d.fix) for d in found if d.code in ("C001", "C002", "C003")} == \
        {"C001": False, "C002": True, "C003": False}
    assert out.decode("utf-8") == BASE
    assert not [d for d in lint_bytes("r.md", out, RULES) if d.severity == "error"]


def test_a_heading_with_more_than_its_title_on_its_line_is_not_rewritten():
    text = planted(("五、存在的主要问题及改进情况", "五、存在问题及改进情况：无"))
    out, found = fixed(text.encode("utf-8"))
    assert "五、存在问题及改进情况：无" in out.decode("utf-8")  # the 「无」 is never lost


def test_a_title_known_only_by_its_number_and_place_has_no_fix():
    found = lint_bytes("r.md", planted(("二、主动公开政府信息情况", "二、主动公开政府信息工作情况")).encode("utf-8"), RULES)
    s003 = [d for d in found if d.code == "S003"]
    assert s003 and all(d.fix is None for d in s003)


@pytest.mark.parametrize("encoding,bom,eol", [
    ("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("gb18030", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
])
def test_the_command_line_fix_keeps_encoding_bom_and_line_ends(tmp_path, encoding, bom, eol):
    path = tmp_path / "r.md"
    path.write_bytes(bom + planted(VARIANT, TOTAL).replace("\n", eol).encode(encoding))
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--isolated", "--no-cache", "--fix", "--unsafe-fixes",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "C001 unsafe fix applied: 「13」→「12」" in proc.stderr and "fixed 2 finding(s)" in proc.stderr
    assert path.read_bytes() == bom + BASE.replace("\n", eol).encode(encoding)
    assert list(tmp_path.iterdir()) == [path]  # no temp file left


def test_diff_shows_and_writes_nothing(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(planted(VARIANT), "utf-8")
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--isolated", "--no-cache", "--diff", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "-一、工作总体情况\n+一、总体情况\n" in proc.stdout, proc.stdout + proc.stderr
    assert path.read_bytes() == before


def test_standard_input_gives_the_fixed_text_on_standard_output():
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--isolated", "--no-cache", "--fix", "--stdin-filename",
                           "draft.md", "-"], input=planted(VARIANT, TOTAL).encode("utf-8"), capture_output=True,
                          timeout=120)
    assert proc.stdout.decode("utf-8") == planted(TOTAL)  # the safe fix only: the total waits for a person
    assert b"draft.md:31:49: C001" in proc.stderr and proc.returncode == 1


def test_html_is_fixed_where_its_text_is_its_source(tmp_path):
    html = ("<html><body><h1>示例县人力资源和社会保障局2023年政府信息公开工作年度报告</h1>"
            + "".join(f"<p>{line}</p>\n" for line in planted(VARIANT).split("\n")[2:8]) + "</body></html>\n")
    out, found = fixed(html.encode("utf-8"), "r.html")
    assert any(d.code == "S003" and d.fix for d in found)
    assert "<p>一、总体情况</p>" in out.decode("utf-8")


def test_a_year_run_into_its_month_gets_its_year_back_and_a_month_that_does_not_exist_waits():
    out, _ = fixed(planted(("2023年1月1日至", "20231月1日至")).encode("utf-8"))
    assert "统计期限为2023年1月1日至2023年12月31日" in out.decode("utf-8")
    out, found = fixed(planted(("至2023年12月31日", "至2023年13月31日")).encode("utf-8"))
    assert [d.fix for d in found if d.code == "Y001"] == [None] and "2023年13月31日" in out.decode("utf-8")


def test_a_missing_fee_statement_gets_the_sentence_with_a_blank_at_the_parts_end_in_the_files_line_ends(tmp_path):
    text = planted(("本年度未收取信息处理费。", "本年度无其他需要报告的事项。")).replace("\n", "\r\n")
    out, found = fixed(text.encode("utf-8"))
    [f001] = [d for d in found if d.code == "F001"]
    assert f001.fix["applicability"] == "unsafe"
    assert out.decode("utf-8").rstrip("\r\n").endswith("本年度无其他需要报告的事项。\r\n本年度收取信息处理费共计____元。")
    assert b"\n" not in out.replace(b"\r\n", b"")  # no bare line feed in a CRLF file


def test_numbering_shifted_through_the_parts_is_the_templates_again_and_only_when_every_part_is_there():
    shifted = [("二、主动公开政府信息情况", "一、主动公开政府信息情况"), ("三、收到和处理", "二、收到和处理"),
               ("四、政府信息公开行政复议", "三、政府信息公开行政复议"), ("五、存在的主要", "四、存在的主要"),
               ("六、其他需要", "五、其他需要")]
    assert fixed(planted(*shifted).encode("utf-8"))[0].decode("utf-8") == BASE
    # a part missing: which heading is which part is no longer certain — no fix
    partial = planted(*shifted[:4], ("六、其他需要报告的事项\n", ""))
    found = [d for d in lint_bytes("r.md", partial.encode("utf-8"), RULES) if d.code == "S002"]
    assert found and all(d.fix is None for d in found)


def test_the_summary_and_the_full_format_say_what_a_fix_would_do(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(planted(VARIANT, TOTAL), "utf-8")  # S003 (safe fix), C001 (unsafe fix)
    run = lambda *args: subprocess.run([sys.executable, "-m", "xxgk_lint", "--isolated", "--no-cache", *args,  # noqa: E731
                                        str(path)], capture_output=True, text=True, timeout=120)
    proc = run("--format", "concise")
    assert proc.stderr.strip().endswith("；其中 1 个可用 --fix 修复，1 个可用 --unsafe-fixes 修复（需核对）。"), proc.stderr
    assert run("--format", "concise", "--lang", "en").stderr.strip().endswith(
        "[*] 1 fixable with --fix; 1 with --unsafe-fixes (check them).")
    full = run("--format", "full").stdout
    assert "   = 可用 --fix 修复：「工作总体情况」→「总体情况」\n" in full
    assert "   = 可用 --unsafe-fixes 修复（需核对）：「13」→「12」\n" in full
    (tmp_path / "xxgk-lint.toml").write_text('[[suppress]]\ncode = "S003"\nfiles = "*.md"\nreason = "旧稿"\n', "utf-8")
    shown = subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", "--include-suppressed", "r.md"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "S003" in shown.stdout and "1 个可用 --fix 修复" not in shown.stderr  # suppressed: never fixed
    (tmp_path / "xxgk-lint.toml").unlink()
    run("--fix")  # the safe fix made: the unsafe one is still offered
    assert run("--format", "concise").stderr.strip().endswith("个警告；其中 1 个可用 --unsafe-fixes 修复（需核对）。")
    run("--fix", "--unsafe-fixes")
    assert run("--format", "concise").stderr.strip() == "共检查 1 个文件：0 个错误，0 个警告。"


# --- what a review found: each pinned ------------------------------------------------------------

def cli(*args, cwd=None, input=None):
    return subprocess.run([sys.executable, "-m", "xxgk_lint", "--isolated", "--no-cache", *map(str, args)],
                          capture_output=True, input=input, cwd=cwd, timeout=120)


def test_two_insertions_on_one_line_each_land_where_they_belong():
    # Y001 twice on the 统计期限 line: the second 年 was put in by the first one's columns
    text = planted(("2023年1月1日至2023年12月31日", "20231月1日至202312月31日"))
    out, _ = fixed(text.encode("utf-8"))
    assert out.decode("utf-8") == BASE


def test_every_cell_of_a_row_is_fixed_in_one_run():
    # two N005 cells on one line, each fix shorter than its text: the second's columns move
    text = planted(("| 行政规范性文件 | 3 | 1 | 12 |", "| 行政规范性文件 | 1,003 | 1 | 1,012 |"))
    out, found = fixed(text.encode("utf-8"))
    assert [d.code for d in found if d.fix] == ["N005", "N005"]
    assert out.decode("utf-8") == planted(("| 行政规范性文件 | 3 | 1 | 12 |", "| 行政规范性文件 | 1003 | 1 | 1012 |"))
    assert fixed(out)[0] == out


@pytest.mark.parametrize("edits", [
    # 表三 （四）1 总计 3 → 6 (a wrong total) and （六）2 自然人 0 → 2 (a wrong part)
    [("| （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
      "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 1 | 0 | 0 | 0 | 0 | 6 |"),
     ("| | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 |",
      "| | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 2 |")],
    # 一 自然人 10 → 11 (a part) and 四 总计 1 → 2 (a total): 一's total made 13 would balance 表三
    # with the wrong 四, against the prose's 12
    [("| 一、本年新收政府信息公开申请数量 | | 10 | 2 |", "| 一、本年新收政府信息公开申请数量 | | 11 | 2 |"),
     ("| 四、结转下年度继续办理 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 四、结转下年度继续办理 | | 1 | 0 | 0 | 0 | 0 | 0 | 2 |")],
    # a wrong part (4. 其他 0 → 1) and a wrong total (2.重复申请 总计 0 → 1)
    [("| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 1 | 0 |"),
     ("| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |")],
], ids=["total-and-part", "part-and-carry-over", "part-and-total"])
def test_with_two_wrong_figures_no_total_is_changed(edits):
    # no relation's figures point at one total alone: which figures are wrong is a person's to say
    text = planted(*edits)
    out, found = fixed(text.encode("utf-8"))
    assert out.decode("utf-8") == text
    assert [d.code for d in found if d.code in ("C001", "C002", "C003")] and not [d for d in found if d.fix]


def test_a_suppressed_finding_is_not_fixed(tmp_path):
    path = tmp_path / "r.md"
    text = planted(("| 行政许可 | 56 |", "<!-- xxgk-lint: disable-next-line N005 -- 原件如此，保留 -->\n| 行政许可 | 1,056 |"))
    path.write_text(text, "utf-8")
    proc = cli("--fix", path)
    assert path.read_text("utf-8") == text and b"P003" not in proc.stdout + proc.stderr
    (tmp_path / "xxgk-lint.toml").write_text('[[suppress]]\ncode = "S003"\nfiles = "*.md"\nreason = "旧稿"\n', "utf-8")
    path.write_text(planted(VARIANT), "utf-8")
    subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", "--fix", "r.md"], cwd=tmp_path, timeout=120)
    assert path.read_text("utf-8") == planted(VARIANT)


def test_standard_input_among_other_paths_is_refused_and_nothing_is_written(tmp_path):
    disk = tmp_path / "disk.md"
    disk.write_text(planted(VARIANT), "utf-8")
    proc = cli("--fix", "--stdin-filename", disk, "-", disk, input=planted(VARIANT).encode("utf-8"))
    assert proc.returncode == 2 and b"standard input (-) is the only path" in proc.stderr
    assert disk.read_text("utf-8") == planted(VARIANT)


def test_diff_of_standard_input():
    proc = cli("--diff", "--stdin-filename", "draft.md", "-", input=planted(VARIANT).encode("utf-8"))
    assert proc.returncode == 1 and b"-\xe4\xb8\x80\xe3\x80\x81\xe5\xb7\xa5\xe4\xbd\x9c" in proc.stdout  # -一、工作…
    assert b"+++ b/draft.md" in proc.stdout


def test_a_link_is_written_through_and_a_read_only_file_is_not_written(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "r.md"
    target.write_text(planted(VARIANT), "utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert cli("--fix", link).returncode == 0
    assert link.is_symlink() and target.read_text("utf-8") == BASE
    target.write_text(planted(VARIANT), "utf-8")
    target.chmod(0o444)
    other = tmp_path / "other.md"
    other.write_text(planted(VARIANT), "utf-8")
    proc = cli("--fix", target, other)
    assert proc.returncode == 2, proc.stderr
    assert f"cannot write {target}: the file is read-only".encode() in proc.stderr
    assert target.read_text("utf-8") == planted(VARIANT)
    assert other.read_text("utf-8") == BASE  # the run went on
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr


@pytest.mark.parametrize("closing", [
    "\n\n示例县人力资源和社会保障局\n2024年1月20日\n", "\n2024-01-20\n", "\n（2024年1月20日）\n",
    "\n示例县人社局 2024年1月20日\n", "\n附件：1.政府信息公开申请办理情况表\n",
    "\n扫一扫在手机打开当前页\n", "\n— 7 —\n",  # as the real reports close (shared/reports, realdata)
])
def test_a_fee_sentence_goes_before_what_a_report_closes_with(closing):
    text = planted(("本年度未收取信息处理费。", "无。")).rstrip("\n") + closing
    out, _ = fixed(text.encode("utf-8"))
    assert out.decode("utf-8").endswith("无。\n本年度收取信息处理费共计____元。" + closing)


def test_no_fee_sentence_is_put_into_html():
    page = "<html><body><h2>六、其他需要报告的事项</h2><p>无。</p><div>主办：示例县</div></body></html>"
    html = BASE.split("六、其他需要报告的事项")[0].replace("\n", "<br>\n")
    found = lint_bytes("r.html", (html + page).encode("utf-8"), RULES)
    assert [d.fix for d in found if d.code == "F001"] == [None]


def test_a_wrong_total_is_mended_whatever_is_wrong_in_another_table():
    # 表四's 复议 总计 2 → 3 (its parts say 2) and, independently, two wrong figures in 表三
    text = planted(("| 1 | 0 | 0 | 1 | 2 |", "| 1 | 0 | 0 | 1 | 3 |"),
                   ("| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 1 | 0 |"),
                   ("| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |"))
    out, _ = fixed(text.encode("utf-8"))
    assert out.decode("utf-8") == planted(
        ("| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 1 | 0 |"),
        ("| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |"))
