"""File discovery: exclusion globs relative to the project root, .gitignore wherever the linter
runs, special files — through the real command line where the behaviour is visible there, else
through the functions."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from run_helpers import cli, put

from xxgk_lint.run.discovery import describe_missing, discover

HAS_GIT = shutil.which("git") is not None


def linted(proc: subprocess.CompletedProcess) -> set[str]:
    """The files a run linted: every file here gets S004 (no title), so each shows up once."""
    return {Path(d["path"]).as_posix() for d in json.loads(proc.stdout)}


def lint_names(*args, cwd: Path, env: dict | None = None) -> set[str]:
    return linted(cli("--format", "json", "--select", "S004", *args, cwd=cwd, env=env))


# --- 3. exclusion patterns ----------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    """A project: drafts/old at the top and under reports, plus ordinary reports."""
    put(tmp_path, "reports/a.txt", "reports/drafts/old/b.txt", "reports/drafts/new.txt",
        "drafts/old/c.txt", "drafts/old/deeper/d.md", "drafts/e.txt")
    return tmp_path


ALL = {"reports/a.txt", "reports/drafts/old/b.txt", "reports/drafts/new.txt", "drafts/old/c.txt",
       "drafts/old/deeper/d.md", "drafts/e.txt"}


@pytest.mark.parametrize("pattern, gone", [
    ("drafts/old/", {"drafts/old/c.txt", "drafts/old/deeper/d.md"}),  # the README example
    ("drafts/old", {"drafts/old/c.txt", "drafts/old/deeper/d.md"}),
    ("./drafts/old", {"drafts/old/c.txt", "drafts/old/deeper/d.md"}),
    ("reports/drafts/old", {"reports/drafts/old/b.txt"}),
    ("**/drafts/old", {"reports/drafts/old/b.txt", "drafts/old/c.txt", "drafts/old/deeper/d.md"}),
    ("old", {"reports/drafts/old/b.txt", "drafts/old/c.txt", "drafts/old/deeper/d.md"}),
    ("old/", {"reports/drafts/old/b.txt", "drafts/old/c.txt", "drafts/old/deeper/d.md"}),
    ("/drafts", {"drafts/old/c.txt", "drafts/old/deeper/d.md", "drafts/e.txt"}),
    ("drafts/*.txt", {"drafts/e.txt"}),
    ("drafts/**/*.md", {"drafts/old/deeper/d.md"}),
    ("*.md", {"drafts/old/deeper/d.md"}),
    ("a.txt/", set()),  # folders only
    ("old/c.txt", set()),  # anchored at the root, where there is no old/
])
def test_exclude_patterns_through_the_cli(tree, pattern, gone):
    (tree / "xxgk-lint.toml").write_text(f"extend-exclude = [{json.dumps(pattern)}]\n", "utf-8")
    assert lint_names(".", cwd=tree) == ALL - gone


def test_slashed_patterns_start_at_the_root_not_the_searched_folder(tree):
    (tree / "xxgk-lint.toml").write_text('extend-exclude = ["reports/drafts/old"]\n', "utf-8")
    assert lint_names("reports", cwd=tree) == {"reports/a.txt", "reports/drafts/new.txt"}


def test_root_parameter_anchors_patterns(tree, monkeypatch):
    monkeypatch.chdir(tree / "reports")
    files, _ = discover(["."], ["reports/drafts/old/", "drafts/new.txt"], root=tree)
    assert set(files) == {"a.txt", "drafts/new.txt"}
    files, _ = discover(["."], ["reports/drafts/old/"])  # default root: here, where reports/ is not
    assert set(files) == {"a.txt", "drafts/new.txt", "drafts/old/b.txt"}


def test_patterns_are_relative_to_the_config_file_not_the_working_directory(tree):
    (tree / "xxgk-lint.toml").write_text('extend-exclude = ["reports/drafts/old/"]\n', "utf-8")
    assert lint_names(".", cwd=tree / "reports") == {"a.txt", "drafts/new.txt"}


def test_named_folder_is_searched_unless_force_exclude(tree):
    (tree / "xxgk-lint.toml").write_text('extend-exclude = ["drafts/old/"]\n', "utf-8")
    assert lint_names("drafts/old", cwd=tree) == {"drafts/old/c.txt", "drafts/old/deeper/d.md"}
    assert lint_names("--force-exclude", "drafts/old", cwd=tree) == set()
    assert lint_names("--force-exclude", "drafts/old/deeper/d.md", "drafts/e.txt", cwd=tree) == {"drafts/e.txt"}
    assert lint_names("drafts/old/deeper/d.md", cwd=tree) == {"drafts/old/deeper/d.md"}


def test_default_excludes_only_below_the_searched_folder(tmp_path):
    put(tmp_path, "build/r.txt", "src/build/x.txt", "src/y.txt")
    assert lint_names(".", cwd=tmp_path) == {"src/y.txt"}
    assert lint_names("build", cwd=tmp_path) == {"build/r.txt"}  # named: searched, as in ruff


# --- 4. .gitignore wherever the linter runs -------------------------------------------------------

needs_git = pytest.mark.skipif(not HAS_GIT, reason="git is not installed")


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    put(root, "reports/a.txt", "reports/ignored.txt", "reports/old/b.txt")
    (root / ".gitignore").write_text("reports/ignored.txt\nold/\n", "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (tmp_path / "elsewhere").mkdir()
    return root


@needs_git
def test_gitignore_applies_from_outside_the_repository(repo, tmp_path):
    assert lint_names(repo / "reports", cwd=tmp_path / "elsewhere") == {(repo / "reports/a.txt").as_posix()}
    assert lint_names("reports", cwd=repo) == {"reports/a.txt"}
    assert lint_names(repo / "reports/ignored.txt", cwd=tmp_path / "elsewhere") == \
        {(repo / "reports/ignored.txt").as_posix()}  # named on the command line: linted


@needs_git
def test_gitignore_can_be_turned_off(repo):
    (repo / "xxgk-lint.toml").write_text("respect-gitignore = false\n", "utf-8")
    assert lint_names("reports", cwd=repo) == {"reports/a.txt", "reports/ignored.txt", "reports/old/b.txt"}


def test_no_git_or_no_repository_is_no_error(tmp_path):
    put(tmp_path, "reports/a.txt")
    (tmp_path / ".gitignore").write_text("a.txt\n", "utf-8")  # not a repository: does not apply
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    proc = cli("--format", "json", "--select", "S004", "reports", cwd=tmp_path, env=env)
    assert linted(proc) == {"reports/a.txt"} and "fatal" not in proc.stderr
    proc = cli("--format", "json", "--select", "S004", "reports", cwd=tmp_path, env={"PATH": str(tmp_path / "none")})
    assert linted(proc) == {"reports/a.txt"} and proc.stderr == ""


@needs_git
def test_one_git_process_per_searched_folder_and_none_for_files(repo, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(args, *a, **kw):
        calls.append(args)
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "run", counting)
    monkeypatch.chdir(repo)
    files, _ = discover(["reports", "reports/old", "reports/ignored.txt"], [], root=repo)
    assert set(files) == {"reports/a.txt", "reports/ignored.txt"}
    assert len(calls) == 2 and all(c[:3] == ["git", "-C", c[2]] for c in calls)
    calls.clear()
    discover(["reports/a.txt", "reports/ignored.txt"], [], force_exclude=True, root=repo)
    assert calls == []


# --- 5. special files ---------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_fifo_and_device_link_are_not_read(tmp_path):
    put(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    links = []
    if Path("/dev/zero").exists():
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
        links.append("zero.txt")
    proc = cli("--format", "json", "--select", "S004", "a.txt", "pipe.txt", *links, "gone.txt", cwd=tmp_path,
               timeout=30)
    assert proc.returncode == 2 and linted(proc) == {"a.txt"}
    for name in ["pipe.txt", *links]:
        assert f"xxgk-lint: error: {name}: not a regular file (a device, FIFO or socket)" in proc.stderr
    assert "xxgk-lint: error: gone.txt: no such file or directory" in proc.stderr


@needs_fifo
def test_folder_scan_skips_special_files_silently(tmp_path):
    put(tmp_path, "r/a.txt")
    os.mkfifo(tmp_path / "r" / "pipe.md")
    if Path("/dev/zero").exists():
        (tmp_path / "r" / "zero.txt").symlink_to("/dev/zero")
    proc = cli("--format", "json", "--select", "S004", "r", cwd=tmp_path, timeout=30)
    assert linted(proc) == {"r/a.txt"} and proc.stderr == ""


def test_describe_missing(tmp_path):
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    assert describe_missing(str(tmp_path / "nope.txt")) == "no such file or directory"
    assert describe_missing(str(tmp_path / "broken.txt")) == "no such file or directory"
    files, missing = discover([str(tmp_path / "broken.txt"), str(tmp_path / "nope.txt")], [])
    assert files == [] and missing == [str(tmp_path / "broken.txt"), str(tmp_path / "nope.txt")]
    if Path("/dev/null").exists():
        assert describe_missing("/dev/null") == "not a regular file (a device, FIFO or socket)"


@pytest.mark.parametrize("exclude,named,expected", [
    (["reports/**"], "reports", []),  # a pattern for what is inside the named folder still applies
    (["reports", "reports/old/"], "reports", ["reports/x.txt"]),  # only the one naming it is set aside
    (["data"], "data/reports", ["data/reports/a.txt", "data/reports/sub/b.md"]),  # a folder above it too
    (["sub"], "data", ["data/reports/a.txt"]),
], ids=["contents", "itself", "above", "name-below"])
def test_a_named_folder_is_searched_with_the_patterns_that_do_not_exclude_it(tmp_path, monkeypatch, exclude, named,
                                                                              expected):
    put(tmp_path, "reports/x.txt", "reports/old/y.txt", "data/reports/a.txt", "data/reports/sub/b.md")
    monkeypatch.chdir(tmp_path)
    assert discover([named], exclude, respect_gitignore=False, root=".")[0] == expected


def test_plain_names_are_matched_without_pathspec(tmp_path):
    """The default exclusions are names: a run on a folder does not import pathspec for them."""
    put(tmp_path, "a/b.txt", "build/c.txt", "x/node_modules/d.txt")
    probe = ("import sys; from xxgk_lint.run.config import DEFAULT_EXCLUDE; from xxgk_lint.run.discovery import "
             "discover; print(discover(['.'], DEFAULT_EXCLUDE, False)[0], 'pathspec' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "['a/b.txt'] False"
