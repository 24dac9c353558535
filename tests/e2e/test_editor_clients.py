"""The README's editor set-ups, run as written where the editor can run here: efm-langserver (the
no-code route: the command line on the unsaved text, its concise lines read back) driven by a real
LSP client, and Emacs's eglot starting `xxgk-lint server`. Each is skipped where its program is
missing (`.ci/run` installs both from Debian)."""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from texts import edit, example

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
BIN = str(Path(sys.executable).parent)  # the installed `xxgk-lint`, as the editor finds it on PATH
ENV = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
FAULTY = edit(example("2021"), "收到政府信息公开申请12件", "收到政府信息公开申请15件")  # C005
FAULT_LINE = 6  # 0-based, the line of 「15件」


def snippet(after: str, language: str) -> str:
    """The first ```language block of the README after `after`, its list indent taken off."""
    block = re.search(re.escape(after) + r".*?```" + language + r"\n(.*?)```", README, re.S).group(1)
    indent = min(len(line) - len(line.lstrip()) for line in block.splitlines() if line.strip())
    return "\n".join(line[indent:] for line in block.splitlines()) + "\n"


# --- efm-langserver -----------------------------------------------------------------------------------

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

EFM = shutil.which("efm-langserver")
EFM_CONFIG = Path(tempfile.mkdtemp(prefix="xxgk-efm-")) / "config.yaml"
EFM_CONFIG.write_text(snippet("[efm-langserver]", "yaml"), "utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[EFM or "efm-langserver", "-c", str(EFM_CONFIG)],
                                              server_env=ENV))
async def efm(lsp_client: LanguageClient):
    yield
    try:
        await lsp_client.shutdown_session()
    except RuntimeError:  # efm-langserver 0.0.44 exits on `shutdown` before it answers
        pass


@pytest.mark.skipif(EFM is None, reason="efm-langserver is not installed")
@pytest.mark.asyncio(loop_scope="function")
async def test_the_efm_langserver_configuration_shows_findings_of_the_unsaved_text(efm, tmp_path):
    await efm.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                        root_uri=tmp_path.as_uri()))
    path = tmp_path / "r.md"
    path.write_text(example("2021"), "utf-8")  # on disk clean: only the editor's text has the fault
    uri = path.as_uri()
    efm.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=FAULTY)))
    for _ in range(400):
        if efm.diagnostics.get(uri):
            break
        await asyncio.sleep(0.05)
    found = efm.diagnostics.get(uri)
    assert found, "efm-langserver published nothing"
    (d,) = found
    assert d.message.startswith("C005 ") and "15" in d.message
    assert d.range.start.line == FAULT_LINE


# --- Emacs, eglot -------------------------------------------------------------------------------------

def _emacs_with_eglot() -> str | None:
    emacs = shutil.which("emacs")
    if emacs is None:
        return None
    probe = subprocess.run([emacs, "--batch", "-q", "--eval", "(require 'eglot)"], capture_output=True, timeout=60)
    return emacs if probe.returncode == 0 else None


EMACS = _emacs_with_eglot()

# With -q (no user init; the system's, which makes Debian's elpa-eglot loadable): opens the report in
# markdown-mode's stand-in (text-mode: markdown-mode is not in Emacs itself), `M-x eglot` with the
# README's `eglot-server-programs` entry, and waits for flymake's diagnostics (batch Emacs runs no
# idle timers: flymake is started by hand).
ELISP = r"""
(require 'eglot)
(require 'flymake)
%(snippet)s
(define-derived-mode markdown-mode text-mode "Markdown")
(find-file "%(report)s")
(markdown-mode)
(call-interactively #'eglot)
(let ((deadline (+ (float-time) 60)))
  (while (and (< (float-time) deadline) (not (flymake-diagnostics)))
    (accept-process-output nil 0.1)
    (flymake-start)))
(dolist (d (flymake-diagnostics))
  (princ (format "DIAG %%d %%s\n" (line-number-at-pos (flymake-diagnostic-beg d))
                 (flymake-diagnostic-text d))))
(kill-emacs 0)
"""


@pytest.mark.skipif(EMACS is None, reason="emacs with eglot is not installed")
def test_eglot_with_the_readme_entry_shows_the_servers_findings(tmp_path):
    pytest.importorskip("pygls")
    report = tmp_path / "r.md"
    report.write_text(FAULTY, "utf-8")
    script = tmp_path / "check.el"
    script.write_text(ELISP % {"snippet": snippet("**Emacs** (eglot)", "elisp"), "report": report}, "utf-8")
    proc = subprocess.run([EMACS, "--batch", "-q", "-l", str(script)], capture_output=True, text=True,
                          timeout=120, env=ENV, cwd=tmp_path)
    shown = [line for line in proc.stdout.splitlines() if line.startswith("DIAG ")]
    assert shown, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert any(line.startswith(f"DIAG {FAULT_LINE + 1} ") and "15" in line for line in shown), shown
