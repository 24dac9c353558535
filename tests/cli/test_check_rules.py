"""The check-rules command: every rule of every file named is checked, even where two files give one
code (the run itself keeps the last)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_file_is_checked_when_two_give_one_code(run_cli, tmp_path):
    good = (REPO / "rules" / "S004-missing-title.yaml").read_text("utf-8")
    start = good.index("[[", good.index("replace:", good.index("bad:")))
    broken = good[:start] + '[["不存在的文字", "x"]]' + good[good.index("]]", start) + 2:]
    (tmp_path / "a.yaml").write_text(good, "utf-8")
    (tmp_path / "broken.yaml").write_text(broken, "utf-8")
    proc = run_cli("check-rules", "broken.yaml", "a.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "broken.yaml:1:1: error: S004 bad example 1: example edit does not apply" in proc.stderr
    assert proc.stdout.strip() == "2 rules, 6 examples, 0 fixes: 1 problem(s)"
    proc = run_cli("check-rules", "a.yaml", "a.yaml", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == "2 rules, 6 examples, 0 fixes: ok"


def _variant(name: str, old: str, new: str) -> str:
    text = (REPO / "rules" / name).read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_the_bundled_fixes_are_checked_on_their_examples(run_cli):
    proc = run_cli("check-rules", str(REPO / "rules"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith(", 11 fixes: ok")  # S002 S003 Y001 N005×3 C001 C002 C004 F001×2


def test_a_fix_that_does_not_give_the_fixed_text_is_an_error(run_cli, tmp_path):
    (tmp_path / "s003.yaml").write_text(_variant(
        "S003-nonstandard-section-title.yaml", '"五、存在的主要问题及改进情况"]]\n',
        '"五、存在问题及改进情况"]]\n'), "utf-8")
    proc = run_cli("check-rules", "s003.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert ("s003.yaml:1:1: error: S003 bad example 1: fix: the fix gives 「五、存在的主要问题及改进情况」 where "
            "`fixed` says 「五、存在问题及改进情况」") in proc.stderr


def test_a_rule_that_declares_a_fix_its_kind_cannot_make_is_an_error(run_cli, tmp_path):
    (tmp_path / "s004.yaml").write_text(_variant("S004-missing-title.yaml", "severity: warning\n",
                                                 "severity: warning\nfix: safe\n"), "utf-8")
    proc = run_cli("check-rules", "s004.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "s004.yaml:1:1: error: S004 fix: declares `fix: safe`, but no bad example is fixed" in proc.stderr


def test_fixed_where_nothing_is_fixed_is_an_error(run_cli, tmp_path):
    # the rule's fix withdrawn: its `fixed` expectations cannot hold
    (tmp_path / "y001.yaml").write_text(_variant("Y001-year-mismatch.yaml", "fix: safe", "# no fix"), "utf-8")
    proc = run_cli("check-rules", "y001.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Y001 bad example 2: fix: has `fixed`, but the rule fixes nothing here" in proc.stderr
    text = _variant("N005-number-format.yaml", '  good:\n    - base: "2021"\n',
                    '  good:\n    - base: "2021"\n      fixed: [["x", "y"]]\n')
    (tmp_path / "n005.yaml").write_text(text, "utf-8")
    proc = run_cli("check-rules", "n005.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "N005 good example 1: fix: a good example has nothing to fix" in proc.stderr
