"""What the configuration and discovery tests share: the command line in a folder, report files."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(*args, cwd: Path, env: dict | None = None, timeout: int = 60) -> subprocess.CompletedProcess:
    """`python -m xxgk_lint ARGS` in `cwd`; fails on a traceback or an internal error."""
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "--no-cache", *map(str, args)], cwd=cwd, env=full,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def put(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        # a report's first part and no title (S004); a text of no part, table or title would be no
        # annual report at all, and get P005 alone
        (root / name).write_text("一、总体情况\n没有标题的报告\n", "utf-8")
