"""Shared fixtures: run the real command line in a subprocess, and real report texts to edit."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "rules" / "examples"

# The tests' own cache folder (rule packs, parsed configurations), for every command line they run:
# they must neither depend on the user's nor fill it. Built here, before any test starts a linter
# (the start-up tests count what a run imports, and building the pack imports the schema checker).
if "XXGK_LINT_CACHE_DIR" not in os.environ:
    os.environ["XXGK_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="xxgk-lint-tests-")
    atexit.register(shutil.rmtree, os.environ["XXGK_LINT_CACHE_DIR"], True)
from texts import edit  # noqa: E402

from xxgk_lint.checks.pack import bundled  # noqa: E402

bundled()


def _run(args, input=None, cwd=None, check_traceback=True, timeout=120):
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"  # only the stdio encoding; the linter's own file reading is untouched
    env.pop("GITHUB_ACTIONS", None)  # it would switch the default output format to `github`
    if isinstance(input, str):
        input = input.encode("utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "xxgk_lint", *map(str, args)],
        input=input, cwd=str(cwd or REPO), capture_output=True, timeout=timeout, env=env,
    )
    out = subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )
    if check_traceback:
        assert "Traceback" not in out.stderr, out.stderr
        assert "internal error" not in out.stderr, out.stderr  # the CLI's catch-all for a crash
    return out


@pytest.fixture
def run_cli():
    """run_cli(*args, input=None, cwd=REPO) -> CompletedProcess with str stdout/stderr.

    Runs `python -m xxgk_lint ARGS` in a subprocess (stdin: `input`, str or bytes); fails the test
    if stderr holds a traceback or the CLI's "internal error" message.
    """
    def run(*args, input=None, cwd=None, check_traceback=True):
        return _run(args, input=input, cwd=cwd, check_traceback=check_traceback)

    return run


@pytest.fixture
def run_json(run_cli):
    """run_json(*args, cwd=...) -> (CompletedProcess, parsed JSON list); adds `--format json`."""
    def run(*args, cwd=None):
        proc = run_cli("--format", "json", *args, cwd=cwd)
        assert proc.returncode in (0, 1), proc.stderr
        return proc, json.loads(proc.stdout)

    return run


@pytest.fixture
def example_2021() -> str:
    """The clean bundled 2021-format report (rules/examples/2021.md) as text."""
    return (EXAMPLES / "2021.md").read_text("utf-8")


@pytest.fixture
def write(tmp_path):
    """write(name, text_or_bytes) -> Path under tmp_path (text is written as UTF-8, bytes as is)."""
    def put(name: str, content) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return put


@pytest.fixture
def edit_text():
    return edit
