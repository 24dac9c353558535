"""`path:line:col: CODE message`, one finding per line (already sorted by the engine).

In a .docx or .pdf, line and column are in the document's text as read (`xxgk-lint text FILE`), and
the message ends with where a person looks: （第 3 页，第 2 个表格第 5 行第 10 列「95」）."""
from __future__ import annotations

from ..diagnostic import place_note


def render(diagnostics, context) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}{place_note(d.place, context.lang)}\n"
                   for d in diagnostics)
