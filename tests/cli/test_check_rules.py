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
    assert proc.stdout.strip() == "2 rules, 6 examples: 1 problem(s)"
    proc = run_cli("check-rules", "a.yaml", "a.yaml", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == "2 rules, 6 examples: ok"
