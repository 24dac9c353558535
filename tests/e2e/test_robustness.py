"""Issue #5: bad input never breaks the linter; output is deterministic; the hot path stays light.

Fuzzing budget: FUZZ_EXAMPLES inputs per strategy (raise XXGK_FUZZ_EXAMPLES for a longer run)."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk_lint import cli
from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.resources import seal

REPO = Path(__file__).resolve().parents[2]
RULES = load_rules([])
SEEDS = [p.read_bytes() for p in sorted((REPO / "tests" / "fixtures" / "reports").glob("*.txt"))]
SEEDS.append((REPO / "rules" / "examples" / "2021.md").read_bytes())
FUZZ_EXAMPLES = int(os.environ.get("XXGK_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=5000, suppress_health_check=list(HealthCheck))


def well_formed(found) -> None:
    for d in found:
        assert d.line >= 1 and d.column >= 1 and d.end_line >= d.line
        assert d.code and d.severity in ("error", "warning", "info") and isinstance(d.message, str)
        assert all(r["line"] >= 1 and r["column"] >= 1 for r in d.related)


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["r.txt", "r.md", "r.html"]))
def test_random_bytes(data, name):
    well_formed(lint_bytes(name, data, RULES))


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(["r.txt", "r.md", "r.html"]))
def test_random_unicode(text, name):
    well_formed(lint_bytes(name, text.encode("utf-8"), RULES))


@st.composite
def mutated_report(draw):
    """A real report truncated, with lines deleted, duplicated or swapped, cells removed or doubled."""
    lines = draw(st.sampled_from(SEEDS)).decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "drop-cell", "double-cell", "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action in ("drop-cell", "double-cell"):
            sep = "|" if "|" in lines[i] else "\t"
            cells = lines[i].split(sep)
            k = draw(st.integers(0, len(cells) - 1))
            cells[k:k + 1] = [] if action == "drop-cell" else [cells[k], cells[k]]
            lines[i] = sep.join(cells)
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            lines = lines[: i + 1]
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])))


@FUZZ
@given(mutated_report(), st.sampled_from(["r.txt", "r.md"]))
def test_mutated_real_reports(data, name):
    well_formed(lint_bytes(name, data, RULES))


HTML = [p.read_bytes() for p in sorted((REPO / "tests" / "fixtures" / "html").glob("*.html"))]


@FUZZ
@given(st.sampled_from(HTML), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 400),
                                                 st.sampled_from([b"", b"<td>", b"</tr>", b"<table>", b"</table>",
                                                                  b"<td rowspan=50 colspan=50>", b"<!--", b"&#",
                                                                  b"<script>", b"\xff"])), max_size=6))
def test_mutated_html(page, edits):
    """Tags cut, doubled, unclosed; comments and scripts left open; bytes that are not the charset."""
    for at, cut, insert in edits:
        at %= len(page) + 1
        page = page[:at] + insert + page[at + cut:]
    well_formed(lint_bytes("r.html", page, RULES))


def run(args, cwd, input=None):
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", *map(str, args)], cwd=cwd, input=input,
                          capture_output=True, timeout=300)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 2)
    return proc


def test_cli_on_garbage_gives_valid_json_and_sarif(tmp_path):
    import random

    rng = random.Random(5)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.md").write_bytes(b"\x00\x01PDF" * 50)
    (tmp_path / "latin.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    (tmp_path / "half.txt").write_bytes(SEEDS[0][: len(SEEDS[0]) // 2])
    (tmp_path / "page.html").write_bytes(b"<html><table><tr><td rowspan=99999>x" + b"<td>" * 2000)
    for fmt in ("json", "sarif"):
        proc = run(["--format", fmt, "--no-cache", "."], tmp_path)
        data = json.loads(proc.stdout)
        assert data if fmt == "json" else data["runs"][0]["results"]
        assert proc.returncode == 1
    found = json.loads(run(["--format", "json", "--no-cache", "."], tmp_path).stdout)
    assert {d["path"].rsplit("/", 1)[-1] for d in found if d["code"] == "P001"} == {"empty.txt", "nul.md", "latin.txt"}


def test_output_is_deterministic_across_runs_jobs_and_order(tmp_path):
    names = []
    for i in range(20):
        seed = SEEDS[i % len(SEEDS)]
        name = f"r{i:02d}.txt"
        (tmp_path / name).write_bytes(seed)
        names.append(name)
    outputs = set()
    for jobs, order in ((1, names), (2, names[::-1]), (2, names)):
        for fmt in ("concise", "sarif"):
            proc = run(["--format", fmt, "--no-cache", "--jobs", jobs, *order], tmp_path)
            outputs.add((fmt, proc.stdout))
    assert len(outputs) == 2  # one text per format, whatever the jobs and the order


def test_result_cache_reuses_and_invalidates(tmp_path):
    (tmp_path / "r.md").write_bytes(SEEDS[-1].replace(b"| 0 | 0 | 0 | 0 | 12 |", b"| 0 | 0 | 0 | 0 | 13 |", 1))
    first = run(["--format", "json", "r.md"], tmp_path).stdout
    entries = list((tmp_path / ".xxgk_lint_cache").rglob("*.marshal"))
    assert len(entries) == 1 and (tmp_path / ".xxgk_lint_cache" / "CACHEDIR.TAG").is_file()
    assert run(["--format", "json", "r.md"], tmp_path).stdout == first
    assert run(["--format", "json", "--lang", "en", "r.md"], tmp_path).stdout != first  # other settings
    (tmp_path / "r.md").write_bytes(SEEDS[-1])  # fixed: the cached findings must not come back
    assert json.loads(run(["--format", "json", "r.md"], tmp_path).stdout) == []


def test_internal_error_in_one_file_is_its_finding(tmp_path, monkeypatch, capsys):
    from xxgk_lint.checks.kinds import KINDS, sum_equals

    (tmp_path / "a.md").write_bytes(SEEDS[-1])
    (tmp_path / "b.txt").write_bytes(SEEDS[3])  # 003: P002 findings, no sums
    original = sum_equals.check

    def broken(rule, report):
        if report.doc.path.endswith("a.md"):
            raise ZeroDivisionError("planted bug")
        return original(rule, report)

    monkeypatch.setitem(KINDS, "sum_equals", type("K", (), {"check": staticmethod(broken)}))
    monkeypatch.chdir(tmp_path)
    code = cli.main(["--format", "json", "--no-cache", "a.md", "b.txt"])
    out = capsys.readouterr()
    found = json.loads(out.out)
    assert code == 2 and "Traceback" not in out.err
    assert [(d["path"], d["code"]) for d in found if d["path"] == "a.md"] == [("a.md", "P004")]
    assert any(d["path"] == "b.txt" and d["code"] == "P002" for d in found)


def test_yaml_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    (tmp_path / "bomb.yaml").write_text(bomb, "utf-8")
    proc = run(["check-rules", "bomb.yaml"], tmp_path)
    assert proc.returncode == 2 and "more than" in proc.stderr.decode()


# Each costs more than linting a report. Modules Python's own start-up already loaded (an editable
# install's hook loads pathlib, for one) cost nothing more and are not counted.
HEAVY = {"jsonschema", "ruamel", "yaml", "opencc", "referencing", "dataclasses", "inspect", "argparse", "pathlib",
         "json", "shutil", "decimal", "typing", "locale", "gettext", "tomllib", "re2", "pathspec",
         "defusedxml", "zipfile", "pdfplumber", "pdfminer", "pypdfium2", "PIL", "subprocess", "tempfile"}


def _new_heavy_modules(report: str, cwd, *options: str, env: dict | None = None) -> list[str]:
    probe = ("import sys; before = set(sys.modules); from xxgk_lint.cli import main; "
             "main(['--exit-zero', *sys.argv[2:], sys.argv[1]]); "
             f"print(sorted({{m.split('.')[0] for m in set(sys.modules) - before}} & set({sorted(HEAVY)!r})), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, report, *options], capture_output=True, text=True, cwd=cwd,
                          env=env)
    return eval(proc.stderr.strip().splitlines()[-1])  # a list literal printed by the probe


@pytest.mark.parametrize("options", [["--no-cache"], []])
def test_simplified_report_imports_no_heavy_module(tmp_path, options):
    assert _new_heavy_modules(str(REPO / "examples" / "004_a16ce7be3385554c.txt"), tmp_path, *options) == []
    # the probe can see an import: a Traditional report needs opencc (and it brings typing)
    assert "opencc" in _new_heavy_modules(str(REPO / "examples" / "002_6f4406728cdecfc5.txt"), tmp_path, "--no-cache")


def test_a_configuration_is_parsed_once_not_on_every_run(tmp_path):
    """tomllib (it brings typing and datetime) costs more than a lint: a configured repository pays
    for it when its configuration text is new, and reads the remembered document after that."""
    env = {**os.environ, "XXGK_LINT_CACHE_DIR": str(tmp_path / "cache")}
    report = tmp_path / "r.txt"
    report.write_bytes((REPO / "examples" / "004_a16ce7be3385554c.txt").read_bytes())  # its only finding: S004

    def codes() -> list[str]:
        proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", "--format", "json", "r.txt"],
                              capture_output=True, text=True, cwd=tmp_path, env=env)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
        return [d["code"] for d in json.loads(proc.stdout)]

    assert codes() == ["S004"]  # unconfigured (and the rule pack is built)
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "reports"\n\n[tool.xxgk-lint]\nignore = ["S004"]\n', "utf-8")
    assert "tomllib" in _new_heavy_modules("r.txt", tmp_path, "--no-cache", env=env)  # a new text: parsed
    assert _new_heavy_modules("r.txt", tmp_path, "--no-cache", env=env) == []  # then remembered
    assert codes() == []  # the remembered configuration is applied
    config.write_text('[project]\nname = "reports"\n\n[tool.xxgk-lint]\nignore = ["N001"]\n', "utf-8")
    assert codes() == ["S004"]  # an edit is a new text: read again
    (stored,) = [p for p in (tmp_path / "cache").glob("toml-*") if b"N001" in p.read_bytes()]
    planted = marshal.dumps({"tool": {"xxgk-lint": {"ignore": ["S004"]}}})
    stored.write_bytes(b"\x00" * 16 + planted)  # a document that does not match its seal: parsed again
    assert codes() == ["S004"]
    stored.write_bytes(seal(planted))  # sealed: taken (the seal is all that tells it from damage) …
    assert codes() == []
    (tmp_path / "cache").chmod(0o777)  # … but never from a folder others can write to (a shared /tmp)
    assert codes() == ["S004"]
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o777  # one the user named is left as it is
    # a document marshal cannot hold (a TOML date) is parsed on every run, and still applied
    config.write_text('[project]\nname = "reports"\nreleased = 2024-01-31\n\n[tool.xxgk-lint]\nignore = ["S004"]\n',
                      "utf-8")
    assert codes() == [] and codes() == []


def test_an_open_cache_folder_of_the_users_is_closed_and_emptied_of_cache_entries(tmp_path):
    """The temp folder is shared: the default cache folder there is read only when it is this user's
    alone. One an earlier version left open (umask 002) is closed, and the entries anyone could have
    planted in it are deleted; other files are not the linter's to delete."""
    env = {k: v for k, v in os.environ.items() if k != "XXGK_LINT_CACHE_DIR"}
    (tmp_path / "home-cache").write_text("a file: no cache folder can be made under it")
    env.update(XDG_CACHE_HOME=str(tmp_path / "home-cache"), TMPDIR=str(tmp_path))
    folder = tmp_path / f"xxgk-lint-{os.getuid()}"
    report = str(REPO / "examples" / "004_a16ce7be3385554c.txt")
    run_it = lambda: subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", report],  # noqa: E731
                                    capture_output=True, cwd=tmp_path, env=env)
    assert run_it().returncode == 0 and folder.stat().st_mode & 0o777 == 0o700
    (pack,) = folder.glob("rulepack-*")
    folder.chmod(0o777)
    pack.write_bytes(seal(marshal.dumps({"rules": [], "templates": {}})))  # planted: no rules, no findings
    (folder / "notes.txt").write_text("not the linter's")
    assert b"S004" in run_it().stdout  # the planted pack is not read: the rules are there
    assert folder.stat().st_mode & 0o777 == 0o700 and (folder / "notes.txt").exists()
    assert b"S004" in run_it().stdout and len(list(folder.glob("rulepack-*"))) == 1


def test_damaged_cache_files_are_misses_not_gigabytes(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(SEEDS[-1])
    first = run(["--format", "json", "r.md"], tmp_path).stdout
    entries = list((tmp_path / ".xxgk_lint_cache").rglob("*.marshal"))
    assert len(entries) == 1
    entries[0].write_bytes(b"(\xff\xff\xff\x7f" + entries[0].read_bytes()[5:])  # a list of 2**31 items
    again = run(["--format", "json", "r.md"], tmp_path)
    assert again.returncode in (0, 1) and again.stdout == first


def test_two_installs_of_one_version_keep_their_own_rule_packs(tmp_path):
    """A pre-commit hook and a checkout (one version number, different code) share the cache folder:
    each builds its own pack once. A pack from other code may not fit this code: a changed format
    was rebuilt on every other run (jsonschema and YAML each time), a changed validation went stale."""
    import shutil

    env = {**os.environ, "XXGK_LINT_CACHE_DIR": str(tmp_path / "cache")}
    installs = []
    for name in ("a", "b"):
        root = tmp_path / name
        for part in ("src", "rules", "schemas"):
            shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        installs.append(root)
    (installs[1] / "src" / "xxgk_lint" / "checks" / "rule.py").open("a").write("\n# a later commit\n")
    report = str(REPO / "examples" / "004_a16ce7be3385554c.txt")

    def validated(root) -> bool:  # did this run validate the rules (a rebuilt pack)?
        probe = ("import sys; from xxgk_lint.cli import main; main(['--no-cache', '--exit-zero', sys.argv[1]]); "
                 "print('jsonschema' in sys.modules, file=sys.stderr)")
        proc = subprocess.run([sys.executable, "-c", probe, report], capture_output=True, text=True, cwd=tmp_path,
                              env={**env, "PYTHONPATH": str(root / "src")})
        return proc.stderr.strip().splitlines()[-1] == "True"

    assert [validated(root) for root in installs * 2] == [True, True, False, False]
    assert len(list((tmp_path / "cache").glob("rulepack-*"))) == 2


def test_a_batch_collects_cyclic_garbage_seldom():
    """Reports make thousands of short-lived objects that reference counting frees: a run does not
    let CPython's default threshold (700) start a collection several times per report."""
    probe = ("import gc, sys; from xxgk_lint.cli import main; main(['--no-cache', '--exit-zero', sys.argv[1]]); "
             "print(gc.get_threshold()[0], file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, str(REPO / "examples" / "004_a16ce7be3385554c.txt")],
                          capture_output=True, text=True)
    assert int(proc.stderr.strip().splitlines()[-1]) >= 10_000


def test_memos_keep_labels_not_whole_texts():
    """The per-text memos (labels, row lookups, headings, line and cell pieces) live as long as the
    process: an audit of thousands of reports must not leave each report's text in them."""
    import gc

    from xxgk_lint.pipeline import labels, normalize, sections, tables

    prose = "本机关认真贯彻落实政府信息公开条例，不断加大主动公开力度，规范依申请公开办理。" * 20
    seed = (REPO / "examples" / "004_a16ce7be3385554c.txt").read_text("utf-8")
    for i in range(3):  # long prose in part 一 and inside a table's part
        text = seed.replace("一、总体情况", f"一、总体情况\n{prose}{i}", 1)
        text = text.replace("四、政府信息公开行政复议", f"{prose}{i}\n四、政府信息公开行政复议", 1)
        assert text.count(prose) == 2
        lint_bytes("r.txt", text.encode("utf-8"), RULES)
    row_indexes = [o for o in gc.get_objects() if isinstance(o, labels.RowIndex)]
    memo_keys = [*normalize._KEYS, *(t for _, t in sections._READ), *tables._RECIPES[0], *tables._RECIPES[1],
                 *tables._PIECES, *(k for index in row_indexes for k in index.memo)]
    assert row_indexes and memo_keys and max(len(k) for k in memo_keys) <= 300


def test_a_full_memo_is_emptied_before_it_grows():
    from xxgk_lint.speed import remember

    memo: dict = {}
    for i in range(5):
        assert remember(memo, f"text {i}", i, limit=2) == i
        assert len(memo) <= 2 and memo[f"text {i}"] == i


def test_a_streaming_run_keeps_nothing_per_file(tmp_path, monkeypatch, capsys):
    """An audit of many files streams: the run keeps counts, not a list of every file, and each
    notification (an unreadable file's, a missing path's) is written exactly once; JUnit, which
    lists every file, still gets them all."""
    from xxgk_lint.cli import check

    runs = []

    class Recorded(check.Run):
        def __init__(self, *args):
            super().__init__(*args)
            runs.append(self)

    monkeypatch.setattr(check, "Run", Recorded)
    seed = (REPO / "examples" / "004_a16ce7be3385554c.txt").read_bytes()
    for i in range(20):
        (tmp_path / f"r{i:02d}.txt").write_bytes(seed)
    (tmp_path / "empty.txt").write_bytes(b"")
    missing = str(tmp_path / "gone.txt")
    assert cli.main(["--no-cache", "--format", "github", "--jobs", "1", str(tmp_path), missing]) == 2
    out, _ = capsys.readouterr()
    assert getattr(runs[0].report, "files", []) == [] and runs[0].tally.linted == 21
    assert [n.path for n in runs[0].report.notifications] == [missing]
    assert out.count("title=S004") == 20
    assert out.count(f"::error file={missing},") == 1
    assert out.count("::warning file=" + str(tmp_path / "empty.txt") + ",line=1,col=1::P001") == 1

    assert cli.main(["--no-cache", "--format", "junit", "--jobs", "1", str(tmp_path)]) == 1  # P001 is an error
    out, _ = capsys.readouterr()
    assert len(runs[1].report.files) == 21 and out.count("<testcase ") >= 21
