"""`xxgk-lint server` without its extra: one clear line, exit 2, never a traceback (the server
itself is tested end to end in tests/lsp/)."""
from __future__ import annotations

import subprocess
import sys


def test_without_pygls_the_command_says_what_to_install():
    probe = ("import sys; sys.modules['pygls'] = None; from xxgk_lint.cli import main; "
             "sys.exit(main(['server']))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "install xxgk-lint[lsp]" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
