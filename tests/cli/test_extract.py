"""`xxgk-lint extract` and the Python API (`xxgk_lint.lint`, `xxgk_lint.extract`) on real reports."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import xxgk_lint
from tests.documents import docx_from_markdown
from tests.texts import edit, example
from xxgk_lint.pipeline.figures import FIELDS, agency

REPO = Path(__file__).resolve().parents[2]
HONGZE = REPO / "examples" / "hongze-2024.pdf"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=300)


def cell(records: list[dict], table: str, row: str, column: str) -> dict:
    return next(r for r in records if (r["table"], r["row"], r["column"]) == (table, row, column))


def test_extract_gives_every_value_cell_the_checks_read(tmp_path):
    (tmp_path / "2021.md").write_text(example(), "utf-8")
    result = cli("extract", "2021.md", "--isolated", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert cell(records, "二.五", "行政许可", "本年处理决定数量")["number"] == 56
    total = cell(records, "三", "一", "总计")
    assert (total["value"], total["number"], total["row_label"]) == ("12", 12, "一、本年新收政府信息公开申请数量")
    text = example().splitlines()
    assert text[total["line"] - 1][total["col"] - 1:].startswith("12")  # where a finding would point
    assert len([r for r in records if r["table"] == "三"]) == 25 * 7
    assert cell(records, "四", "数据", "复诉.总计")["number"] == 1
    assert {r["template"] for r in records} == {"2021"} and {r["year"] for r in records} == {2023}
    assert {r["agency"] for r in records} == {"示例县人力资源和社会保障局"}  # the Markdown title's `#` is no name


def test_extract_csv_is_long_form_for_spreadsheets_and_equals_the_json(tmp_path):
    (tmp_path / "a.md").write_text(example(), "utf-8")
    (tmp_path / "b.md").write_text(example("2019"), "utf-8")
    assert cli("extract", ".", "--isolated", "--format", "csv", "--output", "cells.csv", cwd=tmp_path).returncode == 0
    raw = (tmp_path / "cells.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel and WPS take UTF-8 with its BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    records = json.loads(cli("extract", ".", "--isolated", cwd=tmp_path).stdout)
    assert list(rows[0]) == list(FIELDS) and len(rows) == len(records)
    assert {r["path"] for r in rows} == {"a.md", "b.md"}
    assert [r["value"] for r in rows] == [r["value"] for r in records]


def test_extract_names_a_documents_own_places(tmp_path):
    (tmp_path / "r.docx").write_bytes(docx_from_markdown(example()))
    records = json.loads(cli("extract", "r.docx", "--isolated", cwd=tmp_path).stdout)
    total = cell(records, "三", "一", "总计")
    assert (total["doc_table"], total["doc_row"], total["doc_column"]) == (2, 4, 9)
    pdf = json.loads(cli("extract", str(HONGZE), "--isolated", cwd=tmp_path).stdout)
    first = cell(pdf, "三", "一", "总计")
    assert (first["agency"], first["year"], first["number"]) == ("淮安市洪泽区人民政府", 2024, 95)
    assert (first["page"], first["doc_table"], first["doc_row"], first["doc_column"]) == (3, 2, 4, 10)


def test_extract_says_which_files_it_could_not_read_and_exits_1(tmp_path):
    (tmp_path / "ok.md").write_text(example(), "utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    result = cli("extract", ".", "--isolated", cwd=tmp_path)
    assert result.returncode == 1 and "broken.docx" in result.stderr
    assert {r["path"] for r in json.loads(result.stdout)} == {"ok.md"}
    assert cli("extract", "nowhere", "--isolated", cwd=tmp_path).returncode == 2


def test_extract_never_writes_over_a_report(tmp_path):
    (tmp_path / "r.md").write_text(example(), "utf-8")
    result = cli("extract", "r.md", "--isolated", "--output", "r.md", cwd=tmp_path)
    assert result.returncode == 2 and (tmp_path / "r.md").read_text("utf-8") == example()


def test_the_api_gives_plain_records_as_the_command_line_does(tmp_path):
    planted = tmp_path / "planted.md"
    planted.write_text(edit(example(), "| 行政许可 | 56 | | |", "| 行政许可 | -56 | | |"), "utf-8")
    found = xxgk_lint.lint(planted)
    command = json.loads(cli(str(planted), "--isolated", "--no-cache", "--format", "json", cwd=tmp_path).stdout)
    assert found == command and "N003" in [f["code"] for f in found]
    assert "negative" in next(f for f in xxgk_lint.lint(planted, lang="en") if f["code"] == "N003")["message"]
    cells = xxgk_lint.extract(tmp_path)
    assert cell(cells, "二.五", "行政许可", "本年处理决定数量")["number"] == -56
    assert all(set(r) == set(FIELDS) for r in cells)  # plain dicts: a DataFrame takes them as they are
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 broken")
    assert [f["code"] for f in xxgk_lint.lint(tmp_path / "broken.pdf")] == ["P001"]
    assert xxgk_lint.extract(tmp_path / "broken.pdf") == []


def test_importing_the_package_loads_no_api_until_asked():
    probe = "import sys, xxgk_lint; print('xxgk_lint.api' in sys.modules, xxgk_lint.__version__)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert result.stdout.split() == ["False", xxgk_lint.__version__]


def test_the_agency_is_read_from_the_title():
    assert agency("淮安市洪泽区人民政府2024年政府信息公开工作年度报告") == "淮安市洪泽区人民政府"
    assert agency("上海市教育委员会2023年度政府信息公开工作年度报告") == "上海市教育委员会"
    assert agency("《示例县（2022年）政府信息公开工作年度报告》") == "示例县"
    assert agency("北京市2021年政府信息公开年报") == "北京市"
    assert agency("政府信息公开工作年度报告") == ""
    # as real titles write it: a space inside, the year first, 关于, the year after the name's first words
    assert agency("湘潭县人力资源和社会保障局2023年政府信息公开 工作年度报告") == "湘潭县人力资源和社会保障局"
    assert agency("2024年上海市科学技术委员会政府信息公开工作年度报告") == "上海市科学技术委员会"
    assert agency("正文2024年上海市科学技术委员会政府信息公开工作年度报告") == "上海市科学技术委员会"
    assert agency("某某局关于2023年政府信息公开工作年度报告") == "某某局"
    assert agency("某某局政府信息公开工作2023年度报告") == "某某局"
    assert agency("某某局2023年政务公开工作年度报告") == "某某局"
    assert agency("关于做好2023年政府信息公开工作年度报告编制工作的通知") == ""  # a notice, no title
    assert agency("某某局政府信息公开工作年度报告") == "某某局"  # no year in the title: 统计期限 may give it


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_an_extract_that_fails_leaves_no_file_behind(tmp_path, monkeypatch, capsys, failure):
    from xxgk_lint.cli import extract as command
    from xxgk_lint.cli import main
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(example(), "utf-8")
    monkeypatch.chdir(tmp_path)
    written = []

    def write(self, text):  # the second report cannot be written: Ctrl-C, or a full disk
        written.append(text)
        if len(written) == 2:
            raise failure

    monkeypatch.setattr(command._Json, "write", write)
    assert main(["extract", ".", "--isolated", "--output", "cells.json"]) == (130 if failure is KeyboardInterrupt else 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def reports(folder: Path, count: int) -> list[str]:
    """`count` different reports (both templates, edited figures) and, among them, one unreadable."""
    names = []
    for i in range(count):
        text = example("2019" if i % 3 == 2 else "2021")
        text = text.replace("| 行政许可 | 56 |", f"| 行政许可 | {56 + i} |") if i % 3 != 2 else text
        names.append(f"r{i:02d}.md")
        (folder / names[-1]).write_text(text, "utf-8")
    (folder / "r07.docx").write_bytes(b"not a zip")
    return names


def test_extract_with_jobs_writes_what_one_process_writes(tmp_path):
    reports(tmp_path, 24)
    written = {}
    for fmt in ("json", "csv"):
        one = cli("extract", ".", "--isolated", "--format", fmt, "--jobs", "1", cwd=tmp_path)
        two = cli("extract", ".", "--isolated", "--format", fmt, "--jobs", "2", cwd=tmp_path)
        assert one.returncode == two.returncode == 1 and "r07.docx" in two.stderr
        assert one.stdout == two.stdout and one.stderr == two.stderr
        assert "\r" not in two.stderr  # no progress line: standard error is no terminal
        assert cli("extract", ".", "--isolated", "--format", fmt, "--jobs", "2", "--output", "out", cwd=tmp_path
                   ).returncode == 1
        assert (tmp_path / "out").read_text("utf-8-sig" if fmt == "csv" else "utf-8") == two.stdout
        (tmp_path / "out").unlink()
        written[fmt] = two.stdout
    records = json.loads(written["json"])
    assert [r["number"] for r in records if (r["table"], r["row"], r["column"]) == ("二.五", "行政许可", "本年处理决定数量")
            and r["template"] == "2021"] == [56 + i for i in range(24) if i % 3 != 2]
    assert list(dict.fromkeys(r["path"] for r in records)) == [f"r{i:02d}.md" for i in range(24)]
    assert cli("extract", ".", "--jobs", "0", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_while_reading_one_report_is_said_and_the_others_are_written(tmp_path, monkeypatch, capsys, jobs):
    from xxgk_lint.cli import extract as command
    from xxgk_lint.cli import main
    names = reports(tmp_path, 20)
    monkeypatch.chdir(tmp_path)
    real = command.figures
    monkeypatch.setattr(command, "figures", lambda report: 1 / 0 if report.doc.path == "r05.md" else real(report))
    assert main(["extract", ".", "--isolated", "--jobs", jobs, "--output", "cells.json"]) == 2
    err = capsys.readouterr().err
    assert "xxgk-lint: error: r05.md: internal error: ZeroDivisionError" in err and "r07.docx" in err
    written = json.loads((tmp_path / "cells.json").read_text("utf-8"))
    assert list(dict.fromkeys(r["path"] for r in written)) == [n for n in names if n != "r05.md"]


@pytest.mark.parametrize("terminal", [True, False])
def test_a_long_extract_shows_its_progress_only_on_a_terminal(tmp_path, monkeypatch, capsys, terminal):
    from xxgk_lint.cli import main, sinks
    reports(tmp_path, 60)
    monkeypatch.chdir(tmp_path)
    ticks = iter(range(10**6))
    monkeypatch.setattr(sinks, "time", type("Clock", (), {"monotonic": staticmethod(lambda: next(ticks))}))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    assert main(["extract", ".", "--isolated", "--jobs", "1", "--output", "cells.json"]) == 1
    err = capsys.readouterr().err
    assert ("\r[61/61] r59.md" in err) is terminal and ("\r" in err) is terminal


def test_extract_workers_started_without_fork_read_alike(tmp_path, monkeypatch):
    """Windows and macOS spawn: the settings go to each worker pickled."""
    import multiprocessing

    from xxgk_lint.cli.extract import _extract_one
    from xxgk_lint.run.config import Settings
    from xxgk_lint.run.runner import in_order
    names = [str(tmp_path / name) for name in reports(tmp_path, 16)]
    job = (Settings(), "2021", "csv")
    here = list(in_order(_extract_one, names, job, 1))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert list(in_order(_extract_one, names, job, 2)) == here and here[0][0].startswith(str(tmp_path).encode())


def test_output_to_a_folder_or_a_missing_folder_is_a_usage_error(tmp_path):
    import subprocess
    import sys
    report = Path(__file__).resolve().parents[2] / "examples" / "000_eac3f6eb663f9cec.txt"
    for target, said in ((tmp_path, "is a folder"), (tmp_path / "no" / "x.json", "does not exist")):
        proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", "--isolated", str(report), "--output",
                               str(target)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and said in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_text_a_spreadsheet_would_run_is_written_after_an_apostrophe():
    from xxgk_lint.cli.extract import _cell
    assert _cell('=HYPERLINK("http://x","a")') == '\'=HYPERLINK("http://x","a")'
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("-3") == "-3" and _cell(-3) == -3 and _cell("12") == "12"


def test_the_agency_is_the_one_the_configuration_gives(tmp_path):
    """extract reads what the checks read: an [[overrides]] agency, a name through the aliases."""
    import subprocess
    import sys
    base = (Path(__file__).resolve().parents[2] / "rules" / "examples" / "2021.md").read_text("utf-8")
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "draft.md").write_text(base, "utf-8")
    (tmp_path / "r" / "other.md").write_text(base, "utf-8")
    (tmp_path / "xxgk-lint.toml").write_text('[[overrides]]\nfiles = "r/draft.md"\nagency = "甲局"\n\n'
                                            '[aliases]\n"乙局" = ["示例县人力资源和社会保障局"]\n', "utf-8")
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", "r", "--format", "csv", "--jobs", "1"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    agencies = {row["path"]: row["agency"] for row in csv.DictReader(io.StringIO(proc.stdout.lstrip("\ufeff")))}
    assert agencies == {"r/draft.md": "甲局", "r/other.md": "乙局"}
